package lessons

import (
	"regexp"
	"strconv"
	"testing"
)

// zhRules are the glossary's typography for Chinese text
// (/work/shared/glossary-zh.md), as protocol's tests hold its tables to
// them: a space between a Chinese character and a Latin word or a digit,
// none beside “ and ”, full-width punctuation against Chinese characters,
// and no line that starts with closing punctuation or ends with opening.
var zhRules = []struct {
	re   *regexp.Regexp
	what string
}{
	{regexp.MustCompile(`\p{Han}[A-Za-z0-9]|[A-Za-z0-9]\p{Han}`), "no space between Chinese and Latin"},
	{regexp.MustCompile(` “|” `), "a space beside a Chinese quote"},
	{regexp.MustCompile(`\p{Han}[,;:!?()]|[,;:!?()]\p{Han}`), "half-width punctuation against a character"},
	{regexp.MustCompile("`"), "a Markdown backtick"},
	{regexp.MustCompile(`(?m)^\s*[。，、；：）」』]`), "a line starts with closing punctuation"},
	{regexp.MustCompile(`(?m)[（「『]\s*$`), "a line ends with opening punctuation"},
}

// inlineHelper is a helper written inline ({mutf7:作业}): a command's
// text, not prose.
var inlineHelper = regexp.MustCompile(`\{[a-z0-9]+:[^}]*\}`)

// zhChecked are the lessons held to zhRules: those written since the
// rules were; the older ones keep their spacing around quotes.
var zhChecked = map[string]bool{"imap-login": true, "imap-reading": true, "imap-idle": true, "server-to-server": true}

// TestChineseTypography holds the Chinese notes of the lessons in
// zhChecked to the glossary's typography.
func TestChineseTypography(t *testing.T) {
	all, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range all {
		if !zhChecked[l.Name] {
			continue
		}
		for where, text := range zhNotes(l) {
			text = inlineHelper.ReplaceAllString(text, "{}")
			for _, r := range zhRules {
				if m := r.re.FindString(text); m != "" {
					t.Errorf("%s %s: %s: %q in %q", l.Name, where, r.what, m, short(text))
				}
			}
		}
	}
}

// TestTypographyRulesCatch proves each rule can fail.
func TestTypographyRulesCatch(t *testing.T) {
	for i, bad := range []string{"邮箱INBOX", "对 “作业”", "成功,然后", "试试 `:plain`", "第一行\n，第二行", "第一行（\n第二行"} {
		if !zhRules[i].re.MatchString(bad) {
			t.Errorf("rule %q does not catch %q", zhRules[i].what, bad)
		}
	}
}

// zhNotes lists every Chinese note of a lesson by where it is.
func zhNotes(l *Lesson) map[string]string {
	out := map[string]string{"title": l.Title.Zh, "summary": l.Summary.Zh}
	for i, p := range l.Parts {
		out["part "+itoa(i+1)] = p.Explain.Zh
		for _, s := range p.Steps {
			at := "line " + itoa(s.Line)
			for key, t := range map[string]Text{"explain": s.Explain, "hint": s.Hint, "notice": s.Notice, "otherwise": s.Otherwise} {
				if t.Zh != "" {
					out[at+" "+key] = t.Zh
				}
			}
		}
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }
