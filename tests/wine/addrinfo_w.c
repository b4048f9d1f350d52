/* The synchronous resolver: getaddrinfo, GetAddrInfoW, FreeAddrInfoW,
 * getnameinfo, GetNameInfoW and the synchronous GetAddrInfoExW: loopback and
 * numeric names, service names from the prefix's services file, canonical
 * names, IDN encoding, and errors for bad input. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include "sockaddr.h"

#ifndef AI_DISABLE_IDN_ENCODING
#define AI_DISABLE_IDN_ENCODING 0x00080000
#endif

static const void *unmapped = (const void *)16;

static BOOL unresolved(int err)
{
    /* No DNS here: a name outside /etc/hosts fails one of these ways. */
    return err == WSAHOST_NOT_FOUND || err == WSATRY_AGAIN || err == WSANO_DATA;
}

static BOOL has_loopback4(const ADDRINFOW *ai)
{
    for (; ai; ai = ai->ai_next)
        if (ai->ai_family == AF_INET &&
            ((struct sockaddr_in *)ai->ai_addr)->sin_addr.s_addr == htonl(INADDR_LOOPBACK))
            return TRUE;
    return FALSE;
}

static void test_before_startup(void)
{
    ADDRINFOW *result = (ADDRINFOW *)0xdeadbeef;
    ADDRINFOEXW *resultex = NULL;
    struct sockaddr_in sin = { AF_INET };
    WCHAR host[64];
    int ret;

    SetLastError(0xdeadbeef);
    ret = GetAddrInfoW(L"127.0.0.1", NULL, NULL, &result);
    ok(ret == WSANOTINITIALISED && WSAGetLastError() == WSANOTINITIALISED, "GetAddrInfoW: %d %d\n", ret,
       WSAGetLastError());
    SetLastError(0xdeadbeef);
    ret = GetNameInfoW((struct sockaddr *)&sin, sizeof(sin), host, 64, NULL, 0, NI_NUMERICHOST);
    ok(ret == WSANOTINITIALISED && WSAGetLastError() == WSANOTINITIALISED, "GetNameInfoW: %d %d\n", ret,
       WSAGetLastError());
    SetLastError(0xdeadbeef);
    ret = GetAddrInfoExW(L"127.0.0.1", NULL, NS_DNS, NULL, NULL, &resultex, NULL, NULL, NULL, NULL);
    ok(ret == WSANOTINITIALISED && WSAGetLastError() == WSANOTINITIALISED, "GetAddrInfoExW: %d %d\n", ret,
       WSAGetLastError());
}

static void test_localhost(void)
{
    ADDRINFOW hints = { 0 }, *result = (ADDRINFOW *)0xdeadbeef, *ai;
    struct addrinfo *named = NULL;
    char host[256];
    int ret, n = 0;

    SetLastError(0xdeadbeef);
    ret = GetAddrInfoW(NULL, NULL, NULL, &result);
    ok(ret == WSAHOST_NOT_FOUND && WSAGetLastError() == WSAHOST_NOT_FOUND, "no name: %d %d\n", ret,
       WSAGetLastError());
    ok(result == NULL, "no name: result %p\n", result);

    /* "" names the computer itself: the same answer as its name from gethostname. */
    ok(!gethostname(host, sizeof(host)) && !getaddrinfo(host, NULL, NULL, &named), "own name: %d\n",
       WSAGetLastError());
    SetLastError(0xdeadbeef);
    ret = GetAddrInfoW(L"", NULL, NULL, &result);
    ok(!ret && WSAGetLastError() == 0, "empty name: %d %d\n", ret, WSAGetLastError());
    if (!ret)
    {
        ok(result->ai_addrlen == named->ai_addrlen && !memcmp(result->ai_addr, named->ai_addr, named->ai_addrlen),
           "\"\" is not %s\n", host);
        FreeAddrInfoW(result);
    }
    freeaddrinfo(named);

    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    SetLastError(0xdeadbeef);
    ret = GetAddrInfoW(L"localhost", L"80", &hints, &result);
    ok(!ret && WSAGetLastError() == 0, "localhost: %d %d\n", ret, WSAGetLastError());
    if (ret) return;
    ok(has_loopback4(result), "localhost is not 127.0.0.1\n");
    for (ai = result; ai; ai = ai->ai_next, n++)
    {
        ok(ai->ai_family == AF_INET && ai->ai_addrlen == sizeof(struct sockaddr_in), "family %d len %u\n",
           ai->ai_family, (unsigned)ai->ai_addrlen);
        ok(ai->ai_socktype == SOCK_STREAM && ai->ai_protocol == IPPROTO_TCP, "type %d protocol %d\n",
           ai->ai_socktype, ai->ai_protocol);
        ok_int(((struct sockaddr_in *)ai->ai_addr)->sin_port, htons(80), "port %u\n",
           ntohs(((struct sockaddr_in *)ai->ai_addr)->sin_port));
        ok(!ai->ai_canonname, "a canonical name without AI_CANONNAME\n");
    }
    ok(n >= 1, "%d entries\n", n);
    FreeAddrInfoW(result);
    FreeAddrInfoW(NULL);
}

