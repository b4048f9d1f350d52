/* Network events: WSAEventSelect, WSAEnumNetworkEvents and WSAAsyncSelect,
 * and WSAConnect.
 *
 * The wineserver keeps each socket's event mask, its posted events and the
 * error that came with each (IOCTL_AFD_EVENT_SELECT / IOCTL_AFD_GET_EVENTS),
 * and re-enables an event when the call that consumes it (recv, send,
 * accept) runs, as Windows does.  For WSAAsyncSelect it also posts the
 * window messages itself (IOCTL_AFD_WINE_MESSAGE_SELECT), one per event
 * until that event's re-enabling call, through our relay (msgrelay.c).
 * One selection per socket: each kind of call replaces the other.
 * ws2kit translates between the FD_* bits a program speaks and the device's
 * AFD_POLL_* bits, and remembers each selection in the socket's notes, to
 * put right the cases where the device posts other than Windows does (the
 * hooks below, and the news ws2kit.so's watch brings). */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

/* One row per FD_* event: the device bits that raise it.  FD_QOS,
 * FD_GROUP_QOS, FD_ROUTING_INTERFACE_CHANGE and FD_ADDRESS_LIST_CHANGE have
 * no device bit: they are accepted in a mask and never posted. */
static const struct ws2kit_bit_pair event_map[] = {
    { FD_READ,    AFD_POLL_READ },
    { FD_WRITE,   AFD_POLL_WRITE },
    { FD_OOB,     AFD_POLL_OOB },
    { FD_ACCEPT,  AFD_POLL_ACCEPT },
    { FD_CONNECT, AFD_POLL_CONNECT | AFD_POLL_CONNECT_ERR },
    { FD_CLOSE,   AFD_POLL_HUP | AFD_POLL_RESET },
};

/* The error a posted event carries: the status of the first of its device
 * bits that came with one (a failed connect posts CONNECT_ERR, a connection
 * that failed otherwise HUP). */
static int event_error(const struct afd_get_events_params *params, int afd_bits)
{
    int bit;

    /* A reset posts AFD_POLL_RESET without a status. */
    if (afd_bits & params->flags & AFD_POLL_RESET) return WS2KIT_RESET_CLOSE_ERROR;
    for (bit = 0; bit < (int)(sizeof(params->status) / sizeof(params->status[0])); bit++)
        if ((afd_bits & params->flags & (1 << bit)) && params->status[bit])
            return ws2kit_status_to_wsa(params->status[bit]);
    return 0;
}

static void events_from_afd(const struct afd_get_events_params *params, WSANETWORKEVENTS *out)
{
    size_t i;

    memset(out, 0, sizeof(*out));
    out->lNetworkEvents = ws2kit_bits_to_windows(WS2KIT_BIT_MAP(event_map), params->flags);
    for (i = 0; i < sizeof(event_map) / sizeof(event_map[0]); i++)
    {
        /* iErrorCode is indexed by the event's bit number (FD_READ_BIT...). */
        if (params->flags & event_map[i].other)
            out->iErrorCode[__builtin_ctz(event_map[i].windows)] = event_error(params, event_map[i].other);
    }
}

/* What ws2kit remembers of each selection ------------------------------- */

static void edit_selection(struct ws2kit_socket_notes *notes, const void *arg)
{
    const struct ws2kit_selection *selection = arg;
    LONG extra = notes->selection.extra;

    notes->selection = *selection;
    /* Events ws2kit posted stay pending across WSAEventSelect calls, as the
     * device's own do; WSAAsyncSelect has no pending events. */
    if (!selection->messages) notes->selection.extra = extra & selection->mask;
}

static void edit_watched(struct ws2kit_socket_notes *notes, const void *arg)
{
    notes->watched = *(const BOOL *)arg;
}

static void remember_selection(SOCKET s, const struct ws2kit_selection *selection)
{
    ws2kit_notes_edit(s, edit_selection, selection);
}

/* The socket's selection; FALSE when nothing is selected. */
static BOOL recall_selection(SOCKET s, struct ws2kit_selection *selection)
{
    struct ws2kit_socket_notes notes;

    ws2kit_notes_read(s, &notes);
    *selection = notes.selection;
    return selection->mask != 0;
}

