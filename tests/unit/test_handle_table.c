/* The handle-keyed hash table both sides keep their per-socket entries in
 * (include/ws2kit/handle_table.h), on the host. */
#include <check.h>

#include "check_run.h"
#include <stdint.h>

#include "ws2kit/handle_table.h"

struct entry
{
    uint64_t key;
    int value;
};

static struct ws2kit_handle_table table;

static void setup(void)
{
    struct ws2kit_handle_table empty = WS2KIT_HANDLE_TABLE_INIT(struct entry);
    table = empty;
}

static void teardown(void)
{
    free(ws2kit_table_take(&table).slots);
}

/* Handle values as Windows hands them out: multiples of 4, from 4. */
static uint64_t handle(unsigned int n)
{
    return 4 * (uint64_t)(n + 1);
}

static size_t live_entries(void)
{
    size_t i, live = 0;
    for (i = 0; i < table.size; i++) live += ws2kit_table_live_at(&table, i);
    return live;
}

static size_t deleted_slots(void)
{
    size_t i, deleted = 0;
    for (i = 0; i < table.size; i++) deleted += ws2kit_table_key_at(&table, i) == WS2KIT_KEY_DELETED;
    return deleted;
}

START_TEST(test_empty_table_finds_nothing)
{
    ck_assert_ptr_null(ws2kit_table_find(&table, handle(0)));
    ck_assert_uint_eq(table.size, 0);
}
END_TEST

START_TEST(test_insert_then_find)
{
    struct entry *entry = ws2kit_table_insert(&table, handle(7));

    ck_assert_ptr_nonnull(entry);
    ck_assert_uint_eq(entry->key, handle(7));
    ck_assert_int_eq(entry->value, 0);
    entry->value = 42;
    ck_assert_uint_eq(table.size, 64);
    ck_assert_uint_eq(table.used, 1);
    ck_assert_ptr_eq(ws2kit_table_find(&table, handle(7)), entry);
    ck_assert_ptr_null(ws2kit_table_find(&table, handle(8)));
}
END_TEST

START_TEST(test_get_makes_once)
{
    struct entry *made = ws2kit_table_get(&table, handle(3));

    made->value = 5;
    ck_assert_ptr_eq(ws2kit_table_get(&table, handle(3)), made);
    ck_assert_int_eq(made->value, 5);
    ck_assert_uint_eq(live_entries(), 1);
}
END_TEST

START_TEST(test_delete_leaves_tombstone)
{
    struct entry *entry = ws2kit_table_insert(&table, handle(1));

    ws2kit_table_delete(&table, entry);
    ck_assert_ptr_null(ws2kit_table_find(&table, handle(1)));
    ck_assert_uint_eq(deleted_slots(), 1);
    ck_assert_uint_eq(table.used, 1);  /* a tombstone still counts until a rehash */
}
END_TEST

/* Keys that share a home slot probe past each other; deleting the first
 * must not hide the second. */
START_TEST(test_delete_keeps_later_keys_reachable)
{
    uint64_t first = handle(0), second = 0;
    unsigned int n;
    struct entry *entry;

    ws2kit_table_insert(&table, first);
    for (n = 1; !second; n++)
        if (ws2kit_table_home(handle(n), table.size) == ws2kit_table_home(first, table.size)) second = handle(n);
    entry = ws2kit_table_insert(&table, second);
    entry->value = 2;
    ws2kit_table_delete(&table, ws2kit_table_find(&table, first));
    entry = ws2kit_table_find(&table, second);
    ck_assert_ptr_nonnull(entry);
    ck_assert_int_eq(entry->value, 2);
}
END_TEST

/* A new key takes the tombstone on its probe path rather than a free slot
 * further on, and a reused value starts zeroed. */
START_TEST(test_insert_reuses_tombstone)
{
    struct entry *entry = ws2kit_table_insert(&table, handle(9)), *again;
    size_t used;

    entry->value = 99;
    ws2kit_table_delete(&table, entry);
    used = table.used;
    again = ws2kit_table_insert(&table, handle(9));
    ck_assert_ptr_eq(again, entry);
    ck_assert_int_eq(again->value, 0);
    ck_assert_uint_eq(table.used, used);
    ck_assert_uint_eq(deleted_slots(), 0);
}
END_TEST

