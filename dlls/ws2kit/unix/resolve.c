/* Name resolution with the host resolver, in Windows terms: Windows flag and
 * family numbers in, Windows sockaddr layout and Winsock errors out. */
#define _GNU_SOURCE
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "unix_private.h"

/* AI_* numbers differ between Windows (ws2def.h) and glibc (netdb.h). */
static const struct ws2kit_bit_pair ai_flags[] =
{
    { 0x0001, AI_PASSIVE },
    { 0x0002, AI_CANONNAME },
    { 0x0004, AI_NUMERICHOST },
    { 0x0008, AI_NUMERICSERV },
    { 0x0100, AI_ALL },
    { 0x0400, AI_ADDRCONFIG },
    { 0x0800, AI_V4MAPPED },
};

static const struct ws2kit_bit_pair ni_flags[] =
{
    { 0x01, NI_NOFQDN },
    { 0x02, NI_NUMERICHOST },
    { 0x04, NI_NAMEREQD },
    { 0x08, NI_NUMERICSERV },
    { 0x10, NI_DGRAM },
};

static int family_to_linux(int family)
{
    switch (family)
    {
    case 0: return AF_UNSPEC;
    case WS_AF_INET: return AF_INET;
    case WS_AF_INET6: return AF_INET6;
    default: return -1;
    }
}

static int family_to_windows(int family)
{
    return family == AF_INET6 ? WS_AF_INET6 : family;
}

/* Linux and Windows sockaddr_in/sockaddr_in6 share a layout; only the
 * family number of IPv6 differs.  Returns 0 for other families. */
int ws2kit_sockaddr_to_windows(const void *addr, unsigned int len, unsigned char *win, int *win_len)
{
    const struct sockaddr *sa = addr;

    if (len > WS2KIT_MAX_SOCKADDR || (sa->sa_family != AF_INET && sa->sa_family != AF_INET6)) return 0;
    memcpy(win, sa, len);
    win[0] = family_to_windows(sa->sa_family) & 0xff;
    win[1] = 0;
    *win_len = len;
    return 1;
}

/* The other way: returns 0 or the WSA error for a bad family or length. */
int ws2kit_sockaddr_to_linux(const unsigned char *win, int win_len, void *storage, unsigned int *len)
{
    int family;

    if (win_len < 2) return WSAEFAULT;
    family = family_to_linux(win[0] | (win[1] << 8));
    if (family == AF_INET) *len = sizeof(struct sockaddr_in);
    else if (family == AF_INET6) *len = sizeof(struct sockaddr_in6);
    else return WSAEAFNOSUPPORT;
    if (win_len < (int)*len) return WSAEFAULT;
    memcpy(storage, win, *len);
    ((struct sockaddr *)storage)->sa_family = family;
    return 0;
}

static int seen_before(const struct ws2kit_addrinfo_entry *entries, uint32_t count,
                       const struct ws2kit_addrinfo_entry *entry)
{
    uint32_t i;
    for (i = 0; i < count; i++)
        if (entries[i].family == entry->family && entries[i].addrlen == entry->addrlen &&
            !memcmp(entries[i].addr, entry->addr, entry->addrlen))
            return 1;
    return 0;
}

/* Addresses remembered to drop glibc's duplicates (one per socket type). */
#define MAX_UNIQUE 256

/* Whether a name is this computer's own: its host name, or that name's
 * first label (what Windows' GetComputerName gives), in any case. */
static int is_own_host_name(const char *node)
{
    char name[256];
    size_t label;

    if (!node || gethostname(name, sizeof(name))) return 0;
    name[sizeof(name) - 1] = 0;
    if (!strcasecmp(node, name)) return 1;
    label = strcspn(name, ".");
    return strlen(node) == label && !strncasecmp(node, name, label);
}

/* Appends the `interfaces` that are up and whose loopback flag is
 * `loopback`, IPv6 first, each with the port of `port_source`. */
static uint32_t add_own_addresses(struct ws2kit_getaddrinfo_params *params, const struct ws2kit_interface *interfaces,
                                  uint32_t count, const struct addrinfo *port_source, uint32_t loopback)
{
    static const int order[] = { WS_AF_INET6, WS_AF_INET };
    uint32_t i, n = 0, o;
    unsigned char port[2];

    memcpy(port, port_source->ai_addr->sa_data, 2);   /* sin_port and sin6_port sit at the same offset */
    for (o = 0; o < 2; o++)
        for (i = 0; i < count; i++)
        {
            struct ws2kit_addrinfo_entry entry;

            if (interfaces[i].family != order[o] || (interfaces[i].flags & WS2KIT_IFF_LOOPBACK) != loopback ||
                !(interfaces[i].flags & WS2KIT_IFF_UP))
                continue;
            memset(&entry, 0, sizeof(entry));
            entry.family = interfaces[i].family;
            entry.socktype = params->socktype;
            entry.protocol = params->protocol;
            entry.addrlen = interfaces[i].addrlen;
            memcpy(entry.addr, interfaces[i].addr, sizeof(entry.addr));
            memcpy(entry.addr + 2, port, 2);
            if (n < params->max_entries) params->entries[n] = entry;
            n++;
        }
    return n;
}

/* Windows answers its own computer name with the addresses of its network
 * interfaces, not with a loopback address; Debian's /etc/hosts maps the
 * host name to 127.0.1.1 (gVisor's to 127.0.0.1), and LAN games advertise
 * what this returns.  With no interface up but loopback it answers ::1 and
 * 127.0.0.1: its own name always resolves, even where the host's resolver
 * does not know the name (a container whose /etc/hosts lacks it).
 * IPv6 first, as Windows' default policy orders them.  The port comes from
 * `port_source`, the resolver's answer for no name.
 * Returns how many addresses there are (0: none at all; resolve as usual). */
