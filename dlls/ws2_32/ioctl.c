/* WSAIoctl and ioctlsocket, driven by one table: one row per control code.
 *
 * Every row runs synchronously and then finishes through complete(): without
 * an OVERLAPPED the result is returned directly; with one, the outcome is
 * handed to the socket device (IOCTL_AFD_WINE_COMPLETE_ASYNC), which signals
 * the event, queues the completion routine or posts to the completion port
 * exactly as for any other overlapped socket request.  The notification rows
 * (ASYNC) give the caller's OVERLAPPED to the device request themselves, so
 * complete() leaves their completion to the device. */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

#define IOCTL_AFD_WINE_ADDRESS_LIST_CHANGE WS2KIT_AFD_WINE(208)

struct ioctl_call
{
    SOCKET s;
    void *in;
    DWORD in_size;
    void *out;
    DWORD out_size;
    DWORD returned;          /* bytes the handler produced (or needs, on WSAEFAULT) */
    OVERLAPPED *overlapped;  /* the caller's, for ASYNC rows */
    LPWSAOVERLAPPED_COMPLETION_ROUTINE routine;
};

typedef int (*ioctl_handler)(struct ioctl_call *call);

/* Row flags.  What lpcbBytesReturned (the "count") says follows Windows as
 * Wine's conformance tests record it: without an OVERLAPPED it is the bytes
 * produced, or 0 on failure; with one, a success answered at once writes it
 * too (the OVERLAPPED and the completion then carry 0 bytes) and a failure
 * leaves it alone.  The flags below are the exceptions. */
#define PENDS_FIRST   0x1    /* Windows' driver handles it: an OVERLAPPED gets STATUS_PENDING
                                before the arguments are checked */
#define SYNC_ONLY     0x2    /* with an OVERLAPPED it fails through the completion, as an
                                unknown code does */
#define SIZE_ON_ERROR 0x4    /* a failure writes the count, with or without an OVERLAPPED: the
                                size needed when the output is short (WSAEFAULT), else 0 */
#define ASYNC         0x8    /* the handler issues the device request with the caller's OVERLAPPED;
                                the device completes it (WSA_IO_PENDING while it waits) */
#define NOT_PROVIDED  0x10   /* Windows' TCP/IP provider does not implement it: it fails exactly
                                as an unknown code does (no handler) */
#define KEEP_COUNT_ON_ERROR 0x20  /* a failure leaves the count alone (but SIZE_ON_ERROR still
                                     reports a size needed) */
#define TRANSPORT     0x40   /* Windows passes it on to the transport driver, which completes it
                                like any I/O: with an OVERLAPPED the count is left alone on
                                success, unless a completion routine is given */

struct ioctl_row
{
    DWORD code;
    const char *name;
    DWORD min_in;            /* shorter input: WSAEFAULT */
    DWORD min_out;           /* shorter output: WSAEFAULT */
    ioctl_handler handler;
    unsigned int flags;
};

static int do_fionbio(struct ioctl_call *call)
{
    ULONG value;
    if (!ws2kit_read_user(&value, call->in, sizeof(value))) return WSAEFAULT;
    return ws2kit_status_to_wsa(ws2kit_afd_call(call->s, IOCTL_AFD_WINE_FIONBIO, &value, sizeof(value),
                                                NULL, 0, NULL));
}

static int write_out(struct ioctl_call *call, const void *value, DWORD size)
{
    if (!ws2kit_write_user(call->out, value, size)) return WSAEFAULT;
    call->returned = size;
    return 0;
}

static int query_ulong(struct ioctl_call *call, ULONG request)
{
    ULONG value = 0;
    int err = ws2kit_status_to_wsa(ws2kit_afd_call(call->s, request, NULL, 0, &value, sizeof(value), NULL));
    return err ? err : write_out(call, &value, sizeof(value));
}

static int do_fionread(struct ioctl_call *call)
{
    struct ws2kit_sockstate_params state;
    ULONG unread;

    /* Wine's device answers FIONREAD for any handle with an fd, files too;
     * ws2kit.so asks the fd itself, which costs no server round trip. */
    if (!ws2kit_sockstate(call->s, &state)) return WSAENOTSOCK;
    /* Urgent bytes ws2kit keeps are not normal data (urgent.c). */
    if (!ws2kit_urgent_fionread(call->s, &unread)) return write_out(call, &unread, sizeof(unread));
    return query_ulong(call, IOCTL_AFD_WINE_FIONREAD);
}

