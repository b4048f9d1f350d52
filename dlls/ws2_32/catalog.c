/* The Winsock catalogue as a program that is not elevated sees it: it can
 * read the catalogue (provider paths and information, service classes,
 * QoS templates, change notifications) but every change is refused.
 *
 * Windows keeps the catalogue in HKLM, which only an elevated administrator
 * may write.  Microsoft documents WSANO_RECOVERY for "the user lacks the
 * administrative privilege required to write to the Winsock registry"
 * (WSCInstallNameSpace and the WSC install calls), and WSAEACCES for the
 * service class and service registration calls; the arguments are checked
 * first, so a bad pointer still gets WSAEFAULT and an unknown provider
 * WSAEINVAL.  ws2kit has no writable catalogue, so it always answers as
 * for a process without that privilege. */
#include "ws2_32_private.h"
#include <ws2spi.h>
#include <sporder.h>

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

#define CATALOG_WRITE_REFUSED WSANO_RECOVERY  /* WSC* changes, non-elevated */
#define REGISTRATION_REFUSED  WSAEACCES       /* service classes and services */

/* The SPI calls report in *lpErrno (and need no WSAStartup). */
static int wsc_fail(int *user_errno, int error)
{
    ws2kit_write_user(user_errno, &error, sizeof(error));
    return SOCKET_ERROR;
}

static BOOL read_guid(const GUID *user, GUID *guid)
{
    return user && ws2kit_read_user(guid, user, sizeof(*guid));
}

/* Transport providers ------------------------------------------------------- */

int WINAPI WSCGetProviderPath(GUID *user_id, WCHAR *path, int *user_len, int *user_errno)
{
    const WCHAR *found;
    int len, need;
    GUID id;

    if (!read_guid(user_id, &id)) return wsc_fail(user_errno, WSAEFAULT);
    if (!user_len || !ws2kit_read_user(&len, user_len, sizeof(len))) return wsc_fail(user_errno, WSAEFAULT);
    if (len <= 0 || !path) return wsc_fail(user_errno, WSAEINVAL);
    if (!(found = ws2kit_transport_provider_path(&id))) return wsc_fail(user_errno, WSAEINVAL);
    need = lstrlenW(found) + 1;
    if (len < need)
    {
        ws2kit_write_user(user_len, &need, sizeof(need));
        return wsc_fail(user_errno, WSAEFAULT);
    }
    if (!ws2kit_write_user(path, found, need * sizeof(WCHAR))) return wsc_fail(user_errno, WSAEFAULT);
    return 0;
}

/* Base providers are in no LSP category. */
int WINAPI WSCGetProviderInfo(GUID *user_id, WSC_PROVIDER_INFO_TYPE type, BYTE *info, size_t *user_size,
                              DWORD flags, int *user_errno)
{
    DWORD category = 0;
    size_t size;
    GUID id;

    if (!read_guid(user_id, &id)) return wsc_fail(user_errno, WSAEFAULT);
    /* Windows answers an unknown provider with WSANO_RECOVERY, whatever else is wrong. */
    if (!ws2kit_transport_provider_path(&id)) return wsc_fail(user_errno, WSANO_RECOVERY);
    if (type != ProviderInfoLspCategories || flags) return wsc_fail(user_errno, WSAEINVAL);
    if (!info || !user_size || !ws2kit_read_user(&size, user_size, sizeof(size))) return wsc_fail(user_errno, WSAEFAULT);
    if (size < sizeof(category))
    {
        size = sizeof(category);
        ws2kit_write_user(user_size, &size, sizeof(size));
        return wsc_fail(user_errno, WSAEFAULT);
    }
    /* Both outputs or neither. */
    size = sizeof(category);
    if (!ws2kit_probe_write_user(user_size, sizeof(size)) || !ws2kit_write_user(info, &category, sizeof(category)))
        return wsc_fail(user_errno, WSAEFAULT);
    ws2kit_write_user(user_size, &size, sizeof(size));
    return 0;
}

