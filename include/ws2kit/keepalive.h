/* ws2kit keep-alive policy: turns the Windows keep-alive settings (registry
 * values, Windows version, SIO_KEEPALIVE_VALS) into the values Windows holds
 * for a socket (the Linux side is keepalive_linux.h's).
 *
 * Pure functions: no I/O, no registry access, no Windows headers.  Built for
 * the host (unit tests, unix library) and for MinGW (the PE DLL).
 *
 * Flow:
 *   registry reader  -> struct ka_registry  (raw values as read)
 *   ka_read_settings -> struct ka_settings  (validated, defaults applied)
 *   ka_windows_defaults / ka_windows_vals -> struct ka_windows (what Windows holds)
 *   ka_to_linux (keepalive_linux.h, ws2kit.so) -> struct ka_linux (what to set on Linux)
 *
 * Sources of the Windows numbers:
 *   [SOKA]  SO_KEEPALIVE socket option (Ws2def.h), learn.microsoft.com,
 *           copy in /work/shared/docs/SO_KEEPALIVE.md
 *   [SIOKV] SIO_KEEPALIVE_VALS control code, learn.microsoft.com,
 *           copy in /work/shared/docs/SIO_KEEPALIVE_VALS.md
 *   [TCPIP] "TCP/IP registry entries", Windows Server 2003 Technical Reference:
 *           KeepAliveTime (cc782936), KeepAliveInterval (cc758083),
 *           TcpMaxDataRetransmissions (cc780586),
 *           PPTPTcpMaxDataRetransmissions (cc775408)
 */
#ifndef WS2KIT_KEEPALIVE_H
#define WS2KIT_KEEPALIVE_H

#include <stddef.h>

/* ---- Registry ------------------------------------------------------------ */

/* Key holding the four values, under HKEY_LOCAL_MACHINE [TCPIP]. */
#define KA_REGISTRY_KEY "SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters"
#define KA_REGISTRY_KEY_W u"SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters"

#define KA_REG_DWORD      4u /* winnt.h REG_DWORD: the only accepted type */
#define KA_REG_DWORD_SIZE 4u /* bytes of a REG_DWORD: the only accepted size */

/* Documented defaults and valid ranges [TCPIP], [SOKA]. */
#define KA_DEFAULT_TIME_MS             7200000u    /* KeepAliveTime: 2 hours */
#define KA_MIN_TIME_MS                 1u
#define KA_MAX_TIME_MS                 0xFFFFFFFFu
#define KA_DEFAULT_INTERVAL_MS         1000u       /* KeepAliveInterval: 1 second */
#define KA_MIN_INTERVAL_MS             1u
#define KA_MAX_INTERVAL_MS             0xFFFFFFFFu
#define KA_DEFAULT_MAX_RETRANS         5u          /* TcpMaxDataRetransmissions */
#define KA_MIN_MAX_RETRANS             0u
#define KA_MAX_MAX_RETRANS             0xFFFFFFFFu
#define KA_DEFAULT_PPTP_MAX_RETRANS    5u          /* PPTPTcpMaxDataRetransmissions */
#define KA_MIN_PPTP_MAX_RETRANS        0u
#define KA_MAX_PPTP_MAX_RETRANS        0xFFu

/* One index per registry value; also the bit number in ka_settings.defaulted. */
enum ka_value_id
{
    KA_VALUE_TIME,             /* KeepAliveTime, ms */
    KA_VALUE_INTERVAL,         /* KeepAliveInterval, ms */
    KA_VALUE_MAX_RETRANS,      /* TcpMaxDataRetransmissions */
    KA_VALUE_PPTP_MAX_RETRANS, /* PPTPTcpMaxDataRetransmissions */
    KA_VALUE_COUNT
};

#define KA_DEFAULTED_TIME             (1u << KA_VALUE_TIME)
#define KA_DEFAULTED_INTERVAL         (1u << KA_VALUE_INTERVAL)
#define KA_DEFAULTED_MAX_RETRANS      (1u << KA_VALUE_MAX_RETRANS)
#define KA_DEFAULTED_PPTP_MAX_RETRANS (1u << KA_VALUE_PPTP_MAX_RETRANS)

/* One row per registry value: the only place its name, default and range live. */
struct ka_value_rule
{
    const char *name;            /* "KeepAliveTime" */
    const unsigned short *wname; /* u"KeepAliveTime", UTF-16 (WCHAR) for RegQueryValueExW */
    unsigned int default_value;
    unsigned int min_value;      /* inclusive */
    unsigned int max_value;      /* inclusive */
};

extern const struct ka_value_rule ka_value_rules[KA_VALUE_COUNT]; /* indexed by ka_value_id */