static void edit_add_extra(struct ws2kit_socket_notes *notes, const void *arg)
{
    notes->selection.extra |= *(const LONG *)arg & notes->selection.mask;
}

static void edit_take_extra(struct ws2kit_socket_notes *notes, const void *arg)
{
    *(LONG *)(ULONG_PTR)arg = notes->selection.extra;
    notes->selection.extra = 0;
}

static LONG take_extra(SOCKET s)
{
    LONG extra = 0;

    ws2kit_known_notes_edit(s, edit_take_extra, &extra);
    return extra;
}

/* Hands a selection to the device. */
static NTSTATUS device_select(SOCKET s, const struct ws2kit_selection *selection)
{
    struct afd_message_select_params message;
    struct afd_event_select_params event;
    LONG mask = selection->mask & ~selection->withheld;

    if (!selection->messages)
    {
        event.event = selection->event;
        event.mask = ws2kit_bits_to_other(WS2KIT_BIT_MAP(event_map), mask, NULL);
        return ws2kit_afd_call(s, IOCTL_AFD_EVENT_SELECT, &event, sizeof(event), NULL, 0, NULL);
    }
    message.handle = (unsigned int)s;
    /* The device posts to our relay, which passes the messages on (see
     * msgrelay.c). */
    ws2kit_relay_target(selection->window, selection->message, &message.window, &message.message);
    message.mask = ws2kit_bits_to_other(WS2KIT_BIT_MAP(event_map), mask, NULL);
    /* The device also makes the socket non-blocking, as Windows does. */
    return ws2kit_afd_call(s, IOCTL_AFD_WINE_MESSAGE_SELECT, &message, sizeof(message), NULL, 0, NULL);
}

/* Windows signals FD_WRITE on a datagram socket only once it has an address:
 * right after WSAEventSelect an unbound UDP socket has no event, and connect
 * brings FD_CONNECT and FD_WRITE (sock.c test_connect_events).  Linux says
 * an unbound UDP socket is writable, so FD_WRITE waits in ws2kit until the
 * socket is bound, connected or sends.  WSAAsyncSelect posts it at once. */
static LONG withheld_writes(SOCKET s, LONG mask)
{
    struct ws2kit_sockstate_params state;

    if (!(mask & FD_WRITE) || !ws2kit_sockstate(s, &state)) return 0;
    return state.type == SOCK_DGRAM && !state.bound && !state.connected ? FD_WRITE : 0;
}

/* What WSAEventSelect keeps from the device: FD_WRITE as above, FD_CLOSE
 * once ws2kit posted it itself (see peer_closed), and FD_OOB, always
 * ws2kit's (see post_oob). */
static LONG withheld_events(SOCKET s, LONG mask)
{
    return withheld_writes(s, mask) | (ws2kit_close_posted(s) ? FD_CLOSE : 0) | (mask & FD_OOB);
}

/* Gives the device the FD_WRITE withheld from it, once the socket has an
 * address. */
static void release_withheld(SOCKET s, struct ws2kit_selection *selection)
{
    if (!(selection->withheld & FD_WRITE)) return;
    TRACE("%#Ix: FD_WRITE no longer withheld\n", s);
    selection->withheld &= ~FD_WRITE;
    if (!device_select(s, selection)) remember_selection(s, selection);
}

/* Hooks for the calls that change what Windows posts ------------------- */

/* bind, or a send through the device (which may bind). */
void ws2kit_events_bound(SOCKET s)
{
    struct ws2kit_selection selection;

    if (recall_selection(s, &selection)) release_withheld(s, &selection);
}

/* A datagram socket that connects gets FD_CONNECT (WSAEventSelect only) and
 * FD_WRITE again, where the device posts nothing: a datagram connect only
 * sets the peer. */
void ws2kit_events_connected(SOCKET s)
{
    struct ws2kit_sockstate_params state;
    struct ws2kit_selection selection;
    LONG posted = FD_CONNECT | FD_WRITE;

    if (!recall_selection(s, &selection) || !ws2kit_sockstate(s, &state) || state.type != SOCK_DGRAM) return;
    TRACE("%#Ix: datagram socket connected, mask %#lx\n", s, selection.mask);
    if (selection.messages)
    {
        if (selection.mask & FD_WRITE)
            ws2kit_post_message(selection.window, selection.message, s, WSAMAKESELECTREPLY(FD_WRITE, 0));
        return;
    }
    release_withheld(s, &selection);
    if (!(selection.mask & posted)) return;
    ws2kit_known_notes_edit(s, edit_add_extra, &posted);
    SetEvent(selection.event);
}

