/* WSAPoll: readiness to read, write and accept, hang-ups, POLLNVAL for what
 * is not a socket, timeouts, and bad arguments. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include "sockpair.h"

static void test_readiness(void)
{
    WSAPOLLFD fds[2];
    struct pair p;
    DWORD start;
    int ret;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    fds[0].fd = p.client; fds[0].events = POLLRDNORM | POLLWRNORM; fds[0].revents = 0x7fff;
    ret = WSAPoll(fds, 1, 0);
    ok(ret == 1 && fds[0].revents == POLLWRNORM, "a fresh connection: %d revents %#x\n", ret, fds[0].revents);

    fds[0].events = POLLRDNORM;
    start = GetTickCount();
    ret = WSAPoll(fds, 1, 300);
    ok(ret == 0 && fds[0].revents == 0, "nothing to read: %d revents %#x\n", ret, fds[0].revents);
    ok(GetTickCount() - start >= 250, "the timeout was not waited: %lu ms\n", GetTickCount() - start);

    ok(send(p.server, "x", 1, 0) == 1, "send\n");
    ret = WSAPoll(fds, 1, 5000);
    ok(ret == 1 && fds[0].revents == POLLRDNORM, "data to read: %d revents %#x\n", ret, fds[0].revents);

    /* Two sockets, one ready. */
    fds[1].fd = p.server; fds[1].events = POLLRDNORM;
    ret = WSAPoll(fds, 2, 0);
    ok(ret == 1 && fds[0].revents == POLLRDNORM && fds[1].revents == 0, "two sockets: %d %#x %#x\n", ret,
       fds[0].revents, fds[1].revents);

    /* The peer closes: POLLHUP, asked for or not. */
    closesocket(p.server);
    fds[0].events = POLLWRNORM;
    {
        char buf[4];
        recv(p.client, buf, sizeof(buf), 0);
    }
    ret = WSAPoll(fds, 1, 5000);
    ok(ret == 1 && (fds[0].revents & POLLHUP), "after the peer closed: %d revents %#x\n", ret, fds[0].revents);
    closesocket(p.client);
}

static void test_listener(void)
{
    struct sockaddr_in addr;
    SOCKET listener = loopback_listener(&addr), client;
    WSAPOLLFD fd;
    int ret;

    if (!ok(listener != INVALID_SOCKET, "no loopback listener: error %d\n", WSAGetLastError())) return;
    fd.fd = listener; fd.events = POLLRDNORM; fd.revents = 0;
    ok_int(WSAPoll(&fd, 1, 0), 0, "nothing to accept yet\n");
    client = socket(AF_INET, SOCK_STREAM, 0);
    ok(!connect(client, (struct sockaddr *)&addr, sizeof(addr)), "connect: %d\n", WSAGetLastError());
    ret = WSAPoll(&fd, 1, 5000);
    ok(ret == 1 && fd.revents == POLLRDNORM, "a connection to accept: %d revents %#x\n", ret, fd.revents);
    closesocket(client);
    closesocket(listener);
}

static void test_not_sockets(void)
{
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    WSAPOLLFD fds[3];
    struct pair p;
    int ret;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    fds[0].fd = (SOCKET)-1;   fds[0].events = POLLRDNORM; fds[0].revents = 0;
    fds[1].fd = (SOCKET)event; fds[1].events = POLLRDNORM; fds[1].revents = 0;
    fds[2].fd = p.client;     fds[2].events = POLLWRNORM; fds[2].revents = 0;
    /* The ones that are no socket get POLLNVAL and are not counted (Windows,
     * recorded in Wine's conformance test_WSAPoll). */
    ret = WSAPoll(fds, 3, 0);
    ok(ret == 1 && fds[0].revents == POLLNVAL && fds[1].revents == POLLNVAL && fds[2].revents == POLLWRNORM,
       "mixed: %d revents %#x %#x %#x\n", ret, fds[0].revents, fds[1].revents, fds[2].revents);
    ret = WSAPoll(fds, 2, 0);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK && fds[0].revents == POLLNVAL,
       "no socket at all: %d %d\n", ret, WSAGetLastError());
    free_pair(&p);
    CloseHandle(event);
}

