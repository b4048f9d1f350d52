/* Slow lookups for cancel tests: a service name that is not in the
 * prefix's services file makes the lookup read the whole file, so a services
 * file grown by tens of thousands of lines keeps a request busy for a while
 * (tens of milliseconds) and a cancel right after the start finds it still
 * running.  grow_services_file() keeps the original and
 * restore_services_file() puts it back.  Include after <windows.h>. */
#ifndef WS2KIT_SLOWLOOKUP_H
#define WS2KIT_SLOWLOOKUP_H

#include <stdio.h>
#include <stdlib.h>

#define SLOW_SERVICE "ws2kit-not-a-service"

static char services_path[MAX_PATH], services_saved[MAX_PATH];

static __attribute__((unused)) BOOL grow_services_file(void)
{
    FILE *file;
    int i;

    GetSystemDirectoryA(services_path, MAX_PATH - 32);
    strcat(services_path, "\\drivers\\etc\\services");
    snprintf(services_saved, sizeof(services_saved), "%s.ws2kit-saved", services_path);
    if (!CopyFileA(services_path, services_saved, FALSE)) return FALSE;
    if (!(file = fopen(services_path, "a"))) return FALSE;
    for (i = 0; i < 60000; i++) fprintf(file, "ws2kit-filler-%d %d/tcp\n", i, 10000 + i % 50000);
    fclose(file);
    return TRUE;
}

/* A lookup that lost its cancel race may still have the file open: retry a while. */
static __attribute__((unused)) BOOL restore_services_file(void)
{
    int i;

    for (i = 0; i < 100; i++)
    {
        if (MoveFileExA(services_saved, services_path, MOVEFILE_REPLACE_EXISTING)) return TRUE;
        Sleep(50);
    }
    return FALSE;
}

#endif
