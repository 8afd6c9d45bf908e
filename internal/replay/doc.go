// Package replay plays a recorded transcript back and checks a live server
// against it.
//
// Playback renders every step with the same annotation as a live session
// (package render), all at once, step by step or at the recorded pace.
// Against re-sends the client side of a transcript to a live server and
// compares each reply with the recorded one: the same class and code is a
// match, a changed text is reported but only fails in strict mode.
//
// Redacted credentials are supplied by a Secrets value (command-line
// values, the environment, a question at the terminal); they are sent to
// the server and never printed or written anywhere.
package replay