static void test_numeric(void)
{
    ADDRINFOW hints = { 0 }, *result = NULL;
    struct sockaddr_in6 *sin6;
    int ret;

    hints.ai_flags = AI_NUMERICHOST;
    hints.ai_socktype = SOCK_DGRAM;
    ret = GetAddrInfoW(L"127.0.0.1", L"5353", &hints, &result);
    ok(!ret, "127.0.0.1: %d\n", ret);
    if (!ret)
    {
        ok(result->ai_family == AF_INET && has_loopback4(result) && !result->ai_next, "127.0.0.1 result\n");
        ok(result->ai_socktype == SOCK_DGRAM && result->ai_protocol == 0, "type %d protocol %d\n",
           result->ai_socktype, result->ai_protocol);
        ok_int(((struct sockaddr_in *)result->ai_addr)->sin_port, htons(5353), "port\n");
        FreeAddrInfoW(result);
    }

    ret = GetAddrInfoW(L"::1", NULL, &hints, &result);
    ok(!ret, "::1: %d\n", ret);
    if (!ret)
    {
        sin6 = (struct sockaddr_in6 *)result->ai_addr;
        ok(result->ai_family == AF_INET6 && result->ai_addrlen == sizeof(*sin6) && sin6->sin6_family == AF_INET6,
           "::1 family %d len %u\n", result->ai_family, (unsigned)result->ai_addrlen);
        ok(IN6_IS_ADDR_LOOPBACK(&sin6->sin6_addr) && !sin6->sin6_port, "::1 address or port\n");
        FreeAddrInfoW(result);
    }

    result = (ADDRINFOW *)0xdeadbeef;
    SetLastError(0xdeadbeef);
    ret = GetAddrInfoW(L"localhost", NULL, &hints, &result);
    ok(ret == WSAHOST_NOT_FOUND && WSAGetLastError() == WSAHOST_NOT_FOUND, "AI_NUMERICHOST localhost: %d %d\n",
       ret, WSAGetLastError());
    ok(!result, "result %p\n", result);
}

/* Windows (Wine's conformance test, GetAddrInfoW's hint table) takes any
 * protocol with a stream or datagram type and echoes both; only an unknown
 * type fails, with WSAESOCKTNOSUPPORT. */
static void test_mismatched_protocol(void)
{
    static const struct { int family, socktype, protocol, error; } cases[] =
    {
        { AF_UNSPEC, SOCK_STREAM, IPPROTO_UDP,  0 },
        { AF_UNSPEC, SOCK_DGRAM,  IPPROTO_TCP,  0 },
        { AF_INET,   SOCK_STREAM, IPPROTO_IPV6, 0 },
        { AF_INET,   SOCK_DGRAM,  IPPROTO_IPV6, 0 },
        { AF_UNSPEC, SOCK_STREAM, 999,          0 },
        { AF_INET,   SOCK_DGRAM,  999,          0 },
        { AF_INET,   999,         IPPROTO_TCP,  WSAESOCKTNOSUPPORT },
    };
    ADDRINFOW hints = { 0 }, *result, *ai;
    unsigned int i;
    int ret;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
    {
        hints.ai_family = cases[i].family;
        hints.ai_socktype = cases[i].socktype;
        hints.ai_protocol = cases[i].protocol;
        result = NULL;
        WSASetLastError(0xdeadbeef);
        ret = GetAddrInfoW(L"localhost", NULL, &hints, &result);
        ok_int(ret, cases[i].error, "case %u: got %d\n", i, ret);
        if (ret)
        {
            ok_int(WSAGetLastError(), cases[i].error, "case %u: last error %d\n", i, WSAGetLastError());
            continue;
        }
        ok(result != NULL, "case %u: no result\n", i);
        for (ai = result; ai; ai = ai->ai_next)
            ok(ai->ai_socktype == cases[i].socktype && ai->ai_protocol == cases[i].protocol,
               "case %u: type %d protocol %d\n", i, ai->ai_socktype, ai->ai_protocol);
        FreeAddrInfoW(result);
    }
}

