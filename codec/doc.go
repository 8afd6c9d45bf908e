// Package codec holds the pure encoding functions of mailtutor and the
// inline-helper expander used by the interactive prompt.
//
// Encodings: base64 ([B64], [UnB64]), SASL PLAIN (RFC 4616,
// [PlainResponse]), CRAM-MD5 (RFC 2195, [CRAMMD5Response]), POP3 APOP
// (RFC 1939, [APOPDigest], [APOPTimestamp]), RFC 2047 encoded words
// ([EncodeWord], [DecodeWords]) and quoted-printable (RFC 2045,
// [QPEncode], [QPDecode]).
//
// The package does no I/O and imports no other package of the project.
//
// # Helper syntax
//
// [Expand] turns one typed line into the line to send. A helper line
// starts with a colon in the first column:
//
//	:b64 TEXT         send base64(TEXT); TEXT is the rest of the line
//	                  (spaces right after the helper name are dropped)
//	:unb64 [TEXT]     show the decoding of TEXT (default: the last
//	                  challenge), Go-quoted if it holds control bytes;
//	                  nothing is sent
//	:plain USER PASS  send "AUTH PLAIN base64(\0USER\0PASS)" (RFC 4616),
//	                  with the protocol's SASL verb ([Context.SASLVerb]);
//	                  when a PLAIN exchange is already open (an empty
//	                  challenge), send the response alone
//	:cram USER PASS   answer the open CRAM-MD5 challenge (RFC 2195)
//	:apop USER PASS   send "APOP USER digest" using the timestamp of the
//	                  greeting (RFC 1939), in a protocol that has APOP
//	::TEXT            send ":TEXT" (escape for a literal leading colon;
//	                  inline helpers in TEXT still expand)
//
// Helper names are not case-sensitive. PASS is the rest of the line after
// USER, so it may contain spaces. Any other ":word" is an
// [*UnknownHelperError], left for the prompt's own commands (":help").
// Inside any other line, inline helpers are replaced in place:
//
//	{b64:TEXT}        base64(TEXT); TEXT is taken exactly, up to the first '}'
//	{plain:USER PASS} base64(\0USER\0PASS)
//	{{                a literal '{'
//
// A '{' that does not start a known inline helper is sent unchanged (so IMAP
// literals such as "{5}" pass through); an unterminated "{b64:" is an error.
// The line to send never contains CR or LF ([ErrLineBreak]).
//
// The credential helpers ask the [Context] the session fills from its
// protocol and state, and refuse locally, sending nothing, what cannot
// work there: :cram with no CRAM-MD5 challenge open, :apop in a protocol
// without APOP or after a greeting without a <timestamp>, a helper that
// cannot answer the SASL exchange open now. A refusal is a
// [*RefusedError] (errors.Is tells its reason, [ErrNoChallenge] ...);
// [Localize] gives it, and [*UnknownHelperError], in Chinese too.
// Every expansion that carries a credential is marked [Expansion.Secret]
// and its [Expansion.Display] masks the password. The same text, ready to
// print, is in [Syntax].
package codec

// Syntax is the helper reference the prompt prints for its users.
const Syntax = `Helpers (type them at the start of a line):
  :b64 TEXT          send TEXT base64-encoded (AUTH LOGIN user name or password)
  :unb64 [TEXT]      show what TEXT (default: the last challenge) decodes to; sends nothing
  :plain USER PASS   send AUTH PLAIN with the RFC 4616 response for USER and PASS
                     (after a bare AUTH PLAIN, the response alone)
  :cram USER PASS    answer the open CRAM-MD5 challenge (RFC 2195)
  :apop USER PASS    send APOP USER <digest> using the greeting's <timestamp> (RFC 1939)
  ::TEXT             send ":TEXT" (a line that really starts with a colon)
Inline, anywhere in a line:
  {b64:TEXT}         replaced by base64(TEXT), e.g.  AUTH LOGIN {b64:student}
  {plain:USER PASS}  replaced by the PLAIN response, e.g.  AUTH PLAIN {plain:student secret123}
  {{                 a literal "{"
Lines made with :b64, :plain, :cram, :apop or an inline helper carry credentials:
they are masked on screen and kept out of the history and the transcript.`