static uint32_t own_addresses(struct ws2kit_getaddrinfo_params *params, const struct addrinfo *port_source)
{
    static __thread struct ws2kit_interface interfaces[64];
    struct ws2kit_interfaces_params list = { params->family, interfaces, 64, 0 };
    uint32_t n;

    if (ws2kit_interfaces(&list) || !port_source) return 0;
    if (list.count > 64) list.count = 64;
    if (!(n = add_own_addresses(params, interfaces, list.count, port_source, 0)))
        n = add_own_addresses(params, interfaces, list.count, port_source, WS2KIT_IFF_LOOPBACK);
    return n;
}

int ws2kit_getaddrinfo(struct ws2kit_getaddrinfo_params *params)
{
    static __thread struct ws2kit_addrinfo_entry unique[MAX_UNIQUE];
    struct addrinfo hints, *result, *ai;
    unsigned int unknown;
    int flags, family, ret;
    uint32_t n = 0;

    /* AI_FQDN (0x20000), AI_FILESERVER and friends are hints Linux cannot act on;
     * any other flag without a Linux counterpart is refused. */
    flags = ws2kit_bits_to_other(WS2KIT_BIT_MAP(ai_flags),
                                 params->flags & ~(0x00020000 | 0x00040000 | 0x00004000 | 0x00008000), &unknown);
    if (unknown) return WSAEINVAL;
    if ((family = family_to_linux(params->family)) < 0) return WSAEAFNOSUPPORT;

    memset(&hints, 0, sizeof(hints));
    hints.ai_flags = flags;
    hints.ai_family = family;
    hints.ai_socktype = params->socktype;
    /* Windows takes any protocol with a stream or datagram type (TCP with
     * SOCK_DGRAM, UDP or 999 with SOCK_STREAM) and echoes it; glibc refuses
     * a protocol that does not fit the type.  The type alone picks the
     * addresses, so glibc is not told the protocol then. */
    hints.ai_protocol = params->socktype ? 0 : params->protocol;

    if (is_own_host_name(params->node))
    {
        /* The resolver still checks the service and the hints, and gives the
         * port; with no name it refuses AI_CANONNAME, which is answered below. */
        struct addrinfo port_hints = hints;

        port_hints.ai_flags &= ~AI_CANONNAME;
        if ((ret = getaddrinfo(NULL, params->service ? params->service : "0", &port_hints, &result)))
            return ws2kit_eai_to_wsa(ret);
        n = own_addresses(params, result);
        freeaddrinfo(result);
        if (n)
        {
            if (params->canonname && params->canonname_size)
                snprintf(params->canonname, params->canonname_size, "%s", params->node);
            params->count = n;
            return 0;
        }
    }
    if ((ret = getaddrinfo(params->node, params->service, &hints, &result)))
        return ws2kit_eai_to_wsa(ret);

    if (params->canonname && params->canonname_size)
    {
        params->canonname[0] = 0;
        if (result->ai_canonname)
        {
            strncpy(params->canonname, result->ai_canonname, params->canonname_size - 1);
            params->canonname[params->canonname_size - 1] = 0;
        }
    }
    for (ai = result; ai; ai = ai->ai_next)
    {
        struct ws2kit_addrinfo_entry entry;

        if (ai->ai_family != AF_INET && ai->ai_family != AF_INET6) continue;
        memset(&entry, 0, sizeof(entry));
        entry.family = family_to_windows(ai->ai_family);
        /* Windows gives one entry per address and echoes the hints' socket
         * type and protocol; glibc gives one entry per type it fills in. */
        entry.socktype = params->socktype;
        entry.protocol = params->protocol;
        if (!ws2kit_sockaddr_to_windows(ai->ai_addr, ai->ai_addrlen, entry.addr, &entry.addrlen)) continue;
        if (seen_before(unique, n < MAX_UNIQUE ? n : MAX_UNIQUE, &entry)) continue;
        if (n < MAX_UNIQUE) unique[n] = entry;
        if (n < params->max_entries) params->entries[n] = entry;
        n++;
    }
    freeaddrinfo(result);
    params->count = n;
    return n ? 0 : WSAHOST_NOT_FOUND;
}

int ws2kit_getnameinfo(struct ws2kit_getnameinfo_params *params)
{
    struct sockaddr_storage ss;
    unsigned int len, unknown;
    int flags, err;

    if (params->addrlen < 2) return WSAEFAULT;
    flags = ws2kit_bits_to_other(WS2KIT_BIT_MAP(ni_flags), params->flags, &unknown);
    if (unknown) return WSAEINVAL;
    if ((err = ws2kit_sockaddr_to_linux(params->addr, params->addrlen, &ss, &len))) return err;
    return ws2kit_eai_to_wsa(getnameinfo((struct sockaddr *)&ss, len, params->host, params->host_size,
                                         params->serv, params->serv_size, flags));
}

int ws2kit_gethostname(struct ws2kit_gethostname_params *params)
{
    char name[256];
    size_t len;

    if (gethostname(name, sizeof(name))) return ws2kit_errno_to_wsa(errno);
    name[sizeof(name) - 1] = 0;
    len = strlen(name) + 1;
    params->needed = len;
    if (len > params->size) return WSAEFAULT;
    memcpy(params->name, name, len);
    return 0;
}
