/* Basic socket I/O, checked against what Windows does: TCP echo and bulk
 * transfers, UDP datagrams, blocking and non-blocking sockets, select(),
 * FIONREAD, shutdown(), connect's refusals and NULL buffers of zero length.
 *
 * Every socket lives on 127.0.0.1 or ::1.
 * Every wait is bounded (select timeouts, SO_RCVTIMEO, thread join timeouts).
 *
 * Build: x86_64-w64-mingw32-gcc -Wall -Wextra -O1 -o sock_basic.exe sock_basic.c -lws2_32
 */
#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0601
#endif
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <string.h>
#include <stdio.h>

#include "harness.h"
#include "sockaddr.h"

#define WAIT_MS     5000            /* upper bound for any single wait */
#define BULK_SIZE   (1024 * 1024)   /* bytes moved by the bulk transfers */

static BOOL have_ipv6;

static unsigned char pattern_byte(size_t i)
{
    return (unsigned char)(i * 131 + (i >> 9) + 7);
}

/* ------------------------------------------------------------------------ */
/* Socket helpers                                                            */

static void set_timeouts(SOCKET s, DWORD ms)
{
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (const char *)&ms, sizeof(ms));
    setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, (const char *)&ms, sizeof(ms));
}

static int set_nonblocking(SOCKET s, BOOL on)
{
    u_long arg = on ? 1 : 0;
    return ioctlsocket(s, FIONBIO, &arg);
}

/* select() on one socket: which: 'r', 'w' or 'x'.  Returns select's result. */
static int wait_one(SOCKET s, char which, DWORD ms)
{
    fd_set set;
    struct timeval tv;
    FD_ZERO(&set);
    FD_SET(s, &set);
    tv.tv_sec = ms / 1000;
    tv.tv_usec = (ms % 1000) * 1000;
    return select(0, which == 'r' ? &set : NULL, which == 'w' ? &set : NULL,
                  which == 'x' ? &set : NULL, &tv);
}

/* Receive exactly len bytes (or until EOF / error); blocking or non-blocking. */
static int recv_exact(SOCKET s, char *buf, int len)
{
    int got = 0, n;
    DWORD start = GetTickCount();

    while (got < len)
    {
        n = recv(s, buf + got, len - got, 0);
        if (n > 0) { got += n; continue; }
        if (n == 0) break;
        if (WSAGetLastError() != WSAEWOULDBLOCK) return got ? got : -1;
        if (GetTickCount() - start > WAIT_MS) break;
        wait_one(s, 'r', 100);
    }
    return got;
}

static int send_all(SOCKET s, const char *buf, int len)
{
    int done = 0, n;
    DWORD start = GetTickCount();

    while (done < len)
    {
        n = send(s, buf + done, len - done, 0);
        if (n > 0) { done += n; continue; }
        if (n < 0 && WSAGetLastError() == WSAEWOULDBLOCK && GetTickCount() - start <= WAIT_MS)
        {
            wait_one(s, 'w', 100);
            continue;
        }
        break;
    }
    return done;
}

/* Creates a socket bound to the loopback address of the family, port 0.
 * Returns INVALID_SOCKET (after reporting) on failure. */
static SOCKET bound_socket(int family, int type, struct sockaddr_storage *addr)
{
    SOCKET s;
    int len, ret;
    struct sockaddr_storage bind_addr;

    s = socket(family, type, type == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP);
    ok(s != INVALID_SOCKET, "%s: socket(type %d) failed, error %d\n", fam_name(family), type, WSAGetLastError());
    if (s == INVALID_SOCKET) return s;

    make_loopback(family, &bind_addr, 0);
    ret = bind(s, (struct sockaddr *)&bind_addr, sa_len(family));
    ok(!ret, "%s: bind to loopback failed, error %d\n", fam_name(family), WSAGetLastError());

    memset(addr, 0xcc, sizeof(*addr));
    len = sizeof(*addr);
    ret = getsockname(s, (struct sockaddr *)addr, &len);
    ok(!ret, "%s: getsockname failed, error %d\n", fam_name(family), WSAGetLastError());
    ok_int(len, sa_len(family), "%s: getsockname length %d, expected %d\n", fam_name(family), len, sa_len(family));
    ok_int(addr->ss_family, family, "%s: getsockname family %d\n", fam_name(family), addr->ss_family);
    ok(sa_is_loopback(addr), "%s: getsockname address %s is not loopback\n", fam_name(family), sa_str(addr));
    ok(sa_port(addr) != 0, "%s: getsockname gave port 0 after binding port 0\n", fam_name(family));
    if (ret)
    {
        closesocket(s);
        return INVALID_SOCKET;
    }
    return s;
}

/* ------------------------------------------------------------------------ */
/* Server thread.  It only records what happened; the main thread checks.    */

enum server_mode { SERVER_ECHO, SERVER_SEND_BULK, SERVER_RECV_BULK };

struct server_ctx
{
    SOCKET listener;
    enum server_mode mode;
    HANDLE may_close;           /* set by the main thread when it is done */

    const char *fail_where;     /* NULL when everything went fine */
    int fail_error;
    struct sockaddr_storage from, local, peer;
    int from_len, local_len, peer_len;
    int got_eof;
    size_t bytes;
    size_t first_bad;           /* first mismatching offset, (size_t)-1 if none */
};

static void server_fail(struct server_ctx *ctx, const char *where, int error)
{
    if (!ctx->fail_where)
    {
        ctx->fail_where = where;
        ctx->fail_error = error;
    }
}

