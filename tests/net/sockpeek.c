/* sockpeek PORT: what Linux itself holds for the TCP socket whose local port
 * is PORT, whichever process has it (a Wine program, or the wineserver that
 * keeps every socket of a prefix).  It is the tests' view from outside
 * ws2kit: the socket is found through /proc/net/tcp{,6} and /proc/PID/fd,
 * duplicated with pidfd_getfd(2) and read with Linux's own getsockopt.
 * Prints "keepalive K idle I interval N count C nodelay D oobinline O ttl T
 * tos S" and exits 0, or
 * says why not and exits 1. */
#define _GNU_SOURCE
#include <dirent.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The inode of the socket bound to local port `port`, from a /proc/net table. */
static unsigned long inode_of_port(const char *table, unsigned int port)
{
    char line[512], local[64];
    unsigned long inode = 0, found = 0;
    unsigned int local_port;
    FILE *f = fopen(table, "r");

    if (!f) return 0;
    if (!fgets(line, sizeof(line), f)) { fclose(f); return 0; }   /* header */
    while (!found && fgets(line, sizeof(line), f))
    {
        /* sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode */
        if (sscanf(line, "%*s %63s %*s %*s %*s %*s %*s %*s %*s %lu", local, &inode) != 2) continue;
        if (sscanf(strchr(local, ':') + 1, "%x", &local_port) == 1 && local_port == port) found = inode;
    }
    fclose(f);
    return found;
}

/* A duplicate of the socket with that inode, from the first process holding it. */
static int grab_socket(unsigned long inode)
{
    char want[64], path[300], link[64];
    struct dirent *proc, *fd;
    DIR *procs = opendir("/proc"), *fds;
    int result = -1;

    snprintf(want, sizeof(want), "socket:[%lu]", inode);
    while (procs && result < 0 && (proc = readdir(procs)))
    {
        int pid = atoi(proc->d_name);
        if (pid <= 0) continue;
        snprintf(path, sizeof(path), "/proc/%d/fd", pid);
        if (!(fds = opendir(path))) continue;
        while (result < 0 && (fd = readdir(fds)))
        {
            ssize_t len;
            snprintf(path, sizeof(path), "/proc/%d/fd/%s", pid, fd->d_name);
            if ((len = readlink(path, link, sizeof(link) - 1)) < 0) continue;
            link[len] = 0;
            if (!strcmp(link, want))
            {
                int pidfd = syscall(SYS_pidfd_open, pid, 0);
                if (pidfd >= 0) result = syscall(SYS_pidfd_getfd, pidfd, atoi(fd->d_name), 0);
                if (pidfd >= 0) close(pidfd);
            }
        }
        closedir(fds);
    }
    if (procs) closedir(procs);
    return result;
}

static int option(int fd, int level, int name)
{
    int value = -1;
    socklen_t len = sizeof(value);
    return getsockopt(fd, level, name, &value, &len) ? -1 : value;
}

int main(int argc, char **argv)
{
    unsigned long inode;
    int fd;

    if (argc != 2) { fprintf(stderr, "usage: sockpeek PORT\n"); return 2; }
    inode = inode_of_port("/proc/net/tcp", atoi(argv[1]));
    if (!inode) inode = inode_of_port("/proc/net/tcp6", atoi(argv[1]));
    if (!inode) { fprintf(stderr, "sockpeek: no TCP socket on local port %s\n", argv[1]); return 1; }
    if ((fd = grab_socket(inode)) < 0) { fprintf(stderr, "sockpeek: no process holds socket %lu\n", inode); return 1; }
    printf("keepalive %d idle %d interval %d count %d nodelay %d oobinline %d ttl %d tos %d\n",
           option(fd, SOL_SOCKET, SO_KEEPALIVE), option(fd, IPPROTO_TCP, TCP_KEEPIDLE),
           option(fd, IPPROTO_TCP, TCP_KEEPINTVL), option(fd, IPPROTO_TCP, TCP_KEEPCNT),
           option(fd, IPPROTO_TCP, TCP_NODELAY), option(fd, SOL_SOCKET, SO_OOBINLINE),
           option(fd, IPPROTO_IP, IP_TTL), option(fd, IPPROTO_IP, IP_TOS));
    close(fd);
    return 0;
}
