package store_test

import (
	"os"
	"path/filepath"
	"testing"
)

// A data folder whose name holds characters that mean something in a
// connection string (?, #, %) still gets its database, at that very path.
func TestOpenInFolderWithURICharacters(t *testing.T) {
	for _, name := range []string{"desk?mode=ro", "desk#1", "desk%20two", "100% desk?x=1#y", "a&b=c"} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			path := filepath.Join(root, name, "deskline.db")
			s := MustOpenAt(t, path)
			mustWorkspace(t, s)
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
				t.Fatalf("the database is not at %s: %v", path, err)
			}
			entries, _ := os.ReadDir(root)
			if len(entries) != 1 || entries[0].Name() != name {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Fatalf("files beside the data folder: %q, want only %q", names, name)
			}
			// Open again: the same desk, not a new one.
			s = MustOpenAt(t, path)
			if users, err := s.ListUsers(t.Context()); err != nil || len(users) != 1 {
				t.Fatalf("reopened desk has %d users (%v), want 1", len(users), err)
			}
		})
	}
}
