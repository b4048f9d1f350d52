/* fuzz_calls: random getsockopt / setsockopt / WSAIoctl / ioctlsocket calls
 * against sockets in many states and against handles that are not sockets,
 * with bad, short, unaligned and edge-of-page arguments.
 *
 * The contract checked after every call:
 *  - the call returns 0 or SOCKET_ERROR;
 *  - on SOCKET_ERROR, WSAGetLastError() is one of the errors Windows documents
 *    for the call (getsockopt_errors and the others below, per option or code);
 *  - the call writes nothing outside the caller's buffers: no byte of an input
 *    buffer (setsockopt's optval, WSAIoctl's lpvInBuffer) changes, and no byte
 *    of an output buffer beyond the length the caller gave;
 *  - an overlapped WSAIoctl that pends completes within a bounded time, and
 *    its completion (event + WSAGetOverlappedResult, or completion routine)
 *    carries 0 or one of the same errors;
 *  - the process does not crash.  An exception nobody handles (the DLL under
 *    test may turn faults in its own guarded copies into WSAEFAULT with a
 *    vectored handler: those are handled and never reach us) is reported by
 *    the top-level filter with the call that caused it, exit code 3.  A call
 *    that does not return within HANG_MS is reported by a watchdog, exit 4.
 *
 * Every call is generated from (seed, index) alone, so the same seed gives the
 * same calls; `--start I --calls 1 --verbose` replays call I on a fresh set of
 * sockets (earlier calls' side effects on those sockets are then missing, so
 * rerun from the start with --calls I+1 when that matters).
 *
 * Usage: fuzz_calls [--calls N] [--seed S] [--time-limit SECONDS] [--start I]
 *                   [--refresh N] [--max-report N] [--verbose]
 * Last line: "fuzz_calls: N passed, M failed".  Exit: 0 no failure, 1 failures,
 * 2 bad arguments or setup failure, 3 crash, 4 hang.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 4096
#define REGION_SIZE (64 * 1024)  /* a valid buffer: 64 KiB, then a no-access page */
#define SHADOW_SIZE 8192         /* bytes of a valid buffer checked for stray writes */
#define CONTENT_SIZE 1024        /* bytes of random or plausible content per call */
#define HANG_MS 30000            /* one call (or one socket set-up) longer than this is a hang */
#define PENDING_WAIT_MS 1000     /* how long an overlapped request may stay pending */
#define CANCEL_WAIT_MS 500       /* and how long CancelIoEx gets to finish it */
#define STUCK_WAIT_MS 5          /* the same, once a request of its kind was seen stuck */
#define CONNECTING_MAX_AGE_MS 60000  /* Linux gives up a SYN after about 127 s */

/* ------------------------------------------------------------------------ */
/* Names and numbers (Windows SDK values, spelled out so that the program    */
/* does not depend on what a MinGW version's headers happen to have).        */

struct named { int value; const char *name; };

#define N_SOL_SOCKET   0xffff
#define N_IPPROTO_IP   0
#define N_IPPROTO_TCP  6
#define N_IPPROTO_UDP  17
#define N_IPPROTO_IPV6 41

static const struct named sol_socket_options[] =
{
    { 0x0001, "SO_DEBUG" }, { 0x0002, "SO_ACCEPTCONN" }, { 0x0004, "SO_REUSEADDR" },
    { 0x0008, "SO_KEEPALIVE" }, { 0x0010, "SO_DONTROUTE" }, { 0x0020, "SO_BROADCAST" },
    { 0x0040, "SO_USELOOPBACK" }, { 0x0080, "SO_LINGER" }, { 0x0100, "SO_OOBINLINE" },
    { (int)~0x0080, "SO_DONTLINGER" }, { (int)~0x0004, "SO_EXCLUSIVEADDRUSE" },
    { 0x1001, "SO_SNDBUF" }, { 0x1002, "SO_RCVBUF" }, { 0x1003, "SO_SNDLOWAT" },
    { 0x1004, "SO_RCVLOWAT" }, { 0x1005, "SO_SNDTIMEO" }, { 0x1006, "SO_RCVTIMEO" },
    { 0x1007, "SO_ERROR" }, { 0x1008, "SO_TYPE" }, { 0x1009, "SO_BSP_STATE" },
    { 0x2001, "SO_GROUP_ID" }, { 0x2002, "SO_GROUP_PRIORITY" }, { 0x2003, "SO_MAX_MSG_SIZE" },
    { 0x2004, "SO_PROTOCOL_INFOA" }, { 0x2005, "SO_PROTOCOL_INFOW" }, { 0x3001, "PVD_CONFIG" },
    { 0x3002, "SO_CONDITIONAL_ACCEPT" }, { 0x3003, "SO_PAUSE_ACCEPT" }, { 0x3004, "SO_COMPARTMENT_ID" },
    { 0x3005, "SO_RANDOMIZE_PORT" }, { 0x3006, "SO_PORT_SCALABILITY" },
    { 0x3007, "SO_REUSE_UNICASTPORT" }, { 0x3008, "SO_REUSE_MULTICASTPORT" },
    { 0x300f, "SO_ORIGINAL_DST" }, { 0x7000, "SO_CONNDATA" }, { 0x7001, "SO_CONNOPT" },
    { 0x7002, "SO_DISCDATA" }, { 0x7003, "SO_DISCOPT" }, { 0x7004, "SO_CONNDATALEN" },
    { 0x7005, "SO_CONNOPTLEN" }, { 0x7006, "SO_DISCDATALEN" }, { 0x7007, "SO_DISCOPTLEN" },
    { 0x7008, "SO_OPENTYPE" }, { 0x7009, "SO_MAXDG" }, { 0x700a, "SO_MAXPATHDG" },
    { 0x700b, "SO_UPDATE_ACCEPT_CONTEXT" }, { 0x700c, "SO_CONNECT_TIME" },
    { 0x7010, "SO_UPDATE_CONNECT_CONTEXT" },
};

static const struct named tcp_options[] =
{
    { 1, "TCP_NODELAY" }, { 2, "TCP_EXPEDITED_1122" }, { 3, "TCP_KEEPALIVE" }, { 4, "TCP_MAXSEG" },
    { 5, "TCP_MAXRT" }, { 6, "TCP_STDURG" }, { 7, "TCP_NOURG" }, { 8, "TCP_ATMARK" },
    { 9, "TCP_NOSYNRETRIES" }, { 10, "TCP_TIMESTAMPS" }, { 11, "TCP_OFFLOAD_PREFERENCE" },
    { 12, "TCP_CONGESTION_ALGORITHM" }, { 13, "TCP_DELAY_FIN_ACK" }, { 14, "TCP_MAXRTMS" },
    { 15, "TCP_FASTOPEN" }, { 16, "TCP_KEEPCNT" }, { 17, "TCP_KEEPINTVL" },
    { 18, "TCP_FAIL_CONNECT_ON_ICMP_ERROR" }, { 19, "TCP_ICMP_ERROR_INFO" }, { 0x7000, "TCP_BSDURGENT" },
};

static const struct named ip_options[] =
{
    { 1, "IP_OPTIONS" }, { 2, "IP_HDRINCL" }, { 3, "IP_TOS" }, { 4, "IP_TTL" },
    { 9, "IP_MULTICAST_IF" }, { 10, "IP_MULTICAST_TTL" }, { 11, "IP_MULTICAST_LOOP" },
    { 12, "IP_ADD_MEMBERSHIP" }, { 13, "IP_DROP_MEMBERSHIP" }, { 14, "IP_DONTFRAGMENT" },
    { 15, "IP_ADD_SOURCE_MEMBERSHIP" }, { 16, "IP_DROP_SOURCE_MEMBERSHIP" },
    { 17, "IP_BLOCK_SOURCE" }, { 18, "IP_UNBLOCK_SOURCE" }, { 19, "IP_PKTINFO" },
    { 21, "IP_HOPLIMIT" }, { 22, "IP_RECEIVE_BROADCAST" }, { 24, "IP_RECVIF" },
    { 25, "IP_RECVDSTADDR" }, { 28, "IP_IFLIST" }, { 29, "IP_ADD_IFLIST" }, { 30, "IP_DEL_IFLIST" },
    { 31, "IP_UNICAST_IF" }, { 32, "IP_RTHDR" }, { 33, "IP_GET_IFLIST" }, { 38, "IP_RECVRTHDR" },
    { 39, "IP_TCLASS" }, { 40, "IP_RECVTOS" }, { 47, "IP_ORIGINAL_ARRIVAL_IF" }, { 50, "IP_ECN" },
    { 51, "IP_PKTINFO_EX" }, { 60, "IP_WFP_REDIRECT_RECORDS" }, { 70, "IP_WFP_REDIRECT_CONTEXT" },
    { 71, "IP_MTU_DISCOVER" }, { 73, "IP_MTU" }, { 74, "IP_NRT_INTERFACE" }, { 75, "IP_RECVERR" },
    { 76, "IP_USER_MTU" },
};

static const struct named ipv6_options[] =
{
    { 1, "IPV6_HOPOPTS" }, { 2, "IPV6_HDRINCL" }, { 4, "IPV6_UNICAST_HOPS" },
    { 9, "IPV6_MULTICAST_IF" }, { 10, "IPV6_MULTICAST_HOPS" }, { 11, "IPV6_MULTICAST_LOOP" },
    { 12, "IPV6_ADD_MEMBERSHIP" }, { 13, "IPV6_DROP_MEMBERSHIP" }, { 14, "IPV6_DONTFRAG" },
    { 19, "IPV6_PKTINFO" }, { 21, "IPV6_HOPLIMIT" }, { 23, "IPV6_PROTECTION_LEVEL" },
    { 24, "IPV6_RECVIF" }, { 25, "IPV6_RECVDSTADDR" }, { 26, "IPV6_CHECKSUM" }, { 27, "IPV6_V6ONLY" },
    { 28, "IPV6_IFLIST" }, { 29, "IPV6_ADD_IFLIST" }, { 30, "IPV6_DEL_IFLIST" },
    { 31, "IPV6_UNICAST_IF" }, { 32, "IPV6_RTHDR" }, { 33, "IPV6_GET_IFLIST" },
    { 38, "IPV6_RECVRTHDR" }, { 39, "IPV6_TCLASS" }, { 40, "IPV6_RECVTCLASS" }, { 50, "IPV6_ECN" },
    { 51, "IPV6_PKTINFO_EX" }, { 60, "IPV6_WFP_REDIRECT_RECORDS" }, { 70, "IPV6_WFP_REDIRECT_CONTEXT" },
    { 71, "IPV6_MTU_DISCOVER" }, { 72, "IPV6_MTU" }, { 74, "IPV6_NRT_INTERFACE" },
    { 75, "IPV6_RECVERR" }, { 76, "IPV6_USER_MTU" },
};

