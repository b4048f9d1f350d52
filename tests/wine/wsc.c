/* The catalogue calls as a program that is not elevated sees them: the
 * WSC* service provider calls, service classes, WSASetService,
 * WSAGetQOSByName, WSAProviderConfigChange, WSApSetPostRoutine, and
 * WPUCompleteOverlappedRequest completing a request on a socket. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <ws2spi.h>
#include <sporder.h>
#include <string.h>
#include "harness.h"

typedef int (WINAPI *post_routine)(HWND, UINT, WPARAM, LPARAM);
int WINAPI WSApSetPostRoutine(post_routine routine);

static const GUID dns_provider = { 0x22059d40, 0x7e9e, 0x11cf, { 0xae, 0x5a, 0x00, 0xaa, 0x00, 0xa7, 0x11, 0x2b } };
static GUID unknown = { 0x5ca1ab1e, 0x1234, 0x4e57, { 1, 2, 3, 4, 5, 6, 7, 8 } };
static WSAPROTOCOL_INFOW catalogue[16];
static int catalogue_count;

static void *unmapped(void)
{
    static void *page;
    if (!page) page = VirtualAlloc(NULL, 4096, MEM_RESERVE, PAGE_NOACCESS);
    return page;
}

static WSAPROTOCOL_INFOW wsc[16];
static int wsc_count;

static void test_enum(void)
{
    DWORD len = 0;
    int ret, err = 0, i, j, hidden = 0, matched = 0;

    /* The SPI needs no WSAStartup. */
    ret = WSCEnumProtocols(NULL, NULL, &len, &err);
    ok(ret == SOCKET_ERROR && err == WSAENOBUFS && len >= 4 * sizeof(WSAPROTOCOL_INFOW), "no buffer: %d %d %lu\n",
       ret, err, len);
    err = 0;
    ret = WSCEnumProtocols(NULL, wsc, NULL, &err);
    ok(ret == SOCKET_ERROR && err == WSAEFAULT, "NULL length: %d %d\n", ret, err);
    ret = WSCEnumProtocols(NULL, wsc, NULL, NULL);
    ok_int(ret, SOCKET_ERROR, "NULL errno: %d\n", ret);
    len = sizeof(wsc);
    wsc_count = WSCEnumProtocols(NULL, wsc, &len, &err);
    len = sizeof(catalogue);
    catalogue_count = WSAEnumProtocolsW(NULL, catalogue, &len);
    ok(catalogue_count == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "WSAEnumProtocols needs WSAStartup\n");
    ok(wsc_count >= 4, "WSCEnumProtocols: %d\n", wsc_count);
    {
        WSADATA data;
        WSAStartup(MAKEWORD(2, 2), &data);
    }
    len = sizeof(catalogue);
    catalogue_count = WSAEnumProtocolsW(NULL, catalogue, &len);

    /* The same entries, and the hidden ones as well. */
    for (i = 0; i < wsc_count; i++)
    {
        if (wsc[i].dwProviderFlags & PFL_HIDDEN) { hidden++; continue; }
        for (j = 0; j < catalogue_count; j++)
            if (!memcmp(&wsc[i], &catalogue[j], sizeof(wsc[i]))) matched++;
    }
    ok(matched == catalogue_count && wsc_count == catalogue_count + hidden && hidden > 0,
       "WSCEnumProtocols %d (%d hidden), WSAEnumProtocolsW %d, %d alike\n", wsc_count, hidden, catalogue_count, matched);
}

