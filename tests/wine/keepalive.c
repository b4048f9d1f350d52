/* Keep-alive, the area's home: SO_KEEPALIVE with the registry's values and
 * Windows' probe count, SIO_KEEPALIVE_VALS in milliseconds (its count and
 * every completion style of an overlapped WSAIoctl), and the TCP_KEEP*
 * options reading back what the Linux socket holds.
 *
 * The registry is read once per process, so registry cases run in a child
 * process: `keepalive.exe child IDLE INTERVAL COUNT` checks that
 * setsockopt(SO_KEEPALIVE) gives those values. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mstcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include "harness.h"
#include "sockpair.h"
#include "ioctlcheck.h"

#include "ws2kit/sdk_extra.h"

static const char tcpip_key[] = "SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters";

static DWORD get_dword(SOCKET s, int level, int name)
{
    DWORD value = 0xdeadbeef;
    int len = sizeof(value), ret;

    ret = getsockopt(s, level, name, (char *)&value, &len);
    ok(!ret, "getsockopt(%d, %d) failed: %d\n", level, name, WSAGetLastError());
    return value;
}

static BOOL get_keepalive_flag(SOCKET s)
{
    char value = 0x55;
    int len = sizeof(DWORD), ret;

    ret = getsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &value, &len);
    ok(!ret, "getsockopt(SO_KEEPALIVE) failed: %d\n", WSAGetLastError());
    ok_int(len, 1, "SO_KEEPALIVE wrote %d bytes, Windows writes 1\n", len);
    return value;
}

/* What getsockopt reads back: Windows' values, which Linux may hold clamped
 * (tests/net/keepalive-wire.sh checks what Linux does with them). */
static void check_kernel(SOCKET s, DWORD idle, DWORD interval, DWORD count, int line)
{
    DWORD got_idle = get_dword(s, IPPROTO_TCP, TCP_KEEPALIVE);
    DWORD got_interval = get_dword(s, IPPROTO_TCP, TCP_KEEPINTVL);
    DWORD got_count = get_dword(s, IPPROTO_TCP, TCP_KEEPCNT);

    ok_int(got_idle, idle, "line %d: idle %lu, expected %lu\n", line, got_idle, idle);
    ok_int(got_interval, interval, "line %d: interval %lu, expected %lu\n", line, got_interval, interval);
    ok_int(got_count, count, "line %d: count %lu, expected %lu\n", line, got_count, count);
}

static int keepalive_vals(SOCKET s, ULONG onoff, ULONG time_ms, ULONG interval_ms, DWORD *returned)
{
    struct tcp_keepalive vals = { onoff, time_ms, interval_ms };
    return WSAIoctl(s, SIO_KEEPALIVE_VALS, &vals, sizeof(vals), NULL, 0, returned, NULL, NULL);
}

