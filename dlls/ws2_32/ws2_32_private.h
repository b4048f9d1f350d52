/* ws2kit's ws2_32.dll: what its source files share. */
#ifndef WS2KIT_WS2_32_PRIVATE_H
#define WS2KIT_WS2_32_PRIVATE_H

#define WIN32_LEAN_AND_MEAN
/* NTSTATUS values by name come from ntstatus.h, included below; winnt.h's
 * few must then stay out. */
#define WIN32_NO_STATUS
/* We are ws2_32: our own declarations must not be dllimport. */
#define WINSOCK_API_LINKAGE
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mstcpip.h>
#include <mswsock.h>
#include <winternl.h>
#undef WIN32_NO_STATUS
#include <ntstatus.h>

#include "ws2kit/afd.h"
#include "ws2kit/bitmap.h"
#include "ws2kit/sdk_extra.h"
#include "ws2kit/debug.h"
#include "ws2kit/unixlib.h"

/* An NTSTATUS that carries a Win32 or Winsock error code: the 0xc001xxxx
 * form the wineserver passes some codes through in, and Windows' own
 * facility FACILITY_NTWIN32 (7) form. */
#define STATUS_FROM_WIN32_CODE(code) ((NTSTATUS)(0xc0010000 | ((code) & 0xffff)))
#define STATUS_FROM_NTWIN32(code) ((NTSTATUS)(0xc0070000 | ((code) & 0xffff)))

NTSTATUS NTAPI NtDeviceIoControlFile(HANDLE, HANDLE, PIO_APC_ROUTINE, void *, IO_STATUS_BLOCK *,
                                     ULONG, void *, ULONG, void *, ULONG);
NTSTATUS NTAPI NtOpenFile(HANDLE *, ACCESS_MASK, OBJECT_ATTRIBUTES *, IO_STATUS_BLOCK *, ULONG, ULONG);
NTSTATUS NTAPI NtQueryVirtualMemory(HANDLE, void *, int, void *, SIZE_T, SIZE_T *);
NTSTATUS NTAPI RtlGetVersion(RTL_OSVERSIONINFOW *);

/* Network byte order (big-endian) from the host's (little-endian), for
 * ws2kit's own use; the exported htons and friends are these (addr.c). */
static inline u_short ws2kit_htons(u_short v) { return __builtin_bswap16(v); }
static inline u_long ws2kit_htonl(u_long v) { return __builtin_bswap32(v); }
static inline u_short ws2kit_ntohs(u_short v) { return __builtin_bswap16(v); }
static inline u_long ws2kit_ntohl(u_long v) { return __builtin_bswap32(v); }

/* thread.c: what Winsock keeps per thread (ws2kit_thread() makes it on
 * first use; NULL without memory). */
struct ws2kit_hostdb_buffers;
/* The thread's blocking call under Winsock 1.x (on the waiting stack), which
 * WSACancelBlockingCall marks. */
struct ws2kit_blocking_call
{
    BOOL cancelled;
};
struct ws2kit_thread
{
    HANDLE sync_event;                          /* waits for its synchronous requests */
    DWORD open_type;                            /* SO_OPENTYPE */
    FARPROC blocking_hook;                      /* WSASetBlockingHook's; NULL: the default */
    struct ws2kit_blocking_call *blocking_call; /* the Winsock 1.x blocking call under way */
    char inet_ntoa_text[16];                    /* inet_ntoa's answer */
    struct ws2kit_hostdb_buffers *hostdb;       /* the gethostby*, getprotoby*, getservby* answers */
};
BOOL ws2kit_thread_init(void);
struct ws2kit_thread *ws2kit_thread(void);
void ws2kit_thread_end(void);
void ws2kit_thread_fini(void);

/* startup.c */
BOOL ws2kit_is_started(void);
WORD ws2kit_startup_version(void);
#define CHECK_STARTED(failure) do { if (!ws2kit_is_started()) { ws2kit_fail(WSANOTINITIALISED); return failure; } } while (0)

