package store_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	_ "modernc.org/sqlite"

	"deskline/internal/desk"
	"deskline/internal/store"
)

// allOps reads the whole change log.
func allOps(tb testing.TB, s *store.Store) []desk.Op {
	tb.Helper()
	ops, _, err := s.ListOps(context.Background(), 0, 1_000_000)
	if err != nil {
		tb.Fatal(err)
	}
	return ops
}

// snapshot is every ticket with its detail, in number order, for comparison.
// The SLA views are reduced to their states: the time left depends on each
// store's own clock.
func snapshot(tb testing.TB, s *store.Store) []desk.TicketDetail {
	tb.Helper()
	ctx := context.Background()
	page, err := s.ListTickets(ctx, "", desk.TicketFilter{Statuses: []string{"open", "in_progress", "waiting", "resolved", "closed"}, Sort: "created", Limit: 500})
	if err != nil {
		tb.Fatal(err)
	}
	var out []desk.TicketDetail
	for i := len(page.Rows) - 1; i >= 0; i-- {
		d, err := s.GetTicket(ctx, page.Rows[i].ID)
		if err != nil {
			tb.Fatal(err)
		}
		d.Ticket.SLA = stateOnly(d.Ticket.SLA)
		for i := range d.OtherTickets {
			d.OtherTickets[i].SLA = stateOnly(d.OtherTickets[i].SLA)
		}
		if d.SLA != nil {
			for i := range d.SLA.Clocks {
				d.SLA.Clocks[i].LeftSeconds, d.SLA.Clocks[i].OverdueSeconds, d.SLA.Clocks[i].ElapsedSeconds = 0, 0, 0
			}
		}
		out = append(out, d)
	}
	return out
}

func stateOnly(b *desk.SLABadge) *desk.SLABadge {
	if b == nil {
		return nil
	}
	return &desk.SLABadge{Clock: b.Clock, State: b.State, Due: b.Due}
}

