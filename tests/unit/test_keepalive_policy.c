/* Unit tests for the keep-alive policy (dlls/common/keepalive_policy.c: what
 * Windows holds) and its Linux side (dlls/common/keepalive_linux.c: what the
 * Linux socket gets), checked together as the socket ends up.
 * Build: gcc -Wall -Wextra -I include dlls/common/keepalive_policy.c dlls/common/keepalive_linux.c \
 *        tests/unit/test_keepalive_policy.c $(pkg-config --cflags --libs check) */
#include <check.h>

#include "check_run.h"
#include <stdlib.h>
#include <string.h>

#include "ws2kit/keepalive.h"
#include "ws2kit/keepalive_linux.h"

#define REG_SZ_NUM                  1u
#define REG_BINARY_NUM              3u
#define REG_DWORD_BIG_ENDIAN_NUM    5u
#define REG_QWORD_NUM               11u

#define WIN_NT4    4u
#define WIN_XP     5u
#define WIN_VISTA  6u
#define WIN_10     10u

/* ---- helpers ---------------------------------------------------------------- */

static void set_dword(struct ka_registry *reg, enum ka_value_id id, unsigned int data)
{
    reg->value[id].present = 1;
    reg->value[id].type = KA_REG_DWORD;
    reg->value[id].size = 4;
    reg->value[id].data = data;
}

static struct ka_registry registry_of(unsigned int time, unsigned int interval,
                                      unsigned int retrans, unsigned int pptp)
{
    struct ka_registry reg;

    memset(&reg, 0, sizeof(reg));
    set_dword(&reg, KA_VALUE_TIME, time);
    set_dword(&reg, KA_VALUE_INTERVAL, interval);
    set_dword(&reg, KA_VALUE_MAX_RETRANS, retrans);
    set_dword(&reg, KA_VALUE_PPTP_MAX_RETRANS, pptp);
    return reg;
}

static struct ka_settings settings_from(const struct ka_registry *reg)
{
    struct ka_settings s;

    memset(&s, 0xa5, sizeof(s)); /* every field must be written */
    ka_read_settings(reg, &s);
    return s;
}

static struct ka_settings default_settings(void)
{
    struct ka_registry empty;

    memset(&empty, 0, sizeof(empty));
    return settings_from(&empty);
}

static struct ka_settings retrans_settings(unsigned int retrans, unsigned int pptp)
{
    struct ka_registry reg = registry_of(KA_DEFAULT_TIME_MS, KA_DEFAULT_INTERVAL_MS, retrans, pptp);
    return settings_from(&reg);
}

/* What Windows holds, then what the Linux socket gets of it. */
static struct ka_linux to_linux(const struct ka_windows *windows)
{
    struct ka_linux out;

    memset(&out, 0xa5, sizeof(out));
    ka_to_linux(windows, &out);
    return out;
}

static struct ka_linux run_defaults(const struct ka_settings *s, unsigned int major)
{
    struct ka_windows windows;

    memset(&windows, 0xa5, sizeof(windows));
    ka_windows_defaults(s, major, &windows);
    return to_linux(&windows);
}

static struct ka_linux run_vals(const struct ka_settings *s, unsigned int major,
                                unsigned int onoff, unsigned int time_ms, unsigned int interval_ms)
{
    struct ka_windows windows;

    memset(&windows, 0xa5, sizeof(windows));
    ka_windows_vals(s, major, onoff, time_ms, interval_ms, &windows);
    return to_linux(&windows);
}

/* Valid, non-default data for each value, to tell "taken" from "defaulted". */
static const unsigned int valid_data[KA_VALUE_COUNT] = { 60000, 3000, 7, 9 };

/* Registry with every value valid except `id`, which the caller then spoils. */
static struct ka_registry valid_registry(void)
{
    return registry_of(valid_data[0], valid_data[1], valid_data[2], valid_data[3]);
}

/* Asserts that exactly `id` fell back to its default for `why`; others taken as is. */
static void check_only_defaulted(const struct ka_settings *s, enum ka_value_id id,
                                 enum ka_value_status why)
{
    unsigned int j;

    ck_assert_uint_eq(s->defaulted, 1u << id);
    for (j = 0; j < KA_VALUE_COUNT; j++)
    {
        if (j == id)
        {
            ck_assert_uint_eq(s->value[j], ka_value_rules[j].default_value);
            ck_assert_int_eq(s->status[j], why);
        }
        else
        {
            ck_assert_uint_eq(s->value[j], valid_data[j]);
            ck_assert_int_eq(s->status[j], KA_STATUS_OK);
        }
    }
}

/* ---- the table ---------------------------------------------------------------- */

