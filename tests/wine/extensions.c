/* The extension functions from SIO_GET_EXTENSION_FUNCTION_POINTER: AcceptEx
 * with GetAcceptExSockaddrs, ConnectEx, DisconnectEx, WSARecvMsg and
 * WSASendMsg. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <mstcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "ws2kit/sdk_extra.h"
#include "harness.h"
#include "sockpair.h"

static void test_pointers(void)
{
    static const GUID bogus = { 0xdeadbeef };
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    void *function = (void *)1;
    DWORD size;
    int ret;

    ok(extension_function(s, (GUID)WSAID_ACCEPTEX) != NULL, "AcceptEx\n");
    ok(extension_function(s, (GUID)WSAID_CONNECTEX) != NULL, "ConnectEx\n");
    ok(extension_function(s, (GUID)WSAID_DISCONNECTEX) != NULL, "DisconnectEx\n");
    ok(extension_function(s, (GUID)WSAID_GETACCEPTEXSOCKADDRS) != NULL, "GetAcceptExSockaddrs\n");
    ok(extension_function(s, (GUID)WSAID_WSARECVMSG) != NULL, "WSARecvMsg\n");
    ok(extension_function(s, (GUID)WSAID_WSASENDMSG) != NULL, "WSASendMsg\n");
    ret = WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, (void *)&bogus, sizeof(bogus), &function, sizeof(function),
                   &size, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "bogus GUID: %d %d\n", ret, WSAGetLastError());
    ret = WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, (void *)&bogus, 4, &function, sizeof(function), &size,
                   NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "short GUID: %d %d\n", ret, WSAGetLastError());
    closesocket(s);
}

/* A call refused at once still leaves the OVERLAPPED marked pending: Windows
 * writes STATUS_PENDING before it checks the arguments (Wine's conformance
 * test_AcceptEx). */
static void test_accept_ex_refused_marks_pending(void)
{
    struct sockaddr_in addr;
    SOCKET listener = loopback_listener(&addr), acceptor = socket(AF_INET, SOCK_STREAM, 0);
    LPFN_ACCEPTEX accept_ex = extension_function(listener, (GUID)WSAID_ACCEPTEX);
    char buffer[2 * (sizeof(struct sockaddr_in) + 16)];
    OVERLAPPED ov = { 0 };
    DWORD received;
    BOOL ret;

    if (!ok(accept_ex != NULL, "no AcceptEx\n")) return;
    ov.Internal = 0xdeadbeef;
    ret = accept_ex(listener, acceptor, buffer, 0, sizeof(struct sockaddr_in) + 16, 0, &received, &ov);
    ok(!ret && WSAGetLastError() == WSAEFAULT, "a remote length of 0: %d %d\n", ret, WSAGetLastError());
    ok_int(ov.Internal, STATUS_PENDING, "a remote length of 0 left Internal %#Ix\n", ov.Internal);
    ov.Internal = 0xdeadbeef;
    ret = accept_ex(listener, acceptor, NULL, 0, sizeof(struct sockaddr_in) + 16, sizeof(struct sockaddr_in) + 16,
                    &received, &ov);
    ok(!ret, "a NULL buffer was taken\n");
    ok_int(ov.Internal, STATUS_PENDING, "a NULL buffer left Internal %#Ix\n", ov.Internal);
    closesocket(acceptor);
    closesocket(listener);
}

/* AcceptEx refuses at once, with WSAEINVAL, a listener that does not listen
 * and an accepting socket that is not a fresh stream socket (Wine's
 * conformance test_AcceptEx, recorded on Windows), and a NULL buffer meant
 * for data with WSAEFAULT. */
static BOOL accept_ex_refused(LPFN_ACCEPTEX accept_ex, SOCKET listener, SOCKET acceptor, void *buffer,
                              DWORD recv_len, int expected, const char *what)
{
    OVERLAPPED ov = { 0 };
    DWORD received;
    BOOL ret;

    ov.Internal = 0xdeadbeef;
    ret = accept_ex(listener, acceptor, buffer, recv_len, sizeof(struct sockaddr_in) + 16,
                    sizeof(struct sockaddr_in) + 16, &received, &ov);
    if (!ret && WSAGetLastError() == WSA_IO_PENDING) CancelIo((HANDLE)listener);
    ok_int(ov.Internal, STATUS_PENDING, "%s: Internal %#Ix\n", what, ov.Internal);
    return ok(!ret && WSAGetLastError() == expected, "%s: %d, error %d, not %d\n", what, ret, WSAGetLastError(),
              expected);
}

