/* How Windows sizes and reads an option value, by kind (observed on Windows
 * 10 and recorded in Wine's conformance tests).  Pure rules, built for the
 * PE DLL and for the host unit tests; dlls/ws2_32/sockopt.c's table gives
 * each option its kind.
 *  BYTE_BOOL   reads one byte on set; get writes one byte.
 *  SHORT_BOOL  set takes 0 to 4 bytes, any non-zero is TRUE; get writes one
 *              byte when given less than 4, else a 0/1 DWORD.
 *  SHORT_INT   like SHORT_BOOL, but the value is a number, not a BOOL.
 *  DWORD_VALUE set and get need at least 4 bytes (WSAEFAULT otherwise).
 *  IP_FLAG     a DWORD BOOL of the IP levels: as DWORD_VALUE, but a get that
 *              is too short also sets *optlen to 0.
 *  GET_DWORD   as DWORD_VALUE, and setsockopt is refused with WSAENOPROTOOPT.
 *  GET_STRUCT  get only, a structure written by the row's own getter.
 *  RAW_SET     a structure of at least some length passed as it is
 *              (multicast memberships); getsockopt is WSAENOPROTOOPT.
 *  RAW         a structure passed as it is both ways (IP_OPTIONS).
 *  TCP_DWORD   a number at IPPROTO_TCP (TCP_KEEPALIVE, TCP_KEEPINTVL,
 *              TCP_KEEPCNT): as DWORD_VALUE, but a get that is too short also
 *              sets *optlen to 0, as IP_FLAG's (Wine's recorded test_optsize:
 *              sizes {0, 0, 4} for lengths 1, 2 and 4).
 *  NO_VALUE    set ignores the value and its length, NULL and 0 included
 *              (SO_UPDATE_CONNECT_CONTEXT as Microsoft's ConnectEx page calls
 *              it; SO_UPDATE_ACCEPT_CONTEXT as libuv and Win32-OpenSSH call it
 *              on Windows); get is the row's own answer. */
#ifndef WS2KIT_OPTVALUE_H
#define WS2KIT_OPTVALUE_H

enum value_kind { BYTE_BOOL, SHORT_BOOL, SHORT_INT, DWORD_VALUE, IP_FLAG, GET_DWORD, GET_STRUCT, RAW_SET, RAW, NO_VALUE, TCP_DWORD };

struct value_rule
{
    enum value_kind kind;
    int sol_socket;           /* the option is at SOL_SOCKET level */
    unsigned int max_value;   /* larger values are WSAEINVAL (0: no limit) */
};

/* setsockopt: how many bytes to read for optlen, or a WSA error. */
int optvalue_set_length(const struct value_rule *rule, int optlen, int *read_len);
/* setsockopt: the value those bytes (little-endian, read_len of them) mean. */
int optvalue_set_decode(const struct value_rule *rule, const unsigned char *bytes, int read_len,
                        unsigned int *value);
/* getsockopt: how many bytes to write into a buffer of buffer_len, or
 * WSAEFAULT, with *zero_optlen saying whether Windows then zeroes *optlen. */
int optvalue_get_length(const struct value_rule *rule, int buffer_len, int *write_len, int *zero_optlen);
/* getsockopt: the value as Windows writes it (BOOLs as 0/1). */
unsigned int optvalue_get_encode(const struct value_rule *rule, unsigned int value);

#endif
