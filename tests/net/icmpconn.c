/* The Windows side of tests/net/icmp-connect.sh: a connect that an ICMP
 * "destination unreachable" fails, with TCP_FAIL_CONNECT_ON_ICMP_ERROR on.
 *
 *   icmpconn.exe UNREACHABLE ROUTER CLOSED_PORT
 *
 * UNREACHABLE is an address the router answers with ICMP host unreachable,
 * ROUTER the router's address (the ICMP message's sender), CLOSED_PORT a
 * port on the router nothing listens on (a reset, no ICMP). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ws2kit/sdk_extra.h"
#include "harness.h"

static int get_icmp_error(SOCKET s, WS2KIT_ICMP_ERROR_INFO *info)
{
    int len = sizeof(*info);

    memset(info, 0xcc, sizeof(*info));
    if (getsockopt(s, IPPROTO_TCP, TCP_ICMP_ERROR_INFO, (char *)info, &len)) return WSAGetLastError();
    ok(len == sizeof(*info), "TCP_ICMP_ERROR_INFO wrote %d bytes\n", len);
    return 0;
}

static SOCKET tcp_socket_failing_on_icmp(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    DWORD on = 1;

    ok(!setsockopt(s, IPPROTO_TCP, TCP_FAIL_CONNECT_ON_ICMP_ERROR, (char *)&on, sizeof(on)),
       "TCP_FAIL_CONNECT_ON_ICMP_ERROR: %d\n", WSAGetLastError());
    return s;
}

static int connect_to(SOCKET s, const char *host, int port, DWORD *elapsed)
{
    struct sockaddr_in addr = { AF_INET };
    DWORD start = GetTickCount();
    int ret;

    addr.sin_port = htons(port);
    inet_pton(AF_INET, host, &addr.sin_addr);
    ret = connect(s, (struct sockaddr *)&addr, sizeof(addr));
    *elapsed = GetTickCount() - start;
    return ret ? WSAGetLastError() : 0;
}

START_TEST(icmpconn)
{
    WS2KIT_ICMP_ERROR_INFO info, again;
    struct in_addr router;
    WSADATA data;
    DWORD elapsed;
    SOCKET s;
    int err;

    if (__argc != 4) { fprintf(stderr, "usage: icmpconn UNREACHABLE ROUTER CLOSED_PORT\n"); exit(2); }
    harness_start_watchdog(60000);
    WSAStartup(MAKEWORD(2, 2), &data);
    inet_pton(AF_INET, __argv[2], &router);

    /* Unreachable: the connect fails at once with the ICMP message's error,
     * and TCP_ICMP_ERROR_INFO says who sent which message. */
    s = tcp_socket_failing_on_icmp();
    ok(get_icmp_error(s, &info) == WSANO_DATA, "before any connect: not WSANO_DATA\n");
    err = connect_to(s, __argv[1], 80, &elapsed);
    ok(err == WSAEHOSTUNREACH, "connect to the unreachable host: error %d\n", err);
    ok(elapsed < 10000, "the connect took %lu ms\n", elapsed);
    err = get_icmp_error(s, &info);
    ok(!err, "TCP_ICMP_ERROR_INFO after the failure: error %d\n", err);
    ok(info.srcaddress.si_family == AF_INET && info.srcaddress.Ipv4.sin_addr.s_addr == router.s_addr,
       "ICMP source family %u address %#lx, expected the router %#lx\n", info.srcaddress.si_family,
       (unsigned long)info.srcaddress.Ipv4.sin_addr.s_addr, (unsigned long)router.s_addr);
    ok(info.protocol == IPPROTO_ICMP && info.type == 3 && info.code == 1,
       "protocol %d type %u code %u, expected ICMP destination (3) host (1) unreachable\n", info.protocol,
       info.type, info.code);
    ok(!get_icmp_error(s, &again) && !memcmp(&info, &again, sizeof(info)), "a second read differs\n");
    printf("icmp from %s type %u code %u\n", __argv[2], info.type, info.code);

    /* A short buffer and a datagram socket. */
    {
        char small[8];
        int len = sizeof(small);
        SOCKET udp = socket(AF_INET, SOCK_DGRAM, 0);
        ok(getsockopt(s, IPPROTO_TCP, TCP_ICMP_ERROR_INFO, small, &len) == SOCKET_ERROR &&
           WSAGetLastError() == WSAEFAULT, "short buffer: %d\n", WSAGetLastError());
        len = sizeof(info);
        ok(getsockopt(udp, IPPROTO_TCP, TCP_ICMP_ERROR_INFO, (char *)&info, &len) == SOCKET_ERROR &&
           WSAGetLastError() == WSAENOPROTOOPT, "UDP: %d\n", WSAGetLastError());
        closesocket(udp);
    }
    closesocket(s);

    /* Refused with a reset: no ICMP error to report. */
    s = tcp_socket_failing_on_icmp();
    err = connect_to(s, __argv[2], atoi(__argv[3]), &elapsed);
    ok(err == WSAECONNREFUSED, "connect to a closed port: error %d\n", err);
    ok(get_icmp_error(s, &info) == WSANO_DATA, "after a reset: not WSANO_DATA\n");
    closesocket(s);

    /* A failed connect whose ICMP error nobody reads: the script watches the
     * wineserver's CPU time while the socket stays open. */
    s = tcp_socket_failing_on_icmp();
    err = connect_to(s, __argv[1], 80, &elapsed);
    ok(err == WSAEHOSTUNREACH, "second connect to the unreachable host: error %d\n", err);
    printf("unread error pending\n");
    Sleep(4000);
    closesocket(s);
    WSACleanup();
}
