package transcript

import "strings"

// ReplyText is the Text of a server step that records a reply of these
// lines (as received, without their CRLF), and whether the step needs the
// wire form (Step.Wire). The lines joined by "\n" are the usual form;
// when a line holds a "\n" itself (a bare LF inside an IMAP literal, RFC
// 9051 4.3) that form could not be read back, and the text is the reply
// as it came on the wire instead: every line followed by CRLF. Either way
// the text gives back the lines exactly ([Step.ReplyLines]).
func ReplyText(lines []string) (text string, wire bool) {
	for _, l := range lines {
		if strings.Contains(l, "\n") {
			return strings.Join(lines, "\r\n") + "\r\n", true
		}
	}
	return strings.Join(lines, "\n"), false
}

// ReplyLines returns the lines of a server step as received, without
// their CRLF, from either form of its Text: split at "\n", or for the
// wire form at each CRLF. A line of a wire text never holds a CRLF (one
// ends it), but may hold a bare CR or LF.
func (s *Step) ReplyLines() []string {
	if !s.Wire {
		return strings.Split(s.Text, "\n")
	}
	return strings.Split(strings.TrimSuffix(s.Text, "\r\n"), "\r\n")
}
