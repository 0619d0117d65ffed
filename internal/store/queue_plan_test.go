package store

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"deskline/internal/desk"
)

// bigTables are the tables that grow with the tickets: a plan may never read
// one of them whole.
var bigTables = regexp.MustCompile(`^SCAN (t|q|c|a|ts|tickets|ticket_queue|contacts|activities|ticket_assignees|ticket_subjects|attachments)\b`)

// planProblems lists what is wrong with a plan: a big table read without an
// index, or (ordered says the rows are wanted in the order of an index) a
// sort of every matching row.
func planProblems(plan []string, ordered bool) []string {
	var bad []string
	for _, line := range plan {
		if bigTables.MatchString(line) && !strings.Contains(line, " USING ") {
			bad = append(bad, line)
		}
		if ordered && strings.Contains(line, "USE TEMP B-TREE FOR ORDER BY") {
			bad = append(bad, line)
		}
	}
	return bad
}

// TestQueueQueryPlan: every page of the queue (each quick filter alone and in
// pairs, both views, every sort) reads its rows through an index, and in the
// index's order when the filter leaves one order to follow; every count the
// counts table cannot answer is an index search, never a read of all tickets.
func TestQueueQueryPlan(t *testing.T) {
	d := openQueueDesk(t)
	now := time.Now().UnixMilli()
	me := d.users[1]
	for _, f := range queueFilters(d) {
		qs := buildQueue(f, me, f.View, now)
		// A page is read in the order of an index, except where the rows
		// come from a range of another order (the SLA filters in one
		// person's tickets or with a status, several statuses): those ranges
		// are the few tickets with running clocks or the statuses asked for,
		// sorted. An SLA filter over the whole queue walks the index of the
		// tickets being worked in its sort.
		wholeSLA := f.SLA != "" && len(f.Statuses) == 0 && queueUser(f, me, f.View) == ""
		ordered := (f.SLA == "" || wholeSLA) && len(f.Statuses) <= 1
		plan := queryPlan(t, d.s, "SELECT "+ticketColumns+" "+qs.from+ticketJoinsAfter+qs.where+qs.order+" LIMIT 50", qs.args...)
		if bad := planProblems(plan, ordered); len(bad) > 0 {
			t.Errorf("page %+v: %v in plan %v", f, bad, plan)
		}
		if _, _, ok := countScope(f, me, f.View); ok {
			continue
		}
		// Known gap: two assignees or two subjects at once in the whole queue
		// are counted by reading the open tickets.
		if f.View == desk.ViewAll && (len(f.AssigneeIDs) > 1 || len(f.SubjectIDs) > 1) {
			continue
		}
		plan = queryPlan(t, d.s, "SELECT count(*) "+qs.countFrom+qs.where, qs.args...)
		for _, line := range plan {
			if strings.HasPrefix(line, "SCAN ") {
				t.Errorf("count %+v reads a whole table or index: %v", f, plan)
			}
		}
	}
	// The counts table is read by its key.
	plan := queryPlan(t, d.s, "SELECT coalesce(sum(n), 0) FROM queue_counts WHERE user_id = ? AND subject_id = ? AND status <> 'closed' AND priority IN (?)", "", "", "high")
	if !strings.Contains(strings.Join(plan, ";"), "SEARCH queue_counts USING PRIMARY KEY (user_id=? AND subject_id=?") {
		t.Errorf("counts plan %v", plan)
	}
}

// namedQuery reads one query of db/queries as sqlc sees it, its parameters
// turned into plain placeholders.
func namedQuery(t *testing.T, file, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "db", "queries", file))
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(string(b), "-- name: ")
	for _, p := range parts {
		if !strings.HasPrefix(p, name+" ") {
			continue
		}
		var lines []string
		for _, l := range strings.Split(p, "\n")[1:] {
			if !strings.HasPrefix(strings.TrimSpace(l), "--") {
				lines = append(lines, l)
			}
		}
		q := strings.Join(lines, "\n")
		return regexp.MustCompile(`sqlc\.(n?arg|slice)\([a-z_]+\)`).ReplaceAllString(q, "?")
	}
	t.Fatalf("no query %s in %s", name, file)
	return ""
}

// TestDetailQueryPlan: the queries that open a ticket (its row, sets, feed,
// attachments, SLA history, the customer's other tickets) and that find a
// customer by mobile number or name read big tables by an index only.
func TestDetailQueryPlan(t *testing.T) {
	d := openQueueDesk(t)
	for _, tc := range []struct{ file, name string }{
		{"tickets.sql", "GetTicket"},
		{"tickets.sql", "GetTicketIDByNumber"},
		{"ticket_subjects.sql", "ListSubjectsOfTickets"},
		{"ticket_assignees.sql", "ListAssigneesOfTickets"},
		{"activities.sql", "ListActivities"},
		{"attachments.sql", "ListAttachments"},
		{"sla.sql", "ListSLAHistory"},
		{"sla.sql", "GetTicketSLA"},
		{"contacts.sql", "GetContact"},
		{"contacts.sql", "ListContactsByMobilePrefix"},
		{"contacts.sql", "ListContactsByNamePrefix"},
		{"contacts.sql", "ListRecentContacts"},
	} {
		q := namedQuery(t, tc.file, tc.name)
		args := make([]any, strings.Count(q, "?"))
		for i := range args {
			args[i] = "x"
		}
		plan := queryPlan(t, d.s, q, args...)
		if bad := planProblems(plan, true); len(bad) > 0 {
			t.Errorf("%s: %v in plan %v", tc.name, bad, plan)
		}
		if !strings.Contains(strings.Join(plan, ";"), "INDEX") && !strings.Contains(strings.Join(plan, ";"), "PRIMARY KEY") {
			t.Errorf("%s uses no index: %v", tc.name, plan)
		}
	}
	// The ticket screen's summary row and the customer's other tickets.
	for name, q := range map[string]string{
		"summary":       "SELECT " + ticketColumns + " " + ticketJoins + " WHERE t.id = ?",
		"other tickets": "SELECT " + ticketColumns + " " + ticketJoins + " WHERE t.contact_id = ? ORDER BY t.updated_at DESC LIMIT ?",
	} {
		plan := queryPlan(t, d.s, q, "x", 21)
		if bad := planProblems(plan, true); len(bad) > 0 {
			t.Errorf("%s: %v in plan %v", name, bad, plan)
		}
	}
}
