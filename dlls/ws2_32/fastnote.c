/* What the fast data path (fastio.c) may assume of each socket, as the
 * device calls made on it tell: the device layer reports each call here,
 * and the socket's fast note (socket_notes.c) keeps the result. */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

static void edit_state(struct ws2kit_socket_notes *notes, const void *arg)
{
    notes->fast.state = *(const BYTE *)arg;
}

/* Asked first under the shared lock: an overlapped server turns it off at
 * its first request, not at every one. */
void ws2kit_fast_off(SOCKET s)
{
    struct ws2kit_fast_note note;
    BYTE off = FAST_OFF;

    if (ws2kit_fast_note_read(s, &note) && note.state != FAST_OFF) ws2kit_known_notes_edit(s, edit_state, &off);
}

static void edit_ready(struct ws2kit_socket_notes *notes, const void *arg)
{
    const struct ws2kit_fast_note *ready = arg;

    if (notes->fast.state != FAST_UNTRIED) return;
    notes->fast.state = ready->state;
    notes->fast.stream = ready->stream;
    notes->fast.family = ready->family;
}

/* A send or receive went through the device: the socket is settled, and
 * from now on one that Linux alone can serve takes the fast path. */
static void device_moved_data(SOCKET s)
{
    struct ws2kit_sockstate_params state;
    struct ws2kit_fast_note note, ready = { 0 };

    if (!ws2kit_fast_note_read(s, &note) || note.state != FAST_UNTRIED) return;
    if (!ws2kit_sockstate(s, &state)) return;
    ready.stream = state.type == SOCK_STREAM;
    ready.family = state.family;
    /* TCP or UDP: other protocols (ICMP, raw) have the device's own rules */
    ready.state = (ready.stream ? state.protocol == IPPROTO_TCP
                                : state.type == SOCK_DGRAM && state.protocol == IPPROTO_UDP) ? FAST_READY : FAST_OFF;
    TRACE("%#Ix: fast path %s\n", s, ready.state == FAST_READY ? "ready" : "off");
    ws2kit_known_notes_edit(s, edit_ready, &ready);
}

static void edit_blocking(struct ws2kit_socket_notes *notes, const void *arg)
{
    notes->fast.nonblocking = *(const ULONG *)arg != 0;
}

static void edit_events(struct ws2kit_socket_notes *notes, const void *arg)
{
    (void)arg;
    notes->fast.state = FAST_OFF;
    notes->fast.events = TRUE;
    notes->fast.nonblocking = TRUE;   /* as Windows makes it */
}

enum device_effect { MOVES_DATA, SETS_BLOCKING, SELECTS_EVENTS, SHUTS_DOWN };

/* The synchronous device calls that change what the fast path may assume. */
static const struct
{
    ULONG code;
    enum device_effect effect;
}
device_effects[] =
{
    { IOCTL_AFD_WINE_SENDMSG,        MOVES_DATA },
    { IOCTL_AFD_WINE_RECVMSG,        MOVES_DATA },
    { IOCTL_AFD_WINE_FIONBIO,        SETS_BLOCKING },
    { IOCTL_AFD_EVENT_SELECT,        SELECTS_EVENTS },
    { IOCTL_AFD_WINE_MESSAGE_SELECT, SELECTS_EVENTS },
    { IOCTL_AFD_WINE_SHUTDOWN,       SHUTS_DOWN },
};

/* The device layer reports every call it makes on a socket here. */
void ws2kit_fast_saw_device_call(SOCKET s, ULONG code, const void *in, BOOL overlapped, NTSTATUS status)
{
    size_t i;

    if (overlapped)
    {
        if (code != IOCTL_AFD_POLL) ws2kit_fast_off(s);
        return;
    }
    for (i = 0; i < sizeof(device_effects) / sizeof(device_effects[0]) && device_effects[i].code != code; i++) ;
    if (i == sizeof(device_effects) / sizeof(device_effects[0])) return;
    switch (device_effects[i].effect)
    {
    case MOVES_DATA:     if (!status) device_moved_data(s); break;
    case SETS_BLOCKING:  if (!status) ws2kit_known_notes_edit(s, edit_blocking, in); break;
    case SELECTS_EVENTS: ws2kit_known_notes_edit(s, edit_events, NULL); break;
    case SHUTS_DOWN:     ws2kit_fast_off(s); break;
    }
}

static void edit_inherited(struct ws2kit_socket_notes *notes, const void *arg)
{
    const struct ws2kit_fast_note *listener = arg;

    notes->fast.nonblocking = listener->nonblocking;
    notes->fast.events = listener->events;
    if (listener->events) notes->fast.state = FAST_OFF;
}

/* An accepted socket has its listener's blocking mode and events. */
void ws2kit_fast_accepted(SOCKET listener, SOCKET accepted)
{
    struct ws2kit_fast_note note;

    if (!ws2kit_fast_note_read(listener, &note))
    {
        ws2kit_fast_off(accepted);
        return;
    }
    ws2kit_known_notes_edit(accepted, edit_inherited, &note);
}
