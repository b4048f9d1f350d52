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
 * Wine 8.0 ignores TF_DISCONNECT in its transmit request, so ws2kit shuts the
 * sending side down itself once the data is queued: at once for a blocking
 * call, from a thread-pool wait on the request's event for an overlapped one
 * (the same wait frees TransmitPackets' file buffers). */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

/* The flags each function accepts; any other bit is WSAEINVAL.
 * TF_WRITE_BEHIND is TransmitFile's only. */
#define TRANSMIT_COMMON_FLAGS (TF_DISCONNECT | TF_REUSE_SOCKET | TF_USE_SYSTEM_THREAD | TF_USE_KERNEL_APC)
#define TRANSMIT_FILE_FLAGS (TRANSMIT_COMMON_FLAGS | TF_WRITE_BEHIND)
#define TRANSMIT_PACKETS_FLAGS TRANSMIT_COMMON_FLAGS

#define FILE_POINTER_POSITION (-2)          /* FILE_USE_FILE_POINTER_POSITION */
#define PACKETS_FILE_LIMIT (256u << 20)     /* file bytes TransmitPackets reads into memory at most */

/* What is left to do when a transmit request has completed. */
struct transmit_job
{
    HANDLE disconnect;      /* a duplicate of the socket to shut down (TF_DISCONNECT), or NULL */
    HANDLE own_event;       /* the event we gave the request when the caller gave none */
    void **buffers;         /* TransmitPackets' file data */
    DWORD buffer_count;
};

static struct transmit_job *job_new(SOCKET s, DWORD flags)
{
    struct transmit_job *job = calloc(1, sizeof(*job));

    if (!job) return NULL;
    if (flags & TF_REUSE_SOCKET)
        FIXME("TF_REUSE_SOCKET: the socket is disconnected but cannot be accepted or connected into again\n");
    /* A duplicate handle: the caller may close the socket (and its handle
     * value be reused) before an overlapped request completes. */
    if ((flags & TF_DISCONNECT) &&
        !DuplicateHandle(GetCurrentProcess(), (HANDLE)s, GetCurrentProcess(), &job->disconnect, 0, FALSE,
                         DUPLICATE_SAME_ACCESS))
    {
        free(job);
        return NULL;
    }
    return job;
}

static void job_finish(struct transmit_job *job, BOOL succeeded)
{
    DWORD i;

    if (job->disconnect)
    {
        int how = SD_SEND;
        if (succeeded)
            ws2kit_afd_call((SOCKET)job->disconnect, IOCTL_AFD_WINE_SHUTDOWN, &how, sizeof(how), NULL, 0, NULL);
        CloseHandle(job->disconnect);
    }
    for (i = 0; i < job->buffer_count; i++) free(job->buffers[i]);
    free(job->buffers);
    if (job->own_event) CloseHandle(job->own_event);
    free(job);
}

static void CALLBACK job_wait_done(TP_CALLBACK_INSTANCE *instance, void *context, TP_WAIT *wait, TP_WAIT_RESULT result)
{
    (void)instance;
    (void)result;
    /* The caller's OVERLAPPED may already be reused: the outcome is not read
     * again, the sending side is shut down as the call asked. */
    job_finish(context, TRUE);
    CloseThreadpoolWait(wait);
}

/* Sends one request: blocking without an OVERLAPPED, else through the
 * caller's event or completion port.  The job is done now or when the
 * request completes. */
static NTSTATUS submit(SOCKET s, ULONG code, void *in, ULONG in_size, OVERLAPPED *overlapped,
                       struct transmit_job *job)
{
    ULONG_PTR pending = STATUS_PENDING;
    PIO_APC_ROUTINE apc;
    HANDLE event, watched;
    void *context;
    TP_WAIT *wait;
    NTSTATUS status;

    if (!overlapped)
    {
        status = ws2kit_afd_call(s, code, in, in_size, NULL, 0, NULL);
        job_finish(job, !status);
        return status;
    }
    if (!ws2kit_write_user(&overlapped->Internal, &pending, sizeof(pending)))
    {
        job_finish(job, FALSE);
        return (NTSTATUS)0xc0000005; /* STATUS_ACCESS_VIOLATION */
    }
    ws2kit_completion_target(overlapped, NULL, &event, &apc, &context);
    watched = (HANDLE)((ULONG_PTR)event & ~(ULONG_PTR)1);
    if (!watched && (job->disconnect || job->buffer_count))
    {
        /* Something to do afterwards but no event to watch: give the request
         * one of ours (the completion port still gets the packet).  Quirk: a
         * WSAGetOverlappedResult that waits on the socket handle then
         * returns at once; the status it reads is still right. */
        if (!(job->own_event = CreateEventW(NULL, TRUE, FALSE, NULL)))
        {
            job_finish(job, FALSE);
            return (NTSTATUS)0xc0000017; /* STATUS_NO_MEMORY */
        }
        event = watched = job->own_event;
    }
    status = NtDeviceIoControlFile((HANDLE)s, event, apc, context, (IO_STATUS_BLOCK *)overlapped, code, in, in_size,
                                   NULL, 0);
    if (status != STATUS_PENDING && status)
        job_finish(job, FALSE);
    else if (!job->disconnect && !job->buffer_count)
        job_finish(job, TRUE);
    else if ((wait = CreateThreadpoolWait(job_wait_done, job, NULL)))
        SetThreadpoolWait(wait, watched, NULL);
    else
    {
        /* No wait object: finish now, which holds the buffers' memory for
         * good rather than freeing it under a send in progress. */
        ERR("no thread-pool wait, error %lu\n", GetLastError());
        job->buffer_count = 0;
        job_finish(job, TRUE);
    }
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
    if (state.type != 1 /* Linux SOCK_STREAM */)
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
    struct transmit_job *job;
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
    if (!(job = job_new(s, flags))) return transmit_fail(s, WSAENOBUFS);
    return transmit_result(s, submit(s, IOCTL_AFD_WINE_TRANSMIT, &params, sizeof(params), overlapped, job));
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

/* One WSABUF per element: memory as given, file ranges read into the job. */
static int packets_to_buffers(const TRANSMIT_PACKETS_ELEMENT *elements, DWORD count, WSABUF *out,
                              struct transmit_job *job)
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
            job->buffers[job->buffer_count++] = data;
            out[i].buf = data;
            out[i].len = read;
        }
        else return WSAEINVAL;
    }
    return 0;
}

