/* Windows' option value size rules (dlls/common/optvalue.c) on the host. */
#include <check.h>

#include "check_run.h"
#include <stdlib.h>

#include "ws2kit/optvalue.h"
#include "ws2kit/wsaerror.h"

static const struct value_rule byte_bool = { BYTE_BOOL, 1, 0 };
static const struct value_rule short_bool = { SHORT_BOOL, 1, 0 };
static const struct value_rule ip_short_bool = { SHORT_BOOL, 0, 0 };
static const struct value_rule ttl = { SHORT_INT, 0, 255 };
static const struct value_rule sol_dword = { DWORD_VALUE, 1, 0 };
static const struct value_rule tcp_dword = { DWORD_VALUE, 0, 255 };
static const struct value_rule ip_flag = { IP_FLAG, 0, 0 };
static const struct value_rule read_only = { GET_DWORD, 1, 0 };
static const struct value_rule no_value = { NO_VALUE, 1, 0 };

static int set_len(const struct value_rule *rule, int optlen)
{
    int len = -12345, err = optvalue_set_length(rule, optlen, &len);
    return err ? -err : len;
}

START_TEST(test_set_lengths)
{
    /* one byte whatever the length (SO_KEEPALIVE, TCP_NODELAY) */
    ck_assert_int_eq(set_len(&byte_bool, 1), 1);
    ck_assert_int_eq(set_len(&byte_bool, 8), 1);
    ck_assert_int_eq(set_len(&byte_bool, 0), -WSAEFAULT);
    ck_assert_int_eq(set_len(&byte_bool, -1), -WSAENOBUFS);
    /* 0..4 bytes, 0 only at SOL_SOCKET (SO_REUSEADDR vs IP_MULTICAST_LOOP) */
    ck_assert_int_eq(set_len(&short_bool, 0), 0);
    ck_assert_int_eq(set_len(&short_bool, 2), 2);
    ck_assert_int_eq(set_len(&short_bool, 64), 4);
    ck_assert_int_eq(set_len(&short_bool, -1), 4);
    ck_assert_int_eq(set_len(&ip_short_bool, 0), -WSAEFAULT);
    ck_assert_int_eq(set_len(&ip_short_bool, -1), -WSAENOBUFS);
    /* a full DWORD; SOL_SOCKET reads 4 bytes for a negative length */
    ck_assert_int_eq(set_len(&sol_dword, 3), -WSAEFAULT);
    ck_assert_int_eq(set_len(&sol_dword, 4), 4);
    ck_assert_int_eq(set_len(&sol_dword, -1), 4);
    /* SO_UPDATE_CONNECT_CONTEXT and SO_UPDATE_ACCEPT_CONTEXT read nothing, whatever the length */
    ck_assert_int_eq(set_len(&no_value, 0), 0);
    ck_assert_int_eq(set_len(&no_value, -1), 0);
    ck_assert_int_eq(set_len(&no_value, 8), 0);
    ck_assert_int_eq(set_len(&tcp_dword, -1), -WSAENOBUFS);
    ck_assert_int_eq(set_len(&ip_flag, 2), -WSAEFAULT);
    ck_assert_int_eq(set_len(&read_only, 4), -WSAENOPROTOOPT);
}
END_TEST

static unsigned int decode(const struct value_rule *rule, const unsigned char *bytes, int len, int *err)
{
    unsigned int value = 0xdeadbeef;
    *err = optvalue_set_decode(rule, bytes, len, &value);
    return value;
}

START_TEST(test_set_values)
{
    static const unsigned char x100[4] = { 0x00, 0x01, 0, 0 }, x1ff[4] = { 0xff, 0x01, 0, 0 };
    int err;

    /* BOOLs: any non-zero is TRUE, but a one-byte BOOL sees only its byte */
    ck_assert_uint_eq(decode(&short_bool, x100, 4, &err), 1);
    ck_assert_int_eq(err, 0);
    ck_assert_uint_eq(decode(&byte_bool, x100, 1, &err), 0);
    ck_assert_uint_eq(decode(&short_bool, x100, 0, &err), 0);
    /* numbers little-endian; the TTL-like ones stop at 255 */
    ck_assert_uint_eq(decode(&sol_dword, x1ff, 4, &err), 0x1ff);
    decode(&ttl, x100, 4, &err);
    ck_assert_int_eq(err, WSAEINVAL);
    ck_assert_uint_eq(decode(&ttl, x1ff, 1, &err), 0xff);
    ck_assert_int_eq(err, 0);
    ck_assert_uint_eq(decode(&ip_flag, x100, 4, &err), 1);
}
END_TEST

static int get_len(const struct value_rule *rule, int buffer_len, int *zero)
{
    int len = -12345, err = optvalue_get_length(rule, buffer_len, &len, zero);
    return err ? -err : len;
}

START_TEST(test_get_lengths)
{
    int zero;

    ck_assert_int_eq(get_len(&byte_bool, 4, &zero), 1);
    ck_assert_int_eq(get_len(&byte_bool, 0, &zero), -WSAEFAULT);
    ck_assert_int_eq(get_len(&short_bool, 2, &zero), 1);
    ck_assert_int_eq(get_len(&short_bool, 4, &zero), 4);
    ck_assert_int_eq(get_len(&ttl, 1, &zero), 1);
    ck_assert_int_eq(get_len(&sol_dword, 8, &zero), 4);
    ck_assert_int_eq(get_len(&sol_dword, 2, &zero), -WSAEFAULT);
    ck_assert_int_eq(zero, 0);          /* SO_RCVBUF leaves *optlen alone */
    ck_assert_int_eq(get_len(&ip_flag, 2, &zero), -WSAEFAULT);
    ck_assert_int_eq(zero, 1);          /* IP_PKTINFO zeroes it */
}
END_TEST

START_TEST(test_get_values)
{
    ck_assert_uint_eq(optvalue_get_encode(&short_bool, 5), 1);
    ck_assert_uint_eq(optvalue_get_encode(&ip_flag, 0), 0);
    ck_assert_uint_eq(optvalue_get_encode(&sol_dword, 12345), 12345);
    ck_assert_uint_eq(optvalue_get_encode(&ttl, 64), 64);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("optvalue");
    TCase *tc = tcase_create("rules");

    tcase_add_test(tc, test_set_lengths);
    tcase_add_test(tc, test_set_values);
    tcase_add_test(tc, test_get_lengths);
    tcase_add_test(tc, test_get_values);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
