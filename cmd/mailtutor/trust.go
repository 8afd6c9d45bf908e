package main

import (
	"crypto/tls"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/session"
)

// trustFlags are the flags that loosen or tighten what a live session
// accepts: the oldest TLS version, credentials in clear, the limits of a
// reply. Every command that dials a server (connect, replay --against,
// lesson, lesson check) takes the ones that matter to it.
type trustFlags struct {
	tlsMin         tlsVersionFlag
	allowPlaintext bool
	replyTimeout   time.Duration
	maxReply       sizeFlag
}

// register adds the flags to fs; limits adds --reply-timeout and --max-reply.
func (f *trustFlags) register(fs *flag.FlagSet, limits bool) {
	fs.Var(&f.tlsMin, "tls-min", "oldest TLS `VERSION` accepted: 1.0, 1.1, 1.2 or 1.3 (default 1.2; lower only for an old server you must reach)")
	fs.BoolVar(&f.allowPlaintext, "allow-plaintext-auth", false, "send credentials in clear after a refused STARTTLS, or to a server that is not on this machine, without asking")
	if limits {
		fs.DurationVar(&f.replyTimeout, "reply-timeout", session.DefaultReplyTimeout, "longest time one reply may take from its first byte to its end (--timeout is the longest silence)")
		f.maxReply = sizeFlag(session.DefaultMaxReply)
		fs.Var(&f.maxReply, "max-reply", "largest reply accepted, `SIZE` such as 1GiB, 500MiB, 64KiB or bytes")
	}
}

// apply puts the flags into session options.
func (f *trustFlags) apply(o *session.Options) {
	o.TLSMin = uint16(f.tlsMin)
	o.AllowPlaintextAuth = f.allowPlaintext
	o.ReplyTimeout = f.replyTimeout
	o.MaxReply = int64(f.maxReply)
}

// warn writes the warnings of the flags that loosen the session.
func (f *trustFlags) warn(w io.Writer, lang i18n.Lang) {
	if f.tlsMin != 0 && uint16(f.tlsMin) < session.DefaultTLSMin {
		fmt.Fprintln(w, i18n.Textf(lang, i18n.WarnTLSMin, tls.VersionName(uint16(f.tlsMin))))
	}
	if f.allowPlaintext {
		fmt.Fprintln(w, i18n.Text(lang, i18n.WarnPlaintextAuth))
	}
}

// tlsVersionFlag is a TLS version given as 1.0, 1.1, 1.2 or 1.3; 0 when
// not given.
type tlsVersionFlag uint16

func (v *tlsVersionFlag) String() string {
	if v == nil || *v == 0 {
		return ""
	}
	return strings.TrimPrefix(tls.VersionName(uint16(*v)), "TLS ")
}

func (v *tlsVersionFlag) Set(s string) error {
	n, err := session.ParseTLSVersion(s)
	if err != nil {
		return err
	}
	*v = tlsVersionFlag(n)
	return nil
}

// sizeFlag is a number of bytes given as 1GiB, 500MiB, 64KiB, 10MB or a
// plain number.
type sizeFlag int64

func (s *sizeFlag) String() string {
	if s == nil {
		return ""
	}
	return strconv.FormatInt(int64(*s), 10)
}

func (s *sizeFlag) Set(text string) error {
	n, err := parseSize(text)
	if err != nil {
		return err
	}
	*s = sizeFlag(n)
	return nil
}

// parseSize reads a size: a positive number of bytes with an optional
// unit (KiB, MiB, GiB; KB, MB, GB; K, M, G taken as binary).
func parseSize(text string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(text))
	units := []struct {
		suffix string
		mult   int64
	}{{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3},
		{"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}}
	mult := int64(1)
	for _, u := range units {
		if rest, ok := strings.CutSuffix(t, u.suffix); ok {
			t, mult = strings.TrimSpace(rest), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("size %q: want a positive number of bytes, such as 1GiB, 500MiB or 65536", text)
	}
	return n * mult, nil
}
