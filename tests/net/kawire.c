/* The Windows side of the keep-alive wire test (tests/net/keepalive-wire.sh).
 *
 *   kawire.exe HOST PORT vals      SIO_KEEPALIVE_VALS {1, 2000 ms, 1000 ms}
 *   kawire.exe HOST PORT registry  setsockopt(SO_KEEPALIVE) only: the times
 *                                  come from the prefix's registry
 *
 * Connects, exchanges one byte (the last activity), turns keep-alive on,
 * prints "armed", then blocks in recv() until keep-alive gives up on the
 * vanished peer, and prints what recv() and a second recv() said. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mstcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    struct sockaddr_in addr = { AF_INET };
    struct tcp_keepalive vals = { 1, 2000, 1000 };
    DWORD on = 1, returned, start;
    WSADATA data;
    SOCKET s;
    char byte = 'k';
    int ret, err;

    if (argc != 4 || (strcmp(argv[3], "vals") && strcmp(argv[3], "registry")))
    {
        fprintf(stderr, "usage: kawire HOST PORT vals|registry\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    WSAStartup(MAKEWORD(2, 2), &data);
    addr.sin_addr.s_addr = inet_addr(argv[1]);
    addr.sin_port = htons(atoi(argv[2]));
    s = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(s, (struct sockaddr *)&addr, sizeof(addr)))
    {
        printf("connect failed %d\n", WSAGetLastError());
        return 1;
    }
    if (send(s, &byte, 1, 0) != 1 || recv(s, &byte, 1, 0) != 1)
    {
        printf("echo failed %d\n", WSAGetLastError());
        return 1;
    }
    if (!strcmp(argv[3], "vals"))
        ret = WSAIoctl(s, SIO_KEEPALIVE_VALS, &vals, sizeof(vals), NULL, 0, &returned, NULL, NULL);
    else
        ret = setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (char *)&on, sizeof(on));
    if (ret)
    {
        printf("keep-alive failed %d\n", WSAGetLastError());
        return 1;
    }
    printf("armed\n");
    start = GetTickCount();
    ret = recv(s, &byte, 1, 0);
    err = ret == SOCKET_ERROR ? WSAGetLastError() : 0;
    printf("recv ret=%d error=%d elapsed_ms=%lu\n", ret, err, GetTickCount() - start);
    ret = recv(s, &byte, 1, 0);
    printf("second ret=%d error=%d\n", ret, ret == SOCKET_ERROR ? WSAGetLastError() : 0);
    closesocket(s);
    WSACleanup();
    return 0;
}
