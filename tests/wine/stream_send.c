/* Sends on stream sockets and binds with SO_REUSEADDR, as real programs
 * depend on them (issue 12's reports, each wrong in Wine's builtin):
 *
 * - an overlapped WSASend on a stream socket completes with the whole
 *   length, however long the peer takes to read it (gRPC asserts it);
 * - a non-blocking send on a stream socket with room in its buffer takes
 *   the whole buffer: Windows' AFD buffers a send it accepts, it does not
 *   cut it to what fits in the transport (a game server crashes on a short
 *   count);
 * - WSAEventSelect(FD_WRITE): once a send failed with WSAEWOULDBLOCK, FD_WRITE
 *   is signalled within milliseconds of the socket becoming writable again;
 * - SO_REUSEADDR: a second socket binds (and listens on) the address and
 *   port of a first that set it too, even one already listening; without it
 *   on the first, WSAEACCES (Wine's sock.c test_reuseaddr, checked on
 *   Windows); two UDP sockets share a port the same way.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include "sockpair.h"

#define BIG_SEND (8 * 1024 * 1024)

struct drain { SOCKET s; DWORD delay_ms; LONGLONG total; LONGLONG first_wrong; };

/* The byte at position i of every stream these tests send. */
static char pattern_byte(LONGLONG i)
{
    return (char)(i * 7);
}

/* Reads until the peer shuts down, after an optional delay: counts the
 * bytes and finds the first that is not the pattern's (-1: none). */
static DWORD WINAPI drain_thread(void *arg)
{
    struct drain *d = arg;
    static char buf[65536];
    int n, i;

    d->first_wrong = -1;
    Sleep(d->delay_ms);
    while ((n = recv(d->s, buf, sizeof(buf), 0)) > 0)
    {
        for (i = 0; i < n && d->first_wrong < 0; i++)
            if (buf[i] != pattern_byte(d->total + i)) d->first_wrong = d->total + i;
        d->total += n;
    }
    return 0;
}

/* `size` bytes of the pattern, from stream position `from`. */
static char *pattern_buffer_from(LONGLONG from, size_t size)
{
    char *buf = malloc(size);
    size_t i;

    for (i = 0; buf && i < size; i++) buf[i] = pattern_byte(from + i);
    return buf;
}

static char *pattern_buffer(size_t size)
{
    return pattern_buffer_from(0, size);
}

static void set_nonblocking(SOCKET s, u_long on)
{
    ok(!ioctlsocket(s, FIONBIO, &on), "FIONBIO %lu: %d\n", on, WSAGetLastError());
}

/* The peer reads nothing for 500 ms: the send cannot complete at once, yet
 * it completes with every byte. */
static void test_overlapped_send_whole_length(void)
{
    struct pair p;
    struct drain d;
    OVERLAPPED ov = { 0 };
    WSABUF wsabuf;
    DWORD sent = 0, flags = 0, bytes = 0;
    HANDLE thread;
    char *buf = pattern_buffer(BIG_SEND);
    int ret, size = 8192;

    if (!ok(buf && make_family_pair(AF_INET, &p), "setup\n")) return;
    ok(!setsockopt(p.client, SOL_SOCKET, SO_SNDBUF, (char *)&size, sizeof(size)), "SO_SNDBUF\n");
    ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    d.s = p.server, d.delay_ms = 500, d.total = 0;
    thread = CreateThread(NULL, 0, drain_thread, &d, 0, NULL);
    wsabuf.buf = buf, wsabuf.len = BIG_SEND;
    ret = WSASend(p.client, &wsabuf, 1, &sent, 0, &ov, NULL);
    ok(!ret || WSAGetLastError() == WSA_IO_PENDING, "WSASend: %d %d\n", ret, WSAGetLastError());
    ok_int(WaitForSingleObject(ov.hEvent, 20000), WAIT_OBJECT_0, "the send did not complete in 20 s\n");
    ok(WSAGetOverlappedResult(p.client, &ov, &bytes, FALSE, &flags), "result: %d\n", WSAGetLastError());
    ok_int(bytes, BIG_SEND, "overlapped send completed with %lu of %u bytes\n", bytes, BIG_SEND);
    shutdown(p.client, SD_SEND);
    WaitForSingleObject(thread, 20000);
    ok_int(d.total, BIG_SEND, "the peer read %I64d of %u bytes\n", d.total, BIG_SEND);
    ok(d.first_wrong < 0, "the byte at %I64d is not what was sent\n", d.first_wrong);
    CloseHandle(thread);
    CloseHandle(ov.hEvent);
    closesocket(p.client);
    closesocket(p.server);
    free(buf);
}