static void test_provider_path(void)
{
    GUID zero = { 0 }, tcp = catalogue[0].ProviderId;
    WCHAR path[256];
    int ret, err, len;

    /* Windows' answers, as Wine's tests record them. */
    ok_int(WSCGetProviderPath(NULL, NULL, NULL, NULL), SOCKET_ERROR, "all NULL\n");
    err = 0;
    ok(WSCGetProviderPath(NULL, NULL, NULL, &err) == SOCKET_ERROR && err == WSAEFAULT, "NULL provider: %d\n", err);
    err = 0;
    ok(WSCGetProviderPath(&zero, NULL, NULL, &err) == SOCKET_ERROR && err == WSAEFAULT, "NULL length: %d\n", err);
    err = 0; len = -1;
    ok(WSCGetProviderPath(&zero, NULL, &len, &err) == SOCKET_ERROR && err == WSAEINVAL && len == -1,
       "negative length: %d %d\n", err, len);
    err = 0; len = 256;
    ok(WSCGetProviderPath(&zero, NULL, &len, &err) == SOCKET_ERROR && err == WSAEINVAL && len == 256,
       "NULL buffer: %d %d\n", err, len);
    err = 0; len = 256;
    ok(WSCGetProviderPath(&zero, path, &len, &err) == SOCKET_ERROR && err == WSAEINVAL && len == 256,
       "unknown provider: %d %d\n", err, len);

    len = 256;
    ret = WSCGetProviderPath(&tcp, path, &len, &err);
    ok(!ret && !wcscmp(path, L"%SystemRoot%\\system32\\mswsock.dll"), "TCP/IP provider: %d %d\n", ret, err);
    err = 0; len = 5;
    ret = WSCGetProviderPath(&tcp, path, &len, &err);
    ok(ret == SOCKET_ERROR && err == WSAEFAULT && len == (int)wcslen(L"%SystemRoot%\\system32\\mswsock.dll") + 1,
       "short buffer: %d %d %d\n", ret, err, len);
    err = 0; len = 256;
    ok(WSCGetProviderPath(&tcp, unmapped(), &len, &err) == SOCKET_ERROR && err == WSAEFAULT, "unmapped buffer: %d\n", err);
}

static void test_provider_info(void)
{
    GUID zero = { 0 }, tcp = catalogue[0].ProviderId;
    DWORD category = 0xdeadbeef;
    size_t size = 0;
    int ret, err;

    ok_int(WSCGetProviderInfo(NULL, -1, NULL, NULL, 0, NULL), SOCKET_ERROR, "all NULL\n");
    err = 0;
    ok(WSCGetProviderInfo(NULL, ProviderInfoLspCategories, (BYTE *)&category, &size, 0, &err) == SOCKET_ERROR &&
       err == WSAEFAULT, "NULL provider: %d\n", err);
    err = 0;
    ok(WSCGetProviderInfo(&zero, -1, (BYTE *)&category, &size, 0, &err) == SOCKET_ERROR && err == WSANO_RECOVERY,
       "unknown provider, bad type: %d\n", err);
    err = 0;
    ok(WSCGetProviderInfo(&zero, ProviderInfoLspCategories, NULL, &size, 0, &err) == SOCKET_ERROR &&
       err == WSANO_RECOVERY, "unknown provider: %d\n", err);

    size = sizeof(category);
    ret = WSCGetProviderInfo(&tcp, ProviderInfoLspCategories, (BYTE *)&category, &size, 0, &err);
    ok(!ret && !category && size == sizeof(category), "TCP/IP categories: %d %d %#lx\n", ret, err, category);
    err = 0; size = 1;
    ok(WSCGetProviderInfo(&tcp, ProviderInfoLspCategories, (BYTE *)&category, &size, 0, &err) == SOCKET_ERROR &&
       err == WSAEFAULT && size == sizeof(DWORD), "short: %d %Iu\n", err, size);
    err = 0; size = 4;
    ok(WSCGetProviderInfo(&tcp, -1, (BYTE *)&category, &size, 0, &err) == SOCKET_ERROR && err == WSAEINVAL,
       "bad type: %d\n", err);
    err = 0;
    ok(WSCGetProviderInfo(&tcp, ProviderInfoLspCategories, (BYTE *)&category, &size, 1, &err) == SOCKET_ERROR &&
       err == WSAEINVAL, "flags: %d\n", err);
}

/* WSCGetApplicationCategory, exported from Wine 10 on (looked up, so the
 * program still starts on Wine 8.0's builtin): an application nobody
 * categorized answers WSASERVICE_NOT_FOUND, as Microsoft's page says. */
