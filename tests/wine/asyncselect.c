/* WSAAsyncSelect: window messages for network events, on a real
 * (message-only) window with a message loop. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include "harness.h"
#include "sockpair.h"

#define MSG_A (WM_USER + 1)
#define MSG_B (WM_USER + 2)

static HWND window;

/* The socket messages that reached the window, in order. */
struct socket_msg { UINT message; SOCKET s; WORD event, error; };
static struct socket_msg seen[64];
static int seen_count;

static LRESULT CALLBACK window_proc(HWND hwnd, UINT message, WPARAM wparam, LPARAM lparam)
{
    if ((message == MSG_A || message == MSG_B) && seen_count < 64)
    {
        struct socket_msg *m = &seen[seen_count++];
        m->message = message;
        m->s = (SOCKET)wparam;
        m->event = WSAGETSELECTEVENT(lparam);
        m->error = WSAGETSELECTERROR(lparam);
        return 0;
    }
    return DefWindowProcA(hwnd, message, wparam, lparam);
}

/* Runs the message loop for up to ms milliseconds, or until a message for
 * (s, event) arrived when event is non-zero. */
static void pump(DWORD ms, SOCKET s, WORD event)
{
    DWORD end = GetTickCount() + ms;
    MSG msg;
    int i;

    for (;;)
    {
        while (PeekMessageA(&msg, NULL, 0, 0, PM_REMOVE)) DispatchMessageA(&msg);
        if (event)
            for (i = 0; i < seen_count; i++)
                if (seen[i].s == s && seen[i].event == event) return;
        if ((LONG)(end - GetTickCount()) <= 0) return;
        MsgWaitForMultipleObjects(0, NULL, FALSE, 20, QS_ALLINPUT);
    }
}

/* How many messages for (s, event) arrived; the error of the last one. */
static int count_msgs(SOCKET s, WORD event, UINT message, int *error)
{
    int i, n = 0;
    for (i = 0; i < seen_count; i++)
    {
        if (seen[i].s != s || seen[i].event != event || seen[i].message != message) continue;
        n++;
        if (error) *error = seen[i].error;
    }
    return n;
}

static void forget_msgs(void)
{
    seen_count = 0;
}

static BOOL make_window(void)
{
    WNDCLASSA cls = { 0 };

    cls.lpfnWndProc = window_proc;
    cls.hInstance = GetModuleHandleA(NULL);
    cls.lpszClassName = "ws2kit_asyncselect";
    if (!RegisterClassA(&cls)) return FALSE;
    window = CreateWindowA("ws2kit_asyncselect", "", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, cls.hInstance, NULL);
    return window != NULL;
}

static void test_bad_input(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    HANDLE not_socket = CreateEventA(NULL, FALSE, FALSE, NULL);
    int ret;

    WSASetLastError(0xdead);
    ret = WSAAsyncSelect((SOCKET)not_socket, window, MSG_A, FD_READ);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK, "not a socket: %d, error %d\n", ret, WSAGetLastError());
    ret = WSAAsyncSelect(INVALID_SOCKET, window, MSG_A, FD_READ);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK, "INVALID_SOCKET: %d, error %d\n", ret, WSAGetLastError());
    ret = WSAAsyncSelect(s, (HWND)(ULONG_PTR)0xdeadbee0, MSG_A, FD_READ);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "no such window: %d, error %d\n", ret, WSAGetLastError());
    ret = WSAAsyncSelect(s, NULL, MSG_A, FD_READ);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "NULL window: %d, error %d\n", ret, WSAGetLastError());
    /* Cancelling needs no window. */
    ret = WSAAsyncSelect(s, NULL, 0, 0);
    ok_int(ret, 0, "cancel with no window: %d, error %d\n", ret, WSAGetLastError());
    CloseHandle(not_socket);
    closesocket(s);
}

/* FD_ACCEPT once per pending state, re-enabled by accept; the accepted
 * socket inherits the selection with its own handle in wParam. */
