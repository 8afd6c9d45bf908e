package mailstore

import (
	"slices"
	"strings"
)

// The system flags a message can carry (RFC 3501 section 2.3.2), in the
// order the store lists them. \Recent is not among them: the store keeps
// it apart (Status.Recent, ClaimRecent) and SetFlags ignores it.
var systemFlags = []string{`\Seen`, `\Answered`, `\Flagged`, `\Deleted`, `\Draft`}

// The system flags by name.
const (
	FlagSeen    = `\Seen`
	FlagDeleted = `\Deleted`
)

// FlagOp says how SetFlags changes the flags (IMAP STORE FLAGS, +FLAGS,
// -FLAGS).
type FlagOp int

// The ways to change flags.
const (
	FlagsSet FlagOp = iota
	FlagsAdd
	FlagsRemove
)

// normalFlags returns flags in canonical form: system flags spelt as in
// RFC 3501 whatever their case, unknown backslash flags and \Recent
// dropped, duplicates (ignoring case) removed, system flags first in a
// fixed order, then keywords sorted.
func normalFlags(flags []string) []string {
	var sys, kw []string
	for _, fl := range flags {
		if strings.HasPrefix(fl, `\`) {
			if i := slices.IndexFunc(systemFlags, func(s string) bool { return strings.EqualFold(s, fl) }); i >= 0 {
				sys = append(sys, systemFlags[i])
			}
			continue
		}
		if fl != "" && !slices.ContainsFunc(kw, func(k string) bool { return strings.EqualFold(k, fl) }) {
			kw = append(kw, fl)
		}
	}
	var out []string
	for _, s := range systemFlags {
		if slices.Contains(sys, s) {
			out = append(out, s)
		}
	}
	slices.Sort(kw)
	return append(out, kw...)
}

// applyFlags returns the flags after op.
func applyFlags(have []string, op FlagOp, flags []string) []string {
	switch op {
	case FlagsAdd:
		return normalFlags(append(slices.Clone(have), flags...))
	case FlagsRemove:
		remove := normalFlags(flags)
		return slices.DeleteFunc(slices.Clone(have), func(h string) bool {
			return slices.ContainsFunc(remove, func(r string) bool { return strings.EqualFold(r, h) })
		})
	default:
		return normalFlags(flags)
	}
}

// hasFlag reports whether flags holds flag.
func hasFlag(flags []string, flag string) bool {
	return slices.Contains(flags, flag)
}
