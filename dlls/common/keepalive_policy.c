/* ws2kit keep-alive policy (see include/ws2kit/keepalive.h).
 * Pure C: no I/O, no registry, no Windows headers; built for host and MinGW. */
#include <stddef.h>
#include <stdio.h>

#include "ws2kit/keepalive.h"

const struct ka_value_rule ka_value_rules[KA_VALUE_COUNT] =
{
    /*                             name                             wname                             default                      min                      max */
    [KA_VALUE_TIME]             = { "KeepAliveTime",                 u"KeepAliveTime",                 KA_DEFAULT_TIME_MS,          KA_MIN_TIME_MS,          KA_MAX_TIME_MS },
    [KA_VALUE_INTERVAL]         = { "KeepAliveInterval",             u"KeepAliveInterval",             KA_DEFAULT_INTERVAL_MS,      KA_MIN_INTERVAL_MS,      KA_MAX_INTERVAL_MS },
    [KA_VALUE_MAX_RETRANS]      = { "TcpMaxDataRetransmissions",     u"TcpMaxDataRetransmissions",     KA_DEFAULT_MAX_RETRANS,      KA_MIN_MAX_RETRANS,      KA_MAX_MAX_RETRANS },
    [KA_VALUE_PPTP_MAX_RETRANS] = { "PPTPTcpMaxDataRetransmissions", u"PPTPTcpMaxDataRetransmissions", KA_DEFAULT_PPTP_MAX_RETRANS, KA_MIN_PPTP_MAX_RETRANS, KA_MAX_PPTP_MAX_RETRANS },
};

/* ---- Registry ------------------------------------------------------------ */

static enum ka_value_status check_value(const struct ka_registry_value *raw,
                                        const struct ka_value_rule *rule)
{
    if (!raw->present) return KA_STATUS_MISSING;
    if (raw->type != KA_REG_DWORD) return KA_STATUS_WRONG_TYPE;
    if (raw->size != KA_REG_DWORD_SIZE) return KA_STATUS_WRONG_SIZE;
    if (raw->data < rule->min_value || raw->data > rule->max_value) return KA_STATUS_OUT_OF_RANGE;
    return KA_STATUS_OK;
}

void ka_read_settings(const struct ka_registry *reg, struct ka_settings *out)
{
    unsigned int id;

    out->defaulted = 0;
    for (id = 0; id < KA_VALUE_COUNT; id++)
    {
        const struct ka_value_rule *rule = &ka_value_rules[id];
        enum ka_value_status status = check_value(&reg->value[id], rule);

        out->status[id] = status;
        if (status == KA_STATUS_OK)
            out->value[id] = reg->value[id].data;
        else
        {
            out->value[id] = rule->default_value;
            out->defaulted |= 1u << id;
        }
    }
}

/* ---- Windows version classes --------------------------------------------- */

static int is_vista_or_later(unsigned int win_major)
{
    return win_major >= KA_VISTA_MAJOR;
}

unsigned int ka_windows_probes(const struct ka_settings *settings, unsigned int win_major)
{
    unsigned int retrans = settings->value[KA_VALUE_MAX_RETRANS];
    unsigned int pptp = settings->value[KA_VALUE_PPTP_MAX_RETRANS];
    unsigned int probes;

    if (is_vista_or_later(win_major)) return KA_VISTA_PROBES;
    probes = retrans > pptp ? retrans : pptp;
    return probes > KA_LEGACY_PROBES_MAX ? KA_LEGACY_PROBES_MAX : probes;
}

int ka_connect_in_progress_allowed(unsigned int win_major)
{
    return !is_vista_or_later(win_major);
}

/* ---- What Windows holds --------------------------------------------------- */

void ka_windows_defaults(const struct ka_settings *settings, unsigned int win_major, struct ka_windows *out)
{
    ka_windows_vals(settings, win_major, 1, settings->value[KA_VALUE_TIME], settings->value[KA_VALUE_INTERVAL], out);
}

void ka_windows_vals(const struct ka_settings *settings, unsigned int win_major, unsigned int onoff,
                     unsigned int time_ms, unsigned int interval_ms, struct ka_windows *out)
{
    static const struct ka_windows off = { 0 };

    if (!onoff)
    {
        *out = off;
        return;
    }
    out->on = 1;
    out->time_ms = time_ms;
    out->interval_ms = interval_ms;
    out->probes = ka_windows_probes(settings, win_major);
}

/* ---- Names for trace lines ------------------------------------------------ */

static int single_bit_index(unsigned int bit, unsigned int count)
{
    unsigned int i;

    for (i = 0; i < count; i++)
        if (bit == 1u << i) return (int)i;
    return -1;
}

const char *ka_defaulted_bit_name(unsigned int bit)
{
    int i = single_bit_index(bit, KA_VALUE_COUNT);

    return i < 0 ? "?" : ka_value_rules[i].name;
}

const char *ka_status_name(enum ka_value_status status)
{
    switch (status)
    {
    case KA_STATUS_OK:           return "ok";
    case KA_STATUS_MISSING:      return "missing";
    case KA_STATUS_WRONG_TYPE:   return "wrong type";
    case KA_STATUS_WRONG_SIZE:   return "wrong size";
    case KA_STATUS_OUT_OF_RANGE: return "out of range";
    }
    return "?";
}

void ka_describe_value(const struct ka_settings *settings, unsigned int id, char *line, size_t size)
{
    if (id >= KA_VALUE_COUNT)
        snprintf(line, size, "?");
    else if (settings->status[id] == KA_STATUS_OK)
        snprintf(line, size, "%s: %u from the registry", ka_value_rules[id].name, settings->value[id]);
    else
        snprintf(line, size, "%s: %s, default %u applies", ka_value_rules[id].name,
                 ka_status_name(settings->status[id]), settings->value[id]);
}
