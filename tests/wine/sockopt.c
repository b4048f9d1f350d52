/* Socket options, the area's home: getsockopt/setsockopt against Windows'
 * rules for value sizes, errors (bad lengths and levels included) and
 * read-back, one table row per option (the sizes are what Windows 10 writes,
 * as observed on real Windows and recorded in Wine's conformance tests).
 * What keep-alive's options do is in keepalive.c; sockopt_matrix.c runs
 * every option through every length and socket state. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>
#include <stdio.h>
#include "ws2kit/sdk_extra.h"
#include "harness.h"

#ifndef TCP_KEEPALIVE
#define TCP_KEEPALIVE 3
#endif

struct size_row
{
    const char *name;
    int af, type, level, option;
    BOOL short_ok;      /* set accepts 1 and 2 bytes */
    int get_sizes[3];   /* bytes get writes for a 1-, 2- and 4-byte buffer (0: it zeroes the length) */
    BOOL bool_value;    /* reads back as 0/1 */
    BOOL large_ok;      /* 0x100 is accepted (the TTL-like ones stop at 255) */
};

static const struct size_row size_rows[] =
{
    { "SO_BROADCAST",  AF_INET, SOCK_DGRAM,  SOL_SOCKET,  SO_BROADCAST,  TRUE,  { 1, 1, 4 }, TRUE, TRUE },
    { "SO_DONTLINGER", AF_INET, SOCK_STREAM, SOL_SOCKET,  SO_DONTLINGER, TRUE,  { 1, 1, 4 }, TRUE, TRUE },
    { "SO_OOBINLINE",  AF_INET, SOCK_STREAM, SOL_SOCKET,  SO_OOBINLINE,  TRUE,  { 1, 1, 4 }, TRUE, TRUE },
    { "SO_RCVBUF",     AF_INET, SOCK_STREAM, SOL_SOCKET,  SO_RCVBUF,     FALSE, { 1, 2, 4 }, FALSE, TRUE },
    /* l_onoff reads back as set: 0x100 stays 0x100 (test_set_getsockopt). */
    { "SO_LINGER",     AF_INET, SOCK_STREAM, SOL_SOCKET,  SO_LINGER,     FALSE, { 1, 2, 4 }, FALSE, TRUE },
    { "SO_KEEPALIVE",  AF_INET, SOCK_STREAM, SOL_SOCKET,  SO_KEEPALIVE,  TRUE,  { 1, 1, 1 }, FALSE, TRUE },
    { "SO_DONTROUTE",  AF_INET, SOCK_STREAM, SOL_SOCKET,  SO_DONTROUTE,  TRUE,  { 1, 1, 1 }, FALSE, TRUE },
    { "SO_RCVTIMEO",   AF_INET, SOCK_STREAM, SOL_SOCKET,  SO_RCVTIMEO,   FALSE, { 1, 2, 4 }, FALSE, TRUE },
    { "SO_REUSEADDR",  AF_INET, SOCK_STREAM, SOL_SOCKET,  SO_REUSEADDR,  TRUE,  { 1, 1, 4 }, TRUE, TRUE },
    { "SO_EXCLUSIVEADDRUSE", AF_INET, SOCK_STREAM, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, TRUE, { 1, 1, 4 }, TRUE, TRUE },
    { "SO_SNDBUF",     AF_INET, SOCK_STREAM, SOL_SOCKET,  SO_SNDBUF,     FALSE, { 1, 2, 4 }, FALSE, TRUE },
    { "SO_SNDTIMEO",   AF_INET, SOCK_STREAM, SOL_SOCKET,  SO_SNDTIMEO,   FALSE, { 1, 2, 4 }, FALSE, TRUE },
    { "SO_OPENTYPE",   AF_INET, SOCK_STREAM, SOL_SOCKET,  SO_OPENTYPE,   FALSE, { 1, 2, 4 }, FALSE, TRUE },
    { "TCP_NODELAY",   AF_INET, SOCK_STREAM, IPPROTO_TCP, TCP_NODELAY,   TRUE,  { 1, 1, 1 }, FALSE, TRUE },
    { "IP_MULTICAST_LOOP", AF_INET, SOCK_DGRAM, IPPROTO_IP, IP_MULTICAST_LOOP, TRUE, { 1, 1, 4 }, TRUE, TRUE },
    { "IP_MULTICAST_TTL", AF_INET, SOCK_DGRAM, IPPROTO_IP, IP_MULTICAST_TTL, TRUE, { 1, 1, 4 }, FALSE, FALSE },
    { "IP_PKTINFO",    AF_INET, SOCK_DGRAM,  IPPROTO_IP,  IP_PKTINFO,    FALSE, { 0, 0, 4 }, TRUE, TRUE },
    { "IP_RECVTOS",    AF_INET, SOCK_DGRAM,  IPPROTO_IP,  IP_RECVTOS,    FALSE, { 0, 0, 4 }, TRUE, TRUE },
    { "IP_RECVTTL",    AF_INET, SOCK_DGRAM,  IPPROTO_IP,  IP_RECVTTL,    FALSE, { 0, 0, 4 }, TRUE, TRUE },
    { "IP_TOS",        AF_INET, SOCK_DGRAM,  IPPROTO_IP,  IP_TOS,        TRUE,  { 1, 1, 4 }, FALSE, FALSE },
    { "IP_TTL",        AF_INET, SOCK_DGRAM,  IPPROTO_IP,  IP_TTL,        TRUE,  { 1, 1, 4 }, FALSE, FALSE },
    { "IPV6_DONTFRAG", AF_INET6, SOCK_STREAM, IPPROTO_IPV6, IPV6_DONTFRAG, TRUE, { 1, 1, 4 }, TRUE, TRUE },
    { "IPV6_HOPLIMIT", AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_HOPLIMIT, FALSE, { 0, 0, 4 }, TRUE, TRUE },
    { "IPV6_MULTICAST_HOPS", AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, TRUE, { 1, 1, 4 }, FALSE, FALSE },
    { "IPV6_MULTICAST_LOOP", AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, TRUE, { 1, 1, 4 }, TRUE, TRUE },
    { "IPV6_PKTINFO",  AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_PKTINFO,  FALSE, { 0, 0, 4 }, TRUE, TRUE },
    { "IPV6_RECVTCLASS", AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_RECVTCLASS, FALSE, { 0, 0, 4 }, TRUE, TRUE },
    { "IPV6_UNICAST_HOPS", AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_UNICAST_HOPS, TRUE, { 1, 1, 4 }, FALSE, FALSE },
    { "IPV6_V6ONLY",   AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_V6ONLY,  TRUE,  { 1, 1, 1 }, FALSE, TRUE },
};

