/* The PE half of the watch (ws2kit.so's watch.c): one thread per process
 * waits for news of the selected stream sockets that the wineserver does not
 * give, and hands each piece to events.c.  It starts with the first socket
 * watched and runs ws2kit's code for the rest of the process's life. */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

extern IMAGE_DOS_HEADER __ImageBase;

static INIT_ONCE watch_once = INIT_ONCE_STATIC_INIT;
static BOOL watch_running;

static DWORD WINAPI watch_thread(void *arg)
{
    struct ws2kit_watch_wait_params params;
    unsigned int i;
    int err;

    (void)arg;
    for (;;)
    {
        memset(&params, 0, sizeof(params));
        params.timeout_ms = -1;
        if ((err = ws2kit_unix_call(ws2kit_unix_watch_wait, &params)))
        {
            ERR("the watch failed (error %d): no more news\n", err);
            return 0;
        }
        for (i = 0; i < params.count && i < WS2KIT_WATCH_MAX_NEWS; i++)
            ws2kit_events_news((SOCKET)params.news[i].handle, params.news[i].what);
    }
}

static BOOL CALLBACK start_watch(INIT_ONCE *once, void *param, void **context)
{
    HMODULE self;
    HANDLE thread;

    (void)once; (void)param; (void)context;
    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_PIN,
                       (const WCHAR *)&__ImageBase, &self);
    if ((thread = CreateThread(NULL, 0, watch_thread, NULL, 0, NULL)))
    {
        watch_running = TRUE;
        CloseHandle(thread);
    }
    else WARN("no watch thread: error %lu\n", GetLastError());
    return TRUE;
}

static BOOL watch(SOCKET s, enum ws2kit_unix_func func)
{
    struct ws2kit_handle_params params;
    int err;

    InitOnceExecuteOnce(&watch_once, start_watch, NULL, NULL);
    if (!watch_running) return FALSE;
    params.handle = ws2kit_unix_handle(s);
    if ((err = ws2kit_unix_call(func, &params)))
    {
        WARN("%#Ix: not watched (error %d)\n", s, err);
        return FALSE;
    }
    TRACE("%#Ix: watched%s\n", s, func == ws2kit_unix_watch_urgent ? " for urgent data" : "");
    return TRUE;
}

/* Adds a socket to the watch; FALSE when it cannot be watched. */
BOOL ws2kit_watch_socket(SOCKET s)
{
    return watch(s, ws2kit_unix_watch_add);
}

/* The same for news of urgent data only (urgent.c). */
BOOL ws2kit_watch_urgent(SOCKET s)
{
    return watch(s, ws2kit_unix_watch_urgent);
}
