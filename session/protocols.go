package session

import (
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/transcript"
)

// A transcript may carry the name of any registered dialect, including
// one registered after start-up.
func init() {
	transcript.SetProtocolCheck(
		func(name string) bool {
			_, ok := protocol.Lookup(protocol.Protocol(name))
			return ok
		},
		func() []string {
			var names []string
			for _, d := range protocol.Dialects() {
				names = append(names, string(d.Protocol()))
			}
			return names
		})
}
