/* Socket options on a Linux fd.  The PE side's option table decides what to
 * call; this file only talks to the kernel and reports errors as Winsock's. */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/filter.h>
#include <linux/sockios.h>

#include "unix_private.h"

static int wsa_errno(void)
{
    return ws2kit_errno_to_wsa(errno);
}

static int tcp_is_connecting(int fd)
{
    struct tcp_info info;
    socklen_t len = sizeof(info);

    if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len)) return 0;
    return info.tcpi_state == TCP_SYN_SENT;
}

/* The checks the option table asks for, in Windows' order of precedence. */
static int check_socket(int fd, uint32_t checks)
{
    if (checks & (WS2KIT_CHECK_STREAM | WS2KIT_CHECK_DGRAM))
    {
        int type, wanted = (checks & WS2KIT_CHECK_STREAM) ? SOCK_STREAM : SOCK_DGRAM;
        socklen_t len = sizeof(type);
        if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len)) return wsa_errno();
        if (type != wanted) return WSAENOPROTOOPT;
    }
    /* Vista and later refuse keep-alive changes in a transitional state. */
    if ((checks & WS2KIT_CHECK_NOT_CONNECTING) && tcp_is_connecting(fd)) return WSAEINVAL;
    return 0;
}

int ws2kit_fd_getsockopt(int fd, struct ws2kit_sockopt_params *params)
{
    socklen_t len;
    int err;

    if (params->len < 0) return WSAEFAULT;
    if ((err = check_socket(fd, params->checks))) return err;
    len = params->len;
    if (getsockopt(fd, params->level, params->name, params->value, &len)) return wsa_errno();
    params->len = len;
    return 0;
}

int ws2kit_fd_setsockopt(int fd, const struct ws2kit_sockopt_params *params)
{
    int err;

    if (params->len < 0) return WSAEFAULT;
    if ((err = check_socket(fd, params->checks))) return err;
    if (setsockopt(fd, params->level, params->name, params->value, params->len)) return wsa_errno();
    return 0;
}

static int set_int(int fd, int level, int name, int value)
{
    return setsockopt(fd, level, name, &value, sizeof(value)) ? wsa_errno() : 0;
}

static int get_int(int fd, int level, int name, uint32_t *value)
{
    int v;
    socklen_t len = sizeof(v);
    if (getsockopt(fd, level, name, &v, &len)) return wsa_errno();
    *value = v;
    return 0;
}

int ws2kit_fd_set_keepalive(int fd, uint32_t checks, const struct ws2kit_keepalive *ka)
{
    int err;

    if ((err = check_socket(fd, checks))) return err;
    if (!ka->enabled) return set_int(fd, SOL_SOCKET, SO_KEEPALIVE, 0);

    /* Timers first, so that no probe is ever scheduled with stale values. */
    if ((err = set_int(fd, IPPROTO_TCP, TCP_KEEPIDLE, ka->idle_s))) return err;
    if ((err = set_int(fd, IPPROTO_TCP, TCP_KEEPINTVL, ka->interval_s))) return err;
    if ((err = set_int(fd, IPPROTO_TCP, TCP_KEEPCNT, ka->count))) return err;
    return set_int(fd, SOL_SOCKET, SO_KEEPALIVE, 1);
}

int ws2kit_fd_get_keepalive(int fd, uint32_t checks, struct ws2kit_keepalive *ka)
{
    uint32_t enabled = 0;
    int err;

    if ((err = check_socket(fd, checks))) return err;
    if ((err = get_int(fd, SOL_SOCKET, SO_KEEPALIVE, &enabled))) return err;
    if ((err = get_int(fd, IPPROTO_TCP, TCP_KEEPIDLE, &ka->idle_s))) return err;
    if ((err = get_int(fd, IPPROTO_TCP, TCP_KEEPINTVL, &ka->interval_s))) return err;
    if ((err = get_int(fd, IPPROTO_TCP, TCP_KEEPCNT, &ka->count))) return err;
    ka->enabled = enabled != 0;
    return 0;
}

/* One getsockopt: Wine's other fd-backed objects are files or AF_UNIX pipes. */
int ws2kit_fd_is_socket(int fd)
{
    uint32_t family = 0;

    if (get_int(fd, SOL_SOCKET, SO_DOMAIN, &family)) return WSAENOTSOCK;
    return family == AF_INET || family == AF_INET6 ? 0 : WSAENOTSOCK;
}

/* A TCP urgent byte the program has read with MSG_OOB stays in Linux's
 * receive queue until a normal read passes it.  Closing the socket with it
 * there counts as closing with unread data, so Linux resets the connection
 * (Windows closes gracefully: test_select expects recv to return 0 at the
 * peer), and new urgent data moves the mark so that the old byte comes back
 * as normal data.  When that byte is all that is left (at the mark, not
 * inline, already taken: MSG_OOB|MSG_PEEK says EINVAL, and nothing else to
 * read: SIOCINQ, which leaves the taken byte out, says 0), a non-blocking
 * 1-byte read skips it and reads nothing. */