static const struct named udp_options[] =
{
    { 1, "UDP_NOCHECKSUM" }, { 2, "UDP_SEND_MSG_SIZE" }, { 3, "UDP_RECV_MAX_COALESCED_SIZE" },
    { 20, "UDP_CHECKSUM_COVERAGE" },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct level_info { int level; const char *name; const struct named *options; size_t count; };
static const struct level_info levels[] =
{
    { N_SOL_SOCKET,   "SOL_SOCKET",   sol_socket_options, COUNT(sol_socket_options) },
    { N_IPPROTO_TCP,  "IPPROTO_TCP",  tcp_options,        COUNT(tcp_options) },
    { N_IPPROTO_IP,   "IPPROTO_IP",   ip_options,         COUNT(ip_options) },
    { N_IPPROTO_IPV6, "IPPROTO_IPV6", ipv6_options,       COUNT(ipv6_options) },
    { N_IPPROTO_UDP,  "IPPROTO_UDP",  udp_options,        COUNT(udp_options) },
};

/* Control codes. */
#define C_FIONBIO                            0x8004667e
#define C_FIONREAD                           0x4004667f
#define C_SIOCATMARK                         0x40047307
#define C_SIO_KEEPALIVE_VALS                 0x98000004
#define C_SIO_BASE_HANDLE                    0x48000022
#define C_SIO_ADDRESS_LIST_QUERY             0x48000016
#define C_SIO_GET_INTERFACE_LIST             0x4004747f
#define C_SIO_ROUTING_INTERFACE_QUERY        0xc8000014
#define C_SIO_TCP_INFO                       0xd8000027
#define C_SIO_GET_EXTENSION_FUNCTION_POINTER 0xc8000006
#define C_SIO_UDP_CONNRESET                  0x9800000c
#define C_SIO_IDEAL_SEND_BACKLOG_QUERY       0x4004747b
/* Codes that wait for a network change: never generated (they would block a
 * blocking socket, or pend, for as long as nothing changes). */
#define C_SIO_ADDRESS_LIST_CHANGE            0x28000017
#define C_SIO_ROUTING_INTERFACE_CHANGE       0x88000015
#define C_SIO_IDEAL_SEND_BACKLOG_CHANGE      0x2000747a

static const struct named main_codes[] =
{
    { (int)C_FIONBIO, "FIONBIO" }, { (int)C_FIONREAD, "FIONREAD" }, { (int)C_SIOCATMARK, "SIOCATMARK" },
    { (int)C_SIO_KEEPALIVE_VALS, "SIO_KEEPALIVE_VALS" }, { (int)C_SIO_BASE_HANDLE, "SIO_BASE_HANDLE" },
    { (int)C_SIO_ADDRESS_LIST_QUERY, "SIO_ADDRESS_LIST_QUERY" },
    { (int)C_SIO_GET_INTERFACE_LIST, "SIO_GET_INTERFACE_LIST" },
    { (int)C_SIO_ROUTING_INTERFACE_QUERY, "SIO_ROUTING_INTERFACE_QUERY" },
    { (int)C_SIO_TCP_INFO, "SIO_TCP_INFO" },
    { (int)C_SIO_GET_EXTENSION_FUNCTION_POINTER, "SIO_GET_EXTENSION_FUNCTION_POINTER" },
    { (int)C_SIO_UDP_CONNRESET, "SIO_UDP_CONNRESET" },
    { (int)C_SIO_IDEAL_SEND_BACKLOG_QUERY, "SIO_IDEAL_SEND_BACKLOG_QUERY" },
};

/* Other documented codes, picked less often. */
static const struct named other_codes[] =
{
    { (int)0x4800001b, "SIO_BSP_HANDLE" }, { (int)0x4800001c, "SIO_BSP_HANDLE_SELECT" },
    { (int)0x4800001d, "SIO_BSP_HANDLE_POLL" }, { (int)0x98000010, "SIO_LOOPBACK_FAST_PATH" },
    { (int)0x48000005, "SIO_GET_BROADCAST_ADDRESS" }, { (int)0xc8000019, "SIO_ADDRESS_LIST_SORT" },
    { (int)0x28000004, "SIO_FLUSH" }, { (int)0x9800012c, "SIO_SET_COMPATIBILITY_MODE" },
    { (int)0x98000001, "SIO_RCVALL" }, { (int)0xc800000d, "SIO_TRANSLATE_HANDLE" },
    { (int)0x9800000f, "SIO_UDP_NETRESET" }, { (int)0x2000747a, "SIO_IDEAL_SEND_BACKLOG_CHANGE" },
    { (int)0x88000003, "SIO_ENABLE_CIRCULAR_QUEUEING" }, { (int)0xc8000007, "SIO_GET_QOS" },
    { (int)0x8800000b, "SIO_SET_QOS" }, { (int)0x88000009, "SIO_MULTIPOINT_LOOPBACK" },
    { (int)0x8800000a, "SIO_MULTICAST_SCOPE" }, { (int)0xc8000003, "SIO_FIND_ROUTE" },
};

static const struct named wsa_errors[] =
{
    { 6, "WSA_INVALID_HANDLE" }, { 8, "WSA_NOT_ENOUGH_MEMORY" }, { 87, "WSA_INVALID_PARAMETER" },
    { 995, "WSA_OPERATION_ABORTED" }, { 996, "WSA_IO_INCOMPLETE" }, { 997, "WSA_IO_PENDING" },
    { 10004, "WSAEINTR" }, { 10009, "WSAEBADF" }, { 10013, "WSAEACCES" }, { 10014, "WSAEFAULT" },
    { 10022, "WSAEINVAL" }, { 10024, "WSAEMFILE" }, { 10035, "WSAEWOULDBLOCK" },
    { 10036, "WSAEINPROGRESS" }, { 10037, "WSAEALREADY" }, { 10038, "WSAENOTSOCK" },
    { 10039, "WSAEDESTADDRREQ" }, { 10040, "WSAEMSGSIZE" }, { 10041, "WSAEPROTOTYPE" },
    { 10042, "WSAENOPROTOOPT" }, { 10043, "WSAEPROTONOSUPPORT" }, { 10044, "WSAESOCKTNOSUPPORT" },
    { 10045, "WSAEOPNOTSUPP" }, { 10046, "WSAEPFNOSUPPORT" }, { 10047, "WSAEAFNOSUPPORT" },
    { 10048, "WSAEADDRINUSE" }, { 10049, "WSAEADDRNOTAVAIL" }, { 10050, "WSAENETDOWN" },
    { 10051, "WSAENETUNREACH" }, { 10052, "WSAENETRESET" }, { 10053, "WSAECONNABORTED" },
    { 10054, "WSAECONNRESET" }, { 10055, "WSAENOBUFS" }, { 10056, "WSAEISCONN" },
    { 10057, "WSAENOTCONN" }, { 10058, "WSAESHUTDOWN" }, { 10060, "WSAETIMEDOUT" },
    { 10061, "WSAECONNREFUSED" }, { 10065, "WSAEHOSTUNREACH" }, { 10091, "WSASYSNOTREADY" },
    { 10092, "WSAVERNOTSUPPORTED" }, { 10093, "WSANOTINITIALISED" }, { 10101, "WSAEDISCON" },
};

/* The errors Microsoft documents for each call, one list per function: a
 * DLL answering every call with one plausible code must not pass.  Beyond
 * the pages: WSAENOBUFS, which Windows 10 answers for an option length it
 * cannot take (Wine's conformance test_set_getsockopt and test_optsize,
 * checked on Windows). */
static const int getsockopt_errors[] =
{
    10093 /* WSANOTINITIALISED */, 10050 /* WSAENETDOWN */, 10014 /* WSAEFAULT */, 10036 /* WSAEINPROGRESS */,
    10022 /* WSAEINVAL */, 10042 /* WSAENOPROTOOPT */, 10038 /* WSAENOTSOCK */, 10055 /* WSAENOBUFS */,
};
static const int setsockopt_errors[] =
{
    10093 /* WSANOTINITIALISED */, 10050 /* WSAENETDOWN */, 10014 /* WSAEFAULT */, 10036 /* WSAEINPROGRESS */,
    10022 /* WSAEINVAL */, 10052 /* WSAENETRESET */, 10042 /* WSAENOPROTOOPT */, 10057 /* WSAENOTCONN */,
    10038 /* WSAENOTSOCK */, 10055 /* WSAENOBUFS */,
};
static const int wsaioctl_errors[] =
{
    997 /* WSA_IO_PENDING */, 10050 /* WSAENETDOWN */, 10014 /* WSAEFAULT */, 10022 /* WSAEINVAL */,
    10036 /* WSAEINPROGRESS */, 10038 /* WSAENOTSOCK */, 10045 /* WSAEOPNOTSUPP */, 10035 /* WSAEWOULDBLOCK */,
    10042 /* WSAENOPROTOOPT */, 10093 /* WSANOTINITIALISED */,
};
/* ioctlsocket's page lists no WSAEINVAL, but its FIONBIO entry does (a socket
 * with WSAAsyncSelect or WSAEventSelect on); it is WSAIoctl without buffers
 * sizes, and answers a code the socket does not support as WSAIoctl does,
 * WSAEOPNOTSUPP. */
static const int ioctlsocket_errors[] =
{
    10093 /* WSANOTINITIALISED */, 10050 /* WSAENETDOWN */, 10036 /* WSAEINPROGRESS */, 10038 /* WSAENOTSOCK */,
    10014 /* WSAEFAULT */, 10022 /* WSAEINVAL */, 10045 /* WSAEOPNOTSUPP */,
};
/* What an overlapped request may end with, besides its call's own errors. */
static const int completion_errors[] =
{
    995 /* WSA_OPERATION_ABORTED */, 10054 /* WSAECONNRESET */, 10053 /* WSAECONNABORTED */,
};

/* Errors a particular option or control code documents beyond its call's
 * list; func, level (-1 for the control codes), name or code, error. */
static const struct extra_error { int func, level; DWORD name; int err; } extra_errors[] =
{
    /* TCP_ICMP_ERROR_INFO: no ICMP error since the last connect. */
    { 0 /* F_GETSOCKOPT */, 6, 19, 11004 /* WSANO_DATA */ },
    /* SO_EXCLUSIVEADDRUSE / SO_REUSEADDR on a socket bound with the other. */
    { 1 /* F_SETSOCKOPT */, 0xffff, 0x4, 10013 /* WSAEACCES */ },
    { 1 /* F_SETSOCKOPT */, 0xffff, ~4u, 10013 /* WSAEACCES */ },
    /* Multicast joins: an interface or group the stack has not. */
    { 1 /* F_SETSOCKOPT */, 0, 12, 10049 /* WSAEADDRNOTAVAIL */ },
    { 1 /* F_SETSOCKOPT */, 41, 12, 10049 /* WSAEADDRNOTAVAIL */ },
    { 1 /* F_SETSOCKOPT */, 0, 15, 10049 /* WSAEADDRNOTAVAIL */ },
    /* SIO_ROUTING_INTERFACE_QUERY and SIO_ROUTING_INTERFACE_CHANGE: no route, or a
     * family the socket is not. */
    { 2 /* F_WSAIOCTL */, -1, 0xc8000014, 10051 /* WSAENETUNREACH */ },
    { 2 /* F_WSAIOCTL */, -1, 0xc8000014, 10065 /* WSAEHOSTUNREACH */ },
    { 2 /* F_WSAIOCTL */, -1, 0xc8000014, 10047 /* WSAEAFNOSUPPORT */ },
    { 2 /* F_WSAIOCTL */, -1, 0x88000015, 10047 /* WSAEAFNOSUPPORT */ },
    /* SIO_ADDRESS_LIST_QUERY into a buffer too small for the list. */
    { 2 /* F_WSAIOCTL */, -1, 0x48000016, 10055 /* WSAENOBUFS */ },
    /* SIO_IDEAL_SEND_BACKLOG_QUERY on a socket that is not connected. */
    { 2 /* F_WSAIOCTL */, -1, 0x4004747b, 10057 /* WSAENOTCONN */ },
    { 3 /* F_IOCTLSOCKET */, -1, 0x4004747b, 10057 /* WSAENOTCONN */ },
    /* SIO_MULTICAST_SCOPE is IP_MULTICAST_TTL: a stream socket has none. */
    { 2 /* F_WSAIOCTL */, -1, 0x8800000a, 10042 /* WSAENOPROTOOPT */ },
    { 3 /* F_IOCTLSOCKET */, -1, 0x8800000a, 10042 /* WSAENOPROTOOPT */ },
};

static BOOL in_list(const int *list, size_t count, int err)
{
    size_t i;
    for (i = 0; i < count; i++)
        if (list[i] == err) return TRUE;
    return FALSE;
}

static const char *error_name(int err)
{
    size_t i;
    for (i = 0; i < COUNT(wsa_errors); i++)
        if (wsa_errors[i].value == err) return wsa_errors[i].name;
    return err ? "?" : "0";
}

static const char *find_name(const struct named *table, size_t count, int value)
{
    size_t i;
    for (i = 0; i < count; i++)
        if (table[i].value == value) return table[i].name;
    return NULL;
}

/* ------------------------------------------------------------------------ */
/* Random numbers: every call has its own generator, seeded from (seed, index). */

struct rng { ULONGLONG state; };

static ULONGLONG splitmix64(ULONGLONG *x)
{
    ULONGLONG z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void rng_init(struct rng *r, ULONGLONG seed, ULONGLONG index)
{
    ULONGLONG x = seed;
    r->state = splitmix64(&x) ^ (index * 0xd1342543de82ef95ULL);
    splitmix64(&r->state);
}

static DWORD rnd32(struct rng *r) { return (DWORD)(splitmix64(&r->state) >> 32); }
static DWORD below(struct rng *r, DWORD n) { return (DWORD)(((ULONGLONG)rnd32(r) * n) >> 32); }

/* Picks an index by weight. */
static int pick(struct rng *r, const int *weights, int count)
{
    int i, total = 0, x;
    for (i = 0; i < count; i++) total += weights[i];
    x = (int)below(r, (DWORD)total);
    for (i = 0; i < count; i++)
    {
        if (x < weights[i]) return i;
        x -= weights[i];
    }
    return count - 1;
}

/* ------------------------------------------------------------------------ */
/* Memory. */

static char *in_region, *out_region;     /* REGION_SIZE read/write, then a no-access page */
static char *in_page_end, *out_page_end; /* the end of a read/write page followed by a no-access page */
static char *int_page_end;               /* the same, for optlen and lpcbBytesReturned */
static char *int_page;                   /* the start of that page: aligned ints */
static char *readonly_page;              /* PAGE_READONLY, then a no-access page */
static char *unmapped;                   /* reserved, never committed: any access faults */
#define LOW_POINTER ((char *)(ULONG_PTR)0x10)
#define KERNEL_POINTER ((char *)(ULONG_PTR)0xffff800000001000ULL)

/* readonly_page layout */
#define RO_INTS 0          /* the optlen values, one int each */
#define RO_DWORD_ONE 1024  /* 01 00 00 00 00 ... */
#define RO_GUID 2048       /* WSAID_ACCEPTEX */

static unsigned long leaked_requests; /* overlapped requests given up on (their OVERLAPPED is kept) */
static unsigned long leaked_buffers;  /* ... and those whose buffers were left to them too */
static unsigned long reused_buffers;  /* ... and those whose buffers had to be reused all the same */
#define MAX_LEAKED_BUFFERS 64         /* about 10 MB */

/* size bytes of `protect` memory followed by a PAGE_NOACCESS page. */
static char *alloc_guarded(SIZE_T size, DWORD protect)
{
    char *base = VirtualAlloc(NULL, size + PAGE, MEM_RESERVE, PAGE_NOACCESS);
    DWORD old;
    if (!base) return NULL;
    if (!VirtualAlloc(base, size, MEM_COMMIT, PAGE_READWRITE)) return NULL;
    if (!VirtualAlloc(base + size, PAGE, MEM_COMMIT, PAGE_NOACCESS)) return NULL;
    if (protect != PAGE_READWRITE && !VirtualProtect(base, size, protect, &old)) return NULL;
    return base;
}

/* The buffers a request may still write to: when a request is given up on,
 * they are left to it and new ones are made. */
static BOOL alloc_call_buffers(void)
{
    char *p;
    if (!(in_region = alloc_guarded(REGION_SIZE, PAGE_READWRITE))) return FALSE;
    if (!(out_region = alloc_guarded(REGION_SIZE, PAGE_READWRITE))) return FALSE;
    memset(in_region, 0xa5, SHADOW_SIZE);
    memset(out_region, 0xa5, SHADOW_SIZE);
    if (!(p = alloc_guarded(PAGE, PAGE_READWRITE))) return FALSE;
    in_page_end = p + PAGE;
    if (!(p = alloc_guarded(PAGE, PAGE_READWRITE))) return FALSE;
    out_page_end = p + PAGE;
    if (!(int_page = alloc_guarded(PAGE, PAGE_READWRITE))) return FALSE;
    int_page_end = int_page + PAGE;
    return TRUE;
}

static const int optlen_values[] = { 0, 1, 2, 3, 4, 8, 16, 372, 628, 4096, 65536, INT_MAX, -1, INT_MIN };
static const char *const optlen_names[] =
    { "0", "1", "2", "3", "4", "8", "16", "372", "628", "4096", "65536", "INT_MAX", "-1", "INT_MIN" };

static const GUID guids[] =
{
    { 0xb5367df1, 0xcbac, 0x11cf, { 0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92 } }, /* AcceptEx */
    { 0x25a207b9, 0xddf3, 0x4660, { 0x8e, 0xe9, 0x76, 0xe5, 0x8c, 0x74, 0x06, 0x3e } }, /* ConnectEx */
    { 0x7fda2e11, 0x8630, 0x436f, { 0xa0, 0x31, 0xf5, 0x36, 0xa6, 0xee, 0xc1, 0x57 } }, /* DisconnectEx */
    { 0xb5367df2, 0xcbac, 0x11cf, { 0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92 } }, /* GetAcceptExSockaddrs */
    { 0xb5367df0, 0xcbac, 0x11cf, { 0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92 } }, /* TransmitFile */
    { 0xd9689da0, 0x1f90, 0x11d3, { 0x99, 0x71, 0x00, 0xc0, 0x4f, 0x68, 0xc8, 0x76 } }, /* TransmitPackets */
    { 0xf689d7c8, 0x6f1f, 0x436b, { 0x8a, 0x53, 0xe5, 0x4f, 0xe3, 0x51, 0xc3, 0x22 } }, /* WSARecvMsg */
    { 0xa441e712, 0x754f, 0x43ca, { 0x84, 0xa7, 0x0d, 0xee, 0x44, 0xcf, 0x60, 0x6d } }, /* WSASendMsg */
};

static BOOL alloc_memory(void)
{
    DWORD one = 1, old;
    size_t i;

    if (!alloc_call_buffers()) return FALSE;
    if (!(unmapped = VirtualAlloc(NULL, 16 * PAGE, MEM_RESERVE, PAGE_NOACCESS))) return FALSE;
    unmapped += 8 * PAGE;
    if (!(readonly_page = alloc_guarded(PAGE, PAGE_READWRITE))) return FALSE;
    for (i = 0; i < COUNT(optlen_values); i++)
        memcpy(readonly_page + RO_INTS + i * sizeof(int), &optlen_values[i], sizeof(int));
    memcpy(readonly_page + RO_DWORD_ONE, &one, sizeof(one));
    memcpy(readonly_page + RO_GUID, &guids[0], sizeof(GUID));
    return VirtualProtect(readonly_page, PAGE, PAGE_READONLY, &old);
}

/* ------------------------------------------------------------------------ */
/* The sockets and handles calls are made on. */

enum target_id
{
    T_TCP4, T_UDP4, T_TCP6, T_UDP6,
    T_TCP4_BOUND, T_UDP4_BOUND, T_TCP6_BOUND, T_UDP6_BOUND,
    T_TCP4_LISTEN, T_TCP6_LISTEN, T_TCP4_LISTEN_FULL, T_TCP6_LISTEN_FULL,
    T_TCP4_CONNECTING, T_TCP6_CONNECTING,
    T_TCP4_CONNECTED, T_TCP4_ACCEPTED, T_TCP6_CONNECTED, T_TCP6_ACCEPTED,
    T_UDP4_CONNECTED, T_UDP6_CONNECTED,
    T_TCP4_SHUTDOWN, T_TCP6_SHUTDOWN, T_UDP4_SHUTDOWN,
    T_CLOSED,
    T_EVENT, T_INVALID, T_DEAD, T_PIPE,
    T_COUNT
};

static const char *const target_names[T_COUNT] =
{
    "tcp4-fresh", "udp4-fresh", "tcp6-fresh", "udp6-fresh",
    "tcp4-bound", "udp4-bound", "tcp6-bound", "udp6-bound",
    "tcp4-listening", "tcp6-listening", "tcp4-listening-full-backlog", "tcp6-listening-full-backlog",
    "tcp4-connecting", "tcp6-connecting",
    "tcp4-connected", "tcp4-accepted", "tcp6-connected", "tcp6-accepted",
    "udp4-connected", "udp6-connected",
    "tcp4-shutdown", "tcp6-shutdown", "udp4-shutdown",
    "closed-socket",
    "event", "INVALID_SOCKET", "0xdead0", "pipe",
};

static SOCKET targets[T_COUNT];
static BOOL target_ok[T_COUNT];

/* Sockets that are not targets but keep targets in their state. */
static SOCKET helpers[16];
static int helper_count;

/* The connecting sockets, kept across refreshes while they are still connecting. */
struct connecting
{
    SOCKET listener, queued[8], client;
    int queued_count;
    ULONGLONG created;
};
static struct connecting connecting4, connecting6;

static HANDLE event_handle, pipe_read, pipe_write;
static BOOL ipv6_ok;
static char notes[1024];

static void note(const char *fmt, const char *what)
{
    size_t len = strlen(notes);
    if (strstr(notes, what)) return;
    snprintf(notes + len, sizeof(notes) - len, fmt, what);
}

static SOCKET new_socket(int af, int type)
{
    return WSASocketW(af, type, type == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP, NULL, 0, WSA_FLAG_OVERLAPPED);
}

static int loopback(int af, struct sockaddr_storage *addr)
{
    memset(addr, 0, sizeof(*addr));
    if (af == AF_INET)
    {
        struct sockaddr_in *sin = (struct sockaddr_in *)addr;
        sin->sin_family = AF_INET;
        sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return sizeof(*sin);
    }
    else
    {
        struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)addr;
        sin6->sin6_family = AF_INET6;
        sin6->sin6_addr.s6_addr[15] = 1;
        return sizeof(*sin6);
    }
}

/* A socket bound to a loopback port of its own, and its address. */
static SOCKET bound_socket(int af, int type, struct sockaddr_storage *addr, int *len)
{
    SOCKET s = new_socket(af, type);
    if (s == INVALID_SOCKET) return s;
    *len = loopback(af, addr);
    if (bind(s, (struct sockaddr *)addr, *len) || getsockname(s, (struct sockaddr *)addr, len))
    {
        closesocket(s);
        return INVALID_SOCKET;
    }
    return s;
}

static void add_helper(SOCKET s)
{
    if (s != INVALID_SOCKET && helper_count < (int)COUNT(helpers)) helpers[helper_count++] = s;
    else if (s != INVALID_SOCKET) closesocket(s);
}

/* A loopback connection: the connecting side and the accepted side. */
static BOOL connected_pair(int af, SOCKET *client, SOCKET *server)
{
    struct sockaddr_storage addr;
    int len;
    SOCKET listener = bound_socket(af, SOCK_STREAM, &addr, &len);

    *client = *server = INVALID_SOCKET;
    if (listener == INVALID_SOCKET) return FALSE;
    if (!listen(listener, 4) && (*client = new_socket(af, SOCK_STREAM)) != INVALID_SOCKET &&
        !connect(*client, (struct sockaddr *)&addr, len))
        *server = accept(listener, NULL, NULL);
    closesocket(listener);
    if (*server != INVALID_SOCKET) return TRUE;
    if (*client != INVALID_SOCKET) closesocket(*client);
    *client = INVALID_SOCKET;
    return FALSE;
}

static void close_connecting(struct connecting *c)
{
    int i;
    if (c->client != INVALID_SOCKET) closesocket(c->client);
    for (i = 0; i < c->queued_count; i++) closesocket(c->queued[i]);
    if (c->listener != INVALID_SOCKET) closesocket(c->listener);
    memset(c, 0, sizeof(*c));
    c->listener = c->client = INVALID_SOCKET;
}

/* TRUE when a non-blocking connect has neither finished nor failed yet. */
static BOOL still_connecting(SOCKET s, int wait_ms)
{
    fd_set writable, failed;
    struct timeval tv = { 0, wait_ms * 1000 };
    FD_ZERO(&writable);
    FD_ZERO(&failed);
    FD_SET(s, &writable);
    FD_SET(s, &failed);
    return select(0, NULL, &writable, &failed, &tv) == 0;
}

/* A listener with listen(s, 0) and one connection queued (so its backlog is
 * full), and a non-blocking connect to it that stays in progress. */
static BOOL make_connecting(int af, struct connecting *c)
{
    struct sockaddr_storage addr;
    u_long nonblocking = 1;
    int len, tries;

    close_connecting(c);
    c->created = GetTickCount64();
    if ((c->listener = bound_socket(af, SOCK_STREAM, &addr, &len)) == INVALID_SOCKET) return FALSE;
    if (listen(c->listener, 0)) return FALSE;
    /* If the backlog takes more than one connection, queue more until one stays pending. */
    for (tries = 0; tries < 4; tries++)
    {
        SOCKET queued = new_socket(af, SOCK_STREAM);
        if (queued == INVALID_SOCKET) return FALSE;
        c->queued[c->queued_count++] = queued;
        if (connect(queued, (struct sockaddr *)&addr, len)) return FALSE;

        if ((c->client = new_socket(af, SOCK_STREAM)) == INVALID_SOCKET) return FALSE;
        if (ioctlsocket(c->client, FIONBIO, &nonblocking)) return FALSE;
        if (!connect(c->client, (struct sockaddr *)&addr, len) || WSAGetLastError() != WSAEWOULDBLOCK)
            return FALSE;
        if (still_connecting(c->client, 10)) return TRUE;
        /* It connected: it is queued too; try once more. */
        if (tries == 3) break;
        c->queued[c->queued_count++] = c->client;
        c->client = INVALID_SOCKET;
    }
    return FALSE;
}

static void keep_connecting(int af, struct connecting *c, BOOL rebuild)
{
    if (!rebuild && c->client != INVALID_SOCKET && GetTickCount64() - c->created < CONNECTING_MAX_AGE_MS &&
        still_connecting(c->client, 0))
        return;
    if (!make_connecting(af, c))
    {
        note("%s not available; ", af == AF_INET ? "tcp4-connecting" : "tcp6-connecting");
        close_connecting(c);
    }
}

static void set_target(int id, SOCKET s)
{
    targets[id] = s;
    target_ok[id] = s != INVALID_SOCKET;
    if (!target_ok[id]) note("%s not available; ", target_names[id]);
}

static volatile LONG phase; /* 0 between calls, 1 in a call, 2 setting sockets up */
static volatile ULONGLONG phase_start;
static char current_call[2048];
static ULONGLONG g_seed;
static volatile DWORD g_index;
static volatile unsigned long passed, failed;

static void close_pool(void)
{
    int i;
    static const int own[] =
    {
        T_TCP4, T_UDP4, T_TCP6, T_UDP6, T_TCP4_BOUND, T_UDP4_BOUND, T_TCP6_BOUND, T_UDP6_BOUND,
        T_TCP4_LISTEN, T_TCP6_LISTEN, T_TCP4_CONNECTED, T_TCP4_ACCEPTED, T_TCP6_CONNECTED,
        T_TCP6_ACCEPTED, T_UDP4_CONNECTED, T_UDP6_CONNECTED, T_TCP4_SHUTDOWN, T_TCP6_SHUTDOWN,
        T_UDP4_SHUTDOWN,
    };
    /* A call may have set SO_LINGER with a long timeout on a socket left with
     * unsent data (a send the peer never reads): closesocket would then wait
     * that long, as on Windows.  The pool's own cleanup does not linger. */
    static const struct linger no_linger = { 0, 0 };
    for (i = 0; i < (int)COUNT(own); i++)
        if (target_ok[own[i]])
        {
            setsockopt(targets[own[i]], SOL_SOCKET, SO_LINGER, (const char *)&no_linger, sizeof(no_linger));
            closesocket(targets[own[i]]);
        }
    for (i = 0; i < helper_count; i++) closesocket(helpers[i]);
    helper_count = 0;
}

/* (Re)creates the sockets.  Calls change them (options, non-blocking mode), so
 * they are made anew every `refresh` calls; the connecting ones are kept while
 * they still connect (they take a little while to make). */
static unsigned int pool_generation;  /* counts make_pool calls: handle values are reused */

static void make_pool(BOOL first, BOOL rebuild_connecting)
{
    static const char hello[] = "hello";
    struct sockaddr_storage addr4, addr6;
    int len4 = 0, len6 = 0, zero = 0, af;
    SOCKET client, server, s;

    phase_start = GetTickCount64();
    phase = 2;
    pool_generation++;
    if (!first) close_pool();
    /* A call may have set SO_OPENTYPE on this thread: sockets made here are overlapped anyway. */
    setsockopt(INVALID_SOCKET, SOL_SOCKET, 0x7008 /* SO_OPENTYPE */, (const char *)&zero, sizeof(zero));

    set_target(T_TCP4, new_socket(AF_INET, SOCK_STREAM));
    set_target(T_UDP4, new_socket(AF_INET, SOCK_DGRAM));
    set_target(T_TCP6, ipv6_ok ? new_socket(AF_INET6, SOCK_STREAM) : INVALID_SOCKET);
    set_target(T_UDP6, ipv6_ok ? new_socket(AF_INET6, SOCK_DGRAM) : INVALID_SOCKET);
    set_target(T_TCP4_BOUND, bound_socket(AF_INET, SOCK_STREAM, &addr4, &len4));
    set_target(T_TCP6_BOUND, ipv6_ok ? bound_socket(AF_INET6, SOCK_STREAM, &addr6, &len6) : INVALID_SOCKET);
    set_target(T_UDP4_BOUND, bound_socket(AF_INET, SOCK_DGRAM, &addr4, &len4));
    set_target(T_UDP6_BOUND, ipv6_ok ? bound_socket(AF_INET6, SOCK_DGRAM, &addr6, &len6) : INVALID_SOCKET);

    for (af = AF_INET; af; af = (af == AF_INET && ipv6_ok) ? AF_INET6 : 0)
    {
        struct sockaddr_storage addr;
        int len, id = af == AF_INET ? T_TCP4_LISTEN : T_TCP6_LISTEN;
        s = bound_socket(af, SOCK_STREAM, &addr, &len);
        if (s != INVALID_SOCKET && listen(s, SOMAXCONN)) { closesocket(s); s = INVALID_SOCKET; }
        set_target(id, s);

        connected_pair(af, &client, &server);
        if (client != INVALID_SOCKET)
        {
            /* Unread data, urgent data included, for FIONREAD and SIOCATMARK. */
            send(client, hello, sizeof(hello) - 1, 0);
            send(client, "!", 1, MSG_OOB);
        }
        set_target(af == AF_INET ? T_TCP4_CONNECTED : T_TCP6_CONNECTED, client);
        set_target(af == AF_INET ? T_TCP4_ACCEPTED : T_TCP6_ACCEPTED, server);

        connected_pair(af, &client, &server);
        if (client != INVALID_SOCKET && shutdown(client, SD_BOTH))
        {
            closesocket(client);
            client = INVALID_SOCKET;
        }
        set_target(af == AF_INET ? T_TCP4_SHUTDOWN : T_TCP6_SHUTDOWN, client);
        add_helper(server);
    }
    if (!ipv6_ok)
    {
        set_target(T_TCP6_LISTEN, INVALID_SOCKET);
        set_target(T_TCP6_CONNECTED, INVALID_SOCKET);
        set_target(T_TCP6_ACCEPTED, INVALID_SOCKET);
        set_target(T_TCP6_SHUTDOWN, INVALID_SOCKET);
    }

    s = new_socket(AF_INET, SOCK_DGRAM);
    if (s != INVALID_SOCKET && (!target_ok[T_UDP4_BOUND] || connect(s, (struct sockaddr *)&addr4, len4)))
    {
        closesocket(s);
        s = INVALID_SOCKET;
    }
    set_target(T_UDP4_CONNECTED, s);
    s = ipv6_ok ? new_socket(AF_INET6, SOCK_DGRAM) : INVALID_SOCKET;
    if (s != INVALID_SOCKET && (!target_ok[T_UDP6_BOUND] || connect(s, (struct sockaddr *)&addr6, len6)))
    {
        closesocket(s);
        s = INVALID_SOCKET;
    }
    set_target(T_UDP6_CONNECTED, s);
    s = new_socket(AF_INET, SOCK_DGRAM);
    if (s != INVALID_SOCKET && (!target_ok[T_UDP4_BOUND] || connect(s, (struct sockaddr *)&addr4, len4) ||
                                shutdown(s, SD_BOTH)))
    {
        closesocket(s);
        s = INVALID_SOCKET;
    }
    set_target(T_UDP4_SHUTDOWN, s);

    keep_connecting(AF_INET, &connecting4, rebuild_connecting);
    set_target(T_TCP4_CONNECTING, connecting4.client);
    set_target(T_TCP4_LISTEN_FULL, connecting4.client != INVALID_SOCKET ? connecting4.listener : INVALID_SOCKET);
    if (ipv6_ok) keep_connecting(AF_INET6, &connecting6, rebuild_connecting);
    set_target(T_TCP6_CONNECTING, connecting6.client);
    set_target(T_TCP6_LISTEN_FULL, connecting6.client != INVALID_SOCKET ? connecting6.listener : INVALID_SOCKET);

    /* Last, so that the handle value stays free for a while; it may be reused later. */
    s = new_socket(AF_INET, SOCK_STREAM);
    if (s != INVALID_SOCKET) closesocket(s);
    targets[T_CLOSED] = s;
    target_ok[T_CLOSED] = TRUE;

    targets[T_EVENT] = (SOCKET)event_handle;
    targets[T_INVALID] = INVALID_SOCKET;
    targets[T_DEAD] = (SOCKET)0xdead0;
    targets[T_PIPE] = (SOCKET)pipe_read;
    target_ok[T_EVENT] = target_ok[T_INVALID] = target_ok[T_DEAD] = target_ok[T_PIPE] = TRUE;
    phase = 0;
}

/* ------------------------------------------------------------------------ */
/* One call. */

enum func { F_GETSOCKOPT, F_SETSOCKOPT, F_WSAIOCTL, F_IOCTLSOCKET };
static const char *const func_names[] = { "getsockopt", "setsockopt", "WSAIoctl", "ioctlsocket" };

/* Where a buffer argument points. */
enum ptr_kind { P_NULL, P_LOW, P_UNMAPPED, P_KERNEL, P_VALID, P_UNALIGNED, P_PAGE_END, P_READONLY };
static const int ptr_weights[] = { 8, 4, 6, 2, 45, 12, 13, 10 };

/* Where an int argument (optlen, lpcbBytesReturned) points. */
enum int_kind { I_NULL, I_LOW, I_UNMAPPED, I_KERNEL, I_VALID, I_UNALIGNED, I_READONLY, I_PAGE_END_FIT, I_PAGE_END_SPLIT };
static const int optlen_ptr_weights[] = { 6, 3, 5, 2, 60, 10, 6, 4, 4 };
static const int returned_ptr_weights[] = { 15, 4, 8, 2, 50, 8, 5, 4, 4 };

struct buffer
{
    enum ptr_kind kind;
    int offset;            /* P_UNALIGNED: into the region; P_PAGE_END: bytes before the end */
    BOOL plausible;        /* content made for the call rather than random bytes */
    char *ptr;
    BOOL is_out;
};

struct int_arg
{
    enum int_kind kind;
    int offset;
    int *ptr;
};

enum ov_mode { OV_NONE, OV_EVENT, OV_ROUTINE };

struct call
{
    enum func func;
    int target;
    SOCKET s;
    int level, name;             /* getsockopt, setsockopt */
    int level_kind;              /* index into levels[], or -1 */
    int optlen_index;            /* index into optlen_values, or -1 for a random value */
    int optlen;
    DWORD code;                  /* WSAIoctl, ioctlsocket */
    struct buffer in, out;       /* optval is `in` for setsockopt, `out` for getsockopt */
    DWORD in_size, out_size;
    struct int_arg len_arg;      /* optlen pointer, or lpcbBytesReturned */
    enum ov_mode ov;
};

struct ov_slot
{
    WSAOVERLAPPED ov;            /* first: the routine gets its address */
    volatile LONG done;
    DWORD error, bytes;
};
/* Whether Microsoft documents `err` for this call: its function's list, or
 * its option's or control code's own additions. */
static BOOL error_documented(const struct call *c, int err)
{
    size_t i;

    switch (c->func)
    {
    case F_GETSOCKOPT: if (in_list(getsockopt_errors, COUNT(getsockopt_errors), err)) return TRUE; break;
    case F_SETSOCKOPT: if (in_list(setsockopt_errors, COUNT(setsockopt_errors), err)) return TRUE; break;
    case F_WSAIOCTL: if (in_list(wsaioctl_errors, COUNT(wsaioctl_errors), err)) return TRUE; break;
    case F_IOCTLSOCKET: if (in_list(ioctlsocket_errors, COUNT(ioctlsocket_errors), err)) return TRUE; break;
    }
    for (i = 0; i < COUNT(extra_errors); i++)
    {
        const struct extra_error *e = &extra_errors[i];
        BOOL by_code = c->func == F_WSAIOCTL || c->func == F_IOCTLSOCKET;

        if ((int)c->func == e->func && e->err == err &&
            (by_code ? c->code == e->name : (c->level == e->level && (DWORD)c->name == e->name)))
            return TRUE;
    }
    return FALSE;
}

/* An overlapped request's end: its call's errors or an ended connection's. */
static BOOL completion_error_documented(const struct call *c, int err)
{
    return error_documented(c, err) || in_list(completion_errors, COUNT(completion_errors), err);
}

static struct ov_slot *slot;

static void CALLBACK completion_routine(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    struct ov_slot *s = (struct ov_slot *)ov;
    (void)flags;
    s->error = error;
    s->bytes = bytes;
    InterlockedIncrement(&s->done);
}

static struct ov_slot *get_slot(void)
{
    if (!slot)
    {
        slot = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*slot));
        if (slot) slot->ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    }
    if (slot)
    {
        HANDLE event = slot->ov.hEvent;
        memset(&slot->ov, 0, sizeof(slot->ov));
        slot->ov.hEvent = event;
        slot->done = 0;
        slot->error = slot->bytes = 0;
        ResetEvent(event);
    }
    return slot;
}

