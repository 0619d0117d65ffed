package app

import (
	"io"
	"os"
	"path/filepath"

	"deskline/internal/desk"
)

// saveWhole writes a file the user chose through write, whole or not at all:
// into a temporary file beside dst, renamed over dst once complete. Returns
// EUNAVAILABLE when the folder cannot be written.
func saveWhole(dst string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".deskline-*"+filepath.Ext(dst))
	if err != nil {
		return desk.Errorf(desk.EUNAVAILABLE, "cannot write to %s: %v", filepath.Dir(dst), err)
	}
	defer os.Remove(tmp.Name())
	err = write(tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return desk.Errorf(desk.EUNAVAILABLE, "cannot save %s: %v", dst, err)
	}
	return nil
}