static void test_accept_and_read(void)
{
    struct sockaddr_in addr;
    SOCKET listener = loopback_listener(&addr), client1, client2, server1, server2;
    char buf[16];
    int ret, error = -1;

    forget_msgs();
    ret = WSAAsyncSelect(listener, window, MSG_A, FD_ACCEPT | FD_READ | FD_CLOSE);
    ok_int(ret, 0, "WSAAsyncSelect: %d, error %d\n", ret, WSAGetLastError());
    /* The listener is non-blocking now. */
    server1 = accept(listener, NULL, NULL);
    ok(server1 == INVALID_SOCKET && WSAGetLastError() == WSAEWOULDBLOCK,
       "accept on a quiet listener: %#Ix, error %d\n", server1, WSAGetLastError());

    client1 = socket(AF_INET, SOCK_STREAM, 0);
    client2 = socket(AF_INET, SOCK_STREAM, 0);
    ok(!connect(client1, (struct sockaddr *)&addr, sizeof(addr)), "connect 1: %d\n", WSAGetLastError());
    pump(5000, listener, FD_ACCEPT);
    ok(count_msgs(listener, FD_ACCEPT, MSG_A, &error) == 1 && error == 0,
       "one FD_ACCEPT after the first connection, error %d\n", error);
    ok(!connect(client2, (struct sockaddr *)&addr, sizeof(addr)), "connect 2: %d\n", WSAGetLastError());
    pump(300, 0, 0);
    ok_int(count_msgs(listener, FD_ACCEPT, MSG_A, NULL), 1, "no second FD_ACCEPT before accept: %d\n",
       count_msgs(listener, FD_ACCEPT, MSG_A, NULL));

    forget_msgs();
    server1 = accept(listener, NULL, NULL);
    ok(server1 != INVALID_SOCKET, "accept: error %d\n", WSAGetLastError());
    /* A connection is still pending: accept re-enabled FD_ACCEPT. */
    pump(5000, listener, FD_ACCEPT);
    ok_int(count_msgs(listener, FD_ACCEPT, MSG_A, NULL), 1, "FD_ACCEPT again after accept: %d\n",
       count_msgs(listener, FD_ACCEPT, MSG_A, NULL));
    server2 = accept(listener, NULL, NULL);
    ok(server2 != INVALID_SOCKET, "accept 2: error %d\n", WSAGetLastError());

    /* Inherited selection: FD_READ for the accepted socket, wParam its handle. */
    forget_msgs();
    ok(send(client1, "abcd", 4, 0) == 4, "send: %d\n", WSAGetLastError());
    pump(5000, server1, FD_READ);
    ok(count_msgs(server1, FD_READ, MSG_A, &error) == 1 && error == 0, "FD_READ on the accepted socket: %d\n",
       count_msgs(server1, FD_READ, MSG_A, NULL));
    /* The accepted socket is non-blocking too. */
    ret = recv(server2, buf, sizeof(buf), 0);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK, "recv on an empty accepted socket: %d, error %d\n",
       ret, WSAGetLastError());

    /* FD_READ once until recv re-enables it; a partial recv posts again. */
    ok(send(client1, "efgh", 4, 0) == 4, "send: %d\n", WSAGetLastError());
    pump(300, 0, 0);
    ok_int(count_msgs(server1, FD_READ, MSG_A, NULL), 1, "no second FD_READ before recv: %d\n",
       count_msgs(server1, FD_READ, MSG_A, NULL));
    forget_msgs();
    ok_int(recv(server1, buf, 2, 0), 2, "partial recv: %d\n", WSAGetLastError());
    pump(5000, server1, FD_READ);
    ok_int(count_msgs(server1, FD_READ, MSG_A, NULL), 1, "FD_READ again after a partial recv: %d\n",
       count_msgs(server1, FD_READ, MSG_A, NULL));
    ok_int(recv(server1, buf, sizeof(buf), 0), 6, "recv the rest: %d\n", WSAGetLastError());

    /* Graceful close by the peer: FD_CLOSE without an error. */
    forget_msgs();
    closesocket(client1);
    pump(5000, server1, FD_CLOSE);
    ok(count_msgs(server1, FD_CLOSE, MSG_A, &error) == 1 && error == 0, "FD_CLOSE after the peer closed: error %d\n",
       error);

    closesocket(server1);
    closesocket(server2);
    closesocket(client2);
    closesocket(listener);
}

