/* GetAddrInfoExW, its asynchronous form (GetAddrInfoExCancel,
 * GetAddrInfoExOverlappedResult) and FreeAddrInfoEx/FreeAddrInfoExW.
 *
 * An asynchronous request resolves on a thread-pool thread.  While it runs,
 * OVERLAPPED.Internal holds WSAEINPROGRESS and OVERLAPPED.Pointer the
 * caller's result pointer; it completes exactly once, by the lookup, a
 * cancel (WSA_E_CANCELLED) or its timeout (WSAETIMEDOUT), and then Internal
 * holds the error, *ppResult the list (or NULL) and the event is set or the
 * completion routine called.  As on Windows, the routine runs on a worker
 * thread: no alertable wait is needed. */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

/* ws2def.h: the completion routine's real type (MinGW declares it void *). */
typedef void (CALLBACK *lookup_completion)(DWORD error, DWORD bytes, OVERLAPPED *overlapped);

struct ex_request
{
    struct ws2kit_wide_query query;
    ADDRINFOEXW **user_result;
    OVERLAPPED *overlapped;
    lookup_completion routine;
    HANDLE timer;                 /* the timeout, or NULL */
    ULONG_PTR id;                 /* the caller's handle */
    BOOL done;
    struct ex_request *next;
};

/* Guards the list and each request's done flag; never held while the
 * caller's memory or code is touched. */
static SRWLOCK pending_lock = SRWLOCK_INIT;
static struct ex_request *pending;
static ULONG_PTR last_id;

static ADDRINFOEXW *to_addrinfoexw(const struct addrinfo *ai)
{
    ADDRINFOEXW *head = NULL, **tail = &head;

    for (; ai; ai = ai->ai_next)
    {
        ADDRINFOEXW *w = ws2kit_wide_node(ai, sizeof(*w));

        if (!w) { FreeAddrInfoExW(head); return NULL; }
        *tail = w;
        tail = (ADDRINFOEXW **)&w->ai_next;
    }
    return head;
}

/* Resolves a parsed query into an ADDRINFOEXW list; 0 or a WSA error. */
static int resolve_ex(const struct ws2kit_wide_query *query, ADDRINFOEXW **result)
{
    struct addrinfo *ai;
    int err;

    *result = NULL;
    if ((err = ws2kit_wide_query_run(query, &ai))) return err;
    *result = to_addrinfoexw(ai);
    freeaddrinfo(ai);
    return *result ? 0 : WSA_NOT_ENOUGH_MEMORY;
}

/* Where a request's completion goes, copied from it when it is claimed. */
struct completion_target
{
    ULONG_PTR id;
    ADDRINFOEXW **user_result;
    OVERLAPPED *overlapped;
    lookup_completion routine;
};

/* Under the lock: marks a request done; FALSE if it already was. */
static BOOL claim_locked(struct ex_request *req, struct completion_target *target)
{
    if (req->done) return FALSE;
    req->done = TRUE;
    target->id = req->id;
    target->user_result = req->user_result;
    target->overlapped = req->overlapped;
    target->routine = req->routine;
    return TRUE;
}

/* Tells the caller: result, error in Internal, then the routine or the event. */
static void deliver(const struct completion_target *target, int err, ADDRINFOEXW *result)
{
    ULONG_PTR internal = err;
    HANDLE event = NULL;

    TRACE("request %Iu: error %d\n", target->id, err);
    ws2kit_write_user(target->user_result, &result, sizeof(result));
    ws2kit_write_user(&target->overlapped->Internal, &internal, sizeof(internal));
    if (target->routine) target->routine(err, 0, target->overlapped);
    else if (ws2kit_read_user(&event, &target->overlapped->hEvent, sizeof(event)) && event) SetEvent(event);
}

/* Completes a request once; FALSE (and nothing done) if it already was. */
static BOOL complete(struct ex_request *req, int err, ADDRINFOEXW *result)
{
    struct completion_target target;
    BOOL claimed;

    AcquireSRWLockExclusive(&pending_lock);
    claimed = claim_locked(req, &target);
    ReleaseSRWLockExclusive(&pending_lock);
    if (claimed) deliver(&target, err, result);
    return claimed;
}

