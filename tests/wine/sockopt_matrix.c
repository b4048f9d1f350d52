/* getsockopt/setsockopt as a matrix: option x socket (TCP, UDP; IPv4, IPv6)
 * x optlen (0, 1, 2, 3, 4, 8, 64, -1) x socket state (fresh, bound,
 * listening, connecting, connected, shut down, closed).
 *
 * Where the matrix asserts a result ("known" cells), the rule comes from
 * observed Windows 10 behaviour (Wine's conformance tests, assertions not
 * marked todo_wine) or from Microsoft's documentation:
 *  - sizes: BYTE_BOOL get writes 1 byte; SHORT_BOOL/SHORT_INT take 1, 2 or 4
 *    bytes and get writes 1 byte when given less than 4; DWORD needs 4
 *    (WSAEFAULT, *optlen untouched); IP_FLAG and TCP_DWORD (TCP_KEEPALIVE,
 *    TCP_KEEPINTVL, TCP_KEEPCNT) as DWORD but a short get zeroes
 *    *optlen; a get with optlen 0 or -1 is WSAEFAULT with *optlen untouched;
 *    set with optlen 0 only for SOL_SOCKET's BOOLs (read as FALSE); set with
 *    -1: SOL_SOCKET's DWORD-sized options read 4 bytes, the rest WSAENOBUFS;
 *    8 bytes are fine both ways (get still writes its own size).
 *  - read-back of the value set (and a refused set leaves the value alone).
 *  - GET_DWORD options refuse set with WSAENOPROTOOPT (SO_TYPE on a datagram
 *    socket with WSAEINVAL).
 *  - documented: SO_KEEPALIVE, SO_LINGER, SO_DONTLINGER, SO_OOBINLINE,
 *    SO_CONDITIONAL_ACCEPT and the IPPROTO_TCP options are WSAENOPROTOOPT on
 *    a datagram socket; setting SO_KEEPALIVE in a transitional state
 *    (connect in progress) is WSAEINVAL on Vista and later; SO_ACCEPTCONN is
 *    TRUE only while listening; SO_CONNECT_TIME is 0xffffffff until connected.
 *  - a closed handle: WSAENOTSOCK for every call.
 * Cells where Windows' result is not known (a state, type or family the
 * observations do not cover, optlen 3, lengths around a refused option) are
 * "weak": they assert only what every documented Winsock does, 0 or
 * SOCKET_ERROR with an error setsockopt/getsockopt documents, and that a
 * successful get writes no more than the buffer.
 *
 * tests/wine/optable.sh checks each row's kind against the product's own
 * option table (dlls/ws2_32/sockopt.c, printed with WINEDEBUG=+optable). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "ws2kit/sdk_extra.h"
#include "harness.h"
#include "sockpair.h"

#ifndef TCP_KEEPALIVE
#define TCP_KEEPALIVE 3
#endif
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif
#ifndef SO_CONDITIONAL_ACCEPT
#define SO_CONDITIONAL_ACCEPT 0x3002
#endif

enum kind { BYTE_BOOL, SHORT_BOOL, SHORT_INT, DWORD_VALUE, IP_FLAG, GET_DWORD, TCP_DWORD };

enum state { FRESH, BOUND, LISTENING, CONNECTING, CONNECTED, SHUTDOWN, CLOSED, STATE_COUNT };
static const char *const state_names[] = { "fresh", "bound", "listening", "connecting", "connected",
                                           "shut down", "closed" };
#define ST(x) (1u << (x))
#define OPEN (ST(FRESH) | ST(BOUND) | ST(LISTENING) | ST(CONNECTING) | ST(CONNECTED) | ST(SHUTDOWN))
#define SETTLED (OPEN & ~ST(CONNECTING))  /* connecting is a transitional state: see weak_cell() */

#define TCP 1u
#define UDP 2u
#define V4 1u
#define V6 2u

struct row
{
    const char *name;
    int level, option;
    enum kind kind;
    unsigned int types;      /* socket types whose results are known */
    unsigned int afs;        /* families whose results are known */
    unsigned int noproto;    /* socket types that get WSAENOPROTOOPT on set (documented) */
    unsigned int set_states; /* states in which set and read-back are known to work */
    DWORD value, other;      /* two distinct valid values */
};

