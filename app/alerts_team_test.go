package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"deskline/internal/desk"
	"deskline/internal/desktop"
	"deskline/internal/notify"
	"deskline/internal/sla"
)

// TestSLAAlertsOncePerTeam: Bob is signed in on both desks of a team; a
// ticket assigned to him breaches its first-response target. Both desks work
// the breach out and both keep it in Bob's notification center, but only the
// desk that claims it first on the team hub (a real PostgreSQL) raises it on
// the desktop: one native notification, not one per workstation.
func TestSLAAlertsOncePerTeam(t *testing.T) {
	tm := newTeamOfTwo(t)
	icon, err := os.ReadFile(filepath.Join("..", "build", "appicon.png"))
	if err != nil {
		t.Fatal(err)
	}
	n, err := desktop.New("Deskline", icon, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	tm.office.SetDeliverer(notify.New(tm.office.core.store, n, desk.SystemClock{}, nil, tm.office.core.log))
	t.Cleanup(tm.office.core.wg.Wait)

	cfg, err := tm.office.SLA.Config()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Default.Mode = sla.ModeCalendar
	cfg.Default.Targets[sla.PriorityMedium] = sla.Target{FirstResponse: 10, Resolution: 60}
	if _, err := tm.office.SLA.Save(cfg); err != nil {
		t.Fatal(err)
	}
	d, err := tm.office.Tickets.Create(desk.NewTicket{SubjectIDs: []string{tm.subject}, ContactID: tm.customer.ID, Mobile: tm.customer.Mobile})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tm.office.Tickets.AddAssignees(d.Ticket.ID, []string{tm.bob.ID}); err != nil {
		t.Fatal(err)
	}
	// The counter has the ticket, with its SLA, once the pull brought it.
	deadline := time.Now().Add(15 * time.Second)
	for {
		got, err := tm.counter.Tickets.Get(d.Ticket.ID)
		if err == nil && got.Ticket.Number > 0 && slices.ContainsFunc(got.Ticket.Assignees, func(u desk.UserRef) bool { return u.ID == tm.bob.ID }) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the counter never received the ticket: %+v %v", got.Ticket, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if _, err := signInAs(t, tm.office, tm.bob.ID); err != nil {
		t.Fatal(err)
	}
	// Let the assignment's own notifications settle before the breach.
	for _, a := range []*App{tm.office, tm.counter} {
		if _, _, err := a.core.deliverer.Deliver(bg, tm.bob.ID); err != nil {
			t.Fatal(err)
		}
	}
	before := len(tm.bus.Calls())

	later := time.Now().Add(15 * time.Minute)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, a := range []*App{tm.office, tm.counter} {
		raised, _, err := a.core.store.RaiseSLAAlerts(bg, later)
		if err != nil || raised != 1 {
			t.Fatalf("desk %d raised %d SLA alerts (%v), want the one breach", i, raised, err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, errs[i] = a.core.deliverer.Deliver(bg, tm.bob.ID)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	var breaches []string
	for _, c := range tm.bus.Calls()[before:] {
		if strings.Contains(c.Body, "breached") {
			breaches = append(breaches, c.Summary+": "+c.Body)
		}
	}
	if len(breaches) != 1 {
		t.Fatalf("desktop notifications of the breach across the team: %q, want exactly one", breaches)
	}
	for name, a := range map[string]*App{"office": tm.office, "counter": tm.counter} {
		l, err := a.Notices.List(20)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, it := range l.Items {
			found = found || (it.Kind == desk.NoteSLABreach && it.TicketID == d.Ticket.ID)
		}
		if !found {
			t.Errorf("%s: Bob's notification center lacks the breach: %+v", name, l.Items)
		}
	}

	// A second round on either desk raises nothing again.
	for _, a := range []*App{tm.office, tm.counter} {
		if _, body, err := a.core.deliverer.Deliver(bg, tm.bob.ID); err != nil || body != "" {
			t.Fatalf("a later delivery showed %q (%v)", body, err)
		}
	}
}