static void test_so_keepalive(void)
{
    struct pair p;
    DWORD on = 1, off = 0;
    SOCKET udp;
    int ret;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    ok(!get_keepalive_flag(p.client), "keep-alive is on by default\n");

    ret = setsockopt(p.client, SOL_SOCKET, SO_KEEPALIVE, (char *)&on, sizeof(on));
    ok(!ret, "setsockopt(SO_KEEPALIVE, 1) failed: %d\n", WSAGetLastError());
    ok(get_keepalive_flag(p.client), "keep-alive did not turn on\n");
    /* No registry values in this prefix: Windows' defaults, 2 h / 1 s / 10 probes. */
    check_kernel(p.client, 7200, 1, 10, __LINE__);

    ret = setsockopt(p.client, SOL_SOCKET, SO_KEEPALIVE, (char *)&off, sizeof(off));
    ok(!ret, "setsockopt(SO_KEEPALIVE, 0) failed: %d\n", WSAGetLastError());
    ok(!get_keepalive_flag(p.client), "keep-alive did not turn off\n");

    /* One byte is enough, and only the first byte counts. */
    ret = setsockopt(p.client, SOL_SOCKET, SO_KEEPALIVE, "\x01", 1);
    ok(!ret, "1-byte SO_KEEPALIVE failed: %d\n", WSAGetLastError());
    ok(get_keepalive_flag(p.client), "1-byte SO_KEEPALIVE did not turn it on\n");
    on = 0x100;
    ret = setsockopt(p.client, SOL_SOCKET, SO_KEEPALIVE, (char *)&on, sizeof(on));
    ok(!ret, "SO_KEEPALIVE 0x100 failed: %d\n", WSAGetLastError());
    ok(!get_keepalive_flag(p.client), "SO_KEEPALIVE 0x100 should read as FALSE (low byte)\n");

    WSASetLastError(0);
    ret = setsockopt(p.client, SOL_SOCKET, SO_KEEPALIVE, NULL, 4);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "NULL optval: %d %d\n", ret, WSAGetLastError());
    ret = setsockopt(p.client, SOL_SOCKET, SO_KEEPALIVE, (char *)&on, 0);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "optlen 0: %d %d\n", ret, WSAGetLastError());

    udp = socket(AF_INET, SOCK_DGRAM, 0);
    on = 1;
    ret = setsockopt(udp, SOL_SOCKET, SO_KEEPALIVE, (char *)&on, sizeof(on));
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOPROTOOPT,
       "SO_KEEPALIVE on UDP: %d %d\n", ret, WSAGetLastError());
    closesocket(udp);
    free_pair(&p);
}

static void test_tcp_options(void)
{
    struct pair p;
    DWORD value;
    int ret;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    value = 30;
    ok(!setsockopt(p.client, IPPROTO_TCP, TCP_KEEPALIVE, (char *)&value, sizeof(value)), "TCP_KEEPALIVE\n");
    value = 3;
    ok(!setsockopt(p.client, IPPROTO_TCP, TCP_KEEPINTVL, (char *)&value, sizeof(value)), "TCP_KEEPINTVL\n");
    value = 7;
    ok(!setsockopt(p.client, IPPROTO_TCP, TCP_KEEPCNT, (char *)&value, sizeof(value)), "TCP_KEEPCNT\n");
    check_kernel(p.client, 30, 3, 7, __LINE__);

    value = 256;  /* Windows allows at most 255 probes */
    ret = setsockopt(p.client, IPPROTO_TCP, TCP_KEEPCNT, (char *)&value, sizeof(value));
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "TCP_KEEPCNT 256: %d %d\n", ret, WSAGetLastError());
    value = 200;  /* valid on Windows, beyond Linux's 127: Windows reads back 200 */
    ok(!setsockopt(p.client, IPPROTO_TCP, TCP_KEEPCNT, (char *)&value, sizeof(value)), "TCP_KEEPCNT 200\n");
    value = get_dword(p.client, IPPROTO_TCP, TCP_KEEPCNT);
    ok_int(value, 200, "TCP_KEEPCNT 200 read back as %lu\n", value);
    value = 40000;  /* beyond Linux's 32767 s */
    ok(!setsockopt(p.client, IPPROTO_TCP, TCP_KEEPALIVE, (char *)&value, sizeof(value)), "TCP_KEEPALIVE 40000\n");
    value = get_dword(p.client, IPPROTO_TCP, TCP_KEEPALIVE);
    ok_int(value, 40000, "TCP_KEEPALIVE 40000 read back as %lu\n", value);
    {
        /* A short buffer: WSAEFAULT, and *optlen becomes 0 (Wine's recorded test_optsize). */
        static const int options[] = { TCP_KEEPALIVE, TCP_KEEPINTVL, TCP_KEEPCNT };
        int i, len;
        for (i = 0; i < 3; i++)
        {
            len = 2;
            value = 0xdeadbeef;
            ret = getsockopt(p.client, IPPROTO_TCP, options[i], (char *)&value, &len);
            ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT && len == 0 && value == 0xdeadbeef,
               "2-byte get of option %d: %d %d, len %d, value %#lx\n", options[i], ret, WSAGetLastError(), len, value);
        }
    }
    value = 2;
    ret = setsockopt(p.client, IPPROTO_TCP, TCP_KEEPALIVE, (char *)&value, 2);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "2-byte TCP_KEEPALIVE: %d %d\n", ret, WSAGetLastError());
    free_pair(&p);
}

