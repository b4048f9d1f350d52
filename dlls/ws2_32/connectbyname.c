/* WSAConnectByNameA and WSAConnectByNameW: resolve a node and service for
 * the socket's family, then try each address in turn until one connects,
 * all within the caller's timeout. */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

/* What the socket is and where the caller wants the two addresses. */
struct by_name
{
    SOCKET s;
    struct afd_get_info_params info;
    DWORD *local_len, *remote_len;
    struct sockaddr *local, *remote;
    ULONGLONG deadline;             /* GetTickCount64() value, or ~0 for none */
};

/* An output address: ignored when its buffer or its length pointer is NULL
 * (Windows connects and leaves such a buffer alone: Wine's conformance
 * test_WSAConnectByName, "NULL length but a pointer to a sockaddr");
 * otherwise the length must be readable and big enough for the family's
 * sockaddr (WSAEFAULT). */
static int check_output(DWORD *user_len, const struct sockaddr *out, int need)
{
    DWORD len;

    if (!out || !user_len) return 0;
    if (!user_len || !ws2kit_read_user(&len, user_len, sizeof(len)) || len < (DWORD)need) return WSAEFAULT;
    return 0;
}

static int write_output(DWORD *user_len, struct sockaddr *out, const void *addr, DWORD len)
{
    if (!out || !user_len) return 0;
    if (!ws2kit_write_user(out, addr, len) || !ws2kit_write_user(user_len, &len, sizeof(len))) return WSAEFAULT;
    return 0;
}

static DWORD ms_left(const struct by_name *c)
{
    ULONGLONG now = GetTickCount64();

    if (c->deadline == ~0ull) return INFINITE;
    return now >= c->deadline ? 0 : (DWORD)min(c->deadline - now, 0xfffffffeull);
}

/* One overlapped connect, waited for at most the time left; a connect that
 * runs out of time is cancelled and fails with WSAETIMEDOUT. */
static int connect_one(struct by_name *c, const struct sockaddr *addr, int len)
{
    struct { struct afd_connect_params params; SOCKADDR_STORAGE addr; } in;
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    OVERLAPPED overlapped = { 0 };
    NTSTATUS status;

    if (!event) return WSAENOBUFS;
    in.params.addr_len = len;
    in.params.synchronous = FALSE;
    memcpy(&in.addr, addr, len);
    /* The low bit keeps this internal request off the socket's completion port. */
    overlapped.hEvent = (HANDLE)((ULONG_PTR)event | 1);
    ws2kit_socket_settled(c->s);
    status = ws2kit_connect_request(c->s, &in, sizeof(in.params) + len, &overlapped, NULL);
    if (status == STATUS_PENDING)
    {
        if (WaitForSingleObject(event, ms_left(c)) == WAIT_TIMEOUT)
        {
            CancelIoEx((HANDLE)c->s, &overlapped);
            WaitForSingleObject(event, INFINITE);
            CloseHandle(event);
            return WSAETIMEDOUT;
        }
        status = (NTSTATUS)overlapped.Internal;
    }
    CloseHandle(event);
    if (status) return ws2kit_status_to_wsa(status);
    ws2kit_peer_remember(c->s, &in.addr, len);
    return 0;
}

/* Tries the addresses in order; 0 once one connects, else the last error. */
static int connect_list(struct by_name *c, const struct addrinfo *list)
{
    SOCKADDR_STORAGE local;
    int err = WSAEHOSTUNREACH, len;
    const struct addrinfo *ai;

    if ((err = ws2kit_bind_wildcard_if_unbound(c->s, c->info.family))) return err;
    err = WSAEHOSTUNREACH;
    for (ai = list; ai; ai = ai->ai_next)
    {
        if (!ms_left(c)) return WSAETIMEDOUT;
        TRACE("%#Ix: trying family %d\n", c->s, ai->ai_family);
        if ((err = connect_one(c, ai->ai_addr, ai->ai_addrlen)))
        {
            if (err == WSAETIMEDOUT) return err;
            continue;
        }
        len = sizeof(local);
        if (getsockname(c->s, (struct sockaddr *)&local, &len)) return GetLastError();
        if ((err = write_output(c->local_len, c->local, &local, len)) ||
            (err = write_output(c->remote_len, c->remote, ai->ai_addr, ai->ai_addrlen)))
            return err;
        return 0;
    }
    return err;
}

