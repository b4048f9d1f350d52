/* WSAAccept with a condition function, and WSADuplicateSocket with
 * WSASocket(FROM_PROTOCOL_INFO) within one process and across two (the
 * program starts itself as the child). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include "harness.h"
#include "sockpair.h"

/* What the condition function saw, and what it answers. */
static struct
{
    int answer, calls;
    SOCKADDR_STORAGE caller, callee;
    int caller_len, callee_len;
    BOOL caller_data_null, callee_data_null, qos_null, gqos_null;
    GROUP group;
    DWORD_PTR data;
} cond;

static int CALLBACK condition(WSABUF *caller_id, WSABUF *caller_data, QOS *sqos, QOS *gqos, WSABUF *callee_id,
                              WSABUF *callee_data, GROUP *g, DWORD_PTR data)
{
    cond.calls++;
    cond.caller_len = caller_id ? (int)caller_id->len : -1;
    if (caller_id && caller_id->len <= sizeof(cond.caller)) memcpy(&cond.caller, caller_id->buf, caller_id->len);
    cond.callee_len = callee_id ? (int)callee_id->len : -1;
    if (callee_id && callee_id->len <= sizeof(cond.callee)) memcpy(&cond.callee, callee_id->buf, callee_id->len);
    cond.caller_data_null = caller_data == NULL;
    cond.callee_data_null = callee_data == NULL;
    cond.qos_null = sqos == NULL;
    cond.gqos_null = gqos == NULL;
    cond.group = g ? *g : 0xdead;
    cond.data = data;
    return cond.answer;
}

static SOCKET connect_to(const struct sockaddr_in *addr)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(s, (const struct sockaddr *)addr, sizeof(*addr)))
    {
        closesocket(s);
        return INVALID_SOCKET;
    }
    return s;
}

static void set_recv_timeout(SOCKET s, DWORD ms)
{
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (const char *)&ms, sizeof(ms));
}

/* Whether the peer reset the connection: Windows' recv says WSAECONNRESET;
 * where a recv says only end of stream, the next send must. */
static BOOL was_reset(SOCKET s)
{
    char buf[8];
    int ret;

    set_recv_timeout(s, 5000);
    ret = recv(s, buf, sizeof(buf), 0);
    if (ret == SOCKET_ERROR && WSAGetLastError() == WSAECONNRESET) return TRUE;
    if (ret != 0) return FALSE;
    trace("recv after a reset said end of stream\n");
    ret = send(s, "x", 1, 0);
    return ret == SOCKET_ERROR && WSAGetLastError() == WSAECONNRESET;
}

