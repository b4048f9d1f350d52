/* Bad input and error codes of the core calls (startup and cleanup, socket
 * creation, non-sockets, addresses, receive lengths, connection state, ICMP
 * errors, the last error, CloseHandle) must be the Winsock error Windows
 * gives, never a crash.  An area's own bad input is tested in its
 * file (options in sockopt.c, ioctls in ioctl.c, keep-alive in keepalive.c,
 * address text and the host's name in addrtext.c, the resolver in
 * addrinfo_w.c); badptr.c passes one bad pointer at a time to every export.
 *
 * The first part runs before WSAStartup on purpose; keep it first.
 * Checks marked "Wine 8.0 builtin differs" assert the Windows result, which
 * Wine's own builtin ws2_32 does not give.
 *
 * Build: x86_64-w64-mingw32-gcc -Wall -Wextra -O1 -o sock_errors.exe sock_errors.c -lws2_32
 */
#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0601
#endif
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>
#include <string.h>
#include <stdio.h>

#include <limits.h>
#include "harness.h"

/* expect_error(failed, expected_error, "what %s", ...):
 * the call must have failed and left expected_error in WSAGetLastError(). */
static void expect_error_(const char *file, int line, int failed, int error, int expected, const char *fmt, ...)
{
    char what[256];
    va_list args;

    va_start(args, fmt);
    vsnprintf(what, sizeof(what), fmt, args);
    va_end(args);
    harness_ok(file, line, failed && error == expected,
               "%s: %s, error %d, expected failure with %d\n",
               what, failed ? "failed" : "succeeded", error, expected);
}
#define expect_error(failed, expected, ...) \
    expect_error_(__FILE__, __LINE__, (failed) ? 1 : 0, WSAGetLastError(), (expected), __VA_ARGS__)

static void loopback4(struct sockaddr_in *sin, USHORT port_net)
{
    memset(sin, 0, sizeof(*sin));
    sin->sin_family = AF_INET;
    sin->sin_port = port_net;
    ((unsigned char *)&sin->sin_addr)[0] = 127;
    ((unsigned char *)&sin->sin_addr)[3] = 1;
}

static void loopback6(struct sockaddr_in6 *sin6)
{
    memset(sin6, 0, sizeof(*sin6));
    sin6->sin6_family = AF_INET6;
    sin6->sin6_addr.s6_addr[15] = 1;
}

static SOCKET bound_tcp(struct sockaddr_in *addr)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    int len = sizeof(*addr);

    ok(s != INVALID_SOCKET, "socket failed, error %d\n", WSAGetLastError());
    loopback4(addr, 0);
    ok(!bind(s, (struct sockaddr *)addr, sizeof(*addr)), "bind failed, error %d\n", WSAGetLastError());
    ok(!getsockname(s, (struct sockaddr *)addr, &len), "getsockname failed, error %d\n", WSAGetLastError());
    return s;
}

static SOCKET bound_udp(struct sockaddr_in *addr)
{
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    int len = sizeof(*addr);

    ok(s != INVALID_SOCKET, "socket failed, error %d\n", WSAGetLastError());
    loopback4(addr, 0);
    ok(!bind(s, (struct sockaddr *)addr, sizeof(*addr)), "bind failed, error %d\n", WSAGetLastError());
    ok(!getsockname(s, (struct sockaddr *)addr, &len), "getsockname failed, error %d\n", WSAGetLastError());
    return s;
}

/* A connected TCP pair on 127.0.0.1 (blocking). */
static BOOL tcp_pair(SOCKET *client, SOCKET *server)
{
    struct sockaddr_in addr;
    SOCKET listener = bound_tcp(&addr);

    *client = *server = INVALID_SOCKET;
    if (listen(listener, 1))
    {
        ok(0, "listen failed, error %d\n", WSAGetLastError());
        closesocket(listener);
        return FALSE;
    }
    *client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (connect(*client, (struct sockaddr *)&addr, sizeof(addr)))
        ok(0, "connect failed, error %d\n", WSAGetLastError());
    else
        *server = accept(listener, NULL, NULL);
    ok(*server != INVALID_SOCKET, "accept failed, error %d\n", WSAGetLastError());
    closesocket(listener);
    return *server != INVALID_SOCKET;
}

/* ------------------------------------------------------------------------ */

static void test_before_startup(void)
{
    const SOCKET bogus = (SOCKET)0xdeadbeef;
    struct hostent *he;
    struct sockaddr_in addr;
    struct timeval tv = {0, 0};
    char buf[256];
    fd_set set;
    int ret, len, val;
    u_long arg = 1;
    SOCKET s;

    /* the error slot works before anything else */
    WSASetLastError(12345);
    ok_int(WSAGetLastError(), 12345, "WSAGetLastError gave %d after WSASetLastError(12345)\n", WSAGetLastError());

    loopback4(&addr, 0);

    WSASetLastError(0xdeadbeef);
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    expect_error(s == INVALID_SOCKET, WSANOTINITIALISED, "socket before WSAStartup");
    if (s != INVALID_SOCKET) closesocket(s);

    WSASetLastError(0xdeadbeef);
    s = WSASocketA(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, 0);
    expect_error(s == INVALID_SOCKET, WSANOTINITIALISED, "WSASocketA before WSAStartup");
    if (s != INVALID_SOCKET) closesocket(s);

    WSASetLastError(0xdeadbeef);
    he = gethostbyname("localhost");
    expect_error(he == NULL, WSANOTINITIALISED, "gethostbyname before WSAStartup");

    /* Wine 8.0 builtin differs: only socket/WSASocket, closesocket,
     * gethostbyname and WSACleanup check for WSAStartup; the calls below give
     * other errors (or succeed) there. */
    WSASetLastError(0xdeadbeef);
    ret = gethostname(buf, sizeof(buf));
    expect_error(ret == SOCKET_ERROR, WSANOTINITIALISED, "gethostname before WSAStartup");

    WSASetLastError(0xdeadbeef);
    ret = closesocket(bogus);
    expect_error(ret == SOCKET_ERROR, WSANOTINITIALISED, "closesocket before WSAStartup");

    WSASetLastError(0xdeadbeef);
    ret = bind(bogus, (struct sockaddr *)&addr, sizeof(addr));
    expect_error(ret == SOCKET_ERROR, WSANOTINITIALISED, "bind before WSAStartup");

    WSASetLastError(0xdeadbeef);
    ret = connect(bogus, (struct sockaddr *)&addr, sizeof(addr));
    expect_error(ret == SOCKET_ERROR, WSANOTINITIALISED, "connect before WSAStartup");

    WSASetLastError(0xdeadbeef);
    ret = listen(bogus, 1);
    expect_error(ret == SOCKET_ERROR, WSANOTINITIALISED, "listen before WSAStartup");

    WSASetLastError(0xdeadbeef);
    s = accept(bogus, NULL, NULL);
    expect_error(s == INVALID_SOCKET, WSANOTINITIALISED, "accept before WSAStartup");

    WSASetLastError(0xdeadbeef);
    ret = send(bogus, "x", 1, 0);
    expect_error(ret == SOCKET_ERROR, WSANOTINITIALISED, "send before WSAStartup");

    WSASetLastError(0xdeadbeef);
    ret = recv(bogus, buf, 1, 0);
    expect_error(ret == SOCKET_ERROR, WSANOTINITIALISED, "recv before WSAStartup");

    WSASetLastError(0xdeadbeef);
    ret = sendto(bogus, "x", 1, 0, (struct sockaddr *)&addr, sizeof(addr));
    expect_error(ret == SOCKET_ERROR, WSANOTINITIALISED, "sendto before WSAStartup");

    WSASetLastError(0xdeadbeef);
    len = sizeof(addr);
    ret = recvfrom(bogus, buf, 1, 0, (struct sockaddr *)&addr, &len);
    expect_error(ret == SOCKET_ERROR, WSANOTINITIALISED, "recvfrom before WSAStartup");

    WSASetLastError(0xdeadbeef);
    val = 1;
    ret = setsockopt(bogus, SOL_SOCKET, SO_REUSEADDR, (char *)&val, sizeof(val));
    expect_error(ret == SOCKET_ERROR, WSANOTINITIALISED, "setsockopt before WSAStartup");

    WSASetLastError(0xdeadbeef);
    len = sizeof(val);
    ret = getsockopt(bogus, SOL_SOCKET, SO_TYPE, (char *)&val, &len);
    expect_error(ret == SOCKET_ERROR, WSANOTINITIALISED, "getsockopt before WSAStartup");

    WSASetLastError(0xdeadbeef);
    ret = ioctlsocket(bogus, FIONBIO, &arg);
    expect_error(ret == SOCKET_ERROR, WSANOTINITIALISED, "ioctlsocket before WSAStartup");

    WSASetLastError(0xdeadbeef);
    len = sizeof(addr);
    ret = getsockname(bogus, (struct sockaddr *)&addr, &len);
    expect_error(ret == SOCKET_ERROR, WSANOTINITIALISED, "getsockname before WSAStartup");

    WSASetLastError(0xdeadbeef);
    len = sizeof(addr);
    ret = getpeername(bogus, (struct sockaddr *)&addr, &len);
    expect_error(ret == SOCKET_ERROR, WSANOTINITIALISED, "getpeername before WSAStartup");

    WSASetLastError(0xdeadbeef);
    ret = shutdown(bogus, SD_BOTH);
    expect_error(ret == SOCKET_ERROR, WSANOTINITIALISED, "shutdown before WSAStartup");

    WSASetLastError(0xdeadbeef);
    FD_ZERO(&set);
    FD_SET(bogus, &set);
    ret = select(0, &set, NULL, NULL, &tv);
    expect_error(ret == SOCKET_ERROR, WSANOTINITIALISED, "select before WSAStartup");

    WSASetLastError(0xdeadbeef);
    ret = WSACleanup();
    expect_error(ret == SOCKET_ERROR, WSANOTINITIALISED, "WSACleanup before WSAStartup");
}

