/* Keep-alive on a Linux socket (see include/ws2kit/keepalive_linux.h).
 * Pure C: no I/O, no Windows or Linux headers; built for host and MinGW. */
#include <stddef.h>

#include "ws2kit/keepalive_linux.h"

static unsigned int clamp(unsigned int value, unsigned int min, unsigned int max, int *clamped)
{
    unsigned int result = value < min ? min : value > max ? max : value;

    if (clamped) *clamped = result != value;
    return result;
}

/* Nearest second, halves up, clamped to 1..max.  Written as quotient plus a
 * remainder test so that ms near 0xFFFFFFFF cannot overflow (ms + 500 would). */
static unsigned int ms_to_seconds(unsigned int ms, unsigned int max, int *clamped)
{
    unsigned int seconds = ms / 1000 + (ms % 1000 >= 500);

    return clamp(seconds, KA_LINUX_MIN_SECONDS, max, clamped);
}

/* One public conversion serves both options because Linux gives them the same range. */
_Static_assert(KA_LINUX_MAX_IDLE == KA_LINUX_MAX_INTERVAL, "TCP_KEEPIDLE/TCP_KEEPINTVL ranges differ");

unsigned int ka_ms_to_linux_seconds(unsigned int ms, int *clamped)
{
    return ms_to_seconds(ms, KA_LINUX_MAX_IDLE, clamped);
}

void ka_to_linux(const struct ka_windows *windows, struct ka_linux *out)
{
    static const struct ka_linux off = { 0 };
    int idle_clamped, interval_clamped, count_clamped = 0;

    if (!windows->on)
    {
        *out = off;
        return;
    }
    out->keepalive_on = 1;
    out->idle_s = ms_to_seconds(windows->time_ms, KA_LINUX_MAX_IDLE, &idle_clamped);
    out->interval_s = ms_to_seconds(windows->interval_ms, KA_LINUX_MAX_INTERVAL, &interval_clamped);
    /* Windows keeps milliseconds and reports whole seconds; Linux only holds 1..32767 s. */
    out->windows_idle_s = windows->time_ms / 1000;
    out->windows_interval_s = windows->interval_ms / 1000;
    out->windows_probes = windows->probes;
    /* No probes at all: Windows reports keep-alive on but never probes, so the
     * Linux socket keeps SO_KEEPALIVE off (TCP_KEEPCNT cannot express 0). */
    out->enable_kernel_keepalive = windows->probes != 0;
    out->count = windows->probes ? clamp(windows->probes, KA_LINUX_MIN_COUNT, KA_LINUX_MAX_COUNT, &count_clamped) : 0;
    out->clamped = (idle_clamped ? KA_CLAMPED_IDLE : 0)
                 | (interval_clamped ? KA_CLAMPED_INTERVAL : 0)
                 | (count_clamped ? KA_CLAMPED_COUNT : 0);
}

const char *ka_clamped_bit_name(unsigned int bit)
{
    switch (bit)
    {
    case KA_CLAMPED_IDLE:     return "TCP_KEEPIDLE";
    case KA_CLAMPED_INTERVAL: return "TCP_KEEPINTVL";
    case KA_CLAMPED_COUNT:    return "TCP_KEEPCNT";
    }
    return "?";
}
