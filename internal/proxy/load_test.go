package proxy_test

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	gosmtp "github.com/emersion/go-smtp"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/proxy"
)

// sendOne sends one message with go-smtp's client to addr.
func sendOne(addr string, i int) error {
	c, err := gosmtp.Dial(addr)
	if err != nil {
		return err
	}
	defer c.Close()
	msg := fmt.Sprintf("Subject: load %d\r\n\r\nmessage %d\r\n.dot %d\r\n", i, i, i)
	if err := c.SendMail("a@example.test", []string{"b@example.test"}, strings.NewReader(msg)); err != nil {
		return err
	}
	return c.Quit()
}

// prefixed matches a screen line: its connection's number, then the rest.
var prefixed = regexp.MustCompile(`^#(\d+) (.*)$`)

// TestFiftyClientsAtOnce: 50 clients through one proxy at the same time
// lose nothing, and the screen shows each reply whole: the lines of its
// explanation follow its own "S:" lines, never another connection's.
func TestFiftyClientsAtOnce(t *testing.T) {
	upAddr, be := goSMTP(t, nil)
	p := startProxy(t, "smtp://"+upAddr, proxy.Config{}, i18n.English)
	const n = 50
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- sendOne(p.addr, i)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	got := map[string]bool{}
	for _, m := range be.messages() {
		got[string(m.data)] = true
	}
	for i := range n {
		if want := fmt.Sprintf("Subject: load %d\r\n\r\nmessage %d\r\n.dot %d\r\n", i, i, i); !got[want] {
			t.Errorf("message %d did not arrive byte for byte", i)
		}
	}
	if len(p.transcripts(t, n)) != n {
		t.Errorf("want %d transcripts", n)
	}
	lastID := ""
	inReply := false
	for i, l := range strings.Split(strings.TrimSuffix(p.screen.String(), "\n"), "\n") {
		m := prefixed.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("screen line %d has no connection number: %q", i+1, l)
		}
		id, text := m[1], m[2]
		if inReply && id != lastID && strings.HasPrefix(text, "   ") {
			t.Fatalf("screen line %d: connection #%s's explanation right after #%s's reply: %q", i+1, id, lastID, l)
		}
		inReply = strings.HasPrefix(text, "S: ") || inReply && strings.HasPrefix(text, "   ")
		lastID = id
	}
}

// BenchmarkMessage measures one message (connect, EHLO, MAIL, RCPT, DATA,
// QUIT with go-smtp's client to a go-smtp server) directly and through
// the proxy: framing and explaining only, then showing (to io.Discard),
// then writing a transcript too.
func BenchmarkMessage(b *testing.B) {
	upAddr, _ := goSMTP(b, nil)
	cert, err := proxy.MakeCertificate()
	if err != nil {
		b.Fatal(err)
	}
	screen := proxy.NewScreen(io.Discard, false, false, i18n.English)
	for _, tc := range []struct {
		name    string
		through bool
		screen  bool
		record  bool
	}{{"direct", false, false, false}, {"proxy", true, false, false}, {"proxy+screen", true, true, false},
		{"proxy+screen+transcript", true, true, true}} {
		b.Run(tc.name, func(b *testing.B) {
			addr := upAddr
			cfg := proxy.Config{Cert: cert}
			if tc.screen {
				cfg.NewHandler = func(id int, _ time.Time) proxy.Handler { return screen.Handler(id) }
			}
			switch {
			case tc.record:
				addr = startProxy(b, "smtp://"+upAddr, cfg, i18n.English).addr
			case tc.through:
				addr = startBare(b, upAddr, cfg)
			}
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				if err := sendOne(addr, i); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// startBare runs a proxy to the SMTP server at upAddr that shows and keeps nothing.
func startBare(b *testing.B, upAddr string, cfg proxy.Config) string {
	b.Helper()
	cfg.Target.Protocol, cfg.Target.Scheme = "smtp", "smtp"
	host, port, _ := strings.Cut(upAddr, ":")
	cfg.Target.Host = host
	fmt.Sscan(port, &cfg.Target.Port)
	srv, err := proxy.Listen("127.0.0.1:0", cfg)
	if err != nil {
		b.Fatal(err)
	}
	go srv.Serve()
	b.Cleanup(func() { srv.Close() })
	return srv.Addr().String()
}
