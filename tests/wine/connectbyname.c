/* WSAConnectByNameA and WSAConnectByNameW: connecting to a loopback
 * listener by name and port, the address outputs and their length rules,
 * trying each address (a dual-stack socket), refusal, timeout, bad input. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include "sockpair.h"

static USHORT port;
static char service[16];
static WCHAR wservice[16];

static SOCKET tcp4(void)
{
    return socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
}

static void test_before_startup(void)
{
    BOOL ret;

    SetLastError(0xdeadbeef);
    ret = WSAConnectByNameA((SOCKET)1, "127.0.0.1", "80", NULL, NULL, NULL, NULL, NULL, NULL);
    ok(!ret && WSAGetLastError() == WSANOTINITIALISED, "A: %d %d\n", ret, WSAGetLastError());
    SetLastError(0xdeadbeef);
    ret = WSAConnectByNameW((SOCKET)1, L"127.0.0.1", L"80", NULL, NULL, NULL, NULL, NULL, NULL);
    ok(!ret && WSAGetLastError() == WSANOTINITIALISED, "W: %d %d\n", ret, WSAGetLastError());
}

static void test_connect_w(SOCKET listener)
{
    struct sockaddr_in local, remote, name;
    DWORD llen = sizeof(local) + 8, rlen = sizeof(remote) + 8;
    struct timeval tv = { 10, 0 };
    SOCKET s = tcp4(), peer;
    int len = sizeof(name);
    char byte = 0;
    BOOL ret;

    memset(&local, 0xcc, sizeof(local));
    memset(&remote, 0xcc, sizeof(remote));
    SetLastError(0xdeadbeef);
    ret = WSAConnectByNameW(s, L"127.0.0.1", wservice, &llen, (struct sockaddr *)&local, &rlen,
                            (struct sockaddr *)&remote, &tv, NULL);
    ok(ret && WSAGetLastError() == 0, "W: %d %d\n", ret, WSAGetLastError());
    ok(rlen == sizeof(remote) && remote.sin_family == AF_INET && remote.sin_port == htons(port) &&
       remote.sin_addr.s_addr == htonl(INADDR_LOOPBACK), "remote: len %lu port %u\n", rlen, ntohs(remote.sin_port));
    ok(!getsockname(s, (struct sockaddr *)&name, &len), "getsockname: %d\n", WSAGetLastError());
    ok(llen == sizeof(local) && !memcmp(&local, &name, sizeof(name)), "local: len %lu port %u, socket's %u\n",
       llen, ntohs(local.sin_port), ntohs(name.sin_port));
    len = sizeof(name);
    ok(!getpeername(s, (struct sockaddr *)&name, &len) && name.sin_port == htons(port), "getpeername: %d\n",
       WSAGetLastError());
    peer = accept(listener, NULL, NULL);
    ok(peer != INVALID_SOCKET, "accept: %d\n", WSAGetLastError());
    ok(send(s, "x", 1, 0) == 1 && recv(peer, &byte, 1, 0) == 1 && byte == 'x', "no data across\n");
    closesocket(peer);
    closesocket(s);
}

static void test_connect_a(SOCKET listener)
{
    SOCKET s = tcp4(), peer;
    BOOL ret;

    ret = WSAConnectByNameA(s, "localhost", service, NULL, NULL, NULL, NULL, NULL, NULL);
    ok(ret, "A localhost: %d\n", WSAGetLastError());
    peer = accept(listener, NULL, NULL);
    ok(peer != INVALID_SOCKET, "accept: %d\n", WSAGetLastError());
    closesocket(peer);
    closesocket(s);
}

/* An address buffer without its length pointer is left alone and the
 * connection made (Windows, Wine's conformance test_WSAConnectByName). */
