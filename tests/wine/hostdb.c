/* gethostbyname, gethostbyaddr, getprotobyname, getprotobynumber,
 * getservbyname and getservbyport: the entries they fill, per-thread results, errors and bad pointers. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <iphlpapi.h>
#include <stdio.h>
#include <string.h>
#include "harness.h"

static BOOL has_addr(const struct hostent *h, const char *dotted)
{
    ULONG want = inet_addr(dotted);
    int i;

    for (i = 0; h->h_addr_list[i]; i++)
        if (!memcmp(h->h_addr_list[i], &want, 4)) return TRUE;
    return FALSE;
}

static void test_gethostbyname(void)
{
    struct hostent *h;

    h = gethostbyname("localhost");
    ok(h != NULL, "localhost: %d\n", WSAGetLastError());
    if (h)
    {
        ok(h->h_addrtype == AF_INET && h->h_length == 4, "type %d length %d\n", h->h_addrtype, h->h_length);
        ok(has_addr(h, "127.0.0.1"), "localhost is not 127.0.0.1\n");
        ok(h->h_aliases && !h->h_aliases[0], "aliases\n");
        ok(h->h_name && *h->h_name, "no name\n");
    }
    h = gethostbyname("127.0.0.1");
    ok(h && !strcmp(h->h_name, "127.0.0.1") && has_addr(h, "127.0.0.1") && !h->h_addr_list[1],
       "a numeric name: %s\n", h ? h->h_name : "NULL");

    h = gethostbyname("ws2kit-no-such-host.invalid");
    ok(!h && (WSAGetLastError() == WSAHOST_NOT_FOUND || WSAGetLastError() == WSATRY_AGAIN ||
              WSAGetLastError() == WSANO_DATA), "an unknown host: %p %d\n", h, WSAGetLastError());
    h = gethostbyname((const char *)16);
    ok(!h && WSAGetLastError() == WSAEFAULT, "an unmapped name: %d\n", WSAGetLastError());
}

/* NULL and "" name the local host: the same answer as resolving gethostname's name. */
static void test_local_host(void)
{
    struct addrinfo hints = { 0 }, *ai = NULL;
    char name[256];
    struct hostent *h;
    int err;

    ok(!gethostname(name, sizeof(name)), "gethostname: %d\n", WSAGetLastError());
    hints.ai_family = AF_INET;
    err = getaddrinfo(name, NULL, &hints, &ai);
    h = gethostbyname(NULL);
    if (err) ok(!h && WSAGetLastError() == err, "NULL: %p %d, getaddrinfo says %d\n", h, WSAGetLastError(), err);
    else ok(h && !memcmp(h->h_addr_list[0], &((struct sockaddr_in *)ai->ai_addr)->sin_addr, 4),
            "NULL: %d\n", WSAGetLastError());
    h = gethostbyname("");
    if (err) ok(!h && WSAGetLastError() == err, "\"\": %p %d\n", h, WSAGetLastError());
    else ok(h && !memcmp(h->h_addr_list[0], &((struct sockaddr_in *)ai->ai_addr)->sin_addr, 4),
            "\"\": %d\n", WSAGetLastError());
    if (ai) freeaddrinfo(ai);
}

/* The IPv4 addresses of the up, non-loopback interfaces, as iphlpapi reports
 * them (Wine reads them from Linux, not through ws2_32): the oracle for what
 * the computer's own name resolves to. */
static int interface_addresses(ULONG *addrs, int max)
{
    ULONG (WINAPI *get_adapters)(ULONG, ULONG, void *, IP_ADAPTER_ADDRESSES *, ULONG *);
    static BYTE buffer[65536];
    IP_ADAPTER_ADDRESSES *a = (IP_ADAPTER_ADDRESSES *)buffer;
    IP_ADAPTER_UNICAST_ADDRESS *u;
    ULONG size = sizeof(buffer);
    int n = 0;

    get_adapters = (void *)GetProcAddress(LoadLibraryA("iphlpapi.dll"), "GetAdaptersAddresses");
    if (!get_adapters || get_adapters(AF_INET, 0, NULL, a, &size)) return -1;
    for (; a; a = a->Next)
    {
        if (a->IfType == IF_TYPE_SOFTWARE_LOOPBACK || a->OperStatus != IfOperStatusUp) continue;
        for (u = a->FirstUnicastAddress; u && n < max; u = u->Next)
            addrs[n++] = ((struct sockaddr_in *)u->Address.lpSockaddr)->sin_addr.s_addr;
    }
    return n;
}

static BOOL is_one_of(ULONG addr, const ULONG *addrs, int n)
{
    while (n--) if (addrs[n] == addr) return TRUE;
    return FALSE;
}

