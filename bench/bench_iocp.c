/* ws2kit benchmark: many overlapped echo connections on one completion port.
 *
 *   iocp_echo_rps  --conns (default 1000) loopback TCP connections, client
 *                  and server ends in this process, every socket on ONE
 *                  completion port served by --workers (default 2) threads.
 *                  Each client sends a --size byte request (WSASend), the
 *                  server end echoes it (WSARecv, WSASend), the client reads
 *                  it back (WSARecv) and sends the next: requests answered
 *                  per second, all connections together.
 *   iocp_echo_srvms  the wineserver's CPU milliseconds per 100,000 requests
 *                  in the measured windows (bench_common.h: server_cpu_s)
 *
 * The connections are made once; after a warm-up the completed requests are
 * counted over --repeat windows of --seconds each, and the median window is
 * printed as one line:
 *
 *   metric=iocp_echo_rps value=12345.6 impl=ws2kit
 *
 * (impl as in bench_common.h; '#' lines are comments, value=error on
 * failure with exit status 1).  Bounded: the watchdog ends the process after
 * --timeout seconds, and the drain at the end has a time limit. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_common.h"

#define MAX_MSG 4096
#define MAX_WORKERS 16
#define DRAIN_MS 15000

enum role { CLIENT, SERVER };

/* One end of a connection: at most one request (send or receive) is
 * outstanding on it at any time, so one OVERLAPPED is enough. */
struct conn
{
    OVERLAPPED ov;            /* first: the OVERLAPPED a completion names is the conn */
    SOCKET s;
    enum role role;
    BOOL sending;
    DWORD len;                /* bytes of the current message */
    DWORD done;               /* of which sent or received so far */
    char buf[MAX_MSG];
};

static HANDLE port;
static DWORD msg_size = 64;
static volatile LONG stopping;
static volatile LONG requests;             /* requests answered */
static volatile LONG outstanding[2];       /* operations in flight, per role */
static volatile LONG errors, first_error;

static void report_error(const char *what, int err)
{
    printf("# error: %s: %s failed with error %d (impl=%s)\n", (const char *)phase, what, err, impl_name);
    fflush(stdout);
}

static void note_error(int err)
{
    if (InterlockedIncrement(&errors) == 1) InterlockedExchange(&first_error, err);
}

/* Starts the conn's next operation; FALSE if it could not be started. */
static BOOL issue(struct conn *c)
{
    WSABUF buf = { c->len - c->done, c->buf + c->done };
    DWORD flags = 0;
    int ret, err;

    memset(&c->ov, 0, sizeof(c->ov));
    InterlockedIncrement(&outstanding[c->role]);
    if (c->sending) ret = WSASend(c->s, &buf, 1, NULL, 0, &c->ov, NULL);
    else ret = WSARecv(c->s, &buf, 1, NULL, &flags, &c->ov, NULL);
    if (!ret || (err = WSAGetLastError()) == WSA_IO_PENDING) return TRUE;
    InterlockedDecrement(&outstanding[c->role]);
    if (!stopping) note_error(err);
    return FALSE;
}

static void start_phase(struct conn *c, BOOL sending, DWORD len)
{
    c->sending = sending;
    c->len = len;
    c->done = 0;
    issue(c);
}

/* A completed operation; the conn goes on unless its peer is gone or the
 * benchmark is stopping (clients then send no new request). */
static void completed(struct conn *c, BOOL success, DWORD bytes)
{
    if (!success || (!bytes && c->len))
    {
        /* At the end the server ends see their clients go away. */
        if (!stopping) note_error(success ? WSAECONNRESET : (int)GetLastError());
        return;
    }
    c->done += bytes;
    if (c->done < c->len && (c->sending || c->role == CLIENT)) { issue(c); return; }
    if (c->role == SERVER)
    {
        /* Received a piece of a request: echo it; echoed: receive again. */
        if (c->sending) start_phase(c, FALSE, msg_size);
        else start_phase(c, TRUE, c->done);
        return;
    }
    if (c->sending) { start_phase(c, FALSE, msg_size); return; }
    InterlockedIncrement(&requests);
    if (!stopping) start_phase(c, TRUE, msg_size);
}