static void test_accept_ex_refuses_wrong_sockets(void)
{
    struct sockaddr_in addr, any = { AF_INET };
    SOCKET listener = loopback_listener(&addr), idle = socket(AF_INET, SOCK_STREAM, 0), acceptor;
    LPFN_ACCEPTEX accept_ex = extension_function(listener, (GUID)WSAID_ACCEPTEX);
    char buffer[64 + 2 * (sizeof(struct sockaddr_in) + 16)];
    struct pair p;

    if (!ok(accept_ex != NULL, "no AcceptEx\n")) return;
    any.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    acceptor = socket(AF_INET, SOCK_STREAM, 0);
    accept_ex_refused(accept_ex, idle, acceptor, buffer, 0, WSAEINVAL, "a listener not listening");
    accept_ex_refused(accept_ex, listener, acceptor, NULL, 64, WSAEFAULT, "a NULL buffer for data");
    closesocket(acceptor);

    acceptor = socket(AF_INET, SOCK_DGRAM, 0);
    accept_ex_refused(accept_ex, listener, acceptor, buffer, 0, WSAEINVAL, "a datagram acceptor");
    closesocket(acceptor);

    acceptor = socket(AF_INET, SOCK_STREAM, 0);
    ok(!bind(acceptor, (struct sockaddr *)&any, sizeof(any)), "bind: %d\n", WSAGetLastError());
    accept_ex_refused(accept_ex, listener, acceptor, buffer, 0, WSAEINVAL, "a bound acceptor");
    closesocket(acceptor);

    if (ok(make_pair(&p), "no socket pair\n"))
    {
        accept_ex_refused(accept_ex, listener, p.client, buffer, 0, WSAEINVAL, "a connected acceptor");
        accept_ex_refused(accept_ex, listener, p.server, buffer, 0, WSAEINVAL, "an accepted acceptor");
        free_pair(&p);
    }
    closesocket(idle);
    closesocket(listener);
}

/* Windows wants room for the local address and 16 bytes more: with less (but
 * some) the accept pends, then fails with STATUS_BUFFER_TOO_SMALL; with none
 * it succeeds, and GetAcceptExSockaddrs leaves the local outputs alone. */
static void accept_ex_with_local_len(LPFN_ACCEPTEX accept_ex, LPFN_GETACCEPTEXSOCKADDRS sockaddrs, DWORD local_len)
{
    struct sockaddr_in addr, *local = (struct sockaddr_in *)0xdeadbeef, *remote = NULL;
    SOCKET listener = loopback_listener(&addr), acceptor = socket(AF_INET, SOCK_STREAM, 0), client;
    char buffer[2 * (sizeof(struct sockaddr_in) + 16)];
    int local_size = 0xdeadbeef, remote_size = 0;
    OVERLAPPED ov = { 0 };
    DWORD received = 0xdeadbeef;
    BOOL ret;

    ov.hEvent = WSACreateEvent();
    ret = accept_ex(listener, acceptor, buffer, 0, local_len, sizeof(struct sockaddr_in) + 16, &received, &ov);
    ok(!ret && WSAGetLastError() == WSA_IO_PENDING, "local %lu: %d, error %d\n", local_len, ret,
       WSAGetLastError());
    client = socket(AF_INET, SOCK_STREAM, 0);
    ok(!connect(client, (struct sockaddr *)&addr, sizeof(addr)), "connect: %d\n", WSAGetLastError());
    ok_int(WaitForSingleObject(ov.hEvent, 5000), WAIT_OBJECT_0, "local %lu: no completion\n", local_len);
    SetLastError(0xdeadbeef);
    ret = GetOverlappedResult((HANDLE)listener, &ov, &received, FALSE);
    if (local_len)
    {
        ok(!ret && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "local %lu: %d, error %lu\n", local_len, ret,
           GetLastError());
        ok(ov.Internal == (ULONG_PTR)0xc0000023 /* STATUS_BUFFER_TOO_SMALL */, "local %lu: status %#Ix\n",
           local_len, ov.Internal);
    }
    else
    {
        ok(ret && !ov.Internal, "local 0: %d, status %#Ix\n", ret, ov.Internal);
        sockaddrs(buffer, 0, 0, sizeof(struct sockaddr_in) + 16, (struct sockaddr **)&local, &local_size,
                  (struct sockaddr **)&remote, &remote_size);
        ok(local == (struct sockaddr_in *)0xdeadbeef && local_size == (int)0xdeadbeef,
           "local 0: local outputs written: %p, %d\n", local, local_size);
        ok(remote_size == sizeof(struct sockaddr_in) && remote && remote->sin_family == AF_INET,
           "local 0: remote size %d\n", remote_size);
    }
    WSACloseEvent(ov.hEvent);
    closesocket(client);
    closesocket(acceptor);
    closesocket(listener);
}