static void test_startup_versions(void)
{
    WSADATA data;
    SOCKET s;
    int ret;

    memset(&data, 0xcc, sizeof(data));
    ret = WSAStartup(MAKEWORD(0, 0), &data);
    ok_int(ret, WSAVERNOTSUPPORTED, "WSAStartup(0.0) returned %d, expected WSAVERNOTSUPPORTED\n", ret);
    ok_int(data.wVersion, MAKEWORD(2, 2), "WSAStartup(0.0) offered version %#x\n", data.wVersion);
    ok_int(data.wHighVersion, MAKEWORD(2, 2), "WSAStartup(0.0) high version %#x\n", data.wHighVersion);

    /* refused, the WSADATA is still filled as for 2.2 (Wine's test_startup) */
    ok(!strcmp(data.szDescription, "WinSock 2.0") && !strcmp(data.szSystemStatus, "Running"),
       "WSAStartup(0.0) description \"%.20s\" status \"%.20s\"\n", data.szDescription, data.szSystemStatus);
    ok(!data.iMaxSockets && !data.iMaxUdpDg, "WSAStartup(0.0) limits %u %u\n", data.iMaxSockets, data.iMaxUdpDg);

    ret = WSAStartup(MAKEWORD(0, 1), &data);
    ok_int(ret, WSAVERNOTSUPPORTED, "WSAStartup(0.1) returned %d, expected WSAVERNOTSUPPORTED\n", ret);


    /* none of the failures counted as a startup */
    WSASetLastError(0xdeadbeef);
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    expect_error(s == INVALID_SOCKET, WSANOTINITIALISED, "socket after failed WSAStartup calls");
    if (s != INVALID_SOCKET) closesocket(s);
    WSASetLastError(0xdeadbeef);
    ret = WSACleanup();
    expect_error(ret == SOCKET_ERROR, WSANOTINITIALISED, "WSACleanup after failed WSAStartup calls");

    /* 1.x beyond 1.1 is negotiated to 1.1, 2.x beyond 2.2 to 2.2 */
    {
        static const struct { WORD asked, got; } versions[] =
        {
            { MAKEWORD(1, 0), MAKEWORD(1, 0) }, { MAKEWORD(1, 2), MAKEWORD(1, 1) },
            { MAKEWORD(1, 0xff), MAKEWORD(1, 1) }, { MAKEWORD(2, 1), MAKEWORD(2, 1) },
            { MAKEWORD(2, 3), MAKEWORD(2, 2) }, { MAKEWORD(0xff, 0), MAKEWORD(2, 2) },
        };
        unsigned int i;

        for (i = 0; i < sizeof(versions) / sizeof(versions[0]); i++)
        {
            memset(&data, 0xcc, sizeof(data));
            ret = WSAStartup(versions[i].asked, &data);
            ok(!ret && data.wVersion == versions[i].got, "WSAStartup(%#x): %d, version %#x, want %#x\n",
               versions[i].asked, ret, data.wVersion, versions[i].got);
            if (!ret) WSACleanup();
        }
    }

    /* a newer version than 2.2 is accepted and negotiated down */
    memset(&data, 0xcc, sizeof(data));
    data.lpVendorInfo = (char *)0xdeadbeef;
    ret = WSAStartup(MAKEWORD(3, 0), &data);
    ok_int(ret, 0, "WSAStartup(3.0) returned %d\n", ret);
    ok_int(data.wVersion, MAKEWORD(2, 2), "WSAStartup(3.0) negotiated %#x\n", data.wVersion);
    ok_int(data.wHighVersion, MAKEWORD(2, 2), "high version %#x\n", data.wHighVersion);
    ok(!strcmp(data.szDescription, "WinSock 2.0"), "description \"%.40s\"\n", data.szDescription);
    ok(!strcmp(data.szSystemStatus, "Running"), "system status \"%.40s\"\n", data.szSystemStatus);
    ok_int(data.iMaxSockets, 0, "iMaxSockets %u for a 2.x startup\n", data.iMaxSockets);
    ok_int(data.iMaxUdpDg, 0, "iMaxUdpDg %u for a 2.x startup\n", data.iMaxUdpDg);
    ok(data.lpVendorInfo == (char *)0xdeadbeef, "lpVendorInfo overwritten (%p)\n", (void *)data.lpVendorInfo);
    if (!ret)
    {
        ret = WSACleanup();
        ok_int(ret, 0, "WSACleanup failed, error %d\n", WSAGetLastError());
    }
}

static void test_cleanup_balance(void)
{
    struct sockaddr_in addr;
    WSADATA data;
    SOCKET s, t;
    int ret, len;

    ret = WSAStartup(MAKEWORD(2, 2), &data);
    ok_int(ret, 0, "first WSAStartup returned %d\n", ret);
    ret = WSAStartup(MAKEWORD(2, 2), &data);
    ok_int(ret, 0, "second WSAStartup returned %d\n", ret);

    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    ok(s != INVALID_SOCKET, "socket failed, error %d\n", WSAGetLastError());

    /* Wine 8.0 builtin differs: a successful WSACleanup does not set the last
     * error to 0 (it is left alone, or ERROR_INVALID_HANDLE after the final
     * cleanup closed the sockets); Windows sets it to 0. */
    WSASetLastError(0xdeadbeef);
    ret = WSACleanup();
    ok_int(ret, 0, "first WSACleanup returned %d\n", ret);
    ok_int(WSAGetLastError(), 0, "first WSACleanup left error %d, expected 0\n", WSAGetLastError());

    /* still one startup outstanding */
    t = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    ok(t != INVALID_SOCKET, "socket after unbalanced cleanup failed, error %d\n", WSAGetLastError());
    if (t != INVALID_SOCKET) closesocket(t);
    len = sizeof(addr);
    ret = getsockname(s, (struct sockaddr *)&addr, &len);
    expect_error(ret == SOCKET_ERROR, WSAEINVAL, "getsockname on unbound socket after one of two cleanups");

    WSASetLastError(0xdeadbeef);
    ret = WSACleanup();
    ok_int(ret, 0, "second WSACleanup returned %d\n", ret);
    ok_int(WSAGetLastError(), 0, "second WSACleanup left error %d, expected 0\n", WSAGetLastError());

    WSASetLastError(0xdeadbeef);
    ret = WSACleanup();
    expect_error(ret == SOCKET_ERROR, WSANOTINITIALISED, "third WSACleanup");

    WSASetLastError(0xdeadbeef);
    t = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    expect_error(t == INVALID_SOCKET, WSANOTINITIALISED, "socket after the last WSACleanup");

    ret = WSAStartup(MAKEWORD(2, 2), &data);
    ok_int(ret, 0, "WSAStartup after cleanup returned %d\n", ret);

    /* the final cleanup destroyed the socket */
    WSASetLastError(0xdeadbeef);
    len = sizeof(addr);
    ret = getsockname(s, (struct sockaddr *)&addr, &len);
    expect_error(ret == SOCKET_ERROR, WSAENOTSOCK, "getsockname on a socket from before the last WSACleanup");
    WSASetLastError(0xdeadbeef);
    ret = sendto(s, "x", 1, 0, (struct sockaddr *)&addr, sizeof(addr));
    expect_error(ret == SOCKET_ERROR, WSAENOTSOCK, "sendto on a socket from before the last WSACleanup");
}

/* ------------------------------------------------------------------------ */

static void check_not_socket(SOCKET h, const char *name, const struct sockaddr_in *dead_addr)
{
    struct sockaddr_in addr;
    struct timeval tv = {0, 0};
    char buf[16];
    fd_set set;
    int ret, len, val;
    u_long arg;
    SOCKET s;

    WSASetLastError(0xdeadbeef);
    ret = send(h, "x", 1, 0);
    expect_error(ret == SOCKET_ERROR, WSAENOTSOCK, "send on %s", name);

    WSASetLastError(0xdeadbeef);
    ret = recv(h, buf, sizeof(buf), 0);
    expect_error(ret == SOCKET_ERROR, WSAENOTSOCK, "recv on %s", name);

    WSASetLastError(0xdeadbeef);
    ret = sendto(h, "x", 1, 0, (const struct sockaddr *)dead_addr, sizeof(*dead_addr));
    expect_error(ret == SOCKET_ERROR, WSAENOTSOCK, "sendto on %s", name);

    WSASetLastError(0xdeadbeef);
    len = sizeof(addr);
    ret = recvfrom(h, buf, sizeof(buf), 0, (struct sockaddr *)&addr, &len);
    expect_error(ret == SOCKET_ERROR, WSAENOTSOCK, "recvfrom on %s", name);

    WSASetLastError(0xdeadbeef);
    loopback4(&addr, 0);
    ret = bind(h, (struct sockaddr *)&addr, sizeof(addr));
    expect_error(ret == SOCKET_ERROR, WSAENOTSOCK, "bind on %s", name);

    WSASetLastError(0xdeadbeef);
    ret = connect(h, (const struct sockaddr *)dead_addr, sizeof(*dead_addr));
    expect_error(ret == SOCKET_ERROR, WSAENOTSOCK, "connect on %s", name);

    WSASetLastError(0xdeadbeef);
    ret = listen(h, 1);
    expect_error(ret == SOCKET_ERROR, WSAENOTSOCK, "listen on %s", name);

    WSASetLastError(0xdeadbeef);
    s = accept(h, NULL, NULL);
    expect_error(s == INVALID_SOCKET, WSAENOTSOCK, "accept on %s", name);

    WSASetLastError(0xdeadbeef);
    len = sizeof(val);
    ret = getsockopt(h, SOL_SOCKET, SO_TYPE, (char *)&val, &len);
    expect_error(ret == SOCKET_ERROR, WSAENOTSOCK, "getsockopt on %s", name);

    WSASetLastError(0xdeadbeef);
    val = 1;
    ret = setsockopt(h, SOL_SOCKET, SO_REUSEADDR, (char *)&val, sizeof(val));
    expect_error(ret == SOCKET_ERROR, WSAENOTSOCK, "setsockopt on %s", name);

    WSASetLastError(0xdeadbeef);
    arg = 1;
    ret = ioctlsocket(h, FIONBIO, &arg);
    expect_error(ret == SOCKET_ERROR, WSAENOTSOCK, "ioctlsocket(FIONBIO) on %s", name);

    WSASetLastError(0xdeadbeef);
    arg = 0;
    ret = ioctlsocket(h, FIONREAD, &arg);
    expect_error(ret == SOCKET_ERROR, WSAENOTSOCK, "ioctlsocket(FIONREAD) on %s", name);

    WSASetLastError(0xdeadbeef);
    len = sizeof(addr);
    ret = getsockname(h, (struct sockaddr *)&addr, &len);
    expect_error(ret == SOCKET_ERROR, WSAENOTSOCK, "getsockname on %s", name);

    WSASetLastError(0xdeadbeef);
    len = sizeof(addr);
    ret = getpeername(h, (struct sockaddr *)&addr, &len);
    expect_error(ret == SOCKET_ERROR, WSAENOTSOCK, "getpeername on %s", name);

    WSASetLastError(0xdeadbeef);
    ret = shutdown(h, SD_BOTH);
    expect_error(ret == SOCKET_ERROR, WSAENOTSOCK, "shutdown on %s", name);

    WSASetLastError(0xdeadbeef);
    FD_ZERO(&set);
    FD_SET(h, &set);
    ret = select(0, &set, NULL, NULL, &tv);
    expect_error(ret == SOCKET_ERROR, WSAENOTSOCK, "select on %s", name);

    WSASetLastError(0xdeadbeef);
    ret = closesocket(h);
    expect_error(ret == SOCKET_ERROR, WSAENOTSOCK, "closesocket on %s", name);
}

