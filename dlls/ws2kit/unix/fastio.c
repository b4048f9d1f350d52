/* The Unix half of the fast data path: one sendmsg or recvmsg on the
 * socket's Linux fd, where Wine's device would spend two wineserver round
 * trips on the same system call.  When the PE side may come here at all is
 * its business (dlls/ws2_32/fastio.c); this file only has to leave the
 * socket exactly as the device path would find it whenever it answers
 * WS2KIT_FAST_NOT_TAKEN. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>

#include "unix_private.h"

/* The failures that Linux reports once and then forgets (the socket's
 * pending error): whoever calls first must report them, so they are the
 * call's answer here, as Wine's device answers them.  Every other failure
 * leaves the socket as it was and goes to the device path, which answers
 * it the way it always has. */
static const struct { int linux_errno, wsa_error; } reported_once[] =
{
    { ECONNRESET,   WSAECONNRESET },
    { ETIMEDOUT,    WSAETIMEDOUT },
    { ECONNREFUSED, WSAECONNREFUSED },
    { EHOSTUNREACH, WSAEHOSTUNREACH },
    { ENETUNREACH,  WSAENETUNREACH },
    { ECONNABORTED, WSAECONNABORTED },
};

static int failure_answer(int err)
{
    size_t i;

    if (err == EAGAIN) return WSAEWOULDBLOCK;
    for (i = 0; i < sizeof(reported_once) / sizeof(reported_once[0]); i++)
        if (reported_once[i].linux_errno == err) return reported_once[i].wsa_error;
    return WS2KIT_FAST_NOT_TAKEN;
}

static uint64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Waits until the fd shows `events` or the deadline passes; 0 when it did
 * not (or the deadline is 0: no waiting at all). */
static int wait_for(int fd, short events, uint64_t deadline)
{
    struct pollfd pfd = { fd, events, 0 };
    uint64_t now;
    struct timespec left;

    if (!deadline || (now = now_us()) >= deadline) return 0;
    left.tv_sec = (deadline - now) / 1000000;
    left.tv_nsec = (deadline - now) % 1000000 * 1000;
    return ppoll(&pfd, 1, &left, NULL) > 0;
}

static void fill_iovecs(const struct ws2kit_fast_params *p, struct iovec *iov)
{
    uint32_t i;

    for (i = 0; i < p->count; i++)
    {
        iov[i].iov_base = (void *)(uintptr_t)p->buffers[i].addr;
        iov[i].iov_len = p->buffers[i].len;
    }
}

/* Drops `n` sent bytes from the front of the iovec list. */
static void advance(struct msghdr *msg, size_t n)
{
    while (n && msg->msg_iovlen)
    {
        size_t step = n < msg->msg_iov->iov_len ? n : msg->msg_iov->iov_len;

        msg->msg_iov->iov_base = (char *)msg->msg_iov->iov_base + step;
        msg->msg_iov->iov_len -= step;
        n -= step;
        if (!msg->msg_iov->iov_len) { msg->msg_iov++; msg->msg_iovlen--; }
    }
}

static uint64_t total_length(const struct ws2kit_fast_params *p)
{
    uint64_t total = 0;
    uint32_t i;

    for (i = 0; i < p->count; i++) total += p->buffers[i].len;
    return total;
}

int ws2kit_fd_fast_send(int fd, struct ws2kit_fast_params *p)
{
    struct iovec iov[WS2KIT_FAST_MAX_BUFFERS];
    struct sockaddr_storage to;
    unsigned int to_len = 0;
    struct msghdr msg = { 0 };
    uint64_t total = total_length(p), deadline = p->wait_us ? now_us() + p->wait_us : 0;
    ssize_t n;

    p->done = 0;
    if (p->flags || p->count > WS2KIT_FAST_MAX_BUFFERS) return WS2KIT_FAST_NOT_TAKEN;
    if (p->addr && ws2kit_sockaddr_to_linux((const unsigned char *)(uintptr_t)p->addr, p->addr_len, &to, &to_len))
        return WS2KIT_FAST_NOT_TAKEN;
    fill_iovecs(p, iov);
    msg.msg_iov = iov;
    msg.msg_iovlen = p->count;
    msg.msg_name = p->addr ? &to : NULL;
    msg.msg_namelen = to_len;
    while (p->done < total)
    {
        if ((n = sendmsg(fd, &msg, MSG_DONTWAIT | MSG_NOSIGNAL)) >= 0)
        {
            p->done += n;
            advance(&msg, n);
            continue;
        }
        if (errno == EINTR || (errno == EAGAIN && wait_for(fd, POLLOUT, deadline))) continue;
        /* Bytes already on their way: the rest goes through the device,
         * which meets the same condition again. */
        if (p->done) return errno == EAGAIN && !p->wait_us ? 0 : WS2KIT_FAST_NOT_TAKEN;
        return failure_answer(errno);
    }
    return 0;
}

/* Keeps the first `limit` bytes of the iovec list. */
static size_t cut_iovecs(struct iovec *iov, size_t count, uint64_t limit)
{
    size_t i;

    for (i = 0; i < count && limit; i++)
    {
        if (iov[i].iov_len > limit) iov[i].iov_len = limit;
        limit -= iov[i].iov_len;
    }
    return i;
}

int ws2kit_fd_fast_recv(int fd, struct ws2kit_fast_params *p)
{
    struct iovec iov[WS2KIT_FAST_MAX_BUFFERS];
    struct sockaddr_storage from;
    struct msghdr msg = { 0 };
    uint64_t deadline = p->wait_us ? now_us() + p->wait_us : 0;
    int flags = MSG_DONTWAIT, urgent = p->flags & WS2KIT_FAST_URGENT;
    /* A socket with urgent data wakes for it too, to take it before a
     * normal read skips it (urgent.c). */
    short wake = urgent ? POLLIN | POLLPRI : POLLIN;
    ssize_t n;

    p->done = 0;
    if ((p->flags & ~(WS2KIT_FAST_PEEK | WS2KIT_FAST_URGENT)) || p->count > WS2KIT_FAST_MAX_BUFFERS)
        return WS2KIT_FAST_NOT_TAKEN;
    if (p->flags & WS2KIT_FAST_PEEK) flags |= MSG_PEEK;
    msg.msg_iov = iov;
    for (;;)
    {
        fill_iovecs(p, iov);
        msg.msg_iovlen = p->count;
        if (urgent) msg.msg_iovlen = cut_iovecs(iov, p->count, ws2kit_urgent_clear_way(fd, p->handle));
        msg.msg_name = p->addr ? &from : NULL;
        msg.msg_namelen = p->addr ? sizeof(from) : 0;
        if ((n = recvmsg(fd, &msg, flags)) >= 0) break;
        if (errno == EINTR || (errno == EAGAIN && wait_for(fd, wake, deadline))) continue;
        return failure_answer(errno);
    }
    p->done = n;
    /* A connected socket's source is not reported (msg_namelen 0); Windows
     * ignores the address buffer of a stream socket anyway. */
    if (p->addr && msg.msg_namelen)
    {
        unsigned char win[WS2KIT_MAX_SOCKADDR];
        int win_len = 0;

        if (ws2kit_sockaddr_to_windows(&from, msg.msg_namelen, win, &win_len) && win_len <= p->addr_len)
        {
            memcpy((void *)(uintptr_t)p->addr, win, win_len);
            p->addr_len = win_len;
        }
    }
    /* A datagram longer than the buffers: Windows fills them and fails the
     * call with WSAEMSGSIZE; the rest is gone, as on Linux. */
    return (msg.msg_flags & MSG_TRUNC) ? WSAEMSGSIZE : 0;
}
