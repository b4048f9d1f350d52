/* The device layer, at the bottom of ws2kit's ws2_32: the requests made of
 * Wine's socket device, synchronous ones with their blocking wait and
 * overlapped ones with their completion path.  The files above call it; it
 * calls only what lies below it: the per-socket and per-thread state, the
 * version WSAStartup negotiated, and the ways a call ends (errors.c). */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

/* Waiting ------------------------------------------------------------- */

/* Each thread owns one manual-reset event for waiting on its synchronous
 * requests, created the first time it needs one. */
HANDLE ws2kit_sync_event(void)
{
    struct ws2kit_thread *thread = ws2kit_thread();

    if (!thread) return NULL;
    if (!thread->sync_event) thread->sync_event = CreateEventW(NULL, TRUE, FALSE, NULL);
    return thread->sync_event;
}

DWORD ws2kit_wait_alertable(HANDLE event)
{
    DWORD ret;
    while ((ret = WaitForSingleObjectEx(event, INFINITE, TRUE)) == WAIT_IO_COMPLETION)
        ;
    return ret;
}

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

/* The thread's Winsock 1.x blocking hook (winsock1.c sets it). */
FARPROC ws2kit_blocking_hook(void)
{
    struct ws2kit_thread *thread = ws2kit_thread();
    return thread && thread->blocking_hook ? thread->blocking_hook : default_blocking_hook;
}

/* Waits for a synchronous request on s, running the thread's own hook
 * meanwhile under Winsock 1.x (see winsock1.c).  Returns the request's
 * status, or STATUS_REQUEST_ABORTED (WSAEINTR) when the hook cancelled it. */
