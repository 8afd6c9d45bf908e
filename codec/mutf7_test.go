package codec

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// mutf7Vectors are names and their modified UTF-7, both ways; the first
// ones are RFC 3501 section 5.1.3's.
var mutf7Vectors = []struct{ name, encoded string }{
	{"~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"},
	{"日本語", "&ZeVnLIqe-"},
	{"台北日本語", "&U,BTF2XlZyyKng-"}, // one run, not "&U,BTFw-&ZeVnLIqe-"
	{"☺!", "&Jjo-!"},
	{"&", "&-"},
	{"收件箱", "&ZTZO9nux-"},
	{"已发送", "&XfJT0ZAB-"},
	{"", ""},
	{"INBOX", "INBOX"},
	{"INBOX.Drafts", "INBOX.Drafts"},
	{"Tom & Jerry", "Tom &- Jerry"},
	{"&&", "&-&-"},
	{"台北&日本語", "&U,BTFw-&-&ZeVnLIqe-"}, // "&-" right after a run is "&", not a null shift
	{"我的 文件夹", "&YhF2hA- &ZYdO9lk5-"},
	{"~-&-", "~-&--"},
	{"😀", "&2D3eAA-"}, // a surrogate pair
	{"a\tb", "a&AAk-b"},
	{"\x7f", "&AH8-"},
	{"\x00", "&AAA-"},
	{"Ünïcödé", "&ANw-n&AO8-c&APY-d&AOk-"},
}

func TestEncodeMUTF7(t *testing.T) {
	for _, v := range mutf7Vectors {
		if got := EncodeMUTF7(v.name); got != v.encoded {
			t.Errorf("EncodeMUTF7(%q) = %q, want %q", v.name, got, v.encoded)
		}
	}
	if got := EncodeMUTF7("a\xffb"); got != "a&,,0-b" { // U+FFFD
		t.Errorf("EncodeMUTF7 of a byte that is not UTF-8 = %q, want U+FFFD encoded", got)
	}
}

func TestDecodeMUTF7(t *testing.T) {
	for _, v := range mutf7Vectors {
		got, err := DecodeMUTF7(v.encoded)
		if err != nil || got != v.name {
			t.Errorf("DecodeMUTF7(%q) = %q, %v; want %q", v.encoded, got, err, v.name)
		}
	}
}

func TestDecodeMUTF7Rejects(t *testing.T) {
	tests := []struct {
		name, text string
		problem    MUTF7Problem
		pos        int
		char       rune
	}{
		{"RFC: no shift back before !", "&Jjo!", MUTF7Unterminated, 1, 0},
		{"RFC: superfluous shift", "&U,BTFw-&ZeVnLIqe-", MUTF7NullShift, 9, 0},
		{"unterminated at the end", "INBOX/&ZeVnLIqe", MUTF7Unterminated, 7, 0},
		{"lone &", "a&", MUTF7Unterminated, 2, 0},
		{"slash of standard base64", "&U/BTFw-", MUTF7Unterminated, 1, 0},
		{"padding", "&ZTZO9nux=-", MUTF7Unterminated, 1, 0},
		{"raw UTF-8", "收件箱", MUTF7RawByte, 1, '收'},
		{"raw UTF-8 later", "INBOX/收件箱", MUTF7RawByte, 7, '收'},
		{"raw tab", "a\tb", MUTF7RawByte, 2, '\t'},
		{"raw DEL", "\x7f", MUTF7RawByte, 1, 0x7f},
		{"raw byte that is not UTF-8", "ab\xff", MUTF7RawByte, 3, utf8.RuneError},
		{"one base64 character", "&Z-", MUTF7Partial, 1, 0},
		{"one byte", "&ZQ-", MUTF7Partial, 1, 0},
		{"three bytes", "&ZeVn-", MUTF7Partial, 1, 0},
		{"stray bits", "&ZeV-", MUTF7Partial, 1, 0}, // "&ZeU-" is 日
		{"lone high surrogate", "&2D0-", MUTF7Surrogate, 1, 0},
		{"lone low surrogate", "&3gA-", MUTF7Surrogate, 1, 0},
		{"high surrogate then a letter", "&2D0AZQ-", MUTF7Surrogate, 1, 0},
		{"encoded a", "&AGE-", MUTF7EncodedASCII, 1, 'a'},
		{"encoded &", "x&ACY-", MUTF7EncodedASCII, 2, '&'},
		{"encoded space inside a run", "&ZeUAIA-", MUTF7EncodedASCII, 1, ' '},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeMUTF7(tt.text)
			var me *MUTF7Error
			if !errors.As(err, &me) {
				t.Fatalf("DecodeMUTF7(%q) = %q, %v; want a *MUTF7Error", tt.text, got, err)
			}
			if got != "" || me.Problem != tt.problem || me.Pos != tt.pos || me.Char != tt.char {
				t.Errorf("DecodeMUTF7(%q) = %q, %+v; want problem %d at %d (%q)", tt.text, got, *me, tt.problem, tt.pos, tt.char)
			}
		})
	}
}

