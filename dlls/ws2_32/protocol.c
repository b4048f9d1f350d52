/* The protocol entries Windows' catalogue reports for TCP/IP (what
 * SO_PROTOCOL_INFO returns): one row per provider. */
#include "ws2_32_private.h"

/* Provider GUIDs of Windows' MSAFD Tcpip and Tcpip6 providers. */
static const GUID provider_ipv4 = { 0xe70f1aa0, 0xab8b, 0x11cf, { 0x8c, 0xa3, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92 } };
static const GUID provider_ipv6 = { 0xf9eab0c0, 0x26d4, 0x11d0, { 0xbb, 0xbf, 0x00, 0xaa, 0x00, 0x6c, 0x34, 0xe4 } };

#define STREAM_FLAGS (XP1_IFS_HANDLES | XP1_EXPEDITED_DATA | XP1_GRACEFUL_CLOSE | \
                      XP1_GUARANTEED_ORDER | XP1_GUARANTEED_DELIVERY)
#define DGRAM_FLAGS  (XP1_IFS_HANDLES | XP1_SUPPORT_BROADCAST | XP1_SUPPORT_MULTIPOINT | \
                      XP1_MESSAGE_ORIENTED | XP1_CONNECTIONLESS)

struct protocol_row
{
    int family, type, protocol, max_offset;
    DWORD service_flags, provider_flags, catalog_id, message_size;
    const GUID *provider;
    const WCHAR *name;
};

static const struct protocol_row protocols[] =
{
    { AF_INET,  SOCK_STREAM, IPPROTO_TCP, 0,   STREAM_FLAGS, PFL_MATCHES_PROTOCOL_ZERO, 1001, 0, &provider_ipv4, L"TCP/IP" },
    { AF_INET,  SOCK_DGRAM,  IPPROTO_UDP, 0,   DGRAM_FLAGS,  PFL_MATCHES_PROTOCOL_ZERO, 1002, 0xffbb, &provider_ipv4, L"UDP/IP" },
    { AF_INET,  SOCK_RAW,    0,           255, DGRAM_FLAGS,  PFL_MATCHES_PROTOCOL_ZERO | PFL_HIDDEN, 1003, 0x8000, &provider_ipv4, L"MSAFD Tcpip [RAW/IP]" },
    { AF_INET6, SOCK_STREAM, IPPROTO_TCP, 0,   STREAM_FLAGS, PFL_MATCHES_PROTOCOL_ZERO, 1004, 0, &provider_ipv6, L"TCP/IPv6" },
    { AF_INET6, SOCK_DGRAM,  IPPROTO_UDP, 0,   DGRAM_FLAGS,  PFL_MATCHES_PROTOCOL_ZERO, 1005, 0xffbb, &provider_ipv6, L"UDP/IPv6" },
    { AF_INET6, SOCK_RAW,    0,           255, DGRAM_FLAGS,  PFL_MATCHES_PROTOCOL_ZERO | PFL_HIDDEN, 1006, 0x8000, &provider_ipv6, L"MSAFD Tcpip [RAW/IPv6]" },
};

/* Whether a row's provider takes this protocol number (a raw row takes 0..255). */
static BOOL takes_protocol(const struct protocol_row *row, int protocol)
{
    return protocol >= row->protocol && protocol <= row->protocol + row->max_offset;
}

static void fill_info(const struct protocol_row *row, WSAPROTOCOL_INFOW *info)
{
    int family = row->family, type = row->type;

    memset(info, 0, sizeof(*info));
    info->dwServiceFlags1 = row->service_flags;
    info->dwProviderFlags = row->provider_flags;
    info->ProviderId = *row->provider;
    info->dwCatalogEntryId = row->catalog_id;
    info->ProtocolChain.ChainLen = 1;
    info->iVersion = 2;
    info->iAddressFamily = family;
    info->iMaxSockAddr = info->iMinSockAddr =
        family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
    info->iSocketType = type;
    info->iProtocol = row->protocol;
    info->iProtocolMaxOffset = row->max_offset;
    info->dwMessageSize = row->message_size;
    lstrcpynW(info->szProtocol, row->name, WSAPROTOCOL_LEN + 1);
}

BOOL ws2kit_protocol_info(int family, int type, int protocol, WSAPROTOCOL_INFOW *info)
{
    size_t i;

    for (i = 0; i < sizeof(protocols) / sizeof(protocols[0]); i++)
    {
        const struct protocol_row *row = &protocols[i];
        if (row->family != family || row->type != type) continue;
        if (!takes_protocol(row, protocol)) continue;
        /* The catalogue entry as it is: a raw socket's record says protocol
         * 0 whatever its own (test_WSASocket). */
        fill_info(row, info);
        return TRUE;
    }
    return FALSE;
}

/* Whether a row answers socket()'s arguments, where 0 leaves a field open. */
static BOOL answers_socket_args(const struct protocol_row *row, int family, int type, int protocol)
{
    if (family && family != row->family) return FALSE;
    if (type && type != row->type) return FALSE;
    if (!protocol) return TRUE;
    return takes_protocol(row, protocol);
}

/* Fills in what socket() left 0 from the first catalogue entry that answers
 * the rest, as Windows does; FALSE when no entry does. */
BOOL ws2kit_catalogue_complete(int *family, int *type, int *protocol)
{
    size_t i;

    for (i = 0; i < sizeof(protocols) / sizeof(protocols[0]); i++)
    {
        const struct protocol_row *row = &protocols[i];
        if (!answers_socket_args(row, *family, *type, *protocol)) continue;
        if (!*family) *family = row->family;
        if (!*type) *type = row->type;
        if (!*protocol) *protocol = row->protocol;
        return TRUE;
    }
    return FALSE;
}

