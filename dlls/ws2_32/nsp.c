/* The namespace side of Winsock: the namespace providers Windows lists
 * (WSAEnumNameSpaceProviders) and the NS_DNS provider's host-name lookups
 * (WSALookupServiceBegin/Next/End, WSANSPIoctl), answered by the same
 * resolver as getaddrinfo and getnameinfo.
 *
 * Lookups follow Windows' DNS provider: WSALookupServiceBegin only checks the
 * query, the first WSALookupServiceNext resolves, each Next gives one result
 * (the host, then its aliases with RESULT_IS_ALIAS) packed into the caller's
 * buffer, and a result that does not fit is kept for the next call (WSAEFAULT
 * and the size needed) unless that call says LUP_FLUSHPREVIOUS. */
#include "ws2_32_private.h"
#include <svcguid.h>

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

NTSTATUS NTAPI NtSetIoCompletion(HANDLE, ULONG_PTR, ULONG_PTR, NTSTATUS, SIZE_T);

/* Namespace providers ------------------------------------------------------ */

/* What a Windows 10 installation lists, in its order.  Only NS_DNS answers
 * lookups here; the others are listed so that programs see Windows' list. */
static const struct ns_provider
{
    GUID id;
    DWORD name_space, version;
    const WCHAR *identifier;
} ns_providers[] =
{
    { { 0x6642243a, 0x3ba8, 0x4aa6, { 0xba, 0xa5, 0x2e, 0x0b, 0xd7, 0x1f, 0xdd, 0x83 } },
      NS_NLA, 1, L"Network Location Awareness Legacy" },
    { { 0x22059d40, 0x7e9e, 0x11cf, { 0xae, 0x5a, 0x00, 0xaa, 0x00, 0xa7, 0x11, 0x2b } },
      NS_DNS, 1, L"Tcpip" },
    { { 0x3b2637ee, 0xe580, 0x11cf, { 0xa5, 0x55, 0x00, 0xc0, 0x4f, 0xd8, 0xd4, 0xac } },
      NS_NTDS, 1, L"Microsoft Windows NT/2k/XP Name Space" },
    { { 0x964acba2, 0xb2bc, 0x40eb, { 0x8c, 0x6a, 0xa6, 0xdb, 0x40, 0x16, 0x1c, 0xae } },
      NS_EMAIL, 1, L"E-mail Naming Shim Provider" },
    { { 0x03fe89ce, 0x766d, 0x4976, { 0xb9, 0xc1, 0xbb, 0x9b, 0xc4, 0x2c, 0x7b, 0x4d } },
      NS_PNRPCLOUD, 1, L"PNRP Cloud Namespace Provider" },
    { { 0x03fe89cd, 0x766d, 0x4976, { 0xb9, 0xc1, 0xbb, 0x9b, 0xc4, 0x2c, 0x7b, 0x4d } },
      NS_PNRPNAME, 1, L"PNRP Name Namespace Provider" },
};

#define NS_PROVIDER_COUNT (sizeof(ns_providers) / sizeof(ns_providers[0]))
#define DNS_PROVIDER (&ns_providers[1])

DWORD ws2kit_ns_provider_count(void)
{
    return NS_PROVIDER_COUNT;
}

const GUID *ws2kit_ns_provider_find(const GUID *id)
{
    size_t i;

    for (i = 0; i < NS_PROVIDER_COUNT; i++)
        if (IsEqualGUID(&ns_providers[i].id, id)) return &ns_providers[i].id;
    return NULL;
}

/* Strings go after the records; Windows aligns them to pointer size. */
#define ALIGN_PTR(n) (((n) + sizeof(void *) - 1) & ~(sizeof(void *) - 1))

