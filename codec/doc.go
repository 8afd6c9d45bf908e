// Package codec holds the pure encoding functions of mailtutor and the
// inline-helper expander used by the interactive prompt.
//
// Encodings: base64 ([B64], [UnB64]), SASL PLAIN (RFC 4616,
// [PlainResponse]), CRAM-MD5 (RFC 2195, [CRAMMD5Response]), POP3 APOP
// (RFC 1939, [APOPDigest], [APOPTimestamp]), RFC 2047 encoded words
// ([EncodeWord], [DecodeWords]), quoted-printable (RFC 2045,
// [QPEncode], [QPDecode]), IMAP's modified UTF-7 for mailbox names (RFC
// 3501 5.1.3, [EncodeMUTF7], [DecodeMUTF7]) and IMAP astrings ([AString]).
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
//	                  challenge), send the response alone; IMAP's
//	                  AUTHENTICATE takes the response on the same line
//	                  only with SASL-IR ([Context.SASLIR]): without it,
//	                  send "AUTHENTICATE PLAIN" alone, and the response
//	                  is typed again after the server's "+"
//	:cram USER PASS   answer the open CRAM-MD5 challenge (RFC 2195)
//	:apop USER PASS   send "APOP USER digest" using the timestamp of the
//	                  greeting (RFC 1939), in a protocol that has APOP
//	:login USER PASS  send IMAP's "LOGIN USER PASS" (RFC 9051 6.2.3), each
//	                  an atom if it can be, else a quoted string with "
//	                  and \ escaped; refused for what no quoted string
//	                  carries: CR, LF, NUL, and non-ASCII unless the
//	                  server takes UTF-8 ([Context.UTF8])
//	:unmutf7 TEXT     show what a mailbox name in modified UTF-7 reads
//	                  as ("&ZTZO9nux-" is 收件箱); nothing is sent
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
//	{mutf7:TEXT}      TEXT in modified UTF-7 ("{mutf7:已发送}" is
//	                  "&XfJT0ZAB-"); quote a name with spaces yourself:
//	                  SELECT "{mutf7:我的 文件夹}"
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
// cannot answer the SASL exchange open now, :login outside IMAP or with
// a user name or password no quoted string carries. A refusal is a
// [*RefusedError] (errors.Is tells its reason, [ErrNoChallenge] ...);
// [Localize] gives it, [*UnknownHelperError] and [*MUTF7Error] in
// Chinese too.
// Every expansion that carries a credential is marked [Expansion.Secret]
// and its [Expansion.Display] masks the password.
//
// Lines are never tagged here: in IMAP the prompt asks the dialect to tag
// the line a helper made (":login" makes "LOGIN student secret123"; the
// prompt sends "a1 LOGIN student secret123"), see [Expansion.WithTag].
// The same text, ready to print, is in [Syntax] and [SyntaxIn].
package codec

// Syntax is the helper reference the prompt prints for its users, in
// English; [SyntaxIn] gives it in the user's language.
const Syntax = `Helpers (type them at the start of a line):
  :b64 TEXT          send TEXT base64-encoded (AUTH LOGIN user name or password)
  :unb64 [TEXT]      show what TEXT (default: the last challenge) decodes to; sends nothing
  :plain USER PASS   send AUTH PLAIN with the RFC 4616 response for USER and PASS
                     (after a bare AUTH PLAIN, the response alone; in IMAP, AUTHENTICATE PLAIN,
                     and without SASL-IR the response goes after the "+": type :plain again)
  :cram USER PASS    answer the open CRAM-MD5 challenge (RFC 2195)
  :apop USER PASS    send APOP USER <digest> using the greeting's <timestamp> (RFC 1939)
  :login USER PASS   send IMAP LOGIN USER PASS, quoted where needed (RFC 9051 6.2.3)
  :unmutf7 TEXT      show what a modified UTF-7 mailbox name reads as (&ZTZO9nux- is 收件箱);
                     sends nothing
  ::TEXT             send ":TEXT" (a line that really starts with a colon)
Inline, anywhere in a line:
  {b64:TEXT}         replaced by base64(TEXT), e.g.  AUTH LOGIN {b64:student}
  {plain:USER PASS}  replaced by the PLAIN response, e.g.  AUTH PLAIN {plain:student secret123}
  {mutf7:TEXT}       replaced by TEXT in modified UTF-7, e.g.  SELECT {mutf7:已发送}
  {{                 a literal "{"
Lines made with :b64, :plain, :cram, :apop, :login, {b64:} or {plain:} carry credentials:
they are masked on screen and kept out of the history and the transcript.
In IMAP the prompt puts the tag (a1, a2, ...) before the line a helper makes.`

// syntaxZh is [Syntax] in Chinese.
const syntaxZh = `辅助命令（在行首输入）：
  :b64 TEXT          发送 TEXT 的 base64 编码（AUTH LOGIN 的用户名或密码）
  :unb64 [TEXT]      显示 TEXT（默认：最近一次质询）解码后的内容；不发送任何内容
  :plain USER PASS   发送 AUTH PLAIN 和 USER、PASS 的 RFC 4616 回应
                     （在单独的 AUTH PLAIN 之后只发送回应；IMAP 中发送 AUTHENTICATE PLAIN，
                     服务器没有公布 SASL-IR 时回应要等“+”之后发送：再输入一次 :plain）
  :cram USER PASS    回应当前的 CRAM-MD5 质询（RFC 2195）
  :apop USER PASS    用问候中的 <时间戳> 发送 APOP USER <摘要>（RFC 1939）
  :login USER PASS   发送 IMAP 的 LOGIN USER PASS，需要时加引号（RFC 9051 第 6.2.3 节）
  :unmutf7 TEXT      显示修改版 UTF-7 文件夹名的原文（&ZTZO9nux- 即收件箱）；
                     不发送任何内容
  ::TEXT             发送“:TEXT”（真正以冒号开头的行）
行内写法，可以写在一行中的任何位置：
  {b64:TEXT}         替换为 base64(TEXT)，例如  AUTH LOGIN {b64:student}
  {plain:USER PASS}  替换为 PLAIN 回应，例如  AUTH PLAIN {plain:student secret123}
  {mutf7:TEXT}       替换为 TEXT 的修改版 UTF-7 编码，例如  SELECT {mutf7:已发送}
  {{                 一个普通的“{”
用 :b64、:plain、:cram、:apop、:login、{b64:} 或 {plain:} 生成的行含有凭据：
屏幕上会遮盖，也不会写入历史记录和会话记录。
在 IMAP 中，提示符会在辅助命令生成的行前加上标签（a1、a2……）。`

// SyntaxIn is the helper reference in lang: "zh" for Chinese, English
// ([Syntax]) otherwise.
func SyntaxIn(lang string) string {
	if isChinese(lang) {
		return syntaxZh
	}
	return Syntax
}
