/* ws2kit benchmarks: what bench_net.c and bench_sockopt.c share.
 *
 * Each benchmark is one translation unit that includes this header once:
 * the timer, the median of the samples, which ws2_32.dll the process got,
 * and the start-up (the "# ws2_32.dll:" line, the watchdog, WSAStartup).
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

#endif
