/* ws2kit tracing: WINEDEBUG parsing and line output (see include/ws2kit/debug.h).
 * Built for both the PE DLL and the host, so it uses only the C library. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _WIN32
#include <windows.h>
#define current_thread_id() ((unsigned int)GetCurrentThreadId())
#else
#include <unistd.h>
#define current_thread_id() ((unsigned int)getpid())
#endif

#include "ws2kit/debug.h"

#define PARSED_FLAG (1 << 30)
#define DEFAULT_FLAGS ((1 << WS2KIT_DBCL_FIXME) | (1 << WS2KIT_DBCL_ERR))

static const char *const class_names[] = { "fixme", "err", "warn", "trace" };

static int class_from_name(const char *name, size_t len)
{
    int i;
    for (i = 0; i < 4; i++)
        if (strlen(class_names[i]) == len && !memcmp(class_names[i], name, len)) return i;
    return -1;
}

/* Parses one WINEDEBUG item ("+winsock", "warn-all", "trace+keepalive",
 * "-all", or a bare channel name): which bits it sets and clears and the
 * channel it names.  Returns 0 for an item to skip (unknown class). */
static int parse_item(const char *item, size_t len, int *set, int *clear, const char **name, size_t *name_len)
{
    const char *op = item + strcspn(item, "+-");
    int mask = 0xf, cls;

    if (op >= item + len) /* a bare name means "+name" */
    {
        *set = 0xf; *clear = 0; *name = item; *name_len = len;
        return 1;
    }
    if (op > item)
    {
        if ((cls = class_from_name(item, op - item)) < 0) return 0;
        mask = 1 << cls;
    }
    *set = *op == '+' ? mask : 0;
    *clear = *op == '-' ? mask : 0;
    *name = op + 1;
    *name_len = len - (*name - item);
    return *name_len > 0;
}

/* Wine's rule: "all" items change the default; a channel, the first time an
 * item names it, starts from the default as it is at that point, and from
 * then on only items naming it change it. */
int ws2kit_debug_parse(const char *spec, const char *channel_name)
{
    int default_flags = DEFAULT_FLAGS, flags = 0, named = 0;
    const char *item = spec;

    if (!spec) return DEFAULT_FLAGS;
    while (*item)
    {
        size_t len = strcspn(item, ","), name_len;
        const char *name;
        int set, clear;

        if (len && parse_item(item, len, &set, &clear, &name, &name_len))
        {
            if (name_len == 3 && !memcmp(name, "all", 3))
                default_flags = (default_flags & ~clear) | set;
            else if (name_len == strlen(channel_name) && !memcmp(name, channel_name, name_len))
            {
                flags = ((named ? flags : default_flags) & ~clear) | set;
                named = 1;
            }
        }
        item += len;
        if (*item == ',') item++;
    }
    return named ? flags : default_flags;
}

int ws2kit_debug_enabled(struct ws2kit_debug_channel *channel, enum ws2kit_debug_class cls)
{
    int flags = channel->flags;
    if (!(flags & PARSED_FLAG))
    {
        flags = ws2kit_debug_parse(getenv("WINEDEBUG"), channel->name) | PARSED_FLAG;
        channel->flags = flags;
    }
    return (flags >> cls) & 1;
}

void ws2kit_debug_log(struct ws2kit_debug_channel *channel, enum ws2kit_debug_class cls,
                      const char *function, const char *format, ...)
{
    char line[1024];
    int len;
    va_list args;

    len = snprintf(line, sizeof(line), "%04x:%s:%s:%s ", current_thread_id(),
                   class_names[cls], channel->name, function);
    if (len < 0 || len >= (int)sizeof(line)) return;
    va_start(args, format);
    vsnprintf(line + len, sizeof(line) - len, format, args);
    va_end(args);
    fputs(line, stderr);
    /* msvcrt buffers stderr when it is a file or a pipe: a line that comes
     * just before a crash (an err: about a fault) must not die in the buffer. */
    fflush(stderr);
}