static DWORD WINAPI worker(void *arg)
{
    OVERLAPPED *ov;
    ULONG_PTR key;
    DWORD bytes;
    BOOL ok;

    (void)arg;
    for (;;)
    {
        ok = GetQueuedCompletionStatus(port, &bytes, &key, &ov, INFINITE);
        if (!ov) break;                     /* the quit packet, or the port is gone */
        /* Counted down after any next operation is counted up, so a drain
         * never sees zero between the two. */
        completed((struct conn *)ov, ok, bytes);
        InterlockedDecrement(&outstanding[((struct conn *)ov)->role]);
    }
    return 0;
}

/* count connections: conns[2i] the client end, conns[2i + 1] the server end. */
static int connect_all(struct conn *conns, int count)
{
    struct sockaddr_in addr;
    int i;
    SOCKET listener = bench_loopback_listener(&addr);
    BOOL on = TRUE;

    if (listener == INVALID_SOCKET)
    {
        report_error("listener", WSAGetLastError());
        return -1;
    }
    for (i = 0; i < count; i++)
    {
        struct conn *client = &conns[2 * i], *server = &conns[2 * i + 1];

        client->role = CLIENT;
        server->role = SERVER;
        client->s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (client->s == INVALID_SOCKET || connect(client->s, (struct sockaddr *)&addr, sizeof(addr)))
        {
            report_error("connect", WSAGetLastError());
            break;
        }
        if ((server->s = accept(listener, NULL, NULL)) == INVALID_SOCKET)
        {
            report_error("accept", WSAGetLastError());
            break;
        }
        setsockopt(client->s, IPPROTO_TCP, TCP_NODELAY, (const char *)&on, sizeof(on));
        setsockopt(server->s, IPPROTO_TCP, TCP_NODELAY, (const char *)&on, sizeof(on));
        if (!CreateIoCompletionPort((HANDLE)client->s, port, 0, 0) ||
            !CreateIoCompletionPort((HANDLE)server->s, port, 0, 0))
        {
            report_error("CreateIoCompletionPort", (int)GetLastError());
            break;
        }
    }
    closesocket(listener);
    return i == count ? 0 : -1;
}

/* Waits until no operation of that role is in flight; FALSE after DRAIN_MS. */
static BOOL drain(enum role role)
{
    ULONGLONG end = GetTickCount64() + DRAIN_MS;
    while (outstanding[role] > 0)
    {
        if (GetTickCount64() > end) return FALSE;
        Sleep(5);
    }
    return TRUE;
}

static void close_all(struct conn *conns, int count, enum role role)
{
    struct linger abortive = { 1, 0 };   /* no TIME_WAIT left by a thousand connections */
    int i;

    for (i = role; i < 2 * count; i += 2)
    {
        if (!conns[i].s || conns[i].s == INVALID_SOCKET) continue;
        if (role == CLIENT) setsockopt(conns[i].s, SOL_SOCKET, SO_LINGER, (char *)&abortive, sizeof(abortive));
        closesocket(conns[i].s);
        conns[i].s = INVALID_SOCKET;
    }
}

static void usage(void)
{
    fprintf(stderr, "usage: bench_iocp [--conns N] [--workers N] [--size BYTES] [--repeat K] [--seconds S]\n"
                    "                  [--timeout S]\n"
                    "  --conns    concurrent echo connections (default 1000)\n"
                    "  --workers  threads on the completion port (default 2)\n"
                    "  --size     request size in bytes (default 64, at most 4096)\n"
                    "  --repeat   measured windows, the median is printed (default 3)\n"
                    "  --seconds  length of one window (default 1)\n"
                    "  --timeout  watchdog for the whole program (default 120)\n");
    exit(2);
}