/* The wineserver forgets a socket's selection at shutdown(SD_BOTH); Windows
 * keeps it and still posts FD_CLOSE when the peer closes (sock.c
 * test_close_events).  So ws2kit selects again. */
void ws2kit_events_after_shutdown(SOCKET s, int how)
{
    struct ws2kit_selection selection;

    if (how != SD_BOTH || !recall_selection(s, &selection)) return;
    TRACE("%#Ix: selecting %#lx again after shutdown\n", s, selection.mask);
    device_select(s, &selection);
}

/* An empty peek through the device re-enables FD_READ (with MSG_OOB:
 * FD_OOB): the device posts the event again if its condition holds.  The
 * socket is non-blocking while selected, so the peek returns at once; one
 * whose selection was cancelled meanwhile and that blocks again would wait
 * for data, so a peek that waits is cancelled.  The event's low bit keeps
 * the request from the socket's completion port. */
static void reenable_receive(SOCKET s, DWORD flags)
{
    struct afd_recvmsg_params params = { 0 };
    OVERLAPPED overlapped = { 0 };
    WSABUF none = { 0, NULL };
    HANDLE done;

    if (!(done = CreateEventW(NULL, TRUE, FALSE, NULL))) return;
    flags |= MSG_PEEK;
    params.ws_flags_ptr = (ULONG_PTR)&flags;
    params.count = 1;
    params.buffers_ptr = (ULONG_PTR)&none;
    overlapped.hEvent = (HANDLE)((ULONG_PTR)done | 1);
    if (ws2kit_afd_request(s, IOCTL_AFD_WINE_RECVMSG, &params, sizeof(params), &overlapped, NULL, NULL) ==
        STATUS_PENDING)
    {
        TRACE("%#Ix: the peek waits: cancelling it\n", s);
        CancelIoEx((HANDLE)s, &overlapped);
        WaitForSingleObject(done, INFINITE);   /* the request uses our stack until it ends */
    }
    CloseHandle(done);
}

/* A receive that fails before it reaches the device (a negative length)
 * still re-enables FD_READ for WSAAsyncSelect on Windows, which then posts
 * it again while data waits; WSAEventSelect's FD_READ stays disabled (sock.c
 * test_read_events). */
void ws2kit_events_receive_refused(SOCKET s)
{
    struct ws2kit_selection selection;

    if (!recall_selection(s, &selection) || !selection.messages || !(selection.mask & FD_READ)) return;
    TRACE("%#Ix: re-enabling FD_READ\n", s);
    reenable_receive(s, 0);
}

/* News from the watch -------------------------------------------------- */

struct taken_change { LONG set, clear; ULONG level; };

static void edit_taken(struct ws2kit_socket_notes *notes, const void *arg)
{
    const struct taken_change *change = arg;

    notes->taken = (notes->taken | change->set) & ~change->clear;
    if (change->set) notes->taken_level = change->level;
}

static void change_taken(SOCKET s, LONG set, LONG clear, ULONG level)
{
    struct taken_change change = { set, clear, level };

    ws2kit_known_notes_edit(s, edit_taken, &change);
}

/* What waits on a watched socket (see struct ws2kit_watch_level_params). */
static BOOL watch_level(SOCKET s, struct ws2kit_watch_level_params *level)
{
    memset(level, 0, sizeof(*level));
    level->handle = ws2kit_unix_handle(s);
    return !ws2kit_unix_call(ws2kit_unix_watch_level, level);
}

/* The program took events from WSAEnumNetworkEvents: what waits now is what
 * they were about; only more than that is news. */
static void events_taken(SOCKET s, LONG events)
{
    struct ws2kit_watch_level_params level;
    struct ws2kit_socket_notes notes;

    events &= FD_READ | FD_ACCEPT;
    if (!events || !ws2kit_notes_read(s, &notes) || !notes.watched) return;
    if (!watch_level(s, &level)) level.waiting = 0;
    change_taken(s, events, 0, level.waiting);
}

