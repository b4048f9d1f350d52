/* The fast data path, the area's home: the interleavings it creates
 * (dlls/ws2_32/fastio.c).  Each test first moves data on its sockets so that
 * ws2kit would serve the next calls without the wineserver, then mixes them
 * with what the server keeps (queued requests, event selection, polls,
 * closes).  Windows' answers are the same whichever path serves a call; what
 * each call does on its own is tested in its area's file (events.c,
 * asyncselect.c, select.c, poll.c, overlapped.c). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include "harness.h"
#include "sockpair.h"

/* A send and a receive each way: the sockets are settled. */
static BOOL warm_up(struct pair *p)
{
    char c;
    return send(p->client, "w", 1, 0) == 1 && recv(p->server, &c, 1, 0) == 1 &&
           send(p->server, "w", 1, 0) == 1 && recv(p->client, &c, 1, 0) == 1;
}

static BOOL make_warm_pair(struct pair *p)
{
    if (!make_pair(p)) return FALSE;
    if (warm_up(p)) return TRUE;
    free_pair(p);
    return FALSE;
}

static BOOL readable(SOCKET s, DWORD ms)
{
    struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };
    fd_set set;

    FD_ZERO(&set);
    FD_SET(s, &set);
    return select(0, &set, NULL, NULL, &tv) == 1;
}

struct recv_job { SOCKET s; char byte; int ret, err; };

static DWORD WINAPI blocking_recv(void *arg)
{
    struct recv_job *job = arg;

    job->ret = recv(job->s, &job->byte, 1, 0);
    job->err = job->ret < 0 ? WSAGetLastError() : 0;
    return 0;
}

/* An overlapped WSARecv queued first gets the first byte; a blocking recv
 * on another thread gets the next. */
static void test_queued_overlapped_recv_served_first(void)
{
    struct recv_job job = { 0 };
    char first = 0;
    WSABUF buf = { 1, &first };
    WSAOVERLAPPED ov = { 0 };
    DWORD flags = 0, bytes = 0;
    struct pair p;
    HANDLE thread;
    int ret;

    if (!ok(make_warm_pair(&p), "no socket pair\n")) return;
    ov.hEvent = WSACreateEvent();
    ret = WSARecv(p.server, &buf, 1, NULL, &flags, &ov, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "WSARecv: %d, error %d\n", ret,
       WSAGetLastError());
    job.s = p.server;
    thread = CreateThread(NULL, 0, blocking_recv, &job, 0, NULL);
    Sleep(100);
    ok(send(p.client, "A", 1, 0) == 1, "send A\n");
    ok_int(WaitForSingleObject(ov.hEvent, 5000), WAIT_OBJECT_0, "the queued WSARecv did not complete\n");
    ok(WSAGetOverlappedResult(p.server, &ov, &bytes, FALSE, &flags) && bytes == 1,
       "overlapped WSARecv: %lu bytes, error %d\n", bytes, WSAGetLastError());
    ok_int(first, 'A', "the queued WSARecv got '%c', want 'A'\n", first);
    ok(send(p.client, "B", 1, 0) == 1, "send B\n");
    if (!ok_int(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0, "the blocking recv did not return\n"))
        closesocket(p.server);  /* ends it */
    ok(job.ret == 1 && job.byte == 'B', "blocking recv: %d '%c', error %d\n", job.ret, job.byte, job.err);
    CloseHandle(thread);
    WSACloseEvent(ov.hEvent);
    free_pair(&p);
}

/* WriteFile and ReadFile go through the device; send and recv beside them
 * keep the order of the bytes. */
static void test_readfile_writefile_keep_order(void)
{
    char got[4] = { 0 };
    DWORD n = 0;
    struct pair p;
    int i;

    if (!ok(make_warm_pair(&p), "no socket pair\n")) return;
    ok(WriteFile((HANDLE)p.client, "1", 1, &n, NULL) && n == 1, "WriteFile 1: %lu\n", GetLastError());
    ok(send(p.client, "2", 1, 0) == 1, "send 2\n");
    ok(WriteFile((HANDLE)p.client, "3", 1, &n, NULL) && n == 1, "WriteFile 3: %lu\n", GetLastError());
    ok(send(p.client, "4", 1, 0) == 1, "send 4\n");
    for (i = 0; i < 4; i++)
    {
        n = 0;
        if (i % 2) ok(ReadFile((HANDLE)p.server, &got[i], 1, &n, NULL) && n == 1, "ReadFile %d: %lu\n", i,
                      GetLastError());
        else ok_int(recv(p.server, &got[i], 1, 0), 1, "recv %d: %d\n", i, WSAGetLastError());
    }
    ok(!memcmp(got, "1234", 4), "bytes came as %.4s\n", got);
    free_pair(&p);
}