static int wide_equals_narrow(const unsigned short *w, const char *n)
{
    while (*n && *w == (unsigned char)*n) { w++; n++; }
    return *w == 0 && *n == 0;
}

START_TEST(test_rules_table)
{
    static const struct { const char *name; unsigned int def, min, max; } expect[KA_VALUE_COUNT] =
    {
        { "KeepAliveTime",                 7200000, 1, 0xFFFFFFFFu },
        { "KeepAliveInterval",             1000,    1, 0xFFFFFFFFu },
        { "TcpMaxDataRetransmissions",     5,       0, 0xFFFFFFFFu },
        { "PPTPTcpMaxDataRetransmissions", 5,       0, 0xFFu },
    };
    unsigned int i;

    for (i = 0; i < KA_VALUE_COUNT; i++)
    {
        ck_assert_str_eq(ka_value_rules[i].name, expect[i].name);
        ck_assert_msg(wide_equals_narrow(ka_value_rules[i].wname, expect[i].name),
                      "wide name of row %u differs from %s", i, expect[i].name);
        ck_assert_uint_eq(ka_value_rules[i].default_value, expect[i].def);
        ck_assert_uint_eq(ka_value_rules[i].min_value, expect[i].min);
        ck_assert_uint_eq(ka_value_rules[i].max_value, expect[i].max);
    }
}
END_TEST

START_TEST(test_registry_key_name)
{
    ck_assert_str_eq(KA_REGISTRY_KEY, "SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters");
    ck_assert(wide_equals_narrow(KA_REGISTRY_KEY_W, KA_REGISTRY_KEY));
}
END_TEST

/* ---- ka_read_settings ------------------------------------------------------ */

START_TEST(test_all_missing_gives_every_default)
{
    struct ka_settings s = default_settings();
    unsigned int i;

    ck_assert_uint_eq(s.value[KA_VALUE_TIME], 7200000);
    ck_assert_uint_eq(s.value[KA_VALUE_INTERVAL], 1000);
    ck_assert_uint_eq(s.value[KA_VALUE_MAX_RETRANS], 5);
    ck_assert_uint_eq(s.value[KA_VALUE_PPTP_MAX_RETRANS], 5);
    ck_assert_uint_eq(s.defaulted, KA_DEFAULTED_TIME | KA_DEFAULTED_INTERVAL |
                      KA_DEFAULTED_MAX_RETRANS | KA_DEFAULTED_PPTP_MAX_RETRANS);
    ck_assert_uint_eq(s.defaulted, 0xf);
    for (i = 0; i < KA_VALUE_COUNT; i++) ck_assert_int_eq(s.status[i], KA_STATUS_MISSING);
}
END_TEST

START_TEST(test_all_valid_taken)
{
    struct ka_registry reg = valid_registry();
    struct ka_settings s = settings_from(&reg);
    unsigned int i;

    ck_assert_uint_eq(s.defaulted, 0);
    for (i = 0; i < KA_VALUE_COUNT; i++)
    {
        ck_assert_uint_eq(s.value[i], valid_data[i]);
        ck_assert_int_eq(s.status[i], KA_STATUS_OK);
    }
}
END_TEST

/* Loop tests: _i is the ka_value_id under test. */
START_TEST(test_value_missing)
{
    struct ka_registry reg = valid_registry();
    struct ka_settings s;

    reg.value[_i].present = 0; /* type/size/data still look valid: must be ignored */
    s = settings_from(&reg);
    check_only_defaulted(&s, _i, KA_STATUS_MISSING);
}
END_TEST

START_TEST(test_value_wrong_type)
{
    static const unsigned int types[] = { 0 /* REG_NONE */, REG_SZ_NUM, REG_BINARY_NUM,
                                          REG_DWORD_BIG_ENDIAN_NUM, REG_QWORD_NUM };
    unsigned int t;

    for (t = 0; t < sizeof(types) / sizeof(types[0]); t++)
    {
        struct ka_registry reg = valid_registry();
        struct ka_settings s;

        reg.value[_i].type = types[t]; /* size 4 and data valid */
        s = settings_from(&reg);
        check_only_defaulted(&s, _i, KA_STATUS_WRONG_TYPE);
    }
}
END_TEST

START_TEST(test_value_wrong_size)
{
    static const unsigned int sizes[] = { 0, 1, 2, 3, 5, 8 };
    unsigned int k;

    for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++)
    {
        struct ka_registry reg = valid_registry();
        struct ka_settings s;

        reg.value[_i].size = sizes[k];
        s = settings_from(&reg);
        check_only_defaulted(&s, _i, KA_STATUS_WRONG_SIZE);
    }
}
END_TEST

