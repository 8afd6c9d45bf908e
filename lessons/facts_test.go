package lessons

import (
	"strings"
	"testing"
)

// TestCRAMMD5StorageFact: lesson 3 says what CRAM-MD5 asks of the server
// truly in both languages - the password kept in a form equivalent to
// plaintext (RFC 2195 7), not "reversible" or "readable" - and lesson 2
// names the reply classes as the glossary does.
func TestCRAMMD5StorageFact(t *testing.T) {
	all, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string][]string{}
	for _, l := range all {
		for _, p := range l.Parts {
			texts[l.Name] = append(texts[l.Name], p.Explain.En, p.Explain.Zh)
			for _, s := range p.Steps {
				for _, n := range []Text{s.Explain, s.Hint, s.Notice, s.Otherwise} {
					texts[l.Name] = append(texts[l.Name], n.En, n.Zh)
				}
			}
		}
		texts[l.Name] = append(texts[l.Name], l.Summary.En, l.Summary.Zh)
	}
	tests := []struct {
		lesson    string
		want, not []string
	}{
		{"auth-mechanisms", []string{"in a form equivalent to plaintext", "以与明文等效的形式保存密码"}, []string{"readable form", "reversible", "可还原", "可逆"}},
		{"reading-replies", []string{"2 表示成功，3 表示待续", "4 表示暂时性失败", "5 表示永久性失败"}, []string{"2 表示完成", "3 表示请继续"}},
	}
	for _, tt := range tests {
		text := strings.Join(texts[tt.lesson], "\n")
		if text == "" {
			t.Fatalf("no lesson %q", tt.lesson)
		}
		for _, w := range tt.want {
			if !strings.Contains(strings.Join(strings.Fields(text), " "), w) {
				t.Errorf("%s lacks %q", tt.lesson, w)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(text, n) {
				t.Errorf("%s still says %q", tt.lesson, n)
			}
		}
	}
}
