/* The namespace calls: WSAEnumNameSpaceProviders, WSALookupServiceBegin/
 * Next/End on the NS_DNS provider (loopback and numeric names only) and
 * WSANSPIoctl(SIO_NSP_NOTIFY_CHANGE) with each kind of completion. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <svcguid.h>
#include <string.h>
#include "harness.h"

static const GUID dns_provider = { 0x22059d40, 0x7e9e, 0x11cf, { 0xae, 0x5a, 0x00, 0xaa, 0x00, 0xa7, 0x11, 0x2b } };
static GUID hostname_class = SVCID_HOSTNAME;
static GUID addr_by_name = SVCID_INET_HOSTADDRBYNAME;
static GUID addr_by_string = SVCID_INET_HOSTADDRBYINETSTRING;
static GUID other_class = SVCID_INET_SERVICEBYNAME;

/* A page that is reserved but not committed: any access faults. */
static void *unmapped(void)
{
    static void *page;
    if (!page) page = VirtualAlloc(NULL, 4096, MEM_RESERVE, PAGE_NOACCESS);
    return page;
}

static BOOL in_buffer(const void *p, const void *buffer, DWORD size)
{
    return (const BYTE *)p >= (const BYTE *)buffer && (const BYTE *)p < (const BYTE *)buffer + size;
}

static void query_init(WSAQUERYSETW *q, GUID *class_id, const WCHAR *name)
{
    memset(q, 0, sizeof(*q));
    q->dwSize = sizeof(*q);
    q->lpServiceClassId = class_id;
    q->dwNameSpace = NS_DNS;
    q->lpszServiceInstanceName = (WCHAR *)name;
}

static int begin_error(WSAQUERYSETW *q, DWORD flags)
{
    HANDLE h = (HANDLE)0xdeadbeef;
    int ret = WSALookupServiceBeginW(q, flags, &h);
    if (!ret)
    {
        WSALookupServiceEnd(h);
        return 0;
    }
    return WSAGetLastError();
}

static void test_before_startup(void)
{
    WSAQUERYSETW q;
    HANDLE h;
    DWORD len = 0;

    query_init(&q, &addr_by_name, L"localhost");
    ok(WSALookupServiceBeginW(&q, LUP_RETURN_NAME, &h) == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED,
       "begin before WSAStartup: %d\n", WSAGetLastError());
    ok(WSAEnumNameSpaceProvidersW(&len, NULL) == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED,
       "enum before WSAStartup: %d\n", WSAGetLastError());
    ok(WSALookupServiceEnd((HANDLE)1) == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED,
       "end before WSAStartup: %d\n", WSAGetLastError());
}

static void test_enum_providers(void)
{
    union { WSANAMESPACE_INFOW w[16]; WSANAMESPACE_INFOA a[16]; BYTE b[4096]; } buf;
    DWORD len = 0, needed;
    int ret, i, dns = -1;

    ret = WSAEnumNameSpaceProvidersW(&len, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "no buffer: %d %d\n", ret, WSAGetLastError());
    ok(len > sizeof(WSANAMESPACE_INFOW) && len <= sizeof(buf), "size needed %lu\n", len);
    needed = len;
    ok(WSAEnumNameSpaceProvidersW(NULL, buf.w) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
       "NULL length: %d\n", WSAGetLastError());
    len = needed - 1;
    ok(WSAEnumNameSpaceProvidersW(&len, buf.w) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT && len == needed,
       "one byte short: %d, %lu\n", WSAGetLastError(), len);
    len = needed;
    ok(WSAEnumNameSpaceProvidersW(&len, unmapped()) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
       "unmapped buffer: %d\n", WSAGetLastError());

    len = sizeof(buf);
    ret = WSAEnumNameSpaceProvidersW(&len, buf.w);
    ok(ret >= 2 && (DWORD)ret * sizeof(WSANAMESPACE_INFOW) < needed, "%d providers\n", ret);
    for (i = 0; i < ret; i++)
    {
        ok(in_buffer(buf.w[i].lpszIdentifier, buf.b, needed) && buf.w[i].lpszIdentifier[0],
           "provider %d: identifier %p outside the buffer\n", i, buf.w[i].lpszIdentifier);
        ok(buf.w[i].fActive, "provider %d inactive\n", i);
        if (buf.w[i].dwNameSpace == NS_DNS) dns = i;
    }
    ok(dns >= 0 && IsEqualGUID(&buf.w[dns].NSProviderId, &dns_provider) && !wcscmp(buf.w[dns].lpszIdentifier, L"Tcpip"),
       "NS_DNS provider %d\n", dns);

    len = 0;
    WSAEnumNameSpaceProvidersA(&len, NULL);
    ok(len > 0 && len < needed, "ANSI size %lu (wide %lu)\n", len, needed);
    ret = WSAEnumNameSpaceProvidersA(&len, buf.a);
    ok(ret >= 2 && dns < ret && buf.a[dns].dwNameSpace == NS_DNS && !strcmp(buf.a[dns].lpszIdentifier, "Tcpip"),
       "ANSI: %d, \"%s\"\n", ret, ret > dns && dns >= 0 ? buf.a[dns].lpszIdentifier : "");
}

