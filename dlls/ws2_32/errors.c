/* How a Winsock call ends with an error: the thread's error is set, by its
 * Winsock code or by an NTSTATUS from Wine's socket device through the one
 * table below (one row per status), and the call returns. */
#include "ws2_32_private.h"

struct status_map { NTSTATUS status; int error; };

static const struct status_map status_map[] =
{
    { STATUS_PENDING, WSA_IO_PENDING },
    { STATUS_HANDLES_CLOSED, WSA_OPERATION_ABORTED }, /* the handle went away */
    { STATUS_BUFFER_OVERFLOW, WSAEMSGSIZE },
    { STATUS_NOT_IMPLEMENTED, WSAEOPNOTSUPP },
    { STATUS_ACCESS_VIOLATION, WSAEFAULT },
    { STATUS_PAGEFILE_QUOTA, WSAENOBUFS },
    { STATUS_INVALID_HANDLE, WSAENOTSOCK },
    { STATUS_INVALID_PARAMETER, WSAEINVAL },
    { STATUS_NO_SUCH_DEVICE, WSAENETDOWN },
    { STATUS_NO_SUCH_FILE, WSAENETDOWN },
    { STATUS_INVALID_DEVICE_REQUEST, WSAENOTSOCK },  /* a handle that is no socket */
    { STATUS_NO_MEMORY, WSAENOBUFS },
    { STATUS_CONFLICTING_ADDRESSES, WSAENOBUFS },
    { STATUS_ACCESS_DENIED, WSAEACCES },
    { STATUS_BUFFER_TOO_SMALL, WSAEFAULT },
    { STATUS_OBJECT_TYPE_MISMATCH, WSAENOTSOCK },
    { STATUS_OBJECT_NAME_NOT_FOUND, WSAENETDOWN },
    { STATUS_OBJECT_PATH_NOT_FOUND, WSAENETDOWN },
    { STATUS_SHARING_VIOLATION, WSAEADDRINUSE },
    { STATUS_QUOTA_EXCEEDED, WSAENOBUFS },
    { STATUS_TOO_MANY_PAGING_FILES, WSAENOBUFS },
    { STATUS_INSUFFICIENT_RESOURCES, WSAENOBUFS },
    { STATUS_WORKING_SET_QUOTA, WSAENOBUFS },
    { STATUS_DEVICE_NOT_READY, WSAEWOULDBLOCK },
    { STATUS_PIPE_DISCONNECTED, WSAESHUTDOWN },
    { STATUS_IO_TIMEOUT, WSAETIMEDOUT },
    { STATUS_NOT_SUPPORTED, WSAEOPNOTSUPP },
    { STATUS_REMOTE_NOT_LISTENING, WSAECONNREFUSED },
    { STATUS_BAD_NETWORK_PATH, WSAENETUNREACH },
    { STATUS_NETWORK_BUSY, WSAENETDOWN },
    { STATUS_INVALID_NETWORK_RESPONSE, WSAENETDOWN },
    { STATUS_UNEXPECTED_NETWORK_ERROR, WSAENETDOWN },
    { STATUS_REQUEST_NOT_ACCEPTED, WSAEWOULDBLOCK },
    { STATUS_CANCELLED, WSA_OPERATION_ABORTED },
    { STATUS_COMMITMENT_LIMIT, WSAENOBUFS },
    { STATUS_LOCAL_DISCONNECT, WSAECONNABORTED },
    { STATUS_REMOTE_DISCONNECT, WSAECONNRESET },
    { STATUS_REMOTE_RESOURCES, WSAENOBUFS },
    { STATUS_LINK_FAILED, WSAECONNRESET },
    { STATUS_LINK_TIMEOUT, WSAETIMEDOUT },
    { STATUS_INVALID_CONNECTION, WSAENOTCONN },
    { STATUS_INVALID_ADDRESS, WSAEADDRNOTAVAIL },
    { STATUS_INVALID_BUFFER_SIZE, WSAEMSGSIZE },
    { STATUS_INVALID_ADDRESS_COMPONENT, WSAEADDRNOTAVAIL },
    { STATUS_TOO_MANY_ADDRESSES, WSAENOBUFS },
    { STATUS_ADDRESS_ALREADY_EXISTS, WSAEADDRINUSE },
    { STATUS_CONNECTION_DISCONNECTED, WSAECONNRESET },
    { STATUS_CONNECTION_RESET, WSAECONNRESET },
    { STATUS_TRANSACTION_ABORTED, WSAECONNABORTED },
    { STATUS_CONNECTION_REFUSED, WSAECONNREFUSED },
    { STATUS_GRACEFUL_DISCONNECT, WSAEDISCON },
    { STATUS_ADDRESS_ALREADY_ASSOCIATED, WSAEINVAL }, /* connect's is WSAEALREADY */
    { STATUS_CONNECTION_ACTIVE, WSAEISCONN },
    { STATUS_NETWORK_UNREACHABLE, WSAENETUNREACH },
    { STATUS_HOST_UNREACHABLE, WSAEHOSTUNREACH },
    { STATUS_PROTOCOL_UNREACHABLE, WSAENETUNREACH },
    { STATUS_PORT_UNREACHABLE, WSAECONNRESET },
    { STATUS_REQUEST_ABORTED, WSAEINTR },
    { STATUS_CONNECTION_ABORTED, WSAECONNABORTED },
    { STATUS_DATATYPE_MISALIGNMENT_ERROR, WSAEFAULT },
    { STATUS_HOST_DOWN, WSAEHOSTDOWN },
    { STATUS_UNSUCCESSFUL, WSAEINVAL },
    /* ERROR_IO_INCOMPLETE carried as an HRESULT-style status, as Windows reads it */
    { (NTSTATUS)HRESULT_FROM_WIN32(ERROR_IO_INCOMPLETE), WSA_IO_INCOMPLETE },
    { STATUS_FROM_NTWIN32(ERROR_IO_INCOMPLETE), WSA_IO_INCOMPLETE },
};

