/* The Windows side of tests/net/own-name.sh: how this computer's own name
 * resolves.  Prints one line per way of asking, each with the addresses in
 * the order given:
 *
 *   getaddrinfo ADDR...      getaddrinfo(gethostname's name), AF_UNSPEC
 *   GetAddrInfoW ADDR...     GetAddrInfoW(L""), the computer itself
 *   gethostbyname ADDR...    gethostbyname(gethostname's name)
 *
 * or "NAME error N" when a call fails.  The script decides what is right. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>

static void print_address(const struct sockaddr *sa)
{
    char text[INET6_ADDRSTRLEN];
    const void *addr = sa->sa_family == AF_INET6 ? (const void *)&((const struct sockaddr_in6 *)sa)->sin6_addr
                                                 : (const void *)&((const struct sockaddr_in *)sa)->sin_addr;

    printf(" %s", inet_ntop(sa->sa_family, addr, text, sizeof(text)) ? text : "?");
}

static void by_getaddrinfo(const char *host)
{
    struct addrinfo *result, *ai;
    int err = getaddrinfo(host, NULL, NULL, &result);

    if (err) { printf("getaddrinfo error %d\n", err); return; }
    printf("getaddrinfo");
    for (ai = result; ai; ai = ai->ai_next) print_address(ai->ai_addr);
    printf("\n");
    freeaddrinfo(result);
}

static void by_getaddrinfow_empty(void)
{
    ADDRINFOW *result, *ai;
    int err = GetAddrInfoW(L"", NULL, NULL, &result);

    if (err) { printf("GetAddrInfoW error %d\n", err); return; }
    printf("GetAddrInfoW");
    for (ai = result; ai; ai = ai->ai_next) print_address(ai->ai_addr);
    printf("\n");
    FreeAddrInfoW(result);
}

static void by_gethostbyname(const char *host)
{
    struct hostent *ent = gethostbyname(host);
    char **addr;

    if (!ent) { printf("gethostbyname error %d\n", WSAGetLastError()); return; }
    printf("gethostbyname");
    for (addr = ent->h_addr_list; *addr; addr++) printf(" %s", inet_ntoa(*(struct in_addr *)*addr));
    printf("\n");
}

int main(void)
{
    WSADATA data;
    char host[256];

    if (WSAStartup(MAKEWORD(2, 2), &data) || gethostname(host, sizeof(host)))
    {
        printf("setup error %d\n", WSAGetLastError());
        return 1;
    }
    printf("hostname %s\n", host);
    by_getaddrinfo(host);
    by_getaddrinfow_empty();
    by_gethostbyname(host);
    fflush(stdout);
    WSACleanup();
    return 0;
}
