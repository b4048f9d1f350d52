/* TCP urgent data kept the way Windows keeps it, on top of Linux's one
 * urgent byte.
 *
 * Windows keeps each byte sent with MSG_OOB out of the stream, in a queue of
 * its own: several wait in turn for recv(MSG_OOB), FIONREAD leaves them out,
 * SIOCATMARK is FALSE while one waits, and a normal recv never returns one
 * unless SO_OOBINLINE is on.  Linux keeps one urgent byte, at "the mark":
 *  - a normal read stops right before the mark, and one that starts at it
 *    skips the byte, read with MSG_OOB or not (so a byte skipped unread is
 *    lost);
 *  - the next urgent byte moves the mark, and the old byte, even one read
 *    with MSG_OOB already, comes back as normal data (unless the read
 *    position was right on it);
 *  - SIOCINQ counts only up to a mark that lies ahead.
 * So ws2kit.so takes each urgent byte from Linux with MSG_OOB as soon as it
 * sees one (POLLPRI) into the socket's queue here, which remembers where the
 * byte sits in the stream, and cuts the bytes of the queue that Linux would
 * return out of the normal reads it makes (dlls/ws2kit/unix/fastio.c), or
 * tells the PE side how far a read through Wine's device may go.
 *
 * Offsets count the bytes of the stream from its start: TCP_INFO's
 * tcpi_bytes_received says where the data received ends and sock_diag's
 * rqueue how much of it is unread (rcv_nxt - copied_seq), both counting a
 * FIN.  Only sockets the PE side marked as using urgent data come here. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/sockios.h>
#include <linux/tcp.h>

#include "unix_private.h"
#include "ws2kit/handle_table.h"

/* Urgent bytes kept per socket; when that many wait, Linux keeps the next. */
#define URGENT_QUEUE_MAX 32

/* Where a byte sits when sock_diag cannot say (a kernel without inet_diag):
 * it waits for recv(MSG_OOB) all the same, but is never cut out of the
 * normal data. */
#define OFFSET_UNKNOWN UINT64_MAX

struct urgent_byte
{
    uint64_t offset;   /* where it sits in the stream */
    uint8_t value;
    uint8_t taken;     /* the program has read it with MSG_OOB */
};

struct urgent_queue
{
    uint64_t handle;   /* the key, first (include/ws2kit/handle_table.h) */
    uint32_t count;
    struct urgent_byte bytes[URGENT_QUEUE_MAX];   /* by offset */
};
_Static_assert(offsetof(struct urgent_queue, handle) == 0, "a table entry starts with its key");

static pthread_mutex_t urgent_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ws2kit_handle_table queues = WS2KIT_HANDLE_TABLE_INIT(struct urgent_queue);

/* Where the stream stands ------------------------------------------------ */

struct stream_position
{
    uint64_t read;     /* what the program has consumed: read, or skipped by Linux */
    uint64_t end;      /* where the data received ends (a FIN not counted) */
};

static int tcp_info_of(int fd, struct tcp_info *info)
{
    socklen_t len = sizeof(*info);

    memset(info, 0, sizeof(*info));
    return getsockopt(fd, IPPROTO_TCP, TCP_INFO, info, &len);
}

/* The socket's sock_diag request: its two addresses, as Linux looks it up. */
static int diag_request(int fd, struct inet_diag_req_v2 *req)
{
    struct sockaddr_storage local, peer;
    socklen_t local_len = sizeof(local), peer_len = sizeof(peer);

    if (getsockname(fd, (struct sockaddr *)&local, &local_len) || getpeername(fd, (struct sockaddr *)&peer, &peer_len))
        return -1;
    memset(req, 0, sizeof(*req));
    req->sdiag_family = local.ss_family;
    req->sdiag_protocol = IPPROTO_TCP;
    req->idiag_states = ~0u;
    req->id.idiag_cookie[0] = req->id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;
    if (local.ss_family == AF_INET)
    {
        req->id.idiag_sport = ((struct sockaddr_in *)&local)->sin_port;
        req->id.idiag_dport = ((struct sockaddr_in *)&peer)->sin_port;
        memcpy(req->id.idiag_src, &((struct sockaddr_in *)&local)->sin_addr, 4);
        memcpy(req->id.idiag_dst, &((struct sockaddr_in *)&peer)->sin_addr, 4);
        return 0;
    }
    if (local.ss_family != AF_INET6) return -1;
    req->id.idiag_sport = ((struct sockaddr_in6 *)&local)->sin6_port;
    req->id.idiag_dport = ((struct sockaddr_in6 *)&peer)->sin6_port;
    memcpy(req->id.idiag_src, &((struct sockaddr_in6 *)&local)->sin6_addr, 16);
    memcpy(req->id.idiag_dst, &((struct sockaddr_in6 *)&peer)->sin6_addr, 16);
    return 0;
}