/* Non-blocking connect: FD_CONNECT then FD_WRITE; a refused one reports
 * its error in FD_CONNECT. */
static void test_connect_and_write(void)
{
    struct sockaddr_in addr;
    SOCKET listener = loopback_listener(&addr), client, server;
    int ret, error = -1;

    forget_msgs();
    client = socket(AF_INET, SOCK_STREAM, 0);
    ok(!WSAAsyncSelect(client, window, MSG_B, FD_CONNECT | FD_WRITE), "WSAAsyncSelect: %d\n", WSAGetLastError());
    ret = connect(client, (struct sockaddr *)&addr, sizeof(addr));
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK, "connect: %d, error %d\n", ret, WSAGetLastError());
    pump(5000, client, FD_CONNECT);
    pump(5000, client, FD_WRITE);
    ok(count_msgs(client, FD_CONNECT, MSG_B, &error) == 1 && error == 0, "FD_CONNECT: error %d\n", error);
    ok(count_msgs(client, FD_WRITE, MSG_B, &error) == 1 && error == 0, "FD_WRITE: error %d\n", error);

    /* FD_WRITE is re-enabled by send only after send failed with
     * WSAEWOULDBLOCK: a successful send posts nothing. */
    forget_msgs();
    ok(send(client, "x", 1, 0) == 1, "send: %d\n", WSAGetLastError());
    pump(300, 0, 0);
    ok_int(count_msgs(client, FD_WRITE, MSG_B, NULL), 0, "FD_WRITE after a send that did not block: %d\n",
       count_msgs(client, FD_WRITE, MSG_B, NULL));

    /* A new WSAAsyncSelect replaces the old one and re-arms FD_WRITE with
     * the new message. */
    ok(!WSAAsyncSelect(client, window, MSG_A, FD_WRITE), "WSAAsyncSelect again: %d\n", WSAGetLastError());
    pump(5000, client, FD_WRITE);
    ok_int(count_msgs(client, FD_WRITE, MSG_A, NULL), 1, "FD_WRITE with the new message: %d\n",
       count_msgs(client, FD_WRITE, MSG_A, NULL));
    ok_int(count_msgs(client, FD_WRITE, MSG_B, NULL), 0, "nothing with the old message: %d\n",
       count_msgs(client, FD_WRITE, MSG_B, NULL));

    server = accept(listener, NULL, NULL);
    ok(server != INVALID_SOCKET, "accept: error %d\n", WSAGetLastError());
    closesocket(server);
    closesocket(client);

    /* Refused: the listener is gone. */
    closesocket(listener);
    forget_msgs();
    client = socket(AF_INET, SOCK_STREAM, 0);
    ok(!WSAAsyncSelect(client, window, MSG_B, FD_CONNECT), "WSAAsyncSelect: %d\n", WSAGetLastError());
    ret = connect(client, (struct sockaddr *)&addr, sizeof(addr));
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK, "connect: %d, error %d\n", ret, WSAGetLastError());
    pump(5000, client, FD_CONNECT);
    ok(count_msgs(client, FD_CONNECT, MSG_B, &error) == 1 && error == WSAECONNREFUSED,
       "refused FD_CONNECT: error %d\n", error);
    closesocket(client);
}

