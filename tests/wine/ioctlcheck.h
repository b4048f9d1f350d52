/* Checks of how a WSAIoctl request completes, for the Windows tests of
 * ioctls (ioctl.c) and of keep-alive (keepalive.c): a completion routine that
 * records its call, and the checks of a request answered at once.  Include
 * after winsock2.h, windows.h and harness.h. */
#ifndef WS2KIT_IOCTLCHECK_H
#define WS2KIT_IOCTLCHECK_H

/* What an OVERLAPPED's Internal holds. */
#define STATUS_NOT_SUPPORTED_ ((ULONG_PTR)0xc00000bb)
#define STATUS_PENDING_ ((ULONG_PTR)0x103)
#define STATUS_BUFFER_TOO_SMALL_ ((ULONG_PTR)0xc0000023)

/* apc(): a completion routine that counts its calls and keeps what the last
 * one was told. */
static int apc_count;
static DWORD apc_error, apc_size;
static OVERLAPPED *apc_overlapped;

static void CALLBACK apc(DWORD error, DWORD size, OVERLAPPED *overlapped, DWORD flags)
{
    apc_count++;
    apc_error = error;
    apc_size = size;
    apc_overlapped = overlapped;
}

/* A request answered at once with an OVERLAPPED on a socket bound to a
 * completion port: it succeeds, writes the count as it would without the
 * OVERLAPPED, and its OVERLAPPED and packet carry 0 bytes. */
static __attribute__((unused)) void check_answered_at_once(SOCKET s, DWORD code, void *in, DWORD in_size,
                                                           void *out, DWORD out_size, DWORD expect, const char *name)
{
    HANDLE port = CreateIoCompletionPort((HANDLE)s, NULL, 123, 0);
    OVERLAPPED ov = { 0 }, *got = NULL;
    ULONG_PTR key = 0;
    DWORD size = 0xdeadbeef;
    int ret;

    ov.Internal = ov.InternalHigh = 0xdeadbeef;
    WSASetLastError(0xdeadbeef);
    ret = WSAIoctl(s, code, in, in_size, out, out_size, &size, &ov, NULL);
    ok(!ret && !WSAGetLastError(), "%s overlapped: %d %d\n", name, ret, WSAGetLastError());
    ok_int(size, expect, "%s overlapped: count %lu, expected %lu\n", name, size, expect);
    size = 0xdeadbeef;
    ok(GetQueuedCompletionStatus(port, &size, &key, &got, 0), "%s: no packet: %lu\n", name, GetLastError());
    ok(size == 0 && key == 123 && got == &ov, "%s: packet bytes %lu key %Iu overlapped %p\n", name, size, key, got);
    ok(ov.Internal == 0 && ov.InternalHigh == 0, "%s: Internal %#Ix/%Iu\n", name, ov.Internal, ov.InternalHigh);
    CloseHandle(port);
}

/* The same with a completion routine: the routine is told 0 bytes. */
static __attribute__((unused)) void check_answered_at_once_apc(SOCKET s, DWORD code, void *in, DWORD in_size,
                                                               void *out, DWORD out_size, DWORD expect,
                                                               const char *name)
{
    OVERLAPPED ov = { 0 };
    DWORD size = 0xdeadbeef;
    int ret;

    apc_count = 0;
    apc_size = 0xdeadbeef;
    ret = WSAIoctl(s, code, in, in_size, out, out_size, &size, &ov, apc);
    ok(!ret, "%s with a routine: %d %d\n", name, ret, WSAGetLastError());
    ok_int(size, expect, "%s with a routine: count %lu, expected %lu\n", name, size, expect);
    ok_int(SleepEx(0, TRUE), WAIT_IO_COMPLETION, "%s: no routine\n", name);
    ok(apc_count == 1 && apc_error == 0 && apc_size == 0, "%s: routine %d error %lu bytes %lu\n", name, apc_count,
       apc_error, apc_size);
}

#endif
