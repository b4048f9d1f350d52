/* Connecting: connect, WSAConnect, and the connect request that ConnectEx
 * (extensions.c) and WSAConnectByName share. */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

/* Whether a connect names the unspecified address, which Windows refuses with
 * WSAEADDRNOTAVAIL (connect's page: "such as INADDR_ANY or in6addr_any";
 * libuv's tests assert it on Windows) where Linux would connect to the host
 * itself.  A datagram socket given it with port 0 is being disconnected,
 * which the same page allows. */
static BOOL connects_to_unspecified(SOCKET s, const SOCKADDR_STORAGE *addr)
{
    const struct sockaddr_in *sin = (const struct sockaddr_in *)addr;
    const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)addr;
    struct ws2kit_sockstate_params state;
    USHORT port;

    if (addr->ss_family == AF_INET && !sin->sin_addr.s_addr) port = sin->sin_port;
    else if (addr->ss_family == AF_INET6 && IN6_IS_ADDR_UNSPECIFIED(&sin6->sin6_addr)) port = sin6->sin6_port;
    else return FALSE;
    return port || !ws2kit_sockstate(s, &state) || state.type != SOCK_DGRAM;
}

/* A connect request (struct afd_connect_params, the address, any data).
 * Windows lets a program connect a socket again after WSAECONNREFUSED,
 * WSAENETUNREACH or WSAETIMEDOUT.  Linux fails the first connect() after a
 * failed one with ECONNABORTED once the failure has been collected (the
 * wineserver collects it), and Wine 8.0's wineserver passes that on as
 * STATUS_CONNECTION_ABORTED; the request made again goes through.  A socket
 * that is connecting or connected gets other errors, so nothing else is
 * retried. */
NTSTATUS ws2kit_connect_request(SOCKET s, void *in, ULONG in_size, OVERLAPPED *overlapped,
                                ULONG_PTR *information)
{
    const SOCKADDR_STORAGE *addr = (const SOCKADDR_STORAGE *)((struct afd_connect_params *)in + 1);
    NTSTATUS status;

    if (connects_to_unspecified(s, addr)) return STATUS_INVALID_ADDRESS_COMPONENT;  /* WSAEADDRNOTAVAIL */
    status = ws2kit_afd_request(s, IOCTL_AFD_WINE_CONNECT, in, in_size, overlapped, NULL, information);

    if (status != STATUS_CONNECTION_ABORTED) return status;
    TRACE("%#Ix: connecting again after a failed connect\n", s);
    return ws2kit_afd_request(s, IOCTL_AFD_WINE_CONNECT, in, in_size, overlapped, NULL, information);
}

/* A connect's address: a datagram socket also takes AF_UNSPEC, which
 * disconnects it (libuv disconnects this way on Windows); the device passes
 * it on to Linux, which dissolves the association likewise. */
static int copy_in_connect_address(SOCKET s, const struct sockaddr *addr, int len, SOCKADDR_STORAGE *copy)
{
    struct ws2kit_sockstate_params state;
    USHORT family;

    if (addr && len >= (int)sizeof(struct sockaddr) && ws2kit_read_user(&family, &addr->sa_family, sizeof(family)) &&
        family == AF_UNSPEC && ws2kit_sockstate(s, &state) && state.type == SOCK_DGRAM)
    {
        if (len > (int)sizeof(*copy)) len = sizeof(*copy);
        return ws2kit_read_user(copy, addr, len) ? 0 : WSAEFAULT;
    }
    return ws2kit_copy_in_sockaddr(addr, len, copy);
}

int WINAPI connect(SOCKET s, const struct sockaddr *addr, int len)
{
    struct { struct afd_connect_params params; SOCKADDR_STORAGE addr; } in;
    NTSTATUS status;
    int err;

    CHECK_STARTED(SOCKET_ERROR);
    if ((err = copy_in_connect_address(s, addr, len, &in.addr))) return ws2kit_socket_fail(s, err);
    if (len > (int)sizeof(in.addr)) len = sizeof(in.addr);
    in.params.addr_len = len;
    in.params.synchronous = TRUE;
    TRACE("%#Ix family %u\n", s, in.addr.ss_family);
    ws2kit_socket_settled(s);
    ws2kit_icmp_error_connecting(s);
    status = ws2kit_connect_request(s, &in, sizeof(in.params) + len, NULL, NULL);
    /* A connect already under way is WSAEALREADY here (WSAEINVAL for bind). */
    if (status == STATUS_ADDRESS_ALREADY_ASSOCIATED) return ws2kit_fail(WSAEALREADY);
    if (status && (err = ws2kit_status_to_wsa(status)) == WSAEISCONN && ws2kit_connect_ex_used(s)) err = WSAEINVAL;
    if (status && err == WSAEWOULDBLOCK) ws2kit_connect_target_remember(s, &in.addr, len);
    if (status) return ws2kit_socket_fail(s, err);
    ws2kit_peer_remember(s, &in.addr, len);
    ws2kit_icmp_error_connected(s);
    ws2kit_events_connected(s);
    return ws2kit_succeed();
}

/* TCP and UDP carry no connect data and ws2kit has no QoS provider: the
 * callee data comes back empty and a flow spec is traced and not applied,
 * which is what a Windows provider without QoS support does. */
int WINAPI WSAConnect(SOCKET s, const struct sockaddr *name, int name_len, WSABUF *caller_data,
                      WSABUF *callee_data, QOS *sqos, QOS *gqos)
{
    ULONG no_data = 0;

    CHECK_STARTED(SOCKET_ERROR);
    TRACE("%#Ix caller data %p callee data %p\n", s, caller_data, callee_data);
    if (sqos || gqos) FIXME("%#Ix: QoS %p/%p not applied\n", s, sqos, gqos);
    /* The whole WSABUF is the caller's object: one that runs off its page is
     * refused before its length is written. */
    if (callee_data && (!ws2kit_probe_write_user(callee_data, sizeof(*callee_data)) ||
                        !ws2kit_write_user(&callee_data->len, &no_data, sizeof(no_data))))
        return ws2kit_socket_fail(s, WSAEFAULT);
    return connect(s, name, name_len);
}
