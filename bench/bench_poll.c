/* ws2kit benchmark: readiness-driven echo servers, select() and WSAPoll().
 *
 *   select_echo_rps   --conns (default 100) loopback TCP connections; one
 *                     server thread waits in select() on all their server
 *                     ends (non-blocking) and echoes what each readable one
 *                     received; requests answered per second
 *   wsapoll_echo_rps  the same with WSAPoll()
 *   select_echo_srvms, wsapoll_echo_srvms
 *                     the wineserver's CPU milliseconds per 100,000 requests
 *
 * The clients run on another thread: each round sends one --size byte
 * request on every connection, then reads every answer back (blocking) and
 * checks it, so the server sees many connections ready at once.  After a
 * warm-up the answered requests are counted over --repeat windows of
 * --seconds each; the median window is printed as one line:
 *
 *   metric=select_echo_rps value=12345.6 impl=ws2kit
 *
 * (impl as in bench_common.h; '#' lines are comments, value=error on failure
 * with exit status 1).  Bounded: the server waits at most 100 ms per call
 * and looks at the stop flag between calls, the clients' receives have a
 * time-out, joins have time limits, and the watchdog ends the process after
 * --timeout seconds. */
#define FD_SETSIZE 1024
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_common.h"

#define MAX_CONNS 1000
#define MAX_MSG 4096
#define JOIN_MS 15000

enum mode { MODE_SELECT, MODE_POLL };

static SOCKET clients[MAX_CONNS], servers[MAX_CONNS];
static int conns = 100, msg_size = 64;
static enum mode mode;
static volatile LONG stopping, server_stopping, requests, client_err, server_err;
static const char *server_what = "", *client_what = "";

static void report_error(const char *what, int err)
{
    printf("# error: %s: %s failed with error %d (impl=%s)\n", (const char *)phase, what, err, impl_name);
    fflush(stdout);
}

static int connect_all(void)
{
    struct sockaddr_in addr;
    int i;
    DWORD timeout_ms = 5000;
    u_long nonblocking = 1;
    BOOL on = TRUE;
    SOCKET listener = bench_loopback_listener(&addr);

    if (listener == INVALID_SOCKET)
    {
        report_error("listener", WSAGetLastError());
        return -1;
    }
    for (i = 0; i < conns; i++)
    {
        if ((clients[i] = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)) == INVALID_SOCKET ||
            connect(clients[i], (struct sockaddr *)&addr, sizeof(addr)))
        { report_error("connect", WSAGetLastError()); break; }
        if ((servers[i] = accept(listener, NULL, NULL)) == INVALID_SOCKET)
        { report_error("accept", WSAGetLastError()); break; }
        if (setsockopt(clients[i], IPPROTO_TCP, TCP_NODELAY, (const char *)&on, sizeof(on)) ||
            setsockopt(servers[i], IPPROTO_TCP, TCP_NODELAY, (const char *)&on, sizeof(on)) ||
            setsockopt(clients[i], SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout_ms, sizeof(timeout_ms)) ||
            ioctlsocket(servers[i], FIONBIO, &nonblocking))
        { report_error("setsockopt/ioctlsocket", WSAGetLastError()); break; }
    }
    closesocket(listener);
    return i == conns ? 0 : -1;
}

static void fail_server(const char *what, int err)
{
    if (InterlockedCompareExchange(&server_err, err ? err : -1, 0) == 0) server_what = what;
}

/* Echoes what one ready server end holds; FALSE on a failure. */
static BOOL echo(SOCKET s)
{
    char buf[MAX_MSG];
    int r = recv(s, buf, sizeof(buf), 0), sent = 0, n;

    if (r < 0 && WSAGetLastError() == WSAEWOULDBLOCK) return TRUE;   /* not ready after all */
    if (r <= 0) { fail_server("recv", r ? WSAGetLastError() : WSAECONNRESET); return FALSE; }
    while (sent < r)
    {
        /* At most one request per connection is in flight: it fits. */
        if ((n = send(s, buf + sent, r - sent, 0)) <= 0) { fail_server("send", WSAGetLastError()); return FALSE; }
        sent += n;
    }
    return TRUE;
}

