/* ws2kit keep-alive policy (see include/ws2kit/keepalive.h).
 * Pure C: no I/O, no registry, no Windows headers; built for host and MinGW. */
#include <stddef.h>

#include "ws2kit/keepalive.h"

const struct ka_value_rule ka_value_rules[KA_VALUE_COUNT] =
{
    /*                             name                             wname                             default                      min                      max */
    [KA_VALUE_TIME]             = { "KeepAliveTime",                 u"KeepAliveTime",                 KA_DEFAULT_TIME_MS,          KA_MIN_TIME_MS,          KA_MAX_TIME_MS },
    [KA_VALUE_INTERVAL]         = { "KeepAliveInterval",             u"KeepAliveInterval",             KA_DEFAULT_INTERVAL_MS,      KA_MIN_INTERVAL_MS,      KA_MAX_INTERVAL_MS },
    [KA_VALUE_MAX_RETRANS]      = { "TcpMaxDataRetransmissions",     u"TcpMaxDataRetransmissions",     KA_DEFAULT_MAX_RETRANS,      KA_MIN_MAX_RETRANS,      KA_MAX_MAX_RETRANS },
    [KA_VALUE_PPTP_MAX_RETRANS] = { "PPTPTcpMaxDataRetransmissions", u"PPTPTcpMaxDataRetransmissions", KA_DEFAULT_PPTP_MAX_RETRANS, KA_MIN_PPTP_MAX_RETRANS, KA_MAX_PPTP_MAX_RETRANS },
};

/* ---- Registry ------------------------------------------------------------ */

static enum ka_value_status check_value(const struct ka_registry_value *raw,
                                        const struct ka_value_rule *rule)
{
    if (!raw->present) return KA_STATUS_MISSING;
    if (raw->type != KA_REG_DWORD) return KA_STATUS_WRONG_TYPE;
    if (raw->size != KA_REG_DWORD_SIZE) return KA_STATUS_WRONG_SIZE;
    if (raw->data < rule->min_value || raw->data > rule->max_value) return KA_STATUS_OUT_OF_RANGE;
    return KA_STATUS_OK;
}

void ka_read_settings(const struct ka_registry *reg, struct ka_settings *out)
{
    unsigned int id;

    out->defaulted = 0;
    for (id = 0; id < KA_VALUE_COUNT; id++)
    {
        const struct ka_value_rule *rule = &ka_value_rules[id];
        enum ka_value_status status = check_value(&reg->value[id], rule);

        out->status[id] = status;
        if (status == KA_STATUS_OK)
            out->value[id] = reg->value[id].data;
        else
        {
            out->value[id] = rule->default_value;
            out->defaulted |= 1u << id;
        }
    }
}

/* ---- Windows version classes --------------------------------------------- */

static int is_vista_or_later(unsigned int win_major)
{
    return win_major >= KA_VISTA_MAJOR;
}

unsigned int ka_windows_probes(const struct ka_settings *settings, unsigned int win_major)
{
    unsigned int retrans = settings->value[KA_VALUE_MAX_RETRANS];
    unsigned int pptp = settings->value[KA_VALUE_PPTP_MAX_RETRANS];
    unsigned int probes;

    if (is_vista_or_later(win_major)) return KA_VISTA_PROBES;
    probes = retrans > pptp ? retrans : pptp;
    return probes > KA_LEGACY_PROBES_MAX ? KA_LEGACY_PROBES_MAX : probes;
}

int ka_connect_in_progress_allowed(unsigned int win_major)
{
    return !is_vista_or_later(win_major);
}

/* ---- Linux ---------------------------------------------------------------- */

static unsigned int clamp(unsigned int value, unsigned int min, unsigned int max, int *clamped)
{
    unsigned int result = value < min ? min : value > max ? max : value;

    if (clamped) *clamped = result != value;
    return result;
}

/* Nearest second, halves up, clamped to 1..max.  Written as quotient plus a
 * remainder test so that ms near 0xFFFFFFFF cannot overflow (ms + 500 would). */
