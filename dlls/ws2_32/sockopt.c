/* getsockopt/setsockopt, driven by one table: one row per (level, option).
 *
 * A row says how Windows sizes the value, which sockets it is valid for and
 * where the value lives: in the Linux socket (set through ws2kit.so, no
 * wineserver round trip for a connected socket), in the wineserver's socket
 * object (a socket-device request), in the keep-alive policy, or in ws2kit. */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

#include "ws2kit/optvalue.h"

enum value_home
{
    HOME_KERNEL,        /* the Linux socket's own option: ws2kit.so's option table knows which */
    HOME_DEVICE,        /* the wineserver's socket object, through its get/set requests */
    HOME_KEEPALIVE,     /* SO_KEEPALIVE: the registry policy (keepalive.c) */
    HOME_THREAD,        /* SO_OPENTYPE: per-thread state, valid without a socket */
    HOME_SOCKET_NOTES,  /* ws2kit's per-socket notes (socket_notes.c): Windows keeps it, Linux has no use for it */
    HOME_CUSTOM,        /* the row's own get/set functions */
};

struct sockopt_row;
typedef int (*custom_get)(SOCKET s, const struct sockopt_row *row, DWORD *value);
typedef int (*custom_set)(SOCKET s, const struct sockopt_row *row, DWORD value);
typedef int (*struct_get)(SOCKET s, const struct sockopt_row *row, char *optval, int *optlen, int len);

struct sockopt_row
{
    int level, name;
    const char *label;
    enum value_kind kind;
    enum value_home home;
    uint32_t checks;          /* WS2KIT_CHECK_*, made by ws2kit.so; a HOME_KERNEL row's are its table's */
    ULONG get_request, set_request; /* HOME_DEVICE */
    unsigned int max_value;   /* DWORD values above this get WSAEINVAL (0: no limit) */
    enum ws2kit_note_option note; /* HOME_SOCKET_NOTES */
    custom_get get;           /* HOME_CUSTOM */
    custom_set set;
    struct_get get_struct;    /* GET_STRUCT */
    unsigned int struct_len;  /* RAW_SET: the shortest structure accepted */
    enum ws2kit_cached_option cached; /* remembered in the socket's notes (HOME_DEVICE, HOME_KERNEL) */
};

static int dontlinger_get(SOCKET s, const struct sockopt_row *row, DWORD *value);
static int dontlinger_set(SOCKET s, const struct sockopt_row *row, DWORD value);
static int connect_time_get(SOCKET s, const struct sockopt_row *row, DWORD *value);
static int max_msg_size_get(SOCKET s, const struct sockopt_row *row, DWORD *value);
static int error_get(SOCKET s, const struct sockopt_row *row, DWORD *value);
static int error_set(SOCKET s, const struct sockopt_row *row, DWORD value);
static int no_get(SOCKET s, const struct sockopt_row *row, DWORD *value);
static int v6only_get(SOCKET s, const struct sockopt_row *row, DWORD *value);
static int v6only_set(SOCKET s, const struct sockopt_row *row, DWORD value);
static int lowat_get(SOCKET s, const struct sockopt_row *row, DWORD *value);
static int lowat_set(SOCKET s, const struct sockopt_row *row, DWORD value);
static int update_context_set(SOCKET s, const struct sockopt_row *row, DWORD value);
static int protocol_info_get(SOCKET s, const struct sockopt_row *row, char *optval, int *optlen, int len);
static int bsp_state_get(SOCKET s, const struct sockopt_row *row, char *optval, int *optlen, int len);
static int fail_on_icmp_set(SOCKET s, const struct sockopt_row *row, DWORD value);
static int icmp_error_get(SOCKET s, const struct sockopt_row *row, char *optval, int *optlen, int len);
static int reuseaddr_get(SOCKET s, const struct sockopt_row *row, DWORD *value);
static int reuseaddr_set(SOCKET s, const struct sockopt_row *row, DWORD value);
static int kernel_get(SOCKET s, const struct sockopt_row *row, DWORD *value);
static int oobinline_set(SOCKET s, const struct sockopt_row *row, DWORD value);

/* One row per option, its fields named.  KEY gives the option and its name
 * for traces.  Fields a row leaves out are 0: no checks, no limit, no cache.
 * A HOME_KERNEL row says nothing of Linux: which Linux option holds the
 * value, the socket types it is valid for and the conversion of its value
 * are ws2kit.so's to know (unix/sockopt.c's option table).  A HOME_DEVICE
 * row with a cache is one whose value only ws2kit's own requests change in
 * the wineserver, so the last one read or set is the socket's until ws2kit
 * sees it again. */
#define KEY(lvl, opt) .level = lvl, .name = opt, .label = #opt