static DWORD WINAPI server_thread(void *arg)
{
    struct server_ctx *ctx = arg;
    static char buf[70000];
    SOCKET s;
    int n;

    if (wait_one(ctx->listener, 'r', WAIT_MS) != 1)
    {
        server_fail(ctx, "select on listener", WSAGetLastError());
        return 0;
    }
    ctx->from_len = sizeof(ctx->from);
    s = accept(ctx->listener, (struct sockaddr *)&ctx->from, &ctx->from_len);
    if (s == INVALID_SOCKET)
    {
        server_fail(ctx, "accept", WSAGetLastError());
        return 0;
    }
    ctx->local_len = sizeof(ctx->local);
    if (getsockname(s, (struct sockaddr *)&ctx->local, &ctx->local_len))
        server_fail(ctx, "getsockname on accepted socket", WSAGetLastError());
    ctx->peer_len = sizeof(ctx->peer);
    if (getpeername(s, (struct sockaddr *)&ctx->peer, &ctx->peer_len))
        server_fail(ctx, "getpeername on accepted socket", WSAGetLastError());
    set_timeouts(s, WAIT_MS);

    switch (ctx->mode)
    {
    case SERVER_ECHO:
        for (;;)
        {
            n = recv(s, buf, 4096, 0);
            if (n == 0) { ctx->got_eof = 1; break; }
            if (n < 0) { server_fail(ctx, "recv", WSAGetLastError()); break; }
            if (send_all(s, buf, n) != n) { server_fail(ctx, "send", WSAGetLastError()); break; }
            ctx->bytes += n;
        }
        break;

    case SERVER_SEND_BULK:
    {
        static const int chunks[] = {1, 1000, 65536, 7, 30000, 4096};
        size_t off = 0;
        unsigned int k = 0;
        while (off < BULK_SIZE)
        {
            size_t i, len = chunks[k++ % ARRAYSIZE(chunks)];
            if (len > BULK_SIZE - off) len = BULK_SIZE - off;
            for (i = 0; i < len; i++) buf[i] = (char)pattern_byte(off + i);
            n = send(s, buf, (int)len, 0);
            if (n <= 0) { server_fail(ctx, "bulk send", WSAGetLastError()); break; }
            off += n;   /* a short blocking send would be a bug; the count shows it */
            if ((size_t)n != len) { server_fail(ctx, "bulk send was short", n); break; }
        }
        ctx->bytes = off;
        break;
    }

    case SERVER_RECV_BULK:
        ctx->first_bad = (size_t)-1;
        for (;;)
        {
            int i;
            n = recv(s, buf, sizeof(buf), 0);
            if (n == 0) { ctx->got_eof = 1; break; }
            if (n < 0) { server_fail(ctx, "bulk recv", WSAGetLastError()); break; }
            for (i = 0; i < n && ctx->first_bad == (size_t)-1; i++)
                if ((unsigned char)buf[i] != pattern_byte(ctx->bytes + i))
                    ctx->first_bad = ctx->bytes + i;
            ctx->bytes += n;
        }
        break;
    }

    if (shutdown(s, SD_SEND)) server_fail(ctx, "shutdown(SD_SEND)", WSAGetLastError());
    WaitForSingleObject(ctx->may_close, WAIT_MS);
    closesocket(s);
    return 0;
}

/* Creates a loopback listener and starts the server thread on it. */
static HANDLE start_server(int family, enum server_mode mode, struct server_ctx *ctx,
                           struct sockaddr_storage *listen_addr)
{
    HANDLE thread;
    int ret;

    memset(ctx, 0, sizeof(*ctx));
    ctx->mode = mode;
    ctx->listener = bound_socket(family, SOCK_STREAM, listen_addr);
    if (ctx->listener == INVALID_SOCKET) return NULL;
    ret = listen(ctx->listener, SOMAXCONN);
    ok(!ret, "%s: listen failed, error %d\n", fam_name(family), WSAGetLastError());
    ctx->may_close = CreateEventA(NULL, TRUE, FALSE, NULL);
    thread = CreateThread(NULL, 0, server_thread, ctx, 0, NULL);
    ok(thread != NULL, "CreateThread failed, error %lu\n", GetLastError());
    return thread;
}

static void stop_server(struct server_ctx *ctx, HANDLE thread)
{
    DWORD ret;
    SetEvent(ctx->may_close);
    ret = WaitForSingleObject(thread, WAIT_MS);
    ok_int(ret, WAIT_OBJECT_0, "server thread did not finish in time (%lu)\n", ret);
    CloseHandle(thread);
    CloseHandle(ctx->may_close);
    closesocket(ctx->listener);
}

/* ------------------------------------------------------------------------ */
/* TCP, blocking, against the echo thread                                    */

