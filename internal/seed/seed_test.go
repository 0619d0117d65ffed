package seed_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"deskline/internal/desk"
	"deskline/internal/seed"
	"deskline/internal/store"
)

func TestRun(t *testing.T) {
	ctx := context.Background()
	clk := &desk.ManualClock{}
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "deskline.db"), store.WithClock(clk))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	if err := seed.Run(ctx, st, seed.Options{Tickets: 60, Seed: 7, Clock: clk, Now: now}); err != nil {
		t.Fatal(err)
	}
	every := desk.TicketFilter{Statuses: []string{"open", "in_progress", "waiting", "resolved", "closed"}, Sort: "created", Limit: 100}
	page, err := st.ListTickets(ctx, "", every)
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 60 {
		t.Fatalf("tickets = %d, want 60", page.Total)
	}
	statuses := map[desk.Status]int{}
	for _, r := range page.Rows {
		statuses[r.Status]++
		if len(r.Subjects) < 1 || len(r.Subjects) > 3 || len(r.Assignees) < 1 {
			t.Fatalf("ticket %d: %d subjects, %d assignees", r.Number, len(r.Subjects), len(r.Assignees))
		}
	}
	if len(statuses) < 4 {
		t.Fatalf("statuses spread = %v", statuses)
	}
	// History spreads over the two years before now.
	oldest, _ := time.Parse(time.RFC3339, page.Rows[len(page.Rows)-1].CreatedAt)
	newest, _ := time.Parse(time.RFC3339, page.Rows[0].CreatedAt)
	if now.Sub(oldest) < 700*24*time.Hour || now.Sub(newest) > 30*24*time.Hour || newest.After(now) {
		t.Fatalf("tickets created from %s to %s", oldest, newest)
	}
	users, _ := st.ListUsers(ctx)
	if len(users) != 5 {
		t.Fatalf("users = %d", len(users))
	}
}
