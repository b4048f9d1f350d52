/* Addresses as text and numbers: WSAAddressToStringA/W and
 * WSAStringToAddressA/W (ports, IPv6 scopes, brackets, the classic IPv4
 * forms, short buffers, bad input), inet_addr, inet_ntoa, inet_pton,
 * inet_ntop and their wide forms, the byte-order calls (htons...), and the
 * host's name (gethostname, GetHostNameW). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "harness.h"

static struct sockaddr_in v4(const char *dotted, USHORT port)
{
    struct sockaddr_in a = { 0 };
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = inet_addr(dotted);
    a.sin_port = htons(port);
    return a;
}

static struct sockaddr_in6 v6(const char *text, USHORT port, ULONG scope)
{
    struct sockaddr_in6 a = { 0 };
    a.sin6_family = AF_INET6;
    inet_pton(AF_INET6, text, &a.sin6_addr);
    a.sin6_port = htons(port);
    a.sin6_scope_id = scope;
    return a;
}

static void check_to_string(const void *addr, DWORD len, const char *expect)
{
    char text[64];
    WCHAR wtext[64], wexpect[64];
    DWORD size = sizeof(text), wsize = 64;
    int ret;

    memset(text, 'x', sizeof(text));
    ret = WSAAddressToStringA((struct sockaddr *)addr, len, NULL, text, &size);
    ok(!ret && !strcmp(text, expect) && size == strlen(expect) + 1, "A: %d \"%s\" size %lu, expected \"%s\"\n",
       ret ? WSAGetLastError() : 0, ret ? "" : text, size, expect);
    MultiByteToWideChar(CP_ACP, 0, expect, -1, wexpect, 64);
    ret = WSAAddressToStringW((struct sockaddr *)addr, len, NULL, wtext, &wsize);
    ok(!ret && !lstrcmpW(wtext, wexpect) && wsize == strlen(expect) + 1, "W: %d size %lu for \"%s\"\n",
       ret ? WSAGetLastError() : 0, wsize, expect);

    /* One character short: WSAEFAULT and the size needed. */
    size = (DWORD)strlen(expect);
    ret = WSAAddressToStringA((struct sockaddr *)addr, len, NULL, text, &size);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT && size == strlen(expect) + 1,
       "a short buffer for \"%s\": %d size %lu\n", expect, WSAGetLastError(), size);
}

static void test_address_to_string(void)
{
    struct sockaddr_in a4;
    struct sockaddr_in6 a6;
    char text[64];
    DWORD size = sizeof(text);

    a4 = v4("0.0.0.0", 0);             check_to_string(&a4, sizeof(a4), "0.0.0.0");
    a4 = v4("255.255.255.255", 65535); check_to_string(&a4, sizeof(a4), "255.255.255.255:65535");
    a4 = v4("10.1.2.3", 80);           check_to_string(&a4, sizeof(a4), "10.1.2.3:80");
    a6 = v6("::1", 0, 0);              check_to_string(&a6, sizeof(a6), "::1");
    a6 = v6("::1", 443, 0);            check_to_string(&a6, sizeof(a6), "[::1]:443");
    a6 = v6("fe80::1", 0, 3);          check_to_string(&a6, sizeof(a6), "fe80::1%3");
    a6 = v6("fe80::1", 8080, 3);       check_to_string(&a6, sizeof(a6), "[fe80::1%3]:8080");
    a6 = v6("2001:db8::2:1", 0, 0);    check_to_string(&a6, sizeof(a6), "2001:db8::2:1");
    a6 = v6("::ffff:1.2.3.4", 0, 0);   check_to_string(&a6, sizeof(a6), "::ffff:1.2.3.4");

    a4 = v4("1.2.3.4", 0);
    ok(WSAAddressToStringA(NULL, sizeof(a4), NULL, text, &size) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
       "a NULL address: %d\n", WSAGetLastError());
    ok(WSAAddressToStringA((struct sockaddr *)&a4, sizeof(a4) - 1, NULL, text, &size) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEFAULT, "a short address length: %d\n", WSAGetLastError());
    ok(WSAAddressToStringA((struct sockaddr *)&a6, sizeof(a4), NULL, text, &size) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEFAULT, "an IPv6 address with an IPv4 length: %d\n", WSAGetLastError());
    a4.sin_family = AF_UNIX;
    ok(WSAAddressToStringA((struct sockaddr *)&a4, sizeof(a4), NULL, text, &size) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEINVAL, "an unknown family: %d\n", WSAGetLastError());
    a4.sin_family = AF_INET;
    ok(WSAAddressToStringA((struct sockaddr *)&a4, sizeof(a4), NULL, text, NULL) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEFAULT, "a NULL length: %d\n", WSAGetLastError());
    size = sizeof(text);
    ok(WSAAddressToStringA((struct sockaddr *)&a4, sizeof(a4), NULL, (char *)16, &size) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEFAULT, "an unmapped buffer: %d\n", WSAGetLastError());
    ok(WSAAddressToStringA((struct sockaddr *)16, sizeof(a4), NULL, text, &size) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEFAULT, "an unmapped address: %d\n", WSAGetLastError());
}