static void test_tcp_blocking(int family)
{
    static const char msg1[] = "hello through the loopback";
    static const char msg2a[] = "second ", msg2b[] = "message in two sends";
    const char *fam = fam_name(family);
    struct sockaddr_storage listen_addr, local, peer;
    struct server_ctx ctx;
    char buf[256];
    HANDLE thread;
    SOCKET s;
    int ret, len, total;

    thread = start_server(family, SERVER_ECHO, &ctx, &listen_addr);
    if (!thread) return;

    s = socket(family, SOCK_STREAM, IPPROTO_TCP);
    ok(s != INVALID_SOCKET, "%s: socket failed, error %d\n", fam, WSAGetLastError());
    set_timeouts(s, WAIT_MS);

    ret = connect(s, (struct sockaddr *)&listen_addr, sa_len(family));
    ok(!ret, "%s: blocking connect failed, error %d\n", fam, WSAGetLastError());

    memset(&local, 0xcc, sizeof(local));
    len = sizeof(local);
    ret = getsockname(s, (struct sockaddr *)&local, &len);
    ok(!ret, "%s: getsockname on client failed, error %d\n", fam, WSAGetLastError());
    ok_int(len, sa_len(family), "%s: client getsockname length %d\n", fam, len);
    ok_int(local.ss_family, family, "%s: client local family %d\n", fam, local.ss_family);
    ok(sa_is_loopback(&local), "%s: client local address %s\n", fam, sa_str(&local));
    ok(sa_port(&local) != 0 && sa_port(&local) != sa_port(&listen_addr),
       "%s: client local port %u (listener %u)\n", fam, sa_port(&local), sa_port(&listen_addr));

    memset(&peer, 0xcc, sizeof(peer));
    len = sizeof(peer);
    ret = getpeername(s, (struct sockaddr *)&peer, &len);
    ok(!ret, "%s: getpeername on client failed, error %d\n", fam, WSAGetLastError());
    ok_int(len, sa_len(family), "%s: client getpeername length %d\n", fam, len);
    ok(sa_equal(&peer, &listen_addr), "%s: client peer %s, listener is %s\n", fam, sa_str(&peer), sa_str(&listen_addr));

    ret = send(s, msg1, sizeof(msg1), 0);
    ok_int(ret, sizeof(msg1), "%s: send returned %d, error %d\n", fam, ret, WSAGetLastError());
    memset(buf, 0, sizeof(buf));
    ret = recv_exact(s, buf, sizeof(msg1));
    ok_int(ret, sizeof(msg1), "%s: echo came back with %d bytes\n", fam, ret);
    ok(!memcmp(buf, msg1, sizeof(msg1)), "%s: echo data differs: \"%.40s\"\n", fam, buf);

    ret = send(s, msg2a, strlen(msg2a), 0);
    ok_int(ret, (int)strlen(msg2a), "%s: send returned %d\n", fam, ret);
    ret = send(s, msg2b, sizeof(msg2b), 0);
    ok_int(ret, sizeof(msg2b), "%s: send returned %d\n", fam, ret);
    total = strlen(msg2a) + sizeof(msg2b);
    memset(buf, 0, sizeof(buf));
    ret = recv_exact(s, buf, total);
    ok_int(ret, total, "%s: echo of two sends came back with %d bytes, expected %d\n", fam, ret, total);
    ok(!memcmp(buf, msg2a, strlen(msg2a)) && !strcmp(buf + strlen(msg2a), msg2b),
       "%s: echo of two sends differs: \"%.60s\"\n", fam, buf);

    /* Our FIN makes the echo server see EOF; it shuts down its side too. */
    ret = shutdown(s, SD_SEND);
    ok(!ret, "%s: shutdown(SD_SEND) failed, error %d\n", fam, WSAGetLastError());
    ret = recv(s, buf, sizeof(buf), 0);
    ok_int(ret, 0, "%s: recv after both sides shut down returned %d, error %d\n", fam, ret, WSAGetLastError());
    ret = recv(s, buf, sizeof(buf), 0);
    ok_int(ret, 0, "%s: second recv after EOF returned %d, error %d\n", fam, ret, WSAGetLastError());

    WSASetLastError(0xdeadbeef);
    ret = send(s, "x", 1, 0);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAESHUTDOWN,
       "%s: send after SD_SEND returned %d, error %d (expected WSAESHUTDOWN)\n", fam, ret, WSAGetLastError());

    /* Both directions are shut down but neither socket is closed: Windows
     * still reports the peer. */
    /* Wine 8.0 builtin differs: getpeername fails with WSAENOTCONN here. */
    memset(&peer, 0, sizeof(peer));
    len = sizeof(peer);
    ret = getpeername(s, (struct sockaddr *)&peer, &len);
    ok(!ret, "%s: getpeername after mutual shutdown failed, error %d\n", fam, WSAGetLastError());
    ok(sa_equal(&peer, &listen_addr), "%s: getpeername after mutual shutdown gave %s\n", fam, sa_str(&peer));

    stop_server(&ctx, thread);
    ok(!ctx.fail_where, "%s: server: %s failed, error %d\n", fam, ctx.fail_where, ctx.fail_error);
    ok_int(ctx.from_len, sa_len(family), "%s: accept address length %d\n", fam, ctx.from_len);
    ok(sa_equal(&ctx.from, &local), "%s: accept reported %s, client is %s\n", fam, sa_str(&ctx.from), sa_str(&local));
    ok(sa_equal(&ctx.peer, &local), "%s: server getpeername %s, client is %s\n", fam, sa_str(&ctx.peer), sa_str(&local));
    ok_int(ctx.local_len, sa_len(family), "%s: server getsockname length %d\n", fam, ctx.local_len);
    ok(sa_equal(&ctx.local, &listen_addr), "%s: server getsockname %s, listener %s\n", fam, sa_str(&ctx.local), sa_str(&listen_addr));
    ok(ctx.bytes == sizeof(msg1) + total, "%s: server echoed %u bytes\n", fam, (unsigned int)ctx.bytes);
    ok(ctx.got_eof, "%s: server did not see EOF after shutdown(SD_SEND)\n", fam);

    ret = closesocket(s);
    ok(!ret, "%s: closesocket failed, error %d\n", fam, WSAGetLastError());
}

/* ------------------------------------------------------------------------ */
/* TCP, non-blocking, one thread                                             */

