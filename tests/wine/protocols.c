/* WSAEnumProtocolsA/W: the TCP/IP catalogue entries a program sees. */
#include <winsock2.h>
#include <windows.h>
#include <string.h>
#include "harness.h"

START_TEST(protocols)
{
    WSAPROTOCOL_INFOW infow[16];
    WSAPROTOCOL_INFOA infoa[16];
    int udp_only[] = { IPPROTO_UDP, 0 }, ret, i, tcp = 0, udp = 0;
    DWORD size = 0;
    WSADATA data;

    WSAStartup(MAKEWORD(2, 2), &data);
    ret = WSAEnumProtocolsW(NULL, NULL, &size);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOBUFS, "no buffer: %d %d\n", ret, WSAGetLastError());
    ok(size && size % sizeof(WSAPROTOCOL_INFOW) == 0, "size needed %lu\n", size);
    size = sizeof(infow);
    ret = WSAEnumProtocolsW(NULL, infow, &size);
    ok(ret >= 4, "WSAEnumProtocolsW gave %d entries\n", ret);
    for (i = 0; i < ret; i++)
    {
        ok(infow[i].dwServiceFlags1 & XP1_IFS_HANDLES, "entry %d: sockets are not IFS handles\n", i);
        ok(!(infow[i].dwProviderFlags & PFL_HIDDEN), "entry %d is hidden\n", i);
        if (infow[i].iProtocol == IPPROTO_TCP) tcp++;
        if (infow[i].iProtocol == IPPROTO_UDP) udp++;
    }
    ok(tcp == 2 && udp == 2, "%d TCP and %d UDP entries\n", tcp, udp);

    size = sizeof(infoa);
    ret = WSAEnumProtocolsA(udp_only, infoa, &size);
    ok(ret == 2 && infoa[0].iProtocol == IPPROTO_UDP && infoa[1].iProtocol == IPPROTO_UDP, "UDP only: %d\n", ret);
    ok(ret >= 1 && !strcmp(infoa[0].szProtocol, "UDP/IP"), "name \"%s\"\n", infoa[0].szProtocol);
    size = 10;
    ret = WSAEnumProtocolsA(NULL, infoa, &size);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOBUFS && size >= 4 * sizeof(WSAPROTOCOL_INFOA),
       "short buffer: %d %d size %lu\n", ret, WSAGetLastError(), size);
    ret = WSAEnumProtocolsW(NULL, infow, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "NULL size: %d %d\n", ret, WSAGetLastError());
    WSACleanup();
    ret = WSAEnumProtocolsW(NULL, infow, &size);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "after cleanup: %d %d\n", ret, WSAGetLastError());
}
