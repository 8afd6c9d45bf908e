package session

import (
	"fmt"

	"github.com/mailtutor/mailtutor/protocol"
)

// textKey names one message the session itself says (not the dialect's
// explanation of a reply): why it refused something, why it ended.
type textKey int

// The session's own messages; each has an English and a Chinese text.
const (
	txtTLSFailed        textKey = iota // "TLS handshake with %s failed: %v"
	txtHintTLSSetup                    // the server's TLS set-up is wrong
	txtHintUnknownCA                   // not signed by a trusted authority
	txtHintWrongName                   // the certificate is for another name
	txtHintInvalidCert                 // expired, not yet valid, not for a server
	txtHintOldTLS                      // only a TLS version below the minimum (%s)
	txtTLSWeak                         // "%s accepted only because --tls-min lowered the minimum to %s ..."
	txtTLSLowered                      // "the minimum TLS version is lowered to %s (--tls-min) ..."
	txtPlainAfterNoTLS                 // TLS was asked for (%s) and refused
	txtPlainRemote                     // credentials in clear to a host (%s) that is not this machine
	txtPlainWayOut                     // answer y, or --allow-plaintext-auth
	txtReplyTooLong                    // the reply went on beyond %s in all (--reply-timeout)
	txtReplyTooLarge                   // the reply grew beyond %s (--max-reply)
	txtReplyCut                        // "… the connection is closed"
	txtBadTLSVersion                   // TLS version "%s": want 1.0, 1.1, 1.2 or 1.3
	txtClosed                          // ErrClosed: "the connection is closed"
	txtUnknownHost                     // connect %s: unknown host "%s"
	txtRefused                         // connect %s: connection refused … port %d
	txtNoAnswer                        // connect %s: no answer within %s
	txtDialOther                       // connect %s: %v
	txtTimeout                         // timeout: no reply within %s
	txtAwaiting                        // " (%d command(s) await a reply)"
	txtTimeoutPartial                  // timeout: %d line(s) of a reply, then nothing for %s
	txtCutMidReply                     // "in the middle of a reply (%d line(s) received: %s): " before the error
	txtClosedMidReply                  // the server closed in the middle of a reply
	txtClosedUnanswered                // the server closed with %d command(s) unanswered

	txtURLMalformed // bad server URL "%s": %v
	txtURLScheme    // unknown scheme "%s" in "%s": use %s
	txtURLExtra     // only scheme://host[:port] is allowed
	txtURLNoHost    // no host
	txtURLPort      // bad port "%s" in "%s"

	txtLastKey = txtURLPort // the last key, for the parity test
)

