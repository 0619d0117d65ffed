//go:build unix

package store_test

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	_ "modernc.org/sqlite"
)

// The data folder and the database files are readable by their user only,
// also when they were made before with looser modes.
func TestDataFolderPrivate(t *testing.T) {
	check := func(t *testing.T, dir string) {
		t.Helper()
		if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("data folder mode %v (%v), want 0700", fi.Mode().Perm(), err)
		}
		for _, name := range []string{"deskline.db", "deskline.db-wal", "deskline.db-shm"} {
			fi, err := os.Stat(filepath.Join(dir, name))
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if fi.Mode().Perm() != 0o600 {
				t.Errorf("%s mode %v, want 0600", name, fi.Mode().Perm())
			}
		}
	}
	t.Run("New", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "data")
		s := MustOpenAt(t, filepath.Join(dir, "deskline.db"))
		mustWorkspace(t, s)
		check(t, dir)
	})
	t.Run("Loose", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "data")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "deskline.db")
		// A database another program made, world-readable, with its WAL.
		raw, err := sql.Open("sqlite", path+"?_pragma=journal_mode(WAL)")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec("CREATE TABLE x (y)"); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"deskline.db", "deskline.db-wal", "deskline.db-shm"} {
			if err := os.Chmod(filepath.Join(dir, name), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		s := MustOpenAt(t, path)
		mustWorkspace(t, s)
		check(t, dir)
		raw.Close()
	})
}