/* errors.c: the one way a call ends: each sets the thread's error and
 * returns SOCKET_ERROR (ws2kit_fail_code: the error; ws2kit_succeed: 0),
 * for `return ws2kit_fail(...)`; a status goes through the one table.  A
 * call that returns something else sets the error with one of them first. */
int ws2kit_status_to_wsa(NTSTATUS status);
int ws2kit_fail(int error);
int ws2kit_fail_code(int error);
int ws2kit_fail_status(NTSTATUS status);
int ws2kit_socket_fail(SOCKET s, int err);
int ws2kit_socket_fail_status(SOCKET s, NTSTATUS status);
int ws2kit_succeed(void);

/* unixcall.c: returns 0 or a WSA error. */
int ws2kit_unix_call(enum ws2kit_unix_func code, void *params);
BOOL ws2kit_unix_ready(void);  /* ws2kit.so loaded and knows this Wine */

/* user_memory.c: copies that report a bad user pointer instead of crashing. */
void ws2kit_guard_init(void);
BOOL ws2kit_read_user(void *dst, const void *user_src, SIZE_T len);
BOOL ws2kit_write_user(void *user_dst, const void *src, SIZE_T len);
BOOL ws2kit_probe_write_user(void *user, SIZE_T len);
BOOL ws2kit_probe_read_user(const void *user, SIZE_T len);
BOOL ws2kit_read_user_string(const char *user, char *buf, SIZE_T size);
int ws2kit_copy_user_string(const char *user, char *buf, SIZE_T size);
int ws2kit_copy_user_wstring(const WCHAR *user, WCHAR *buf, SIZE_T count);
BOOL ws2kit_user_wstring_readable(const WCHAR *user);
BOOL ws2kit_user_string_readable(const char *user);
BOOL ws2kit_read_user_wstring(const WCHAR *user, WCHAR *buf, SIZE_T count);
ULONG_PTR ws2kit_wsabuf_total(const WSABUF *buffers, DWORD count);
BOOL ws2kit_gather_wsabufs(const WSABUF *buffers, DWORD count, ULONG_PTR skip, char *out);

/* connect.c */
NTSTATUS ws2kit_connect_request(SOCKET s, void *in, ULONG in_size, OVERLAPPED *overlapped, ULONG_PTR *information);

/* socket.c */
int ws2kit_bind_wildcard_if_unbound(SOCKET s, int family);
int ws2kit_sockaddr_len_ok(const struct sockaddr *addr, int len);
int ws2kit_copy_in_sockaddr(const struct sockaddr *addr, int len, SOCKADDR_STORAGE *copy);

/* addr.c: text forms of addresses (out: at least 46 bytes for IPv6). */
const char *ws2kit_parse_ipv4_classic(const char *p, ULONG *addr);
void ws2kit_format_ipv6(const unsigned char *a, char *out);

/* services.c: the services file, one parsed line at a time. */
#define WS2KIT_SERVICE_ALIASES 8
struct ws2kit_service_line
{
    struct servent ent;
    char *aliases[WS2KIT_SERVICE_ALIASES + 1];
    char line[512];
};
struct servent *ws2kit_find_service(struct ws2kit_service_line *b, const char *name, int port, const char *proto);
int ws2kit_service_port(const char *name, const char *proto);
BOOL ws2kit_service_name(int port, const char *proto, char *name, size_t size);

/* addrinfo_w.c: the UTF-16 resolver calls share their parsing with GetAddrInfoExW. */
struct ws2kit_wide_query
{
    char name[NI_MAXHOST];     /* IDN-encoded (unless AI_DISABLE_IDN_ENCODING), UTF-8 */
    char service[NI_MAXSERV];  /* UTF-8 */
    BOOL has_name, has_service;
    struct addrinfo hints;     /* flags without AI_DISABLE_IDN_ENCODING */
};
int ws2kit_wide_query_init(struct ws2kit_wide_query *query, const WCHAR *name, const WCHAR *service,
                           const void *user_hints);
int ws2kit_wide_query_run(const struct ws2kit_wide_query *query, struct addrinfo **result);
void *ws2kit_wide_node(const struct addrinfo *ai, size_t node_size);