/* A fresh connection has room in its send buffer: a non-blocking send of
 * 1 MiB (far more than the 8 KiB SO_SNDBUF asks for) is taken whole.  The
 * buffer is then full: the next send fails with WSAEWOULDBLOCK until the
 * peer reads, then is taken in turn; closing at once loses nothing (a
 * graceful close sends what was taken), and the peer gets every byte in
 * order. */
static void test_nonblocking_send_takes_whole_buffer(void)
{
    const int first = 1024 * 1024, second = 65536;
    struct pair p;
    struct drain d;
    HANDLE thread;
    char *buf = pattern_buffer(first), *more = pattern_buffer_from(first, second);
    fd_set writable;
    struct timeval five_s = { 5, 0 };
    int ret, ret2, size = 8192;

    if (!ok(buf && more && make_family_pair(AF_INET, &p), "setup\n")) return;
    ok(!setsockopt(p.client, SOL_SOCKET, SO_SNDBUF, (char *)&size, sizeof(size)), "SO_SNDBUF\n");
    set_nonblocking(p.client, 1);
    ret = send(p.client, buf, first, 0);
    ok_int(ret, first, "non-blocking send of 1 MiB took %d bytes (error %d)\n", ret, WSAGetLastError());
    ret2 = send(p.client, more, second, 0);
    ok(ret2 == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK, "a send while the buffer is full: %d %d\n",
       ret2, WSAGetLastError());

    d.s = p.server, d.delay_ms = 0, d.total = 0;
    thread = CreateThread(NULL, 0, drain_thread, &d, 0, NULL);
    FD_ZERO(&writable);
    FD_SET(p.client, &writable);
    ok_int(select(0, NULL, &writable, NULL, &five_s), 1, "not writable within 5 s of the peer reading\n");
    ret2 = send(p.client, more, second, 0);
    ok_int(ret2, second, "the next send took %d of %d bytes (error %d)\n", ret2, second, WSAGetLastError());
    closesocket(p.client);
    WaitForSingleObject(thread, 20000);
    ok(d.total == (LONGLONG)first + second, "the peer read %I64d bytes, %d were sent\n", d.total, first + second);
    ok(d.first_wrong < 0, "the byte at %I64d is not what was sent\n", d.first_wrong);
    CloseHandle(thread);
    closesocket(p.server);
    free(buf);
    free(more);
}

/* 4096 buffers in one send, blocking and overlapped: Windows takes any
 * count (libuv's tcp_writealot); Linux's sendmsg takes 1024 at most. */
static void send_many_buffers(BOOL overlapped_send)
{
    const int count = 4096, each = 256;
    struct pair p;
    struct drain d;
    OVERLAPPED ov = { 0 };
    WSABUF *bufs = malloc(count * sizeof(*bufs));
    char *data = pattern_buffer(count * each);
    DWORD sent = 0, flags = 0;
    HANDLE thread;
    int i, ret;

    if (!ok(bufs && data && make_family_pair(AF_INET, &p), "setup\n")) return;
    for (i = 0; i < count; i++) bufs[i].buf = data + i * each, bufs[i].len = each;
    d.s = p.server, d.delay_ms = 100, d.total = 0;
    thread = CreateThread(NULL, 0, drain_thread, &d, 0, NULL);
    ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    ret = WSASend(p.client, bufs, count, &sent, 0, overlapped_send ? &ov : NULL, NULL);
    if (overlapped_send)
    {
        ok(!ret || WSAGetLastError() == WSA_IO_PENDING, "overlapped WSASend of %d buffers: %d %d\n", count, ret,
           WSAGetLastError());
        /* The caller's buffers go away as soon as the send completes. */
        ok_int(WaitForSingleObject(ov.hEvent, 20000), WAIT_OBJECT_0, "no completion in 20 s\n");
        ok(WSAGetOverlappedResult(p.client, &ov, &sent, FALSE, &flags), "result: %d\n", WSAGetLastError());
    }
    else ok(!ret, "WSASend of %d buffers: %d\n", count, WSAGetLastError());
    ok_int(sent, (DWORD)(count * each), "%s send of %d buffers: %lu of %d bytes\n",
       overlapped_send ? "overlapped" : "blocking", count, sent, count * each);
    memset(data, 0, count * each);
    shutdown(p.client, SD_SEND);
    WaitForSingleObject(thread, 20000);
    ok(d.total == count * each && d.first_wrong < 0, "the peer read %I64d bytes, the first wrong at %I64d\n",
       d.total, d.first_wrong);
    CloseHandle(thread);
    CloseHandle(ov.hEvent);
    closesocket(p.client);
    closesocket(p.server);
    free(bufs);
    free(data);
}

