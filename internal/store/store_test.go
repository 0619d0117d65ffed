package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"deskline/internal/desk"
	"deskline/internal/store"
)

func newClock() *desk.ManualClock {
	return desk.NewManualClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
}

// MustOpen opens a store on a new file in a temporary folder.
func MustOpen(tb testing.TB) *store.Store {
	tb.Helper()
	return MustOpenAt(tb, filepath.Join(tb.TempDir(), "deskline.db"))
}

// MustOpenAt opens a store on path and closes it when the test ends.
func MustOpenAt(tb testing.TB, path string) *store.Store {
	tb.Helper()
	s, err := store.Open(context.Background(), path, store.WithClock(newClock()))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// desk is a workspace ready for tickets: an admin, the default subjects and
// sources, and one customer.
type fixture struct {
	s        *store.Store
	admin    desk.User
	subjects map[string]string // name → id
	sources  map[string]string
	customer desk.Contact
}

func mustWorkspace(tb testing.TB, s *store.Store) fixture {
	tb.Helper()
	ctx := context.Background()
	admin, err := s.InitWorkspace(ctx, "Acme Bank", "Asha Admin")
	if err != nil {
		tb.Fatal(err)
	}
	f := fixture{s: s, admin: admin, subjects: map[string]string{}, sources: map[string]string{}}
	subjects, err := s.ListCatalog(ctx, desk.CatalogSubject, false)
	if err != nil {
		tb.Fatal(err)
	}
	for _, c := range subjects {
		f.subjects[c.Name] = c.ID
	}
	sources, err := s.ListCatalog(ctx, desk.CatalogSource, false)
	if err != nil {
		tb.Fatal(err)
	}
	for _, c := range sources {
		f.sources[c.Name] = c.ID
	}
	f.customer, err = s.SaveContact(ctx, admin.ID, desk.ContactInput{Kind: "customer", Name: "Carla Customer", Mobile: "+44 7700 900123"})
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

func (f fixture) mustTicket(tb testing.TB, subjects ...string) string {
	tb.Helper()
	in := desk.NewTicket{ContactID: f.customer.ID, Mobile: f.customer.Mobile, SourceID: f.sources["Walk-in"], Description: "Card blocked"}
	for _, n := range subjects {
		in.SubjectIDs = append(in.SubjectIDs, f.subjects[n])
	}
	id, err := f.s.CreateTicket(context.Background(), f.admin.ID, in)
	if err != nil {
		tb.Fatal(err)
	}
	return id
}

func wantCode(tb testing.TB, err error, code, field string) {
	tb.Helper()
	if got := desk.ErrorCode(err); got != code {
		tb.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
	if got := desk.ErrorField(err); got != field {
		tb.Fatalf("error field = %q (%v), want %q", got, err, field)
	}
}

func TestInitWorkspace(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		s := MustOpen(t)
		st, err := s.State(ctx)
		if err != nil || st.Initialized {
			t.Fatalf("new store: initialized=%v err=%v", st.Initialized, err)
		}
		f := mustWorkspace(t, s)
		st, err = s.State(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !st.Initialized || st.OrgName != "Acme Bank" || st.CurrentUser != nil {
			t.Fatalf("state = %+v (the store never says who is signed in)", st)
		}
		if last, err := s.LocalSetting(ctx, store.SettingLastUser); err != nil || last != f.admin.ID {
			t.Fatalf("last user = %q, %v; want the first admin", last, err)
		}
		for _, n := range desk.DefaultSubjects {
			if f.subjects[n] == "" {
				t.Errorf("subject %q not seeded", n)
			}
		}
		for _, n := range desk.DefaultSources {
			if f.sources[n] == "" {
				t.Errorf("source %q not seeded", n)
			}
		}
	})
	t.Run("ErrTwice", func(t *testing.T) {
		s := MustOpen(t)
		mustWorkspace(t, s)
		_, err := s.InitWorkspace(ctx, "Other", "Bob")
		wantCode(t, err, desk.ECONFLICT, "")
	})
	t.Run("ErrMissingName", func(t *testing.T) {
		s := MustOpen(t)
		_, err := s.InitWorkspace(ctx, "  ", "Bob")
		wantCode(t, err, desk.EINVALID, "orgName")
	})
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "deskline.db")
	s, err := store.Open(ctx, path, store.WithClock(newClock()))
	if err != nil {
		t.Fatal(err)
	}
	f := mustWorkspace(t, s)
	id := f.mustTicket(t, "Complaint")
	install := s.InstallID()
	s.Close()

	s2 := MustOpenAt(t, path)
	if s2.InstallID() != install {
		t.Fatalf("installation id changed: %s → %s", install, s2.InstallID())
	}
	d, err := s2.GetTicket(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if d.Ticket.Number != 1 || d.Ticket.Subjects[0].Name != "Complaint" {
		t.Fatalf("ticket after reopen = %+v", d.Ticket)
	}
}