/* protocol.c */
BOOL ws2kit_protocol_info(int family, int type, int protocol, WSAPROTOCOL_INFOW *info);
void ws2kit_protocol_info_to_a(const WSAPROTOCOL_INFOW *w, WSAPROTOCOL_INFOA *a);
BOOL ws2kit_catalogue_complete(int *family, int *type, int *protocol);
BOOL ws2kit_catalog_entry_exists(DWORD id);
DWORD ws2kit_catalog_entry_count(void);
const WCHAR *ws2kit_transport_provider_path(const GUID *id);

/* nsp.c */
const GUID *ws2kit_ns_provider_find(const GUID *id);
DWORD ws2kit_ns_provider_count(void);

/* The error of the FD_CLOSE a reset raises, in WSAEnumNetworkEvents and in
 * WSAAsyncSelect's message alike: WSAECONNABORTED on Windows (Wine's server
 * posts the same for its messages, from observed Windows behaviour). */
#define WS2KIT_RESET_CLOSE_ERROR WSAECONNABORTED

/* events.c: calls after which Windows posts network events the device
 * does not. */
void ws2kit_events_bound(SOCKET s);
void ws2kit_events_connected(SOCKET s);
void ws2kit_events_after_shutdown(SOCKET s, int how);
void ws2kit_events_receive_refused(SOCKET s);
void ws2kit_events_reenabled(SOCKET s, LONG events);
void ws2kit_events_urgent_read(SOCKET s);
void ws2kit_events_accepted(SOCKET listener, SOCKET accepted);
void ws2kit_events_urgent_use(SOCKET s);
void ws2kit_events_closing(SOCKET s);

/* closewatch.c: FD_CLOSE for a handle closed without closesocket. */
void ws2kit_close_watch_select(SOCKET s, HWND window, UINT message, LONG mask);
void ws2kit_close_watch_forget(SOCKET s);

/* msgrelay.c */
BOOL ws2kit_post_message(HWND hwnd, UINT msg, WPARAM wparam, LPARAM lparam);
void ws2kit_relay_target(HWND window, UINT message, unsigned int *device_window, unsigned int *device_message);
void ws2kit_relay_flush(void);

/* duplicate.c */
SOCKET ws2kit_open_duplicate(const WSAPROTOCOL_INFOW *info);

/* socket_notes.c: the process's sockets and what ws2kit remembers about them. */
enum ws2kit_note_option
{
    NOTE_DEBUG, NOTE_DONTROUTE, NOTE_GROUP_ID, NOTE_GROUP_PRIORITY, NOTE_CONDITIONAL_ACCEPT,
    NOTE_PAUSE_ACCEPT, NOTE_PORT_SCALABILITY, NOTE_RANDOMIZE_PORT, NOTE_REUSE_UNICASTPORT,
    NOTE_REUSE_MULTICASTPORT, NOTE_ERROR, NOTE_TCP_EXPEDITED, NOTE_TCP_TIMESTAMPS, NOTE_TCP_OFFLOAD,
    NOTE_TCP_CONGESTION, NOTE_TCP_DELAY_FIN_ACK, NOTE_TCP_FAIL_ON_ICMP, NOTE_V6ONLY_CLEARED,
    NOTE_UDP_CHECKSUM_COVERAGE, NOTE_UDP_COALESCED_SIZE, NOTE_LINGER_ONOFF, NOTE_OPTION_COUNT
};

/* Options the wineserver keeps whose last known value ws2kit remembers, so
 * that reading one back costs no server round trip. */
enum ws2kit_cached_option
{
    CACHED_NONE, CACHED_RCVBUF, CACHED_SNDBUF, CACHED_RCVTIMEO, CACHED_SNDTIMEO,
    /* Keep-alive as Windows holds it (TCP_KEEPALIVE, TCP_KEEPINTVL, TCP_KEEPCNT),
     * which the Linux socket may hold only clamped (see ws2kit.so's option table). */
    CACHED_KA_IDLE, CACHED_KA_INTERVAL, CACHED_KA_COUNT, CACHED_COUNT
};

/* What the fast data path (fastio.c) knows of a socket.  FAST_OFF is 0:
 * a record made for a socket ws2kit did not create never takes it. */
