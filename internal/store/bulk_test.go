package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"deskline/internal/desk"
)

// bulkTickets creates n tickets and returns their ids in creation order.
func (f fixture) bulkTickets(tb testing.TB, n int) []string {
	tb.Helper()
	ids := make([]string, n)
	for i := range ids {
		ids[i] = f.mustTicket(tb, "Account Issue")
	}
	return ids
}

// mustStatus moves a ticket to status through the one-ticket path.
func (f fixture) mustStatus(tb testing.TB, id string, status desk.Status) {
	tb.Helper()
	ch := desk.StatusChange{Status: string(status), Note: "Fixed the card"}
	if status == desk.StatusResolved {
		ch = desk.StatusChange{Status: string(status), Resolution: "Fixed the card"}
	}
	if err := f.s.ChangeStatus(context.Background(), f.admin.ID, id, ch); err != nil {
		tb.Fatal(err)
	}
}

// feed returns the entries of a ticket's feed that record a change.
func (f fixture) feed(tb testing.TB, id string) []desk.Activity {
	tb.Helper()
	d, err := f.s.GetTicket(context.Background(), id)
	if err != nil {
		tb.Fatal(err)
	}
	// Lines that follow from a change (an SLA clock met, a resolution summary
	// or confirmation carried by a status change) have ids made from the id of
	// the change's own entry; only the entries of changes count here.
	var out []desk.Activity
	for _, a := range d.Activity {
		if !strings.Contains(a.ID, "/") {
			out = append(out, a)
		}
	}
	return out
}

func (f fixture) ticket(tb testing.TB, id string) desk.TicketSummary {
	tb.Helper()
	d, err := f.s.GetTicket(context.Background(), id)
	if err != nil {
		tb.Fatal(err)
	}
	return d.Ticket
}

func mustBulk(tb testing.TB, f fixture, req desk.BulkRequest) desk.BulkResult {
	tb.Helper()
	res, failures, err := f.s.Bulk(context.Background(), f.admin.ID, req, nil)
	if err != nil {
		tb.Fatal(err)
	}
	if len(failures) > 0 {
		tb.Fatalf("failures = %v", failures)
	}
	if res.Done+len(res.Skipped) != res.Total {
		tb.Fatalf("result = %+v: done and skipped do not add up to the total", res)
	}
	return res
}

