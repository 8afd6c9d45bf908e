package export

import (
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
	"github.com/mailtutor/mailtutor/transcript"
)

// document is a transcript made ready for layout: every text is visible
// (control characters escaped), every reply framed and explained, every
// secret replaced by a mark. Both writers lay out the same document; they
// take its steps one at a time (begin, dialogue.entry), build takes them
// all.
type document struct {
	Title    string
	Protocol string // "SMTP", "POP3"
	Server   string // "host:port"
	Security string // how the connection was protected, in words
	Recorded string // "2026-11-25 19:40:03 UTC", "" when unknown
	Duration string // "85.0 s"
	Tool     string
	Count    int     // the number of steps
	Steps    []entry // build only
	W        *words  // the handout's own words, in its language
}

// side says where a step goes in the dialogue.
type side string

const (
	sideClient side = "client" // what the client sent: lines and DATA bodies
	sideServer side = "server" // server replies
	sideEvent  side = "event"  // TLS handshakes and the close
)

// entry is one step of the transcript, laid out.
type entry struct {
	Number  int // 1-based, as the steps are counted in the file
	Kind    transcript.Kind
	Side    side
	At      string  // "+5.210 s"
	Client  []piece // KindClient: the line, secrets as marks
	Body    []string
	Replies []reply  // KindServer: usually one; more when pipelined
	TLS     *tlsView // KindTLS
	Closed  string   // KindClosed: why
	Note    string   // the stored note of a step other than a server reply
	Lesson  *lessonView
	W       *words // the handout's own words, in its language
}

// piece is part of a client line: text, or a secret that is not shown.
type piece struct {
	Text   string // the text, when Hidden is ""
	Hidden string // the mark shown instead of a secret: "hidden: password"
}

// reply is one framed server reply with its explanation.
type reply struct {
	Lines        []string // as received (POP3 bodies still dot-stuffed)
	Tone         string   // positive, intermediate, transient, permanent, malformed
	Class        string   // "2xx success: the server did what you asked"
	Head         string   // the class before its first ": " ("2xx success")
	Rest         string   // the sentence after it ("" when there is none)
	Meaning      string
	RFC          string
	Enhanced     string // the RFC 3463 code ("2.1.5"), with EnhancedText its meaning
	EnhancedText string
	Decoded      string
	Next         string
	Problems     []string
}

// tlsView is a TLS handshake in words.
type tlsView struct {
	Summary  string // "TLS 1.3, TLS_AES_128_GCM_SHA256"
	Details  [][2]string
	Verified bool
	Verdict  string
}

// lessonView holds a lesson's teaching notes, visible.
type lessonView struct {
	Explain, Expect, Hint, Notice string
}

// build lays out t with every step.
func build(t *transcript.Transcript) (document, error) {
	d, g, err := begin(t.Source(), protocol.English)
	if err != nil {
		return document{}, err
	}
	d.Steps = make([]entry, 0, len(t.Steps))
	for i, s := range t.Steps {
		d.Steps = append(d.Steps, g.entry(i+1, s))
	}
	return d, nil
}

// begin lays out the header of src and returns the dialogue that lays out
// its steps, from the first, with entry.
func begin(src transcript.Source, lang protocol.Lang) (document, *dialogue, error) {
	t, sum := src.Header(), src.Summary()
	g, err := newDialogue(&t, lang)
	if err != nil {
		return document{}, nil, err
	}
	verb := ""
	if t.Server.TLS != transcript.TLSImplicit && (sum.FirstTLS > 0 || t.Server.TLS == transcript.TLSStartTLS) {
		if verb, err = startTLSVerb(src, &t, lang); err != nil {
			return document{}, nil, err
		}
	}
	d := document{
		Title:    visible(t.Title),
		Protocol: strings.ToUpper(visible(t.Protocol)),
		Server:   visible(net.JoinHostPort(t.Server.Host, strconv.Itoa(t.Server.Port))),
		Tool:     visible(t.Tool),
		Count:    sum.Steps,
		Security: securityText(&t, sum.FirstTLS, verb, g.w),
		W:        g.w,
	}
	if d.Title == "" {
		d.Title = fmt.Sprintf(g.w.SessionWith, d.Protocol, visible(t.Server.Host))
	}
	if !t.Recorded.IsZero() {
		d.Recorded = t.Recorded.UTC().Format("2006-01-02 15:04:05 UTC")
	}
	if sum.Steps > 0 {
		d.Duration = fmt.Sprintf("%.1f s", sum.Last.Seconds())
	}
	return d, g, nil
}

