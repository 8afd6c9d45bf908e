package transcript

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
)

// FuzzParse: Parse never panics, fails only with a *LoadError, and whatever it
// accepts Encode writes back so that Parse gives the same transcript, with
// no warning, and Encode is then stable. Seeds: testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Add([]byte("mailtutor: 1\nprotocol: smtp\nserver: {host: h, port: 25, tls: none}\nsteps:\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tr, warnings, err := Parse(data, "fuzz.yaml")
		if err != nil {
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("error %T is not a *LoadError: %v", err, err)
			}
			return
		}
		if len(warnings) > 1 {
			t.Fatalf("more than one warning: %q", warnings)
		}
		tr.Version = Version // Encode writes the newest schema; an older file reads the same in it
		var enc bytes.Buffer
		if err := tr.Encode(&enc); err != nil {
			t.Fatalf("Encode of a parsed transcript: %v", err)
		}
		again, warnings, err := Parse(enc.Bytes(), "encoded.yaml")
		if err != nil || len(warnings) > 0 {
			t.Fatalf("Parse of Encode output: %v %q\n%s", err, warnings, enc.Bytes())
		}
		if !reflect.DeepEqual(tr, again) {
			t.Fatalf("round trip differs:\n got %#v\nwant %#v\n%s", again, tr, enc.Bytes())
		}
		if second := encode(t, again); !bytes.Equal(second, enc.Bytes()) {
			t.Fatalf("Encode is not stable:\n%s\n---\n%s", enc.Bytes(), second)
		}
	})
}