/* The bytes received and not consumed yet, a FIN counted (rcv_nxt -
 * copied_seq): only sock_diag tells, SIOCINQ stops at a mark ahead. */
static int diag_unread(int fd, uint32_t *unread)
{
    struct { struct nlmsghdr header; struct inet_diag_req_v2 req; } request;
    union { struct nlmsghdr header; char bytes[1024]; } reply;
    const struct inet_diag_msg *msg;
    ssize_t n;
    int nl;

    memset(&request.header, 0, sizeof(request.header));
    if (diag_request(fd, &request.req)) return -1;
    request.header.nlmsg_len = sizeof(request);
    request.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    request.header.nlmsg_flags = NLM_F_REQUEST;
    if ((nl = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG)) < 0) return -1;
    /* Linux answers within send(). */
    n = send(nl, &request, sizeof(request), 0) == sizeof(request) ? recv(nl, &reply, sizeof(reply), MSG_DONTWAIT) : -1;
    close(nl);
    if (n < (ssize_t)NLMSG_LENGTH(sizeof(*msg)) || reply.header.nlmsg_type != SOCK_DIAG_BY_FAMILY) return -1;
    msg = NLMSG_DATA(&reply.header);
    *unread = msg->idiag_rqueue;
    return 0;
}

/* Asked again while data comes in between the two reads. */
static int stream_position(int fd, struct stream_position *pos)
{
    struct tcp_info before, after;
    uint32_t unread;
    int tries;

    for (tries = 0; tries < 8; tries++)
    {
        if (tcp_info_of(fd, &before) || diag_unread(fd, &unread) || tcp_info_of(fd, &after)) return -1;
        if (before.tcpi_bytes_received != after.tcpi_bytes_received) continue;
        pos->end = after.tcpi_bytes_received - ws2kit_linux_fin_received(after.tcpi_state);
        pos->read = after.tcpi_bytes_received - unread;
        /* Reading end of file consumes the FIN too. */
        if (pos->read > pos->end) pos->read = pos->end;
        return 0;
    }
    return -1;
}

static int oob_inline(int fd)
{
    int on = 0;
    socklen_t len = sizeof(on);

    return !getsockopt(fd, SOL_SOCKET, SO_OOBINLINE, &on, &len) && on;
}

static int linux_at_mark(int fd)
{
    int at_mark = 0;
    return !ioctl(fd, SIOCATMARK, &at_mark) && at_mark;
}

/* The queue ----------------------------------------------------------------- */

static struct urgent_queue *queue_of(uint64_t handle, int make)
{
    handle &= ~WS2KIT_HANDLE_MARKS;
    return make ? ws2kit_table_get(&queues, handle) : ws2kit_table_find(&queues, handle);
}

static void queue_remove(struct urgent_queue *q, uint32_t i)
{
    memmove(&q->bytes[i], &q->bytes[i + 1], (q->count - i - 1) * sizeof(q->bytes[0]));
    q->count--;
}

/* Whether a byte of the queue is one a normal read must not return: one the
 * program has read with MSG_OOB, or one still waiting for it while
 * SO_OOBINLINE is off.  (A byte that came before SO_OOBINLINE was set is
 * normal data once it is on, as on Windows.) */
static int hidden(const struct urgent_byte *byte, int inline_on)
{
    return byte->taken || !inline_on;
}

/* Forgets what the stream has passed: bytes read with MSG_OOB, and with
 * SO_OOBINLINE the ones the program read as normal data.  A waiting byte
 * that Linux skipped stays for recv(MSG_OOB). */
static void drop_passed(struct urgent_queue *q, uint64_t read, int inline_on)
{
    uint32_t i = 0;

    while (i < q->count)
    {
        if (q->bytes[i].offset < read && (q->bytes[i].taken || inline_on)) queue_remove(q, i);
        else i++;
    }
}

/* Takes the urgent byte Linux holds into the queue, if nobody has read it
 * yet: the next urgent byte would push it back into the stream.  With
 * SO_OOBINLINE on, an urgent byte is normal data on both systems. */
