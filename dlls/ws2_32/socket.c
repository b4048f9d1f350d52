/* The socket core: the calls that act on a socket's connection state
 * (creating is create.c's, connecting connect.c's). */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

/* Windows' rule for an address passed in: a known family and at least its
 * full size.  Returns 0 or the WSA error. */
int ws2kit_sockaddr_len_ok(const struct sockaddr *addr, int len)
{
    USHORT family;

    if (len < (int)sizeof(family) || !ws2kit_read_user(&family, &addr->sa_family, sizeof(family)))
        return WSAEFAULT;
    switch (family)
    {
    case AF_INET:  return len < (int)sizeof(struct sockaddr_in) ? WSAEFAULT : 0;
    case AF_INET6: return len < (int)sizeof(struct sockaddr_in6) ? WSAEFAULT : 0;
    default:       return WSAEAFNOSUPPORT;
    }
}

/* Copies a caller's address into our own storage, checking it on the way. */
int ws2kit_copy_in_sockaddr(const struct sockaddr *addr, int len, SOCKADDR_STORAGE *copy)
{
    int err;

    if (!addr) return WSAEFAULT;
    if ((err = ws2kit_sockaddr_len_ok(addr, len))) return err;
    if (len > (int)sizeof(*copy)) len = sizeof(*copy);
    if (!ws2kit_read_user(copy, addr, len)) return WSAEFAULT;
    return 0;
}

/* Whether a handle other than `s` and ws2kit's own keeps the socket open
 * (DuplicateHandle, WSADuplicateSocket, an inherited copy).  Windows ends a
 * socket's requests only when its last handle closes (Wine's conformance
 * test, an AcceptEx pending on a duplicate). */
static BOOL others_hold_socket(SOCKET s)
{
    PUBLIC_OBJECT_BASIC_INFORMATION info;

    if (NtQueryObject((HANDLE)s, ObjectBasicInformation, &info, sizeof(info), NULL)) return FALSE;
    TRACE("%#Ix: %lu handles\n", s, info.HandleCount);
    return info.HandleCount > 1 + ws2kit_send_rest_handles(s);
}

int WINAPI closesocket(SOCKET s)
{
    BOOL closed, may_pend;

    CHECK_STARTED(SOCKET_ERROR);
    TRACE("%#Ix\n", s);
    /* Only a socket may be closed here: any other handle stays open. */
    if (!ws2kit_is_socket(s)) return ws2kit_fail(WSAENOTSOCK);
    ws2kit_urgent_before_close(s);
    ws2kit_events_closing(s);
    may_pend = ws2kit_requests_may_pend(s);
    ws2kit_sockets_remove(s);
    /* Windows fails the process's pending requests on the socket with
     * WSA_OPERATION_ABORTED when its last handle closes; closing the handle
     * alone would leave Wine to end them with STATUS_HANDLES_CLOSED.  A
     * select or WSAPoll that the cancel ends waits for the close
     * (ws2kit_closing_settle).  A handle whose requests all completed at
     * once has nothing to cancel: two wineserver round trips saved. */
    ws2kit_closing_begin();
    if (may_pend && !others_hold_socket(s)) CancelIoEx((HANDLE)s, NULL);
    closed = CloseHandle((HANDLE)s);
    ws2kit_closing_end();
    if (!closed) return ws2kit_fail(WSAENOTSOCK);
    return ws2kit_succeed();
}

/* An IPv6 scope id names an interface only for a link-local address:
 * Windows refuses a bind to any other address that carries one
 * (WSAEADDRNOTAVAIL, Wine's test_bind), where Linux ignores it. */
static BOOL scope_without_meaning(const SOCKADDR_STORAGE *addr)
{
    const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)addr;

    return addr->ss_family == AF_INET6 && in6->sin6_scope_id && !IN6_IS_ADDR_LINKLOCAL(&in6->sin6_addr);
}

