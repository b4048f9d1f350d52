/* has-sock-diag: exits 0 when this kernel answers a sock_diag (inet_diag)
 * request about a TCP socket, 1 when it does not (gVisor, a kernel built
 * without inet_diag).  tests/wine/run.sh tells the Windows tests, whose
 * checks of urgent bytes cut out of normal data need it (ws2kit.so finds a
 * TCP socket's read position only through sock_diag). */
#include <arpa/inet.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/time.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
    struct { struct nlmsghdr header; struct inet_diag_req_v2 req; } request;
    union { struct nlmsghdr header; char bytes[1024]; } reply;
    struct sockaddr_in addr = { .sin_family = AF_INET };
    socklen_t len = sizeof(addr);
    int tcp = socket(AF_INET, SOCK_STREAM, 0), nl;
    ssize_t n;

    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (tcp < 0 || bind(tcp, (struct sockaddr *)&addr, sizeof(addr)) || listen(tcp, 1) ||
        getsockname(tcp, (struct sockaddr *)&addr, &len))
        return 1;
    memset(&request, 0, sizeof(request));
    request.header.nlmsg_len = sizeof(request);
    request.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    request.header.nlmsg_flags = NLM_F_REQUEST;
    request.req.sdiag_family = AF_INET;
    request.req.sdiag_protocol = IPPROTO_TCP;
    request.req.idiag_states = ~0u;
    request.req.id.idiag_sport = addr.sin_port;
    memcpy(request.req.id.idiag_src, &addr.sin_addr, 4);
    request.req.id.idiag_cookie[0] = request.req.id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;
    struct timeval two_s = { 2, 0 };

    if ((nl = socket(AF_NETLINK, SOCK_DGRAM, NETLINK_SOCK_DIAG)) < 0) return 1;
    setsockopt(nl, SOL_SOCKET, SO_RCVTIMEO, &two_s, sizeof(two_s));  /* a kernel that never answers */
    n = send(nl, &request, sizeof(request), 0) == sizeof(request) ? recv(nl, &reply, sizeof(reply), 0) : -1;
    close(nl);
    close(tcp);
    return n >= (ssize_t)NLMSG_LENGTH(sizeof(struct inet_diag_msg)) && reply.header.nlmsg_type == SOCK_DIAG_BY_FAMILY ? 0 : 1;
}
