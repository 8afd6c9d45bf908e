// Command genmsg writes a deterministic test message of about -size bytes
// (LF line endings, lines of 76 characters, no line starting with a dot) to
// standard output: the payload of the DATA and RETR benchmarks.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
)

func main() {
	size := flag.Int64("size", 100_000_000, "approximate message size in `BYTES`")
	flag.Parse()
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	if err := writeMessage(w, *size); err != nil {
		log.Fatalf("genmsg: %v", err)
	}
	if err := w.Flush(); err != nil {
		log.Fatalf("genmsg: write: %v", err)
	}
}

// writeMessage writes headers, a blank line and body lines until size bytes.
func writeMessage(w *bufio.Writer, size int64) error {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	header := "From: <student@example.test>\nTo: <teacher@example.test>\n" +
		"Subject: mailtutor benchmark message\nMessage-ID: <bench@example.test>\n\n"
	written, err := w.WriteString(header)
	if err != nil {
		return fmt.Errorf("write header: %w", err)
	}
	total := int64(written)
	line := make([]byte, 77)
	state := uint32(2463534242) // xorshift32: the same bytes every run
	for total < size {
		for i := range 76 {
			state ^= state << 13
			state ^= state >> 17
			state ^= state << 5
			line[i] = alphabet[state%64]
		}
		if line[0] == '.' {
			line[0] = 'A'
		}
		line[76] = '\n'
		n, err := w.Write(line)
		if err != nil {
			return fmt.Errorf("write body: %w", err)
		}
		total += int64(n)
	}
	return nil
}