static void test_begin_errors(void)
{
    WSAQUERYSETW q;
    GUID nla = { 0x6642243a, 0x3ba8, 0x4aa6, { 0xba, 0xa5, 0x2e, 0x0b, 0xd7, 0x1f, 0xdd, 0x83 } };
    GUID unknown = { 0x12345678, 0, 0, { 1, 2, 3, 4, 5, 6, 7, 8 } };
    HANDLE h;

    query_init(&q, &addr_by_name, L"localhost");
    ok(WSALookupServiceBeginW(NULL, 0, &h) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
       "NULL query: %d\n", WSAGetLastError());
    ok(WSALookupServiceBeginW(&q, 0, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
       "NULL handle: %d\n", WSAGetLastError());
    ok(WSALookupServiceBeginW(unmapped(), 0, &h) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
       "unmapped query: %d\n", WSAGetLastError());
    ok(WSALookupServiceBeginW(&q, 0, unmapped()) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
       "unmapped handle: %d\n", WSAGetLastError());
    q.lpszServiceInstanceName = unmapped();
    ok_int(begin_error(&q, 0), WSAEFAULT, "unmapped name\n");
    {
        static WCHAR long_name[400];
        int i;
        for (i = 0; i < 399; i++) long_name[i] = 'a';
        q.lpszServiceInstanceName = long_name;
        ok_int(begin_error(&q, 0), WSA_INVALID_PARAMETER, "name longer than DNS allows: %d\n", WSAGetLastError());
    }

    memset(&q, 0, sizeof(q));
    ok_int(begin_error(&q, 0), WSA_INVALID_PARAMETER, "zeroed query set: %d\n", WSAGetLastError());
    query_init(&q, &addr_by_name, L"localhost");
    q.dwSize = sizeof(q) - 1;
    ok_int(begin_error(&q, 0), WSA_INVALID_PARAMETER, "short dwSize: %d\n", WSAGetLastError());
    query_init(&q, NULL, L"localhost");
    ok_int(begin_error(&q, 0), WSA_INVALID_PARAMETER, "no class: %d\n", WSAGetLastError());
    query_init(&q, &addr_by_name, L"localhost");
    q.dwNameSpace = 12345;
    ok_int(begin_error(&q, 0), WSAEINVAL, "unknown namespace: %d\n", WSAGetLastError());
    q.dwNameSpace = NS_NLA;
    ok_int(begin_error(&q, 0), WSASERVICE_NOT_FOUND, "NLA namespace: %d\n", WSAGetLastError());
    q.dwNameSpace = NS_ALL;
    q.lpNSProviderId = &unknown;
    ok_int(begin_error(&q, 0), WSAEINVAL, "unknown provider: %d\n", WSAGetLastError());
    q.lpNSProviderId = &nla;
    ok_int(begin_error(&q, 0), WSASERVICE_NOT_FOUND, "NLA provider: %d\n", WSAGetLastError());
    q.lpNSProviderId = (GUID *)&dns_provider;
    ok_int(begin_error(&q, LUP_RETURN_NAME), 0, "DNS provider by id: %d\n", WSAGetLastError());
    query_init(&q, &other_class, L"localhost");
    ok_int(begin_error(&q, 0), WSASERVICE_NOT_FOUND, "service class: %d\n", WSAGetLastError());
    query_init(&q, &addr_by_string, NULL);
    ok_int(begin_error(&q, 0), WSA_INVALID_PARAMETER, "address query without address: %d\n", WSAGetLastError());
    query_init(&q, &addr_by_name, L"localhost");
    ok_int(begin_error(&q, LUP_CONTAINERS | LUP_NOCONTAINERS), WSA_INVALID_PARAMETER, "both container flags: %d\n",
       WSAGetLastError());
    ok_int(begin_error(&q, LUP_CONTAINERS), WSANO_DATA, "containers: %d\n", WSAGetLastError());
}

/* The loopback name with every part of the result. */
static void test_lookup_localhost(void)
{
    union { WSAQUERYSETW q; BYTE b[2048]; } res;
    struct hostent *he;
    WSAQUERYSETW q;
    DWORD len, needed;
    HANDLE h = NULL;
    SOCKADDR_IN *remote, *local;
    BYTE *blob;
    int ret;

    query_init(&q, &addr_by_name, L"localhost");
    ret = WSALookupServiceBeginW(&q, LUP_RETURN_ALL, &h);
    ok(!ret && h, "begin: %d %d\n", ret, WSAGetLastError());

    len = 0;
    ret = WSALookupServiceNextW(h, 0, &len, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT && len > sizeof(WSAQUERYSETW),
       "no buffer: %d %d, %lu\n", ret, WSAGetLastError(), len);
    needed = len;
    len = needed - 1;
    ok(WSALookupServiceNextW(h, 0, &len, &res.q) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT && len == needed,
       "one byte short: %d %lu\n", WSAGetLastError(), len);
    ok(WSALookupServiceNextW(h, 0, NULL, &res.q) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
       "NULL length: %d\n", WSAGetLastError());
    len = needed;
    ok(WSALookupServiceNextW(h, 0, &len, unmapped()) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
       "unmapped buffer: %d\n", WSAGetLastError());

    len = sizeof(res);
    memset(&res, 0xcc, sizeof(res));
    ret = WSALookupServiceNextW(h, 0, &len, &res.q);
    ok(!ret, "next: %d %d\n", ret, WSAGetLastError());
    if (!ret)
    {
        ok(res.q.dwSize == sizeof(WSAQUERYSETW) && res.q.dwNameSpace == NS_DNS && !res.q.dwOutputFlags,
           "size %lu namespace %lu flags %#lx\n", res.q.dwSize, res.q.dwNameSpace, res.q.dwOutputFlags);
        ok(res.q.lpszServiceInstanceName && in_buffer(res.q.lpszServiceInstanceName, res.b, needed) &&
           !wcscmp(res.q.lpszServiceInstanceName, L"localhost"), "name\n");
        ok(res.q.lpServiceClassId && IsEqualGUID(res.q.lpServiceClassId, &addr_by_name), "class\n");
        ok(res.q.dwNumberOfCsAddrs >= 1 && in_buffer(res.q.lpcsaBuffer, res.b, needed), "%lu addresses\n",
           res.q.dwNumberOfCsAddrs);
        if (res.q.dwNumberOfCsAddrs >= 1)
        {
            remote = (SOCKADDR_IN *)res.q.lpcsaBuffer[0].RemoteAddr.lpSockaddr;
            local = (SOCKADDR_IN *)res.q.lpcsaBuffer[0].LocalAddr.lpSockaddr;
            ok(res.q.lpcsaBuffer[0].RemoteAddr.iSockaddrLength == sizeof(SOCKADDR_IN) &&
               remote->sin_family == AF_INET && remote->sin_addr.s_addr == htonl(INADDR_LOOPBACK) && !remote->sin_port,
               "remote address %#lx\n", remote->sin_addr.s_addr);
            ok(local->sin_family == AF_INET && !local->sin_addr.s_addr && !local->sin_port, "local address\n");
            ok(res.q.lpcsaBuffer[0].iSocketType == SOCK_DGRAM && res.q.lpcsaBuffer[0].iProtocol == IPPROTO_UDP,
               "type %d protocol %d\n", res.q.lpcsaBuffer[0].iSocketType, res.q.lpcsaBuffer[0].iProtocol);
        }
        ok(res.q.lpBlob && res.q.lpBlob->cbSize > sizeof(struct hostent) && in_buffer(res.q.lpBlob->pBlobData, res.b, needed),
           "blob\n");
        if (res.q.lpBlob && res.q.lpBlob->pBlobData)
        {
            /* A hostent whose pointers are offsets from its start. */
            blob = res.q.lpBlob->pBlobData;
            he = (struct hostent *)blob;
            ok(he->h_addrtype == AF_INET && he->h_length == 4, "blob type %d length %d\n", he->h_addrtype, he->h_length);
            ok((ULONG_PTR)he->h_name < res.q.lpBlob->cbSize && !strcmp((char *)blob + (ULONG_PTR)he->h_name, "localhost"),
               "blob name\n");
            ok((ULONG_PTR)he->h_addr_list < res.q.lpBlob->cbSize &&
               *(ULONG *)(blob + ((ULONG_PTR *)(blob + (ULONG_PTR)he->h_addr_list))[0]) == htonl(INADDR_LOOPBACK),
               "blob address\n");
            ok(!*(ULONG_PTR *)(blob + (ULONG_PTR)he->h_aliases), "blob aliases\n");
        }
    }
    ret = WSALookupServiceNextW(h, 0, &len, &res.q);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_E_NO_MORE, "then: %d %d\n", ret, WSAGetLastError());
    ok(!WSALookupServiceEnd(h), "end: %d\n", WSAGetLastError());
    ok(WSALookupServiceEnd(h) == SOCKET_ERROR && WSAGetLastError() == WSA_INVALID_HANDLE, "end twice: %d\n",
       WSAGetLastError());
    len = sizeof(res);
    ok(WSALookupServiceNextW(h, 0, &len, &res.q) == SOCKET_ERROR && WSAGetLastError() == WSA_INVALID_HANDLE,
       "next after end: %d\n", WSAGetLastError());
    ok(WSALookupServiceNextW((HANDLE)0xdeadbeef, 0, &len, &res.q) == SOCKET_ERROR &&
       WSAGetLastError() == WSA_INVALID_HANDLE, "made-up handle: %d\n", WSAGetLastError());
    ok(WSALookupServiceEnd(NULL) == SOCKET_ERROR && WSAGetLastError() == WSA_INVALID_HANDLE, "NULL handle: %d\n",
       WSAGetLastError());
}

