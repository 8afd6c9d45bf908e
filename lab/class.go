package lab

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/big"
	"os"
	"slices"
	"strings"
	"time"
)

// MaxClass is the largest class --class makes accounts for.
const MaxClass = 999

// classAlphabet is what a class password is made of: letters and digits
// that cannot be mistaken for one another when read aloud or from paper
// (no 0/O/o, 1/l/I).
const classAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// classPasswordLen is the length of a class password: about 58 bits.
const classPasswordLen = 10

// ClassUsers names the accounts of a class of n: student01 ... studentNN
// (three digits from 100 students on).
func ClassUsers(n int) []string {
	width := max(2, len(fmt.Sprint(n)))
	names := make([]string, n)
	for i := range n {
		names[i] = fmt.Sprintf("student%0*d", width, i+1)
	}
	return names
}

// ClassPassword makes a random password from classAlphabet (crypto/rand).
func ClassPassword() (string, error) {
	var b strings.Builder
	limit := big.NewInt(int64(len(classAlphabet)))
	for range classPasswordLen {
		i, err := rand.Int(rand.Reader, limit)
		if err != nil {
			return "", fmt.Errorf("class password: %w", err)
		}
		b.WriteByte(classAlphabet[i.Int64()])
	}
	return b.String(), nil
}

// ClassAccounts gives the accounts of a class of n kept in path: read
// from it when it exists (the same passwords after a restart), else made
// with random passwords and written to it, readable by its owner only
// (0600; an existing file is never replaced). made says they are new. A
// file that holds other accounts than the class's is an error, so that a
// class file is never overwritten, nor silently reused for another class.
// The file is a users file (LoadUsers) with a comment for the instructor.
func ClassAccounts(path string, n int) (users map[string]string, made bool, err error) {
	if n < 1 || n > MaxClass {
		return nil, false, fmt.Errorf("class of %d: give 1 to %d students", n, MaxClass)
	}
	names := ClassUsers(n)
	users, err = LoadUsers(path)
	switch {
	case err == nil:
		if got := slices.Sorted(maps.Keys(users)); !slices.Equal(got, names) {
			return nil, false, fmt.Errorf("%s holds %d other accounts than a class of %d: remove it or give another --class-file", path, len(got), n)
		}
		return users, false, nil
	case !errors.Is(err, fs.ErrNotExist):
		return nil, false, err
	}
	users = make(map[string]string, n)
	for _, name := range names {
		if users[name], err = ClassPassword(); err != nil {
			return nil, false, err
		}
	}
	if err := writeClassFile(path, names, users); err != nil {
		return nil, false, err
	}
	return users, true, nil
}

// writeClassFile writes a new class file, mode 0600, never over a file.
func writeClassFile(path string, names []string, users map[string]string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("class accounts: %w", err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# mailtutor lab: the accounts of a class of %d, made %s.\n", len(names), time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	b.WriteString("# Keep this file private: hand each student their own line.\n# mailtutor lab --users takes it as it is.\nusers:\n")
	for _, name := range names {
		fmt.Fprintf(&b, "  %s: %s\n", name, users[name])
	}
	_, err = f.WriteString(b.String())
	if serr := f.Sync(); err == nil {
		err = serr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(path)
		return fmt.Errorf("class accounts: %w", err)
	}
	return nil
}