// startTLSVerb follows the conversation of src up to the first reply that
// agreed to start TLS and returns the verb of the command it answered;
// "" when no reply did.
func startTLSVerb(src transcript.Source, t *transcript.Transcript, lang protocol.Lang) (string, error) {
	g, err := newDialogue(t, lang)
	if err != nil {
		return "", err
	}
	n := 0
	for s, err := range src.Steps() {
		if err != nil {
			return "", err
		}
		n++
		if g.entry(n, s); g.startTLS != "" {
			return g.startTLS, nil
		}
	}
	return "", nil
}

// securityText says how the connection was protected: the header's mode,
// and for a plain connection the step where a TLS upgrade happened
// (upgrade, 0 when none did) and the command that asked for it (verb, ""
// when no reply agreed to one).
func securityText(t *transcript.Transcript, upgrade int, verb string, w *words) string {
	how := ""
	if verb != "" {
		how = " (" + visible(verb) + ")"
	}
	switch {
	case t.Server.TLS == transcript.TLSImplicit:
		return w.Implicit
	case upgrade > 0:
		return fmt.Sprintf(w.PlainThenTLS, upgrade, how)
	case t.Server.TLS == transcript.TLSNone:
		return w.PlainNoTLS
	case t.Server.TLS == transcript.TLSStartTLS:
		return w.PlainUpgraded + how
	}
	return visible(t.Server.TLS)
}

// dialogue follows the conversation on an offline session, the way the
// live session did: replies are framed against the command they answer
// and explained in the state they arrived in, and secrets are recognised
// in their context.
type dialogue struct {
	w        *words
	off      *session.Offline
	startTLS string // the command a reply agreed to start TLS for, "" until one did
}

func newDialogue(t *transcript.Transcript, lang protocol.Lang) (*dialogue, error) {
	target := session.Target{Protocol: protocol.Protocol(t.Protocol), ImplicitTLS: t.Server.TLS == transcript.TLSImplicit}
	w := wordsIn(lang)
	if w != chinese {
		lang = protocol.English
	}
	off, err := session.NewOffline(target, session.Options{Lang: lang}, t.Recorded)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return &dialogue{off: off, w: w}, nil
}

// entry lays out step number n, the next of the conversation.
func (g *dialogue) entry(n int, s transcript.Step) entry {
	e := entry{Number: n, Kind: s.Kind, At: fmt.Sprintf("+%.3f s", s.At.Seconds()),
		Note: visibleText(s.Note), Lesson: lessonOf(s.Lesson), W: g.w}
	switch s.Kind {
	case transcript.KindClient:
		e.Side, e.Client = sideClient, g.client(s)
	case transcript.KindData:
		e.Side, e.Body = sideClient, bodyLines(s.Text)
		g.off.BodyEnd() // its reply answers the body; a protocol without one frames it as it can
	case transcript.KindServer:
		// The stored note is an older explanation of the reply; the
		// handout explains the reply afresh instead.
		e.Side, e.Replies, e.Note = sideServer, g.server(s), ""
	case transcript.KindTLS:
		g.off.TLS(nil)
		e.Side, e.TLS = sideEvent, tlsOf(s.TLS, g.w)
	case transcript.KindClosed:
		e.Side, e.Closed = sideEvent, visible(closedReason(s.Text, g.w))
	}
	return e
}