static BOOL is_loopback(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET) return ((const BYTE *)&((const struct sockaddr_in *)sa)->sin_addr)[0] == 127;
    return IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)sa)->sin6_addr);
}

/* Windows answers its own name with its interfaces' addresses, never a
 * loopback one (Debian's /etc/hosts says 127.0.1.1; LAN games advertise the
 * answer to other players). */
static void test_own_name_is_not_loopback(void)
{
    struct addrinfo hints = { 0 }, *ai = NULL, *p;
    ADDRINFOW *aiw = NULL, *pw;
    ULONG addrs[32];
    WCHAR wname[256];
    char name[256];
    struct hostent *h;
    int n = interface_addresses(addrs, 32), i, v4 = 0;

    if (n <= 0) { skip("the host has no IPv4 interface but loopback\n"); return; }
    ok(!gethostname(name, sizeof(name)), "gethostname: %d\n", WSAGetLastError());
    h = gethostbyname(name);
    ok(h != NULL, "gethostbyname(own name): %d\n", WSAGetLastError());
    for (i = 0; h && h->h_addr_list[i]; i++)
        ok(is_one_of(*(ULONG *)h->h_addr_list[i], addrs, n), "gethostbyname(own name) gave %s, not an interface's\n",
           inet_ntoa(*(struct in_addr *)h->h_addr_list[i]));
    ok(h && i == n, "gethostbyname(own name): %d addresses, the interfaces have %d\n", i, n);

    ok(!getaddrinfo(name, "80", &hints, &ai), "getaddrinfo(own name): %d\n", WSAGetLastError());
    for (p = ai; p; p = p->ai_next)
    {
        ok(!is_loopback(p->ai_addr), "getaddrinfo(own name) gave a loopback address (family %d)\n", p->ai_family);
        ok_int(ntohs(((struct sockaddr_in *)p->ai_addr)->sin_port), 80, "port %u\n",
           ntohs(((struct sockaddr_in *)p->ai_addr)->sin_port));
        if (p->ai_family != AF_INET) continue;
        v4++;
        ok(is_one_of(((struct sockaddr_in *)p->ai_addr)->sin_addr.s_addr, addrs, n),
           "getaddrinfo(own name) gave %s, not an interface's\n", inet_ntoa(((struct sockaddr_in *)p->ai_addr)->sin_addr));
    }
    ok_int(v4, n, "getaddrinfo(own name): %d IPv4 addresses, the interfaces have %d\n", v4, n);
    if (ai) freeaddrinfo(ai);

    MultiByteToWideChar(CP_ACP, 0, name, -1, wname, 256);
    ok(!GetAddrInfoW(wname, NULL, NULL, &aiw), "GetAddrInfoW(own name): %d\n", WSAGetLastError());
    for (pw = aiw; pw; pw = pw->ai_next)
        ok(!is_loopback(pw->ai_addr), "GetAddrInfoW(own name) gave a loopback address (family %d)\n", pw->ai_family);
    if (aiw) FreeAddrInfoW(aiw);
}

static DWORD WINAPI other_thread(void *arg)
{
    *(struct hostent **)arg = gethostbyname("127.0.0.1");
    return 0;
}

static void test_per_thread(void)
{
    struct hostent *mine = gethostbyname("127.0.0.1"), *again, *theirs = NULL;
    HANDLE thread = CreateThread(NULL, 0, other_thread, &theirs, 0, NULL);

    WaitForSingleObject(thread, 10000);
    CloseHandle(thread);
    again = gethostbyname("localhost");
    ok(mine && again == mine, "a thread reuses its hostent: %p %p\n", mine, again);
    ok(theirs && theirs != mine, "each thread has its own: %p %p\n", mine, theirs);
}

static void test_gethostbyaddr(void)
{
    ULONG loopback = inet_addr("127.0.0.1");
    struct hostent *h;

    h = gethostbyaddr((const char *)&loopback, 4, AF_INET);
    ok(h != NULL, "127.0.0.1: %d\n", WSAGetLastError());
    if (h) ok(h->h_name && *h->h_name && h->h_addrtype == AF_INET && has_addr(h, "127.0.0.1") && !h->h_addr_list[1],
              "127.0.0.1 is \"%s\"\n", h->h_name);
    h = gethostbyaddr((const char *)&loopback, 3, AF_INET);
    ok(!h && WSAGetLastError() == WSAEFAULT, "a short address: %d\n", WSAGetLastError());
    h = gethostbyaddr((const char *)&loopback, 4, AF_UNIX);
    ok(!h && WSAGetLastError() == WSAEAFNOSUPPORT, "an unknown family: %d\n", WSAGetLastError());
    h = gethostbyaddr((const char *)16, 4, AF_INET);
    ok(!h && WSAGetLastError() == WSAEFAULT, "an unmapped address: %d\n", WSAGetLastError());
}

