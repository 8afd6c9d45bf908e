package session

import (
	"fmt"

	"github.com/mailtutor/mailtutor/protocol"
)

// adminKey names one message of the administrator's options: MX
// targets, client certificates.
type adminKey int

const (
	txtMXLookup   adminKey = iota // "MX of %s: %v"
	txtMXNoAnswer                 // "no mail exchanger of %s answered: %v"
	txtNullMX                     // "%s publishes a null MX ..."
	txtCertPair                   // --cert without --key, or the reverse
	txtCertLoad                   // "client certificate --cert %s --key %s: %v"
	txtAdminLast  = txtCertLoad
)

// adminTexts holds the messages of adminKey in every language.
var adminTexts = map[protocol.Lang]map[adminKey]string{
	protocol.English: {
		txtMXLookup:   "MX of %s: %v",
		txtMXNoAnswer: "no mail exchanger of %s answered: %v",
		txtNullMX:     "%s publishes a null MX (MX 0 .): it accepts no mail (RFC 7505)",
		txtCertPair:   "a client certificate needs both --cert and --key",
		txtCertLoad:   "client certificate --cert %s --key %s: %v",
	},
	protocol.Chinese: {
		txtMXLookup:   "查询 %s 的 MX 记录：%v",
		txtMXNoAnswer: "%s 的收信服务器（MX）都没有响应：%v",
		txtNullMX:     "%s 公布了空 MX 记录（MX 0 .）：它不接收任何邮件（RFC 7505）",
		txtCertPair:   "客户端证书需要同时给出 --cert 和 --key",
		txtCertLoad:   "客户端证书 --cert %s --key %s：%v",
	},
}

// sayAdmin returns the message key in lang (English for a language the
// session does not speak), formatted with args.
func sayAdmin(lang protocol.Lang, key adminKey, args ...any) string {
	t, ok := adminTexts[lang]
	if !ok {
		t = adminTexts[protocol.English]
	}
	return fmt.Sprintf(t[key], args...)
}

// langError is an error in the user's language that wraps its cause, so
// that errors.Is still finds the sentinel.
type langError struct {
	msg string
	err error
}

func (e *langError) Error() string { return e.msg }
func (e *langError) Unwrap() error { return e.err }
