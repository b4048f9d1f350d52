/* Moving data: send, recv, sendto, recvfrom, and select(). */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);


/* Checks that a caller's int in/out parameter can be read and written. */
static BOOL user_int_ok(int *p)
{
    int value;
    return ws2kit_read_user(&value, p, sizeof(value)) && ws2kit_write_user(p, &value, sizeof(value));
}

/* Checks a receive's address buffer and its length before the device gets
 * them: Wine's device writes the address after it has taken the datagram, so
 * a bad buffer would lose the data (Windows probes both first). */
static BOOL user_from_ok(struct sockaddr *from, int *from_len)
{
    int len;

    if (!from) return TRUE;
    if (!from_len || !user_int_ok(from_len) || !ws2kit_read_user(&len, from_len, sizeof(len))) return FALSE;
    /* A negative length is too small for any address (WSAEFAULT); Wine's
     * device would take it as a huge unsigned one and write the address. */
    if (len < 0) return FALSE;
    /* Too short for any address: a datagram receive fails (WSAEFAULT) where
     * Wine's device would set *fromlen to -1 and succeed. */
    if (len && len < (int)sizeof(struct sockaddr_in)) return FALSE;
    return !len || ws2kit_probe_write_user(from, len);
}

/* After a receive done at once: Wine's device sets *fromlen to -1 when the
 * address did not fit (an IPv6 one in 16 to 27 bytes); Windows fails the
 * call with WSAEFAULT. */
static BOOL from_len_overflowed(const int *from_len)
{
    int len;
    return from_len && ws2kit_read_user(&len, from_len, sizeof(len)) && len == -1;
}

/* The receive's address buffer, checked as user_from_ok does; a bad one on
 * a stream socket is dropped instead of refused: Windows ignores the address
 * of a stream receive (Microsoft's recvfrom page; Wine's sock.c
 * test_write_watch passes an uninitialised length there and succeeds on
 * Windows).  The socket's type is asked only then, off the hot path; a good
 * buffer goes to the device, which writes no address for a stream socket. */
static BOOL from_usable(SOCKET s, struct sockaddr **from, int **from_len)
{
    struct ws2kit_sockstate_params state;

    if (user_from_ok(*from, *from_len)) return TRUE;
    if (!ws2kit_sockstate(s, &state) || state.type != SOCK_STREAM) return FALSE;
    *from = NULL;
    *from_len = NULL;
    return TRUE;
}

/* A send's destination, copied so that the device reads our memory: Wine's
 * device reads only the address bytes it uses, where Windows takes all
 * to_len bytes and fails a buffer that ends early with WSAEFAULT. */
static int copy_in_destination(const struct sockaddr **to, int *to_len, SOCKADDR_STORAGE *copy)
{
    int err;

    if (!*to) return 0;
    if ((err = ws2kit_copy_in_sockaddr(*to, *to_len, copy))) return err;
    *to = (const struct sockaddr *)copy;
    if (*to_len > (int)sizeof(*copy)) *to_len = sizeof(*copy);
    return 0;
}

/* Drops the first `n` bytes from a WSABUF array the caller owns. */
static void skip_sent(WSABUF **buffers, DWORD *count, ULONG_PTR n)
{
    while (n && *count)
    {
        ULONG step = n < (*buffers)->len ? n : (*buffers)->len;

        (*buffers)->buf += step;
        (*buffers)->len -= step;
        n -= step;
        if (!(*buffers)->len) { (*buffers)++; (*count)--; }
    }
}

static NTSTATUS device_send(SOCKET s, WSABUF *buffers, DWORD count, DWORD flags, const struct sockaddr *to,
                            int to_len, OVERLAPPED *overlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine,
                            ULONG_PTR *bytes)
{
    struct afd_sendmsg_params params;

    params.addr_ptr = (ULONG_PTR)to;
    params.addr_len = to ? to_len : 0;
    params.ws_flags = flags;
    params.force_async = overlapped != NULL;
    params.count = count;
    params.buffers_ptr = (ULONG_PTR)buffers;
    return ws2kit_afd_request(s, IOCTL_AFD_WINE_SENDMSG, &params, sizeof(params), overlapped, routine, bytes);
}

/* recv(MSG_OOB), not overlapped, of an urgent byte ws2kit.so keeps
 * (urgent.c); FD_OOB is then posted again while more wait. */
static int receive_urgent(SOCKET s, const WSABUF *buffers, DWORD count, DWORD flags, ULONG_PTR *received)
{
    int err;

    if (!(flags & MSG_OOB)) return WS2KIT_FAST_NOT_TAKEN;
    ws2kit_events_urgent_use(s);
    if ((err = ws2kit_urgent_recv(s, buffers, count, flags, received)) || (flags & MSG_PEEK)) return err;
    ws2kit_events_urgent_read(s);
    return 0;
}

