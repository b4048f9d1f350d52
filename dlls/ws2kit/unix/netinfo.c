/* Host network information for WSAIoctl: interface addresses, the route to a
 * destination, and a TCP connection's statistics, in Windows' terms. */
#define _GNU_SOURCE
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/errqueue.h>
#include <linux/tcp.h>

#include "unix_private.h"

/* Windows' interface flags (IFF_* of ws2ipdef.h) and Linux's. */
static const struct ws2kit_bit_pair interface_flags[] =
{
    { WS2KIT_IFF_UP,           IFF_UP },
    { WS2KIT_IFF_BROADCAST,    IFF_BROADCAST },
    { WS2KIT_IFF_LOOPBACK,     IFF_LOOPBACK },
    { WS2KIT_IFF_POINTTOPOINT, IFF_POINTOPOINT },
    { WS2KIT_IFF_MULTICAST,    IFF_MULTICAST },
};

static void copy_optional(const struct sockaddr *sa, unsigned int len, unsigned char *win)
{
    int win_len;
    if (sa) ws2kit_sockaddr_to_windows(sa, len, win, &win_len);
}

int ws2kit_interfaces(struct ws2kit_interfaces_params *params)
{
    struct ifaddrs *list, *ifa;
    uint32_t n = 0;

    if (getifaddrs(&list)) return ws2kit_errno_to_wsa(errno);
    for (ifa = list; ifa; ifa = ifa->ifa_next)
    {
        struct ws2kit_interface entry;
        unsigned int len;

        if (!ifa->ifa_addr || !(ifa->ifa_flags & IFF_UP)) continue;
        if (ifa->ifa_addr->sa_family == AF_INET) len = sizeof(struct sockaddr_in);
        else if (ifa->ifa_addr->sa_family == AF_INET6) len = sizeof(struct sockaddr_in6);
        else continue;

        memset(&entry, 0, sizeof(entry));
        ws2kit_sockaddr_to_windows(ifa->ifa_addr, len, entry.addr, &entry.addrlen);
        entry.family = entry.addr[0];
        if (params->family && params->family != entry.family) continue;
        entry.flags = ws2kit_bits_to_windows(WS2KIT_BIT_MAP(interface_flags), ifa->ifa_flags);
        copy_optional(ifa->ifa_netmask, len, entry.netmask);
        if (ifa->ifa_flags & IFF_BROADCAST) copy_optional(ifa->ifa_broadaddr, len, entry.broadcast);
        if (n < params->max_entries) params->entries[n] = entry;
        n++;
    }
    freeifaddrs(list);
    params->count = n;
    return 0;
}

