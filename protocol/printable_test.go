package protocol

import (
	"math/rand/v2"
	"testing"
)

// PrintableASCII agrees with a byte-by-byte check on every length and on
// every byte value in every position.
func TestPrintableASCII(t *testing.T) {
	slow := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] < 0x20 || s[i] > 0x7E {
				return false
			}
		}
		return true
	}
	base := []byte("Lorem ipsum dolor sit amet, consectetur adipiscing elit ~ !")
	for n := 0; n <= len(base); n++ {
		for pos := 0; pos < n; pos++ {
			for c := 0; c < 256; c++ {
				b := append([]byte(nil), base[:n]...)
				b[pos] = byte(c)
				if got, want := PrintableASCII(string(b)), slow(string(b)); got != want {
					t.Fatalf("%q: got %v, want %v", b, got, want)
				}
				want := n
				if c < 0x20 || c > 0x7E {
					want = pos
				}
				if got := PrintablePrefix(b); got != want {
					t.Fatalf("PrintablePrefix(%q) = %d, want %d", b, got, want)
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 15))
	for range 20000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = byte(0x1F + rng.IntN(0x62)) // mostly printable, 0x1F and 0x7F at the edges
		}
		if got, want := PrintableASCII(string(b)), slow(string(b)); got != want {
			t.Fatalf("%q: got %v, want %v", b, got, want)
		}
		want := 0
		for want < len(b) && b[want] >= 0x20 && b[want] <= 0x7E {
			want++
		}
		if got := PrintablePrefix(string(b)); got != want {
			t.Fatalf("PrintablePrefix(%q) = %d, want %d", b, got, want)
		}
	}
}