func TestBulkClose(t *testing.T) {
	f := mustWorkspace(t, MustOpen(t))
	ids := f.bulkTickets(t, 4)
	f.mustStatus(t, ids[0], desk.StatusResolved)
	f.mustStatus(t, ids[2], desk.StatusResolved)
	f.mustStatus(t, ids[3], desk.StatusInProgress)
	before := map[string]int{}
	for _, id := range ids {
		before[id] = len(f.feed(t, id))
	}

	res := mustBulk(t, f, desk.BulkRequest{TicketIDs: ids, Action: desk.BulkClose, CustomerConfirmed: true})
	if res.Done != 2 || res.Total != 4 || res.Summary != "2 closed, 2 skipped" {
		t.Fatalf("result = %+v, want 2 closed and 2 skipped", res)
	}
	if strings.Join(res.DoneIDs, ",") != ids[0]+","+ids[2] {
		t.Fatalf("done = %v, want the two resolved tickets", res.DoneIDs)
	}
	want := []desk.BulkSkip{
		{TicketID: ids[1], Number: 2, Reason: "#2 is Open: only resolved tickets can be closed"},
		{TicketID: ids[3], Number: 4, Reason: "#4 is In Progress: only resolved tickets can be closed"},
	}
	if fmt.Sprint(res.Skipped) != fmt.Sprint(want) {
		t.Fatalf("skipped = %+v, want %+v", res.Skipped, want)
	}
	for i, id := range ids {
		tk, feed := f.ticket(t, id), f.feed(t, id)
		closed := i == 0 || i == 2
		if closed != (tk.Status == desk.StatusClosed) {
			t.Fatalf("#%d status = %s", tk.Number, tk.Status)
		}
		added := len(feed) - before[id]
		if !closed {
			if added != 0 {
				t.Fatalf("skipped #%d got %d feed entries", tk.Number, added)
			}
			continue
		}
		last := feed[len(feed)-1]
		if added != 1 || last.Kind != desk.ActStatus || last.From != "Resolved" || last.To != "Closed" {
			t.Fatalf("#%d feed gained %d entries, last %+v; want one Resolved → Closed", tk.Number, added, last)
		}
		// The close records the customers' confirmation, as a one-ticket close does.
		d, err := f.s.GetTicket(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if !d.SOP.CustomerConfirm || !d.SOP.Closed {
			t.Fatalf("#%d checklist = %+v, want the confirmation and the close ticked", tk.Number, d.SOP)
		}
	}

	// Closing again skips them all: they are closed already.
	res = mustBulk(t, f, desk.BulkRequest{TicketIDs: ids[:1], Action: desk.BulkClose, CustomerConfirmed: true})
	if res.Done != 0 || len(res.Skipped) != 1 || res.Skipped[0].Reason != "#1 is already Closed" {
		t.Fatalf("second close = %+v", res)
	}
}

func TestBulkActions(t *testing.T) {
	ctx := context.Background()
	f := mustWorkspace(t, MustOpen(t))
	bo, err := f.s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Bo Support", Role: "support", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	ids := f.bulkTickets(t, 3)

	// Each step: the request, what is done, which ticket (by index) is skipped
	// and why, the feed entry each changed ticket gains, and a check of the
	// changed tickets.
	type step struct {
		name    string
		prepare func()
		req     desk.BulkRequest
		summary string
		skipped map[int]string
		act     desk.Activity // kind, and from/to/body when set
		check   func(t *testing.T, tk desk.TicketSummary)
	}
	names := func(us []desk.UserRef) string {
		var s []string
		for _, u := range us {
			s = append(s, u.Name)
		}
		return strings.Join(s, ",")
	}
	steps := []step{
		{
			name:    "SetStatus",
			prepare: func() { f.mustStatus(t, ids[1], desk.StatusWaiting) },
			req:     desk.BulkRequest{Action: desk.BulkSetStatus, Status: string(desk.StatusWaiting)},
			summary: "2 changed, 1 skipped",
			skipped: map[int]string{1: "#2 is already Waiting for Customer"},
			act:     desk.Activity{Kind: desk.ActStatus, From: "Open", To: "Waiting for Customer"},
			check: func(t *testing.T, tk desk.TicketSummary) {
				if tk.Status != desk.StatusWaiting {
					t.Fatalf("status = %s", tk.Status)
				}
			},
		},
		{
			name:    "Assign",
			prepare: func() { must(t, f.s.AddAssignees(ctx, f.admin.ID, ids[2], []string{bo.ID})) },
			req:     desk.BulkRequest{Action: desk.BulkAssign, UserIDs: []string{bo.ID}},
			summary: "2 assigned, 1 skipped",
			skipped: map[int]string{2: "#3 is already assigned to Bo Support"},
			act:     desk.Activity{Kind: desk.ActAssigneeAdded, To: "Bo Support"},
			check: func(t *testing.T, tk desk.TicketSummary) {
				if names(tk.Assignees) != "Asha Admin,Bo Support" && names(tk.Assignees) != "Bo Support,Asha Admin" {
					t.Fatalf("assignees = %s", names(tk.Assignees))
				}
			},
		},
		{
			name:    "Unassign",
			prepare: func() { must(t, f.s.RemoveAssignee(ctx, f.admin.ID, ids[0], f.admin.ID)) },
			req:     desk.BulkRequest{Action: desk.BulkUnassign, UserID: f.admin.ID},
			summary: "2 unassigned, 1 skipped",
			skipped: map[int]string{0: "#1 is not assigned to Asha Admin"},
			act:     desk.Activity{Kind: desk.ActAssigneeRemoved, To: "Asha Admin"},
			check: func(t *testing.T, tk desk.TicketSummary) {
				if names(tk.Assignees) != "Bo Support" {
					t.Fatalf("assignees = %s", names(tk.Assignees))
				}
			},
		},
		{
			name:    "SetPriority",
			prepare: func() { must(t, f.s.SetPriority(ctx, f.admin.ID, ids[0], "high")) },
			req:     desk.BulkRequest{Action: desk.BulkSetPriority, Priority: "high"},
			summary: "2 changed, 1 skipped",
			skipped: map[int]string{0: "#1 is already High priority"},
			act:     desk.Activity{Kind: desk.ActPriority, From: "Medium", To: "High"},
			check: func(t *testing.T, tk desk.TicketSummary) {
				if tk.Priority != desk.PriorityHigh {
					t.Fatalf("priority = %s", tk.Priority)
				}
			},
		},
		{
			name:    "AddSubject",
			prepare: func() { must(t, f.s.AddSubject(ctx, f.admin.ID, ids[1], f.subjects["Complaint"])) },
			req:     desk.BulkRequest{Action: desk.BulkAddSubject, SubjectID: f.subjects["Complaint"]},
			summary: "2 given the subject, 1 skipped",
			skipped: map[int]string{1: "#2 already has the subject Complaint"},
			act:     desk.Activity{Kind: desk.ActSubjectAdded, To: "Complaint"},
			check: func(t *testing.T, tk desk.TicketSummary) {
				if len(tk.Subjects) != 2 {
					t.Fatalf("subjects = %+v", tk.Subjects)
				}
			},
		},
		{
			name:    "AddNote",
			req:     desk.BulkRequest{Action: desk.BulkAddNote, Note: "  Branch closed on Friday; calling back Monday. "},
			summary: "3 noted",
			act:     desk.Activity{Kind: desk.ActNote, Body: "Branch closed on Friday; calling back Monday."},
		},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if st.prepare != nil {
				st.prepare()
			}
			before := map[string]int{}
			for _, id := range ids {
				before[id] = len(f.feed(t, id))
			}
			st.req.TicketIDs = ids
			res := mustBulk(t, f, st.req)
			if res.Summary != st.summary {
				t.Fatalf("summary = %q, want %q (%+v)", res.Summary, st.summary, res)
			}
			for i, id := range ids {
				feed := f.feed(t, id)
				added := feed[before[id]:]
				if reason, ok := st.skipped[i]; ok {
					if len(added) != 0 {
						t.Fatalf("skipped ticket %d gained %+v", i+1, added)
					}
					if len(res.Skipped) != 1 || res.Skipped[0].TicketID != id || res.Skipped[0].Reason != reason {
						t.Fatalf("skipped = %+v, want %q", res.Skipped, reason)
					}
					continue
				}
				if len(added) != 1 {
					t.Fatalf("ticket %d gained %d feed entries, want one: %+v", i+1, len(added), added)
				}
				a := added[0]
				if a.Kind != st.act.Kind || (st.act.From != "" && a.From != st.act.From) ||
					(st.act.To != "" && a.To != st.act.To) || a.Body != st.act.Body || a.Actor.ID != f.admin.ID {
					t.Fatalf("ticket %d feed entry = %+v, want %+v", i+1, a, st.act)
				}
				if st.check != nil {
					st.check(t, f.ticket(t, id))
				}
			}
		})
	}
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

