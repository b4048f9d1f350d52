/* A connection the peer resets against one it closes gracefully, as the
 * receive calls report them: on Windows every recv after a reset fails with
 * WSAECONNRESET, while after a graceful close recv returns 0 (end of file)
 * once the data that came before it has been read. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include "sockpair.h"

static void reset_by_peer(struct pair *p)
{
    struct linger abortive = { 1, 0 };

    ok(!setsockopt(p->server, SOL_SOCKET, SO_LINGER, (char *)&abortive, sizeof(abortive)), "SO_LINGER\n");
    closesocket(p->server);
    p->server = INVALID_SOCKET;
    Sleep(100);
}

static int recv_result(SOCKET s)
{
    char buf[16];
    int ret = recv(s, buf, sizeof(buf), 0);
    return ret == SOCKET_ERROR ? -WSAGetLastError() : ret;
}

static int wsarecv_result(SOCKET s)
{
    char buf[16];
    WSABUF wsabuf = { sizeof(buf), buf };
    DWORD received = 0xdeadbeef, flags = 0;

    if (WSARecv(s, &wsabuf, 1, &received, &flags, NULL, NULL)) return -WSAGetLastError();
    return (int)received;
}

static void test_reset(void)
{
    struct pair p;

    if (!make_pair(&p)) { ok(0, "no connected pair\n"); return; }
    reset_by_peer(&p);
    ok(recv_result(p.client) == -WSAECONNRESET, "recv after a reset: %d\n", recv_result(p.client));
    ok(recv_result(p.client) == -WSAECONNRESET, "a second recv after a reset\n");
    ok(wsarecv_result(p.client) == -WSAECONNRESET, "WSARecv after a reset: %d\n", wsarecv_result(p.client));
    closesocket(p.client);
}

static void test_graceful_close(void)
{
    struct pair p;
    int ret;

    if (!make_pair(&p)) { ok(0, "no connected pair\n"); return; }
    ok(send(p.server, "data", 4, 0) == 4, "send\n");
    closesocket(p.server);
    Sleep(100);
    ret = recv_result(p.client);
    ok_int(ret, 4, "the data sent before the close: %d\n", ret);
    ok_int(recv_result(p.client), 0, "recv after a graceful close: %d\n", recv_result(p.client));
    ok_int(wsarecv_result(p.client), 0, "WSARecv after a graceful close: %d\n", wsarecv_result(p.client));
    closesocket(p.client);
}

START_TEST(reset)
{
    WSADATA data;

    harness_start_watchdog(30000);
    WSAStartup(MAKEWORD(2, 2), &data);
    RUN(test_reset);
    RUN(test_graceful_close);
    WSACleanup();
}