static USHORT first_port(const WCHAR *service, int socktype, int *err)
{
    ADDRINFOW hints = { 0 }, *result;
    USHORT port = 0;

    hints.ai_family = AF_INET;
    hints.ai_flags = AI_NUMERICHOST;
    hints.ai_socktype = socktype;
    *err = GetAddrInfoW(L"127.0.0.1", service, &hints, &result);
    if (*err) return 0;
    port = ntohs(((struct sockaddr_in *)result->ai_addr)->sin_port);
    FreeAddrInfoW(result);
    return port;
}

/* Windows takes service names from its services file: "doom" (666/tcp) is
 * in the prefix's file and not in Debian's /etc/services. */
static void test_services(void)
{
    struct addrinfo hints = { 0 }, *result;
    int err;
    USHORT port;

    port = first_port(L"http", SOCK_STREAM, &err);
    ok(!err && port == 80, "http: %d %u\n", err, port);
    port = first_port(L"doom", SOCK_STREAM, &err);
    ok(!err && port == 666, "doom: %d %u\n", err, port);
    port = first_port(L"domain", SOCK_DGRAM, &err);
    ok(!err && port == 53, "domain/udp: %d %u\n", err, port);
    port = first_port(L"", 0, &err);
    ok(!err && port == 0, "empty service: %d %u\n", err, port);
    port = first_port(L"ws2kit-no-such-service", SOCK_STREAM, &err);
    ok_int(err, WSATYPE_NOT_FOUND, "unknown service: %d\n", err);

    /* The ANSI call reads the same file. */
    hints.ai_flags = AI_NUMERICHOST;
    err = getaddrinfo("127.0.0.1", "doom", &hints, &result);
    ok(!err && ((struct sockaddr_in *)result->ai_addr)->sin_port == htons(666), "getaddrinfo doom: %d\n", err);
    if (!err) freeaddrinfo(result);
}

static void test_canonname(void)
{
    ADDRINFOW hints = { 0 }, *result;
    struct addrinfo ahints = { 0 }, *aresult;
    WCHAR expect[256];
    int ret;

    hints.ai_flags = ahints.ai_flags = AI_CANONNAME;
    hints.ai_family = ahints.ai_family = AF_INET;
    ret = getaddrinfo("localhost", NULL, &ahints, &aresult);
    ok(!ret && aresult->ai_canonname, "getaddrinfo: %d\n", ret);
    if (ret) return;
    MultiByteToWideChar(CP_UTF8, 0, aresult->ai_canonname, -1, expect, 256);
    freeaddrinfo(aresult);

    ret = GetAddrInfoW(L"localhost", NULL, &hints, &result);
    ok(!ret, "GetAddrInfoW: %d\n", ret);
    if (ret) return;
    ok(result->ai_canonname && !wcscmp(result->ai_canonname, expect), "canonical name %ls, want %ls\n",
       result->ai_canonname ? result->ai_canonname : L"(null)", expect);
    ok(!result->ai_next || !result->ai_next->ai_canonname, "a second canonical name\n");
    FreeAddrInfoW(result);
}

/* IdnToAscii maps the fullwidth letters of "ｌｏｃａｌｈｏｓｔ" to "localhost". */
static void test_idn(void)
{
    static const WCHAR fullwidth[] = { 0xff4c, 0xff4f, 0xff43, 0xff41, 0xff4c, 0xff48, 0xff4f, 0xff53, 0xff54, 0 };
    ADDRINFOW hints = { 0 }, *result = NULL;
    int ret;

    hints.ai_family = AF_INET;
    ret = GetAddrInfoW(fullwidth, NULL, &hints, &result);
    ok(!ret && has_loopback4(result), "fullwidth localhost: %d\n", ret);
    if (!ret) FreeAddrInfoW(result);

    hints.ai_flags = AI_DISABLE_IDN_ENCODING;
    result = (ADDRINFOW *)0xdeadbeef;
    ret = GetAddrInfoW(fullwidth, NULL, &hints, &result);
    ok(unresolved(ret) && WSAGetLastError() == ret && !result, "without IDN encoding: %d %p\n", ret, result);
}

