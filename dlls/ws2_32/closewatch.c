/* FD_CLOSE for a socket whose handle is closed without closesocket.
 *
 * Windows posts FD_CLOSE (error 0) to a WSAAsyncSelect window when the
 * program closes the socket's handle with CloseHandle or NtClose, and posts
 * nothing for closesocket (Wine's sock.c test_iocp, checked on Windows).
 * Wine's wineserver posts nothing in either case; it does end a poll
 * request that names a socket with AFD_POLL_CLOSE when the socket's last
 * handle closes.  So one poll request, issued through a socket of ws2kit's
 * own (a close would cancel a request issued through the closed handle),
 * names every socket selected for messages with FD_CLOSE; a threadpool
 * wait takes its result, posts FD_CLOSE for the sockets it reports closed
 * and issues the request again.  A new socket cancels the request, which
 * is then issued again with it.  closesocket takes its socket out first,
 * and waits for the request that names it to end: the request holds the
 * socket object, which would outlive its handle, its connection not closed
 * and the wineserver still posting its events. */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

extern IMAGE_DOS_HEADER __ImageBase;

/* named: the pending request names this entry.  A handle value is reused
 * at once: a socket closed with closesocket and a new one with its value
 * must not take the old one's close from a request issued before it. */
struct watched { SOCKET s; HWND window; UINT message; BOOL named; };

static SRWLOCK lock = SRWLOCK_INIT;
static struct watched *watched;
static ULONG watched_count, watched_size;
static SOCKET poll_socket = INVALID_SOCKET;
static OVERLAPPED request;                     /* its Internal is the IO_STATUS_BLOCK */
static struct afd_poll_params *params;         /* in and out of the pending request */
static BOOL pending;
static PTP_WAIT wait;
static ULONG requests_done;                    /* counts request_done's runs */
static CONDITION_VARIABLE request_ended = CONDITION_VARIABLE_INIT;

/* Under the lock: the watched entry of s (only one the pending request
 * names, if named_only), taken out; FALSE if none. */
static BOOL take(SOCKET s, BOOL named_only, struct watched *entry)
{
    ULONG i;

    for (i = 0; i < watched_count; i++)
        if (watched[i].s == s && (watched[i].named || !named_only))
        {
            *entry = watched[i];
            watched[i] = watched[--watched_count];
            return TRUE;
        }
    return FALSE;
}

/* What a pass found closed, posted once the lock is released. */
struct closed_list { struct watched *entries; ULONG count; };

static void add_closed(struct closed_list *closed, const struct watched *entry)
{
    struct watched *bigger = realloc(closed->entries, (closed->count + 1) * sizeof(*bigger));

    if (!bigger) return;
    closed->entries = bigger;
    closed->entries[closed->count++] = *entry;
}

/* Under the lock: a request naming a handle that is no longer a socket
 * fails as a whole.  Such a handle was closed without closesocket. */
static void take_gone(struct closed_list *closed)
{
    ULONG i = 0;

    while (i < watched_count)
    {
        if (ws2kit_is_socket(watched[i].s)) { i++; continue; }
        add_closed(closed, &watched[i]);
        watched[i] = watched[--watched_count];
    }
}

/* Under the lock, nothing pending: names every watched socket. */
static void issue_request(struct closed_list *closed)
{
    ULONG size, i;
    NTSTATUS status = STATUS_INVALID_HANDLE;
    int tries;

    for (tries = 0; tries < 2 && watched_count && status == STATUS_INVALID_HANDLE; tries++)
    {
        if (tries) take_gone(closed);
        if (!watched_count) return;
        size = offsetof(struct afd_poll_params, sockets[watched_count]);
        free(params);
        if (!(params = calloc(1, size))) return;
        params->timeout = AFD_POLL_NO_TIMEOUT;
        params->count = watched_count;
        for (i = 0; i < watched_count; i++)
        {
            params->sockets[i].socket = watched[i].s;
            params->sockets[i].flags = AFD_POLL_CLOSE;
            watched[i].named = TRUE;
        }
        ResetEvent(request.hEvent);
        status = ws2kit_afd_issue((HANDLE)poll_socket, request.hEvent, NULL, (IO_STATUS_BLOCK *)&request, IOCTL_AFD_POLL,
                                  params, size, params, size);
        if (status == STATUS_OBJECT_TYPE_MISMATCH)  /* a handle reused */
            status = STATUS_INVALID_HANDLE;
    }
    pending = status == STATUS_PENDING || !status;
    if (pending) SetThreadpoolWait(wait, request.hEvent, NULL);
    else if (watched_count) ERR("the close watch's poll failed: %#lx\n", status);
}

