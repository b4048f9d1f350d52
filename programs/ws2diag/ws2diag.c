/* ws2diag: keep-alive settings of a Wine prefix, as ws2kit applies them.
 *
 *   ws2diag                     what the registry holds, the defaults that
 *                               apply, the Windows version, and the effective
 *                               idle/interval/probes for a Linux socket
 *   ws2diag --set NAME=VALUE    write one value (validated first)
 *   ws2diag --reset             remove the four values
 *   ws2diag --check [HOST:PORT] open a connection with SO_KEEPALIVE and show
 *                               what the Linux socket got (no HOST:PORT: a
 *                               loopback connection of its own)
 *
 * The effective values come from the same policy code as ws2_32.dll
 * (dlls/common/keepalive_policy.c).  Exit codes: 0 done, 1 failed, 2 usage. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ws2kit/keepalive.h"
#include "ws2kit/keepalive_linux.h"

#include "ws2kit/sdk_extra.h"

enum { EXIT_DONE = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

static void usage(FILE *out)
{
    fprintf(out,
        "Usage: ws2diag [--set NAME=VALUE | --reset | --check [HOST:PORT] | --help]\n"
        "Shows the TCP keep-alive settings of this Wine prefix as ws2kit applies them.\n"
        "\n"
        "  --set NAME=VALUE    write a REG_DWORD under HKLM\\%s\n"
        "                      NAME: KeepAliveTime, KeepAliveInterval (ms),\n"
        "                            TcpMaxDataRetransmissions, PPTPTcpMaxDataRetransmissions\n"
        "  --reset             remove those four values (Windows' defaults apply)\n"
        "  --check [HOST:PORT] connect with SO_KEEPALIVE and show what the Linux socket got\n"
        "  --help              this text\n"
        "\n"
        "Programs read the values once, when they first use keep-alive.\n", KA_REGISTRY_KEY);
}

static unsigned int windows_major(void)
{
    RTL_OSVERSIONINFOW version = { sizeof(version) };
    NTSTATUS (WINAPI *get_version)(RTL_OSVERSIONINFOW *) =
        (void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), "RtlGetVersion");
    if (get_version) get_version(&version);
    printf("Windows version of this prefix: %lu.%lu (build %lu)\n", version.dwMajorVersion,
           version.dwMinorVersion, version.dwBuildNumber);
    return version.dwMajorVersion;
}

static int show(void)
{
    struct ka_registry reg;
    struct ka_settings settings;
    struct ka_windows windows_ka;
    struct ka_linux linux_ka;
    unsigned int major = windows_major();
    char line[96];
    int i;

    ka_read_registry(&reg);
    ka_read_settings(&reg, &settings);
    printf("Registry HKLM\\%s:\n", KA_REGISTRY_KEY);
    for (i = 0; i < KA_VALUE_COUNT; i++)
    {
        ka_describe_value(&settings, i, line, sizeof(line));
        printf("  %s\n", line);
    }
    ka_windows_defaults(&settings, major, &windows_ka);
    ka_to_linux(&windows_ka, &linux_ka);
    printf("setsockopt(SO_KEEPALIVE) gives a Linux socket:\n");
    if (!linux_ka.enable_kernel_keepalive)
    {
        printf("  no probes (the retransmission values are 0): keep-alive stays off on Linux\n");
        return EXIT_DONE;
    }
    printf("  idle %u s, interval %u s, %u probes (Windows would send %u)%s\n", linux_ka.idle_s,
           linux_ka.interval_s, linux_ka.count, linux_ka.windows_probes,
           linux_ka.clamped ? ", clamped to Linux's limits" : "");
    printf("  a dead peer is noticed after about %u s of silence\n",
           linux_ka.idle_s + linux_ka.count * linux_ka.interval_s);
    return EXIT_DONE;
}

/* Parses a whole decimal DWORD: no sign, no junk, no overflow. */
static int parse_dword(const char *text, DWORD *value)
{
    unsigned long long v;
    char *end;

    if (!*text || *text < '0' || *text > '9') return 0;
    errno = 0;
    v = strtoull(text, &end, 10);
    if (errno || *end || v > 0xffffffffull) return 0;
    *value = (DWORD)v;
    return 1;
}

static int set_value(const char *arg)
{
    const char *eq = strchr(arg, '=');
    const struct ka_value_rule *rule = NULL;
    DWORD value;
    HKEY key;
    LONG ret;
    int i;

    for (i = 0; eq && i < KA_VALUE_COUNT; i++)
        if (strlen(ka_value_rules[i].name) == (size_t)(eq - arg) &&
            !_strnicmp(arg, ka_value_rules[i].name, eq - arg))
            rule = &ka_value_rules[i];
    if (!rule)
    {
        fprintf(stderr, "ws2diag: --set wants NAME=VALUE with one of the four names, not '%s'\n", arg);
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!parse_dword(eq + 1, &value) || value < rule->min_value || value > rule->max_value)
    {
        fprintf(stderr, "ws2diag: %s must be a whole number from %u to %u, not '%s'\n", rule->name,
                rule->min_value, rule->max_value, eq + 1);
        return EXIT_USAGE;
    }
    ret = RegCreateKeyExA(HKEY_LOCAL_MACHINE, KA_REGISTRY_KEY, 0, NULL, 0, KEY_SET_VALUE, NULL, &key, NULL);
    if (!ret)
    {
        ret = RegSetValueExA(key, rule->name, 0, REG_DWORD, (const BYTE *)&value, sizeof(value));
        RegCloseKey(key);
    }
    if (ret)
    {
        fprintf(stderr, "ws2diag: cannot write %s (error %ld)\n", rule->name, ret);
        return EXIT_FAILED;
    }
    printf("%s set to %lu\n", rule->name, value);
    return EXIT_DONE;
}