static void test_bad_input(void)
{
    ADDRINFOW hints = { 0 }, *result = NULL;
    int ret;

    ret = GetAddrInfoW(unmapped, NULL, NULL, &result);
    ok(ret == WSAEFAULT && WSAGetLastError() == WSAEFAULT, "unmapped name: %d\n", ret);
    ret = GetAddrInfoW(L"127.0.0.1", unmapped, NULL, &result);
    ok_int(ret, WSAEFAULT, "unmapped service: %d\n", ret);
    ret = GetAddrInfoW(L"127.0.0.1", NULL, unmapped, &result);
    ok_int(ret, WSAEFAULT, "unmapped hints: %d\n", ret);
    ret = GetAddrInfoW(L"127.0.0.1", NULL, NULL, (ADDRINFOW **)unmapped);
    ok_int(ret, WSAEFAULT, "unmapped result: %d\n", ret);
    hints.ai_family = 99;
    ret = GetAddrInfoW(L"127.0.0.1", NULL, &hints, &result);
    ok(ret == WSAEAFNOSUPPORT && WSAGetLastError() == WSAEAFNOSUPPORT, "family 99: %d\n", ret);
}

static void test_getnameinfow(void)
{
    struct sockaddr_in sin = { AF_INET };
    struct sockaddr_in6 sin6 = { AF_INET6 };
    WCHAR host[NI_MAXHOST], serv[NI_MAXSERV], want[NI_MAXHOST];
    char ahost[NI_MAXHOST];
    int ret;

    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sin.sin_port = htons(80);
    SetLastError(0xdeadbeef);
    ret = GetNameInfoW((struct sockaddr *)&sin, sizeof(sin), host, NI_MAXHOST, serv, NI_MAXSERV,
                       NI_NUMERICHOST | NI_NUMERICSERV);
    ok(!ret && WSAGetLastError() == 0, "numeric: %d %d\n", ret, WSAGetLastError());
    ok(!wcscmp(host, L"127.0.0.1") && !wcscmp(serv, L"80"), "numeric: %ls %ls\n", host, serv);

    ret = GetNameInfoW((struct sockaddr *)&sin, sizeof(sin), NULL, 0, serv, NI_MAXSERV, 0);
    ok(!ret && !wcscmp(serv, L"http"), "port 80: %d %ls\n", ret, serv);
    sin.sin_port = htons(666); /* only in the prefix's services file */
    ret = GetNameInfoW((struct sockaddr *)&sin, sizeof(sin), NULL, 0, serv, NI_MAXSERV, 0);
    ok(!ret && !wcscmp(serv, L"doom"), "port 666: %d %ls\n", ret, serv);
    sin.sin_port = htons(53);
    ret = GetNameInfoW((struct sockaddr *)&sin, sizeof(sin), NULL, 0, serv, NI_MAXSERV, NI_DGRAM);
    ok(!ret && !wcscmp(serv, L"domain"), "port 53/udp: %d %ls\n", ret, serv);
    sin.sin_port = htons(80);

    /* The host name the ANSI call finds, in UTF-16. */
    ret = getnameinfo((struct sockaddr *)&sin, sizeof(sin), ahost, sizeof(ahost), NULL, 0, 0);
    ok(!ret, "getnameinfo: %d\n", ret);
    MultiByteToWideChar(CP_UTF8, 0, ahost, -1, want, NI_MAXHOST);
    ret = GetNameInfoW((struct sockaddr *)&sin, sizeof(sin), host, NI_MAXHOST, NULL, 0, 0);
    ok(!ret && !wcscmp(host, want), "host: %d %ls, want %ls\n", ret, host, want);

    /* The buffers count WCHARs and must hold the NUL. */
    ret = GetNameInfoW((struct sockaddr *)&sin, sizeof(sin), host, 10, NULL, 0, NI_NUMERICHOST);
    ok(!ret && !wcscmp(host, L"127.0.0.1"), "10 WCHARs: %d\n", ret);
    SetLastError(0xdeadbeef);
    ret = GetNameInfoW((struct sockaddr *)&sin, sizeof(sin), host, 9, NULL, 0, NI_NUMERICHOST);
    ok(ret == WSAEFAULT && WSAGetLastError() == WSAEFAULT, "9 WCHARs: %d %d\n", ret, WSAGetLastError());
    ret = GetNameInfoW((struct sockaddr *)&sin, sizeof(sin), NULL, 0, serv, 2, NI_NUMERICSERV);
    ok_int(ret, WSAEFAULT, "2 WCHARs of service: %d\n", ret);

    sin6.sin6_addr.s6_addr[15] = 1;
    ret = GetNameInfoW((struct sockaddr *)&sin6, sizeof(sin6), host, NI_MAXHOST, NULL, 0, NI_NUMERICHOST);
    ok(!ret && !wcscmp(host, L"::1"), "::1: %d %ls\n", ret, host);

    ret = GetNameInfoW(NULL, sizeof(sin), host, NI_MAXHOST, NULL, 0, NI_NUMERICHOST);
    ok(ret == WSAEFAULT && WSAGetLastError() == WSAEFAULT, "NULL address: %d\n", ret);
    ret = GetNameInfoW(unmapped, sizeof(sin), host, NI_MAXHOST, NULL, 0, NI_NUMERICHOST);
    ok_int(ret, WSAEFAULT, "unmapped address: %d\n", ret);
    ret = GetNameInfoW((struct sockaddr *)&sin, 4, host, NI_MAXHOST, NULL, 0, NI_NUMERICHOST);
    ok_int(ret, WSAEFAULT, "short address: %d\n", ret);
    ret = GetNameInfoW((struct sockaddr *)&sin, sizeof(sin), (WCHAR *)unmapped, NI_MAXHOST, NULL, 0,
                       NI_NUMERICHOST);
    ok_int(ret, WSAEFAULT, "unmapped host buffer: %d\n", ret);
    sin.sin_family = 99;
    ret = GetNameInfoW((struct sockaddr *)&sin, sizeof(sin), host, NI_MAXHOST, NULL, 0, NI_NUMERICHOST);
    ok_int(ret, WSAEAFNOSUPPORT, "family 99: %d\n", ret);
}

