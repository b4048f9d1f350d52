/* ws2kit.so: the Unix library registered for ws2kit.dll.  Each entry converts
 * the socket handle to its Linux fd through Wine's ntdll.so and does the work
 * on the fd (sockopt.c) or on the host (resolve.c). */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "unix_private.h"

typedef int NTSTATUS_;  /* NTSTATUS, without Wine's headers */
typedef void *HANDLE_;

/* Exported by Wine's ntdll.so, declared CDECL there.  Wine builds CDECL as
 * the Microsoft calling convention on x86_64, so the declaration must say so
 * or arguments arrive in the wrong registers; on i386 it is the plain cdecl
 * every i386 compiler uses by default. */
#if defined(__x86_64__)
#define WINE_CDECL __attribute__((ms_abi))
#elif defined(__i386__)
#define WINE_CDECL
#else
#error "Wine's CDECL is unknown for this CPU"
#endif
extern NTSTATUS_ WINE_CDECL wine_server_handle_to_fd(HANDLE_ handle, unsigned int access,
                                                     int *unix_fd, unsigned int *options);

#define STATUS_INVALID_HANDLE        ((NTSTATUS_)0xc0000008)
#define STATUS_OBJECT_TYPE_MISMATCH  ((NTSTATUS_)0xc0000024)

/* The fds of fresh stream sockets (see WS2KIT_HANDLE_FRESH): a small
 * open-addressing map from handle to an fd of our own. */
struct fresh_fd { uint64_t handle; int fd; };

static pthread_mutex_t fresh_lock = PTHREAD_MUTEX_INITIALIZER;
static struct fresh_fd *fresh_fds;
static size_t fresh_size, fresh_used;

#define FRESH_DELETED ((uint64_t)1)

static size_t fresh_slot(uint64_t handle, size_t size)
{
    return (size_t)((handle >> 2) * 0x9e3779b97f4a7c15ull) & (size - 1);
}

static struct fresh_fd *fresh_find(uint64_t handle)
{
    size_t i;
    if (!fresh_size) return NULL;
    for (i = fresh_slot(handle, fresh_size); fresh_fds[i].handle; i = (i + 1) & (fresh_size - 1))
        if (fresh_fds[i].handle == handle) return &fresh_fds[i];
    return NULL;
}

static int fresh_grow(void)
{
    size_t size = fresh_size ? fresh_size * 2 : 64, i, j;
    struct fresh_fd *table = calloc(size, sizeof(*table));

    if (!table) return 0;
    for (i = 0; i < fresh_size; i++)
    {
        if (fresh_fds[i].handle <= FRESH_DELETED) continue;
        for (j = fresh_slot(fresh_fds[i].handle, size); table[j].handle; j = (j + 1) & (size - 1)) ;
        table[j] = fresh_fds[i];
    }
    free(fresh_fds);
    fresh_fds = table;
    fresh_size = size;
    return 1;
}

/* Keeps a dup of fd for handle; best effort (a failure only costs speed). */
static void fresh_store(uint64_t handle, int fd)
{
    size_t i;
    int copy;

    if ((fresh_used + 1) * 2 > fresh_size && !fresh_grow()) return;
    if ((copy = dup(fd)) < 0) return;
    for (i = fresh_slot(handle, fresh_size); fresh_fds[i].handle > FRESH_DELETED; i = (i + 1) & (fresh_size - 1)) ;
    if (!fresh_fds[i].handle) fresh_used++;
    fresh_fds[i].handle = handle;
    fresh_fds[i].fd = copy;
}

static int unix_forget_fd(void *args)
{
    const struct ws2kit_handle_params *params = args;
    uint64_t handle = params->handle & ~WS2KIT_HANDLE_FRESH;
    struct fresh_fd *entry;

    pthread_mutex_lock(&fresh_lock);
    if ((entry = fresh_find(handle)))
    {
        close(entry->fd);
        entry->handle = FRESH_DELETED;
    }
    pthread_mutex_unlock(&fresh_lock);
    return 0;
}

/* For a connected or listening TCP socket and any UDP socket, Wine's ntdll
 * caches the fd and NtClose drops it, so this is a dup() and no server round
 * trip.  A fresh stream socket's fd comes from our own cache after the first
 * time.  The caller closes the fd it gets. */
