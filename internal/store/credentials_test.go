package store_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"deskline/internal/desk"
	"deskline/internal/store"
)

func TestSetCredential(t *testing.T) {
	ctx := context.Background()
	f := mustWorkspace(t, MustOpen(t))
	s := f.s
	sales, err := s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Sam Sales", Role: "sales"})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("OwnPIN", func(t *testing.T) {
		if k, _ := s.CredentialKind(ctx, sales.ID); k != "" {
			t.Fatalf("a new user has credential %q", k)
		}
		if err := s.SetCredential(ctx, sales.ID, sales.ID, store.CredentialPIN, "2468"); err != nil {
			t.Fatal(err)
		}
		if ok, err := s.VerifyCredential(ctx, sales.ID, "2468"); err != nil || !ok {
			t.Fatalf("right PIN: %v, %v", ok, err)
		}
		if ok, err := s.VerifyCredential(ctx, sales.ID, "2469"); err != nil || ok {
			t.Fatalf("wrong PIN: %v, %v", ok, err)
		}
	})
	t.Run("HashOnlyInTheLog", func(t *testing.T) {
		for _, op := range allOps(t, s) {
			if op.Kind == store.OpUserCredential && strings.Contains(string(op.Payload), "2468") {
				t.Fatalf("the change log holds the PIN: %s", op.Payload)
			}
		}
	})
	t.Run("AdminResets", func(t *testing.T) {
		if err := s.SetCredential(ctx, f.admin.ID, sales.ID, store.CredentialPassword, "correct horse"); err != nil {
			t.Fatal(err)
		}
		if k, _ := s.CredentialKind(ctx, sales.ID); k != store.CredentialPassword {
			t.Fatalf("kind = %q", k)
		}
		if ok, _ := s.VerifyCredential(ctx, sales.ID, "2468"); ok {
			t.Fatal("the old PIN still works")
		}
	})
	t.Run("ErrOthersPIN", func(t *testing.T) {
		wantCode(t, s.SetCredential(ctx, sales.ID, f.admin.ID, store.CredentialPIN, "1111"), desk.EFORBIDDEN, "")
		if ok, _ := s.VerifyCredential(ctx, f.admin.ID, "1111"); ok {
			t.Fatal("a sales user set the admin's PIN")
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, bad := range []string{"", "123", "12a4", "1234567890123"} {
			wantCode(t, s.SetCredential(ctx, sales.ID, sales.ID, store.CredentialPIN, bad), desk.EINVALID, "pin")
		}
		wantCode(t, s.SetCredential(ctx, sales.ID, sales.ID, store.CredentialPassword, "short"), desk.EINVALID, "pin")
		wantCode(t, s.SetCredential(ctx, sales.ID, sales.ID, "fingerprint", "123456"), desk.EINVALID, "kind")
		wantCode(t, s.SetCredential(ctx, f.admin.ID, "0190a0a0-0000-7000-8000-000000000000", store.CredentialPIN, "1234"), desk.ENOTFOUND, "")
	})
	// A non-admin's change of another user's PIN, pushed by a hostile desk,
	// is refused here too.
	t.Run("ErrPulledOthersPIN", func(t *testing.T) {
		var own desk.Op
		for _, op := range allOps(t, s) {
			if op.Kind == store.OpUserCredential && op.ActorID == sales.ID {
				own = op
			}
		}
		if own.ID == "" {
			t.Fatal("no credential op by the sales user")
		}
		replica := MustOpen(t)
		if err := replica.ApplyOps(ctx, allOps(t, s)); err != nil {
			t.Fatal(err)
		}
		forged := own
		forged.ID = "0190a0a0-0000-7000-8000-0000000000f1"
		forged.Counter = 999
		forged.HLC = own.HLC + 1000
		forged.EntityID = f.admin.ID
		forged.Payload, _ = json.Marshal(map[string]string{"kind": "pin", "hash": "argon2id$v=19$m=47104,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
		err := replica.ApplyOps(ctx, []desk.Op{forged})
		wantCode(t, err, desk.EFORBIDDEN, "")
	})
}
