/* fuzz_io.c: the rest of the Winsock surface for fuzz_calls.c (included by
 * it, after its option and ioctl calls): the send and receive families,
 * select and WSAPoll, the address and name calls, the extension functions,
 * WSAEventSelect / WSAEnumNetworkEvents and the *_CHANGE ioctls.
 *
 * The contract checked after every call, on top of fuzz_calls.c's:
 *  - a failure carries one of the errors Microsoft documents for that call
 *    (its own list below); a call given a bad pointer may also answer
 *    WSAEFAULT where its page names none (Windows would fault there instead);
 *  - no byte changes outside the buffers the call may write, in every area a
 *    pointer argument can come from: the data regions, the page-end pages,
 *    the page holding counts, flags and lengths, and the page holding the
 *    structures (WSABUF arrays, WSAMSG, fd_sets, WSAPOLLFDs, hints);
 *  - a request that pends is cancelled (CancelIoEx, or closesocket) and must
 *    then complete within CANCEL_WAIT_MS with a documented error; its buffers
 *    are then poisoned, the peer sends, and they must stay poisoned (no late
 *    write into memory the caller got back);
 *  - a request that succeeds at once signals its event, runs its completion
 *    routine at the next alertable wait, or posts to its completion port.
 */

static const int send_errors[] =
{
    10093, 10050, 10013, 10004, 10036, 10014, 10052, 10055, 10057, 10038, 10045, 10058, 10035, 10040,
    10065, 10022, 10053, 10054, 10060,
};
static const int recv_errors[] =
{
    10093, 10050, 10014, 10057, 10004, 10036, 10052, 10038, 10045, 10058, 10035, 10040, 10022, 10053,
    10060, 10054,
};
static const int sendto_errors[] =
{
    10093, 10050, 10013, 10022, 10004, 10036, 10014, 10052, 10055, 10057, 10038, 10045, 10058, 10035,
    10040, 10065, 10053, 10054, 10049, 10047, 10039, 10051, 10060,
};
/* Plus WSAENOTCONN: on a stream socket recvfrom is recv (whose list has it). */
static const int recvfrom_errors[] =
{
    10093, 10050, 10014, 10004, 10036, 10022, 10056, 10052, 10038, 10045, 10058, 10035, 10040, 10060, 10054,
    10057,
};
static const int wsasend_errors[] =
{
    10053, 10054, 10014, 10004, 10036, 10022, 10040, 10050, 10052, 10055, 10057, 10038, 10045, 10058,
    10035, 10093, 997, 995,
};
static const int wsarecv_errors[] =
{
    10053, 10054, 10101, 10014, 10036, 10004, 10022, 10040, 10050, 10052, 10057, 10038, 10045, 10058,
    10060, 10035, 10093, 997, 995,
};
/* Plus WSAEOPNOTSUPP, for flags a datagram socket cannot send with (sendto's
 * list has it; WSASendTo's page omits it). */
static const int wsasendto_errors[] =
{
    10045,
    10013, 10049, 10047, 10054, 10039, 10014, 10065, 10036, 10004, 10022, 10040, 10050, 10052, 10051,
    10055, 10057, 10038, 10058, 10035, 10093, 997, 995,
};
/* WSARecvFrom's page lists no WSAENOTSOCK; every call taking a SOCKET answers
 * it for a handle that is not one (recvfrom's page lists it). */
static const int wsarecvfrom_errors[] =
{
    10054, 10014, 10036, 10004, 10022, 10056, 10040, 10050, 10052, 10057, 10045, 10058, 10035, 10093,
    997, 995, 10038,
    10060,  /* WSAETIMEDOUT: a connection that timed out, as WSARecv's and recvfrom's pages say */
};
static const int select_errors[] = { 10093, 10014, 10050, 10022, 10004, 10036, 10038 };
/* Plus WSAENOTSOCK when no entry holds a socket (Windows, recorded in Wine's
 * conformance test_poll). */
static const int wsapoll_errors[] = { 10050, 10014, 10022, 10055, 10038 };
static const int getsockname_errors[] = { 10093, 10050, 10014, 10036, 10038, 10022 };
static const int getpeername_errors[] = { 10093, 10050, 10014, 10036, 10057, 10038 };
static const int inet_pton_errors[] = { 10047, 10014 };
/* Plus the NTSTATUS STATUS_INVALID_PARAMETER that Windows really leaves for a
 * NULL or short buffer (Wine's conformance test records it; see addr.c). */
static const int inet_ntop_errors[] = { 10047, 87 /* ERROR_INVALID_PARAMETER */, (int)0xc000000d };
static const int addr2str_errors[] = { 10014, 10022, 10055, 10093 };
static const int str2addr_errors[] = { 10014, 10022, 10093, 8 /* WSA_NOT_ENOUGH_MEMORY */ };
/* getaddrinfo's EAI_ codes: EAI_AGAIN, EAI_BADFLAGS, EAI_FAIL, EAI_FAMILY,
 * EAI_MEMORY, EAI_NONAME, EAI_SERVICE, EAI_SOCKTYPE. */
static const int getaddrinfo_errors[] = { 11002, 10022, 11003, 10047, 8, 11001, 10109, 10044 };
/* AcceptEx's page names WSA_IO_PENDING and WSAECONNRESET; the rest are the
 * errors of accept and of its own arguments (a socket not listening, an
 * accepting socket already bound, a datagram socket). */
static const int acceptex_errors[] =
{
    997, 10054, 10014, 10022, 10056, 10024, 10055, 10038, 10045, 10035, 10093, 10050,
};
static const int connectex_errors[] =
{
    10093, 10050, 10048, 10037, 10049, 10047, 10061, 10014, 10022, 10056, 10051, 10065, 10055, 10038,
    10060, 997, 10045, 10035, 10036,
};
static const int disconnectex_errors[] = { 10014, 10022, 10050, 10057, 10038, 997, 10093, 10045 };
static const int transmitfile_errors[] =
{
    10053, 10054, 10014, 10022, 10050, 10052, 10055, 10057, 10038, 10058, 10093, 997, 995, 10045,
    10035, 6 /* ERROR_INVALID_HANDLE: the file handle */,
};
static const int recvmsg_errors[] =
{
    10054, 10101, 10014, 10036, 10004, 10022, 10040, 10050, 10052, 10057, 10045, 10058, 10060, 10035,
    997, 995, 10038, 10093,
};
static const int sendmsg_errors[] =
{
    10013, 10049, 10047, 10054, 10039, 10014, 10065, 10022, 10050, 10052, 10051, 10055, 10057, 10038,
    10045, 10058, 10060, 10035, 10093, 997, 995, 10053, 10040,
};
static const int eventselect_errors[] = { 10093, 10050, 10022, 10036, 10038 };
static const int enumevents_errors[] = { 10093, 10050, 10022, 10036, 10038, 10014 };
/* WSAIoctl's list, with the *_CHANGE codes' own (a family the socket is not). */
static const int change_errors[] =
{
    997, 10050, 10014, 10022, 10036, 10038, 10045, 10035, 10042, 10093, 10047,
};

enum io_kind
{
    K_SEND, K_RECV, K_SENDTO, K_RECVFROM, K_WSASEND, K_WSARECV, K_WSASENDTO, K_WSARECVFROM,
    K_SELECT, K_POLL, K_GETSOCKNAME, K_GETPEERNAME, K_PTON, K_NTOP, K_ADDR2STR, K_STR2ADDR,
    K_GETADDRINFO, K_ACCEPTEX, K_CONNECTEX, K_DISCONNECTEX, K_TRANSMITFILE, K_RECVMSG, K_SENDMSG,
    K_EVENTSELECT, K_ENUMEVENTS, K_CHANGE, K_TRANSMITPACKETS, K_COUNT
};
static const char *const io_names[K_COUNT] =
{
    "send", "recv", "sendto", "recvfrom", "WSASend", "WSARecv", "WSASendTo", "WSARecvFrom",
    "select", "WSAPoll", "getsockname", "getpeername", "inet_pton", "inet_ntop", "WSAAddressToStringA",
    "WSAStringToAddressA", "getaddrinfo", "AcceptEx", "ConnectEx", "DisconnectEx", "TransmitFile",
    "WSARecvMsg", "WSASendMsg", "WSAEventSelect", "WSAEnumNetworkEvents", "SIO_*_CHANGE", "TransmitPackets",
};
/* Weights: the calls answered without the wineserver (address text, name
 * conversion) are cheap; the ones that do I/O are not. */
static const int io_weights[K_COUNT] =
{
    6, 6, 5, 5, 6, 7, 5, 5,
    5, 5, 5, 5, 14, 14, 12, 12,
    8, 3, 3, 3, 2, 4, 4,
    3, 4, 3, 2,
};
static const struct { const int *list; size_t count; } io_errors[K_COUNT] =
{
#define L(a) { a, COUNT(a) }
    L(send_errors), L(recv_errors), L(sendto_errors), L(recvfrom_errors), L(wsasend_errors),
    L(wsarecv_errors), L(wsasendto_errors), L(wsarecvfrom_errors), L(select_errors), L(wsapoll_errors),
    L(getsockname_errors), L(getpeername_errors), L(inet_pton_errors), L(inet_ntop_errors),
    L(addr2str_errors), L(str2addr_errors), L(getaddrinfo_errors), L(acceptex_errors),
    L(connectex_errors), L(disconnectex_errors), L(transmitfile_errors), L(recvmsg_errors),
    L(sendmsg_errors), L(eventselect_errors), L(enumevents_errors), L(change_errors),
    L(transmitfile_errors) /* TransmitPackets: its page lists the same */,
#undef L
};