static int enum_ns_providers(DWORD *user_len, void *user_buffer, BOOL ansi)
{
    size_t record = ansi ? sizeof(WSANAMESPACE_INFOA) : sizeof(WSANAMESPACE_INFOW);
    size_t need = NS_PROVIDER_COUNT * record, i, pos;
    BYTE *out;
    DWORD len;

    CHECK_STARTED(SOCKET_ERROR);
    if (!user_len || !ws2kit_read_user(&len, user_len, sizeof(len))) return ws2kit_fail(WSAEFAULT);
    for (i = 0; i < NS_PROVIDER_COUNT; i++)
        need += ALIGN_PTR((lstrlenW(ns_providers[i].identifier) + 1) * (ansi ? 1 : sizeof(WCHAR)));
    if (!user_buffer || len < need)
    {
        len = need;
        ws2kit_write_user(user_len, &len, sizeof(len));
        return ws2kit_fail(WSAEFAULT);
    }
    if (!(out = calloc(1, need))) return ws2kit_fail(WSA_NOT_ENOUGH_MEMORY);
    pos = NS_PROVIDER_COUNT * record;
    for (i = 0; i < NS_PROVIDER_COUNT; i++)
    {
        const struct ns_provider *p = &ns_providers[i];
        /* WSANAMESPACE_INFOA and W differ only in the string's type. */
        WSANAMESPACE_INFOW *info = (WSANAMESPACE_INFOW *)(out + i * record);
        int chars = lstrlenW(p->identifier) + 1;

        info->NSProviderId = p->id;
        info->dwNameSpace = p->name_space;
        info->fActive = TRUE;
        info->dwVersion = p->version;
        info->lpszIdentifier = (WCHAR *)((BYTE *)user_buffer + pos);
        if (ansi) WideCharToMultiByte(CP_ACP, 0, p->identifier, -1, (char *)out + pos, chars, NULL, NULL);
        else memcpy(out + pos, p->identifier, chars * sizeof(WCHAR));
        pos += ALIGN_PTR(chars * (ansi ? 1 : sizeof(WCHAR)));
    }
    if (!ws2kit_write_user(user_buffer, out, need))
    {
        free(out);
        return ws2kit_fail(WSAEFAULT);
    }
    free(out);
    ws2kit_succeed();
    return NS_PROVIDER_COUNT;
}

INT WINAPI WSAEnumNameSpaceProvidersW(DWORD *len, WSANAMESPACE_INFOW *buffer)
{
    return enum_ns_providers(len, buffer, FALSE);
}

INT WINAPI WSAEnumNameSpaceProvidersA(DWORD *len, WSANAMESPACE_INFOA *buffer)
{
    return enum_ns_providers(len, buffer, TRUE);
}

/* Queries ------------------------------------------------------------------- */

/* The service classes the DNS provider answers here. */
enum host_query { QUERY_HOSTNAME, QUERY_ADDR_BY_NAME, QUERY_ADDR_BY_STRING };

static const struct
{
    GUID id;
    enum host_query query;
} host_classes[] =
{
    { SVCID_HOSTNAME, QUERY_HOSTNAME },
    { SVCID_INET_HOSTADDRBYNAME, QUERY_ADDR_BY_NAME },
    { SVCID_INET_HOSTADDRBYINETSTRING, QUERY_ADDR_BY_STRING },
};

#define MAX_RESULT_ADDRS 35
#define MAX_NAME 256
#define MAX_NOTIFY 8
#define MAX_LOOKUPS 64

#define LUP_RETURN_FLAGS (LUP_RETURN_NAME | LUP_RETURN_TYPE | LUP_RETURN_VERSION | LUP_RETURN_COMMENT | \
                          LUP_RETURN_ADDR | LUP_RETURN_BLOB | LUP_RETURN_ALIASES | LUP_RETURN_QUERY_STRING)

/* A pending SIO_NSP_NOTIFY_CHANGE: how to tell the caller. */
struct notify
{
    WSACOMPLETION completion;
    HANDLE thread;           /* for NSP_NOTIFY_APC: the thread that asked */
};

struct lookup
{
    DWORD flags;             /* WSALookupServiceBegin's control flags */
    GUID class_id;
    enum host_query query;
    char name[MAX_NAME];     /* "" for the local host */
    BOOL resolved;
    int error;               /* the resolver's answer, once resolved */
    char host[MAX_NAME];     /* the name found */
    ULONG addrs[MAX_RESULT_ADDRS];
    int addr_count;
    int next;                /* results given so far */
    BOOL too_big;            /* the last result did not fit */
    struct notify notify[MAX_NOTIFY];
    int notify_count;
    SRWLOCK lock;            /* one call at a time works on the lookup */
    LONG users;              /* calls holding it (under lookups_lock) */
    volatile BOOL ended;     /* WSALookupServiceEnd took it out of the table */
};

/* The table only maps handles to lookups; a lookup resolves under its own
 * lock, so a slow name does not hold up other lookups. */