static const struct sockopt_row sockopt_table[] =
{
    { KEY(SOL_SOCKET, SO_ACCEPTCONN), .kind = GET_DWORD, .home = HOME_KERNEL },
    { KEY(SOL_SOCKET, SO_BROADCAST), .kind = SHORT_BOOL, .home = HOME_KERNEL },
    { KEY(SOL_SOCKET, SO_BSP_STATE), .kind = GET_STRUCT, .home = HOME_CUSTOM, .get_struct = bsp_state_get },
    { KEY(SOL_SOCKET, SO_CONDITIONAL_ACCEPT), .kind = DWORD_VALUE, .home = HOME_SOCKET_NOTES, .checks = WS2KIT_CHECK_STREAM,
      .note = NOTE_CONDITIONAL_ACCEPT },
    { KEY(SOL_SOCKET, SO_CONNECT_TIME), .kind = GET_DWORD, .home = HOME_CUSTOM, .get = connect_time_get },
    { KEY(SOL_SOCKET, SO_DEBUG), .kind = DWORD_VALUE, .home = HOME_SOCKET_NOTES, .note = NOTE_DEBUG },
    /* Microsoft's providers ignore SO_DONTROUTE; Linux would stop routing. */
    { KEY(SOL_SOCKET, SO_DONTROUTE), .kind = BYTE_BOOL, .home = HOME_SOCKET_NOTES, .note = NOTE_DONTROUTE },
    /* SO_DONTLINGER is a view of SO_LINGER's on/off half. */
    { KEY(SOL_SOCKET, SO_DONTLINGER), .kind = SHORT_BOOL, .home = HOME_CUSTOM, .checks = WS2KIT_CHECK_STREAM,
      .get = dontlinger_get, .set = dontlinger_set },
    /* Settable: the value set is read back once, then the socket's own. */
    { KEY(SOL_SOCKET, SO_ERROR), .kind = DWORD_VALUE, .home = HOME_CUSTOM, .get = error_get, .set = error_set },
    { KEY(SOL_SOCKET, SO_EXCLUSIVEADDRUSE), .kind = SHORT_BOOL, .home = HOME_DEVICE,
      .get_request = IOCTL_AFD_WINE_GET_SO_EXCLUSIVEADDRUSE, .set_request = IOCTL_AFD_WINE_SET_SO_EXCLUSIVEADDRUSE },
    { KEY(SOL_SOCKET, SO_GROUP_ID), .kind = GET_DWORD, .home = HOME_SOCKET_NOTES, .note = NOTE_GROUP_ID },
    { KEY(SOL_SOCKET, SO_GROUP_PRIORITY), .kind = DWORD_VALUE, .home = HOME_SOCKET_NOTES, .note = NOTE_GROUP_PRIORITY },
    /* Set through the registry policy; read straight from the Linux socket. */
    { KEY(SOL_SOCKET, SO_KEEPALIVE), .kind = BYTE_BOOL, .home = HOME_KEEPALIVE },
    /* struct linger: two u_shorts, 4 bytes, passed through as they are. */
    { KEY(SOL_SOCKET, SO_LINGER), .kind = DWORD_VALUE, .home = HOME_DEVICE, .checks = WS2KIT_CHECK_STREAM,
      .get_request = IOCTL_AFD_WINE_GET_SO_LINGER, .set_request = IOCTL_AFD_WINE_SET_SO_LINGER },
    { KEY(SOL_SOCKET, SO_MAX_MSG_SIZE), .kind = GET_DWORD, .home = HOME_CUSTOM, .get = max_msg_size_get },
    { KEY(SOL_SOCKET, SO_OOBINLINE), .kind = SHORT_BOOL, .home = HOME_CUSTOM, .get = kernel_get,
      .set = oobinline_set },
    { KEY(SOL_SOCKET, SO_OPENTYPE), .kind = DWORD_VALUE, .home = HOME_THREAD },
    { KEY(SOL_SOCKET, SO_PROTOCOL_INFOA), .kind = GET_STRUCT, .home = HOME_CUSTOM, .get_struct = protocol_info_get },
    { KEY(SOL_SOCKET, SO_PROTOCOL_INFOW), .kind = GET_STRUCT, .home = HOME_CUSTOM, .get_struct = protocol_info_get },
    { KEY(SOL_SOCKET, SO_PAUSE_ACCEPT), .kind = DWORD_VALUE, .home = HOME_SOCKET_NOTES, .checks = WS2KIT_CHECK_STREAM,
      .note = NOTE_PAUSE_ACCEPT },
    { KEY(SOL_SOCKET, SO_PORT_SCALABILITY), .kind = DWORD_VALUE, .home = HOME_SOCKET_NOTES, .note = NOTE_PORT_SCALABILITY },
    /* Linux picks ephemeral ports at random anyway. */
    { KEY(SOL_SOCKET, SO_RANDOMIZE_PORT), .kind = DWORD_VALUE, .home = HOME_SOCKET_NOTES, .note = NOTE_RANDOMIZE_PORT },
    /* Not supported by Windows' TCP/IP provider (see lowat_get). */
    { KEY(SOL_SOCKET, SO_RCVLOWAT), .kind = DWORD_VALUE, .home = HOME_CUSTOM, .get = lowat_get, .set = lowat_set },
    { KEY(SOL_SOCKET, SO_RCVBUF), .kind = DWORD_VALUE, .home = HOME_DEVICE,
      .get_request = IOCTL_AFD_WINE_GET_SO_RCVBUF, .set_request = IOCTL_AFD_WINE_SET_SO_RCVBUF,
      .cached = CACHED_RCVBUF },
    { KEY(SOL_SOCKET, SO_RCVTIMEO), .kind = DWORD_VALUE, .home = HOME_DEVICE,
      .get_request = IOCTL_AFD_WINE_GET_SO_RCVTIMEO, .set_request = IOCTL_AFD_WINE_SET_SO_RCVTIMEO,
      .cached = CACHED_RCVTIMEO },
    { KEY(SOL_SOCKET, SO_REUSE_MULTICASTPORT), .kind = DWORD_VALUE, .home = HOME_SOCKET_NOTES,
      .note = NOTE_REUSE_MULTICASTPORT },
    { KEY(SOL_SOCKET, SO_REUSE_UNICASTPORT), .kind = DWORD_VALUE, .home = HOME_SOCKET_NOTES,
      .note = NOTE_REUSE_UNICASTPORT },
    /* The wineserver's flag, and a shared port on a stream socket (see reuseaddr_set). */
    { KEY(SOL_SOCKET, SO_REUSEADDR), .kind = SHORT_BOOL, .home = HOME_CUSTOM,
      .get_request = IOCTL_AFD_WINE_GET_SO_REUSEADDR, .set_request = IOCTL_AFD_WINE_SET_SO_REUSEADDR,
      .get = reuseaddr_get, .set = reuseaddr_set },
    { KEY(SOL_SOCKET, SO_SNDBUF), .kind = DWORD_VALUE, .home = HOME_DEVICE,
      .get_request = IOCTL_AFD_WINE_GET_SO_SNDBUF, .set_request = IOCTL_AFD_WINE_SET_SO_SNDBUF,
      .cached = CACHED_SNDBUF },
    { KEY(SOL_SOCKET, SO_SNDTIMEO), .kind = DWORD_VALUE, .home = HOME_DEVICE,
      .get_request = IOCTL_AFD_WINE_GET_SO_SNDTIMEO, .set_request = IOCTL_AFD_WINE_SET_SO_SNDTIMEO,
      .cached = CACHED_SNDTIMEO },
    { KEY(SOL_SOCKET, SO_SNDLOWAT), .kind = DWORD_VALUE, .home = HOME_CUSTOM, .get = lowat_get, .set = lowat_set },
    { KEY(SOL_SOCKET, SO_TYPE), .kind = GET_DWORD, .home = HOME_KERNEL },
    /* AcceptEx and ConnectEx sockets take these; Wine's sockets need nothing
     * of the value, and programs pass NULL, 0 (see NO_VALUE). */
    { KEY(SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT), .kind = NO_VALUE, .home = HOME_CUSTOM, .get = no_get,
      .set = update_context_set },
    { KEY(SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT), .kind = NO_VALUE, .home = HOME_CUSTOM, .get = no_get,
      .set = update_context_set },
    /* IPPROTO_IP: the ones Linux keeps as plain integers go to the kernel;
     * the rest go to the requests Wine's builtin uses, so they behave as
     * they always have under Wine, sizes and errors made Windows'. */
    { KEY(IPPROTO_IP, IP_ADD_MEMBERSHIP), .kind = RAW_SET, .home = HOME_DEVICE,
      .set_request = IOCTL_AFD_WINE_SET_IP_ADD_MEMBERSHIP, .struct_len = sizeof(struct ip_mreq) },
    { KEY(IPPROTO_IP, IP_ADD_SOURCE_MEMBERSHIP), .kind = RAW_SET, .home = HOME_DEVICE,
      .set_request = IOCTL_AFD_WINE_SET_IP_ADD_SOURCE_MEMBERSHIP, .struct_len = sizeof(struct ip_mreq_source) },
    { KEY(IPPROTO_IP, IP_BLOCK_SOURCE), .kind = RAW_SET, .home = HOME_DEVICE,
      .set_request = IOCTL_AFD_WINE_SET_IP_BLOCK_SOURCE, .struct_len = sizeof(struct ip_mreq_source) },
    { KEY(IPPROTO_IP, IP_DONTFRAGMENT), .kind = SHORT_BOOL, .home = HOME_DEVICE,
      .get_request = IOCTL_AFD_WINE_GET_IP_DONTFRAGMENT, .set_request = IOCTL_AFD_WINE_SET_IP_DONTFRAGMENT },
    { KEY(IPPROTO_IP, IP_DROP_MEMBERSHIP), .kind = RAW_SET, .home = HOME_DEVICE,
      .set_request = IOCTL_AFD_WINE_SET_IP_DROP_MEMBERSHIP, .struct_len = sizeof(struct ip_mreq) },
    { KEY(IPPROTO_IP, IP_DROP_SOURCE_MEMBERSHIP), .kind = RAW_SET, .home = HOME_DEVICE,
      .set_request = IOCTL_AFD_WINE_SET_IP_DROP_SOURCE_MEMBERSHIP, .struct_len = sizeof(struct ip_mreq_source) },
    { KEY(IPPROTO_IP, IP_HDRINCL), .kind = IP_FLAG, .home = HOME_DEVICE,
      .get_request = IOCTL_AFD_WINE_GET_IP_HDRINCL, .set_request = IOCTL_AFD_WINE_SET_IP_HDRINCL },
    { KEY(IPPROTO_IP, IP_MULTICAST_IF), .kind = DWORD_VALUE, .home = HOME_DEVICE,
      .get_request = IOCTL_AFD_WINE_GET_IP_MULTICAST_IF, .set_request = IOCTL_AFD_WINE_SET_IP_MULTICAST_IF },
    { KEY(IPPROTO_IP, IP_MULTICAST_LOOP), .kind = SHORT_BOOL, .home = HOME_KERNEL },
    { KEY(IPPROTO_IP, IP_MULTICAST_TTL), .kind = SHORT_INT, .home = HOME_KERNEL, .max_value = 255 },
    { KEY(IPPROTO_IP, IP_OPTIONS), .kind = RAW, .home = HOME_DEVICE, .get_request = IOCTL_AFD_WINE_GET_IP_OPTIONS,
      .set_request = IOCTL_AFD_WINE_SET_IP_OPTIONS },
    { KEY(IPPROTO_IP, IP_PKTINFO), .kind = IP_FLAG, .home = HOME_DEVICE,
      .get_request = IOCTL_AFD_WINE_GET_IP_PKTINFO, .set_request = IOCTL_AFD_WINE_SET_IP_PKTINFO },
    { KEY(IPPROTO_IP, IP_RECVTOS), .kind = IP_FLAG, .home = HOME_DEVICE,
      .get_request = IOCTL_AFD_WINE_GET_IP_RECVTOS, .set_request = IOCTL_AFD_WINE_SET_IP_RECVTOS },
    { KEY(IPPROTO_IP, IP_RECVTTL), .kind = IP_FLAG, .home = HOME_DEVICE,
      .get_request = IOCTL_AFD_WINE_GET_IP_RECVTTL, .set_request = IOCTL_AFD_WINE_SET_IP_RECVTTL },
    { KEY(IPPROTO_IP, IP_TOS), .kind = SHORT_INT, .home = HOME_KERNEL, .max_value = 255 },
    { KEY(IPPROTO_IP, IP_TTL), .kind = SHORT_INT, .home = HOME_KERNEL, .max_value = 255 },
    { KEY(IPPROTO_IP, IP_UNBLOCK_SOURCE), .kind = RAW_SET, .home = HOME_DEVICE,
      .set_request = IOCTL_AFD_WINE_SET_IP_UNBLOCK_SOURCE, .struct_len = sizeof(struct ip_mreq_source) },
    { KEY(IPPROTO_IP, IP_UNICAST_IF), .kind = DWORD_VALUE, .home = HOME_DEVICE,
      .get_request = IOCTL_AFD_WINE_GET_IP_UNICAST_IF, .set_request = IOCTL_AFD_WINE_SET_IP_UNICAST_IF },
    /* IPPROTO_IPV6 */
    { KEY(IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP), .kind = RAW_SET, .home = HOME_DEVICE,
      .set_request = IOCTL_AFD_WINE_SET_IPV6_ADD_MEMBERSHIP, .struct_len = sizeof(struct ipv6_mreq) },
    { KEY(IPPROTO_IPV6, IPV6_DONTFRAG), .kind = SHORT_BOOL, .home = HOME_DEVICE,
      .get_request = IOCTL_AFD_WINE_GET_IPV6_DONTFRAG, .set_request = IOCTL_AFD_WINE_SET_IPV6_DONTFRAG },
    { KEY(IPPROTO_IPV6, IPV6_DROP_MEMBERSHIP), .kind = RAW_SET, .home = HOME_DEVICE,
      .set_request = IOCTL_AFD_WINE_SET_IPV6_DROP_MEMBERSHIP, .struct_len = sizeof(struct ipv6_mreq) },
    { KEY(IPPROTO_IPV6, IPV6_HOPLIMIT), .kind = IP_FLAG, .home = HOME_DEVICE,
      .get_request = IOCTL_AFD_WINE_GET_IPV6_RECVHOPLIMIT, .set_request = IOCTL_AFD_WINE_SET_IPV6_RECVHOPLIMIT },
    { KEY(IPPROTO_IPV6, IPV6_MULTICAST_HOPS), .kind = SHORT_INT, .home = HOME_DEVICE,
      .get_request = IOCTL_AFD_WINE_GET_IPV6_MULTICAST_HOPS, .set_request = IOCTL_AFD_WINE_SET_IPV6_MULTICAST_HOPS,
      .max_value = 255 },
    { KEY(IPPROTO_IPV6, IPV6_MULTICAST_IF), .kind = DWORD_VALUE, .home = HOME_DEVICE,
      .get_request = IOCTL_AFD_WINE_GET_IPV6_MULTICAST_IF, .set_request = IOCTL_AFD_WINE_SET_IPV6_MULTICAST_IF },
    { KEY(IPPROTO_IPV6, IPV6_MULTICAST_LOOP), .kind = SHORT_BOOL, .home = HOME_DEVICE,
      .get_request = IOCTL_AFD_WINE_GET_IPV6_MULTICAST_LOOP, .set_request = IOCTL_AFD_WINE_SET_IPV6_MULTICAST_LOOP },
    { KEY(IPPROTO_IPV6, IPV6_PKTINFO), .kind = IP_FLAG, .home = HOME_DEVICE,
      .get_request = IOCTL_AFD_WINE_GET_IPV6_RECVPKTINFO, .set_request = IOCTL_AFD_WINE_SET_IPV6_RECVPKTINFO },
    { KEY(IPPROTO_IPV6, IPV6_RECVTCLASS), .kind = IP_FLAG, .home = HOME_DEVICE,
      .get_request = IOCTL_AFD_WINE_GET_IPV6_RECVTCLASS, .set_request = IOCTL_AFD_WINE_SET_IPV6_RECVTCLASS },
    { KEY(IPPROTO_IPV6, IPV6_UNICAST_HOPS), .kind = SHORT_INT, .home = HOME_DEVICE,
      .get_request = IOCTL_AFD_WINE_GET_IPV6_UNICAST_HOPS, .set_request = IOCTL_AFD_WINE_SET_IPV6_UNICAST_HOPS,
      .max_value = 255 },
    { KEY(IPPROTO_IPV6, IPV6_UNICAST_IF), .kind = DWORD_VALUE, .home = HOME_DEVICE,
      .get_request = IOCTL_AFD_WINE_GET_IPV6_UNICAST_IF, .set_request = IOCTL_AFD_WINE_SET_IPV6_UNICAST_IF },
    /* An IPv4 socket answers IPV6_V6ONLY on Windows too (see v6only_get). */
    { KEY(IPPROTO_IPV6, IPV6_V6ONLY), .kind = BYTE_BOOL, .home = HOME_CUSTOM,
      .get_request = IOCTL_AFD_WINE_GET_IPV6_V6ONLY, .set_request = IOCTL_AFD_WINE_SET_IPV6_V6ONLY,
      .get = v6only_get, .set = v6only_set },
    { KEY(IPPROTO_TCP, TCP_NODELAY), .kind = BYTE_BOOL, .home = HOME_KERNEL },
    /* Windows counts TCP_KEEPALIVE and TCP_KEEPINTVL in seconds and reads
     * back what was set (TCP_KEEPCNT up to 255, the times unbounded), which
     * the Linux socket may hold only clamped. */
    { KEY(IPPROTO_TCP, TCP_KEEPALIVE), .kind = TCP_DWORD, .home = HOME_KERNEL, .cached = CACHED_KA_IDLE },
    { KEY(IPPROTO_TCP, TCP_KEEPINTVL), .kind = TCP_DWORD, .home = HOME_KERNEL, .cached = CACHED_KA_INTERVAL },
    { KEY(IPPROTO_TCP, TCP_KEEPCNT), .kind = TCP_DWORD, .home = HOME_KERNEL, .max_value = 255,
      .cached = CACHED_KA_COUNT },
    { KEY(IPPROTO_TCP, TCP_MAXSEG), .kind = DWORD_VALUE, .home = HOME_KERNEL },
    /* A client's TCP Fast Open, set before connect. */
    { KEY(IPPROTO_TCP, TCP_FASTOPEN), .kind = DWORD_VALUE, .home = HOME_KERNEL },
    /* How long unacknowledged data may wait (-1: never give up). */
    { KEY(IPPROTO_TCP, TCP_MAXRT), .kind = DWORD_VALUE, .home = HOME_KERNEL },
    { KEY(IPPROTO_TCP, TCP_MAXRTMS), .kind = DWORD_VALUE, .home = HOME_KERNEL },
    { KEY(IPPROTO_TCP, TCP_NOSYNRETRIES), .kind = DWORD_VALUE, .home = HOME_KERNEL },
    /* Windows-only behaviour: kept, read back, and traced when it asks for
     * something Linux will not do for this socket. */
    { KEY(IPPROTO_TCP, TCP_EXPEDITED_1122), .kind = DWORD_VALUE, .home = HOME_SOCKET_NOTES, .checks = WS2KIT_CHECK_STREAM,
      .note = NOTE_TCP_EXPEDITED },
    { KEY(IPPROTO_TCP, TCP_TIMESTAMPS), .kind = DWORD_VALUE, .home = HOME_SOCKET_NOTES, .checks = WS2KIT_CHECK_STREAM,
      .note = NOTE_TCP_TIMESTAMPS },
    { KEY(IPPROTO_TCP, TCP_OFFLOAD_PREFERENCE), .kind = DWORD_VALUE, .home = HOME_SOCKET_NOTES,
      .checks = WS2KIT_CHECK_STREAM, .note = NOTE_TCP_OFFLOAD },
    { KEY(IPPROTO_TCP, TCP_CONGESTION_ALGORITHM), .kind = DWORD_VALUE, .home = HOME_SOCKET_NOTES,
      .checks = WS2KIT_CHECK_STREAM, .note = NOTE_TCP_CONGESTION },
    { KEY(IPPROTO_TCP, TCP_DELAY_FIN_ACK), .kind = DWORD_VALUE, .home = HOME_SOCKET_NOTES, .checks = WS2KIT_CHECK_STREAM,
      .note = NOTE_TCP_DELAY_FIN_ACK },
    /* Kept, and set on the Linux socket while connecting, so that the ICMP
     * error that failed a connect can be read back with TCP_ICMP_ERROR_INFO. */
    { KEY(IPPROTO_TCP, TCP_FAIL_CONNECT_ON_ICMP_ERROR), .kind = DWORD_VALUE, .home = HOME_SOCKET_NOTES,
      .checks = WS2KIT_CHECK_STREAM, .note = NOTE_TCP_FAIL_ON_ICMP, .set = fail_on_icmp_set },
    { KEY(IPPROTO_TCP, TCP_ICMP_ERROR_INFO), .kind = GET_STRUCT, .home = HOME_CUSTOM, .checks = WS2KIT_CHECK_STREAM,
      .get_struct = icmp_error_get },
    /* IPPROTO_UDP: datagram sockets only. */
    /* A zero checksum, on the Linux socket; IPv4 only as Microsoft documents. */
    { KEY(IPPROTO_UDP, UDP_NOCHECKSUM), .kind = DWORD_VALUE, .home = HOME_KERNEL },
    /* UDP-Lite's coverage; a plain UDP socket always covers the whole datagram. */
    { KEY(IPPROTO_UDP, UDP_CHECKSUM_COVERAGE), .kind = DWORD_VALUE, .home = HOME_SOCKET_NOTES, .checks = WS2KIT_CHECK_DGRAM,
      .note = NOTE_UDP_CHECKSUM_COVERAGE },
    /* Send segmentation: the Linux socket splits a send the same way. */
    { KEY(IPPROTO_UDP, UDP_SEND_MSG_SIZE), .kind = DWORD_VALUE, .home = HOME_KERNEL },
    /* Receive coalescing is something the stack "may" do: kept, not turned on,
     * since Linux's receive offload would hand over merged datagrams without the
     * UDP_COALESCED_INFO control message Windows programs split them by. */
    { KEY(IPPROTO_UDP, UDP_RECV_MAX_COALESCED_SIZE), .kind = DWORD_VALUE, .home = HOME_SOCKET_NOTES,
      .checks = WS2KIT_CHECK_DGRAM, .note = NOTE_UDP_COALESCED_SIZE },
};