static const struct row rows[] =
{
    /* SOL_SOCKET: sizes observed on Windows 10; the generic buffer, timeout
     * and address options are documented for every socket type. */
    { "SO_BROADCAST",  SOL_SOCKET, SO_BROADCAST,  SHORT_BOOL,  UDP,       V4 | V6, 0,   SETTLED, 1, 0 },
    { "SO_DONTLINGER", SOL_SOCKET, SO_DONTLINGER, SHORT_BOOL,  TCP,       V4 | V6, UDP, SETTLED, 1, 0 },
    { "SO_LINGER",     SOL_SOCKET, SO_LINGER,     DWORD_VALUE, TCP,       V4 | V6, UDP, SETTLED, 0x00070001, 0x00050001 },
    { "SO_OOBINLINE",  SOL_SOCKET, SO_OOBINLINE,  SHORT_BOOL,  TCP,       V4 | V6, UDP, SETTLED, 1, 0 },
    { "SO_KEEPALIVE",  SOL_SOCKET, SO_KEEPALIVE,  BYTE_BOOL,   TCP,       V4 | V6, UDP, SETTLED, 1, 0 },
    { "SO_DONTROUTE",  SOL_SOCKET, SO_DONTROUTE,  BYTE_BOOL,   TCP | UDP, V4 | V6, 0,   SETTLED, 1, 0 },
    { "SO_RCVBUF",     SOL_SOCKET, SO_RCVBUF,     DWORD_VALUE, TCP | UDP, V4 | V6, 0,   SETTLED, 0x3000, 0x2345 },
    { "SO_SNDBUF",     SOL_SOCKET, SO_SNDBUF,     DWORD_VALUE, TCP | UDP, V4 | V6, 0,   SETTLED, 0x3000, 0x2345 },
    { "SO_RCVTIMEO",   SOL_SOCKET, SO_RCVTIMEO,   DWORD_VALUE, TCP | UDP, V4 | V6, 0,   SETTLED, 1234, 5678 },
    { "SO_SNDTIMEO",   SOL_SOCKET, SO_SNDTIMEO,   DWORD_VALUE, TCP | UDP, V4 | V6, 0,   SETTLED, 1234, 5678 },
    /* Binding options: what setting them after bind does is not known here. */
    { "SO_REUSEADDR",  SOL_SOCKET, SO_REUSEADDR,  SHORT_BOOL,  TCP | UDP, V4 | V6, 0,   ST(FRESH), 1, 0 },
    { "SO_EXCLUSIVEADDRUSE", SOL_SOCKET, SO_EXCLUSIVEADDRUSE, SHORT_BOOL, TCP | UDP, V4 | V6, 0, ST(FRESH), 1, 0 },
    /* Sizes of this one are ws2kit's DWORD rule, documented as a DWORD BOOL;
     * it belongs before listen(). */
    { "SO_CONDITIONAL_ACCEPT", SOL_SOCKET, SO_CONDITIONAL_ACCEPT, DWORD_VALUE, TCP, V4 | V6, UDP,
      ST(FRESH) | ST(BOUND), 1, 0 },
    { "SO_TYPE",       SOL_SOCKET, SO_TYPE,       GET_DWORD,   TCP | UDP, V4 | V6, 0,   0, 0, 0 },
    { "SO_ACCEPTCONN", SOL_SOCKET, SO_ACCEPTCONN, GET_DWORD,   TCP,       V4 | V6, 0,   0, 0, 0 },
    { "SO_CONNECT_TIME", SOL_SOCKET, SO_CONNECT_TIME, GET_DWORD, TCP,     V4 | V6, 0,   0, 0, 0 },
    { "SO_MAX_MSG_SIZE", SOL_SOCKET, SO_MAX_MSG_SIZE, GET_DWORD, UDP,     V4 | V6, 0,   0, 0, 0 },
    /* IPPROTO_TCP: TCP_NODELAY's sizes are observed; the others are
     * documented DWORDs. */
    { "TCP_NODELAY",   IPPROTO_TCP, TCP_NODELAY,  BYTE_BOOL,   TCP,       V4 | V6, UDP, SETTLED, 1, 0 },
    { "TCP_KEEPALIVE", IPPROTO_TCP, TCP_KEEPALIVE, TCP_DWORD  , TCP,      V4 | V6, UDP, SETTLED, 30, 60 },
    { "TCP_KEEPINTVL", IPPROTO_TCP, TCP_KEEPINTVL, TCP_DWORD  , TCP,      V4 | V6, UDP, SETTLED, 3, 4 },
    { "TCP_KEEPCNT",   IPPROTO_TCP, TCP_KEEPCNT,  TCP_DWORD  , TCP,       V4 | V6, UDP, SETTLED, 5, 6 },
    { "TCP_MAXRT",     IPPROTO_TCP, TCP_MAXRT,    DWORD_VALUE, TCP,       V4 | V6, UDP, SETTLED, 7, 8 },
    /* IPPROTO_IP: observed on IPv4 datagram sockets only. */
    { "IP_TTL",        IPPROTO_IP, IP_TTL,        SHORT_INT,   UDP,       V4,      0,   SETTLED, 0x40, 0x20 },
    { "IP_TOS",        IPPROTO_IP, IP_TOS,        SHORT_INT,   UDP,       V4,      0,   SETTLED, 1, 0 },
    { "IP_MULTICAST_TTL", IPPROTO_IP, IP_MULTICAST_TTL, SHORT_INT, UDP,   V4,      0,   SETTLED, 5, 6 },
    { "IP_MULTICAST_LOOP", IPPROTO_IP, IP_MULTICAST_LOOP, SHORT_BOOL, UDP, V4,     0,   SETTLED, 0, 1 },
    { "IP_PKTINFO",    IPPROTO_IP, IP_PKTINFO,    IP_FLAG,     UDP,       V4,      0,   SETTLED, 1, 0 },
    { "IP_RECVTTL",    IPPROTO_IP, IP_RECVTTL,    IP_FLAG,     UDP,       V4,      0,   SETTLED, 1, 0 },
    { "IP_RECVTOS",    IPPROTO_IP, IP_RECVTOS,    IP_FLAG,     UDP,       V4,      0,   SETTLED, 1, 0 },
    /* IPPROTO_IPV6: observed on IPv6 sockets (datagram; IPV6_DONTFRAG on a
     * stream socket); IPV6_V6ONLY on IPv4 sockets is in test_v6only_on_v4(). */
    { "IPV6_V6ONLY",   IPPROTO_IPV6, IPV6_V6ONLY, BYTE_BOOL,   TCP | UDP, V6,      0,   ST(FRESH), 0, 1 },
    { "IPV6_UNICAST_HOPS", IPPROTO_IPV6, IPV6_UNICAST_HOPS, SHORT_INT, UDP, V6,    0,   SETTLED, 0x40, 0x20 },
    { "IPV6_MULTICAST_HOPS", IPPROTO_IPV6, IPV6_MULTICAST_HOPS, SHORT_INT, UDP, V6, 0,  SETTLED, 5, 6 },
    { "IPV6_MULTICAST_LOOP", IPPROTO_IPV6, IPV6_MULTICAST_LOOP, SHORT_BOOL, UDP, V6, 0, SETTLED, 0, 1 },
    { "IPV6_DONTFRAG", IPPROTO_IPV6, IPV6_DONTFRAG, SHORT_BOOL, TCP,       V6,      0,   SETTLED, 1, 0 },
    { "IPV6_PKTINFO",  IPPROTO_IPV6, IPV6_PKTINFO, IP_FLAG,    UDP,       V6,      0,   SETTLED, 1, 0 },
    { "IPV6_HOPLIMIT", IPPROTO_IPV6, IPV6_HOPLIMIT, IP_FLAG,   UDP,       V6,      0,   SETTLED, 1, 0 },
    { "IPV6_RECVTCLASS", IPPROTO_IPV6, IPV6_RECVTCLASS, IP_FLAG, UDP,     V6,      0,   SETTLED, 1, 0 },
    /* IPPROTO_UDP: documented DWORDs of UDP sockets (UDP_NOCHECKSUM: IPv4 only). */
    { "UDP_NOCHECKSUM", IPPROTO_UDP, UDP_NOCHECKSUM, DWORD_VALUE, UDP,     V4,      0,   SETTLED, 1, 0 },
    { "UDP_CHECKSUM_COVERAGE", IPPROTO_UDP, UDP_CHECKSUM_COVERAGE, DWORD_VALUE, UDP, V4 | V6, 0, SETTLED, 1, 0 },
    { "UDP_SEND_MSG_SIZE", IPPROTO_UDP, UDP_SEND_MSG_SIZE, DWORD_VALUE, UDP, V4 | V6, 0, SETTLED, 1200, 1000 },
    { "UDP_RECV_MAX_COALESCED_SIZE", IPPROTO_UDP, UDP_RECV_MAX_COALESCED_SIZE, DWORD_VALUE, UDP, V4 | V6, 0,
      SETTLED, 65000, 3000 },
};