static void check_v4(const char *text, const char *expect_addr, USHORT expect_port)
{
    struct sockaddr_in a;
    WCHAR wtext[64];
    int len = sizeof(a), ret;

    memset(&a, 0xcc, sizeof(a));
    ret = WSAStringToAddressA((char *)text, AF_INET, NULL, (struct sockaddr *)&a, &len);
    ok(!ret && len == sizeof(a) && a.sin_family == AF_INET && a.sin_addr.s_addr == inet_addr(expect_addr) &&
       ntohs(a.sin_port) == expect_port && !memcmp(a.sin_zero, "\0\0\0\0\0\0\0\0", 8),
       "\"%s\": %d len %d port %u\n", text, ret ? WSAGetLastError() : 0, len, ntohs(a.sin_port));
    MultiByteToWideChar(CP_ACP, 0, text, -1, wtext, 64);
    len = sizeof(a);
    ret = WSAStringToAddressW(wtext, AF_INET, NULL, (struct sockaddr *)&a, &len);
    ok(!ret && a.sin_addr.s_addr == inet_addr(expect_addr) && ntohs(a.sin_port) == expect_port,
       "W \"%s\": %d\n", text, ret ? WSAGetLastError() : 0);
}

static void check_v6(const char *text, const char *expect_addr, USHORT expect_port, ULONG expect_scope)
{
    struct sockaddr_in6 a, expect = v6(expect_addr, expect_port, expect_scope);
    int len = sizeof(a), ret;

    memset(&a, 0xcc, sizeof(a));
    ret = WSAStringToAddressA((char *)text, AF_INET6, NULL, (struct sockaddr *)&a, &len);
    ok(!ret && len == sizeof(a) && !memcmp(&a, &expect, sizeof(a)), "\"%s\": %d len %d port %u scope %lu\n", text,
       ret ? WSAGetLastError() : 0, len, ntohs(a.sin6_port), a.sin6_scope_id);
}

static void check_not_address(const char *text, int family)
{
    SOCKADDR_STORAGE a;
    int len = sizeof(a);

    ok(WSAStringToAddressA((char *)text, family, NULL, (struct sockaddr *)&a, &len) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEINVAL, "\"%s\" (family %d) is not an address: %d\n", text, family, WSAGetLastError());
}

static void test_string_to_address(void)
{
    struct sockaddr_in a4;
    int len;

    check_v4("127.0.0.1", "127.0.0.1", 0);
    check_v4("127.0.0.1:80", "127.0.0.1", 80);
    check_v4("255.255.255.255:65535", "255.255.255.255", 65535);
    check_v4("0x7f.1", "127.0.0.1", 0);     /* the classic forms, as inet_addr reads them */
    check_v4("10.258", "10.0.1.2", 0);
    check_v6("::1", "::1", 0, 0);
    check_v6("[::1]", "::1", 0, 0);
    check_v6("[::1]:443", "::1", 443, 0);
    check_v6("fe80::1%5", "fe80::1", 0, 5);
    check_v6("[fe80::1%5]:8080", "fe80::1", 8080, 5);
    check_v6("::ffff:1.2.3.4", "::ffff:1.2.3.4", 0, 0);

    check_not_address("1.2.3.4:65536", AF_INET);
    check_not_address("1.2.3.4:", AF_INET);
    check_not_address("1.2.3.4 ", AF_INET);
    check_not_address("256.1.1.1", AF_INET);
    check_not_address("host.example", AF_INET);
    check_not_address("", AF_INET);
    check_not_address("::1", AF_INET);
    check_not_address("1.2.3.4", AF_INET6);
    check_not_address("[::1", AF_INET6);
    check_not_address("[::1]:", AF_INET6);
    check_not_address("fe80::1%", AF_INET6);
    check_not_address("fe80::1%x", AF_INET6);
    check_not_address("1.2.3.4", AF_UNSPEC);

    len = sizeof(a4) - 1;
    ok(WSAStringToAddressA("1.2.3.4", AF_INET, NULL, (struct sockaddr *)&a4, &len) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEFAULT && len == sizeof(a4), "a short buffer: %d len %d\n", WSAGetLastError(), len);
    len = sizeof(a4);
    ok(WSAStringToAddressA(NULL, AF_INET, NULL, (struct sockaddr *)&a4, &len) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEINVAL, "NULL text: %d\n", WSAGetLastError());
    ok(WSAStringToAddressA("1.2.3.4", AF_INET, NULL, (struct sockaddr *)&a4, NULL) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEFAULT, "NULL length: %d\n", WSAGetLastError());
    ok(WSAStringToAddressA((char *)16, AF_INET, NULL, (struct sockaddr *)&a4, &len) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEINVAL, "unmapped text: %d\n", WSAGetLastError());
}

