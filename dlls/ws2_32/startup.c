/* WSAStartup/WSACleanup, the version negotiated, the thread's last error
 * and the DLL's entry point. */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

static LONG startup_count;
static LONG process_version;   /* lowest version negotiated since the first WSAStartup */

BOOL ws2kit_is_started(void)
{
    return startup_count > 0;
}

/* The Winsock version the process runs under (0: not started).  Windows
 * keeps the lowest a WSAStartup negotiated, so a Winsock 1.1 caller in the
 * process (wsock32's users) keeps Winsock 1.1 semantics. */
WORD ws2kit_startup_version(void)
{
    return (WORD)process_version;
}

static BOOL version_below(WORD a, WORD b)
{
    return LOBYTE(a) < LOBYTE(b) || (LOBYTE(a) == LOBYTE(b) && HIBYTE(a) < HIBYTE(b));
}

static void note_version(WORD version)
{
    LONG old;
    do
    {
        old = process_version;
        if (old && !version_below(version, (WORD)old)) return;
    } while (InterlockedCompareExchange(&process_version, version, old) != old);
}

/* The version Windows answers a request with: 1.0 and 1.1 as asked, any
 * other 1.x as 1.1, 2.0 to 2.2 as asked, and everything else as 2.2 (also
 * what it offers when it refuses 0.x; Wine's test_startup). */
static WORD negotiated_version(WORD requested)
{
    if (LOBYTE(requested) == 1) return HIBYTE(requested) > 1 ? MAKEWORD(1, 1) : requested;
    if (LOBYTE(requested) == 2 && HIBYTE(requested) <= 2) return requested;
    return MAKEWORD(2, 2);
}

/* WSADATA as Windows fills it, built in a copy of the caller's, which keeps
 * lpVendorInfo (and what follows the strings) as the caller set it.  Only
 * 1.x callers get limits. */
static void fill_wsadata(WSADATA *data, WORD requested)
{
    data->wVersion = negotiated_version(requested);
    data->wHighVersion = MAKEWORD(2, 2);
    strcpy(data->szDescription, "WinSock 2.0");
    strcpy(data->szSystemStatus, "Running");
    data->iMaxSockets = (LOBYTE(requested) == 1) ? 32767 : 0;
    data->iMaxUdpDg = (LOBYTE(requested) == 1) ? 65467 : 0;
}

int WINAPI WSAStartup(WORD version, WSADATA *data)
{
    WSADATA copy;

    TRACE("version %#x\n", version);

    /* Windows refuses 0.x, and still fills the caller's WSADATA. */
    if (!LOBYTE(version))
    {
        if (data && ws2kit_read_user(&copy, data, sizeof(copy)))
        {
            fill_wsadata(&copy, version);
            ws2kit_write_user(data, &copy, sizeof(copy));
        }
        return WSAVERNOTSUPPORTED;
    }
    if (!data || !ws2kit_read_user(&copy, data, sizeof(copy))) return WSAEFAULT;
    /* Without ws2kit.so, or on a Wine it does not know how to call, nothing
     * would work: say so here, as Windows does when its network subsystem is
     * not ready (the reason is an err: line). */
    if (!ws2kit_unix_ready()) return WSASYSNOTREADY;
    fill_wsadata(&copy, version);
    if (!ws2kit_write_user(data, &copy, sizeof(copy))) return WSAEFAULT;

    note_version(copy.wVersion);
    InterlockedIncrement(&startup_count);
    return 0;
}

int WINAPI WSACleanup(void)
{
    LONG count;

    TRACE("\n");
    for (;;)
    {
        count = startup_count;
        if (count <= 0) return ws2kit_fail(WSANOTINITIALISED);
        if (InterlockedCompareExchange(&startup_count, count - 1, count) == count) break;
    }
    /* The last cleanup destroys the sockets the process still has open. */
    if (count == 1)
    {
        ws2kit_sockets_close_all();
        ws2kit_coalesced_cleanup();
        process_version = 0;
    }
    return ws2kit_succeed();
}

int WINAPI WSAGetLastError(void)
{
    return GetLastError();
}

void WINAPI WSASetLastError(int error)
{
    SetLastError(error);
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    (void)instance;
    switch (reason)
    {
    case DLL_PROCESS_ATTACH:
        if (!ws2kit_thread_init()) return FALSE;
        ws2kit_guard_init();
        break;
    case DLL_THREAD_DETACH:
        ws2kit_thread_end();
        break;
    case DLL_PROCESS_DETACH:
        if (reserved) break; /* the process is ending: nothing to give back */
        ws2kit_thread_end();
        ws2kit_thread_fini();
        break;
    }
    return TRUE;
}
