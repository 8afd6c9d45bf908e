package lab

import (
	"net"
	"net/netip"
	"testing"
	"time"
)

// fakeClock is a guard's clock that a test moves.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func testGuard() (*guard, *fakeClock) {
	clock := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	cfg := DefaultConfig()
	g := newGuard(cfg)
	g.now = clock.now
	return g, clock
}

func TestGuardDelaysGrowPerAddress(t *testing.T) {
	g, clock := testGuard()
	a := netip.MustParseAddr("192.0.2.7")
	// One client trying one password at a time: the wait before each try.
	want := []time.Duration{0, 0, 0, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 8 * time.Second}
	for i, w := range want {
		wait, _ := g.turn(a)
		if wait != w {
			t.Fatalf("try %d: wait %v, want %v", i+1, wait, w)
		}
		clock.t = clock.t.Add(wait)
		g.result(a, false)
	}
	if wait, _ := g.turn(netip.MustParseAddr("192.0.2.8")); wait != 0 {
		t.Errorf("another address waits %v", wait)
	}
}

func TestGuardParallelTriesShareTheTurns(t *testing.T) {
	g, _ := testGuard()
	a := netip.MustParseAddr("192.0.2.7")
	// 91 connections asking at the same instant: three go at once, the
	// others get turns at least a second apart: the address's rate, not the
	// connection's.
	var last time.Duration
	for i := range 91 {
		wait, failures := g.turn(a)
		if failures != i || i < 3 && wait != 0 || i >= 3 && wait-last < time.Second {
			t.Fatalf("connection %d: wait %v (after %v), failures %d", i, wait, last, failures)
		}
		last = wait
	}
}

func TestGuardForgives(t *testing.T) {
	tests := []struct {
		name  string
		after func(g *guard, clock *fakeClock, a netip.Addr)
		want  time.Duration
	}{
		{"a success", func(g *guard, _ *fakeClock, a netip.Addr) { g.result(a, true) }, 0},
		{"a quiet period", func(_ *guard, clock *fakeClock, _ netip.Addr) {
			clock.t = clock.t.Add(DefaultAuthForgive + time.Second)
		}, 0},
		{"too short a pause", func(_ *guard, clock *fakeClock, _ netip.Addr) { clock.t = clock.t.Add(DefaultAuthForgive / 2) }, 4 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, clock := testGuard()
			a := netip.MustParseAddr("2001:db8::1")
			for range 5 {
				g.turn(a)
				g.result(a, false)
			}
			tt.after(g, clock, a)
			if wait, _ := g.turn(a); wait != tt.want {
				t.Errorf("wait %v, want %v", wait, tt.want)
			}
		})
	}
}

func TestGuardSweepsForgivenAddresses(t *testing.T) {
	g, clock := testGuard()
	for i := range guardSweepAt {
		g.turn(netip.AddrFrom4([4]byte{10, 0, byte(i >> 8), byte(i)}))
	}
	clock.t = clock.t.Add(DefaultAuthForgive + time.Second)
	g.turn(netip.MustParseAddr("192.0.2.1"))
	if len(g.addrs) != 1 {
		t.Errorf("%d addresses remembered, want 1", len(g.addrs))
	}
}

func TestClientAddr(t *testing.T) {
	tests := []struct{ remote, want string }{
		{"192.0.2.9:1234", "192.0.2.9"},
		{"[::ffff:192.0.2.9]:1234", "192.0.2.9"},
		{"[2001:db8:1:2:aaaa:bbbb:cccc:dddd]:25", "2001:db8:1:2::"},
		{"[::1]:25", "::"},
	}
	for _, tt := range tests {
		conn := addrConn{remote: net.TCPAddrFromAddrPort(netip.MustParseAddrPort(tt.remote))}
		if got := clientAddr(conn).String(); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.remote, got, tt.want)
		}
	}
}

// addrConn is a net.Conn that only has a remote address.
type addrConn struct {
	net.Conn
	remote net.Addr
}

func (c addrConn) RemoteAddr() net.Addr { return c.remote }
