package lab

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// benchBody is a 1 MB body of 76-character lines, some starting with ".".
func benchBody() []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < 1<<20; i++ {
		if i%10 == 0 {
			b.WriteString(".")
		}
		b.WriteString(strings.Repeat("x", 75) + "\r\n")
	}
	return b.Bytes()
}

// BenchmarkWriteDotStuffed is the lab writing a RETR body.
func BenchmarkWriteDotStuffed(b *testing.B) {
	data := benchBody()
	w := &wire{w: bufio.NewWriter(io.Discard)}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		w.writeDotStuffed(data)
	}
}

// BenchmarkReadData is the lab reading a DATA body.
func BenchmarkReadData(b *testing.B) {
	body := benchBody()
	var stuffed bytes.Buffer
	out := &wire{w: bufio.NewWriter(&stuffed)}
	out.writeDotStuffed(body)
	_ = out.w.Flush()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		server, client := net.Pipe()
		go func() { _, _ = client.Write(stuffed.Bytes()) }()
		w := newWire(server, server, false, 10*time.Second)
		if _, tooBig, err := readData(w, 10<<20, io.Discard, false); err != nil || tooBig {
			b.Fatalf("readData: tooBig %v err %v", tooBig, err)
		}
		server.Close()
		client.Close()
	}
}

// BenchmarkRETROverTCP fetches an 8 MB message from the lab over
// loopback TCP, as a client does.
func BenchmarkRETROverTCP(b *testing.B) {
	l, err := Start(TestConfig())
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	msg := bytes.Repeat(benchBody(), 8) // 8 MB
	if _, err := l.store.Deliver([]string{"student"}, bytes.NewReader(msg)); err != nil {
		b.Fatal(err)
	}
	svc, _ := l.Service("pop3")
	b.SetBytes(int64(len(msg)))
	for b.Loop() {
		conn, err := net.Dial("tcp", svc.Addr)
		if err != nil {
			b.Fatal(err)
		}
		r := bufio.NewReader(conn)
		r.ReadString('\n')
		fmt.Fprintf(conn, "USER student\r\nPASS secret123\r\nRETR 1\r\n")
		r.ReadString('\n')
		r.ReadString('\n')
		for {
			line, err := r.ReadSlice('\n')
			if err != nil {
				b.Fatal(err)
			}
			if string(line) == ".\r\n" {
				break
			}
		}
		fmt.Fprintf(conn, "QUIT\r\n")
		r.ReadString('\n')
		conn.Close()
	}
}
