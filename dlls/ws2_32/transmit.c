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
 *   - TransmitPackets: IOCTL_AFD_WINE_SENDMSG with one buffer per element;
 *     file elements are read into buffers of ours first.
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
    status = NtDeviceIoControlFile((HANDLE)s, data->event, NULL, NULL, &data->io, IOCTL_AFD_WINE_SENDMSG, &marker,
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

/* Sends one request: blocking without an OVERLAPPED, else through the
 * caller's event or completion port; then what TF_DISCONNECT and the file
 * data ask for.  Takes the file data. */
static NTSTATUS submit(SOCKET s, ULONG code, void *in, ULONG in_size, OVERLAPPED *overlapped, DWORD flags,
                       struct file_data *data)
{
    ULONG_PTR pending = STATUS_PENDING;
    PIO_APC_ROUTINE apc;
    HANDLE event;
    void *context;
    NTSTATUS status;

    if (flags & TF_REUSE_SOCKET)
        FIXME("TF_REUSE_SOCKET: the socket is disconnected but cannot be accepted or connected into again\n");
    if (!overlapped)
        status = ws2kit_afd_call(s, code, in, in_size, NULL, 0, NULL);
    else if (!ws2kit_write_user(&overlapped->Internal, &pending, sizeof(pending)))
        status = (NTSTATUS)0xc0000005; /* STATUS_ACCESS_VIOLATION */
    else
    {
        ws2kit_completion_target(overlapped, NULL, &event, &apc, &context);
        status = NtDeviceIoControlFile((HANDLE)s, event, apc, context, (IO_STATUS_BLOCK *)overlapped, code, in,
                                       in_size, NULL, 0);
    }
    if (status && status != STATUS_PENDING)
    {
        file_data_free(data);
        return status;
    }
    if (!data || !overlapped) file_data_free(data);
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

static BOOL transmit_result(SOCKET s, NTSTATUS status)
{
    int err = ws2kit_status_to_wsa(status);

    if (!status) { SetLastError(0); return TRUE; }
    if (err == WSA_IO_PENDING) SetLastError(WSA_IO_PENDING);
    else ws2kit_socket_fail(s, err);
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
    params.buffer_size = per_send;
    params.flags = flags;
    return transmit_result(s, submit(s, IOCTL_AFD_WINE_TRANSMIT, &params, sizeof(params), overlapped, flags, NULL));
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
    if (!ReadFile(file, *data, length, NULL, &at) && GetLastError() != ERROR_IO_PENDING) err = WSAEINVAL;
    else if (!GetOverlappedResult(file, &at, read, TRUE) && GetLastError() != ERROR_HANDLE_EOF) err = WSAEINVAL;
    CloseHandle(event);
    return err;
}

/* One WSABUF per element: memory as given, file ranges read into files. */
static int packets_to_buffers(const TRANSMIT_PACKETS_ELEMENT *elements, DWORD count, WSABUF *out,
                              struct file_data *files)
{
    DWORD i;
    int err;

    for (i = 0; i < count; i++)
    {
        const TRANSMIT_PACKETS_ELEMENT *e = &elements[i];
        DWORD kind = e->dwElFlags & (TP_ELEMENT_MEMORY | TP_ELEMENT_FILE);
        char probe;

        if (e->dwElFlags & ~(TP_ELEMENT_MEMORY | TP_ELEMENT_FILE | TP_ELEMENT_EOP)) return WSAEINVAL;
        if (kind == TP_ELEMENT_MEMORY)
        {
            if (e->cLength && (!ws2kit_read_user(&probe, e->pBuffer, 1) ||
                               !ws2kit_read_user(&probe, (char *)e->pBuffer + e->cLength - 1, 1)))
                return WSAEFAULT;
            out[i].buf = e->pBuffer;
            out[i].len = e->cLength;
        }
        else if (kind == TP_ELEMENT_FILE)
        {
            void *data;
            DWORD read;

            if ((err = read_file_range(e->hFile, e->nFileOffset.QuadPart, e->cLength, &data, &read)))
            {
                free(data);
                return err;
            }
            files->buffers[files->count++] = data;
            out[i].buf = data;
            out[i].len = read;
        }
        else return WSAEINVAL;
    }
    return 0;
}

/* The caller's element array as WSABUFs (file data read into *files). */
static int prepare_packets(const TRANSMIT_PACKETS_ELEMENT *array, DWORD count, WSABUF *wsabufs,
                           struct file_data **files)
{
    TRANSMIT_PACKETS_ELEMENT *elements;
    int err;

    *files = NULL;
    if (!count) return 0;
    if (!(elements = malloc(count * sizeof(*elements)))) return WSAENOBUFS;
    if (!ws2kit_read_user(elements, array, count * sizeof(*elements))) err = WSAEFAULT;
    else if (!(*files = calloc(1, sizeof(**files))) || !((*files)->buffers = calloc(count, sizeof(void *))))
        err = WSAENOBUFS;
    else err = packets_to_buffers(elements, count, wsabufs, *files);
    free(elements);
    if (err)
    {
        file_data_free(*files);
        *files = NULL;
    }
    return err;
}

BOOL WINAPI ws2kit_transmit_packets(SOCKET s, TRANSMIT_PACKETS_ELEMENT *array, DWORD count, DWORD send_size,
                                    OVERLAPPED *overlapped, DWORD flags)
{
    struct afd_sendmsg_params params = { 0 };
    struct file_data *files;
    WSABUF *wsabufs;
    NTSTATUS status;
    int err;

    TRACE("%#Ix array %p count %lu send size %lu overlapped %p flags %#lx\n", s, array, count, send_size,
          overlapped, flags);
    CHECK_STARTED(FALSE);
    if ((err = transmit_check(s, flags, TRANSMIT_PACKETS_FLAGS))) return transmit_fail(s, err);
    if (count > 0xffffff) return transmit_fail(s, WSAEINVAL);
    if (!(wsabufs = calloc(count ? count : 1, sizeof(*wsabufs)))) return transmit_fail(s, WSAENOBUFS);
    if ((err = prepare_packets(array, count, wsabufs, &files)))
    {
        free(wsabufs);
        return transmit_fail(s, err);
    }
    /* On a stream the send size only chops the data into sends, which the
     * peer cannot tell apart. */
    params.force_async = overlapped != NULL;
    params.count = count;
    params.buffers_ptr = (ULONG_PTR)wsabufs;
    /* ntdll copies the WSABUF array before it returns. */
    status = submit(s, IOCTL_AFD_WINE_SENDMSG, &params, sizeof(params), overlapped, flags,
                    files && files->count ? files : NULL);
    if (files && !files->count) file_data_free(files);
    free(wsabufs);
    return transmit_result(s, status);
}
