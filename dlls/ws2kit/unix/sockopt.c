/* Socket options on a Linux fd.  The PE side's option table says where a
 * Windows option's value lives; for the ones the Linux socket holds it names
 * the option the Windows way, and the table here knows the Linux option,
 * the conversion of its value, and the socket types it is valid for.  Errors
 * are reported as Winsock's. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/sockios.h>

#include "unix_private.h"
#include "ws2kit/keepalive_linux.h"

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

/* An int option of the Linux socket; 0 or the Winsock error. */
int ws2kit_fd_get_int(int fd, int level, int name, uint32_t *value)
{
    int v;
    socklen_t len = sizeof(v);
    if (getsockopt(fd, level, name, &v, &len)) return wsa_errno();
    *value = v;
    return 0;
}

#define FAMILY_OR_TYPE_CHECKS \
    (WS2KIT_CHECK_STREAM | WS2KIT_CHECK_DGRAM | WS2KIT_CHECK_NOT_STREAM | WS2KIT_CHECK_IPV4)

/* The socket's family and type against the checks.  An fd that is no IPv4
 * or IPv6 socket is no Winsock socket (Wine's pipes are AF_UNIX ones). */
static int check_family_and_type(int fd, uint32_t checks)
{
    uint32_t family = 0, type = 0;
    int err;

    if ((err = ws2kit_fd_get_int(fd, SOL_SOCKET, SO_DOMAIN, &family))) return err;
    if (family != AF_INET && family != AF_INET6) return WSAENOTSOCK;
    if ((err = ws2kit_fd_get_int(fd, SOL_SOCKET, SO_TYPE, &type))) return err;
    if ((checks & WS2KIT_CHECK_STREAM) && type != SOCK_STREAM) return WSAENOPROTOOPT;
    if ((checks & WS2KIT_CHECK_DGRAM) && type != SOCK_DGRAM) return WSAENOPROTOOPT;
    if ((checks & WS2KIT_CHECK_IPV4) && family != AF_INET) return WSAENOPROTOOPT;
    if ((checks & WS2KIT_CHECK_NOT_STREAM) && type == SOCK_STREAM) return WSAEINVAL;
    return 0;
}

/* The checks the option tables ask for, in Windows' order of precedence. */
static int check_socket(int fd, uint32_t checks)
{
    int err;

    if ((checks & FAMILY_OR_TYPE_CHECKS) && (err = check_family_and_type(fd, checks))) return err;
    /* Vista and later refuse keep-alive changes in a transitional state. */
    if ((checks & WS2KIT_CHECK_NOT_CONNECTING) && tcp_is_connecting(fd)) return WSAEINVAL;
    return 0;
}

int ws2kit_fd_linux_getsockopt(int fd, struct ws2kit_linux_sockopt *opt)
{
    socklen_t len;
    int err;

    if (opt->len < 0) return WSAEFAULT;
    if ((err = check_socket(fd, opt->checks))) return err;
    len = opt->len;
    if (getsockopt(fd, opt->level, opt->name, opt->value, &len)) return wsa_errno();
    opt->len = len;
    return 0;
}

int ws2kit_fd_linux_setsockopt(int fd, const struct ws2kit_linux_sockopt *opt)
{
    int err;

    if (opt->len < 0) return WSAEFAULT;
    if ((err = check_socket(fd, opt->checks))) return err;
    if (setsockopt(fd, opt->level, opt->name, opt->value, opt->len)) return wsa_errno();
    return 0;
}

