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

/* Applies one WINEDEBUG item ("+winsock", "warn-all", "trace+keepalive",
 * "-all") if it names the channel (named_pass) or "all" (!named_pass). */
static int apply_item(int flags, const char *item, size_t len, const char *channel_name, int named_pass)
{
    const char *op = NULL, *name;
    size_t i, name_len;
    int mask, cls, is_all;

    for (i = 0; i < len; i++)
        if (item[i] == '+' || item[i] == '-') { op = item + i; break; }
    if (!op) /* a bare name means "+name" */
        return (named_pass && len == strlen(channel_name) && !memcmp(item, channel_name, len)) ? 0xf : flags;

    if (op == item) mask = 0xf;
    else if ((cls = class_from_name(item, op - item)) >= 0) mask = 1 << cls;
    else return flags;

    name = op + 1;
    name_len = len - (name - item);
    is_all = name_len == 3 && !memcmp(name, "all", 3);
    if (named_pass ? (is_all || name_len != strlen(channel_name) || memcmp(name, channel_name, name_len))
                   : !is_all)
        return flags;
    return *op == '+' ? (flags | mask) : (flags & ~mask);
}

/* As in Wine, an item naming the channel wins over "all" wherever it stands. */
int ws2kit_debug_parse(const char *spec, const char *channel_name)
{
    int flags = DEFAULT_FLAGS, named_pass;

    if (!spec) return flags;
    for (named_pass = 0; named_pass <= 1; named_pass++)
    {
        const char *item = spec;
        while (*item)
        {
            size_t len = strcspn(item, ",");
            if (len) flags = apply_item(flags, item, len, channel_name, named_pass);
            item += len;
            if (*item == ',') item++;
        }
    }
    return flags;
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
}
