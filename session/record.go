package session

import (
	"fmt"
	"sync"
	"time"

	"github.com/mailtutor/mailtutor/transcript"
)

// Recording turns a session's events into transcript steps. Until it is
// saved (SaveTo) it writes them to an unnamed temporary file, so that the
// session can be saved at any time (:save) without being held in memory;
// once saved, every later step goes to the named file. Saved again under
// another name, the recording goes on in both files: each holds the whole
// session. A DATA body and a reply that arrives in parts are gathered in a
// spool on disk and written as one step when they end: memory stays flat
// however long they are.
type Recording struct {
	mu      sync.Mutex
	header  transcript.Transcript
	start   time.Time
	opts    transcript.Options
	rec     *transcript.Recorder   // nil until the first step or SaveTo
	named   bool                   // rec writes a file the user named
	copies  []*transcript.Recorder // more named files, saved while rec was named
	spool   *transcript.Spool      // the DATA body or the parts of a reply being received
	spooled transcript.Kind        // what the spool holds: KindData or KindServer
	lastErr error
}

// NewRecording starts a recording of a session to t that began at start.
// Nothing touches the disk before the first step.
func NewRecording(t Target, start time.Time, tool string, keepSecrets bool) *Recording {
	tlsMode := transcript.TLSNone
	if t.ImplicitTLS {
		tlsMode = transcript.TLSImplicit
	}
	return &Recording{
		header: transcript.Transcript{Protocol: string(t.Protocol), Recorded: start.UTC(), Tool: tool,
			Server: transcript.Server{Host: t.Host, Port: t.Port, TLS: tlsMode}},
		start: start,
		opts:  transcript.Options{KeepSecrets: keepSecrets},
	}
}

// SaveTo writes everything so far to a new file at path and keeps appending
// every later step to it. overwrite allows replacing an existing file. When
// the recording goes to a named file already (--record, an earlier :save),
// that file goes on too: every file saved holds the whole session.
func (r *Recording) SaveTo(path string, overwrite bool) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.rec == nil {
		opts := r.opts
		opts.Overwrite = overwrite
		rec, err := transcript.Create(path, r.header, opts)
		if err != nil {
			return err
		}
		r.rec, r.named = rec, true
		return nil
	}
	rec, err := r.rec.SaveAs(path, overwrite)
	if err != nil {
		return err
	}
	if r.named {
		r.copies = append(r.copies, rec)
		return nil
	}
	r.rec.Close() // the temporary file vanishes with it
	r.rec, r.named = rec, true
	return nil
}

// Files is how many named files the recording goes to.
func (r *Recording) Files() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.named {
		return 0
	}
	return 1 + len(r.copies)
}

// Observe records one event.
func (r *Recording) Observe(e Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	at := roundMs(e.Time.Sub(r.start))
	switch e.Kind {
	case Sent:
		r.add(transcript.Step{At: at, Kind: transcript.KindClient, Text: e.Line, Secret: e.Secret, Redacted: e.Redacted})
	case DataLine:
		r.spoolLines(transcript.KindData, e.Line)
	case DataEnd:
		r.addSpooled(transcript.Step{At: at, Kind: transcript.KindData})
	case ReceivedPart:
		if e.Plain {
			r.spoolPlain(e.Lines)
			break
		}
		r.spoolLines(transcript.KindServer, e.Lines...)
	case Received:
		step := transcript.Step{At: at, Kind: transcript.KindServer}
		if e.Explanation != nil {
			step.Note = e.Explanation.Class
		}
		if e.Reply.Drained {
			r.spoolLines(transcript.KindServer, e.Reply.Lines[1:]...) // the status line came with the first part
			r.addSpooled(step)
			break
		}
		step.Text, step.Wire = transcript.ReplyText(e.Reply.Lines) // exact, IMAP literals too
		r.add(step)
	case TLSUp:
		step := transcript.Step{At: at, Kind: transcript.KindTLS, TLS: convertTLS(e.TLS)}
		if e.TLS != nil {
			step.Note = e.TLS.Warning // the minimum lowered: the transcript says so
		}
		r.add(step)
	case Closed:
		if r.spool != nil && r.spooled == transcript.KindData && r.spool.Lines() > 0 {
			// keep the part of the body that was typed
			r.addSpooled(transcript.Step{At: at, Kind: transcript.KindData, Note: "body cut off by the close"})
		}
		r.dropSpool() // a reply cut off by the close is not a step
		why := e.Reason
		if e.Err != nil {
			why = e.Err.Error()
		}
		r.add(transcript.Step{At: at, Kind: transcript.KindClosed, Text: why})
	}
}

