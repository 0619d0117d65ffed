package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"deskline/internal/desk"
	"deskline/internal/sla"
	"deskline/internal/store"
)

// shortPolicy is a calendar-time policy with minute targets for Urgent
// tickets: first response 10 min, resolution 30 min (warning at 80%).
func shortPolicy() sla.Policy {
	p := sla.DefaultPolicy()
	p.ID, p.Name, p.Mode, p.CalendarID = "short", "Urgent walk-ins", sla.ModeCalendar, ""
	p.Match = sla.Criteria{Priorities: []sla.Priority{sla.PriorityUrgent}}
	p.Targets[sla.PriorityUrgent] = sla.Target{FirstResponse: 10, Resolution: 30}
	return p
}

func TestSLA(t *testing.T) {
	ctx := context.Background()
	start := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC) // a Monday
	clk := desk.NewManualClock(start)
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "deskline.db"), store.WithClock(clk))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	f := mustWorkspace(t, s)
	bob, _ := s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Bob", Role: "support"})
	maya, _ := s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Maya", Role: "manager"})

	cfg, err := s.SLAConfig(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Default.Targets[sla.PriorityUrgent].FirstResponse != 30 || len(cfg.Calendars) != 1 {
		t.Fatalf("default setup = %+v", cfg)
	}
	before := f.mustTicket(t, "Complaint") // opened under the default policy

	cfg.Policies = []sla.Policy{shortPolicy()}
	if _, err := s.SaveSLAConfig(ctx, f.admin.ID, cfg); err != nil {
		t.Fatal(err)
	}
	clk.Set(start)
	id, err := s.CreateTicket(ctx, bob.ID, desk.NewTicket{SubjectIDs: []string{f.subjects["Complaint"]}, ContactID: f.customer.ID, Mobile: "0771234567", Priority: "urgent"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddAssignees(ctx, bob.ID, id, []string{f.admin.ID}); err != nil {
		t.Fatal(err)
	}
	badge := func(at time.Time) *desk.SLABadge {
		t.Helper()
		clk.Set(at)
		d, err := s.GetTicket(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return d.Ticket.SLA
	}

	t.Run("PolicyAppliesToNewTicketsOnly", func(t *testing.T) {
		d, _ := s.GetTicket(ctx, before)
		d2, _ := s.GetTicket(ctx, id)
		if d.SLA.PolicyName != "Default" || d2.SLA.PolicyName != "Urgent walk-ins" || d2.SLA.Mode != "calendar" {
			t.Fatalf("policies: before %q, after %q", d.SLA.PolicyName, d2.SLA.PolicyName)
		}
	})
	t.Run("Running", func(t *testing.T) {
		// 4 minutes in: first response due at 10:10, 6 minutes left.
		b := badge(start.Add(4 * time.Minute))
		if b.Clock != "first_response" || b.State != "running" || b.LeftSeconds != 6*60 || b.Due != "2026-03-02T10:10:00Z" {
			t.Fatalf("badge = %+v", b)
		}
	})
	t.Run("Warning", func(t *testing.T) {
		// 80% of 10 min = 8 min.
		if b := badge(start.Add(8*time.Minute + time.Second)); b.State != "warning" {
			t.Fatalf("badge = %+v", b)
		}
	})
	t.Run("FiltersAndSort", func(t *testing.T) {
		clk.Set(start.Add(9 * time.Minute))
		soon, _ := s.ListTickets(ctx, bob.ID, desk.TicketFilter{SLA: desk.SLABreachingSoon})
		late, _ := s.ListTickets(ctx, bob.ID, desk.TicketFilter{SLA: desk.SLABreached})
		if soon.Total != 1 || soon.Rows[0].ID != id || late.Total != 0 {
			t.Fatalf("at 10:09 breaching soon %d, breached %d", soon.Total, late.Total)
		}
		clk.Set(start.Add(11 * time.Minute))
		late, _ = s.ListTickets(ctx, bob.ID, desk.TicketFilter{SLA: desk.SLABreached})
		if late.Total != 1 || late.Rows[0].SLA.State != "breached" || late.Rows[0].SLA.OverdueSeconds != 60 {
			t.Fatalf("at 10:11 breached = %+v", late)
		}
		byDue, _ := s.ListTickets(ctx, bob.ID, desk.TicketFilter{Sort: desk.SortNextDue})
		if byDue.Rows[0].ID != id {
			t.Fatalf("next due first = #%d", byDue.Rows[0].Number)
		}
	})
	t.Run("AlertsOnce", func(t *testing.T) {
		// 10:09: the first-response warning (due 10:08) is raised.
		n, next, err := s.RaiseSLAAlerts(ctx, start.Add(9*time.Minute))
		if err != nil || n != 1 || next.Sub(start.Add(10*time.Minute)).Abs() > 10*time.Millisecond {
			t.Fatalf("at 10:09 raised %d, next %s, %v", n, next, err)
		}
		// 10:11: its breach (due 10:10), once, to the assignees and the manager.
		n, next, err = s.RaiseSLAAlerts(ctx, start.Add(11*time.Minute))
		if err != nil || n != 1 {
			t.Fatalf("at 10:11 raised %d, %v", n, err)
		}
		// The resolution warning is next: 80% of 30 min after 10:00 = 10:24.
		if want := start.Add(24 * time.Minute); next.Sub(want).Abs() > 10*time.Millisecond {
			t.Fatalf("next alert %s, want %s", next, want)
		}
		if n, _, _ := s.RaiseSLAAlerts(ctx, start.Add(12*time.Minute)); n != 0 {
			t.Fatalf("raised again: %d", n)
		}
		for _, u := range []string{bob.ID, f.admin.ID, maya.ID} {
			l, _ := s.ListNotifications(ctx, u, 50)
			kinds := map[string]int{}
			for _, it := range l.Items {
				if it.TicketID == id {
					kinds[it.Kind]++
				}
			}
			if kinds[desk.NoteSLAWarning] != 1 || kinds[desk.NoteSLABreach] != 1 {
				t.Fatalf("user %s got %v", u, kinds)
			}
		}
		d, _ := s.GetTicket(ctx, id)
		found := false
		for _, a := range d.Activity {
			found = found || (a.Kind == desk.ActSLA && a.To == "First response breached")
		}
		if !found {
			t.Fatalf("no breach line in the feed: %+v", d.Activity)
		}
	})
	t.Run("PauseAndResume", func(t *testing.T) {
		clk.Set(start.Add(12 * time.Minute))
		if err := s.AddNote(ctx, bob.ID, id, "Called: needs the form", "call"); err != nil {
			t.Fatal(err)
		}
		clk.Set(start.Add(15 * time.Minute))
		if err := s.ChangeStatus(ctx, bob.ID, id, desk.StatusChange{Status: "waiting"}); err != nil {
			t.Fatal(err)
		}
		b := badge(start.Add(50 * time.Minute))
		if b.Clock != "resolution" || b.State != "paused" {
			t.Fatalf("waiting badge = %+v", b)
		}
		clk.Set(start.Add(60 * time.Minute))
		if err := s.ChangeStatus(ctx, bob.ID, id, desk.StatusChange{Status: "in_progress"}); err != nil {
			t.Fatal(err)
		}
		// 15 min counted before the pause; 15 left, due 11:15.
		b = badge(start.Add(61 * time.Minute))
		if b.State != "running" || b.LeftSeconds != 14*60 || b.Due != "2026-03-02T11:15:00Z" {
			t.Fatalf("resumed badge = %+v", b)
		}
		d, _ := s.GetTicket(ctx, id)
		var res desk.SLAClock
		for _, c := range d.SLA.Clocks {
			if c.Kind == "resolution" {
				res = c
			}
		}
		if res.PausedSeconds != 45*60 || res.ElapsedSeconds != 16*60 {
			t.Fatalf("resolution clock = %+v", res)
		}
	})
	t.Run("ErrConfig", func(t *testing.T) {
		bad := cfg
		bad.Calendars = append([]sla.Calendar(nil), cfg.Calendars...)
		bad.Calendars[0].Zone = "Mars/Olympus"
		_, err := s.SaveSLAConfig(ctx, f.admin.ID, bad)
		wantCode(t, err, desk.EINVALID, "calendars[0].zone")

		p := shortPolicy()
		p.Targets = map[sla.Priority]sla.Target{}
		for k, v := range shortPolicy().Targets {
			p.Targets[k] = v
		}
		p.Targets[sla.PriorityLow] = sla.Target{FirstResponse: 10, Resolution: 0}
		bad = cfg
		bad.Policies = []sla.Policy{p}
		_, err = s.SaveSLAConfig(ctx, f.admin.ID, bad)
		if desk.ErrorCode(err) != desk.EINVALID || desk.ErrorField(err) == "" {
			t.Fatalf("zero target: %v", err)
		}
		p = shortPolicy()
		p.Mode, p.CalendarID = sla.ModeBusiness, "nope"
		bad.Policies = []sla.Policy{p}
		_, err = s.SaveSLAConfig(ctx, f.admin.ID, bad)
		wantCode(t, err, desk.EINVALID, "policies[0].calendarId")

		_, err = s.SaveSLAConfig(ctx, bob.ID, cfg)
		wantCode(t, err, desk.EFORBIDDEN, "")
	})
}