static SRWLOCK lookups_lock = SRWLOCK_INIT;
static struct lookup *lookups[MAX_LOOKUPS];

/* Handles are small tagged numbers, so that a stale or made-up handle is
 * recognised instead of dereferenced. */
#define LOOKUP_TAG 0x6e530000
static HANDLE lookup_handle(int slot) { return (HANDLE)(ULONG_PTR)(LOOKUP_TAG | ((slot + 1) << 4)); }

/* Under lookups_lock. */
static struct lookup **lookup_slot(HANDLE handle)
{
    ULONG_PTR value = (ULONG_PTR)handle;
    ULONG_PTR slot = ((value & 0xffff) >> 4) - 1;

    if ((value & ~(ULONG_PTR)0xffff) != LOOKUP_TAG || (value & 0xf) || slot >= MAX_LOOKUPS) return NULL;
    return lookups[slot] ? &lookups[slot] : NULL;
}

/* Takes a lookup by its handle (NULL: no such handle); lookup_drop gives
 * it back, and the last one frees an ended lookup. */
static struct lookup *lookup_grab(HANDLE handle)
{
    struct lookup **slot, *lookup = NULL;

    AcquireSRWLockExclusive(&lookups_lock);
    if ((slot = lookup_slot(handle)))
    {
        lookup = *slot;
        lookup->users++;
    }
    ReleaseSRWLockExclusive(&lookups_lock);
    return lookup;
}

static void lookup_drop(struct lookup *lookup)
{
    BOOL last;

    AcquireSRWLockExclusive(&lookups_lock);
    last = !--lookup->users && lookup->ended;
    ReleaseSRWLockExclusive(&lookups_lock);
    if (last) free(lookup);
}

/* The query set fields a lookup needs, read from the caller's A or W set. */
struct query
{
    DWORD size, name_space;
    BOOL has_class, has_provider, has_name, has_context;
    GUID class_id, provider_id;
    char name[MAX_NAME];
    WCHAR context[4];
};

/* 0, WSAEFAULT for an unreadable name, or WSA_INVALID_PARAMETER for one
 * longer than a DNS name can be. */
static int read_name(const void *user, BOOL ansi, char *name)
{
    WCHAR wide[MAX_NAME];
    int copied = ansi ? ws2kit_copy_user_string(user, name, MAX_NAME) : ws2kit_copy_user_wstring(user, wide, MAX_NAME);

    if (copied < 0) return WSAEFAULT;
    if (!copied) return WSA_INVALID_PARAMETER;
    if (!ansi && !WideCharToMultiByte(CP_ACP, 0, wide, -1, name, MAX_NAME, NULL, NULL))
        return WSA_INVALID_PARAMETER;
    return 0;
}

/* 0, or the error for a query set that cannot be read. */
static int read_query(const WSAQUERYSETW *user, BOOL ansi, struct query *q)
{
    WSAQUERYSETW set; /* same layout as WSAQUERYSETA */
    int err;

    memset(q, 0, sizeof(*q));
    if (!ws2kit_read_user(&set.dwSize, &user->dwSize, sizeof(set.dwSize))) return WSAEFAULT;
    q->size = set.dwSize;
    if (set.dwSize != sizeof(set)) return 0;
    if (!ws2kit_read_user(&set, user, sizeof(set))) return WSAEFAULT;
    q->name_space = set.dwNameSpace;
    if ((q->has_class = set.lpServiceClassId != NULL) &&
        !ws2kit_read_user(&q->class_id, set.lpServiceClassId, sizeof(GUID))) return WSAEFAULT;
    if ((q->has_provider = set.lpNSProviderId != NULL) &&
        !ws2kit_read_user(&q->provider_id, set.lpNSProviderId, sizeof(GUID))) return WSAEFAULT;
    if (set.lpszServiceInstanceName)
    {
        if ((err = read_name(set.lpszServiceInstanceName, ansi, q->name))) return err;
        q->has_name = q->name[0] != 0;
    }
    if (set.lpszContext)
    {
        /* Only the root context ("" or "\") is served. */
        char context[MAX_NAME];
        if ((err = read_name(set.lpszContext, ansi, context))) return err;
        q->has_context = context[0] && strcmp(context, "\\");
    }
    return 0;
}

