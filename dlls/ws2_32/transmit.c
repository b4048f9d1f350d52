/* TransmitFile and TransmitPackets, the extension functions that send file
 * and memory data in one request (WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER);
 * Wine's mswsock.TransmitFile asks for the pointer too).
 *
 * Each call becomes ONE request on Wine's socket device, so that it completes
 * exactly as Windows completes it (the event, the completion port, the byte
 * count of the whole transfer, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS):
 *   - TransmitFile: IOCTL_AFD_WINE_TRANSMIT, where ntdll's Unix side sends the
 *     head, reads and sends the file in nNumberOfBytesPerSend chunks, then the
 *     tail;
 *   - TransmitPackets: the same when the elements are memory, a file range,
 *     memory (each optional); any other list is IOCTL_AFD_WINE_SENDMSG with
 *     one buffer per element, file ranges read into buffers of ours first.
 * Wine 8.0 ignores TF_DISCONNECT in its transmit request, so ws2kit asks for
 * the shutdown itself right after the request; the socket device carries it
 * out once the queued writes are done.  TransmitPackets' file buffers are
 * freed by a thread-pool wait on a marker request queued behind the data. */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

/* The flags each function accepts; any other bit is WSAEINVAL.
 * TF_WRITE_BEHIND is TransmitFile's only. */
#define TRANSMIT_COMMON_FLAGS (TF_DISCONNECT | TF_REUSE_SOCKET | TF_USE_SYSTEM_THREAD | TF_USE_KERNEL_APC)
#define TRANSMIT_FILE_FLAGS (TRANSMIT_COMMON_FLAGS | TF_WRITE_BEHIND)
#define TRANSMIT_PACKETS_FLAGS TRANSMIT_COMMON_FLAGS

#define FILE_POINTER_POSITION (-2)          /* FILE_USE_FILE_POINTER_POSITION */
#define PACKETS_FILE_LIMIT (256u << 20)     /* file bytes TransmitPackets reads into memory at most */
/* ntdll allocates the per-send size as one buffer: a larger size (up to
 * 0xffffffff, "as the elements say") is chopped, which the peer of a
 * stream cannot tell. */
#define MAX_PER_SEND (1u << 20)

/* TransmitPackets' file data, freed when the request is done with it. */
struct file_data
{
    void **buffers;
    DWORD count;
    HANDLE event;             /* signalled by the marker request */
    IO_STATUS_BLOCK io;       /* the marker request's */
};

static void file_data_free(struct file_data *data)
{
    DWORD i;

    if (!data) return;
    for (i = 0; i < data->count; i++) free(data->buffers[i]);
    free(data->buffers);
    if (data->event) CloseHandle(data->event);
    free(data);
}

static void CALLBACK file_data_done(TP_CALLBACK_INSTANCE *instance, void *context, TP_WAIT *wait,
                                    TP_WAIT_RESULT result)
{
    (void)instance;
    (void)result;
    file_data_free(context);
    CloseThreadpoolWait(wait);
}

/* Frees the data once every write queued on the socket so far is done.
 * The socket device completes a socket's writes in order, so an empty send
 * queued now completes after the caller's request; it has an event of ours
 * and no completion context, so the caller's port never sees it.  If it
 * cannot be queued the data is kept: leaked rather than freed under a send. */
static void free_after_writes(SOCKET s, struct file_data *data)
{
    struct afd_sendmsg_params marker = { 0 };
    TP_WAIT *wait;
    NTSTATUS status;

    marker.force_async = 1;
    if (!(data->event = CreateEventW(NULL, TRUE, FALSE, NULL)) ||
        !(wait = CreateThreadpoolWait(file_data_done, data, NULL)))
    {
        WARN("keeping %lu buffers: no event or wait, error %lu\n", data->count, GetLastError());
        return;
    }
    status = ws2kit_afd_issue((HANDLE)s, data->event, NULL, &data->io, IOCTL_AFD_WINE_SENDMSG, &marker,
                              sizeof(marker), NULL, 0);
    if (status && status != STATUS_PENDING)
    {
        WARN("keeping %lu buffers: marker request failed, status %#lx\n", data->count, status);
        CloseThreadpoolWait(wait);
        return;
    }
    SetThreadpoolWait(wait, data->event, NULL);
}

