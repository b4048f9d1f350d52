/* WSASend, WSARecv, WSASendTo and WSARecvFrom: blocking and overlapped, with
 * every completion style (event, completion routine, completion port, with
 * and without FILE_SKIP_COMPLETION_PORT_ON_SUCCESS), cancellation by
 * closesocket, ReadFile/WriteFile on a SOCKET, and bad arguments. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include "sockpair.h"

static void test_blocking_gather_scatter(void)
{
    char a[] = "hello ", b[] = "world", in1[4], in2[16];
    WSABUF out[2] = { { 6, a }, { 5, b } }, in[2] = { { sizeof(in1), in1 }, { sizeof(in2), in2 } };
    DWORD sent = 0, received = 0, flags = 0, got = 0;
    struct pair p;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    ok(!WSASend(p.client, out, 2, &sent, 0, NULL, NULL) && sent == 11, "WSASend: %d sent %lu\n", WSAGetLastError(),
       sent);
    while (got < 11)
    {
        ok(!WSARecv(p.server, in, 2, &received, &flags, NULL, NULL), "WSARecv: %d\n", WSAGetLastError());
        if (!received) break;
        got += received;
    }
    ok(got == 11 && !memcmp(in1, "hell", 4) && !memcmp(in2, "o world", 7), "scattered \"%.4s\" \"%.7s\"\n", in1, in2);
    free_pair(&p);
}

static void test_event_completion(void)
{
    char buf[32] = { 0 };
    WSABUF wsabuf = { sizeof(buf), buf };
    OVERLAPPED ov = { 0 };
    DWORD received = 0xdeadbeef, flags = 0, bytes, result_flags;
    struct pair p;
    int ret;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    ov.hEvent = WSACreateEvent();
    ret = WSARecv(p.server, &wsabuf, 1, &received, &flags, &ov, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "pending recv: %d %d\n", ret, WSAGetLastError());
    ok_int(ov.Internal, STATUS_PENDING, "Internal %#Ix\n", ov.Internal);
    ok(!WSAGetOverlappedResult(p.server, &ov, &bytes, FALSE, &result_flags) &&
       WSAGetLastError() == WSA_IO_INCOMPLETE, "incomplete result: %d\n", WSAGetLastError());
    ok(send(p.client, "ping", 4, 0) == 4, "send failed\n");
    ok_int(WaitForSingleObject(ov.hEvent, 5000), WAIT_OBJECT_0, "event not signalled\n");
    ok(WSAGetOverlappedResult(p.server, &ov, &bytes, FALSE, &result_flags) && bytes == 4 && !result_flags,
       "result: %d bytes %lu flags %lu\n", WSAGetLastError(), bytes, result_flags);
    ok(!memcmp(buf, "ping", 4), "received \"%.4s\"\n", buf);
    WSACloseEvent(ov.hEvent);
    free_pair(&p);
}

static int routine_calls;
static DWORD routine_error, routine_bytes;

static void CALLBACK routine(DWORD error, DWORD bytes, OVERLAPPED *ov, DWORD flags)
{
    routine_calls++;
    routine_error = error;
    routine_bytes = bytes;
}

static void test_routine_completion(void)
{
    char buf[32];
    WSABUF wsabuf = { sizeof(buf), buf };
    OVERLAPPED ov = { 0 };
    DWORD received, flags = 0;
    struct pair p;
    int ret;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    routine_calls = 0;
    ret = WSARecv(p.server, &wsabuf, 1, &received, &flags, &ov, routine);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "pending recv: %d %d\n", ret, WSAGetLastError());
    send(p.client, "12345", 5, 0);
    ok_int(SleepEx(5000, TRUE), WAIT_IO_COMPLETION, "no completion routine\n");
    ok(routine_calls == 1 && routine_error == 0 && routine_bytes == 5, "routine %d error %lu bytes %lu\n",
       routine_calls, routine_error, routine_bytes);
    free_pair(&p);
}

static void test_port_completion(void)
{
    char buf[32];
    WSABUF wsabuf = { sizeof(buf), buf }, out = { 3, (char *)"abc" };
    OVERLAPPED rov = { 0 }, sov = { 0 }, *got;
    DWORD received, sent = 0, flags = 0, bytes;
    ULONG_PTR key;
    struct pair p;
    HANDLE port;
    int ret;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    port = CreateIoCompletionPort((HANDLE)p.server, NULL, 77, 0);
    ret = WSARecv(p.server, &wsabuf, 1, &received, &flags, &rov, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "pending recv: %d\n", WSAGetLastError());
    send(p.client, "xyz", 3, 0);
    got = NULL;
    ok(GetQueuedCompletionStatus(port, &bytes, &key, &got, 5000) && got == &rov && key == 77 && bytes == 3,
       "recv packet %p key %Iu bytes %lu\n", got, key, bytes);

    /* A send that completes at once still queues its packet... */
    ret = WSASend(p.server, &out, 1, &sent, 0, &sov, NULL);
    ok(!ret || WSAGetLastError() == WSA_IO_PENDING, "overlapped send: %d %d\n", ret, WSAGetLastError());
    got = NULL;
    ok(GetQueuedCompletionStatus(port, &bytes, &key, &got, 5000) && got == &sov && bytes == 3, "send packet %p\n", got);

    /* ...unless the socket asked to skip the port on success. */
    ok(SetFileCompletionNotificationModes((HANDLE)p.server, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS),
       "SetFileCompletionNotificationModes: %lu\n", GetLastError());
    memset(&sov, 0, sizeof(sov));
    ret = WSASend(p.server, &out, 1, &sent, 0, &sov, NULL);
    ok(!ret && sent == 3, "skip-on-success send: %d %d sent %lu\n", ret, WSAGetLastError(), sent);
    ok(!GetQueuedCompletionStatus(port, &bytes, &key, &got, 200) && GetLastError() == WAIT_TIMEOUT,
       "a packet was queued for a send that completed at once\n");
    CloseHandle(port);
    free_pair(&p);
}