static void test_sizes(const struct size_row *row)
{
    SOCKET s = socket(row->af, row->type, 0);
    DWORD value, saved = 0;
    UINT64 value64;
    int size, ret, j, one_byte = row->get_sizes[2] == 1;

    size = sizeof(saved);
    ok(!getsockopt(s, row->level, row->option, (char *)&saved, &size), "%s: get failed\n", row->name);

    /* A larger buffer is fine both ways; get still writes its own size. */
    value64 = 0xffffffff00000001ull;
    ok(!setsockopt(s, row->level, row->option, (char *)&value64, sizeof(value64)), "%s: 8-byte set\n", row->name);
    size = sizeof(value64);
    ok(!getsockopt(s, row->level, row->option, (char *)&value64, &size), "%s: 8-byte get\n", row->name);
    ok_int(size, row->get_sizes[2], "%s: 8-byte get wrote %d bytes\n", row->name, size);

    /* A negative length: SOL_SOCKET's DWORD options read 4 bytes anyway. */
    value = 1;
    WSASetLastError(0xdeadbeef);
    ret = setsockopt(s, row->level, row->option, (char *)&value, -1);
    if (one_byte || row->level != SOL_SOCKET)
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOBUFS, "%s: set -1: %d %d\n", row->name, ret,
           WSAGetLastError());
    else
        ok(!ret && !WSAGetLastError(), "%s: set -1: %d %d\n", row->name, ret, WSAGetLastError());

    /* Zero length: only SOL_SOCKET's BOOL options take it. */
    WSASetLastError(0xdeadbeef);
    ret = setsockopt(s, row->level, row->option, (char *)&value, 0);
    if (row->level == SOL_SOCKET && row->bool_value)
        ok(!ret && !WSAGetLastError(), "%s: set 0: %d %d\n", row->name, ret, WSAGetLastError());
    else
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "%s: set 0: %d %d\n", row->name, ret,
           WSAGetLastError());
    size = 0;
    ret = getsockopt(s, row->level, row->option, (char *)&value, &size);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "%s: get 0: %d %d\n", row->name, ret,
       WSAGetLastError());

    /* 0x100: BOOL options see TRUE, one-byte options see the low byte only,
     * and the TTL-like ones refuse it. */
    value = 0x100;
    ret = setsockopt(s, row->level, row->option, (char *)&value, 4);
    if (!row->large_ok)
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "%s: set 0x100: %d %d\n", row->name, ret,
           WSAGetLastError());
    else
    {
        ok(!ret, "%s: set 0x100 failed: %d\n", row->name, WSAGetLastError());
        value = 0xdeadbeef;
        size = 4;
        ok(!getsockopt(s, row->level, row->option, (char *)&value, &size), "%s: get after 0x100\n", row->name);
        if (one_byte) ok_int(value, 0xdeadbe00, "%s: 0x100 read back as %#lx\n", row->name, value);
        else ok_int(value, (row->bool_value ? 1 : 0x100), "%s: 0x100 read back as %#lx\n", row->name, value);
        ok_int(size, row->get_sizes[2], "%s: get wrote %d bytes\n", row->name, size);
    }

    for (j = 0; j < 3; j++)
    {
        int len = 1 << j;
        BOOL accepted = row->short_ok || len == 4;

        value = 1;
        WSASetLastError(0xdeadbeef);
        ret = setsockopt(s, row->level, row->option, (char *)&value, len);
        ok(accepted ? !ret && !WSAGetLastError() : ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
           "%s: set %d bytes: %d %d\n", row->name, len, ret, WSAGetLastError());
        value = 0xdeadbeef;
        size = len;
        ret = getsockopt(s, row->level, row->option, (char *)&value, &size);
        ok(accepted ? !ret : ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
           "%s: get %d bytes: %d %d\n", row->name, len, ret, WSAGetLastError());
        ok_int(size, row->get_sizes[j], "%s: get with %d bytes left size %d\n", row->name, len, size);
        if (accepted)
        {
            DWORD expect = 0xdeadbeef, one = 1;
            /* SOL_SOCKET's short BOOLs write 2 bytes into a 2-byte buffer
             * and say 1 (Windows, recorded in Wine's conformance
             * test_set_getsockopt: 0xdead0001, size 1). */
            memcpy(&expect, &one, row->level == SOL_SOCKET && row->bool_value && len == 2 ? 2 : row->get_sizes[j]);
            ok_int(value, expect, "%s: %d-byte read back %#lx, expected %#lx\n", row->name, len, value, expect);
        }
        else if (row->level == SOL_SOCKET &&
                 (row->option == SO_RCVBUF || row->option == SO_SNDBUF || row->option == SO_LINGER))
            /* The failed get zeroes the short buffer (0xdeadbe00, 0xdead0000 there). */
            ok_int(value, (len == 1 ? 0xdeadbe00 : 0xdead0000), "%s: failed %d-byte get left %#lx\n", row->name,
               len, value);
        else
            ok_int(value, 0xdeadbeef, "%s: failed %d-byte get wrote %#lx\n", row->name, len, value);
    }
    setsockopt(s, row->level, row->option, (char *)&saved, sizeof(saved));
    closesocket(s);
}

static void expect_error(int ret, int error, const char *what)
{
    int got = WSAGetLastError();
    ok(ret == SOCKET_ERROR && got == error, "%s: returned %d, error %d, expected %d\n", what, ret, got, error);
}

/* Lengths too short for the option, and unknown levels and options: WSAEFAULT,
 * WSAEINVAL or WSAENOPROTOOPT, and the socket survives them. */
