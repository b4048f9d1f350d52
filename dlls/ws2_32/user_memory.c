/* Copies to and from caller memory that turn an access violation into a
 * failed copy, so that bad pointers get WSAEFAULT as on Windows (where the
 * kernel probes them) instead of crashing the program.
 *
 * The copy is a tiny assembly routine; a vectored exception handler that sees
 * an access violation inside it moves execution to its failure exit. */
#include "ws2_32_private.h"

extern char ws2kit_copy_fault_begin[], ws2kit_copy_fault_end[], ws2kit_copy_fault_exit[];
BOOL ws2kit_copy(void *dst, const void *src, SIZE_T len);

#if defined(__x86_64__)
/* Microsoft x64 ABI: rcx = dst, rdx = src, r8 = len; rdi and rsi are callee-saved. */
__asm__(
    ".text\n"
    ".globl ws2kit_copy\n"
    "ws2kit_copy:\n"
    "    pushq %rdi\n"
    "    pushq %rsi\n"
    "    movq %rcx, %rdi\n"
    "    movq %rdx, %rsi\n"
    "    movq %r8, %rcx\n"
    ".globl ws2kit_copy_fault_begin\n"
    "ws2kit_copy_fault_begin:\n"
    "    rep movsb\n"
    ".globl ws2kit_copy_fault_end\n"
    "ws2kit_copy_fault_end:\n"
    "    popq %rsi\n"
    "    popq %rdi\n"
    "    movl $1, %eax\n"
    "    ret\n"
    ".globl ws2kit_copy_fault_exit\n"
    "ws2kit_copy_fault_exit:\n"
    "    cld\n"
    "    popq %rsi\n"
    "    popq %rdi\n"
    "    xorl %eax, %eax\n"
    "    ret\n");
#define CONTEXT_IP(context) ((context)->Rip)
#elif defined(__i386__)
/* The same routine for 32-bit programs.  cdecl: dst, src and len on the stack
 * (above the return address and the two saved registers); edi and esi are
 * callee-saved.  C symbols carry a leading underscore on i386 Windows. */
__asm__(
    ".text\n"
    ".globl _ws2kit_copy\n"
    "_ws2kit_copy:\n"
    "    pushl %edi\n"
    "    pushl %esi\n"
    "    movl 12(%esp), %edi\n"
    "    movl 16(%esp), %esi\n"
    "    movl 20(%esp), %ecx\n"
    ".globl _ws2kit_copy_fault_begin\n"
    "_ws2kit_copy_fault_begin:\n"
    "    rep movsb\n"
    ".globl _ws2kit_copy_fault_end\n"
    "_ws2kit_copy_fault_end:\n"
    "    popl %esi\n"
    "    popl %edi\n"
    "    movl $1, %eax\n"
    "    ret\n"
    ".globl _ws2kit_copy_fault_exit\n"
    "_ws2kit_copy_fault_exit:\n"
    "    cld\n"
    "    popl %esi\n"
    "    popl %edi\n"
    "    xorl %eax, %eax\n"
    "    ret\n");
#define CONTEXT_IP(context) ((context)->Eip)
#else
#error "ws2kit_copy has no version for this CPU"
#endif

static LONG CALLBACK copy_fault_handler(EXCEPTION_POINTERS *info)
{
    ULONG_PTR ip = CONTEXT_IP(info->ContextRecord);

    /* ntstatus.h's STATUS_ACCESS_VIOLATION is an NTSTATUS; the code a DWORD. */
    if (info->ExceptionRecord->ExceptionCode != (DWORD)EXCEPTION_ACCESS_VIOLATION)
        return EXCEPTION_CONTINUE_SEARCH;
    if (ip < (ULONG_PTR)ws2kit_copy_fault_begin || ip > (ULONG_PTR)ws2kit_copy_fault_end)
        return EXCEPTION_CONTINUE_SEARCH;
    CONTEXT_IP(info->ContextRecord) = (ULONG_PTR)ws2kit_copy_fault_exit;
    return EXCEPTION_CONTINUE_EXECUTION;
}

void ws2kit_guard_init(void)
{
    AddVectoredExceptionHandler(1, copy_fault_handler);
}

BOOL ws2kit_read_user(void *dst, const void *user_src, SIZE_T len)
{
    if (!len) return TRUE;
    if (!user_src) return FALSE;
    return ws2kit_copy(dst, user_src, len);
}

/* TRUE if every page of [user, user + len) can be written, found by writing
 * one byte of each page onto itself (as Windows' ProbeForWrite does), so
 * that nothing changes when a later page turns out to be unwritable. */
