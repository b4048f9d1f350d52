/* The Microsoft extension functions programs get from
 * WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER) (Wine's mswsock gets AcceptEx
 * and friends this way too), on Wine's socket device. */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

#define IOCTL_AFD_WINE_ACCEPT_INTO WS2KIT_AFD_WINE(202)

struct afd_accept_into_params
{
    ULONG accept_handle;
    unsigned int recv_len, local_len;
};

/* Completes an extension call (these and transmit.c's) the way Windows
 * reports it: TRUE, or FALSE with WSA_IO_PENDING or the error. */
BOOL ws2kit_extension_result(SOCKET s, NTSTATUS status)
{
    if (!status) { ws2kit_succeed(); return TRUE; }
    ws2kit_socket_fail_status(s, status);   /* STATUS_PENDING too: no socket check */
    return FALSE;
}

/* What Windows refuses at once, before it queues an accept (Wine's
 * conformance test_AcceptEx): a listener that is not listening, and an
 * accepting socket that is no fresh stream socket (a datagram one, or one
 * bound or connected).  Returns 0 or the error; *family is the listener's. */
static int check_accept_sockets(SOCKET listener, SOCKET acceptor, int *family)
{
    struct ws2kit_sockstate_params state;

    if (!ws2kit_sockstate(listener, &state)) return WSAENOTSOCK;
    if (!state.listening) return WSAEINVAL;
    *family = state.family;
    if (!ws2kit_sockstate(acceptor, &state)) return WSAENOTSOCK;
    if (state.type != SOCK_STREAM || state.bound || state.connected) return WSAEINVAL;
    return 0;
}

/* Windows wants room for the local address plus 16 bytes; with less (but
 * not none) the accept fails when it completes, STATUS_BUFFER_TOO_SMALL.
 * Wine's device wants only the address, and fails with that status for a
 * length below an int's size: such a length is what it gets then. */
static DWORD local_len_for_device(DWORD local_len, int family)
{
    DWORD needed = (family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in)) + 16;
    return local_len && local_len < needed ? 1 : local_len;
}

static BOOL WINAPI accept_ex(SOCKET listener, SOCKET acceptor, void *buffer, DWORD recv_len, DWORD local_len,
                             DWORD remote_len, DWORD *received, OVERLAPPED *overlapped)
{
    struct afd_accept_into_params params = { (ULONG)acceptor, recv_len, local_len };
    ULONG_PTR bytes = 0, pending = STATUS_PENDING;
    NTSTATUS status;
    int err, family = AF_INET;

    TRACE("listener %#Ix acceptor %#Ix recv %lu local %lu remote %lu overlapped %p\n", listener, acceptor,
          recv_len, local_len, remote_len, overlapped);
    if (!overlapped)
    {
        ws2kit_fail(WSA_INVALID_PARAMETER);
        return FALSE;
    }
    /* Windows marks the OVERLAPPED pending before it looks at the other
     * arguments: a call refused at once leaves STATUS_PENDING in it (Wine's
     * conformance test_AcceptEx, a NULL buffer and a short remote length).
     * An OVERLAPPED that cannot be written whole is refused untouched. */
    if (!ws2kit_probe_write_user(overlapped, sizeof(*overlapped)))
    {
        ws2kit_socket_fail(listener, WSAEFAULT);
        return FALSE;
    }
    ws2kit_write_user(&overlapped->Internal, &pending, sizeof(pending));
    if ((err = check_accept_sockets(listener, acceptor, &family))) { ws2kit_fail(err); return FALSE; }
    /* A NULL buffer that was to hold data is a bad pointer; one for the
     * addresses alone an invalid argument. */
    if (!buffer) { ws2kit_fail(recv_len ? WSAEFAULT : WSAEINVAL); return FALSE; }
    if (!remote_len) { ws2kit_fail(WSAEFAULT); return FALSE; }
    /* The whole buffer is the caller's to hand over: an unwritable one is
     * refused before the connection is taken (Wine's device answers an
     * unwritable buffer with an invalid parameter). */
    if ((ULONGLONG)recv_len + local_len + remote_len > MAXDWORD ||
        !ws2kit_probe_write_user(buffer, recv_len + local_len + remote_len))
    {
        ws2kit_socket_fail(listener, WSAEFAULT);
        return FALSE;
    }
    /* The count is written when a queued connection is taken at once. */
    if (received && !ws2kit_probe_write_user(received, sizeof(*received)))
    {
        ws2kit_socket_fail(listener, WSAEFAULT);
        return FALSE;
    }
    params.local_len = local_len_for_device(local_len, family);
    /* The accepting socket's fd is about to be replaced by the connection's. */
    ws2kit_socket_settled(acceptor);
    ws2kit_fast_off(acceptor);
    status = ws2kit_afd_request_out(listener, IOCTL_AFD_WINE_ACCEPT_INTO, &params, sizeof(params), buffer,
                                    recv_len + params.local_len + remote_len, overlapped, NULL, &bytes);
    if (!status && received)
    {
        DWORD count = bytes;
        ws2kit_write_user(received, &count, sizeof(count));
    }
    return ws2kit_extension_result(listener, status);
}