static void post_closed(struct closed_list *closed)
{
    ULONG i;

    for (i = 0; i < closed->count; i++)
    {
        const struct watched *entry = &closed->entries[i];
        TRACE("%#Ix: its handle was closed; FD_CLOSE to window %p\n", entry->s, entry->window);
        ws2kit_post_message(entry->window, entry->message, entry->s, WSAMAKESELECTREPLY(FD_CLOSE, 0));
    }
    free(closed->entries);
}

static void CALLBACK request_done(PTP_CALLBACK_INSTANCE instance, void *context, PTP_WAIT unused,
                                  TP_WAIT_RESULT result)
{
    struct closed_list closed = { NULL, 0 };
    struct watched entry;
    ULONG i;

    (void)instance; (void)context; (void)unused; (void)result;
    AcquireSRWLockExclusive(&lock);
    pending = FALSE;
    /* A cancelled request (a socket was added) reports nothing. */
    if (!request.Internal)
        for (i = 0; i < params->count; i++)
            if ((params->sockets[i].flags & AFD_POLL_CLOSE) && take(params->sockets[i].socket, TRUE, &entry))
                add_closed(&closed, &entry);
    issue_request(&closed);
    requests_done++;
    ReleaseSRWLockExclusive(&lock);
    WakeAllConditionVariable(&request_ended);
    post_closed(&closed);
}

/* Under the lock: the socket, the event and the wait, made once. */
static BOOL ready(void)
{
    HMODULE self;

    if (wait) return TRUE;
    /* The wait runs our code for the rest of the process's life. */
    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_PIN,
                       (const WCHAR *)&__ImageBase, &self);
    if (!(request.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL))) return FALSE;
    if (!(wait = CreateThreadpoolWait(request_done, NULL, NULL)) ||
        (poll_socket = socket(AF_INET, SOCK_DGRAM, 0)) == INVALID_SOCKET)
    {
        if (wait) CloseThreadpoolWait(wait);
        wait = NULL;
        CloseHandle(request.hEvent);
        request.hEvent = NULL;
        return FALSE;
    }
    return TRUE;
}

static BOOL grow(void)
{
    struct watched *bigger;
    ULONG size = watched_size ? watched_size * 2 : 16;

    if (watched_count < watched_size) return TRUE;
    if (!(bigger = realloc(watched, size * sizeof(*bigger)))) return FALSE;
    watched = bigger;
    watched_size = size;
    return TRUE;
}

/* WSAAsyncSelect chose (window, message) for s: watched while FD_CLOSE is
 * in the mask. */
void ws2kit_close_watch_select(SOCKET s, HWND window, UINT message, LONG mask)
{
    struct closed_list closed = { NULL, 0 };
    struct watched entry;

    AcquireSRWLockExclusive(&lock);
    take(s, FALSE, &entry);
    if ((mask & FD_CLOSE) && window && ready() && grow())
    {
        watched[watched_count].s = s;
        watched[watched_count].window = window;
        watched[watched_count].message = message;
        watched[watched_count].named = FALSE;
        watched_count++;
        if (pending) CancelIoEx((HANDLE)poll_socket, &request);  /* issued again with s */
        else issue_request(&closed);
    }
    ReleaseSRWLockExclusive(&lock);
    post_closed(&closed);
}

/* closesocket, before the handle closes (Windows posts nothing then), and
 * WSAEventSelect, which ends a WSAAsyncSelect. */
void ws2kit_close_watch_forget(SOCKET s)
{
    struct watched entry;
    ULONG done;

    AcquireSRWLockExclusive(&lock);
    if (take(s, FALSE, &entry) && entry.named && pending)
    {
        CancelIoEx((HANDLE)poll_socket, &request);
        done = requests_done;
        while (requests_done == done && SleepConditionVariableSRW(&request_ended, &lock, 5000, 0)) ;
        if (requests_done == done) ERR("%#Ix: the close watch's request did not end\n", s);
    }
    ReleaseSRWLockExclusive(&lock);
}
