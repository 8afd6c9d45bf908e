package lessons

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/mailtutor/mailtutor/protocol"
)

// FormatVersion is the lesson schema version this package reads and writes
// (the value of the "mailtutor-lesson" key).
const FormatVersion = 1

// Lang is a language a lesson is written in: the same values as the
// explanations of package protocol, so one choice covers both.
type Lang = protocol.Lang

// The languages every built-in lesson and every runner message has.
const (
	English = protocol.English
	Chinese = protocol.Chinese
)

// Langs lists the supported languages.
var Langs = []Lang{English, Chinese}

// Text is a teaching note in every language. Either both languages are
// given or neither.
type Text struct {
	En string `yaml:"en"`
	Zh string `yaml:"zh"`
}

// In returns the text in lang (English when lang is unknown), without
// the final line break a YAML block leaves.
func (t Text) In(lang Lang) string {
	if lang == Chinese {
		return strings.TrimRight(t.Zh, "\n")
	}
	return strings.TrimRight(t.En, "\n")
}

// Empty reports whether the note is empty in every language.
func (t Text) Empty() bool { return t.En == "" && t.Zh == "" }

// Lesson is one lesson: a header, optional mail delivered before it
// starts, and parts of one connection each.
type Lesson struct {
	Version int      `yaml:"mailtutor-lesson"`
	Title   Text     `yaml:"title"`
	Summary Text     `yaml:"summary"`
	Account Account  `yaml:"account"`
	Setup   []Letter `yaml:"setup"`
	Parts   []Part   `yaml:"parts"`

	Name   string `yaml:"-"` // "first-message", from the file name
	Number int    `yaml:"-"` // place in the built-in course (1-based); 0 for other files
	File   string `yaml:"-"` // where it was loaded from (for messages)
}

// Account is the practice account a lesson is written for; the student may
// use another one (flags --user, --password), and patterns follow.
type Account struct {
	User     string `yaml:"user"`
	Password string `yaml:"password"`
	Domain   string `yaml:"domain"`
}

// Letter is a message delivered by SMTP to the "smtp" service before the
// lesson starts, so that a POP3 lesson finds mail.
type Letter struct {
	From string `yaml:"from"`
	To   string `yaml:"to"`
	Body string `yaml:"body"` // headers, blank line, text; LF line endings
}

// Part is one connection to one service.
type Part struct {
	Service string `yaml:"service"` // a scheme of protocol.Schemes: smtp, submission, smtps, pop3, pop3s, imap, imaps
	Explain Text   `yaml:"explain"` // shown before the connection opens
	Steps   []Step `yaml:"steps"`
	Line    int    `yaml:"-"`
}

// Step is one thing that happens on the connection, with its notes.
// Exactly one of Server, Client, Data, TLS, Closed, Example and Deliver
// is set.
type Step struct {
	// Server is a reply as recorded (lines joined by "\n"; with Wire, as
	// it came). In a tagged protocol (IMAP) it may hold several responses,
	// and consecutive server steps are one exchange: the untagged data and
	// the tagged completion of the commands before them (see docs/lessons.md).
	Server  string `yaml:"server"`
	Wire    bool   `yaml:"wire"`    // Server is written as it came, every line followed by CRLF (an IMAP literal with a bare LF)
	Client  string `yaml:"client"`  // the model answer: what a student would type (helpers allowed)
	Data    string `yaml:"data"`    // a DATA body (SMTP) or literal text (IMAP) as a student would type it, LF endings, without the "."
	TLS     bool   `yaml:"tls"`     // a TLS handshake completes here
	Closed  bool   `yaml:"closed"`  // the server closes the connection here
	Example string `yaml:"example"` // a reply shown as an example, not from the server
	Command string `yaml:"command"` // the command an Example reply answers
	// Deliver is a message the lesson delivers now, by SMTP through the
	// "smtp" service, while the connection of the part stays open (an
	// IMAP IDLE sees it arrive).
	Deliver *Letter `yaml:"deliver"`

	Expect Patterns `yaml:"expect"` // client and data steps: what is accepted
	// Repeat, on a client step, lets the student send the step's command
	// again (another line it accepts) in place of the next client step,
	// any number of times: one more RCPT TO before DATA. Each is answered
	// by the server; offline, by the reply recorded after this step.
	Repeat  bool `yaml:"repeat"`
	Explain Text `yaml:"explain"` // shown before the step
	Hint    Text `yaml:"hint"`    // shown after a wrong try
	Notice  Text `yaml:"notice"`  // what to look at in the reply

	// Accept lists the other replies a live server may give at a server
	// step without harm to the lesson: codes ("250"), classes ("5xx") or
	// POP3 statuses ("+OK", "-ERR"). See [Step.Otherwise].
	Accept Patterns `yaml:"accept"`
	// Otherwise is shown, instead of Notice, when the live server gave one
	// of the Accept replies rather than the recorded one: why it may.
	Otherwise Text `yaml:"otherwise"`

	Line int `yaml:"-"` // line in the file
}

// StepKind says what a step is.
type StepKind string

// The kinds of step.
const (
	KindServer  StepKind = "server"
	KindClient  StepKind = "client"
	KindData    StepKind = "data"
	KindTLS     StepKind = "tls"
	KindClosed  StepKind = "closed"
	KindExample StepKind = "example"
	KindDeliver StepKind = "deliver"
)

