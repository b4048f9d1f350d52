/* TransmitFile and TransmitPackets from SIO_GET_EXTENSION_FUNCTION_POINTER
 * (and mswsock's TransmitFile export): the bytes the peer receives, file
 * offsets, TF_DISCONNECT, blocking and overlapped completion (event and
 * completion port) and the errors for bad input. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include "sockpair.h"

#define FILE_SIZE 100000
#define BIG_SIZE (24 << 20)    /* more than loopback's socket buffers take: requests must wait */

static LPFN_TRANSMITFILE transmit_file;
static LPFN_TRANSMITPACKETS transmit_packets;
static unsigned char pattern[FILE_SIZE];
static HANDLE file, big_file;
static unsigned char *big_pattern;

static HANDLE temp_file(const void *data, DWORD size)
{
    char dir[MAX_PATH], path[MAX_PATH];
    DWORD written;
    HANDLE h;

    GetTempPathA(sizeof(dir), dir);
    GetTempFileNameA(dir, "tf", 0, path);
    h = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, NULL, CREATE_ALWAYS,
                    FILE_FLAG_DELETE_ON_CLOSE, NULL);
    if (h == INVALID_HANDLE_VALUE) return NULL;
    if (!WriteFile(h, data, size, &written, NULL) || written != size)
    {
        CloseHandle(h);
        return NULL;
    }
    return h;
}

/* Files of bytes that are not all alike: FILE_SIZE and BIG_SIZE long. */
static BOOL make_files(void)
{
    DWORD i;

    if (!(big_pattern = malloc(BIG_SIZE))) return FALSE;
    for (i = 0; i < BIG_SIZE; i++) big_pattern[i] = (unsigned char)((i * 7 + i / 251) & 0xff);
    memcpy(pattern, big_pattern, FILE_SIZE);
    return (file = temp_file(pattern, FILE_SIZE)) && (big_file = temp_file(big_pattern, BIG_SIZE));
}

/* The peer's side: a thread that receives a given number of bytes, then
 * (when asked) checks whether the connection was closed after them. */
struct reader
{
    SOCKET s;
    HANDLE thread;
    int want, got;
    int after;             /* recv() after the data: 0 = end of stream, -1 = error or timeout */
    BOOL check_end;
    DWORD delay;           /* ms before the first recv(), so that the sender has to wait */
    char *data;
};

static DWORD WINAPI reader_thread(void *arg)
{
    struct reader *r = arg;
    char extra;
    int n;

    Sleep(r->delay);
    while (r->got < r->want && (n = recv(r->s, r->data + r->got, r->want - r->got, 0)) > 0) r->got += n;
    if (r->check_end) r->after = recv(r->s, &extra, 1, 0);
    return 0;
}

static void reader_start_late(struct reader *r, SOCKET s, int want, BOOL check_end, DWORD delay)
{
    DWORD timeout = 10000;

    memset(r, 0, sizeof(*r));
    r->s = s;
    r->want = want;
    r->check_end = check_end;
    r->delay = delay;
    r->after = -2;
    r->data = malloc(want + 1);
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, sizeof(timeout));
    r->thread = CreateThread(NULL, 0, reader_thread, r, 0, NULL);
}

static void reader_start(struct reader *r, SOCKET s, int want, BOOL check_end)
{
    reader_start_late(r, s, want, check_end, 0);
}

/* Waits for the reader; TRUE when it got exactly the expected bytes (and
 * the end of the stream after them when that was asked). */
static BOOL reader_check(struct reader *r, const void *expect, int line)
{
    BOOL same;

    ok_int(WaitForSingleObject(r->thread, 15000), WAIT_OBJECT_0, "line %d: reader did not finish\n", line);
    CloseHandle(r->thread);
    same = r->got == r->want && !memcmp(r->data, expect, r->want);
    ok(same, "line %d: peer got %d of %d bytes, %s\n", line, r->got, r->want, same ? "same" : "different");
    if (r->check_end) ok_int(r->after, 0, "line %d: after the data recv gave %d, not the end\n", line, r->after);
    free(r->data);
    return same;
}