/* A request that may still complete later keeps its OVERLAPPED and event. */
static void abandon_slot(void)
{
    slot = NULL;
    leaked_requests++;
}

static int pick_int(struct rng *r)
{
    static const int special[] = { -1, INT_MIN, INT_MAX, 0, 1, 2, 3, 4, 5, 8, 255, 256, 0xfffe, 0x10000, 0x7fff };
    switch (below(r, 4))
    {
    case 0: return special[below(r, COUNT(special))];
    case 1: return (int)below(r, 80);
    case 2: return (int)rnd32(r);
    default:
    {
        static const int bases[] = { 0x1000, 0x2000, 0x3000, 0x7000, 0xff00, 0x4000 };
        return bases[below(r, COUNT(bases))] + (int)below(r, 20);
    }
    }
}

static BOOL blocked_code(DWORD code)
{
    return code == C_SIO_ADDRESS_LIST_CHANGE || code == C_SIO_ROUTING_INTERFACE_CHANGE ||
           code == C_SIO_IDEAL_SEND_BACKLOG_CHANGE;
}

static DWORD pick_code(struct rng *r)
{
    static const DWORD types[] = { 0x20000000, 0x40000000, 0x80000000, 0xc0000000 };
    static const DWORD families[] = { 0, 0x08000000, 0x10000000, 0x18000000 };
    static const int weights[] = { 70, 8, 12, 6, 4 };
    DWORD code;

    do
    {
        switch (pick(r, weights, COUNT(weights)))
        {
        case 0: code = (DWORD)main_codes[below(r, COUNT(main_codes))].value; break;
        case 1: code = (DWORD)other_codes[below(r, COUNT(other_codes))].value; break;
        case 2: /* _WSAIO(type, family | n) */
            code = types[below(r, 4)] | families[below(r, 4)] | below(r, 64);
            break;
        case 3: /* _IO*(letter, n, size): BSD style */
        {
            static const char letters[] = "fstr";
            code = types[below(r, 4)] | ((below(r, 2) ? 4 : below(r, 128)) << 16) |
                   ((DWORD)letters[below(r, 4)] << 8) | below(r, 256);
            break;
        }
        default: code = rnd32(r); break;
        }
    } while (blocked_code(code));
    return code;
}

