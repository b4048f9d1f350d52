/* Reads the four keep-alive values from the registry, raw, for
 * ka_read_settings() to judge.  PE side only (advapi32); shared by ws2_32.dll
 * and ws2diag so that both see the values the same way. */
#include <windows.h>
#include <string.h>

#include "ws2kit/keepalive.h"

long ka_read_registry(struct ka_registry *reg)
{
    HKEY key;
    LONG ret;
    int i;

    memset(reg, 0, sizeof(*reg));
    ret = RegOpenKeyExW(HKEY_LOCAL_MACHINE, (const WCHAR *)KA_REGISTRY_KEY_W, 0, KEY_QUERY_VALUE, &key);
    if (ret) return ret;
    for (i = 0; i < KA_VALUE_COUNT; i++)
    {
        struct ka_registry_value *value = &reg->value[i];
        BYTE data[8] = { 0 };
        DWORD type, size = sizeof(data);

        ret = RegQueryValueExW(key, (const WCHAR *)ka_value_rules[i].wname, NULL, &type, data, &size);
        if (ret == ERROR_FILE_NOT_FOUND) continue;
        value->present = 1;
        value->type = type;
        /* Anything longer than 8 bytes is just "too long" to the rules. */
        value->size = ret == ERROR_MORE_DATA ? sizeof(data) + 1 : size;
        memcpy(&value->data, data, sizeof(value->data));
    }
    RegCloseKey(key);
    return 0;
}
