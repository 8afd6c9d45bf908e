package report

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/transcript"
)

// step makes a step; kinds: c client, s server, d data, t tls.
func step(kind, text string) transcript.Step {
	k := map[string]transcript.Kind{"c": transcript.KindClient, "s": transcript.KindServer, "d": transcript.KindData,
		"t": transcript.KindTLS}[kind]
	s := transcript.Step{Kind: k, Text: text}
	if k == transcript.KindTLS {
		s.Text, s.TLS = "", &transcript.TLSInfo{Version: "TLS 1.3"}
	}
	return s
}

func TestScanner(t *testing.T) {
	tests := []struct {
		name  string
		proto string
		tls   string
		steps []transcript.Step
		want  Student
	}{
		{"smtp auth, starttls, two messages", "smtp", transcript.TLSNone, []transcript.Step{
			step("s", "220 hi"), step("c", "STARTTLS"), step("s", "220 go"), step("t", ""),
			step("c", "AUTH LOGIN"), step("s", "334 VXNlcm5hbWU6"), step("c", "<redacted>"), step("s", "334 UGFzc3dvcmQ6"),
			step("c", "<redacted>"), step("s", "235 2.7.0 ok"),
			step("c", "DATA"), step("s", "354 go"), step("d", "Subject: hi\n\nbody\n"), step("s", "250 queued"),
			step("c", "DATA"), step("s", "354 go"), step("d", "From: a\n\nSubject: not a header\n"), step("s", "250 queued"),
			step("c", "DATA"), step("s", "354 go"), step("d", "Subject: refused\n\n"), step("s", "552 too big"),
		}, Student{LoginSMTP: true, StartTLS: true, Sent: 2, WithSubject: 1}},
		{"smtp auth refused", "smtp", transcript.TLSImplicit, []transcript.Step{
			step("t", ""), step("c", "AUTH PLAIN <redacted>"), step("s", "535 5.7.8 no"),
		}, Student{ImplicitTLS: true}},
		{"pop3 login and fetch", "pop3", transcript.TLSNone, []transcript.Step{
			step("s", "+OK hi"), step("c", "USER student"), step("s", "+OK"), step("c", "PASS <redacted>"),
			step("s", "+OK Logged in."), step("c", "RETR 1"), step("s", "+OK 3 octets\nhi\n."),
			step("c", "TOP 1 0"), step("s", "+OK\nhi\n."), step("c", "RETR 9"), step("s", "-ERR no such message"),
		}, Student{LoginPOP3: true, POP3Fetched: 2}},
		{"pop3 auth plain", "pop3", transcript.TLSNone, []transcript.Step{
			step("c", "AUTH PLAIN"), step("s", "+ "), step("c", "<redacted>"), step("s", "+OK Logged in."),
		}, Student{LoginPOP3: true}},
		{"pop3 wrong password", "pop3", transcript.TLSNone, []transcript.Step{
			step("c", "USER student"), step("s", "+OK"), step("c", "PASS <redacted>"), step("s", "-ERR [AUTH] no"),
		}, Student{}},
		{"imap login and fetches", "imap", transcript.TLSNone, []transcript.Step{
			step("s", "* OK hi"), step("c", "a STARTTLS"), step("s", "a OK go"), step("t", ""),
			step("c", "b LOGIN student <redacted>"), step("s", "b OK Logged in"),
			step("c", "c SELECT INBOX"), step("s", "* 1 EXISTS"), step("s", "c OK done"),
			step("c", "d FETCH 1 (BODY.PEEK[HEADER])"), step("s", "* 1 FETCH (BODY[HEADER] {2}\nx\n)"), step("s", "d OK done"),
			step("c", "e UID FETCH 1 (FLAGS BODY[])"), step("s", "* 1 FETCH (BODY[] {2}\nx\n)"), step("s", "e OK done"),
			step("c", "f FETCH 1 RFC822"), step("s", "f NO nothing"),
		}, Student{LoginIMAP: true, StartTLS: true, IMAPFetched: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := newScanner(transcript.Transcript{Protocol: tt.proto, Server: transcript.Server{TLS: tt.tls}})
			for _, s := range tt.steps {
				sc.step(s)
			}
			var got Student
			sc.addTo(&got)
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// writeTranscript writes a transcript file under dir/user.
func writeTranscript(t *testing.T, dir, user, name, proto string, at time.Time, steps ...transcript.Step) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, user), 0o700); err != nil {
		t.Fatal(err)
	}
	head := transcript.Transcript{Protocol: proto, Recorded: at, Server: transcript.Server{Host: "lab", Port: 1587, TLS: transcript.TLSNone}}
	rec, err := transcript.Create(filepath.Join(dir, user, name), head, transcript.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range steps {
		s.At = time.Duration(i) * time.Second
		if err := rec.Add(s); err != nil {
			t.Fatal(err)
		}
	}
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestReadTableAndCSV(t *testing.T) {
	dir := t.TempDir()
	at := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	writeTranscript(t, dir, "student02", "submission-1.yaml", "smtp", at,
		step("s", "220 hi"), step("c", "AUTH PLAIN <redacted>"), step("s", "235 ok"),
		step("c", "DATA"), step("s", "354 go"), step("d", "Subject: a, \"b\"\n\nx\n"), step("s", "250 ok"))
	writeTranscript(t, dir, "student01", "pop3-1.yaml", "pop3", at.Add(time.Hour),
		step("c", "USER student01"), step("s", "+OK"), step("c", "PASS <redacted>"), step("s", "+OK in"))
	writeTranscript(t, dir, "student01", "pop3-2.yaml", "pop3", at.Add(2*time.Hour),
		step("c", "APOP student01 <redacted>"), step("s", "+OK in"), step("c", "RETR 1"), step("s", "+OK\nx\n."))
	writeTranscript(t, dir, "_anonymous", "smtp-3.yaml", "smtp", at, step("s", "220 hi"))
	if err := os.WriteFile(filepath.Join(dir, "student01", "broken.yaml"), []byte("not: a transcript\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	students, problems, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || !strings.HasSuffix(problems[0].Path, "broken.yaml") {
		t.Errorf("problems %v", problems)
	}
	var names []string
	for _, s := range students {
		names = append(names, s.Name)
	}
	if strings.Join(names, " ") != "student01 student02 _anonymous" {
		t.Fatalf("students %v", names)
	}
	s1 := students[0]
	if s1.Sessions != 2 || !s1.LoginPOP3 || s1.POP3Fetched != 1 || !s1.First.Equal(at.Add(time.Hour)) || !s1.Last.Equal(at.Add(2*time.Hour+3*time.Second)) {
		t.Errorf("student01 %+v", s1)
	}

	var b bytes.Buffer
	if err := CSV(&b, students); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "\r\n") {
		t.Error("CSV lines do not end in CRLF (RFC 4180)")
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{CSVHeader,
		{"student01", "2", "no", "yes", "no", "no", "no", "0", "0", "1", "0", "2026-12-06T10:00:00Z", "2026-12-06T11:00:03Z"},
		{"student02", "1", "yes", "no", "no", "no", "no", "1", "1", "0", "0", "2026-12-06T09:00:00Z", "2026-12-06T09:00:06Z"},
		{"_anonymous", "1", "no", "no", "no", "no", "no", "0", "0", "0", "0", "2026-12-06T09:00:00Z", "2026-12-06T09:00:00Z"},
	}
	if len(rows) != len(want) {
		t.Fatalf("CSV rows %q", rows)
	}
	for i := range want {
		if strings.Join(rows[i], ",") != strings.Join(want[i], ",") {
			t.Errorf("row %d\n got %q\nwant %q", i, rows[i], want[i])
		}
	}

	for _, lang := range []i18n.Lang{i18n.English, i18n.Chinese} {
		b.Reset()
		if err := Table(&b, students, lang); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(b.String()), "\n")
		if len(lines) != 5 || !strings.Contains(lines[4], "2") || !strings.HasPrefix(lines[1], "student01") || !strings.Contains(lines[2], "SMTP") {
			t.Errorf("%s table:\n%s", lang, b.String())
		}
		if lang == i18n.Chinese && !strings.Contains(lines[0], "学生") {
			t.Errorf("Chinese heading: %s", lines[0])
		}
	}
}

func TestWithAccountsListsTheAbsent(t *testing.T) {
	got := WithAccounts([]Student{{Name: "student02", Sessions: 1}, {Name: "_anonymous", Sessions: 2}},
		[]string{"student03", "student01", "student02"})
	var names []string
	for _, s := range got {
		names = append(names, s.Name)
	}
	if strings.Join(names, " ") != "student01 student02 student03 _anonymous" || got[1].Sessions != 1 || got[0].Sessions != 0 {
		t.Errorf("WithAccounts: %+v", got)
	}
}