func TestChangeLog(t *testing.T) {
	ctx := context.Background()
	f := mustWorkspace(t, MustOpen(t))
	s := f.s
	before := len(allOps(t, s))
	// workspace + admin + 5 subjects + 5 sources + 1 customer
	if before != 13 {
		t.Fatalf("ops after setup = %d, want 13", before)
	}
	a := f.mustTicket(t, "Complaint", "Account Issue")
	bob, err := s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Bob", Role: "support"})
	if err != nil {
		t.Fatal(err)
	}
	steps := []error{
		s.ChangeStatus(ctx, f.admin.ID, a, desk.StatusChange{Status: "in_progress", Note: "On it"}),
		s.AddNote(ctx, f.admin.ID, a, "Asked for ID", ""),
		s.AddAssignees(ctx, f.admin.ID, a, []string{bob.ID}),
		s.RemoveSubject(ctx, f.admin.ID, a, f.subjects["Account Issue"]),
		s.SetPriority(ctx, bob.ID, a, "high"),
		s.ChangeStatus(ctx, bob.ID, a, desk.StatusChange{Status: "in_progress"}), // no change: no op
		s.RemoveAssignee(ctx, bob.ID, a, f.admin.ID),
		s.ChangeStatus(ctx, bob.ID, a, desk.StatusChange{Status: "resolved", Resolution: "Done"}),
	}
	for i, err := range steps {
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	b := f.mustTicket(t, "General Inquiry")
	if err := s.ChangeStatus(ctx, f.admin.ID, b, desk.StatusChange{Status: "closed", CustomerConfirmed: true}); err != nil {
		t.Fatal(err)
	}

	ops := allOps(t, s)
	// ticket a (1) + bob (1) + 7 changes + ticket b (1) + close (1)
	if got := len(ops) - before; got != 11 {
		t.Fatalf("new ops = %d, want one per change (11)", got)
	}
	t.Run("StampsIncrease", func(t *testing.T) {
		seen := map[string]bool{}
		for i, op := range ops {
			if seen[op.ID] {
				t.Fatalf("duplicate op id %s", op.ID)
			}
			seen[op.ID] = true
			if op.InstallID != s.InstallID() || op.Counter != int64(i+1) {
				t.Fatalf("op %d: install %s counter %d", i, op.InstallID, op.Counter)
			}
			if i > 0 && op.HLC <= ops[i-1].HLC {
				t.Fatalf("op %d: HLC %d not after %d", i, op.HLC, ops[i-1].HLC)
			}
			if !json.Valid(op.Payload) {
				t.Fatalf("op %d: payload %q", i, op.Payload)
			}
		}
	})
	t.Run("ReplayReproduces", func(t *testing.T) {
		replica := MustOpen(t)
		if err := replica.ApplyOps(ctx, ops); err != nil {
			t.Fatal(err)
		}
		want, got := snapshot(t, s), snapshot(t, replica)
		if len(want) != 2 {
			t.Fatalf("source has %d tickets", len(want))
		}
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("replay differs:\n got %+v\nwant %+v", got, want)
		}
		// Applying the same log again changes nothing.
		if err := replica.ApplyOps(ctx, ops); err != nil {
			t.Fatal(err)
		}
		if again := snapshot(t, replica); !reflect.DeepEqual(want, again) {
			t.Fatal("re-applying the log changed the tickets")
		}
		if n := len(allOps(t, replica)); n != len(ops) {
			t.Fatalf("replica log has %d ops, want %d", n, len(ops))
		}
	})
	t.Run("ReplayAnyOrderConverges", func(t *testing.T) {
		// Two replicas see the operations made after ticket a in opposite
		// orders; they must end up with the same tickets.
		r1, r2 := MustOpen(t), MustOpen(t)
		head := ops[:before+1]
		tail := ops[before+1:]
		rev := make([]desk.Op, len(tail))
		for i := range tail {
			rev[len(tail)-1-i] = tail[i]
		}
		// Ticket b's create must precede its close, and bob's user must precede
		// his changes: keep causal order for those, reverse the rest.
		if err := r1.ApplyOps(ctx, append(append([]desk.Op{}, head...), tail...)); err != nil {
			t.Fatal(err)
		}
		for _, op := range rev {
			if op.Kind == "user.save" || op.Kind == "ticket.create" {
				if err := r2.ApplyOps(ctx, append(append([]desk.Op{}, head...), op)); err != nil {
					t.Fatal(err)
				}
			}
		}
		for _, op := range rev {
			if err := r2.ApplyOps(ctx, []desk.Op{op}); err != nil {
				t.Fatal(err)
			}
		}
		s1, s2 := snapshot(t, r1), snapshot(t, r2)
		for i := range s1 {
			if !reflect.DeepEqual(s1[i].Ticket, s2[i].Ticket) || s1[i].Description != s2[i].Description {
				t.Fatalf("ticket %d differs:\n%+v\n%+v", i, s1[i].Ticket, s2[i].Ticket)
			}
		}
	})
}

