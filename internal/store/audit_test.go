package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"deskline/internal/desk"
	"deskline/internal/store"
)

// auditDesk makes a desk with a few changes on a file of its own and returns
// the file, the fixture and the ticket.
func auditDesk(t *testing.T) (string, fixture, string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "deskline.db")
	s, err := store.Open(ctx, path, store.WithClock(newClock()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	f := mustWorkspace(t, s)
	id := f.mustTicket(t, "Complaint")
	if err := s.SetPriority(ctx, f.admin.ID, id, "high"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddNote(ctx, f.admin.ID, id, "Called the customer back", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Bilal Support", Role: "support", Active: true}); err != nil {
		t.Fatal(err)
	}
	return path, f, id
}

// closedAuditDesk is auditDesk's file, closed.
func closedAuditDesk(t *testing.T) string {
	t.Helper()
	path, f, _ := auditDesk(t)
	if err := f.s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// tamper runs SQL on the closed database file, as someone editing it by hand.
func tamper(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func lastSeq(t *testing.T, path string) int64 {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int64
	if err := db.QueryRow("SELECT max(seq) FROM ops").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func verifyAfter(t *testing.T, path string, stmts ...string) desk.AuditVerdict {
	t.Helper()
	tamper(t, path, stmts...)
	s := MustOpenAt(t, path)
	v, err := s.VerifyAudit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestVerifyAudit(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		s := MustOpen(t)
		v, err := s.VerifyAudit(ctx)
		if err != nil || !v.OK || !strings.Contains(v.Message, "empty") {
			t.Fatalf("empty desk: %+v, %v", v, err)
		}
		f := mustWorkspace(t, s)
		f.mustTicket(t, "Complaint")
		v, err = s.VerifyAudit(ctx)
		if err != nil || !v.OK || v.Checked < 3 || v.Problem != "" {
			t.Fatalf("verdict = %+v, %v", v, err)
		}
	})
	t.Run("Sealed on reopen", func(t *testing.T) {
		// Entries logged before the trail existed are sealed when the store opens.
		path := closedAuditDesk(t)
		n := lastSeq(t, path)
		v := verifyAfter(t, path, "UPDATE ops SET hash = ''")
		if !v.OK || v.Checked != n {
			t.Fatalf("after sealing: %+v (want %d entries)", v, n)
		}
	})
	t.Run("ErrEdited", func(t *testing.T) {
		path := closedAuditDesk(t)
		n := lastSeq(t, path)
		target := n - 1 // the note
		v := verifyAfter(t, path, `UPDATE ops SET payload = '{"body":"Nothing to see"}' WHERE seq = `+itoa(target))
		if v.OK || v.Problem != "edited" || v.Seq != target || v.Kind != "ticket.note" || v.Actor != "Asha Admin" {
			t.Fatalf("verdict = %+v", v)
		}
		if !strings.Contains(v.Message, "Entry "+itoa(target)+" (") || !strings.Contains(v.Message, "Note, by Asha Admin") {
			t.Fatalf("message = %q", v.Message)
		}
	})
	t.Run("ErrEditedAndResealed", func(t *testing.T) {
		// Recomputing the edited entry's own hash breaks the next one.
		path := closedAuditDesk(t)
		n := lastSeq(t, path)
		v := verifyAfter(t, path,
			`UPDATE ops SET actor_id = '00000000-0000-7000-8000-000000000000', hash = '' WHERE seq = `+itoa(n-1))
		// The store reseals the blanked entry on open, over the entry before it;
		// the entry after it no longer matches.
		if v.OK || v.Problem != "edited" || v.Seq != n {
			t.Fatalf("verdict = %+v", v)
		}
	})
	t.Run("ErrDeleted", func(t *testing.T) {
		path := closedAuditDesk(t)
		n := lastSeq(t, path)
		v := verifyAfter(t, path, "DELETE FROM ops WHERE seq = "+itoa(n-2))
		if v.OK || v.Problem != "deleted" || v.Seq != n-2 {
			t.Fatalf("verdict = %+v", v)
		}
		if !strings.Contains(v.Message, "Entry "+itoa(n-2)+" is missing") {
			t.Fatalf("message = %q", v.Message)
		}
	})
	t.Run("ErrDeletedLast", func(t *testing.T) {
		path := closedAuditDesk(t)
		n := lastSeq(t, path)
		v := verifyAfter(t, path, "DELETE FROM ops WHERE seq >= "+itoa(n-1))
		if v.OK || v.Problem != "deleted" || v.Seq != n-1 || !strings.Contains(v.Message, "missing from the end") {
			t.Fatalf("verdict = %+v", v)
		}
	})
	t.Run("ErrDeletedLastAndResealed", func(t *testing.T) {
		// Blanking the hash of the entry left last does not move the head back.
		path := closedAuditDesk(t)
		n := lastSeq(t, path)
		v := verifyAfter(t, path, "DELETE FROM ops WHERE seq = "+itoa(n), "UPDATE ops SET hash = '' WHERE seq = "+itoa(n-1))
		if v.OK || v.Problem != "deleted" || v.Seq != n {
			t.Fatalf("verdict = %+v", v)
		}
	})
	t.Run("ErrReordered", func(t *testing.T) {
		path := closedAuditDesk(t)
		n := lastSeq(t, path)
		a, b := itoa(n-2), itoa(n-1)
		v := verifyAfter(t, path,
			"UPDATE ops SET seq = -1 WHERE seq = "+a,
			"UPDATE ops SET seq = "+a+" WHERE seq = "+b,
			"UPDATE ops SET seq = "+b+" WHERE seq = -1")
		if v.OK || v.Problem != "reordered" || v.Seq != n-2 || v.Kind != "ticket.note" {
			t.Fatalf("verdict = %+v", v)
		}
		if !strings.Contains(v.Message, "recorded after entry "+b) {
			t.Fatalf("message = %q", v.Message)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestListAudit(t *testing.T) {
	ctx := context.Background()
	_, f, _ := auditDesk(t)
	s := f.s
	all, err := s.ListAudit(ctx, desk.AuditFilter{}, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if all.Total != int64(len(all.Entries)) || all.Total < 5 {
		t.Fatalf("total = %d, entries = %d", all.Total, len(all.Entries))
	}
	if all.Entries[0].Seq < all.Entries[len(all.Entries)-1].Seq {
		t.Fatal("not newest first")
	}
	top := all.Entries[0]
	if top.What != "User Bilal Support saved (Support user)" || top.Actor != "Asha Admin" || !strings.HasPrefix(top.WorkstationName, "This workstation") {
		t.Fatalf("newest = %+v", top)
	}

	t.Run("by ticket", func(t *testing.T) {
		p, err := s.ListAudit(ctx, desk.AuditFilter{Ticket: "#1"}, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		var whats []string
		for _, e := range p.Entries {
			if e.TicketNumber != 1 {
				t.Fatalf("entry of another ticket: %+v", e)
			}
			whats = append(whats, e.What)
		}
		got := strings.Join(whats, " | ")
		for _, want := range []string{"Note on #1", "Priority: Medium → High on #1", "Ticket #1 created"} {
			if !strings.Contains(got, want) {
				t.Errorf("missing %q in %q", want, got)
			}
		}
		for _, e := range p.Entries {
			if e.Kind == "ticket.set" && (e.Old != "Medium" || e.New != "High") {
				t.Errorf("old/new = %q/%q", e.Old, e.New)
			}
		}
	})
	t.Run("by kind and user", func(t *testing.T) {
		p, err := s.ListAudit(ctx, desk.AuditFilter{Kind: "ticket.note", ActorID: f.admin.ID}, 0, 100)
		if err != nil || p.Total != 1 || p.Entries[0].Kind != "ticket.note" {
			t.Fatalf("page = %+v, %v", p, err)
		}
		p, err = s.ListAudit(ctx, desk.AuditFilter{ActorID: "0190b6c8-0000-7000-8000-000000000001"}, 0, 100)
		if err != nil || p.Total != 0 {
			t.Fatalf("another user's changes = %+v, %v", p, err)
		}
	})
	t.Run("by date", func(t *testing.T) {
		// The test clock stands on 2 March 2026.
		p, err := s.ListAudit(ctx, desk.AuditFilter{From: "2026-03-02", To: "2026-03-02", Zone: "Europe/London"}, 0, 100)
		if err != nil || p.Total != all.Total {
			t.Fatalf("that day = %d, %v (want %d)", p.Total, err, all.Total)
		}
		p, err = s.ListAudit(ctx, desk.AuditFilter{From: "2026-03-03"}, 0, 100)
		if err != nil || p.Total != 0 {
			t.Fatalf("the day after = %d, %v", p.Total, err)
		}
	})
	t.Run("paged", func(t *testing.T) {
		p, err := s.ListAudit(ctx, desk.AuditFilter{}, 2, 2)
		if err != nil || len(p.Entries) != 2 || p.Entries[0].Seq != all.Entries[2].Seq {
			t.Fatalf("page = %+v, %v", p, err)
		}
	})
	t.Run("ErrBadFilter", func(t *testing.T) {
		_, err := s.ListAudit(ctx, desk.AuditFilter{Ticket: "twelve"}, 0, 10)
		wantCode(t, err, desk.EINVALID, "ticket")
		_, err = s.ListAudit(ctx, desk.AuditFilter{From: "2 March"}, 0, 10)
		wantCode(t, err, desk.EINVALID, "from")
	})
	t.Run("export sees every entry", func(t *testing.T) {
		n := 0
		if err := s.EachAudit(ctx, desk.AuditFilter{}, func(desk.AuditEntry) error { n++; return nil }); err != nil {
			t.Fatal(err)
		}
		if int64(n) != all.Total {
			t.Fatalf("exported %d of %d", n, all.Total)
		}
	})
}
