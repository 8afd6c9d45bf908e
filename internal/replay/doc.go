// Package replay plays a recorded transcript back and checks a live server
// against it.
//
// Playback renders every step with the same annotation as a live session
// (package render), all at once, step by step or at the recorded pace.
// Against re-sends the client side of a transcript to a live server and
// compares each reply with the recorded one: the same class and code is a
// match, a changed text is reported but only fails in strict mode.
//
// A protocol with tagged commands (IMAP) is compared command by command:
// the k-th command goes with the replay's own tag "ak" whatever its
// recorded tag, and the replies to each command (untagged data,
// continuation requests, the tagged completion) are compared with the
// recorded ones by the status of the completion and the kinds of untagged
// data; other values (a UIDVALIDITY, a message count) are a changed text.
//
// Redacted credentials are supplied by a Secrets value (command-line
// values, the environment, a question at the terminal); they are sent to
// the server and never printed or written anywhere.
package replay
