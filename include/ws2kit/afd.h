/* The ABI of Wine 8.0's socket device (\Device\Afd), as ws2kit uses it.
 *
 * A Winsock SOCKET is a handle opened on \Device\Afd and set up with
 * IOCTL_AFD_WINE_CREATE; every socket call is an NtDeviceIoControlFile on it,
 * served by ntdll's Unix side and the wineserver.  The numbers and layouts
 * below are Wine's wire format (Wine's include/wine/afd.h is the reference);
 * only the requests ws2kit sends are listed.  PE side only (needs windows.h).
 */
#ifndef WS2KIT_AFD_H
#define WS2KIT_AFD_H

#include <windows.h>
#include <winioctl.h>

/* Requests Windows' own afd.sys also knows. */
#define IOCTL_AFD_BIND         CTL_CODE(FILE_DEVICE_BEEP, 0x800, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_AFD_LISTEN       CTL_CODE(FILE_DEVICE_BEEP, 0x802, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_AFD_POLL         CTL_CODE(FILE_DEVICE_BEEP, 0x809, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_AFD_GETSOCKNAME  CTL_CODE(FILE_DEVICE_BEEP, 0x80b, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_AFD_EVENT_SELECT CTL_CODE(FILE_DEVICE_BEEP, 0x821, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_AFD_GET_EVENTS   CTL_CODE(FILE_DEVICE_BEEP, 0x822, METHOD_NEITHER, FILE_ANY_ACCESS)

