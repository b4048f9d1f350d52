/* ws2kit benchmark: loopback TCP through whichever ws2_32.dll the process got.
 *
 *   pingpong_rps  1-byte request/response between two threads (the server
 *                 thread echoes), round trips per second
 *   bulk_mibps    one thread send()s 64 KiB buffers, the other recv()s into a
 *                 64 KiB buffer, MiB per second
 *   udp_rr_1_rps, udp_rr_1200_rps
 *                 UDP request/response over loopback with 1-byte and 1200-byte
 *                 datagrams: the client sendto()s one, a server thread
 *                 recvfrom()s it and sendto()s it back, the client checks it;
 *                 requests answered per second
 *   pingpong_srvms, udp_rr_1_srvms, udp_rr_1200_srvms
 *                 the wineserver's CPU milliseconds per 100,000 round trips
 *                 in those measurements (bench_common.h: server_cpu_s)
 *
 * Each measurement runs on a fresh connection after a short warm-up, is
 * repeated --repeat times, and the median is printed as one line:
 *
 *   metric=pingpong_rps value=12345.6 impl=ws2kit
 *
 * impl is "builtin" when ws2_32.dll is Wine's own (its PE image carries
 * "Wine builtin DLL" at offset 0x40), else "ws2kit".  Lines starting with '#'
 * are comments (the individual samples, the module path).  A measurement that
 * fails prints value=error; the program then exits with status 1.
 *
 * Every measurement is bounded: it stops after --rounds round trips or
 * --bytes bytes, or after --seconds seconds (--udp-seconds for UDP, so that
 * the two sizes fit in the time of one), whichever comes first; thread
 * joins have time limits, and a watchdog ends the process after --timeout
 * seconds in all. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_common.h"

#define CHUNK (64 * 1024)
#define JOIN_MS 15000

/* ------------------------------------------------------------------ helpers */

static void report_error(const char *what, int err)
{
    printf("# error: %s: %s failed with error %d (impl=%s)\n", (const char *)phase, what, err, impl_name);
    fflush(stdout);
}

/* A connected loopback TCP pair: *client connected to *server. */
static int make_pair(SOCKET *client, SOCKET *server)
{
    struct sockaddr_in addr;
    int len = sizeof(addr);
    SOCKET listener;

    *client = *server = INVALID_SOCKET;
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (listener == INVALID_SOCKET) { report_error("socket(listener)", WSAGetLastError()); return -1; }
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (bind(listener, (struct sockaddr *)&addr, sizeof(addr)))
    { report_error("bind", WSAGetLastError()); goto fail; }
    if (listen(listener, 1)) { report_error("listen", WSAGetLastError()); goto fail; }
    if (getsockname(listener, (struct sockaddr *)&addr, &len))
    { report_error("getsockname", WSAGetLastError()); goto fail; }
    *client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (*client == INVALID_SOCKET) { report_error("socket(client)", WSAGetLastError()); goto fail; }
    if (connect(*client, (struct sockaddr *)&addr, sizeof(addr)))
    { report_error("connect", WSAGetLastError()); goto fail; }
    *server = accept(listener, NULL, NULL);
    if (*server == INVALID_SOCKET) { report_error("accept", WSAGetLastError()); goto fail; }
    closesocket(listener);
    return 0;

fail:
    if (*client != INVALID_SOCKET) closesocket(*client);
    closesocket(listener);
    *client = INVALID_SOCKET;
    return -1;
}

static void set_nodelay(SOCKET s)
{
    BOOL on = TRUE;
    if (setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (const char *)&on, sizeof(on)))
        report_error("setsockopt(TCP_NODELAY)", WSAGetLastError());
}

/* Waits for a worker thread, bounded.  A thread that does not finish means a
 * call that should have returned did not: that is fatal for the benchmark. */
static int join(HANDLE thread, const char *who)
{
    DWORD ret = WaitForSingleObject(thread, JOIN_MS);
    CloseHandle(thread);
    if (ret == WAIT_OBJECT_0) return 0;
    printf("# error: %s: %s thread did not finish within %d ms (impl=%s)\n",
           (const char *)phase, who, JOIN_MS, impl_name);
    fflush(stdout);
    ExitProcess(3);
    return -1;
}