START_TEST(test_value_at_bounds_accepted)
{
    const unsigned int bounds[2] = { ka_value_rules[_i].min_value, ka_value_rules[_i].max_value };
    unsigned int b;

    for (b = 0; b < 2; b++)
    {
        struct ka_registry reg = valid_registry();
        struct ka_settings s;

        reg.value[_i].data = bounds[b];
        s = settings_from(&reg);
        ck_assert_uint_eq(s.defaulted, 0);
        ck_assert_int_eq(s.status[_i], KA_STATUS_OK);
        ck_assert_uint_eq(s.value[_i], bounds[b]);
    }
}
END_TEST

START_TEST(test_time_zero_out_of_range)
{
    struct ka_registry reg = valid_registry();
    struct ka_settings s;

    reg.value[KA_VALUE_TIME].data = 0;
    s = settings_from(&reg);
    check_only_defaulted(&s, KA_VALUE_TIME, KA_STATUS_OUT_OF_RANGE);
    ck_assert_uint_eq(s.value[KA_VALUE_TIME], 7200000);
}
END_TEST

START_TEST(test_interval_zero_out_of_range)
{
    struct ka_registry reg = valid_registry();
    struct ka_settings s;

    reg.value[KA_VALUE_INTERVAL].data = 0;
    s = settings_from(&reg);
    check_only_defaulted(&s, KA_VALUE_INTERVAL, KA_STATUS_OUT_OF_RANGE);
    ck_assert_uint_eq(s.value[KA_VALUE_INTERVAL], 1000);
}
END_TEST

START_TEST(test_pptp_above_ff_out_of_range)
{
    static const unsigned int bad[] = { 0x100, 300, 0xFFFFFFFFu };
    unsigned int k;

    for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
    {
        struct ka_registry reg = valid_registry();
        struct ka_settings s;

        reg.value[KA_VALUE_PPTP_MAX_RETRANS].data = bad[k];
        s = settings_from(&reg);
        check_only_defaulted(&s, KA_VALUE_PPTP_MAX_RETRANS, KA_STATUS_OUT_OF_RANGE);
        ck_assert_uint_eq(s.value[KA_VALUE_PPTP_MAX_RETRANS], 5);
    }
}
END_TEST

START_TEST(test_retrans_whole_range_valid)
{
    /* TcpMaxDataRetransmissions is 0..0xFFFFFFFF: no DWORD is out of range. */
    static const unsigned int data[] = { 0, 1, 255, 256, 300, 0x7FFFFFFFu, 0xFFFFFFFFu };
    unsigned int k;

    for (k = 0; k < sizeof(data) / sizeof(data[0]); k++)
    {
        struct ka_registry reg = valid_registry();
        struct ka_settings s;

        reg.value[KA_VALUE_MAX_RETRANS].data = data[k];
        s = settings_from(&reg);
        ck_assert_uint_eq(s.defaulted, 0);
        ck_assert_uint_eq(s.value[KA_VALUE_MAX_RETRANS], data[k]);
    }
}
END_TEST

START_TEST(test_several_defaulted_bits)
{
    struct ka_registry reg = valid_registry();
    struct ka_settings s;

    reg.value[KA_VALUE_TIME].present = 0;
    reg.value[KA_VALUE_PPTP_MAX_RETRANS].type = REG_SZ_NUM;
    s = settings_from(&reg);
    ck_assert_uint_eq(s.defaulted, KA_DEFAULTED_TIME | KA_DEFAULTED_PPTP_MAX_RETRANS);
    ck_assert_int_eq(s.status[KA_VALUE_TIME], KA_STATUS_MISSING);
    ck_assert_int_eq(s.status[KA_VALUE_PPTP_MAX_RETRANS], KA_STATUS_WRONG_TYPE);
    ck_assert_uint_eq(s.value[KA_VALUE_INTERVAL], 3000);
    ck_assert_uint_eq(s.value[KA_VALUE_MAX_RETRANS], 7);
}
END_TEST

/* ---- Windows probe count ------------------------------------------------------ */

START_TEST(test_probes_vista_fixed_ten)
{
    static const unsigned int majors[] = { WIN_VISTA, 7, WIN_10, 0xFFFFFFFFu };
    struct ka_settings d = default_settings();
    struct ka_settings zero = retrans_settings(0, 0);
    struct ka_settings big = retrans_settings(300, 200);
    unsigned int m;

    for (m = 0; m < sizeof(majors) / sizeof(majors[0]); m++)
    {
        ck_assert_uint_eq(ka_windows_probes(&d, majors[m]), 10);
        ck_assert_uint_eq(ka_windows_probes(&zero, majors[m]), 10);
        ck_assert_uint_eq(ka_windows_probes(&big, majors[m]), 10);
    }
}
END_TEST

