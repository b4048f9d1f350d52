/* WSASendDisconnect and WSARecvDisconnect: shutdown semantics, and no
 * disconnect data on TCP/IP. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include "harness.h"
#include "sockpair.h"

static void test_send_disconnect(void)
{
    struct pair p;
    WSABUF data;
    char buf[8] = "x";
    int ret;

    if (!ok(make_pair(&p), "no socket pair\n")) return;
    data.buf = buf;
    data.len = sizeof(buf);
    SetLastError(0xdead);
    ret = WSASendDisconnect(p.client, &data);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOPROTOOPT, "with data: %d, error %d\n", ret,
       WSAGetLastError());
    /* The refused call changed nothing: the connection still sends. */
    ok(send(p.client, "a", 1, 0) == 1, "send after a refused disconnect: %d\n", WSAGetLastError());
    ok_int(recv(p.server, buf, sizeof(buf), 0), 1, "recv: %d\n", WSAGetLastError());

    SetLastError(0xdead);
    ret = WSASendDisconnect(p.client, NULL);
    ok(ret == 0 && WSAGetLastError() == 0, "WSASendDisconnect: %d, error %d\n", ret, WSAGetLastError());
    ret = send(p.client, "b", 1, 0);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAESHUTDOWN, "send after it: %d, error %d\n", ret,
       WSAGetLastError());
    /* The peer sees the end of the stream, and can still send back. */
    ok_int(recv(p.server, buf, sizeof(buf), 0), 0, "peer recv: not end of stream\n");
    ok(send(p.server, "c", 1, 0) == 1, "peer send: %d\n", WSAGetLastError());
    ok(recv(p.client, buf, sizeof(buf), 0) == 1 && buf[0] == 'c', "recv after WSASendDisconnect: %d\n",
       WSAGetLastError());
    free_pair(&p);
}

static void test_recv_disconnect(void)
{
    struct pair p;
    WSABUF data;
    char buf[8];
    int ret;

    if (!ok(make_pair(&p), "no socket pair\n")) return;
    data.buf = buf;
    data.len = sizeof(buf);
    SetLastError(0xdead);
    ret = WSARecvDisconnect(p.server, &data);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOPROTOOPT, "with a buffer: %d, error %d\n", ret,
       WSAGetLastError());

    ret = WSARecvDisconnect(p.server, NULL);
    ok_int(ret, 0, "WSARecvDisconnect: %d, error %d\n", ret, WSAGetLastError());
    ret = recv(p.server, buf, sizeof(buf), 0);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAESHUTDOWN, "recv after it: %d, error %d\n", ret,
       WSAGetLastError());
    /* Sending still works. */
    ok(send(p.server, "d", 1, 0) == 1, "send after WSARecvDisconnect: %d\n", WSAGetLastError());
    ok_int(recv(p.client, buf, sizeof(buf), 0), 1, "peer recv: %d\n", WSAGetLastError());
    free_pair(&p);
}

static void test_bad_input(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    HANDLE event = CreateEventA(NULL, FALSE, FALSE, NULL);
    WSABUF data = { 0, NULL };
    int ret;

    ret = WSASendDisconnect(INVALID_SOCKET, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK, "send, INVALID_SOCKET: %d\n", WSAGetLastError());
    ret = WSARecvDisconnect((SOCKET)event, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK, "recv, an event: %d\n", WSAGetLastError());
    ret = WSASendDisconnect((SOCKET)event, &data);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK, "send with data, an event: %d\n",
       WSAGetLastError());
    ret = WSASendDisconnect(s, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOTCONN, "send, not connected: %d, error %d\n", ret,
       WSAGetLastError());
    ret = WSARecvDisconnect(s, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOTCONN, "recv, not connected: %d, error %d\n", ret,
       WSAGetLastError());
    /* An unmapped buffer pointer is still "data passed". */
    ret = WSASendDisconnect(s, (WSABUF *)(ULONG_PTR)0x10);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOPROTOOPT, "unmapped data: %d, error %d\n", ret,
       WSAGetLastError());
    CloseHandle(event);
    closesocket(s);
}

START_TEST(disconnect)
{
    WSADATA data;
    int ret;

    harness_start_watchdog(30000);
    SetLastError(0xdead);
    ret = WSASendDisconnect((SOCKET)4, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "send before WSAStartup: %d\n",
       WSAGetLastError());
    ret = WSARecvDisconnect((SOCKET)4, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "recv before WSAStartup: %d\n",
       WSAGetLastError());
    WSAStartup(MAKEWORD(2, 2), &data);
    RUN(test_send_disconnect);
    RUN(test_recv_disconnect);
    RUN(test_bad_input);
    WSACleanup();
}
