/* Bad pointers, the area's home: every pointer argument of the ws2_32
 * exports, one bad pointer at a time (other bad input is tested with each
 * call's area; see sock_errors.c).
 *
 * One table row per export.  A row names the pointer slots of the call (what
 * the call reads, writes or both, how large the object is and a valid
 * content for it) and a small function that makes the call with every other
 * argument valid: real sockets in the state the call needs.  For each slot in
 * turn the slot gets
 *   NULL             fails with the row's documented error (usually WSAEFAULT),
 *                    or may succeed where Windows documents the slot optional;
 *   reserved page    an address that was never committed: fails;
 *   decommitted page a page that was committed and then decommitted: fails;
 *   misaligned       a valid object at an odd address: succeeds, as on x86
 *                    Windows, which has no alignment rule for these objects;
 *   page straddle    a valid object whose second half lies in a reserved page:
 *                    fails, and an output's first half is left unwritten;
 *   read-only page   (outputs only) fails.
 * A crash is caught by the top-level exception filter, counted as a failure,
 * and the sweep goes on with the next case.
 *
 * Two more passes: every row (and the exports without pointers) before
 * WSAStartup fails with WSANOTINITIALISED, and every row that takes a SOCKET
 * fails with WSAENOTSOCK for an event handle, a file handle and a closed
 * socket's value.
 *
 * Left out: the free functions (freeaddrinfo, FreeAddrInfoW/Ex/ExW take
 * what the library gave), WSAWaitForMultipleEvents and __WSAFDIsSet (they
 * stand for kernel32's wait and the FD_ISSET macro, which read the array as
 * plain memory), the stubs (WSAEOPNOTSUPP before anything else), the option
 * and ioctl calls beyond a few slots (tests/fuzz/fuzz_calls.c covers
 * getsockopt, setsockopt, WSAIoctl and ioctlsocket).  The extension
 * functions are swept through their WSAIoctl pointers.  Not swept yet:
 * GetAddrInfoExW with a completion routine, WSAJoinLeaf (it needs a
 * multipoint socket), WSAConnect's caller data and QoS (TCP carries none and
 * Windows' answer for a bad one is not known), lpdwBytesReceived of AcceptEx
 * and GetAcceptExSockaddrs (written or read plainly, as on Windows), the
 * condition function's data of WSAAccept (passed through, never read) and
 * WSASetBlockingHook (it takes a function).
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <ws2spi.h>
#include <mswsock.h>
#include <sporder.h>
#include <svcguid.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include "sockpair.h"

#define PAGE 4096
#define MAXSLOT 5

/* ------------------------------------------------------------------------ */
/* The state every call works on.                                           */

static struct
{
    SOCKET listener;        /* non-blocking TCP listener on loopback */
    struct sockaddr_in listen_addr;
    struct pair tcp;        /* connected pair; tcp.client is non-blocking */
    SOCKET udp, udp_peer;   /* bound UDP sockets on loopback */
    struct sockaddr_in udp_addr, udp_peer_addr;
    SOCKET fresh;           /* a new TCP socket made by a row's prep */
    WSAEVENT event;
    BOOL use_bad;           /* the not-a-socket pass: every SOCKET argument is bad_sock */
    SOCKET bad_sock;
    HANDLE lookup;          /* a name lookup begun by a row's prep */
} g;

#define SK(s) (g.use_bad ? g.bad_sock : (s))

/* Valid contents for the slots, filled in by setup(). */
static struct sockaddr_in t_listen_addr, t_udp_addr, t_loop_addr, t_loop80_addr;
static int t_addrlen = sizeof(struct sockaddr_in);
static int t_optval = 65536, t_optlen = sizeof(int);
static u_long t_ulong;
static char t_data[4] = "abcd";
static fd_set t_fdset;
static struct timeval t_timeval;
static WSABUF t_wsabuf;
static char t_wsabuf_data[4];
static DWORD t_flags;
static WSAPOLLFD t_pollfd;
static WSAOVERLAPPED t_overlapped;
static WSAPROTOCOL_INFOA t_protoA;
static WSAPROTOCOL_INFOW t_protoW;
static int t_protocols[2] = { IPPROTO_TCP, 0 };
static struct in_addr t_in_addr;
static struct addrinfo t_hints;
static ADDRINFOW t_hintsW;
static GUID t_tcp_provider;
static char t_hostname[256];
static WCHAR t_hostnameW[256];
static char t_addr_string[64];
static WCHAR t_addr_stringW[64];
static DWORD t_enum_lenA, t_enum_lenW, t_wsc_len, t_nsp_lenA, t_nsp_lenW;
static HANDLE t_null_handle;
static GUID t_ns_provider, t_addr_by_name = SVCID_INET_HOSTADDRBYNAME;
static WSAQUERYSETW t_query;
static WSAQUERYSETA t_queryA;
static DWORD t_next_len;
static unsigned sz_next;
static size_t t_info_size = sizeof(DWORD);
static int t_provpath_ilen;

/* Sizes known only at run time. */
static unsigned sz_hostname, sz_hostnameW, sz_addr_string, sz_addr_stringW;
static unsigned sz_enumA, sz_enumW, sz_wsc, sz_nspA, sz_nspW, sz_provpath;

/* ------------------------------------------------------------------------ */
/* The table.                                                               */

enum { S_IN = 1, S_OUT = 2, S_INOUT = 3, DIR_MASK = 3,
       S_OPT = 0x10,  /* Windows documents the slot optional: NULL may succeed */
       S_STRING = 0x20, /* a NUL-terminated string: size is strlen + 1 of the content */
       S_ALTALL = 0x40  /* alt_error is documented for every bad pointer, not only NULL */ };

/* Row flags. */
enum { SOCKROW = 1,   /* takes a SOCKET: the not-a-socket pass applies */
       NOTINIT = 2,   /* fails with WSANOTINITIALISED before WSAStartup */
       NOERRCODE = 4  /* the export reports failure by its return value only */ };

struct slot
{
    unsigned kind;
    const void *content;    /* valid content (NULL: zeros for inputs) */
    const unsigned *size;   /* object size in bytes (not used for S_STRING) */
    int alt_error;          /* the error Windows documents for NULL here, besides WSAEFAULT */
};

struct res { int failed; int err; };

struct row
{
    const char *name;
    struct res (*call)(void **p);
    void (*prep)(void);
    void (*done)(const struct res *res);  /* res is NULL when the call crashed */
    unsigned flags;
    struct slot slot[MAXSLOT];
    int ok_error;           /* the error the call gives with valid pointers (0: it succeeds) */
};

static struct res sockerr(int r) { struct res x = { r == SOCKET_ERROR, WSAGetLastError() }; return x; }
static struct res invsock(SOCKET s)
{
    struct res x = { s == INVALID_SOCKET, WSAGetLastError() };
    if (s != INVALID_SOCKET) closesocket(s);
    return x;
}
static struct res nullret(const void *p) { struct res x = { p == NULL, WSAGetLastError() }; return x; }
static struct res errcode(int r) { struct res x = { r != 0, r }; return x; }
static struct res falseret(BOOL b) { struct res x = { !b, WSAGetLastError() }; return x; }

#define U(n) (&(const unsigned){ n })

/* Pending data and connections a call needs, and draining after it. */
static void drain(SOCKET s)
{
    char buf[256];
    u_long avail = 0;
    while (!ioctlsocket(s, FIONREAD, &avail) && avail && recv(s, buf, sizeof(buf), 0) > 0) {}
}

static void wait_readable(SOCKET s)
{
    fd_set set;
    struct timeval tv = { 5, 0 };
    FD_ZERO(&set);
    FD_SET(s, &set);
    select(0, &set, NULL, NULL, &tv);
}

static void drain_listener(void)
{
    SOCKET s;
    while ((s = accept(g.listener, NULL, NULL)) != INVALID_SOCKET) closesocket(s);
}

static SOCKET pending_client = INVALID_SOCKET;
static void prep_pending_connection(void)
{
    pending_client = socket(AF_INET, SOCK_STREAM, 0);
    connect(pending_client, (struct sockaddr *)&g.listen_addr, sizeof(g.listen_addr));
    wait_readable(g.listener);  /* the connection is in the accept queue */
}
static void done_pending_connection(const struct res *res)
{
    drain_listener();
    closesocket(pending_client);
}

static void prep_fresh(void) { g.fresh = socket(AF_INET, SOCK_STREAM, 0); }
static void done_fresh(const struct res *res) { closesocket(g.fresh); drain_listener(); }

static void prep_tcp_data(void)
{
    send(g.tcp.server, t_data, sizeof(t_data), 0);
    wait_readable(g.tcp.client);
}
static void done_tcp_data(const struct res *res) { drain(g.tcp.client); }
static void done_tcp_sent(const struct res *res)
{
    if (res && !res->failed) wait_readable(g.tcp.server);
    drain(g.tcp.server);
}

static void prep_udp_data(void)
{
    sendto(g.udp_peer, t_data, sizeof(t_data), 0, (struct sockaddr *)&g.udp_addr, sizeof(g.udp_addr));
    wait_readable(g.udp);
}
static void done_udp_data(const struct res *res) { drain(g.udp); }
static void done_udp_sent(const struct res *res)
{
    if (res && !res->failed) wait_readable(g.udp);
    drain(g.udp);
}

static void prep_lookup(void)
{
    WSAQUERYSETW q = t_query;
    if (WSALookupServiceBeginW(&q, LUP_RETURN_NAME, &g.lookup)) g.lookup = NULL;
}
static void done_lookup(const struct res *res) { if (g.lookup) WSALookupServiceEnd(g.lookup); }

static void prep_fdset(void)
{
    FD_ZERO(&t_fdset);
    FD_SET(SK(g.tcp.client), &t_fdset);
}

