/* The interface between ws2_32.dll (PE side) and ws2kit.so (Unix side).
 *
 * The PE side calls ws2kit_unix_call(code, &params); the Unix side's function
 * at index `code` of __wine_unix_call_funcs runs with the params struct.
 * Every function returns 0 on success or a Winsock error code (WSAE*), which
 * the Unix side derives from errno through one table (unix/errors.c).
 *
 * Both sides are built for the same CPU: x86_64 PE with x86_64 ELF for 64-bit
 * programs, i386 PE with i386 ELF for 32-bit ones (Wine 8.0 runs those with
 * its 32-bit ntdll.so).  Pointers and int32_t have the same sizes on both
 * sides, and `long` is avoided because it does not.  64-bit integers are the
 * one trap: i386 Linux aligns them to 4 bytes inside a struct, Windows to 8,
 * so every 64-bit field is a ws2kit_u64 (8-byte aligned on both sides), and
 * the asserts at the end pin the layouts each side compiles.
 */
#ifndef WS2KIT_UNIXLIB_H
#define WS2KIT_UNIXLIB_H

#include <stdint.h>

/* The Unix side's entries, in the order of __wine_unix_call_funcs.  One list
 * gives the enum, and the names that traces and fault injection use. */
#define WS2KIT_UNIX_FUNCS(X) \
    X(init)                  \
    X(getaddrinfo)           \
    X(getnameinfo)           \
    X(gethostname)           \
    X(getsockopt)            \
    X(setsockopt)            \
    X(set_keepalive)         \
    X(get_keepalive)         \
    X(sockstate)             \
    X(interfaces)            \
    X(route_query)           \
    X(tcp_info)              \
    X(forget_fd)             \
    X(sweep_own_fds)         \
    X(is_socket)             \
    X(icmp_error)            \
    X(urgent_close)          \
    X(urgent_state)          \
    X(urgent_recv)           \
    X(urgent_clear_way)      \
    X(share_port)            \
    X(fast_send)             \
    X(fast_recv)             \
    X(watch_add)             \
    X(watch_urgent)          \
    X(watch_wait)            \
    X(watch_level)

enum ws2kit_unix_func
{
#define WS2KIT_UNIX_ENUM(name) ws2kit_unix_##name,
    WS2KIT_UNIX_FUNCS(WS2KIT_UNIX_ENUM)
#undef WS2KIT_UNIX_ENUM
    ws2kit_unix_func_count
};

/* The first call.  The PE side passes the version of the Wine it runs in
 * (ntdll's wine_get_version()); the Unix side picks how to call that Wine's
 * ntdll.so, or answers WSASYSNOTREADY for a Wine whose ABI it does not know. */
struct ws2kit_init_params
{
    char wine_version[64];      /* in, NUL-terminated */
    char ntdll_convention[16];  /* out: "ms_abi", "sysv" or "cdecl", for traces */
};

/* The most buffers one send may hand the host: Wine's device passes a send's
 * WSABUF array to Linux's sendmsg as it is, and Linux takes at most IOV_MAX
 * (1024) iovecs. */
#define WS2KIT_HOST_MAX_BUFFERS 1024

/* Checks the Unix side makes before touching an option: its option table
 * holds each option's own; struct ws2kit_sockopt_params.checks and the
 * keep-alive calls' add the caller's. */
#define WS2KIT_CHECK_STREAM        0x1 /* WSAENOPROTOOPT unless SOCK_STREAM */
#define WS2KIT_CHECK_NOT_CONNECTING 0x2 /* WSAEINVAL while a TCP connect is in progress */
#define WS2KIT_CHECK_DGRAM         0x4 /* WSAENOPROTOOPT unless SOCK_DGRAM */
#define WS2KIT_CHECK_NOT_STREAM    0x8 /* WSAEINVAL on a SOCK_STREAM socket */
#define WS2KIT_CHECK_IPV4          0x10 /* WSAENOPROTOOPT unless AF_INET */

