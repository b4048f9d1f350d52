/* The IPPROTO_TCP option numbers of Windows 10 and later that MinGW-w64's
 * headers (12.x) do not define yet.  Values from the Windows SDK's ws2ipdef.h. */
#ifndef WS2KIT_TCP_OPTIONS_H
#define WS2KIT_TCP_OPTIONS_H

#ifndef TCP_KEEPALIVE
#define TCP_KEEPALIVE 3   /* idle seconds before the first probe */
#endif
#ifndef TCP_KEEPCNT
#define TCP_KEEPCNT 16    /* probes */
#endif
#ifndef TCP_KEEPINTVL
#define TCP_KEEPINTVL 17  /* seconds between probes */
#endif

#endif