/* A call that re-enables events: recv (FD_READ), recv with MSG_OOB
 * (FD_OOB), accept (FD_ACCEPT). */
void ws2kit_events_reenabled(SOCKET s, LONG events)
{
    struct ws2kit_socket_notes notes;

    /* Asked first under the shared lock: every receive through the device
     * comes here, and on most sockets nothing is taken, so nothing to clear. */
    if (ws2kit_notes_read(s, &notes) && (notes.taken & events)) change_taken(s, 0, events, 0);
}

/* closesocket, before the socket's notes go: the relay must see them for
 * the device's FD_CLOSE still on its way; and the socket leaves the close
 * watch, since Windows posts nothing for closesocket (closewatch.c). */
void ws2kit_events_closing(SOCKET s)
{
    struct ws2kit_socket_notes notes;

    if (ws2kit_notes_read(s, &notes) && notes.close_posted && notes.selection.messages) ws2kit_relay_flush();
    ws2kit_close_watch_forget(s);
}

/* Posts an event of ws2kit's own: for WSAEventSelect, an extra event that
 * WSAEnumNetworkEvents reports; for WSAAsyncSelect, a message. */
static void post_own(SOCKET s, const struct ws2kit_selection *selection, LONG event)
{
    if (!(selection->mask & event)) return;
    TRACE("%#Ix: posting %#lx\n", s, event);
    if (selection->messages)
    {
        ws2kit_post_message(selection->window, selection->message, s, WSAMAKESELECTREPLY(event, 0));
        return;
    }
    ws2kit_known_notes_edit(s, edit_add_extra, &event);
    SetEvent(selection->event);
}

static void edit_close_posted(struct ws2kit_socket_notes *notes, const void *arg)
{
    (void)arg;
    notes->close_posted = TRUE;
}

/* The peer's FIN came while data waits unread: Windows posts FD_CLOSE now
 * (sock.c test_close_events), the device only once the data has been read.
 * ws2kit posts it, and from then on keeps the device's from the program.
 * Without data waiting, and after a reset, the device's FD_CLOSE is right
 * and comes at once. */
static void peer_closed(SOCKET s, const struct ws2kit_socket_notes *notes)
{
    struct ws2kit_selection selection = notes->selection;
    struct ws2kit_watch_level_params level;

    if (!(selection.mask & FD_CLOSE) || notes->close_posted) return;
    if (!watch_level(s, &level) || level.listening || !level.waiting) return;
    ws2kit_known_notes_edit(s, edit_close_posted, NULL);
    if (!selection.messages)
    {
        selection.withheld |= FD_CLOSE;
        if (!device_select(s, &selection)) remember_selection(s, &selection);
    }
    post_own(s, &selection, FD_CLOSE);
}

/* Something new came while the event it raises waits unread or disabled:
 * Windows records the event again for WSAEventSelect (sock.c
 * test_accept_events, test_read_events, test_oob_events), though not for
 * window messages.  The device posts data again once re-enabled, when the
 * program has had the event; a new connection ws2kit posts itself when the
 * program has had FD_ACCEPT and accepted nothing since. */
static void arrival(SOCKET s, const struct ws2kit_socket_notes *notes, unsigned int what)
{
    struct ws2kit_watch_level_params level;
    LONG mask = notes->selection.mask;

    /* An event not taken yet is still pending: nothing to do (a re-enable
     * would take it back from the program for a moment).  News of what the
     * program has had already is old. */
    if (!watch_level(s, &level)) return;
    if (level.listening)
    {
        if (!(what & WS2KIT_WATCH_ARRIVAL) || !(notes->taken & FD_ACCEPT) || level.waiting <= notes->taken_level)
            return;
        change_taken(s, FD_ACCEPT, 0, level.waiting);
        post_own(s, &notes->selection, FD_ACCEPT);
        return;
    }
    if ((what & WS2KIT_WATCH_ARRIVAL) && (mask & notes->taken & FD_READ) && level.waiting > notes->taken_level)
    {
        ws2kit_events_reenabled(s, FD_READ);
        reenable_receive(s, 0);
    }
}

