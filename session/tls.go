package session

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/protocol"
)

// DefaultTLSMin is the oldest TLS version a session accepts unless told
// otherwise (Options.TLSMin): TLS 1.2, as curl and openssl s_client; TLS
// 1.0 and 1.1 are obsolete (RFC 8996).
const DefaultTLSMin = tls.VersionTLS12

// ParseTLSVersion reads a TLS version as --tls-min takes it: "1.0",
// "1.1", "1.2" or "1.3", with or without a "TLS" before it.
func ParseTLSVersion(s string) (uint16, error) {
	v := strings.TrimSpace(strings.ToLower(s))
	v = strings.TrimSpace(strings.TrimPrefix(v, "tls"))
	v = strings.TrimPrefix(v, "v")
	switch v {
	case "1.0":
		return tls.VersionTLS10, nil
	case "1.1":
		return tls.VersionTLS11, nil
	case "1.2":
		return tls.VersionTLS12, nil
	case "1.3":
		return tls.VersionTLS13, nil
	}
	return 0, errors.New(say(protocol.English, txtBadTLSVersion, s))
}

// tlsMin is the oldest TLS version o accepts.
func tlsMin(o Options) uint16 {
	if o.TLSMin == 0 {
		return DefaultTLSMin
	}
	return o.TLSMin
}

// TLSInfo describes an established TLS connection for the user.
type TLSInfo struct {
	Version     string    // "TLS 1.3"
	Cipher      string    // cipher suite name
	ServerName  string    // the name the certificate was checked against
	Subject     string    // leaf certificate subject
	Issuer      string    // leaf certificate issuer
	DNSNames    []string  // subject alternative names
	NotBefore   time.Time // validity start
	NotAfter    time.Time // validity end
	Fingerprint string    // SHA-256 of the leaf certificate, colon-separated hex
	Verified    bool      // the chain and name verified
	VerifyError string    // why verification failed (only with --insecure, else the handshake fails)
	MinVersion  string    // the oldest version the client accepted: "TLS 1.2"
	// Chain is every certificate the server sent, leaf first; OCSP what
	// an OCSP response stapled to the handshake says (nil: none).
	Chain []CertInfo
	OCSP  *OCSPInfo
	// ClientCert is the subject of the client certificate sent (--cert),
	// "" when none was sent; ClientCertAsked says the server asked for one.
	ClientCert      string
	ClientCertAsked bool
	// Warning says, in the session's language, that the minimum version
	// was lowered below DefaultTLSMin (Options.TLSMin) and what that let
	// through; "" when it was not lowered. A transcript keeps it as the
	// TLS step's note.
	Warning string
}

// TLSError is a failed TLS handshake or certificate check, with the way out.
type TLSError struct {
	Addr string
	Err  error
	Min  uint16        // the oldest version the client accepted (0: DefaultTLSMin)
	Lang protocol.Lang // the language of the message ("" is English)
	// PlainInstead is the URL to use when the server answered the
	// handshake in plain text (smtps:// on a plain-text port); "" else.
	PlainInstead string
}

func (e *TLSError) Error() string {
	key := txtHintTLSSetup
	var unknown x509.UnknownAuthorityError
	var host x509.HostnameError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.As(e.Err, &unknown):
		key = txtHintUnknownCA
	case errors.As(e.Err, &host):
		key = txtHintWrongName
	case errors.As(e.Err, &invalid):
		key = txtHintInvalidCert
	case e.PlainInstead != "":
		return say(e.Lang, txtTLSFailed, e.Addr, e.Err) + "\n  " + fmt.Sprintf(wrongPortText(e.Lang, wpPlainText), e.PlainInstead)
	case strings.Contains(e.Err.Error(), "protocol version"):
		// crypto/tls has no error type for it: "server selected
		// unsupported protocol version 301", or the server's alert
		// "protocol version not supported"
		return say(e.Lang, txtTLSFailed, e.Addr, e.Err) + "\n  " +
			say(e.Lang, txtHintOldTLS, tls.VersionName(tlsMin(Options{TLSMin: e.Min})))
	}
	return say(e.Lang, txtTLSFailed, e.Addr, e.Err) + "\n  " + say(e.Lang, key)
}

func (e *TLSError) Unwrap() error { return e.Err }