/* Which provider the query is for: the DNS provider, or an error. */
static int choose_provider(const struct query *q)
{
    size_t i;

    if (q->has_provider)
    {
        if (!ws2kit_ns_provider_find(&q->provider_id)) return WSAEINVAL;
        return IsEqualGUID(&q->provider_id, &DNS_PROVIDER->id) ? 0 : WSASERVICE_NOT_FOUND;
    }
    if (q->name_space == NS_ALL || q->name_space == NS_DNS) return 0;
    for (i = 0; i < NS_PROVIDER_COUNT; i++)
        if (ns_providers[i].name_space == q->name_space) return WSASERVICE_NOT_FOUND;
    return WSAEINVAL;
}

/* Checks a query in the order Windows does; 0 or the error. */
static int check_query(const struct query *q, DWORD flags, enum host_query *query)
{
    size_t i;
    int err;

    /* Windows answers a wrong dwSize or a missing class with
     * WSA_INVALID_PARAMETER (87), not WSAEINVAL. */
    if (q->size != sizeof(WSAQUERYSETW)) return WSA_INVALID_PARAMETER;
    if ((err = choose_provider(q))) return err;
    if (!q->has_class) return WSA_INVALID_PARAMETER;
    if ((flags & (LUP_CONTAINERS | LUP_NOCONTAINERS)) == (LUP_CONTAINERS | LUP_NOCONTAINERS))
        return WSA_INVALID_PARAMETER;
    if (q->has_context || (flags & LUP_CONTAINERS)) return WSANO_DATA;
    for (i = 0; i < sizeof(host_classes) / sizeof(host_classes[0]); i++)
    {
        if (!IsEqualGUID(&host_classes[i].id, &q->class_id)) continue;
        *query = host_classes[i].query;
        /* An address query needs the address. */
        if (*query == QUERY_ADDR_BY_STRING && !q->has_name) return WSA_INVALID_PARAMETER;
        return 0;
    }
    return WSASERVICE_NOT_FOUND;
}

static INT lookup_begin(const WSAQUERYSETW *user_set, DWORD flags, HANDLE *user_handle, BOOL ansi)
{
    enum host_query query = QUERY_HOSTNAME;
    struct lookup *lookup;
    struct query q;
    HANDLE handle;
    int err, slot;

    CHECK_STARTED(SOCKET_ERROR);
    if (!user_set || !user_handle) return ws2kit_fail(WSAEFAULT);
    if ((err = read_query(user_set, ansi, &q)) || (err = check_query(&q, flags, &query))) return ws2kit_fail(err);
    if (!(lookup = calloc(1, sizeof(*lookup)))) return ws2kit_fail(WSA_NOT_ENOUGH_MEMORY);
    lookup->flags = flags;
    lookup->class_id = q.class_id;
    lookup->query = query;
    lstrcpynA(lookup->name, q.name, sizeof(lookup->name));
    InitializeSRWLock(&lookup->lock);

    AcquireSRWLockExclusive(&lookups_lock);
    for (slot = 0; slot < MAX_LOOKUPS && lookups[slot]; slot++) ;
    if (slot < MAX_LOOKUPS) lookups[slot] = lookup;
    ReleaseSRWLockExclusive(&lookups_lock);
    if (slot == MAX_LOOKUPS)
    {
        free(lookup);
        return ws2kit_fail(WSA_NOT_ENOUGH_MEMORY);
    }
    handle = lookup_handle(slot);
    if (!ws2kit_write_user(user_handle, &handle, sizeof(handle)))
    {
        WSALookupServiceEnd(handle);
        return ws2kit_fail(WSAEFAULT);
    }
    TRACE("query %d name %s flags %#lx -> %p\n", query, q.name, flags, handle);
    return ws2kit_succeed();
}

INT WINAPI WSALookupServiceBeginW(WSAQUERYSETW *set, DWORD flags, HANDLE *handle)
{
    return lookup_begin(set, flags, handle, FALSE);
}

INT WINAPI WSALookupServiceBeginA(WSAQUERYSETA *set, DWORD flags, HANDLE *handle)
{
    return lookup_begin((WSAQUERYSETW *)set, flags, handle, TRUE);
}

/* Resolving ------------------------------------------------------------------ */

static void add_address(struct lookup *lookup, ULONG addr)
{
    int i;

    for (i = 0; i < lookup->addr_count; i++)
        if (lookup->addrs[i] == addr) return;
    if (lookup->addr_count < MAX_RESULT_ADDRS) lookup->addrs[lookup->addr_count++] = addr;
}