enum ws2kit_fast_state { FAST_OFF = 0, FAST_UNTRIED, FAST_READY };

/* Whether ws2kit.so keeps a socket's TCP urgent data (urgent.c). */
enum ws2kit_urgent_use { URGENT_UNASKED = 0, URGENT_KEPT, URGENT_NOT_TCP };

struct ws2kit_fast_note
{
    BYTE state;                          /* enum ws2kit_fast_state */
    BYTE nonblocking;                    /* FIONBIO, or an event selection, made it non-blocking */
    BYTE events;                         /* WSAEventSelect/WSAAsyncSelect chose events for it */
    BYTE stream;                         /* SOCK_STREAM (TCP); else SOCK_DGRAM (UDP) */
    USHORT family;                       /* AF_INET or AF_INET6 */
    BYTE urgent;                         /* enum ws2kit_urgent_use (urgent.c) */
};

/* Why Wine's ntdll may not cache a socket's fd, which ws2kit.so then keeps
 * itself (WS2KIT_HANDLE_MARKS). */
enum ws2kit_fd_mark
{
    FD_MARK_NONE,
    FD_MARK_FRESH,      /* a stream socket not yet bound, connected or listening */
    FD_MARK_ACCEPTED,   /* made by accept() */
};

/* A socket's network event selection as the program made it (events.c). */
struct ws2kit_selection
{
    LONG mask;                           /* FD_* asked for; 0: nothing selected */
    HANDLE event;                        /* WSAEventSelect's event */
    BOOL messages;                       /* made by WSAAsyncSelect */
    HWND window;                         /* WSAAsyncSelect's window and message */
    UINT message;
    LONG withheld;                       /* FD_* kept from the device for now */
    LONG extra;                          /* FD_* ws2kit posted itself, not yet taken */
};

struct ws2kit_socket_notes
{
    int peer_len;                        /* 0: no peer seen */
    SOCKADDR_STORAGE peer;
    ULONGLONG connected_at;              /* GetTickCount64() when the peer was first seen */
    BOOL keepalive_reset;                /* keep-alive broke the connection */
    BYTE fd_mark;                        /* enum ws2kit_fd_mark */
    DWORD options[NOTE_OPTION_COUNT];    /* values of options only ws2kit keeps */
    DWORD cached[CACHED_COUNT];          /* wineserver values last read or set through ws2kit */
    DWORD cached_known;                  /* bit (1 << option) for each value in cached[] */
    BOOL icmp_error_known;               /* TCP_ICMP_ERROR_INFO since the last connect */
    WS2KIT_ICMP_ERROR_INFO icmp_error;
    DWORD multipoint;                    /* WSA_FLAG_MULTIPOINT_* the socket was created with */
    BOOL joined;                         /* WSAJoinLeaf has joined it to a session */
    BOOL shared;                         /* another handle names the socket (WSADuplicateSocket):
                                            cached[] is not trusted */
    struct ws2kit_fast_note fast;
    BOOL request_pended;                 /* a request through this handle waited in the device */
    BOOL connect_ex;                     /* ConnectEx was called on it */
    int target_len;                      /* 0: no connect was started */
    SOCKADDR_STORAGE target;             /* where the last connect started goes */
    BOOL ka_timers_known;                /* ka_timers holds what the Linux socket has */
    struct ws2kit_keepalive ka_timers;   /* keep-alive timers ws2kit last gave it, in Windows' values */
    struct ws2kit_selection selection;
    BOOL watched;                        /* in ws2kit.so's watch (events.c) */
    LONG taken;                          /* FD_READ, FD_OOB, FD_ACCEPT reported by the device and not
                                            re-enabled since */
    ULONG taken_level;                   /* what waited then: bytes, or connections on a listener */
    BOOL close_posted;                   /* ws2kit posted FD_CLOSE itself: the device's is dropped */
    BOOL oob_quiet;                      /* FD_OOB posted, and no recv(MSG_OOB) since (events.c) */
};