static void test_short_lengths_and_bad_levels(void)
{
    /* optlen too short for the option (or an unknown level): each fails */
    static const struct { int level, option, len; int value /* what a set passes */; int error; const char *what; }
    short_gets[] =
    {
        { SOL_SOCKET, SO_RCVBUF, 0, 0, WSAEFAULT, "getsockopt(SO_RCVBUF) with optlen 0" },
        { SOL_SOCKET, SO_RCVBUF, 1, 0, WSAEFAULT, "getsockopt(SO_RCVBUF) with optlen 1" },
        { SOL_SOCKET, SO_ERROR, 1, 0, WSAEFAULT, "getsockopt(SO_ERROR) with optlen 1" },
        { SOL_SOCKET, SO_LINGER, 2, 0, WSAEFAULT, "getsockopt(SO_LINGER) with optlen 2" },
    }, short_sets[] =
    {
        { SOL_SOCKET, SO_RCVBUF, 0, 8192, WSAEFAULT, "setsockopt(SO_RCVBUF) with optlen 0" },
        { SOL_SOCKET, SO_RCVBUF, 2, 8192, WSAEFAULT, "setsockopt(SO_RCVBUF) with optlen 2" },
        { IPPROTO_TCP, TCP_NODELAY, 0, 1, WSAEFAULT, "setsockopt(TCP_NODELAY) with optlen 0" },
        { 0xffffffff, SO_RCVTIMEO, sizeof(int), 63000, WSAEINVAL, "setsockopt with level -1" },
    };
    union { int val; LINGER linger; } buffer;
    WSAPROTOCOL_INFOA info;
    LINGER linger;
    SOCKET s;
    int ret, len, val;
    size_t i;

    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);

    for (i = 0; i < sizeof(short_gets) / sizeof(short_gets[0]); i++)
    {
        len = short_gets[i].len;
        WSASetLastError(0xdeadbeef);
        ret = getsockopt(s, short_gets[i].level, short_gets[i].option, (char *)&buffer, &len);
        expect_error(ret, short_gets[i].error, short_gets[i].what);
    }

    len = sizeof(info) / 2;
    WSASetLastError(0xdeadbeef);
    ret = getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&info, &len);
    expect_error(ret, WSAEFAULT, "getsockopt(SO_PROTOCOL_INFOA) with half the size");
    ok_int(len, sizeof(info), "SO_PROTOCOL_INFOA: needed size reported as %d, expected %d\n", len, (int)sizeof(info));

    len = sizeof(val);
    WSASetLastError(0xdeadbeef);
    ret = getsockopt(s, IPPROTO_IP, -1, (char *)&val, &len);
    expect_error(ret, WSAENOPROTOOPT, "getsockopt(IPPROTO_IP, -1)");

    linger.l_onoff = 1;
    linger.l_linger = 5;
    WSASetLastError(0xdeadbeef);
    ret = setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&linger, 2);
    expect_error(ret, WSAEFAULT, "setsockopt(SO_LINGER) with optlen 2");
    for (i = 0; i < sizeof(short_sets) / sizeof(short_sets[0]); i++)
    {
        val = short_sets[i].value;
        WSASetLastError(0xdeadbeef);
        ret = setsockopt(s, short_sets[i].level, short_sets[i].option, (char *)&val, short_sets[i].len);
        expect_error(ret, short_sets[i].error, short_sets[i].what);
    }

    /* Windows quirk: boolean SOL_SOCKET options accept any length, even 0 */
    val = 1;
    WSASetLastError(0xdeadbeef);
    ret = setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&val, 0);
    ok_int(ret, 0, "setsockopt(SO_REUSEADDR) with optlen 0 failed, error %d\n", WSAGetLastError());
    ok_int(WSAGetLastError(), 0, "setsockopt(SO_REUSEADDR, optlen 0) left error %d\n", WSAGetLastError());

    /* the socket survived all of it */
    len = sizeof(val);
    val = 0;
    ret = getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&val, &len);
    ok(!ret && val == SOCK_STREAM && len == sizeof(int), "SO_TYPE: ret %d, value %d, len %d\n", ret, val, len);

    closesocket(s);
}

static void test_errors(void)
{
    SOCKET tcp = socket(AF_INET, SOCK_STREAM, 0), udp = socket(AF_INET, SOCK_DGRAM, 0);
    DWORD value = 1;
    int size = sizeof(value);

    expect_error(setsockopt(tcp, 0x1234, SO_KEEPALIVE, (char *)&value, 4), WSAEINVAL, "unknown level");
    expect_error(getsockopt(tcp, SOL_SOCKET, 0x7fff, (char *)&value, &size), WSAENOPROTOOPT, "unknown option");
    expect_error(setsockopt(udp, SOL_SOCKET, SO_KEEPALIVE, (char *)&value, 4), WSAENOPROTOOPT, "SO_KEEPALIVE on UDP");
    expect_error(setsockopt(udp, SOL_SOCKET, SO_LINGER, (char *)&value, 4), WSAENOPROTOOPT, "SO_LINGER on UDP");
    expect_error(setsockopt(udp, IPPROTO_TCP, TCP_NODELAY, (char *)&value, 4), WSAENOPROTOOPT, "TCP_NODELAY on UDP");
    expect_error(setsockopt(tcp, SOL_SOCKET, SO_TYPE, (char *)&value, 4), WSAENOPROTOOPT, "setting SO_TYPE");
    expect_error(getsockopt(tcp, SOL_SOCKET, SO_TYPE, NULL, &size), WSAEFAULT, "NULL optval");
    expect_error(getsockopt(tcp, SOL_SOCKET, SO_TYPE, (char *)&value, NULL), WSAEFAULT, "NULL optlen");
    expect_error(getsockopt(tcp, SOL_SOCKET, SO_TYPE, (char *)0x10, &size), WSAEFAULT, "unmapped optval");
    expect_error(setsockopt(tcp, SOL_SOCKET, SO_RCVBUF, (char *)0x10, 4), WSAEFAULT, "unmapped set optval");
    expect_error(setsockopt((SOCKET)0xdead0, SOL_SOCKET, SO_KEEPALIVE, (char *)&value, 4), WSAENOTSOCK, "not a socket");
    expect_error(setsockopt((SOCKET)0xdead0, SOL_SOCKET, 0x7fff, (char *)&value, 4), WSAENOTSOCK,
                 "not a socket, unknown option");
    /* Windows: the IPv4 multicast options are no TCP socket's (Wine's
     * conformance test, test_sockopt_validity), but a UDP socket's. */
    size = sizeof(value);
    expect_error(getsockopt(tcp, IPPROTO_IP, IP_MULTICAST_TTL, (char *)&value, &size), WSAEINVAL,
                 "IP_MULTICAST_TTL on TCP");
    size = sizeof(value);
    expect_error(getsockopt(tcp, IPPROTO_IP, IP_MULTICAST_LOOP, (char *)&value, &size), WSAEINVAL,
                 "IP_MULTICAST_LOOP on TCP");
    size = sizeof(value);
    ok(!getsockopt(udp, IPPROTO_IP, IP_MULTICAST_TTL, (char *)&value, &size) && value == 1,
       "IP_MULTICAST_TTL on UDP: %d, %lu\n", WSAGetLastError(), value);

    size = sizeof(value);
    ok(!getsockopt(tcp, SOL_SOCKET, SO_TYPE, (char *)&value, &size) && value == SOCK_STREAM, "SO_TYPE %lu\n", value);
    size = sizeof(value);
    ok(!getsockopt(udp, SOL_SOCKET, SO_TYPE, (char *)&value, &size) && value == SOCK_DGRAM, "SO_TYPE %lu\n", value);
    closesocket(tcp);
    closesocket(udp);
}