/* buffers is the caller's own copy: a send that the fast path began and the
 * device finishes moves its start. */
static int send_buffers(SOCKET s, WSABUF *buffers, DWORD count, DWORD flags, const struct sockaddr *to,
                        int to_len, DWORD *sent, OVERLAPPED *overlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    ULONG_PTR bytes = 0, fast = 0, total = ws2kit_wsabuf_total(buffers, count);
    WSABUF *rest = buffers;
    DWORD rest_count = count;
    NTSTATUS status;
    int err = WS2KIT_FAST_NOT_TAKEN;

    if (!overlapped) err = ws2kit_fast_send(s, buffers, count, flags, to, to_len, &fast);
    if (err == WS2KIT_FAST_NOT_TAKEN)
    {
        skip_sent(&rest, &rest_count, fast);   /* changes buffers[] when fast != 0 */
        if ((status = device_send(s, rest, rest_count, flags, to, to_len, overlapped, routine, &bytes)))
            return ws2kit_status_to_wsa(status);
        /* A send with an address binds an unbound datagram socket. */
        if (to) ws2kit_events_bound(s);
    }
    else if (err) return err;
    bytes += fast;
    /* Only a non-blocking stream send comes back short with success. */
    if (!overlapped && bytes && bytes < total && (err != WS2KIT_FAST_NOT_TAKEN || !fast) &&
        ws2kit_send_rest_later(s, buffers, count, bytes, total))
        bytes = total;
    if (sent) *sent = bytes;
    return 0;
}

static int recv_buffers(SOCKET s, WSABUF *buffers, DWORD count, DWORD *flags, struct sockaddr *from,
                        int *from_len, WSABUF *control, DWORD *received, OVERLAPPED *overlapped,
                        LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    struct afd_recvmsg_params params = { 0 };
    ULONG_PTR bytes = 0;
    NTSTATUS status;
    DWORD wsflags = 0;
    int err;

    if (flags) ws2kit_read_user(&wsflags, flags, sizeof(wsflags));
    if (!overlapped && !control &&
        ((err = receive_urgent(s, buffers, count, wsflags, &bytes)) != WS2KIT_FAST_NOT_TAKEN ||
         (err = ws2kit_fast_recv(s, buffers, count, flags, from, from_len, &bytes)) != WS2KIT_FAST_NOT_TAKEN))
    {
        if ((!err || err == WSAEMSGSIZE) && received) *received = bytes;
        return err;
    }
    if (!overlapped && !(wsflags & MSG_OOB)) ws2kit_urgent_limit_read(s, buffers, count);
    params.control_ptr = (ULONG_PTR)control;
    params.addr_ptr = (ULONG_PTR)from;
    params.addr_len_ptr = (ULONG_PTR)from_len;
    params.ws_flags_ptr = (ULONG_PTR)flags;
    params.force_async = overlapped != NULL;
    params.count = count;
    params.buffers_ptr = (ULONG_PTR)buffers;
    ws2kit_events_reenabled(s, (wsflags & MSG_OOB) ? FD_OOB : FD_READ);
    status = ws2kit_afd_request(s, IOCTL_AFD_WINE_RECVMSG, &params, sizeof(params), overlapped, routine, &bytes);
    /* A truncated datagram or control buffer is a warning, not a failure:
     * Windows reports the count with WSAEMSGSIZE, and an overlapped receive
     * as pending, its event, routine or packet bringing WSAEMSGSIZE (Wine's
     * conformance test_ip_pktinfo). */
    if (status == STATUS_BUFFER_OVERFLOW && overlapped) return WSA_IO_PENDING;
    if (status && status != STATUS_BUFFER_OVERFLOW) return ws2kit_status_to_wsa(status);
    if (received) *received = bytes;
    return status ? WSAEMSGSIZE : 0;
}

/* Windows says WSAENOTCONN for a send without an address on a socket that
 * never had a peer; Wine's device says WSAECONNRESET (TCP) or WSAEINVAL (UDP). */
static int never_connected_error(SOCKET s, int err)
{
    SOCKADDR_STORAGE peer;
    int len = sizeof(peer);

    if (err != WSAECONNRESET && err != WSAEINVAL) return err;
    if (ws2kit_peer_recall(s, &peer, &len)) return err;
    if (!getpeername(s, (struct sockaddr *)&peer, &len)) return err;
    return GetLastError() == WSAENOTCONN ? WSAENOTCONN : err;
}

/* What a call that would block says on a socket not ready for it at all:
 * WSAENOTCONN on a stream socket without a connection, also while one is
 * being made (Wine's test_connecting_socket), and for a receive WSAEINVAL on
 * a datagram socket that is not bound (Windows wants it bound, explicitly or
 * by a send; Linux just has nothing to read yet).  A socket the fast path
 * serves moved data already, so it is neither; the others ask ws2kit.so,
 * which costs no wineserver round trip. */