/* AcceptEx's buffer: the data, then the local and the remote address, each
 * as an int length followed by the sockaddr. */
static void WINAPI get_accept_ex_sockaddrs(void *buffer, DWORD data_len, DWORD local_len, DWORD remote_len,
                                           struct sockaddr **local, int *local_size,
                                           struct sockaddr **remote, int *remote_size)
{
    char *p = (char *)buffer + data_len;

    /* No room asked for an address: Windows leaves its outputs alone. */
    if (local_len)
    {
        *local_size = *(int *)p;
        *local = (struct sockaddr *)(p + sizeof(int));
    }
    p += local_len;
    if (remote_len)
    {
        *remote_size = *(int *)p;
        *remote = (struct sockaddr *)(p + sizeof(int));
    }
}

static BOOL WINAPI connect_ex(SOCKET s, const struct sockaddr *addr, int addr_len, void *data, DWORD data_len,
                              DWORD *sent, OVERLAPPED *overlapped)
{
    struct afd_connect_params *params;
    ULONG_PTR bytes = 0;
    NTSTATUS status;
    int err;

    TRACE("%#Ix addr len %d data %lu overlapped %p\n", s, addr_len, data_len, overlapped);
    if (!overlapped) { ws2kit_fail(WSA_INVALID_PARAMETER); return FALSE; }
    if (!addr || (err = ws2kit_sockaddr_len_ok(addr, addr_len)))
    {
        ws2kit_socket_fail(s, addr ? err : WSAEFAULT);
        return FALSE;
    }
    /* The count is written when the connect is done at once (a datagram
     * socket's): an unwritable one is refused before anything is sent. */
    if (sent && !ws2kit_probe_write_user(sent, sizeof(*sent)))
    {
        ws2kit_socket_fail(s, WSAEFAULT);
        return FALSE;
    }
    if (!(params = malloc(sizeof(*params) + addr_len + data_len)))
    {
        ws2kit_fail(WSAENOBUFS);
        return FALSE;
    }
    params->addr_len = addr_len;
    params->synchronous = FALSE;
    if (!ws2kit_read_user(params + 1, addr, addr_len) ||
        !ws2kit_read_user((char *)(params + 1) + addr_len, data, data_len))
    {
        free(params);
        ws2kit_socket_fail(s, WSAEFAULT);
        return FALSE;
    }
    ws2kit_socket_settled(s);
    ws2kit_icmp_error_connecting(s);
    ws2kit_note_connect_ex(s);
    status = ws2kit_connect_request(s, params, sizeof(*params) + addr_len + data_len, overlapped, &bytes);
    /* While a ConnectEx is under way getpeername fails (WSAENOTCONN), unlike
     * for connect() (Wine's conformance test_connecting_socket): no target is
     * remembered. */
    if (!status)
    {
        SOCKADDR_STORAGE peer = { 0 };
        DWORD count = bytes;
        memcpy(&peer, params + 1, addr_len < (int)sizeof(peer) ? addr_len : (int)sizeof(peer));
        ws2kit_peer_remember(s, &peer, addr_len);
        if (sent) ws2kit_write_user(sent, &count, sizeof(count));
    }
    free(params);
    return ws2kit_extension_result(s, status);
}

static BOOL WINAPI disconnect_ex(SOCKET s, OVERLAPPED *overlapped, DWORD flags, DWORD reserved)
{
    int how = SD_SEND;
    NTSTATUS status;

    TRACE("%#Ix overlapped %p flags %#lx\n", s, overlapped, flags);
    if (flags & TF_REUSE_SOCKET) FIXME("TF_REUSE_SOCKET: the socket cannot be reused\n");
    /* The device writes the status into the OVERLAPPED and its event is read
     * from it: one that runs off its page crashed inside the request. */
    if (overlapped && !ws2kit_probe_write_user(overlapped, sizeof(*overlapped)))
    {
        ws2kit_socket_fail(s, WSAEFAULT);
        return FALSE;
    }
    status = ws2kit_afd_request(s, IOCTL_AFD_WINE_SHUTDOWN, &how, sizeof(how), overlapped, NULL, NULL);
    /* Windows completes an overlapped disconnect later, even when it is done. */
    if (!status && overlapped) status = STATUS_PENDING;
    return ws2kit_extension_result(s, status);
}

