package store

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"deskline/internal/desk"
)

// queueDesk is a small desk worked by random operations: five users, the
// default subjects and sources, a few customers.
type queueDesk struct {
	s        *Store
	clk      *desk.ManualClock
	users    []string
	subjects []string
	sources  []string
	contacts []desk.Contact
	tickets  []string
}

func openQueueDesk(t *testing.T) *queueDesk {
	t.Helper()
	ctx := context.Background()
	clk := desk.NewManualClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	s, err := Open(ctx, filepath.Join(t.TempDir(), "deskline.db"), WithClock(clk))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	admin, err := s.InitWorkspace(ctx, "Queue Bank", "Asha Admin")
	if err != nil {
		t.Fatal(err)
	}
	d := &queueDesk{s: s, clk: clk, users: []string{admin.ID}}
	for _, n := range []string{"Bo", "Cy", "Di", "Ed"} {
		u, err := s.SaveUser(ctx, admin.ID, desk.UserInput{Name: n, Role: "support"})
		if err != nil {
			t.Fatal(err)
		}
		d.users = append(d.users, u.ID)
	}
	subjects, _ := s.ListCatalog(ctx, desk.CatalogSubject, false)
	for _, c := range subjects {
		d.subjects = append(d.subjects, c.ID)
	}
	sources, _ := s.ListCatalog(ctx, desk.CatalogSource, false)
	for _, c := range sources {
		d.sources = append(d.sources, c.ID)
	}
	for i := range 3 {
		c, err := s.SaveContact(ctx, admin.ID, desk.ContactInput{Kind: "customer", Name: fmt.Sprintf("Carla %d", i), Mobile: fmt.Sprintf("077123456%d", i)})
		if err != nil {
			t.Fatal(err)
		}
		d.contacts = append(d.contacts, c)
	}
	return d
}

// work applies n random operations through the store's methods.
func (d *queueDesk) work(t *testing.T, r *rand.Rand, n int) {
	t.Helper()
	ctx := context.Background()
	statuses := []string{"open", "in_progress", "waiting", "resolved", "closed"}
	prios := []string{"low", "medium", "high", "urgent"}
	for i := 0; i < n; i++ {
		d.clk.Set(d.clk.Now().Add(time.Duration(1+r.IntN(90)) * time.Minute))
		actor := d.users[r.IntN(len(d.users))]
		var err error
		if len(d.tickets) < 5 || r.IntN(4) == 0 {
			c := d.contacts[r.IntN(len(d.contacts))]
			in := desk.NewTicket{ContactID: c.ID, Mobile: c.Mobile, Priority: prios[r.IntN(4)], SubjectIDs: []string{d.subjects[r.IntN(len(d.subjects))]}}
			if r.IntN(2) == 0 {
				in.SourceID = d.sources[r.IntN(len(d.sources))]
			}
			var id string
			id, err = d.s.CreateTicket(ctx, actor, in)
			d.tickets = append(d.tickets, id)
		} else {
			id := d.tickets[r.IntN(len(d.tickets))]
			switch r.IntN(8) {
			case 0, 1:
				err = d.s.ChangeStatus(ctx, actor, id, desk.StatusChange{Status: statuses[r.IntN(5)], Resolution: "Fixed", CustomerConfirmed: true})
			case 2:
				err = d.s.SetPriority(ctx, actor, id, prios[r.IntN(4)])
			case 3:
				err = d.s.AddAssignees(ctx, actor, id, []string{d.users[r.IntN(len(d.users))]})
			case 4:
				err = d.s.RemoveAssignee(ctx, actor, id, d.users[r.IntN(len(d.users))])
			case 5:
				err = d.s.AddSubject(ctx, actor, id, d.subjects[r.IntN(len(d.subjects))])
				if desk.ErrorCode(err) == desk.ECONFLICT { // a closed ticket's subjects stay
					err = nil
				}
			case 6:
				err = d.s.RemoveSubject(ctx, actor, id, d.subjects[r.IntN(len(d.subjects))])
				if c := desk.ErrorCode(err); c == desk.EINVALID || c == desk.ECONFLICT { // its last subject, or a closed ticket
					err = nil
				}
			case 7:
				err = d.s.AddNote(ctx, actor, id, "Called back", "call")
			}
		}
		if err != nil {
			t.Fatalf("operation %d: %v", i, err)
		}
	}
}

// queueTables dumps the queue's read model, zero counts left out.
func queueTables(t *testing.T, s *Store) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for name, query := range map[string]string{
		"ticket_queue":  "SELECT user_id, ticket_id, archived, status, priority, source_id, created_at, updated_at, sla_next_due FROM ticket_queue ORDER BY 1, 2",
		"queue_counts":  "SELECT user_id, subject_id, status, priority, source_id, n FROM queue_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5",
		"queue_tickets": "SELECT ticket_id, state FROM queue_tickets ORDER BY 1",
	} {
		rows, err := s.r.Query(query)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			out[name] = append(out[name], fmt.Sprint(vals...))
		}
		rows.Close()
	}
	return out
}

