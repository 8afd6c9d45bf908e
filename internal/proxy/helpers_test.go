package proxy_test

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/proxy"
	"github.com/mailtutor/mailtutor/internal/testkit"
	"github.com/mailtutor/mailtutor/session"
)

const (
	testUser = "student"
	testPass = "secret123"
)

// message is one message a go-smtp backend received.
type message struct {
	from string
	to   []string
	data []byte
}

// backend is a go-smtp backend that keeps every message and checks
// credentials against testUser/testPass.
type backend struct {
	mu    sync.Mutex
	msgs  []message
	rcpts int
}

func (b *backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &backendSession{b: b}, nil }

func (b *backend) messages() []message {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]message(nil), b.msgs...)
}

type backendSession struct {
	b    *backend
	auth bool
	m    message
}

func (s *backendSession) AuthMechanisms() []string { return []string{sasl.Plain} }
func (s *backendSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != testUser || pass != testPass {
			return errors.New("bad credentials")
		}
		s.auth = true
		return nil
	}), nil
}
func (s *backendSession) Mail(from string, _ *smtp.MailOptions) error {
	s.m = message{from: from}
	return nil
}
func (s *backendSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.b.mu.Lock()
	s.b.rcpts++
	s.b.mu.Unlock()
	s.m.to = append(s.m.to, to)
	return nil
}
func (s *backendSession) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.m.data = data
	s.b.mu.Lock()
	s.b.msgs = append(s.b.msgs, s.m)
	s.b.mu.Unlock()
	return nil
}
func (s *backendSession) Reset()        {}
func (s *backendSession) Logout() error { return nil }

// goSMTP runs a go-smtp server on 127.0.0.1:0, with STARTTLS when cert is
// not nil (its PEM is what the proxy must trust).
func goSMTP(t testing.TB, cert *proxy.Certificate) (string, *backend) {
	t.Helper()
	be := &backend{}
	srv := smtp.NewServer(be)
	srv.Domain = "upstream.test"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout = 20 * time.Second
	if cert != nil {
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert.Pair}, MinVersion: tls.VersionTLS12}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String(), be
}

// running is a proxy started for one test, its screen and transcripts.
type running struct {
	srv    *proxy.Server
	addr   string
	cert   *proxy.Certificate
	screen *testkit.SyncBuffer
	dir    string
	mu     sync.Mutex
	saved  map[int]string // connection → transcript
	errs   []error
}

// startProxy runs a proxy to target (a URL) with cfg's other fields, a
// screen in lang and a transcript per connection.
func startProxy(t testing.TB, target string, cfg proxy.Config, lang i18n.Lang) *running {
	t.Helper()
	tg, err := session.ParseURL(target)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Target = tg
	cfg.Upstream.Lang = lang
	if cfg.Cert == nil {
		if cfg.Cert, err = proxy.MakeCertificate(); err != nil {
			t.Fatal(err)
		}
	}
	r := &running{cert: cfg.Cert, screen: &testkit.SyncBuffer{}, dir: t.TempDir(), saved: map[int]string{}}
	screen := proxy.NewScreen(r.screen, false, false, lang)
	rec := &proxy.Recorder{Dir: r.dir, Tool: "mailtutor test", Target: tg,
		Done: func(id int, path string, err error) {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.saved[id] = path
			if err != nil {
				r.errs = append(r.errs, err)
			}
		}}
	cfg.NewHandler = func(id int, started time.Time) proxy.Handler {
		h, err := rec.Handler(id, started)
		if err != nil {
			t.Errorf("start transcript: %v", err)
			return screen.Handler(id)
		}
		return proxy.Handlers{screen.Handler(id), h}
	}
	srv, err := proxy.Listen("127.0.0.1:0", cfg)
	if err != nil {
		t.Fatal(err)
	}
	r.srv, r.addr = srv, srv.Addr().String()
	done := make(chan error, 1)
	go func() { done <- srv.Serve() }()
	t.Cleanup(func() {
		srv.Close()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
		if t.Failed() {
			t.Logf("proxy screen:\n%s", r.screen.String())
		}
	})
	return r
}

// clientTLS trusts the proxy's certificate.
func (r *running) clientTLS() *tls.Config {
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(r.cert.PEM)
	return &tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
}

// transcripts waits until n connections have ended and returns their
// transcripts' contents, by connection number.
func (r *running) transcripts(t testing.TB, n int) map[int][]byte {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		r.mu.Lock()
		got, errs := len(r.saved), append([]error(nil), r.errs...)
		r.mu.Unlock()
		if len(errs) > 0 {
			t.Fatalf("transcripts: %v", errs)
		}
		if got >= n {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d connections ended within 10s", got, n)
		}
		time.Sleep(10 * time.Millisecond)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	out := map[int][]byte{}
	for id, path := range r.saved {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Dir(path) != r.dir {
			t.Errorf("transcript %s outside %s", path, r.dir)
		}
		out[id] = data
	}
	return out
}

// noSecret fails the test when data holds any of the secrets.
func noSecret(t testing.TB, what string, data []byte, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if bytes.Contains(data, []byte(s)) {
			t.Errorf("%s holds the secret %q", what, s)
		}
	}
}
