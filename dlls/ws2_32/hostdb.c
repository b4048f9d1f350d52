/* The Winsock 1 database calls: gethostbyname and gethostbyaddr (on the
 * resolver behind getaddrinfo/getnameinfo), getprotobyname/-bynumber (on
 * Windows' own protocol list) and getservbyname/-byport (on the prefix's
 * services file, services.c).  As on Windows, each returns a structure that
 * belongs to the calling thread and stays valid until its next such call. */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

#define MAX_HOST_ADDRS 35
#define MAX_HOST_NAME 256

struct host_buffer
{
    struct hostent ent;
    char *aliases[1];
    char *addr_list[MAX_HOST_ADDRS + 1];
    unsigned char addrs[MAX_HOST_ADDRS][16];
    char name[MAX_HOST_NAME];
};

struct proto_buffer
{
    struct protoent ent;
    char *aliases[2];
    char name[16], alias[16];
};

/* The answers of the calls below, one set per thread (struct ws2kit_thread). */
struct ws2kit_hostdb_buffers
{
    struct host_buffer host;
    struct proto_buffer proto;
    struct ws2kit_service_line serv;
};

/* The calling thread's buffers, made on its first call; NULL without memory. */
static struct ws2kit_hostdb_buffers *thread_buffers(void)
{
    struct ws2kit_thread *thread = ws2kit_thread();

    if (thread && !thread->hostdb) thread->hostdb = calloc(1, sizeof(*thread->hostdb));
    return thread ? thread->hostdb : NULL;
}

/* Sets the thread's Winsock error and returns NULL, for `return db_fail(...)`. */
static void *db_fail(int error)
{
    ws2kit_fail(error);
    return NULL;
}

/* Starts the thread's hostent for a family and a name. */
static struct hostent *host_begin(int family, const char *name)
{
    struct ws2kit_hostdb_buffers *all = thread_buffers();
    struct host_buffer *b;

    if (!all) return NULL;
    b = &all->host;
    memset(b, 0, sizeof(*b));
    lstrcpynA(b->name, name, sizeof(b->name));
    b->ent.h_name = b->name;
    b->ent.h_aliases = b->aliases;
    b->ent.h_addrtype = family;
    b->ent.h_length = family == AF_INET6 ? 16 : 4;
    b->ent.h_addr_list = b->addr_list;
    return &b->ent;
}

/* Adds an address once; FALSE when the list is full. */
static BOOL host_add(const void *addr)
{
    struct host_buffer *b = &thread_buffers()->host; /* host_begin made them */
    int i, len = b->ent.h_length;

    for (i = 0; b->addr_list[i]; i++)
        if (!memcmp(b->addr_list[i], addr, len)) return TRUE;
    if (i == MAX_HOST_ADDRS) return FALSE;
    memcpy(b->addrs[i], addr, len);
    b->addr_list[i] = (char *)b->addrs[i];
    return TRUE;
}

struct hostent *WINAPI gethostbyname(const char *user_name)
{
    struct addrinfo hints = { 0 }, *result, *ai;
    char name[MAX_HOST_NAME];
    struct hostent *ent;
    int err;

    CHECK_STARTED(NULL);
    /* NULL or "" is the local host, by the name gethostname gives. */
    if (!user_name || (ws2kit_read_user(name, user_name, 1) && !name[0]))
    {
        if (gethostname(name, sizeof(name))) return NULL;
    }
    else if (!ws2kit_read_user_string(user_name, name, sizeof(name))) return db_fail(WSAEFAULT);

    hints.ai_family = AF_INET;
    hints.ai_flags = AI_CANONNAME;
    if ((err = getaddrinfo(name, NULL, &hints, &result))) return db_fail(err);
    if (!(ent = host_begin(AF_INET, result->ai_canonname ? result->ai_canonname : name)))
    {
        freeaddrinfo(result);
        return db_fail(WSAENOBUFS);
    }
    for (ai = result; ai; ai = ai->ai_next)
        if (!host_add(&((struct sockaddr_in *)ai->ai_addr)->sin_addr)) break;
    freeaddrinfo(result);
    TRACE("%s: %s\n", name, ent->h_name); /* not inet_ntoa: that would reuse the caller's buffer */
    ws2kit_succeed();
    return ent;
}

struct hostent *WINAPI gethostbyaddr(const char *user_addr, int len, int type)
{
    SOCKADDR_STORAGE sa = { 0 };
    int sa_len, need = type == AF_INET6 ? 16 : 4, err;
    char name[NI_MAXHOST];
    struct hostent *ent;
    unsigned char addr[16];