/* Text that is no address fails with WSAEINVAL and the length untouched,
 * but Windows' parser has already written what it read of the address:
 * family and port are 0, the address bytes (network order) are kept.  Both
 * A and W. */
static void check_v4_fails(const char *text, const char *written)
{
    struct sockaddr_in a;
    WCHAR wtext[64];
    int len = sizeof(a) + 4, ret, i;

    MultiByteToWideChar(CP_ACP, 0, text, -1, wtext, 64);
    for (i = 0; i < 2; i++)
    {
        memset(&a, 0xcc, sizeof(a));
        len = sizeof(a) + 4;
        WSASetLastError(0);
        ret = i ? WSAStringToAddressW(wtext, AF_INET, NULL, (struct sockaddr *)&a, &len)
                : WSAStringToAddressA((char *)text, AF_INET, NULL, (struct sockaddr *)&a, &len);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL && len == sizeof(a) + 4 && !a.sin_family &&
           !a.sin_port && a.sin_addr.s_addr == inet_addr(written),
           "%c \"%s\": %d error %d len %d family %d port %u address %08lx\n", i ? 'W' : 'A', text, ret,
           WSAGetLastError(), len, a.sin_family, a.sin_port, a.sin_addr.s_addr);
    }
}

static void check_v6_fails(const char *text, const char *written)
{
    struct sockaddr_in6 a;
    IN6_ADDR expect;
    WCHAR wtext[64];
    int len, ret, i;

    inet_pton(AF_INET6, written, &expect);
    MultiByteToWideChar(CP_ACP, 0, text, -1, wtext, 64);
    for (i = 0; i < 2; i++)
    {
        memset(&a, 0xcc, sizeof(a));
        len = sizeof(a) + 4;
        ret = i ? WSAStringToAddressW(wtext, AF_INET6, NULL, (struct sockaddr *)&a, &len)
                : WSAStringToAddressA((char *)text, AF_INET6, NULL, (struct sockaddr *)&a, &len);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL && len == sizeof(a) + 4 && !a.sin6_family &&
           !a.sin6_port && !a.sin6_scope_id && !a.sin6_flowinfo && !memcmp(&a.sin6_addr, &expect, sizeof(expect)),
           "%c \"%s\": %d error %d len %d family %d port %u scope %lu\n", i ? 'W' : 'A', text, ret,
           WSAGetLastError(), len, a.sin6_family, a.sin6_port, a.sin6_scope_id);
    }
}

/* Windows reads addresses with ntdll's RtlIpv4StringToAddressEx and
 * RtlIpv6StringToAddressEx; the cases are those Wine's conformance test
 * records on Windows. */