/* Everything but the name lookup: checks, then hints for the lookup. */
static int prepare(struct by_name *c, SOCKET s, DWORD *local_len, struct sockaddr *local, DWORD *remote_len,
                   struct sockaddr *remote, const struct timeval *user_timeout, struct addrinfo *hints)
{
    struct timeval timeout;
    DWORD v6only = TRUE;
    int need, size = sizeof(v6only);

    memset(c, 0, sizeof(*c));
    c->s = s;
    c->local_len = local_len;
    c->local = local;
    c->remote_len = remote_len;
    c->remote = remote;
    c->deadline = ~0ull;
    if (!ws2kit_get_socket_info(s, &c->info)) return WSAENOTSOCK;
    if (c->info.type != SOCK_STREAM) return WSAEINVAL;
    need = c->info.family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
    if (check_output(local_len, local, need) || check_output(remote_len, remote, need)) return WSAEFAULT;
    if (user_timeout)
    {
        if (!ws2kit_read_user(&timeout, user_timeout, sizeof(timeout))) return WSAEFAULT;
        c->deadline = GetTickCount64() + (ULONGLONG)timeout.tv_sec * 1000 + timeout.tv_usec / 1000;
    }
    memset(hints, 0, sizeof(*hints));
    hints->ai_family = c->info.family;
    hints->ai_socktype = SOCK_STREAM;
    hints->ai_protocol = c->info.protocol;
    /* A dual-stack IPv6 socket reaches IPv4 hosts through mapped addresses. */
    if (c->info.family == AF_INET6 && !getsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&v6only, &size) &&
        !v6only)
        hints->ai_flags = AI_V4MAPPED | AI_ALL;
    return 0;
}

static BOOL by_name_fail(SOCKET s, int err)
{
    ws2kit_socket_fail(s, err);
    return FALSE;
}

/* Windows checks node, service and reserved before the socket: a closed
 * handle with no service fails with WSAEINVAL, not WSAENOTSOCK (Wine's
 * conformance test_WSAConnectByName). */
static BOOL bad_arguments(void)
{
    ws2kit_fail(WSAEINVAL);
    return FALSE;
}

/* MinGW's prototypes: non-const strings, and a const pointer to the timeval. */
BOOL WINAPI WSAConnectByNameA(SOCKET s, char *node, char *service, DWORD *local_len, struct sockaddr *local,
                              DWORD *remote_len, struct sockaddr *remote, ws2kit_timeout_arg timeout,
                              OVERLAPPED *reserved)
{
    struct addrinfo hints, *list;
    struct by_name c;
    int err;

    CHECK_STARTED(FALSE);
    if (!node || !service || reserved) return bad_arguments();
    if ((err = prepare(&c, s, local_len, local, remote_len, remote, timeout, &hints))) return by_name_fail(s, err);
    if ((err = getaddrinfo(node, service, &hints, &list))) return by_name_fail(s, err);
    err = connect_list(&c, list);
    freeaddrinfo(list);
    if (err) return by_name_fail(s, err);
    ws2kit_succeed();
    return TRUE;
}

BOOL WINAPI WSAConnectByNameW(SOCKET s, WCHAR *node, WCHAR *service, DWORD *local_len, struct sockaddr *local,
                              DWORD *remote_len, struct sockaddr *remote, ws2kit_timeout_arg timeout,
                              OVERLAPPED *reserved)
{
    struct ws2kit_wide_query query;
    struct addrinfo hints, *list;
    ADDRINFOW wide_hints = { 0 };
    struct by_name c;
    int err;

    CHECK_STARTED(FALSE);
    if (!node || !service || reserved) return bad_arguments();
    if ((err = prepare(&c, s, local_len, local, remote_len, remote, timeout, &hints))) return by_name_fail(s, err);
    wide_hints.ai_flags = hints.ai_flags;
    wide_hints.ai_family = hints.ai_family;
    wide_hints.ai_socktype = hints.ai_socktype;
    wide_hints.ai_protocol = hints.ai_protocol;
    if ((err = ws2kit_wide_query_init(&query, node, service, &wide_hints)) ||
        (err = ws2kit_wide_query_run(&query, &list)))
        return by_name_fail(s, err);
    err = connect_list(&c, list);
    freeaddrinfo(list);
    if (err) return by_name_fail(s, err);
    ws2kit_succeed();
    return TRUE;
}
