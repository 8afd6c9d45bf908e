package protocol

import "strings"

// KeywordInfo says what an extension keyword means: a word a server
// advertises in its answer to EHLO (SMTP), CAPA (POP3) or CAPABILITY
// (IMAP), for :help and `mailtutor explain`.
type KeywordInfo struct {
	Protocol Protocol
	Name     string // as advertised: "PIPELINING", "AUTH=", "SORT=DISPLAY"
	Command  string // the command whose reply advertises it: EHLO, CAPA, CAPABILITY
	Meaning  string // in the language asked for
	RFC      string // where it is defined
}

// keywordSpec is the language-neutral part of a KeywordInfo.
type keywordSpec struct {
	proto     Protocol
	name, rfc string
}

// keywordCommand is the command whose reply lists a protocol's keywords.
var keywordCommand = map[Protocol]string{SMTP: "EHLO", POP3: "CAPA", IMAP: "CAPABILITY"}

// keywordSpecs are the extension keywords explained: every one Postfix
// and Dovecot advertise, and the common others. A name ending in "="
// stands for every value ("AUTH=PLAIN"); a more specific name wins.
var keywordSpecs = []keywordSpec{
	{SMTP, "PIPELINING", "RFC 2920"},
	{SMTP, "SIZE", "RFC 1870"},
	{SMTP, "VRFY", "RFC 5321 3.5.3"},
	{SMTP, "EXPN", "RFC 5321 3.5.3"},
	{SMTP, "ETRN", "RFC 1985"},
	{SMTP, "STARTTLS", "RFC 3207"},
	{SMTP, "AUTH", "RFC 4954 3"},
	{SMTP, "ENHANCEDSTATUSCODES", "RFC 2034"},
	{SMTP, "8BITMIME", "RFC 6152"},
	{SMTP, "BINARYMIME", "RFC 3030 3"},
	{SMTP, "DSN", "RFC 3461"},
	{SMTP, "SMTPUTF8", "RFC 6531"},
	{SMTP, "CHUNKING", "RFC 3030 2"},
	{SMTP, "HELP", "RFC 5321 4.1.1.8"},
	{SMTP, "DELIVERBY", "RFC 2852"},
	{SMTP, "REQUIRETLS", "RFC 8689"},
	{SMTP, "MT-PRIORITY", "RFC 6710"},
	{SMTP, "LIMITS", "RFC 9422"},
	{SMTP, "BURL", "RFC 4468"},
	{SMTP, "FUTURERELEASE", "RFC 4865"},
	{SMTP, "XCLIENT", "Postfix XCLIENT_README"},
	{SMTP, "XFORWARD", "Postfix XFORWARD_README"},

	{POP3, "TOP", "RFC 2449 6.3"},
	{POP3, "UIDL", "RFC 2449 6.6"},
	{POP3, "USER", "RFC 2449 6.2"},
	{POP3, "SASL", "RFC 2449 6.4, RFC 5034"},
	{POP3, "RESP-CODES", "RFC 2449 6.5"},
	{POP3, "AUTH-RESP-CODE", "RFC 3206"},
	{POP3, "PIPELINING", "RFC 2449 6.6"},
	{POP3, "STLS", "RFC 2595 4"},
	{POP3, "EXPIRE", "RFC 2449 6.7"},
	{POP3, "LOGIN-DELAY", "RFC 2449 6.8"},
	{POP3, "IMPLEMENTATION", "RFC 2449 6.9"},
	{POP3, "UTF8", "RFC 6856 2"},
	{POP3, "LANG", "RFC 6856 3"},

	{IMAP, "IMAP4REV1", "RFC 3501"},
	{IMAP, "IMAP4REV2", "RFC 9051"},
	{IMAP, "STARTTLS", "RFC 9051 6.2.1"},
	{IMAP, "LOGINDISABLED", "RFC 9051 6.2.3"},
	{IMAP, "AUTH=", "RFC 9051 6.2.2"},
	{IMAP, "SASL-IR", "RFC 4959"},
	{IMAP, "LOGIN-REFERRALS", "RFC 2221"},
	{IMAP, "ID", "RFC 2971"},
	{IMAP, "ENABLE", "RFC 5161"},
	{IMAP, "IDLE", "RFC 2177"},
	{IMAP, "LITERAL+", "RFC 7888"},
	{IMAP, "LITERAL-", "RFC 7888"},
	{IMAP, "SORT", "RFC 5256"},
	{IMAP, "SORT=DISPLAY", "RFC 5957"},
	{IMAP, "THREAD=", "RFC 5256"},
	{IMAP, "THREAD=REFS", "draft-ietf-morg-inthread"},
	{IMAP, "MULTIAPPEND", "RFC 3502"},
	{IMAP, "URL-PARTIAL", "RFC 5550"},
	{IMAP, "CATENATE", "RFC 4469"},
	{IMAP, "UNSELECT", "RFC 3691"},
	{IMAP, "CHILDREN", "RFC 3348"},
	{IMAP, "NAMESPACE", "RFC 2342"},
	{IMAP, "UIDPLUS", "RFC 4315"},
	{IMAP, "LIST-EXTENDED", "RFC 5258"},
	{IMAP, "I18NLEVEL=", "RFC 5255"},
	{IMAP, "CONDSTORE", "RFC 7162"},
	{IMAP, "QRESYNC", "RFC 7162"},
	{IMAP, "ESEARCH", "RFC 4731"},
	{IMAP, "ESORT", "RFC 5267"},
	{IMAP, "SEARCHRES", "RFC 5182"},
	{IMAP, "WITHIN", "RFC 5032"},
	{IMAP, "CONTEXT=", "RFC 5267"},
	{IMAP, "LIST-STATUS", "RFC 5819"},
	{IMAP, "BINARY", "RFC 3516"},
	{IMAP, "MOVE", "RFC 6851"},
	{IMAP, "SNIPPET=", "Dovecot (an early name of PREVIEW, RFC 8970)"},
	{IMAP, "PREVIEW", "RFC 8970"},
	{IMAP, "PREVIEW=", "RFC 8970 (draft name)"},
	{IMAP, "STATUS=SIZE", "RFC 8438"},
	{IMAP, "SAVEDATE", "RFC 8514"},
	{IMAP, "NOTIFY", "RFC 5465"},
	{IMAP, "SPECIAL-USE", "RFC 6154"},
	{IMAP, "CREATE-SPECIAL-USE", "RFC 6154"},
	{IMAP, "QUOTA", "RFC 9208"},
	{IMAP, "ACL", "RFC 4314"},
	{IMAP, "RIGHTS=", "RFC 4314"},
	{IMAP, "METADATA", "RFC 5464"},
	{IMAP, "COMPRESS=", "RFC 4978"},
	{IMAP, "UTF8=", "RFC 6855"},
	{IMAP, "OBJECTID", "RFC 8474"},
	{IMAP, "APPENDLIMIT", "RFC 7889"},
	{IMAP, "APPENDLIMIT=", "RFC 7889"},
	{IMAP, "XLIST", "Gmail (before SPECIAL-USE, RFC 6154)"},
}

