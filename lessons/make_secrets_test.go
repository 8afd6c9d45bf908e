package lessons

import (
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/transcript"
)

// TestLessonFromKeptSecrets: a transcript recorded with --keep-secrets
// holds credentials in clear; the lesson made from it has the helpers in
// their place unless asked to keep them.
func TestLessonFromKeptSecrets(t *testing.T) {
	server := func(text string) transcript.Step { return transcript.Step{Kind: transcript.KindServer, Text: text} }
	kept := func(text, kind string) transcript.Step {
		return transcript.Step{Kind: transcript.KindClient, Text: text, Secret: kind, Kept: true}
	}
	plain := "AUTH PLAIN " + codec.B64("\x00student\x00secret123")
	tr := &transcript.Transcript{Protocol: transcript.ProtocolSMTP, Server: transcript.Server{Host: "h", Port: 40000, TLS: transcript.TLSNone},
		Steps: []transcript.Step{server("220 hi"),
			{Kind: transcript.KindClient, Text: "AUTH LOGIN"}, server("334 VXNlcm5hbWU6"),
			kept(codec.B64("student"), transcript.SecretUsername), server("334 UGFzc3dvcmQ6"),
			kept(codec.B64("secret123"), transcript.SecretPassword), server("235 ok"),
			kept(plain, transcript.SecretSASLInitialResponse), server("503 already"),
			kept("PASS secret123", transcript.SecretPassword), server("500 what")}}
	if n := KeptSecrets(tr); n != 4 {
		t.Errorf("KeptSecrets = %d, want 4", n)
	}
	redacted := string(FromTranscript(tr))
	for _, secret := range []string{"secret123", codec.B64("secret123"), codec.B64("student"), plain[len("AUTH PLAIN "):]} {
		if strings.Contains(redacted, secret) {
			t.Errorf("the lesson holds %q:\n%s", secret, redacted)
		}
	}
	for _, want := range []string{`client: ":b64 {user}"`, `client: ":b64 {pass}"`, `client: ":plain {user} {pass}"`, `client: "PASS {pass}"`} {
		if !strings.Contains(redacted, want) {
			t.Errorf("the lesson lacks %s:\n%s", want, redacted)
		}
	}
	keptLesson := string(FromTranscriptWith(tr, MakeOptions{KeepSecrets: true}))
	if !strings.Contains(keptLesson, `client: "PASS secret123"`) || !strings.Contains(keptLesson, plain) {
		t.Errorf("asked to keep them, the lesson lost the credentials:\n%s", keptLesson)
	}
}
