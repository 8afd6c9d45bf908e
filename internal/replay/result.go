package replay

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/mailtutor/mailtutor/internal/term"
	"github.com/mailtutor/mailtutor/protocol"
)

// Verdict is how a live step compares with the recorded one: for a reply,
// protocol.Compare's sameness, made stricter by AgainstOptions.Strict.
type Verdict int

// The verdicts, from good to bad.
const (
	Match       Verdict = iota // same tone and status (code, +OK), same text
	TextDiffers                // same tone and status, another text (a mismatch with Strict)
	Mismatch                   // another tone or status, or no reply at all
)

// String is the verdict as the table shows it.
func (v Verdict) String() string {
	switch v {
	case Match:
		return "match"
	case TextDiffers:
		return "text differs"
	}
	return "MISMATCH"
}

// Row is one compared step: a reply, a TLS handshake or the close.
type Row struct {
	Step          int            // 1-based number of the step in the transcript
	Sent          string         // the client line answered, secrets redacted; "(greeting)", "(TLS handshake)", ...
	Recorded      []string       // the recorded reply lines
	Live          []string       // the live reply lines; nil when none came
	RecordedClass protocol.Class // replies only
	LiveClass     protocol.Class // replies only
	Problem       string         // why there is no live reply, or ""
	Verdict       Verdict
	// Why says in words what differs, when the protocol compares more
	// than one reply at a time (IMAP: the replies to a command); "" else.
	Why string
}

// Result is the outcome of Against.
type Result struct {
	Rows          []Row // one per compared step, in order
	FirstMismatch int   // step number of the first mismatch; 0 when every step matched
	NotRun        int   // steps left unchecked after the first mismatch
}

// ErrMismatch is wrapped by Result.Err when a step did not match.
var ErrMismatch = errors.New("the server does not answer as recorded")

// Err names the first mismatching step, or is nil when there is none.
func (res Result) Err() error {
	for _, row := range res.Rows {
		if row.Verdict == Mismatch {
			return fmt.Errorf("%w: step %d (%s): recorded %q, live %s", ErrMismatch, row.Step, row.Sent, firstLine(row.Recorded), liveText(row))
		}
	}
	return nil
}

// WriteTable prints the comparison side by side, then every difference in
// full and a summary. Colour marks the verdicts when useColor is set.
func WriteTable(w io.Writer, res Result, useColor bool) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STEP\tSENT\tRECORDED\tLIVE\tVERDICT")
	for _, row := range res.Rows {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", row.Step, cell(row.Sent), cell(firstLine(row.Recorded)),
			cell(liveFirst(row)), paint(row.Verdict, useColor))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write the table: %w", err)
	}
	var b strings.Builder
	for _, row := range res.Rows {
		if row.Verdict != Match {
			writeDiff(&b, row)
		}
	}
	b.WriteString(summary(res))
	_, err := io.WriteString(w, b.String())
	return err
}

// writeDiff shows a differing step: its lines as writeLines lines them
// up, and why no live reply came, if none did.
func writeDiff(b *strings.Builder, row Row) {
	fmt.Fprintf(b, "\nstep %d, %s: %s\n", row.Step, row.Sent, row.Verdict)
	switch {
	case row.Why != "":
		fmt.Fprintf(b, "  %s\n", row.Why)
	case row.Verdict == Mismatch && row.Problem == "" && row.RecordedClass != row.LiveClass:
		fmt.Fprintf(b, "  recorded %s, live %s\n", row.RecordedClass, row.LiveClass)
	}
	writeLines(b, row) // linediff.go
	if row.Problem != "" {
		fmt.Fprintf(b, "  + (%s)\n", row.Problem)
	}
}

func summary(res Result) string {
	counts := map[Verdict]int{}
	for _, row := range res.Rows {
		counts[row.Verdict]++
	}
	s := fmt.Sprintf("\n%d steps compared: %d match, %d text differs, %d MISMATCH", len(res.Rows), counts[Match], counts[TextDiffers], counts[Mismatch])
	if res.NotRun > 0 {
		s += fmt.Sprintf("; %d steps after the first mismatch were not replayed", res.NotRun)
	}
	return s + "\n"
}

func paint(v Verdict, useColor bool) string {
	c := map[Verdict]term.Color{Match: term.Green, TextDiffers: term.Yellow, Mismatch: term.Red}[v]
	return term.Paint(useColor, term.Style{Color: c, Bold: true}, v.String())
}

// cellWidth bounds a table cell, so that a long reply keeps the table readable.
const cellWidth = 40

func cell(s string) string {
	s = shown(strings.ReplaceAll(s, "\t", " "))
	if utf8.RuneCountInString(s) <= cellWidth {
		return s
	}
	return string([]rune(s)[:cellWidth-1]) + "…"
}

// shown is a line safe to print: a CR, a LF or another control byte
// inside it (an IMAP literal may hold any) written as an escape, invalid
// UTF-8 as \xNN.
func shown(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' || c == 0x7f {
			clean = false
			break
		}
	}
	if clean && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == utf8.RuneError && n == 1, r < 0x20 && r != '\t', r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func liveFirst(row Row) string {
	if row.Live == nil {
		return "(" + row.Problem + ")"
	}
	return firstLine(row.Live)
}

func liveText(row Row) string {
	if row.Live == nil {
		return row.Problem
	}
	return fmt.Sprintf("%q", firstLine(row.Live))
}

func firstLine(lines []string) string { return lineAt(lines, 0) }

func lineAt(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return ""
}