/* How an overlapped call is finished. */
enum io_ov { IOV_NONE, IOV_EVENT, IOV_ROUTINE, IOV_PORT, IOV_BAD };
static const char *const iov_names[] = { "none", "event", "routine", "port", "unmapped" };

static char *st_page;           /* structures: WSAMSG, fd_sets, WSAPOLLFDs, hints, addresses (a page, then no access) */
static char *arr_page;          /* WSABUF arrays (a page, then no access) */
static HANDLE io_port, io_event, io_file;
static LPFN_ACCEPTEX p_AcceptEx;
static LPFN_CONNECTEX p_ConnectEx;
static LPFN_DISCONNECTEX p_DisconnectEx;
static LPFN_TRANSMITFILE p_TransmitFile;
static LPFN_TRANSMITPACKETS p_TransmitPackets;
static LPFN_WSARECVMSG p_WSARecvMsg;
static LPFN_WSASENDMSG p_WSASendMsg;
static unsigned long io_calls, io_late_checks, io_cancelled, io_port_packets;
static unsigned long io_kind_calls[K_COUNT];
static LONGLONG io_kind_ticks[K_COUNT];
static WSAPOLLFD poll_copy[200];
static unsigned long known_acceptex_notconn, known_cancel_missed;

/* ------------------------------------------------------------------------ */
/* Watched memory: every area a pointer argument may point into. */

struct area { const char *name; char *base; size_t size; unsigned char shadow[PAGE * 2]; };
static struct area areas[7];
static int area_count;

static void io_areas(void)
{
    area_count = 0;
#define A(n, b, s) do { areas[area_count].name = n; areas[area_count].base = b; areas[area_count].size = s; area_count++; } while (0)
    A("the output region", out_region, PAGE * 2);
    A("the input region", in_region, PAGE * 2);
    A("the output page-end page", out_page_end - PAGE, PAGE);
    A("the input page-end page", in_page_end - PAGE, PAGE);
    A("the page of counts", int_page, PAGE);
    A("the page of structures", st_page, PAGE);
    A("the page of WSABUF arrays", arr_page, PAGE);
#undef A
}

static void io_snapshot(void)
{
    int i;
    for (i = 0; i < area_count; i++) memcpy(areas[i].shadow, areas[i].base, areas[i].size);
}

struct io_call
{
    enum io_kind kind;
    int target;
    SOCKET s;
    enum io_ov ov;
    BOOL bad_ptr;                 /* some pointer argument is bad */
    struct { char *p; LONGLONG n; } allow[24];
    int nallow;
    char desc[1200];
    int dlen;
    int problems;
};

static void io_allow(struct io_call *c, void *p, LONGLONG n)
{
    if (p && n > 0 && c->nallow < (int)COUNT(c->allow))
    {
        c->allow[c->nallow].p = p;
        c->allow[c->nallow].n = n;
        c->nallow++;
    }
}

static void io_desc(struct io_call *c, const char *fmt, ...)
{
    va_list ap;
    if (c->dlen >= (int)sizeof(c->desc) - 1) return;
    va_start(ap, fmt);
    c->dlen += vsnprintf(c->desc + c->dlen, sizeof(c->desc) - c->dlen, fmt, ap);
    va_end(ap);
    if (c->dlen > (int)sizeof(c->desc) - 1) c->dlen = sizeof(c->desc) - 1;
}