static void test_accept_verdicts(void)
{
    struct sockaddr_in listen_addr, peer, client_name;
    SOCKET listener = loopback_listener(&listen_addr), client, server;
    int len, name_len, ret;
    char buf[8];

    /* CF_ACCEPT: the caller is the client's address, the callee ours. */
    client = connect_to(&listen_addr);
    name_len = sizeof(client_name);
    getsockname(client, (struct sockaddr *)&client_name, &name_len);
    memset(&cond, 0, sizeof(cond));
    cond.answer = CF_ACCEPT;
    len = sizeof(peer);
    server = WSAAccept(listener, (struct sockaddr *)&peer, &len, condition, 0x1234);
    ok(server != INVALID_SOCKET, "CF_ACCEPT: error %d\n", WSAGetLastError());
    ok_int(cond.calls, 1, "condition called %d times\n", cond.calls);
    ok(cond.caller_len == sizeof(struct sockaddr_in) &&
       ((struct sockaddr_in *)&cond.caller)->sin_port == client_name.sin_port &&
       ((struct sockaddr_in *)&cond.caller)->sin_addr.s_addr == htonl(INADDR_LOOPBACK),
       "caller id: len %d port %u\n", cond.caller_len, ntohs(((struct sockaddr_in *)&cond.caller)->sin_port));
    ok(cond.callee_len == sizeof(struct sockaddr_in) &&
       ((struct sockaddr_in *)&cond.callee)->sin_port == listen_addr.sin_port,
       "callee id: len %d port %u\n", cond.callee_len, ntohs(((struct sockaddr_in *)&cond.callee)->sin_port));
    ok(cond.caller_data_null && cond.callee_data_null, "TCP has no connect data: %d %d\n", cond.caller_data_null,
       cond.callee_data_null);
    ok(cond.qos_null && cond.gqos_null, "no QoS\n");
    ok_int(cond.group, 0, "group %u\n", cond.group);
    ok_int(cond.data, 0x1234, "callback data %#Ix\n", cond.data);
    ok(len == sizeof(struct sockaddr_in) && peer.sin_port == client_name.sin_port, "peer: len %d port %u\n", len,
       ntohs(peer.sin_port));
    ok(send(client, "hi", 2, 0) == 2 && recv(server, buf, sizeof(buf), 0) == 2, "accepted connection carries data\n");
    closesocket(server);
    closesocket(client);

    /* CF_REJECT: refused, and the peer's connection is gone. */
    client = connect_to(&listen_addr);
    cond.answer = CF_REJECT;
    cond.calls = 0;
    SetLastError(0xdead);
    server = WSAAccept(listener, NULL, NULL, condition, 0);
    ok(server == INVALID_SOCKET && WSAGetLastError() == WSAECONNREFUSED, "CF_REJECT: %#Ix, error %d\n", server,
       WSAGetLastError());
    ok_int(cond.calls, 1, "condition called %d times\n", cond.calls);
    ok(was_reset(client), "the rejected peer was not reset: error %d\n", WSAGetLastError());
    closesocket(client);

    /* CF_DEFER: WSATRY_AGAIN, and the same connection comes back. */
    client = connect_to(&listen_addr);
    name_len = sizeof(client_name);
    getsockname(client, (struct sockaddr *)&client_name, &name_len);
    cond.answer = CF_DEFER;
    cond.calls = 0;
    SetLastError(0xdead);
    server = WSAAccept(listener, NULL, NULL, condition, 0);
    ok(server == INVALID_SOCKET && WSAGetLastError() == WSATRY_AGAIN, "CF_DEFER: %#Ix, error %d\n", server,
       WSAGetLastError());
    cond.answer = CF_ACCEPT;
    memset(&cond.caller, 0, sizeof(cond.caller));
    server = WSAAccept(listener, NULL, NULL, condition, 0);
    ok(server != INVALID_SOCKET, "after CF_DEFER: error %d\n", WSAGetLastError());
    ok(cond.calls == 2 && ((struct sockaddr_in *)&cond.caller)->sin_port == client_name.sin_port,
       "the deferred connection came back: calls %d, port %u, expected %u\n", cond.calls,
       ntohs(((struct sockaddr_in *)&cond.caller)->sin_port), ntohs(client_name.sin_port));
    ok(send(client, "abc", 3, 0) == 3 && recv(server, buf, sizeof(buf), 0) == 3, "deferred connection carries data\n");
    closesocket(server);
    closesocket(client);

    /* Not a verdict: WSAEINVAL. */
    client = connect_to(&listen_addr);
    cond.answer = 42;
    SetLastError(0xdead);
    server = WSAAccept(listener, NULL, NULL, condition, 0);
    ok(server == INVALID_SOCKET && WSAGetLastError() == WSAEINVAL, "verdict 42: %#Ix, error %d\n", server,
       WSAGetLastError());
    closesocket(client);

    /* SO_CONDITIONAL_ACCEPT: kept, and WSAAccept still decides. */
    {
        DWORD on = 1, value = 0;
        int size = sizeof(value);
        SOCKET cl2 = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in addr2;
        int len2 = sizeof(addr2);

        memset(&addr2, 0, sizeof(addr2));
        addr2.sin_family = AF_INET;
        addr2.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ok(!setsockopt(cl2, SOL_SOCKET, SO_CONDITIONAL_ACCEPT, (char *)&on, sizeof(on)), "SO_CONDITIONAL_ACCEPT: %d\n",
           WSAGetLastError());
        ok(!getsockopt(cl2, SOL_SOCKET, SO_CONDITIONAL_ACCEPT, (char *)&value, &size) && value == 1,
           "SO_CONDITIONAL_ACCEPT reads %lu\n", value);
        ok(!bind(cl2, (struct sockaddr *)&addr2, sizeof(addr2)) && !listen(cl2, 4) &&
           !getsockname(cl2, (struct sockaddr *)&addr2, &len2), "conditional listener: %d\n", WSAGetLastError());
        /* Windows refuses the SYN itself (the peer's connect fails); Linux
         * has completed the handshake, so the peer is reset instead. */
        client = socket(AF_INET, SOCK_STREAM, 0);
        ret = connect(client, (struct sockaddr *)&addr2, sizeof(addr2));
        cond.answer = CF_REJECT;
        server = WSAAccept(cl2, NULL, NULL, condition, 0);
        ok(server == INVALID_SOCKET && WSAGetLastError() == WSAECONNREFUSED, "conditional CF_REJECT: error %d\n",
           WSAGetLastError());
        ok(ret ? WSAGetLastError() == WSAECONNREFUSED : was_reset(client), "refused peer: connect %d, error %d\n",
           ret, WSAGetLastError());
        closesocket(client);
        client = connect_to(&addr2);
        cond.answer = CF_ACCEPT;
        server = WSAAccept(cl2, NULL, NULL, condition, 0);
        ok(server != INVALID_SOCKET, "conditional CF_ACCEPT: error %d\n", WSAGetLastError());
        closesocket(server);
        closesocket(client);
        closesocket(cl2);
    }
    closesocket(listener);
}

