package transcript

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// Every file in testdata/broken fails to load with this exact message,
// line number included.
func TestBrokenFiles(t *testing.T) {
	tests := []struct{ file, want string }{
		{"alias.yaml", `alias.yaml:9: "client": aliases (*name) are not supported`},
		{"at_backwards.yaml", `at_backwards.yaml:7: at 0.005 is before the previous step's 0.010: steps are in time order`},
		{"at_negative.yaml", `at_negative.yaml:8: "at" must be seconds since the start with at most 3 decimals, like 1.204, got "-1"`},
		{"at_too_precise.yaml", `at_too_precise.yaml:8: "at" must be seconds since the start with at most 3 decimals, like 1.204, got "1.2345"`},
		{"bad_b64.yaml", `bad_b64.yaml:7: "client_b64" is not valid base64: illegal base64 data at input byte 3`},
		{"bad_protocol.yaml", `bad_protocol.yaml:2: protocol "imap" is not supported: want smtp or pop3`},
		{"bad_recorded.yaml", `bad_recorded.yaml:4: "recorded" must be a time like 2026-11-25T19:40:00Z, got "last tuesday"`},
		{"bad_secret_kind.yaml", `bad_secret_kind.yaml:8: unknown secret kind "pin": want one of username, password, sasl-response, sasl-initial-response, apop-digest, credential`},
		{"bad_tls_mode.yaml", `bad_tls_mode.yaml:3: "tls" must be none, starttls or implicit, got "yes"`},
		{"client_no_value.yaml", `client_no_value.yaml:7: "client" has no value (write "" for an empty one)`},
		{"data_without_newline.yaml", `data_without_newline.yaml:7: data must be empty or end with a newline (every body line ends with one)`},
		{"duplicate_field.yaml", `duplicate_field.yaml:8: field "client" appears twice in step (first on line 7)`},
		{"empty.yaml", `empty.yaml: empty file: not a mailtutor transcript`},
		{"field_after_steps.yaml", `field_after_steps.yaml:12: unknown field "bogus" in the header`},
		{"kept_without_secret.yaml", `kept_without_secret.yaml:7: kept is only for a step with a secret`},
		{"lesson_unknown_field.yaml", `lesson_unknown_field.yaml:8: unknown field "answer" in lesson`},
		{"missing_at.yaml", `missing_at.yaml:7: step has no "at" (seconds since the start)`},
		{"missing_port.yaml", `missing_port.yaml:3: missing required field "port" in server`},
		{"missing_server.yaml", `missing_server.yaml:1: missing required field "server" in the header`},
		{"missing_version.yaml", `missing_version.yaml:1: missing required field "mailtutor" (the schema version): is this a mailtutor transcript?`},
		{"newer_version.yaml", `newer_version.yaml:1: written by a newer mailtutor (schema 3); this one reads up to 2`},
		{"no_kind.yaml", `no_kind.yaml:7: step has none of client, server, data, tls, closed`},
		{"not_a_mapping.yaml", `not_a_mapping.yaml:1: not a mailtutor transcript: the top level must be a mapping that starts with "mailtutor: 2"`},
		{"secret_on_server.yaml", `secret_on_server.yaml:7: secret "username" on a server step: only client lines carry secrets`},
		{"tab_indent.yaml", `tab_indent.yaml:4: invalid YAML: found character that cannot start any token (indent with spaces: YAML does not allow tabs there)`},
		{"tagged_value.yaml", `tagged_value.yaml:7: "client" must be text, got a value tagged !!binary`},
		{"text_and_b64.yaml", `text_and_b64.yaml:8: step has both "client" and "client_b64": keep one`},
		{"tls_empty.yaml", `tls_empty.yaml:7: tls must be a mapping of fields, got nothing`},
		{"tls_unknown_field.yaml", `tls_unknown_field.yaml:9: unknown field "verfied" in tls`},
		{"two_documents.yaml", `two_documents.yaml:7: a second YAML document: a transcript is one document`},
		{"two_kinds.yaml", `two_kinds.yaml:8: step has two kinds, "client" and "server": a step is exactly one of client, server, data, tls, closed`},
		{"unknown_field.yaml", `unknown_field.yaml:7: unknown field "clinet" in step`},
		{"unknown_header_field.yaml", `unknown_header_field.yaml:2: unknown field "titel" in the header`},
		{"unterminated_quote.yaml", `unterminated_quote.yaml:6: invalid YAML: did not find expected key`},
		{"version_text.yaml", `version_text.yaml:1: "mailtutor" must be the schema version number, got "one"`},
		{"version_zero.yaml", `version_zero.yaml:1: unsupported schema version 0 (versions start at 1)`},
		{"wire_on_client.yaml", `wire_on_client.yaml:7: wire on a client step: only a server reply has a wire form`},
		{"wire_schema_1.yaml", `wire_schema_1.yaml:8: field "wire" needs schema 2 or later ("mailtutor: 2"); this file declares 1`},
		{"wire_without_crlf.yaml", `wire_without_crlf.yaml:7: a server reply in the wire form ends with CRLF ("\r\n"): every line is followed by its line ending`},
		{"wrong_type_client.yaml", `wrong_type_client.yaml:7: "client" must be text, got a list`},
		{"wrong_type_kept.yaml", `wrong_type_kept.yaml:9: "kept" must be true or false, got "maybe"`},
		{"wrong_type_port.yaml", `wrong_type_port.yaml:5: "port" must be a number from 1 to 65535, got "twenty-five"`},
		{"wrong_type_steps.yaml", `wrong_type_steps.yaml:5: "steps" must be a list of steps, got a mapping`},
	}
	files, err := filepath.Glob("testdata/broken/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(tests) {
		t.Errorf("%d files in testdata/broken, %d in the table", len(files), len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "broken", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			tr, warnings, err := Parse(data, tt.file)
			if err == nil {
				t.Fatalf("loaded %+v (warnings %q), want error %s", tr, warnings, tt.want)
			}
			var le *LoadError
			if !errors.As(err, &le) || le.File != tt.file {
				t.Fatalf("error %T %v is not a *LoadError for %s", err, err, tt.file)
			}
			if err.Error() != tt.want {
				t.Fatalf("got  %s\nwant %s", err, tt.want)
			}
		})
	}
}

func TestLoadErrorFormat(t *testing.T) {
	tests := []struct {
		err  LoadError
		want string
	}{
		{LoadError{File: "a.yaml", Line: 12, Msg: "bad"}, "a.yaml:12: bad"},
		{LoadError{File: "a.yaml", Msg: "bad"}, "a.yaml: bad"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, _, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("got %v, want os.ErrNotExist", err)
	}
}
