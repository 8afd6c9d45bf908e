package lessons

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

// TestServersFor: a URL serves the services of its protocol and TLS mode;
// NAME=URL one service, whose TLS mode must be the URL's.
func TestServersFor(t *testing.T) {
	tests := []struct {
		spec string
		want []string // services mapped
		err  string
	}{
		{"submission://127.0.0.1:2587", []string{"smtp", "submission"}, ""},
		{"smtps://127.0.0.1:2465", []string{"smtps"}, ""},
		{"pop3://127.0.0.1:2110", []string{"pop3"}, ""},
		{"pop3s://127.0.0.1:2995", []string{"pop3s"}, ""},
		{"smtp=smtp://127.0.0.1:2525", []string{"smtp"}, ""},
		{"submission=smtp://127.0.0.1:2587", []string{"submission"}, ""},
		{"smtps=smtp://127.0.0.1:2465", nil, "the smtps service needs a smtps:// URL"},
		{"pop3=pop3s://127.0.0.1:2995", nil, "the pop3 service needs a pop3:// URL"},
		{"imaps://127.0.0.1:2993", []string{"imaps"}, ""},
		{"imap=imaps://127.0.0.1:2993", nil, "the imap service needs a imap:// URL"},
		{"gopher=imap://127.0.0.1", nil, "unknown service"},
	}
	for _, tt := range tests {
		got, err := ServersFor(tt.spec, Server{})
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: err = %v, want %q", tt.spec, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.spec, err)
			continue
		}
		if names := slices.Sorted(maps.Keys(got)); !slices.Equal(names, tt.want) {
			t.Errorf("%s maps %q, want %q", tt.spec, names, tt.want)
		}
	}
}
