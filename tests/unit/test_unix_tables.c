/* Unit tests for the Unix side's translation tables and resolver
 * (dlls/ws2kit/unix/errors.c, dlls/ws2kit/unix/resolve.c).
 *
 * The resolver is exercised on numeric input only (AI_NUMERICHOST, NULL node,
 * numeric services): nothing here sends a packet or asks a DNS server.
 *
 * Build: gcc -Wall -Wextra -I include -I dlls/ws2kit/unix tests/unit/test_unix_tables.c \
 *        dlls/ws2kit/unix/errors.c dlls/ws2kit/unix/resolve.c \
 *        $(pkg-config --cflags --libs check) -o /tmp/test_unix_tables
 */
#define _GNU_SOURCE
#include <check.h>

#include "check_run.h"
#include <errno.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unix_private.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Windows numbers (ws2def.h / ws2tcpip.h), spelled out so that a wrong Linux
 * value leaking through the translation is caught. */
#define W_AF_UNSPEC        0
#define W_AF_INET          2
#define W_AF_INET6         23
#define W_SOCK_STREAM      1
#define W_SOCK_DGRAM       2
#define W_IPPROTO_TCP      6
#define W_IPPROTO_UDP      17
#define W_AI_PASSIVE       0x0001
#define W_AI_CANONNAME     0x0002
#define W_AI_NUMERICHOST   0x0004
#define W_AI_NUMERICSERV   0x0008
#define W_AI_V4MAPPED      0x0800
#define W_AI_FQDN          0x00020000
#define W_NI_NUMERICHOST   0x02
#define W_NI_NUMERICSERV   0x08
#define W_NI_DGRAM         0x10

/* ---- errno table -------------------------------------------------------------- */

struct row { int from, to; const char *name; };
#define ROW(from, to) { from, to, #from }

/* The expected mapping, written out independently of errors.c. */
static const struct row errno_rows[] =
{
    ROW(EINTR,           WSAEINTR),
    ROW(EBADF,           WSAENOTSOCK),
    ROW(EPERM,           WSAEACCES),
    ROW(EACCES,          WSAEACCES),
    ROW(EFAULT,          WSAEFAULT),
    ROW(EINVAL,          WSAEINVAL),
    ROW(EMFILE,          WSAEMFILE),
    ROW(ENFILE,          WSAEMFILE),
    ROW(EAGAIN,          WSAEWOULDBLOCK),
    ROW(EWOULDBLOCK,     WSAEWOULDBLOCK),
    ROW(EINPROGRESS,     WSAEINPROGRESS),
    ROW(EALREADY,        WSAEALREADY),
    ROW(ENOTSOCK,        WSAENOTSOCK),
    ROW(EDESTADDRREQ,    WSAEDESTADDRREQ),
    ROW(EMSGSIZE,        WSAEMSGSIZE),
    ROW(EPROTOTYPE,      WSAEPROTOTYPE),
    ROW(ENOPROTOOPT,     WSAENOPROTOOPT),
    ROW(EPROTONOSUPPORT, WSAEPROTONOSUPPORT),
    ROW(ESOCKTNOSUPPORT, WSAESOCKTNOSUPPORT),
    ROW(EOPNOTSUPP,      WSAEOPNOTSUPP),
    ROW(ENOTSUP,         WSAEOPNOTSUPP),
    ROW(EPFNOSUPPORT,    WSAEPFNOSUPPORT),
    ROW(EAFNOSUPPORT,    WSAEAFNOSUPPORT),
    ROW(EADDRINUSE,      WSAEADDRINUSE),
    ROW(EADDRNOTAVAIL,   WSAEADDRNOTAVAIL),
    ROW(ENETDOWN,        WSAENETDOWN),
    ROW(ENETUNREACH,     WSAENETUNREACH),
    ROW(ENETRESET,       WSAENETRESET),
    ROW(ECONNABORTED,    WSAECONNABORTED),
    ROW(EPIPE,           WSAESHUTDOWN),
    ROW(ECONNRESET,      WSAECONNRESET),
    ROW(ENOBUFS,         WSAENOBUFS),
    ROW(ENOMEM,          WSAENOBUFS),
    ROW(EISCONN,         WSAEISCONN),
    ROW(ENOTCONN,        WSAENOTCONN),
    ROW(ESHUTDOWN,       WSAESHUTDOWN),
    ROW(ETOOMANYREFS,    WSAETOOMANYREFS),
    ROW(ETIMEDOUT,       WSAETIMEDOUT),
    ROW(ECONNREFUSED,    WSAECONNREFUSED),
    ROW(ELOOP,           WSAELOOP),
    ROW(ENAMETOOLONG,    WSAENAMETOOLONG),
    ROW(EHOSTDOWN,       WSAEHOSTDOWN),
    ROW(EHOSTUNREACH,    WSAEHOSTUNREACH),
    ROW(ENOTEMPTY,       WSAENOTEMPTY),
    ROW(EUSERS,          WSAEUSERS),
    ROW(EDQUOT,          WSAEDQUOT),
    ROW(ESTALE,          WSAESTALE),
    ROW(EREMOTE,         WSAEREMOTE),
};

