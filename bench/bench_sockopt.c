/* ws2kit benchmark: the per-call cost of socket options, in microseconds.
 *
 * Each call is timed in --repeat batches of --calls calls on one connected
 * loopback TCP socket (socket_keepalive_close_us makes its own sockets, in
 * batches of a tenth as many), and the median of the batches' per-call costs
 * is printed as one line:
 *
 *   metric=setsockopt_so_keepalive_us value=1.23 impl=ws2kit
 *
 * impl is "builtin" when ws2_32.dll is Wine's own (its PE image carries
 * "Wine builtin DLL" at offset 0x40), else "ws2kit".  A call that Wine's
 * builtin does not support (TCP_KEEPALIVE) prints value=unsupported; any other
 * failure prints value=error and the program exits with status 1.  Lines
 * starting with '#' are comments: the batches, the errors, and read-back checks
 * of the values set.  A watchdog ends the process after --timeout seconds. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mstcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_common.h"

#ifndef TCP_KEEPALIVE
#define TCP_KEEPALIVE 3
#endif

/* ------------------------------------------------------------------ helpers */

/* A connected loopback TCP pair: *client connected to *server. */
static int make_pair(SOCKET *client, SOCKET *server)
{
    struct sockaddr_in addr;
    int len = sizeof(addr);
    SOCKET listener;
    const char *what = "socket";

    *client = *server = INVALID_SOCKET;
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (listener == INVALID_SOCKET) goto fail;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    what = "bind";
    if (bind(listener, (struct sockaddr *)&addr, sizeof(addr))) goto fail;
    what = "listen";
    if (listen(listener, 1)) goto fail;
    what = "getsockname";
    if (getsockname(listener, (struct sockaddr *)&addr, &len)) goto fail;
    what = "socket";
    if ((*client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)) == INVALID_SOCKET) goto fail;
    what = "connect";
    if (connect(*client, (struct sockaddr *)&addr, sizeof(addr))) goto fail;
    what = "accept";
    if ((*server = accept(listener, NULL, NULL)) == INVALID_SOCKET) goto fail;
    closesocket(listener);
    return 0;

fail:
    printf("# error: connection setup: %s failed with error %d (impl=%s)\n", what, WSAGetLastError(), impl_name);
    if (*client != INVALID_SOCKET) closesocket(*client);
    if (listener != INVALID_SOCKET) closesocket(listener);
    return -1;
}

/* ------------------------------------------------------------ the calls */

/* Each returns 0 or the Winsock error of the call that failed. */
typedef int (*bench_op)(SOCKET s);

static int wsa_result(int ret)
{
    return ret ? WSAGetLastError() : 0;
}

static int op_set_keepalive(SOCKET s)
{
    BOOL on = TRUE;
    return wsa_result(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (const char *)&on, sizeof(on)));
}

static int op_get_rcvbuf(SOCKET s)
{
    DWORD value = 0;
    int len = sizeof(value);
    return wsa_result(getsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&value, &len));
}

static int op_set_rcvtimeo(SOCKET s)
{
    DWORD ms = 5000;
    return wsa_result(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (const char *)&ms, sizeof(ms)));
}

static int op_set_nodelay(SOCKET s)
{
    BOOL on = TRUE;
    return wsa_result(setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (const char *)&on, sizeof(on)));
}

static int op_set_tcp_keepalive(SOCKET s)
{
    DWORD seconds = 600;
    return wsa_result(setsockopt(s, IPPROTO_TCP, TCP_KEEPALIVE, (const char *)&seconds, sizeof(seconds)));
}

static int op_keepalive_vals(SOCKET s)
{
    struct tcp_keepalive vals = { 1, 600000, 1000 };
    DWORD returned = 0;
    return wsa_result(WSAIoctl(s, SIO_KEEPALIVE_VALS, &vals, sizeof(vals), NULL, 0, &returned, NULL, NULL));
}

/* The options a program sets between socket() and connect(): the socket is
 * fresh, and Wine does not cache its fd. */
