/* Addresses as text, the Winsock 2 way: WSAAddressToString and
 * WSAStringToAddress (with ports and IPv6 scopes), and the wide versions of
 * inet_pton, inet_ntop and gethostname.
 *
 * Forms, as Windows writes and reads them:
 *   IPv4  a.b.c.d            a.b.c.d:port   (reading also takes inet_addr's forms, port too)
 *   IPv6  addr   addr%scope  [addr]:port   [addr%scope]:port   [addr] */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

#define ADDRESS_TEXT_MAX 64 /* "[" IPv6 "%" scope "]:" port, and the NUL */

/* Copies a caller's ASCII wide string: 1 when copied, 0 when too long or not
 * ASCII, -1 when it cannot be read. */
static int read_user_wstring(const WCHAR *user, char *text, size_t size)
{
    size_t i;

    for (i = 0; i < size; i++)
    {
        WCHAR c;
        if (!ws2kit_read_user(&c, &user[i], sizeof(c))) return -1;
        if (c > 0x7f) return 0;
        text[i] = (char)c;
        if (!c) return 1;
    }
    return 0;
}

/* WSAAddressToString ---------------------------------------------------- */

/* Formats the address; returns 0 or the WSA error. */
static int address_to_text(const struct sockaddr *user_addr, DWORD addr_len, char *text)
{
    SOCKADDR_STORAGE addr;
    char host[48], scope[16] = "";

    if (!user_addr) return WSAEINVAL;
    if (addr_len < sizeof(struct sockaddr_in)) return WSAEFAULT;
    if (addr_len > sizeof(addr)) addr_len = sizeof(addr);
    memset(&addr, 0, sizeof(addr));
    if (!ws2kit_read_user(&addr, user_addr, addr_len)) return WSAEFAULT;

    if (addr.ss_family == AF_INET)
    {
        const struct sockaddr_in *in = (const struct sockaddr_in *)&addr;
        const unsigned char *b = (const unsigned char *)&in->sin_addr;
        sprintf(text, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
        if (in->sin_port) sprintf(text + strlen(text), ":%u", ws2kit_ntohs(in->sin_port));
        return 0;
    }
    if (addr.ss_family == AF_INET6)
    {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)&addr;
        if (addr_len < sizeof(struct sockaddr_in6)) return WSAEFAULT;
        ws2kit_format_ipv6(in6->sin6_addr.s6_addr, host);
        if (in6->sin6_scope_id) sprintf(scope, "%%%lu", (unsigned long)in6->sin6_scope_id);
        if (in6->sin6_port) sprintf(text, "[%s%s]:%u", host, scope, ws2kit_ntohs(in6->sin6_port));
        else sprintf(text, "%s%s", host, scope);
        return 0;
    }
    return WSAEINVAL;
}

/* An optional WSAPROTOCOL_INFO the caller passes: NULL, or readable. */
static BOOL protocol_info_readable(const void *info, SIZE_T size)
{
    char copy[sizeof(WSAPROTOCOL_INFOW)];
    return !info || ws2kit_read_user(copy, info, size);
}

/* Hands the text out: the length in characters with its NUL, WSAEFAULT
 * (and the length needed) when the buffer is short. */
static int give_text(const char *text, void *out, DWORD *out_len, BOOL wide)
{
    DWORD needed = (DWORD)strlen(text) + 1, have, i;
    WCHAR wtext[ADDRESS_TEXT_MAX];

    if (!out_len || !ws2kit_read_user(&have, out_len, sizeof(have))) return ws2kit_fail(WSAEFAULT);
    if (have < needed || !out)
    {
        if (!ws2kit_write_user(out_len, &needed, sizeof(needed))) return ws2kit_fail(WSAEFAULT);
        return ws2kit_fail(WSAEFAULT);
    }
    for (i = 0; i < needed; i++) wtext[i] = (unsigned char)text[i];
    if (!ws2kit_write_user(out, wide ? (const void *)wtext : (const void *)text, needed * (wide ? sizeof(WCHAR) : 1)) ||
        !ws2kit_write_user(out_len, &needed, sizeof(needed)))
        return ws2kit_fail(WSAEFAULT);
    return ws2kit_succeed();
}

static int address_to_string(const struct sockaddr *addr, DWORD addr_len, void *out, DWORD *out_len, BOOL wide)
{
    char text[ADDRESS_TEXT_MAX];
    int err;

    CHECK_STARTED(SOCKET_ERROR);
    if ((err = address_to_text(addr, addr_len, text))) return ws2kit_fail(err);
    TRACE("%s\n", text);
    return give_text(text, out, out_len, wide);
}

