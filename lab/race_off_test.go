//go:build !race

package lab

// raceEnabled says whether the tests run with the race detector, which
// multiplies a process's memory: the memory test then measures the heap in
// process instead of a child's resident set.
const raceEnabled = false
