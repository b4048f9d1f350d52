/* Keep-alive the Windows way: the system-wide values come from the prefix's
 * registry (HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters), read
 * once per process at first use, and the Windows version decides the probe
 * count (dlls/common/keepalive_policy.c holds the rules). */
#include "ws2_32_private.h"
#include "ws2kit/keepalive.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(keepalive);

static INIT_ONCE settings_once = INIT_ONCE_STATIC_INIT;
static struct ka_settings settings;
static unsigned int windows_major;

unsigned int ws2kit_windows_major(void)
{
    RTL_OSVERSIONINFOW version = { sizeof(version) };
    if (RtlGetVersion(&version)) return KA_VISTA_MAJOR;
    return version.dwMajorVersion;
}

static BOOL CALLBACK load_settings(INIT_ONCE *once, void *param, void **context)
{
    struct ka_registry reg;
    int i;

    long ret;

    (void)once; (void)param; (void)context;
    if ((ret = ka_read_registry(&reg)))
        TRACE("key HKLM\\%s not readable (error %ld): defaults apply\n", KA_REGISTRY_KEY, ret);
    ka_read_settings(&reg, &settings);
    windows_major = ws2kit_windows_major();
    for (i = 0; i < KA_VALUE_COUNT; i++)
    {
        if (settings.status[i] == KA_STATUS_OK)
            TRACE("%s = %u from the registry\n", ka_value_rules[i].name, settings.value[i]);
        else
            TRACE("%s: %s, default %u applies\n", ka_value_rules[i].name,
                  ka_status_name(settings.status[i]), settings.value[i]);
    }
    TRACE("Windows major version %u\n", windows_major);
    return TRUE;
}

static const struct ka_settings *get_settings(void)
{
    InitOnceExecuteOnce(&settings_once, load_settings, NULL, NULL);
    return &settings;
}

static void trace_clamps(const struct ka_linux *linux_ka)
{
    unsigned int bit;
    for (bit = 1; bit <= KA_CLAMPED_COUNT; bit <<= 1)
        if (linux_ka->clamped & bit)
            TRACE("%s clamped to Linux's limits\n", ka_clamped_bit_name(bit));
}

/* Turning keep-alive on sets TCP timers first, which Linux refuses on any
 * other socket (WSAENOPROTOOPT); only turning it off needs the type check. */
static uint32_t keepalive_checks(BOOL enabling)
{
    uint32_t checks = enabling ? 0 : WS2KIT_CHECK_STREAM;
    if (!ka_connect_in_progress_allowed(windows_major)) checks |= WS2KIT_CHECK_NOT_CONNECTING;
    return checks;
}

static int apply(SOCKET s, const struct ka_linux *linux_ka)
{
    struct ws2kit_keepalive_params params = { 0 };
    int err;

    trace_clamps(linux_ka);
    params.handle = ws2kit_unix_handle(s);
    params.checks = keepalive_checks(linux_ka->enable_kernel_keepalive);
    params.ka.enabled = linux_ka->enable_kernel_keepalive;
    params.ka.idle_s = linux_ka->idle_s;
    params.ka.interval_s = linux_ka->interval_s;
    params.ka.count = linux_ka->count;
    TRACE("socket %#Ix: keep-alive %s, idle %us, interval %us, %u probes\n", s,
          params.ka.enabled ? "on" : "off", params.ka.idle_s, params.ka.interval_s, params.ka.count);
    if ((err = ws2kit_unix_call(ws2kit_unix_set_keepalive, &params))) return err;
    /* TCP_KEEPALIVE, TCP_KEEPINTVL and TCP_KEEPCNT then read Windows' values. */
    if (linux_ka->keepalive_on)
        ws2kit_remember_keepalive(s, linux_ka->windows_idle_s, linux_ka->windows_interval_s,
                                  linux_ka->windows_probes);
    return 0;
}

/* setsockopt(SO_KEEPALIVE): the system-wide values, Windows' probe count. */
int ws2kit_keepalive_enable(SOCKET s, BOOL enable)
{
    const struct ka_settings *ka = get_settings();
    struct ka_linux linux_ka;

    if (enable) ka_policy_defaults(ka, windows_major, &linux_ka);
    else ka_policy_vals(ka, windows_major, 0, 0, 0, &linux_ka);
    return apply(s, &linux_ka);
}

/* SIO_KEEPALIVE_VALS: the caller's time and interval, Windows' probe count. */
int ws2kit_keepalive_vals(SOCKET s, const struct tcp_keepalive *vals)
{
    const struct ka_settings *ka = get_settings();
    struct ka_linux linux_ka;

    ka_policy_vals(ka, windows_major, vals->onoff, vals->keepalivetime, vals->keepaliveinterval, &linux_ka);
    return apply(s, &linux_ka);
}
