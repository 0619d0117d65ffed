package store

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"deskline/internal/desk"
)

// FuzzOpDecoder: whatever another machine sends as an operation (its JSON,
// as the hub hands it over), decoding and checking it never panics, and an
// operation refused is refused as invalid with a short message (never an
// echo of the input); the verdict is the same when asked twice. Seeds are real
// operations of a desk, one of each kind made here, and each kind with an
// empty payload.
func FuzzOpDecoder(f *testing.F) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(f.TempDir(), "deskline.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	admin, err := s.InitWorkspace(ctx, "Acme", "Asha")
	if err != nil {
		f.Fatal(err)
	}
	subjects, _ := s.ListCatalog(ctx, desk.CatalogSubject, false)
	c, err := s.SaveContact(ctx, admin.ID, desk.ContactInput{Kind: "customer", Name: "Carla Customer", Mobile: "0771234567"})
	if err != nil {
		f.Fatal(err)
	}
	id, err := s.CreateTicket(ctx, admin.ID, desk.NewTicket{SubjectIDs: []string{subjects[0].ID}, ContactID: c.ID, Mobile: c.Mobile, Description: "Card blocked"})
	if err != nil {
		f.Fatal(err)
	}
	if err := s.AddNote(ctx, admin.ID, id, "Called back", "call"); err != nil {
		f.Fatal(err)
	}
	ops, _, err := s.ListOps(ctx, 0, 100)
	if err != nil || len(ops) == 0 {
		f.Fatalf("ops: %d, %v", len(ops), err)
	}
	for _, op := range ops {
		b, _ := json.Marshal(op)
		f.Add(b)
	}
	base := ops[len(ops)-1]
	for name := range kinds {
		op := base
		op.Kind, op.Payload = name, json.RawMessage(`{}`)
		b, _ := json.Marshal(op)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var op desk.Op
		if json.Unmarshal(data, &op) != nil {
			return
		}
		_, err := prepareOp(op)
		_, again := prepareOp(op)
		if (err == nil) != (again == nil) {
			t.Fatalf("asked twice, answered %v then %v", err, again)
		}
		if err == nil {
			return
		}
		if desk.ErrorCode(err) != desk.EINVALID {
			t.Fatalf("refused as %q, not invalid: %v", desk.ErrorCode(err), err)
		}
		if n := len(err.Error()); n > 400 {
			t.Fatalf("the refusal is %d bytes long: %.120q…", n, err.Error())
		}
	})
}
