/* select() as Windows answers it: a socket reported writable takes a send
 * without blocking, an fd_set passed twice is counted once per socket,
 * closesocket() on another thread wakes a select() waiting on the socket.
 * Every wait is bounded: a regression fails, it does not hang. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include "sockpair.h"

/* The loop of a server that writes while the socket says it can: select (or
 * WSAPoll) on the write side with a short timeout, stop when not writable,
 * otherwise send 1 KiB.  The peer never reads. */
struct writer
{
    SOCKET s;
    BOOL use_poll;
    int sends;      /* sends done */
    int failed;     /* a send that did not take the whole KiB, or an error */
    BOOL finished;  /* the socket stopped being writable */
};

#define WRITER_MAX_SENDS 200000 /* 200 MB: far beyond any socket buffer */

static DWORD WINAPI writer_thread(void *arg)
{
    static char chunk[1024];
    struct writer *w = arg;
    struct timeval tv = { 0, 500 };
    fd_set set;
    int ret;

    while (w->sends < WRITER_MAX_SENDS)
    {
        if (w->use_poll)
        {
            WSAPOLLFD fd = { w->s, POLLWRNORM, 0 };
            ret = WSAPoll(&fd, 1, 1);
            if (ret == 1 && fd.revents != POLLWRNORM) ret = -1;
        }
        else
        {
            FD_ZERO(&set);
            FD_SET(w->s, &set);
            ret = select(0, NULL, &set, NULL, &tv);
            if (ret == 1 && !FD_ISSET(w->s, &set)) ret = -1;
        }
        if (ret == 0) { w->finished = TRUE; break; }
        if (ret != 1) { w->failed = -2; break; }
        ret = send(w->s, chunk, sizeof(chunk), 0);
        if (ret != sizeof(chunk)) { w->failed = ret == SOCKET_ERROR ? WSAGetLastError() : -1; break; }
        w->sends++;
    }
    return 0;
}

static void check_writable_sends_do_not_block(BOOL use_poll)
{
    const char *how = use_poll ? "WSAPoll" : "select";
    struct writer w = { 0 };
    struct pair p;
    HANDLE thread;
    DWORD wait;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    w.s = p.client;
    w.use_poll = use_poll;
    thread = CreateThread(NULL, 0, writer_thread, &w, 0, NULL);
    wait = WaitForSingleObject(thread, 30000);
    ok_int(wait, WAIT_OBJECT_0, "%s: a send the socket was reported ready for blocked (after %d sends)\n", how,
       w.sends);
    if (wait != WAIT_OBJECT_0)
    {
        /* The peer's close fails the blocked send. */
        closesocket(p.server);
        p.server = INVALID_SOCKET;
        if (WaitForSingleObject(thread, 5000) != WAIT_OBJECT_0) TerminateThread(thread, 1);
    }
    else
    {
        ok(w.finished, "%s: the writer stopped with %d after %d sends\n", how, w.failed, w.sends);
        ok(w.sends > 0, "%s: a fresh connection was not writable\n", how);
        trace("%s: %d sends of 1 KiB before the socket stopped being writable\n", how, w.sends);
    }
    CloseHandle(thread);
    free_pair(&p);
}

static void test_writable_sends_do_not_block(void)
{
    check_writable_sends_do_not_block(FALSE);
    check_writable_sends_do_not_block(TRUE);
}

/* One fd_set passed as both the read and the write set: the result is their
 * union in that one set, and select counts each socket it holds once
 * (Windows, recorded in Wine's conformance test_select).  Separate sets
 * count a socket once in each. */