/* ------------------------------------------------------------ ping-pong */

struct echo_ctx
{
    SOCKET s;
    long echoed;
    int err;
};

static DWORD WINAPI echo_thread(void *arg)
{
    struct echo_ctx *ctx = arg;
    char c;
    int r;

    for (;;)
    {
        r = recv(ctx->s, &c, 1, 0);
        if (r == 0) break;                    /* the client is done */
        if (r < 0) { ctx->err = WSAGetLastError(); break; }
        if (send(ctx->s, &c, 1, 0) != 1) { ctx->err = WSAGetLastError(); break; }
        ctx->echoed++;
    }
    return 0;
}

/* One round trip from the client side; returns 0 or the error. */
static int round_trip(SOCKET s, char c)
{
    char back;
    int r;

    if (send(s, &c, 1, 0) != 1) return WSAGetLastError();
    r = recv(s, &back, 1, 0);
    if (r < 0) return WSAGetLastError();
    if (r == 0) return WSAECONNRESET;
    if (back != c) return -1;
    return 0;
}

/* Returns round trips per second, or a negative value on failure. */
static double pingpong_once(long rounds, double seconds, long *done_out, double *srv)
{
    struct echo_ctx ctx = { INVALID_SOCKET, 0, 0 };
    SOCKET client, server;
    HANDLE thread;
    double t0, t1, cpu0, rate = -1;
    long i, done = 0;
    int err = 0;

    if (make_pair(&client, &server)) return -1;
    set_nodelay(client);
    set_nodelay(server);
    ctx.s = server;
    if (!(thread = CreateThread(NULL, 0, echo_thread, &ctx, 0, NULL)))
    {
        report_error("CreateThread", (int)GetLastError());
        closesocket(client);
        closesocket(server);
        return -1;
    }

    for (i = 0; i < 200 && !err; i++) err = round_trip(client, (char)i);   /* warm-up */
    if (err) report_error("warm-up round trip", err);

    cpu0 = server_cpu_s();
    t0 = now_s();
    t1 = t0;
    for (i = 0; i < rounds && !err; i++)
    {
        if ((err = round_trip(client, (char)i)))
        {
            report_error(err == -1 ? "round trip (wrong byte echoed)" : "round trip", err);
            break;
        }
        done++;
        if (!(done & 127) && (t1 = now_s()) - t0 > seconds) break;
    }
    t1 = now_s();
    srv_add(srv, cpu0, server_cpu_s());

    shutdown(client, SD_SEND);
    if (err) { closesocket(client); client = INVALID_SOCKET; }   /* unblocks the echo thread */
    join(thread, "echo");
    if (ctx.err && !err)
    {
        report_error("echo thread", ctx.err);
        err = ctx.err;
    }
    if (client != INVALID_SOCKET) closesocket(client);
    closesocket(server);
    if (!err && t1 > t0) rate = done / (t1 - t0);
    *done_out = done;
    return rate;
}

/* ------------------------------------------------------------------ bulk */

struct sender_ctx
{
    SOCKET s;
    HANDLE start;
    long long total, sent;
    double seconds, t0;
    int err;
};

static DWORD WINAPI sender_thread(void *arg)
{
    struct sender_ctx *ctx = arg;
    char *buf = malloc(CHUNK);
    int n, i;

    if (!buf) { ctx->err = WSAENOBUFS; shutdown(ctx->s, SD_SEND); return 0; }
    for (i = 0; i < CHUNK; i++) buf[i] = (char)(i * 7);
    if (WaitForSingleObject(ctx->start, JOIN_MS) != WAIT_OBJECT_0) ctx->err = -2;
    while (!ctx->err && ctx->sent < ctx->total)
    {
        n = send(ctx->s, buf, CHUNK, 0);
        if (n <= 0) { ctx->err = n < 0 ? WSAGetLastError() : -1; break; }
        ctx->sent += n;
        if (now_s() - ctx->t0 > ctx->seconds) break;
    }
    shutdown(ctx->s, SD_SEND);
    free(buf);
    return 0;
}

