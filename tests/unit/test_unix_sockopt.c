/* Unit tests for the fd-level socket option functions of the Unix side
 * (dlls/ws2kit/unix/sockopt.c, with errors.c for the errno table), on real
 * Linux sockets: a loopback TCP listener and connected pair, a UDP socket,
 * a plain file, and a TCP socket held in SYN_SENT.  Loopback only.
 * Covers ws2kit_fd_linux_{get,set}sockopt (Linux options), the option table
 * behind ws2kit_fd_{get,set}sockopt (Windows options),
 * ws2kit_fd_{get,set}_keepalive, the WS2KIT_CHECK_* checks and
 * ws2kit_fd_sockstate.
 *
 * Build: gcc -Wall -Wextra -I include -I dlls/ws2kit/unix tests/unit/test_unix_sockopt.c \
 *        dlls/ws2kit/unix/sockopt.c dlls/ws2kit/unix/errors.c \
 *        $(pkg-config --cflags --libs check) -o /tmp/test_unix_sockopt
 */
#define _GNU_SOURCE
#include <check.h>

#include "check_run.h"
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "unix_private.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- helpers ------------------------------------------------------------------ */

static void close_fd(int *fd)
{
    if (*fd >= 0) close(*fd);
    *fd = -1;
}

static int get_int_opt(int fd, int level, int name)
{
    int v = -12345;
    socklen_t len = sizeof(v);

    ck_assert_msg(!getsockopt(fd, level, name, &v, &len), "getsockopt(%d, %d): %s",
                  level, name, strerror(errno));
    ck_assert_uint_eq(len, sizeof(v));
    return v;
}

static void set_int_opt(int fd, int level, int name, int v)
{
    ck_assert_msg(!setsockopt(fd, level, name, &v, sizeof(v)), "setsockopt(%d, %d, %d): %s",
                  level, name, v, strerror(errno));
}

static int tcp_state(int fd)
{
    struct tcp_info info;
    socklen_t len = sizeof(info);

    if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len)) return -1;
    return info.tcpi_state;
}

/* A TCP listener on 127.0.0.1, ephemeral port. */
static int make_listener(int backlog, struct sockaddr_in *addr)
{
    socklen_t len = sizeof(*addr);
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

    ck_assert_msg(fd >= 0, "socket: %s", strerror(errno));
    memset(addr, 0, sizeof(*addr));
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr->sin_port = 0;
    ck_assert_msg(!bind(fd, (struct sockaddr *)addr, sizeof(*addr)), "bind: %s", strerror(errno));
    ck_assert_msg(!listen(fd, backlog), "listen: %s", strerror(errno));
    ck_assert_msg(!getsockname(fd, (struct sockaddr *)addr, &len), "getsockname: %s", strerror(errno));
    return fd;
}

static void expect_keepalive(int fd, int enabled, int idle, int interval, int count)
{
    ck_assert_int_eq(get_int_opt(fd, SOL_SOCKET, SO_KEEPALIVE) != 0, enabled);
    ck_assert_int_eq(get_int_opt(fd, IPPROTO_TCP, TCP_KEEPIDLE), idle);
    ck_assert_int_eq(get_int_opt(fd, IPPROTO_TCP, TCP_KEEPINTVL), interval);
    ck_assert_int_eq(get_int_opt(fd, IPPROTO_TCP, TCP_KEEPCNT), count);
}

/* Keep-alive in Windows' terms, from whole seconds. */
static struct ws2kit_keepalive ka_of(int enabled, uint32_t idle_s, uint32_t interval_s, uint32_t probes)
{
    struct ws2kit_keepalive ka;
    ka.enabled = enabled;
    ka.time_ms = idle_s * 1000;
    ka.interval_ms = interval_s * 1000;
    ka.probes = probes;
    return ka;
}

static struct ws2kit_linux_sockopt opt_of(int level, int name, uint32_t checks, void *value, int32_t len)
{
    struct ws2kit_linux_sockopt p;
    memset(&p, 0, sizeof(p));
    p.level = level;
    p.name = name;
    p.checks = checks;
    p.value = value;
    p.len = len;
    return p;
}

#define BOTH_CHECKS (WS2KIT_CHECK_STREAM | WS2KIT_CHECK_NOT_CONNECTING)

/* ---- fixture: listener, connected pair, UDP socket, plain file ---------------- */

static int listener = -1, client = -1, server = -1, udp = -1, file = -1;

static void sockets_setup(void)
{
    struct sockaddr_in addr;
    char path[] = "/tmp/ws2kit_test_sockopt_XXXXXX";

    listener = make_listener(4, &addr);
    client = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    ck_assert_msg(client >= 0, "socket: %s", strerror(errno));
    ck_assert_msg(!connect(client, (struct sockaddr *)&addr, sizeof(addr)), "connect: %s", strerror(errno));
    server = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
    ck_assert_msg(server >= 0, "accept: %s", strerror(errno));
    ck_assert_int_eq(tcp_state(client), TCP_ESTABLISHED);
    ck_assert_int_eq(tcp_state(server), TCP_ESTABLISHED);

    udp = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    ck_assert_msg(udp >= 0, "socket(udp): %s", strerror(errno));

    file = mkstemp(path);
    ck_assert_msg(file >= 0, "mkstemp: %s", strerror(errno));
    unlink(path);
}

static void sockets_teardown(void)
{
    close_fd(&file);
    close_fd(&udp);
    close_fd(&server);
    close_fd(&client);
    close_fd(&listener);
}

/* ---- keep-alive round trip ------------------------------------------------------ */

