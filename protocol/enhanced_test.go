package protocol

import (
	"fmt"
	"strings"
	"testing"
)

func TestParseEnhanced(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"5.1.1 <nobody@example.test>: Recipient address rejected", "5.1.1"},
		{"2.0.0 Ok: queued as 4F2A1", "2.0.0"},
		{"4.7.12 A password transition is needed", "4.7.12"},
		{"5.123.456 three-digit subject and detail", "5.123.456"},
		{"2.7.0", "2.7.0"},
		{"3.0.0 class 3 does not exist", ""},
		{"1.0.0 neither does 1", ""},
		{"5.1234.1 subject too long", ""},
		{"5.1.1234 detail too long", ""},
		{"5..1 empty subject", ""},
		{"5.1.1: no space after", ""},
		{"5.1 two parts", ""},
		{"5.1.1.1 four parts", ""},
		{"55.1.1 two-digit class", ""},
		{"5.a.1 letters", ""},
		{"Ok", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := ParseEnhanced(tt.text); got != tt.want {
			t.Errorf("ParseEnhanced(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// rfc3463Pairs are the subject.detail pairs RFC 3463 section 3 defines.
var rfc3463Pairs = func() []string {
	last := []int{0, 8, 4, 5, 7, 5, 5, 7} // highest detail of each subject
	var pairs []string
	for subject, max := range last {
		for detail := 0; detail <= max; detail++ {
			if subject == 0 && detail > 0 {
				break
			}
			pairs = append(pairs, fmt.Sprintf("%d.%d", subject, detail))
		}
	}
	return pairs
}()

func TestEnhancedCoversRFC3463(t *testing.T) {
	if len(rfc3463Pairs) != 1+9+5+6+8+6+6+8 {
		t.Fatalf("the list of RFC 3463 pairs has %d entries", len(rfc3463Pairs))
	}
	for _, class := range []string{"2", "4", "5"} {
		for _, pair := range rfc3463Pairs {
			code := class + "." + pair
			got := describeEnhanced(&english, 0, code)
			if !strings.HasPrefix(got, code+" ") || strings.Contains(got, "not in the registry") {
				t.Errorf("describeEnhanced(%s) = %q, want a registered meaning", code, got)
			}
			if ref := enhancedRFC(code); !strings.HasPrefix(ref, "RFC 3463 3.") {
				t.Errorf("enhancedRFC(%s) = %q", code, ref)
			}
		}
	}
}

func TestEnhancedRFC4954AndPostfix(t *testing.T) {
	tests := []struct {
		reply     int
		code      string
		fragments []string
		rfc       string
	}{
		{535, "5.7.8", []string{"authentication credentials invalid", "Postfix"}, "RFC 4954 6"},
		{534, "5.7.9", []string{"too weak"}, "RFC 4954 6"},
		{538, "5.7.11", []string{"encryption required"}, "RFC 4954 6"},
		{432, "4.7.12", []string{"password transition"}, "RFC 4954 6"},
		{530, "5.7.0", []string{"authentication required"}, "RFC 3463 3.8"},
		{500, "5.5.6", []string{"line is too long"}, "RFC 4954 6"},
		{454, "4.7.0", []string{"temporary authentication failure"}, "RFC 3463 3.8"},
		{554, "5.7.1", []string{"delivery not authorized", "Relay access denied"}, "RFC 3463 3.8"},
		{235, "2.7.0", []string{"authentication succeeded"}, "RFC 3463 3.8"},
	}
	for _, tt := range tests {
		got := describeEnhanced(&english, tt.reply, tt.code)
		for _, f := range tt.fragments {
			if !strings.Contains(got, f) {
				t.Errorf("describeEnhanced(%d, %s) = %q, want it to mention %q", tt.reply, tt.code, got, f)
			}
		}
		if ref := enhancedRFC(tt.code); ref != tt.rfc {
			t.Errorf("enhancedRFC(%s) = %q, want %q", tt.code, ref, tt.rfc)
		}
	}
}

func TestEnhancedUnknownDetail(t *testing.T) {
	got := describeEnhanced(&english, 550, "5.9.99")
	for _, f := range []string{"5.9.99", "permanent failure", "undefined subject", "not in the registry"} {
		if !strings.Contains(got, f) {
			t.Errorf("describeEnhanced(5.9.99) = %q, want it to mention %q", got, f)
		}
	}
	if describeEnhanced(&english, 550, "not.a.code") != "" {
		t.Error("an invalid code was described")
	}
}

// TestSuccessCodeIsNoProblem: 2.0.0 after a success reads as success, not
// as "other undefined status", in both languages; 5.0.0 stays undefined.
func TestSuccessCodeIsNoProblem(t *testing.T) {
	tests := []struct {
		lang      Lang
		code      string
		want, not string
	}{
		{English, "2.0.0", "2.0.0 success, no more detail", "undefined"},
		{Chinese, "2.0.0", "2.0.0 成功，没有更多细节", "未定义"},
		{English, "5.0.0", "5.0.0 other undefined status", "success"},
		{Chinese, "5.0.0", "5.0.0 其他未定义的状态", "成功"},
	}
	for _, tt := range tests {
		r := oneReply(t, SMTP, []string{"NOOP"}, tt.code[:1]+"50 "+tt.code+" done\r\n")
		ex, err := ExplainIn(r, tt.lang)
		if err != nil || !strings.HasPrefix(ex.Enhanced, tt.want) || strings.Contains(ex.Enhanced, tt.not) {
			t.Errorf("%s %s: %q, want %q without %q (%v)", tt.lang, tt.code, ex.Enhanced, tt.want, tt.not, err)
		}
	}
}