static DWORD pick_size(struct rng *r)
{
    static const DWORD sizes[] = { 0, 1, 2, 3, 4, 8, 12, 16, 20, 24, 28, 32, 64, 372, 628, 4096, 65536,
                                   0x7fffffff, 0x80000000, 0xffffffff };
    if (!below(r, 8)) return below(r, 1025);
    return sizes[below(r, COUNT(sizes))];
}

static void pick_buffer(struct rng *r, struct buffer *b, BOOL is_out)
{
    b->kind = (enum ptr_kind)pick(r, ptr_weights, COUNT(ptr_weights));
    b->is_out = is_out;
    b->plausible = below(r, 2);
    b->offset = 0;
    if (b->kind == P_UNALIGNED) b->offset = 1 + (int)below(r, 7);
    if (b->kind == P_PAGE_END) b->offset = 1 + (int)below(r, 8);
    switch (b->kind)
    {
    case P_NULL:      b->ptr = NULL; break;
    case P_LOW:       b->ptr = LOW_POINTER; break;
    case P_UNMAPPED:  b->ptr = unmapped; break;
    case P_KERNEL:    b->ptr = KERNEL_POINTER; break;
    case P_VALID:
    case P_UNALIGNED: b->ptr = (is_out ? out_region : in_region) + b->offset; break;
    case P_PAGE_END:  b->ptr = (is_out ? out_page_end : in_page_end) - b->offset; break;
    case P_READONLY:  b->ptr = readonly_page + (b->plausible ? RO_GUID : RO_DWORD_ONE); break;
    }
}

