package store_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"

	"deskline/internal/desk"
	"deskline/internal/store"
)

const hubID = "0190f0f0-0000-7000-8000-0000000000ff"

// team is two workstations joined to one hub, simulated by a log the test
// hands out in order: the first made the desk (its log is the hub's start),
// the second joined it empty and pulled it all.
type team struct {
	a, b   fixture
	log    []desk.PulledOp
	hubCtr int64
}

func newTeam(t testing.TB) *team {
	t.Helper()
	ctx := context.Background()
	tm := &team{a: mustWorkspace(t, MustOpen(t))}
	must(t, tm.a.s.JoinTeam(ctx, "postgres://hub.example/desk", hubID, "epoch-1", 0))
	tm.push(t, tm.a.s)
	bs := MustOpen(t)
	must(t, bs.JoinTeam(ctx, "postgres://hub.example/desk", hubID, "epoch-1", 0))
	tm.b = fixture{s: bs, admin: tm.a.admin, subjects: tm.a.subjects, sources: tm.a.sources, customer: tm.a.customer}
	tm.pull(t, bs)
	return tm
}

// push moves a workstation's pending ops into the hub's log, numbering each
// new ticket the way the hub does, and acknowledges them.
func (tm *team) push(t testing.TB, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	ops, err := s.PendingOps(ctx, 10000)
	must(t, err)
	for _, op := range ops {
		tm.log = append(tm.log, desk.PulledOp{Seq: int64(len(tm.log) + 1), Op: op})
		if op.Kind == store.OpTicketCreate {
			tm.hubCtr++
			tm.log = append(tm.log, desk.PulledOp{Seq: int64(len(tm.log) + 1), Op: tm.hubOp(t, op, 100+tm.hubCtr)})
		}
	}
	if len(ops) > 0 {
		must(t, s.AckPushed(ctx, ops[len(ops)-1].Counter, nil))
	}
}

func (tm *team) hubOp(t testing.TB, create desk.Op, number int64) desk.Op {
	body, err := json.Marshal(map[string]int64{"number": number})
	must(t, err)
	return desk.Op{ID: uuid.Must(uuid.NewV7()).String(), InstallID: hubID, Counter: tm.hubCtr, HLC: create.HLC + 1,
		ActorID: create.ActorID, Kind: store.OpTicketNumber, EntityID: create.EntityID, Payload: body, CreatedAt: create.CreatedAt}
}

// pull applies the log after the workstation's cursor.
func (tm *team) pull(t testing.TB, s *store.Store) []desk.Op {
	t.Helper()
	ctx := context.Background()
	st, err := s.TeamState(ctx)
	must(t, err)
	merged, err := s.ApplyPulled(ctx, tm.log[st.Cursor:])
	must(t, err)
	return merged
}

func TestTeamNumbers(t *testing.T) {
	ctx := context.Background()
	tm := newTeam(t)
	id := tm.b.mustTicket(t, "Complaint")
	d, err := tm.b.s.GetTicket(ctx, id)
	must(t, err)
	if d.Ticket.Number != -1 {
		t.Fatalf("a ticket made in a team before its push has number %d, want provisional -1 (P-1)", d.Ticket.Number)
	}
	tm.push(t, tm.b.s)
	tm.pull(t, tm.b.s)
	tm.pull(t, tm.a.s)
	for name, s := range map[string]*store.Store{"maker": tm.b.s, "other": tm.a.s} {
		d, err := s.GetTicket(ctx, id)
		must(t, err)
		if d.Ticket.Number != 101 {
			t.Errorf("%s: number %d after the hub numbered it, want 101", name, d.Ticket.Number)
		}
		if got, err := s.TicketIDByNumber(ctx, 101); err != nil || got != id {
			t.Errorf("%s: #101 finds %q (%v)", name, got, err)
		}
	}
	if got, err := tm.b.s.TicketIDByNumber(ctx, -1); err != nil || got != id {
		t.Errorf("the provisional number P-1 finds %q (%v), want the ticket", got, err)
	}
	hits, err := tm.b.s.SearchTickets(ctx, "P-1", 5)
	must(t, err)
	if len(hits) == 0 || hits[0].Ticket.ID != id {
		t.Errorf("searching P-1: %+v", hits)
	}
}

