package protocol

// This file tests the stand-in of imap_mutf7_stub.go; the merge deletes
// both (imap-core's mutf7.go has its own tests).

import "testing"

func TestDecodeMailboxNameStub(t *testing.T) {
	tests := []struct{ in, want string }{
		{"INBOX", "INBOX"},
		{"&ZTZO9nux-", "收件箱"},
		{"&XfJT0ZAB-", "已发送"},
		{"~peter/mail/&U,BTFw-/&ZeVnLIqe-", "~peter/mail/台北/日本語"},
		{"Tom &- Jerry", "Tom & Jerry"},
		{"&broken", "&broken"},
		{"&ZTZO9nux", "&ZTZO9nux"},
		{"&Jjo!", "&Jjo!"},
	}
	for _, tt := range tests {
		if got := decodeMailboxName(tt.in); got != tt.want {
			t.Errorf("decodeMailboxName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
