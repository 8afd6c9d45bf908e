package lessons

import (
	"errors"
	"fmt"
	"strings"

	"github.com/mailtutor/mailtutor/session"
)

// Localize returns err with its message in lang when the lessons (or
// the session under them) have words for it: [*PartError],
// [*NeedsServiceError], [*UnknownLessonError], a session's dial error.
// Any other error comes back as it is; the result still answers
// errors.Is and errors.As as err does.
func Localize(err error, lang Lang) error {
	if err == nil || lang == English {
		return err
	}
	var l interface{ In(Lang) string }
	if errors.As(err, &l) {
		return &localized{err: err, text: l.In(lang)}
	}
	return session.Localize(err, lang)
}

// localized is an error shown in a chosen language.
type localized struct {
	err  error
	text string
}

func (l *localized) Error() string { return l.text }
func (l *localized) Unwrap() error { return l.err }

// PartError is an error of one part (one connection) of a lesson.
type PartError struct {
	Part int // from 1
	Err  error
}

func (e *PartError) Error() string { return e.In(English) }
func (e *PartError) Unwrap() error { return e.Err }

// In is the message in lang, the part's error localized too.
func (e *PartError) In(lang Lang) string {
	if lang == Chinese {
		return fmt.Sprintf("第 %d 部分：%v", e.Part, Localize(e.Err, lang))
	}
	return fmt.Sprintf("part %d: %v", e.Part, e.Err)
}

// NeedsServiceError: a part of a lesson needs a service no --server gave.
type NeedsServiceError struct {
	Part    int    // from 1
	Service string // "smtps"
	Scheme  string // the scheme of its URL, "smtps://"
}

func (e *NeedsServiceError) Error() string { return e.In(English) }

// In is the message in lang.
func (e *NeedsServiceError) In(lang Lang) string {
	if lang == Chinese {
		return fmt.Sprintf("第 %d 部分需要 %s 服务，但没有为它指定服务器（请用 --server %s=%sHOST:PORT 指定，或者加上 --offline）",
			e.Part, e.Service, e.Service, e.Scheme)
	}
	return fmt.Sprintf("part %d needs the %s service: no server given for it (use --server %s=%sHOST:PORT, or --offline)",
		e.Part, e.Service, e.Service, e.Scheme)
}

// UnknownLessonError: a lesson name that is no built-in lesson nor a file.
type UnknownLessonError struct {
	Name  string   // as given
	Names []string // the built-in lessons
}

func (e *UnknownLessonError) Error() string { return e.In(English) }

// In is the message in lang.
func (e *UnknownLessonError) In(lang Lang) string {
	if lang == Chinese {
		return fmt.Sprintf("没有“%s”这一课：它既不是内置课程（%s），也不是一个文件", e.Name, strings.Join(e.Names, "、"))
	}
	return fmt.Sprintf("no lesson %q: not a built-in lesson (%s) nor a file", e.Name, strings.Join(e.Names, ", "))
}

// ServerFlagError is a --server NAME=URL the lessons cannot use: an
// unknown service, or a URL of the wrong scheme for it.
type ServerFlagError struct {
	Spec    string // as given
	Service string // the NAME
	Want    string // the scheme the service needs; "" when the service is unknown
}

func (e *ServerFlagError) Error() string { return e.In(English) }

// In is the message in lang.
func (e *ServerFlagError) In(lang Lang) string {
	zh := lang == Chinese
	switch {
	case e.Want == "" && zh:
		return fmt.Sprintf("--server %s：没有“%s”这项服务（可用的有 %s）", e.Spec, e.Service, strings.NewReplacer(", ", "、", " or ", " 或 ").Replace(serviceNames()))
	case e.Want == "":
		return fmt.Sprintf("--server %s: unknown service %q (want %s)", e.Spec, e.Service, serviceNames())
	case zh:
		return fmt.Sprintf("--server %s：%s 服务需要 %s 开头的 URL", e.Spec, e.Service, e.Want)
	}
	return fmt.Sprintf("--server %s: the %s service needs a %s URL", e.Spec, e.Service, e.Want)
}
