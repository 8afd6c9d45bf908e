package export

// Two sessions recorded against the practice lab with
// "mailtutor connect --lab submission --record FILE" and
// "mailtutor connect pop3://127.0.0.1:1110 --record FILE" (typed input from a
// script), titles added by hand. The SMTP one has STARTTLS, AUTH LOGIN with
// both credentials redacted, a refused recipient and a DATA body with a
// Chinese Subject, a pipe and backticks; the POP3 one a redacted PASS and a
// dot-stuffed RETR reply.

const labSMTP = `mailtutor: 1
title: "Send a first message (lab, submission port)"
protocol: smtp
server: {host: "127.0.0.1", port: 1587, tls: none}
recorded: 2026-11-25T20:45:23.01064661Z
tool: "mailtutor 0.1.0-dev"
steps:
- server: "220 mail.example.test ESMTP mailtutor lab"
  note: "2xx positive completion: the server did what you asked"
  at: "0.001"
- client: "EHLO student.example"
  at: "0.009"
- server: |
    250-mail.example.test
    250-PIPELINING
    250-SIZE 10485760
    250-VRFY
    250-STARTTLS
    250-AUTH PLAIN LOGIN CRAM-MD5
    250-ENHANCEDSTATUSCODES
    250-8BITMIME
    250 SMTPUTF8
  note: "2xx positive completion: the server did what you asked"
  at: "0.010"
- client: "STARTTLS"
  at: "0.010"
- server: "220 2.0.0 Ready to start TLS"
  note: "2xx positive completion: the server did what you asked"
  at: "0.010"
- tls:
    version: "TLS 1.3"
    cipher: "TLS_AES_128_GCM_SHA256"
    server_name: "127.0.0.1"
    subject: "CN=mail.example.test,O=mailtutor lab"
    issuer: "CN=mail.example.test,O=mailtutor lab"
    dns_names: ["mail.example.test", "localhost", "127.0.0.1", "::1"]
    not_before: 2026-11-25T19:45:23Z
    not_after: 2027-11-25T20:45:23Z
    fingerprint: "B7:D0:73:17:FB:13:F0:ED:64:90:C2:80:9F:AD:20:C8:EF:5C:41:F8:36:2A:6C:52:32:2F:33:A3:E3:FE:8F:9A"
    verified: true
  at: "0.036"
- client: "EHLO student.example"
  at: "0.036"
- server: |
    250-mail.example.test
    250-PIPELINING
    250-SIZE 10485760
    250-VRFY
    250-AUTH PLAIN LOGIN CRAM-MD5
    250-ENHANCEDSTATUSCODES
    250-8BITMIME
    250 SMTPUTF8
  note: "2xx positive completion: the server did what you asked"
  at: "0.037"
- client: "AUTH LOGIN"
  at: "0.037"
- server: "334 VXNlcm5hbWU6"
  note: "3xx positive intermediate: so far so good, the server waits for more from you"
  at: "0.037"
- client: "<redacted>"
  secret: username
  at: "0.037"
- server: "334 UGFzc3dvcmQ6"
  note: "3xx positive intermediate: so far so good, the server waits for more from you"
  at: "0.037"
- client: "<redacted>"
  secret: password
  at: "0.038"
- server: "235 2.7.0 Authentication successful"
  note: "2xx positive completion: the server did what you asked"
  at: "0.039"
- client: "MAIL FROM:<student@example.test>"
  at: "0.040"
- server: "250 2.1.0 Ok"
  note: "2xx positive completion: the server did what you asked"
  at: "0.040"
- client: "RCPT TO:<nobody@example.test>"
  at: "0.044"
- server: "550 5.1.1 <nobody@example.test>: Recipient address rejected: User unknown in local recipient table"
  note: "5xx permanent negative completion: it failed; repeating it unchanged will fail again"
  at: "0.044"
- client: "RCPT TO:<teacher@example.test>"
  at: "0.044"
- server: "250 2.1.5 Ok"
  note: "2xx positive completion: the server did what you asked"
  at: "0.044"
- client: "DATA"
  at: "0.046"
- server: "354 End data with <CR><LF>.<CR><LF>"
  note: "3xx positive intermediate: so far so good, the server waits for more from you"
  at: "0.046"
- data: |
    From: Student <student@example.test>
    To: Teacher <teacher@example.test>
    Subject: 你好，老师：我的第一封邮件

    Hello, typed by hand | with a pipe and ` + "`" + `backticks` + "`" + `.
    这是我手工输入的第一封邮件。
    .a line starting with a dot
  at: "0.048"
- server: "250 2.0.0 Ok: queued as 18EB64A1EC90715C"
  note: "2xx positive completion: the server did what you asked"
  at: "0.048"
- client: "QUIT"
  at: "0.052"
- server: "221 2.0.0 Bye"
  note: "2xx positive completion: the server did what you asked"
  at: "0.052"
- closed: "closed by the server"
  at: "0.052"
`

const labPOP3 = `mailtutor: 1
title: "Read and delete a message (lab, POP3)"
protocol: pop3
server: {host: "127.0.0.1", port: 1110, tls: none}
recorded: 2026-11-25T20:45:37.971520439Z
tool: "mailtutor 0.1.0-dev"
steps:
- server: "+OK mailtutor lab POP3 ready <5981.1795639537971312259@mail.example.test>"
  note: "+OK: the command succeeded"
  at: "0.001"
- client: "USER student"
  at: "0.015"
- server: "+OK"
  note: "+OK: the command succeeded"
  at: "0.015"
- client: "PASS <redacted>"
  secret: password
  at: "0.015"
- server: "+OK Logged in."
  note: "+OK: the command succeeded"
  at: "0.015"
- client: "STAT"
  at: "0.020"
- server: "+OK 1 177"
  note: "+OK: the command succeeded"
  at: "0.020"
- client: "LIST"
  at: "0.020"
- server: |
    +OK 1 message (177 octets)
    1 177
    .
  note: "+OK: the command succeeded"
  at: "0.021"
- client: "RETR 1"
  at: "0.021"
- server: |
    +OK 177 octets
    From: Teacher <teacher@example.test>
    To: Student <student@example.test>
    Subject: 欢迎来到邮件实验室

    Welcome to the lab.
    ..signature (this line starts with a dot)
    .
  note: "+OK: the command succeeded"
  at: "0.021"
- client: "DELE 1"
  at: "0.021"
- server: "+OK message 1 deleted"
  note: "+OK: the command succeeded"
  at: "0.022"
- client: "QUIT"
  at: "0.022"
- server: "+OK mailtutor lab POP3 server signing off (maildrop empty)"
  note: "+OK: the command succeeded"
  at: "0.024"
- closed: "closed by the server"
  at: "0.024"
`