void ws2kit_sockets_add(SOCKET s, enum ws2kit_fd_mark mark);
BOOL ws2kit_sockets_known(SOCKET s);
ws2kit_handle_t ws2kit_unix_handle(SOCKET s);
void ws2kit_socket_settled(SOCKET s);
void ws2kit_sockets_remove(SOCKET s);
void ws2kit_sockets_close_all(void);
BOOL ws2kit_is_socket(SOCKET s);
BOOL ws2kit_notes_read(SOCKET s, struct ws2kit_socket_notes *notes);
void ws2kit_notes_edit(SOCKET s, void (*edit)(struct ws2kit_socket_notes *notes, const void *arg), const void *arg);
void ws2kit_peer_remember(SOCKET s, const SOCKADDR_STORAGE *addr, int len);
BOOL ws2kit_peer_recall(SOCKET s, SOCKADDR_STORAGE *addr, int *len);
DWORD ws2kit_tcp_state(SOCKET s);
BOOL ws2kit_peer_sent_fin(SOCKET s);
BOOL ws2kit_sockstate(SOCKET s, struct ws2kit_sockstate_params *state);
void ws2kit_connect_target_remember(SOCKET s, const SOCKADDR_STORAGE *addr, int len);
BOOL ws2kit_connect_target_recall(SOCKET s, SOCKADDR_STORAGE *addr, int *len);
ULONGLONG ws2kit_peer_connected_ms(SOCKET s);
void ws2kit_note_keepalive_reset(SOCKET s);
BOOL ws2kit_keepalive_reset(SOCKET s);
void ws2kit_note_shared(SOCKET s);
void ws2kit_note_connect_ex(SOCKET s);
BOOL ws2kit_connect_ex_used(SOCKET s);
void ws2kit_note_multipoint(SOCKET s, DWORD create_flags);
BOOL ws2kit_close_posted(SOCKET s);
BOOL ws2kit_fast_note_read(SOCKET s, struct ws2kit_fast_note *note);
void ws2kit_known_notes_edit(SOCKET s, void (*edit)(struct ws2kit_socket_notes *notes, const void *arg),
                             const void *arg);
void ws2kit_note_request_pended(SOCKET s);
BOOL ws2kit_requests_may_pend(SOCKET s);
void ws2kit_closing_begin(void);
void ws2kit_closing_end(void);
void ws2kit_closing_settle(void);

/* urgent.c: TCP urgent data kept as Windows keeps it. */
BOOL ws2kit_urgent_use(SOCKET s);
BOOL ws2kit_urgent_waiting(SOCKET s);
int ws2kit_urgent_recv(SOCKET s, const WSABUF *buffers, DWORD count, DWORD flags, ULONG_PTR *received);
void ws2kit_urgent_limit_read(SOCKET s, WSABUF *buffers, DWORD count);
int ws2kit_urgent_fionread(SOCKET s, ULONG *unread);
int ws2kit_urgent_at_mark(SOCKET s, ULONG *at_mark);
void ws2kit_urgent_before_inline(SOCKET s);
void ws2kit_urgent_before_close(SOCKET s);

/* io.c */
int ws2kit_recv_msg(SOCKET s, WSABUF *buffers, DWORD count, DWORD *received, DWORD *flags, struct sockaddr *from,
                    int *from_len, WSABUF *control, OVERLAPPED *overlapped,
                    LPWSAOVERLAPPED_COMPLETION_ROUTINE routine);

/* coalesce.c: sends of more buffers than the host takes in one call. */
int ws2kit_coalesce_buffers(WSABUF *buffers, DWORD *count, void **block);
void ws2kit_coalesced_sent(void *block, const OVERLAPPED *overlapped, int err);
void ws2kit_coalesced_cleanup(void);

/* fastio.c: sends and receives done by ws2kit.so, without the device. */
int ws2kit_fast_send(SOCKET s, const WSABUF *buffers, DWORD count, DWORD flags, const struct sockaddr *to,
                     int to_len, ULONG_PTR *sent);
int ws2kit_fast_recv(SOCKET s, const WSABUF *buffers, DWORD count, DWORD *flags, struct sockaddr *from,
                     int *from_len, ULONG_PTR *received);