static void test_not_sockets(void)
{
    struct sockaddr_in dead_addr;
    char path[MAX_PATH], dir[MAX_PATH];
    HANDLE event, file;
    DWORD written;
    SOCKET holder, closed;

    /* a bound, non-listening port: nothing there accepts */
    holder = bound_tcp(&dead_addr);

    event = CreateEventA(NULL, TRUE, FALSE, NULL);
    ok(event != NULL, "CreateEvent failed\n");
    GetTempPathA(sizeof(dir), dir);
    GetTempFileNameA(dir, "ws2", 0, path);
    file = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                       FILE_ATTRIBUTE_TEMPORARY | FILE_FLAG_DELETE_ON_CLOSE, NULL);
    ok(file != INVALID_HANDLE_VALUE, "CreateFile failed, error %lu\n", GetLastError());

    check_not_socket((SOCKET)event, "an event handle", &dead_addr);
    /* closesocket must not have closed it */
    ok(SetEvent(event), "event handle no longer valid after closesocket, error %lu\n", GetLastError());
    ok_int(WaitForSingleObject(event, 0), WAIT_OBJECT_0, "event not signalled\n");

    if (file != INVALID_HANDLE_VALUE)
    {
        /* Wine 8.0 builtin differs: most calls on a file handle give
         * WSAEOPNOTSUPP instead of WSAENOTSOCK, and ioctlsocket(FIONREAD)
         * succeeds. */
        check_not_socket((SOCKET)file, "a file handle", &dead_addr);
        ok(WriteFile(file, "abc", 3, &written, NULL) && written == 3,
           "file handle no longer usable after socket calls, error %lu\n", GetLastError());
        CloseHandle(file);
    }
    CloseHandle(event);

    check_not_socket((SOCKET)0xdeadbeef, "(SOCKET)0xdeadbeef", &dead_addr);
    check_not_socket(INVALID_SOCKET, "INVALID_SOCKET", &dead_addr);

    closed = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ok(!closesocket(closed), "closesocket failed, error %d\n", WSAGetLastError());
    check_not_socket(closed, "a closed socket", &dead_addr);

    closesocket(holder);
}

/* ------------------------------------------------------------------------ */

static void test_sockaddr_faults(void)
{
    struct sockaddr_in addr, listen_addr, udp_addr, dead_addr, bad;
    struct sockaddr_in6 addr6;
    struct sockaddr_storage ss;
    SOCKET s, t, dead, listener, client, server, udp;
    u_long arg;
    int ret, len;

    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    loopback4(&addr, 0);

    WSASetLastError(0xdeadbeef);
    ret = bind(s, (struct sockaddr *)&addr, 0);
    expect_error(ret == SOCKET_ERROR, WSAEFAULT, "bind(addr, 0)");
    WSASetLastError(0xdeadbeef);
    ret = bind(s, (struct sockaddr *)&addr, sizeof(addr) - 1);
    expect_error(ret == SOCKET_ERROR, WSAEFAULT, "bind(addr, 15)");
    bad = addr;
    bad.sin_family = 0xdead;
    WSASetLastError(0xdeadbeef);
    ret = bind(s, (struct sockaddr *)&bad, sizeof(bad));
    expect_error(ret == SOCKET_ERROR, WSAEAFNOSUPPORT, "bind with family 0xdead");

    /* each connect gets its own socket: a wrong "success" must not spoil the
     * next check */
    dead = bound_tcp(&dead_addr);
    t = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WSASetLastError(0xdeadbeef);
    ret = connect(t, (struct sockaddr *)&dead_addr, 0);
    /* Wine 8.0 builtin differs: connect with namelen 0 succeeds. */
    expect_error(ret == SOCKET_ERROR, WSAEFAULT, "connect(addr, 0)");
    closesocket(t);
    t = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WSASetLastError(0xdeadbeef);
    ret = connect(t, (struct sockaddr *)&dead_addr, sizeof(dead_addr) - 1);
    /* Wine 8.0 builtin differs: gives WSAEADDRNOTAVAIL. */
    expect_error(ret == SOCKET_ERROR, WSAEFAULT, "connect(addr, 15)");
    closesocket(t);
    closesocket(dead);

    /* after all that the socket can still be bound */
    ret = bind(s, (struct sockaddr *)&addr, sizeof(addr));
    ok(!ret, "bind after failed binds failed, error %d\n", WSAGetLastError());

    len = sizeof(addr) - 1;
    WSASetLastError(0xdeadbeef);
    ret = getsockname(s, (struct sockaddr *)&ss, &len);
    expect_error(ret == SOCKET_ERROR, WSAEFAULT, "getsockname with namelen 15");
    ok(len == sizeof(addr) - 1, "getsockname changed namelen to %d on failure\n", len);
    len = 0;
    WSASetLastError(0xdeadbeef);
    ret = getsockname(s, (struct sockaddr *)&ss, &len);
    expect_error(ret == SOCKET_ERROR, WSAEFAULT, "getsockname with namelen 0");
    closesocket(s);

    /* IPv6: the short pre-scope-id sockaddr_in6 (24 bytes) is too small */
    s = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    if (s != INVALID_SOCKET)
    {
        loopback6(&addr6);
        WSASetLastError(0xdeadbeef);
        ret = bind(s, (struct sockaddr *)&addr6, 24);
        expect_error(ret == SOCKET_ERROR, WSAEFAULT, "IPv6 bind with a 24-byte address");
        /* a scope id on ::1 names no interface: refused, and the socket stays unbound */
        addr6.sin6_scope_id = 0xabacab;
        WSASetLastError(0xdeadbeef);
        ret = bind(s, (struct sockaddr *)&addr6, sizeof(addr6));
        expect_error(ret == SOCKET_ERROR, WSAEADDRNOTAVAIL, "IPv6 bind of ::1 with a scope id");
        addr6.sin6_scope_id = 0;
        ok(!bind(s, (struct sockaddr *)&addr6, sizeof(addr6)), "::1 without a scope id: error %d\n",
           WSAGetLastError());
        closesocket(s);
        s = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
        WSASetLastError(0xdeadbeef);
        ret = bind(s, (struct sockaddr *)&addr, sizeof(addr));
        ok(ret == SOCKET_ERROR && WSAGetLastError() != 0,
           "IPv6 socket accepted an IPv4 address (ret %d)\n", ret);
        closesocket(s);
    }
    else if (harness_host_ipv6() == 1)
        ok(0, "the host has IPv6 loopback, but no IPv6 socket: error %d\n", WSAGetLastError());
    else
        skip("no IPv6 sockets\n");

    /* accept with a bad address length, a connection pending */
    listener = bound_tcp(&listen_addr);
    ok(!listen(listener, 4), "listen failed, error %d\n", WSAGetLastError());
    arg = 1;
    ioctlsocket(listener, FIONBIO, &arg);   /* never hang if the connection is gone */

    client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ok(!connect(client, (struct sockaddr *)&listen_addr, sizeof(listen_addr)), "connect failed, error %d\n", WSAGetLastError());
    len = 0;
    WSASetLastError(0xdeadbeef);
    server = accept(listener, (struct sockaddr *)&ss, &len);
    expect_error(server == INVALID_SOCKET, WSAEFAULT, "accept with addrlen 0");
    ok_int(len, 0, "accept changed addrlen to %d\n", len);
    if (server != INVALID_SOCKET) closesocket(server);
    closesocket(client);

    client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ok(!connect(client, (struct sockaddr *)&listen_addr, sizeof(listen_addr)), "connect failed, error %d\n", WSAGetLastError());
    len = sizeof(struct sockaddr_in) - 1;
    WSASetLastError(0xdeadbeef);
    server = accept(listener, (struct sockaddr *)&ss, &len);
    expect_error(server == INVALID_SOCKET, WSAEFAULT, "accept with addrlen 15");
    if (server != INVALID_SOCKET) closesocket(server);
    closesocket(client);
    closesocket(listener);

    /* getpeername argument checks on a connected socket */
    udp = bound_udp(&udp_addr);
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    ok(!connect(s, (struct sockaddr *)&udp_addr, sizeof(udp_addr)), "UDP connect failed, error %d\n", WSAGetLastError());
    len = 0;
    WSASetLastError(0xdeadbeef);
    ret = getpeername(s, (struct sockaddr *)&ss, &len);
    expect_error(ret == SOCKET_ERROR, WSAEFAULT, "getpeername with namelen 0");
    ok_int(len, 0, "getpeername changed namelen to %d\n", len);
    len = sizeof(ss);
    ret = getpeername(s, (struct sockaddr *)&ss, &len);
    ok(!ret && len == sizeof(struct sockaddr_in), "getpeername failed: %d, len %d, error %d\n", ret, len, WSAGetLastError());

    /* sendto with a short destination */
    WSASetLastError(0xdeadbeef);
    ret = sendto(udp, "x", 1, 0, (struct sockaddr *)&udp_addr, sizeof(udp_addr) - 1);
    expect_error(ret == SOCKET_ERROR, WSAEFAULT, "sendto with tolen 15");

    closesocket(s);
    closesocket(udp);
}

