package export

// hostileSMTP puts markup, Markdown and control characters in every field
// that reaches a handout. Each "alert(N)" marks one attempt.
const hostileSMTP = `mailtutor: 1
title: "<script>alert(1)</script> & | # *bold* _em_ [x](y) ~s~"
protocol: smtp
server: {host: "evil\"><script>alert(2)</script>", port: 465, tls: implicit}
tool: "</title><script>alert(3)</script>"
steps:
- tls:
    version: "TLS 1.3"
    cipher: "<b>cipher</b>"
    server_name: "<i>name</i>"
    subject: "CN=<img src=x onerror=alert(4)>"
    issuer: "CN=</dd></dl><script>alert(5)</script>"
    dns_names: ["<svg onload=alert(6)>"]
    fingerprint: "AA:BB"
    verified: false
    verify_error: "x509: <iframe src=javascript:alert(7)>"
  at: "0"
- server: "220 <script>alert(8)</script> ESMTP"
  at: "0.1"
- client: "EHLO </pre><script>alert(9)</script>"
  lesson:
    explain: "Line one <script>alert(10)</script>\n# not a heading\n- not a list\n1. not a list"
    expect: "EHLO ` + "`x`" + ` | y"
    hint: "**not bold** [link](javascript:alert(11))"
    notice: "</aside><script>alert(12)</script>"
  at: "0.2"
- server: |
    250-mail.example.test <script>alert(13)</script>
    250 AUTH PLAIN
  at: "0.3"
- client: "NOOP\r<script>alert(14)</script>\u202e"
  at: "0.35"
- server: "250 2.0.0 Ok"
  at: "0.36"
- client: "MAIL FROM:<a@b>"
  at: "0.4"
- server: "250 2.1.0 Ok"
  at: "0.5"
- client: "RCPT TO:<c@d>"
  at: "0.5"
- server: "250 2.1.5 Ok"
  at: "0.6"
- client: "DATA"
  at: "0.7"
- server: "354 go ahead"
  at: "0.8"
- data: |
    Subject: ` + "`code`" + ` | pipes | and ` + "```" + ` fences
    ` + "```" + `
    </pre><script>alert(15)</script>
    ` + "````" + `
    | a | b |
    |---|---|
  at: "0.9"
- server: "250 2.0.0 Ok: queued"
  at: "1.0"
- closed: "</p><script>alert(16)</script>"
  at: "1.1"
`

// keptSecrets was recorded with --keep-secrets, and has a hand-written line
// with a password that carries no secret mark at all.
const keptSecrets = `mailtutor: 1
title: "Kept secrets"
protocol: smtp
server: {host: "127.0.0.1", port: 1587, tls: none}
steps:
- server: "220 mail.example.test ESMTP"
  at: "0"
- client: "AUTH PLAIN AHN0dWRlbnQAc2VjcmV0MTIz"
  secret: sasl-initial-response
  kept: true
  at: "1"
- server: "535 5.7.8 Authentication credentials invalid"
  at: "2"
- client: "AUTH LOGIN"
  at: "3"
- server: "334 VXNlcm5hbWU6"
  at: "4"
- client: "c3R1ZGVudA=="
  secret: username
  kept: true
  at: "5"
- server: "334 UGFzc3dvcmQ6"
  at: "6"
- client: "c2VjcmV0MTIz"
  at: "7"
- server: "235 2.7.0 Authentication successful"
  at: "8"
- client: "PASS secret123"
  at: "9"
- server: "500 5.5.2 Error: command not recognized"
  at: "10"
- client: "my own marked secret"
  secret: credential
  at: "11"
- server: "502 5.5.2 Error: command not recognized"
  at: "12"
`

// keptPOP3 keeps a POP3 password and an APOP digest.
const keptPOP3 = `mailtutor: 1
protocol: pop3
server: {host: "127.0.0.1", port: 1110, tls: none}
steps:
- server: "+OK ready <1.2@mail.example.test>"
  at: "0"
- client: "APOP student c4c9334bac560ecc979e58001b3e22fb"
  secret: apop-digest
  kept: true
  at: "1"
- server: "-ERR [AUTH] Authentication failed."
  at: "2"
- client: "USER student"
  at: "3"
- server: "+OK"
  at: "4"
- client: "PASS secret123"
  secret: password
  kept: true
  at: "5"
- server: "+OK Logged in."
  at: "6"
- client: "PASS <redacted>hunter2"
  secret: password
  kept: true
  at: "7"
- server: "-ERR [IN-USE] already logged in"
  at: "8"
`

// pipelined has two commands answered by one recorded server step, a note
// that contradicts the reply, and a reply cut off at the end.
const pipelined = `mailtutor: 1
protocol: smtp
server: {host: "::1", port: 25, tls: none}
steps:
- server: "220 ready"
  at: "0"
- client: "MAIL FROM:<a@b>"
  at: "1"
- client: "RCPT TO:<c@d>"
  at: "1"
- server: |
    250 2.1.0 Ok
    550 5.1.1 No such user
  note: "NOTE FROM THE FILE"
  at: "2"
- client: "EHLO x"
  at: "3"
- server: "250-first line only"
  at: "4"
`

// empty has no steps at all.
const empty = `mailtutor: 1
protocol: pop3
server: {host: "127.0.0.1", port: 110, tls: none}
steps: []
`
