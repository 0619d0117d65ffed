package paths_test

import (
	"errors"
	"path/filepath"
	"testing"

	"deskline/internal/paths"
)

func TestDataDir(t *testing.T) {
	t.Run("Flag", func(t *testing.T) {
		t.Setenv(paths.EnvDataDir, "/from/env")
		got, err := paths.DataDir("/from/flag")
		if err != nil || got != "/from/flag" {
			t.Fatalf("got %q %v", got, err)
		}
	})
	t.Run("Env", func(t *testing.T) {
		t.Setenv(paths.EnvDataDir, "/from/env")
		got, err := paths.DataDir("")
		if err != nil || got != "/from/env" {
			t.Fatalf("got %q %v", got, err)
		}
	})
	t.Run("Default", func(t *testing.T) {
		t.Setenv(paths.EnvDataDir, "")
		t.Setenv("XDG_DATA_HOME", "/home/u/.local/share")
		got, err := paths.DataDir("")
		if err != nil || got != "/home/u/.local/share/Deskline" {
			t.Fatalf("got %q %v", got, err)
		}
		if db := paths.DatabaseFile(got); db != "/home/u/.local/share/Deskline/deskline.db" {
			t.Fatalf("database file %q", db)
		}
	})
}

func TestLock(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	release, err := paths.Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := paths.Lock(dir); !errors.Is(err, paths.ErrLocked) {
		t.Fatalf("second lock: %v, want ErrLocked", err)
	}
	release()
	again, err := paths.Lock(dir)
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	again()
}
