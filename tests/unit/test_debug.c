/* Unit tests for ws2kit's WINEDEBUG-style tracing (dlls/common/debug.c).
 *
 * Build: gcc -Wall -Wextra -I include tests/unit/test_debug.c dlls/common/debug.c \
 *        $(pkg-config --cflags --libs check) -o /tmp/test_debug
 */
#define _GNU_SOURCE
#include <check.h>

#include "check_run.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ws2kit/debug.h"

#define FIXME_BIT (1 << WS2KIT_DBCL_FIXME)
#define ERR_BIT   (1 << WS2KIT_DBCL_ERR)
#define WARN_BIT  (1 << WS2KIT_DBCL_WARN)
#define TRACE_BIT (1 << WS2KIT_DBCL_TRACE)
#define ALL_BITS  (FIXME_BIT | ERR_BIT | WARN_BIT | TRACE_BIT)
#define DEFAULT_BITS (FIXME_BIT | ERR_BIT)

/* The four class bits of a parse result (anything above is not a class). */
static int parse(const char *spec, const char *channel)
{
    return ws2kit_debug_parse(spec, channel) & ALL_BITS;
}

#define CHECK_PARSE(spec, channel, expected)                                          \
    do {                                                                              \
        int got_ = parse(spec, channel);                                              \
        ck_assert_msg(got_ == (expected), "parse(\"%s\", \"%s\") = %#x, expected %#x", \
                      (spec) ? (spec) : "(null)", channel, got_, (expected));         \
    } while (0)

/* ---- ws2kit_debug_parse -------------------------------------------------------- */

START_TEST(test_parse_default)
{
    CHECK_PARSE(NULL, "winsock", DEFAULT_BITS);
    CHECK_PARSE(NULL, "keepalive", DEFAULT_BITS);
    CHECK_PARSE("", "winsock", DEFAULT_BITS);
    CHECK_PARSE(",", "winsock", DEFAULT_BITS);
    /* a whole spec about other channels leaves this one at the default */
    CHECK_PARSE("+relay,-heap,trace+seh", "winsock", DEFAULT_BITS);
}
END_TEST

START_TEST(test_parse_plus_channel)
{
    CHECK_PARSE("+winsock", "winsock", ALL_BITS);
    CHECK_PARSE("+winsock", "keepalive", DEFAULT_BITS);
    /* a bare channel name means +name */
    CHECK_PARSE("winsock", "winsock", ALL_BITS);
    CHECK_PARSE("winsock", "keepalive", DEFAULT_BITS);
    /* several channels */
    CHECK_PARSE("+winsock,+keepalive", "winsock", ALL_BITS);
    CHECK_PARSE("+winsock,+keepalive", "keepalive", ALL_BITS);
    CHECK_PARSE("+winsock,+keepalive", "ntdll", DEFAULT_BITS);
    /* empty items are skipped */
    CHECK_PARSE(",,+winsock,,", "winsock", ALL_BITS);
}
END_TEST

START_TEST(test_parse_names_match_exactly)
{
    CHECK_PARSE("+win", "winsock", DEFAULT_BITS);
    CHECK_PARSE("+winsock", "win", DEFAULT_BITS);
    CHECK_PARSE("+winsockx", "winsock", DEFAULT_BITS);
    CHECK_PARSE("+WINSOCK", "winsock", DEFAULT_BITS);
    CHECK_PARSE("+alloc", "winsock", DEFAULT_BITS); /* "all" is a whole word */
    CHECK_PARSE("-al", "winsock", DEFAULT_BITS);
    /* the same for bare names */
    CHECK_PARSE("win", "winsock", DEFAULT_BITS);
    CHECK_PARSE("winsockx", "winsock", DEFAULT_BITS);
    CHECK_PARSE("winsock", "win", DEFAULT_BITS);
    /* one-letter channel names work like any other */
    CHECK_PARSE("a", "a", ALL_BITS);
    CHECK_PARSE("-a", "a", 0);
    CHECK_PARSE("a", "b", DEFAULT_BITS);
}
END_TEST

START_TEST(test_parse_minus_all)
{
    CHECK_PARSE("-all", "winsock", 0);
    CHECK_PARSE("-all", "keepalive", 0);
    CHECK_PARSE("+all", "winsock", ALL_BITS);
    CHECK_PARSE("-winsock", "winsock", 0);
    CHECK_PARSE("-winsock", "keepalive", DEFAULT_BITS);
    /* the usual "everything off except" */
    CHECK_PARSE("-all,+winsock", "winsock", ALL_BITS);
    CHECK_PARSE("-all,+winsock", "keepalive", 0);
}
END_TEST