static void test_accept_bad_input(void)
{
    struct sockaddr_in listen_addr, peer;
    SOCKET listener = loopback_listener(&listen_addr), client, server, unbound = socket(AF_INET, SOCK_STREAM, 0);
    HANDLE event = CreateEventA(NULL, FALSE, FALSE, NULL);
    int len;

    server = WSAAccept((SOCKET)event, NULL, NULL, condition, 0);
    ok(server == INVALID_SOCKET && WSAGetLastError() == WSAENOTSOCK, "an event: error %d\n", WSAGetLastError());
    server = WSAAccept(INVALID_SOCKET, NULL, NULL, NULL, 0);
    ok(server == INVALID_SOCKET && WSAGetLastError() == WSAENOTSOCK, "INVALID_SOCKET: error %d\n", WSAGetLastError());
    server = WSAAccept(unbound, NULL, NULL, condition, 0);
    ok(server == INVALID_SOCKET && WSAGetLastError() == WSAEINVAL, "not listening: error %d\n", WSAGetLastError());

    client = connect_to(&listen_addr);
    cond.calls = 0;
    cond.answer = CF_ACCEPT;
    /* Bad buffers and a bad condition are refused before the connection is taken. */
    len = 4;
    server = WSAAccept(listener, (struct sockaddr *)&peer, &len, condition, 0);
    ok(server == INVALID_SOCKET && WSAGetLastError() == WSAEFAULT, "short addrlen: error %d\n", WSAGetLastError());
    server = WSAAccept(listener, (struct sockaddr *)&peer, (int *)(ULONG_PTR)0x10, condition, 0);
    ok(server == INVALID_SOCKET && WSAGetLastError() == WSAEFAULT, "unmapped addrlen: error %d\n", WSAGetLastError());
    server = WSAAccept(listener, NULL, NULL, (LPCONDITIONPROC)(ULONG_PTR)0x10, 0);
    ok(server == INVALID_SOCKET && WSAGetLastError() == WSAEFAULT, "unmapped condition: error %d\n",
       WSAGetLastError());
    ok_int(cond.calls, 0, "condition called %d times\n", cond.calls);
    /* The connection is still there for a good call; no condition is accept(). */
    len = sizeof(peer);
    server = WSAAccept(listener, (struct sockaddr *)&peer, &len, NULL, 0);
    ok(server != INVALID_SOCKET && len == sizeof(peer) && peer.sin_family == AF_INET,
       "without a condition: error %d, len %d\n", WSAGetLastError(), len);
    closesocket(server);
    closesocket(client);
    CloseHandle(event);
    closesocket(unbound);
    closesocket(listener);
}

/* ------------------------------------------------------------------ */

static void test_duplicate_bad_input(void)
{
    WSAPROTOCOL_INFOW info;
    WSAPROTOCOL_INFOA info_a;
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0), dup;
    HANDLE event = CreateEventA(NULL, FALSE, FALSE, NULL);
    int ret;

    ret = WSADuplicateSocketW(s, GetCurrentProcessId(), NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "NULL info: error %d\n", WSAGetLastError());
    ret = WSADuplicateSocketA(s, GetCurrentProcessId(), NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "A, NULL info: error %d\n", WSAGetLastError());
    /* The socket is checked first, then the process, then the record
     * (Windows, recorded in Wine's conformance test_WSADuplicateSocket). */
    ret = WSADuplicateSocketA(0, 0, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK, "no socket, NULL info: error %d\n",
       WSAGetLastError());
    ret = WSADuplicateSocketA(s, 0, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "process 0, NULL info: error %d\n",
       WSAGetLastError());
    ret = WSADuplicateSocketW(s, GetCurrentProcessId(), (WSAPROTOCOL_INFOW *)(ULONG_PTR)0x10);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "unmapped info: error %d\n", WSAGetLastError());
    ret = WSADuplicateSocketW((SOCKET)event, GetCurrentProcessId(), &info);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK, "an event: error %d\n", WSAGetLastError());
    ret = WSADuplicateSocketA(INVALID_SOCKET, GetCurrentProcessId(), &info_a);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK, "A, INVALID_SOCKET: error %d\n", WSAGetLastError());
    ret = WSADuplicateSocketW(s, 0xfffffff0, &info);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "no such process: error %d\n", WSAGetLastError());

    /* A record that carries no socket of ours. */
    ok(!WSADuplicateSocketW(s, GetCurrentProcessId(), &info), "WSADuplicateSocketW: %d\n", WSAGetLastError());
    closesocket((SOCKET)info.dwProviderReserved);
    info.dwProviderReserved = (DWORD)(ULONG_PTR)event;
    dup = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, 0);
    ok(dup == INVALID_SOCKET && WSAGetLastError() == WSAEINVAL, "record carrying an event: %#Ix, error %d\n", dup,
       WSAGetLastError());
    CloseHandle(event);
    closesocket(s);
}

