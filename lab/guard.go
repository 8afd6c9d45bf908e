package lab

import (
	"net"
	"net/netip"
	"sync"
	"time"
)

// guard slows password guessing: it counts the failed logins of each client
// address over every service, and once an address has made more than a few
// it lets that address try one password at a time, each attempt waiting
// its turn a growing delay after the one before (1 s, 2 s, 4 s, then 8 s
// each). The turns belong to the address, not to a connection, so
// parallel connections share them: from one address at most one attempt a
// second is checked after the free failures, however many connections it
// opens. Dovecot does the same (its auth penalty delays every login from an
// address with recent failures, 2 s doubling up to 15 s, and answers
// "Authentication failed." as before); Postfix only sleeps per connection.
type guard struct {
	free     int           // failures before the delays start
	delay    time.Duration // the first delay
	maxDelay time.Duration // the longest
	forgive  time.Duration // silence after which an address is forgotten
	now      func() time.Time

	mu    sync.Mutex
	addrs map[netip.Addr]*guardEntry
}

// guardEntry is what the guard remembers of one client address.
type guardEntry struct {
	failures int
	turn     time.Time // the last turn given: the next comes a delay after it
	last     time.Time // the last failure
}

// guardSweepAt is the number of addresses past which the guard forgets the
// forgiven ones on its next failure, to bound its memory.
const guardSweepAt = 4096

// newGuard makes a guard with the limits of cfg.
func newGuard(cfg Config) *guard {
	return &guard{free: cfg.AuthFreeFailures, delay: cfg.AuthDelay, maxDelay: cfg.AuthMaxDelay,
		forgive: cfg.AuthForgive, now: time.Now, addrs: map[netip.Addr]*guardEntry{}}
}

// turn counts an attempt of addr to log in and says how long it must wait
// before its password is checked: nothing while the address has failures
// to spare, else until its turn, a delay after the turn before. The attempt
// counts as a failure from here on (result forgets it on success): so
// attempts made in parallel use up the free failures at once, and one that
// is abandoned half-way counts too. failures is how many the address had
// before.
func (g *guard) turn(addr netip.Addr) (wait time.Duration, failures int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.addrs) >= guardSweepAt {
		g.sweep()
	}
	e := g.entry(addr, true)
	now := g.now()
	failures = e.failures
	e.failures++
	e.last = now
	if failures < g.free {
		return 0, failures
	}
	e.turn = later(now, e.turn).Add(g.delayFor(failures))
	return e.turn.Sub(now), failures
}

// delayFor is the delay before an attempt from an address with n failures
// (n >= free): delay, doubled per failure after the free ones, at most
// maxDelay.
func (g *guard) delayFor(n int) time.Duration {
	d := g.delay
	for i := g.free; i < n && d < g.maxDelay; i++ {
		d *= 2
	}
	return min(d, g.maxDelay)
}

// result records the outcome of an attempt that turn counted: a success
// forgets the address. It returns the failures the address has now.
func (g *guard) result(addr netip.Addr, ok bool) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	if ok {
		delete(g.addrs, addr)
		return 0
	}
	if e := g.addrs[addr]; e != nil {
		return e.failures
	}
	return 0
}

// entry returns the entry of addr, nil if there is none and create is
// false. An entry quiet for longer than forgive starts again.
func (g *guard) entry(addr netip.Addr, create bool) *guardEntry {
	e := g.addrs[addr]
	if e != nil && g.now().Sub(e.last) > g.forgive && !e.turn.After(g.now()) {
		delete(g.addrs, addr)
		e = nil
	}
	if e == nil && create {
		e = &guardEntry{}
		g.addrs[addr] = e
	}
	return e
}

// sweep forgets every forgiven address.
func (g *guard) sweep() {
	now := g.now()
	for addr, e := range g.addrs {
		if now.Sub(e.last) > g.forgive && !e.turn.After(now) {
			delete(g.addrs, addr)
		}
	}
}

// later returns the later of two times.
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// clientAddr is the address a connection's limits are counted under: the
// client's IP, or its /64 for IPv6, where one host commonly has a whole
// /64 to pick addresses from.
func clientAddr(conn net.Conn) netip.Addr {
	tcp, ok := conn.RemoteAddr().(*net.TCPAddr)
	if !ok {
		return netip.Addr{}
	}
	addr := tcp.AddrPort().Addr().Unmap()
	if addr.Is6() {
		return netip.PrefixFrom(addr, 64).Masked().Addr()
	}
	return addr
}