/* See dlls/ws2kit/unix/ports.c: the Unix side gets Linux to let a stream
 * socket share a port as Windows lets it. */
static int share_port(SOCKET s, enum ws2kit_share_port what, const SOCKADDR_STORAGE *addr)
{
    struct ws2kit_share_port_params params = { ws2kit_unix_handle(s), what };

    if (addr && addr->ss_family == AF_INET)
    {
        const struct sockaddr_in *in4 = (const struct sockaddr_in *)addr;
        params.port = in4->sin_port;
        memcpy(params.addr, &in4->sin_addr, sizeof(in4->sin_addr));
    }
    else if (addr)
    {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)addr;
        params.port = in6->sin6_port;
        memcpy(params.addr, &in6->sin6_addr, sizeof(in6->sin6_addr));
    }
    return ws2kit_unix_call(ws2kit_unix_share_port, &params);
}

/* Linux refused the address that the wineserver, which knows Windows'
 * rules, let through: a port held on another address of the host. */
static BOOL may_bind_beside(SOCKET s, const SOCKADDR_STORAGE *addr)
{
    if (addr->ss_family != AF_INET && addr->ss_family != AF_INET6) return FALSE;
    if (share_port(s, WS2KIT_SHARE_PORT_BESIDE, addr)) return FALSE;
    TRACE("%#Ix: the port is held on another address; binding beside it\n", s);
    return TRUE;
}

int WINAPI bind(SOCKET s, const struct sockaddr *addr, int len)
{
    /* The request is an int followed directly by the address (offset 4). */
    BYTE in[sizeof(struct afd_bind_params) + sizeof(SOCKADDR_STORAGE)] = { 0 };
    SOCKADDR_STORAGE copy, bound;
    NTSTATUS status;
    int err;

    CHECK_STARTED(SOCKET_ERROR);
    if ((err = ws2kit_copy_in_sockaddr(addr, len, &copy))) return ws2kit_socket_fail(s, err);
    if (scope_without_meaning(&copy)) return ws2kit_socket_fail(s, WSAEADDRNOTAVAIL);
    if (len > (int)sizeof(copy)) len = sizeof(copy);
    memcpy(in + sizeof(struct afd_bind_params), &copy, len);
    ws2kit_socket_settled(s);
    TRACE("%#Ix family %u len %d\n", s, copy.ss_family, len);
    status = ws2kit_afd_call(s, IOCTL_AFD_BIND, in, sizeof(struct afd_bind_params) + len, &bound, len, NULL);
    if (status == STATUS_SHARING_VIOLATION && may_bind_beside(s, &copy)
        && (status = ws2kit_afd_call(s, IOCTL_AFD_BIND, in, sizeof(struct afd_bind_params) + len, &bound, len, NULL)))
        share_port(s, WS2KIT_SHARE_PORT_OFF, NULL);
    if (status) return ws2kit_socket_fail_status(s, status);
    share_port(s, WS2KIT_SHARE_PORT_BOUND, NULL);
    ws2kit_events_bound(s);
    return ws2kit_succeed();
}

/* Binds an unbound socket to its family's wildcard address, as connect()
 * does implicitly (ConnectEx-style requests and joined leaves need a local
 * port).  Returns 0 or the WSA error. */
int ws2kit_bind_wildcard_if_unbound(SOCKET s, int family)
{
    SOCKADDR_STORAGE local = { 0 };
    int len = sizeof(local);

    if (!getsockname(s, (struct sockaddr *)&local, &len)) return 0;
    memset(&local, 0, sizeof(local));
    local.ss_family = family;
    len = family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
    return bind(s, (struct sockaddr *)&local, len) ? GetLastError() : 0;
}