// TestQueueIndexMatchesRebuild: after random operations, local and then
// replayed as pulled operations on a second desk, the queue's read model is
// exactly what a rebuild from the tables makes.
func TestQueueIndexMatchesRebuild(t *testing.T) {
	ctx := context.Background()
	d := openQueueDesk(t)
	d.work(t, rand.New(rand.NewPCG(7, 11)), 400)
	incremental := queueTables(t, d.s)
	if len(incremental["ticket_queue"]) == 0 || len(incremental["queue_counts"]) == 0 || len(incremental["queue_tickets"]) != len(d.tickets) {
		t.Fatalf("read model not filled: %d assignee rows, %d counts, %d states for %d tickets",
			len(incremental["ticket_queue"]), len(incremental["queue_counts"]), len(incremental["queue_tickets"]), len(d.tickets))
	}
	if err := d.s.RebuildQueueIndex(ctx); err != nil {
		t.Fatal(err)
	}
	if rebuilt := queueTables(t, d.s); !reflect.DeepEqual(incremental, rebuilt) {
		for k := range rebuilt {
			if !reflect.DeepEqual(incremental[k], rebuilt[k]) {
				t.Errorf("%s differs from a rebuild:\nincremental %v\nrebuilt     %v", k, incremental[k], rebuilt[k])
			}
		}
	}

	// Pulled operations, in a shuffled order of whole mutations, give the
	// same counts on another workstation.
	ops, _, err := d.s.ListOps(ctx, 0, 100000)
	if err != nil {
		t.Fatal(err)
	}
	other, err := Open(ctx, filepath.Join(t.TempDir(), "other.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.ApplyOps(ctx, ops); err != nil {
		t.Fatal(err)
	}
	if got := queueTables(t, other); !reflect.DeepEqual(got["queue_counts"], incremental["queue_counts"]) ||
		!reflect.DeepEqual(got["ticket_queue"], incremental["ticket_queue"]) {
		t.Errorf("pulled operations give another read model:\n%v\nwant\n%v", got["queue_counts"], incremental["queue_counts"])
	}
}

// queueRow is one ticket as the reference filter sees it.
type queueRow struct {
	id, status, priority, source string
	assignees, subjects          []string
	created, updated, due, warn  int64
}

func loadQueueRows(t *testing.T, s *Store) []queueRow {
	t.Helper()
	rows, err := s.r.Query(`SELECT t.id, t.status, t.priority, coalesce(t.source_id, ''), t.created_at, t.updated_at, t.sla_next_due, coalesce(t.sla_next_warn, 0),
		coalesce((SELECT group_concat(user_id) FROM ticket_assignees WHERE ticket_id = t.id), ''),
		coalesce((SELECT group_concat(subject_id) FROM ticket_subjects WHERE ticket_id = t.id), '')
		FROM tickets t`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []queueRow
	for rows.Next() {
		var r queueRow
		var a, sub string
		if err := rows.Scan(&r.id, &r.status, &r.priority, &r.source, &r.created, &r.updated, &r.due, &r.warn, &a, &sub); err != nil {
			t.Fatal(err)
		}
		r.assignees, r.subjects = splitList(a), splitList(sub)
		out = append(out, r)
	}
	return out
}

func anyIn(have, want []string) bool {
	for _, w := range want {
		if slices.Contains(have, w) {
			return true
		}
	}
	return false
}

// reference filters and sorts the rows the plain way.
func reference(rows []queueRow, f desk.TicketFilter, me, view string, now int64) []string {
	var out []queueRow
	for _, r := range rows {
		ok := (len(f.Statuses) == 0 && r.status != "closed") || slices.Contains(f.Statuses, r.status)
		ok = ok && (len(f.Priorities) == 0 || slices.Contains(f.Priorities, r.priority))
		ok = ok && (len(f.SourceIDs) == 0 || slices.Contains(f.SourceIDs, r.source))
		ok = ok && (len(f.AssigneeIDs) == 0 || anyIn(r.assignees, f.AssigneeIDs))
		ok = ok && (len(f.SubjectIDs) == 0 || anyIn(r.subjects, f.SubjectIDs))
		ok = ok && (view != desk.ViewMine || slices.Contains(r.assignees, me))
		switch f.SLA {
		case desk.SLABreached:
			ok = ok && r.due <= now
		case desk.SLABreachingSoon:
			ok = ok && r.warn != 0 && r.warn <= now && r.due > now
		}
		if ok {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b queueRow) int {
		switch f.Sort {
		case desk.SortCreated:
			return cmp.Or(cmp.Compare(b.created, a.created), strings.Compare(a.id, b.id))
		case desk.SortNextDue:
			return cmp.Or(cmp.Compare(a.due, b.due), strings.Compare(a.id, b.id))
		}
		return cmp.Or(cmp.Compare(b.updated, a.updated), strings.Compare(a.id, b.id))
	})
	ids := []string{}
	for _, r := range out {
		ids = append(ids, r.id)
	}
	return ids
}

// queueFilters is every quick filter alone and in pairs, under each sort,
// the way the queue's filter bar makes them.
func queueFilters(d *queueDesk) []desk.TicketFilter {
	singles := []desk.TicketFilter{
		{},
		{Statuses: []string{"open"}},
		{Statuses: []string{"closed"}},
		{Statuses: []string{"waiting", "in_progress"}},
		{Statuses: []string{"open", "closed"}},
		{AssigneeIDs: []string{d.users[1]}},
		{AssigneeIDs: []string{d.users[0]}},
		{AssigneeIDs: []string{d.users[1], d.users[2]}},
		{SubjectIDs: []string{d.subjects[0]}},
		{SubjectIDs: []string{d.subjects[1], d.subjects[2]}},
		{SourceIDs: []string{d.sources[0]}},
		{Priorities: []string{"urgent"}},
		{Priorities: []string{"high", "low"}},
		{SLA: desk.SLABreached},
		{SLA: desk.SLABreachingSoon},
	}
	merge := func(a, b desk.TicketFilter) desk.TicketFilter {
		or := func(x, y []string) []string {
			if len(x) > 0 {
				return x
			}
			return y
		}
		a.Statuses = or(a.Statuses, b.Statuses)
		a.AssigneeIDs = or(a.AssigneeIDs, b.AssigneeIDs)
		a.SubjectIDs = or(a.SubjectIDs, b.SubjectIDs)
		a.SourceIDs = or(a.SourceIDs, b.SourceIDs)
		a.Priorities = or(a.Priorities, b.Priorities)
		a.SLA = cmp.Or(a.SLA, b.SLA)
		return a
	}
	var out []desk.TicketFilter
	for i, a := range singles {
		for _, b := range singles[i:] {
			for _, view := range []string{desk.ViewAll, desk.ViewMine} {
				for _, sort := range []string{desk.SortUpdated, desk.SortCreated, desk.SortNextDue} {
					f := merge(a, b)
					f.View, f.Sort, f.Limit = view, sort, 500
					out = append(out, f)
				}
			}
		}
	}
	return out
}

// TestQueueMatchesReference: every quick filter alone and in pairs, in both
// views and every sort, lists exactly the tickets (in the order) and counts
// that a plain filter over all tickets gives.
func TestQueueMatchesReference(t *testing.T) {
	ctx := context.Background()
	d := openQueueDesk(t)
	cfg, _ := d.s.SLAConfig(ctx)
	cfg.Default.Mode = "calendar"
	if _, err := d.s.SaveSLAConfig(ctx, d.users[0], cfg); err != nil {
		t.Fatal(err)
	}
	d.work(t, rand.New(rand.NewPCG(3, 5)), 300)
	d.clk.Set(d.clk.Now().Add(6 * time.Hour)) // some clocks breached, some close
	now := d.clk.Now().UnixMilli()
	rows := loadQueueRows(t, d.s)
	me := d.users[1]
	checked := 0
	for _, f := range queueFilters(d) {
		page, err := d.s.ListTickets(ctx, me, f)
		if err != nil {
			t.Fatalf("%+v: %v", f, err)
		}
		want := reference(rows, f, me, f.View, now)
		var got []string
		for _, r := range page.Rows {
			got = append(got, r.ID)
		}
		if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("%+v: rows\n%v\nwant\n%v", f, got, want)
		}
		mine, all := len(reference(rows, f, me, desk.ViewMine, now)), len(reference(rows, f, me, desk.ViewAll, now))
		if page.Counts.Mine != mine || page.Counts.All != all || page.Total != len(want) {
			t.Errorf("%+v: counts mine %d all %d total %d, want %d %d %d", f, page.Counts.Mine, page.Counts.All, page.Total, mine, all, len(want))
		}
		if len(want) > 0 {
			checked++
		}
	}
	if checked < 100 {
		t.Fatalf("only %d filters had tickets: the desk is too small to test them", checked)
	}
}

// queryPlan returns the lines of EXPLAIN QUERY PLAN for a statement.
func queryPlan(t *testing.T, s *Store, query string, args ...any) []string {
	t.Helper()
	rows, err := s.r.Query("EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		out = append(out, detail)
	}
	return out
}
