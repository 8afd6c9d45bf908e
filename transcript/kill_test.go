//go:build unix

package transcript

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

const killEnv = "MAILTUTOR_TRANSCRIPT_KILL_PATH"

// TestKilledRecorder runs a recorder in a child process that sends itself
// SIGKILL after recording, without closing anything: the file must load
// with every step.
func TestKilledRecorder(t *testing.T) {
	if path := os.Getenv(killEnv); path != "" {
		recordThenDie(path)
		return
	}
	steps := sessionSteps()
	for _, n := range []int{0, 1, len(steps)} {
		t.Run(strconv.Itoa(n)+" steps", func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "killed.yaml")
			cmd := exec.Command(os.Args[0], "-test.run=^TestKilledRecorder$")
			cmd.Env = append(os.Environ(), killEnv+"="+path, "MAILTUTOR_TRANSCRIPT_KILL_STEPS="+strconv.Itoa(n))
			err := cmd.Run()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("child: %v, want it killed by SIGKILL", err)
			}
			got := mustLoad(t, path)
			wantSteps(t, got.Steps, asWritten(steps[:n], false))
		})
	}
}

func recordThenDie(path string) {
	n, _ := strconv.Atoi(os.Getenv("MAILTUTOR_TRANSCRIPT_KILL_STEPS"))
	r, err := Create(path, smtpHeader(), Options{})
	if err != nil {
		os.Exit(3)
	}
	for _, s := range sessionSteps()[:n] {
		if r.Add(s) != nil {
			os.Exit(4)
		}
	}
	syscall.Kill(os.Getpid(), syscall.SIGKILL)
	select {}
}
