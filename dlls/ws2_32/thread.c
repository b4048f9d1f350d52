/* Winsock's per-thread state, all of it in one structure behind one TLS
 * slot: made on a thread's first need, given back when the thread ends
 * (DllMain). */
#include "ws2_32_private.h"

static DWORD slot = TLS_OUT_OF_INDEXES;

BOOL ws2kit_thread_init(void)
{
    return (slot = TlsAlloc()) != TLS_OUT_OF_INDEXES;
}

struct ws2kit_thread *ws2kit_thread(void)
{
    struct ws2kit_thread *thread = TlsGetValue(slot);

    if (!thread && (thread = calloc(1, sizeof(*thread)))) TlsSetValue(slot, thread);
    return thread;
}

void ws2kit_thread_end(void)
{
    struct ws2kit_thread *thread = TlsGetValue(slot);

    if (!thread) return;
    if (thread->sync_event) CloseHandle(thread->sync_event);
    free(thread->hostdb);
    free(thread);
    TlsSetValue(slot, NULL);
}

void ws2kit_thread_fini(void)
{
    TlsFree(slot);
}