/* A socket handle as the Unix side sees it (a Wine HANDLE value), with marks
 * that say why Wine's ntdll may not cache the socket's fd, so that every
 * conversion would be a wineserver round trip; ws2kit.so then keeps an fd of
 * its own, until the PE side says to forget it (ws2kit_unix_forget_fd):
 *  - WS2KIT_HANDLE_FRESH: a stream socket that ws2kit created and that has
 *    not been bound, connected or listened on yet (an accept could still
 *    swap its fd);
 *  - WS2KIT_HANDLE_ACCEPTED: a socket accept() made, which only some Wines'
 *    ntdll caches (ws2kit.so knows which). */
typedef uint64_t ws2kit_u64 __attribute__((aligned(8)));
typedef ws2kit_u64 ws2kit_handle_t;
#define WS2KIT_HANDLE_FRESH    (1ull << 63)
#define WS2KIT_HANDLE_ACCEPTED (1ull << 62)
#define WS2KIT_HANDLE_MARKS    (WS2KIT_HANDLE_FRESH | WS2KIT_HANDLE_ACCEPTED)

/* For the calls that need only the handle (forget_fd, is_socket). */
struct ws2kit_handle_params
{
    ws2kit_handle_t handle;
};

/* TCP urgent data, kept by ws2kit.so the way Windows keeps it
 * (dlls/ws2kit/unix/urgent.c), for the sockets the PE side marks as using
 * it.  urgent_state: the urgent bytes waiting for recv(MSG_OOB), the normal
 * bytes unread as Windows counts them (FIONREAD), whether SO_OOBINLINE is
 * on. */
struct ws2kit_urgent_state_params
{
    ws2kit_handle_t handle;
    uint32_t waiting;     /* out */
    uint32_t unread;      /* out */
    uint32_t oob_inline;  /* out */
    uint32_t unused;
};

/* urgent_recv: recv(MSG_OOB) of one byte from the queue; got 0: none waits. */
struct ws2kit_urgent_recv_params
{
    ws2kit_handle_t handle;
    uint32_t peek;        /* in: leave the byte waiting */
    uint32_t got;         /* out */
    uint32_t value;       /* out */
    uint32_t unused;
};

/* urgent_clear_way: gets a normal read through Wine's device ready, and
 * says how many bytes it may return before an urgent byte that Linux would
 * give as normal data (UINT64_MAX: no limit).  urgent_close (a
 * ws2kit_handle_params): before closesocket, reads away urgent bytes already
 * read with MSG_OOB that are all that is left, and forgets the queue. */
struct ws2kit_urgent_clear_way_params
{
    ws2kit_handle_t handle;
    ws2kit_u64 limit;     /* out */
};

/* share_port: sharing a stream socket's port as Windows does (see
 * dlls/ws2kit/unix/ports.c); nothing to do on any other type of socket.
 *   OFF/ON: the program set Windows' SO_REUSEADDR; WSAEOPNOTSUPP where Linux
 *     cannot give Windows' behaviour, the socket left as it was.
 *   BOUND: after every bind that worked.
 *   LISTENING: after every listen.
 *   BESIDE: Linux refused a bind to addr/port (as the program gave them)
 *     that the wineserver let through; 0 means bind again. */
enum ws2kit_share_port
{
    WS2KIT_SHARE_PORT_OFF, WS2KIT_SHARE_PORT_ON, WS2KIT_SHARE_PORT_LISTENING, WS2KIT_SHARE_PORT_BOUND,
    WS2KIT_SHARE_PORT_BESIDE,
};

struct ws2kit_share_port_params
{
    ws2kit_handle_t handle;
    int32_t what;         /* enum ws2kit_share_port */
    uint16_t port;        /* BESIDE: network order */
    uint16_t unused;
    uint8_t addr[16];     /* BESIDE: the address's bytes (4 for IPv4) */
};