static int would_block_error(SOCKET s, BOOL receiving)
{
    struct ws2kit_sockstate_params state;
    struct ws2kit_fast_note note;

    if (ws2kit_fast_note_read(s, &note) && note.state == FAST_READY) return WSAEWOULDBLOCK;
    if (!ws2kit_sockstate(s, &state)) return WSAEWOULDBLOCK;
    if (state.type == SOCK_STREAM && !state.connected && !state.listening) return WSAENOTCONN;
    if (receiving && state.type != SOCK_STREAM && !state.bound) return WSAEINVAL;
    return WSAEWOULDBLOCK;
}

/* When keep-alive gives up on a peer, Linux fails the operation in progress
 * with ETIMEDOUT and reports end of file afterwards.  Windows fails the
 * operation in progress with WSAENETRESET and every later one with
 * WSAECONNRESET.  A timeout on a socket that is still connected is
 * SO_RCVTIMEO/SO_SNDTIMEO's, which Windows reports as WSAETIMEDOUT too. */
static int keepalive_error(SOCKET s, int err)
{
    struct ws2kit_sockstate_params state;

    if (err != WSAETIMEDOUT) return err;
    if (!ws2kit_sockstate(s, &state) || state.type != SOCK_STREAM || state.connected || !state.keepalive)
        return err;
    TRACE("%#Ix: keep-alive found the peer gone\n", s);
    ws2kit_note_keepalive_reset(s);
    return WSAENETRESET;
}

/* An overlapped receive on a connection the peer reset fails at once on
 * Windows, WSAECONNRESET with nothing queued to the completion port (Wine's
 * conformance test_tcp_reset, test_completion_port); the device would
 * complete it with 0 bytes, as at end of file.  Linux's TCP state is asked
 * first (no wineserver round trip): only a closed connection costs the
 * device's reset poll. */
static BOOL reset_before_overlapped_receive(SOCKET s)
{
    return ws2kit_tcp_state(s) == 0 /* TCPSTATE_CLOSED */ && ws2kit_connection_was_reset(s);
}

/* A receive that ended with no data: end of file, or (on Windows' terms) a
 * reset, by keep-alive or by the peer. */
static BOOL empty_receive_is_reset(SOCKET s)
{
    return ws2kit_keepalive_reset(s) || ws2kit_connection_was_reset(s);
}

int WINAPI sendto(SOCKET s, const char *buf, int len, int flags, const struct sockaddr *to, int to_len)
{
    SOCKADDR_STORAGE to_copy;
    WSABUF wsabuf;
    DWORD sent = 0;
    int err;

    CHECK_STARTED(SOCKET_ERROR);
    if (len < 0) return ws2kit_socket_fail(s, WSAEFAULT);
    if ((err = copy_in_destination(&to, &to_len, &to_copy))) return ws2kit_socket_fail(s, err);
    wsabuf.len = len;
    wsabuf.buf = (char *)buf;
    if (ws2kit_keepalive_reset(s)) return ws2kit_fail(WSAECONNRESET);
    if ((err = send_buffers(s, &wsabuf, 1, flags, to, to_len, &sent, NULL, NULL)))
    {
        err = keepalive_error(s, err);
        if (!to) err = never_connected_error(s, err);
        if (err == WSAEWOULDBLOCK) err = would_block_error(s, FALSE);
        return ws2kit_socket_fail(s, err);
    }
    ws2kit_succeed();
    return sent;
}

int WINAPI send(SOCKET s, const char *buf, int len, int flags)
{
    return sendto(s, buf, len, flags, NULL, 0);
}

int WINAPI recvfrom(SOCKET s, char *buf, int len, int flags, struct sockaddr *from, int *from_len)
{
    WSABUF wsabuf;
    DWORD received = 0, wsflags = flags;
    int err;

    CHECK_STARTED(SOCKET_ERROR);
    if (len < 0 || !from_usable(s, &from, &from_len))
    {
        ws2kit_events_receive_refused(s);
        return ws2kit_socket_fail(s, WSAEFAULT);
    }
    wsabuf.len = len;
    wsabuf.buf = buf;
    if ((err = recv_buffers(s, &wsabuf, 1, &wsflags, from, from ? from_len : NULL, NULL, &received, NULL, NULL)))
    {
        if (err == WSAEWOULDBLOCK) err = would_block_error(s, TRUE);
        return ws2kit_socket_fail(s, keepalive_error(s, err));
    }
    if (from && from_len_overflowed(from_len)) return ws2kit_fail(WSAEFAULT);
    if (!received && len && empty_receive_is_reset(s)) return ws2kit_fail(WSAECONNRESET);
    ws2kit_succeed();
    return received;
}

int WINAPI recv(SOCKET s, char *buf, int len, int flags)
{
    return recvfrom(s, buf, len, flags, NULL, NULL);
}

