/* Copies to and from caller memory that turn an access violation into a
 * failed copy, so that bad pointers get WSAEFAULT as on Windows (where the
 * kernel probes them) instead of crashing the program.
 *
 * The copy is a tiny assembly routine; a vectored exception handler that sees
 * an access violation inside it moves execution to its failure exit. */
#include "ws2_32_private.h"

extern char ws2kit_copy_fault_begin[], ws2kit_copy_fault_end[], ws2kit_copy_fault_exit[];
BOOL ws2kit_copy(void *dst, const void *src, SIZE_T len);

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

static LONG CALLBACK copy_fault_handler(EXCEPTION_POINTERS *info)
{
    DWORD64 ip = info->ContextRecord->Rip;

    if (info->ExceptionRecord->ExceptionCode != EXCEPTION_ACCESS_VIOLATION)
        return EXCEPTION_CONTINUE_SEARCH;
    if (ip < (DWORD64)ws2kit_copy_fault_begin || ip > (DWORD64)ws2kit_copy_fault_end)
        return EXCEPTION_CONTINUE_SEARCH;
    info->ContextRecord->Rip = (DWORD64)ws2kit_copy_fault_exit;
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

BOOL ws2kit_write_user(void *user_dst, const void *src, SIZE_T len)
{
    if (!len) return TRUE;
    if (!user_dst) return FALSE;
    return ws2kit_copy(user_dst, src, len);
}

/* Copies a caller's NUL-terminated string into buf; FALSE if it is
 * unreadable or does not fit with its NUL. */
BOOL ws2kit_read_user_string(const char *user, char *buf, SIZE_T size)
{
    SIZE_T i;

    for (i = 0; i < size; i++)
    {
        if (!ws2kit_read_user(&buf[i], &user[i], 1)) return FALSE;
        if (!buf[i]) return TRUE;
    }
    return FALSE;
}

/* The same for a wide string (count: buf's size in WCHARs). */
BOOL ws2kit_read_user_wstring(const WCHAR *user, WCHAR *buf, SIZE_T count)
{
    SIZE_T i;

    for (i = 0; i < count; i++)
    {
        if (!ws2kit_read_user(&buf[i], &user[i], sizeof(WCHAR))) return FALSE;
        if (!buf[i]) return TRUE;
    }
    return FALSE;
}
