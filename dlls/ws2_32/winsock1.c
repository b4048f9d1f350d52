/* Winsock 1.1 leftovers: the blocking-hook calls and WEP.
 *
 * Windows' ws2_32 still exports the blocking-hook calls, but only for a
 * process that negotiated Winsock 1.x: under 2.x each fails with
 * WSAEOPNOTSUPP (the Winsock 2.2 specification removed them).  Under 1.x a
 * thread has a hook, initially the default one (which dispatches one pending
 * window message), and WSASetBlockingHook / WSAUnhookBlockingHook swap it.
 *
 * ws2kit's blocking calls wait on the socket device and never run the hook,
 * so no thread is ever inside a hooked blocking call: WSAIsBlocking answers
 * FALSE and WSACancelBlockingCall finds nothing to cancel (WSAEINVAL, as
 * Winsock 1.1 documents for that case). */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

/* Winsock 1.1's default hook: dispatch one message if there is one, and
 * say whether there was.  user32 is looked up, not linked (a process that
 * uses blocking hooks has it loaded). */
static INT_PTR WINAPI default_blocking_hook(void)
{
    typedef BOOL (WINAPI *peek_fn)(MSG *, HWND, UINT, UINT, UINT);
    typedef BOOL (WINAPI *msg_fn)(const MSG *);
    HMODULE user32 = GetModuleHandleW(L"user32.dll");
    peek_fn peek;
    msg_fn translate, dispatch;
    MSG msg;

    if (!user32) return FALSE;
    peek = (peek_fn)(void *)GetProcAddress(user32, "PeekMessageA");
    translate = (msg_fn)(void *)GetProcAddress(user32, "TranslateMessage");
    dispatch = (msg_fn)(void *)GetProcAddress(user32, "DispatchMessageA");
    if (!peek || !translate || !dispatch || !peek(&msg, NULL, 0, 0, PM_REMOVE)) return FALSE;
    translate(&msg);
    dispatch(&msg);
    return TRUE;
}

/* Each thread's hook: NULL in the slot means the default. */
static INIT_ONCE hook_slot_once = INIT_ONCE_STATIC_INIT;
static DWORD hook_slot = TLS_OUT_OF_INDEXES;

static BOOL CALLBACK alloc_hook_slot(INIT_ONCE *once, void *param, void **context)
{
    (void)once; (void)param; (void)context;
    hook_slot = TlsAlloc();
    return TRUE;
}

static FARPROC thread_hook(void)
{
    FARPROC hook;

    InitOnceExecuteOnce(&hook_slot_once, alloc_hook_slot, NULL, NULL);
    if (hook_slot == TLS_OUT_OF_INDEXES) return default_blocking_hook;
    hook = (FARPROC)TlsGetValue(hook_slot);
    return hook ? hook : default_blocking_hook;
}

static void set_thread_hook(FARPROC hook)
{
    thread_hook();
    if (hook_slot != TLS_OUT_OF_INDEXES) TlsSetValue(hook_slot, (void *)hook);
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
    int err;

    TRACE("\n");
    if ((err = winsock1_error())) return fail(err);
    return fail(WSAEINVAL);
}

BOOL WINAPI WSAIsBlocking(void)
{
    TRACE("\n");
    return FALSE;
}

/* The Win16 DLL exit procedure, kept for its ordinal: it has nothing to do
 * and, as in Windows, answers 0 and leaves the error alone. */
int WINAPI WEP(int exit_type)
{
    TRACE("%d\n", exit_type);
    return 0;
}