static void test_address_without_length_ignored(SOCKET listener)
{
    struct sockaddr_in local, remote;
    SOCKET s = tcp4(), peer;
    BOOL ret;

    memset(&local, 0xcc, sizeof(local));
    memset(&remote, 0xcc, sizeof(remote));
    ret = WSAConnectByNameA(s, "127.0.0.1", service, NULL, (struct sockaddr *)&local, NULL,
                            (struct sockaddr *)&remote, NULL, NULL);
    ok(ret, "addresses without lengths: %d\n", WSAGetLastError());
    ok((USHORT)local.sin_family == 0xcccc && (USHORT)remote.sin_family == 0xcccc,
       "written: local family %#x, remote family %#x\n", (USHORT)local.sin_family, (USHORT)remote.sin_family);
    peer = accept(listener, NULL, NULL);
    ok(peer != INVALID_SOCKET, "accept: %d\n", WSAGetLastError());
    closesocket(peer);
    closesocket(s);
}

/* A dual-stack socket resolves "localhost" to ::1 and ::ffff:127.0.0.1;
 * only the IPv4 listener answers, so the mapped address is the one that connects. */
static void test_dual_stack(SOCKET listener)
{
    SOCKET s = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP), peer;
    struct sockaddr_in6 remote;
    DWORD rlen = sizeof(remote), off = 0;
    BOOL ret;

    ok(!setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&off, sizeof(off)), "IPV6_V6ONLY\n");
    ret = WSAConnectByNameA(s, "localhost", service, NULL, NULL, &rlen, (struct sockaddr *)&remote, NULL, NULL);
    ok(ret, "dual stack: %d\n", WSAGetLastError());
    ok(!ret || (rlen == sizeof(remote) && remote.sin6_family == AF_INET6 && IN6_IS_ADDR_V4MAPPED(&remote.sin6_addr) &&
                remote.sin6_port == htons(port)), "dual stack remote: len %lu family %d\n", rlen, remote.sin6_family);
    peer = accept(listener, NULL, NULL);
    ok(!ret || peer != INVALID_SOCKET, "accept: %d\n", WSAGetLastError());
    if (peer != INVALID_SOCKET) closesocket(peer);
    closesocket(s);
}

static void test_refused(void)
{
    struct sockaddr_in addr;
    SOCKET closed = loopback_listener(&addr), s = tcp4();
    char closed_port[16];
    BOOL ret;

    sprintf(closed_port, "%u", ntohs(addr.sin_port));
    closesocket(closed);
    ret = WSAConnectByNameA(s, "127.0.0.1", closed_port, NULL, NULL, NULL, NULL, NULL, NULL);
    ok(!ret && WSAGetLastError() == WSAECONNREFUSED, "refused: %d %d\n", ret, WSAGetLastError());
    closesocket(s);
}

/* A listener whose accept queue is full drops further SYNs, so a connect
 * to it waits; the timeout ends the wait with WSAETIMEDOUT. */
static void test_timeout(void)
{
    struct sockaddr_in addr;
    SOCKET full = socket(AF_INET, SOCK_STREAM, 0), fill[6], s = tcp4();
    struct timeval tv = { 1, 0 };
    int i, len = sizeof(addr);
    char full_port[16];
    u_long nonblocking = 1;
    DWORD start, took;
    BOOL ret;

    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok(!bind(full, (struct sockaddr *)&addr, sizeof(addr)) && !listen(full, 0) &&
       !getsockname(full, (struct sockaddr *)&addr, &len), "listener: %d\n", WSAGetLastError());
    for (i = 0; i < 6; i++)
    {
        fill[i] = tcp4();
        ioctlsocket(fill[i], FIONBIO, &nonblocking);
        connect(fill[i], (struct sockaddr *)&addr, sizeof(addr));
    }
    Sleep(200);
    sprintf(full_port, "%u", ntohs(addr.sin_port));
    start = GetTickCount();
    ret = WSAConnectByNameA(s, "127.0.0.1", full_port, NULL, NULL, NULL, NULL, &tv, NULL);
    took = GetTickCount() - start;
    ok(!ret && WSAGetLastError() == WSAETIMEDOUT, "full listener: %d %d\n", ret, WSAGetLastError());
    ok(took >= 900 && took < 8000, "took %lu ms for a 1 s timeout\n", took);
    for (i = 0; i < 6; i++) closesocket(fill[i]);
    closesocket(full);
    closesocket(s);
}