func TestBulkErrInput(t *testing.T) {
	ctx := context.Background()
	f := mustWorkspace(t, MustOpen(t))
	ids := f.bulkTickets(t, 2)
	f.mustStatus(t, ids[0], desk.StatusResolved)
	off, err := f.s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Olu Gone", Role: "support", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	if off, err = f.s.SaveUser(ctx, f.admin.ID, desk.UserInput{ID: off.ID, Name: off.Name, Role: "support", Active: false}); err != nil {
		t.Fatal(err)
	}
	many := make([]string, desk.MaxBulkTickets+1)
	for i := range many {
		many[i] = fmt.Sprintf("id-%d", i)
	}
	for _, tc := range []struct {
		name  string
		req   desk.BulkRequest
		field string
	}{
		{"UnknownAction", desk.BulkRequest{TicketIDs: ids, Action: "delete"}, "action"},
		{"NoAction", desk.BulkRequest{TicketIDs: ids}, "action"},
		{"EmptySelection", desk.BulkRequest{Action: desk.BulkAddNote, Note: "Hi"}, "ticketIds"},
		{"BlankIDs", desk.BulkRequest{TicketIDs: []string{" ", ""}, Action: desk.BulkAddNote, Note: "Hi"}, "ticketIds"},
		{"TooMany", desk.BulkRequest{TicketIDs: many, Action: desk.BulkAddNote, Note: "Hi"}, "ticketIds"},
		{"UnknownStatus", desk.BulkRequest{TicketIDs: ids, Action: desk.BulkSetStatus, Status: "gone"}, "status"},
		{"UnknownPriority", desk.BulkRequest{TicketIDs: ids, Action: desk.BulkSetPriority, Priority: "asap"}, "priority"},
		{"NoAssignee", desk.BulkRequest{TicketIDs: ids, Action: desk.BulkAssign}, "userIds"},
		{"UnknownAssignee", desk.BulkRequest{TicketIDs: ids, Action: desk.BulkAssign, UserIDs: []string{"nobody"}}, "userIds"},
		{"DeactivatedAssignee", desk.BulkRequest{TicketIDs: ids, Action: desk.BulkAssign, UserIDs: []string{off.ID}}, "userIds"},
		{"UnknownUnassign", desk.BulkRequest{TicketIDs: ids, Action: desk.BulkUnassign, UserID: "nobody"}, "userId"},
		{"UnknownSubject", desk.BulkRequest{TicketIDs: ids, Action: desk.BulkAddSubject, SubjectID: "nope"}, "subjectId"},
		{"SourceAsSubject", desk.BulkRequest{TicketIDs: ids, Action: desk.BulkAddSubject, SubjectID: f.sources["Phone"]}, "subjectId"},
		{"EmptyNote", desk.BulkRequest{TicketIDs: ids, Action: desk.BulkAddNote, Note: "  "}, "note"},
		{"LongNote", desk.BulkRequest{TicketIDs: ids, Action: desk.BulkAddNote, Note: strings.Repeat("x", desk.MaxTextLen+1)}, "note"},
		{"CloseUnconfirmed", desk.BulkRequest{TicketIDs: ids, Action: desk.BulkClose}, "customerConfirmed"},
		{"StatusClosedUnconfirmed", desk.BulkRequest{TicketIDs: ids, Action: desk.BulkSetStatus, Status: "closed"}, "customerConfirmed"},
		{"ResolvedWithoutSummary", desk.BulkRequest{TicketIDs: ids, Action: desk.BulkSetStatus, Status: "resolved", Note: "Done"}, "resolution"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			_, _, err := f.s.Bulk(ctx, f.admin.ID, tc.req, func(int, int) { calls++ })
			wantCode(t, err, desk.EINVALID, tc.field)
			if calls != 0 {
				t.Fatalf("progress called %d times for a refused request", calls)
			}
		})
	}
	// Nothing was touched by any refused request.
	for i, id := range ids {
		if feed := f.feed(t, id); len(feed) != 2-i {
			t.Fatalf("refused requests changed a ticket: %+v", feed)
		}
	}
	t.Run("ErrForbidden", func(t *testing.T) {
		_, _, err := f.s.Bulk(ctx, off.ID, desk.BulkRequest{TicketIDs: ids, Action: desk.BulkAddNote, Note: "Hi"}, nil)
		wantCode(t, err, desk.EFORBIDDEN, "")
	})
	t.Run("UnknownTicketSkipped", func(t *testing.T) {
		res := mustBulk(t, f, desk.BulkRequest{TicketIDs: []string{"nope", ids[1], ids[1]}, Action: desk.BulkAddNote, Note: "Hi"})
		if res.Total != 2 || res.Done != 1 || len(res.Skipped) != 1 || res.Skipped[0].Reason != "A selected ticket no longer exists" {
			t.Fatalf("result = %+v, want the duplicate dropped and the unknown id skipped", res)
		}
	})
}