static void io_fail(struct io_call *c, const char *outcome, const char *fmt, ...)
{
    char key[256], what[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    snprintf(key, sizeof(key), "%s%s%s: %s", io_names[c->kind], c->ov ? " ov=" : "", c->ov ? iov_names[c->ov] : "",
             outcome);
    record_failure(NULL, key, what);
    c->problems++;
}

/* What every call does just before it is made: the areas' snapshot, the
 * name a crash or hang report gives, the verbose line, the phase clock, and
 * a last error the call must overwrite. */
static void io_begin_call(struct io_call *c, unsigned long index, BOOL verbose)
{
    io_snapshot();
    snprintf(current_call, sizeof(current_call), "%s", c->desc);
    if (verbose) { printf("fuzz_calls: call %lu: %s\n", index, c->desc); fflush(stdout); }
    phase_start = GetTickCount64();
    phase = 1;
    WSASetLastError(0xbad);
}

/* Calls act on each piece of the bytes the call may write, clipped to the
 * watched area holding it: fill_byte < 0 puts the area's shadow back (the
 * write was allowed), else the piece is filled with fill_byte (poison). */
static void io_reset_allowed(struct io_call *c, int fill_byte)
{
    int i, k;
    for (k = 0; k < c->nallow; k++)
        for (i = 0; i < area_count; i++)
        {
            char *lo = c->allow[k].p, *hi = c->allow[k].p + c->allow[k].n;
            char *alo = areas[i].base, *ahi = areas[i].base + areas[i].size;
            if (hi <= alo || lo >= ahi) continue;
            if (lo < alo) lo = alo;
            if (hi > ahi) hi = ahi;
            if (fill_byte < 0) memcpy(lo, areas[i].shadow + (lo - alo), hi - lo);
            else memset(lo, fill_byte, hi - lo);
        }
}

/* Puts the shadow back over the bytes the call may write, then compares:
 * any other byte that changed is a stray write. */
static void io_check_writes(struct io_call *c, const char *when)
{
    int i;

    io_reset_allowed(c, -1);
    for (i = 0; i < area_count; i++)
    {
        size_t j;
        if (!memcmp(areas[i].base, areas[i].shadow, areas[i].size)) continue;
        for (j = 0; j < areas[i].size; j++)
            if ((unsigned char)areas[i].base[j] != areas[i].shadow[j]) break;
        io_fail(c, when[0] ? "late write" : "stray write",
                "wrote byte %lu of %s (%02x, was %02x)%s%s", (unsigned long)j, areas[i].name,
                (unsigned char)areas[i].base[j], areas[i].shadow[j], when[0] ? " " : "", when);
        memcpy(areas[i].base, areas[i].shadow, areas[i].size);
    }
}

/* ------------------------------------------------------------------------ */
/* Arguments. */

/* A pointer to `need` bytes: input or output data, of one of the kinds the
 * option calls use; sets c->bad_ptr for a pointer that cannot be used. */
static char *io_data(struct rng *r, struct io_call *c, BOOL is_out, DWORD need, const char *name)
{
    static const int weights[] = { 6, 2, 5, 1, 60, 8, 12, 6 };
    static const char *const names[] = { "NULL", "0x10", "unmapped", "kernel", "valid", "valid+", "pageend-", "readonly" };
    int kind = pick(r, weights, COUNT(weights)), off = 0;
    char *p = NULL;

    switch (kind)
    {
    case P_NULL: p = NULL; break;
    case P_LOW: p = LOW_POINTER; break;
    case P_UNMAPPED: p = unmapped; break;
    case P_KERNEL: p = KERNEL_POINTER; break;
    case P_VALID: p = is_out ? out_region : in_region; break;
    case P_UNALIGNED: off = 1 + (int)below(r, 7); p = (is_out ? out_region : in_region) + off; break;
    case P_PAGE_END:
        /* Room for all of it, or a byte or a few short. */
        off = need > PAGE ? PAGE : (int)need;
        if (below(r, 2) && off > 0) off -= 1 + (int)below(r, off < 8 ? off : 8);
        p = (is_out ? out_page_end : in_page_end) - off;
        break;
    case P_READONLY: p = readonly_page + 256; break;
    }
    if (kind != P_VALID && kind != P_UNALIGNED &&
        (kind != P_PAGE_END || (DWORD)off < need) && (kind != P_READONLY || is_out || need > PAGE - 256))
        c->bad_ptr = TRUE;
    if (kind == P_NULL && need) c->bad_ptr = TRUE;
    if (kind == P_NULL && !need) c->bad_ptr = TRUE; /* NULL with no length: Windows may still refuse it */
    if (off) io_desc(c, "%s=%s%d(%lu) ", name, names[kind], off, (unsigned long)need);
    else io_desc(c, "%s=%s(%lu) ", name, names[kind], (unsigned long)need);
    return p;
}

/* A count, flags or length pointer in the page of counts (or a bad one). */
static void *io_int(struct rng *r, struct io_call *c, int slot, DWORD value, BOOL may_be_null, const char *name)
{
    static const int weights[] = { 6, 2, 4, 1, 75, 6, 4, 4 };
    static const char *const names[] = { "NULL", "0x10", "unmapped", "kernel", "valid", "valid+", "readonly", "pageend-2" };
    int kind = pick(r, weights, COUNT(weights));
    char *p = NULL;

    switch (kind)
    {
    case 0: p = NULL; break;
    case 1: p = LOW_POINTER; break;
    case 2: p = unmapped; break;
    case 3: p = KERNEL_POINTER; break;
    case 4: p = int_page + 128 + slot * 16; break;
    case 5: p = int_page + 128 + slot * 16 + 1 + (int)below(r, 3); break;
    case 6: p = readonly_page + RO_INTS + 4 * 4; break;
    case 7: p = int_page_end - 2; break;
    }
    if (kind == 4 || kind == 5) memcpy(p, &value, 4);
    if (kind == 7) memcpy(p, &value, 2);
    if (kind != 4 && kind != 5 && !(kind == 0 && may_be_null)) c->bad_ptr = TRUE;
    io_desc(c, "%s=%s(%ld) ", name, names[kind], (long)(int)value);
    return p;
}

static DWORD io_len(struct rng *r)
{
    static const DWORD lens[] = { 0, 1, 2, 5, 16, 28, 100, 1024, 4096, 8192, 65536, 65537, 0x7fffffff,
                                  0x80000000, 0xffffffff };
    if (below(r, 3)) return below(r, 200);
    return lens[below(r, COUNT(lens))];
}

static int io_target(struct rng *r, int kind_hint)
{
    static const int connected[] = { T_TCP4_CONNECTED, T_TCP4_ACCEPTED, T_TCP6_CONNECTED, T_TCP6_ACCEPTED,
                                     T_UDP4_CONNECTED, T_UDP6_CONNECTED, T_UDP4_BOUND, T_UDP6_BOUND };
    static const int listening[] = { T_TCP4_LISTEN, T_TCP6_LISTEN, T_TCP4_LISTEN_FULL };
    int t;
    (void)kind_hint;
    switch (below(r, 4))
    {
    case 0: case 1: t = connected[below(r, COUNT(connected))]; break;
    case 2: if (kind_hint) { t = listening[below(r, COUNT(listening))]; break; } /* fall through */
    default: t = (int)below(r, T_COUNT); break;
    }
    return t;
}

static int peer_of(int t)
{
    switch (t)
    {
    case T_TCP4_CONNECTED: return T_TCP4_ACCEPTED;
    case T_TCP4_ACCEPTED: return T_TCP4_CONNECTED;
    case T_TCP6_CONNECTED: return T_TCP6_ACCEPTED;
    case T_TCP6_ACCEPTED: return T_TCP6_CONNECTED;
    default: return -1;
    }
}

static BOOL is_socket_target(int t)
{
    return t < T_CLOSED && target_ok[t];
}

/* A destination address in the page of structures: loopback to a bound UDP
 * target, another family, or garbage; *len may be short. */
static struct sockaddr *io_addr(struct rng *r, struct io_call *c, int *len, const char *name)
{
    static const int weights[] = { 8, 3, 3, 60, 10, 8, 8 };
    static const char *const names[] = { "NULL", "unmapped", "readonly", "loopback", "short", "garbage", "pageend" };
    struct sockaddr_storage a;
    int kind = pick(r, weights, COUNT(weights)), l, af = below(r, 3) ? AF_INET : AF_INET6;
    char *p = st_page + 2048;

    l = loopback(af, &a);
    if (below(r, 2))
    {
        /* A bound UDP target's address, asked once per socket. */
        static unsigned int known[2];
        static struct sockaddr_storage known_addr[2];
        int bt = af == AF_INET ? T_UDP4_BOUND : T_UDP6_BOUND, k = af == AF_INET ? 0 : 1;
        int alen = sizeof(a);
        if (target_ok[bt] && known[k] != pool_generation &&
            !getsockname(targets[bt], (struct sockaddr *)&known_addr[k], &alen))
            known[k] = pool_generation;
        if (known[k] == pool_generation) memcpy(&a, &known_addr[k], l);
    }
    else ((struct sockaddr_in *)&a)->sin_port = htons((u_short)(1 + below(r, 65535)));
    *len = l;
    switch (kind)
    {
    case 0: p = NULL; *len = below(r, 2) ? 0 : l; c->bad_ptr = *len != 0; break;
    case 1: p = unmapped; c->bad_ptr = TRUE; break;
    case 2: p = readonly_page + RO_GUID; break;
    case 3: memcpy(p, &a, l); break;
    case 4: memcpy(p, &a, l); *len = (int)below(r, (DWORD)l); break;
    case 5:
    {
        int i;
        for (i = 0; i < 128; i++) p[i] = (char)rnd32(r);
        *len = (int)(below(r, 2) ? below(r, 130) : rnd32(r));
        break;
    }
    case 6: p = st_page + PAGE - l; memcpy(p, &a, l); if (below(r, 2)) { *len = l + 4; c->bad_ptr = TRUE; } break;
    }
    io_desc(c, "%s=%s(af %d, len %d) ", name, names[kind], af, *len);
    return (struct sockaddr *)p;
}

/* An array of `n` WSABUFs in the page of structures, each over a data pointer. */
static WSABUF *io_wsabufs(struct rng *r, struct io_call *c, BOOL is_out, DWORD *count, LONGLONG *total)
{
    static const DWORD counts[] = { 0, 1, 1, 1, 2, 3, 16, 1025, 0xffffffff };
    DWORD n = counts[below(r, COUNT(counts))], i, fit = n < 64 ? n : 8, shown = n < 4 ? n : 4;
    /* More than 64: the array runs into the no-access page after 8 entries. */
    WSABUF *b = (WSABUF *)(arr_page + (n < 64 ? 0 : PAGE - 8 * sizeof(WSABUF)));
    int kind = below(r, 12);

    *total = 0;
    *count = n;
    io_desc(c, "bufs[%lu]={", (unsigned long)n);
    for (i = 0; i < shown; i++)
    {
        b[i].len = io_len(r);
        b[i].buf = io_data(r, c, is_out, b[i].len, "buf");
        if (is_out) io_allow(c, b[i].buf, b[i].len);
        *total += b[i].len;
    }
    /* The rest over the valid region, short. */
    for (; i < fit; i++)
    {
        b[i].len = below(r, 8);
        b[i].buf = (is_out ? out_region : in_region) + 16 * i;
        if (is_out) io_allow(c, b[i].buf, b[i].len);
        *total += b[i].len;
    }
    if (n > fit) c->bad_ptr = TRUE;
    io_desc(c, "} ");
    if (kind == 0) { io_desc(c, "array=NULL "); c->bad_ptr = TRUE; return NULL; }
    if (kind == 1) { io_desc(c, "array=unmapped "); c->bad_ptr = TRUE; return (WSABUF *)unmapped; }
    if (kind == 2 && n == 1)
    {
        /* Split by the page end: its pointer half is unreadable. */
        io_desc(c, "array=pageend-split ");
        c->bad_ptr = TRUE;
        memcpy(arr_page + PAGE - 8, b, 8);
        return (WSABUF *)(arr_page + PAGE - 8);
    }
    return b;
}

/* ------------------------------------------------------------------------ */
/* Overlapped requests. */

struct io_slot
{
    WSAOVERLAPPED ov;   /* first: the routine gets its address */
    volatile LONG done;
    DWORD error, bytes;
    HANDLE event;
};
static struct io_slot *io_slot;

static void CALLBACK io_routine(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    struct io_slot *s = (struct io_slot *)ov;
    (void)flags;
    s->error = error;
    s->bytes = bytes;
    InterlockedIncrement(&s->done);
}

static struct io_slot *io_get_slot(enum io_ov mode)
{
    if (!io_slot)
    {
        io_slot = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*io_slot) + 64);
        if (!io_slot) return NULL;
        io_slot->event = CreateEventW(NULL, TRUE, FALSE, NULL);
    }
    {
        HANDLE event = io_slot->event;
        memset(io_slot, 0, sizeof(*io_slot));
        io_slot->event = event;
        ResetEvent(event);
        /* A port gets the packet; no event then. */
        io_slot->ov.hEvent = mode == IOV_PORT ? NULL : event;
    }
    return io_slot;
}

static BOOL io_buffers_lost;

/* The request could still write: keep its OVERLAPPED and buffers, make new ones. */
static void io_abandon(void)
{
    io_slot = NULL;
    leaked_requests++;
    if (leaked_buffers < MAX_LEAKED_BUFFERS)
    {
        leaked_buffers++;
        if (!alloc_call_buffers() || !(st_page = alloc_guarded(PAGE, PAGE_READWRITE)) ||
            !(arr_page = alloc_guarded(PAGE, PAGE_READWRITE)))
        {
            printf("fuzz_calls: out of memory\n");
            fflush(stdout);
            TerminateProcess(GetCurrentProcess(), 2);
        }
    }
    else reused_buffers++;
    io_buffers_lost = TRUE;
}

/* Waits for the port packet of `ov` (others, from earlier requests on
 * sockets tied to the port, are dropped). */
static BOOL io_port_wait(OVERLAPPED *ov, DWORD ms)
{
    ULONGLONG start = GetTickCount64();
    for (;;)
    {
        DWORD bytes, left;
        ULONG_PTR key;
        OVERLAPPED *got = NULL;
        ULONGLONG now = GetTickCount64();
        left = now - start >= ms ? 0 : (DWORD)(ms - (now - start));
        GetQueuedCompletionStatus(io_port, &bytes, &key, &got, left);
        if (got == ov) { io_port_packets++; return TRUE; }
        if (!got) return FALSE;
    }
}

/* Drops the packets of earlier requests (an OVERLAPPED's address is reused). */
static void io_port_drain(void)
{
    DWORD bytes;
    ULONG_PTR key;
    OVERLAPPED *got;
    while (GetQueuedCompletionStatus(io_port, &bytes, &key, &got, 0) || got) {}
}

static BOOL io_wait_done(struct io_call *c, struct io_slot *s, DWORD ms)
{
    switch (c->ov)
    {
    case IOV_EVENT: return WaitForSingleObject(s->ov.hEvent, ms) == WAIT_OBJECT_0;
    case IOV_ROUTINE: return wait_routine((struct ov_slot *)s, ms);
    case IOV_PORT: return io_port_wait(&s->ov, ms);
    default: return TRUE;
    }
}

