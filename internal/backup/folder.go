package backup

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Kinds of backup kept in the backups folder, the prefix of their names.
const (
	KindAutomatic     = "automatic"
	KindManual        = "manual"
	KindBeforeRestore = "before-restore"
)

// Keep is how many automatic backups the folder keeps.
const Keep = 7

// Every is how often an automatic backup is made.
const Every = 24 * time.Hour

// Entry is a backup in the backups folder.
type Entry struct {
	Name      string `json:"name"`
	Path      string `json:"path"`
	Kind      string `json:"kind"`
	CreatedAt string `json:"createdAt"` // RFC 3339, UTC
	Size      int64  `json:"size"`
	Tickets   int64  `json:"tickets"`
	Files     int    `json:"files"`
	Readable  bool   `json:"readable"` // its manifest could be read
}

// Folder is the backups folder, <data folder>/backups.
type Folder struct{ Dir string }

const stampLayout = "20060102-150405"

// NewPath is where a new backup of kind made at now goes.
func (f Folder) NewPath(kind string, now time.Time) string {
	return filepath.Join(f.Dir, kind+"-"+now.UTC().Format(stampLayout)+".zip")
}

// List returns the backups in the folder, newest first.
func (f Folder) List() ([]Entry, error) {
	des, err := os.ReadDir(f.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return []Entry{}, nil
	}
	if err != nil {
		return nil, unavailable("cannot list the backups folder: %v", err)
	}
	out := []Entry{}
	for _, de := range des {
		e, ok := f.entry(de)
		if ok {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].CreatedAt > out[j].CreatedAt })
	return out, nil
}

func (f Folder) entry(de fs.DirEntry) (Entry, bool) {
	name := de.Name()
	if !de.Type().IsRegular() || !strings.HasSuffix(name, ".zip") {
		return Entry{}, false
	}
	base := strings.TrimSuffix(name, ".zip")
	var kind, stamp string
	for _, k := range []string{KindAutomatic, KindManual, KindBeforeRestore} {
		if s, ok := strings.CutPrefix(base, k+"-"); ok {
			kind, stamp = k, s
		}
	}
	at, err := time.Parse(stampLayout, stamp)
	if kind == "" || err != nil {
		return Entry{}, false
	}
	e := Entry{Name: name, Path: filepath.Join(f.Dir, name), Kind: kind, CreatedAt: at.UTC().Format(time.RFC3339)}
	if fi, err := de.Info(); err == nil {
		e.Size = fi.Size()
	}
	if m, err := ReadManifest(e.Path); err == nil {
		e.Readable, e.Tickets, e.Files = true, m.Tickets, m.Attachments
	}
	return e, true
}

// Due reports whether an automatic backup is due at now: none was made in
// the last day.
func (f Folder) Due(now time.Time) (bool, error) {
	list, err := f.List()
	if err != nil {
		return false, err
	}
	for _, e := range list {
		if e.Kind != KindAutomatic {
			continue
		}
		at, _ := time.Parse(time.RFC3339, e.CreatedAt)
		return now.Sub(at) >= Every || at.After(now), nil
	}
	return true, nil
}

// Prune removes the oldest automatic backups beyond the newest Keep. Backups
// made by hand and those made before a restore are left alone.
func (f Folder) Prune() error {
	list, err := f.List()
	if err != nil {
		return err
	}
	kept := 0
	for _, e := range list {
		if e.Kind != KindAutomatic {
			continue
		}
		kept++
		if kept > Keep {
			if err := os.Remove(e.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return unavailable("cannot remove an old backup: %v", err)
			}
		}
	}
	return nil
}

// Latest returns the newest readable backup in the folder.
func (f Folder) Latest() (Entry, bool, error) {
	list, err := f.List()
	if err != nil {
		return Entry{}, false, err
	}
	for _, e := range list {
		if e.Readable {
			return e, true, nil
		}
	}
	return Entry{}, false, nil
}

// Find returns the backup of the folder named name (a name, not a path).
func (f Folder) Find(name string) (Entry, error) {
	if name != filepath.Base(name) || strings.ContainsAny(name, `/\`) {
		return Entry{}, refused("no such backup")
	}
	des, err := os.ReadDir(f.Dir)
	if err != nil {
		return Entry{}, unavailable("cannot list the backups folder: %v", err)
	}
	for _, de := range des {
		if de.Name() == name {
			if e, ok := f.entry(de); ok {
				return e, nil
			}
		}
	}
	return Entry{}, refused("no backup named %s in the backups folder", name)
}

// checkHash reads a zip entry whole and checks it hashes to hash.
func checkHash(f *zip.File, hash string) error {
	if len(hash) != 64 || strings.Trim(hash, "0123456789abcdef") != "" {
		return errors.New("not a file hash")
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	h := sha256.New()
	if _, err := io.Copy(h, rc); err != nil {
		return err
	}
	if hex.EncodeToString(h.Sum(nil)) != hash {
		return errors.New("content does not match")
	}
	return nil
}
