package protocol

import "strings"

// smtpLine is one received SMTP line taken apart (RFC 5321 4.2).
type smtpLine struct {
	isReply bool   // starts with three digits
	code    int    // the three digits
	final   bool   // "NNN SP text" or bare "NNN": the last line of a reply
	noSep   bool   // the code is followed by neither SP nor "-"
	text    string // after the code and its separator; the whole line when !isReply
}

// parseSMTPLine takes one SMTP reply line apart.
func parseSMTPLine(line string) smtpLine {
	if len(line) < 3 || !isDigit(line[0]) || !isDigit(line[1]) || !isDigit(line[2]) {
		return smtpLine{text: line}
	}
	l := smtpLine{isReply: true, code: int(line[0]-'0')*100 + int(line[1]-'0')*10 + int(line[2]-'0')}
	rest := line[3:]
	switch {
	case rest == "":
		l.final = true
	case rest[0] == ' ':
		l.final, l.text = true, rest[1:]
	case rest[0] == '-':
		l.text = rest[1:]
	default:
		l.final, l.noSep, l.text = true, true, rest
	}
	return l
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// feedSMTP frames one SMTP line: "250-text" continues, "250 text" or a bare
// "250" ends the reply.
func (f *mailFramer) feedSMTP(line string, ending LineEnding) *Reply {
	r := f.cur
	if r == nil {
		r, _ = f.start()
	}
	f.curLines++
	if len(r.Lines) >= MaxSMTPReplyLines {
		// Keep nothing more of an endless reply; only look for its end.
		if l := parseSMTPLine(line); l.isReply && l.final {
			f.curProbs.add(probTooManyLines, f.curLines, MaxSMTPReplyLines)
			return f.finishSMTP(r)
		}
		return nil
	}
	r.Lines = append(r.Lines, line)
	n := len(r.Lines)
	f.curProbs.checkLine(SMTP, n, line, ending, true)
	l := parseSMTPLine(line)
	if n == 1 {
		return f.firstSMTPLine(r, l, line)
	}
	r.Text += "\n" + l.text
	switch {
	case !l.isReply:
		f.curProbs.add(probContinuationNotReply, n)
		return nil
	case l.code != r.Code:
		f.curProbs.add(probCodeMismatch, n, l.code, r.Code)
	}
	if l.noSep {
		f.curProbs.add(probNoSeparator, n, l.code)
	}
	if !l.final {
		return nil
	}
	return f.finishSMTP(r)
}

// firstSMTPLine handles the line that starts a reply.
func (f *mailFramer) firstSMTPLine(r *Reply, l smtpLine, line string) *Reply {
	r.Text = l.text
	if !l.isReply {
		f.curProbs.add(probNotReply, snippet(line))
		return f.finish()
	}
	r.Code = l.code
	if l.noSep {
		f.curProbs.add(probNoSeparator, 1, l.code)
	}
	if !l.final {
		return nil
	}
	return f.finishSMTP(r)
}

// finishSMTP classifies a complete SMTP reply and hands it out.
func (f *mailFramer) finishSMTP(r *Reply) *Reply {
	switch r.Code / 100 {
	case 2:
		r.Class = ClassPositive
	case 3:
		r.Class = ClassIntermediate
	case 4:
		r.Class = ClassTransient
	case 5:
		r.Class = ClassPermanent
	default:
		f.curProbs.add(probBadFirstDigit, r.Code)
		r.Code = 0
		return f.finish()
	}
	if r.Code/10%10 > 5 {
		f.curProbs.add(probBadSecondDigit, r.Code)
	}
	first, _, _ := strings.Cut(r.Text, "\n")
	r.Enhanced = ParseEnhanced(first)
	if r.Enhanced != "" && r.Class != ClassIntermediate && int(r.Enhanced[0]-'0') != r.Code/100 {
		f.curProbs.add(probEnhancedMismatch, r.Enhanced, r.Code)
	}
	return f.finish()
}