static void take_new_urgent(int fd, struct urgent_queue *q)
{
    struct pollfd p = { fd, POLLPRI, 0 };
    struct stream_position pos;
    int ahead = 0;
    uint64_t offset;
    char value;

    if (poll(&p, 1, 0) <= 0 || !(p.revents & POLLPRI) || oob_inline(fd)) return;
    if (q->count == URGENT_QUEUE_MAX) return;
    if (stream_position(fd, &pos)) offset = OFFSET_UNKNOWN;
    else
    {
        /* Before the byte is read, SIOCINQ counts up to it (0 right at it). */
        if (!linux_at_mark(fd) && ioctl(fd, SIOCINQ, &ahead)) return;
        offset = pos.read + (uint64_t)ahead;
        if (q->count && q->bytes[q->count - 1].offset != OFFSET_UNKNOWN && q->bytes[q->count - 1].offset >= offset)
            return;  /* not news: a race with another reader */
    }
    if (recv(fd, &value, 1, MSG_OOB | MSG_DONTWAIT) != 1) return;
    q->bytes[q->count].offset = offset;
    q->bytes[q->count].value = (uint8_t)value;
    q->bytes[q->count].taken = 0;
    q->count++;
}

/* With SO_OOBINLINE on, a waiting byte whose offset is unknown is taken as
 * read once no normal data is left before it or after it. */
static void drop_unknown_read_inline(struct urgent_queue *q, int inline_on, int unread)
{
    uint32_t i = 0;

    while (inline_on && !unread && i < q->count)
    {
        if (q->bytes[i].offset == OFFSET_UNKNOWN) queue_remove(q, i);
        else i++;
    }
}

static uint32_t waiting_count(const struct urgent_queue *q)
{
    uint32_t i, n = 0;

    for (i = 0; i < q->count; i++) n += !q->bytes[i].taken;
    return n;
}

/* The first byte a normal read must not return that is still in Linux's
 * stream, at or after the read position; NULL when none. */
static const struct urgent_byte *next_hidden(const struct urgent_queue *q, const struct stream_position *pos,
                                             int inline_on)
{
    uint32_t i;

    for (i = 0; i < q->count; i++)
        if (q->bytes[i].offset >= pos->read && q->bytes[i].offset < pos->end && hidden(&q->bytes[i], inline_on))
            return &q->bytes[i];
    return NULL;
}

/* Normal reads ---------------------------------------------------------------- */

/* Gets a normal read ready: takes a new urgent byte, reads away bytes of
 * the queue that Linux would return next, and says how many bytes the read
 * may return before the next such byte (UINT64_MAX: any number).  Linux
 * skips the byte at its own mark itself. */
static uint64_t clear_way_locked(int fd, struct urgent_queue *q)
{
    const struct urgent_byte *next;
    struct stream_position pos;
    int inline_on;
    char value;

    for (;;)
    {
        take_new_urgent(fd, q);
        if (!q->count || stream_position(fd, &pos)) return UINT64_MAX;
        inline_on = oob_inline(fd);
        drop_passed(q, pos.read, inline_on);
        if (!(next = next_hidden(q, &pos, inline_on))) return UINT64_MAX;
        if (next->offset > pos.read) return next->offset - pos.read;
        if (!inline_on && linux_at_mark(fd)) return UINT64_MAX;
        if (recv(fd, &value, 1, MSG_DONTWAIT) != 1) return UINT64_MAX;
    }
}

uint64_t ws2kit_urgent_clear_way(int fd, uint64_t handle)
{
    struct urgent_queue *q;
    uint64_t limit = UINT64_MAX;

    pthread_mutex_lock(&urgent_lock);
    if ((q = queue_of(handle, 1))) limit = clear_way_locked(fd, q);
    pthread_mutex_unlock(&urgent_lock);
    return limit;
}

int ws2kit_fd_urgent_clear_way(int fd, struct ws2kit_urgent_clear_way_params *params)
{
    params->limit = ws2kit_urgent_clear_way(fd, params->handle);
    return 0;
}

/* State, out-of-band reads, close ------------------------------------------- */

/* What Windows would say of the socket's urgent data: bytes waiting for
 * recv(MSG_OOB), and the normal bytes unread (FIONREAD). */
