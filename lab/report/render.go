package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/term"
)

// CSVHeader is the header row of the CSV report: stable names, in
// English, for a grade book.
var CSVHeader = []string{"student", "sessions", "login_smtp", "login_pop3", "login_imap", "starttls", "implicit_tls",
	"sent", "sent_with_subject", "pop3_fetched", "imap_fetched", "first", "last"}

// CSV writes the report as CSV (RFC 4180: CRLF, quoted as needed): a
// header row, then one row per student; yes/no for what was done at least
// once, counts, and the times in RFC 3339 UTC.
func CSV(w io.Writer, students []Student) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, s := range students {
		row := []string{s.Name, strconv.Itoa(s.Sessions), yesNo(s.LoginSMTP), yesNo(s.LoginPOP3), yesNo(s.LoginIMAP),
			yesNo(s.StartTLS), yesNo(s.ImplicitTLS), strconv.Itoa(s.Sent), strconv.Itoa(s.WithSubject),
			strconv.Itoa(s.POP3Fetched), strconv.Itoa(s.IMAPFetched), rfc3339(s.First), rfc3339(s.Last)}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// Table writes the report as a table for a terminal, in lang, with a
// total line (the students, without the anonymous sessions' row).
func Table(w io.Writer, students []Student, lang i18n.Lang) error {
	keys := []i18n.Key{i18n.ClassColStudent, i18n.ClassColSessions, i18n.ClassColLogin, i18n.ClassColTLS, i18n.ClassColSent,
		i18n.ClassColSubject, i18n.ClassColPOP3, i18n.ClassColIMAP, i18n.ClassColFirst, i18n.ClassColLast}
	rows := [][]string{make([]string, len(keys))}
	for i, k := range keys {
		rows[0][i] = i18n.Text(lang, k)
	}
	sessions, named := 0, 0
	for _, s := range students {
		sessions += s.Sessions
		if !strings.HasPrefix(s.Name, "_") {
			named++
		}
		rows = append(rows, []string{s.Name, strconv.Itoa(s.Sessions), logins(s), tlsUsed(s, lang), count(s.Sent),
			count(s.WithSubject), count(s.POP3Fetched), count(s.IMAPFetched), clock(s.First), clock(s.Last)})
	}
	widths := make([]int, len(keys))
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], term.Width(cell))
		}
	}
	var b strings.Builder
	for _, row := range rows {
		for i, cell := range row {
			b.WriteString(cell)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-term.Width(cell)+2))
			}
		}
		b.WriteString("\n")
	}
	b.WriteString(i18n.Textf(lang, i18n.ClassTotal, named, sessions) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// logins names the protocols a student logged in with, "-" for none.
func logins(s Student) string {
	var out []string
	for _, l := range []struct {
		ok   bool
		name string
	}{{s.LoginSMTP, "SMTP"}, {s.LoginPOP3, "POP3"}, {s.LoginIMAP, "IMAP"}} {
		if l.ok {
			out = append(out, l.name)
		}
	}
	return orDash(strings.Join(out, " "))
}

// tlsUsed names the ways a student used TLS, "-" for none.
func tlsUsed(s Student, lang i18n.Lang) string {
	var out []string
	if s.StartTLS {
		out = append(out, "STARTTLS")
	}
	if s.ImplicitTLS {
		out = append(out, i18n.Text(lang, i18n.ClassImplicit))
	}
	return orDash(strings.Join(out, " "))
}

func count(n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprint(n)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func clock(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04")
}
