/* A connected TCP pair on loopback and other socket helpers, for the Windows tests.
 * Include after winsock2.h and harness.h. */
#ifndef WS2KIT_SOCKPAIR_H
#define WS2KIT_SOCKPAIR_H

struct pair { SOCKET client, server; };

static __attribute__((unused)) BOOL make_family_pair(int family, struct pair *p)
{
    SOCKADDR_STORAGE addr = { 0 };
    int len = family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
    SOCKET listener = socket(family, SOCK_STREAM, 0);

    addr.ss_family = family;
    if (family == AF_INET) ((struct sockaddr_in *)&addr)->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    else ((struct sockaddr_in6 *)&addr)->sin6_addr.s6_addr[15] = 1;
    p->client = p->server = INVALID_SOCKET;
    if (bind(listener, (struct sockaddr *)&addr, len) || listen(listener, 1) ||
        getsockname(listener, (struct sockaddr *)&addr, &len))
    {
        closesocket(listener);
        return FALSE;
    }
    p->client = socket(family, SOCK_STREAM, 0);
    if (!connect(p->client, (struct sockaddr *)&addr, len)) p->server = accept(listener, NULL, NULL);
    closesocket(listener);
    return p->server != INVALID_SOCKET;
}

/* A TCP listener on an ephemeral loopback port; INVALID_SOCKET on failure. */
static __attribute__((unused)) SOCKET loopback_listener(struct sockaddr_in *addr)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    int len = sizeof(*addr);

    memset(addr, 0, sizeof(*addr));
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(s, (struct sockaddr *)addr, len) || listen(s, 4) || getsockname(s, (struct sockaddr *)addr, &len))
    {
        closesocket(s);
        return INVALID_SOCKET;
    }
    return s;
}

/* An extension function (SIO_GET_EXTENSION_FUNCTION_POINTER); NULL when the
 * DLL has none for the GUID.  A pointer handed out must be pointer-sized. */
static __attribute__((unused)) void *extension_function(SOCKET s, GUID guid)
{
    void *function = NULL;
    DWORD size = 0;

    if (WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &guid, sizeof(guid), &function, sizeof(function), &size,
                 NULL, NULL))
        return NULL;
    ok(size == sizeof(function), "extension function: size %lu\n", size);
    return function;
}

static __attribute__((unused)) BOOL make_pair(struct pair *p)
{
    return make_family_pair(AF_INET, p);
}

static __attribute__((unused)) void free_pair(struct pair *p)
{
    closesocket(p->client);
    closesocket(p->server);
}

/* Closes s with a reset (SO_LINGER on with a time of 0), the way the tests
 * make a peer see WSAECONNRESET; what SO_LINGER itself does is tested in
 * sockopt.c and reset.c. */
static __attribute__((unused)) void close_with_reset(SOCKET s)
{
    struct linger abortive = { 1, 0 };

    setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&abortive, sizeof(abortive));
    closesocket(s);
}

#endif
