//go:build unix

package mailstore

import (
	"os"
	"syscall"
)

// hasLinks reports whether a file has n hard links.
func hasLinks(info os.FileInfo, n uint64) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return ok && uint64(st.Nlink) == n
}