/* Returns MiB per second, or a negative value on failure. */
static double bulk_once(long long total, double seconds, long long *received_out)
{
    struct sender_ctx ctx;
    SOCKET client, server;
    HANDLE thread;
    long long received = 0;
    double t0, t1, rate = -1;
    char *buf;
    int n, err = 0;

    *received_out = 0;
    if (!(buf = malloc(CHUNK))) return -1;
    if (make_pair(&client, &server)) { free(buf); return -1; }
    memset(&ctx, 0, sizeof(ctx));
    ctx.s = client;
    ctx.total = total;
    ctx.seconds = seconds;
    ctx.start = CreateEventA(NULL, TRUE, FALSE, NULL);
    if (!ctx.start || !(thread = CreateThread(NULL, 0, sender_thread, &ctx, 0, NULL)))
    {
        report_error("CreateThread", (int)GetLastError());
        closesocket(client);
        closesocket(server);
        free(buf);
        return -1;
    }

    t0 = now_s();
    ctx.t0 = t0;
    SetEvent(ctx.start);
    for (;;)
    {
        n = recv(server, buf, CHUNK, 0);
        if (n == 0) break;
        if (n < 0) { err = WSAGetLastError(); report_error("recv", err); break; }
        received += n;
    }
    t1 = now_s();

    if (err) { closesocket(server); server = INVALID_SOCKET; }   /* unblocks the sender */
    join(thread, "sender");
    CloseHandle(ctx.start);
    if (ctx.err && !err)
    {
        report_error("sender thread", ctx.err);
        err = ctx.err;
    }
    if (!err && received != ctx.sent)
    {
        printf("# error: bulk: received %lld bytes, sender sent %lld (impl=%s)\n", received, ctx.sent, impl_name);
        err = -1;
    }
    closesocket(client);
    if (server != INVALID_SOCKET) closesocket(server);
    free(buf);
    if (!err && t1 > t0) rate = (double)received / (1024.0 * 1024.0) / (t1 - t0);
    *received_out = received;
    return rate;
}

/* ------------------------------------------------------------ UDP request/response */

#define UDP_MAX 1200

struct udp_server_ctx
{
    SOCKET s;
    long answered;
    int err;
};

/* Answers every datagram with itself until an empty one arrives. */
static DWORD WINAPI udp_server_thread(void *arg)
{
    struct udp_server_ctx *ctx = arg;
    char buf[UDP_MAX];
    struct sockaddr_in from;
    int r, len;

    for (;;)
    {
        len = sizeof(from);
        r = recvfrom(ctx->s, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
        if (r == 0) break;                   /* the client is done */
        if (r < 0) { ctx->err = WSAGetLastError(); break; }
        if (sendto(ctx->s, buf, r, 0, (struct sockaddr *)&from, len) != r) { ctx->err = WSAGetLastError(); break; }
        ctx->answered++;
    }
    return 0;
}

static SOCKET udp_socket(struct sockaddr_in *addr)
{
    DWORD timeout_ms = 5000;   /* a lost datagram fails the measurement instead of hanging it */
    int len = sizeof(*addr);
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);

    if (s == INVALID_SOCKET) { report_error("socket(UDP)", WSAGetLastError()); return s; }
    memset(addr, 0, sizeof(*addr));
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(s, (struct sockaddr *)addr, sizeof(*addr)) || getsockname(s, (struct sockaddr *)addr, &len) ||
        setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout_ms, sizeof(timeout_ms)))
    {
        report_error("bind/getsockname/SO_RCVTIMEO(UDP)", WSAGetLastError());
        closesocket(s);
        return INVALID_SOCKET;
    }
    return s;
}

