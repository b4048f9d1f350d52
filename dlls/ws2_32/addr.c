/* Byte order, text addresses and host name services. */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

u_long WINAPI htonl(u_long v)  { return ws2kit_htonl(v); }
u_short WINAPI htons(u_short v) { return ws2kit_htons(v); }
u_long WINAPI ntohl(u_long v)  { return ws2kit_ntohl(v); }
u_short WINAPI ntohs(u_short v) { return ws2kit_ntohs(v); }

static int wsa_convert(SOCKET s, void *out, const void *value, SIZE_T size)
{
    struct afd_get_info_params info;
    CHECK_STARTED(SOCKET_ERROR);
    if (!ws2kit_get_socket_info(s, &info)) return ws2kit_fail(WSAENOTSOCK);
    if (!out || !ws2kit_write_user(out, value, size)) return ws2kit_fail(WSAEFAULT);
    return 0;
}

int WINAPI WSAHtonl(SOCKET s, u_long v, u_long *out) { v = htonl(v); return wsa_convert(s, out, &v, sizeof(v)); }
int WINAPI WSANtohl(SOCKET s, u_long v, u_long *out) { v = ntohl(v); return wsa_convert(s, out, &v, sizeof(v)); }
int WINAPI WSAHtons(SOCKET s, u_short v, u_short *out) { v = htons(v); return wsa_convert(s, out, &v, sizeof(v)); }
int WINAPI WSANtohs(SOCKET s, u_short v, u_short *out) { v = ntohs(v); return wsa_convert(s, out, &v, sizeof(v)); }

/* Parses one part of a classic inet_addr string: decimal, 0x hex or 0 octal. */
static const char *parse_part(const char *p, unsigned long *value)
{
    unsigned long v = 0, base = 10;
    int digits = 0;

    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) { base = 16; p += 2; }
    else if (p[0] == '0') base = 8;
    for (;; p++, digits++)
    {
        int d;
        if (*p >= '0' && *p <= '9') d = *p - '0';
        else if (base == 16 && *p >= 'a' && *p <= 'f') d = *p - 'a' + 10;
        else if (base == 16 && *p >= 'A' && *p <= 'F') d = *p - 'A' + 10;
        else break;
        if (d >= (int)base) return NULL;
        v = v * base + d;
        if (v > 0xffffffffUL) return NULL;
    }
    if (!digits && base != 8) return NULL;
    *value = v;
    return p;
}

/* The classic IPv4 forms "a", "a.b", "a.b.c" and "a.b.c.d" (parts decimal,
 * 0x hex or 0 octal), as BSD's inet_aton and Windows' non-strict
 * RtlIpv4StringToAddress read them.  Returns the end of the address or NULL;
 * *addr is in host order. */
const char *ws2kit_parse_ipv4_classic(const char *p, ULONG *addr)
{
    unsigned long parts[4];
    int n = 0;

    for (;;)
    {
        if (n == 4 || !(p = parse_part(p, &parts[n++]))) return NULL;
        if (*p != '.') break;
        p++;
    }
    switch (n)
    {
    case 1: *addr = parts[0]; break;
    case 2: if (parts[0] > 0xff || parts[1] > 0xffffff) return NULL;
            *addr = parts[0] << 24 | parts[1]; break;
    case 3: if (parts[0] > 0xff || parts[1] > 0xff || parts[2] > 0xffff) return NULL;
            *addr = parts[0] << 24 | parts[1] << 16 | parts[2]; break;
    default: if (parts[0] > 0xff || parts[1] > 0xff || parts[2] > 0xff || parts[3] > 0xff) return NULL;
            *addr = parts[0] << 24 | parts[1] << 16 | parts[2] << 8 | parts[3]; break;
    }
    return p;
}

/* isspace's six characters in the C locale. */
static BOOL is_c_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

#define INET_ADDR_TEXT_MAX 256 /* longer than any address, zero padding aside */