START_TEST(test_keepalive_set_get_roundtrip)
{
    struct ws2kit_keepalive ka = ka_of(1, 2, 1, 10), out;

    ck_assert_int_eq(get_int_opt(client, SOL_SOCKET, SO_KEEPALIVE), 0);
    ck_assert_int_eq(ws2kit_fd_set_keepalive(client, BOTH_CHECKS, &ka, 0), 0);

    /* what the kernel holds */
    expect_keepalive(client, 1, 2, 1, 10);

    /* and what get_keepalive reports */
    memset(&out, 0x55, sizeof(out));
    ck_assert_int_eq(ws2kit_fd_get_keepalive(client, BOTH_CHECKS, &out), 0);
    ck_assert_int_eq(out.enabled, 1);
    ck_assert_uint_eq(out.time_ms, 2 * 1000);
    ck_assert_uint_eq(out.interval_ms, 1 * 1000);
    ck_assert_uint_eq(out.probes, 10);

    /* different values on the other end; the first socket keeps its own */
    ka = ka_of(1, 7200, 75, 9);
    ck_assert_int_eq(ws2kit_fd_set_keepalive(server, 0, &ka, 0), 0);
    expect_keepalive(server, 1, 7200, 75, 9);
    ck_assert_int_eq(ws2kit_fd_get_keepalive(server, 0, &out), 0);
    ck_assert_int_eq(out.enabled, 1);
    ck_assert_uint_eq(out.time_ms, 7200 * 1000);
    ck_assert_uint_eq(out.interval_ms, 75 * 1000);
    ck_assert_uint_eq(out.probes, 9);
    expect_keepalive(client, 1, 2, 1, 10);
}
END_TEST

START_TEST(test_keepalive_largest_values)
{
    /* Linux's limits: TCP_KEEPIDLE/TCP_KEEPINTVL <= 32767, TCP_KEEPCNT <= 127. */
    struct ws2kit_keepalive ka = ka_of(1, 32767, 32767, 127), out;

    ck_assert_int_eq(ws2kit_fd_set_keepalive(client, BOTH_CHECKS, &ka, 0), 0);
    expect_keepalive(client, 1, 32767, 32767, 127);
    ck_assert_int_eq(ws2kit_fd_get_keepalive(client, BOTH_CHECKS, &out), 0);
    ck_assert_uint_eq(out.time_ms, 32767 * 1000);
    ck_assert_uint_eq(out.interval_ms, 32767 * 1000);
    ck_assert_uint_eq(out.probes, 127);
}
END_TEST

START_TEST(test_keepalive_disable)
{
    struct ws2kit_keepalive ka = ka_of(1, 2, 1, 10), out;

    ck_assert_int_eq(ws2kit_fd_set_keepalive(client, BOTH_CHECKS, &ka, 0), 0);
    expect_keepalive(client, 1, 2, 1, 10);

    /* enabled == 0 only turns SO_KEEPALIVE off: the zero timers (which the
     * kernel would refuse) are not applied, the old ones stay. */
    ka = ka_of(0, 0, 0, 0);
    ck_assert_int_eq(ws2kit_fd_set_keepalive(client, BOTH_CHECKS, &ka, 0), 0);
    expect_keepalive(client, 0, 2, 1, 10);

    memset(&out, 0x55, sizeof(out));
    ck_assert_int_eq(ws2kit_fd_get_keepalive(client, BOTH_CHECKS, &out), 0);
    ck_assert_int_eq(out.enabled, 0);
    ck_assert_uint_eq(out.time_ms, 2 * 1000);
    ck_assert_uint_eq(out.interval_ms, 1 * 1000);
    ck_assert_uint_eq(out.probes, 10);

    /* and back on */
    ka = ka_of(1, 3, 2, 4);
    ck_assert_int_eq(ws2kit_fd_set_keepalive(client, BOTH_CHECKS, &ka, 0), 0);
    expect_keepalive(client, 1, 3, 2, 4);
}
END_TEST

START_TEST(test_keepalive_get_fresh_socket)
{
    /* A socket nobody touched: off, with whatever timers the kernel defaults to. */
    struct ws2kit_keepalive out;

    memset(&out, 0x55, sizeof(out));
    ck_assert_int_eq(ws2kit_fd_get_keepalive(server, BOTH_CHECKS, &out), 0);
    ck_assert_int_eq(out.enabled, 0);
    ck_assert_uint_eq(out.time_ms, get_int_opt(server, IPPROTO_TCP, TCP_KEEPIDLE) * 1000);
    ck_assert_uint_eq(out.interval_ms, get_int_opt(server, IPPROTO_TCP, TCP_KEEPINTVL) * 1000);
    ck_assert_uint_eq(out.probes, get_int_opt(server, IPPROTO_TCP, TCP_KEEPCNT));

    /* SO_KEEPALIVE switched on behind its back is reported as 1 */
    set_int_opt(server, SOL_SOCKET, SO_KEEPALIVE, 1);
    ck_assert_int_eq(ws2kit_fd_get_keepalive(server, 0, &out), 0);
    ck_assert_int_eq(out.enabled, 1);
}
END_TEST

/* Windows' values outside what Linux holds get the nearest it holds: whole
 * seconds (halves up) in 1..32767, probes in 1..127; no probes at all, which
 * Linux cannot express, leaves SO_KEEPALIVE off. */
START_TEST(test_keepalive_nearest_linux_values)
{
    static const struct { uint32_t time_ms, interval_ms, probes; int idle, interval, count; } cases[] =
    {
        { 2000, 1000, 200, 2, 1, 127 },           /* TCP_KEEPCNT > 127 */
        { 2000, 1000, 128, 2, 1, 127 },
        { 0, 1000, 10, 1, 1, 10 },                /* TCP_KEEPIDLE 0 */
        { 32768000, 1000, 10, 32767, 1, 10 },     /* TCP_KEEPIDLE > 32767 */
        { 2000, 0, 10, 2, 1, 10 },                /* TCP_KEEPINTVL 0 */
        { 2000, 40000000, 10, 2, 32767, 10 },     /* TCP_KEEPINTVL > 32767 */
        { 0x80000000u, 1000, 10, 32767, 1, 10 },  /* negative as an int */
        { 0xffffffffu, 1499, 10, 32767, 1, 10 },  /* the largest, and halves up */
        { 2500, 1500, 10, 3, 2, 10 },
    };
    struct ws2kit_keepalive ka;
    size_t i;

    for (i = 0; i < ARRAY_SIZE(cases); i++)
    {
        ka = (struct ws2kit_keepalive){ 1, cases[i].time_ms, cases[i].interval_ms, cases[i].probes };
        ck_assert_msg(ws2kit_fd_set_keepalive(client, BOTH_CHECKS, &ka, 0) == 0,
                      "time %u ms interval %u ms probes %u refused", cases[i].time_ms, cases[i].interval_ms,
                      cases[i].probes);
        expect_keepalive(client, 1, cases[i].idle, cases[i].interval, cases[i].count);
    }

    /* no probes: off on Linux, the timers as they were */
    ka = ka_of(1, 5, 5, 0);
    ck_assert_int_eq(ws2kit_fd_set_keepalive(client, BOTH_CHECKS, &ka, 0), 0);
    expect_keepalive(client, 0, 3, 2, 10);
    /* and, as any turning off, refused on a socket that is not TCP */
    ck_assert_int_eq(ws2kit_fd_set_keepalive(udp, 0, &ka, 0), WSAENOPROTOOPT);
}
END_TEST

