/* The fast data path: send and receive without the wineserver.
 *
 * Wine's socket device spends two wineserver round trips on every send and
 * receive (send_socket or recv_socket, then set_async_direct_result) around
 * the one Linux system call that ntdll then makes in the calling thread.
 * ws2kit.so can make that call itself (dlls/ws2kit/unix/fastio.c) whenever
 * the server has nothing to add.  It has something to add when:
 *  - requests are queued on the socket: they are served first, in order.
 *    Any overlapped request turns the fast path off for the socket for good
 *    (so does AcceptEx on its accepting socket);
 *  - network events are selected (WSAEventSelect, WSAAsyncSelect, also
 *    inherited by accept): the server re-enables FD_READ at each receive and
 *    FD_WRITE at each failed send.  Off for good;
 *  - a shutdown: the server keeps SD_RECEIVE, which Linux never sees.  Off;
 *  - the socket is not settled yet: the device binds a UDP socket at its
 *    first send, and an unconnected stream socket fails.  The fast path
 *    starts only after a send or receive through the device succeeded;
 *  - another handle names the socket (WSADuplicateSocket, a socket ws2kit
 *    did not create): its state may change behind ws2kit's back.  Never;
 *  - the call needs more than one system call's worth of semantics: flags
 *    other than MSG_PEEK, control data, more than 16 buffers, zero bytes,
 *    a destination on a stream socket, a rest of a short send still queued,
 *    a source address buffer too small for the family.
 * ws2kit.so answers such a call "not taken" and it goes to the device.
 *
 * A blocking call that cannot move at once waits in ws2kit.so for up to
 * FAST_WAIT_US, then goes to the device, which waits alertably, can be
 * cancelled and is ended by closesocket.  During that short wait the thread
 * is not alertable, and CancelSynchronousIo finds no request: as on Windows
 * for a cancel that comes before the request is issued.  A closesocket from
 * another thread then makes the device call fail on a closed handle, which
 * Windows reports for a blocking call as WSAEINTR. */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

/* How long a blocking call waits in ws2kit.so before the device waits. */
#define FAST_WAIT_US 1000

static INIT_ONCE settings_once = INIT_ONCE_STATIC_INIT;
static BOOL fast_enabled;
static DWORD fast_wait_us;

/* WS2KIT_FASTPATH=0 turns the fast path off (to compare); the tests set
 * WS2KIT_FAST_WAIT_US to make the wait long enough to race with. */
static BOOL CALLBACK read_settings(INIT_ONCE *once, void *param, void **context)
{
    char value[16];

    (void)once; (void)param; (void)context;
    fast_enabled = !(GetEnvironmentVariableA("WS2KIT_FASTPATH", value, sizeof(value)) && value[0] == '0');
    fast_wait_us = FAST_WAIT_US;
    if (GetEnvironmentVariableA("WS2KIT_FAST_WAIT_US", value, sizeof(value))) fast_wait_us = strtoul(value, NULL, 10);
    TRACE("fast path %s, wait %lu us\n", fast_enabled ? "on" : "off", fast_wait_us);
    return TRUE;
}

/* Whether the socket may take the fast path, and what ws2kit knows of it. */
static BOOL fast_usable(SOCKET s, struct ws2kit_fast_note *note)
{
    InitOnceExecuteOnce(&settings_once, read_settings, NULL, NULL);
    return fast_enabled && ws2kit_fast_note_read(s, note) && note->state == FAST_READY;
}

/* The caller's buffers for ws2kit.so: FALSE when the call is for the device
 * (too many, zero bytes, or memory Linux would fail with EFAULT: the device
 * reports that the way it always has).  Each page is touched first, which
 * also lets Wine record a write to write-watched memory before Linux
 * writes it. */