/* head + file[offset, offset + len) + tail, as one buffer. */
static char *expected(const char *head, const void *middle, int len, const char *tail, int *total)
{
    int h = head ? strlen(head) : 0, t = tail ? strlen(tail) : 0;
    char *buf = malloc(h + len + t + 1);

    memcpy(buf, head, h);
    memcpy(buf + h, middle, len);
    memcpy(buf + h + len, tail, t);
    *total = h + len + t;
    return buf;
}

static void find_pointers(SOCKET s)
{
    transmit_file = extension_function(s, (GUID)WSAID_TRANSMITFILE);
    transmit_packets = extension_function(s, (GUID)WSAID_TRANSMITPACKETS);
}

static void test_pointers(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);

    find_pointers(s);
    ok(transmit_file != NULL, "no TransmitFile: %d\n", WSAGetLastError());
    ok(transmit_packets != NULL, "no TransmitPackets: %d\n", WSAGetLastError());
    closesocket(s);
}

/* Blocking: the whole file with head and tail, then a range from the file
 * pointer, chopped into small sends. */
static void test_file_blocking(void)
{
    TRANSMIT_FILE_BUFFERS buffers = { "HEAD:", 5, ":TAIL", 5 };
    struct reader r;
    struct pair p;
    char *want;
    int total;

    if (!make_pair(&p)) { ok(0, "no pair\n"); return; }
    want = expected("HEAD:", pattern, FILE_SIZE, ":TAIL", &total);
    reader_start(&r, p.server, total, FALSE);
    SetFilePointer(file, 0, NULL, FILE_BEGIN);
    ok(transmit_file(p.client, file, 0, 0, NULL, &buffers, 0), "TransmitFile: %d\n", WSAGetLastError());
    reader_check(&r, want, __LINE__);
    free(want);

    /* Without an OVERLAPPED the file is read from its file pointer. */
    SetFilePointer(file, 200, NULL, FILE_BEGIN);
    reader_start(&r, p.server, 3000, FALSE);
    ok(transmit_file(p.client, file, 3000, 100, NULL, NULL, TF_USE_KERNEL_APC), "TransmitFile: %d\n",
       WSAGetLastError());
    reader_check(&r, pattern + 200, __LINE__);

    /* No file at all: head and tail only. */
    want = expected("HEAD:", "", 0, ":TAIL", &total);
    reader_start(&r, p.server, total, FALSE);
    ok(transmit_file(p.client, NULL, 0, 0, NULL, &buffers, 0), "TransmitFile without a file: %d\n",
       WSAGetLastError());
    reader_check(&r, want, __LINE__);
    free(want);

    /* TF_DISCONNECT: the peer sees the end of the stream after the data. */
    reader_start(&r, p.server, 1000, TRUE);
    SetFilePointer(file, 0, NULL, FILE_BEGIN);
    ok(transmit_file(p.client, file, 1000, 0, NULL, NULL, TF_DISCONNECT), "TransmitFile: %d\n", WSAGetLastError());
    reader_check(&r, pattern, __LINE__);
    free_pair(&p);
}

/* Overlapped with an event: the file offset comes from the OVERLAPPED. */
static void test_file_event(void)
{
    TRANSMIT_FILE_BUFFERS buffers = { "head", 4, NULL, 0 };
    OVERLAPPED ov = { 0 };
    struct reader r;
    struct pair p;
    DWORD bytes = 0, flags;
    char *want;
    BOOL ret;
    int total;

    if (!make_pair(&p)) { ok(0, "no pair\n"); return; }
    ov.hEvent = WSACreateEvent();
    ov.Offset = 5000;
    want = expected("head", pattern + 5000, 20000, NULL, &total);
    reader_start(&r, p.server, total, FALSE);
    ret = transmit_file(p.client, file, 20000, 1000, &ov, &buffers, 0);
    ok(ret || WSAGetLastError() == WSA_IO_PENDING, "TransmitFile: %d %d\n", ret, WSAGetLastError());
    ok_int(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0, "no completion\n");
    ok(WSAGetOverlappedResult(p.client, &ov, &bytes, FALSE, &flags) && bytes == (DWORD)total,
       "result: %lu bytes, error %d\n", bytes, WSAGetLastError());
    reader_check(&r, want, __LINE__);
    free(want);

    /* TF_DISCONNECT through the event. */
    WSAResetEvent(ov.hEvent);
    ov.Offset = 99000;
    reader_start(&r, p.server, 1000, TRUE);
    ret = transmit_file(p.client, file, 0, 0, &ov, NULL, TF_DISCONNECT);
    ok(ret || WSAGetLastError() == WSA_IO_PENDING, "TransmitFile: %d %d\n", ret, WSAGetLastError());
    ok_int(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0, "no completion\n");
    ok(WSAGetOverlappedResult(p.client, &ov, &bytes, TRUE, &flags) && bytes == 1000, "result: %lu bytes, error %d\n",
       bytes, WSAGetLastError());
    reader_check(&r, pattern + 99000, __LINE__);
    WSACloseEvent(ov.hEvent);
    free_pair(&p);
}

