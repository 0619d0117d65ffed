package store

import (
	"context"
	"path/filepath"
	"testing"

	"deskline/internal/desk"
)

// TestEmitChecksRole makes operations straight through the mutation path, past
// the commands' own checks: the registry still refuses a kind the actor's
// role may not make, and a payload that fails the kind's checks.
func TestEmitChecksRole(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "deskline.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	admin, err := s.InitWorkspace(ctx, "Acme Bank", "Asha Admin")
	if err != nil {
		t.Fatal(err)
	}
	sales, err := s.SaveUser(ctx, admin.ID, desk.UserInput{Name: "Sam Sales", Role: "sales"})
	if err != nil {
		t.Fatal(err)
	}
	try := func(actorID string, fn func(m *mutation) error) error {
		_, err := s.mutate(ctx, actorID, fn)
		return err
	}
	promote := func(m *mutation) error {
		_, err := emit(m, kUserSave, sales.ID, userSave{Name: "Sam Sales", Role: "admin", Active: true})
		return err
	}
	if err := try(sales.ID, promote); desk.ErrorCode(err) != desk.EFORBIDDEN {
		t.Fatalf("a sales user promoting themselves: %v, want forbidden", err)
	}
	if err := try(admin.ID, promote); err != nil {
		t.Fatalf("an admin promoting a user: %v", err)
	}
	err = try(admin.ID, func(m *mutation) error {
		_, err := emit(m, kCatalogSave, newID(), catalogSave{Kind: "subject", Name: "   "})
		return err
	})
	if desk.ErrorCode(err) != desk.EINVALID || desk.ErrorField(err) != "name" {
		t.Fatalf("a subject with no name: %v, want invalid name", err)
	}
	ops, _, err := s.ListOps(ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	last := ops[len(ops)-1]
	if last.Kind != OpUserSave || last.EntityID != sales.ID {
		t.Fatalf("last op = %s on %s: a refused op was logged", last.Kind, last.EntityID)
	}
}