static const int lengths[] = { 0, 1, 2, 3, 4, 8, 64, -1 };
#define BUF_SIZE 72

/* What a cell is about, for the messages. */
static char ctx[160];

static void set_ctx(const struct row *row, int af, int type, enum state state)
{
    snprintf(ctx, sizeof(ctx), "%s %s/%s %s", row->name, af == AF_INET ? "v4" : "v6",
             type == SOCK_STREAM ? "tcp" : "udp", state_names[state]);
}

static BOOL documented_set_error(int err)
{
    return err == WSAENETDOWN || err == WSAEFAULT || err == WSAEINPROGRESS || err == WSAEINVAL ||
           err == WSAENETRESET || err == WSAENOPROTOOPT || err == WSAENOTCONN || err == WSAENOTSOCK ||
           err == WSAENOBUFS /* observed for negative lengths */;
}

static BOOL documented_get_error(int err)
{
    return err == WSAENETDOWN || err == WSAEFAULT || err == WSAEINPROGRESS || err == WSAEINVAL ||
           err == WSAENOPROTOOPT || err == WSAENOTSOCK;
}

/* ---------------------------------------------------------------- sockets in a state */

static SOCKADDR_STORAGE loopback(int af, int *len)
{
    SOCKADDR_STORAGE addr = { 0 };
    addr.ss_family = af;
    if (af == AF_INET) ((struct sockaddr_in *)&addr)->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    else ((struct sockaddr_in6 *)&addr)->sin6_addr.s6_addr[15] = 1;
    *len = af == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
    return addr;
}