static void test_keepalive_vals(void)
{
    /* TCP_KEEPALIVE and TCP_KEEPINTVL read back what Windows holds, in whole
     * seconds, where Linux can only hold 1..32767 s. */
    static const struct { ULONG time_ms, interval_ms; DWORD idle, interval; } rounding[] =
    {
        { 2000, 1000, 2, 1 },
        { 0, 0, 0, 0 },                        /* Linux gets its shortest, 1 s */
        { 3000, 61000, 3, 61 },
        { 40000000, 40000000, 40000, 40000 },  /* Linux gets its longest, 32767 s */
    };
    struct pair p;
    DWORD returned;
    unsigned int i;
    int ret;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    for (i = 0; i < sizeof(rounding) / sizeof(rounding[0]); i++)
    {
        returned = 0xdeadbeef;
        ret = keepalive_vals(p.client, 1, rounding[i].time_ms, rounding[i].interval_ms, &returned);
        ok(!ret, "SIO_KEEPALIVE_VALS %lu/%lu failed: %d\n", rounding[i].time_ms, rounding[i].interval_ms,
           WSAGetLastError());
        ok_int(returned, 0, "bytes returned %lu\n", returned);
        ok(get_keepalive_flag(p.client), "SIO_KEEPALIVE_VALS did not enable keep-alive\n");
        check_kernel(p.client, rounding[i].idle, rounding[i].interval, 10, __LINE__);
    }
    ok(!keepalive_vals(p.client, 0, 5000, 5000, &returned), "onoff 0 failed\n");
    ok(!get_keepalive_flag(p.client), "onoff 0 left keep-alive on\n");

    /* Bad input. */
    ret = WSAIoctl(p.client, SIO_KEEPALIVE_VALS, NULL, 12, NULL, 0, &returned, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "NULL input: %d %d\n", ret, WSAGetLastError());
    {
        struct tcp_keepalive vals = { 1, 1000, 1000 };
        ret = WSAIoctl(p.client, SIO_KEEPALIVE_VALS, &vals, sizeof(vals) - 1, NULL, 0, &returned, NULL, NULL);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "short input: %d %d\n", ret, WSAGetLastError());
        ret = WSAIoctl(p.client, SIO_KEEPALIVE_VALS, &vals, sizeof(vals), NULL, 0, NULL, NULL, NULL);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "NULL bytes returned: %d %d\n", ret,
           WSAGetLastError());
        ret = WSAIoctl(p.client, SIO_KEEPALIVE_VALS, (void *)0x10, sizeof(vals), NULL, 0, &returned, NULL, NULL);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "unmapped input: %d %d\n", ret,
           WSAGetLastError());
        SOCKET udp = socket(AF_INET, SOCK_DGRAM, 0);
        /* Microsoft's page: WSAENOPROTOOPT "is returned for a datagram socket". */
        ret = WSAIoctl(udp, SIO_KEEPALIVE_VALS, &vals, sizeof(vals), NULL, 0, &returned, NULL, NULL);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOPROTOOPT, "datagram socket: %d %d\n", ret,
           WSAGetLastError());
        closesocket(udp);
        ret = WSAIoctl((SOCKET)0xdead0, SIO_KEEPALIVE_VALS, &vals, sizeof(vals), NULL, 0, &returned, NULL, NULL);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK, "not a socket: %d %d\n", ret,
           WSAGetLastError());
    }
    free_pair(&p);
}

