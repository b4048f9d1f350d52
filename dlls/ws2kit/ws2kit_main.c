/* ws2kit.dll: the companion module that carries ws2kit's Unix library.
 *
 * Wine only registers a Unix library for a module it loads as a builtin, and
 * it always prefers its own builtin ws2_32 to ours, so the Unix side hangs off
 * this module with a name of its own.  tools/mark-builtin.sh stamps it with
 * Wine's builtin signature after linking; ws2_32.dll loads it and asks ntdll
 * for its Unix call handle.  It has no code of its own. */
#include <windows.h>

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    (void)reserved;
    if (reason == DLL_PROCESS_ATTACH) DisableThreadLibraryCalls(instance);
    return TRUE;
}