func TestApplyPulledChecksEachOp(t *testing.T) {
	ctx := context.Background()
	tm := newTeam(t)
	id := tm.a.mustTicket(t, "Complaint")
	must(t, tm.a.s.AddNote(ctx, tm.a.admin.ID, id, "First call", ""))
	tm.push(t, tm.a.s)
	// Between the ticket and its note, a bad op and a number from someone
	// who is not the hub.
	bad := tm.log[len(tm.log)-1].Op
	bad.ID = uuid.Must(uuid.NewV7()).String()
	bad.Payload = json.RawMessage(`{"body":""}`)
	fake := tm.log[len(tm.log)-2].Op // the hub's number op
	fake.ID, fake.InstallID = uuid.Must(uuid.NewV7()).String(), tm.a.s.InstallID()
	// And the hub's number for a ticket that is not here: it passes the
	// checks and fails in its merge, after it was logged and sealed.
	stray := tm.log[len(tm.log)-2].Op
	stray.ID, stray.EntityID, stray.Counter = uuid.Must(uuid.NewV7()).String(), uuid.Must(uuid.NewV7()).String(), stray.Counter+1000
	last := tm.log[len(tm.log)-1]
	tm.log = append(tm.log[:len(tm.log)-1], desk.PulledOp{Op: bad}, desk.PulledOp{Op: fake}, desk.PulledOp{Op: stray}, last)
	for i := range tm.log {
		tm.log[i].Seq = int64(i + 1)
	}
	merged := tm.pull(t, tm.b.s)
	if len(merged) != 3 {
		var kinds []string
		for _, op := range merged {
			kinds = append(kinds, op.Kind+" "+op.EntityID)
		}
		t.Fatalf("merged %d ops %q, want the ticket, its number and its note", len(merged), kinds)
	}
	d, err := tm.b.s.GetTicket(ctx, id)
	must(t, err)
	if d.Activity[len(d.Activity)-1].Body != "First call" {
		t.Fatalf("the note after the bad ops did not arrive: %+v", d.Activity)
	}
	rej, err := tm.b.s.Rejections(ctx, 10)
	must(t, err)
	if len(rej) != 3 || rej[0].ByHub || rej[1].ByHub || rej[2].ByHub {
		t.Fatalf("rejections = %+v, want the three bad ops refused here", rej)
	}
	// The refused ops left nothing: the audit chain holds, the note is
	// found by search.
	if v, err := tm.b.s.VerifyAudit(ctx); err != nil || !v.OK {
		t.Fatalf("audit after the page: %+v (%v)", v, err)
	}
	if hits, err := tm.b.s.SearchTickets(ctx, "First call", 5); err != nil || len(hits) != 1 || hits[0].Ticket.ID != id {
		t.Fatalf("search for the pulled note: %+v (%v)", hits, err)
	}
	st, err := tm.b.s.TeamState(ctx)
	must(t, err)
	if st.Cursor != int64(len(tm.log)) || st.Rejected != 3 || st.Pending != 0 {
		t.Fatalf("team state %+v", st)
	}
	// The maker gets its own ops back: acknowledged, not merged again.
	if merged := tm.pull(t, tm.a.s); len(merged) != 1 || merged[0].Kind != store.OpTicketNumber {
		t.Fatalf("the maker merged %d ops of the page, want only the hub's number", len(merged))
	}
}

