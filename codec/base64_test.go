package codec

import (
	"strings"
	"testing"
)

// RFC 4648 section 10 test vectors.
var rfc4648Vectors = []struct{ plain, encoded string }{
	{"", ""},
	{"f", "Zg=="},
	{"fo", "Zm8="},
	{"foo", "Zm9v"},
	{"foob", "Zm9vYg=="},
	{"fooba", "Zm9vYmE="},
	{"foobar", "Zm9vYmFy"},
}

func TestB64RFC4648(t *testing.T) {
	for _, v := range rfc4648Vectors {
		if got := B64(v.plain); got != v.encoded {
			t.Errorf("B64(%q) = %q, want %q", v.plain, got, v.encoded)
		}
	}
}

func TestUnB64(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"padded", "Zm9vYg==", "foob"},
		{"missing both pads", "Zm9vYg", "foob"},
		{"missing one pad", "Zm9vYg=", "foob"},
		{"single pad", "Zm9vYmE=", "fooba"},
		{"single pad missing", "Zm9vYmE", "fooba"},
		{"surrounding spaces", "  Zm9vYmFy \t", "foobar"},
		{"empty", "", ""},
		{"only spaces", "   ", ""},
		{"utf-8", "5L2g5aW977yM5LiW55WM", "你好，世界"},
		{"login prompt", "VXNlcm5hbWU6", "Username:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := UnB64(tt.in)
			if err != nil {
				t.Fatalf("UnB64(%q) error: %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("UnB64(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestUnB64Errors(t *testing.T) {
	tests := []struct {
		name, in, wantInError string
	}{
		{"illegal character", "Zm9v!mFy", `'!' at position 5`},
		{"space inside", "Zm9v YmFy", `' ' at position 5`},
		{"non-ascii", "Zm9vé", `'é' at position 5`},
		{"dangling character", "Zm9vY", "5 characters cannot be complete"},
		{"too much padding", "Zm9vYg===", "wrong padding"},
		{"padding in wrong place", "Zm9vYmFy==", "wrong padding"},
		{"padding alone", "=", "wrong padding"},
		{"padding inside", "Zm==9v", "not in the base64 alphabet"},
		{"line break inside", "Zm9v\nYmFy", `'\n' at position 5`},
		{"url-safe alphabet", "-_-_", `'-' at position 1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := UnB64(tt.in)
			if err == nil {
				t.Fatalf("UnB64(%q) = %q, want an error", tt.in, got)
			}
			if !strings.Contains(err.Error(), tt.wantInError) {
				t.Errorf("UnB64(%q) error %q does not mention %q", tt.in, err, tt.wantInError)
			}
		})
	}
}

func TestUnB64ErrorDoesNotEchoInput(t *testing.T) {
	const secretish = "c2VjcmV0MTIz!"
	_, err := UnB64(secretish)
	if err == nil {
		t.Fatal("want an error for a trailing '!'")
	}
	if strings.Contains(err.Error(), "c2VjcmV0") {
		t.Errorf("error %q repeats the input", err)
	}
}

func TestB64RoundTrip(t *testing.T) {
	for _, s := range []string{"", "a", "student", "\x00tim\x00tanstaaf", "你好，世界", "\xff\xfe binary"} {
		got, err := UnB64(B64(s))
		if err != nil || got != s {
			t.Errorf("UnB64(B64(%q)) = %q, %v", s, got, err)
		}
	}
}