/* Wine's private requests: function numbers from 200 up on FILE_DEVICE_NETWORK. */
#define WS2KIT_AFD_WINE(n) CTL_CODE(FILE_DEVICE_NETWORK, (n), METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_AFD_WINE_CREATE           WS2KIT_AFD_WINE(200)
#define IOCTL_AFD_WINE_ACCEPT           WS2KIT_AFD_WINE(201)
#define IOCTL_AFD_WINE_CONNECT          WS2KIT_AFD_WINE(203)
#define IOCTL_AFD_WINE_SHUTDOWN         WS2KIT_AFD_WINE(204)
#define IOCTL_AFD_WINE_RECVMSG          WS2KIT_AFD_WINE(205)
#define IOCTL_AFD_WINE_SENDMSG          WS2KIT_AFD_WINE(206)
#define IOCTL_AFD_WINE_TRANSMIT         WS2KIT_AFD_WINE(207)
#define IOCTL_AFD_WINE_COMPLETE_ASYNC   WS2KIT_AFD_WINE(210) /* in: NTSTATUS; completes with it, 0 bytes */
#define IOCTL_AFD_WINE_FIONBIO          WS2KIT_AFD_WINE(209)
#define IOCTL_AFD_WINE_FIONREAD         WS2KIT_AFD_WINE(211)
#define IOCTL_AFD_WINE_SIOCATMARK       WS2KIT_AFD_WINE(212)
#define IOCTL_AFD_WINE_GET_INTERFACE_LIST WS2KIT_AFD_WINE(213) /* out: INTERFACE_INFO[]; completes with their size */
#define IOCTL_AFD_WINE_MESSAGE_SELECT   WS2KIT_AFD_WINE(215)
#define IOCTL_AFD_WINE_GETPEERNAME      WS2KIT_AFD_WINE(216)
#define IOCTL_AFD_WINE_DEFER            WS2KIT_AFD_WINE(217)
#define IOCTL_AFD_WINE_GET_INFO         WS2KIT_AFD_WINE(218)
#define IOCTL_AFD_WINE_GET_SO_ACCEPTCONN WS2KIT_AFD_WINE(219)
#define IOCTL_AFD_WINE_GET_SO_ERROR     WS2KIT_AFD_WINE(222)
#define IOCTL_AFD_WINE_GET_SO_LINGER    WS2KIT_AFD_WINE(225)
#define IOCTL_AFD_WINE_SET_SO_LINGER    WS2KIT_AFD_WINE(226)
#define IOCTL_AFD_WINE_SET_SO_RCVBUF    WS2KIT_AFD_WINE(229)
#define IOCTL_AFD_WINE_GET_SO_RCVBUF    WS2KIT_AFD_WINE(230)
#define IOCTL_AFD_WINE_SET_SO_RCVTIMEO  WS2KIT_AFD_WINE(231)
#define IOCTL_AFD_WINE_GET_SO_RCVTIMEO  WS2KIT_AFD_WINE(232)
#define IOCTL_AFD_WINE_SET_SO_SNDBUF    WS2KIT_AFD_WINE(235)
#define IOCTL_AFD_WINE_GET_SO_REUSEADDR WS2KIT_AFD_WINE(233)
#define IOCTL_AFD_WINE_SET_SO_REUSEADDR WS2KIT_AFD_WINE(234)
#define IOCTL_AFD_WINE_GET_SO_SNDBUF    WS2KIT_AFD_WINE(236)
#define IOCTL_AFD_WINE_GET_SO_SNDTIMEO  WS2KIT_AFD_WINE(237)
#define IOCTL_AFD_WINE_SET_SO_SNDTIMEO  WS2KIT_AFD_WINE(238)
/* IPPROTO_IP and IPPROTO_IPV6 options, served by ntdll on the socket's fd. */
#define IOCTL_AFD_WINE_SET_IP_ADD_MEMBERSHIP        WS2KIT_AFD_WINE(239)
#define IOCTL_AFD_WINE_SET_IP_ADD_SOURCE_MEMBERSHIP WS2KIT_AFD_WINE(240)
#define IOCTL_AFD_WINE_SET_IP_BLOCK_SOURCE          WS2KIT_AFD_WINE(241)
#define IOCTL_AFD_WINE_GET_IP_DONTFRAGMENT          WS2KIT_AFD_WINE(242)
#define IOCTL_AFD_WINE_SET_IP_DONTFRAGMENT          WS2KIT_AFD_WINE(243)
#define IOCTL_AFD_WINE_SET_IP_DROP_MEMBERSHIP       WS2KIT_AFD_WINE(244)
#define IOCTL_AFD_WINE_SET_IP_DROP_SOURCE_MEMBERSHIP WS2KIT_AFD_WINE(245)
#define IOCTL_AFD_WINE_GET_IP_HDRINCL               WS2KIT_AFD_WINE(246)
#define IOCTL_AFD_WINE_SET_IP_HDRINCL               WS2KIT_AFD_WINE(247)
#define IOCTL_AFD_WINE_GET_IP_MULTICAST_IF          WS2KIT_AFD_WINE(248)
#define IOCTL_AFD_WINE_SET_IP_MULTICAST_IF          WS2KIT_AFD_WINE(249)
#define IOCTL_AFD_WINE_GET_IP_OPTIONS               WS2KIT_AFD_WINE(254)
#define IOCTL_AFD_WINE_SET_IP_OPTIONS               WS2KIT_AFD_WINE(255)
#define IOCTL_AFD_WINE_GET_IP_PKTINFO               WS2KIT_AFD_WINE(256)
#define IOCTL_AFD_WINE_SET_IP_PKTINFO               WS2KIT_AFD_WINE(257)
#define IOCTL_AFD_WINE_SET_IP_UNBLOCK_SOURCE        WS2KIT_AFD_WINE(262)
#define IOCTL_AFD_WINE_GET_IP_UNICAST_IF            WS2KIT_AFD_WINE(263)
#define IOCTL_AFD_WINE_SET_IP_UNICAST_IF            WS2KIT_AFD_WINE(264)
#define IOCTL_AFD_WINE_SET_IPV6_ADD_MEMBERSHIP      WS2KIT_AFD_WINE(265)
#define IOCTL_AFD_WINE_GET_IPV6_DONTFRAG            WS2KIT_AFD_WINE(266)
#define IOCTL_AFD_WINE_SET_IPV6_DONTFRAG            WS2KIT_AFD_WINE(267)
#define IOCTL_AFD_WINE_SET_IPV6_DROP_MEMBERSHIP     WS2KIT_AFD_WINE(268)
#define IOCTL_AFD_WINE_GET_IPV6_MULTICAST_HOPS      WS2KIT_AFD_WINE(269)
#define IOCTL_AFD_WINE_SET_IPV6_MULTICAST_HOPS      WS2KIT_AFD_WINE(270)
#define IOCTL_AFD_WINE_GET_IPV6_MULTICAST_IF        WS2KIT_AFD_WINE(271)
#define IOCTL_AFD_WINE_SET_IPV6_MULTICAST_IF        WS2KIT_AFD_WINE(272)
#define IOCTL_AFD_WINE_GET_IPV6_MULTICAST_LOOP      WS2KIT_AFD_WINE(273)
#define IOCTL_AFD_WINE_SET_IPV6_MULTICAST_LOOP      WS2KIT_AFD_WINE(274)
#define IOCTL_AFD_WINE_GET_IPV6_UNICAST_HOPS        WS2KIT_AFD_WINE(275)
#define IOCTL_AFD_WINE_SET_IPV6_UNICAST_HOPS        WS2KIT_AFD_WINE(276)
#define IOCTL_AFD_WINE_GET_IPV6_UNICAST_IF          WS2KIT_AFD_WINE(277)
#define IOCTL_AFD_WINE_SET_IPV6_UNICAST_IF          WS2KIT_AFD_WINE(278)
#define IOCTL_AFD_WINE_GET_IPV6_V6ONLY              WS2KIT_AFD_WINE(279)
#define IOCTL_AFD_WINE_SET_IPV6_V6ONLY              WS2KIT_AFD_WINE(280)
#define IOCTL_AFD_WINE_GET_IPV6_RECVHOPLIMIT        WS2KIT_AFD_WINE(286)
#define IOCTL_AFD_WINE_SET_IPV6_RECVHOPLIMIT        WS2KIT_AFD_WINE(287)
#define IOCTL_AFD_WINE_GET_IPV6_RECVPKTINFO         WS2KIT_AFD_WINE(288)
#define IOCTL_AFD_WINE_SET_IPV6_RECVPKTINFO         WS2KIT_AFD_WINE(289)
#define IOCTL_AFD_WINE_GET_IPV6_RECVTCLASS          WS2KIT_AFD_WINE(290)
#define IOCTL_AFD_WINE_SET_IPV6_RECVTCLASS          WS2KIT_AFD_WINE(291)
#define IOCTL_AFD_WINE_GET_IP_RECVTTL               WS2KIT_AFD_WINE(293)
#define IOCTL_AFD_WINE_SET_IP_RECVTTL               WS2KIT_AFD_WINE(294)
#define IOCTL_AFD_WINE_GET_IP_RECVTOS               WS2KIT_AFD_WINE(295)
#define IOCTL_AFD_WINE_SET_IP_RECVTOS               WS2KIT_AFD_WINE(296)
#define IOCTL_AFD_WINE_GET_SO_EXCLUSIVEADDRUSE WS2KIT_AFD_WINE(297)
#define IOCTL_AFD_WINE_SET_SO_EXCLUSIVEADDRUSE WS2KIT_AFD_WINE(298)

