package protocol

import (
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// formatVerb matches one fmt verb, so that a translation can be checked to
// take the same arguments in the same order.
var formatVerb = regexp.MustCompile(`%[-+# 0]*[0-9]*(\.[0-9]+)?[a-zA-Z%]`)

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}

// report receives one mismatch between the language tables.
type report func(format string, args ...any)

// compareTables walks the English and the Chinese value of one table in
// step and reports every key present in one language only, every string
// empty in one language only, every pair of strings whose fmt verbs
// differ, and every Chinese string that looks untranslated.
func compareTables(fail report, path string, en, zh reflect.Value) {
	switch en.Kind() {
	case reflect.Struct:
		for i := 0; i < en.NumField(); i++ {
			compareTables(fail, path+"."+en.Type().Field(i).Name, en.Field(i), zh.Field(i))
		}
	case reflect.Map:
		for _, k := range en.MapKeys() {
			if v := zh.MapIndex(k); v.IsValid() {
				compareTables(fail, path+"["+keyString(k)+"]", en.MapIndex(k), v)
			} else {
				fail("%s[%s]: English only, no Chinese", path, keyString(k))
			}
		}
		for _, k := range zh.MapKeys() {
			if !en.MapIndex(k).IsValid() {
				fail("%s[%s]: Chinese only, no English", path, keyString(k))
			}
		}
	case reflect.String:
		compareStrings(fail, path, en.String(), zh.String())
	case reflect.Func: // a language's way of writing something (refs), optional
	default:
		fail("%s: the test does not know tables of kind %s; teach it", path, en.Kind())
	}
}

// keyString prints a map key of the kinds the tables use.
func keyString(k reflect.Value) string {
	switch k.Kind() {
	case reflect.String:
		return strconv.Quote(k.String())
	case reflect.Int:
		return strconv.FormatInt(k.Int(), 10)
	}
	return k.Kind().String()
}

// compareStrings checks one sentence and its translation.
func compareStrings(fail report, path, en, zh string) {
	if (en == "") != (zh == "") {
		fail("%s: English %q, Chinese %q: one of them is empty", path, en, zh)
	}
	if ev, zv := formatVerb.FindAllString(en, -1), formatVerb.FindAllString(zh, -1); !equalStrings(ev, zv) {
		fail("%s: fmt verbs differ: English %q has %q, Chinese %q has %q", path, en, ev, zh, zv)
	}
	bare := formatVerb.ReplaceAllString(zh, "")
	if !hasHan(bare) && strings.IndexFunc(bare, unicode.IsLower) >= 0 {
		fail("%s: Chinese %q looks untranslated", path, zh)
	}
}

func TestChineseTablesMatchEnglish(t *testing.T) {
	compareTables(t.Errorf, "texts", reflect.ValueOf(english), reflect.ValueOf(chinese))
}

// TestCompareTablesCatchesMismatches proves the walk above can fail.
func TestCompareTablesCatchesMismatches(t *testing.T) {
	tests := []struct {
		name   string
		en, zh any
	}{
		{"key only in English", map[string]string{"a": "x", "b": "y"}, map[string]string{"a": "甲"}},
		{"key only in Chinese", map[int]string{1: "x"}, map[int]string{1: "甲", 2: "乙"}},
		{"nested key missing", map[string]map[int]string{"A": {1: "x", 2: "y"}}, map[string]map[int]string{"A": {1: "甲"}}},
		{"empty translation", map[string]string{"a": "x"}, map[string]string{"a": ""}},
		{"verbs differ", map[string]string{"a": "%d of %s"}, map[string]string{"a": "%s 的 %d"}},
		{"untranslated", map[string]string{"a": "try again later"}, map[string]string{"a": "try again later"}},
		{"struct field", pop3Text{OK: "ok", Err: "err"}, pop3Text{OK: "好"}},
	}
	for _, tt := range tests {
		var got []string
		collect := func(format string, args ...any) { got = append(got, format) }
		compareTables(collect, "demo", reflect.ValueOf(tt.en), reflect.ValueOf(tt.zh))
		if len(got) == 0 {
			t.Errorf("%s: not reported", tt.name)
		}
	}
	var got []string
	compareTables(func(f string, _ ...any) { got = append(got, f) }, "demo",
		reflect.ValueOf(map[string]string{"a": "%d lines"}), reflect.ValueOf(map[string]string{"a": "%d 行"}))
	if len(got) != 0 {
		t.Errorf("a good translation was reported: %q", got)
	}
}