static int do_siocatmark(struct ioctl_call *call)
{
    struct ws2kit_sockstate_params state;
    ULONG at_mark;
    int err;

    if (!ws2kit_sockstate(call->s, &state)) return WSAENOTSOCK;
    if (state.type != SOCK_STREAM) return query_ulong(call, IOCTL_AFD_WINE_SIOCATMARK);
    ws2kit_events_urgent_use(call->s);
    if ((err = ws2kit_urgent_at_mark(call->s, &at_mark))) return err;
    return write_out(call, &at_mark, sizeof(at_mark));
}

static int do_keepalive_vals(struct ioctl_call *call)
{
    struct tcp_keepalive vals;
    if (!ws2kit_read_user(&vals, call->in, sizeof(vals))) return WSAEFAULT;
    return ws2kit_keepalive_vals(call->s, &vals);
}

/* ws2kit is the base provider: there is no layered handle below a socket. */
static int do_base_handle(struct ioctl_call *call)
{
    SOCKET s = call->s;
    if (!ws2kit_is_socket(s)) return WSAENOTSOCK;
    return write_out(call, &s, sizeof(s));
}

/* The interface addresses of one Windows family (0: both), from ws2kit.so. */
static struct ws2kit_interface *list_interfaces(int family, uint32_t *count, int *err)
{
    struct ws2kit_interfaces_params params = { family, NULL, 0, 0 };

    for (;;)
    {
        if ((*err = ws2kit_unix_call(ws2kit_unix_interfaces, &params))) break;
        if (params.count <= params.max_entries)
        {
            *count = params.count;
            return params.entries;
        }
        free(params.entries);
        params.max_entries = params.count;
        if (!(params.entries = calloc(params.max_entries, sizeof(*params.entries))))
        {
            *err = WSAENOBUFS;
            return NULL;
        }
    }
    free(params.entries);
    return NULL;
}

static int socket_family(SOCKET s, int *family)
{
    struct ws2kit_sockstate_params state;
    if (!ws2kit_sockstate(s, &state)) return WSAENOTSOCK;
    *family = state.family == AF_INET6 ? AF_INET6 : AF_INET;
    return 0;
}

/* SOCKET_ADDRESS_LIST of the host's addresses in the socket's family,
 * without loopback.  A short buffer is WSAEFAULT with the size needed; one
 * too small even for the count is WSAEINVAL. */
static int do_address_list_query(struct ioctl_call *call)
{
    struct ws2kit_interface *list;
    SOCKET_ADDRESS_LIST *out;
    uint32_t count, i, n = 0;
    DWORD needed;
    BYTE *addr;
    int family, err;

    if (call->out_size && call->out_size < offsetof(SOCKET_ADDRESS_LIST, Address[0])) return WSAEINVAL;
    if ((err = socket_family(call->s, &family))) return err;
    if (!(list = list_interfaces(family, &count, &err))) return err;
    for (i = 0; i < count; i++)
        if (!(list[i].flags & WS2KIT_IFF_LOOPBACK)) list[n++] = list[i];

    needed = offsetof(SOCKET_ADDRESS_LIST, Address[n]);
    for (i = 0; i < n; i++) needed += list[i].addrlen;
    call->returned = needed;
    if (!call->out || call->out_size < needed || !(out = calloc(1, needed)))
    {
        free(list);
        return WSAEFAULT;
    }
    /* The sockaddrs follow the array; the pointers are the caller's. */
    out->iAddressCount = n;
    addr = (BYTE *)&out->Address[n];
    for (i = 0; i < n; i++)
    {
        memcpy(addr, list[i].addr, list[i].addrlen);
        out->Address[i].lpSockaddr = (struct sockaddr *)((BYTE *)call->out + (addr - (BYTE *)out));
        out->Address[i].iSockaddrLength = list[i].addrlen;
        addr += list[i].addrlen;
    }
    err = write_out(call, out, needed);
    free(out);
    free(list);
    return err;
}

