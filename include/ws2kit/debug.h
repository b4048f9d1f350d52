/* ws2kit tracing, in Wine's WINEDEBUG style.
 *
 * Each source file declares its channel once:
 *     WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);
 * and then writes TRACE(...), WARN(...), FIXME(...) or ERR(...).  Lines look
 * like Wine's own ("0024:trace:winsock:setsockopt ...") and are switched by the
 * same variable, e.g. WINEDEBUG=+winsock,+keepalive or WINEDEBUG=-all.
 * As in Wine, fixme and err are on unless switched off; trace and warn are off.
 */
#ifndef WS2KIT_DEBUG_H
#define WS2KIT_DEBUG_H

enum ws2kit_debug_class
{
    WS2KIT_DBCL_FIXME,
    WS2KIT_DBCL_ERR,
    WS2KIT_DBCL_WARN,
    WS2KIT_DBCL_TRACE,
};

struct ws2kit_debug_channel
{
    const char *name;
    volatile int flags; /* bit per class; bit 30 once WINEDEBUG has been parsed */
};

int ws2kit_debug_enabled(struct ws2kit_debug_channel *channel, enum ws2kit_debug_class cls);
void ws2kit_debug_log(struct ws2kit_debug_channel *channel, enum ws2kit_debug_class cls,
                      const char *function, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

/* Parses a WINEDEBUG-style string; exposed for the host unit tests. */
int ws2kit_debug_parse(const char *spec, const char *channel_name);

#define WS2KIT_DEFAULT_DEBUG_CHANNEL(ch) \
    static struct ws2kit_debug_channel ws2kit_debug_default_channel __attribute__((unused)) = { #ch, 0 }

#define WS2KIT_LOG(cls, ...)                                                        \
    do {                                                                            \
        if (ws2kit_debug_enabled(&ws2kit_debug_default_channel, cls))               \
            ws2kit_debug_log(&ws2kit_debug_default_channel, cls, __func__, __VA_ARGS__); \
    } while (0)

#define TRACE(...) WS2KIT_LOG(WS2KIT_DBCL_TRACE, __VA_ARGS__)
#define WARN(...)  WS2KIT_LOG(WS2KIT_DBCL_WARN, __VA_ARGS__)
#define FIXME(...) WS2KIT_LOG(WS2KIT_DBCL_FIXME, __VA_ARGS__)
#define ERR(...)   WS2KIT_LOG(WS2KIT_DBCL_ERR, __VA_ARGS__)
#define TRACE_ON() ws2kit_debug_enabled(&ws2kit_debug_default_channel, WS2KIT_DBCL_TRACE)

#endif
