/* Flag words translated through a table of corresponding bits, one row per
 * flag, in either direction: Windows flags to Linux flags or to the socket
 * device's bits, and back.  Header-only, for the PE and the Unix side. */
#ifndef WS2KIT_BITMAP_H
#define WS2KIT_BITMAP_H

#include <stddef.h>

struct ws2kit_bit_pair
{
    unsigned int windows;  /* a Windows flag */
    unsigned int other;    /* what stands for it on the other side (may be several bits) */
};

/* A table and its row count, for the functions below. */
#define WS2KIT_BIT_MAP(map) (map), sizeof(map) / sizeof((map)[0])

/* The other side's bits for a Windows flag word.  *unknown, when asked for,
 * gets the Windows bits that no row knows. */
static inline unsigned int ws2kit_bits_to_other(const struct ws2kit_bit_pair *map, size_t count,
                                                unsigned int windows, unsigned int *unknown)
{
    unsigned int out = 0, known = 0;
    size_t i;

    for (i = 0; i < count; i++)
    {
        known |= map[i].windows;
        if (windows & map[i].windows) out |= map[i].other;
    }
    if (unknown) *unknown = windows & ~known;
    return out;
}

/* The Windows flags for the other side's bits. */
static inline unsigned int ws2kit_bits_to_windows(const struct ws2kit_bit_pair *map, size_t count,
                                                  unsigned int other)
{
    unsigned int out = 0;
    size_t i;

    for (i = 0; i < count; i++)
        if (other & map[i].other) out |= map[i].windows;
    return out;
}

#endif
