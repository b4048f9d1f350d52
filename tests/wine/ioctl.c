/* Ioctls, the area's home: WSAIoctl's argument rules, its completion of
 * unknown codes, and the control codes ws2kit answers (the Windows results
 * are those observed on Windows 10 and recorded in Wine's conformance
 * tests).  SIO_KEEPALIVE_VALS is tested with keep-alive, in keepalive.c. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mstcpip.h>
#include <mswsock.h>
#include <windows.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "ws2kit/sdk_extra.h"
#include "harness.h"
#include "sockpair.h"
#include "ioctlcheck.h"

/* Codes Windows does not know fail at once without an OVERLAPPED, and pend
 * and fail through the completion with one. */
static void test_unknown_codes(void)
{
    /* Unknown codes, and the ones Windows' TCP/IP provider does not implement. */
    static const DWORD codes[] = { 0xdeadbeef, FIOASYNC, 0x667e, SIO_FLUSH, SIO_GET_QOS, SIO_SET_QOS,
                                   SIO_GET_GROUP_QOS, SIO_SET_GROUP_QOS, SIO_TRANSLATE_HANDLE };
    OVERLAPPED ov, *got;
    ULONG_PTR key;
    DWORD size;
    unsigned int i;
    HANDLE port;
    SOCKET s;
    int ret;

    for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
    {
        s = socket(AF_INET, SOCK_STREAM, 0);
        if (codes[i] == SIO_GET_QOS)
        {
            /* The QoS codes fail because the provider says it has no QoS. */
            WSAPROTOCOL_INFOW info;
            int len = sizeof(info);
            ok(!getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&info, &len) &&
               !(info.dwServiceFlags1 & XP1_QOS_SUPPORTED), "the TCP provider claims QoS: %#lx\n",
               info.dwServiceFlags1);
        }
        port = CreateIoCompletionPort((HANDLE)s, NULL, 123, 0);
        memset(&ov, 0, sizeof(ov));

        ret = WSAIoctl(s, codes[i], NULL, 0, NULL, 0, NULL, &ov, NULL);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "%#lx: NULL count: %d %d\n", codes[i], ret,
           WSAGetLastError());
        size = 0xdeadbeef;
        ret = WSAIoctl(s, codes[i], NULL, 0, NULL, 0, &size, NULL, NULL);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEOPNOTSUPP, "%#lx: %d %d\n", codes[i], ret,
           WSAGetLastError());
        ok_int(size, 0, "%#lx: size %lu\n", codes[i], size);

        size = 0xdeadbeef;
        ov.Internal = ov.InternalHigh = 0xdeadbeef;
        ret = WSAIoctl(s, codes[i], NULL, 0, NULL, 0, &size, &ov, NULL);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "%#lx overlapped: %d %d\n", codes[i], ret,
           WSAGetLastError());
        ok_int(size, 0xdeadbeef, "%#lx: size touched: %lu\n", codes[i], size);
        got = NULL;
        ret = GetQueuedCompletionStatus(port, &size, &key, &got, 0);
        ok(!ret && GetLastError() == ERROR_NOT_SUPPORTED, "%#lx: packet %d %lu\n", codes[i], ret, GetLastError());
        ok(key == 123 && got == &ov && size == 0, "%#lx: key %Iu overlapped %p size %lu\n", codes[i], key, got, size);
        ok(ov.Internal == STATUS_NOT_SUPPORTED_ && ov.InternalHigh == 0, "%#lx: Internal %#Ix/%Iu\n", codes[i],
           ov.Internal, ov.InternalHigh);
        CloseHandle(port);
        closesocket(s);

        s = socket(AF_INET, SOCK_STREAM, 0);
        apc_count = 0;
        ret = WSAIoctl(s, codes[i], NULL, 0, NULL, 0, &size, &ov, apc);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "%#lx with a routine: %d %d\n", codes[i],
           ret, WSAGetLastError());
        ok_int(SleepEx(0, TRUE), WAIT_IO_COMPLETION, "%#lx: no APC\n", codes[i]);
        ok(apc_count == 1 && apc_error == WSAEOPNOTSUPP && apc_size == 0, "%#lx: APC %d %lu %lu\n", codes[i],
           apc_count, apc_error, apc_size);
        closesocket(s);
    }
}

/* lpcbBytesReturned ("the count") as Windows writes it, recorded by Wine's
 * conformance tests (sock.c: test_fionbio, test_fionread_siocatmark,
 * test_keepalive_vals, test_get_extension_func, test_address_list_query,
 * test_sioRoutingInterfaceQuery, test_get_interface_list).  SIO_KEEPALIVE_VALS's
 * is checked with keep-alive, in keepalive.c. */

static void test_fionbio_count(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    u_long one = 1;

    check_answered_at_once(s, FIONBIO, &one, sizeof(one), NULL, 0, 0, "FIONBIO");
    closesocket(s);
    s = socket(AF_INET, SOCK_STREAM, 0);
    check_answered_at_once_apc(s, FIONBIO, &one, sizeof(one), NULL, 0, 0, "FIONBIO");
    closesocket(s);
}

/* FIONREAD and SIOCATMARK: a short output leaves the count alone. */
static void test_fionread_siocatmark_count(void)
{
    static const DWORD codes[] = { FIONREAD, SIOCATMARK };
    static const char *names[] = { "FIONREAD", "SIOCATMARK" };
    SOCKET s;
    DWORD size;
    int i, ret, value;

    for (i = 0; i < 2; i++)
    {
        s = socket(AF_INET, SOCK_STREAM, 0);
        size = 0xdeadbeef;
        ret = WSAIoctl(s, codes[i], NULL, 0, &value, sizeof(value) - 1, &size, NULL, NULL);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "%s short: %d %d\n", names[i], ret,
           WSAGetLastError());
        ok_int(size, 0xdeadbeef, "%s short: count %lu\n", names[i], size);
        check_answered_at_once(s, codes[i], NULL, 0, &value, sizeof(value), sizeof(value), names[i]);
        closesocket(s);
        s = socket(AF_INET, SOCK_STREAM, 0);
        check_answered_at_once_apc(s, codes[i], NULL, 0, &value, sizeof(value), sizeof(value), names[i]);
        closesocket(s);
    }
}

