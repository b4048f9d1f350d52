/* select() as Windows answers it: a socket reported writable takes a send
 * without blocking, an fd_set passed twice is counted once per socket,
 * closesocket() on another thread wakes a select() waiting on the socket.
 * Every wait is bounded: a regression fails, it does not hang. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
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

    if (!make_pair(&p)) { skip("no loopback connection\n"); return; }
    w.s = p.client;
    w.use_poll = use_poll;
    thread = CreateThread(NULL, 0, writer_thread, &w, 0, NULL);
    wait = WaitForSingleObject(thread, 30000);
    ok(wait == WAIT_OBJECT_0, "%s: a send the socket was reported ready for blocked (after %d sends)\n", how,
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

START_TEST(select)
{
    WSADATA data;

    harness_start_watchdog(120000);
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup\n");
    test_writable_sends_do_not_block();
    WSACleanup();
}