// Err is the last error writing the transcript, if any.
func (r *Recording) Err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.lastErr
}

// Close ends the recording: the named file is complete, the temporary one
// is gone.
func (r *Recording) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.dropSpool()
	var err error
	for _, c := range r.copies {
		if cerr := c.Close(); err == nil {
			err = cerr
		}
	}
	r.copies = nil
	if r.rec == nil {
		return err
	}
	if cerr := r.rec.Close(); cerr != nil {
		err = cerr
	}
	return err
}

// recorder is where steps go, made on first use.
func (r *Recording) recorder() *transcript.Recorder {
	if r.rec == nil {
		rec, err := transcript.CreateTemp(r.header, r.opts)
		if err != nil {
			r.fail(fmt.Errorf("keep the session for :save: %w", err))
			return nil
		}
		r.rec = rec
	}
	return r.rec
}

func (r *Recording) add(s transcript.Step) {
	if rec := r.recorder(); rec != nil {
		r.fail(rec.Add(s))
	}
	for _, c := range r.copies {
		r.fail(c.Add(s))
	}
}

// spoolLines adds lines of a DATA body or of a reply arriving in parts.
func (r *Recording) spoolLines(kind transcript.Kind, lines ...string) {
	if r.spool != nil && r.spooled != kind {
		r.dropSpool()
	}
	if r.spool == nil {
		var sp *transcript.Spool
		var err error
		if rec := r.recorder(); rec != nil && len(r.copies) == 0 {
			sp, err = rec.StreamSpool(kind) // the text is written once, in place
		} else { // a spool of its own, which every file copies
			sp, err = transcript.NewSpool()
		}
		if err != nil {
			r.fail(fmt.Errorf("keep a long %s step: %w", kind, err))
			return
		}
		r.spool, r.spooled = sp, kind
	}
	for _, l := range lines {
		if err := r.spool.WriteLine(l); err != nil {
			r.fail(err)
			return
		}
	}
}

// spoolPlain adds lines of a reply arriving in parts that the session
// found to be printable ASCII (Event.Plain).
func (r *Recording) spoolPlain(lines []string) {
	if r.spool == nil || r.spooled != transcript.KindServer {
		r.spoolLines(transcript.KindServer) // start the spool
	}
	if r.spool != nil {
		r.fail(r.spool.WritePlainLines(lines))
	}
}

// addSpooled writes the spooled step (an empty DATA body has no spool).
func (r *Recording) addSpooled(s transcript.Step) {
	defer r.dropSpool()
	if r.spool == nil {
		r.add(s)
		return
	}
	for _, c := range r.copies { // before rec, which may take a spool in place
		r.fail(c.AddSpooled(s, r.spool))
	}
	if rec := r.recorder(); rec != nil {
		r.fail(rec.AddSpooled(s, r.spool))
	}
}

func (r *Recording) dropSpool() {
	if r.spool != nil {
		r.spool.Close()
		r.spool = nil
	}
}

// fail keeps the latest error writing the transcript.
func (r *Recording) fail(err error) {
	if err != nil {
		r.lastErr = fmt.Errorf("transcript: %w", err)
	}
}

func convertTLS(t *TLSInfo) *transcript.TLSInfo {
	if t == nil {
		return nil
	}
	return &transcript.TLSInfo{Version: t.Version, Cipher: t.Cipher, ServerName: t.ServerName,
		Subject: t.Subject, Issuer: t.Issuer, DNSNames: t.DNSNames, NotBefore: t.NotBefore.UTC(),
		NotAfter: t.NotAfter.UTC(), Fingerprint: t.Fingerprint, Verified: t.Verified, VerifyError: t.VerifyError}
}

func roundMs(d time.Duration) time.Duration {
	if d < 0 {
		return 0
	}
	return d.Round(time.Millisecond)
}
