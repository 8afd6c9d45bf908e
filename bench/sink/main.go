// Command sink is the SMTP server of the benchmarks: it accepts any sender
// and recipient, reads every message to the end and throws it away, with no
// size limit, so that mailtutor, nc and swaks send to the same server.
//
// It listens on loopback, prints "listening ADDR" on standard output once
// ready, and appends "message bytes=N" to the -log file for each message so
// the benchmark can check that every peer delivered the whole of it.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"sync"
	"time"

	"github.com/emersion/go-smtp"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "loopback `ADDR` to listen on")
	logPath := flag.String("log", "", "append one line per message to `FILE` (\"\" for none)")
	idle := flag.Duration("idle", 5*time.Minute, "longest wait for a command line, and for the whole DATA body after it (go-smtp ReadTimeout)")
	flag.Parse()
	if err := run(*addr, *logPath, *idle); err != nil {
		log.Fatalf("sink: %v", err)
	}
}

func run(addr, logPath string, idle time.Duration) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	counter := &messageLog{}
	if logPath != "" {
		f, err := os.OpenFile(logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			return fmt.Errorf("open log: %w", err)
		}
		defer f.Close()
		counter.w = f
	}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &discardSession{log: counter}, nil
	}))
	srv.Domain = "sink.example.test"
	srv.MaxMessageBytes = 0 // no limit
	srv.MaxRecipients = 0
	srv.ReadTimeout = idle
	srv.WriteTimeout = idle
	fmt.Printf("listening %s\n", ln.Addr())
	if err := srv.Serve(ln); err != nil && !errors.Is(err, smtp.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// messageLog writes one line per message received.
type messageLog struct {
	mu sync.Mutex
	w  io.Writer
}

func (m *messageLog) note(n int64) {
	if m.w == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	fmt.Fprintf(m.w, "message bytes=%d\n", n)
}

// discardSession accepts everything and keeps nothing.
type discardSession struct{ log *messageLog }

func (s *discardSession) Reset()                               {}
func (s *discardSession) Logout() error                        { return nil }
func (s *discardSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *discardSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s *discardSession) Data(r io.Reader) error {
	n, err := io.Copy(io.Discard, r)
	if err != nil {
		return fmt.Errorf("read message: %w", err)
	}
	s.log.note(n)
	return nil
}