/* Waits until WSAPoll reports one of the events on s (at most 1 s). */
static BOOL wait_events(SOCKET s, SHORT events)
{
    WSAPOLLFD fd = { s, events, 0 };
    return WSAPoll(&fd, 1, 1000) == 1 && (fd.revents & events);
}

static void check_read_mark(SOCKET s, ULONG normal, ULONG at_mark, const char *when)
{
    ULONG value = 0xdeadbeef;
    int ret = ioctlsocket(s, FIONREAD, &value);

    ok(!ret && value == normal, "%s: FIONREAD %d %lu, expected %lu\n", when, ret, value, normal);
    value = 0xdeadbeef;
    ret = ioctlsocket(s, SIOCATMARK, &value);
    ok(!ret && value == at_mark, "%s: SIOCATMARK %d %lu, expected %lu\n", when, ret, value, at_mark);
}

/* SIOCATMARK is FALSE while an urgent byte waits to be read out of band,
 * and with SO_OOBINLINE while a byte that came before the option was set
 * waits; one that comes while it is on is normal data (Windows, recorded in
 * Wine's conformance test_fionread_siocatmark). */
static void test_siocatmark_urgent_data(void)
{
    struct pair p;
    char buffer[8];
    BOOL on = TRUE;

    if (!make_pair(&p)) { skip("no loopback connection\n"); return; }
    check_read_mark(p.client, 0, TRUE, "nothing sent");
    send(p.server, "data", 4, 0);
    send(p.server, "a", 1, MSG_OOB);
    ok(wait_events(p.client, POLLRDBAND), "urgent byte not seen\n");
    check_read_mark(p.client, 4, FALSE, "urgent byte waiting");
    ok_int(recv(p.client, buffer, sizeof(buffer), 0), 4, "normal data: %d\n", WSAGetLastError());
    check_read_mark(p.client, 0, FALSE, "urgent byte still waiting");
    ok_int(recv(p.client, buffer, 1, MSG_OOB), 1, "urgent byte: %d\n", WSAGetLastError());
    check_read_mark(p.client, 0, TRUE, "urgent byte read");

    send(p.server, "b", 1, MSG_OOB);
    ok(wait_events(p.client, POLLRDBAND), "second urgent byte not seen\n");
    ok(!setsockopt(p.client, SOL_SOCKET, SO_OOBINLINE, (char *)&on, sizeof(on)), "SO_OOBINLINE: %d\n",
       WSAGetLastError());
    check_read_mark(p.client, 1, FALSE, "inline, byte came before");
    ok(recv(p.client, buffer, 1, 0) == 1 && buffer[0] == 'b', "inline byte: %d\n", WSAGetLastError());
    check_read_mark(p.client, 0, TRUE, "inline byte read");
    send(p.server, "c", 1, MSG_OOB);
    ok(wait_events(p.client, POLLRDNORM), "inline urgent byte not seen\n");
    check_read_mark(p.client, 1, TRUE, "inline, byte came after");
    free_pair(&p);
}

static void nonblocking(SOCKET s)
{
    u_long on = 1;
    ok(!ioctlsocket(s, FIONBIO, &on), "FIONBIO: %d\n", WSAGetLastError());
}

/* ws2kit.so finds where a queued urgent byte sits in the stream only
 * through sock_diag: on a kernel without it (tests/wine/run.sh asks) the
 * checks of bytes cut out of normal data are skipped, counted. */
static BOOL can_cut_urgent_bytes(void)
{
    if (harness_host_sock_diag()) return TRUE;
    skip("this kernel answers no sock_diag: ws2kit cannot cut queued urgent bytes out of normal data\n");
    return FALSE;
}

/* Each urgent byte waits out of the stream in a queue of its own: a second
 * one does not push the first into the normal data (Linux would), and they
 * come out of band in order (Windows, Wine's conformance
 * test_fionread_siocatmark). */
static void test_urgent_bytes_queue_out_of_band(void)
{
    char buffer[8] = { 0 };
    struct pair p;
    int ret;

    if (!can_cut_urgent_bytes()) return;
    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    nonblocking(p.client);   /* a failure must not hang */
    check_read_mark(p.client, 0, TRUE, "nothing sent");
    send(p.server, "data", 4, 0);
    send(p.server, "x", 1, MSG_OOB);
    ok(wait_events(p.client, POLLRDBAND), "urgent byte not seen\n");
    send(p.server, "y", 1, MSG_OOB);
    Sleep(50);
    check_read_mark(p.client, 4, FALSE, "two urgent bytes waiting");
    ret = recv(p.client, buffer, 2, 0);
    ok(ret == 2 && !memcmp(buffer, "da", 2), "normal data: %d %.2s\n", ret, buffer);
    check_read_mark(p.client, 2, FALSE, "two urgent bytes, 2 normal bytes");
    ret = recv(p.client, buffer, 1, MSG_OOB);
    ok(ret == 1 && buffer[0] == 'x', "first urgent byte: %d %c\n", ret, buffer[0]);
    ok(wait_events(p.client, POLLRDBAND), "second urgent byte not reported\n");
    ret = recv(p.client, buffer, sizeof(buffer), 0);
    ok(ret == 2 && !memcmp(buffer, "ta", 2), "the rest of the normal data: %d %.*s\n", ret, ret > 0 ? ret : 0,
       buffer);
    check_read_mark(p.client, 0, FALSE, "second urgent byte waiting");
    ret = recv(p.client, buffer, 1, MSG_OOB);
    ok(ret == 1 && buffer[0] == 'y', "second urgent byte: %d %c\n", ret, buffer[0]);
    check_read_mark(p.client, 0, TRUE, "both urgent bytes read");
    send(p.server, "more", 4, 0);
    ok(wait_events(p.client, POLLRDNORM), "normal data after urgent data not seen\n");
    memset(buffer, 0, sizeof(buffer));
    ret = recv(p.client, buffer, sizeof(buffer), 0);
    ok(ret == 4 && !memcmp(buffer, "more", 4), "normal data after urgent data: %d %.*s\n", ret,
       ret > 0 ? ret : 0, buffer);
    free_pair(&p);
}

/* Two urgent bytes that come while the program makes no call on the socket
 * both wait out of band (Windows keeps each; ws2kit takes each from Linux
 * as it comes, once the program has used urgent data on the socket). */
