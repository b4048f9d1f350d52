/* ws2kit benchmark reference: what the socket-option calls cost on Linux
 * itself, with no Wine in between.  A host program (bench/run.sh builds it
 * with cc), timed exactly as bench_sockopt.exe times the Winsock calls: the
 * median of --repeat batches of --calls calls on one connected loopback TCP
 * socket (socket+setsockopt+close in batches of a tenth as many).  It prints
 * the same lines, with impl=linux, for the calls that have a direct Linux
 * counterpart:
 *
 *   setsockopt_so_keepalive_us   setsockopt(SOL_SOCKET, SO_KEEPALIVE, 1)
 *   getsockopt_so_rcvbuf_us      getsockopt(SOL_SOCKET, SO_RCVBUF)
 *   setsockopt_tcp_nodelay_us    setsockopt(IPPROTO_TCP, TCP_NODELAY, 1)
 *   setsockopt_tcp_keepalive_us  setsockopt(IPPROTO_TCP, TCP_KEEPIDLE, 600)
 *   wsaioctl_keepalive_vals_us   TCP_KEEPIDLE, TCP_KEEPINTVL, SO_KEEPALIVE
 *   socket_keepalive_close_us    socket(), setsockopt(SO_KEEPALIVE), close()
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "host_common.h"

#define MAX_REPEAT 101

static int set_int(int fd, int level, int name, int value)
{
    return setsockopt(fd, level, name, &value, sizeof(value)) ? errno : 0;
}

static int op_so_keepalive(int fd) { return set_int(fd, SOL_SOCKET, SO_KEEPALIVE, 1); }
static int op_tcp_nodelay(int fd)  { return set_int(fd, IPPROTO_TCP, TCP_NODELAY, 1); }
static int op_tcp_keepidle(int fd) { return set_int(fd, IPPROTO_TCP, TCP_KEEPIDLE, 600); }

static int op_so_rcvbuf(int fd)
{
    int value;
    socklen_t len = sizeof(value);
    return getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &value, &len) ? errno : 0;
}

static int op_keepalive_vals(int fd)
{
    int err;
    if ((err = set_int(fd, IPPROTO_TCP, TCP_KEEPIDLE, 600))) return err;
    if ((err = set_int(fd, IPPROTO_TCP, TCP_KEEPINTVL, 1))) return err;
    return set_int(fd, SOL_SOCKET, SO_KEEPALIVE, 1);
}

static int op_socket_keepalive_close(int unused)
{
    int fd = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), err;
    (void)unused;
    if (fd < 0) return errno;
    err = set_int(fd, SOL_SOCKET, SO_KEEPALIVE, 1);
    if (close(fd) && !err) err = errno;
    return err;
}

static const struct
{
    const char *metric;
    int (*op)(int fd);
    int divisor;
} benches[] =
{
    { "setsockopt_so_keepalive_us",  op_so_keepalive,           1 },
    { "getsockopt_so_rcvbuf_us",     op_so_rcvbuf,              1 },
    { "setsockopt_tcp_nodelay_us",   op_tcp_nodelay,            1 },
    { "setsockopt_tcp_keepalive_us", op_tcp_keepidle,           1 },
    { "wsaioctl_keepalive_vals_us",  op_keepalive_vals,         1 },
    { "socket_keepalive_close_us",   op_socket_keepalive_close, 10 },
};

static int make_pair(int *client, int *server)
{
    struct sockaddr_in addr;
    socklen_t len = sizeof(addr);
    int listener = socket(AF_INET, SOCK_STREAM, 0);

    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (listener < 0 || bind(listener, (struct sockaddr *)&addr, sizeof(addr)) || listen(listener, 1) ||
        getsockname(listener, (struct sockaddr *)&addr, &len))
        return -1;
    if ((*client = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
        connect(*client, (struct sockaddr *)&addr, sizeof(addr)) ||
        (*server = accept(listener, NULL, NULL)) < 0)
        return -1;
    close(listener);
    return 0;
}

int main(int argc, char **argv)
{
    long calls = 2000, repeat = 5, n, i, v;
    double samples[MAX_REPEAT], t0;
    int client, server, err, k, failed = 0;
    size_t j;
    char *end;

    for (k = 1; k + 1 < argc; k += 2)
    {
        v = strtol(argv[k + 1], &end, 10);
        if (*end || v < 1) goto usage;
        if (!strcmp(argv[k], "--calls")) calls = v;
        else if (!strcmp(argv[k], "--repeat") && v <= MAX_REPEAT) repeat = v;
        else goto usage;
    }
    if (k != argc) goto usage;

    if (make_pair(&client, &server))
    {
        printf("# error: loopback connection: %s\n", strerror(errno));
        return 1;
    }
    for (j = 0; j < sizeof(benches) / sizeof(benches[0]); j++)
    {
        n = calls / benches[j].divisor;
        if (n < 1) n = 1;
        for (i = 0; i < n / 10; i++) benches[j].op(client);   /* warm-up */
        for (err = 0, k = 0; k < repeat && !err; k++)
        {
            t0 = now_s();
            for (i = 0; i < n; i++)
                if ((err = benches[j].op(client))) break;
            samples[k] = (now_s() - t0) * 1e6 / n;
        }
        if (err)
        {
            printf("# %s: %s\nmetric=%s value=error impl=linux\n", benches[j].metric, strerror(err),
                   benches[j].metric);
            failed = 1;
        }
        else printf("metric=%s value=%.3f impl=linux\n", benches[j].metric, median(samples, (int)repeat));
    }
    close(client);
    close(server);
    return failed;

usage:
    fprintf(stderr, "usage: %s [--calls N] [--repeat K]\n", argv[0]);
    return 2;
}