static void test_accept_ex_local_length(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    LPFN_ACCEPTEX accept_ex = extension_function(s, (GUID)WSAID_ACCEPTEX);
    LPFN_GETACCEPTEXSOCKADDRS sockaddrs = extension_function(s, (GUID)WSAID_GETACCEPTEXSOCKADDRS);

    closesocket(s);
    if (!ok(accept_ex && sockaddrs, "no AcceptEx\n")) return;
    accept_ex_with_local_len(accept_ex, sockaddrs, 0);
    accept_ex_with_local_len(accept_ex, sockaddrs, 3);
    accept_ex_with_local_len(accept_ex, sockaddrs, sizeof(struct sockaddr_in) + 4);
}

static void test_accept_ex(void)
{
    struct sockaddr_in addr, *local, *remote;
    SOCKET listener = loopback_listener(&addr), acceptor = socket(AF_INET, SOCK_STREAM, 0), client;
    LPFN_ACCEPTEX accept_ex = extension_function(listener, (GUID)WSAID_ACCEPTEX);
    LPFN_GETACCEPTEXSOCKADDRS sockaddrs = extension_function(listener, (GUID)WSAID_GETACCEPTEXSOCKADDRS);
    char buffer[16 + 2 * (sizeof(struct sockaddr_in) + 16)];
    OVERLAPPED ov = { 0 };
    TCP_INFO_v0 info;
    DWORD received = 0, nodelay = 1, version = 0, size;
    int local_len, remote_len, client_len = sizeof(addr);
    struct sockaddr_in client_addr;

    if (!accept_ex || !sockaddrs) { ok(0, "no AcceptEx\n"); return; }
    /* An option before AcceptEx: ws2kit.so keeps this fresh socket's fd. */
    ok(!setsockopt(acceptor, IPPROTO_TCP, TCP_NODELAY, (char *)&nodelay, 1), "TCP_NODELAY\n");
    ov.hEvent = WSACreateEvent();
    ok(!accept_ex(listener, acceptor, buffer, 16, sizeof(struct sockaddr_in) + 16, sizeof(struct sockaddr_in) + 16,
                  &received, &ov) && WSAGetLastError() == WSA_IO_PENDING, "AcceptEx: %d\n", WSAGetLastError());
    client = socket(AF_INET, SOCK_STREAM, 0);
    ok(!connect(client, (struct sockaddr *)&addr, sizeof(addr)), "connect\n");
    ok(send(client, "hi", 2, 0) == 2, "send\n");
    ok_int(WaitForSingleObject(ov.hEvent, 5000), WAIT_OBJECT_0, "AcceptEx did not complete\n");
    ok(GetOverlappedResult((HANDLE)listener, &ov, &received, FALSE) && received == 2 && !memcmp(buffer, "hi", 2),
       "AcceptEx received %lu bytes\n", received);

    sockaddrs(buffer, 16, sizeof(struct sockaddr_in) + 16, sizeof(struct sockaddr_in) + 16,
              (struct sockaddr **)&local, &local_len, (struct sockaddr **)&remote, &remote_len);
    getsockname(client, (struct sockaddr *)&client_addr, &client_len);
    ok(local_len == sizeof(*local) && local->sin_port == addr.sin_port, "local address port %u\n",
       ntohs(local->sin_port));
    ok(remote_len == sizeof(*remote) && remote->sin_port == client_addr.sin_port, "remote address port %u\n",
       ntohs(remote->sin_port));

    ok(!setsockopt(acceptor, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&listener, sizeof(listener)),
       "SO_UPDATE_ACCEPT_CONTEXT\n");
    /* Programs written for Windows also pass NULL, 0 (Win32-OpenSSH fails the accept otherwise). */
    ok(!setsockopt(acceptor, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, NULL, 0),
       "SO_UPDATE_ACCEPT_CONTEXT with NULL, 0: %d\n", WSAGetLastError());
    /* The accepting socket is the connection now, not the fd it had before. */
    size = 0;
    ok(!WSAIoctl(acceptor, SIO_TCP_INFO, &version, sizeof(version), &info, sizeof(info), &size, NULL, NULL) &&
       info.State == TCPSTATE_ESTABLISHED, "accepted socket's TCP state %d\n", info.State);
    ok(send(acceptor, "ok", 2, 0) == 2, "send on the accepted socket: %d\n", WSAGetLastError());
    ok(recv(client, buffer, sizeof(buffer), 0) == 2 && !memcmp(buffer, "ok", 2), "client got the reply\n");
    WSACloseEvent(ov.hEvent);
    closesocket(client);
    closesocket(acceptor);
    closesocket(listener);
}

