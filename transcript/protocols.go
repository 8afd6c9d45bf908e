package transcript

import (
	"fmt"
	"strings"
	"sync"
)

// protocols decides which protocol names a transcript may carry. The
// package knows no protocol itself (it imports nothing of the project):
// the package that knows the dialects installs the check
// ([SetProtocolCheck]); until then SMTP and POP3 are accepted.
var protocols = struct {
	sync.RWMutex
	known func(name string) bool
	names func() []string
}{
	known: func(name string) bool { return name == ProtocolSMTP || name == ProtocolPOP3 },
	names: func() []string { return []string{ProtocolSMTP, ProtocolPOP3} },
}

// SetProtocolCheck installs how to tell a known protocol name (known) and
// how to list them for an error message (names). Package session installs
// the registered dialects, so that a transcript of any dialect loads.
func SetProtocolCheck(known func(name string) bool, names func() []string) {
	protocols.Lock()
	defer protocols.Unlock()
	protocols.known, protocols.names = known, names
}

// checkProtocol reports a protocol name no dialect owns.
func checkProtocol(name string) error {
	protocols.RLock()
	defer protocols.RUnlock()
	if protocols.known(name) {
		return nil
	}
	return fmt.Errorf("protocol %q is not supported: want %s", name, orList(protocols.names()))
}

// orList joins names as "a, b or c".
func orList(names []string) string {
	switch len(names) {
	case 0:
		return "a known protocol"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