/* WINEDEBUG=+optable prints the whole table once, at the first option call. */
static struct ws2kit_debug_channel optable_channel = { "optable", 0 };

static void print_table_once(void)
{
    static const char *const kinds[] = { "BYTE_BOOL", "SHORT_BOOL", "SHORT_INT", "DWORD", "IP_FLAG",
                                         "GET_DWORD", "GET_STRUCT", "RAW_SET", "RAW", "NO_VALUE", "TCP_DWORD" };
    _Static_assert(sizeof(kinds) / sizeof(kinds[0]) == TCP_DWORD + 1, "a name for every enum value_kind");
    static const char *const homes[] = { "kernel", "device", "keepalive", "thread", "note", "custom" };
    static LONG printed;
    size_t i;

    if (!ws2kit_debug_enabled(&optable_channel, WS2KIT_DBCL_TRACE) || InterlockedExchange(&printed, 1)) return;
    for (i = 0; i < sizeof(sockopt_table) / sizeof(sockopt_table[0]); i++)
    {
        const struct sockopt_row *row = &sockopt_table[i];
        ws2kit_debug_log(&optable_channel, WS2KIT_DBCL_TRACE, __func__,
                         "level %#x option %#x %s: %s, %s%s%s\n", row->level, row->name, row->label,
                         kinds[row->kind], homes[row->home],
                         (row->checks & WS2KIT_CHECK_STREAM) ? ", stream sockets only" :
                         (row->checks & WS2KIT_CHECK_DGRAM) ? ", datagram sockets only" : "",
                         row->max_value ? ", at most 255" : "");
    }
}