/* Copies the caller's text for inet_addr up to its NUL or first white space
 * (what follows does not matter), widened for ntdll's parser.  Returns -1
 * when it cannot be read, 0 when it is too long to be an address, else 1. */
static int read_inet_addr_text(const char *user, WCHAR *buf, SIZE_T count)
{
    SIZE_T i;
    char c;

    for (i = 0; i < count; i++)
    {
        if (!ws2kit_read_user(&c, &user[i], 1)) return -1;
        if (!c || is_c_space(c)) { buf[i] = 0; return 1; }
        buf[i] = (unsigned char)c;
    }
    return 0;
}

/* Windows reads inet_addr's text with ntdll's non-strict IPv4 parser: the
 * classic forms, ended by a NUL or any white space, nothing before them.
 * One text is an exception: a lone space gives 0 where "  " and " 0" give
 * INADDR_NONE (Wine's conformance test records all three).  NULL, and here
 * unreadable text, is INADDR_NONE with WSAEFAULT; otherwise the last error
 * is left alone. */
unsigned long WINAPI inet_addr(const char *user_text)
{
    WCHAR text[INET_ADDR_TEXT_MAX];
    const WCHAR *end;
    char first[2];
    IN_ADDR addr;
    int copied;

    if (!user_text || (copied = read_inet_addr_text(user_text, text, INET_ADDR_TEXT_MAX)) < 0)
    {
        ws2kit_fail(WSAEFAULT);
        return INADDR_NONE;
    }
    if (!copied) return INADDR_NONE;
    if (!text[0])
    {
        /* The text is empty or begins with white space: a lone space is 0. */
        if (!ws2kit_read_user(first, user_text, 1) || first[0] != ' ') return INADDR_NONE;
        if (!ws2kit_read_user(&first[1], user_text + 1, 1)) { ws2kit_fail(WSAEFAULT); return INADDR_NONE; }
        return first[1] ? INADDR_NONE : 0;
    }
    if (RtlIpv4StringToAddressW(text, FALSE, (WCHAR **)&end, &addr) || *end) return INADDR_NONE;
    return addr.s_addr;
}

