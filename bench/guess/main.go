// Command guess measures how fast one client address can guess passwords
// at a server, as issue 13's attacker did: -conns parallel connections,
// each sending wrong logins one after the other (SMTP AUTH PLAIN, POP3
// USER/PASS or IMAP LOGIN), for -duration or until -tries were answered.
// It prints the connections refused on accept, the tries answered and the
// rate, overall and after the first -free failures (the ones a server lets
// through without delay). Loopback only; not part of CI.
package main

import (
	"bufio"
	"encoding/base64"
	"flag"
	"fmt"
	"log"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:1587", "server `HOST:PORT`")
	proto := flag.String("proto", "smtp", "smtp (AUTH PLAIN after EHLO), pop3 or imap")
	conns := flag.Int("conns", 91, "parallel connections")
	tries := flag.Int64("tries", 1000, "stop after this many answered tries")
	duration := flag.Duration("duration", 5*time.Second, "stop after this long")
	free := flag.Int64("free", 3, "failures the server lets through before it delays")
	flag.Parse()
	var refused, answered atomic.Int64
	var firstFree atomic.Int64 // nanoseconds since start when the free failures were used up
	start := time.Now()
	end := start.Add(*duration)
	var wg sync.WaitGroup
	for range *conns {
		wg.Go(func() {
			if err := guess(*addr, *proto, end, func() bool {
				n := answered.Add(1)
				if n == *free {
					firstFree.Store(int64(time.Since(start)))
				}
				return n < *tries
			}); err != nil {
				refused.Add(1)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	n := answered.Load()
	fmt.Printf("%s %s: %d connections, %d refused; %d tries answered in %v: %.1f tries/s",
		*proto, *addr, *conns, refused.Load(), n, elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds())
	if n > *free {
		after := elapsed - time.Duration(firstFree.Load())
		fmt.Printf(", %.2f tries/s after the first %d", float64(n-*free)/after.Seconds(), *free)
	}
	fmt.Println()
}

// guess runs one connection; answered is called per failed login and says
// whether to go on. An error means the server refused the connection.
func guess(addr, proto string, end time.Time, answered func() bool) error {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return err
	}
	defer conn.Close()
	_ = conn.SetDeadline(end)
	r := bufio.NewReader(conn)
	greeting, err := r.ReadString('\n')
	if err != nil || strings.HasPrefix(greeting, "421") || strings.HasPrefix(greeting, "-ERR") ||
		strings.HasPrefix(greeting, "* BYE") {
		return fmt.Errorf("refused: %q", greeting)
	}
	send, failed := tryOf(proto)
	if proto == "smtp" {
		fmt.Fprintf(conn, "EHLO guess.test\r\n")
		for {
			line, err := r.ReadString('\n')
			if err != nil || strings.HasPrefix(line, "250 ") {
				break
			}
		}
	}
	for {
		if _, err := conn.Write([]byte(send)); err != nil {
			return nil
		}
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return nil
			}
			if strings.HasPrefix(line, failed) {
				break
			}
			if !strings.HasPrefix(line, "+OK") { // USER's +OK; anything else ends it
				return nil
			}
		}
		if !answered() {
			return nil
		}
	}
}

// tryOf is what one wrong login sends, and how its failure begins.
func tryOf(proto string) (send, failed string) {
	switch proto {
	case "pop3":
		return "USER student\r\nPASS guess\r\n", "-ERR"
	case "imap":
		return "g LOGIN student guess\r\n", "g NO"
	case "smtp":
		plain := base64.StdEncoding.EncodeToString([]byte("\x00student\x00guess"))
		return "AUTH PLAIN " + plain + "\r\n", "535"
	}
	log.Fatalf("guess: unknown -proto %q", proto)
	return "", ""
}
