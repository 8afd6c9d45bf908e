package lessons

import (
	"errors"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/protocol"
)

// submissionLesson is a small lesson on the lab's submission service whose
// MAIL FROM step (sent before any AUTH, which the lab answers with 530)
// records mailReply with the given extra keys, and then sends what follows.
func submissionLesson(t *testing.T, mailReply, extra, after string) *Lesson {
	t.Helper()
	src := `mailtutor-lesson: 1
parts:
- service: submission
  steps:
  - server: "220 mail.example.test ESMTP"
  - client: "EHLO a.example"
  - server: "250 mail.example.test"
  - client: "MAIL FROM:<student@example.test>"
  - server: "` + mailReply + `"
` + extra + `    notice: {en: "the recorded note", zh: "录制时的说明"}
` + after + `  - client: "QUIT"
  - server: "221 2.0.0 Bye"
  - closed: true
`
	l, err := Parse([]byte(src), "tolerance.yaml")
	if err != nil {
		t.Fatalf("parse:\n%s\n%v", src, err)
	}
	return l
}

// TestAllowedReply: the lab answers 530 where the lesson recorded 250 and
// accepts 530: the student reads why, the run goes on, even when Strict.
func TestAllowedReply(t *testing.T) {
	for _, lang := range Langs {
		l := submissionLesson(t, "250 2.1.0 Ok", `    accept: [530, 4xx]
    otherwise: {en: "Some servers want a login first.", zh: "有的服务器要求先登录。"}
`, "")
		_, servers := startLab(t)
		out, res, err := runWith(t, l, Options{Lang: lang, Servers: servers, Strict: true}, studentScript(l))
		if err != nil || !res.Completed {
			t.Fatalf("%s: run: %v %+v\n%s", lang, err, res, out)
		}
		if len(res.Allowed) != 1 || len(res.Mismatch) != 0 {
			t.Errorf("%s: allowed %q, mismatch %q; want one allowed difference", lang, res.Allowed, res.Mismatch)
		}
		want := map[Lang][]string{
			English: {`≈ Your server answered 530 here; the server the lesson was recorded on answered "250 2.1.0 Ok". The lesson allows for that:`,
				"  Some servers want a login first.", "at 1 step(s): 1 the lesson allows for, 0 it did not expect."},
			Chinese: {"≈ 你的服务器在这里响应的是 530，本课录制时的服务器响应的是“250 2.1.0 Ok”。", "  有的服务器要求先登录。",
				"其中 1 步在预料之中，0 步出乎预料。"},
		}[lang]
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: want %q in:\n%s", lang, w, out)
			}
		}
		if strings.Contains(out, "the recorded note") || strings.Contains(out, "录制时的说明") {
			t.Errorf("%s: the note about the recorded reply is shown as if it were about this one:\n%s", lang, out)
		}
	}
}

// TestUnexpectedReply: a reply the lesson did not plan for is pointed out
// and the lesson goes on; with Strict (lesson check) it is an error.
func TestUnexpectedReply(t *testing.T) {
	l := submissionLesson(t, "250 2.1.0 Ok", "", "")
	_, servers := startLab(t)
	out, res, err := runWith(t, l, Options{Lang: English, Servers: servers}, studentScript(l))
	if err != nil || !res.Completed {
		t.Fatalf("run: %v %+v\n%s", err, res, out)
	}
	if len(res.Mismatch) != 1 || len(res.Allowed) != 0 {
		t.Errorf("mismatch %q, allowed %q; want one unexpected difference", res.Mismatch, res.Allowed)
	}
	for _, w := range []string{`≠ Your server answered 530 here; the server the lesson was recorded on answered "250 2.1.0 Ok". The lesson did not plan for that.`,
		"The lesson's note was about the recorded reply:\n  the recorded note"} {
		if !strings.Contains(out, w) {
			t.Errorf("want %q in:\n%s", w, out)
		}
	}
	_, servers = startLab(t)
	if _, _, err := runWith(t, l, Options{Lang: English, Servers: servers, Strict: true}, studentScript(l)); err == nil || !strings.Contains(err.Error(), "the server answered 530, the lesson expects 250") {
		t.Errorf("Strict: err = %v, want the difference", err)
	}
}

