/* ws2kit: a small winetest-style harness for Windows test programs.
 *
 *   #include "harness.h"
 *   START_TEST(sockopt) { ok(x == 1, "x is %d\n", x); }
 *
 * ok() counts a check and prints "file:line: Test failed: ..." when it fails;
 * ok_int(got, expected, ...) checks got == expected (got evaluated once, both
 * in their own types) and its failure message ends with "got X, expected Y"
 * (ok_hex: in hex), so a failure shows both values whatever the message says.
 * skip() records a skipped part with a reason.  The program prints a summary
 * line and exits non-zero when any check failed, so a runner can count it.
 * A program that includes <windows.h> first can also call
 * harness_start_watchdog(ms): after ms milliseconds it fails, prints the
 * summary line and exits 1.
 *
 * The START_TEST body calls its test functions through RUN(test_x) (or
 * RUN(test_x, args...)).  With no argument every one runs.  Arguments that
 * start with "test_" name the functions to run, and RUN skips the others:
 *
 *   wine tests/wine/fastpath.exe test_reset_between_fast_calls
 *
 * runs the body's own set-up (WSAStartup, listeners, the checks written in
 * the body itself) and that one function.  Every test function runs alone:
 * where one does set-up that later ones use, the body does that set-up when
 * the function is not run (see harness_wanted).  A name that no RUN reached is a
 * failure, so a typo cannot pass.  Other arguments (a test's own "child"
 * modes) are left to the test.  tests/INDEX.md lists every test function.
 */
#ifndef WS2KIT_HARNESS_H
#define WS2KIT_HARNESS_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Counted with atomic increments: tests call ok() from several threads. */
static int harness_passed, harness_failed, harness_skipped;
#define harness_count(counter) __atomic_add_fetch(&(counter), 1, __ATOMIC_SEQ_CST)
static const char *harness_name = "test";

static void harness_vreport(const char *file, int line, const char *kind,
                            const char *fmt, va_list args)
{
    const char *base = file, *p;
    for (p = file; *p; p++)
        if (*p == '/' || *p == '\\') base = p + 1;
    printf("%s:%d: %s: ", base, line, kind);
    vprintf(fmt, args);
    fflush(stdout);
}

static __attribute__((unused, format(printf, 4, 5))) void harness_report(const char *file, int line,
                                                                         const char *kind, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    harness_vreport(file, line, kind, fmt, args);
    va_end(args);
}

static __attribute__((unused)) int harness_ok(const char *file, int line, int condition, const char *fmt, ...)
{
    va_list args;
    if (condition) { harness_count(harness_passed); return 1; }
    harness_count(harness_failed);
    va_start(args, fmt);
    harness_vreport(file, line, "Test failed", fmt, args);
    va_end(args);
    return 0;
}

/* ok_int and ok_hex: the message as given (without its final newline), then
 * both values. */
static __attribute__((unused)) int harness_ok_values(const char *file, int line, int condition, int hex,
                                                     long long got, long long expected, const char *fmt, ...)
{
    char message[512];
    size_t len;
    va_list args;
    if (condition) { harness_count(harness_passed); return 1; }
    harness_count(harness_failed);
    va_start(args, fmt);
    vsnprintf(message, sizeof(message), fmt, args);
    va_end(args);
    len = strlen(message);
    while (len && message[len - 1] == '\n') message[--len] = 0;
    if (hex)
        harness_report(file, line, "Test failed", "%s%sgot %#llx, expected %#llx\n", message, len ? ": " : "",
                       (unsigned long long)got, (unsigned long long)expected);
    else
        harness_report(file, line, "Test failed", "%s%sgot %lld, expected %lld\n", message, len ? ": " : "",
                       got, expected);
    return 0;
}

static __attribute__((unused)) void harness_skip(const char *file, int line, const char *fmt, ...)
{
    va_list args;
    harness_count(harness_skipped);
    va_start(args, fmt);
    harness_vreport(file, line, "Tests skipped", fmt, args);
    va_end(args);
}

/* Whether the host has IPv6 loopback, as tests/wine/run.sh found it on
 * Linux: 1 or 0, or -1 when the program runs without it. */
static __attribute__((unused)) int harness_host_ipv6(void)
{
    const char *value = getenv("WS2KIT_HOST_IPV6");
    return value ? value[0] == '1' : -1;
}

/* Whether the kernel answers sock_diag, as tests/wine/run.sh found it
 * (tests/net/has-sock-diag): 1 or 0, or -1 when the program runs without it. */
static __attribute__((unused)) int harness_host_sock_diag(void)
{
    const char *value = getenv("WS2KIT_HOST_SOCK_DIAG");
    return value ? value[0] == '1' : -1;
}

