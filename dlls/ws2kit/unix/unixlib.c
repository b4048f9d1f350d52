/* ws2kit.so: the Unix library registered for ws2kit.dll.  Each entry converts
 * the socket handle to its Linux fd through Wine's ntdll.so and does the work
 * on the fd (sockopt.c) or on the host (resolve.c). */
#include <unistd.h>

#include "unix_private.h"

typedef int NTSTATUS_;  /* NTSTATUS, without Wine's headers */
typedef void *HANDLE_;

/* Exported by Wine's ntdll.so.  Wine builds it with the Microsoft calling
 * convention on x86_64, so the declaration must say so or arguments arrive
 * in the wrong registers. */
extern NTSTATUS_ __attribute__((ms_abi)) wine_server_handle_to_fd(HANDLE_ handle, unsigned int access,
                                                                 int *unix_fd, unsigned int *options);

#define STATUS_INVALID_HANDLE        ((NTSTATUS_)0xc0000008)
#define STATUS_OBJECT_TYPE_MISMATCH  ((NTSTATUS_)0xc0000024)

/* For a connected or listening TCP socket and any UDP socket, Wine's ntdll
 * caches the fd and NtClose drops it, so this is a dup() and no server round
 * trip; a stream socket before connect/listen still asks the wineserver. */
static int handle_to_fd(ws2kit_handle_t handle, int *fd)
{
    NTSTATUS_ status = wine_server_handle_to_fd((HANDLE_)(uintptr_t)handle, 0, fd, NULL);
    if (!status) return 0;
    return WSAENOTSOCK;  /* invalid handle, wrong object type, or no fd at all */
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
};

_Static_assert(sizeof(__wine_unix_call_funcs) / sizeof(__wine_unix_call_funcs[0]) == ws2kit_unix_func_count,
               "one Unix entry per enum ws2kit_unix_func");