static void test_same_set_read_and_write(void)
{
    struct timeval tv = { 0, 500 };
    fd_set set, rset, wset;
    struct pair p;
    DWORD start;
    int ret;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;

    FD_ZERO(&set);
    FD_SET(p.client, &set);
    ret = select(0, &set, &set, NULL, &tv);
    ok(ret == 1 && set.fd_count == 1 && FD_ISSET(p.client, &set), "one writable socket: %d, count %u\n", ret,
       set.fd_count);

    FD_ZERO(&set);
    FD_SET(p.client, &set);
    FD_SET(p.server, &set);
    ret = select(0, &set, &set, NULL, &tv);
    ok(ret == 2 && set.fd_count == 2, "two writable sockets: %d, count %u\n", ret, set.fd_count);

    /* The server is now readable as well as writable: still one each. */
    ok(send(p.client, "test", 4, 0) == 4, "send: %d\n", WSAGetLastError());
    FD_ZERO(&set);
    FD_SET(p.server, &set);
    start = GetTickCount();
    while (!select(0, &set, NULL, NULL, &tv) && GetTickCount() - start < 5000)
    {
        FD_ZERO(&set);
        FD_SET(p.server, &set);
    }
    FD_ZERO(&set);
    FD_SET(p.client, &set);
    FD_SET(p.server, &set);
    ret = select(0, &set, &set, NULL, &tv);
    ok(ret == 2 && set.fd_count == 2 && FD_ISSET(p.client, &set) && FD_ISSET(p.server, &set),
       "readable and writable in one set: %d, count %u\n", ret, set.fd_count);

    /* Separate sets: the readable and writable socket counts twice. */
    FD_ZERO(&rset);
    FD_SET(p.server, &rset);
    FD_ZERO(&wset);
    FD_SET(p.server, &wset);
    ret = select(0, &rset, &wset, NULL, &tv);
    ok(ret == 2 && FD_ISSET(p.server, &rset) && FD_ISSET(p.server, &wset), "separate sets: %d\n", ret);

    /* The same socket twice in one set is reported once. */
    wset.fd_count = 2;
    wset.fd_array[0] = wset.fd_array[1] = p.client;
    ret = select(0, NULL, &wset, NULL, &tv);
    ok(ret == 1 && wset.fd_count == 1 && wset.fd_array[0] == p.client, "a socket listed twice: %d, count %u\n",
       ret, wset.fd_count);
    free_pair(&p);
}

/* closesocket() on another thread while select() waits on the socket. */
struct closing_select
{
    SOCKET s;
    BOOL in_read_set;  /* else in the except set only */
    int ret, error;
    fd_set rset, xset;
    DWORD ms;
};

static DWORD WINAPI closing_select_thread(void *arg)
{
    struct closing_select *c = arg;
    struct timeval tv = { 5, 0 };
    DWORD start = GetTickCount();

    FD_ZERO(&c->rset);
    FD_ZERO(&c->xset);
    if (c->in_read_set) FD_SET(c->s, &c->rset);
    FD_SET(c->s, &c->xset);
    WSASetLastError(0xdeadbeef);
    c->ret = select(0, c->in_read_set ? &c->rset : NULL, NULL, &c->xset, &tv);
    c->error = WSAGetLastError();
    c->ms = GetTickCount() - start;
    return 0;
}

static void check_closesocket_wakes_select(BOOL in_read_set)
{
    const char *where = in_read_set ? "read and except sets" : "except set";
    struct closing_select c = { 0 };
    struct pair p;
    HANDLE thread;
    DWORD wait;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    c.s = p.client;
    c.in_read_set = in_read_set;
    c.ret = 0x1234;
    thread = CreateThread(NULL, 0, closing_select_thread, &c, 0, NULL);
    Sleep(300);
    ok(!closesocket(p.client), "closesocket: %d\n", WSAGetLastError());
    wait = WaitForSingleObject(thread, 3000);
    ok(wait == WAIT_OBJECT_0 && c.ms < 3000, "%s: closesocket did not wake select (%lu ms)\n", where, c.ms);
    if (wait != WAIT_OBJECT_0)
    {
        if (WaitForSingleObject(thread, 5000) != WAIT_OBJECT_0) TerminateThread(thread, 1);
    }
    else if (in_read_set)
        /* Reported readable (the next call on it fails), once. */
        ok(c.ret == 1 && FD_ISSET(p.client, &c.rset) && c.xset.fd_count == 0,
           "%s: select returned %d (error %d), read count %u, except count %u\n", where, c.ret, c.error,
           c.rset.fd_count, c.xset.fd_count);
    else
        ok(c.ret == SOCKET_ERROR && c.error == WSAENOTSOCK && !FD_ISSET(p.client, &c.xset),
           "%s: select returned %d, error %d, except count %u\n", where, c.ret, c.error, c.xset.fd_count);
    CloseHandle(thread);
    closesocket(p.server);
}

