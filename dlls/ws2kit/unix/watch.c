/* The watch: news about sockets that the wineserver does not give ws2kit.
 *
 * Windows records a network event for each new arrival (data, urgent data,
 * a connection) even while the same event waits unread, and FD_CLOSE as
 * soon as the peer's FIN comes, with data still unread.  The wineserver
 * polls a socket level-triggered, only for events not yet reported, and
 * learns of a FIN only once the data before it has been read.  So ws2kit.so
 * keeps one edge-triggered epoll set of the selected stream sockets: Linux
 * wakes it at each arrival and at the FIN (EPOLLRDHUP), and a thread of the
 * PE side waits on it (watch_wait) and acts.
 *
 * A socket is added once (watch_add); it leaves the set by itself when Linux
 * frees the socket: epoll holds no reference, and the fd used to add it is
 * closed at once, so the watch never keeps a closed socket alive. */
#include <errno.h>
#include <pthread.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/sockios.h>
#include <unistd.h>

#include "unix_private.h"

static int watch_fd = -1;
static pthread_once_t watch_once = PTHREAD_ONCE_INIT;

static void watch_create(void)
{
    watch_fd = epoll_create1(EPOLL_CLOEXEC);
}

/* Which Linux readiness bits mean which piece of news. */
static const struct { uint32_t linux_bits, news; } news_map[] =
{
    { EPOLLIN,              WS2KIT_WATCH_ARRIVAL },
    { EPOLLPRI,             WS2KIT_WATCH_URGENT },
    /* Not EPOLLHUP: Linux says it for a stream socket never connected. */
    { EPOLLRDHUP,           WS2KIT_WATCH_PEER_CLOSED },
    { EPOLLERR,             WS2KIT_WATCH_ERROR },
};

int ws2kit_fd_watch_add(int fd, ws2kit_handle_t handle)
{
    struct epoll_event ev = { 0 };

    pthread_once(&watch_once, watch_create);
    if (watch_fd < 0) return WSAENOBUFS;
    ev.events = EPOLLIN | EPOLLPRI | EPOLLRDHUP | EPOLLET;
    ev.data.u64 = handle & ~WS2KIT_HANDLE_MARKS;
    /* EEXIST: this fd number of the same socket is in the set already,
     * maybe for urgent data only (watch_urgent): it gets all the news. */
    if (epoll_ctl(watch_fd, EPOLL_CTL_ADD, fd, &ev) && (errno != EEXIST || epoll_ctl(watch_fd, EPOLL_CTL_MOD, fd, &ev)))
        return WSAENOBUFS;
    return 0;
}

/* Urgent data only: a socket whose urgent bytes urgent.c keeps, and that
 * may carry much normal data, wakes the watch for nothing else.  Added with
 * another fd number, a socket that watch_add adds later has two entries;
 * one news of urgent data then comes twice, which the PE side takes as one. */
int ws2kit_fd_watch_urgent(int fd, ws2kit_handle_t handle)
{
    struct epoll_event ev = { 0 };

    pthread_once(&watch_once, watch_create);
    if (watch_fd < 0) return WSAENOBUFS;
    ev.events = EPOLLPRI | EPOLLET;
    ev.data.u64 = handle & ~WS2KIT_HANDLE_MARKS;
    if (epoll_ctl(watch_fd, EPOLL_CTL_ADD, fd, &ev) && errno != EEXIST) return WSAENOBUFS;
    return 0;
}

static uint32_t news_of(uint32_t linux_bits)
{
    uint32_t news = 0;
    size_t i;

    for (i = 0; i < sizeof(news_map) / sizeof(news_map[0]); i++)
        if (linux_bits & news_map[i].linux_bits) news |= news_map[i].news;
    return news;
}

/* Waits up to timeout_ms (-1: for ever) for news of watched sockets. */
int ws2kit_watch_wait(struct ws2kit_watch_wait_params *params)
{
    struct epoll_event events[WS2KIT_WATCH_MAX_NEWS];
    int n, i;

    params->count = 0;
    pthread_once(&watch_once, watch_create);
    if (watch_fd < 0) return WSAENOBUFS;
    do n = epoll_wait(watch_fd, events, WS2KIT_WATCH_MAX_NEWS, params->timeout_ms);
    while (n < 0 && errno == EINTR);
    if (n < 0) return WSAEINVAL;
    for (i = 0; i < n; i++)
    {
        params->news[i].handle = events[i].data.u64;
        params->news[i].what = news_of(events[i].events);
    }
    params->count = n;
    return 0;
}

/* How much waits on a stream socket: the bytes unread, or on a listener the
 * connections not accepted yet (TCP_INFO's tcpi_unacked, for a listener). */
int ws2kit_fd_watch_level(int fd, struct ws2kit_watch_level_params *params)
{
    struct tcp_info info;
    socklen_t len = sizeof(info);
    int listening = 0, queued = 0;
    socklen_t opt_len = sizeof(listening);

    params->waiting = params->listening = 0;
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &opt_len)) return WSAENOTSOCK;
    params->listening = listening != 0;
    if (listening)
    {
        if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len)) return WSAEINVAL;
        params->waiting = info.tcpi_unacked;
        return 0;
    }
    if (ioctl(fd, SIOCINQ, &queued)) return WSAEINVAL;
    params->waiting = queued > 0 ? (uint32_t)queued : 0;
    return 0;
}
