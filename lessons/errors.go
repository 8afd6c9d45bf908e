package lessons

import (
	"errors"
	"fmt"
	"strings"
	"time"

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
	Service string // the service's name (a scheme of protocol.Schemes)
	Scheme  string // the scheme of its URL, the name and "://"
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

// WaitError is what ended a wait for the server during a lesson: the
// connection closed (Closed, with the session's reason in Err, if any),
// the session's reply timeout (Err), or nothing at all within Timeout.
type WaitError struct {
	Closed  bool
	Timeout time.Duration
	Err     error
}

func (e *WaitError) Error() string { return e.In(English) }
func (e *WaitError) Unwrap() error { return e.Err }

// Is makes a close answer errors.Is(err, errClosedEarly).
func (e *WaitError) Is(target error) bool { return e.Closed && target == errClosedEarly }

// In is the message in lang, the session's error localized too.
func (e *WaitError) In(lang Lang) string {
	zh := lang == Chinese
	switch {
	case e.Closed && e.Err != nil && zh:
		return "服务器在课程预期之前关闭了连接：" + Localize(e.Err, lang).Error()
	case e.Closed && e.Err != nil:
		return fmt.Sprintf("%v: %v", errClosedEarly, e.Err)
	case e.Closed && zh:
		return "服务器在课程预期之前关闭了连接"
	case e.Closed:
		return errClosedEarly.Error()
	case e.Err != nil && zh:
		return "等待服务器：" + Localize(e.Err, lang).Error()
	case e.Err != nil:
		return "waiting for the server: " + e.Err.Error()
	case zh:
		return fmt.Sprintf("等待服务器：%s 内没有任何响应", e.Timeout)
	}
	return fmt.Sprintf("waiting for the server: nothing within %s", e.Timeout)
}

// ContinueError is ErrCannotContinue with its cause: the lesson cannot
// go on with this server.
type ContinueError struct{ Err error }

func (e *ContinueError) Error() string { return e.In(English) }

// Unwrap gives both ErrCannotContinue and the cause to errors.Is.
func (e *ContinueError) Unwrap() []error { return []error{ErrCannotContinue, e.Err} }

// In is the message in lang.
func (e *ContinueError) In(lang Lang) string {
	if lang == Chinese {
		return "课程无法在这台服务器上继续：" + Localize(e.Err, lang).Error()
	}
	return fmt.Sprintf("%v: %v", ErrCannotContinue, e.Err)
}
