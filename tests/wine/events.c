/* WSAEventSelect and WSAEnumNetworkEvents: each FD_* event posted once,
 * re-enabled by the call that consumes it, with the error it carries
 * (refused connect, aborted connection); the event object reset; the socket
 * made non-blocking; bad arguments; datagram FD_WRITE and FD_CONNECT; the
 * selection kept through shutdown; events recorded again for new arrivals;
 * FD_CLOSE before the data is read.  Also WSAConnect. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include "sockpair.h"

/* Waits for the event and takes the socket's events. */
static LONG wait_events(SOCKET s, HANDLE event, WSANETWORKEVENTS *events, DWORD ms)
{
    memset(events, 0xcc, sizeof(*events));
    if (WaitForSingleObject(event, ms) != WAIT_OBJECT_0) return 0;
    if (WSAEnumNetworkEvents(s, event, events)) return -1;
    return events->lNetworkEvents;
}

static void test_accept_and_connect(void)
{
    HANDLE listen_event = CreateEventW(NULL, TRUE, FALSE, NULL), client_event = CreateEventW(NULL, TRUE, FALSE, NULL);
    WSANETWORKEVENTS events;
    struct sockaddr_in addr;
    SOCKET listener = loopback_listener(&addr), client, server;
    LONG got;
    int ret;

    if (!ok(listener != INVALID_SOCKET, "no loopback listener: error %d\n", WSAGetLastError())) return;
    ok(!WSAEventSelect(listener, listen_event, FD_ACCEPT), "WSAEventSelect(FD_ACCEPT): %d\n", WSAGetLastError());
    client = socket(AF_INET, SOCK_STREAM, 0);
    ok(!WSAEventSelect(client, client_event, FD_CONNECT | FD_WRITE | FD_READ | FD_CLOSE),
       "WSAEventSelect(client): %d\n", WSAGetLastError());
    ret = connect(client, (struct sockaddr *)&addr, sizeof(addr));
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
       "connect after WSAEventSelect: %d %d (the socket is non-blocking)\n", ret, WSAGetLastError());

    /* FD_CONNECT, then FD_WRITE (in the same call or the next). */
    got = wait_events(client, client_event, &events, 5000);
    ok(got > 0 && (got & FD_CONNECT), "client events %#lx\n", got);
    ok(got > 0 && !events.iErrorCode[FD_CONNECT_BIT], "FD_CONNECT error %d\n", events.iErrorCode[FD_CONNECT_BIT]);
    if (got > 0 && !(got & FD_WRITE)) got = wait_events(client, client_event, &events, 5000);
    ok(got > 0 && (got & FD_WRITE), "FD_WRITE once connected: %#lx\n", got);

    got = wait_events(listener, listen_event, &events, 5000);
    ok(got == FD_ACCEPT && !events.iErrorCode[FD_ACCEPT_BIT], "listener events %#lx error %d\n", got,
       events.iErrorCode[FD_ACCEPT_BIT]);
    ok_int(WaitForSingleObject(listen_event, 0), WAIT_TIMEOUT, "the event was not reset\n");
    ok(!WSAEnumNetworkEvents(listener, NULL, &events) && !events.lNetworkEvents,
       "an event is reported once: %#lx\n", events.lNetworkEvents);

    server = accept(listener, NULL, NULL);
    ok(server != INVALID_SOCKET, "accept: %d\n", WSAGetLastError());

    /* FD_READ once; recv re-enables it while data is left. */
    ok(send(server, "abcdef", 6, 0) == 6, "send: %d\n", WSAGetLastError());
    got = wait_events(client, client_event, &events, 5000);
    ok(got == FD_READ && !events.iErrorCode[FD_READ_BIT], "FD_READ: %#lx\n", got);
    ok_int(WaitForSingleObject(client_event, 200), WAIT_TIMEOUT, "FD_READ posted twice without a recv\n");
    {
        char buf[8];
        ok_int(recv(client, buf, 2, 0), 2, "recv: %d\n", WSAGetLastError());
        got = wait_events(client, client_event, &events, 5000);
        ok_int(got, FD_READ, "FD_READ again after a partial recv: %#lx\n", got);
        ok_int(recv(client, buf, sizeof(buf), 0), 4, "recv the rest: %d\n", WSAGetLastError());
    }

    /* A graceful close: FD_CLOSE without an error. */
    closesocket(server);
    got = wait_events(client, client_event, &events, 5000);
    ok((got & FD_CLOSE) && !events.iErrorCode[FD_CLOSE_BIT], "FD_CLOSE: %#lx error %d\n", got,
       events.iErrorCode[FD_CLOSE_BIT]);

    closesocket(client);
    closesocket(listener);
    CloseHandle(listen_event);
    CloseHandle(client_event);
}