/* Each receive re-enables FD_READ, whichever path serves it. */
static void test_fd_read_reenabled_with_event_select(void)
{
    WSANETWORKEVENTS events;
    HANDLE event = WSACreateEvent();
    char c;
    struct pair p;
    int round;

    if (!ok(make_warm_pair(&p), "no socket pair\n")) return;
    ok(!WSAEventSelect(p.server, event, FD_READ), "WSAEventSelect: %d\n", WSAGetLastError());
    for (round = 0; round < 3; round++)
    {
        ok(send(p.client, "r", 1, 0) == 1, "send %d\n", round);
        ok_int(WaitForSingleObject(event, 5000), WAIT_OBJECT_0, "round %d: no FD_READ\n", round);
        ok(!WSAEnumNetworkEvents(p.server, event, &events) && (events.lNetworkEvents & FD_READ),
           "round %d: events %#lx\n", round, events.lNetworkEvents);
        ok_int(recv(p.server, &c, 1, 0), 1, "round %d: recv %d\n", round, WSAGetLastError());
    }
    /* The event selection made the socket non-blocking. */
    ok(recv(p.server, &c, 1, 0) == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
       "empty recv: error %d\n", WSAGetLastError());
    WSACloseEvent(event);
    free_pair(&p);
}

/* FD_WRITE is posted once the socket can send, after fast sends too. */
static void test_fd_write_after_fast_sends(void)
{
    WSANETWORKEVENTS events;
    HANDLE event = WSACreateEvent();
    struct pair p;

    if (!ok(make_warm_pair(&p), "no socket pair\n")) return;
    ok(send(p.client, "x", 1, 0) == 1, "send\n");
    ok(!WSAEventSelect(p.client, event, FD_WRITE), "WSAEventSelect: %d\n", WSAGetLastError());
    ok_int(WaitForSingleObject(event, 5000), WAIT_OBJECT_0, "no FD_WRITE\n");
    ok(!WSAEnumNetworkEvents(p.client, event, &events) && (events.lNetworkEvents & FD_WRITE),
       "events %#lx\n", events.lNetworkEvents);
    WSACloseEvent(event);
    free_pair(&p);
}

static LRESULT CALLBACK plain_window(HWND hwnd, UINT msg, WPARAM wparam, LPARAM lparam)
{
    return DefWindowProcA(hwnd, msg, wparam, lparam);
}

/* A message is posted for each FD_READ; the receive between re-enables it. */
static void test_fd_read_messages_with_async_select(void)
{
    WNDCLASSA cls = { 0 };
    struct pair p;
    MSG msg;
    HWND hwnd;
    char c;
    int round, seen;

    if (!ok(make_warm_pair(&p), "no socket pair\n")) return;
    cls.lpfnWndProc = plain_window;
    cls.lpszClassName = "ws2kit_fastpath";
    cls.hInstance = GetModuleHandleA(NULL);
    RegisterClassA(&cls);
    hwnd = CreateWindowA("ws2kit_fastpath", "", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, cls.hInstance, NULL);
    ok(hwnd != NULL, "CreateWindow: %lu\n", GetLastError());
    ok(!WSAAsyncSelect(p.server, hwnd, WM_USER + 1, FD_READ), "WSAAsyncSelect: %d\n", WSAGetLastError());
    for (round = 0; round < 3; round++)
    {
        DWORD start = GetTickCount();

        ok(send(p.client, "m", 1, 0) == 1, "send %d\n", round);
        for (seen = 0; !seen && GetTickCount() - start < 5000;)
        {
            if (PeekMessageA(&msg, hwnd, WM_USER + 1, WM_USER + 1, PM_REMOVE))
                seen = WSAGETSELECTEVENT(msg.lParam) == FD_READ;
            else Sleep(10);
        }
        ok(seen, "round %d: no FD_READ message\n", round);
        ok_int(recv(p.server, &c, 1, 0), 1, "round %d: recv %d\n", round, WSAGetLastError());
    }
    WSAAsyncSelect(p.server, hwnd, 0, 0);
    DestroyWindow(hwnd);
    free_pair(&p);
}