static void test_closesocket_wakes_select(void)
{
    check_closesocket_wakes_select(TRUE);
    check_closesocket_wakes_select(FALSE);
}

/* An fd_set the caller allocated with more than FD_SETSIZE sockets. */
#define BIG_SET_PAIRS 50

static void test_more_than_fd_setsize(void)
{
    struct pair pairs[BIG_SET_PAIRS];
    struct timeval tv = { 0, 500 };
    fd_set *set = malloc(offsetof(fd_set, fd_array[2 * BIG_SET_PAIRS]));
    int i, made = 0, ret, in_order = 1;

    for (i = 0; i < BIG_SET_PAIRS; i++, made++)
        if (!make_pair(&pairs[i])) break;
    if (!ok_int(made, BIG_SET_PAIRS, "only %d loopback connections: error %d\n", made, WSAGetLastError())) goto done;
    set->fd_count = 2 * BIG_SET_PAIRS;
    for (i = 0; i < BIG_SET_PAIRS; i++)
    {
        set->fd_array[2 * i] = pairs[i].client;
        set->fd_array[2 * i + 1] = pairs[i].server;
    }
    ret = select(0, NULL, set, NULL, &tv);
    ok(ret == 2 * BIG_SET_PAIRS, "%d writable sockets: select returned %d, error %d\n", 2 * BIG_SET_PAIRS, ret,
       WSAGetLastError());
    ok(set->fd_count == 2 * BIG_SET_PAIRS, "count %u\n", set->fd_count);
    for (i = 0; i < BIG_SET_PAIRS; i++)
        if (set->fd_array[2 * i] != pairs[i].client || set->fd_array[2 * i + 1] != pairs[i].server) in_order = 0;
    ok(in_order, "the sockets did not come back in the order given\n");
done:
    for (i = 0; i < made; i++) free_pair(&pairs[i]);
    free(set);
}

/* The peer read the urgent byte with MSG_OOB and closed: on Windows that is
 * a graceful close, select reports the socket readable and recv returns 0
 * (Wine's conformance test_select, non-todo).  Linux keeps the byte queued
 * after such a read and resets a connection closed with it there. */
