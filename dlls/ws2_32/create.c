/* Creating sockets on Wine's socket device: socket, WSASocketA/W (which
 * also open a socket WSADuplicateSocket shared, duplicate.c). */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

/* Checks socket() arguments in Windows' order and fills in what 0 leaves
 * open.  Returns 0 or the WSA error. */
static int resolve_socket_args(int *family, int *type, int *protocol)
{
    /* AF_UNSPEC without a protocol is WSAEINVAL and a negative family
     * WSAEAFNOSUPPORT, whatever the type (test_WSASocket). */
    if (*family == AF_UNSPEC && !*protocol) return WSAEINVAL;
    if (*family < 0) return WSAEAFNOSUPPORT;
    if (*type && (*type < SOCK_STREAM || *type > SOCK_SEQPACKET)) return WSAESOCKTNOSUPPORT;
    if (*family != AF_UNSPEC && *family != AF_INET && *family != AF_INET6) return WSAEAFNOSUPPORT;
    if (ws2kit_catalogue_complete(family, type, protocol)) return 0;
    if (*type && *type != SOCK_STREAM && *type != SOCK_DGRAM && *type != SOCK_RAW) return WSAESOCKTNOSUPPORT;
    return WSAEPROTONOSUPPORT;
}

static SOCKET create_socket(int family, int type, int protocol, DWORD flags)
{
    struct afd_create_params params;
    UNICODE_STRING name;
    OBJECT_ATTRIBUTES attr;
    IO_STATUS_BLOCK io;
    HANDLE handle;
    NTSTATUS status;
    int err;

    if ((err = resolve_socket_args(&family, &type, &protocol)))
    {
        ws2kit_fail(err);
        return INVALID_SOCKET;
    }

    RtlInitUnicodeString(&name, L"\\Device\\Afd");
    InitializeObjectAttributes(&attr, &name, (flags & WSA_FLAG_NO_HANDLE_INHERIT) ? 0 : OBJ_INHERIT, NULL, NULL);
    status = NtOpenFile(&handle, GENERIC_READ | GENERIC_WRITE | SYNCHRONIZE, &attr, &io, 0,
                        (flags & WSA_FLAG_OVERLAPPED) ? 0 : FILE_SYNCHRONOUS_IO_NONALERT);
    if (status)
    {
        ws2kit_fail_status(status);
        return INVALID_SOCKET;
    }

    params.family = family;
    params.type = type;
    params.protocol = protocol;
    params.flags = flags & ~(WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
    status = ws2kit_afd_issue(handle, NULL, NULL, &io, IOCTL_AFD_WINE_CREATE, &params, sizeof(params), NULL, 0);
    if (status)
    {
        /* The device already reports Windows' own codes for bad triples. */
        DWORD error = RtlNtStatusToDosError(status);
        TRACE("family %d type %d protocol %d: status %#lx\n", family, type, protocol, status);
        CloseHandle(handle);
        ws2kit_fail(error);
        return INVALID_SOCKET;
    }
    TRACE("family %d type %d protocol %d -> %p\n", family, type, protocol, handle);
    ws2kit_sockets_add((SOCKET)handle, type == SOCK_STREAM ? FD_MARK_FRESH : FD_MARK_NONE);
    ws2kit_note_multipoint((SOCKET)handle, flags);
    ws2kit_succeed();
    return (SOCKET)handle;
}

SOCKET WINAPI WSASocketW(int family, int type, int protocol, WSAPROTOCOL_INFOW *info,
                         GROUP group, DWORD flags)
{
    CHECK_STARTED(INVALID_SOCKET);
    if (group) FIXME("socket groups are not supported (group %u)\n", group);
    if (info)
    {
        WSAPROTOCOL_INFOW copy;
        if (!ws2kit_read_user(&copy, info, sizeof(copy)))
        {
            ws2kit_fail(WSAEFAULT);
            return INVALID_SOCKET;
        }
        if (copy.dwProviderReserved) return ws2kit_open_duplicate(&copy);
        /* Windows fills in from the record what is FROM_PROTOCOL_INFO or 0,
         * and resolves no family from the catalogue then: a family still 0
         * is WSAEAFNOSUPPORT (test_WSASocket). */
        if (family == FROM_PROTOCOL_INFO || !family) family = copy.iAddressFamily;
        if (type == FROM_PROTOCOL_INFO || !type) type = copy.iSocketType;
        if (protocol == FROM_PROTOCOL_INFO || !protocol) protocol = copy.iProtocol;
        if (!family && protocol)
        {
            ws2kit_fail(WSAEAFNOSUPPORT);
            return INVALID_SOCKET;
        }
    }
    return create_socket(family, type, protocol, flags);
}

SOCKET WINAPI WSASocketA(int family, int type, int protocol, WSAPROTOCOL_INFOA *info,
                         GROUP group, DWORD flags)
{
    WSAPROTOCOL_INFOW infow, *pinfo = NULL;

    if (info)
    {
        WSAPROTOCOL_INFOA copy;
        CHECK_STARTED(INVALID_SOCKET);
        if (!ws2kit_read_user(&copy, info, sizeof(copy)))
        {
            ws2kit_fail(WSAEFAULT);
            return INVALID_SOCKET;
        }
        memcpy(&infow, &copy, offsetof(WSAPROTOCOL_INFOA, szProtocol));
        MultiByteToWideChar(CP_ACP, 0, copy.szProtocol, -1, infow.szProtocol, WSAPROTOCOL_LEN + 1);
        pinfo = &infow;
    }
    return WSASocketW(family, type, protocol, pinfo, group, flags);
}

SOCKET WINAPI socket(int family, int type, int protocol)
{
    return WSASocketW(family, type, protocol, NULL, 0, WSA_FLAG_OVERLAPPED);
}
