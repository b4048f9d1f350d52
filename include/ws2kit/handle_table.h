/* A small open-addressing hash table keyed by a handle value, with linear
 * probing and tombstones.  Header-only, for the PE side (the socket records,
 * socket_notes.c) and the Unix side (the fds ws2kit.so keeps, unixlib.c).
 *
 * Each entry is a caller's struct whose first member is the uint64_t key
 * (a uint64_t even where a SOCKET is 32-bit).  Key 0 marks a free slot and 1
 * a deleted one: handles are multiples of 4, never 0 or 1.  The caller does
 * the locking. */
#ifndef WS2KIT_HANDLE_TABLE_H
#define WS2KIT_HANDLE_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define WS2KIT_KEY_FREE    ((uint64_t)0)
#define WS2KIT_KEY_DELETED ((uint64_t)1)

struct ws2kit_handle_table
{
    void *slots;         /* size entries of entry_size bytes */
    size_t entry_size;
    size_t size;         /* a power of two, or 0 before the first insert */
    size_t used;         /* slots taken or deleted: what makes probes long */
};

/* An empty table of entries of the given struct type. */
#define WS2KIT_HANDLE_TABLE_INIT(type) { NULL, sizeof(type), 0, 0 }

static inline void *ws2kit_table_slot(const struct ws2kit_handle_table *table, size_t i)
{
    return (char *)table->slots + i * table->entry_size;
}

static inline uint64_t ws2kit_table_key_at(const struct ws2kit_handle_table *table, size_t i)
{
    return *(const uint64_t *)ws2kit_table_slot(table, i);
}

/* Whether slot i holds an entry (neither free nor deleted). */
static inline int ws2kit_table_live_at(const struct ws2kit_handle_table *table, size_t i)
{
    return ws2kit_table_key_at(table, i) > WS2KIT_KEY_DELETED;
}

/* Handles step by 4: drop the two low bits before spreading them. */
static inline size_t ws2kit_table_home(uint64_t key, size_t size)
{
    return (size_t)((key >> 2) * 0x9e3779b97f4a7c15ull) & (size - 1);
}

static inline size_t ws2kit_table_next(const struct ws2kit_handle_table *table, size_t i)
{
    return (i + 1) & (table->size - 1);
}

/* The entry for key, or NULL. */
static inline void *ws2kit_table_find(const struct ws2kit_handle_table *table, uint64_t key)
{
    size_t i;

    if (!table->size) return NULL;
    for (i = ws2kit_table_home(key, table->size); ws2kit_table_key_at(table, i) != WS2KIT_KEY_FREE;
         i = ws2kit_table_next(table, i))
        if (ws2kit_table_key_at(table, i) == key) return ws2kit_table_slot(table, i);
    return NULL;
}

/* Rehashes into a table four times the live entries (at least 64 slots),
 * which also drops the deleted slots.  0 when memory runs out (the table is
 * left as it was). */
static inline int ws2kit_table_rehash(struct ws2kit_handle_table *table)
{
    struct ws2kit_handle_table new_table = { NULL, table->entry_size, 64, 0 };
    size_t live = 0, i, j;

    for (i = 0; i < table->size; i++) live += ws2kit_table_live_at(table, i);
    while (new_table.size < live * 4) new_table.size *= 2;
    if (!(new_table.slots = calloc(new_table.size, new_table.entry_size))) return 0;
    for (i = 0; i < table->size; i++)
    {
        if (!ws2kit_table_live_at(table, i)) continue;
        for (j = ws2kit_table_home(ws2kit_table_key_at(table, i), new_table.size);
             ws2kit_table_key_at(&new_table, j) != WS2KIT_KEY_FREE; j = ws2kit_table_next(&new_table, j)) ;
        memcpy(ws2kit_table_slot(&new_table, j), ws2kit_table_slot(table, i), table->entry_size);
    }
    free(table->slots);
    new_table.used = live;
    *table = new_table;
    return 1;
}

/* A zeroed entry holding key, which must not be in the table yet; it takes
 * the first deleted or free slot on key's probe path.  NULL when memory runs
 * out. */
static inline void *ws2kit_table_insert(struct ws2kit_handle_table *table, uint64_t key)
{
    void *entry;
    size_t i;

    if ((table->used + 1) * 2 > table->size && !ws2kit_table_rehash(table)) return NULL;
    for (i = ws2kit_table_home(key, table->size); ws2kit_table_live_at(table, i); i = ws2kit_table_next(table, i)) ;
    if (ws2kit_table_key_at(table, i) == WS2KIT_KEY_FREE) table->used++;
    entry = ws2kit_table_slot(table, i);
    memset(entry, 0, table->entry_size);
    *(uint64_t *)entry = key;
    return entry;
}

/* The entry for key, made (zeroed) if it was not there; NULL only when
 * memory runs out. */
static inline void *ws2kit_table_get(struct ws2kit_handle_table *table, uint64_t key)
{
    void *entry = ws2kit_table_find(table, key);
    return entry ? entry : ws2kit_table_insert(table, key);
}

/* Removes an entry found in the table.  Its slot becomes a tombstone, so
 * that probes for keys placed past it still reach them; the next rehash
 * reclaims it. */
static inline void ws2kit_table_delete(struct ws2kit_handle_table *table, void *entry)
{
    (void)table;
    *(uint64_t *)entry = WS2KIT_KEY_DELETED;
}

/* Empties the table and hands its slots over; the caller frees them. */
static inline struct ws2kit_handle_table ws2kit_table_take(struct ws2kit_handle_table *table)
{
    struct ws2kit_handle_table taken = *table;

    table->slots = NULL;
    table->size = table->used = 0;
    return taken;
}

#endif