static void test_urgent_bytes_kept_between_calls(void)
{
    char byte = 0;
    struct pair p;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    nonblocking(p.client);   /* a failure must not hang */
    check_read_mark(p.client, 0, TRUE, "nothing sent");
    ok(send(p.server, "a", 1, MSG_OOB) == 1, "send: %d\n", WSAGetLastError());
    Sleep(100);
    ok(send(p.server, "b", 1, MSG_OOB) == 1, "send: %d\n", WSAGetLastError());
    Sleep(100);
    check_read_mark(p.client, 0, FALSE, "two urgent bytes came");
    ok(recv(p.client, &byte, 1, MSG_OOB) == 1 && byte == 'a', "first urgent byte: %c\n", byte);
    ok(recv(p.client, &byte, 1, MSG_OOB) == 1 && byte == 'b', "second urgent byte: %c\n", byte);
    check_read_mark(p.client, 0, TRUE, "both read");
    free_pair(&p);
}

/* Receives until `want` bytes came, or none for 1 s; the count. */
static int recv_all(SOCKET s, char *buffer, int want)
{
    int got = 0, ret;

    while (got < want && wait_events(s, POLLRDNORM) && (ret = recv(s, buffer + got, want - got, 0)) > 0) got += ret;
    return got;
}

/* Of a send of several bytes with MSG_OOB only the last is urgent; one that
 * waits when SO_OOBINLINE is set is normal data from then on (Windows,
 * sock.c do_test's oob_client, test_fionread_siocatmark). */
static void test_urgent_send_makes_last_byte_urgent(void)
{
    char buffer[8] = { 0 };
    BOOL on = TRUE;
    struct pair p;
    int ret;

    if (!can_cut_urgent_bytes()) return;
    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    nonblocking(p.client);   /* a failure must not hang */
    ok(send(p.server, "abc", 3, MSG_OOB) == 3, "send: %d\n", WSAGetLastError());
    ok(wait_events(p.client, POLLRDBAND), "urgent byte not seen\n");
    ok(send(p.server, "def", 3, MSG_OOB) == 3, "send: %d\n", WSAGetLastError());
    Sleep(50);
    check_read_mark(p.client, 4, FALSE, "two sends of 3 bytes with MSG_OOB");
    ret = recv_all(p.client, buffer, 4);
    ok(ret == 4 && !memcmp(buffer, "abde", 4), "normal data: %d %.*s\n", ret, ret, buffer);
    check_read_mark(p.client, 0, FALSE, "normal data read");
    ok(recv(p.client, buffer, 1, MSG_OOB) == 1 && buffer[0] == 'c', "first urgent byte: %c\n", buffer[0]);
    ok(recv(p.client, buffer, 1, MSG_OOB) == 1 && buffer[0] == 'f', "second urgent byte: %c\n", buffer[0]);
    check_read_mark(p.client, 0, TRUE, "urgent bytes read");

    ok(send(p.server, "gh", 2, MSG_OOB) == 2, "send: %d\n", WSAGetLastError());
    ok(wait_events(p.client, POLLRDBAND), "urgent byte not seen\n");
    ok(!setsockopt(p.client, SOL_SOCKET, SO_OOBINLINE, (char *)&on, sizeof(on)), "SO_OOBINLINE: %d\n",
       WSAGetLastError());
    check_read_mark(p.client, 2, FALSE, "inline, the urgent byte came before");
    ret = recv_all(p.client, buffer, 2);
    ok(ret == 2 && !memcmp(buffer, "gh", 2), "inline: %d %.*s\n", ret, ret, buffer);
    check_read_mark(p.client, 0, TRUE, "all read inline");
    free_pair(&p);
}

static void test_extension_function_count(void)
{
    GUID acceptex = WSAID_ACCEPTEX, bogus = { 0xdeadbeef };
    OVERLAPPED ov = { 0 };
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    DWORD size;
    void *function;
    int ret;

    check_answered_at_once(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &acceptex, sizeof(acceptex), &function,
                           sizeof(function), sizeof(function), "AcceptEx");
    /* An unknown GUID fails at once and leaves the count and the OVERLAPPED alone. */
    size = 0xdeadbeef;
    ov.Internal = ov.InternalHigh = 0xdeadbeef;
    ret = WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &bogus, sizeof(bogus), &function, sizeof(function), &size,
                   &ov, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "bogus GUID: %d %d\n", ret, WSAGetLastError());
    ok(size == 0xdeadbeef && ov.Internal == 0xdeadbeef && ov.InternalHigh == 0xdeadbeef,
       "bogus GUID: count %lu Internal %#Ix/%#Ix\n", size, ov.Internal, ov.InternalHigh);
    closesocket(s);
    s = socket(AF_INET, SOCK_STREAM, 0);
    check_answered_at_once_apc(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &acceptex, sizeof(acceptex), &function,
                               sizeof(function), sizeof(function), "AcceptEx");
    closesocket(s);
}

/* A handle that is no socket is refused at once, and its OVERLAPPED is left
 * as it was: no provider's driver ever saw the request (Wine 10's device
 * left it pending for ever when ws2kit let it through). */
static void test_overlapped_on_a_pipe(void)
{
    HANDLE reader, writer;
    OVERLAPPED ov = { 0 };
    DWORD size = 0xdead, code;
    static const DWORD codes[] = { 0x12345678 /* unknown */, SIO_KEEPALIVE_VALS, FIONBIO, SIO_BASE_HANDLE };
    struct tcp_keepalive ka = { 1, 1000, 1000 };
    int i;

    ok(CreatePipe(&reader, &writer, NULL, 0), "CreatePipe\n");
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    for (i = 0; i < (int)ARRAYSIZE(codes); i++)
    {
        code = codes[i];
        ov.Internal = 0x1234;
        WSASetLastError(0);
        ok(WSAIoctl((SOCKET)writer, code, &ka, sizeof(ka), NULL, 0, &size, &ov, NULL) == SOCKET_ERROR &&
           WSAGetLastError() == WSAENOTSOCK, "code %#lx on a pipe: error %d\n", code, WSAGetLastError());
        ok_int(ov.Internal, 0x1234, "code %#lx on a pipe: Internal %#Ix\n", code, ov.Internal);
        ok_int(WaitForSingleObject(ov.hEvent, 0), WAIT_TIMEOUT, "code %#lx on a pipe: the event was set\n", code);
    }
    CloseHandle(ov.hEvent);
    CloseHandle(reader);
    CloseHandle(writer);
}