/* Connecting a UDP socket sends nothing; it asks the routing table. */
int ws2kit_route_query(struct ws2kit_route_query_params *params)
{
    struct sockaddr_storage dest, local;
    socklen_t local_len = sizeof(local);
    unsigned int dest_len;
    int fd, err;

    if ((err = ws2kit_sockaddr_to_linux(params->dest, params->dest_len, &dest, &dest_len))) return err;
    if ((fd = socket(dest.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0) return ws2kit_errno_to_wsa(errno);
    if (connect(fd, (struct sockaddr *)&dest, dest_len) || getsockname(fd, (struct sockaddr *)&local, &local_len))
        err = ws2kit_errno_to_wsa(errno);
    else if (!ws2kit_sockaddr_to_windows(&local, local_len, params->local, &params->local_len))
        err = WSAEAFNOSUPPORT;
    close(fd);
    if (!err) ((struct sockaddr_in *)params->local)->sin_port = 0;  /* sin6_port too */
    return err;
}

/* Linux's TCP states to Windows' TCPSTATE_* numbers. */
static const unsigned int tcp_states[] =
{
    [LINUX_TCP_ESTABLISHED]  = 4,   /* TCPSTATE_ESTABLISHED */
    [LINUX_TCP_SYN_SENT]     = 2,   /* TCPSTATE_SYN_SENT */
    [LINUX_TCP_SYN_RECV]     = 3,   /* TCPSTATE_SYN_RCVD */
    [LINUX_TCP_FIN_WAIT1]    = 5,   /* TCPSTATE_FIN_WAIT1 */
    [LINUX_TCP_FIN_WAIT2]    = 6,   /* TCPSTATE_FIN_WAIT2 */
    [LINUX_TCP_TIME_WAIT]    = 10,  /* TCPSTATE_TIME_WAIT */
    [LINUX_TCP_CLOSE]        = 0,   /* TCPSTATE_CLOSED */
    [LINUX_TCP_CLOSE_WAIT]   = 7,   /* TCPSTATE_CLOSE_WAIT */
    [LINUX_TCP_LAST_ACK]     = 9,   /* TCPSTATE_LAST_ACK */
    [LINUX_TCP_LISTEN]       = 1,   /* TCPSTATE_LISTEN */
    [LINUX_TCP_CLOSING]      = 8,   /* TCPSTATE_CLOSING */
};

int ws2kit_linux_fin_received(uint8_t state)
{
    return state == LINUX_TCP_CLOSE_WAIT || state == LINUX_TCP_LAST_ACK || state == LINUX_TCP_CLOSING ||
           state == LINUX_TCP_TIME_WAIT;
}

static uint32_t clamp32(uint64_t v)
{
    return v > 0xffffffffu ? 0xffffffffu : (uint32_t)v;
}

int ws2kit_fd_tcp_info(int fd, struct ws2kit_tcp_info *out)
{
    struct tcp_info info;
    socklen_t len = sizeof(info), buf_len;
    int rcvbuf = 0;
    uint64_t busy_ms, rwnd_ms, sndbuf_ms;

    memset(&info, 0, sizeof(info));
    if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len)) return ws2kit_errno_to_wsa(errno);
    buf_len = sizeof(rcvbuf);
    getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, &buf_len);

    memset(out, 0, sizeof(*out));
    out->state = info.tcpi_state < sizeof(tcp_states) / sizeof(tcp_states[0]) ? tcp_states[info.tcpi_state] : 0;
    out->peer_fin = ws2kit_linux_fin_received(info.tcpi_state);
    out->mss = info.tcpi_snd_mss;
    out->timestamps = !!(info.tcpi_options & TCPI_OPT_TIMESTAMPS);
    out->rtt_us = info.tcpi_rtt;
    out->min_rtt_us = info.tcpi_min_rtt;
    out->bytes_in_flight = clamp32((uint64_t)info.tcpi_unacked * info.tcpi_snd_mss);
    out->cwnd = clamp32((uint64_t)info.tcpi_snd_cwnd * info.tcpi_snd_mss);  /* bytes, as Windows counts */
    out->snd_wnd = info.tcpi_snd_wnd;
    out->rcv_wnd = info.tcpi_rcv_space;
    out->rcv_buf = rcvbuf / 2;      /* Linux reports twice what was asked for */
    out->bytes_out = info.tcpi_bytes_sent;
    out->bytes_in = info.tcpi_bytes_received;
    out->bytes_reordered = clamp32((uint64_t)info.tcpi_reord_seen * info.tcpi_snd_mss);
    out->bytes_retrans = clamp32(info.tcpi_bytes_retrans);
    out->fast_retrans = info.tcpi_total_retrans;
    out->dup_acks_in = info.tcpi_dsack_dups;
    out->timeout_episodes = info.tcpi_backoff;
    out->syn_retrans = info.tcpi_state == 2 ? info.tcpi_retransmits : 0;
    /* Linux counts microseconds limited by the receive window and by the send
     * buffer, and the busy time; what is left of it the congestion window set. */
    busy_ms = info.tcpi_busy_time / 1000;
    rwnd_ms = info.tcpi_rwnd_limited / 1000;
    sndbuf_ms = info.tcpi_sndbuf_limited / 1000;
    out->snd_lim_time_rwin = clamp32(rwnd_ms);
    out->snd_lim_time_snd = clamp32(sndbuf_ms);
    out->snd_lim_time_cwnd = clamp32(busy_ms > rwnd_ms + sndbuf_ms ? busy_ms - rwnd_ms - sndbuf_ms : 0);
    return 0;
}

/* Reads the socket's error queue to its end and keeps the last ICMP or
 * ICMPv6 error in it (Linux queues one entry per error while IP_RECVERR or
 * IPV6_RECVERR is on).  The offender is the host that sent the ICMP message. */
int ws2kit_fd_icmp_error(int fd, struct ws2kit_icmp_error_params *params)
{
    for (;;)
    {
        union { char buf[512]; struct cmsghdr align; } control;
        struct msghdr msg = { 0 };
        struct cmsghdr *cmsg;
        char data[1];
        struct iovec iov = { data, sizeof(data) };

        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control.buf;
        msg.msg_controllen = sizeof(control.buf);
        if (recvmsg(fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT) < 0)
            return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : ws2kit_errno_to_wsa(errno);
        for (cmsg = CMSG_FIRSTHDR(&msg); cmsg; cmsg = CMSG_NXTHDR(&msg, cmsg))
        {
            const struct sock_extended_err *ee = (const struct sock_extended_err *)CMSG_DATA(cmsg);
            const struct sockaddr *offender = SO_EE_OFFENDER(ee);
            int win_len;

            if (!((cmsg->cmsg_level == IPPROTO_IP && cmsg->cmsg_type == IP_RECVERR) ||
                  (cmsg->cmsg_level == IPPROTO_IPV6 && cmsg->cmsg_type == IPV6_RECVERR)))
                continue;
            if (ee->ee_origin != SO_EE_ORIGIN_ICMP && ee->ee_origin != SO_EE_ORIGIN_ICMP6) continue;
            memset(params->source, 0, sizeof(params->source));
            if (offender->sa_family == AF_INET || offender->sa_family == AF_INET6)
                ws2kit_sockaddr_to_windows(offender, offender->sa_family == AF_INET ? sizeof(struct sockaddr_in)
                                                                                    : sizeof(struct sockaddr_in6),
                                           params->source, &win_len);
            params->icmpv6 = ee->ee_origin == SO_EE_ORIGIN_ICMP6;
            params->type = ee->ee_type;
            params->code = ee->ee_code;
            params->found = 1;
        }
    }
}