static void test_string_to_address_windows_parser(void)
{
    char longtext[400];

    /* A port is 1 to 65535, written in any of the classic bases. */
    check_v4("127.127.127.127:0xAbCd", "127.127.127.127", 43981);
    check_v4("127.127.127.127:010", "127.127.127.127", 8);
    check_v4("1.2:1", "1.0.0.2", 1);
    check_v4("0777:10", "0.0.1.255", 10);
    check_v4_fails("127.127.127.127:0", "127.127.127.127");
    check_v4_fails("127.127.127.127:", "127.127.127.127");
    check_v4_fails("127.127.127.127:65537", "127.127.127.127");
    check_v4_fails("127.127.127.127:08", "127.127.127.127");
    check_v4_fails("3.4.5.6 ", "3.4.5.6");
    /* The parser stops at the first character no part can hold. */
    check_v4_fails("1.1.1.008", "1.1.1.0");
    check_v4_fails("1234BEEF", "0.0.4.210");
    check_v4_fails("1.1.1.08", "0.0.0.0");
    check_v4_fails("", "0.0.0.0");

    check_v6("[::1]:65535", "::1", 65535, 0);
    check_v6("::1:2:3:4:5:6:7", "0:1:2:3:4:5:6:7", 0, 0);
    check_v6_fails("::1]:65535", "::1");
    check_v6_fails("1:2:3:", "1:2:3::");

    /* Text longer than any address is none, without a crash. */
    memset(longtext, '1', sizeof(longtext) - 1);
    longtext[sizeof(longtext) - 1] = 0;
    check_not_address(longtext, AF_INET);
    check_not_address(longtext, AF_INET6);
}

/* Whatever WSAAddressToString writes, WSAStringToAddress reads back. */
static void test_round_trip(void)
{
    static const char *const texts6[] = { "::", "::1", "fe80::1:2:3:4", "2001:db8:0:1:2:3:4:5", "::ffff:10.0.0.1" };
    static const USHORT ports[] = { 0, 1, 8080, 65535 };
    char text[64];
    size_t i, j;

    for (i = 0; i < sizeof(texts6) / sizeof(texts6[0]); i++)
        for (j = 0; j < sizeof(ports) / sizeof(ports[0]); j++)
        {
            struct sockaddr_in6 a = v6(texts6[i], ports[j], (ULONG)j * 7), b;
            DWORD size = sizeof(text);
            int len = sizeof(b);

            memset(&b, 0xcc, sizeof(b));
            ok(!WSAAddressToStringA((struct sockaddr *)&a, sizeof(a), NULL, text, &size) &&
               !WSAStringToAddressA(text, AF_INET6, NULL, (struct sockaddr *)&b, &len) && !memcmp(&a, &b, sizeof(a)),
               "round trip of %s port %u: \"%s\"\n", texts6[i], ports[j], text);
        }
}

/* inet_addr, as Wine's conformance test records it on Windows: no white
 * space before the address, any white space after it ends it, and a lone
 * space is 0.  Only NULL sets an error. */
