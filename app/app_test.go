package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"deskline/internal/desk"
	"deskline/internal/store"
)

type fakeEmitter struct {
	mu     sync.Mutex
	events []Change
}

func (f *fakeEmitter) Emit(name string, data any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if name == EventChanged {
		f.events = append(f.events, data.(Change))
	}
}

// last returns the last change other than a notification-center refresh.
func (f *fakeEmitter) last() Change {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := len(f.events) - 1; i >= 0; i-- {
		if f.events[i].Topics[0] != TopicNotices {
			return f.events[i]
		}
	}
	return Change{}
}

func mustApp(t testing.TB) (*App, *fakeEmitter) {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "deskline.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	em := &fakeEmitter{}
	return New(st, em, slog.New(slog.NewTextHandler(new(bytes.Buffer), nil))), em
}

func TestTicketFlowEmitsChanges(t *testing.T) {
	a, em := mustApp(t)
	if _, err := a.Tickets.Create(desk.NewTicket{}); desk.ErrorCode(err) != desk.EFORBIDDEN {
		t.Fatalf("create before setup: %v, want forbidden", err)
	}
	state, err := a.Setup.Initialize("Acme", "Asha", testPIN)
	if err != nil {
		t.Fatal(err)
	}
	if !state.Initialized || state.CurrentUser == nil {
		t.Fatalf("state = %+v", state)
	}
	if got := em.last().Topics; strings.Join(got, ",") != "session,users,catalog" {
		t.Fatalf("setup topics = %v", got)
	}
	subjects, _ := a.Catalog.ListSubjects(false)
	sources, _ := a.Catalog.ListSources(false)
	if len(subjects) != 5 || len(sources) != 5 {
		t.Fatalf("seeded %d subjects, %d sources", len(subjects), len(sources))
	}
	c, err := a.Contacts.Save(desk.ContactInput{Kind: "customer", Name: "Carla", Mobile: "0771 234 567"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := a.Tickets.Create(desk.NewTicket{SubjectIDs: []string{subjects[0].ID}, ContactID: c.ID, Mobile: c.Mobile})
	if err != nil {
		t.Fatal(err)
	}
	if ev := em.last(); ev.TicketIDs[0] != d.Ticket.ID || ev.Topics[0] != TopicTickets {
		t.Fatalf("create event = %+v", ev)
	}
	d, err = a.Tickets.ChangeStatus(d.Ticket.ID, desk.StatusChange{Status: "in_progress", Note: "Looking"})
	if err != nil || d.Ticket.Status != desk.StatusInProgress {
		t.Fatalf("set status: %v %+v", err, d.Ticket)
	}
	n := len(em.events)
	if _, err := a.Tickets.AddNote(d.Ticket.ID, "", ""); desk.ErrorField(err) != "note" {
		t.Fatalf("empty note: %v", err)
	}
	if len(em.events) != n {
		t.Fatal("a refused change emitted an event")
	}
	page, err := a.Tickets.List(desk.TicketFilter{View: "mine"})
	if err != nil || page.Total != 1 {
		t.Fatalf("mine: %v %+v", err, page)
	}
}

func TestFormatError(t *testing.T) {
	var logged bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logged, nil))
	t.Run("Desk", func(t *testing.T) {
		got := formatError(log, fmt.Errorf("wrapped: %w", desk.Invalid("mobile", "Mobile number is required")))
		if got.Code != desk.EINVALID || got.Field != "mobile" || got.Message != "Mobile number is required" {
			t.Fatalf("got %+v", got)
		}
	})
	t.Run("Internal", func(t *testing.T) {
		got := formatError(log, errors.New("disk I/O error at page 7"))
		if got.Code != desk.EINTERNAL || got.Message != "internal error" {
			t.Fatalf("got %+v", got)
		}
		if !strings.Contains(logged.String(), "disk I/O error at page 7") {
			t.Fatalf("internal error not logged: %q", logged.String())
		}
	})
}

// testPIN is the PIN every user of the tests signs in with.
const testPIN = "1234"

// signInAs signs user id in as the sign-in screen does: with their PIN, or
// by setting testPIN first when they have none yet.
func signInAs(tb testing.TB, a *App, id string) (SessionState, error) {
	tb.Helper()
	if err := a.Session.SignOut(); err != nil {
		return SessionState{}, err
	}
	kind, err := a.core.store.CredentialKind(context.Background(), id)
	if err != nil {
		return SessionState{}, err
	}
	if kind == "" {
		return a.Session.SetFirstPIN(id, store.CredentialPIN, testPIN)
	}
	return a.Session.SignIn(id, testPIN)
}

// signInLast signs in the user last signed in on a's desk (the first admin
// of a desk the seed made) and returns their id.
func signInLast(tb testing.TB, a *App) string {
	tb.Helper()
	last, err := a.core.store.LocalSetting(context.Background(), store.SettingLastUser)
	if err != nil || last == "" {
		tb.Fatalf("last user %q: %v", last, err)
	}
	if _, err := signInAs(tb, a, last); err != nil {
		tb.Fatal(err)
	}
	return last
}