static void test_overlapped_completion(void)
{
    struct tcp_keepalive vals = { 1, 3000, 2000 };
    OVERLAPPED ov;
    struct pair p;
    HANDLE port;
    DWORD returned = 0xdeadbeef, bytes, flags;
    ULONG_PTR key;
    OVERLAPPED *got;
    int ret;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;

    /* Event: completes at once, event signalled, Internal set, count untouched. */
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    ret = WSAIoctl(p.client, SIO_KEEPALIVE_VALS, &vals, sizeof(vals), NULL, 0, &returned, &ov, NULL);
    ok(!ret, "overlapped SIO_KEEPALIVE_VALS failed: %d\n", WSAGetLastError());
    ok_int(returned, 0xdeadbeef, "bytes returned touched on overlapped success: %lu\n", returned);
    ok_int(WaitForSingleObject(ov.hEvent, 1000), WAIT_OBJECT_0, "event not signalled\n");
    ok_int(ov.Internal, 0, "Internal %#Ix\n", ov.Internal);
    ok(WSAGetOverlappedResult(p.client, &ov, &bytes, FALSE, &flags) && bytes == 0,
       "WSAGetOverlappedResult failed: %d\n", WSAGetLastError());
    check_kernel(p.client, 3, 2, 10, __LINE__);

    /* Overlapped with an error: Windows still stores the pending status first. */
    ResetEvent(ov.hEvent);
    ret = WSAIoctl(p.client, SIO_KEEPALIVE_VALS, &vals, 4, NULL, 0, &returned, &ov, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "short overlapped: %d %d\n", ret, WSAGetLastError());

    /* Completion routine: runs as an APC in an alertable wait. */
    apc_count = 0;
    memset(&ov, 0, sizeof(ov));
    ret = WSAIoctl(p.client, SIO_KEEPALIVE_VALS, &vals, sizeof(vals), NULL, 0, &returned, &ov,
                   apc);
    ok(!ret, "SIO_KEEPALIVE_VALS with a routine failed: %d\n", WSAGetLastError());
    ok_int(apc_count, 0, "routine ran before an alertable wait\n");
    SleepEx(0, TRUE);
    ok_int(apc_count, 1, "routine ran %d times\n", apc_count);
    ok(apc_error == 0 && apc_size == 0 && apc_overlapped == &ov, "routine got %lu %lu %p\n",
       apc_error, apc_size, apc_overlapped);

    /* Completion port: one packet with the socket's key. */
    port = CreateIoCompletionPort((HANDLE)p.client, NULL, 0x1234, 0);
    ok(port != NULL, "CreateIoCompletionPort failed: %lu\n", GetLastError());
    memset(&ov, 0, sizeof(ov));
    ret = WSAIoctl(p.client, SIO_KEEPALIVE_VALS, &vals, sizeof(vals), NULL, 0, &returned, &ov, NULL);
    ok(!ret, "SIO_KEEPALIVE_VALS on a port failed: %d\n", WSAGetLastError());
    got = NULL;
    ok(GetQueuedCompletionStatus(port, &bytes, &key, &got, 1000), "no completion packet: %lu\n", GetLastError());
    ok(key == 0x1234 && got == &ov && bytes == 0, "packet key %#Ix overlapped %p bytes %lu\n", key, got, bytes);

    /* The event's low bit keeps the packet off the port. */
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = (HANDLE)((ULONG_PTR)CreateEventW(NULL, TRUE, FALSE, NULL) | 1);
    ret = WSAIoctl(p.client, SIO_KEEPALIVE_VALS, &vals, sizeof(vals), NULL, 0, &returned, &ov, NULL);
    ok(!ret, "SIO_KEEPALIVE_VALS with a marked event failed: %d\n", WSAGetLastError());
    ok(!GetQueuedCompletionStatus(port, &bytes, &key, &got, 100) && GetLastError() == WAIT_TIMEOUT,
       "a packet was queued despite the event's low bit\n");
    CloseHandle((HANDLE)((ULONG_PTR)ov.hEvent & ~1));
    CloseHandle(port);
    free_pair(&p);
}

/* SIO_KEEPALIVE_VALS goes to the transport: with an OVERLAPPED the count is
 * left alone, unless a completion routine is given. */