/* Found by tests/fuzz (seed 7, calls 33001 and 41887): a negative *fromlen
 * passed Wine's device as a huge unsigned length, which wrote the address
 * into the caller's buffer; and a WSABUF count too large to read failed with
 * WSAENOBUFS (its allocation) instead of WSAEFAULT, its size wrapping on
 * 32-bit.  Windows: WSAEFAULT, nothing written. */
static void test_receive_lengths(void)
{
    struct sockaddr_in addr = { AF_INET };
    SOCKET a = socket(AF_INET, SOCK_DGRAM, 0), b = socket(AF_INET, SOCK_DGRAM, 0);
    char from[64], buf[16], pattern[64];
    WSABUF bufs[4] = { { sizeof(buf), buf } };
    DWORD received, flags = 0;
    u_long one = 1;
    int len, ret;

    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    len = sizeof(addr);
    ok(!bind(b, (struct sockaddr *)&addr, sizeof(addr)) && !getsockname(b, (struct sockaddr *)&addr, &len),
       "bind: %d\n", WSAGetLastError());
    ioctlsocket(b, FIONBIO, &one);
    memset(pattern, 0x5a, sizeof(pattern));

    sendto(a, "one", 3, 0, (struct sockaddr *)&addr, sizeof(addr));
    Sleep(50);
    memcpy(from, pattern, sizeof(from));
    len = -1;
    WSASetLastError(0xdeadbeef);
    ret = recvfrom(b, buf, sizeof(buf), 0, (struct sockaddr *)from, &len);
    expect_error(ret == SOCKET_ERROR, WSAEFAULT, "recvfrom with *fromlen -1");
    ok(!memcmp(from, pattern, sizeof(from)), "recvfrom with *fromlen -1 wrote the address\n");

    len = INT_MIN;
    memcpy(from, pattern, sizeof(from));
    WSASetLastError(0xdeadbeef);
    ret = WSARecvFrom(b, bufs, 1, &received, &flags, (struct sockaddr *)from, &len, NULL, NULL);
    expect_error(ret == SOCKET_ERROR, WSAEFAULT, "WSARecvFrom with *fromlen INT_MIN");
    ok(!memcmp(from, pattern, sizeof(from)), "WSARecvFrom with *fromlen INT_MIN wrote the address\n");

    /* Too short for an address: WSAEFAULT (Wine's device said -1 and succeeded). */
    sendto(a, "two", 3, 0, (struct sockaddr *)&addr, sizeof(addr));
    Sleep(50);
    len = 5;
    memcpy(from, pattern, sizeof(from));
    WSASetLastError(0xdeadbeef);
    ret = recvfrom(b, buf, sizeof(buf), 0, (struct sockaddr *)from, &len);
    expect_error(ret == SOCKET_ERROR, WSAEFAULT, "recvfrom with *fromlen 5");
    ok(len == 5 && !memcmp(from, pattern, sizeof(from)), "recvfrom with *fromlen 5 wrote %d\n", len);

    /* An IPv6 address in 16 to 27 bytes: the same (fuzz seed 11, call 162886). */
    {
        struct sockaddr_in6 addr6 = { AF_INET6 };
        SOCKET a6 = socket(AF_INET6, SOCK_DGRAM, 0), b6 = socket(AF_INET6, SOCK_DGRAM, 0);
        addr6.sin6_addr.s6_addr[15] = 1;
        len = sizeof(addr6);
        if (!bind(b6, (struct sockaddr *)&addr6, sizeof(addr6)) && !getsockname(b6, (struct sockaddr *)&addr6, &len))
        {
            ioctlsocket(b6, FIONBIO, &one);
            sendto(a6, "six", 3, 0, (struct sockaddr *)&addr6, sizeof(addr6));
            Sleep(50);
            len = 21;
            WSASetLastError(0xdeadbeef);
            ret = recvfrom(b6, buf, sizeof(buf), 0, (struct sockaddr *)from, &len);
            expect_error(ret == SOCKET_ERROR, WSAEFAULT, "IPv6 recvfrom with *fromlen 21");
        }
        else skip("no IPv6 loopback\n");
        closesocket(a6);
        closesocket(b6);
    }

    WSASetLastError(0xdeadbeef);
    ret = WSARecv(b, bufs, 0xffffffff, &received, &flags, NULL, NULL);
    expect_error(ret == SOCKET_ERROR, WSAEFAULT, "WSARecv with 0xffffffff buffers");
    WSASetLastError(0xdeadbeef);
    ret = WSARecv(b, bufs, 0x20000001, &received, &flags, NULL, NULL);
    expect_error(ret == SOCKET_ERROR, WSAEFAULT, "WSARecv with 0x20000001 buffers");
    WSASetLastError(0xdeadbeef);
    ret = WSASend(a, bufs, 0x10000001, &received, 0, NULL, NULL);
    expect_error(ret == SOCKET_ERROR, WSAEFAULT, "WSASend with 0x10000001 buffers");
    closesocket(a);
    closesocket(b);
}

/* Found by tests/fuzz (seed 7, calls 107633, 211972): after an ICMP port
 * unreachable, Linux fails the next call on the datagram socket with
 * ECONNREFUSED; Windows answers WSAECONNRESET (the send and recv pages). */
static void test_udp_port_unreachable(void)
{
    struct sockaddr_in addr = { AF_INET };
    SOCKET gone = socket(AF_INET, SOCK_DGRAM, 0), s = socket(AF_INET, SOCK_DGRAM, 0);
    u_long one = 1;
    char buf[8];
    int len = sizeof(addr), ret, tries;

    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(gone, (struct sockaddr *)&addr, sizeof(addr));
    getsockname(gone, (struct sockaddr *)&addr, &len);
    closesocket(gone);  /* its port now answers with ICMP port unreachable */
    ok(!connect(s, (struct sockaddr *)&addr, sizeof(addr)), "connect: %d\n", WSAGetLastError());
    ioctlsocket(s, FIONBIO, &one);
    for (tries = 0; tries < 10; tries++)
    {
        send(s, "x", 1, 0);
        Sleep(20);
        WSASetLastError(0xdeadbeef);
        ret = recv(s, buf, sizeof(buf), 0);
        if (ret == SOCKET_ERROR && WSAGetLastError() != WSAEWOULDBLOCK) break;
    }
    expect_error(ret == SOCKET_ERROR, WSAECONNRESET, "recv after an ICMP port unreachable");
    closesocket(s);
}

/* ------------------------------------------------------------------------ */

static void test_socket_args(void)
{
    static const struct
    {
        int family, type, protocol;
        int error;
        int ret_family, ret_type, ret_protocol;
    }
    tests[] =
    {
        {0xdead,    SOCK_STREAM, IPPROTO_TCP, WSAEAFNOSUPPORT, 0, 0, 0},
        {-1,        SOCK_STREAM, IPPROTO_TCP, WSAEAFNOSUPPORT, 0, 0, 0},
        {AF_INET,   0xdead,      IPPROTO_TCP, WSAESOCKTNOSUPPORT, 0, 0, 0},
        {AF_INET,   -1,          IPPROTO_TCP, WSAESOCKTNOSUPPORT, 0, 0, 0},
        {AF_INET,   SOCK_STREAM, 0xdead,      WSAEPROTONOSUPPORT, 0, 0, 0},
        {AF_INET,   SOCK_STREAM, -1,          WSAEPROTONOSUPPORT, 0, 0, 0},
        {0xdead,    0xdead,      IPPROTO_TCP, WSAESOCKTNOSUPPORT, 0, 0, 0},
        /* Wine 8.0 builtin differs: reports WSAEPROTONOSUPPORT for this one. */
        {0xdead,    SOCK_STREAM, 0xdead,      WSAEAFNOSUPPORT, 0, 0, 0},
        {AF_INET,   0xdead,      0xdead,      WSAESOCKTNOSUPPORT, 0, 0, 0},
        {0xdead,    SOCK_STREAM, IPPROTO_UDP, WSAEAFNOSUPPORT, 0, 0, 0},
        {AF_INET,   0xdead,      0,           WSAESOCKTNOSUPPORT, 0, 0, 0},
        {AF_INET,   0,           0xdead,      WSAEPROTONOSUPPORT, 0, 0, 0},
        {AF_INET,   SOCK_STREAM, IPPROTO_UDP, WSAEPROTONOSUPPORT, 0, 0, 0},
        {AF_INET,   SOCK_DGRAM,  IPPROTO_TCP, WSAEPROTONOSUPPORT, 0, 0, 0},
        {AF_UNSPEC, SOCK_STREAM, 0xdead,      WSAEPROTONOSUPPORT, 0, 0, 0},
        {AF_UNSPEC, 0xdead,      IPPROTO_UDP, WSAESOCKTNOSUPPORT, 0, 0, 0},
        {AF_UNSPEC, SOCK_STREAM, 0,           WSAEINVAL, 0, 0, 0},
        {AF_UNSPEC, SOCK_DGRAM,  0,           WSAEINVAL, 0, 0, 0},
        {AF_UNSPEC, 0,           0,           WSAEINVAL, 0, 0, 0},
        /* AF_UNSPEC without a protocol before the type (test_WSASocket). */
        {AF_UNSPEC, 0xdead,      0,           WSAEINVAL, 0, 0, 0},
        {AF_INET,   SOCK_STREAM, 0,           0, AF_INET, SOCK_STREAM, IPPROTO_TCP},
        {AF_INET,   SOCK_DGRAM,  0,           0, AF_INET, SOCK_DGRAM,  IPPROTO_UDP},
        {AF_INET,   0,           IPPROTO_TCP, 0, AF_INET, SOCK_STREAM, IPPROTO_TCP},
        {AF_INET,   0,           IPPROTO_UDP, 0, AF_INET, SOCK_DGRAM,  IPPROTO_UDP},
        {AF_INET,   0,           0,           0, AF_INET, SOCK_STREAM, IPPROTO_TCP},
        {AF_UNSPEC, SOCK_STREAM, IPPROTO_TCP, 0, AF_INET, SOCK_STREAM, IPPROTO_TCP},
        {AF_UNSPEC, 0,           IPPROTO_UDP, 0, AF_INET, SOCK_DGRAM,  IPPROTO_UDP},
        {AF_INET6,  SOCK_DGRAM,  0,           0, AF_INET6, SOCK_DGRAM, IPPROTO_UDP},
    };
    WSAPROTOCOL_INFOA info;
    unsigned int i;
    SOCKET s;
    int ret, len;

    for (i = 0; i < ARRAYSIZE(tests); i++)
    {
        WSASetLastError(0xdeadbeef);
        s = socket(tests[i].family, tests[i].type, tests[i].protocol);
        if (tests[i].error)
        {
            expect_error(s == INVALID_SOCKET, tests[i].error, "socket(%d, %d, %d) [%u]",
                         tests[i].family, tests[i].type, tests[i].protocol, i);
            if (s != INVALID_SOCKET) closesocket(s);
            continue;
        }
        ok(s != INVALID_SOCKET, "socket(%d, %d, %d) [%u] failed, error %d\n",
           tests[i].family, tests[i].type, tests[i].protocol, i, WSAGetLastError());
        if (s == INVALID_SOCKET) continue;
        ok_int(WSAGetLastError(), 0, "socket(%d, %d, %d) [%u] succeeded but left error %d\n",
           tests[i].family, tests[i].type, tests[i].protocol, i, WSAGetLastError());
        len = sizeof(info);
        memset(&info, 0, sizeof(info));
        ret = getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&info, &len);
        ok(!ret, "[%u] SO_PROTOCOL_INFOA failed, error %d\n", i, WSAGetLastError());
        ok(info.iAddressFamily == tests[i].ret_family && info.iSocketType == tests[i].ret_type
           && info.iProtocol == tests[i].ret_protocol,
           "[%u] socket is %d/%d/%d, expected %d/%d/%d\n", i, info.iAddressFamily, info.iSocketType,
           info.iProtocol, tests[i].ret_family, tests[i].ret_type, tests[i].ret_protocol);
        closesocket(s);
    }
}

