package session_test

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"net"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/session"
	"github.com/mailtutor/mailtutor/transcript"
)

// hostilePeer runs serve for the first connection to a listener on
// 127.0.0.1:0 and returns the listener's address. The connection is closed
// when serve returns or the test ends, whichever comes first.
func hostilePeer(t *testing.T, serve func(c net.Conn, br *bufio.Reader)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conn net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		c, err := ln.Accept()
		if err != nil {
			return
		}
		mu.Lock()
		conn = c
		mu.Unlock()
		defer c.Close()
		serve(c, bufio.NewReader(c))
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		if conn != nil {
			conn.Close()
		}
		mu.Unlock()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Error("the hostile peer did not stop within 5s of the test's end")
		}
	})
	return ln.Addr().String()
}

// readCommand reads one client line on the peer side ("" once the client is gone).
func readCommand(br *bufio.Reader) string {
	l, err := br.ReadString('\n')
	if err != nil {
		return ""
	}
	return strings.TrimRight(l, "\r\n")
}

// reset aborts c with a TCP RST instead of an orderly FIN.
func reset(c net.Conn) {
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	c.Close()
}

// maxKeptEvents bounds the events a watcher keeps (the latest ones), so
// that a flood does not make the test itself the memory hog.
const maxKeptEvents = 1000

// watcher drains a session's events in the background like the prompt
// does: it records every event with a session.Recording attached to a file,
// keeps the latest events for assertions, and folds the transcript steps the
// events should produce into a digest, in O(1) memory.
type watcher struct {
	t    *testing.T
	s    *session.Session
	rec  *session.Recording
	path string

	mu      sync.Mutex
	kept    []session.Event
	cursor  int // waitFor looks at kept[cursor:]
	counts  map[session.Kind]int
	steps   stepDigest
	changed chan struct{} // closed and replaced after every event
	done    chan struct{} // closed when the event stream ended
}

// watch dials url with o and starts recording and draining its events.
func watch(t *testing.T, url string, o session.Options) *watcher {
	t.Helper()
	return startWatch(t, url, o, true)
}

// startWatch is watch, with the recording optional (record false measures
// the session alone).
func startWatch(t *testing.T, url string, o session.Options, record bool) *watcher {
	t.Helper()
	target, err := session.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	s, err := session.Dial(t.Context(), target, o)
	if err != nil {
		t.Fatalf("dial %s: %v", url, err)
	}
	t.Cleanup(func() { s.Close() })
	w := &watcher{t: t, s: s, counts: map[session.Kind]int{}, changed: make(chan struct{}), done: make(chan struct{})}
	if record {
		w.rec = session.NewRecording(target, s.Started(), "mailtutor hostile test", false)
		w.path = filepath.Join(t.TempDir(), "hostile.yaml")
		if err := w.rec.SaveTo(w.path, false); err != nil {
			t.Fatal(err)
		}
	}
	go w.drain()
	return w
}

func (w *watcher) drain() {
	defer close(w.done)
	for e := range w.s.Events() {
		if w.rec != nil {
			w.rec.Observe(e)
		}
		w.mu.Lock()
		w.counts[e.Kind]++
		w.steps.observe(e)
		if len(w.kept) == maxKeptEvents { // forget the older half of a flood
			w.kept = append(w.kept[:0:0], w.kept[maxKeptEvents/2:]...)
			w.cursor = max(w.cursor-maxKeptEvents/2, 0)
		}
		w.kept = append(w.kept, e)
		ch := w.changed
		w.changed = make(chan struct{})
		w.mu.Unlock()
		close(ch)
	}
}

// waitFor returns the next event (after the one the last waitFor returned)
// matching pred; it fails the test if none comes within the time given.
func (w *watcher) waitFor(what string, within time.Duration, pred func(session.Event) bool) session.Event {
	w.t.Helper()
	deadline := time.After(within)
	for {
		w.mu.Lock()
		for i := w.cursor; i < len(w.kept); i++ {
			if pred(w.kept[i]) {
				w.cursor = i + 1
				e := w.kept[i]
				w.mu.Unlock()
				return e
			}
		}
		ch := w.changed
		w.mu.Unlock()
		select {
		case <-ch:
		case <-w.done:
			if w.cursor >= w.keptLen() {
				w.t.Fatalf("the event stream ended before %s; events: %s", what, w.summary())
			}
		case <-deadline:
			w.t.Fatalf("no %s within %s (mailtutor hangs); events: %s", what, within, w.summary())
		}
	}
}

func (w *watcher) keptLen() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.kept)
}

// closed waits for the Closed event.
func (w *watcher) closed(within time.Duration) session.Event {
	w.t.Helper()
	e := w.waitFor("Closed event", within, isKind(session.Closed))
	select {
	case <-w.done:
	case <-time.After(within):
		w.t.Fatalf("the event stream stayed open after Closed")
	}
	return e
}

// count is how many events of kind k arrived.
func (w *watcher) count(k session.Kind) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.counts[k]
}