/* Overlapped through a completion port, with no event. */
static void test_file_port(void)
{
    TRANSMIT_FILE_BUFFERS buffers = { "<", 1, ">", 1 };
    OVERLAPPED ov = { 0 }, *done = NULL;
    struct reader r;
    struct pair p;
    HANDLE port;
    ULONG_PTR key = 0;
    DWORD bytes = 0;
    char *want;
    BOOL ret;
    int total;

    if (!make_pair(&p)) { ok(0, "no pair\n"); return; }
    port = CreateIoCompletionPort((HANDLE)p.client, NULL, 77, 0);
    ok(port != NULL, "CreateIoCompletionPort: %lu\n", GetLastError());
    ov.Offset = 1;
    want = expected("<", pattern + 1, FILE_SIZE - 1, ">", &total);
    reader_start(&r, p.server, total, TRUE);
    ret = transmit_file(p.client, file, 0, 4096, &ov, &buffers, TF_DISCONNECT);
    ok(ret || WSAGetLastError() == WSA_IO_PENDING, "TransmitFile: %d %d\n", ret, WSAGetLastError());
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &done, 10000);
    ok(ret && done == &ov && key == 77 && bytes == (DWORD)total, "completion: %d %p key %Iu %lu bytes (%d)\n", ret,
       done, key, bytes, total);
    reader_check(&r, want, __LINE__);
    free(want);
    CloseHandle(port);
    free_pair(&p);
}

/* Nothing to send but TF_DISCONNECT: the usual way to close with these calls. */
static void test_disconnect_only(void)
{
    OVERLAPPED ov = { 0 };
    struct reader r;
    struct pair p;
    DWORD bytes = 1, flags;
    BOOL ret;

    if (!make_pair(&p)) { ok(0, "no pair\n"); return; }
    ov.hEvent = WSACreateEvent();
    reader_start(&r, p.server, 0, TRUE);
    ret = transmit_file(p.client, NULL, 0, 0, &ov, NULL, TF_DISCONNECT);
    ok(ret || WSAGetLastError() == WSA_IO_PENDING, "TransmitFile: %d %d\n", ret, WSAGetLastError());
    ok_int(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0, "no completion\n");
    ok(WSAGetOverlappedResult(p.client, &ov, &bytes, FALSE, &flags) && !bytes, "result: %lu bytes, error %d\n",
       bytes, WSAGetLastError());
    reader_check(&r, "", __LINE__);
    WSACloseEvent(ov.hEvent);
    free_pair(&p);

    if (!ok(transmit_packets != NULL, "no TransmitPackets\n")) return;
    if (!make_pair(&p)) { ok(0, "no pair\n"); return; }
    reader_start(&r, p.server, 0, TRUE);
    ok(transmit_packets(p.client, NULL, 0, 0, NULL, TF_DISCONNECT), "TransmitPackets: %d\n", WSAGetLastError());
    reader_check(&r, "", __LINE__);
    free_pair(&p);
}

