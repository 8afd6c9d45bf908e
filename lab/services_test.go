package lab

import (
	"slices"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/protocol"
)

// TestServicesFollowSchemes checks that the lab serves exactly the schemes
// of the protocol package that have a LabPort, with their protocol, in
// their order, and that DefaultConfig listens on those ports.
func TestServicesFollowSchemes(t *testing.T) {
	var want []protocol.Scheme
	for _, s := range protocol.Schemes() {
		if s.LabPort != 0 {
			want = append(want, s)
		}
	}
	var wantNames []string
	for _, s := range want {
		wantNames = append(wantNames, s.Name)
	}
	if got := ServiceNames(); !slices.Equal(got, wantNames) {
		t.Fatalf("ServiceNames() = %q, want every scheme with a LabPort: %q", got, wantNames)
	}
	def := DefaultConfig()
	l, _ := startLab(t, nil)
	for i, s := range want {
		if p := def.Ports[s.Name]; p != s.LabPort {
			t.Errorf("DefaultConfig port of %s = %d, want LabPort %d", s.Name, p, s.LabPort)
		}
		svc := l.Services()[i]
		if svc.Name != s.Name || svc.Protocol != s.Protocol || !strings.HasPrefix(svc.URL, s.Name+"://") {
			t.Errorf("service %d = %+v, want scheme %+v", i, svc, s)
		}
		if note := def.ServiceNote(s.Name); note != svc.Note {
			t.Errorf("ServiceNote(%s) = %q, the running service says %q", s.Name, note, svc.Note)
		}
	}
	if svc, ok := l.Service(DefaultService); !ok {
		t.Errorf("DefaultService %q is no service of the lab", DefaultService)
	} else if s, _ := protocol.SchemeNamed(svc.Name); s.Role != protocol.RoleSubmission || s.ImplicitTLS {
		t.Errorf("DefaultService %q is not submission with STARTTLS: %+v", DefaultService, s)
	}
	for _, s := range want {
		if s.Role == "" {
			t.Errorf("scheme %s has a LabPort and no Role: the lab cannot tell what to do on it", s.Name)
		}
	}
}

func TestConfigPortsAndNotes(t *testing.T) {
	cfg := DefaultConfig()
	if len(cfg.Ports) != len(ServiceNames()) {
		t.Errorf("ports %v, services %v", cfg.Ports, ServiceNames())
	}
	if note := cfg.ServiceNote("nope"); note != "" {
		t.Errorf("ServiceNote of no service = %q", note)
	}
	cfg.Domain = "school.test"
	if note := cfg.ServiceNote("smtp"); !strings.Contains(note, "@school.test") {
		t.Errorf("smtp note %q does not name the domain", note)
	}
}