static const struct sockopt_row *find_row(int level, int name)
{
    size_t i;

    print_table_once();
    for (i = 0; i < sizeof(sockopt_table) / sizeof(sockopt_table[0]); i++)
        if (sockopt_table[i].level == level && sockopt_table[i].name == name) return &sockopt_table[i];
    return NULL;
}

static BOOL known_level(int level)
{
    return level == SOL_SOCKET || level == IPPROTO_TCP || level == IPPROTO_IP ||
           level == IPPROTO_IPV6 || level == IPPROTO_UDP;
}

static DWORD thread_open_type(DWORD *set)
{
    struct ws2kit_thread *thread = ws2kit_thread();

    if (thread && set) thread->open_type = *set;
    return thread ? thread->open_type : 0;
}

/* Reads the caller's value as the row's kind says.  Returns 0 or WSA error. */
static struct value_rule rule_of(const struct sockopt_row *row)
{
    struct value_rule rule = { row->kind, row->level == SOL_SOCKET, row->max_value };
    return rule;
}

static int read_set_value(const struct sockopt_row *row, const char *optval, int optlen, DWORD *value)
{
    struct value_rule rule = rule_of(row);
    BYTE bytes[4] = { 0 };
    unsigned int v;
    int len, err;

    if (!optval && row->kind != GET_DWORD && row->kind != GET_STRUCT && row->kind != NO_VALUE) return WSAEFAULT;
    if ((err = optvalue_set_length(&rule, optlen, &len))) return err;
    if (len && !ws2kit_read_user(bytes, optval, len)) return WSAEFAULT;
    if ((err = optvalue_set_decode(&rule, bytes, len, &v))) return err;
    *value = v;
    return 0;
}

