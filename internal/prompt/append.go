package prompt

import (
	"errors"
	"os"
	"strconv"
	"strings"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// appendFile is the :append MAILBOX FILE helper: it stores the message in
// FILE in MAILBOX with the dialect's APPEND line, its literal counted for
// the person (LF turned into CRLF, a final CRLF ensured), and sends the
// message after the server's "+", or at once when the server takes a
// non-synchronizing literal. A refusal of the server is shown as any reply.
func (r *Runner) appendFile(args string) error {
	s := r.Session
	a, ok := s.Dialect().(protocol.Appender)
	if !ok {
		return errors.New(i18n.Textf(r.Lang, i18n.AppendNotHere, strings.ToUpper(string(s.Target().Protocol))))
	}
	if s.Mode() != session.ModeCommand || s.State().Continuing != "" {
		return errors.New(i18n.Text(r.Lang, i18n.AppendBusy))
	}
	name, file, ok := appendArgs(args)
	if !ok {
		return errors.New(i18n.Text(r.Lang, i18n.AppendUsage))
	}
	mailbox, err := r.mailboxArg(name)
	if err != nil {
		return err
	}
	lines, size, err := r.messageLines(file)
	if err != nil {
		return err
	}
	line, nonSync := a.AppendLine(mailbox, size, s.State())
	if err := r.sendCommand(codec.Expansion{Send: line, Display: line}, false); err != nil {
		return err
	}
	if !nonSync && !r.awaitLiteral() {
		return nil // the server said no, or nothing: its reply (or the timeout) is shown
	}
	for _, l := range lines {
		if err := s.Send(l, session.SendOptions{}); err != nil {
			return err
		}
	}
	return r.endCommandLine(i18n.Textf(r.Lang, i18n.AppendSent, file, len(lines), size))
}

// appendArgs splits ":append" arguments into the mailbox name, unquoted
// when it is quoted ("My mail", with \" and \\), and the file name, the
// rest of the line.
func appendArgs(args string) (mailbox, file string, ok bool) {
	args = strings.TrimSpace(args)
	if strings.HasPrefix(args, `"`) {
		var b strings.Builder
		for i := 1; i < len(args); i++ {
			switch c := args[i]; {
			case c == '\\' && i+1 < len(args):
				i++
				b.WriteByte(args[i])
			case c == '"':
				file = strings.TrimSpace(args[i+1:])
				return b.String(), file, b.Len() > 0 && file != ""
			default:
				b.WriteByte(c)
			}
		}
		return "", "", false
	}
	mailbox, file, _ = strings.Cut(args, " ")
	file = strings.TrimSpace(file)
	return mailbox, file, mailbox != "" && file != ""
}

// mailboxArg is a mailbox name as it goes on the wire: in modified UTF-7
// when it is not ASCII (收件箱 is &ZTZO9nux-; an ASCII name goes as typed,
// so one already encoded stays so), then an atom or a quoted string.
func (r *Runner) mailboxArg(name string) (string, error) {
	for i := 0; i < len(name); i++ {
		if name[i] >= 0x80 {
			name = codec.EncodeMUTF7(name)
			break
		}
	}
	quoted, bad := codec.AString(name, false)
	if bad != "" {
		return "", errors.New(i18n.Textf(r.Lang, i18n.AppendMailbox, escaped(name)))
	}
	return quoted, nil
}

// escaped writes name's line breaks and NULs as Go escapes (\n, \x00),
// so that a message can show it on one line in either language.
func escaped(name string) string {
	q := strconv.Quote(name)
	return q[1 : len(q)-1]
}

// messageLines reads a message file as the lines of a literal, without
// their line ends, and the literal's size: each line and CRLF. A NUL, or
// a CR that is not part of a line end, is refused.
func (r *Runner) messageLines(file string) ([]string, int64, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, 0, errors.New(i18n.Textf(r.Lang, i18n.AppendRead, file, err))
	}
	if len(data) == 0 {
		return nil, 0, errors.New(i18n.Textf(r.Lang, i18n.AppendEmpty, file))
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	var size int64
	for i, l := range lines {
		switch {
		case strings.IndexByte(l, 0) >= 0:
			return nil, 0, errors.New(i18n.Textf(r.Lang, i18n.AppendNUL, file, i+1))
		case strings.IndexByte(l, '\r') >= 0:
			return nil, 0, errors.New(i18n.Textf(r.Lang, i18n.AppendBareCR, file, i+1))
		}
		size += int64(len(l)) + 2
	}
	return lines, size, nil
}