/* select and WSAPoll see what fast calls left: data, then none. */
static void test_polls_after_fast_calls(void)
{
    WSAPOLLFD fd;
    char buf[8];
    struct pair p;

    if (!ok(make_warm_pair(&p), "no socket pair\n")) return;
    ok(!readable(p.server, 0), "readable before any data\n");
    ok(send(p.client, "abc", 3, 0) == 3, "send\n");
    ok(readable(p.server, 2000), "select: data not seen\n");
    fd.fd = p.server;
    fd.events = POLLRDNORM;
    fd.revents = 0;
    ok(WSAPoll(&fd, 1, 2000) == 1 && (fd.revents & POLLRDNORM), "WSAPoll: revents %#x\n", fd.revents);
    ok_int(recv(p.server, buf, sizeof(buf), 0), 3, "recv: %d\n", WSAGetLastError());
    ok(!readable(p.server, 0), "select: readable after the data was taken\n");
    fd.revents = 0;
    ok_int(WSAPoll(&fd, 1, 0), 0, "WSAPoll after the data was taken: revents %#x\n", fd.revents);
    free_pair(&p);
}

/* closesocket from another thread ends a blocking recv that waits, also
 * while ws2kit waits before the device does (the test makes that wait long). */
static void test_closesocket_ends_blocking_recv(void)
{
    struct recv_job job = { 0 };
    struct pair p;
    HANDLE thread;

    if (!ok(make_warm_pair(&p), "no socket pair\n")) return;
    job.s = p.server;
    thread = CreateThread(NULL, 0, blocking_recv, &job, 0, NULL);
    Sleep(100);
    ok(!closesocket(p.server), "closesocket: %d\n", WSAGetLastError());
    ok_int(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0, "the recv did not return after closesocket\n");
    trace("recv after closesocket: error %d\n", job.err);
    ok(job.ret == SOCKET_ERROR && (job.err == WSAEINTR || job.err == WSAENOTSOCK),
       "recv after closesocket: %d, error %d\n", job.ret, job.err);
    CloseHandle(thread);
    closesocket(p.client);
}

/* Wine 8's ntdll does not cache an accepted socket's fd and ws2kit.so keeps
 * one of its own.  Sockets accepted into the handle values of ones closed
 * before each get their own connection, never an old one. */
static void test_accepted_handle_values_reused(void)
{
    enum { ROUNDS = 64 };
    SOCKET seen[ROUNDS];
    int round, reused = 0, wrong = 0, j;
    struct pair p;
    char c;

    for (round = 0; round < ROUNDS; round++)
    {
        char byte = 'a' + round % 26;
        if (!ok(make_warm_pair(&p), "no socket pair in round %d\n", round)) return;
        seen[round] = p.server;
        for (j = 0; j < round && seen[j] != p.server; j++) ;
        reused += j < round;
        c = 0;
        if (send(p.server, &byte, 1, 0) != 1 || !readable(p.client, 2000) || recv(p.client, &c, 1, 0) != 1 ||
            c != byte)
            wrong++;
        free_pair(&p);
    }
    trace("%d of %d accepted sockets reused an earlier handle value\n", reused, ROUNDS);
    ok(reused > 0, "no handle value came back in %d rounds: nothing was tested\n", ROUNDS);
    ok(!wrong, "%d of %d accepted sockets sent to another connection\n", wrong, ROUNDS);
}

/* CloseHandle closes a socket as closesocket does: its peer sees the
 * connection end.  (Windows ends it at once; on a Wine whose ntdll does not
 * cache accepted sockets' fds ws2kit closes its own copy by the time the
 * process makes its next socket 10 ms later, see README.) */
static void test_closehandle_on_accepted_socket(void)
{
    struct pair p;
    SOCKET other;
    char c;

    if (!ok(make_warm_pair(&p), "no socket pair\n")) return;
    ok(send(p.server, "h", 1, 0) == 1 && recv(p.client, &c, 1, 0) == 1, "exchange\n");
    ok(CloseHandle((HANDLE)p.server), "CloseHandle: %lu\n", GetLastError());
    Sleep(20);   /* ws2kit checks at most every 10 ms */
    other = socket(AF_INET, SOCK_STREAM, 0);
    ok(readable(p.client, 2000), "the peer did not see the close\n");
    ok_int(recv(p.client, &c, 1, 0), 0, "the peer's recv: error %d\n", WSAGetLastError());
    closesocket(other);
    closesocket(p.client);
}

/* A reset that comes between two receives fails the next one, and the one
 * after it, with WSAECONNRESET. */
static void test_reset_between_fast_calls(void)
{
    char c;
    struct pair p;
    int ret;

    if (!ok(make_warm_pair(&p), "no socket pair\n")) return;
    ok(send(p.client, "z", 1, 0) == 1 && recv(p.server, &c, 1, 0) == 1, "exchange\n");
    close_with_reset(p.client);
    Sleep(100);
    ret = recv(p.server, &c, 1, 0);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAECONNRESET, "recv after reset: %d, error %d\n", ret,
       WSAGetLastError());
    ret = send(p.server, "y", 1, 0);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAECONNRESET, "send after reset: %d, error %d\n", ret,
       WSAGetLastError());
    closesocket(p.server);
}