static void test_application_category_read(void)
{
    int (WINAPI *get_category)(const WCHAR *, DWORD, const WCHAR *, DWORD, DWORD *, int *);
    DWORD category = 0xdeadbeef;
    int err;

    get_category = (void *)GetProcAddress(GetModuleHandleA("ws2_32.dll"), "WSCGetApplicationCategory");
    ok(get_category != NULL, "ws2_32 does not export WSCGetApplicationCategory\n");
    if (!get_category) return;
    err = 0;
    ok(get_category(L"C:\\app.exe", 10, NULL, 0, &category, &err) == SOCKET_ERROR && err == WSASERVICE_NOT_FOUND,
       "an uncategorized application: error %d\n", err);
    ok_int(category, 0xdeadbeef, "category written: %#lx\n", category);
    err = 0;
    ok(get_category(NULL, 0, NULL, 0, &category, &err) == SOCKET_ERROR && err == WSAEINVAL,
       "no path: error %d\n", err);
    err = 0;
    ok(get_category(L"C:\\app.exe", 10, NULL, 0, NULL, &err) == SOCKET_ERROR && err == WSAEFAULT,
       "no category pointer: error %d\n", err);
}

static void test_provider_changes(void)
{
    GUID tcp = catalogue[0].ProviderId;
    DWORD ids[16], len = 0;
    int i, err;

    err = 0;
    ok(WSCInstallProvider(NULL, L"x.dll", catalogue, 1, &err) == SOCKET_ERROR && err == WSAEFAULT, "NULL id: %d\n", err);
    err = 0;
    ok(WSCInstallProvider(&unknown, NULL, catalogue, 1, &err) == SOCKET_ERROR && err == WSAEFAULT, "NULL path: %d\n", err);
    err = 0;
    ok(WSCInstallProvider(&unknown, L"x.dll", unmapped(), 1, &err) == SOCKET_ERROR && err == WSAEFAULT,
       "unmapped list: %d\n", err);
    err = 0;
    ok(WSCInstallProvider(&unknown, L"x.dll", catalogue, 0, &err) == SOCKET_ERROR && err == WSAEINVAL, "no entries: %d\n", err);
    err = 0;
    ok(WSCInstallProvider(&tcp, L"x.dll", catalogue, 1, &err) == SOCKET_ERROR && err == WSAEINVAL, "installed id: %d\n", err);
    err = 0;
    ok(WSCInstallProvider(&unknown, L"x.dll", catalogue, 1, &err) == SOCKET_ERROR && err == WSANO_RECOVERY,
       "not elevated: %d\n", err);

    err = 0;
    ok(WSCDeinstallProvider(NULL, &err) == SOCKET_ERROR && err == WSAEFAULT, "deinstall NULL: %d\n", err);
    err = 0;
    ok(WSCDeinstallProvider(&unknown, &err) == SOCKET_ERROR && err == WSAEINVAL, "deinstall unknown: %d\n", err);
    err = 0;
    ok(WSCDeinstallProvider(&tcp, &err) == SOCKET_ERROR && err == WSANO_RECOVERY, "deinstall TCP/IP: %d\n", err);
    err = 0;
    ok(WSCUpdateProvider(&unknown, L"x.dll", catalogue, 1, &err) == SOCKET_ERROR && err == WSAEINVAL,
       "update unknown: %d\n", err);
    err = 0;
    ok(WSCUpdateProvider(&tcp, L"x.dll", catalogue, 1, &err) == SOCKET_ERROR && err == WSANO_RECOVERY,
       "update TCP/IP: %d\n", err);

    ok_int(WSCWriteProviderOrder(NULL, 4), WSAEFAULT, "order NULL\n");
    for (i = 0; i < wsc_count; i++) ids[i] = wsc[wsc_count - 1 - i].dwCatalogEntryId;
    ok_int(WSCWriteProviderOrder(ids, wsc_count), WSANO_RECOVERY, "reversed order\n");
    ok_int(WSCWriteProviderOrder(ids, wsc_count - 1), WSAEINVAL, "partial order\n");
    ids[1] = ids[0];
    ok_int(WSCWriteProviderOrder(ids, wsc_count), WSAEINVAL, "repeated entry\n");
    ids[1] = 4242;
    ok_int(WSCWriteProviderOrder(ids, wsc_count), WSAEINVAL, "unknown entry\n");

    err = 0;
    ok(WSCSetApplicationCategory(NULL, 0, NULL, 0, 0, NULL, &err) == SOCKET_ERROR && err == WSAEINVAL,
       "category without path: %d\n", err);
    err = 0;
    ok(WSCSetApplicationCategory(L"C:\\app.exe", 10, NULL, 0, 0, NULL, &err) == SOCKET_ERROR && err == WSANO_RECOVERY,
       "category: %d\n", err);

    test_application_category_read();

    /* Nothing changed. */
    len = 0;
    ok(WSCEnumProtocols(NULL, NULL, &len, &err) == SOCKET_ERROR && len == wsc_count * sizeof(WSAPROTOCOL_INFOW),
       "catalogue size %lu\n", len);
}