/* WSAAsyncSelect(s, hwnd, 0, 0) cancels; WSAEventSelect replaces it. */
static void test_cancel(void)
{
    struct pair p;
    WSANETWORKEVENTS events;
    HANDLE event = WSACreateEvent();
    char buf[8];
    int ret;

    if (!ok(make_pair(&p), "no socket pair\n")) return;
    forget_msgs();
    ok(!WSAAsyncSelect(p.server, window, MSG_A, FD_READ), "WSAAsyncSelect: %d\n", WSAGetLastError());
    ok(!WSAAsyncSelect(p.server, window, 0, 0), "cancel: %d\n", WSAGetLastError());
    ok(send(p.client, "a", 1, 0) == 1, "send: %d\n", WSAGetLastError());
    pump(300, 0, 0);
    ok_int(seen_count, 0, "%d messages after cancelling\n", seen_count);
    /* Cancelling leaves the socket non-blocking. */
    ok_int(recv(p.server, buf, sizeof(buf), 0), 1, "recv: %d\n", WSAGetLastError());
    ret = recv(p.server, buf, sizeof(buf), 0);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK, "still non-blocking: %d, error %d\n", ret,
       WSAGetLastError());

    ok(!WSAAsyncSelect(p.server, window, MSG_A, FD_READ), "WSAAsyncSelect: %d\n", WSAGetLastError());
    ok(!WSAEventSelect(p.server, event, FD_READ), "WSAEventSelect: %d\n", WSAGetLastError());
    ok(send(p.client, "b", 1, 0) == 1, "send: %d\n", WSAGetLastError());
    ok_int(WaitForSingleObject(event, 5000), WAIT_OBJECT_0, "event not signalled\n");
    pump(300, 0, 0);
    ok_int(seen_count, 0, "%d messages after WSAEventSelect\n", seen_count);
    ok(!WSAEnumNetworkEvents(p.server, event, &events) && events.lNetworkEvents == FD_READ,
       "events %#lx\n", events.lNetworkEvents);

    /* And WSAAsyncSelect replaces WSAEventSelect. */
    ok_int(recv(p.server, buf, sizeof(buf), 0), 1, "recv: %d\n", WSAGetLastError());
    ok(!WSAAsyncSelect(p.server, window, MSG_B, FD_READ), "WSAAsyncSelect: %d\n", WSAGetLastError());
    ResetEvent(event);
    ok(send(p.client, "c", 1, 0) == 1, "send: %d\n", WSAGetLastError());
    pump(5000, p.server, FD_READ);
    ok_int(count_msgs(p.server, FD_READ, MSG_B, NULL), 1, "FD_READ message after WSAEventSelect was replaced\n");
    ok_int(WaitForSingleObject(event, 0), WAIT_TIMEOUT, "the old event was signalled\n");

    WSACloseEvent(event);
    free_pair(&p);
}

/* A reset posts FD_CLOSE with WSAECONNABORTED; the socket cannot go back to blocking while
 * selected; UDP posts one FD_READ until recv re-enables it. */
