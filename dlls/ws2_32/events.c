/* Network events: WSAEventSelect, WSAEnumNetworkEvents and WSAAsyncSelect,
 * and WSAConnect.
 *
 * The wineserver keeps each socket's event mask, its posted events and the
 * error that came with each (IOCTL_AFD_EVENT_SELECT / IOCTL_AFD_GET_EVENTS),
 * and re-enables an event when the call that consumes it (recv, send,
 * accept) runs, as Windows does.  For WSAAsyncSelect it also posts the
 * window messages itself (IOCTL_AFD_WINE_MESSAGE_SELECT), one per event
 * until that event's re-enabling call, through our relay (msgrelay.c).
 * One selection per socket: each kind of call replaces the other.
 * ws2kit translates between the FD_* bits a program speaks and the device's
 * AFD_POLL_* bits. */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

/* One row per FD_* event: the device bits that raise it.  FD_QOS,
 * FD_GROUP_QOS, FD_ROUTING_INTERFACE_CHANGE and FD_ADDRESS_LIST_CHANGE have
 * no device bit: they are accepted in a mask and never posted. */
static const struct ws2kit_bit_pair event_map[] = {
    { FD_READ,    AFD_POLL_READ },
    { FD_WRITE,   AFD_POLL_WRITE },
    { FD_OOB,     AFD_POLL_OOB },
    { FD_ACCEPT,  AFD_POLL_ACCEPT },
    { FD_CONNECT, AFD_POLL_CONNECT | AFD_POLL_CONNECT_ERR },
    { FD_CLOSE,   AFD_POLL_HUP | AFD_POLL_RESET },
};

/* The error a posted event carries: the status of the first of its device
 * bits that came with one (a failed connect posts CONNECT_ERR, a connection
 * that failed otherwise HUP). */
static int event_error(const struct afd_get_events_params *params, int afd_bits)
{
    int bit;

    /* A reset posts AFD_POLL_RESET without a status; Windows reports the
     * FD_CLOSE it raises as WSAECONNABORTED (Wine's server does the same for
     * WSAAsyncSelect messages, from observed Windows behaviour). */
    if (afd_bits & params->flags & AFD_POLL_RESET) return WSAECONNABORTED;
    for (bit = 0; bit < (int)(sizeof(params->status) / sizeof(params->status[0])); bit++)
        if ((afd_bits & params->flags & (1 << bit)) && params->status[bit])
            return ws2kit_status_to_wsa(params->status[bit]);
    return 0;
}

static void events_from_afd(const struct afd_get_events_params *params, WSANETWORKEVENTS *out)
{
    size_t i;

    memset(out, 0, sizeof(*out));
    out->lNetworkEvents = ws2kit_bits_to_windows(WS2KIT_BIT_MAP(event_map), params->flags);
    for (i = 0; i < sizeof(event_map) / sizeof(event_map[0]); i++)
    {
        /* iErrorCode is indexed by the event's bit number (FD_READ_BIT...). */
        if (params->flags & event_map[i].other)
            out->iErrorCode[__builtin_ctz(event_map[i].windows)] = event_error(params, event_map[i].other);
    }
}

int WINAPI WSAEventSelect(SOCKET s, WSAEVENT event, LONG mask)
{
    struct afd_event_select_params params;
    NTSTATUS status;

    CHECK_STARTED(SOCKET_ERROR);
    TRACE("%#Ix event %p mask %#lx\n", s, event, mask);
    params.event = event;
    params.mask = ws2kit_bits_to_other(WS2KIT_BIT_MAP(event_map), mask, NULL);
    /* A mask needs an event even when none of its events has a device bit. */
    if (mask && !params.mask && !event) return ws2kit_socket_fail(s, WSAEINVAL);
    status = ws2kit_afd_call(s, IOCTL_AFD_EVENT_SELECT, &params, sizeof(params), NULL, 0, NULL);
    if (status) return ws2kit_socket_fail(s, ws2kit_status_to_wsa(status));
    SetLastError(0);
    return 0;
}

