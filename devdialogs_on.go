//go:build dev

package main

import (
	"os"
	"path/filepath"

	"deskline/app"
)

// devDialogs answers the file dialogs without a person, for the end-to-end
// tests, which cannot reach the system's dialogs: with DESKLINE_DEV_SAVE_DIR
// set, a save dialog answers that folder and the name it offers; with
// DESKLINE_DEV_OPEN_FILE set, an open dialog answers that file. Only the dev
// build has it.
func devDialogs() app.Dialogs {
	save, open := os.Getenv("DESKLINE_DEV_SAVE_DIR"), os.Getenv("DESKLINE_DEV_OPEN_FILE")
	if save == "" && open == "" {
		return nil
	}
	return fixedDialogs{save: save, open: open}
}

type fixedDialogs struct{ save, open string }

func (d fixedDialogs) SaveFile(_, defaultName, _ string) (string, error) {
	if d.save == "" {
		return "", nil
	}
	return filepath.Join(d.save, defaultName), nil
}

func (d fixedDialogs) OpenFile(_, _ string) (string, error) { return d.open, nil }
