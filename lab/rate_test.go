package lab

import (
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestGuessingRateWithDefaults guesses passwords as the attacker
// did, 91 parallel connections from one address, against the lab's real
// defaults: the address gets its 20 connections, and after the third
// failure at most one try a second is answered.
func TestGuessingRateWithDefaults(t *testing.T) {
	if testing.Short() {
		t.Skip("takes 5 seconds")
	}
	const conns, window = 91, 5 * time.Second
	l, _ := startLab(t, func(cfg *Config) {
		cfg.ErrorSleep, cfg.AuthDelay, cfg.AuthMaxDelay = DefaultErrorSleep, DefaultAuthDelay, DefaultAuthMaxDelay
	})
	var refused, answered atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	end := start.Add(window)
	for range conns {
		wg.Go(func() {
			c := dialFrom(t, "127.0.0.1", addr(t, l, "submission"))
			_ = c.conn.SetDeadline(end)
			greeting, err := c.text.ReadLine()
			if err != nil || strings.HasPrefix(greeting, "421 4.7.0 ") {
				refused.Add(1)
				return
			}
			if c.text.PrintfLine("EHLO guess.test") != nil {
				return
			}
			for {
				line, err := c.text.ReadLine()
				if err != nil || strings.HasPrefix(line, "250 ") {
					break
				}
			}
			for {
				if c.text.PrintfLine("AUTH PLAIN %s", plainAuth("student", "guess")) != nil {
					return
				}
				line, err := c.text.ReadLine()
				if err != nil {
					return
				}
				if strings.HasPrefix(line, "535 ") {
					answered.Add(1)
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	after := answered.Load() - DefaultAuthFreeFailures
	rate := float64(after) / elapsed.Seconds()
	t.Logf("%d connections refused; %d tries answered in %v, %.2f/s after the free %d",
		refused.Load(), answered.Load(), elapsed.Round(time.Millisecond), rate, DefaultAuthFreeFailures)
	if refused.Load() != conns-DefaultMaxConnsPerClient {
		t.Errorf("%d connections refused, want %d", refused.Load(), conns-DefaultMaxConnsPerClient)
	}
	if after < 1 || rate > 1 {
		t.Errorf("%d tries after the free ones in %v: want at most one a second (and at least one)", after, elapsed)
	}
}