int ws2kit_fd_urgent_state(int fd, struct ws2kit_urgent_state_params *params)
{
    const struct urgent_byte *byte;
    struct stream_position pos;
    struct urgent_queue *q;
    int queued = 0, inline_on;
    uint32_t i;

    if (ioctl(fd, SIOCINQ, &queued)) queued = 0;   /* a listener */
    params->unread = queued > 0 ? (uint32_t)queued : 0;
    params->waiting = 0;
    pthread_mutex_lock(&urgent_lock);
    if ((q = queue_of(params->handle, 1)))
    {
        take_new_urgent(fd, q);
        inline_on = oob_inline(fd);
        params->oob_inline = inline_on;
        drop_unknown_read_inline(q, inline_on, queued);
        params->waiting = waiting_count(q);
        if (q->count && !stream_position(fd, &pos))
        {
            drop_passed(q, pos.read, inline_on);
            params->waiting = waiting_count(q);
            params->unread = (uint32_t)(pos.end - pos.read);
            for (i = 0; i < q->count; i++)
            {
                byte = &q->bytes[i];
                if (byte->offset >= pos.read && byte->offset < pos.end && hidden(byte, inline_on)) params->unread--;
            }
        }
    }
    pthread_mutex_unlock(&urgent_lock);
    return 0;
}

/* recv(MSG_OOB): the first byte waiting, taken unless peeking. */
int ws2kit_fd_urgent_recv(int fd, struct ws2kit_urgent_recv_params *params)
{
    struct urgent_queue *q;
    uint32_t i;

    params->got = 0;
    pthread_mutex_lock(&urgent_lock);
    if ((q = queue_of(params->handle, 1)))
    {
        take_new_urgent(fd, q);
        for (i = 0; i < q->count && q->bytes[i].taken; i++) ;
        if (i < q->count)
        {
            params->got = 1;
            params->value = q->bytes[i].value;
            if (!params->peek) q->bytes[i].taken = 1;
            /* Nothing to cut where the offset is unknown. */
            if (!params->peek && q->bytes[i].offset == OFFSET_UNKNOWN) queue_remove(q, i);
        }
    }
    pthread_mutex_unlock(&urgent_lock);
    return 0;
}

/* A byte the program has read with MSG_OOB can stay in Linux's receive
 * queue until a normal read passes it.  Closing the socket with it there
 * counts as closing with unread data, so Linux resets the connection where
 * Windows closes gracefully.  When such bytes are all that is left they are
 * read away here: bytes Linux gave back to the stream by a plain read, the
 * one at Linux's mark (not inline, already read: MSG_OOB|MSG_PEEK says
 * EINVAL, and SIOCINQ, which leaves it out, says 0) by a non-blocking
 * 1-byte read that skips it and reads nothing. */
static void read_away_taken(int fd, struct urgent_queue *q)
{
    const struct urgent_byte *next;
    struct stream_position pos;
    char value;

    while (q && q->count && !stream_position(fd, &pos))
    {
        drop_passed(q, pos.read, 0);
        if (!(next = next_hidden(q, &pos, 0)) || next->offset != pos.read || !next->taken) break;
        if (linux_at_mark(fd)) break;
        if (recv(fd, &value, 1, MSG_DONTWAIT) != 1) break;
    }
}

static void skip_taken_at_mark(int fd)
{
    int queued = 0;
    char byte;

    if (!linux_at_mark(fd) || oob_inline(fd)) return;
    if (ioctl(fd, SIOCINQ, &queued) || queued) return;
    if (recv(fd, &byte, 1, MSG_OOB | MSG_PEEK | MSG_DONTWAIT) >= 0 || errno != EINVAL) return;
    (void)recv(fd, &byte, 1, MSG_DONTWAIT);
}

int ws2kit_fd_urgent_close(int fd, uint64_t handle)
{
    struct urgent_queue *q;

    pthread_mutex_lock(&urgent_lock);
    q = queue_of(handle, 0);
    read_away_taken(fd, q);
    skip_taken_at_mark(fd);
    if (q) ws2kit_table_delete(&queues, q);
    pthread_mutex_unlock(&urgent_lock);
    return 0;
}

/* The handle is closed, or names another socket now. */
void ws2kit_urgent_forget(uint64_t handle)
{
    struct urgent_queue *q;

    pthread_mutex_lock(&urgent_lock);
    if ((q = queue_of(handle, 0))) ws2kit_table_delete(&queues, q);
    pthread_mutex_unlock(&urgent_lock);
}
