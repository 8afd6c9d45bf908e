package transcript

import (
	"encoding/base64"
	"strings"

	"go.yaml.in/yaml/v3"
)

// kindFields maps every field that can hold a step's content to its kind.
var kindFields = map[string]Kind{
	"client": KindClient, "client_b64": KindClient,
	"server": KindServer, "server_b64": KindServer,
	"data": KindData, "data_b64": KindData,
	"tls": KindTLS, "closed": KindClosed,
}

// decodeStep reads one step of a file of schema version.
func decodeStep(n *yaml.Node, version int) (Step, error) {
	var s Step
	list, err := fields(n, "step")
	if err != nil {
		return s, err
	}
	var kindKey *field
	hasAt := false
	for i := range list {
		f := list[i]
		if kind, ok := kindFields[f.key]; ok {
			if kindKey != nil {
				return s, twoKinds(*kindKey, f)
			}
			kindKey = &list[i]
			s.Kind = kind
			err = decodeContent(&s, f)
		} else {
			hasAt = hasAt || f.key == "at"
			err = decodeStepField(&s, f, version)
		}
		if err != nil {
			return s, err
		}
	}
	switch {
	case kindKey == nil:
		return s, errAt(n, "step has none of %s", kindList())
	case !hasAt:
		return s, errAt(n, "step has no \"at\" (seconds since the start)")
	}
	if err := checkStep(&s); err != nil {
		return s, errAt(n, "%s", err.Error())
	}
	return s, nil
}

func twoKinds(first, second field) error {
	if strings.TrimSuffix(first.key, "_b64") == strings.TrimSuffix(second.key, "_b64") {
		return errAt(second.keyAt, "step has both %q and %q: keep one", first.key, second.key)
	}
	return errAt(second.keyAt, "step has two kinds, %q and %q: a step is exactly one of %s", first.key, second.key, kindList())
}

// decodeContent reads the field that holds a step's content.
func decodeContent(s *Step, f field) error {
	var err error
	switch f.key {
	case "tls":
		s.TLS, err = decodeTLS(f.value)
		return err
	case "client_b64", "server_b64", "data_b64":
		s.Text, err = base64Text(f)
	default:
		s.Text, err = text(f)
		if f.key == "server" && f.value.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			s.Text = strings.TrimSuffix(s.Text, "\n") // a block's final newline is layout
		}
	}
	if err == nil && s.Kind == KindData && s.Text != "" && !strings.HasSuffix(s.Text, "\n") {
		err = errAt(f.value, "data must be empty or end with a newline (every body line ends with one)")
	}
	return err
}

func base64Text(f field) (string, error) {
	v, err := text(f)
	if err != nil {
		return "", err
	}
	raw, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		return "", errAt(f.value, "%q is not valid base64: %v", f.key, err)
	}
	return string(raw), nil
}

func decodeStepField(s *Step, f field, version int) error {
	var err error
	switch f.key {
	case "wire":
		if version < 2 {
			return errAt(f.keyAt, "field \"wire\" needs schema 2 or later (\"mailtutor: 2\"); this file declares %d", version)
		}
		s.Wire, err = boolean(f)
	case "at":
		s.At, err = offset(f)
	case "secret":
		if s.Secret, err = text(f); err == nil && !KnownSecret(s.Secret) {
			err = errAt(f.value, "unknown secret kind %q: want one of %s", s.Secret, strings.Join(secretKinds, ", "))
		}
	case "kept":
		s.Kept, err = boolean(f)
	case "note":
		s.Note, err = text(f)
	case "lesson":
		s.Lesson, err = decodeLesson(f.value)
	default:
		err = unknown(f, "step")
	}
	return err
}

func decodeTLS(n *yaml.Node) (*TLSInfo, error) {
	list, err := fields(n, "tls")
	if err != nil {
		return nil, err
	}
	info := &TLSInfo{}
	for _, f := range list {
		switch f.key {
		case "version":
			info.Version, err = text(f)
		case "cipher":
			info.Cipher, err = text(f)
		case "server_name":
			info.ServerName, err = text(f)
		case "subject":
			info.Subject, err = text(f)
		case "issuer":
			info.Issuer, err = text(f)
		case "dns_names":
			info.DNSNames, err = textList(f)
		case "not_before":
			info.NotBefore, err = timestamp(f)
		case "not_after":
			info.NotAfter, err = timestamp(f)
		case "fingerprint":
			info.Fingerprint, err = text(f)
		case "verified":
			info.Verified, err = boolean(f)
		case "verify_error":
			info.VerifyError, err = text(f)
		default:
			err = unknown(f, "tls")
		}
		if err != nil {
			return nil, err
		}
	}
	return info, nil
}

func textList(f field) ([]string, error) {
	if isNull(f.value) {
		return nil, nil
	}
	if f.value.Kind != yaml.SequenceNode {
		return nil, errAt(f.value, "%q must be a list, got %s", f.key, describe(f.value))
	}
	var out []string
	for _, item := range f.value.Content {
		v, err := text(field{key: f.key, keyAt: f.keyAt, value: item})
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func decodeLesson(n *yaml.Node) (*LessonNotes, error) {
	list, err := fields(n, "lesson")
	if err != nil {
		return nil, err
	}
	l := &LessonNotes{}
	for _, f := range list {
		switch f.key {
		case "explain":
			l.Explain, err = text(f)
		case "expect":
			l.Expect, err = text(f)
		case "hint":
			l.Hint, err = text(f)
		case "notice":
			l.Notice, err = text(f)
		default:
			err = unknown(f, "lesson")
		}
		if err != nil {
			return nil, err
		}
	}
	return l, nil
}