// A ticket that fails half-way through its change is left as it was; the
// tickets before it stay done and the ones after it are still changed.
func TestBulkFailureInTheMiddle(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	f := mustWorkspace(t, s)
	ids := f.bulkTickets(t, 5)
	// Make the feed entry of the third ticket fail, after its status row has
	// already been written in the same transaction.
	db, err := sql.Open("sqlite", s.Path()+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TRIGGER bulk_test_fail BEFORE INSERT ON activities
		WHEN NEW.ticket_id = '` + ids[2] + `' BEGIN SELECT json('{disk trouble'); END`); err != nil {
		t.Fatal(err)
	}
	var progress []int
	res, failures, err := s.Bulk(ctx, f.admin.ID, desk.BulkRequest{TicketIDs: ids, Action: desk.BulkSetPriority, Priority: "urgent"},
		func(done, total int) { progress = append(progress, done) })
	if err != nil {
		t.Fatal(err)
	}
	if res.Done != 4 || len(res.Skipped) != 1 || res.Skipped[0].TicketID != ids[2] ||
		res.Skipped[0].Reason != "#3 could not be changed (internal error) and was left as it was" {
		t.Fatalf("result = %+v", res)
	}
	if failures[ids[2]] == nil || !strings.Contains(failures[ids[2]].Error(), "malformed JSON") {
		t.Fatalf("failures = %v, want the third ticket's error", failures)
	}
	if fmt.Sprint(progress) != "[1 2 3 4 5]" {
		t.Fatalf("progress = %v", progress)
	}
	for i, id := range ids {
		tk, feed := f.ticket(t, id), f.feed(t, id)
		if i == 2 {
			if tk.Priority != desk.PriorityMedium || len(feed) != 1 {
				t.Fatalf("failed ticket was half-changed: priority %s, feed %+v", tk.Priority, feed)
			}
			continue
		}
		if tk.Priority != desk.PriorityUrgent || len(feed) != 2 || feed[1].Kind != desk.ActPriority {
			t.Fatalf("ticket %d: priority %s, feed %+v", i+1, tk.Priority, feed)
		}
	}
	// The change log holds the four changes and nothing of the failed one.
	ops, _, err := s.ListOps(ctx, 0, 10000)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, op := range ops {
		if op.Kind == "ticket.set" {
			n++
			if op.EntityID == ids[2] {
				t.Fatalf("the failed ticket's change is in the log: %+v", op)
			}
		}
	}
	if n != 4 {
		t.Fatalf("change log holds %d priority changes, want 4", n)
	}
}

func TestBulkHundreds(t *testing.T) {
	if testing.Short() {
		t.Skip("creates 300 tickets")
	}
	ctx := context.Background()
	f := mustWorkspace(t, MustOpen(t))
	ids := f.bulkTickets(t, 300)
	last, calls := 0, 0
	res, failures, err := f.s.Bulk(ctx, f.admin.ID, desk.BulkRequest{TicketIDs: ids, Action: desk.BulkAddNote, Note: "Outage notice sent"},
		func(done, total int) {
			calls++
			if done != last+1 || total != 300 {
				t.Errorf("progress %d/%d after %d", done, total, last)
			}
			last = done
		})
	if err != nil || len(failures) > 0 {
		t.Fatal(err, failures)
	}
	if res.Done != 300 || len(res.Skipped) != 0 || calls != 300 || res.Summary != "300 noted" {
		t.Fatalf("result = %d done, %d skipped, %d progress calls, %q", res.Done, len(res.Skipped), calls, res.Summary)
	}
	for _, id := range []string{ids[0], ids[149], ids[299]} {
		feed := f.feed(t, id)
		if len(feed) != 2 || feed[1].Body != "Outage notice sent" {
			t.Fatalf("feed = %+v", feed)
		}
	}
	ops, _, err := f.s.ListOps(ctx, 0, 100000)
	if err != nil {
		t.Fatal(err)
	}
	per := map[string]int{}
	for _, op := range ops {
		if op.Kind == "ticket.note" {
			per[op.EntityID]++
		}
	}
	for _, id := range ids {
		if per[id] != 1 {
			t.Fatalf("ticket %s has %d note operations, want 1", id, per[id])
		}
	}
}

func TestListTicketIDs(t *testing.T) {
	ctx := context.Background()
	f := mustWorkspace(t, MustOpen(t))
	ids := f.bulkTickets(t, 4)
	f.mustStatus(t, ids[1], desk.StatusResolved)
	must(t, f.s.SetPriority(ctx, f.admin.ID, ids[3], "high"))
	got, err := f.s.ListTicketIDs(ctx, f.admin.ID, desk.TicketFilter{View: desk.ViewAll, Sort: desk.SortCreated, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got.IDs, ",") != strings.Join([]string{ids[3], ids[2], ids[1], ids[0]}, ",") || got.Total != 4 || got.Capped {
		t.Fatalf("all = %+v, want every ticket newest first, not only the page of 1", got)
	}
	got, err = f.s.ListTicketIDs(ctx, f.admin.ID, desk.TicketFilter{Statuses: []string{"open"}, Priorities: []string{"medium"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.IDs) != 2 || got.Total != 2 {
		t.Fatalf("open and medium = %+v, want tickets 1 and 3", got)
	}
	_, err = f.s.ListTicketIDs(ctx, f.admin.ID, desk.TicketFilter{View: "nobody's"})
	wantCode(t, err, desk.EINVALID, "view")
}

// A bulk move to Resolved follows the resolving SOP: one summary for all,
// recorded on each ticket as its resolution.
func TestBulkResolve(t *testing.T) {
	ctx := context.Background()
	f := mustWorkspace(t, MustOpen(t))
	ids := f.bulkTickets(t, 2)
	res := mustBulk(t, f, desk.BulkRequest{TicketIDs: ids, Action: desk.BulkSetStatus, Status: "resolved", Resolution: "  Branch network restored "})
	if res.Done != 2 {
		t.Fatalf("result = %+v", res)
	}
	for _, id := range ids {
		d, err := f.s.GetTicket(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var summaries []string
		for _, a := range d.Activity {
			if a.Kind == desk.ActResolution {
				summaries = append(summaries, a.Body)
			}
		}
		if d.Ticket.Status != desk.StatusResolved || fmt.Sprint(summaries) != "[Branch network restored]" || !d.SOP.ResolutionNote {
			t.Fatalf("ticket = %s, resolutions %q, checklist %+v", d.Ticket.Status, summaries, d.SOP)
		}
	}
	// With the summary made optional by an admin, a bulk resolve needs none.
	if _, err := f.s.SaveSOPRules(ctx, f.admin.ID, desk.SOPRules{ResolutionOptional: true}); err != nil {
		t.Fatal(err)
	}
	more := f.bulkTickets(t, 1)
	if res := mustBulk(t, f, desk.BulkRequest{TicketIDs: more, Action: desk.BulkSetStatus, Status: "resolved"}); res.Done != 1 {
		t.Fatalf("optional summary: %+v", res)
	}
}
