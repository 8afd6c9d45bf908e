// Package protocol knows what the mail protocols' wire text means, without
// doing any I/O.
//
// Each protocol is a [Dialect] (SMTP and POP3 are registered at start-up;
// see [Register], [Lookup], [Schemes]): its URL schemes and ports, a
// [Framer] per connection that assembles received lines into replies
// (SMTP multi-line replies, RFC 5321 4.2; POP3 single-line versus
// dot-terminated replies, which depend on the command answered, RFC 1939,
// RFC 2449, RFC 5034) and keeps the conversation's [State], the
// protocol-neutral [Tone] of a reply beside the protocol's own class and
// status, explanations that read the state a reply arrived in
// ([Reply.Before]), redaction of secrets in client lines, local warnings,
// and the command catalog.
//
// All user-visible text lives in per-language tables, English and Chinese
// (see [Lang]); parity tests keep them equal.
//
// The package imports no other package of this project.
package protocol