/* Only what LUP_RETURN_* asks for comes back; the address text query. */
static void test_lookup_address(void)
{
    union { WSAQUERYSETW q; BYTE b[2048]; } res;
    WSAQUERYSETW q;
    DWORD len;
    HANDLE h;
    int ret;

    query_init(&q, &addr_by_string, L"127.0.0.1");
    ok(!WSALookupServiceBeginW(&q, LUP_RETURN_ADDR, &h), "begin: %d\n", WSAGetLastError());
    len = sizeof(res);
    ret = WSALookupServiceNextW(h, 0, &len, &res.q);
    ok(!ret && !res.q.lpszServiceInstanceName && !res.q.lpBlob && !res.q.lpServiceClassId &&
       res.q.dwNumberOfCsAddrs == 1 &&
       ((SOCKADDR_IN *)res.q.lpcsaBuffer[0].RemoteAddr.lpSockaddr)->sin_addr.s_addr == htonl(INADDR_LOOPBACK),
       "address only: %d %d\n", ret, WSAGetLastError());
    WSALookupServiceEnd(h);

    query_init(&q, &addr_by_string, L"not an address");
    ok(!WSALookupServiceBeginW(&q, LUP_RETURN_NAME, &h), "begin: %d\n", WSAGetLastError());
    len = sizeof(res);
    ret = WSALookupServiceNextW(h, 0, &len, &res.q);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAHOST_NOT_FOUND, "bad address: %d %d\n", ret, WSAGetLastError());
    ret = WSALookupServiceNextW(h, 0, &len, &res.q);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_E_NO_MORE, "then: %d %d\n", ret, WSAGetLastError());
    WSALookupServiceEnd(h);
}