/* WSASend, WSARecv, WSASendTo and WSARecvFrom ------------------------------ */

#define SMALL_WSABUF_COUNT 16

/* The caller's WSABUF array, copied (the device reads it at once; the
 * buffers themselves must stay valid until the request completes). */
static int copy_wsabufs(const WSABUF *user, DWORD count, WSABUF *small, WSABUF **out)
{
    /* An array that cannot all be read is the caller's WSAEFAULT, not a
     * failed allocation (and its size must not wrap on 32-bit). */
    SIZE_T size = (SIZE_T)count * sizeof(WSABUF);

    if (count > SMALL_WSABUF_COUNT && (size / sizeof(WSABUF) != count || !ws2kit_probe_read_user(user, size)))
        return WSAEFAULT;
    *out = count <= SMALL_WSABUF_COUNT ? small : malloc(count * sizeof(WSABUF));
    if (!*out) return WSAENOBUFS;
    if (!ws2kit_read_user(*out, user, count * sizeof(WSABUF)))
    {
        if (*out != small) free(*out);
        return WSAEFAULT;
    }
    return 0;
}

int WINAPI WSASendTo(SOCKET s, WSABUF *buffers, DWORD count, DWORD *sent, DWORD flags, const struct sockaddr *to,
                     int to_len, OVERLAPPED *overlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    WSABUF small[SMALL_WSABUF_COUNT], *copy;
    SOCKADDR_STORAGE to_copy;
    void *block;
    int err;

    CHECK_STARTED(SOCKET_ERROR);
    TRACE("%#Ix count %lu flags %#lx overlapped %p routine %p\n", s, count, flags, overlapped, routine);
    if (!overlapped && !sent) return ws2kit_socket_fail(s, WSAEFAULT);
    if (sent && !ws2kit_probe_write_user(sent, sizeof(*sent))) return ws2kit_socket_fail(s, WSAEFAULT);
    if ((err = copy_in_destination(&to, &to_len, &to_copy))) return ws2kit_socket_fail(s, err);
    if (ws2kit_keepalive_reset(s)) return ws2kit_fail(WSAECONNRESET);
    if ((err = copy_wsabufs(buffers, count, small, &copy))) return ws2kit_socket_fail(s, err);
    if ((err = ws2kit_coalesce_buffers(copy, &count, &block)))
    {
        if (copy != small) free(copy);
        return ws2kit_socket_fail(s, err);
    }
    err = send_buffers(s, copy, count, flags, to, to_len, sent, overlapped, routine);
    ws2kit_coalesced_sent(block, overlapped, err);
    if (copy != small) free(copy);
    if (err && err != WSA_IO_PENDING)
    {
        err = keepalive_error(s, err);
        if (!to) err = never_connected_error(s, err);
        if (err == WSAEWOULDBLOCK) err = would_block_error(s, FALSE);
    }
    return err ? ws2kit_socket_fail(s, err) : ws2kit_succeed();   /* WSA_IO_PENDING: no socket check */
}

int WINAPI WSASend(SOCKET s, WSABUF *buffers, DWORD count, DWORD *sent, DWORD flags, OVERLAPPED *overlapped,
                   LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    return WSASendTo(s, buffers, count, sent, flags, NULL, 0, overlapped, routine);
}

/* WSARecvFrom and WSARecvMsg (which adds the control buffer). */
int ws2kit_recv_msg(SOCKET s, WSABUF *buffers, DWORD count, DWORD *received, DWORD *flags, struct sockaddr *from,
                    int *from_len, WSABUF *control, OVERLAPPED *overlapped,
                    LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    WSABUF small[SMALL_WSABUF_COUNT], *copy;
    DWORD in_flags = 0;
    int err;

    CHECK_STARTED(SOCKET_ERROR);
    TRACE("%#Ix count %lu overlapped %p routine %p\n", s, count, overlapped, routine);
    if (!flags || (!overlapped && !received)) return ws2kit_socket_fail(s, WSAEFAULT);
    if (received && !ws2kit_probe_write_user(received, sizeof(*received))) return ws2kit_socket_fail(s, WSAEFAULT);
    if (!from_usable(s, &from, &from_len)) return ws2kit_socket_fail(s, WSAEFAULT);
    if (!user_int_ok((int *)flags)) return ws2kit_socket_fail(s, WSAEFAULT);
    ws2kit_read_user(&in_flags, flags, sizeof(in_flags));
    if (overlapped && reset_before_overlapped_receive(s)) return ws2kit_socket_fail(s, WSAECONNRESET);
    if ((err = copy_wsabufs(buffers, count, small, &copy))) return ws2kit_socket_fail(s, err);
    err = recv_buffers(s, copy, count, flags, from, from ? from_len : NULL, control, received, overlapped, routine);
    if (copy != small) free(copy);
    if (err == WSAEWOULDBLOCK) err = would_block_error(s, TRUE);
    if (err && err != WSA_IO_PENDING) err = keepalive_error(s, err);
    if (!err && !overlapped && from && from_len_overflowed(from_len)) err = WSAEFAULT;
    if (!err && !overlapped && !*received && count && empty_receive_is_reset(s)) err = WSAECONNRESET;
    return err ? ws2kit_socket_fail(s, err) : ws2kit_succeed();   /* WSA_IO_PENDING: no socket check */
}