// send sends a command line and fails the test if it cannot.
func (w *watcher) send(line string) {
	w.t.Helper()
	if err := w.s.Send(line, session.SendOptions{}); err != nil {
		w.t.Fatalf("send %q: %v", line, err)
	}
}

// summary lists the kept events briefly, for failure messages.
func (w *watcher) summary() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var b strings.Builder
	for i, e := range w.kept {
		if i == 40 {
			fmt.Fprintf(&b, "\n  ... (%d kept)", len(w.kept))
			break
		}
		fmt.Fprintf(&b, "\n  %s", describeEvent(e))
	}
	return b.String()
}

func describeEvent(e session.Event) string {
	s := fmt.Sprintf("kind %d", e.Kind)
	switch {
	case e.Reply != nil:
		s += fmt.Sprintf(" reply %.200q problems %q", strings.Join(e.Reply.Lines, "|"), e.Reply.Problems)
	case e.Line != "":
		s += fmt.Sprintf(" line %.200q", e.Line)
	}
	if e.Err != nil {
		s += fmt.Sprintf(" err %.300q", e.Err.Error())
	}
	return s
}

// checkTranscript closes the recording, loads its file and checks that it
// holds exactly the steps the events make, text for text.
func (w *watcher) checkTranscript() *transcript.Transcript {
	w.t.Helper()
	select {
	case <-w.done:
	case <-time.After(10 * time.Second):
		w.t.Fatal("the event stream did not end")
	}
	if w.rec == nil {
		w.t.Fatal("checkTranscript on an unrecorded session")
	}
	if err := w.rec.Close(); err != nil {
		w.t.Fatalf("close recording: %v", err)
	}
	if err := w.rec.Err(); err != nil {
		w.t.Errorf("the recording failed to write a step: %v", err)
	}
	tr, warnings, err := transcript.Load(w.path)
	if err != nil {
		w.t.Fatalf("the transcript of a hostile session does not load: %v", err)
	}
	if len(warnings) > 0 {
		w.t.Errorf("loading the transcript warned: %v", warnings)
	}
	var got stepDigest
	for _, s := range tr.Steps {
		got.add(string(s.Kind), s.Text)
	}
	w.mu.Lock()
	want := w.steps
	w.mu.Unlock()
	if got.n != want.n || got.sum != want.sum {
		w.t.Errorf("the transcript holds %d steps (first %q), the events made %d (first %q)", got.n, got.first, want.n, want.first)
	}
	return tr
}

// stepDigest folds transcript steps (kind and text) into a running hash.
type stepDigest struct {
	n      int
	sum    [32]byte
	first  []string // the first few steps, for messages
	body   strings.Builder
	inBody bool
}

func (d *stepDigest) add(kind, text string) {
	h := sha256.New()
	h.Write(d.sum[:])
	fmt.Fprintf(h, "%s\x00%d\x00%s", kind, len(text), text)
	copy(d.sum[:], h.Sum(nil))
	d.n++
	if len(d.first) < 12 {
		d.first = append(d.first, fmt.Sprintf("%s %.80q", kind, text))
	}
}

// observe adds the steps an event makes, by the transcript's rules: a
// client line (redacted if secret), a whole reply, a DATA body, a TLS
// handshake, the close (after a body cut off by it).
func (d *stepDigest) observe(e session.Event) {
	switch e.Kind {
	case session.Sent:
		text := e.Line
		if e.Secret != "" {
			text = e.Redacted
		}
		d.add(string(transcript.KindClient), text)
	case session.DataLine:
		d.body.WriteString(e.Line + "\n")
		d.inBody = true
	case session.DataEnd:
		d.add(string(transcript.KindData), d.body.String())
		d.body.Reset()
		d.inBody = false
	case session.Received:
		d.add(string(transcript.KindServer), strings.Join(e.Reply.Lines, "\n"))
	case session.TLSUp:
		d.add(string(transcript.KindTLS), "")
	case session.Closed:
		if d.inBody {
			d.add(string(transcript.KindData), d.body.String())
		}
		why := e.Reason
		if e.Err != nil {
			why = e.Err.Error()
		}
		d.add(string(transcript.KindClosed), why)
	}
}

func isKind(k session.Kind) func(session.Event) bool {
	return func(e session.Event) bool { return e.Kind == k }
}

// liveHeap is the heap in use after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// checkGrowth fails the test when the live heap grew by more than limit
// since before (bytes), naming what was fed.
func checkGrowth(t *testing.T, before uint64, limit uint64, fed string) {
	t.Helper()
	after := liveHeap()
	var grown uint64
	if after > before {
		grown = after - before
	}
	t.Logf("live heap %d KiB -> %d KiB after %s (growth limit %d KiB)", before>>10, after>>10, fed, limit>>10)
	if grown > limit {
		t.Errorf("live heap grew by %d KiB after %s: over the limit of %d KiB, memory is not bounded", grown>>10, fed, limit>>10)
	}
}