static void test_reset_blocking_udp(void)
{
    struct sockaddr_in addr;
    struct pair p;
    u_long blocking = 0;
    SOCKET udp;
    char buf[8];
    int len = sizeof(addr), error = -1, ret, n;

    if (!ok(make_pair(&p), "no socket pair\n")) return;
    forget_msgs();
    ok(!WSAAsyncSelect(p.client, window, MSG_A, FD_CLOSE), "WSAAsyncSelect: %d\n", WSAGetLastError());
    ret = ioctlsocket(p.client, FIONBIO, &blocking);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "FIONBIO 0 while selected: %d, error %d\n", ret,
       WSAGetLastError());
    close_with_reset(p.server);
    pump(5000, p.client, FD_CLOSE);
    n = count_msgs(p.client, FD_CLOSE, MSG_A, &error);
    /* As WSAEnumNetworkEvents reports it. */
    ok(n == 1 && error == WSAECONNABORTED, "FD_CLOSE after a reset: %d, error %d\n", n, error);
    ok(!WSAAsyncSelect(p.client, window, 0, 0), "cancel: %d\n", WSAGetLastError());
    ok(!ioctlsocket(p.client, FIONBIO, &blocking), "FIONBIO 0 after cancelling: %d\n", WSAGetLastError());
    closesocket(p.client);

    /* A graceful close after our own shutdown carries no error. */
    if (!ok(make_pair(&p), "no socket pair\n")) return;
    forget_msgs();
    ok(!WSAAsyncSelect(p.client, window, MSG_A, FD_CLOSE), "WSAAsyncSelect: %d\n", WSAGetLastError());
    ok(!shutdown(p.client, SD_SEND), "shutdown: %d\n", WSAGetLastError());
    ok_int(recv(p.server, buf, sizeof(buf), 0), 0, "peer sees the end of the stream\n");
    closesocket(p.server);
    pump(5000, p.client, FD_CLOSE);
    n = count_msgs(p.client, FD_CLOSE, MSG_A, &error);
    ok(n == 1 && error == 0, "FD_CLOSE after both sides closed: %d, error %d\n", n, error);
    closesocket(p.client);

    udp = socket(AF_INET, SOCK_DGRAM, 0);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok(!bind(udp, (struct sockaddr *)&addr, sizeof(addr)) && !getsockname(udp, (struct sockaddr *)&addr, &len),
       "bind: %d\n", WSAGetLastError());
    forget_msgs();
    ok(!WSAAsyncSelect(udp, window, MSG_B, FD_READ | FD_WRITE), "WSAAsyncSelect: %d\n", WSAGetLastError());
    pump(5000, udp, FD_WRITE);
    ok_int(count_msgs(udp, FD_WRITE, MSG_B, NULL), 1, "FD_WRITE on a bound UDP socket\n");
    ok(sendto(udp, "a", 1, 0, (struct sockaddr *)&addr, sizeof(addr)) == 1, "sendto: %d\n", WSAGetLastError());
    ok(sendto(udp, "b", 1, 0, (struct sockaddr *)&addr, sizeof(addr)) == 1, "sendto: %d\n", WSAGetLastError());
    pump(5000, udp, FD_READ);
    pump(300, 0, 0);
    ok_int(count_msgs(udp, FD_READ, MSG_B, NULL), 1, "one FD_READ for two datagrams: %d\n",
       count_msgs(udp, FD_READ, MSG_B, NULL));
    forget_msgs();
    ok_int(recv(udp, buf, sizeof(buf), 0), 1, "recv: %d\n", WSAGetLastError());
    pump(5000, udp, FD_READ);
    ok_int(count_msgs(udp, FD_READ, MSG_B, NULL), 1, "FD_READ again for the datagram left: %d\n",
       count_msgs(udp, FD_READ, MSG_B, NULL));
    closesocket(udp);
}

/* Messages go through the post routine WSApSetPostRoutine installs. */
static int routine_posts;

static BOOL WINAPI counting_post(HWND hwnd, UINT message, WPARAM wparam, LPARAM lparam)
{
    routine_posts++;
    return PostMessageA(hwnd, message, wparam, lparam);
}

static void test_post_routine(void)
{
    int (WINAPI *set_post_routine)(void *) =
        (void *)GetProcAddress(GetModuleHandleA("ws2_32.dll"), "WSApSetPostRoutine");
    struct pair p;

    if (!ok(set_post_routine != NULL, "no WSApSetPostRoutine\n")) return;
    if (!ok(make_pair(&p), "no socket pair\n")) return;
    ok(!set_post_routine(counting_post), "WSApSetPostRoutine: %d\n", WSAGetLastError());
    forget_msgs();
    routine_posts = 0;
    ok(!WSAAsyncSelect(p.server, window, MSG_A, FD_READ), "WSAAsyncSelect: %d\n", WSAGetLastError());
    ok(send(p.client, "p", 1, 0) == 1, "send: %d\n", WSAGetLastError());
    pump(5000, p.server, FD_READ);
    ok(count_msgs(p.server, FD_READ, MSG_A, NULL) == 1 && routine_posts == 1, "FD_READ through the routine: %d "
       "messages, %d posts\n", count_msgs(p.server, FD_READ, MSG_A, NULL), routine_posts);
    set_post_routine(NULL);
    free_pair(&p);
}