/* Windows' answer for every status a request can end with (Wine's
 * conformance test walks whole ranges): success statuses succeed, with the
 * status's Win32 error left as the last error; failures fail with the
 * status's Winsock error. */
static void test_result_of_each_status(void)
{
    static const struct { NTSTATUS status; BOOL ret; DWORD error; } cases[] =
    {
        { 0, TRUE, 0 },
        { 0x00002710, TRUE, ERROR_MR_MID_NOT_FOUND },     /* a success status with no Win32 error */
        { 0x40000000, TRUE, 698 },   /* STATUS_OBJECT_NAME_EXISTS: ERROR_OBJECT_NAME_EXISTS */
        { (NTSTATUS)0x80000005, FALSE, WSAEMSGSIZE },     /* STATUS_BUFFER_OVERFLOW */
        { (NTSTATUS)0x80000001, FALSE, WSAEINVAL },       /* a warning Winsock has no error for */
        { (NTSTATUS)0x800703e4, FALSE, WSA_IO_INCOMPLETE },
        { (NTSTATUS)0xc00703e4, FALSE, WSA_IO_INCOMPLETE },
        { (NTSTATUS)0xc0000120, FALSE, WSA_OPERATION_ABORTED }, /* STATUS_CANCELLED */
        { (NTSTATUS)0xc0000236, FALSE, WSAECONNREFUSED },
        { (NTSTATUS)0xd0000000, FALSE, WSAEINVAL },
        { (NTSTATUS)0x8000000a, FALSE, WSAEINVAL },       /* STATUS_HANDLES_CLOSED: no row on Windows */
        { (NTSTATUS)0xc0000010, FALSE, WSAEINVAL },       /* STATUS_INVALID_DEVICE_REQUEST: no row either */
        { (NTSTATUS)0xc0000007, FALSE, WSAENOBUFS },      /* STATUS_PAGEFILE_QUOTA */
        { (NTSTATUS)0xc0000097, FALSE, WSAENOBUFS },      /* STATUS_TOO_MANY_PAGING_FILES */
        { (NTSTATUS)0xc00000a1, FALSE, WSAENOBUFS },      /* STATUS_WORKING_SET_QUOTA */
        { (NTSTATUS)0xc00000bc, FALSE, WSAECONNREFUSED }, /* STATUS_REMOTE_NOT_LISTENING */
        { (NTSTATUS)0xc00000bf, FALSE, WSAENETDOWN },     /* STATUS_NETWORK_BUSY */
        { (NTSTATUS)0xc000012d, FALSE, WSAENOBUFS },      /* STATUS_COMMITMENT_LIMIT */
        { (NTSTATUS)0xc0000209, FALSE, WSAENOBUFS },      /* STATUS_TOO_MANY_ADDRESSES */
    };
    OVERLAPPED ov = { 0 };
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    DWORD bytes, flags;
    unsigned int i;
    BOOL ret;

    for (i = 0; i < ARRAYSIZE(cases); i++)
    {
        ov.Internal = cases[i].status;
        WSASetLastError(0xdeadbeef);
        ret = WSAGetOverlappedResult(s, &ov, &bytes, FALSE, &flags);
        ok(ret == cases[i].ret && (DWORD)WSAGetLastError() == cases[i].error, "status %#lx: %d, error %d (expected %d, %lu)\n",
           cases[i].status, ret, WSAGetLastError(), cases[i].ret, cases[i].error);
    }
    ok(!WSAGetOverlappedResult((SOCKET)0xdeadbeef, &ov, &bytes, FALSE, &flags) && WSAGetLastError() == WSAENOTSOCK,
       "not a socket: %d\n", WSAGetLastError());
    /* A failed request still gives its byte count, but leaves the flags as
     * they were; a finished one gives the count even with no flags pointer
     * (Windows, Wine's conformance test, test_ip_pktinfo). */
    ov.Internal = 0x80000005; /* STATUS_BUFFER_OVERFLOW: a truncated datagram */
    ov.InternalHigh = 6;
    ov.Offset = 0xdead3;
    bytes = 0;
    flags = 0xdeadbeef;
    ok(!WSAGetOverlappedResult(s, &ov, &bytes, FALSE, &flags) && WSAGetLastError() == WSAEMSGSIZE,
       "truncated: error %d\n", WSAGetLastError());
    ok(bytes == 6 && flags == 0xdeadbeef, "truncated: bytes %lu flags %#lx\n", bytes, flags);
    ov.Internal = 0;
    ov.InternalHigh = 7;
    bytes = 0;
    WSAGetOverlappedResult(s, &ov, &bytes, FALSE, NULL);
    ok_int(bytes, 7, "no flags pointer: bytes %lu\n", bytes);
    ov.Offset = 0;
    ov.InternalHigh = 0;
    /* Another handle on the socket, made behind Winsock's back, is no socket
     * to WSAGetOverlappedResult (Windows, Wine's conformance test). */
    {
        HANDLE dup;
        ok(DuplicateHandle(GetCurrentProcess(), (HANDLE)s, GetCurrentProcess(), &dup, 0, FALSE,
                           DUPLICATE_SAME_ACCESS), "DuplicateHandle\n");
        ov.Internal = 0;
        WSASetLastError(0xdeadbeef);
        ok(!WSAGetOverlappedResult((SOCKET)dup, &ov, &bytes, FALSE, &flags) && WSAGetLastError() == WSAENOTSOCK,
           "DuplicateHandle'd socket: error %d\n", WSAGetLastError());
        CloseHandle(dup);
    }
    closesocket(s);
}

