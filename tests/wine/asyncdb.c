/* WSAAsyncGetHostByName/-ByAddr, WSAAsyncGetProtoByName/-ByNumber,
 * WSAAsyncGetServByName/-ByPort and WSACancelAsyncRequest: the message a
 * (message-only) window gets, the flat answer in the caller's buffer,
 * WSAENOBUFS with the size needed, cancelling, and bad input. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include "slowlookup.h"

#define WM_ASYNC (WM_USER + 7)

static HWND window;

struct reply
{
    HANDLE handle;
    int error, length;
};

/* Pumps the window's messages until the reply for handle arrives (or ms pass). */
static BOOL wait_reply(HANDLE handle, DWORD ms, struct reply *reply)
{
    DWORD start = GetTickCount();
    MSG msg;

    for (;;)
    {
        while (PeekMessageW(&msg, window, 0, 0, PM_REMOVE))
        {
            if (msg.message == WM_ASYNC && (HANDLE)msg.wParam == handle)
            {
                reply->handle = (HANDLE)msg.wParam;
                reply->error = WSAGETASYNCERROR(msg.lParam);
                reply->length = WSAGETASYNCBUFLEN(msg.lParam);
                return TRUE;
            }
            DispatchMessageW(&msg);
        }
        if (GetTickCount() - start >= ms) return FALSE;
        MsgWaitForMultipleObjects(0, NULL, FALSE, 50, QS_ALLINPUT);
    }
}

static BOOL inside(const void *p, const char *buf, int len)
{
    return (const char *)p >= buf && (const char *)p < buf + len;
}

static void test_before_startup(void)
{
    char buf[MAXGETHOSTSTRUCT];
    HANDLE h;

    SetLastError(0xdeadbeef);
    h = WSAAsyncGetHostByName(window, WM_ASYNC, "localhost", buf, sizeof(buf));
    ok(!h && WSAGetLastError() == WSANOTINITIALISED, "WSAAsyncGetHostByName: %p %d\n", h, WSAGetLastError());
    SetLastError(0xdeadbeef);
    h = WSAAsyncGetProtoByNumber(window, WM_ASYNC, 6, buf, sizeof(buf));
    ok(!h && WSAGetLastError() == WSANOTINITIALISED, "WSAAsyncGetProtoByNumber: %p %d\n", h, WSAGetLastError());
    ok(WSACancelAsyncRequest((HANDLE)1) == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED,
       "WSACancelAsyncRequest: %d\n", WSAGetLastError());
}

static void test_host_by_name(void)
{
    char buf[MAXGETHOSTSTRUCT], small[sizeof(struct hostent)], *exact;
    struct hostent *h = (struct hostent *)buf;
    struct reply reply;
    HANDLE handle;
    int i, count;

    memset(buf, 0xcc, sizeof(buf));
    handle = WSAAsyncGetHostByName(window, WM_ASYNC, "localhost", buf, sizeof(buf));
    ok(handle != NULL && WSAGetLastError() == 0, "localhost: %p %d\n", handle, WSAGetLastError());
    ok(wait_reply(handle, 10000, &reply), "no reply\n");
    ok(reply.error == 0 && reply.length > (int)sizeof(*h) && reply.length <= (int)sizeof(buf), "reply %d %d\n",
       reply.error, reply.length);
    if (reply.error) return;
    ok(h->h_addrtype == AF_INET && h->h_length == 4, "type %d length %d\n", h->h_addrtype, h->h_length);
    /* Windows' layout: the pointer arrays right behind the structure, then the addresses. */
    ok((char *)h->h_aliases == buf + sizeof(*h), "aliases at +%Id\n", (char *)h->h_aliases - buf);
    for (count = 0; h->h_aliases[count]; count++)
        ok(inside(h->h_aliases[count], buf, reply.length), "alias %d outside\n", count);
    ok((char *)h->h_addr_list == (char *)(h->h_aliases + count + 1), "address list at +%Id\n",
       (char *)h->h_addr_list - buf);
    for (count = 0; h->h_addr_list[count]; count++)
        ok(inside(h->h_addr_list[count], buf, reply.length), "address %d outside\n", count);
    ok(count >= 1 && h->h_addr_list[0] == (char *)(h->h_addr_list + count + 1), "first address at +%Id\n",
       h->h_addr_list[0] - buf);
    ok(inside(h->h_name, buf, reply.length) && *h->h_name, "name\n");
    for (i = 0; i < count; i++)
        if (*(ULONG *)h->h_addr_list[i] == htonl(INADDR_LOOPBACK)) break;
    ok(i < count, "no 127.0.0.1\n");

    /* Too small: WSAENOBUFS with the size needed, which is then enough. */
    handle = WSAAsyncGetHostByName(window, WM_ASYNC, "localhost", small, sizeof(small));
    ok(handle && wait_reply(handle, 10000, &reply), "no reply for a small buffer\n");
    ok(reply.error == WSAENOBUFS && reply.length > (int)sizeof(small), "small buffer: %d %d\n", reply.error,
       reply.length);
    if (reply.error != WSAENOBUFS) return;
    exact = malloc(reply.length);
    handle = WSAAsyncGetHostByName(window, WM_ASYNC, "localhost", exact, reply.length);
    ok(handle && wait_reply(handle, 10000, &reply), "no reply for the exact size\n");
    ok(reply.error == 0 && ((struct hostent *)exact)->h_addrtype == AF_INET, "exact size: %d\n", reply.error);
    free(exact);

    handle = WSAAsyncGetHostByName(window, WM_ASYNC, "ws2kit-no-such-host.invalid", buf, sizeof(buf));
    ok(handle && wait_reply(handle, 30000, &reply), "no reply for an unknown host\n");
    ok(reply.error == WSAHOST_NOT_FOUND || reply.error == WSATRY_AGAIN || reply.error == WSANO_DATA,
       "unknown host: %d\n", reply.error);
}

