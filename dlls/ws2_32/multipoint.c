/* WSAJoinLeaf.
 *
 * Windows' TCP/IP providers offer multipoint only on UDP, as IP multicast
 * (XP1_SUPPORT_MULTIPOINT without XP1_MULTIPOINT_CONTROL_PLANE or
 * XP1_MULTIPOINT_DATA_PLANE: a non-rooted control and data plane).  Every
 * such socket is a c_leaf, so WSAJoinLeaf joins the socket itself to the
 * session named by the address and returns the same descriptor.  It takes
 * WSAConnect's arguments: TCP/IP carries no connect data (the callee data
 * comes back empty) and ws2kit applies no QoS.  A socket that was not
 * created with WSA_FLAG_MULTIPOINT_C_LEAF or _D_LEAF is refused with
 * WSAEINVAL, which covers every TCP socket. */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

#define LEAF_FLAGS (WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF)

static void edit_joined(struct ws2kit_socket_notes *notes, const void *arg)
{
    (void)arg;
    notes->joined = TRUE;
}

static BOOL is_multicast(const SOCKADDR_STORAGE *addr)
{
    if (addr->ss_family == AF_INET)
        return IN_MULTICAST(ws2kit_ntohl(((const struct sockaddr_in *)addr)->sin_addr.s_addr));
    return ((const struct sockaddr_in6 *)addr)->sin6_addr.s6_addr[0] == 0xff;
}

static BOOL is_unspecified(const SOCKADDR_STORAGE *addr)
{
    static const IN6_ADDR any6;

    if (addr->ss_family == AF_INET) return ((const struct sockaddr_in *)addr)->sin_addr.s_addr == INADDR_ANY;
    return !memcmp(&((const struct sockaddr_in6 *)addr)->sin6_addr, &any6, sizeof(any6));
}

/* Joins the group on the interface IP_MULTICAST_IF names (any when unset),
 * which is where the socket's multicast goes too. */
static int join_group(SOCKET s, const SOCKADDR_STORAGE *group)
{
    int len;

    if (group->ss_family == AF_INET)
    {
        struct ip_mreq mreq;
        DWORD iface = 0;

        len = sizeof(iface);
        getsockopt(s, IPPROTO_IP, IP_MULTICAST_IF, (char *)&iface, &len);
        mreq.imr_multiaddr = ((const struct sockaddr_in *)group)->sin_addr;
        mreq.imr_interface.s_addr = iface;
        if (setsockopt(s, IPPROTO_IP, IP_ADD_MEMBERSHIP, (char *)&mreq, sizeof(mreq))) return GetLastError();
    }
    else
    {
        struct ipv6_mreq mreq;
        DWORD iface = 0;

        len = sizeof(iface);
        getsockopt(s, IPPROTO_IPV6, IPV6_MULTICAST_IF, (char *)&iface, &len);
        mreq.ipv6mr_multiaddr = ((const struct sockaddr_in6 *)group)->sin6_addr;
        mreq.ipv6mr_interface = iface;
        if (setsockopt(s, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, (char *)&mreq, sizeof(mreq))) return GetLastError();
    }
    return 0;
}

/* Joins s to the session at addr.  Returns 0 or the WSA error. */
static int join_leaf(SOCKET s, const SOCKADDR_STORAGE *addr, int len, DWORD flags)
{
    int err;

    if (is_unspecified(addr)) return WSAEADDRNOTAVAIL;
    /* A leaf that only sends has the session as its default destination.
     * One that receives must not connect: Linux would then drop the group's
     * datagrams, whose source is each sender and not the group. */
    if (flags == JL_SENDER_ONLY || !is_multicast(addr))
        return connect(s, (const struct sockaddr *)addr, len) ? GetLastError() : 0;
    /* a leaf that receives needs a local port */
    if ((err = ws2kit_bind_wildcard_if_unbound(s, addr->ss_family))) return err;
    if ((err = join_group(s, addr))) return err;
    if (flags & JL_BOTH)
        FIXME("%#Ix: send() without an address does not reach the group; use sendto\n", s);
    return 0;
}

/* Windows' argument checks, in order.  Returns 0 or the WSA error; fills addr. */
static int check_join(SOCKET s, const struct sockaddr *name, int name_len, SOCKADDR_STORAGE *addr)
{
    struct afd_get_info_params info;
    struct ws2kit_socket_notes notes;
    int err;

    if (!ws2kit_get_socket_info(s, &info)) return WSAENOTSOCK;
    ws2kit_notes_read(s, &notes);
    if (info.type != SOCK_DGRAM || !(notes.multipoint & LEAF_FLAGS)) return WSAEINVAL;
    if (!name) return WSAEFAULT;
    if ((err = ws2kit_sockaddr_len_ok(name, name_len))) return err;
    memset(addr, 0, sizeof(*addr));
    if (!ws2kit_read_user(addr, name, min(name_len, (int)sizeof(*addr)))) return WSAEFAULT;
    if (addr->ss_family != info.family) return WSAEAFNOSUPPORT;
    if (notes.joined) return WSAEISCONN;
    return 0;
}

SOCKET WINAPI WSAJoinLeaf(SOCKET s, const struct sockaddr *name, int name_len, WSABUF *caller_data,
                          WSABUF *callee_data, QOS *sqos, QOS *gqos, DWORD flags)
{
    SOCKADDR_STORAGE addr;
    ULONG no_data = 0;
    int err;

    CHECK_STARTED(INVALID_SOCKET);
    TRACE("%#Ix caller data %p flags %#lx\n", s, caller_data, flags);
    if (!(err = check_join(s, name, name_len, &addr)) && callee_data &&
        (!ws2kit_probe_write_user(callee_data, sizeof(*callee_data)) ||
         !ws2kit_write_user(&callee_data->len, &no_data, sizeof(no_data))))
        err = WSAEFAULT;
    if (!err)
    {
        if (sqos || gqos) FIXME("%#Ix: QoS %p/%p not applied\n", s, sqos, gqos);
        err = join_leaf(s, &addr, min(name_len, (int)sizeof(addr)), flags);
    }
    if (err)
    {
        ws2kit_fail(err);
        return INVALID_SOCKET;
    }
    ws2kit_notes_edit(s, edit_joined, NULL);
    ws2kit_succeed();
    return s;
}