/* A name (or "" for this host) to its IPv4 addresses and canonical name. */
static int resolve_name(struct lookup *lookup)
{
    struct addrinfo hints = { 0 }, *result, *ai;
    char local[MAX_NAME];
    const char *name = lookup->name;
    int err;

    if (!name[0])
    {
        if (gethostname(local, sizeof(local))) return GetLastError();
        name = local;
    }
    hints.ai_family = AF_INET;
    hints.ai_flags = AI_CANONNAME;
    if ((err = getaddrinfo(name, NULL, &hints, &result))) return err;
    lstrcpynA(lookup->host, result->ai_canonname ? result->ai_canonname : name, sizeof(lookup->host));
    for (ai = result; ai; ai = ai->ai_next)
        add_address(lookup, ((struct sockaddr_in *)ai->ai_addr)->sin_addr.s_addr);
    freeaddrinfo(result);
    return lookup->addr_count ? 0 : WSAHOST_NOT_FOUND;
}

/* An address in inet_addr's notation; the name is the address's host name
 * if the resolver knows one, else the text itself. */
static int resolve_address(struct lookup *lookup)
{
    struct sockaddr_in sin = { 0 };
    const char *end;
    ULONG addr;

    end = ws2kit_parse_ipv4_classic(lookup->name, &addr);
    if (!end || *end) return WSAHOST_NOT_FOUND;
    addr = ws2kit_htonl(addr);
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = addr;
    if (getnameinfo((struct sockaddr *)&sin, sizeof(sin), lookup->host, sizeof(lookup->host), NULL, 0, NI_NAMEREQD))
        lstrcpynA(lookup->host, lookup->name, sizeof(lookup->host));
    add_address(lookup, addr);
    return 0;
}

static void resolve(struct lookup *lookup)
{
    lookup->error = lookup->query == QUERY_ADDR_BY_STRING ? resolve_address(lookup) : resolve_name(lookup);
    lookup->resolved = TRUE;
    TRACE("%s: %s, %d addresses, error %d\n", lookup->name, lookup->host,
          lookup->addr_count, lookup->error);
}

/* Results -------------------------------------------------------------------- */

/* Lays the result out in a local copy whose pointers point into the
 * caller's buffer (base), so that one copy delivers it. */
struct packer
{
    BYTE *data;
    SIZE_T used, size;
    ULONG_PTR base;
};

static SIZE_T pack(struct packer *p, const void *src, SIZE_T len, SIZE_T align)
{
    SIZE_T at = (p->used + align - 1) & ~(align - 1);

    if (src && p->data && at + len <= p->size) memcpy(p->data + at, src, len);
    p->used = at + len;
    return at;
}

static void *packed(struct packer *p, SIZE_T at) { return (void *)(p->base + at); }

static void *pack_string(struct packer *p, const char *text, BOOL ansi)
{
    WCHAR wide[MAX_NAME];
    int chars;

    if (ansi) return packed(p, pack(p, text, strlen(text) + 1, 1));
    chars = MultiByteToWideChar(CP_ACP, 0, text, -1, wide, MAX_NAME);
    return packed(p, pack(p, wide, chars * sizeof(WCHAR), sizeof(WCHAR)));
}

/* The hostent blob, with its pointers as offsets from the blob's start. */
static SIZE_T hostent_blob(const struct lookup *lookup, BYTE *out)
{
    SIZE_T list = sizeof(struct hostent) + sizeof(char *);
    SIZE_T addrs = list + (lookup->addr_count + 1) * sizeof(char *);
    SIZE_T name = addrs + lookup->addr_count * sizeof(ULONG);
    SIZE_T size = name + strlen(lookup->host) + 1;
    int i;

    if (!out) return size;
    memset(out, 0, size);
    ((struct hostent *)out)->h_name = (char *)name;
    ((struct hostent *)out)->h_aliases = (char **)sizeof(struct hostent);
    ((struct hostent *)out)->h_addrtype = AF_INET;
    ((struct hostent *)out)->h_length = sizeof(ULONG);
    ((struct hostent *)out)->h_addr_list = (char **)list;
    for (i = 0; i < lookup->addr_count; i++)
    {
        ((ULONG_PTR *)(out + list))[i] = addrs + i * sizeof(ULONG);
        memcpy(out + addrs + i * sizeof(ULONG), &lookup->addrs[i], sizeof(ULONG));
    }
    strcpy((char *)out + name, lookup->host);
    return size;
}

