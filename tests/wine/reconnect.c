/* Connecting a socket again after a failed connect: Microsoft's connect()
 * page says a program may call connect again on the same socket after
 * WSAECONNREFUSED, WSAENETUNREACH or WSAETIMEDOUT.  Tried with a blocking
 * connect, a non-blocking one that fails later, and ConnectEx. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>
#include <stdio.h>
#include "harness.h"
#include "sockpair.h"

/* A loopback address nothing listens on (a listener's, closed). */
static void closed_port(struct sockaddr_in *addr)
{
    closesocket(loopback_listener(addr));
}

static void expect_accepted(SOCKET listener, const char *what)
{
    SOCKET peer = accept(listener, NULL, NULL);
    ok(peer != INVALID_SOCKET, "%s: nothing to accept: %d\n", what, WSAGetLastError());
    if (peer != INVALID_SOCKET) closesocket(peer);
}

static void test_blocking(SOCKET listener, const struct sockaddr_in *open)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in closed;

    closed_port(&closed);
    ok(connect(s, (struct sockaddr *)&closed, sizeof(closed)) == SOCKET_ERROR && WSAGetLastError() == WSAECONNREFUSED,
       "refused: %d\n", WSAGetLastError());
    ok_int(connect(s, (const struct sockaddr *)open, sizeof(*open)), 0, "connect again: %d\n", WSAGetLastError());
    expect_accepted(listener, "blocking");
    closesocket(s);
}

static void test_nonblocking(SOCKET listener, const struct sockaddr_in *open)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in closed;
    struct timeval wait = { 5, 0 };
    u_long on = 1;
    fd_set failed;
    int err = 0, len = sizeof(err);

    closed_port(&closed);
    ioctlsocket(s, FIONBIO, &on);
    ok(connect(s, (struct sockaddr *)&closed, sizeof(closed)) == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
       "non-blocking connect: %d\n", WSAGetLastError());
    FD_ZERO(&failed);
    FD_SET(s, &failed);
    ok_int(select(0, NULL, NULL, &failed, &wait), 1, "the failure was not reported\n");
    ok(!getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&err, &len) && err == WSAECONNREFUSED, "SO_ERROR %d\n", err);
    on = 0;
    ioctlsocket(s, FIONBIO, &on);
    ok_int(connect(s, (const struct sockaddr *)open, sizeof(*open)), 0, "connect again: %d\n", WSAGetLastError());
    expect_accepted(listener, "non-blocking");
    closesocket(s);
}

static void test_connectex(SOCKET listener, const struct sockaddr_in *open)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    LPFN_CONNECTEX connect_ex = extension_function(s, (GUID)WSAID_CONNECTEX);
    struct sockaddr_in closed, local = { AF_INET };
    OVERLAPPED ov = { 0 };
    DWORD size, bytes;
    BOOL ret;

    closed_port(&closed);
    local.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok(!bind(s, (struct sockaddr *)&local, sizeof(local)), "bind\n");
    ov.hEvent = WSACreateEvent();
    ret = connect_ex(s, (struct sockaddr *)&closed, sizeof(closed), NULL, 0, NULL, &ov);
    if (!ret && WSAGetLastError() == ERROR_IO_PENDING) ret = WSAGetOverlappedResult(s, &ov, &bytes, TRUE, &size);
    ok(!ret && WSAGetLastError() == WSAECONNREFUSED, "ConnectEx to a closed port: %d %d\n", ret, WSAGetLastError());
    WSAResetEvent(ov.hEvent);
    ret = connect_ex(s, (const struct sockaddr *)open, sizeof(*open), NULL, 0, NULL, &ov);
    if (!ret && WSAGetLastError() == ERROR_IO_PENDING) ret = WSAGetOverlappedResult(s, &ov, &bytes, TRUE, &size);
    ok(ret, "ConnectEx again: %d\n", WSAGetLastError());
    expect_accepted(listener, "ConnectEx");
    WSACloseEvent(ov.hEvent);
    closesocket(s);
}

START_TEST(reconnect)
{
    struct sockaddr_in open;
    WSADATA data;
    SOCKET listener;

    harness_start_watchdog(30000);
    WSAStartup(MAKEWORD(2, 2), &data);
    listener = loopback_listener(&open);
    RUN(test_blocking, listener, &open);
    RUN(test_nonblocking, listener, &open);
    RUN(test_connectex, listener, &open);
    closesocket(listener);
    WSACleanup();
}