static void test_cancel_on_close(void)
{
    char buf[32];
    WSABUF wsabuf = { sizeof(buf), buf };
    OVERLAPPED ov = { 0 };
    DWORD received, flags = 0, bytes, result_flags;
    struct pair p;
    int ret;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    ov.hEvent = WSACreateEvent();
    ret = WSARecv(p.server, &wsabuf, 1, &received, &flags, &ov, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "pending recv: %d\n", WSAGetLastError());
    closesocket(p.server);
    ok_int(WaitForSingleObject(ov.hEvent, 5000), WAIT_OBJECT_0, "closing did not complete the recv\n");
    /* The handle is no socket any more, so Winsock refuses it (Windows looks
     * the socket up first); the request itself ended as aborted. */
    ok(!WSAGetOverlappedResult(p.server, &ov, &bytes, FALSE, &result_flags) && WSAGetLastError() == WSAENOTSOCK,
       "WSAGetOverlappedResult on the closed socket: %d\n", WSAGetLastError());
    ok(!GetOverlappedResult((HANDLE)p.server, &ov, &bytes, FALSE) && GetLastError() == ERROR_OPERATION_ABORTED,
       "aborted recv: %lu (status %#Ix, %Iu bytes)\n", GetLastError(), ov.Internal, ov.InternalHigh);
    WSACloseEvent(ov.hEvent);
    closesocket(p.client);

    /* The completion port hears of it too. */
    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    {
        HANDLE port = CreateIoCompletionPort((HANDLE)p.server, NULL, 5, 0);
        OVERLAPPED *got = NULL;
        ULONG_PTR key;

        memset(&ov, 0, sizeof(ov));
        ret = WSARecv(p.server, &wsabuf, 1, &received, &flags, &ov, NULL);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "pending recv: %d\n", WSAGetLastError());
        closesocket(p.server);
        ok(!GetQueuedCompletionStatus(port, &bytes, &key, &got, 5000) && got == &ov &&
           GetLastError() == ERROR_OPERATION_ABORTED, "packet %p error %lu\n", got, GetLastError());
        CloseHandle(port);
        closesocket(p.client);
    }
}

