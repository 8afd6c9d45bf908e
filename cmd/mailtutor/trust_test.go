package main

import (
	"bytes"
	"crypto/tls"
	"flag"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/session"
)

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"1GiB": 1 << 30, "500MiB": 500 << 20, "64KiB": 64 << 10, "10MB": 10e6,
		"2k": 2 << 10, "65536": 65536, " 8 MiB ": 8 << 20, "3G": 3 << 30} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "0", "-1", "1.5GiB", "lots", "1TiB", "99999999999G"} {
		if _, err := parseSize(bad); err == nil {
			t.Errorf("parseSize(%q) accepted", bad)
		}
	}
}

// TestTrustFlags: the flags reach the session's options, with the
// defaults where none is given, and a loosening flag warns in the
// user's language.
func TestTrustFlags(t *testing.T) {
	var f trustFlags
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f.register(fs, true)
	var o session.Options
	if err := fs.Parse(nil); err != nil {
		t.Fatal(err)
	}
	f.apply(&o)
	if o.TLSMin != 0 || o.AllowPlaintextAuth || o.ReplyTimeout != session.DefaultReplyTimeout || o.MaxReply != session.DefaultMaxReply {
		t.Errorf("defaults: %+v", o)
	}
	var w bytes.Buffer
	f.warn(&w, i18n.English)
	if w.Len() != 0 {
		t.Errorf("the defaults warn: %q", w.String())
	}
	if err := fs.Parse([]string{"--tls-min", "1.0", "--allow-plaintext-auth", "--reply-timeout", "30s", "--max-reply", "64MiB"}); err != nil {
		t.Fatal(err)
	}
	f.apply(&o)
	if o.TLSMin != tls.VersionTLS10 || !o.AllowPlaintextAuth || o.ReplyTimeout != 30*time.Second || o.MaxReply != 64<<20 {
		t.Errorf("given: %+v", o)
	}
	for lang, want := range map[i18n.Lang][]string{
		i18n.English: {"warning: --tls-min TLS 1.0", "warning: --allow-plaintext-auth"},
		i18n.Chinese: {"注意：--tls-min TLS 1.0", "注意：--allow-plaintext-auth"},
	} {
		w.Reset()
		f.warn(&w, lang)
		for _, s := range want {
			if !strings.Contains(w.String(), s) {
				t.Errorf("%s: the warnings %q lack %q", lang, w.String(), s)
			}
		}
	}
	if err := fs.Parse([]string{"--tls-min", "0.9"}); err == nil {
		t.Error("--tls-min 0.9 accepted")
	}
}