int WINAPI WSARecvFrom(SOCKET s, WSABUF *buffers, DWORD count, DWORD *received, DWORD *flags,
                       struct sockaddr *from, int *from_len, OVERLAPPED *overlapped,
                       LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    /* No buffer at all is refused at once, overlapped or not (Wine's
     * test_empty_recv); one empty buffer is a valid zero-byte receive. */
    if (!count && ws2kit_is_started()) return ws2kit_socket_fail(s, WSAEINVAL);
    return ws2kit_recv_msg(s, buffers, count, received, flags, from, from_len, NULL, overlapped, routine);
}

int WINAPI WSARecv(SOCKET s, WSABUF *buffers, DWORD count, DWORD *received, DWORD *flags,
                   OVERLAPPED *overlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    return WSARecvFrom(s, buffers, count, received, flags, NULL, NULL, overlapped, routine);
}

/* select() ------------------------------------------------------------ */

/* IOCTL_AFD_POLL for params, issued through its first socket; on success
 * params holds the device's answer: one entry per entry asked that had
 * something to report.  The device reports a socket closed during the wait
 * as AFD_POLL_CLOSE, unless the poll went through that very socket:
 * closesocket() cancels the poll then.  Such a socket gets AFD_POLL_CLOSE
 * here, as from the device, and the others what they show at once. */
static NTSTATUS poll_device(struct afd_poll_params *params)
{
    ULONG size = offsetof(struct afd_poll_params, sockets[params->count]), i, closed = 0;
    struct afd_poll_params *rest;
    NTSTATUS status;

    if (!(rest = malloc(size))) return STATUS_NO_MEMORY;
    memcpy(rest, params, size);
    status = ws2kit_afd_call(params->sockets[0].socket, IOCTL_AFD_POLL, params, size, params, size, NULL);
    if (status != STATUS_CANCELLED) { free(rest); return status; }

    ws2kit_closing_settle();
    params->count = rest->count;
    rest->count = 0;
    rest->timeout = 0;
    for (i = 0; i < params->count; i++)
    {
        struct afd_poll_socket entry = rest->sockets[i];
        if (ws2kit_is_socket(entry.socket)) rest->sockets[rest->count++] = entry;
        else
        {
            params->sockets[closed].socket = entry.socket;
            params->sockets[closed].flags = AFD_POLL_CLOSE;
            params->sockets[closed].status = 0;
            closed++;
        }
    }
    TRACE("poll cancelled, %lu entries closed, %u open\n", closed, rest->count);
    if (!closed) { free(rest); return status; }

    params->count = closed;
    status = 0;
    if (rest->count)
    {
        size = offsetof(struct afd_poll_params, sockets[rest->count]);
        status = ws2kit_afd_call(rest->sockets[0].socket, IOCTL_AFD_POLL, rest, size, rest, size, NULL);
        if (status == STATUS_TIMEOUT) status = 0;
        for (i = 0; !status && i < rest->count; i++) params->sockets[params->count++] = rest->sockets[i];
    }
    free(rest);
    return status;
}

/* What each fd_set asks the device for, as Windows reports readiness.
 * The write set takes AFD_POLL_WRITE alone: the device reports
 * AFD_POLL_CONNECT for as long as a socket is connected, so with it a socket
 * whose send buffer is full would stay "writable" and the send a program
 * makes on Windows' promise would block.  A connect that completes raises
 * AFD_POLL_WRITE as well. */
static const int select_read_bits = AFD_POLL_READ | AFD_POLL_ACCEPT | AFD_POLL_HUP | AFD_POLL_RESET;
static const int select_write_bits = AFD_POLL_WRITE;
static const int select_except_bits = AFD_POLL_OOB | AFD_POLL_CONNECT_ERR;

/* A caller's fd_set, or a result.  fd_count is not bounded by FD_SETSIZE:
 * Windows takes a larger fd_set that the caller allocated. */
struct socket_list
{
    u_int count;
    SOCKET *array;
};

/* More sockets than a process can have handles for: WSAENOBUFS, and no
 * overflow in the sizes computed from the three counts. */
#define SELECT_MAX_SOCKETS 0x1000000u

/* Copies a caller's fd_set in; FALSE when it cannot be read (or no memory:
 * *no_memory says which). */
