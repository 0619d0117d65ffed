package app

import (
	"context"
	"strconv"
	"sync"
	"time"

	"deskline/internal/desk"
	"deskline/internal/store"
)

// The session (who is signed in on this workstation) lives in this process's
// memory only: a restart, a sign-out or the idle lock ends it, and nothing in
// the data folder can sign anyone in.

// DefaultLockMinutes is the idle time after which the desk locks unless an
// admin set another.
const DefaultLockMinutes = 10

// Wrong PINs back off: from the 3rd wrong try in a row, the next try waits
// 5 seconds, doubling at each further wrong try, at most 15 minutes.
const (
	freeTries   = 2
	firstWait   = 5 * time.Second
	longestWait = 15 * time.Minute
)

// session is who is signed in, whether the desk is locked, and the wrong
// tries of each user.
type session struct {
	mu         sync.Mutex
	clock      desk.Clock
	user       *desk.User
	locked     bool
	lastActive time.Time
	lockAfter  time.Duration
	wrong      map[string]*wrongTries
}

type wrongTries struct {
	n     int
	until time.Time
}

func newSession(clock desk.Clock) *session {
	return &session{clock: clock, lockAfter: DefaultLockMinutes * time.Minute, wrong: map[string]*wrongTries{}}
}

// current returns the signed-in user, or nil while nobody is or the desk is
// locked. A desk idle for longer than its lock time locks here.
func (s *session) current() (*desk.User, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	locked := s.idleLockLocked()
	if s.user == nil || s.locked {
		return nil, locked
	}
	u := *s.user
	return &u, false
}

// idleLockLocked locks an idle desk; it reports whether it just did. s.mu is held.
func (s *session) idleLockLocked() bool {
	if s.user != nil && !s.locked && s.lockAfter > 0 && s.clock.Now().Sub(s.lastActive) >= s.lockAfter {
		s.locked = true
		return true
	}
	return false
}

// SessionState is what the shell shows: who is signed in, whether the desk
// is locked (and by whom), and the users who may sign in here.
type SessionState struct {
	SignedIn bool `json:"signedIn"`
	Locked   bool `json:"locked"`
	// User is the signed-in user; while locked, the user who locked it.
	User        *desk.User     `json:"user"`
	Users       []SignInChoice `json:"users"`
	LastUserID  string         `json:"lastUserId"`
	LockMinutes int            `json:"lockMinutes"`
	// Can lists the actions of the permission table the signed-in user may
	// take, for the window to hide what they cannot do (Go still decides).
	Can []desk.Action `json:"can"`
}

// SignInChoice is one user on the sign-in screen.
type SignInChoice struct {
	ID   string    `json:"id"`
	Name string    `json:"name"`
	Role desk.Role `json:"role"`
	// Credential is "pin", "password", or "" for a user who has none yet
	// and sets one at their first sign-in.
	Credential string `json:"credential"`
}

// SessionService signs people in and out, locks the desk and changes one's
// own PIN. Its methods are the only ones that answer while nobody is signed
// in (with SetupService's and AboutService's).
type SessionService struct{ c *core }

// State returns the session and the users of the sign-in screen.
func (s *SessionService) State() (SessionState, error) { return s.c.sessionState() }

