/* Windows' numbers that ws2kit.so needs, spelled out: the Unix side sees
 * only Linux headers, where the same names have other values (AF_INET6 is
 * 10 there, SOL_SOCKET 1).  The PE side asserts each against the Windows
 * SDK's (dlls/ws2_32/unixcall.c), so a wrong one fails the build.
 *
 * These are the keys of the Unix side's option table (unix/sockopt.c): the
 * PE side names an option the Windows way, ws2kit.so knows its Linux one. */
#ifndef WS2KIT_WINNUMBERS_H
#define WS2KIT_WINNUMBERS_H

/* Address families and socket types (ws2def.h, winsock2.h). */
#define WS_AF_INET          2
#define WS_AF_INET6         23
#define WS_SOCK_STREAM      1
#define WS_SOCK_DGRAM       2
#define WS_SOCK_RAW         3
#define WS_SOCK_RDM         4
#define WS_SOCK_SEQPACKET   5

/* Levels (ws2def.h). */
#define WS_SOL_SOCKET       0xffff
#define WS_IPPROTO_IP       0
#define WS_IPPROTO_TCP      6
#define WS_IPPROTO_UDP      17
#define WS_IPPROTO_IPV6     41

/* SOL_SOCKET (ws2def.h, winsock2.h). */
#define WS_SO_ACCEPTCONN    0x0002
#define WS_SO_KEEPALIVE     0x0008
#define WS_SO_BROADCAST     0x0020
#define WS_SO_OOBINLINE     0x0100
#define WS_SO_SNDBUF        0x1001
#define WS_SO_TYPE          0x1008

/* IPPROTO_IP (ws2ipdef.h). */
#define WS_IP_TOS               3
#define WS_IP_TTL               4
#define WS_IP_MULTICAST_TTL     10
#define WS_IP_MULTICAST_LOOP    11

/* IPPROTO_TCP (ws2def.h, ws2ipdef.h, mstcpip.h). */
#define WS_TCP_NODELAY          1
#define WS_TCP_KEEPALIVE        3
#define WS_TCP_MAXSEG           4
#define WS_TCP_MAXRT            5
#define WS_TCP_NOSYNRETRIES     9
#define WS_TCP_MAXRTMS          14
#define WS_TCP_FASTOPEN         15
#define WS_TCP_KEEPCNT          16
#define WS_TCP_KEEPINTVL        17
#define WS_TCP_FAIL_CONNECT_ON_ICMP_ERROR 18

/* IPPROTO_UDP (ws2ipdef.h). */
#define WS_UDP_NOCHECKSUM       1
#define WS_UDP_SEND_MSG_SIZE    2

#endif
