#!/usr/bin/env bash
# mailservers.sh - real Postfix and Dovecot on loopback for mailtutor's
# end-to-end tests.
#
# Usage: scripts/mailservers.sh start|stop|env
#
#   start  install postfix, dovecot-core, dovecot-pop3d, dovecot-imapd,
#          openssl, swaks and curl with apt
#          if missing, write the configs (templates in scripts/mailservers/)
#          into the state dir, start both servers, wait until every port
#          greets. Running it again is harmless: running servers are left
#          alone, or reloaded when a config file changed.
#   stop   stop both servers (nothing to do if they are not running).
#   env    print the `export` lines the e2e tests read:
#          eval "$(scripts/mailservers.sh env)"
#
# Ports (127.0.0.1 only): SMTP 2525 (MX-like, no AUTH, relays nothing),
# submission 2587 (AUTH PLAIN/LOGIN/CRAM-MD5 required, STARTTLS), SMTPS
# 2465 (submission over implicit TLS), POP3 2110 (STLS; USER/PASS, APOP,
# SASL), POP3S 2995: every service the built-in lessons use; IMAP 2143
# (STARTTLS; LOGIN, AUTHENTICATE) and IMAPS 2993; and submission-tls 2588,
# which refuses MAIL and AUTH before STARTTLS (530 5.7.0). Accounts:
# student/secret123 and teacher/teach456 at example.test, as in the
# embedded practice lab.
#
# State dir: $MAILTUTOR_SERVERS_DIR, default /tmp/mailtutor-servers.
# Needs root (it installs packages and runs the servers' master processes).
# Quiet unless something fails; then it prints the relevant log tail.
set -euo pipefail

TEMPLATES="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/mailservers"
readonly TEMPLATES
readonly STATE="${MAILTUTOR_SERVERS_DIR:-/tmp/mailtutor-servers}"
readonly POSTFIX_DIR="$STATE/postfix"
readonly DOVECOT_DIR="$STATE/dovecot"
readonly DOVECOT_CONF="$DOVECOT_DIR/dovecot.conf"
readonly TLS_DIR="$STATE/tls"
readonly MAIL_DIR="$STATE/mail"
readonly VMAIL_USER="mailtutor-vmail"
# python3, curl, swaks: real clients the e2e tests drive (imaplib, curl
# imap:// and pop3://, swaks through the proxy).
# tmux: e2e draws the interactive prompt in a real terminal (firsthour_test.go).
readonly PACKAGES=(postfix dovecot-core dovecot-pop3d dovecot-imapd openssl python3 curl swaks tmux)
readonly POLICY_RC=/usr/sbin/policy-rc.d
readonly WAIT_SECONDS=30
readonly SMTP_PORT=2525 SUBMISSION_PORT=2587 SMTPS_PORT=2465 POP3_PORT=2110 POP3S_PORT=2995
readonly TLSFIRST_PORT=2588 IMAP_PORT=2143 IMAPS_PORT=2993

export PATH="/usr/sbin:/sbin:$PATH"

die() {
	echo "mailservers: $*" >&2
	exit 1
}

# log_tail prints the last lines of each named log that exists.
log_tail() {
	local f
	for f in "$@"; do
		if [[ -s $f ]]; then
			echo "--- last lines of $f:" >&2
			tail -n 30 "$f" >&2
		fi
	done
}

# fail reports a failure (MESSAGE, then any extra LOG files) with the
# servers' log tails and exits.
fail() {
	echo "mailservers: $1" >&2
	shift
	local logs=("$@") f
	for f in postfix.log dovecot.log postfix-start.log dovecot-start.log; do
		[[ " ${logs[*]} " == *" $STATE/$f "* ]] || logs+=("$STATE/$f")
	done
	log_tail "${logs[@]}"
	exit 1
}

# run_logged runs a command with its output in LOG; on failure it prints
# the log tail and exits.
run_logged() {
	local log=$1
	shift
	if ! "$@" >"$log" 2>&1; then
		fail "failed: $*" "$log"
	fi
}

missing_packages() {
	local p
	for p in "${PACKAGES[@]}"; do
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
			echo "$p"
		fi
	done
}