static unsigned int ms_to_seconds(unsigned int ms, unsigned int max, int *clamped)
{
    unsigned int seconds = ms / 1000 + (ms % 1000 >= 500);

    return clamp(seconds, KA_LINUX_MIN_SECONDS, max, clamped);
}

/* One public conversion serves both options because Linux gives them the same range. */
_Static_assert(KA_LINUX_MAX_IDLE == KA_LINUX_MAX_INTERVAL, "TCP_KEEPIDLE/TCP_KEEPINTVL ranges differ");

unsigned int ka_ms_to_linux_seconds(unsigned int ms, int *clamped)
{
    return ms_to_seconds(ms, KA_LINUX_MAX_IDLE, clamped);
}

/* Fills *out for an enabled keep-alive with the given Windows time and interval. */
static void policy_enabled(const struct ka_settings *settings, unsigned int win_major,
                           unsigned int time_ms, unsigned int interval_ms, struct ka_linux *out)
{
    int idle_clamped, interval_clamped, count_clamped = 0;

    out->keepalive_on = 1;
    out->idle_s = ms_to_seconds(time_ms, KA_LINUX_MAX_IDLE, &idle_clamped);
    out->interval_s = ms_to_seconds(interval_ms, KA_LINUX_MAX_INTERVAL, &interval_clamped);
    /* Windows keeps milliseconds and reports whole seconds; Linux only holds 1..32767 s. */
    out->windows_idle_s = time_ms / 1000;
    out->windows_interval_s = interval_ms / 1000;
    out->windows_probes = ka_windows_probes(settings, win_major);
    /* No probes at all: Windows reports keep-alive on but never probes, so the
     * Linux socket keeps SO_KEEPALIVE off (TCP_KEEPCNT cannot express 0). */
    out->enable_kernel_keepalive = out->windows_probes != 0;
    out->count = out->windows_probes
                 ? clamp(out->windows_probes, KA_LINUX_MIN_COUNT, KA_LINUX_MAX_COUNT, &count_clamped)
                 : 0;
    out->clamped = (idle_clamped ? KA_CLAMPED_IDLE : 0)
                 | (interval_clamped ? KA_CLAMPED_INTERVAL : 0)
                 | (count_clamped ? KA_CLAMPED_COUNT : 0);
}

void ka_policy_defaults(const struct ka_settings *settings, unsigned int win_major,
                        struct ka_linux *out)
{
    policy_enabled(settings, win_major, settings->value[KA_VALUE_TIME],
                   settings->value[KA_VALUE_INTERVAL], out);
}

void ka_policy_vals(const struct ka_settings *settings, unsigned int win_major,
                    unsigned int onoff, unsigned int time_ms, unsigned int interval_ms,
                    struct ka_linux *out)
{
    static const struct ka_linux off = { 0 };

    if (!onoff)
    {
        *out = off;
        return;
    }
    policy_enabled(settings, win_major, time_ms, interval_ms, out);
}

/* ---- Names for trace lines ------------------------------------------------ */

static int single_bit_index(unsigned int bit, unsigned int count)
{
    unsigned int i;

    for (i = 0; i < count; i++)
        if (bit == 1u << i) return (int)i;
    return -1;
}

const char *ka_defaulted_bit_name(unsigned int bit)
{
    int i = single_bit_index(bit, KA_VALUE_COUNT);

    return i < 0 ? "?" : ka_value_rules[i].name;
}

const char *ka_clamped_bit_name(unsigned int bit)
{
    static const char *const names[] = { "TCP_KEEPIDLE", "TCP_KEEPINTVL", "TCP_KEEPCNT" };
    int i = single_bit_index(bit, sizeof(names) / sizeof(names[0]));

    return i < 0 ? "?" : names[i];
}

const char *ka_status_name(enum ka_value_status status)
{
    switch (status)
    {
    case KA_STATUS_OK:           return "ok";
    case KA_STATUS_MISSING:      return "missing";
    case KA_STATUS_WRONG_TYPE:   return "wrong type";
    case KA_STATUS_WRONG_SIZE:   return "wrong size";
    case KA_STATUS_OUT_OF_RANGE: return "out of range";
    }
    return "?";
}