static void test_file_errors(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    struct pair p;
    BOOL ret;

    ret = transmit_file(s, file, 0, 0, NULL, NULL, 0);
    ok(!ret && WSAGetLastError() == WSAENOTCONN, "not connected: %d %d\n", ret, WSAGetLastError());
    closesocket(s);
    ret = transmit_file((SOCKET)file, NULL, 0, 0, NULL, NULL, 0);
    ok(!ret && WSAGetLastError() == WSAENOTSOCK, "a file as socket: %d %d\n", ret, WSAGetLastError());
    if (!make_pair(&p)) { ok(0, "no pair\n"); return; }
    ret = transmit_file(p.client, file, 0, 0, NULL, NULL, 0x100);
    ok(!ret && WSAGetLastError() == WSAEINVAL, "unknown flag: %d %d\n", ret, WSAGetLastError());
    ret = transmit_file(p.client, file, 0, 0, NULL, (TRANSMIT_FILE_BUFFERS *)8, 0);
    ok(!ret && WSAGetLastError() == WSAEFAULT, "bad buffers pointer: %d %d\n", ret, WSAGetLastError());
    ret = transmit_file(p.client, file, 0, 0, (OVERLAPPED *)8, NULL, 0);
    ok(!ret && WSAGetLastError() == WSAEFAULT, "bad OVERLAPPED pointer: %d %d\n", ret, WSAGetLastError());
    /* A tail running off its page (fuzz seed 20240601, call 5050310: the
     * request ended with an access violation and no completion). */
    {
        char *page = VirtualAlloc(NULL, 8192, MEM_RESERVE, PAGE_NOACCESS);
        TRANSMIT_FILE_BUFFERS tb = { "head", 4, NULL, 11 };
        if (page && VirtualAlloc(page, 4096, MEM_COMMIT, PAGE_READWRITE))
        {
            OVERLAPPED ov = { 0 };
            tb.Tail = page + 4096 - 5;
            ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
            WSASetLastError(0xdeadbeef);
            ret = transmit_file(p.client, file, 100, 0, &ov, &tb, 0);
            ok(!ret && WSAGetLastError() == WSAEFAULT, "overlapped, tail off its page: %d %d (Internal %#lx)\n",
               ret, WSAGetLastError(), (unsigned long)ov.Internal);
            if (!ret && WSAGetLastError() == WSA_IO_PENDING) WaitForSingleObject(ov.hEvent, 2000);
            CloseHandle(ov.hEvent);
        }
        if (page) VirtualFree(page, 0, MEM_RELEASE);
    }
    free_pair(&p);
}

/* Memory and file elements, in their order, in one transfer. */
static int fill_packets(TRANSMIT_PACKETS_ELEMENT *e, char **want)
{
    static char first[] = "first memory element|", second[] = "|second|";
    int total = 0, n = 0;

    *want = malloc(sizeof(first) + sizeof(second) + 500 + 300 + 5000);
    memset(e, 0, 5 * sizeof(*e));
    e[n].dwElFlags = TP_ELEMENT_MEMORY; e[n].cLength = sizeof(first) - 1; e[n++].pBuffer = first;
    memcpy(*want + total, first, sizeof(first) - 1); total += sizeof(first) - 1;
    e[n].dwElFlags = TP_ELEMENT_FILE | TP_ELEMENT_EOP; e[n].cLength = 500; e[n].hFile = file;
    e[n++].nFileOffset.QuadPart = 100;
    memcpy(*want + total, pattern + 100, 500); total += 500;
    e[n].dwElFlags = TP_ELEMENT_MEMORY | TP_ELEMENT_EOP; e[n].cLength = sizeof(second) - 1; e[n++].pBuffer = second;
    memcpy(*want + total, second, sizeof(second) - 1); total += sizeof(second) - 1;
    /* cLength 0: up to the end of the file. */
    e[n].dwElFlags = TP_ELEMENT_FILE; e[n].cLength = 0; e[n].hFile = file;
    e[n++].nFileOffset.QuadPart = FILE_SIZE - 300;
    memcpy(*want + total, pattern + FILE_SIZE - 300, 300); total += 300;
    e[n].dwElFlags = TP_ELEMENT_FILE; e[n].cLength = 5000; e[n].hFile = file;
    e[n++].nFileOffset.QuadPart = 0;
    memcpy(*want + total, pattern, 5000); total += 5000;
    return total;
}