static BOOL read_fd_set(const fd_set *user, struct socket_list *copy, BOOL *no_memory)
{
    copy->count = 0;
    copy->array = NULL;
    if (!user) return TRUE;
    if (!ws2kit_read_user(&copy->count, &user->fd_count, sizeof(copy->count))) return FALSE;
    if (!copy->count) return TRUE;
    if (!ws2kit_probe_read_user(user->fd_array, min(copy->count, SELECT_MAX_SOCKETS) * sizeof(SOCKET)))
        return FALSE;
    if (copy->count > SELECT_MAX_SOCKETS || !(copy->array = malloc(copy->count * sizeof(SOCKET))))
    {
        *no_memory = TRUE;
        return FALSE;
    }
    return ws2kit_read_user(copy->array, user->fd_array, copy->count * sizeof(SOCKET));
}

static void add_poll_entries(struct afd_poll_params *params, const struct socket_list *set, int bits)
{
    u_int i;
    for (i = 0; i < set->count; i++)
    {
        params->sockets[params->count].socket = set->array[i];
        params->sockets[params->count].flags = bits;
        params->sockets[params->count].status = 0;
        params->count++;
    }
}

static BOOL in_set(const struct socket_list *set, SOCKET s)
{
    u_int i;
    for (i = 0; i < set->count; i++)
        if (set->array[i] == s) return TRUE;
    return FALSE;
}

/* Adds s to a result (which has room for every entry polled); returns 1
 * when it was not there yet. */
static int add_to_result(struct socket_list *set, SOCKET s)
{
    if (in_set(set, s)) return 0;
    set->array[set->count++] = s;
    return 1;
}

/* Urgent bytes that ws2kit.so keeps (urgent.c) are out of Linux's sight,
 * so of the device's: select's except set and WSAPoll's POLLRDBAND learn of
 * them from ws2kit.so, and a wait ends at once while one waits.  Asking for
 * urgent data is what makes ws2kit keep it. */
static BOOL urgent_waits_in(const struct socket_list *set)
{
    BOOL waits = FALSE;
    u_int i;

    for (i = 0; i < set->count; i++)
    {
        ws2kit_events_urgent_use(set->array[i]);
        waits |= ws2kit_urgent_waiting(set->array[i]);
    }
    return waits;
}

static LONGLONG select_timeout(const struct timeval *timeout, int *err)
{
    struct timeval tv;

    *err = 0;
    if (!timeout) return AFD_POLL_NO_TIMEOUT;
    if (!ws2kit_read_user(&tv, timeout, sizeof(tv))) { *err = WSAEFAULT; return 0; }
    if (tv.tv_sec < 0 || tv.tv_usec < 0) { *err = WSAEINVAL; return 0; }
    return -((LONGLONG)tv.tv_sec * 10000000 + (LONGLONG)tv.tv_usec * 10);
}

/* Writes the results to the caller's sets; 0 or a WSA error. */
static int write_results(fd_set *const user_sets[3], const unsigned int target[3], const struct socket_list results[3])
{
    unsigned int k;

    for (k = 0; k < 3; k++)
    {
        if (!user_sets[k] || target[k] != k) continue;
        if (!ws2kit_write_user(&user_sets[k]->fd_count, &results[k].count, sizeof(results[k].count)) ||
            !ws2kit_write_user(user_sets[k]->fd_array, results[k].array, results[k].count * sizeof(SOCKET)))
            return WSAEFAULT;
    }
    return 0;
}

