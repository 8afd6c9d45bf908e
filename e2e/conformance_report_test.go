package e2e

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/mailtutor/mailtutor/protocol"
)

// diffKey names one step of one scenario in allowedDifferences.
type diffKey struct{ scenario, step string }

// comparison is one row of the side-by-side table: one step as the lab and
// the real server answered it.
type comparison struct {
	step      string
	lab, real outcome
	diff      string // what differs; "" when the servers agree
	why       string // the reason allowedDifferences gives, "" if it gives none
}

// compareRuns pairs the outcomes of the lab and of the real server step by
// step and says what differs.
func compareRuns(scenario string, lab, real []outcome) []comparison {
	missing := outcome{note: "(missing)"}
	rows := make([]comparison, 0, max(len(lab), len(real)))
	for i := range max(len(lab), len(real)) {
		c := comparison{lab: missing, real: missing}
		if i < len(lab) {
			c.lab = lab[i]
		}
		if i < len(real) {
			c.real = real[i]
		}
		c.step = c.lab.step
		if c.step == "" {
			c.step = c.real.step
		}
		c.diff = differences(c.lab, c.real)
		if c.diff != "" {
			c.why = allowedDifferences[diffKey{scenario, c.step}]
		}
		rows = append(rows, c)
	}
	return rows
}

// differences says how two outcomes of a step differ: reply class and code
// (POP3: status and [RESP-CODE], and the text of the status line, see
// pop3Text), the enhanced code when both give one, the errors made before
// a 421, and what happened when there was no reply.
func differences(lab, real outcome) string {
	if lab.reply == nil || real.reply == nil {
		if lab.reply == nil && real.reply == nil && lab.note == real.note {
			return ""
		}
		return summary(lab) + " vs " + summary(real)
	}
	var diffs []string
	if l, r := replyKey(lab.reply), replyKey(real.reply); l != r {
		diffs = append(diffs, l+" vs "+r)
	}
	if l, r := lab.reply.Enhanced, real.reply.Enhanced; l != "" && r != "" && l != r {
		diffs = append(diffs, "enhanced "+l+" vs "+r)
	}
	if l, r := pop3Text(lab), pop3Text(real); l != r {
		diffs = append(diffs, fmt.Sprintf("text %q vs %q", l, r))
	}
	if lab.errors != real.errors {
		diffs = append(diffs, fmt.Sprintf("%d vs %d errors before it", lab.errors, real.errors))
	}
	return strings.Join(diffs, "; ")
}

// summary is the compared part of an outcome: "550 5.1.1", "-ERR [AUTH]",
// or the note when no reply came.
func summary(o outcome) string {
	if o.reply == nil {
		return o.note
	}
	if o.reply.Enhanced != "" {
		return replyKey(o.reply) + " " + o.reply.Enhanced
	}
	return replyKey(o.reply)
}

// replyKey is what must agree: the SMTP code (its first digit is the
// class), or the POP3 status with its RFC 2449 response code if any.
func replyKey(r *protocol.Reply) string {
	if r.Class == protocol.ClassMalformed {
		return "malformed"
	}
	if r.Protocol == protocol.POP3 {
		return strings.TrimSpace(r.Status + " " + pop3ResponseCode(r.Text))
	}
	if r.Protocol == protocol.IMAP {
		return imapReplyKey(r)
	}
	return strconv.Itoa(r.Code)
}

// pop3ResponseCode returns the "[AUTH]"-style response code (RFC 2449
// section 8) at the start of a POP3 status text, or "".
func pop3ResponseCode(text string) string {
	if !strings.HasPrefix(text, "[") {
		return ""
	}
	end := strings.IndexByte(text, ']')
	if end < 0 {
		return ""
	}
	return text[:end+1]
}

// digits are the numbers of a POP3 status line: counts and sizes, which
// differ with the mailbox (Postfix's local delivery adds X-Original-To and
// Delivered-To, so the same message is larger in Dovecot's mailbox).
var digits = regexp.MustCompile(`[0-9]+`)

// pop3Text is the compared text of a POP3 status line ("" for SMTP): the
// lab says it answers as Dovecot does, so its words must be Dovecot's, with
// the numbers and a UIDL's unique ID left out. The greeting names the
// server and is not compared.
func pop3Text(o outcome) string {
	if o.reply == nil || o.reply.Protocol != protocol.POP3 || o.step == labelGreet {
		return ""
	}
	line := o.firstLine()
	if f := strings.Fields(line); len(f) == 3 && f[0] == "+OK" && strings.HasPrefix(strings.ToUpper(o.step), "UIDL ") {
		line = f[0] + " " + f[1] + " <unique-id>" // each server makes its own (RFC 1939 7)
	}
	return digits.ReplaceAllString(line, "N")
}

// imapReplyKey is what must agree in an IMAP completion: its status and
// the name of its response code ("NO [TRYCREATE]", "OK [READ-WRITE]"), or
// "+" for a continuation request.
func imapReplyKey(r *protocol.Reply) string {
	if r.Tag == "+" {
		return "+"
	}
	code, _, _ := strings.Cut(r.RespCode, " ")
	if code != "" {
		code = "[" + code + "]"
	}
	return strings.TrimSpace(r.Status + " " + code)
}

// wantProblems lists the outcomes whose first reply line does not start
// with what the step expects from both servers.
func wantProblems(server string, outs []outcome) []string {
	var problems []string
	for _, o := range outs {
		if o.want != "" && !strings.HasPrefix(o.firstLine(), o.want) {
			problems = append(problems, fmt.Sprintf("%s: %s answered %q, want %q", o.step, server, o.firstLine(), o.want))
		}
	}
	return problems
}

// sideBySide renders the rows as a table: step, the lab's reply, the real
// server's reply, and whether they agree.
func sideBySide(rows []comparison, realName string) string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "step\tlab\t%s\tverdict\n", realName)
	for _, c := range rows {
		verdict := "same"
		switch {
		case c.diff != "" && c.why != "":
			verdict = "allowed: " + c.diff
		case c.diff != "":
			verdict = "DIFFERENT: " + c.diff
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", c.step, cell(c.lab), cell(c.real), verdict)
	}
	w.Flush()
	return b.String()
}

// cell shows an outcome in a table: its first line, shortened.
func cell(o outcome) string {
	text := o.firstLine()
	if len(text) > 56 {
		text = text[:53] + "..."
	}
	if o.step == labelTooMany {
		text += fmt.Sprintf(" (after %d errors)", o.errors)
	}
	return text
}

// allowedRow is one difference the test allowed.
type allowedRow struct {
	scenario string
	comparison
}

// allowedTable renders every allowed difference with its reason.
func allowedTable(rows []allowedRow) string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "scenario\tstep\tlab vs real server\twhy it is allowed")
	for _, r := range rows {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", r.scenario, r.step, r.diff, r.why)
	}
	w.Flush()
	return b.String()
}