int ws2kit_fd_skip_read_urgent(int fd)
{
    int at_mark = 0, queued = 0;
    uint32_t oob_inline = 0;
    char byte;

    if (ioctl(fd, SIOCATMARK, &at_mark) || !at_mark) return 0;
    if (get_int(fd, SOL_SOCKET, SO_OOBINLINE, &oob_inline) || oob_inline) return 0;
    if (ioctl(fd, SIOCINQ, &queued) || queued) return 0;
    if (recv(fd, &byte, 1, MSG_OOB | MSG_PEEK | MSG_DONTWAIT) >= 0 || errno != EINVAL) return 0;
    (void)recv(fd, &byte, 1, MSG_DONTWAIT);
    return 0;
}

/* Windows' SO_REUSEADDR on a stream socket: a second socket with it binds
 * and listens on the address and port of a first that has it, even one
 * already listening, and the first keeps taking the connections (Wine's
 * sock.c test_reuseaddr, checked on Windows).  Linux allows a second
 * listener only with SO_REUSEPORT on both, and then spreads connections
 * over the listeners by hash.  A classic BPF program that always answers
 * index 0, attached to the listeners' group, sends them all to its first
 * listener instead.  It is attached at listen: attached earlier it would give
 * the socket a group of its own, and Linux refuses to bind a socket with a
 * group next to another.  Where such a program cannot be attached (gVisor),
 * SO_REUSEPORT stays off: Wine's refusal of the second bind is better than
 * connections that go to a socket nobody accepts on. */
static struct sock_filter first_listener[] = { BPF_STMT(BPF_RET | BPF_K, 0) };
static struct sock_fprog first_listener_program = { 1, first_listener };

static int attach_first_listener(int fd)
{
    return setsockopt(fd, SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, &first_listener_program,
                      sizeof(first_listener_program));
}

/* Whether this kernel takes the program, tried once on a socket of our own. */
static int can_pick_first_listener(void)
{
    static int answer = -1;
    int fd, on = 1;

    if (answer >= 0) return answer;
    if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0) return 0;
    answer = !setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof(on)) && !attach_first_listener(fd);
    close(fd);
    return answer;
}

int ws2kit_fd_share_port(int fd, int what)
{
    uint32_t shared = 0;
    int on = what == WS2KIT_SHARE_PORT_ON;

    if (what == WS2KIT_SHARE_PORT_LISTENING)
    {
        if (get_int(fd, SOL_SOCKET, SO_REUSEPORT, &shared) || !shared) return 0;
        return attach_first_listener(fd) ? ws2kit_errno_to_wsa(errno) : 0;
    }
    if (on && !can_pick_first_listener()) return WSAEOPNOTSUPP;
    return setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof(on)) ? ws2kit_errno_to_wsa(errno) : 0;
}

/* Linux's numbers for the families and types Winsock has, and Windows'. */
struct number_pair { int linux_value, windows_value; };

static const struct number_pair families[] =
{
    { AF_INET,  WS_AF_INET },
    { AF_INET6, WS_AF_INET6 },
};

/* The same numbers on both systems today; converted all the same, so that
 * nothing the PE side compares is a Linux value. */
static const struct number_pair socket_types[] =
{
    { SOCK_STREAM,    WS_SOCK_STREAM },
    { SOCK_DGRAM,     WS_SOCK_DGRAM },
    { SOCK_RAW,       WS_SOCK_RAW },
    { SOCK_RDM,       WS_SOCK_RDM },
    { SOCK_SEQPACKET, WS_SOCK_SEQPACKET },
};

/* Windows' number for a Linux one; 0 when Windows has none. */
static int to_windows(const struct number_pair *pairs, size_t count, int linux_value)
{
    size_t i;

    for (i = 0; i < count; i++)
        if (pairs[i].linux_value == linux_value) return pairs[i].windows_value;
    return 0;
}

#define TO_WINDOWS(pairs, value) to_windows(pairs, sizeof(pairs) / sizeof(pairs[0]), value)

int ws2kit_fd_sockstate(int fd, struct ws2kit_sockstate_params *state)
{
    struct sockaddr_storage addr;
    socklen_t len = sizeof(addr);
    uint32_t value = 0;
    int err;

    if ((err = get_int(fd, SOL_SOCKET, SO_DOMAIN, &value))) return err;
    /* Wine's other socket-backed objects (pipes) are AF_UNIX: not Winsock's. */
    if (!(state->family = TO_WINDOWS(families, (int)value))) return WSAENOTSOCK;
    if ((err = get_int(fd, SOL_SOCKET, SO_TYPE, &value))) return err;
    state->type = TO_WINDOWS(socket_types, (int)value);
    if ((err = get_int(fd, SOL_SOCKET, SO_ACCEPTCONN, &value))) return err;
    state->listening = value != 0;
    if ((err = get_int(fd, SOL_SOCKET, SO_KEEPALIVE, &value))) return err;
    state->keepalive = value != 0;
    if (getsockname(fd, (struct sockaddr *)&addr, &len)) return wsa_errno();
    /* sin_port and sin6_port sit at the same offset */
    state->bound = ((struct sockaddr_in *)&addr)->sin_port != 0;
    len = sizeof(addr);
    state->connected = !getpeername(fd, (struct sockaddr *)&addr, &len);
    return 0;
}
