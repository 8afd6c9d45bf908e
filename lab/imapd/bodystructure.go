package imapd

import (
	"bufio"
	"bytes"
	"io"
	"strings"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	gomessage "github.com/emersion/go-message"
	"github.com/emersion/go-message/textproto"
)

// bodyStructure is imapserver.ExtractBodyStructure without reading each
// part into memory: sizes and line counts are counted as the part streams
// by (the library's version holds the largest part whole).
func bodyStructure(r io.Reader) imap.BodyStructure {
	br := bufio.NewReader(r)
	header, _ := textproto.ReadHeader(br)
	return partStructure(header, br)
}

// partStructure describes one part whose header has been read.
func partStructure(raw textproto.Header, body io.Reader) imap.BodyStructure {
	header := gomessage.Header{Header: raw}
	mediaType, params, _ := header.ContentType()
	primary, sub, _ := strings.Cut(mediaType, "/")
	if primary == "multipart" {
		bs := &imap.BodyStructureMultiPart{Subtype: sub}
		mr := textproto.NewMultipartReader(body, params["boundary"])
		for {
			part, _ := mr.NextPart()
			if part == nil {
				break
			}
			bs.Children = append(bs.Children, partStructure(part.Header, part))
		}
		bs.Extended = &imap.BodyStructureMultiPartExt{Params: params, Disposition: disposition(header),
			Language: language(header), Location: header.Get("Content-Location")}
		return bs
	}
	bs := &imap.BodyStructureSinglePart{Type: primary, Subtype: sub, Params: params,
		ID: header.Get("Content-Id"), Description: header.Get("Content-Description"),
		Encoding: header.Get("Content-Transfer-Encoding")}
	counter := &countingReader{r: body}
	if mediaType == "message/rfc822" || mediaType == "message/global" {
		cbr := bufio.NewReader(counter)
		childHeader, _ := textproto.ReadHeader(cbr)
		bs.MessageRFC822 = &imap.BodyStructureMessageRFC822{
			Envelope:      imapserver.ExtractEnvelope(childHeader),
			BodyStructure: partStructure(childHeader, cbr),
		}
	}
	_, _ = io.Copy(io.Discard, counter)
	bs.Size = uint32(min(counter.n, 1<<32-1))
	if bs.MessageRFC822 != nil {
		bs.MessageRFC822.NumLines = counter.lines
	}
	if primary == "text" {
		bs.Text = &imap.BodyStructureText{NumLines: counter.lines}
	}
	bs.Extended = &imap.BodyStructureSinglePartExt{Disposition: disposition(header),
		Language: language(header), Location: header.Get("Content-Location")}
	return bs
}

// countingReader counts the bytes and lines read through it.
type countingReader struct {
	r        io.Reader
	n, lines int64
}

// Read implements io.Reader.
func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	c.lines += int64(bytes.Count(p[:n], []byte{'\n'}))
	return n, err
}

// disposition is a part's Content-Disposition, or nil.
func disposition(h gomessage.Header) *imap.BodyStructureDisposition {
	value, params, _ := h.ContentDisposition()
	if value == "" {
		return nil
	}
	return &imap.BodyStructureDisposition{Value: value, Params: params}
}

// language is a part's Content-Language, or nil.
func language(h gomessage.Header) []string {
	v := h.Get("Content-Language")
	if v == "" {
		return nil
	}
	l := strings.Split(v, ",")
	for i := range l {
		l[i] = strings.TrimSpace(l[i])
	}
	return l
}
