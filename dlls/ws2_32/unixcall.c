/* Calls into ws2kit.so, the Unix library carried by the companion module
 * ws2kit.dll (see dlls/ws2kit/ws2kit_main.c for why it is a separate module). */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

/* ntdll's NtQueryVirtualMemory class that returns a module's Unix call handle. */
#define MEMORY_WINE_UNIX_FUNCS 1000

typedef NTSTATUS (WINAPI *unix_dispatcher)(UINT64 handle, unsigned int code, void *args);

static INIT_ONCE unix_once = INIT_ONCE_STATIC_INIT;
static UINT64 unix_handle;
static unix_dispatcher dispatcher;

static BOOL CALLBACK load_unix_library(INIT_ONCE *once, void *param, void **context)
{
    unix_dispatcher *dispatcher_ptr;
    HMODULE module;
    NTSTATUS status;

    (void)once; (void)param; (void)context;
    if (!(module = LoadLibraryW(L"ws2kit.dll")))
    {
        ERR("ws2kit.dll is not installed in this prefix (error %lu); run make install-prefix\n",
            GetLastError());
        return TRUE;
    }
    status = NtQueryVirtualMemory(GetCurrentProcess(), module, MEMORY_WINE_UNIX_FUNCS,
                                  &unix_handle, sizeof(unix_handle), NULL);
    if (status)
    {
        ERR("ws2kit.so was not found next to Wine's builtin ws2kit.dll (status %#lx); "
            "install it with make install or point WINEDLLPATH at it\n", status);
        return TRUE;
    }
    dispatcher_ptr = (unix_dispatcher *)GetProcAddress(GetModuleHandleW(L"ntdll.dll"),
                                                       "__wine_unix_call_dispatcher");
    if (!dispatcher_ptr || !*dispatcher_ptr)
    {
        ERR("this ntdll has no __wine_unix_call_dispatcher: not Wine 7.x or later?\n");
        return TRUE;
    }
    dispatcher = *dispatcher_ptr;
    TRACE("unix library handle %#llx\n", (unsigned long long)unix_handle);
    return TRUE;
}

int ws2kit_unix_call(enum ws2kit_unix_func code, void *params)
{
    InitOnceExecuteOnce(&unix_once, load_unix_library, NULL, NULL);
    if (!dispatcher) return WSASYSNOTREADY;
    return dispatcher(unix_handle, code, params);
}