/* Writes the value back as Windows does; *optlen has been read already. */
static int write_get_value(const struct sockopt_row *row, DWORD value, char *optval, int *optlen, int len)
{
    struct value_rule rule = rule_of(row);
    int out_len, zero_optlen, err;

    if ((err = optvalue_get_length(&rule, len, &out_len, &zero_optlen)))
    {
        if (zero_optlen) ws2kit_write_user(optlen, &(int){ 0 }, sizeof(int));
        /* Windows fails a short buffer for the buffer sizes and SO_LINGER
         * but zeroes it first (test_set_getsockopt: 0xdeadbe00 and
         * 0xdead0000 for 1 and 2 bytes); the other DWORDs stay untouched. */
        if (row->level == SOL_SOCKET && len > 0 && len < 4 &&
            (row->name == SO_RCVBUF || row->name == SO_SNDBUF || row->name == SO_LINGER))
            ws2kit_write_user(optval, &(DWORD){ 0 }, len);
        return err;
    }
    value = optvalue_get_encode(&rule, value);
    /* SOL_SOCKET's short BOOLs given 2 or 3 bytes: Windows writes the BOOL
     * as a 2-byte value and says 1 byte (test_set_getsockopt: 0xdead0001,
     * size 1). */
    if (rule.sol_socket && row->kind == SHORT_BOOL && out_len == 1 && len >= 2)
        return ws2kit_write_user(optval, &value, 2) && ws2kit_write_user(optlen, &out_len, sizeof(out_len))
               ? 0 : WSAEFAULT;
    if (!ws2kit_write_user(optval, &value, out_len)) return WSAEFAULT;
    if (!ws2kit_write_user(optlen, &out_len, sizeof(out_len))) return WSAEFAULT;
    return 0;
}

/* The row's option of the Linux socket, read or written by ws2kit.so, which
 * converts the value and makes the option's socket type checks. */
static int kernel_call(SOCKET s, const struct sockopt_row *row, enum ws2kit_unix_func func, DWORD *value)
{
    struct ws2kit_sockopt_params params;

    params.handle = ws2kit_unix_handle(s);
    params.level = row->level;
    params.name = row->name;
    params.checks = 0;
    params.len = sizeof(*value);
    params.value = value;
    return ws2kit_unix_call(func, &params);
}

static BOOL cached_recall(SOCKET s, const struct sockopt_row *row, DWORD *value);
static void cached_store(SOCKET s, const struct sockopt_row *row, DWORD value);

/* A row with a cache reads back the value Windows would hold, which Linux
 * may hold only clamped; the kernel answers until one was set. */
static int kernel_get(SOCKET s, const struct sockopt_row *row, DWORD *value)
{
    DWORD v = 0;
    int err;

    if (row->cached && cached_recall(s, row, value)) return 0;
    if (!(err = kernel_call(s, row, ws2kit_unix_getsockopt, &v))) *value = v;
    return err;
}

static int kernel_set(SOCKET s, const struct sockopt_row *row, DWORD value)
{
    DWORD v = value;
    int err = kernel_call(s, row, ws2kit_unix_setsockopt, &v);

    if (!err) cached_store(s, row, value);
    return err;
}

static int oobinline_set(SOCKET s, const struct sockopt_row *row, DWORD value)
{
    if (value)
    {
        ws2kit_events_urgent_use(s);
        ws2kit_urgent_before_inline(s);
    }
    return kernel_set(s, row, value);
}

/* The row's checks (socket type) for the rows whose value does not live in
 * the Linux socket: ws2kit.so makes them before it reads any option, and
 * SO_TYPE, which every socket has, costs nothing more. */
static int check_row_socket(SOCKET s, const struct sockopt_row *row)
{
    struct ws2kit_sockopt_params params;
    DWORD type;

    if (!row->checks) return 0;
    params.handle = ws2kit_unix_handle(s);
    params.level = SOL_SOCKET;
    params.name = SO_TYPE;
    params.checks = row->checks;
    params.len = sizeof(type);
    params.value = &type;
    return ws2kit_unix_call(ws2kit_unix_getsockopt, &params);
}

struct cached_arg { enum ws2kit_cached_option option; DWORD value; };

static void edit_cached(struct ws2kit_socket_notes *notes, const void *arg)
{
    const struct cached_arg *cached = arg;
    notes->cached[cached->option] = cached->value;
    notes->cached_known |= 1u << cached->option;
    /* A keep-alive timer set on its own: the timers are not the pair's any more. */
    if (cached->option == CACHED_KA_IDLE || cached->option == CACHED_KA_INTERVAL || cached->option == CACHED_KA_COUNT)
        notes->ka_timers_known = FALSE;
}

/* The remembered value, for a handle that is still a socket (a value closed
 * with CloseHandle keeps its notes until reused, and must fail as before)
 * and the only handle on it (a duplicate may have changed the value). */
static BOOL cached_recall(SOCKET s, const struct sockopt_row *row, DWORD *value)
{
    struct ws2kit_socket_notes notes;

    if (!ws2kit_notes_read(s, &notes) || !(notes.cached_known & (1u << row->cached)) || notes.shared) return FALSE;
    if (!ws2kit_is_socket(s)) return FALSE;
    *value = notes.cached[row->cached];
    return TRUE;
}

static void cached_store(SOCKET s, const struct sockopt_row *row, DWORD value)
{
    struct cached_arg arg = { row->cached, value };
    if (row->cached) ws2kit_notes_edit(s, edit_cached, &arg);
}

/* Keep-alive as Windows holds it after SO_KEEPALIVE or SIO_KEEPALIVE_VALS
 * (keepalive.c): what TCP_KEEPALIVE, TCP_KEEPINTVL and TCP_KEEPCNT read back,
 * and the timers the Linux socket now holds, in Windows' values. */
static void note_linger_onoff(SOCKET s, DWORD onoff);

/* Windows keeps SO_LINGER's l_onoff as the program set it (0x100 reads back
 * as 0x100, test_set_getsockopt); Linux keeps a flag.  While lingering is
 * on, the value last set through this handle is reported. */
static DWORD linger_as_set(SOCKET s, DWORD value)
{
    struct ws2kit_socket_notes notes;

    if (!LOWORD(value) || !ws2kit_notes_read(s, &notes) || notes.shared || !notes.options[NOTE_LINGER_ONOFF])
        return value;
    return MAKELONG(notes.options[NOTE_LINGER_ONOFF], HIWORD(value));
}

static int device_get(SOCKET s, const struct sockopt_row *row, DWORD *value)
{
    int err = check_row_socket(s, row);

    if (err) return err;
    if (row->cached && cached_recall(s, row, value)) return 0;
    err = ws2kit_status_to_wsa(ws2kit_afd_call(s, row->get_request, NULL, 0, value, sizeof(*value), NULL));
    if (!err) cached_store(s, row, *value);
    if (!err && row->get_request == IOCTL_AFD_WINE_GET_SO_LINGER) *value = linger_as_set(s, *value);
    return err;
}

static int device_set(SOCKET s, const struct sockopt_row *row, DWORD value)
{
    int err = check_row_socket(s, row);

    if (err) return err;
    err = ws2kit_status_to_wsa(ws2kit_afd_call(s, row->set_request, &value, sizeof(value), NULL, 0, NULL));
    if (!err) cached_store(s, row, value);
    if (!err && row->set_request == IOCTL_AFD_WINE_SET_SO_LINGER) note_linger_onoff(s, LOWORD(value));
    return err;
}

