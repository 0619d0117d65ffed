package app

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"

	"deskline/internal/desk"
	"deskline/internal/seed"
	"deskline/internal/store"
)

// recordingEmitter keeps every event, whatever its name.
type recordingEmitter struct {
	mu     sync.Mutex
	names  []string
	events []any
}

func (r *recordingEmitter) Emit(name string, data any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.names = append(r.names, name)
	r.events = append(r.events, data)
}

func (r *recordingEmitter) reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.names, r.events = nil, nil
}

// progress returns the bulk progress events, and the changes of tickets.
func (r *recordingEmitter) bulk() ([]desk.BulkProgress, []Change) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var ps []desk.BulkProgress
	var cs []Change
	for i, n := range r.names {
		switch n {
		case EventBulkProgress:
			ps = append(ps, r.events[i].(desk.BulkProgress))
		case EventChanged:
			if c := r.events[i].(Change); c.Topics[0] == TopicTickets {
				cs = append(cs, c)
			}
		}
	}
	return ps, cs
}

// bulkApp is an app with a workspace, a customer and n tickets.
func bulkApp(t *testing.T, n int) (*App, *recordingEmitter, []string) {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "deskline.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	em := &recordingEmitter{}
	a := New(st, em, slog.New(slog.NewTextHandler(new(bytes.Buffer), nil)))
	if _, err := a.Setup.Initialize("Acme", "Asha", testPIN); err != nil {
		t.Fatal(err)
	}
	subjects, _ := a.Catalog.ListSubjects(false)
	c, err := a.Contacts.Save(desk.ContactInput{Kind: "customer", Name: "Carla", Mobile: "0771 234 567"})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, n)
	for i := range ids {
		d, err := a.Tickets.Create(desk.NewTicket{SubjectIDs: []string{subjects[0].ID}, ContactID: c.ID, Mobile: c.Mobile})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = d.Ticket.ID
	}
	em.reset()
	return a, em, ids
}

func TestBulkServiceProgress(t *testing.T) {
	a, em, ids := bulkApp(t, 300)
	if _, err := a.Tickets.SetPriority(ids[7], "urgent"); err != nil {
		t.Fatal(err)
	}
	em.reset()
	res, err := a.Tickets.Bulk(desk.BulkRequest{JobID: "job-1", TicketIDs: ids, Action: desk.BulkSetPriority, Priority: "urgent"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Done != 299 || len(res.Skipped) != 1 || res.JobID != "job-1" || res.Summary != "299 changed, 1 skipped" {
		t.Fatalf("result = %d done, skipped %+v, job %q, %q", res.Done, res.Skipped, res.JobID, res.Summary)
	}
	progress, changes := em.bulk()
	if len(progress) < 10 || len(progress) > 60 {
		t.Fatalf("%d progress events for 300 tickets, want a steady few dozen", len(progress))
	}
	last := 0
	for _, p := range progress {
		if p.JobID != "job-1" || p.Total != 300 || p.Done <= last {
			t.Fatalf("progress %+v after %d", p, last)
		}
		last = p.Done
	}
	if progress[0].Done != 1 || last != 300 {
		t.Fatalf("progress runs from %d to %d, want 1 to 300", progress[0].Done, last)
	}
	if len(changes) != 1 || len(changes[0].TicketIDs) != 299 {
		t.Fatalf("changes = %d events, want one naming the 299 changed tickets", len(changes))
	}
	// The change event comes after the last progress event.
	if em.names[len(em.names)-1] == EventBulkProgress {
		t.Fatal("the change event came before the last progress event")
	}
}

func TestBulkServiceRefused(t *testing.T) {
	a, em, ids := bulkApp(t, 2)
	_, err := a.Tickets.Bulk(desk.BulkRequest{TicketIDs: ids, Action: desk.BulkClose})
	if desk.ErrorField(err) != "customerConfirmed" {
		t.Fatalf("close without confirmation: %v", err)
	}
	_, err = a.Tickets.Bulk(desk.BulkRequest{Action: desk.BulkAddNote, Note: "Hi"})
	if desk.ErrorField(err) != "ticketIds" {
		t.Fatalf("empty selection: %v", err)
	}
	// Nothing to do on any ticket: no change event, and a job id is made up.
	res, err := a.Tickets.Bulk(desk.BulkRequest{TicketIDs: ids, Action: desk.BulkClose, CustomerConfirmed: true})
	if err != nil || res.Done != 0 || len(res.Skipped) != 2 || res.JobID == "" {
		t.Fatalf("close of open tickets: %v %+v", err, res)
	}
	if _, changes := em.bulk(); len(changes) != 0 {
		t.Fatalf("changes = %+v, want none when nothing changed", changes)
	}
}

func TestListIDs(t *testing.T) {
	a, _, ids := bulkApp(t, 3)
	got, err := a.Tickets.ListIDs(desk.TicketFilter{View: desk.ViewMine, Limit: 1})
	if err != nil || len(got.IDs) != 3 || got.Total != 3 || got.Capped {
		t.Fatalf("ids = %+v, %v; want all three", got, err)
	}
	if got.IDs[0] != ids[2] {
		t.Fatalf("first id = %s, want the newest ticket first", got.IDs[0])
	}
}

// Select all in a view larger than a bulk action takes stops at the cap and
// says so; the ids it gives are all the view's, newest first.
func TestListIDsCapped(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds 1,500 tickets")
	}
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "deskline.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := seed.Bulk(context.Background(), st, seed.Options{Tickets: 1500, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	a := New(st, &recordingEmitter{}, slog.New(slog.NewTextHandler(new(bytes.Buffer), nil)))
	signInLast(t, a)
	all := desk.TicketFilter{View: desk.ViewAll, Statuses: []string{"open", "in_progress", "waiting", "resolved", "closed"}, Sort: desk.SortCreated}
	got, err := a.Tickets.ListIDs(all)
	if err != nil {
		t.Fatal(err)
	}
	if got.Total != 1500 || len(got.IDs) != desk.MaxBulkTickets || !got.Capped || got.Message == "" {
		t.Fatalf("ids = %d of %d, capped %v, %q; want the first %d and a message", len(got.IDs), got.Total, got.Capped, got.Message, desk.MaxBulkTickets)
	}
	page, err := a.Tickets.List(desk.TicketFilter{View: all.View, Statuses: all.Statuses, Sort: all.Sort, Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range page.Rows {
		if got.IDs[i] != r.ID {
			t.Fatalf("id %d = %s, want the queue's row %s", i, got.IDs[i], r.ID)
		}
	}
	seen := map[string]bool{}
	for _, id := range got.IDs {
		if seen[id] {
			t.Fatalf("id %s given twice", id)
		}
		seen[id] = true
	}
}