START_TEST(test_errno_row)
{
    const struct row *r = &errno_rows[_i];
    int got = ws2kit_errno_to_wsa(r->from);
    ck_assert_msg(got == r->to, "ws2kit_errno_to_wsa(%s = %d) = %d, expected %d",
                  r->name, r->from, got, r->to);
}
END_TEST

START_TEST(test_errno_zero)
{
    ck_assert_int_eq(ws2kit_errno_to_wsa(0), 0);
}
END_TEST

START_TEST(test_errno_unknown_is_einval)
{
    /* Codes not in the table fall back to WSAEINVAL. */
    static const int unknown[] = { ENOENT, EXDEV, ENOSPC, EROFS, ENOEXEC, 4095, -1 };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(unknown); i++)
        ck_assert_msg(ws2kit_errno_to_wsa(unknown[i]) == WSAEINVAL,
                      "errno %d: got %d, expected WSAEINVAL", unknown[i],
                      ws2kit_errno_to_wsa(unknown[i]));
}
END_TEST

/* ---- EAI table ---------------------------------------------------------------- */

static const struct row eai_rows[] =
{
    ROW(EAI_AGAIN,      WSATRY_AGAIN),
    ROW(EAI_BADFLAGS,   WSAEINVAL),
    ROW(EAI_FAIL,       WSANO_RECOVERY),
    ROW(EAI_FAMILY,     WSAEAFNOSUPPORT),
    ROW(EAI_MEMORY,     WSA_NOT_ENOUGH_MEMORY),
    ROW(EAI_NONAME,     WSAHOST_NOT_FOUND),
    ROW(EAI_SERVICE,    WSATYPE_NOT_FOUND),
    ROW(EAI_SOCKTYPE,   WSAESOCKTNOSUPPORT),
    ROW(EAI_NODATA,     WSANO_DATA),
    ROW(EAI_ADDRFAMILY, WSAHOST_NOT_FOUND),
    ROW(EAI_OVERFLOW,   WSAEFAULT),
};

START_TEST(test_eai_row)
{
    const struct row *r = &eai_rows[_i];
    int got;

    errno = EPERM; /* must not matter for anything but EAI_SYSTEM */
    got = ws2kit_eai_to_wsa(r->from);
    ck_assert_msg(got == r->to, "ws2kit_eai_to_wsa(%s = %d) = %d, expected %d",
                  r->name, r->from, got, r->to);
}
END_TEST

START_TEST(test_eai_zero)
{
    ck_assert_int_eq(ws2kit_eai_to_wsa(0), 0);
}
END_TEST

START_TEST(test_eai_system_uses_errno)
{
    errno = ECONNREFUSED;
    ck_assert_int_eq(ws2kit_eai_to_wsa(EAI_SYSTEM), WSAECONNREFUSED);
    errno = ENOMEM;
    ck_assert_int_eq(ws2kit_eai_to_wsa(EAI_SYSTEM), WSAENOBUFS);
    errno = EMFILE;
    ck_assert_int_eq(ws2kit_eai_to_wsa(EAI_SYSTEM), WSAEMFILE);
    errno = ENOENT; /* not in the errno table */
    ck_assert_int_eq(ws2kit_eai_to_wsa(EAI_SYSTEM), WSAEINVAL);
}
END_TEST

START_TEST(test_eai_unknown_is_no_recovery)
{
    ck_assert_int_eq(ws2kit_eai_to_wsa(-9999), WSANO_RECOVERY);
    ck_assert_int_eq(ws2kit_eai_to_wsa(12345), WSANO_RECOVERY);
}
END_TEST

/* ---- getaddrinfo (numeric only) ----------------------------------------------- */

#define MAX_ENTRIES 8
static struct ws2kit_addrinfo_entry entries[MAX_ENTRIES];

static void init_gai(struct ws2kit_getaddrinfo_params *p, const char *node, const char *service,
                     int family, int socktype, int protocol, int flags)
{
    memset(p, 0, sizeof(*p));
    memset(entries, 0xaa, sizeof(entries));
    p->node = node;
    p->service = service;
    p->family = family;
    p->socktype = socktype;
    p->protocol = protocol;
    p->flags = flags;
    p->entries = entries;
    p->max_entries = MAX_ENTRIES;
    p->count = 0xdeadbeef;
}

static unsigned int le16(const unsigned char *b) { return b[0] | (b[1] << 8); }
static unsigned int be16(const unsigned char *b) { return (b[0] << 8) | b[1]; }

