package app

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"deskline/internal/desk"
	"deskline/internal/store"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestSignIn(t *testing.T) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "deskline.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	logs := &syncBuffer{}
	a := New(st, &fakeEmitter{}, slog.New(slog.NewTextHandler(logs, nil)))
	clock := desk.NewManualClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	a.core.sess.clock = clock

	if _, err := a.Setup.Initialize("Acme", "Asha Admin", "12"); desk.ErrorField(err) != "pin" {
		t.Fatalf("a 2-digit first PIN: %v, want invalid pin", err)
	}
	state, err := a.Setup.Initialize("Acme", "Asha Admin", "4821")
	if err != nil || state.CurrentUser == nil {
		t.Fatalf("initialize: %+v, %v", state, err)
	}
	admin := *state.CurrentUser
	bob, err := a.Users.Save(desk.UserInput{Name: "Bob Support", Role: "support"})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Users.SetPIN(bob.ID, "pin", "7777"); err != nil {
		t.Fatal(err)
	}

	t.Run("SignOut", func(t *testing.T) {
		if err := a.Session.SignOut(); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Tickets.List(desk.TicketFilter{}); desk.ErrorMessage(err) != "Sign in first" {
			t.Fatalf("list signed out: %v", err)
		}
		if st, _ := a.Setup.State(); st.CurrentUser != nil {
			t.Fatalf("signed out, state names %+v", st.CurrentUser)
		}
		ss, err := a.Session.State()
		if err != nil || ss.SignedIn || len(ss.Users) != 2 || ss.LastUserID != admin.ID {
			t.Fatalf("session state: %+v, %v", ss, err)
		}
	})
	t.Run("WrongPINBacksOff", func(t *testing.T) {
		for i := 1; i <= 2; i++ {
			if _, err := a.Session.SignIn(bob.ID, "0000"); desk.ErrorField(err) != "pin" {
				t.Fatalf("wrong try %d: %v", i, err)
			}
		}
		// The third wrong try makes the next wait 5 s.
		_, err := a.Session.SignIn(bob.ID, "0000")
		if desk.ErrorField(err) != "pin" || !strings.Contains(desk.ErrorMessage(err), "5 s") {
			t.Fatalf("third wrong try: %v", err)
		}
		// Even the right PIN waits.
		if _, err := a.Session.SignIn(bob.ID, "7777"); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Fatalf("right PIN while waiting: %v", err)
		}
		clock.Set(clock.Now().Add(5 * time.Second))
		if _, err := a.Session.SignIn(bob.ID, "0000"); !strings.Contains(desk.ErrorMessage(err), "10 s") {
			t.Fatalf("fourth wrong try: %v, want a 10 s wait", err)
		}
		clock.Set(clock.Now().Add(10 * time.Second))
		ss, err := a.Session.SignIn(bob.ID, "7777")
		if err != nil || !ss.SignedIn || ss.User.ID != bob.ID {
			t.Fatalf("sign in: %+v, %v", ss, err)
		}
		log := logs.String()
		if n := strings.Count(log, "wrong PIN"); n != 4 {
			t.Errorf("%d wrong tries logged, want 4:\n%s", n, log)
		}
		if strings.Contains(log, "0000") || strings.Contains(log, "7777") {
			t.Errorf("the log holds a PIN:\n%s", log)
		}
		if backoff(40) != 15*time.Minute {
			t.Errorf("backoff(40) = %v, want the 15 min cap", backoff(40))
		}
	})
	t.Run("Lock", func(t *testing.T) {
		if err := a.Session.Lock(); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Tickets.List(desk.TicketFilter{}); desk.ErrorMessage(err) != "Sign in first" {
			t.Fatalf("list while locked: %v", err)
		}
		ss, _ := a.Session.State()
		if !ss.Locked || ss.SignedIn || ss.User.ID != bob.ID {
			t.Fatalf("locked state: %+v", ss)
		}
		if _, err := a.Session.SignIn(bob.ID, "7777"); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Tickets.List(desk.TicketFilter{}); err != nil {
			t.Fatalf("list after unlock: %v", err)
		}
	})
	t.Run("IdleLock", func(t *testing.T) {
		clock.Set(clock.Now().Add(9 * time.Minute))
		if locked, _ := a.Session.Touch(); locked {
			t.Fatal("locked after 9 minutes")
		}
		clock.Set(clock.Now().Add(9 * time.Minute)) // 9 min since the touch
		if _, err := a.Tickets.List(desk.TicketFilter{}); err != nil {
			t.Fatalf("list 9 min after a touch: %v", err)
		}
		clock.Set(clock.Now().Add(time.Minute))
		if locked, _ := a.Session.Touch(); !locked {
			t.Fatal("not locked after 10 idle minutes")
		}
		if _, err := a.Tickets.List(desk.TicketFilter{}); desk.ErrorMessage(err) != "Sign in first" {
			t.Fatalf("list after the idle lock: %v", err)
		}
	})
	t.Run("LockMinutesAdminOnly", func(t *testing.T) {
		if _, err := a.Session.SignIn(bob.ID, "7777"); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Users.SetLockMinutes(3); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Fatalf("a support user set the lock time: %v", err)
		}
		if err := a.Users.SetPIN(admin.ID, "pin", "1111"); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Fatalf("a support user reset the admin's PIN: %v", err)
		}
		if _, err := a.Session.SignIn(admin.ID, "4821"); err != nil {
			t.Fatal(err)
		}
		ss, err := a.Users.SetLockMinutes(3)
		if err != nil || ss.LockMinutes != 3 {
			t.Fatalf("set lock minutes: %+v, %v", ss, err)
		}
		clock.Set(clock.Now().Add(3 * time.Minute))
		if locked, _ := a.Session.Touch(); !locked {
			t.Fatal("not locked after the 3 minutes the admin set")
		}
	})
	t.Run("ChangePIN", func(t *testing.T) {
		if _, err := a.Session.SignIn(bob.ID, "7777"); err != nil {
			t.Fatal(err)
		}
		if err := a.Session.ChangePIN("1234", "pin", "5555"); desk.ErrorField(err) != "current" {
			t.Fatalf("change with a wrong current PIN: %v", err)
		}
		if err := a.Session.ChangePIN("7777", "pin", "5555"); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Session.SignIn(bob.ID, "5555"); err != nil {
			t.Fatalf("sign in with the new PIN: %v", err)
		}
	})
	t.Run("FirstPIN", func(t *testing.T) {
		if _, err := a.Session.SignIn(admin.ID, "4821"); err != nil {
			t.Fatal(err)
		}
		cara, err := a.Users.Save(desk.UserInput{Name: "Cara Sales", Role: "sales"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Session.SignIn(cara.ID, ""); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Fatalf("sign in with no PIN set: %v", err)
		}
		if _, err := a.Session.SetFirstPIN(cara.ID, "pin", "2468"); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Session.SetFirstPIN(cara.ID, "pin", "1357"); desk.ErrorCode(err) != desk.ECONFLICT {
			t.Fatalf("a second first PIN: %v, want conflict", err)
		}
	})
	t.Run("Deactivated", func(t *testing.T) {
		if _, err := a.Session.SignIn(bob.ID, "5555"); err != nil {
			t.Fatal(err)
		}
		// The admin deactivates Bob on another desk; the change arrives here.
		if _, err := a.core.store.SaveUser(context.Background(), admin.ID, desk.UserInput{ID: bob.ID, Name: bob.Name, Role: "support", Active: false}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Tickets.List(desk.TicketFilter{}); desk.ErrorMessage(err) != "Sign in first" {
			t.Fatalf("a deactivated user's call: %v", err)
		}
		if _, err := a.Session.SignIn(bob.ID, "5555"); desk.ErrorCode(err) != desk.EINVALID {
			t.Fatalf("a deactivated user signs in: %v", err)
		}
	})
}

// A sales user sees only the tickets they created or are assigned to: in
// the queue, the ticket screen, search and the counts; a support user may
// reassign, a sales user may not; only managers close others' tickets.
func TestSalesScope(t *testing.T) {
	a, _ := mustApp(t)
	if _, err := a.Setup.Initialize("Acme", "Asha Admin", testPIN); err != nil {
		t.Fatal(err)
	}
	admin, _ := a.Setup.State()
	sam, _ := a.Users.Save(desk.UserInput{Name: "Sam Sales", Role: "sales"})
	bob, _ := a.Users.Save(desk.UserInput{Name: "Bob Support", Role: "support"})
	subjects, _ := a.Catalog.ListSubjects(false)
	c, err := a.Contacts.Save(desk.ContactInput{Kind: "customer", Name: "Carla Mendes", Mobile: "0771 234 567"})
	if err != nil {
		t.Fatal(err)
	}
	newTicket := func(desc string) desk.TicketDetail {
		t.Helper()
		d, err := a.Tickets.Create(desk.NewTicket{SubjectIDs: []string{subjects[0].ID}, ContactID: c.ID, Mobile: c.Mobile, Description: desc})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	others := newTicket("Router keeps rebooting")
	signInAs(t, a, sam.ID)
	own := newTicket("Router blinking red")

	page, err := a.Tickets.List(desk.TicketFilter{View: desk.ViewAll})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 1 || len(page.Rows) != 1 || page.Rows[0].ID != own.Ticket.ID || page.Counts.All != 1 {
		t.Fatalf("sales queue, all: total %d, rows %d, counts %+v", page.Total, len(page.Rows), page.Counts)
	}
	if _, err := a.Tickets.Get(others.Ticket.ID); desk.ErrorCode(err) != desk.ENOTFOUND {
		t.Fatalf("sales opens another's ticket: %v", err)
	}
	if _, err := a.Tickets.AddNote(others.Ticket.ID, "hello", ""); desk.ErrorCode(err) != desk.ENOTFOUND {
		t.Fatalf("sales notes another's ticket: %v", err)
	}
	hits, err := a.Search.Search("router", 20)
	if err != nil || len(hits) != 1 || hits[0].Ticket.ID != own.Ticket.ID {
		t.Fatalf("sales search: %d hits, %v", len(hits), err)
	}
	if _, err := a.Tickets.AddAssignees(own.Ticket.ID, []string{bob.ID}); desk.ErrorCode(err) != desk.EFORBIDDEN {
		t.Fatalf("sales reassigns: %v", err)
	}
	if _, err := a.Dashboard.Team(); desk.ErrorCode(err) != desk.EFORBIDDEN {
		t.Fatalf("sales sees the dashboard: %v", err)
	}

	signInAs(t, a, bob.ID)
	if _, err := a.Tickets.Get(others.Ticket.ID); err != nil {
		t.Fatalf("support opens any ticket: %v", err)
	}
	if _, err := a.Tickets.AddAssignees(others.Ticket.ID, []string{bob.ID, sam.ID}); err != nil {
		t.Fatalf("support reassigns: %v", err)
	}
	if _, err := a.Tickets.ChangeStatus(own.Ticket.ID, desk.StatusChange{Status: "resolved", Resolution: "Replaced"}); desk.ErrorCode(err) != desk.EFORBIDDEN {
		t.Fatalf("support resolves a ticket that is not theirs: %v", err)
	}
	if _, err := a.Tickets.ChangeStatus(others.Ticket.ID, desk.StatusChange{Status: "resolved", Resolution: "Replaced"}); err != nil {
		t.Fatalf("support resolves a ticket assigned to them: %v", err)
	}
	signInAs(t, a, admin.CurrentUser.ID)
	if _, err := a.Tickets.ChangeStatus(own.Ticket.ID, desk.StatusChange{Status: "resolved", Resolution: "Replaced"}); err != nil {
		t.Fatalf("admin resolves anyone's ticket: %v", err)
	}
}
