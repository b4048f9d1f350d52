/* The results of overlapped socket requests (WSAGetOverlappedResult, and
 * WPUCompleteOverlappedRequest for layered providers), and Winsock's event
 * objects.  The requests themselves and their completion are device.c's. */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

/* A layered provider finishes a request on one of our sockets.  As Windows'
 * helper driver does for its handles, the socket device completes a request
 * of its own with the given status, so the notification goes where the
 * socket's requests go: the OVERLAPPED's event, and the completion port the
 * socket is associated with (unless the event's low bit opts out).  Wine's
 * device completes it with 0 bytes, so the byte count reaches the OVERLAPPED
 * (and WSAGetOverlappedResult) before the event is set, but a completion
 * port packet carries 0. */
int WINAPI WPUCompleteOverlappedRequest(SOCKET s, WSAOVERLAPPED *overlapped, DWORD error, DWORD bytes,
                                        int *user_errno)
{
    /* 0xc001xxxx carries a Win32/Winsock code through NTSTATUS (see errors.c). */
    NTSTATUS status = error ? STATUS_FROM_WIN32_CODE(error) : STATUS_SUCCESS;
    ULONG_PTR transferred = bytes;
    OVERLAPPED copy;
    HANDLE event;
    int err = 0;

    TRACE("%#Ix overlapped %p error %lu bytes %lu\n", s, overlapped, error, bytes);
    if (!ws2kit_is_socket(s)) err = WSAEINVAL;
    /* The status and byte count are written into it: a read-only one is as
     * bad as an unreadable one, and is refused before anything is written. */
    else if (!ws2kit_probe_write_user(overlapped, sizeof(copy)) || !ws2kit_read_user(&copy, overlapped, sizeof(copy)))
        err = WSAEFAULT;
    if (err)
    {
        ws2kit_write_user(user_errno, &err, sizeof(err));
        return SOCKET_ERROR;
    }
    event = (HANDLE)((ULONG_PTR)copy.hEvent & ~(ULONG_PTR)1);
    ws2kit_afd_issue((HANDLE)s, NULL, ((ULONG_PTR)copy.hEvent & 1) ? NULL : overlapped, (IO_STATUS_BLOCK *)overlapped,
                     IOCTL_AFD_WINE_COMPLETE_ASYNC, &status, sizeof(status), NULL, 0);
    ws2kit_write_user(&overlapped->InternalHigh, &transferred, sizeof(transferred));
    if (event) SetEvent(event);
    return 0;
}

/* The error for a failed request's status.  Windows (Wine's conformance
 * test, over whole ranges of statuses) has no row for two statuses that
 * ws2kit reads from Wine's device: STATUS_HANDLES_CLOSED and
 * STATUS_INVALID_DEVICE_REQUEST are WSAEINVAL here, as any unknown one. */
static int overlapped_status_error(NTSTATUS status)
{
    if (status == STATUS_HANDLES_CLOSED || status == STATUS_INVALID_DEVICE_REQUEST) return WSAEINVAL;
    return ws2kit_status_to_wsa(status);
}

BOOL WINAPI WSAGetOverlappedResult(SOCKET s, OVERLAPPED *overlapped, DWORD *bytes, BOOL wait, DWORD *flags)
{
    OVERLAPPED copy;
    NTSTATUS status;

    CHECK_STARTED(FALSE);
    TRACE("%#Ix overlapped %p wait %d\n", s, overlapped, wait);
    /* Windows finds the socket's provider first, among the sockets its
     * Winsock knows: another handle on a known socket (DuplicateHandle) is
     * WSAENOTSOCK here (Wine's conformance test). */
    if (!ws2kit_sockets_known(s) || !ws2kit_is_socket(s))
    {
        ws2kit_fail(WSAENOTSOCK);
        return FALSE;
    }
    if (!overlapped || !ws2kit_read_user(&copy, overlapped, sizeof(copy)) ||
        !ws2kit_probe_write_user(bytes, sizeof(*bytes)))
    {
        ws2kit_fail(WSAEFAULT);
        return FALSE;
    }
    status = copy.Internal;
    if (status == STATUS_PENDING)
    {
        /* Without an event the socket handle itself is signalled. */
        HANDLE event = (HANDLE)((ULONG_PTR)copy.hEvent & ~(ULONG_PTR)1);
        if (!wait)
        {
            ws2kit_fail(WSA_IO_INCOMPLETE);
            return FALSE;
        }
        if (WaitForSingleObject(event ? event : (HANDLE)s, INFINITE) == WAIT_FAILED) return FALSE;
        status = overlapped->Internal;
    }
    /* Windows gives the byte count whatever the outcome (a truncated
     * datagram's size with WSAEMSGSIZE), but the flags only for a request
     * that succeeded: a failure leaves them as they were, and the flags
     * pointer is only written, so only checked, then (Wine's conformance
     * test, test_ip_pktinfo). */
    *bytes = overlapped->InternalHigh;
    if (!NT_SUCCESS(status))
    {
        ws2kit_fail(overlapped_status_error(status));
        return FALSE;
    }
    if (!ws2kit_write_user(flags, &overlapped->Offset, sizeof(*flags)))  /* where the device leaves them */
    {
        ws2kit_fail(WSAEFAULT);
        return FALSE;
    }
    /* Windows (10 1809 and later, recorded by Wine's conformance test over
     * whole ranges of statuses) succeeds for every success status, and then
     * leaves the status's Win32 error as the last error. */
    SetLastError(RtlNtStatusToDosError(status));
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
