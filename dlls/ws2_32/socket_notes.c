/* The sockets this process opened through ws2kit, and what ws2kit remembers
 * about each that Linux does not keep for it:
 *  - the peer address: Windows reports a TCP peer for as long as the socket
 *    is open, even after both directions have been shut down, where Linux
 *    forgets it once the connection has closed (ENOTCONN);
 *  - when the peer was first seen (SO_CONNECT_TIME, TCP_INFO);
 *  - whether keep-alive broke the connection: Windows fails every later
 *    operation with WSAECONNRESET, where Linux reports end of file;
 *  - the values of options Windows keeps but Linux has no use for;
 *  - whether the socket is a fresh stream socket or an accepted one, so that
 *    ws2kit.so may keep its fd where Wine's ntdll does not (see
 *    WS2KIT_HANDLE_MARKS).
 *
 * Windows also destroys a process's sockets at its last WSACleanup, which
 * needs the set.  Sockets are added at creation and accept (a fresh record,
 * so a reused handle value never shows an old socket's notes) and removed at
 * closesocket.  A handle closed with CloseHandle keeps its record until its
 * value is reused or the process cleans up; whatever acts on such a stale
 * value asks the socket first.  The socket's state as Linux holds it comes
 * from ws2kit.so (ws2kit_sockstate, ws2kit_tcp_state, at the end). */
#include "ws2_32_private.h"
#include "ws2kit/handle_table.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

struct socket_record
{
    uint64_t key;             /* the SOCKET, first (include/ws2kit/handle_table.h) */
    struct ws2kit_socket_notes notes;
};
_Static_assert(offsetof(struct socket_record, key) == 0, "a table entry starts with its key");

static SRWLOCK records_lock = SRWLOCK_INIT;
static struct ws2kit_handle_table records = WS2KIT_HANDLE_TABLE_INIT(struct socket_record);

static struct socket_record *find_locked(SOCKET s)
{
    return ws2kit_table_find(&records, s);
}

/* Finds or makes the record of a socket; NULL only when memory runs out. */
static struct socket_record *get_locked(SOCKET s)
{
    return ws2kit_table_get(&records, s);
}

static void forget_fd(SOCKET s)
{
    struct ws2kit_handle_params params = { s };
    ws2kit_unix_call(ws2kit_unix_forget_fd, &params);
}

/* ws2kit.so finds, one at a time, fds it kept for accepted sockets that
 * CloseHandle closed (it has nothing to do on a Wine that needs none).  A
 * check is a wineserver round trip: at most one every SWEEP_INTERVAL_MS, so
 * that a program making sockets in a loop does not pay one per socket. */
#define SWEEP_INTERVAL_MS 10