static void test_refused_connect(void)
{
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    WSANETWORKEVENTS events;
    struct sockaddr_in addr;
    SOCKET listener = loopback_listener(&addr), client;
    LONG got;

    if (!ok(listener != INVALID_SOCKET, "no loopback listener: error %d\n", WSAGetLastError())) return;
    closesocket(listener); /* nothing listens on the port now */
    client = socket(AF_INET, SOCK_STREAM, 0);
    ok(!WSAEventSelect(client, event, FD_CONNECT | FD_WRITE), "WSAEventSelect: %d\n", WSAGetLastError());
    connect(client, (struct sockaddr *)&addr, sizeof(addr));
    got = wait_events(client, event, &events, 5000);
    ok_int(got, FD_CONNECT, "events %#lx\n", got);
    ok(got > 0 && events.iErrorCode[FD_CONNECT_BIT] == WSAECONNREFUSED, "FD_CONNECT error %d\n",
       events.iErrorCode[FD_CONNECT_BIT]);
    closesocket(client);
    CloseHandle(event);
}

static void test_reset_connection(void)
{
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    WSANETWORKEVENTS events;
    struct pair p;
    LONG got;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    ok(!WSAEventSelect(p.client, event, FD_CLOSE), "WSAEventSelect: %d\n", WSAGetLastError());
    ok_int(WaitForSingleObject(event, 200), WAIT_TIMEOUT, "FD_CLOSE before the peer closed\n");
    close_with_reset(p.server);
    got = wait_events(p.client, event, &events, 5000);
    ok_int(got, FD_CLOSE, "events %#lx\n", got);
    /* Windows reports a reset as WSAECONNABORTED here (WSAECONNRESET is what
     * recv says). */
    ok(got > 0 && events.iErrorCode[FD_CLOSE_BIT] == WSAECONNABORTED, "FD_CLOSE error %d after a reset\n",
       events.iErrorCode[FD_CLOSE_BIT]);
    closesocket(p.client);
    CloseHandle(event);
}

static void test_blocking_mode(void)
{
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    u_long blocking = 0;
    struct pair p;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    ok(!WSAEventSelect(p.client, event, FD_READ), "WSAEventSelect: %d\n", WSAGetLastError());
    ok(ioctlsocket(p.client, FIONBIO, &blocking) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
       "FIONBIO 0 with events selected: %d\n", WSAGetLastError());
    ok(!WSAEventSelect(p.client, NULL, 0), "WSAEventSelect(NULL, 0): %d\n", WSAGetLastError());
    ok(!ioctlsocket(p.client, FIONBIO, &blocking), "FIONBIO 0 after clearing the events: %d\n", WSAGetLastError());
    free_pair(&p);
    CloseHandle(event);
}

