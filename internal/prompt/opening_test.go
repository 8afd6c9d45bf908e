package prompt

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/render"
	"github.com/mailtutor/mailtutor/internal/testkit"
	"github.com/mailtutor/mailtutor/lab/labtest"
	"github.com/mailtutor/mailtutor/session"
)

// goSMTPRunnerTLS is goSMTPRunner with STARTTLS offered (the lab's
// certificate) or not (tlsCert nil).
func goSMTPRunnerTLS(t *testing.T, cert *tls.Certificate, caPEM []byte) (*Runner, *testkit.SyncBuffer, *sink) {
	t.Helper()
	be := &sink{}
	srv := smtp.NewServer(be)
	srv.Domain = "mail.test"
	srv.ReadTimeout = 10 * time.Second
	if cert != nil {
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{*cert}}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	target, _ := session.ParseURL("smtp://" + ln.Addr().String())
	s, err := session.Dial(context.Background(), target, session.Options{Timeout: 5 * time.Second, CAPEM: caPEM})
	if err != nil {
		t.Fatal(err)
	}
	out := &testkit.SyncBuffer{}
	return &Runner{Session: s, Render: render.New(out, false, false)}, out, be
}

// TestOpeningStartsTLS: --starttls sends EHLO, STARTTLS and EHLO again,
// shown as typed lines are, and the script goes on over TLS; on the lab's
// POP3 and IMAP the dialect's own words (CAPA/STLS, CAPABILITY/STARTTLS).
func TestOpeningStartsTLS(t *testing.T) {
	l := labtest.Start(t)
	tests := []struct {
		service string
		script  string
		want    []string
	}{
		{"submission", "QUIT\n", []string{"C: EHLO admin.example", "C: STARTTLS", "S: 220 2.0.0", "TLS: TLS 1.3", "S: 250-AUTH"}},
		{"pop3", "QUIT\n", []string{"C: CAPA", "C: STLS", "S: +OK Begin TLS", "TLS: TLS 1.3"}},
		{"imap", "LOGOUT\n", []string{"C: a1 CAPABILITY", "C: a2 STARTTLS", "TLS: TLS 1.3", "C: a3 CAPABILITY", "C: a4 LOGOUT"}},
	}
	for _, tt := range tests {
		t.Run(tt.service, func(t *testing.T) {
			r, out := runner(t, l, tt.service)
			r.Opening = Opening{StartTLS: true, Name: "admin.example"}
			if err := r.RunScript(strings.NewReader(tt.script)); err != nil {
				t.Fatalf("RunScript: %v\n%s", err, out)
			}
			text := out.String()
			last := 0
			if !strings.Contains(text, i18n.Text(i18n.English, i18n.StartTLSDone)) {
				t.Errorf("output does not say TLS is up:\n%s", text)
			}
			for _, w := range tt.want {
				i := strings.Index(text[last:], w)
				if i < 0 {
					t.Fatalf("output lacks %q after byte %d:\n%s", w, last, text)
				}
				last += i
			}
			if r.Session.TLS() == nil {
				t.Error("no TLS")
			}
		})
	}
}

// TestOpeningRefusedStops: a server that does not offer STARTTLS (go-smtp
// without a certificate) refuses it; nothing more is sent, the error says
// what the server answered, and the session is closed.
func TestOpeningRefusedStops(t *testing.T) {
	r, out, be := goSMTPRunnerTLS(t, nil, nil)
	r.Opening = Opening{StartTLS: true, Name: "admin.example"}
	err := r.RunScript(strings.NewReader("MAIL FROM:<a@b.test>\nRCPT TO:<c@d.test>\nDATA\nsecret\n.\nQUIT\n"))
	if err == nil || errors.Is(err, ErrScript) {
		t.Fatalf("RunScript: %v, want the refusal\n%s", err, out)
	}
	if !strings.Contains(err.Error(), "--starttls: the server did not start TLS (502") {
		t.Errorf("error %q does not give the refusal", err)
	}
	if strings.Contains(out.String(), "C: MAIL FROM") || len(be.messages()) != 0 {
		t.Errorf("the script went on in clear:\n%s", out)
	}
	if r.Session.Mode() != session.ModeClosed {
		t.Errorf("the session is still open")
	}
}

// TestOpeningHelloOnly: --ehlo alone sends that EHLO, then hands over.
func TestOpeningHelloOnly(t *testing.T) {
	r, out, _ := goSMTPRunnerTLS(t, nil, nil)
	r.Opening = Opening{Hello: true, Name: "named.example"}
	if err := r.RunScript(strings.NewReader("NOOP\nQUIT\n")); err != nil {
		t.Fatalf("RunScript: %v\n%s", err, out)
	}
	text := out.String()
	if i, j := strings.Index(text, "C: EHLO named.example"), strings.Index(text, "C: NOOP"); i < 0 || j < i {
		t.Errorf("EHLO named.example not sent before the script:\n%s", text)
	}
	if strings.Contains(text, "STARTTLS") && strings.Contains(text, "C: STARTTLS") {
		t.Errorf("STARTTLS sent without --starttls:\n%s", text)
	}
}