static void test_tcp_nonblocking(int family)
{
    const char *fam = fam_name(family);
    struct sockaddr_storage listen_addr, client_addr, from;
    char out[100], in[128];
    fd_set rset, wset, xset;
    struct timeval tv;
    SOCKET listener, client, server;
    u_long avail;
    DWORD start, elapsed;
    int ret, len, i;

    for (i = 0; i < (int)sizeof(out); i++) out[i] = (char)('A' + i % 26);

    listener = bound_socket(family, SOCK_STREAM, &listen_addr);
    if (listener == INVALID_SOCKET) return;
    ret = listen(listener, 4);
    ok(!ret, "%s: listen failed, error %d\n", fam, WSAGetLastError());
    ret = set_nonblocking(listener, TRUE);
    ok(!ret, "%s: FIONBIO on listener failed, error %d\n", fam, WSAGetLastError());

    WSASetLastError(0xdeadbeef);
    server = accept(listener, NULL, NULL);
    ok(server == INVALID_SOCKET && WSAGetLastError() == WSAEWOULDBLOCK,
       "%s: accept with nothing pending returned %#Ix, error %d (expected WSAEWOULDBLOCK)\n",
       fam, (ULONG_PTR)server, WSAGetLastError());

    /* a listener with no pending connection is not readable */
    ret = wait_one(listener, 'r', 0);
    ok_int(ret, 0, "%s: select(read) on idle listener returned %d\n", fam, ret);

    client = socket(family, SOCK_STREAM, IPPROTO_TCP);
    ok(client != INVALID_SOCKET, "%s: socket failed, error %d\n", fam, WSAGetLastError());
    ret = set_nonblocking(client, TRUE);
    ok(!ret, "%s: FIONBIO failed, error %d\n", fam, WSAGetLastError());

    WSASetLastError(0xdeadbeef);
    ret = connect(client, (struct sockaddr *)&listen_addr, sa_len(family));
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
       "%s: non-blocking connect returned %d, error %d (expected WSAEWOULDBLOCK)\n", fam, ret, WSAGetLastError());

    FD_ZERO(&wset); FD_SET(client, &wset);
    FD_ZERO(&xset); FD_SET(client, &xset);
    tv.tv_sec = WAIT_MS / 1000; tv.tv_usec = 0;
    ret = select(0, NULL, &wset, &xset, &tv);
    ok_int(ret, 1, "%s: select for connect completion returned %d, error %d\n", fam, ret, WSAGetLastError());
    ok(FD_ISSET(client, &wset), "%s: connected socket not reported writable\n", fam);
    ok(!FD_ISSET(client, &xset), "%s: connected socket reported in exceptfds\n", fam);

    ret = wait_one(listener, 'r', WAIT_MS);
    ok_int(ret, 1, "%s: listener with a pending connection not readable (%d)\n", fam, ret);

    memset(&from, 0, sizeof(from));
    len = sizeof(from);
    server = accept(listener, (struct sockaddr *)&from, &len);
    ok(server != INVALID_SOCKET, "%s: accept failed, error %d\n", fam, WSAGetLastError());
    if (server == INVALID_SOCKET)
    {
        closesocket(client);
        closesocket(listener);
        return;
    }
    ok_int(len, sa_len(family), "%s: accept address length %d\n", fam, len);

    memset(&client_addr, 0, sizeof(client_addr));
    len = sizeof(client_addr);
    ret = getsockname(client, (struct sockaddr *)&client_addr, &len);
    ok(!ret, "%s: getsockname failed, error %d\n", fam, WSAGetLastError());
    ok(sa_equal(&from, &client_addr), "%s: accept gave %s, client is %s\n", fam, sa_str(&from), sa_str(&client_addr));

    ret = set_nonblocking(server, TRUE);
    ok(!ret, "%s: FIONBIO on accepted socket failed, error %d\n", fam, WSAGetLastError());

    /* nothing sent yet */
    WSASetLastError(0xdeadbeef);
    ret = recv(server, in, sizeof(in), 0);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
       "%s: recv with no data returned %d, error %d (expected WSAEWOULDBLOCK)\n", fam, ret, WSAGetLastError());
    avail = 0xdeadbeef;
    ret = ioctlsocket(server, FIONREAD, &avail);
    ok(!ret && avail == 0, "%s: FIONREAD with no data: ret %d, value %lu\n", fam, ret, avail);

    /* select with a zero timeout: writable, not readable, no exception */
    FD_ZERO(&rset); FD_SET(server, &rset);
    FD_ZERO(&wset); FD_SET(server, &wset);
    FD_ZERO(&xset); FD_SET(server, &xset);
    tv.tv_sec = 0; tv.tv_usec = 0;
    start = GetTickCount();
    ret = select(0, &rset, &wset, &xset, &tv);
    elapsed = GetTickCount() - start;
    ok_int(ret, 1, "%s: select(0 timeout) on idle connection returned %d\n", fam, ret);
    ok(!FD_ISSET(server, &rset), "%s: idle connection reported readable\n", fam);
    ok(FD_ISSET(server, &wset), "%s: idle connection not reported writable\n", fam);
    ok(!FD_ISSET(server, &xset), "%s: idle connection reported in exceptfds\n", fam);
    ok(elapsed < 1000, "%s: select with zero timeout took %lu ms\n", fam, elapsed);

    /* a short timeout really waits, and not for long */
    FD_ZERO(&rset); FD_SET(server, &rset);
    tv.tv_sec = 0; tv.tv_usec = 150000;
    start = GetTickCount();
    ret = select(0, &rset, NULL, NULL, &tv);
    elapsed = GetTickCount() - start;
    ok_int(ret, 0, "%s: select(150 ms) with no data returned %d\n", fam, ret);
    ok_int(rset.fd_count, 0, "%s: readfds not emptied on timeout (count %u)\n", fam, rset.fd_count);
    ok(elapsed >= 100 && elapsed < 2000, "%s: select(150 ms) returned after %lu ms\n", fam, elapsed);

    ret = send(client, out, sizeof(out), 0);
    ok_int(ret, sizeof(out), "%s: non-blocking send returned %d, error %d\n", fam, ret, WSAGetLastError());

    ret = wait_one(server, 'r', WAIT_MS);
    ok_int(ret, 1, "%s: data never made the socket readable (%d)\n", fam, ret);

    /* all three sets at once */
    FD_ZERO(&rset); FD_SET(server, &rset);
    FD_ZERO(&wset); FD_SET(server, &wset);
    FD_ZERO(&xset); FD_SET(server, &xset);
    tv.tv_sec = 0; tv.tv_usec = 0;
    ret = select(0, &rset, &wset, &xset, &tv);
    ok_int(ret, 2, "%s: select with pending data returned %d, expected 2\n", fam, ret);
    ok(FD_ISSET(server, &rset) && FD_ISSET(server, &wset) && !FD_ISSET(server, &xset),
       "%s: select sets wrong: r %d w %d x %d\n", fam,
       FD_ISSET(server, &rset), FD_ISSET(server, &wset), FD_ISSET(server, &xset));

    start = GetTickCount();
    do
    {
        avail = 0;
        ret = ioctlsocket(server, FIONREAD, &avail);
        if (ret || avail >= sizeof(out)) break;
        Sleep(10);
    } while (GetTickCount() - start < WAIT_MS);
    ok(!ret, "%s: FIONREAD failed, error %d\n", fam, WSAGetLastError());
    ok_int(avail, sizeof(out), "%s: FIONREAD reported %lu, expected %u\n", fam, avail, (unsigned int)sizeof(out));

    memset(in, 0, sizeof(in));
    ret = recv(server, in, 40, 0);
    ok_int(ret, 40, "%s: partial recv returned %d\n", fam, ret);
    avail = 0;
    ret = ioctlsocket(server, FIONREAD, &avail);
    ok(!ret && avail == sizeof(out) - 40, "%s: FIONREAD after partial recv: %lu\n", fam, avail);
    ret = recv(server, in + 40, sizeof(in) - 40, 0);
    ok(ret == sizeof(out) - 40, "%s: second recv returned %d\n", fam, ret);
    ok(!memcmp(in, out, sizeof(out)), "%s: received data differs\n", fam);

    WSASetLastError(0xdeadbeef);
    ret = recv(server, in, sizeof(in), 0);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
       "%s: recv on drained socket returned %d, error %d\n", fam, ret, WSAGetLastError());

    /* and back the other way */
    ret = send(server, "pong", 4, 0);
    ok_int(ret, 4, "%s: send from accepted socket returned %d\n", fam, ret);
    memset(in, 0, sizeof(in));
    ret = recv_exact(client, in, 4);
    ok(ret == 4 && !memcmp(in, "pong", 4), "%s: client got %d bytes \"%.4s\"\n", fam, ret, in);

    /* FIN from the client: readable, then recv returns 0 */
    ret = shutdown(client, SD_SEND);
    ok(!ret, "%s: shutdown(SD_SEND) failed, error %d\n", fam, WSAGetLastError());
    ret = wait_one(server, 'r', WAIT_MS);
    ok_int(ret, 1, "%s: peer's shutdown did not make the socket readable (%d)\n", fam, ret);
    ret = recv(server, in, sizeof(in), 0);
    ok_int(ret, 0, "%s: recv after peer shutdown returned %d, error %d\n", fam, ret, WSAGetLastError());

    /* the other direction still works */
    ret = send(server, "late", 4, 0);
    ok_int(ret, 4, "%s: send on half-closed connection returned %d, error %d\n", fam, ret, WSAGetLastError());
    memset(in, 0, sizeof(in));
    ret = recv_exact(client, in, 4);
    ok(ret == 4 && !memcmp(in, "late", 4), "%s: half-closed data: %d bytes \"%.4s\"\n", fam, ret, in);

    ret = shutdown(server, SD_SEND);
    ok(!ret, "%s: shutdown(SD_SEND) on server failed, error %d\n", fam, WSAGetLastError());
    ret = wait_one(client, 'r', WAIT_MS);
    ok_int(ret, 1, "%s: client not readable after server shutdown (%d)\n", fam, ret);
    ret = recv(client, in, sizeof(in), 0);
    ok_int(ret, 0, "%s: client recv after server shutdown returned %d, error %d\n", fam, ret, WSAGetLastError());

    /* going back to blocking mode works */
    ret = set_nonblocking(client, FALSE);
    ok(!ret, "%s: FIONBIO 0 failed, error %d\n", fam, WSAGetLastError());

    ok(!closesocket(server), "%s: closesocket(server) failed\n", fam);
    ok(!closesocket(client), "%s: closesocket(client) failed\n", fam);
    ok(!closesocket(listener), "%s: closesocket(listener) failed\n", fam);
}