func TestConcurrentAddRemoveAddWins(t *testing.T) {
	// Machine A removes Bob while machine B (which never saw that remove)
	// assigns him again: the add must win on both.
	ctx := context.Background()
	f := mustWorkspace(t, MustOpen(t))
	s := f.s
	a := f.mustTicket(t, "Complaint")
	bob, _ := s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Bob", Role: "support"})
	if err := s.AddAssignees(ctx, f.admin.ID, a, []string{bob.ID}); err != nil {
		t.Fatal(err)
	}
	base := allOps(t, s)
	other := MustOpen(t)
	if err := other.ApplyOps(ctx, base); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveAssignee(ctx, f.admin.ID, a, bob.ID); err != nil {
		t.Fatal(err)
	}
	// On the other machine: remove then re-add (a new tag A never saw).
	if err := other.RemoveAssignee(ctx, f.admin.ID, a, bob.ID); err != nil {
		t.Fatal(err)
	}
	if err := other.AddAssignees(ctx, f.admin.ID, a, []string{bob.ID}); err != nil {
		t.Fatal(err)
	}
	fromA, fromB := allOps(t, s)[len(base):], allOps(t, other)[len(base):]
	if err := s.ApplyOps(ctx, fromB); err != nil {
		t.Fatal(err)
	}
	if err := other.ApplyOps(ctx, fromA); err != nil {
		t.Fatal(err)
	}
	for _, st := range []*store.Store{s, other} {
		d, err := st.GetTicket(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, u := range d.Ticket.Assignees {
			found = found || u.ID == bob.ID
		}
		if !found {
			t.Fatalf("bob lost on one machine: %+v", d.Ticket.Assignees)
		}
	}
}

func TestConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "deskline.db")
	s := MustOpenAt(t, path)
	f := mustWorkspace(t, s)

	t.Run("Goroutines", func(t *testing.T) {
		var wg sync.WaitGroup
		errs := make(chan error, 80)
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 10; i++ {
					_, err := s.CreateTicket(ctx, f.admin.ID, desk.NewTicket{SubjectIDs: []string{f.subjects["Complaint"]}, ContactID: f.customer.ID, Mobile: "0771234567"})
					errs <- err
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
	})

	t.Run("TwoProcesses", func(t *testing.T) {
		// A second process (this test binary, re-run as a writer) and this
		// one create tickets on the same file at the same time.
		const each = 40
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriterProcess$")
		cmd.Env = append(os.Environ(),
			"DESKLINE_TEST_WRITER_DB="+path, "DESKLINE_TEST_WRITER_USER="+f.admin.ID,
			"DESKLINE_TEST_WRITER_SUBJECT="+f.subjects["Complaint"], "DESKLINE_TEST_WRITER_CONTACT="+f.customer.ID,
			"DESKLINE_TEST_WRITER_N="+strconv.Itoa(each))
		out := make(chan error, 1)
		go func() {
			b, err := cmd.CombinedOutput()
			if err != nil {
				err = fmt.Errorf("%v: %s", err, b)
			}
			out <- err
		}()
		for i := 0; i < each; i++ {
			if _, err := s.CreateTicket(ctx, f.admin.ID, desk.NewTicket{SubjectIDs: []string{f.subjects["Complaint"]}, ContactID: f.customer.ID, Mobile: "0771234567"}); err != nil {
				t.Fatal(err)
			}
		}
		if err := <-out; err != nil {
			t.Fatal(err)
		}
		// 80 from the goroutines, 40 here, 40 there; numbers unique and dense.
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var n, distinct, maxN int
		if err := db.QueryRow("SELECT count(*), count(DISTINCT number), max(number) FROM tickets").Scan(&n, &distinct, &maxN); err != nil {
			t.Fatal(err)
		}
		if n != 160 || distinct != 160 || maxN != 160 {
			t.Fatalf("tickets %d, distinct numbers %d, max %d; want 160 each", n, distinct, maxN)
		}
	})
}

// TestHelperWriterProcess is the second process of TestConcurrentWriters.
func TestHelperWriterProcess(t *testing.T) {
	path := os.Getenv("DESKLINE_TEST_WRITER_DB")
	if path == "" {
		t.Skip("run by TestConcurrentWriters")
	}
	n, _ := strconv.Atoi(os.Getenv("DESKLINE_TEST_WRITER_N"))
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := 0; i < n; i++ {
		_, err := s.CreateTicket(context.Background(), os.Getenv("DESKLINE_TEST_WRITER_USER"), desk.NewTicket{
			SubjectIDs: []string{os.Getenv("DESKLINE_TEST_WRITER_SUBJECT")},
			ContactID:  os.Getenv("DESKLINE_TEST_WRITER_CONTACT"), Mobile: "0771234567"})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "deskline.db")
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("INSERT INTO goose_db_version (version_id, is_applied) VALUES (999, 1)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = store.Open(context.Background(), path)
	wantCode(t, err, desk.ECONFLICT, "")
	if msg := desk.ErrorMessage(err); !strings.Contains(msg, "newer version of Deskline") {
		t.Fatalf("message = %q", msg)
	}
}