/* An unbound UDP socket gets FD_WRITE at once, and connect brings another
 * FD_WRITE but no FD_CONNECT (sock.c test_connect_events, on Windows). */
static void test_udp_connect_posts_write(void)
{
    struct sockaddr_in addr = { 0 };
    SOCKET udp = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);

    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(9);
    forget_msgs();
    ok(!WSAAsyncSelect(udp, window, MSG_A, FD_CONNECT | FD_READ | FD_WRITE), "WSAAsyncSelect: %d\n",
       WSAGetLastError());
    pump(1000, udp, FD_WRITE);
    ok_int(count_msgs(udp, FD_WRITE, MSG_A, NULL), 1, "FD_WRITE on an unbound UDP socket\n");
    forget_msgs();
    ok(!connect(udp, (struct sockaddr *)&addr, sizeof(addr)), "connect: %d\n", WSAGetLastError());
    pump(1000, udp, FD_WRITE);
    pump(200, 0, 0);
    ok_int(count_msgs(udp, FD_WRITE, MSG_A, NULL), 1, "FD_WRITE after a UDP connect: %d\n",
       count_msgs(udp, FD_WRITE, MSG_A, NULL));
    ok_int(seen_count, 1, "%d messages after a UDP connect (no FD_CONNECT)\n", seen_count);
    closesocket(udp);
}

/* A recv refused for its negative length re-enables FD_READ all the same:
 * Windows posts it again while data waits (sock.c test_read_events). */
static void test_refused_recv_reenables_read(void)
{
    struct pair p;
    char buf[8];
    int ret;

    if (!ok(make_pair(&p), "no socket pair\n")) return;
    forget_msgs();
    ok(!WSAAsyncSelect(p.server, window, MSG_A, FD_READ), "WSAAsyncSelect: %d\n", WSAGetLastError());
    ok(send(p.client, "data", 5, 0) == 5, "send: %d\n", WSAGetLastError());
    pump(1000, p.server, FD_READ);
    ok_int(count_msgs(p.server, FD_READ, MSG_A, NULL), 1, "FD_READ for the data\n");
    forget_msgs();
    ret = recv(p.server, buf, -1, 0);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "recv of length -1: %d, error %d\n", ret,
       WSAGetLastError());
    pump(1000, p.server, FD_READ);
    ok_int(count_msgs(p.server, FD_READ, MSG_A, NULL), 1, "FD_READ again after the refused recv: %d\n",
       count_msgs(p.server, FD_READ, MSG_A, NULL));
    free_pair(&p);
}

/* Each WSAAsyncSelect with FD_CLOSE on a connection the peer reset posts
 * FD_CLOSE with WSAECONNABORTED again, once (sock.c test_close_events). */
static void test_reset_reselect_posts_close(void)
{
    struct pair p;
    int error = -1, n, round;

    if (!ok(make_pair(&p), "no socket pair\n")) return;
    forget_msgs();
    ok(!WSAAsyncSelect(p.client, window, MSG_A, FD_READ | FD_CLOSE), "WSAAsyncSelect: %d\n", WSAGetLastError());
    close_with_reset(p.server);
    pump(1000, p.client, FD_CLOSE);
    for (round = 0; round < 2; round++)
    {
        forget_msgs();
        ok(!WSAAsyncSelect(p.client, window, MSG_A, FD_READ | FD_CLOSE), "WSAAsyncSelect: %d\n",
           WSAGetLastError());
        pump(1000, p.client, FD_CLOSE);
        pump(200, 0, 0);
        n = count_msgs(p.client, FD_CLOSE, MSG_A, &error);
        ok(n == 1 && error == WSAECONNABORTED, "round %d: FD_CLOSE after selecting again: %d, error %d\n", round,
           n, error);
    }
    closesocket(p.client);
}