/* WSASocket with a WSAPROTOCOL_INFO: a family, type or protocol given as 0
 * or FROM_PROTOCOL_INFO comes from the record, and no family is looked up
 * in the catalogue then; a raw socket's record says protocol 0 (Windows,
 * recorded in Wine's conformance test_WSASocket). */
static void test_socket_from_protocol_info(void)
{
    WSAPROTOCOL_INFOA info, got;
    SOCKET s;
    int len, type;

    memset(&info, 0, sizeof(info));
    info.iAddressFamily = info.iSocketType = info.iProtocol = -1;
    WSASetLastError(0xdeadbeef);
    s = WSASocketA(0, 0, IPPROTO_UDP, &info, 0, 0);
    expect_error(s == INVALID_SOCKET, WSAEAFNOSUPPORT, "record of -1s, protocol UDP");
    if (s != INVALID_SOCKET) closesocket(s);

    info.iAddressFamily = info.iSocketType = info.iProtocol = 0;
    s = WSASocketA(0, 0, IPPROTO_UDP, &info, 0, 0);
    expect_error(s == INVALID_SOCKET, WSAEAFNOSUPPORT, "record of 0s, protocol UDP");
    if (s != INVALID_SOCKET) closesocket(s);

    info.iAddressFamily = AF_INET;
    info.iSocketType = SOCK_DGRAM;
    info.iProtocol = IPPROTO_UDP;
    s = WSASocketA(0, 0, 0, &info, 0, 0);
    ok(s != INVALID_SOCKET, "UDP record, arguments 0: error %d\n", WSAGetLastError());
    len = sizeof(type);
    type = 0xdead;
    ok(s != INVALID_SOCKET && !getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &len) && type == SOCK_DGRAM,
       "UDP record, arguments 0: type %d\n", type);
    closesocket(s);

    /* Arguments given win over the record. */
    s = WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, &info, 0, 0);
    type = 0xdead;
    len = sizeof(type);
    ok(s != INVALID_SOCKET && !getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &len) && type == SOCK_STREAM,
       "UDP record, TCP arguments: type %d, error %d\n", type, WSAGetLastError());
    closesocket(s);

    s = WSASocketA(AF_INET, SOCK_RAW, IPPROTO_ICMP, NULL, 0, 0);
    if (s == INVALID_SOCKET) { skip("no raw socket: %d\n", WSAGetLastError()); return; }
    len = sizeof(got);
    memset(&got, 0xcc, sizeof(got));
    ok(!getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&got, &len), "SO_PROTOCOL_INFOA: %d\n",
       WSAGetLastError());
    ok(got.iSocketType == SOCK_RAW && got.iProtocol == 0 && got.iProtocolMaxOffset == 255,
       "raw ICMP socket's record: type %d protocol %d max offset %d\n", got.iSocketType, got.iProtocol,
       got.iProtocolMaxOffset);
    closesocket(s);
}

/* ------------------------------------------------------------------------ */