/* ---- checks -------------------------------------------------------------------- */

START_TEST(test_check_stream_udp)
{
    struct ws2kit_keepalive ka = ka_of(1, 2, 1, 10), out;
    int v = 4096;
    struct ws2kit_linux_sockopt p;

    ck_assert_int_eq(ws2kit_fd_set_keepalive(udp, WS2KIT_CHECK_STREAM, &ka, 0), WSAENOPROTOOPT);
    ck_assert_int_eq(ws2kit_fd_set_keepalive(udp, BOTH_CHECKS, &ka, 0), WSAENOPROTOOPT);
    /* switching off is refused too, although SO_KEEPALIVE exists on UDP */
    ka.enabled = 0;
    ck_assert_int_eq(ws2kit_fd_set_keepalive(udp, WS2KIT_CHECK_STREAM, &ka, 0), WSAENOPROTOOPT);
    ck_assert_int_eq(ws2kit_fd_get_keepalive(udp, WS2KIT_CHECK_STREAM, &out), WSAENOPROTOOPT);
    ck_assert_int_eq(get_int_opt(udp, SOL_SOCKET, SO_KEEPALIVE), 0);

    p = opt_of(SOL_SOCKET, SO_RCVBUF, WS2KIT_CHECK_STREAM, &v, sizeof(v));
    ck_assert_int_eq(ws2kit_fd_linux_getsockopt(udp, &p), WSAENOPROTOOPT);
    ck_assert_int_eq(p.len, sizeof(v)); /* untouched */
    ck_assert_int_eq(v, 4096);
    ck_assert_int_eq(ws2kit_fd_linux_setsockopt(udp, &p), WSAENOPROTOOPT);

    /* without the check the same call goes through */
    p.checks = 0;
    ck_assert_int_eq(ws2kit_fd_linux_getsockopt(udp, &p), 0);
    ck_assert_int_eq(v, get_int_opt(udp, SOL_SOCKET, SO_RCVBUF));
}
END_TEST

START_TEST(test_check_stream_file)
{
    struct ws2kit_keepalive ka = ka_of(1, 2, 1, 10), out;
    int v = 1;
    struct ws2kit_linux_sockopt p;

    ck_assert_int_eq(ws2kit_fd_set_keepalive(file, WS2KIT_CHECK_STREAM, &ka, 0), WSAENOTSOCK);
    ck_assert_int_eq(ws2kit_fd_set_keepalive(file, BOTH_CHECKS, &ka, 0), WSAENOTSOCK);
    ck_assert_int_eq(ws2kit_fd_get_keepalive(file, WS2KIT_CHECK_STREAM, &out), WSAENOTSOCK);

    p = opt_of(SOL_SOCKET, SO_RCVBUF, WS2KIT_CHECK_STREAM, &v, sizeof(v));
    ck_assert_int_eq(ws2kit_fd_linux_getsockopt(file, &p), WSAENOTSOCK);
    ck_assert_int_eq(ws2kit_fd_linux_setsockopt(file, &p), WSAENOTSOCK);

    /* no checks: the kernel's ENOTSOCK gives the same answer */
    p.checks = 0;
    ck_assert_int_eq(ws2kit_fd_linux_getsockopt(file, &p), WSAENOTSOCK);
    ck_assert_int_eq(ws2kit_fd_set_keepalive(file, 0, &ka, 0), WSAENOTSOCK);
    ck_assert_int_eq(ws2kit_fd_get_keepalive(file, 0, &out), WSAENOTSOCK);
}
END_TEST

START_TEST(test_bad_fd_is_not_a_socket)
{
    struct ws2kit_keepalive out;
    int v = 1;
    struct ws2kit_linux_sockopt p = opt_of(SOL_SOCKET, SO_RCVBUF, 0, &v, sizeof(v));

    ck_assert_int_eq(ws2kit_fd_get_keepalive(-1, WS2KIT_CHECK_STREAM, &out), WSAENOTSOCK);
    ck_assert_int_eq(ws2kit_fd_linux_getsockopt(-1, &p), WSAENOTSOCK);
    ck_assert_int_eq(ws2kit_fd_linux_setsockopt(-1, &p), WSAENOTSOCK);
}
END_TEST

START_TEST(test_check_not_connecting_passes)
{
    /* Connected, listening and UDP sockets are not "connecting". */
    struct ws2kit_keepalive ka = ka_of(1, 5, 5, 5), out;
    int v = 0;
    struct ws2kit_linux_sockopt p = opt_of(SOL_SOCKET, SO_RCVBUF, WS2KIT_CHECK_NOT_CONNECTING,
                                            &v, sizeof(v));

    ck_assert_int_eq(ws2kit_fd_set_keepalive(client, WS2KIT_CHECK_NOT_CONNECTING, &ka, 0), 0);
    ck_assert_int_eq(ws2kit_fd_get_keepalive(client, WS2KIT_CHECK_NOT_CONNECTING, &out), 0);
    ck_assert_int_eq(ws2kit_fd_set_keepalive(server, BOTH_CHECKS, &ka, 0), 0);
    ck_assert_int_eq(ws2kit_fd_linux_getsockopt(client, &p), 0);
    ck_assert_int_eq(ws2kit_fd_linux_setsockopt(client, &p), 0);

    ck_assert_int_eq(tcp_state(listener), TCP_LISTEN);
    ck_assert_int_eq(ws2kit_fd_set_keepalive(listener, BOTH_CHECKS, &ka, 0), 0);
    expect_keepalive(listener, 1, 5, 5, 5);

    ck_assert_int_eq(ws2kit_fd_linux_getsockopt(udp, &p), 0);
}
END_TEST

