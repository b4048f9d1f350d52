/* The Winsock 1 asynchronous database calls (WSAAsyncGetHostByName and
 * co.) and WSACancelAsyncRequest.
 *
 * Each call returns a task handle and runs the matching synchronous lookup
 * (hostdb.c) on a thread-pool thread.  The answer is copied into the
 * caller's buffer flat, the way Windows lays it out: the structure first,
 * then its pointer arrays, then the addresses and strings, every pointer
 * pointing into the same buffer.  Then the window gets
 * PostMessage(hwnd, msg, handle, WSAMAKEASYNCREPLY(length, error)); when the
 * buffer is too small the error is WSAENOBUFS and the length the size needed. */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

enum async_kind
{
    HOST_BY_NAME, HOST_BY_ADDR, PROTO_BY_NAME, PROTO_BY_NUMBER, SERV_BY_NAME, SERV_BY_PORT
};

struct async_task
{
    enum async_kind kind;
    HWND hwnd;
    UINT msg;
    char *buf;                /* the caller's */
    int buflen;
    char name[256];           /* host, protocol or service name */
    char proto[32];
    BOOL has_proto;
    char addr[16];
    int len, type;            /* gethostbyaddr's */
    int number;               /* protocol number or port */
    ULONG_PTR id;
    BOOL cancelled, done;
    struct async_task *next;
};

/* Guards the task list and the cancelled/done flags. */
static SRWLOCK tasks_lock = SRWLOCK_INIT;
static struct async_task *tasks;
static ULONG_PTR last_task_id;

/* Flattening ----------------------------------------------------------------- */

/* Lays data out in a staging copy of the caller's buffer, with pointers as
 * they will be in the caller's buffer; keeps counting past the end, so that
 * `used` is always the size needed. */
struct packer
{
    char *stage;
    size_t stage_size;
    char *user;
    size_t used;
};

/* Reserves len bytes (aligned); returns their staging address, or NULL once
 * they no longer fit. */
static void *pack_reserve(struct packer *p, size_t len, size_t align)
{
    size_t at = (p->used + align - 1) & ~(align - 1);

    p->used = at + len;
    return p->used <= p->stage_size ? p->stage + at : NULL;
}

static char *user_address(const struct packer *p, const void *staged)
{
    return staged ? p->user + ((const char *)staged - p->stage) : NULL;
}

static char *pack_string(struct packer *p, const char *s)
{
    size_t len = strlen(s) + 1;
    char *at = pack_reserve(p, len, 1);

    if (at) memcpy(at, s, len);
    return user_address(p, at);
}

static size_t count_list(char **list)
{
    size_t n = 0;
    while (list && list[n]) n++;
    return n;
}

/* A NULL-terminated array of strings: the array now, the strings behind it later. */
static char **pack_string_array(struct packer *p, char **list, char ***staged)
{
    size_t n = count_list(list);

    *staged = pack_reserve(p, (n + 1) * sizeof(char *), sizeof(char *));
    return (char **)user_address(p, *staged);
}

static void pack_strings(struct packer *p, char **list, char **staged)
{
    size_t i, n = count_list(list);

    for (i = 0; i < n; i++)
    {
        char *s = pack_string(p, list[i]);
        if (staged) staged[i] = s;
    }
    if (staged) staged[n] = NULL;
}

static void pack_hostent(struct packer *p, const struct hostent *src)
{
    struct hostent *ent = pack_reserve(p, sizeof(*ent), sizeof(char *));
    size_t i, n = count_list(src->h_addr_list);
    char **aliases, **addrs, **user_aliases, **user_addrs, *name;

    user_aliases = pack_string_array(p, src->h_aliases, &aliases);
    addrs = pack_reserve(p, (n + 1) * sizeof(char *), sizeof(char *));
    user_addrs = (char **)user_address(p, addrs);
    for (i = 0; i < n; i++)
    {
        char *addr = pack_reserve(p, src->h_length, 1);
        if (addr) memcpy(addr, src->h_addr_list[i], src->h_length);
        if (addrs) addrs[i] = user_address(p, addr);
    }
    if (addrs) addrs[n] = NULL;
    name = pack_string(p, src->h_name);
    pack_strings(p, src->h_aliases, aliases);
    if (!ent) return;
    ent->h_name = name;
    ent->h_aliases = user_aliases;
    ent->h_addrtype = src->h_addrtype;
    ent->h_length = src->h_length;
    ent->h_addr_list = user_addrs;
}

static void pack_protoent(struct packer *p, const struct protoent *src)
{
    struct protoent *ent = pack_reserve(p, sizeof(*ent), sizeof(char *));
    char **aliases, **user_aliases = pack_string_array(p, src->p_aliases, &aliases);
    char *name = pack_string(p, src->p_name);

    pack_strings(p, src->p_aliases, aliases);
    if (!ent) return;
    ent->p_name = name;
    ent->p_aliases = user_aliases;
    ent->p_proto = src->p_proto;
}