/* INTERFACE_INFO for every IPv4 address, loopback included.  Wine's socket
 * device has a request of its own for this list (its Unix side walks the
 * host's IPv4 addresses), and it is the only way the completion
 * port's packet carries the list's size, as Windows' does: a request ws2kit
 * completes itself posts 0 bytes.  Both forms use it, so they agree. */
static int do_get_interface_list(struct ioctl_call *call)
{
    ULONG_PTR size = 0;
    NTSTATUS status;

    if (call->out_size && !ws2kit_probe_write_user(call->out, call->out_size)) return WSAEFAULT;
    status = ws2kit_afd_request_out(call->s, IOCTL_AFD_WINE_GET_INTERFACE_LIST, NULL, 0, call->out, call->out_size,
                                    call->overlapped, call->routine, &size);
    call->returned = size;
    return ws2kit_status_to_wsa(status);
}

/* Windows refuses to route to the unspecified address (WSAEINVAL, per
 * Wine's conformance tests); Linux would answer with a local address. */
static BOOL is_unspecified(const struct sockaddr *dest)
{
    static const struct in6_addr any6;
    if (dest->sa_family == AF_INET) return !((const struct sockaddr_in *)dest)->sin_addr.s_addr;
    if (dest->sa_family == AF_INET6)
        return !memcmp(&((const struct sockaddr_in6 *)dest)->sin6_addr, &any6, sizeof(any6));
    return FALSE;
}

/* The local address the host would use to reach the given one.  Windows
 * answers a missing or short destination with WSAEINVAL, and a short output
 * with WSAEFAULT and the size the address needs. */
static int do_routing_interface_query(struct ioctl_call *call)
{
    struct ws2kit_route_query_params params = { { 0 } };
    const struct sockaddr *dest = (const struct sockaddr *)params.dest;
    DWORD len = call->in_size < sizeof(params.dest) ? call->in_size : sizeof(params.dest);
    int err;

    if (!call->in || call->in_size < sizeof(struct sockaddr_in)) return WSAEINVAL;
    if (!ws2kit_read_user(params.dest, call->in, len)) return WSAEFAULT;
    if (dest->sa_family == AF_INET6 && len < sizeof(struct sockaddr_in6)) return WSAEINVAL;
    if (is_unspecified(dest)) return WSAEINVAL;
    if (!call->out) return WSAEFAULT;
    params.dest_len = len;
    if ((err = ws2kit_unix_call(ws2kit_unix_route_query, &params))) return err;
    if (call->out_size < (DWORD)params.local_len)
    {
        call->returned = params.local_len;
        return WSAEFAULT;
    }
    return write_out(call, params.local, params.local_len);
}

/* TCP_INFO_v0 or _v1 (the input says which) from Linux's tcp_info. */
static int do_tcp_info(struct ioctl_call *call)
{
    struct ws2kit_tcp_info_params params = { 0 };
    TCP_INFO_v1 info;
    DWORD version, size;
    int err;

    if (!ws2kit_read_user(&version, call->in, sizeof(version))) return WSAEFAULT;
    if (version > 1) return WSAEINVAL;
    size = version ? sizeof(TCP_INFO_v1) : sizeof(TCP_INFO_v0);
    if (call->out_size < size) return WSAEFAULT;
    params.handle = ws2kit_unix_handle(call->s);
    if ((err = ws2kit_unix_call(ws2kit_unix_tcp_info, &params))) return err;

    /* v0 is v1's first part. */
    memset(&info, 0, sizeof(info));
    info.State = params.info.state;
    info.Mss = params.info.mss;
    info.ConnectionTimeMs = ws2kit_peer_connected_ms(call->s);
    info.TimestampsEnabled = params.info.timestamps;
    info.RttUs = params.info.rtt_us;
    info.MinRttUs = params.info.min_rtt_us;
    info.BytesInFlight = params.info.bytes_in_flight;
    info.Cwnd = params.info.cwnd;
    info.SndWnd = params.info.snd_wnd;
    info.RcvWnd = params.info.rcv_wnd;
    info.RcvBuf = params.info.rcv_buf;
    info.BytesOut = params.info.bytes_out;
    info.BytesIn = params.info.bytes_in;
    info.BytesReordered = params.info.bytes_reordered;
    info.BytesRetrans = params.info.bytes_retrans;
    info.FastRetrans = params.info.fast_retrans;
    info.DupAcksIn = params.info.dup_acks_in;
    info.TimeoutEpisodes = params.info.timeout_episodes;
    info.SynRetrans = params.info.syn_retrans;
    info.SndLimTimeRwin = params.info.snd_lim_time_rwin;
    info.SndLimTimeCwnd = params.info.snd_lim_time_cwnd;
    info.SndLimTimeSnd = params.info.snd_lim_time_snd;
    return write_out(call, &info, size);
}

