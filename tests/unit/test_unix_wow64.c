/* The new WoW64's thunks (unix/wow64.c) on the host, on real sockets: each
 * 32-bit entry must do what the 64-bit entry does with the same request.
 * The 32-bit side's memory (params and the buffers they point to) is mapped
 * below 4 GiB, as a 32-bit program's is.  Wine's ntdll.so is replaced by a
 * wine_server_handle_to_fd whose handles are Linux fds, and the Unix side is
 * initialised for Wine 10 (System V convention), as the new WoW64 needs. */
#define _GNU_SOURCE
#include <check.h>

#include "check_run.h"
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "unix_private.h"

/* Stands in for Wine's ntdll.so: the handle is the fd. */
int wine_server_handle_to_fd(void *handle, unsigned int access, int *fd, unsigned int *options)
{
    (void)access; (void)options;
    *fd = dup((int)(intptr_t)handle);
    return *fd < 0 ? (int)0xc0000008 /* STATUS_INVALID_HANDLE */ : 0;
}

static char *low;         /* 64 KiB below 4 GiB */
static size_t low_used;

static void *low_alloc(size_t size)
{
    void *p = low + low_used;
    low_used += (size + 15) & ~(size_t)15;
    ck_assert_uint_le(low_used, 65536);
    memset(p, 0, size);
    return p;
}

static ws2kit_ptr32 ptr32(const void *p)
{
    ck_assert_uint_lt((uintptr_t)p, 1ull << 32);
    return (ws2kit_ptr32)(uintptr_t)p;
}

static int call64(enum ws2kit_unix_func func, void *params) { return __wine_unix_call_funcs[func](params); }
static int call32(enum ws2kit_unix_func func, void *params) { return __wine_unix_call_wow64_funcs[func](params); }

static void setup(void)
{
    struct ws2kit_init_params init = { "10.0", "" };

    low = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
    ck_assert_ptr_ne(low, MAP_FAILED);
    low_used = 0;
    ck_assert_int_eq(call64(ws2kit_unix_init, &init), 0);
    ck_assert_str_eq(init.ntdll_convention, "sysv");
}

static void teardown(void)
{
    munmap(low, 65536);
}

START_TEST(test_every_entry_has_a_thunk)
{
    int i;
    for (i = 0; i < ws2kit_unix_func_count; i++) ck_assert_ptr_nonnull(__wine_unix_call_wow64_funcs[i]);
}
END_TEST

/* setsockopt through the thunk reaches the Linux socket (read from outside);
 * getsockopt through it reads what the 64-bit entry reads, length included.
 * Options are named the Windows way; IP_TTL is 4 there, 2 on Linux. */
START_TEST(test_sockopt)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0), value = 0;
    socklen_t len = sizeof(value);
    struct ws2kit_sockopt_params32 *p32 = low_alloc(sizeof(*p32));
    uint32_t *value32 = low_alloc(sizeof(*value32));
    uint32_t value64 = 0;
    struct ws2kit_sockopt_params p64 = { fd, WS_IPPROTO_IP, WS_IP_TTL, 0, sizeof(value64), &value64 };

    *value32 = 1;
    *p32 = (struct ws2kit_sockopt_params32){ fd, WS_IPPROTO_TCP, WS_TCP_NODELAY, 0, 4, ptr32(value32) };
    ck_assert_int_eq(call32(ws2kit_unix_setsockopt, p32), 0);
    ck_assert_int_eq(getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &value, &len), 0);
    ck_assert_int_eq(value, 1);

    *value32 = 0;
    *p32 = (struct ws2kit_sockopt_params32){ fd, WS_IPPROTO_IP, WS_IP_TTL, 0, 4, ptr32(value32) };
    ck_assert_int_eq(call32(ws2kit_unix_getsockopt, p32), 0);
    ck_assert_int_eq(call64(ws2kit_unix_getsockopt, &p64), 0);
    ck_assert_uint_eq(*value32, value64);
    ck_assert_uint_gt(*value32, 0);
    ck_assert_int_eq(p32->len, p64.len);

    /* A fd that is not there: the same error both ways. */
    p32->handle = p64.handle = 100000;
    ck_assert_int_eq(call32(ws2kit_unix_getsockopt, p32), call64(ws2kit_unix_getsockopt, &p64));
    close(fd);
}
END_TEST

START_TEST(test_getaddrinfo)
{
    struct ws2kit_getaddrinfo_params32 *p32 = low_alloc(sizeof(*p32));
    struct ws2kit_addrinfo_entry *entries32 = low_alloc(4 * sizeof(*entries32)), entries64[4];
    char *node = low_alloc(16), *service = low_alloc(8), *canon32 = low_alloc(64), canon64[64];
    struct ws2kit_getaddrinfo_params p64 = { "::1", "443", 0, 1, 6, 2 /* AI_CANONNAME */, entries64, 4, 0, canon64, 64 };

    strcpy(node, "::1");
    strcpy(service, "443");
    memset(entries64, 0, sizeof(entries64));
    *p32 = (struct ws2kit_getaddrinfo_params32){ ptr32(node), ptr32(service), 0, 1, 6, 2, ptr32(entries32), 4, 0,
                                                 ptr32(canon32), 64 };
    ck_assert_int_eq(call32(ws2kit_unix_getaddrinfo, p32), call64(ws2kit_unix_getaddrinfo, &p64));
    ck_assert_uint_eq(p32->count, p64.count);
    ck_assert_uint_ge(p32->count, 1);
    ck_assert_int_eq(entries32[0].family, 23);   /* Windows' AF_INET6 */
    ck_assert_mem_eq(entries32, entries64, (p64.count < 4 ? p64.count : 4) * sizeof(entries64[0]));
    ck_assert_str_eq(canon32, canon64);
}
END_TEST

