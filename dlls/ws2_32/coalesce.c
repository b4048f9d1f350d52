/* Sends of more buffers than the host takes in one call.
 *
 * Windows takes any number of WSABUFs in one send.  Wine's device hands the
 * array to the host's sendmsg as it is, and Linux refuses more than
 * WS2KIT_HOST_MAX_BUFFERS of them with EMSGSIZE (libuv's tcp_writealot
 * writes 4096 at once, through an overlapped WSASend).  So the buffers from
 * the last place the host allows onwards are copied into one block that
 * takes that place.
 *
 * The block must live as long as the request: a request that ended at once
 * frees it at once; one that is pending keeps it on a list until its
 * OVERLAPPED says it is done, which every later coalescing send, and the
 * last WSACleanup, look at. */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

struct coalesced
{
    struct coalesced *next;
    const OVERLAPPED *overlapped;   /* the pending request's; NULL while unsent */
    char data[];
};

static SRWLOCK pending_lock = SRWLOCK_INIT;
static struct coalesced *pending;

static BOOL request_done(const OVERLAPPED *overlapped)
{
    ULONG_PTR status;

    /* An OVERLAPPED the program already freed counts as done too. */
    return !ws2kit_read_user(&status, &overlapped->Internal, sizeof(status)) || status != STATUS_PENDING;
}

/* Frees the blocks of the requests that ended; all of them when `all`. */
static void free_finished(BOOL all)
{
    struct coalesced **link, *block;

    AcquireSRWLockExclusive(&pending_lock);
    for (link = &pending; (block = *link);)
    {
        if (all || request_done(block->overlapped))
        {
            *link = block->next;
            free(block);
        }
        else link = &block->next;
    }
    ReleaseSRWLockExclusive(&pending_lock);
}

/* Rewrites `buffers` (ws2kit's own copy of the array, `*count` long) so that
 * the host takes it: the tail goes into one block, returned in `*block`
 * (NULL when nothing needed it).  WSAEFAULT when a tail buffer cannot be
 * read, WSAENOBUFS when the block cannot be had. */
int ws2kit_coalesce_buffers(WSABUF *buffers, DWORD *count, void **block)
{
    const DWORD last = WS2KIT_HOST_MAX_BUFFERS - 1;
    struct coalesced *tail;
    ULONG_PTR size;

    *block = NULL;
    if (*count <= WS2KIT_HOST_MAX_BUFFERS) return 0;
    free_finished(FALSE);
    size = ws2kit_wsabuf_total(buffers + last, *count - last);
    if (size > 0xffffffff || !(tail = malloc(sizeof(*tail) + size))) return WSAENOBUFS;
    if (!ws2kit_gather_wsabufs(buffers + last, *count - last, 0, tail->data))
    {
        free(tail);
        return WSAEFAULT;
    }
    TRACE("%lu buffers: the last %lu (%Iu bytes) sent as one\n", *count, *count - last, size);
    tail->next = NULL;
    tail->overlapped = NULL;
    buffers[last].buf = tail->data;
    buffers[last].len = size;
    *count = WS2KIT_HOST_MAX_BUFFERS;
    *block = tail;
    return 0;
}

/* The request using `block` was made: `err` is its answer. */
void ws2kit_coalesced_sent(void *block, const OVERLAPPED *overlapped, int err)
{
    struct coalesced *tail = block;

    if (!tail) return;
    if (!overlapped || err != WSA_IO_PENDING)
    {
        free(tail);
        return;
    }
    tail->overlapped = overlapped;
    AcquireSRWLockExclusive(&pending_lock);
    tail->next = pending;
    pending = tail;
    ReleaseSRWLockExclusive(&pending_lock);
}

/* The last WSACleanup: the sockets, and with them their requests, are gone. */
void ws2kit_coalesced_cleanup(void)
{
    free_finished(TRUE);
}