static int reuseaddr_get(SOCKET s, const struct sockopt_row *row, DWORD *value)
{
    return device_get(s, row, value);
}

/* The wineserver keeps the flag (its bind answers WSAEACCES next to a socket
 * without it, as Windows does); the Unix side also lets a second stream
 * socket share a listener's port, as Windows does (ws2kit_fd_share_port). */
static int reuseaddr_set(SOCKET s, const struct sockopt_row *row, DWORD value)
{
    struct ws2kit_share_port_params share = { ws2kit_unix_handle(s), value ? WS2KIT_SHARE_PORT_ON : WS2KIT_SHARE_PORT_OFF };
    int err;

    if ((err = device_set(s, row, value))) return err;
    if ((err = ws2kit_unix_call(ws2kit_unix_share_port, &share)) == WSAEOPNOTSUPP)
        TRACE("%#Ix: Linux cannot share the port as Windows does; a second bind will fail\n", s);
    return err == WSAEOPNOTSUPP ? 0 : err;
}

static int get_linger(SOCKET s, const struct sockopt_row *row, LINGER *linger)
{
    int err = check_row_socket(s, row);
    if (err) return err;
    return ws2kit_status_to_wsa(ws2kit_afd_call(s, IOCTL_AFD_WINE_GET_SO_LINGER, NULL, 0,
                                                linger, sizeof(*linger), NULL));
}

static int dontlinger_get(SOCKET s, const struct sockopt_row *row, DWORD *value)
{
    LINGER linger;
    int err = get_linger(s, row, &linger);

    if (!err) *value = !linger.l_onoff;
    return err;
}

static int dontlinger_set(SOCKET s, const struct sockopt_row *row, DWORD value)
{
    LINGER linger;
    int err = get_linger(s, row, &linger);

    if (err) return err;
    linger.l_onoff = !value;
    err = ws2kit_status_to_wsa(ws2kit_afd_call(s, IOCTL_AFD_WINE_SET_SO_LINGER, &linger, sizeof(linger),
                                               NULL, 0, NULL));
    if (!err) note_linger_onoff(s, linger.l_onoff);
    return err;
}

/* SO_PROTOCOL_INFOA/W: the catalogue entry of the socket's protocol.  A short
 * buffer gets WSAEFAULT with the size needed in *optlen. */
static int protocol_info_get(SOCKET s, const struct sockopt_row *row, char *optval, int *optlen, int len)
{
    struct afd_get_info_params info;
    WSAPROTOCOL_INFOW infow;
    WSAPROTOCOL_INFOA infoa;
    BOOL wide = row->name == SO_PROTOCOL_INFOW;
    int size = wide ? sizeof(infow) : sizeof(infoa);
    const void *out = wide ? (const void *)&infow : (const void *)&infoa;

    if (!ws2kit_get_socket_info(s, &info)) return WSAENOTSOCK;
    if (len < size)
    {
        ws2kit_write_user(optlen, &size, sizeof(size));
        return WSAEFAULT;
    }
    if (!ws2kit_protocol_info(info.family, info.type, info.protocol, &infow)) return WSAENOPROTOOPT;
    if (!wide) ws2kit_protocol_info_to_a(&infow, &infoa);
    /* Windows leaves *optlen as the caller gave it (test_set_getsockopt). */
    if (!ws2kit_write_user(optval, out, size)) return WSAEFAULT;
    return 0;
}

struct note_arg { enum ws2kit_note_option note; DWORD value; };

static void edit_note(struct ws2kit_socket_notes *notes, const void *arg)
{
    const struct note_arg *note = arg;
    notes->options[note->note] = note->value;
}

static void note_linger_onoff(SOCKET s, DWORD onoff)
{
    struct note_arg arg = { NOTE_LINGER_ONOFF, onoff };
    ws2kit_notes_edit(s, edit_note, &arg);
}

static int note_get(SOCKET s, const struct sockopt_row *row, DWORD *value)
{
    struct ws2kit_socket_notes notes;
    int err = check_row_socket(s, row);

    if (!err && !(row->checks & (WS2KIT_CHECK_STREAM | WS2KIT_CHECK_DGRAM)) && !ws2kit_is_socket(s)) err = WSAENOTSOCK;
    if (err) return err;
    ws2kit_notes_read(s, &notes);
    *value = notes.options[row->note];
    return 0;
}

static int note_set(SOCKET s, const struct sockopt_row *row, DWORD value)
{
    struct note_arg arg = { row->note, value };
    int err = check_row_socket(s, row);

    if (!err && !(row->checks & (WS2KIT_CHECK_STREAM | WS2KIT_CHECK_DGRAM)) && !ws2kit_is_socket(s)) err = WSAENOTSOCK;
    if (err) return err;
    /* A note row's set function applies what Linux can of it. */
    if (row->set && (err = row->set(s, row, value))) return err;
    if (!row->set && value && row->level == IPPROTO_TCP)
        FIXME("%s %lu is kept but not applied to the Linux socket\n", row->label, value);
    if (value && row->note == NOTE_PAUSE_ACCEPT) FIXME("%s is kept but not acted on\n", row->label);
    /* WSAAccept honours the condition function either way (see
     * refuse_connection in socket.c); what Linux cannot do is hold the
     * SYN-ACK until the condition has run. */
    if (value && row->note == NOTE_CONDITIONAL_ACCEPT)
        FIXME("%s: Linux completes the handshake before WSAAccept's condition runs; "
              "a rejected connection is reset, not refused\n", row->label);
    /* Windows keeps SO_DEBUG as a BOOL: 2 set reads back as 1 (test_so_debug). */
    if (row->note == NOTE_DEBUG) arg.value = value != 0;
    ws2kit_notes_edit(s, edit_note, &arg);
    return 0;
}

/* Seconds since the connection was made, or ~0 while it is not.  A datagram
 * socket is never connected in this sense, connect() or not: ~0 (Windows,
 * recorded in Wine's conformance test_connect_time). */
static int connect_time_get(SOCKET s, const struct sockopt_row *row, DWORD *value)
{
    struct ws2kit_sockstate_params state;

    if (!ws2kit_sockstate(s, &state)) return WSAENOTSOCK;
    *value = state.type == SOCK_STREAM && state.connected ? (DWORD)(ws2kit_peer_connected_ms(s) / 1000) : ~0u;
    return 0;
}

/* The largest UDP payload: 65535 less the IPv4 (20) or IPv6 (8 + 0 bytes
 * counted here, as Windows does) headers and the UDP header. */
static int max_msg_size_get(SOCKET s, const struct sockopt_row *row, DWORD *value)
{
    struct ws2kit_sockstate_params state;

    if (!ws2kit_sockstate(s, &state)) return WSAENOTSOCK;
    *value = state.family == AF_INET6 ? 65527 : 65507;
    return 0;
}

struct error_arg { DWORD *value; };

static void take_error(struct ws2kit_socket_notes *notes, const void *arg)
{
    const struct error_arg *error = arg;
    *error->value = notes->options[NOTE_ERROR];
    notes->options[NOTE_ERROR] = 0;
}

static int error_get(SOCKET s, const struct sockopt_row *row, DWORD *value)
{
    struct error_arg arg = { value };

    *value = 0;
    ws2kit_notes_edit(s, take_error, &arg);
    if (*value) return 0;
    return ws2kit_status_to_wsa(ws2kit_afd_call(s, IOCTL_AFD_WINE_GET_SO_ERROR, NULL, 0, value, sizeof(*value), NULL));
}

