package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"deskline/internal/desk"
	"deskline/internal/store"
)

func TestCreatedDateFilter(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "d.db"), store.WithClock(clk))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	f := mustWorkspace(t, s)
	// One ticket at midday (local time) on each of 1, 2 and 3 March.
	var ids []string
	for day := 1; day <= 3; day++ {
		clk.Set(time.Date(2026, 3, day, 12, 0, 0, 0, time.Local))
		ids = append(ids, f.mustTicket(t, "Complaint"))
	}
	list := func(from, to string) []string {
		t.Helper()
		page, err := s.ListTickets(ctx, f.admin.ID, desk.TicketFilter{CreatedFrom: from, CreatedTo: to, Sort: "created"})
		if err != nil {
			t.Fatalf("%s..%s: %v", from, to, err)
		}
		var out []string
		for i := len(page.Rows) - 1; i >= 0; i-- {
			out = append(out, page.Rows[i].ID)
		}
		if page.Total != len(out) || page.Counts.All != len(out) {
			t.Fatalf("%s..%s: total %d, counts %+v, rows %d", from, to, page.Total, page.Counts, len(out))
		}
		return out
	}
	for _, c := range []struct {
		from, to string
		want     []string
	}{
		{"", "", ids},
		{"2026-03-02", "", ids[1:]},
		{"", "2026-03-02", ids[:2]},
		{"2026-03-02", "2026-03-02", ids[1:2]},
		{"2026-03-01", "2026-03-03", ids},
		{"2026-03-04", "", nil},
		{" 2026-03-03 ", "", ids[2:]},
	} {
		got := list(c.from, c.to)
		if len(got) != len(c.want) {
			t.Errorf("%q..%q: %d tickets, want %d", c.from, c.to, len(got), len(c.want))
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%q..%q: got %v, want %v", c.from, c.to, got, c.want)
			}
		}
	}
	t.Run("ErrBadDates", func(t *testing.T) {
		for _, c := range []struct{ from, to, field string }{
			{"yesterday", "", "createdFrom"},
			{"2026-02-30", "", "createdFrom"},
			{"", "03/04/2026", "createdTo"},
			{"2026-03-03", "2026-03-02", "createdTo"},
		} {
			_, err := s.ListTickets(ctx, f.admin.ID, desk.TicketFilter{CreatedFrom: c.from, CreatedTo: c.to})
			wantCode(t, err, desk.EINVALID, c.field)
		}
	})
}