BOOL ws2kit_probe_write_user(void *user, SIZE_T len)
{
    char *p = user, *last;
    SIZE_T page = 4096;

    if (!len) return TRUE;
    if (!user) return FALSE;
    last = p + len - 1;
    if (last < p) return FALSE;
    for (;;)
    {
        if (!ws2kit_copy(p, p, 1)) return FALSE;
        if ((ULONG_PTR)p / page == (ULONG_PTR)last / page) return TRUE;
        p = (char *)(((ULONG_PTR)p / page + 1) * page);
    }
}

/* TRUE if every page of [user, user + len) can be read: one byte of each. */
BOOL ws2kit_probe_read_user(const void *user, SIZE_T len)
{
    const char *p = user, *last;
    SIZE_T page = 4096;
    char c;

    if (!len) return TRUE;
    if (!user) return FALSE;
    last = p + len - 1;
    if (last < p) return FALSE;
    for (;;)
    {
        if (!ws2kit_copy(&c, p, 1)) return FALSE;
        if ((ULONG_PTR)p / page == (ULONG_PTR)last / page) return TRUE;
        p = (const char *)(((ULONG_PTR)p / page + 1) * page);
    }
}

/* All or nothing: a destination that runs into an unwritable page is left
 * untouched, as Windows leaves a buffer it rejects with WSAEFAULT. */
BOOL ws2kit_write_user(void *user_dst, const void *src, SIZE_T len)
{
    if (!len) return TRUE;
    if (!ws2kit_probe_write_user(user_dst, len)) return FALSE;
    return ws2kit_copy(user_dst, src, len);
}

/* Copies a caller's NUL-terminated string into buf: 1 when copied, 0 when
 * it does not fit with its NUL, -1 when it cannot be read (NULL included). */
int ws2kit_copy_user_string(const char *user, char *buf, SIZE_T size)
{
    SIZE_T i;

    for (i = 0; i < size; i++)
    {
        if (!ws2kit_read_user(&buf[i], &user[i], 1)) return -1;
        if (!buf[i]) return 1;
    }
    return 0;
}

/* The same, FALSE whether it is unreadable or does not fit. */
BOOL ws2kit_read_user_string(const char *user, char *buf, SIZE_T size)
{
    return ws2kit_copy_user_string(user, buf, size) > 0;
}

/* The same two for a wide string (count: buf's size in WCHARs). */
int ws2kit_copy_user_wstring(const WCHAR *user, WCHAR *buf, SIZE_T count)
{
    SIZE_T i;

    for (i = 0; i < count; i++)
    {
        if (!ws2kit_read_user(&buf[i], &user[i], sizeof(WCHAR))) return -1;
        if (!buf[i]) return 1;
    }
    return 0;
}

BOOL ws2kit_read_user_wstring(const WCHAR *user, WCHAR *buf, SIZE_T count)
{
    return ws2kit_copy_user_wstring(user, buf, count) > 0;
}

/* TRUE if the whole of a caller's string, NUL included, can be read. */
BOOL ws2kit_user_string_readable(const char *user)
{
    char c;

    do if (!ws2kit_read_user(&c, user++, sizeof(c))) return FALSE; while (c);
    return TRUE;
}

/* TRUE if the whole of a caller's wide string, NUL included, can be read. */
BOOL ws2kit_user_wstring_readable(const WCHAR *user)
{
    WCHAR c;

    do if (!ws2kit_read_user(&c, user++, sizeof(c))) return FALSE; while (c);
    return TRUE;
}

/* The bytes in `count` buffers (ws2kit's copy of the array). */
ULONG_PTR ws2kit_wsabuf_total(const WSABUF *buffers, DWORD count)
{
    ULONG_PTR total = 0;
    DWORD i;

    for (i = 0; i < count; i++) total += buffers[i].len;
    return total;
}

/* Copies the data of `count` buffers, less their first `skip` bytes, into
 * `out` (room for all of it); FALSE when one of them cannot be read. */
BOOL ws2kit_gather_wsabufs(const WSABUF *buffers, DWORD count, ULONG_PTR skip, char *out)
{
    DWORD i;

    for (i = 0; i < count; i++)
    {
        ULONG_PTR from = skip < buffers[i].len ? skip : buffers[i].len;

        skip -= from;
        if (!ws2kit_read_user(out, buffers[i].buf + from, buffers[i].len - from)) return FALSE;
        out += buffers[i].len - from;
    }
    return TRUE;
}