static void test_state_errors(void)
{
    struct sockaddr_in addr, addr2, tcp_addr, udp_addr, far_addr;
    struct timeval tv = {0, 0};
    fd_set rset, wset, xset;
    SOCKET s, t, client, server, listener;
    char buf[64];
    DWORD timeout = 2000;
    u_long arg;
    int ret, len;

    /* listen */
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WSASetLastError(0xdeadbeef);
    ret = listen(s, 1);
    expect_error(ret == SOCKET_ERROR, WSAEINVAL, "listen on an unbound TCP socket");
    closesocket(s);

    /* Wine 8.0 builtin differs: an unbound UDP socket gives WSAEINVAL. */
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    WSASetLastError(0xdeadbeef);
    ret = listen(s, 1);
    expect_error(ret == SOCKET_ERROR, WSAEOPNOTSUPP, "listen on an unbound UDP socket");
    closesocket(s);
    s = bound_udp(&udp_addr);
    WSASetLastError(0xdeadbeef);
    ret = listen(s, 1);
    expect_error(ret == SOCKET_ERROR, WSAEOPNOTSUPP, "listen on a bound UDP socket");
    closesocket(s);

    /* accept on a socket that is not listening */
    s = bound_tcp(&tcp_addr);
    arg = 1;
    ioctlsocket(s, FIONBIO, &arg);
    WSASetLastError(0xdeadbeef);
    t = accept(s, NULL, NULL);
    expect_error(t == INVALID_SOCKET, WSAEINVAL, "accept on a non-listening socket");
    if (t != INVALID_SOCKET) closesocket(t);
    closesocket(s);

    /* names and data on a socket that was never connected */
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, sizeof(timeout));
    len = sizeof(addr);
    WSASetLastError(0xdeadbeef);
    ret = getsockname(s, (struct sockaddr *)&addr, &len);
    expect_error(ret == SOCKET_ERROR, WSAEINVAL, "getsockname on an unbound socket");
    len = sizeof(addr);
    WSASetLastError(0xdeadbeef);
    ret = getpeername(s, (struct sockaddr *)&addr, &len);
    expect_error(ret == SOCKET_ERROR, WSAENOTCONN, "getpeername on an unconnected TCP socket");
    WSASetLastError(0xdeadbeef);
    ret = recv(s, buf, sizeof(buf), 0);
    expect_error(ret == SOCKET_ERROR, WSAENOTCONN, "recv on an unconnected TCP socket");
    WSASetLastError(0xdeadbeef);
    ret = send(s, "x", 1, 0);
    /* Wine 8.0 builtin differs: gives WSAECONNRESET. */
    expect_error(ret == SOCKET_ERROR, WSAENOTCONN, "send on an unconnected TCP socket");
    WSASetLastError(0xdeadbeef);
    ret = shutdown(s, SD_SEND);
    expect_error(ret == SOCKET_ERROR, WSAENOTCONN, "shutdown(SD_SEND) on an unconnected TCP socket");
    WSASetLastError(0xdeadbeef);
    ret = shutdown(s, SD_RECEIVE);
    expect_error(ret == SOCKET_ERROR, WSAENOTCONN, "shutdown(SD_RECEIVE) on an unconnected TCP socket");
    closesocket(s);

    /* UDP that is neither bound nor connected (non-blocking: no hang) */
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    arg = 1;
    ioctlsocket(s, FIONBIO, &arg);
    len = sizeof(addr);
    WSASetLastError(0xdeadbeef);
    ret = getpeername(s, (struct sockaddr *)&addr, &len);
    expect_error(ret == SOCKET_ERROR, WSAENOTCONN, "getpeername on an unconnected UDP socket");
    WSASetLastError(0xdeadbeef);
    ret = send(s, "data", 4, 0);
    /* Wine 8.0 builtin differs: gives WSAEINVAL. */
    expect_error(ret == SOCKET_ERROR, WSAENOTCONN, "send on an unconnected UDP socket");
    closesocket(s);

    /* A fresh socket: the failed send above already bound that one in Wine
     * (its server binds a datagram socket before it tries to send). */
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    arg = 1;
    ioctlsocket(s, FIONBIO, &arg);
    WSASetLastError(0xdeadbeef);
    ret = recv(s, buf, sizeof(buf), 0);
    /* Wine 8.0 builtin differs: gives WSAEWOULDBLOCK for an unbound UDP socket. */
    expect_error(ret == SOCKET_ERROR, WSAEINVAL, "recv on an unbound UDP socket");
    closesocket(s);

    /* bind */
    s = bound_tcp(&tcp_addr);
    WSASetLastError(0xdeadbeef);
    loopback4(&addr, 0);
    ret = bind(s, (struct sockaddr *)&addr, sizeof(addr));
    expect_error(ret == SOCKET_ERROR, WSAEINVAL, "second bind on the same socket");
    t = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WSASetLastError(0xdeadbeef);
    ret = bind(t, (struct sockaddr *)&tcp_addr, sizeof(tcp_addr));
    expect_error(ret == SOCKET_ERROR, WSAEADDRINUSE, "bind to an address in use");
    memset(&far_addr, 0, sizeof(far_addr));
    far_addr.sin_family = AF_INET;
    ((unsigned char *)&far_addr.sin_addr)[0] = 192;
    ((unsigned char *)&far_addr.sin_addr)[1] = 0;
    ((unsigned char *)&far_addr.sin_addr)[2] = 2;
    ((unsigned char *)&far_addr.sin_addr)[3] = 0;
    WSASetLastError(0xdeadbeef);
    ret = bind(t, (struct sockaddr *)&far_addr, sizeof(far_addr));
    expect_error(ret == SOCKET_ERROR, WSAEADDRNOTAVAIL, "bind to an address not on this host");
    /* a successful bind clears the error (Windows 7 and later) */
    loopback4(&addr, 0);
    WSASetLastError(0xdeadbeef);
    ret = bind(t, (struct sockaddr *)&addr, sizeof(addr));
    ok_int(ret, 0, "bind after failed binds failed, error %d\n", WSAGetLastError());
    ok_int(WSAGetLastError(), 0, "successful bind left error %d\n", WSAGetLastError());
    closesocket(t);

    /* connect to a bound port nobody listens on (Windows needs ~2 s) */
    t = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WSASetLastError(0xdeadbeef);
    ret = connect(t, (struct sockaddr *)&tcp_addr, sizeof(tcp_addr));
    expect_error(ret == SOCKET_ERROR, WSAECONNREFUSED, "connect to a port nobody listens on");
    closesocket(t);

    /* connect on a listening socket */
    ok(!listen(s, 1), "listen failed, error %d\n", WSAGetLastError());
    listener = s;
    loopback4(&addr2, 0);
    t = bound_tcp(&addr2);
    WSASetLastError(0xdeadbeef);
    ret = connect(listener, (struct sockaddr *)&addr2, sizeof(addr2));
    expect_error(ret == SOCKET_ERROR, WSAEINVAL, "connect on a listening socket");
    WSASetLastError(0xdeadbeef);
    ret = shutdown(listener, SD_SEND);
    expect_error(ret == SOCKET_ERROR, WSAENOTCONN, "shutdown on a listening socket");
    closesocket(t);
    closesocket(listener);

    /* a connected pair */
    if (tcp_pair(&client, &server))
    {
        struct sockaddr_in peer;

        len = sizeof(peer);
        getpeername(client, (struct sockaddr *)&peer, &len);
        WSASetLastError(0xdeadbeef);
        ret = connect(client, (struct sockaddr *)&peer, sizeof(peer));
        expect_error(ret == SOCKET_ERROR, WSAEISCONN, "connect on a connected socket");

        WSASetLastError(0xdeadbeef);
        ret = shutdown(client, 0xdeadbeef);
        expect_error(ret == SOCKET_ERROR, WSAEINVAL, "shutdown(how = 0xdeadbeef)");
        WSASetLastError(0xdeadbeef);
        ret = shutdown(client, 3);
        expect_error(ret == SOCKET_ERROR, WSAEINVAL, "shutdown(how = 3)");
        WSASetLastError(0xdeadbeef);
        ret = shutdown(client, -1);
        expect_error(ret == SOCKET_ERROR, WSAEINVAL, "shutdown(how = -1)");

        /* the bad calls did nothing: data still flows */
        ret = send(client, "ok", 2, 0);
        ok_int(ret, 2, "send after bad shutdown calls returned %d, error %d\n", ret, WSAGetLastError());
        setsockopt(server, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, sizeof(timeout));
        memset(buf, 0, sizeof(buf));
        ret = recv(server, buf, 2, 0);
        ok(ret == 2 && !memcmp(buf, "ok", 2), "recv after bad shutdown calls returned %d\n", ret);

        ret = shutdown(client, SD_SEND);
        ok(!ret, "shutdown(SD_SEND) failed, error %d\n", WSAGetLastError());
        WSASetLastError(0xdeadbeef);
        ret = send(client, "x", 1, 0);
        expect_error(ret == SOCKET_ERROR, WSAESHUTDOWN, "send after shutdown(SD_SEND)");
        ret = shutdown(client, SD_RECEIVE);
        ok(!ret, "shutdown(SD_RECEIVE) failed, error %d\n", WSAGetLastError());
        WSASetLastError(0xdeadbeef);
        ret = recv(client, buf, sizeof(buf), 0);
        expect_error(ret == SOCKET_ERROR, WSAESHUTDOWN, "recv after shutdown(SD_RECEIVE)");

        closesocket(client);
        closesocket(server);
    }

    /* select */
    WSASetLastError(0xdeadbeef);
    ret = select(0, NULL, NULL, NULL, &tv);
    expect_error(ret == SOCKET_ERROR, WSAEINVAL, "select with three NULL sets");
    FD_ZERO(&rset); FD_ZERO(&wset); FD_ZERO(&xset);
    WSASetLastError(0xdeadbeef);
    ret = select(0, &rset, &wset, &xset, &tv);
    expect_error(ret == SOCKET_ERROR, WSAEINVAL, "select with three empty sets");
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    FD_ZERO(&rset);
    FD_SET(s, &rset);
    FD_SET(INVALID_SOCKET, &rset);
    WSASetLastError(0xdeadbeef);
    ret = select(0, &rset, NULL, NULL, &tv);
    expect_error(ret == SOCKET_ERROR, WSAENOTSOCK, "select with INVALID_SOCKET next to a real socket");
    FD_ZERO(&xset);
    FD_SET(INVALID_SOCKET, &xset);
    WSASetLastError(0xdeadbeef);
    ret = select(0, NULL, NULL, &xset, &tv);
    expect_error(ret == SOCKET_ERROR, WSAENOTSOCK, "select with INVALID_SOCKET in exceptfds");
    closesocket(s);
}

/* ------------------------------------------------------------------------ */

/* While a non-blocking connect is under way, recv and send fail with
 * WSAENOTCONN, not WSAEWOULDBLOCK, and getpeername names the address being
 * connected to; while a ConnectEx is, getpeername fails with WSAENOTCONN
 * (Wine's test_connecting_socket).  A
 * listener whose backlog is full drops further SYNs, so one of the clients
 * below stays connecting (not yet writable). */
static void connect_ex_leaves_no_peer(const struct sockaddr_in *addr)
{
    GUID guid = WSAID_CONNECTEX;
    struct sockaddr_in any = { AF_INET }, peer;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    LPFN_CONNECTEX connect_ex = NULL;
    OVERLAPPED ov = { 0 };
    DWORD size;
    int len = sizeof(peer), ret;

    any.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &guid, sizeof(guid), &connect_ex, sizeof(connect_ex), &size,
             NULL, NULL);
    if (!ok(connect_ex && !bind(s, (struct sockaddr *)&any, sizeof(any)), "no ConnectEx\n")) { closesocket(s); return; }
    ret = connect_ex(s, (const struct sockaddr *)addr, sizeof(*addr), NULL, 0, NULL, &ov);
    ok(!ret && WSAGetLastError() == ERROR_IO_PENDING, "ConnectEx past a full backlog: %d, error %d\n", ret,
       WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    ret = getpeername(s, (struct sockaddr *)&peer, &len);
    expect_error(ret == SOCKET_ERROR, WSAENOTCONN, "getpeername while ConnectEx is under way");
    CancelIo((HANDLE)s);
    closesocket(s);
}

static void test_connecting_socket_errors(void)
{
    struct sockaddr_in addr;
    SOCKET listener = bound_tcp(&addr), clients[8], connecting = INVALID_SOCKET;
    struct timeval tv = { 0, 200000 };
    struct sockaddr_in peer;
    u_long on = 1;
    fd_set set;
    char c;
    int i, ret, len = sizeof(peer);

    listen(listener, 0);
    for (i = 0; i < 8; i++)
    {
        clients[i] = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        ioctlsocket(clients[i], FIONBIO, &on);
        connect(clients[i], (struct sockaddr *)&addr, sizeof(addr));
    }
    for (i = 0; i < 8 && connecting == INVALID_SOCKET; i++)
    {
        FD_ZERO(&set);
        FD_SET(clients[i], &set);
        if (!select(0, NULL, &set, NULL, &tv)) connecting = clients[i];
    }
    if (ok(connecting != INVALID_SOCKET, "every client connected past a full backlog\n"))
    {
        WSASetLastError(0xdeadbeef);
        ret = recv(connecting, &c, 1, 0);
        expect_error(ret == SOCKET_ERROR, WSAENOTCONN, "recv while connecting");
        WSASetLastError(0xdeadbeef);
        ret = send(connecting, "data", 4, 0);
        expect_error(ret == SOCKET_ERROR, WSAENOTCONN, "send while connecting");
        memset(&peer, 0, sizeof(peer));
        ret = getpeername(connecting, (struct sockaddr *)&peer, &len);
        ok(!ret && len == sizeof(peer) && peer.sin_port == addr.sin_port && peer.sin_addr.s_addr == addr.sin_addr.s_addr,
           "getpeername while connecting: %d, error %d, port %u\n", ret, WSAGetLastError(), ntohs(peer.sin_port));
        connect_ex_leaves_no_peer(&addr);
    }
    for (i = 0; i < 8; i++) closesocket(clients[i]);
    closesocket(listener);
}


/* ------------------------------------------------------------------------ */

static DWORD WINAPI last_error_thread(void *arg)
{
    int *seen = arg;
    seen[0] = WSAGetLastError();    /* a new thread starts at 0 */
    WSASetLastError(4242);
    seen[1] = WSAGetLastError();
    return 0;
}

