/* GetAddrInfoExW's asynchronous form: completion by event and by completion
 * routine, GetAddrInfoExOverlappedResult, GetAddrInfoExCancel, timeouts. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include "slowlookup.h"

/* ws2tcpip.h of the Windows SDK; MinGW's headers lack these two. */
int WINAPI GetAddrInfoExCancel(HANDLE *handle);
int WINAPI GetAddrInfoExOverlappedResult(OVERLAPPED *overlapped);

typedef void (CALLBACK *lookup_completion)(DWORD error, DWORD bytes, OVERLAPPED *overlapped);

static BOOL is_loopback4(const ADDRINFOEXW *ai)
{
    return ai && ai->ai_family == AF_INET &&
           ((struct sockaddr_in *)ai->ai_addr)->sin_addr.s_addr == htonl(INADDR_LOOPBACK);
}

static int start(const WCHAR *name, int flags, ADDRINFOEXW **result, TIMEVAL *timeout, OVERLAPPED *overlapped,
                 lookup_completion routine, HANDLE *handle)
{
    ADDRINFOEXW hints = { 0 };

    hints.ai_family = AF_INET;
    hints.ai_flags = flags;
    return GetAddrInfoExW(name, NULL, NS_DNS, NULL, &hints, result, timeout, overlapped,
                          (LPLOOKUPSERVICE_COMPLETION_ROUTINE)routine, handle);
}

static void test_event(void)
{
    ADDRINFOEXW *result = (ADDRINFOEXW *)0xdeadbeef;
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    OVERLAPPED overlapped;
    int ret;

    memset(&overlapped, 0xcc, sizeof(overlapped));
    overlapped.hEvent = event;
    SetLastError(0xdeadbeef);
    ret = start(L"localhost", 0, &result, NULL, &overlapped, NULL, NULL);
    ok(ret == WSA_IO_PENDING && WSAGetLastError() == WSA_IO_PENDING, "localhost: %d %d\n", ret, WSAGetLastError());
    ok_int(WaitForSingleObject(event, 10000), WAIT_OBJECT_0, "no completion\n");
    ok(overlapped.Pointer == &result, "Pointer %p\n", overlapped.Pointer);
    ok_int(GetAddrInfoExOverlappedResult(&overlapped), 0, "result %d\n", GetAddrInfoExOverlappedResult(&overlapped));
    ok(overlapped.Internal == 0 && overlapped.hEvent == event, "Internal %Iu hEvent %p\n", overlapped.Internal,
       overlapped.hEvent);
    ok(is_loopback4(result), "no 127.0.0.1 in %p\n", result);
    if (result != (ADDRINFOEXW *)0xdeadbeef) FreeAddrInfoExW(result);

    /* A failing lookup completes the same way, with the error and no list. */
    ResetEvent(event);
    result = (ADDRINFOEXW *)0xdeadbeef;
    ret = start(L"localhost", AI_NUMERICHOST, &result, NULL, &overlapped, NULL, NULL);
    ok_int(ret, WSA_IO_PENDING, "AI_NUMERICHOST localhost: %d\n", ret);
    ok_int(WaitForSingleObject(event, 10000), WAIT_OBJECT_0, "no completion\n");
    ok(GetAddrInfoExOverlappedResult(&overlapped) == WSAHOST_NOT_FOUND && overlapped.Internal == WSAHOST_NOT_FOUND,
       "error %d\n", GetAddrInfoExOverlappedResult(&overlapped));
    ok(result == NULL, "result %p\n", result);

    /* Errors found before the lookup starts are returned at once, with no completion. */
    ResetEvent(event);
    ret = GetAddrInfoExW(NULL, NULL, NS_DNS, NULL, NULL, &result, NULL, &overlapped, NULL, NULL);
    ok(ret == WSAHOST_NOT_FOUND && WSAGetLastError() == WSAHOST_NOT_FOUND, "no name: %d\n", ret);
    ok_int(WaitForSingleObject(event, 100), WAIT_TIMEOUT, "an early error completed\n");

    ok_int(GetAddrInfoExOverlappedResult(NULL), WSAEINVAL, "NULL OVERLAPPED\n");
    CloseHandle(event);
}

static struct
{
    OVERLAPPED *overlapped;
    ADDRINFOEXW **result;
    DWORD error, bytes, thread;
    ULONG_PTR internal;
    void *pointer;
    HANDLE hevent;
    LONG calls;
} called;

static void CALLBACK completion(DWORD error, DWORD bytes, OVERLAPPED *overlapped)
{
    called.error = error;
    called.bytes = bytes;
    called.overlapped = overlapped;
    called.internal = overlapped->Internal;
    called.pointer = overlapped->Pointer;
    called.hevent = overlapped->hEvent;
    called.thread = GetCurrentThreadId();
    InterlockedIncrement(&called.calls);
}

/* Waits up to 10 s for the routine, alertably (it runs on a worker thread on
 * Windows, so it must also come without the wait being alertable: see below). */
static BOOL wait_for_routine(LONG calls, BOOL alertable)
{
    DWORD start = GetTickCount();

    while (called.calls < calls && GetTickCount() - start < 10000)
        if (alertable) SleepEx(10, TRUE); else Sleep(10);
    return called.calls >= calls;
}