static void test_base_handle(void)
{
    static const DWORD codes[] = { SIO_BASE_HANDLE, SIO_BSP_HANDLE, SIO_BSP_HANDLE_SELECT, SIO_BSP_HANDLE_POLL };
    OVERLAPPED ov = { 0 }, *got;
    SOCKET s, base;
    ULONG_PTR key;
    DWORD size;
    HANDLE port;
    unsigned int i;
    int ret;

    for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
    {
        s = socket(AF_INET, SOCK_STREAM, 0);
        port = CreateIoCompletionPort((HANDLE)s, NULL, 7, 0);
        base = 0;
        size = 0;
        ret = WSAIoctl(s, codes[i], NULL, 0, &base, sizeof(base), &size, NULL, NULL);
        ok(!ret && base == s && size == sizeof(base), "%#lx: %d base %#Ix size %lu\n", codes[i], ret, base, size);
        ret = WSAIoctl(s, codes[i], NULL, 0, &base, sizeof(base) - 1, &size, NULL, NULL);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "%#lx short: %d %d\n", codes[i], ret,
           WSAGetLastError());
        base = 0xdeadbeef;
        size = 0xdeadbeef;
        ret = WSAIoctl(s, codes[i], NULL, 0, &base, sizeof(base), &size, &ov, NULL);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "%#lx overlapped: %d %d\n", codes[i], ret,
           WSAGetLastError());
        ok(base == 0xdeadbeef && size == 0xdeadbeef, "%#lx overlapped wrote %#Ix %lu\n", codes[i], base, size);
        ok(!GetQueuedCompletionStatus(port, &size, &key, &got, 0) && GetLastError() == ERROR_NOT_SUPPORTED,
           "%#lx: packet %lu\n", codes[i], GetLastError());
        CloseHandle(port);
        closesocket(s);
    }
}

static void test_address_list_query(void)
{
    char buffer[4096];
    SOCKET_ADDRESS_LIST *list = (SOCKET_ADDRESS_LIST *)buffer;
    OVERLAPPED ov = { 0 };
    DWORD size, needed, expect;
    unsigned int i;
    int family, ret;

    for (family = AF_INET; family <= AF_INET6; family += AF_INET6 - AF_INET)
    {
        SOCKET s = socket(family, SOCK_STREAM, 0);

        size = 0;
        ret = WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, NULL, 0, &size, NULL, NULL);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "%d: no buffer: %d %d\n", family, ret,
           WSAGetLastError());
        ok(size >= offsetof(SOCKET_ADDRESS_LIST, Address[0]), "%d: needed %lu\n", family, size);
        needed = size;

        size = 0;
        ret = WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer, sizeof(buffer), &size, NULL, NULL);
        ok(!ret && size == needed, "%d: %d size %lu, needed %lu\n", family, ret, size, needed);
        expect = offsetof(SOCKET_ADDRESS_LIST, Address[list->iAddressCount]);
        for (i = 0; i < (unsigned int)list->iAddressCount; i++)
        {
            const struct sockaddr *sa = list->Address[i].lpSockaddr;
            expect += list->Address[i].iSockaddrLength;
            ok(sa && (char *)sa >= buffer && (char *)sa < buffer + size, "%d: address %u points outside\n", family, i);
            if (sa) ok_int(sa->sa_family, family, "%d: address %u family %u\n", family, i, sa->sa_family);
        }
        ok_int(size, expect, "%d: size %lu, the list adds up to %lu\n", family, size, expect);

        size = 0xdeadbeef;
        ret = WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer, 1, &size, NULL, NULL);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL && size == 0, "%d: 1 byte: %d %d %lu\n", family,
           ret, WSAGetLastError(), size);

        memset(buffer, 0xcc, sizeof(buffer));
        size = 0xdeadbeef;
        ret = WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer, offsetof(SOCKET_ADDRESS_LIST, Address[0]),
                       &size, NULL, NULL);
        if (needed > offsetof(SOCKET_ADDRESS_LIST, Address[0]))
        {
            ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT && size == needed, "%d: header only: %d %d %lu\n",
               family, ret, WSAGetLastError(), size);
            ok_int(list->iAddressCount, (INT)0xcccccccc, "%d: a failed query wrote the count\n", family);
        }

        /* A user-mode code: an OVERLAPPED is left alone when it fails. */
        size = 0xdeadbeef;
        ov.Internal = ov.InternalHigh = 0xdeadbeef;
        ret = WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer, 0, &size, &ov, NULL);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT && size == needed, "%d: overlapped: %d %d %lu\n",
           family, ret, WSAGetLastError(), size);
        ok(ov.Internal == 0xdeadbeef && ov.InternalHigh == 0xdeadbeef, "%d: Internal %#Ix/%#Ix\n", family,
           ov.Internal, ov.InternalHigh);
        check_answered_at_once(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer, sizeof(buffer), needed, "address list");
        closesocket(s);
        s = socket(family, SOCK_STREAM, 0);
        check_answered_at_once_apc(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer, sizeof(buffer), needed,
                                   "address list");
        closesocket(s);
    }
}

/* With an OVERLAPPED, SIO_GET_INTERFACE_LIST always pends and leaves the
 * count alone: the completion carries the list's size, or a short buffer's
 * STATUS_BUFFER_TOO_SMALL. */