/* A non-blocking connect to a port nobody listens on ends up in exceptfds
 * with SO_ERROR set.  Windows takes about two seconds to give up. */
static void test_connect_failure_select(void)
{
    struct sockaddr_storage dead_addr;
    fd_set wset, xset;
    struct timeval tv;
    SOCKET holder, s;
    int ret, err, len;

    /* bound but not listening: connections to it are refused */
    holder = bound_socket(AF_INET, SOCK_STREAM, &dead_addr);
    if (holder == INVALID_SOCKET) return;

    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    set_nonblocking(s, TRUE);
    WSASetLastError(0xdeadbeef);
    ret = connect(s, (struct sockaddr *)&dead_addr, sizeof(struct sockaddr_in));
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
       "non-blocking connect to dead port returned %d, error %d\n", ret, WSAGetLastError());

    FD_ZERO(&wset); FD_SET(s, &wset);
    FD_ZERO(&xset); FD_SET(s, &xset);
    tv.tv_sec = 4; tv.tv_usec = 0;
    ret = select(0, NULL, &wset, &xset, &tv);
    ok_int(ret, 1, "select on refused connect returned %d, error %d\n", ret, WSAGetLastError());
    ok(FD_ISSET(s, &xset), "refused connect not reported in exceptfds\n");
    ok(!FD_ISSET(s, &wset), "refused connect reported writable\n");

    err = 0xdeadbeef;
    len = sizeof(err);
    ret = getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&err, &len);
    ok(!ret, "getsockopt(SO_ERROR) failed, error %d\n", WSAGetLastError());
    ok_int(err, WSAECONNREFUSED, "SO_ERROR is %d, expected WSAECONNREFUSED\n", err);
    ok_int(len, sizeof(int), "SO_ERROR length %d\n", len);

    closesocket(s);
    closesocket(holder);
}

/* ------------------------------------------------------------------------ */
/* 1 MiB over TCP, content verified                                          */