/* The checks WSCInstallProvider and WSCUpdateProvider share: readable
 * arguments, at least one entry, and a provider id that must (update) or
 * must not (install) be in the catalogue.  Returns 0 or the error. */
static int check_provider_args(GUID *user_id, const WCHAR *path, WSAPROTOCOL_INFOW *list, DWORD count,
                               BOOL must_exist)
{
    WSAPROTOCOL_INFOW first;
    GUID id;

    if (!read_guid(user_id, &id) || !path || !ws2kit_user_wstring_readable(path) ||
        !list || !ws2kit_read_user(&first, list, sizeof(first)))
        return WSAEFAULT;
    if (!count || (ws2kit_transport_provider_path(&id) != NULL) != must_exist) return WSAEINVAL;
    return 0;
}

int WINAPI WSCInstallProvider(GUID *user_id, const WCHAR *path, WSAPROTOCOL_INFOW *list, DWORD count,
                              int *user_errno)
{
    int err = check_provider_args(user_id, path, list, count, FALSE);

    if (err) return wsc_fail(user_errno, err);
    TRACE("refused: %lu entries\n", count);
    return wsc_fail(user_errno, CATALOG_WRITE_REFUSED);
}

int WINAPI WSCUpdateProvider(GUID *user_id, const WCHAR *path, WSAPROTOCOL_INFOW *list, DWORD count,
                             int *user_errno)
{
    int err = check_provider_args(user_id, path, list, count, TRUE);

    return wsc_fail(user_errno, err ? err : CATALOG_WRITE_REFUSED);
}

int WINAPI WSCDeinstallProvider(GUID *user_id, int *user_errno)
{
    GUID id;

    if (!read_guid(user_id, &id)) return wsc_fail(user_errno, WSAEFAULT);
    if (!ws2kit_transport_provider_path(&id)) return wsc_fail(user_errno, WSAEINVAL);
    return wsc_fail(user_errno, CATALOG_WRITE_REFUSED);
}

/* The order must name every catalogue entry once. */
int WINAPI WSCWriteProviderOrder(DWORD *user_ids, DWORD count)
{
    DWORD ids[64], i, j;

    if (!user_ids) return ws2kit_fail_code(WSAEFAULT);
    if (count != ws2kit_catalog_entry_count()) return ws2kit_fail_code(WSAEINVAL);
    if (!ws2kit_read_user(ids, user_ids, count * sizeof(DWORD))) return ws2kit_fail_code(WSAEFAULT);
    for (i = 0; i < count; i++)
    {
        if (!ws2kit_catalog_entry_exists(ids[i])) return ws2kit_fail_code(WSAEINVAL);
        for (j = 0; j < i; j++)
            if (ids[j] == ids[i]) return ws2kit_fail_code(WSAEINVAL);
    }
    return ws2kit_fail_code(CATALOG_WRITE_REFUSED);
}

/* The application an LSP category belongs to: a path, and optionally the
 * command line that tells instances apart.  The lengths are in characters,
 * and all of them are read.  Returns 0 or the WSA error. */
static int check_application(const WCHAR *path, DWORD path_len, const WCHAR *extra, DWORD extra_len)
{
    if (!path || !path_len || (extra_len && !extra)) return WSAEINVAL;
    if (path_len > MAXDWORD / sizeof(WCHAR) || extra_len > MAXDWORD / sizeof(WCHAR) ||
        !ws2kit_probe_read_user(path, path_len * sizeof(WCHAR)) ||
        !ws2kit_probe_read_user(extra, extra_len * sizeof(WCHAR)))
        return WSAEFAULT;
    return 0;
}

int WINAPI WSCSetApplicationCategory(const WCHAR *path, DWORD path_len, const WCHAR *extra, DWORD extra_len,
                                     DWORD category, DWORD *previous, int *user_errno)
{
    int err;

    (void)previous;
    if ((err = check_application(path, path_len, extra, extra_len))) return wsc_fail(user_errno, err);
    /* Only the documented LSP_* bits (LSP_SYSTEM and LSP_INSPECTOR..LSP_LOCAL_CACHE). */
    if (category & ~(DWORD)0x800000ff) return wsc_fail(user_errno, WSAEINVAL);
    return wsc_fail(user_errno, CATALOG_WRITE_REFUSED);
}

