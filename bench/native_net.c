/* ws2kit benchmark reference: the network exchanges of bench_net.exe,
 * bench_poll.exe and bench_iocp.exe done on Linux sockets directly, with no
 * Wine in between: the "native" column of `make bench`.  A host program
 * (bench/run.sh builds it with cc), measured as the Windows programs measure
 * (the same caps of rounds and seconds, medians of --repeat; the echo servers
 * count over half-second windows, Linux's rates are steady enough), printing
 * the same lines with impl=linux:
 *
 *   pingpong_rps      1-byte blocking send/recv round trips between two
 *                     threads over loopback TCP with TCP_NODELAY
 *   bulk_mibps        64 KiB send()s from one thread, 64 KiB recv()s in another
 *   udp_rr_1_rps, udp_rr_1200_rps
 *                     UDP request/response (sendto/recvfrom), 1 and 1200 bytes
 *   select_echo_rps, wsapoll_echo_rps
 *                     100 connections, a server thread in select() / poll()
 *                     echoing 64-byte requests, a client thread sending one on
 *                     every connection and then reading every answer
 *   iocp_echo_rps     what stands in for a completion port on Linux: 1000
 *                     connections (both ends here, non-blocking) on one epoll
 *                     instance (EPOLLONESHOT) served by 2 threads, each
 *                     client sending a 64-byte request and reading the echo
 *
 * A failure prints value=error and the exit status is 1; an alarm ends the
 * process after --timeout seconds. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "host_common.h"

#define MAX_REPEAT 101
#define CHUNK (64 * 1024)
#define MSG 64

static long rounds = 20000, repeat = 3;
static long long bulk_bytes = 256LL * 1024 * 1024;
static double seconds = 2, udp_seconds = 1, window = 0.5;
static int failed;

static void die(const char *what)
{
    printf("# error: %s: %s\n", what, strerror(errno));
    fflush(stdout);
}

static void report(const char *metric, double *samples, int ok)
{
    if (!ok) { printf("metric=%s value=error impl=linux\n", metric); failed = 1; return; }
    printf("metric=%s value=%.1f impl=linux\n", metric, median(samples, (int)repeat));
}

static void nodelay(int fd)
{
    int on = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
}

static int listener(struct sockaddr_in *addr)
{
    socklen_t len = sizeof(*addr);
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    memset(addr, 0, sizeof(*addr));
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || bind(fd, (struct sockaddr *)addr, sizeof(*addr)) || listen(fd, 128) ||
        getsockname(fd, (struct sockaddr *)addr, &len))
    { die("listener"); return -1; }
    return fd;
}

/* A connected loopback TCP pair. */
static int make_pair(int *client, int *server)
{
    struct sockaddr_in addr;
    int l = listener(&addr);

    if (l < 0) return -1;
    if ((*client = socket(AF_INET, SOCK_STREAM, 0)) < 0 || connect(*client, (struct sockaddr *)&addr, sizeof(addr)) ||
        (*server = accept(l, NULL, NULL)) < 0)
    { die("connect/accept"); close(l); return -1; }
    close(l);
    return 0;
}

static int recv_all(int fd, char *buf, int len)
{
    int got = 0, r;
    while (got < len)
    {
        if ((r = recv(fd, buf + got, len - got, 0)) <= 0) return -1;
        got += r;
    }
    return 0;
}

/* ------------------------------------------------------------ ping-pong */

static void *echo_thread(void *arg)
{
    int fd = *(int *)arg;
    char c;
    while (recv(fd, &c, 1, 0) == 1)
        if (send(fd, &c, 1, 0) != 1) break;
    return NULL;
}

