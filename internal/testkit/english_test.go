package testkit

import "testing"

// TestEnglishOnChineseScreen proves the detector can fail: each English
// sample that issue 17 found on a Chinese screen is caught, and what is
// not the tool's own English passes.
func TestEnglishOnChineseScreen(t *testing.T) {
	tests := []struct {
		line    string
		english bool
	}{
		{`C: AUTH PLAIN dGVzdA==  (base64 of "student")`, true},
		{`C: a1 LOGIN student ******  (user "student", password ******)`, true},
		{`C: AUTH CRAM-MD5 ••••  (CRAM-MD5: 3a4f0c9e1b2d3a4f0c9e1b2d keyed with ******)`, true},
		{`C: PASS <redacted>`, false},
		{`错误：unknown helper ":foo"`, true},
		{`错误：usage: :b64 TEXT`, true},
		{`错误：unterminated {b64:… (missing "}")`, true},
		{`-- the connection is closed`, true},
		{`错误：timeout: no reply within 30s`, true},
		{`mailtutor: dial tcp 127.0.0.1:1: connect: connection refused`, true},
		{`mailtutor: unknown command "--lang"`, true},
		{`  -insecure	do not fail on a certificate that does not verify`, true},
		{`Usage: mailtutor lab [flags]`, true},
		{`已验证=true`, true},
		{`会话记录写入 transcript.yaml 失败`, false},
		{`第 3 课 needs the smtps service`, true},
		// not the tool's English
		{`S: 535 5.7.8 Error: authentication failed: authentication failure`, false},
		{`C: MAIL FROM:<you@example.test>`, false},
		{`   下一步：发 EHLO 加上你的主机名（例如 EHLO client.example.test）`, false},
		{`   试试 ` + "`:plain USER PASS`" + `，或者发 AUTH LOGIN`, false},
		{`   5.7.8 认证凭据无效（Postfix 在“Error: authentication failed”时给出这个码）`, false},
		{`用法：mailtutor connect [选项] URL`, false},
		{`URL 方案：smtp:// (25), submission:// (587), smtps:// (465, 隐式 TLS)`, false},
		{`   --lang en|zh  语言`, false},
		{`已连接到 127.0.0.1:1587`, false},
		{`  :b64 TEXT  把 TEXT 做 base64 编码`, false},
		{`2xx 成功 · 94 µs`, false},
		{`与 127.0.0.1:2995 的 TLS 握手失败。Go 的原文：tls: failed to verify certificate`, false},
		{`与 127.0.0.1:2995 的 TLS 握手失败：tls: failed to verify certificate`, true},
	}
	for _, tt := range tests {
		got := len(EnglishOnChineseScreen(tt.line)) > 0
		if got != tt.english {
			t.Errorf("%q: English = %v, want %v", tt.line, got, tt.english)
		}
	}
}
