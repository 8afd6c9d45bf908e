//go:build !unix

package lab

// defaultMaxConns is DefaultMaxConns where the lab cannot read a file
// descriptor limit.
func defaultMaxConns() int { return DefaultMaxConns }