/* No name with SVCID_HOSTNAME: the local host, as gethostbyname("") gives it. */
static void test_lookup_local_host(void)
{
    union { WSAQUERYSETW q; BYTE b[4096]; } res;
    char expected[256];
    struct hostent *he;
    WSAQUERYSETW q;
    DWORD len = sizeof(res);
    HANDLE h;
    int ret;

    he = gethostbyname("");
    ok(he != NULL, "gethostbyname: %d\n", WSAGetLastError());
    lstrcpynA(expected, he ? he->h_name : "", sizeof(expected));
    query_init(&q, &hostname_class, NULL);
    ok(!WSALookupServiceBeginW(&q, LUP_RETURN_NAME | LUP_RETURN_ADDR, &h), "begin: %d\n", WSAGetLastError());
    ret = WSALookupServiceNextW(h, 0, &len, &res.q);
    ok(!ret && res.q.lpszServiceInstanceName && res.q.dwNumberOfCsAddrs >= 1, "next: %d %d\n", ret, WSAGetLastError());
    if (!ret && res.q.lpszServiceInstanceName)
    {
        char name[256];
        WideCharToMultiByte(CP_ACP, 0, res.q.lpszServiceInstanceName, -1, name, sizeof(name), NULL, NULL);
        ok(!strcmp(name, expected), "local host \"%s\", gethostbyname \"%s\"\n", name, expected);
    }
    WSALookupServiceEnd(h);
}

