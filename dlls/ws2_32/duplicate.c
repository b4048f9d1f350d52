/* WSADuplicateSocket, and WSASocket opening what it produced.
 *
 * Windows duplicates the socket's handle into the target process and
 * carries the new handle value in the WSAPROTOCOL_INFO it fills, in
 * dwProviderReserved; the target's WSASocket(FROM_PROTOCOL_INFO, ...) with
 * that record hands back that handle.  Both handles name one socket object
 * (here the wineserver's), so data, state and options are shared, and the
 * connection lasts until the last of them is closed.  The record goes from
 * process to process by any means the program likes. */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

/* Fills the record for the target process.  Returns 0 or the WSA error.
 * Windows checks the socket, then the process, then the record pointer
 * (test_WSADuplicateSocket: (0, 0, NULL) is WSAENOTSOCK, (socket, 0, NULL)
 * WSAEINVAL, (socket, own pid, NULL) WSAEFAULT). */
static int duplicate_socket(SOCKET s, DWORD pid, BOOL have_out, WSAPROTOCOL_INFOW *info)
{
    struct afd_get_info_params socket_info;
    HANDLE process, duplicate;
    BOOL copied;

    if (!ws2kit_get_socket_info(s, &socket_info)) return WSAENOTSOCK;
    if (!ws2kit_protocol_info(socket_info.family, socket_info.type, socket_info.protocol, info)) return WSAEINVAL;
    /* Windows answers WSAEINVAL for a process it cannot reach. */
    if (!(process = OpenProcess(PROCESS_DUP_HANDLE, FALSE, pid))) return WSAEINVAL;
    if (!have_out)
    {
        CloseHandle(process);
        return WSAEFAULT;
    }
    copied = DuplicateHandle(GetCurrentProcess(), (HANDLE)s, process, &duplicate, 0, FALSE, DUPLICATE_SAME_ACCESS);
    CloseHandle(process);
    if (!copied) return WSAEMFILE;
    TRACE("%#Ix -> process %lu handle %p\n", s, pid, duplicate);
    ws2kit_note_shared(s);
    /* The field is a DWORD: handle values fit in 32 bits. */
    info->dwProviderReserved = (DWORD)(ULONG_PTR)duplicate;
    return 0;
}

/* Takes back a duplicate that could not be delivered. */
static void drop_duplicate(DWORD pid, const WSAPROTOCOL_INFOW *info)
{
    HANDLE process = OpenProcess(PROCESS_DUP_HANDLE, FALSE, pid);

    if (!process) return;
    DuplicateHandle(process, (HANDLE)(ULONG_PTR)info->dwProviderReserved, NULL, NULL, 0, FALSE, DUPLICATE_CLOSE_SOURCE);
    CloseHandle(process);
}

int WINAPI WSADuplicateSocketW(SOCKET s, DWORD pid, WSAPROTOCOL_INFOW *out)
{
    WSAPROTOCOL_INFOW info;
    int err;

    CHECK_STARTED(SOCKET_ERROR);
    TRACE("%#Ix pid %lu\n", s, pid);
    if ((err = duplicate_socket(s, pid, out != NULL, &info))) return ws2kit_socket_fail(s, err);
    if (!ws2kit_write_user(out, &info, sizeof(info)))
    {
        drop_duplicate(pid, &info);
        return ws2kit_fail(WSAEFAULT);
    }
    return ws2kit_succeed();
}

int WINAPI WSADuplicateSocketA(SOCKET s, DWORD pid, WSAPROTOCOL_INFOA *out)
{
    WSAPROTOCOL_INFOW info;
    WSAPROTOCOL_INFOA info_a;
    int err;

    CHECK_STARTED(SOCKET_ERROR);
    TRACE("%#Ix pid %lu\n", s, pid);
    if ((err = duplicate_socket(s, pid, out != NULL, &info))) return ws2kit_socket_fail(s, err);
    ws2kit_protocol_info_to_a(&info, &info_a);
    if (!ws2kit_write_user(out, &info_a, sizeof(info_a)))
    {
        drop_duplicate(pid, &info);
        return ws2kit_fail(WSAEFAULT);
    }
    return ws2kit_succeed();
}

/* WSASocket given a record from WSADuplicateSocket: the handle it carries
 * is already ours.  A record whose handle is not a socket (never made for
 * this process, or already closed) is refused with WSAEINVAL. */
SOCKET ws2kit_open_duplicate(const WSAPROTOCOL_INFOW *info)
{
    SOCKET s = (SOCKET)info->dwProviderReserved;

    if (!ws2kit_is_socket(s))
    {
        ws2kit_fail(WSAEINVAL);
        return INVALID_SOCKET;
    }
    TRACE("opening duplicate %#Ix\n", s);
    ws2kit_sockets_add(s, FD_MARK_NONE);
    ws2kit_note_shared(s);
    ws2kit_succeed();
    return s;
}
