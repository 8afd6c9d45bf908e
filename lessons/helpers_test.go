package lessons

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/internal/render"
	"github.com/mailtutor/mailtutor/internal/testkit"
	"github.com/mailtutor/mailtutor/lab"
	"github.com/mailtutor/mailtutor/lab/labtest"
)

// startLab starts a lab on free ports and maps every service to it.
func startLab(t *testing.T) (*lab.Lab, Servers) {
	t.Helper()
	l := labtest.Start(t)
	servers := Servers{}
	for _, s := range l.Services() {
		servers[s.Name] = Server{URL: s.URL, CAPEM: l.CertPEM()}
	}
	return l, servers
}

// runWith runs a lesson with the given options, the student's lines in
// input, and returns everything shown.
func runWith(t *testing.T, l *Lesson, o Options, input string) (string, Result, error) {
	t.Helper()
	var out testkit.SyncBuffer
	r := render.New(&out, false, false)
	r.EchoSent = true
	o.Out, o.In, o.Echo = r, strings.NewReader(input), true
	if o.Timeout == 0 {
		o.Timeout = 5 * time.Second
	}
	res, err := Run(l, o)
	return out.String(), res, err
}

// mustBuiltin returns the built-in lesson called name.
func mustBuiltin(t *testing.T, name string) *Lesson {
	t.Helper()
	l, err := Find(name)
	if err != nil {
		t.Fatalf("find %s: %v", name, err)
	}
	return l
}

// typedSteps counts the client and data steps of a lesson.
func typedSteps(l *Lesson) int {
	n := 0
	for _, p := range l.Parts {
		for _, s := range p.Steps {
			if k := s.Kind(); k == KindClient || k == KindData {
				n++
			}
		}
	}
	return n
}

// studentScript is what a student who knows the answers types: every model
// answer, with each body ended by ".".
func studentScript(l *Lesson) string { return l.StudentScript(nil) }

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// skipWithoutServices skips a lesson run on the lab when the lab serves
// not every service the lesson uses: the lab's IMAP service is being
// built (branch wt-imapd); until it is merged the IMAP lessons run
// offline here and against Dovecot in e2e, and this says so.
func skipWithoutServices(t *testing.T, l *Lesson, servers Servers) {
	t.Helper()
	for _, p := range l.Parts {
		if _, ok := servers[p.Service]; !ok {
			t.Skipf("SKIP, not passed: the lab has no %s service yet, which lesson %d (%s) needs; it runs offline (TestBuiltinLessonsOffline) and against Dovecot (e2e)",
				p.Service, l.Number, l.Name)
		}
	}
}

// testkitBuffer is the output of a run shown as on a terminal.
type testkitBuffer = testkit.SyncBuffer

// newTestRenderer renders a run as on a terminal: typed lines not echoed.
func newTestRenderer(w *testkit.SyncBuffer) *render.Renderer { return render.New(w, false, false) }
