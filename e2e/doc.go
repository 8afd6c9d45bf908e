// Package e2e holds mailtutor's end-to-end tests against real servers:
// Postfix (SMTP on 2525, submission on 2587, SMTPS on 2465) and Dovecot (POP3 on 2110,
// POP3S on 2995) on loopback, started by scripts/mailservers.sh.
//
// The tests skip unless MAILTUTOR_E2E=1; scripts/test.sh starts the servers
// and sets it together with the other MAILTUTOR_E2E_* variables that
// "scripts/mailservers.sh env" prints. With MAILTUTOR_E2E=1 a server that
// cannot be reached fails the tests.
package e2e
