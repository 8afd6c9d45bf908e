package protocol

import (
	"bytes"
	"strings"
	"testing"
)

// imapFuzzSteps cuts fuzz input into conversation steps at NUL bytes: a
// piece starting with "C:" is a client line (cut at its first CR or LF),
// any other is wire bytes from the server.
func imapFuzzSteps(script []byte) []imapStep {
	var out []imapStep
	for _, piece := range bytes.Split(script, []byte{0}) {
		if line, ok := bytes.CutPrefix(piece, []byte("C:")); ok {
			if i := bytes.IndexAny(line, "\r\n"); i >= 0 {
				line = line[:i]
			}
			out = append(out, sent(string(line)))
		} else if len(piece) > 0 {
			out = append(out, recv(string(piece)))
		}
	}
	return out
}

// fuzzSeedScript joins a fixture's steps as imapFuzzSteps reads them.
func fuzzSeedScript(steps []imapStep) []byte {
	var parts []string
	for _, s := range steps {
		if s.s == "" {
			parts = append(parts, "C:"+s.c)
		} else {
			parts = append(parts, s.s)
		}
	}
	return []byte(strings.Join(parts, "\x00"))
}

// FuzzIMAPFramer frames arbitrary conversations with literals fed in raw
// chunks, as a session does. Invariants: it never panics; every reply is
// well formed; while drained, the framer holds no more than a part; and
// without a Drain or a line cut short, the replies' lines and the partial
// response joined are exactly the bytes received.
func FuzzIMAPFramer(f *testing.F) {
	for _, fx := range imapFixtures {
		f.Add(fuzzSeedScript(fx.steps), uint8(0), uint16(0))
		f.Add(fuzzSeedScript(fx.steps), uint8(3), uint16(64))
	}
	f.Add([]byte("* 1 FETCH (BODY[] {5}\r\nab\r\nc BODY[1] ~{3}\r\n\x00\n\r)\r\n"), uint8(1), uint16(0))
	f.Add([]byte("* 1 FETCH (BODY[] {2147483648}\r\nshort\r\n"), uint8(0), uint16(16))
	f.Add([]byte("* LIST () \"/\" \"a\\\"{3}\"\r\n* LIST () \"/\" {3}\r\nabc\r\n+\r\n\x00C:a1 LOGIN {3}\x00+ ok\r\n\x00C:abc {3+}\x00C:x\x00a1 OK\r\n"), uint8(2), uint16(8))
	f.Fuzz(func(t *testing.T, script []byte, chunk uint8, drain uint16) {
		fr := newIMAPFramer()
		rd := newIMAPReader(fr)
		rd.chunk, rd.drain = int(chunk), int(drain)
		var replies []*Reply
		var wire strings.Builder
		for _, s := range imapFuzzSteps(script) {
			if s.s == "" {
				fr.Expect(s.c)
				checkIMAPState(t, fr)
				continue
			}
			wire.WriteString(s.s)
			for _, r := range rd.feed(s.s) {
				checkIMAPReply(t, r)
				replies = append(replies, r)
			}
			checkIMAPState(t, fr)
			if rd.drain > 0 && fr.cur != nil && fr.cur.Drained && fr.Held() > len(fr.cur.Lines[0])+2+maxIMAPLineBytes+rd.drain+maxChunk(rd, s.s) {
				t.Fatalf("drained, yet %d bytes held", fr.Held())
			}
		}
		lists := []problemList{fr.curProbs}
		for _, r := range replies {
			lists = append(lists, r.problems)
		}
		if len(rd.drained) > 0 || !rd.crlf || cutShort(lists...) {
			return
		}
		got := rejoin(replies)
		if fr.cur != nil {
			got += rejoin([]*Reply{fr.cur}) + string(fr.part)
			if fr.partCR {
				got += "\r"
			}
		}
		if got != wire.String() {
			t.Fatalf("the replies are not the wire:\n got %q\nwant %q", got, wire.String())
		}
	})
}

// maxChunk is the most bytes one step of rd can add: a chunk, or a line.
func maxChunk(rd *imapReader, wire string) int {
	return max(rd.chunk, len(wire)+2)
}

// cutShort reports problems saying that lines were cut or dropped to
// bound memory.
func cutShort(lists ...problemList) bool {
	for _, l := range lists {
		for _, p := range l {
			if p.kind == probIMAPLineCut || p.kind == probIMAPTooMuch {
				return true
			}
		}
	}
	return false
}

// checkIMAPReply asserts what every framed IMAP reply keeps.
func checkIMAPReply(t *testing.T, r *Reply) {
	t.Helper()
	if len(r.Lines) == 0 || r.Protocol != IMAP {
		t.Fatalf("a reply without lines or protocol: %+v", r)
	}
	switch {
	case r.Tone == ToneMalformed:
		if len(r.Problems) == 0 || r.Tag != "" {
			t.Fatalf("malformed without a problem: %+v", r)
		}
	case r.Tag == "+":
		if r.Status != "+" || !r.Pending || r.Tone != ToneIntermediate {
			t.Fatalf("continuation %+v", r)
		}
	case r.Tag == "*":
		if !r.Pending && r.Command != "" && r.Status != "BAD" { // BAD may answer an untaggable line
			t.Fatalf("a greeting answering %q", r.Command)
		}
	default:
		// only a tagged reply for a tag never sent (Command "") leaves the
		// pending command waiting: it answered nothing we sent
		if (r.Pending && r.Command != "") || !validTag(r.Tag) || (r.Status != "OK" && r.Status != "NO" && r.Status != "BAD") {
			t.Fatalf("tagged %+v", r)
		}
	}
	if len(r.Lines) > 1 && r.Tag != "*" {
		t.Fatalf("a literal in a response that cannot have one: %q", r.Lines)
	}
	if _, err := ExplainIn(r, Chinese); err != nil {
		t.Fatal(err)
	}
}

// checkIMAPState asserts what the framer's state keeps between steps.
func checkIMAPState(t *testing.T, f *imapFramer) {
	t.Helper()
	st := f.State()
	if st.Literal < 0 || f.Literal() < 0 || st.Input == InputLiteral && st.Literal == 0 {
		t.Fatalf("literal counts %d, %d in %+v", st.Literal, f.Literal(), st)
	}
	if (st.Continuing != "") != (f.sending != nil) || st.Literal > 0 && f.sending == nil {
		t.Fatalf("continuing %q, sending %v", st.Continuing, f.sending)
	}
	if f.cur == nil && (f.Held() != 0 || f.Partial() != nil || f.Drain() != nil) {
		t.Fatal("something held between responses")
	}
}
