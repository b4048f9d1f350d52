/* Reused handle values, the area's home: a value that comes back after
 * closesocket or CloseHandle names the new socket (options reach it, and it
 * shows none of the old socket's remembered values), and handles stay stable
 * over 10,000 loopback connect/close cycles.
 *
 * In the cycles most client sockets are closed with closesocket, some with CloseHandle (as
 * the Go runtime does), and some cycles accept with AcceptEx into a new
 * socket.  Handle values are reused all the time; on every socket whose
 * value was seen before, keep-alive is set with SIO_KEEPALIVE_VALS to an idle
 * time of its own (before connect() on a client), and must show up
 * afterwards in getsockopt(SO_KEEPALIVE) and in the Linux socket's
 * TCP_KEEPIDLE (getsockopt(IPPROTO_TCP, TCP_KEEPALIVE)): an option that went
 * to whatever socket the value named before would leave the default there.
 * The process's handle count, and its Linux fd count, must not grow.
 * Wine 8.0's GetProcessHandleCount always answers 0, so the count also comes
 * from the system handle table (NtQuerySystemInformation), which Wine fills
 * from the wineserver. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <mstcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "ws2kit/sdk_extra.h"
#include "harness.h"
#include "sockpair.h"

#define CYCLES 10000
#define WARMUP 200              /* cycles before the first handle count */
#define HANDLE_SLACK 16         /* handles the count may drift by (thread pool, events) */
#define MAX_VALUE (1 << 20)     /* handle values tracked */

enum close_kind { CLOSE_SOCKET, CLOSE_HANDLE, ACCEPT_EX };

/* Cycle i's kind: one in ten closes the client with CloseHandle, one in ten
 * accepts with AcceptEx, the rest use closesocket. */
static enum close_kind kind_of(int i)
{
    switch (i % 10)
    {
    case 3: return CLOSE_HANDLE;
    case 7: return ACCEPT_EX;
    default: return CLOSE_SOCKET;
    }
}

static unsigned char seen[MAX_VALUE];
static LPFN_ACCEPTEX accept_ex;
static int reused[3], checked[3], wrong[3];

static BOOL was_seen(SOCKET s)
{
    size_t v = (size_t)s >> 2;
    BOOL before;

    if (v >= MAX_VALUE) return FALSE;
    before = seen[v];
    seen[v] = 1;
    return before;
}

/* Keep-alive on, with an idle time that names the cycle (1..1000 s). */
static DWORD idle_for(int i)
{
    return 1 + i % 1000;
}

static BOOL set_keepalive(SOCKET s, DWORD idle_s)
{
    struct tcp_keepalive vals = { 1, idle_s * 1000, 1000 };
    DWORD bytes;

    return !WSAIoctl(s, SIO_KEEPALIVE_VALS, &vals, sizeof(vals), NULL, 0, &bytes, NULL, NULL);
}

/* Whether the socket has keep-alive on with that idle time, as Winsock and
 * as the Linux socket (TCP_KEEPIDLE) report it. */
static BOOL has_keepalive(SOCKET s, DWORD idle_s)
{
    DWORD on = 0, idle = 0;
    int len = sizeof(on), idle_len = sizeof(idle);

    if (getsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (char *)&on, &len)) return FALSE;
    if (getsockopt(s, IPPROTO_TCP, TCP_KEEPALIVE, (char *)&idle, &idle_len)) return FALSE;
    return on && idle == idle_s;
}

/* This process's entries in the system handle table; 0 when unavailable. */
struct handle_entry { ULONG pid; BYTE type, flags; USHORT value; void *object; ULONG access; };
struct handle_table { ULONG count; struct handle_entry entries[1]; };

