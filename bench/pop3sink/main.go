// Command pop3sink is the POP3 server of the benchmarks: one mailbox holding
// one message, read from -file, that any USER/PASS may fetch. It prepares the
// RETR reply (CRLF line endings, dot-stuffed, ending ".") once at start and
// writes it with a single call, so the server is never the slow side.
//
// It listens on loopback and prints "listening ADDR" on standard output once
// ready.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"strings"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "loopback `ADDR` to listen on")
	file := flag.String("file", "", "the message to serve, LF or CRLF line endings (required)")
	flag.Parse()
	if *file == "" {
		log.Fatal("pop3sink: -file is required")
	}
	if err := run(*addr, *file); err != nil {
		log.Fatalf("pop3sink: %v", err)
	}
}

func run(addr, file string) error {
	msg, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("read message: %w", err)
	}
	box := newMailbox(msg)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	fmt.Printf("listening %s\n", ln.Addr())
	for {
		conn, err := ln.Accept()
		if err != nil {
			return fmt.Errorf("accept: %w", err)
		}
		go serve(conn, box)
	}
}

// mailbox is the one message, ready to send.
type mailbox struct {
	size int    // octets of the message with CRLF endings (RFC 1939 LIST/STAT)
	retr []byte // the whole RETR reply
}

// newMailbox converts msg to CRLF, dot-stuffs it and frames the RETR reply.
func newMailbox(msg []byte) *mailbox {
	text := strings.ReplaceAll(string(msg), "\r\n", "\n")
	text = strings.TrimSuffix(text, "\n")
	var body bytes.Buffer
	body.Grow(len(text) + len(text)/32 + 16)
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, ".") {
			body.WriteByte('.')
		}
		body.WriteString(line)
		body.WriteString("\r\n")
	}
	size := body.Len()
	var retr bytes.Buffer
	fmt.Fprintf(&retr, "+OK %d octets\r\n", size)
	retr.Write(body.Bytes())
	retr.WriteString(".\r\n")
	return &mailbox{size: size, retr: retr.Bytes()}
}

// serve answers one client until QUIT or the end of the connection.
func serve(conn net.Conn, box *mailbox) {
	defer conn.Close()
	r := bufio.NewReader(conn)
	w := bufio.NewWriter(conn)
	reply := func(s string) bool {
		w.WriteString(s)
		return w.Flush() == nil
	}
	if !reply("+OK pop3sink ready\r\n") {
		return
	}
	for {
		conn.SetReadDeadline(time.Now().Add(time.Minute))
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		verb, _, _ := strings.Cut(strings.TrimRight(line, "\r\n"), " ")
		var ok bool
		switch strings.ToUpper(verb) {
		case "USER", "PASS", "NOOP", "RSET", "DELE":
			ok = reply("+OK\r\n")
		case "CAPA":
			ok = reply("+OK\r\nUSER\r\n.\r\n")
		case "STAT":
			ok = reply(fmt.Sprintf("+OK 1 %d\r\n", box.size))
		case "LIST":
			ok = reply(fmt.Sprintf("+OK 1 messages\r\n1 %d\r\n.\r\n", box.size))
		case "RETR":
			_, err := w.Write(box.retr)
			ok = err == nil && w.Flush() == nil
		case "QUIT":
			reply("+OK bye\r\n")
			return
		default:
			ok = reply("-ERR unknown command\r\n")
		}
		if !ok {
			return
		}
	}
}
