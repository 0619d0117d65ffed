package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// The write connection syncs the WAL at every commit (synchronous=FULL): an
// acknowledged change survives a power cut, not only a crash of the app.
func TestWriteConnectionSynchronousFull(t *testing.T) {
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "deskline.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	check := func(when string) {
		t.Helper()
		var mode int
		if err := s.w.QueryRow("PRAGMA synchronous").Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if mode != 2 {
			t.Fatalf("%s: PRAGMA synchronous = %d on the write connection, want 2 (FULL)", when, mode)
		}
	}
	check("after open")
	// The bulk load turns syncing off for its run and must turn it back on.
	if err := s.BulkLoad(context.Background(), func(*sql.Tx) error { return nil }, nil); err != nil {
		t.Fatal(err)
	}
	check("after a bulk load")
}
