package main

import (
	"errors"
	"testing"
)

// TestProxyFlagsRefused: what "mailtutor proxy" refuses before it listens.
func TestProxyFlagsRefused(t *testing.T) {
	for _, args := range [][]string{
		{},                            // no server
		{"--to", "smtp://a", "extra"}, // a stray argument
		{"--to", "smtp://a", "--record", "x", "--record-dir", "y"},
		{"--to", "smtp://a", "--cert", "c.pem"}, // --cert without --key
		{"--to", "smtp://a", "--inject", "RCPT"},
		{"--to", "smtp://a", "--bogus"},
	} {
		if err := runProxy(args); !errors.Is(err, errUsage) {
			t.Errorf("proxy %q: %v, want a usage error", args, err)
		}
	}
	if err := runProxy([]string{"--to", "nosuch://a", "--listen", "127.0.0.1:0"}); err == nil {
		t.Error("an unknown scheme was accepted")
	}
	if err := runProxy([]string{"--to", "lab:nosuch", "--listen", "127.0.0.1:0"}); err == nil {
		t.Error("an unknown lab service was accepted")
	}
}
