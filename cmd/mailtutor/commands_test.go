package main

import (
	"errors"
	"flag"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/lab"
	"github.com/mailtutor/mailtutor/protocol"
)

func TestUsageNamesWhatIsRegistered(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.English, i18n.Chinese} {
		text := usage(lang)
		for _, s := range protocol.Schemes() {
			if !strings.Contains(text, s.Name+"://") {
				t.Errorf("%s: usage does not list the scheme %s", lang, s.Name)
			}
		}
		for _, d := range protocol.Dialects() {
			if !strings.Contains(text, strings.ToUpper(string(d.Protocol()))) {
				t.Errorf("%s: usage does not name the protocol %s", lang, d.Protocol())
			}
		}
		if !strings.Contains(text, strings.Join(lab.ServiceNames(), listSep(lang))) {
			t.Errorf("%s: usage does not list the lab's services %q", lang, lab.ServiceNames())
		}
		for _, line := range strings.Split(text, "\n") {
			if strings.Contains(line, "://") && width(line) > 78 {
				t.Errorf("%s: scheme line of %d columns: %q", lang, width(line), line)
			}
		}
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		list          string
		indent, width int
		want          string
	}{
		{"a, b, c", 0, 78, "a, b, c"},
		{"aaaa, bbbb, cccc", 2, 10, "aaaa,\n  bbbb,\n  cccc"},
		{"aaaa, bb, cccc", 0, 8, "aaaa, bb,\ncccc"},
		{"", 4, 10, ""},
	}
	for _, tt := range tests {
		if got := wrap(tt.list, tt.indent, tt.width); got != tt.want {
			t.Errorf("wrap(%q, %d, %d) = %q, want %q", tt.list, tt.indent, tt.width, got, tt.want)
		}
	}
}

// TestLabWelcomeByProtocol checks that every service of the lab gets the
// welcome of its protocol: one text per protocol, with the address, in
// both languages.
func TestLabWelcomeByProtocol(t *testing.T) {
	l, err := lab.Start(lab.TestConfig())
	if err != nil {
		t.Fatalf("start the lab: %v", err)
	}
	t.Cleanup(func() { l.Close() })
	for _, lang := range []i18n.Lang{i18n.English, i18n.Chinese} {
		byProtocol := map[protocol.Protocol]string{}
		for _, svc := range l.Services() {
			welcome := labWelcome(svc, lang)
			if !strings.Contains(welcome, svc.Addr) {
				t.Errorf("%s, %s: welcome %q lacks the address %s", lang, svc.Name, welcome, svc.Addr)
			}
			general := strings.ReplaceAll(welcome, svc.Addr, "ADDR")
			if seen, ok := byProtocol[svc.Protocol]; ok && seen != general {
				t.Errorf("%s: two %s services are welcomed differently", lang, svc.Protocol)
			}
			byProtocol[svc.Protocol] = general
		}
		if len(byProtocol) < 2 || byProtocol[protocol.SMTP] == byProtocol[protocol.POP3] {
			t.Errorf("%s: SMTP and POP3 services share one welcome", lang)
		}
	}
	if got := labWelcome(lab.Service{Protocol: "toy", Addr: "x"}, i18n.English); got != "" {
		t.Errorf("a protocol without a welcome got %q", got)
	}
}

// TestLabPortsNameEveryService checks the :status line of a prompt on the
// lab: every service, IMAP included, with its address.
func TestLabPortsNameEveryService(t *testing.T) {
	l, err := lab.Start(lab.TestConfig())
	if err != nil {
		t.Fatalf("start the lab: %v", err)
	}
	t.Cleanup(func() { l.Close() })
	line := labPorts(l)
	for _, svc := range l.Services() {
		if !strings.Contains(line, svc.Name+" "+svc.Addr) {
			t.Errorf("%q lacks %s %s", line, svc.Name, svc.Addr)
		}
	}
	if !strings.Contains(line, "imaps ") {
		t.Errorf("%q lacks IMAPS", line)
	}
}

func TestLabService(t *testing.T) {
	l, err := lab.Start(lab.TestConfig())
	if err != nil {
		t.Fatalf("start the lab: %v", err)
	}
	t.Cleanup(func() { l.Close() })
	if svc, err := labService(l, lab.DefaultService); err != nil || svc.Name != lab.DefaultService {
		t.Errorf("default service: %+v, %v", svc, err)
	}
	_, err = labService(l, "gopher")
	if err == nil || !strings.Contains(err.Error(), strings.Join(lab.ServiceNames(), ", ")) {
		t.Errorf("unknown service: %v, want the list of services", err)
	}
}

func TestParseLabFlags(t *testing.T) {
	args := []string{"-domain", "school.test", "-lang", "zh"}
	want := map[string]int{}
	for i, name := range lab.ServiceNames() {
		want[name] = 20000 + i
		args = append(args, "-"+name+"-port", strconv.Itoa(20000+i))
	}
	cfg, lang, _, err := parseLabFlags(args)
	if err != nil || lang != i18n.Chinese || cfg.Domain != "school.test" {
		t.Fatalf("parseLabFlags: %+v %v %v", cfg, lang, err)
	}
	for name, port := range want {
		if got := cfg.Ports[name]; got != port {
			t.Errorf("-%s-port: %d, want %d", name, got, port)
		}
	}
	def, _, _, err := parseLabFlags(nil)
	if err != nil || def.Ports["smtp"] != lab.DefaultConfig().Ports["smtp"] {
		t.Errorf("defaults: %+v %v", def, err)
	}
	quiet(t)
	if _, _, _, err := parseLabFlags([]string{"-h"}); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v", err)
	}
	if _, _, _, err := parseLabFlags([]string{"-lmtp-port", "1"}); !errors.Is(err, errUsage) {
		t.Errorf("unknown flag: %v", err)
	}
}

// quiet sends what the test writes to standard error (flag usage) nowhere.
func quiet(t *testing.T) {
	t.Helper()
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stderr
	os.Stderr = null
	t.Cleanup(func() {
		os.Stderr = saved
		null.Close()
	})
}
