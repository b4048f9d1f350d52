/* ws2kit.so internals: functions on plain Linux fds (host-testable) and the
 * tables that translate between Linux and Winsock. */
#ifndef WS2KIT_UNIX_PRIVATE_H
#define WS2KIT_UNIX_PRIVATE_H

#include "ws2kit/bitmap.h"
#include "ws2kit/unixlib.h"
#include "ws2kit/wsaerror.h"

/* errors.c */
int ws2kit_errno_to_wsa(int err);
int ws2kit_eai_to_wsa(int eai);

/* sockopt.c: the work on a Linux fd, after the handle has been converted. */
int ws2kit_fd_getsockopt(int fd, struct ws2kit_sockopt_params *params);
int ws2kit_fd_setsockopt(int fd, const struct ws2kit_sockopt_params *params);
int ws2kit_fd_set_keepalive(int fd, uint32_t checks, const struct ws2kit_keepalive *ka);
int ws2kit_fd_get_keepalive(int fd, uint32_t checks, struct ws2kit_keepalive *ka);
int ws2kit_fd_sockstate(int fd, struct ws2kit_sockstate_params *state);
int ws2kit_fd_is_socket(int fd);
int ws2kit_fd_skip_read_urgent(int fd);

/* netinfo.c */
int ws2kit_interfaces(struct ws2kit_interfaces_params *params);
int ws2kit_route_query(struct ws2kit_route_query_params *params);
int ws2kit_fd_tcp_info(int fd, struct ws2kit_tcp_info *info);
int ws2kit_fd_icmp_error(int fd, struct ws2kit_icmp_error_params *params);

/* resolve.c */
int ws2kit_sockaddr_to_linux(const unsigned char *win, int win_len, void *storage, unsigned int *len);
int ws2kit_sockaddr_to_windows(const void *sa, unsigned int len, unsigned char *win, int *win_len);
int ws2kit_getaddrinfo(struct ws2kit_getaddrinfo_params *params);
int ws2kit_getnameinfo(struct ws2kit_getnameinfo_params *params);
int ws2kit_gethostname(struct ws2kit_gethostname_params *params);

#endif