static void test_bad_arguments(void)
{
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    WSANETWORKEVENTS events;
    struct pair p;

    SetLastError(0xdeadbeef);
    ok(WSAEventSelect((SOCKET)event, event, FD_READ) == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK,
       "an event handle as socket: %d\n", WSAGetLastError());
    ok(WSAEventSelect((SOCKET)0xdead0, event, FD_READ) == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK,
       "a bad handle: %d\n", WSAGetLastError());
    ok(WSAEnumNetworkEvents((SOCKET)0xdead0, NULL, &events) == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK,
       "WSAEnumNetworkEvents on a bad handle: %d\n", WSAGetLastError());
    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    ok(WSAEventSelect(p.client, NULL, FD_READ) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
       "a mask without an event: %d\n", WSAGetLastError());
    ok(WSAEnumNetworkEvents(p.client, NULL, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
       "NULL events: %d\n", WSAGetLastError());
    ok(WSAEnumNetworkEvents(p.client, NULL, (WSANETWORKEVENTS *)16) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEFAULT, "unmapped events: %d\n", WSAGetLastError());
    free_pair(&p);
    CloseHandle(event);
}

static void test_wsaconnect(void)
{
    struct sockaddr_in addr;
    SOCKET listener = loopback_listener(&addr), client;
    char reply[16];
    WSABUF callee = { sizeof(reply), reply };

    if (!ok(listener != INVALID_SOCKET, "no loopback listener: error %d\n", WSAGetLastError())) return;
    client = socket(AF_INET, SOCK_STREAM, 0);
    ok(!WSAConnect(client, (struct sockaddr *)&addr, sizeof(addr), NULL, &callee, NULL, NULL),
       "WSAConnect: %d\n", WSAGetLastError());
    ok_int(callee.len, 0, "TCP returns no callee data: %lu\n", callee.len);
    ok(WSAConnect(client, (struct sockaddr *)&addr, sizeof(addr), NULL, NULL, NULL, NULL) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEISCONN, "WSAConnect twice: %d\n", WSAGetLastError());
    ok(WSAConnect(client, (struct sockaddr *)&addr, 4, NULL, NULL, NULL, NULL) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEFAULT, "a short address: %d\n", WSAGetLastError());
    closesocket(client);
    closesocket(listener);
}

/* WSAEnumNetworkEvents writes the error code of each event it reports and
 * leaves the caller's other iErrorCode entries as they were (Windows,
 * recorded in Wine's conformance test_WSAEnumNetworkEvents). */
static void check_unreported_error_codes(const WSANETWORKEVENTS *events, const char *what)
{
    int i, changed = -1;

    for (i = 0; i < FD_MAX_EVENTS; i++)
        if (!(events->lNetworkEvents & (1 << i)) && events->iErrorCode[i] != (int)0xabababab) changed = i;
    ok(changed < 0, "%s: events %#lx, iErrorCode[%d] of an event not reported was written (%#x)\n", what,
       events->lNetworkEvents, changed, changed < 0 ? 0 : events->iErrorCode[changed]);
}

static void test_unreported_error_codes_kept(void)
{
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    struct sockaddr_in addr = { AF_INET };
    WSANETWORKEVENTS events;
    SOCKET udp;
    struct pair p;
    int round;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    ok(!WSAEventSelect(p.client, event, FD_READ | FD_WRITE), "WSAEventSelect: %d\n", WSAGetLastError());
    for (round = 0; round < 3; round++)
    {
        /* FD_WRITE the first time, nothing afterwards. */
        memset(&events, 0xab, sizeof(events));
        ok(!WSAEnumNetworkEvents(p.client, round == 1 ? NULL : event, &events), "WSAEnumNetworkEvents: %d\n",
           WSAGetLastError());
        ok_int(events.lNetworkEvents, (round ? 0 : FD_WRITE), "TCP round %d: events %#lx\n", round,
           events.lNetworkEvents);
        ok(!round ? events.iErrorCode[FD_WRITE_BIT] == 0 : 1, "FD_WRITE error %d\n", events.iErrorCode[FD_WRITE_BIT]);
        check_unreported_error_codes(&events, "TCP");
    }
    free_pair(&p);

    udp = socket(AF_INET, SOCK_DGRAM, 0);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok(!bind(udp, (struct sockaddr *)&addr, sizeof(addr)), "bind: %d\n", WSAGetLastError());
    ok(!WSAEventSelect(udp, event, FD_READ | FD_WRITE), "WSAEventSelect: %d\n", WSAGetLastError());
    memset(&events, 0xab, sizeof(events));
    ok(!WSAEnumNetworkEvents(udp, event, &events), "WSAEnumNetworkEvents: %d\n", WSAGetLastError());
    ok_int(events.lNetworkEvents, FD_WRITE, "UDP: events %#lx\n", events.lNetworkEvents);
    check_unreported_error_codes(&events, "UDP");
    closesocket(udp);
    CloseHandle(event);
}

/* FD_CONNECT and FD_WRITE come close together: taking the first with
 * WSAEnumNetworkEvents must not lose the signal of the second (the event
 * reset after the events were taken would).  Many connects, since the gap
 * is short; each must see FD_WRITE within 2 s. */
static void test_connect_then_write_signal(void)
{
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    WSANETWORKEVENTS events;
    struct sockaddr_in addr;
    SOCKET listener = loopback_listener(&addr);
    int i, lost = 0, rounds = 300;

    if (!ok(listener != INVALID_SOCKET, "no loopback listener: %d\n", WSAGetLastError())) return;
    for (i = 0; i < rounds; i++)
    {
        SOCKET client = socket(AF_INET, SOCK_STREAM, 0), server;
        LONG seen = 0;

        ResetEvent(event);
        WSAEventSelect(client, event, FD_CONNECT | FD_WRITE);
        connect(client, (struct sockaddr *)&addr, sizeof(addr));
        while (!(seen & FD_WRITE) && WaitForSingleObject(event, 2000) == WAIT_OBJECT_0)
            if (!WSAEnumNetworkEvents(client, event, &events)) seen |= events.lNetworkEvents;
        if (!(seen & FD_WRITE)) lost++;
        server = accept(listener, NULL, NULL);
        closesocket(server);
        closesocket(client);
        if (lost) break;   /* one is enough, and each costs 2 s */
    }
    ok(!lost, "FD_WRITE's signal lost after FD_CONNECT, at connect %d of %d\n", i + 1, rounds);
    closesocket(listener);
    CloseHandle(event);
}

/* An unbound UDP socket has no FD_WRITE right after WSAEventSelect; connect
 * brings FD_CONNECT and FD_WRITE, without errors (Wine's sock.c
 * test_connect_events records this on Windows). */
static void test_udp_write_waits_for_connect(void)
{
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    struct sockaddr_in addr = { 0 };
    WSANETWORKEVENTS events;
    SOCKET udp = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    LONG got;

    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(9);
    ok(!WSAEventSelect(udp, event, FD_CONNECT | FD_READ | FD_WRITE), "WSAEventSelect: %d\n", WSAGetLastError());
    ok_int(WaitForSingleObject(event, 0), WAIT_TIMEOUT, "an event for an unbound UDP socket\n");
    ok(!WSAEnumNetworkEvents(udp, event, &events) && !events.lNetworkEvents, "unbound UDP socket: events %#lx\n",
       events.lNetworkEvents);
    ok(!connect(udp, (struct sockaddr *)&addr, sizeof(addr)), "connect: %d\n", WSAGetLastError());
    got = wait_events(udp, event, &events, 1000);
    ok_int(got, (FD_CONNECT | FD_WRITE), "events after a UDP connect: %#lx\n", got);
    ok(got > 0 && !events.iErrorCode[FD_CONNECT_BIT] && !events.iErrorCode[FD_WRITE_BIT],
       "errors %d %d\n", events.iErrorCode[FD_CONNECT_BIT], events.iErrorCode[FD_WRITE_BIT]);
    ok(!WSAEnumNetworkEvents(udp, event, &events) && !events.lNetworkEvents, "reported twice: %#lx\n",
       events.lNetworkEvents);
    closesocket(udp);

    /* A bind gives it its FD_WRITE as well. */
    udp = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    addr.sin_port = 0;
    ok(!WSAEventSelect(udp, event, FD_WRITE), "WSAEventSelect: %d\n", WSAGetLastError());
    ok(!bind(udp, (struct sockaddr *)&addr, sizeof(addr)), "bind: %d\n", WSAGetLastError());
    got = wait_events(udp, event, &events, 1000);
    ok_int(got, FD_WRITE, "events after a UDP bind: %#lx\n", got);
    closesocket(udp);

    /* So does a sendto, which binds it. */
    udp = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    addr.sin_port = htons(9);
    ok(!WSAEventSelect(udp, event, FD_WRITE), "WSAEventSelect: %d\n", WSAGetLastError());
    ok(sendto(udp, "a", 1, 0, (struct sockaddr *)&addr, sizeof(addr)) == 1, "sendto: %d\n", WSAGetLastError());
    got = wait_events(udp, event, &events, 1000);
    ok_int(got, FD_WRITE, "events after a UDP sendto: %#lx\n", got);
    closesocket(udp);
    CloseHandle(event);
}

/* shutdown(SD_BOTH) leaves the selection in place: FD_CLOSE still comes when
 * the peer shuts down its side (sock.c test_close_events). */
static void test_selection_survives_shutdown_both(void)
{
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    WSANETWORKEVENTS events;
    struct pair p;
    LONG got;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    ok(!WSAEventSelect(p.server, event, FD_READ | FD_CLOSE), "WSAEventSelect: %d\n", WSAGetLastError());
    shutdown(p.client, SD_RECEIVE);
    ok(!shutdown(p.server, SD_BOTH), "shutdown: %d\n", WSAGetLastError());
    ok_int(WaitForSingleObject(event, 200), WAIT_TIMEOUT, "an event after shutdown(SD_BOTH)\n");
    shutdown(p.client, SD_SEND);
    got = wait_events(p.server, event, &events, 1000);
    ok_int(got, FD_CLOSE, "events after the peer's shutdown(SD_SEND): %#lx\n", got);
    free_pair(&p);
    CloseHandle(event);
}

/* WSAEventSelect records an event again for each new arrival, even before
 * the call that re-enables it: more data (FD_READ), more urgent data
 * (FD_OOB), another connection (FD_ACCEPT) (sock.c test_read_events,
 * test_oob_events, test_accept_events, on Windows).  Old news is not
 * reported twice. */
static void test_arrivals_signal_again(void)
{
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    struct sockaddr_in addr;
    WSANETWORKEVENTS events;
    SOCKET listener, client1, client2;
    struct pair p;
    LONG got;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    ok(!WSAEventSelect(p.server, event, FD_READ | FD_OOB), "WSAEventSelect: %d\n", WSAGetLastError());
    ok(send(p.client, "data", 4, 0) == 4, "send: %d\n", WSAGetLastError());
    ok_int(wait_events(p.server, event, &events, 1000), FD_READ, "FD_READ for the first data\n");
    ok_int(WaitForSingleObject(event, 300), WAIT_TIMEOUT, "FD_READ reported twice for the same data\n");
    ok(send(p.client, "more", 4, 0) == 4, "send: %d\n", WSAGetLastError());
    got = wait_events(p.server, event, &events, 1000);
    ok_int(got, FD_READ, "FD_READ for more data without a recv: %#lx\n", got);
    free_pair(&p);

    /* (Linux keeps one urgent byte: the second makes the first normal data,
     * so FD_READ is left out here.) */
    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    ResetEvent(event);
    ok(!WSAEventSelect(p.server, event, FD_OOB), "WSAEventSelect: %d\n", WSAGetLastError());
    ok(send(p.client, "a", 1, MSG_OOB) == 1, "send(MSG_OOB): %d\n", WSAGetLastError());
    got = wait_events(p.server, event, &events, 1000);
    ok_int(got, FD_OOB, "FD_OOB for urgent data: %#lx\n", got);
    ok(send(p.client, "b", 1, MSG_OOB) == 1, "send(MSG_OOB): %d\n", WSAGetLastError());
    got = wait_events(p.server, event, &events, 1000);
    ok_int(got, FD_OOB, "FD_OOB for more urgent data without a recv: %#lx\n", got);
    free_pair(&p);

    listener = loopback_listener(&addr);
    if (!ok(listener != INVALID_SOCKET, "no loopback listener: %d\n", WSAGetLastError())) return;
    ResetEvent(event);
    ok(!WSAEventSelect(listener, event, FD_ACCEPT), "WSAEventSelect: %d\n", WSAGetLastError());
    client1 = socket(AF_INET, SOCK_STREAM, 0);
    ok(!connect(client1, (struct sockaddr *)&addr, sizeof(addr)), "connect: %d\n", WSAGetLastError());
    ok_int(wait_events(listener, event, &events, 1000), FD_ACCEPT, "FD_ACCEPT for the first connection\n");
    ok_int(WaitForSingleObject(event, 300), WAIT_TIMEOUT, "FD_ACCEPT reported twice for one connection\n");
    client2 = socket(AF_INET, SOCK_STREAM, 0);
    ok(!connect(client2, (struct sockaddr *)&addr, sizeof(addr)), "connect: %d\n", WSAGetLastError());
    got = wait_events(listener, event, &events, 1000);
    ok_int(got, FD_ACCEPT, "FD_ACCEPT for another connection without an accept: %#lx\n", got);
    ok_int(WaitForSingleObject(event, 300), WAIT_TIMEOUT, "FD_ACCEPT reported twice for the second connection\n");
    closesocket(client1);
    closesocket(client2);
    closesocket(listener);
    CloseHandle(event);
}

/* The peer's close is FD_CLOSE at once, with data still unread, and only
 * once: reading the data brings FD_READ, and no FD_CLOSE after it (sock.c
 * test_close_events, on Windows). */
/* A recv(MSG_OOB) that leaves another urgent byte waiting records FD_OOB
 * again; the one that takes the last records nothing (Windows, sock.c
 * test_oob_events). */
static void test_oob_signals_again_while_urgent_waits(void)
{
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    WSANETWORKEVENTS events;
    char byte = 0;
    struct pair p;
    LONG got;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    ok(!WSAEventSelect(p.server, event, FD_OOB), "WSAEventSelect: %d\n", WSAGetLastError());
    ok(send(p.client, "a", 1, MSG_OOB) == 1, "send(MSG_OOB): %d\n", WSAGetLastError());
    ok_int(wait_events(p.server, event, &events, 1000), FD_OOB, "FD_OOB for the first urgent byte\n");
    ok(send(p.client, "b", 1, MSG_OOB) == 1, "send(MSG_OOB): %d\n", WSAGetLastError());
    ok_int(wait_events(p.server, event, &events, 1000), FD_OOB, "FD_OOB for the second urgent byte\n");
    ok(recv(p.server, &byte, 1, MSG_OOB) == 1 && byte == 'a', "first urgent byte: %c, error %d\n", byte,
       WSAGetLastError());
    got = wait_events(p.server, event, &events, 1000);
    ok_int(got, FD_OOB, "FD_OOB again while the second urgent byte waits: %#lx\n", got);
    ok(recv(p.server, &byte, 1, MSG_OOB) == 1 && byte == 'b', "second urgent byte: %c, error %d\n", byte,
       WSAGetLastError());
    ok_int(WaitForSingleObject(event, 300), WAIT_TIMEOUT, "FD_OOB with no urgent byte left\n");
    free_pair(&p);
    CloseHandle(event);
}

/* A socket accepted from a listener selected with FD_OOB has the selection,
 * FD_OOB included (Microsoft's WSAEventSelect page: an accepted socket has
 * its listener's events). */
static void test_accepted_socket_gets_oob(void)
{
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    struct sockaddr_in addr;
    WSANETWORKEVENTS events;
    SOCKET listener, client, server;
    char byte = 0;
    LONG got;

    listener = loopback_listener(&addr);
    if (!ok(listener != INVALID_SOCKET, "no loopback listener: %d\n", WSAGetLastError())) return;
    ok(!WSAEventSelect(listener, event, FD_ACCEPT | FD_OOB), "WSAEventSelect: %d\n", WSAGetLastError());
    client = socket(AF_INET, SOCK_STREAM, 0);
    ok(!connect(client, (struct sockaddr *)&addr, sizeof(addr)), "connect: %d\n", WSAGetLastError());
    ok_int(wait_events(listener, event, &events, 1000), FD_ACCEPT, "FD_ACCEPT\n");
    server = accept(listener, NULL, NULL);
    ok(server != INVALID_SOCKET, "accept: %d\n", WSAGetLastError());
    ResetEvent(event);
    ok(send(client, "a", 1, MSG_OOB) == 1, "send(MSG_OOB): %d\n", WSAGetLastError());
    got = wait_events(server, event, &events, 1000);
    ok_int(got, FD_OOB, "FD_OOB on the accepted socket: %#lx\n", got);
    ok(recv(server, &byte, 1, MSG_OOB) == 1 && byte == 'a', "urgent byte: %c, error %d\n", byte,
       WSAGetLastError());
    closesocket(server);
    closesocket(client);
    closesocket(listener);
    CloseHandle(event);
}

static void test_close_before_data_read(void)
{
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    WSANETWORKEVENTS events;
    struct pair p;
    char buf[8];
    LONG got;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    ok(!WSAEventSelect(p.server, event, FD_READ | FD_CLOSE), "WSAEventSelect: %d\n", WSAGetLastError());
    ok(send(p.client, "data", 5, 0) == 5, "send: %d\n", WSAGetLastError());
    ok_int(wait_events(p.server, event, &events, 1000), FD_READ, "FD_READ for the data\n");
    closesocket(p.client);
    got = wait_events(p.server, event, &events, 1000);
    ok(got == FD_CLOSE && !events.iErrorCode[FD_CLOSE_BIT], "FD_CLOSE with data unread: %#lx\n", got);
    ok_int(recv(p.server, buf, 3, 0), 3, "recv: %d\n", WSAGetLastError());
    got = wait_events(p.server, event, &events, 1000);
    ok_int(got, FD_READ, "FD_READ for the rest: %#lx\n", got);
    ok_int(recv(p.server, buf, sizeof(buf), 0), 2, "recv the rest: %d\n", WSAGetLastError());
    ok_int(WaitForSingleObject(event, 300), WAIT_TIMEOUT, "an event once the data was read\n");
    ok(!WSAEnumNetworkEvents(p.server, event, &events) && !events.lNetworkEvents, "FD_CLOSE twice: %#lx\n",
       events.lNetworkEvents);
    closesocket(p.server);
    CloseHandle(event);
}

START_TEST(events)
{
    WSADATA data;
    WSANETWORKEVENTS events;

    harness_start_watchdog(60000);
    ok(WSAEventSelect(0, NULL, 0) == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED,
       "WSAEventSelect before WSAStartup: %d\n", WSAGetLastError());
    ok(WSAEnumNetworkEvents(0, NULL, &events) == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED,
       "WSAEnumNetworkEvents before WSAStartup: %d\n", WSAGetLastError());
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup\n");
    RUN(test_accept_and_connect);
    RUN(test_refused_connect);
    RUN(test_reset_connection);
    RUN(test_blocking_mode);
    RUN(test_unreported_error_codes_kept);
    RUN(test_bad_arguments);
    RUN(test_wsaconnect);
    RUN(test_connect_then_write_signal);
    RUN(test_udp_write_waits_for_connect);
    RUN(test_selection_survives_shutdown_both);
    RUN(test_arrivals_signal_again);
    RUN(test_oob_signals_again_while_urgent_waits);
    RUN(test_accepted_socket_gets_oob);
    RUN(test_close_before_data_read);
    WSACleanup();
}
