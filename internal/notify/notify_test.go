package notify_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"deskline/internal/desk"
	"deskline/internal/notify"
	"deskline/internal/sla"
	"deskline/internal/store"
)

type shown struct{ title, body string }

type fakeNotifier struct {
	mu    sync.Mutex
	calls []shown
	err   error
}

func (f *fakeNotifier) Notify(title, body string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return f.err
	}
	f.calls = append(f.calls, shown{title, body})
	return nil
}

type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }

// world is a store with an admin (Asha), an agent (Bob) and a customer.
type world struct {
	s                 *store.Store
	asha, bob         string
	subject, customer string
}

func newWorld(t *testing.T) world {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "deskline.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	asha, err := s.InitWorkspace(ctx, "Acme", "Asha")
	if err != nil {
		t.Fatal(err)
	}
	bob, _ := s.SaveUser(ctx, asha.ID, desk.UserInput{Name: "Bob", Role: "support"})
	subjects, _ := s.ListCatalog(ctx, desk.CatalogSubject, false)
	c, err := s.SaveContact(ctx, asha.ID, desk.ContactInput{Kind: "customer", Name: "Carla", Mobile: "0771234567"})
	if err != nil {
		t.Fatal(err)
	}
	return world{s: s, asha: asha.ID, bob: bob.ID, subject: subjects[0].ID, customer: c.ID}
}

// assignToBob creates a ticket as Asha and assigns it to Bob.
func (w world) assignToBob(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	id, err := w.s.CreateTicket(ctx, w.asha, desk.NewTicket{SubjectIDs: []string{w.subject}, ContactID: w.customer, Mobile: "0771234567"})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.s.AddAssignees(ctx, w.asha, id, []string{w.bob}); err != nil {
		t.Fatal(err)
	}
}

var noon = fixedClock{time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)}

func TestDeliver(t *testing.T) {
	ctx := context.Background()
	t.Run("One", func(t *testing.T) {
		w := newWorld(t)
		fn := &fakeNotifier{}
		d := notify.New(w.s, fn, noon, time.UTC, nil)
		w.assignToBob(t)
		title, body, err := d.Deliver(ctx, w.bob)
		if err != nil {
			t.Fatal(err)
		}
		if title != "#1 Account Issue" || body != "Asha assigned it to you — Carla" {
			t.Fatalf("shown %q / %q", title, body)
		}
		if len(fn.calls) != 1 || fn.calls[0].title != title {
			t.Fatalf("notifier calls = %+v", fn.calls)
		}
		// Nothing new: nothing shown again.
		if title, _, _ := d.Deliver(ctx, w.bob); title != "" || len(fn.calls) != 1 {
			t.Fatalf("shown again: %q, %d calls", title, len(fn.calls))
		}
		// Asha has nothing.
		if title, _, _ := d.Deliver(ctx, w.asha); title != "" {
			t.Fatalf("asha shown %q", title)
		}
	})
	t.Run("SummaryWhenSeveral", func(t *testing.T) {
		w := newWorld(t)
		fn := &fakeNotifier{}
		d := notify.New(w.s, fn, noon, time.UTC, nil)
		for i := 0; i < 5; i++ {
			w.assignToBob(t)
		}
		title, body, err := d.Deliver(ctx, w.bob)
		if err != nil {
			t.Fatal(err)
		}
		if title != "5 tickets assigned to you" {
			t.Fatalf("title %q", title)
		}
		if body != "#1 Account Issue\n#2 Account Issue\n#3 Account Issue\nand 2 more" {
			t.Fatalf("body %q", body)
		}
		if len(fn.calls) != 1 {
			t.Fatalf("%d desktop notifications, want one summary", len(fn.calls))
		}
		l, _ := w.s.ListNotifications(ctx, w.bob, 50)
		if l.Unread != 5 {
			t.Fatalf("center holds %d unread, want all 5", l.Unread)
		}
	})
	t.Run("InAppOnlyKind", func(t *testing.T) {
		w := newWorld(t)
		p := desk.DefaultNotificationPrefs()
		p.DesktopKinds = []string{desk.NoteMention}
		if err := w.s.SaveNotificationPrefs(ctx, w.bob, p); err != nil {
			t.Fatal(err)
		}
		fn := &fakeNotifier{}
		w.assignToBob(t)
		if title, _, _ := notify.New(w.s, fn, noon, time.UTC, nil).Deliver(ctx, w.bob); title != "" || len(fn.calls) != 0 {
			t.Fatalf("an in-app-only kind reached the desktop: %q", title)
		}
	})
	t.Run("QuietHours", func(t *testing.T) {
		w := newWorld(t)
		p := desk.DefaultNotificationPrefs()
		p.DNDEnabled, p.DNDStart, p.DNDEnd = true, "22:00", "07:00"
		if err := w.s.SaveNotificationPrefs(ctx, w.bob, p); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			at   time.Time
			show bool
		}{
			{time.Date(2026, 11, 27, 23, 30, 0, 0, time.UTC), false},
			{time.Date(2026, 11, 28, 6, 59, 0, 0, time.UTC), false},
			{time.Date(2026, 11, 28, 7, 0, 0, 0, time.UTC), true},
			{time.Date(2026, 11, 28, 21, 59, 0, 0, time.UTC), true},
		} {
			fn := &fakeNotifier{}
			w.assignToBob(t)
			notify.New(w.s, fn, fixedClock{tc.at}, time.UTC, nil).Deliver(ctx, w.bob)
			if got := len(fn.calls) == 1; got != tc.show {
				t.Fatalf("at %s shown=%v, want %v", tc.at.Format("15:04"), got, tc.show)
			}
		}
	})
	t.Run("NoDesktopLogsOnce", func(t *testing.T) {
		w := newWorld(t)
		var logs bytes.Buffer
		fn := &fakeNotifier{err: errors.New("no notification service")}
		d := notify.New(w.s, fn, noon, time.UTC, slog.New(slog.NewTextHandler(&logs, nil)))
		for i := 0; i < 3; i++ {
			w.assignToBob(t)
			if _, _, err := d.Deliver(ctx, w.bob); err != nil {
				t.Fatalf("delivery failed instead of degrading: %v", err)
			}
		}
		if n := strings.Count(logs.String(), "desktop notifications are unavailable"); n != 1 {
			t.Fatalf("logged %d times, want once:\n%s", n, logs.String())
		}
		l, _ := w.s.ListNotifications(ctx, w.bob, 50)
		if l.Unread != 3 {
			t.Fatalf("center holds %d, want 3", l.Unread)
		}
	})
}