int main(int argc, char **argv)
{
    long conns_count = 1000, workers = 2, repeat = 3, timeout = 120;
    double seconds = 1, samples[MAX_REPEAT], t0, t1, cpu0, srv = 0, total = 0;
    HANDLE threads[MAX_WORKERS];
    struct conn *conns;
    LONG before, after;
    int i, k, failed = 0;

    setvbuf(stdout, NULL, _IONBF, 0);
    for (i = 1; i < argc; i++)
    {
        const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        long v;
        if (!val) usage();
        v = atol(val);
        if (!strcmp(opt, "--conns") && v > 0 && v <= 10000) conns_count = v;
        else if (!strcmp(opt, "--workers") && v > 0 && v <= MAX_WORKERS) workers = v;
        else if (!strcmp(opt, "--size") && v > 0 && v <= MAX_MSG) msg_size = v;
        else if (!strcmp(opt, "--repeat") && v > 0 && v <= MAX_REPEAT) repeat = v;
        else if (!strcmp(opt, "--timeout") && v > 0) timeout = v;
        else if (!strcmp(opt, "--seconds") && (seconds = atof(val)) > 0) ;
        else usage();
        i++;
    }
    if (bench_start((DWORD)timeout)) return 1;

    phase = "connect";
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, (DWORD)workers);
    conns = calloc(2 * conns_count, sizeof(*conns));
    if (!port || !conns || connect_all(conns, (int)conns_count))
    {
        printf("metric=iocp_echo_rps value=error impl=%s\n", impl_name);
        ExitProcess(1);
    }
    printf("# %ld connections, %ld workers, %lu byte requests\n", conns_count, workers, msg_size);
    for (i = 0; i < workers; i++) threads[i] = CreateThread(NULL, 0, worker, NULL, 0, NULL);

    phase = "echo";
    for (i = 0; i < conns_count; i++)
    {
        memset(conns[2 * i].buf, 'a' + i % 26, msg_size);
        start_phase(&conns[2 * i + 1], FALSE, msg_size);
        start_phase(&conns[2 * i], TRUE, msg_size);
    }
    Sleep(500);                                    /* warm-up */
    for (k = 0; k < repeat && !errors; k++)
    {
        before = requests;
        cpu0 = server_cpu_s();
        t0 = now_s();
        Sleep((DWORD)(seconds * 1000));
        after = requests;
        t1 = now_s();
        srv_add(&srv, cpu0, server_cpu_s());
        samples[k] = (after - before) / (t1 - t0);
        total += after - before;
        printf("# iocp_echo_rps sample %d: %.1f\n", k + 1, samples[k]);
    }

    /* Stop: clients finish their request in flight and send no more; then
     * their ends close, which ends the server ends' receives. */
    phase = "drain";
    InterlockedExchange(&stopping, 1);
    if (!drain(CLIENT)) { report_error("draining the clients", WSAETIMEDOUT); failed = 1; }
    close_all(conns, (int)conns_count, CLIENT);
    if (!drain(SERVER)) { report_error("draining the servers", WSAETIMEDOUT); failed = 1; }
    for (i = 0; i < workers; i++) PostQueuedCompletionStatus(port, 0, 0, NULL);
    if (WaitForMultipleObjects((DWORD)workers, threads, TRUE, DRAIN_MS) != WAIT_OBJECT_0)
    {
        report_error("joining the workers", WSAETIMEDOUT);
        failed = 1;
    }
    close_all(conns, (int)conns_count, SERVER);

    if (errors) { report_error("an echo operation", first_error); failed = 1; }
    if (failed || k < repeat) printf("metric=iocp_echo_rps value=error impl=%s\n", impl_name);
    else
    {
        printf("metric=iocp_echo_rps value=%.1f impl=%s\n", median(samples, (int)repeat), impl_name);
        srvms_report("iocp_echo_srvms", srv, total);
    }
    WSACleanup();
    fflush(stdout);
    ExitProcess(failed);
    return failed;
}
