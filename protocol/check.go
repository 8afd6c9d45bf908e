package protocol

// checkSMTP warns about an SMTP command line before it is sent.
func checkSMTP(line string, st State, lang Lang) []string { return nil }

// checkPOP3 warns about a POP3 command line before it is sent.
func checkPOP3(line string, st State, lang Lang) []string { return nil }
