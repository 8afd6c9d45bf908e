package transcript

import (
	"math/rand/v2"
	"testing"
)

// The word-at-a-time test agrees with a byte-by-byte one, borrows between
// neighbouring bytes included.
func TestPrintableASCII8(t *testing.T) {
	interesting := []byte{0, 1, '\t', '\n', 0x1F, ' ', '!', 'a', '~', 0x7F, 0x80, 0x9F, 0xA0, 0xC3, 0xFE, 0xFF}
	rng := rand.New(rand.NewPCG(8, 8))
	for range 200_000 {
		var b [8]byte
		want := true
		for i := range b {
			switch rng.IntN(20) {
			case 0:
				b[i] = interesting[rng.IntN(len(interesting))]
			case 1:
				b[i] = byte(rng.IntN(256))
			default:
				b[i] = byte(0x20 + rng.IntN(0x5F))
			}
			want = want && b[i] >= 0x20 && b[i] <= 0x7E
		}
		if got := printableASCII8(string(b[:])); got != want {
			t.Fatalf("%q: got %v, want %v", b, got, want)
		}
	}
}