static void test_interface_list_overlapped(DWORD expect)
{
    INTERFACE_INFO info[64];
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    HANDLE port = CreateIoCompletionPort((HANDLE)s, NULL, 123, 0);
    OVERLAPPED ov = { 0 }, *got;
    ULONG_PTR key;
    DWORD size = 0xdeadbeef;
    int ret;

    ov.Internal = ov.InternalHigh = 0xdeadbeef;
    ret = WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, info, sizeof(info), &size, &ov, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "list overlapped: %d %d\n", ret,
       WSAGetLastError());
    ok_int(size, 0xdeadbeef, "list overlapped: count %lu\n", size);
    got = NULL;
    ok(GetQueuedCompletionStatus(port, &size, &key, &got, 100), "list: no packet: %lu\n", GetLastError());
    ok(key == 123 && got == &ov, "list: packet key %Iu overlapped %p\n", key, got);
    ok_int(size, expect, "list: the port's packet carries %lu bytes, expected %lu\n", size, expect);
    ok(ov.Internal == 0 && ov.InternalHigh == expect, "list: Internal %#Ix/%Iu, expected size %lu\n", ov.Internal,
       ov.InternalHigh, expect);

    size = 0xdeadbeef;
    ov.Internal = ov.InternalHigh = 0xdeadbeef;
    ret = WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, info, sizeof(info[0]) - 1, &size, &ov, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "short list overlapped: %d %d\n", ret,
       WSAGetLastError());
    ok_int(size, 0xdeadbeef, "short list overlapped: count %lu\n", size);
    got = NULL;
    ok(!GetQueuedCompletionStatus(port, &size, &key, &got, 100) && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
       "short list: packet %lu\n", GetLastError());
    ok(got == &ov && size == 0, "short list: packet overlapped %p bytes %lu\n", got, size);
    ok(ov.Internal == STATUS_BUFFER_TOO_SMALL_ && ov.InternalHigh == 0, "short list: Internal %#Ix/%Iu\n",
       ov.Internal, ov.InternalHigh);
    CloseHandle(port);
    closesocket(s);

    s = socket(AF_INET, SOCK_STREAM, 0);
    memset(&ov, 0, sizeof(ov));
    apc_count = 0;
    size = 0xdeadbeef;
    ret = WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, info, sizeof(info[0]) - 1, &size, &ov, apc);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING && size == 0xdeadbeef,
       "short list with a routine: %d %d count %lu\n", ret, WSAGetLastError(), size);
    ok_int(SleepEx(100, TRUE), WAIT_IO_COMPLETION, "short list: no routine\n");
    ok(apc_count == 1 && apc_error == WSAEFAULT && apc_size == 0, "short list: routine %d error %lu bytes %lu\n",
       apc_count, apc_error, apc_size);
    closesocket(s);
}

static void test_interface_list(void)
{
    INTERFACE_INFO info[64];
    SOCKET s = socket(AF_INET, SOCK_DGRAM, 0);
    DWORD size = 0, i, expect;
    BOOL loopback = FALSE;
    int ret;

    ret = WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, info, sizeof(info), &size, NULL, NULL);
    ok(!ret && size && size % sizeof(info[0]) == 0, "interface list: %d %d size %lu\n", ret, WSAGetLastError(), size);
    for (i = 0; !ret && i < size / sizeof(info[0]); i++)
    {
        struct sockaddr_in *addr = &info[i].iiAddress.AddressIn;
        ok_int(addr->sin_family, AF_INET, "entry %lu family %u\n", i, addr->sin_family);
        ok(info[i].iiFlags & IFF_UP, "entry %lu is not up\n", i);
        if (addr->sin_addr.s_addr == htonl(INADDR_LOOPBACK))
        {
            loopback = TRUE;
            ok(info[i].iiFlags & IFF_LOOPBACK, "127.0.0.1 without IFF_LOOPBACK (%#lx)\n", info[i].iiFlags);
            ok_int(info[i].iiNetmask.AddressIn.sin_addr.s_addr, htonl(0xff000000), "loopback netmask %#lx\n",
               info[i].iiNetmask.AddressIn.sin_addr.s_addr);
        }
    }
    ok(loopback, "127.0.0.1 is not in the list\n");
    expect = size;
    size = 0xdeadbeef;
    ret = WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, info, sizeof(info[0]) - 1, &size, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "short buffer: %d %d\n", ret, WSAGetLastError());
    ok_int(size, 0, "short buffer: count %lu\n", size);
    closesocket(s);
    if (expect) test_interface_list_overlapped(expect);
}

/* A failed SIO_ROUTING_INTERFACE_QUERY leaves the count alone, but for a
 * short output, where it is the size the address needs. */
static void check_route_error(SOCKET s, void *in, DWORD in_size, void *out, DWORD out_size, int error,
                              DWORD expect, const char *name)
{
    DWORD size = 0xdeadbeef;
    int ret = WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, in, in_size, out, out_size, &size, NULL, NULL);

    ok(ret == SOCKET_ERROR && WSAGetLastError() == error, "route, %s: %d %d\n", name, ret, WSAGetLastError());
    ok_int(size, expect, "route, %s: count %lu, expected %lu\n", name, size, expect);
}

static void test_routing_interface_query(void)
{
    struct sockaddr_in dest = { AF_INET }, local;
    struct sockaddr_in6 dest6 = { AF_INET6 }, local6;
    SOCKET s = socket(AF_INET, SOCK_DGRAM, 0), s6 = socket(AF_INET6, SOCK_DGRAM, 0);
    DWORD size = 0;
    int ret;

    dest.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    dest.sin_port = htons(9);
    memset(&local, 0xcc, sizeof(local));
    ret = WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &dest, sizeof(dest), &local, sizeof(local), &size, NULL, NULL);
    ok(!ret && size == sizeof(local), "route to 127.0.0.1: %d %d size %lu\n", ret, WSAGetLastError(), size);
    ok(local.sin_family == AF_INET && local.sin_addr.s_addr == htonl(INADDR_LOOPBACK) && !local.sin_port,
       "route to 127.0.0.1 leaves from %#lx:%u\n", local.sin_addr.s_addr, ntohs(local.sin_port));

    dest6.sin6_addr.s6_addr[15] = 1;
    ret = WSAIoctl(s6, SIO_ROUTING_INTERFACE_QUERY, &dest6, sizeof(dest6), &local6, sizeof(local6), &size, NULL, NULL);
    ok(!ret && size == sizeof(local6) && local6.sin6_family == AF_INET6 && local6.sin6_addr.s6_addr[15] == 1,
       "route to ::1: %d %d size %lu\n", ret, WSAGetLastError(), size);

    check_route_error(s, &dest, sizeof(dest) - 1, &local, sizeof(local), WSAEINVAL, 0xdeadbeef, "short input");
    check_route_error(s, NULL, sizeof(dest), &local, sizeof(local), WSAEINVAL, 0xdeadbeef, "no input");
    check_route_error(s, &dest, sizeof(dest), &local, sizeof(local) - 1, WSAEFAULT, sizeof(local), "short output");
    check_route_error(s, &dest, sizeof(dest), NULL, sizeof(local), WSAEFAULT, 0xdeadbeef, "no output");
    check_answered_at_once(s, SIO_ROUTING_INTERFACE_QUERY, &dest, sizeof(dest), &local, sizeof(local),
                           sizeof(local), "route");
    closesocket(s);
    s = socket(AF_INET, SOCK_DGRAM, 0);
    check_answered_at_once_apc(s, SIO_ROUTING_INTERFACE_QUERY, &dest, sizeof(dest), &local, sizeof(local),
                               sizeof(local), "route");
    dest.sin_addr.s_addr = htonl(INADDR_ANY);
    check_route_error(s, &dest, sizeof(dest), &local, sizeof(local), WSAEINVAL, 0xdeadbeef, "unspecified address");
    dest.sin_family = AF_UNSPEC;
    check_route_error(s, &dest, sizeof(dest), &local, sizeof(local), WSAEAFNOSUPPORT, 0xdeadbeef, "no family");
    closesocket(s);
    closesocket(s6);
}