/* The calls: p[i] is slot i's pointer. */
static struct res call_accept(void **p) { return invsock(accept(SK(g.listener), p[0], p[1])); }
static struct res call_bind(void **p) { return sockerr(bind(SK(g.fresh), p[0], sizeof(struct sockaddr_in))); }
static struct res call_connect(void **p) { return sockerr(connect(SK(g.fresh), p[0], sizeof(struct sockaddr_in))); }
static struct res call_getpeername(void **p) { return sockerr(getpeername(SK(g.tcp.client), p[0], p[1])); }
static struct res call_getsockname(void **p) { return sockerr(getsockname(SK(g.tcp.client), p[0], p[1])); }
static struct res call_getsockopt(void **p) { return sockerr(getsockopt(SK(g.tcp.client), SOL_SOCKET, SO_RCVBUF, p[0], p[1])); }
static struct res call_setsockopt(void **p) { return sockerr(setsockopt(SK(g.tcp.client), SOL_SOCKET, SO_RCVBUF, p[0], sizeof(int))); }
static struct res call_ioctlsocket(void **p) { return sockerr(ioctlsocket(SK(g.tcp.client), FIONREAD, p[0])); }
static struct res call_recv(void **p) { return sockerr(recv(SK(g.tcp.client), p[0], sizeof(t_data), 0)); }
static struct res call_recvfrom(void **p) { return sockerr(recvfrom(SK(g.udp), p[0], sizeof(t_data), 0, p[1], p[2])); }
static struct res call_select(void **p) { return sockerr(select(0, p[0], p[1], p[2], p[3])); }
static struct res call_send(void **p) { return sockerr(send(SK(g.tcp.client), p[0], sizeof(t_data), 0)); }
static struct res call_sendto(void **p)
{
    return sockerr(sendto(SK(g.udp_peer), p[0], sizeof(t_data), 0, p[1], sizeof(struct sockaddr_in)));
}
static struct res call_gethostbyaddr(void **p) { return nullret(gethostbyaddr(p[0], 4, AF_INET)); }
static struct res call_gethostbyname(void **p) { return nullret(gethostbyname(p[0])); }
static struct res call_getprotobyname(void **p) { return nullret(getprotobyname(p[0])); }
static struct res call_getservbyname(void **p) { return nullret(getservbyname(p[0], p[1])); }
static struct res call_getservbyport(void **p) { return nullret(getservbyport(htons(80), p[0])); }
static struct res call_gethostname(void **p) { return sockerr(gethostname(p[0], sz_hostname)); }
static struct res call_GetHostNameW(void **p) { return sockerr(GetHostNameW(p[0], sz_hostnameW / sizeof(WCHAR))); }
static struct res call_inet_addr(void **p) { struct res x = { inet_addr(p[0]) == INADDR_NONE, 0 }; return x; }
static struct res call_WSAStartup(void **p)
{
    int r = WSAStartup(MAKEWORD(2, 2), p[0]);
    if (!r) WSACleanup();
    return errcode(r);
}
static struct res call_WSAAddressToStringA(void **p)
{
    return sockerr(WSAAddressToStringA(p[0], sizeof(struct sockaddr_in), p[1], p[2], p[3]));
}
static struct res call_WSAAddressToStringW(void **p)
{
    return sockerr(WSAAddressToStringW(p[0], sizeof(struct sockaddr_in), p[1], p[2], p[3]));
}
static struct res call_WSAStringToAddressA(void **p)
{
    return sockerr(WSAStringToAddressA(p[0], AF_INET, p[1], p[2], p[3]));
}
static struct res call_WSAStringToAddressW(void **p)
{
    return sockerr(WSAStringToAddressW(p[0], AF_INET, p[1], p[2], p[3]));
}
static struct res call_WSAHtonl(void **p) { return sockerr(WSAHtonl(SK(g.tcp.client), 1, p[0])); }
static struct res call_WSAHtons(void **p) { return sockerr(WSAHtons(SK(g.tcp.client), 1, p[0])); }
static struct res call_WSANtohl(void **p) { return sockerr(WSANtohl(SK(g.tcp.client), 1, p[0])); }
static struct res call_WSANtohs(void **p) { return sockerr(WSANtohs(SK(g.tcp.client), 1, p[0])); }
static struct res call_WSAEnumProtocolsA(void **p) { return sockerr(WSAEnumProtocolsA(p[0], p[1], p[2])); }
static struct res call_WSAEnumProtocolsW(void **p) { return sockerr(WSAEnumProtocolsW(p[0], p[1], p[2])); }
static struct res call_WSAEnumNetworkEvents(void **p) { return sockerr(WSAEnumNetworkEvents(SK(g.tcp.client), NULL, p[0])); }
static struct res call_WSARecv(void **p) { return sockerr(WSARecv(SK(g.tcp.client), p[0], 1, p[1], p[2], NULL, NULL)); }
static struct res call_WSARecv_buf(void **p)
{
    WSABUF buf = { sizeof(t_data), p[0] };
    DWORD got, flags = 0;
    return sockerr(WSARecv(SK(g.tcp.client), &buf, 1, &got, &flags, NULL, NULL));
}
static struct res call_WSASend(void **p) { return sockerr(WSASend(SK(g.tcp.client), p[0], 1, p[1], 0, NULL, NULL)); }
static struct res call_WSASend_buf(void **p)
{
    WSABUF buf = { sizeof(t_data), p[0] };
    DWORD sent;
    return sockerr(WSASend(SK(g.tcp.client), &buf, 1, &sent, 0, NULL, NULL));
}
static struct res call_WSARecvFrom(void **p)
{
    return sockerr(WSARecvFrom(SK(g.udp), p[0], 1, p[1], p[2], p[3], p[4], NULL, NULL));
}
static struct res call_WSARecvFrom_buf(void **p)
{
    WSABUF buf = { sizeof(t_data), p[0] };
    DWORD got, flags = 0;
    return sockerr(WSARecvFrom(SK(g.udp), &buf, 1, &got, &flags, NULL, NULL, NULL, NULL));
}
static struct res call_WSASendTo(void **p)
{
    return sockerr(WSASendTo(SK(g.udp_peer), p[0], 1, p[1], 0, p[2], sizeof(struct sockaddr_in), NULL, NULL));
}
static struct res call_WSASendTo_buf(void **p)
{
    WSABUF buf = { sizeof(t_data), p[0] };
    DWORD sent;
    return sockerr(WSASendTo(SK(g.udp_peer), &buf, 1, &sent, 0, (struct sockaddr *)&g.udp_addr,
                             sizeof(g.udp_addr), NULL, NULL));
}
static struct res call_WSAPoll(void **p) { return sockerr(WSAPoll(p[0], 1, 0)); }
static struct res call_WSAGetOverlappedResult(void **p)
{
    return falseret(WSAGetOverlappedResult(SK(g.tcp.client), p[0], p[1], FALSE, p[2]));
}
static struct res call_WSAConnect(void **p)
{
    return sockerr(WSAConnect(SK(g.fresh), p[0], sizeof(struct sockaddr_in), NULL, NULL, NULL, NULL));
}
static struct res call_WSASocketA(void **p) { return invsock(WSASocketA(AF_INET, SOCK_STREAM, 0, p[0], 0, 0)); }
static struct res call_WSASocketW(void **p) { return invsock(WSASocketW(AF_INET, SOCK_STREAM, 0, p[0], 0, 0)); }
static struct res call_inet_pton(void **p) { return sockerr(inet_pton(AF_INET, p[0], p[1])); }
static struct res call_InetPtonW(void **p) { return sockerr(InetPtonW(AF_INET, p[0], p[1])); }
static struct res call_inet_ntop(void **p) { return nullret(inet_ntop(AF_INET, p[0], p[1], sizeof("127.0.0.1"))); }
static struct res call_InetNtopW(void **p) { return nullret(InetNtopW(AF_INET, p[0], p[1], sizeof("127.0.0.1"))); }
static struct res call_getaddrinfo(void **p)
{
    int r = getaddrinfo(p[0], p[1], p[2], p[3]);
    if (!r) freeaddrinfo(*(struct addrinfo **)p[3]);
    return errcode(r);
}
static struct res call_GetAddrInfoW(void **p)
{
    int r = GetAddrInfoW(p[0], p[1], p[2], p[3]);
    if (!r) FreeAddrInfoW(*(ADDRINFOW **)p[3]);
    return errcode(r);
}
static struct res call_getnameinfo(void **p)
{
    return errcode(getnameinfo(p[0], sizeof(struct sockaddr_in), p[1], sizeof("127.0.0.1"), p[2],
                               sizeof("80"), NI_NUMERICHOST | NI_NUMERICSERV));
}
static struct res call_GetNameInfoW(void **p)
{
    return errcode(GetNameInfoW(p[0], sizeof(struct sockaddr_in), p[1], sizeof("127.0.0.1"), p[2],
                                sizeof("80"), NI_NUMERICHOST | NI_NUMERICSERV));
}
static struct res call_WSAEnumNameSpaceProvidersA(void **p) { return sockerr(WSAEnumNameSpaceProvidersA(p[0], p[1])); }
static struct res call_WSAEnumNameSpaceProvidersW(void **p) { return sockerr(WSAEnumNameSpaceProvidersW(p[0], p[1])); }
/* The WSC calls report through *lpErrno; a bad lpErrno itself leaves only
 * the return value to look at. */
static struct res wscerr(int r, int err)
{
    struct res x = { r == SOCKET_ERROR, err };
    return x;
}
static struct res call_WSCEnumProtocols(void **p)
{
    int err = 0, r = WSCEnumProtocols(p[0], p[1], p[2], &err);
    return wscerr(r, err);
}
static struct res call_WSCGetProviderPath(void **p)
{
    int err = 0, r = WSCGetProviderPath(p[0], p[1], p[2], &err);
    return wscerr(r, err);
}
static struct res call_WSAProviderConfigChange(void **p)
{
    int r = WSAProviderConfigChange(p[0], NULL, NULL);
    if (!r) CloseHandle(*(HANDLE *)p[0]);
    return sockerr(r);
}
static struct res call_WSCGetProviderInfo(void **p)
{
    int err = 0, r = WSCGetProviderInfo(p[0], ProviderInfoLspCategories, p[1], p[2], 0, &err);
    return wscerr(r, err);
}
static struct res call_WSCDeinstallProvider(void **p)
{
    int err = 0, r = WSCDeinstallProvider(p[0], &err);
    return wscerr(r, err);
}
static struct res call_WSCUnInstallNameSpace(void **p) { return sockerr(WSCUnInstallNameSpace(p[0])); }
static struct res call_WSCEnableNSProvider(void **p) { return sockerr(WSCEnableNSProvider(p[0], TRUE)); }
static struct res call_WSCInstallNameSpace(void **p)
{
    return sockerr(WSCInstallNameSpace(p[0], p[1], NS_DNS, 1, p[2]));
}
static struct res lookup_begun(int r, HANDLE handle)
{
    struct res x = sockerr(r);
    if (!r) WSALookupServiceEnd(handle);
    return x;
}
static struct res call_WSALookupServiceBeginW(void **p)
{
    int r = WSALookupServiceBeginW(p[0], LUP_RETURN_NAME, p[1]);
    return lookup_begun(r, r ? NULL : *(HANDLE *)p[1]);
}
static struct res call_WSALookupServiceBeginA(void **p)
{
    int r = WSALookupServiceBeginA(p[0], LUP_RETURN_NAME, p[1]);
    return lookup_begun(r, r ? NULL : *(HANDLE *)p[1]);
}
static struct res call_WSALookupServiceBeginW_class(void **p)
{
    WSAQUERYSETW q = t_query;
    HANDLE h = NULL;
    q.lpServiceClassId = p[0];
    return lookup_begun(WSALookupServiceBeginW(&q, LUP_RETURN_NAME, &h), h);
}
static struct res call_WSALookupServiceBeginW_name(void **p)
{
    WSAQUERYSETW q = t_query;
    HANDLE h = NULL;
    q.lpszServiceInstanceName = p[0];
    return lookup_begun(WSALookupServiceBeginW(&q, LUP_RETURN_NAME, &h), h);
}
static struct res call_WSALookupServiceNextW(void **p)
{
    return sockerr(WSALookupServiceNextW(g.lookup, LUP_RETURN_NAME, p[0], p[1]));
}

static struct res call_WSAEventSelect(void **p) { (void)p; return sockerr(WSAEventSelect(SK(g.tcp.server), g.event, 0)); }
static struct res call_listen(void **p) { (void)p; return sockerr(listen(SK(g.listener), 4)); }
static struct res call_shutdown(void **p) { (void)p; return sockerr(shutdown(SK(g.fresh), SD_SEND)); }
static struct res call_closesocket(void **p) { (void)p; return sockerr(closesocket(SK(g.fresh))); }
static struct res call_socket(void **p) { (void)p; return invsock(socket(AF_INET, SOCK_STREAM, 0)); }
static struct res call_getprotobynumber(void **p) { (void)p; return nullret(getprotobynumber(IPPROTO_TCP)); }
static struct res call_WSACleanup(void **p) { (void)p; return sockerr(WSACleanup()); }

/* ------------------------------------------------------------------------ */
/* The second sweep: name resolution by connect, QoS templates, service     */
/* classes and services, the catalogue writers, WSAAccept, duplication,     */
/* disconnect data and the extension functions.                             */

static char t_listen_port[8];
static WCHAR t_listen_portW[8];
static struct timeval t_connect_timeout = { 10, 0 };
static DWORD t_remote_len = sizeof(struct sockaddr_in);
static WSABUF t_qos_name, t_no_data;
static DWORD t_next_lenA;
static unsigned sz_nextA;
static GUID t_class_id = { 0x1f0a3b1e, 0x5c2d, 0x4e6f, { 0x90, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e, 0x6f, 0x70 } };
static WSASERVICECLASSINFOA t_classA;
static WSASERVICECLASSINFOW t_classW;
static DWORD t_class_len = sizeof(WSASERVICECLASSINFOW), t_class_name_len = 64;
static WSAQUERYSETA t_setA;
static WSAQUERYSETW t_setW;
static DWORD t_catalog_ids[64];
static unsigned sz_catalog_ids, n_catalog_ids;
static GUID t_ns_ids[16];
static unsigned sz_ns_ids, n_ns_ids;
static WSAOVERLAPPED t_wpu_overlapped;
static WSAMSG t_sendmsg, t_recvmsg;
static WSABUF t_msg_buf, t_msg_recv_buf;
static char t_msg_recv_data[sizeof(t_data)];
static LPFN_WSASENDMSG p_WSASendMsg;
static LPFN_WSARECVMSG p_WSARecvMsg;
static LPFN_CONNECTEX p_ConnectEx;

#define APP_PATH L"C:\\windows\\system32\\badptr.exe"