static int run_select(fd_set *const user_sets[3], const struct socket_list sets[3], unsigned int total,
                      const struct timeval *timeout)
{
    static const int *const bits[3] = { &select_read_bits, &select_write_bits, &select_except_bits };
    struct socket_list results[3] = { { 0 } };
    struct afd_poll_params *params;
    unsigned int i, k, target[3];
    SOCKET *space;
    NTSTATUS status;
    int err, ready = 0;
    BOOL closed = FALSE;

    params = calloc(1, offsetof(struct afd_poll_params, sockets[total]));
    space = malloc(3 * total * sizeof(SOCKET));
    if (!params || !space) { free(params); free(space); return ws2kit_fail(WSAENOBUFS); }
    params->timeout = select_timeout(timeout, &err);
    if (err) { free(params); free(space); return ws2kit_fail(err); }
    for (k = 0; k < 3; k++) add_poll_entries(params, &sets[k], *bits[k]);
    if (urgent_waits_in(&sets[2])) params->timeout = 0;

    status = poll_device(params);
    if (status == STATUS_TIMEOUT) status = 0;
    if (status)
    {
        SOCKET first = params->sockets[0].socket;
        free(params);
        free(space);
        return ws2kit_socket_fail_status(first, status);
    }

    /* The caller may pass one fd_set as two of the three: results for the
     * same memory go to one set, where each socket is counted once.  Each
     * result has room for all the entries polled. */
    for (k = 0; k < 3; k++)
    {
        for (target[k] = 0; target[k] < k; target[k]++)
            if (user_sets[k] && user_sets[target[k]] == user_sets[k]) break;
        results[k].array = space + k * total;
    }
    for (i = 0; i < params->count; i++)
    {
        int seen = params->sockets[i].flags;
        SOCKET s = params->sockets[i].socket;

        /* A socket closed while select waited (on another thread): Windows
         * reports it readable when it is in the read set, and fails the
         * call with WSAENOTSOCK when it is not. */
        if (seen & AFD_POLL_CLOSE)
        {
            if (in_set(&sets[0], s)) ready += add_to_result(&results[target[0]], s);
            else closed = TRUE;
        }
        for (k = 0; k < 3; k++)
            if ((seen & *bits[k]) && in_set(&sets[k], s)) ready += add_to_result(&results[target[k]], s);
    }
    for (i = 0; i < sets[2].count; i++)
        if (ws2kit_urgent_waiting(sets[2].array[i])) ready += add_to_result(&results[target[2]], sets[2].array[i]);
    free(params);
    if (closed)
    {
        /* Windows empties the sets. */
        for (k = 0; k < 3; k++) results[k].count = 0;
        ready = 0;
    }
    err = write_results(user_sets, target, results);
    free(space);
    if (err) return ws2kit_fail(err);
    if (closed) return ws2kit_fail(WSAENOTSOCK);
    ws2kit_succeed();
    return ready;
}

int WINAPI select(int nfds, fd_set *read_set, fd_set *write_set, fd_set *except_set,
                  ws2kit_timeout_arg timeout)
{
    fd_set *const user_sets[3] = { read_set, write_set, except_set };
    struct socket_list sets[3] = { { 0 } };
    unsigned int total = 0, k;
    BOOL no_memory = FALSE;
    int ret;

    (void)nfds;
    CHECK_STARTED(SOCKET_ERROR);
    for (k = 0; k < 3; k++)
    {
        if (!read_fd_set(user_sets[k], &sets[k], &no_memory))
        {
            while (k--) free(sets[k].array);
            return ws2kit_fail(no_memory ? WSAENOBUFS : WSAEFAULT);
        }
        total += sets[k].count;
    }
    ret = total ? run_select(user_sets, sets, total, timeout) : ws2kit_fail(WSAEINVAL);
    for (k = 0; k < 3; k++) free(sets[k].array);
    return ret;
}

/* WSAPoll -------------------------------------------------------------- */

/* One row per revents bit: the device bits that raise it.  The same rows
 * turn the events asked for into the device bits to wait on. */
static const struct ws2kit_bit_pair poll_map[] = {
    { POLLRDNORM, AFD_POLL_READ | AFD_POLL_ACCEPT },
    { POLLRDBAND, AFD_POLL_OOB },
    { POLLWRNORM, AFD_POLL_WRITE },
    { POLLHUP,    AFD_POLL_HUP | AFD_POLL_RESET },
    { POLLERR,    AFD_POLL_RESET | AFD_POLL_CONNECT_ERR },
    { POLLNVAL,   AFD_POLL_CLOSE },
};

/* Reported whether asked for or not. */
static const SHORT poll_always = POLLHUP | POLLERR | POLLNVAL;

/* Windows reports POLLHUP as soon as the peer's FIN has come, unread data or
 * not; Wine's device reports it only once the data is read (it learns of
 * the FIN from an empty read), and Linux's TCP state tells at once
 * (ws2kit_peer_sent_fin).  So a socket that the device reports with data
 * gets its POLLHUP after the wait, and one not asked for data, which the
 * device would not wake for, before it. */
static BOOL hangup_before_wait(const WSAPOLLFD *fd)
{
    return !(fd->events & POLLRDNORM) && ws2kit_peer_sent_fin(fd->fd);
}

static BOOL hangup_after_wait(const WSAPOLLFD *fd, ULONG device_flags)
{
    return (device_flags & AFD_POLL_READ) && !(device_flags & AFD_POLL_HUP) && !(fd->revents & POLLHUP) &&
           ws2kit_peer_sent_fin(fd->fd);
}

/* POLLRDBAND from ws2kit.so (see urgent_waits_in); before the wait, TRUE
 * when it ends at once. */
static BOOL urgent_revents(WSAPOLLFD *fds, ULONG count, BOOL before)
{
    BOOL waits = FALSE;
    ULONG i;

    for (i = 0; i < count; i++)
    {
        if (!(fds[i].events & POLLRDBAND) || (fds[i].revents & POLLNVAL)) continue;
        if (before) ws2kit_events_urgent_use(fds[i].fd);
        if (!ws2kit_urgent_waiting(fds[i].fd)) continue;
        waits = TRUE;
        if (!before) fds[i].revents |= POLLRDBAND;
    }
    return waits;
}

