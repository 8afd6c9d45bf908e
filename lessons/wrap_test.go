package lessons

import "testing"

func TestReflow(t *testing.T) {
	tests := []struct{ in, want string }{
		{"one line", "one line"},
		{"Introduce yourself\nwith EHLO.", "Introduce yourself with EHLO."},
		{"第一行\n第二行", "第一行第二行"},
		{"服务器只投递给\nRCPT TO 里的地址", "服务器只投递给 RCPT TO 里的地址"},
		{"都用 base64 编码），\n写明发件人", "都用 base64 编码），写明发件人"},
		{"Headers:\n  From   who\n  To     whom\nThat is all.", "Headers:\n  From   who\n  To     whom\nThat is all."},
		{"One.\n\nTwo\nlines.", "One.\n\nTwo lines."},
	}
	for _, tt := range tests {
		if got := reflow(tt.in); got != tt.want {
			t.Errorf("reflow(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