/* Exported by Wine 10's ws2_32.  No category is ever recorded (see
 * WSCSetApplicationCategory), so every application is uncategorized, which
 * Microsoft's page answers with WSASERVICE_NOT_FOUND. */
int WINAPI WSCGetApplicationCategory(const WCHAR *path, DWORD path_len, const WCHAR *extra, DWORD extra_len,
                                     DWORD *category, int *user_errno)
{
    int err;

    if ((err = check_application(path, path_len, extra, extra_len))) return wsc_fail(user_errno, err);
    if (!category || !ws2kit_probe_write_user(category, sizeof(*category))) return wsc_fail(user_errno, WSAEFAULT);
    return wsc_fail(user_errno, WSASERVICE_NOT_FOUND);
}

/* Namespace providers --------------------------------------------------------- */

INT WINAPI WSCInstallNameSpace(WCHAR *identifier, WCHAR *path, DWORD name_space, DWORD version, GUID *user_id)
{
    GUID id;

    (void)name_space; (void)version;
    if (!identifier || !ws2kit_user_wstring_readable(identifier) || !path ||
        !ws2kit_user_wstring_readable(path) || !read_guid(user_id, &id))
        return ws2kit_fail(WSAEFAULT);
    /* An installed provider and a missing privilege get the same answer. */
    return ws2kit_fail(CATALOG_WRITE_REFUSED);
}

static INT change_ns_provider(GUID *user_id)
{
    GUID id;

    if (!read_guid(user_id, &id)) return ws2kit_fail(WSAEFAULT);
    if (!ws2kit_ns_provider_find(&id)) return ws2kit_fail(WSAEINVAL);
    return ws2kit_fail(CATALOG_WRITE_REFUSED);
}

INT WINAPI WSCUnInstallNameSpace(GUID *id)
{
    return change_ns_provider(id);
}

INT WINAPI WSCEnableNSProvider(GUID *id, BOOL enable)
{
    (void)enable;
    return change_ns_provider(id);
}

/* The order must name every namespace provider once. */
int WINAPI WSCWriteNameSpaceOrder(GUID *user_ids, DWORD count)
{
    GUID ids[16];
    DWORD i, j;

    if (!user_ids) return ws2kit_fail_code(WSAEFAULT);
    if (count != ws2kit_ns_provider_count()) return ws2kit_fail_code(WSAEINVAL);
    if (!ws2kit_read_user(ids, user_ids, count * sizeof(GUID))) return ws2kit_fail_code(WSAEFAULT);
    for (i = 0; i < count; i++)
    {
        if (!ws2kit_ns_provider_find(&ids[i])) return ws2kit_fail_code(WSAEINVAL);
        for (j = 0; j < i; j++)
            if (IsEqualGUID(&ids[j], &ids[i])) return ws2kit_fail_code(WSAEINVAL);
    }
    return ws2kit_fail_code(CATALOG_WRITE_REFUSED);
}

/* Service classes and services ------------------------------------------------ */

/* No service class is installed on a Windows machine until a program
 * installs one, so there is none to find. */
static INT read_class_info(const void *user_info, BOOL ansi)
{
    WSASERVICECLASSINFOW info; /* same layout as the A form */
    GUID id;

    (void)ansi;
    CHECK_STARTED(SOCKET_ERROR);
    if (!user_info || !ws2kit_read_user(&info, user_info, sizeof(info))) return ws2kit_fail(WSAEFAULT);
    if (!info.lpServiceClassId || !info.lpszServiceClassName || (info.dwCount && !info.lpClassInfos))
        return ws2kit_fail(WSAEINVAL);
    if (!read_guid(info.lpServiceClassId, &id)) return ws2kit_fail(WSAEFAULT);
    return ws2kit_fail(REGISTRATION_REFUSED);
}

