/* The UTF-16 name services: GetAddrInfoW, FreeAddrInfoW and GetNameInfoW.
 * They convert and then ask the ANSI getaddrinfo/getnameinfo (and so the one
 * resolver behind them); GetAddrInfoExW (addrinfo_ex.c) shares the parsing. */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

#ifndef AI_DISABLE_IDN_ENCODING
#define AI_DISABLE_IDN_ENCODING 0x00080000
#endif

/* The four leading ints that ADDRINFOW and ADDRINFOEXW hints share. */
struct hint_head
{
    int flags, family, socktype, protocol;
};

static BOOL is_ascii(const WCHAR *s)
{
    for (; *s; s++)
        if (*s >= 0x80) return FALSE;
    return TRUE;
}

/* A caller's UTF-16 string as UTF-8; for a host name Windows (8 and later)
 * first turns a Unicode name into its punycode form with IdnToAscii unless
 * the caller passed AI_DISABLE_IDN_ENCODING. */
static int wide_arg_to_utf8(const WCHAR *user, BOOL idn, char *out, int size)
{
    WCHAR text[NI_MAXHOST], ascii[NI_MAXHOST];
    const WCHAR *use = text;

    if (!ws2kit_read_user_wstring(user, text, ARRAYSIZE(text))) return WSAEFAULT;
    if (idn && !is_ascii(text))
    {
        if (!IdnToAscii(0, text, -1, ascii, ARRAYSIZE(ascii))) return WSAHOST_NOT_FOUND;
        use = ascii;
    }
    if (!WideCharToMultiByte(CP_UTF8, 0, use, -1, out, size, NULL, NULL)) return WSAHOST_NOT_FOUND;
    return 0;
}

int ws2kit_wide_query_init(struct ws2kit_wide_query *query, const WCHAR *name, const WCHAR *service,
                           const void *user_hints)
{
    struct hint_head head = { 0 };
    int err;

    memset(query, 0, sizeof(*query));
    if (user_hints && !ws2kit_read_user(&head, user_hints, sizeof(head))) return WSAEFAULT;
    if ((query->has_name = name != NULL) &&
        (err = wide_arg_to_utf8(name, !(head.flags & AI_DISABLE_IDN_ENCODING), query->name, sizeof(query->name))))
        return err;
    if ((query->has_service = service != NULL) &&
        (err = wide_arg_to_utf8(service, FALSE, query->service, sizeof(query->service))))
        return err;
    query->hints.ai_flags = head.flags & ~AI_DISABLE_IDN_ENCODING;
    query->hints.ai_family = head.family;
    query->hints.ai_socktype = head.socktype;
    query->hints.ai_protocol = head.protocol;
    return 0;
}

int ws2kit_wide_query_run(const struct ws2kit_wide_query *query, struct addrinfo **result)
{
    return getaddrinfo(query->has_name ? query->name : NULL, query->has_service ? query->service : NULL,
                       &query->hints, result);
}

/* ADDRINFOEXW begins with ADDRINFOW's first seven fields, so one function
 * fills both kinds of node. */
#define SAME_FIELD(f) \
    _Static_assert(offsetof(ADDRINFOW, f) == offsetof(ADDRINFOEXW, f), "ADDRINFOEXW starts like ADDRINFOW")
SAME_FIELD(ai_flags); SAME_FIELD(ai_family); SAME_FIELD(ai_socktype); SAME_FIELD(ai_protocol);
SAME_FIELD(ai_addrlen); SAME_FIELD(ai_canonname); SAME_FIELD(ai_addr);

/* One result node of node_size bytes (an ADDRINFOW or ADDRINFOEXW), its
 * shared fields filled and the rest zeroed, with room behind it for the
 * address and the UTF-16 canonical name, so that freeing the node frees all. */
void *ws2kit_wide_node(const struct addrinfo *ai, size_t node_size)
{
    int canon_len = ai->ai_canonname ? MultiByteToWideChar(CP_UTF8, 0, ai->ai_canonname, -1, NULL, 0) : 0;
    char *node = calloc(1, node_size + ai->ai_addrlen + canon_len * sizeof(WCHAR));
    ADDRINFOW *w = (ADDRINFOW *)node;

    if (!node) return NULL;
    w->ai_flags = ai->ai_flags;
    w->ai_family = ai->ai_family;
    w->ai_socktype = ai->ai_socktype;
    w->ai_protocol = ai->ai_protocol;
    w->ai_addrlen = ai->ai_addrlen;
    w->ai_addr = (struct sockaddr *)(node + node_size);
    memcpy(w->ai_addr, ai->ai_addr, ai->ai_addrlen);
    if (canon_len)
    {
        w->ai_canonname = (WCHAR *)(node + node_size + ai->ai_addrlen);
        MultiByteToWideChar(CP_UTF8, 0, ai->ai_canonname, -1, w->ai_canonname, canon_len);
    }
    return node;
}

