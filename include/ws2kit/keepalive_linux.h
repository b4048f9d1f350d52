/* Keep-alive on a Linux socket: the nearest Linux holds to what Windows
 * holds (struct ka_windows, keepalive.h).  Pure functions, built into
 * ws2kit.so, ws2diag and the host unit tests; not into ws2_32.dll, which
 * keeps only Windows' values.
 *
 * Source of the Linux numbers:
 *   [LINUX] Linux include/net/tcp.h: MAX_TCP_KEEPIDLE, MAX_TCP_KEEPINTVL,
 *           MAX_TCP_KEEPCNT; net/ipv4/tcp.c rejects values < 1 or above them.
 */
#ifndef WS2KIT_KEEPALIVE_LINUX_H
#define WS2KIT_KEEPALIVE_LINUX_H

#include "ws2kit/keepalive.h"

#define KA_LINUX_MIN_SECONDS  1u     /* TCP_KEEPIDLE, TCP_KEEPINTVL lower bound [LINUX] */
#define KA_LINUX_MAX_IDLE     32767u /* MAX_TCP_KEEPIDLE [LINUX] */
#define KA_LINUX_MAX_INTERVAL 32767u /* MAX_TCP_KEEPINTVL [LINUX] */
#define KA_LINUX_MIN_COUNT    1u     /* TCP_KEEPCNT lower bound [LINUX] */
#define KA_LINUX_MAX_COUNT    127u   /* MAX_TCP_KEEPCNT [LINUX] */

#define KA_CLAMPED_IDLE     0x1u
#define KA_CLAMPED_INTERVAL 0x2u
#define KA_CLAMPED_COUNT    0x4u

struct ka_linux
{
    int keepalive_on;            /* what getsockopt(SO_KEEPALIVE) reports to the program */
    int enable_kernel_keepalive; /* what to set as SO_KEEPALIVE on the Linux socket; when 0,
                                    set nothing else (idle/interval/count are informational) */
    unsigned int idle_s;         /* TCP_KEEPIDLE */
    unsigned int interval_s;     /* TCP_KEEPINTVL */
    unsigned int count;          /* TCP_KEEPCNT; 0 when Windows sends no probes */
    unsigned int windows_probes; /* probe count Windows would use, before the Linux clamp */
    unsigned int windows_idle_s; /* what Windows then reads back as TCP_KEEPALIVE and */
    unsigned int windows_interval_s; /* TCP_KEEPINTVL: whole seconds, unclamped (0 stays 0) */
    unsigned int clamped;        /* KA_CLAMPED_* bits: values changed to fit Linux */
};

/* Milliseconds to whole seconds for TCP_KEEPIDLE / TCP_KEEPINTVL: nearest
 * second, halves up, then clamped to 1..32767.  *clamped (may be NULL) is set
 * to 1 if the clamp changed the value, else 0.  No overflow for any ms. */
unsigned int ka_ms_to_linux_seconds(unsigned int ms, int *clamped);

/* What Windows holds, as the Linux socket can hold it: keep-alive off gives
 * all fields 0. */
void ka_to_linux(const struct ka_windows *windows, struct ka_linux *out);

/* Linux option of one KA_CLAMPED_* bit ("TCP_KEEPIDLE"), "?" otherwise. */
const char *ka_clamped_bit_name(unsigned int bit);

#endif
