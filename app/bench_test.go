package app

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"deskline/internal/desk"
	"deskline/internal/seed"
	"deskline/internal/store"
)

// The benchmarks run the bound services (the calls the frontend makes) on a
// generated desk of DESKLINE_BENCH_TICKETS tickets (default 20,000; set
// 1000000 for the figures in docs/benchmarks.md). The desk is generated once
// by the bulk seed and kept in the user's cache folder, keyed by schema
// version and size; benchmarks that write add their tickets and notes to it.
// Each reports p50 and p95 in milliseconds, and beside it the same for the
// bare SQL statements the call runs and the ratio of the two p95s.

var (
	benchOnce sync.Once
	benchPath string
	benchErr  error
)

func benchTickets() int {
	if n, err := strconv.Atoi(os.Getenv("DESKLINE_BENCH_TICKETS")); err == nil && n > 0 {
		return n
	}
	return 20000
}

// benchDesk opens the generated desk (making it the first time).
func benchDesk(b *testing.B) (*App, *sql.DB) {
	b.Helper()
	ctx := context.Background()
	benchOnce.Do(func() {
		cache, err := os.UserCacheDir()
		if err != nil {
			cache = os.TempDir()
		}
		dir := filepath.Join(cache, "deskline-bench", fmt.Sprintf("v%d-%d", store.SchemaVersion(), benchTickets()))
		benchPath = filepath.Join(dir, "deskline.db")
		if _, err := os.Stat(benchPath); err == nil {
			return
		}
		tmp := dir + ".building"
		os.RemoveAll(tmp)
		st, err := store.Open(ctx, filepath.Join(tmp, "deskline.db"))
		if err != nil {
			benchErr = err
			return
		}
		benchErr = seed.Bulk(ctx, st, seed.Options{Tickets: benchTickets(), Seed: 1, Progress: os.Stderr})
		st.Close()
		if benchErr == nil {
			os.RemoveAll(dir)
			benchErr = os.Rename(tmp, dir)
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	st, err := store.Open(ctx, benchPath)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	bare, err := sql.Open("sqlite", "file:"+benchPath+"?_pragma=query_only(1)")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { bare.Close() })
	return New(st, &fakeEmitter{}, slog.New(slog.NewTextHandler(new(bytes.Buffer), nil))), bare
}

// timings records one duration per call.
type timings []time.Duration

func (t timings) at(p float64) float64 {
	s := slices.Clone(t)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return float64(s[min(len(s)-1, int(float64(len(s))*p))]) / float64(time.Millisecond)
}

// measure runs call b.N times and bare (if any) as many times, and reports
// the percentiles of both and the ratio of their p95s.
func measure(b *testing.B, call func(i int) error, bare func(i int) error) {
	b.Helper()
	var svc, raw timings
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if err := call(i); err != nil {
			b.Fatal(err)
		}
		svc = append(svc, time.Since(start))
	}
	b.StopTimer()
	if bare != nil {
		for i := 0; i < b.N; i++ {
			start := time.Now()
			if err := bare(i); err != nil {
				b.Fatal(err)
			}
			raw = append(raw, time.Since(start))
		}
		b.ReportMetric(raw.at(0.5), "bare-p50-ms")
		b.ReportMetric(raw.at(0.95), "bare-p95-ms")
		if raw.at(0.95) > 0 {
			b.ReportMetric(svc.at(0.95)/raw.at(0.95), "ratio-p95")
		}
	}
	b.ReportMetric(svc.at(0.5), "p50-ms")
	b.ReportMetric(svc.at(0.95), "p95-ms")
	b.ReportMetric(0, "ns/op") // the percentiles say it better than the mean
}

// runAll runs statements reading every row of each.
func runAll(db *sql.DB, stmts []string, args [][]any) error {
	for i, q := range stmts {
		rows, err := db.Query(q, args[i]...)
		if err != nil {
			return err
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for j := range vals {
			ptrs[j] = &vals[j]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// pageSets are the statements that fill a page's rows (as in
// db/queries/ticket_subjects.sql, ticket_assignees.sql and sla.sql), for ids
// put in place of the %s.
var pageSets = []string{
	`SELECT DISTINCT ts.ticket_id, c.id, c.name, c.active FROM ticket_subjects ts JOIN catalog_items c ON c.id = ts.subject_id
	WHERE ts.ticket_id IN (%s) ORDER BY ts.ticket_id, c.name COLLATE NOCASE`,
	`SELECT DISTINCT ta.ticket_id, u.id, u.name FROM ticket_assignees ta JOIN users u ON u.id = ta.user_id
	WHERE ta.ticket_id IN (%s) ORDER BY ta.ticket_id, u.name COLLATE NOCASE`,
	`SELECT id, created_at, sla_terms FROM tickets WHERE id IN (%s)`,
	`SELECT ticket_id, kind, value, created_at FROM activities WHERE ticket_id IN (%s)
	AND kind IN ('created', 'status', 'priority', 'note') AND value <> '' ORDER BY ticket_id, hlc, id`,
}

// barePage runs a queue page's statements (page, counts) and those that fill
// its rows (subjects, assignees, SLA terms and history): every statement
// TicketService.List runs, without the Go around them.
func barePage(db *sql.DB, stmts []string, args [][]any) error {
	rows, err := db.Query(stmts[0], args[0]...)
	if err != nil {
		return err
	}
	var ids []any
	for rows.Next() {
		var t desk.TicketSummary
		var created, updated int64
		if err := rows.Scan(&t.ID, &t.Number, &t.Status, &t.Priority, &t.ContactID, &t.ContactName, &t.ContactKind,
			&t.Mobile, &t.SourceID, &t.SourceName, &created, &updated); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, t.ID)
	}
	rows.Close()
	if err := runAll(db, stmts[1:], args[1:]); err != nil || len(ids) == 0 {
		return err
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	for _, q := range pageSets {
		if err := runAll(db, []string{fmt.Sprintf(q, marks)}, [][]any{ids}); err != nil {
			return err
		}
	}
	return nil
}

// benchRefs are ids the filters use: the second-busiest agent, the most
// common subject and source.
type benchRefs struct{ me, agent, subject, source string }

func refs(b *testing.B, a *App, db *sql.DB) benchRefs {
	b.Helper()
	r := benchRefs{me: signInLast(b, a)}
	for q, dst := range map[string]*string{
		"SELECT user_id FROM ticket_queue WHERE user_id <> ? GROUP BY user_id ORDER BY count(*) DESC LIMIT 1":                         &r.agent,
		"SELECT subject_id FROM queue_counts WHERE user_id = ? AND subject_id <> '' GROUP BY subject_id ORDER BY sum(n) DESC LIMIT 1": &r.subject,
		"SELECT source_id FROM queue_counts WHERE user_id = ? AND subject_id = '' GROUP BY source_id ORDER BY sum(n) DESC LIMIT 1":    &r.source,
	} {
		arg := r.me
		if q[7:14] != "user_id" {
			arg = ""
		}
		if err := db.QueryRow(q, arg).Scan(dst); err != nil {
			b.Fatalf("%s: %v", q, err)
		}
	}
	return r
}

// BenchmarkQueuePage: the first page (50 rows) with its counts under each
// quick filter, combinations of two and each sort, as TicketService.List.
func BenchmarkQueuePage(b *testing.B) {
	a, db := benchDesk(b)
	r := refs(b, a, db)
	for _, tc := range []struct {
		name string
		f    desk.TicketFilter
	}{
		{"All", desk.TicketFilter{}},
		{"Mine", desk.TicketFilter{View: desk.ViewMine}},
		{"SortCreated", desk.TicketFilter{Sort: desk.SortCreated}},
		{"SortNextDue", desk.TicketFilter{Sort: desk.SortNextDue}},
		{"StatusWaiting", desk.TicketFilter{Statuses: []string{"waiting"}}},
		{"StatusClosed", desk.TicketFilter{Statuses: []string{"closed"}}},
		{"Assignee", desk.TicketFilter{AssigneeIDs: []string{r.agent}}},
		{"Subject", desk.TicketFilter{SubjectIDs: []string{r.subject}}},
		{"Source", desk.TicketFilter{SourceIDs: []string{r.source}}},
		{"PriorityUrgent", desk.TicketFilter{Priorities: []string{"urgent"}}},
		{"SLABreached", desk.TicketFilter{SLA: desk.SLABreached}},
		{"SLABreachingSoon", desk.TicketFilter{SLA: desk.SLABreachingSoon}},
		{"Mine+StatusInProgress", desk.TicketFilter{View: desk.ViewMine, Statuses: []string{"in_progress"}}},
		{"Mine+Subject", desk.TicketFilter{View: desk.ViewMine, SubjectIDs: []string{r.subject}}},
		{"Mine+PriorityHigh", desk.TicketFilter{View: desk.ViewMine, Priorities: []string{"high"}}},
		{"Mine+SLABreached", desk.TicketFilter{View: desk.ViewMine, SLA: desk.SLABreached}},
		{"Mine+StatusClosed+SortCreated", desk.TicketFilter{View: desk.ViewMine, Statuses: []string{"closed"}, Sort: desk.SortCreated}},
		{"Assignee+Subject", desk.TicketFilter{AssigneeIDs: []string{r.agent}, SubjectIDs: []string{r.subject}}},
		{"Subject+PriorityUrgent", desk.TicketFilter{SubjectIDs: []string{r.subject}, Priorities: []string{"urgent"}}},
		{"StatusOpen+Source", desk.TicketFilter{Statuses: []string{"open"}, SourceIDs: []string{r.source}}},
		{"StatusClosed+Subject", desk.TicketFilter{Statuses: []string{"closed"}, SubjectIDs: []string{r.subject}}},
		{"SLABreached+PriorityUrgent", desk.TicketFilter{SLA: desk.SLABreached, Priorities: []string{"urgent"}}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			f := tc.f
			f.Limit = 50
			stmts, args, err := store.QueueSQL(r.me, f, time.Now())
			if err != nil {
				b.Fatal(err)
			}
			measure(b, func(int) error {
				_, err := a.Tickets.List(f)
				return err
			}, func(int) error { return barePage(db, stmts, args) })
		})
	}
}

// ticketIDs returns n ids of recent tickets.
func ticketIDs(b *testing.B, db *sql.DB, n int, where string) []string {
	b.Helper()
	rows, err := db.Query("SELECT id FROM tickets "+where+" ORDER BY created_at DESC LIMIT ?", n)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		rows.Scan(&id)
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		b.Fatal("no tickets")
	}
	return ids
}

// BenchmarkTicketDetail: opening a ticket with its feed (TicketService.Get);
// bare: the ticket's row and its feed.
func BenchmarkTicketDetail(b *testing.B) {
	a, db := benchDesk(b)
	ids := ticketIDs(b, db, 500, "")
	measure(b, func(i int) error {
		_, err := a.Tickets.Get(ids[i%len(ids)])
		return err
	}, func(i int) error {
		id := ids[i%len(ids)]
		return runAll(db, []string{
			"SELECT t.*, c.name, c.kind FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE t.id = ?",
			"SELECT a.*, u.name FROM activities a JOIN users u ON u.id = a.actor_id WHERE a.ticket_id = ? ORDER BY a.hlc, a.id",
		}, [][]any{{id}, {id}})
	})
}

// BenchmarkCreateTicket: TicketService.Create as the create form sends it.
func BenchmarkCreateTicket(b *testing.B) {
	a, db := benchDesk(b)
	subjects, _ := a.Catalog.ListSubjects(false)
	contacts, err := a.Contacts.Search("", "07", 20)
	if err != nil || len(contacts) == 0 || len(subjects) == 0 {
		b.Fatalf("contacts %d subjects %d: %v", len(contacts), len(subjects), err)
	}
	measure(b, func(i int) error {
		c := contacts[i%len(contacts)]
		_, err := a.Tickets.Create(desk.NewTicket{SubjectIDs: []string{subjects[i%len(subjects)].ID}, ContactID: c.ID, Mobile: c.Mobile, Description: "Card blocked at the ATM"})
		return err
	}, nil)
	_ = db
}

// BenchmarkChangeStatus: TicketService.ChangeStatus between In Progress and Waiting.
func BenchmarkChangeStatus(b *testing.B) {
	a, db := benchDesk(b)
	ids := ticketIDs(b, db, 200, "WHERE status IN ('in_progress', 'waiting')")
	measure(b, func(i int) error {
		status := []string{"waiting", "in_progress"}[(i/len(ids))%2]
		_, err := a.Tickets.ChangeStatus(ids[i%len(ids)], desk.StatusChange{Status: status})
		return err
	}, nil)
}

// BenchmarkAddNote: TicketService.AddNote.
func BenchmarkAddNote(b *testing.B) {
	a, db := benchDesk(b)
	ids := ticketIDs(b, db, 200, "WHERE status <> 'closed'")
	measure(b, func(i int) error {
		_, err := a.Tickets.AddNote(ids[i%len(ids)], "Called the customer back about the card", "call")
		return err
	}, nil)
}

// BenchmarkContactByMobile: ContactService.Search with the first digits of a
// number, as the create form's lookup sends them; bare: the prefix range read.
func BenchmarkContactByMobile(b *testing.B) {
	a, db := benchDesk(b)
	prefixes := []string{"0712", "07345", "079812", "0750"}
	measure(b, func(i int) error {
		_, err := a.Contacts.Search("", prefixes[i%len(prefixes)], 20)
		return err
	}, func(i int) error {
		p := prefixes[i%len(prefixes)]
		return runAll(db, []string{"SELECT * FROM contacts WHERE mobile >= ? AND mobile < ? ORDER BY mobile, id LIMIT 20"},
			[][]any{{p, p[:len(p)-1] + string(p[len(p)-1]+1)}})
	})
}

// BenchmarkSearch: SearchService.Search as the search box sends it.
func BenchmarkSearch(b *testing.B) {
	a, _ := benchDesk(b)
	for _, text := range []string{"blocked", "statem", "escalated back office", "0712"} {
		b.Run(text, func(b *testing.B) {
			measure(b, func(int) error {
				_, err := a.Search.Search(text, 20)
				return err
			}, nil)
		})
	}
}

// BenchmarkDashboard: DashboardService.Team.
func BenchmarkDashboard(b *testing.B) {
	a, _ := benchDesk(b)
	measure(b, func(int) error {
		_, err := a.Dashboard.Team()
		return err
	}, nil)
}

// BenchmarkTeamInsight: DashboardService.TeamInsight over the last year (the
// seed spreads its tickets over two), unfiltered and under each filter.
func BenchmarkTeamInsight(b *testing.B) {
	a, _ := benchDesk(b)
	ctx := context.Background()
	st, err := a.core.store.State(ctx)
	if err != nil || st.CurrentUser == nil {
		b.Fatalf("no signed-in user on the bench desk: %v", err)
	}
	subjects, err := a.Catalog.ListSubjects(false)
	if err != nil {
		b.Fatal(err)
	}
	sources, err := a.Catalog.ListSources(false)
	if err != nil {
		b.Fatal(err)
	}
	today := time.Now()
	year := desk.InsightFilter{From: today.AddDate(-1, 0, 1).Format("2006-01-02"), To: today.Format("2006-01-02")}
	for _, c := range []struct {
		name string
		f    func(desk.InsightFilter) desk.InsightFilter
	}{
		{"year", func(f desk.InsightFilter) desk.InsightFilter { return f }},
		{"year-subject", func(f desk.InsightFilter) desk.InsightFilter { f.SubjectID = subjects[0].ID; return f }},
		{"year-source", func(f desk.InsightFilter) desk.InsightFilter { f.SourceID = sources[0].ID; return f }},
		{"year-assignee", func(f desk.InsightFilter) desk.InsightFilter { f.AssigneeID = st.CurrentUser.ID; return f }},
	} {
		b.Run(c.name, func(b *testing.B) {
			f := c.f(year)
			measure(b, func(int) error {
				ti, err := a.Dashboard.TeamInsight(f)
				if err == nil && c.name == "year" && ti.Created == 0 {
					err = fmt.Errorf("the year counts no tickets")
				}
				return err
			}, nil)
		})
	}
}