/* Windows ends an AcceptEx only when the listener's last handle closes
 * (Wine's conformance test, test_completion_port): closing the duplicate
 * it was issued on, or the original, while the other stays open posts
 * nothing; closing the last one posts ERROR_OPERATION_ABORTED with
 * STATUS_CANCELLED. */
static void accept_ex_on_duplicate(BOOL close_duplicate_first)
{
    struct sockaddr_in addr;
    SOCKET listener = loopback_listener(&addr), acceptor = socket(AF_INET, SOCK_STREAM, 0), dup, first, last;
    LPFN_ACCEPTEX accept_ex = extension_function(listener, (GUID)WSAID_ACCEPTEX);
    char buffer[2 * (sizeof(struct sockaddr_in) + 16)];
    WSAPROTOCOL_INFOA info;
    OVERLAPPED ov = { 0 }, *got;
    DWORD received = 0;
    ULONG_PTR key;
    HANDLE port;

    if (!accept_ex) { ok(0, "no AcceptEx\n"); return; }
    port = CreateIoCompletionPort((HANDLE)listener, NULL, 125, 0);
    ok(!WSADuplicateSocketA(listener, GetCurrentProcessId(), &info), "WSADuplicateSocket: %d\n", WSAGetLastError());
    dup = WSASocketA(AF_INET, SOCK_STREAM, 0, &info, 0, WSA_FLAG_OVERLAPPED);
    ok(dup != INVALID_SOCKET, "WSASocket from the duplicate's record: %d\n", WSAGetLastError());
    ok(!accept_ex(dup, acceptor, buffer, 0, sizeof(struct sockaddr_in) + 16, sizeof(struct sockaddr_in) + 16,
                  &received, &ov) && WSAGetLastError() == WSA_IO_PENDING, "AcceptEx: %d\n", WSAGetLastError());
    first = close_duplicate_first ? dup : listener;
    last = close_duplicate_first ? listener : dup;

    closesocket(first);
    got = (OVERLAPPED *)0xdeadbeef;
    SetLastError(0xdeadbeef);
    ok(!GetQueuedCompletionStatus(port, &received, &key, &got, 200) && GetLastError() == WAIT_TIMEOUT && !got,
       "dup first %d: a packet after closing one of two handles: error %lu, %p\n", close_duplicate_first,
       GetLastError(), got);

    closesocket(last);
    got = NULL;
    ok(!GetQueuedCompletionStatus(port, &received, &key, &got, 1000) && GetLastError() == ERROR_OPERATION_ABORTED,
       "dup first %d: after the last handle: error %lu\n", close_duplicate_first, GetLastError());
    ok(got == &ov && key == 125 && !received && ov.Internal == (ULONG_PTR)0xc0000120 /* STATUS_CANCELLED */,
       "dup first %d: packet %p key %Iu bytes %lu status %#Ix\n", close_duplicate_first, got, key, received,
       ov.Internal);
    CloseHandle(port);
    closesocket(acceptor);
}