int WINAPI listen(SOCKET s, int backlog)
{
    struct afd_listen_params params = { 0, backlog, 0 };

    struct ws2kit_sockstate_params state;
    NTSTATUS status;

    CHECK_STARTED(SOCKET_ERROR);
    TRACE("%#Ix backlog %d\n", s, backlog);
    ws2kit_socket_settled(s);
    status = ws2kit_afd_call(s, IOCTL_AFD_LISTEN, &params, sizeof(params), NULL, 0, NULL);
    if (!status)
    {
        /* A port shared with SO_REUSEADDR: its first listener takes the connections. */
        share_port(s, WS2KIT_SHARE_PORT_LISTENING, NULL);
        return ws2kit_succeed();
    }
    /* Only connection-oriented sockets listen; Wine says WSAEINVAL for the rest. */
    if (ws2kit_sockstate(s, &state) && state.type != SOCK_STREAM) return ws2kit_fail(WSAEOPNOTSUPP);
    return ws2kit_socket_fail_status(s, status);
}

/* Writes an address out to the caller: WSAEFAULT when it does not fit. */
static int copy_out_sockaddr(const SOCKADDR_STORAGE *addr, int addr_len, struct sockaddr *out, int *out_len)
{
    int len;

    if (!out || !out_len || !ws2kit_read_user(&len, out_len, sizeof(len))) return WSAEFAULT;
    if (len < addr_len) return WSAEFAULT;
    if (!ws2kit_write_user(out, addr, addr_len)) return WSAEFAULT;
    if (!ws2kit_write_user(out_len, &addr_len, sizeof(addr_len))) return WSAEFAULT;
    return 0;
}

static int query_name(SOCKET s, ULONG code, struct sockaddr *addr, int *len)
{
    SOCKADDR_STORAGE name;
    ULONG_PTR size = 0;
    NTSTATUS status;
    int err, name_len;

    CHECK_STARTED(SOCKET_ERROR);
    status = ws2kit_afd_call(s, code, NULL, 0, &name, sizeof(name), &size);
    err = ws2kit_status_to_wsa(status);
    name_len = (int)size;
    if (code == IOCTL_AFD_WINE_GETPEERNAME)
    {
        if (!err) ws2kit_peer_remember(s, &name, name_len);
        else if (err == WSAENOTCONN && ws2kit_peer_recall(s, &name, &name_len)) err = 0;
        else if (err == WSAENOTCONN && ws2kit_tcp_state(s) == 2 /* TCPSTATE_SYN_SENT */ &&
                 ws2kit_connect_target_recall(s, &name, &name_len))
            err = 0;
    }
    if (err) return ws2kit_socket_fail(s, err);
    if ((err = copy_out_sockaddr(&name, name_len, addr, len))) return ws2kit_socket_fail(s, err);
    return ws2kit_succeed();
}

int WINAPI getsockname(SOCKET s, struct sockaddr *addr, int *len)
{
    TRACE("%#Ix\n", s);
    return query_name(s, IOCTL_AFD_GETSOCKNAME, addr, len);
}

int WINAPI getpeername(SOCKET s, struct sockaddr *addr, int *len)
{
    TRACE("%#Ix\n", s);
    return query_name(s, IOCTL_AFD_WINE_GETPEERNAME, addr, len);
}

/* Windows checks the caller's address buffer before it takes a connection:
 * the address is only returned when both pointers are given, into room for
 * at least an IPv4 address.  Returns 0 or WSAEFAULT; clears *addr when the
 * length pointer is missing. */
static int check_accept_buffer(struct sockaddr **addr, int *len)
{
    int size;

    if (!len) *addr = NULL;
    if (*addr && (!ws2kit_read_user(&size, len, sizeof(size)) || size < (int)sizeof(struct sockaddr_in)))
        return WSAEFAULT;
    return 0;
}

/* Takes the next connection off a listening socket and learns its peer
 * (getpeername remembers it, as Windows keeps it).  Returns the new socket,
 * or INVALID_SOCKET with the error set. */
