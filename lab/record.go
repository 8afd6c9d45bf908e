package lab

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/mailtutor/mailtutor/internal/servercert"
	"github.com/mailtutor/mailtutor/session"
)

// AnonymousDir is the directory of Config.RecordDir that holds the
// sessions in which nobody logged in (the MX, a failed login, a client
// that only looked). A session is written there from its first byte and,
// once a user logs in, to RecordDir/<user>/ as well, with everything
// before the login; when it ends, the anonymous copy is removed, as is
// the recording of a client that sent nothing (a port probe). After a
// crash both may remain.
const AnonymousDir = "_anonymous"

// serverSideTLS is the verification note of a TLS step the lab records:
// the certificate is the lab's own, and whether the client checked it is
// not known on this side.
const serverSideTLS = "recorded by the lab: the certificate is its own; whether the client checked it is not known"

// recordTool is the transcripts' Tool: who wrote them.
const recordTool = "mailtutor lab"

// recorder writes a transcript of every session the lab serves
// (Config.RecordDir), one file per connection.
type recorder struct {
	dir     string
	host    string // the server's name in the transcripts' header
	cert    *x509.Certificate
	counter atomic.Uint64
	logf    func(format string, args ...any)
}

// newRecorder makes dir (mode 0700: the transcripts are the students').
func newRecorder(dir, host string, cert *tls.Certificate, logf func(string, ...any)) (*recorder, error) {
	if err := os.MkdirAll(filepath.Join(dir, AnonymousDir), 0o700); err != nil {
		return nil, fmt.Errorf("record dir: %w", err)
	}
	r := &recorder{dir: dir, host: host, logf: logf}
	if cert != nil && len(cert.Certificate) > 0 {
		r.cert, _ = x509.ParseCertificate(cert.Certificate[0])
	}
	return r, nil
}

// start begins the transcript of a connection to spec whose plaintext is
// conn (raw, or TLS over it). It returns what the session reads and writes
// instead of conn, and its tap; on an error writing the file the session
// goes on unrecorded (nil tap), and the lab log says so.
func (r *recorder) start(raw, conn net.Conn, spec serviceSpec) (net.Conn, *tap) {
	started := time.Now()
	n := r.counter.Add(1)
	name := fmt.Sprintf("%s-%s-%d.yaml", spec.name(), started.UTC().Format("20060102T150405Z"), n)
	port := 0
	if a, ok := raw.LocalAddr().(*net.TCPAddr); ok {
		port = a.Port
	}
	target := session.Target{Protocol: spec.scheme.Protocol, Host: r.host, Port: port, ImplicitTLS: spec.scheme.ImplicitTLS}
	off, err := session.NewOffline(target, session.Options{}, started)
	if err != nil {
		r.logf("record %s: %v", name, err)
		return conn, nil
	}
	t := &tap{r: r, name: name, remote: raw.RemoteAddr().String(), off: off,
		rec: session.NewRecording(target, started, recordTool, false)}
	t.anon = filepath.Join(r.dir, AnonymousDir, name)
	if err := t.rec.SaveTo(t.anon, false); err != nil {
		r.logf("record %s: %v", name, err)
		return conn, nil
	}
	if tc, ok := conn.(*tls.Conn); ok {
		t.observe(off.TLS(r.tlsInfo(tc)))
	}
	return &tapConn{Conn: conn, t: t}, t
}

// tlsInfo describes an established TLS connection from the server's side.
func (r *recorder) tlsInfo(c *tls.Conn) *session.TLSInfo {
	cs := c.ConnectionState()
	info := &session.TLSInfo{Version: tls.VersionName(cs.Version), Cipher: tls.CipherSuiteName(cs.CipherSuite),
		ServerName: cs.ServerName, VerifyError: serverSideTLS}
	if r.cert != nil {
		info.Subject, info.Issuer = r.cert.Subject.String(), r.cert.Issuer.String()
		info.DNSNames = r.cert.DNSNames
		info.NotBefore, info.NotAfter = r.cert.NotBefore, r.cert.NotAfter
		info.Fingerprint = servercert.Fingerprint(r.cert.Raw)
	}
	return info
}

// userDir is the directory name of a user's transcripts, or "" for a name
// that cannot be one (it would leave RecordDir or pass for AnonymousDir).
func userDir(user string) string {
	if user == "" || strings.HasPrefix(user, ".") || strings.HasPrefix(user, "_") || len(user) > 64 {
		return ""
	}
	for _, c := range user {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("._-+@", c)
		if !ok {
			return ""
		}
	}
	return user
}
