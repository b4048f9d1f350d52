/* The new WoW64: a 32-bit program's calls into the 64-bit ws2kit.so.
 *
 * Wine 9 and later can run 32-bit Windows code without any 32-bit Unix code
 * (built with --enable-archs=i386,x86_64; the default on Arch and Fedora,
 * and the only way on a machine that cannot execute i386 programs).  Then a
 * 32-bit module's Unix calls reach the x86_64 ntdll.so, which calls the
 * entry of the same number in __wine_unix_call_wow64_funcs with a pointer to
 * the 32-bit params struct.  Params without pointers have one layout in both
 * builds and go straight to the 64-bit entry; the others are widened here
 * (include/ws2kit/unixlib.h has both layouts), and what the entry writes
 * back is copied into the 32-bit struct.  The buffers they point to hold no
 * pointers and are used in place. */
#include <stdint.h>

#include "unix_private.h"

static void *ptr64(ws2kit_ptr32 p)
{
    return (void *)(uintptr_t)p;
}

static int call64(enum ws2kit_unix_func func, void *params)
{
    return __wine_unix_call_funcs[func](params);
}

#define SAME_LAYOUT(name) \
    static int wow64_##name(void *args) { return call64(ws2kit_unix_##name, args); }

SAME_LAYOUT(init)
SAME_LAYOUT(set_keepalive)
SAME_LAYOUT(get_keepalive)
SAME_LAYOUT(sockstate)
SAME_LAYOUT(route_query)
SAME_LAYOUT(tcp_info)
SAME_LAYOUT(forget_fd)
SAME_LAYOUT(sweep_own_fds)
SAME_LAYOUT(is_socket)
SAME_LAYOUT(urgent_close)
SAME_LAYOUT(urgent_state)
SAME_LAYOUT(urgent_recv)
SAME_LAYOUT(urgent_clear_way)
SAME_LAYOUT(share_port)
SAME_LAYOUT(icmp_error)
SAME_LAYOUT(fast_send)
SAME_LAYOUT(fast_recv)
SAME_LAYOUT(watch_add)
SAME_LAYOUT(watch_urgent)
SAME_LAYOUT(watch_wait)
SAME_LAYOUT(watch_level)

static int sockopt(enum ws2kit_unix_func func, struct ws2kit_sockopt_params32 *p32)
{
    struct ws2kit_sockopt_params p =
        { p32->handle, p32->level, p32->name, p32->checks, p32->len, ptr64(p32->value) };
    int err = call64(func, &p);

    p32->len = p.len;
    return err;
}

static int wow64_getsockopt(void *args) { return sockopt(ws2kit_unix_getsockopt, args); }
static int wow64_setsockopt(void *args) { return sockopt(ws2kit_unix_setsockopt, args); }

static int wow64_getaddrinfo(void *args)
{
    struct ws2kit_getaddrinfo_params32 *p32 = args;
    struct ws2kit_getaddrinfo_params p =
    {
        ptr64(p32->node), ptr64(p32->service), p32->family, p32->socktype, p32->protocol, p32->flags,
        ptr64(p32->entries), p32->max_entries, p32->count, ptr64(p32->canonname), p32->canonname_size,
    };
    int err = call64(ws2kit_unix_getaddrinfo, &p);

    p32->count = p.count;
    return err;
}

static int wow64_getnameinfo(void *args)
{
    struct ws2kit_getnameinfo_params32 *p32 = args;
    struct ws2kit_getnameinfo_params p =
    {
        ptr64(p32->addr), p32->addrlen, ptr64(p32->host), p32->host_size,
        ptr64(p32->serv), p32->serv_size, p32->flags,
    };
    return call64(ws2kit_unix_getnameinfo, &p);
}

static int wow64_interfaces(void *args)
{
    struct ws2kit_interfaces_params32 *p32 = args;
    struct ws2kit_interfaces_params p = { p32->family, ptr64(p32->entries), p32->max_entries, p32->count };
    int err = call64(ws2kit_unix_interfaces, &p);

    p32->count = p.count;
    return err;
}

static int wow64_gethostname(void *args)
{
    struct ws2kit_gethostname_params32 *p32 = args;
    struct ws2kit_gethostname_params p = { ptr64(p32->name), p32->size, p32->needed };
    int err = call64(ws2kit_unix_gethostname, &p);

    p32->needed = p.needed;
    return err;
}

__attribute__((visibility("default")))
const unix_entry __wine_unix_call_wow64_funcs[] =
{
#define WOW64_ENTRY(name) [ws2kit_unix_##name] = wow64_##name,
    WS2KIT_UNIX_FUNCS(WOW64_ENTRY)
#undef WOW64_ENTRY
};

_Static_assert(sizeof(__wine_unix_call_wow64_funcs) / sizeof(__wine_unix_call_wow64_funcs[0]) ==
               ws2kit_unix_func_count, "one WoW64 entry per enum ws2kit_unix_func");