/* A blocking recv that waits longer than ws2kit's own wait still gets its
 * data, and MSG_PEEK leaves it for the next receive. */
static DWORD WINAPI send_after(void *arg)
{
    Sleep(300);
    send(*(SOCKET *)arg, "late", 4, 0);
    return 0;
}

static void test_blocking_recv_waits_for_late_data(void)
{
    char buf[8] = { 0 };
    struct pair p;
    HANDLE thread;

    if (!ok(make_warm_pair(&p), "no socket pair\n")) return;
    thread = CreateThread(NULL, 0, send_after, &p.client, 0, NULL);
    ok(recv(p.server, buf, 4, MSG_PEEK) == 4 && !memcmp(buf, "late", 4), "peek: %.4s\n", buf);
    memset(buf, 0, sizeof(buf));
    ok(recv(p.server, buf, sizeof(buf), 0) == 4 && !memcmp(buf, "late", 4), "recv: %.4s\n", buf);
    WaitForSingleObject(thread, 5000);
    CloseHandle(thread);
    free_pair(&p);
}

/* UDP: a datagram larger than the buffer fills it and fails with
 * WSAEMSGSIZE; the source address is reported; the rest is gone. */
static void test_udp_truncation_and_source(void)
{
    SOCKET a = socket(AF_INET, SOCK_DGRAM, 0), b = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in addr = { 0 }, from;
    int len = sizeof(addr), from_len, ret, round;
    char buf[8];

    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok(!bind(b, (struct sockaddr *)&addr, len) && !getsockname(b, (struct sockaddr *)&addr, &len), "bind\n");
    for (round = 0; round < 3; round++)   /* the first goes through the device */
    {
        ok(sendto(a, "0123456789", 10, 0, (struct sockaddr *)&addr, sizeof(addr)) == 10, "sendto %d\n", round);
        memset(buf, 0, sizeof(buf));
        from_len = sizeof(from);
        memset(&from, 0, sizeof(from));
        ret = recvfrom(b, buf, 4, 0, (struct sockaddr *)&from, &from_len);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEMSGSIZE, "round %d: recvfrom %d, error %d\n", round,
           ret, WSAGetLastError());
        ok(!memcmp(buf, "0123", 4) && !buf[4], "round %d: buffer %.8s\n", round, buf);
        ok(from_len == sizeof(from) && from.sin_family == AF_INET &&
           from.sin_addr.s_addr == htonl(INADDR_LOOPBACK), "round %d: from len %d family %d\n", round, from_len,
           from.sin_family);
    }
    ok(!readable(b, 0), "the rest of a truncated datagram is still there\n");
    closesocket(a);
    closesocket(b);
}

/* FIONBIO after fast calls: a non-blocking empty receive answers at once. */
static void test_fionbio_after_fast_calls(void)
{
    u_long on = 1, off = 0;
    DWORD start;
    char c;
    struct pair p;
    int ret;

    if (!ok(make_warm_pair(&p), "no socket pair\n")) return;
    ok(!ioctlsocket(p.server, FIONBIO, &on), "FIONBIO 1\n");
    start = GetTickCount();
    ret = recv(p.server, &c, 1, 0);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK, "non-blocking recv: %d, error %d\n", ret,
       WSAGetLastError());
    ok(GetTickCount() - start < 100, "non-blocking recv took %lu ms\n", GetTickCount() - start);
    ok(!ioctlsocket(p.server, FIONBIO, &off), "FIONBIO 0\n");
    ok(send(p.client, "q", 1, 0) == 1 && recv(p.server, &c, 1, 0) == 1 && c == 'q', "blocking again\n");
    free_pair(&p);
}

START_TEST(fastpath)
{
    WSADATA data;

    /* ws2kit waits this long before the device does: long enough for the
     * close in test_closesocket_ends_blocking_recv to land inside it. */
    SetEnvironmentVariableA("WS2KIT_FAST_WAIT_US", "400000");
    harness_start_watchdog(90000);
    if (!ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup\n")) return;
    RUN(test_queued_overlapped_recv_served_first);
    RUN(test_readfile_writefile_keep_order);
    RUN(test_fd_read_reenabled_with_event_select);
    RUN(test_fd_write_after_fast_sends);
    RUN(test_fd_read_messages_with_async_select);
    RUN(test_polls_after_fast_calls);
    RUN(test_closesocket_ends_blocking_recv);
    RUN(test_accepted_handle_values_reused);
    RUN(test_closehandle_on_accepted_socket);
    RUN(test_reset_between_fast_calls);
    RUN(test_blocking_recv_waits_for_late_data);
    RUN(test_udp_truncation_and_source);
    RUN(test_fionbio_after_fast_calls);
    WSACleanup();
}
