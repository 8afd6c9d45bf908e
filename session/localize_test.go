package session_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// TestDialErrorsInChinese: a refused connection is a typed DialError
// that Localize puts in Chinese, and ErrClosed too (issue 17).
func TestDialErrorsInChinese(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	target, err := session.ParseURL("smtp://" + addr)
	if err != nil {
		t.Fatal(err)
	}
	_, err = session.Dial(context.Background(), target, session.Options{Timeout: 2 * time.Second})
	var dial *session.DialError
	if !errors.As(err, &dial) || dial.Kind != session.DialRefused || !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("dial a closed port: %v, want a DialError of kind DialRefused", err)
	}
	if !strings.Contains(err.Error(), "connection refused: nothing listens on port") {
		t.Errorf("English: %q", err)
	}
	tests := []struct {
		err  error
		want string
	}{
		{err, "连接被拒绝"},
		{session.ErrClosed, "连接已经关闭"},
		{&session.DialError{Target: target, Kind: session.DialNoAnswer, Timeout: time.Second}, "1s 内没有回应"},
		{&session.DialError{Target: target, Kind: session.DialUnknownHost}, "找不到主机"},
	}
	for _, tt := range tests {
		zh := session.Localize(tt.err, protocol.Chinese)
		if !strings.Contains(zh.Error(), tt.want) || !errors.Is(zh, tt.err) {
			t.Errorf("Localize(%v, zh) = %q, want %q in it, still Is the error", tt.err, zh, tt.want)
		}
		if en := session.Localize(tt.err, protocol.English); en.Error() != tt.err.Error() {
			t.Errorf("Localize(en) changed %q into %q", tt.err, en)
		}
	}
	if other := errors.New("x"); session.Localize(other, protocol.Chinese) != other {
		t.Error("Localize changed an error it has no words for")
	}
}
