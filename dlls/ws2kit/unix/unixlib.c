/* ws2kit.so: the Unix library registered for ws2kit.dll.  Each entry converts
 * the socket handle to its Linux fd through Wine's ntdll.so and does the work
 * on the fd (sockopt.c) or on the host (resolve.c). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "unix_private.h"
#include "ws2kit/handle_table.h"

typedef int NTSTATUS_;  /* NTSTATUS, without Wine's headers */
typedef void *HANDLE_;

/* Exported by Wine's ntdll.so.  Declared without a prototype that could be
 * called by mistake: it is only ever called through call_handle_to_fd, with
 * the convention the running Wine uses (wineabi.c). */
extern char wine_server_handle_to_fd[];

typedef NTSTATUS_ (*handle_to_fd_sysv)(HANDLE_ handle, unsigned int access, int *fd, unsigned int *options);
#if defined(__x86_64__)
typedef NTSTATUS_ (__attribute__((ms_abi)) *handle_to_fd_ms)(HANDLE_ handle, unsigned int access,
                                                              int *fd, unsigned int *options);
#endif

static enum ws2kit_ntdll_convention ntdll_convention;  /* set once by unix_init */
static int ntdll_caches_accepted_fds;                  /* set once by unix_init */

static NTSTATUS_ call_handle_to_fd(HANDLE_ handle, int *fd)
{
    void *entry = wine_server_handle_to_fd;

    switch (ntdll_convention)
    {
#if defined(__x86_64__)
    case WS2KIT_NTDLL_MS_ABI: return ((handle_to_fd_ms)entry)(handle, 0, fd, NULL);
#endif
    case WS2KIT_NTDLL_SYSV:
    case WS2KIT_NTDLL_CDECL:  return ((handle_to_fd_sysv)entry)(handle, 0, fd, NULL);
    default: break;
    }
    abort();  /* unreachable: the PE side makes no call after a failed init */
}

/* Fault injection for the tests: WS2KIT_INJECT_FAULT=NAME makes the Unix
 * entry NAME fault as a bug would, so tests can see how a fault surfaces. */
static int injected_fault = -1;

static const char *const unix_func_names[] =
{
#define UNIX_FUNC_NAME(name) #name,
    WS2KIT_UNIX_FUNCS(UNIX_FUNC_NAME)
#undef UNIX_FUNC_NAME
};

static void read_injected_fault(void)
{
    const char *name = getenv("WS2KIT_INJECT_FAULT");
    int i;

    if (!name) return;
    for (i = 0; i < ws2kit_unix_func_count; i++)
        if (!strcmp(name, unix_func_names[i])) injected_fault = i;
}

static int *volatile unmapped_address;  /* NULL, hidden from the optimizer */

static void fault_if_injected(enum ws2kit_unix_func func)
{
    if ((int)func == injected_fault) *unmapped_address = 0;
}

static int unix_init(void *args)
{
    struct ws2kit_init_params *params = args;

    const char *test_version = getenv("WS2KIT_TEST_WINE_VERSION");  /* tests: an unknown Wine */

    params->wine_version[sizeof(params->wine_version) - 1] = 0;
    if (test_version) snprintf(params->wine_version, sizeof(params->wine_version), "%s", test_version);
    read_injected_fault();
    fault_if_injected(ws2kit_unix_init);
    ntdll_convention = ws2kit_ntdll_convention_for(params->wine_version);
    ntdll_caches_accepted_fds = ws2kit_ntdll_caches_accepted_fds(params->wine_version);
    snprintf(params->ntdll_convention, sizeof(params->ntdll_convention), "%s",
             ws2kit_ntdll_convention_name(ntdll_convention));
    return ntdll_convention == WS2KIT_NTDLL_UNKNOWN ? WSASYSNOTREADY : 0;
}

/* The fds ws2kit.so keeps for sockets whose fd Wine's ntdll does not cache
 * (see WS2KIT_HANDLE_MARKS): a small open-addressing map from handle to an
 * fd of our own.  An accepted socket's entry also holds the socket's inode,
 * which tells whether the handle still names that socket. */
struct own_fd
{
    uint64_t handle;    /* the key, first (include/ws2kit/handle_table.h) */
    int fd;
    int accepted;
    uint64_t inode;
};
_Static_assert(offsetof(struct own_fd, handle) == 0, "a table entry starts with its key");

