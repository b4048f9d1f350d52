/* TCP urgent data (MSG_OOB), the way Windows keeps it.
 *
 * On Windows each byte sent with MSG_OOB waits out of the stream, in a queue
 * of its own (Wine's sock.c test_fionread_siocatmark, test_oob_events,
 * do_test's oob_server, all checked on Windows):
 *  - recv(MSG_OOB) returns the urgent bytes one at a time, in order, and
 *    FD_OOB is posted again while more wait;
 *  - a normal recv never returns one, unless SO_OOBINLINE is on (a byte
 *    that came before SO_OOBINLINE was set is then read as normal data);
 *  - FIONREAD counts the normal bytes only; SIOCATMARK is FALSE while an
 *    urgent byte waits; POLLRDBAND (select's except set) stays up meanwhile;
 *  - of a send of several bytes with MSG_OOB, only the last is urgent.
 * Linux keeps a single urgent byte, which the next one pushes back into the
 * stream.  ws2kit.so keeps the queue (dlls/ws2kit/unix/urgent.c) for the
 * sockets of a program that uses urgent data: one that asks SIOCATMARK,
 * receives with MSG_OOB, sets SO_OOBINLINE, selects FD_OOB, polls for
 * POLLRDBAND or passes an except set to select.  Their receives cost a
 * little more.  Overlapped receives go through Wine's device as they are
 * (README, "Where ws2kit still differs"). */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

static BYTE use_of(SOCKET s)
{
    struct ws2kit_fast_note note;
    return ws2kit_fast_note_read(s, &note) ? note.urgent : URGENT_NOT_TCP;
}

static BOOL in_use(SOCKET s)
{
    return use_of(s) == URGENT_KEPT;
}

static void edit_use(struct ws2kit_socket_notes *notes, const void *arg)
{
    notes->fast.urgent = *(const BYTE *)arg;
}

/* The program shows that it uses urgent data: from now on ws2kit.so keeps
 * the socket's urgent bytes, if it is a TCP socket (asked once).  TRUE when
 * it starts keeping them now; the caller, ws2kit_events_urgent_use, then
 * has the watch bring news of each.  The calls below that use the queue
 * come after that. */
BOOL ws2kit_urgent_use(SOCKET s)
{
    struct ws2kit_sockstate_params state;
    BYTE use;

    if (use_of(s) != URGENT_UNASKED || !ws2kit_sockstate(s, &state)) return FALSE;
    use = state.type == SOCK_STREAM && state.protocol == IPPROTO_TCP ? URGENT_KEPT : URGENT_NOT_TCP;
    ws2kit_known_notes_edit(s, edit_use, &use);
    if (use != URGENT_KEPT) return FALSE;
    TRACE("%#Ix: urgent data kept by ws2kit\n", s);
    return TRUE;
}

/* Also takes a new urgent byte from Linux into the queue. */
static BOOL urgent_state(SOCKET s, struct ws2kit_urgent_state_params *state)
{
    memset(state, 0, sizeof(*state));
    state->handle = ws2kit_unix_handle(s);
    return in_use(s) && !ws2kit_unix_call(ws2kit_unix_urgent_state, state);
}

/* Whether an urgent byte waits for recv(MSG_OOB). */
BOOL ws2kit_urgent_waiting(SOCKET s)
{
    struct ws2kit_urgent_state_params state;
    return urgent_state(s, &state) && state.waiting;
}

/* recv(MSG_OOB), not overlapped: the first urgent byte waiting, into the
 * first buffer that has room.  WS2KIT_FAST_NOT_TAKEN when none waits, and
 * the device answers as before. */
int ws2kit_urgent_recv(SOCKET s, const WSABUF *buffers, DWORD count, DWORD flags, ULONG_PTR *received)
{
    struct ws2kit_urgent_recv_params params = { 0 };
    char value;
    DWORD i;

    if (!(flags & MSG_OOB)) return WS2KIT_FAST_NOT_TAKEN;
    for (i = 0; i < count && !buffers[i].len; i++) ;
    if (i == count || !in_use(s)) return WS2KIT_FAST_NOT_TAKEN;
    params.handle = ws2kit_unix_handle(s);
    params.peek = !!(flags & MSG_PEEK);
    if (ws2kit_unix_call(ws2kit_unix_urgent_recv, &params) || !params.got) return WS2KIT_FAST_NOT_TAKEN;
    value = (char)params.value;
    if (!ws2kit_write_user(buffers[i].buf, &value, 1)) return WSAEFAULT;
    *received = 1;
    TRACE("%#Ix: urgent byte %#x%s\n", s, params.value & 0xff, params.peek ? " (peek)" : "");
    return 0;
}

/* A normal receive through Wine's device: urgent bytes that Linux would
 * give as normal data are read away first, and the buffers shortened to end
 * before the next one. */
void ws2kit_urgent_limit_read(SOCKET s, WSABUF *buffers, DWORD count)
{
    struct ws2kit_urgent_clear_way_params params = { 0 };
    ULONGLONG limit;
    DWORD i;

    if (!in_use(s)) return;
    params.handle = ws2kit_unix_handle(s);
    if (ws2kit_unix_call(ws2kit_unix_urgent_clear_way, &params)) return;
    limit = params.limit;
    if (limit != ~0ull) TRACE("%#Ix: at most %I64u bytes before urgent data\n", s, limit);
    for (i = 0; i < count; i++)
    {
        if (buffers[i].len > limit) buffers[i].len = (ULONG)limit;
        limit -= buffers[i].len;
    }
}

/* FIONREAD: the normal bytes only.  WS2KIT_FAST_NOT_TAKEN: the device's
 * answer is right (no urgent data kept). */
int ws2kit_urgent_fionread(SOCKET s, ULONG *unread)
{
    struct ws2kit_urgent_state_params state;

    if (!urgent_state(s, &state)) return WS2KIT_FAST_NOT_TAKEN;
    *unread = state.unread;
    return 0;
}

/* SIOCATMARK on a stream socket: FALSE while an urgent byte waits. */
int ws2kit_urgent_at_mark(SOCKET s, ULONG *at_mark)
{
    struct ws2kit_urgent_state_params state;

    if (!urgent_state(s, &state)) return WSAENOTSOCK;
    *at_mark = !state.waiting;
    return 0;
}

/* SO_OOBINLINE is about to be set: an urgent byte that came before stays
 * out of band for SIOCATMARK, so ws2kit.so takes it first. */
void ws2kit_urgent_before_inline(SOCKET s)
{
    ws2kit_urgent_waiting(s);
}

/* closesocket: see ws2kit_fd_urgent_close. */
void ws2kit_urgent_before_close(SOCKET s)
{
    struct ws2kit_handle_params params;

    if (!in_use(s)) return;
    params.handle = ws2kit_unix_handle(s);
    ws2kit_unix_call(ws2kit_unix_urgent_close, &params);
}
