package store_test

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"testing"
	"time"

	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite"

	"deskline/db"
	"deskline/internal/desk"
	"deskline/internal/store"
)

// A desk written by the version before the dashboard's read model (schema 7)
// opens with the read model rebuilt: its unassigned tickets are counted.
func TestUpgradeFromSchema7CountsUnassigned(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "deskline.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	f := mustWorkspace(t, s)
	for i := 0; i < 3; i++ {
		id, err := s.CreateTicket(ctx, f.admin.ID, desk.NewTicket{SubjectIDs: []string{f.subjects["Complaint"]},
			ContactID: f.customer.ID, Mobile: f.customer.Mobile, Priority: "medium"})
		if err != nil {
			t.Fatal(err)
		}
		if i < 2 {
			if err := s.RemoveAssignee(ctx, f.admin.ID, id, f.admin.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// Take the file back to schema 7, as the earlier version left it.
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	migrations, err := fs.Sub(db.Migrations, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, raw, migrations)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 7); err != nil {
		t.Fatal(err)
	}
	var left int
	if err := raw.QueryRow("SELECT count(*) FROM queue_counts WHERE user_id = '(unassigned)'").Scan(&left); err != nil || left != 0 {
		t.Fatalf("schema 7 still counts unassigned tickets: %d, %v", left, err)
	}
	raw.Close()

	s, err = store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d, err := s.Dashboard(ctx, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if d.Active != 3 || d.Unassigned != 2 {
		t.Errorf("after the upgrade: active %d, unassigned %d; want 3 and 2", d.Active, d.Unassigned)
	}
	backups, _ := filepath.Glob(path + ".schema-7-*.bak")
	if len(backups) != 1 {
		t.Errorf("backups before migrating = %v, want one of schema 7", backups)
	}
}