START_TEST(test_parse_class_prefix)
{
    CHECK_PARSE("warn+winsock", "winsock", DEFAULT_BITS | WARN_BIT);
    CHECK_PARSE("warn+winsock", "keepalive", DEFAULT_BITS);
    CHECK_PARSE("trace+winsock", "winsock", DEFAULT_BITS | TRACE_BIT);
    CHECK_PARSE("err-winsock", "winsock", FIXME_BIT);
    CHECK_PARSE("trace+all", "keepalive", DEFAULT_BITS | TRACE_BIT);
    CHECK_PARSE("warn+winsock,trace+winsock", "winsock", ALL_BITS);
    CHECK_PARSE("warn+winsock,warn-winsock", "winsock", DEFAULT_BITS);
}
END_TEST

START_TEST(test_parse_trace_minus_all_plus_channel)
{
    CHECK_PARSE("trace-all,+keepalive", "keepalive", ALL_BITS);
    CHECK_PARSE("trace-all,+keepalive", "winsock", DEFAULT_BITS);
    CHECK_PARSE("+all,trace-all", "winsock", FIXME_BIT | ERR_BIT | WARN_BIT);
}
END_TEST

START_TEST(test_parse_fixme_minus_all)
{
    CHECK_PARSE("fixme-all", "winsock", ERR_BIT);
    CHECK_PARSE("fixme-all", "keepalive", ERR_BIT);
    CHECK_PARSE("fixme-all,err-all", "winsock", 0);
}
END_TEST

START_TEST(test_parse_unknown_class_ignored)
{
    CHECK_PARSE("verbose+winsock", "winsock", DEFAULT_BITS);
    CHECK_PARSE("bogus-all", "winsock", DEFAULT_BITS);
    CHECK_PARSE("TRACE+winsock", "winsock", DEFAULT_BITS);   /* class names are lower case */
    CHECK_PARSE("trac+winsock", "winsock", DEFAULT_BITS);
    CHECK_PARSE("traces+winsock", "winsock", DEFAULT_BITS);
    /* an ignored item does not stop the rest */
    CHECK_PARSE("bogus+winsock,warn+winsock", "winsock", DEFAULT_BITS | WARN_BIT);
    CHECK_PARSE("bogus-all,-winsock", "winsock", 0);
}
END_TEST

START_TEST(test_parse_empty_channel_ignored)
{
    CHECK_PARSE("warn+", "winsock", DEFAULT_BITS);
    CHECK_PARSE("+", "winsock", DEFAULT_BITS);
    CHECK_PARSE("-", "winsock", DEFAULT_BITS);
}
END_TEST

/* ---- output ------------------------------------------------------------------- */

/* Runs fn with fd 2 redirected to a temporary file; returns what was written
 * (malloc'ed, NUL-terminated). */
static char *capture_stderr(void (*fn)(void *), void *arg)
{
    FILE *tmp = tmpfile();
    int saved, ok;
    long size;
    char *out;

    ck_assert_msg(tmp != NULL, "tmpfile: %s", strerror(errno));
    fflush(stderr);
    saved = dup(2);
    ck_assert_msg(saved >= 0, "dup: %s", strerror(errno));
    ck_assert_msg(dup2(fileno(tmp), 2) == 2, "dup2: %s", strerror(errno));

    fn(arg);

    fflush(stderr);
    ok = dup2(saved, 2) == 2;
    close(saved);
    ck_assert_msg(ok, "restoring stderr: %s", strerror(errno));

    size = lseek(fileno(tmp), 0, SEEK_END);
    ck_assert_int_ge(size, 0);
    out = calloc(1, size + 1);
    ck_assert_ptr_nonnull(out);
    ck_assert_int_eq(pread(fileno(tmp), out, size, 0), size);
    fclose(tmp);
    return out;
}

static struct ws2kit_debug_channel winsock_channel = { "winsock", 0 };

struct log_call { enum ws2kit_debug_class cls; const char *function; };

static void log_one(void *arg)
{
    const struct log_call *call = arg;
    ws2kit_debug_log(&winsock_channel, call->cls, call->function, "socket %p value %d %s\n",
                     (void *)0x1234, 42, "done");
}