static void test_flush_previous_and_ansi(void)
{
    union { WSAQUERYSETA q; BYTE b[2048]; } res;
    WSAQUERYSETA q;
    DWORD len;
    HANDLE h;
    int ret;

    memset(&q, 0, sizeof(q));
    q.dwSize = sizeof(q);
    q.lpServiceClassId = &addr_by_name;
    q.dwNameSpace = NS_ALL;
    q.lpszServiceInstanceName = (char *)"localhost";
    ok(!WSALookupServiceBeginA(&q, LUP_RETURN_NAME | LUP_RETURN_ADDR, &h), "begin A: %d\n", WSAGetLastError());
    len = sizeof(res);
    ret = WSALookupServiceNextA(h, 0, &len, &res.q);
    ok(!ret && res.q.lpszServiceInstanceName && !strcmp(res.q.lpszServiceInstanceName, "localhost"),
       "ANSI name: %d %d\n", ret, WSAGetLastError());
    WSALookupServiceEnd(h);

    /* A result that did not fit is dropped by LUP_FLUSHPREVIOUS... */
    ok(!WSALookupServiceBeginA(&q, LUP_RETURN_NAME, &h), "begin A: %d\n", WSAGetLastError());
    len = sizeof(WSAQUERYSETA);
    ret = WSALookupServiceNextA(h, 0, &len, &res.q);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "too small: %d %d\n", ret, WSAGetLastError());
    len = sizeof(res);
    ret = WSALookupServiceNextA(h, LUP_FLUSHPREVIOUS, &len, &res.q);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_E_NO_MORE, "flushed: %d %d\n", ret, WSAGetLastError());
    WSALookupServiceEnd(h);

    /* ... and kept without it. */
    ok(!WSALookupServiceBeginA(&q, LUP_RETURN_NAME, &h), "begin A: %d\n", WSAGetLastError());
    len = sizeof(WSAQUERYSETA);
    WSALookupServiceNextA(h, 0, &len, &res.q);
    ret = WSALookupServiceNextA(h, 0, &len, &res.q);
    ok(!ret && !strcmp(res.q.lpszServiceInstanceName, "localhost"), "kept: %d %d\n", ret, WSAGetLastError());
    WSALookupServiceEnd(h);
}