// server lays out the replies of one recorded server step, in the form it
// is stored in (a wire step holds an IMAP literal's bare line feeds). A
// reply left incomplete at the end of the step is still shown, marked
// malformed.
func (g *dialogue) server(s transcript.Step) []reply {
	var events []session.Event
	if s.Wire {
		events, _ = g.off.ReceiveWire(s.Text)
	} else {
		events, _ = g.off.Receive(s.Text)
	}
	out := make([]reply, 0, len(events))
	for _, e := range events {
		if e.Reply.StartTLS && g.startTLS == "" {
			g.startTLS = protocol.Verb(e.Reply.Command)
		}
		out = append(out, explained(e.Reply, e.Explanation))
	}
	return out
}

// explained lays out a reply with the explanation the session gave it.
func explained(r *protocol.Reply, ex *protocol.Explanation) reply {
	head, rest, _ := strings.Cut(ex.Class, ": ")
	code, codeText, _ := strings.Cut(ex.Enhanced, " ")
	return reply{Lines: visibleEach(r.Lines), Tone: r.Tone.String(), Class: ex.Class, Head: head, Rest: rest,
		Meaning: ex.Meaning, RFC: ex.RFC, Enhanced: code, EnhancedText: codeText, Decoded: visible(ex.Decoded), Next: ex.Next,
		Problems: r.Problems}
}

func tlsOf(t *transcript.TLSInfo, w *words) *tlsView {
	if t == nil {
		return &tlsView{Summary: w.TLSNoDetails}
	}
	v := &tlsView{Summary: visible(strings.Trim(t.Version+", "+t.Cipher, ", ")), Verified: t.Verified}
	add := func(label, value string) {
		if value != "" {
			v.Details = append(v.Details, [2]string{label, visible(value)})
		}
	}
	add(w.Certificate, t.Subject)
	add(w.IssuedBy, t.Issuer)
	add(w.Names, strings.Join(t.DNSNames, ", "))
	if !t.NotBefore.IsZero() || !t.NotAfter.IsZero() {
		add(w.Valid, day(t.NotBefore)+w.To+day(t.NotAfter))
	}
	add("SHA-256", t.Fingerprint)
	if !t.Verified {
		add(w.CheckedFor, t.ServerName)
	}
	switch {
	case t.Verified && t.ServerName != "":
		v.Verdict = w.VerifiedFor + visible(t.ServerName)
	case t.Verified:
		v.Verdict = w.Verified
	default:
		v.Verdict = strings.TrimSuffix(strings.TrimSuffix(w.NotVerified+visible(t.VerifyError), ": "), "：")
	}
	return v
}

func day(t time.Time) string {
	if t.IsZero() {
		return "?"
	}
	return t.UTC().Format("2006-01-02")
}

func lessonOf(l *transcript.LessonNotes) *lessonView {
	if l == nil || *l == (transcript.LessonNotes{}) {
		return nil
	}
	return &lessonView{Explain: visibleText(l.Explain), Expect: visible(l.Expect),
		Hint: visibleText(l.Hint), Notice: visibleText(l.Notice)}
}

// Tone is the colour of a step: for a server step that of its last reply,
// "unverified" for a TLS handshake whose certificate did not verify.
func (e entry) Tone() string {
	switch {
	case len(e.Replies) > 0:
		return e.Replies[len(e.Replies)-1].Tone
	case e.TLS != nil && !e.TLS.Verified:
		return "unverified"
	}
	return ""
}

// closedReasonsZh are the reasons of a close the session records ("closed
// by the server") in the Chinese handout's words; any other reason (an
// error's text) is shown as it was recorded.
var closedReasonsZh = map[string]string{
	"closed by the server": "服务器关闭了连接",
	"closed by mailtutor":  "mailtutor 关闭了连接",
}

// closedReason is the recorded reason of a close in the handout's words.
func closedReason(text string, w *words) string {
	if zh, ok := closedReasonsZh[text]; ok && w == chinese {
		return zh
	}
	return text
}
