#!/usr/bin/env bash
# test.sh - the project's one test command: bash scripts/test.sh
#
# Starts real Postfix and Dovecot on loopback (scripts/mailservers.sh, needs
# root; it installs them with apt the first time) for the end-to-end tests
# in e2e/, stops them again on exit, and runs go vet and go test -race, then
# staticcheck (installed into $(go env GOPATH)/bin at a pinned version) and,
# in CI (CI=true) or with MAILTUTOR_FUZZ=1, every fuzz target for FUZZTIME
# each (default 60s, as issue 6 asks; see scripts/fuzz.sh).
# MAILTUTOR_E2E=0 skips the servers and the end-to-end tests.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v go >/dev/null || export PATH="/usr/local/go/bin:$PATH"
export GOFLAGS="${GOFLAGS:+$GOFLAGS }-mod=mod"

if [[ ${MAILTUTOR_E2E:-} == 0 ]]; then
	echo "MAILTUTOR_E2E=0: the end-to-end tests against Postfix and Dovecot are skipped"
else
	trap 'bash scripts/mailservers.sh stop' EXIT
	bash scripts/mailservers.sh start
	eval "$(bash scripts/mailservers.sh env)"
	echo "mail servers up: SMTP $MAILTUTOR_E2E_SMTP, submission $MAILTUTOR_E2E_SUBMISSION (STARTTLS first: $MAILTUTOR_E2E_SUBMISSION_TLS), SMTPS $MAILTUTOR_E2E_SMTPS, POP3 $MAILTUTOR_E2E_POP3, POP3S $MAILTUTOR_E2E_POP3S, IMAP $MAILTUTOR_E2E_IMAP, IMAPS $MAILTUTOR_E2E_IMAPS"
fi

echo "== go vet ./..."
go vet ./...
echo "== go test -race -count=1 ./..."
go test -race -count=1 ./...

STATICCHECK_VERSION=v0.8.2
gobin="$(go env GOPATH)/bin"
export PATH="$gobin:$PATH"
if ! staticcheck -version 2>/dev/null | grep -qF "(${STATICCHECK_VERSION#v})"; then
	echo "== go install honnef.co/go/tools/cmd/staticcheck@$STATICCHECK_VERSION"
	GOBIN="$gobin" go install "honnef.co/go/tools/cmd/staticcheck@$STATICCHECK_VERSION"
fi
echo "== staticcheck ./..."
staticcheck ./...

if [[ ${CI:-} == true || ${MAILTUTOR_FUZZ:-} == 1 ]]; then
	export FUZZTIME="${FUZZTIME:-60s}"
	echo "== bash scripts/fuzz.sh (every fuzz target, $FUZZTIME each)"
	bash scripts/fuzz.sh
fi