static DWORD WINAPI select_server(void *arg)
{
    struct timeval tv = { 0, 100000 };
    static fd_set readable;
    int i, n;

    (void)arg;
    while (!server_stopping && !server_err)
    {
        FD_ZERO(&readable);
        for (i = 0; i < conns; i++) FD_SET(servers[i], &readable);
        if ((n = select(0, &readable, NULL, NULL, &tv)) < 0) { fail_server("select", WSAGetLastError()); break; }
        for (i = 0; i < conns && n > 0; i++)
            if (FD_ISSET(servers[i], &readable)) { n--; if (!echo(servers[i])) break; }
    }
    return 0;
}

static DWORD WINAPI poll_server(void *arg)
{
    static WSAPOLLFD fds[MAX_CONNS];
    int i, n;

    (void)arg;
    for (i = 0; i < conns; i++) { fds[i].fd = servers[i]; fds[i].events = POLLRDNORM; }
    while (!server_stopping && !server_err)
    {
        if ((n = WSAPoll(fds, conns, 100)) < 0) { fail_server("WSAPoll", WSAGetLastError()); break; }
        for (i = 0; i < conns && n > 0; i++)
        {
            if (!fds[i].revents) continue;
            n--;
            if (fds[i].revents & ~POLLRDNORM) { fail_server("WSAPoll (error event)", fds[i].revents); break; }
            if (!echo(servers[i])) break;
        }
    }
    return 0;
}

static void fail_client(const char *what, int err)
{
    if (InterlockedCompareExchange(&client_err, err ? err : -1, 0) == 0) client_what = what;
}

/* Rounds of one request on every connection, then every answer. */
static DWORD WINAPI client_thread(void *arg)
{
    char out[MAX_MSG], in[MAX_MSG];
    long round;
    int i, got, r;

    (void)arg;
    for (round = 0; !stopping && !client_err && !server_err; round++)
    {
        for (i = 0; i < conns; i++)
        {
            memset(out, 'a' + (round + i) % 26, msg_size);
            if (send(clients[i], out, msg_size, 0) != msg_size) { fail_client("send", WSAGetLastError()); return 0; }
        }
        for (i = 0; i < conns; i++)
        {
            for (got = 0; got < msg_size; got += r)
                if ((r = recv(clients[i], in + got, msg_size - got, 0)) <= 0)
                {
                    fail_client("recv", r ? WSAGetLastError() : WSAECONNRESET);
                    return 0;
                }
            if (in[0] != 'a' + (round + i) % 26 || in[msg_size - 1] != in[0])
            {
                fail_client("recv (wrong answer)", -1);
                return 0;
            }
            InterlockedIncrement(&requests);
        }
    }
    return 0;
}

/* One mode: returns the median requests per second, or -1. */
static double run_mode(long repeat, double seconds, double *srv, double *total)
{
    double samples[MAX_REPEAT], t0, t1, cpu0;
    HANDLE threads[2];
    LONG before, after;
    int k, failed = 0;

    stopping = server_stopping = requests = client_err = server_err = 0;
    *srv = *total = 0;
    threads[0] = CreateThread(NULL, 0, mode == MODE_SELECT ? select_server : poll_server, NULL, 0, NULL);
    threads[1] = CreateThread(NULL, 0, client_thread, NULL, 0, NULL);
    if (!threads[0] || !threads[1]) { report_error("CreateThread", (int)GetLastError()); ExitProcess(1); }

    Sleep(300);                                    /* warm-up */
    for (k = 0; k < repeat && !client_err && !server_err; k++)
    {
        before = requests;
        cpu0 = server_cpu_s();
        t0 = now_s();
        Sleep((DWORD)(seconds * 1000));
        after = requests;
        t1 = now_s();
        srv_add(srv, cpu0, server_cpu_s());
        samples[k] = (after - before) / (t1 - t0);
        *total += after - before;
        printf("# %s_echo_rps sample %d: %.1f\n", mode == MODE_SELECT ? "select" : "wsapoll", k + 1, samples[k]);
    }
    /* The clients finish their round (the server answers it), then the
     * server stops. */
    InterlockedExchange(&stopping, 1);
    if (WaitForSingleObject(threads[1], JOIN_MS) != WAIT_OBJECT_0)
    {
        report_error("joining the client thread", WSAETIMEDOUT);
        ExitProcess(1);
    }
    InterlockedExchange(&server_stopping, 1);
    if (WaitForMultipleObjects(2, threads, TRUE, JOIN_MS) != WAIT_OBJECT_0)
    {
        report_error("joining the threads", WSAETIMEDOUT);
        ExitProcess(1);
    }
    CloseHandle(threads[0]);
    CloseHandle(threads[1]);
    if (server_err) { report_error(server_what, server_err); failed = 1; }
    if (client_err) { report_error(client_what, client_err); failed = 1; }
    return failed || k < repeat ? -1 : median(samples, (int)repeat);
}