/* One option of the Linux socket, named the Windows way: ws2kit.so's option
 * table (unix/sockopt.c) knows the Linux option, converts the value both
 * ways (clamped where Linux holds less than Windows takes) and makes the
 * socket type checks; WSAENOPROTOOPT for an option it does not have. */
struct ws2kit_sockopt_params
{
    ws2kit_handle_t handle;
    int32_t level;        /* Windows level (SOL_SOCKET = 0xffff, IPPROTO_TCP = 6, ...) */
    int32_t name;         /* Windows option name */
    uint32_t checks;      /* WS2KIT_CHECK_*, on top of the option's own */
    int32_t len;          /* in: buffer size, at least 4; out (get): 4 */
    void *value;          /* a DWORD in Windows' terms */
};

/* Keep-alive in Windows' terms.  set_keepalive gives the Linux socket the
 * nearest it holds (whole seconds, Linux's ranges; no probes at all, which
 * Linux cannot express, leaves SO_KEEPALIVE off); get_keepalive reads what
 * the Linux socket holds back in the same terms. */
struct ws2kit_keepalive
{
    int32_t enabled;      /* keep-alive on */
    uint32_t time_ms;     /* idle time before the first probe */
    uint32_t interval_ms; /* between probes */
    uint32_t probes;      /* how many probes before the connection is dropped */
};

struct ws2kit_keepalive_params
{
    ws2kit_handle_t handle;
    uint32_t checks;      /* WS2KIT_CHECK_*; turning it off adds WS2KIT_CHECK_STREAM */
    struct ws2kit_keepalive ka; /* in for set, out for get; set with enabled == 0 only turns it off */
    uint32_t timers_set;  /* set: the socket already holds these timers (the PE side gave them last) */
};

/* What the Linux socket says about itself, in Windows' numbers: cheap for a
 * connected socket (no wineserver round trip), so error paths can apply
 * Windows' rules. */
struct ws2kit_sockstate_params
{
    ws2kit_handle_t handle;
    int32_t family;       /* out: Windows AF_INET (2) or AF_INET6 (23); anything else is not a Winsock socket */
    int32_t type;         /* out: Windows SOCK_STREAM, SOCK_DGRAM, ... (0: a type Windows does not have) */
    int32_t bound;        /* out: has a local port */
    int32_t connected;    /* out: has a peer */
    int32_t listening;    /* out: SO_ACCEPTCONN */
    int32_t keepalive;    /* out: SO_KEEPALIVE */
    int32_t protocol;     /* out: SO_PROTOCOL (IPPROTO_TCP 6, IPPROTO_UDP 17: the same numbers on both) */
    int32_t unused;
};

/* Addresses cross the boundary in Windows layout; AF_INET6 is 23 on Windows. */
#define WS2KIT_MAX_SOCKADDR 28

/* fast_send / fast_recv: one send or receive done on the socket's Linux fd,
 * without Wine's socket device (the PE side's dlls/ws2_32/fastio.c says when
 * that is allowed).  Addresses are passed as numbers, so the struct has one
 * layout in 32-bit and 64-bit builds.
 *
 * Returns 0 with `done` bytes moved (for a receive, 0 is end of file), a
 * Winsock error that the socket itself reported and that is now the call's
 * answer, WSAEWOULDBLOCK when nothing could move at once or within wait_us,
 * or WS2KIT_FAST_NOT_TAKEN: the socket is as it was (apart from `done`
 * bytes already sent), and the PE side goes through the device. */
#define WS2KIT_FAST_NOT_TAKEN     1
#define WS2KIT_FAST_MAX_BUFFERS   16
#define WS2KIT_FAST_PEEK          0x1   /* recv: MSG_PEEK */
#define WS2KIT_FAST_URGENT        0x2   /* recv: leave out urgent data (urgent.c) */

struct ws2kit_fast_buffer
{
    ws2kit_u64 addr;
    uint32_t len;
    uint32_t unused;
};