    CHECK_STARTED(NULL);
    if (type != AF_INET && type != AF_INET6) return db_fail(WSAEAFNOSUPPORT);
    if (!user_addr || len < need || !ws2kit_read_user(addr, user_addr, need)) return db_fail(WSAEFAULT);
    sa.ss_family = type;
    if (type == AF_INET)
    {
        memcpy(&((struct sockaddr_in *)&sa)->sin_addr, addr, 4);
        sa_len = sizeof(struct sockaddr_in);
    }
    else
    {
        memcpy(&((struct sockaddr_in6 *)&sa)->sin6_addr, addr, 16);
        sa_len = sizeof(struct sockaddr_in6);
    }
    if ((err = getnameinfo((struct sockaddr *)&sa, sa_len, name, sizeof(name), NULL, 0, NI_NAMEREQD)))
        return db_fail(err);
    if (!(ent = host_begin(type, name))) return db_fail(WSAENOBUFS);
    host_add(addr);
    TRACE("%s\n", name);
    ws2kit_succeed();
    return ent;
}

/* Protocols ---------------------------------------------------------------- */

/* Windows' %SystemRoot%\system32\drivers\etc\protocol, one row per line. */
static const struct
{
    const char *name;
    int number;
    const char *alias;
} protocol_db[] = {
    { "ip",         0,  "IP" },
    { "icmp",       1,  "ICMP" },
    { "ggp",        3,  "GGP" },
    { "tcp",        6,  "TCP" },
    { "egp",        8,  "EGP" },
    { "pup",        12, "PUP" },
    { "udp",        17, "UDP" },
    { "hmp",        20, "HMP" },
    { "xns-idp",    22, "XNS-IDP" },
    { "rdp",        27, "RDP" },
    { "ipv6",       41, "IPv6" },
    { "ipv6-route", 43, "IPv6-Route" },
    { "ipv6-frag",  44, "IPv6-Frag" },
    { "esp",        50, "ESP" },
    { "ah",         51, "AH" },
    { "ipv6-icmp",  58, "IPv6-ICMP" },
    { "ipv6-nonxt", 59, "IPv6-NoNxt" },
    { "ipv6-opts",  60, "IPv6-Opts" },
    { "rvd",        66, "RVD" },
};

#define PROTOCOL_DB_SIZE (sizeof(protocol_db) / sizeof(protocol_db[0]))



static struct protoent *proto_entry(size_t row)
{
    struct ws2kit_hostdb_buffers *all = thread_buffers();
    struct proto_buffer *b;

    if (!all) return db_fail(WSAENOBUFS);
    b = &all->proto;
    lstrcpynA(b->name, protocol_db[row].name, sizeof(b->name));
    lstrcpynA(b->alias, protocol_db[row].alias, sizeof(b->alias));
    b->aliases[0] = b->alias;
    b->aliases[1] = NULL;
    b->ent.p_name = b->name;
    b->ent.p_aliases = b->aliases;
    b->ent.p_proto = (short)protocol_db[row].number;
    ws2kit_succeed();
    return &b->ent;
}

struct protoent *WINAPI getprotobyname(const char *user_name)
{
    char name[MAX_HOST_NAME];
    size_t i;

    CHECK_STARTED(NULL);
    if (!user_name || !ws2kit_read_user_string(user_name, name, sizeof(name))) return db_fail(WSAEFAULT);
    for (i = 0; i < PROTOCOL_DB_SIZE; i++)
        if (!_stricmp(name, protocol_db[i].name) || !_stricmp(name, protocol_db[i].alias)) return proto_entry(i);
    TRACE("%s: not found\n", name);
    return db_fail(WSANO_DATA);
}

struct protoent *WINAPI getprotobynumber(int number)
{
    size_t i;

    CHECK_STARTED(NULL);
    for (i = 0; i < PROTOCOL_DB_SIZE; i++)
        if (protocol_db[i].number == number) return proto_entry(i);
    TRACE("%d: not found\n", number);
    return db_fail(WSANO_DATA);
}

/* Services ------------------------------------------------------------------ */

static struct servent *find_service(const char *name, int port, const char *proto)
{
    struct ws2kit_hostdb_buffers *all = thread_buffers();

    return all ? ws2kit_find_service(&all->serv, name, port, proto) : db_fail(WSAENOBUFS);
}

struct servent *WINAPI getservbyname(const char *user_name, const char *user_proto)
{
    char name[MAX_HOST_NAME], proto[32];

    CHECK_STARTED(NULL);
    if (!user_name || !ws2kit_read_user_string(user_name, name, sizeof(name))) return db_fail(WSAEFAULT);
    if (user_proto && !ws2kit_read_user_string(user_proto, proto, sizeof(proto))) return db_fail(WSAEFAULT);
    TRACE("%s/%s\n", name, user_proto ? proto : "any");
    return find_service(name, 0, user_proto ? proto : NULL);
}

struct servent *WINAPI getservbyport(int port, const char *user_proto)
{
    char proto[32];

    CHECK_STARTED(NULL);
    if (user_proto && !ws2kit_read_user_string(user_proto, proto, sizeof(proto))) return db_fail(WSAEFAULT);
    TRACE("%u/%s\n", ws2kit_ntohs((u_short)port), user_proto ? proto : "any");
    return find_service(NULL, (u_short)port, user_proto ? proto : NULL);
}