static ADDRINFOW *to_addrinfow(const struct addrinfo *ai)
{
    ADDRINFOW *head = NULL, **tail = &head;

    for (; ai; ai = ai->ai_next)
    {
        ADDRINFOW *w = ws2kit_wide_node(ai, sizeof(*w));

        if (!w) { FreeAddrInfoW(head); return NULL; }
        *tail = w;
        tail = &w->ai_next;
    }
    return head;
}

int WINAPI GetAddrInfoW(const WCHAR *name, const WCHAR *service, const ADDRINFOW *hints, ADDRINFOW **result)
{
    struct ws2kit_wide_query query;
    struct addrinfo *ai;
    ADDRINFOW *none = NULL, hints_copy;
    int err;

    CHECK_STARTED(WSANOTINITIALISED);
    if (!result) return ws2kit_fail_code(WSAEINVAL);
    /* Windows reads the whole ADDRINFOW (its other members must be zero). */
    if (hints && !ws2kit_read_user(&hints_copy, hints, sizeof(hints_copy))) return ws2kit_fail_code(WSAEFAULT);
    if (!ws2kit_write_user(result, &none, sizeof(none))) return ws2kit_fail_code(WSAEFAULT);
    if (!name && !service) return ws2kit_fail_code(WSAHOST_NOT_FOUND);
    if ((err = ws2kit_wide_query_init(&query, name, service, hints))) return ws2kit_fail_code(err);
    TRACE("%s %s flags %#x\n", query.has_name ? query.name : "(null)",
          query.has_service ? query.service : "(null)", query.hints.ai_flags);
    if ((err = ws2kit_wide_query_run(&query, &ai))) return ws2kit_fail_code(err);
    *result = to_addrinfow(ai);
    freeaddrinfo(ai);
    if (!*result) return ws2kit_fail_code(WSA_NOT_ENOUGH_MEMORY);
    return ws2kit_succeed();
}

void WINAPI FreeAddrInfoW(ADDRINFOW *ai)
{
    while (ai)
    {
        ADDRINFOW *next = ai->ai_next;
        free(ai); /* the address and the name live in the node's block */
        ai = next;
    }
}

/* Writes a UTF-8 answer into the caller's UTF-16 buffer of size WCHARs; it
 * must fit with its NUL, as Windows requires (WSAEFAULT otherwise). */
static int utf8_to_user_wide(const char *text, WCHAR *user, DWORD size)
{
    WCHAR wide[NI_MAXHOST];
    int len = MultiByteToWideChar(CP_UTF8, 0, text, -1, wide, ARRAYSIZE(wide));

    if (!len || (DWORD)len > size) return WSAEFAULT;
    return ws2kit_write_user(user, wide, len * sizeof(WCHAR)) ? 0 : WSAEFAULT;
}

int WINAPI GetNameInfoW(const SOCKADDR *addr, socklen_t addrlen, WCHAR *host, DWORD host_size, WCHAR *serv,
                        DWORD serv_size, int flags)
{
    char host_text[NI_MAXHOST], serv_text[NI_MAXSERV];
    BOOL want_host = host && host_size, want_serv = serv && serv_size;
    int err;

    CHECK_STARTED(WSANOTINITIALISED);
    if ((err = getnameinfo(addr, addrlen, want_host ? host_text : NULL, want_host ? sizeof(host_text) : 0,
                           want_serv ? serv_text : NULL, want_serv ? sizeof(serv_text) : 0, flags)))
        return err; /* getnameinfo has set the thread's error */
    if (want_host && (err = utf8_to_user_wide(host_text, host, host_size))) return ws2kit_fail_code(err);
    if (want_serv && (err = utf8_to_user_wide(serv_text, serv, serv_size))) return ws2kit_fail_code(err);
    return ws2kit_succeed();
}