static void test_host_by_addr(void)
{
    char buf[MAXGETHOSTSTRUCT], want[256];
    struct hostent *h = (struct hostent *)buf, *sync;
    ULONG loopback = htonl(INADDR_LOOPBACK);
    struct reply reply;
    HANDLE handle;

    sync = gethostbyaddr((char *)&loopback, 4, AF_INET);
    ok(sync != NULL, "gethostbyaddr: %d\n", WSAGetLastError());
    if (!sync) return;
    lstrcpynA(want, sync->h_name, sizeof(want));
    handle = WSAAsyncGetHostByAddr(window, WM_ASYNC, (char *)&loopback, 4, AF_INET, buf, sizeof(buf));
    ok(handle && wait_reply(handle, 10000, &reply), "no reply\n");
    ok(reply.error == 0 && !strcmp(h->h_name, want), "127.0.0.1: %d %s, want %s\n", reply.error,
       reply.error ? "" : h->h_name, want);
    ok(!reply.error && *(ULONG *)h->h_addr_list[0] == loopback && !h->h_addr_list[1], "address list\n");

    handle = WSAAsyncGetHostByAddr(window, WM_ASYNC, (char *)&loopback, 4, 99, buf, sizeof(buf));
    ok(handle && wait_reply(handle, 10000, &reply), "no reply for family 99\n");
    ok_int(reply.error, WSAEAFNOSUPPORT, "family 99: %d\n", reply.error);
}

static void test_protocols(void)
{
    char buf[MAXGETHOSTSTRUCT];
    struct protoent *p = (struct protoent *)buf;
    struct reply reply;
    HANDLE handle;

    handle = WSAAsyncGetProtoByName(window, WM_ASYNC, "tcp", buf, sizeof(buf));
    ok(handle && wait_reply(handle, 10000, &reply), "no reply\n");
    ok(!reply.error && p->p_proto == 6 && !strcmp(p->p_name, "tcp") && p->p_aliases[0] &&
       !strcmp(p->p_aliases[0], "TCP") && !p->p_aliases[1], "tcp: %d\n", reply.error);
    ok(!reply.error && (char *)p->p_aliases == buf + sizeof(*p) && inside(p->p_name, buf, reply.length),
       "protoent layout\n");

    handle = WSAAsyncGetProtoByNumber(window, WM_ASYNC, 17, buf, sizeof(buf));
    ok(handle && wait_reply(handle, 10000, &reply), "no reply\n");
    ok(!reply.error && p->p_proto == 17 && !strcmp(p->p_name, "udp"), "17: %d\n", reply.error);

    handle = WSAAsyncGetProtoByName(window, WM_ASYNC, "ws2kit-none", buf, sizeof(buf));
    ok(handle && wait_reply(handle, 10000, &reply), "no reply\n");
    ok_int(reply.error, WSANO_DATA, "unknown protocol: %d\n", reply.error);
    handle = WSAAsyncGetProtoByNumber(window, WM_ASYNC, 255, buf, sizeof(buf));
    ok(handle && wait_reply(handle, 10000, &reply), "no reply\n");
    ok_int(reply.error, WSANO_DATA, "protocol 255: %d\n", reply.error);
}

