/* Which Wines ws2kit.so knows how to call, and how.
 *
 * ws2kit.so calls one function of Wine's ntdll.so, wine_server_handle_to_fd,
 * which Wine declares CDECL.  On x86_64, Wine up to 8.9 built ntdll.so's CDECL
 * functions with the Microsoft calling convention; from 8.10 on they use the
 * System V convention like any other ELF code (Wine 8.0 reads the handle from
 * rcx, Wine 10 from rdi).  A call with the wrong convention faults inside
 * ntdll, so one build serves every Wine only by choosing at run time.  On
 * i386 both are cdecl.
 *
 * Wine up to 9.x does not let ntdll.so cache the fd of a socket that accept()
 * made: every wine_server_handle_to_fd on it is a wineserver round trip
 * (get_handle_fd), where 10.0 caches it like any connected socket's.  For
 * those Wines ws2kit.so keeps an fd of its own for accepted sockets.
 *
 * Wines outside the table are refused, never guessed at: ws2kit was checked
 * on 8.0 and 10.0, and nothing it relies on (the AFD requests, the Unix-call
 * dispatcher, MemoryWineUnixFuncs, the builtin signature) changed up to 11.x. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unix_private.h"

#define WINE_VERSION(major, minor) ((major) * 1000 + (minor))

static const struct known_wine
{
    int first, last;                     /* WINE_VERSION range, inclusive */
    enum ws2kit_ntdll_convention convention;
    int caches_accepted_fds;             /* ntdll.so caches an accepted socket's fd */
} known_wines[] =
{
    { WINE_VERSION(8, 0),  WINE_VERSION(8, 9),    WS2KIT_NTDLL_MS_ABI, 0 },
    { WINE_VERSION(8, 10), WINE_VERSION(9, 999),  WS2KIT_NTDLL_SYSV,   0 },
    { WINE_VERSION(10, 0), WINE_VERSION(11, 999), WS2KIT_NTDLL_SYSV,   1 },
};

/* "10.0", "9.22 (Staging)", "8.0.2", "10.0-rc3": the major and minor numbers. */
static int parse_wine_version(const char *text)
{
    char *end;
    long major, minor;

    major = strtol(text, &end, 10);
    if (end == text || *end != '.' || major < 0 || major > 999) return -1;
    text = end + 1;
    minor = strtol(text, &end, 10);
    if (end == text || minor < 0 || minor > 999) return -1;
    return WINE_VERSION((int)major, (int)minor);
}

static const struct known_wine *find_known_wine(const char *wine_version)
{
    int version = parse_wine_version(wine_version);
    size_t i;

    if (version < 0) return NULL;
    for (i = 0; i < sizeof(known_wines) / sizeof(known_wines[0]); i++)
        if (version >= known_wines[i].first && version <= known_wines[i].last) return &known_wines[i];
    return NULL;
}

enum ws2kit_ntdll_convention ws2kit_ntdll_convention_for(const char *wine_version)
{
    const struct known_wine *wine = find_known_wine(wine_version);

    if (!wine) return WS2KIT_NTDLL_UNKNOWN;
#if defined(__i386__)
    return WS2KIT_NTDLL_CDECL;   /* no second convention to choose from */
#else
    return wine->convention;
#endif
}

int ws2kit_ntdll_caches_accepted_fds(const char *wine_version)
{
    const struct known_wine *wine = find_known_wine(wine_version);
    return wine && wine->caches_accepted_fds;
}

const char *ws2kit_ntdll_convention_name(enum ws2kit_ntdll_convention convention)
{
    switch (convention)
    {
    case WS2KIT_NTDLL_MS_ABI: return "ms_abi";
    case WS2KIT_NTDLL_SYSV:   return "sysv";
    case WS2KIT_NTDLL_CDECL:  return "cdecl";
    case WS2KIT_NTDLL_UNKNOWN: break;
    }
    return "unknown";
}