static void test_tcp_bulk(int family, BOOL download)
{
    const char *fam = fam_name(family);
    struct sockaddr_storage listen_addr;
    struct server_ctx ctx;
    static char buf[65536 + 123];
    size_t total = 0, first_bad = (size_t)-1;
    HANDLE thread;
    SOCKET s;
    int ret;

    thread = start_server(family, download ? SERVER_SEND_BULK : SERVER_RECV_BULK, &ctx, &listen_addr);
    if (!thread) return;

    s = socket(family, SOCK_STREAM, IPPROTO_TCP);
    set_timeouts(s, WAIT_MS);
    ret = connect(s, (struct sockaddr *)&listen_addr, sa_len(family));
    ok(!ret, "%s bulk: connect failed, error %d\n", fam, WSAGetLastError());

    if (download)
    {
        int eof = 0;
        for (;;)
        {
            int i;
            ret = recv(s, buf, sizeof(buf), 0);
            if (ret == 0) { eof = 1; break; }
            if (ret < 0) break;
            for (i = 0; i < ret && first_bad == (size_t)-1; i++)
                if ((unsigned char)buf[i] != pattern_byte(total + i)) first_bad = total + i;
            total += ret;
        }
        ok_int(ret, 0, "%s bulk download: recv failed, error %d\n", fam, WSAGetLastError());
        ok(eof, "%s bulk download: no EOF\n", fam);
        ok_int(total, BULK_SIZE, "%s bulk download: got %u bytes, expected %u\n", fam, (unsigned int)total, BULK_SIZE);
        ok(first_bad == (size_t)-1, "%s bulk download: data differs at offset %u\n", fam, (unsigned int)first_bad);
        stop_server(&ctx, thread);
        ok(!ctx.fail_where, "%s bulk download: server: %s failed, error %d\n", fam, ctx.fail_where, ctx.fail_error);
        ok_int(ctx.bytes, BULK_SIZE, "%s bulk download: server sent %u bytes\n", fam, (unsigned int)ctx.bytes);
    }
    else
    {
        size_t off = 0;
        while (off < BULK_SIZE)
        {
            size_t i, len = 1 + (off * 7) % (sizeof(buf) - 1);
            if (len > BULK_SIZE - off) len = BULK_SIZE - off;
            for (i = 0; i < len; i++) buf[i] = (char)pattern_byte(off + i);
            ret = send(s, buf, (int)len, 0);
            ok_int(ret, (int)len, "%s bulk upload: send of %u bytes returned %d, error %d\n",
               fam, (unsigned int)len, ret, WSAGetLastError());
            if (ret <= 0) break;
            off += ret;
        }
        ret = shutdown(s, SD_SEND);
        ok(!ret, "%s bulk upload: shutdown failed, error %d\n", fam, WSAGetLastError());
        ret = recv(s, buf, sizeof(buf), 0);
        ok_int(ret, 0, "%s bulk upload: expected EOF from server, got %d, error %d\n", fam, ret, WSAGetLastError());
        stop_server(&ctx, thread);
        ok(!ctx.fail_where, "%s bulk upload: server: %s failed, error %d\n", fam, ctx.fail_where, ctx.fail_error);
        ok(ctx.got_eof, "%s bulk upload: server saw no EOF\n", fam);
        ok_int(ctx.bytes, BULK_SIZE, "%s bulk upload: server got %u bytes\n", fam, (unsigned int)ctx.bytes);
        ok(ctx.first_bad == (size_t)-1, "%s bulk upload: server saw bad data at %u\n", fam, (unsigned int)ctx.first_bad);
    }
    closesocket(s);
}

/* ------------------------------------------------------------------------ */
/* UDP                                                                       */

