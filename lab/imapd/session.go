package imapd

import (
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-sasl"

	"github.com/mailtutor/mailtutor/lab/mailstore"
)

// delim is the hierarchy separator of the lab's folders.
const delim = '/'

// session is one client's IMAP session over the store.
type session struct {
	srv   *Server
	front *frontConn
	store *mailstore.Store
	user  string    // the mailbox name once logged in
	sel   *selected // the selected folder, or nil
}

var _ imapserver.SessionIMAP4rev2 = (*session)(nil)
var _ imapserver.SessionSASL = (*session)(nil)
var _ imapserver.SessionAppendLimit = (*session)(nil)

// newSession is the library's NewSession: one per connection.
func (s *Server) newSession(c *imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
	front, _ := c.NetConn().(*frontConn)
	return &session{srv: s, front: front, store: s.cfg.Store}, nil, nil
}

// Close implements imapserver.Session.
func (s *session) Close() error {
	if s.sel != nil {
		s.sel.close()
		s.sel = nil
	}
	return nil
}

// The errors a student meets, worded as Dovecot words them.
var (
	errAuthFailed = &imap.Error{Type: imap.StatusResponseTypeNo, Code: imap.ResponseCodeAuthenticationFailed,
		Text: "Authentication failed."}
	errPrivacy = &imap.Error{Type: imap.StatusResponseTypeNo, Code: imap.ResponseCodePrivacyRequired,
		Text: "Plaintext authentication disallowed on non-secure (SSL/TLS) connections."}
	errNoMech = &imap.Error{Type: imap.StatusResponseTypeNo,
		Text: "Unsupported authentication mechanism."}
	errReadOnly = &imap.Error{Type: imap.StatusResponseTypeNo, Code: "READ-ONLY",
		Text: "Mailbox is read-only."}
	errInternal = &imap.Error{Type: imap.StatusResponseTypeNo, Code: imap.ResponseCodeServerBug,
		Text: "Internal error occurred. Refer to server log for more information."}
)

// Login implements imapserver.Session.
func (s *session) Login(username, password string) error {
	if !s.front.plaintextAllowed() {
		return errPrivacy
	}
	if !s.srv.authTurn(s.front) {
		return errAuthFailed
	}
	user, ok := s.srv.cfg.Login(username, password)
	if !ok {
		s.srv.authResult(s.front.raw, "LOGIN", username, false)
		return errAuthFailed
	}
	return s.loggedIn(user, "LOGIN")
}

// loggedIn starts the authenticated state: the first login makes the
// default folders.
func (s *session) loggedIn(user, mech string) error {
	s.srv.authResult(s.front.raw, mech, user, true)
	if _, err := s.store.Mailboxes(user); err != nil {
		return s.internal(err)
	}
	s.user = user
	s.front.loggedIn(user)
	return nil
}

// AuthenticateMechanisms implements imapserver.SessionSASL: without TLS
// away from loopback, only those that keep the password off the wire.
func (s *session) AuthenticateMechanisms() []string {
	if s.front.plaintextAllowed() {
		return s.srv.cfg.Mechanisms
	}
	return slices.DeleteFunc(slices.Clone(s.srv.cfg.Mechanisms), func(m string) bool {
		return m == sasl.Plain || m == sasl.Login
	})
}

// Authenticate implements imapserver.SessionSASL.
func (s *session) Authenticate(mech string) (sasl.Server, error) {
	if !slices.Contains(s.AuthenticateMechanisms(), strings.ToUpper(mech)) {
		return nil, errNoMech
	}
	w := &saslDone{s: s, mech: strings.ToUpper(mech)}
	inner, ok := s.srv.cfg.NewSASL(mech, &w.user)
	if !ok {
		return nil, errNoMech
	}
	if !s.srv.authTurn(s.front) {
		return nil, errAuthFailed
	}
	w.inner = inner
	return w, nil
}

// saslDone ends a SASL exchange: the user logged in, or Dovecot's failure.
type saslDone struct {
	s     *session
	inner sasl.Server
	mech  string
	user  string
}

// Next implements sasl.Server.
func (w *saslDone) Next(response []byte) ([]byte, bool, error) {
	challenge, done, err := w.inner.Next(response)
	if err != nil || done && w.user == "" {
		w.s.srv.authResult(w.s.front.raw, w.mech, w.tried(), false)
		return nil, true, errAuthFailed
	}
	if done {
		if err := w.s.loggedIn(w.user, w.mech); err != nil {
			return nil, true, err
		}
	}
	return challenge, done, nil
}

// tried is the login name the mechanism was given, if the server NewSASL
// made tells it (a Tried() string method), for the log of a failure.
func (w *saslDone) tried() string {
	if t, ok := w.inner.(interface{ Tried() string }); ok {
		return t.Tried()
	}
	return ""
}

// internal logs an unexpected store error and answers Dovecot's NO.
func (s *session) internal(err error) error {
	s.srv.logf("imap %s: %v", s.front.RemoteAddr(), err)
	return errInternal
}

