package protocol

import (
	"fmt"
	"strconv"
)

// imapPromptTexts are the words of the IMAP prompt that are not IMAP's
// own, by language.
var imapPromptTexts = map[Lang]struct{ literalLeft, literalWait string }{
	English: {literalLeft: "literal (%d bytes left)", literalWait: "literal (%d bytes, waiting for the server's +)"},
	Chinese: {literalLeft: "literal（还差 %d 字节）", literalWait: "literal（%d 字节，等服务器回 +）"},
}

// Prompt names the IMAP state (RFC 9051 3) for the prompt: "imap" before
// login, "imap auth" once authenticated, the selected mailbox decoded
// from modified UTF-7 ("imap 收件箱", "imap INBOX [ro]" when read-only),
// "imap sasl" while a SASL answer is expected, "idle" while the server
// idles and "literal (N bytes left)" while literal text is typed; "+tls"
// follows "imap" once the connection is encrypted.
func (imapDialect) Prompt(st State, lang Lang) string {
	t, ok := imapPromptTexts[lang]
	if !ok {
		t = imapPromptTexts[English]
	}
	name := string(IMAP)
	if st.TLS {
		name += "+tls"
	}
	switch {
	case st.Input == InputIdle:
		return "idle"
	case st.Input == InputLiteral:
		return fmt.Sprintf(t.literalLeft, st.Literal)
	case st.Literal > 0 && st.Continuing != "":
		return fmt.Sprintf(t.literalWait, st.Literal)
	case st.Input == InputSASL:
		return name + " sasl"
	case st.Mailbox != "" && st.ReadOnly:
		return name + " " + DisplayMailbox(st.Mailbox) + " [ro]"
	case st.Mailbox != "":
		return name + " " + DisplayMailbox(st.Mailbox)
	case st.LoggedIn:
		return name + " auth"
	}
	return name
}

// AppendLine announces a message for APPEND (RFC 9051 6.3.12) with a
// literal of its size: non-synchronizing ({n+}) when the server
// advertised LITERAL+, or LITERAL- and the message is at most 4096 bytes
// (RFC 7888), else synchronizing ({n}), sent after the server's "+".
func (imapDialect) AppendLine(mailbox string, size int64, st State) (string, bool) {
	nonSync := st.Offers("LITERAL+") || st.Offers("LITERAL-") && size <= 4096
	lit := "{" + strconv.FormatInt(size, 10)
	if nonSync {
		lit += "+"
	}
	return "APPEND " + mailbox + " " + lit + "}", nonSync
}
