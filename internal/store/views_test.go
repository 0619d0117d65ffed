package store_test

import (
	"context"
	"strings"
	"testing"

	"deskline/internal/desk"
	"deskline/internal/store"
)

func viewNames(tb testing.TB, s *store.Store, userID string) map[string]desk.SavedView {
	tb.Helper()
	vs, err := s.ListViews(context.Background(), userID)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]desk.SavedView{}
	for _, v := range vs {
		out[v.Name] = v
	}
	return out
}

func TestSavedViews(t *testing.T) {
	ctx := context.Background()
	f := mustWorkspace(t, MustOpen(t))
	s := f.s
	bob, err := s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Bob", Role: "support"})
	if err != nil {
		t.Fatal(err)
	}
	mia, err := s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Mia", Role: "manager"})
	if err != nil {
		t.Fatal(err)
	}
	a := f.mustTicket(t, "Complaint")
	f.mustTicket(t, "General Inquiry")
	if err := s.SetPriority(ctx, f.admin.ID, a, "high"); err != nil {
		t.Fatal(err)
	}
	high := desk.TicketFilter{Priorities: []string{"high", "urgent"}, Sort: "created", Offset: 50, Limit: 10}

	var bobs desk.SavedView
	t.Run("OK", func(t *testing.T) {
		bobs, err = s.SaveView(ctx, bob.ID, desk.ViewInput{Name: "  My hot ones ", Pinned: true, Filter: high})
		if err != nil {
			t.Fatal(err)
		}
		if bobs.ID == "" || bobs.Name != "My hot ones" || !bobs.Pinned || bobs.Shared || !bobs.CanEdit || bobs.Owner.Name != "Bob" {
			t.Fatalf("saved %+v", bobs)
		}
		if bobs.Count != 1 || bobs.Filter.Sort != "created" || bobs.Filter.View != "all" || bobs.Filter.Offset != 0 || bobs.Filter.Limit != 0 {
			t.Fatalf("count %d filter %+v", bobs.Count, bobs.Filter)
		}
		if bobs.Filter.Statuses == nil {
			t.Fatal("empty lists come back null")
		}
		// The count is live.
		if err := s.SetPriority(ctx, f.admin.ID, a, "low"); err != nil {
			t.Fatal(err)
		}
		if n := viewNames(t, s, bob.ID)["My hot ones"].Count; n != 0 {
			t.Fatalf("count after the ticket changed = %d, want 0", n)
		}
		// Personal views are their owner's alone.
		if _, ok := viewNames(t, s, mia.ID)["My hot ones"]; ok {
			t.Fatal("Mia sees Bob's personal view")
		}
	})
	t.Run("Rename", func(t *testing.T) {
		v, err := s.SaveView(ctx, bob.ID, desk.ViewInput{ID: bobs.ID, Name: "Hot", Pinned: false, Filter: high})
		if err != nil {
			t.Fatal(err)
		}
		if v.ID != bobs.ID || v.Name != "Hot" || v.Pinned || v.Count != -1 {
			t.Fatalf("renamed and unpinned %+v", v)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, c := range []struct {
			in    desk.ViewInput
			field string
		}{
			{desk.ViewInput{Name: "  "}, "name"},
			{desk.ViewInput{Name: strings.Repeat("v", desk.MaxViewName+1)}, "name"},
			{desk.ViewInput{Name: "hot"}, "name"}, // taken (any case)
			{desk.ViewInput{Name: "X", Filter: desk.TicketFilter{Statuses: []string{"lost"}}}, "statuses"},
			{desk.ViewInput{Name: "X", Filter: desk.TicketFilter{CreatedFrom: "2026-03-05", CreatedTo: "2026-03-01"}}, "createdTo"},
			{desk.ViewInput{Name: "X", Filter: desk.TicketFilter{Sort: "random"}}, "sort"},
		} {
			_, err := s.SaveView(ctx, bob.ID, c.in)
			wantCode(t, err, desk.EINVALID, c.field)
		}
	})
	t.Run("SharedViews", func(t *testing.T) {
		_, err := s.SaveView(ctx, bob.ID, desk.ViewInput{Name: "Team", Shared: true})
		wantCode(t, err, desk.EFORBIDDEN, "")
		team, err := s.SaveView(ctx, mia.ID, desk.ViewInput{Name: "Team", Shared: true, Pinned: true, Filter: desk.TicketFilter{View: "mine"}})
		if err != nil {
			t.Fatal(err)
		}
		// Everyone sees it, counted for themselves; only managers and admins may change it.
		bv := viewNames(t, s, bob.ID)["Team"]
		if bv.ID != team.ID || bv.CanEdit || !bv.Shared {
			t.Fatalf("Bob sees %+v", bv)
		}
		if av := viewNames(t, s, f.admin.ID)["Team"]; !av.CanEdit || av.Count != 2 || bv.Count != 0 {
			t.Fatalf("admin sees %+v; Bob's count %d", av, bv.Count)
		}
		_, err = s.SaveView(ctx, bob.ID, desk.ViewInput{ID: team.ID, Name: "Mine now"})
		wantCode(t, err, desk.EFORBIDDEN, "")
		wantCode(t, s.DeleteView(ctx, bob.ID, team.ID), desk.EFORBIDDEN, "")
		// Bob cannot take the name of a view he can see.
		_, err = s.SaveView(ctx, bob.ID, desk.ViewInput{Name: "TEAM"})
		wantCode(t, err, desk.EINVALID, "name")
		// An admin edits it; the owner stays Mia.
		v, err := s.SaveView(ctx, f.admin.ID, desk.ViewInput{ID: team.ID, Name: "Team queue", Shared: true, Pinned: true})
		if err != nil {
			t.Fatal(err)
		}
		if v.Owner.ID != mia.ID || v.Name != "Team queue" {
			t.Fatalf("edited %+v", v)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := s.SaveView(ctx, mia.ID, desk.ViewInput{ID: bobs.ID, Name: "Taken over"})
		wantCode(t, err, desk.ENOTFOUND, "")
		wantCode(t, s.DeleteView(ctx, mia.ID, bobs.ID), desk.ENOTFOUND, "")
		wantCode(t, s.DeleteView(ctx, bob.ID, "no-such-view"), desk.ENOTFOUND, "")
	})
	t.Run("Delete", func(t *testing.T) {
		if err := s.DeleteView(ctx, bob.ID, bobs.ID); err != nil {
			t.Fatal(err)
		}
		if _, ok := viewNames(t, s, bob.ID)["Hot"]; ok {
			t.Fatal("deleted view still listed")
		}
		_, err := s.SaveView(ctx, bob.ID, desk.ViewInput{ID: bobs.ID, Name: "Back"})
		wantCode(t, err, desk.ENOTFOUND, "")
		wantCode(t, s.DeleteView(ctx, bob.ID, bobs.ID), desk.ENOTFOUND, "")
	})
}

// TestSavedViewsMerge: two desks that edit and delete the same views end up
// the same, whatever order they see each other's operations in.
func TestSavedViewsMerge(t *testing.T) {
	ctx := context.Background()
	one := mustWorkspace(t, MustOpen(t))
	two := MustOpen(t)
	if err := two.ApplyOps(ctx, allOps(t, one.s)); err != nil {
		t.Fatal(err)
	}
	v, err := one.s.SaveView(ctx, one.admin.ID, desk.ViewInput{Name: "Base", Shared: true})
	if err != nil {
		t.Fatal(err)
	}
	w, err := one.s.SaveView(ctx, one.admin.ID, desk.ViewInput{Name: "Doomed"})
	if err != nil {
		t.Fatal(err)
	}
	if err := two.ApplyOps(ctx, allOps(t, one.s)); err != nil {
		t.Fatal(err)
	}
	before := len(allOps(t, one.s))
	// Concurrent: one renames Base, two renames it too; one
	// renames Doomed while two deletes it.
	if _, err := one.s.SaveView(ctx, one.admin.ID, desk.ViewInput{ID: v.ID, Name: "From one", Shared: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := one.s.SaveView(ctx, one.admin.ID, desk.ViewInput{ID: w.ID, Name: "Doomed but edited"}); err != nil {
		t.Fatal(err)
	}
	if _, err := two.SaveView(ctx, one.admin.ID, desk.ViewInput{ID: v.ID, Name: "From two", Shared: true}); err != nil {
		t.Fatal(err)
	}
	if err := two.DeleteView(ctx, one.admin.ID, w.ID); err != nil {
		t.Fatal(err)
	}
	fromOne := allOps(t, one.s)[before:]
	fromTwo := allOps(t, two)[before:]
	if err := one.s.ApplyOps(ctx, fromTwo); err != nil {
		t.Fatal(err)
	}
	// Two sees one's operations in reverse order.
	for i := len(fromOne) - 1; i >= 0; i-- {
		if err := two.ApplyOps(ctx, fromOne[i:i+1]); err != nil {
			t.Fatal(err)
		}
	}
	a, b := viewNames(t, one.s, one.admin.ID), viewNames(t, two, one.admin.ID)
	if len(a) != 1 || len(b) != 1 {
		t.Fatalf("one has %v, two has %v; want only the renamed Base (Doomed deleted)", a, b)
	}
	// The winner is the save with the later stamp (HLC, then installation).
	var last desk.Op
	for _, op := range append(fromOne, fromTwo...) {
		if op.EntityID == v.ID && (op.HLC > last.HLC || op.HLC == last.HLC && op.InstallID > last.InstallID) {
			last = op
		}
	}
	want := "From one"
	if strings.Contains(string(last.Payload), "From two") {
		want = "From two"
	}
	if a[want].ID != v.ID || b[want].ID != v.ID {
		t.Fatalf("last writer (%s) did not win: one %v, two %v", want, a, b)
	}
}