static __attribute__((unused)) void harness_trace(const char *file, int line, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    harness_vreport(file, line, "trace", fmt, args);
    va_end(args);
}

/* The summary line, also read by tests/wine/run.sh. */
static __attribute__((unused)) void harness_summary(void)
{
    printf("%s: %d tests executed (%d failures), %d skipped.\n", harness_name,
           harness_passed + harness_failed, harness_failed, harness_skipped);
}

#ifdef _WINDOWS_
/* Last line of defence against a hang in the DLL under test (for example an
 * ignored SO_RCVTIMEO): after the given time, report a failure at the place
 * the watchdog was started, print the summary line and exit 1. */
static struct { const char *file; int line; DWORD ms; } harness_watchdog;

static __attribute__((unused)) DWORD WINAPI harness_watchdog_thread(void *arg)
{
    (void)arg;
    Sleep(harness_watchdog.ms);
    harness_ok(harness_watchdog.file, harness_watchdog.line, 0, "still running after %lu ms, giving up\n",
               (unsigned long)harness_watchdog.ms);
    harness_summary();
    fflush(stdout);
    ExitProcess(1);
    return 0;
}

static __attribute__((unused)) void harness_start_watchdog_(const char *file, int line, DWORD ms)
{
    HANDLE thread;
    harness_watchdog.file = file;
    harness_watchdog.line = line;
    harness_watchdog.ms = ms;
    thread = CreateThread(NULL, 0, harness_watchdog_thread, NULL, 0, NULL);
    if (thread) CloseHandle(thread);
}

#define harness_start_watchdog(ms) harness_start_watchdog_(__FILE__, __LINE__, (ms))
#endif

#define ok(cond, ...)  harness_ok(__FILE__, __LINE__, (cond) ? 1 : 0, __VA_ARGS__)
/* A statement expression (GCC and Clang): got is evaluated once and compared
 * in its own type with expected, exactly as ok(got == expected, ...) would
 * (expected, a constant or a plain variable, is read again to print it). */
#define harness_ok_values_(hex, got, expected, ...)                                                     \
    ({                                                                                                  \
        __typeof__(got) harness_got_ = (got);                                                           \
        harness_ok_values(__FILE__, __LINE__, harness_got_ == (expected), hex, (long long)harness_got_,  \
                          (long long)(expected), __VA_ARGS__);                                          \
    })
#define ok_int(got, expected, ...) harness_ok_values_(0, got, expected, __VA_ARGS__)
#define ok_hex(got, expected, ...) harness_ok_values_(1, got, expected, __VA_ARGS__)
#define skip(...)      harness_skip(__FILE__, __LINE__, __VA_ARGS__)
#define trace(...)     harness_trace(__FILE__, __LINE__, __VA_ARGS__)

/* The test functions named on the command line (arguments starting with
 * "test_"), and whether RUN reached each; none means run every one. */
#define HARNESS_MAX_SELECTED 32
static struct { const char *name; int reached; } harness_selected[HARNESS_MAX_SELECTED];
static int harness_nselected;

static __attribute__((unused)) void harness_select(int argc, char **argv)
{
    int i;
    for (i = 1; i < argc && harness_nselected < HARNESS_MAX_SELECTED; i++)
        if (!strncmp(argv[i], "test_", 5)) harness_selected[harness_nselected++].name = argv[i];
}

/* Whether RUN should call the test function NAME.  A START_TEST body also
 * asks it when a test function does set-up the later ones need: when that
 * function does not run (others were named), the body does the set-up. */
static __attribute__((unused)) int harness_wanted(const char *name)
{
    int i, wanted = !harness_nselected;
    for (i = 0; i < harness_nselected; i++)
        if (!strcmp(harness_selected[i].name, name)) harness_selected[i].reached = wanted = 1;
    return wanted;
}

static __attribute__((unused)) void harness_check_selected(void)
{
    int i;
    for (i = 0; i < harness_nselected; i++)
        harness_ok(__FILE__, __LINE__, harness_selected[i].reached, "no test function %s in %s (see tests/INDEX.md)\n",
                   harness_selected[i].name, harness_name);
}

/* Calls a test function, unless the command line named others. */
#define RUN(fn, ...) do { if (harness_wanted(#fn)) fn(__VA_ARGS__); } while (0)

static void harness_body(void);

#define START_TEST(name)                                                       \
    int main(int argc, char **argv)                                            \
    {                                                                          \
        harness_name = #name;                                                  \
        setvbuf(stdout, NULL, _IONBF, 0);                                      \
        harness_select(argc, argv);                                            \
        harness_body();                                                        \
        harness_check_selected();                                              \
        harness_summary();                                                     \
        return harness_failed ? 1 : 0;                                         \
    }                                                                          \
    static void harness_body(void)

#endif