static int WINAPI wsa_recv_msg(SOCKET s, WSAMSG *msg, DWORD *received, OVERLAPPED *overlapped,
                               LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    WSAMSG copy;

    CHECK_STARTED(SOCKET_ERROR);
    if (!msg || !ws2kit_read_user(&copy, msg, sizeof(copy))) return ws2kit_socket_fail(s, WSAEFAULT);
    /* The WSAMSG (dwFlags, namelen, Control.len) and the control buffer are
     * written: Windows probes them first.  Wine's device would copy the
     * control data into an unwritable buffer after taking the datagram, and
     * the request then never ends (fuzz seed 11, call 71498). */
    if (!ws2kit_probe_write_user(msg, sizeof(*msg)) ||
        (copy.Control.len && !ws2kit_probe_write_user(copy.Control.buf, copy.Control.len)))
        return ws2kit_socket_fail(s, WSAEFAULT);
    return ws2kit_recv_msg(s, copy.lpBuffers, copy.dwBufferCount, received, &msg->dwFlags, copy.name,
                           copy.name ? &msg->namelen : NULL, &msg->Control, overlapped, routine);
}

int WINAPI WSASendMsg(SOCKET s, WSAMSG *msg, DWORD flags, DWORD *sent, OVERLAPPED *overlapped,
                      LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    struct ws2kit_sockstate_params state;
    struct ws2kit_fast_note note;
    WSAMSG copy;

    CHECK_STARTED(SOCKET_ERROR);
    if (!msg || !ws2kit_read_user(&copy, msg, sizeof(copy))) return ws2kit_socket_fail(s, WSAEFAULT);
    /* Windows sends messages on datagram and raw sockets only; a socket the
     * fast path knows as UDP needs no asking (Wine's test_WSASendMsg). */
    if (!ws2kit_fast_note_read(s, &note) || note.state != FAST_READY || note.stream)
    {
        if (!ws2kit_sockstate(s, &state)) return ws2kit_socket_fail(s, WSAENOTSOCK);
        if (state.type == SOCK_STREAM) return ws2kit_socket_fail(s, WSAEINVAL);
    }
    /* Without a byte count a synchronous call fails, but Windows has bound
     * the socket by then, as a send would. */
    if (!sent && !overlapped)
    {
        if (ws2kit_sockstate(s, &state) && !state.bound) ws2kit_bind_wildcard_if_unbound(s, state.family);
        return ws2kit_socket_fail(s, WSAEFAULT);
    }
    return WSASendTo(s, copy.lpBuffers, copy.dwBufferCount, sent, flags, copy.name, copy.namelen, overlapped,
                     routine);
}

struct extension_row
{
    GUID guid;
    const char *name;
    void *function;
};

static const struct extension_row extensions[] =
{
    { WSAID_ACCEPTEX,             "AcceptEx",             accept_ex },
    { WSAID_CONNECTEX,            "ConnectEx",            connect_ex },
    { WSAID_DISCONNECTEX,         "DisconnectEx",         disconnect_ex },
    { WSAID_GETACCEPTEXSOCKADDRS, "GetAcceptExSockaddrs", get_accept_ex_sockaddrs },
    { WSAID_TRANSMITFILE,         "TransmitFile",         ws2kit_transmit_file },
    { WSAID_TRANSMITPACKETS,      "TransmitPackets",      ws2kit_transmit_packets },
    { WSAID_WSARECVMSG,           "WSARecvMsg",           wsa_recv_msg },
    { WSAID_WSASENDMSG,           "WSASendMsg",           WSASendMsg },
};

void *ws2kit_extension_function(const GUID *guid)
{
    size_t i;

    for (i = 0; i < sizeof(extensions) / sizeof(extensions[0]); i++)
        if (IsEqualGUID(guid, &extensions[i].guid))
        {
            TRACE("%s\n", extensions[i].name);
            return extensions[i].function;
        }
    FIXME("no extension function for {%08lx-%04x-%04x-...}\n", guid->Data1, guid->Data2, guid->Data3);
    return NULL;
}
