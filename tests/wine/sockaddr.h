/* Socket address helpers for the Windows tests: loopback addresses, ports,
 * comparison and text.  They avoid the functions under test (htons, inet_*)
 * so that a broken helper in the DLL cannot hide a broken socket call.
 * Include after winsock2.h, ws2tcpip.h and harness.h. */
#ifndef WS2KIT_SOCKADDR_H
#define WS2KIT_SOCKADDR_H

static __attribute__((unused)) int sa_len(int family)
{
    return family == AF_INET6 ? (int)sizeof(struct sockaddr_in6) : (int)sizeof(struct sockaddr_in);
}

static __attribute__((unused)) const char *fam_name(int family)
{
    return family == AF_INET6 ? "IPv6" : "IPv4";
}

/* network-order 16-bit value from a host-order one, by bytes */
static __attribute__((unused)) USHORT port_net(unsigned int host_port)
{
    USHORT v;
    unsigned char *b = (unsigned char *)&v;
    b[0] = (unsigned char)(host_port >> 8);
    b[1] = (unsigned char)host_port;
    return v;
}

static __attribute__((unused)) unsigned int port_host(USHORT net)
{
    const unsigned char *b = (const unsigned char *)&net;
    return ((unsigned int)b[0] << 8) | b[1];
}

static __attribute__((unused)) void make_loopback(int family, struct sockaddr_storage *ss, unsigned int port)
{
    memset(ss, 0, sizeof(*ss));
    if (family == AF_INET6)
    {
        struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
        sin6->sin6_family = AF_INET6;
        sin6->sin6_port = port_net(port);
        sin6->sin6_addr.s6_addr[15] = 1;
    }
    else
    {
        struct sockaddr_in *sin = (struct sockaddr_in *)ss;
        unsigned char *a = (unsigned char *)&sin->sin_addr;
        sin->sin_family = AF_INET;
        sin->sin_port = port_net(port);
        a[0] = 127; a[1] = 0; a[2] = 0; a[3] = 1;
    }
}

static __attribute__((unused)) unsigned int sa_port(const void *p)
{
    const struct sockaddr *sa = p;
    if (sa->sa_family == AF_INET6) return port_host(((const struct sockaddr_in6 *)sa)->sin6_port);
    if (sa->sa_family == AF_INET) return port_host(((const struct sockaddr_in *)sa)->sin_port);
    return 0;
}

static __attribute__((unused)) BOOL sa_is_loopback(const void *p)
{
    const struct sockaddr *sa = p;
    static const unsigned char v6[16] = {0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1};
    if (sa->sa_family == AF_INET)
    {
        const unsigned char *a = (const unsigned char *)&((const struct sockaddr_in *)sa)->sin_addr;
        return a[0] == 127 && a[1] == 0 && a[2] == 0 && a[3] == 1;
    }
    if (sa->sa_family == AF_INET6)
        return !memcmp(&((const struct sockaddr_in6 *)sa)->sin6_addr, v6, 16);
    return FALSE;
}

static __attribute__((unused)) BOOL sa_is_any(const void *p)
{
    const struct sockaddr *sa = p;
    static const unsigned char zero[16];
    if (sa->sa_family == AF_INET)
        return !memcmp(&((const struct sockaddr_in *)sa)->sin_addr, zero, 4);
    if (sa->sa_family == AF_INET6)
        return !memcmp(&((const struct sockaddr_in6 *)sa)->sin6_addr, zero, 16);
    return FALSE;
}

static __attribute__((unused)) BOOL sa_equal(const void *pa, const void *pb)
{
    const struct sockaddr *a = pa, *b = pb;
    if (a->sa_family != b->sa_family) return FALSE;
    if (a->sa_family == AF_INET)
    {
        const struct sockaddr_in *x = pa, *y = pb;
        return x->sin_port == y->sin_port && !memcmp(&x->sin_addr, &y->sin_addr, 4);
    }
    if (a->sa_family == AF_INET6)
    {
        const struct sockaddr_in6 *x = pa, *y = pb;
        return x->sin6_port == y->sin6_port && x->sin6_scope_id == y->sin6_scope_id
            && !memcmp(&x->sin6_addr, &y->sin6_addr, 16);
    }
    return FALSE;
}

static __attribute__((unused)) const char *sa_str(const void *p)
{
    static char bufs[8][96];
    static unsigned int next;
    char *buf = bufs[next++ % 8];
    const struct sockaddr *sa = p;

    if (sa->sa_family == AF_INET)
    {
        const unsigned char *a = (const unsigned char *)&((const struct sockaddr_in *)sa)->sin_addr;
        sprintf(buf, "%u.%u.%u.%u:%u", a[0], a[1], a[2], a[3], sa_port(sa));
    }
    else if (sa->sa_family == AF_INET6)
    {
        const unsigned char *a = ((const struct sockaddr_in6 *)sa)->sin6_addr.s6_addr;
        sprintf(buf, "[%x:%x:%x:%x:%x:%x:%x:%x]:%u",
                a[0] << 8 | a[1], a[2] << 8 | a[3], a[4] << 8 | a[5], a[6] << 8 | a[7],
                a[8] << 8 | a[9], a[10] << 8 | a[11], a[12] << 8 | a[13], a[14] << 8 | a[15],
                sa_port(sa));
    }
    else
        sprintf(buf, "<family %d>", sa->sa_family);
    return buf;
}

#endif