INT WINAPI WSAInstallServiceClassW(WSASERVICECLASSINFOW *info)
{
    return read_class_info(info, FALSE);
}

INT WINAPI WSAInstallServiceClassA(WSASERVICECLASSINFOA *info)
{
    return read_class_info(info, TRUE);
}

INT WINAPI WSARemoveServiceClass(GUID *user_id)
{
    GUID id;

    CHECK_STARTED(SOCKET_ERROR);
    if (!read_guid(user_id, &id)) return ws2kit_fail(WSAEINVAL);
    return ws2kit_fail(WSATYPE_NOT_FOUND);
}

static INT get_class_info(GUID *user_provider, GUID *user_class, DWORD *user_size, void *info)
{
    GUID provider, class_id;
    DWORD size;

    CHECK_STARTED(SOCKET_ERROR);
    if (!read_guid(user_provider, &provider) || !read_guid(user_class, &class_id)) return ws2kit_fail(WSAEINVAL);
    if (!user_size || !ws2kit_read_user(&size, user_size, sizeof(size))) return ws2kit_fail(WSAEFAULT);
    if (!ws2kit_ns_provider_find(&provider)) return ws2kit_fail(WSAEINVAL);
    (void)info;
    return ws2kit_fail(WSATYPE_NOT_FOUND);
}

INT WINAPI WSAGetServiceClassInfoW(GUID *provider, GUID *class_id, DWORD *size, WSASERVICECLASSINFOW *info)
{
    return get_class_info(provider, class_id, size, info);
}

INT WINAPI WSAGetServiceClassInfoA(GUID *provider, GUID *class_id, DWORD *size, WSASERVICECLASSINFOA *info)
{
    return get_class_info(provider, class_id, size, info);
}

static INT get_class_name(GUID *user_class, DWORD *user_len)
{
    GUID class_id;
    DWORD len;

    CHECK_STARTED(SOCKET_ERROR);
    if (!read_guid(user_class, &class_id)) return ws2kit_fail(WSAEINVAL);
    if (!user_len || !ws2kit_read_user(&len, user_len, sizeof(len))) return ws2kit_fail(WSAEFAULT);
    return ws2kit_fail(WSATYPE_NOT_FOUND);
}

INT WINAPI WSAGetServiceClassNameByClassIdW(GUID *class_id, WCHAR *name, DWORD *len)
{
    (void)name;
    return get_class_name(class_id, len);
}

INT WINAPI WSAGetServiceClassNameByClassIdA(GUID *class_id, char *name, DWORD *len)
{
    (void)name;
    return get_class_name(class_id, len);
}

static INT set_service(const WSAQUERYSETW *user_set, WSAESETSERVICEOP op, BOOL ansi)
{
    WSAQUERYSETW set; /* same layout as WSAQUERYSETA */
    GUID class_id;

    CHECK_STARTED(SOCKET_ERROR);
    if (!user_set || !ws2kit_read_user(&set, user_set, sizeof(set))) return ws2kit_fail(WSAEFAULT);
    if (set.dwSize != sizeof(set) || !set.lpServiceClassId || !set.lpszServiceInstanceName ||
        (op != RNRSERVICE_REGISTER && op != RNRSERVICE_DEREGISTER && op != RNRSERVICE_DELETE))
        return ws2kit_fail(WSAEINVAL);
    /* The class and the name are read as the set itself is. */
    if (!read_guid(set.lpServiceClassId, &class_id) ||
        !(ansi ? ws2kit_user_string_readable((const char *)set.lpszServiceInstanceName)
               : ws2kit_user_wstring_readable(set.lpszServiceInstanceName)))
        return ws2kit_fail(WSAEFAULT);
    return ws2kit_fail(REGISTRATION_REFUSED);
}

INT WINAPI WSASetServiceW(WSAQUERYSETW *set, WSAESETSERVICEOP op, DWORD flags)
{
    (void)flags;
    return set_service(set, op, FALSE);
}

