package seed_test

import (
	"context"
	"path/filepath"
	"testing"

	"deskline/internal/desk"
	"deskline/internal/seed"
	"deskline/internal/store"
)

func TestRun(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "deskline.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := seed.Run(ctx, st, seed.Options{Tickets: 60, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	every := desk.TicketFilter{Statuses: []string{"open", "in_progress", "waiting", "resolved", "closed"}}
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
	users, _ := st.ListUsers(ctx)
	if len(users) != 5 {
		t.Fatalf("users = %d", len(users))
	}
}
