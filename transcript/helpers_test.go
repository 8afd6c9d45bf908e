package transcript

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

var testStart = time.Date(2026, 11, 25, 19, 40, 0, 0, time.UTC)

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

func smtpHeader() Transcript {
	return Transcript{
		Title:    "Send a first message",
		Protocol: ProtocolSMTP,
		Server:   Server{Host: "mail.example.test", Port: 587, TLS: TLSStartTLS},
		Recorded: testStart,
		Tool:     "mailtutor test",
	}
}

// sessionSteps is an SMTP session with every kind of step, secrets given raw
// with their redacted form, as the live prompt hands them to the recorder.
func sessionSteps() []Step {
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	return []Step{
		{At: ms(12), Kind: KindServer, Text: "220 mail.example.test ESMTP Postfix", Note: "2xx: the server is ready"},
		{At: ms(1204), Kind: KindClient, Text: "EHLO student.example"},
		{At: ms(1206), Kind: KindServer, Text: "250-mail.example.test\n250-STARTTLS\n250 8BITMIME"},
		{At: ms(2000), Kind: KindClient, Text: "STARTTLS"},
		{At: ms(2001), Kind: KindServer, Text: "220 2.0.0 Ready to start TLS"},
		{At: ms(2050), Kind: KindTLS, TLS: &TLSInfo{Version: "TLS 1.3", Cipher: "TLS_AES_128_GCM_SHA256",
			ServerName: "mail.example.test", Subject: "CN=mail.example.test", Issuer: "CN=Lab CA",
			DNSNames: []string{"mail.example.test", "localhost"}, NotBefore: testStart.Add(-24 * time.Hour),
			NotAfter: testStart.Add(365 * 24 * time.Hour), Fingerprint: "AB:CD:EF", Verified: false,
			VerifyError: "x509: certificate signed by unknown authority"}},
		{At: ms(3000), Kind: KindClient, Text: "AUTH LOGIN"},
		{At: ms(3001), Kind: KindServer, Text: "334 VXNlcm5hbWU6"},
		{At: ms(4000), Kind: KindClient, Text: b64(testUser), Redacted: "<username>", Secret: SecretUsername},
		{At: ms(4001), Kind: KindServer, Text: "334 UGFzc3dvcmQ6"},
		{At: ms(5000), Kind: KindClient, Text: b64(testPassword), Redacted: "<password>", Secret: SecretPassword,
			Lesson: &LessonNotes{Explain: "The password, base64-encoded.", Hint: "type :b64 PASSWORD"}},
		{At: ms(5002), Kind: KindServer, Text: "235 2.7.0 Authentication successful"},
		{At: ms(6000), Kind: KindClient, Text: "DATA"},
		{At: ms(6001), Kind: KindServer, Text: "354 End data with <CR><LF>.<CR><LF>"},
		{At: ms(7000), Kind: KindData, Text: "Subject: hello\n\n.leading dot\n  indented\n\nbye\n"},
		{At: ms(7100), Kind: KindServer, Text: "250 2.0.0 Ok: queued as 4Xb1"},
		{At: ms(8000), Kind: KindClient, Text: "QUIT"},
		{At: ms(8001), Kind: KindServer, Text: "221 2.0.0 Bye"},
		{At: ms(8002), Kind: KindClosed, Text: "closed by the server"},
	}
}

const (
	testUser     = "student@example.test"
	testPassword = "Tr0ub4dor&3-secret"
)

// asWritten is what the recorder stores for steps: the redacted form of
// secrets unless keep, and no Redacted field.
func asWritten(steps []Step, keep bool) []Step {
	out := make([]Step, len(steps))
	for i, s := range steps {
		if s.Secret != "" {
			s.Kept = keep
			if !keep {
				s.Text = s.Redacted
			}
		}
		s.Redacted = ""
		out[i] = s
	}
	return out
}

// record writes header and steps with a recorder and returns the file path.
func record(t *testing.T, header Transcript, steps []Step, opts Options) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "session.yaml")
	r, err := Create(path, header, opts)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	for i, s := range steps {
		if err := r.Add(s); err != nil {
			t.Fatalf("Add step %d: %v", i+1, err)
		}
	}
	if err := r.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	return path
}

func mustLoad(t *testing.T, path string) *Transcript {
	t.Helper()
	tr, warnings, err := Load(path)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if len(warnings) != 0 {
		t.Fatalf("Load warnings: %q", warnings)
	}
	return tr
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func encode(t testing.TB, tr *Transcript) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := tr.Encode(&buf); err != nil {
		t.Fatalf("Encode: %v", err)
	}
	return buf.Bytes()
}

func wantSteps(t *testing.T, got, want []Step) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d steps, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("step %d:\n got %#v\nwant %#v", i+1, got[i], want[i])
		}
	}
}
