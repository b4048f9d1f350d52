/* The end of every unit test's main(): runs the suite and answers the exit
 * status, EXIT_SUCCESS when every check passed. */
#ifndef WS2KIT_CHECK_RUN_H
#define WS2KIT_CHECK_RUN_H

#include <check.h>
#include <stdlib.h>

static inline int run_suite(Suite *suite)
{
    SRunner *runner = srunner_create(suite);
    int failed;

    srunner_run_all(runner, CK_NORMAL);
    failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
