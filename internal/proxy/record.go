package proxy

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/mailtutor/mailtutor/session"
)

// Recorder writes transcripts of proxied connections as they happen, in
// the transcript format, secrets redacted unless KeepSecrets, crash-safe
// (session.Recording): with Dir set one file per connection, else the
// first connection to File.
type Recorder struct {
	Dir         string // one transcript per connection in Dir
	File        string // the first connection's transcript, when Dir is ""
	Overwrite   bool   // File may replace an existing file
	KeepSecrets bool
	Tool        string         // "mailtutor 0.1.0"
	Target      session.Target // the server, the transcripts' header
	// Done is told, when a connection ends, where its transcript is and
	// any error writing it; Skipped is told of a connection not recorded.
	// Either may be nil; they are called from the connections' goroutines.
	Done    func(id int, path string, err error)
	Skipped func(id int)

	mu   sync.Mutex
	used bool
}

// Handler starts the transcript of connection id begun at started; nil
// Handler (and no error) when this connection is not recorded.
func (r *Recorder) Handler(id int, started time.Time) (Handler, error) {
	path, ok := r.path(id, started)
	if !ok {
		if r.Skipped != nil {
			r.Skipped(id)
		}
		return nil, nil
	}
	rec := session.NewRecording(r.Target, started, r.Tool, r.KeepSecrets)
	if err := rec.SaveTo(path, r.Overwrite || r.Dir != ""); err != nil {
		return nil, err
	}
	return &recordConn{rec: rec, id: id, path: path, done: r.Done}, nil
}

// path is where connection id's transcript goes.
func (r *Recorder) path(id int, started time.Time) (string, bool) {
	if r.Dir != "" {
		name := fmt.Sprintf("proxy-%s-%d.yaml", started.UTC().Format("20060102-150405.000"), id)
		return filepath.Join(r.Dir, name), true
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.used || r.File == "" {
		return "", false
	}
	r.used = true
	return r.File, true
}

// MakeDir makes Dir when it does not exist (mode 0700: transcripts are private).
func (r *Recorder) MakeDir() error {
	if r.Dir == "" {
		return nil
	}
	return os.MkdirAll(r.Dir, 0o700)
}

// recordConn records one connection.
type recordConn struct {
	rec  *session.Recording
	id   int
	path string
	done func(int, string, error)
}

func (c *recordConn) Event(e session.Event) {
	c.rec.Observe(e)
	if e.Kind != session.Closed {
		return
	}
	err := c.rec.Close()
	if rerr := c.rec.Err(); rerr != nil {
		err = rerr
	}
	if c.done != nil {
		c.done(c.id, c.path, err)
	}
}

func (c *recordConn) Note(Note) {}