func (c *core) sessionState() (SessionState, error) {
	c.sess.mu.Lock()
	c.sess.idleLockLocked()
	st := SessionState{SignedIn: c.sess.user != nil && !c.sess.locked, Locked: c.sess.user != nil && c.sess.locked,
		LockMinutes: int(c.sess.lockAfter / time.Minute), Users: []SignInChoice{}, Can: []desk.Action{}}
	if c.sess.user != nil {
		u := *c.sess.user
		st.User = &u
		if st.SignedIn {
			for _, p := range desk.Permissions {
				if desk.Can(u.Role, p.Action) {
					st.Can = append(st.Can, p.Action)
				}
			}
		}
	}
	c.sess.mu.Unlock()
	if c.store == nil {
		return st, nil
	}
	users, err := c.store.ListUsers(bg)
	if err != nil {
		return st, err
	}
	creds, err := c.store.UsersWithCredential(bg)
	if err != nil {
		return st, err
	}
	for _, u := range users {
		if !u.Active {
			continue
		}
		kind := ""
		if creds[u.ID] {
			if kind, err = c.store.CredentialKind(bg, u.ID); err != nil {
				return st, err
			}
		}
		st.Users = append(st.Users, SignInChoice{ID: u.ID, Name: u.Name, Role: u.Role, Credential: kind})
	}
	st.LastUserID, err = c.store.LocalSetting(bg, store.SettingLastUser)
	return st, err
}

// SignIn signs a user in with their PIN or password; on a locked desk it
// unlocks it (the same user) or ends the locked session (another one).
// Returns EINVALID on "pin" for a wrong PIN, and EFORBIDDEN while wrong tries
// make the user wait, or for a user with no PIN yet (they set one with
// SetFirstPIN).
func (s *SessionService) SignIn(userID, pin string) (SessionState, error) {
	u, err := s.c.activeUser(userID)
	if err != nil {
		return SessionState{}, err
	}
	kind, err := s.c.store.CredentialKind(bg, userID)
	if err != nil {
		return SessionState{}, err
	}
	if kind == "" {
		return SessionState{}, desk.Errorf(desk.EFORBIDDEN, "%s has no PIN yet: set one first", u.Name)
	}
	if wait := s.c.sess.waitFor(userID); wait > 0 {
		return SessionState{}, desk.Errorf(desk.EFORBIDDEN, "Too many wrong tries: wait %s and try again", roundWait(wait))
	}
	ok, err := s.c.store.VerifyCredential(bg, userID, pin)
	if err != nil {
		return SessionState{}, err
	}
	if !ok {
		n, wait := s.c.sess.wrongTry(userID)
		s.c.log.Warn("wrong PIN", "user", u.Name, "userId", userID, "wrongTries", n, "wait", wait.String())
		msg := "Wrong PIN"
		if kind == store.CredentialPassword {
			msg = "Wrong password"
		}
		if wait > 0 {
			return SessionState{}, desk.Invalid("pin", "%s. Wait %s before the next try", msg, roundWait(wait))
		}
		return SessionState{}, desk.Invalid("pin", "%s. Try again", msg)
	}
	return s.c.signIn(u)
}

// SetFirstPIN sets the PIN or password of a user who has none yet (a desk
// upgraded from a version without sign-in, or a user added without one) and
// signs them in. Returns ECONFLICT when the user already has one.
func (s *SessionService) SetFirstPIN(userID, kind, pin string) (SessionState, error) {
	u, err := s.c.activeUser(userID)
	if err != nil {
		return SessionState{}, err
	}
	if k, err := s.c.store.CredentialKind(bg, userID); err != nil {
		return SessionState{}, err
	} else if k != "" {
		return SessionState{}, desk.Errorf(desk.ECONFLICT, "%s already has a PIN: sign in with it, or ask an admin to reset it", u.Name)
	}
	if err := s.c.store.SetCredential(bg, userID, userID, kind, pin); err != nil {
		return SessionState{}, err
	}
	s.c.changed(nil, TopicUsers)
	return s.c.signIn(u)
}

// SignOut ends the session; the window shows the sign-in screen.
func (s *SessionService) SignOut() error {
	s.c.sess.mu.Lock()
	s.c.sess.user, s.c.sess.locked = nil, false
	s.c.sess.mu.Unlock()
	s.c.notify(nil, TopicSession)
	return nil
}

// Lock locks the desk (Ctrl+L): the window shows nothing of any ticket until
// the same user signs in again or someone else signs in.
func (s *SessionService) Lock() error {
	s.c.sess.mu.Lock()
	s.c.sess.locked = s.c.sess.user != nil
	s.c.sess.mu.Unlock()
	s.c.notify(nil, TopicSession)
	return nil
}