static int handle_to_fd(ws2kit_handle_t handle, int *fd)
{
    uint64_t value = handle & ~WS2KIT_HANDLE_FRESH;
    struct fresh_fd *entry;
    NTSTATUS_ status;

    if (handle & WS2KIT_HANDLE_FRESH)
    {
        pthread_mutex_lock(&fresh_lock);
        /* dup under the lock: a concurrent forget cannot close it under us */
        *fd = (entry = fresh_find(value)) ? dup(entry->fd) : -1;
        pthread_mutex_unlock(&fresh_lock);
        if (*fd >= 0) return 0;
    }
    status = wine_server_handle_to_fd((HANDLE_)(uintptr_t)value, 0, fd, NULL);
    if (status) return WSAENOTSOCK;  /* invalid handle, wrong object type, or no fd at all */
    if (handle & WS2KIT_HANDLE_FRESH)
    {
        pthread_mutex_lock(&fresh_lock);
        if (!fresh_find(value)) fresh_store(value, *fd);
        pthread_mutex_unlock(&fresh_lock);
    }
    return 0;
}

/* An entry that works on the socket's fd: convert, call, close. */
#define FD_ENTRY(name, params_type, call)                        \
    static int unix_##name(void *args)                           \
    {                                                            \
        params_type *params = args;                              \
        int fd, err;                                             \
        if ((err = handle_to_fd(params->handle, &fd))) return err; \
        err = call;                                              \
        close(fd);                                               \
        return err;                                              \
    }

FD_ENTRY(getsockopt,    struct ws2kit_sockopt_params,   ws2kit_fd_getsockopt(fd, params))
FD_ENTRY(setsockopt,    struct ws2kit_sockopt_params,   ws2kit_fd_setsockopt(fd, params))
FD_ENTRY(set_keepalive, struct ws2kit_keepalive_params, ws2kit_fd_set_keepalive(fd, params->checks, &params->ka))
FD_ENTRY(get_keepalive, struct ws2kit_keepalive_params, ws2kit_fd_get_keepalive(fd, params->checks, &params->ka))
FD_ENTRY(sockstate,     struct ws2kit_sockstate_params, ws2kit_fd_sockstate(fd, params))
FD_ENTRY(is_socket,     struct ws2kit_handle_params,    ws2kit_fd_is_socket(fd))
FD_ENTRY(skip_read_urgent, struct ws2kit_handle_params, ws2kit_fd_skip_read_urgent(fd))
FD_ENTRY(icmp_error,    struct ws2kit_icmp_error_params, ws2kit_fd_icmp_error(fd, params))
FD_ENTRY(tcp_info,      struct ws2kit_tcp_info_params,  ws2kit_fd_tcp_info(fd, &params->info))

static int unix_getaddrinfo(void *args) { return ws2kit_getaddrinfo(args); }
static int unix_getnameinfo(void *args) { return ws2kit_getnameinfo(args); }
static int unix_gethostname(void *args) { return ws2kit_gethostname(args); }
static int unix_interfaces(void *args)  { return ws2kit_interfaces(args); }
static int unix_route_query(void *args) { return ws2kit_route_query(args); }

typedef int (*unix_entry)(void *args);

/* Indexed by enum ws2kit_unix_func; Wine's dispatcher calls these by number. */
__attribute__((visibility("default")))
const unix_entry __wine_unix_call_funcs[] =
{
    [ws2kit_unix_getaddrinfo]   = unix_getaddrinfo,
    [ws2kit_unix_getnameinfo]   = unix_getnameinfo,
    [ws2kit_unix_gethostname]   = unix_gethostname,
    [ws2kit_unix_getsockopt]    = unix_getsockopt,
    [ws2kit_unix_setsockopt]    = unix_setsockopt,
    [ws2kit_unix_set_keepalive] = unix_set_keepalive,
    [ws2kit_unix_get_keepalive] = unix_get_keepalive,
    [ws2kit_unix_sockstate]     = unix_sockstate,
    [ws2kit_unix_interfaces]    = unix_interfaces,
    [ws2kit_unix_route_query]   = unix_route_query,
    [ws2kit_unix_tcp_info]      = unix_tcp_info,
    [ws2kit_unix_forget_fd]     = unix_forget_fd,
    [ws2kit_unix_is_socket]     = unix_is_socket,
    [ws2kit_unix_icmp_error]    = unix_icmp_error,
    [ws2kit_unix_skip_read_urgent] = unix_skip_read_urgent,
};

_Static_assert(sizeof(__wine_unix_call_funcs) / sizeof(__wine_unix_call_funcs[0]) == ws2kit_unix_func_count,
               "one Unix entry per enum ws2kit_unix_func");
