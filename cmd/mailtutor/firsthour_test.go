package main

import (
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/testkit"
)

// TestLabBannerNamesEveryServiceOfThisLab: the banner of the prompt on the
// lab names every service of this lab (on whatever ports it got) with a
// URL that reaches it, and :connect for the prompt itself; it never sends
// the learner to a second, empty lab with "connect --lab pop3" (issue 14
// bug 1).
func TestLabBannerNamesEveryServiceOfThisLab(t *testing.T) {
	l := testkit.StartLab(t) // free ports, as when 1025, 1587 and 1110 are taken
	svc, _ := l.Service("submission")
	for _, lang := range []i18n.Lang{i18n.English, i18n.Chinese} {
		text := labBanner(l, svc, lang)
		if strings.Contains(text, "--lab") {
			t.Errorf("%s: the banner sends the learner to another lab:\n%s", lang, text)
		}
		if !strings.Contains(text, ":connect pop3") {
			t.Errorf("%s: the banner does not say :connect pop3:\n%s", lang, text)
		}
		for _, s := range l.Services() {
			if !strings.Contains(text, s.URL) {
				t.Errorf("%s: the banner does not name %s at %s:\n%s", lang, s.Name, s.URL, text)
			}
		}
	}
}
