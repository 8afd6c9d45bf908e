package testkit

import (
	"net"
	"strings"
	"sync"
	"testing"

	"github.com/miekg/dns"
)

// Zone is what a test DNS server answers: resource records in zone-file
// form ("example.test. 60 IN MX 10 mx1.example.test."). A name with no
// record of the type asked gets an empty answer (NOERROR), a name with
// no record at all NXDOMAIN.
type Zone []string

// StartDNS runs a DNS server for zone on 127.0.0.1:0 over UDP and TCP
// and returns its address, for a resolver option such as --dns.
func StartDNS(t testing.TB, zone Zone) string {
	t.Helper()
	var rrs []dns.RR
	for _, line := range zone {
		rr, err := dns.NewRR(line)
		if err != nil {
			t.Fatalf("DNS record %q: %v", line, err)
		}
		rrs = append(rrs, rr)
	}
	handler := dns.HandlerFunc(func(w dns.ResponseWriter, q *dns.Msg) {
		m := new(dns.Msg)
		m.SetReply(q)
		m.Authoritative = true
		known := false
		for _, question := range q.Question {
			for _, rr := range rrs {
				h := rr.Header()
				if !strings.EqualFold(h.Name, question.Name) {
					continue
				}
				known = true
				if h.Rrtype == question.Qtype {
					m.Answer = append(m.Answer, dns.Copy(rr))
				}
			}
		}
		if !known {
			m.Rcode = dns.RcodeNameError
		}
		w.WriteMsg(m)
	})
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", pc.LocalAddr().String())
	if err != nil {
		pc.Close()
		t.Fatal(err)
	}
	var started sync.WaitGroup
	started.Add(2)
	udp := &dns.Server{PacketConn: pc, Handler: handler, NotifyStartedFunc: started.Done}
	tcp := &dns.Server{Listener: ln, Handler: handler, NotifyStartedFunc: started.Done}
	go udp.ActivateAndServe()
	go tcp.ActivateAndServe()
	started.Wait()
	t.Cleanup(func() {
		udp.Shutdown()
		tcp.Shutdown()
	})
	return pc.LocalAddr().String()
}
