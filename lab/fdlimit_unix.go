//go:build unix

package lab

import "syscall"

// defaultMaxConns is DefaultMaxConns, or half the file descriptor limit
// when that is lower, so that the store, the listeners and the log keep
// descriptors to work with when the connections take their share. (Go
// raises the soft limit to the hard one at start: 20,000 on the machine the
// limits were measured on, 1,024 on some systems.)
func defaultMaxConns() int {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil || lim.Cur/2 >= DefaultMaxConns {
		return DefaultMaxConns
	}
	return max(int(lim.Cur/2), 1)
}