static void check_ipv4_entry(const struct ws2kit_addrinfo_entry *e, unsigned int port)
{
    static const unsigned char loopback[4] = { 127, 0, 0, 1 };
    static const unsigned char zero[8] = { 0 };

    ck_assert_int_eq(e->family, W_AF_INET);
    ck_assert_int_eq(e->addrlen, 16);
    ck_assert_uint_eq(le16(e->addr), W_AF_INET);
    ck_assert_uint_eq(be16(e->addr + 2), port);
    ck_assert_mem_eq(e->addr + 4, loopback, 4);
    ck_assert_mem_eq(e->addr + 8, zero, 8); /* sin_zero */
}

static void check_ipv6_entry(const struct ws2kit_addrinfo_entry *e, unsigned int port)
{
    static const unsigned char loopback[16] = { 0,0,0,0, 0,0,0,0, 0,0,0,0, 0,0,0,1 };
    static const unsigned char zero[4] = { 0 };

    ck_assert_int_eq(e->family, W_AF_INET6);
    ck_assert_int_eq(e->addrlen, 28);
    /* sin6_family, little-endian USHORT: 23, not Linux's 10 */
    ck_assert_uint_eq(e->addr[0], 23);
    ck_assert_uint_eq(e->addr[1], 0);
    ck_assert_uint_eq(be16(e->addr + 2), port);
    ck_assert_mem_eq(e->addr + 4, zero, 4);       /* sin6_flowinfo */
    ck_assert_mem_eq(e->addr + 8, loopback, 16);  /* sin6_addr */
    ck_assert_mem_eq(e->addr + 24, zero, 4);      /* sin6_scope_id */
}

START_TEST(test_gai_ipv4_families)
{
    /* _i: 0 = AF_UNSPEC, 1 = AF_INET */
    struct ws2kit_getaddrinfo_params p;
    int family = _i ? W_AF_INET : W_AF_UNSPEC;

    init_gai(&p, "127.0.0.1", "80", family, W_SOCK_STREAM, W_IPPROTO_TCP, W_AI_NUMERICHOST);
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), 0);
    ck_assert_uint_eq(p.count, 1);
    ck_assert_int_eq(entries[0].socktype, W_SOCK_STREAM);
    ck_assert_int_eq(entries[0].protocol, W_IPPROTO_TCP);
    check_ipv4_entry(&entries[0], 80);
    ck_assert_uint_eq(entries[1].addr[0], 0xaa); /* nothing written past count */
}
END_TEST

START_TEST(test_gai_ipv6_families)
{
    /* _i: 0 = AF_UNSPEC, 1 = AF_INET6 (23) */
    struct ws2kit_getaddrinfo_params p;
    int family = _i ? W_AF_INET6 : W_AF_UNSPEC;

    init_gai(&p, "::1", "80", family, W_SOCK_STREAM, W_IPPROTO_TCP, W_AI_NUMERICHOST);
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), 0);
    ck_assert_uint_eq(p.count, 1);
    ck_assert_int_eq(entries[0].socktype, W_SOCK_STREAM);
    ck_assert_int_eq(entries[0].protocol, W_IPPROTO_TCP);
    check_ipv6_entry(&entries[0], 80);
}
END_TEST

START_TEST(test_gai_socktype_protocol_echoed)
{
    /* Windows echoes the hints' socket type and protocol in every entry. */
    struct ws2kit_getaddrinfo_params p;

    init_gai(&p, "::1", "5353", W_AF_INET6, W_SOCK_DGRAM, W_IPPROTO_UDP, W_AI_NUMERICHOST);
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), 0);
    ck_assert_uint_eq(p.count, 1);
    ck_assert_int_eq(entries[0].socktype, W_SOCK_DGRAM);
    ck_assert_int_eq(entries[0].protocol, W_IPPROTO_UDP);
    check_ipv6_entry(&entries[0], 5353);

    /* protocol 0 stays 0 (glibc itself would report 17) */
    init_gai(&p, "127.0.0.1", "53", W_AF_INET, W_SOCK_DGRAM, 0, W_AI_NUMERICHOST);
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), 0);
    ck_assert_uint_eq(p.count, 1);
    ck_assert_int_eq(entries[0].socktype, W_SOCK_DGRAM);
    ck_assert_int_eq(entries[0].protocol, 0);
    check_ipv4_entry(&entries[0], 53);

    init_gai(&p, "127.0.0.1", "80", W_AF_INET, W_SOCK_STREAM, 0, W_AI_NUMERICHOST);
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), 0);
    ck_assert_uint_eq(p.count, 1);
    ck_assert_int_eq(entries[0].socktype, W_SOCK_STREAM);
    ck_assert_int_eq(entries[0].protocol, 0);
}
END_TEST

