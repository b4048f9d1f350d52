/* Sharing a TCP port the way Windows shares it.  The wineserver keeps
 * Windows' rules for the sockets of its prefix (SO_REUSEADDR,
 * SO_EXCLUSIVEADDRUSE, the same address twice); what is left here is
 * getting Linux to allow what those rules allow.  Two Windows cases need
 * SO_REUSEPORT on both Linux sockets, and so on every bound stream socket:
 *   - two sockets with SO_REUSEADDR on one address, both listening, the first
 *     taking the connections (see first_listener);
 *   - a socket on a specific address beside one on the wildcard address of
 *     the same port, with no option at all, both listening, a connection
 *     going to the one whose address it names (see bind_beside).
 * (Wine's sock.c test_reuseaddr, checked on Windows.)  Where the kernel
 * cannot pick the first listener (gVisor), nothing here changes Linux's
 * rules: Wine's refusal of the second bind is better than connections that go
 * to a socket nobody accepts on. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/filter.h>

#include "unix_private.h"

static int set_reuseport(int fd, int on)
{
    return setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof(on)) ? ws2kit_errno_to_wsa(errno) : 0;
}

/* Linux spreads the connections of listeners that share one address with
 * SO_REUSEPORT over them by hash.  A classic BPF program that always answers
 * index 0, attached to the listeners' group, sends them all to its first
 * listener instead, as Windows does.  It is attached at listen: attached
 * earlier it would give the socket a group of its own, and Linux refuses to
 * bind a socket with a group next to another. */
static struct sock_filter first_listener[] = { BPF_STMT(BPF_RET | BPF_K, 0) };
static struct sock_fprog first_listener_program = { 1, first_listener };

static int attach_first_listener(int fd)
{
    return setsockopt(fd, SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, &first_listener_program,
                      sizeof(first_listener_program));
}

/* Whether this kernel takes the program, tried once on a socket of our own. */
static int can_pick_first_listener(void)
{
    static int answer = -1;
    int fd, on = 1;

    if (answer >= 0) return answer;
    if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0) return 0;
    answer = !setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof(on)) && !attach_first_listener(fd);
    close(fd);
    return answer;
}

static int is_stream(int fd)
{
    uint32_t type = 0;
    return !ws2kit_fd_get_int(fd, SOL_SOCKET, SO_TYPE, &type) && type == SOCK_STREAM;
}

/* One line of /proc/net/tcp or tcp6: the local address is the raw bytes of
 * the address, printed 32 bits at a time as host-order hex, and the port
 * as a number; state 0A is LISTEN. */
int ws2kit_proc_net_tcp_listens_on(const char *line, int addr_len, const uint8_t *addr, uint16_t port)
{
    char hex[33];
    unsigned int local_port, state, i;
    uint32_t word;

    if (sscanf(line, " %*u: %32[0-9A-Fa-f]:%x %*s %x", hex, &local_port, &state) != 3) return 0;
    if (state != 0x0a || local_port != port || strlen(hex) != (size_t)addr_len * 2) return 0;
    for (i = 0; i < (unsigned int)addr_len / 4; i++)
    {
        char group[9];
        memcpy(group, hex + i * 8, 8);
        group[8] = 0;
        word = (uint32_t)strtoul(group, NULL, 16);
        if (memcmp(&word, addr + i * 4, 4)) return 0;
    }
    return 1;
}

/* Whether some socket of this network namespace listens on exactly this
 * address and port (host-order port). */
static int someone_listens_on(int family, const uint8_t *addr, uint16_t port)
{
    FILE *table = fopen(family == AF_INET6 ? "/proc/net/tcp6" : "/proc/net/tcp", "re");
    int addr_len = family == AF_INET6 ? 16 : 4, found = 0;
    char line[256];

    if (!table) return 1;  /* cannot tell: keep Linux's refusal */
    while (!found && fgets(line, sizeof(line), table))
        found = ws2kit_proc_net_tcp_listens_on(line, addr_len, addr, port);
    fclose(table);
    return found;
}

/* Linux refused a bind with EADDRINUSE after the wineserver let it through.
 * Windows lets a stream socket bind a port that another socket holds on an
 * other address of it (a specific one beside the wildcard, or the other way
 * round).  If no socket listens on exactly this address and port, the socket
 * gets SO_REUSEPORT (every bound one has it, ws2kit_fd_share_port BOUND) and
 * the caller binds again; otherwise the refusal stands, as on Windows, also
 * for a socket of another prefix, which its wineserver does not know. */
static int bind_beside(int fd, const struct ws2kit_share_port_params *params)
{
    uint32_t family = 0, shared = 0;

    if (!is_stream(fd) || !can_pick_first_listener()) return WSAEADDRINUSE;
    if (ws2kit_fd_get_int(fd, SOL_SOCKET, SO_DOMAIN, &family) ||
        ws2kit_fd_get_int(fd, SOL_SOCKET, SO_REUSEPORT, &shared))
        return WSAEADDRINUSE;
    if (shared || (family != AF_INET && family != AF_INET6)) return WSAEADDRINUSE;
    if (someone_listens_on(family, params->addr, ntohs(params->port))) return WSAEADDRINUSE;
    return set_reuseport(fd, 1);
}

int ws2kit_fd_share_port(int fd, const struct ws2kit_share_port_params *params)
{
    uint32_t shared = 0;

    switch (params->what)
    {
    case WS2KIT_SHARE_PORT_LISTENING:
        if (ws2kit_fd_get_int(fd, SOL_SOCKET, SO_REUSEPORT, &shared) || !shared) return 0;
        return attach_first_listener(fd) ? ws2kit_errno_to_wsa(errno) : 0;
    case WS2KIT_SHARE_PORT_BOUND:
        if (!is_stream(fd) || !can_pick_first_listener()) return 0;
        return set_reuseport(fd, 1);
    case WS2KIT_SHARE_PORT_BESIDE:
        return bind_beside(fd, params);
    case WS2KIT_SHARE_PORT_ON:
    case WS2KIT_SHARE_PORT_OFF:
        /* Datagram sockets share a port with SO_REUSEADDR alone on both systems. */
        if (!is_stream(fd)) return 0;
        if (params->what == WS2KIT_SHARE_PORT_ON && !can_pick_first_listener()) return WSAEOPNOTSUPP;
        return set_reuseport(fd, params->what == WS2KIT_SHARE_PORT_ON);
    }
    return WSAEINVAL;
}