/* The peer's close posts FD_CLOSE at once, with data still unread, and
 * only once; new data does not post FD_READ again before a recv (sock.c
 * test_close_events, test_read_events, on Windows). */
/* FD_OOB is posted once until a recv(MSG_OOB) re-enables it, then again
 * while an urgent byte waits; a new WSAAsyncSelect posts it again while one
 * waits (Windows, sock.c test_oob_events). */
static void test_oob_message_after_urgent_read(void)
{
    char byte = 0;
    struct pair p;

    if (!ok(make_pair(&p), "no socket pair\n")) return;
    forget_msgs();
    ok(!WSAAsyncSelect(p.server, window, MSG_A, FD_OOB), "WSAAsyncSelect: %d\n", WSAGetLastError());
    ok(send(p.client, "a", 1, MSG_OOB) == 1, "send(MSG_OOB): %d\n", WSAGetLastError());
    pump(1000, p.server, FD_OOB);
    ok_int(count_msgs(p.server, FD_OOB, MSG_A, NULL), 1, "FD_OOB for the first urgent byte\n");
    forget_msgs();
    ok(send(p.client, "b", 1, MSG_OOB) == 1, "send(MSG_OOB): %d\n", WSAGetLastError());
    pump(300, p.server, 0);
    ok(!count_msgs(p.server, FD_OOB, MSG_A, NULL), "FD_OOB before a recv(MSG_OOB) re-enabled it\n");
    ok(!WSAAsyncSelect(p.server, window, MSG_A, FD_OOB), "WSAAsyncSelect: %d\n", WSAGetLastError());
    pump(1000, p.server, FD_OOB);
    ok_int(count_msgs(p.server, FD_OOB, MSG_A, NULL), 1, "FD_OOB at a new selection while urgent data waits\n");
    forget_msgs();
    ok(recv(p.server, &byte, 1, MSG_OOB) == 1 && byte == 'a', "first urgent byte: %c, error %d\n", byte,
       WSAGetLastError());
    pump(1000, p.server, FD_OOB);
    ok_int(count_msgs(p.server, FD_OOB, MSG_A, NULL), 1, "FD_OOB again while the second urgent byte waits\n");
    forget_msgs();
    ok(recv(p.server, &byte, 1, MSG_OOB) == 1 && byte == 'b', "second urgent byte: %c, error %d\n", byte,
       WSAGetLastError());
    pump(300, p.server, 0);
    ok(!count_msgs(p.server, FD_OOB, MSG_A, NULL), "FD_OOB with no urgent byte left\n");
    free_pair(&p);
}

static void test_close_before_data_read(void)
{
    struct pair p;
    char buf[8];
    int error = -1;

    if (!ok(make_pair(&p), "no socket pair\n")) return;
    forget_msgs();
    ok(!WSAAsyncSelect(p.server, window, MSG_A, FD_READ | FD_CLOSE), "WSAAsyncSelect: %d\n", WSAGetLastError());
    ok(send(p.client, "data", 5, 0) == 5, "send: %d\n", WSAGetLastError());
    pump(1000, p.server, FD_READ);
    ok(send(p.client, "more", 4, 0) == 4, "send: %d\n", WSAGetLastError());
    pump(300, 0, 0);
    ok_int(count_msgs(p.server, FD_READ, MSG_A, NULL), 1, "FD_READ messages before a recv: %d\n",
       count_msgs(p.server, FD_READ, MSG_A, NULL));
    closesocket(p.client);
    pump(1000, p.server, FD_CLOSE);
    ok(count_msgs(p.server, FD_CLOSE, MSG_A, &error) == 1 && !error, "FD_CLOSE with data unread: %d, error %d\n",
       count_msgs(p.server, FD_CLOSE, MSG_A, NULL), error);
    forget_msgs();
    while (recv(p.server, buf, sizeof(buf), 0) > 0) ;
    pump(300, 0, 0);
    ok(!count_msgs(p.server, FD_CLOSE, MSG_A, NULL), "FD_CLOSE again once the data was read\n");
    closesocket(p.server);
}