static void test_udp(int family)
{
    const char *fam = fam_name(family);
    static const char msg[] = "datagram one";
    struct sockaddr_storage a_addr, b_addr, from;
    unsigned char big[64], buf[128];
    SOCKET a, b;
    u_long avail;
    int ret, fromlen, i;

    a = bound_socket(family, SOCK_DGRAM, &a_addr);
    b = bound_socket(family, SOCK_DGRAM, &b_addr);
    if (a == INVALID_SOCKET || b == INVALID_SOCKET)
    {
        if (a != INVALID_SOCKET) closesocket(a);
        if (b != INVALID_SOCKET) closesocket(b);
        return;
    }
    set_timeouts(a, WAIT_MS);
    set_timeouts(b, WAIT_MS);

    ret = sendto(a, msg, sizeof(msg), 0, (struct sockaddr *)&b_addr, sa_len(family));
    ok_int(ret, sizeof(msg), "%s: sendto returned %d, error %d\n", fam, ret, WSAGetLastError());

    memset(buf, 0, sizeof(buf));
    memset(&from, 0xcc, sizeof(from));
    fromlen = sizeof(from);
    ret = recvfrom(b, (char *)buf, sizeof(buf), 0, (struct sockaddr *)&from, &fromlen);
    ok_int(ret, sizeof(msg), "%s: recvfrom returned %d, error %d\n", fam, ret, WSAGetLastError());
    ok(!memcmp(buf, msg, sizeof(msg)), "%s: datagram content differs\n", fam);
    ok_int(fromlen, sa_len(family), "%s: recvfrom fromlen %d, expected %d\n", fam, fromlen, sa_len(family));
    ok(sa_equal(&from, &a_addr), "%s: recvfrom source %s, sender is %s\n", fam, sa_str(&from), sa_str(&a_addr));

    /* reply, received without asking for the address */
    ret = sendto(b, "reply", 5, 0, (struct sockaddr *)&from, fromlen);
    ok_int(ret, 5, "%s: sendto back returned %d, error %d\n", fam, ret, WSAGetLastError());
    memset(buf, 0, sizeof(buf));
    ret = recvfrom(a, (char *)buf, sizeof(buf), 0, NULL, NULL);
    ok(ret == 5 && !memcmp(buf, "reply", 5), "%s: reply: %d bytes \"%.5s\"\n", fam, ret, buf);

    /* FIONREAD with one datagram queued */
    ret = sendto(a, msg, 9, 0, (struct sockaddr *)&b_addr, sa_len(family));
    ok_int(ret, 9, "%s: sendto returned %d\n", fam, ret);
    ret = wait_one(b, 'r', WAIT_MS);
    ok_int(ret, 1, "%s: datagram did not make the socket readable (%d)\n", fam, ret);
    avail = 0xdeadbeef;
    ret = ioctlsocket(b, FIONREAD, &avail);
    ok(!ret && avail == 9, "%s: FIONREAD on UDP: ret %d, value %lu, expected 9\n", fam, ret, avail);
    ret = recv(b, (char *)buf, sizeof(buf), 0);
    ok_int(ret, 9, "%s: recv returned %d\n", fam, ret);

    /* datagram boundaries are kept */
    ret = sendto(a, "12345", 5, 0, (struct sockaddr *)&b_addr, sa_len(family));
    ok_int(ret, 5, "%s: sendto returned %d\n", fam, ret);
    ret = sendto(a, "abcdefghij", 10, 0, (struct sockaddr *)&b_addr, sa_len(family));
    ok_int(ret, 10, "%s: sendto returned %d\n", fam, ret);
    ret = sendto(a, "", 0, 0, (struct sockaddr *)&b_addr, sa_len(family));
    ok_int(ret, 0, "%s: zero-length sendto returned %d, error %d\n", fam, ret, WSAGetLastError());
    ret = sendto(a, "Z", 1, 0, (struct sockaddr *)&b_addr, sa_len(family));
    ok_int(ret, 1, "%s: sendto returned %d\n", fam, ret);
    ret = recv(b, (char *)buf, sizeof(buf), 0);
    ok(ret == 5 && !memcmp(buf, "12345", 5), "%s: first datagram: %d bytes\n", fam, ret);
    ret = recv(b, (char *)buf, sizeof(buf), 0);
    ok(ret == 10 && !memcmp(buf, "abcdefghij", 10), "%s: second datagram: %d bytes\n", fam, ret);
    fromlen = sizeof(from);
    memset(&from, 0, sizeof(from));
    ret = recvfrom(b, (char *)buf, sizeof(buf), 0, (struct sockaddr *)&from, &fromlen);
    ok_int(ret, 0, "%s: empty datagram: recvfrom returned %d, error %d\n", fam, ret, WSAGetLastError());
    ok(sa_equal(&from, &a_addr), "%s: empty datagram source %s\n", fam, sa_str(&from));
    ret = recv(b, (char *)buf, sizeof(buf), 0);
    ok(ret == 1 && buf[0] == 'Z', "%s: fourth datagram: %d bytes\n", fam, ret);

    /* too-small buffer: WSAEMSGSIZE, buffer holds the head, the rest is gone */
    for (i = 0; i < (int)sizeof(big); i++) big[i] = (unsigned char)(i + 1);
    ret = sendto(a, (char *)big, sizeof(big), 0, (struct sockaddr *)&b_addr, sa_len(family));
    ok_int(ret, sizeof(big), "%s: sendto returned %d\n", fam, ret);
    memset(buf, 0xcc, sizeof(buf));
    WSASetLastError(0xdeadbeef);
    ret = recv(b, (char *)buf, 16, 0);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEMSGSIZE,
       "%s: recv into a short buffer returned %d, error %d (expected WSAEMSGSIZE)\n", fam, ret, WSAGetLastError());
    ok(!memcmp(buf, big, 16), "%s: truncated datagram head not copied\n", fam);
    ok_int(buf[16], 0xcc, "%s: recv wrote past the buffer length\n", fam);

    ret = set_nonblocking(b, TRUE);
    ok(!ret, "%s: FIONBIO failed, error %d\n", fam, WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    ret = recv(b, (char *)buf, sizeof(buf), 0);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
       "%s: after WSAEMSGSIZE the rest should be discarded; recv returned %d, error %d\n",
       fam, ret, WSAGetLastError());

    fromlen = sizeof(from);
    WSASetLastError(0xdeadbeef);
    ret = recvfrom(b, (char *)buf, sizeof(buf), 0, (struct sockaddr *)&from, &fromlen);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
       "%s: non-blocking recvfrom with no data returned %d, error %d\n", fam, ret, WSAGetLastError());

    /* a "connected" UDP socket */
    ret = connect(a, (struct sockaddr *)&b_addr, sa_len(family));
    ok(!ret, "%s: UDP connect failed, error %d\n", fam, WSAGetLastError());
    fromlen = sizeof(from);
    memset(&from, 0, sizeof(from));
    ret = getpeername(a, (struct sockaddr *)&from, &fromlen);
    ok(!ret, "%s: getpeername on connected UDP failed, error %d\n", fam, WSAGetLastError());
    ok(sa_equal(&from, &b_addr), "%s: connected UDP peer %s, expected %s\n", fam, sa_str(&from), sa_str(&b_addr));
    ret = send(a, "connected", 9, 0);
    ok_int(ret, 9, "%s: send on connected UDP returned %d, error %d\n", fam, ret, WSAGetLastError());
    ret = wait_one(b, 'r', WAIT_MS);
    ok_int(ret, 1, "%s: connected datagram not readable (%d)\n", fam, ret);
    memset(buf, 0, sizeof(buf));
    fromlen = sizeof(from);
    ret = recvfrom(b, (char *)buf, sizeof(buf), 0, (struct sockaddr *)&from, &fromlen);
    ok(ret == 9 && !memcmp(buf, "connected", 9), "%s: connected datagram: %d bytes\n", fam, ret);
    ok(sa_equal(&from, &a_addr), "%s: connected datagram source %s\n", fam, sa_str(&from));

    ret = sendto(b, "back", 4, 0, (struct sockaddr *)&a_addr, sa_len(family));
    ok_int(ret, 4, "%s: sendto to connected socket returned %d\n", fam, ret);
    memset(buf, 0, sizeof(buf));
    ret = recv(a, (char *)buf, sizeof(buf), 0);
    ok(ret == 4 && !memcmp(buf, "back", 4), "%s: connected UDP recv: %d bytes\n", fam, ret);

    ok(!closesocket(a), "%s: closesocket failed\n", fam);
    ok(!closesocket(b), "%s: closesocket failed\n", fam);
}

/* ------------------------------------------------------------------------ */

static BOOL probe_ipv6(void)
{
    struct sockaddr_storage ss;
    SOCKET s = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    BOOL ret;

    if (s == INVALID_SOCKET) return FALSE;
    make_loopback(AF_INET6, &ss, 0);
    ret = !bind(s, (struct sockaddr *)&ss, sizeof(struct sockaddr_in6));
    closesocket(s);
    return ret;
}

/* Where Windows accepts a NULL buffer with a zero length (Wine's builtin
 * agrees on every one; SO_UPDATE_*_CONTEXT's are in extensions.c). */