/* CSADDR_INFO entries as Windows' DNS provider gives them: an unbound local
 * address, the remote address with port 0, datagram/UDP. */
static void pack_addresses(struct packer *p, const struct lookup *lookup, WSAQUERYSETW *set)
{
    CSADDR_INFO csaddr[MAX_RESULT_ADDRS];
    SIZE_T at;
    int i;

    at = pack(p, NULL, lookup->addr_count * sizeof(CSADDR_INFO), sizeof(void *));
    for (i = 0; i < lookup->addr_count; i++)
    {
        struct sockaddr_in local = { 0 }, remote = { 0 };

        local.sin_family = remote.sin_family = AF_INET;
        remote.sin_addr.s_addr = lookup->addrs[i];
        csaddr[i].LocalAddr.lpSockaddr = packed(p, pack(p, &local, sizeof(local), sizeof(void *)));
        csaddr[i].LocalAddr.iSockaddrLength = sizeof(local);
        csaddr[i].RemoteAddr.lpSockaddr = packed(p, pack(p, &remote, sizeof(remote), sizeof(void *)));
        csaddr[i].RemoteAddr.iSockaddrLength = sizeof(remote);
        csaddr[i].iSocketType = SOCK_DGRAM;
        csaddr[i].iProtocol = IPPROTO_UDP;
    }
    if (p->data && at + sizeof(csaddr[0]) * lookup->addr_count <= p->size)
        memcpy(p->data + at, csaddr, sizeof(csaddr[0]) * lookup->addr_count);
    set->dwNumberOfCsAddrs = lookup->addr_count;
    set->lpcsaBuffer = packed(p, at);
}

static void pack_blob(struct packer *p, const struct lookup *lookup, WSAQUERYSETW *set)
{
    SIZE_T size = hostent_blob(lookup, NULL), blob_at, data_at;
    BYTE local[sizeof(struct hostent) + (MAX_RESULT_ADDRS + 2) * (sizeof(char *) + 4) + MAX_NAME];
    BLOB blob;

    hostent_blob(lookup, local);
    blob_at = pack(p, NULL, sizeof(BLOB), sizeof(void *));
    data_at = pack(p, local, size, sizeof(void *));
    blob.cbSize = size;
    blob.pBlobData = packed(p, data_at);
    if (p->data && blob_at + sizeof(blob) <= p->size) memcpy(p->data + blob_at, &blob, sizeof(blob));
    set->lpBlob = packed(p, blob_at);
}

/* The host's result (the resolver gives no aliases, so it is the only one).
 * The ANSI and wide query sets share a layout; only the strings differ. */
static void pack_result(struct packer *p, const struct lookup *lookup, BOOL ansi)
{
    DWORD flags = lookup->flags;
    WSAQUERYSETW set = { 0 };

    p->used = sizeof(set);
    set.dwSize = sizeof(set);
    set.dwNameSpace = NS_DNS;
    if (flags & LUP_RETURN_TYPE) set.lpServiceClassId = packed(p, pack(p, &lookup->class_id, sizeof(GUID), sizeof(void *)));
    if (flags & LUP_RETURN_ADDR) pack_addresses(p, lookup, &set);
    if (flags & LUP_RETURN_BLOB) pack_blob(p, lookup, &set);
    if (flags & LUP_RETURN_NAME) set.lpszServiceInstanceName = pack_string(p, lookup->host, ansi);
    if (p->data && p->size >= sizeof(set)) memcpy(p->data, &set, sizeof(set));
}

