/* WSAIoctl and ioctlsocket, driven by one table: one row per control code.
 *
 * Every row runs synchronously and then finishes through complete(): without
 * an OVERLAPPED the result is returned directly; with one, the outcome is
 * handed to the socket device (IOCTL_AFD_WINE_COMPLETE_ASYNC), which signals
 * the event, queues the completion routine or posts to the completion port
 * exactly as for any other overlapped socket request. */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

#define IOCTL_AFD_WINE_COMPLETE_ASYNC WS2KIT_AFD_WINE(210)

struct ioctl_call
{
    SOCKET s;
    void *in;
    DWORD in_size;
    void *out;
    DWORD out_size;
    DWORD returned;          /* bytes the handler produced */
};

typedef int (*ioctl_handler)(struct ioctl_call *call);

struct ioctl_row
{
    DWORD code;
    const char *name;
    DWORD min_in;            /* shorter input: WSAEFAULT */
    DWORD min_out;           /* shorter output: WSAEFAULT */
    ioctl_handler handler;
};

static int do_fionbio(struct ioctl_call *call)
{
    ULONG value;
    if (!ws2kit_read_user(&value, call->in, sizeof(value))) return WSAEFAULT;
    return ws2kit_status_to_wsa(ws2kit_afd_call(call->s, IOCTL_AFD_WINE_FIONBIO, &value, sizeof(value),
                                                NULL, 0, NULL));
}

static int query_ulong(struct ioctl_call *call, ULONG request)
{
    ULONG value = 0;
    int err = ws2kit_status_to_wsa(ws2kit_afd_call(call->s, request, NULL, 0, &value, sizeof(value), NULL));
    if (err) return err;
    if (!ws2kit_write_user(call->out, &value, sizeof(value))) return WSAEFAULT;
    call->returned = sizeof(value);
    return 0;
}

static int do_fionread(struct ioctl_call *call)
{
    struct ws2kit_sockstate_params state;

    /* Wine's device answers FIONREAD for any handle with an fd, files too;
     * ws2kit.so asks the fd itself, which costs no server round trip. */
    if (!ws2kit_sockstate(call->s, &state)) return WSAENOTSOCK;
    return query_ulong(call, IOCTL_AFD_WINE_FIONREAD);
}
static int do_siocatmark(struct ioctl_call *call) { return query_ulong(call, IOCTL_AFD_WINE_SIOCATMARK); }

static int do_keepalive_vals(struct ioctl_call *call)
{
    struct tcp_keepalive vals;
    if (!ws2kit_read_user(&vals, call->in, sizeof(vals))) return WSAEFAULT;
    return ws2kit_keepalive_vals(call->s, &vals);
}

static const struct ioctl_row ioctl_table[] =
{
    { FIONBIO,            "FIONBIO",            sizeof(ULONG), 0, do_fionbio },
    { FIONREAD,           "FIONREAD",           0, sizeof(ULONG), do_fionread },
    { SIOCATMARK,         "SIOCATMARK",         0, sizeof(ULONG), do_siocatmark },
    { SIO_KEEPALIVE_VALS, "SIO_KEEPALIVE_VALS", sizeof(struct tcp_keepalive), 0, do_keepalive_vals },
};

static const struct ioctl_row *find_ioctl(DWORD code)
{
    size_t i;
    for (i = 0; i < sizeof(ioctl_table) / sizeof(ioctl_table[0]); i++)
        if (ioctl_table[i].code == code) return &ioctl_table[i];
    return NULL;
}

static void WINAPI completion_apc(void *context, IO_STATUS_BLOCK *io, ULONG reserved)
{
    LPWSAOVERLAPPED_COMPLETION_ROUTINE routine = context;
    (void)reserved;
    routine(ws2kit_status_to_wsa(io->Status), io->Information, (OVERLAPPED *)io, 0);
}

/* The one way every row finishes. */
static int complete(SOCKET s, int err, DWORD returned, DWORD *bytes_returned, OVERLAPPED *overlapped,
                    LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    NTSTATUS status;
    HANDLE event;
    void *context;
    PIO_APC_ROUTINE apc = NULL;
    IO_STATUS_BLOCK *io;

    if (!overlapped)
    {
        if (err) return ws2kit_socket_fail(s, err);
        *bytes_returned = returned;
        SetLastError(0);
        return 0;
    }
    /* A completion value for the port unless the event's low bit opts out. */
    io = (IO_STATUS_BLOCK *)overlapped;
    event = overlapped->hEvent;
    context = ((ULONG_PTR)event & 1) ? NULL : overlapped;
    if (routine)
    {
        event = NULL;
        apc = completion_apc;
        context = routine;
    }
    status = err ? (NTSTATUS)(0xc0010000 | err) : 0;
    status = NtDeviceIoControlFile((HANDLE)s, event, apc, context, io, IOCTL_AFD_WINE_COMPLETE_ASYNC,
                                   &status, sizeof(status), NULL, 0);
    if (status == STATUS_PENDING) return fail(WSA_IO_PENDING);
    if (status) return ws2kit_socket_fail(s, err ? err : ws2kit_status_to_wsa(status));
    overlapped->InternalHigh = returned;
    SetLastError(0);
    return 0;
}

int WINAPI WSAIoctl(SOCKET s, DWORD code, void *in, DWORD in_size, void *out, DWORD out_size,
                    DWORD *bytes_returned, OVERLAPPED *overlapped,
                    LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    struct ioctl_call call = { s, in, in_size, out, out_size, 0 };
    const struct ioctl_row *row;
    int err;

    CHECK_STARTED(SOCKET_ERROR);
    TRACE("%#Ix code %#lx in %p/%lu out %p/%lu overlapped %p routine %p\n", s, code, in, in_size,
          out, out_size, overlapped, routine);
    if (!bytes_returned && !overlapped) return fail(WSAEFAULT);
    if (overlapped)
    {
        OVERLAPPED copy;
        if (!ws2kit_read_user(&copy, overlapped, sizeof(copy))) return fail(WSAEFAULT);
        /* Windows marks the request pending before it looks at the arguments. */
        overlapped->Internal = STATUS_PENDING;
        overlapped->InternalHigh = 0;
    }
    if (!(row = find_ioctl(code)))
    {
        FIXME("unsupported control code %#lx\n", code);
        err = WSAEOPNOTSUPP;
    }
    else if (in_size < row->min_in || (row->min_in && !in)) err = WSAEFAULT;
    else if (out_size < row->min_out || (row->min_out && !out)) err = WSAEFAULT;
    else
    {
        TRACE("%s\n", row->name);
        err = row->handler(&call);
    }
    return complete(s, err, call.returned, bytes_returned, overlapped, routine);
}

int WINAPI ioctlsocket(SOCKET s, LONG cmd, u_long *argp)
{
    DWORD returned;

    CHECK_STARTED(SOCKET_ERROR);
    if (!argp) return fail(WSAEFAULT);
    return WSAIoctl(s, cmd, argp, sizeof(*argp), argp, sizeof(*argp), &returned, NULL, NULL);
}