/* FD_OOB is ws2kit's own ---------------------------------------------- */

struct oob_claim { BOOL arrival, post; };

static void edit_claim_oob(struct ws2kit_socket_notes *notes, const void *arg)
{
    struct oob_claim *claim = (struct oob_claim *)(ULONG_PTR)arg;

    if (!(notes->selection.mask & FD_OOB)) return;
    claim->post = !notes->oob_quiet || (claim->arrival && !notes->selection.messages);
    if (claim->post) notes->oob_quiet = TRUE;
}

static void edit_oob_enabled(struct ws2kit_socket_notes *notes, const void *arg)
{
    (void)arg;
    notes->oob_quiet = FALSE;
}

/* ws2kit.so takes urgent bytes from Linux as they come (urgent.c), so the
 * device, which looks at Linux's one urgent byte, would miss them: FD_OOB
 * is kept from the device and ws2kit posts it, as Windows does (sock.c
 * test_oob_events): for WSAEventSelect at each new urgent byte, for window
 * messages only until it is posted and not re-enabled; after a
 * recv(MSG_OOB) that leaves urgent bytes waiting; at a new selection while
 * one waits, for WSAEventSelect only if FD_OOB has not been reported since
 * the last recv(MSG_OOB).  Asking takes a new urgent byte into the queue. */
static void post_oob(SOCKET s, BOOL arrival)
{
    struct oob_claim claim = { arrival, FALSE };
    struct ws2kit_selection selection;

    if (!ws2kit_urgent_waiting(s)) return;
    ws2kit_known_notes_edit(s, edit_claim_oob, &claim);
    if (claim.post && recall_selection(s, &selection)) post_own(s, &selection, FD_OOB);
}

/* The program read an urgent byte with MSG_OOB. */
void ws2kit_events_urgent_read(SOCKET s)
{
    struct ws2kit_socket_notes notes;

    if (!ws2kit_notes_read(s, &notes) || !(notes.selection.mask & FD_OOB)) return;
    ws2kit_known_notes_edit(s, edit_oob_enabled, NULL);
    post_oob(s, FALSE);
}

static void events_news(SOCKET s, unsigned int what)
{
    struct ws2kit_socket_notes notes;

    if (!what || !ws2kit_notes_read(s, &notes)) return;
    TRACE("%#Ix: news %#x\n", s, what);
    /* Taken at once, selected or not: the next would push it back into the
     * stream. */
    if (what & WS2KIT_WATCH_URGENT) post_oob(s, TRUE);
    if (!notes.selection.mask) return;
    /* A FIN also wakes the watch as an arrival: Windows posts FD_CLOSE alone. */
    if (what & WS2KIT_WATCH_PEER_CLOSED)
    {
        if (!(what & WS2KIT_WATCH_ERROR)) peer_closed(s, &notes);
        return;
    }
    if (!notes.selection.messages) arrival(s, &notes, what);
}

/* The watch ------------------------------------------------------------
 * The PE half of ws2kit.so's watch (dlls/ws2kit/unix/watch.c): one thread
 * per process waits for news of the selected stream sockets that the
 * wineserver does not give, and of urgent data, and hands each piece to
 * events_news.  It starts with the first socket watched and runs ws2kit's
 * code for the rest of the process's life. */

extern IMAGE_DOS_HEADER __ImageBase;

static INIT_ONCE watch_once = INIT_ONCE_STATIC_INIT;
static BOOL watch_running;

static DWORD WINAPI watch_thread(void *arg)
{
    struct ws2kit_watch_wait_params params;
    unsigned int i;
    int err;

    (void)arg;
    for (;;)
    {
        memset(&params, 0, sizeof(params));
        params.timeout_ms = -1;
        if ((err = ws2kit_unix_call(ws2kit_unix_watch_wait, &params)))
        {
            ERR("the watch failed (error %d): no more news\n", err);
            return 0;
        }
        for (i = 0; i < params.count && i < WS2KIT_WATCH_MAX_NEWS; i++)
            events_news((SOCKET)params.news[i].handle, params.news[i].what);
    }
}