static void test_routine(void)
{
    ADDRINFOEXW *result = (ADDRINFOEXW *)0xdeadbeef;
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    OVERLAPPED overlapped;
    int ret;

    memset(&overlapped, 0, sizeof(overlapped));
    overlapped.hEvent = event;
    ret = start(L"localhost", 0, &result, NULL, &overlapped, completion, NULL);
    ok_int(ret, WSAEINVAL, "event and routine: %d\n", ret);
    ret = start(L"localhost", 0, &result, NULL, NULL, completion, NULL);
    ok_int(ret, WSAEINVAL, "routine without OVERLAPPED: %d\n", ret);

    overlapped.hEvent = NULL;
    ret = start(L"localhost", 0, &result, NULL, &overlapped, completion, NULL);
    ok_int(ret, WSA_IO_PENDING, "localhost: %d\n", ret);
    ok(wait_for_routine(1, TRUE), "no routine in an alertable wait\n");
    ok(called.error == 0 && called.bytes == 0 && called.overlapped == &overlapped, "routine got %lu %lu %p\n",
       called.error, called.bytes, called.overlapped);
    ok(called.internal == 0 && called.pointer == &result && called.hevent == NULL, "OVERLAPPED %Iu %p %p\n",
       called.internal, called.pointer, called.hevent);
    ok(is_loopback4(result), "no 127.0.0.1\n");
    if (result && result != (ADDRINFOEXW *)0xdeadbeef) FreeAddrInfoExW(result);

    ret = start(L"localhost", AI_NUMERICHOST, &result, NULL, &overlapped, completion, NULL);
    ok_int(ret, WSA_IO_PENDING, "AI_NUMERICHOST localhost: %d\n", ret);
    ok(wait_for_routine(2, FALSE), "no routine in a plain wait\n");
    ok(called.error == WSAHOST_NOT_FOUND && called.internal == WSAHOST_NOT_FOUND && result == NULL,
       "routine got %lu, result %p\n", called.error, result);
    ok(called.thread != GetCurrentThreadId(), "the routine ran on the caller's thread\n");
    ok_int(called.calls, 2, "%ld calls\n", called.calls);
    CloseHandle(event);
}

/* A cancel right after the start finds the lookup still reading the grown
 * services file (slowlookup.h): it completes the request at once with
 * WSA_E_CANCELLED and no list.  A cancel that comes too late gets
 * WSA_INVALID_HANDLE and the lookup's own answer stands. */
static void test_cancel(void)
{
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL), handle, bogus = (HANDLE)0x7fff1234;
    int i, ret, cancelled = 0;

    ok(grow_services_file(), "cannot grow the services file\n");
    for (i = 0; i < 20 && !cancelled; i++)
    {
        ADDRINFOEXW *result = (ADDRINFOEXW *)0xdeadbeef;
        OVERLAPPED overlapped = { 0 };

        overlapped.hEvent = event;
        ResetEvent(event);
        handle = NULL;
        ret = GetAddrInfoExW(L"localhost", L"" SLOW_SERVICE, NS_DNS, NULL, NULL, &result, NULL, &overlapped, NULL,
                             &handle);
        ok(ret == WSA_IO_PENDING && handle != NULL, "start: %d %p\n", ret, handle);
        ret = GetAddrInfoExCancel(&handle);
        ok_int(WaitForSingleObject(event, 10000), WAIT_OBJECT_0, "no completion\n");
        if (!ret)
        {
            cancelled++;
            ok_int(GetAddrInfoExOverlappedResult(&overlapped), WSA_E_CANCELLED, "cancelled: %d\n",
               GetAddrInfoExOverlappedResult(&overlapped));
        }
        else
        {
            ok_int(ret, WSA_INVALID_HANDLE, "late cancel: %d\n", ret);
            ok_int(GetAddrInfoExOverlappedResult(&overlapped), WSATYPE_NOT_FOUND, "finished: %d\n",
               GetAddrInfoExOverlappedResult(&overlapped));
        }
        ok(result == NULL, "a list for an unknown service\n");
        ret = GetAddrInfoExCancel(&handle);
        ok_int(ret, WSA_INVALID_HANDLE, "second cancel: %d\n", ret);
    }
    ok(restore_services_file(), "cannot restore the services file: %lu\n", GetLastError());
    ok(cancelled > 0, "no cancel won in %d tries\n", i);
    ok_int(GetAddrInfoExCancel(NULL), WSA_INVALID_HANDLE, "NULL handle pointer\n");
    ok_int(GetAddrInfoExCancel(&bogus), WSA_INVALID_HANDLE, "an unknown handle\n");
    CloseHandle(event);
}

static void test_timeout(void)
{
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    ADDRINFOEXW *result = (ADDRINFOEXW *)0xdeadbeef;
    TIMEVAL timeout = { 2, 0 };
    OVERLAPPED overlapped = { 0 };
    int ret;

    /* A lookup that finishes in time is not disturbed by its timeout. */
    overlapped.hEvent = event;
    ret = start(L"localhost", 0, &result, &timeout, &overlapped, NULL, NULL);
    ok_int(ret, WSA_IO_PENDING, "start: %d\n", ret);
    ok_int(WaitForSingleObject(event, 10000), WAIT_OBJECT_0, "no completion\n");
    ok(GetAddrInfoExOverlappedResult(&overlapped) == 0 && is_loopback4(result), "with a timeout: %d\n",
       GetAddrInfoExOverlappedResult(&overlapped));
    if (!GetAddrInfoExOverlappedResult(&overlapped)) FreeAddrInfoExW(result);
    /* The timeout ended with the lookup: past its 2 s nothing else completes. */
    ResetEvent(event);
    ok(WaitForSingleObject(event, 2500) == WAIT_TIMEOUT && overlapped.Internal == 0,
       "a second completion: %Iu\n", overlapped.Internal);
    CloseHandle(event);
}

START_TEST(addrinfo_ex)
{
    WSADATA data;

    harness_start_watchdog(120000);
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup\n");
    RUN(test_event);
    RUN(test_routine);
    RUN(test_cancel);
    RUN(test_timeout);
    WSACleanup();
}