static int error_set(SOCKET s, const struct sockopt_row *row, DWORD value)
{
    struct note_arg arg = { NOTE_ERROR, value };

    if (!ws2kit_is_socket(s)) return WSAENOTSOCK;
    ws2kit_notes_edit(s, edit_note, &arg);
    return 0;
}

/* TCP_FAIL_CONNECT_ON_ICMP_ERROR and TCP_ICMP_ERROR_INFO.  The Linux socket
 * keeps the ICMP errors it receives only while this option is on there; on
 * a connected socket it would also turn every ICMP error into a hard error
 * of the connection, which Windows does not do, so ws2kit turns it on for
 * the connect and off once the connection is made.  (Linux fails a connect
 * on an ICMP unreachable whether or not the option is set.) */
static int set_recverr(SOCKET s, BOOL on)
{
    DWORD value = on;
    return kernel_call(s, find_row(IPPROTO_TCP, TCP_FAIL_CONNECT_ON_ICMP_ERROR), ws2kit_unix_setsockopt, &value);
}

static int fail_on_icmp_set(SOCKET s, const struct sockopt_row *row, DWORD value)
{
    struct ws2kit_sockstate_params state;

    if (!ws2kit_sockstate(s, &state)) return WSAENOTSOCK;
    /* Once connected there is no connect left to fail: kept only. */
    return state.connected ? 0 : set_recverr(s, value != 0);
}

static void forget_icmp_error(struct ws2kit_socket_notes *notes, const void *arg)
{
    (void)arg;
    notes->icmp_error_known = FALSE;
}

static void remember_icmp_error(struct ws2kit_socket_notes *notes, const void *arg)
{
    notes->icmp_error = *(const WS2KIT_ICMP_ERROR_INFO *)arg;
    notes->icmp_error_known = TRUE;
}

/* The latest ICMP error the Linux socket queued; FALSE when none. */
static BOOL take_icmp_error(SOCKET s, WS2KIT_ICMP_ERROR_INFO *info, int *err)
{
    struct ws2kit_icmp_error_params params = { .handle = ws2kit_unix_handle(s) };

    if ((*err = ws2kit_unix_call(ws2kit_unix_icmp_error, &params)) || !params.found) return FALSE;
    memset(info, 0, sizeof(*info));
    memcpy(&info->srcaddress, params.source, sizeof(info->srcaddress));
    info->protocol = params.icmpv6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
    info->type = params.type;
    info->code = params.code;
    return TRUE;
}

/* A connect starts: what an earlier one left is no longer "since the last
 * connect call". */
void ws2kit_icmp_error_connecting(SOCKET s)
{
    struct ws2kit_socket_notes notes;
    WS2KIT_ICMP_ERROR_INFO stale;
    int err;

    if (!ws2kit_notes_read(s, &notes) || !notes.options[NOTE_TCP_FAIL_ON_ICMP]) return;
    take_icmp_error(s, &stale, &err);
    ws2kit_notes_edit(s, forget_icmp_error, NULL);
}

/* The connection is made: Linux must stop treating ICMP errors as fatal. */
void ws2kit_icmp_error_connected(SOCKET s)
{
    struct ws2kit_socket_notes notes;

    if (ws2kit_notes_read(s, &notes) && notes.options[NOTE_TCP_FAIL_ON_ICMP]) set_recverr(s, FALSE);
}

/* TCP_ICMP_ERROR_INFO: WSANO_DATA when no ICMP error came since the last
 * connect; the same error again on every later read. */
static int icmp_error_get(SOCKET s, const struct sockopt_row *row, char *optval, int *optlen, int len)
{
    struct ws2kit_socket_notes notes;
    WS2KIT_ICMP_ERROR_INFO info;
    int size = sizeof(info), err;

    if ((err = check_row_socket(s, row))) return err;
    if (len < size) return WSAEFAULT;
    if (take_icmp_error(s, &info, &err)) ws2kit_notes_edit(s, remember_icmp_error, &info);
    else if (err) return err;
    if (!ws2kit_notes_read(s, &notes) || !notes.icmp_error_known) return WSANO_DATA;
    if (!ws2kit_write_user(optval, &notes.icmp_error, size) || !ws2kit_write_user(optlen, &size, sizeof(size)))
        return WSAEFAULT;
    return 0;
}

/* Microsoft documents SO_RCVLOWAT and SO_SNDLOWAT as unsupported by its
 * TCP/IP provider: WSAEINVAL on Vista and later, WSAENOPROTOOPT before. */
static int lowat_error(SOCKET s)
{
    if (!ws2kit_is_socket(s)) return WSAENOTSOCK;
    return ws2kit_windows_major() >= 6 ? WSAEINVAL : WSAENOPROTOOPT;
}

static int lowat_get(SOCKET s, const struct sockopt_row *row, DWORD *value)
{
    return lowat_error(s);
}

static int lowat_set(SOCKET s, const struct sockopt_row *row, DWORD value)
{
    return lowat_error(s);
}

/* On Windows an IPv4 socket answers IPV6_V6ONLY: TRUE, FALSE once cleared,
 * TRUE again once bound (Linux has no such option on an IPv4 socket, so
 * ws2kit remembers the clearing).  A raw IPv6 socket takes it too, where
 * Linux refuses any change (a raw socket has its protocol number from the
 * start, as if bound) and carries only IPv6 anyway: the value is kept the
 * same way.  Other IPv6 sockets use the device. */
static BOOL v6only_on_device(const struct ws2kit_sockstate_params *state)
{
    return state->family == AF_INET6 && state->type != SOCK_RAW;
}

static int v6only_get(SOCKET s, const struct sockopt_row *row, DWORD *value)
{
    struct ws2kit_sockstate_params state;
    struct ws2kit_socket_notes notes;

    if (!ws2kit_sockstate(s, &state)) return WSAENOTSOCK;
    if (v6only_on_device(&state)) return device_get(s, row, value);
    ws2kit_notes_read(s, &notes);
    *value = (state.family != AF_INET6 && state.bound) || !notes.options[NOTE_V6ONLY_CLEARED];
    return 0;
}

static int v6only_set(SOCKET s, const struct sockopt_row *row, DWORD value)
{
    struct note_arg arg = { NOTE_V6ONLY_CLEARED, !value };
    struct ws2kit_sockstate_params state;
    int err = 0;

    if (!ws2kit_sockstate(s, &state)) return WSAENOTSOCK;
    if (state.family != AF_INET6 || state.type != SOCK_RAW) err = device_set(s, row, value);
    if (!err) ws2kit_notes_edit(s, edit_note, &arg);
    return err;
}

static int no_get(SOCKET s, const struct sockopt_row *row, DWORD *value)
{
    return WSAENOPROTOOPT;
}

static int update_context_set(SOCKET s, const struct sockopt_row *row, DWORD value)
{
    if (!ws2kit_is_socket(s)) return WSAENOTSOCK;
    /* A program says so after its ConnectEx completed. */
    if (row->name == SO_UPDATE_CONNECT_CONTEXT) ws2kit_icmp_error_connected(s);
    return 0;
}

#define MAX_RAW_OPTION 64    /* IP_OPTIONS holds at most 40 bytes, memberships less */

/* A structure passed to the device as it is (memberships, IP_OPTIONS). */
static int raw_set(SOCKET s, const struct sockopt_row *row, const char *optval, int optlen)
{
    BYTE buffer[MAX_RAW_OPTION];

    if (optlen < 0) return WSAENOBUFS;
    if (!optval || optlen < (int)row->struct_len) return WSAEFAULT;
    if (optlen > (int)sizeof(buffer)) optlen = sizeof(buffer);
    if (!ws2kit_read_user(buffer, optval, optlen)) return WSAEFAULT;
    return ws2kit_status_to_wsa(ws2kit_afd_call(s, row->set_request, buffer, optlen, NULL, 0, NULL));
}