# apt_install installs the packages without starting any service, trying
# three times: a fresh CI machine's mirror may hiccup.
apt_install() {
	local try
	echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections || return
	for try in 1 2 3; do
		apt-get update -q &&
			apt-get install -y -q --no-install-recommends \
				-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@" &&
			return 0
		echo "apt-get failed (attempt $try of 3)"
		sleep $((try * 5))
	done
	return 1
}

install_packages() {
	local missing
	missing=$(missing_packages)
	[[ -z $missing ]] && return 0
	local log="$STATE/apt.log" created_policy=0 rc=0
	if [[ ! -e $POLICY_RC ]]; then
		trap 'rm -f "$POLICY_RC"' EXIT # also when interrupted
		printf '#!/bin/sh\n# mailtutor: keep services down during apt-get install\nexit 101\n' >"$POLICY_RC"
		chmod 755 "$POLICY_RC"
		created_policy=1
	fi
	# shellcheck disable=SC2086 # one package name per word
	DEBIAN_FRONTEND=noninteractive apt_install $missing >"$log" 2>&1 || rc=$?
	if ((created_policy)); then
		rm -f "$POLICY_RC"
		trap - EXIT
	fi
	if ((rc != 0)); then
		log_tail "$log"
		die "apt-get install ${missing//$'\n'/ } failed (exit $rc)"
	fi
}

ensure_vmail_user() {
	if ! id -u "$VMAIL_USER" >/dev/null 2>&1; then
		useradd --system --no-create-home --home-dir /nonexistent \
			--shell /usr/sbin/nologin --user-group "$VMAIL_USER" ||
			die "cannot create the mailbox owner $VMAIL_USER"
	fi
}

# make_cert makes the self-signed certificate both servers present, valid
# for mail.example.test, localhost and 127.0.0.1, unless a good one exists.
make_cert() {
	mkdir -p "$TLS_DIR"
	if [[ -s $TLS_DIR/cert.pem && -s $TLS_DIR/key.pem ]] &&
		openssl x509 -in "$TLS_DIR/cert.pem" -noout -checkend 86400 >/dev/null 2>&1; then
		return 0
	fi
	run_logged "$TLS_DIR/openssl.log" openssl req -x509 -newkey rsa:2048 -nodes -days 365 \
		-keyout "$TLS_DIR/key.pem" -out "$TLS_DIR/cert.pem" \
		-subj "/O=mailtutor CI/CN=mail.example.test" \
		-addext "subjectAltName=DNS:mail.example.test,DNS:localhost,IP:127.0.0.1" \
		-addext "basicConstraints=critical,CA:TRUE" \
		-addext "keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign" \
		-addext "extendedKeyUsage=serverAuth"
	chmod 600 "$TLS_DIR/key.pem"
	chmod 644 "$TLS_DIR/cert.pem"
	CHANGED=1
}

# CHANGED is set to 1 when start wrote a config file or a certificate that
# differs from the one in place; running servers are then reloaded.
CHANGED=0

# render copies template NAME to DEST with the @PLACEHOLDERS@ filled in. An
# unchanged DEST is left alone: Postfix waits until a main.cf modified in the
# last second or so has settled, and a running server needs no reload.
render() {
	local name=$1 dest=$2 uid gid
	uid=$(id -u "$VMAIL_USER")
	gid=$(id -g "$VMAIL_USER")
	sed -e "s|@STATE@|$STATE|g" -e "s|@POSTFIX_DIR@|$POSTFIX_DIR|g" \
		-e "s|@DOVECOT_DIR@|$DOVECOT_DIR|g" \
		-e "s|@VMAIL_UID@|$uid|g" -e "s|@VMAIL_GID@|$gid|g" \
		"$TEMPLATES/$name" >"$dest.new"
	if cmp -s "$dest.new" "$dest"; then
		rm -f "$dest.new"
	else
		mv -f "$dest.new" "$dest"
		CHANGED=1
	fi
}

