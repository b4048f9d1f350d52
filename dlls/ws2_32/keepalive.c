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
    char line[96];
    long ret;
    int i;

    (void)once; (void)param; (void)context;
    if ((ret = ka_read_registry(&reg)))
        TRACE("key HKLM\\%s not readable (error %ld): defaults apply\n", KA_REGISTRY_KEY, ret);
    ka_read_settings(&reg, &settings);
    windows_major = ws2kit_windows_major();
    for (i = 0; i < KA_VALUE_COUNT; i++)
    {
        ka_describe_value(&settings, i, line, sizeof(line));
        TRACE("%s\n", line);
    }
    TRACE("Windows major version %u\n", windows_major);
    return TRUE;
}

static const struct ka_settings *get_settings(void)
{
    InitOnceExecuteOnce(&settings_once, load_settings, NULL, NULL);
    return &settings;
}

static void edit_keepalive(struct ws2kit_socket_notes *notes, const void *arg)
{
    const struct ws2kit_keepalive *ka = arg;

    notes->cached[CACHED_KA_IDLE] = ka->time_ms / 1000;
    notes->cached[CACHED_KA_INTERVAL] = ka->interval_ms / 1000;
    notes->cached[CACHED_KA_COUNT] = ka->probes;
    notes->cached_known |= 1u << CACHED_KA_IDLE | 1u << CACHED_KA_INTERVAL | 1u << CACHED_KA_COUNT;
    notes->ka_timers = *ka;
    notes->ka_timers_known = TRUE;
}

static void remember_keepalive(SOCKET s, const struct ws2kit_keepalive *ka)
{
    ws2kit_notes_edit(s, edit_keepalive, ka);
}

/* What spares keep-alive system calls: whether the socket holds these timers
 * already (ws2kit gave them last, and no other handle, a duplicate, nor
 * TCP_KEEPALIVE, TCP_KEEPINTVL or TCP_KEEPCNT changed them since), and
 * whether it has a peer (then no connect is in progress). */
static void keepalive_known(SOCKET s, const struct ws2kit_keepalive *ka, BOOL *timers_set, BOOL *connected)
{
    struct ws2kit_socket_notes notes;

    *timers_set = *connected = FALSE;
    if (!ws2kit_notes_read(s, &notes)) return;
    *timers_set = notes.ka_timers_known && !notes.shared && notes.ka_timers.time_ms == ka->time_ms &&
                  notes.ka_timers.interval_ms == ka->interval_ms && notes.ka_timers.probes == ka->probes;
    *connected = notes.peer_len != 0;
}

/* Windows' values go to ws2kit.so, which gives the Linux socket the nearest
 * it holds.  Vista and later refuse changes while a connect is in progress,
 * which a socket with a peer is not. */
static int apply(SOCKET s, const struct ka_windows *ka)
{
    struct ws2kit_keepalive_params params = { 0 };
    BOOL timers_set, connected;
    int err;

    params.handle = ws2kit_unix_handle(s);
    params.ka.enabled = ka->on;
    params.ka.time_ms = ka->time_ms;
    params.ka.interval_ms = ka->interval_ms;
    params.ka.probes = ka->probes;
    keepalive_known(s, &params.ka, &timers_set, &connected);
    params.checks = ka_connect_in_progress_allowed(windows_major) || connected ? 0 : WS2KIT_CHECK_NOT_CONNECTING;
    params.timers_set = ka->on && timers_set;
    TRACE("socket %#Ix: keep-alive %s, idle %ums, interval %ums, %u probes%s\n", s,
          ka->on ? "on" : "off", ka->time_ms, ka->interval_ms, ka->probes, params.timers_set ? " (timers held)" : "");
    if ((err = ws2kit_unix_call(ws2kit_unix_set_keepalive, &params))) return err;
    /* TCP_KEEPALIVE and TCP_KEEPINTVL then read whole seconds, TCP_KEEPCNT the probes. */
    if (ka->on && !params.timers_set) remember_keepalive(s, &params.ka);
    return 0;
}

/* setsockopt(SO_KEEPALIVE): the system-wide values, Windows' probe count. */
int ws2kit_keepalive_enable(SOCKET s, BOOL enable)
{
    const struct ka_settings *settings = get_settings();
    struct ka_windows ka;

    if (enable) ka_windows_defaults(settings, windows_major, &ka);
    else ka_windows_vals(settings, windows_major, 0, 0, 0, &ka);
    return apply(s, &ka);
}

/* SIO_KEEPALIVE_VALS: the caller's time and interval, Windows' probe count. */
int ws2kit_keepalive_vals(SOCKET s, const struct tcp_keepalive *vals)
{
    const struct ka_settings *settings = get_settings();
    struct ka_windows ka;

    ka_windows_vals(settings, windows_major, vals->onoff, vals->keepalivetime, vals->keepaliveinterval, &ka);
    return apply(s, &ka);
}