static double pingpong_once(void)
{
    int client, server;
    long i, done = 0;
    double t0 = 0;
    pthread_t thread;
    char c, back;
    int err = 0;

    if (make_pair(&client, &server)) return -1;
    nodelay(client);
    nodelay(server);
    pthread_create(&thread, NULL, echo_thread, &server);
    for (i = 0; i < 200 + rounds; i++)
    {
        if (i == 200) t0 = now_s();
        c = (char)i;
        if (send(client, &c, 1, 0) != 1 || recv(client, &back, 1, 0) != 1 || back != c)
        { die("round trip"); err = 1; break; }
        if (i >= 200 && !(++done & 127) && now_s() - t0 > seconds) break;
    }
    t0 = done / (now_s() - t0);
    shutdown(client, SHUT_WR);
    pthread_join(thread, NULL);
    close(client);
    close(server);
    return err ? -1 : t0;
}

/* ------------------------------------------------------------------ bulk */

struct sender { int fd; long long total, sent; int err; };

static void *sender_thread(void *arg)
{
    struct sender *s = arg;
    char *buf = calloc(1, CHUNK);
    ssize_t n;
    double t0 = now_s();

    while (buf && s->sent < s->total && now_s() - t0 <= seconds)
    {
        if ((n = send(s->fd, buf, CHUNK, 0)) <= 0) { s->err = errno; break; }
        s->sent += n;
    }
    shutdown(s->fd, SHUT_WR);
    free(buf);
    return NULL;
}

static double bulk_once(void)
{
    struct sender s = { -1, bulk_bytes, 0, 0 };
    long long received = 0;
    int client, server;
    pthread_t thread;
    char *buf = malloc(CHUNK);
    ssize_t n;
    double t0;

    if (!buf || make_pair(&client, &server)) { free(buf); return -1; }
    s.fd = client;
    t0 = now_s();
    pthread_create(&thread, NULL, sender_thread, &s);
    while ((n = recv(server, buf, CHUNK, 0)) > 0) received += n;
    t0 = now_s() - t0;
    pthread_join(thread, NULL);
    close(client);
    close(server);
    free(buf);
    if (n < 0 || s.err || received != s.sent) { printf("# error: bulk: received %lld of %lld\n", received, s.sent); return -1; }
    return received / 1048576.0 / t0;
}

/* ------------------------------------------------------------ UDP request/response */

static int udp_socket(struct sockaddr_in *addr)
{
    socklen_t len = sizeof(*addr);
    struct timeval tv = { 5, 0 };
    int fd = socket(AF_INET, SOCK_DGRAM, 0);

    memset(addr, 0, sizeof(*addr));
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || bind(fd, (struct sockaddr *)addr, sizeof(*addr)) || getsockname(fd, (struct sockaddr *)addr, &len) ||
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)))
    { die("UDP socket"); return -1; }
    return fd;
}

static void *udp_server(void *arg)
{
    int fd = *(int *)arg;
    char buf[1200];
    struct sockaddr_in from;
    socklen_t len;
    ssize_t r;

    for (;;)
    {
        len = sizeof(from);
        if ((r = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len)) <= 0) break;
        if (sendto(fd, buf, r, 0, (struct sockaddr *)&from, len) != r) break;
    }
    return NULL;
}

static double udp_rr_once(int size)
{
    struct sockaddr_in server_addr, client_addr, from;
    char out[1200], in[1200];
    int server = udp_socket(&server_addr), client = udp_socket(&client_addr);
    socklen_t len;
    pthread_t thread;
    long i, done = 0;
    double t0 = 0;

    if (server < 0 || client < 0) return -1;
    memset(out, 'u', sizeof(out));
    pthread_create(&thread, NULL, udp_server, &server);
    for (i = 0; i < 200 + rounds; i++)
    {
        if (i == 200) t0 = now_s();
        out[0] = (char)i;
        len = sizeof(from);
        if (sendto(client, out, size, 0, (struct sockaddr *)&server_addr, sizeof(server_addr)) != size ||
            recvfrom(client, in, sizeof(in), 0, (struct sockaddr *)&from, &len) != size || memcmp(in, out, size))
        { die("UDP request"); done = -1; break; }
        if (i >= 200 && !(++done & 127) && now_s() - t0 > udp_seconds) break;
    }
    t0 = done / (now_s() - t0);
    sendto(client, out, 0, 0, (struct sockaddr *)&server_addr, sizeof(server_addr));
    pthread_join(thread, NULL);
    close(client);
    close(server);
    return done < 0 ? -1 : t0;
}

