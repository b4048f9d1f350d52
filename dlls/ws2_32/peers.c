/* What ws2kit remembers about a socket that Linux does not keep.
 *
 * The peer address of connected sockets, remembered for getpeername().
 * Windows reports a TCP peer for as long as the socket is open, even after
 * both directions have been shut down; Linux forgets it once the connection
 * has closed (ENOTCONN).  This small direct-mapped cache keeps the last peer
 * seen for a socket handle; a collision just loses the fallback.  Sockets
 * created or closed through ws2kit clear their slot, so a reused handle value
 * never reports an old peer.
 *
 * When it was first seen, for TCP_INFO's connection time.
 *
 * And whether keep-alive broke the connection: Windows fails every later
 * operation with WSAECONNRESET, where Linux reports end of file. */
#include "ws2_32_private.h"

#define PEER_SLOTS 1024

struct peer_slot
{
    SOCKET s;
    int len;                 /* 0: no peer remembered */
    BOOL reset;              /* broken by keep-alive */
    ULONGLONG connected_at;  /* GetTickCount64() when the peer was first seen */
    SOCKADDR_STORAGE addr;
};

static struct peer_slot peer_slots[PEER_SLOTS];
static SRWLOCK peer_lock = SRWLOCK_INIT;

static struct peer_slot *slot_for(SOCKET s)
{
    return &peer_slots[(s >> 2) % PEER_SLOTS];  /* handles are multiples of 4 */
}

void ws2kit_peer_remember(SOCKET s, const SOCKADDR_STORAGE *addr, int len)
{
    struct peer_slot *slot = slot_for(s);

    if (len <= 0 || len > (int)sizeof(*addr)) return;
    AcquireSRWLockExclusive(&peer_lock);
    if (slot->s != s || !slot->len)
    {
        if (slot->s != s) slot->reset = FALSE;
        slot->connected_at = GetTickCount64();
    }
    slot->s = s;
    slot->len = len;
    memcpy(&slot->addr, addr, len);
    ReleaseSRWLockExclusive(&peer_lock);
}

BOOL ws2kit_peer_recall(SOCKET s, SOCKADDR_STORAGE *addr, int *len)
{
    struct peer_slot *slot = slot_for(s);
    BOOL found;

    AcquireSRWLockShared(&peer_lock);
    found = slot->s == s && slot->len;
    if (found)
    {
        *len = slot->len;
        memcpy(addr, &slot->addr, slot->len);
    }
    ReleaseSRWLockShared(&peer_lock);
    return found;
}

void ws2kit_peer_forget(SOCKET s)
{
    struct peer_slot *slot = slot_for(s);

    AcquireSRWLockExclusive(&peer_lock);
    if (slot->s == s)
    {
        slot->len = 0;
        slot->reset = FALSE;
    }
    ReleaseSRWLockExclusive(&peer_lock);
}

void ws2kit_note_keepalive_reset(SOCKET s)
{
    struct peer_slot *slot = slot_for(s);

    AcquireSRWLockExclusive(&peer_lock);
    if (slot->s != s) slot->len = 0;
    slot->s = s;
    slot->reset = TRUE;
    ReleaseSRWLockExclusive(&peer_lock);
}

BOOL ws2kit_keepalive_reset(SOCKET s)
{
    struct peer_slot *slot = slot_for(s);
    BOOL reset;

    AcquireSRWLockShared(&peer_lock);
    reset = slot->s == s && slot->reset;
    ReleaseSRWLockShared(&peer_lock);
    return reset;
}

/* Milliseconds since the socket's peer was first seen, or 0 if unknown. */
ULONGLONG ws2kit_peer_connected_ms(SOCKET s)
{
    struct peer_slot *slot = slot_for(s);
    ULONGLONG ms = 0;

    AcquireSRWLockShared(&peer_lock);
    if (slot->s == s && slot->len) ms = GetTickCount64() - slot->connected_at;
    ReleaseSRWLockShared(&peer_lock);
    return ms;
}