/* A listener with a full backlog (listen(s, 0) and one connection queued):
 * Linux drops the next SYN, so a non-blocking connect stays in progress. */
static struct { SOCKET listener, queued; SOCKADDR_STORAGE addr; int len; BOOL tried; } full[2];

static BOOL full_listener(int af, SOCKADDR_STORAGE *addr, int *len)
{
    int i = af == AF_INET6;

    if (!full[i].tried)
    {
        SOCKADDR_STORAGE a = loopback(af, &full[i].len);
        full[i].tried = TRUE;
        full[i].listener = socket(af, SOCK_STREAM, 0);
        full[i].queued = socket(af, SOCK_STREAM, 0);
        if (bind(full[i].listener, (struct sockaddr *)&a, full[i].len) || listen(full[i].listener, 0) ||
            getsockname(full[i].listener, (struct sockaddr *)&a, &full[i].len) ||
            connect(full[i].queued, (struct sockaddr *)&a, full[i].len))
        {
            closesocket(full[i].listener);
            closesocket(full[i].queued);
            full[i].listener = INVALID_SOCKET;
        }
        full[i].addr = a;
    }
    if (full[i].listener == INVALID_SOCKET) return FALSE;
    *addr = full[i].addr;
    *len = full[i].len;
    return TRUE;
}

struct cell_socket { SOCKET s, peer, extra; };

/* Makes a socket of the family and type in the state; FALSE (with a skip)
 * when this machine cannot give one. */
static BOOL make_socket(int af, int type, enum state state, struct cell_socket *cs)
{
    SOCKADDR_STORAGE addr;
    int len, ret;

    cs->s = cs->peer = cs->extra = INVALID_SOCKET;
    if (type == SOCK_STREAM && (state == CONNECTED || state == SHUTDOWN))
    {
        struct pair p;
        if (!make_family_pair(af, &p)) return FALSE;
        cs->s = p.client;
        cs->peer = p.server;
        if (state == SHUTDOWN && shutdown(cs->s, SD_BOTH)) return FALSE;
        return TRUE;
    }
    if ((cs->s = socket(af, type, 0)) == INVALID_SOCKET) return FALSE;
    switch (state)
    {
    case FRESH:
        return TRUE;
    case CLOSED:
        closesocket(cs->s);  /* the handle value stays in cs->s: that is the point */
        return TRUE;
    case BOUND:
        addr = loopback(af, &len);
        return !bind(cs->s, (struct sockaddr *)&addr, len);
    case LISTENING:
        addr = loopback(af, &len);
        return !bind(cs->s, (struct sockaddr *)&addr, len) && !listen(cs->s, 5);
    case CONNECTING:
    {
        u_long nonblocking = 1;
        fd_set wr, ex;
        struct timeval zero = { 0, 0 };

        if (!full_listener(af, &addr, &len)) return FALSE;
        ioctlsocket(cs->s, FIONBIO, &nonblocking);
        ret = connect(cs->s, (struct sockaddr *)&addr, len);
        if (ret != SOCKET_ERROR || WSAGetLastError() != WSAEWOULDBLOCK) return FALSE;
        FD_ZERO(&wr); FD_SET(cs->s, &wr);
        FD_ZERO(&ex); FD_SET(cs->s, &ex);
        return select(0, NULL, &wr, &ex, &zero) == 0;  /* still in progress */
    }
    case CONNECTED:
    case SHUTDOWN:
        /* UDP: connected to a bound peer. */
        cs->peer = socket(af, type, 0);
        addr = loopback(af, &len);
        if (bind(cs->peer, (struct sockaddr *)&addr, len) || getsockname(cs->peer, (struct sockaddr *)&addr, &len) ||
            connect(cs->s, (struct sockaddr *)&addr, len))
            return FALSE;
        return state == CONNECTED || !shutdown(cs->s, SD_BOTH);
    default:
        return FALSE;
    }
}