static void CALLBACK timed_out(void *arg, BOOLEAN fired)
{
    complete(arg, WSAETIMEDOUT, NULL);
}

static void unlink_request(struct ex_request *req)
{
    struct ex_request **p;

    AcquireSRWLockExclusive(&pending_lock);
    for (p = &pending; *p; p = &(*p)->next)
        if (*p == req) { *p = req->next; break; }
    ReleaseSRWLockExclusive(&pending_lock);
}

static DWORD WINAPI resolve_worker(void *arg)
{
    struct ex_request *req = arg;
    ADDRINFOEXW *result;
    int err = resolve_ex(&req->query, &result);

    /* Waits for a timeout callback that is running: afterwards nothing else uses req. */
    if (req->timer) DeleteTimerQueueTimer(NULL, req->timer, INVALID_HANDLE_VALUE);
    if (!complete(req, err, result)) FreeAddrInfoExW(result);
    unlink_request(req);
    free(req);
    return 0;
}

/* Starts an asynchronous request; returns WSA_IO_PENDING or a WSA error. */
static int start_async(const struct ws2kit_wide_query *query, ADDRINFOEXW **user_result, const TIMEVAL *user_timeout,
                       OVERLAPPED *overlapped, lookup_completion routine, HANDLE *user_handle)
{
    ULONG_PTR internal = WSAEINPROGRESS;
    struct ex_request *req;
    TIMEVAL timeout;
    HANDLE handle;

    if (user_timeout && !ws2kit_read_user(&timeout, user_timeout, sizeof(timeout))) return WSAEFAULT;
    /* Everything the request writes is probed first, so that a bad pointer
     * leaves the caller's memory untouched and starts nothing. */
    if (!ws2kit_probe_write_user(overlapped, sizeof(*overlapped)) ||
        (user_handle && !ws2kit_probe_write_user(user_handle, sizeof(*user_handle))))
        return WSAEFAULT;
    if (!ws2kit_write_user(&overlapped->Internal, &internal, sizeof(internal)) ||
        !ws2kit_write_user(&overlapped->Pointer, &user_result, sizeof(user_result)))
        return WSAEFAULT;
    if (!(req = calloc(1, sizeof(*req)))) return WSA_NOT_ENOUGH_MEMORY;
    req->query = *query;
    req->user_result = user_result;
    req->overlapped = overlapped;
    req->routine = routine;

    AcquireSRWLockExclusive(&pending_lock);
    req->id = ++last_id;
    req->next = pending;
    pending = req;
    ReleaseSRWLockExclusive(&pending_lock);
    handle = (HANDLE)req->id;
    if (user_handle) ws2kit_write_user(user_handle, &handle, sizeof(handle));
    if (user_timeout)
    {
        ULONGLONG ms = (ULONGLONG)timeout.tv_sec * 1000 + timeout.tv_usec / 1000;
        if (!CreateTimerQueueTimer(&req->timer, NULL, timed_out, req, ms > 0xfffffffe ? 0xfffffffe : (DWORD)ms, 0,
                                   WT_EXECUTEONLYONCE))
            req->timer = NULL;
    }
    TRACE("request %Iu: %s %s\n", req->id, query->has_name ? query->name : "(null)",
          query->has_service ? query->service : "(null)");
    if (!QueueUserWorkItem(resolve_worker, req, WT_EXECUTEDEFAULT))
    {
        /* Nothing will run: the request fails at once and never completes. */
        if (req->timer) DeleteTimerQueueTimer(NULL, req->timer, INVALID_HANDLE_VALUE);
        unlink_request(req);
        free(req);
        return WSA_NOT_ENOUGH_MEMORY;
    }
    return WSA_IO_PENDING;
}