/* ---- a TCP socket in SYN_SENT ------------------------------------------------- *
 * A listener with backlog 0 whose accept queue is filled by connections that
 * are never accepted drops further SYNs, so the next non-blocking connect
 * stays in SYN_SENT (until its first SYN retransmission, about a second
 * later; the tests need a few milliseconds). */

#define MAX_FILL 16
#define CONNECT_WAIT_MS 200

static int syn_listener = -1, syn_fd = -1, fill_fds[MAX_FILL], fill_count;

static void syn_sent_setup(void)
{
    struct sockaddr_in addr;
    int i;

    syn_listener = make_listener(0, &addr);
    for (i = 0; i < MAX_FILL; i++) fill_fds[i] = -1;
    fill_count = 0;

    for (i = 0; i <= MAX_FILL; i++)
    {
        struct pollfd pfd;
        int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), ret;

        ck_assert_msg(fd >= 0, "socket: %s", strerror(errno));
        ret = connect(fd, (struct sockaddr *)&addr, sizeof(addr));
        ck_assert_msg(!ret || errno == EINPROGRESS, "connect: %s", strerror(errno));
        pfd.fd = fd;
        pfd.events = POLLOUT;
        pfd.revents = 0;
        ret = ret ? poll(&pfd, 1, CONNECT_WAIT_MS) : 1;
        ck_assert_msg(ret >= 0, "poll: %s", strerror(errno));
        if (!ret)
        {
            /* not connected within the wait: the queue is full */
            ck_assert_msg(tcp_state(fd) == TCP_SYN_SENT, "state %d after %d fillers",
                          tcp_state(fd), fill_count);
            syn_fd = fd;
            return;
        }
        if (fill_count == MAX_FILL)
        {
            close(fd);
            break;
        }
        fill_fds[fill_count++] = fd; /* connected (or failed): keeps the queue full */
    }
    ck_abort_msg("no connection stayed in SYN_SENT after %d fillers", fill_count);
}

static void syn_sent_teardown(void)
{
    int i;

    close_fd(&syn_fd);
    for (i = 0; i < fill_count; i++) close_fd(&fill_fds[i]);
    fill_count = 0;
    close_fd(&syn_listener);
}

START_TEST(test_check_not_connecting_syn_sent)
{
    struct ws2kit_keepalive ka = ka_of(1, 2, 1, 10), out;
    int v = 1;
    struct ws2kit_linux_sockopt p = opt_of(IPPROTO_TCP, TCP_NODELAY, WS2KIT_CHECK_NOT_CONNECTING,
                                            &v, sizeof(v));

    ck_assert_int_eq(tcp_state(syn_fd), TCP_SYN_SENT);

    ck_assert_int_eq(ws2kit_fd_set_keepalive(syn_fd, WS2KIT_CHECK_NOT_CONNECTING, &ka, 0), WSAEINVAL);
    ck_assert_int_eq(ws2kit_fd_set_keepalive(syn_fd, BOTH_CHECKS, &ka, 0), WSAEINVAL);
    ck_assert_int_eq(ws2kit_fd_get_keepalive(syn_fd, WS2KIT_CHECK_NOT_CONNECTING, &out), WSAEINVAL);
    ck_assert_int_eq(get_int_opt(syn_fd, SOL_SOCKET, SO_KEEPALIVE), 0); /* nothing applied */
    ck_assert_int_eq(ws2kit_fd_linux_setsockopt(syn_fd, &p), WSAEINVAL);
    ck_assert_int_eq(get_int_opt(syn_fd, IPPROTO_TCP, TCP_NODELAY), 0);
    ck_assert_int_eq(ws2kit_fd_linux_getsockopt(syn_fd, &p), WSAEINVAL);

    /* the stream check alone passes: it is a TCP socket */
    ck_assert_int_eq(ws2kit_fd_get_keepalive(syn_fd, WS2KIT_CHECK_STREAM, &out), 0);
    ck_assert_int_eq(out.enabled, 0);
    /* without the check the kernel takes the values */
    ck_assert_int_eq(ws2kit_fd_set_keepalive(syn_fd, 0, &ka, 0), 0);
    expect_keepalive(syn_fd, 1, 2, 1, 10);

    /* still connecting at the end, so the refusals above were for SYN_SENT */
    ck_assert_int_eq(tcp_state(syn_fd), TCP_SYN_SENT);
}
END_TEST

/* ---- getsockopt / setsockopt ---------------------------------------------------- */

START_TEST(test_rcvbuf_roundtrip)
{
    static const int sizes[] = { 65536, 32768 };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(sizes); i++)
    {
        int v = sizes[i], got = -1, direct;
        struct ws2kit_linux_sockopt set = opt_of(SOL_SOCKET, SO_RCVBUF, BOTH_CHECKS, &v, sizeof(v));
        struct ws2kit_linux_sockopt get = opt_of(SOL_SOCKET, SO_RCVBUF, BOTH_CHECKS, &got, sizeof(got));

        ck_assert_int_eq(ws2kit_fd_linux_setsockopt(client, &set), 0);
        direct = get_int_opt(client, SOL_SOCKET, SO_RCVBUF);
        ck_assert_int_ge(direct, sizes[i]); /* Linux doubles it for bookkeeping */
        ck_assert_int_le(direct, 2 * sizes[i]);
        ck_assert_int_eq(ws2kit_fd_linux_getsockopt(client, &get), 0);
        ck_assert_int_eq(get.len, sizeof(int));
        ck_assert_int_eq(got, direct);
    }
}
END_TEST