static struct res call_WSAConnectByNameA(void **p)
{
    return falseret(WSAConnectByNameA(SK(g.fresh), p[0], p[1], NULL, NULL, p[2], p[3], p[4], NULL));
}
static struct res call_WSAConnectByNameW(void **p)
{
    return falseret(WSAConnectByNameW(SK(g.fresh), p[0], p[1], NULL, NULL, p[2], p[3], p[4], NULL));
}
static struct res call_WSAGetQOSByName(void **p) { return falseret(WSAGetQOSByName(SK(g.tcp.client), p[0], p[1])); }
static struct res call_WSALookupServiceNextA(void **p)
{
    return sockerr(WSALookupServiceNextA(g.lookup, LUP_RETURN_NAME, p[0], p[1]));
}
static struct res call_WSAInstallServiceClassA(void **p) { return sockerr(WSAInstallServiceClassA(p[0])); }
static struct res call_WSAInstallServiceClassW(void **p) { return sockerr(WSAInstallServiceClassW(p[0])); }
static struct res call_WSAInstallServiceClassW_id(void **p)
{
    WSASERVICECLASSINFOW info = t_classW;
    info.lpServiceClassId = p[0];
    return sockerr(WSAInstallServiceClassW(&info));
}
static struct res call_WSARemoveServiceClass(void **p) { return sockerr(WSARemoveServiceClass(p[0])); }
static struct res call_WSAGetServiceClassInfoA(void **p) { return sockerr(WSAGetServiceClassInfoA(p[0], p[1], p[2], p[3])); }
static struct res call_WSAGetServiceClassInfoW(void **p) { return sockerr(WSAGetServiceClassInfoW(p[0], p[1], p[2], p[3])); }
static struct res call_WSAGetServiceClassNameByClassIdA(void **p)
{
    return sockerr(WSAGetServiceClassNameByClassIdA(p[0], p[1], p[2]));
}
static struct res call_WSAGetServiceClassNameByClassIdW(void **p)
{
    return sockerr(WSAGetServiceClassNameByClassIdW(p[0], p[1], p[2]));
}
static struct res call_WSASetServiceA(void **p) { return sockerr(WSASetServiceA(p[0], RNRSERVICE_REGISTER, 0)); }
static struct res call_WSASetServiceW(void **p) { return sockerr(WSASetServiceW(p[0], RNRSERVICE_REGISTER, 0)); }
static struct res call_WSASetServiceW_class(void **p)
{
    WSAQUERYSETW set = t_setW;
    set.lpServiceClassId = p[0];
    return sockerr(WSASetServiceW(&set, RNRSERVICE_REGISTER, 0));
}
static struct res call_WSASetServiceW_name(void **p)
{
    WSAQUERYSETW set = t_setW;
    set.lpszServiceInstanceName = p[0];
    return sockerr(WSASetServiceW(&set, RNRSERVICE_REGISTER, 0));
}
static struct res call_WSCInstallProvider(void **p)
{
    int err = 0, r = WSCInstallProvider(p[0], p[1], p[2], 1, &err);
    return wscerr(r, err);
}
static struct res call_WSCUpdateProvider(void **p)
{
    int err = 0, r = WSCUpdateProvider(p[0], p[1], p[2], 1, &err);
    return wscerr(r, err);
}
static struct res call_WSCSetApplicationCategory(void **p)
{
    DWORD previous;
    int err = 0, r = WSCSetApplicationCategory(p[0], ARRAYSIZE(APP_PATH) - 1, p[1], 1, 0, &previous, &err);
    return wscerr(r, err);
}
static struct res call_WSCWriteProviderOrder(void **p) { return errcode(WSCWriteProviderOrder(p[0], n_catalog_ids)); }
static struct res call_WSCWriteNameSpaceOrder(void **p) { return errcode(WSCWriteNameSpaceOrder(p[0], n_ns_ids)); }
static struct res call_WPUCompleteOverlappedRequest(void **p)
{
    int err = 0, r = WPUCompleteOverlappedRequest(SK(g.tcp.client), p[0], 0, 0, &err);
    return wscerr(r, err);
}
static struct res call_WSAAccept(void **p) { return invsock(WSAAccept(SK(g.listener), p[0], p[1], NULL, 0)); }
static struct res call_WSADuplicateSocketA(void **p)
{
    return sockerr(WSADuplicateSocketA(SK(g.tcp.client), GetCurrentProcessId(), p[0]));
}
static struct res call_WSADuplicateSocketW(void **p)
{
    return sockerr(WSADuplicateSocketW(SK(g.tcp.client), GetCurrentProcessId(), p[0]));
}
static struct res call_WSASendDisconnect(void **p) { return sockerr(WSASendDisconnect(SK(g.fresh), p[0])); }
static struct res call_WSARecvDisconnect(void **p) { return sockerr(WSARecvDisconnect(SK(g.fresh), p[0])); }
static struct res call_WSAConnect_callee(void **p)
{
    return sockerr(WSAConnect(SK(g.fresh), (struct sockaddr *)&t_listen_addr, sizeof(t_listen_addr), NULL, p[0],
                              NULL, NULL));
}
static struct res call_WSASendMsg(void **p)
{
    return sockerr(p_WSASendMsg(SK(g.udp_peer), p[0], 0, p[1], NULL, NULL));
}
static struct res call_WSASendMsg_nested(void **p)
{
    WSAMSG msg = t_sendmsg;
    DWORD sent;
    msg.name = p[0];
    msg.lpBuffers = p[1];
    return sockerr(p_WSASendMsg(SK(g.udp_peer), &msg, 0, &sent, NULL, NULL));
}
static struct res call_WSARecvMsg(void **p) { return sockerr(p_WSARecvMsg(SK(g.udp), p[0], p[1], NULL, NULL)); }
static struct res call_WSARecvMsg_nested(void **p)
{
    WSAMSG msg = t_recvmsg;
    DWORD got;
    msg.name = p[0];
    msg.namelen = sizeof(struct sockaddr_in);
    msg.lpBuffers = p[1];
    return sockerr(p_WSARecvMsg(SK(g.udp), &msg, &got, NULL, NULL));
}
static struct res call_ConnectEx(void **p)
{
    WSAOVERLAPPED ov = { 0 };
    DWORD sent, flags;
    BOOL done;
    ov.hEvent = g.event;
    WSAResetEvent(g.event);
    done = p_ConnectEx(SK(g.fresh), p[0], sizeof(struct sockaddr_in), NULL, 0, NULL, &ov);
    if (!done && WSAGetLastError() == WSA_IO_PENDING)
        done = WSAGetOverlappedResult(SK(g.fresh), &ov, &sent, TRUE, &flags);
    return falseret(done);
}
static void prep_bound_fresh(void)
{
    prep_fresh();
    bind(g.fresh, (struct sockaddr *)&t_loop_addr, sizeof(t_loop_addr));
}
static void prep_connected_fresh(void)
{
    prep_fresh();
    connect(g.fresh, (struct sockaddr *)&g.listen_addr, sizeof(g.listen_addr));
}
static struct res call_WSACancelBlockingCall(void **p) { (void)p; return sockerr(WSACancelBlockingCall()); }
static struct res call_WSAUnhookBlockingHook(void **p) { (void)p; return sockerr(WSAUnhookBlockingHook()); }

/* The WSAAsyncGet* calls answer with a message: the row's result is the
 * call's own failure, or else the error the message carries. */
#define ASYNC_MSG (WM_USER + 1)
static HWND t_hwnd;
static unsigned sz_async[6];  /* what each lookup writes, measured by setup_async */
static LPARAM async_reply;

static BOOL wait_async_reply(HANDLE handle)
{
    DWORD deadline = GetTickCount() + 5000;
    MSG msg;

    while ((LONG)(deadline - GetTickCount()) > 0)
    {
        while (PeekMessageA(&msg, t_hwnd, ASYNC_MSG, ASYNC_MSG, PM_REMOVE))
            if ((HANDLE)msg.wParam == handle)
            {
                async_reply = msg.lParam;
                return TRUE;
            }
        MsgWaitForMultipleObjects(0, NULL, FALSE, 50, QS_POSTMESSAGE);
    }
    return FALSE;
}
static struct res asyncres(HANDLE handle)
{
    struct res x = { TRUE, WSAGetLastError() };
    if (!handle) return x;
    if (!wait_async_reply(handle))
    {
        x.err = WSAETIMEDOUT;
        return x;
    }
    x.err = WSAGETASYNCERROR(async_reply);
    x.failed = x.err != 0;
    return x;
}
static struct res call_WSAAsyncGetHostByName(void **p)
{
    return asyncres(WSAAsyncGetHostByName(t_hwnd, ASYNC_MSG, p[0], p[1], sz_async[0]));
}
static struct res call_WSAAsyncGetHostByAddr(void **p)
{
    return asyncres(WSAAsyncGetHostByAddr(t_hwnd, ASYNC_MSG, p[0], 4, AF_INET, p[1], sz_async[1]));
}
static struct res call_WSAAsyncGetProtoByName(void **p)
{
    return asyncres(WSAAsyncGetProtoByName(t_hwnd, ASYNC_MSG, p[0], p[1], sz_async[2]));
}
static struct res call_WSAAsyncGetProtoByNumber(void **p)
{
    return asyncres(WSAAsyncGetProtoByNumber(t_hwnd, ASYNC_MSG, IPPROTO_TCP, p[0], sz_async[3]));
}
static struct res call_WSAAsyncGetServByName(void **p)
{
    return asyncres(WSAAsyncGetServByName(t_hwnd, ASYNC_MSG, p[0], p[1], p[2], sz_async[4]));
}
static struct res call_WSAAsyncGetServByPort(void **p)
{
    return asyncres(WSAAsyncGetServByPort(t_hwnd, ASYNC_MSG, htons(80), p[0], p[1], sz_async[5]));
}
static struct res call_WSACancelAsyncRequest(void **p) { (void)p; return sockerr(WSACancelAsyncRequest((HANDLE)0x1234)); }

static struct res call_GetAddrInfoExW(void **p)
{
    int r = GetAddrInfoExW(p[0], p[1], NS_DNS, NULL, p[2], p[3], NULL, NULL, NULL, NULL);
    if (!r) FreeAddrInfoExW(*(ADDRINFOEXW **)p[3]);
    return errcode(r);
}
static ADDRINFOEXW t_hintsExW;

static LPFN_ACCEPTEX p_AcceptEx;
static char t_accept_buf[2 * (sizeof(struct sockaddr_in) + 16)];
static WSAOVERLAPPED t_accept_overlapped;
static void prep_accept_ex(void)
{
    prep_pending_connection();
    g.fresh = socket(AF_INET, SOCK_STREAM, 0);
    WSAResetEvent(g.event);
    t_accept_overlapped.hEvent = g.event;
}
static void done_accept_ex(const struct res *res)
{
    closesocket(g.fresh);
    done_pending_connection(res);
}
static struct res call_AcceptEx(void **p)
{
    DWORD got, flags;
    BOOL done = p_AcceptEx(SK(g.listener), g.fresh, p[0], 0, sizeof(struct sockaddr_in) + 16,
                           sizeof(struct sockaddr_in) + 16, &got, p[1]);
    if (!done && WSAGetLastError() == WSA_IO_PENDING)
        done = WSAGetOverlappedResult(g.listener, p[1], &got, TRUE, &flags);
    return falseret(done);
}

int WINAPI GetAddrInfoExCancel(HANDLE *handle);
int WINAPI GetAddrInfoExOverlappedResult(OVERLAPPED *overlapped);

static LPFN_DISCONNECTEX p_DisconnectEx;
static LPFN_TRANSMITFILE p_TransmitFile;
static LPFN_TRANSMITPACKETS p_TransmitPackets;
static TRANSMIT_FILE_BUFFERS t_tf_buffers;
static TRANSMIT_PACKETS_ELEMENT t_tp_element;
static OVERLAPPED t_gai_overlapped, t_done_overlapped;
static HANDLE t_unknown_lookup = (HANDLE)0x7777;
static WSAOVERLAPPED t_nsp_overlapped;
static WSACOMPLETION t_nsp_completion;

static struct res call_GetAddrInfoExW_overlapped(void **p)
{
    static ADDRINFOEXW *result;
    OVERLAPPED *ov = p[0];
    int r;

    result = NULL;
    ResetEvent(g.event);
    r = GetAddrInfoExW(L"127.0.0.1", L"80", NS_DNS, NULL, NULL, &result, NULL, ov, NULL, p[1]);
    if (r == WSA_IO_PENDING)
    {
        WaitForSingleObject(g.event, 5000);
        r = GetAddrInfoExOverlappedResult(ov);
    }
    if (!r) FreeAddrInfoExW(result);
    return errcode(r);
}
static void prep_gai_overlapped(void)
{
    memset(&t_gai_overlapped, 0, sizeof(t_gai_overlapped));
    t_gai_overlapped.hEvent = g.event;
}
static struct res call_GetAddrInfoExOverlappedResult(void **p) { return errcode(GetAddrInfoExOverlappedResult(p[0])); }
static struct res call_GetAddrInfoExCancel(void **p) { return errcode(GetAddrInfoExCancel(p[0])); }
static struct res call_WSANSPIoctl(void **p)
{
    return sockerr(WSANSPIoctl(g.lookup, SIO_NSP_NOTIFY_CHANGE, NULL, 0, NULL, 0, p[0], p[1]));
}
static struct res call_DisconnectEx(void **p)
{
    DWORD got, flags;
    BOOL done;
    ResetEvent(g.event);
    done = p_DisconnectEx(SK(g.fresh), p[0], 0, 0);
    if (!done && WSAGetLastError() == WSA_IO_PENDING) done = WSAGetOverlappedResult(g.fresh, p[0], &got, TRUE, &flags);
    return falseret(done);
}
static void prep_disconnect(void)
{
    prep_connected_fresh();
    t_done_overlapped.hEvent = g.event;
}
static struct res call_TransmitFile(void **p) { return falseret(p_TransmitFile(SK(g.tcp.client), NULL, 0, 0, NULL, p[0], 0)); }
static struct res call_TransmitFile_head(void **p)
{
    TRANSMIT_FILE_BUFFERS buffers = t_tf_buffers;
    buffers.Head = p[0];
    return falseret(p_TransmitFile(SK(g.tcp.client), NULL, 0, 0, NULL, &buffers, 0));
}
/* An extension the DLL does not offer fails every case (Wine 8.0 has no TransmitPackets). */
static struct res missing_extension(void) { struct res x = { TRUE, WSAEOPNOTSUPP }; return x; }
static struct res call_TransmitPackets(void **p)
{
    if (!p_TransmitPackets) return missing_extension();
    return falseret(p_TransmitPackets(SK(g.tcp.client), p[0], 1, 0, NULL, 0));
}
static struct res call_TransmitPackets_buffer(void **p)
{
    TRANSMIT_PACKETS_ELEMENT element = t_tp_element;
    if (!p_TransmitPackets) return missing_extension();
    element.pBuffer = p[0];
    return falseret(p_TransmitPackets(SK(g.tcp.client), &element, 1, 0, NULL, 0));
}
static struct res call_WSAAsyncSelect(void **p) { (void)p; return sockerr(WSAAsyncSelect(SK(g.fresh), t_hwnd, 0, 0)); }