static DWORD table_handle_count(void)
{
    static LONG (WINAPI *query)(int, void *, ULONG, ULONG *);
    static ULONG size = 1 << 16;
    struct handle_table *table;
    DWORD count = 0, i;
    LONG status;

    if (!query) query = (void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtQuerySystemInformation");
    if (!query) return 0;
    for (;;)
    {
        if (!(table = malloc(size))) return 0;
        status = query(16 /* SystemHandleInformation */, table, size, NULL);
        if (status != (LONG)0xc0000004 /* STATUS_INFO_LENGTH_MISMATCH */) break;
        free(table);
        size *= 2;
    }
    if (!status)
        for (i = 0; i < table->count; i++)
            if (table->entries[i].pid == GetCurrentProcessId()) count++;
    free(table);
    return count;
}

static DWORD api_handle_count(void)
{
    DWORD count = 0;
    return GetProcessHandleCount(GetCurrentProcess(), &count) ? count : 0;
}

/* The number of Linux fds of this process (Wine shows / as Z:). */
static int linux_fd_count(void)
{
    WIN32_FIND_DATAA data;
    HANDLE find = FindFirstFileA("Z:\\proc\\self\\fd\\*", &data);
    int count = 0;

    if (find == INVALID_HANDLE_VALUE) return -1;
    do if (data.cFileName[0] != '.') count++;
    while (FindNextFileA(find, &data));
    FindClose(find);
    return count;
}

static void close_client(SOCKET s, enum close_kind kind)
{
    /* An abortive close: no TIME_WAIT left behind by 10,000 connections. */
    struct linger linger = { 1, 0 };

    setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&linger, sizeof(linger));
    if (kind == CLOSE_HANDLE) ok(CloseHandle((HANDLE)s), "CloseHandle: %lu\n", GetLastError());
    else ok(!closesocket(s), "closesocket: %d\n", WSAGetLastError());
}

/* connect() and accept(); keep-alive is set on the client before it
 * connects when its handle value was used before. */
static BOOL cycle_accept(SOCKET listener, const struct sockaddr_in *addr, int i, enum close_kind kind)
{
    SOCKET client = socket(AF_INET, SOCK_STREAM, 0), server;
    BOOL check = was_seen(client);

    if (client == INVALID_SOCKET) return FALSE;
    if (check)
    {
        reused[kind]++;
        if (!set_keepalive(client, idle_for(i))) wrong[kind]++;
    }
    if (connect(client, (const struct sockaddr *)addr, sizeof(*addr)))
    {
        ok(0, "cycle %d: connect: %d\n", i, WSAGetLastError());
        closesocket(client);
        return FALSE;
    }
    server = accept(listener, NULL, NULL);
    ok(server != INVALID_SOCKET, "cycle %d: accept: %d\n", i, WSAGetLastError());
    if (check)
    {
        checked[kind]++;
        if (!has_keepalive(client, idle_for(i))) wrong[kind]++;
    }
    close_client(client, kind);
    closesocket(server);
    return TRUE;
}

/* AcceptEx into a new socket; keep-alive is set on the accepted-into socket
 * when its handle value was used before.  (Set before AcceptEx, it would be
 * lost under Wine: the wineserver gives the accepting socket the accepted
 * connection's fd, which has the listener's options.) */
static BOOL cycle_accept_ex(SOCKET listener, const struct sockaddr_in *addr, int i, HANDLE event)
{
    SOCKET acceptor = socket(AF_INET, SOCK_STREAM, 0), client;
    char buffer[2 * (sizeof(struct sockaddr_in) + 16)];
    OVERLAPPED ov = { 0 };
    BOOL check = was_seen(acceptor), done;
    DWORD bytes;

    if (acceptor == INVALID_SOCKET) return FALSE;
    if (check) reused[ACCEPT_EX]++;
    ResetEvent(event);
    ov.hEvent = event;
    if (!accept_ex(listener, acceptor, buffer, 0, sizeof(struct sockaddr_in) + 16, sizeof(struct sockaddr_in) + 16,
                   &bytes, &ov) && WSAGetLastError() != WSA_IO_PENDING)
    {
        ok(0, "cycle %d: AcceptEx: %d\n", i, WSAGetLastError());
        closesocket(acceptor);
        return FALSE;
    }
    client = socket(AF_INET, SOCK_STREAM, 0);
    ok(!connect(client, (const struct sockaddr *)addr, sizeof(*addr)), "cycle %d: connect: %d\n", i,
       WSAGetLastError());
    done = WaitForSingleObject(event, 10000) == WAIT_OBJECT_0 &&
           GetOverlappedResult((HANDLE)listener, &ov, &bytes, FALSE);
    ok(done, "cycle %d: AcceptEx did not complete: %lu\n", i, GetLastError());
    if (done)
    {
        setsockopt(acceptor, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&listener, sizeof(listener));
        if (check)
        {
            checked[ACCEPT_EX]++;
            if (!set_keepalive(acceptor, idle_for(i)) || !has_keepalive(acceptor, idle_for(i))) wrong[ACCEPT_EX]++;
        }
    }
    close_client(client, CLOSE_SOCKET);
    close_client(acceptor, i % 20 == 7 ? CLOSE_HANDLE : CLOSE_SOCKET);
    return done;
}

