package prompt

import (
	"fmt"
	"strings"

	"github.com/mailtutor/mailtutor/protocol"
)

// metaHelp lists the prompt's own commands.
const metaHelp = `Prompt commands (not sent to the server):
  :help [COMMAND]   explain a command (syntax, meaning, state, RFC); without one, list them
  :helpers          the credential helpers and the inline {b64:...} form
  :b64 TEXT         send TEXT base64-encoded         :unb64 TEXT   only show the decoding
  :plain USER PASS  send AUTH PLAIN (RFC 4616)       :cram USER PASS  answer a CRAM-MD5 challenge
  :apop USER PASS   send APOP with the digest        ::text        send ":text" literally
  :status           connection, TLS and advertised extensions
  :save FILE        save the session so far as a transcript
  :quit             leave (Ctrl-D too; QUIT says goodbye to the server first)
Keys: Tab completes, Ctrl-R searches history, Ctrl-C clears the line.`

// helpText is the :help page for a command, or the list of all of them.
func helpText(p protocol.Protocol, arg string) string {
	arg = strings.TrimSpace(arg)
	if arg != "" {
		name := strings.TrimPrefix(strings.Fields(arg)[0], ":")
		if c, ok := protocol.LookupCommand(p, name); ok {
			return commandPage(c)
		}
		other := protocol.SMTP
		if p == protocol.SMTP {
			other = protocol.POP3
		}
		if c, ok := protocol.LookupCommand(other, name); ok {
			return fmt.Sprintf("(%s is a %s command, not %s)\n", c.Name, strings.ToUpper(string(other)), strings.ToUpper(string(p))) + commandPage(c)
		}
		return fmt.Sprintf("no %s command %q; :help lists them\n", strings.ToUpper(string(p)), name)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s commands (:help NAME for details):\n", strings.ToUpper(string(p)))
	for _, c := range protocol.Commands(p) {
		old := ""
		if c.Obsolete {
			old = " (obsolete)"
		}
		fmt.Fprintf(&b, "  %-9s %s%s\n", c.Name, firstSentence(c.Meaning), old)
	}
	b.WriteString("\n" + metaHelp + "\n")
	return b.String()
}

func commandPage(c protocol.CommandInfo) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s  (%s, %s)\n", c.Name, strings.ToUpper(string(c.Protocol)), c.RFC)
	fmt.Fprintf(&b, "  syntax:  %s\n", c.Syntax)
	fmt.Fprintf(&b, "  meaning: %s\n", c.Meaning)
	fmt.Fprintf(&b, "  when:    %s\n", c.State)
	if c.Obsolete {
		b.WriteString("  note:    obsolete; most servers answer 502 (not implemented)\n")
	}
	return b.String()
}

func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i > 0 {
		return s[:i+1]
	}
	return s
}