#define SLOT_ADDR_OUT  { S_OUT, NULL, U(sizeof(struct sockaddr_in)) }
#define SLOT_ADDRLEN   { S_INOUT, &t_addrlen, U(sizeof(int)) }

static const struct row rows[] =
{
    { "accept", call_accept, prep_pending_connection, done_pending_connection, SOCKROW | NOTINIT,
      { { S_OUT | S_OPT, NULL, U(sizeof(struct sockaddr_in)) }, { S_INOUT | S_OPT, &t_addrlen, U(sizeof(int)) } } },
    { "bind", call_bind, prep_fresh, done_fresh, SOCKROW | NOTINIT,
      { { S_IN, &t_loop_addr, U(sizeof(struct sockaddr_in)) } } },
    { "connect", call_connect, prep_fresh, done_fresh, SOCKROW | NOTINIT,
      { { S_IN, &t_listen_addr, U(sizeof(struct sockaddr_in)) } } },
    { "getpeername", call_getpeername, NULL, NULL, SOCKROW | NOTINIT, { SLOT_ADDR_OUT, SLOT_ADDRLEN } },
    { "getsockname", call_getsockname, NULL, NULL, SOCKROW | NOTINIT, { SLOT_ADDR_OUT, SLOT_ADDRLEN } },
    { "getsockopt", call_getsockopt, NULL, NULL, SOCKROW | NOTINIT,
      { { S_OUT, NULL, U(sizeof(int)) }, { S_INOUT, &t_optlen, U(sizeof(int)) } } },
    { "setsockopt", call_setsockopt, NULL, NULL, SOCKROW | NOTINIT, { { S_IN, &t_optval, U(sizeof(int)) } } },
    { "ioctlsocket", call_ioctlsocket, NULL, NULL, SOCKROW | NOTINIT, { { S_INOUT, &t_ulong, U(sizeof(u_long)) } } },
    { "recv", call_recv, prep_tcp_data, done_tcp_data, SOCKROW | NOTINIT, { { S_OUT, NULL, U(sizeof(t_data)) } } },
    { "recvfrom", call_recvfrom, prep_udp_data, done_udp_data, SOCKROW | NOTINIT,
      { { S_OUT, NULL, U(sizeof(t_data)) }, { S_OUT | S_OPT, NULL, U(sizeof(struct sockaddr_in)) },
        { S_INOUT | S_OPT, &t_addrlen, U(sizeof(int)) } } },
    /* Only fd_count and the one socket are the object. */
    { "select", call_select, prep_fdset, NULL, SOCKROW | NOTINIT,
      { { S_INOUT | S_OPT, &t_fdset, U(offsetof(fd_set, fd_array) + sizeof(SOCKET)) },
        { S_INOUT | S_OPT, &t_fdset, U(offsetof(fd_set, fd_array) + sizeof(SOCKET)) },
        { S_INOUT | S_OPT, &t_fdset, U(offsetof(fd_set, fd_array) + sizeof(SOCKET)) },
        { S_IN | S_OPT, &t_timeval, U(sizeof(struct timeval)) } } },
    { "send", call_send, NULL, done_tcp_sent, SOCKROW | NOTINIT, { { S_IN, t_data, U(sizeof(t_data)) } } },
    { "sendto", call_sendto, NULL, done_udp_sent, SOCKROW | NOTINIT,
      { { S_IN, t_data, U(sizeof(t_data)) },
        { S_IN | S_OPT, &t_udp_addr, U(sizeof(struct sockaddr_in)), WSAENOTCONN } } },  /* NULL: the peer's */
    { "gethostbyaddr", call_gethostbyaddr, NULL, NULL, NOTINIT, { { S_IN, &t_in_addr, U(4) } } },
    { "gethostbyname", call_gethostbyname, NULL, NULL, NOTINIT, { { S_IN | S_STRING | S_OPT, "localhost" } } },  /* NULL: the computer's own name */
    { "getprotobyname", call_getprotobyname, NULL, NULL, NOTINIT, { { S_IN | S_STRING, "tcp" } } },
    { "getservbyname", call_getservbyname, NULL, NULL, NOTINIT,
      { { S_IN | S_STRING, "http" }, { S_IN | S_STRING | S_OPT, "tcp" } } },
    { "getservbyport", call_getservbyport, NULL, NULL, NOTINIT, { { S_IN | S_STRING | S_OPT, "tcp" } } },
    { "gethostname", call_gethostname, NULL, NULL, NOTINIT, { { S_OUT, NULL, &sz_hostname } } },
    { "GetHostNameW", call_GetHostNameW, NULL, NULL, NOTINIT, { { S_OUT, NULL, &sz_hostnameW } } },
    /* inet_addr has no error code: INADDR_NONE is its only answer. */
    { "inet_addr", call_inet_addr, NULL, NULL, NOERRCODE, { { S_IN | S_STRING, "127.0.0.1" } } },
    { "WSAStartup", call_WSAStartup, NULL, NULL, 0, { { S_OUT, NULL, U(sizeof(WSADATA)) } } },
    { "WSAAddressToStringA", call_WSAAddressToStringA, NULL, NULL, NOTINIT,
      { { S_IN, &t_listen_addr, U(sizeof(struct sockaddr_in)), WSAEINVAL },
        { S_IN | S_OPT, &t_protoA, U(sizeof(WSAPROTOCOL_INFOA)), WSAEINVAL },
        { S_OUT, NULL, &sz_addr_string }, { S_INOUT, &sz_addr_string, U(sizeof(DWORD)) } } },
    { "WSAAddressToStringW", call_WSAAddressToStringW, NULL, NULL, NOTINIT,
      { { S_IN, &t_listen_addr, U(sizeof(struct sockaddr_in)), WSAEINVAL },
        { S_IN | S_OPT, &t_protoW, U(sizeof(WSAPROTOCOL_INFOW)), WSAEINVAL },
        { S_OUT, NULL, &sz_addr_stringW }, { S_INOUT, &sz_addr_string, U(sizeof(DWORD)) } } },
    { "WSAStringToAddressA", call_WSAStringToAddressA, NULL, NULL, NOTINIT,
      { { S_IN | S_STRING | S_ALTALL, t_addr_string, NULL, WSAEINVAL }, { S_IN | S_OPT, &t_protoA, U(sizeof(WSAPROTOCOL_INFOA)), WSAEINVAL },
        SLOT_ADDR_OUT, SLOT_ADDRLEN } },
    { "WSAStringToAddressW", call_WSAStringToAddressW, NULL, NULL, NOTINIT,
      { { S_IN | S_STRING | S_ALTALL, t_addr_stringW, NULL, WSAEINVAL }, { S_IN | S_OPT, &t_protoW, U(sizeof(WSAPROTOCOL_INFOW)), WSAEINVAL },
        SLOT_ADDR_OUT, SLOT_ADDRLEN } },
    { "WSAHtonl", call_WSAHtonl, NULL, NULL, SOCKROW | NOTINIT, { { S_OUT, NULL, U(sizeof(u_long)) } } },
    { "WSAHtons", call_WSAHtons, NULL, NULL, SOCKROW | NOTINIT, { { S_OUT, NULL, U(sizeof(u_short)) } } },
    { "WSANtohl", call_WSANtohl, NULL, NULL, SOCKROW | NOTINIT, { { S_OUT, NULL, U(sizeof(u_long)) } } },
    { "WSANtohs", call_WSANtohs, NULL, NULL, SOCKROW | NOTINIT, { { S_OUT, NULL, U(sizeof(u_short)) } } },
    /* A NULL protocol list means every protocol: the exact-size buffer is then
     * too small.  The length is written only when it is too small. */
    { "WSAEnumProtocolsA", call_WSAEnumProtocolsA, NULL, NULL, NOTINIT,
      { { S_IN | S_OPT, t_protocols, U(sizeof(t_protocols)), WSAENOBUFS }, { S_OUT, NULL, &sz_enumA, WSAENOBUFS },
        { S_IN, &t_enum_lenA, U(sizeof(DWORD)) } } },
    { "WSAEnumProtocolsW", call_WSAEnumProtocolsW, NULL, NULL, NOTINIT,
      { { S_IN | S_OPT, t_protocols, U(sizeof(t_protocols)), WSAENOBUFS }, { S_OUT, NULL, &sz_enumW, WSAENOBUFS },
        { S_IN, &t_enum_lenW, U(sizeof(DWORD)) } } },
    { "WSAEnumNetworkEvents", call_WSAEnumNetworkEvents, NULL, NULL, SOCKROW | NOTINIT,
      { { S_OUT, NULL, U(sizeof(WSANETWORKEVENTS)) } } },
    { "WSARecv", call_WSARecv, prep_tcp_data, done_tcp_data, SOCKROW | NOTINIT,
      { { S_IN, &t_wsabuf, U(sizeof(WSABUF)) }, { S_OUT, NULL, U(sizeof(DWORD)) }, { S_INOUT, &t_flags, U(sizeof(DWORD)) } } },
    { "WSARecv(buffer)", call_WSARecv_buf, prep_tcp_data, done_tcp_data, SOCKROW | NOTINIT,
      { { S_OUT, NULL, U(sizeof(t_data)) } } },
    { "WSASend", call_WSASend, NULL, done_tcp_sent, SOCKROW | NOTINIT,
      { { S_IN, &t_wsabuf, U(sizeof(WSABUF)) }, { S_OUT, NULL, U(sizeof(DWORD)) } } },
    { "WSASend(buffer)", call_WSASend_buf, NULL, done_tcp_sent, SOCKROW | NOTINIT, { { S_IN, t_data, U(sizeof(t_data)) } } },
    { "WSARecvFrom", call_WSARecvFrom, prep_udp_data, done_udp_data, SOCKROW | NOTINIT,
      { { S_IN, &t_wsabuf, U(sizeof(WSABUF)) }, { S_OUT, NULL, U(sizeof(DWORD)) }, { S_INOUT, &t_flags, U(sizeof(DWORD)) },
        { S_OUT | S_OPT, NULL, U(sizeof(struct sockaddr_in)) }, { S_INOUT | S_OPT, &t_addrlen, U(sizeof(int)) } } },
    { "WSARecvFrom(buffer)", call_WSARecvFrom_buf, prep_udp_data, done_udp_data, SOCKROW | NOTINIT,
      { { S_OUT, NULL, U(sizeof(t_data)) } } },
    { "WSASendTo", call_WSASendTo, NULL, done_udp_sent, SOCKROW | NOTINIT,
      { { S_IN, &t_wsabuf, U(sizeof(WSABUF)) }, { S_OUT, NULL, U(sizeof(DWORD)) },
        { S_IN | S_OPT, &t_udp_addr, U(sizeof(struct sockaddr_in)), WSAENOTCONN } } },
    { "WSASendTo(buffer)", call_WSASendTo_buf, NULL, done_udp_sent, SOCKROW | NOTINIT, { { S_IN, t_data, U(sizeof(t_data)) } } },
    /* WSAPoll marks a handle that is no socket POLLNVAL instead of failing. */
    { "WSAPoll", call_WSAPoll, NULL, NULL, NOTINIT, { { S_INOUT, &t_pollfd, U(sizeof(WSAPOLLFD)) } } },
    /* The socket is not checked: a request's result stays readable after
     * closesocket, and WSANSPIoctl's results are read with INVALID_SOCKET. */
    { "WSAGetOverlappedResult", call_WSAGetOverlappedResult, NULL, NULL, NOTINIT,
      { { S_IN, &t_overlapped, U(sizeof(WSAOVERLAPPED)) }, { S_OUT, NULL, U(sizeof(DWORD)) }, { S_OUT, NULL, U(sizeof(DWORD)) } } },
    { "WSAConnect", call_WSAConnect, prep_fresh, done_fresh, SOCKROW | NOTINIT,
      { { S_IN, &t_listen_addr, U(sizeof(struct sockaddr_in)) } } },
    { "WSASocketA", call_WSASocketA, NULL, NULL, NOTINIT,
      { { S_IN | S_OPT, &t_protoA, U(sizeof(WSAPROTOCOL_INFOA)), WSAEINVAL } } },
    { "WSASocketW", call_WSASocketW, NULL, NULL, NOTINIT,
      { { S_IN | S_OPT, &t_protoW, U(sizeof(WSAPROTOCOL_INFOW)), WSAEINVAL } } },
    /* inet_pton/InetPtonW/inet_ntop/InetNtopW work without WSAStartup. */
    { "inet_pton", call_inet_pton, NULL, NULL, 0, { { S_IN | S_STRING, "127.0.0.1" }, { S_OUT, NULL, U(4) } } },
    { "InetPtonW", call_InetPtonW, NULL, NULL, 0, { { S_IN | S_STRING, L"127.0.0.1" }, { S_OUT, NULL, U(4) } } },
    /* A NULL buffer: STATUS_INVALID_PARAMETER, as Wine's conformance test records on Windows. */
    { "inet_ntop", call_inet_ntop, NULL, NULL, 0,
      { { S_IN, &t_in_addr, U(4), ERROR_INVALID_PARAMETER },
        { S_OUT, NULL, U(sizeof("127.0.0.1")), (int)STATUS_INVALID_PARAMETER } } },
    { "InetNtopW", call_InetNtopW, NULL, NULL, 0,
      { { S_IN, &t_in_addr, U(4), ERROR_INVALID_PARAMETER },
        { S_OUT, NULL, U(sizeof(L"127.0.0.1")), (int)STATUS_INVALID_PARAMETER } } },
    { "getaddrinfo", call_getaddrinfo, NULL, NULL, NOTINIT,
      { { S_IN | S_STRING | S_OPT, "127.0.0.1" }, { S_IN | S_STRING | S_OPT, "80" },
        { S_IN | S_OPT, &t_hints, U(sizeof(t_hints)) }, { S_OUT, NULL, U(sizeof(void *)), WSAEINVAL } } },
    { "GetAddrInfoW", call_GetAddrInfoW, NULL, NULL, NOTINIT,
      { { S_IN | S_STRING | S_OPT, L"127.0.0.1" }, { S_IN | S_STRING | S_OPT, L"80" },
        { S_IN | S_OPT, &t_hintsW, U(sizeof(t_hintsW)) }, { S_OUT, NULL, U(sizeof(void *)), WSAEINVAL } } },
    /* Port 80, so that "80" fits the exact-size service buffer. */
    { "getnameinfo", call_getnameinfo, NULL, NULL, NOTINIT,
      { { S_IN, &t_loop80_addr, U(sizeof(struct sockaddr_in)) }, { S_OUT | S_OPT, NULL, U(sizeof("127.0.0.1")) },
        { S_OUT | S_OPT, NULL, U(sizeof("80")) } } },
    { "GetNameInfoW", call_GetNameInfoW, NULL, NULL, NOTINIT,
      { { S_IN, &t_loop80_addr, U(sizeof(struct sockaddr_in)) }, { S_OUT | S_OPT, NULL, U(sizeof(L"127.0.0.1")) },
        { S_OUT | S_OPT, NULL, U(sizeof(L"80")) } } },
    /* As for WSAEnumProtocols, the length is written only when it is too small. */
    { "WSAEnumNameSpaceProvidersA", call_WSAEnumNameSpaceProvidersA, NULL, NULL, NOTINIT,
      { { S_IN, &t_nsp_lenA, U(sizeof(DWORD)) }, { S_OUT, NULL, &sz_nspA } } },
    { "WSAEnumNameSpaceProvidersW", call_WSAEnumNameSpaceProvidersW, NULL, NULL, NOTINIT,
      { { S_IN, &t_nsp_lenW, U(sizeof(DWORD)) }, { S_OUT, NULL, &sz_nspW } } },
    /* WSCEnumProtocols lists the hidden entries too: a size of its own. */
    { "WSCEnumProtocols", call_WSCEnumProtocols, NULL, NULL, 0,
      { { S_IN | S_OPT, t_protocols, U(sizeof(t_protocols)), WSAENOBUFS }, { S_OUT, NULL, &sz_wsc, WSAENOBUFS },
        { S_IN, &t_wsc_len, U(sizeof(DWORD)) } } },
    { "WSCGetProviderPath", call_WSCGetProviderPath, NULL, NULL, 0,
      { { S_IN, &t_tcp_provider, U(sizeof(GUID)), WSAEINVAL }, { S_OUT, NULL, &sz_provpath, WSAEINVAL },
        { S_IN, &t_provpath_ilen, U(sizeof(int)) } } },
    /* A NULL handle asks for a new notification handle. */
    { "WSAProviderConfigChange", call_WSAProviderConfigChange, NULL, NULL, NOTINIT,
      { { S_INOUT, &t_null_handle, U(sizeof(HANDLE)) } } },
    { "WSCGetProviderInfo", call_WSCGetProviderInfo, NULL, NULL, 0,
      { { S_IN, &t_tcp_provider, U(sizeof(GUID)) }, { S_OUT, NULL, U(sizeof(DWORD)) },
        { S_INOUT, &t_info_size, U(sizeof(size_t)) } } },
    /* The catalogue calls check their arguments, then refuse the change as
     * Windows does for a program that is not elevated. */
    { "WSCDeinstallProvider", call_WSCDeinstallProvider, NULL, NULL, 0,
      { { S_IN, &t_tcp_provider, U(sizeof(GUID)) } }, WSANO_RECOVERY },
    { "WSCUnInstallNameSpace", call_WSCUnInstallNameSpace, NULL, NULL, 0,
      { { S_IN, &t_ns_provider, U(sizeof(GUID)) } }, WSANO_RECOVERY },
    { "WSCEnableNSProvider", call_WSCEnableNSProvider, NULL, NULL, 0,
      { { S_IN, &t_ns_provider, U(sizeof(GUID)) } }, WSANO_RECOVERY },
    { "WSCInstallNameSpace", call_WSCInstallNameSpace, NULL, NULL, 0,
      { { S_IN | S_STRING, L"badptr" }, { S_IN | S_STRING, L"%SystemRoot%\\system32\\badptr.dll" },
        { S_IN, &t_addr_by_name, U(sizeof(GUID)) } }, WSANO_RECOVERY },
    { "WSALookupServiceBeginW", call_WSALookupServiceBeginW, NULL, NULL, NOTINIT,
      { { S_IN, &t_query, U(sizeof(WSAQUERYSETW)) }, { S_OUT, NULL, U(sizeof(HANDLE)) } } },
    { "WSALookupServiceBeginA", call_WSALookupServiceBeginA, NULL, NULL, NOTINIT,
      { { S_IN, &t_queryA, U(sizeof(WSAQUERYSETA)) }, { S_OUT, NULL, U(sizeof(HANDLE)) } } },
    { "WSALookupServiceBeginW(class)", call_WSALookupServiceBeginW_class, NULL, NULL, NOTINIT,
      { { S_IN, &t_addr_by_name, U(sizeof(GUID)), WSA_INVALID_PARAMETER } } },
    /* A lookup by name without a name is this computer's. */
    { "WSALookupServiceBeginW(name)", call_WSALookupServiceBeginW_name, NULL, NULL, NOTINIT,
      { { S_IN | S_STRING | S_OPT, L"localhost" } } },
    /* The length is written only when it is too small. */
    { "WSALookupServiceNextW", call_WSALookupServiceNextW, prep_lookup, done_lookup, NOTINIT,
      { { S_IN, &t_next_len, U(sizeof(DWORD)) }, { S_OUT, NULL, &sz_next } } },
    /* Connecting by name resolves the node and service, connects and writes
     * the addresses.  Both address pairs are optional; only the remote one is
     * swept (the local pair goes through the same code). */
    { "WSAConnectByNameA", call_WSAConnectByNameA, prep_fresh, done_fresh, SOCKROW | NOTINIT,
      { { S_IN | S_STRING, "127.0.0.1", NULL, WSAEINVAL }, { S_IN | S_STRING, t_listen_port, NULL, WSAEINVAL },
        { S_INOUT | S_OPT, &t_remote_len, U(sizeof(DWORD)) }, { S_OUT | S_OPT, NULL, U(sizeof(struct sockaddr_in)) },
        { S_IN | S_OPT, &t_connect_timeout, U(sizeof(struct timeval)) } } },
    { "WSAConnectByNameW", call_WSAConnectByNameW, prep_fresh, done_fresh, SOCKROW | NOTINIT,
      { { S_IN | S_STRING, L"127.0.0.1", NULL, WSAEINVAL }, { S_IN | S_STRING, t_listen_portW, NULL, WSAEINVAL },
        { S_INOUT | S_OPT, &t_remote_len, U(sizeof(DWORD)) }, { S_OUT | S_OPT, NULL, U(sizeof(struct sockaddr_in)) },
        { S_IN | S_OPT, &t_connect_timeout, U(sizeof(struct timeval)) } } },
    /* No QoS template exists: a valid call fails with WSAEINVAL. */
    { "WSAGetQOSByName", call_WSAGetQOSByName, NULL, NULL, SOCKROW | NOTINIT,
      { { S_IN, &t_qos_name, U(sizeof(WSABUF)) }, { S_OUT, NULL, U(sizeof(QOS)) } }, WSAEINVAL },
    { "WSALookupServiceNextA", call_WSALookupServiceNextA, prep_lookup, done_lookup, NOTINIT,
      { { S_IN, &t_next_lenA, U(sizeof(DWORD)) }, { S_OUT, NULL, &sz_nextA } } },
    /* The service-class and service writers check their arguments, then
     * refuse as Windows does for a program that is not elevated. */
    { "WSAInstallServiceClassA", call_WSAInstallServiceClassA, NULL, NULL, NOTINIT,
      { { S_IN, &t_classA, U(sizeof(WSASERVICECLASSINFOA)) } }, WSAEACCES },
    { "WSAInstallServiceClassW", call_WSAInstallServiceClassW, NULL, NULL, NOTINIT,
      { { S_IN, &t_classW, U(sizeof(WSASERVICECLASSINFOW)) } }, WSAEACCES },
    { "WSAInstallServiceClassW(class id)", call_WSAInstallServiceClassW_id, NULL, NULL, NOTINIT,
      { { S_IN, &t_class_id, U(sizeof(GUID)), WSAEINVAL } }, WSAEACCES },
    /* No service class is installed: a valid class id is not found, the
     * output buffer is never reached and the length (written only for a
     * buffer that is too small) is only read.  Microsoft documents WSAEINVAL
     * for a bad class or provider id. */
    { "WSARemoveServiceClass", call_WSARemoveServiceClass, NULL, NULL, NOTINIT,
      { { S_IN | S_ALTALL, &t_class_id, U(sizeof(GUID)), WSAEINVAL } }, WSATYPE_NOT_FOUND },
    { "WSAGetServiceClassInfoA", call_WSAGetServiceClassInfoA, NULL, NULL, NOTINIT,
      { { S_IN | S_ALTALL, &t_ns_provider, U(sizeof(GUID)), WSAEINVAL }, { S_IN | S_ALTALL, &t_class_id, U(sizeof(GUID)), WSAEINVAL },
        { S_IN, &t_class_len, U(sizeof(DWORD)) },
        { S_OUT | S_OPT | S_ALTALL, NULL, U(sizeof(WSASERVICECLASSINFOA)), WSATYPE_NOT_FOUND } }, WSATYPE_NOT_FOUND },
    { "WSAGetServiceClassInfoW", call_WSAGetServiceClassInfoW, NULL, NULL, NOTINIT,
      { { S_IN | S_ALTALL, &t_ns_provider, U(sizeof(GUID)), WSAEINVAL }, { S_IN | S_ALTALL, &t_class_id, U(sizeof(GUID)), WSAEINVAL },
        { S_IN, &t_class_len, U(sizeof(DWORD)) },
        { S_OUT | S_OPT | S_ALTALL, NULL, U(sizeof(WSASERVICECLASSINFOW)), WSATYPE_NOT_FOUND } }, WSATYPE_NOT_FOUND },
    { "WSAGetServiceClassNameByClassIdA", call_WSAGetServiceClassNameByClassIdA, NULL, NULL, NOTINIT,
      { { S_IN | S_ALTALL, &t_class_id, U(sizeof(GUID)), WSAEINVAL }, { S_OUT | S_OPT | S_ALTALL, NULL, U(64), WSATYPE_NOT_FOUND },
        { S_IN, &t_class_name_len, U(sizeof(DWORD)) } }, WSATYPE_NOT_FOUND },
    { "WSAGetServiceClassNameByClassIdW", call_WSAGetServiceClassNameByClassIdW, NULL, NULL, NOTINIT,
      { { S_IN | S_ALTALL, &t_class_id, U(sizeof(GUID)), WSAEINVAL }, { S_OUT | S_OPT | S_ALTALL, NULL, U(64), WSATYPE_NOT_FOUND },
        { S_IN, &t_class_name_len, U(sizeof(DWORD)) } }, WSATYPE_NOT_FOUND },
    { "WSASetServiceA", call_WSASetServiceA, NULL, NULL, NOTINIT, { { S_IN, &t_setA, U(sizeof(WSAQUERYSETA)) } }, WSAEACCES },
    { "WSASetServiceW", call_WSASetServiceW, NULL, NULL, NOTINIT, { { S_IN, &t_setW, U(sizeof(WSAQUERYSETW)) } }, WSAEACCES },
    { "WSASetServiceW(class id)", call_WSASetServiceW_class, NULL, NULL, NOTINIT,
      { { S_IN, &t_class_id, U(sizeof(GUID)), WSAEINVAL } }, WSAEACCES },
    { "WSASetServiceW(name)", call_WSASetServiceW_name, NULL, NULL, NOTINIT,
      { { S_IN | S_STRING, L"badptr", NULL, WSAEINVAL } }, WSAEACCES },
    { "WSCInstallProvider", call_WSCInstallProvider, NULL, NULL, 0,
      { { S_IN, &t_class_id, U(sizeof(GUID)) }, { S_IN | S_STRING, L"%SystemRoot%\\system32\\badptr.dll" },
        { S_IN, &t_protoW, U(sizeof(WSAPROTOCOL_INFOW)) } }, WSANO_RECOVERY },
    { "WSCUpdateProvider", call_WSCUpdateProvider, NULL, NULL, 0,
      { { S_IN, &t_tcp_provider, U(sizeof(GUID)) }, { S_IN | S_STRING, L"%SystemRoot%\\system32\\badptr.dll" },
        { S_IN, &t_protoW, U(sizeof(WSAPROTOCOL_INFOW)) } }, WSANO_RECOVERY },
    /* Microsoft documents WSAEINVAL for a NULL path or extra data. */
    { "WSCSetApplicationCategory", call_WSCSetApplicationCategory, NULL, NULL, 0,
      { { S_IN | S_STRING, APP_PATH, NULL, WSAEINVAL }, { S_IN, L"x", U(sizeof(WCHAR)), WSAEINVAL } }, WSANO_RECOVERY },
    { "WSCWriteProviderOrder", call_WSCWriteProviderOrder, NULL, NULL, 0,
      { { S_IN, t_catalog_ids, &sz_catalog_ids } }, WSANO_RECOVERY },
    { "WSCWriteNameSpaceOrder", call_WSCWriteNameSpaceOrder, NULL, NULL, 0,
      { { S_IN, t_ns_ids, &sz_ns_ids } }, WSANO_RECOVERY },
    { "WPUCompleteOverlappedRequest", call_WPUCompleteOverlappedRequest, NULL, NULL, 0,
      { { S_INOUT, &t_wpu_overlapped, U(sizeof(WSAOVERLAPPED)) } } },
    { "WSAAccept", call_WSAAccept, prep_pending_connection, done_pending_connection, SOCKROW | NOTINIT,
      { { S_OUT | S_OPT, NULL, U(sizeof(struct sockaddr_in)) }, { S_INOUT | S_OPT, &t_addrlen, U(sizeof(int)) } } },
    { "WSADuplicateSocketA", call_WSADuplicateSocketA, NULL, NULL, SOCKROW | NOTINIT,
      { { S_OUT, NULL, U(sizeof(WSAPROTOCOL_INFOA)) } } },
    { "WSADuplicateSocketW", call_WSADuplicateSocketW, NULL, NULL, SOCKROW | NOTINIT,
      { { S_OUT, NULL, U(sizeof(WSAPROTOCOL_INFOW)) } } },
    /* TCP carries no disconnect data: any data pointer gets WSAENOPROTOOPT,
     * as Microsoft documents, without being read. */
    { "WSASendDisconnect", call_WSASendDisconnect, prep_connected_fresh, done_fresh, SOCKROW | NOTINIT,
      { { S_IN | S_OPT | S_ALTALL, &t_no_data, U(sizeof(WSABUF)), WSAENOPROTOOPT } }, WSAENOPROTOOPT },
    { "WSARecvDisconnect", call_WSARecvDisconnect, prep_connected_fresh, done_fresh, SOCKROW | NOTINIT,
      { { S_IN | S_OPT | S_ALTALL, &t_no_data, U(sizeof(WSABUF)), WSAENOPROTOOPT } }, WSAENOPROTOOPT },
    /* The callee data comes back empty: its length is written. */
    { "WSAConnect(callee data)", call_WSAConnect_callee, prep_fresh, done_fresh, SOCKROW | NOTINIT,
      { { S_INOUT | S_OPT, &t_no_data, U(sizeof(WSABUF)) } } },
    { "WSASendMsg", call_WSASendMsg, NULL, done_udp_sent, SOCKROW,
      { { S_IN, &t_sendmsg, U(sizeof(WSAMSG)) }, { S_OUT, NULL, U(sizeof(DWORD)) } } },
    { "WSASendMsg(nested)", call_WSASendMsg_nested, NULL, done_udp_sent, SOCKROW,
      { { S_IN | S_OPT, &t_udp_addr, U(sizeof(struct sockaddr_in)), WSAENOTCONN }, { S_IN, &t_msg_buf, U(sizeof(WSABUF)) } } },
    { "WSARecvMsg", call_WSARecvMsg, prep_udp_data, done_udp_data, SOCKROW,
      { { S_INOUT, &t_recvmsg, U(sizeof(WSAMSG)) }, { S_OUT, NULL, U(sizeof(DWORD)) } } },
    { "WSARecvMsg(nested)", call_WSARecvMsg_nested, prep_udp_data, done_udp_data, SOCKROW,
      { { S_OUT | S_OPT, NULL, U(sizeof(struct sockaddr_in)) }, { S_IN, &t_msg_recv_buf, U(sizeof(WSABUF)) } } },
    { "ConnectEx", call_ConnectEx, prep_bound_fresh, done_fresh, SOCKROW,
      { { S_IN, &t_listen_addr, U(sizeof(struct sockaddr_in)) } } },
    { "WSACancelBlockingCall", call_WSACancelBlockingCall, NULL, NULL, NOTINIT },
    { "WSAUnhookBlockingHook", call_WSAUnhookBlockingHook, NULL, NULL, NOTINIT },
    /* The lookups' buffers are exactly what the answer needs, so that a
     * straddling one is too short; the answer comes in a message. */
    { "WSAAsyncGetHostByName", call_WSAAsyncGetHostByName, NULL, NULL, NOTINIT,
      { { S_IN | S_STRING, "localhost" }, { S_OUT, NULL, &sz_async[0] } } },
    { "WSAAsyncGetHostByAddr", call_WSAAsyncGetHostByAddr, NULL, NULL, NOTINIT,
      { { S_IN, &t_in_addr, U(4) }, { S_OUT, NULL, &sz_async[1] } } },
    { "WSAAsyncGetProtoByName", call_WSAAsyncGetProtoByName, NULL, NULL, NOTINIT,
      { { S_IN | S_STRING, "tcp" }, { S_OUT, NULL, &sz_async[2] } } },
    { "WSAAsyncGetProtoByNumber", call_WSAAsyncGetProtoByNumber, NULL, NULL, NOTINIT,
      { { S_OUT, NULL, &sz_async[3] } } },
    { "WSAAsyncGetServByName", call_WSAAsyncGetServByName, NULL, NULL, NOTINIT,
      { { S_IN | S_STRING, "http" }, { S_IN | S_STRING | S_OPT, "tcp" }, { S_OUT, NULL, &sz_async[4] } } },
    { "WSAAsyncGetServByPort", call_WSAAsyncGetServByPort, NULL, NULL, NOTINIT,
      { { S_IN | S_STRING | S_OPT, "tcp" }, { S_OUT, NULL, &sz_async[5] } } },
    { "WSACancelAsyncRequest", call_WSACancelAsyncRequest, NULL, NULL, NOTINIT },
    { "GetAddrInfoExW", call_GetAddrInfoExW, NULL, NULL, NOTINIT,
      { { S_IN | S_STRING | S_OPT, L"127.0.0.1" }, { S_IN | S_STRING | S_OPT, L"80" },
        { S_IN | S_OPT, &t_hintsExW, U(sizeof(t_hintsExW)) }, { S_OUT, NULL, U(sizeof(void *)), WSAEINVAL } } },
    /* The output buffer holds the two addresses only: no data is awaited.  A
     * NULL buffer is WSAEINVAL and a NULL OVERLAPPED WSA_INVALID_PARAMETER, as
     * Wine's tests observe on Windows.  lpdwBytesReceived is left out: it is
     * written only when the accept completes at once, and then plainly. */
    { "AcceptEx", call_AcceptEx, prep_accept_ex, done_accept_ex, SOCKROW,
      { { S_OUT, NULL, U(sizeof(t_accept_buf)), WSAEINVAL },
        { S_INOUT, &t_accept_overlapped, U(sizeof(WSAOVERLAPPED)), WSA_INVALID_PARAMETER } } },
    /* An asynchronous lookup: its OVERLAPPED (NULL: a synchronous one), and
     * the handle for cancelling it. */
    { "GetAddrInfoExW(overlapped)", call_GetAddrInfoExW_overlapped, prep_gai_overlapped, NULL, NOTINIT,
      { { S_INOUT | S_OPT, &t_gai_overlapped, U(sizeof(OVERLAPPED)) }, { S_OUT | S_OPT, NULL, U(sizeof(HANDLE)) } } },
    /* Only the OVERLAPPED's status is read; Microsoft documents WSAEINVAL. */
    { "GetAddrInfoExOverlappedResult", call_GetAddrInfoExOverlappedResult, NULL, NULL, 0,
      { { S_IN | S_ALTALL, &t_done_overlapped, U(sizeof(ULONG_PTR)), WSAEINVAL } } },
    /* A handle no lookup has: WSA_INVALID_HANDLE, as for one that cannot be read. */
    { "GetAddrInfoExCancel", call_GetAddrInfoExCancel, NULL, NULL, 0,
      { { S_IN | S_ALTALL, &t_unknown_lookup, U(sizeof(HANDLE)), WSA_INVALID_HANDLE } }, WSA_INVALID_HANDLE },
    /* A change notification on a lookup, signalled through an event: it is
     * pending.  Without a WSACOMPLETION the call polls (WSAEWOULDBLOCK). */
    { "WSANSPIoctl", call_WSANSPIoctl, prep_lookup, done_lookup, NOTINIT,
      { { S_OUT, NULL, U(sizeof(DWORD)) }, { S_IN | S_OPT, &t_nsp_completion, U(sizeof(WSACOMPLETION)), WSAEWOULDBLOCK } },
      WSA_IO_PENDING },
    { "DisconnectEx", call_DisconnectEx, prep_disconnect, done_fresh, SOCKROW,
      { { S_INOUT | S_OPT, &t_done_overlapped, U(sizeof(OVERLAPPED)) } } },
    { "TransmitFile", call_TransmitFile, NULL, done_tcp_sent, SOCKROW,
      { { S_IN | S_OPT, &t_tf_buffers, U(sizeof(TRANSMIT_FILE_BUFFERS)) } } },
    { "TransmitFile(head)", call_TransmitFile_head, NULL, done_tcp_sent, SOCKROW, { { S_IN, t_data, U(sizeof(t_data)) } } },
    { "TransmitPackets", call_TransmitPackets, NULL, done_tcp_sent, SOCKROW,
      { { S_IN, &t_tp_element, U(sizeof(TRANSMIT_PACKETS_ELEMENT)) } } },
    { "TransmitPackets(buffer)", call_TransmitPackets_buffer, NULL, done_tcp_sent, SOCKROW,
      { { S_IN, t_data, U(sizeof(t_data)) } } },
    { "WSAAsyncSelect", call_WSAAsyncSelect, prep_fresh, done_fresh, SOCKROW | NOTINIT },
    /* No pointers: only the not-started and not-a-socket passes. */
    { "WSAEventSelect", call_WSAEventSelect, NULL, NULL, SOCKROW | NOTINIT },
    { "listen", call_listen, NULL, NULL, SOCKROW | NOTINIT },
    { "shutdown", call_shutdown, prep_fresh, done_fresh, SOCKROW | NOTINIT },
    { "closesocket", call_closesocket, NULL, NULL, SOCKROW | NOTINIT },
    { "socket", call_socket, NULL, NULL, NOTINIT },
    { "getprotobynumber", call_getprotobynumber, NULL, NULL, NOTINIT },
    { "WSACleanup", call_WSACleanup, NULL, NULL, NOTINIT },
};