int ws2kit_status_to_wsa(NTSTATUS status)
{
    size_t i;

    if (!status) return 0;
    /* The wineserver passes some Win32/Winsock codes through as 0xc001xxxx. */
    if (((ULONG)status & 0xffff0000) == (ULONG)STATUS_FROM_WIN32_CODE(0)) return status & 0xffff;
    for (i = 0; i < sizeof(status_map) / sizeof(status_map[0]); i++)
        if (status_map[i].status == status) return status_map[i].error;
    return NT_SUCCESS(status) ? 0 : WSAEINVAL;
}

/* Sets the thread's Winsock error and returns SOCKET_ERROR, for
 * `return ws2kit_fail(...)`. */
int ws2kit_fail(int error)
{
    SetLastError(error);
    return SOCKET_ERROR;
}

/* The same, for calls that return the error code itself (getaddrinfo family). */
int ws2kit_fail_code(int error)
{
    SetLastError(error);
    return error;
}

/* The same for a device status, through the table above. */
int ws2kit_fail_status(NTSTATUS status)
{
    return ws2kit_fail(ws2kit_status_to_wsa(status));
}

/* Fails a socket call the way Windows does: a handle that is not a socket
 * gets WSAENOTSOCK whatever else is wrong.  The check costs a round trip, so
 * the errors that busy programs see all the time skip it. */
int ws2kit_socket_fail(SOCKET s, int err)
{
    if (err != WSAENOTSOCK && err != WSAEWOULDBLOCK && err != WSA_IO_PENDING && !ws2kit_is_socket(s))
        err = WSAENOTSOCK;
    /* Linux reports an ICMP port unreachable to the next call on a datagram
     * socket as ECONNREFUSED; Windows says WSAECONNRESET (the send and recv
     * pages: "a previous send operation resulted in an ICMP Port Unreachable
     * message").  Only an error path asks the socket's type. */
    if (err == WSAECONNREFUSED)
    {
        struct ws2kit_sockstate_params state;
        if (ws2kit_sockstate(s, &state) && state.type == SOCK_DGRAM) err = WSAECONNRESET;
    }
    return ws2kit_fail(err);
}

/* The same for a device status. */
int ws2kit_socket_fail_status(SOCKET s, NTSTATUS status)
{
    return ws2kit_socket_fail(s, ws2kit_status_to_wsa(status));
}

/* Clears the thread's error and returns 0: how a call that succeeds ends. */
int ws2kit_succeed(void)
{
    SetLastError(0);
    return 0;
}