static void test_accept_ex_on_duplicate(void)
{
    accept_ex_on_duplicate(TRUE);
    accept_ex_on_duplicate(FALSE);
}

static void test_connect_ex(void)
{
    struct sockaddr_in addr, any = { AF_INET };
    SOCKET listener = loopback_listener(&addr), s = socket(AF_INET, SOCK_STREAM, 0), server;
    LPFN_CONNECTEX connect_ex = extension_function(s, (GUID)WSAID_CONNECTEX);
    LPFN_DISCONNECTEX disconnect_ex = extension_function(s, (GUID)WSAID_DISCONNECTEX);
    OVERLAPPED ov = { 0 };
    DWORD sent = 0;
    char buf[8];
    BOOL ret;

    if (!connect_ex || !disconnect_ex) { ok(0, "no ConnectEx\n"); return; }
    ov.hEvent = WSACreateEvent();
    ret = connect_ex(s, (struct sockaddr *)&addr, sizeof(addr), "abc", 3, &sent, &ov);
    ok(!ret && WSAGetLastError() == WSAEINVAL, "ConnectEx on an unbound socket: %d\n", WSAGetLastError());
    any.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(s, (struct sockaddr *)&any, sizeof(any));
    ret = connect_ex(s, (struct sockaddr *)&addr, sizeof(addr), "abc", 3, &sent, &ov);
    ok(ret || WSAGetLastError() == WSA_IO_PENDING, "ConnectEx: %d\n", WSAGetLastError());
    ok_int(WaitForSingleObject(ov.hEvent, 5000), WAIT_OBJECT_0, "ConnectEx did not complete\n");
    ok(GetOverlappedResult((HANDLE)s, &ov, &sent, FALSE) && sent == 3, "ConnectEx sent %lu\n", sent);
    /* connect() again: WSAEINVAL after ConnectEx, WSAEISCONN on an accepted
     * socket (Wine's conformance test_connect, recorded on Windows). */
    ok(connect(s, (struct sockaddr *)&addr, sizeof(addr)) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
       "connect after ConnectEx: error %d\n", WSAGetLastError());
    /* As Microsoft's ConnectEx page writes it, and as libuv (Node.js) calls it. */
    ok(!setsockopt(s, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0),
       "SO_UPDATE_CONNECT_CONTEXT with NULL, 0: %d\n", WSAGetLastError());
    server = accept(listener, NULL, NULL);
    ok(recv(server, buf, sizeof(buf), 0) == 3 && !memcmp(buf, "abc", 3), "server got the connect data\n");
    ok(connect(server, (struct sockaddr *)&addr, sizeof(addr)) == SOCKET_ERROR && WSAGetLastError() == WSAEISCONN,
       "connect on an accepted socket: error %d\n", WSAGetLastError());

    ResetEvent(ov.hEvent);
    ret = disconnect_ex(s, &ov, 0, 0);
    ok(!ret && WSAGetLastError() == WSA_IO_PENDING, "DisconnectEx: %d %d\n", ret, WSAGetLastError());
    ok_int(WaitForSingleObject(ov.hEvent, 5000), WAIT_OBJECT_0, "DisconnectEx did not complete\n");
    ok_int(recv(server, buf, sizeof(buf), 0), 0, "the peer did not see the disconnect\n");
    WSACloseEvent(ov.hEvent);
    closesocket(server);
    closesocket(s);
    closesocket(listener);
}

/* Found by tests/fuzz (seed 7, call 53074): a connect done at once (a
 * datagram socket's) wrote its count through lpdwBytesSent without looking,
 * and an unmapped pointer there crashed the caller; it is refused first. */