START_TEST(test_gai_no_service_port_zero)
{
    struct ws2kit_getaddrinfo_params p;

    init_gai(&p, "127.0.0.1", NULL, W_AF_INET, W_SOCK_STREAM, 0, W_AI_NUMERICHOST);
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), 0);
    ck_assert_uint_eq(p.count, 1);
    check_ipv4_entry(&entries[0], 0);
}
END_TEST

START_TEST(test_gai_any_socktype_one_entry_per_address)
{
    /* socktype 0: glibc gives one result per socket type (stream, dgram,
     * raw) for the same address; Windows gives one entry per address. */
    struct ws2kit_getaddrinfo_params p;

    init_gai(&p, "127.0.0.1", "80", W_AF_INET, 0, 0, W_AI_NUMERICHOST);
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), 0);
    ck_assert_uint_eq(p.count, 1);
    ck_assert_int_eq(entries[0].socktype, 0);
    ck_assert_int_eq(entries[0].protocol, 0);
    check_ipv4_entry(&entries[0], 80);
    ck_assert_int_eq(entries[1].family, (int)0xaaaaaaaa);
}
END_TEST

/* NULL node, AF_UNSPEC, no AI_PASSIVE: the host gives ::1 and 127.0.0.1 (in an
 * order its address sorting picks). Purely local: no packet leaves the host. */
static void check_both_loopbacks(const struct ws2kit_addrinfo_entry *e)
{
    int v4 = e[0].family == W_AF_INET ? 0 : 1;

    check_ipv4_entry(&e[v4], 80);
    check_ipv6_entry(&e[1 - v4], 80);
}

START_TEST(test_gai_two_addresses)
{
    struct ws2kit_getaddrinfo_params p;

    init_gai(&p, NULL, "80", W_AF_UNSPEC, W_SOCK_STREAM, W_IPPROTO_TCP, 0);
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), 0);
    ck_assert_uint_eq(p.count, 2);
    check_both_loopbacks(entries);
    ck_assert_int_eq(entries[2].family, (int)0xaaaaaaaa);
}
END_TEST

START_TEST(test_gai_max_entries_zero_counts_only)
{
    struct ws2kit_getaddrinfo_params p;

    init_gai(&p, "127.0.0.1", "80", W_AF_INET, W_SOCK_STREAM, 0, W_AI_NUMERICHOST);
    p.entries = NULL; /* must not be touched */
    p.max_entries = 0;
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), 0);
    ck_assert_uint_eq(p.count, 1);

    init_gai(&p, NULL, "80", W_AF_UNSPEC, W_SOCK_STREAM, 0, 0);
    p.entries = NULL;
    p.max_entries = 0;
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), 0);
    ck_assert_uint_eq(p.count, 2);
}
END_TEST

START_TEST(test_gai_max_entries_one_of_two)
{
    struct ws2kit_getaddrinfo_params p;

    init_gai(&p, NULL, "80", W_AF_UNSPEC, W_SOCK_STREAM, 0, 0);
    p.max_entries = 1;
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), 0);
    ck_assert_uint_eq(p.count, 2);            /* counted ... */
    ck_assert(entries[0].family == W_AF_INET || entries[0].family == W_AF_INET6);
    ck_assert_int_eq(entries[1].family, (int)0xaaaaaaaa); /* ... but not written */
    ck_assert_uint_eq(entries[1].addr[0], 0xaa);
}
END_TEST

START_TEST(test_gai_unknown_flag_is_einval)
{
    static const int bad[] = { 0x0200, 0x1000, 0x00400000, (int)0x80000000 };
    struct ws2kit_getaddrinfo_params p;
    size_t i;

    for (i = 0; i < ARRAY_SIZE(bad); i++)
    {
        init_gai(&p, "127.0.0.1", "80", W_AF_INET, W_SOCK_STREAM, 0, W_AI_NUMERICHOST | bad[i]);
        ck_assert_msg(ws2kit_getaddrinfo(&p) == WSAEINVAL, "flag %#x not refused", bad[i]);
        ck_assert_uint_eq(p.count, 0xdeadbeef);
    }
}
END_TEST

START_TEST(test_gai_ignored_flag_accepted)
{
    /* AI_FQDN has no Linux counterpart but is documented as ignored. */
    struct ws2kit_getaddrinfo_params p;

    init_gai(&p, "127.0.0.1", "80", W_AF_INET, W_SOCK_STREAM, 0, W_AI_NUMERICHOST | W_AI_FQDN);
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), 0);
    ck_assert_uint_eq(p.count, 1);
    check_ipv4_entry(&entries[0], 80);
}
END_TEST

START_TEST(test_gai_bad_family)
{
    static const int bad[] = { 99, 10 /* Linux AF_INET6, not a Windows value */, 1, -1 };
    struct ws2kit_getaddrinfo_params p;
    size_t i;

    for (i = 0; i < ARRAY_SIZE(bad); i++)
    {
        init_gai(&p, "127.0.0.1", "80", bad[i], W_SOCK_STREAM, 0, W_AI_NUMERICHOST);
        ck_assert_msg(ws2kit_getaddrinfo(&p) == WSAEAFNOSUPPORT, "family %d not refused", bad[i]);
    }
}
END_TEST