/* Windows starts every connection's ideal send backlog at 64 KiB (its
 * conformance tests read that on loopback) and raises it from its own
 * bandwidth estimate, which Linux does not expose; Linux's send buffer, far
 * larger, would make a program queue megabytes it does not need to. */
static int do_ideal_send_backlog(struct ioctl_call *call)
{
    static const ULONG initial_backlog = 0x10000;
    struct ws2kit_sockstate_params state;

    if (!ws2kit_sockstate(call->s, &state)) return WSAENOTSOCK;
    if (state.type != SOCK_STREAM) return WSAEOPNOTSUPP;
    if (!state.connected) return WSAENOTCONN;
    return write_out(call, &initial_backlog, sizeof(initial_backlog));
}

/* SIO_MULTIPOINT_LOOPBACK and SIO_MULTICAST_SCOPE are IP_MULTICAST_LOOP and
 * IP_MULTICAST_TTL (IPV6_MULTICAST_LOOP/_HOPS) by another name: set through
 * the same option rows. */
static int set_multicast(struct ioctl_call *call, int ipv4_name, int ipv6_name)
{
    int family, value, err;

    if (!ws2kit_read_user(&value, call->in, sizeof(value))) return WSAEFAULT;
    if ((err = socket_family(call->s, &family))) return err;
    if (family == AF_INET6) return ws2kit_set_option(call->s, IPPROTO_IPV6, ipv6_name, value);
    return ws2kit_set_option(call->s, IPPROTO_IP, ipv4_name, value);
}

static int do_multipoint_loopback(struct ioctl_call *call) { return set_multicast(call, IP_MULTICAST_LOOP, IPV6_MULTICAST_LOOP); }
static int do_multicast_scope(struct ioctl_call *call)     { return set_multicast(call, IP_MULTICAST_TTL, IPV6_MULTICAST_HOPS); }

/* Linux reports ICMP errors only on connected UDP sockets, which is what
 * Windows does with SIO_UDP_CONNRESET/NETRESET off; on it is accepted and
 * says so in a trace line. */
static int do_udp_reset(struct ioctl_call *call)
{
    BOOL value;

    if (!ws2kit_read_user(&value, call->in, sizeof(value))) return WSAEFAULT;
    if (!ws2kit_is_socket(call->s)) return WSAENOTSOCK;
    if (value) FIXME("ICMP resets on unconnected UDP sockets are not reported\n");
    return 0;
}

/* Linux's loopback already skips the network layer, so the fast path is
 * accepted and changes nothing.  Windows takes it on TCP sockets only (UDP is
 * not its transport's: WSAEOPNOTSUPP) and only before the connection exists
 * (it has to be set before connect or on the listener; a connected socket's
 * request is "not applicable": WSAEINVAL, per the SIO_LOOPBACK_FAST_PATH page). */
static int do_loopback_fast_path(struct ioctl_call *call)
{
    struct ws2kit_sockstate_params state;
    BOOL value;

    if (!ws2kit_read_user(&value, call->in, sizeof(value))) return WSAEFAULT;
    if (!ws2kit_sockstate(call->s, &state)) return WSAENOTSOCK;
    if (state.type != SOCK_STREAM) return WSAEOPNOTSUPP;
    if (state.connected) return WSAEINVAL;
    return 0;
}

/* Windows accepts it without arguments (Wine's conformance tests); Linux
 * drops the newest datagram of a full queue, and that stays so. */
static int do_circular_queueing(struct ioctl_call *call)
{
    if (!ws2kit_is_socket(call->s)) return WSAENOTSOCK;
    FIXME("datagrams are not dropped oldest first\n");
    return 0;
}

