/* unixprobe CALL: makes one Winsock call that reaches ws2kit.so and says how
 * it ended, for tests/wine/unix-boundary.sh.  Prints "startup: N" (WSAStartup's
 * answer), then "CALL: ret R error E", or "exception CODE" when the call
 * raised one (exit code 3).  CALL: setsockopt, closesocket, gethostname. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>

static LONG CALLBACK report_exception(EXCEPTION_POINTERS *info)
{
    printf("exception %#lx\n", info->ExceptionRecord->ExceptionCode);
    fflush(stdout);
    ExitProcess(3);
}

int main(int argc, char **argv)
{
    WSADATA data;
    SOCKET s;
    char name[256];
    int ret, one = 1;

    if (argc != 2) { fprintf(stderr, "usage: unixprobe setsockopt|closesocket|gethostname\n"); return 2; }
    ret = WSAStartup(MAKEWORD(2, 2), &data);
    printf("startup: %d\n", ret);
    if (ret) return 1;
    AddVectoredExceptionHandler(1, report_exception);
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (!strcmp(argv[1], "setsockopt"))
        ret = setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (char *)&one, sizeof(one));
    else if (!strcmp(argv[1], "closesocket"))
        ret = closesocket(s);
    else if (!strcmp(argv[1], "gethostname"))
        ret = gethostname(name, sizeof(name));
    else return 2;
    printf("%s: ret %d error %d\n", argv[1], ret, ret ? WSAGetLastError() : 0);
    return 0;
}