/* Stimulates a late write: the peer sends; then a moment passes. */
static void io_stimulate(int target)
{
    int peer = peer_of(target);
    if (peer >= 0 && target_ok[peer])
    {
        u_long one = 1;
        ioctlsocket(targets[peer], FIONBIO, &one);
        send(targets[peer], "late", 4, 0);
        SleepEx(1, TRUE);
    }
    else SleepEx(0, TRUE);
}

/* After the call: finish an overlapped request.  `pending`: it returned
 * WSA_IO_PENDING; `ok`: it succeeded at once.  `close_it`: cancel by closing
 * the socket rather than with CancelIoEx. */
static void io_finish(struct io_call *c, struct io_slot *s, BOOL pending, BOOL ok, BOOL close_it)
{
    if (!s || c->ov == IOV_NONE || c->ov == IOV_BAD) return;
    if (pending)
    {
        BOOL done = io_wait_done(c, s, 0), cancel_ok = TRUE;
        DWORD cancel_error = 0;
        if (!done)
        {
            io_cancelled++;
            if (close_it && is_socket_target(c->target))
            {
                static const struct linger no_linger = { 0, 0 };
                setsockopt(c->s, SOL_SOCKET, SO_LINGER, (const char *)&no_linger, sizeof(no_linger));
                closesocket(c->s);
                target_ok[c->target] = FALSE;  /* its handle is now a closed one; not closed again */
            }
            else if (!(cancel_ok = CancelIoEx((HANDLE)c->s, &s->ov))) cancel_error = GetLastError();
            done = io_wait_done(c, s, cancel_ok ? CANCEL_WAIT_MS : 1);
            /* Wine 8.0 misses a cancel that comes while the client side is
             * retrying the request (a receive woken again and again, as a
             * MSG_OOB one is by ordinary data): CancelIoEx says ERROR_NOT_FOUND.
             * The builtin does the same.  A later CancelIoEx finds it; one that
             * never does (a request that was never made) still fails. */
            if (!done && !cancel_ok && cancel_error == ERROR_NOT_FOUND && s->ov.Internal == STATUS_PENDING)
            {
                int tries;
                for (tries = 0; tries < 50 && !done; tries++)
                {
                    if (CancelIoEx((HANDLE)c->s, &s->ov)) { done = io_wait_done(c, s, CANCEL_WAIT_MS); break; }
                    done = io_wait_done(c, s, 10);
                }
                if (done) known_cancel_missed++;
            }
            if (!done)
            {
                io_fail(c, "not completed after cancel", "pended, and was still pending %d ms after %s "
                        "(%s %lu; Internal %#llx); abandoned", CANCEL_WAIT_MS, close_it ? "closesocket" : "CancelIoEx",
                        cancel_ok ? "it succeeded" : "it failed with", cancel_error, (unsigned long long)s->ov.Internal);
                io_abandon();
                return;
            }
        }
        if (c->ov == IOV_ROUTINE)
        {
            if (s->error && !in_list(io_errors[c->kind].list, io_errors[c->kind].count, (int)s->error) &&
                !in_list(completion_errors, COUNT(completion_errors), (int)s->error))
                io_fail(c, "completion error", "completed with error %lu (%s) in its routine, not a documented error",
                        (unsigned long)s->error, error_name((int)s->error));
        }
        else if (s->ov.Internal == STATUS_PENDING)
            io_fail(c, "completion still pending", "its %s reported it complete with Internal still STATUS_PENDING",
                    iov_names[c->ov]);
        else if (target_ok[c->target] || !is_socket_target(c->target))
        {
            DWORD bytes = 0, flags = 0, err = 0;
            if (!WSAGetOverlappedResult(c->s, &s->ov, &bytes, FALSE, &flags)) err = WSAGetLastError();
            /* Wine 8.0's wineserver ends an AcceptEx whose connection was reset
             * before it was taken with STATUS_INVALID_CONNECTION (WSAENOTCONN),
             * builtin and ws2kit alike; Windows documents WSAECONNRESET.  Not
             * ws2kit's to fix: counted and shown in the summary instead. */
            if (c->kind == K_ACCEPTEX && err == WSAENOTCONN && s->ov.Internal == 0xc0000140)
            {
                known_acceptex_notconn++;
                err = 0;
            }
            if (err && !in_list(io_errors[c->kind].list, io_errors[c->kind].count, (int)err) &&
                !in_list(completion_errors, COUNT(completion_errors), (int)err))
                io_fail(c, "completion error", "completed with error %lu (%s), not a documented error",
                        (unsigned long)err, error_name((int)err));
        }
        /* No late writes: what it may have written is ours again. */
        io_check_writes(c, "");
        io_reset_allowed(c, 0xdd);
        io_snapshot();
        c->nallow = 0;
        io_stimulate(c->target);
        io_late_checks++;
        io_check_writes(c, "after its completion (cancelled), into poisoned buffers");
        return;
    }
    if (ok)
    {
        switch (c->ov)
        {
        case IOV_ROUTINE:
            SleepEx(0, TRUE);
            if (!s->done && !wait_routine((struct ov_slot *)s, 200))
            {
                io_fail(c, "routine not run", "succeeded at once, but its completion routine did not run "
                        "at the next alertable waits (200 ms)");
                io_abandon();
            }
            break;
        case IOV_EVENT:
            if (WaitForSingleObject(s->ov.hEvent, 0) != WAIT_OBJECT_0)
                io_fail(c, "event not set", "succeeded at once, but the OVERLAPPED's event is not signaled");
            break;
        case IOV_PORT:
            if (!io_port_wait(&s->ov, 1000))
                io_fail(c, "no port packet", "succeeded at once on a socket tied to a completion port, but no "
                        "packet came within 1000 ms");
            break;
        default: break;
        }
    }
    else if (c->ov == IOV_ROUTINE) SleepEx(0, TRUE);
}

/* ------------------------------------------------------------------------ */

static SOCKET io_fresh(int af, int type, BOOL bind_it)
{
    SOCKET s = new_socket(af, type);
    if (s != INVALID_SOCKET && bind_it)
    {
        struct sockaddr_storage a;
        int len = loopback(af, &a);
        bind(s, (struct sockaddr *)&a, len);
    }
    return s;
}

static const char *const pton_strings[] =
{
    "127.0.0.1", "0.0.0.0", "255.255.255.255", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "0x7f.0.0.1",
    " 1.2.3.4", "1.2.3.4 ", "", "::", "::1", "fe80::1", "fe80::1%1", "1::2::3", "::ffff:1.2.3.4",
    "2001:db8:0:0:0:0:0:1:2", "12345::", "[::1]", "1.2.3.4:80", "[::1]:80", "abc", "::ffff:1.2.3.256",
    "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4",
};

/* A NUL-terminated string at the end of the page of structures (the NUL is
 * the page's last byte), or a bad pointer. */
static const char *io_string(struct rng *r, struct io_call *c, const char *name)
{
    const char *text = pton_strings[below(r, COUNT(pton_strings))];
    size_t n = strlen(text);
    char *p = st_page + PAGE - 1 - n;
    switch (below(r, 16))
    {
    case 0: c->bad_ptr = TRUE; io_desc(c, "%s=NULL ", name); return NULL;
    case 1: c->bad_ptr = TRUE; io_desc(c, "%s=unmapped ", name); return unmapped;
    case 2: /* no NUL before the page ends */
        memset(st_page + PAGE - 16, 'a', 16);
        c->bad_ptr = TRUE;
        io_desc(c, "%s=unterminated ", name);
        return st_page + PAGE - 16;
    default:
        memcpy(p, text, n + 1);
        io_desc(c, "%s=\"%s\" ", name, text);
        return p;
    }
}