/* TF_DISCONNECT: shut the sending side down.  Wine's socket device defers
 * the shutdown until the writes already queued are done, so it may follow
 * an overlapped request at once. */
static void disconnect_after_writes(SOCKET s)
{
    int how = SD_SEND;
    ws2kit_afd_call(s, IOCTL_AFD_WINE_SHUTDOWN, &how, sizeof(how), NULL, 0, NULL);
}

/* Whether an overlapped request is done.  Only a done request leaves
 * anything but STATUS_PENDING there (the caller may already have reused the
 * OVERLAPPED, but only after its completion). */
static BOOL request_done(OVERLAPPED *overlapped)
{
    ULONG_PTR status = STATUS_PENDING;
    return ws2kit_read_user(&status, &overlapped->Internal, sizeof(status)) && status != STATUS_PENDING;
}

/* Sends one request: blocking without an OVERLAPPED, else through the
 * caller's event or completion port; then what TF_DISCONNECT and the file
 * data ask for.  Takes the file data. */
static NTSTATUS submit(SOCKET s, ULONG code, void *in, ULONG in_size, OVERLAPPED *overlapped, DWORD flags,
                       struct file_data *data)
{
    ULONG_PTR pending = STATUS_PENDING;
    NTSTATUS status;

    /* Wine 8.0's wineserver keeps a socket's shutdown state when AcceptEx
     * puts a new connection into it, so the new connection could not send. */
    if (flags & TF_REUSE_SOCKET)
        FIXME("TF_REUSE_SOCKET: the socket is disconnected but cannot be accepted or connected into again\n");
    if (!overlapped)
        status = ws2kit_afd_call(s, code, in, in_size, NULL, 0, NULL);
    else if (!ws2kit_write_user(&overlapped->Internal, &pending, sizeof(pending)))
        status = STATUS_ACCESS_VIOLATION;
    else
        status = ws2kit_issue_overlapped(s, code, in, in_size, NULL, 0, overlapped, NULL, NULL);
    if (status && status != STATUS_PENDING)
    {
        file_data_free(data);
        return status;
    }
    /* Done already: free now, and no marker request clears the signalled
     * state the caller's completion gave the socket handle. */
    if (!data || !overlapped || request_done(overlapped)) file_data_free(data);
    else free_after_writes(s, data);
    if (flags & TF_DISCONNECT) disconnect_after_writes(s);
    return status;
}

/* Windows' answer: TRUE, or FALSE with WSA_IO_PENDING or the error. */
static BOOL transmit_fail(SOCKET s, int err)
{
    ws2kit_socket_fail(s, err);
    return FALSE;
}

/* The checks both functions make before any data moves: a stream socket
 * with a peer, and known flags. */
static int transmit_check(SOCKET s, DWORD flags, DWORD valid_flags)
{
    struct ws2kit_sockstate_params state;

    if (!ws2kit_is_socket(s)) return WSAENOTSOCK;
    if (flags & ~valid_flags) return WSAEINVAL;
    if (!ws2kit_sockstate(s, &state)) return WSAENOTSOCK;
    if (!state.connected) return WSAENOTCONN;
    if (state.type != SOCK_STREAM)
    {
        FIXME("datagram TransmitFile/TransmitPackets\n");
        return WSAEOPNOTSUPP;
    }
    return 0;
}