static void test_values(void)
{
    SOCKET s = socket(AF_INET6, SOCK_STREAM, 0);
    WSAPROTOCOL_INFOW info;
    DWORD value;
    LINGER linger = { 1, 7 };
    int size;

    /* Windows reads back the buffer size that was set, not Linux's double. */
    value = 12345;
    ok(!setsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&value, 4), "SO_RCVBUF set\n");
    size = 4;
    ok(!getsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&value, &size) && value == 12345, "SO_RCVBUF %lu\n", value);

    /* SO_LINGER and SO_DONTLINGER are two views of one state. */
    ok(!setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&linger, sizeof(linger)), "SO_LINGER set\n");
    size = 4;
    ok(!getsockopt(s, SOL_SOCKET, SO_DONTLINGER, (char *)&value, &size) && value == 0, "SO_DONTLINGER %lu\n", value);
    value = 1;
    ok(!setsockopt(s, SOL_SOCKET, SO_DONTLINGER, (char *)&value, 4), "SO_DONTLINGER set\n");
    size = sizeof(linger);
    ok(!getsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&linger, &size) && !linger.l_onoff && linger.l_linger == 7,
       "SO_LINGER now %u/%u\n", linger.l_onoff, linger.l_linger);

    /* The protocol entry of the socket; a short buffer learns the size. */
    size = sizeof(info);
    ok(!getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&info, &size), "SO_PROTOCOL_INFOW failed\n");
    ok(info.iAddressFamily == AF_INET6 && info.iSocketType == SOCK_STREAM && info.iProtocol == IPPROTO_TCP &&
       !wcscmp(info.szProtocol, L"TCP/IPv6"), "protocol info %d/%d/%d %ls\n", info.iAddressFamily,
       info.iSocketType, info.iProtocol, info.szProtocol);
    size = 10;
    expect_error(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&info, &size), WSAEFAULT, "short info");
    ok_int(size, sizeof(info), "needed size %d\n", size);

    /* SO_OPENTYPE belongs to the thread and needs no socket. */
    value = SO_SYNCHRONOUS_NONALERT;
    ok(!setsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, (char *)&value, 4), "SO_OPENTYPE set\n");
    size = 4;
    value = 0;
    ok(!getsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, (char *)&value, &size) &&
       value == SO_SYNCHRONOUS_NONALERT, "SO_OPENTYPE %lu\n", value);
    value = 0;
    setsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, (char *)&value, 4);
    closesocket(s);
}

/* An option set before connect() is the socket's after it. */
static void test_fresh_then_connected(void)
{
    struct sockaddr_in addr = { AF_INET };
    SOCKET listener = socket(AF_INET, SOCK_STREAM, 0), s = socket(AF_INET, SOCK_STREAM, 0), server;
    DWORD value = 1234;
    int len = sizeof(addr);

    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(listener, (struct sockaddr *)&addr, sizeof(addr));
    listen(listener, 1);
    getsockname(listener, (struct sockaddr *)&addr, &len);
    ok(!setsockopt(s, IPPROTO_TCP, TCP_KEEPALIVE, (char *)&value, 4), "TCP_KEEPALIVE before connect\n");
    ok(!connect(s, (struct sockaddr *)&addr, sizeof(addr)), "connect failed\n");
    server = accept(listener, NULL, NULL);
    value = 0;
    len = sizeof(value);
    ok(!getsockopt(s, IPPROTO_TCP, TCP_KEEPALIVE, (char *)&value, &len) && value == 1234,
       "after connect TCP_KEEPALIVE is %lu\n", value);
    value = 99;
    ok(!setsockopt(s, IPPROTO_TCP, TCP_KEEPALIVE, (char *)&value, 4), "TCP_KEEPALIVE after connect\n");
    value = 0;
    ok(!getsockopt(s, IPPROTO_TCP, TCP_KEEPALIVE, (char *)&value, &len) && value == 99, "then %lu\n", value);
    closesocket(server);
    closesocket(s);
    closesocket(listener);
}

static DWORD get4(SOCKET s, int name, int *len_out)
{
    DWORD value = 0xdeadbeef;
    int len = sizeof(value);
    ok(!getsockopt(s, SOL_SOCKET, name, (char *)&value, &len), "getsockopt(%#x) failed: %d\n", name, WSAGetLastError());
    if (len_out) *len_out = len;
    return value;
}

/* Options Windows keeps that Linux has no use for, and read-only ones. */
static void test_kept_options(void)
{
    static const int kept[] = { SO_DEBUG, SO_GROUP_PRIORITY, SO_PORT_SCALABILITY, SO_RANDOMIZE_PORT,
                                SO_REUSE_UNICASTPORT, SO_REUSE_MULTICASTPORT, SO_CONDITIONAL_ACCEPT };
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0), udp = socket(AF_INET, SOCK_DGRAM, 0), s2;
    DWORD value;
    unsigned int i;
    int len;

    for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
    {
        ok(get4(s, kept[i], &len) == 0 && len == 4, "%#x: default not 0/4 bytes\n", kept[i]);
        value = 1;
        ok(!setsockopt(s, SOL_SOCKET, kept[i], (char *)&value, sizeof(value)), "%#x: set failed\n", kept[i]);
        ok_int(get4(s, kept[i], NULL), 1, "%#x: not kept\n", kept[i]);
    }
    value = 1;
    expect_error(setsockopt(udp, SOL_SOCKET, SO_CONDITIONAL_ACCEPT, (char *)&value, 4), WSAENOPROTOOPT,
                 "SO_CONDITIONAL_ACCEPT on UDP");
    ok(get4(s, SO_GROUP_ID, &len) == 0 && len == 4, "SO_GROUP_ID not 0\n");
    expect_error(setsockopt(s, SOL_SOCKET, SO_GROUP_ID, (char *)&value, 4), WSAENOPROTOOPT, "setting SO_GROUP_ID");

    /* A socket that comes back with the same handle value starts afresh. */
    closesocket(s);
    s2 = socket(AF_INET, SOCK_STREAM, 0);
    if (s2 == s) ok_int(get4(s2, SO_DEBUG, NULL), 0, "a reused handle value kept SO_DEBUG\n");
    closesocket(s2);

    ok_int(get4(udp, SO_MAX_MSG_SIZE, NULL), 65507, "IPv4 SO_MAX_MSG_SIZE\n");
    closesocket(udp);
    udp = socket(AF_INET6, SOCK_DGRAM, 0);
    ok_int(get4(udp, SO_MAX_MSG_SIZE, NULL), 65527, "IPv6 SO_MAX_MSG_SIZE\n");
    closesocket(udp);
}

