package main

import (
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/lab"
)

func TestParseLabLimitFlags(t *testing.T) {
	cfg, _, logPath, err := parseLabFlags([]string{"-idle-timeout", "42s", "-max-conns", "7", "-max-conns-per-client", "3",
		"-auth-free-failures", "5", "-auth-delay", "2s", "-auth-max-delay", "9s", "-auth-forgive", "1m",
		"-smtp-soft-errors", "4", "-smtp-hard-errors", "6", "-error-sleep", "3s", "-max-errors", "8",
		"-trusted-nets", "10.0.0.0/8, 192.168.1.7/24", "-log", "/tmp/x.log"})
	if err != nil {
		t.Fatal(err)
	}
	want := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.168.1.0/24")}
	if cfg.IdleTimeout != 42*time.Second || cfg.MaxConns != 7 || cfg.MaxConnsPerClient != 3 || cfg.AuthFreeFailures != 5 ||
		cfg.AuthDelay != 2*time.Second || cfg.AuthMaxDelay != 9*time.Second || cfg.AuthForgive != time.Minute ||
		cfg.SMTPSoftErrors != 4 || cfg.SMTPHardErrors != 6 || cfg.ErrorSleep != 3*time.Second || cfg.MaxErrors != 8 ||
		len(cfg.TrustedNets) != 2 || cfg.TrustedNets[0] != want[0] || cfg.TrustedNets[1] != want[1] || logPath != "/tmp/x.log" {
		t.Errorf("parsed %+v log %q", cfg, logPath)
	}
	def, _, _, err := parseLabFlags(nil)
	if err != nil || def.IdleTimeout != 300*time.Second || def.TrustedNets != nil || def.SMTPHardErrors != 20 {
		t.Errorf("defaults: idle %v trusted %v hard %d %v", def.IdleTimeout, def.TrustedNets, def.SMTPHardErrors, err)
	}
	quiet(t)
	if _, _, _, err := parseLabFlags([]string{"-trusted-nets", "nonsense"}); err == nil {
		t.Error("a bad -trusted-nets was accepted")
	}
}

func TestOpenLabLogAppendsPrivately(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lab.log")
	if err := os.WriteFile(path, []byte("earlier\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var cfg lab.Config
	note, closeLog, err := openLabLog(&cfg, path, i18n.English)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Logf("smtp %s: connect", "192.0.2.1:4000")
	closeLog()
	raw, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	if len(lines) != 2 || lines[0] != "earlier" || !strings.HasSuffix(lines[1], " smtp 192.0.2.1:4000: connect") {
		t.Fatalf("log file:\n%s", raw)
	}
	stamp, _, _ := strings.Cut(lines[1], " ")
	if _, err := time.Parse(time.RFC3339, stamp); err != nil {
		t.Errorf("time stamp %q: %v", stamp, err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	if !strings.Contains(note, path) {
		t.Errorf("note %q does not name the file", note)
	}
}

// TestLimitsNoteSpeaksDurations: the banner's limits say "5 min" and
// "5 分钟", not Go's "5m0s".
func TestLimitsNoteSpeaksDurations(t *testing.T) {
	cfg := lab.DefaultConfig()
	for lang, want := range map[i18n.Lang][]string{
		i18n.English: {"idle clients cut after 5 min", "waits 1 s", "up to 8 s"},
		i18n.Chinese: {"客户端最多可以空闲 5 分钟；", "要等 1 秒，", "（最多 8 秒）"},
	} {
		note := labLimitsNote(cfg, lang)
		for _, w := range want {
			if !strings.Contains(note, w) {
				t.Errorf("%s limits note lacks %q: %s", lang, w, note)
			}
		}
		if strings.Contains(note, "m0s") {
			t.Errorf("Go's duration form in %s", note)
		}
	}
	if got := spoken(1500*time.Millisecond, i18n.English); got != "1.5s" {
		t.Errorf("1.5 s spoken as %q", got)
	}
}
