package store_test

import (
	"context"
	"reflect"
	"testing"

	"deskline/internal/desk"
	"deskline/internal/store"
)

// TestRefusedChangeIsUndone: the second desk raises a ticket's priority and
// adds a note; the hub refuses the priority change and stores the note. The
// desk goes back to the hub's priority (its feed line goes), keeps the note,
// lists the refusal, and its audit trail still holds; both desks show the
// same ticket.
func TestRefusedChangeIsUndone(t *testing.T) {
	ctx := context.Background()
	tm := newTeam(t)
	id := tm.a.mustTicket(t, "Complaint")
	must(t, tm.a.s.AddNote(ctx, tm.a.admin.ID, id, "First call", ""))
	tm.push(t, tm.a.s)
	tm.pull(t, tm.b.s)

	must(t, tm.b.s.SetPriority(ctx, tm.b.admin.ID, id, "urgent"))
	must(t, tm.b.s.AddNote(ctx, tm.b.admin.ID, id, "Called back", ""))
	pending, err := tm.b.s.PendingOps(ctx, 100)
	must(t, err)
	if len(pending) != 2 || pending[0].Kind != store.OpTicketSet {
		t.Fatalf("pending: %+v", pending)
	}
	// The hub refuses the priority change and stores the note.
	tm.log = append(tm.log, desk.PulledOp{Seq: int64(len(tm.log) + 1), Op: pending[1]})
	must(t, tm.b.s.AckPushed(ctx, pending[1].Counter, []store.Rejection{{Op: pending[0], Reason: "Bob may not change priorities here"}}))

	d, err := tm.b.s.GetTicket(ctx, id)
	must(t, err)
	if d.Ticket.Priority != "medium" {
		t.Errorf("priority after the refusal: %q, want the hub's medium", d.Ticket.Priority)
	}
	var bodies []string
	for _, a := range d.Activity {
		if a.ID == pending[0].ID {
			t.Errorf("the refused change's feed line stayed: %+v", a)
		}
		bodies = append(bodies, a.Body)
	}
	if bodies[len(bodies)-1] != "Called back" {
		t.Errorf("feed after the refusal: %q, want the note kept last", bodies)
	}
	rej, err := tm.b.s.Rejections(ctx, 10)
	must(t, err)
	if len(rej) != 1 || !rej[0].ByHub || rej[0].OpID != pending[0].ID {
		t.Errorf("refused changes: %+v", rej)
	}
	if v, err := tm.b.s.VerifyAudit(ctx); err != nil || !v.OK {
		t.Errorf("audit after the undo: %+v (%v)", v, err)
	}
	if hits, err := tm.b.s.SearchTickets(ctx, "Called back", 5); err != nil || len(hits) != 1 {
		t.Errorf("search for the kept note: %+v (%v)", hits, err)
	}
	if got, err := tm.b.s.TicketIDByNumber(ctx, 101); err != nil || got != id {
		t.Errorf("#101 finds %q (%v) after the undo", got, err)
	}

	// Both desks hold the same ticket once the first pulls the note.
	tm.pull(t, tm.a.s)
	tm.pull(t, tm.b.s)
	da, err := tm.a.s.GetTicket(ctx, id)
	must(t, err)
	d, err = tm.b.s.GetTicket(ctx, id)
	must(t, err)
	if da.Ticket.Priority != d.Ticket.Priority || da.Ticket.Number != d.Ticket.Number || len(da.Activity) != len(d.Activity) ||
		len(da.Ticket.Assignees) != len(d.Ticket.Assignees) || len(da.Ticket.Subjects) != len(d.Ticket.Subjects) {
		t.Fatalf("the desks differ:\n a: %+v (%d feed lines)\n b: %+v (%d feed lines)", da.Ticket, len(da.Activity), d.Ticket, len(d.Activity))
	}
	// A later change on the desk still works.
	must(t, tm.b.s.SetPriority(ctx, tm.b.admin.ID, id, "high"))
	if d, err = tm.b.s.GetTicket(ctx, id); err != nil || d.Ticket.Priority != "high" {
		t.Fatalf("a later change: %q (%v)", d.Ticket.Priority, err)
	}
}

// TestCatchUpRebuildsQueueAndSearch: a new desk that catches up in bulk
// shows, once FinishCatchUp ran, the same queue, dashboard and search as a
// desk that applied the same pages one by one; before it, the queue does not
// show the tickets yet.
func TestCatchUpRebuildsQueueAndSearch(t *testing.T) {
	ctx := context.Background()
	tm := newTeam(t)
	for i := range 5 {
		id := tm.a.mustTicket(t, "Complaint")
		if i%2 == 0 {
			must(t, tm.a.s.AddNote(ctx, tm.a.admin.ID, id, "Customer called about the blocked card", ""))
		}
		if i == 3 {
			must(t, tm.a.s.ChangeStatus(ctx, tm.a.admin.ID, id, desk.StatusChange{Status: "in_progress"}))
		}
	}
	tm.push(t, tm.a.s)
	tm.pull(t, tm.b.s) // page by page

	c := MustOpen(t)
	must(t, c.JoinTeam(ctx, "postgres://hub.example/desk", hubID, "epoch-1", 0))
	half := len(tm.log) / 2
	for _, page := range [][]desk.PulledOp{tm.log[:half], tm.log[half:]} {
		if _, err := c.CatchUp(ctx, page); err != nil {
			t.Fatal(err)
		}
	}
	before, err := c.ListTickets(ctx, tm.a.admin.ID, desk.TicketFilter{})
	must(t, err)
	if before.Total != 0 {
		t.Fatalf("the queue shows %d tickets before the catch-up is finished, want 0 (it is rebuilt at the end)", before.Total)
	}
	must(t, c.FinishCatchUp(ctx))
	must(t, c.FinishCatchUp(ctx)) // nothing left to do
	for _, f := range []desk.TicketFilter{{}, {Statuses: []string{"in_progress"}}} {
		want, err := tm.b.s.ListTickets(ctx, tm.a.admin.ID, f)
		must(t, err)
		got, err := c.ListTickets(ctx, tm.a.admin.ID, f)
		must(t, err)
		if got.Total != want.Total || got.Total == 0 || !reflect.DeepEqual(got.Counts, want.Counts) {
			t.Fatalf("queue %+v after catching up: %d tickets, counts %+v; page by page: %d, %+v", f, got.Total, got.Counts, want.Total, want.Counts)
		}
	}
	want, err := tm.b.s.SearchTickets(ctx, "customer called", 20)
	must(t, err)
	got, err := c.SearchTickets(ctx, "customer called", 20)
	must(t, err)
	if len(got) != len(want) || len(got) != 3 {
		t.Fatalf("search after catching up: %d hits, page by page %d, want 3", len(got), len(want))
	}
	if v, err := c.VerifyAudit(ctx); err != nil || !v.OK {
		t.Fatalf("audit after catching up: %+v (%v)", v, err)
	}
	// The dashboards' read model: the same on the desk that made the
	// tickets, the one that pulled them page by page and the one that
	// caught up.
	origin := insightTables(t, tm.a.s.Path())
	if got := insightTables(t, tm.b.s.Path()); !reflect.DeepEqual(got, origin) {
		t.Errorf("insight pulled page by page:\n%v\nwant\n%v", got, origin)
	}
	if got := insightTables(t, c.Path()); !reflect.DeepEqual(got, origin) {
		t.Errorf("insight after catching up:\n%v\nwant\n%v", got, origin)
	}
}