START_TEST(test_getnameinfo)
{
    static const unsigned char sin[16] = { 2, 0, 0, 80, 127, 0, 0, 1 };   /* 127.0.0.1:80, Windows layout */
    struct ws2kit_getnameinfo_params32 *p32 = low_alloc(sizeof(*p32));
    unsigned char *addr = low_alloc(sizeof(sin));
    char *host32 = low_alloc(64), *serv32 = low_alloc(16), host64[64] = "", serv64[16] = "";
    struct ws2kit_getnameinfo_params p64 = { sin, sizeof(sin), host64, 64, serv64, 16, 2 | 8 };

    memcpy(addr, sin, sizeof(sin));
    *p32 = (struct ws2kit_getnameinfo_params32){ ptr32(addr), sizeof(sin), ptr32(host32), 64, ptr32(serv32), 16,
                                                 2 | 8 /* NI_NUMERICHOST | NI_NUMERICSERV */ };
    ck_assert_int_eq(call32(ws2kit_unix_getnameinfo, p32), 0);
    ck_assert_int_eq(call64(ws2kit_unix_getnameinfo, &p64), 0);
    ck_assert_str_eq(host32, "127.0.0.1");
    ck_assert_str_eq(serv32, "80");
    ck_assert_str_eq(host32, host64);
    ck_assert_str_eq(serv32, serv64);
}
END_TEST

START_TEST(test_gethostname)
{
    struct ws2kit_gethostname_params32 *p32 = low_alloc(sizeof(*p32));
    char *name32 = low_alloc(256), expected[256];
    struct ws2kit_gethostname_params p64 = { expected, 0, 0 };

    ck_assert_int_eq(gethostname(expected, sizeof(expected)), 0);
    *p32 = (struct ws2kit_gethostname_params32){ ptr32(name32), 256, 0 };
    ck_assert_int_eq(call32(ws2kit_unix_gethostname, p32), 0);
    ck_assert_str_eq(name32, expected);
    ck_assert_uint_eq(p32->needed, strlen(expected) + 1);
    /* Too small: both report what is needed. */
    p32->size = 1;
    ck_assert_int_eq(call32(ws2kit_unix_gethostname, p32), call64(ws2kit_unix_gethostname, &p64));
    ck_assert_uint_eq(p32->needed, p64.needed);
}
END_TEST

START_TEST(test_interfaces)
{
    struct ws2kit_interfaces_params32 *p32 = low_alloc(sizeof(*p32));
    struct ws2kit_interface *entries32 = low_alloc(16 * sizeof(*entries32)), entries64[16];
    struct ws2kit_interfaces_params p64 = { 2, entries64, 16, 0 };

    memset(entries64, 0, sizeof(entries64));
    *p32 = (struct ws2kit_interfaces_params32){ 2, ptr32(entries32), 16, 0 };
    ck_assert_int_eq(call32(ws2kit_unix_interfaces, p32), call64(ws2kit_unix_interfaces, &p64));
    ck_assert_uint_ge(p32->count, 1);   /* loopback at least */
    ck_assert_uint_eq(p32->count, p64.count);
    ck_assert_mem_eq(entries32, entries64, (p64.count < 16 ? p64.count : 16) * sizeof(entries64[0]));
}
END_TEST

/* Params without pointers go through unchanged: keep-alive set through the
 * thunk is what Linux holds, and the socket's state reads the same. */
START_TEST(test_same_layout_entries)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0), value = 0, pipe_fds[2];
    socklen_t len = sizeof(value);
    struct ws2kit_keepalive_params *ka = low_alloc(sizeof(*ka));
    struct ws2kit_sockstate_params *state32 = low_alloc(sizeof(*state32)), state64;
    struct ws2kit_handle_params *handle = low_alloc(sizeof(*handle));

    *ka = (struct ws2kit_keepalive_params){ fd, 0, { 1, 37000, 11000, 5 } };
    ck_assert_int_eq(call32(ws2kit_unix_set_keepalive, ka), 0);
    ck_assert_int_eq(getsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &value, &len), 0);
    ck_assert_int_eq(value, 37);
    ck_assert_int_eq(getsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &value, &len), 0);
    ck_assert_int_eq(value, 11);
    ck_assert_int_eq(getsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &value, &len), 0);
    ck_assert_int_eq(value, 5);

    memset(state32, 0, sizeof(*state32));
    memset(&state64, 0, sizeof(state64));
    state32->handle = state64.handle = fd;
    ck_assert_int_eq(call32(ws2kit_unix_sockstate, state32), 0);
    ck_assert_int_eq(call64(ws2kit_unix_sockstate, &state64), 0);
    ck_assert_mem_eq(state32, &state64, sizeof(state64));
    ck_assert_int_eq(state32->keepalive, 1);

    handle->handle = fd;
    ck_assert_int_eq(call32(ws2kit_unix_is_socket, handle), 0);
    ck_assert_int_eq(pipe(pipe_fds), 0);
    handle->handle = pipe_fds[0];
    ck_assert_int_eq(call32(ws2kit_unix_is_socket, handle), WSAENOTSOCK);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    close(fd);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("unix_wow64");
    TCase *tc = tcase_create("thunks");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_every_entry_has_a_thunk);
    tcase_add_test(tc, test_sockopt);
    tcase_add_test(tc, test_getaddrinfo);
    tcase_add_test(tc, test_getnameinfo);
    tcase_add_test(tc, test_gethostname);
    tcase_add_test(tc, test_interfaces);
    tcase_add_test(tc, test_same_layout_entries);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
