/* Unit tests for dlls/ws2kit/unix/ports.c on real Linux sockets (loopback
 * only): the reading of /proc/net/tcp{,6} that decides whether a stream
 * socket may bind beside a port held on another address, and what the
 * share_port steps leave on the Linux socket (SO_REUSEPORT), read back with
 * getsockopt here, not through ws2kit. */
#define _GNU_SOURCE
#include <check.h>

#include "check_run.h"
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "unix_private.h"

/* A loopback TCP listener on an ephemeral port; *port in host order. */
static int listener(int family, const char *text, uint16_t *port)
{
    struct sockaddr_storage ss = { 0 };
    socklen_t len = family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
    int fd = socket(family, SOCK_STREAM, 0);

    ck_assert_int_ge(fd, 0);
    ss.ss_family = family;
    if (family == AF_INET6) inet_pton(AF_INET6, text, &((struct sockaddr_in6 *)&ss)->sin6_addr);
    else inet_pton(AF_INET, text, &((struct sockaddr_in *)&ss)->sin_addr);
    ck_assert_int_eq(bind(fd, (struct sockaddr *)&ss, len), 0);
    ck_assert_int_eq(listen(fd, 1), 0);
    ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&ss, &len), 0);
    *port = ntohs(family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
                                     : ((struct sockaddr_in *)&ss)->sin_port);
    return fd;
}

/* How many lines of the table say a socket listens on text:port. */
static int listening_lines(int family, const char *text, uint16_t port)
{
    FILE *table = fopen(family == AF_INET6 ? "/proc/net/tcp6" : "/proc/net/tcp", "r");
    uint8_t addr[16] = { 0 };
    char line[256];
    int count = 0;

    ck_assert_ptr_nonnull(table);
    inet_pton(family, text, addr);
    while (fgets(line, sizeof(line), table))
        count += ws2kit_proc_net_tcp_listens_on(line, family == AF_INET6 ? 16 : 4, addr, port);
    fclose(table);
    return count;
}

START_TEST(test_listener_found_on_its_address_only)
{
    uint16_t port;
    int fd = listener(AF_INET, "127.0.0.1", &port);

    ck_assert_int_eq(listening_lines(AF_INET, "127.0.0.1", port), 1);
    ck_assert_int_eq(listening_lines(AF_INET, "0.0.0.0", port), 0);
    ck_assert_int_eq(listening_lines(AF_INET, "127.0.0.1", port + 1), 0);
    close(fd);
    ck_assert_int_eq(listening_lines(AF_INET, "127.0.0.1", port), 0);
}
END_TEST

START_TEST(test_ipv6_listener_found)
{
    uint16_t port;
    int fd = socket(AF_INET6, SOCK_STREAM, 0);

    if (fd < 0) return;  /* no IPv6 on this host: nothing to read */
    close(fd);
    fd = listener(AF_INET6, "::1", &port);
    ck_assert_int_eq(listening_lines(AF_INET6, "::1", port), 1);
    ck_assert_int_eq(listening_lines(AF_INET6, "::", port), 0);
    close(fd);
}
END_TEST

START_TEST(test_lines_that_are_no_listener)
{
    static const uint8_t loopback[4] = { 127, 0, 0, 1 };
    /* The header, an established socket, a truncated line. */
    ck_assert_int_eq(ws2kit_proc_net_tcp_listens_on("  sl  local_address rem_address   st", 4, loopback, 80), 0);
    ck_assert_int_eq(ws2kit_proc_net_tcp_listens_on("   1: 0100007F:0050 0100007F:9C40 01 0", 4, loopback, 80), 0);
    ck_assert_int_eq(ws2kit_proc_net_tcp_listens_on("   1: 0100007F:0050 00000000:0000 0A 0", 4, loopback, 80), 1);
    ck_assert_int_eq(ws2kit_proc_net_tcp_listens_on("   1: 0100007F:0050", 4, loopback, 80), 0);
}
END_TEST

static int reuseport(int fd)
{
    int on = -1;
    socklen_t len = sizeof(on);
    ck_assert_int_eq(getsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, &len), 0);
    return on;
}

static int share(int fd, enum ws2kit_share_port what, const char *text, uint16_t port)
{
    struct ws2kit_share_port_params params = { .what = what, .port = htons(port) };
    if (text) inet_pton(AF_INET, text, params.addr);
    return ws2kit_fd_share_port(fd, &params);
}

/* A specific address beside a listener on the wildcard one: BESIDE gives the
 * socket SO_REUSEPORT, and Linux then lets it bind; on the address itself
 * it says WSAEADDRINUSE and leaves the socket as it was. */
START_TEST(test_bind_beside_a_wildcard_listener)
{
    struct sockaddr_in sa = { .sin_family = AF_INET };
    uint16_t port;
    int wildcard = listener(AF_INET, "0.0.0.0", &port), on = 1;
    int specific = socket(AF_INET, SOCK_STREAM, 0), same = socket(AF_INET, SOCK_STREAM, 0);

    setsockopt(wildcard, SOL_SOCKET, SO_REUSEPORT, &on, sizeof(on));  /* as BOUND gives it */
    sa.sin_port = htons(port);
    inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
    ck_assert_int_ne(bind(specific, (struct sockaddr *)&sa, sizeof(sa)), 0);
    ck_assert_int_eq(errno, EADDRINUSE);
    if (share(specific, WS2KIT_SHARE_PORT_BESIDE, "127.0.0.1", port) == WSAEADDRINUSE)
    {
        /* A kernel that cannot pick the first listener (gVisor): nothing changes. */
        ck_assert_int_eq(reuseport(specific), 0);
    }
    else
    {
        ck_assert_int_eq(reuseport(specific), 1);
        ck_assert_int_eq(bind(specific, (struct sockaddr *)&sa, sizeof(sa)), 0);
    }
    ck_assert_int_eq(share(same, WS2KIT_SHARE_PORT_BESIDE, "0.0.0.0", port), WSAEADDRINUSE);
    ck_assert_int_eq(reuseport(same), 0);
    close(same);
    close(specific);
    close(wildcard);
}
END_TEST

/* A datagram socket is left alone by every step. */
START_TEST(test_datagram_socket_untouched)
{
    int fd = socket(AF_INET, SOCK_DGRAM, 0);

    ck_assert_int_eq(share(fd, WS2KIT_SHARE_PORT_BOUND, NULL, 0), 0);
    ck_assert_int_eq(share(fd, WS2KIT_SHARE_PORT_ON, NULL, 0), 0);
    ck_assert_int_eq(reuseport(fd), 0);
    ck_assert_int_eq(share(fd, WS2KIT_SHARE_PORT_BESIDE, "127.0.0.1", 1), WSAEADDRINUSE);
    close(fd);
}
END_TEST

static Suite *ports_suite(void)
{
    Suite *s = suite_create("unix_ports");
    TCase *tc = tcase_create("proc_net_tcp");

    tcase_add_test(tc, test_listener_found_on_its_address_only);
    tcase_add_test(tc, test_ipv6_listener_found);
    tcase_add_test(tc, test_lines_that_are_no_listener);
    suite_add_tcase(s, tc);
    tc = tcase_create("share_port");
    tcase_add_test(tc, test_bind_beside_a_wildcard_listener);
    tcase_add_test(tc, test_datagram_socket_untouched);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(ports_suite());
}
