/* ws2kit benchmarks: what the Windows benchmark programs share.
 *
 * Each benchmark is one translation unit that includes this header once:
 * the timer, the median of the samples, which ws2_32.dll the process got,
 * the start-up (the "# ws2_32.dll:" line, the watchdog, WSAStartup), and
 * the wineserver's CPU time (server_cpu_s, srvms_report).
 *
 * impl_name is "builtin" when ws2_32.dll is Wine's own (its PE image carries
 * "Wine builtin DLL" at offset 0x40), else "ws2kit"; phase names what the
 * program is doing, for the error lines and the watchdog. */
#ifndef WS2KIT_BENCH_COMMON_H
#define WS2KIT_BENCH_COMMON_H

#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_REPEAT 101

static const char *impl_name = "unknown";
static volatile const char *phase = "startup";
static DWORD watchdog_seconds = 120;

static double now_s(void)
{
    static LARGE_INTEGER freq;
    LARGE_INTEGER t;
    if (!freq.QuadPart) QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&t);
    return (double)t.QuadPart / (double)freq.QuadPart;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The median of n (at most MAX_REPEAT) values. */
static double median(const double *values, int n)
{
    double sorted[MAX_REPEAT];
    memcpy(sorted, values, n * sizeof(*values));
    qsort(sorted, n, sizeof(*sorted), cmp_double);
    return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/* Which ws2_32.dll is mapped: Wine's builtin PE files carry this stamp. */
static const char *detect_impl(char *path, DWORD size)
{
    HMODULE module = GetModuleHandleA("ws2_32.dll");
    path[0] = 0;
    if (!module) return "unknown";
    GetModuleFileNameA(module, path, size);
    return memcmp((const char *)module + 0x40, "Wine builtin DLL", 16) ? "ws2kit" : "builtin";
}

static DWORD WINAPI watchdog(void *arg)
{
    (void)arg;
    Sleep(watchdog_seconds * 1000);
    printf("# error: watchdog: still running after %lu s, stuck in %s (impl=%s)\n",
           (unsigned long)watchdog_seconds, (const char *)phase, impl_name);
    fflush(stdout);
    ExitProcess(3);
    return 0;
}

/* After the arguments are read: finds and prints which ws2_32.dll is mapped,
 * starts the watchdog (timeout_seconds for the whole program) and calls
 * WSAStartup.  Returns 0, or -1 after printing why WSAStartup failed. */
static int bench_start(DWORD timeout_seconds)
{
    char path[MAX_PATH];
    WSADATA data;
    int ret;

    watchdog_seconds = timeout_seconds;
    impl_name = detect_impl(path, sizeof(path));
    printf("# ws2_32.dll: %s impl=%s\n", path, impl_name);
    CloseHandle(CreateThread(NULL, 0, watchdog, NULL, 0, NULL));

    if ((ret = WSAStartup(MAKEWORD(2, 2), &data)))
    {
        printf("# error: WSAStartup failed with %d (impl=%s)\n", ret, impl_name);
        return -1;
    }
    return 0;
}

/* The wineserver's CPU time (user + system) in seconds, or -1 when unknown.
 * bench/run.sh passes the prefix's wineserver pid in BENCH_WINESERVER_PID
 * (and the kernel's clock tick in BENCH_CLK_TCK); the program reads
 * /proc/PID/stat through Wine's Z: drive.  Each request a program makes of
 * the server costs it CPU there, which the program's own timing does not
 * show: a call that skips the server saves the whole machine that work. */
static inline double server_cpu_s(void)
{
    const char *pid = getenv("BENCH_WINESERVER_PID"), *tck = getenv("BENCH_CLK_TCK"), *p;
    char path[64], buf[1024];
    unsigned long long utime, stime;
    double hz = tck && atof(tck) > 0 ? atof(tck) : 100;
    DWORD got = 0;
    HANDLE file;
    int field;

    if (!pid || !*pid || strlen(pid) > 12) return -1;
    snprintf(path, sizeof(path), "Z:\\proc\\%s\\stat", pid);
    file = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    if (file == INVALID_HANDLE_VALUE) return -1;
    if (!ReadFile(file, buf, sizeof(buf) - 1, &got, NULL)) got = 0;
    CloseHandle(file);
    buf[got] = 0;
    /* "pid (comm) state ppid ...": utime and stime are fields 14 and 15,
     * the 12th and 13th after the command name (which may hold spaces). */
    if (!(p = strrchr(buf, ')'))) return -1;
    for (field = 0; field < 11 && p; field++) p = strchr(p + 1, ' ');
    if (!p || sscanf(p, " %llu %llu", &utime, &stime) != 2) return -1;
    return (utime + stime) / hz;
}

/* Prints the wineserver's CPU time per 100,000 requests as METRIC (a name
 * ending in _srvms), from the CPU seconds and requests summed over the
 * measured windows; nothing when the CPU time was unknown. */
static inline void srvms_report(const char *metric, double cpu_s, double reqs)
{
    if (cpu_s < 0 || reqs <= 0)
    {
        printf("# %s: wineserver CPU time unknown (BENCH_WINESERVER_PID=%s)\n", metric,
               getenv("BENCH_WINESERVER_PID") ? getenv("BENCH_WINESERVER_PID") : "");
        return;
    }
    printf("# %s: wineserver %.2f s CPU for %.0f requests\n", metric, cpu_s, reqs);
    printf("metric=%s value=%.1f impl=%s\n", metric, cpu_s * 1e3 * 1e5 / reqs, impl_name);
}

/* Accumulates the server CPU of one measured window into *sum, which turns
 * (and stays) negative once a reading is unknown. */
static inline void srv_add(double *sum, double before, double after)
{
    if (*sum < 0) return;
    *sum = before < 0 || after < 0 ? -1 : *sum + (after - before);
}


/* A TCP listener on an ephemeral loopback port (backlog 64), its address in
 * *addr; INVALID_SOCKET on failure, with the error left for the caller. */
static inline SOCKET bench_loopback_listener(struct sockaddr_in *addr)
{
    SOCKET listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    int len = sizeof(*addr), err;

    memset(addr, 0, sizeof(*addr));
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (listener != INVALID_SOCKET && !bind(listener, (struct sockaddr *)addr, sizeof(*addr)) &&
        !listen(listener, 64) && !getsockname(listener, (struct sockaddr *)addr, &len))
        return listener;
    err = WSAGetLastError();
    if (listener != INVALID_SOCKET) closesocket(listener);
    WSASetLastError(err);
    return INVALID_SOCKET;
}

#endif