static SOCKET take_connection(SOCKET s, SOCKADDR_STORAGE *peer, int *peer_len)
{
    ULONG accepted;
    NTSTATUS status;
    SOCKET new_socket;

    status = ws2kit_afd_call(s, IOCTL_AFD_WINE_ACCEPT, NULL, 0, &accepted, sizeof(accepted), NULL);
    if (status)
    {
        ws2kit_socket_fail_status(s, status);
        return INVALID_SOCKET;
    }
    new_socket = (SOCKET)(ULONG_PTR)accepted;
    TRACE("%#Ix -> %#Ix\n", s, new_socket);
    ws2kit_sockets_add(new_socket, FD_MARK_ACCEPTED);
    ws2kit_fast_accepted(s, new_socket);
    ws2kit_events_accepted(s, new_socket);
    ws2kit_events_reenabled(s, FD_ACCEPT);
    *peer_len = sizeof(*peer);
    if (getpeername(new_socket, (struct sockaddr *)peer, peer_len)) *peer_len = 0;
    return new_socket;
}

/* Hands an accepted socket to the caller with its peer's address; on a bad
 * buffer the connection is closed and INVALID_SOCKET returned. */
static SOCKET give_connection(SOCKET new_socket, const SOCKADDR_STORAGE *peer, int peer_len,
                              struct sockaddr *addr, int *len)
{
    if (addr)
    {
        int err = peer_len ? copy_out_sockaddr(peer, peer_len, addr, len) : WSAEFAULT;
        if (err)
        {
            closesocket(new_socket);
            ws2kit_fail(err);
            return INVALID_SOCKET;
        }
    }
    ws2kit_succeed();
    return new_socket;
}

SOCKET WINAPI accept(SOCKET s, struct sockaddr *addr, int *len)
{
    SOCKADDR_STORAGE peer;
    SOCKET new_socket;
    int peer_len;

    CHECK_STARTED(INVALID_SOCKET);
    if (check_accept_buffer(&addr, len))
    {
        ws2kit_socket_fail(s, WSAEFAULT);
        return INVALID_SOCKET;
    }
    if ((new_socket = take_connection(s, &peer, &peer_len)) == INVALID_SOCKET) return INVALID_SOCKET;
    return give_connection(new_socket, &peer, peer_len, addr, len);
}

/* Turns a connection away.  Windows refuses it: with SO_CONDITIONAL_ACCEPT
 * its stack has not even answered the SYN, so the peer's connect fails with
 * WSAECONNREFUSED; without it the stack had completed the connection and
 * aborts it.  Linux always completes the handshake before any accept, so
 * the condition function runs on an established connection whatever
 * SO_CONDITIONAL_ACCEPT says: the closest ws2kit can do is an abortive
 * close (RST), after which the peer's calls fail with WSAECONNRESET. */
static void refuse_connection(SOCKET new_socket)
{
    struct linger abort_on_close = { 1, 0 };
    NTSTATUS status = ws2kit_afd_call(new_socket, IOCTL_AFD_WINE_SET_SO_LINGER, &abort_on_close,
                                      sizeof(abort_on_close), NULL, 0, NULL);

    TRACE("%#Ix: abortive close, status %#lx\n", new_socket, status);
    closesocket(new_socket);
}

/* Puts a connection back: the listener's next accept returns it again.
 * Our handle goes; the device keeps the socket for the listener. */
static int defer_connection(SOCKET s, SOCKET new_socket)
{
    struct afd_defer_params params = { (unsigned int)new_socket };
    NTSTATUS status = ws2kit_afd_call(s, IOCTL_AFD_WINE_DEFER, &params, sizeof(params), NULL, 0, NULL);

    ws2kit_sockets_remove(new_socket);
    CloseHandle((HANDLE)new_socket);
    return status ? ws2kit_status_to_wsa(status) : WSATRY_AGAIN;
}

