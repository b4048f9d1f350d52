/* Helpers shared by the host programs of the native column
 * (bench/native_net.c, bench/raw_setsockopt.c): plain Linux, built with the
 * host cc at bench time.  The Windows programs have bench_common.h. */
#ifndef WS2KIT_BENCH_HOST_COMMON_H
#define WS2KIT_BENCH_HOST_COMMON_H

#include <stdlib.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *values, int n)
{
    qsort(values, n, sizeof(*values), cmp_double);
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

#endif