static void test_connection_options(void)
{
    struct sockaddr_in addr = { AF_INET };
    struct { CSADDR_INFO info; char room[64]; } bsp;
    SOCKET listener = socket(AF_INET, SOCK_STREAM, 0), client = socket(AF_INET, SOCK_STREAM, 0), server;
    DWORD value;
    int len;

    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok(get4(client, SO_CONNECT_TIME, NULL) == ~0u, "SO_CONNECT_TIME before connect\n");
    len = sizeof(bsp);
    ok(!getsockopt(client, SOL_SOCKET, SO_BSP_STATE, (char *)&bsp, &len), "SO_BSP_STATE failed\n");
    ok(!bsp.info.LocalAddr.lpSockaddr && !bsp.info.LocalAddr.iSockaddrLength &&
       !bsp.info.RemoteAddr.lpSockaddr && !bsp.info.RemoteAddr.iSockaddrLength, "unbound SO_BSP_STATE has addresses\n");
    ok(bsp.info.iSocketType == SOCK_STREAM && bsp.info.iProtocol == IPPROTO_TCP, "SO_BSP_STATE type %d/%d\n",
       bsp.info.iSocketType, bsp.info.iProtocol);
    len = sizeof(CSADDR_INFO);
    expect_error(getsockopt(client, SOL_SOCKET, SO_BSP_STATE, (char *)&bsp, &len), WSAEFAULT, "short SO_BSP_STATE");

    bind(listener, (struct sockaddr *)&addr, sizeof(addr));
    listen(listener, 1);
    len = sizeof(addr);
    getsockname(listener, (struct sockaddr *)&addr, &len);
    ok(!connect(client, (struct sockaddr *)&addr, sizeof(addr)), "connect failed\n");
    server = accept(listener, NULL, NULL);
    ok(get4(client, SO_CONNECT_TIME, NULL) <= 1, "SO_CONNECT_TIME just after connect\n");
    ok(get4(server, SO_CONNECT_TIME, NULL) <= 1, "SO_CONNECT_TIME just after accept\n");
    /* Seconds since the connection was made: it must grow with time (a
     * constant 0 would pass the checks above). */
    Sleep(2200);
    value = get4(client, SO_CONNECT_TIME, NULL);
    ok(value >= 2 && value <= 5, "SO_CONNECT_TIME 2.2 s after connect: %lu\n", value);
    value = get4(server, SO_CONNECT_TIME, NULL);
    ok(value >= 2 && value <= 5, "SO_CONNECT_TIME 2.2 s after accept: %lu\n", value);
    len = sizeof(bsp);
    ok(!getsockopt(client, SOL_SOCKET, SO_BSP_STATE, (char *)&bsp, &len), "SO_BSP_STATE failed\n");
    ok(bsp.info.LocalAddr.iSockaddrLength == sizeof(addr) && bsp.info.RemoteAddr.iSockaddrLength == sizeof(addr) &&
       (char *)bsp.info.RemoteAddr.lpSockaddr > (char *)&bsp &&
       ((struct sockaddr_in *)bsp.info.RemoteAddr.lpSockaddr)->sin_port == addr.sin_port,
       "connected SO_BSP_STATE addresses\n");

    /* SO_ERROR can be set; the value set is read back once. */
    value = WSAECONNRESET;
    ok(!setsockopt(client, SOL_SOCKET, SO_ERROR, (char *)&value, sizeof(value)), "SO_ERROR set\n");
    ok_int(get4(client, SO_ERROR, NULL), WSAECONNRESET, "SO_ERROR not read back\n");
    ok_int(get4(client, SO_ERROR, NULL), 0, "SO_ERROR not cleared by reading\n");

    ok(!setsockopt(server, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&listener, sizeof(listener)),
       "SO_UPDATE_ACCEPT_CONTEXT failed: %d\n", WSAGetLastError());
    len = sizeof(value);
    expect_error(getsockopt(server, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&value, &len), WSAENOPROTOOPT,
                 "reading SO_UPDATE_ACCEPT_CONTEXT");
    closesocket(client);
    closesocket(server);
    closesocket(listener);
}

static DWORD get_tcp(SOCKET s, int name)
{
    DWORD value = 0xdeadbeef;
    int len = sizeof(value);
    ok(!getsockopt(s, IPPROTO_TCP, name, (char *)&value, &len) && len == 4, "getsockopt(IPPROTO_TCP, %d): %d\n",
       name, WSAGetLastError());
    return value;
}

static BOOL set_tcp(SOCKET s, int name, DWORD value)
{
    return !setsockopt(s, IPPROTO_TCP, name, (char *)&value, sizeof(value));
}

