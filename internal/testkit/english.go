package testkit

import (
	"github.com/mailtutor/mailtutor/protocol"
	"regexp"
	"strings"
	"unicode"
)

// EnglishOnChineseScreen returns the lines of out, a screen shown in
// Chinese, that hold an English sentence of the tool's own (one finding
// per line, the line as it was). What is not the tool's text is left out
// first:
//
//   - lines of the server ("S: …") and what the user sent ("C: …"; the
//     tool's note after two spaces, "C: AUTH PLAIN …  (note)", is kept);
//   - text in backticks, “…” and 「…」: a command to type, a server's
//     words quoted; what follows "原文：" to the end of the line (an
//     error of Go or of the system, kept as a detail after the Chinese);
//   - tokens that are a command, a flag or a format: :b64, {plain:…},
//     --lang, -h, %s, <addr>, [FLAGS]; a URL, host, address or path (any
//     token with / . @ or =); a number or hex; a word in capitals (EHLO,
//     CRAM-MD5, TEXT); a word of Allowed (smtp, mailtutor, base64…).
//
// What is left is cut into stretches without Chinese; a stretch is an
// English sentence when it holds three or more English words (letters,
// lower case or capitalized) or any one of the function words of
// stopWords ("the", "of", "usage"…), which Chinese never needs. A
// Chinese key with an ASCII value ("已验证=true") counts too.
func EnglishOnChineseScreen(out string) []string {
	var found []string
	for _, line := range strings.Split(out, "\n") {
		if englishLine(line) {
			found = append(found, strings.TrimSpace(line))
		}
	}
	return found
}

// Allowed are lower-case words that are not English on a Chinese screen:
// names of the tool, its subcommands, languages and formats, which a user
// types as they are; the schemes' names (the services) are added from
// protocol.Schemes, their dialects' own.
var Allowed = withSchemes(map[string]bool{
	"mailtutor": true, "connect": true, "lab": true, "replay": true, "proxy": true,
	"transcript": true, "export": true, "check": true, "lesson": true, "lessons": true,
	"list": true, "make": true, "explain": true, "version": true, "help": true,
	"mx": true, "en": true, "zh": true, "md": true,
	"html": true, "yaml": true, "localhost": true, "ms": true, "µs": true, "s": true,
	"student": true, "secret": true, "alice": true, "bob": true,
})

// withSchemes adds the name of every registered scheme to words.
func withSchemes(words map[string]bool) map[string]bool {
	for _, s := range protocol.Schemes() {
		words[s.Name] = true
	}
	return words
}

// stopWords are English words no Chinese sentence needs: one of them in a
// stretch without Chinese marks it as English.
var stopWords = map[string]bool{
	"the": true, "of": true, "to": true, "in": true, "on": true, "for": true,
	"with": true, "without": true, "is": true, "are": true, "was": true, "be": true,
	"not": true, "no": true, "and": true, "or": true, "by": true, "from": true,
	"at": true, "as": true, "this": true, "that": true, "it": true, "you": true,
	"your": true, "usage": true, "Usage": true, "error": true, "unknown": true,
	"keyed": true, "redacted": true, "unterminated": true, "refused": true,
	"timeout": true, "closed": true, "needs": true, "cannot": true, "Flags": true,
	"user": true,
}

var (
	// quoted: spans that are a command or someone else's words.
	quoted = regexp.MustCompile("`[^`]*`|“[^”]*”|「[^」]*」")
	// hanKeyValue: a Chinese key with an ASCII value, 已验证=true.
	hanKeyValue = regexp.MustCompile(`\p{Han}=[A-Za-z0-9]`)
	// hex: a digest or number, not a word.
	hex = regexp.MustCompile(`^[0-9a-fA-F]{8,}$`)
)

// englishLine reports whether one output line holds an English sentence
// of the tool's own.
func englishLine(line string) bool {
	text := strings.TrimSpace(line)
	if text == "S:" || strings.HasPrefix(text, "S: ") {
		return false
	}
	if strings.HasPrefix(text, "C: ") {
		_, note, ok := strings.Cut(text, "  ")
		if !ok {
			return false
		}
		text = note
	}
	if hanKeyValue.MatchString(text) {
		return true
	}
	text, _, _ = strings.Cut(text, "原文：")
	text = quoted.ReplaceAllString(text, " ")
	for _, stretch := range strings.FieldsFunc(text, isChinese) {
		if englishStretch(stretch) {
			return true
		}
	}
	return false
}

// isChinese: a rune that ends a stretch of possible English.
func isChinese(r rune) bool {
	return r > unicode.MaxASCII && (unicode.Is(unicode.Han, r) || unicode.In(r, unicode.Punct) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF))
}

// englishStretch reports whether a stretch without Chinese is an English
// sentence.
func englishStretch(s string) bool {
	words := 0
	for _, tok := range strings.Fields(s) {
		w, ok := englishWord(tok)
		if !ok {
			continue
		}
		if stopWords[w] {
			return true
		}
		words++
	}
	return words >= 3
}

// englishWord returns the word of a token and whether it counts as an
// English word (see EnglishOnChineseScreen).
func englishWord(tok string) (string, bool) {
	if strings.HasPrefix(tok, ":") || strings.HasPrefix(tok, "{") || strings.HasPrefix(tok, "-") ||
		strings.HasPrefix(tok, "%") || strings.HasPrefix(tok, "<") || strings.HasPrefix(tok, "[") {
		return "", false
	}
	w := strings.TrimFunc(tok, func(r rune) bool { return strings.ContainsRune(`()"',.:;!?…*`, r) })
	if w == "" || strings.ContainsAny(w, "/.@=<>[]{}_\\|") || hex.MatchString(w) {
		return "", false
	}
	if w == strings.ToUpper(w) || Allowed[strings.ToLower(w)] {
		return "", false // capitals: a keyword or placeholder
	}
	first := []rune(w)[0]
	if !unicode.IsLetter(first) || first > unicode.MaxASCII {
		return "", false
	}
	return w, true
}