static void pack_servent(struct packer *p, const struct servent *src)
{
    struct servent *ent = pack_reserve(p, sizeof(*ent), sizeof(char *));
    char **aliases, **user_aliases = pack_string_array(p, src->s_aliases, &aliases);
    char *name = pack_string(p, src->s_name), *proto;

    pack_strings(p, src->s_aliases, aliases);
    proto = pack_string(p, src->s_proto);
    if (!ent) return;
    ent->s_name = name;
    ent->s_aliases = user_aliases;
    ent->s_proto = proto;
    ent->s_port = src->s_port;
}

/* The worker ------------------------------------------------------------------ */

/* Runs the synchronous lookup on this thread and flattens its answer into
 * p; 0 or the lookup's error. */
static int look_up(const struct async_task *task, struct packer *p)
{
    const char *proto = task->has_proto ? task->proto : NULL;
    struct hostent *host = NULL;
    struct protoent *prot = NULL;
    struct servent *serv = NULL;

    switch (task->kind)
    {
    case HOST_BY_NAME:    host = gethostbyname(task->name); break;
    case HOST_BY_ADDR:    host = gethostbyaddr(task->addr, task->len, task->type); break;
    case PROTO_BY_NAME:   prot = getprotobyname(task->name); break;
    case PROTO_BY_NUMBER: prot = getprotobynumber(task->number); break;
    case SERV_BY_NAME:    serv = getservbyname(task->name, proto); break;
    case SERV_BY_PORT:    serv = getservbyport(task->number, proto); break;
    }
    if (host) pack_hostent(p, host);
    else if (prot) pack_protoent(p, prot);
    else if (serv) pack_servent(p, serv);
    else return GetLastError();
    return 0;
}

static BOOL (WINAPI *post_message)(HWND, UINT, WPARAM, LPARAM);

/* user32 only for the tasks' messages: a console program never loads it for us. */
static BOOL CALLBACK load_post_message(INIT_ONCE *once, void *param, void **context)
{
    HMODULE user32 = LoadLibraryW(L"user32.dll");

    if (user32) post_message = (void *)GetProcAddress(user32, "PostMessageW");
    if (!post_message) ERR("no PostMessageW: the asynchronous database calls cannot answer\n");
    return TRUE;
}

/* Takes the task off the list; FALSE if it was cancelled (nothing to send). */
static BOOL finish_task(struct async_task *task)
{
    struct async_task **t;
    BOOL cancelled;

    AcquireSRWLockExclusive(&tasks_lock);
    cancelled = task->cancelled;
    task->done = TRUE;
    for (t = &tasks; *t; t = &(*t)->next)
        if (*t == task) { *t = task->next; break; }
    ReleaseSRWLockExclusive(&tasks_lock);
    return !cancelled;
}

static DWORD WINAPI async_worker(void *arg)
{
    static INIT_ONCE post_once = INIT_ONCE_STATIC_INIT;
    struct async_task *task = arg;
    /* Room for the largest answer hostdb.c gives (35 addresses and a 256-byte
     * name; a 512-byte services line), four times over. */
    char stage[MAXGETHOSTSTRUCT * 4];
    struct packer p = { stage, sizeof(stage), task->buf, 0 };
    int err = look_up(task, &p);

    if (!err && (p.used > (size_t)(task->buflen > 0 ? task->buflen : 0) || p.used > sizeof(stage)))
        err = WSAENOBUFS;
    if (finish_task(task))
    {
        if (!err && !ws2kit_write_user(task->buf, stage, p.used)) err = WSAEFAULT;
        TRACE("task %Iu: error %d, %Iu bytes\n", task->id, err, p.used);
        InitOnceExecuteOnce(&post_once, load_post_message, NULL, NULL);
        if (post_message)
            post_message(task->hwnd, task->msg, task->id, WSAMAKEASYNCREPLY(err && err != WSAENOBUFS ? 0 : p.used, err));
    }
    else TRACE("task %Iu: cancelled\n", task->id);
    free(task);
    return 0;
}

/* Queues a task; returns its handle, or NULL with the thread's error set. */
static HANDLE start_task(struct async_task *task)
{
    struct async_task *copy;

    /* Windows checks no buffer when it starts a lookup (Wine's conformance
     * test: a NULL buffer gets a handle, and the reply says what went wrong). */
    if (!(copy = malloc(sizeof(*copy)))) { ws2kit_fail(WSAENOBUFS); return NULL; }
    *copy = *task;
    AcquireSRWLockExclusive(&tasks_lock);
    copy->id = ++last_task_id;
    copy->next = tasks;
    tasks = copy;
    ReleaseSRWLockExclusive(&tasks_lock);
    task->id = copy->id;
    if (!QueueUserWorkItem(async_worker, copy, WT_EXECUTEDEFAULT))
    {
        finish_task(copy);
        free(copy);
        ws2kit_fail(WSAENOBUFS);
        return NULL;
    }
    ws2kit_succeed();
    return (HANDLE)task->id;
}