/* Per Microsoft's SIO_SET_COMPATIBILITY_MODE page: a short input is
 * WSAEINVAL (not WSAEFAULT), a datagram socket WSAEOPNOTSUPP, and the
 * behaviours are the three of WSA_COMPATIBILITY_BEHAVIOR_ID.  Both only tune
 * the receive window, which Linux sizes by itself. */
static int do_set_compatibility_mode(struct ioctl_call *call)
{
    struct ws2kit_sockstate_params state;
    WSA_COMPATIBILITY_MODE mode;

    if (call->in_size < sizeof(mode)) return WSAEINVAL;
    if (!ws2kit_read_user(&mode, call->in, sizeof(mode))) return WSAEFAULT;
    if (!ws2kit_sockstate(call->s, &state)) return WSAENOTSOCK;
    if (state.type != SOCK_STREAM) return WSAEOPNOTSUPP;
    if ((ULONG)mode.BehaviorId > WsaBehaviorAutoTuning) return WSAEINVAL;
    TRACE("behaviour %d for version %#lx: Linux tunes the window itself\n", mode.BehaviorId, mode.TargetOsVersion);
    return 0;
}

/* Per Microsoft's SIO_RCVALL page: only raw sockets, with an RCVALL_VALUE;
 * anything else is WSAEINVAL.  Capturing the interface's traffic would need
 * a packet socket and CAP_NET_RAW, so only RCVALL_OFF, the state a socket is
 * in already, succeeds. */
static int do_rcvall(struct ioctl_call *call)
{
    struct ws2kit_sockstate_params state;
    DWORD value;

    if (call->in_size < sizeof(value)) return WSAEINVAL;
    if (!ws2kit_read_user(&value, call->in, sizeof(value))) return WSAEFAULT;
    if (!ws2kit_sockstate(call->s, &state)) return WSAENOTSOCK;
    if (state.type != SOCK_RAW || value > RCVALL_IPLEVEL) return WSAEINVAL;
    if (value == RCVALL_OFF) return 0;
    FIXME("capturing an interface's packets is not supported\n");
    return WSAEOPNOTSUPP;
}

/* Pends until the host's addresses change, on Wine's own notification.  A
 * non-blocking socket without an OVERLAPPED gets WSAEWOULDBLOCK from the
 * device (Windows does the same); a blocking one waits, as on Windows. */
static int wait_address_change(struct ioctl_call *call)
{
    int force_async = call->overlapped != NULL;
    NTSTATUS status = ws2kit_afd_request_out(call->s, IOCTL_AFD_WINE_ADDRESS_LIST_CHANGE, &force_async,
                                             sizeof(force_async), NULL, 0, call->overlapped, call->routine, NULL);
    return ws2kit_status_to_wsa(status);
}

static int do_address_list_change(struct ioctl_call *call) { return wait_address_change(call); }

/* The interface that reaches an address can only change when the host's
 * addresses or links do, and Wine's address notification fires on both: an
 * application re-queries with SIO_ROUTING_INTERFACE_QUERY and at worst finds
 * the same interface, which Windows' contract allows. */
static int do_routing_interface_change(struct ioctl_call *call)
{
    if (!ws2kit_is_socket(call->s)) return WSAENOTSOCK;
    return wait_address_change(call);
}

/* Windows pends it until the connection's ideal send backlog moves.  Linux
 * has no such event, so after Windows' own checks it pends on Wine's address
 * notification: it completes when the host's addresses change (the path, and
 * so the ideal backlog, may have changed then) or when it is cancelled, and
 * the program re-queries with SIO_IDEAL_SEND_BACKLOG_QUERY either way. */
static int do_ideal_send_backlog_change(struct ioctl_call *call)
{
    struct ws2kit_sockstate_params state;

    if (!ws2kit_sockstate(call->s, &state)) return WSAENOTSOCK;
    if (state.type != SOCK_STREAM) return WSAEOPNOTSUPP;
    if (!state.connected) return WSAENOTCONN;
    return wait_address_change(call);
}

/* The extension function a GUID names; an unknown GUID is WSAEINVAL. */
static int do_get_extension_function(struct ioctl_call *call)
{
    GUID guid;
    void *function;

    if (!ws2kit_read_user(&guid, call->in, sizeof(guid))) return WSAEFAULT;
    if (!(function = ws2kit_extension_function(&guid))) return WSAEINVAL;
    return write_out(call, &function, sizeof(function));
}

