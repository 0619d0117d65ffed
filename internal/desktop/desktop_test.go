package desktop

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"deskline/internal/desk"
)

// pngIcon returns a small PNG filled with c.
func pngIcon(t testing.TB, c color.Color) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	for y := 0; y < 16; y++ {
		for x := 0; x < 16; x++ {
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestNew(t *testing.T) {
	blue := pngIcon(t, color.RGBA{0, 0, 255, 255})
	red := pngIcon(t, color.RGBA{255, 0, 0, 255})

	t.Run("OK", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "cache", "deskline") // not there yet
		b, err := New("Deskline", blue, dir)
		if err != nil {
			t.Fatal(err)
		}
		if want := filepath.Join(dir, IconFile); b.IconPath() != want {
			t.Errorf("IconPath() = %q, want %q", b.IconPath(), want)
		}
		assertFile(t, b.IconPath(), blue)
	})

	t.Run("RelativeCacheDir", func(t *testing.T) {
		t.Chdir(t.TempDir())
		b, err := New("Deskline", blue, "cache")
		if err != nil {
			t.Fatal(err)
		}
		if !filepath.IsAbs(b.IconPath()) {
			t.Errorf("IconPath() = %q, want an absolute path", b.IconPath())
		}
		assertFile(t, b.IconPath(), blue)
	})

	t.Run("WritesIconOnce", func(t *testing.T) {
		dir := t.TempDir()
		b, err := New("Deskline", blue, dir)
		if err != nil {
			t.Fatal(err)
		}
		old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
		if err := os.Chtimes(b.IconPath(), old, old); err != nil {
			t.Fatal(err)
		}
		if _, err := New("Deskline", blue, dir); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(b.IconPath())
		if err != nil {
			t.Fatal(err)
		}
		if !fi.ModTime().Equal(old) {
			t.Errorf("the same icon was written again (modified %v)", fi.ModTime())
		}
		assertFile(t, b.IconPath(), blue)
		assertOnlyIcon(t, dir)
	})

	t.Run("RewritesDifferentIcon", func(t *testing.T) {
		dir := t.TempDir()
		if _, err := New("Deskline", blue, dir); err != nil {
			t.Fatal(err)
		}
		b, err := New("Deskline", red, dir)
		if err != nil {
			t.Fatal(err)
		}
		assertFile(t, b.IconPath(), red)
		assertOnlyIcon(t, dir)
	})

	t.Run("ErrNotPNG", func(t *testing.T) {
		dir := t.TempDir()
		if _, err := New("Deskline", []byte("GIF89a"), dir); err == nil {
			t.Fatal("New accepted an icon that is not a PNG")
		}
		if _, err := New("Deskline", nil, dir); err == nil {
			t.Fatal("New accepted an empty icon")
		}
		assertOnlyIcon(t, dir) // and nothing was written
	})

	t.Run("ErrNoAppName", func(t *testing.T) {
		if _, err := New("", blue, t.TempDir()); err == nil {
			t.Fatal("New accepted an empty app name")
		}
	})

	t.Run("ErrCacheDirIsAFile", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "file")
		if err := os.WriteFile(file, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := New("Deskline", blue, file); err == nil {
			t.Fatal("New wrote an icon inside a file")
		}
	})
}

func TestErrUnavailable(t *testing.T) {
	err := errors.Join(errors.New("context"), ErrUnavailable)
	if got := desk.ErrorCode(err); got != desk.EUNAVAILABLE {
		t.Errorf("ErrorCode = %q, want %q", got, desk.EUNAVAILABLE)
	}
}

func assertFile(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s holds %d bytes that are not the icon given (%d bytes)", path, len(got), len(want))
	}
}

// assertOnlyIcon checks that dir holds the icon file at most: no temporary
// files left behind.
func assertOnlyIcon(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != IconFile {
			t.Errorf("unexpected file %s in the cache folder", e.Name())
		}
	}
}