/* The condition function sees the caller's and our own address.  TCP/IP
 * carries no connect data and ws2kit has no QoS or socket groups, so the
 * data and QoS pointers are NULL and the group is 0, as Windows' TCP/IP
 * provider passes them. */
static int ask_condition(SOCKET new_socket, SOCKADDR_STORAGE *peer, int peer_len, LPCONDITIONPROC condition,
                         DWORD_PTR data)
{
    SOCKADDR_STORAGE local;
    int local_len = sizeof(local);
    WSABUF caller_id, callee_id;
    GROUP group = 0;

    if (getsockname(new_socket, (struct sockaddr *)&local, &local_len)) local_len = 0;
    caller_id.buf = (char *)peer;
    caller_id.len = peer_len;
    callee_id.buf = (char *)&local;
    callee_id.len = local_len;
    return condition(&caller_id, NULL, NULL, NULL, &callee_id, NULL, &group, data);
}

SOCKET WINAPI WSAAccept(SOCKET s, struct sockaddr *addr, int *len, LPCONDITIONPROC condition, DWORD_PTR data)
{
    SOCKADDR_STORAGE peer;
    SOCKET new_socket;
    int peer_len, verdict, err;
    BYTE probe;

    CHECK_STARTED(INVALID_SOCKET);
    TRACE("%#Ix condition %p data %#Ix\n", s, condition, data);
    if (check_accept_buffer(&addr, len) || (condition && !ws2kit_read_user(&probe, (const void *)condition, 1)))
    {
        ws2kit_socket_fail(s, WSAEFAULT);
        return INVALID_SOCKET;
    }
    if ((new_socket = take_connection(s, &peer, &peer_len)) == INVALID_SOCKET) return INVALID_SOCKET;
    if (!condition) return give_connection(new_socket, &peer, peer_len, addr, len);

    verdict = ask_condition(new_socket, &peer, peer_len, condition, data);
    TRACE("%#Ix: condition says %d\n", new_socket, verdict);
    switch (verdict)
    {
    case CF_ACCEPT:
        return give_connection(new_socket, &peer, peer_len, addr, len);
    case CF_DEFER:
        err = defer_connection(s, new_socket);
        break;
    case CF_REJECT:
        refuse_connection(new_socket);
        err = WSAECONNREFUSED;
        break;
    default:
        /* Not a verdict: Windows fails with WSAEINVAL and the connection
         * does not stay. */
        refuse_connection(new_socket);
        err = WSAEINVAL;
        break;
    }
    ws2kit_fail(err);
    return INVALID_SOCKET;
}

int WINAPI shutdown(SOCKET s, int how)
{
    CHECK_STARTED(SOCKET_ERROR);
    TRACE("%#Ix how %d\n", s, how);
    if (how < SD_RECEIVE || how > SD_BOTH)
    {
        return ws2kit_socket_fail(s, WSAEINVAL);
    }
    if (ws2kit_afd_call_wsa(s, IOCTL_AFD_WINE_SHUTDOWN, &how, sizeof(how), NULL, 0)) return SOCKET_ERROR;
    ws2kit_events_after_shutdown(s, how);
    return ws2kit_succeed();
}

/* Windows' TCP/IP providers carry no disconnect data (no
 * XP1_DISCONNECT_DATA): a buffer gets WSAENOPROTOOPT, which Windows returns
 * for both directions; without one each call is the shutdown() it names. */
static int disconnect(SOCKET s, const WSABUF *data, int how)
{
    CHECK_STARTED(SOCKET_ERROR);
    TRACE("%#Ix data %p how %d\n", s, data, how);
    if (data) return ws2kit_socket_fail(s, WSAENOPROTOOPT);
    return shutdown(s, how);
}

int WINAPI WSASendDisconnect(SOCKET s, WSABUF *data)
{
    return disconnect(s, data, SD_SEND);
}

int WINAPI WSARecvDisconnect(SOCKET s, WSABUF *data)
{
    return disconnect(s, data, SD_RECEIVE);
}