static const struct ioctl_row ioctl_table[] =
{
    { FIONBIO,                      "FIONBIO", sizeof(ULONG), 0, do_fionbio, PENDS_FIRST },
    { FIONREAD,                     "FIONREAD", 0, sizeof(ULONG), do_fionread, PENDS_FIRST | KEEP_COUNT_ON_ERROR },
    { SIOCATMARK,                   "SIOCATMARK", 0, sizeof(ULONG), do_siocatmark, PENDS_FIRST | KEEP_COUNT_ON_ERROR },
    { SIO_KEEPALIVE_VALS,           "SIO_KEEPALIVE_VALS", sizeof(struct tcp_keepalive), 0,
      do_keepalive_vals, PENDS_FIRST | TRANSPORT },
    { SIO_GET_EXTENSION_FUNCTION_POINTER, "SIO_GET_EXTENSION_FUNCTION_POINTER", sizeof(GUID), sizeof(void *),
      do_get_extension_function, 0 },
    { SIO_BASE_HANDLE,              "SIO_BASE_HANDLE", 0, sizeof(SOCKET), do_base_handle, SYNC_ONLY },
    { SIO_BSP_HANDLE,               "SIO_BSP_HANDLE", 0, sizeof(SOCKET), do_base_handle, SYNC_ONLY },
    { SIO_BSP_HANDLE_SELECT,        "SIO_BSP_HANDLE_SELECT", 0, sizeof(SOCKET), do_base_handle, SYNC_ONLY },
    { SIO_BSP_HANDLE_POLL,          "SIO_BSP_HANDLE_POLL", 0, sizeof(SOCKET), do_base_handle, SYNC_ONLY },
    { SIO_ADDRESS_LIST_QUERY,       "SIO_ADDRESS_LIST_QUERY", 0, 0, do_address_list_query, SIZE_ON_ERROR },
    { SIO_GET_INTERFACE_LIST,       "SIO_GET_INTERFACE_LIST", 0, 0, do_get_interface_list, PENDS_FIRST | ASYNC },
    { SIO_ROUTING_INTERFACE_QUERY,  "SIO_ROUTING_INTERFACE_QUERY", 0, 0, do_routing_interface_query,
      SIZE_ON_ERROR | KEEP_COUNT_ON_ERROR },
    /* SIO_KEEPALIVE_VALS' completion is recorded; the other transport
     * requests are taken to complete the same way. */
    { SIO_TCP_INFO,                 "SIO_TCP_INFO", sizeof(DWORD), sizeof(TCP_INFO_v0),
      do_tcp_info, PENDS_FIRST | TRANSPORT },
    { SIO_IDEAL_SEND_BACKLOG_QUERY, "SIO_IDEAL_SEND_BACKLOG_QUERY", 0, sizeof(ULONG),
      do_ideal_send_backlog, PENDS_FIRST | TRANSPORT },
    { SIO_MULTIPOINT_LOOPBACK,      "SIO_MULTIPOINT_LOOPBACK", sizeof(int), 0,
      do_multipoint_loopback, PENDS_FIRST | TRANSPORT },
    { SIO_MULTICAST_SCOPE,          "SIO_MULTICAST_SCOPE", sizeof(int), 0, do_multicast_scope, PENDS_FIRST | TRANSPORT },
    { SIO_UDP_CONNRESET,            "SIO_UDP_CONNRESET", sizeof(BOOL), 0, do_udp_reset, PENDS_FIRST | TRANSPORT },
    { SIO_UDP_NETRESET,             "SIO_UDP_NETRESET", sizeof(BOOL), 0, do_udp_reset, PENDS_FIRST | TRANSPORT },
    { SIO_LOOPBACK_FAST_PATH,       "SIO_LOOPBACK_FAST_PATH", sizeof(BOOL), 0,
      do_loopback_fast_path, PENDS_FIRST | TRANSPORT },
    { SIO_ENABLE_CIRCULAR_QUEUEING, "SIO_ENABLE_CIRCULAR_QUEUEING", 0, 0, do_circular_queueing, PENDS_FIRST | TRANSPORT },
    { SIO_SET_COMPATIBILITY_MODE,   "SIO_SET_COMPATIBILITY_MODE", 0, 0, do_set_compatibility_mode, PENDS_FIRST | TRANSPORT },
    { SIO_RCVALL,                   "SIO_RCVALL", 0, 0, do_rcvall, PENDS_FIRST | TRANSPORT },
    /* Quality of service: the TCP/IP provider's WSAPROTOCOL_INFO has no
     * XP1_QOS_SUPPORTED.  Companion handles (TH_NETDEV, TH_TAPI): none.
     * SIO_FLUSH: a TCP/IP socket has no urgent data queue to drop. */
    { SIO_GET_QOS,                  "SIO_GET_QOS", 0, 0, NULL, NOT_PROVIDED },
    { SIO_SET_QOS,                  "SIO_SET_QOS", 0, 0, NULL, NOT_PROVIDED },
    { SIO_GET_GROUP_QOS,            "SIO_GET_GROUP_QOS", 0, 0, NULL, NOT_PROVIDED },
    { SIO_SET_GROUP_QOS,            "SIO_SET_GROUP_QOS", 0, 0, NULL, NOT_PROVIDED },
    { SIO_TRANSLATE_HANDLE,         "SIO_TRANSLATE_HANDLE", 0, 0, NULL, NOT_PROVIDED },
    { SIO_FLUSH,                    "SIO_FLUSH", 0, 0, NULL, NOT_PROVIDED },
    { SIO_ADDRESS_LIST_CHANGE,      "SIO_ADDRESS_LIST_CHANGE", 0, 0, do_address_list_change, PENDS_FIRST | ASYNC },
    { SIO_ROUTING_INTERFACE_CHANGE, "SIO_ROUTING_INTERFACE_CHANGE", sizeof(struct sockaddr_in), 0,
      do_routing_interface_change, PENDS_FIRST | ASYNC },
    { SIO_IDEAL_SEND_BACKLOG_CHANGE, "SIO_IDEAL_SEND_BACKLOG_CHANGE", 0, 0, do_ideal_send_backlog_change,
      PENDS_FIRST | ASYNC },
};