static void pick_int_arg(struct rng *r, struct int_arg *a, const int *weights, int count)
{
    a->kind = (enum int_kind)pick(r, weights, count);
    a->offset = 0;
    switch (a->kind)
    {
    case I_NULL:           a->ptr = NULL; break;
    case I_LOW:            a->ptr = (int *)LOW_POINTER; break;
    case I_UNMAPPED:       a->ptr = (int *)unmapped; break;
    case I_KERNEL:         a->ptr = (int *)KERNEL_POINTER; break;
    case I_VALID:          a->ptr = (int *)(int_page + 64); break;
    case I_UNALIGNED:      a->offset = 1 + (int)below(r, 3); a->ptr = (int *)(int_page + 64 + a->offset); break;
    case I_READONLY:       a->ptr = (int *)(readonly_page + RO_INTS); break;
    case I_PAGE_END_FIT:   a->ptr = (int *)(int_page_end - 4); break;
    case I_PAGE_END_SPLIT: a->offset = 1 + (int)below(r, 3); a->ptr = (int *)(int_page_end - a->offset); break;
    }
}

/* Content the call would plausibly be given, written at p (n bytes room). */
static void plausible_content(struct rng *r, const struct call *c, unsigned char *p, size_t n)
{
    static const DWORD values[] = { 0, 1, 2, 0xffffffff, 0x7fffffff, 0x80000000, 1000, 7200000, 0x10000, 65535 };
    unsigned char tmp[64];
    size_t i;
    DWORD v = below(r, 3) ? values[below(r, COUNT(values))] : below(r, 0x20000);

    for (i = 0; i < sizeof(tmp); i++) tmp[i] = (unsigned char)rnd32(r);
    memcpy(tmp, &v, 4);
    if (c->func == F_WSAIOCTL || c->func == F_IOCTLSOCKET)
    {
        switch (c->code)
        {
        case C_SIO_KEEPALIVE_VALS:
        {
            DWORD vals[3] = { below(r, 3), values[below(r, COUNT(values))], values[below(r, COUNT(values))] };
            memcpy(tmp, vals, sizeof(vals));
            break;
        }
        case C_SIO_GET_EXTENSION_FUNCTION_POINTER:
            memcpy(tmp, &guids[below(r, COUNT(guids))], sizeof(GUID));
            break;
        case C_SIO_ROUTING_INTERFACE_QUERY:
        {
            struct sockaddr_storage addr;
            int af = below(r, 2) ? AF_INET : AF_INET6;
            size_t len = (size_t)loopback(af, &addr);
            if (below(r, 3) == 0) memset(af == AF_INET ? (void *)&((struct sockaddr_in *)&addr)->sin_addr
                                                       : (void *)&((struct sockaddr_in6 *)&addr)->sin6_addr, 0,
                                         af == AF_INET ? 4 : 16);
            memcpy(tmp, &addr, len);
            break;
        }
        case C_SIO_TCP_INFO:
            v = below(r, 4) ? below(r, 3) : rnd32(r);
            memcpy(tmp, &v, 4);
            break;
        case C_FIONBIO:
        case C_SIO_UDP_CONNRESET:
            v = below(r, 4) ? below(r, 2) : rnd32(r);
            memcpy(tmp, &v, 4);
            break;
        }
    }
    memcpy(p, tmp, n < sizeof(tmp) ? n : sizeof(tmp));
}

static void fill_buffer(struct rng *r, const struct call *c, const struct buffer *b)
{
    size_t i;
    unsigned char *p;

    if (b->kind == P_VALID || b->kind == P_UNALIGNED)
    {
        char *region = b->is_out ? out_region : in_region;
        memset(region, 0xa5, SHADOW_SIZE);
        p = (unsigned char *)b->ptr;
        for (i = 0; i < CONTENT_SIZE; i += 4)
        {
            DWORD x = rnd32(r);
            memcpy(p + i, &x, 4);
        }
        if (b->plausible) plausible_content(r, c, p, CONTENT_SIZE);
    }
    else if (b->kind == P_PAGE_END)
    {
        p = (unsigned char *)b->ptr;
        for (i = 0; i < (size_t)b->offset; i++) p[i] = (unsigned char)rnd32(r);
        if (b->plausible) plausible_content(r, c, p, (size_t)b->offset);
    }
}

static void set_int_arg(const struct int_arg *a, int value)
{
    switch (a->kind)
    {
    case I_VALID: case I_UNALIGNED: case I_PAGE_END_FIT:
        memcpy(a->ptr, &value, sizeof(value));
        break;
    case I_PAGE_END_SPLIT:
        memcpy(a->ptr, &value, (size_t)a->offset);
        break;
    default:
        break;
    }
}