int WINAPI GetAddrInfoExW(const WCHAR *name, const WCHAR *service, DWORD namespace, GUID *provider,
                          const ADDRINFOEXW *hints, ADDRINFOEXW **result, TIMEVAL *timeout,
                          OVERLAPPED *overlapped, LPLOOKUPSERVICE_COMPLETION_ROUTINE routine, HANDLE *handle)
{
    struct ws2kit_wide_query query;
    ADDRINFOEXW *none = NULL, hints_copy;
    HANDLE event = NULL;
    int err;

    CHECK_STARTED(WSANOTINITIALISED);
    /* Only the DNS namespace exists here; a provider GUID names no provider we have. */
    if (namespace != NS_ALL && namespace != NS_DNS) return ws2kit_fail_code(WSAEINVAL);
    if (provider)
    {
        FIXME("namespace provider GUIDs are not supported\n");
        return ws2kit_fail_code(WSAEINVAL);
    }
    if (!result) return ws2kit_fail_code(WSAEINVAL);
    /* As for GetAddrInfoW, the whole ADDRINFOEXW is read, not only its head. */
    if (hints && !ws2kit_read_user(&hints_copy, hints, sizeof(hints_copy))) return ws2kit_fail_code(WSAEFAULT);
    if (!ws2kit_write_user(result, &none, sizeof(none))) return ws2kit_fail_code(WSAEFAULT);
    /* Windows takes either an event or a routine, and a timeout only with an OVERLAPPED. */
    if (overlapped && !ws2kit_read_user(&event, &overlapped->hEvent, sizeof(event))) return ws2kit_fail_code(WSAEFAULT);
    if (routine && (!overlapped || event)) return ws2kit_fail_code(WSAEINVAL);
    if (timeout && !overlapped) return ws2kit_fail_code(WSAEINVAL);
    if (!name && !service) return ws2kit_fail_code(WSAHOST_NOT_FOUND);
    if ((err = ws2kit_wide_query_init(&query, name, service, hints))) return ws2kit_fail_code(err);

    if (overlapped) return ws2kit_fail_code(start_async(&query, result, timeout, overlapped, (lookup_completion)routine, handle));
    if ((err = resolve_ex(&query, result))) return ws2kit_fail_code(err);
    return ws2kit_succeed();
}

int WINAPI GetAddrInfoExCancel(HANDLE *user_handle)
{
    struct completion_target target;
    struct ex_request *req;
    BOOL claimed = FALSE;
    HANDLE handle;

    if (!user_handle || !ws2kit_read_user(&handle, user_handle, sizeof(handle))) return ws2kit_fail_code(WSA_INVALID_HANDLE);
    AcquireSRWLockExclusive(&pending_lock);
    for (req = pending; req; req = req->next)
        if (req->id == (ULONG_PTR)handle) { claimed = claim_locked(req, &target); break; }
    ReleaseSRWLockExclusive(&pending_lock);
    /* Finished, timed out or unknown: Windows answers WSA_INVALID_HANDLE for all three. */
    if (!claimed) return ws2kit_fail_code(WSA_INVALID_HANDLE);
    deliver(&target, WSA_E_CANCELLED, NULL);
    return ws2kit_succeed();
}

int WINAPI GetAddrInfoExOverlappedResult(OVERLAPPED *overlapped)
{
    ULONG_PTR internal;

    if (!overlapped || !ws2kit_read_user(&internal, &overlapped->Internal, sizeof(internal))) return WSAEINVAL;
    return (int)internal;
}

/* Our nodes carry their address and name in their own block (see ws2kit_wide_node). */
void WINAPI FreeAddrInfoExW(ADDRINFOEXW *ai)
{
    while (ai)
    {
        ADDRINFOEXW *next = (ADDRINFOEXW *)ai->ai_next;
        free(ai);
        ai = next;
    }
}

void WINAPI FreeAddrInfoEx(ADDRINFOEXA *ai)
{
    while (ai)
    {
        ADDRINFOEXA *next = (ADDRINFOEXA *)ai->ai_next;
        free(ai);
        ai = next;
    }
}