START_TEST(test_log_format)
{
    static const struct { enum ws2kit_debug_class cls; const char *name; } classes[] =
    {
        { WS2KIT_DBCL_TRACE, "trace" },
        { WS2KIT_DBCL_WARN,  "warn" },
        { WS2KIT_DBCL_FIXME, "fixme" },
        { WS2KIT_DBCL_ERR,   "err" },
    };
    size_t i;

    for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
    {
        struct log_call call = { classes[i].cls, "setsockopt" };
        char expected[256], *out;

        snprintf(expected, sizeof(expected), "%04x:%s:winsock:setsockopt socket %p value 42 done\n",
                 (unsigned int)getpid(), classes[i].name, (void *)0x1234);
        out = capture_stderr(log_one, &call);
        ck_assert_str_eq(out, expected);
        free(out);
    }
}
END_TEST

START_TEST(test_log_thread_id_field)
{
    /* "XXXX:" -- at least four lower-case hex digits, then the class */
    struct log_call call = { WS2KIT_DBCL_TRACE, "f" };
    char *out = capture_stderr(log_one, &call), *colon;
    size_t n;

    colon = strchr(out, ':');
    ck_assert_ptr_nonnull(colon);
    n = colon - out;
    ck_assert_uint_ge(n, 4);
    ck_assert_uint_eq(strspn(out, "0123456789abcdef"), n);
    ck_assert_uint_eq(strtoul(out, NULL, 16), (unsigned long)getpid());
    ck_assert(!strncmp(colon, ":trace:winsock:f socket", 23));
    free(out);
}
END_TEST

static void log_long(void *arg)
{
    (void)arg;
    ws2kit_debug_log(&winsock_channel, WS2KIT_DBCL_ERR, "func", "%0*d\n", 4000, 7);
}

START_TEST(test_log_long_message_bounded)
{
    char *out = capture_stderr(log_long, NULL);
    char prefix[64];

    snprintf(prefix, sizeof(prefix), "%04x:err:winsock:func 000", (unsigned int)getpid());
    ck_assert(!strncmp(out, prefix, strlen(prefix)));
    ck_assert_uint_gt(strlen(out), 100);
    ck_assert_uint_lt(strlen(out), 4000); /* truncated, not overflowed */
    free(out);
}
END_TEST

static void log_long_function(void *arg)
{
    char *name = arg;
    ws2kit_debug_log(&winsock_channel, WS2KIT_DBCL_ERR, name, "value %d\n", 1);
}

START_TEST(test_log_long_function_name_bounded)
{
    /* A header longer than the line buffer must not overrun it. */
    char *name = malloc(3000), *out;

    ck_assert_ptr_nonnull(name);
    memset(name, 'f', 2999);
    name[2999] = 0;
    out = capture_stderr(log_long_function, name);
    ck_assert_uint_lt(strlen(out), 1024);
    free(out);
    free(name);
}
END_TEST

/* ---- the macros, switched by WINEDEBUG ------------------------------------------- */

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

static void traced_function(void *arg)
{
    (void)arg;
    TRACE("trace %d\n", 1);
    WARN("warn %d\n", 2);
    FIXME("fixme %d\n", 3);
    ERR("err %d\n", 4);
}

/* Fresh parse of WINEDEBUG for the file's channel. */
static void set_winedebug(const char *value)
{
    if (value) setenv("WINEDEBUG", value, 1);
    else unsetenv("WINEDEBUG");
    ws2kit_debug_default_channel.flags = 0;
}

static void expect_macro_output(const char *winedebug, const char *classes)
{
    char expected[512] = "", line[128], *out;
    static const char *const names[] = { "trace", "warn", "fixme", "err" };
    int i;

    for (i = 0; i < 4; i++)
    {
        if (!strstr(classes, names[i])) continue;
        snprintf(line, sizeof(line), "%04x:%s:winsock:traced_function %s %d\n",
                 (unsigned int)getpid(), names[i], names[i], i + 1);
        strcat(expected, line);
    }
    set_winedebug(winedebug);
    out = capture_stderr(traced_function, NULL);
    ck_assert_msg(!strcmp(out, expected), "WINEDEBUG=%s: got\n%s\nexpected\n%s",
                  winedebug ? winedebug : "(unset)", out, expected);
    free(out);
}

