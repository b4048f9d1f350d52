/* Winsock 1.1 leftovers: the blocking-hook calls and WEP.
 *
 * Windows' ws2_32 still exports the blocking-hook calls, but only for a
 * process that negotiated Winsock 1.x: under 2.x each fails with
 * WSAEOPNOTSUPP (the Winsock 2.2 specification removed them).  Under 1.x a
 * thread has a hook, initially the default one, and WSASetBlockingHook /
 * WSAUnhookBlockingHook swap it.  While a thread with a hook of its own
 * waits in a blocking call, the hook runs over and over until the call
 * completes (Winsock 1.1's model for single-threaded GUI programs);
 * WSAIsBlocking says so from inside it, and WSACancelBlockingCall cancels
 * the request, which then fails with WSAEINTR.  With the default hook the
 * call simply waits, as Windows' does.
 *
 * Not done: Winsock 1.1 also fails other Winsock calls made from inside the
 * hook with WSAEINPROGRESS; ws2kit serves them (without running the hook
 * again). */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

/* Winsock 1.1's default hook: dispatch one message if there is one, and
 * say whether there was. */
static INT_PTR WINAPI default_blocking_hook(void)
{
    MSG msg;

    if (!PeekMessageA(&msg, NULL, 0, 0, PM_REMOVE)) return FALSE;
    TranslateMessage(&msg);
    DispatchMessageA(&msg);
    return TRUE;
}

/* The thread's blocking call under Winsock 1.x (on the waiting stack),
 * which WSACancelBlockingCall marks. */
struct ws2kit_blocking_call
{
    BOOL cancelled;
};

static struct ws2kit_blocking_call *current_call(void)
{
    struct ws2kit_thread *thread = ws2kit_thread();
    return thread ? thread->blocking_call : NULL;
}

static FARPROC thread_hook(void)
{
    struct ws2kit_thread *thread = ws2kit_thread();
    return thread && thread->blocking_hook ? thread->blocking_hook : default_blocking_hook;
}

static void set_thread_hook(FARPROC hook)
{
    struct ws2kit_thread *thread = ws2kit_thread();
    if (thread) thread->blocking_hook = hook;
}

/* Waits for a synchronous request on s, running the thread's own hook
 * meanwhile under Winsock 1.x.  Returns the request's status, or
 * STATUS_REQUEST_ABORTED (WSAEINTR) when the hook cancelled it. */
NTSTATUS ws2kit_wait_blocking(SOCKET s, HANDLE event, IO_STATUS_BLOCK *io)
{
    struct ws2kit_blocking_call call = { FALSE };
    struct ws2kit_thread *thread = ws2kit_thread();
    FARPROC hook;

    if (LOBYTE(ws2kit_startup_version()) != 1 || !thread || thread->blocking_call ||
        (hook = thread_hook()) == default_blocking_hook)
    {
        if (ws2kit_wait_alertable(event) == WAIT_FAILED) return STATUS_INVALID_HANDLE;
        return io->Status;
    }
    thread->blocking_call = &call;
    /* The hook runs until it has nothing to do; then a short wait. */
    while (WaitForSingleObjectEx(event, 0, TRUE) != WAIT_OBJECT_0 && !call.cancelled)
    {
        while (!call.cancelled && hook()) ;
        if (!call.cancelled) WaitForSingleObjectEx(event, 10, TRUE);
    }
    thread->blocking_call = NULL;
    if (!call.cancelled) return io->Status;
    TRACE("%#Ix: blocking call cancelled\n", s);
    CancelIoEx((HANDLE)s, (OVERLAPPED *)io);
    ws2kit_wait_alertable(event);
    /* A request that finished before the cancel reached it keeps its result. */
    return io->Status ? STATUS_REQUEST_ABORTED : io->Status;
}

/* Started, and under Winsock 1.x: 0, or the error to fail with. */
static int winsock1_error(void)
{
    if (!ws2kit_is_started()) return WSANOTINITIALISED;
    if (LOBYTE(ws2kit_startup_version()) >= 2) return WSAEOPNOTSUPP;
    return 0;
}

FARPROC WINAPI WSASetBlockingHook(FARPROC hook)
{
    FARPROC previous;
    BYTE probe;
    int err;

    TRACE("%p\n", hook);
    if ((err = winsock1_error()))
    {
        SetLastError(err);
        return NULL;
    }
    /* The hook must be code we can read. */
    if (!hook || !ws2kit_read_user(&probe, (const void *)hook, 1))
    {
        SetLastError(WSAEFAULT);
        return NULL;
    }
    previous = thread_hook();
    set_thread_hook(hook);
    SetLastError(0);
    return previous;
}

int WINAPI WSAUnhookBlockingHook(void)
{
    int err;

    TRACE("\n");
    if ((err = winsock1_error())) return fail(err);
    set_thread_hook(NULL);
    SetLastError(0);
    return 0;
}

int WINAPI WSACancelBlockingCall(void)
{
    struct ws2kit_blocking_call *call;
    int err;

    TRACE("\n");
    if ((err = winsock1_error())) return fail(err);
    /* Winsock 1.1: WSAEINVAL when no blocking call is in progress. */
    if (!(call = current_call())) return fail(WSAEINVAL);
    call->cancelled = TRUE;
    SetLastError(0);
    return 0;
}

BOOL WINAPI WSAIsBlocking(void)
{
    TRACE("\n");
    return current_call() != NULL;
}

/* The Win16 DLL exit procedure, kept for its ordinal: it has nothing to do
 * and, as in Windows, answers 0 and leaves the error alone.  Win32 exports it
 * with no arguments (WEP@0), so a 32-bit caller's stack stays balanced. */
int WINAPI WEP(void)
{
    TRACE("\n");
    return 0;
}