/* ------------------------------------------------------------ select / poll echo */

#define POLL_CONNS 100

static int pclients[POLL_CONNS], pservers[POLL_CONNS];
static volatile int use_poll, client_stop, server_stop, poll_failed;
static volatile long answered;

static int echo(int fd)
{
    char buf[4096];
    ssize_t r = recv(fd, buf, sizeof(buf), 0);
    if (r < 0 && errno == EAGAIN) return 0;
    if (r <= 0 || send(fd, buf, r, 0) != r) { die("echo"); return -1; }
    return 0;
}

static void *poll_server(void *arg)
{
    struct pollfd fds[POLL_CONNS];
    fd_set readable;
    struct timeval tv;
    int i, n, maxfd = 0;

    (void)arg;
    for (i = 0; i < POLL_CONNS; i++)
    {
        fds[i].fd = pservers[i];
        fds[i].events = POLLIN;
        if (pservers[i] > maxfd) maxfd = pservers[i];
    }
    while (!server_stop && !poll_failed)
    {
        if (use_poll)
        {
            if ((n = poll(fds, POLL_CONNS, 100)) < 0) { die("poll"); poll_failed = 1; }
            for (i = 0; i < POLL_CONNS && n > 0; i++)
                if (fds[i].revents) { n--; if (echo(pservers[i])) poll_failed = 1; }
        }
        else
        {
            FD_ZERO(&readable);
            for (i = 0; i < POLL_CONNS; i++) FD_SET(pservers[i], &readable);
            tv.tv_sec = 0;
            tv.tv_usec = 100000;
            if ((n = select(maxfd + 1, &readable, NULL, NULL, &tv)) < 0) { die("select"); poll_failed = 1; }
            for (i = 0; i < POLL_CONNS && n > 0; i++)
                if (FD_ISSET(pservers[i], &readable)) { n--; if (echo(pservers[i])) poll_failed = 1; }
        }
    }
    return NULL;
}

static void *poll_clients(void *arg)
{
    char out[MSG], in[MSG];
    long round;
    int i;

    (void)arg;
    for (round = 0; !client_stop && !poll_failed; round++)
    {
        for (i = 0; i < POLL_CONNS; i++)
        {
            memset(out, 'a' + (round + i) % 26, MSG);
            if (send(pclients[i], out, MSG, 0) != MSG) { die("send"); poll_failed = 1; return NULL; }
        }
        for (i = 0; i < POLL_CONNS; i++)
        {
            if (recv_all(pclients[i], in, MSG) || in[0] != 'a' + (round + i) % 26)
            { die("recv"); poll_failed = 1; return NULL; }
            __atomic_add_fetch(&answered, 1, __ATOMIC_RELAXED);
        }
    }
    return NULL;
}