static void test_getaddrinfoexw_sync(void)
{
    ADDRINFOEXW hints = { 0 }, *result = (ADDRINFOEXW *)0xdeadbeef;
    GUID provider = { 0 };
    TIMEVAL timeout = { 1, 0 };
    int ret;

    SetLastError(0xdeadbeef);
    ret = GetAddrInfoExW(NULL, NULL, NS_DNS, NULL, NULL, &result, NULL, NULL, NULL, NULL);
    ok(ret == WSAHOST_NOT_FOUND && WSAGetLastError() == WSAHOST_NOT_FOUND && !result, "no name: %d %p\n", ret,
       result);

    hints.ai_family = AF_INET;
    hints.ai_flags = AI_CANONNAME;
    ret = GetAddrInfoExW(L"localhost", L"http", NS_ALL, NULL, &hints, &result, NULL, NULL, NULL, NULL);
    ok(!ret && WSAGetLastError() == 0, "localhost: %d\n", ret);
    if (!ret)
    {
        ok_int(((struct sockaddr_in *)result->ai_addr)->sin_addr.s_addr, htonl(INADDR_LOOPBACK), "address\n");
        ok(result->ai_family == AF_INET && result->ai_addrlen == sizeof(struct sockaddr_in), "family %d\n",
           result->ai_family);
        ok_int(((struct sockaddr_in *)result->ai_addr)->sin_port, htons(80), "port\n");
        ok(result->ai_canonname && *result->ai_canonname, "no canonical name\n");
        ok(!result->ai_blob && !result->ai_bloblen && !result->ai_provider, "blob or provider\n");
        FreeAddrInfoExW(result);
    }
    hints.ai_flags = AI_NUMERICHOST;
    ret = GetAddrInfoExW(L"127.0.0.1", L"doom", NS_DNS, NULL, &hints, &result, NULL, NULL, NULL, NULL);
    ok(!ret && ((struct sockaddr_in *)result->ai_addr)->sin_addr.s_addr == htonl(INADDR_LOOPBACK) &&
       ((struct sockaddr_in *)result->ai_addr)->sin_port == htons(666) && !result->ai_next, "numeric: %d\n", ret);
    if (!ret) FreeAddrInfoExW(result);

    ret = GetAddrInfoExW(L"localhost", NULL, NS_DNS, NULL, &hints, &result, NULL, NULL, NULL, NULL);
    ok(ret == WSAHOST_NOT_FOUND && !result, "AI_NUMERICHOST localhost: %d\n", ret);
    ret = GetAddrInfoExW(L"127.0.0.1", NULL, NS_NLA, NULL, NULL, &result, NULL, NULL, NULL, NULL);
    ok(ret == WSAEINVAL && WSAGetLastError() == WSAEINVAL, "NS_NLA: %d\n", ret);
    ret = GetAddrInfoExW(L"127.0.0.1", NULL, NS_DNS, &provider, NULL, &result, NULL, NULL, NULL, NULL);
    ok_int(ret, WSAEINVAL, "a provider: %d\n", ret);
    ret = GetAddrInfoExW(L"127.0.0.1", NULL, NS_DNS, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    ok_int(ret, WSAEINVAL, "no result pointer: %d\n", ret);
    ret = GetAddrInfoExW(L"127.0.0.1", NULL, NS_DNS, NULL, NULL, &result, &timeout, NULL, NULL, NULL);
    ok_int(ret, WSAEINVAL, "a timeout without OVERLAPPED: %d\n", ret);
    ret = GetAddrInfoExW(unmapped, NULL, NS_DNS, NULL, NULL, &result, NULL, NULL, NULL, NULL);
    ok_int(ret, WSAEFAULT, "unmapped name: %d\n", ret);
    ret = GetAddrInfoExW(L"127.0.0.1", NULL, NS_DNS, NULL, unmapped, &result, NULL, NULL, NULL, NULL);
    ok_int(ret, WSAEFAULT, "unmapped hints: %d\n", ret);
    FreeAddrInfoExW(NULL);
    FreeAddrInfoEx(NULL);
}

static void check_ai_loopback(const struct addrinfo *ai, int family, int socktype, int protocol,
                              unsigned int port, const char *what)
{
    ok_int(ai->ai_family, family, "%s: family %d\n", what, ai->ai_family);
    ok_int(ai->ai_socktype, socktype, "%s: socktype %d\n", what, ai->ai_socktype);
    ok_int(ai->ai_protocol, protocol, "%s: protocol %d, expected %d\n", what, ai->ai_protocol, protocol);
    ok_int((int)ai->ai_addrlen, sa_len(family), "%s: addrlen %d\n", what, (int)ai->ai_addrlen);
    ok(ai->ai_addr != NULL, "%s: no address\n", what);
    if (!ai->ai_addr) return;
    ok_int(ai->ai_addr->sa_family, family, "%s: sockaddr family %d\n", what, ai->ai_addr->sa_family);
    ok(sa_is_loopback(ai->ai_addr), "%s: address %s is not loopback\n", what, sa_str(ai->ai_addr));
    ok_int(sa_port(ai->ai_addr), port, "%s: port %u, expected %u\n", what, sa_port(ai->ai_addr), port);
}

/* getaddrinfo(NULL, port) for a stream socket: with AI_PASSIVE the family's
 * wildcard address, without it a loopback address, on that port. */
static void check_null_node(int family, int flags, unsigned int port, const char *call, const char *result)
{
    struct addrinfo hints, *res = NULL;
    char service[8];
    int ret;

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = family;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = flags;
    sprintf(service, "%u", port);
    ret = getaddrinfo(NULL, service, &hints, &res);
    ok_int(ret, 0, "%s returned %d\n", call, ret);
    if (!res) return;
    if (flags & AI_PASSIVE)
        ok(res->ai_family == family && res->ai_addr && sa_is_any(res->ai_addr) && sa_port(res->ai_addr) == port,
           "%s %s\n", result, res->ai_addr ? sa_str(res->ai_addr) : "(none)");
    else
        ok(res->ai_addr && sa_is_loopback(res->ai_addr) && sa_port(res->ai_addr) == port,
           "%s %s\n", result, res->ai_addr ? sa_str(res->ai_addr) : "(none)");
    freeaddrinfo(res);
}

static void test_getaddrinfo(void)
{
    struct addrinfo hints, *res, *ai;
    char host[NI_MAXHOST], serv[NI_MAXSERV];
    struct sockaddr_storage ss;
    int ret, count;

    /* numeric IPv4 */
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    hints.ai_flags = AI_NUMERICHOST;
    res = NULL;
    WSASetLastError(0xdeadbeef);
    ret = getaddrinfo("127.0.0.1", "8080", &hints, &res);
    ok_int(ret, 0, "getaddrinfo(127.0.0.1) returned %d\n", ret);
    ok_int(WSAGetLastError(), 0, "successful getaddrinfo left error %d\n", WSAGetLastError());
    ok(res != NULL, "getaddrinfo(127.0.0.1) gave no result\n");
    if (res)
    {
        check_ai_loopback(res, AF_INET, SOCK_STREAM, IPPROTO_TCP, 8080, "127.0.0.1");
        ok(res->ai_next == NULL, "numeric IPv4 lookup gave more than one result\n");
        ok(res->ai_canonname == NULL, "canonical name filled without AI_CANONNAME\n");
        freeaddrinfo(res);
    }

    /* numeric IPv6, datagram, protocol left to the stack */
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_NUMERICHOST;
    res = NULL;
    ret = getaddrinfo("::1", "53", &hints, &res);
    ok_int(ret, 0, "getaddrinfo(::1) returned %d\n", ret);
    ok(res != NULL, "getaddrinfo(::1) gave no result\n");
    if (res)
    {
        /* Windows echoes the hint's protocol (0) rather than filling it in */
        check_ai_loopback(res, AF_INET6, SOCK_DGRAM, 0, 53, "::1");
        ok(res->ai_next == NULL, "numeric IPv6 lookup gave more than one result\n");
        if (res->ai_addr)
            ok_int(((struct sockaddr_in6 *)res->ai_addr)->sin6_scope_id, 0, "::1 has a scope id\n");
        freeaddrinfo(res);
    }

    /* AI_NUMERICHOST refuses names */
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICHOST;
    res = (struct addrinfo *)0xdeadbeef;
    ret = getaddrinfo("localhost", "80", &hints, &res);
    ok_int(ret, WSAHOST_NOT_FOUND, "AI_NUMERICHOST with a name returned %d\n", ret);
    ok(res == NULL, "result not cleared on failure (%p)\n", (void *)res);

    /* localhost, IPv4 only */
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    res = NULL;
    ret = getaddrinfo("localhost", "80", &hints, &res);
    ok_int(ret, 0, "getaddrinfo(localhost, AF_INET) returned %d\n", ret);
    count = 0;
    for (ai = res; ai; ai = ai->ai_next, count++)
        check_ai_loopback(ai, AF_INET, SOCK_STREAM, IPPROTO_TCP, 80, "localhost/AF_INET");
    ok(count >= 1, "localhost/AF_INET gave %d results\n", count);
    if (res) freeaddrinfo(res);

    /* localhost, any family: only loopback addresses */
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_protocol = IPPROTO_UDP;
    res = NULL;
    ret = getaddrinfo("localhost", "4321", &hints, &res);
    ok_int(ret, 0, "getaddrinfo(localhost, AF_UNSPEC) returned %d\n", ret);
    count = 0;
    for (ai = res; ai; ai = ai->ai_next, count++)
    {
        ok(ai->ai_family == AF_INET || ai->ai_family == AF_INET6, "localhost: family %d\n", ai->ai_family);
        if (ai->ai_family == AF_INET || ai->ai_family == AF_INET6)
            check_ai_loopback(ai, ai->ai_family, SOCK_DGRAM, IPPROTO_UDP, 4321, "localhost/AF_UNSPEC");
    }
    ok(count >= 1, "localhost/AF_UNSPEC gave %d results\n", count);
    if (res) freeaddrinfo(res);

    /* no node: the wildcard address with AI_PASSIVE, loopback without */
    check_null_node(AF_INET, AI_PASSIVE, 5555, "getaddrinfo(NULL, AI_PASSIVE, AF_INET)", "passive IPv4 address is");
    check_null_node(AF_INET6, AI_PASSIVE, 5556, "getaddrinfo(NULL, AI_PASSIVE, AF_INET6)", "passive IPv6 address is");
    check_null_node(AF_INET, 0, 5557, "getaddrinfo(NULL, AF_INET)", "non-passive NULL node gave");

    /* getnameinfo, numeric */
    make_loopback(AF_INET, &ss, 8080);
    memset(host, 'x', sizeof(host));
    memset(serv, 'x', sizeof(serv));
    ret = getnameinfo((struct sockaddr *)&ss, sizeof(struct sockaddr_in), host, sizeof(host),
                      serv, sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV);
    ok_int(ret, 0, "getnameinfo(127.0.0.1) returned %d\n", ret);
    ok(!strcmp(host, "127.0.0.1"), "getnameinfo host \"%.20s\"\n", host);
    ok(!strcmp(serv, "8080"), "getnameinfo service \"%.20s\"\n", serv);

    make_loopback(AF_INET6, &ss, 443);
    memset(host, 'x', sizeof(host));
    memset(serv, 'x', sizeof(serv));
    ret = getnameinfo((struct sockaddr *)&ss, sizeof(struct sockaddr_in6), host, sizeof(host),
                      serv, sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV);
    ok_int(ret, 0, "getnameinfo(::1) returned %d\n", ret);
    ok(!strcmp(host, "::1"), "getnameinfo host \"%.20s\"\n", host);
    ok(!strcmp(serv, "443"), "getnameinfo service \"%.20s\"\n", serv);

    /* host only */
    memset(host, 'x', sizeof(host));
    ret = getnameinfo((struct sockaddr *)&ss, sizeof(struct sockaddr_in6), host, sizeof(host),
                      NULL, 0, NI_NUMERICHOST);
    ok(ret == 0 && !strcmp(host, "::1"), "getnameinfo without service: %d \"%.20s\"\n", ret, host);

    /* round trip through getaddrinfo */
    memset(&hints, 0, sizeof(hints));
    hints.ai_flags = AI_NUMERICHOST;
    res = NULL;
    ret = getaddrinfo("127.0.0.1", "31337", &hints, &res);
    ok(ret == 0 && res, "getaddrinfo for round trip returned %d\n", ret);
    if (res)
    {
        ret = getnameinfo(res->ai_addr, (int)res->ai_addrlen, host, sizeof(host), serv, sizeof(serv),
                          NI_NUMERICHOST | NI_NUMERICSERV);
        ok(ret == 0 && !strcmp(host, "127.0.0.1") && !strcmp(serv, "31337"),
           "round trip gave %d \"%s\" \"%s\"\n", ret, host, serv);
        freeaddrinfo(res);
    }
}

/* getaddrinfo with neither a name nor a service, and with a socket type no
 * provider has. */
static void test_getaddrinfo_errors(void)
{
    struct addrinfo hints, *res;
    int ret;

    res = (struct addrinfo *)0xdeadbeef;
    WSASetLastError(0xdeadbeef);
    ret = getaddrinfo(NULL, NULL, NULL, &res);
    ok_int(ret, WSAHOST_NOT_FOUND, "getaddrinfo(NULL, NULL) returned %d\n", ret);
    ok_int(WSAGetLastError(), WSAHOST_NOT_FOUND, "getaddrinfo(NULL, NULL) set error %d\n", WSAGetLastError());
    ok(res == NULL, "getaddrinfo(NULL, NULL) left result %p\n", (void *)res);

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_INET;
    hints.ai_socktype = 999;
    hints.ai_protocol = IPPROTO_TCP;
    res = NULL;
    ret = getaddrinfo("localhost", NULL, &hints, &res);
    ok_int(ret, WSAESOCKTNOSUPPORT, "getaddrinfo with socktype 999 returned %d\n", ret);
    if (!ret && res) freeaddrinfo(res);
}

START_TEST(addrinfo_w)
{
    WSADATA data;

    harness_start_watchdog(60000);
    RUN(test_before_startup);
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup\n");
    RUN(test_localhost);
    RUN(test_numeric);
    RUN(test_mismatched_protocol);
    RUN(test_services);
    RUN(test_canonname);
    RUN(test_idn);
    RUN(test_getaddrinfo);   /* before test_getnameinfow, where Wine's builtin crashes */
    RUN(test_getaddrinfo_errors);
    RUN(test_getnameinfow);
    RUN(test_getaddrinfoexw_sync);
    RUN(test_bad_input); /* last: Wine's builtin crashes on these pointers */
    WSACleanup();
}
