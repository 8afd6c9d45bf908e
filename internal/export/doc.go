// Package export turns a recorded transcript into a handout a student can
// read away from the terminal: a Markdown page that renders well on GitHub,
// or one self-contained HTML file for the screen and for print.
//
// The dialogue is laid out client against server. Every server reply is
// framed again from the recorded text with protocol.Framer and explained with
// protocol.Explain (the stored notes are not trusted for that), so a handout
// carries the same annotations as the live prompt: the class of the reply,
// the meaning of its code, its RFC 3463 enhanced code, a decoded base64
// challenge and the suggested next step. TLS handshakes show their
// certificate, DATA bodies are shown as a block and secrets are never shown:
// a redacted (or kept) credential becomes a mark such as "hidden: password".
//
// Everything taken from the transcript is escaped for the output format, and
// control characters and invalid UTF-8 are shown as visible escapes (\r,
// \x00), so the output is always valid UTF-8 that no transcript can inject
// markup into.
package export
