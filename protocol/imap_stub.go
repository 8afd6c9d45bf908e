package protocol

// This file stands in for the IMAP explanations and command catalog
// (imap_explain.go, imap_commands.go) until they are merged; it is deleted
// then.

// explainIMAP says only how an IMAP response went.
func explainIMAP(r *Reply, lang Lang) (Explanation, error) {
	if _, err := textsFor(lang); err != nil || r == nil {
		return Explanation{}, err
	}
	return Explanation{Lang: lang, Class: r.Tone.String(), RFC: "RFC 9051 7"}, nil
}

// imapCommands has no entries yet.
func imapCommands(lang Lang) ([]CommandInfo, error) {
	if _, err := textsFor(lang); err != nil {
		return nil, err
	}
	return nil, nil
}
