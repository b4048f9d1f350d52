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
 * call simply waits, as Windows' does.  The wait itself is the device
 * layer's (ws2kit_wait_blocking, device.c).
 *
 * Not done: Winsock 1.1 also fails other Winsock calls made from inside the
 * hook with WSAEINPROGRESS; ws2kit serves them (without running the hook
 * again). */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

static struct ws2kit_blocking_call *current_call(void)
{
    struct ws2kit_thread *thread = ws2kit_thread();
    return thread ? thread->blocking_call : NULL;
}

static void set_thread_hook(FARPROC hook)
{
    struct ws2kit_thread *thread = ws2kit_thread();
    if (thread) thread->blocking_hook = hook;
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
        ws2kit_fail(err);
        return NULL;
    }
    /* The hook must be code we can read. */
    if (!hook || !ws2kit_read_user(&probe, (const void *)hook, 1))
    {
        ws2kit_fail(WSAEFAULT);
        return NULL;
    }
    previous = ws2kit_blocking_hook();
    set_thread_hook(hook);
    ws2kit_succeed();
    return previous;
}

int WINAPI WSAUnhookBlockingHook(void)
{
    int err;

    TRACE("\n");
    if ((err = winsock1_error())) return ws2kit_fail(err);
    set_thread_hook(NULL);
    return ws2kit_succeed();
}

int WINAPI WSACancelBlockingCall(void)
{
    struct ws2kit_blocking_call *call;
    int err;

    TRACE("\n");
    if ((err = winsock1_error())) return ws2kit_fail(err);
    /* Winsock 1.1: WSAEINVAL when no blocking call is in progress. */
    if (!(call = current_call())) return ws2kit_fail(WSAEINVAL);
    call->cancelled = TRUE;
    return ws2kit_succeed();
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