int WINAPI WSAEnumNetworkEvents(SOCKET s, WSAEVENT event, WSANETWORKEVENTS *events)
{
    struct afd_get_events_params params;
    WSANETWORKEVENTS result;
    NTSTATUS status;
    int i;

    CHECK_STARTED(SOCKET_ERROR);
    TRACE("%#Ix event %p\n", s, event);
    if (!events) return ws2kit_socket_fail(s, WSAEFAULT);
    memset(&params, 0, sizeof(params));
    /* Reset before the events are taken, not after: the wineserver sets the
     * event for one posted in between (FD_WRITE right after FD_CONNECT), and
     * a reset after would lose its signal while the event stays pending. */
    if (event) ResetEvent(event);
    status = ws2kit_afd_call(s, IOCTL_AFD_GET_EVENTS, NULL, 0, &params, sizeof(params), NULL);
    if (status) return ws2kit_socket_fail(s, ws2kit_status_to_wsa(status));
    events_from_afd(&params, &result);
    TRACE("%#Ix device events %#x -> %#lx\n", s, params.flags, result.lNetworkEvents);
    /* The device has consumed the events already: a bad output pointer loses
     * them.  Windows writes the error code of each event it reports and
     * leaves the other entries of iErrorCode as they were. */
    if (!ws2kit_probe_write_user(events, sizeof(*events))) return fail(WSAEFAULT);
    for (i = 0; i < FD_MAX_EVENTS; i++)
        if ((result.lNetworkEvents & (1 << i)) &&
            !ws2kit_write_user(&events->iErrorCode[i], &result.iErrorCode[i], sizeof(result.iErrorCode[i])))
            return fail(WSAEFAULT);
    if (!ws2kit_write_user(&events->lNetworkEvents, &result.lNetworkEvents, sizeof(result.lNetworkEvents)))
        return fail(WSAEFAULT);
    SetLastError(0);
    return 0;
}

int WINAPI WSAAsyncSelect(SOCKET s, HWND window, UINT message, LONG mask)
{
    struct afd_message_select_params params;
    NTSTATUS status;

    CHECK_STARTED(SOCKET_ERROR);
    TRACE("%#Ix window %p message %#x mask %#lx\n", s, window, message, mask);
    /* A mask of 0 cancels whatever the window; any other needs a real one. */
    if (mask && !IsWindow(window)) return ws2kit_socket_fail(s, WSAEINVAL);
    params.handle = (unsigned int)s;
    /* The device posts to our relay, which passes the messages on (see
     * msgrelay.c). */
    ws2kit_relay_target(window, message, &params.window, &params.message);
    params.mask = ws2kit_bits_to_other(WS2KIT_BIT_MAP(event_map), mask, NULL);
    /* The device also makes the socket non-blocking, as Windows does. */
    status = ws2kit_afd_call(s, IOCTL_AFD_WINE_MESSAGE_SELECT, &params, sizeof(params), NULL, 0, NULL);
    if (status) return ws2kit_socket_fail(s, ws2kit_status_to_wsa(status));
    SetLastError(0);
    return 0;
}

/* TCP and UDP carry no connect data and ws2kit has no QoS provider: the
 * callee data comes back empty and a flow spec is traced and not applied,
 * which is what a Windows provider without QoS support does. */
int WINAPI WSAConnect(SOCKET s, const struct sockaddr *name, int name_len, WSABUF *caller_data,
                      WSABUF *callee_data, QOS *sqos, QOS *gqos)
{
    ULONG no_data = 0;

    CHECK_STARTED(SOCKET_ERROR);
    TRACE("%#Ix caller data %p callee data %p\n", s, caller_data, callee_data);
    if (sqos || gqos) FIXME("%#Ix: QoS %p/%p not applied\n", s, sqos, gqos);
    /* The whole WSABUF is the caller's object: one that runs off its page is
     * refused before its length is written. */
    if (callee_data && (!ws2kit_probe_write_user(callee_data, sizeof(*callee_data)) ||
                        !ws2kit_write_user(&callee_data->len, &no_data, sizeof(no_data))))
        return ws2kit_socket_fail(s, WSAEFAULT);
    return connect(s, name, name_len);
}