static void test_tcp_info(void)
{
    TCP_INFO_v1 info;
    struct pair p;
    char data[3000] = { 0 }, sink[3000];
    DWORD version, size;
    ULONG64 then;
    int ret, got = 0;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    ok_int(send(p.client, data, sizeof(data), 0), sizeof(data), "send failed\n");
    while (got < (int)sizeof(data) && (ret = recv(p.server, sink, sizeof(sink), 0)) > 0) got += ret;

    version = 0;
    memset(&info, 0xcc, sizeof(info));
    ret = WSAIoctl(p.client, SIO_TCP_INFO, &version, sizeof(version), &info, sizeof(TCP_INFO_v0), &size, NULL, NULL);
    ok(!ret && size == sizeof(TCP_INFO_v0), "v0: %d %d size %lu\n", ret, WSAGetLastError(), size);
    ok_int(info.State, TCPSTATE_ESTABLISHED, "state %d\n", info.State);
    ok(info.Mss > 0 && info.Mss <= 65535, "mss %lu\n", info.Mss);
    ok(info.BytesOut >= sizeof(data), "bytes out %llu\n", info.BytesOut);
    ok(info.ConnectionTimeMs < 60000, "connected %llu ms ago\n", info.ConnectionTimeMs);
    ok_int(info.SndLimTransRwin, 0xcccccccc, "v0 wrote past its size\n");
    /* The connection's age grows with time (a constant would pass the above). */
    then = info.ConnectionTimeMs;
    Sleep(2000);
    ret = WSAIoctl(p.client, SIO_TCP_INFO, &version, sizeof(version), &info, sizeof(TCP_INFO_v0), &size, NULL, NULL);
    ok(!ret && info.ConnectionTimeMs >= then + 1900 && info.ConnectionTimeMs <= then + 6000,
       "ConnectionTimeMs %llu 2 s after %llu\n", info.ConnectionTimeMs, then);

    version = 1;
    ret = WSAIoctl(p.server, SIO_TCP_INFO, &version, sizeof(version), &info, sizeof(info), &size, NULL, NULL);
    ok(!ret && size == sizeof(TCP_INFO_v1), "v1: %d %d size %lu\n", ret, WSAGetLastError(), size);
    ok(info.State == TCPSTATE_ESTABLISHED && info.BytesIn >= sizeof(data), "v1 state %d bytes in %llu\n", info.State,
       info.BytesIn);

    ret = WSAIoctl(p.client, SIO_TCP_INFO, &version, sizeof(version), &info, sizeof(TCP_INFO_v0), &size, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "v1 into v0's size: %d %d\n", ret, WSAGetLastError());
    version = 2;
    ret = WSAIoctl(p.client, SIO_TCP_INFO, &version, sizeof(version), &info, sizeof(info), &size, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "version 2: %d %d\n", ret, WSAGetLastError());
    free_pair(&p);
}

static void test_ideal_send_backlog(void)
{
    struct pair p;
    SOCKET udp = socket(AF_INET, SOCK_DGRAM, 0), fresh = socket(AF_INET, SOCK_STREAM, 0);
    ULONG backlog = 0;
    DWORD size;
    int ret;

    if (!ok(make_pair(&p), "no loopback connection: error %d\n", WSAGetLastError())) return;
    ret = WSAIoctl(p.client, SIO_IDEAL_SEND_BACKLOG_QUERY, NULL, 0, &backlog, sizeof(backlog), &size, NULL, NULL);
    /* Windows' initial ideal send backlog, not Linux's send buffer. */
    ok(!ret && backlog == 0x10000 && size == sizeof(backlog), "backlog: %d %d %#lx\n", ret, WSAGetLastError(),
       backlog);
    ret = WSAIoctl(fresh, SIO_IDEAL_SEND_BACKLOG_QUERY, NULL, 0, &backlog, sizeof(backlog), &size, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOTCONN, "unconnected: %d %d\n", ret, WSAGetLastError());
    ret = WSAIoctl(udp, SIO_IDEAL_SEND_BACKLOG_QUERY, NULL, 0, &backlog, sizeof(backlog), &size, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEOPNOTSUPP, "UDP: %d %d\n", ret, WSAGetLastError());
    closesocket(udp);
    closesocket(fresh);
    free_pair(&p);
}

static void test_multicast_codes(void)
{
    SOCKET s = socket(AF_INET, SOCK_DGRAM, 0);
    DWORD size, value;
    int ret, len = sizeof(value);

    value = 0;
    ret = WSAIoctl(s, SIO_MULTIPOINT_LOOPBACK, &value, sizeof(value), NULL, 0, &size, NULL, NULL);
    ok(!ret, "SIO_MULTIPOINT_LOOPBACK: %d\n", WSAGetLastError());
    value = 0xdeadbeef;
    ok(!getsockopt(s, IPPROTO_IP, IP_MULTICAST_LOOP, (char *)&value, &len) && !value, "loop now %lu\n", value);
    value = 7;
    ret = WSAIoctl(s, SIO_MULTICAST_SCOPE, &value, sizeof(value), NULL, 0, &size, NULL, NULL);
    ok(!ret, "SIO_MULTICAST_SCOPE: %d\n", WSAGetLastError());
    len = sizeof(value);
    value = 0;
    ok(!getsockopt(s, IPPROTO_IP, IP_MULTICAST_TTL, (char *)&value, &len) && value == 7, "ttl now %lu\n", value);
    closesocket(s);
}