/* Reads what the last round left in flight, so the next mode starts clean:
 * the clients stopped after a whole round, whose answers they all read. */
static int check_quiet(void)
{
    u_long pending;
    int i;

    for (i = 0; i < conns; i++)
        if (ioctlsocket(servers[i], FIONREAD, &pending) || pending)
        {
            printf("# error: connection %d holds %lu unread request bytes (impl=%s)\n", i, pending, impl_name);
            return -1;
        }
    return 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: bench_poll [--conns N] [--size BYTES] [--repeat K] [--seconds S] [--timeout S]\n"
                    "                  [--only select|wsapoll]\n"
                    "  --conns    echo connections (default 100, at most 1000)\n"
                    "  --size     request size in bytes (default 64, at most 4096)\n"
                    "  --repeat   measured windows, the median is printed (default 3)\n"
                    "  --seconds  length of one window (default 1)\n"
                    "  --timeout  watchdog for the whole program (default 120)\n");
    exit(2);
}

int main(int argc, char **argv)
{
    long repeat = 3, timeout = 120;
    double seconds = 1, rate, srv, total;
    const char *only = NULL, *name;
    char metric[40];
    int i, m, failed = 0;

    setvbuf(stdout, NULL, _IONBF, 0);
    for (i = 1; i < argc; i++)
    {
        const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        long v;
        if (!val) usage();
        v = atol(val);
        if (!strcmp(opt, "--conns") && v > 0 && v <= MAX_CONNS) conns = (int)v;
        else if (!strcmp(opt, "--size") && v > 0 && v <= MAX_MSG) msg_size = (int)v;
        else if (!strcmp(opt, "--repeat") && v > 0 && v <= MAX_REPEAT) repeat = v;
        else if (!strcmp(opt, "--timeout") && v > 0) timeout = v;
        else if (!strcmp(opt, "--seconds") && (seconds = atof(val)) > 0) ;
        else if (!strcmp(opt, "--only") && (!strcmp(val, "select") || !strcmp(val, "wsapoll"))) only = val;
        else usage();
        i++;
    }
    if (bench_start((DWORD)timeout)) return 1;

    phase = "connect";
    if (connect_all())
    {
        printf("metric=select_echo_rps value=error impl=%s\n", impl_name);
        ExitProcess(1);
    }
    printf("# %d connections, %d byte requests\n", conns, msg_size);

    for (m = MODE_SELECT; m <= MODE_POLL; m++)
    {
        mode = (enum mode)m;
        name = mode == MODE_SELECT ? "select" : "wsapoll";
        if (only && strcmp(only, name)) continue;
        phase = name;
        rate = run_mode(repeat, seconds, &srv, &total);
        if (rate < 0 || check_quiet())
        {
            printf("metric=%s_echo_rps value=error impl=%s\n", name, impl_name);
            failed = 1;
            break;
        }
        printf("metric=%s_echo_rps value=%.1f impl=%s\n", name, rate, impl_name);
        snprintf(metric, sizeof(metric), "%s_echo_srvms", name);
        srvms_report(metric, srv, total);
    }

    for (i = 0; i < conns; i++)
    {
        struct linger abortive = { 1, 0 };   /* no TIME_WAIT left behind */
        setsockopt(clients[i], SOL_SOCKET, SO_LINGER, (char *)&abortive, sizeof(abortive));
        closesocket(clients[i]);
        closesocket(servers[i]);
    }
    WSACleanup();
    fflush(stdout);
    ExitProcess(failed);
    return failed;
}