/* Waits on the device for the valid sockets among fds; fills revents. */
static NTSTATUS poll_sockets(WSAPOLLFD *fds, ULONG count, int timeout)
{
    struct afd_poll_params *params;
    ULONG size = offsetof(struct afd_poll_params, sockets[count]), i, j;
    BOOL ready_before_wait = FALSE;
    NTSTATUS status;

    if (!(params = calloc(1, size))) return STATUS_NO_MEMORY;
    for (i = 0; i < count; i++)
    {
        if (fds[i].revents & POLLNVAL) continue;
        if (hangup_before_wait(&fds[i])) fds[i].revents = POLLHUP, ready_before_wait = TRUE;
        params->sockets[params->count].socket = fds[i].fd;
        params->sockets[params->count].flags =
            ws2kit_bits_to_other(WS2KIT_BIT_MAP(poll_map), (USHORT)(fds[i].events | poll_always), NULL);
        params->count++;
    }
    params->timeout = ready_before_wait ? 0 : timeout < 0 ? AFD_POLL_NO_TIMEOUT : -(LONGLONG)timeout * 10000;
    if (urgent_revents(fds, count, TRUE)) params->timeout = 0;
    status = poll_device(params);
    if (status == STATUS_TIMEOUT) status = 0;
    for (j = 0; !status && j < params->count; j++)
        for (i = 0; i < count; i++)
            if (fds[i].fd == params->sockets[j].socket && !(fds[i].revents & POLLNVAL))
            {
                fds[i].revents |= ws2kit_bits_to_windows(WS2KIT_BIT_MAP(poll_map), params->sockets[j].flags) &
                                  (fds[i].events | poll_always);
                if (hangup_after_wait(&fds[i], params->sockets[j].flags)) fds[i].revents |= POLLHUP;
            }
    if (!status) urgent_revents(fds, count, FALSE);
    free(params);
    return status;
}

int WINAPI WSAPoll(WSAPOLLFD *user_fds, ULONG count, int timeout)
{
    WSAPOLLFD *fds;
    ULONG i, valid = 0;
    NTSTATUS status;
    BOOL bad_events = FALSE;
    int ready = 0;

    CHECK_STARTED(SOCKET_ERROR);
    if (!count) return ws2kit_fail(WSAEINVAL);
    if (!user_fds) return ws2kit_fail(WSAEFAULT);
    if (!(fds = calloc(count, sizeof(*fds)))) return ws2kit_fail(WSAENOBUFS);
    if (!ws2kit_read_user(fds, user_fds, count * sizeof(*fds))) { free(fds); return ws2kit_fail(WSAEFAULT); }
    /* A negative or non-socket fd is reported POLLNVAL (observed on Windows). */
    for (i = 0; i < count; i++)
    {
        BOOL ok = (INT_PTR)fds[i].fd >= 0 && ws2kit_is_socket(fds[i].fd);
        fds[i].revents = ok ? 0 : POLLNVAL;
        valid += ok;
    }
    TRACE("%lu fds (%lu sockets) timeout %d\n", count, valid, timeout);
    /* Windows takes only POLLRDNORM, POLLRDBAND and POLLWRNORM in events:
     * another bit in an entry fails the call with WSAEINVAL and every
     * revents 0, unless there is no socket at all or the entry's fd is
     * negative (POLLNVAL then, test_WSAPoll). */
    for (i = 0; valid && i < count; i++)
        if ((INT_PTR)fds[i].fd >= 0 && (fds[i].events & ~(POLLRDNORM | POLLRDBAND | POLLWRNORM))) break;
    if (valid && i < count)
    {
        for (i = 0; i < count; i++) fds[i].revents = 0;
        bad_events = TRUE;
    }
    status = valid && !bad_events ? poll_sockets(fds, count, timeout) : 0;
    /* Windows counts the sockets with something to report; an fd that was
     * no socket to begin with gets POLLNVAL without being counted (one
     * closed during the wait is counted). */
    for (i = 0; i < count; i++) ready += fds[i].revents != 0;
    ready -= count - valid;
    if (!ws2kit_write_user(user_fds, fds, count * sizeof(*fds))) { free(fds); return ws2kit_fail(WSAEFAULT); }
    free(fds);
    if (!valid) return ws2kit_fail(WSAENOTSOCK);
    if (bad_events) return ws2kit_fail(WSAEINVAL);
    if (status) return ws2kit_fail_status(status);
    ws2kit_succeed();
    return ready;
}

int WINAPI __WSAFDIsSet(SOCKET s, fd_set *set)
{
    u_int i, count = set->fd_count;
    for (i = 0; i < count && i < FD_SETSIZE; i++)
        if (set->fd_array[i] == s) return 1;
    return 0;
}