// keywordTexts holds the meaning of each keyword, by language, keyed
// "smtp PIPELINING" (text_en_keywords.go, text_zh_keywords.go).
var keywordTexts = map[Lang]map[string]string{}

// LookupKeyword explains the extension keyword word as protocol p
// advertises it: the first word of an EHLO line ("SIZE 10485760" is
// SIZE), a CAPA tag, an IMAP capability ("AUTH=PLAIN" is AUTH=, unless
// the value has an entry of its own). It reports false for a word p does
// not advertise, and an error for a language without texts.
func LookupKeyword(p Protocol, word string, lang Lang) (KeywordInfo, bool, error) {
	t, err := textsFor(lang)
	if err != nil {
		return KeywordInfo{}, false, err
	}
	meanings, ok := keywordTexts[lang]
	if !ok {
		meanings = keywordTexts[English]
	}
	fields := strings.Fields(strings.ToUpper(word))
	if len(fields) == 0 {
		return KeywordInfo{}, false, nil
	}
	name := fields[0]
	candidates := []string{name}
	if k, _, ok := strings.Cut(name, "="); ok {
		candidates = append(candidates, k+"=", k) // SMTP's old "AUTH=PLAIN" is AUTH
	}
	for _, c := range candidates {
		for _, s := range keywordSpecs {
			if s.proto == p && s.name == c {
				return KeywordInfo{Protocol: p, Name: name, Command: keywordCommand[p],
					Meaning: meanings[string(p)+" "+c], RFC: t.ref(s.rfc)}, true, nil
			}
		}
	}
	return KeywordInfo{}, false, nil
}
