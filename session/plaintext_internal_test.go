package session

import (
	"bufio"
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"
)

// TestNoCredentialInClearToARemoteHost: on a plain connection to a host
// that is not this machine, a credential is refused even though no TLS
// was asked for; once encrypted it goes. (The tests reach only loopback,
// so the session is told its peer is remote.)
func TestNoCredentialInClearToARemoteHost(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		c.Write([]byte("+OK ready\r\n"))
		br := bufio.NewReader(c)
		for {
			if _, err := br.ReadString('\n'); err != nil {
				return
			}
			c.Write([]byte("+OK\r\n"))
		}
	}()
	target, _ := ParseURL("pop3://" + ln.Addr().String())
	s, err := Dial(context.Background(), target, Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	go func() {
		for range s.Events() {
		}
	}()
	if !s.loopback {
		t.Fatal("127.0.0.1 not taken for loopback")
	}
	s.mu.Lock()
	s.loopback = false // as if the server were mail.example.com
	s.mu.Unlock()
	if err := s.Send("USER student", SendOptions{}); err != nil {
		t.Fatalf("USER (no credential by the POP3 rules) refused: %v", err)
	}
	err = s.Send("PASS secret123", SendOptions{})
	var pe *PlaintextError
	if !errors.As(err, &pe) || pe.StartTLS != "" || !strings.Contains(err.Error(), "127.0.0.1, which is not this machine") {
		t.Fatalf("PASS to a remote host in clear: %v, want a PlaintextError naming the host", err)
	}
	s.mu.Lock()
	s.tls = &TLSInfo{Version: "TLS 1.3"} // as if STLS had been agreed
	s.mu.Unlock()
	if risk := s.PlaintextRisk("PASS secret123", SendOptions{}); risk != nil {
		t.Errorf("PASS over TLS called a risk: %v", risk)
	}
}