static void test_bad_arguments(void)
{
    WSAPOLLFD fd = { 0 }, *volatile unmapped = (WSAPOLLFD *)16;

    ok(WSAPoll(&fd, 0, 0) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "count 0: %d\n", WSAGetLastError());
    ok(WSAPoll(NULL, 1, 0) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "NULL: %d\n", WSAGetLastError());
    ok(WSAPoll(unmapped, 1, 0) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "unmapped: %d\n",
       WSAGetLastError());
}

/* closesocket() on another thread while WSAPoll waits on the socket: the
 * wait ends with the socket reported POLLNVAL (Windows, recorded in Wine's
 * conformance test_poll). */
struct closing_poll { SOCKET s; int ret; SHORT revents; DWORD ms; };

/* The peer shuts down its sending side with data still unread here:
 * Windows reports POLLHUP at once, beside POLLRDNORM, and to an entry that
 * asks for nothing without waiting (Wine's sock.c test_WSAPoll, checked on
 * Windows).  Once the data is read, POLLHUP alone: Windows does not report
 * the FIN as something to read (test_WSAPoll's shutdown without data). */
static void test_hangup_with_data_unread(void)
{
    WSAPOLLFD fd;
    struct pair p;
    char buf[8];
    DWORD start;
    int ret;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    ok(send(p.client, "data", 5, 0) == 5, "send\n");
    ok(!shutdown(p.client, SD_SEND), "shutdown: %d\n", WSAGetLastError());
    fd.fd = p.server;
    fd.events = POLLRDNORM | POLLWRNORM;
    fd.revents = 0x7fff;
    ret = WSAPoll(&fd, 1, 1000);
    ok(ret == 1 && fd.revents == (POLLRDNORM | POLLWRNORM | POLLHUP), "data and a FIN: %d revents %#x\n", ret,
       fd.revents);

    fd.events = 0;
    fd.revents = 0x7fff;
    start = GetTickCount();
    ret = WSAPoll(&fd, 1, 1000);
    ok(ret == 1 && fd.revents == POLLHUP, "nothing asked for: %d revents %#x\n", ret, fd.revents);
    ok(GetTickCount() - start < 500, "waited %lu ms for a hang-up already there\n", GetTickCount() - start);

    ok_int(recv(p.server, buf, sizeof(buf), 0), 5, "recv\n");
    fd.events = POLLRDNORM;
    ret = WSAPoll(&fd, 1, 1000);
    ok(ret == 1 && fd.revents == POLLHUP, "the data read: %d revents %#x\n", ret, fd.revents);
    closesocket(p.client);
    closesocket(p.server);
}

static DWORD WINAPI closing_poll_thread(void *arg)
{
    struct closing_poll *c = arg;
    WSAPOLLFD fd = { c->s, POLLRDNORM | POLLRDBAND, 0x7fff };
    DWORD start = GetTickCount();

    c->ret = WSAPoll(&fd, 1, 5000);
    c->revents = fd.revents;
    c->ms = GetTickCount() - start;
    return 0;
}

static void test_closesocket_wakes_poll(void)
{
    struct closing_poll c = { 0 };
    struct pair p;
    HANDLE thread;
    DWORD wait;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    c.s = p.client;
    thread = CreateThread(NULL, 0, closing_poll_thread, &c, 0, NULL);
    Sleep(300);
    ok(!closesocket(p.client), "closesocket: %d\n", WSAGetLastError());
    wait = WaitForSingleObject(thread, 3000);
    ok(wait == WAIT_OBJECT_0 && c.ms < 3000, "closesocket did not wake WSAPoll (%lu ms)\n", c.ms);
    if (wait == WAIT_OBJECT_0)
        ok(c.ret == 1 && c.revents == POLLNVAL, "WSAPoll returned %d, revents %#x\n", c.ret, c.revents);
    else if (WaitForSingleObject(thread, 5000) != WAIT_OBJECT_0)
        TerminateThread(thread, 1);
    CloseHandle(thread);
    closesocket(p.server);
}