static SOCKET fresh_socket(void)
{
    static SOCKET fresh = INVALID_SOCKET;
    if (fresh == INVALID_SOCKET) fresh = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    return fresh;
}

static int op_fresh_keepalive(SOCKET unused)
{
    (void)unused;
    return op_set_keepalive(fresh_socket());
}

static int op_fresh_nodelay(SOCKET unused)
{
    (void)unused;
    return op_set_nodelay(fresh_socket());
}

/* The same, overlapped on a socket bound to a completion port, until the
 * packet is dequeued: the whole round trip a server's event loop sees. */
static int op_keepalive_vals_iocp(SOCKET s)
{
    static HANDLE port;
    struct tcp_keepalive vals = { 1, 600000, 1000 };
    OVERLAPPED overlapped = { 0 }, *got = NULL;
    DWORD returned = 0, bytes;
    ULONG_PTR key;

    if (!port && !(port = CreateIoCompletionPort((HANDLE)s, NULL, 1, 0))) return GetLastError();
    if (WSAIoctl(s, SIO_KEEPALIVE_VALS, &vals, sizeof(vals), NULL, 0, &returned, &overlapped, NULL) &&
        WSAGetLastError() != WSA_IO_PENDING)
        return WSAGetLastError();
    if (!GetQueuedCompletionStatus(port, &bytes, &key, &got, 5000)) return GetLastError();
    return got == &overlapped ? 0 : WSAEINVAL;
}

static int op_socket_keepalive_close(SOCKET unused)
{
    BOOL on = TRUE;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    int err;

    (void)unused;
    if (s == INVALID_SOCKET) return WSAGetLastError();
    err = wsa_result(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (const char *)&on, sizeof(on)));
    if (closesocket(s) && !err) err = WSAGetLastError();
    return err;
}

struct bench
{
    const char *metric;
    bench_op op;
    int divisor;             /* calls per batch: --calls / divisor */
    int may_be_unsupported;  /* a failure of the first call is reported as unsupported */
};

static const struct bench benches[] =
{
    { "setsockopt_so_keepalive_us",  op_set_keepalive,          1, 0 },
    { "getsockopt_so_rcvbuf_us",     op_get_rcvbuf,             1, 0 },
    { "setsockopt_so_rcvtimeo_us",   op_set_rcvtimeo,           1, 0 },
    { "setsockopt_tcp_nodelay_us",   op_set_nodelay,            1, 0 },
    { "setsockopt_tcp_keepalive_us", op_set_tcp_keepalive,      1, 1 },
    { "wsaioctl_keepalive_vals_us",  op_keepalive_vals,         1, 0 },
    { "fresh_setsockopt_so_keepalive_us", op_fresh_keepalive,   1, 0 },
    { "fresh_setsockopt_tcp_nodelay_us", op_fresh_nodelay,      1, 0 },
    /* binds the socket to a port for good: keep it after the synchronous ones */
    { "wsaioctl_keepalive_vals_iocp_us", op_keepalive_vals_iocp, 1, 0 },
    { "socket_keepalive_close_us",   op_socket_keepalive_close, 10, 0 },
};

/* Reads an option back and says whether it holds what the benchmark set: a
 * benchmark of a call that does nothing would be meaningless. */
static void check_value(SOCKET s, int level, int name, const char *label, DWORD expect)
{
    DWORD value = 0;
    int len = sizeof(value);

    if (getsockopt(s, level, name, (char *)&value, &len))
        printf("# check %s: getsockopt failed with error %d (impl=%s)\n", label, WSAGetLastError(), impl_name);
    else
    {
        if (len == 1) value &= 0xff;
        printf("# check %s: read back %lu (len %d), expected %lu: %s\n", label, (unsigned long)value, len,
               (unsigned long)expect, value == expect ? "ok" : "MISMATCH");
    }
}

