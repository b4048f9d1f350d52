/* Windows' rules for option value sizes (see include/ws2kit/optvalue.h). */
#include "ws2kit/optvalue.h"
#include "ws2kit/wsaerror.h"

static int is_bool(enum value_kind kind)
{
    return kind == BYTE_BOOL || kind == SHORT_BOOL || kind == IP_FLAG;
}

int optvalue_set_length(const struct value_rule *rule, int optlen, int *read_len)
{
    if (rule->kind == GET_DWORD || rule->kind == GET_STRUCT) return WSAENOPROTOOPT;
    if (rule->kind == NO_VALUE)
    {
        *read_len = 0;
        return 0;
    }
    /* A negative length: SOL_SOCKET's DWORD-sized options read 4 bytes
     * anyway; the rest refuse it. */
    if (optlen < 0)
    {
        if (!rule->sol_socket || rule->kind == BYTE_BOOL) return WSAENOBUFS;
        optlen = 4;
    }
    if ((rule->kind == DWORD_VALUE || rule->kind == IP_FLAG || rule->kind == TCP_DWORD) && optlen < 4)
        return WSAEFAULT;
    /* Only SOL_SOCKET's BOOLs take a zero length (and read it as FALSE). */
    if (optlen < 1 && !(rule->sol_socket && rule->kind == SHORT_BOOL)) return WSAEFAULT;
    *read_len = rule->kind == BYTE_BOOL ? 1 : (optlen > 4 ? 4 : optlen);
    return 0;
}

int optvalue_set_decode(const struct value_rule *rule, const unsigned char *bytes, int read_len,
                        unsigned int *value)
{
    unsigned int v = 0;
    int i;

    for (i = 0; i < read_len && i < 4; i++) v |= (unsigned int)bytes[i] << (8 * i);
    if (is_bool(rule->kind)) v = v != 0;
    if (rule->max_value && v > rule->max_value) return WSAEINVAL;
    *value = v;
    return 0;
}

int optvalue_get_length(const struct value_rule *rule, int buffer_len, int *write_len, int *zero_optlen)
{
    int len;

    if (rule->kind == BYTE_BOOL) len = 1;
    else if ((rule->kind == SHORT_BOOL || rule->kind == SHORT_INT) && buffer_len < 4) len = 1;
    else len = 4;
    *zero_optlen = 0;
    if (buffer_len < len)
    {
        /* Windows zeroes the length for the IP levels' flags and the TCP numbers. */
        *zero_optlen = rule->kind == IP_FLAG || rule->kind == TCP_DWORD;
        return WSAEFAULT;
    }
    *write_len = len;
    return 0;
}

unsigned int optvalue_get_encode(const struct value_rule *rule, unsigned int value)
{
    return is_bool(rule->kind) ? value != 0 : value;
}
