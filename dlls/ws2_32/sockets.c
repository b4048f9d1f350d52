/* The sockets this process opened through ws2kit.
 *
 * Windows destroys a process's sockets at its last WSACleanup, so ws2kit
 * keeps the set of open sockets: added at creation and accept, removed at
 * closesocket.  A handle closed with CloseHandle stays in the set until its
 * value is reused or the process cleans up; every use of the set that could
 * act on such a stale value asks the socket device first. */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

static SRWLOCK sockets_lock = SRWLOCK_INIT;
static SOCKET *sockets;          /* open addressing, 0 marks a free slot, 1 a deleted one */
static size_t sockets_size, sockets_used;

#define DELETED ((SOCKET)1)      /* socket handles are multiples of 4, never 1 */

static size_t slot_index(SOCKET s, size_t size)
{
    return (size_t)((s >> 2) * 0x9e3779b97f4a7c15ull) & (size - 1);
}

static BOOL grow(void)
{
    size_t new_size = sockets_size ? sockets_size * 2 : 64, i;
    SOCKET *table = calloc(new_size, sizeof(*table));

    if (!table) return FALSE;
    for (i = 0; i < sockets_size; i++)
    {
        size_t j;
        if (sockets[i] == 0 || sockets[i] == DELETED) continue;
        for (j = slot_index(sockets[i], new_size); table[j]; j = (j + 1) & (new_size - 1)) ;
        table[j] = sockets[i];
    }
    free(sockets);
    sockets = table;
    sockets_size = new_size;
    return TRUE;
}

void ws2kit_sockets_add(SOCKET s)
{
    size_t i;

    AcquireSRWLockExclusive(&sockets_lock);
    if ((sockets_used + 1) * 2 > sockets_size && !grow())
    {
        ReleaseSRWLockExclusive(&sockets_lock);
        return;
    }
    for (i = slot_index(s, sockets_size); sockets[i] && sockets[i] != DELETED; i = (i + 1) & (sockets_size - 1))
        if (sockets[i] == s) break;
    if (sockets[i] != s)
    {
        if (!sockets[i]) sockets_used++;
        sockets[i] = s;
    }
    ReleaseSRWLockExclusive(&sockets_lock);
}

static size_t find_locked(SOCKET s)
{
    size_t i;
    if (!sockets_size) return (size_t)-1;
    for (i = slot_index(s, sockets_size); sockets[i]; i = (i + 1) & (sockets_size - 1))
        if (sockets[i] == s) return i;
    return (size_t)-1;
}

void ws2kit_sockets_remove(SOCKET s)
{
    size_t i;

    AcquireSRWLockExclusive(&sockets_lock);
    if ((i = find_locked(s)) != (size_t)-1) sockets[i] = DELETED;
    ReleaseSRWLockExclusive(&sockets_lock);
}

/* Closes every socket in the set; the last WSACleanup does this. */
void ws2kit_sockets_close_all(void)
{
    SOCKET *table;
    size_t size, i;

    AcquireSRWLockExclusive(&sockets_lock);
    table = sockets;
    size = sockets_size;
    sockets = NULL;
    sockets_size = sockets_used = 0;
    ReleaseSRWLockExclusive(&sockets_lock);

    for (i = 0; i < size; i++)
    {
        if (table[i] == 0 || table[i] == DELETED) continue;
        /* The value may have been closed with CloseHandle and reused. */
        if (!ws2kit_is_socket(table[i])) continue;
        TRACE("closing %#Ix\n", table[i]);
        ws2kit_peer_forget(table[i]);
        CloseHandle((HANDLE)table[i]);
    }
    free(table);
}

/* Whether a handle is a Winsock socket.  ws2kit.so asks the fd, which costs
 * no wineserver round trip once ntdll caches it (connected, listening and
 * datagram sockets); a handle without an fd is no socket. */
BOOL ws2kit_is_socket(SOCKET s)
{
    struct ws2kit_sockstate_params state;
    return ws2kit_sockstate(s, &state);
}
