package app

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"deskline/internal/desk"
	"deskline/internal/hub"
	"deskline/internal/store"
	"deskline/internal/teamsync"
)

// EventTeam carries a desk.TeamStatus whenever the sync's state changes.
const EventTeam = "deskline:team"

// TeamService joins this desk to a team hub, leaves it, and tells how its
// sync stands.
type TeamService struct {
	c *core
	a *App

	mu     sync.Mutex
	creds  *hub.CredentialStore
	syncer *teamsync.Syncer
	stop   context.CancelFunc
	done   chan struct{}
}

// SetCredentials gives the app the place where the hub login of this desk is
// kept (the OS keyring, else a file in the data folder).
func (a *App) SetCredentials(c *hub.CredentialStore) { a.Team.creds = c }

// Status returns the sync's state (also while nobody is signed in on a desk
// never set up, which the welcome screen joins to a hub).
func (s *TeamService) Status() (desk.TeamStatus, error) {
	if err := s.mayWatch(); err != nil {
		return desk.TeamStatus{}, err
	}
	st, err := s.c.store.TeamState(bg)
	if err != nil {
		return desk.TeamStatus{}, err
	}
	out := desk.TeamStatus{
		Joined: st.Joined, URL: st.URL, Pending: st.Pending, Rejected: st.Rejected, LastSync: st.LastSync,
		Problem: st.LastProblem, InstallID: st.InstallID,
	}
	if sy := s.running(); sy != nil {
		live := sy.Status()
		out.Online, out.Syncing, out.Pulled, out.Head = live.Online, live.Syncing, live.Pulled, live.Head
		if live.Problem != "" || live.Online {
			out.Problem = live.Problem
		}
	}
	out.CanManage = s.mayManage() == nil
	return out, nil
}

// Rejections lists the latest changes refused, by the hub or here, with why.
func (s *TeamService) Rejections() ([]desk.SyncRejection, error) {
	if err := s.c.need(desk.ActConfigureTeam); err != nil {
		return nil, err
	}
	return s.c.store.Rejections(bg, 100)
}

// mayManage returns EFORBIDDEN unless the signed-in user is an admin; on a
// desk never set up (nobody to sign in) anyone may join it to a team.
func (s *TeamService) mayManage() error {
	empty, err := s.c.store.DeskIsEmpty(bg)
	if err != nil || empty {
		return err
	}
	return s.c.need(desk.ActConfigureTeam)
}

// mayWatch returns EFORBIDDEN unless someone is signed in, or the desk was
// never set up.
func (s *TeamService) mayWatch() error {
	empty, err := s.c.store.DeskIsEmpty(bg)
	if err != nil || empty {
		return err
	}
	return s.c.need(desk.ActWork)
}

// Test checks that the hub at url answers: with a join code, that the code
// is good (nothing is joined); without one, that this desk's own login works.
// It returns what it found in plain words.
func (s *TeamService) Test(url, code string) (string, error) {
	if err := s.mayManage(); err != nil {
		return "", err
	}
	var cred hub.Credentials
	var err error
	if code != "" {
		if cred, err = hub.DecodeJoinCode(code); err != nil {
			return "", hubError(err)
		}
	} else if cred, err = s.creds.Load(); err != nil {
		return "", desk.Invalid("code", "Enter the join code the admin gave you")
	}
	c, err := hub.Connect(bg, url, cred)
	if err != nil {
		return "", hubError(err)
	}
	defer c.Close()
	info, err := c.Hello(bg, s.c.store.InstallID())
	switch {
	case code != "" && errors.Is(err, hub.ErrNotJoined):
		return "The hub answers and the join code is good.", nil
	case err != nil:
		return "", hubError(err)
	}
	return fmt.Sprintf("The hub answers; it holds %d changes.", info.HeadSeq), nil
}

// Join makes this (empty) desk a workstation of the team hub at url with a
// one-time join code, and starts syncing: the whole desk comes down, with its
// progress in EventTeam.
func (s *TeamService) Join(url, code string) (desk.TeamStatus, error) {
	if err := s.mayManage(); err != nil {
		return desk.TeamStatus{}, err
	}
	if url == "" {
		return desk.TeamStatus{}, desk.Invalid("url", "Enter the hub's address")
	}
	if code == "" {
		return desk.TeamStatus{}, desk.Invalid("code", "Enter the join code the admin gave you")
	}
	cred, err := teamsync.Join(bg, s.c.store, url, code)
	if err != nil {
		return desk.TeamStatus{}, hubError(err)
	}
	if _, err := s.creds.Save(cred); err != nil {
		return desk.TeamStatus{}, err
	}
	s.start()
	s.c.changed(nil, TopicSession)
	return s.Status()
}