// TestStuckReply: the lesson recorded 354 for DATA, so a body comes next;
// the lab refuses DATA (no recipient), and the lesson must stop rather
// than send the body as commands, even when not Strict.
func TestStuckReply(t *testing.T) {
	after := `  - client: "DATA"
  - server: "354 End data with <CR><LF>.<CR><LF>"
  - data: |
      Subject: never sent

      RSET
`
	l := submissionLesson(t, "530 5.7.0 Authentication required", "", after)
	for _, lang := range Langs {
		_, servers := startLab(t)
		out, res, err := runWith(t, l, Options{Lang: lang, Servers: servers}, studentScript(l))
		if !errors.Is(err, ErrCannotContinue) || res.Completed {
			t.Fatalf("%s: err = %v, %+v; want ErrCannotContinue\n%s", lang, err, res, out)
		}
		if strings.Contains(out, "C: Subject: never sent") || strings.Contains(out, "C: RSET") {
			t.Errorf("%s: the body was sent as commands:\n%s", lang, out)
		}
		want := map[Lang]string{English: "The lesson cannot go on here", Chinese: "课程没法在这里继续了"}[lang]
		if !strings.Contains(out, want) {
			t.Errorf("%s: want %q in:\n%s", lang, want, out)
		}
	}
}

// TestAcceptRules: accept and otherwise are checked when a lesson loads.
func TestAcceptRules(t *testing.T) {
	tests := []struct {
		name, mailReply, extra, after, want string
	}{
		{"not on a client step", "250 Ok", "", `  - client: "RSET"
    accept: "250"
`, "accept is only for server steps"},
		{"otherwise without accept", "250 Ok", "    otherwise: {en: a, zh: 甲}\n", "", "otherwise says why"},
		{"an intermediate reply for a final one", "250 Ok", "    accept: [\"354\"]\n", "", "a 3xx reply would leave the conversation"},
		{"not a code", "250 Ok", "    accept: [\"+OK\"]\n", "", "want a reply code such as 250"},
		{"otherwise in one language", "250 Ok", "    accept: [5xx]\n    otherwise: {en: a}\n", "", "missing the zh (Chinese) translation"},
		{"a message the setup does not deliver", "250 Ok", "    accept: [5xx]\n    otherwise: {en: \"RETR {msg:1}\", zh: \"RETR {msg:1}\"}\n", "",
			"{msg:1}: the lesson delivers 0 message(s)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "mailtutor-lesson: 1\nparts:\n- service: submission\n  steps:\n  - server: \"" + tt.mailReply + "\"\n" + tt.extra + tt.after
			_, err := Parse([]byte(src), "rules.yaml")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q\n%s", err, tt.want, src)
			}
		})
	}
}

// TestJudge covers the comparison of a live reply with the recorded one.
func TestJudge(t *testing.T) {
	tests := []struct {
		recorded, live string
		accept         []string
		want           verdict
	}{
		{"250 2.1.0 Ok", "250 other text", nil, replySame},
		{"530 5.7.0 Authentication required", "250 2.1.0 Ok", []string{"250"}, replyAllowed},
		{"530 5.7.0 Authentication required", "554 5.7.1 denied", []string{"5xx"}, replyAllowed},
		{"530 5.7.0 Authentication required", "554 5.7.1 denied", []string{"53x"}, replyUnexpected},
		{"354 go ahead", "503 5.5.1 need RCPT", []string{"5xx"}, replyStuck},
		{"250 Ok", "334 VXNlcm5hbWU6", nil, replyStuck},
		{"+OK", "-ERR no", []string{"-err"}, replyAllowed},
		{"+ ", "-ERR no", nil, replyStuck},
	}
	for _, tt := range tests {
		rec, live := recordedStatus(tt.recorded, false, protoOf(tt.recorded)), recordedStatus(tt.live, false, protoOf(tt.live))
		if got := judge(rec, live, tt.accept); got != tt.want {
			t.Errorf("judge(%q, %q, %q) = %d, want %d", tt.recorded, tt.live, tt.accept, got, tt.want)
		}
	}
}

// protoOf guesses the protocol of a reply for TestJudge.
func protoOf(reply string) protocol.Protocol {
	if strings.HasPrefix(reply, "+") || strings.HasPrefix(reply, "-") {
		return protocol.POP3
	}
	return protocol.SMTP
}