static void test_connect_ex_bad_count(void)
{
    struct sockaddr_in addr = { AF_INET }, to = { AF_INET };
    SOCKET s = socket(AF_INET, SOCK_DGRAM, 0);
    LPFN_CONNECTEX connect_ex = extension_function(s, (GUID)WSAID_CONNECTEX);
    char *reserved = VirtualAlloc(NULL, 4096, MEM_RESERVE, PAGE_NOACCESS);
    OVERLAPPED ov = { 0 };
    DWORD sent = 0xdead;
    BOOL ret;

    if (!connect_ex || !reserved) { skip("no ConnectEx or no reserved page\n"); closesocket(s); return; }
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok(!bind(s, (struct sockaddr *)&addr, sizeof(addr)), "bind: %d\n", WSAGetLastError());
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    to.sin_port = htons(9);
    ov.hEvent = WSACreateEvent();
    WSASetLastError(0xdeadbeef);
    ret = connect_ex(s, (struct sockaddr *)&to, sizeof(to), NULL, 0, (DWORD *)reserved, &ov);
    ok(!ret && WSAGetLastError() == WSAEFAULT, "ConnectEx with an unmapped count: %d, error %d\n", ret,
       WSAGetLastError());
    ret = connect_ex(s, (struct sockaddr *)&to, sizeof(to), NULL, 0, &sent, &ov);
    ok(ret || WSAGetLastError() == WSA_IO_PENDING || WSAGetLastError() == WSAEINVAL,
       "ConnectEx with a good count: %d, error %d\n", ret, WSAGetLastError());
    WSACloseEvent(ov.hEvent);
    VirtualFree(reserved, 0, MEM_RELEASE);
    closesocket(s);
}

/* The same for AcceptEx's lpdwBytesReceived, written when a queued
 * connection is taken at once. */
static void test_accept_ex_bad_count(void)
{
    struct sockaddr_in addr;
    SOCKET listener = loopback_listener(&addr), client = socket(AF_INET, SOCK_STREAM, 0);
    SOCKET acceptor = socket(AF_INET, SOCK_STREAM, 0);
    LPFN_ACCEPTEX accept_ex = extension_function(listener, (GUID)WSAID_ACCEPTEX);
    char *reserved = VirtualAlloc(NULL, 4096, MEM_RESERVE, PAGE_NOACCESS), buf[64];
    OVERLAPPED ov = { 0 };
    BOOL ret;

    if (!accept_ex || !reserved) { skip("no AcceptEx or no reserved page\n"); return; }
    ok(!connect(client, (struct sockaddr *)&addr, sizeof(addr)), "connect: %d\n", WSAGetLastError());
    Sleep(50);
    ov.hEvent = WSACreateEvent();
    WSASetLastError(0xdeadbeef);
    ret = accept_ex(listener, acceptor, buf, 0, 32, 32, (DWORD *)reserved, &ov);
    ok(!ret && WSAGetLastError() == WSAEFAULT, "AcceptEx with an unmapped count: %d, error %d\n", ret,
       WSAGetLastError());
    WSACloseEvent(ov.hEvent);
    VirtualFree(reserved, 0, MEM_RELEASE);
    closesocket(acceptor);
    closesocket(client);
    closesocket(listener);
}

/* Found by tests/fuzz (seed 11, call 71498): WSARecvMsg with a read-only
 * control buffer and a datagram queued never completed (the builtin's
 * request too); Windows probes the buffer first: WSAEFAULT. */
static void test_recv_msg_readonly_control(void)
{
    struct sockaddr_in addr = { AF_INET };
    SOCKET a = socket(AF_INET, SOCK_DGRAM, 0), b = socket(AF_INET, SOCK_DGRAM, 0);
    LPFN_WSARECVMSG recv_msg = extension_function(b, (GUID)WSAID_WSARECVMSG);
    char data[16], *ro = VirtualAlloc(NULL, 4096, MEM_COMMIT, PAGE_READWRITE);
    WSABUF in = { sizeof(data), data };
    WSAMSG msg = { 0 };
    OVERLAPPED ov = { 0 };
    DWORD n = 0, old;
    int len = sizeof(addr), ret;

    if (!recv_msg || !ro) { skip("no WSARecvMsg\n"); closesocket(a); closesocket(b); return; }
    VirtualProtect(ro, 4096, PAGE_READONLY, &old);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(b, (struct sockaddr *)&addr, sizeof(addr));
    getsockname(b, (struct sockaddr *)&addr, &len);
    sendto(a, "ctl", 3, 0, (struct sockaddr *)&addr, sizeof(addr));
    Sleep(50);
    msg.lpBuffers = &in;
    msg.dwBufferCount = 1;
    msg.Control.buf = ro;
    msg.Control.len = 78;
    ov.hEvent = WSACreateEvent();
    WSASetLastError(0xdeadbeef);
    ret = recv_msg(b, &msg, &n, &ov, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "WSARecvMsg into a read-only control buffer: %d, "
       "error %d\n", ret, WSAGetLastError());
    if (ret == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING)
    {
        CancelIoEx((HANDLE)b, &ov);
        ok_int(WaitForSingleObject(ov.hEvent, 2000), WAIT_OBJECT_0, "the request did not end\n");
    }
    WSACloseEvent(ov.hEvent);
    closesocket(a);
    closesocket(b);
}