static BOOL CALLBACK start_watch(INIT_ONCE *once, void *param, void **context)
{
    HMODULE self;
    HANDLE thread;

    (void)once; (void)param; (void)context;
    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_PIN,
                       (const WCHAR *)&__ImageBase, &self);
    if ((thread = CreateThread(NULL, 0, watch_thread, NULL, 0, NULL)))
    {
        watch_running = TRUE;
        CloseHandle(thread);
    }
    else WARN("no watch thread: error %lu\n", GetLastError());
    return TRUE;
}

/* Adds a socket to the watch, for all news or urgent data only; FALSE when
 * it cannot be watched. */
static BOOL watch(SOCKET s, enum ws2kit_unix_func func)
{
    struct ws2kit_handle_params params;
    int err;

    InitOnceExecuteOnce(&watch_once, start_watch, NULL, NULL);
    if (!watch_running) return FALSE;
    params.handle = ws2kit_unix_handle(s);
    if ((err = ws2kit_unix_call(func, &params)))
    {
        WARN("%#Ix: not watched (error %d)\n", s, err);
        return FALSE;
    }
    TRACE("%#Ix: watched%s\n", s, func == ws2kit_unix_watch_urgent ? " for urgent data" : "");
    return TRUE;
}

/* The program shows that it uses urgent data: ws2kit.so keeps the socket's
 * urgent bytes from now on (urgent.c), and the news of each takes it into
 * the queue at once, before another could push it back into the stream
 * (post_oob). */
void ws2kit_events_urgent_use(SOCKET s)
{
    if (ws2kit_urgent_use(s)) watch(s, ws2kit_unix_watch_urgent);
}

/* Watches a stream socket whose selection has events the watch brings news
 * of, once: window messages take only FD_CLOSE from it. */
static void watch_selected(SOCKET s, BOOL messages, LONG mask)
{
    struct ws2kit_sockstate_params state;
    struct ws2kit_socket_notes notes;
    BOOL watched = TRUE;

    if (!(mask & (messages ? FD_CLOSE | FD_OOB : FD_READ | FD_OOB | FD_ACCEPT | FD_CLOSE))) return;
    if (!ws2kit_notes_read(s, &notes) || notes.watched) return;
    if (!ws2kit_sockstate(s, &state) || state.type != SOCK_STREAM) return;
    if (watch(s, ws2kit_unix_watch_add)) ws2kit_known_notes_edit(s, edit_watched, &watched);
}

/* An accepted socket has its listener's selection, which the device copies
 * without the FD_OOB it never had (see post_oob): ws2kit keeps FD_OOB for
 * it as for the listener. */
void ws2kit_events_accepted(SOCKET listener, SOCKET accepted)
{
    struct ws2kit_selection selection;

    if (!recall_selection(listener, &selection) || !(selection.mask & FD_OOB)) return;
    selection.withheld = FD_OOB;
    selection.extra = 0;
    remember_selection(accepted, &selection);
    ws2kit_events_urgent_use(accepted);
    watch_selected(accepted, selection.messages, selection.mask);
}

/* The API ------------------------------------------------------------- */

int WINAPI WSAEventSelect(SOCKET s, WSAEVENT event, LONG mask)
{
    struct ws2kit_selection selection = { 0 };
    NTSTATUS status;

    CHECK_STARTED(SOCKET_ERROR);
    TRACE("%#Ix event %p mask %#lx\n", s, event, mask);
    /* A mask needs an event even when none of its events has a device bit. */
    if (mask && !ws2kit_bits_to_other(WS2KIT_BIT_MAP(event_map), mask, NULL) && !event)
        return ws2kit_socket_fail(s, WSAEINVAL);
    selection.mask = mask;
    selection.event = event;
    selection.withheld = withheld_events(s, mask);
    if (mask & FD_OOB) ws2kit_events_urgent_use(s);
    status = device_select(s, &selection);
    if (status) return ws2kit_socket_fail_status(s, status);
    remember_selection(s, &selection);
    watch_selected(s, FALSE, mask);
    ws2kit_close_watch_forget(s);  /* it replaced any WSAAsyncSelect */
    post_oob(s, FALSE);
    return ws2kit_succeed();
}