struct ws2kit_fast_params
{
    ws2kit_handle_t handle;
    ws2kit_u64 addr;      /* Windows sockaddr: destination (send), source (recv); 0: none */
    int32_t addr_len;     /* its size; out (recv): the length written */
    uint32_t flags;       /* WS2KIT_FAST_* */
    uint32_t wait_us;     /* how long to wait for room or data before WSAEWOULDBLOCK */
    uint32_t count;
    ws2kit_u64 done;      /* out: bytes sent or received */
    struct ws2kit_fast_buffer buffers[WS2KIT_FAST_MAX_BUFFERS];
};

struct ws2kit_addrinfo_entry
{
    int32_t family, socktype, protocol;  /* Windows values */
    int32_t addrlen;
    unsigned char addr[WS2KIT_MAX_SOCKADDR];
};

struct ws2kit_getaddrinfo_params
{
    const char *node;     /* UTF-8 or NULL */
    const char *service;  /* UTF-8 or NULL */
    int32_t family, socktype, protocol, flags;  /* Windows hints */
    struct ws2kit_addrinfo_entry *entries;      /* out */
    uint32_t max_entries;
    uint32_t count;                             /* out: entries found (may exceed max) */
    char *canonname;                            /* out, optional */
    uint32_t canonname_size;
};

struct ws2kit_getnameinfo_params
{
    const unsigned char *addr;   /* Windows sockaddr */
    int32_t addrlen;
    char *host;
    uint32_t host_size;
    char *serv;
    uint32_t serv_size;
    int32_t flags;               /* Windows NI_* flags */
};

/* One address of a network interface, as SIO_GET_INTERFACE_LIST and
 * SIO_ADDRESS_LIST_QUERY report them (Windows layout and numbers). */
#define WS2KIT_IFF_UP           0x01
#define WS2KIT_IFF_BROADCAST    0x02
#define WS2KIT_IFF_LOOPBACK     0x04
#define WS2KIT_IFF_POINTTOPOINT 0x08
#define WS2KIT_IFF_MULTICAST    0x10

struct ws2kit_interface
{
    int32_t family;       /* Windows: 2 or 23 */
    uint32_t flags;       /* WS2KIT_IFF_* */
    int32_t addrlen;
    unsigned char addr[WS2KIT_MAX_SOCKADDR];
    unsigned char netmask[WS2KIT_MAX_SOCKADDR];
    unsigned char broadcast[WS2KIT_MAX_SOCKADDR];
};

struct ws2kit_interfaces_params
{
    int32_t family;       /* Windows family to list, 0 for both */
    struct ws2kit_interface *entries;
    uint32_t max_entries;
    uint32_t count;       /* out: addresses found (may exceed max_entries) */
};

/* The local address the host would use to reach a destination. */
struct ws2kit_route_query_params
{
    unsigned char dest[WS2KIT_MAX_SOCKADDR];   /* Windows sockaddr */
    int32_t dest_len;
    unsigned char local[WS2KIT_MAX_SOCKADDR];  /* out */
    int32_t local_len;                         /* out */
};

/* TCP_INFO_v1's fields, filled from Linux's tcp_info in Windows' units. */
struct ws2kit_tcp_info
{
    uint32_t state;       /* Windows TCPSTATE */
    uint32_t mss;
    uint32_t timestamps;
    uint32_t rtt_us, min_rtt_us;
    uint32_t bytes_in_flight, cwnd, snd_wnd, rcv_wnd, rcv_buf;
    ws2kit_u64 bytes_out, bytes_in;
    uint32_t bytes_reordered, bytes_retrans, fast_retrans, dup_acks_in, timeout_episodes, syn_retrans;
    uint32_t snd_lim_time_rwin, snd_lim_time_cwnd, snd_lim_time_snd;   /* ms */
    uint32_t peer_fin;    /* the peer's FIN has come (Windows' POLLHUP) */
};

struct ws2kit_tcp_info_params
{
    ws2kit_handle_t handle;
    struct ws2kit_tcp_info info;  /* out */
};