static void test_packets(void)
{
    TRANSMIT_PACKETS_ELEMENT e[5];
    OVERLAPPED ov = { 0 }, *done = NULL;
    struct reader r;
    struct pair p;
    ULONG_PTR key;
    DWORD bytes = 0, flags;
    HANDLE port;
    char *want;
    BOOL ret;
    int total = fill_packets(e, &want);

    if (!make_pair(&p)) { ok(0, "no pair\n"); free(want); return; }
    reader_start(&r, p.server, total, FALSE);
    ok(transmit_packets(p.client, e, 5, 0, NULL, 0), "TransmitPackets: %d\n", WSAGetLastError());
    reader_check(&r, want, __LINE__);

    /* Overlapped with an event. */
    ov.hEvent = WSACreateEvent();
    reader_start(&r, p.server, total, FALSE);
    ret = transmit_packets(p.client, e, 5, 1000, &ov, 0);
    ok(ret || WSAGetLastError() == WSA_IO_PENDING, "TransmitPackets: %d %d\n", ret, WSAGetLastError());
    ok_int(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0, "no completion\n");
    ok(WSAGetOverlappedResult(p.client, &ov, &bytes, FALSE, &flags) && bytes == (DWORD)total,
       "result: %lu bytes of %d, error %d\n", bytes, total, WSAGetLastError());
    reader_check(&r, want, __LINE__);
    WSACloseEvent(ov.hEvent);

    /* Through a completion port, then TF_DISCONNECT. */
    port = CreateIoCompletionPort((HANDLE)p.client, NULL, 5, 0);
    memset(&ov, 0, sizeof(ov));
    reader_start(&r, p.server, total, TRUE);
    ret = transmit_packets(p.client, e, 5, 0, &ov, TF_DISCONNECT);
    ok(ret || WSAGetLastError() == WSA_IO_PENDING, "TransmitPackets: %d %d\n", ret, WSAGetLastError());
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &done, 10000);
    ok(ret && done == &ov && key == 5 && bytes == (DWORD)total, "completion: %d %p %lu bytes of %d\n", ret, done,
       bytes, total);
    reader_check(&r, want, __LINE__);
    CloseHandle(port);
    free_pair(&p);
    free(want);
}

static void test_packets_errors(void)
{
    TRANSMIT_PACKETS_ELEMENT e = { 0 };
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    struct pair p;
    BOOL ret;

    e.dwElFlags = TP_ELEMENT_MEMORY;
    e.cLength = 1;
    e.pBuffer = "x";
    ret = transmit_packets(s, &e, 1, 0, NULL, 0);
    ok(!ret && WSAGetLastError() == WSAENOTCONN, "not connected: %d %d\n", ret, WSAGetLastError());
    closesocket(s);
    if (!make_pair(&p)) { ok(0, "no pair\n"); return; }
    ret = transmit_packets(p.client, &e, 1, 0, NULL, 0x100);
    ok(!ret && WSAGetLastError() == WSAEINVAL, "unknown flag: %d %d\n", ret, WSAGetLastError());
    ret = transmit_packets(p.client, (TRANSMIT_PACKETS_ELEMENT *)8, 1, 0, NULL, 0);
    ok(!ret && WSAGetLastError() == WSAEFAULT, "bad array: %d %d\n", ret, WSAGetLastError());
    e.dwElFlags = 0;
    ret = transmit_packets(p.client, &e, 1, 0, NULL, 0);
    ok(!ret && WSAGetLastError() == WSAEINVAL, "element of no kind: %d %d\n", ret, WSAGetLastError());
    e.dwElFlags = TP_ELEMENT_MEMORY | TP_ELEMENT_FILE;
    ret = transmit_packets(p.client, &e, 1, 0, NULL, 0);
    ok(!ret && WSAGetLastError() == WSAEINVAL, "element of two kinds: %d %d\n", ret, WSAGetLastError());
    e.dwElFlags = TP_ELEMENT_MEMORY;
    e.pBuffer = (void *)8;
    ret = transmit_packets(p.client, &e, 1, 0, NULL, 0);
    ok(!ret && WSAGetLastError() == WSAEFAULT, "bad memory element: %d %d\n", ret, WSAGetLastError());
    /* Nothing was sent by the failed calls: the first byte the peer gets is
     * from the next good one. */
    {
        struct reader r;
        e.pBuffer = "!";
        reader_start(&r, p.server, 1, FALSE);
        ok(transmit_packets(p.client, &e, 1, 0, NULL, 0), "TransmitPackets: %d\n", WSAGetLastError());
        reader_check(&r, "!", __LINE__);
    }
    free_pair(&p);
}

/* More data than the socket buffers hold, and a peer that starts reading
 * late: the overlapped requests must wait, TF_DISCONNECT must still come
 * after all the data, and TransmitPackets' copy of the file must live until
 * the data is sent. */