static void test_namespace_changes(void)
{
    /* Room for the records and their strings: 16 records' worth is not
     * enough in a 32-bit program, whose records are 32 bytes, not 40. */
    WSANAMESPACE_INFOW ns[32];
    GUID dns = dns_provider, order[16], first;
    DWORD len = sizeof(ns);
    int count, i;

    ok(WSCInstallNameSpace(NULL, (WCHAR *)L"x.dll", NS_DNS, 1, &unknown) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEFAULT, "install NULL name: %d\n", WSAGetLastError());
    ok(WSCInstallNameSpace((WCHAR *)L"test", (WCHAR *)L"x.dll", NS_DNS, 1, NULL) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEFAULT, "install NULL id: %d\n", WSAGetLastError());
    ok(WSCInstallNameSpace((WCHAR *)L"test", (WCHAR *)L"x.dll", NS_DNS, 1, &unknown) == SOCKET_ERROR &&
       WSAGetLastError() == WSANO_RECOVERY, "install: %d\n", WSAGetLastError());
    ok(WSCUnInstallNameSpace(NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "uninstall NULL: %d\n",
       WSAGetLastError());
    ok(WSCUnInstallNameSpace(&unknown) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "uninstall unknown: %d\n",
       WSAGetLastError());
    ok(WSCUnInstallNameSpace(&dns) == SOCKET_ERROR && WSAGetLastError() == WSANO_RECOVERY, "uninstall DNS: %d\n",
       WSAGetLastError());
    ok(WSCEnableNSProvider(&unknown, FALSE) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "disable unknown: %d\n",
       WSAGetLastError());
    ok(WSCEnableNSProvider(&dns, FALSE) == SOCKET_ERROR && WSAGetLastError() == WSANO_RECOVERY, "disable DNS: %d\n",
       WSAGetLastError());

    count = WSAEnumNameSpaceProvidersW(&len, ns);
    ok(count > 1, "%d providers\n", count);
    first = ns[0].NSProviderId;
    for (i = 0; i < count; i++) order[i] = ns[count - 1 - i].NSProviderId;
    ok_int(WSCWriteNameSpaceOrder(NULL, count), WSAEFAULT, "order NULL\n");
    ok_int(WSCWriteNameSpaceOrder(order, count - 1), WSAEINVAL, "partial order\n");
    ok_int(WSCWriteNameSpaceOrder(order, count), WSANO_RECOVERY, "reversed order\n");
    order[0] = unknown;
    ok_int(WSCWriteNameSpaceOrder(order, count), WSAEINVAL, "unknown provider in the order\n");
    len = sizeof(ns);
    ok(WSAEnumNameSpaceProvidersW(&len, ns) == count && ns[0].fActive && IsEqualGUID(&ns[0].NSProviderId, &first),
       "the order changed\n");
}

static void test_service_classes(void)
{
    WSANSCLASSINFOW ci;
    WSASERVICECLASSINFOW info;
    GUID dns = dns_provider, cls = unknown;
    WSAQUERYSETW q;
    WCHAR name[64];
    BYTE buf[512];
    DWORD port = 4242, len;

    ok(WSAInstallServiceClassW(NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "install NULL: %d\n",
       WSAGetLastError());
    ok(WSAInstallServiceClassW(unmapped()) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "install unmapped: %d\n",
       WSAGetLastError());
    memset(&info, 0, sizeof(info));
    info.lpServiceClassId = &cls;
    ok(WSAInstallServiceClassW(&info) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "install without name: %d\n",
       WSAGetLastError());
    ci.lpszName = (WCHAR *)L"Port";
    ci.dwNameSpace = NS_DNS;
    ci.dwValueType = REG_DWORD;
    ci.dwValueSize = sizeof(port);
    ci.lpValue = &port;
    info.lpszServiceClassName = (WCHAR *)L"ws2kit test";
    info.dwCount = 1;
    info.lpClassInfos = &ci;
    ok(WSAInstallServiceClassW(&info) == SOCKET_ERROR && WSAGetLastError() == WSAEACCES, "install: %d\n",
       WSAGetLastError());
    ok(WSARemoveServiceClass(NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "remove NULL: %d\n",
       WSAGetLastError());
    ok(WSARemoveServiceClass(&cls) == SOCKET_ERROR && WSAGetLastError() == WSATYPE_NOT_FOUND, "remove: %d\n",
       WSAGetLastError());

    len = sizeof(buf);
    ok(WSAGetServiceClassInfoW(&dns, &cls, &len, (WSASERVICECLASSINFOW *)buf) == SOCKET_ERROR &&
       WSAGetLastError() == WSATYPE_NOT_FOUND, "class info: %d\n", WSAGetLastError());
    ok(WSAGetServiceClassInfoW(&dns, &cls, NULL, (WSASERVICECLASSINFOW *)buf) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEFAULT, "class info NULL size: %d\n", WSAGetLastError());
    ok(WSAGetServiceClassInfoW(&unknown, &cls, &len, (WSASERVICECLASSINFOW *)buf) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEINVAL, "class info, unknown provider: %d\n", WSAGetLastError());
    len = 64;
    ok(WSAGetServiceClassNameByClassIdW(&cls, name, &len) == SOCKET_ERROR && WSAGetLastError() == WSATYPE_NOT_FOUND,
       "class name: %d\n", WSAGetLastError());
    ok(WSAGetServiceClassNameByClassIdA(NULL, (char *)name, &len) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
       "class name NULL id: %d\n", WSAGetLastError());

    ok(WSASetServiceW(NULL, RNRSERVICE_REGISTER, 0) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
       "set service NULL: %d\n", WSAGetLastError());
    memset(&q, 0, sizeof(q));
    q.dwSize = sizeof(q);
    q.lpServiceClassId = &cls;
    q.lpszServiceInstanceName = (WCHAR *)L"test";
    q.dwNameSpace = NS_DNS;
    ok(WSASetServiceW(&q, 7, 0) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "bad operation: %d\n",
       WSAGetLastError());
    ok(WSASetServiceW(&q, RNRSERVICE_REGISTER, 0) == SOCKET_ERROR && WSAGetLastError() == WSAEACCES,
       "register: %d\n", WSAGetLastError());
}

static void test_qos_and_changes(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    char text[] = "G711";
    WSABUF name = { sizeof(text), text };
    WSAOVERLAPPED ov;
    HANDLE change = NULL, bogus = (HANDLE)0x1234;
    QOS qos;

    ok(!WSAGetQOSByName((SOCKET)0x4321, &name, &qos) && WSAGetLastError() == WSAENOTSOCK, "not a socket: %d\n",
       WSAGetLastError());
    ok(!WSAGetQOSByName(s, &name, NULL) && WSAGetLastError() == WSAEFAULT, "NULL QOS: %d\n", WSAGetLastError());
    ok(!WSAGetQOSByName(s, &name, &qos) && WSAGetLastError() == WSAEINVAL, "template: %d\n", WSAGetLastError());
    closesocket(s);

    ok(WSAProviderConfigChange(NULL, NULL, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
       "NULL handle pointer: %d\n", WSAGetLastError());
    ok(!WSAProviderConfigChange(&change, NULL, NULL) && change, "new handle: %d\n", WSAGetLastError());
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    ok(WSAProviderConfigChange(&change, &ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING,
       "wait: %d\n", WSAGetLastError());
    ok_int(WaitForSingleObject(ov.hEvent, 100), WAIT_TIMEOUT, "signalled with no change\n");
    ok(WSAProviderConfigChange(&bogus, &ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSA_INVALID_HANDLE,
       "made-up handle: %d\n", WSAGetLastError());
    ok(CloseHandle(change), "CloseHandle\n");
    WSACloseEvent(ov.hEvent);
}

static BOOL WINAPI my_post(HWND hwnd, UINT msg, WPARAM w, LPARAM l)
{
    (void)hwnd; (void)msg; (void)w; (void)l;
    return TRUE;
}

static void test_wpu_complete(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WSAOVERLAPPED ov;
    DWORD bytes, flags;
    ULONG_PTR key;
    OVERLAPPED *got;
    HANDLE port;
    BOOL ret;
    int err;

    ok(!WSApSetPostRoutine((post_routine)my_post), "WSApSetPostRoutine\n");
    ok(!WSApSetPostRoutine(NULL), "WSApSetPostRoutine(NULL)\n");

    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    err = 0;
    ok(WPUCompleteOverlappedRequest((SOCKET)0x4321, &ov, 0, 0, &err) == SOCKET_ERROR && err == WSAEINVAL,
       "not a socket: %d\n", err);
    err = 0;
    ok(WPUCompleteOverlappedRequest(s, unmapped(), 0, 0, &err) == SOCKET_ERROR && err == WSAEFAULT,
       "unmapped OVERLAPPED: %d\n", err);

    /* An event: signalled, with the count and the status. */
    ok(!WPUCompleteOverlappedRequest(s, &ov, 0, 123, &err), "complete: %d\n", err);
    ok_int(WaitForSingleObject(ov.hEvent, 1000), WAIT_OBJECT_0, "event not signalled\n");
    ret = WSAGetOverlappedResult(s, &ov, &bytes, FALSE, &flags);
    ok(ret && bytes == 123, "result: %d %lu\n", ret, bytes);
    WSAResetEvent(ov.hEvent);
    ok(!WPUCompleteOverlappedRequest(s, &ov, WSAECONNRESET, 0, &err), "complete with an error: %d\n", err);
    ok_int(WaitForSingleObject(ov.hEvent, 1000), WAIT_OBJECT_0, "event not signalled\n");
    ret = WSAGetOverlappedResult(s, &ov, &bytes, FALSE, &flags);
    ok(!ret && WSAGetLastError() == WSAECONNRESET, "error result: %d %d\n", ret, WSAGetLastError());
    WSACloseEvent(ov.hEvent);

    /* The socket's completion port gets the packet, with the socket's key. */
    port = CreateIoCompletionPort((HANDLE)s, NULL, 77, 1);
    ok(port != NULL, "CreateIoCompletionPort: %lu\n", GetLastError());
    memset(&ov, 0, sizeof(ov));
    ok(!WPUCompleteOverlappedRequest(s, &ov, 0, 0, &err), "complete: %d\n", err);
    got = NULL;
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &got, 1000);
    ok(ret && key == 77 && got == &ov, "packet: %d key %Iu\n", ret, key);
    ok(!WPUCompleteOverlappedRequest(s, &ov, WSAECONNABORTED, 0, &err), "complete with an error: %d\n", err);
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &got, 1000);
    ok(!ret && GetLastError() == WSAECONNABORTED && got == &ov, "error packet: %d %lu\n", ret, GetLastError());
    /* The event's low bit keeps a completion off the port. */
    ov.hEvent = (HANDLE)((ULONG_PTR)WSACreateEvent() | 1);
    ok(!WPUCompleteOverlappedRequest(s, &ov, 0, 5, &err), "complete: %d\n", err);
    ok(!GetQueuedCompletionStatus(port, &bytes, &key, &got, 100) && GetLastError() == WAIT_TIMEOUT,
       "packet despite the low bit\n");
    ok_int(WaitForSingleObject((HANDLE)((ULONG_PTR)ov.hEvent & ~1), 0), WAIT_OBJECT_0, "event not signalled\n");
    WSACloseEvent((HANDLE)((ULONG_PTR)ov.hEvent & ~1));
    closesocket(s);
    CloseHandle(port);
}

START_TEST(wsc)
{
    harness_start_watchdog(60000);
    ok_int(WSApSetPostRoutine(NULL), WSANOTINITIALISED, "WSApSetPostRoutine before WSAStartup\n");
    RUN(test_enum);  /* calls WSAStartup */
    if (!harness_wanted("test_enum"))
    {
        /* What test_enum leaves, for a test run by name: WSAStartup and both lists. */
        WSADATA data;
        DWORD len = sizeof(wsc);
        int err;
        wsc_count = WSCEnumProtocols(NULL, wsc, &len, &err);
        WSAStartup(MAKEWORD(2, 2), &data);
        len = sizeof(catalogue);
        catalogue_count = WSAEnumProtocolsW(NULL, catalogue, &len);
    }
    RUN(test_provider_path);
    RUN(test_provider_info);
    RUN(test_provider_changes);
    RUN(test_namespace_changes);
    RUN(test_service_classes);
    RUN(test_qos_and_changes);
    RUN(test_wpu_complete);
    WSACleanup();
}
