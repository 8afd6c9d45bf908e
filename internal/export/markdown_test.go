package export

import (
	"slices"
	"strings"
	"testing"
)

// mdInline reads one line of Markdown the way CommonMark reads inlines,
// as far as code spans and backslash escapes go: it returns the contents of
// the code spans and the rest of the text with escaped characters removed,
// plus the unescaped special characters found in that rest.
func mdInline(line string) (spans []string, text string, bare string) {
	var b strings.Builder
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == '\\' && i+1 < len(line) && isASCIIPunct(line[i+1]):
			b.WriteByte(line[i+1])
			i += 2
			continue
		case c == '`':
			n := runAt(line, i)
			if content, end, ok := closeSpan(line, i+n, n); ok {
				spans = append(spans, content)
				i = end
				continue
			}
			bare += line[i : i+n]
			b.WriteString(line[i : i+n])
			i += n
			continue
		case strings.IndexByte(mdSpecial, c) >= 0:
			bare += string(c)
		}
		b.WriteByte(c)
		i++
	}
	return spans, b.String(), bare
}

func isASCIIPunct(c byte) bool {
	return strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

func runAt(s string, i int) int {
	n := 0
	for i+n < len(s) && s[i+n] == '`' {
		n++
	}
	return n
}

// closeSpan finds the backtick run of exactly n that closes a code span
// opened before from, and returns the span's content (CommonMark 6.1).
func closeSpan(s string, from, n int) (string, int, bool) {
	for j := from; j < len(s); {
		if s[j] != '`' {
			j++
			continue
		}
		m := runAt(s, j)
		if m == n {
			c := s[from:j]
			if len(c) >= 2 && c[0] == ' ' && c[len(c)-1] == ' ' && strings.Trim(c, " ") != "" {
				c = c[1 : len(c)-1]
			}
			return c, j + m, true
		}
		j += m
	}
	return "", 0, false
}

func TestMarkdownCodeSpanRoundTrip(t *testing.T) {
	for _, in := range []string{"EHLO x", "a`b", "``x``", "`", "x`", " lead", "trail ", " both ", "a|b|c",
		"<script>alert(1)</script>", "back\\slash \\| \\`", "*not* _em_", "你好 `世界`"} {
		spans, text, bare := mdInline(mdCode(in))
		if !slices.Equal(spans, []string{in}) || text != "" || bare != "" {
			t.Errorf("mdCode(%q) = %q reads back as spans %q, text %q", in, mdCode(in), spans, text)
		}
	}
}

func TestMarkdownTextEscapes(t *testing.T) {
	for _, in := range []string{"plain", "*bold* _em_ `code` [l](u) <b> & | ~s~ # \\", "a\\`b", "2.0.0 ok",
		"<CR><LF>.<CR><LF>", "你好"} {
		out := mdText(in)
		spans, text, bare := mdInline(out)
		if len(spans) > 0 || text != in || bare != "" {
			t.Errorf("mdText(%q) = %q reads back as %q (spans %q, unescaped %q)", in, out, text, spans, bare)
		}
	}
}

func TestEscapeLineStart(t *testing.T) {
	tests := []struct{ in, want string }{
		{"# x", `\# x`}, {"- x", `\- x`}, {"+ x", `\+ x`}, {"===", `\===`}, {"12. x", `12\. x`},
		{"3) x", `3\) x`}, {"  - x", `  \- x`}, {"2.0.0 x", `2\.0.0 x`}, {"plain", "plain"}, {"42", "42"}, {"", ""},
	}
	for _, tt := range tests {
		if got := escapeLineStart(tt.in); got != tt.want {
			t.Errorf("escapeLineStart(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// mdBlocks splits a Markdown page into its fenced code blocks (with any
// blockquote prefix removed) and the other lines.
func mdBlocks(t *testing.T, page string) (fences [][]string, lines []string) {
	t.Helper()
	var fence string
	var block []string
	for _, line := range strings.Split(page, "\n") {
		bare := strings.TrimPrefix(line, "> ")
		switch {
		case fence == "" && strings.HasPrefix(bare, "```"):
			fence = bare[:runAt(bare, 0)]
			if bare != fence+"text" {
				t.Fatalf("fence opened by %q", line)
			}
			block = []string{}
		case fence != "" && bare == fence:
			fences, fence = append(fences, block), ""
		case fence != "":
			block = append(block, bare)
		default:
			lines = append(lines, line)
		}
	}
	if fence != "" {
		t.Fatalf("fence %s left open", fence)
	}
	return fences, lines
}

func TestMarkdownEscapesTheTranscript(t *testing.T) {
	page := exportString(t, hostileSMTP, FormatMarkdown)
	fences, lines := mdBlocks(t, page)
	var spans []string
	for i, line := range lines {
		s, text, _ := mdInline(strings.TrimPrefix(line, "> "))
		spans = append(spans, s...)
		rest := strings.NewReplacer("<sub>", "", "</sub>", "").Replace(line)
		_, _, bare := mdInline(strings.TrimPrefix(rest, "> "))
		if strings.ContainsAny(bare, "<[&|~") {
			t.Errorf("unescaped %q outside code in %q (reads %q)", bare, line, text)
		}
		if i > 0 && strings.HasPrefix(strings.TrimPrefix(line, "> "), "#") {
			t.Errorf("a heading from the transcript: %q", line)
		}
	}
	for _, want := range []string{"EHLO </pre><script>alert(9)</script>", "EHLO `x` | y",
		`NOOP\r<script>alert(14)</script>\u{202E}`, "220 <script>alert(8)</script> ESMTP"} {
		if !slices.Contains(spans, want) {
			t.Errorf("no code span holds %q; spans: %q", want, spans)
		}
	}
	body := []string{"Subject: `code` | pipes | and ``` fences", "```", "</pre><script>alert(15)</script>", "````",
		"| a | b |", "|---|---|"}
	if !slices.ContainsFunc(fences, func(f []string) bool { return slices.Equal(f, body) }) {
		t.Errorf("the DATA body is not one fenced block; blocks: %q", fences)
	}
	for _, want := range []string{`\# not a heading`, `\- not a list`, `1\. not a list`, `\<script\>alert(10)\</script\>`} {
		if !strings.Contains(page, "  \n"+want) && !strings.Contains(page, want) {
			t.Errorf("the lesson note line %q is not escaped", want)
		}
	}
}

func TestMarkdownRepliesAreQuoted(t *testing.T) {
	page := exportString(t, labSMTP, FormatMarkdown)
	fences, lines := mdBlocks(t, page)
	for _, line := range lines {
		explains := strings.Contains(line, "2xx success") || strings.Contains(line, "positive completion") || strings.Contains(line, "**next:**") ||
			strings.Contains(line, "enhanced code")
		if explains && !strings.HasPrefix(line, "> ") {
			t.Errorf("an explanation outside its reply's quote: %q", line)
		}
	}
	ehlo := []string{"250-mail.example.test", "250-PIPELINING", "250-SIZE 10485760", "250-VRFY", "250-STARTTLS",
		"250-AUTH PLAIN LOGIN CRAM-MD5", "250-ENHANCEDSTATUSCODES", "250-8BITMIME", "250 SMTPUTF8"}
	if !slices.ContainsFunc(fences, func(f []string) bool { return slices.Equal(f, ehlo) }) {
		t.Errorf("the EHLO reply is not one block; blocks: %q", fences)
	}
	for _, want := range []string{"> **18 · S:** `550 5.1.1 <nobody@example.test>: Recipient address rejected:",
		"**11 · C:** ***\\[hidden: user name\\]***", "**6 · TLS handshake:** TLS 1.3, TLS\\_AES\\_128\\_GCM\\_SHA256",
		"> the challenge decodes to `Username:`"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}