static void test_tcp_level(void)
{
    static const int kept[] = { TCP_EXPEDITED_1122, TCP_TIMESTAMPS, TCP_OFFLOAD_PREFERENCE,
                                TCP_CONGESTION_ALGORITHM, TCP_DELAY_FIN_ACK, TCP_FAIL_CONNECT_ON_ICMP_ERROR };
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0), udp = socket(AF_INET, SOCK_DGRAM, 0);
    DWORD value = 1;
    unsigned int i;

    /* TCP_MAXRT in seconds and TCP_MAXRTMS in milliseconds are one setting. */
    ok(set_tcp(s, TCP_MAXRT, 5), "TCP_MAXRT 5\n");
    ok(get_tcp(s, TCP_MAXRT) == 5 && get_tcp(s, TCP_MAXRTMS) == 5000, "TCP_MAXRT 5 reads %lu/%lu\n",
       get_tcp(s, TCP_MAXRT), get_tcp(s, TCP_MAXRTMS));
    ok(set_tcp(s, TCP_MAXRTMS, 2500), "TCP_MAXRTMS 2500\n");
    ok(get_tcp(s, TCP_MAXRTMS) == 2500 && get_tcp(s, TCP_MAXRT) == 3, "TCP_MAXRTMS 2500 reads %lu/%lu\n",
       get_tcp(s, TCP_MAXRTMS), get_tcp(s, TCP_MAXRT));
    ok(set_tcp(s, TCP_MAXRT, ~0u) && get_tcp(s, TCP_MAXRT) == ~0u, "TCP_MAXRT -1\n");

    ok(set_tcp(s, TCP_NOSYNRETRIES, 1) && get_tcp(s, TCP_NOSYNRETRIES) == 1, "TCP_NOSYNRETRIES on\n");
    ok(set_tcp(s, TCP_NOSYNRETRIES, 0) && get_tcp(s, TCP_NOSYNRETRIES) == 0, "TCP_NOSYNRETRIES off\n");
    ok(set_tcp(s, TCP_FASTOPEN, 1) && get_tcp(s, TCP_FASTOPEN) == 1, "TCP_FASTOPEN\n");
    ok(get_tcp(s, TCP_MAXSEG) > 0, "TCP_MAXSEG\n");

    for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
    {
        ok_int(get_tcp(s, kept[i]), 0, "%d: default\n", kept[i]);
        ok(set_tcp(s, kept[i], 1) && get_tcp(s, kept[i]) == 1, "%d: not kept\n", kept[i]);
        expect_error(setsockopt(udp, IPPROTO_TCP, kept[i], (char *)&value, 4), WSAENOPROTOOPT, "TCP option on UDP");
    }
    expect_error(setsockopt(udp, IPPROTO_TCP, TCP_MAXRT, (char *)&value, 4), WSAENOPROTOOPT, "TCP_MAXRT on UDP");
    expect_error(setsockopt(s, IPPROTO_TCP, TCP_MAXRT, (char *)&value, 2), WSAEFAULT, "2-byte TCP_MAXRT");
    closesocket(s);
    closesocket(udp);
}

static DWORD get_udp(SOCKET s, int name)
{
    DWORD value = 0xdeadbeef;
    int len = sizeof(value);
    if (getsockopt(s, IPPROTO_UDP, name, (char *)&value, &len)) return 0xdeadbeef;
    return value;
}

static BOOL set_udp(SOCKET s, int name, DWORD value)
{
    return !setsockopt(s, IPPROTO_UDP, name, (char *)&value, sizeof(value));
}

/* Datagrams that arrive at a bound loopback socket within a short wait:
 * their sizes, in order; returns how many. */
static int receive_sizes(SOCKET s, int *sizes, int max)
{
    static char buf[65536];
    struct timeval wait = { 1, 0 };
    fd_set set;
    int n = 0, ret;

    while (n < max)
    {
        FD_ZERO(&set);
        FD_SET(s, &set);
        if (select(0, &set, NULL, NULL, &wait) != 1) break;
        if ((ret = recv(s, buf, sizeof(buf), 0)) < 0) break;
        sizes[n++] = ret;
        wait.tv_sec = 0;
        wait.tv_usec = 200000;
    }
    return n;
}

static void test_udp_level(void)
{
    SOCKET udp = socket(AF_INET, SOCK_DGRAM, 0), udp6 = socket(AF_INET6, SOCK_DGRAM, 0);
    SOCKET tcp = socket(AF_INET, SOCK_STREAM, 0), receiver = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in addr = { AF_INET };
    static char payload[3000];
    int len = sizeof(addr), sizes[8], n;
    DWORD value = 1;

    /* Every IPPROTO_UDP option starts off (0) and reads back what was set. */
    ok_int(get_udp(udp, UDP_NOCHECKSUM), 0, "UDP_NOCHECKSUM default %lu\n", get_udp(udp, UDP_NOCHECKSUM));
    ok(set_udp(udp, UDP_NOCHECKSUM, 1) && get_udp(udp, UDP_NOCHECKSUM) == 1, "UDP_NOCHECKSUM on\n");
    ok(set_udp(udp, UDP_NOCHECKSUM, 0) && get_udp(udp, UDP_NOCHECKSUM) == 0, "UDP_NOCHECKSUM off\n");
    ok_int(get_udp(udp, UDP_CHECKSUM_COVERAGE), 0, "UDP_CHECKSUM_COVERAGE default\n");
    ok(set_udp(udp, UDP_CHECKSUM_COVERAGE, 1) && get_udp(udp, UDP_CHECKSUM_COVERAGE) == 1, "UDP_CHECKSUM_COVERAGE\n");
    ok_int(get_udp(udp6, UDP_SEND_MSG_SIZE), 0, "UDP_SEND_MSG_SIZE default %lu\n", get_udp(udp6, UDP_SEND_MSG_SIZE));
    ok(set_udp(udp6, UDP_SEND_MSG_SIZE, 1200) && get_udp(udp6, UDP_SEND_MSG_SIZE) == 1200, "v6 UDP_SEND_MSG_SIZE\n");
    ok_int(get_udp(udp, UDP_RECV_MAX_COALESCED_SIZE), 0, "UDP_RECV_MAX_COALESCED_SIZE default\n");
    ok(set_udp(udp, UDP_RECV_MAX_COALESCED_SIZE, 65000) && get_udp(udp, UDP_RECV_MAX_COALESCED_SIZE) == 65000,
       "UDP_RECV_MAX_COALESCED_SIZE\n");
    /* Not for IPv6, as documented; never for a stream socket. */
    expect_error(setsockopt(udp6, IPPROTO_UDP, UDP_NOCHECKSUM, (char *)&value, 4), WSAENOPROTOOPT,
                 "UDP_NOCHECKSUM on IPv6");
    expect_error(setsockopt(tcp, IPPROTO_UDP, UDP_SEND_MSG_SIZE, (char *)&value, 4), WSAENOPROTOOPT,
                 "UDP_SEND_MSG_SIZE on TCP");
    expect_error(setsockopt(tcp, IPPROTO_UDP, UDP_CHECKSUM_COVERAGE, (char *)&value, 4), WSAENOPROTOOPT,
                 "UDP_CHECKSUM_COVERAGE on TCP");
    expect_error(setsockopt(udp, IPPROTO_UDP, UDP_SEND_MSG_SIZE, (char *)&value, 2), WSAEFAULT,
                 "2-byte UDP_SEND_MSG_SIZE");
    expect_error(setsockopt((SOCKET)0xdead0, IPPROTO_UDP, UDP_RECV_MAX_COALESCED_SIZE, (char *)&value, 4),
                 WSAENOTSOCK, "UDP option on a non-socket");

    /* UDP_SEND_MSG_SIZE really splits a send: 3000 bytes leave as 1000-byte datagrams. */
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok(!bind(receiver, (struct sockaddr *)&addr, sizeof(addr)) &&
       !getsockname(receiver, (struct sockaddr *)&addr, &len), "bind the receiver\n");
    ok(set_udp(udp, UDP_SEND_MSG_SIZE, 1000), "UDP_SEND_MSG_SIZE 1000\n");
    ok_int(sendto(udp, payload, sizeof(payload), 0, (struct sockaddr *)&addr, sizeof(addr)), sizeof(payload),
       "segmented send: %d\n", WSAGetLastError());
    n = receive_sizes(receiver, sizes, 8);
    ok(n == 3 && sizes[0] == 1000 && sizes[1] == 1000 && sizes[2] == 1000, "%d datagrams, first %d\n", n,
       n ? sizes[0] : -1);
    ok(set_udp(udp, UDP_SEND_MSG_SIZE, 0), "UDP_SEND_MSG_SIZE off\n");
    sendto(udp, payload, sizeof(payload), 0, (struct sockaddr *)&addr, sizeof(addr));
    n = receive_sizes(receiver, sizes, 8);
    ok(n == 1 && sizes[0] == sizeof(payload), "unsegmented: %d datagrams, first %d\n", n, n ? sizes[0] : -1);
    closesocket(receiver);
    closesocket(tcp);
    closesocket(udp6);
    closesocket(udp);
}