START_TEST(test_macros_follow_winedebug)
{
    expect_macro_output(NULL, "fixme,err");
    expect_macro_output("+winsock", "trace,warn,fixme,err");
    expect_macro_output("-all", "");
    expect_macro_output("+keepalive", "fixme,err");
    /* a later "all" item no longer reaches a channel named before it (Wine) */
    expect_macro_output("warn+winsock,err-all", "warn,fixme,err");
    expect_macro_output("-all,trace+winsock", "trace");
}
END_TEST

START_TEST(test_enabled_parses_once)
{
    set_winedebug("-all");
    ck_assert_int_eq(TRACE_ON(), 0);
    ck_assert_int_eq(ws2kit_debug_enabled(&ws2kit_debug_default_channel, WS2KIT_DBCL_ERR), 0);
    /* the channel keeps what it parsed first */
    setenv("WINEDEBUG", "+winsock", 1);
    ck_assert_int_eq(TRACE_ON(), 0);
    ck_assert_int_eq(ws2kit_debug_enabled(&ws2kit_debug_default_channel, WS2KIT_DBCL_ERR), 0);
    /* until it is reset */
    ws2kit_debug_default_channel.flags = 0;
    ck_assert_int_eq(TRACE_ON(), 1);
    unsetenv("WINEDEBUG");
}
END_TEST

START_TEST(test_enabled_per_channel)
{
    struct ws2kit_debug_channel a = { "winsock", 0 }, b = { "keepalive", 0 };

    setenv("WINEDEBUG", "trace+keepalive", 1);
    ck_assert_int_eq(ws2kit_debug_enabled(&a, WS2KIT_DBCL_TRACE), 0);
    ck_assert_int_eq(ws2kit_debug_enabled(&a, WS2KIT_DBCL_FIXME), 1);
    ck_assert_int_eq(ws2kit_debug_enabled(&b, WS2KIT_DBCL_TRACE), 1);
    ck_assert_int_eq(ws2kit_debug_enabled(&b, WS2KIT_DBCL_WARN), 0);
    ck_assert_int_eq(ws2kit_debug_enabled(&b, WS2KIT_DBCL_ERR), 1);
    unsetenv("WINEDEBUG");
}
END_TEST

/* ---- WINEDEBUG precedence, as in Wine ----------------------------------------- *
 * In Wine (dlls/ntdll/unix/debug.c, parse_options/add_option) an item naming a
 * channel creates a per-channel entry that takes precedence over "all" no
 * matter where "all" appears; ws2kit applies items strictly in order. */

START_TEST(test_channel_item_outranks_all)
{
    /* Wine: +winsock then -all leaves winsock fully on (only the default drops). */
    CHECK_PARSE("+winsock,-all", "winsock", ALL_BITS);
    CHECK_PARSE("+winsock,-all", "keepalive", 0);
    /* Wine: an explicit -winsock is not undone by a later +all. */
    CHECK_PARSE("-winsock,+all", "winsock", 0);
    /* Wine: warn+winsock,-all gives winsock default|warn. */
    CHECK_PARSE("warn+winsock,-all", "winsock", DEFAULT_BITS | WARN_BIT);
}
END_TEST

/* ---- suite -------------------------------------------------------------------- */

static Suite *debug_suite(void)
{
    Suite *s = suite_create("debug");
    TCase *tc;

    tc = tcase_create("parse");
    tcase_add_test(tc, test_parse_default);
    tcase_add_test(tc, test_parse_plus_channel);
    tcase_add_test(tc, test_parse_names_match_exactly);
    tcase_add_test(tc, test_parse_minus_all);
    tcase_add_test(tc, test_parse_class_prefix);
    tcase_add_test(tc, test_parse_trace_minus_all_plus_channel);
    tcase_add_test(tc, test_parse_fixme_minus_all);
    tcase_add_test(tc, test_parse_unknown_class_ignored);
    tcase_add_test(tc, test_parse_empty_channel_ignored);
    suite_add_tcase(s, tc);

    tc = tcase_create("output");
    tcase_add_test(tc, test_log_format);
    tcase_add_test(tc, test_log_thread_id_field);
    tcase_add_test(tc, test_log_long_message_bounded);
    tcase_add_test(tc, test_log_long_function_name_bounded);
    tcase_add_test(tc, test_macros_follow_winedebug);
    tcase_add_test(tc, test_enabled_parses_once);
    tcase_add_test(tc, test_enabled_per_channel);
    suite_add_tcase(s, tc);

    tc = tcase_create("regressions");
    tcase_add_test(tc, test_channel_item_outranks_all);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(debug_suite());
}