static void sweep_own_fds(void)
{
    static LONGLONG last_sweep;
    LONGLONG now = GetTickCount64(), last = __atomic_load_n(&last_sweep, __ATOMIC_RELAXED);

    if (now - last < SWEEP_INTERVAL_MS) return;
    if (!__atomic_compare_exchange_n(&last_sweep, &last, now, FALSE, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) return;
    ws2kit_unix_call(ws2kit_unix_sweep_own_fds, NULL);
}

void ws2kit_sockets_add(SOCKET s, enum ws2kit_fd_mark mark)
{
    struct socket_record *record;
    BOOL was_marked = FALSE;

    AcquireSRWLockExclusive(&records_lock);
    if ((record = get_locked(s)))
    {
        /* The value was a socket closed with CloseHandle: drop its fd too. */
        /* (ws2kit.so forgets the old socket's urgent data with its fd) */
        was_marked = record->notes.fd_mark != FD_MARK_NONE || record->notes.fast.urgent == URGENT_KEPT;
        memset(&record->notes, 0, sizeof(record->notes));
        record->notes.fd_mark = mark;
        record->notes.fast.state = FAST_UNTRIED;
    }
    ReleaseSRWLockExclusive(&records_lock);
    if (was_marked) forget_fd(s);
    sweep_own_fds();
}

void ws2kit_sockets_remove(SOCKET s)
{
    struct socket_record *record;
    BOOL was_marked = FALSE;

    AcquireSRWLockExclusive(&records_lock);
    if ((record = find_locked(s)))
    {
        was_marked = record->notes.fd_mark != FD_MARK_NONE || record->notes.fast.urgent == URGENT_KEPT;
        ws2kit_table_delete(&records, record);
    }
    ReleaseSRWLockExclusive(&records_lock);
    if (was_marked) forget_fd(s);
}

/* closesocket() ends the socket's pending requests (CancelIoEx) before it
 * closes the handle, and a select or WSAPoll issued through that socket
 * is one of them.  closesocket holds this lock across both steps; a wait
 * that a cancel ended takes it to see the handle closed. */
static SRWLOCK closing_lock = SRWLOCK_INIT;

void ws2kit_closing_begin(void)
{
    AcquireSRWLockExclusive(&closing_lock);
}

void ws2kit_closing_end(void)
{
    ReleaseSRWLockExclusive(&closing_lock);
}

void ws2kit_closing_settle(void)
{
    AcquireSRWLockShared(&closing_lock);
    ReleaseSRWLockShared(&closing_lock);
}

/* The handle to give ws2kit.so, with the socket's mark. */
ws2kit_handle_t ws2kit_unix_handle(SOCKET s)
{
    static const ws2kit_handle_t mark_bits[] =
    {
        [FD_MARK_NONE] = 0,
        [FD_MARK_FRESH] = WS2KIT_HANDLE_FRESH,
        [FD_MARK_ACCEPTED] = WS2KIT_HANDLE_ACCEPTED,
    };
    struct socket_record *record;
    enum ws2kit_fd_mark mark;

    AcquireSRWLockShared(&records_lock);
    mark = (record = find_locked(s)) ? record->notes.fd_mark : FD_MARK_NONE;
    ReleaseSRWLockShared(&records_lock);
    return (ws2kit_handle_t)s | mark_bits[mark];
}

/* The socket is being bound, connected or listened on: from now on Wine's
 * ntdll caches its fd (or it holds a port, which a leaked copy must not). */
void ws2kit_socket_settled(SOCKET s)
{
    struct socket_record *record;
    BOOL was_fresh = FALSE;

    AcquireSRWLockExclusive(&records_lock);
    if ((record = find_locked(s)) && record->notes.fd_mark == FD_MARK_FRESH)
    {
        was_fresh = TRUE;
        record->notes.fd_mark = FD_MARK_NONE;
    }
    ReleaseSRWLockExclusive(&records_lock);
    if (was_fresh) forget_fd(s);
}

/* Closes every socket in the set; the last WSACleanup does this. */
void ws2kit_sockets_close_all(void)
{
    struct ws2kit_handle_table table;
    struct socket_record *record;
    size_t i;

    AcquireSRWLockExclusive(&records_lock);
    table = ws2kit_table_take(&records);
    ReleaseSRWLockExclusive(&records_lock);

    for (i = 0; i < table.size; i++)
    {
        if (!ws2kit_table_live_at(&table, i)) continue;
        record = ws2kit_table_slot(&table, i);
        if (record->notes.fd_mark != FD_MARK_NONE) forget_fd(record->key);
        /* The value may have been closed with CloseHandle and reused. */
        if (!ws2kit_is_socket(record->key)) continue;
        TRACE("closing %#Ix\n", (SOCKET)record->key);
        CloseHandle((HANDLE)(SOCKET)record->key);
    }
    free(table.slots);
}

/* Whether this process's Winsock has the value in its set: made by socket,
 * WSASocket or accept, or taken in by another call.  Another handle on the
 * same socket (DuplicateHandle) is not, until something takes it in. */
BOOL ws2kit_sockets_known(SOCKET s)
{
    BOOL known;

    AcquireSRWLockShared(&records_lock);
    known = find_locked(s) != NULL;
    ReleaseSRWLockShared(&records_lock);
    return known;
}

BOOL ws2kit_notes_read(SOCKET s, struct ws2kit_socket_notes *notes)
{
    struct socket_record *record;

    AcquireSRWLockShared(&records_lock);
    if ((record = find_locked(s))) *notes = record->notes;
    ReleaseSRWLockShared(&records_lock);
    if (!record) memset(notes, 0, sizeof(*notes));
    return record != NULL;
}

static void edit_record(SOCKET s, BOOL make, void (*edit)(struct ws2kit_socket_notes *notes, const void *arg),
                        const void *arg)
{
    struct socket_record *record;

    AcquireSRWLockExclusive(&records_lock);
    if ((record = make ? get_locked(s) : find_locked(s))) edit(&record->notes, arg);
    ReleaseSRWLockExclusive(&records_lock);
}

/* Changes a socket's notes under the lock (making a record for a socket
 * ws2kit did not create, such as an inherited one). */
void ws2kit_notes_edit(SOCKET s, void (*edit)(struct ws2kit_socket_notes *notes, const void *arg), const void *arg)
{
    edit_record(s, TRUE, edit, arg);
}

/* The same for a socket ws2kit knows; no record is made for others. */
void ws2kit_known_notes_edit(SOCKET s, void (*edit)(struct ws2kit_socket_notes *notes, const void *arg),
                             const void *arg)
{
    edit_record(s, FALSE, edit, arg);
}

/* The fast data path's note, for a socket ws2kit made whose handle is its
 * only one in this process's Winsock (not duplicated). */
BOOL ws2kit_fast_note_read(SOCKET s, struct ws2kit_fast_note *note)
{
    struct socket_record *record;
    BOOL found;

    AcquireSRWLockShared(&records_lock);
    if ((found = (record = find_locked(s)) && !record->notes.shared)) *note = record->notes.fast;
    ReleaseSRWLockShared(&records_lock);
    return found;
}

static void edit_request_pended(struct ws2kit_socket_notes *notes, const void *arg)
{
    (void)arg;
    notes->request_pended = TRUE;
}

/* A request through this handle waited in the device, or was overlapped:
 * closesocket must end whatever of it is still pending.  Asked first under
 * the shared lock: a busy overlapped socket is noted once. */
void ws2kit_note_request_pended(SOCKET s)
{
    if (!ws2kit_requests_may_pend(s)) ws2kit_known_notes_edit(s, edit_request_pended, NULL);
}

/* FALSE only for a handle ws2kit made whose requests all completed at once. */
BOOL ws2kit_requests_may_pend(SOCKET s)
{
    struct ws2kit_socket_notes notes;
    return !ws2kit_notes_read(s, &notes) || notes.request_pended;
}

/* Whether a handle is a Winsock socket.  ws2kit.so asks the fd, which costs
 * no wineserver round trip once ntdll caches it (connected, listening and
 * datagram sockets); a handle without an fd is no socket. */
BOOL ws2kit_is_socket(SOCKET s)
{
    /* Never from ws2kit.so's own fds: a handle closed with CloseHandle
     * must not pass for the socket it was. */
    struct ws2kit_handle_params params = { s };
    return !ws2kit_unix_call(ws2kit_unix_is_socket, &params);
}

/* The peer, its first sighting and keep-alive's verdict ------------------ */

struct peer_arg { const SOCKADDR_STORAGE *addr; int len; };

static void edit_peer(struct ws2kit_socket_notes *notes, const void *arg)
{
    const struct peer_arg *peer = arg;
    /* An AF_UNSPEC connect disconnected a datagram socket: no peer now. */
    if (peer->addr->ss_family == AF_UNSPEC)
    {
        notes->peer_len = 0;
        return;
    }
    if (!notes->peer_len) notes->connected_at = GetTickCount64();
    memcpy(&notes->peer, peer->addr, peer->len);
    notes->peer_len = peer->len;
}

void ws2kit_peer_remember(SOCKET s, const SOCKADDR_STORAGE *addr, int len)
{
    struct peer_arg arg = { addr, len };
    if (len > 0 && len <= (int)sizeof(*addr)) ws2kit_notes_edit(s, edit_peer, &arg);
}

/* The peer's address (peer) or a connect's target (!peer) the notes hold. */
static BOOL recall_address(SOCKET s, BOOL peer, SOCKADDR_STORAGE *addr, int *len)
{
    struct ws2kit_socket_notes notes;
    int noted_len;

    if (!ws2kit_notes_read(s, &notes)) return FALSE;
    if (!(noted_len = peer ? notes.peer_len : notes.target_len)) return FALSE;
    memcpy(addr, peer ? &notes.peer : &notes.target, noted_len);
    *len = noted_len;
    return TRUE;
}

BOOL ws2kit_peer_recall(SOCKET s, SOCKADDR_STORAGE *addr, int *len)
{
    return recall_address(s, TRUE, addr, len);
}

static void edit_target(struct ws2kit_socket_notes *notes, const void *arg)
{
    const struct peer_arg *target = arg;

    memcpy(&notes->target, target->addr, target->len);
    notes->target_len = target->len;
}

/* Where a connect that is under way goes: Windows' getpeername names it
 * while the connection is being made (Wine's conformance
 * test_connecting_socket), where Linux says ENOTCONN. */
void ws2kit_connect_target_remember(SOCKET s, const SOCKADDR_STORAGE *addr, int len)
{
    struct peer_arg arg = { addr, len };
    if (len > 0 && len <= (int)sizeof(*addr)) ws2kit_notes_edit(s, edit_target, &arg);
}

BOOL ws2kit_connect_target_recall(SOCKET s, SOCKADDR_STORAGE *addr, int *len)
{
    return recall_address(s, FALSE, addr, len);
}

ULONGLONG ws2kit_peer_connected_ms(SOCKET s)
{
    struct ws2kit_socket_notes notes;
    if (!ws2kit_notes_read(s, &notes) || !notes.peer_len) return 0;
    return GetTickCount64() - notes.connected_at;
}

static void edit_reset(struct ws2kit_socket_notes *notes, const void *arg)
{
    (void)arg;
    notes->keepalive_reset = TRUE;
}

/* Every send and receive asks; until keep-alive has broken a connection in
 * this process the answer needs no lock (and no shared cache line). */
static LONG keepalive_resets;

void ws2kit_note_keepalive_reset(SOCKET s)
{
    ws2kit_notes_edit(s, edit_reset, NULL);
    InterlockedIncrement(&keepalive_resets);
}

BOOL ws2kit_keepalive_reset(SOCKET s)
{
    struct ws2kit_socket_notes notes;

    if (!__atomic_load_n(&keepalive_resets, __ATOMIC_ACQUIRE)) return FALSE;
    return ws2kit_notes_read(s, &notes) && notes.keepalive_reset;
}

static void edit_shared(struct ws2kit_socket_notes *notes, const void *arg)
{
    (void)arg;
    notes->shared = TRUE;
}

/* Another handle (a duplicate) names the same socket: values the device
 * keeps may change through it, so none is remembered per handle. */
void ws2kit_note_shared(SOCKET s)
{
    ws2kit_notes_edit(s, edit_shared, NULL);
}

static void edit_connect_ex(struct ws2kit_socket_notes *notes, const void *arg)
{
    (void)arg;
    notes->connect_ex = TRUE;
}

/* ConnectEx was called on the socket: a later connect() on it is then
 * WSAEINVAL on Windows, not WSAEISCONN (Wine's conformance test_connect). */
void ws2kit_note_connect_ex(SOCKET s)
{
    ws2kit_notes_edit(s, edit_connect_ex, NULL);
}

BOOL ws2kit_connect_ex_used(SOCKET s)
{
    struct ws2kit_socket_notes notes;
    return ws2kit_notes_read(s, &notes) && notes.connect_ex;
}

/* The connection's state as Windows names it (TCPSTATE_*), from Linux's
 * TCP_INFO: no wineserver round trip.  ~0u for a socket that has none. */
DWORD ws2kit_tcp_state(SOCKET s)
{
    struct ws2kit_tcp_info_params params = { 0 };

    params.handle = ws2kit_unix_handle(s);
    return ws2kit_unix_call(ws2kit_unix_tcp_info, &params) ? ~0u : params.info.state;
}

/* Whether the peer's FIN has come, from Linux's TCP state (ws2kit.so knows
 * which states say so). */
BOOL ws2kit_peer_sent_fin(SOCKET s)
{
    struct ws2kit_tcp_info_params params = { 0 };

    params.handle = ws2kit_unix_handle(s);
    return !ws2kit_unix_call(ws2kit_unix_tcp_info, &params) && params.info.peer_fin;
}

BOOL ws2kit_sockstate(SOCKET s, struct ws2kit_sockstate_params *state)
{
    memset(state, 0, sizeof(*state));
    state->handle = ws2kit_unix_handle(s);
    return !ws2kit_unix_call(ws2kit_unix_sockstate, state);
}

/* ws2kit posted FD_CLOSE itself (events.c): the device's is dropped (msgrelay.c). */
BOOL ws2kit_close_posted(SOCKET s)
{
    struct ws2kit_socket_notes notes;

    return ws2kit_notes_read(s, &notes) && notes.close_posted;
}

static void edit_multipoint(struct ws2kit_socket_notes *notes, const void *arg)
{
    notes->multipoint = *(const DWORD *)arg;
}

/* The WSA_FLAG_MULTIPOINT_* a socket was created with (multipoint.c). */
void ws2kit_note_multipoint(SOCKET s, DWORD create_flags)
{
    DWORD multipoint = create_flags & (WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF |
                                         WSA_FLAG_MULTIPOINT_C_ROOT | WSA_FLAG_MULTIPOINT_D_ROOT);
    if (multipoint) ws2kit_notes_edit(s, edit_multipoint, &multipoint);
}