/* The latest ICMP error the Linux socket queued (IP_RECVERR/IPV6_RECVERR),
 * taking the socket's error queue. */
struct ws2kit_icmp_error_params
{
    ws2kit_handle_t handle;
    int32_t found;                          /* out: 0 when the queue held no ICMP error */
    unsigned char source[WS2KIT_MAX_SOCKADDR]; /* out: Windows sockaddr of the sender */
    int32_t icmpv6;                         /* out: ICMPv6 rather than ICMP */
    uint8_t type, code;                     /* out */
};

struct ws2kit_gethostname_params
{
    char *name;
    uint32_t size;
    uint32_t needed;             /* out: length including the terminator */
};

/* The params that hold pointers, as a 32-bit ws2_32.dll lays them out.  In
 * the new WoW64 (Wine 9+ built with --enable-archs=i386,x86_64) a 32-bit
 * module's Unix calls reach the 64-bit ws2kit.so with a pointer to these;
 * unix/wow64.c converts them.  The other params have no pointers and the
 * same layout in both builds. */
typedef uint32_t ws2kit_ptr32;

struct ws2kit_sockopt_params32
{
    ws2kit_handle_t handle;
    int32_t level, name;
    uint32_t checks;
    int32_t len;
    ws2kit_ptr32 value;
};

struct ws2kit_getaddrinfo_params32
{
    ws2kit_ptr32 node, service;
    int32_t family, socktype, protocol, flags;
    ws2kit_ptr32 entries;
    uint32_t max_entries;
    uint32_t count;
    ws2kit_ptr32 canonname;
    uint32_t canonname_size;
};

struct ws2kit_getnameinfo_params32
{
    ws2kit_ptr32 addr;
    int32_t addrlen;
    ws2kit_ptr32 host;
    uint32_t host_size;
    ws2kit_ptr32 serv;
    uint32_t serv_size;
    int32_t flags;
};

struct ws2kit_interfaces_params32
{
    int32_t family;
    ws2kit_ptr32 entries;
    uint32_t max_entries;
    uint32_t count;
};

struct ws2kit_gethostname_params32
{
    ws2kit_ptr32 name;
    uint32_t size;
    uint32_t needed;
};