/* The ANSI record of a protocol: the same fields, the name in the ANSI code page. */
void ws2kit_protocol_info_to_a(const WSAPROTOCOL_INFOW *w, WSAPROTOCOL_INFOA *a)
{
    memcpy(a, w, offsetof(WSAPROTOCOL_INFOA, szProtocol));
    WideCharToMultiByte(CP_ACP, 0, w->szProtocol, -1, a->szProtocol, sizeof(a->szProtocol), NULL, NULL);
}

/* Whether a row answers one of the protocols asked for (NULL: all). */
static BOOL wanted(const struct protocol_row *row, const int *filter)
{
    if (!filter) return TRUE;
    for (; *filter; filter++)
        if (takes_protocol(row, *filter)) return TRUE;
    return FALSE;
}

/* The catalogue entries, as wide or ANSI records; PFL_HIDDEN ones only for
 * the service provider interface.  Returns 0 with the count, or the error
 * (WSAENOBUFS with the size needed in *size). */
static int enum_protocols(const int *filter, WSAPROTOCOL_INFOW *out, DWORD *size, DWORD record_size,
                          BOOL with_hidden, int *count_out)
{
    WSAPROTOCOL_INFOW found[sizeof(protocols) / sizeof(protocols[0])];
    int filter_copy[64] = { 0 }, *pfilter = NULL, count = 0, i;
    DWORD len;
    size_t j;

    if (!size || !ws2kit_read_user(&len, size, sizeof(len))) return WSAEFAULT;
    if (filter)
    {
        for (i = 0; i < 63; i++)
        {
            if (!ws2kit_read_user(&filter_copy[i], &filter[i], sizeof(int))) return WSAEFAULT;
            if (!filter_copy[i]) break;
        }
        pfilter = filter_copy;
    }
    for (j = 0; j < sizeof(protocols) / sizeof(protocols[0]); j++)
    {
        if (((protocols[j].provider_flags & PFL_HIDDEN) && !with_hidden) || !wanted(&protocols[j], pfilter)) continue;
        fill_info(&protocols[j], &found[count++]);
    }
    if (!out || len < count * record_size)
    {
        len = count * record_size;
        ws2kit_write_user(size, &len, sizeof(len));
        return WSAENOBUFS;
    }
    /* All records or none, as Windows probes the whole buffer first. */
    if (!ws2kit_probe_write_user(out, count * record_size)) return WSAEFAULT;
    for (i = 0; i < count; i++)
    {
        if (record_size == sizeof(WSAPROTOCOL_INFOW))
        {
            if (!ws2kit_write_user(&out[i], &found[i], sizeof(found[i]))) return WSAEFAULT;
            continue;
        }
        {
            WSAPROTOCOL_INFOA a;
            ws2kit_protocol_info_to_a(&found[i], &a);
            if (!ws2kit_write_user((WSAPROTOCOL_INFOA *)out + i, &a, sizeof(a))) return WSAEFAULT;
        }
    }
    *count_out = count;
    return 0;
}

static int wsa_enum_protocols(const int *filter, WSAPROTOCOL_INFOW *out, DWORD *size, DWORD record_size)
{
    int count, err;

    CHECK_STARTED(SOCKET_ERROR);
    if ((err = enum_protocols(filter, out, size, record_size, FALSE, &count))) return ws2kit_fail(err);
    ws2kit_succeed();
    return count;
}

int WINAPI WSAEnumProtocolsW(int *filter, WSAPROTOCOL_INFOW *buffer, DWORD *size)
{
    return wsa_enum_protocols(filter, buffer, size, sizeof(WSAPROTOCOL_INFOW));
}

int WINAPI WSAEnumProtocolsA(int *filter, WSAPROTOCOL_INFOA *buffer, DWORD *size)
{
    return wsa_enum_protocols(filter, (WSAPROTOCOL_INFOW *)buffer, size, sizeof(WSAPROTOCOL_INFOA));
}

/* The service provider interface's view of the same catalogue: unlike
 * WSAEnumProtocols it lists the PFL_HIDDEN entries too (Microsoft's
 * documentation says so), needs no WSAStartup, and reports in *lpErrno. */
int WINAPI WSCEnumProtocols(int *filter, WSAPROTOCOL_INFOW *buffer, DWORD *size, int *user_errno)
{
    int count, err;

    if ((err = enum_protocols(filter, buffer, size, sizeof(WSAPROTOCOL_INFOW), TRUE, &count)))
    {
        ws2kit_write_user(user_errno, &err, sizeof(err));
        return SOCKET_ERROR;
    }
    return count;
}

/* Catalogue entries and provider DLLs, for the WSC calls. */
BOOL ws2kit_catalog_entry_exists(DWORD id)
{
    size_t i;

    for (i = 0; i < sizeof(protocols) / sizeof(protocols[0]); i++)
        if (protocols[i].catalog_id == id) return TRUE;
    return FALSE;
}

DWORD ws2kit_catalog_entry_count(void)
{
    return sizeof(protocols) / sizeof(protocols[0]);
}

/* Both TCP/IP providers live in mswsock.dll, as Windows records it. */
const WCHAR *ws2kit_transport_provider_path(const GUID *id)
{
    size_t i;

    for (i = 0; i < sizeof(protocols) / sizeof(protocols[0]); i++)
        if (IsEqualGUID(protocols[i].provider, id)) return L"%SystemRoot%\\system32\\mswsock.dll";
    return NULL;
}