static void free_socket(struct cell_socket *cs, enum state state)
{
    if (state != CLOSED && cs->s != INVALID_SOCKET) closesocket(cs->s);
    if (cs->peer != INVALID_SOCKET) closesocket(cs->peer);
}

/* ---------------------------------------------------------------- one call */

struct result { int ret, err, len; BYTE buf[BUF_SIZE]; };

static void do_get(SOCKET s, const struct row *row, int len, struct result *r)
{
    memset(r->buf, 0xcc, sizeof(r->buf));
    r->len = len;
    WSASetLastError(0xdeadbeef);
    r->ret = getsockopt(s, row->level, row->option, (char *)r->buf, &r->len);
    r->err = WSAGetLastError();
}

static int do_set(SOCKET s, const struct row *row, DWORD value, int len, int *err)
{
    BYTE buf[BUF_SIZE];
    int ret;

    memset(buf, 0xff, sizeof(buf));  /* bytes past the first four must not count */
    memcpy(buf, &value, sizeof(value));
    WSASetLastError(0xdeadbeef);
    ret = setsockopt(s, row->level, row->option, (char *)buf, len);
    *err = WSAGetLastError();
    return ret;
}

static DWORD get4(SOCKET s, const struct row *row, int *ret, int *len)
{
    struct result r;
    DWORD value = 0;

    do_get(s, row, 4, &r);
    memcpy(&value, r.buf, 4);
    if (r.ret == 0 && r.len == 1) value &= 0xff;
    *ret = r.ret;
    *len = r.len;
    return value;
}

/* The value a set of len bytes of value stores, as the row's kind reads it. */
static DWORD stored_value(const struct row *row, DWORD value, int len)
{
    int n = len < 0 ? 4 : len > 4 ? 4 : len;
    DWORD v = 0;

    if (row->kind == BYTE_BOOL) n = 1;
    if (n) memcpy(&v, &value, n);
    if (row->kind != SHORT_INT && row->kind != DWORD_VALUE && row->kind != TCP_DWORD) v = v != 0;
    return v;
}

/* ---------------------------------------------------------------- the cells */

/* Every call on a closed handle: WSAENOTSOCK. */
static void test_closed(SOCKET s, const struct row *row)
{
    struct result r;
    unsigned int i;
    int ret, err;

    for (i = 0; i < ARRAY_SIZE(lengths); i++)
    {
        do_get(s, row, lengths[i], &r);
        ok(r.ret == SOCKET_ERROR && r.err == WSAENOTSOCK, "%s: get len %d: %d/%d, expected WSAENOTSOCK\n", ctx,
           lengths[i], r.ret, r.err);
        ret = do_set(s, row, row->value, lengths[i], &err);
        ok(ret == SOCKET_ERROR && err == WSAENOTSOCK, "%s: set len %d: %d/%d, expected WSAENOTSOCK\n", ctx,
           lengths[i], ret, err);
    }
}

/* Only what every documented Winsock does. */
static void test_weak(SOCKET s, const struct row *row, BOOL do_sets)
{
    struct result r;
    unsigned int i;
    int ret, err;

    for (i = 0; i < ARRAY_SIZE(lengths); i++)
    {
        int len = lengths[i];

        do_get(s, row, len, &r);
        ok(r.ret == 0 || (r.ret == SOCKET_ERROR && documented_get_error(r.err)), "%s: get len %d: %d/%d\n", ctx,
           len, r.ret, r.err);
        if (!r.ret) ok(len > 0 && r.len > 0 && r.len <= len, "%s: get len %d wrote %d\n", ctx, len, r.len);
        if (!do_sets || row->kind == GET_DWORD) continue;
        ret = do_set(s, row, row->value, len, &err);
        ok(ret == 0 || (ret == SOCKET_ERROR && documented_set_error(err)), "%s: set len %d: %d/%d\n", ctx, len,
           ret, err);
    }
}

