package lab

import (
	"fmt"
	"io"
	"strconv"
	"sync"
	"time"
)

// The instructor's log is Config.Logf: the lab calls it with one line per
// event, "<service> <client address>: <what>", where what is one of
//
//	connect
//	disconnect after 12.3s
//	login ok user=student mech=PLAIN
//	login failed user=student mech=USER/PASS failures=4
//	message accepted id=... size=1234 from=<a@b> rcpts=2
//	message refused (552 5.3.4 message file too big) size=... from=<a@b> rcpts=2
//	limit: <which limit>, <what the lab did>
//
// and a few free-form lines (listening on, TLS errors). Never a password,
// a SASL response or a message body. LogTo makes a Logf that stamps each
// line with the time.

// event logs one line about a client of a service.
func (l *Lab) event(service, remote, format string, args ...any) {
	l.logf(service+" "+remote+": "+format, args...)
}

// quoteUser makes a user name a client typed safe for one log line: it is
// quoted when it holds spaces or other characters than printable ASCII,
// and "-" when empty.
func quoteUser(name string) string {
	if name == "" {
		return "-"
	}
	if len(name) > 64 {
		name = name[:64]
	}
	for _, r := range name {
		if r <= ' ' || r > '~' || r == '"' {
			return strconv.Quote(name)
		}
	}
	return name
}

// LogTo returns a Logf that writes each line to w, after its time in RFC
// 3339 (UTC, to the second), one write per line so that lines from
// concurrent connections never mix. Write errors are dropped: the log must
// not stop the lab.
func LogTo(w io.Writer) func(format string, args ...any) {
	var mu sync.Mutex
	return func(format string, args ...any) {
		line := time.Now().UTC().Format(time.RFC3339) + " " + fmt.Sprintf(format, args...) + "\n"
		mu.Lock()
		defer mu.Unlock()
		_, _ = io.WriteString(w, line)
	}
}