static int raw_get(SOCKET s, const struct sockopt_row *row, char *optval, int *optlen, int len)
{
    BYTE buffer[MAX_RAW_OPTION];
    ULONG_PTR size = 0;
    int err;

    err = ws2kit_status_to_wsa(ws2kit_afd_call(s, row->get_request, NULL, 0, buffer, sizeof(buffer), &size));
    if (err) return err;
    if ((int)size > len) return WSAEFAULT;
    len = size;
    if (!ws2kit_write_user(optval, buffer, len) || !ws2kit_write_user(optlen, &len, sizeof(len))) return WSAEFAULT;
    return 0;
}

/* SO_BSP_STATE: a CSADDR_INFO followed by room for both addresses; an
 * address the socket does not have yet is NULL with length 0. */
static int bsp_state_get(SOCKET s, const struct sockopt_row *row, char *optval, int *optlen, int len)
{
    struct { CSADDR_INFO info; SOCKADDR_STORAGE local, remote; } out;
    struct afd_get_info_params info;
    int addr_size, size, name_len;

    if (!ws2kit_get_socket_info(s, &info)) return WSAENOTSOCK;
    addr_size = info.family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
    size = sizeof(CSADDR_INFO) + 2 * addr_size;
    if (len < size) return WSAEFAULT;

    memset(&out, 0, sizeof(out));
    name_len = sizeof(out.local);
    if (!getsockname(s, (struct sockaddr *)&out.local, &name_len))
    {
        out.info.LocalAddr.lpSockaddr = (struct sockaddr *)(optval + sizeof(CSADDR_INFO));
        out.info.LocalAddr.iSockaddrLength = name_len;
    }
    name_len = sizeof(out.remote);
    if (!getpeername(s, (struct sockaddr *)&out.remote, &name_len))
    {
        out.info.RemoteAddr.lpSockaddr = (struct sockaddr *)(optval + sizeof(CSADDR_INFO) + addr_size);
        out.info.RemoteAddr.iSockaddrLength = name_len;
    }
    out.info.iSocketType = info.type;
    out.info.iProtocol = info.protocol;
    if (!ws2kit_write_user(optval, &out.info, sizeof(out.info)) ||
        !ws2kit_write_user(optval + sizeof(CSADDR_INFO), &out.local, addr_size) ||
        !ws2kit_write_user(optval + sizeof(CSADDR_INFO) + addr_size, &out.remote, addr_size))
        return WSAEFAULT;
    /* *optlen stays as the caller gave it (test_set_getsockopt). */
    return ws2kit_succeed();
}

static int row_get(SOCKET s, const struct sockopt_row *row, DWORD *value)
{
    switch (row->home)
    {
    case HOME_KERNEL:    return kernel_get(s, row, value);
    case HOME_DEVICE:    return device_get(s, row, value);
    case HOME_KEEPALIVE: return kernel_get(s, row, value);
    case HOME_THREAD:    *value = thread_open_type(NULL); return 0;
    case HOME_SOCKET_NOTES:      return note_get(s, row, value);
    case HOME_CUSTOM:    return row->get(s, row, value);
    }
    return WSAENOPROTOOPT;
}

static int row_set(SOCKET s, const struct sockopt_row *row, DWORD value)
{
    switch (row->home)
    {
    case HOME_KERNEL:    return kernel_set(s, row, value);
    case HOME_DEVICE:    return device_set(s, row, value);
    case HOME_KEEPALIVE: return ws2kit_keepalive_enable(s, value);
    case HOME_THREAD:    thread_open_type(&value); return 0;
    case HOME_SOCKET_NOTES:      return note_set(s, row, value);
    case HOME_CUSTOM:    return row->set(s, row, value);
    }
    return WSAENOPROTOOPT;
}

/* Linux refuses an option of another protocol's level with EOPNOTSUPP on
 * some paths; Winsock's option calls say WSAENOPROTOOPT. */
static int option_error(int err)
{
    return err == WSAEOPNOTSUPP ? WSAENOPROTOOPT : err;
}

/* An option set through its row, for the control codes that are an option
 * by another name (SIO_MULTIPOINT_LOOPBACK, SIO_MULTICAST_SCOPE). */
int ws2kit_set_option(SOCKET s, int level, int name, DWORD value)
{
    const struct sockopt_row *row = find_row(level, name);
    return row ? option_error(row_set(s, row, value)) : WSAENOPROTOOPT;
}

int WINAPI getsockopt(SOCKET s, int level, int name, char *optval, int *optlen)
{
    const struct sockopt_row *row;
    DWORD value = 0;
    int len, err;

    CHECK_STARTED(SOCKET_ERROR);
    TRACE("%#Ix level %d name %#x\n", s, level, name);
    if (!(row = find_row(level, name)))
        return ws2kit_socket_fail(s, known_level(level) ? WSAENOPROTOOPT : WSAEINVAL);
    if (!optlen || !ws2kit_read_user(&len, optlen, sizeof(len)) || !optval)
        return row->home == HOME_THREAD ? ws2kit_fail(WSAEFAULT) : ws2kit_socket_fail(s, WSAEFAULT);
    /* SO_OPENTYPE takes a negative length as 4 (test_set_getsockopt). */
    if (len < 0 && row->home == HOME_THREAD) len = 4;
    if (len <= 0) return row->home == HOME_THREAD ? ws2kit_fail(WSAEFAULT) : ws2kit_socket_fail(s, WSAEFAULT);
    if (row->kind == GET_STRUCT) err = row->get_struct(s, row, optval, optlen, len);
    else if (row->kind == RAW_SET) err = WSAENOPROTOOPT;
    else if (row->kind == RAW) err = raw_get(s, row, optval, optlen, len);
    else if (!(err = row_get(s, row, &value))) err = write_get_value(row, value, optval, optlen, len);
    if (err) return row->home == HOME_THREAD ? ws2kit_fail(err) : ws2kit_socket_fail(s, option_error(err));
    TRACE("%s = %lu\n", row->label, value);
    return ws2kit_succeed();
}

int WINAPI setsockopt(SOCKET s, int level, int name, const char *optval, int optlen)
{
    const struct sockopt_row *row;
    DWORD value = 0;
    int err;

    CHECK_STARTED(SOCKET_ERROR);
    TRACE("%#Ix level %d name %#x len %d\n", s, level, name, optlen);
    if (!(row = find_row(level, name)))
        return ws2kit_socket_fail(s, known_level(level) ? WSAENOPROTOOPT : WSAEINVAL);
    if (row->kind == RAW_SET || row->kind == RAW) err = raw_set(s, row, optval, optlen);
    else if (!(err = read_set_value(row, optval, optlen, &value))) err = row_set(s, row, value);
    /* SO_TYPE cannot be set: WSAENOPROTOOPT on a stream socket, WSAEINVAL on
     * a datagram socket (test_WSASocket). */
    if (err == WSAENOPROTOOPT && level == SOL_SOCKET && name == SO_TYPE)
    {
        struct ws2kit_sockstate_params state;
        if (ws2kit_sockstate(s, &state) && state.type != SOCK_STREAM) err = WSAEINVAL;
    }
    if (err) return row->home == HOME_THREAD ? ws2kit_fail(err) : ws2kit_socket_fail(s, option_error(err));
    TRACE("%s set to %lu\n", row->label, value);
    return ws2kit_succeed();
}