/* events takes POLLRDNORM, POLLRDBAND and POLLWRNORM only: any other bit
 * fails the call with WSAEINVAL and every revents 0, unless no fd is a
 * socket (Windows, recorded in Wine's conformance test_WSAPoll). */
static void test_invalid_events(void)
{
    static const SHORT invalid[] = { POLLERR, POLLHUP, POLLNVAL, 0x8, POLLWRBAND, 0x40, 0x80, POLLPRI, 0x800,
                                     0x1000, 0x2000, 0x4000, (SHORT)0x8000 };
    struct sockaddr_in addr;
    SOCKET listener = loopback_listener(&addr);
    WSAPOLLFD fds[2];
    unsigned int i;
    int ret;

    if (!ok(listener != INVALID_SOCKET, "no loopback listener: error %d\n", WSAGetLastError())) return;
    for (i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++)
    {
        fds[0].fd = listener; fds[0].events = invalid[i]; fds[0].revents = 0x7ead;
        WSASetLastError(0xdeadbeef);
        ret = WSAPoll(fds, 1, 0);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL && !fds[0].revents,
           "events %#x: %d, error %d, revents %#x\n", invalid[i], ret, WSAGetLastError(), fds[0].revents);
    }
    fds[0].fd = listener;      fds[0].events = POLLIN;  fds[0].revents = 0x7ead;
    fds[1].fd = (SOCKET)0xabacab; fds[1].events = POLLERR; fds[1].revents = 0x7ead;
    ret = WSAPoll(fds, 2, 0);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL && !fds[0].revents && !fds[1].revents,
       "a bad entry among good ones: %d, error %d, revents %#x %#x\n", ret, WSAGetLastError(), fds[0].revents,
       fds[1].revents);
    /* A negative fd's events are not looked at: POLLNVAL, not counted. */
    fds[0].fd = (SOCKET)-1;    fds[0].events = POLLERR; fds[0].revents = 0x7ead;
    fds[1].fd = listener;      fds[1].events = POLLIN;  fds[1].revents = 0x7ead;
    WSASetLastError(0xdeadbeef);
    ret = WSAPoll(fds, 2, 0);
    ok(!ret && !WSAGetLastError() && fds[0].revents == POLLNVAL && !fds[1].revents,
       "fd -1 with POLLERR: %d, error %d, revents %#x %#x\n", ret, WSAGetLastError(), fds[0].revents,
       fds[1].revents);
    fds[0].fd = (SOCKET)-1;    fds[0].events = POLLERR; fds[0].revents = 0x7ead;
    fds[1].fd = (SOCKET)0xabacab; fds[1].events = POLLERR; fds[1].revents = 0x7ead;
    ret = WSAPoll(fds, 2, 0);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK && fds[0].revents == POLLNVAL &&
       fds[1].revents == POLLNVAL, "no socket at all: %d, error %d, revents %#x %#x\n", ret, WSAGetLastError(),
       fds[0].revents, fds[1].revents);
    closesocket(listener);
}

START_TEST(poll)
{
    WSAPOLLFD fd = { 0 };
    WSADATA data;

    harness_start_watchdog(60000);
    ok(WSAPoll(&fd, 1, 0) == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "before WSAStartup: %d\n",
       WSAGetLastError());
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup\n");
    RUN(test_readiness);
    RUN(test_listener);
    RUN(test_hangup_with_data_unread);
    RUN(test_closesocket_wakes_poll);
    RUN(test_invalid_events);
    RUN(test_not_sockets);
    RUN(test_bad_arguments);
    WSACleanup();
}