static void generate(struct rng *r, struct call *c)
{
    static const int func_weights[] = { 30, 30, 30, 10 };
    static const int level_weights[] = { 30, 20, 15, 15, 10, 10 };
    static const int ov_weights[] = { 62, 30, 8 };

    memset(c, 0, sizeof(*c));
    c->func = (enum func)pick(r, func_weights, COUNT(func_weights));
    c->target = (int)below(r, T_COUNT);
    c->s = targets[c->target];
    switch (c->func)
    {
    case F_GETSOCKOPT:
    case F_SETSOCKOPT:
        c->level_kind = pick(r, level_weights, COUNT(level_weights));
        if (c->level_kind == (int)COUNT(levels))
        {
            c->level_kind = -1;
            c->level = pick_int(r);
        }
        else c->level = levels[c->level_kind].level;
        if (below(r, 5))
        {
            const struct level_info *l = &levels[c->level_kind >= 0 ? c->level_kind : (int)below(r, COUNT(levels))];
            c->name = l->options[below(r, (DWORD)l->count)].value;
        }
        else c->name = pick_int(r);
        if (below(r, 8)) c->optlen_index = (int)below(r, COUNT(optlen_values));
        else c->optlen_index = -1;
        c->optlen = c->optlen_index >= 0 ? optlen_values[c->optlen_index] : (int)below(r, 700);
        if (c->func == F_GETSOCKOPT)
        {
            pick_buffer(r, &c->out, TRUE);
            pick_int_arg(r, &c->len_arg, optlen_ptr_weights, COUNT(optlen_ptr_weights));
            if (c->len_arg.kind == I_READONLY)
            {
                if (c->optlen_index < 0) c->optlen_index = 4;
                c->optlen = optlen_values[c->optlen_index];
                c->len_arg.ptr = (int *)(readonly_page + RO_INTS + c->optlen_index * sizeof(int));
            }
        }
        else pick_buffer(r, &c->in, FALSE);
        break;
    case F_WSAIOCTL:
        c->code = pick_code(r);
        pick_buffer(r, &c->in, FALSE);
        c->in_size = pick_size(r);
        pick_buffer(r, &c->out, TRUE);
        c->out_size = pick_size(r);
        pick_int_arg(r, &c->len_arg, returned_ptr_weights, COUNT(returned_ptr_weights));
        c->ov = (enum ov_mode)pick(r, ov_weights, COUNT(ov_weights));
        break;
    case F_IOCTLSOCKET:
        switch (below(r, 5))
        {
        case 0: c->code = C_FIONBIO; break;
        case 1: c->code = C_FIONREAD; break;
        case 2: c->code = C_SIOCATMARK; break;
        default: c->code = pick_code(r); break;
        }
        pick_buffer(r, &c->out, TRUE);
        break;
    }
    if (c->in.kind || c->in.ptr) fill_buffer(r, c, &c->in);
    if (c->out.kind || c->out.ptr) fill_buffer(r, c, &c->out);
    /* ioctlsocket's argp is read too: plausible content matters there. */
}

/* ------------------------------------------------------------------------ */
/* Describing a call. */

static int describe_buffer(char *p, size_t n, const struct buffer *b)
{
    static const char *const names[] = { "NULL", "0x10", "unmapped", "kernel", "valid", "valid+", "pageend-", "readonly" };
    int len;

    if (b->kind == P_UNALIGNED || b->kind == P_PAGE_END)
        len = snprintf(p, n, "%s%d[%p]", names[b->kind], b->offset, b->ptr);
    else len = snprintf(p, n, "%s[%p]", names[b->kind], b->ptr);
    if (b->kind == P_VALID || b->kind == P_UNALIGNED || b->kind == P_PAGE_END || b->kind == P_READONLY)
    {
        int i, shown = b->kind == P_PAGE_END ? b->offset : 16;
        len += snprintf(p + len, n - len, "{");
        for (i = 0; i < shown && (size_t)len + 3 < n; i++)
            len += snprintf(p + len, n - len, "%02x", (unsigned char)b->ptr[i]);
        len += snprintf(p + len, n - len, "%s}", b->kind == P_PAGE_END ? "" : "..");
    }
    return len;
}

static int describe_int(char *p, size_t n, const struct int_arg *a, const char *value)
{
    static const char *const names[] = { "NULL", "0x10", "unmapped", "kernel", "valid", "valid+", "readonly",
                                         "pageend-4", "pageend-" };
    if (a->kind == I_UNALIGNED || a->kind == I_PAGE_END_SPLIT)
        return snprintf(p, n, "%s%d[%p]%s%s", names[a->kind], a->offset, (void *)a->ptr, value ? "=" : "",
                        value ? value : "");
    return snprintf(p, n, "%s[%p]%s%s", names[a->kind], (void *)a->ptr, value ? "=" : "", value ? value : "");
}

static const char *level_name(int level)
{
    size_t i;
    for (i = 0; i < COUNT(levels); i++)
        if (levels[i].level == level) return levels[i].name;
    return "?";
}

static const char *option_name(int level, int name)
{
    size_t i;
    for (i = 0; i < COUNT(levels); i++)
        if (levels[i].level == level) return find_name(levels[i].options, levels[i].count, name);
    return NULL;
}

static const char *code_name(DWORD code)
{
    const char *name = find_name(main_codes, COUNT(main_codes), (int)code);
    return name ? name : find_name(other_codes, COUNT(other_codes), (int)code);
}

static void describe(const struct call *c, char *p, size_t n)
{
    int len;
    char value[32];
    const char *name;

    len = snprintf(p, n, "%s(s=%s[%#llx%s], ", func_names[c->func], target_names[c->target], (unsigned long long)c->s,
                   target_ok[c->target] ? "" : " unavailable");
    switch (c->func)
    {
    case F_GETSOCKOPT:
    case F_SETSOCKOPT:
        name = option_name(c->level, c->name);
        len += snprintf(p + len, n - len, "level=%s(%d), optname=%s(%#x), optval=", level_name(c->level), c->level,
                        name ? name : "?", (unsigned)c->name);
        len += describe_buffer(p + len, n - len, c->func == F_GETSOCKOPT ? &c->out : &c->in);
        if (c->optlen_index >= 0) snprintf(value, sizeof(value), "%s", optlen_names[c->optlen_index]);
        else snprintf(value, sizeof(value), "%d", c->optlen);
        if (c->func == F_SETSOCKOPT) len += snprintf(p + len, n - len, ", optlen=%s)", value);
        else
        {
            BOOL has_value = c->len_arg.kind == I_VALID || c->len_arg.kind == I_UNALIGNED ||
                             c->len_arg.kind == I_READONLY || c->len_arg.kind == I_PAGE_END_FIT;
            len += snprintf(p + len, n - len, ", optlen=");
            if (c->len_arg.kind == I_PAGE_END_SPLIT)
                snprintf(value + strlen(value), sizeof(value) - strlen(value), "(first %d bytes)", c->len_arg.offset);
            len += describe_int(p + len, n - len, &c->len_arg,
                                has_value || c->len_arg.kind == I_PAGE_END_SPLIT ? value : NULL);
            len += snprintf(p + len, n - len, ")");
        }
        break;
    case F_WSAIOCTL:
        name = code_name(c->code);
        len += snprintf(p + len, n - len, "code=%s(%#lx), in=", name ? name : "?", (unsigned long)c->code);
        len += describe_buffer(p + len, n - len, &c->in);
        len += snprintf(p + len, n - len, ", in_size=%lu, out=", (unsigned long)c->in_size);
        len += describe_buffer(p + len, n - len, &c->out);
        len += snprintf(p + len, n - len, ", out_size=%lu, bytes_returned=", (unsigned long)c->out_size);
        len += describe_int(p + len, n - len, &c->len_arg, NULL);
        len += snprintf(p + len, n - len, ", overlapped=%s, routine=%s)",
                        c->ov == OV_NONE ? "NULL" : "valid+event", c->ov == OV_ROUTINE ? "valid" : "NULL");
        break;
    case F_IOCTLSOCKET:
        name = code_name(c->code);
        len += snprintf(p + len, n - len, "cmd=%s(%#lx), argp=", name ? name : "?", (unsigned long)c->code);
        len += describe_buffer(p + len, n - len, &c->out);
        len += snprintf(p + len, n - len, ")");
        break;
    }
}

/* ------------------------------------------------------------------------ */
/* Failures. */

static unsigned long max_report = 100, reported;

struct signature { char key[160]; unsigned long count; DWORD first_index; char first[1400]; };
static struct signature signatures[200];
static int signature_count;

static void record_failure(const struct call *c, const char *key, const char *what)
{
    int i;

    if (reported < max_report)
    {
        printf("fuzz_calls: FAIL seed=%llu index=%lu: %s: %s\n", g_seed, (unsigned long)g_index, current_call, what);
        fflush(stdout);
    }
    else if (reported == max_report)
    {
        printf("fuzz_calls: (further failures are counted, not shown)\n");
        fflush(stdout);
    }
    reported++;
    (void)c;
    for (i = 0; i < signature_count; i++)
        if (!strcmp(signatures[i].key, key)) break;
    if (i == signature_count)
    {
        if (signature_count == (int)COUNT(signatures)) return;
        signature_count++;
        snprintf(signatures[i].key, sizeof(signatures[i].key), "%s", key);
        signatures[i].first_index = g_index;
        snprintf(signatures[i].first, sizeof(signatures[i].first), "%s: %s", current_call, what);
    }
    signatures[i].count++;
}

/* A key that groups failures of one kind: function, level/option or code, outcome
 * (the first failure of each kind is shown with its target). */
static void failure_key(const struct call *c, const char *outcome, char *key, size_t n)
{
    const char *name;
    if (c->func == F_GETSOCKOPT || c->func == F_SETSOCKOPT)
    {
        name = option_name(c->level, c->name);
        snprintf(key, n, "%s %s/%s: %s", func_names[c->func],
                 c->level_kind >= 0 ? level_name(c->level) : "random-level", name ? name : "random-option", outcome);
    }
    else
    {
        name = code_name(c->code);
        snprintf(key, n, "%s %s%s: %s", func_names[c->func], name ? name : "random-code",
                 c->ov == OV_NONE ? "" : c->ov == OV_EVENT ? " overlapped" : " routine", outcome);
    }
}

/* Bytes of a valid buffer outside [start, end) that are not what was written there. */
static BOOL stray_write(const struct buffer *b, const unsigned char *shadow, LONGLONG allowed_len, char *what, size_t n)
{
    const unsigned char *region;
    LONGLONG start, end, i;

    if (b->kind != P_VALID && b->kind != P_UNALIGNED) return FALSE;
    region = (const unsigned char *)(b->is_out ? out_region : in_region);
    start = b->offset;
    end = start + (allowed_len < 0 ? 0 : allowed_len);
    for (i = 0; i < SHADOW_SIZE; i++)
    {
        if (i >= start && i < end) continue;
        if (region[i] != shadow[i])
        {
            snprintf(what, n, "wrote byte %+lld of %s (%02x, was %02x) outside the %lld bytes it was given",
                     i - start, b->is_out ? "the output buffer" : "the input buffer", region[i], shadow[i],
                     allowed_len < 0 ? 0 : allowed_len);
            return TRUE;
        }
    }
    return FALSE;
}

static unsigned char in_shadow[SHADOW_SIZE], out_shadow[SHADOW_SIZE];

/* Whether the call's optlen / lpcbBytesReturned pointer can be read after it. */
static BOOL len_readable(const struct call *c)
{
    return c->len_arg.ptr && (c->len_arg.kind == I_VALID || c->len_arg.kind == I_UNALIGNED ||
                              c->len_arg.kind == I_READONLY || c->len_arg.kind == I_PAGE_END_FIT);
}

/* One past the last byte of the output buffer the call changed (0: none). */
static LONGLONG changed_extent(const struct buffer *b, const unsigned char *shadow)
{
    const unsigned char *region = (const unsigned char *)out_region;
    LONGLONG i;

    if (b->kind != P_VALID && b->kind != P_UNALIGNED) return 0;
    for (i = SHADOW_SIZE - 1; i >= b->offset; i--)
        if (region[i] != shadow[i]) return i - b->offset + 1;
    return 0;
}