/* ------------------------------------------------------------------------ */
/* Bad memory.                                                              */

enum place { P_NULL, P_RESERVED, P_DECOMMITTED, P_MISALIGNED, P_STRADDLE, P_READONLY, P_COUNT };
static const char *const place_names[P_COUNT] =
    { "NULL", "reserved page", "decommitted page", "misaligned", "page straddle", "read-only page" };

/* Page 0 reserved, page 1 decommitted, page 2 read-write with page 3
 * reserved after it, page 4 read-only. */
static unsigned char *region;
#define WORK_PAGE (region + 2 * PAGE)
#define RO_PAGE (region + 4 * PAGE)
#define FILL 0xa5

static BOOL setup_region(void)
{
    DWORD old;
    region = VirtualAlloc(NULL, 5 * PAGE, MEM_RESERVE, PAGE_NOACCESS);
    if (!region) return FALSE;
    return VirtualAlloc(region + PAGE, PAGE, MEM_COMMIT, PAGE_READWRITE)
        && VirtualFree(region + PAGE, PAGE, MEM_DECOMMIT)
        && VirtualAlloc(WORK_PAGE, PAGE, MEM_COMMIT, PAGE_READWRITE)
        && VirtualAlloc(RO_PAGE, PAGE, MEM_COMMIT, PAGE_READWRITE)
        && VirtualProtect(RO_PAGE, PAGE, PAGE_READONLY, &old);
}

