/* The Winsock 1.1 blocking-hook calls and WEP: refused under Winsock 2.x,
 * working under a 1.x WSAStartup. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include "harness.h"
#include "sockpair.h"

int WINAPI WEP(void);  /* WEP@0, as Win32 exports it */

static INT_PTR WINAPI my_hook(void)
{
    return FALSE;
}

static INT_PTR WINAPI other_hook(void)
{
    return FALSE;
}

/* What a hook saw while a blocking call ran. */
static struct { int calls, cancel_at; BOOL saw_blocking; int cancel_ret; } hooked;

static INT_PTR WINAPI counting_hook(void)
{
    if (++hooked.calls == 1) hooked.saw_blocking = WSAIsBlocking();
    if (hooked.calls == hooked.cancel_at) hooked.cancel_ret = WSACancelBlockingCall();
    return FALSE;
}

static DWORD WINAPI send_later(void *arg)
{
    Sleep(200);
    send(*(SOCKET *)arg, "late", 4, 0);
    return 0;
}

/* Under 1.1 a hook of our own runs while a blocking call waits, and can
 * cancel it. */
static void test_blocking_calls(void)
{
    struct pair p;
    HANDLE thread;
    char buf[8];
    int ret;

    if (!ok(make_pair(&p), "no socket pair\n")) return;
    WSASetBlockingHook(counting_hook);

    memset(&hooked, 0, sizeof(hooked));
    hooked.cancel_at = 3;
    hooked.cancel_ret = -2;
    SetLastError(0xdead);
    ret = recv(p.server, buf, sizeof(buf), 0);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINTR, "cancelled recv: %d, error %d\n", ret,
       WSAGetLastError());
    ok_int(hooked.calls, 3, "hook ran %d times\n", hooked.calls);
    ok(hooked.saw_blocking, "WSAIsBlocking inside the hook said FALSE\n");
    ok_int(hooked.cancel_ret, 0, "WSACancelBlockingCall inside the hook: %d\n", hooked.cancel_ret);
    ok(!WSAIsBlocking(), "WSAIsBlocking after the call\n");

    /* The connection survives a cancelled call; a call that completes
     * while the hook runs returns its data. */
    memset(&hooked, 0, sizeof(hooked));
    thread = CreateThread(NULL, 0, send_later, &p.client, 0, NULL);
    ret = recv(p.server, buf, sizeof(buf), 0);
    ok(ret == 4 && !memcmp(buf, "late", 4), "recv while hooked: %d, error %d\n", ret, WSAGetLastError());
    ok(hooked.calls > 0, "the hook never ran\n");
    WaitForSingleObject(thread, 5000);
    CloseHandle(thread);

    /* With the default hook again nothing runs. */
    WSAUnhookBlockingHook();
    memset(&hooked, 0, sizeof(hooked));
    ok(send(p.client, "x", 1, 0) == 1 && recv(p.server, buf, sizeof(buf), 0) == 1, "unhooked recv\n");
    ok_int(hooked.calls, 0, "the hook ran %d times after unhooking\n", hooked.calls);
    free_pair(&p);
}

static void test_not_started(void)
{
    SetLastError(0xdead);
    ok(WSASetBlockingHook(my_hook) == NULL && WSAGetLastError() == WSANOTINITIALISED,
       "WSASetBlockingHook: error %d\n", WSAGetLastError());
    SetLastError(0xdead);
    ok(WSAUnhookBlockingHook() == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED,
       "WSAUnhookBlockingHook: error %d\n", WSAGetLastError());
    SetLastError(0xdead);
    ok(WSACancelBlockingCall() == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED,
       "WSACancelBlockingCall: error %d\n", WSAGetLastError());
    ok_int(WSAIsBlocking(), FALSE, "WSAIsBlocking before WSAStartup\n");
}

