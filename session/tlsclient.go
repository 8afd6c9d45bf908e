package session

import (
	"context"
	"crypto/tls"
	"net"
)

// ClientTLS makes conn a TLS client connection to host, verified exactly
// as Dial verifies a server (o.CAFile, o.CAPEM, o.Insecure, o.TLSMin), and
// describes it. It is for a program that relays a connection instead of
// speaking on it (the proxy's upstream side); a failed handshake is a
// *TLSError in o.Lang.
func ClientTLS(ctx context.Context, conn net.Conn, host string, o Options) (*tls.Conn, *TLSInfo, error) {
	var verify TLSInfo
	cfg, err := tlsConfig(o, host, &verify)
	if err != nil {
		return nil, nil, err
	}
	tc := tls.Client(conn, cfg)
	if err := tc.HandshakeContext(ctx); err != nil {
		return nil, nil, &TLSError{Addr: conn.RemoteAddr().String(), Err: err, Min: o.TLSMin, Lang: o.Lang}
	}
	return tc, describeTLS(tc.ConnectionState(), o, host, &verify), nil
}
