package session

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/protocol"
)

// A part of a streamed IMAP literal says Plain only when every line in it
// is printable ASCII, wherever the reads cut the literal (inside a CRLF, a
// line running over several parts); and a literal of plain lines read in
// chunks that do not cut a CRLF is plain in every part.
func TestPlainnessOfLiteralParts(t *testing.T) {
	plainBody := strings.Repeat("a plain line of a message, as most are\r\n", 400)
	long := strings.Repeat("x", 3*PartBytes) // one line over several parts
	tests := []struct {
		name      string
		body      string
		allPlain  bool // every part must say Plain (chunks never cut a CRLF)
		somePlain bool // some part says Plain
	}{
		{"plain lines", plainBody, true, true},
		{"a long plain line", plainBody + long + "\r\n" + plainBody, true, true},
		{"a bare LF", plainBody + "bare\nLF\r\n" + plainBody, false, true},
		{"a bare CR", plainBody + "bare\rCR\r\n" + plainBody, false, true},
		{"a CR at the very end", plainBody + "end\r", false, true},
		{"a tab", plainBody + "a\ttab\r\n" + plainBody, false, true},
		{"UTF-8", plainBody + "收件人\r\n" + plainBody, false, true},
		{"a NUL", plainBody + "nul\x00\r\n" + plainBody, false, true},
		{"ESC in a long line", plainBody + long + "\x1b[31m" + long + "\r\n" + plainBody, false, true},
		{"no line end at all", strings.Repeat("y", 5*PartBytes), true, false},
	}
	d, _ := protocol.Lookup(protocol.IMAP)
	rng := rand.New(rand.NewPCG(11, 15))
	for _, tt := range tests {
		for _, chunking := range []string{"fixed", "random"} {
			t.Run(tt.name+"/"+chunking, func(t *testing.T) {
				f := d.NewFramer().(protocol.LiteralFramer)
				f.Feed("* OK ready", protocol.CRLF)
				p := newPlainness()
				head := fmt.Sprintf("* 1 FETCH (BODY[] {%d}", len(tt.body))
				f.Feed(head, protocol.CRLF)
				p.line(protocol.PrintableASCII(head))
				plainParts, parts := 0, 0
				check := func(lines []string) {
					t.Helper()
					if lines == nil {
						return
					}
					parts++
					if !p.part() {
						if tt.allPlain && chunking == "fixed" {
							t.Fatalf("part %d not plain: %q", parts, lines)
						}
						return
					}
					plainParts++
					for _, l := range lines {
						if !protocol.PrintableASCII(l) {
							t.Fatalf("part %d says plain, holds %q", parts, l)
						}
					}
				}
				body := []byte(tt.body)
				for len(body) > 0 {
					n := min(len(body), PartBytes)
					if chunking == "random" {
						n = min(len(body), 1+rng.IntN(2*PartBytes))
					} else if n < len(body) && body[n-1] == '\r' {
						n-- // keep a CRLF in one read
					}
					p.literal(body[:n])
					f.FeedLiteral(body[:n])
					body = body[n:]
					if f.Held() >= PartBytes {
						check(f.Drain())
					}
				}
				p.line(true)
				if r := f.Feed(")", protocol.CRLF); r == nil {
					t.Fatal("the FETCH did not end")
				}
				check(f.Drain()) // nothing: the reply is complete
				if tt.somePlain && plainParts == 0 {
					t.Fatalf("none of %d parts says plain", parts)
				}
			})
		}
	}
}