/* A new socket of that type at the handle value of a closed one: a few tries,
 * or INVALID_SOCKET. */
static SOCKET socket_at_value(SOCKET value, int type)
{
    int tries;

    for (tries = 0; tries < 16; tries++)
    {
        SOCKET s = socket(AF_INET, type, 0);
        if (s == value) return s;
        closesocket(s);
    }
    return INVALID_SOCKET;
}

/* A handle value that comes back after closesocket or CloseHandle must take
 * options to the new socket, never to a stale fd of the old one. */
static void test_options_reach_reused_value(void)
{
    int how;

    for (how = 0; how < 4; how++)
    {
        /* 0, 1: a datagram socket closed by closesocket or CloseHandle;
         * 2, 3: the same for a stream socket that had an option set before it
         * was connected (ws2kit.so keeps such a socket's fd), its value then
         * taken by a datagram socket. */
        BOOL fresh_stream = how >= 2, by_handle = how & 1;
        int old_type = fresh_stream ? SOCK_STREAM : SOCK_DGRAM, new_type = fresh_stream ? SOCK_DGRAM : SOCK_STREAM;
        const char *what = by_handle ? "CloseHandle" : "closesocket";
        SOCKET old = socket(AF_INET, old_type, 0), s;
        DWORD value = 1;
        int size = 4, ret;

        if (fresh_stream)
            ok(!setsockopt(old, IPPROTO_TCP, TCP_NODELAY, (char *)&value, 4), "TCP_NODELAY on a fresh socket\n");
        if (by_handle) CloseHandle((HANDLE)old); else closesocket(old);
        s = socket_at_value(old, new_type);
        if (s == INVALID_SOCKET) { skip("handle value %#Ix was not reused\n", old); continue; }
        if (new_type == SOCK_STREAM)
        {
            value = 42;
            ok(!setsockopt(s, IPPROTO_TCP, TCP_KEEPALIVE, (char *)&value, 4),
               "%s: TCP_KEEPALIVE on the reused value failed: %d\n", what, WSAGetLastError());
        }
        else
        {
            value = 1;
            ret = setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (char *)&value, 4);
            ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOPROTOOPT,
               "TCP_NODELAY on the datagram socket that took a stream socket's value: %d, error %d\n", ret,
               WSAGetLastError());
        }
        ok(!getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&value, &size) && value == (DWORD)new_type,
           "%s: the reused value reached a socket of type %lu\n", what, value);
        closesocket(s);
    }
}

/* SO_RCVBUF, SO_SNDBUF, SO_RCVTIMEO and SO_SNDTIMEO are remembered once read
 * or set: a reused handle value must not show the old socket's values, and a
 * value closed with CloseHandle must stop answering. */
static void test_remembered_values(void)
{
    static const int options[] = { SO_RCVBUF, SO_SNDBUF, SO_RCVTIMEO, SO_SNDTIMEO };
    unsigned int i;

    for (i = 0; i < sizeof(options) / sizeof(options[0]); i++)
    {
        SOCKET s = socket(AF_INET, SOCK_DGRAM, 0), again;
        DWORD value = 0x2345, fresh_value = 0, first = 0;
        int size = 4, ret;

        getsockopt(s, SOL_SOCKET, options[i], (char *)&first, &size);
        ok(!setsockopt(s, SOL_SOCKET, options[i], (char *)&value, 4), "%#x: set\n", options[i]);
        value = 0;
        ok(!getsockopt(s, SOL_SOCKET, options[i], (char *)&value, &size) && value == 0x2345,
           "%#x: read back %#lx\n", options[i], value);
        CloseHandle((HANDLE)s);
        ret = getsockopt(s, SOL_SOCKET, options[i], (char *)&value, &size);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK,
           "a remembered option on a handle closed with CloseHandle: %d, error %d\n", ret, WSAGetLastError());
        again = socket_at_value(s, SOCK_DGRAM);
        if (again == INVALID_SOCKET) { skip("handle value %#Ix was not reused\n", s); continue; }
        ok(!getsockopt(again, SOL_SOCKET, options[i], (char *)&fresh_value, &size) && fresh_value == first,
           "%#x: the new socket at the same value reads %#lx, a new socket's %#lx\n", options[i], fresh_value,
           first);
        closesocket(again);
    }
}