INT WINAPI WSASetServiceA(WSAQUERYSETA *set, WSAESETSERVICEOP op, DWORD flags)
{
    (void)flags;
    return set_service((WSAQUERYSETW *)set, op, TRUE);
}

/* QoS ------------------------------------------------------------------------- */

/* Windows has no QoS templates since Vista: any name is unknown. */
BOOL WINAPI WSAGetQOSByName(SOCKET s, WSABUF *user_name, QOS *qos)
{
    WSABUF name;

    CHECK_STARTED(FALSE);
    if (!ws2kit_is_socket(s))
    {
        ws2kit_fail(WSAENOTSOCK);
        return FALSE;
    }
    /* Microsoft documents WSAEFAULT for a QOS that is not valid memory, so a
     * bad one is refused before the name is looked up. */
    if (!ws2kit_probe_write_user(qos, sizeof(*qos)) || !user_name || !ws2kit_read_user(&name, user_name, sizeof(name)))
    {
        ws2kit_fail(WSAEFAULT);
        return FALSE;
    }
    ws2kit_fail(WSAEINVAL);
    return FALSE;
}

/* Catalogue change notifications ----------------------------------------------- */

/* A notification handle is an event that is never signalled: the catalogue
 * cannot change (see above).  Windows' handle can only be closed with
 * CloseHandle, and so can this one. */
#define MAX_CHANGE_HANDLES 16
static SRWLOCK change_lock = SRWLOCK_INIT;
static HANDLE change_handles[MAX_CHANGE_HANDLES];

static BOOL change_handle_known(HANDLE handle)
{
    BOOL known = FALSE;
    int i;

    AcquireSRWLockShared(&change_lock);
    for (i = 0; i < MAX_CHANGE_HANDLES; i++)
        if (handle && change_handles[i] == handle) known = TRUE;
    ReleaseSRWLockShared(&change_lock);
    return known && WaitForSingleObject(handle, 0) != WAIT_FAILED;
}

static int new_change_handle(HANDLE *user_handle)
{
    HANDLE handle = CreateEventW(NULL, TRUE, FALSE, NULL);
    int i;

    if (!handle) return WSA_NOT_ENOUGH_MEMORY;
    if (!ws2kit_write_user(user_handle, &handle, sizeof(handle)))
    {
        CloseHandle(handle);
        return WSAEFAULT;
    }
    AcquireSRWLockExclusive(&change_lock);
    for (i = 0; i < MAX_CHANGE_HANDLES; i++)
    {
        /* Reuse a slot whose handle the program has closed. */
        if (change_handles[i] && WaitForSingleObject(change_handles[i], 0) != WAIT_FAILED) continue;
        change_handles[i] = handle;
        break;
    }
    ReleaseSRWLockExclusive(&change_lock);
    return 0;
}

INT WINAPI WSAProviderConfigChange(HANDLE *user_handle, WSAOVERLAPPED *overlapped,
                                   LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    ULONG_PTR pending = STATUS_PENDING;
    HANDLE handle;
    int err;

    CHECK_STARTED(SOCKET_ERROR);
    if (!user_handle || !ws2kit_read_user(&handle, user_handle, sizeof(handle))) return ws2kit_fail(WSAEFAULT);
    if (!handle)
    {
        if ((err = new_change_handle(user_handle))) return ws2kit_fail(err);
        return ws2kit_succeed();
    }
    if (!change_handle_known(handle)) return ws2kit_fail(WSA_INVALID_HANDLE);
    (void)routine;
    if (overlapped)
    {
        /* It completes when the catalogue changes, which it never does. */
        if (!ws2kit_write_user(&overlapped->Internal, &pending, sizeof(pending))) return ws2kit_fail(WSAEFAULT);
        return ws2kit_fail(WSA_IO_PENDING);
    }
    /* Without an OVERLAPPED the call waits for a change, as on Windows;
     * here it returns only when the program closes the handle. */
    ws2kit_wait_alertable(handle);
    return ws2kit_fail(WSA_INVALID_HANDLE);
}
