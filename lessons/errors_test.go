package lessons

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/session"
)

// TestErrorsInChinese: the runner's and Find's errors are typed and
// Localize puts them, and the session errors inside, in Chinese.
func TestErrorsInChinese(t *testing.T) {
	_, unknown := Find("no-such-lesson")
	tests := []struct {
		err    error
		en, zh string
	}{
		{unknown, `no lesson "no-such-lesson"`, "没有“no-such-lesson”这一课"},
		{&NeedsServiceError{Part: 2, Service: "smtps", Scheme: "smtps://"}, "part 2 needs the smtps service", "第 2 部分需要 smtps 服务"},
		{&PartError{Part: 1, Err: session.ErrClosed}, "part 1: the connection is closed", "第 1 部分：连接已经关闭"},
		{&WaitError{Timeout: time.Second}, "waiting for the server: nothing within 1s", "1s 内没有任何响应"},
		{&ContinueError{Err: &WaitError{Closed: true}}, "cannot go on with this server: the server closed the connection before",
			"课程无法在这台服务器上继续：服务器在课程预期之前关闭了连接"},
	}
	for _, tt := range tests {
		if !strings.Contains(tt.err.Error(), tt.en) {
			t.Errorf("English %q, want %q in it", tt.err, tt.en)
		}
		zh := Localize(tt.err, Chinese)
		if !strings.Contains(zh.Error(), tt.zh) || !errors.Is(zh, tt.err) {
			t.Errorf("Localize(%q, zh) = %q, want %q in it", tt.err, zh, tt.zh)
		}
	}
}

// TestWaitErrorIsClosedEarly: a close is still errClosedEarly to the
// runner, and a ContinueError still ErrCannotContinue, after the types.
func TestWaitErrorIsClosedEarly(t *testing.T) {
	err := &ContinueError{Err: &WaitError{Closed: true, Err: session.ErrClosed}}
	if !errors.Is(err, ErrCannotContinue) || !errors.Is(err, errClosedEarly) || !errors.Is(err, session.ErrClosed) {
		t.Errorf("%v: lost what it wraps", err)
	}
	if errors.Is(&WaitError{Timeout: time.Second}, errClosedEarly) {
		t.Error("a timeout is errClosedEarly")
	}
}