static void test_inet_addr_text(void)
{
    static const struct { const char *text; ULONG addr; } tests[] =
    {
        { " 3.4.5.6",       INADDR_NONE },
        { "\t3.4.5.6",      INADDR_NONE },
        { " 0",             INADDR_NONE },
        { " ",              0 },
        { "  ",             INADDR_NONE },
        { "\t",             INADDR_NONE },
        { "1.2.3\t",        0x03000201 },
        { "1.2.3\n",        0x03000201 },
        { "1.2.3\v",        0x03000201 },
        { "1.2.3\f",        0x03000201 },
        { "1.2.3\r",        0x03000201 },
        { "1.2.3 \xfe\xff", 0x03000201 },
        { "1.2.3\xa0",      INADDR_NONE },
        { "3.4.5.6  7",     0x06050403 },
        { "1.2.3. 4",       INADDR_NONE },
        { "127.127.127.255:123", INADDR_NONE },
    };
    unsigned int i;
    ULONG addr;

    for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
    {
        WSASetLastError(0xdeadbeef);
        addr = inet_addr(tests[i].text);
        ok(addr == tests[i].addr && (DWORD)WSAGetLastError() == 0xdeadbeef, "inet_addr(%u): %08lx error %d\n", i, addr,
           WSAGetLastError());
    }
    WSASetLastError(0xdeadbeef);
    addr = inet_addr(NULL);
    ok(addr == INADDR_NONE && WSAGetLastError() == WSAEFAULT, "inet_addr(NULL): %08lx error %d\n", addr,
       WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    addr = inet_addr((const char *)16);
    ok(addr == INADDR_NONE && WSAGetLastError() == WSAEFAULT, "inet_addr(unmapped): %08lx error %d\n", addr,
       WSAGetLastError());
}

static void test_wide_inet(void)
{
    unsigned char buf[16];
    WCHAR text[64];
    const WCHAR *ret;

    ok(InetPtonW(AF_INET, L"192.168.0.1", buf) == 1 && !memcmp(buf, "\xc0\xa8\x00\x01", 4), "InetPtonW v4\n");
    ok(InetPtonW(AF_INET6, L"::ffff:1.2.3.4", buf) == 1 && buf[10] == 0xff && buf[15] == 4, "InetPtonW v6\n");
    ok(InetPtonW(AF_INET, L"1.2.3", buf) == 0, "InetPtonW is strict\n");
    ok(InetPtonW(AF_INET, L"1.2.3.\x100", buf) == 0, "InetPtonW: a non-ASCII character\n");
    ok(InetPtonW(AF_UNIX, L"1.2.3.4", buf) == SOCKET_ERROR && WSAGetLastError() == WSAEAFNOSUPPORT,
       "InetPtonW: family %d\n", WSAGetLastError());
    ok(InetPtonW(AF_INET, NULL, buf) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "InetPtonW NULL: %d\n",
       WSAGetLastError());

    memcpy(buf, "\x0a\x00\x00\x2a", 4);
    ret = InetNtopW(AF_INET, buf, text, 64);
    ok(ret == text && !lstrcmpW(text, L"10.0.0.42"), "InetNtopW v4\n");
    inet_pton(AF_INET6, "2001:db8::1", buf);
    ret = InetNtopW(AF_INET6, buf, text, 64);
    ok(ret == text && !lstrcmpW(text, L"2001:db8::1"), "InetNtopW v6\n");
    /* As inet_ntop answers (below). */
    ret = InetNtopW(AF_INET6, buf, text, 11);
    ok(!ret && GetLastError() == STATUS_INVALID_PARAMETER, "InetNtopW: a short buffer: %#lx\n", GetLastError());
    ret = InetNtopW(AF_INET6, buf, NULL, 64);
    ok(!ret && GetLastError() == STATUS_INVALID_PARAMETER, "InetNtopW: no buffer: %#lx\n", GetLastError());
    ok(InetNtopW(AF_INET6, buf, text, 12) == text, "InetNtopW: room for the NUL is enough\n");
}

/* inet_ntop's buffer errors: the NTSTATUS STATUS_INVALID_PARAMETER, which
 * Wine's conformance test records on Windows (WSAEINVAL on Windows 7 only). */
static void test_inet_ntop_buffer(void)
{
    static const unsigned char v4[4] = { 12, 34, 56, 78 }, v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
    char text[64];
    const char *ret;

    ret = inet_ntop(AF_INET, v4, NULL, sizeof(text));
    ok(!ret && (DWORD)WSAGetLastError() == STATUS_INVALID_PARAMETER, "v4, no buffer: %#x\n", WSAGetLastError());
    ret = inet_ntop(AF_INET, v4, text, 0);
    ok(!ret && (DWORD)WSAGetLastError() == STATUS_INVALID_PARAMETER, "v4, size 0: %#x\n", WSAGetLastError());
    ret = inet_ntop(AF_INET, v4, text, 11);
    ok(!ret && (DWORD)WSAGetLastError() == STATUS_INVALID_PARAMETER, "v4, no room for the NUL: %#x\n",
       WSAGetLastError());
    ret = inet_ntop(AF_INET, v4, text, 12);
    ok(ret == text && !strcmp(text, "12.34.56.78"), "v4, room for the NUL: %s\n", ret ? text : "NULL");
    ret = inet_ntop(AF_INET6, v6, NULL, sizeof(text));
    ok(!ret && (DWORD)WSAGetLastError() == STATUS_INVALID_PARAMETER, "v6, no buffer: %#x\n", WSAGetLastError());
    ret = inet_ntop(AF_INET6, v6, text, 11);
    ok(!ret && (DWORD)WSAGetLastError() == STATUS_INVALID_PARAMETER, "v6, no room for the NUL: %#x\n",
       WSAGetLastError());
}

static void test_gethostnamew(void)
{
    char name[256];
    WCHAR wname[256], expect[256];

    ok(!gethostname(name, sizeof(name)), "gethostname: %d\n", WSAGetLastError());
    MultiByteToWideChar(CP_ACP, 0, name, -1, expect, 256);
    ok(!GetHostNameW(wname, 256) && !lstrcmpW(wname, expect), "GetHostNameW: %d\n", WSAGetLastError());
    ok(GetHostNameW(wname, (int)strlen(name)) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
       "GetHostNameW without room for the NUL: %d\n", WSAGetLastError());
    ok(GetHostNameW(NULL, 256) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "GetHostNameW(NULL): %d\n",
       WSAGetLastError());
}

static DWORD WINAPI inet_ntoa_in_new_thread(void *arg)
{
    struct in_addr addr;

    addr.s_addr = htonl(0x0a000002);
    *(char **)arg = inet_ntoa(addr);
    return 0;
}

/* inet_ntoa answers in a buffer of the calling thread's: another thread's
 * call leaves this thread's text as it was. */
static void test_inet_ntoa_buffer_per_thread(void)
{
    struct in_addr addr;
    char *mine, *theirs = NULL;
    HANDLE thread;

    addr.s_addr = htonl(0x7f000001);
    mine = inet_ntoa(addr);
    thread = CreateThread(NULL, 0, inet_ntoa_in_new_thread, &theirs, 0, NULL);
    WaitForSingleObject(thread, 5000);
    CloseHandle(thread);
    ok(mine && !strcmp(mine, "127.0.0.1"), "this thread's text after another's call: %s\n", mine ? mine : "(null)");
    ok(theirs && theirs != mine, "both threads got buffer %p\n", mine);
}

typedef u_short (WSAAPI *fn_u16)(u_short);
typedef u_long (WSAAPI *fn_u32)(u_long);

static void test_byte_order(void)
{
    /* Take them from the DLL so a header macro cannot stand in for them. */
    HMODULE ws2 = GetModuleHandleA("ws2_32.dll");
    fn_u16 p_htons = (fn_u16)(void *)GetProcAddress(ws2, "htons");
    fn_u16 p_ntohs = (fn_u16)(void *)GetProcAddress(ws2, "ntohs");
    fn_u32 p_htonl = (fn_u32)(void *)GetProcAddress(ws2, "htonl");
    fn_u32 p_ntohl = (fn_u32)(void *)GetProcAddress(ws2, "ntohl");
    u_short s;
    u_long l;
    unsigned char *b;

    ok(p_htons && p_ntohs && p_htonl && p_ntohl, "byte-order exports missing\n");
    if (!p_htons || !p_ntohs || !p_htonl || !p_ntohl) return;

    s = p_htons(0x1234);
    b = (unsigned char *)&s;
    ok(b[0] == 0x12 && b[1] == 0x34, "htons(0x1234) stored as %02x %02x\n", b[0], b[1]);
    ok_int(p_ntohs(s), 0x1234, "ntohs(htons(0x1234)) = %#x\n", p_ntohs(s));
    ok_int(p_htons(0xff00), 0x00ff, "htons(0xff00) = %#x\n", p_htons(0xff00));

    l = p_htonl(0x12345678);
    b = (unsigned char *)&l;
    ok(b[0] == 0x12 && b[1] == 0x34 && b[2] == 0x56 && b[3] == 0x78,
       "htonl(0x12345678) stored as %02x %02x %02x %02x\n", b[0], b[1], b[2], b[3]);
    ok_int(p_ntohl(l), 0x12345678, "ntohl(htonl(x)) = %#lx\n", p_ntohl(l));
    ok_int(p_ntohl(0x01000000), 1, "ntohl(0x01000000) = %#lx\n", p_ntohl(0x01000000));
}

static void test_inet_conversions(void)
{
    static const struct { const char *text; unsigned char b[4]; BOOL valid; } addr_tests[] =
    {
        {"127.0.0.1",       {127, 0, 0, 1},     TRUE},
        {"1.2.3.4",         {1, 2, 3, 4},       TRUE},
        {"255.255.255.254", {255, 255, 255, 254}, TRUE},
        {"0.0.0.0",         {0, 0, 0, 0},       TRUE},
        {"1.2.3",           {1, 2, 0, 3},       TRUE},   /* BSD short forms */
        {"1.2",             {1, 0, 0, 2},       TRUE},
        {"1.2.3.010",       {1, 2, 3, 8},       TRUE},   /* octal part */
        {"1.2.3.0xaA",      {1, 2, 3, 0xaa},    TRUE},   /* hex part */
        {"127.127.127.256", {0},                FALSE},
        {"1.2.3.4.5",       {0},                FALSE},
        {"",                {0},                FALSE},
        {"localhost",       {0},                FALSE},
    };
    static const unsigned char v6_loop[16] = {0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1};
    static const unsigned char v6_doc[16] = {0x20,0x01,0x0d,0xb8,0,0,0,0,0,0,0,0,0,0,0,1};
    struct in_addr in4;
    struct in6_addr in6;
    unsigned char out4[4];
    char text[64];
    const char *str;
    unsigned int i;
    u_long addr;
    int ret;

    for (i = 0; i < ARRAYSIZE(addr_tests); i++)
    {
        addr = inet_addr(addr_tests[i].text);
        if (addr_tests[i].valid)
            ok(!memcmp(&addr, addr_tests[i].b, 4), "inet_addr(\"%s\") = %08lx\n", addr_tests[i].text, addr);
        else
            ok_int(addr, INADDR_NONE, "inet_addr(\"%s\") = %08lx, expected INADDR_NONE\n", addr_tests[i].text, addr);
    }

    memcpy(&in4, addr_tests[0].b, 4);
    str = inet_ntoa(in4);
    ok(str && !strcmp(str, "127.0.0.1"), "inet_ntoa gave \"%s\"\n", str ? str : "(null)");
    memcpy(&in4, addr_tests[2].b, 4);
    str = inet_ntoa(in4);
    ok(str && !strcmp(str, "255.255.255.254"), "inet_ntoa gave \"%s\"\n", str ? str : "(null)");
    if (str)
    {
        addr = inet_addr(str);
        ok(!memcmp(&addr, addr_tests[2].b, 4), "inet_addr(inet_ntoa(x)) does not round trip\n");
    }

    /* inet_pton: strict dotted quad only */
    memset(out4, 0xab, sizeof(out4));
    ret = inet_pton(AF_INET, "127.0.0.1", out4);
    ok(ret == 1 && out4[0] == 127 && out4[1] == 0 && out4[2] == 0 && out4[3] == 1,
       "inet_pton(127.0.0.1) = %d, %u.%u.%u.%u\n", ret, out4[0], out4[1], out4[2], out4[3]);
    ret = inet_pton(AF_INET, "1.2.3", out4);
    ok_int(ret, 0, "inet_pton accepted \"1.2.3\" (%d)\n", ret);
    ret = inet_pton(AF_INET, "1.1.1.010", out4);
    ok_int(ret, 0, "inet_pton accepted an octal part (%d)\n", ret);
    ret = inet_pton(AF_INET, "::1", out4);
    ok_int(ret, 0, "inet_pton(AF_INET) accepted \"::1\" (%d)\n", ret);

    memset(&in6, 0xab, sizeof(in6));
    ret = inet_pton(AF_INET6, "::1", &in6);
    ok(ret == 1 && !memcmp(&in6, v6_loop, 16), "inet_pton(AF_INET6, \"::1\") = %d\n", ret);
    memset(&in6, 0xab, sizeof(in6));
    ret = inet_pton(AF_INET6, "2001:db8::1", &in6);
    ok(ret == 1 && !memcmp(&in6, v6_doc, 16), "inet_pton(AF_INET6, \"2001:db8::1\") = %d\n", ret);
    ret = inet_pton(AF_INET6, "1::2::3", &in6);
    ok_int(ret, 0, "inet_pton accepted \"1::2::3\" (%d)\n", ret);
    ret = inet_pton(AF_INET6, "127.0.0.1", &in6);
    ok_int(ret, 0, "inet_pton(AF_INET6) accepted a dotted quad (%d)\n", ret);

    /* inet_ntop and round trips */
    memcpy(&in4, addr_tests[1].b, 4);
    memset(text, 'x', sizeof(text));
    str = inet_ntop(AF_INET, &in4, text, sizeof(text));
    ok(str == text && !strcmp(text, "1.2.3.4"), "inet_ntop(AF_INET) gave \"%.20s\"\n", text);
    memset(text, 'x', sizeof(text));
    str = inet_ntop(AF_INET6, v6_loop, text, sizeof(text));
    ok(str == text && !strcmp(text, "::1"), "inet_ntop(::1) gave \"%.20s\"\n", text);
    memset(text, 'x', sizeof(text));
    str = inet_ntop(AF_INET6, v6_doc, text, sizeof(text));
    ok(str == text && !strcmp(text, "2001:db8::1"), "inet_ntop(2001:db8::1) gave \"%.40s\"\n", text);
    if (str == text)
    {
        ret = inet_pton(AF_INET6, text, &in6);
        ok(ret == 1 && !memcmp(&in6, v6_doc, 16), "IPv6 text does not round trip\n");
    }
    /* exactly big enough ("1.2.3.4" + NUL = 8) */
    memcpy(&in4, addr_tests[1].b, 4);
    str = inet_ntop(AF_INET, &in4, text, 8);
    ok(str == text && !strcmp(text, "1.2.3.4"), "inet_ntop with an exact buffer failed\n");
    str = inet_ntop(AF_INET, &in4, text, 7);
    ok(str == NULL, "inet_ntop with a buffer one byte short succeeded\n");
}

static void test_gethostname(void)
{
    char name[256], dns[256];
    DWORD size = sizeof(dns);
    int ret;

    memset(name, 0, sizeof(name));
    WSASetLastError(0xdeadbeef);
    ret = gethostname(name, sizeof(name));
    ok_int(ret, 0, "gethostname failed, error %d\n", WSAGetLastError());
    ok(name[0] != 0, "gethostname returned an empty name\n");
    ok(strlen(name) < sizeof(name), "gethostname result not terminated\n");
    if (GetComputerNameExA(ComputerNameDnsHostname, dns, &size))
        ok(!_stricmp(name, dns), "gethostname \"%s\", DNS host name \"%s\"\n", name, dns);
    else
        skip("GetComputerNameExA failed (%lu)\n", GetLastError());
}

/* gethostname with a buffer too short for the terminator, and inet_pton and
 * inet_ntop with a family they do not know. */
static void test_short_name_buffer_and_unknown_families(void)
{
    char name[256], copy[256];
    struct in_addr in4;
    const char *str;
    int ret, len;

    ret = gethostname(name, sizeof(name));
    ok_int(ret, 0, "gethostname failed, error %d\n", WSAGetLastError());
    if (!ret)
    {
        len = strlen(name);
        strcpy(copy, "deadbeef");
        WSASetLastError(0xdeadbeef);
        ret = gethostname(copy, len);   /* no room for the terminator */
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
           "gethostname with a buffer one byte short: %d, error %d\n", ret, WSAGetLastError());
        ok(!strcmp(copy, "deadbeef"), "gethostname wrote \"%.20s\" into a too-small buffer\n", copy);
        ret = gethostname(copy, len + 1);
        ok(ret == 0 && !strcmp(copy, name), "gethostname with an exact buffer: %d \"%.40s\"\n", ret, copy);
    }

    WSASetLastError(0xdeadbeef);
    ret = inet_pton(AF_UNSPEC, "127.0.0.1", &in4);
    ok(ret == -1 && WSAGetLastError() == WSAEAFNOSUPPORT, "inet_pton(AF_UNSPEC): %d, error %d\n", ret, WSAGetLastError());

    memset(&in4, 0, sizeof(in4));
    WSASetLastError(0xdeadbeef);
    str = inet_ntop(1, &in4, name, sizeof(name));
    ok(str == NULL && WSAGetLastError() == WSAEAFNOSUPPORT, "inet_ntop(family 1): %p, error %d\n",
       (void *)str, WSAGetLastError());
}

