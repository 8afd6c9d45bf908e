// Package transcript is the YAML record of a mail session: the model, a
// crash-safe recorder and a strict loader.
//
// A transcript file is a header (schema version, protocol, server, when and
// by what it was recorded) followed by a "steps:" list: client lines, whole
// server replies, DATA bodies, TLS handshakes and the close, each with its
// time offset. docs/transcript.md describes the format and its
// compatibility promise.
//
// Recording: Create writes the header, then every Add appends one step in a
// single write; fsync runs at most every 100 ms (see Recorder for the exact
// guarantee). A reply or body of any size can be spooled to disk line by
// line (Spool) and recorded with AddSpooled without being held in memory.
// CreateTemp records into an unnamed temporary file that SaveAs copies to a
// real one. Every step ends with its quoted "at" line, so a step cut short
// by a crash or a full disk is never a valid step; Parse drops such a last
// step with a warning and loads everything before it. A secret client line
// is written in its redacted form unless Options.KeepSecrets.
//
// Loading: Parse and Load refuse unknown fields, wrong types, missing fields
// and newer schema versions with a *LoadError naming the line. They read a
// file one step at a time (the whole file only for a layout that cannot
// be cut into steps); Open checks a file that way and keeps no step, and
// File.Steps reads it again step by step, so that a transcript of any
// size is checked, replayed and exported in bounded memory.
//
// Text is exact: client lines, server replies and DATA bodies round-trip byte
// for byte. Line endings are not stored (CRLF is the rule on the wire, LF in
// the file); text YAML cannot hold (invalid UTF-8) goes base64 into a
// client_b64, server_b64 or data_b64 field.
//
// This package imports no other package of mailtutor.
package transcript
