// Command logins is the POP3 and IMAP side of the class-load benchmark
// (issue 13): -c clients at once log in, look at the mailbox and log out,
// -n times in all, as a class of students would at the start of a lesson.
// It prints the logins per second, how many were refused or failed, and
// the slowest login. Only loopback addresses are allowed.
//
//	go run ./bench/logins -proto pop3 -addr 127.0.0.1:1110 -c 300 -n 3000 -accounts 300 -user s%03d -pass pw
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	proto := flag.String("proto", "pop3", "pop3 or imap")
	addr := flag.String("addr", "", "server `HOST:PORT` on loopback (required)")
	clients := flag.Int("c", 300, "clients at once")
	total := flag.Int("n", 3000, "logins in all")
	user := flag.String("user", "student", "user name")
	pass := flag.String("pass", "secret123", "password")
	accounts := flag.Int("accounts", 0, "with N > 0, -user is a format such as s%03d and login k uses account k mod N + 1: one class, one account each")
	flag.Parse()
	login, ok := map[string]func(*bufio.ReadWriter, string, string) error{"pop3": pop3, "imap": imap}[*proto]
	if !ok || *addr == "" || *clients < 1 || *total < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if host, _, err := net.SplitHostPort(*addr); err != nil || !net.ParseIP(host).IsLoopback() {
		log.Fatalf("logins: %s is not a loopback address", *addr)
	}
	var next atomic.Int64
	var mu sync.Mutex
	var times []time.Duration
	failures := map[string]int{}
	start := time.Now()
	var wg sync.WaitGroup
	for range *clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := next.Add(1); k <= int64(*total); k = next.Add(1) {
				name := *user
				if *accounts > 0 {
					name = fmt.Sprintf(*user, int(k)%*accounts+1)
				}
				began := time.Now()
				err := once(*addr, login, name, *pass)
				mu.Lock()
				if err != nil {
					failures[short(err)]++
				} else {
					times = append(times, time.Since(began))
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(times)
	fmt.Printf("%s %s: %d clients, %d logins in %.2f s = %.0f logins/s", *proto, *addr, *clients, len(times), elapsed.Seconds(), float64(len(times))/elapsed.Seconds())
	if len(times) > 0 {
		fmt.Printf("; median %v, slowest %v", times[len(times)/2].Round(time.Millisecond), times[len(times)-1].Round(time.Millisecond))
	}
	fmt.Println()
	for what, n := range failures {
		fmt.Printf("  failed %d×: %s\n", n, what)
	}
}

// once makes one connection and one login over it.
func once(addr string, login func(*bufio.ReadWriter, string, string) error, user, pass string) error {
	conn, err := net.DialTimeout("tcp", addr, 30*time.Second)
	if err != nil {
		return err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(60 * time.Second))
	rw := bufio.NewReadWriter(bufio.NewReader(conn), bufio.NewWriter(conn))
	return login(rw, user, pass)
}

// pop3 logs in with USER/PASS, asks STAT and quits.
func pop3(rw *bufio.ReadWriter, user, pass string) error {
	if err := pop3Reply(rw); err != nil {
		return fmt.Errorf("greeting: %w", err)
	}
	for _, cmd := range []string{"USER " + user, "PASS " + pass, "STAT", "QUIT"} {
		if err := send(rw, cmd); err != nil {
			return err
		}
		if err := pop3Reply(rw); err != nil {
			return fmt.Errorf("%s: %w", strings.Fields(cmd)[0], err)
		}
	}
	return nil
}

func pop3Reply(rw *bufio.ReadWriter) error {
	line, err := rw.ReadString('\n')
	if err != nil {
		return err
	}
	if !strings.HasPrefix(line, "+OK") {
		return fmt.Errorf("%s", strings.TrimSpace(line))
	}
	return nil
}

// imap logs in, selects INBOX and logs out.
func imap(rw *bufio.ReadWriter, user, pass string) error {
	if line, err := rw.ReadString('\n'); err != nil || !strings.HasPrefix(line, "* OK") {
		return fmt.Errorf("greeting: %q %v", strings.TrimSpace(line), err)
	}
	for i, cmd := range []string{"LOGIN " + user + " " + pass, "SELECT INBOX", "LOGOUT"} {
		tag := fmt.Sprintf("a%d", i+1)
		if err := send(rw, tag+" "+cmd); err != nil {
			return err
		}
		for {
			line, err := rw.ReadString('\n')
			if err != nil {
				return fmt.Errorf("%s: %w", strings.Fields(cmd)[0], err)
			}
			if strings.HasPrefix(line, tag+" ") {
				if !strings.HasPrefix(line, tag+" OK") {
					return fmt.Errorf("%s", strings.TrimSpace(line))
				}
				break
			}
		}
	}
	return nil
}

func send(rw *bufio.ReadWriter, line string) error {
	if _, err := rw.WriteString(line + "\r\n"); err != nil {
		return err
	}
	return rw.Flush()
}

// short is an error without the addresses and ports that make every one
// different, so failures can be counted by kind.
func short(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 && strings.Contains(s, "127.0.0.1") {
		s = s[i+2:]
	}
	return s
}