static void test_many_buffers(void)
{
    send_many_buffers(FALSE);
    send_many_buffers(TRUE);
}

/* Fills the connection until WSAEWOULDBLOCK, then the peer drains it:
 * FD_WRITE must follow the drain promptly. */
static void test_fd_write_after_wouldblock(void)
{
    static char chunk[65536];
    struct pair p;
    struct drain d;
    WSANETWORKEVENTS events;
    HANDLE event, thread;
    LARGE_INTEGER freq, start, end;
    DWORD wait;
    int ret, rounds = 0, size = 8192;

    if (!ok(make_family_pair(AF_INET, &p), "setup\n")) return;
    ok(!setsockopt(p.client, SOL_SOCKET, SO_SNDBUF, (char *)&size, sizeof(size)), "SO_SNDBUF\n");
    event = WSACreateEvent();
    ok(!WSAEventSelect(p.client, event, FD_WRITE), "WSAEventSelect: %d\n", WSAGetLastError());
    ok_int(WaitForSingleObject(event, 1000), WAIT_OBJECT_0, "no first FD_WRITE\n");
    WSAEnumNetworkEvents(p.client, event, &events);
    while ((ret = send(p.client, chunk, sizeof(chunk), 0)) > 0 && rounds < 100000) rounds++;
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK, "filling: %d %d after %d sends\n", ret,
       WSAGetLastError(), rounds);
    d.s = p.server, d.delay_ms = 0, d.total = 0;
    QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&start);
    thread = CreateThread(NULL, 0, drain_thread, &d, 0, NULL);
    wait = WaitForSingleObject(event, 5000);
    QueryPerformanceCounter(&end);
    ok_int(wait, WAIT_OBJECT_0, "no FD_WRITE within 5 s of the peer reading\n");
    ok((end.QuadPart - start.QuadPart) * 1000 / freq.QuadPart < 500, "FD_WRITE came %I64d ms after the drain began\n",
       (end.QuadPart - start.QuadPart) * 1000 / freq.QuadPart);
    ok(!WSAEnumNetworkEvents(p.client, event, &events) && (events.lNetworkEvents & FD_WRITE) &&
       !events.iErrorCode[FD_WRITE_BIT], "events %#lx\n", events.lNetworkEvents);
    WSAEventSelect(p.client, NULL, 0);
    shutdown(p.client, SD_SEND);
    WaitForSingleObject(thread, 20000);
    CloseHandle(thread);
    WSACloseEvent(event);
    closesocket(p.client);
    closesocket(p.server);
}

/* A receive's address buffer means nothing on a stream socket: Windows
 * ignores it, whatever its length says (Wine's sock.c test_write_watch
 * passes an uninitialised one and succeeds on Windows). */
static void test_stream_receive_ignores_from(void)
{
    struct sockaddr_in from;
    struct pair p;
    WSABUF wsabuf;
    char buf[16];
    DWORD received = 0, flags = 0;
    int len, ret;

    if (!ok(make_family_pair(AF_INET, &p), "setup\n")) return;
    send(p.client, "hello", 5, 0);
    len = 3;
    ret = recvfrom(p.server, buf, 2, 0, (struct sockaddr *)&from, &len);
    ok_int(ret, 2, "recvfrom with a 3-byte address length: %d %d\n", ret, WSAGetLastError());
    len = 0x7fffffff;
    wsabuf.buf = buf, wsabuf.len = 3;
    ret = WSARecvFrom(p.server, &wsabuf, 1, &received, &flags, (struct sockaddr *)&from, &len, NULL, NULL);
    ok(!ret && received == 3, "WSARecvFrom with a huge address length: %d %d, %lu bytes\n", ret, WSAGetLastError(),
       received);
    closesocket(p.client);
    closesocket(p.server);
}

