package session

import (
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/protocol"
)

// TestSessionTextsInEveryLanguage: each of the session's own messages is
// there in English and Chinese, with the same values to fill in.
func TestSessionTextsInEveryLanguage(t *testing.T) {
	en := sessionTexts[protocol.English]
	for _, lang := range protocol.Langs() {
		texts, ok := sessionTexts[lang]
		if !ok {
			t.Errorf("no session texts in %s", lang)
			continue
		}
		for key := txtTLSFailed; key <= txtLastKey; key++ {
			text, ok := texts[key]
			switch {
			case !ok || text == "":
				t.Errorf("%s: message %d is missing", lang, key)
			case verbs(text) != verbs(en[key]):
				t.Errorf("%s: message %d has verbs %q, English %q", lang, key, verbs(text), verbs(en[key]))
			}
		}
		if len(texts) != int(txtLastKey)+1 {
			t.Errorf("%s has %d messages, want %d", lang, len(texts), txtLastKey+1)
		}
	}
}

// verbs lists the fmt verbs of a format in order.
func verbs(format string) string {
	var b strings.Builder
	for i := 0; i < len(format)-1; i++ {
		if format[i] == '%' {
			b.WriteByte(format[i+1])
			i++
		}
	}
	return b.String()
}

func TestAdminTextsInEveryLanguage(t *testing.T) {
	for lang, texts := range adminTexts {
		for key := txtMXLookup; key <= txtAdminLast; key++ {
			if texts[key] == "" {
				t.Errorf("%s: admin message %d missing", lang, key)
			}
		}
		if len(texts) != int(txtAdminLast)+1 {
			t.Errorf("%s has %d admin messages, want %d", lang, len(texts), txtAdminLast+1)
		}
	}
}
