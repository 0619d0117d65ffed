package store

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
	"deskline/internal/sla"
)

// benchTickets is the size of the generated desk the SLA benchmarks run on.
const benchTickets = 20000

var benchOnce sync.Once

// benchStore opens a copy of a generated desk of benchTickets tickets (made
// once per machine and kept in the temp folder), each Urgent/High/Medium/Low
// with a history of status changes, so the SLA columns are filled as in use.
func benchStore(b *testing.B) (*Store, string) {
	b.Helper()
	ctx := context.Background()
	master := filepath.Join(os.TempDir(), fmt.Sprintf("deskline-bench-sla-%d.db", benchTickets))
	benchOnce.Do(func() {
		if _, err := os.Stat(master); err == nil {
			return
		}
		tmp := master + ".building"
		os.Remove(tmp)
		clk := desk.NewManualClock(time.Now().Add(-30 * 24 * time.Hour))
		s, err := Open(ctx, tmp, WithClock(clk))
		if err != nil {
			b.Fatal(err)
		}
		admin, _ := s.InitWorkspace(ctx, "Bench", "Admin")
		subjects, _ := s.ListCatalog(ctx, desk.CatalogSubject, false)
		cfg, _ := s.SLAConfig(ctx)
		cfg.Default.Mode = sla.ModeCalendar // due times spread over the month
		if _, err := s.SaveSLAConfig(ctx, admin.ID, cfg); err != nil {
			b.Fatal(err)
		}
		c, _ := s.SaveContact(ctx, admin.ID, desk.ContactInput{Kind: "customer", Name: "Carla", Mobile: "0771234567"})
		prios := []string{"urgent", "high", "medium", "low"}
		for i := 0; i < benchTickets; i++ {
			clk.Set(time.Now().Add(-30*24*time.Hour + time.Duration(i)*30*24*time.Hour/benchTickets))
			id, err := s.CreateTicket(ctx, admin.ID, desk.NewTicket{SubjectIDs: []string{subjects[i%len(subjects)].ID}, ContactID: c.ID, Mobile: c.Mobile, Priority: prios[i%4]})
			if err != nil {
				b.Fatal(err)
			}
			switch i % 5 {
			case 1:
				err = s.ChangeStatus(ctx, admin.ID, id, desk.StatusChange{Status: "in_progress"})
			case 2:
				err = s.ChangeStatus(ctx, admin.ID, id, desk.StatusChange{Status: "waiting"})
			case 3:
				err = s.ChangeStatus(ctx, admin.ID, id, desk.StatusChange{Status: "resolved", Resolution: "Fixed"})
			}
			if err != nil {
				b.Fatal(err)
			}
		}
		s.Close()
		if err := os.Rename(tmp, master); err != nil {
			b.Fatal(err)
		}
	})
	path := filepath.Join(b.TempDir(), "deskline.db")
	in, err := os.Open(master)
	if err != nil {
		b.Fatal(err)
	}
	out, _ := os.Create(path)
	io.Copy(out, in)
	in.Close()
	out.Close()
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	u, _ := s.ListUsers(ctx)
	return s, u[0].ID
}

// BenchmarkSLABadgesPage: the badges of one page of 50 tickets (history read
// and clocks evaluated), the part the queue adds for the SLA.
func BenchmarkSLABadgesPage(b *testing.B) {
	s, me := benchStore(b)
	ctx := context.Background()
	page, err := s.ListTickets(ctx, me, desk.TicketFilter{Limit: 50})
	if err != nil || len(page.Rows) != 50 {
		b.Fatalf("page: %v %d", err, len(page.Rows))
	}
	now := time.Now()
	b.ResetTimer()
	for b.Loop() {
		err := s.readTx(ctx, func(q *dbsqlc.Queries, _ *sql.Tx) error {
			return fillSLA(ctx, q, page.Rows, now)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkQueueSLA: a queue page (50 rows with counts and badges) under the
// "breaching" filters and the "next due" sort, served by the indexed
// sla_next_due column.
func BenchmarkQueueSLA(b *testing.B) {
	s, me := benchStore(b)
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		f    desk.TicketFilter
	}{
		{"NextDueSort", desk.TicketFilter{Sort: desk.SortNextDue}},
		{"Breached", desk.TicketFilter{SLA: desk.SLABreached, Sort: desk.SortNextDue}},
		{"BreachingSoon", desk.TicketFilter{SLA: desk.SLABreachingSoon}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.ListTickets(ctx, me, tc.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
