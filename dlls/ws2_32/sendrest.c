/* The rest of a short non-blocking stream send.
 *
 * Windows' AFD takes a non-blocking send on a stream socket whole when the
 * socket has room in its send buffer: what the transport cannot hold yet
 * stays buffered in AFD, and the next send fails with WSAEWOULDBLOCK until
 * there is room again.  Linux takes what fits and returns a short count,
 * which Wine passes on; Windows programs treat that count as impossible
 * (gRPC's event engine asserts on it, game servers crash).
 *
 * So when Wine's device reports a short count for a non-blocking send, the
 * rest is copied and sent as a request of ws2kit's own, queued on the
 * socket.  Wine's device keeps later sends in order behind it: a
 * non-blocking send fails with WSAEWOULDBLOCK while it is queued, as on
 * Windows when the buffer is full, and an overlapped one waits its turn.
 *
 * Data Windows accepted is sent even after closesocket (a graceful close).
 * The request therefore goes through a duplicate handle of ws2kit's own,
 * closed when the data is out, so the connection stays open for it; and
 * since closesocket cancels every request of the process on the socket
 * (CancelIoEx), a cancelled rest is sent again from where it stopped: Wine
 * reports the bytes a cancelled send had already sent.
 *
 * The request has no APC and no APC context, so it never posts to a
 * completion port the program associated with the socket; a thread-pool wait
 * on its event frees it. */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

struct send_rest
{
    struct send_rest *next; /* in the list of rests under way */
    SOCKET from;            /* the program's handle it was taken from */
    HANDLE socket;          /* ws2kit's own duplicate */
    HANDLE event;
    PTP_WAIT wait;
    IO_STATUS_BLOCK io;
    struct afd_sendmsg_params params;
    WSABUF buffer;          /* what is left to send, inside data */
    ULONG length;
    char data[];
};

/* The rests under way, so that closesocket can tell ws2kit's duplicates
 * from the program's other handles on a socket. */
static SRWLOCK rests_lock = SRWLOCK_INIT;
static struct send_rest *rests;

static void list_rest(struct send_rest *rest)
{
    AcquireSRWLockExclusive(&rests_lock);
    rest->next = rests;
    rests = rest;
    ReleaseSRWLockExclusive(&rests_lock);
}

static void unlist_rest(struct send_rest *rest)
{
    struct send_rest **p;

    AcquireSRWLockExclusive(&rests_lock);
    for (p = &rests; *p; p = &(*p)->next)
        if (*p == rest)
        {
            *p = rest->next;
            break;
        }
    ReleaseSRWLockExclusive(&rests_lock);
}

/* How many handles ws2kit's rests hold on the socket `s` names. */
unsigned int ws2kit_send_rest_handles(SOCKET s)
{
    struct send_rest *rest;
    unsigned int n = 0;

    AcquireSRWLockShared(&rests_lock);
    for (rest = rests; rest; rest = rest->next)
        if (rest->from == s) n++;
    ReleaseSRWLockShared(&rests_lock);
    return n;
}

static void free_rest(struct send_rest *rest)
{
    unlist_rest(rest);
    if (rest->wait) CloseThreadpoolWait(rest->wait);
    if (rest->event) CloseHandle(rest->event);
    if (rest->socket) CloseHandle(rest->socket);
    free(rest);
}

/* Queues what is left; the status of the request (STATUS_PENDING while queued). */
static NTSTATUS issue_rest(struct send_rest *rest)
{
    rest->params.count = 1;
    rest->params.buffers_ptr = (ULONG_PTR)&rest->buffer;
    rest->params.force_async = 1;
    rest->io.Status = STATUS_PENDING;
    rest->io.Information = 0;
    ResetEvent(rest->event);
    return ws2kit_afd_issue(rest->socket, rest->event, NULL, &rest->io, IOCTL_AFD_WINE_SENDMSG,
                            &rest->params, sizeof(rest->params), NULL, 0);
}

/* One request ended: a cancelled one goes on from where it stopped, any
 * other end is the last.  TRUE when the rest is queued again. */
static BOOL continue_after(struct send_rest *rest, NTSTATUS status, ULONG_PTR sent)
{
    if (status != STATUS_CANCELLED || sent >= rest->buffer.len)
    {
        if (status && status != STATUS_CANCELLED) WARN("%p: the rest of a send failed: %#lx\n", rest->socket, status);
        TRACE("%p: %lu bytes sent after the program's send returned\n", rest->socket, rest->length);
        return FALSE;
    }
    rest->buffer.buf += sent;
    rest->buffer.len -= sent;
    TRACE("%p: cancelled with %lu bytes left; sending them again\n", rest->socket, rest->buffer.len);
    return TRUE;
}

static void CALLBACK rest_done(PTP_CALLBACK_INSTANCE instance, void *context, PTP_WAIT wait, TP_WAIT_RESULT result)
{
    struct send_rest *rest = context;
    NTSTATUS status;

    (void)instance, (void)wait, (void)result;
    while (continue_after(rest, rest->io.Status, rest->io.Information))
    {
        if ((status = issue_rest(rest)) == STATUS_PENDING)
        {
            SetThreadpoolWait(rest->wait, rest->event, NULL);
            return;
        }
        rest->io.Status = status;
    }
    free_rest(rest);
}

/* Wine's device took `taken` of the `total` bytes in `buffers`: queue the
 * rest.  FALSE (the short count stands, as Microsoft's documentation allows)
 * when it cannot be copied or queued. */
BOOL ws2kit_send_rest_later(SOCKET s, const WSABUF *buffers, DWORD count, ULONG_PTR taken, ULONG_PTR total)
{
    struct send_rest *rest;
    NTSTATUS status;

    if (total - taken > MAXLONG || !(rest = calloc(1, sizeof(*rest) + (total - taken)))) return FALSE;
    rest->buffer.buf = rest->data;
    rest->buffer.len = rest->length = total - taken;
    if (!ws2kit_gather_wsabufs(buffers, count, taken, rest->data) || !DuplicateHandle(GetCurrentProcess(), (HANDLE)s, GetCurrentProcess(), &rest->socket, 0, FALSE,
                                      DUPLICATE_SAME_ACCESS) ||
        !(rest->event = CreateEventW(NULL, TRUE, FALSE, NULL)) ||
        !(rest->wait = CreateThreadpoolWait(rest_done, rest, NULL)))
    {
        free_rest(rest);
        return FALSE;
    }
    rest->from = s;
    list_rest(rest);
    TRACE("%#Ix: %Iu of %Iu bytes taken; the other %lu follow\n", s, taken, total, rest->length);
    status = issue_rest(rest);
    if (status == STATUS_PENDING) SetThreadpoolWait(rest->wait, rest->event, NULL);
    else if (status)
    {
        /* Nothing of it was queued: the program learns of the short count. */
        free_rest(rest);
        return FALSE;
    }
    else rest_done(NULL, rest, rest->wait, 0);
    return TRUE;
}