static void check_close_after_urgent_read(BOOL resend_inline)
{
    const char *how = resend_inline ? "urgent byte read, another read inline" : "urgent byte read";
    struct timeval tv = { 5, 0 };
    char buf[16];
    int ret, one = 1;
    fd_set set;
    struct pair p;

    /* The byte read out of band comes back into the stream behind the second:
     * only its place, which sock_diag gives, lets ws2kit read it away. */
    if (resend_inline && harness_host_sock_diag() == 0)
    {
        skip("%s: this kernel answers no sock_diag\n", how);
        return;
    }
    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    ok(send(p.client, "1234", 4, 0) == 4, "send: %d\n", WSAGetLastError());
    FD_ZERO(&set);
    FD_SET(p.server, &set);
    ok_int(select(0, &set, NULL, NULL, &tv), 1, "no data\n");
    ok_int(recv(p.server, buf, sizeof(buf), 0), 4, "recv: %d\n", WSAGetLastError());
    ok(send(p.client, "A", 1, MSG_OOB) == 1, "send MSG_OOB: %d\n", WSAGetLastError());
    FD_ZERO(&set);
    FD_SET(p.server, &set);
    ok_int(select(0, NULL, NULL, &set, &tv), 1, "%s: urgent data not reported\n", how);
    ret = recv(p.server, buf, sizeof(buf), MSG_OOB);
    ok(ret == 1 && buf[0] == 'A', "%s: recv MSG_OOB: %d, error %d\n", how, ret, WSAGetLastError());
    if (resend_inline)
    {
        ok(!setsockopt(p.server, SOL_SOCKET, SO_OOBINLINE, (char *)&one, sizeof(one)), "SO_OOBINLINE\n");
        ok(send(p.client, "A", 1, MSG_OOB) == 1, "send MSG_OOB: %d\n", WSAGetLastError());
        FD_ZERO(&set);
        FD_SET(p.server, &set);
        ok_int(select(0, &set, NULL, NULL, &tv), 1, "%s: inline urgent data not reported\n", how);
        ret = recv(p.server, buf, sizeof(buf), 0);
        ok(ret == 1 && buf[0] == 'A', "%s: inline recv: %d, error %d\n", how, ret, WSAGetLastError());
    }
    closesocket(p.server);
    p.server = INVALID_SOCKET;
    FD_ZERO(&set);
    FD_SET(p.client, &set);
    ok_int(select(0, &set, NULL, NULL, &tv), 1, "%s: the close was not reported\n", how);
    WSASetLastError(0xdeadbeef);
    ret = recv(p.client, buf, sizeof(buf), 0);
    ok_int(ret, 0, "%s: recv after the peer closed: %d, error %d (a reset, not a graceful close)\n", how, ret,
       WSAGetLastError());
    closesocket(p.client);
}

/* The except set reports a socket while any urgent byte waits: after a
 * recv(MSG_OOB) that leaves a second one, at once (Windows, as WSAPoll's
 * POLLRDBAND in sock.c test_fionread_siocatmark). */
static void test_except_set_while_urgent_waits(void)
{
    struct timeval tv = { 1, 0 };
    u_long on = 1;
    char byte = 0;
    struct pair p;
    fd_set set;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    ok(!ioctlsocket(p.server, FIONBIO, &on), "FIONBIO: %d\n", WSAGetLastError());   /* a failure must not hang */
    ok(send(p.client, "a", 1, MSG_OOB) == 1, "send MSG_OOB: %d\n", WSAGetLastError());
    FD_ZERO(&set);
    FD_SET(p.server, &set);
    ok_int(select(0, NULL, NULL, &set, &tv), 1, "first urgent byte not reported\n");
    ok(send(p.client, "b", 1, MSG_OOB) == 1, "send MSG_OOB: %d\n", WSAGetLastError());
    Sleep(50);
    ok(recv(p.server, &byte, 1, MSG_OOB) == 1 && byte == 'a', "first urgent byte: %c\n", byte);
    FD_ZERO(&set);
    FD_SET(p.server, &set);
    ok_int(select(0, NULL, NULL, &set, &tv), 1, "second urgent byte not reported\n");
    ok(recv(p.server, &byte, 1, MSG_OOB) == 1 && byte == 'b', "second urgent byte: %c\n", byte);
    FD_ZERO(&set);
    FD_SET(p.server, &set);
    tv.tv_sec = 0;
    tv.tv_usec = 200000;
    ok_int(select(0, NULL, NULL, &set, &tv), 0, "reported with no urgent byte left\n");
    free_pair(&p);
}

static void test_close_after_urgent_read_is_graceful(void)
{
    check_close_after_urgent_read(FALSE);
    check_close_after_urgent_read(TRUE);
}

START_TEST(select)
{
    WSADATA data;

    harness_start_watchdog(120000);
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup\n");
    RUN(test_writable_sends_do_not_block);
    RUN(test_same_set_read_and_write);
    RUN(test_closesocket_wakes_select);
    RUN(test_more_than_fd_setsize);
    RUN(test_close_after_urgent_read_is_graceful);
    RUN(test_except_set_while_urgent_waits);
    WSACleanup();
}