static pthread_mutex_t own_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ws2kit_handle_table own_fds = WS2KIT_HANDLE_TABLE_INIT(struct own_fd);
static size_t own_accepted;   /* entries of accepted sockets */

static struct own_fd *own_find(uint64_t handle)
{
    return ws2kit_table_find(&own_fds, handle);
}

static uint64_t inode_of(int fd)
{
    struct stat st;
    return fstat(fd, &st) ? 0 : (uint64_t)st.st_ino;
}

/* Keeps a dup of fd for handle; best effort (a failure only costs speed). */
static void own_store(uint64_t handle, int fd, int accepted)
{
    struct own_fd *entry;
    int copy;

    if ((copy = dup(fd)) < 0) return;
    if (!(entry = ws2kit_table_insert(&own_fds, handle)))
    {
        close(copy);
        return;
    }
    entry->fd = copy;
    entry->accepted = accepted;
    entry->inode = accepted ? inode_of(copy) : 0;
    own_accepted += accepted != 0;
}

static void own_drop(struct own_fd *entry)
{
    own_accepted -= entry->accepted != 0;
    close(entry->fd);
    ws2kit_table_delete(&own_fds, entry);
}

static int unix_forget_fd(void *args)
{
    const struct ws2kit_handle_params *params = args;
    uint64_t handle = params->handle & ~WS2KIT_HANDLE_MARKS;
    struct own_fd *entry;

    pthread_mutex_lock(&own_lock);
    if ((entry = own_find(handle))) own_drop(entry);
    pthread_mutex_unlock(&own_lock);
    ws2kit_urgent_forget(handle);
    return 0;
}

/* A socket closed with CloseHandle instead of closesocket leaves its entry
 * behind, and our fd would keep the connection open, where Windows closes
 * it.  The PE side drops an entry when the handle value comes back, and
 * calls this at each new socket: it checks one accepted socket's entry, in
 * turn, asking ntdll (a wineserver round trip) whether the handle still
 * names that socket.  Fresh sockets' entries hold no connection and wait
 * for the value to come back. */
static size_t sweep_cursor;

static int unix_sweep_own_fds(void *args)
{
    uint64_t handle = 0, inode = 0;
    struct own_fd *entry;
    int fd, alive;
    size_t n, i;

    (void)args;
    pthread_mutex_lock(&own_lock);
    for (n = 0; own_accepted && n < own_fds.size && !handle; n++)
    {
        i = sweep_cursor++ & (own_fds.size - 1);
        entry = ws2kit_table_slot(&own_fds, i);
        if (ws2kit_table_live_at(&own_fds, i) && entry->accepted)
        {
            handle = entry->handle;
            inode = entry->inode;
        }
    }
    pthread_mutex_unlock(&own_lock);
    if (!handle) return 0;

    alive = !call_handle_to_fd((HANDLE_)(uintptr_t)handle, &fd);
    if (alive)
    {
        alive = inode_of(fd) == inode;
        close(fd);
    }
    if (alive) return 0;
    pthread_mutex_lock(&own_lock);
    if ((entry = own_find(handle)) && entry->inode == inode) own_drop(entry);
    pthread_mutex_unlock(&own_lock);
    return 0;
}

/* Whether ntdll may not cache the fd of the socket the handle names. */
static int keeps_own_fd(ws2kit_handle_t handle)
{
    return (handle & WS2KIT_HANDLE_FRESH) || ((handle & WS2KIT_HANDLE_ACCEPTED) && !ntdll_caches_accepted_fds);
}

/* For a socket whose fd Wine's ntdll caches (connected, listening, datagram),
 * this is a dup() and no server round trip; NtClose drops ntdll's copy.  The
 * others' fds come from our own cache after the first time.  The caller
 * closes the fd it gets. */
static int handle_to_fd(ws2kit_handle_t handle, int *fd)
{
    uint64_t value = handle & ~WS2KIT_HANDLE_MARKS;
    int own = keeps_own_fd(handle);
    struct own_fd *entry;
    NTSTATUS_ status;

    if (own)
    {
        pthread_mutex_lock(&own_lock);
        /* dup under the lock: a concurrent forget cannot close it under us */
        *fd = (entry = own_find(value)) ? dup(entry->fd) : -1;
        pthread_mutex_unlock(&own_lock);
        if (*fd >= 0) return 0;
    }
    status = call_handle_to_fd((HANDLE_)(uintptr_t)value, fd);
    /* Not a handle, or one to an object without an fd (an event...).  A fault
     * inside ntdll does not come back here: Wine unwinds the whole Unix call. */
    if (status) return WSAENOTSOCK;
    if (own)
    {
        pthread_mutex_lock(&own_lock);
        if (!own_find(value)) own_store(value, *fd, !(handle & WS2KIT_HANDLE_FRESH));
        pthread_mutex_unlock(&own_lock);
    }
    return 0;
}