static void test_datagrams(void)
{
    struct sockaddr_in addr = { AF_INET }, from;
    SOCKET a = socket(AF_INET, SOCK_DGRAM, 0), b = socket(AF_INET, SOCK_DGRAM, 0);
    char buf[16] = { 0 };
    WSABUF out = { 4, (char *)"dgrm" }, in = { sizeof(buf), buf };
    DWORD sent, received, flags = 0;
    int len = sizeof(addr), from_len = sizeof(from);

    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(b, (struct sockaddr *)&addr, sizeof(addr));
    getsockname(b, (struct sockaddr *)&addr, &len);
    ok(!WSASendTo(a, &out, 1, &sent, 0, (struct sockaddr *)&addr, sizeof(addr), NULL, NULL) && sent == 4,
       "WSASendTo: %d\n", WSAGetLastError());
    ok(!WSARecvFrom(b, &in, 1, &received, &flags, (struct sockaddr *)&from, &from_len, NULL, NULL) && received == 4,
       "WSARecvFrom: %d\n", WSAGetLastError());
    ok(!memcmp(buf, "dgrm", 4) && from.sin_family == AF_INET && from.sin_addr.s_addr == htonl(INADDR_LOOPBACK) &&
       from_len == sizeof(from), "datagram \"%.4s\" from family %u len %d\n", buf, from.sin_family, from_len);
    closesocket(a);
    closesocket(b);
}

static void test_readfile_writefile(void)
{
    char buf[8] = { 0 };
    DWORD n = 0;
    struct pair p;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    /* Winsock sockets are overlapped handles: pass an OVERLAPPED with an event. */
    {
        OVERLAPPED ov = { 0 };
        ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
        ok(WriteFile((HANDLE)p.client, "file", 4, NULL, &ov) || GetLastError() == ERROR_IO_PENDING, "WriteFile\n");
        ok(GetOverlappedResult((HANDLE)p.client, &ov, &n, TRUE) && n == 4, "WriteFile wrote %lu\n", n);
        ResetEvent(ov.hEvent);
        ok(ReadFile((HANDLE)p.server, buf, sizeof(buf), NULL, &ov) || GetLastError() == ERROR_IO_PENDING, "ReadFile\n");
        ok(GetOverlappedResult((HANDLE)p.server, &ov, &n, TRUE) && n == 4 && !memcmp(buf, "file", 4),
           "ReadFile read %lu \"%.4s\"\n", n, buf);
        CloseHandle(ov.hEvent);
    }
    free_pair(&p);
}

static void expect_error(int ret, int error, const char *what)
{
    ok(ret == SOCKET_ERROR && WSAGetLastError() == error, "%s: %d %d, expected %d\n", what, ret, WSAGetLastError(),
       error);
}

static void test_bad_arguments(void)
{
    char buf[8];
    WSABUF wsabuf = { sizeof(buf), buf };
    DWORD n, flags = 0;
    struct pair p;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    expect_error(WSASend(p.client, &wsabuf, 1, NULL, 0, NULL, NULL), WSAEFAULT, "WSASend without a count");
    expect_error(WSARecv(p.client, &wsabuf, 1, &n, NULL, NULL, NULL), WSAEFAULT, "WSARecv without flags");
    expect_error(WSASend(p.client, (WSABUF *)0x10, 1, &n, 0, NULL, NULL), WSAEFAULT, "unmapped WSABUF array");
    expect_error(WSASend(p.client, &wsabuf, 1, &n, 0, (OVERLAPPED *)0x10, NULL), WSAEFAULT, "unmapped OVERLAPPED");
    expect_error(WSARecv(p.client, &wsabuf, 1, &n, (DWORD *)0x10, NULL, NULL), WSAEFAULT, "unmapped flags");
    expect_error(WSASend((SOCKET)0xdead0, &wsabuf, 1, &n, 0, NULL, NULL), WSAENOTSOCK, "not a socket");
    flags = 0;
    expect_error(WSARecv((SOCKET)0xdead0, &wsabuf, 1, &n, &flags, NULL, NULL), WSAENOTSOCK, "not a socket");
    free_pair(&p);
}