START_TEST(test_probes_legacy_defaults_five)
{
    struct ka_settings d = default_settings();

    ck_assert_uint_eq(ka_windows_probes(&d, WIN_XP), 5);
    ck_assert_uint_eq(ka_windows_probes(&d, WIN_NT4), 5); /* older than 5: legacy class */
    ck_assert_uint_eq(ka_windows_probes(&d, 0), 5);
}
END_TEST

START_TEST(test_probes_legacy_max_of_two)
{
    struct ka_settings a = retrans_settings(3, 8);
    struct ka_settings b = retrans_settings(8, 3);
    struct ka_settings c = retrans_settings(0, 2);
    struct ka_settings e = retrans_settings(12, 12);

    ck_assert_uint_eq(ka_windows_probes(&a, WIN_XP), 8);
    ck_assert_uint_eq(ka_windows_probes(&b, WIN_XP), 8);
    ck_assert_uint_eq(ka_windows_probes(&c, WIN_XP), 2);
    ck_assert_uint_eq(ka_windows_probes(&e, WIN_XP), 12);
}
END_TEST

START_TEST(test_probes_legacy_invalid_value_uses_default_in_max)
{
    /* PPTP 0x100 is out of range -> 5, which beats TcpMaxDataRetransmissions 2. */
    struct ka_settings s = retrans_settings(2, 0x100);
    struct ka_registry reg = registry_of(1, 1, 0, 0);
    struct ka_settings t;

    ck_assert_uint_eq(ka_windows_probes(&s, WIN_XP), 5);
    /* Missing TcpMaxDataRetransmissions -> 5, beats PPTP 0. */
    reg.value[KA_VALUE_MAX_RETRANS].present = 0;
    t = settings_from(&reg);
    ck_assert_uint_eq(ka_windows_probes(&t, WIN_XP), 5);
}
END_TEST

START_TEST(test_probes_legacy_zero_and_cap)
{
    struct ka_settings zero = retrans_settings(0, 0);
    struct ka_settings at = retrans_settings(255, 0);
    struct ka_settings over = retrans_settings(256, 0);
    struct ka_settings huge = retrans_settings(0xFFFFFFFFu, 0xFF);

    ck_assert_uint_eq(ka_windows_probes(&zero, WIN_XP), 0);
    ck_assert_uint_eq(ka_windows_probes(&at, WIN_XP), 255);
    ck_assert_uint_eq(ka_windows_probes(&over, WIN_XP), 255);
    ck_assert_uint_eq(ka_windows_probes(&huge, WIN_XP), 255);
}
END_TEST

/* ---- connect in progress ----------------------------------------------------- */

START_TEST(test_connect_in_progress_by_version)
{
    ck_assert_int_eq(ka_connect_in_progress_allowed(0), 1);
    ck_assert_int_eq(ka_connect_in_progress_allowed(WIN_NT4), 1);
    ck_assert_int_eq(ka_connect_in_progress_allowed(WIN_XP), 1);
    ck_assert_int_eq(ka_connect_in_progress_allowed(WIN_VISTA), 0);
    ck_assert_int_eq(ka_connect_in_progress_allowed(WIN_10), 0);
}
END_TEST

/* ---- ms -> seconds ------------------------------------------------------------ */

static const struct { unsigned int ms, seconds; int clamped; } rounding[] =
{
    { 0,           1,     1 },
    { 1,           1,     1 },
    { 499,         1,     1 },
    { 500,         1,     0 },
    { 999,         1,     0 },
    { 1000,        1,     0 },
    { 1499,        1,     0 },
    { 1500,        2,     0 },
    { 2499,        2,     0 },
    { 2500,        3,     0 },
    { 7200000,     7200,  0 },
    { 32766500,    32767, 0 },
    { 32767000,    32767, 0 },
    { 32767499,    32767, 0 },
    { 32767500,    32767, 1 }, /* rounds to 32768 */
    { 32768000,    32767, 1 },
    { 4294966795u, 32767, 1 }, /* + 500 would still fit */
    { 4294966796u, 32767, 1 }, /* + 500 would wrap to 0 */
    { 4294967000u, 32767, 1 }, /* + 500 would wrap to 204 */
    { 0xFFFFFFFFu, 32767, 1 }, /* + 500 would wrap to 499 */
};

START_TEST(test_ms_rounding_table)
{
    int clamped = 0xa5;

    ck_assert_uint_eq(ka_ms_to_linux_seconds(rounding[_i].ms, &clamped), rounding[_i].seconds);
    ck_assert_int_eq(clamped, rounding[_i].clamped);
}
END_TEST