static void test_last_error(void)
{
    int seen[2] = {-1, -1};
    HANDLE thread;

    WSASetLastError(WSAEWOULDBLOCK);
    ok_int(WSAGetLastError(), WSAEWOULDBLOCK, "WSAGetLastError gave %d\n", WSAGetLastError());
    ok_int(GetLastError(), WSAEWOULDBLOCK, "GetLastError gave %lu after WSASetLastError\n", GetLastError());
    SetLastError(WSAECONNRESET);
    ok_int(WSAGetLastError(), WSAECONNRESET, "WSAGetLastError gave %d after SetLastError\n", WSAGetLastError());
    WSASetLastError(0);
    ok_int(WSAGetLastError(), 0, "WSAGetLastError gave %d after WSASetLastError(0)\n", WSAGetLastError());

    WSASetLastError(777);
    thread = CreateThread(NULL, 0, last_error_thread, seen, 0, NULL);
    ok(thread != NULL, "CreateThread failed\n");
    if (thread)
    {
        ok_int(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0, "thread did not finish\n");
        CloseHandle(thread);
        ok_int(seen[0], 0, "new thread started with error %d\n", seen[0]);
        ok_int(seen[1], 4242, "thread read back %d\n", seen[1]);
    }
    ok_int(WSAGetLastError(), 777, "another thread's WSASetLastError changed ours to %d\n", WSAGetLastError());
}

/* ------------------------------------------------------------------------ */

static void test_closehandle(void)
{
    struct sockaddr_in addr, self;
    SOCKET s, others[32], reused = INVALID_SOCKET;
    unsigned int i, count = 0;
    char buf[16];
    u_long arg = 1;
    int ret, len, val;

    s = bound_tcp(&addr);
    ioctlsocket(s, FIONBIO, &arg);
    ok(CloseHandle((HANDLE)s), "CloseHandle on a socket failed, error %lu\n", GetLastError());

    len = sizeof(addr);
    WSASetLastError(0xdeadbeef);
    ret = getsockname(s, (struct sockaddr *)&addr, &len);
    expect_error(ret == SOCKET_ERROR, WSAENOTSOCK, "getsockname on a socket closed with CloseHandle");
    /* Wine 8.0 builtin differs: its closesocket still finds the value in its
     * own socket list and returns 0. */
    WSASetLastError(0xdeadbeef);
    ret = closesocket(s);
    expect_error(ret == SOCKET_ERROR, WSAENOTSOCK, "closesocket on a socket closed with CloseHandle");

    /* the handle value comes back for a new socket, which must start clean */
    for (i = 0; i < ARRAYSIZE(others); i++)
    {
        SOCKET t = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
        if (t == INVALID_SOCKET) break;
        if (t == s) { reused = t; break; }
        others[count++] = t;
    }
    if (reused != INVALID_SOCKET)
    {
        len = sizeof(val);
        val = 0;
        ret = getsockopt(reused, SOL_SOCKET, SO_TYPE, (char *)&val, &len);
        ok(!ret && val == SOCK_DGRAM, "reused handle: SO_TYPE %d (ret %d, error %d)\n", val, ret, WSAGetLastError());
        len = sizeof(addr);
        WSASetLastError(0xdeadbeef);
        ret = getsockname(reused, (struct sockaddr *)&addr, &len);
        expect_error(ret == SOCKET_ERROR, WSAEINVAL, "getsockname on the new (unbound) socket with the reused value");

        loopback4(&self, 0);
        ret = bind(reused, (struct sockaddr *)&self, sizeof(self));
        ok(!ret, "bind on reused handle failed, error %d\n", WSAGetLastError());
        len = sizeof(self);
        getsockname(reused, (struct sockaddr *)&self, &len);
        ret = sendto(reused, "again", 5, 0, (struct sockaddr *)&self, sizeof(self));
        ok_int(ret, 5, "sendto on reused handle returned %d, error %d\n", ret, WSAGetLastError());
        {
            struct timeval tv = {5, 0};
            fd_set set;
            FD_ZERO(&set);
            FD_SET(reused, &set);
            ret = select(0, &set, NULL, NULL, &tv);
            ok_int(ret, 1, "reused handle never became readable (%d)\n", ret);
        }
        memset(buf, 0, sizeof(buf));
        ret = recv(reused, buf, sizeof(buf), 0);
        ok(ret == 5 && !memcmp(buf, "again", 5), "recv on reused handle returned %d\n", ret);
        ok(!closesocket(reused), "closesocket on reused handle failed, error %d\n", WSAGetLastError());
    }
    else
        skip("socket handle value %#Ix was not handed out again\n", (ULONG_PTR)s);
    for (i = 0; i < count; i++) closesocket(others[i]);

    /* closing twice */
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ok(!closesocket(s), "closesocket failed, error %d\n", WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    ret = closesocket(s);
    expect_error(ret == SOCKET_ERROR, WSAENOTSOCK, "second closesocket on the same socket");
}

/* ------------------------------------------------------------------------ */
/* Invalid pointers.  A careless implementation dereferences them, so each   */
/* call runs in a child copy of this program: a crash then fails one check   */
/* instead of ending the whole run.  The child's exit code is the Winsock    */
/* error the call left (or one of the CHILD_* codes below).                  */

#define CHILD_SUCCEEDED  0x7ffe0001     /* the call did not fail */
#define CHILD_CRASHED    0x7ffe0002     /* unhandled exception */
#define CHILD_SETUP      0x7ffe0003     /* the child could not set up its sockets */
#define CHILD_HUNG       0x7ffe0004     /* killed after the time limit */

static int child_result(BOOL failed)
{
    return failed ? WSAGetLastError() : CHILD_SUCCEEDED;
}

static BOOL child_startup(void)
{
    WSADATA data;
    return !WSAStartup(MAKEWORD(2, 2), &data);
}

/* a UDP socket connected to another bound one; the peer gets one datagram */
static SOCKET child_udp_pair(SOCKET *peer)
{
    struct sockaddr_in a, b;
    SOCKET s;
    int len = sizeof(b);

    *peer = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    loopback4(&a, 0);
    loopback4(&b, 0);
    if (bind(*peer, (struct sockaddr *)&b, sizeof(b)) || getsockname(*peer, (struct sockaddr *)&b, &len)
        || bind(s, (struct sockaddr *)&a, sizeof(a)) || connect(s, (struct sockaddr *)&b, sizeof(b)))
        return INVALID_SOCKET;
    return s;
}

static int c_startup_null(void)
{
    int ret = WSAStartup(MAKEWORD(2, 2), NULL);
    return ret ? ret : CHILD_SUCCEEDED;
}

static int c_startup_badver_null(void)
{
    int ret = WSAStartup(MAKEWORD(0, 0), NULL);
    return ret ? ret : CHILD_SUCCEEDED;
}

static int c_bind_null(void)
{
    SOCKET s;
    if (!child_startup()) return CHILD_SETUP;
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    return child_result(bind(s, NULL, sizeof(struct sockaddr_in)) == SOCKET_ERROR);
}

static int c_bind_null0(void)
{
    SOCKET s;
    if (!child_startup()) return CHILD_SETUP;
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    return child_result(bind(s, NULL, 0) == SOCKET_ERROR);
}

static int c_connect_null0(void)
{
    SOCKET s;
    if (!child_startup()) return CHILD_SETUP;
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    return child_result(connect(s, NULL, 0) == SOCKET_ERROR);
}

static int c_connect_null(void)
{
    SOCKET s;
    if (!child_startup()) return CHILD_SETUP;
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    return child_result(connect(s, NULL, sizeof(struct sockaddr_in)) == SOCKET_ERROR);
}

static int c_getsockname_null_name(void)
{
    struct sockaddr_in addr;
    int len = sizeof(addr);
    SOCKET s;
    if (!child_startup()) return CHILD_SETUP;
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    loopback4(&addr, 0);
    if (bind(s, (struct sockaddr *)&addr, sizeof(addr))) return CHILD_SETUP;
    return child_result(getsockname(s, NULL, &len) == SOCKET_ERROR);
}

static int c_getsockname_null_len(void)
{
    struct sockaddr_in addr;
    SOCKET s;
    if (!child_startup()) return CHILD_SETUP;
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    loopback4(&addr, 0);
    if (bind(s, (struct sockaddr *)&addr, sizeof(addr))) return CHILD_SETUP;
    return child_result(getsockname(s, (struct sockaddr *)&addr, NULL) == SOCKET_ERROR);
}

static int c_getpeername_null_null(void)
{
    SOCKET s, peer;
    if (!child_startup() || (s = child_udp_pair(&peer)) == INVALID_SOCKET) return CHILD_SETUP;
    return child_result(getpeername(s, NULL, NULL) == SOCKET_ERROR);
}

static int c_getpeername_null_len(void)
{
    struct sockaddr_storage ss;
    SOCKET s, peer;
    if (!child_startup() || (s = child_udp_pair(&peer)) == INVALID_SOCKET) return CHILD_SETUP;
    return child_result(getpeername(s, (struct sockaddr *)&ss, NULL) == SOCKET_ERROR);
}

static int c_getsockopt_null_val(void)
{
    int len = sizeof(int);
    SOCKET s;
    if (!child_startup()) return CHILD_SETUP;
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    return child_result(getsockopt(s, SOL_SOCKET, SO_TYPE, NULL, &len) == SOCKET_ERROR);
}

static int c_getsockopt_null_len(void)
{
    int val;
    SOCKET s;
    if (!child_startup()) return CHILD_SETUP;
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    return child_result(getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&val, NULL) == SOCKET_ERROR);
}

static int c_getsockopt_protoinfo_null(void)
{
    SOCKET s;
    if (!child_startup()) return CHILD_SETUP;
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    return child_result(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, NULL, NULL) == SOCKET_ERROR);
}

static int c_setsockopt_linger_null(void)
{
    SOCKET s;
    if (!child_startup()) return CHILD_SETUP;
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    return child_result(setsockopt(s, SOL_SOCKET, SO_LINGER, NULL, sizeof(LINGER)) == SOCKET_ERROR);
}

