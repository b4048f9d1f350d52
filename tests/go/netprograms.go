// Real Go networking on ws2kit: Go's runtime drives sockets through an I/O
// completion port, ConnectEx, AcceptEx (via mswsock),
// SetFileCompletionNotificationModes and SIO_KEEPALIVE_VALS.  Each check
// prints a line; the summary line is the harness's.
package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"syscall"
	"time"
	"unsafe"
)

var passed, failed int

func check(ok bool, format string, args ...interface{}) {
	if ok {
		passed++
		return
	}
	failed++
	fmt.Printf("netprograms.go: Test failed: "+format+"\n", args...)
}

// A TCP echo server and a client that asks for a keep-alive period.
func tcpEcho() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(err == nil, "listen: %v", err)
	if err != nil {
		return
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func(c net.Conn) {
				defer c.Close()
				io.Copy(c, c)
			}(c)
		}
	}()
	d := net.Dialer{KeepAlive: 5 * time.Second, Timeout: 5 * time.Second}
	for i := 0; i < 20; i++ {
		c, err := d.Dial("tcp", ln.Addr().String())
		check(err == nil, "dial %d: %v", i, err)
		if err != nil {
			return
		}
		if i == 0 {
			checkKeepAlivePeriod(c, 5)
		}
		msg := fmt.Sprintf("echo %d", i)
		c.SetDeadline(time.Now().Add(5 * time.Second))
		_, err = c.Write([]byte(msg))
		check(err == nil, "write %d: %v", i, err)
		buf := make([]byte, len(msg))
		_, err = io.ReadFull(c, buf)
		check(err == nil && string(buf) == msg, "echo %d: %q %v", i, buf, err)
		c.Close()
	}
}

// The period Go asked for (SIO_KEEPALIVE_VALS, time and interval alike), as
// Windows reads it back: TCP_KEEPALIVE and TCP_KEEPINTVL, in seconds.
func checkKeepAlivePeriod(c net.Conn, seconds uint32) {
	const ipprotoTCP, tcpKeepAlive, tcpKeepIntvl = 6, 3, 17
	raw, err := c.(*net.TCPConn).SyscallConn()
	check(err == nil, "SyscallConn: %v", err)
	if err != nil {
		return
	}
	raw.Control(func(fd uintptr) {
		for _, opt := range []int32{tcpKeepAlive, tcpKeepIntvl} {
			var value uint32
			size := int32(unsafe.Sizeof(value))
			err := syscall.Getsockopt(syscall.Handle(fd), ipprotoTCP, opt, (*byte)(unsafe.Pointer(&value)), &size)
			check(err == nil && value == seconds, "keep-alive option %d: %d s (%v), Go set %d s", opt, value, err, seconds)
		}
	})
}

// net/http on loopback: a server and a client with keep-alive connections.
func httpRoundTrips() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(err == nil, "http listen: %v", err)
	if err != nil {
		return
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello %s", r.URL.Path)
	})}
	go srv.Serve(ln)
	defer srv.Close()
	client := &http.Client{Timeout: 10 * time.Second}
	for i := 0; i < 10; i++ {
		resp, err := client.Get(fmt.Sprintf("http://%s/item%d", ln.Addr(), i))
		check(err == nil, "GET %d: %v", i, err)
		if err != nil {
			return
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		check(err == nil && resp.StatusCode == 200 && string(body) == fmt.Sprintf("hello /item%d", i),
			"GET %d: %d %q %v", i, resp.StatusCode, body, err)
	}
}

// A UDP exchange.
func udpExchange() {
	a, err := net.ListenPacket("udp", "127.0.0.1:0")
	check(err == nil, "udp listen: %v", err)
	if err != nil {
		return
	}
	defer a.Close()
	b, err := net.ListenPacket("udp", "127.0.0.1:0")
	check(err == nil, "udp listen: %v", err)
	if err != nil {
		return
	}
	defer b.Close()
	_, err = a.WriteTo([]byte("datagram"), b.LocalAddr())
	check(err == nil, "WriteTo: %v", err)
	b.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 64)
	n, from, err := b.ReadFrom(buf)
	check(err == nil && string(buf[:n]) == "datagram" && from.String() == a.LocalAddr().String(),
		"ReadFrom: %q from %v: %v", buf[:n], from, err)
}

// A dead port is refused, quickly.
func refused() {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	_, err := net.DialTimeout("tcp", addr, 5*time.Second)
	check(err != nil && strings.Contains(err.Error(), "refused"), "dial to a closed port: %v", err)
}

func main() {
	done := make(chan bool)
	go func() {
		tcpEcho()
		httpRoundTrips()
		udpExchange()
		refused()
		done <- true
	}()
	select {
	case <-done:
	case <-time.After(120 * time.Second):
		check(false, "still running after 120 s")
	}
	fmt.Printf("netprograms: %d tests executed (%d failures), 0 skipped.\n", passed+failed, failed)
	if failed > 0 {
		os.Exit(1)
	}
}
