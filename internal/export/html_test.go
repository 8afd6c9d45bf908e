package export

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

var (
	tagRE   = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>`)
	styleRE = regexp.MustCompile(`(?s)<style>.*?</style>`)
)

// htmlTagsUsed are the elements the template writes; a page with any other
// holds markup that came from a transcript.
var htmlTagsUsed = map[string]bool{"html": true, "head": true, "meta": true, "title": true, "style": true,
	"body": true, "header": true, "p": true, "h1": true, "dl": true, "dt": true, "dd": true, "code": true,
	"span": true, "main": true, "ol": true, "li": true, "aside": true, "b": true, "div": true, "a": true,
	"pre": true, "footer": true, "br": true}

// checkStructure fails unless every tag of page is one the template writes
// and they nest properly, so no text from a transcript became markup.
func checkStructure(t *testing.T, page string) {
	t.Helper()
	var open []string
	for _, m := range tagRE.FindAllStringSubmatch(styleRE.ReplaceAllString(page, "<style></style>"), -1) {
		closing, name := m[1] == "/", strings.ToLower(m[2])
		switch {
		case !htmlTagsUsed[name]:
			t.Fatalf("the page has a <%s> element", name)
		case name == "meta" || name == "br":
		case !closing:
			open = append(open, name)
		case len(open) == 0 || open[len(open)-1] != name:
			t.Fatalf("</%s> closes %v", name, open)
		default:
			open = open[:len(open)-1]
		}
	}
	if len(open) > 0 {
		t.Fatalf("elements left open: %v", open)
	}
}

// pageText is what a reader sees of the page: the style sheet and the tags
// dropped, entities decoded.
func pageText(page string) string {
	return html.UnescapeString(tagRE.ReplaceAllString(styleRE.ReplaceAllString(page, ""), ""))
}

func TestHTMLEscapesTheTranscript(t *testing.T) {
	page := exportString(t, hostileSMTP, FormatHTML)
	checkStructure(t, page)
	if strings.Contains(strings.ToLower(page), "<script") {
		t.Fatal("the page holds a <script>")
	}
	text := pageText(page)
	shown := []string{ // every hostile text is there, as text
		"<script>alert(1)</script> & | # *bold* _em_ [x](y) ~s~",
		`evil"><script>alert(2)</script>:465`,
		"</title><script>alert(3)</script>",
		"<b>cipher</b>", "<i>name</i>", "CN=<img src=x onerror=alert(4)>", "CN=</dd></dl><script>alert(5)</script>",
		"<svg onload=alert(6)>", "x509: <iframe src=javascript:alert(7)>",
		"220 <script>alert(8)</script> ESMTP", "EHLO </pre><script>alert(9)</script>",
		"Line one <script>alert(10)</script>", "**not bold** [link](javascript:alert(11))",
		"</aside><script>alert(12)</script>", "250-mail.example.test <script>alert(13)</script>",
		`NOOP\r<script>alert(14)</script>\u{202E}`,
		"</pre><script>alert(15)</script>", "</p><script>alert(16)</script>",
		"Subject: `code` | pipes | and ``` fences", "| a | b |",
	}
	for _, s := range shown {
		if !strings.Contains(text, s) {
			t.Errorf("the page does not show %q as text", s)
		}
	}
	if !strings.Contains(section(t, page, 1), `<div class="bubble tone-unverified">`) {
		t.Error("a certificate that did not verify is not marked")
	}
	if strings.ContainsAny(page, "\r\u202e") {
		t.Error("a raw CR or bidi control reached the page")
	}
}

func TestHTMLIsSelfContained(t *testing.T) {
	page := exportString(t, labSMTP, FormatHTML)
	checkStructure(t, page)
	if !strings.HasPrefix(page, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">") {
		t.Errorf("the page does not start by declaring UTF-8:\n%.120s", page)
	}
	for _, banned := range []string{"http:", "https:", "src=", "url(", "@import", "<link", "<script", "<img"} {
		if strings.Contains(page, banned) {
			t.Errorf("the page refers outside itself: %q", banned)
		}
	}
	for _, want := range []string{"@media print", "break-inside: avoid", "@page"} {
		if !strings.Contains(page, want) {
			t.Errorf("the print style lacks %q", want)
		}
	}
}

func TestHTMLLayout(t *testing.T) {
	page := exportString(t, labSMTP, FormatHTML)
	tests := []struct {
		step int
		want []string
	}{
		{1, []string{`class="step server server"`, `tone-positive`, "220 mail.example.test ESMTP mailtutor lab",
			"2xx success"}},
		{2, []string{`class="step client client"`, "EHLO student.example"}},
		{6, []string{`class="step event tls"`, "TLS 1.3, TLS_AES_128_GCM_SHA256", "CN=mail.example.test,O=mailtutor lab",
			"mail.example.test, localhost, 127.0.0.1, ::1", "2026-11-25 to 2027-11-25", "B7:D0:73:17", "verified:"}},
		{10, []string{`tone-intermediate`, `>Username:</code>`}},
		{11, []string{`<span class="hidden">hidden: user name</span>`}},
		{18, []string{`tone-permanent`, "5xx permanent failure", `<code class="code">5.1.1</code>`}},
		{23, []string{`class="step client data"`, "Subject: 你好，老师：我的第一封邮件\n\nHello, typed by hand | with a pipe and `backticks`."}},
		{27, []string{`class="step event closed"`, "closed by the server"}},
	}
	for _, tt := range tests {
		s := section(t, page, tt.step)
		for _, w := range tt.want {
			if !strings.Contains(s, w) {
				t.Errorf("step %d lacks %q:\n%s", tt.step, w, s)
			}
		}
	}
}

func TestHTMLLessonNotes(t *testing.T) {
	page := exportString(t, hostileSMTP, FormatHTML)
	s := section(t, page, 3)
	lesson := strings.Index(s, `<aside class="lesson">`)
	bubble := strings.Index(s, `<div class="bubble">`)
	if lesson < 0 || bubble < lesson {
		t.Fatalf("the lesson's explanation is not shown before the step:\n%s", s)
	}
	for _, w := range []string{"<br>&#35; not a heading<br>", "<b>Type:</b> <code>EHLO `x` | y</code>", "<b>Hint:</b>", "<b>Notice:</b>"} {
		if !strings.Contains(s, w) && !strings.Contains(s, strings.ReplaceAll(w, "&#35;", "#")) {
			t.Errorf("step 3 lacks %q:\n%s", w, s)
		}
	}
}

func TestHTMLEmptyTranscript(t *testing.T) {
	page := exportString(t, empty, FormatHTML)
	checkStructure(t, page)
	if !strings.Contains(page, "<dt>Steps</dt><dd>0</dd>") || !strings.Contains(page, "<h1>POP3 session with 127.0.0.1</h1>") {
		t.Fatalf("empty transcript:\n%s", page)
	}
}