// Touch tells Go the person at the window is active (a key or a click), so
// the idle lock waits. It returns whether the desk is locked.
func (s *SessionService) Touch() (bool, error) {
	s.c.sess.mu.Lock()
	justLocked := s.c.sess.idleLockLocked()
	if s.c.sess.user != nil && !s.c.sess.locked {
		s.c.sess.lastActive = s.c.sess.clock.Now()
	}
	locked := s.c.sess.user == nil || s.c.sess.locked
	s.c.sess.mu.Unlock()
	if justLocked {
		s.c.notify(nil, TopicSession)
	}
	return locked, nil
}

// ChangePIN changes the signed-in user's own PIN or password; current is
// the one they sign in with now. Returns EINVALID on "current" when it is
// wrong (a wrong try like one at the sign-in screen).
func (s *SessionService) ChangePIN(current, kind, pin string) error {
	me, err := s.c.allow(desk.ActWork)
	if err != nil {
		return err
	}
	if wait := s.c.sess.waitFor(me.ID); wait > 0 {
		return desk.Errorf(desk.EFORBIDDEN, "Too many wrong tries: wait %s and try again", roundWait(wait))
	}
	if k, err := s.c.store.CredentialKind(bg, me.ID); err != nil {
		return err
	} else if k != "" {
		ok, err := s.c.store.VerifyCredential(bg, me.ID, current)
		if err != nil {
			return err
		}
		if !ok {
			n, wait := s.c.sess.wrongTry(me.ID)
			s.c.log.Warn("wrong PIN", "user", me.Name, "userId", me.ID, "wrongTries", n, "wait", wait.String())
			return desk.Invalid("current", "That is not your current PIN")
		}
	}
	if err := s.c.store.SetCredential(bg, me.ID, me.ID, kind, pin); err != nil {
		return err
	}
	s.c.changed(nil, TopicUsers)
	return nil
}

// activeUser returns an active user of this desk. Returns ENOTFOUND for an
// unknown one and EINVALID for a deactivated one.
func (c *core) activeUser(id string) (desk.User, error) {
	if c.store == nil {
		return desk.User{}, desk.Errorf(desk.EUNAVAILABLE, "the desk is not open")
	}
	users, err := c.store.ListUsers(bg)
	if err != nil {
		return desk.User{}, err
	}
	for _, u := range users {
		if u.ID == id {
			if !u.Active {
				return desk.User{}, desk.Invalid("userId", "%s is deactivated", u.Name)
			}
			return u, nil
		}
	}
	return desk.User{}, desk.NotFound("user")
}

// signIn starts u's session.
func (c *core) signIn(u desk.User) (SessionState, error) {
	c.sess.mu.Lock()
	delete(c.sess.wrong, u.ID)
	c.sess.user, c.sess.locked, c.sess.lastActive = &u, false, c.sess.clock.Now()
	c.sess.mu.Unlock()
	if err := c.store.SetLocalSetting(bg, store.SettingLastUser, u.ID); err != nil {
		c.log.Error("remember the last user", "err", err)
	}
	c.log.Info("signed in", "user", u.Name, "userId", u.ID)
	c.notify(nil, TopicSession)
	return c.sessionState()
}

// waitFor returns how long userID must still wait before the next try.
func (s *session) waitFor(userID string) time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	if w := s.wrong[userID]; w != nil {
		if d := w.until.Sub(s.clock.Now()); d > 0 {
			return d
		}
	}
	return 0
}

// wrongTry counts a wrong try of userID and returns how many there were in a
// row and how long the next must wait.
func (s *session) wrongTry(userID string) (int, time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.wrong[userID]
	if w == nil {
		w = &wrongTries{}
		s.wrong[userID] = w
	}
	w.n++
	wait := backoff(w.n)
	w.until = s.clock.Now().Add(wait)
	return w.n, wait
}