static void run_io_call(struct rng *r, DWORD index, BOOL verbose)
{
    struct io_call c;
    struct io_slot *s = NULL;
    int ret = 0, err = 0, af = 0;
    BOOL pending = FALSE, ok = FALSE, close_it = FALSE, returns_error_code = FALSE, error_set = TRUE, no_ov = FALSE;
    u_long one = 1;
    LONGLONG total = 0;
    DWORD count = 0, value = 0;
    SOCKET fresh = INVALID_SOCKET, fresh2 = INVALID_SOCKET;
    void *bytes_ptr = NULL, *flags_ptr = NULL;

    LARGE_INTEGER t0, t1;

    QueryPerformanceCounter(&t0);
    memset(&c, 0, sizeof(c));
    io_areas();
    c.kind = (enum io_kind)pick(r, io_weights, K_COUNT);
    io_kind_calls[c.kind]++;
    io_calls++;
    c.target = io_target(r, c.kind == K_ACCEPTEX || c.kind == K_CHANGE);
    c.s = targets[c.target];
    io_desc(&c, "%s(s=%s[%#llx%s] ", io_names[c.kind], target_names[c.target], (unsigned long long)c.s,
            target_ok[c.target] || c.target >= T_CLOSED ? "" : " closed");
    switch (c.kind)
    {
    case K_WSASEND: case K_WSARECV: case K_WSASENDTO: case K_WSARECVFROM: case K_RECVMSG: case K_SENDMSG:
    case K_CHANGE:
    {
        static const int w[] = { 30, 30, 20, 15, 5 };
        c.ov = (enum io_ov)pick(r, w, COUNT(w));
        break;
    }
    case K_ACCEPTEX: case K_CONNECTEX: case K_DISCONNECTEX: case K_TRANSMITFILE: case K_TRANSMITPACKETS:
    {
        static const int w[] = { 8, 50, 0, 37, 5 };
        c.ov = (enum io_ov)pick(r, w, COUNT(w));
        break;
    }
    default: c.ov = IOV_NONE; break;
    }
    if (c.ov == IOV_BAD) c.bad_ptr = TRUE;
    close_it = below(r, 32) == 0;
    if (c.ov != IOV_NONE && c.ov != IOV_BAD && !(s = io_get_slot(c.ov)))
    {
        printf("fuzz_calls: out of memory\n");
        exit(2);
    }
    /* Any handle: a closed socket's value may have been given to a new socket. */
    if (c.ov == IOV_PORT) CreateIoCompletionPort((HANDLE)c.s, io_port, 1, 0);
    if (c.ov == IOV_PORT) io_port_drain();
    if (c.ov != IOV_NONE) io_desc(&c, "ov=%s ", iov_names[c.ov]);
    /* Calls that could wait, made without an OVERLAPPED, must not block: the
     * socket is made non-blocking (a wineserver round trip, so only for them). */
    if (is_socket_target(c.target) && c.ov == IOV_NONE &&
        (c.kind <= K_WSARECVFROM || c.kind == K_RECVMSG || c.kind == K_SENDMSG || c.kind == K_CHANGE))
        ioctlsocket(c.s, FIONBIO, &one);

    /* Arguments (generated before the snapshot; allowed writes recorded). */
    {
        char *buf = NULL, *from = NULL;
        int len = 0, flags = 0, tolen = 0;
        struct sockaddr *to = NULL;
        WSABUF *bufs = NULL;
        int *fromlen = NULL;
        WSAOVERLAPPED *ovp = c.ov == IOV_BAD ? (WSAOVERLAPPED *)unmapped : s ? &s->ov : NULL;
        LPWSAOVERLAPPED_COMPLETION_ROUTINE routine = c.ov == IOV_ROUTINE ? io_routine : NULL;
        static const int msg_flags[] = { 0, 0, 0, MSG_PEEK, MSG_OOB, MSG_PARTIAL, MSG_WAITALL, 0x7fffffff, MSG_DONTROUTE };

        flags = msg_flags[below(r, COUNT(msg_flags))];
        switch (c.kind)
        {
        case K_SEND: case K_RECV: case K_SENDTO: case K_RECVFROM:
        {
            BOOL out = c.kind == K_RECV || c.kind == K_RECVFROM;
            DWORD l = io_len(r);
            len = (int)l;
            buf = io_data(r, &c, out, l, "buf");
            if (out && len > 0) io_allow(&c, buf, len);
            io_desc(&c, "len=%d flags=%#x ", len, flags);
            if (c.kind == K_SENDTO) to = io_addr(r, &c, &tolen, "to");
            if (c.kind == K_RECVFROM && below(r, 4))
            {
                value = below(r, 2) ? 28 : (DWORD)(below(r, 2) ? below(r, 40) : rnd32(r));
                from = io_data(r, &c, TRUE, value, "from");
                fromlen = io_int(r, &c, 0, value, TRUE, "fromlen");
                if ((int)value > 0) io_allow(&c, from, value);
                io_allow(&c, fromlen, 4);
            }
            break;
        }
        case K_WSASEND: case K_WSARECV: case K_WSASENDTO: case K_WSARECVFROM: case K_RECVMSG: case K_SENDMSG:
        {
            BOOL out = c.kind == K_WSARECV || c.kind == K_WSARECVFROM || c.kind == K_RECVMSG;
            bufs = io_wsabufs(r, &c, out, &count, &total);
            bytes_ptr = io_int(r, &c, 1, 0x5eed, TRUE, "bytes");
            io_allow(&c, bytes_ptr, 4);
            if (out)
            {
                flags_ptr = io_int(r, &c, 2, (DWORD)flags, FALSE, "flags");
                io_allow(&c, flags_ptr, 4);
            }
            else io_desc(&c, "flags=%#x ", flags);
            if (c.kind == K_WSASENDTO || c.kind == K_SENDMSG) to = io_addr(r, &c, &tolen, "to");
            if (c.kind == K_WSARECVFROM && below(r, 2))
            {
                value = below(r, 2) ? 28 : (DWORD)(below(r, 2) ? below(r, 40) : rnd32(r));
                from = io_data(r, &c, TRUE, value, "from");
                fromlen = io_int(r, &c, 3, value, TRUE, "fromlen");
                if ((int)value > 0) io_allow(&c, from, value);
                io_allow(&c, fromlen, 4);
            }
            if (c.kind == K_RECVMSG || c.kind == K_SENDMSG)
            {
                WSAMSG *m = (WSAMSG *)(st_page + 1024);
                memset(m, 0, sizeof(*m));
                m->lpBuffers = bufs;
                m->dwBufferCount = count;
                m->dwFlags = (DWORD)flags;
                if (c.kind == K_SENDMSG) { m->name = to; m->namelen = tolen; }
                else if (below(r, 2))
                {
                    value = below(r, 40);
                    m->name = (struct sockaddr *)io_data(r, &c, TRUE, value, "name");
                    m->namelen = (int)value;
                    io_allow(&c, m->name, value);
                }
                if (below(r, 3) == 0)
                {
                    value = io_len(r);
                    m->Control.buf = io_data(r, &c, out, value, "control");
                    m->Control.len = value;
                    if (out) io_allow(&c, m->Control.buf, value);
                }
                if (out) io_allow(&c, m, sizeof(*m));  /* namelen, Control.len, dwFlags are outputs */
                switch (below(r, 10))
                {
                case 0: bufs = NULL; c.bad_ptr = TRUE; io_desc(&c, "msg=NULL "); break;
                case 1: bufs = (WSABUF *)unmapped; c.bad_ptr = TRUE; io_desc(&c, "msg=unmapped "); break;
                case 2: if (!out) { bufs = (WSABUF *)(readonly_page + RO_GUID); io_desc(&c, "msg=readonly "); break; }
                        /* fall through */
                default: bufs = (WSABUF *)m; break;
                }
            }
            break;
        }
        default: break;
        }
        io_begin_call(&c, index, verbose && c.kind <= K_SENDMSG && (c.kind <= K_WSARECVFROM || c.kind >= K_RECVMSG));
        switch (c.kind)
        {
        case K_SEND: ret = send(c.s, buf, len, flags); break;
        case K_RECV: ret = recv(c.s, buf, len, flags); break;
        case K_SENDTO: ret = sendto(c.s, buf, len, flags, to, tolen); break;
        case K_RECVFROM: ret = recvfrom(c.s, buf, len, flags, (struct sockaddr *)from, fromlen); break;
        case K_WSASEND:
            ret = WSASend(c.s, bufs, count, bytes_ptr, (DWORD)flags, ovp, routine);
            break;
        case K_WSARECV:
            ret = WSARecv(c.s, bufs, count, bytes_ptr, flags_ptr, ovp, routine);
            break;
        case K_WSASENDTO:
            ret = WSASendTo(c.s, bufs, count, bytes_ptr, (DWORD)flags, to, tolen, ovp, routine);
            break;
        case K_WSARECVFROM:
            ret = WSARecvFrom(c.s, bufs, count, bytes_ptr, flags_ptr, (struct sockaddr *)from, fromlen, ovp, routine);
            break;
        case K_RECVMSG:
            ret = p_WSARecvMsg ? p_WSARecvMsg(c.s, (WSAMSG *)bufs, bytes_ptr, ovp, routine) : 0;
            break;
        case K_SENDMSG:
            ret = p_WSASendMsg ? p_WSASendMsg(c.s, (WSAMSG *)bufs, (DWORD)flags, bytes_ptr, ovp, routine) : 0;
            break;
        default: break;
        }
        err = WSAGetLastError();
        /* Counts after a success. */
        if (ret != SOCKET_ERROR && (c.kind == K_RECV || c.kind == K_RECVFROM || c.kind == K_SEND || c.kind == K_SENDTO) &&
            (ret < 0 || ret > (len < 0 ? 0 : len)))
            io_fail(&c, "bad count", "returned %d for a buffer of %d bytes", ret, len);
        if (ret == 0 && bytes_ptr && !c.ov && (char *)bytes_ptr >= int_page && (char *)bytes_ptr < int_page_end - 4 &&
            c.kind >= K_WSASEND && c.kind <= K_SENDMSG && c.kind != K_RECVMSG)
        {
            DWORD got;
            memcpy(&got, bytes_ptr, 4);
            if ((LONGLONG)got > total && count <= 64)
                io_fail(&c, "bad count", "succeeded with a count of %lu for buffers of %lld bytes", (unsigned long)got, total);
        }
        if (fromlen && ret != SOCKET_ERROR && (char *)fromlen >= int_page && (char *)fromlen < int_page_end - 4 &&
            !c.ov)
        {
            int got;
            memcpy(&got, fromlen, 4);
            /* A stream socket leaves it alone. */
            if (got != (int)value && (got < 0 || got > 28))
                io_fail(&c, "bad fromlen", "succeeded and gave back a fromlen of %d", got);
        }
    }

    switch (c.kind)
    {
    case K_SEND: case K_RECV: case K_SENDTO: case K_RECVFROM: case K_WSASEND: case K_WSARECV:
    case K_WSASENDTO: case K_WSARECVFROM: case K_RECVMSG: case K_SENDMSG:
        break;
    case K_SELECT:
    {
        fd_set *sets[3];
        struct timeval *tv = (struct timeval *)(st_page + 3000);
        int i, k, total_in = 0;
        for (k = 0; k < 3; k++)
        {
            fd_set *f = (fd_set *)(st_page + 8 + k * 520);  /* 8 + 64 * 8 */
            int n = below(r, 4) ? (int)below(r, 5) : below(r, 2) ? 64 : (int)rnd32(r);
            switch (below(r, 8))
            {
            case 0: sets[k] = NULL; io_desc(&c, "set%d=NULL ", k); continue;
            case 1: sets[k] = (fd_set *)unmapped; c.bad_ptr = TRUE; io_desc(&c, "set%d=unmapped ", k); continue;
            default: break;
            }
            f->fd_count = (u_int)n;
            for (i = 0; i < n && i < 64; i++) f->fd_array[i] = targets[io_target(r, 0)];
            sets[k] = f;
            if ((u_int)n > 64) c.bad_ptr = TRUE;
            else total_in += n;
            io_allow(&c, f, 8 + 8 * (n < 0 || n > 64 ? 64 : n));
            io_desc(&c, "set%d[%d] ", k, n);
        }
        tv->tv_sec = 0;
        tv->tv_usec = below(r, 4) ? 0 : (long)below(r, 2000);
        if (below(r, 12) == 0) { tv = (struct timeval *)unmapped; c.bad_ptr = TRUE; io_desc(&c, "timeout=unmapped "); }
        if (!sets[0] && !sets[1] && !sets[2] && tv == (struct timeval *)unmapped) tv = (struct timeval *)(st_page + 3000);
        io_begin_call(&c, index, verbose);
        ret = select(0, sets[0], sets[1], sets[2], tv);
        err = WSAGetLastError();
        if (ret != SOCKET_ERROR && (ret < 0 || ret > total_in))
            io_fail(&c, "bad count", "returned %d for %d sockets in its sets", ret, total_in);
        break;
    }
    case K_POLL:
    {
        WSAPOLLFD *fds = (WSAPOLLFD *)(st_page + 8);
        ULONG n = below(r, 4) ? below(r, 6) : below(r, 4) ? (below(r, 2) ? 64 : 200) : rnd32(r), i;
        static const SHORT evs[] = { POLLRDNORM, POLLWRNORM, POLLRDNORM | POLLWRNORM, POLLPRI, POLLRDBAND, 0,
                                     (SHORT)0xffff, POLLIN | POLLOUT };
        for (i = 0; i < n && i < 200; i++)
        {
            fds[i].fd = targets[io_target(r, 0)];
            fds[i].events = evs[below(r, COUNT(evs))];
            fds[i].revents = (SHORT)rnd32(r);
        }
        /* revents may change; fd and events may not (checked after the call). */
        io_allow(&c, fds, (LONGLONG)sizeof(*fds) * (n < 200 ? n : 200));
        memcpy(poll_copy, fds, sizeof(*fds) * (n < 200 ? n : 200));
        if (n > 200) c.bad_ptr = TRUE;
        io_desc(&c, "nfds=%lu ", (unsigned long)n);
        switch (below(r, 10))
        {
        case 0: fds = NULL; c.bad_ptr = TRUE; io_desc(&c, "fds=NULL "); break;
        case 1: fds = (WSAPOLLFD *)unmapped; c.bad_ptr = TRUE; io_desc(&c, "fds=unmapped "); break;
        case 2: if (n == 1) { fds = (WSAPOLLFD *)(readonly_page + 512); c.bad_ptr = TRUE; io_desc(&c, "fds=readonly "); } break;
        default: break;
        }
        io_begin_call(&c, index, verbose);
        ret = WSAPoll(fds, n, 0);
        err = WSAGetLastError();
        if (fds == (WSAPOLLFD *)(st_page + 8))
            for (i = 0; i < n && i < 200; i++)
                if (fds[i].fd != poll_copy[i].fd || fds[i].events != poll_copy[i].events)
                {
                    io_fail(&c, "stray write", "changed entry %lu's fd or events (%#llx/%#x, was %#llx/%#x)",
                            (unsigned long)i, (unsigned long long)fds[i].fd, (unsigned short)fds[i].events,
                            (unsigned long long)poll_copy[i].fd, (unsigned short)poll_copy[i].events);
                    break;
                }
        if (ret != SOCKET_ERROR && (ret < 0 || (ULONG)ret > n))
            io_fail(&c, "bad count", "returned %d for %lu entries", ret, (unsigned long)n);
        break;
    }
    case K_GETSOCKNAME: case K_GETPEERNAME:
    {
        static const DWORD lens[] = { 0, 1, 15, 16, 27, 28, 128, 0xffffffff, 0x80000000 };
        DWORD l = lens[below(r, COUNT(lens))];
        char *name = io_data(r, &c, TRUE, l, "name");
        int *lp = io_int(r, &c, 0, l, FALSE, "namelen");
        if ((int)l > 0) io_allow(&c, name, l);
        io_allow(&c, lp, 4);
        io_begin_call(&c, index, verbose);
        ret = c.kind == K_GETSOCKNAME ? getsockname(c.s, (struct sockaddr *)name, lp)
                                      : getpeername(c.s, (struct sockaddr *)name, lp);
        err = WSAGetLastError();
        if (!ret && (char *)lp >= int_page && (char *)lp < int_page_end - 4)
        {
            int got;
            memcpy(&got, lp, 4);
            if (got < 0 || got > (int)l || got > 28)
                io_fail(&c, "bad namelen", "succeeded and gave back a namelen of %d for %d", got, (int)l);
        }
        break;
    }
    case K_PTON: case K_NTOP:
    {
        static const int afs[] = { AF_INET, AF_INET6, AF_INET, AF_INET6, AF_UNSPEC, 1, 0x7fffffff };
        af = afs[below(r, COUNT(afs))];
        io_desc(&c, "af=%d ", af);
        if (c.kind == K_PTON)
        {
            const char *str = io_string(r, &c, "src");
            char *dst = io_data(r, &c, TRUE, af == AF_INET6 ? 16 : 4, "dst");
            io_allow(&c, dst, af == AF_INET6 ? 16 : 4);
            io_begin_call(&c, index, verbose);
            ret = inet_pton(af, str, dst);
            err = WSAGetLastError();
            if (ret == 0 || ret == 1) error_set = FALSE;
            else if (ret != -1) io_fail(&c, "bad return", "returned %d (neither 1, 0 nor -1)", ret);
            else ret = SOCKET_ERROR;
        }
        else
        {
            static const size_t sizes[] = { 0, 1, 7, 15, 16, 45, 46, 65, (size_t)-1 };
            size_t size = sizes[below(r, COUNT(sizes))];
            char *src = io_data(r, &c, FALSE, 16, "src");
            char *dst = io_data(r, &c, TRUE, (DWORD)(size > 4096 ? 4096 : size), "dst");
            const char *res;
            io_desc(&c, "size=%ld ", (long)size);
            if (src == in_region || src == in_region + 1)
            {
                /* Sometimes an address with an embedded IPv4 or zeros. */
                if (below(r, 2)) memset(src, 0, 10);
            }
            io_allow(&c, dst, (LONGLONG)(size > 65536 ? 65536 : size));
            io_begin_call(&c, index, verbose);
            res = inet_ntop(af, src, dst, size);
            err = WSAGetLastError();
            ret = res ? 0 : SOCKET_ERROR;
            if (res && res != dst) io_fail(&c, "bad return", "returned %p, not its buffer %p", (void *)res, (void *)dst);
            if (res && dst >= out_region && dst < out_region + PAGE && strnlen(dst, size) >= size)
                io_fail(&c, "unterminated", "succeeded without a NUL within its %lu bytes", (unsigned long)size);
        }
        break;
    }
    case K_ADDR2STR: case K_STR2ADDR:
    {
        if (c.kind == K_ADDR2STR)
        {
            int alen;
            struct sockaddr *a = io_addr(r, &c, &alen, "addr");
            static const DWORD lens[] = { 0, 1, 9, 10, 16, 22, 46, 64, 65, 0xffffffff };
            DWORD l = lens[below(r, COUNT(lens))];
            char *out = io_data(r, &c, TRUE, l, "str");
            DWORD *lp = io_int(r, &c, 0, l, FALSE, "strlen");
            io_allow(&c, out, l > 65536 ? 65536 : l);
            io_allow(&c, lp, 4);
            io_begin_call(&c, index, verbose);
            ret = WSAAddressToStringA(a, (DWORD)alen, NULL, out, lp);
            err = WSAGetLastError();
            if (!ret && (char *)lp >= int_page && (char *)lp < int_page_end - 4 && out >= out_region &&
                out < out_region + PAGE)
            {
                DWORD got;
                memcpy(&got, lp, 4);
                if (got > l || got == 0 || strnlen(out, l) + 1 != got)
                    io_fail(&c, "bad length", "succeeded with a length of %lu for %lu bytes and a string of %lu",
                            (unsigned long)got, (unsigned long)l, (unsigned long)strnlen(out, l));
            }
        }
        else
        {
            static const int afs[] = { AF_INET, AF_INET6, AF_INET, AF_INET6, AF_UNSPEC, 1 };
            const char *str;
            static const DWORD lens[] = { 0, 1, 15, 16, 27, 28, 128, 0xffffffff };
            DWORD l = lens[below(r, COUNT(lens))];
            char *out;
            int *lp;
            af = afs[below(r, COUNT(afs))];
            io_desc(&c, "af=%d ", af);
            str = io_string(r, &c, "str");
            out = io_data(r, &c, TRUE, l, "addr");
            lp = io_int(r, &c, 0, l, FALSE, "addrlen");
            io_allow(&c, out, (int)l > 0 ? l : 0);
            io_allow(&c, lp, 4);
            io_begin_call(&c, index, verbose);
            ret = WSAStringToAddressA((char *)str, af, NULL, (struct sockaddr *)out, lp);
            err = WSAGetLastError();
        }
        break;
    }
    case K_GETADDRINFO:
    {
        static const char *const services[] = { NULL, "80", "0", "65535", "65536", "-1", "http", "bogus-service", "" };
        static const int fams[] = { AF_UNSPEC, AF_INET, AF_INET6, 1, 99 };
        static const int types[] = { 0, SOCK_STREAM, SOCK_DGRAM, SOCK_RAW, 99 };
        static const int protos[] = { 0, IPPROTO_TCP, IPPROTO_UDP, 99 };
        static const int flagv[] = { 0, AI_PASSIVE, AI_CANONNAME, AI_NUMERICSERV, AI_ALL, AI_V4MAPPED,
                                     AI_ADDRCONFIG, 0x7fffffff };
        struct addrinfo *hints = (struct addrinfo *)(st_page + 512), **res = (struct addrinfo **)(int_page + 256);
        const char *host = below(r, 6) ? io_string(r, &c, "host") : NULL;
        const char *service = services[below(r, COUNT(services))];
        int hk = below(r, 8);
        memset(hints, 0, sizeof(*hints));
        hints->ai_family = fams[below(r, COUNT(fams))];
        hints->ai_socktype = types[below(r, COUNT(types))];
        hints->ai_protocol = protos[below(r, COUNT(protos))];
        hints->ai_flags = flagv[below(r, COUNT(flagv))] | flagv[below(r, COUNT(flagv))];
        /* Numeric hosts only: never a DNS query. */
        hints->ai_flags |= AI_NUMERICHOST;
        hints->ai_flags &= ~AI_CANONNAME;
        if (hk == 0) { hints = NULL; io_desc(&c, "hints=NULL(host lookups!) "); if (host) hk = 1; }
        if (hk == 1) hints = (struct addrinfo *)(st_page + 512);
        if (hk == 2) { res = NULL; c.bad_ptr = TRUE; io_desc(&c, "res=NULL "); }
        io_desc(&c, "service=%s family=%d type=%d proto=%d flags=%#x ", service ? service : "NULL",
                hints ? hints->ai_family : 0, hints ? hints->ai_socktype : 0, hints ? hints->ai_protocol : 0,
                hints ? hints->ai_flags : 0);
        if (res) { *res = (struct addrinfo *)(ULONG_PTR)0xdeadbeef; io_allow(&c, res, sizeof(*res)); }
        io_begin_call(&c, index, verbose);
        ret = getaddrinfo(host, service, hints, res);
        err = WSAGetLastError();
        returns_error_code = TRUE;
        if (ret && ret != err)
            io_fail(&c, "return differs", "returned %d but WSAGetLastError() is %d", ret, err);
        if (ret) { err = ret; ret = SOCKET_ERROR; }
        else if (res)
        {
            struct addrinfo *ai;
            int n = 0;
            for (ai = *res; ai && n < 64; ai = ai->ai_next, n++)
                if (!ai->ai_addr || ai->ai_addrlen > 28 || ai->ai_addrlen < 16)
                    io_fail(&c, "bad result", "succeeded with an entry of ai_addr %p, ai_addrlen %lu",
                            (void *)ai->ai_addr, (unsigned long)ai->ai_addrlen);
            freeaddrinfo(*res);
        }
        break;
    }
    case K_ACCEPTEX: case K_CONNECTEX: case K_DISCONNECTEX: case K_TRANSMITFILE: case K_TRANSMITPACKETS:
    {
        WSAOVERLAPPED *ovp = c.ov == IOV_BAD ? (WSAOVERLAPPED *)unmapped : s ? &s->ov : NULL;
        DWORD l, ll, rl;
        char *buf;
        void *bp;
        BOOL b = TRUE;
        int tolen;
        struct sockaddr *to;

        /* An OVERLAPPED is required: Windows answers ERROR_INVALID_PARAMETER without
         * one (Wine's conformance tests of ConnectEx, AcceptEx) or faults. */
        if (c.ov == IOV_NONE) { c.bad_ptr = TRUE; no_ov = TRUE; }
        switch (c.kind)
        {
        case K_ACCEPTEX:
        {
            static const DWORD alens[] = { 0, 15, 16, 31, 32, 44, 0xffffffff };
            if (below(r, 3)) { fresh = io_fresh(below(r, 4) ? AF_INET : AF_INET6, below(r, 6) ? SOCK_STREAM : SOCK_DGRAM, below(r, 5) == 0); io_desc(&c, "accept=fresh "); }
            else { fresh2 = targets[io_target(r, 0)]; io_desc(&c, "accept=pool "); }
            l = below(r, 4) ? 0 : io_len(r);
            ll = alens[below(r, COUNT(alens))];
            rl = alens[below(r, COUNT(alens))];
            buf = io_data(r, &c, TRUE, l + ll + rl, "buf");
            io_allow(&c, buf, (LONGLONG)l + ll + rl);
            bp = io_int(r, &c, 1, 0x5eed, TRUE, "bytes");
            io_allow(&c, bp, 4);
            io_desc(&c, "recvlen=%lu local=%lu remote=%lu ", (unsigned long)l, (unsigned long)ll, (unsigned long)rl);
            io_begin_call(&c, index, verbose);
            /* The listener's handle may be a closed one given to `fresh` just now. */
            if (c.ov == IOV_PORT) CreateIoCompletionPort((HANDLE)c.s, io_port, 1, 0);
            b = p_AcceptEx(c.s, fresh != INVALID_SOCKET ? fresh : fresh2, buf, l, ll, rl, bp, ovp);
            break;
        }
        case K_CONNECTEX:
        {
            int lt = below(r, 2) ? T_TCP4_LISTEN : T_TCP6_LISTEN;
            struct sockaddr_storage la;
            int lalen = sizeof(la);
            if (below(r, 3))
            {
                fresh = io_fresh(lt == T_TCP4_LISTEN ? AF_INET : AF_INET6, SOCK_STREAM, below(r, 6) != 0);
                c.s = fresh;
                close_it = FALSE;
                if (c.ov == IOV_PORT) CreateIoCompletionPort((HANDLE)fresh, io_port, 1, 0);
                io_desc(&c, "s=fresh ");
            }
            to = io_addr(r, &c, &tolen, "name");
            if (below(r, 2) && target_ok[lt] && to == (struct sockaddr *)(st_page + 2048) &&
                !getsockname(targets[lt], (struct sockaddr *)&la, &lalen))
            {
                memcpy(to, &la, lalen);
                tolen = lalen;
                io_desc(&c, "(a listener) ");
            }
            l = below(r, 2) ? 0 : io_len(r);
            buf = io_data(r, &c, FALSE, l, "send");
            bp = io_int(r, &c, 1, 0x5eed, TRUE, "bytes");
            io_allow(&c, bp, 4);
            io_begin_call(&c, index, verbose);
            b = p_ConnectEx(c.s, to, tolen, buf, l, bp, ovp);
            break;
        }
        case K_DISCONNECTEX:
        {
            static const DWORD fl[] = { 0, 0, TF_REUSE_SOCKET, 1, 0x80000000 };
            DWORD f = fl[below(r, COUNT(fl))], reserved = below(r, 6) ? 0 : 1;
            io_desc(&c, "flags=%#lx reserved=%lu ", (unsigned long)f, (unsigned long)reserved);
            io_begin_call(&c, index, verbose);
            b = p_DisconnectEx(c.s, ovp, f, reserved);
            break;
        }
        case K_TRANSMITPACKETS:
        {
            /* Up to three elements: memory (maybe a bad pointer), the file or a
             * handle that is no file, end-of-packet marks and unknown flags. */
            static const DWORD fl[] = { 0, 0, 0, TF_WRITE_BEHIND, TF_USE_KERNEL_APC, TF_DISCONNECT, 0x80000000 };
            static const DWORD el_flags[] = { TP_ELEMENT_MEMORY, TP_ELEMENT_MEMORY, TP_ELEMENT_FILE,
                                              TP_ELEMENT_MEMORY | TP_ELEMENT_EOP, 0, 0x80 };
            TRANSMIT_PACKETS_ELEMENT *el = (TRANSMIT_PACKETS_ELEMENT *)(st_page + 1600);
            DWORD count = below(r, 4), send_size = below(r, 2) ? 0 : below(r, 4096), fl_ = fl[below(r, COUNT(fl))], k;

            for (k = 0; k < count; k++)
            {
                memset(&el[k], 0, sizeof(el[k]));
                el[k].dwElFlags = el_flags[below(r, COUNT(el_flags))];
                el[k].cLength = below(r, 2) ? below(r, 200) : io_len(r);
                if (el[k].dwElFlags & TP_ELEMENT_FILE)
                {
                    el[k].hFile = below(r, 4) ? io_file : event_handle;
                    el[k].nFileOffset.QuadPart = below(r, 3) ? 0 : below(r, 9000);
                }
                else el[k].pBuffer = io_data(r, &c, FALSE, el[k].cLength, "element");
            }
            io_desc(&c, "elements=%lu send_size=%lu flags=%#lx ", (unsigned long)count, (unsigned long)send_size,
                    (unsigned long)fl_);
            if (below(r, 10) == 0) { el = (TRANSMIT_PACKETS_ELEMENT *)unmapped; c.bad_ptr = TRUE; io_desc(&c, "array=unmapped "); }
            io_begin_call(&c, index, verbose);
            b = p_TransmitPackets(c.s, el, count, send_size, ovp, fl_);
            break;
        }
        default:
        {
            static const DWORD fl[] = { 0, 0, 0, TF_WRITE_BEHIND, TF_USE_KERNEL_APC, TF_DISCONNECT, 0x80000000 };
            TRANSMIT_FILE_BUFFERS *tb = (TRANSMIT_FILE_BUFFERS *)(st_page + 1536);
            HANDLE files[] = { NULL, io_file, io_file, event_handle, pipe_write };
            HANDLE f = files[below(r, COUNT(files))];
            DWORD n = below(r, 2) ? 0 : below(r, 8192), per = below(r, 2) ? 0 : below(r, 4096), fl_ = fl[below(r, COUNT(fl))];
            LARGE_INTEGER zero;
            zero.QuadPart = 0;
            SetFilePointerEx(io_file, zero, NULL, FILE_BEGIN);
            if (s) { s->ov.Offset = below(r, 3) ? 0 : below(r, 9000); }
            tb->HeadLength = below(r, 3) ? below(r, 100) : io_len(r);
            tb->Head = io_data(r, &c, FALSE, tb->HeadLength, "head");
            tb->TailLength = below(r, 3) ? below(r, 100) : io_len(r);
            tb->Tail = io_data(r, &c, FALSE, tb->TailLength, "tail");
            io_desc(&c, "file=%s n=%lu per=%lu flags=%#lx ", f == io_file ? "file" : f ? "not-a-file" : "NULL",
                    (unsigned long)n, (unsigned long)per, (unsigned long)fl_);
            if (below(r, 3) == 0) { tb = NULL; io_desc(&c, "buffers=NULL "); }
            else if (below(r, 10) == 0) { tb = (TRANSMIT_FILE_BUFFERS *)unmapped; c.bad_ptr = TRUE; io_desc(&c, "buffers=unmapped "); }
            io_begin_call(&c, index, verbose);
            b = p_TransmitFile(c.s, f, n, per, ovp, tb, fl_);
            break;
        }
        }
        err = WSAGetLastError();
        ret = b ? 0 : SOCKET_ERROR;
        break;
    }
    case K_EVENTSELECT:
    {
        static const long masks[] = { 0, FD_READ, FD_WRITE, FD_ACCEPT | FD_CONNECT, FD_ALL_EVENTS, 0x7fffffff, FD_CLOSE | FD_OOB };
        long mask = masks[below(r, COUNT(masks))];
        HANDLE ev = below(r, 6) ? io_event : below(r, 2) ? NULL : (HANDLE)(ULONG_PTR)0xdead0;
        io_desc(&c, "event=%s mask=%#lx ", ev == io_event ? "valid" : ev ? "invalid" : "NULL", mask);
        io_begin_call(&c, index, verbose);
        ret = WSAEventSelect(c.s, ev, mask);
        err = WSAGetLastError();
        break;
    }
    case K_ENUMEVENTS:
    {
        HANDLE ev = below(r, 3) ? io_event : below(r, 2) ? NULL : pipe_read;
        char *out = io_data(r, &c, TRUE, sizeof(WSANETWORKEVENTS), "events");
        io_allow(&c, out, sizeof(WSANETWORKEVENTS));
        io_desc(&c, "event=%s ", ev == io_event ? "valid" : ev ? "not-an-event" : "NULL");
        io_begin_call(&c, index, verbose);
        ret = WSAEnumNetworkEvents(c.s, ev, (WSANETWORKEVENTS *)out);
        err = WSAGetLastError();
        break;
    }
    case K_CHANGE:
    {
        DWORD code = below(r, 2) ? C_SIO_ADDRESS_LIST_CHANGE : C_SIO_ROUTING_INTERFACE_CHANGE;
        WSAOVERLAPPED *ovp = c.ov == IOV_BAD ? (WSAOVERLAPPED *)unmapped : s ? &s->ov : NULL;
        int alen = 0;
        char *in = NULL;
        DWORD insize = 0;
        void *bp;
        if (code == C_SIO_ROUTING_INTERFACE_CHANGE)
        {
            in = (char *)io_addr(r, &c, &alen, "in");
            insize = (DWORD)alen;
        }
        bp = io_int(r, &c, 1, 0x5eed, TRUE, "bytes");
        io_allow(&c, bp, 4);
        io_desc(&c, "code=%s ", code == C_SIO_ADDRESS_LIST_CHANGE ? "SIO_ADDRESS_LIST_CHANGE" : "SIO_ROUTING_INTERFACE_CHANGE");
        /* Without an OVERLAPPED it would wait for a change on a blocking socket. */
        if (!ovp && !is_socket_target(c.target)) { }
        io_begin_call(&c, index, verbose);
        ret = WSAIoctl(c.s, code, in, insize, NULL, 0, bp, ovp, c.ov == IOV_ROUTINE ? io_routine : NULL);
        err = WSAGetLastError();
        close_it = FALSE;
        break;
    }
    default: break;
    }

    (void)returns_error_code;
    pending = ret == SOCKET_ERROR && err == WSA_IO_PENDING && s != NULL;
    ok = ret != SOCKET_ERROR;
    if (ret == SOCKET_ERROR && error_set && !pending)
    {
        BOOL documented = in_list(io_errors[c.kind].list, io_errors[c.kind].count, err) || (c.bad_ptr && err == WSAEFAULT) ||
                          (no_ov && err == ERROR_INVALID_PARAMETER);
        if (!documented)
        {
            char outcome[64];
            snprintf(outcome, sizeof(outcome), "error %d", err);
            io_fail(&c, outcome, "failed with %d (%s), not a documented error", err, error_name(err));
        }
    }
    if (ret == SOCKET_ERROR && err == WSA_IO_PENDING && !s)
        io_fail(&c, "pending without OVERLAPPED", "answered WSA_IO_PENDING to a call without a usable OVERLAPPED");
    if (!pending) io_check_writes(&c, "");
    /* A late-write target: cancel by closing only the pool's connected sockets. */
    io_finish(&c, s, pending, ok, close_it && peer_of(c.target) >= 0);
    phase = 0;
    if (c.kind == K_EVENTSELECT && ret == 0 && is_socket_target(c.target))
        WSAEventSelect(c.s, NULL, 0);  /* leave it selectable by the next calls, still non-blocking */
    if (fresh != INVALID_SOCKET) closesocket(fresh);
    QueryPerformanceCounter(&t1);
    io_kind_ticks[c.kind] += t1.QuadPart - t0.QuadPart;
    if (c.problems) failed++;
    else passed++;
}