/* Gets of every length, in a cell whose size rules are known. */
static void test_get_sizes(SOCKET s, const struct row *row)
{
    struct result r;
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(lengths); i++)
    {
        int len = lengths[i], expect_len;

        do_get(s, row, len, &r);
        if (len <= 0)
        {
            ok(r.ret == SOCKET_ERROR && r.err == WSAEFAULT, "%s: get len %d: %d/%d, expected WSAEFAULT\n", ctx, len,
               r.ret, r.err);
            ok_int(r.len, len, "%s: get len %d changed optlen to %d\n", ctx, len, r.len);
            continue;
        }
        if (row->kind == BYTE_BOOL) expect_len = 1;
        else if ((row->kind == SHORT_BOOL || row->kind == SHORT_INT) && len < 4) expect_len = 1;
        else expect_len = 4;

        if (len == 3 && expect_len == 1 && row->kind != BYTE_BOOL)
        {
            /* Only 1, 2 and 4 were observed for the short kinds. */
            ok((r.ret == 0 && r.len == 1) || (r.ret == SOCKET_ERROR && r.err == WSAEFAULT),
               "%s: get len 3: %d/%d len %d\n", ctx, r.ret, r.err, r.len);
            continue;
        }
        if (len < expect_len)
        {
            ok(r.ret == SOCKET_ERROR && r.err == WSAEFAULT, "%s: get len %d: %d/%d, expected WSAEFAULT\n", ctx, len,
               r.ret, r.err);
            if (row->kind == IP_FLAG || row->kind == TCP_DWORD)
                ok(r.len == 0 || (len == 3 && r.len == 3), "%s: get len %d left optlen %d, expected 0\n", ctx,
                   len, r.len);
            else if (len != 3)
                ok_int(r.len, len, "%s: get len %d left optlen %d\n", ctx, len, r.len);
            /* Windows zeroes the short buffer for these three (Wine's
             * conformance test_set_getsockopt, 1 and 2 bytes). */
            if (row->level == SOL_SOCKET &&
                (row->option == SO_RCVBUF || row->option == SO_SNDBUF || row->option == SO_LINGER))
                ok(len == 3 || (!memcmp(r.buf, "\0\0", len) && r.buf[len] == 0xcc),
                   "%s: failed get len %d did not zero the buffer\n", ctx, len);
            else
                ok_int(r.buf[0], 0xcc, "%s: failed get len %d wrote the buffer\n", ctx, len);
            continue;
        }
        ok(r.ret == 0 && r.err == 0, "%s: get len %d: %d/%d, expected success\n", ctx, len, r.ret, r.err);
        ok_int(r.len, expect_len, "%s: get len %d wrote optlen %d, expected %d\n", ctx, len, r.len, expect_len);
        if (!r.ret && expect_len == 1 && row->level == SOL_SOCKET && row->kind == SHORT_BOOL && len == 2)
            /* 2 bytes written, 1 reported (test_set_getsockopt: 0xdead0001). */
            ok(r.buf[0] <= 1 && r.buf[1] == 0 && r.buf[2] == 0xcc, "%s: get len 2 wrote %02x %02x %02x\n", ctx,
               r.buf[0], r.buf[1], r.buf[2]);
        else if (!r.ret && expect_len == 1)
        {
            ok(r.buf[1] == 0xcc && r.buf[2] == 0xcc && r.buf[3] == 0xcc, "%s: get len %d wrote past 1 byte\n",
               ctx, len);
            if (row->kind != SHORT_INT) ok(r.buf[0] <= 1, "%s: BOOL read as %u\n", ctx, r.buf[0]);
        }
        if (!r.ret && expect_len == 4 && row->kind == IP_FLAG)
            ok(*(DWORD *)r.buf <= 1, "%s: flag read as %#lx\n", ctx, *(DWORD *)r.buf);
    }
}

