package session

import "github.com/mailtutor/mailtutor/protocol"

// AutoTag returns line with the next free tag in front when the dialect
// tags commands (IMAP: "LOGIN …" becomes "a1 LOGIN …") and the line starts
// a command without one; added is false, and line comes back as it is,
// for a line that has a tag, one that continues a command (a SASL answer,
// literal text, DONE), and in a protocol without tags. The tag is taken
// when the line is sent: asking again before that gives the same one.
func (s *Session) AutoTag(line string) (tagged string, added bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.conv.framer.(protocol.Tagger); ok {
		return t.AutoTag(line)
	}
	return line, false
}