// Leave stops syncing: this desk keeps everything it has and works alone.
func (s *TeamService) Leave() (desk.TeamStatus, error) {
	if err := s.mayManage(); err != nil {
		return desk.TeamStatus{}, err
	}
	s.halt()
	if err := s.c.store.LeaveTeam(bg); err != nil {
		return desk.TeamStatus{}, err
	}
	if err := s.creds.Delete(); err != nil {
		s.c.log.Warn("hub login not removed", "err", err)
	}
	s.emitStatus()
	return s.Status()
}

// SyncNow asks for a sync round now.
func (s *TeamService) SyncNow() error {
	if err := s.c.need(desk.ActWork); err != nil {
		return err
	}
	if sy := s.running(); sy != nil {
		sy.Kick()
	}
	return nil
}

// teamClaimer asks the team hub, through the running sync, whether this desk
// raises an SLA alert; a desk not in a team raises all of its own.
type teamClaimer struct{ s *TeamService }

func (t teamClaimer) ClaimAlert(ctx context.Context, ticketID, alertID string) (bool, error) {
	sy := t.s.running()
	if sy == nil {
		return true, nil
	}
	return sy.ClaimAlert(ctx, ticketID, alertID)
}

func (s *TeamService) running() *teamsync.Syncer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.syncer
}

// start runs the sync if this desk is in a team and its login is here.
func (s *TeamService) start() {
	if s.c.store == nil || s.creds == nil {
		return
	}
	st, err := s.c.store.TeamState(bg)
	if err != nil || !st.Joined {
		return
	}
	cred, err := s.creds.Load()
	if err != nil {
		s.c.log.Warn("this desk is in a team but its hub login is missing", "err", err)
		return
	}
	s.halt()
	var blobs teamsync.Blobs
	if s.a.Attachments.blobs != nil {
		blobs = s.a.Attachments.blobs
	}
	sy := teamsync.New(teamsync.Options{
		Store: s.c.store, URL: st.URL, Credentials: cred, Blobs: blobs, Log: s.c.log,
		Merged:  s.merged,
		Changed: func(teamsync.Status) { s.emitStatus() },
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	s.mu.Lock()
	s.syncer, s.stop, s.done = sy, cancel, done
	s.mu.Unlock()
	go func() {
		defer close(done)
		sy.Run(ctx)
	}()
}

// halt stops the sync and waits for it.
func (s *TeamService) halt() {
	s.mu.Lock()
	stop, done := s.stop, s.done
	s.syncer, s.stop, s.done = nil, nil, nil
	s.mu.Unlock()
	if stop != nil {
		stop()
		<-done
	}
}

func (s *TeamService) emitStatus() {
	st, err := s.Status()
	if err != nil {
		s.c.log.Error("team status", "err", err)
		return
	}
	s.c.emitter.Emit(EventTeam, st)
}

// merged tells the window what pulled operations changed, and offers the
// signed-in user their new notifications (an assignment made on another
// workstation reaches this desktop).
func (s *TeamService) merged(ops []desk.Op) {
	topics := map[string]bool{}
	var tickets []string
	seen := map[string]bool{}
	for _, op := range ops {
		ts := topicsOf(op.Kind)
		for _, t := range ts {
			topics[t] = true
		}
		if ts[0] == TopicTickets && !seen[op.EntityID] {
			seen[op.EntityID] = true
			tickets = append(tickets, op.EntityID)
		}
	}
	var list []string
	for _, t := range []string{TopicTickets, TopicContacts, TopicCatalog, TopicUsers, TopicSession} {
		if topics[t] {
			list = append(list, t)
		}
	}
	s.c.notify(tickets, list...)
	s.emitStatus()
}

// topicsOf names what an operation kind changes, for EventChanged.
func topicsOf(kind string) []string {
	switch kind {
	case store.OpContactSave, store.OpContactMerge:
		return []string{TopicContacts, TopicTickets}
	case store.OpUserSave:
		return []string{TopicUsers, TopicTickets}
	case store.OpCatalogSave, store.OpSLASave, store.OpRuleSave:
		return []string{TopicCatalog}
	case store.OpWorkspaceInit:
		return []string{TopicSession, TopicCatalog}
	default:
		return []string{TopicTickets}
	}
}

// hubError keeps a hub error's plain message for the window.
func hubError(err error) error {
	var he *hub.Error
	if errors.As(err, &he) {
		return desk.Errorf(desk.EUNAVAILABLE, "%s", he.Error())
	}
	return err
}
