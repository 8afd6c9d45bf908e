package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/transcript"
)

// keptTranscript writes a transcript recorded with --keep-secrets: PASS
// with the password in clear.
func keptTranscript(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kept.yaml")
	rec, err := transcript.Create(path, transcript.Transcript{Protocol: transcript.ProtocolPOP3,
		Server: transcript.Server{Host: "127.0.0.1", Port: 1110, TLS: transcript.TLSNone}}, transcript.Options{KeepSecrets: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []transcript.Step{
		{Kind: transcript.KindServer, Text: "+OK ready"},
		{Kind: transcript.KindClient, Text: "USER student"}, {Kind: transcript.KindServer, Text: "+OK"},
		{Kind: transcript.KindClient, Text: "PASS secret123", Secret: transcript.SecretPassword}, {Kind: transcript.KindServer, Text: "+OK Logged in."},
	} {
		if err := rec.Add(s); err != nil {
			t.Fatal(err)
		}
	}
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	if raw, _ := os.ReadFile(path); !strings.Contains(string(raw), "secret123") {
		t.Fatalf("the transcript does not keep the password:\n%s", raw)
	}
	return path
}

// TestLessonMakeFromKeptSecrets: lesson make on a --keep-secrets
// transcript writes a private file (0600) without the password, unless
// asked to keep it.
func TestLessonMakeFromKeptSecrets(t *testing.T) {
	src := keptTranscript(t)
	for _, keep := range []bool{false, true} {
		out := filepath.Join(t.TempDir(), "lesson.yaml")
		args := []string{src, "-o", out, "--lang", "en"}
		if keep {
			args = append(args, "--keep-secrets")
		}
		var w bytes.Buffer
		if err := makeLesson(args, &w); err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		if perm := info.Mode().Perm(); perm != 0o600 {
			t.Errorf("keep=%v: the lesson is %o, want 0600", keep, perm)
		}
		data, _ := os.ReadFile(out)
		if got := strings.Contains(string(data), "secret123"); got != keep {
			t.Errorf("keep=%v: password in the lesson: %v\n%s", keep, got, data)
		}
		if !keep && !strings.Contains(string(data), `client: "PASS {pass}"`) {
			t.Errorf("the password is not replaced by the student's:\n%s", data)
		}
	}
}
