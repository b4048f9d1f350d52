/* The far end of the keep-alive wire test: accepts one TCP connection on the
 * given IPv4 address and port, echoes the first byte it receives, and then
 * holds the connection open without a word until it is killed. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    struct sockaddr_in addr = { .sin_family = AF_INET };
    int listener, conn, one = 1;
    char byte;

    if (argc != 3 || inet_pton(AF_INET, argv[1], &addr.sin_addr) != 1)
    {
        fprintf(stderr, "usage: peer ADDRESS PORT\n");
        return 2;
    }
    addr.sin_port = htons(atoi(argv[2]));
    listener = socket(AF_INET, SOCK_STREAM, 0);
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (bind(listener, (struct sockaddr *)&addr, sizeof(addr)) || listen(listener, 1))
    {
        perror("peer: listen");
        return 1;
    }
    printf("listening\n");
    fflush(stdout);
    if ((conn = accept(listener, NULL, NULL)) < 0) return 1;
    if (read(conn, &byte, 1) == 1) write(conn, &byte, 1);
    for (;;) pause();
}