static void test_protocols(void)
{
    static const int numbers[] = { 0, 1, 3, 6, 8, 12, 17, 20, 22, 27, 41, 43, 44, 50, 51, 58, 59, 60, 66 };
    struct protoent *p;
    size_t i;

    p = getprotobyname("tcp");
    ok(p && p->p_proto == 6 && !strcmp(p->p_name, "tcp") && p->p_aliases[0] && !strcmp(p->p_aliases[0], "TCP") &&
       !p->p_aliases[1], "tcp\n");
    p = getprotobyname("UDP");
    ok(p && p->p_proto == 17 && !strcmp(p->p_name, "udp"), "UDP by its alias\n");
    p = getprotobynumber(58);
    ok(p && !strcmp(p->p_name, "ipv6-icmp"), "58: %s\n", p ? p->p_name : "NULL");
    ok(!getprotobyname("nonesuch") && WSAGetLastError() == WSANO_DATA, "an unknown name: %d\n", WSAGetLastError());
    ok(!getprotobynumber(255) && WSAGetLastError() == WSANO_DATA, "an unknown number: %d\n", WSAGetLastError());
    ok(!getprotobyname(NULL) && WSAGetLastError() == WSAEFAULT, "NULL: %d\n", WSAGetLastError());
    for (i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
    {
        char name[32] = "";
        p = getprotobynumber(numbers[i]);
        if (p) lstrcpynA(name, p->p_name, sizeof(name));
        p = p ? getprotobyname(name) : NULL;
        ok(p && p->p_proto == numbers[i], "protocol %d (\"%s\") round trip\n", numbers[i], name);
    }
}

static void test_services(void)
{
    char path[MAX_PATH];
    struct servent *s;
    FILE *file;

    s = getservbyname("http", "tcp");
    ok(s && s->s_port == htons(80) && !strcmp(s->s_name, "http") && !strcmp(s->s_proto, "tcp"), "http/tcp\n");
    s = getservbyname("www", NULL);
    ok(s && !strcmp(s->s_name, "http"), "www, an alias, any protocol\n");
    s = getservbyport(htons(53), "udp");
    ok(s && !strcmp(s->s_name, "domain") && !strcmp(s->s_proto, "udp"), "53/udp\n");
    s = getservbyport(htons(443), NULL);
    ok(s && !strcmp(s->s_name, "https"), "443, a port above 0x7fff in network order\n");
    ok(!getservbyname("ws2kit-no-such-service", NULL) && WSAGetLastError() == WSANO_DATA, "unknown: %d\n",
       WSAGetLastError());
    ok(!getservbyname("ssh", "udp") && WSAGetLastError() == WSANO_DATA, "ssh/udp: %d\n", WSAGetLastError());
    ok(!getservbyname(NULL, NULL) && WSAGetLastError() == WSAEFAULT, "NULL: %d\n", WSAGetLastError());
    ok(!getservbyname("http", (const char *)16) && WSAGetLastError() == WSAEFAULT, "unmapped protocol: %d\n",
       WSAGetLastError());

    /* The prefix's services file is the database (this prefix is the test's own). */
    GetSystemDirectoryA(path, sizeof(path));
    strcat(path, "\\drivers\\etc\\services");
    file = fopen(path, "a");
    ok(file != NULL, "cannot open %s\n", path);
    if (!file) return;
    fputs("ws2kit-test     49999/tcp    wkt-alias other  # added by hostdb.exe\n", file);
    fclose(file);
    s = getservbyname("WKT-ALIAS", "TCP");
    ok(s && s->s_port == htons(49999) && !strcmp(s->s_name, "ws2kit-test") && s->s_aliases[0] &&
       !strcmp(s->s_aliases[1], "other") && !s->s_aliases[2], "a line added to the prefix's file\n");
    s = getservbyport(htons(49999), "tcp");
    ok(s && !strcmp(s->s_name, "ws2kit-test"), "by port\n");
}

START_TEST(hostdb)
{
    WSADATA data;

    harness_start_watchdog(60000);
    ok(!gethostbyname("localhost") && WSAGetLastError() == WSANOTINITIALISED, "before WSAStartup: %d\n",
       WSAGetLastError());
    ok(!getprotobynumber(6) && WSAGetLastError() == WSANOTINITIALISED, "getprotobynumber before WSAStartup: %d\n",
       WSAGetLastError());
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup\n");
    RUN(test_gethostbyname);
    RUN(test_local_host);
    RUN(test_own_name_is_not_loopback);
    RUN(test_per_thread);
    RUN(test_gethostbyaddr);
    RUN(test_protocols);
    RUN(test_services);
    WSACleanup();
}