NTSTATUS ws2kit_wait_blocking(SOCKET s, HANDLE event, IO_STATUS_BLOCK *io)
{
    struct ws2kit_blocking_call call = { FALSE };
    struct ws2kit_thread *thread = ws2kit_thread();
    FARPROC hook;

    if (LOBYTE(ws2kit_startup_version()) != 1 || !thread || thread->blocking_call ||
        (hook = ws2kit_blocking_hook()) == default_blocking_hook)
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

/* Synchronous requests ------------------------------------------------- */

/* Sends one request to the socket device and waits for it if it pends. */
NTSTATUS ws2kit_afd_call(SOCKET s, ULONG code, void *in, ULONG in_size, void *out, ULONG out_size,
                         ULONG_PTR *information)
{
    IO_STATUS_BLOCK io = { 0 };
    HANDLE event = ws2kit_sync_event();
    NTSTATUS status;

    if (!event) return STATUS_NO_MEMORY;
    status = NtDeviceIoControlFile((HANDLE)s, event, NULL, NULL, &io, code, in, in_size, out, out_size);
    if (status == STATUS_PENDING)
    {
        ws2kit_note_request_pended(s);
        status = ws2kit_wait_blocking(s, event, &io);
    }
    if (information) *information = io.Information;
    ws2kit_fast_saw_device_call(s, code, in, FALSE, status);
    return status;
}

/* The same, for calls that return 0 or SOCKET_ERROR with the error set. */
int ws2kit_afd_call_wsa(SOCKET s, ULONG code, void *in, ULONG in_size, void *out, ULONG out_size)
{
    NTSTATUS status = ws2kit_afd_call(s, code, in, in_size, out, out_size, NULL);
    if (status) return ws2kit_socket_fail_status(s, status);
    return ws2kit_succeed();
}

BOOL ws2kit_get_socket_info(SOCKET s, struct afd_get_info_params *info)
{
    return !ws2kit_afd_call(s, IOCTL_AFD_WINE_GET_INFO, NULL, 0, info, sizeof(*info), NULL);
}

/* Whether the peer reset the connection.  Linux reports a reset to one call
 * and the wineserver's poll takes that report, so a recv after a reset sees
 * end of file, and the device's FD_CLOSE message carries no error; Windows
 * says WSAECONNRESET (WSAECONNABORTED for FD_CLOSE).  The socket device still
 * knows: a zero-timeout poll says whether the connection was reset.  Asked
 * only when a receive found no data or a connection closed, so normal
 * traffic pays nothing. */
BOOL ws2kit_connection_was_reset(SOCKET s)
{
    struct afd_poll_params params;

    memset(&params, 0, sizeof(params));
    params.timeout = 0;
    params.count = 1;
    params.sockets[0].socket = s;
    params.sockets[0].flags = AFD_POLL_RESET;
    if (ws2kit_afd_call(s, IOCTL_AFD_POLL, &params, sizeof(params), &params, sizeof(params), NULL)) return FALSE;
    return params.count == 1 && (params.sockets[0].flags & AFD_POLL_RESET);
}

/* Overlapped requests and their completion ------------------------------ */

/* A completion routine runs as an APC with the Winsock error, the byte count
 * and the OVERLAPPED (which is the IO_STATUS_BLOCK's address). */
static void WINAPI completion_apc(void *context, IO_STATUS_BLOCK *io, ULONG reserved)
{
    LPWSAOVERLAPPED_COMPLETION_ROUTINE routine = context;
    (void)reserved;
    routine(ws2kit_status_to_wsa(io->Status), io->Information, (OVERLAPPED *)io, 0);
}

/* Who hears of the completion: the routine (as an APC) if there is one, else
 * the event, and the socket's completion port unless the event's low bit
 * opts out. */
static void completion_target(OVERLAPPED *overlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine,
                              HANDLE *event, PIO_APC_ROUTINE *apc, void **context)
{
    *event = overlapped->hEvent;
    *context = ((ULONG_PTR)*event & 1) ? NULL : overlapped;
    *apc = NULL;
    if (routine)
    {
        *event = NULL;
        *apc = completion_apc;
        *context = routine;
    }
}

/* A request whose end the caller watches itself, with its own event and
 * status block (a threadpool wait, or nobody): no blocking wait and no
 * fast-path note.  Socket creation, the close watch's poll, the rest of a
 * short send, TransmitFile's marker and WPUCompleteOverlappedRequest's
 * packet go this way; port_context is what a completion port's packet
 * carries (NULL: no packet). */
NTSTATUS ws2kit_afd_issue(HANDLE handle, HANDLE event, void *port_context, IO_STATUS_BLOCK *io, ULONG code,
                          void *in, ULONG in_size, void *out, ULONG out_size)
{
    return NtDeviceIoControlFile(handle, event, NULL, port_context, io, code, in, in_size, out, out_size);
}

/* Issues an overlapped request on s; its completion goes to the completion
 * target.  With caller_sets, the device is not given the event, which the
 * caller sets itself once the OVERLAPPED says what it has to. */
NTSTATUS ws2kit_issue_overlapped(SOCKET s, ULONG code, void *in, ULONG in_size, void *out, ULONG out_size,
                                 OVERLAPPED *overlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine,
                                 HANDLE *caller_sets)
{
    PIO_APC_ROUTINE apc;
    HANDLE event;
    void *context;

    completion_target(overlapped, routine, &event, &apc, &context);
    if (caller_sets)
    {
        *caller_sets = event;
        event = NULL;
    }
    return NtDeviceIoControlFile((HANDLE)s, event, apc, context, (IO_STATUS_BLOCK *)overlapped, code, in, in_size,
                                 out, out_size);
}

/* A socket request that may complete later.  Without an OVERLAPPED it waits
 * (alertably, as Windows' blocking calls do); with one it may return
 * STATUS_PENDING and completes through the event, routine or port. */
NTSTATUS ws2kit_afd_request_out(SOCKET s, ULONG code, void *in, ULONG in_size, void *out, ULONG out_size,
                                OVERLAPPED *overlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine,
                                ULONG_PTR *information)
{
    ULONG_PTR pending = STATUS_PENDING;
    NTSTATUS status;

    if (!overlapped) return ws2kit_afd_call(s, code, in, in_size, out, out_size, information);
    if (!ws2kit_write_user(&overlapped->Internal, &pending, sizeof(pending))) return STATUS_ACCESS_VIOLATION;
    ws2kit_note_request_pended(s);   /* before: a closesocket racing it must cancel */
    status = ws2kit_issue_overlapped(s, code, in, in_size, out, out_size, overlapped, routine, NULL);
    ws2kit_fast_saw_device_call(s, code, in, TRUE, status);
    if (!status && information) *information = overlapped->InternalHigh;
    return status;
}

NTSTATUS ws2kit_afd_request(SOCKET s, ULONG code, void *in, ULONG in_size, OVERLAPPED *overlapped,
                            LPWSAOVERLAPPED_COMPLETION_ROUTINE routine, ULONG_PTR *information)
{
    return ws2kit_afd_request_out(s, code, in, in_size, NULL, 0, overlapped, routine, information);
}

/* Hands the outcome of a request of ws2kit's own to the socket device,
 * which signals the event, queues the completion routine or posts to the
 * completion port like any other overlapped socket request.  Returns the
 * device's status. */
NTSTATUS ws2kit_complete_request(SOCKET s, NTSTATUS result, OVERLAPPED *overlapped,
                                 LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    return ws2kit_issue_overlapped(s, IOCTL_AFD_WINE_COMPLETE_ASYNC, &result, sizeof(result), NULL, 0, overlapped,
                                   routine, NULL);
}

/* The same with a byte count: the request pends and the outcome reaches the
 * OVERLAPPED like any other overlapped socket request's.  Wine's device
 * completes it with 0 bytes, so the byte count is written into the
 * OVERLAPPED afterwards and the event is set only then (a completion
 * routine reads the count when it runs); a completion port's packet still
 * carries 0 bytes.  STATUS_PENDING, or the device's refusal. */
NTSTATUS ws2kit_complete_request_later(SOCKET s, NTSTATUS result, ULONG_PTR bytes, OVERLAPPED *overlapped,
                                       LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    HANDLE event;
    NTSTATUS status = ws2kit_issue_overlapped(s, IOCTL_AFD_WINE_COMPLETE_ASYNC, &result, sizeof(result), NULL, 0,
                                              overlapped, routine, &event);

    if (status != result && status != STATUS_PENDING) return status;
    ws2kit_write_user(&overlapped->InternalHigh, &bytes, sizeof(bytes));
    event = (HANDLE)((ULONG_PTR)event & ~(ULONG_PTR)1);
    if (event) SetEvent(event);
    return STATUS_PENDING;
}
