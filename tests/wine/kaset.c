/* kaset CASE...: for tests/wine/keepalive-linux.sh.  For each case it makes a
 * loopback TCP connection, applies the case to the client socket through
 * Winsock, and prints "CASE PORT" (the client's local port).  Then it holds
 * the sockets until C:\kaset.done exists (at most 60 s), so that the script
 * can read what Linux holds with tests/net/sockpeek.
 * Cases: vals:TIME_MS:INTERVAL_MS (SIO_KEEPALIVE_VALS on), so_keepalive,
 * keepcnt:N, keepalive:S, keepintvl:S (the TCP_KEEP* options), and
 * opt:LEVEL:NAME:VALUE (any DWORD option, Windows' numbers), several of
 * these joined by '+' (applied in order, the first failure ends it), and
 * reuse: a
 * fresh socket gets TCP_NODELAY 0 and is closed, a new one that takes its
 * handle value gets TCP_NODELAY 1 before it connects (the option must reach
 * the new socket, not the old one's fd). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mstcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef TCP_KEEPALIVE
#define TCP_KEEPALIVE 3
#endif
#ifndef TCP_KEEPCNT
#define TCP_KEEPCNT 16
#endif
#ifndef TCP_KEEPINTVL
#define TCP_KEEPINTVL 17
#endif

static SOCKET connected_client(SOCKET listener, const struct sockaddr_in *addr, SOCKET *server)
{
    SOCKET client = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(client, (const struct sockaddr *)addr, sizeof(*addr))) return INVALID_SOCKET;
    *server = accept(listener, NULL, NULL);
    return client;
}

/* The "reuse" case: returns the connected client, or INVALID_SOCKET. */
static SOCKET reused_client(SOCKET listener, const struct sockaddr_in *addr, SOCKET *server, int *err)
{
    DWORD off = 0, on = 1;
    SOCKET old, s = INVALID_SOCKET;
    int tries;

    *err = WSAEINVAL;   /* the value never came back */
    for (tries = 0; tries < 16; tries++)
    {
        old = socket(AF_INET, SOCK_STREAM, 0);
        setsockopt(old, IPPROTO_TCP, TCP_NODELAY, (char *)&off, sizeof(off));
        closesocket(old);
        if ((s = socket(AF_INET, SOCK_STREAM, 0)) == old) break;
        closesocket(s);
        s = INVALID_SOCKET;
    }
    if (s == INVALID_SOCKET) return INVALID_SOCKET;
    *err = setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (char *)&on, sizeof(on)) ? WSAGetLastError() : 0;
    if (connect(s, (const struct sockaddr *)addr, sizeof(*addr))) return INVALID_SOCKET;
    *server = accept(listener, NULL, NULL);
    return s;
}

static int apply_one(SOCKET s, const char *c)
{
    DWORD value = 1, returned;
    unsigned long a, b;

    if (sscanf(c, "vals:%lu:%lu", &a, &b) == 2)
    {
        struct tcp_keepalive vals = { 1, a, b };
        return WSAIoctl(s, SIO_KEEPALIVE_VALS, &vals, sizeof(vals), NULL, 0, &returned, NULL, NULL);
    }
    if (sscanf(c, "opt:%lu:%lu:%lu", &a, &b, &value) == 3)
        return setsockopt(s, (int)a, (int)b, (char *)&value, sizeof(value));
    if (!strcmp(c, "so_keepalive")) return setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (char *)&value, sizeof(value));
    if (sscanf(c, "keepcnt:%lu", &value) == 1)
        return setsockopt(s, IPPROTO_TCP, TCP_KEEPCNT, (char *)&value, sizeof(value));
    if (sscanf(c, "keepalive:%lu", &value) == 1)
        return setsockopt(s, IPPROTO_TCP, TCP_KEEPALIVE, (char *)&value, sizeof(value));
    if (sscanf(c, "keepintvl:%lu", &value) == 1)
        return setsockopt(s, IPPROTO_TCP, TCP_KEEPINTVL, (char *)&value, sizeof(value));
    return -2;
}

static int apply(SOCKET s, const char *c)
{
    char one[64];
    int ret = 0;
    size_t len;

    for (; !ret && *c; c += len + (c[len] == '+'))
    {
        len = strcspn(c, "+");
        if (len >= sizeof(one)) return -2;
        memcpy(one, c, len);
        one[len] = 0;
        ret = apply_one(s, one);
    }
    return ret;
}

int main(int argc, char **argv)
{
    struct sockaddr_in addr = { AF_INET };
    int len = sizeof(addr), i, waited;
    SOCKET listener, client, server;
    WSADATA data;

    if (WSAStartup(MAKEWORD(2, 2), &data)) return 1;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    listener = socket(AF_INET, SOCK_STREAM, 0);
    if (bind(listener, (struct sockaddr *)&addr, sizeof(addr)) || listen(listener, 16) ||
        getsockname(listener, (struct sockaddr *)&addr, &len))
        return 1;
    for (i = 1; i < argc; i++)
    {
        struct sockaddr_in local;
        int ret;

        len = sizeof(local);
        if (!strcmp(argv[i], "reuse"))
        {
            if ((client = reused_client(listener, &addr, &server, &ret)) == INVALID_SOCKET) return 1;
            getsockname(client, (struct sockaddr *)&local, &len);
            printf("%s %u %d\n", argv[i], ntohs(local.sin_port), ret);
            continue;
        }
        if ((client = connected_client(listener, &addr, &server)) == INVALID_SOCKET) return 1;
        getsockname(client, (struct sockaddr *)&local, &len);
        ret = apply(client, argv[i]);
        printf("%s %u %d\n", argv[i], ntohs(local.sin_port), ret ? WSAGetLastError() : 0);
    }
    fflush(stdout);
    for (waited = 0; waited < 60000 && GetFileAttributesA("C:\\kaset.done") == INVALID_FILE_ATTRIBUTES; waited += 50)
        Sleep(50);
    return 0;
}