static void test_duplicate_same_process(void)
{
    WSAPROTOCOL_INFOW info, expected;
    WSAPROTOCOL_INFOA info_a;
    SOCKET dup, dup_a;
    struct pair p;
    int size = sizeof(expected);
    char buf[8], name[WSAPROTOCOL_LEN + 1];

    if (!ok(make_pair(&p), "no socket pair\n")) return;
    memset(&info, 0xcc, sizeof(info));
    ok(!WSADuplicateSocketW(p.server, GetCurrentProcessId(), &info), "WSADuplicateSocketW: %d\n", WSAGetLastError());
    getsockopt(p.server, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&expected, &size);
    ok(info.iAddressFamily == AF_INET && info.iSocketType == SOCK_STREAM && info.iProtocol == IPPROTO_TCP,
       "family %d type %d protocol %d\n", info.iAddressFamily, info.iSocketType, info.iProtocol);
    ok(info.dwCatalogEntryId == expected.dwCatalogEntryId && !lstrcmpW(info.szProtocol, expected.szProtocol),
       "catalogue entry %lu, expected %lu\n", info.dwCatalogEntryId, expected.dwCatalogEntryId);
    ok(info.dwProviderReserved != 0 && info.dwProviderReserved != (DWORD)p.server,
       "the record carries a new handle: %#lx\n", info.dwProviderReserved);

    dup = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, 0);
    ok(dup != INVALID_SOCKET && dup == (SOCKET)info.dwProviderReserved, "WSASocketW: %#Ix, error %d\n", dup,
       WSAGetLastError());

    ok(!WSADuplicateSocketA(p.server, GetCurrentProcessId(), &info_a), "WSADuplicateSocketA: %d\n",
       WSAGetLastError());
    WideCharToMultiByte(CP_ACP, 0, expected.szProtocol, -1, name, sizeof(name), NULL, NULL);
    ok(!strcmp(info_a.szProtocol, name) && info_a.iProtocol == IPPROTO_TCP, "A record: %s\n", info_a.szProtocol);
    dup_a = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info_a, 0, 0);
    ok(dup_a != INVALID_SOCKET && dup_a != dup, "WSASocketA: %#Ix, error %d\n", dup_a, WSAGetLastError());

    /* One socket: an option set through one handle reads back through the other. */
    {
        DWORD timeout = 0, set = 1234;
        int len = sizeof(timeout);

        getsockopt(p.server, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, &len);
        ok(!setsockopt(dup, SOL_SOCKET, SO_RCVTIMEO, (char *)&set, sizeof(set)), "set through the duplicate: %d\n",
           WSAGetLastError());
        len = sizeof(timeout);
        ok(!getsockopt(p.server, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, &len) && timeout == 1234,
           "SO_RCVTIMEO through the original: %lu\n", timeout);
    }

    /* One connection: closing the original leaves it to the duplicates. */
    closesocket(p.server);
    ok(send(p.client, "one", 3, 0) == 3, "send: %d\n", WSAGetLastError());
    ok(recv(dup, buf, sizeof(buf), 0) == 3 && !memcmp(buf, "one", 3), "recv on the duplicate: %d\n",
       WSAGetLastError());
    ok(send(dup_a, "two", 3, 0) == 3, "send on the A duplicate: %d\n", WSAGetLastError());
    ok(recv(p.client, buf, sizeof(buf), 0) == 3 && !memcmp(buf, "two", 3), "peer recv: %d\n", WSAGetLastError());
    closesocket(dup);
    closesocket(dup_a);
    set_recv_timeout(p.client, 5000);
    ok_int(recv(p.client, buf, sizeof(buf), 0), 0, "connection closed with the last handle\n");
    closesocket(p.client);
}