static const struct ioctl_row *find_ioctl(DWORD code)
{
    size_t i;
    for (i = 0; i < sizeof(ioctl_table) / sizeof(ioctl_table[0]); i++)
        if (ioctl_table[i].code == code) return &ioctl_table[i];
    return NULL;
}

/* Whether a failure writes lpcbBytesReturned, and what. */
static BOOL count_after_failure(const struct ioctl_row *row, int err, DWORD needed, BOOL overlapped,
                                DWORD *count)
{
    unsigned int flags = row ? row->flags : 0;

    *count = 0;
    if ((flags & SIZE_ON_ERROR) && err == WSAEFAULT && needed)
    {
        *count = needed;
        return TRUE;
    }
    if (flags & KEEP_COUNT_ON_ERROR) return FALSE;
    return (flags & SIZE_ON_ERROR) || !overlapped;
}

/* Whether an immediate success writes lpcbBytesReturned. */
static BOOL count_after_success(const struct ioctl_row *row, OVERLAPPED *overlapped,
                                LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    if (!overlapped) return TRUE;
    if (row->flags & (ASYNC | SYNC_ONLY)) return FALSE;
    /* Windows' transport driver leaves it alone unless a routine is given. */
    return !(row->flags & TRANSPORT) || routine;
}

static int write_count(SOCKET s, DWORD *bytes_returned, DWORD count)
{
    if (ws2kit_write_user(bytes_returned, &count, sizeof(count))) return 0;
    return ws2kit_socket_fail(s, WSAEFAULT);
}

/* The one way every row finishes.  Windows fails bad arguments at once (an
 * OVERLAPPED keeps the STATUS_PENDING stored on entry and no completion is
 * queued); a code it does not know pends and fails through the completion. */
