/* kademo: keep-alive on ws2kit, shown.
 *
 * Opens a loopback TCP connection, turns keep-alive on the two Windows ways
 * (setsockopt(SO_KEEPALIVE) with the system values, then SIO_KEEPALIVE_VALS
 * with its own), and prints what each set as getsockopt reads it back
 * afterwards (ws2diag shows the registry side).  With --hold N it keeps the connection open N seconds after
 * printing "ready port=P", so a script can look at it with `ss -tnoi`. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mstcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ws2kit/sdk_extra.h"

static DWORD get_option(SOCKET s, int level, int name)
{
    DWORD value = 0;
    int len = sizeof(value);
    if (getsockopt(s, level, name, (char *)&value, &len)) return (DWORD)-1;
    return value;
}

static void show_socket(SOCKET s, const char *what)
{
    char on = 0;
    int len = sizeof(DWORD);

    getsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &on, &len);
    printf("  %-46s SO_KEEPALIVE=%d  idle=%lus  interval=%lus  probes=%lu\n", what, on,
           get_option(s, IPPROTO_TCP, TCP_KEEPALIVE), get_option(s, IPPROTO_TCP, TCP_KEEPINTVL),
           get_option(s, IPPROTO_TCP, TCP_KEEPCNT));
}

static BOOL connect_pair(SOCKET *client, SOCKET *server, USHORT *port)
{
    struct sockaddr_in addr = { AF_INET };
    int len = sizeof(addr);
    SOCKET listener = socket(AF_INET, SOCK_STREAM, 0);

    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *)&addr, sizeof(addr)) || listen(listener, 1)) return FALSE;
    getsockname(listener, (struct sockaddr *)&addr, &len);
    *client = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(*client, (struct sockaddr *)&addr, sizeof(addr))) return FALSE;
    *server = accept(listener, NULL, NULL);
    closesocket(listener);
    len = sizeof(addr);
    getsockname(*client, (struct sockaddr *)&addr, &len);
    *port = ntohs(addr.sin_port);
    return *server != INVALID_SOCKET;
}

int main(int argc, char **argv)
{
    struct tcp_keepalive vals = { 1, 2500, 1000 };
    SOCKET client, server;
    DWORD on = 1, returned;
    USHORT port;
    int hold = 0;
    WSADATA data;

    if (argc == 3 && !strcmp(argv[1], "--hold")) hold = atoi(argv[2]);
    else if (argc != 1)
    {
        fprintf(stderr, "usage: kademo [--hold SECONDS]\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    if (WSAStartup(MAKEWORD(2, 2), &data)) { fprintf(stderr, "WSAStartup failed\n"); return 1; }

    if (!connect_pair(&client, &server, &port))
    {
        fprintf(stderr, "loopback connection failed: %d\n", WSAGetLastError());
        return 1;
    }
    /* getsockopt answers as Windows would (whole seconds, unclamped); Linux
     * holds the nearest whole second, which the ss line shows. */
    printf("A loopback TCP connection (local port %u); keep-alive as getsockopt reads it back\n"
           "(Windows' view; Linux holds the nearest whole second, see ss below):\n", port);
    show_socket(client, "fresh socket:");

    if (setsockopt(client, SOL_SOCKET, SO_KEEPALIVE, (char *)&on, sizeof(on)))
        printf("  setsockopt(SO_KEEPALIVE) failed: %d\n", WSAGetLastError());
    show_socket(client, "after setsockopt(SO_KEEPALIVE, TRUE):");

    if (WSAIoctl(client, SIO_KEEPALIVE_VALS, &vals, sizeof(vals), NULL, 0, &returned, NULL, NULL))
        printf("  WSAIoctl(SIO_KEEPALIVE_VALS) failed: %d\n", WSAGetLastError());
    show_socket(client, "after SIO_KEEPALIVE_VALS {1, 2500 ms, 1000 ms}:");

    if (hold > 0)
    {
        printf("ready port=%u\n", port);
        Sleep(hold * 1000);
    }
    closesocket(client);
    closesocket(server);
    WSACleanup();
    return 0;
}
