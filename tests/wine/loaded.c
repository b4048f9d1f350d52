/* The ws2_32.dll this process runs on is ws2kit's, not Wine's builtin, and it
 * reaches its Unix library. */
#include <winsock2.h>
#include <windows.h>
#include <string.h>
#include "harness.h"

START_TEST(loaded)
{
    HMODULE module = GetModuleHandleA("ws2_32.dll");
    WCHAR path[MAX_PATH];
    const char *base = (const char *)module;
    char name[64];
    WSADATA data;
    int ret;

    ok(module != NULL, "ws2_32.dll is not loaded\n");
    if (!module) return;

    /* Wine's builtin PE files carry "Wine builtin DLL" at offset 0x40. */
    ok(memcmp(base + 0x40, "Wine builtin DLL", 16) != 0, "ws2_32.dll is Wine's builtin\n");
    GetModuleFileNameW(module, path, MAX_PATH);
#ifdef _WIN64
    ok(!_wcsicmp(path, L"C:\\windows\\system32\\ws2_32.dll"), "loaded from %ls\n", path);
#else
    /* A 32-bit program in a 64-bit prefix: Windows names the file under
     * SysWOW64; Wine 8.0 (its 32-bit loader) names it under system32, which
     * it maps to syswow64 for the program. */
    ok(!_wcsicmp(path, L"C:\\windows\\syswow64\\ws2_32.dll") ||
       !_wcsicmp(path, L"C:\\windows\\system32\\ws2_32.dll"), "loaded from %ls\n", path);
#endif

    /* The companion module is loaded as a Wine builtin, so its Unix side exists. */
    ok_int(WSAStartup(MAKEWORD(2, 2), &data), 0, "WSAStartup failed\n");
    ret = gethostname(name, sizeof(name));
    ok_int(ret, 0, "gethostname failed: %d\n", WSAGetLastError());
    module = GetModuleHandleA("ws2kit.dll");
    ok(module != NULL, "ws2kit.dll is not loaded\n");
    if (module)
        ok(!memcmp((const char *)module + 0x40, "Wine builtin DLL", 16), "ws2kit.dll is not a builtin\n");
    WSACleanup();
}