func TestEditsOnTwoMachinesShowTheConflict(t *testing.T) {
	ctx := context.Background()
	tm := newTeam(t)
	id := tm.a.mustTicket(t, "Complaint")
	tm.push(t, tm.a.s)
	tm.pull(t, tm.b.s)
	// Both change the priority without seeing the other's change.
	must(t, tm.a.s.SetPriority(ctx, tm.a.admin.ID, id, "high"))
	must(t, tm.b.s.SetPriority(ctx, tm.b.admin.ID, id, "urgent"))
	tm.push(t, tm.b.s)
	tm.push(t, tm.a.s)
	tm.pull(t, tm.a.s)
	tm.pull(t, tm.b.s)
	da, err := tm.a.s.GetTicket(ctx, id)
	must(t, err)
	db, err := tm.b.s.GetTicket(ctx, id)
	must(t, err)
	if da.Ticket.Priority != db.Ticket.Priority {
		t.Fatalf("priorities differ: %s and %s", da.Ticket.Priority, db.Ticket.Priority)
	}
	if len(da.Conflicts) != 1 || len(db.Conflicts) != 1 || da.Conflicts[0] != db.Conflicts[0] {
		t.Fatalf("conflicts %+v and %+v, want the same one on both", da.Conflicts, db.Conflicts)
	}
	c := da.Conflicts[0]
	want := map[desk.Priority]string{"high": "Urgent", "urgent": "High"}[da.Ticket.Priority]
	if c.Field != "priority" || c.Other != want || c.By.Name != "Asha Admin" {
		t.Fatalf("conflict %+v, want priority's other value %s", c, want)
	}
	// A change made after seeing both clears it.
	must(t, tm.a.s.SetPriority(ctx, tm.a.admin.ID, id, "low"))
	d, err := tm.a.s.GetTicket(ctx, id)
	must(t, err)
	if len(d.Conflicts) != 0 {
		t.Fatalf("conflict still shown after a later edit: %+v", d.Conflicts)
	}
}

func TestPulledClockMovesLocalClock(t *testing.T) {
	ctx := context.Background()
	tm := newTeam(t)
	id := tm.a.mustTicket(t, "Complaint")
	tm.push(t, tm.a.s)
	// An op from a machine whose clock is an hour ahead.
	ahead := tm.log[len(tm.log)-1].Op
	ahead.ID = uuid.Must(uuid.NewV7()).String()
	ahead.HLC += int64(time.Hour/time.Millisecond) << 16
	tm.log = append(tm.log, desk.PulledOp{Seq: int64(len(tm.log) + 1), Op: ahead})
	tm.pull(t, tm.b.s)
	must(t, tm.b.s.AddNote(ctx, tm.b.admin.ID, id, "After", ""))
	ops, err := tm.b.s.PendingOps(ctx, 10)
	must(t, err)
	if len(ops) != 1 || ops[0].HLC <= ahead.HLC {
		t.Fatalf("the next local op's clock %d does not follow the pulled %d", ops[0].HLC, ahead.HLC)
	}
}

// TestOwnOpsLostLocallyComeBack: a desk restored from a backup older than some
// of its own pushed changes gets them back from the hub instead of skipping
// them as already its own.
func TestOwnOpsLostLocallyComeBack(t *testing.T) {
	ctx := context.Background()
	tm := newTeam(t)
	id := tm.a.mustTicket(t, "Complaint")
	must(t, tm.a.s.AddNote(ctx, tm.a.admin.ID, id, "Told the customer on the phone", ""))
	tm.push(t, tm.a.s)
	tm.pull(t, tm.b.s)
	// Desk B's own note, as the hub holds it, that B no longer has.
	lost := tm.log[len(tm.log)-1].Op
	lost.ID, lost.InstallID = uuid.Must(uuid.NewV7()).String(), tm.b.s.InstallID()
	lost.Payload = json.RawMessage(`{"body":"Said before the restore"}`)
	lost.Counter = 1
	tm.log = append(tm.log, desk.PulledOp{Seq: int64(len(tm.log) + 1), Op: lost})
	merged := tm.pull(t, tm.b.s)
	if len(merged) != 1 || merged[0].ID != lost.ID {
		t.Fatalf("merged %d ops, want the desk's own lost note", len(merged))
	}
	d, err := tm.b.s.GetTicket(ctx, id)
	must(t, err)
	if got := d.Activity[len(d.Activity)-1].Body; got != "Said before the restore" {
		t.Fatalf("last feed line %q", got)
	}
	again, err := tm.b.s.ApplyPulled(ctx, tm.log[len(tm.log)-1:])
	must(t, err)
	if len(again) != 0 {
		t.Fatal("the same page applied twice merged again")
	}
}
