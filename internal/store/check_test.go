package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"deskline/internal/desk"
	"deskline/internal/store"
)

// closedDesk is a desk with a few tickets on a closed file.
func closedDesk(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "deskline.db")
	s, err := store.Open(context.Background(), path, store.WithClock(newClock()))
	if err != nil {
		t.Fatal(err)
	}
	f := mustWorkspace(t, s)
	for range 30 {
		f.mustTicket(t, "Complaint")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOpenRefusesDamagedFile(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name   string
		damage func(t *testing.T, path string)
		kind   string
	}{
		{"zero bytes", func(t *testing.T, path string) { must(t, os.Truncate(path, 0)) }, store.ProblemDamaged},
		{"truncated", func(t *testing.T, path string) {
			fi, err := os.Stat(path)
			must(t, err)
			must(t, os.Truncate(path, fi.Size()/2))
		}, store.ProblemDamaged},
		{"altered pages", func(t *testing.T, path string) {
			b, err := os.ReadFile(path)
			must(t, err)
			// Scribble over the second and third pages (b-tree pages of the schema's first tables).
			for i := 4096; i < 3*4096 && i < len(b); i++ {
				b[i] = 0xA5
			}
			must(t, os.WriteFile(path, b, 0o600))
		}, store.ProblemDamaged},
		{"not a database", func(t *testing.T, path string) {
			must(t, os.WriteFile(path, bytes.Repeat([]byte("these are not the tickets you are looking for\n"), 200), 0o600))
		}, store.ProblemDamaged},
		{"newer schema", func(t *testing.T, path string) {
			tamper(t, path, "INSERT INTO goose_db_version (version_id, is_applied) VALUES (9999, 1)")
		}, store.ProblemNewer},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := closedDesk(t)
			c.damage(t, path)
			before, err := os.ReadFile(path)
			must(t, err)
			_, err = store.Open(ctx, path)
			var p *store.Problem
			if !errors.As(err, &p) || p.Kind != c.kind {
				t.Fatalf("open: %v, want a %s problem", err, c.kind)
			}
			code := desk.EUNAVAILABLE
			if c.kind == store.ProblemNewer {
				code = desk.ECONFLICT // as before the start-up check
			}
			if desk.ErrorCode(err) != code || p.Message == "" {
				t.Fatalf("code %q message %q", desk.ErrorCode(err), p.Message)
			}
			after, err := os.ReadFile(path)
			must(t, err)
			if !bytes.Equal(before, after) {
				t.Fatal("the damaged file was changed by opening it")
			}
			if _, err := os.Stat(path + "-wal"); err == nil {
				if fi, _ := os.Stat(path + "-wal"); fi.Size() > 0 {
					t.Fatal("something was written to the journal")
				}
			}
			// The full check says the same.
			if _, err := store.CheckFile(ctx, path, true); !errors.As(err, &p) || p.Kind != c.kind {
				t.Fatalf("full check: %v", err)
			}
		})
	}
	t.Run("OK", func(t *testing.T) {
		path := closedDesk(t)
		info, err := store.CheckFile(ctx, path, true)
		if err != nil || info.Schema != store.SchemaVersion() || info.Tickets != 30 {
			t.Fatalf("info = %+v, %v", info, err)
		}
		s, err := store.Open(ctx, path)
		must(t, err)
		s.Close()
	})
	t.Run("new desk", func(t *testing.T) {
		s, err := store.Open(ctx, filepath.Join(t.TempDir(), "deskline.db"))
		must(t, err)
		s.Close()
	})
}
