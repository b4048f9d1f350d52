/* Linux errno and getaddrinfo codes to Winsock errors: one row per code. */
#define _GNU_SOURCE
#include <errno.h>
#include <netdb.h>
#include <stddef.h>

#include "unix_private.h"

struct error_map { int from, to; };

static const struct error_map errno_map[] =
{
    { EINTR,           WSAEINTR },
    { EBADF,           WSAENOTSOCK },  /* a handle with no usable fd is not a socket */
    { EPERM,           WSAEACCES },
    { EACCES,          WSAEACCES },
    { EFAULT,          WSAEFAULT },
    { EINVAL,          WSAEINVAL },
    { EMFILE,          WSAEMFILE },
    { ENFILE,          WSAEMFILE },
    { EAGAIN,          WSAEWOULDBLOCK },
    { EINPROGRESS,     WSAEINPROGRESS },
    { EALREADY,        WSAEALREADY },
    { ENOTSOCK,        WSAENOTSOCK },
    { EDESTADDRREQ,    WSAEDESTADDRREQ },
    { EMSGSIZE,        WSAEMSGSIZE },
    { EPROTOTYPE,      WSAEPROTOTYPE },
    { ENOPROTOOPT,     WSAENOPROTOOPT },
    { EPROTONOSUPPORT, WSAEPROTONOSUPPORT },
    { ESOCKTNOSUPPORT, WSAESOCKTNOSUPPORT },
    { EOPNOTSUPP,      WSAEOPNOTSUPP },
    { EPFNOSUPPORT,    WSAEPFNOSUPPORT },
    { EAFNOSUPPORT,    WSAEAFNOSUPPORT },
    { EADDRINUSE,      WSAEADDRINUSE },
    { EADDRNOTAVAIL,   WSAEADDRNOTAVAIL },
    { ENETDOWN,        WSAENETDOWN },
    { ENETUNREACH,     WSAENETUNREACH },
    { ENETRESET,       WSAENETRESET },
    { ECONNABORTED,    WSAECONNABORTED },
    { EPIPE,           WSAESHUTDOWN },
    { ECONNRESET,      WSAECONNRESET },
    { ENOBUFS,         WSAENOBUFS },
    { ENOMEM,          WSAENOBUFS },
    { EISCONN,         WSAEISCONN },
    { ENOTCONN,        WSAENOTCONN },
    { ESHUTDOWN,       WSAESHUTDOWN },
    { ETOOMANYREFS,    WSAETOOMANYREFS },
    { ETIMEDOUT,       WSAETIMEDOUT },
    { ECONNREFUSED,    WSAECONNREFUSED },
    { ELOOP,           WSAELOOP },
    { ENAMETOOLONG,    WSAENAMETOOLONG },
    { EHOSTDOWN,       WSAEHOSTDOWN },
    { EHOSTUNREACH,    WSAEHOSTUNREACH },
    { ENOTEMPTY,       WSAENOTEMPTY },
    { EUSERS,          WSAEUSERS },
    { EDQUOT,          WSAEDQUOT },
    { ESTALE,          WSAESTALE },
    { EREMOTE,         WSAEREMOTE },
};

static const struct error_map eai_map[] =
{
    { EAI_AGAIN,      WSATRY_AGAIN },
    { EAI_BADFLAGS,   WSAEINVAL },
    { EAI_FAIL,       WSANO_RECOVERY },
    { EAI_FAMILY,     WSAEAFNOSUPPORT },
    { EAI_MEMORY,     WSA_NOT_ENOUGH_MEMORY },
    { EAI_NONAME,     WSAHOST_NOT_FOUND },
    { EAI_SERVICE,    WSATYPE_NOT_FOUND },
    { EAI_SOCKTYPE,   WSAESOCKTNOSUPPORT },
    { EAI_NODATA,     WSANO_DATA },
    { EAI_ADDRFAMILY, WSAHOST_NOT_FOUND },
    { EAI_OVERFLOW,   WSAEFAULT },
};

static int map_error(const struct error_map *map, size_t count, int from, int fallback)
{
    size_t i;
    for (i = 0; i < count; i++)
        if (map[i].from == from) return map[i].to;
    return fallback;
}

int ws2kit_errno_to_wsa(int err)
{
    if (!err) return 0;
    return map_error(errno_map, sizeof(errno_map) / sizeof(errno_map[0]), err, WSAEINVAL);
}

int ws2kit_eai_to_wsa(int eai)
{
    if (!eai) return 0;
    if (eai == EAI_SYSTEM) return errno ? ws2kit_errno_to_wsa(errno) : WSANO_RECOVERY;
    return map_error(eai_map, sizeof(eai_map) / sizeof(eai_map[0]), eai, WSANO_RECOVERY);
}