START_TEST(test_gai_not_numeric)
{
    struct ws2kit_getaddrinfo_params p;

    init_gai(&p, "not-an-ip", "80", W_AF_UNSPEC, W_SOCK_STREAM, 0, W_AI_NUMERICHOST);
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), WSAHOST_NOT_FOUND);
    ck_assert_uint_eq(entries[0].addr[0], 0xaa);
}
END_TEST

START_TEST(test_gai_family_mismatch)
{
    struct ws2kit_getaddrinfo_params p;

    init_gai(&p, "::1", "80", W_AF_INET, W_SOCK_STREAM, 0, W_AI_NUMERICHOST);
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), WSAHOST_NOT_FOUND);
    init_gai(&p, "127.0.0.1", "80", W_AF_INET6, W_SOCK_STREAM, 0, W_AI_NUMERICHOST);
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), WSAHOST_NOT_FOUND);
}
END_TEST

START_TEST(test_gai_v4mapped)
{
    /* Windows AI_V4MAPPED (0x800) must reach glibc as AI_V4MAPPED. */
    static const unsigned char mapped[16] = { 0,0,0,0, 0,0,0,0, 0,0,0xff,0xff, 127,0,0,1 };
    struct ws2kit_getaddrinfo_params p;

    init_gai(&p, "127.0.0.1", "443", W_AF_INET6, W_SOCK_STREAM, 0,
             W_AI_NUMERICHOST | W_AI_V4MAPPED);
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), 0);
    ck_assert_uint_eq(p.count, 1);
    ck_assert_int_eq(entries[0].family, W_AF_INET6);
    ck_assert_int_eq(entries[0].addrlen, 28);
    ck_assert_uint_eq(le16(entries[0].addr), W_AF_INET6);
    ck_assert_uint_eq(be16(entries[0].addr + 2), 443);
    ck_assert_mem_eq(entries[0].addr + 8, mapped, 16);
}
END_TEST

START_TEST(test_gai_numericserv)
{
    /* Windows AI_NUMERICSERV (0x8) must reach glibc: a service name is refused. */
    struct ws2kit_getaddrinfo_params p;

    init_gai(&p, "127.0.0.1", "8080", W_AF_INET, W_SOCK_STREAM, 0,
             W_AI_NUMERICHOST | W_AI_NUMERICSERV);
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), 0);
    check_ipv4_entry(&entries[0], 8080);

    init_gai(&p, "127.0.0.1", "no-such-service-name", W_AF_INET, W_SOCK_STREAM, 0,
             W_AI_NUMERICHOST | W_AI_NUMERICSERV);
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), WSAHOST_NOT_FOUND);
}
END_TEST

START_TEST(test_gai_passive_null_node)
{
    /* NULL node: AI_PASSIVE (0x1) gives the wildcard, no flag gives loopback. */
    static const unsigned char any[4] = { 0, 0, 0, 0 };
    struct ws2kit_getaddrinfo_params p;

    init_gai(&p, NULL, "80", W_AF_INET, W_SOCK_STREAM, 0, W_AI_PASSIVE);
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), 0);
    ck_assert_uint_eq(p.count, 1);
    ck_assert_int_eq(entries[0].family, W_AF_INET);
    ck_assert_uint_eq(be16(entries[0].addr + 2), 80);
    ck_assert_mem_eq(entries[0].addr + 4, any, 4);

    init_gai(&p, NULL, "80", W_AF_INET, W_SOCK_STREAM, 0, 0);
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), 0);
    ck_assert_uint_eq(p.count, 1);
    check_ipv4_entry(&entries[0], 80);
}
END_TEST

START_TEST(test_gai_canonname)
{
    struct ws2kit_getaddrinfo_params p;
    char canon[64], small[4];

    init_gai(&p, "127.0.0.1", "80", W_AF_INET, W_SOCK_STREAM, 0,
             W_AI_NUMERICHOST | W_AI_CANONNAME);
    memset(canon, 'x', sizeof(canon));
    p.canonname = canon;
    p.canonname_size = sizeof(canon);
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), 0);
    ck_assert_str_eq(canon, "127.0.0.1");

    /* Truncated, still terminated. */
    init_gai(&p, "127.0.0.1", "80", W_AF_INET, W_SOCK_STREAM, 0,
             W_AI_NUMERICHOST | W_AI_CANONNAME);
    memset(small, 'x', sizeof(small));
    p.canonname = small;
    p.canonname_size = sizeof(small);
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), 0);
    ck_assert_str_eq(small, "127");

    /* Without AI_CANONNAME the buffer is emptied. */
    init_gai(&p, "127.0.0.1", "80", W_AF_INET, W_SOCK_STREAM, 0, W_AI_NUMERICHOST);
    memset(canon, 'x', sizeof(canon));
    p.canonname = canon;
    p.canonname_size = sizeof(canon);
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), 0);
    ck_assert_str_eq(canon, "");
}
END_TEST

