/* ws2kit.so internals: functions on plain Linux fds (host-testable) and the
 * tables that translate between Linux and Winsock. */
#ifndef WS2KIT_UNIX_PRIVATE_H
#define WS2KIT_UNIX_PRIVATE_H

#include "ws2kit/bitmap.h"
#include "ws2kit/unixlib.h"
#include "ws2kit/winnumbers.h"
#include "ws2kit/wsaerror.h"

/* unixlib.c: the entries Wine's dispatcher calls, indexed by enum
 * ws2kit_unix_func; wow64.c: the same for 32-bit modules in the new WoW64. */
typedef int (*unix_entry)(void *args);
extern const unix_entry __wine_unix_call_funcs[];
extern const unix_entry __wine_unix_call_wow64_funcs[];

/* wineabi.c: how to call the running Wine's ntdll.so. */
enum ws2kit_ntdll_convention
{
    WS2KIT_NTDLL_UNKNOWN,   /* a Wine ws2kit does not know: refuse */
    WS2KIT_NTDLL_MS_ABI,    /* x86_64 Wine up to 8.9 */
    WS2KIT_NTDLL_SYSV,      /* x86_64 Wine 8.10 and later */
    WS2KIT_NTDLL_CDECL,     /* i386 */
};
enum ws2kit_ntdll_convention ws2kit_ntdll_convention_for(const char *wine_version);
int ws2kit_ntdll_caches_accepted_fds(const char *wine_version);
const char *ws2kit_ntdll_convention_name(enum ws2kit_ntdll_convention convention);

/* errors.c */
int ws2kit_errno_to_wsa(int err);
int ws2kit_eai_to_wsa(int eai);

/* sockopt.c: the work on a Linux fd, after the handle has been converted.
 * ws2kit_fd_{get,set}sockopt take a Windows option (see its option table);
 * the linux_ ones below them take a Linux option as the kernel numbers it. */
struct ws2kit_linux_sockopt
{
    int32_t level, name;  /* Linux numbers */
    uint32_t checks;      /* WS2KIT_CHECK_* */
    int32_t len;          /* in: buffer size; out (get): bytes written */
    void *value;
};
int ws2kit_fd_getsockopt(int fd, struct ws2kit_sockopt_params *params);
int ws2kit_fd_setsockopt(int fd, const struct ws2kit_sockopt_params *params);
int ws2kit_fd_get_int(int fd, int level, int name, uint32_t *value);
int ws2kit_fd_linux_getsockopt(int fd, struct ws2kit_linux_sockopt *opt);
int ws2kit_fd_linux_setsockopt(int fd, const struct ws2kit_linux_sockopt *opt);
int ws2kit_fd_set_keepalive(int fd, uint32_t checks, const struct ws2kit_keepalive *ka, int timers_set);
int ws2kit_fd_get_keepalive(int fd, uint32_t checks, struct ws2kit_keepalive *ka);
int ws2kit_fd_sockstate(int fd, struct ws2kit_sockstate_params *state);
int ws2kit_fd_is_socket(int fd);

/* urgent.c: TCP urgent data the Windows way. */
int ws2kit_fd_urgent_state(int fd, struct ws2kit_urgent_state_params *params);
int ws2kit_fd_urgent_recv(int fd, struct ws2kit_urgent_recv_params *params);
int ws2kit_fd_urgent_clear_way(int fd, struct ws2kit_urgent_clear_way_params *params);
int ws2kit_fd_urgent_close(int fd, uint64_t handle);
uint64_t ws2kit_urgent_clear_way(int fd, uint64_t handle);
int ws2kit_fd_watch_urgent(int fd, ws2kit_handle_t handle);
void ws2kit_urgent_forget(uint64_t handle);

/* ports.c */
int ws2kit_fd_share_port(int fd, const struct ws2kit_share_port_params *params);
int ws2kit_proc_net_tcp_listens_on(const char *line, int addr_len, const uint8_t *addr, uint16_t port);

/* fastio.c */
int ws2kit_fd_fast_send(int fd, struct ws2kit_fast_params *params);
int ws2kit_fd_fast_recv(int fd, struct ws2kit_fast_params *params);
int ws2kit_fd_watch_add(int fd, ws2kit_handle_t handle);
int ws2kit_watch_wait(struct ws2kit_watch_wait_params *params);
int ws2kit_fd_watch_level(int fd, struct ws2kit_watch_level_params *params);

/* netinfo.c */
int ws2kit_interfaces(struct ws2kit_interfaces_params *params);
int ws2kit_route_query(struct ws2kit_route_query_params *params);
/* Linux's TCP states, tcp_info's tcpi_state (include/net/tcp_states.h in
 * Linux; glibc names them only in <netinet/tcp.h>, which cannot be used
 * beside <linux/tcp.h>'s struct tcp_info). */
enum linux_tcp_state
{
    LINUX_TCP_ESTABLISHED = 1, LINUX_TCP_SYN_SENT, LINUX_TCP_SYN_RECV, LINUX_TCP_FIN_WAIT1, LINUX_TCP_FIN_WAIT2,
    LINUX_TCP_TIME_WAIT, LINUX_TCP_CLOSE, LINUX_TCP_CLOSE_WAIT, LINUX_TCP_LAST_ACK, LINUX_TCP_LISTEN,
    LINUX_TCP_CLOSING,
};

/* Whether a socket in this state has received the peer's FIN. */
int ws2kit_linux_fin_received(uint8_t state);
int ws2kit_fd_tcp_info(int fd, struct ws2kit_tcp_info *info);
int ws2kit_fd_icmp_error(int fd, struct ws2kit_icmp_error_params *params);

/* resolve.c */
int ws2kit_sockaddr_to_linux(const unsigned char *win, int win_len, void *storage, unsigned int *len);
int ws2kit_sockaddr_to_windows(const void *sa, unsigned int len, unsigned char *win, int *win_len);
int ws2kit_getaddrinfo(struct ws2kit_getaddrinfo_params *params);
int ws2kit_getnameinfo(struct ws2kit_getnameinfo_params *params);
int ws2kit_gethostname(struct ws2kit_gethostname_params *params);

#endif