static int next_result(struct lookup *lookup, DWORD flags, DWORD *user_len, WSAQUERYSETW *user_set, BOOL ansi)
{
    struct packer p = { NULL, 0, 0, (ULONG_PTR)user_set };
    DWORD len;

    if (!user_len || !ws2kit_read_user(&len, user_len, sizeof(len))) return WSAEFAULT;
    if ((flags & LUP_FLUSHPREVIOUS) && lookup->too_big) lookup->next++;
    lookup->too_big = FALSE;
    if (!lookup->resolved)
    {
        resolve(lookup);
        if (lookup->error)
        {
            lookup->next = 1;  /* nothing more after the failure */
            return lookup->error;
        }
    }
    if (lookup->next > 0) return WSA_E_NO_MORE;

    pack_result(&p, lookup, ansi);
    if (!user_set || len < p.used)
    {
        len = p.used;
        lookup->too_big = TRUE;
        if (!ws2kit_write_user(user_len, &len, sizeof(len))) return WSAEFAULT;
        return WSAEFAULT;
    }
    if (!(p.data = calloc(1, p.used))) return WSA_NOT_ENOUGH_MEMORY;
    p.size = p.used;
    pack_result(&p, lookup, ansi);
    if (!ws2kit_write_user(user_set, p.data, p.size))
    {
        free(p.data);
        return WSAEFAULT;
    }
    free(p.data);
    lookup->next++;
    return 0;
}

static INT lookup_next(HANDLE handle, DWORD flags, DWORD *len, WSAQUERYSETW *set, BOOL ansi)
{
    struct lookup *lookup;
    int err;

    CHECK_STARTED(SOCKET_ERROR);
    if (!(lookup = lookup_grab(handle))) err = WSA_INVALID_HANDLE;
    else
    {
        /* A second thread on the same handle waits for the first. */
        AcquireSRWLockExclusive(&lookup->lock);
        err = next_result(lookup, flags, len, set, ansi);
        ReleaseSRWLockExclusive(&lookup->lock);
        lookup_drop(lookup);
    }
    TRACE("%p flags %#lx: error %d\n", handle, flags, err);
    if (err) return ws2kit_fail(err);
    return ws2kit_succeed();
}

INT WINAPI WSALookupServiceNextW(HANDLE handle, DWORD flags, DWORD *len, WSAQUERYSETW *results)
{
    return lookup_next(handle, flags, len, results, FALSE);
}

INT WINAPI WSALookupServiceNextA(HANDLE handle, DWORD flags, DWORD *len, WSAQUERYSETA *results)
{
    return lookup_next(handle, flags, len, (WSAQUERYSETW *)results, TRUE);
}

/* Change notifications ------------------------------------------------------- */

static void WINAPI notify_apc(ULONG_PTR arg)
{
    WSACOMPLETION *completion = (WSACOMPLETION *)arg;

    completion->Parameters.Apc.lpfnCompletionProc(WSA_OPERATION_ABORTED, 0,
                                                  completion->Parameters.Apc.lpOverlapped, 0);
    free(completion);
}

/* Tells a waiter that its lookup ended: Windows completes a pending
 * SIO_NSP_NOTIFY_CHANGE with WSA_OPERATION_ABORTED (STATUS_CANCELLED) then. */
static void notify_cancel(struct notify *n)
{
    WSACOMPLETION *c = &n->completion;
    OVERLAPPED *ov = c->Parameters.Event.lpOverlapped;
    ULONG_PTR status = (ULONG)STATUS_CANCELLED, zero = 0;

    if (c->Type != NSP_NOTIFY_HWND)
    {
        ws2kit_write_user(&ov->InternalHigh, &zero, sizeof(zero));
        ws2kit_write_user(&ov->Internal, &status, sizeof(status));
    }
    switch (c->Type)
    {
    case NSP_NOTIFY_HWND:
        ws2kit_post_message(c->Parameters.WindowMessage.hWnd, c->Parameters.WindowMessage.uMsg,
                     c->Parameters.WindowMessage.context, 0);
        break;
    case NSP_NOTIFY_EVENT:
    {
        HANDLE event = NULL;
        if (ws2kit_read_user(&event, &ov->hEvent, sizeof(event)) && event) SetEvent(event);
        break;
    }
    case NSP_NOTIFY_PORT:
        NtSetIoCompletion(c->Parameters.Port.hPort, c->Parameters.Port.Key, (ULONG_PTR)ov, STATUS_CANCELLED, 0);
        break;
    case NSP_NOTIFY_APC:
    {
        WSACOMPLETION *copy = malloc(sizeof(*copy));
        if (copy && c->Parameters.Apc.lpfnCompletionProc)
        {
            *copy = *c;
            if (QueueUserAPC(notify_apc, n->thread, (ULONG_PTR)copy)) copy = NULL;
        }
        free(copy);
        break;
    }
    default:
        break;
    }
    if (n->thread) CloseHandle(n->thread);
}