/* ---- getnameinfo -------------------------------------------------------------- */

/* Windows SOCKADDR_IN / SOCKADDR_IN6 bytes, built by hand. */
static void make_win_sin(unsigned char *b, unsigned int port, const unsigned char ip[4])
{
    memset(b, 0, 16);
    b[0] = W_AF_INET; b[1] = 0;
    b[2] = port >> 8; b[3] = port & 0xff;
    memcpy(b + 4, ip, 4);
}

static void make_win_sin6(unsigned char *b, unsigned int port, const unsigned char ip[16])
{
    memset(b, 0, 28);
    b[0] = W_AF_INET6; b[1] = 0;
    b[2] = port >> 8; b[3] = port & 0xff;
    memcpy(b + 8, ip, 16);
}

static const unsigned char ip4_loop[4] = { 127, 0, 0, 1 };
static const unsigned char ip4_other[4] = { 10, 1, 2, 3 };
static const unsigned char ip6_loop[16] = { 0,0,0,0, 0,0,0,0, 0,0,0,0, 0,0,0,1 };
static const unsigned char ip6_doc[16] = { 0x20,0x01,0x0d,0xb8, 0,0,0,0, 0,0,0,0, 0,0,0,0x42 };

static char host[128], serv[64];

static void init_gni(struct ws2kit_getnameinfo_params *p, const unsigned char *addr, int addrlen,
                     int flags)
{
    memset(p, 0, sizeof(*p));
    memset(host, 'x', sizeof(host));
    memset(serv, 'x', sizeof(serv));
    host[sizeof(host) - 1] = serv[sizeof(serv) - 1] = 0;
    p->addr = addr;
    p->addrlen = addrlen;
    p->host = host;
    p->host_size = sizeof(host);
    p->serv = serv;
    p->serv_size = sizeof(serv);
    p->flags = flags;
}

START_TEST(test_gni_ipv4_numeric)
{
    struct ws2kit_getnameinfo_params p;
    unsigned char sa[16];

    make_win_sin(sa, 8080, ip4_loop);
    init_gni(&p, sa, sizeof(sa), W_NI_NUMERICHOST | W_NI_NUMERICSERV);
    ck_assert_int_eq(ws2kit_getnameinfo(&p), 0);
    ck_assert_str_eq(host, "127.0.0.1");
    ck_assert_str_eq(serv, "8080");

    make_win_sin(sa, 1, ip4_other);
    init_gni(&p, sa, sizeof(sa), W_NI_NUMERICHOST | W_NI_NUMERICSERV | W_NI_DGRAM);
    ck_assert_int_eq(ws2kit_getnameinfo(&p), 0);
    ck_assert_str_eq(host, "10.1.2.3");
    ck_assert_str_eq(serv, "1");
}
END_TEST

START_TEST(test_gni_ipv6_numeric)
{
    struct ws2kit_getnameinfo_params p;
    unsigned char sa[28];

    make_win_sin6(sa, 8080, ip6_loop);
    init_gni(&p, sa, sizeof(sa), W_NI_NUMERICHOST | W_NI_NUMERICSERV);
    ck_assert_int_eq(ws2kit_getnameinfo(&p), 0);
    ck_assert_str_eq(host, "::1");
    ck_assert_str_eq(serv, "8080");

    make_win_sin6(sa, 65535, ip6_doc);
    init_gni(&p, sa, sizeof(sa), W_NI_NUMERICHOST | W_NI_NUMERICSERV);
    ck_assert_int_eq(ws2kit_getnameinfo(&p), 0);
    ck_assert_str_eq(host, "2001:db8::42");
    ck_assert_str_eq(serv, "65535");
}
END_TEST

START_TEST(test_gni_larger_addrlen_ok)
{
    /* A SOCKADDR_STORAGE-sized buffer is fine. */
    struct ws2kit_getnameinfo_params p;
    unsigned char sa[128];

    memset(sa, 0, sizeof(sa));
    make_win_sin(sa, 80, ip4_loop);
    init_gni(&p, sa, sizeof(sa), W_NI_NUMERICHOST | W_NI_NUMERICSERV);
    ck_assert_int_eq(ws2kit_getnameinfo(&p), 0);
    ck_assert_str_eq(host, "127.0.0.1");
    ck_assert_str_eq(serv, "80");
}
END_TEST

