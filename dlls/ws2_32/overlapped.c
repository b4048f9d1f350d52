/* Results of overlapped socket requests. */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

BOOL WINAPI WSAGetOverlappedResult(SOCKET s, OVERLAPPED *overlapped, DWORD *bytes, BOOL wait, DWORD *flags)
{
    OVERLAPPED copy;
    NTSTATUS status;

    TRACE("%#Ix overlapped %p wait %d\n", s, overlapped, wait);
    if (!overlapped || !ws2kit_read_user(&copy, overlapped, sizeof(copy)) || !bytes || !flags)
    {
        SetLastError(WSAEFAULT);
        return FALSE;
    }
    status = copy.Internal;
    if (status == STATUS_PENDING)
    {
        /* Without an event the socket handle itself is signalled. */
        HANDLE event = (HANDLE)((ULONG_PTR)copy.hEvent & ~(ULONG_PTR)1);
        if (!wait)
        {
            SetLastError(WSA_IO_INCOMPLETE);
            return FALSE;
        }
        if (WaitForSingleObject(event ? event : (HANDLE)s, INFINITE) == WAIT_FAILED) return FALSE;
        status = overlapped->Internal;
    }
    *bytes = overlapped->InternalHigh;
    *flags = overlapped->Offset;  /* where the device leaves the message flags */
    if (status)
    {
        SetLastError(ws2kit_status_to_wsa(status));
        return FALSE;
    }
    SetLastError(0);
    return TRUE;
}

/* Winsock's event objects are manual-reset Win32 events; none of these calls
 * needs WSAStartup. */
WSAEVENT WINAPI WSACreateEvent(void)
{
    return CreateEventW(NULL, TRUE, FALSE, NULL);
}

BOOL WINAPI WSACloseEvent(WSAEVENT event)
{
    return CloseHandle(event);
}

BOOL WINAPI WSASetEvent(WSAEVENT event)
{
    return SetEvent(event);
}

BOOL WINAPI WSAResetEvent(WSAEVENT event)
{
    return ResetEvent(event);
}

DWORD WINAPI WSAWaitForMultipleEvents(DWORD count, const WSAEVENT *events, BOOL wait_all, DWORD timeout,
                                      BOOL alertable)
{
    return WaitForMultipleObjectsEx(count, events, wait_all, timeout, alertable);
}
