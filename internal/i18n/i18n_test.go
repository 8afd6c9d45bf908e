package i18n

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/mailtutor/mailtutor/protocol"
)

// formatVerb matches one fmt verb.
var formatVerb = regexp.MustCompile(`%[-+# 0]*[0-9]*(\.[0-9]+)?[a-zA-Z%]`)

func hasHan(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}

// checkCatalogs reports every key in one catalog only, every pair of
// messages whose fmt verbs differ and every Chinese message without a
// Chinese character that holds lower-case English.
func checkCatalogs(en, zh map[Key]string) []string {
	var bad []string
	for k, e := range en {
		z, ok := zh[k]
		if !ok {
			bad = append(bad, string(k)+": English only")
			continue
		}
		if strings.Join(formatVerb.FindAllString(e, -1), " ") != strings.Join(formatVerb.FindAllString(z, -1), " ") {
			bad = append(bad, string(k)+": fmt verbs differ")
		}
		bare := formatVerb.ReplaceAllString(z, "")
		if z == "" || (!hasHan(bare) && strings.IndexFunc(bare, unicode.IsLower) >= 0) {
			bad = append(bad, string(k)+": not translated")
		}
	}
	for k := range zh {
		if _, ok := en[k]; !ok {
			bad = append(bad, string(k)+": Chinese only")
		}
	}
	return bad
}

func TestCatalogsHaveTheSameKeys(t *testing.T) {
	for _, problem := range checkCatalogs(english, chinese) {
		t.Error(problem)
	}
	for lang, c := range catalogs {
		if !protocol.Supported(lang) {
			t.Errorf("%s has labels but no protocol explanations", lang)
		}
		if len(c) != len(english) {
			t.Errorf("%s has %d messages, English %d", lang, len(c), len(english))
		}
	}
}

func TestCheckCatalogsCanFail(t *testing.T) {
	tests := []struct {
		name   string
		en, zh map[Key]string
	}{
		{"English only", map[Key]string{"a": "x", "b": "y"}, map[Key]string{"a": "甲"}},
		{"Chinese only", map[Key]string{"a": "x"}, map[Key]string{"a": "甲", "b": "乙"}},
		{"verbs", map[Key]string{"a": "%s and %d"}, map[Key]string{"a": "%d 和 %s"}},
		{"untranslated", map[Key]string{"a": "next: "}, map[Key]string{"a": "next: "}},
		{"empty", map[Key]string{"a": "x"}, map[Key]string{"a": ""}},
	}
	for _, tt := range tests {
		if len(checkCatalogs(tt.en, tt.zh)) == 0 {
			t.Errorf("%s: not reported", tt.name)
		}
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want Lang
	}{
		{map[string]string{}, English},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, Chinese},
		{map[string]string{"LANG": "zh_TW.UTF-8"}, Chinese},
		{map[string]string{"LANG": "ZH"}, Chinese},
		{map[string]string{"LANG": "en_US.UTF-8"}, English},
		{map[string]string{"LANG": "C.UTF-8"}, English},
		{map[string]string{"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, Chinese},
		{map[string]string{"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, Chinese},
		{map[string]string{"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, English},
		{map[string]string{"LC_ALL": "en_GB", "LC_MESSAGES": "zh_CN"}, English},
		{map[string]string{"LC_CTYPE": "zh_CN.UTF-8"}, English},
	}
	for _, tt := range tests {
		if got := Detect(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("Detect(%v) = %q, want %q", tt.env, got, tt.want)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Lang
		ok   bool
	}{
		{"en", English, true}, {"EN", English, true}, {"en_US.UTF-8", English, true},
		{"zh", Chinese, true}, {" zh ", Chinese, true}, {"zh_CN.UTF-8", Chinese, true}, {"zh-Hans", Chinese, true},
		{"", "", false}, {"fr", "", false}, {"english", "", false}, {"zhx", "", false},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("Parse(%q) = %q, %v", tt.in, got, err)
		}
		if err != nil && !errors.Is(err, ErrUnknownLang) {
			t.Errorf("Parse(%q) error %v does not wrap ErrUnknownLang", tt.in, err)
		}
	}
}

func TestTextFallsBackToEnglish(t *testing.T) {
	tests := []struct {
		lang Lang
		want string
	}{
		{English, "next: "}, {Chinese, "下一步："}, {"", "next: "}, {"fr", "next: "},
	}
	for _, tt := range tests {
		if got := Text(tt.lang, NextLabel); got != tt.want {
			t.Errorf("Text(%q, NextLabel) = %q, want %q", tt.lang, got, tt.want)
		}
	}
	if got := Text(Chinese, Key("no-such-key")); got != "no-such-key" {
		t.Errorf("unknown key gives %q", got)
	}
	if got := Textf(Chinese, TLSValid, "2026-01-01", "2027-01-01"); got != "有效期：      2026-01-01 至 2027-01-01" {
		t.Errorf("Textf = %q", got)
	}
}