START_TEST(test_gni_short_addrlen)
{
    struct ws2kit_getnameinfo_params p;
    unsigned char sa4[16], sa6[28];
    static const int lens4[] = { 15, 8, 2, 1, 0, -1 };
    static const int lens6[] = { 27, 16, 2 };
    size_t i;

    make_win_sin(sa4, 80, ip4_loop);
    for (i = 0; i < ARRAY_SIZE(lens4); i++)
    {
        init_gni(&p, sa4, lens4[i], W_NI_NUMERICHOST | W_NI_NUMERICSERV);
        ck_assert_msg(ws2kit_getnameinfo(&p) == WSAEFAULT, "IPv4 addrlen %d accepted", lens4[i]);
    }
    make_win_sin6(sa6, 80, ip6_loop);
    for (i = 0; i < ARRAY_SIZE(lens6); i++)
    {
        init_gni(&p, sa6, lens6[i], W_NI_NUMERICHOST | W_NI_NUMERICSERV);
        ck_assert_msg(ws2kit_getnameinfo(&p) == WSAEFAULT, "IPv6 addrlen %d accepted", lens6[i]);
    }
}
END_TEST

START_TEST(test_gni_bad_family)
{
    struct ws2kit_getnameinfo_params p;
    unsigned char sa[28];

    make_win_sin6(sa, 80, ip6_loop);
    sa[0] = 10; /* Linux AF_INET6 is not a Windows family */
    init_gni(&p, sa, sizeof(sa), W_NI_NUMERICHOST | W_NI_NUMERICSERV);
    ck_assert_int_eq(ws2kit_getnameinfo(&p), WSAEAFNOSUPPORT);

    make_win_sin(sa, 80, ip4_loop);
    sa[1] = 1;  /* family 0x0102: the high byte counts */
    init_gni(&p, sa, 16, W_NI_NUMERICHOST | W_NI_NUMERICSERV);
    ck_assert_int_eq(ws2kit_getnameinfo(&p), WSAEAFNOSUPPORT);
}
END_TEST

START_TEST(test_gni_unknown_flag)
{
    struct ws2kit_getnameinfo_params p;
    unsigned char sa[16];

    make_win_sin(sa, 80, ip4_loop);
    init_gni(&p, sa, sizeof(sa), W_NI_NUMERICHOST | W_NI_NUMERICSERV | 0x20);
    ck_assert_int_eq(ws2kit_getnameinfo(&p), WSAEINVAL);
}
END_TEST

START_TEST(test_gni_host_buffer_too_small)
{
    struct ws2kit_getnameinfo_params p;
    unsigned char sa[16];

    make_win_sin(sa, 80, ip4_loop);
    init_gni(&p, sa, sizeof(sa), W_NI_NUMERICHOST | W_NI_NUMERICSERV);
    p.host_size = 4; /* "127.0.0.1" needs 10: EAI_OVERFLOW */
    ck_assert_int_eq(ws2kit_getnameinfo(&p), WSAEFAULT);
}
END_TEST

/* ---- gethostname -------------------------------------------------------------- */

START_TEST(test_gethostname_matches_host)
{
    char expected[256], name[256];
    struct ws2kit_gethostname_params p;

    memset(expected, 0, sizeof(expected));
    ck_assert_int_eq(gethostname(expected, sizeof(expected) - 1), 0);
    memset(name, 'x', sizeof(name));
    p.name = name;
    p.size = sizeof(name);
    p.needed = 0;
    ck_assert_int_eq(ws2kit_gethostname(&p), 0);
    ck_assert_str_eq(name, expected);
    ck_assert_uint_eq(p.needed, strlen(expected) + 1);
}
END_TEST

START_TEST(test_gethostname_exact_size)
{
    char expected[256], name[256];
    struct ws2kit_gethostname_params p;

    memset(expected, 0, sizeof(expected));
    ck_assert_int_eq(gethostname(expected, sizeof(expected) - 1), 0);
    memset(name, 'x', sizeof(name));
    p.name = name;
    p.size = strlen(expected) + 1;
    ck_assert_int_eq(ws2kit_gethostname(&p), 0);
    ck_assert_str_eq(name, expected);
    ck_assert_int_eq(name[p.size], 'x'); /* nothing beyond the buffer */
}
END_TEST

START_TEST(test_gethostname_too_small)
{
    char expected[256], name[256];
    struct ws2kit_gethostname_params p;

    memset(expected, 0, sizeof(expected));
    ck_assert_int_eq(gethostname(expected, sizeof(expected) - 1), 0);

    memset(name, 'x', sizeof(name));
    p.name = name;
    p.size = 1;
    p.needed = 0;
    ck_assert_int_eq(ws2kit_gethostname(&p), WSAEFAULT);
    ck_assert_uint_eq(p.needed, strlen(expected) + 1);
    ck_assert_int_eq(name[0], 'x');

    p.size = strlen(expected); /* one short of the terminator */
    p.needed = 0;
    ck_assert_int_eq(ws2kit_gethostname(&p), WSAEFAULT);
    ck_assert_uint_eq(p.needed, strlen(expected) + 1);
    ck_assert_int_eq(name[0], 'x');
}
END_TEST