static void poll_bench(void)
{
    double samples[MAX_REPEAT], t0;
    struct sockaddr_in addr;
    struct timeval tv = { 5, 0 };
    pthread_t threads[2];
    long before;
    int l = listener(&addr), i, k;

    for (i = 0; l >= 0 && i < POLL_CONNS; i++)
    {
        if ((pclients[i] = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
            connect(pclients[i], (struct sockaddr *)&addr, sizeof(addr)) ||
            (pservers[i] = accept4(l, NULL, NULL, SOCK_NONBLOCK)) < 0)
        { die("connect/accept"); break; }
        nodelay(pclients[i]);
        nodelay(pservers[i]);
        setsockopt(pclients[i], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    }
    if (l >= 0) close(l);
    for (use_poll = 0; use_poll <= 1; use_poll++)
    {
        const char *metric = use_poll ? "wsapoll_echo_rps" : "select_echo_rps";
        client_stop = server_stop = 0;
        answered = 0;
        if (i < POLL_CONNS) { report(metric, samples, 0); continue; }
        pthread_create(&threads[0], NULL, poll_server, NULL);
        pthread_create(&threads[1], NULL, poll_clients, NULL);
        usleep(300000);
        for (k = 0; k < repeat && !poll_failed; k++)
        {
            before = answered;
            t0 = now_s();
            usleep((useconds_t)(window * 1e6));
            samples[k] = (answered - before) / (now_s() - t0);
        }
        client_stop = 1;
        pthread_join(threads[1], NULL);
        server_stop = 1;
        pthread_join(threads[0], NULL);
        report(metric, samples, !poll_failed && k == repeat);
    }
    for (k = 0; k < i; k++) { close(pclients[k]); close(pservers[k]); }
}

/* ------------------------------------------------------------ epoll echo (the IOCP stand-in) */

#define EP_CONNS 1000
#define EP_WORKERS 2

struct ep_conn
{
    int fd, client, sending, len, done;
    char buf[MSG];
};

static struct ep_conn *ep;
static int epfd;
static volatile int ep_stop, ep_failed;
static volatile long ep_requests;

static void ep_arm(struct ep_conn *c)
{
    struct epoll_event ev = { (c->sending ? EPOLLOUT : EPOLLIN) | EPOLLONESHOT, { .ptr = c } };
    if (epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev)) { die("epoll_ctl"); ep_failed = 1; }
}

/* Runs the conn's exchange as far as the socket allows, then re-arms it. */
static void ep_step(struct ep_conn *c)
{
    ssize_t n;

    for (;;)
    {
        if (c->sending) n = send(c->fd, c->buf + c->done, c->len - c->done, MSG_NOSIGNAL);
        else n = recv(c->fd, c->buf + c->done, c->len - c->done, 0);
        if (n < 0 && errno == EAGAIN) { ep_arm(c); return; }
        if (n <= 0) { if (!ep_stop) { die("epoll echo"); ep_failed = 1; } return; }
        c->done += n;
        if (c->done < c->len && (c->sending || c->client)) continue;
        if (!c->client) { c->len = c->sending ? MSG : c->done; c->sending = !c->sending; }
        else if (c->sending) { c->sending = 0; c->len = MSG; }
        else
        {
            __atomic_add_fetch(&ep_requests, 1, __ATOMIC_RELAXED);
            if (ep_stop) return;
            c->sending = 1;
            c->len = MSG;
        }
        c->done = 0;
    }
}

static void *ep_worker(void *arg)
{
    struct epoll_event events[64];
    int n, i;

    (void)arg;
    while (!ep_stop && !ep_failed)
    {
        if ((n = epoll_wait(epfd, events, 64, 100)) < 0 && errno != EINTR) { die("epoll_wait"); ep_failed = 1; }
        for (i = 0; i < n; i++) ep_step(events[i].data.ptr);
    }
    return NULL;
}

static void epoll_bench(void)
{
    double samples[MAX_REPEAT], t0;
    struct sockaddr_in addr;
    struct linger abortive = { 1, 0 };   /* no TIME_WAIT left by a thousand connections */
    pthread_t threads[EP_WORKERS];
    long before;
    int l = listener(&addr), i, k = 0;

    ep = calloc(2 * EP_CONNS, sizeof(*ep));
    if (l < 0 || !ep || (epfd = epoll_create1(0)) < 0) { report("iocp_echo_rps", samples, 0); return; }
    for (i = 0; i < EP_CONNS; i++)
    {
        struct ep_conn *c = &ep[2 * i], *s = &ep[2 * i + 1];
        struct epoll_event ev = { EPOLLONESHOT, { 0 } };   /* armed by the first step */

        if ((c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0)) < 0 ||
            (connect(c->fd, (struct sockaddr *)&addr, sizeof(addr)) && errno != EINPROGRESS) ||
            (s->fd = accept4(l, NULL, NULL, SOCK_NONBLOCK)) < 0)
        { die("connect/accept"); break; }
        setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &abortive, sizeof(abortive));
        nodelay(c->fd);
        nodelay(s->fd);
        c->client = 1;
        c->sending = 1;
        c->len = s->len = MSG;
        memset(c->buf, 'a' + i % 26, MSG);
        ev.data.ptr = c;
        if (epoll_ctl(epfd, EPOLL_CTL_ADD, c->fd, &ev)) { die("epoll_ctl"); break; }
        ev.data.ptr = s;
        if (epoll_ctl(epfd, EPOLL_CTL_ADD, s->fd, &ev)) { die("epoll_ctl"); break; }
    }
    close(l);
    if (i == EP_CONNS)
    {
        for (i = 0; i < 2 * EP_CONNS; i++) ep_arm(&ep[i]);
        for (i = 0; i < EP_WORKERS; i++) pthread_create(&threads[i], NULL, ep_worker, NULL);
        usleep(500000);
        for (k = 0; k < repeat && !ep_failed; k++)
        {
            before = ep_requests;
            t0 = now_s();
            usleep((useconds_t)(window * 1e6));
            samples[k] = (ep_requests - before) / (now_s() - t0);
        }
        ep_stop = 1;
        for (i = 0; i < EP_WORKERS; i++) pthread_join(threads[i], NULL);
        i = EP_CONNS;
    }
    report("iocp_echo_rps", samples, i == EP_CONNS && !ep_failed && k == repeat);
    for (k = 0; k < 2 * EP_CONNS; k++) if (ep[k].fd > 0) close(ep[k].fd);
    close(epfd);
    free(ep);
}