START_TEST(test_growth_keeps_every_key)
{
    struct entry *entry;
    unsigned int n;

    for (n = 0; n < 1000; n++)
    {
        entry = ws2kit_table_insert(&table, handle(n));
        ck_assert_ptr_nonnull(entry);
        entry->value = (int)n;
    }
    /* never more than half full, a power of two */
    ck_assert_uint_ge(table.size, 2000);
    ck_assert_uint_eq(table.size & (table.size - 1), 0);
    for (n = 0; n < 1000; n++)
    {
        entry = ws2kit_table_find(&table, handle(n));
        ck_assert_ptr_nonnull(entry);
        ck_assert_int_eq(entry->value, (int)n);
    }
    ck_assert_ptr_null(ws2kit_table_find(&table, handle(1000)));
}
END_TEST

/* Sockets come and go with ever new handle values: the tombstones they leave
 * are dropped at each rehash, so the table stays sized by the live ones. */
START_TEST(test_churn_keeps_table_small)
{
    unsigned int n, live = 10;
    size_t largest = 0;

    for (n = 0; n < live; n++) ws2kit_table_insert(&table, handle(n));
    for (n = live; n < 100000 + live; n++)
    {
        ck_assert_ptr_nonnull(ws2kit_table_insert(&table, handle(n)));
        ws2kit_table_delete(&table, ws2kit_table_find(&table, handle(n - live)));
        if (table.size > largest) largest = table.size;
    }
    ck_assert_uint_le(largest, 256);
    ck_assert_uint_eq(live_entries(), live);
    for (n = 100000; n < 100000 + live; n++) ck_assert_ptr_nonnull(ws2kit_table_find(&table, handle(n)));
}
END_TEST

/* A rehash counts live entries only: used drops back after deletions. */
START_TEST(test_rehash_forgets_tombstones)
{
    unsigned int n;

    for (n = 0; n < 20; n++) ws2kit_table_insert(&table, handle(n));
    for (n = 0; n < 15; n++) ws2kit_table_delete(&table, ws2kit_table_find(&table, handle(n)));
    ck_assert_uint_eq(table.used, 20);
    ck_assert_int_eq(ws2kit_table_rehash(&table), 1);
    ck_assert_uint_eq(table.used, 5);
    ck_assert_uint_eq(table.size, 64);
    ck_assert_uint_eq(deleted_slots(), 0);
    for (n = 15; n < 20; n++) ck_assert_ptr_nonnull(ws2kit_table_find(&table, handle(n)));
}
END_TEST

START_TEST(test_take_empties)
{
    struct ws2kit_handle_table taken;

    ws2kit_table_insert(&table, handle(2));
    taken = ws2kit_table_take(&table);
    ck_assert_uint_eq(table.size, 0);
    ck_assert_uint_eq(table.used, 0);
    ck_assert_ptr_null(ws2kit_table_find(&table, handle(2)));
    ck_assert_ptr_nonnull(ws2kit_table_find(&taken, handle(2)));
    free(taken.slots);
}
END_TEST

/* Check's START_TEST names a pointer to the test; these are their addresses. */
static const TTest *const *const tests[] =
{
    &test_empty_table_finds_nothing,
    &test_insert_then_find,
    &test_get_makes_once,
    &test_delete_leaves_tombstone,
    &test_delete_keeps_later_keys_reachable,
    &test_insert_reuses_tombstone,
    &test_growth_keeps_every_key,
    &test_churn_keeps_table_small,
    &test_rehash_forgets_tombstones,
    &test_take_empties,
};

int main(void)
{
    Suite *suite = suite_create("handle_table");
    TCase *tc = tcase_create("table");
    size_t i;

    tcase_add_checked_fixture(tc, setup, teardown);
    for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) tcase_add_test(tc, *tests[i]);
    suite_add_tcase(suite, tc);
    return run_suite(suite);
}