/* Blocking calls obey SO_RCVTIMEO; the two low-water marks are refused. */
static void test_timeouts_and_lowat(void)
{
    struct sockaddr_in addr = { AF_INET };
    SOCKET listener = socket(AF_INET, SOCK_STREAM, 0), s = socket(AF_INET, SOCK_STREAM, 0), server;
    DWORD timeout = 300, start, elapsed, value = 1;
    int len = sizeof(addr), ret;
    char buf[4];

    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(listener, (struct sockaddr *)&addr, sizeof(addr));
    listen(listener, 1);
    getsockname(listener, (struct sockaddr *)&addr, &len);
    connect(s, (struct sockaddr *)&addr, sizeof(addr));
    server = accept(listener, NULL, NULL);
    ok(!setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, sizeof(timeout)), "SO_RCVTIMEO\n");
    start = GetTickCount();
    ret = recv(s, buf, sizeof(buf), 0);
    elapsed = GetTickCount() - start;
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAETIMEDOUT, "recv after SO_RCVTIMEO: %d %d\n", ret,
       WSAGetLastError());
    ok(elapsed >= 250 && elapsed < 3000, "recv gave up after %lu ms, SO_RCVTIMEO is 300\n", elapsed);

    /* Vista and later (this prefix says 6.1): WSAEINVAL. */
    len = sizeof(value);
    expect_error(getsockopt(s, SOL_SOCKET, SO_RCVLOWAT, (char *)&value, &len), WSAEINVAL, "getting SO_RCVLOWAT");
    expect_error(setsockopt(s, SOL_SOCKET, SO_SNDLOWAT, (char *)&value, 4), WSAEINVAL, "setting SO_SNDLOWAT");
    expect_error(setsockopt((SOCKET)0xdead0, SOL_SOCKET, SO_RCVLOWAT, (char *)&value, 4), WSAENOTSOCK,
                 "SO_RCVLOWAT on a non-socket");
    closesocket(server);
    closesocket(s);
    closesocket(listener);
}

/* SO_DEBUG is a BOOL Windows keeps: any non-zero value reads back as 1
 * (Windows, recorded in Wine's conformance test_so_debug). */
static void test_so_debug_is_bool(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    DWORD value = 2;
    int len;

    ok(!setsockopt(s, SOL_SOCKET, SO_DEBUG, (char *)&value, sizeof(value)), "set SO_DEBUG 2: %d\n",
       WSAGetLastError());
    ok(get4(s, SO_DEBUG, &len) == 1 && len == 4, "SO_DEBUG set to 2 reads back %lu\n", get4(s, SO_DEBUG, NULL));
    value = 0;
    ok(!setsockopt(s, SOL_SOCKET, SO_DEBUG, (char *)&value, sizeof(value)), "set SO_DEBUG 0\n");
    ok_int(get4(s, SO_DEBUG, NULL), 0, "SO_DEBUG set to 0 reads back %lu\n", get4(s, SO_DEBUG, NULL));
    closesocket(s);
}

/* SO_CONNECT_TIME on a datagram socket: ~0, bound and connected or not
 * (Windows, recorded in Wine's conformance test_connect_time). */
static void test_connect_time_datagram(void)
{
    struct sockaddr_in addr = { AF_INET };
    SOCKET client = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP), server = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    DWORD value;
    int len;

    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok(!bind(server, (struct sockaddr *)&addr, sizeof(addr)), "bind: %d\n", WSAGetLastError());
    len = sizeof(addr);
    ok(!getsockname(server, (struct sockaddr *)&addr, &len), "getsockname: %d\n", WSAGetLastError());
    ok(!connect(client, (struct sockaddr *)&addr, sizeof(addr)), "connect: %d\n", WSAGetLastError());
    len = sizeof(value);
    value = 0xdeadbeef;
    WSASetLastError(0xdeadbeef);
    ok(!getsockopt(client, SOL_SOCKET, SO_CONNECT_TIME, (char *)&value, &len) && !WSAGetLastError() &&
       len == 4 && value == ~0u, "connected UDP: error %d, len %d, value %#lx\n", WSAGetLastError(), len, value);
    len = sizeof(value);
    value = 0xdeadbeef;
    ok(!getsockopt(server, SOL_SOCKET, SO_CONNECT_TIME, (char *)&value, &len) && len == 4 && value == ~0u,
       "bound UDP: error %d, len %d, value %#lx\n", WSAGetLastError(), len, value);
    closesocket(client);
    closesocket(server);
}