START_TEST(test_nodelay_roundtrip)
{
    int on = 1, off = 0, got;
    struct ws2kit_linux_sockopt p;

    ck_assert_int_eq(get_int_opt(client, IPPROTO_TCP, TCP_NODELAY), 0);

    p = opt_of(IPPROTO_TCP, TCP_NODELAY, BOTH_CHECKS, &on, sizeof(on));
    ck_assert_int_eq(ws2kit_fd_linux_setsockopt(client, &p), 0);
    ck_assert_int_ne(get_int_opt(client, IPPROTO_TCP, TCP_NODELAY), 0);
    got = -1;
    p = opt_of(IPPROTO_TCP, TCP_NODELAY, BOTH_CHECKS, &got, sizeof(got));
    ck_assert_int_eq(ws2kit_fd_linux_getsockopt(client, &p), 0);
    ck_assert_int_eq(got, 1);
    ck_assert_int_eq(p.len, sizeof(int));

    p = opt_of(IPPROTO_TCP, TCP_NODELAY, BOTH_CHECKS, &off, sizeof(off));
    ck_assert_int_eq(ws2kit_fd_linux_setsockopt(client, &p), 0);
    ck_assert_int_eq(get_int_opt(client, IPPROTO_TCP, TCP_NODELAY), 0);
    got = -1;
    p = opt_of(IPPROTO_TCP, TCP_NODELAY, BOTH_CHECKS, &got, sizeof(got));
    ck_assert_int_eq(ws2kit_fd_linux_getsockopt(client, &p), 0);
    ck_assert_int_eq(got, 0);
}
END_TEST

START_TEST(test_negative_len_efault)
{
    static const int32_t lens[] = { -1, -4, INT32_MIN };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(lens); i++)
    {
        int v = 0x5a5a5a5a;
        struct ws2kit_linux_sockopt p = opt_of(IPPROTO_TCP, TCP_NODELAY, 0, &v, lens[i]);

        ck_assert_int_eq(ws2kit_fd_linux_getsockopt(client, &p), WSAEFAULT);
        ck_assert_int_eq(p.len, lens[i]);
        ck_assert_int_eq(v, 0x5a5a5a5a);

        v = 1;
        ck_assert_int_eq(ws2kit_fd_linux_setsockopt(client, &p), WSAEFAULT);
        ck_assert_int_eq(get_int_opt(client, IPPROTO_TCP, TCP_NODELAY), 0);
    }
}
END_TEST

START_TEST(test_written_length_reported)
{
    unsigned char buf[16];
    struct linger lg;
    int v;
    struct ws2kit_linux_sockopt p;

    /* an int option into an 8-byte buffer: 4 bytes written, 4 reported */
    memset(buf, 0xaa, sizeof(buf));
    p = opt_of(SOL_SOCKET, SO_RCVBUF, 0, buf, 8);
    ck_assert_int_eq(ws2kit_fd_linux_getsockopt(client, &p), 0);
    ck_assert_int_eq(p.len, 4);
    memcpy(&v, buf, 4);
    ck_assert_int_eq(v, get_int_opt(client, SOL_SOCKET, SO_RCVBUF));
    ck_assert_uint_eq(buf[4], 0xaa);

    memset(buf, 0xaa, sizeof(buf));
    p = opt_of(IPPROTO_TCP, TCP_NODELAY, 0, buf, 8);
    ck_assert_int_eq(ws2kit_fd_linux_getsockopt(client, &p), 0);
    ck_assert_int_eq(p.len, 4);

    /* a struct option: SO_LINGER is 8 bytes on Linux */
    memset(buf, 0xaa, sizeof(buf));
    lg.l_onoff = 1;
    lg.l_linger = 7;
    ck_assert(!setsockopt(client, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)));
    p = opt_of(SOL_SOCKET, SO_LINGER, 0, buf, sizeof(buf));
    ck_assert_int_eq(ws2kit_fd_linux_getsockopt(client, &p), 0);
    ck_assert_int_eq(p.len, sizeof(struct linger));
    memcpy(&lg, buf, sizeof(lg));
    ck_assert_int_ne(lg.l_onoff, 0);
    ck_assert_int_eq(lg.l_linger, 7);
    ck_assert_uint_eq(buf[sizeof(struct linger)], 0xaa);
}
END_TEST

START_TEST(test_kernel_errors_mapped)
{
    int v = 1;
    struct ws2kit_linux_sockopt p;

    /* unknown option: ENOPROTOOPT */
    p = opt_of(SOL_SOCKET, 9999, 0, &v, sizeof(v));
    ck_assert_int_eq(ws2kit_fd_linux_getsockopt(client, &p), WSAENOPROTOOPT);
    ck_assert_int_eq(ws2kit_fd_linux_setsockopt(client, &p), WSAENOPROTOOPT);

    /* too short for an int option: EINVAL */
    p = opt_of(IPPROTO_TCP, TCP_NODELAY, 0, &v, 0);
    ck_assert_int_eq(ws2kit_fd_linux_setsockopt(client, &p), WSAEINVAL);

    /* unmapped buffer: EFAULT */
    p = opt_of(SOL_SOCKET, SO_RCVBUF, 0, NULL, sizeof(int));
    ck_assert_int_eq(ws2kit_fd_linux_getsockopt(client, &p), WSAEFAULT);
    ck_assert_int_eq(ws2kit_fd_linux_setsockopt(client, &p), WSAEFAULT);
}
END_TEST

/* ---- the option table: Windows options in, Linux options on the socket -------- */

static int win_get(int fd, int level, int name, uint32_t *value)
{
    struct ws2kit_sockopt_params p = { 0, level, name, 0, sizeof(*value), value };
    int err = ws2kit_fd_getsockopt(fd, &p);

    if (!err) ck_assert_int_eq(p.len, sizeof(*value));
    return err;
}

static int win_set(int fd, int level, int name, uint32_t value)
{
    struct ws2kit_sockopt_params p = { 0, level, name, 0, sizeof(value), &value };
    return ws2kit_fd_setsockopt(fd, &p);
}