static int reset_values(void)
{
    HKEY key;
    int i;

    if (RegOpenKeyExA(HKEY_LOCAL_MACHINE, KA_REGISTRY_KEY, 0, KEY_SET_VALUE, &key))
    {
        printf("nothing to reset\n");
        return EXIT_DONE;
    }
    for (i = 0; i < KA_VALUE_COUNT; i++)
    {
        LONG ret = RegDeleteValueA(key, ka_value_rules[i].name);
        if (ret && ret != ERROR_FILE_NOT_FOUND)
        {
            fprintf(stderr, "ws2diag: cannot remove %s (error %ld)\n", ka_value_rules[i].name, ret);
            RegCloseKey(key);
            return EXIT_FAILED;
        }
    }
    RegCloseKey(key);
    printf("keep-alive values removed: Windows' defaults apply\n");
    return EXIT_DONE;
}

static DWORD get_dword(SOCKET s, int level, int name)
{
    DWORD value = 0;
    int len = sizeof(value);
    return getsockopt(s, level, name, (char *)&value, &len) ? (DWORD)-1 : value;
}

/* A loopback listener for --check without an address. */
static SOCKET listen_loopback(struct sockaddr_in *addr)
{
    int len = sizeof(*addr);
    SOCKET listener = socket(AF_INET, SOCK_STREAM, 0);

    memset(addr, 0, sizeof(*addr));
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *)addr, sizeof(*addr)) || listen(listener, 1) ||
        getsockname(listener, (struct sockaddr *)addr, &len))
    {
        closesocket(listener);
        return INVALID_SOCKET;
    }
    return listener;
}

static int check(const char *target)
{
    struct addrinfo hints = { 0 }, *ai = NULL;
    struct sockaddr_in loopback;
    SOCKET s, listener = INVALID_SOCKET;
    char host[256], on = 1, flag = 0;
    const char *colon;
    int len = sizeof(DWORD), ret;

    if (target)
    {
        if (!(colon = strrchr(target, ':')) || colon == target || !colon[1] ||
            (size_t)(colon - target) >= sizeof(host))
        {
            fprintf(stderr, "ws2diag: --check wants HOST:PORT, not '%s'\n", target);
            return EXIT_USAGE;
        }
        memcpy(host, target, colon - target);
        host[colon - target] = 0;
        hints.ai_socktype = SOCK_STREAM;
        if ((ret = getaddrinfo(host, colon + 1, &hints, &ai)))
        {
            fprintf(stderr, "ws2diag: cannot resolve %s (error %d)\n", target, ret);
            return EXIT_FAILED;
        }
    }
    else if ((listener = listen_loopback(&loopback)) == INVALID_SOCKET)
    {
        fprintf(stderr, "ws2diag: no loopback listener (error %d)\n", WSAGetLastError());
        return EXIT_FAILED;
    }

    s = socket(ai ? ai->ai_family : AF_INET, SOCK_STREAM, 0);
    ret = ai ? connect(s, ai->ai_addr, ai->ai_addrlen) : connect(s, (struct sockaddr *)&loopback, sizeof(loopback));
    if (ai) freeaddrinfo(ai);
    if (ret)
    {
        fprintf(stderr, "ws2diag: cannot connect to %s (error %d)\n", target ? target : "loopback",
                WSAGetLastError());
        closesocket(s);
        if (listener != INVALID_SOCKET) closesocket(listener);
        return EXIT_FAILED;
    }
    if (setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &on, 1))
    {
        fprintf(stderr, "ws2diag: setsockopt(SO_KEEPALIVE) failed (error %d)\n", WSAGetLastError());
        return EXIT_FAILED;
    }
    getsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &flag, &len);
    printf("Connected to %s with setsockopt(SO_KEEPALIVE, TRUE); getsockopt reads back:\n",
           target ? target : "a loopback listener");
    printf("  SO_KEEPALIVE=%d  idle=%lu s  interval=%lu s  probes=%lu\n", flag,
           get_dword(s, IPPROTO_TCP, TCP_KEEPALIVE), get_dword(s, IPPROTO_TCP, TCP_KEEPINTVL),
           get_dword(s, IPPROTO_TCP, TCP_KEEPCNT));
    closesocket(s);
    if (listener != INVALID_SOCKET) closesocket(listener);
    return EXIT_DONE;
}

int main(int argc, char **argv)
{
    WSADATA data;
    int ret;

    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc == 1) return show();
    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "/?")))
    {
        usage(stdout);
        return EXIT_DONE;
    }
    if (argc == 2 && !strcmp(argv[1], "--reset")) return reset_values();
    if (argc == 3 && !strcmp(argv[1], "--set")) return set_value(argv[2]);
    if ((argc == 2 || argc == 3) && !strcmp(argv[1], "--check"))
    {
        if (WSAStartup(MAKEWORD(2, 2), &data))
        {
            fprintf(stderr, "ws2diag: WSAStartup failed\n");
            return EXIT_FAILED;
        }
        ret = check(argc == 3 ? argv[2] : NULL);
        WSACleanup();
        return ret;
    }
    fprintf(stderr, "ws2diag: unexpected arguments\n");
    usage(stderr);
    return EXIT_USAGE;
}