write_configs() {
	[[ $STATE == /* && $STATE != *'|'* ]] ||
		die "MAILTUTOR_SERVERS_DIR must be an absolute path without '|': $STATE"
	mkdir -p "$STATE" "$POSTFIX_DIR" "$STATE/postfix-queue" "$DOVECOT_DIR" "$MAIL_DIR"
	chmod 755 "$STATE" "$POSTFIX_DIR" "$STATE/postfix-queue" "$DOVECOT_DIR"
	chown "$VMAIL_USER:$VMAIL_USER" "$MAIL_DIR"
	chmod 770 "$MAIL_DIR"
	make_cert
	render main.cf "$POSTFIX_DIR/main.cf"
	render master.cf "$POSTFIX_DIR/master.cf"
	render vmailbox "$POSTFIX_DIR/vmailbox"
	render dovecot.conf "$DOVECOT_CONF"
	render users "$DOVECOT_DIR/users"
	chown "root:dovecot" "$DOVECOT_DIR/users"
	chmod 640 "$DOVECOT_DIR/users"
}

# allow_postfix_config_dir lists our config directory in the default
# main.cf's alternate_config_directories, which Postfix requires before it
# accepts "postfix -c DIR".
allow_postfix_config_dir() {
	local current
	[[ -e /etc/postfix/main.cf ]] || touch /etc/postfix/main.cf
	current=$(postconf -h alternate_config_directories 2>/dev/null || true)
	if [[ " ${current//,/ } " != *" $POSTFIX_DIR "* ]]; then
		postconf -e "alternate_config_directories = ${current:+$current, }$POSTFIX_DIR" ||
			die "cannot add $POSTFIX_DIR to alternate_config_directories in /etc/postfix/main.cf"
	fi
}

# run_postfix runs "postfix -c DIR ARGS..." with its output in LOG. The
# postfix command prints its errors only to a terminal (else to syslog, which
# does not run here), so it gets a pseudo-terminal from script(1).
run_postfix() {
	local log=$1
	shift
	local cmd
	cmd="postfix -c $(printf '%q' "$POSTFIX_DIR") $*"
	if ! script -qec "$cmd" /dev/null >"$log" 2>&1; then
		fail "failed: $cmd" "$log"
	fi
}

postfix_running() {
	[[ -f $POSTFIX_DIR/main.cf ]] && postfix -c "$POSTFIX_DIR" status >/dev/null 2>&1
}

dovecot_pid() {
	local pid
	pid=$(cat "$STATE/dovecot-run/master.pid" 2>/dev/null) || return 1
	[[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

start_postfix() {
	allow_postfix_config_dir
	if postfix_running; then
		if ((CHANGED)); then
			run_postfix "$STATE/postfix-start.log" reload
		fi
	else
		run_postfix "$STATE/postfix-start.log" start
	fi
}

start_dovecot() {
	mkdir -p "$STATE/dovecot-state"
	if dovecot_pid >/dev/null; then
		if ((CHANGED)); then
			run_logged "$STATE/dovecot-start.log" dovecot -c "$DOVECOT_CONF" reload
		fi
	else
		run_logged "$STATE/dovecot-start.log" dovecot -c "$DOVECOT_CONF"
	fi
}

# greeting prints the first line a server sends on PORT, over TLS when the
# second argument is "tls" (the certificate must verify for 127.0.0.1).
greeting() {
	local port=$1 tls=${2:-}
	if [[ $tls == tls ]]; then
		printf 'QUIT\r\n' | timeout 5 openssl s_client -quiet -connect "127.0.0.1:$port" \
			-CAfile "$TLS_DIR/cert.pem" -verify_ip 127.0.0.1 -verify_return_error 2>/dev/null |
			head -n 1 | tr -d '\r' || true
		return 0
	fi
	# shellcheck disable=SC2016 # $1 and $line belong to the inner shell
	timeout 5 bash -c '
		exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
		IFS= read -r -t 4 line <&3 || exit 1
		printf "QUIT\r\n" >&3
		printf "%s\n" "$line"
	' greeting "$port" 2>/dev/null | tr -d '\r' || true
}

# wait_for_greetings waits (bounded) until every port greets as expected;
# the greetings are ours, so a stranger on one of the ports is noticed.
wait_for_greetings() {
	local deadline=$((SECONDS + WAIT_SECONDS)) check port tls pattern got
	for check in "$SMTP_PORT::220 mail.example.test ESMTP mailtutor-ci*" \
		"$SUBMISSION_PORT::220 mail.example.test ESMTP mailtutor-ci*" \
		"$SMTPS_PORT:tls:220 mail.example.test ESMTP mailtutor-ci*" \
		"$POP3_PORT::+OK *mailtutor-ci Dovecot ready.*" \
		"$POP3S_PORT:tls:+OK *mailtutor-ci Dovecot ready.*" \
		"$TLSFIRST_PORT::220 mail.example.test ESMTP mailtutor-ci*" \
		"$IMAP_PORT::\* OK *mailtutor-ci Dovecot ready.*" \
		"$IMAPS_PORT:tls:\* OK *mailtutor-ci Dovecot ready.*"; do
		IFS=: read -r port tls pattern <<<"$check"
		while :; do
			got=$(greeting "$port" "$tls")
			# shellcheck disable=SC2053 # the right side is a glob on purpose
			[[ $got == $pattern ]] && break
			if ((SECONDS >= deadline)); then
				fail "127.0.0.1:$port did not greet like \"$pattern\" within ${WAIT_SECONDS}s (got \"$got\")"
			fi
			sleep 0.5
		done
	done
}

# ports_free fails when another program already listens on one of our
# ports, so that the tests never talk to the wrong server.
ports_free() {
	local port
	for port in "$@"; do
		if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			fail "127.0.0.1:$port is already in use by another program"
		fi
	done
}

need_root() {
	[[ $(id -u) -eq 0 ]] ||
		die "$1 needs root: it installs and runs Postfix and Dovecot (MAILTUTOR_E2E=0 bash scripts/test.sh skips them)"
}

cmd_start() {
	need_root start
	mkdir -p "$STATE"
	install_packages
	ensure_vmail_user
	write_configs
	dovecot_pid >/dev/null || ports_free "$POP3_PORT" "$POP3S_PORT" "$IMAP_PORT" "$IMAPS_PORT"
	postfix_running || ports_free "$SMTP_PORT" "$SUBMISSION_PORT" "$SMTPS_PORT" "$TLSFIRST_PORT"
	start_dovecot
	start_postfix
	wait_for_greetings
}

cmd_stop() {
	local pid i
	need_root stop
	if postfix_running; then
		run_postfix "$STATE/postfix-stop.log" stop
	fi
	if pid=$(dovecot_pid); then
		kill -TERM "$pid"
		for ((i = 0; i < 100; i++)); do
			kill -0 "$pid" 2>/dev/null || return 0
			sleep 0.1
		done
		fail "dovecot (pid $pid) did not stop within 10s"
	fi
}

cmd_env() {
	local name value
	while IFS='=' read -r name value; do
		printf 'export %s=%q\n' "$name" "$value"
	done <<EOF
MAILTUTOR_E2E=1
MAILTUTOR_E2E_SMTP=smtp://127.0.0.1:$SMTP_PORT
MAILTUTOR_E2E_SUBMISSION=submission://127.0.0.1:$SUBMISSION_PORT
MAILTUTOR_E2E_SMTPS=smtps://127.0.0.1:$SMTPS_PORT
MAILTUTOR_E2E_POP3=pop3://127.0.0.1:$POP3_PORT
MAILTUTOR_E2E_POP3S=pop3s://127.0.0.1:$POP3S_PORT
MAILTUTOR_E2E_SUBMISSION_TLS=submission://127.0.0.1:$TLSFIRST_PORT
MAILTUTOR_E2E_IMAP=imap://127.0.0.1:$IMAP_PORT
MAILTUTOR_E2E_IMAPS=imaps://127.0.0.1:$IMAPS_PORT
MAILTUTOR_E2E_CA=$TLS_DIR/cert.pem
MAILTUTOR_E2E_MAILDIR=$MAIL_DIR
MAILTUTOR_E2E_USER=student
MAILTUTOR_E2E_PASS=secret123
EOF
}

main() {
	case "${1:-}" in
	start) cmd_start ;;
	stop) cmd_stop ;;
	env) cmd_env ;;
	*)
		echo "usage: $0 start|stop|env" >&2
		exit 2
		;;
	esac
}

main "$@"