/* One request from the client: returns 0 or the error (-1: wrong answer). */
static int udp_request(SOCKET s, const struct sockaddr_in *to, char *out, char *in, int size, long i)
{
    struct sockaddr_in from;
    int r, len = sizeof(from);

    out[0] = (char)i;
    out[size - 1] = (char)(i >> 8);
    if (sendto(s, out, size, 0, (const struct sockaddr *)to, sizeof(*to)) != size) return WSAGetLastError();
    r = recvfrom(s, in, UDP_MAX, 0, (struct sockaddr *)&from, &len);
    if (r < 0) return WSAGetLastError();
    if (r != size || memcmp(in, out, size)) return -1;
    return 0;
}

/* Returns requests answered per second, or a negative value on failure. */
static double udp_rr_once(int size, long rounds, double seconds, long *done_out, double *srv)
{
    struct udp_server_ctx ctx = { INVALID_SOCKET, 0, 0 };
    struct sockaddr_in server_addr, client_addr;
    char out[UDP_MAX], in[UDP_MAX];
    SOCKET client;
    HANDLE thread;
    double t0, t1, cpu0, rate = -1;
    long i, done = 0;
    int err = 0;

    *done_out = 0;
    if ((ctx.s = udp_socket(&server_addr)) == INVALID_SOCKET) return -1;
    if ((client = udp_socket(&client_addr)) == INVALID_SOCKET) { closesocket(ctx.s); return -1; }
    for (i = 0; i < size; i++) out[i] = (char)(i * 13);
    if (!(thread = CreateThread(NULL, 0, udp_server_thread, &ctx, 0, NULL)))
    {
        report_error("CreateThread", (int)GetLastError());
        closesocket(client);
        closesocket(ctx.s);
        return -1;
    }

    for (i = 0; i < 200 && !err; i++) err = udp_request(client, &server_addr, out, in, size, i);   /* warm-up */
    if (err) report_error(err == -1 ? "warm-up request (wrong answer)" : "warm-up request", err);

    cpu0 = server_cpu_s();
    t0 = now_s();
    for (i = 0; i < rounds && !err; i++)
    {
        if ((err = udp_request(client, &server_addr, out, in, size, i)))
        {
            report_error(err == -1 ? "request (wrong answer)" : "request", err);
            break;
        }
        done++;
        if (!(done & 127) && now_s() - t0 > seconds) break;
    }
    t1 = now_s();
    srv_add(srv, cpu0, server_cpu_s());

    /* The empty datagram ends the server thread; its SO_RCVTIMEO ends it too. */
    sendto(client, out, 0, 0, (const struct sockaddr *)&server_addr, sizeof(server_addr));
    join(thread, "UDP server");
    if (ctx.err && !err)
    {
        report_error("UDP server thread", ctx.err);
        err = ctx.err;
    }
    closesocket(client);
    closesocket(ctx.s);
    if (!err && t1 > t0) rate = done / (t1 - t0);
    *done_out = done;
    return rate;
}

/* ------------------------------------------------------------------ main */

static int parse_count(const char *s, long long *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s) return -1;
    switch (*end)
    {
    case 0: break;
    case 'k': case 'K': v *= 1024; end++; break;
    case 'm': case 'M': v *= 1024 * 1024; end++; break;
    case 'g': case 'G': v *= 1024.0 * 1024 * 1024; end++; break;
    default: return -1;
    }
    if (*end || v < 1) return -1;
    *out = (long long)v;
    return 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: bench_net [--rounds N] [--bytes N[K|M|G]] [--repeat K] [--seconds S]\n"
                    "                 [--udp-seconds S] [--timeout S] [--only pingpong|bulk|udp]\n"
                    "  --rounds   round trips per ping-pong measurement (default 20000)\n"
                    "             (and requests per UDP measurement)\n"
                    "  --bytes    bytes per bulk measurement (default 256M)\n"
                    "  --repeat   measurements per metric, the median is printed (default 3)\n"
                    "  --seconds  time cap of one measurement (default 2)\n"
                    "  --udp-seconds  time cap of one UDP measurement (default 1)\n"
                    "  --timeout  watchdog for the whole program (default 120)\n");
    exit(2);
}