/* Checks a completion request; 0 or the error. */
static int read_completion(const WSACOMPLETION *user, struct notify *n)
{
    OVERLAPPED *ov;
    ULONG_PTR pending = STATUS_PENDING;

    memset(n, 0, sizeof(*n));
    if (!ws2kit_read_user(&n->completion, user, sizeof(n->completion))) return WSAEFAULT;
    switch (n->completion.Type)
    {
    case NSP_NOTIFY_HWND:
        if (!IsWindow(n->completion.Parameters.WindowMessage.hWnd)) return WSAEINVAL;
        return 0;
    case NSP_NOTIFY_EVENT:
    case NSP_NOTIFY_PORT:
    case NSP_NOTIFY_APC:
        ov = n->completion.Parameters.Event.lpOverlapped;
        if (!ov || !ws2kit_write_user(&ov->Internal, &pending, sizeof(pending))) return WSAEFAULT;
        if (n->completion.Type == NSP_NOTIFY_PORT && !n->completion.Parameters.Port.hPort) return WSAEINVAL;
        if (n->completion.Type == NSP_NOTIFY_APC &&
            !DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &n->thread,
                             0, FALSE, DUPLICATE_SAME_ACCESS)) return WSA_NOT_ENOUGH_MEMORY;
        return 0;
    default:
        return WSAEINVAL;
    }
}

static int nsp_notify_change(struct lookup *lookup, const WSACOMPLETION *user_completion)
{
    struct notify n;
    int err;

    if (lookup->ended) return WSA_INVALID_HANDLE;

    /* Without a completion the call polls: the DNS data has not changed. */
    if (!user_completion) return WSAEWOULDBLOCK;
    if ((err = read_completion(user_completion, &n))) return err;
    if (n.completion.Type == NSP_NOTIFY_IMMEDIATELY) return WSAEWOULDBLOCK;
    if (lookup->notify_count == MAX_NOTIFY)
    {
        if (n.thread) CloseHandle(n.thread);
        return WSA_NOT_ENOUGH_MEMORY;
    }
    lookup->notify[lookup->notify_count++] = n;
    return WSA_IO_PENDING;
}

INT WINAPI WSANSPIoctl(HANDLE handle, DWORD code, void *in, DWORD in_size, void *out, DWORD out_size,
                       DWORD *returned, WSACOMPLETION *completion)
{
    struct lookup *lookup;
    DWORD zero = 0;
    int err;

    CHECK_STARTED(SOCKET_ERROR);
    (void)in; (void)in_size; (void)out; (void)out_size;
    if (!(lookup = lookup_grab(handle))) return ws2kit_fail(WSA_INVALID_HANDLE);
    AcquireSRWLockExclusive(&lookup->lock);
    if (code != SIO_NSP_NOTIFY_CHANGE) err = WSAEOPNOTSUPP;
    else if (!returned || !ws2kit_write_user(returned, &zero, sizeof(zero))) err = WSAEFAULT;
    else err = nsp_notify_change(lookup, completion);
    ReleaseSRWLockExclusive(&lookup->lock);
    lookup_drop(lookup);
    TRACE("%p code %#lx: error %d\n", handle, code, err);
    if (err) return ws2kit_fail(err);
    return ws2kit_succeed();
}

INT WINAPI WSALookupServiceEnd(HANDLE handle)
{
    struct notify notify[MAX_NOTIFY];
    struct lookup **slot, *lookup = NULL;
    int i, count;

    CHECK_STARTED(SOCKET_ERROR);
    AcquireSRWLockExclusive(&lookups_lock);
    if ((slot = lookup_slot(handle)))
    {
        lookup = *slot;
        *slot = NULL;
        lookup->ended = TRUE;
        lookup->users++;
    }
    ReleaseSRWLockExclusive(&lookups_lock);
    TRACE("%p\n", handle);
    if (!lookup) return ws2kit_fail(WSA_INVALID_HANDLE);
    /* After any call in progress; no notification can be added after this. */
    AcquireSRWLockExclusive(&lookup->lock);
    count = lookup->notify_count;
    memcpy(notify, lookup->notify, count * sizeof(notify[0]));
    lookup->notify_count = 0;
    ReleaseSRWLockExclusive(&lookup->lock);
    for (i = 0; i < count; i++) notify_cancel(&notify[i]);
    lookup_drop(lookup);
    return ws2kit_succeed();
}