static void test_null_with_zero_length(void)
{
    struct sockaddr_in addr = { AF_INET };
    SOCKET listener, client, server, udp;
    WSABUF empty = { 0, NULL };
    DWORD count = 77, flags = 0;
    int len = sizeof(addr);

    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    listener = socket(AF_INET, SOCK_STREAM, 0);
    ok(!bind(listener, (struct sockaddr *)&addr, sizeof(addr)) && !listen(listener, 1) &&
       !getsockname(listener, (struct sockaddr *)&addr, &len), "listener: %d\n", WSAGetLastError());
    client = socket(AF_INET, SOCK_STREAM, 0);
    ok(!connect(client, (struct sockaddr *)&addr, sizeof(addr)), "connect: %d\n", WSAGetLastError());
    server = accept(listener, NULL, NULL);

    ok_int(send(client, NULL, 0, 0), 0, "send(NULL, 0): %d\n", WSAGetLastError());
    ok(!WSASend(client, NULL, 0, &count, 0, NULL, NULL) && count == 0, "WSASend(no buffers): %d, count %lu\n",
       WSAGetLastError(), count);
    count = 77;
    ok(!WSASend(client, &empty, 1, &count, 0, NULL, NULL) && count == 0, "WSASend({0, NULL}): %d, count %lu\n",
       WSAGetLastError(), count);
    ok(send(server, "x", 1, 0) == 1, "send: %d\n", WSAGetLastError());
    Sleep(50);
    ok_int(recv(client, NULL, 0, 0), 0, "recv(NULL, 0) with data waiting: %d\n", WSAGetLastError());
    count = 77;
    ok(!WSARecv(client, &empty, 1, &count, &flags, NULL, NULL) && count == 0, "WSARecv({0, NULL}): %d, count %lu\n",
       WSAGetLastError(), count);

    udp = socket(AF_INET, SOCK_DGRAM, 0);
    addr.sin_port = 0;
    len = sizeof(addr);
    ok(!bind(udp, (struct sockaddr *)&addr, sizeof(addr)) && !getsockname(udp, (struct sockaddr *)&addr, &len),
       "udp bind: %d\n", WSAGetLastError());
    ok_int(sendto(udp, NULL, 0, 0, (struct sockaddr *)&addr, sizeof(addr)), 0, "sendto(NULL, 0): %d\n",
       WSAGetLastError());
    Sleep(50);
    ok_int(recvfrom(udp, NULL, 0, 0, NULL, NULL), 0, "recvfrom(NULL, 0) of an empty datagram: %d\n",
       WSAGetLastError());
    ok(!WSAEventSelect(client, NULL, 0), "WSAEventSelect(NULL, 0): %d\n", WSAGetLastError());
    closesocket(udp);
    closesocket(server);
    closesocket(client);
    closesocket(listener);
}

/* Windows refuses the unspecified address as a destination (connect's page;
 * libuv's tests assert it on Windows); Linux would connect to the host. */
static void test_connect_to_unspecified(void)
{
    struct sockaddr_in any = { AF_INET }, bound = { AF_INET };
    struct sockaddr_in6 any6 = { AF_INET6 };
    SOCKET listener = socket(AF_INET, SOCK_STREAM, 0), tcp, udp;
    int len = sizeof(bound), ret;

    bound.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok(!bind(listener, (struct sockaddr *)&bound, sizeof(bound)) && !listen(listener, 1) &&
       !getsockname(listener, (struct sockaddr *)&bound, &len), "listener: %d\n", WSAGetLastError());
    any.sin_port = bound.sin_port;
    tcp = socket(AF_INET, SOCK_STREAM, 0);
    ret = connect(tcp, (struct sockaddr *)&any, sizeof(any));
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEADDRNOTAVAIL, "TCP to 0.0.0.0: %d %d\n", ret, WSAGetLastError());
    closesocket(tcp);
    udp = socket(AF_INET, SOCK_DGRAM, 0);
    ret = connect(udp, (struct sockaddr *)&any, sizeof(any));
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEADDRNOTAVAIL, "UDP to 0.0.0.0: %d %d\n", ret, WSAGetLastError());
    any.sin_port = 0;   /* all zeros: a datagram socket is disconnected */
    ok(!connect(udp, (struct sockaddr *)&any, sizeof(any)), "UDP to 0.0.0.0:0: %d\n", WSAGetLastError());
    closesocket(udp);
    {
        /* libuv disconnects a UDP socket on Windows with an all-zero AF_UNSPEC address. */
        SOCKADDR_STORAGE unspec = { 0 }, peer;
        int peer_len = sizeof(peer);
        udp = socket(AF_INET, SOCK_DGRAM, 0);
        ok(!connect(udp, (struct sockaddr *)&bound, sizeof(bound)), "UDP connect: %d\n", WSAGetLastError());
        ok(!connect(udp, (struct sockaddr *)&unspec, sizeof(unspec)), "UDP disconnect with AF_UNSPEC: %d\n",
           WSAGetLastError());
        ok(getpeername(udp, (struct sockaddr *)&peer, &peer_len) == SOCKET_ERROR && WSAGetLastError() == WSAENOTCONN,
           "after the disconnect getpeername: %d\n", WSAGetLastError());
        closesocket(udp);
    }
    if (have_ipv6)
    {
        udp = socket(AF_INET6, SOCK_DGRAM, 0);
        any6.sin6_port = bound.sin_port;
        ret = connect(udp, (struct sockaddr *)&any6, sizeof(any6));
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEADDRNOTAVAIL, "UDP to [::]: %d %d\n", ret,
           WSAGetLastError());
        closesocket(udp);
    }
    closesocket(listener);
}

START_TEST(sock_basic)
{
    WSADATA data;
    int ret;

    harness_start_watchdog(60000);
    ret = WSAStartup(MAKEWORD(2, 2), &data);
    ok_int(ret, 0, "WSAStartup failed: %d\n", ret);
    if (ret) return;
    ok_int(data.wVersion, MAKEWORD(2, 2), "WSAStartup negotiated version %#x\n", data.wVersion);

    have_ipv6 = probe_ipv6();
    if (harness_host_ipv6() == 1)
        ok(have_ipv6, "the host has IPv6 loopback, but an IPv6 socket cannot bind ::1: error %d\n",
           WSAGetLastError());
    else if (!have_ipv6) skip("IPv6 loopback is not available; IPv6 socket tests skipped\n");
    trace("%s, %s\n", data.szDescription, have_ipv6 ? "IPv4 and IPv6" : "IPv4 only");

    RUN(test_null_with_zero_length);

    RUN(test_connect_to_unspecified);
    RUN(test_tcp_blocking, AF_INET);
    RUN(test_tcp_nonblocking, AF_INET);
    RUN(test_udp, AF_INET);
    RUN(test_tcp_bulk, AF_INET, TRUE);
    RUN(test_tcp_bulk, AF_INET, FALSE);
    if (have_ipv6)
    {
        RUN(test_tcp_blocking, AF_INET6);
        RUN(test_tcp_nonblocking, AF_INET6);
        RUN(test_udp, AF_INET6);
        RUN(test_tcp_bulk, AF_INET6, TRUE);
    }
    RUN(test_connect_failure_select);

    ret = WSACleanup();
    ok_int(ret, 0, "WSACleanup failed, error %d\n", WSAGetLastError());
}