/* Binds a datagram socket to loopback with IP_PKTINFO on; *addr: its address. */
static void pktinfo_receiver(SOCKET s, struct sockaddr_in *addr)
{
    int len = sizeof(*addr);
    DWORD on = 1;

    memset(addr, 0, sizeof(*addr));
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(s, (struct sockaddr *)addr, sizeof(*addr));
    getsockname(s, (struct sockaddr *)addr, &len);
    ok(!setsockopt(s, IPPROTO_IP, IP_PKTINFO, (char *)&on, sizeof(on)), "IP_PKTINFO\n");
}

static void test_msg(void)
{
    struct sockaddr_in addr = { AF_INET }, from;
    SOCKET a = socket(AF_INET, SOCK_DGRAM, 0), b = socket(AF_INET, SOCK_DGRAM, 0);
    LPFN_WSARECVMSG recv_msg = extension_function(b, (GUID)WSAID_WSARECVMSG);
    LPFN_WSASENDMSG send_msg = extension_function(a, (GUID)WSAID_WSASENDMSG);
    char data[16] = { 0 }, control[64];
    WSABUF out = { 4, (char *)"msg!" }, in = { sizeof(data), data };
    WSAMSG msg = { 0 };
    DWORD n = 0;
    WSACMSGHDR *cmsg;

    if (!recv_msg || !send_msg) { ok(0, "no WSARecvMsg\n"); return; }
    pktinfo_receiver(b, &addr);

    msg.name = (struct sockaddr *)&addr;
    msg.namelen = sizeof(addr);
    msg.lpBuffers = &out;
    msg.dwBufferCount = 1;
    ok(!send_msg(a, &msg, 0, &n, NULL, NULL) && n == 4, "WSASendMsg: %d\n", WSAGetLastError());

    memset(&msg, 0, sizeof(msg));
    msg.name = (struct sockaddr *)&from;
    msg.namelen = sizeof(from);
    msg.lpBuffers = &in;
    msg.dwBufferCount = 1;
    msg.Control.buf = control;
    msg.Control.len = sizeof(control);
    ok(!recv_msg(b, &msg, &n, NULL, NULL) && n == 4 && !memcmp(data, "msg!", 4), "WSARecvMsg: %d\n", WSAGetLastError());
    ok(msg.namelen == sizeof(from) && from.sin_addr.s_addr == htonl(INADDR_LOOPBACK), "source %d\n", msg.namelen);
    cmsg = WSA_CMSG_FIRSTHDR(&msg);
    ok(cmsg && cmsg->cmsg_level == IPPROTO_IP && cmsg->cmsg_type == IP_PKTINFO, "no IN_PKTINFO control message\n");
    if (cmsg)
        ok_int(((IN_PKTINFO *)WSA_CMSG_DATA(cmsg))->ipi_addr.s_addr, htonl(INADDR_LOOPBACK), "pktinfo address\n");
    closesocket(a);
    closesocket(b);
}

/* A control buffer too small for the packet information: WSARecvMsg fails
 * with WSAEMSGSIZE and MSG_CTRUNC but reports the bytes it received; with
 * a completion routine it reports the call pending, and the routine gets
 * WSAEMSGSIZE and the count (Wine's conformance test_ip_pktinfo, recorded on
 * Windows). */
static DWORD truncated_routine_error, truncated_routine_size;

static void CALLBACK truncated_routine(DWORD error, DWORD size, OVERLAPPED *ov, DWORD flags)
{
    (void)ov; (void)flags;
    truncated_routine_error = error;
    truncated_routine_size = size;
}