START_TEST(addrtext)
{
    struct sockaddr_in a4 = v4("1.2.3.4", 0);
    char text[64];
    DWORD size = sizeof(text);
    WSADATA data;
    int len = sizeof(a4);

    ok(WSAAddressToStringA((struct sockaddr *)&a4, sizeof(a4), NULL, text, &size) == SOCKET_ERROR &&
       WSAGetLastError() == WSANOTINITIALISED, "WSAAddressToStringA before WSAStartup: %d\n", WSAGetLastError());
    ok(WSAStringToAddressA("1.2.3.4", AF_INET, NULL, (struct sockaddr *)&a4, &len) == SOCKET_ERROR &&
       WSAGetLastError() == WSANOTINITIALISED, "WSAStringToAddressA before WSAStartup: %d\n", WSAGetLastError());
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup\n");
    /* First: Wine's builtin crashes on a NULL pointer in test_address_to_string. */
    RUN(test_byte_order);
    RUN(test_inet_conversions);
    RUN(test_gethostname);
    RUN(test_short_name_buffer_and_unknown_families);
    RUN(test_address_to_string);
    RUN(test_string_to_address);
    RUN(test_string_to_address_windows_parser);
    RUN(test_round_trip);
    RUN(test_inet_addr_text);
    RUN(test_wide_inet);
    RUN(test_inet_ntop_buffer);
    RUN(test_inet_ntoa_buffer_per_thread);
    RUN(test_gethostnamew);
    WSACleanup();
}