START_TEST(test_ms_rounding_null_flag)
{
    ck_assert_uint_eq(ka_ms_to_linux_seconds(1500, NULL), 2);
    ck_assert_uint_eq(ka_ms_to_linux_seconds(0, NULL), 1);
    ck_assert_uint_eq(ka_ms_to_linux_seconds(0xFFFFFFFFu, NULL), 32767);
}
END_TEST

START_TEST(test_ms_rounding_monotonic_sweep)
{
    /* Every whole-second boundary in range: n*1000-501 -> n-1, n*1000-500 -> n. */
    unsigned int n;

    for (n = 2; n <= 32767; n++)
    {
        ck_assert_uint_eq(ka_ms_to_linux_seconds(n * 1000 - 501, NULL), n - 1);
        ck_assert_uint_eq(ka_ms_to_linux_seconds(n * 1000 - 500, NULL), n);
    }
}
END_TEST

/* ---- ka_windows_defaults, then ka_to_linux ---------------------------------- */

START_TEST(test_defaults_vista)
{
    struct ka_settings s = default_settings();
    struct ka_linux l = run_defaults(&s, WIN_10);

    ck_assert_int_eq(l.keepalive_on, 1);
    ck_assert_int_eq(l.enable_kernel_keepalive, 1);
    ck_assert_uint_eq(l.idle_s, 7200);
    ck_assert_uint_eq(l.interval_s, 1);
    ck_assert_uint_eq(l.count, 10);
    ck_assert_uint_eq(l.windows_probes, 10);
    ck_assert_uint_eq(l.clamped, 0);
}
END_TEST

START_TEST(test_defaults_xp)
{
    struct ka_settings s = default_settings();
    struct ka_linux l = run_defaults(&s, WIN_XP);

    ck_assert_int_eq(l.keepalive_on, 1);
    ck_assert_int_eq(l.enable_kernel_keepalive, 1);
    ck_assert_uint_eq(l.idle_s, 7200);
    ck_assert_uint_eq(l.interval_s, 1);
    ck_assert_uint_eq(l.count, 5);
    ck_assert_uint_eq(l.windows_probes, 5);
    ck_assert_uint_eq(l.clamped, 0);
}
END_TEST

START_TEST(test_defaults_registry_time_and_interval)
{
    struct ka_registry reg = registry_of(600000, 2500, 5, 5);
    struct ka_settings s = settings_from(&reg);
    struct ka_linux l = run_defaults(&s, WIN_VISTA);

    ck_assert_uint_eq(l.idle_s, 600);
    ck_assert_uint_eq(l.interval_s, 3);
    ck_assert_uint_eq(l.count, 10);
    ck_assert_uint_eq(l.clamped, 0);
}
END_TEST

START_TEST(test_defaults_xp_zero_probes)
{
    struct ka_settings s = retrans_settings(0, 0);
    struct ka_linux l = run_defaults(&s, WIN_XP);

    ck_assert_int_eq(l.keepalive_on, 1);            /* getsockopt says TRUE */
    ck_assert_int_eq(l.enable_kernel_keepalive, 0); /* but Linux never probes */
    ck_assert_uint_eq(l.windows_probes, 0);
    ck_assert_uint_eq(l.count, 0);
    ck_assert_uint_eq(l.idle_s, 7200);
    ck_assert_uint_eq(l.interval_s, 1);
    ck_assert_uint_eq(l.clamped, 0);
}
END_TEST

START_TEST(test_defaults_xp_300_capped_and_clamped)
{
    struct ka_settings s = retrans_settings(300, 0);
    struct ka_linux l = run_defaults(&s, WIN_XP);

    ck_assert_uint_eq(l.windows_probes, 255);
    ck_assert_uint_eq(l.count, 127);
    ck_assert_uint_eq(l.clamped, KA_CLAMPED_COUNT);
    ck_assert_int_eq(l.enable_kernel_keepalive, 1);
}
END_TEST

START_TEST(test_defaults_xp_count_at_linux_max)
{
    struct ka_settings s127 = retrans_settings(127, 0);
    struct ka_settings s128 = retrans_settings(0, 128);
    struct ka_linux a = run_defaults(&s127, WIN_XP);
    struct ka_linux b = run_defaults(&s128, WIN_XP);

    ck_assert_uint_eq(a.count, 127);
    ck_assert_uint_eq(a.clamped, 0);
    ck_assert_uint_eq(b.count, 127);
    ck_assert_uint_eq(b.windows_probes, 128);
    ck_assert_uint_eq(b.clamped, KA_CLAMPED_COUNT);
}
END_TEST

