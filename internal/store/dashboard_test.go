package store_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"deskline/internal/desk"
	"deskline/internal/sla"
	"deskline/internal/store"
)

func TestDashboard(t *testing.T) {
	ctx := context.Background()
	start := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC) // a Monday
	clk := desk.NewManualClock(start.Add(-10 * 24 * time.Hour))
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "deskline.db"), store.WithClock(clk))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	f := mustWorkspace(t, s)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	bob, err := s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Bob", Role: "support", Active: true})
	must(err)
	_, err = s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Cy", Role: "support", Active: true})
	must(err)
	dora, err := s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Dora", Role: "support", Active: true})
	must(err)
	cfg, err := s.SLAConfig(ctx)
	must(err)
	cfg.Policies = []sla.Policy{shortPolicy()} // Urgent: first response in 10 calendar minutes
	_, err = s.SaveSLAConfig(ctx, f.admin.ID, cfg)
	must(err)

	create := func(priority string) string {
		t.Helper()
		id, err := s.CreateTicket(ctx, f.admin.ID, desk.NewTicket{SubjectIDs: []string{f.subjects["Complaint"]},
			ContactID: f.customer.ID, Mobile: f.customer.Mobile, Priority: priority})
		must(err)
		return id
	}
	// Ten days ago: a Low ticket nobody answered, long past its first response.
	t0 := create("low")
	must(s.AddAssignees(ctx, f.admin.ID, t0, []string{dora.ID}))

	clk.Set(start)
	create("urgent")       // t1: Admin's, unanswered: breached by 10:20
	t2 := create("urgent") // Bob's alone, In Progress (not a reply): breached by 10:20
	must(s.AddAssignees(ctx, f.admin.ID, t2, []string{bob.ID}))
	must(s.RemoveAssignee(ctx, f.admin.ID, t2, f.admin.ID))
	must(s.ChangeStatus(ctx, f.admin.ID, t2, desk.StatusChange{Status: "in_progress"}))
	t3 := create("medium") // Admin and Bob, waiting: first response met, resolution paused
	must(s.AddAssignees(ctx, f.admin.ID, t3, []string{bob.ID}))
	must(s.ChangeStatus(ctx, f.admin.ID, t3, desk.StatusChange{Status: "waiting"}))
	t4 := create("medium") // nobody's
	must(s.RemoveAssignee(ctx, f.admin.ID, t4, f.admin.ID))
	t5 := create("medium") // closed this week
	must(s.ChangeStatus(ctx, f.admin.ID, t5, desk.StatusChange{Status: "resolved", Resolution: "Card reissued"}))
	must(s.ChangeStatus(ctx, f.admin.ID, t5, desk.StatusChange{Status: "closed", CustomerConfirmed: true}))
	clk.Set(start.Add(11 * time.Minute))
	create("urgent") // 9 of its 10 minutes gone at 10:20: past the 80% warning

	// Dora leaves: her old assignment stays on t0 but she is off the team list.
	must(func() error {
		_, err := s.SaveUser(ctx, f.admin.ID, desk.UserInput{ID: dora.ID, Name: "Dora", Role: "support", Active: false})
		return err
	}())

	clk.Set(start.Add(20 * time.Minute))
	d, err := s.Dashboard(ctx, time.UTC)
	must(err)

	wantStatuses := []desk.StatusCount{
		{Status: "open", Label: "Open", Count: 4}, // t0, t1, t4, t6
		{Status: "in_progress", Label: "In Progress", Count: 1},
		{Status: "waiting", Label: "Waiting for Customer", Count: 1},
		{Status: "resolved", Label: "Resolved", Count: 0},
	}
	if !reflect.DeepEqual(d.Statuses, wantStatuses) {
		t.Errorf("statuses = %+v", d.Statuses)
	}
	got := []int{d.Active, d.Unassigned, d.SLABreached, d.SLABreachingSoon, d.CreatedToday, d.CreatedWeek, d.ClosedWeek}
	want := []int{6, 1, 3, 1, 6, 6, 1}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("active, unassigned, breached, breaching soon, created today, created week, closed week = %v, want %v", got, want)
	}
	wantTeam := []desk.Workload{
		{User: desk.UserRef{ID: f.admin.ID, Name: "Asha Admin"}, Open: 3, Waiting: 1, Breached: 2, Total: 4},
		{User: desk.UserRef{ID: bob.ID, Name: "Bob"}, InProgress: 1, Waiting: 1, Breached: 1, Total: 2},
	}
	if len(d.Team) != 3 || !reflect.DeepEqual(d.Team[:2], wantTeam) || d.Team[2].User.Name != "Cy" || d.Team[2].Total != 0 {
		t.Errorf("team = %+v", d.Team)
	}
	if d.At[:16] != "2026-03-02T10:20" {
		t.Errorf("at = %q", d.At)
	}
}