// storeError turns a store error about folder name into a reply; tryCreate
// adds [TRYCREATE] where the client may create the folder and retry.
func (s *session) storeError(err error, name string, tryCreate bool) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, mailstore.ErrNoMailbox):
		e := &imap.Error{Type: imap.StatusResponseTypeNo, Text: "Mailbox doesn't exist: " + name}
		if tryCreate {
			e.Code = imap.ResponseCodeTryCreate
		}
		return e
	case errors.Is(err, mailstore.ErrExists):
		return &imap.Error{Type: imap.StatusResponseTypeNo, Code: imap.ResponseCodeAlreadyExists,
			Text: "Mailbox already exists"}
	case errors.Is(err, mailstore.ErrBadName):
		return &imap.Error{Type: imap.StatusResponseTypeNo, Code: imap.ResponseCodeCannot,
			Text: "Invalid mailbox name: " + name}
	case errors.Is(err, mailstore.ErrInbox):
		return &imap.Error{Type: imap.StatusResponseTypeNo, Text: "INBOX can't be deleted."}
	}
	return s.internal(err)
}

// Create implements imapserver.Session.
func (s *session) Create(name string, _ *imap.CreateOptions) error {
	name = strings.TrimSuffix(name, string(delim))
	return s.storeError(s.store.Create(s.user, name), name, false)
}

// Delete implements imapserver.Session.
func (s *session) Delete(name string) error {
	return s.storeError(s.store.Delete(s.user, name), name, false)
}

// Rename implements imapserver.Session.
func (s *session) Rename(from, to string, _ *imap.RenameOptions) error {
	return s.storeError(s.store.Rename(s.user, from, to), from, false)
}

// Subscribe implements imapserver.Session.
func (s *session) Subscribe(name string) error {
	return s.storeError(s.store.Subscribe(s.user, name, true), name, false)
}

// Unsubscribe implements imapserver.Session.
func (s *session) Unsubscribe(name string) error {
	return s.storeError(s.store.Subscribe(s.user, name, false), name, false)
}

// Namespace implements imapserver.SessionNamespace: one personal namespace.
func (s *session) Namespace() (*imap.NamespaceData, error) {
	return &imap.NamespaceData{Personal: []imap.NamespaceDescriptor{{Prefix: "", Delim: delim}}}, nil
}

// AppendLimit implements imapserver.SessionAppendLimit: the lab's largest
// message.
func (s *session) AppendLimit() uint32 {
	return uint32(min(s.srv.cfg.MaxMessageBytes, 1<<32-1))
}

// Status implements imapserver.Session.
func (s *session) Status(name string, options *imap.StatusOptions) (*imap.StatusData, error) {
	st, err := s.store.Status(s.user, name)
	if err != nil {
		return nil, s.storeError(err, name, false)
	}
	data := &imap.StatusData{Mailbox: name}
	if options.NumMessages {
		data.NumMessages = &st.Messages
	}
	if options.UIDNext {
		data.UIDNext = imap.UID(st.UIDNext)
	}
	if options.UIDValidity {
		data.UIDValidity = st.UIDValidity
	}
	if options.NumUnseen {
		data.NumUnseen = &st.Unseen
	}
	if options.NumRecent {
		data.NumRecent = &st.Recent
	}
	if options.Size {
		data.Size = &st.Size
	}
	if options.NumDeleted {
		n, err := s.countDeleted(name)
		if err != nil {
			return nil, s.storeError(err, name, false)
		}
		data.NumDeleted = &n
	}
	return data, nil
}

// countDeleted counts the messages flagged \Deleted in a folder.
func (s *session) countDeleted(name string) (uint32, error) {
	list, err := s.store.List(s.user, name)
	var n uint32
	for _, m := range list {
		if hasFlag(m.Flags, imap.FlagDeleted) {
			n++
		}
	}
	return n, err
}

// hasFlag reports whether flags holds flag, ignoring case.
func hasFlag(flags []string, flag imap.Flag) bool {
	return slices.ContainsFunc(flags, func(f string) bool { return strings.EqualFold(f, string(flag)) })
}

// Append implements imapserver.Session.
func (s *session) Append(name string, r imap.LiteralReader, options *imap.AppendOptions) (*imap.AppendData, error) {
	date := options.Time
	if date.IsZero() {
		date = time.Now()
	}
	uid, err := s.store.Append(s.user, name, r, flagStrings(options.Flags), date)
	if err != nil {
		return nil, s.storeError(err, name, true)
	}
	st, err := s.store.Status(s.user, name)
	if err != nil {
		return nil, s.storeError(err, name, true)
	}
	return &imap.AppendData{UID: imap.UID(uid), UIDValidity: st.UIDValidity}, nil
}

// flagStrings converts the library's flags to the store's.
func flagStrings(flags []imap.Flag) []string {
	out := make([]string, len(flags))
	for i, f := range flags {
		out[i] = string(f)
	}
	return out
}

// imapFlags converts the store's flags to the library's.
func imapFlags(flags []string) []imap.Flag {
	out := make([]imap.Flag, len(flags))
	for i, f := range flags {
		out[i] = imap.Flag(f)
	}
	return out
}
