package export

import (
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/transcript"
)

// document is a transcript made ready for layout: every text is visible
// (control characters escaped), every reply framed and explained, every
// secret replaced by a mark. Both writers lay out the same document.
type document struct {
	Title    string
	Protocol string // "SMTP", "POP3"
	Server   string // "host:port"
	Security string // how the connection was protected, in words
	Recorded string // "2026-11-25 19:40:03 UTC", "" when unknown
	Duration string // "85.0 s"
	Tool     string
	Steps    []entry
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
	Class        string   // "2xx positive completion: the server did what you asked"
	Head         string   // the class before its first ": " ("2xx positive completion")
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

// build lays out t.
func build(t *transcript.Transcript) document {
	d := document{
		Title:    visible(t.Title),
		Protocol: strings.ToUpper(visible(t.Protocol)),
		Server:   visible(net.JoinHostPort(t.Server.Host, strconv.Itoa(t.Server.Port))),
		Security: securityText(t),
		Tool:     visible(t.Tool),
	}
	if d.Title == "" {
		d.Title = d.Protocol + " session with " + visible(t.Server.Host)
	}
	if !t.Recorded.IsZero() {
		d.Recorded = t.Recorded.UTC().Format("2006-01-02 15:04:05 UTC")
	}
	if n := len(t.Steps); n > 0 {
		d.Duration = fmt.Sprintf("%.1f s", t.Steps[n-1].At.Seconds())
	}
	d.Steps = newDialogue(protocol.Protocol(t.Protocol)).entries(t.Steps)
	return d
}

// securityText says how the connection was protected: the header's mode,
// and for a plain connection the step where a TLS upgrade happened.
func securityText(t *transcript.Transcript) string {
	upgrade := 0
	for i, s := range t.Steps {
		if s.Kind == transcript.KindTLS {
			upgrade = i + 1
			break
		}
	}
	verb := "STARTTLS"
	if t.Protocol == transcript.ProtocolPOP3 {
		verb = "STLS"
	}
	switch {
	case t.Server.TLS == transcript.TLSImplicit:
		return "TLS from the first byte (implicit TLS)"
	case upgrade > 0:
		return fmt.Sprintf("plain text, then TLS from step %d on (%s)", upgrade, verb)
	case t.Server.TLS == transcript.TLSNone:
		return "plain text (no TLS)"
	case t.Server.TLS == transcript.TLSStartTLS:
		return "plain text, upgraded to TLS (" + verb + ")"
	}
	return visible(t.Server.TLS)
}

// dialogue follows the conversation the way a live session does, so that
// replies are framed against the command they answer and secrets are
// recognised in their context.
type dialogue struct {
	proto     protocol.Protocol
	framer    protocol.Framer
	challenge string // the decoded text of the last SASL challenge
}

func newDialogue(p protocol.Protocol) *dialogue {
	return &dialogue{proto: p, framer: protocol.NewFramer(p)}
}

func (g *dialogue) entries(steps []transcript.Step) []entry {
	out := make([]entry, 0, len(steps))
	for i, s := range steps {
		e := entry{Number: i + 1, Kind: s.Kind, At: fmt.Sprintf("+%.3f s", s.At.Seconds()),
			Note: visibleText(s.Note), Lesson: lessonOf(s.Lesson)}
		switch s.Kind {
		case transcript.KindClient:
			e.Side, e.Client = sideClient, g.client(s)
		case transcript.KindData:
			e.Side, e.Body = sideClient, bodyLines(s.Text)
			g.framer.Expect(".")
		case transcript.KindServer:
			// The stored note is an older explanation of the reply; the
			// handout explains the reply afresh instead.
			e.Side, e.Replies, e.Note = sideServer, g.server(s.Text), ""
		case transcript.KindTLS:
			e.Side, e.TLS = sideEvent, tlsOf(s.TLS)
		case transcript.KindClosed:
			e.Side, e.Closed = sideEvent, visible(s.Text)
		}
		out = append(out, e)
	}
	return out
}

// server frames the lines of one recorded server step. A reply left
// incomplete at the end of the step is still shown, marked malformed, and
// the framer starts afresh since its state can no longer be trusted.
func (g *dialogue) server(text string) []reply {
	var out []reply
	for _, line := range strings.Split(text, "\n") {
		if r := g.framer.Feed(line, protocol.CRLF); r != nil {
			out = append(out, g.explain(r))
		}
	}
	if partial := g.framer.Partial(); partial != nil {
		r := &protocol.Reply{Protocol: g.proto, Lines: partial, Class: protocol.ClassMalformed,
			Problems: []string{"the recorded reply is incomplete: it stops in the middle"}}
		out = append(out, g.explain(r))
		g.framer = protocol.NewFramer(g.proto)
	}
	return out
}

func (g *dialogue) explain(r *protocol.Reply) reply {
	ex := protocol.Explain(r)
	g.challenge = ex.Decoded
	head, rest, _ := strings.Cut(ex.Class, ": ")
	code, codeText, _ := strings.Cut(ex.Enhanced, " ")
	return reply{Lines: visibleEach(r.Lines), Tone: tone(r.Class), Class: ex.Class, Head: head, Rest: rest,
		Meaning: ex.Meaning, RFC: ex.RFC, Enhanced: code, EnhancedText: codeText, Decoded: visible(ex.Decoded), Next: ex.Next,
		Problems: r.Problems}
}

// tone names the colour of a reply class.
func tone(c protocol.Class) string {
	switch c {
	case protocol.ClassPositive, protocol.ClassOK:
		return "positive"
	case protocol.ClassIntermediate, protocol.ClassContinue:
		return "intermediate"
	case protocol.ClassTransient:
		return "transient"
	case protocol.ClassPermanent, protocol.ClassErr:
		return "permanent"
	}
	return "malformed"
}

func tlsOf(t *transcript.TLSInfo) *tlsView {
	if t == nil {
		return &tlsView{Summary: "TLS (no details recorded)"}
	}
	v := &tlsView{Summary: visible(strings.Trim(t.Version+", "+t.Cipher, ", ")), Verified: t.Verified}
	add := func(label, value string) {
		if value != "" {
			v.Details = append(v.Details, [2]string{label, visible(value)})
		}
	}
	add("certificate", t.Subject)
	add("issued by", t.Issuer)
	add("names", strings.Join(t.DNSNames, ", "))
	if !t.NotBefore.IsZero() || !t.NotAfter.IsZero() {
		add("valid", day(t.NotBefore)+" to "+day(t.NotAfter))
	}
	add("SHA-256", t.Fingerprint)
	if !t.Verified {
		add("checked for", t.ServerName)
	}
	switch {
	case t.Verified && t.ServerName != "":
		v.Verdict = "verified: the chain is trusted and the certificate is for " + visible(t.ServerName)
	case t.Verified:
		v.Verdict = "verified: the chain is trusted"
	default:
		v.Verdict = strings.TrimSuffix("NOT verified (accepted with --insecure): "+visible(t.VerifyError), ": ")
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