static void test_winsock2(void)
{
    WSADATA data;

    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup 2.2\n");
    SetLastError(0xdead);
    ok(WSASetBlockingHook(my_hook) == NULL && WSAGetLastError() == WSAEOPNOTSUPP,
       "2.2 WSASetBlockingHook: error %d\n", WSAGetLastError());
    SetLastError(0xdead);
    ok(WSAUnhookBlockingHook() == SOCKET_ERROR && WSAGetLastError() == WSAEOPNOTSUPP,
       "2.2 WSAUnhookBlockingHook: error %d\n", WSAGetLastError());
    SetLastError(0xdead);
    ok(WSACancelBlockingCall() == SOCKET_ERROR && WSAGetLastError() == WSAEOPNOTSUPP,
       "2.2 WSACancelBlockingCall: error %d\n", WSAGetLastError());
    ok_int(WSAIsBlocking(), FALSE, "2.2 WSAIsBlocking\n");
    ok(!WSACleanup(), "WSACleanup\n");
}

static DWORD WINAPI other_thread(void *arg)
{
    /* Hooks belong to threads: this one still has the default. */
    FARPROC previous = WSASetBlockingHook(other_hook);
    *(FARPROC *)arg = previous;
    WSAUnhookBlockingHook();
    return 0;
}

static void test_winsock1(void)
{
    FARPROC default_hook, previous, seen_by_thread = NULL;
    WSADATA data;
    HANDLE thread;

    ok(!WSAStartup(MAKEWORD(1, 1), &data), "WSAStartup 1.1\n");
    ok_int(data.wVersion, MAKEWORD(1, 1), "negotiated %#x\n", data.wVersion);
    default_hook = WSASetBlockingHook(my_hook);
    ok(default_hook != NULL && default_hook != my_hook, "default hook %p\n", default_hook);
    previous = WSASetBlockingHook(other_hook);
    ok(previous == my_hook, "previous hook %p, expected %p\n", previous, (void *)my_hook);

    thread = CreateThread(NULL, 0, other_thread, &seen_by_thread, 0, NULL);
    ok_int(WaitForSingleObject(thread, 10000), WAIT_OBJECT_0, "thread did not finish\n");
    CloseHandle(thread);
    ok(seen_by_thread == default_hook, "another thread's hook %p, expected the default %p\n", seen_by_thread,
       default_hook);

    SetLastError(0xdead);
    ok_int(WSAUnhookBlockingHook(), 0, "WSAUnhookBlockingHook: error %d\n", WSAGetLastError());
    previous = WSASetBlockingHook(my_hook);
    ok(previous == default_hook, "after unhooking %p, expected the default %p\n", previous, default_hook);
    ok(!WSAUnhookBlockingHook(), "WSAUnhookBlockingHook\n");

    /* Bad hooks. */
    SetLastError(0xdead);
    ok(WSASetBlockingHook(NULL) == NULL && WSAGetLastError() == WSAEFAULT, "NULL hook: error %d\n",
       WSAGetLastError());
    SetLastError(0xdead);
    ok(WSASetBlockingHook((FARPROC)(ULONG_PTR)0x10) == NULL && WSAGetLastError() == WSAEFAULT,
       "unmapped hook: error %d\n", WSAGetLastError());

    /* No blocking call is in progress on this thread. */
    ok_int(WSAIsBlocking(), FALSE, "WSAIsBlocking outside a blocking call\n");
    SetLastError(0xdead);
    ok(WSACancelBlockingCall() == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
       "WSACancelBlockingCall with nothing to cancel: error %d\n", WSAGetLastError());

    test_blocking_calls();

    /* A 2.2 WSAStartup in the same process keeps it at 1.1. */
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup 2.2 on top\n");
    ok_int(WSAUnhookBlockingHook(), 0, "still Winsock 1.1: error %d\n", WSAGetLastError());
    WSACleanup();
    WSACleanup();
}

START_TEST(winsock1)
{
    harness_start_watchdog(30000);
    RUN(test_not_started);
    RUN(test_winsock2);
    RUN(test_winsock1);
    /* WEP has nothing to do: it answers 0 and leaves the error alone. */
    SetLastError(1234);
    ok(WEP() == 0 && GetLastError() == 1234, "WEP: error %lu\n", GetLastError());
}