/* SIO_LOOPBACK_FAST_PATH: TCP only, before the connection exists. */
static void test_loopback_fast_path(void)
{
    SOCKET tcp = socket(AF_INET, SOCK_STREAM, 0), udp = socket(AF_INET, SOCK_DGRAM, 0);
    SOCKET listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = { AF_INET };
    struct pair p;
    BOOL on = TRUE;
    DWORD size;
    int ret;

    size = 0xdeadbeef;
    ret = WSAIoctl(tcp, SIO_LOOPBACK_FAST_PATH, &on, sizeof(on), NULL, 0, &size, NULL, NULL);
    ok(!ret && size == 0, "fresh TCP socket: %d %d size %lu\n", ret, WSAGetLastError(), size);
    ret = WSAIoctl(tcp, SIO_LOOPBACK_FAST_PATH, &on, sizeof(on) - 1, NULL, 0, &size, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "short input: %d %d\n", ret, WSAGetLastError());
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok(!bind(listener, (struct sockaddr *)&addr, sizeof(addr)) && !listen(listener, 1), "listen failed\n");
    ret = WSAIoctl(listener, SIO_LOOPBACK_FAST_PATH, &on, sizeof(on), NULL, 0, &size, NULL, NULL);
    ok(!ret, "listener: %d %d\n", ret, WSAGetLastError());
    ret = WSAIoctl(udp, SIO_LOOPBACK_FAST_PATH, &on, sizeof(on), NULL, 0, &size, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEOPNOTSUPP, "UDP: %d %d\n", ret, WSAGetLastError());
    if (make_pair(&p))
    {
        ret = WSAIoctl(p.client, SIO_LOOPBACK_FAST_PATH, &on, sizeof(on), NULL, 0, &size, NULL, NULL);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "connected: %d %d\n", ret, WSAGetLastError());
        free_pair(&p);
    }
    else ok(0, "no loopback connection: error %d\n", WSAGetLastError());
    closesocket(tcp);
    closesocket(udp);
    closesocket(listener);
}

static void test_circular_queueing(void)
{
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    DWORD size = 0xdeadbeef;
    int ret;

    ret = WSAIoctl(s, SIO_ENABLE_CIRCULAR_QUEUEING, NULL, 0, NULL, 0, &size, NULL, NULL);
    ok(!ret && size == 0, "UDP: %d %d size %lu\n", ret, WSAGetLastError(), size);
    closesocket(s);
    ret = WSAIoctl(s, SIO_ENABLE_CIRCULAR_QUEUEING, NULL, 0, NULL, 0, &size, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK, "closed socket: %d %d\n", ret, WSAGetLastError());
}

static void test_compatibility_mode(void)
{
    WSA_COMPATIBILITY_MODE mode = { WsaBehaviorAutoTuning, 0x06000000 /* NTDDI_VISTA */ };
    SOCKET tcp = socket(AF_INET, SOCK_STREAM, 0), udp = socket(AF_INET, SOCK_DGRAM, 0);
    DWORD size = 0xdeadbeef;
    int ret;

    ret = WSAIoctl(tcp, SIO_SET_COMPATIBILITY_MODE, &mode, sizeof(mode), NULL, 0, &size, NULL, NULL);
    ok(!ret && size == 0, "TCP: %d %d size %lu\n", ret, WSAGetLastError(), size);
    mode.BehaviorId = WsaBehaviorAll;
    ret = WSAIoctl(tcp, SIO_SET_COMPATIBILITY_MODE, &mode, sizeof(mode), NULL, 0, &size, NULL, NULL);
    ok(!ret, "WsaBehaviorAll: %d %d\n", ret, WSAGetLastError());
    ret = WSAIoctl(tcp, SIO_SET_COMPATIBILITY_MODE, &mode, sizeof(mode) - 1, NULL, 0, &size, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "short input: %d %d\n", ret, WSAGetLastError());
    mode.BehaviorId = WsaBehaviorAutoTuning + 1;
    ret = WSAIoctl(tcp, SIO_SET_COMPATIBILITY_MODE, &mode, sizeof(mode), NULL, 0, &size, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "unknown behaviour: %d %d\n", ret, WSAGetLastError());
    mode.BehaviorId = WsaBehaviorReceiveBuffering;
    ret = WSAIoctl(udp, SIO_SET_COMPATIBILITY_MODE, &mode, sizeof(mode), NULL, 0, &size, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEOPNOTSUPP, "UDP: %d %d\n", ret, WSAGetLastError());
    closesocket(tcp);
    closesocket(udp);
}

/* SIO_RCVALL belongs to raw sockets. */
static void test_rcvall(void)
{
    SOCKET tcp = socket(AF_INET, SOCK_STREAM, 0), udp = socket(AF_INET, SOCK_DGRAM, 0);
    DWORD value = RCVALL_ON, size;
    int ret;

    ret = WSAIoctl(tcp, SIO_RCVALL, &value, sizeof(value), NULL, 0, &size, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "TCP: %d %d\n", ret, WSAGetLastError());
    ret = WSAIoctl(udp, SIO_RCVALL, &value, sizeof(value), NULL, 0, &size, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "UDP: %d %d\n", ret, WSAGetLastError());
    ret = WSAIoctl(udp, SIO_RCVALL, &value, 0, NULL, 0, &size, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "no input: %d %d\n", ret, WSAGetLastError());
    closesocket(tcp);
    closesocket(udp);
}

/* A notification request pends until CancelIoEx, which completes it with
 * STATUS_CANCELLED through the event, the completion port or the routine. */