/* After a successful getsockopt or WSAIoctl: the count the call gave back
 * must fit what the caller allowed, and cover every byte it wrote (a count
 * inflated, or 8 bytes written where it says 4, fails).  Two exceptions
 * Windows has: an overlapped WSAIoctl may leave the count as it was (its
 * count comes with the completion; Wine's conformance test_keepalive_vals),
 * and a BOOL option read into 2 or 3 bytes gets a WORD written and a count
 * of 1 (test_optsize: SO_BROADCAST's 0xdead0001 with size 1). */
static BOOL bad_count(const struct call *c, LONGLONG len_before, LONGLONG allowed, char *what, size_t n)
{
    LONGLONG after, written = changed_extent(&c->out, out_shadow);

    if (!len_readable(c)) return FALSE;
    after = c->func == F_WSAIOCTL ? (LONGLONG)*(DWORD *)c->len_arg.ptr : (LONGLONG)*c->len_arg.ptr;
    if (c->func == F_WSAIOCTL && c->ov != OV_NONE && after == len_before) return FALSE;
    if (c->func == F_GETSOCKOPT && after == 1 && written == 2) written = 1;
    if (after < 0 || after > allowed)
    {
        snprintf(what, n, "succeeded and gave back a count of %lld, where the caller allowed %lld (it was %lld)",
                 after, allowed, len_before);
        return TRUE;
    }
    if (written > after)
    {
        snprintf(what, n, "succeeded and wrote %lld bytes but gave back a count of %lld", written, after);
        return TRUE;
    }
    return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Making the call and checking it. */

static unsigned long completions_checked, routines_not_run;

/* Kinds of overlapped request (function, code, completion style) seen stuck:
 * later ones of the same kind are still failures when they stay pending, but
 * are waited for only STUCK_WAIT_MS, so that one stuck kind does not make a
 * run take hours. */
static DWORD stuck_kinds[256];
static int stuck_count;

static DWORD stuck_kind(const struct call *c)
{
    DWORD code = code_name(c->code) ? c->code : 0xffffffff; /* unknown codes: one kind */
    return (code * 4 + (DWORD)c->ov) ^ ((DWORD)c->func << 30);
}

static BOOL was_stuck(DWORD kind)
{
    int i;
    for (i = 0; i < stuck_count; i++)
        if (stuck_kinds[i] == kind) return TRUE;
    return FALSE;
}

static int wait_routine(struct ov_slot *s, DWORD ms)
{
    ULONGLONG start = GetTickCount64();
    for (;;)
    {
        if (s->done) return 1;
        if (GetTickCount64() - start >= ms) return 0;
        SleepEx(ms < 10 ? 1 : 10, TRUE);
    }
}

#include "fuzz_io.c"

static DWORD io_percent = 30;  /* calls of the rest of the surface (fuzz_io.c), in percent */

static void run_call(ULONGLONG seed, DWORD index, BOOL verbose)
{
    struct rng r;
    struct call c;
    struct ov_slot *s = NULL;
    int ret = 0, err = 0, problems = 0;
    char what[512], key[256], outcome[96];
    LONGLONG out_allowed = 0, len_before = 0;
    BOOL abandon_buffers = FALSE;

    rng_init(&r, seed, index);
    if (below(&r, 100) < io_percent)
    {
        run_io_call(&r, index, verbose);
        return;
    }
    generate(&r, &c);
    if (c.func == F_GETSOCKOPT) set_int_arg(&c.len_arg, c.optlen);
    if (c.func == F_WSAIOCTL) set_int_arg(&c.len_arg, 0x5eed);
    describe(&c, current_call, sizeof(current_call));
    if (verbose)
    {
        printf("fuzz_calls: call %lu: %s\n", (unsigned long)index, current_call);
        fflush(stdout);
    }
    memcpy(in_shadow, in_region, SHADOW_SIZE);
    memcpy(out_shadow, out_region, SHADOW_SIZE);
    if (len_readable(&c))
        len_before = c.func == F_WSAIOCTL ? (LONGLONG)*(DWORD *)c.len_arg.ptr : (LONGLONG)*c.len_arg.ptr;

    if (c.func == F_WSAIOCTL && c.ov != OV_NONE && !(s = get_slot()))
    {
        printf("fuzz_calls: out of memory\n");
        exit(2);
    }

    phase_start = GetTickCount64();
    phase = 1;
    SetLastError(0xbad);
    switch (c.func)
    {
    case F_GETSOCKOPT:
        ret = getsockopt(c.s, c.level, c.name, c.out.ptr, c.len_arg.ptr);
        break;
    case F_SETSOCKOPT:
        ret = setsockopt(c.s, c.level, c.name, c.in.ptr, c.optlen);
        break;
    case F_WSAIOCTL:
        ret = WSAIoctl(c.s, c.code, c.in.ptr, c.in_size, c.out.ptr, c.out_size, (DWORD *)c.len_arg.ptr,
                       s ? &s->ov : NULL, c.ov == OV_ROUTINE ? completion_routine : NULL);
        break;
    case F_IOCTLSOCKET:
        ret = ioctlsocket(c.s, (long)c.code, (u_long *)c.out.ptr);
        break;
    }
    err = WSAGetLastError();

    /* An overlapped request: see it through before its memory is reused. */
    if (s && ret == SOCKET_ERROR && err == WSA_IO_PENDING)
    {
        BOOL completed, stuck_before = was_stuck(stuck_kind(&c));
        DWORD wait = stuck_before ? STUCK_WAIT_MS : PENDING_WAIT_MS;
        DWORD cancel_wait = stuck_before ? STUCK_WAIT_MS : CANCEL_WAIT_MS;

        if (c.ov == OV_EVENT) completed = WaitForSingleObject(s->ov.hEvent, wait) == WAIT_OBJECT_0;
        else completed = wait_routine(s, wait);
        if (!completed)
        {
            ULONG_PTR internal = s->ov.Internal;
            BOOL cancelled = CancelIoEx((HANDLE)c.s, &s->ov);
            DWORD cancel_error = cancelled ? 0 : GetLastError();

            if (c.ov == OV_EVENT) completed = WaitForSingleObject(s->ov.hEvent, cancel_wait) == WAIT_OBJECT_0;
            else completed = wait_routine(s, cancel_wait);
            failure_key(&c, "pending too long", key, sizeof(key));
            snprintf(what, sizeof(what), "returned SOCKET_ERROR, WSA_IO_PENDING, and %s within %lu ms "
                     "(Internal %#llx); %s", c.ov == OV_EVENT ? "the event was not signaled" : "the routine did not run",
                     (unsigned long)wait, (unsigned long long)internal,
                     completed ? "it completed after CancelIoEx" : cancelled ?
                     "CancelIoEx did not complete it either; abandoned" : "");
            if (!completed && !cancelled)
                snprintf(what + strlen(what), sizeof(what) - strlen(what), "CancelIoEx failed with %lu; abandoned",
                         cancel_error);
            record_failure(&c, key, what);
            problems++;
            if (!stuck_before && stuck_count < (int)COUNT(stuck_kinds)) stuck_kinds[stuck_count++] = stuck_kind(&c);
            if (!completed)
            {
                abandon_slot();
                /* Its buffers could still be written to while it is marked pending:
                 * leave them to it (up to MAX_LEAKED_BUFFERS sets). */
                abandon_buffers = s->ov.Internal == STATUS_PENDING;
            }
        }
        else
        {
            DWORD bytes = 0, flags = 0, cerr = 0;
            completions_checked++;
            if (c.ov == OV_EVENT)
            {
                if (!WSAGetOverlappedResult(c.s, &s->ov, &bytes, FALSE, &flags)) cerr = WSAGetLastError();
            }
            else cerr = s->error;
            if (cerr && !completion_error_documented(&c, (int)cerr))
            {
                snprintf(outcome, sizeof(outcome), "completion error %lu", (unsigned long)cerr);
                failure_key(&c, outcome, key, sizeof(key));
                snprintf(what, sizeof(what), "returned SOCKET_ERROR, WSA_IO_PENDING; the request completed with "
                         "error %lu (%s)%s, not a documented error", (unsigned long)cerr, error_name((int)cerr),
                         c.ov == OV_EVENT ? " from WSAGetOverlappedResult" : " in the completion routine");
                record_failure(&c, key, what);
                problems++;
            }
        }
    }
    else if (s && c.ov == OV_ROUTINE)
    {
        /* Completed at once: a routine is queued for a success; let it run. */
        SleepEx(0, TRUE);
        if (!s->done && ret == 0 && !wait_routine(s, 200))
        {
            /* Windows queues the routine of a request that succeeds at once. */
            routines_not_run++;
            failure_key(&c, "routine not run", key, sizeof(key));
            snprintf(what, sizeof(what), "returned 0, and its completion routine did not run at the next "
                     "alertable waits (200 ms)");
            record_failure(&c, key, what);
            problems++;
            abandon_slot();  /* it may still run later: keep its OVERLAPPED */
        }
        else if (s->error && !completion_error_documented(&c, (int)s->error))
        {
            snprintf(outcome, sizeof(outcome), "routine error %lu", (unsigned long)s->error);
            failure_key(&c, outcome, key, sizeof(key));
            snprintf(what, sizeof(what), "returned %d; the completion routine got error %lu (%s), not a documented "
                     "error", ret, (unsigned long)s->error, error_name((int)s->error));
            record_failure(&c, key, what);
            problems++;
        }
    }
    phase = 0;

    if (ret != 0 && ret != SOCKET_ERROR)
    {
        snprintf(outcome, sizeof(outcome), "returned %d", ret);
        failure_key(&c, outcome, key, sizeof(key));
        snprintf(what, sizeof(what), "returned %d (neither 0 nor SOCKET_ERROR), WSAGetLastError() %d (%s)", ret, err,
                 error_name(err));
        record_failure(&c, key, what);
        problems++;
    }
    else if (ret == SOCKET_ERROR && !error_documented(&c, err))
    {
        snprintf(outcome, sizeof(outcome), "error %d", err);
        failure_key(&c, outcome, key, sizeof(key));
        snprintf(what, sizeof(what), "returned SOCKET_ERROR with WSAGetLastError() %d (%s), not a documented error",
                 err, error_name(err));
        record_failure(&c, key, what);
        problems++;
    }

    /* Writes outside the caller's buffers. */
    switch (c.func)
    {
    case F_GETSOCKOPT:
        /* optval may take as many bytes as *optlen says, when optlen can be read. */
        if (c.len_arg.kind == I_VALID || c.len_arg.kind == I_UNALIGNED || c.len_arg.kind == I_READONLY ||
            c.len_arg.kind == I_PAGE_END_FIT)
            out_allowed = c.optlen;
        /* SO_OPENTYPE takes a negative *optlen as 4 and writes its DWORD
         * (Windows, recorded in Wine's conformance test_set_getsockopt). */
        if (c.level == SOL_SOCKET && c.name == 0x7008 /* SO_OPENTYPE */ && out_allowed < 0) out_allowed = 4;
        break;
    case F_WSAIOCTL:
        out_allowed = c.out_size;
        break;
    case F_IOCTLSOCKET:
        out_allowed = sizeof(u_long);
        break;
    default:
        break;
    }
    if ((c.func == F_SETSOCKOPT || c.func == F_WSAIOCTL) && stray_write(&c.in, in_shadow, 0, what, sizeof(what)))
    {
        failure_key(&c, "wrote to the input buffer", key, sizeof(key));
        record_failure(&c, key, what);
        problems++;
    }
    if (c.func != F_SETSOCKOPT && stray_write(&c.out, out_shadow, out_allowed, what, sizeof(what)))
    {
        failure_key(&c, "wrote past the output buffer", key, sizeof(key));
        record_failure(&c, key, what);
        problems++;
    }
    /* The count given back, after an immediate success (an overlapped
     * request's count arrives with its completion). */
    if (ret == 0 && (c.func == F_GETSOCKOPT || c.func == F_WSAIOCTL) &&
        bad_count(&c, len_before, out_allowed < 0 ? 0 : out_allowed, what, sizeof(what)))
    {
        failure_key(&c, c.func == F_GETSOCKOPT ? "wrong optlen" : "wrong bytes returned", key, sizeof(key));
        record_failure(&c, key, what);
        problems++;
    }

    if (abandon_buffers && leaked_buffers < MAX_LEAKED_BUFFERS)
    {
        leaked_buffers++;
        if (!alloc_call_buffers())
        {
            printf("fuzz_calls: out of memory\n");
            fflush(stdout);
            TerminateProcess(GetCurrentProcess(), 2);
        }
    }
    else if (abandon_buffers) reused_buffers++;
    if (problems) failed++;
    else passed++;
}

/* ------------------------------------------------------------------------ */
/* Crashes and hangs. */

static void write_out(const char *text)
{
    DWORD written;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), text, (DWORD)strlen(text), &written, NULL);
}