static void test_keepalive_vals_count(void)
{
    struct tcp_keepalive vals = { 0, 100, 100 };
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    HANDLE port = CreateIoCompletionPort((HANDLE)s, NULL, 123, 0);
    OVERLAPPED ov = { 0 }, *got;
    ULONG_PTR key;
    DWORD size = 0xdeadbeef;
    int ret;

    ret = WSAIoctl(s, SIO_KEEPALIVE_VALS, &vals, sizeof(vals), NULL, 0, &size, &ov, NULL);
    ok(!ret && size == 0xdeadbeef, "keep-alive overlapped: %d count %lu\n", ret, size);
    ok(GetQueuedCompletionStatus(port, &size, &key, &got, 0) && size == 0, "keep-alive: packet %lu bytes %lu\n",
       GetLastError(), size);
    CloseHandle(port);
    closesocket(s);
    s = socket(AF_INET, SOCK_STREAM, 0);
    check_answered_at_once_apc(s, SIO_KEEPALIVE_VALS, &vals, sizeof(vals), NULL, 0, 0, "SIO_KEEPALIVE_VALS");
    closesocket(s);
}

/* SIO_KEEPALIVE_VALS, a driver code, checks its arguments after marking the
 * OVERLAPPED pending: a short input fails with WSAEFAULT and leaves the
 * count alone. */
static void test_keepalive_vals_argument_errors(void)
{
    struct tcp_keepalive vals = { 1, 1000, 1000 };
    OVERLAPPED ov = { 0 };
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    DWORD size = 0xdeadbeef;
    int ret;

    ret = WSAIoctl(s, SIO_KEEPALIVE_VALS, &vals, 0, NULL, 0, &size, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT && size == 0, "short input: %d %d %lu\n", ret,
       WSAGetLastError(), size);
    size = 0xdeadbeef;
    ov.Internal = ov.InternalHigh = 0xdeadbeef;
    ret = WSAIoctl(s, SIO_KEEPALIVE_VALS, &vals, sizeof(vals) - 1, NULL, 0, &size, &ov, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "short overlapped input: %d %d\n", ret,
       WSAGetLastError());
    ok_int(size, 0xdeadbeef, "size touched: %lu\n", size);
    ok(ov.Internal == STATUS_PENDING_ && ov.InternalHigh == 0xdeadbeef, "Internal %#Ix/%#Ix\n", ov.Internal,
       ov.InternalHigh);
    ret = WSAIoctl(s, SIO_KEEPALIVE_VALS, &vals, sizeof(vals), NULL, 0, NULL, &ov, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "NULL count: %d %d\n", ret, WSAGetLastError());
    closesocket(s);
}

/* Vista and later refuse SO_KEEPALIVE while a connect is in progress. */
static void test_connect_in_progress(void)
{
    struct sockaddr_in addr = { AF_INET };
    SOCKET listener, first, pending;
    u_long nonblocking = 1;
    DWORD on = 1;
    int len = sizeof(addr), ret;

    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    listener = socket(AF_INET, SOCK_STREAM, 0);
    bind(listener, (struct sockaddr *)&addr, sizeof(addr));
    listen(listener, 0);
    getsockname(listener, (struct sockaddr *)&addr, &len);
    /* The first connection fills the accept queue; the next SYN is dropped,
     * so the second connect stays in progress. */
    first = socket(AF_INET, SOCK_STREAM, 0);
    ok(!connect(first, (struct sockaddr *)&addr, sizeof(addr)), "first connect failed\n");
    pending = socket(AF_INET, SOCK_STREAM, 0);
    ioctlsocket(pending, FIONBIO, &nonblocking);
    ret = connect(pending, (struct sockaddr *)&addr, sizeof(addr));
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK, "connect: %d %d\n", ret, WSAGetLastError());
    ret = setsockopt(pending, SOL_SOCKET, SO_KEEPALIVE, (char *)&on, sizeof(on));
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
       "SO_KEEPALIVE during connect: %d %d (Vista and later: WSAEINVAL)\n", ret, WSAGetLastError());
    closesocket(pending);
    closesocket(first);
    closesocket(listener);
}