/* Readiness bits of IOCTL_AFD_POLL. */
#define AFD_POLL_READ        0x0001
#define AFD_POLL_OOB         0x0002
#define AFD_POLL_WRITE       0x0004
#define AFD_POLL_HUP         0x0008
#define AFD_POLL_RESET       0x0010
#define AFD_POLL_CLOSE       0x0020
#define AFD_POLL_CONNECT     0x0040
#define AFD_POLL_ACCEPT      0x0080
#define AFD_POLL_CONNECT_ERR 0x0100

struct afd_create_params      /* IOCTL_AFD_WINE_CREATE input */
{
    int family, type, protocol;
    unsigned int flags;       /* WSA_FLAG_* other than OVERLAPPED and NO_HANDLE_INHERIT */
};

struct afd_bind_params        /* IOCTL_AFD_BIND input; output is the bound address */
{
    int unknown;              /* zero */
    /* followed by the Windows sockaddr */
};

struct afd_listen_params      /* IOCTL_AFD_LISTEN input */
{
    int unknown1;
    int backlog;
    int unknown2;
};

struct afd_connect_params     /* IOCTL_AFD_WINE_CONNECT input, followed by the sockaddr */
{
    int addr_len;
    int synchronous;          /* non-zero for connect(), zero for ConnectEx */
};

struct afd_recvmsg_params     /* IOCTL_AFD_WINE_RECVMSG input; pointers as 64-bit values */
{
    ULONGLONG control_ptr;    /* WSABUF * */
    ULONGLONG addr_ptr;       /* struct sockaddr * */
    ULONGLONG addr_len_ptr;   /* int * */
    ULONGLONG ws_flags_ptr;   /* DWORD *, in and out */
    int force_async;
    unsigned int count;
    ULONGLONG buffers_ptr;    /* WSABUF[count] */
};

