package protocol

import (
	"reflect"
	"strings"
	"testing"
)

func TestLookupCode(t *testing.T) {
	tests := []struct {
		query    string
		proto    Protocol
		code     string
		contains []string // in the English explanation's fields, joined
	}{
		{"550", SMTP, "550", []string{"5xx permanent", "mailbox unavailable", "RFC 5321 4.2.3"}},
		{" 550   5.7.1 ", SMTP, "550 5.7.1", []string{"5xx permanent", "5.7.1 delivery not authorized", "RFC 3463 3.8"}},
		{"5.7.1", SMTP, "5.7.1", []string{"5.7.1 delivery not authorized", "RFC 3463 3.8"}},
		{"4.2.2", SMTP, "4.2.2", []string{"4.2.2 "}},
		{"421", SMTP, "421", []string{"4xx temporary failure"}},
		{"354", SMTP, "354", []string{"start mail input"}},
		{"-ERR [IN-USE]", POP3, "-ERR [IN-USE]", []string{"-ERR", "[IN-USE]: the mailbox is locked", "RFC 2449 8.1"}},
		{"-err [sys/temp]", POP3, "-ERR [SYS/TEMP]", []string{"temporary system problem", "RFC 3206"}},
		{"[IN-USE]", POP3, "-ERR [IN-USE]", []string{"mailbox is locked"}},
		{"NO [TRYCREATE]", IMAP, "NO [TRYCREATE]", []string{"tagged NO", "[TRYCREATE] the target mailbox does not exist", "CREATE the mailbox"}},
		{"a7 NO [TRYCREATE]", IMAP, "NO [TRYCREATE]", []string{"[TRYCREATE]"}},
		{"[TRYCREATE]", IMAP, "[TRYCREATE]", []string{"[TRYCREATE] the target mailbox does not exist"}},
		{"* BYE", IMAP, "BYE", []string{"BYE"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			for _, lang := range []Lang{English, Chinese} {
				got, err := LookupCode(tt.query, lang)
				if err != nil || len(got) != 1 {
					t.Fatalf("%s: LookupCode = %+v, %v; want one answer", lang, got, err)
				}
				if got[0].Protocol != tt.proto || got[0].Code != tt.code {
					t.Errorf("%s: %s %q, want %s %q", lang, got[0].Protocol, got[0].Code, tt.proto, tt.code)
				}
				ex := got[0].Explanation
				text := strings.Join([]string{ex.Class, ex.Meaning, ex.Enhanced, ex.Next, ex.RFC}, " | ")
				if lang == Chinese {
					if !hasHan(text) {
						t.Errorf("zh: %q holds no Chinese", text)
					}
					continue
				}
				for _, w := range tt.contains {
					if !strings.Contains(text, w) {
						t.Errorf("en: %q lacks %q", text, w)
					}
				}
				if strings.Contains(text, "greeting") {
					t.Errorf("en: a code looked up alone is explained as a greeting: %q", text)
				}
			}
		})
	}
}

func TestLookupCodeNothing(t *testing.T) {
	for _, q := range []string{"", "hello", "PIPELINING", "650", "5.7", "[not a code", "EHLO"} {
		if got, err := LookupCode(q, English); err != nil || len(got) != 0 {
			t.Errorf("LookupCode(%q) = %+v, %v; want nothing", q, got, err)
		}
	}
	if _, err := LookupCode("550", Lang("fr")); err == nil {
		t.Error("LookupCode in French: no error")
	}
}

func TestLookupKeyword(t *testing.T) {
	tests := []struct {
		proto Protocol
		word  string
		name  string
		rfc   string
	}{
		{SMTP, "PIPELINING", "PIPELINING", "RFC 2920"},
		{SMTP, "size 10485760", "SIZE", "RFC 1870"},
		{SMTP, "ETRN", "ETRN", "RFC 1985"},
		{SMTP, "AUTH=PLAIN", "AUTH=PLAIN", "RFC 4954 3"},
		{SMTP, "CHUNKING", "CHUNKING", "RFC 3030 2"},
		{POP3, "RESP-CODES", "RESP-CODES", "RFC 2449 6.5"},
		{POP3, "SASL PLAIN LOGIN", "SASL", "RFC 2449 6.4, RFC 5034"},
		{IMAP, "IMAP4rev1", "IMAP4REV1", "RFC 3501"},
		{IMAP, "AUTH=CRAM-MD5", "AUTH=CRAM-MD5", "RFC 9051 6.2.2"},
		{IMAP, "THREAD=REFS", "THREAD=REFS", "draft-ietf-morg-inthread"},
		{IMAP, "THREAD=ORDEREDSUBJECT", "THREAD=ORDEREDSUBJECT", "RFC 5256"},
	}
	for _, tt := range tests {
		for _, lang := range []Lang{English, Chinese} {
			k, ok, err := LookupKeyword(tt.proto, tt.word, lang)
			if err != nil || !ok {
				t.Errorf("%s %s %q: not found (%v)", lang, tt.proto, tt.word, err)
				continue
			}
			rfc := tt.rfc
			if lang == Chinese {
				rfc = zhRefs(rfc)
			}
			if k.Name != tt.name || k.RFC != rfc || k.Meaning == "" || k.Command != keywordCommand[tt.proto] {
				t.Errorf("%s %s %q: %+v", lang, tt.proto, tt.word, k)
			}
		}
	}
	if _, ok, _ := LookupKeyword(POP3, "CHUNKING", English); ok {
		t.Error("CHUNKING found among POP3's CAPA tags")
	}
}

// TestKeywordTextsInEveryLanguage: every keyword has a meaning in English
// and in Chinese, and no text lacks its keyword.
func TestKeywordTextsInEveryLanguage(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range keywordSpecs {
		key := string(s.proto) + " " + s.name
		if seen[key] {
			t.Errorf("%s listed twice", key)
		}
		seen[key] = true
		if keywordsEnglish[key] == "" {
			t.Errorf("%s: no English meaning", key)
		}
		if z := keywordsChinese[key]; !hasHan(z) {
			t.Errorf("%s: no Chinese meaning (%q)", key, z)
		}
	}
	for _, m := range []map[string]string{keywordsEnglish, keywordsChinese} {
		for key := range m {
			if !seen[key] {
				t.Errorf("%s has a text but is no keyword", key)
			}
		}
	}
}

// TestKeywordTablesPassTheChineseChecks: the keyword tables meet the rules
// every other table does (same fmt verbs, translated, full-width
// punctuation against Chinese).
func TestKeywordTablesPassTheChineseChecks(t *testing.T) {
	compareTables(t.Errorf, "keywords", reflect.ValueOf(keywordsEnglish), reflect.ValueOf(keywordsChinese))
}