int WINAPI WSAAddressToStringA(struct sockaddr *addr, DWORD addr_len, WSAPROTOCOL_INFOA *info, char *out,
                               DWORD *out_len)
{
    /* Only the TCP/IP providers exist: the family decides, but Windows reads
     * the protocol info, so an unreadable one is WSAEFAULT. */
    if (!protocol_info_readable(info, sizeof(*info))) return ws2kit_fail(WSAEFAULT);
    return address_to_string(addr, addr_len, out, out_len, FALSE);
}

int WINAPI WSAAddressToStringW(struct sockaddr *addr, DWORD addr_len, WSAPROTOCOL_INFOW *info, WCHAR *out,
                               DWORD *out_len)
{
    if (!protocol_info_readable(info, sizeof(*info))) return ws2kit_fail(WSAEFAULT);
    return address_to_string(addr, addr_len, out, out_len, TRUE);
}

/* WSAStringToAddress ---------------------------------------------------- */

#define ADDRESS_INPUT_MAX 256 /* longer than any address text, zero padding aside */

/* Windows hands the text to ntdll's RtlIpv4StringToAddressEx (not strict:
 * inet_addr's classic forms, and a port from 1 to 65535 in any of their
 * bases) or RtlIpv6StringToAddressEx ([addr%scope]:port), which write the
 * address as they go.  Returns TRUE when the whole text was an address. */
static BOOL parse_address_text(const WCHAR *text, int family, SOCKADDR_STORAGE *addr)
{
    struct sockaddr_in *in = (struct sockaddr_in *)addr;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)addr;

    memset(addr, 0, sizeof(*addr));
    addr->ss_family = family;
    if (family == AF_INET) return !RtlIpv4StringToAddressExW(text, FALSE, &in->sin_addr, &in->sin_port);
    return !RtlIpv6StringToAddressExW(text, &in6->sin6_addr, &in6->sin6_scope_id, &in6->sin6_port);
}

/* Text that is no address leaves the caller what the parser wrote of the
 * address, with family, port, scope and flow info 0 (Wine's conformance
 * test records "127.127.127.127:0" as WSAEINVAL, family 0, address
 * 127.127.127.127). */
static void keep_address_only(SOCKADDR_STORAGE *addr)
{
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)addr;

    if (addr->ss_family == AF_INET) ((struct sockaddr_in *)addr)->sin_port = 0;
    else { in6->sin6_port = 0; in6->sin6_scope_id = 0; in6->sin6_flowinfo = 0; }
    addr->ss_family = 0;
}

/* The text as ASCII for traces, a '?' for any other character. */
static const char *text_for_trace(const WCHAR *text, char *buf, size_t size)
{
    size_t i;

    for (i = 0; i < size - 1 && text[i]; i++) buf[i] = text[i] < 0x80 ? (char)text[i] : '?';
    buf[i] = 0;
    return buf;
}

/* Gives the caller the parsed address and its length; the length stays as
 * it was when the text was no address. */
static int string_to_address(const WCHAR *text, BOOL complete, int family, struct sockaddr *out, int *out_len)
{
    SOCKADDR_STORAGE addr;
    char trace[ADDRESS_TEXT_MAX];
    int have, needed;
    BOOL parsed;

    CHECK_STARTED(SOCKET_ERROR);
    if (family == AF_INET) needed = sizeof(struct sockaddr_in);
    else if (family == AF_INET6) needed = sizeof(struct sockaddr_in6);
    else return ws2kit_fail(WSAEINVAL);
    if (!out || !out_len || !ws2kit_read_user(&have, out_len, sizeof(have))) return ws2kit_fail(WSAEFAULT);
    if (have < needed)
    {
        ws2kit_write_user(out_len, &needed, sizeof(needed));
        return ws2kit_fail(WSAEFAULT);
    }
    /* Text too long to copy whole is no address, but its beginning is still
     * parsed, for what Windows would have written of the address. */
    parsed = parse_address_text(text, family, &addr) && complete;
    if (!parsed) keep_address_only(&addr);
    TRACE("%s family %d: %s\n", text_for_trace(text, trace, sizeof(trace)), family,
          parsed ? "parsed" : "not an address");
    if (!ws2kit_write_user(out, &addr, needed)) return ws2kit_fail(WSAEFAULT);
    if (!parsed) return ws2kit_fail(WSAEINVAL);
    if (!ws2kit_write_user(out_len, &needed, sizeof(needed))) return ws2kit_fail(WSAEFAULT);
    return ws2kit_succeed();
}