// backoff is the wait after n wrong tries in a row.
func backoff(n int) time.Duration {
	if n <= freeTries {
		return 0
	}
	d := firstWait
	for i := freeTries + 1; i < n && d < longestWait; i++ {
		d *= 2
	}
	return min(d, longestWait)
}

func roundWait(d time.Duration) string {
	if d < time.Minute {
		return strconv.Itoa(int((d+time.Second-1)/time.Second)) + " s"
	}
	return strconv.Itoa(int((d+time.Minute-1)/time.Minute)) + " min"
}

// loadLockMinutes reads the idle lock time an admin set on this desk.
func (c *core) loadLockMinutes() {
	if c.store == nil {
		return
	}
	v, err := c.store.LocalSetting(bg, store.SettingLockMinutes)
	if err != nil || v == "" {
		return
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		c.sess.mu.Lock()
		c.sess.lockAfter = time.Duration(n) * time.Minute
		c.sess.mu.Unlock()
	}
}

// SetLockMinutes sets the idle time after which this desk locks (admins
// only); 0 turns the idle lock off. Returns EINVALID outside 0 to 240.
func (s *UserService) SetLockMinutes(minutes int) (SessionState, error) {
	if _, err := s.c.allow(desk.ActManageUsers); err != nil {
		return SessionState{}, err
	}
	if minutes < 0 || minutes > 240 {
		return SessionState{}, desk.Invalid("lockMinutes", "Give 0 to 240 minutes (0 never locks)")
	}
	if err := s.c.store.SetLocalSetting(bg, store.SettingLockMinutes, strconv.Itoa(minutes)); err != nil {
		return SessionState{}, err
	}
	s.c.sess.mu.Lock()
	s.c.sess.lockAfter = time.Duration(minutes) * time.Minute
	s.c.sess.mu.Unlock()
	return s.c.sessionState()
}

// SetPIN sets another user's PIN or password (admins only): a new user's
// first one, or a forgotten one reset.
func (s *UserService) SetPIN(userID, kind, pin string) error {
	me, err := s.c.allow(desk.ActManageUsers)
	if err != nil {
		return err
	}
	if err := s.c.store.SetCredential(bg, me.ID, userID, kind, pin); err != nil {
		return err
	}
	s.c.changed(nil, TopicUsers)
	return nil
}

// runIdleLock locks an idle desk and tells the window, checking every few
// seconds until ctx ends.
func (c *core) runIdleLock(ctx context.Context) {
	t := time.NewTicker(2 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			c.sess.mu.Lock()
			locked := c.sess.idleLockLocked()
			c.sess.mu.Unlock()
			if locked {
				c.log.Info("locked after idle time")
				c.notify(nil, TopicSession)
			}
		}
	}
}

// need returns allow's error alone.
func (c *core) need(a desk.Action) error {
	_, err := c.allow(a)
	return err
}

// allow returns the signed-in user when their role may take action a.
// Returns EFORBIDDEN "Sign in first" while nobody is signed in or the desk is
// locked, and EFORBIDDEN naming the action when the role may not.
func (c *core) allow(a desk.Action) (desk.User, error) {
	u, justLocked := c.sess.current()
	if justLocked {
		c.notify(nil, TopicSession)
	}
	if u == nil || c.store == nil {
		return desk.User{}, desk.ErrSignedOut()
	}
	// The role and the active flag as they are now: an admin may have
	// changed them (here or on another desk) since the sign-in.
	now, err := c.store.User(bg, u.ID)
	if err != nil || !now.Active {
		c.sess.mu.Lock()
		c.sess.user, c.sess.locked = nil, false
		c.sess.mu.Unlock()
		c.notify(nil, TopicSession)
		return desk.User{}, desk.ErrSignedOut()
	}
	u = &now
	if !desk.Can(u.Role, a) {
		return desk.User{}, desk.Forbidden(u.Role, a)
	}
	return *u, nil
}
