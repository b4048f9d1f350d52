/* Calls into ws2kit.so, the Unix library carried by the companion module
 * ws2kit.dll (see dlls/ws2kit/ws2kit_main.c for why it is a separate module). */
#include "ws2_32_private.h"
#include "ws2kit/winnumbers.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

/* ntdll's NtQueryVirtualMemory class that returns a module's Unix call handle
 * (MemoryWineUnixFuncs; the same number from Wine 8.0 to 11.x). */
#define MEMORY_WINE_UNIX_FUNCS 1000

typedef NTSTATUS (WINAPI *unix_dispatcher)(UINT64 handle, unsigned int code, void *args);

/* ws2kit.so spells these Windows numbers out (it sees only Linux headers):
 * they must be the SDK's. */
#define SAME_AS_SDK(name) _Static_assert(WS_##name == name, "include/ws2kit/winnumbers.h: " #name)
SAME_AS_SDK(AF_INET); SAME_AS_SDK(AF_INET6);
SAME_AS_SDK(SOCK_STREAM); SAME_AS_SDK(SOCK_DGRAM); SAME_AS_SDK(SOCK_RAW); SAME_AS_SDK(SOCK_RDM);
SAME_AS_SDK(SOCK_SEQPACKET);
SAME_AS_SDK(SOL_SOCKET); SAME_AS_SDK(IPPROTO_IP); SAME_AS_SDK(IPPROTO_TCP); SAME_AS_SDK(IPPROTO_UDP);
SAME_AS_SDK(IPPROTO_IPV6);
SAME_AS_SDK(SO_ACCEPTCONN); SAME_AS_SDK(SO_KEEPALIVE); SAME_AS_SDK(SO_BROADCAST); SAME_AS_SDK(SO_OOBINLINE);
SAME_AS_SDK(SO_SNDBUF); SAME_AS_SDK(SO_TYPE);
SAME_AS_SDK(IP_TOS); SAME_AS_SDK(IP_TTL); SAME_AS_SDK(IP_MULTICAST_TTL); SAME_AS_SDK(IP_MULTICAST_LOOP);
SAME_AS_SDK(TCP_NODELAY); SAME_AS_SDK(TCP_KEEPALIVE); SAME_AS_SDK(TCP_MAXSEG); SAME_AS_SDK(TCP_MAXRT);
SAME_AS_SDK(TCP_NOSYNRETRIES); SAME_AS_SDK(TCP_MAXRTMS); SAME_AS_SDK(TCP_FASTOPEN); SAME_AS_SDK(TCP_KEEPCNT);
SAME_AS_SDK(TCP_KEEPINTVL); SAME_AS_SDK(TCP_FAIL_CONNECT_ON_ICMP_ERROR);
SAME_AS_SDK(UDP_NOCHECKSUM); SAME_AS_SDK(UDP_SEND_MSG_SIZE);
#undef SAME_AS_SDK

static INIT_ONCE unix_once = INIT_ONCE_STATIC_INIT;
static UINT64 unix_handle;
static unix_dispatcher dispatcher;

static const char *const unix_func_names[] =
{
#define UNIX_FUNC_NAME(name) #name,
    WS2KIT_UNIX_FUNCS(UNIX_FUNC_NAME)
#undef UNIX_FUNC_NAME
};

static const char *running_wine_version(void)
{
    const char *(CDECL *get_version)(void);

    get_version = (void *)GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "wine_get_version");
    return get_version ? get_version() : "(not Wine)";
}

/* Finds ws2kit.so and Wine's dispatcher; NULL (with an err: line) when either is missing. */
static unix_dispatcher find_unix_library(void)
{
    unix_dispatcher *dispatcher_ptr;
    HMODULE module;
    NTSTATUS status;

    if (!(module = LoadLibraryW(L"ws2kit.dll")))
    {
        ERR("ws2kit.dll is not installed in this prefix (error %lu); run make install-prefix\n",
            GetLastError());
        return NULL;
    }
    status = NtQueryVirtualMemory(GetCurrentProcess(), module, MEMORY_WINE_UNIX_FUNCS,
                                  &unix_handle, sizeof(unix_handle), NULL);
    if (status)
    {
        ERR("ws2kit.so was not found next to Wine's builtin ws2kit.dll (status %#lx); "
            "install it with make install or point WINEDLLPATH at it\n", status);
        return NULL;
    }
    dispatcher_ptr = (unix_dispatcher *)GetProcAddress(GetModuleHandleW(L"ntdll.dll"),
                                                       "__wine_unix_call_dispatcher");
    if (!dispatcher_ptr || !*dispatcher_ptr)
    {
        ERR("this ntdll has no __wine_unix_call_dispatcher: not Wine 7.x or later?\n");
        return NULL;
    }
    return *dispatcher_ptr;
}

static BOOL CALLBACK load_unix_library(INIT_ONCE *once, void *param, void **context)
{
    struct ws2kit_init_params init = {{0}};
    unix_dispatcher found;
    NTSTATUS status;

    (void)once; (void)param; (void)context;
    if (!(found = find_unix_library())) return TRUE;
    lstrcpynA(init.wine_version, running_wine_version(), sizeof(init.wine_version));
    status = found(unix_handle, ws2kit_unix_init, &init);
    if (status)
    {
        ERR("ws2kit does not know how to call the ntdll.so of Wine %s (status %#lx): "
            "ws2kit supports Wine 8.0 to 11.x; Winsock is not available\n", init.wine_version, status);
        return TRUE;
    }
    TRACE("Wine %s, ntdll.so called with %s, unix library handle %#llx\n",
          init.wine_version, init.ntdll_convention, (unsigned long long)unix_handle);
    dispatcher = found;
    return TRUE;
}

BOOL ws2kit_unix_ready(void)
{
    InitOnceExecuteOnce(&unix_once, load_unix_library, NULL, NULL);
    return dispatcher != NULL;
}

/* Wine catches a fault inside a Unix call and returns it as an NTSTATUS (an
 * access violation, say) instead of ending the process.  Every entry of
 * ws2kit.so answers 0 or a Winsock error, so an NTSTATUS error here is a bug
 * in ws2kit.so or in the ntdll.so under it.  It must not pass for a Winsock
 * answer ("not a socket", a refused closesocket): it is reported, then raised
 * in the caller as the same fault would be raised by a DLL on Windows. */
int ws2kit_unix_call(enum ws2kit_unix_func code, void *params)
{
    NTSTATUS status;

    if (!ws2kit_unix_ready()) return WSASYSNOTREADY;
    status = dispatcher(unix_handle, code, params);
    if (status < 0)
    {
        ERR("ws2kit.so faulted in %s (status %#lx)\n", unix_func_names[code], status);
        RaiseException(status, EXCEPTION_NONCONTINUABLE, 0, NULL);
    }
    return status;
}
