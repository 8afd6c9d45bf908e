// Command imapsink is the IMAP server of the benchmarks: an INBOX holding
// one message, read from -file, that any LOGIN may fetch. It prepares the
// FETCH response (CRLF line endings, the message as one literal) once at
// start and writes it with a single call, so the server is never the slow
// side. It answers what `mailtutor connect`, `nc -C` and curl's
// imap://HOST/INBOX;UID=1 send: CAPABILITY, LOGIN, SELECT or EXAMINE,
// FETCH or UID FETCH of message 1 (BODY[], BODY.PEEK[], RFC822), NOOP and
// LOGOUT.
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
		log.Fatal("imapsink: -file is required")
	}
	if err := run(*addr, *file); err != nil {
		log.Fatalf("imapsink: %v", err)
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
	size  int    // octets of the message with CRLF endings (RFC822.SIZE)
	fetch []byte // "* 1 FETCH (UID 1 BODY[] {size}" CRLF, the message, ")" CRLF
}

// newMailbox converts msg to CRLF and frames the FETCH response.
func newMailbox(msg []byte) *mailbox {
	text := strings.ReplaceAll(string(msg), "\r\n", "\n")
	body := []byte(strings.ReplaceAll(text, "\n", "\r\n"))
	var fetch bytes.Buffer
	fetch.Grow(len(body) + 64)
	fmt.Fprintf(&fetch, "* 1 FETCH (UID 1 BODY[] {%d}\r\n", len(body))
	fetch.Write(body)
	fetch.WriteString(")\r\n")
	return &mailbox{size: len(body), fetch: fetch.Bytes()}
}

// serve answers one client until LOGOUT or the end of the connection.
func serve(conn net.Conn, box *mailbox) {
	defer conn.Close()
	r := bufio.NewReader(conn)
	w := bufio.NewWriter(conn)
	reply := func(s ...string) bool {
		for _, l := range s {
			w.WriteString(l + "\r\n")
		}
		return w.Flush() == nil
	}
	if !reply("* OK [CAPABILITY IMAP4rev1] imapsink ready") {
		return
	}
	for {
		conn.SetReadDeadline(time.Now().Add(time.Minute))
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		fields := strings.Fields(line)
		if len(fields) < 2 {
			if !reply("* BAD a command starts with a tag") {
				return
			}
			continue
		}
		tag, verb := fields[0], strings.ToUpper(fields[1])
		if verb == "UID" && len(fields) > 2 {
			verb = strings.ToUpper(fields[2])
		}
		var ok bool
		switch verb {
		case "CAPABILITY":
			ok = reply("* CAPABILITY IMAP4rev1", tag+" OK CAPABILITY completed")
		case "LOGIN", "NOOP":
			ok = reply(tag + " OK " + verb + " completed")
		case "SELECT", "EXAMINE":
			ok = reply(`* FLAGS (\Seen)`, "* 1 EXISTS", "* OK [UIDVALIDITY 1] UIDs valid", "* OK [UIDNEXT 2] next",
				tag+" OK [READ-WRITE] "+verb+" completed")
		case "FETCH":
			_, err := w.Write(box.fetch)
			ok = err == nil && reply(tag+" OK FETCH completed")
		case "LOGOUT":
			reply("* BYE imapsink logging out", tag+" OK LOGOUT completed")
			return
		default:
			ok = reply(tag + " BAD unknown command")
		}
		if !ok {
			return
		}
	}
}