START_TEST(test_defaults_vista_ignores_registry_retrans)
{
    struct ka_settings s = retrans_settings(300, 0);
    struct ka_linux l = run_defaults(&s, WIN_VISTA);
    struct ka_settings z = retrans_settings(0, 0);
    struct ka_linux m = run_defaults(&z, WIN_VISTA);

    ck_assert_uint_eq(l.count, 10);
    ck_assert_uint_eq(l.clamped, 0);
    ck_assert_int_eq(m.enable_kernel_keepalive, 1);
    ck_assert_uint_eq(m.count, 10);
}
END_TEST

START_TEST(test_defaults_huge_registry_values_clamped)
{
    struct ka_registry reg = registry_of(0xFFFFFFFFu, 0xFFFFFFFFu, 5, 5);
    struct ka_settings s = settings_from(&reg);
    struct ka_linux l = run_defaults(&s, WIN_10);

    ck_assert_uint_eq(s.defaulted, 0);
    ck_assert_uint_eq(l.idle_s, 32767);
    ck_assert_uint_eq(l.interval_s, 32767);
    ck_assert_uint_eq(l.clamped, KA_CLAMPED_IDLE | KA_CLAMPED_INTERVAL);
}
END_TEST

START_TEST(test_defaults_small_registry_values_clamped)
{
    struct ka_registry reg = registry_of(499, 1, 5, 5);
    struct ka_settings s = settings_from(&reg);
    struct ka_linux l = run_defaults(&s, WIN_XP);

    ck_assert_uint_eq(l.idle_s, 1);
    ck_assert_uint_eq(l.interval_s, 1);
    ck_assert_uint_eq(l.clamped, KA_CLAMPED_IDLE | KA_CLAMPED_INTERVAL);
}
END_TEST

/* ---- ka_windows_vals, then ka_to_linux -------------------------------------- */

START_TEST(test_vals_off)
{
    struct ka_settings s = default_settings();
    struct ka_linux l = run_vals(&s, WIN_10, 0, 60000, 5000);
    struct ka_linux x = run_vals(&s, WIN_XP, 0, 0, 0xFFFFFFFFu);

    ck_assert_int_eq(l.keepalive_on, 0);
    ck_assert_int_eq(l.enable_kernel_keepalive, 0);
    ck_assert_uint_eq(l.idle_s, 0);
    ck_assert_uint_eq(l.interval_s, 0);
    ck_assert_uint_eq(l.count, 0);
    ck_assert_uint_eq(l.windows_probes, 0);
    ck_assert_uint_eq(l.clamped, 0);
    /* time and interval ignored: nothing clamped even for 0 / huge */
    ck_assert_int_eq(x.keepalive_on, 0);
    ck_assert_int_eq(x.enable_kernel_keepalive, 0);
    ck_assert_uint_eq(x.clamped, 0);
}
END_TEST

START_TEST(test_vals_on_uses_own_time_and_interval)
{
    struct ka_registry reg = registry_of(600000, 2000, 5, 5);
    struct ka_settings s = settings_from(&reg);
    struct ka_linux l = run_vals(&s, WIN_10, 1, 30000, 5000);

    ck_assert_int_eq(l.keepalive_on, 1);
    ck_assert_int_eq(l.enable_kernel_keepalive, 1);
    ck_assert_uint_eq(l.idle_s, 30);   /* not the registry's 600 */
    ck_assert_uint_eq(l.interval_s, 5); /* not the registry's 2 */
    ck_assert_uint_eq(l.count, 10);
    ck_assert_uint_eq(l.clamped, 0);
}
END_TEST

START_TEST(test_vals_any_nonzero_onoff_enables)
{
    struct ka_settings s = default_settings();
    struct ka_linux a = run_vals(&s, WIN_10, 2, 1500, 2500);
    struct ka_linux b = run_vals(&s, WIN_10, 0xFFFFFFFFu, 1500, 2500);

    ck_assert_int_eq(a.keepalive_on, 1);
    ck_assert_int_eq(a.enable_kernel_keepalive, 1);
    ck_assert_uint_eq(a.idle_s, 2);
    ck_assert_uint_eq(a.interval_s, 3);
    ck_assert_int_eq(b.keepalive_on, 1);
    ck_assert_int_eq(b.enable_kernel_keepalive, 1);
}
END_TEST