func TestSummarise(t *testing.T) {
	mixed := []desk.Notification{{Kind: desk.NoteAssigned, Title: "#1 A"}, {Kind: desk.NoteMention, Title: "#2 B"}}
	if title, body := notify.Summarise(mixed); title != "2 new notifications" || body != "#1 A\n#2 B" {
		t.Fatalf("mixed = %q / %q", title, body)
	}
}

// claimer answers the hub's question with a fixed answer and records what
// was asked.
type claimer struct {
	won   bool
	err   error
	asked []string
}

func (c *claimer) ClaimAlert(_ context.Context, ticketID, alertID string) (bool, error) {
	c.asked = append(c.asked, ticketID+" "+alertID)
	return c.won, c.err
}

// An SLA breach reaches the desktop only when the team hub gives it to this
// desk, or cannot be asked (offline: the desk raises its own); an assignment
// never waits on the hub. Either way the breach stays in the notification
// center.
func TestDeliverAsksTheTeamForSLAAlerts(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		c     *claimer
		shown bool
	}{
		{"AnotherDeskRaisedIt", &claimer{won: false}, false},
		{"FirstClaim", &claimer{won: true}, true},
		{"HubOutOfReach", &claimer{err: errors.New("the team hub is not connected")}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			cfg, err := w.s.SLAConfig(ctx)
			if err != nil {
				t.Fatal(err)
			}
			cfg.Default.Mode = sla.ModeCalendar
			cfg.Default.Targets[sla.PriorityMedium] = sla.Target{FirstResponse: 10, Resolution: 60}
			if _, err := w.s.SaveSLAConfig(ctx, w.asha, cfg); err != nil {
				t.Fatal(err)
			}
			fn := &fakeNotifier{}
			d := notify.New(w.s, fn, desk.SystemClock{}, time.UTC, nil)
			d.SetClaimer(tc.c)
			w.assignToBob(t)
			if _, body, err := d.Deliver(ctx, w.bob); err != nil || !strings.Contains(body, "assigned it to you") {
				t.Fatalf("the assignment: %q (%v)", body, err)
			}
			if len(tc.c.asked) != 0 {
				t.Fatalf("an assignment asked the hub: %q", tc.c.asked)
			}
			if n, _, err := w.s.RaiseSLAAlerts(ctx, time.Now().Add(15*time.Minute)); err != nil || n != 1 {
				t.Fatalf("raised %d (%v), want the breach", n, err)
			}
			_, body, err := d.Deliver(ctx, w.bob)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(body, "breached"); got != tc.shown {
				t.Fatalf("breach shown on the desktop: %v (%q), want %v", got, body, tc.shown)
			}
			if len(tc.c.asked) != 1 || !strings.Contains(tc.c.asked[0], "sla_breach") {
				t.Fatalf("asked the hub: %q, want the breach once", tc.c.asked)
			}
			l, err := w.s.ListNotifications(ctx, w.bob, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Items) == 0 || l.Items[0].Kind != desk.NoteSLABreach {
				t.Fatalf("notification center: %+v", l.Items)
			}
		})
	}
}