// tlsConfig builds the client TLS configuration. With insecure set it still
// verifies, but only records the result instead of failing.
func tlsConfig(o Options, serverName string, result *TLSInfo) (*tls.Config, error) {
	roots, err := loadRoots(o.CAFile, o.CAPEM)
	if err != nil {
		return nil, err
	}
	cfg := &tls.Config{ServerName: serverName, RootCAs: roots, MinVersion: tlsMin(o)}
	if err := clientCertificate(cfg, o, result); err != nil {
		return nil, err
	}
	if !o.Insecure {
		return cfg, nil
	}
	cfg.InsecureSkipVerify = true
	cfg.VerifyConnection = func(cs tls.ConnectionState) error {
		result.VerifyError = verifyChain(cs, serverName, roots)
		return nil
	}
	return cfg, nil
}

func verifyChain(cs tls.ConnectionState, name string, roots *x509.CertPool) string {
	if len(cs.PeerCertificates) == 0 {
		return "the server sent no certificate"
	}
	inter := x509.NewCertPool()
	for _, c := range cs.PeerCertificates[1:] {
		inter.AddCert(c)
	}
	_, err := cs.PeerCertificates[0].Verify(x509.VerifyOptions{DNSName: name, Roots: roots, Intermediates: inter})
	if err != nil {
		return err.Error()
	}
	return ""
}

func loadRoots(caFile string, caPEM []byte) (*x509.CertPool, error) {
	if caFile == "" && len(caPEM) == 0 {
		return nil, nil // system roots
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if len(caPEM) > 0 && !pool.AppendCertsFromPEM(caPEM) {
		return nil, fmt.Errorf("no PEM certificate in the trusted certificate given")
	}
	if caFile != "" {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			return nil, fmt.Errorf("read --ca file: %w", err)
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("--ca %s: no PEM certificate found in the file", caFile)
		}
	}
	return pool, nil
}

// describeTLS fills a TLSInfo from an established connection, made with
// the options o.
func describeTLS(cs tls.ConnectionState, o Options, serverName string, recorded *TLSInfo) *TLSInfo {
	info := &TLSInfo{
		Version:    tls.VersionName(cs.Version),
		Cipher:     tls.CipherSuiteName(cs.CipherSuite),
		ServerName: serverName,
		Verified:   recorded.VerifyError == "",
		MinVersion: tls.VersionName(tlsMin(o)),
	}
	switch min := tlsMin(o); {
	case min >= DefaultTLSMin:
	case cs.Version < DefaultTLSMin:
		info.Warning = say(o.Lang, txtTLSWeak, info.Version, info.MinVersion)
	default:
		info.Warning = say(o.Lang, txtTLSLowered, info.MinVersion, info.Version)
	}
	info.VerifyError = recorded.VerifyError
	info.ClientCert, info.ClientCertAsked = recorded.ClientCert, recorded.ClientCertAsked
	info.Chain, info.OCSP = describeChain(cs), describeOCSP(cs)
	if len(cs.PeerCertificates) > 0 {
		leaf := cs.PeerCertificates[0]
		info.Subject = leaf.Subject.String()
		info.Issuer = leaf.Issuer.String()
		info.DNSNames = leaf.DNSNames
		for _, ip := range leaf.IPAddresses {
			info.DNSNames = append(info.DNSNames, ip.String())
		}
		info.NotBefore, info.NotAfter = leaf.NotBefore, leaf.NotAfter
		info.Fingerprint = fingerprint(leaf.Raw)
	}
	return info
}

// clientCertificate makes cfg offer the client certificate of o
// (CertFile and KeyFile, PEM) when the server asks for one, and notes in
// result that it was asked and what was sent.
func clientCertificate(cfg *tls.Config, o Options, result *TLSInfo) error {
	if o.CertFile == "" && o.KeyFile == "" {
		cfg.GetClientCertificate = func(*tls.CertificateRequestInfo) (*tls.Certificate, error) {
			result.ClientCertAsked = true
			return &tls.Certificate{}, nil // none: the server decides
		}
		return nil
	}
	if o.CertFile == "" || o.KeyFile == "" {
		return errors.New(sayAdmin(o.Lang, txtCertPair))
	}
	cert, err := tls.LoadX509KeyPair(o.CertFile, o.KeyFile)
	if err != nil {
		return &langError{msg: sayAdmin(o.Lang, txtCertLoad, o.CertFile, o.KeyFile, err), err: err}
	}
	subject := ""
	if leaf, err := x509.ParseCertificate(cert.Certificate[0]); err == nil {
		subject = leaf.Subject.String()
	}
	cfg.GetClientCertificate = func(*tls.CertificateRequestInfo) (*tls.Certificate, error) {
		result.ClientCertAsked, result.ClientCert = true, subject
		return &cert, nil
	}
	return nil
}