static int set_int(int fd, int level, int name, int value)
{
    return setsockopt(fd, level, name, &value, sizeof(value)) ? wsa_errno() : 0;
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
static int windows_number(const struct number_pair *pairs, size_t count, int linux_value)
{
    size_t i;

    for (i = 0; i < count; i++)
        if (pairs[i].linux_value == linux_value) return pairs[i].windows_value;
    return 0;
}

#define WINDOWS_NUMBER(pairs, value) windows_number(pairs, sizeof(pairs) / sizeof(pairs[0]), value)

/* One Windows option the Linux socket holds: the key is Windows' (level,
 * option), the rest is Linux's. */
struct option_row
{
    int32_t win_level, win_name;
    int level, name;          /* Linux's */
    uint32_t checks;          /* WS2KIT_CHECK_*: the socket types Windows has it for */
    int (*to_linux)(const struct option_row *row, uint32_t value);   /* NULL: as it is */
    uint32_t (*to_windows)(int value);                               /* NULL: as it is */
    int min, max;             /* clamp_to_linux */
    int (*set)(int fd, const struct option_row *row, uint32_t checks, int value); /* NULL: set_one */
};

/* Linux's limit and the nearest value it holds instead (the PE side
 * remembers what the program set, and reads that back as Windows does). */
static int clamp_to_linux(const struct option_row *row, uint32_t value)
{
    if (value < (uint32_t)row->min) return row->min;
    if (value > (uint32_t)row->max) return row->max;
    return (int)value;
}

/* TCP_MAXRT counts seconds and TCP_MAXRTMS milliseconds, ~0 meaning "never
 * give up"; Linux's TCP_USER_TIMEOUT counts milliseconds and has no "never":
 * its 0, the system's own limit, is the nearest. */
#define NEVER 0xffffffffu

static int seconds_to_user_timeout(const struct option_row *row, uint32_t s)
{
    (void)row;
    if (s == NEVER) return 0;
    return s > INT_MAX / 1000 ? INT_MAX : (int)s * 1000;
}

static uint32_t user_timeout_to_seconds(int ms)
{
    return ms ? ((uint32_t)ms + 999) / 1000 : NEVER;
}

static int ms_to_user_timeout(const struct option_row *row, uint32_t ms)
{
    (void)row;
    if (ms == NEVER) return 0;
    return ms > INT_MAX ? INT_MAX : (int)ms;
}

static uint32_t user_timeout_to_ms(int ms)
{
    return ms ? (uint32_t)ms : NEVER;
}

/* TCP_NOSYNRETRIES: Linux cannot send no SYN retransmission at all; a
 * TCP_SYNCNT of 1 (one) is the nearest, and off restores its default of 6. */
#define LINUX_DEFAULT_SYNCNT 6

static int no_retries_to_syncnt(const struct option_row *row, uint32_t on)
{
    (void)row;
    return on ? 1 : LINUX_DEFAULT_SYNCNT;
}

static uint32_t syncnt_to_no_retries(int count)
{
    return count == 1;
}

/* Linux doubles SO_SNDBUF for its bookkeeping and reports the doubled size. */
static uint32_t sndbuf_as_asked(int doubled)
{
    return (uint32_t)(doubled / 2);
}

static uint32_t type_to_windows(int type)
{
    return WINDOWS_NUMBER(socket_types, type);
}

static int set_one(int fd, const struct option_row *row, uint32_t checks, int value)
{
    struct ws2kit_linux_sockopt opt = { row->level, row->name, checks, sizeof(value), &value };
    return ws2kit_fd_linux_setsockopt(fd, &opt);
}

/* TCP_FAIL_CONNECT_ON_ICMP_ERROR's part on the Linux socket (the PE side
 * turns it on for a connect and off once connected): Linux queues the ICMP
 * errors a socket receives only while IP_RECVERR, or IPV6_RECVERR on an IPv6
 * socket, is on.  An IPv6 socket gets both, IP_RECVERR for its IPv4-mapped
 * peers; there only the IPv6 one's error counts. */
static int set_recverr(int fd, const struct option_row *row, uint32_t checks, int on)
{
    uint32_t family = 0;
    int err;

    if (ws2kit_fd_get_int(fd, SOL_SOCKET, SO_DOMAIN, &family) || (family != AF_INET && family != AF_INET6))
        return WSAENOTSOCK;
    if ((err = check_socket(fd, checks))) return err;
    if (family == AF_INET6 && (err = set_int(fd, IPPROTO_IPV6, IPV6_RECVERR, on))) return err;
    err = set_one(fd, row, checks, on);
    return family == AF_INET6 ? 0 : err;
}

static const struct option_row option_table[] =
{
    { .win_level = WS_SOL_SOCKET, .win_name = WS_SO_ACCEPTCONN, .level = SOL_SOCKET, .name = SO_ACCEPTCONN },
    { .win_level = WS_SOL_SOCKET, .win_name = WS_SO_BROADCAST, .level = SOL_SOCKET, .name = SO_BROADCAST },
    /* Read here; set through the keep-alive policy (ws2kit_fd_set_keepalive). */
    { .win_level = WS_SOL_SOCKET, .win_name = WS_SO_KEEPALIVE, .level = SOL_SOCKET, .name = SO_KEEPALIVE,
      .checks = WS2KIT_CHECK_STREAM },
    { .win_level = WS_SOL_SOCKET, .win_name = WS_SO_OOBINLINE, .level = SOL_SOCKET, .name = SO_OOBINLINE,
      .checks = WS2KIT_CHECK_STREAM },
    /* The Linux send buffer as asked for; programs set and read the option on the wineserver. */
    { .win_level = WS_SOL_SOCKET, .win_name = WS_SO_SNDBUF, .level = SOL_SOCKET, .name = SO_SNDBUF,
      .to_windows = sndbuf_as_asked },
    { .win_level = WS_SOL_SOCKET, .win_name = WS_SO_TYPE, .level = SOL_SOCKET, .name = SO_TYPE,
      .to_windows = type_to_windows },
    /* Windows refuses these on a TCP socket with WSAEINVAL (Wine's
     * conformance test_sockopt_validity), as it does IP_MULTICAST_IF; Linux
     * keeps them for any IPv4 socket. */
    { .win_level = WS_IPPROTO_IP, .win_name = WS_IP_MULTICAST_LOOP, .level = IPPROTO_IP, .name = IP_MULTICAST_LOOP,
      .checks = WS2KIT_CHECK_NOT_STREAM },
    { .win_level = WS_IPPROTO_IP, .win_name = WS_IP_MULTICAST_TTL, .level = IPPROTO_IP, .name = IP_MULTICAST_TTL,
      .checks = WS2KIT_CHECK_NOT_STREAM },
    { .win_level = WS_IPPROTO_IP, .win_name = WS_IP_TOS, .level = IPPROTO_IP, .name = IP_TOS },
    { .win_level = WS_IPPROTO_IP, .win_name = WS_IP_TTL, .level = IPPROTO_IP, .name = IP_TTL },
    /* IPPROTO_TCP rows need no type check unless converted: Linux answers
     * ENOPROTOOPT (WSAENOPROTOOPT) for TCP options on any other socket. */
    { .win_level = WS_IPPROTO_TCP, .win_name = WS_TCP_NODELAY, .level = IPPROTO_TCP, .name = TCP_NODELAY },
    /* Windows takes any number of seconds and up to 255 probes; Linux refuses
     * values outside 1..32767 s and 1..127 probes (keepalive_linux.h's [LINUX]). */
    { .win_level = WS_IPPROTO_TCP, .win_name = WS_TCP_KEEPALIVE, .level = IPPROTO_TCP, .name = TCP_KEEPIDLE,
      .to_linux = clamp_to_linux, .min = KA_LINUX_MIN_SECONDS, .max = KA_LINUX_MAX_IDLE },
    { .win_level = WS_IPPROTO_TCP, .win_name = WS_TCP_KEEPINTVL, .level = IPPROTO_TCP, .name = TCP_KEEPINTVL,
      .to_linux = clamp_to_linux, .min = KA_LINUX_MIN_SECONDS, .max = KA_LINUX_MAX_INTERVAL },
    { .win_level = WS_IPPROTO_TCP, .win_name = WS_TCP_KEEPCNT, .level = IPPROTO_TCP, .name = TCP_KEEPCNT,
      .to_linux = clamp_to_linux, .min = KA_LINUX_MIN_COUNT, .max = KA_LINUX_MAX_COUNT },
    { .win_level = WS_IPPROTO_TCP, .win_name = WS_TCP_MAXSEG, .level = IPPROTO_TCP, .name = TCP_MAXSEG },
    /* A client's TCP Fast Open: Linux's TCP_FASTOPEN is the listener's. */
    { .win_level = WS_IPPROTO_TCP, .win_name = WS_TCP_FASTOPEN, .level = IPPROTO_TCP, .name = TCP_FASTOPEN_CONNECT },
    /* Converted before Linux sees them: the stream check comes first. */
    { .win_level = WS_IPPROTO_TCP, .win_name = WS_TCP_MAXRT, .level = IPPROTO_TCP, .name = TCP_USER_TIMEOUT,
      .checks = WS2KIT_CHECK_STREAM, .to_linux = seconds_to_user_timeout, .to_windows = user_timeout_to_seconds },
    { .win_level = WS_IPPROTO_TCP, .win_name = WS_TCP_MAXRTMS, .level = IPPROTO_TCP, .name = TCP_USER_TIMEOUT,
      .checks = WS2KIT_CHECK_STREAM, .to_linux = ms_to_user_timeout, .to_windows = user_timeout_to_ms },
    { .win_level = WS_IPPROTO_TCP, .win_name = WS_TCP_NOSYNRETRIES, .level = IPPROTO_TCP, .name = TCP_SYNCNT,
      .checks = WS2KIT_CHECK_STREAM, .to_linux = no_retries_to_syncnt, .to_windows = syncnt_to_no_retries },
    { .win_level = WS_IPPROTO_TCP, .win_name = WS_TCP_FAIL_CONNECT_ON_ICMP_ERROR, .level = IPPROTO_IP,
      .name = IP_RECVERR, .set = set_recverr },
    /* A zero checksum: a socket option on Linux, a UDP one on Windows.
     * Microsoft documents it as not supported for IPv6, where the UDP
     * checksum is mandatory: WSAENOPROTOOPT, as for any option its protocol
     * does not have.  (Linux's SO_NO_CHECK takes any non-zero as TRUE.) */
    { .win_level = WS_IPPROTO_UDP, .win_name = WS_UDP_NOCHECKSUM, .level = SOL_SOCKET, .name = SO_NO_CHECK,
      .checks = WS2KIT_CHECK_DGRAM | WS2KIT_CHECK_IPV4 },
    /* Send segmentation: Linux's UDP_SEGMENT splits a send the same way. */
    { .win_level = WS_IPPROTO_UDP, .win_name = WS_UDP_SEND_MSG_SIZE, .level = IPPROTO_UDP, .name = UDP_SEGMENT,
      .checks = WS2KIT_CHECK_DGRAM },
};

static const struct option_row *find_option(int32_t level, int32_t name)
{
    size_t i;

    for (i = 0; i < sizeof(option_table) / sizeof(option_table[0]); i++)
        if (option_table[i].win_level == level && option_table[i].win_name == name) return &option_table[i];
    return NULL;
}

/* The PE side's calls: a Windows option and a 4-byte value in Windows terms.
 * Its own checks (params->checks) add to the option's. */
int ws2kit_fd_getsockopt(int fd, struct ws2kit_sockopt_params *params)
{
    const struct option_row *row = find_option(params->level, params->name);
    int value = 0, err;
    uint32_t out;
    struct ws2kit_linux_sockopt opt;

    if (!row) return WSAENOPROTOOPT;
    if (params->len < (int32_t)sizeof(out)) return WSAEFAULT;
    opt = (struct ws2kit_linux_sockopt){ row->level, row->name, row->checks | params->checks, sizeof(value), &value };
    if ((err = ws2kit_fd_linux_getsockopt(fd, &opt))) return err;
    out = row->to_windows ? row->to_windows(value) : (uint32_t)value;
    memcpy(params->value, &out, sizeof(out));
    params->len = sizeof(out);
    return 0;
}

int ws2kit_fd_setsockopt(int fd, const struct ws2kit_sockopt_params *params)
{
    const struct option_row *row = find_option(params->level, params->name);
    uint32_t value;
    int linux_value;

    if (!row) return WSAENOPROTOOPT;
    if (params->len < (int32_t)sizeof(value)) return WSAEFAULT;
    memcpy(&value, params->value, sizeof(value));
    linux_value = row->to_linux ? row->to_linux(row, value) : (int)value;
    return (row->set ? row->set : set_one)(fd, row, row->checks | params->checks, linux_value);
}

int ws2kit_fd_set_keepalive(int fd, uint32_t checks, const struct ws2kit_keepalive *ka, int timers_set)
{
    struct ka_windows windows = { ka->enabled, ka->time_ms, ka->interval_ms, ka->probes };
    struct ka_linux linux_ka;
    int err;

    ka_to_linux(&windows, &linux_ka);
    /* Turning it on sets TCP timers first, which Linux refuses on any other
     * socket (WSAENOPROTOOPT); only turning it off needs the type check. */
    if (!linux_ka.enable_kernel_keepalive) checks |= WS2KIT_CHECK_STREAM;
    if ((err = check_socket(fd, checks))) return err;
    if (!linux_ka.enable_kernel_keepalive) return set_int(fd, SOL_SOCKET, SO_KEEPALIVE, 0);
    /* Three system calls saved: the socket holds these timers already. */
    if (timers_set) return set_int(fd, SOL_SOCKET, SO_KEEPALIVE, 1);

    /* Timers first, so that no probe is ever scheduled with stale values. */
    if ((err = set_int(fd, IPPROTO_TCP, TCP_KEEPIDLE, linux_ka.idle_s))) return err;
    if ((err = set_int(fd, IPPROTO_TCP, TCP_KEEPINTVL, linux_ka.interval_s))) return err;
    if ((err = set_int(fd, IPPROTO_TCP, TCP_KEEPCNT, linux_ka.count))) return err;
    return set_int(fd, SOL_SOCKET, SO_KEEPALIVE, 1);
}

int ws2kit_fd_get_keepalive(int fd, uint32_t checks, struct ws2kit_keepalive *ka)
{
    uint32_t enabled = 0, idle_s = 0, interval_s = 0;
    int err;

    if ((err = check_socket(fd, checks))) return err;
    if ((err = ws2kit_fd_get_int(fd, SOL_SOCKET, SO_KEEPALIVE, &enabled))) return err;
    if ((err = ws2kit_fd_get_int(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle_s))) return err;
    if ((err = ws2kit_fd_get_int(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval_s))) return err;
    if ((err = ws2kit_fd_get_int(fd, IPPROTO_TCP, TCP_KEEPCNT, &ka->probes))) return err;
    ka->enabled = enabled != 0;
    ka->time_ms = idle_s * 1000;
    ka->interval_ms = interval_s * 1000;
    return 0;
}

/* One getsockopt: Wine's other fd-backed objects are files or AF_UNIX pipes. */
int ws2kit_fd_is_socket(int fd)
{
    uint32_t family = 0;

    if (ws2kit_fd_get_int(fd, SOL_SOCKET, SO_DOMAIN, &family)) return WSAENOTSOCK;
    return family == AF_INET || family == AF_INET6 ? 0 : WSAENOTSOCK;
}

int ws2kit_fd_sockstate(int fd, struct ws2kit_sockstate_params *state)
{
    struct sockaddr_storage addr;
    socklen_t len = sizeof(addr);
    uint32_t value = 0;
    int err;

    if ((err = ws2kit_fd_get_int(fd, SOL_SOCKET, SO_DOMAIN, &value))) return err;
    /* Wine's other socket-backed objects (pipes) are AF_UNIX: not Winsock's. */
    if (!(state->family = WINDOWS_NUMBER(families, (int)value))) return WSAENOTSOCK;
    if ((err = ws2kit_fd_get_int(fd, SOL_SOCKET, SO_TYPE, &value))) return err;
    state->type = WINDOWS_NUMBER(socket_types, (int)value);
    if ((err = ws2kit_fd_get_int(fd, SOL_SOCKET, SO_ACCEPTCONN, &value))) return err;
    state->listening = value != 0;
    if ((err = ws2kit_fd_get_int(fd, SOL_SOCKET, SO_KEEPALIVE, &value))) return err;
    state->keepalive = value != 0;
    if ((err = ws2kit_fd_get_int(fd, SOL_SOCKET, SO_PROTOCOL, &value))) return err;
    state->protocol = (int32_t)value;
    if (getsockname(fd, (struct sockaddr *)&addr, &len)) return wsa_errno();
    /* sin_port and sin6_port sit at the same offset */
    state->bound = ((struct sockaddr_in *)&addr)->sin_port != 0;
    len = sizeof(addr);
    state->connected = !getpeername(fd, (struct sockaddr *)&addr, &len);
    return 0;
}