static SOCKET bound_socket(int type, BOOL reuse, struct sockaddr_in *addr)
{
    SOCKET s = socket(AF_INET, type, 0);
    int on = reuse;

    if (reuse) ok(!setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&on, sizeof(on)), "SO_REUSEADDR\n");
    if (bind(s, (struct sockaddr *)addr, sizeof(*addr)))
    {
        int err = WSAGetLastError();
        closesocket(s);
        WSASetLastError(err);
        return INVALID_SOCKET;
    }
    return s;
}

/* The error of a second bind (with SO_REUSEADDR) to the loopback port of a
 * first socket of `type`, which has it or not; 0 when the bind succeeds. */
static int second_bind_error(int type, BOOL first_reuses)
{
    struct sockaddr_in addr = { AF_INET };
    int len = sizeof(addr), err = 0;
    SOCKET first, second;

    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    first = bound_socket(type, first_reuses, &addr);
    getsockname(first, (struct sockaddr *)&addr, &len);
    second = bound_socket(type, TRUE, &addr);
    if (second == INVALID_SOCKET) err = WSAGetLastError();
    closesocket(second);
    closesocket(first);
    return err;
}

static void test_reuseaddr(void)
{
    struct sockaddr_in addr = { AF_INET };
    int len = sizeof(addr);
    SOCKET first, second, client;
    int i, err;

    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    first = bound_socket(SOCK_STREAM, TRUE, &addr);
    if (!ok(first != INVALID_SOCKET, "first bind: %d\n", WSAGetLastError())) return;
    getsockname(first, (struct sockaddr *)&addr, &len);
    ok(!listen(first, 4), "first listen: %d\n", WSAGetLastError());

    /* Both with SO_REUSEADDR: the second binds and listens, the first listening. */
    second = bound_socket(SOCK_STREAM, TRUE, &addr);
    ok(second != INVALID_SOCKET, "second bind with SO_REUSEADDR: %d\n", WSAGetLastError());
    ok(second != INVALID_SOCKET && !listen(second, 4), "second listen: %d\n", WSAGetLastError());
    /* Every connection goes to the first listener, as on Windows. */
    for (i = 0; i < 8; i++)
    {
        fd_set readable;
        struct timeval five_s = { 5, 0 }, none = { 0, 0 };
        SOCKET accepted;

        client = socket(AF_INET, SOCK_STREAM, 0);
        ok(!connect(client, (struct sockaddr *)&addr, sizeof(addr)), "connect %d: %d\n", i, WSAGetLastError());
        FD_ZERO(&readable);
        FD_SET(first, &readable);
        if (!ok_int(select(0, &readable, NULL, NULL, &five_s), 1, "connection %d: the first listener has none\n", i))
        {
            closesocket(client);
            break;
        }
        accepted = accept(first, NULL, NULL);
        ok(accepted != INVALID_SOCKET, "accept %d on the first: %d\n", i, WSAGetLastError());
        FD_ZERO(&readable);
        FD_SET(second, &readable);
        ok(second == INVALID_SOCKET || !select(0, &readable, NULL, NULL, &none),
           "connection %d went to the second listener\n", i);
        closesocket(accepted);
        closesocket(client);
    }
    closesocket(second);

    /* A third without it is refused while they are bound. */
    second = bound_socket(SOCK_STREAM, FALSE, &addr);
    ok(second == INVALID_SOCKET && WSAGetLastError() == WSAEADDRINUSE, "bind without SO_REUSEADDR: %d\n",
       WSAGetLastError());
    closesocket(second);
    closesocket(first);

    /* The first without it: WSAEACCES for the second, as on Windows.
     * UDP: two sockets with SO_REUSEADDR share a port. */
    err = second_bind_error(SOCK_STREAM, FALSE);
    ok_int(err, WSAEACCES, "the first without SO_REUSEADDR: %d\n", err);
    err = second_bind_error(SOCK_DGRAM, TRUE);
    ok(!err, "second UDP bind with SO_REUSEADDR: %d\n", err);
}

/* Linux's own list of listeners, read through Wine's Z: drive: how many
 * sockets listen on this port (host order), on any address. */