BOOL WINAPI ws2kit_transmit_packets(SOCKET s, TRANSMIT_PACKETS_ELEMENT *array, DWORD count, DWORD send_size,
                                    OVERLAPPED *overlapped, DWORD flags)
{
    struct afd_sendmsg_params params = { 0 };
    TRANSMIT_PACKETS_ELEMENT *elements = NULL;
    struct transmit_job *job;
    WSABUF *wsabufs = NULL;
    NTSTATUS status;
    int err;

    TRACE("%#Ix array %p count %lu send size %lu overlapped %p flags %#lx\n", s, array, count, send_size,
          overlapped, flags);
    CHECK_STARTED(FALSE);
    if ((err = transmit_check(s, flags, TRANSMIT_PACKETS_FLAGS))) return transmit_fail(s, err);
    if (count > 0xffffff) return transmit_fail(s, WSAEINVAL);
    if (count && (!(elements = malloc(count * sizeof(*elements))) || !(wsabufs = calloc(count, sizeof(*wsabufs)))))
    {
        free(elements);
        return transmit_fail(s, WSAENOBUFS);
    }
    if (!ws2kit_read_user(elements, array, count * sizeof(*elements))) err = WSAEFAULT;
    else if (!(job = job_new(s, flags))) err = WSAENOBUFS;
    else if (count && !(job->buffers = calloc(count, sizeof(*job->buffers))))
    {
        job_finish(job, FALSE);
        err = WSAENOBUFS;
    }
    else if ((err = packets_to_buffers(elements, count, wsabufs, job)))
        job_finish(job, FALSE);
    if (err)
    {
        free(elements);
        free(wsabufs);
        return transmit_fail(s, err);
    }
    /* On a stream the send size only chops the data into sends. */
    params.force_async = overlapped != NULL;
    params.count = count;
    params.buffers_ptr = (ULONG_PTR)wsabufs;
    /* ntdll copies the WSABUF array before it returns. */
    status = submit(s, IOCTL_AFD_WINE_SENDMSG, &params, sizeof(params), overlapped, job);
    free(elements);
    free(wsabufs);
    return transmit_result(s, status);
}