static DWORD apc_error = 0xdeadbeef;
static void WINAPI notify_routine(DWORD error, DWORD bytes, WSAOVERLAPPED *ov, DWORD flags)
{
    (void)bytes; (void)ov; (void)flags;
    apc_error = error;
}

static HANDLE begin_localhost(void)
{
    WSAQUERYSETW q;
    HANDLE h = NULL;

    query_init(&q, &addr_by_name, L"localhost");
    WSALookupServiceBeginW(&q, LUP_RETURN_NAME, &h);
    return h;
}

static void test_notify(void)
{
    WSACOMPLETION c;
    WSAOVERLAPPED ov;
    DWORD returned, bytes, flags;
    ULONG_PTR key;
    OVERLAPPED *got;
    HANDLE h = begin_localhost(), port;
    BOOL ret;

    ok(WSANSPIoctl((HANDLE)0xdeadbeef, SIO_NSP_NOTIFY_CHANGE, NULL, 0, NULL, 0, &returned, NULL) == SOCKET_ERROR &&
       WSAGetLastError() == WSA_INVALID_HANDLE, "bad handle: %d\n", WSAGetLastError());
    ok(WSANSPIoctl(h, FIONBIO, NULL, 0, NULL, 0, &returned, NULL) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEOPNOTSUPP, "other code: %d\n", WSAGetLastError());
    ok(WSANSPIoctl(h, SIO_NSP_NOTIFY_CHANGE, NULL, 0, NULL, 0, NULL, NULL) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEFAULT, "NULL byte count: %d\n", WSAGetLastError());
    ok(WSANSPIoctl(h, SIO_NSP_NOTIFY_CHANGE, NULL, 0, NULL, 0, &returned, NULL) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEWOULDBLOCK, "poll: %d\n", WSAGetLastError());
    ok(WSANSPIoctl(h, SIO_NSP_NOTIFY_CHANGE, NULL, 0, NULL, 0, &returned, unmapped()) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEFAULT, "unmapped completion: %d\n", WSAGetLastError());
    memset(&c, 0, sizeof(c));
    c.Type = 99;
    ok(WSANSPIoctl(h, SIO_NSP_NOTIFY_CHANGE, NULL, 0, NULL, 0, &returned, &c) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEINVAL, "bad completion type: %d\n", WSAGetLastError());

    /* An event: pending until the lookup ends, then aborted. */
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    c.Type = NSP_NOTIFY_EVENT;
    c.Parameters.Event.lpOverlapped = &ov;
    ok(WSANSPIoctl(h, SIO_NSP_NOTIFY_CHANGE, NULL, 0, NULL, 0, &returned, &c) == SOCKET_ERROR &&
       WSAGetLastError() == WSA_IO_PENDING, "event: %d\n", WSAGetLastError());
    ok_int(WaitForSingleObject(ov.hEvent, 100), WAIT_TIMEOUT, "signalled with no change\n");
    /* No socket to name: WSAGetOverlappedResult would refuse INVALID_SOCKET
     * (WSAENOTSOCK, as on Windows), so the request is read with kernel32's. */
    ok(!WSAGetOverlappedResult(INVALID_SOCKET, &ov, &bytes, FALSE, &flags) && WSAGetLastError() == WSAENOTSOCK,
       "WSAGetOverlappedResult(INVALID_SOCKET): %d\n", WSAGetLastError());
    ok(!GetOverlappedResult(NULL, &ov, &bytes, FALSE) && GetLastError() == ERROR_IO_INCOMPLETE,
       "pending: %lu\n", GetLastError());
    ok(!WSALookupServiceEnd(h), "end\n");
    ok_int(WaitForSingleObject(ov.hEvent, 1000), WAIT_OBJECT_0, "not signalled at the end\n");
    ok(!GetOverlappedResult(NULL, &ov, &bytes, FALSE) && GetLastError() == ERROR_OPERATION_ABORTED,
       "ended: %lu\n", GetLastError());
    WSACloseEvent(ov.hEvent);

    /* A completion port. */
    h = begin_localhost();
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
    memset(&ov, 0, sizeof(ov));
    c.Type = NSP_NOTIFY_PORT;
    c.Parameters.Port.lpOverlapped = &ov;
    c.Parameters.Port.hPort = port;
    c.Parameters.Port.Key = 0x1234;
    ok(WSANSPIoctl(h, SIO_NSP_NOTIFY_CHANGE, NULL, 0, NULL, 0, &returned, &c) == SOCKET_ERROR &&
       WSAGetLastError() == WSA_IO_PENDING, "port: %d\n", WSAGetLastError());
    ok(!GetQueuedCompletionStatus(port, &bytes, &key, &got, 100) && GetLastError() == WAIT_TIMEOUT,
       "a packet with no change\n");
    WSALookupServiceEnd(h);
    got = NULL;
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &got, 1000);
    ok(!ret && GetLastError() == ERROR_OPERATION_ABORTED && key == 0x1234 && got == &ov,
       "port packet: %d %lu key %#Ix\n", ret, GetLastError(), key);
    CloseHandle(port);

    /* A completion routine, run as an APC in the thread that asked. */
    h = begin_localhost();
    memset(&ov, 0, sizeof(ov));
    c.Type = NSP_NOTIFY_APC;
    c.Parameters.Apc.lpOverlapped = &ov;
    c.Parameters.Apc.lpfnCompletionProc = notify_routine;
    ok(WSANSPIoctl(h, SIO_NSP_NOTIFY_CHANGE, NULL, 0, NULL, 0, &returned, &c) == SOCKET_ERROR &&
       WSAGetLastError() == WSA_IO_PENDING, "APC: %d\n", WSAGetLastError());
    SleepEx(50, TRUE);
    ok_int(apc_error, 0xdeadbeef, "routine ran with no change\n");
    WSALookupServiceEnd(h);
    SleepEx(1000, TRUE);
    ok_int(apc_error, WSA_OPERATION_ABORTED, "routine: %lu\n", apc_error);
}

