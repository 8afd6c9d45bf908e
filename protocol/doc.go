// Package protocol knows what the mail protocols' wire text means, without
// doing any I/O.
//
// It frames received lines into complete replies ([Framer]): SMTP
// multi-line replies ("250-" continues, "250 " ends, RFC 5321 4.2) and
// POP3 single-line versus dot-terminated replies, which depend on the
// command answered (RFC 1939, RFC 2449, RFC 5034). It classifies replies,
// records protocol violations in plain English, explains reply codes,
// RFC 3463 enhanced status codes and POP3 response codes to a learner
// ([Explain]), reads advertised extensions ([Extensions]), documents the
// commands ([Commands], [LookupCommand]) and hides secrets in client lines
// ([Redact]).
//
// All user-visible text lives in per-language tables (see [Lang]); only
// English exists for now.
//
// The package imports no other package of this project.
package protocol