static int linux_listeners_on_port(unsigned short port)
{
    FILE *table = fopen("Z:\\proc\\net\\tcp", "r");
    char line[256];
    unsigned int local_port, state;
    int count = 0;

    if (!table) return -1;
    while (fgets(line, sizeof(line), table))
        if (sscanf(line, " %*u: %*8[0-9A-Fa-f]:%x %*s %x", &local_port, &state) == 2 && state == 0x0a
            && local_port == port)
            count++;
    fclose(table);
    return count;
}

/* Which of two listeners a loopback connection to the port reaches: 1 the
 * first, 2 the second, 0 neither (within 5 s). */
static int listener_reached(SOCKET first, SOCKET second, const struct sockaddr_in *loopback)
{
    struct timeval five_s = { 5, 0 };
    SOCKET client = socket(AF_INET, SOCK_STREAM, 0), accepted;
    fd_set readable;
    int which = 0;

    ok(!connect(client, (const struct sockaddr *)loopback, sizeof(*loopback)), "connect: %d\n", WSAGetLastError());
    FD_ZERO(&readable);
    FD_SET(first, &readable);
    FD_SET(second, &readable);
    if (select(0, &readable, NULL, NULL, &five_s) == 1)
    {
        which = FD_ISSET(first, &readable) ? 1 : 2;
        accepted = accept(which == 1 ? first : second, NULL, NULL);
        closesocket(accepted);
    }
    closesocket(client);
    return which;
}

/* Windows lets a stream socket bind a port that another holds on another
 * address (a specific one beside the wildcard, either first), with no option,
 * both listen, and a connection goes to the one bound to the address it
 * names (Wine's sock.c test_reuseaddr, checked on Windows).  The same
 * address twice stays refused.  Linux refuses the second bind unless both
 * sockets have SO_REUSEPORT. */
static void test_specific_address_beside_wildcard(void)
{
    static const char *const order[2] = { "wildcard first", "loopback first" };
    int i;

    for (i = 0; i < 2; i++)
    {
        struct sockaddr_in wildcard = { AF_INET }, loopback = { AF_INET }, *first_addr, *second_addr;
        int len = sizeof(wildcard), listeners, reached;
        SOCKET first, second, again;

        loopback.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        first_addr = i ? &loopback : &wildcard;
        second_addr = i ? &wildcard : &loopback;
        first = bound_socket(SOCK_STREAM, FALSE, first_addr);
        if (!ok(first != INVALID_SOCKET, "%s: first bind: %d\n", order[i], WSAGetLastError())) continue;
        getsockname(first, (struct sockaddr *)first_addr, &len);
        second_addr->sin_port = loopback.sin_port = wildcard.sin_port = first_addr->sin_port;
        ok(!listen(first, 4), "%s: first listen: %d\n", order[i], WSAGetLastError());

        second = bound_socket(SOCK_STREAM, FALSE, second_addr);
        ok(second != INVALID_SOCKET, "%s: second bind: %d\n", order[i], WSAGetLastError());
        ok(second != INVALID_SOCKET && !listen(second, 4), "%s: second listen: %d\n", order[i], WSAGetLastError());
        listeners = linux_listeners_on_port(ntohs(loopback.sin_port));
        ok_int(listeners, 2, "%s: Linux lists %d listeners on the port\n", order[i], listeners);
        reached = listener_reached(i ? first : second, i ? second : first, &loopback);
        ok_int(reached, 1, "%s: the loopback connection reached %s\n", order[i],
           reached == 2 ? "the wildcard listener" : reached ? "?" : "no listener");

        again = bound_socket(SOCK_STREAM, FALSE, second_addr);
        ok(again == INVALID_SOCKET && WSAGetLastError() == WSAEADDRINUSE, "%s: the same address again: %d\n",
           order[i], again == INVALID_SOCKET ? WSAGetLastError() : 0);
        closesocket(again);
        closesocket(second);
        closesocket(first);
    }
}

START_TEST(stream_send)
{
    WSADATA data;

    harness_start_watchdog(120000);
    if (!ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup\n")) return;
    RUN(test_overlapped_send_whole_length);
    RUN(test_nonblocking_send_takes_whole_buffer);
    RUN(test_many_buffers);
    RUN(test_stream_receive_ignores_from);
    RUN(test_fd_write_after_wouldblock);
    RUN(test_reuseaddr);
    RUN(test_specific_address_beside_wildcard);
    WSACleanup();
}