static void check_pending(SOCKET s, DWORD code, void *in, DWORD in_size, const char *name)
{
    OVERLAPPED ov = { 0 }, *got;
    ULONG_PTR key;
    DWORD size, flags;
    HANDLE port;
    int ret;

    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    size = 0xdeadbeef;
    ret = WSAIoctl(s, code, in, in_size, NULL, 0, &size, &ov, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "%s: %d %d\n", name, ret, WSAGetLastError());
    ok_int(size, 0xdeadbeef, "%s: size touched: %lu\n", name, size);
    ok_int(ov.Internal, STATUS_PENDING_, "%s: Internal %#Ix\n", name, ov.Internal);
    ok_int(WaitForSingleObject(ov.hEvent, 100), WAIT_TIMEOUT, "%s: completed at once\n", name);
    ok(!WSAGetOverlappedResult(s, &ov, &size, FALSE, &flags) && WSAGetLastError() == WSA_IO_INCOMPLETE,
       "%s: result %d\n", name, WSAGetLastError());
    ok(CancelIoEx((HANDLE)s, &ov), "%s: CancelIoEx %lu\n", name, GetLastError());
    ok_int(WaitForSingleObject(ov.hEvent, 5000), WAIT_OBJECT_0, "%s: cancel did not complete it\n", name);
    ok(!WSAGetOverlappedResult(s, &ov, &size, FALSE, &flags) && WSAGetLastError() == WSA_OPERATION_ABORTED,
       "%s: cancelled result %d\n", name, WSAGetLastError());
    CloseHandle(ov.hEvent);

    memset(&ov, 0, sizeof(ov));
    apc_count = 0;
    ret = WSAIoctl(s, code, in, in_size, NULL, 0, &size, &ov, apc);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "%s routine: %d %d\n", name, ret,
       WSAGetLastError());
    ok(SleepEx(0, TRUE) == 0 && !apc_count, "%s: routine ran before the cancel\n", name);
    CancelIoEx((HANDLE)s, &ov);
    ok_int(SleepEx(5000, TRUE), WAIT_IO_COMPLETION, "%s: no routine after the cancel\n", name);
    ok(apc_count == 1 && apc_error == WSA_OPERATION_ABORTED, "%s: routine %d error %lu\n", name, apc_count,
       apc_error);

    /* Last: a socket bound to a port takes no completion routine. */
    port = CreateIoCompletionPort((HANDLE)s, NULL, 77, 0);
    memset(&ov, 0, sizeof(ov));
    ret = WSAIoctl(s, code, in, in_size, NULL, 0, &size, &ov, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "%s port: %d %d\n", name, ret, WSAGetLastError());
    got = (OVERLAPPED *)0xdeadbeef;
    ok(!GetQueuedCompletionStatus(port, &size, &key, &got, 0) && GetLastError() == WAIT_TIMEOUT && !got,
       "%s: packet before the cancel: %lu %p\n", name, GetLastError(), got);
    CancelIoEx((HANDLE)s, &ov);
    got = NULL;
    ok(!GetQueuedCompletionStatus(port, &size, &key, &got, 5000) && GetLastError() == ERROR_OPERATION_ABORTED,
       "%s: cancelled packet %lu\n", name, GetLastError());
    ok(got == &ov && key == 77, "%s: packet overlapped %p key %Iu\n", name, got, key);
    CloseHandle(port);
}

static void check_would_block(SOCKET s, DWORD code, void *in, DWORD in_size, const char *name)
{
    u_long nonblocking = 1;
    DWORD size;
    int ret;

    ioctlsocket(s, FIONBIO, &nonblocking);
    ret = WSAIoctl(s, code, in, in_size, NULL, 0, &size, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK, "%s non-blocking: %d %d\n", name, ret,
       WSAGetLastError());
    nonblocking = 0;
    ioctlsocket(s, FIONBIO, &nonblocking);
}

static void test_address_list_change(void)
{
    SOCKET s = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    u_long nonblocking = 1;

    check_would_block(s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, "address list");
    check_pending(s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, "address list");
    closesocket(s);
    /* A non-blocking socket still pends with an OVERLAPPED. */
    s = socket(AF_INET, SOCK_STREAM, 0);
    ioctlsocket(s, FIONBIO, &nonblocking);
    check_pending(s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, "address list, non-blocking");
    closesocket(s);
}

static void test_routing_interface_change(void)
{
    SOCKET s = WSASocketW(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, WSA_FLAG_OVERLAPPED);
    struct sockaddr_in dest = { AF_INET };
    DWORD size;
    int ret;

    dest.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ret = WSAIoctl(s, SIO_ROUTING_INTERFACE_CHANGE, &dest, 4, NULL, 0, &size, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "short input: %d %d\n", ret, WSAGetLastError());
    check_would_block(s, SIO_ROUTING_INTERFACE_CHANGE, &dest, sizeof(dest), "routing interface");
    check_pending(s, SIO_ROUTING_INTERFACE_CHANGE, &dest, sizeof(dest), "routing interface");
    closesocket(s);
}

static void test_ideal_send_backlog_change(void)
{
    SOCKET udp = socket(AF_INET, SOCK_DGRAM, 0), fresh = socket(AF_INET, SOCK_STREAM, 0);
    OVERLAPPED ov = { 0 };
    struct pair p;
    DWORD size;
    int ret;

    ret = WSAIoctl(udp, SIO_IDEAL_SEND_BACKLOG_CHANGE, NULL, 0, NULL, 0, &size, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEOPNOTSUPP, "UDP: %d %d\n", ret, WSAGetLastError());
    ret = WSAIoctl(fresh, SIO_IDEAL_SEND_BACKLOG_CHANGE, NULL, 0, NULL, 0, &size, &ov, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOTCONN, "unconnected: %d %d\n", ret, WSAGetLastError());
    if (make_pair(&p))
    {
        /* A connected TCP socket: it pends until it changes, or is cancelled. */
        check_pending(p.client, SIO_IDEAL_SEND_BACKLOG_CHANGE, NULL, 0, "ideal send backlog");
        free_pair(&p);
    }
    else ok(0, "no loopback connection: error %d\n", WSAGetLastError());
    closesocket(udp);
    closesocket(fresh);
}

START_TEST(ioctl)
{
    WSADATA data;

    WSAStartup(MAKEWORD(2, 2), &data);
    RUN(test_unknown_codes);
    RUN(test_fionbio_count);
    RUN(test_fionread_siocatmark_count);
    RUN(test_siocatmark_urgent_data);
    RUN(test_urgent_bytes_queue_out_of_band);
    RUN(test_urgent_send_makes_last_byte_urgent);
    RUN(test_urgent_bytes_kept_between_calls);
    RUN(test_extension_function_count);
    RUN(test_overlapped_on_a_pipe);
    RUN(test_base_handle);
    RUN(test_address_list_query);
    RUN(test_interface_list);
    RUN(test_routing_interface_query);
    RUN(test_tcp_info);
    RUN(test_ideal_send_backlog);
    RUN(test_multicast_codes);
    RUN(test_loopback_fast_path);
    RUN(test_circular_queueing);
    RUN(test_compatibility_mode);
    RUN(test_rcvall);
    RUN(test_address_list_change);
    RUN(test_routing_interface_change);
    RUN(test_ideal_send_backlog_change);
    WSACleanup();
}