/* 10,000 connect/close cycles: options reach the socket a reused value names,
 * and neither handles nor Linux fds leak. */
static void test_stable_over_many_cycles(void)
{
    static const char *names[] = { "closesocket", "CloseHandle", "AcceptEx" };
    GUID guid = WSAID_ACCEPTEX;
    struct sockaddr_in addr;
    DWORD api_start = 0, api_max = 0, table_start = 0, table_max = 0, bytes;
    int fds_start = -1, fds_end, i, k, failures = 0;
    ULONGLONG started;
    SOCKET listener;
    HANDLE event;

    listener = loopback_listener(&addr);
    ok(listener != INVALID_SOCKET, "no listener\n");
    ok(!WSAIoctl(listener, SIO_GET_EXTENSION_FUNCTION_POINTER, &guid, sizeof(guid), &accept_ex, sizeof(accept_ex),
                 &bytes, NULL, NULL), "no AcceptEx: %d\n", WSAGetLastError());
    if (listener == INVALID_SOCKET || !accept_ex) return;
    event = CreateEventW(NULL, TRUE, FALSE, NULL);
    started = GetTickCount64();

    for (i = 0; i < CYCLES && failures < 10; i++)
    {
        enum close_kind kind = kind_of(i);
        BOOL good = kind == ACCEPT_EX ? cycle_accept_ex(listener, &addr, i, event)
                                      : cycle_accept(listener, &addr, i, kind);
        if (!good) failures++;
        if (i == WARMUP)
        {
            api_start = api_max = api_handle_count();
            table_start = table_max = table_handle_count();
            fds_start = linux_fd_count();
        }
        if (i > WARMUP && (i % 500 == 0 || i == CYCLES - 1))
        {
            api_max = max(api_max, api_handle_count());
            table_max = max(table_max, table_handle_count());
        }
    }
    ok_int(i, CYCLES, "stopped after %d cycles\n", i);
    trace("%d cycles in %lu ms\n", i, (unsigned long)(GetTickCount64() - started));

    ok(api_start || table_start, "no handle count at all\n");
    ok(api_max <= api_start + HANDLE_SLACK, "GetProcessHandleCount grew: %lu after warm-up, %lu at most\n",
       api_start, api_max);
    ok(table_max <= table_start + HANDLE_SLACK, "handle table entries grew: %lu after warm-up, %lu at most\n",
       table_start, table_max);
    fds_end = linux_fd_count();
    if (fds_start < 0 || fds_end < 0) skip("no /proc/self/fd through Z:\n");
    else ok(fds_end <= fds_start + HANDLE_SLACK, "Linux fd count grew: %d after warm-up, %d at the end\n",
            fds_start, fds_end);
    trace("GetProcessHandleCount %lu (max %lu), handle table %lu (max %lu), Linux fds %d -> %d\n", api_start,
          api_max, table_start, table_max, fds_start, fds_end);

    for (k = 0; k < 3; k++)
    {
        /* Handle values come back all the time; without reuse nothing here
         * would have been tested. */
        ok(reused[k] > 0 && checked[k] == reused[k], "%s: %d reused values, %d checked\n", names[k], reused[k],
           checked[k]);
        ok(!wrong[k], "%s: keep-alive wrong on %d of %d sockets with a reused handle value\n", names[k], wrong[k],
           checked[k]);
        trace("%s: %d sockets on a reused handle value checked\n", names[k], checked[k]);
    }
    CloseHandle(event);
    closesocket(listener);
}

START_TEST(handle_reuse)
{
    WSADATA data;

    harness_start_watchdog(120000);
    WSAStartup(MAKEWORD(2, 2), &data);
    RUN(test_options_reach_reused_value);
    RUN(test_remembered_values);
    RUN(test_stable_over_many_cycles);
    WSACleanup();
}