static void test_big_waiting(void)
{
    TRANSMIT_PACKETS_ELEMENT e[3] = { { 0 } };
    OVERLAPPED ov = { 0 }, *done = NULL;
    struct reader r;
    struct pair p;
    ULONG_PTR key;
    DWORD bytes = 0, flags;
    HANDLE port;
    char *want;
    BOOL ret;
    int total;

    if (!make_pair(&p)) { ok(0, "no pair\n"); return; }
    port = CreateIoCompletionPort((HANDLE)p.client, NULL, 9, 0);
    reader_start_late(&r, p.server, BIG_SIZE, TRUE, 500);
    ret = transmit_file(p.client, big_file, 0, 0, &ov, NULL, TF_DISCONNECT);
    ok(!ret && WSAGetLastError() == WSA_IO_PENDING, "TransmitFile of %u bytes: %d %d\n", BIG_SIZE, ret,
       WSAGetLastError());
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &done, 20000);
    ok(ret && done == &ov && bytes == BIG_SIZE, "completion: %d %p %lu bytes\n", ret, done, bytes);
    reader_check(&r, big_pattern, __LINE__);
    CloseHandle(port);
    free_pair(&p);

    if (!ok(transmit_packets != NULL, "no TransmitPackets\n")) return;
    if (!make_pair(&p)) { ok(0, "no pair\n"); return; }
    /* Memory and a file: one transmit request.  No event and no port: the
     * socket handle itself is signalled. */
    e[0].dwElFlags = TP_ELEMENT_MEMORY;
    e[0].cLength = 6;
    e[0].pBuffer = "start:";
    e[1].dwElFlags = TP_ELEMENT_FILE;
    e[1].hFile = big_file;
    want = expected("start:", big_pattern, BIG_SIZE, NULL, &total);
    reader_start_late(&r, p.server, total, TRUE, 500);
    memset(&ov, 0, sizeof(ov));
    ret = transmit_packets(p.client, e, 2, 0xffffffff, &ov, TF_DISCONNECT);
    ok(!ret && WSAGetLastError() == WSA_IO_PENDING, "TransmitPackets: %d %d\n", ret, WSAGetLastError());
    ok(WSAGetOverlappedResult(p.client, &ov, &bytes, TRUE, &flags) && bytes == (DWORD)total,
       "result: %lu bytes of %d, error %d\n", bytes, total, WSAGetLastError());
    reader_check(&r, want, __LINE__);
    free(want);
    free_pair(&p);

    /* File, memory, file: buffers of ws2kit's that must live until the data
     * is sent; the port gets the caller's completion only. */
    if (!make_pair(&p)) { ok(0, "no pair\n"); return; }
    port = CreateIoCompletionPort((HANDLE)p.client, NULL, 9, 0);
    memset(e, 0, sizeof(e));
    e[0].dwElFlags = TP_ELEMENT_FILE;
    e[0].hFile = big_file;
    e[0].cLength = 1000;
    e[1].dwElFlags = TP_ELEMENT_MEMORY;
    e[1].cLength = 1;
    e[1].pBuffer = "|";
    e[2].dwElFlags = TP_ELEMENT_FILE;
    e[2].hFile = big_file;
    e[2].nFileOffset.QuadPart = 1000;
    want = malloc(BIG_SIZE + 1);
    memcpy(want, big_pattern, 1000);
    want[1000] = '|';
    memcpy(want + 1001, big_pattern + 1000, BIG_SIZE - 1000);
    reader_start_late(&r, p.server, BIG_SIZE + 1, TRUE, 500);
    memset(&ov, 0, sizeof(ov));
    ret = transmit_packets(p.client, e, 3, 0, &ov, TF_DISCONNECT);
    ok(!ret && WSAGetLastError() == WSA_IO_PENDING, "TransmitPackets: %d %d\n", ret, WSAGetLastError());
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &done, 20000);
    ok(ret && done == &ov && bytes == BIG_SIZE + 1, "completion: %d %p %lu bytes\n", ret, done, bytes);
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &done, 200);
    ok(!ret && !done && GetLastError() == WAIT_TIMEOUT, "another completion: %d %p %lu\n", ret, done,
       GetLastError());
    reader_check(&r, want, __LINE__);
    free(want);
    CloseHandle(port);
    free_pair(&p);
}

