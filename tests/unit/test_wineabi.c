/* Which Wines ws2kit.so calls, and with which convention (unix/wineabi.c).
 * The expectations are the facts measured on Wine 8.0 and 10.0: 8.0 reads
 * wine_server_handle_to_fd's handle from rcx, 10.0 from rdi; the change came
 * with Wine 8.10. */
#include <check.h>
#include <stdlib.h>

#include "unix_private.h"

START_TEST(test_known_wines)
{
    ck_assert_int_eq(ws2kit_ntdll_convention_for("8.0"), WS2KIT_NTDLL_MS_ABI);
    ck_assert_int_eq(ws2kit_ntdll_convention_for("8.0.2"), WS2KIT_NTDLL_MS_ABI);
    ck_assert_int_eq(ws2kit_ntdll_convention_for("8.9"), WS2KIT_NTDLL_MS_ABI);
    ck_assert_int_eq(ws2kit_ntdll_convention_for("8.10"), WS2KIT_NTDLL_SYSV);
    ck_assert_int_eq(ws2kit_ntdll_convention_for("9.0-rc1"), WS2KIT_NTDLL_SYSV);
    ck_assert_int_eq(ws2kit_ntdll_convention_for("9.22 (Staging)"), WS2KIT_NTDLL_SYSV);
    ck_assert_int_eq(ws2kit_ntdll_convention_for("10.0"), WS2KIT_NTDLL_SYSV);
    ck_assert_int_eq(ws2kit_ntdll_convention_for("11.7"), WS2KIT_NTDLL_SYSV);
}
END_TEST

/* Wine 8.0's server never lets ntdll cache an accepted socket's fd (its
 * accept has no allow_fd_caching, Wine 9.2's neither); 10.0's does, measured
 * as ping-pong at 24,000 exchanges/s there against 9,400 on 8.0. */
START_TEST(test_accepted_fd_caching)
{
    ck_assert_int_eq(ws2kit_ntdll_caches_accepted_fds("8.0"), 0);
    ck_assert_int_eq(ws2kit_ntdll_caches_accepted_fds("9.22 (Staging)"), 0);
    ck_assert_int_eq(ws2kit_ntdll_caches_accepted_fds("10.0"), 1);
    ck_assert_int_eq(ws2kit_ntdll_caches_accepted_fds("11.7"), 1);
    ck_assert_int_eq(ws2kit_ntdll_caches_accepted_fds("12.0"), 0);
}
END_TEST

/* Older and newer Wines, and anything that is not a version, are refused. */
START_TEST(test_unknown_wines)
{
    ck_assert_int_eq(ws2kit_ntdll_convention_for("7.22"), WS2KIT_NTDLL_UNKNOWN);
    ck_assert_int_eq(ws2kit_ntdll_convention_for("12.0"), WS2KIT_NTDLL_UNKNOWN);
    ck_assert_int_eq(ws2kit_ntdll_convention_for(""), WS2KIT_NTDLL_UNKNOWN);
    ck_assert_int_eq(ws2kit_ntdll_convention_for("(not Wine)"), WS2KIT_NTDLL_UNKNOWN);
    ck_assert_int_eq(ws2kit_ntdll_convention_for("10"), WS2KIT_NTDLL_UNKNOWN);
    ck_assert_int_eq(ws2kit_ntdll_convention_for("10."), WS2KIT_NTDLL_UNKNOWN);
    ck_assert_int_eq(ws2kit_ntdll_convention_for("-8.0"), WS2KIT_NTDLL_UNKNOWN);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("wineabi");
    TCase *tc = tcase_create("versions");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, test_known_wines);
    tcase_add_test(tc, test_accepted_fd_caching);
    tcase_add_test(tc, test_unknown_wines);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
