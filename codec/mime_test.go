package codec

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestDecodeWordsRFC2047 uses the examples of RFC 2047 section 8.
func TestDecodeWordsRFC2047(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=?US-ASCII?Q?Keith_Moore?= <moore@cs.utk.edu>", "Keith Moore <moore@cs.utk.edu>"},
		{"=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>", "Keld Jørn Simonsen <keld@dkuug.dk>"},
		{"=?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>", "André Pirard <PIRARD@vm1.ulg.ac.be>"},
		{"=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?=\r\n    =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=",
			"If you can read this you understand the example."},
		{"=?ISO-8859-1?Q?Olle_J=E4rnefors?=", "Olle Järnefors"},
		{"=?ISO-8859-1?Q?Patrik_F=E4ltstr=F6m?= <paf@nada.kth.se>", "Patrik Fältström <paf@nada.kth.se>"},
		{"(=?ISO-8859-1?Q?a?=)", "(a)"},
		{"(=?ISO-8859-1?Q?a?= b)", "(a b)"},
		{"(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)", "(ab)"},
		{"(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)", "(ab)"},
		{"(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)", "(ab)"},
		{"(=?ISO-8859-1?Q?a_b?=)", "(a b)"},
		{"(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)", "(a b)"},
	}
	for _, tt := range tests {
		got, err := DecodeWords(tt.in)
		if err != nil {
			t.Errorf("DecodeWords(%q) error: %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("DecodeWords(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDecodeWordsUTF8(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=?UTF-8?B?5L2g5aW977yM5LiW55WM?=", "你好，世界"},
		{"=?utf-8?q?caf=C3=A9?=", "café"},
		{"plain ASCII stays", "plain ASCII stays"},
		{"=?UTF-8?Q?bad=ZZ?=", "=?UTF-8?Q?bad=ZZ?="}, // malformed words are kept
	}
	for _, tt := range tests {
		got, err := DecodeWords(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("DecodeWords(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestDecodeWordsUnsupportedCharset(t *testing.T) {
	for _, in := range []string{
		"=?ISO-8859-2?Q?=B1?=",               // non-ASCII byte in an unknown charset
		"=?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=", // 7-bit but stateful
		"=?UTF-16?B?AGEAYg==?=",              // not ASCII-compatible
	} {
		if got, err := DecodeWords(in); err == nil {
			t.Errorf("DecodeWords(%q) = %q, want an error", in, got)
		}
	}
}

func TestEncodeWord(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hello", "Hello"},
		{"with\ttab", "with\ttab"},
		{"", ""},
		{"你好，世界", "=?UTF-8?B?5L2g5aW977yM5LiW55WM?="},
		{"café", "=?UTF-8?B?Y2Fmw6k=?="},
		{"looks =?like?= a word", "=?UTF-8?B?bG9va3MgPT9saWtlPz0gYSB3b3Jk?="},
	}
	for _, tt := range tests {
		if got := EncodeWord(tt.in); got != tt.want {
			t.Errorf("EncodeWord(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEncodeWordLongTextSplits(t *testing.T) {
	long := strings.Repeat("你好，世界", 10) // 150 bytes, 3-byte runes
	encoded := EncodeWord(long)
	words := strings.Split(encoded, " ")
	if len(words) < 2 {
		t.Fatalf("EncodeWord gave one word for %d bytes: %q", len(long), encoded)
	}
	for _, w := range words {
		if len(w) > 75 {
			t.Errorf("encoded word %q is %d characters, RFC 2047 allows 75", w, len(w))
		}
		chunk, err := UnB64(strings.TrimSuffix(strings.TrimPrefix(w, "=?UTF-8?B?"), "?="))
		if err != nil || !utf8.ValidString(chunk) {
			t.Errorf("word %q does not hold whole UTF-8 characters: %q, %v", w, chunk, err)
		}
	}
	decoded, err := DecodeWords(encoded)
	if err != nil || decoded != long {
		t.Errorf("DecodeWords(EncodeWord(long)) = %q, %v; want %q", decoded, err, long)
	}
}

func TestEncodeWordRoundTrip(t *testing.T) {
	for _, s := range []string{"Grüße aus Köln", "你好，世界", "a =?b?= c", "bell\a", " leading and trailing "} {
		got, err := DecodeWords(EncodeWord(s))
		if err != nil || got != s {
			t.Errorf("DecodeWords(EncodeWord(%q)) = %q, %v", s, got, err)
		}
	}
}

func TestQPEncode(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"ascii", "Hello", "Hello"},
		{"equals sign", "a=b", "a=3Db"},
		{"utf-8", "你好，世界", "=E4=BD=A0=E5=A5=BD=EF=BC=8C=E4=B8=96=E7=95=8C"},
		{"latin-1 in utf-8", "café", "caf=C3=A9"},
		{"trailing space", "end ", "end=20"},
		{"space before line break", "a \r\nb", "a=20\r\nb"},
		{"LF becomes CRLF", "a\nb", "a\r\nb"},
		{"long line", strings.Repeat("x", 80), strings.Repeat("x", 75) + "=\r\n" + strings.Repeat("x", 5)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := QPEncode(tt.in); got != tt.want {
				t.Errorf("QPEncode(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestQPDecode(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"utf-8", "=E4=BD=A0=E5=A5=BD=EF=BC=8C=E4=B8=96=E7=95=8C", "你好，世界"},
		{"soft line break", "abc=\r\ndef", "abcdef"},
		{"soft line break LF", "abc=\ndef", "abcdef"},
		{"lower-case hex", "caf=c3=a9", "café"},
		{"trailing white space dropped", "a  \r\nb", "a\r\nb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := QPDecode(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("QPDecode(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestQPDecodeError(t *testing.T) {
	for _, in := range []string{"control \x01 byte", "broken =\rescape"} {
		if got, err := QPDecode(in); err == nil {
			t.Errorf("QPDecode(%q) = %q, want an error", in, got)
		}
	}
}

// TestQPDecodeKeepsMalformedEscapes follows the RFC 2045 section 6.7 advice
// to pass a malformed "=" sequence through unchanged.
func TestQPDecodeKeepsMalformedEscapes(t *testing.T) {
	for _, in := range []string{"bad =ZZ escape", "a=0 short"} {
		if got, err := QPDecode(in); err != nil || got != in {
			t.Errorf("QPDecode(%q) = %q, %v; want it unchanged", in, got, err)
		}
	}
}

func TestQPRoundTrip(t *testing.T) {
	for _, s := range []string{
		"你好，世界",
		"Subject: 你好，世界\r\n\r\n第一行\r\n第二行 with trailing space \r\n",
		strings.Repeat("长行", 60),
		"tabs\tand = signs\r\n.leading dot\r\n",
	} {
		encoded := QPEncode(s)
		for _, line := range strings.Split(encoded, "\r\n") {
			if len(line) > 76 {
				t.Errorf("QPEncode(%q) has a %d-character line", s, len(line))
			}
		}
		got, err := QPDecode(encoded)
		if err != nil || got != s {
			t.Errorf("QPDecode(QPEncode(%q)) = %q, %v", s, got, err)
		}
	}
}
