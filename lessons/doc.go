// Package lessons is mailtutor's guided practice: the lesson format, the
// built-in course (embedded *.yaml files) and the runner that walks a
// student through a lesson against a live server or, offline, against the
// replies recorded in the lesson.
//
// A lesson is a transcript-like list of steps (server replies, client lines,
// DATA bodies, TLS handshakes, the close), grouped in parts of one
// connection each, with teaching notes in English and Chinese on the steps:
// what to explain before a step, what the student is expected to type (a
// pattern, see [Compile]), a hint shown after a wrong try, and what to
// notice in a reply. docs/lessons.md describes the file format.
//
// The package knows no terminal: it reads the student's lines from an
// io.Reader or a [LineReader] (package lessons/lineedit is the terminal
// one, with line editing and masked credentials) and shows what happens
// on an [Output] (the command gives internal/render's renderer). It
// starts no server either: the caller maps each
// service a lesson uses to a server ([Servers]). A live server may answer
// otherwise than the one a lesson was recorded on; a step says which
// other replies it allows ([Step.Accept]), and the runner tells the
// student, goes on, or stops when the lesson cannot follow
// ([ErrCannotContinue]).
package lessons
