package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/prompt"
	"github.com/mailtutor/mailtutor/lab"
	"github.com/mailtutor/mailtutor/session"
)

// labBanner is the banner of a prompt on the lab's service svc: the
// service's welcome, then every service of this lab with its URL, the one
// of this prompt marked. ":connect NAME" reaches each one from the prompt,
// the URL from another terminal: never a second, empty lab.
func labBanner(l *lab.Lab, svc lab.Service, lang i18n.Lang) string {
	var b strings.Builder
	if w := labWelcome(svc, lang); w != "" {
		b.WriteString(w + "\n\n")
	}
	b.WriteString(i18n.Text(lang, i18n.LabServices) + "\n")
	for _, s := range l.Services() {
		line := fmt.Sprintf("  %-11s %s", s.Name, s.URL)
		if s.Name == svc.Name {
			line += "  " + i18n.Text(lang, i18n.LabServiceHere)
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// sessions are the sessions one prompt went through (":connect" opens a
// new one on the same lab) with their recordings: the last is current.
type sessions struct {
	mu   sync.Mutex
	list []*session.Session
	recs []*session.Recording
}

func (s *sessions) add(sess *session.Session, rec *session.Recording) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.list, s.recs = append(s.list, sess), append(s.recs, rec)
}

// recording is the current session's recording.
func (s *sessions) recording() *session.Recording {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.recs[len(s.recs)-1]
}

// closeAll closes every session (Ctrl-C, SIGTERM): the transcripts keep
// what came.
func (s *sessions) closeAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, sess := range s.list {
		sess.Close()
	}
}

// finish ends every recording and returns the first error in writing one.
func (s *sessions) finish() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var first error
	for _, rec := range s.recs {
		if err := rec.Close(); err != nil && first == nil {
			first = err
		}
		if err := rec.Err(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// labSwitch opens a session on another service of the lab for ":connect
// NAME". The new session has a recording of its own, kept for :save: a
// transcript holds one protocol and one server, so a --record file ends
// with the session it recorded, as the note says.
type labSwitch struct {
	ctx      context.Context
	l        *lab.Lab
	opts     session.Options
	lang     i18n.Lang
	all      *sessions
	record   string // --record FILE, "" for none
	tool     string
	keep     bool
	recorded bool // the --record file's session has ended
}

func (w *labSwitch) connect(name string) (prompt.Switch, error) {
	svc, err := labService(w.l, name)
	if err != nil {
		return prompt.Switch{}, err
	}
	target, err := session.ParseURL(svc.URL)
	if err != nil {
		return prompt.Switch{}, err
	}
	prev := w.all.recording()
	sess, err := session.Dial(w.ctx, target, w.opts)
	if err != nil {
		return prompt.Switch{}, err
	}
	rec := session.NewRecording(target, sess.Started(), w.tool, w.keep)
	w.all.add(sess, rec)
	note := labBanner(w.l, svc, w.lang)
	if w.record != "" && !w.recorded && prev.Files() > 0 {
		w.recorded = true
		note += i18n.Textf(w.lang, i18n.ConnectRecEnded, w.record, w.all.protocolOf(0)) + "\n"
	}
	return prompt.Switch{Session: sess, Observers: []prompt.Observer{rec}, Note: note}, nil
}

// protocolOf is the protocol of the i-th session.
func (s *sessions) protocolOf(i int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.ToUpper(string(s.list[i].Target().Protocol))
}

// noteSchemeAssumed says on standard error which protocol a bare
// host:port was taken for, and how to name another one.
func noteSchemeAssumed(arg string, t session.Target, lang i18n.Lang) {
	if strings.Contains(arg, "://") {
		return
	}
	fmt.Fprintln(os.Stderr, i18n.Textf(lang, i18n.SchemeAssumed, arg, t.String(), t.Addr(), t.Addr()))
}