/* Child: setsockopt(SO_KEEPALIVE) must give the expected kernel values. */
static void run_child(DWORD idle, DWORD interval, DWORD count)
{
    struct pair p;
    DWORD on = 1;

    if (!make_pair(&p)) { ok(0, "no loopback connection\n"); return; }
    ok(!setsockopt(p.client, SOL_SOCKET, SO_KEEPALIVE, (char *)&on, sizeof(on)), "SO_KEEPALIVE failed\n");
    check_kernel(p.client, idle, interval, count, __LINE__);
    free_pair(&p);
}

struct registry_value { const char *name; DWORD type; DWORD size; const void *data; };

static void set_registry(const struct registry_value *values, int count)
{
    HKEY key;
    int i;

    if (RegCreateKeyExA(HKEY_LOCAL_MACHINE, tcpip_key, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key, NULL))
    {
        ok(0, "cannot open HKLM\\%s\n", tcpip_key);
        return;
    }
    RegDeleteValueA(key, "KeepAliveTime");
    RegDeleteValueA(key, "KeepAliveInterval");
    for (i = 0; i < count; i++)
        RegSetValueExA(key, values[i].name, 0, values[i].type, values[i].data, values[i].size);
    RegCloseKey(key);
}

static void expect_child(const char *what, DWORD idle, DWORD interval, DWORD count)
{
    char cmd[MAX_PATH + 64], self[MAX_PATH];
    STARTUPINFOA si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    DWORD code = 1;

    GetModuleFileNameA(NULL, self, sizeof(self));
    snprintf(cmd, sizeof(cmd), "\"%s\" child %lu %lu %lu", self, idle, interval, count);
    if (!CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
    {
        ok(0, "%s: cannot start the child: %lu\n", what, GetLastError());
        return;
    }
    WaitForSingleObject(pi.hProcess, 60000);
    GetExitCodeProcess(pi.hProcess, &code);
    ok_int(code, 0, "%s: the child saw other keep-alive values (exit %lu)\n", what, code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
}

static void test_registry(void)
{
    DWORD two_s = 2000, one_s = 1000, zero = 0, big = 40000000;
    const struct registry_value fast[] = {
        { "KeepAliveTime", REG_DWORD, 4, &two_s }, { "KeepAliveInterval", REG_DWORD, 4, &one_s } };
    const struct registry_value corrupt[] = {
        { "KeepAliveTime", REG_SZ, 5, "2000" }, { "KeepAliveInterval", REG_DWORD, 2, &one_s } };
    const struct registry_value out_of_range[] = {
        { "KeepAliveTime", REG_DWORD, 4, &zero }, { "KeepAliveInterval", REG_DWORD, 4, &big } };

    set_registry(fast, 2);
    expect_child("KeepAliveTime=2000 KeepAliveInterval=1000", 2, 1, 10);
    set_registry(corrupt, 2);
    expect_child("values of the wrong type and size", 7200, 1, 10);
    set_registry(out_of_range, 2);
    expect_child("KeepAliveTime 0 (out of range), KeepAliveInterval 40000 s", 7200, 40000, 10);
    set_registry(NULL, 0);
    expect_child("no values", 7200, 1, 10);
}

START_TEST(keepalive)
{
    WSADATA data;
    int argc = __argc;
    char **argv = __argv;

    WSAStartup(MAKEWORD(2, 2), &data);
    if (argc == 5 && !strcmp(argv[1], "child"))
    {
        harness_name = "keepalive-child";
        run_child(strtoul(argv[2], NULL, 10), strtoul(argv[3], NULL, 10), strtoul(argv[4], NULL, 10));
        WSACleanup();
        return;
    }
    RUN(test_so_keepalive);
    RUN(test_tcp_options);
    RUN(test_keepalive_vals);
    RUN(test_overlapped_completion);
    RUN(test_keepalive_vals_count);
    RUN(test_keepalive_vals_argument_errors);
    RUN(test_connect_in_progress);
    RUN(test_registry);
    WSACleanup();
}