/* Windows returns a per-thread buffer. */
char *WINAPI inet_ntoa(struct in_addr in)
{
    struct ws2kit_thread *thread = ws2kit_thread();
    const unsigned char *b = (const unsigned char *)&in.s_addr;

    if (!thread)
    {
        ws2kit_fail(WSAENOBUFS);
        return NULL;
    }
    snprintf(thread->inet_ntoa_text, sizeof(thread->inet_ntoa_text), "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
    return thread->inet_ntoa_text;
}

/* Windows parses with ntdll's RtlIpv4StringToAddressA (strict) and
 * RtlIpv6StringToAddressA straight into the caller's buffer, and succeeds
 * only when the whole text was the address: text after a valid address
 * ("1.2.3.4:80") fails, but the address was written (Wine's conformance
 * test records both).  The same parsers, on a copy of the caller's buffer. */
int WINAPI inet_pton(int family, const char *user_text, void *addr)
{
    union { IN_ADDR v4; IN6_ADDR v6; } buf;
    int size = family == AF_INET ? sizeof(buf.v4) : sizeof(buf.v6);
    char text[64];  /* longer than any address text */
    const char *end = text;
    LONG status;
    int copied;

    if (!user_text || !addr) return ws2kit_fail(WSAEFAULT);
    if (family != AF_INET && family != AF_INET6) return ws2kit_fail(WSAEAFNOSUPPORT);
    if ((copied = ws2kit_copy_user_string(user_text, text, sizeof(text))) < 0) return ws2kit_fail(WSAEFAULT);
    if (!copied) return 0;
    if (!ws2kit_read_user(&buf, addr, size)) return ws2kit_fail(WSAEFAULT);
    if (family == AF_INET) status = RtlIpv4StringToAddressA(text, TRUE, (char **)&end, &buf.v4);
    else status = RtlIpv6StringToAddressA(text, &end, &buf.v6);
    if (!ws2kit_write_user(addr, &buf, size)) return ws2kit_fail(WSAEFAULT);
    return !status && !*end;
}

void ws2kit_format_ipv6(const unsigned char *a, char *out)
{
    int best = -1, best_len = 0, i, run;
    char *p = out;

    for (i = 0; i < 8; i += run ? run : 1)
    {
        for (run = 0; i + run < 8 && !a[(i + run) * 2] && !a[(i + run) * 2 + 1]; run++) ;
        if (run > best_len && run > 1) { best = i; best_len = run; }
    }
    /* ::a.b.c.d and ::ffff:a.b.c.d keep their IPv4 tail, as Windows prints them. */
    if (best == 0 && (best_len == 6 || (best_len == 5 && a[10] == 0xff && a[11] == 0xff)))
    {
        sprintf(p, best_len == 5 ? "::ffff:%u.%u.%u.%u" : "::%u.%u.%u.%u", a[12], a[13], a[14], a[15]);
        return;
    }
    for (i = 0; i < 8; i++)
    {
        if (i == best) { p += sprintf(p, "::"); i += best_len - 1; continue; }
        if (i && i != best + best_len) *p++ = ':';
        p += sprintf(p, "%x", a[i * 2] << 8 | a[i * 2 + 1]);
    }
    *p = 0;
}

/* A NULL, empty or short buffer sets the NTSTATUS STATUS_INVALID_PARAMETER
 * as the last error on Windows (ntdll's formatter's answer, passed on; Wine's
 * conformance test records it, and WSAEINVAL for Windows 7), not the
 * ERROR_INVALID_PARAMETER that Microsoft documents. */
const char *WINAPI inet_ntop(int family, const void *addr, char *buf, size_t size)
{
    unsigned char b[16];
    char text[64];

    if (!buf) { ws2kit_fail(STATUS_INVALID_PARAMETER); return NULL; }
    if (!addr) { ws2kit_fail(WSAEFAULT); return NULL; }
    if (family != AF_INET && family != AF_INET6) { ws2kit_fail(WSAEAFNOSUPPORT); return NULL; }
    if (!ws2kit_read_user(b, addr, family == AF_INET ? 4 : 16)) { ws2kit_fail(WSAEFAULT); return NULL; }
    if (family == AF_INET) sprintf(text, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
    else ws2kit_format_ipv6(b, text);
    if (strlen(text) >= size) { ws2kit_fail(STATUS_INVALID_PARAMETER); return NULL; }
    if (!ws2kit_write_user(buf, text, strlen(text) + 1)) { ws2kit_fail(WSAEFAULT); return NULL; }
    return buf;
}

int WINAPI gethostname(char *name, int namelen)
{
    struct ws2kit_gethostname_params params;
    char buffer[256];
    int err;

    CHECK_STARTED(SOCKET_ERROR);
    if (!name || namelen < 0) return ws2kit_fail(WSAEFAULT);
    params.name = buffer;
    params.size = sizeof(buffer);
    if ((err = ws2kit_unix_call(ws2kit_unix_gethostname, &params))) return ws2kit_fail(err);
    if ((int)params.needed > namelen) return ws2kit_fail(WSAEFAULT);
    if (!ws2kit_write_user(name, buffer, params.needed)) return ws2kit_fail(WSAEFAULT);
    return ws2kit_succeed();
}

/* getaddrinfo ---------------------------------------------------------- */

#define MAX_ADDRINFO 64

static struct addrinfo *build_result(const struct ws2kit_addrinfo_entry *entries, unsigned int count,
                                     const char *canonname)
{
    struct addrinfo *head = NULL, **tail = &head;
    unsigned int i;

    for (i = 0; i < count; i++)
    {
        struct addrinfo *ai = calloc(1, sizeof(*ai) + entries[i].addrlen);
        if (!ai) { freeaddrinfo(head); return NULL; }
        ai->ai_family = entries[i].family;
        ai->ai_socktype = entries[i].socktype;
        ai->ai_protocol = entries[i].protocol;
        ai->ai_addrlen = entries[i].addrlen;
        ai->ai_addr = (struct sockaddr *)(ai + 1);
        memcpy(ai->ai_addr, entries[i].addr, entries[i].addrlen);
        if (!i && canonname && *canonname) ai->ai_canonname = _strdup(canonname);
        *tail = ai;
        tail = &ai->ai_next;
    }
    return head;
}

/* Windows reads service names from its own services file (the prefix's), not
 * the host's /etc/services, and takes "" as port 0: the resolver only ever
 * sees a port number.  Returns 0 or a WSA error. */
static int service_to_port(const char *user_service, const struct addrinfo *hints, char *port, size_t size)
{
    const char *proto = NULL, *p;
    int number;

    if (!ws2kit_read_user_string(user_service, port, size)) return WSAEFAULT;
    if (!*port) { strcpy(port, "0"); return 0; }
    for (p = port; *p >= '0' && *p <= '9'; p++) ;
    if (!*p || (hints->ai_flags & AI_NUMERICSERV)) return 0;
    if (hints->ai_socktype == SOCK_DGRAM || hints->ai_protocol == IPPROTO_UDP) proto = "udp";
    else if (hints->ai_socktype == SOCK_STREAM || hints->ai_protocol == IPPROTO_TCP) proto = "tcp";
    if ((number = ws2kit_service_port(port, proto)) < 0) return WSATYPE_NOT_FOUND;
    snprintf(port, size, "%d", number);
    return 0;
}

int WINAPI getaddrinfo(const char *user_node, const char *service, const struct addrinfo *hints,
                       struct addrinfo **result)
{
    char port[NI_MAXSERV], local_name[256], node_copy[NI_MAXHOST], *node = NULL;
    struct addrinfo *none = NULL, *found;
    struct ws2kit_getaddrinfo_params params = { 0 };
    struct ws2kit_addrinfo_entry entries[MAX_ADDRINFO];
    struct addrinfo hint_copy = { 0 };
    char canonname[256] = "";
    int err;

    CHECK_STARTED(WSANOTINITIALISED);
    if (!result) return ws2kit_fail_code(WSAEINVAL);
    if (!ws2kit_write_user(result, &none, sizeof(none))) return ws2kit_fail_code(WSAEFAULT);
    if (!user_node && !service) return ws2kit_fail_code(WSAHOST_NOT_FOUND);
    /* The resolver gets our copy of the name: a name longer than NI_MAXHOST
     * is longer than DNS allows. */
    if (user_node)
    {
        switch (ws2kit_copy_user_string(user_node, node_copy, sizeof(node_copy)))
        {
        case -1: return ws2kit_fail_code(WSAEFAULT);
        case 0: return ws2kit_fail_code(WSA_INVALID_PARAMETER);
        }
        node = node_copy;
    }
    if (hints && !ws2kit_read_user(&hint_copy, hints, sizeof(hint_copy))) return ws2kit_fail_code(WSAEFAULT);

    if (service && (err = service_to_port(service, &hint_copy, port, sizeof(port)))) return ws2kit_fail_code(err);

    params.node = (node && *node) ? node : NULL;
    params.service = service ? port : NULL;
    params.family = hint_copy.ai_family;
    params.socktype = hint_copy.ai_socktype;
    params.protocol = hint_copy.ai_protocol;
    params.flags = hint_copy.ai_flags;
    params.entries = entries;
    params.max_entries = MAX_ADDRINFO;
    params.canonname = (hint_copy.ai_flags & AI_CANONNAME) ? canonname : NULL;
    params.canonname_size = sizeof(canonname);
    /* Windows resolves "" as the computer's own name, the one gethostname gives. */
    if (node && !*node)
    {
        if (gethostname(local_name, sizeof(local_name))) return ws2kit_fail_code(GetLastError());
        params.node = local_name;
    }

    TRACE("node %s service %s family %d flags %#x\n", node ? node : "(null)",
          service ? service : "(null)", params.family, params.flags);
    if ((err = ws2kit_unix_call(ws2kit_unix_getaddrinfo, &params))) return ws2kit_fail_code(err);
    if (params.count > MAX_ADDRINFO) params.count = MAX_ADDRINFO;
    if (!(found = build_result(entries, params.count, params.canonname)))
        return ws2kit_fail_code(WSA_NOT_ENOUGH_MEMORY);
    if (!ws2kit_write_user(result, &found, sizeof(found)))
    {
        freeaddrinfo(found);
        return ws2kit_fail_code(WSAEFAULT);
    }
    return ws2kit_succeed();
}

void WINAPI freeaddrinfo(struct addrinfo *ai)
{
    while (ai)
    {
        struct addrinfo *next = ai->ai_next;
        free(ai->ai_canonname);
        free(ai);
        ai = next;
    }
}

/* Windows names ports from its own services file (the prefix's), not the
 * host's: the resolver is asked for the number, and the name, if the file
 * has one, replaces it in serv (serv_size bytes). */
static int name_service(const SOCKADDR_STORAGE *addr, char *serv, DWORD serv_size, int flags)
{
    const char *proto = (flags & NI_DGRAM) ? "udp" : "tcp";
    char name[NI_MAXSERV];
    USHORT port = ((const struct sockaddr_in *)addr)->sin_port; /* same place for IPv6 */

    if ((flags & NI_NUMERICSERV) || !ws2kit_service_name(port, proto, name, sizeof(name))) return 0;
    if (strlen(name) >= serv_size) return WSAEFAULT;
    strcpy(serv, name);
    return 0;
}

int WINAPI getnameinfo(const struct sockaddr *addr, socklen_t addrlen, char *host, DWORD host_size,
                       char *serv, DWORD serv_size, int flags)
{
    struct ws2kit_getnameinfo_params params;
    SOCKADDR_STORAGE copy;
    char host_text[NI_MAXHOST], serv_text[NI_MAXSERV];
    int err;

    CHECK_STARTED(WSANOTINITIALISED);
    if (!addr || addrlen <= 0) return ws2kit_fail_code(WSAEFAULT);
    if (addrlen > (int)sizeof(copy)) addrlen = sizeof(copy);
    if (!ws2kit_read_user(&copy, addr, addrlen)) return ws2kit_fail_code(WSAEFAULT);
    /* The answers go to our buffers (no smaller than the caller's, as far as
     * any name goes) and reach the caller's whole or not at all. */
    params.addr = (const unsigned char *)&copy;
    params.addrlen = addrlen;
    params.host = host ? host_text : NULL;
    params.host_size = host ? min(host_size, sizeof(host_text)) : 0;
    params.serv = serv ? serv_text : NULL;
    params.serv_size = serv ? min(serv_size, sizeof(serv_text)) : 0;
    params.flags = flags | NI_NUMERICSERV;
    if ((err = ws2kit_unix_call(ws2kit_unix_getnameinfo, &params))) return ws2kit_fail_code(err);
    if (params.serv_size && (err = name_service(&copy, serv_text, params.serv_size, flags))) return ws2kit_fail_code(err);
    if (params.host_size && !ws2kit_write_user(host, host_text, strlen(host_text) + 1)) return ws2kit_fail_code(WSAEFAULT);
    if (params.serv_size && !ws2kit_write_user(serv, serv_text, strlen(serv_text) + 1)) return ws2kit_fail_code(WSAEFAULT);
    return ws2kit_succeed();
}
