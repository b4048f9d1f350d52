/* WSAJoinLeaf on Windows' TCP/IP provider: only UDP sockets created as
 * multipoint leaves join, and the socket itself is the leaf.  Loopback
 * only: a unicast session on 127.0.0.1, and a group joined on the loopback
 * interface, where Linux sends no IGMP. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include "harness.h"
#include "sockpair.h"

#define LEAF (WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF)

static SOCKET leaf_socket(void)
{
    return WSASocketW(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, WSA_FLAG_OVERLAPPED | LEAF);
}

static struct sockaddr_in loopback(USHORT port)
{
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = port;
    return addr;
}

static void test_refused(void)
{
    SOCKET tcp = socket(AF_INET, SOCK_STREAM, 0), udp = socket(AF_INET, SOCK_DGRAM, 0), leaf = leaf_socket(), ret;
    HANDLE event = CreateEventA(NULL, FALSE, FALSE, NULL);
    struct sockaddr_in addr = loopback(htons(9));
    struct sockaddr_in6 addr6;

    ret = WSAJoinLeaf((SOCKET)event, (struct sockaddr *)&addr, sizeof(addr), NULL, NULL, NULL, NULL, JL_BOTH);
    ok(ret == INVALID_SOCKET && WSAGetLastError() == WSAENOTSOCK, "an event: error %d\n", WSAGetLastError());
    ret = WSAJoinLeaf(INVALID_SOCKET, (struct sockaddr *)&addr, sizeof(addr), NULL, NULL, NULL, NULL, JL_BOTH);
    ok(ret == INVALID_SOCKET && WSAGetLastError() == WSAENOTSOCK, "INVALID_SOCKET: error %d\n", WSAGetLastError());
    /* Not a multipoint socket: WSAEINVAL. */
    ret = WSAJoinLeaf(udp, (struct sockaddr *)&addr, sizeof(addr), NULL, NULL, NULL, NULL, JL_BOTH);
    ok(ret == INVALID_SOCKET && WSAGetLastError() == WSAEINVAL, "plain UDP: error %d\n", WSAGetLastError());
    ret = WSAJoinLeaf(tcp, (struct sockaddr *)&addr, sizeof(addr), NULL, NULL, NULL, NULL, JL_BOTH);
    ok(ret == INVALID_SOCKET && WSAGetLastError() == WSAEINVAL, "TCP: error %d\n", WSAGetLastError());

    if (!ok(leaf != INVALID_SOCKET, "multipoint UDP socket: error %d\n", WSAGetLastError())) goto done;
    ret = WSAJoinLeaf(leaf, NULL, sizeof(addr), NULL, NULL, NULL, NULL, JL_BOTH);
    ok(ret == INVALID_SOCKET && WSAGetLastError() == WSAEFAULT, "NULL name: error %d\n", WSAGetLastError());
    ret = WSAJoinLeaf(leaf, (struct sockaddr *)&addr, 8, NULL, NULL, NULL, NULL, JL_BOTH);
    ok(ret == INVALID_SOCKET && WSAGetLastError() == WSAEFAULT, "short name: error %d\n", WSAGetLastError());
    ret = WSAJoinLeaf(leaf, (struct sockaddr *)(ULONG_PTR)0x10, sizeof(addr), NULL, NULL, NULL, NULL, JL_BOTH);
    ok(ret == INVALID_SOCKET && WSAGetLastError() == WSAEFAULT, "unmapped name: error %d\n", WSAGetLastError());
    memset(&addr6, 0, sizeof(addr6));
    addr6.sin6_family = AF_INET6;
    addr6.sin6_addr.s6_addr[15] = 1;
    addr6.sin6_port = htons(9);
    ret = WSAJoinLeaf(leaf, (struct sockaddr *)&addr6, sizeof(addr6), NULL, NULL, NULL, NULL, JL_BOTH);
    ok(ret == INVALID_SOCKET && WSAGetLastError() == WSAEAFNOSUPPORT, "IPv6 name on IPv4: error %d\n",
       WSAGetLastError());
    addr.sin_addr.s_addr = INADDR_ANY;
    ret = WSAJoinLeaf(leaf, (struct sockaddr *)&addr, sizeof(addr), NULL, NULL, NULL, NULL, JL_BOTH);
    ok(ret == INVALID_SOCKET && WSAGetLastError() == WSAEADDRNOTAVAIL, "ADDR_ANY: error %d\n", WSAGetLastError());
done:
    CloseHandle(event);
    closesocket(leaf);
    closesocket(udp);
    closesocket(tcp);
}