static void test_recv_msg_control_truncated(void)
{
    struct sockaddr_in addr = { AF_INET };
    SOCKET a = socket(AF_INET, SOCK_DGRAM, 0), b = socket(AF_INET, SOCK_DGRAM, 0);
    LPFN_WSARECVMSG recv_msg = extension_function(b, (GUID)WSAID_WSARECVMSG);
    char data[16], control[1];
    WSABUF in = { sizeof(data), data };
    WSAMSG msg = { 0 };
    OVERLAPPED ov = { 0 };
    DWORD n;
    int ret;

    if (!ok(recv_msg != NULL, "no WSARecvMsg\n")) return;
    pktinfo_receiver(b, &addr);
    msg.lpBuffers = &in;
    msg.dwBufferCount = 1;
    msg.Control.buf = control;
    msg.Control.len = sizeof(control);

    sendto(a, "six!!", 6, 0, (struct sockaddr *)&addr, sizeof(addr));
    n = 0xdeadbeef;
    ret = recv_msg(b, &msg, &n, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEMSGSIZE, "short control: %d, error %d\n", ret,
       WSAGetLastError());
    ok_int(n, 6, "short control: count %lu, not 6\n", n);
    ok_int(msg.dwFlags, MSG_CTRUNC, "short control: flags %#lx\n", msg.dwFlags);

    msg.dwFlags = 0;
    msg.Control.len = sizeof(control);
    sendto(a, "six!!", 6, 0, (struct sockaddr *)&addr, sizeof(addr));
    Sleep(50);
    truncated_routine_error = truncated_routine_size = 0xdeadbeef;
    ret = recv_msg(b, &msg, NULL, &ov, truncated_routine);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "with a routine: %d, error %d\n", ret,
       WSAGetLastError());
    ok_int(SleepEx(1000, TRUE), WAIT_IO_COMPLETION, "the routine did not run\n");
    ok(truncated_routine_error == WSAEMSGSIZE && truncated_routine_size == 6, "the routine got error %lu, %lu bytes\n",
       truncated_routine_error, truncated_routine_size);
    closesocket(a);
    closesocket(b);
}

/* WSASendMsg takes datagram sockets only, and binds an unbound one even when
 * it refuses a synchronous call without a byte count (Wine's test_WSASendMsg). */
static void test_send_msg_rules(void)
{
    struct sockaddr_in addr = { AF_INET }, local;
    SOCKET udp = socket(AF_INET, SOCK_DGRAM, 0), tcp = socket(AF_INET, SOCK_STREAM, 0);
    LPFN_WSASENDMSG send_msg = extension_function(udp, (GUID)WSAID_WSASENDMSG);
    WSABUF out = { 4, (char *)"msg!" };
    WSAMSG msg = { 0 };
    DWORD n = 0;
    int len = sizeof(local), ret;

    if (!send_msg) { ok(0, "no WSASendMsg\n"); return; }
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(9);
    msg.name = (struct sockaddr *)&addr;
    msg.namelen = sizeof(addr);
    msg.lpBuffers = &out;
    msg.dwBufferCount = 1;
    ret = send_msg(udp, &msg, 0, NULL, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "no byte count: %d, error %d\n", ret,
       WSAGetLastError());
    ok(!getsockname(udp, (struct sockaddr *)&local, &len) && local.sin_addr.s_addr == htonl(INADDR_ANY) &&
       local.sin_port, "not bound after the refused call: error %d\n", WSAGetLastError());
    ret = send_msg(tcp, &msg, 0, &n, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "stream socket: %d, error %d\n", ret,
       WSAGetLastError());
    closesocket(udp);
    closesocket(tcp);
}

START_TEST(extensions)
{
    WSADATA data;

    WSAStartup(MAKEWORD(2, 2), &data);
    harness_start_watchdog(60000);
    RUN(test_pointers);
    RUN(test_accept_ex_refuses_wrong_sockets);
    RUN(test_accept_ex_local_length);
    RUN(test_accept_ex);
    RUN(test_accept_ex_refused_marks_pending);
    RUN(test_accept_ex_on_duplicate);
    RUN(test_connect_ex);
    RUN(test_connect_ex_bad_count);
    RUN(test_accept_ex_bad_count);
    RUN(test_recv_msg_readonly_control);
    RUN(test_msg);
    RUN(test_recv_msg_control_truncated);
    RUN(test_send_msg_rules);
    WSACleanup();
}