static unsigned slot_size(const struct slot *s)
{
    if (!(s->kind & S_STRING)) return *s->size;
    if (*(const char *)s->content && !((const char *)s->content)[1])  /* a wide string */
        return (lstrlenW(s->content) + 1) * sizeof(WCHAR);
    return strlen(s->content) + 1;
}

/* Writes the slot's valid content (or the fill pattern for an output) to dst. */
static void fill_slot(const struct slot *s, unsigned char *dst, unsigned len)
{
    if (s->content && (s->kind & DIR_MASK) != S_OUT) memcpy(dst, s->content, len);
    else memset(dst, (s->kind & DIR_MASK) == S_OUT ? FILL : 0, len);
}

/* The pointer for slot s at place pl, with as much valid content as fits. */
static void *bad_pointer(const struct slot *s, enum place pl)
{
    unsigned size = slot_size(s), half = size / 2;
    DWORD old;

    switch (pl)
    {
    case P_NULL: return NULL;
    case P_RESERVED: return region;
    case P_DECOMMITTED: return region + PAGE;
    case P_MISALIGNED:
        fill_slot(s, WORK_PAGE + 1, size);
        return WORK_PAGE + 1;
    case P_STRADDLE:
    {
        unsigned char whole[4096];
        fill_slot(s, whole, size);
        memcpy(WORK_PAGE + PAGE - half, whole, half);
        return WORK_PAGE + PAGE - half;
    }
    case P_READONLY:
        VirtualProtect(RO_PAGE, PAGE, PAGE_READWRITE, &old);
        fill_slot(s, RO_PAGE + PAGE - size, size);
        VirtualProtect(RO_PAGE, PAGE, PAGE_READONLY, &old);
        return RO_PAGE + PAGE - size;
    default: return NULL;
    }
}

