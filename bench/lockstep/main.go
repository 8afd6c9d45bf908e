// Command lockstep is the fair peer of the NOOP benchmark: like nc -C it
// sends the lines of standard input with CRLF, but like mailtutor it waits
// for the complete SMTP reply to each line before sending the next, and
// copies the replies to standard output. It does nothing else (no framing
// checks, no explanations, no events), so it is the floor for a client
// that waits.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"strings"
)

func main() {
	addr := flag.String("addr", "", "SMTP server `HOST:PORT` (required)")
	flag.Parse()
	if *addr == "" {
		log.Fatal("lockstep: -addr is required")
	}
	if err := run(*addr, os.Stdin, os.Stdout); err != nil {
		log.Fatalf("lockstep: %v", err)
	}
}

func run(addr string, in io.Reader, out io.Writer) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return fmt.Errorf("dial %s: %w", addr, err)
	}
	defer conn.Close()
	replies := bufio.NewReader(conn)
	w := bufio.NewWriter(out)
	defer w.Flush()
	if err := copyReply(replies, w); err != nil {
		return fmt.Errorf("greeting: %w", err)
	}
	lines := bufio.NewScanner(in)
	for lines.Scan() {
		if _, err := io.WriteString(conn, lines.Text()+"\r\n"); err != nil {
			return fmt.Errorf("send: %w", err)
		}
		if err := copyReply(replies, w); err != nil {
			return fmt.Errorf("reply to %q: %w", lines.Text(), err)
		}
	}
	return lines.Err()
}

// copyReply copies one SMTP reply: lines up to one whose fourth byte is a
// space (RFC 5321 4.2.1).
func copyReply(r *bufio.Reader, w io.Writer) error {
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return fmt.Errorf("read reply: %w", err)
		}
		if _, err := io.WriteString(w, line); err != nil {
			return fmt.Errorf("write reply: %w", err)
		}
		if len(line) < 4 || line[3] == ' ' || strings.TrimSpace(line) == line[:3] {
			return nil
		}
	}
}
