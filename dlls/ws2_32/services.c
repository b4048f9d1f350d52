/* The services database: the services file under the system directory,
 * read a line at a time, for getservbyname/-byport (hostdb.c) and for the
 * service names and ports of getaddrinfo/getnameinfo (addr.c). */
#include "ws2_32_private.h"

static struct servent *no_service(void)
{
    ws2kit_fail(WSANO_DATA);
    return NULL;
}

/* Like Windows, the services come from the services file under the system
 * directory (the prefix's, not the host's /etc/services), read at each call. */
static FILE *open_services(void)
{
    char path[MAX_PATH];
    UINT len = GetSystemDirectoryA(path, sizeof(path));

    if (!len || len + sizeof("\\drivers\\etc\\services") > sizeof(path)) return NULL;
    strcat(path, "\\drivers\\etc\\services");
    return fopen(path, "r");
}

/* Splits one services line ("name port/proto aliases... # comment") into
 * ent; FALSE for comments, blank or malformed lines. */
static BOOL parse_service(char *line, struct servent *ent, char **aliases)
{
    char *name, *port_proto, *proto, *alias, *end, *hash = strchr(line, '#');
    unsigned long port;
    int n = 0;

    if (hash) *hash = 0;
    if (!(name = strtok(line, " \t\r\n")) || !(port_proto = strtok(NULL, " \t\r\n"))) return FALSE;
    if (!(proto = strchr(port_proto, '/'))) return FALSE;
    *proto++ = 0;
    port = strtoul(port_proto, &end, 10);
    if (*end || end == port_proto || port > 0xffff || !*proto) return FALSE;
    while (n < WS2KIT_SERVICE_ALIASES && (alias = strtok(NULL, " \t\r\n"))) aliases[n++] = alias;
    aliases[n] = NULL;
    ent->s_name = name;
    ent->s_aliases = aliases;
    ent->s_proto = proto;
    ent->s_port = ws2kit_htons((u_short)port);
    return TRUE;
}

static BOOL service_named(const struct servent *ent, const char *name)
{
    char **alias;

    if (!_stricmp(ent->s_name, name)) return TRUE;
    for (alias = ent->s_aliases; *alias; alias++)
        if (!_stricmp(*alias, name)) return TRUE;
    return FALSE;
}

/* The first line that matches the name (or, with no name, the port) and the
 * protocol, if one is given, parsed into b. */
struct servent *ws2kit_find_service(struct ws2kit_service_line *b, const char *name, int port, const char *proto)
{
    FILE *file = open_services();

    if (!file) return no_service();
    while (fgets(b->line, sizeof(b->line), file))
    {
        if (!parse_service(b->line, &b->ent, b->aliases)) continue;
        if (proto && _stricmp(b->ent.s_proto, proto)) continue;
        if (name ? !service_named(&b->ent, name) : (u_short)b->ent.s_port != port) continue;
        fclose(file);
        ws2kit_succeed();
        return &b->ent;
    }
    fclose(file);
    return no_service();
}

/* A port's service name (network-order port) from the services file, for
 * getnameinfo; FALSE if it has none.  Leaves the thread's servent alone. */
BOOL ws2kit_service_name(int port, const char *proto, char *name, size_t size)
{
    struct ws2kit_service_line b;
    struct servent *ent = ws2kit_find_service(&b, NULL, (u_short)port, proto);

    if (!ent || strlen(ent->s_name) >= size) return FALSE;
    strcpy(name, ent->s_name);
    return TRUE;
}

/* A service name's port (host order) from the services file, for
 * getaddrinfo; -1 if it has none.  Leaves the thread's servent alone. */
int ws2kit_service_port(const char *name, const char *proto)
{
    struct ws2kit_service_line b;
    struct servent *ent = ws2kit_find_service(&b, name, 0, proto);

    return ent ? ws2kit_ntohs(ent->s_port) : -1;
}