// sessionTexts holds the session's messages in every language it speaks.
var sessionTexts = map[protocol.Lang]map[textKey]string{
	protocol.English: {
		txtTLSFailed:        "TLS handshake with %s failed: %v",
		txtHintTLSSetup:     "check the server's TLS set-up",
		txtHintUnknownCA:    "the certificate is not signed by an authority this machine trusts: use --ca FILE to trust the server's certificate (PEM), or --insecure to skip verification (never with real passwords)",
		txtHintWrongName:    "the certificate is for another name: connect by the name it was issued for, or use --insecure to skip verification (never with real passwords)",
		txtHintInvalidCert:  "the certificate is not valid (expired, not yet valid, or not for a server): use --insecure to look at it anyway",
		txtHintOldTLS:       "the server offers only a TLS version older than %s; TLS 1.0 and 1.1 are obsolete (RFC 8996): ask its administrator to update it, or use --tls-min 1.0 to talk to it anyway (weak encryption)",
		txtTLSWeak:          "%s accepted only because --tls-min lowered the minimum to %s: TLS 1.0 and 1.1 are obsolete and their encryption is weak (RFC 8996)",
		txtTLSLowered:       "the minimum TLS version is lowered to %s (--tls-min); this server spoke %s",
		txtPlainAfterNoTLS:  "refusing to send a credential in clear: TLS was asked for (%s) and the server did not agree, so anyone on the path could read it",
		txtPlainRemote:      "refusing to send a credential in clear to %s, which is not this machine: anyone on the path could read it; start TLS first, or connect over implicit TLS",
		txtPlainWayOut:      "to send it anyway, answer y at the prompt, or run with --allow-plaintext-auth",
		txtReplyTooLong:     "the reply went on for more than %s in all (--reply-timeout) without ending",
		txtReplyTooLarge:    "the reply grew beyond %s (--max-reply) without ending",
		txtReplyCut:         "%s (%d line(s) received): a broken or hostile server; the connection is closed",
		txtBadTLSVersion:    "TLS version \"%s\": want 1.0, 1.1, 1.2 or 1.3",
		txtClosed:           "the connection is closed",
		txtUnknownHost:      "connect %s: unknown host \"%s\" (check the spelling, or use an IP address)",
		txtRefused:          "connect %s: connection refused: nothing listens on port %d there (is the server running? `mailtutor lab` starts a practice one)",
		txtNoAnswer:         "connect %s: no answer within %s (a firewall may drop the packets; try --timeout)",
		txtDialOther:        "connect %s: %v",
		txtTimeout:          "timeout: no reply within %s",
		txtAwaiting:         " (%d command(s) await a reply)",
		txtTimeoutPartial:   "timeout: the server sent %d line(s) of a reply and then nothing for %s",
		txtCutMidReply:      "in the middle of a reply (%d line(s) received: %s): ",
		txtClosedMidReply:   "the server closed the connection in the middle of a reply (%d line(s) received: %s)",
		txtClosedUnanswered: "the server closed the connection without answering (%d command(s) unanswered)",
		txtURLMalformed:     "bad server URL \"%s\": %v",
		txtURLScheme:        "unknown scheme \"%[1]s\" in \"%[2]s\": use %[3]s",
		txtURLExtra:         "bad server URL \"%s\": only scheme://host[:port] is allowed",
		txtURLNoHost:        "bad server URL \"%s\": no host",
		txtURLPort:          "bad port \"%[1]s\" in \"%[2]s\": want 1-65535",
	},
	protocol.Chinese: {
		txtTLSFailed:        "与 %s 的 TLS 握手失败。Go 的原文：%v",
		txtHintTLSSetup:     "请检查服务器的 TLS 配置",
		txtHintUnknownCA:    "证书不是由本机信任的证书颁发机构（CA）签发的：用 --ca FILE 信任服务器的证书（PEM），或用 --insecure 跳过验证（切勿用于真实密码）",
		txtHintWrongName:    "证书属于另一个主机名：请用证书适用的主机名连接，或用 --insecure 跳过验证（切勿用于真实密码）",
		txtHintInvalidCert:  "证书无效（已过期、尚未生效，或不是服务器证书）：可以用 --insecure 先查看它",
		txtHintOldTLS:       "服务器只提供低于 %s 的 TLS 版本；TLS 1.0 和 1.1 已经废弃（RFC 8996）：请联系管理员升级，或用 --tls-min 1.0 勉强连接（加密很弱）",
		txtTLSWeak:          "接受 %s 只是因为 --tls-min 把最低版本降到了 %s：TLS 1.0 和 1.1 已经废弃，加密很弱（RFC 8996）",
		txtTLSLowered:       "最低 TLS 版本已降到 %s（--tls-min）；这台服务器用的是 %s",
		txtPlainAfterNoTLS:  "拒绝以明文发送凭据：已经要求启用 TLS（%s），服务器没有同意，路径上的任何人都能读到它",
		txtPlainRemote:      "拒绝以明文把凭据发给 %s（不是本机）：路径上的任何人都能读到它；请先启用 TLS，或用隐式 TLS 连接",
		txtPlainWayOut:      "如果仍要发送：在提示符处输入 y，或者加上 --allow-plaintext-auth 运行",
		txtReplyTooLong:     "这条响应总共超过了 %s（--reply-timeout）仍未结束",
		txtReplyTooLarge:    "这条响应超过了 %s（--max-reply）仍未结束",
		txtReplyCut:         "%s（已收到 %d 行）：服务器有故障或者怀有恶意；连接已关闭",
		txtBadTLSVersion:    "TLS 版本“%s”：应为 1.0、1.1、1.2 或 1.3",
		txtClosed:           "连接已经关闭",
		txtUnknownHost:      "连接 %s：找不到主机“%s”（请检查拼写，或者改用 IP 地址）",
		txtRefused:          "连接 %s：连接被拒绝：那里的 %d 端口上没有程序在监听（服务器在运行吗？“mailtutor lab”可以启动一个练习服务器）",
		txtNoAnswer:         "连接 %s：%s 内没有回应（防火墙可能丢弃了数据包；可以试试 --timeout）",
		txtDialOther:        "连接 %s：%v",
		txtTimeout:          "超时：%s 内没有收到响应",
		txtAwaiting:         "（还有 %d 条命令在等待响应）",
		txtTimeoutPartial:   "超时：服务器发来了响应的 %d 行，之后 %s 内再没有发送任何内容",
		txtCutMidReply:      "响应只收到一部分（已收到 %d 行：%s）。原文：",
		txtClosedMidReply:   "服务器在响应中途关闭了连接（已收到 %d 行：%s）",
		txtClosedUnanswered: "服务器没有给出响应就关闭了连接（还有 %d 条命令没有得到响应）",
		txtURLMalformed:     "服务器 URL“%s”写得不对。原文：%v",
		txtURLScheme:        "不认识“%[2]s”中的 URL 方案“%[1]s”：可用的有 %[3]s",
		txtURLExtra:         "服务器 URL“%s”写得不对：只能写成 smtp://主机[:端口] 这样的形式",
		txtURLNoHost:        "服务器 URL“%s”里没有主机",
		txtURLPort:          "“%[2]s”中的端口“%[1]s”不对：应在 1 到 65535 之间",
	},
}

// say returns the message key in lang (English for a language the session
// does not speak), formatted with args.
func say(lang protocol.Lang, key textKey, args ...any) string {
	t, ok := sessionTexts[lang]
	if !ok {
		t = sessionTexts[protocol.English]
	}
	format, ok := t[key]
	if !ok {
		format = sessionTexts[protocol.English][key]
	}
	if len(args) == 0 {
		return format
	}
	return fmt.Sprintf(format, args...)
}