int main(int argc, char **argv)
{
    long long rounds = 20000, bytes = 256LL * 1024 * 1024, repeat = 3, timeout = 120;
    double seconds = 2, udp_seconds = 1, samples[MAX_REPEAT];
    const char *only = NULL;
    int i, k, failed = 0;

    setvbuf(stdout, NULL, _IONBF, 0);
    for (i = 1; i < argc; i++)
    {
        const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!val) usage();
        if (!strcmp(opt, "--rounds")) { if (parse_count(val, &rounds)) usage(); }
        else if (!strcmp(opt, "--bytes")) { if (parse_count(val, &bytes)) usage(); }
        else if (!strcmp(opt, "--repeat")) { if (parse_count(val, &repeat) || repeat > MAX_REPEAT) usage(); }
        else if (!strcmp(opt, "--timeout")) { if (parse_count(val, &timeout)) usage(); }
        else if (!strcmp(opt, "--seconds")) { seconds = atof(val); if (seconds <= 0) usage(); }
        else if (!strcmp(opt, "--udp-seconds")) { udp_seconds = atof(val); if (udp_seconds <= 0) usage(); }
        else if (!strcmp(opt, "--only"))
        {
            if (strcmp(val, "pingpong") && strcmp(val, "bulk") && strcmp(val, "udp")) usage();
            only = val;
        }
        else usage();
        i++;
    }
    if (bench_start((DWORD)timeout)) return 1;

    if (!only || !strcmp(only, "pingpong"))
    {
        double srv = 0, total = 0;
        phase = "pingpong";
        for (k = 0; k < repeat; k++)
        {
            long done = 0;
            samples[k] = pingpong_once((long)rounds, seconds, &done, &srv);
            if (samples[k] < 0) break;
            total += done;
            printf("# pingpong_rps sample %d: %.1f (%ld round trips)\n", k + 1, samples[k], done);
        }
        if (k < repeat) { printf("metric=pingpong_rps value=error impl=%s\n", impl_name); failed = 1; }
        else
        {
            printf("metric=pingpong_rps value=%.1f impl=%s\n", median(samples, (int)repeat), impl_name);
            srvms_report("pingpong_srvms", srv, total);
        }
    }

    if (!only || !strcmp(only, "bulk"))
    {
        long long got;
        phase = "bulk warm-up";
        if (bulk_once(16LL * 1024 * 1024 < bytes ? 16LL * 1024 * 1024 : bytes, seconds, &got) < 0)
            k = 0;
        else
        {
            phase = "bulk";
            for (k = 0; k < repeat; k++)
            {
                samples[k] = bulk_once(bytes, seconds, &got);
                if (samples[k] < 0) break;
                printf("# bulk_mibps sample %d: %.1f (%.1f MiB)\n", k + 1, samples[k], got / 1048576.0);
            }
        }
        if (k < repeat) { printf("metric=bulk_mibps value=error impl=%s\n", impl_name); failed = 1; }
        else printf("metric=bulk_mibps value=%.1f impl=%s\n", median(samples, (int)repeat), impl_name);
    }

    if (!only || !strcmp(only, "udp"))
    {
        static const int sizes[] = { 1, 1200 };
        char metric[32];
        size_t j;

        for (j = 0; j < sizeof(sizes) / sizeof(sizes[0]); j++)
        {
            double srv = 0, total = 0;
            snprintf(metric, sizeof(metric), "udp_rr_%d", sizes[j]);
            phase = metric;
            for (k = 0; k < repeat; k++)
            {
                long done = 0;
                samples[k] = udp_rr_once(sizes[j], (long)rounds, udp_seconds, &done, &srv);
                if (samples[k] < 0) break;
                total += done;
                printf("# %s_rps sample %d: %.1f (%ld requests)\n", metric, k + 1, samples[k], done);
            }
            if (k < repeat) { printf("metric=%s_rps value=error impl=%s\n", metric, impl_name); failed = 1; }
            else
            {
                printf("metric=%s_rps value=%.1f impl=%s\n", metric, median(samples, (int)repeat), impl_name);
                strcat(metric, "_srvms");
                srvms_report(metric, srv, total);
            }
        }
    }

    WSACleanup();
    fflush(stdout);
    /* ExitProcess: do not wait for the watchdog thread. */
    ExitProcess(failed);
    return failed;
}