/* Closing the handle with CloseHandle (or NtClose) posts FD_CLOSE with no
 * error; closesocket posts nothing, and closes the connection at once
 * (Wine's sock.c test_iocp, checked on Windows). */
static void test_closehandle_posts_close(void)
{
    struct pair p, q;
    SOCKET closed;
    char buf[4];
    DWORD start;
    int error = -1, ret;

    if (!ok(make_pair(&p), "no socket pair\n")) return;
    forget_msgs();
    ok(!WSAAsyncSelect(p.client, window, MSG_A, FD_READ | FD_WRITE | FD_CLOSE), "WSAAsyncSelect: %d\n",
       WSAGetLastError());
    pump(300, 0, 0);
    forget_msgs();
    closed = p.client;
    ok(CloseHandle((HANDLE)p.client), "CloseHandle: %lu\n", GetLastError());
    pump(2000, closed, FD_CLOSE);
    ok(count_msgs(closed, FD_CLOSE, MSG_A, &error) == 1 && !error, "CloseHandle: %d FD_CLOSE, error %d\n",
       count_msgs(closed, FD_CLOSE, MSG_A, NULL), error);
    closesocket(p.server);

    if (!ok(make_pair(&q), "no socket pair\n")) return;
    ok(!WSAAsyncSelect(q.client, window, MSG_A, FD_READ | FD_WRITE | FD_CLOSE), "WSAAsyncSelect: %d\n",
       WSAGetLastError());
    pump(300, 0, 0);
    forget_msgs();
    closed = q.client;
    start = GetTickCount();
    closesocket(q.client);
    ret = recv(q.server, buf, sizeof(buf), 0);
    ok(ret == 0 && GetTickCount() - start < 1000, "the peer's recv after closesocket: %d in %lu ms\n", ret,
       GetTickCount() - start);
    /* The peer's FIN reaches nothing: the socket is gone. */
    closesocket(q.server);
    pump(500, 0, 0);
    ok(!count_msgs(closed, FD_CLOSE, MSG_A, NULL), "FD_CLOSE for a socket closed with closesocket\n");

    /* The same, closed at once after selecting. */
    if (!ok(make_pair(&q), "no socket pair\n")) return;
    forget_msgs();
    ok(!WSAAsyncSelect(q.client, window, MSG_A, FD_READ | FD_WRITE | FD_CLOSE), "WSAAsyncSelect: %d\n",
       WSAGetLastError());
    closed = q.client;
    closesocket(q.client);
    closesocket(q.server);
    pump(500, 0, 0);
    ok(!count_msgs(closed, FD_CLOSE, MSG_A, NULL), "FD_CLOSE for a socket closed at once with closesocket\n");
}

START_TEST(asyncselect)
{
    WSADATA data;
    int ret;

    harness_start_watchdog(60000);
    if (!ok(make_window(), "no window: %lu\n", GetLastError())) return;

    SetLastError(0xdead);
    ret = WSAAsyncSelect((SOCKET)4, window, MSG_A, FD_READ);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "before WSAStartup: %d, error %d\n", ret,
       WSAGetLastError());

    WSAStartup(MAKEWORD(2, 2), &data);
    RUN(test_bad_input);
    RUN(test_accept_and_read);
    RUN(test_connect_and_write);
    RUN(test_cancel);
    RUN(test_reset_blocking_udp);
    RUN(test_post_routine);
    RUN(test_udp_connect_posts_write);
    RUN(test_refused_recv_reenables_read);
    RUN(test_reset_reselect_posts_close);
    RUN(test_oob_message_after_urgent_read);
    RUN(test_close_before_data_read);
    RUN(test_closehandle_posts_close);
    WSACleanup();
    DestroyWindow(window);
}
