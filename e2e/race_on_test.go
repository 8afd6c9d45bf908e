//go:build race

package e2e

// raceEnabled builds the mailtutor binary with -race when the tests run
// with -race, so that a data race anywhere in a real session fails them.
const raceEnabled = true