/* An entry that works on the socket's fd: convert, call, close. */
#define FD_ENTRY(name, params_type, call)                        \
    static int unix_##name(void *args)                           \
    {                                                            \
        params_type *params = args;                              \
        int fd, err;                                             \
        fault_if_injected(ws2kit_unix_##name);                   \
        if ((err = handle_to_fd(params->handle, &fd))) return err; \
        err = call;                                              \
        close(fd);                                               \
        return err;                                              \
    }

FD_ENTRY(getsockopt,    struct ws2kit_sockopt_params,   ws2kit_fd_getsockopt(fd, params))
FD_ENTRY(setsockopt,    struct ws2kit_sockopt_params,   ws2kit_fd_setsockopt(fd, params))
FD_ENTRY(set_keepalive, struct ws2kit_keepalive_params, ws2kit_fd_set_keepalive(fd, params->checks, &params->ka, params->timers_set))
FD_ENTRY(get_keepalive, struct ws2kit_keepalive_params, ws2kit_fd_get_keepalive(fd, params->checks, &params->ka))
FD_ENTRY(sockstate,     struct ws2kit_sockstate_params, ws2kit_fd_sockstate(fd, params))
FD_ENTRY(is_socket,     struct ws2kit_handle_params,    ws2kit_fd_is_socket(fd))
FD_ENTRY(urgent_close,  struct ws2kit_handle_params,    ws2kit_fd_urgent_close(fd, params->handle))
FD_ENTRY(urgent_state,  struct ws2kit_urgent_state_params, ws2kit_fd_urgent_state(fd, params))
FD_ENTRY(urgent_recv,   struct ws2kit_urgent_recv_params, ws2kit_fd_urgent_recv(fd, params))
FD_ENTRY(urgent_clear_way, struct ws2kit_urgent_clear_way_params, ws2kit_fd_urgent_clear_way(fd, params))
FD_ENTRY(share_port,    struct ws2kit_share_port_params, ws2kit_fd_share_port(fd, params))
FD_ENTRY(icmp_error,    struct ws2kit_icmp_error_params, ws2kit_fd_icmp_error(fd, params))
FD_ENTRY(tcp_info,      struct ws2kit_tcp_info_params,  ws2kit_fd_tcp_info(fd, &params->info))
FD_ENTRY(fast_send,     struct ws2kit_fast_params,      ws2kit_fd_fast_send(fd, params))
FD_ENTRY(fast_recv,     struct ws2kit_fast_params,      ws2kit_fd_fast_recv(fd, params))
FD_ENTRY(watch_add,     struct ws2kit_handle_params,    ws2kit_fd_watch_add(fd, params->handle))
FD_ENTRY(watch_urgent,  struct ws2kit_handle_params,    ws2kit_fd_watch_urgent(fd, params->handle))
FD_ENTRY(watch_level,   struct ws2kit_watch_level_params, ws2kit_fd_watch_level(fd, params))

/* An entry that works on the host, not on a socket. */
#define HOST_ENTRY(name) \
    static int unix_##name(void *args) { fault_if_injected(ws2kit_unix_##name); return ws2kit_##name(args); }

HOST_ENTRY(getaddrinfo)
HOST_ENTRY(getnameinfo)
HOST_ENTRY(gethostname)
HOST_ENTRY(interfaces)
HOST_ENTRY(route_query)
HOST_ENTRY(watch_wait)

/* Indexed by enum ws2kit_unix_func; Wine's dispatcher calls these by number. */
__attribute__((visibility("default")))
const unix_entry __wine_unix_call_funcs[] =
{
#define UNIX_FUNC_ENTRY(name) [ws2kit_unix_##name] = unix_##name,
    WS2KIT_UNIX_FUNCS(UNIX_FUNC_ENTRY)
#undef UNIX_FUNC_ENTRY
};

_Static_assert(sizeof(__wine_unix_call_funcs) / sizeof(__wine_unix_call_funcs[0]) == ws2kit_unix_func_count,
               "one Unix entry per enum ws2kit_unix_func");