/* ------------------------------------------------------------------------ */
/* Surviving a crash: the top-level filter sends the thread back to run_call. */

static void *crash_jump[5];
static volatile LONG in_call;
static volatile DWORD crash_code;
static DWORD main_thread;

static void __attribute__((noinline, noreturn)) crash_landing(void)
{
    __builtin_longjmp(crash_jump, 1);
}

static LONG WINAPI crash_filter(EXCEPTION_POINTERS *info)
{
    if (!in_call || GetCurrentThreadId() != main_thread) return EXCEPTION_CONTINUE_SEARCH;
    in_call = 0;
    crash_code = info->ExceptionRecord->ExceptionCode;
#ifdef _WIN64
    info->ContextRecord->Rsp = (info->ContextRecord->Rsp & ~(DWORD64)15) - 256 - 8;
    info->ContextRecord->Rip = (DWORD64)(ULONG_PTR)crash_landing;
#else
    info->ContextRecord->Esp = (info->ContextRecord->Esp & ~15u) - 256;
    info->ContextRecord->Eip = (DWORD)(ULONG_PTR)crash_landing;
#endif
    return EXCEPTION_CONTINUE_EXECUTION;
}

/* Calls the row with pointers p; FALSE if it crashed (crash_code says how). */
static BOOL __attribute__((noinline)) run_call(const struct row *r, void **p, struct res *out)
{
    if (__builtin_setjmp(crash_jump)) return FALSE;
    in_call = 1;
    WSASetLastError(0xdead);
    *out = r->call(p);
    in_call = 0;
    return TRUE;
}

/* ------------------------------------------------------------------------ */
/* The passes.                                                              */

static unsigned char default_buf[MAXSLOT][4096] __attribute__((aligned(16)));
static unsigned crashes;
static BOOL verbose;  /* BADPTR_VERBOSE set: a line before every case */
static char skip_rows[1024];  /* BADPTR_SKIP: ",row,row," left out (for a DLL where they hang) */

static BOOL row_skipped(const struct row *r)
{
    char name[80];
    snprintf(name, sizeof(name), ",%s,", r->name);
    return strstr(skip_rows, name) != NULL;
}

static int slot_count(const struct row *r)
{
    int n = 0;
    while (n < MAXSLOT && r->slot[n].kind) n++;
    return n;
}

static void default_pointers(const struct row *r, void **p)
{
    int i, n = slot_count(r);
    for (i = 0; i < n; i++)
    {
        fill_slot(&r->slot[i], default_buf[i], slot_size(&r->slot[i]));
        p[i] = default_buf[i];
    }
}

static BOOL error_documented(const struct row *r, const struct slot *s, enum place pl, int err)
{
    if ((r->flags & NOERRCODE) || err == WSAEFAULT) return TRUE;
    return s->alt_error && err == s->alt_error && (pl == P_NULL || (s->kind & S_ALTALL));
}

static void check_case(const struct row *r, int i, enum place pl)
{
    const struct slot *s = &r->slot[i];
    void *p[MAXSLOT];
    unsigned size = slot_size(s);
    unsigned char before[4096];
    struct res res;
    BOOL survived;

    if (verbose) trace("%s: slot %d %s\n", r->name, i, place_names[pl]);
    if (r->prep) r->prep();
    default_pointers(r, p);
    p[i] = bad_pointer(s, pl);
    if (pl == P_STRADDLE) memcpy(before, WORK_PAGE + PAGE - size / 2, size / 2);
    survived = run_call(r, p, &res);
    if (r->done) r->done(survived ? &res : NULL);

    if (!ok(survived, "%s: slot %d %s: crashed with exception %#lx\n", r->name, i, place_names[pl],
            (unsigned long)crash_code))
    {
        crashes++;
        return;
    }
    if (pl == P_MISALIGNED)
        ok(!res.failed || (r->ok_error && res.err == r->ok_error), "%s: slot %d misaligned: failed with %d\n",
           r->name, i, res.err);
    else if (pl == P_NULL && (s->kind & S_OPT))
        ok(!res.failed || (r->ok_error && res.err == r->ok_error) || error_documented(r, s, pl, res.err),
           "%s: slot %d (optional) NULL: error %d\n", r->name, i, res.err);
    else
        ok(res.failed && error_documented(r, s, pl, res.err), "%s: slot %d %s: %s, error %d\n", r->name, i,
           place_names[pl], res.failed ? "failed" : "succeeded", res.err);
    if (pl == P_STRADDLE && (s->kind & S_OUT) && res.failed)
        ok(!memcmp(before, WORK_PAGE + PAGE - size / 2, size / 2),
           "%s: slot %d: the readable half of a straddling output was written\n", r->name, i);
}

static void sweep_pointers(void)
{
    unsigned r;
    int i, pl;

    for (r = 0; r < sizeof(rows) / sizeof(rows[0]); r++)
    {
        if (row_skipped(&rows[r]))
        {
            skip("%s left out\n", rows[r].name);
            continue;
        }
        for (i = 0; i < slot_count(&rows[r]); i++)
            for (pl = 0; pl < P_COUNT; pl++)
                if (pl != P_READONLY || (rows[r].slot[i].kind & S_OUT)) check_case(&rows[r], i, pl);
    }
}

/* One call with valid pointers; the row's prep and done are left out when
 * there are no sockets to prepare. */
static BOOL call_with_defaults(const struct row *r, BOOL prepare, struct res *res)
{
    void *p[MAXSLOT];
    BOOL survived;

    if (prepare && r->prep) r->prep();
    default_pointers(r, p);
    survived = run_call(r, p, res);
    if (prepare && r->done) r->done(survived ? res : NULL);
    if (!survived) crashes++;
    return survived;
}

static void sweep_not_started(void)
{
    struct res res;
    unsigned r;

    for (r = 0; r < sizeof(rows) / sizeof(rows[0]); r++)
    {
        if (!(rows[r].flags & NOTINIT)) continue;
        if (!ok(call_with_defaults(&rows[r], FALSE, &res), "%s before WSAStartup: crashed with %#lx\n",
                rows[r].name, (unsigned long)crash_code))
            continue;
        ok(res.failed && res.err == WSANOTINITIALISED, "%s before WSAStartup: %s, error %d\n", rows[r].name,
           res.failed ? "failed" : "succeeded", res.err);
    }
}

static void sweep_not_sockets(HANDLE handle, const char *what)
{
    struct res res;
    unsigned r;

    g.use_bad = TRUE;
    g.bad_sock = (SOCKET)handle;
    prep_fdset();
    for (r = 0; r < sizeof(rows) / sizeof(rows[0]); r++)
    {
        if (!(rows[r].flags & SOCKROW)) continue;
        /* No prep: it could create a socket that takes the closed socket's value. */
        if (!ok(call_with_defaults(&rows[r], FALSE, &res), "%s on %s: crashed with %#lx\n", rows[r].name, what,
                (unsigned long)crash_code))
            continue;
        ok(res.failed && res.err == WSAENOTSOCK, "%s on %s: %s, error %d\n", rows[r].name, what,
           res.failed ? "failed" : "succeeded", res.err);
    }
    g.use_bad = FALSE;
    prep_fdset();
}

/* ------------------------------------------------------------------------ */
/* Set-up.                                                                  */

static BOOL bind_udp(SOCKET *s, struct sockaddr_in *addr)
{
    int len = sizeof(*addr);
    *s = socket(AF_INET, SOCK_DGRAM, 0);
    memset(addr, 0, sizeof(*addr));
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return !bind(*s, (struct sockaddr *)addr, len) && !getsockname(*s, (struct sockaddr *)addr, &len);
}

/* The size a sizing call gave, which must fit a page with room for a
 * misaligned copy; nearly a page if not (the sweep goes on, with a buffer
 * larger than the call needs). */
#define MAX_OBJECT (PAGE - 16)
static unsigned exact_size(const char *call, DWORD size)
{
    if (ok(size && size <= MAX_OBJECT, "%s sizes its buffer at %lu bytes\n", call, (unsigned long)size)) return size;
    return MAX_OBJECT;
}

static BOOL find_tcp_provider(void)
{
    static WSAPROTOCOL_INFOA infoA[16];
    static WSAPROTOCOL_INFOW infoW[16];
    DWORD len = sizeof(infoA);
    int err;

    if (WSAEnumProtocolsA(t_protocols, infoA, &len) < 1) return FALSE;
    t_protoA = infoA[0];
    len = sizeof(infoW);
    if (WSAEnumProtocolsW(t_protocols, infoW, &len) < 1) return FALSE;
    t_protoW = infoW[0];
    t_tcp_provider = infoW[0].ProviderId;

    /* Exact sizes for the enumerations, so that a straddling buffer is too short. */
    t_enum_lenA = 0;
    WSAEnumProtocolsA(t_protocols, NULL, &t_enum_lenA);
    t_enum_lenW = 0;
    WSAEnumProtocolsW(t_protocols, NULL, &t_enum_lenW);
    t_wsc_len = 0;
    WSCEnumProtocols(t_protocols, NULL, &t_wsc_len, &err);
    t_nsp_lenA = t_nsp_lenW = 0;
    WSAEnumNameSpaceProvidersA(&t_nsp_lenA, NULL);
    WSAEnumNameSpaceProvidersW(&t_nsp_lenW, NULL);
    sz_enumA = exact_size("WSAEnumProtocolsA", t_enum_lenA);
    sz_enumW = exact_size("WSAEnumProtocolsW", t_enum_lenW);
    sz_wsc = exact_size("WSCEnumProtocols", t_wsc_len);
    sz_nspA = exact_size("WSAEnumNameSpaceProvidersA", t_nsp_lenA);
    sz_nspW = exact_size("WSAEnumNameSpaceProvidersW", t_nsp_lenW);
    return TRUE;
}

/* The NS_DNS provider, and a lookup of localhost's addresses with the exact
 * size of its first answer. */
static BOOL find_name_service(void)
{
    static WSANAMESPACE_INFOW info[4096 / sizeof(WSANAMESPACE_INFOW)];  /* and the strings after them */
    DWORD len = sizeof(info);
    int i, n = WSAEnumNameSpaceProvidersW(&len, info);
    HANDLE lookup;

    for (i = 0; i < n; i++)
        if (info[i].dwNameSpace == NS_DNS) t_ns_provider = info[i].NSProviderId;
    t_query.dwSize = sizeof(t_query);
    t_query.lpServiceClassId = &t_addr_by_name;
    t_query.dwNameSpace = NS_DNS;
    t_query.lpszServiceInstanceName = (WCHAR *)L"localhost";
    t_queryA.dwSize = sizeof(t_queryA);
    t_queryA.lpServiceClassId = &t_addr_by_name;
    t_queryA.dwNameSpace = NS_DNS;
    t_queryA.lpszServiceInstanceName = (char *)"localhost";
    ok(n > 0, "WSAEnumNameSpaceProvidersW: %d, error %d\n", n, WSAGetLastError());
    /* The answer's size: what the sizing call asks for. */
    t_next_len = 0;
    if (ok(!WSALookupServiceBeginW(&t_query, LUP_RETURN_NAME, &lookup), "lookup: error %d\n", WSAGetLastError()))
    {
        WSALookupServiceNextW(lookup, LUP_RETURN_NAME, &t_next_len, NULL);
        WSALookupServiceEnd(lookup);
    }
    sz_next = exact_size("WSALookupServiceNextW", t_next_len);
    return TRUE;
}