static int complete(SOCKET s, const struct ioctl_row *row, int err, DWORD returned, DWORD *bytes_returned,
                    OVERLAPPED *overlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    DWORD count;
    NTSTATUS status;

    if (overlapped && (!row || (row->flags & SYNC_ONLY)))
    {
        /* Only a socket's device can complete it: a pipe of Wine 10.0 takes
         * the request and never ends it (the routine would never run). */
        if (row && !ws2kit_is_socket(s)) return ws2kit_fail(WSAENOTSOCK);
        status = ws2kit_complete_request_later(s, STATUS_NOT_SUPPORTED, 0, overlapped, routine);
        return ws2kit_socket_fail_status(s, status);   /* STATUS_PENDING: WSA_IO_PENDING */
    }
    if (err)
    {
        if (count_after_failure(row, err, returned, overlapped != NULL, &count) &&
            write_count(s, bytes_returned, count))
            return SOCKET_ERROR;
        return ws2kit_socket_fail(s, err);
    }
    if (count_after_success(row, overlapped, routine) && write_count(s, bytes_returned, returned))
        return SOCKET_ERROR;
    if (overlapped && !(row->flags & ASYNC))
    {
        /* Answered at once: the completion carries 0 bytes, as on Windows. */
        status = ws2kit_complete_request(s, 0, overlapped, routine);
        if (status) return ws2kit_socket_fail_status(s, status);   /* STATUS_PENDING too */
    }
    /* An ASYNC row's device request took the caller's OVERLAPPED and has completed it already. */
    return ws2kit_succeed();
}

int WINAPI WSAIoctl(SOCKET s, DWORD code, void *in, DWORD in_size, void *out, DWORD out_size,
                    DWORD *bytes_returned, OVERLAPPED *overlapped,
                    LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    struct ioctl_call call = { s, in, in_size, out, out_size, 0, overlapped, routine };
    const struct ioctl_row *row = find_ioctl(code);
    DWORD unused;
    int err;

    CHECK_STARTED(SOCKET_ERROR);
    TRACE("%#Ix code %#lx in %p/%lu out %p/%lu overlapped %p routine %p\n", s, code, in, in_size,
          out, out_size, overlapped, routine);
    if (row && (row->flags & NOT_PROVIDED))
    {
        TRACE("%s: not implemented by Windows' TCP/IP provider either\n", row->name);
        row = NULL;
    }
    /* Windows checks that the count can be written, whether or not it will be. */
    if (!bytes_returned || !ws2kit_read_user(&unused, bytes_returned, sizeof(unused)) ||
        !ws2kit_write_user(bytes_returned, &unused, sizeof(unused)))
        return ws2kit_socket_fail(s, WSAEFAULT);
    if (overlapped)
    {
        OVERLAPPED copy;
        if (!ws2kit_read_user(&copy, overlapped, sizeof(copy)) || !ws2kit_write_user(overlapped, &copy, sizeof(copy)))
            return ws2kit_socket_fail(s, WSAEFAULT);
    }
    if (overlapped && (!row || (row->flags & PENDS_FIRST)))
    {
        ULONG_PTR pending = STATUS_PENDING;
        /* A handle that is no socket never reaches a provider's driver, so
         * its OVERLAPPED is left alone.  (It must be told here: from Wine
         * 10.6 on, the device's COMPLETE_ASYNC on a pipe fails at once and
         * would leave the status block pending for ever.) */
        if (!ws2kit_is_socket(s)) return ws2kit_fail(WSAENOTSOCK);
        /* Windows' driver marks the request pending before it looks at the arguments. */
        if (!ws2kit_write_user(&overlapped->Internal, &pending, sizeof(pending)))
            return ws2kit_socket_fail(s, WSAEFAULT);
    }
    if (!row)
    {
        if (!find_ioctl(code)) FIXME("unsupported control code %#lx\n", code);
        err = WSAEOPNOTSUPP;
    }
    else if (overlapped && (row->flags & SYNC_ONLY)) err = WSAEOPNOTSUPP;
    else if (in_size < row->min_in || (row->min_in && !in)) err = WSAEFAULT;
    else if (out_size < row->min_out || (row->min_out && !out)) err = WSAEFAULT;
    else
    {
        TRACE("%s\n", row->name);
        err = row->handler(&call);
    }
    return complete(s, row, err, call.returned, bytes_returned, overlapped, routine);
}

int WINAPI ioctlsocket(SOCKET s, LONG cmd, u_long *argp)
{
    DWORD returned;

    CHECK_STARTED(SOCKET_ERROR);
    if (!argp) return ws2kit_fail(WSAEFAULT);
    return WSAIoctl(s, cmd, argp, sizeof(*argp), argp, sizeof(*argp), &returned, NULL, NULL);
}