START_TEST(test_table_plain_option)
{
    uint32_t v = 0;

    ck_assert_int_eq(win_set(client, WS_IPPROTO_TCP, WS_TCP_NODELAY, 1), 0);
    ck_assert_int_ne(get_int_opt(client, IPPROTO_TCP, TCP_NODELAY), 0);
    ck_assert_int_eq(win_get(client, WS_IPPROTO_TCP, WS_TCP_NODELAY, &v), 0);
    ck_assert_uint_eq(v, 1);
    /* Windows' TCP_MAXSEG (4) is Linux's TCP_KEEPIDLE: the table's Linux number is used */
    ck_assert_int_eq(win_get(client, WS_IPPROTO_TCP, WS_TCP_MAXSEG, &v), 0);
    ck_assert_uint_eq(v, get_int_opt(client, IPPROTO_TCP, TCP_MAXSEG));
    ck_assert_int_eq(win_get(udp, WS_SOL_SOCKET, WS_SO_TYPE, &v), 0);
    ck_assert_uint_eq(v, WS_SOCK_DGRAM);
}
END_TEST

START_TEST(test_table_unknown_option)
{
    uint32_t v = 0;
    struct ws2kit_sockopt_params p = { 0, WS_IPPROTO_TCP, WS_TCP_NODELAY, 0, 2, &v };

    /* Linux's SOL_SOCKET/SO_RCVBUF is no Windows option the table has */
    ck_assert_int_eq(win_get(client, SOL_SOCKET, SO_RCVBUF, &v), WSAENOPROTOOPT);
    ck_assert_int_eq(win_set(client, WS_SOL_SOCKET, 0x7777, 1), WSAENOPROTOOPT);
    ck_assert_int_eq(ws2kit_fd_getsockopt(client, &p), WSAEFAULT);
    ck_assert_int_eq(ws2kit_fd_setsockopt(client, &p), WSAEFAULT);
}
END_TEST

START_TEST(test_table_type_checks)
{
    uint32_t v = 0;

    ck_assert_int_eq(win_get(udp, WS_SOL_SOCKET, WS_SO_OOBINLINE, &v), WSAENOPROTOOPT);
    ck_assert_int_eq(win_get(udp, WS_SOL_SOCKET, WS_SO_KEEPALIVE, &v), WSAENOPROTOOPT);
    ck_assert_int_eq(win_set(udp, WS_IPPROTO_TCP, WS_TCP_MAXRT, 5), WSAENOPROTOOPT);
    ck_assert_int_eq(win_set(client, WS_IPPROTO_UDP, WS_UDP_NOCHECKSUM, 1), WSAENOPROTOOPT);
    ck_assert_int_eq(win_set(client, WS_IPPROTO_UDP, WS_UDP_SEND_MSG_SIZE, 1000), WSAENOPROTOOPT);
    ck_assert_int_eq(win_set(udp, WS_IPPROTO_UDP, WS_UDP_NOCHECKSUM, 1), 0);
    ck_assert_int_ne(get_int_opt(udp, SOL_SOCKET, SO_NO_CHECK), 0);
    ck_assert_int_eq(win_get(file, WS_IPPROTO_TCP, WS_TCP_NODELAY, &v), WSAENOTSOCK);
}
END_TEST

/* The checks the PE side's rows used to make themselves: IP_MULTICAST_* are
 * WSAEINVAL on a TCP socket, UDP_NOCHECKSUM is IPv4's only, and an fd that
 * is no IPv4 or IPv6 socket (Wine's pipes are AF_UNIX) is no socket. */
START_TEST(test_table_family_and_stream_checks)
{
    int udp6 = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0), pair[2];
    uint32_t v = 0;
    struct ws2kit_sockopt_params p = { 0, WS_SOL_SOCKET, WS_SO_TYPE, WS2KIT_CHECK_STREAM, sizeof(v), &v };

    ck_assert_msg(udp6 >= 0, "socket(AF_INET6): %s", strerror(errno));
    ck_assert_int_eq(win_set(client, WS_IPPROTO_IP, WS_IP_MULTICAST_TTL, 7), WSAEINVAL);
    ck_assert_int_eq(win_get(client, WS_IPPROTO_IP, WS_IP_MULTICAST_LOOP, &v), WSAEINVAL);
    ck_assert_int_eq(win_set(udp, WS_IPPROTO_IP, WS_IP_MULTICAST_TTL, 7), 0);
    ck_assert_int_eq(get_int_opt(udp, IPPROTO_IP, IP_MULTICAST_TTL), 7);
    ck_assert_int_eq(win_set(udp6, WS_IPPROTO_UDP, WS_UDP_NOCHECKSUM, 1), WSAENOPROTOOPT);
    ck_assert_int_eq(win_get(udp6, WS_IPPROTO_UDP, WS_UDP_NOCHECKSUM, &v), WSAENOPROTOOPT);
    close(udp6);

    ck_assert_int_eq(ws2kit_fd_getsockopt(client, &p), 0);
    ck_assert_uint_eq(v, WS_SOCK_STREAM);
    ck_assert_int_eq(ws2kit_fd_getsockopt(udp, &p), WSAENOPROTOOPT);
    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), 0);
    ck_assert_int_eq(ws2kit_fd_getsockopt(pair[0], &p), WSAENOTSOCK);
    close(pair[0]);
    close(pair[1]);
}
END_TEST

START_TEST(test_table_keepalive_clamped)
{
    uint32_t v = 0;

    ck_assert_int_eq(win_set(client, WS_IPPROTO_TCP, WS_TCP_KEEPCNT, 200), 0);
    ck_assert_int_eq(get_int_opt(client, IPPROTO_TCP, TCP_KEEPCNT), 127);
    ck_assert_int_eq(win_set(client, WS_IPPROTO_TCP, WS_TCP_KEEPALIVE, 0), 0);
    ck_assert_int_eq(get_int_opt(client, IPPROTO_TCP, TCP_KEEPIDLE), 1);
    ck_assert_int_eq(win_set(client, WS_IPPROTO_TCP, WS_TCP_KEEPINTVL, 100000), 0);
    ck_assert_int_eq(get_int_opt(client, IPPROTO_TCP, TCP_KEEPINTVL), 32767);
    ck_assert_int_eq(win_set(client, WS_IPPROTO_TCP, WS_TCP_KEEPINTVL, 42), 0);
    ck_assert_int_eq(win_get(client, WS_IPPROTO_TCP, WS_TCP_KEEPINTVL, &v), 0);
    ck_assert_uint_eq(v, 42);
}
END_TEST