/* WSARecv with no buffer at all fails at once with WSAEINVAL, overlapped
 * too; one empty buffer is a zero-byte receive that waits for data. */
static void test_recv_without_buffers(void)
{
    OVERLAPPED ov = { 0 };
    DWORD flags = 0;
    char c;
    WSABUF empty = { 0, &c };
    struct pair p;
    int ret;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    WSASetLastError(0xdeadbeef);
    ret = WSARecv(p.client, NULL, 0, NULL, &flags, &ov, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "no buffers: %d, error %d\n", ret,
       WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    ret = WSARecv(p.client, &empty, 0, NULL, &flags, &ov, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "count 0: %d, error %d\n", ret, WSAGetLastError());
    ret = WSARecv(p.client, &empty, 1, NULL, &flags, &ov, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "one empty buffer: %d, error %d\n", ret,
       WSAGetLastError());
    CancelIo((HANDLE)p.client);
    WaitForSingleObject(ov.hEvent, 1000);
    CloseHandle(ov.hEvent);
    free_pair(&p);
}

/* An overlapped receive on a connection the peer has reset fails at once
 * with WSAECONNRESET and queues nothing on the socket's completion port
 * (Wine's conformance test_tcp_reset and test_completion_port, recorded on
 * Windows); one on a connection the peer closed gracefully completes with
 * 0 bytes. */
static void overlapped_recv_after_close(BOOL reset)
{
    OVERLAPPED ov = { 0 }, *got = (OVERLAPPED *)0xdeadbeef;
    DWORD received = 0xdeadbeef, flags = 0, bytes;
    ULONG_PTR key = 0xdeadbeef;
    char buffer[16];
    WSABUF buf = { sizeof(buffer), buffer };
    struct timeval tv = { 5, 0 };
    HANDLE port;
    struct pair p;
    fd_set set;
    int ret;

    if (!ok(make_pair(&p), "no socket pair\n")) return;
    port = CreateIoCompletionPort((HANDLE)p.server, NULL, 125, 0);
    if (reset) close_with_reset(p.client);
    else closesocket(p.client);
    FD_ZERO(&set);
    FD_SET(p.server, &set);
    ok_int(select(0, &set, NULL, NULL, &tv), 1, "reset %d: the close was not seen\n", reset);
    ret = WSARecv(p.server, &buf, 1, &received, &flags, &ov, NULL);
    if (reset)
    {
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAECONNRESET, "after a reset: %d, error %d\n", ret,
           WSAGetLastError());
        ok_int(received, 0xdeadbeef, "after a reset: %lu bytes written\n", received);
        ok(!GetQueuedCompletionStatus(port, &bytes, &key, &got, 200) && GetLastError() == WAIT_TIMEOUT,
           "after a reset: a packet was queued (error %lu, key %Iu)\n", GetLastError(), key);
    }
    else
    {
        ok(!ret && !received, "after a graceful close: %d, error %d, %lu bytes\n", ret, WSAGetLastError(),
           received);
        ok(GetQueuedCompletionStatus(port, &bytes, &key, &got, 1000) && got == &ov && !bytes && key == 125,
           "after a graceful close: packet %p, %lu bytes, key %Iu\n", got, bytes, key);
    }
    closesocket(p.server);
    CloseHandle(port);
}

static void test_overlapped_recv_after_reset(void)
{
    overlapped_recv_after_close(TRUE);
    overlapped_recv_after_close(FALSE);
}

START_TEST(overlapped)
{
    WSADATA data;

    WSAStartup(MAKEWORD(2, 2), &data);
    harness_start_watchdog(60000);
    RUN(test_blocking_gather_scatter);
    RUN(test_event_completion);
    RUN(test_routine_completion);
    RUN(test_port_completion);
    RUN(test_result_of_each_status);
    RUN(test_cancel_on_close);
    RUN(test_datagrams);
    RUN(test_readfile_writefile);
    RUN(test_bad_arguments);
    RUN(test_recv_without_buffers);
    RUN(test_overlapped_recv_after_reset);
    WSACleanup();
}
