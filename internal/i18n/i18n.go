// Package i18n holds the words of mailtutor's own interface - labels such
// as "next:", the :help page of the prompt, the banners of the lab - in
// every language the tool speaks, and picks a language from the
// environment. What a server reply means is the protocol package's job
// (protocol.ExplainIn); this package is for the text around it.
package i18n

import (
	"errors"
	"fmt"
	"strings"

	"github.com/mailtutor/mailtutor/protocol"
)

// Lang is a language of the interface; it is the protocol package's
// language, so one value chooses both the labels and the explanations.
type Lang = protocol.Lang

// The languages of the interface.
const (
	English = protocol.English
	Chinese = protocol.Chinese
)

// ErrUnknownLang is returned by Parse for a name that is no language the
// tool speaks.
var ErrUnknownLang = errors.New("unknown language")

// catalogs holds the messages of each language.
var catalogs = map[Lang]map[Key]string{English: english, Chinese: chinese}

// Detect picks the language from the locale variables of env (os.Getenv
// in the program): the first one set of LC_ALL, LC_MESSAGES and LANG
// decides, as in POSIX; a value starting with "zh" (zh_CN.UTF-8, zh_TW,
// zh) means Chinese, anything else English.
func Detect(env func(string) string) Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := env(name); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "zh") {
				return Chinese
			}
			return English
		}
	}
	return English
}

// Parse reads a language name as a user gives it to --lang: "en", "zh",
// or a locale such as "zh_CN.UTF-8", "zh-Hans" or "en_US", in any case.
func Parse(name string) (Lang, error) {
	lower := strings.ToLower(strings.TrimSpace(name))
	switch {
	case lower == "en" || strings.HasPrefix(lower, "en_") || strings.HasPrefix(lower, "en-") || strings.HasPrefix(lower, "en."):
		return English, nil
	case lower == "zh" || strings.HasPrefix(lower, "zh_") || strings.HasPrefix(lower, "zh-") || strings.HasPrefix(lower, "zh."):
		return Chinese, nil
	}
	return "", fmt.Errorf("language %q: %w (use en or zh)", name, ErrUnknownLang)
}

// Resolve returns lang when the interface speaks it, else English (the
// zero Lang included), so a zero-valued field means English.
func Resolve(lang Lang) Lang {
	if _, ok := catalogs[lang]; ok {
		return lang
	}
	return English
}

// Text returns the message key in lang (English for a language the tool
// does not speak). A key missing from every catalog returns the key
// itself, so the gap shows instead of an empty line.
func Text(lang Lang, key Key) string {
	if s, ok := catalogs[Resolve(lang)][key]; ok {
		return s
	}
	if s, ok := english[key]; ok {
		return s
	}
	return string(key)
}

// Textf formats the message key in lang with args, like fmt.Sprintf.
func Textf(lang Lang, key Key, args ...any) string {
	return fmt.Sprintf(Text(lang, key), args...)
}
