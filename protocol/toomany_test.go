package protocol

import (
	"fmt"
	"strings"
	"testing"
)

// TestTooManyLinesCountsTheReply: a reply longer than MaxSMTPReplyLines
// keeps its first lines and says how many lines the reply had in all, in
// both languages (it said "999001 lines in all" of a 1,000,001-line reply,
// the count of the lines dropped).
func TestTooManyLinesCountsTheReply(t *testing.T) {
	for _, total := range []int{MaxSMTPReplyLines + 1, 1_000_001} {
		f := NewFramer(SMTP)
		f.Expect("EHLO c")
		var r *Reply
		for i := 1; i < total; i++ {
			if r = f.Feed("250-x", CRLF); r != nil {
				t.Fatalf("the reply ended at line %d", i)
			}
		}
		if r = f.Feed("250 end", CRLF); r == nil {
			t.Fatal("the last line did not end the reply")
		}
		if len(r.Lines) != MaxSMTPReplyLines {
			t.Errorf("%d lines kept, want %d", len(r.Lines), MaxSMTPReplyLines)
		}
		for lang, want := range map[Lang]string{
			English: fmt.Sprintf("the reply has %d lines; only the first %d were kept", total, MaxSMTPReplyLines),
			Chinese: fmt.Sprintf("这条响应有 %d 行；只保留了前 %d 行", total, MaxSMTPReplyLines),
		} {
			probs, err := ProblemsIn(r, lang)
			if err != nil {
				t.Fatal(err)
			}
			text := strings.Join(probs, "\n")
			if !strings.Contains(text, want) || strings.Contains(text, "in all") || strings.Contains(text, "999001") {
				t.Errorf("%d lines, %s: problems %q, want %q once", total, lang, probs, want)
			}
		}
	}
}