// Kind says which kind of step s is ("" when none or several are set).
func (s *Step) Kind() StepKind {
	var kinds []StepKind
	if s.Server != "" {
		kinds = append(kinds, KindServer)
	}
	if s.Client != "" {
		kinds = append(kinds, KindClient)
	}
	if s.Data != "" {
		kinds = append(kinds, KindData)
	}
	if s.TLS {
		kinds = append(kinds, KindTLS)
	}
	if s.Closed {
		kinds = append(kinds, KindClosed)
	}
	if s.Example != "" {
		kinds = append(kinds, KindExample)
	}
	if s.Deliver != nil {
		kinds = append(kinds, KindDeliver)
	}
	if len(kinds) != 1 {
		return ""
	}
	return kinds[0]
}

// Patterns are the accepted forms of a client line or the lines a DATA
// body must hold. In the file: one string or a list of strings.
type Patterns []string

// UnmarshalYAML accepts a scalar or a sequence of scalars.
func (p *Patterns) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*p = Patterns{n.Value}
		return nil
	}
	var list []string
	if err := n.Decode(&list); err != nil {
		return err
	}
	*p = list
	return nil
}

// UnmarshalYAML records the line of the step.
func (s *Step) UnmarshalYAML(n *yaml.Node) error {
	type plain Step
	if err := strictKeys(n, reflect.TypeOf(plain{})); err != nil {
		return err
	}
	if err := n.Decode((*plain)(s)); err != nil {
		return err
	}
	s.Line = n.Line
	return nil
}

// UnmarshalYAML records the line of the part.
func (p *Part) UnmarshalYAML(n *yaml.Node) error {
	type plain Part
	if err := strictKeys(n, reflect.TypeOf(plain{})); err != nil {
		return err
	}
	if err := n.Decode((*plain)(p)); err != nil {
		return err
	}
	p.Line = n.Line
	return nil
}

// Load reads and validates the lesson file at path.
func Load(path string) (*Lesson, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load lesson: %w", err)
	}
	return Parse(data, path)
}

// Parse reads a lesson strictly: an unknown key, a value of the wrong type
// or a broken rule (see [Lesson.Validate]) is an error naming the line.
// name is the file name, used in messages and for the lesson's Name.
func Parse(data []byte, name string) (*Lesson, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var l Lesson
	if err := dec.Decode(&l); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty file: not a lesson", name)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	l.File, l.Name = name, nameOf(name)
	l.fillDefaults()
	if err := l.Validate(); err != nil {
		return nil, err
	}
	return &l, nil
}

// nameOf turns "lessons/01-first-message.yaml" into "first-message".
func nameOf(file string) string {
	base := file[strings.LastIndexAny(file, `/\`)+1:]
	base = strings.TrimSuffix(strings.TrimSuffix(base, ".yaml"), ".yml")
	if i := strings.IndexByte(base, '-'); i > 0 && strings.Trim(base[:i], "0123456789") == "" {
		base = base[i+1:]
	}
	return base
}

func (l *Lesson) fillDefaults() {
	if l.Account.User == "" {
		l.Account.User = "student"
	}
	if l.Account.Password == "" {
		l.Account.Password = "secret123"
	}
	if l.Account.Domain == "" {
		l.Account.Domain = "example.test"
	}
}

// Letters is the number of messages the lesson delivers: its setup, then
// one per deliver step; {msg:K} names the K-th.
func (l *Lesson) Letters() int {
	n := len(l.Setup)
	for _, p := range l.Parts {
		for _, s := range p.Steps {
			if s.Kind() == KindDeliver {
				n++
			}
		}
	}
	return n
}

// Protocols lists the protocols of the lesson's parts, the first part's
// first, each once; a lesson always has at least one ("" for a part of
// an unknown service).
func (l *Lesson) Protocols() []protocol.Protocol {
	var out []protocol.Protocol
	for _, p := range l.Parts {
		proto, _ := ServiceProtocol(p.Service)
		if !slices.Contains(out, proto) {
			out = append(out, proto)
		}
	}
	if len(out) == 0 {
		out = append(out, "")
	}
	return out
}

// StepCount is the number of steps in all parts.
func (l *Lesson) StepCount() int {
	n := 0
	for _, p := range l.Parts {
		n += len(p.Steps)
	}
	return n
}

// TitleIn is the lesson title in lang, or its name when it has none.
func (l *Lesson) TitleIn(lang Lang) string {
	if t := l.Title.In(lang); t != "" {
		return t
	}
	return l.Name
}

// StudentScript is what a student who knows every answer types, one line
// each: the model answer of every client step and every DATA body ended by
// a line holding ".", with acct's credentials (the lesson's account when
// acct is nil). Piped into `mailtutor lesson NAME`, it runs the lesson as a
// scripted student.
func (l *Lesson) StudentScript(acct *Account) string {
	a := l.Account
	if acct != nil {
		a = *acct
	}
	var b strings.Builder
	for _, p := range l.Parts {
		for _, s := range p.Steps {
			switch s.Kind() {
			case KindClient:
				b.WriteString(fillAccount(s.Client, a) + "\n")
			case KindData:
				b.WriteString(strings.TrimSuffix(fillAccount(s.Data, a), "\n") + "\n.\n")
			}
		}
	}
	return b.String()
}