/* getsockopt leaves *optlen as given for SO_PROTOCOL_INFO and SO_BSP_STATE
 * with a larger buffer, and SO_OPENTYPE takes a negative length as 4
 * (Windows, recorded in Wine's conformance test_set_getsockopt). */
static void test_optlen_kept(void)
{
    struct { WSAPROTOCOL_INFOA info; char room[sizeof(WSAPROTOCOL_INFOA)]; } big;
    struct { CSADDR_INFO info; char room[256]; } bsp;
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    DWORD value = 0xdeadbeef;
    int len;

    len = sizeof(big);
    ok(!getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&big, &len) && len == sizeof(big),
       "SO_PROTOCOL_INFOA with a double buffer: error %d, len %d\n", WSAGetLastError(), len);
    len = sizeof(bsp);
    ok(!getsockopt(s, SOL_SOCKET, SO_BSP_STATE, (char *)&bsp, &len) && len == sizeof(bsp),
       "SO_BSP_STATE with a large buffer: error %d, len %d\n", WSAGetLastError(), len);
    len = -1;
    WSASetLastError(0xdeadbeef);
    ok(!getsockopt(s, SOL_SOCKET, SO_OPENTYPE, (char *)&value, &len) && !WSAGetLastError() && len == 4,
       "SO_OPENTYPE with length -1: error %d, len %d\n", WSAGetLastError(), len);
    len = -1;
    ok(getsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&value, &len) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEFAULT && len == -1, "SO_RCVBUF with length -1: error %d, len %d\n",
       WSAGetLastError(), len);
    closesocket(s);
}

/* SO_TYPE is read-only: setting it is WSAENOPROTOOPT on a stream socket and
 * WSAEINVAL on a datagram socket (Windows, recorded in Wine's conformance
 * test_WSASocket). */
static void test_set_so_type(void)
{
    SOCKET tcp = socket(AF_INET, SOCK_STREAM, 0), udp = socket(AF_INET, SOCK_DGRAM, 0);
    int type = SOCK_DGRAM;

    WSASetLastError(0xdeadbeef);
    expect_error(setsockopt(tcp, SOL_SOCKET, SO_TYPE, (char *)&type, sizeof(type)), WSAENOPROTOOPT,
                 "SO_TYPE set on TCP");
    type = SOCK_STREAM;
    WSASetLastError(0xdeadbeef);
    expect_error(setsockopt(udp, SOL_SOCKET, SO_TYPE, (char *)&type, sizeof(type)), WSAEINVAL, "SO_TYPE set on UDP");
    type = SOCK_DGRAM;
    WSASetLastError(0xdeadbeef);
    expect_error(setsockopt(udp, SOL_SOCKET, SO_TYPE, (char *)&type, sizeof(type)), WSAEINVAL,
                 "SO_TYPE set to its own value on UDP");
    closesocket(tcp);
    closesocket(udp);
}

/* A raw IPv6 socket takes IPV6_V6ONLY and reads back what was set (Windows,
 * recorded in Wine's conformance test_sockopt_validity); Linux refuses the
 * change on any raw socket. */
static void test_raw_ipv6_v6only(void)
{
    SOCKET s = socket(AF_INET6, SOCK_RAW, IPPROTO_RAW);
    DWORD value = 0xdeadbeef, set;
    int len = sizeof(value);

    if (s == INVALID_SOCKET)
    {
        skip("no raw IPv6 socket: %d\n", WSAGetLastError());
        return;
    }
    ok(!getsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&value, &len), "raw v6only get: %d\n", WSAGetLastError());
    for (set = 0; set <= 1; set++)
    {
        ok(!setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&set, sizeof(set)), "raw v6only set %lu: %d\n", set,
           WSAGetLastError());
        value = 0xdeadbeef;
        len = sizeof(value);
        ok(!getsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&value, &len) && (BYTE)value == set,
           "raw v6only after %lu: %d value %#lx len %d\n", set, WSAGetLastError(), value, len);
    }
    closesocket(s);
}

static DWORD WINAPI open_type_in_new_thread(void *arg)
{
    DWORD value = 0xdeadbeef;
    int size = sizeof(value);

    *(DWORD *)arg = getsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, (char *)&value, &size) ? ~0u : value;
    value = SO_SYNCHRONOUS_ALERT;
    setsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, (char *)&value, sizeof(value));
    return 0;
}

/* SO_OPENTYPE belongs to the thread that sets it: a new thread starts at 0,
 * and what it sets does not reach the first. */
static void test_open_type_is_per_thread(void)
{
    DWORD mine = SO_SYNCHRONOUS_NONALERT, theirs = 0xdeadbeef, value = 0;
    int size = sizeof(value);
    HANDLE thread;

    ok(!setsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, (char *)&mine, sizeof(mine)), "SO_OPENTYPE set\n");
    thread = CreateThread(NULL, 0, open_type_in_new_thread, &theirs, 0, NULL);
    WaitForSingleObject(thread, 5000);
    CloseHandle(thread);
    ok_int(theirs, 0, "a new thread's SO_OPENTYPE: %#lx\n", theirs);
    ok(!getsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, (char *)&value, &size) && value == mine,
       "this thread's SO_OPENTYPE after the other set its own: %#lx, expected %#lx\n", value, mine);
    mine = 0;
    setsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, (char *)&mine, sizeof(mine));
}

START_TEST(sockopt)
{
    WSADATA data;
    unsigned int i;

    WSAStartup(MAKEWORD(2, 2), &data);
    /* First: Wine's builtin stops at a bad pointer in test_errors. */
    RUN(test_so_debug_is_bool);
    RUN(test_connect_time_datagram);
    RUN(test_optlen_kept);
    RUN(test_set_so_type);
    RUN(test_raw_ipv6_v6only);
    RUN(test_short_lengths_and_bad_levels);
    for (i = 0; i < sizeof(size_rows) / sizeof(size_rows[0]); i++) RUN(test_sizes, &size_rows[i]);
    RUN(test_errors);
    RUN(test_values);
    RUN(test_kept_options);
    RUN(test_tcp_level);
    RUN(test_udp_level);
    RUN(test_timeouts_and_lowat);
    RUN(test_connection_options);
    RUN(test_fresh_then_connected);
    RUN(test_open_type_is_per_thread);
    WSACleanup();
}