static int c_setsockopt_rcvbuf_null(void)
{
    SOCKET s;
    if (!child_startup()) return CHILD_SETUP;
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    return child_result(setsockopt(s, SOL_SOCKET, SO_RCVBUF, NULL, sizeof(int)) == SOCKET_ERROR);
}

static int c_ioctl_fionread_null(void)
{
    SOCKET s, peer;
    if (!child_startup() || (s = child_udp_pair(&peer)) == INVALID_SOCKET) return CHILD_SETUP;
    return child_result(ioctlsocket(s, FIONREAD, NULL) == SOCKET_ERROR);
}

static int c_ioctl_fionbio_null(void)
{
    SOCKET s;
    if (!child_startup()) return CHILD_SETUP;
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    return child_result(ioctlsocket(s, FIONBIO, NULL) == SOCKET_ERROR);
}

static int c_send_null_buf(void)
{
    SOCKET s, peer;
    if (!child_startup() || (s = child_udp_pair(&peer)) == INVALID_SOCKET) return CHILD_SETUP;
    return child_result(send(s, NULL, 10, 0) == SOCKET_ERROR);
}

static int c_recv_null_buf(void)
{
    struct timeval tv = {5, 0};
    SOCKET s, peer;
    fd_set set;
    if (!child_startup() || (s = child_udp_pair(&peer)) == INVALID_SOCKET) return CHILD_SETUP;
    /* data is waiting, so only the buffer can be the problem */
    if (send(s, "0123456789", 10, 0) != 10) return CHILD_SETUP;
    FD_ZERO(&set);
    FD_SET(peer, &set);
    if (select(0, &set, NULL, NULL, &tv) != 1) return CHILD_SETUP;
    return child_result(recv(peer, NULL, 10, 0) == SOCKET_ERROR);
}

static int c_gethostname_null(void)
{
    if (!child_startup()) return CHILD_SETUP;
    return child_result(gethostname(NULL, 256) == SOCKET_ERROR);
}

static int c_inet_pton_null(void)
{
    char buf[16];
    if (!child_startup()) return CHILD_SETUP;
    return child_result(inet_pton(AF_INET, NULL, buf) == -1);
}

/* not an error on Windows: accept() with an address buffer but no length
 * accepts the connection and leaves the buffer alone */
static int c_accept_null_len(void)
{
    struct sockaddr_in addr;
    struct sockaddr_storage ss, zero;
    SOCKET listener, client, s;
    int len = sizeof(addr);
    if (!child_startup()) return CHILD_SETUP;
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    loopback4(&addr, 0);
    if (bind(listener, (struct sockaddr *)&addr, sizeof(addr)) || getsockname(listener, (struct sockaddr *)&addr, &len)
        || listen(listener, 1) || connect(client, (struct sockaddr *)&addr, sizeof(addr)))
        return CHILD_SETUP;
    memset(&ss, 0, sizeof(ss));
    memset(&zero, 0, sizeof(zero));
    s = accept(listener, (struct sockaddr *)&ss, NULL);
    if (s == INVALID_SOCKET) return WSAGetLastError();
    return memcmp(&ss, &zero, sizeof(ss)) ? CHILD_SETUP : CHILD_SUCCEEDED;
}

static const struct
{
    const char *name;
    int (*fn)(void);
    int expected;
    const char *what;
}
child_checks[] =
{
    {"startup_null",        c_startup_null,          WSAEFAULT,          "WSAStartup(2.2, NULL)"},
    {"startup_badver_null", c_startup_badver_null,   WSAVERNOTSUPPORTED, "WSAStartup(0.0, NULL)"},
    {"bind_null",           c_bind_null,             WSAEFAULT,          "bind(NULL, 16)"},
    {"bind_null0",          c_bind_null0,            WSAEFAULT,          "bind(NULL, 0)"},
    /* Wine 8.0 builtin differs: connect(NULL, 0) succeeds. */
    {"connect_null0",       c_connect_null0,         WSAEFAULT,          "connect(NULL, 0)"},
    /* Wine 8.0 builtin differs: connect(NULL, 16) crashes. */
    {"connect_null",        c_connect_null,          WSAEFAULT,          "connect(NULL, 16)"},
    {"getsockname_name",    c_getsockname_null_name, WSAEFAULT,          "getsockname(NULL name)"},
    /* Wine 8.0 builtin differs: getsockname with a NULL namelen crashes. */
    {"getsockname_len",     c_getsockname_null_len,  WSAEFAULT,          "getsockname(NULL namelen)"},
    {"getpeername_both",    c_getpeername_null_null, WSAEFAULT,          "getpeername(NULL, NULL) on a connected socket"},
    {"getpeername_len",     c_getpeername_null_len,  WSAEFAULT,          "getpeername(addr, NULL) on a connected socket"},
    {"getsockopt_val",      c_getsockopt_null_val,   WSAEFAULT,          "getsockopt(SO_TYPE, NULL optval)"},
    {"getsockopt_len",      c_getsockopt_null_len,   WSAEFAULT,          "getsockopt(SO_TYPE, NULL optlen)"},
    {"getsockopt_info",     c_getsockopt_protoinfo_null, WSAEFAULT,      "getsockopt(SO_PROTOCOL_INFOA, NULL, NULL)"},
    {"setsockopt_linger",   c_setsockopt_linger_null, WSAEFAULT,         "setsockopt(SO_LINGER, NULL optval)"},
    {"setsockopt_rcvbuf",   c_setsockopt_rcvbuf_null, WSAEFAULT,         "setsockopt(SO_RCVBUF, NULL optval)"},
    {"ioctl_fionread",      c_ioctl_fionread_null,   WSAEFAULT,          "ioctlsocket(FIONREAD, NULL)"},
    {"ioctl_fionbio",       c_ioctl_fionbio_null,    WSAEFAULT,          "ioctlsocket(FIONBIO, NULL)"},
    {"send_null",           c_send_null_buf,         WSAEFAULT,          "send(NULL buffer, 10)"},
    {"recv_null",           c_recv_null_buf,         WSAEFAULT,          "recv(NULL buffer, 10) with data waiting"},
    {"gethostname_null",    c_gethostname_null,      WSAEFAULT,          "gethostname(NULL)"},
    {"inet_pton_null",      c_inet_pton_null,        WSAEFAULT,          "inet_pton(AF_INET, NULL)"},
    {"accept_null_len",     c_accept_null_len,       CHILD_SUCCEEDED,    "accept(addr, NULL addrlen)"},
};

static LONG WINAPI child_crash_filter(EXCEPTION_POINTERS *info)
{
    (void)info;
    ExitProcess(CHILD_CRASHED);
    return EXCEPTION_EXECUTE_HANDLER;
}

/* In a child: run the named check and exit.  Returns only in the parent. */
static void child_dispatch(void)
{
    const char *cmd = GetCommandLineA(), *arg = strstr(cmd, "--child=");
    unsigned int i;

    if (!arg) return;
    arg += strlen("--child=");
    SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX);
    SetUnhandledExceptionFilter(child_crash_filter);
    for (i = 0; i < ARRAYSIZE(child_checks); i++)
        if (!strcmp(arg, child_checks[i].name))
            ExitProcess(child_checks[i].fn());
    ExitProcess(CHILD_SETUP);
}

static const char *child_code_str(DWORD code)
{
    static char buf[32];
    switch (code)
    {
    case CHILD_SUCCEEDED: return "call succeeded";
    case CHILD_CRASHED:   return "CRASHED";
    case CHILD_SETUP:     return "child setup failed";
    case CHILD_HUNG:      return "hung";
    }
    sprintf(buf, "error %lu", code);
    return buf;
}

static void test_invalid_pointers(void)
{
    char exe[MAX_PATH], cmd[MAX_PATH + 64];
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    unsigned int i;
    DWORD code;

    GetModuleFileNameA(NULL, exe, sizeof(exe));
    for (i = 0; i < ARRAYSIZE(child_checks); i++)
    {
        sprintf(cmd, "\"%s\" --child=%s", exe, child_checks[i].name);
        memset(&si, 0, sizeof(si));
        si.cb = sizeof(si);
        if (!CreateProcessA(exe, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
        {
            ok(0, "%s: could not start child, error %lu\n", child_checks[i].what, GetLastError());
            continue;
        }
        if (WaitForSingleObject(pi.hProcess, 10000) != WAIT_OBJECT_0)
        {
            TerminateProcess(pi.hProcess, CHILD_HUNG);
            WaitForSingleObject(pi.hProcess, 5000);
        }
        code = CHILD_SETUP;
        GetExitCodeProcess(pi.hProcess, &code);
        CloseHandle(pi.hThread);
        CloseHandle(pi.hProcess);
        ok_int(code, (DWORD)child_checks[i].expected, "%s: %s, expected %s\n", child_checks[i].what,
           child_code_str(code), child_checks[i].expected == CHILD_SUCCEEDED ? "success"
           : child_checks[i].expected == WSAEFAULT ? "WSAEFAULT" : "WSAVERNOTSUPPORTED");
    }
}

/* ------------------------------------------------------------------------ */

START_TEST(sock_errors)
{
    int ret;

    child_dispatch();           /* a child copy runs one check and exits here */
    harness_start_watchdog(90000);

    RUN(test_before_startup);      /* must come first */
    RUN(test_startup_versions);
    RUN(test_cleanup_balance);     /* leaves one WSAStartup outstanding */
    if (!harness_wanted("test_cleanup_balance"))
    {
        WSADATA data;
        WSAStartup(MAKEWORD(2, 2), &data);   /* what it leaves, for a test run by name */
    }

    RUN(test_last_error);
    RUN(test_socket_args);
    RUN(test_socket_from_protocol_info);
    RUN(test_not_sockets);
    RUN(test_sockaddr_faults);
    RUN(test_receive_lengths);
    RUN(test_udp_port_unreachable);
    RUN(test_state_errors);
    RUN(test_connecting_socket_errors);
    RUN(test_closehandle);
    RUN(test_invalid_pointers);

    trace("done; cleaning up\n");
    ret = WSACleanup();
    ok_int(ret, 0, "final WSACleanup failed, error %d\n", WSAGetLastError());
}
