package session

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/transcript"
)

// Recording turns a session's events into transcript steps. It keeps the
// steps in memory so the session can be saved at any time (:save), and
// appends each one to a live transcript file once one is attached.
type Recording struct {
	mu       sync.Mutex
	header   transcript.Transcript
	start    time.Time
	steps    []transcript.Step
	body     strings.Builder // DATA body being typed; each line adds at least "\n"
	live     *transcript.Recorder
	livePath string
	opts     transcript.Options
	lastErr  error
}

// NewRecording starts an in-memory recording of a session to t that began at start.
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
// every later step to it. overwrite allows replacing an existing file.
func (r *Recording) SaveTo(path string, overwrite bool) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	h := r.header
	h.Steps = append([]transcript.Step(nil), r.steps...)
	if r.live != nil { // the past is in the live file, not in memory
		old, _, err := transcript.Load(r.livePath)
		if err != nil {
			return fmt.Errorf("copy %s: %w", r.livePath, err)
		}
		h.Steps = old.Steps
	}
	opts := r.opts
	opts.Overwrite = overwrite
	rec, err := transcript.Create(path, h, opts)
	if err != nil {
		return err
	}
	if r.live != nil {
		r.live.Close()
	}
	r.live, r.livePath = rec, path
	r.steps = nil // from now on the file holds them; memory stays flat
	return nil
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
		r.body.WriteString(e.Line)
		r.body.WriteByte('\n')
	case DataEnd:
		r.add(transcript.Step{At: at, Kind: transcript.KindData, Text: r.body.String()})
		r.body.Reset()
	case Received:
		ex := protocol.Explain(e.Reply)
		r.add(transcript.Step{At: at, Kind: transcript.KindServer, Text: strings.Join(e.Reply.Lines, "\n"), Note: ex.Class})
	case TLSUp:
		r.add(transcript.Step{At: at, Kind: transcript.KindTLS, TLS: convertTLS(e.TLS)})
	case Closed:
		if r.body.Len() > 0 { // keep the part of the body that was typed
			r.add(transcript.Step{At: at, Kind: transcript.KindData, Text: r.body.String(), Note: "body cut off by the close"})
			r.body.Reset()
		}
		why := e.Reason
		if e.Err != nil {
			why = e.Err.Error()
		}
		r.add(transcript.Step{At: at, Kind: transcript.KindClosed, Text: why})
	}
}

// Err is the last error writing the live file, if any.
func (r *Recording) Err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.lastErr
}

// Close closes the live file.
func (r *Recording) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.live == nil {
		return nil
	}
	return r.live.Close()
}

func (r *Recording) add(s transcript.Step) {
	if r.live == nil {
		r.steps = append(r.steps, s)
	} else {
		if err := r.live.Add(s); err != nil {
			r.lastErr = fmt.Errorf("transcript: %w", err)
		}
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