static BOOL fill_buffers(struct ws2kit_fast_params *params, const WSABUF *buffers, DWORD count, BOOL writable)
{
    ULONG_PTR total = 0;
    DWORD i;

    if (!count || count > WS2KIT_FAST_MAX_BUFFERS) return FALSE;
    for (i = 0; i < count; i++)
    {
        if (writable ? !ws2kit_probe_write_user(buffers[i].buf, buffers[i].len)
                     : !ws2kit_probe_read_user(buffers[i].buf, buffers[i].len))
            return FALSE;
        params->buffers[i].addr = (ULONG_PTR)buffers[i].buf;
        params->buffers[i].len = buffers[i].len;
        params->buffers[i].unused = 0;
        total += buffers[i].len;
    }
    params->count = count;
    return total != 0;
}

static int fast_call(enum ws2kit_unix_func func, SOCKET s, struct ws2kit_fast_params *params,
                     const struct ws2kit_fast_note *note)
{
    int err;

    params->handle = ws2kit_unix_handle(s);
    params->wait_us = note->nonblocking ? 0 : fast_wait_us;
    err = ws2kit_unix_call(func, params);
    TRACE("%#Ix: %s %I64u bytes, %d\n", s, func == ws2kit_unix_fast_send ? "sent" : "received",
          (ULONGLONG)params->done, err);
    /* A blocking socket waits in the device for what did not come in time. */
    if (err == WSAEWOULDBLOCK && !note->nonblocking) return WS2KIT_FAST_NOT_TAKEN;
    return err;
}

/* Returns 0 (*sent bytes: all of them, or for a non-blocking socket what
 * Linux took), a Winsock error, or WS2KIT_FAST_NOT_TAKEN: the device sends
 * the rest, after *sent bytes. */
int ws2kit_fast_send(SOCKET s, const WSABUF *buffers, DWORD count, DWORD flags, const struct sockaddr *to,
                     int to_len, ULONG_PTR *sent)
{
    struct ws2kit_fast_params params;
    struct ws2kit_fast_note note;
    int err;

    *sent = 0;
    if (flags || !fast_usable(s, &note) || (to && note.stream)) return WS2KIT_FAST_NOT_TAKEN;
    if (!fill_buffers(&params, buffers, count, FALSE) || ws2kit_send_rest_handles(s)) return WS2KIT_FAST_NOT_TAKEN;
    params.addr = (ULONG_PTR)to;
    params.addr_len = to ? to_len : 0;
    params.flags = 0;
    err = fast_call(ws2kit_unix_fast_send, s, &params, &note);
    *sent = params.done;
    return err;
}

/* The size of the source address the family needs: a smaller buffer is
 * the device's to refuse. */
static int address_size(const struct ws2kit_fast_note *note)
{
    return note->family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
}

/* Returns 0 (*received bytes), a Winsock error (WSAEMSGSIZE with the
 * buffers full), or WS2KIT_FAST_NOT_TAKEN. */
int ws2kit_fast_recv(SOCKET s, const WSABUF *buffers, DWORD count, DWORD *flags, struct sockaddr *from,
                     int *from_len, ULONG_PTR *received)
{
    struct ws2kit_fast_params params;
    struct ws2kit_fast_note note;
    int err;

    *received = 0;
    if (!fast_usable(s, &note) || (*flags & ~MSG_PEEK)) return WS2KIT_FAST_NOT_TAKEN;
    /* Windows writes no source address for a stream socket. */
    if (from && !note.stream && *from_len < address_size(&note)) return WS2KIT_FAST_NOT_TAKEN;
    if (!fill_buffers(&params, buffers, count, TRUE)) return WS2KIT_FAST_NOT_TAKEN;
    params.addr = note.stream ? 0 : (ULONG_PTR)from;
    params.addr_len = params.addr ? *from_len : 0;
    params.flags = ((*flags & MSG_PEEK) ? WS2KIT_FAST_PEEK : 0) | (note.urgent == URGENT_KEPT ? WS2KIT_FAST_URGENT : 0);
    err = fast_call(ws2kit_unix_fast_recv, s, &params, &note);
    *received = params.done;
    if ((!err || err == WSAEMSGSIZE) && params.addr) *from_len = params.addr_len;
    return err;
}

