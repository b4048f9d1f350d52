/* Windows SDK definitions that MinGW-w64's headers (12.x) do not have yet,
 * with the values of the Windows SDK's ws2ipdef.h, mstcpip.h and ws2tcpip.h. */
#ifndef WS2KIT_SDK_EXTRA_H
#define WS2KIT_SDK_EXTRA_H

/* The timeout parameter of select and WSAConnectByNameA/W: MinGW-w64 up to
 * Debian 12's declares it `const PTIMEVAL`, Debian 13's `const TIMEVAL *`
 * like Windows' SDK; configure tells which (WS2KIT_SDK_CONST_TIMEVAL). */
#if defined(_WINSOCK2API_) && WS2KIT_SDK_CONST_TIMEVAL
typedef const TIMEVAL *ws2kit_timeout_arg;
#elif defined(_WINSOCK2API_)
typedef const PTIMEVAL ws2kit_timeout_arg;
#endif

#ifndef TCP_KEEPALIVE
#define TCP_KEEPALIVE 3   /* idle seconds before the first probe */
#endif
#ifndef TCP_KEEPCNT
#define TCP_KEEPCNT 16    /* probes */
#endif
#ifndef TCP_KEEPINTVL
#define TCP_KEEPINTVL 17  /* seconds between probes */
#endif

#ifndef SIO_IDEAL_SEND_BACKLOG_QUERY
#define SIO_IDEAL_SEND_BACKLOG_QUERY  0x4004747b   /* _IOR('t', 123, ULONG) */
#endif
#ifndef SIO_IDEAL_SEND_BACKLOG_CHANGE
#define SIO_IDEAL_SEND_BACKLOG_CHANGE 0x2000747a   /* _IO('t', 122) */
#endif
#ifndef SIO_UDP_NETRESET
#define SIO_UDP_NETRESET              0x9800000f   /* _WSAIOW(IOC_VENDOR, 15) */
#endif

#ifndef SIO_SET_COMPATIBILITY_MODE
#define SIO_SET_COMPATIBILITY_MODE    0x9800012c   /* _WSAIOW(IOC_VENDOR, 300) */
/* mswsockdef.h: the argument of SIO_SET_COMPATIBILITY_MODE. */
typedef enum _WSA_COMPATIBILITY_BEHAVIOR_ID
{
    WsaBehaviorAll = 0,
    WsaBehaviorReceiveBuffering,
    WsaBehaviorAutoTuning
} WSA_COMPATIBILITY_BEHAVIOR_ID;
typedef struct _WSA_COMPATIBILITY_MODE
{
    WSA_COMPATIBILITY_BEHAVIOR_ID BehaviorId;
    ULONG TargetOsVersion;
} WSA_COMPATIBILITY_MODE;
#endif

/* SOL_SOCKET options (ws2def.h). */
#ifndef SO_BSP_STATE
#define SO_BSP_STATE           0x1009
#endif
#ifndef SO_PAUSE_ACCEPT
#define SO_PAUSE_ACCEPT        0x3003
#endif
#ifndef SO_RANDOMIZE_PORT
#define SO_RANDOMIZE_PORT      0x3005
#endif
#ifndef SO_PORT_SCALABILITY
#define SO_PORT_SCALABILITY    0x3006
#endif
#ifndef SO_REUSE_UNICASTPORT
#define SO_REUSE_UNICASTPORT   0x3007
#endif
#ifndef SO_REUSE_MULTICASTPORT
#define SO_REUSE_MULTICASTPORT 0x3008
#endif

/* IPPROTO_TCP options (ws2ipdef.h). */
#ifndef TCP_MAXSEG
#define TCP_MAXSEG                     4
#endif
#ifndef TCP_MAXRT
#define TCP_MAXRT                      5    /* seconds; -1: never give up */
#endif
#ifndef TCP_NOSYNRETRIES
#define TCP_NOSYNRETRIES               9
#endif
#ifndef TCP_TIMESTAMPS
#define TCP_TIMESTAMPS                 10
#endif
#ifndef TCP_OFFLOAD_PREFERENCE
#define TCP_OFFLOAD_PREFERENCE         11
#endif
#ifndef TCP_CONGESTION_ALGORITHM
#define TCP_CONGESTION_ALGORITHM       12
#endif
#ifndef TCP_DELAY_FIN_ACK
#define TCP_DELAY_FIN_ACK              13
#endif
#ifndef TCP_MAXRTMS
#define TCP_MAXRTMS                    14   /* milliseconds */
#endif
#ifndef TCP_FASTOPEN
#define TCP_FASTOPEN                   15
#endif
#ifndef TCP_FAIL_CONNECT_ON_ICMP_ERROR
#define TCP_FAIL_CONNECT_ON_ICMP_ERROR 18
#endif
#ifndef TCP_ICMP_ERROR_INFO
#define TCP_ICMP_ERROR_INFO            19   /* get only: an ICMP_ERROR_INFO */
#endif

/* ICMP_ERROR_INFO of ws2ipdef.h, which MinGW lacks: 36 bytes. */
typedef struct ws2kit_icmp_error_info
{
    SOCKADDR_INET srcaddress;
    int protocol;              /* IPPROTO_ICMP or IPPROTO_ICMPV6 */
    unsigned char type;
    unsigned char code;
} WS2KIT_ICMP_ERROR_INFO;

/* IPPROTO_UDP options of ws2ipdef.h that MinGW lacks. */
#ifndef UDP_SEND_MSG_SIZE
#define UDP_SEND_MSG_SIZE              2
#endif
#ifndef UDP_RECV_MAX_COALESCED_SIZE
#define UDP_RECV_MAX_COALESCED_SIZE    3
#endif

#endif