/* The child: reads the record from stdin, opens it, talks, exits 0 on success. */
static int child_main(void)
{
    WSAPROTOCOL_INFOW info;
    WSADATA data;
    DWORD got = 0, n;
    SOCKET s;
    char buf[16];

    WSAStartup(MAKEWORD(2, 2), &data);
    while (got < sizeof(info) && ReadFile(GetStdHandle(STD_INPUT_HANDLE), (char *)&info + got, sizeof(info) - got,
                                          &n, NULL) && n)
        got += n;
    if (!ok_int(got, sizeof(info), "child read %lu bytes\n", got)) return 1;
    s = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, 0);
    if (!ok(s != INVALID_SOCKET, "child WSASocketW: error %d\n", WSAGetLastError())) return 1;
    ok(send(s, "child", 5, 0) == 5, "child send: %d\n", WSAGetLastError());
    set_recv_timeout(s, 10000);
    ok(recv(s, buf, sizeof(buf), 0) == 6 && !memcmp(buf, "parent", 6), "child recv: %d\n", WSAGetLastError());
    closesocket(s);
    WSACleanup();
    return harness_failed ? 1 : 0;
}

static void test_duplicate_other_process(void)
{
    STARTUPINFOA si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    WSAPROTOCOL_INFOW info;
    HANDLE read_end, write_end;
    char cmd[MAX_PATH + 16], buf[16];
    DWORD written, code = 1;
    struct pair p;

    if (!ok(make_pair(&p), "no socket pair\n")) return;
    CreatePipe(&read_end, &write_end, &sa, 0);
    SetHandleInformation(write_end, HANDLE_FLAG_INHERIT, 0);
    GetModuleFileNameA(NULL, cmd, MAX_PATH);
    strcat(cmd, " child");
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = read_end;
    si.hStdOutput = GetStdHandle(STD_OUTPUT_HANDLE);
    si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    if (!ok(CreateProcessA(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi), "CreateProcess: %lu\n",
            GetLastError()))
        return;
    CloseHandle(read_end);

    ok(!WSADuplicateSocketW(p.server, pi.dwProcessId, &info), "WSADuplicateSocketW for the child: %d\n",
       WSAGetLastError());
    ok(WriteFile(write_end, &info, sizeof(info), &written, NULL), "WriteFile: %lu\n", GetLastError());
    CloseHandle(write_end);
    /* The child's handle keeps the connection. */
    closesocket(p.server);

    set_recv_timeout(p.client, 10000);
    ok(recv(p.client, buf, sizeof(buf), 0) == 5 && !memcmp(buf, "child", 5), "from the child: %d\n",
       WSAGetLastError());
    ok(send(p.client, "parent", 6, 0) == 6, "to the child: %d\n", WSAGetLastError());
    ok_int(WaitForSingleObject(pi.hProcess, 20000), WAIT_OBJECT_0, "child still running\n");
    GetExitCodeProcess(pi.hProcess, &code);
    ok_int(code, 0, "child exit code %lu\n", code);
    ok_int(recv(p.client, buf, sizeof(buf), 0), 0, "connection closed when the child closed it\n");
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    closesocket(p.client);
}

START_TEST(accept_dup)
{
    WSAPROTOCOL_INFOW info;
    WSADATA data;
    SOCKET s;

    if (__argc > 1 && !strcmp(__argv[1], "child"))
    {
        harness_start_watchdog(30000);
        ExitProcess(child_main());
    }
    harness_start_watchdog(90000);

    SetLastError(0xdead);
    s = WSAAccept((SOCKET)4, NULL, NULL, condition, 0);
    ok(s == INVALID_SOCKET && WSAGetLastError() == WSANOTINITIALISED, "WSAAccept before WSAStartup: %d\n",
       WSAGetLastError());
    ok(WSADuplicateSocketW((SOCKET)4, GetCurrentProcessId(), &info) == SOCKET_ERROR &&
       WSAGetLastError() == WSANOTINITIALISED, "WSADuplicateSocketW before WSAStartup: %d\n", WSAGetLastError());

    WSAStartup(MAKEWORD(2, 2), &data);
    RUN(test_accept_verdicts);
    RUN(test_accept_bad_input);
    RUN(test_duplicate_bad_input);
    RUN(test_duplicate_same_process);
    RUN(test_duplicate_other_process);
    WSACleanup();
}