/* A 32-bit build's own structs must be the ones wow64.c converts. */
#if defined(__i386__)
#define WS2KIT_SAME_AS_32(type) \
    _Static_assert(sizeof(struct type) == sizeof(struct type##32), #type " differs from " #type "32")
#define WS2KIT_SAME_FIELD_32(type, field) \
    _Static_assert(__builtin_offsetof(struct type, field) == __builtin_offsetof(struct type##32, field), \
                   #type "." #field " differs from " #type "32")
WS2KIT_SAME_AS_32(ws2kit_sockopt_params);
WS2KIT_SAME_FIELD_32(ws2kit_sockopt_params, len);
WS2KIT_SAME_FIELD_32(ws2kit_sockopt_params, value);
WS2KIT_SAME_AS_32(ws2kit_getaddrinfo_params);
WS2KIT_SAME_FIELD_32(ws2kit_getaddrinfo_params, node);
WS2KIT_SAME_FIELD_32(ws2kit_getaddrinfo_params, service);
WS2KIT_SAME_FIELD_32(ws2kit_getaddrinfo_params, flags);
WS2KIT_SAME_FIELD_32(ws2kit_getaddrinfo_params, entries);
WS2KIT_SAME_FIELD_32(ws2kit_getaddrinfo_params, count);
WS2KIT_SAME_FIELD_32(ws2kit_getaddrinfo_params, canonname);
WS2KIT_SAME_FIELD_32(ws2kit_getaddrinfo_params, canonname_size);
WS2KIT_SAME_AS_32(ws2kit_getnameinfo_params);
WS2KIT_SAME_FIELD_32(ws2kit_getnameinfo_params, addr);
WS2KIT_SAME_FIELD_32(ws2kit_getnameinfo_params, host);
WS2KIT_SAME_FIELD_32(ws2kit_getnameinfo_params, host_size);
WS2KIT_SAME_FIELD_32(ws2kit_getnameinfo_params, serv);
WS2KIT_SAME_FIELD_32(ws2kit_getnameinfo_params, serv_size);
WS2KIT_SAME_AS_32(ws2kit_interfaces_params);
WS2KIT_SAME_FIELD_32(ws2kit_interfaces_params, entries);
WS2KIT_SAME_FIELD_32(ws2kit_interfaces_params, count);
WS2KIT_SAME_AS_32(ws2kit_gethostname_params);
WS2KIT_SAME_FIELD_32(ws2kit_gethostname_params, name);
WS2KIT_SAME_FIELD_32(ws2kit_gethostname_params, needed);
#undef WS2KIT_SAME_FIELD_32
#undef WS2KIT_SAME_AS_32
#endif

/* The layouts both sides must agree on, whatever the CPU. */
#define WS2KIT_LAYOUT(type, size) _Static_assert(sizeof(struct type) == (size), #type " layout")
WS2KIT_LAYOUT(ws2kit_init_params, 80);
WS2KIT_LAYOUT(ws2kit_handle_params, 8);
WS2KIT_LAYOUT(ws2kit_sockopt_params, 32);
_Static_assert(__builtin_offsetof(struct ws2kit_sockopt_params, value) == 24, "ws2kit_sockopt_params layout");
WS2KIT_LAYOUT(ws2kit_share_port_params, 32);
WS2KIT_LAYOUT(ws2kit_urgent_state_params, 24);
WS2KIT_LAYOUT(ws2kit_urgent_recv_params, 24);
WS2KIT_LAYOUT(ws2kit_urgent_clear_way_params, 16);
WS2KIT_LAYOUT(ws2kit_keepalive_params, 32);
WS2KIT_LAYOUT(ws2kit_sockstate_params, 40);
WS2KIT_LAYOUT(ws2kit_fast_params, 296);
WS2KIT_LAYOUT(ws2kit_addrinfo_entry, 44);
WS2KIT_LAYOUT(ws2kit_interface, 96);
WS2KIT_LAYOUT(ws2kit_route_query_params, 64);
_Static_assert(__builtin_offsetof(struct ws2kit_tcp_info, bytes_out) == 40, "ws2kit_tcp_info layout");
WS2KIT_LAYOUT(ws2kit_tcp_info, 96);
WS2KIT_LAYOUT(ws2kit_tcp_info_params, 104);
WS2KIT_LAYOUT(ws2kit_icmp_error_params, 48);
#undef WS2KIT_LAYOUT

/* watch_add (a ws2kit_handle_params) and watch_wait: news of selected
 * stream sockets that the wineserver does not give (watch.c).  watch_urgent
 * (a ws2kit_handle_params): news of urgent data only, for a socket whose
 * urgent bytes ws2kit.so keeps (urgent.c). */
#define WS2KIT_WATCH_ARRIVAL     0x1  /* new data, or a new connection on a listener */
#define WS2KIT_WATCH_URGENT      0x2  /* new urgent data */
#define WS2KIT_WATCH_PEER_CLOSED 0x4  /* the peer's FIN came */
#define WS2KIT_WATCH_ERROR       0x8
#define WS2KIT_WATCH_MAX_NEWS    16

struct ws2kit_watch_news
{
    ws2kit_handle_t handle;
    uint32_t what;        /* WS2KIT_WATCH_* */
    uint32_t unused;
};

struct ws2kit_watch_level_params
{
    ws2kit_handle_t handle;
    uint32_t waiting;     /* out: bytes unread, or on a listener connections not accepted */
    uint32_t listening;   /* out */
};

struct ws2kit_watch_wait_params
{
    int32_t timeout_ms;   /* in; -1: no limit */
    uint32_t count;       /* out */
    struct ws2kit_watch_news news[WS2KIT_WATCH_MAX_NEWS];  /* out */
};

#endif