/* fastnote.c: what the fast path may assume, as the device calls tell. */
void ws2kit_fast_saw_device_call(SOCKET s, ULONG code, const void *in, BOOL overlapped, NTSTATUS status);
void ws2kit_fast_accepted(SOCKET listener, SOCKET accepted);
void ws2kit_fast_off(SOCKET s);

/* sendrest.c: the rest of a short non-blocking stream send, sent later. */
BOOL ws2kit_send_rest_later(SOCKET s, const WSABUF *buffers, DWORD count, ULONG_PTR taken, ULONG_PTR total);
unsigned int ws2kit_send_rest_handles(SOCKET s);

/* extensions.c */
BOOL ws2kit_extension_result(SOCKET s, NTSTATUS status);
void *ws2kit_extension_function(const GUID *guid);
int WINAPI WSASendTo(SOCKET s, WSABUF *buffers, DWORD count, DWORD *sent, DWORD flags, const struct sockaddr *to,
                     int to_len, OVERLAPPED *overlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine);

/* transmit.c */
BOOL WINAPI ws2kit_transmit_file(SOCKET s, HANDLE file, DWORD file_len, DWORD per_send, OVERLAPPED *overlapped,
                                 TRANSMIT_FILE_BUFFERS *buffers, DWORD flags);
BOOL WINAPI ws2kit_transmit_packets(SOCKET s, TRANSMIT_PACKETS_ELEMENT *array, DWORD count, DWORD send_size,
                                    OVERLAPPED *overlapped, DWORD flags);

/* sockopt.c */
void ws2kit_icmp_error_connecting(SOCKET s);
void ws2kit_icmp_error_connected(SOCKET s);
int ws2kit_set_option(SOCKET s, int level, int name, DWORD value);

/* keepalive.c */
int ws2kit_keepalive_enable(SOCKET s, BOOL enable);
int ws2kit_keepalive_vals(SOCKET s, const struct tcp_keepalive *vals);
unsigned int ws2kit_windows_major(void);

/* device.c: the device layer (requests to Wine's socket device, their
 * completion and the blocking wait). */
HANDLE ws2kit_sync_event(void);
DWORD ws2kit_wait_alertable(HANDLE event);
FARPROC ws2kit_blocking_hook(void);
NTSTATUS ws2kit_wait_blocking(SOCKET s, HANDLE event, IO_STATUS_BLOCK *io);
NTSTATUS ws2kit_afd_call(SOCKET s, ULONG code, void *in, ULONG in_size, void *out, ULONG out_size,
                         ULONG_PTR *information);
int ws2kit_afd_call_wsa(SOCKET s, ULONG code, void *in, ULONG in_size, void *out, ULONG out_size);
BOOL ws2kit_get_socket_info(SOCKET s, struct afd_get_info_params *info);
BOOL ws2kit_connection_was_reset(SOCKET s);
NTSTATUS ws2kit_afd_issue(HANDLE handle, HANDLE event, void *port_context, IO_STATUS_BLOCK *io, ULONG code,
                          void *in, ULONG in_size, void *out, ULONG out_size);
NTSTATUS ws2kit_issue_overlapped(SOCKET s, ULONG code, void *in, ULONG in_size, void *out, ULONG out_size,
                                 OVERLAPPED *overlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine,
                                 HANDLE *caller_sets);
NTSTATUS ws2kit_afd_request(SOCKET s, ULONG code, void *in, ULONG in_size, OVERLAPPED *overlapped,
                            LPWSAOVERLAPPED_COMPLETION_ROUTINE routine, ULONG_PTR *information);
NTSTATUS ws2kit_afd_request_out(SOCKET s, ULONG code, void *in, ULONG in_size, void *out, ULONG out_size,
                                OVERLAPPED *overlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine,
                                ULONG_PTR *information);
NTSTATUS ws2kit_complete_request(SOCKET s, NTSTATUS result, OVERLAPPED *overlapped,
                                 LPWSAOVERLAPPED_COMPLETION_ROUTINE routine);
NTSTATUS ws2kit_complete_request_later(SOCKET s, NTSTATUS result, ULONG_PTR bytes, OVERLAPPED *overlapped,
                                       LPWSAOVERLAPPED_COMPLETION_ROUTINE routine);

#endif
