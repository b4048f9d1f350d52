/* The Winsock 1.1 blocking-hook calls and WEP: refused under Winsock 2.x,
 * working under a 1.x WSAStartup. */
#include <winsock2.h>
#include <windows.h>
#include "harness.h"

int WINAPI WEP(int exit_type);

static INT_PTR WINAPI my_hook(void)
{
    return FALSE;
}

static INT_PTR WINAPI other_hook(void)
{
    return FALSE;
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
    ok(WSAIsBlocking() == FALSE, "WSAIsBlocking before WSAStartup\n");
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
    ok(WSAIsBlocking() == FALSE, "2.2 WSAIsBlocking\n");
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
    ok(data.wVersion == MAKEWORD(1, 1), "negotiated %#x\n", data.wVersion);
    default_hook = WSASetBlockingHook(my_hook);
    ok(default_hook != NULL && default_hook != my_hook, "default hook %p\n", default_hook);
    previous = WSASetBlockingHook(other_hook);
    ok(previous == my_hook, "previous hook %p, expected %p\n", previous, (void *)my_hook);

    thread = CreateThread(NULL, 0, other_thread, &seen_by_thread, 0, NULL);
    ok(WaitForSingleObject(thread, 10000) == WAIT_OBJECT_0, "thread did not finish\n");
    CloseHandle(thread);
    ok(seen_by_thread == default_hook, "another thread's hook %p, expected the default %p\n", seen_by_thread,
       default_hook);

    SetLastError(0xdead);
    ok(WSAUnhookBlockingHook() == 0, "WSAUnhookBlockingHook: error %d\n", WSAGetLastError());
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
    ok(WSAIsBlocking() == FALSE, "WSAIsBlocking outside a blocking call\n");
    SetLastError(0xdead);
    ok(WSACancelBlockingCall() == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
       "WSACancelBlockingCall with nothing to cancel: error %d\n", WSAGetLastError());

    /* A 2.2 WSAStartup in the same process keeps it at 1.1. */
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup 2.2 on top\n");
    ok(WSAUnhookBlockingHook() == 0, "still Winsock 1.1: error %d\n", WSAGetLastError());
    WSACleanup();
    WSACleanup();
}

START_TEST(winsock1)
{
    harness_start_watchdog(30000);
    test_not_started();
    test_winsock2();
    test_winsock1();
    /* WEP has nothing to do: it answers 0 and leaves the error alone. */
    SetLastError(1234);
    ok(WEP(0) == 0 && GetLastError() == 1234, "WEP: error %lu\n", GetLastError());
    ok(WEP(1) == 0, "WEP(1)\n");
}