/* Once, after WSAStartup: the port, an event, a small file, the extension pointers. */
static BOOL io_setup(void)
{
    SOCKET t = new_socket(AF_INET, SOCK_STREAM);
    static const struct { GUID id; void **fn; } ext[] =
    {
        { WSAID_ACCEPTEX, (void **)&p_AcceptEx }, { WSAID_CONNECTEX, (void **)&p_ConnectEx },
        { WSAID_DISCONNECTEX, (void **)&p_DisconnectEx }, { WSAID_TRANSMITFILE, (void **)&p_TransmitFile },
        { WSAID_TRANSMITPACKETS, (void **)&p_TransmitPackets },
        { WSAID_WSARECVMSG, (void **)&p_WSARecvMsg }, { WSAID_WSASENDMSG, (void **)&p_WSASendMsg },
    };
    char path[MAX_PATH], dir[MAX_PATH], data[9000];
    DWORD n, i;

    if (!(st_page = alloc_guarded(PAGE, PAGE_READWRITE))) return FALSE;
    if (!(arr_page = alloc_guarded(PAGE, PAGE_READWRITE))) return FALSE;
    if (!(io_port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0))) return FALSE;
    if (!(io_event = CreateEventW(NULL, TRUE, FALSE, NULL))) return FALSE;
    GetTempPathA(sizeof(dir), dir);
    GetTempFileNameA(dir, "fz", 0, path);
    io_file = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, NULL, CREATE_ALWAYS,
                          FILE_ATTRIBUTE_TEMPORARY | FILE_FLAG_DELETE_ON_CLOSE | FILE_FLAG_OVERLAPPED, NULL);
    if (io_file == INVALID_HANDLE_VALUE) return FALSE;
    memset(data, 'f', sizeof(data));
    {
        OVERLAPPED o;
        memset(&o, 0, sizeof(o));
        if (!WriteFile(io_file, data, sizeof(data), &n, &o) && GetLastError() == ERROR_IO_PENDING)
            GetOverlappedResult(io_file, &o, &n, TRUE);
    }
    for (i = 0; i < COUNT(ext); i++)
    {
        GUID id = ext[i].id;
        if (WSAIoctl(t, SIO_GET_EXTENSION_FUNCTION_POINTER, &id, sizeof(id), ext[i].fn, sizeof(void *), &n, NULL, NULL))
            return FALSE;
    }
    closesocket(t);
    return TRUE;
}