START_TEST(test_vals_rounding_and_clamping)
{
    struct ka_settings s = default_settings();
    struct ka_linux l = run_vals(&s, WIN_10, 1, 0, 0xFFFFFFFFu);
    struct ka_linux m = run_vals(&s, WIN_10, 1, 0xFFFFFFFFu, 499);
    struct ka_linux n = run_vals(&s, WIN_10, 1, 500, 1499);

    ck_assert_uint_eq(l.idle_s, 1);
    ck_assert_uint_eq(l.interval_s, 32767);
    ck_assert_uint_eq(l.clamped, KA_CLAMPED_IDLE | KA_CLAMPED_INTERVAL);
    ck_assert_uint_eq(m.idle_s, 32767);
    ck_assert_uint_eq(m.interval_s, 1);
    ck_assert_uint_eq(m.clamped, KA_CLAMPED_IDLE | KA_CLAMPED_INTERVAL);
    ck_assert_uint_eq(n.idle_s, 1);
    ck_assert_uint_eq(n.interval_s, 1);
    ck_assert_uint_eq(n.clamped, 0);
}
END_TEST

START_TEST(test_vals_probe_count_from_version)
{
    struct ka_settings s = retrans_settings(3, 8);
    struct ka_settings zero = retrans_settings(0, 0);
    struct ka_settings big = retrans_settings(300, 0);
    struct ka_linux xp, vista, xp0, xpbig;

    xp = run_vals(&s, WIN_XP, 1, 10000, 1000);
    vista = run_vals(&s, WIN_VISTA, 1, 10000, 1000);
    xp0 = run_vals(&zero, WIN_XP, 1, 10000, 1000);
    xpbig = run_vals(&big, WIN_XP, 1, 10000, 1000);

    ck_assert_uint_eq(xp.count, 8);
    ck_assert_uint_eq(vista.count, 10);
    ck_assert_int_eq(xp0.keepalive_on, 1);
    ck_assert_int_eq(xp0.enable_kernel_keepalive, 0);
    ck_assert_uint_eq(xp0.count, 0);
    ck_assert_uint_eq(xp0.idle_s, 10);
    ck_assert_uint_eq(xpbig.windows_probes, 255);
    ck_assert_uint_eq(xpbig.count, 127);
    ck_assert_uint_eq(xpbig.clamped, KA_CLAMPED_COUNT);
}
END_TEST

/* ---- names ----------------------------------------------------------------------- */

START_TEST(test_names)
{
    ck_assert_str_eq(ka_defaulted_bit_name(KA_DEFAULTED_TIME), "KeepAliveTime");
    ck_assert_str_eq(ka_defaulted_bit_name(KA_DEFAULTED_INTERVAL), "KeepAliveInterval");
    ck_assert_str_eq(ka_defaulted_bit_name(KA_DEFAULTED_MAX_RETRANS), "TcpMaxDataRetransmissions");
    ck_assert_str_eq(ka_defaulted_bit_name(KA_DEFAULTED_PPTP_MAX_RETRANS),
                     "PPTPTcpMaxDataRetransmissions");
    ck_assert_str_eq(ka_defaulted_bit_name(0), "?");
    ck_assert_str_eq(ka_defaulted_bit_name(KA_DEFAULTED_TIME | KA_DEFAULTED_INTERVAL), "?");
    ck_assert_str_eq(ka_defaulted_bit_name(1u << KA_VALUE_COUNT), "?");

    ck_assert_str_eq(ka_clamped_bit_name(KA_CLAMPED_IDLE), "TCP_KEEPIDLE");
    ck_assert_str_eq(ka_clamped_bit_name(KA_CLAMPED_INTERVAL), "TCP_KEEPINTVL");
    ck_assert_str_eq(ka_clamped_bit_name(KA_CLAMPED_COUNT), "TCP_KEEPCNT");
    ck_assert_str_eq(ka_clamped_bit_name(0), "?");
    ck_assert_str_eq(ka_clamped_bit_name(0x8), "?");
    ck_assert_str_eq(ka_clamped_bit_name(KA_CLAMPED_IDLE | KA_CLAMPED_COUNT), "?");

    ck_assert_str_eq(ka_status_name(KA_STATUS_OK), "ok");
    ck_assert_str_eq(ka_status_name(KA_STATUS_MISSING), "missing");
    ck_assert_str_eq(ka_status_name(KA_STATUS_WRONG_TYPE), "wrong type");
    ck_assert_str_eq(ka_status_name(KA_STATUS_WRONG_SIZE), "wrong size");
    ck_assert_str_eq(ka_status_name(KA_STATUS_OUT_OF_RANGE), "out of range");
    ck_assert_str_eq(ka_status_name((enum ka_value_status)99), "?");
}
END_TEST