static void test_services(void)
{
    char buf[MAXGETHOSTSTRUCT];
    struct servent *s = (struct servent *)buf;
    struct reply reply;
    HANDLE handle;

    handle = WSAAsyncGetServByName(window, WM_ASYNC, "http", "tcp", buf, sizeof(buf));
    ok(handle && wait_reply(handle, 10000, &reply), "no reply\n");
    ok(!reply.error && (u_short)s->s_port == htons(80) && !strcmp(s->s_name, "http") && !strcmp(s->s_proto, "tcp") &&
       s->s_aliases[0] && !strcmp(s->s_aliases[0], "www"), "http: %d\n", reply.error);
    ok(!reply.error && (char *)s->s_aliases == buf + sizeof(*s) && inside(s->s_proto, buf, reply.length),
       "servent layout\n");

    /* From the prefix's services file. */
    handle = WSAAsyncGetServByName(window, WM_ASYNC, "doom", NULL, buf, sizeof(buf));
    ok(handle && wait_reply(handle, 10000, &reply), "no reply\n");
    ok(!reply.error && (u_short)s->s_port == htons(666), "doom: %d %u %s\n", reply.error, ntohs(s->s_port), s->s_name);

    handle = WSAAsyncGetServByPort(window, WM_ASYNC, htons(53), "udp", buf, sizeof(buf));
    ok(handle && wait_reply(handle, 10000, &reply), "no reply\n");
    ok(!reply.error && !strcmp(s->s_name, "domain") && !strcmp(s->s_proto, "udp"), "53/udp: %d\n", reply.error);

    handle = WSAAsyncGetServByName(window, WM_ASYNC, "ws2kit-none", "tcp", buf, sizeof(buf));
    ok(handle && wait_reply(handle, 10000, &reply), "no reply\n");
    ok_int(reply.error, WSANO_DATA, "unknown service: %d\n", reply.error);
}

/* A cancel right after the start finds the lookup still reading the grown
 * services file (slowlookup.h) and stops its message; a cancel that comes
 * too late fails with WSAEINVAL and the message comes. */
static void test_cancel(void)
{
    char buf[MAXGETHOSTSTRUCT];
    struct reply reply;
    int i, ret, cancelled = 0;
    HANDLE handle;

    ok(grow_services_file(), "cannot grow the services file\n");
    for (i = 0; i < 20 && !cancelled; i++)
    {
        handle = WSAAsyncGetServByName(window, WM_ASYNC, SLOW_SERVICE, "tcp", buf, sizeof(buf));
        ok(handle != NULL, "start: %d\n", WSAGetLastError());
        ret = WSACancelAsyncRequest(handle);
        if (!ret)
        {
            cancelled++;
            ok(!wait_reply(handle, 1000, &reply), "a message after a cancel\n");
        }
        else
        {
            ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "late cancel: %d %d\n", ret,
               WSAGetLastError());
            ok(wait_reply(handle, 10000, &reply) && reply.error == WSANO_DATA, "no reply after a late cancel\n");
        }
        ok(WSACancelAsyncRequest(handle) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
           "second cancel: %d\n", WSAGetLastError());
    }
    ok(restore_services_file(), "cannot restore the services file: %lu\n", GetLastError());
    ok(cancelled > 0, "no cancel won in %d tries\n", i);

    handle = WSAAsyncGetProtoByName(window, WM_ASYNC, "udp", buf, sizeof(buf));
    ok(handle && wait_reply(handle, 10000, &reply), "no reply\n");
    ok(WSACancelAsyncRequest(handle) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "finished: %d\n",
       WSAGetLastError());
    ok(WSACancelAsyncRequest((HANDLE)0x7fff1234) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
       "unknown handle: %d\n", WSAGetLastError());
}

static void test_bad_input(void)
{
    char buf[MAXGETHOSTSTRUCT];
    HANDLE h;

    SetLastError(0xdeadbeef);
    h = WSAAsyncGetHostByName(window, WM_ASYNC, NULL, buf, sizeof(buf));
    ok(!h && WSAGetLastError() == WSAEFAULT, "NULL name: %p %d\n", h, WSAGetLastError());
    h = WSAAsyncGetServByName(window, WM_ASYNC, "http", (const char *)16, buf, sizeof(buf));
    ok(!h && WSAGetLastError() == WSAEFAULT, "unmapped protocol: %p %d\n", h, WSAGetLastError());
    h = WSAAsyncGetHostByAddr(window, WM_ASYNC, NULL, 4, AF_INET, buf, sizeof(buf));
    ok(!h && WSAGetLastError() == WSAEFAULT, "NULL address: %p %d\n", h, WSAGetLastError());
    h = WSAAsyncGetProtoByName(window, WM_ASYNC, (const char *)16, buf, sizeof(buf));
    ok(!h && WSAGetLastError() == WSAEFAULT, "unmapped name: %p %d\n", h, WSAGetLastError());
}

START_TEST(asyncdb)
{
    WSADATA data;

    harness_start_watchdog(120000);
    window = CreateWindowExW(0, L"STATIC", L"asyncdb", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    ok(window != NULL, "CreateWindowEx: %lu\n", GetLastError());
    RUN(test_before_startup);
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup\n");
    RUN(test_host_by_name);
    RUN(test_host_by_addr);
    RUN(test_protocols);
    RUN(test_services);
    RUN(test_cancel);
    RUN(test_bad_input); /* last: Wine's builtin may crash on these pointers */
    WSACleanup();
    DestroyWindow(window);
}