/* A sender-only leaf of a unicast session: the session is its default
 * destination, as after WSAConnect. */
static void test_sender_leaf(void)
{
    SOCKET receiver = socket(AF_INET, SOCK_DGRAM, 0), leaf = leaf_socket(), ret;
    struct sockaddr_in addr = loopback(0);
    WSABUF callee;
    char buf[16], data[4];
    int len = sizeof(addr);

    ok(!bind(receiver, (struct sockaddr *)&addr, sizeof(addr)) && !getsockname(receiver, (struct sockaddr *)&addr, &len),
       "receiver: %d\n", WSAGetLastError());
    callee.len = sizeof(data);
    callee.buf = data;
    ret = WSAJoinLeaf(leaf, (struct sockaddr *)&addr, sizeof(addr), NULL, &callee, NULL, NULL, JL_SENDER_ONLY);
    ok_int(ret, leaf, "WSAJoinLeaf returned %#Ix, expected the socket itself %#Ix (error %d)\n", ret, leaf,
       WSAGetLastError());
    ok_int(callee.len, 0, "callee data length %lu\n", callee.len);
    ok(send(leaf, "leaf", 4, 0) == 4, "send to the session: %d\n", WSAGetLastError());
    ok(recv(receiver, buf, sizeof(buf), 0) == 4 && !memcmp(buf, "leaf", 4), "receiver got nothing: %d\n",
       WSAGetLastError());
    /* Joined once. */
    ret = WSAJoinLeaf(leaf, (struct sockaddr *)&addr, sizeof(addr), NULL, NULL, NULL, NULL, JL_SENDER_ONLY);
    ok(ret == INVALID_SOCKET && WSAGetLastError() == WSAEISCONN, "second join: error %d\n", WSAGetLastError());
    closesocket(leaf);
    closesocket(receiver);
}

/* A receiving leaf joins the group on the interface IP_MULTICAST_IF names
 * (here loopback: no packet leaves the host, none is even sent), and is
 * bound to a port if it was not. */
static void test_receiver_leaf(void)
{
    SOCKET leaf = leaf_socket(), ret;
    struct sockaddr_in group, local;
    struct ip_mreq mreq;
    DWORD iface = htonl(INADDR_LOOPBACK);
    int len = sizeof(local);

    memset(&group, 0, sizeof(group));
    group.sin_family = AF_INET;
    group.sin_addr.s_addr = htonl(0xeffffa17); /* 239.255.250.23, administratively scoped */
    group.sin_port = htons(5999);
    ok(!setsockopt(leaf, IPPROTO_IP, IP_MULTICAST_IF, (char *)&iface, sizeof(iface)), "IP_MULTICAST_IF: %d\n",
       WSAGetLastError());
    ret = WSAJoinLeaf(leaf, (struct sockaddr *)&group, sizeof(group), NULL, NULL, NULL, NULL, JL_RECEIVER_ONLY);
    ok_int(ret, leaf, "WSAJoinLeaf: %#Ix, error %d\n", ret, WSAGetLastError());
    ok(!getsockname(leaf, (struct sockaddr *)&local, &len) && local.sin_port != 0, "not bound: error %d\n",
       WSAGetLastError());
    /* The membership exists: dropping it works once. */
    mreq.imr_multiaddr = group.sin_addr;
    mreq.imr_interface.s_addr = iface;
    ok(!setsockopt(leaf, IPPROTO_IP, IP_DROP_MEMBERSHIP, (char *)&mreq, sizeof(mreq)), "drop: %d\n",
       WSAGetLastError());
    ok_int(setsockopt(leaf, IPPROTO_IP, IP_DROP_MEMBERSHIP, (char *)&mreq, sizeof(mreq)), SOCKET_ERROR,
       "dropped twice\n");
    closesocket(leaf);
}

START_TEST(joinleaf)
{
    struct sockaddr_in addr = loopback(htons(9));
    WSADATA data;
    SOCKET ret;

    harness_start_watchdog(30000);
    SetLastError(0xdead);
    ret = WSAJoinLeaf((SOCKET)4, (struct sockaddr *)&addr, sizeof(addr), NULL, NULL, NULL, NULL, JL_BOTH);
    ok(ret == INVALID_SOCKET && WSAGetLastError() == WSANOTINITIALISED, "before WSAStartup: error %d\n",
       WSAGetLastError());
    WSAStartup(MAKEWORD(2, 2), &data);
    RUN(test_refused);
    RUN(test_sender_leaf);
    RUN(test_receiver_leaf);
    WSACleanup();
}