/* The parts every call shares; FALSE (error set) for a bad name or protocol. */
static BOOL task_init(struct async_task *task, enum async_kind kind, HWND hwnd, UINT msg, const char *name,
                      const char *proto, char *buf, int buflen)
{
    memset(task, 0, sizeof(*task));
    task->kind = kind;
    task->hwnd = hwnd;
    task->msg = msg;
    task->buf = buf;
    task->buflen = buflen;
    if ((kind == HOST_BY_NAME || kind == PROTO_BY_NAME || kind == SERV_BY_NAME) &&
        (!name || !ws2kit_read_user_string(name, task->name, sizeof(task->name))))
    {
        ws2kit_fail(WSAEFAULT);
        return FALSE;
    }
    if ((task->has_proto = proto != NULL) && !ws2kit_read_user_string(proto, task->proto, sizeof(task->proto)))
    {
        ws2kit_fail(WSAEFAULT);
        return FALSE;
    }
    return TRUE;
}

HANDLE WINAPI WSAAsyncGetHostByName(HWND hwnd, UINT msg, const char *name, char *buf, int buflen)
{
    struct async_task task;

    CHECK_STARTED(NULL);
    if (!task_init(&task, HOST_BY_NAME, hwnd, msg, name, NULL, buf, buflen)) return NULL;
    return start_task(&task);
}

HANDLE WINAPI WSAAsyncGetHostByAddr(HWND hwnd, UINT msg, const char *addr, int len, int type, char *buf,
                                    int buflen)
{
    struct async_task task;

    CHECK_STARTED(NULL);
    if (!task_init(&task, HOST_BY_ADDR, hwnd, msg, NULL, NULL, buf, buflen)) return NULL;
    task.len = len;
    task.type = type;
    if (!addr || len < 0 || !ws2kit_read_user(task.addr, addr, min(len, (int)sizeof(task.addr))))
    {
        ws2kit_fail(WSAEFAULT);
        return NULL;
    }
    return start_task(&task);
}

HANDLE WINAPI WSAAsyncGetProtoByName(HWND hwnd, UINT msg, const char *name, char *buf, int buflen)
{
    struct async_task task;

    CHECK_STARTED(NULL);
    if (!task_init(&task, PROTO_BY_NAME, hwnd, msg, name, NULL, buf, buflen)) return NULL;
    return start_task(&task);
}

HANDLE WINAPI WSAAsyncGetProtoByNumber(HWND hwnd, UINT msg, int number, char *buf, int buflen)
{
    struct async_task task;

    CHECK_STARTED(NULL);
    if (!task_init(&task, PROTO_BY_NUMBER, hwnd, msg, NULL, NULL, buf, buflen)) return NULL;
    task.number = number;
    return start_task(&task);
}

HANDLE WINAPI WSAAsyncGetServByName(HWND hwnd, UINT msg, const char *name, const char *proto, char *buf,
                                    int buflen)
{
    struct async_task task;

    CHECK_STARTED(NULL);
    if (!task_init(&task, SERV_BY_NAME, hwnd, msg, name, proto, buf, buflen)) return NULL;
    return start_task(&task);
}

HANDLE WINAPI WSAAsyncGetServByPort(HWND hwnd, UINT msg, int port, const char *proto, char *buf, int buflen)
{
    struct async_task task;

    CHECK_STARTED(NULL);
    if (!task_init(&task, SERV_BY_PORT, hwnd, msg, NULL, proto, buf, buflen)) return NULL;
    task.number = port;
    return start_task(&task);
}

/* Stops a task's message.  Microsoft documents WSAEINVAL for a handle that
 * names no task in progress, which includes one that has finished. */
int WINAPI WSACancelAsyncRequest(HANDLE handle)
{
    struct async_task *task;

    CHECK_STARTED(SOCKET_ERROR);
    AcquireSRWLockExclusive(&tasks_lock);
    for (task = tasks; task; task = task->next)
        if (task->id == (ULONG_PTR)handle && !task->done && !task->cancelled) break;
    if (task) task->cancelled = TRUE;
    ReleaseSRWLockExclusive(&tasks_lock);
    if (!task) return ws2kit_fail(WSAEINVAL);
    TRACE("task %Iu\n", (ULONG_PTR)handle);
    return ws2kit_succeed();
}