BOOL WINAPI ws2kit_transmit_file(SOCKET s, HANDLE file, DWORD file_len, DWORD per_send, OVERLAPPED *overlapped,
                                 TRANSMIT_FILE_BUFFERS *buffers, DWORD flags)
{
    struct afd_transmit_params params = { 0 };
    TRANSMIT_FILE_BUFFERS copy = { 0 };
    OVERLAPPED position;
    int err;

    TRACE("%#Ix file %p len %lu per send %lu overlapped %p buffers %p flags %#lx\n", s, file, file_len, per_send,
          overlapped, buffers, flags);
    CHECK_STARTED(FALSE);
    if ((err = transmit_check(s, flags, TRANSMIT_FILE_FLAGS))) return transmit_fail(s, err);
    if (buffers && !ws2kit_read_user(&copy, buffers, sizeof(copy))) return transmit_fail(s, WSAEFAULT);
    /* The head and tail are read by the device later, after the file: one
     * that cannot all be read ended the request with an access violation
     * that reached no completion port (fuzz seed 20240601, call 5050310).
     * Windows probes them first. */
    if (buffers && ((copy.HeadLength && !ws2kit_probe_read_user(copy.Head, copy.HeadLength)) ||
                    (copy.TailLength && !ws2kit_probe_read_user(copy.Tail, copy.TailLength))))
        return transmit_fail(s, WSAEFAULT);
    params.offset.QuadPart = FILE_POINTER_POSITION;
    if (overlapped)
    {
        /* Windows reads the file from the OVERLAPPED's offset. */
        if (!ws2kit_read_user(&position, overlapped, sizeof(position)))
            return transmit_fail(s, WSAEFAULT);
        params.offset.LowPart = position.Offset;
        params.offset.HighPart = position.OffsetHigh;
    }
    params.head_ptr = (ULONG_PTR)copy.Head;
    params.head_len = copy.HeadLength;
    params.tail_ptr = (ULONG_PTR)copy.Tail;
    params.tail_len = copy.TailLength;
    params.file = HandleToULong(file);
    params.file_len = file_len;
    params.buffer_size = min(per_send, MAX_PER_SEND);
    params.flags = flags;
    return ws2kit_extension_result(s, submit(s, IOCTL_AFD_WINE_TRANSMIT, &params, sizeof(params), overlapped, flags, NULL));
}

/* Reads length bytes (0: up to the end of the file) from offset, into a new
 * buffer; returns 0 or a Winsock error. */
static int read_file_range(HANDLE file, LONGLONG offset, DWORD length, void **data, DWORD *read)
{
    LARGE_INTEGER size;
    OVERLAPPED at = { 0 };
    HANDLE event;
    int err = 0;

    *data = NULL;
    *read = 0;
    if (!length)
    {
        if (!GetFileSizeEx(file, &size)) return WSAEINVAL;
        if (size.QuadPart <= offset) return 0;
        if (size.QuadPart - offset > PACKETS_FILE_LIMIT) return WSAENOBUFS;
        length = (DWORD)(size.QuadPart - offset);
    }
    if (length > PACKETS_FILE_LIMIT) return WSAENOBUFS;
    if (!(*data = malloc(length))) return WSAENOBUFS;
    /* An event of our own: the file may be open for overlapped I/O. */
    if (!(event = CreateEventW(NULL, TRUE, FALSE, NULL))) return WSAENOBUFS;
    at.Offset = (DWORD)offset;
    at.OffsetHigh = (DWORD)(offset >> 32);
    at.hEvent = event;
    /* Past the end of the file there is nothing to send. */
    if (!ReadFile(file, *data, length, NULL, &at) && GetLastError() != ERROR_IO_PENDING)
        err = GetLastError() == ERROR_HANDLE_EOF ? 0 : WSAEINVAL;
    else if (!GetOverlappedResult(file, &at, read, TRUE) && GetLastError() != ERROR_HANDLE_EOF) err = WSAEINVAL;
    CloseHandle(event);
    return err;
}

static DWORD element_kind(const TRANSMIT_PACKETS_ELEMENT *e)
{
    return e->dwElFlags & (TP_ELEMENT_MEMORY | TP_ELEMENT_FILE);
}

/* An element is memory or a file range, never both; memory must be
 * readable at both ends. */
static int check_element(const TRANSMIT_PACKETS_ELEMENT *e)
{
    char probe;

    if (e->dwElFlags & ~(TP_ELEMENT_MEMORY | TP_ELEMENT_FILE | TP_ELEMENT_EOP)) return WSAEINVAL;
    if (element_kind(e) != TP_ELEMENT_MEMORY && element_kind(e) != TP_ELEMENT_FILE) return WSAEINVAL;
    if (element_kind(e) == TP_ELEMENT_MEMORY && e->cLength &&
        (!ws2kit_read_user(&probe, e->pBuffer, 1) || !ws2kit_read_user(&probe, (char *)e->pBuffer + e->cLength - 1, 1)))
        return WSAEFAULT;
    return 0;
}

/* Whether the elements fit one transmit request: memory, a file range,
 * memory, each at most once and in that order.  ntdll then reads the file
 * itself and nothing of ours outlives the call. */
