package mailstore

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Inbox is the canonical name of the folder every user has. Any case of
// "inbox" names it (RFC 3501 section 5.1).
const Inbox = "INBOX"

// Separator is the hierarchy separator of folder names.
const Separator = "/"

// maxNameBytes bounds a folder name, so that its escaped form fits in one
// file name (255 bytes on common file systems).
const maxNameBytes = 80

// checkUser accepts the user names the lab accepts: letters, digits and
// . _ - +, not starting with '.', 1 to 64 characters; they name a directory.
func checkUser(user string) error {
	if user == "" || len(user) > 64 || user[0] == '.' {
		return fmt.Errorf("%w: user %q", ErrBadName, user)
	}
	for _, r := range user {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			strings.ContainsRune("._-+", r)
		if !ok {
			return fmt.Errorf("%w: user %q", ErrBadName, user)
		}
	}
	return nil
}

// canonical checks a folder name and returns its canonical form: "INBOX"
// for any case of it, else the name as given. Names are UTF-8 without
// control characters or the LIST wildcards * and %, and have no empty
// level ("a//b", "/a", "a/").
func canonical(name string) (string, error) {
	if strings.EqualFold(name, Inbox) {
		return Inbox, nil
	}
	bad := name == "" || len(name) > maxNameBytes || !utf8.ValidString(name) ||
		strings.ContainsAny(name, "*%") || strings.Contains(name, "//") ||
		strings.HasPrefix(name, Separator) || strings.HasSuffix(name, Separator)
	for _, r := range name {
		bad = bad || r < 0x20 || r == 0x7f
	}
	if bad {
		return "", fmt.Errorf("%w: %q", ErrBadName, name)
	}
	return name, nil
}

// parents lists the ancestors of a folder name, outermost first:
// "a/b/c" gives "a", "a/b".
func parents(name string) []string {
	var out []string
	for i := range len(name) {
		if name[i] == Separator[0] {
			out = append(out, name[:i])
		}
	}
	return out
}

// escape turns a folder name into one directory name: ASCII letters,
// digits, '-', '_' and non-ASCII letters stay (a Chinese name stays
// readable on disk); '.' stays except first; every other byte becomes %XX,
// the separator included, so the layout on disk is flat.
func escape(name string) string {
	var b strings.Builder
	for i, r := range name {
		keep := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			r == '-' || r == '_' || r == '.' && i > 0 || r >= 0x80 && r != utf8.RuneError
		if keep {
			b.WriteRune(r)
			continue
		}
		for _, c := range []byte(string(r)) {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