/* TF_DISCONNECT | TF_REUSE_SOCKET, blocking and overlapped: the peer sees
 * the data and the end of the stream.  (AcceptEx into the socket afterwards
 * is not tested: Wine 8.0's wineserver keeps the old connection's shutdown
 * state, and the new connection cannot send.) */
static void test_reuse_flag(void)
{
    TRANSMIT_FILE_BUFFERS buffers = { "bye", 3, NULL, 0 };
    OVERLAPPED ov = { 0 }, *done = NULL;
    struct reader r;
    struct pair p;
    ULONG_PTR key;
    DWORD bytes;
    HANDLE port;
    char *want;
    BOOL ret;
    int total;

    if (!make_pair(&p)) { ok(0, "no pair\n"); return; }
    want = expected("bye", pattern, 1000, NULL, &total);
    reader_start(&r, p.client, total, TRUE);
    SetFilePointer(file, 0, NULL, FILE_BEGIN);
    ok(transmit_file(p.server, file, 1000, 0, NULL, &buffers, TF_DISCONNECT | TF_REUSE_SOCKET),
       "TransmitFile: %d\n", WSAGetLastError());
    reader_check(&r, want, __LINE__);
    free(want);
    free_pair(&p);

    if (!make_pair(&p)) { ok(0, "no pair\n"); return; }
    port = CreateIoCompletionPort((HANDLE)p.server, NULL, 3, 0);
    reader_start_late(&r, p.client, BIG_SIZE, TRUE, 300);
    ret = transmit_file(p.server, big_file, 0, 0, &ov, NULL, TF_DISCONNECT | TF_REUSE_SOCKET);
    ok(!ret && WSAGetLastError() == WSA_IO_PENDING, "TransmitFile: %d %d\n", ret, WSAGetLastError());
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &done, 20000);
    ok(ret && done == &ov && bytes == BIG_SIZE, "completion: %d %p %lu bytes\n", ret, done, bytes);
    reader_check(&r, big_pattern, __LINE__);
    CloseHandle(port);
    free_pair(&p);
}

/* Wine's mswsock.TransmitFile asks ws2_32 for the pointer: it must reach ours. */
static void test_mswsock(void)
{
    HMODULE mswsock = LoadLibraryA("mswsock.dll");
    LPFN_TRANSMITFILE exported = mswsock ? (void *)GetProcAddress(mswsock, "TransmitFile") : NULL;
    TRANSMIT_FILE_BUFFERS buffers = { "mswsock:", 8, NULL, 0 };
    struct reader r;
    struct pair p;
    char *want;
    int total;

    ok(exported != NULL, "no mswsock.TransmitFile\n");
    if (!exported) return;   /* failed above */
    if (!make_pair(&p)) { ok(0, "no pair\n"); return; }
    want = expected("mswsock:", pattern, 4000, NULL, &total);
    reader_start(&r, p.server, total, TRUE);
    SetFilePointer(file, 0, NULL, FILE_BEGIN);
    ok(exported(p.client, file, 4000, 0, NULL, &buffers, TF_DISCONNECT), "mswsock.TransmitFile: %d\n",
       WSAGetLastError());
    reader_check(&r, want, __LINE__);
    free(want);
    free_pair(&p);
}

START_TEST(transmit)
{
    WSADATA data;

    harness_start_watchdog(120000);
    WSAStartup(MAKEWORD(2, 2), &data);
    if (!make_files()) { ok(0, "cannot make the test files: %lu\n", GetLastError()); return; }
    RUN(test_pointers);
    if (!harness_wanted("test_pointers"))
    {
        /* What test_pointers finds, for a test run by name. */
        SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
        find_pointers(s);
        closesocket(s);
    }
    if (transmit_file)
    {
        RUN(test_file_blocking);
        RUN(test_file_event);
        RUN(test_file_port);
        RUN(test_disconnect_only);
        RUN(test_big_waiting);
        RUN(test_reuse_flag);
        RUN(test_mswsock);
        RUN(test_file_errors);     /* last: Wine's builtin crashes on a bad pointer here */
    }
    if (transmit_packets)
    {
        RUN(test_packets);
        RUN(test_packets_errors);
    }
    CloseHandle(file);
    CloseHandle(big_file);
    free(big_pattern);
    WSACleanup();
}
