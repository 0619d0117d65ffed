package seed_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
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

// TestBulk: the bulk seed writes a consistent desk: every foreign key holds,
// about five feed entries per ticket, most old tickets closed and some open,
// and the queue's read model, SLA clocks and search index built from the rows.
func TestBulk(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "deskline.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Now()
	files := []desk.StoredFile{{Hash: strings.Repeat("a", 64), Name: "form.txt", Size: 12, MIME: "text/plain"}}
	if err := seed.Bulk(ctx, st, seed.Options{Tickets: 2000, Contacts: 300, Seed: 3, Now: now, Files: files}); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	count := func(q string) int {
		var n int
		if err := db.QueryRow(q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	if n := count("SELECT count(*) FROM pragma_foreign_key_check"); n != 0 {
		t.Errorf("%d rows break a foreign key", n)
	}
	if n := count("SELECT count(*) FROM tickets"); n != 2000 {
		t.Errorf("%d tickets, want 2000", n)
	}
	if n := count("SELECT count(*) FROM contacts"); n != 300 {
		t.Errorf("%d contacts, want 300", n)
	}
	if n := count("SELECT count(*) FROM activities"); n < 3*2000 || n > 7*2000 {
		t.Errorf("%d feed entries for 2000 tickets, want about five each", n)
	}
	// Spread over the two years before now, in number order.
	first, last := count("SELECT min(created_at) FROM tickets"), count("SELECT max(created_at) FROM tickets")
	if d := now.AddDate(-2, 0, 0).UnixMilli() - int64(first); d < -2*86400000 || d > 2*86400000 {
		t.Errorf("first ticket created %v, want two years before %v", time.UnixMilli(int64(first)), now)
	}
	if d := now.UnixMilli() - int64(last); d < 0 || d > 2*86400000 {
		t.Errorf("last ticket created %v, want just before %v", time.UnixMilli(int64(last)), now)
	}
	if n := count("SELECT count(*) FROM tickets a JOIN tickets b ON b.number = a.number + 1 WHERE b.created_at < a.created_at - 60000"); n != 0 {
		t.Errorf("%d tickets created well before the one numbered before them", n)
	}
	closed, open := count("SELECT count(*) FROM tickets WHERE status = 'closed'"), count("SELECT count(*) FROM tickets WHERE status = 'open'")
	if closed < 1500 || open == 0 {
		t.Errorf("%d closed and %d open of 2000: not the mix of a real desk", closed, open)
	}
	if n := count("SELECT count(*) FROM tickets WHERE sla_next_due < 9223372036854775807"); n == 0 {
		t.Error("no ticket has a running SLA clock")
	}
	if n := count("SELECT count(*) FROM queue_tickets"); n != 2000 {
		t.Errorf("queue read model has %d tickets", n)
	}
	if n := count("SELECT count(*) FROM ticket_search"); n != 2000 {
		t.Errorf("search index has %d tickets", n)
	}
	if count("SELECT count(*) FROM attachments") == 0 || count("SELECT count(*) FROM tasks") == 0 {
		t.Error("no attachment or task rows")
	}
	if n := count("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'activities_ticket'"); n != 1 {
		t.Error("the indexes dropped for the load were not put back")
	}
	// What the queue shows agrees with the rows.
	page, err := st.ListTickets(ctx, "", desk.TicketFilter{Statuses: []string{"closed"}, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if page.Counts.All != closed || len(page.Rows) != 10 {
		t.Errorf("queue counts %d closed (want %d), %d rows", page.Counts.All, closed, len(page.Rows))
	}
}