/* The contents of the second sweep's slots. */
static BOOL setup_second(void)
{
    static WSAPROTOCOL_INFOW all[64];
    static WSANAMESPACE_INFOW ns[4096 / sizeof(WSANAMESPACE_INFOW)];
    DWORD len = sizeof(all);
    HANDLE lookup;
    int i, n, err;

    sprintf(t_listen_port, "%u", ntohs(g.listen_addr.sin_port));
    MultiByteToWideChar(CP_ACP, 0, t_listen_port, -1, t_listen_portW, ARRAYSIZE(t_listen_portW));
    t_qos_name.len = sizeof("G711");
    t_qos_name.buf = (char *)"G711";

    t_next_lenA = 0;
    if (!WSALookupServiceBeginA(&t_queryA, LUP_RETURN_NAME, &lookup))
    {
        WSALookupServiceNextA(lookup, LUP_RETURN_NAME, &t_next_lenA, NULL);
        WSALookupServiceEnd(lookup);
    }
    sz_nextA = exact_size("WSALookupServiceNextA", t_next_lenA);

    t_classA.lpServiceClassId = t_classW.lpServiceClassId = &t_class_id;
    t_classA.lpszServiceClassName = (char *)"badptr";
    t_classW.lpszServiceClassName = (WCHAR *)L"badptr";
    t_setA.dwSize = sizeof(t_setA);
    t_setA.lpServiceClassId = &t_class_id;
    t_setA.lpszServiceInstanceName = (char *)"badptr";
    t_setW.dwSize = sizeof(t_setW);
    t_setW.lpServiceClassId = &t_class_id;
    t_setW.lpszServiceInstanceName = (WCHAR *)L"badptr";

    /* The whole catalogue and every namespace provider, in their order (a
     * failure is reported and the sweep goes on with empty lists). */
    n = WSCEnumProtocols(NULL, all, &len, &err);
    ok(n > 0, "WSCEnumProtocols: %d, error %d\n", n, err);
    for (i = 0; i < n && i < (int)ARRAYSIZE(t_catalog_ids); i++) t_catalog_ids[i] = all[i].dwCatalogEntryId;
    n_catalog_ids = i;
    sz_catalog_ids = n_catalog_ids * sizeof(DWORD);
    len = sizeof(ns);
    n = WSAEnumNameSpaceProvidersW(&len, ns);
    ok(n > 0, "WSAEnumNameSpaceProvidersW: %d, error %d\n", n, WSAGetLastError());
    for (i = 0; i < n && i < (int)ARRAYSIZE(t_ns_ids); i++) t_ns_ids[i] = ns[i].NSProviderId;
    n_ns_ids = i;
    sz_ns_ids = n_ns_ids * sizeof(GUID);

    p_WSASendMsg = extension_function(g.udp, (GUID)WSAID_WSASENDMSG);
    p_WSARecvMsg = extension_function(g.udp, (GUID)WSAID_WSARECVMSG);
    p_ConnectEx = extension_function(g.tcp.client, (GUID)WSAID_CONNECTEX);
    if (!p_WSASendMsg || !p_WSARecvMsg || !p_ConnectEx) return FALSE;
    t_msg_buf.len = sizeof(t_data);
    t_msg_buf.buf = t_data;
    t_sendmsg.name = (struct sockaddr *)&t_udp_addr;
    t_sendmsg.namelen = sizeof(t_udp_addr);
    t_sendmsg.lpBuffers = &t_msg_buf;
    t_sendmsg.dwBufferCount = 1;
    t_msg_recv_buf.len = sizeof(t_msg_recv_data);
    t_msg_recv_buf.buf = t_msg_recv_data;
    t_recvmsg.name = NULL;
    t_recvmsg.lpBuffers = &t_msg_recv_buf;
    t_recvmsg.dwBufferCount = 1;
    return TRUE;
}

/* A window for the WSAAsyncGet* answers, and the size of each answer. */
static BOOL setup_async(void)
{
    static char buf[MAXGETHOSTSTRUCT];
    HANDLE h[6];
    int i;

    t_hwnd = CreateWindowA("STATIC", "badptr", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    if (!t_hwnd) return FALSE;
    for (i = 0; i < 6; i++)
    {
        /* One lookup at a time: waiting drops the answers to the others. */
        switch (i)
        {
        case 0: h[i] = WSAAsyncGetHostByName(t_hwnd, ASYNC_MSG, "localhost", buf, sizeof(buf)); break;
        case 1: h[i] = WSAAsyncGetHostByAddr(t_hwnd, ASYNC_MSG, (char *)&t_in_addr, 4, AF_INET, buf, sizeof(buf)); break;
        case 2: h[i] = WSAAsyncGetProtoByName(t_hwnd, ASYNC_MSG, "tcp", buf, sizeof(buf)); break;
        case 3: h[i] = WSAAsyncGetProtoByNumber(t_hwnd, ASYNC_MSG, IPPROTO_TCP, buf, sizeof(buf)); break;
        case 4: h[i] = WSAAsyncGetServByName(t_hwnd, ASYNC_MSG, "http", "tcp", buf, sizeof(buf)); break;
        default: h[i] = WSAAsyncGetServByPort(t_hwnd, ASYNC_MSG, htons(80), "tcp", buf, sizeof(buf)); break;
        }
        sz_async[i] = 0;
        if (h[i] && wait_async_reply(h[i]) && !WSAGETASYNCERROR(async_reply))
            sz_async[i] = WSAGETASYNCBUFLEN(async_reply);
        sz_async[i] = exact_size("WSAAsyncGet*", sz_async[i]);
    }
    t_hintsExW.ai_family = AF_INET;
    p_AcceptEx = extension_function(g.listener, (GUID)WSAID_ACCEPTEX);
    return p_AcceptEx != NULL;
}

/* The extension functions for sending files and packets and disconnecting. */
static BOOL setup_transmit(void)
{
    p_DisconnectEx = extension_function(g.tcp.client, (GUID)WSAID_DISCONNECTEX);
    p_TransmitFile = extension_function(g.tcp.client, (GUID)WSAID_TRANSMITFILE);
    p_TransmitPackets = extension_function(g.tcp.client, (GUID)WSAID_TRANSMITPACKETS);
    t_tf_buffers.Head = t_data;
    t_tf_buffers.HeadLength = sizeof(t_data);
    t_tp_element.dwElFlags = TP_ELEMENT_MEMORY;
    t_tp_element.cLength = sizeof(t_data);
    t_tp_element.pBuffer = t_data;
    t_nsp_overlapped.hEvent = WSACreateEvent();
    t_nsp_completion.Type = NSP_NOTIFY_EVENT;
    t_nsp_completion.Parameters.Event.lpOverlapped = &t_nsp_overlapped;
    ok(p_TransmitPackets != NULL, "no TransmitPackets\n");
    return p_DisconnectEx && p_TransmitFile;
}

/* Says where set-up gave up. */
static BOOL setup_failed(int line)
{
    trace("set-up step at line %d failed: error %d\n", line, WSAGetLastError());
    return FALSE;
}

static BOOL setup(void)
{
    WSAOVERLAPPED ov = { 0 };
    WSABUF buf = { 1, t_data };
    DWORD sent, flags, len;
    int err = 0;
    u_long one = 1;

    g.listener = loopback_listener(&g.listen_addr);
    if (g.listener == INVALID_SOCKET || ioctlsocket(g.listener, FIONBIO, &one)) return setup_failed(__LINE__);
    if (!make_pair(&g.tcp) || ioctlsocket(g.tcp.client, FIONBIO, &one)) return setup_failed(__LINE__);
    if (!bind_udp(&g.udp, &g.udp_addr) || !bind_udp(&g.udp_peer, &g.udp_peer_addr)) return setup_failed(__LINE__);
    if (ioctlsocket(g.udp, FIONBIO, &one)) return setup_failed(__LINE__);
    g.event = WSACreateEvent();

    t_listen_addr = g.listen_addr;
    t_udp_addr = g.udp_addr;
    t_loop_addr.sin_family = AF_INET;
    t_loop_addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    t_loop80_addr = t_loop_addr;
    t_loop80_addr.sin_port = htons(80);
    t_in_addr.s_addr = htonl(INADDR_LOOPBACK);
    t_wsabuf.len = sizeof(t_wsabuf_data);
    t_wsabuf.buf = t_wsabuf_data;
    t_pollfd.fd = g.tcp.client;
    t_pollfd.events = POLLWRNORM;
    t_hints.ai_family = AF_INET;
    t_hintsW.ai_family = AF_INET;

    if (gethostname(t_hostname, sizeof(t_hostname))) return setup_failed(__LINE__);
    sz_hostname = strlen(t_hostname) + 1;
    if (GetHostNameW(t_hostnameW, ARRAYSIZE(t_hostnameW))) return setup_failed(__LINE__);
    sz_hostnameW = (lstrlenW(t_hostnameW) + 1) * sizeof(WCHAR);
    len = sizeof(t_addr_string);
    if (WSAAddressToStringA((struct sockaddr *)&t_listen_addr, sizeof(t_listen_addr), NULL, t_addr_string, &len))
        return setup_failed(__LINE__);
    sz_addr_string = len;
    len = ARRAYSIZE(t_addr_stringW);
    if (WSAAddressToStringW((struct sockaddr *)&t_listen_addr, sizeof(t_listen_addr), NULL, t_addr_stringW, &len))
        return setup_failed(__LINE__);
    sz_addr_stringW = len * sizeof(WCHAR);
    if (!find_tcp_provider() || !find_name_service() || !setup_second() || !setup_async() || !setup_transmit()) return setup_failed(__LINE__);
    t_provpath_ilen = MAX_PATH;
    sz_provpath = MAX_PATH * sizeof(WCHAR);
    if (WSCGetProviderPath(&t_tcp_provider, (WCHAR *)default_buf[0], &t_provpath_ilen, &err)) return setup_failed(__LINE__);
    t_provpath_ilen = lstrlenW((WCHAR *)default_buf[0]) + 1;  /* exact, so that a straddling buffer is short */
    sz_provpath = t_provpath_ilen * sizeof(WCHAR);

    /* A finished overlapped send for WSAGetOverlappedResult. */
    ov.hEvent = WSACreateEvent();
    if (WSASend(g.tcp.client, &buf, 1, &sent, 0, &ov, NULL) && WSAGetLastError() != WSA_IO_PENDING) return setup_failed(__LINE__);
    if (!WSAGetOverlappedResult(g.tcp.client, &ov, &sent, TRUE, &flags)) return setup_failed(__LINE__);
    WSACloseEvent(ov.hEvent);
    ov.hEvent = NULL;
    t_overlapped = ov;
    done_tcp_sent(NULL);
    return TRUE;
}

static HANDLE temp_file(void)
{
    char dir[MAX_PATH], path[MAX_PATH];
    GetTempPathA(sizeof(dir), dir);
    GetTempFileNameA(dir, "bpt", 0, path);
    return CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                       FILE_ATTRIBUTE_TEMPORARY | FILE_FLAG_DELETE_ON_CLOSE, NULL);
}

START_TEST(badptr)
{
    WSADATA data;
    HANDLE event, file;
    SOCKET closed;

    harness_start_watchdog(60000);
    main_thread = GetCurrentThreadId();
    verbose = GetEnvironmentVariableA("BADPTR_VERBOSE", NULL, 0) > 0;
    skip_rows[0] = ',';
    if (GetEnvironmentVariableA("BADPTR_SKIP", skip_rows + 1, sizeof(skip_rows) - 2) < sizeof(skip_rows) - 2)
        strcat(skip_rows, ",");
    SetUnhandledExceptionFilter(crash_filter);
    if (!ok(setup_region(), "cannot set up the bad pages: %lu\n", (unsigned long)GetLastError())) return;

    /* Before WSAStartup, with stale socket values. */
    g.listener = g.tcp.client = g.tcp.server = g.udp = g.udp_peer = g.fresh = (SOCKET)0x1234;
    sweep_not_started();

    if (!ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n")) return;
    if (!ok(setup(), "set-up failed: %d\n", WSAGetLastError())) return;
    sweep_pointers();

    event = CreateEventA(NULL, TRUE, FALSE, NULL);
    sweep_not_sockets(event, "an event");
    file = temp_file();
    sweep_not_sockets(file, "a file");
    ok_int(GetFileType(file), FILE_TYPE_DISK, "closesocket closed the file handle\n");
    closed = socket(AF_INET, SOCK_STREAM, 0);
    closesocket(closed);
    sweep_not_sockets((HANDLE)closed, "a closed socket");
    CloseHandle(event);
    CloseHandle(file);

    trace("%u calls crashed\n", crashes);
    WSACleanup();
}
