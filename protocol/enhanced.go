package protocol

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseEnhanced returns the RFC 3463 enhanced status code at the start of
// an SMTP reply text ("5.1.1" for "5.1.1 <x@y>: Recipient address
// rejected"), or "" when there is none. The syntax is class "." subject "."
// detail, class being 2, 4 or 5 and subject and detail 1 to 3 digits; the
// code must be followed by a space or end the text.
func ParseEnhanced(text string) string {
	code, _, _ := strings.Cut(text, " ")
	if _, _, _, ok := splitEnhanced(code); !ok {
		return ""
	}
	return code
}

// splitEnhanced takes an enhanced code "C.S.D" apart.
func splitEnhanced(code string) (class, subject, detail int, ok bool) {
	parts := strings.Split(code, ".")
	if len(parts) != 3 || len(parts[0]) != 1 || !strings.ContainsAny(parts[0][:1], "245") {
		return 0, 0, 0, false
	}
	nums := [3]int{}
	for i, p := range parts {
		if len(p) < 1 || len(p) > 3 {
			return 0, 0, 0, false
		}
		for j := 0; j < len(p); j++ {
			if !isDigit(p[j]) {
				return 0, 0, 0, false
			}
		}
		nums[i], _ = strconv.Atoi(p)
	}
	return nums[0], nums[1], nums[2], true
}

// describeEnhanced explains an enhanced code in the words of t, with any
// note that the reply code adds: "5.7.8 authentication credentials invalid".
func describeEnhanced(t *texts, replyCode int, code string) string {
	class, subject, detail, ok := splitEnhanced(code)
	if !ok {
		return ""
	}
	meaning, known := t.enhancedDetail[code] // a whole code: "2.0.0" is plain success
	if !known {
		meaning, known = t.enhancedDetail[fmt.Sprintf("%d.%d", subject, detail)]
	}
	if !known {
		meaning = fmt.Sprintf(t.enhancedUnknown, t.enhancedClass[class], subjectWords(t, subject))
	}
	out := code + " " + meaning
	if note := t.enhancedNote[fmt.Sprintf("%d %s", replyCode, code)]; note != "" {
		out += fmt.Sprintf(t.enhancedNoteFmt, note)
	} else if note := t.enhancedNote[code]; note != "" {
		out += fmt.Sprintf(t.enhancedNoteFmt, note)
	}
	return out
}

// subjectWords names the subject of an enhanced code.
func subjectWords(t *texts, subject int) string {
	if s, ok := t.enhancedSubject[subject]; ok {
		return s
	}
	return t.enhancedSubject[-1]
}

// enhancedRFC cites where an enhanced code is defined.
func enhancedRFC(code string) string {
	_, subject, detail, ok := splitEnhanced(code)
	if !ok {
		return ""
	}
	if ref, ok := enhancedRefs[fmt.Sprintf("%d.%d", subject, detail)]; ok {
		return ref
	}
	return rfc3463Section(subject)
}