static BOOL packets_as_transmit(const TRANSMIT_PACKETS_ELEMENT *e, DWORD count, struct afd_transmit_params *params)
{
    DWORD i = 0;

    memset(params, 0, sizeof(*params));
    if (i < count && element_kind(&e[i]) == TP_ELEMENT_MEMORY)
    {
        params->head_ptr = (ULONG_PTR)e[i].pBuffer;
        params->head_len = e[i++].cLength;
    }
    if (i < count && element_kind(&e[i]) == TP_ELEMENT_FILE)
    {
        params->file = HandleToULong(e[i].hFile);
        params->offset = e[i].nFileOffset;
        params->file_len = e[i++].cLength;   /* 0: to the end of the file, as in TransmitPackets */
    }
    if (i < count && element_kind(&e[i]) == TP_ELEMENT_MEMORY)
    {
        params->tail_ptr = (ULONG_PTR)e[i].pBuffer;
        params->tail_len = e[i++].cLength;
    }
    return i == count;
}

/* Any other list: one WSABUF per element, memory as given, file ranges read
 * into buffers that are freed once the data is sent. */
static int packets_to_buffers(const TRANSMIT_PACKETS_ELEMENT *e, DWORD count, WSABUF *out, struct file_data *files)
{
    DWORD i;
    int err;

    for (i = 0; i < count; i++)
    {
        if (element_kind(&e[i]) == TP_ELEMENT_MEMORY)
        {
            out[i].buf = e[i].pBuffer;
            out[i].len = e[i].cLength;
            continue;
        }
        if ((err = read_file_range(e[i].hFile, e[i].nFileOffset.QuadPart, e[i].cLength,
                                   &files->buffers[files->count], &out[i].len)))
        {
            free(files->buffers[files->count]);
            return err;
        }
        out[i].buf = files->buffers[files->count++];
    }
    return 0;
}

static NTSTATUS send_buffered_packets(SOCKET s, const TRANSMIT_PACKETS_ELEMENT *e, DWORD count,
                                      OVERLAPPED *overlapped, DWORD flags, int *err)
{
    struct afd_sendmsg_params params = { 0 };
    struct file_data *files = calloc(1, sizeof(*files));
    WSABUF *wsabufs = calloc(count, sizeof(*wsabufs));
    NTSTATUS status = 0;

    *err = WSAENOBUFS;
    if (files && wsabufs && (files->buffers = calloc(count, sizeof(void *))) &&
        !(*err = packets_to_buffers(e, count, wsabufs, files)))
    {
        params.force_async = overlapped != NULL;
        params.count = count;
        params.buffers_ptr = (ULONG_PTR)wsabufs;
        /* ntdll copies the WSABUF array before it returns. */
        status = submit(s, IOCTL_AFD_WINE_SENDMSG, &params, sizeof(params), overlapped, flags, files);
        files = NULL;
    }
    file_data_free(files);
    free(wsabufs);
    return status;
}

BOOL WINAPI ws2kit_transmit_packets(SOCKET s, TRANSMIT_PACKETS_ELEMENT *array, DWORD count, DWORD send_size,
                                    OVERLAPPED *overlapped, DWORD flags)
{
    struct afd_transmit_params params;
    TRANSMIT_PACKETS_ELEMENT *elements = NULL;
    NTSTATUS status;
    DWORD i;
    int err = 0;

    TRACE("%#Ix array %p count %lu send size %lu overlapped %p flags %#lx\n", s, array, count, send_size,
          overlapped, flags);
    CHECK_STARTED(FALSE);
    if ((err = transmit_check(s, flags, TRANSMIT_PACKETS_FLAGS))) return transmit_fail(s, err);
    if (count > 0xffffff) return transmit_fail(s, WSAEINVAL);
    if (count && !(elements = malloc(count * sizeof(*elements)))) return transmit_fail(s, WSAENOBUFS);
    if (!ws2kit_read_user(elements, array, count * sizeof(*elements))) err = WSAEFAULT;
    for (i = 0; i < count && !err; i++) err = check_element(&elements[i]);
    if (err)
    {
        free(elements);
        return transmit_fail(s, err);
    }
    if (packets_as_transmit(elements, count, &params))
    {
        params.buffer_size = min(send_size, MAX_PER_SEND);
        params.flags = flags;
        status = submit(s, IOCTL_AFD_WINE_TRANSMIT, &params, sizeof(params), overlapped, flags, NULL);
    }
    else status = send_buffered_packets(s, elements, count, overlapped, flags, &err);
    free(elements);
    if (err) return transmit_fail(s, err);
    return ws2kit_extension_result(s, status);
}