struct afd_sendmsg_params     /* IOCTL_AFD_WINE_SENDMSG input */
{
    ULONGLONG addr_ptr;
    unsigned int addr_len;
    unsigned int ws_flags;
    int force_async;
    unsigned int count;
    ULONGLONG buffers_ptr;
};

/* IOCTL_AFD_WINE_TRANSMIT input: head, then file data, then tail, sent by
 * ntdll's Unix side in chunks of buffer_size; completes like a send.  Wine
 * 8.0 keeps flags but acts on none of them (no TF_DISCONNECT). */
struct afd_transmit_params
{
    LARGE_INTEGER offset;     /* file offset, or FILE_USE_FILE_POINTER_POSITION */
    ULONGLONG head_ptr;
    ULONGLONG tail_ptr;
    DWORD head_len;
    DWORD tail_len;
    ULONG file;               /* file handle, 0 for none */
    DWORD file_len;           /* 0: to the end of the file */
    DWORD buffer_size;        /* bytes read and sent at a time, 0: 64 KiB */
    DWORD flags;              /* TF_* */
};

/* Wine 8.0 runs a 32-bit program on its 32-bit ntdll.so, which reads these
 * requests in i386 layout: a SOCKET or HANDLE member is 4 bytes there, while
 * the *_ptr members above are 64-bit on both. */
#include <pshpack4.h>
struct afd_poll_socket
{
    UINT_PTR socket;          /* a SOCKET */
    int flags;                /* in: AFD_POLL_* wanted; out: AFD_POLL_* seen */
    int status;
};

#define AFD_POLL_NO_TIMEOUT 0x7fffffffffffffffLL  /* afd_poll_params.timeout: wait without a limit */

struct afd_poll_params        /* IOCTL_AFD_POLL input and output */
{
    LONGLONG timeout;         /* NT relative (negative, 100 ns units) or absolute */
    unsigned int count;
    BOOLEAN exclusive;
    BOOLEAN padding[3];
    struct afd_poll_socket sockets[1];
};
#include <poppack.h>

struct afd_event_select_params /* IOCTL_AFD_EVENT_SELECT input */
{
    HANDLE event;             /* signalled when an event in mask is posted */
    int mask;                 /* AFD_POLL_* */
};

struct afd_get_events_params  /* IOCTL_AFD_GET_EVENTS output */
{
    int flags;                /* AFD_POLL_* posted since the last call */
    NTSTATUS status[13];      /* per AFD_POLL_* bit number: the error that came with it */
};

/* IOCTL_AFD_WINE_MESSAGE_SELECT input.  The wineserver posts the messages
 * itself and re-enables each event when its re-enabling call runs; an
 * accepted socket inherits window, message and mask (wParam: its handle). */
struct afd_message_select_params
{
    unsigned int handle;      /* the socket, posted as wParam */
    unsigned int window;      /* HWND; 0 with mask 0 cancels */
    unsigned int message;
    int mask;                 /* AFD_POLL_* */
};

/* IOCTL_AFD_WINE_DEFER input (on the listening socket): the handle of a
 * socket it accepted, which the next accept returns again. */
struct afd_defer_params
{
    unsigned int accepted;
};

struct afd_get_info_params    /* IOCTL_AFD_WINE_GET_INFO output */
{
    int family, type, protocol;
};

_Static_assert(sizeof(struct afd_create_params) == 16, "Wine ABI");
_Static_assert(sizeof(struct afd_listen_params) == 12, "Wine ABI");
_Static_assert(sizeof(struct afd_connect_params) == 8, "Wine ABI");
_Static_assert(sizeof(struct afd_recvmsg_params) == 48, "Wine ABI");
_Static_assert(sizeof(struct afd_sendmsg_params) == 32, "Wine ABI");
_Static_assert(sizeof(struct afd_transmit_params) == 48, "Wine ABI");
_Static_assert(sizeof(struct afd_poll_socket) == sizeof(UINT_PTR) + 8, "Wine ABI");
_Static_assert(__builtin_offsetof(struct afd_poll_params, sockets) == 16, "Wine ABI");
_Static_assert(sizeof(struct afd_event_select_params) == 2 * sizeof(void *), "Wine ABI");
_Static_assert(sizeof(struct afd_get_info_params) == 12, "Wine ABI");
_Static_assert(sizeof(struct afd_message_select_params) == 16, "Wine ABI");
_Static_assert(sizeof(struct afd_defer_params) == 4, "Wine ABI");

#endif