/* ---- regressions: count is independent of max_entries; EAI_SYSTEM fails ------- */

START_TEST(test_gai_count_depends_on_max_entries)
{
    /* unixlib.h: count = "entries found (may exceed max)".  resolve.c only
     * de-duplicates against the entries it wrote, so the same addresses are
     * counted once per glibc result when they do not fit. */
    struct ws2kit_getaddrinfo_params p;
    uint32_t full;

    init_gai(&p, NULL, "80", W_AF_UNSPEC, 0, 0, 0);
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), 0);
    full = p.count;
    ck_assert_uint_eq(full, 2);

    init_gai(&p, NULL, "80", W_AF_UNSPEC, 0, 0, 0);
    p.max_entries = 1;
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), 0);
    ck_assert_uint_eq(p.count, full);

    init_gai(&p, "127.0.0.1", "80", W_AF_INET, 0, 0, W_AI_NUMERICHOST);
    p.max_entries = 0;
    ck_assert_int_eq(ws2kit_getaddrinfo(&p), 0);
    ck_assert_uint_eq(p.count, 1);
}
END_TEST

START_TEST(test_eai_system_without_errno)
{
    /* EAI_SYSTEM is a failure; with errno 0 it must not map to 0 (success). */
    errno = 0;
    ck_assert_int_ne(ws2kit_eai_to_wsa(EAI_SYSTEM), 0);
}
END_TEST

/* ---- suite -------------------------------------------------------------------- */

static Suite *tables_suite(void)
{
    Suite *s = suite_create("unix_tables");
    TCase *tc;

    tc = tcase_create("errno");
    tcase_add_loop_test(tc, test_errno_row, 0, ARRAY_SIZE(errno_rows));
    tcase_add_test(tc, test_errno_zero);
    tcase_add_test(tc, test_errno_unknown_is_einval);
    suite_add_tcase(s, tc);

    tc = tcase_create("eai");
    tcase_add_loop_test(tc, test_eai_row, 0, ARRAY_SIZE(eai_rows));
    tcase_add_test(tc, test_eai_zero);
    tcase_add_test(tc, test_eai_system_uses_errno);
    tcase_add_test(tc, test_eai_unknown_is_no_recovery);
    suite_add_tcase(s, tc);

    tc = tcase_create("getaddrinfo");
    tcase_add_loop_test(tc, test_gai_ipv4_families, 0, 2);
    tcase_add_loop_test(tc, test_gai_ipv6_families, 0, 2);
    tcase_add_test(tc, test_gai_socktype_protocol_echoed);
    tcase_add_test(tc, test_gai_no_service_port_zero);
    tcase_add_test(tc, test_gai_any_socktype_one_entry_per_address);
    tcase_add_test(tc, test_gai_two_addresses);
    tcase_add_test(tc, test_gai_max_entries_zero_counts_only);
    tcase_add_test(tc, test_gai_max_entries_one_of_two);
    tcase_add_test(tc, test_gai_unknown_flag_is_einval);
    tcase_add_test(tc, test_gai_ignored_flag_accepted);
    tcase_add_test(tc, test_gai_bad_family);
    tcase_add_test(tc, test_gai_not_numeric);
    tcase_add_test(tc, test_gai_family_mismatch);
    tcase_add_test(tc, test_gai_v4mapped);
    tcase_add_test(tc, test_gai_numericserv);
    tcase_add_test(tc, test_gai_passive_null_node);
    tcase_add_test(tc, test_gai_canonname);
    suite_add_tcase(s, tc);

    tc = tcase_create("getnameinfo");
    tcase_add_test(tc, test_gni_ipv4_numeric);
    tcase_add_test(tc, test_gni_ipv6_numeric);
    tcase_add_test(tc, test_gni_larger_addrlen_ok);
    tcase_add_test(tc, test_gni_short_addrlen);
    tcase_add_test(tc, test_gni_bad_family);
    tcase_add_test(tc, test_gni_unknown_flag);
    tcase_add_test(tc, test_gni_host_buffer_too_small);
    suite_add_tcase(s, tc);

    tc = tcase_create("gethostname");
    tcase_add_test(tc, test_gethostname_matches_host);
    tcase_add_test(tc, test_gethostname_exact_size);
    tcase_add_test(tc, test_gethostname_too_small);
    suite_add_tcase(s, tc);

    tc = tcase_create("regressions");
    tcase_add_test(tc, test_gai_count_depends_on_max_entries);
    tcase_add_test(tc, test_eai_system_without_errno);
    suite_add_tcase(s, tc);

    return s;
}

int main(void)
{
    return run_suite(tables_suite());
}