INT WINAPI WSAStringToAddressA(char *string, INT family, WSAPROTOCOL_INFOA *info, struct sockaddr *addr,
                               INT *addr_len)
{
    char text[ADDRESS_INPUT_MAX];
    WCHAR wide[ADDRESS_INPUT_MAX];
    int copied, i;

    if (!protocol_info_readable(info, sizeof(*info))) return ws2kit_fail(WSAEFAULT);
    if (!string || (copied = ws2kit_copy_user_string(string, text, sizeof(text))) < 0) return ws2kit_fail(WSAEINVAL);
    /* Byte by byte: a byte above 0x7f is no part of an address, as its code
     * page's character would not be either. */
    for (i = 0; i < ADDRESS_INPUT_MAX - 1 && text[i]; i++) wide[i] = (unsigned char)text[i];
    wide[i] = 0;
    return string_to_address(wide, copied > 0, family, addr, addr_len);
}

INT WINAPI WSAStringToAddressW(WCHAR *string, INT family, WSAPROTOCOL_INFOW *info, struct sockaddr *addr,
                               INT *addr_len)
{
    WCHAR text[ADDRESS_INPUT_MAX];
    int copied;

    if (!protocol_info_readable(info, sizeof(*info))) return ws2kit_fail(WSAEFAULT);
    if (!string || (copied = ws2kit_copy_user_wstring(string, text, ADDRESS_INPUT_MAX)) < 0) return ws2kit_fail(WSAEINVAL);
    text[ADDRESS_INPUT_MAX - 1] = 0;
    return string_to_address(text, copied > 0, family, addr, addr_len);
}

/* Wide versions of inet_pton, inet_ntop and gethostname ------------------ */

INT WINAPI InetPtonW(INT family, const WCHAR *string, void *addr)
{
    char text[ADDRESS_TEXT_MAX];
    int copied, ret;

    if (!string || !addr) return ws2kit_fail(WSAEFAULT);
    if (family != AF_INET && family != AF_INET6) return ws2kit_fail(WSAEAFNOSUPPORT);
    /* Text that cannot be an address (too long, not ASCII) is "not an address";
     * text that cannot be read is WSAEFAULT, as Microsoft documents. */
    if ((copied = read_user_wstring(string, text, sizeof(text))) < 0) return ws2kit_fail(WSAEFAULT);
    /* Unlike inet_pton, InetPtonW sets WSAEINVAL when it finds no address. */
    if (copied && (ret = inet_pton(family, text, addr))) return ret;  /* 1, or SOCKET_ERROR (WSAEFAULT) */
    ws2kit_fail(WSAEINVAL);
    return 0;
}

const WCHAR *WINAPI InetNtopW(INT family, const void *addr, WCHAR *buf, size_t size)
{
    char text[ADDRESS_TEXT_MAX];
    WCHAR wide[ADDRESS_TEXT_MAX];
    size_t i, len;

    /* NULL, empty and short buffers as inet_ntop answers them. */
    if (!buf) { ws2kit_fail(STATUS_INVALID_PARAMETER); return NULL; }
    if (!inet_ntop(family, addr, text, sizeof(text))) return NULL;
    len = strlen(text) + 1;
    if (len > size) { ws2kit_fail(STATUS_INVALID_PARAMETER); return NULL; }
    for (i = 0; i < len; i++) wide[i] = (unsigned char)text[i];
    if (!ws2kit_write_user(buf, wide, len * sizeof(WCHAR))) { ws2kit_fail(WSAEFAULT); return NULL; }
    return buf;
}

int WINAPI GetHostNameW(WCHAR *name, int namelen)
{
    char text[256];
    WCHAR wide[256];
    int len;

    CHECK_STARTED(SOCKET_ERROR);
    if (!name || namelen < 0) return ws2kit_fail(WSAEFAULT);
    if (gethostname(text, sizeof(text))) return SOCKET_ERROR;
    len = MultiByteToWideChar(CP_ACP, 0, text, -1, wide, sizeof(wide) / sizeof(wide[0]));
    if (!len || len > namelen) return ws2kit_fail(WSAEFAULT);
    if (!ws2kit_write_user(name, wide, len * sizeof(WCHAR))) return ws2kit_fail(WSAEFAULT);
    return ws2kit_succeed();
}