static void test_bad_input(void)
{
    SOCKET s = tcp4(), udp = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in remote;
    OVERLAPPED overlapped = { 0 };
    DWORD rlen = sizeof(remote) - 1;
    BOOL ret;

    ret = WSAConnectByNameA(s, NULL, service, NULL, NULL, NULL, NULL, NULL, NULL);
    ok(!ret && WSAGetLastError() == WSAEINVAL, "NULL node: %d\n", WSAGetLastError());
    ret = WSAConnectByNameW(s, L"127.0.0.1", NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    ok(!ret && WSAGetLastError() == WSAEINVAL, "NULL service: %d\n", WSAGetLastError());
    ret = WSAConnectByNameA(s, "127.0.0.1", service, NULL, NULL, NULL, NULL, NULL, &overlapped);
    ok(!ret && WSAGetLastError() == WSAEINVAL, "reserved: %d\n", WSAGetLastError());
    ret = WSAConnectByNameA((SOCKET)0xdead0, "127.0.0.1", service, NULL, NULL, NULL, NULL, NULL, NULL);
    ok(!ret && WSAGetLastError() == WSAENOTSOCK, "not a socket: %d\n", WSAGetLastError());
    ret = WSAConnectByNameA(udp, "127.0.0.1", service, NULL, NULL, NULL, NULL, NULL, NULL);
    ok(!ret && WSAGetLastError() == WSAEINVAL, "UDP: %d\n", WSAGetLastError());
    ret = WSAConnectByNameA(s, "127.0.0.1", service, NULL, NULL, &rlen, (struct sockaddr *)&remote, NULL, NULL);
    ok(!ret && WSAGetLastError() == WSAEFAULT, "short remote buffer: %d\n", WSAGetLastError());
    closesocket(udp);
    udp = tcp4();
    closesocket(udp);
    ret = WSAConnectByNameA(udp, "127.0.0.1", NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    ok(!ret && WSAGetLastError() == WSAEINVAL, "NULL service on a closed socket: %d\n", WSAGetLastError());
    ret = WSAConnectByNameA(s, "ws2kit-no-such-host.invalid", service, NULL, NULL, NULL, NULL, NULL, NULL);
    ok(!ret && (WSAGetLastError() == WSAHOST_NOT_FOUND || WSAGetLastError() == WSATRY_AGAIN ||
                WSAGetLastError() == WSANO_DATA), "unknown host: %d\n", WSAGetLastError());
    ret = WSAConnectByNameW(s, (WCHAR *)16, wservice, NULL, NULL, NULL, NULL, NULL, NULL);
    ok(!ret && WSAGetLastError() == WSAEFAULT, "unmapped node: %d\n", WSAGetLastError());
    closesocket(udp);
    closesocket(s);
}

START_TEST(connectbyname)
{
    struct sockaddr_in addr;
    WSADATA data;
    SOCKET listener;

    harness_start_watchdog(60000);
    RUN(test_before_startup);
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup\n");
    listener = loopback_listener(&addr);
    ok(listener != INVALID_SOCKET, "listener: %d\n", WSAGetLastError());
    port = ntohs(addr.sin_port);
    sprintf(service, "%u", port);
    swprintf(wservice, 16, L"%u", port);
    RUN(test_connect_w, listener);
    RUN(test_connect_a, listener);
    RUN(test_dual_stack, listener);
    RUN(test_address_without_length_ignored, listener);
    RUN(test_refused);
    RUN(test_timeout);
    RUN(test_bad_input); /* last: Wine's builtin may crash on these pointers */
    closesocket(listener);
    WSACleanup();
}