/* ------------------------------------------------------------------ main */

static double samples[MAX_REPEAT];

static void run(const char *metric, double (*once)(void))
{
    int k;
    for (k = 0; k < repeat; k++)
    {
        if ((samples[k] = once()) < 0) break;
        printf("# %s sample %d: %.1f\n", metric, k + 1, samples[k]);
    }
    report(metric, samples, k == repeat);
}

static double udp_1(void) { return udp_rr_once(1); }
static double udp_1200(void) { return udp_rr_once(1200); }

int main(int argc, char **argv)
{
    long timeout = 120, v;
    double bulk_warm;
    char *end;
    int k;

    setvbuf(stdout, NULL, _IONBF, 0);
    for (k = 1; k + 1 < argc; k += 2)
    {
        v = strtol(argv[k + 1], &end, 10);
        if (*end || v < 1) goto usage;
        if (!strcmp(argv[k], "--repeat") && v <= MAX_REPEAT) repeat = v;
        else if (!strcmp(argv[k], "--rounds")) rounds = v;
        else if (!strcmp(argv[k], "--seconds")) seconds = v;
        else if (!strcmp(argv[k], "--timeout")) timeout = v;
        else goto usage;
    }
    if (k != argc) goto usage;
    signal(SIGPIPE, SIG_IGN);
    alarm((unsigned int)timeout);   /* SIGALRM ends the process */

    run("pingpong_rps", pingpong_once);
    bulk_warm = bulk_once();
    if (bulk_warm < 0) report("bulk_mibps", samples, 0);
    else run("bulk_mibps", bulk_once);
    run("udp_rr_1_rps", udp_1);
    run("udp_rr_1200_rps", udp_1200);
    poll_bench();
    epoll_bench();
    return failed;

usage:
    fprintf(stderr, "usage: %s [--repeat K] [--rounds N] [--seconds S] [--timeout S]\n", argv[0]);
    return 2;
}