START_TEST(test_table_converted)
{
    uint32_t v = 0;

    ck_assert_int_eq(win_set(client, WS_IPPROTO_TCP, WS_TCP_MAXRT, 5), 0);
    ck_assert_int_eq(get_int_opt(client, IPPROTO_TCP, TCP_USER_TIMEOUT), 5000);
    ck_assert_int_eq(win_get(client, WS_IPPROTO_TCP, WS_TCP_MAXRTMS, &v), 0);
    ck_assert_uint_eq(v, 5000);
    ck_assert_int_eq(win_set(client, WS_IPPROTO_TCP, WS_TCP_MAXRTMS, 1500), 0);
    ck_assert_int_eq(win_get(client, WS_IPPROTO_TCP, WS_TCP_MAXRT, &v), 0);
    ck_assert_uint_eq(v, 2);
    ck_assert_int_eq(win_set(client, WS_IPPROTO_TCP, WS_TCP_MAXRT, 0xffffffffu), 0);
    ck_assert_int_eq(get_int_opt(client, IPPROTO_TCP, TCP_USER_TIMEOUT), 0);
    ck_assert_int_eq(win_get(client, WS_IPPROTO_TCP, WS_TCP_MAXRTMS, &v), 0);
    ck_assert_uint_eq(v, 0xffffffffu);

    ck_assert_int_eq(win_set(client, WS_IPPROTO_TCP, WS_TCP_NOSYNRETRIES, 1), 0);
    ck_assert_int_eq(get_int_opt(client, IPPROTO_TCP, TCP_SYNCNT), 1);
    ck_assert_int_eq(win_get(client, WS_IPPROTO_TCP, WS_TCP_NOSYNRETRIES, &v), 0);
    ck_assert_uint_eq(v, 1);
    ck_assert_int_eq(win_set(client, WS_IPPROTO_TCP, WS_TCP_NOSYNRETRIES, 0), 0);
    ck_assert_int_eq(get_int_opt(client, IPPROTO_TCP, TCP_SYNCNT), 6);

    set_int_opt(client, SOL_SOCKET, SO_SNDBUF, 65536);
    ck_assert_int_eq(win_get(client, WS_SOL_SOCKET, WS_SO_SNDBUF, &v), 0);
    ck_assert_uint_eq(v, get_int_opt(client, SOL_SOCKET, SO_SNDBUF) / 2);
}
END_TEST

START_TEST(test_table_recverr)
{
    int fd = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);

    ck_assert_msg(fd >= 0, "socket(AF_INET6): %s", strerror(errno));
    ck_assert_int_eq(win_set(fd, WS_IPPROTO_TCP, WS_TCP_FAIL_CONNECT_ON_ICMP_ERROR, 1), 0);
    ck_assert_int_ne(get_int_opt(fd, IPPROTO_IPV6, IPV6_RECVERR), 0);
    ck_assert_int_ne(get_int_opt(fd, IPPROTO_IP, IP_RECVERR), 0);
    ck_assert_int_eq(win_set(fd, WS_IPPROTO_TCP, WS_TCP_FAIL_CONNECT_ON_ICMP_ERROR, 0), 0);
    ck_assert_int_eq(get_int_opt(fd, IPPROTO_IPV6, IPV6_RECVERR), 0);
    close(fd);
    ck_assert_int_eq(win_set(client, WS_IPPROTO_TCP, WS_TCP_FAIL_CONNECT_ON_ICMP_ERROR, 1), 0);
    ck_assert_int_ne(get_int_opt(client, IPPROTO_IP, IP_RECVERR), 0);
    ck_assert_int_eq(win_set(file, WS_IPPROTO_TCP, WS_TCP_FAIL_CONNECT_ON_ICMP_ERROR, 1), WSAENOTSOCK);
}
END_TEST

/* ---- ws2kit_fd_sockstate -------------------------------------------------------- */

static struct ws2kit_sockstate_params sockstate_of(int fd)
{
    struct ws2kit_sockstate_params st;

    memset(&st, 0x55, sizeof(st));
    ck_assert_int_eq(ws2kit_fd_sockstate(fd, &st), 0);
    return st;
}

START_TEST(test_sockstate_tcp)
{
    struct ws2kit_sockstate_params st;
    int fresh;

    st = sockstate_of(client);
    ck_assert_int_eq(st.type, SOCK_STREAM);
    ck_assert_int_eq(st.bound, 1);
    ck_assert_int_eq(st.connected, 1);
    ck_assert_int_eq(st.listening, 0);

    st = sockstate_of(server);
    ck_assert_int_eq(st.bound, 1);
    ck_assert_int_eq(st.connected, 1);
    ck_assert_int_eq(st.listening, 0);

    st = sockstate_of(listener);
    ck_assert_int_eq(st.type, SOCK_STREAM);
    ck_assert_int_eq(st.bound, 1);
    ck_assert_int_eq(st.connected, 0);
    ck_assert_int_eq(st.listening, 1);

    fresh = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    ck_assert_int_ge(fresh, 0);
    st = sockstate_of(fresh);
    close(fresh);
    ck_assert_int_eq(st.type, SOCK_STREAM);
    ck_assert_int_eq(st.bound, 0);
    ck_assert_int_eq(st.connected, 0);
    ck_assert_int_eq(st.listening, 0);
}
END_TEST