static LONG WINAPI crash_filter(EXCEPTION_POINTERS *info)
{
    static char text[4096];
    EXCEPTION_RECORD *rec = info->ExceptionRecord;
    int len;

    fflush(stdout);
    HMODULE module = NULL;
    char path[MAX_PATH] = "?", *base = path, *p;

    len = snprintf(text, sizeof(text), "fuzz_calls: CRASH seed=%llu index=%lu: exception %#lx at %p",
                   g_seed, (unsigned long)g_index, (unsigned long)rec->ExceptionCode, rec->ExceptionAddress);
    if (GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                           (const char *)rec->ExceptionAddress, &module) &&
        GetModuleFileNameA(module, path, sizeof(path)))
    {
        for (p = path; *p; p++)
            if (*p == '\\' || *p == '/') base = p + 1;
        len += snprintf(text + len, sizeof(text) - len, " (%s+%#llx)", base,
                        (unsigned long long)((char *)rec->ExceptionAddress - (char *)module));
    }
    if (rec->ExceptionCode == EXCEPTION_ACCESS_VIOLATION && rec->NumberParameters >= 2)
        len += snprintf(text + len, sizeof(text) - len, " (%s %p)",
                        rec->ExceptionInformation[0] == 0 ? "reading" :
                        rec->ExceptionInformation[0] == 1 ? "writing" : "executing",
                        (void *)rec->ExceptionInformation[1]);
    snprintf(text + len, sizeof(text) - len, " %s %s\nfuzz_calls: %lu passed, %lu failed\n",
             phase == 2 ? "while setting sockets up before" : "in", current_call, passed, failed + 1);
    write_out(text);
    TerminateProcess(GetCurrentProcess(), 3);
    return EXCEPTION_EXECUTE_HANDLER;
}

static DWORD WINAPI watchdog(void *arg)
{
    static char text[4096];
    (void)arg;
    for (;;)
    {
        Sleep(500);
        if (phase && GetTickCount64() - phase_start > HANG_MS)
        {
            fflush(stdout);
            snprintf(text, sizeof(text), "fuzz_calls: HANG seed=%llu index=%lu: no return after %d ms %s %s\n"
                     "fuzz_calls: %lu passed, %lu failed\n", g_seed, (unsigned long)g_index, HANG_MS,
                     phase == 2 ? "while setting sockets up before" : "from", current_call, passed, failed + 1);
            write_out(text);
            TerminateProcess(GetCurrentProcess(), 4);
        }
    }
    return 0;
}

/* ------------------------------------------------------------------------ */

static int usage(void)
{
    printf("usage: fuzz_calls [--calls N] [--seed S] [--time-limit SECONDS] [--start INDEX] [--refresh N]\n"
           "                  [--max-report N] [--io-percent N] [--verbose]\n"
           "  --calls N            calls to make (default 20000)\n"
           "  --seed S             the seed (default: from the clock, printed)\n"
           "  --time-limit SECONDS stop after this long (default 240, 0: no limit)\n"
           "  --start INDEX        first call index (replay: --start I --calls 1 --verbose)\n"
           "  --refresh N          new sockets every N calls (default 2000)\n"
           "  --max-report N       failures printed in full (default 100)\n"
           "  --io-percent N       calls of the rest of the surface (send/recv, select, names, ...;\n"
           "                       default 30, 0: options and ioctls only)\n"
           "  --verbose            print every call before making it\n");
    return 2;
}

static BOOL parse_number(const char *text, ULONGLONG *value)
{
    char *end;
    if (!text || !*text || *text == '-') return FALSE;
    *value = _strtoui64(text, &end, 0);
    return !*end;
}

int main(int argc, char **argv)
{
    ULONGLONG calls = 20000, time_limit = 240, start = 0, refresh = 2000, value, started, elapsed;
    ULONGLONG i, seed = 0;
    BOOL have_seed = FALSE, verbose = FALSE, timed_out = FALSE;
    HMODULE module;
    WSADATA data;
    SOCKET probe;
    int a;

    for (a = 1; a < argc; a++)
    {
        const char *arg = argv[a], *next = a + 1 < argc ? argv[a + 1] : NULL;
        if (!strcmp(arg, "--verbose")) { verbose = TRUE; continue; }
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) { usage(); return 0; }
        if (!parse_number(next, &value)) return usage();
        a++;
        if (!strcmp(arg, "--calls")) calls = value;
        else if (!strcmp(arg, "--seed")) { seed = value; have_seed = TRUE; }
        else if (!strcmp(arg, "--time-limit")) time_limit = value;
        else if (!strcmp(arg, "--start")) start = value;
        else if (!strcmp(arg, "--refresh") && value) refresh = value;
        else if (!strcmp(arg, "--max-report")) max_report = (unsigned long)value;
        else if (!strcmp(arg, "--io-percent") && value <= 100) io_percent = (DWORD)value;
        else return usage();
    }
    if (start + calls > 0xffffffffULL) return usage();
    if (!have_seed) seed = GetTickCount64() ^ ((ULONGLONG)GetCurrentProcessId() << 32);
    g_seed = seed;
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);

    SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX);
    SetUnhandledExceptionFilter(crash_filter);
    snprintf(current_call, sizeof(current_call), "(start-up)");
    phase_start = GetTickCount64();
    phase = 2;
    CloseHandle(CreateThread(NULL, 0, watchdog, NULL, 0, NULL));

    if (WSAStartup(MAKEWORD(2, 2), &data))
    {
        printf("fuzz_calls: WSAStartup failed\nfuzz_calls: 0 passed, 1 failed\n");
        return 2;
    }
    if (!alloc_memory() || !(event_handle = CreateEventW(NULL, TRUE, FALSE, NULL)) ||
        !CreatePipe(&pipe_read, &pipe_write, NULL, 0) || (io_percent && !io_setup()))
    {
        printf("fuzz_calls: set-up failed (error %lu)\nfuzz_calls: 0 passed, 1 failed\n", GetLastError());
        return 2;
    }
    memset(&connecting4, 0, sizeof(connecting4));
    connecting4.listener = connecting4.client = INVALID_SOCKET;
    connecting6 = connecting4;
    if ((probe = new_socket(AF_INET6, SOCK_STREAM)) != INVALID_SOCKET)
    {
        struct sockaddr_storage addr;
        int len = loopback(AF_INET6, &addr);
        ipv6_ok = !bind(probe, (struct sockaddr *)&addr, len);
        closesocket(probe);
    }

    module = GetModuleHandleA("ws2_32.dll");
    printf("fuzz_calls: seed %llu, %llu calls from index %llu, time limit %llu s, ws2_32.dll: %s\n", seed, calls,
           start, time_limit,
           module && !memcmp((const char *)module + 0x40, "Wine builtin DLL", 16) ? "Wine's builtin" :
           GetModuleHandleA("ws2kit.dll") ? "ws2kit" : "native (not ws2kit)");
    fflush(stdout);

    started = GetTickCount64();
    for (i = start; i < start + calls; i++)
    {
        g_index = (DWORD)i;
        if (i == start || i % refresh == 0)
        {
            snprintf(current_call, sizeof(current_call), "(new sockets for call %llu)", i);
            make_pool(i == start, i == start || (i / refresh) % 8 == 0);
            if (i == start && notes[0])
            {
                printf("fuzz_calls: note: %s\n", notes);
                fflush(stdout);
            }
        }
        run_call(seed, (DWORD)i, verbose);
        if ((i - start + 1) % 100000 == 0)
        {
            elapsed = GetTickCount64() - started;
            printf("fuzz_calls: %llu calls, %llu.%01llu s\n", i - start + 1, elapsed / 1000, elapsed % 1000 / 100);
            fflush(stdout);
        }
        if (((i - start + 1) & 255) == 0)
        {
            elapsed = GetTickCount64() - started;
            if (time_limit && elapsed >= time_limit * 1000 && i + 1 < start + calls)
            {
                timed_out = TRUE;
                calls = i - start + 1;
                break;
            }
        }
    }
    phase = 0;
    elapsed = GetTickCount64() - started;

    if (signature_count)
    {
        int k;
        printf("fuzz_calls: %d kind(s) of failure:\n", signature_count);
        for (k = 0; k < signature_count; k++)
            printf("fuzz_calls:   %lu x [%s], first at index %lu: %s\n", signatures[k].count, signatures[k].key,
                   (unsigned long)signatures[k].first_index, signatures[k].first);
    }
    if (timed_out)
    {
        /* A run that could not make its calls in time has not passed. */
        printf("fuzz_calls: FAIL: stopped by the time limit (%llu s) after %llu calls (replay: --seed %llu "
               "--start %llu)\n", time_limit, calls, seed, start + calls);
        failed++;
    }
    if (io_calls)
    {
        int k;
        printf("fuzz_calls: %lu calls of the rest of the surface (%lu cancelled requests checked for late "
               "writes, %lu port packets):", io_calls, io_late_checks, io_port_packets);
        LARGE_INTEGER freq;
        QueryPerformanceFrequency(&freq);
        for (k = 0; k < K_COUNT; k++)
            printf(" %s %lu (%llu us)", io_names[k], io_kind_calls[k], io_kind_calls[k] ?
                   (unsigned long long)(io_kind_ticks[k] * 1000000 / freq.QuadPart / io_kind_calls[k]) : 0ULL);
        printf("\n");
        if (known_acceptex_notconn)
            printf("fuzz_calls: known Wine 8.0 difference: %lu AcceptEx completions with WSAENOTCONN "
                   "(STATUS_INVALID_CONNECTION) for a connection reset before it was accepted; Windows: "
                   "WSAECONNRESET\n", known_acceptex_notconn);
        if (known_cancel_missed)
            printf("fuzz_calls: known Wine 8.0 difference: %lu CancelIoEx calls missed a pending receive "
                   "(ERROR_NOT_FOUND; a later CancelIoEx ended it)\n", known_cancel_missed);
    }
    printf("fuzz_calls: %llu calls in %llu.%01llu s; %lu overlapped completions checked; %lu requests abandoned "
           "(%lu left their buffers, %lu still marked pending when their buffers were reused); "
           "%lu completion routines not run at once\n", calls, elapsed / 1000, elapsed % 1000 / 100,
           completions_checked, leaked_requests, leaked_buffers, reused_buffers, routines_not_run);
    printf("fuzz_calls: %llu calls/s; replay with --seed %llu\n",
           elapsed ? calls * 1000 / elapsed : 0, seed);
    printf("fuzz_calls: %lu passed, %lu failed\n", passed, failed);
    fflush(stdout);
    /* Leave without WSACleanup or closing: the sockets' state is not under test here. */
    TerminateProcess(GetCurrentProcess(), failed ? 1 : 0);
    return failed ? 1 : 0;
}