/* One value as the registry reader found it. */
struct ka_registry_value
{
    int present;       /* 0: the value does not exist (or could not be read) */
    unsigned int type; /* REG_* number as returned by the registry */
    unsigned int size; /* data size in bytes as returned by the registry */
    unsigned int data; /* the DWORD, meaningful only if type/size say REG_DWORD/4 */
};

struct ka_registry
{
    struct ka_registry_value value[KA_VALUE_COUNT]; /* indexed by ka_value_id */
};

/* Why a value is what it is (for trace lines). */
enum ka_value_status
{
    KA_STATUS_OK,           /* taken from the registry */
    KA_STATUS_MISSING,      /* not present: default */
    KA_STATUS_WRONG_TYPE,   /* type other than REG_DWORD: default */
    KA_STATUS_WRONG_SIZE,   /* REG_DWORD but size != 4: default */
    KA_STATUS_OUT_OF_RANGE, /* outside [min_value, max_value]: default */
};

struct ka_settings
{
    unsigned int value[KA_VALUE_COUNT];  /* valid values, indexed by ka_value_id */
    enum ka_value_status status[KA_VALUE_COUNT];
    unsigned int defaulted;              /* KA_DEFAULTED_* bits: values that fell back */
};

/* Validates the raw registry values; every invalid one gets its documented default. */
void ka_read_settings(const struct ka_registry *reg, struct ka_settings *out);

/* ---- Windows version classes --------------------------------------------- */

#define KA_VISTA_MAJOR        6u   /* Windows Vista / Server 2008 and later [SOKA] */
#define KA_VISTA_PROBES       10u  /* Vista+: fixed probe count, registry ignored [SOKA] */
#define KA_LEGACY_PROBES_MAX  255u /* 2000/XP/2003: larger counts adjusted to 255 [SOKA] */

/* Number of probes Windows sends: Vista+ 10; older (2000/XP/2003, and NT4/9x
 * treated the same) the larger of TcpMaxDataRetransmissions and
 * PPTPTcpMaxDataRetransmissions, at most 255; 0 means no probes at all. */
unsigned int ka_windows_probes(const struct ka_settings *settings, unsigned int win_major);

/* 1 if setsockopt(SO_KEEPALIVE) may be called while a connect is in progress
 * (Windows before Vista); 0 if it fails with WSAEINVAL (Vista and later) [SOKA]. */
int ka_connect_in_progress_allowed(unsigned int win_major);

/* ---- What Windows holds --------------------------------------------------- */

/* Keep-alive as Windows holds it for a socket after SO_KEEPALIVE or
 * SIO_KEEPALIVE_VALS; ws2kit.so gives the Linux socket the nearest it takes
 * (include/ws2kit/keepalive_linux.h). */
struct ka_windows
{
    int on;                   /* what getsockopt(SO_KEEPALIVE) reports to the program */
    unsigned int time_ms;     /* idle time before the first probe */
    unsigned int interval_ms; /* time between probes */
    unsigned int probes;      /* the version's probe count; 0: Windows sends none */
};

/* setsockopt(SO_KEEPALIVE, TRUE) with no explicit values: registry time and
 * interval, the version's probe count. */
void ka_windows_defaults(const struct ka_settings *settings, unsigned int win_major, struct ka_windows *out);

/* SIO_KEEPALIVE_VALS { onoff, keepalivetime, keepaliveinterval }: onoff 0
 * turns keep-alive off (time and interval ignored, all other fields 0);
 * otherwise its own time and interval, the version's probe count. */
void ka_windows_vals(const struct ka_settings *settings, unsigned int win_major, unsigned int onoff,
                     unsigned int time_ms, unsigned int interval_ms, struct ka_windows *out);

/* ---- Names for trace lines ------------------------------------------------ */

/* Registry value name of one KA_DEFAULTED_* bit ("KeepAliveTime"), "?" otherwise. */
const char *ka_defaulted_bit_name(unsigned int bit);
/* "ok", "missing", "wrong type", "wrong size", "out of range"; "?" otherwise. */
const char *ka_status_name(enum ka_value_status status);
/* One value's line for the DLL's trace and ws2diag alike:
 * "KeepAliveTime: 2000 from the registry" or
 * "KeepAliveTime: missing, default 7200000 applies"; "?" for an unknown id. */
void ka_describe_value(const struct ka_settings *settings, unsigned int id, char *line, size_t size);

#ifdef _WIN32
/* dlls/common/keepalive_registry.c (PE side): fills *reg with the values as
 * the registry holds them; returns 0, or the error opening the key (then
 * every value is missing). */
long ka_read_registry(struct ka_registry *reg);
#endif

#endif