/* Lookups in two threads at once, each on its own handles. */
static DWORD WINAPI lookup_loop(void *arg)
{
    union { WSAQUERYSETW q; BYTE b[2048]; } res;
    LONG *failures = arg;
    DWORD len;
    HANDLE h;
    int i;

    for (i = 0; i < 100; i++)
    {
        if (!(h = begin_localhost())) { InterlockedIncrement(failures); continue; }
        len = sizeof(res);
        if (WSALookupServiceNextW(h, 0, &len, &res.q)) InterlockedIncrement(failures);
        if (WSALookupServiceEnd(h)) InterlockedIncrement(failures);
    }
    return 0;
}

static void test_threads(void)
{
    LONG failures = 0;
    HANDLE thread = CreateThread(NULL, 0, lookup_loop, &failures, 0, NULL);

    lookup_loop(&failures);
    ok_int(WaitForSingleObject(thread, 30000), WAIT_OBJECT_0, "thread did not finish\n");
    CloseHandle(thread);
    ok(!failures, "%ld lookups failed\n", failures);
}

START_TEST(nsp)
{
    WSADATA data;

    harness_start_watchdog(60000);
    RUN(test_before_startup);
    WSAStartup(MAKEWORD(2, 2), &data);
    RUN(test_enum_providers);
    RUN(test_begin_errors);
    RUN(test_lookup_localhost);
    RUN(test_lookup_address);
    RUN(test_lookup_local_host);
    RUN(test_flush_previous_and_ansi);
    RUN(test_notify);
    RUN(test_threads);
    WSACleanup();
}