/* The one line the DLL's trace and ws2diag both print for a value. */
START_TEST(test_describe_value)
{
    struct ka_registry reg = registry_of(2000, 3000, 7, 0);  /* 3000 and 7 are not taken */
    struct ka_settings s;
    char line[96];

    reg.value[KA_VALUE_INTERVAL].present = 0;
    reg.value[KA_VALUE_MAX_RETRANS].size = 2;
    s = settings_from(&reg);
    ka_describe_value(&s, KA_VALUE_TIME, line, sizeof(line));
    ck_assert_str_eq(line, "KeepAliveTime: 2000 from the registry");
    ka_describe_value(&s, KA_VALUE_INTERVAL, line, sizeof(line));
    ck_assert_str_eq(line, "KeepAliveInterval: missing, default 1000 applies");
    ka_describe_value(&s, KA_VALUE_MAX_RETRANS, line, sizeof(line));
    ck_assert_str_eq(line, "TcpMaxDataRetransmissions: wrong size, default 5 applies");
    ka_describe_value(&s, KA_VALUE_COUNT, line, sizeof(line));
    ck_assert_str_eq(line, "?");
    ka_describe_value(&s, KA_VALUE_TIME, line, 8);
    ck_assert_str_eq(line, "KeepAli");
}
END_TEST

/* ---- runner ------------------------------------------------------------------------ */

static Suite *keepalive_suite(void)
{
    Suite *suite = suite_create("keepalive_policy");
    TCase *tc;

    tc = tcase_create("table");
    tcase_add_test(tc, test_rules_table);
    tcase_add_test(tc, test_registry_key_name);
    suite_add_tcase(suite, tc);

    tc = tcase_create("registry");
    tcase_add_test(tc, test_all_missing_gives_every_default);
    tcase_add_test(tc, test_all_valid_taken);
    tcase_add_loop_test(tc, test_value_missing, 0, KA_VALUE_COUNT);
    tcase_add_loop_test(tc, test_value_wrong_type, 0, KA_VALUE_COUNT);
    tcase_add_loop_test(tc, test_value_wrong_size, 0, KA_VALUE_COUNT);
    tcase_add_loop_test(tc, test_value_at_bounds_accepted, 0, KA_VALUE_COUNT);
    tcase_add_test(tc, test_time_zero_out_of_range);
    tcase_add_test(tc, test_interval_zero_out_of_range);
    tcase_add_test(tc, test_pptp_above_ff_out_of_range);
    tcase_add_test(tc, test_retrans_whole_range_valid);
    tcase_add_test(tc, test_several_defaulted_bits);
    suite_add_tcase(suite, tc);

    tc = tcase_create("version");
    tcase_add_test(tc, test_probes_vista_fixed_ten);
    tcase_add_test(tc, test_probes_legacy_defaults_five);
    tcase_add_test(tc, test_probes_legacy_max_of_two);
    tcase_add_test(tc, test_probes_legacy_invalid_value_uses_default_in_max);
    tcase_add_test(tc, test_probes_legacy_zero_and_cap);
    tcase_add_test(tc, test_connect_in_progress_by_version);
    suite_add_tcase(suite, tc);

    tc = tcase_create("seconds");
    tcase_add_loop_test(tc, test_ms_rounding_table, 0, sizeof(rounding) / sizeof(rounding[0]));
    tcase_add_test(tc, test_ms_rounding_null_flag);
    tcase_add_test(tc, test_ms_rounding_monotonic_sweep);
    suite_add_tcase(suite, tc);

    tc = tcase_create("policy_defaults");
    tcase_add_test(tc, test_defaults_vista);
    tcase_add_test(tc, test_defaults_xp);
    tcase_add_test(tc, test_defaults_registry_time_and_interval);
    tcase_add_test(tc, test_defaults_xp_zero_probes);
    tcase_add_test(tc, test_defaults_xp_300_capped_and_clamped);
    tcase_add_test(tc, test_defaults_xp_count_at_linux_max);
    tcase_add_test(tc, test_defaults_vista_ignores_registry_retrans);
    tcase_add_test(tc, test_defaults_huge_registry_values_clamped);
    tcase_add_test(tc, test_defaults_small_registry_values_clamped);
    suite_add_tcase(suite, tc);

    tc = tcase_create("policy_vals");
    tcase_add_test(tc, test_vals_off);
    tcase_add_test(tc, test_vals_on_uses_own_time_and_interval);
    tcase_add_test(tc, test_vals_any_nonzero_onoff_enables);
    tcase_add_test(tc, test_vals_rounding_and_clamping);
    tcase_add_test(tc, test_vals_probe_count_from_version);
    suite_add_tcase(suite, tc);

    tc = tcase_create("names");
    tcase_add_test(tc, test_names);
    tcase_add_test(tc, test_describe_value);
    suite_add_tcase(suite, tc);

    return suite;
}

int main(void)
{
    return run_suite(keepalive_suite());
}
