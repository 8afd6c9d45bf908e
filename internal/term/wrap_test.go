package term

import (
	"strings"
	"testing"
	"unicode/utf8"
)

const (
	wrapEn = "Introduce yourself with EHLO and a name for your machine (any name will do here). EHLO is the extended hello of ESMTP (RFC 5321): it replaced the old HELO because the server answers it with the list of extensions it supports, such as AUTH, STARTTLS or SIZE. Lesson 6 encrypts the connection with TLS first."
	wrapZh = "用 EHLO 加上你这台机器的名字来自我介绍（这里随便起个名字就行）。EHLO 是 ESMTP（RFC 5321）的“扩展问候”，它取代了老式的 HELO，因为服务器会在回复里列出它支持的扩展，比如 AUTH、STARTTLS、SIZE。HELO 依然可用，但服务器不会告诉你任何扩展；第 6 课会讲怎样先用 TLS 加密。"
)

// TestWrap: at 60, 80 and 100 columns, in English and Chinese, with and
// without a hanging indent, no line is wider than the terminal, English
// words (and "TLS") are never cut, no line starts with 。，、；：）」 nor
// ends with （「“, the added lines carry the indent, and nothing is lost.
func TestWrap(t *testing.T) {
	for _, text := range []string{wrapEn, wrapZh} {
		for _, width := range []int{60, 80, 100} {
			for _, indent := range []string{"", "    "} {
				got := Wrap(text, width, indent)
				lines := strings.Split(got, "\n")
				if len(lines) < 2 {
					t.Errorf("width %d: not wrapped: %q", width, got)
				}
				for i, l := range lines {
					if w := Width(l); w > width {
						t.Errorf("width %d: line %d takes %d columns: %q", width, i, w, l)
					}
					if i > 0 && !strings.HasPrefix(l, indent) {
						t.Errorf("width %d: line %d lacks the indent: %q", width, i, l)
					}
					body := strings.TrimPrefix(l, indent)
					if i > 0 && body != "" {
						if r, _ := utf8.DecodeRuneInString(body); strings.ContainsRune("。，、；：）」！？”", r) || r == ' ' {
							t.Errorf("width %d: line %d starts with %q: %q", width, i, r, l)
						}
					}
					if r, _ := utf8.DecodeLastRuneInString(l); strings.ContainsRune("（「“", r) {
						t.Errorf("width %d: line %d ends with %q: %q", width, i, r, l)
					}
				}
				joined := strings.ReplaceAll(got, "\n"+indent, "\n")
				if text == wrapEn {
					if a, b := strings.Fields(joined), strings.Fields(text); strings.Join(a, " ") != strings.Join(b, " ") {
						t.Errorf("width %d: words changed:\n%s", width, got)
					}
				} else if strings.ReplaceAll(strings.ReplaceAll(joined, "\n", ""), " ", "") != strings.ReplaceAll(text, " ", "") {
					t.Errorf("width %d: text changed:\n%s", width, got)
				}
			}
		}
	}
}

func TestWrapCases(t *testing.T) {
	tests := []struct {
		name, text string
		width      int
		indent     string
		want       string
	}{
		{"fits", "short line", 20, "  ", "short line"},
		{"no width", wrapEn, 0, "", wrapEn},
		{"line breaks kept", "one two\nthree four", 8, "", "one two\nthree\nfour"},
		{"hanging", "hint: type EHLO and a name", 16, "      ", "hint: type EHLO\n      and a name"},
		{"leading spaces kept", "  MAIL FROM:<a@b> then RCPT", 20, "  ", "  MAIL FROM:<a@b>\n  then RCPT"},
		{"long word cut", "abcdefghijkl", 5, "", "abcde\nfghij\nkl"},
		{"full stop stays", "一二三四。五六", 8, "", "一二三\n四。五六"},
		{"opening goes down", "一二（三四", 6, "", "一二\n（三四"},
		{"latin then 。", "用 TLS。再见", 6, "", "用\nTLS。\n再见"},
		{"an RFC reference stays whole", "ready for EHLO (RFC 5321 4.2.3)", 24, "", "ready for EHLO\n(RFC 5321 4.2.3)"},
		{"and in Chinese", "等你发 EHLO（RFC 5321 4.2.3）", 20, "", "等你发 EHLO\n（RFC 5321 4.2.3）"},
		{"a response time stays whole", "the server did what you asked · 95 µs", 32, "", "the server did what you asked\n· 95 µs"},
		{"RFC mid-sentence", "see RFC 5321 for more", 10, "", "see\nRFC 5321\nfor more"},
	}
	for _, tt := range tests {
		if got := Wrap(tt.text, tt.width, tt.indent); got != tt.want {
			t.Errorf("%s: Wrap(%q, %d) =\n%q\nwant\n%q", tt.name, tt.text, tt.width, got, tt.want)
		}
	}
}

// TestChineseReferenceStaysWhole: "第 7 节" of a Chinese RFC citation is
// never broken, at any width (a line never starts with 节 nor ends with 第).
func TestChineseReferenceStaysWhole(t *testing.T) {
	text := "下面是唯一标识列表：每封邮件一行，给出编号和一个永久不变的 ID（RFC 1939 第 7 节；RFC 5321 第 4.2.3 节）"
	for width := 20; width <= 70; width++ {
		for _, line := range strings.Split(Wrap(text, width, "   "), "\n") {
			if trimmed := strings.TrimSpace(line); strings.HasPrefix(trimmed, "节") || strings.HasSuffix(trimmed, "第") ||
				strings.HasSuffix(trimmed, "第 7") || strings.HasSuffix(trimmed, "第 4.2.3") {
				t.Errorf("width %d: a reference broken at %q", width, line)
			}
		}
	}
}

// TestAngleBracketsStayWhole: the ">" of "<摘要>" never starts a line,
// nor does "<" end one.
func TestAngleBracketsStayWhole(t *testing.T) {
	text := "辅助命令“:apop student secret123”会根据时间戳算出摘要，并发送 APOP student <摘要>。"
	for width := 20; width <= 90; width++ {
		for _, line := range strings.Split(Wrap(text, width, ""), "\n") {
			if strings.HasPrefix(line, ">") || strings.HasSuffix(line, "<") {
				t.Errorf("width %d: %q", width, line)
			}
		}
	}
}
