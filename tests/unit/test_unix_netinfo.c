/* ws2kit.so's network information on the host: interface addresses, the
 * route to a destination and TCP statistics, in Windows' terms. */
#include <arpa/inet.h>
#include <check.h>

#include "check_run.h"
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "unix_private.h"

#define WIN_AF_INET6 23

static struct ws2kit_interface entries[256];

static uint32_t list(int family, struct ws2kit_interfaces_params *p)
{
    memset(p, 0, sizeof(*p));
    p->family = family;
    p->entries = entries;
    p->max_entries = 256;
    ck_assert_int_eq(ws2kit_interfaces(p), 0);
    return p->count;
}

START_TEST(test_interfaces_have_loopback)
{
    struct ws2kit_interfaces_params p;
    uint32_t i, n = list(2, &p);
    int found = 0;

    ck_assert_uint_gt(n, 0);
    for (i = 0; i < n && i < 256; i++)
    {
        ck_assert_int_eq(entries[i].family, 2);
        ck_assert_int_eq(entries[i].addr[0], 2);   /* Windows family in the sockaddr */
        ck_assert(entries[i].flags & WS2KIT_IFF_UP);
        if (!memcmp(entries[i].addr + 4, "\x7f\x00\x00\x01", 4))
        {
            found = 1;
            ck_assert(entries[i].flags & WS2KIT_IFF_LOOPBACK);
            ck_assert(!memcmp(entries[i].netmask + 4, "\xff\x00\x00\x00", 4));
        }
    }
    ck_assert_msg(found, "127.0.0.1 is missing");
}
END_TEST

START_TEST(test_interfaces_family_filter_and_count)
{
    struct ws2kit_interfaces_params p;
    uint32_t v4, v6, all, i;

    v4 = list(2, &p);
    v6 = list(WIN_AF_INET6, &p);
    for (i = 0; i < v6 && i < 256; i++) ck_assert_int_eq(entries[i].family, WIN_AF_INET6);
    all = list(0, &p);
    ck_assert_uint_eq(all, v4 + v6);
    /* no room: counted, not written */
    memset(&p, 0, sizeof(p));
    p.entries = NULL;
    p.max_entries = 0;
    ck_assert_int_eq(ws2kit_interfaces(&p), 0);
    ck_assert_uint_eq(p.count, all);
}
END_TEST

static void route(const char *text, int family, const char *expect)
{
    struct ws2kit_route_query_params p;
    char out[64];

    memset(&p, 0, sizeof(p));
    if (family == AF_INET)
    {
        struct sockaddr_in *sin = (struct sockaddr_in *)p.dest;
        sin->sin_family = 2;
        sin->sin_port = htons(53);
        inet_pton(AF_INET, text, &sin->sin_addr);
        p.dest_len = sizeof(*sin);
    }
    else
    {
        struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)p.dest;
        sin6->sin6_family = WIN_AF_INET6;
        inet_pton(AF_INET6, text, &sin6->sin6_addr);
        p.dest_len = sizeof(*sin6);
    }
    ck_assert_int_eq(ws2kit_route_query(&p), 0);
    ck_assert_int_eq(p.local[0], family == AF_INET ? 2 : WIN_AF_INET6);
    ck_assert_int_eq(((struct sockaddr_in *)p.local)->sin_port, 0);
    inet_ntop(family, family == AF_INET ? (void *)(p.local + 4) : (void *)(p.local + 8), out, sizeof(out));
    ck_assert_str_eq(out, expect);
}

START_TEST(test_route_query)
{
    route("127.0.0.1", AF_INET, "127.0.0.1");
    route("127.1.2.3", AF_INET, "127.0.0.1");
    route("::1", AF_INET6, "::1");
}
END_TEST

START_TEST(test_route_query_bad_input)
{
    struct ws2kit_route_query_params p;

    memset(&p, 0, sizeof(p));
    p.dest[0] = 99;
    p.dest_len = 16;
    ck_assert_int_eq(ws2kit_route_query(&p), WSAEAFNOSUPPORT);
    p.dest[0] = 2;
    p.dest_len = 8;
    ck_assert_int_eq(ws2kit_route_query(&p), WSAEFAULT);
}
END_TEST

START_TEST(test_tcp_info)
{
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof(addr);
    struct ws2kit_tcp_info info;
    char buf[5000] = { 0 };
    int listener, client, server, udp, got = 0, n;

    listener = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert(!bind(listener, (struct sockaddr *)&addr, sizeof(addr)) && !listen(listener, 1));
    getsockname(listener, (struct sockaddr *)&addr, &len);
    client = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert(!connect(client, (struct sockaddr *)&addr, sizeof(addr)));
    server = accept(listener, NULL, NULL);
    ck_assert_int_eq(write(client, buf, sizeof(buf)), sizeof(buf));
    while (got < (int)sizeof(buf) && (n = read(server, buf, sizeof(buf))) > 0) got += n;

    ck_assert_int_eq(ws2kit_fd_tcp_info(client, &info), 0);
    ck_assert_uint_eq(info.state, 4);                 /* TCPSTATE_ESTABLISHED */
    ck_assert_uint_eq(info.peer_fin, 0);
    ck_assert_uint_gt(info.mss, 0);
    ck_assert_uint_ge(info.bytes_out, sizeof(buf));
    ck_assert_uint_gt(info.rcv_buf, 0);
    ck_assert_int_eq(ws2kit_fd_tcp_info(server, &info), 0);
    ck_assert_uint_ge(info.bytes_in, sizeof(buf));
    ck_assert_int_eq(ws2kit_fd_tcp_info(listener, &info), 0);
    ck_assert_uint_eq(info.state, 1);                 /* TCPSTATE_LISTEN */

    shutdown(client, SHUT_WR);                        /* the server's end gets the FIN */
    for (n = 0; n < 100 && !ws2kit_fd_tcp_info(server, &info) && !info.peer_fin; n++) usleep(10000);
    ck_assert_uint_eq(info.peer_fin, 1);
    ck_assert_uint_eq(info.state, 7);                 /* TCPSTATE_CLOSE_WAIT */

    udp = socket(AF_INET, SOCK_DGRAM, 0);
    ck_assert_int_ne(ws2kit_fd_tcp_info(udp, &info), 0);
    close(udp);
    close(client);
    close(server);
    close(listener);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("unix_netinfo");
    TCase *tc = tcase_create("netinfo");

    tcase_add_test(tc, test_interfaces_have_loopback);
    tcase_add_test(tc, test_interfaces_family_filter_and_count);
    tcase_add_test(tc, test_route_query);
    tcase_add_test(tc, test_route_query_bad_input);
    tcase_add_test(tc, test_tcp_info);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