int WINAPI WSAEnumNetworkEvents(SOCKET s, WSAEVENT event, WSANETWORKEVENTS *events)
{
    struct afd_get_events_params params;
    WSANETWORKEVENTS result;
    NTSTATUS status;
    LONG extra;
    int i;

    CHECK_STARTED(SOCKET_ERROR);
    TRACE("%#Ix event %p\n", s, event);
    if (!events) return ws2kit_socket_fail(s, WSAEFAULT);
    memset(&params, 0, sizeof(params));
    /* Reset before the events are taken, not after: the wineserver sets the
     * event for one posted in between (FD_WRITE right after FD_CONNECT), and
     * a reset after would lose its signal while the event stays pending. */
    if (event) ResetEvent(event);
    status = ws2kit_afd_call(s, IOCTL_AFD_GET_EVENTS, NULL, 0, &params, sizeof(params), NULL);
    if (status) return ws2kit_socket_fail_status(s, status);
    events_from_afd(&params, &result);
    /* Events ws2kit posted itself carry no error. */
    extra = take_extra(s) & ~result.lNetworkEvents;
    for (i = 0; i < FD_MAX_EVENTS; i++)
        if (extra & (1 << i)) result.iErrorCode[i] = 0;
    result.lNetworkEvents |= extra;
    events_taken(s, result.lNetworkEvents);
    TRACE("%#Ix device events %#x, ws2kit's %#lx -> %#lx\n", s, params.flags, extra, result.lNetworkEvents);
    /* The device has consumed the events already: a bad output pointer loses
     * them.  Windows writes the error code of each event it reports and
     * leaves the other entries of iErrorCode as they were. */
    if (!ws2kit_probe_write_user(events, sizeof(*events))) return ws2kit_fail(WSAEFAULT);
    for (i = 0; i < FD_MAX_EVENTS; i++)
        if ((result.lNetworkEvents & (1 << i)) &&
            !ws2kit_write_user(&events->iErrorCode[i], &result.iErrorCode[i], sizeof(result.iErrorCode[i])))
            return ws2kit_fail(WSAEFAULT);
    if (!ws2kit_write_user(&events->lNetworkEvents, &result.lNetworkEvents, sizeof(result.lNetworkEvents)))
        return ws2kit_fail(WSAEFAULT);
    return ws2kit_succeed();
}

/* Selecting FD_CLOSE again on a connection the peer reset posts FD_CLOSE
 * with WSAECONNABORTED again on Windows (sock.c test_close_events).  The
 * wineserver polls a reset socket no more, but a poll request makes it look
 * at the socket and post the reset (AFD_POLL_RESET, which the new message
 * selection re-enabled) as FD_CLOSE; the relay gives it its error. */
static void post_reset_close(SOCKET s, LONG mask)
{
    if ((mask & FD_CLOSE) && ws2kit_connection_was_reset(s))
        TRACE("%#Ix: the device posts FD_CLOSE again for a reset connection\n", s);
}

int WINAPI WSAAsyncSelect(SOCKET s, HWND window, UINT message, LONG mask)
{
    struct ws2kit_selection selection = { 0 };
    NTSTATUS status;

    CHECK_STARTED(SOCKET_ERROR);
    TRACE("%#Ix window %p message %#x mask %#lx\n", s, window, message, mask);
    /* A mask of 0 cancels whatever the window; any other needs a real one. */
    if (mask && !IsWindow(window)) return ws2kit_socket_fail(s, WSAEINVAL);
    selection.mask = mask;
    selection.messages = TRUE;
    selection.window = window;
    selection.message = message;
    selection.withheld = mask & FD_OOB;   /* ws2kit's own: see post_oob */
    if (mask & FD_OOB) ws2kit_events_urgent_use(s);
    status = device_select(s, &selection);
    if (status) return ws2kit_socket_fail_status(s, status);
    remember_selection(s, &selection);
    watch_selected(s, TRUE, mask);
    ws2kit_close_watch_select(s, window, message, mask);
    ws2kit_known_notes_edit(s, edit_oob_enabled, NULL);
    post_oob(s, FALSE);
    if (window) post_reset_close(s, mask);
    /* Selecting again posts FD_CLOSE again on Windows; the device's is
     * dropped after ws2kit posted its own. */
    if (window && ws2kit_close_posted(s)) post_own(s, &selection, FD_CLOSE);
    return ws2kit_succeed();
}