/* Returns 0, 1 (error) or 2 (unsupported); *result is the median in us. */
static int run_bench(const struct bench *b, SOCKET s, long calls, int repeat, double *result)
{
    double samples[MAX_REPEAT], t0, t1;
    long i, n = calls / b->divisor, failures;
    int k, err, first_err = 0;

    if (n < 1) n = 1;
    phase = b->metric;
    if ((err = b->op(s)))
    {
        printf("# %s: first call failed with error %d (impl=%s)\n", b->metric, err, impl_name);
        return b->may_be_unsupported ? 2 : 1;
    }
    for (i = 0; i < n / 10; i++) b->op(s);   /* warm-up */
    for (k = 0; k < repeat; k++)
    {
        failures = 0;
        t0 = now_s();
        for (i = 0; i < n; i++)
            if ((err = b->op(s))) { failures++; if (!first_err) first_err = err; }
        t1 = now_s();
        if (failures)
        {
            printf("# %s: %ld of %ld calls failed in batch %d, first error %d (impl=%s)\n",
                   b->metric, failures, n, k + 1, first_err, impl_name);
            return 1;
        }
        samples[k] = (t1 - t0) * 1e6 / n;
        printf("# %s batch %d: %.3f us/call (%ld calls)\n", b->metric, k + 1, samples[k], n);
    }
    *result = median(samples, repeat);
    return 0;
}

/* ------------------------------------------------------------------ main */

static void usage(void)
{
    fprintf(stderr, "usage: bench_sockopt [--calls N] [--repeat K] [--timeout S]\n"
                    "  --calls    calls per batch (default 2000; socket() batches: a tenth)\n"
                    "  --repeat   batches per metric, the median is printed (default 5)\n"
                    "  --timeout  watchdog for the whole program (default 120)\n");
    exit(2);
}

int main(int argc, char **argv)
{
    long calls = 2000, repeat = 5, timeout = 120;
    SOCKET client, server;
    char *end;
    double value;
    size_t j;
    int i, ret, failed = 0;

    setvbuf(stdout, NULL, _IONBF, 0);
    for (i = 1; i + 1 < argc; i += 2)
    {
        long v = strtol(argv[i + 1], &end, 10);
        if (*end || v < 1) usage();
        if (!strcmp(argv[i], "--calls")) calls = v;
        else if (!strcmp(argv[i], "--repeat") && v <= MAX_REPEAT) repeat = v;
        else if (!strcmp(argv[i], "--timeout")) timeout = v;
        else usage();
    }
    if (i != argc) usage();
    if (bench_start((DWORD)timeout)) return 1;

    phase = "connection setup";
    if (make_pair(&client, &server))
    {
        for (j = 0; j < sizeof(benches) / sizeof(benches[0]); j++)
            printf("metric=%s value=error impl=%s\n", benches[j].metric, impl_name);
        ExitProcess(1);
    }

    for (j = 0; j < sizeof(benches) / sizeof(benches[0]); j++)
    {
        ret = run_bench(&benches[j], client, calls, (int)repeat, &value);
        if (ret == 0) printf("metric=%s value=%.3f impl=%s\n", benches[j].metric, value, impl_name);
        else if (ret == 2) printf("metric=%s value=unsupported impl=%s\n", benches[j].metric, impl_name);
        else { printf("metric=%s value=error impl=%s\n", benches[j].metric, impl_name); failed = 1; }
    }

    phase = "read-back checks";
    check_value(client, SOL_SOCKET, SO_KEEPALIVE, "SO_KEEPALIVE", 1);
    check_value(client, SOL_SOCKET, SO_RCVTIMEO, "SO_RCVTIMEO", 5000);
    check_value(client, IPPROTO_TCP, TCP_NODELAY, "TCP_NODELAY", 1);
    check_value(client, IPPROTO_TCP, TCP_KEEPALIVE, "TCP_KEEPALIVE", 600);

    closesocket(client);
    closesocket(server);
    WSACleanup();
    ExitProcess(failed);
    return failed;
}
