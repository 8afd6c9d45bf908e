package protocol

import (
	"errors"
	"testing"
)

func TestDecodeMUTF7(t *testing.T) {
	tests := []struct{ in, want string }{
		{"INBOX", "INBOX"},
		{"&ZeVnLIqe-", "日本語"},
		{"&ZTZO9nux-", "收件箱"},
		{"&XfJT0ZAB-", "已发送"},
		{"~peter/mail/&U,BTFw-/&ZeVnLIqe-", "~peter/mail/台北/日本語"}, // RFC 3501 5.1.3
		{"&U,BTF2XlZyyKng-", "台北日本語"},                             // RFC 2152's example, modified
		{"&-", "&"},
		{"Tom &- Jerry", "Tom & Jerry"},
		{"Hi Mom -&Jjo--!", "Hi Mom -☺-!"},
		{"&2D3eAA-", "😀"}, // a surrogate pair
		{"&AOk-t&AOk-", "été"},
		{"", ""},
	}
	for _, tt := range tests {
		got, err := DecodeMUTF7(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("DecodeMUTF7(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
		if d := DisplayMailbox(tt.in); d != tt.want {
			t.Errorf("DisplayMailbox(%q) = %q", tt.in, d)
		}
	}
}

func TestDecodeMUTF7Refuses(t *testing.T) {
	for _, in := range []string{
		"&ZeVnLIqe",            // never closed
		"&AGE-",                // "a" encoded
		"&ZeVnLIqe-&ZeVnLIqe-", // two runs touch
		"&ZeVnLIq/-",           // "/" is not modified BASE64
		"&ZeVnLIqe=-",          // padding
		"&Jjp-",                // bits left over
		"&ZeVn-",               // an odd number of bytes
		"&2D0-",                // half a surrogate pair
		"&2D0AQQ-",             // a high surrogate before a non-surrogate
		"日本語",                  // raw UTF-8 (IMAP4rev2 UTF8=ACCEPT, not UTF-7)
		"tab\there",            // a control character
		"&AAA-",                // NUL encoded
	} {
		got, err := DecodeMUTF7(in)
		if in == "&AAA-" { // NUL is not printable: it may be encoded
			if err != nil || got != "\x00" {
				t.Errorf("DecodeMUTF7(%q) = %q, %v", in, got, err)
			}
			continue
		}
		if err == nil || !errors.Is(err, ErrMUTF7) {
			t.Errorf("DecodeMUTF7(%q) = %q, %v; want an error wrapping ErrMUTF7", in, got, err)
		}
		if d := DisplayMailbox(in); d != in {
			t.Errorf("DisplayMailbox(%q) = %q, want it unchanged", in, d)
		}
	}
}