// TestMUTF7ErrorInBothLanguages: every problem reads differently in
// English and Chinese, says where, and follows the Chinese typography.
func TestMUTF7ErrorInBothLanguages(t *testing.T) {
	for p := MUTF7RawByte; p <= MUTF7NullShift+1; p++ {
		e := &MUTF7Error{Pos: 17, Problem: p, Char: '收'}
		en, zh := e.Error(), e.In("zh")
		if en == zh || !hasHan(zh) || !strings.Contains(en, "17") || !strings.Contains(zh, "17") {
			t.Errorf("problem %d: en %q, zh %q", p, en, zh)
		}
		if strings.ContainsAny(zh, `"'`) || !strings.Contains(en, "RFC 3501 section 5.1.3") || !strings.Contains(zh, "RFC 3501 第 5.1.3 节") {
			t.Errorf("problem %d: zh %q has ASCII quotes, or a reference is missing", p, zh)
		}
		if hasHan(strings.ReplaceAll(en, "收", "")) {
			t.Errorf("problem %d: en %q holds Chinese", p, en)
		}
	}
	_, err := DecodeMUTF7("&Jjo!")
	if zh := Localize(err, "zh"); !hasHan(zh.Error()) || !errors.As(zh, new(*MUTF7Error)) {
		t.Errorf("Localize(%v, zh) = %q", err, zh)
	}
}

// FuzzMUTF7: any UTF-8 name encodes to printable ASCII that decodes back
// to it, and any text that decodes encodes back to itself (the decoder
// takes only what the encoder writes).
func FuzzMUTF7(f *testing.F) {
	for _, v := range mutf7Vectors {
		f.Add(v.name)
		f.Add(v.encoded)
	}
	f.Add("&Jjo!")
	f.Add("&U,BTFw-&ZeVnLIqe-")
	f.Fuzz(func(t *testing.T, s string) {
		if utf8.ValidString(s) {
			encoded := EncodeMUTF7(s)
			for i := 0; i < len(encoded); i++ {
				if encoded[i] < 0x20 || encoded[i] > 0x7e {
					t.Fatalf("EncodeMUTF7(%q) = %q holds byte %#x", s, encoded, encoded[i])
				}
			}
			decoded, err := DecodeMUTF7(encoded)
			if err != nil || decoded != s {
				t.Fatalf("DecodeMUTF7(EncodeMUTF7(%q) = %q) = %q, %v", s, encoded, decoded, err)
			}
		}
		decoded, err := DecodeMUTF7(s)
		if err != nil {
			if decoded != "" {
				t.Fatalf("DecodeMUTF7(%q) returned %q with error %v", s, decoded, err)
			}
			return
		}
		if again := EncodeMUTF7(decoded); again != s {
			t.Fatalf("DecodeMUTF7(%q) = %q, which encodes to %q", s, decoded, again)
		}
	})
}