START_TEST(test_sockstate_udp)
{
    struct ws2kit_sockstate_params st;
    struct sockaddr_in addr;
    socklen_t len = sizeof(addr);

    st = sockstate_of(udp);
    ck_assert_int_eq(st.type, SOCK_DGRAM);
    ck_assert_int_eq(st.bound, 0);
    ck_assert_int_eq(st.connected, 0);
    ck_assert_int_eq(st.listening, 0);

    /* connect() on UDP sends nothing; it binds and sets the peer */
    ck_assert(!getsockname(listener, (struct sockaddr *)&addr, &len));
    ck_assert_msg(!connect(udp, (struct sockaddr *)&addr, sizeof(addr)), "connect: %s", strerror(errno));
    st = sockstate_of(udp);
    ck_assert_int_eq(st.type, SOCK_DGRAM);
    ck_assert_int_eq(st.bound, 1);
    ck_assert_int_eq(st.connected, 1);
}
END_TEST

START_TEST(test_sockstate_ipv6_bound)
{
    struct ws2kit_sockstate_params st;
    struct sockaddr_in6 addr;
    int fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);

    ck_assert_msg(fd >= 0, "socket(AF_INET6): %s", strerror(errno));
    st = sockstate_of(fd);
    ck_assert_int_eq(st.bound, 0);

    memset(&addr, 0, sizeof(addr));
    addr.sin6_family = AF_INET6;
    addr.sin6_addr = in6addr_loopback;
    if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)))
    {
        int err = errno;
        close(fd);
        ck_abort_msg("bind(::1): %s", strerror(err));
    }
    st = sockstate_of(fd);
    close(fd);
    ck_assert_int_eq(st.type, SOCK_DGRAM);
    ck_assert_int_eq(st.bound, 1);
    ck_assert_int_eq(st.connected, 0);
}
END_TEST

START_TEST(test_sockstate_not_a_socket)
{
    struct ws2kit_sockstate_params st;

    ck_assert_int_eq(ws2kit_fd_sockstate(file, &st), WSAENOTSOCK);
    ck_assert_int_eq(ws2kit_fd_sockstate(-1, &st), WSAENOTSOCK);
}
END_TEST

/* Family and type come in Windows' numbers: the PE side compares them with
 * its own AF_INET6 (23, where Linux's is 10). */
START_TEST(test_sockstate_windows_numbers)
{
    struct ws2kit_sockstate_params st;
    int fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);

    ck_assert_msg(fd >= 0, "socket(AF_INET6): %s", strerror(errno));
    st = sockstate_of(fd);
    close(fd);
    ck_assert_int_eq(st.family, WS_AF_INET6);
    ck_assert_int_eq(st.type, WS_SOCK_DGRAM);
    st = sockstate_of(client);
    ck_assert_int_eq(st.family, WS_AF_INET);
    ck_assert_int_eq(st.type, WS_SOCK_STREAM);
}
END_TEST

START_TEST(test_sockstate_syn_sent)
{
    struct ws2kit_sockstate_params st;

    ck_assert_int_eq(tcp_state(syn_fd), TCP_SYN_SENT);
    st = sockstate_of(syn_fd);
    ck_assert_int_eq(st.type, SOCK_STREAM);
    ck_assert_int_eq(st.bound, 1);
    ck_assert_int_eq(st.connected, 0);
    ck_assert_int_eq(st.listening, 0);
}
END_TEST

/* ---- suite -------------------------------------------------------------------- */

static Suite *sockopt_suite(void)
{
    Suite *s = suite_create("unix_sockopt");
    TCase *tc;

    tc = tcase_create("keepalive");
    tcase_add_checked_fixture(tc, sockets_setup, sockets_teardown);
    tcase_add_test(tc, test_keepalive_set_get_roundtrip);
    tcase_add_test(tc, test_keepalive_largest_values);
    tcase_add_test(tc, test_keepalive_disable);
    tcase_add_test(tc, test_keepalive_get_fresh_socket);
    tcase_add_test(tc, test_keepalive_nearest_linux_values);
    suite_add_tcase(s, tc);

    tc = tcase_create("checks");
    tcase_add_checked_fixture(tc, sockets_setup, sockets_teardown);
    tcase_add_test(tc, test_check_stream_udp);
    tcase_add_test(tc, test_check_stream_file);
    tcase_add_test(tc, test_bad_fd_is_not_a_socket);
    tcase_add_test(tc, test_check_not_connecting_passes);
    suite_add_tcase(s, tc);

    tc = tcase_create("syn_sent");
    tcase_add_checked_fixture(tc, syn_sent_setup, syn_sent_teardown);
    tcase_set_timeout(tc, 10);
    tcase_add_test(tc, test_check_not_connecting_syn_sent);
    tcase_add_test(tc, test_sockstate_syn_sent);
    suite_add_tcase(s, tc);

    tc = tcase_create("option_table");
    tcase_add_checked_fixture(tc, sockets_setup, sockets_teardown);
    tcase_add_test(tc, test_table_plain_option);
    tcase_add_test(tc, test_table_unknown_option);
    tcase_add_test(tc, test_table_type_checks);
    tcase_add_test(tc, test_table_family_and_stream_checks);
    tcase_add_test(tc, test_table_keepalive_clamped);
    tcase_add_test(tc, test_table_converted);
    tcase_add_test(tc, test_table_recverr);
    suite_add_tcase(s, tc);

    tc = tcase_create("sockopt");
    tcase_add_checked_fixture(tc, sockets_setup, sockets_teardown);
    tcase_add_test(tc, test_rcvbuf_roundtrip);
    tcase_add_test(tc, test_nodelay_roundtrip);
    tcase_add_test(tc, test_negative_len_efault);
    tcase_add_test(tc, test_written_length_reported);
    tcase_add_test(tc, test_kernel_errors_mapped);
    suite_add_tcase(s, tc);

    tc = tcase_create("sockstate");
    tcase_add_checked_fixture(tc, sockets_setup, sockets_teardown);
    tcase_add_test(tc, test_sockstate_tcp);
    tcase_add_test(tc, test_sockstate_udp);
    tcase_add_test(tc, test_sockstate_ipv6_bound);
    tcase_add_test(tc, test_sockstate_not_a_socket);
    tcase_add_test(tc, test_sockstate_windows_numbers);
    suite_add_tcase(s, tc);

    return s;
}

int main(void)
{
    return run_suite(sockopt_suite());
}