/* Sets of every length, each followed by a read-back. */
static void test_set_sizes(SOCKET s, const struct row *row)
{
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(lengths); i++)
    {
        int len = lengths[i], ret, err, get_ret, get_len, expect_err;
        BOOL weak = FALSE;
        DWORD got;

        ret = do_set(s, row, row->other, 4, &err);
        ok(!ret, "%s: set %#lx failed: %d\n", ctx, row->other, err);

        if (len < 0)
            expect_err = row->level == SOL_SOCKET && row->kind != BYTE_BOOL ? 0 : WSAENOBUFS;
        else if (len == 0)
            expect_err = row->level == SOL_SOCKET && row->kind == SHORT_BOOL ? 0 : WSAEFAULT;
        else if (len < 4 && (row->kind == DWORD_VALUE || row->kind == IP_FLAG || row->kind == TCP_DWORD))
            expect_err = WSAEFAULT;
        else
        {
            expect_err = 0;
            weak = len == 3 && row->kind != BYTE_BOOL;  /* not observed */
        }

        ret = do_set(s, row, row->value, len, &err);
        if (weak)
            ok(!ret || (ret == SOCKET_ERROR && err == WSAEFAULT), "%s: set len %d: %d/%d\n", ctx, len, ret, err);
        else if (expect_err)
            ok(ret == SOCKET_ERROR && err == expect_err, "%s: set len %d: %d/%d, expected error %d\n", ctx, len,
               ret, err, expect_err);
        else
            ok(!ret && !err, "%s: set len %d: %d/%d, expected success\n", ctx, len, ret, err);

        got = get4(s, row, &get_ret, &get_len);
        ok(!get_ret, "%s: get after set len %d failed\n", ctx, len);
        if (!get_ret)
        {
            DWORD expect = ret ? row->other : stored_value(row, row->value, len);
            ok_int(got, expect, "%s: after set len %d (%s) read back %#lx, expected %#lx\n", ctx, len,
               ret ? "refused" : "accepted", got, expect);
        }
    }
}

/* GET_DWORD options: facts about their values, and set refused. */
static void test_get_only(SOCKET s, const struct row *row, int af, int type, enum state state)
{
    int ret, err, len;
    DWORD value;

    ret = do_set(s, row, 1, 4, &err);
    /* SO_TYPE on a datagram socket is WSAEINVAL (Wine's conformance test_WSASocket). */
    if (row->option == SO_TYPE && type == SOCK_DGRAM)
        ok(ret == SOCKET_ERROR && err == WSAEINVAL, "%s: set: %d/%d, expected WSAEINVAL\n", ctx, ret, err);
    else
        ok(ret == SOCKET_ERROR && err == WSAENOPROTOOPT, "%s: set: %d/%d, expected WSAENOPROTOOPT\n", ctx, ret,
           err);

    value = get4(s, row, &ret, &len);
    if (ret) return;  /* reported by test_get_sizes */
    switch (row->option)
    {
    case SO_TYPE:
        ok_int(value, (DWORD)type, "%s: %lu\n", ctx, value);
        break;
    case SO_ACCEPTCONN:
        ok_int(value, (state == LISTENING), "%s: %lu\n", ctx, value);
        break;
    case SO_CONNECT_TIME:
        if (state == CONNECTED) ok(value <= 1, "%s: %lu just after connecting\n", ctx, value);
        else if (state != SHUTDOWN) ok(value == ~0u, "%s: %#lx before a connection\n", ctx, value);
        break;
    }
}

/* setsockopt of a type the option is not for: WSAENOPROTOOPT (documented for
 * a valid length); the other lengths and get are not known. */
static void test_noproto(SOCKET s, const struct row *row)
{
    unsigned int i;
    int ret, err;

    for (i = 0; i < ARRAY_SIZE(lengths); i++)
    {
        int len = lengths[i];
        BOOL size_ok = len >= 4 || (len >= 1 && (row->kind == BYTE_BOOL || row->kind == SHORT_BOOL));

        ret = do_set(s, row, row->value, len, &err);
        if (size_ok)
            ok(ret == SOCKET_ERROR && err == WSAENOPROTOOPT, "%s: set len %d: %d/%d, expected WSAENOPROTOOPT\n",
               ctx, len, ret, err);
        else
            ok(ret == SOCKET_ERROR && documented_set_error(err), "%s: set len %d: %d/%d, expected failure\n", ctx,
               len, ret, err);
    }
    test_weak(s, row, FALSE);
}

static void test_cell(const struct row *row, int af, int type, enum state state)
{
    unsigned int type_bit = type == SOCK_STREAM ? TCP : UDP, af_bit = af == AF_INET ? V4 : V6;
    BOOL known = (row->types & type_bit) && (row->afs & af_bit);
    struct cell_socket cs;

    set_ctx(row, af, type, state);
    if (!make_socket(af, type, state, &cs))
    {
        skip("%s: could not make the socket (%d)\n", ctx, WSAGetLastError());
        free_socket(&cs, state);
        return;
    }
    if (state == CLOSED) test_closed(cs.s, row);
    else if (row->noproto & type_bit) test_noproto(cs.s, row);
    else if (state == CONNECTING)
    {
        /* Transitional: Microsoft documents WSAEINVAL for SO_KEEPALIVE only;
         * for the other options nothing is known. */
        if (row->option == SO_KEEPALIVE && row->level == SOL_SOCKET && known)
        {
            unsigned int i;
            for (i = 0; i < ARRAY_SIZE(lengths); i++)
            {
                int err, ret = do_set(cs.s, row, 1, lengths[i], &err);
                if (lengths[i] > 0)
                    ok(ret == SOCKET_ERROR && err == WSAEINVAL, "%s: set len %d: %d/%d, expected WSAEINVAL\n", ctx,
                       lengths[i], ret, err);
                else
                    ok(ret == SOCKET_ERROR && documented_set_error(err), "%s: set len %d: %d/%d\n", ctx,
                       lengths[i], ret, err);
            }
            test_weak(cs.s, row, FALSE);
        }
        else
        {
            test_weak(cs.s, row, TRUE);
            if (known && row->kind == GET_DWORD && row->option != SO_TYPE)
            {
                int ret, len;
                DWORD value = get4(cs.s, row, &ret, &len);
                if (!ret && row->option == SO_ACCEPTCONN) ok_int(value, 0, "%s: %lu\n", ctx, value);
                if (!ret && row->option == SO_CONNECT_TIME) ok(value == ~0u, "%s: %#lx\n", ctx, value);
            }
        }
    }
    else if (!known) test_weak(cs.s, row, TRUE);
    else
    {
        test_get_sizes(cs.s, row);
        if (row->kind == GET_DWORD) test_get_only(cs.s, row, af, type, state);
        else if (row->set_states & ST(state)) test_set_sizes(cs.s, row);
        else test_weak(cs.s, row, TRUE);
    }
    free_socket(&cs, state);
}

/* IPV6_V6ONLY on an IPv4 stream socket (observed on Windows): it reads 1 and
 * can be cleared before bind; after bind it reads 1 and cannot be cleared. */
static void test_v6only_on_v4(void)
{
    struct sockaddr_in addr = { AF_INET };
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    DWORD value;
    int len, ret;

    len = sizeof(value);
    value = 2;
    ret = getsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&value, &len);
    ok(!ret && value == 1, "v4 IPV6_V6ONLY fresh: %d/%d value %lu\n", ret, WSAGetLastError(), value);
    value = 0;
    ret = setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&value, sizeof(value));
    ok(!ret, "v4 IPV6_V6ONLY clear: %d\n", WSAGetLastError());
    len = sizeof(value);
    value = 2;
    ret = getsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&value, &len);
    ok(!ret && value == 0, "v4 IPV6_V6ONLY after clear: %d/%d value %lu\n", ret, WSAGetLastError(), value);
    value = 1;
    ret = setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&value, sizeof(value));
    ok(!ret, "v4 IPV6_V6ONLY set: %d\n", WSAGetLastError());

    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok(!bind(s, (struct sockaddr *)&addr, sizeof(addr)), "bind failed: %d\n", WSAGetLastError());
    len = sizeof(value);
    value = 2;
    ret = getsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&value, &len);
    ok(!ret && value == 1, "v4 IPV6_V6ONLY bound: %d/%d value %lu\n", ret, WSAGetLastError(), value);
    value = 0;
    ret = setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&value, sizeof(value));
    ok_int(ret, SOCKET_ERROR, "v4 IPV6_V6ONLY cleared after bind\n");
    closesocket(s);
}

START_TEST(sockopt_matrix)
{
    static const int afs[] = { AF_INET, AF_INET6 }, types[] = { SOCK_STREAM, SOCK_DGRAM };
    WSADATA data;
    unsigned int r, a, t, st;
    DWORD start;

    harness_start_watchdog(30000);
    WSAStartup(MAKEWORD(2, 2), &data);
    start = GetTickCount();
    for (a = 0; a < ARRAY_SIZE(afs); a++)
    {
        SOCKET probe = socket(afs[a], SOCK_DGRAM, 0);
        if (probe == INVALID_SOCKET) { skip("no sockets of family %d\n", afs[a]); continue; }
        closesocket(probe);
        for (t = 0; t < ARRAY_SIZE(types); t++)
            for (st = 0; st < STATE_COUNT; st++)
            {
                if (types[t] == SOCK_DGRAM && (st == LISTENING || st == CONNECTING)) continue;
                for (r = 0; r < ARRAY_SIZE(rows); r++) RUN(test_cell, &rows[r], afs[a], types[t], st);
            }
    }
    RUN(test_v6only_on_v4);
    for (a = 0; a < 2; a++)
        if (full[a].tried && full[a].listener != INVALID_SOCKET)
        {
            closesocket(full[a].queued);
            closesocket(full[a].listener);
        }
    trace("matrix done in %lu ms\n", GetTickCount() - start);
    WSACleanup();
}
