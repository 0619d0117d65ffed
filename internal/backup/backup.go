// Package backup writes and checks Deskline backups: one ZIP archive holding
// a consistent copy of the database (SQLite's VACUUM INTO, taken while the
// app is in use), the attachment files and a small manifest; and keeps the
// automatic daily backups in the data folder.
package backup

import (
	"archive/zip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"deskline/internal/attach"
	"deskline/internal/desk"
	"deskline/internal/store"
)

// Entries of a backup archive.
const (
	manifestEntry = "manifest.json"
	databaseEntry = "deskline.db"
	attachPrefix  = "attachments/"
	format        = 1
)

// Manifest describes a backup.
type Manifest struct {
	Format      int    `json:"format"`
	Schema      int64  `json:"schema"` // the database's schema version
	AppVersion  string `json:"appVersion,omitempty"`
	CreatedAt   string `json:"createdAt"` // RFC 3339, UTC
	InstallID   string `json:"installId"`
	Tickets     int64  `json:"tickets"`
	Attachments int    `json:"attachments"` // files
}

// Progress is how far a long backup or restore is.
type Progress struct {
	Stage string `json:"stage"` // in plain words
	Done  int64  `json:"done"`
	Total int64  `json:"total"`
}

// AppVersion is written into the manifest of every backup (set by main, ""
// for a development build).
var AppVersion = ""

// Write writes a backup of the desk (its database and the attachment files
// in blobs, which may be nil) to dst, atomically: a backup is either whole
// under its name or not there. tmpDir holds the database copy meanwhile.
func Write(ctx context.Context, st *store.Store, blobs *attach.Store, dst string, now time.Time, progress func(Progress)) (Manifest, error) {
	if progress == nil {
		progress = func(Progress) {}
	}
	progress(Progress{Stage: "Copying the database"})
	work, err := os.MkdirTemp(filepath.Dir(dst), ".backup-*")
	if err != nil {
		return Manifest{}, unavailable("cannot write to %s: %v", filepath.Dir(dst), err)
	}
	defer os.RemoveAll(work)
	dbCopy := filepath.Join(work, databaseEntry)
	if err := st.Backup(ctx, dbCopy); err != nil {
		return Manifest{}, fmt.Errorf("copy the database: %w", err)
	}
	info, err := store.CheckFile(ctx, dbCopy, false)
	if err != nil {
		return Manifest{}, fmt.Errorf("check the database copy: %w", err)
	}
	var hashes []string
	if blobs != nil {
		if hashes, err = blobs.List(); err != nil {
			return Manifest{}, err
		}
	}
	m := Manifest{
		Format: format, Schema: info.Schema, AppVersion: AppVersion, CreatedAt: now.UTC().Format(time.RFC3339),
		InstallID: st.InstallID(), Tickets: info.Tickets, Attachments: len(hashes),
	}

	part := filepath.Join(work, "backup.zip")
	f, err := os.Create(part)
	if err != nil {
		return Manifest{}, unavailable("cannot write the backup: %v", err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	if err := writeJSON(zw, manifestEntry, m); err != nil {
		return Manifest{}, err
	}
	if err := addFile(ctx, zw, databaseEntry, dbCopy, zip.Deflate); err != nil {
		return Manifest{}, err
	}
	for i, h := range hashes {
		progress(Progress{Stage: "Copying attachments", Done: int64(i), Total: int64(len(hashes))})
		p, err := blobs.Path(h)
		if err != nil {
			return Manifest{}, err
		}
		// Attachments are mostly compressed already (images, PDF, Office).
		if err := addFile(ctx, zw, attachPrefix+h, p, zip.Store); err != nil {
			return Manifest{}, err
		}
	}
	if err := zw.Close(); err != nil {
		return Manifest{}, unavailable("cannot write the backup: %v", err)
	}
	if err := f.Sync(); err != nil {
		return Manifest{}, unavailable("cannot write the backup: %v", err)
	}
	if err := f.Close(); err != nil {
		return Manifest{}, unavailable("cannot write the backup: %v", err)
	}
	if err := os.Rename(part, dst); err != nil {
		return Manifest{}, unavailable("cannot save the backup as %s: %v", dst, err)
	}
	progress(Progress{Stage: "Backup saved", Done: 1, Total: 1})
	return m, nil
}

func writeJSON(zw *zip.Writer, name string, v any) error {
	w, err := zw.Create(name)
	if err != nil {
		return err
	}
	return json.NewEncoder(w).Encode(v)
}

func addFile(ctx context.Context, zw *zip.Writer, name, path string, method uint16) error {
	src, err := os.Open(path)
	if err != nil {
		return unavailable("cannot read %s: %v", path, err)
	}
	defer src.Close()
	fi, err := src.Stat()
	if err != nil {
		return err
	}
	hdr := &zip.FileHeader{Name: name, Method: method, Modified: fi.ModTime()}
	w, err := zw.CreateHeader(hdr)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, src); err != nil {
		return unavailable("cannot copy %s into the backup: %v", filepath.Base(path), err)
	}
	return ctx.Err()
}

// Checked is a backup archive that passed Check, its database taken out
// into a temporary file.
type Checked struct {
	Manifest Manifest
	Database string // the checked database file, to restore from
	zr       *zip.ReadCloser
	work     string
}

// Close removes the temporary database and closes the archive.
func (c *Checked) Close() error {
	err := c.zr.Close()
	return errors.Join(err, os.RemoveAll(c.work))
}

// Check checks a backup archive without touching the desk: the ZIP is
// readable, its manifest is a Deskline backup's, its database passes
// PRAGMA integrity_check and its schema is not newer than this build, and
// every attachment file matches its hash. The database is taken out into
// tmpDir. Returns EINVALID saying what is wrong, in plain words.
func Check(ctx context.Context, archive, tmpDir string, progress func(Progress)) (*Checked, error) {
	if progress == nil {
		progress = func(Progress) {}
	}
	progress(Progress{Stage: "Checking the backup"})
	zr, err := zip.OpenReader(archive)
	if err != nil {
		return nil, refused("it is not a readable ZIP archive (%v)", err)
	}
	c := &Checked{zr: zr}
	fail := func(err error) (*Checked, error) {
		c.Close()
		return nil, err
	}
	entries := map[string]*zip.File{}
	for _, f := range zr.File {
		entries[f.Name] = f
	}
	mf, ok := entries[manifestEntry]
	if !ok {
		return fail(refused("it has no manifest"))
	}
	if err := readJSON(mf, &c.Manifest); err != nil || c.Manifest.Format < 1 {
		return fail(refused("its manifest cannot be read"))
	}
	if c.Manifest.Format > format || c.Manifest.Schema > store.SchemaVersion() {
		return fail(refused("it was made by a newer version of Deskline (schema %d, this version knows up to %d); update Deskline to restore it",
			c.Manifest.Schema, store.SchemaVersion()))
	}
	dbf, ok := entries[databaseEntry]
	if !ok {
		return fail(refused("it holds no database"))
	}
	if c.work, err = os.MkdirTemp(tmpDir, ".restore-*"); err != nil {
		return fail(unavailable("cannot unpack the backup: %v", err))
	}
	c.Database = filepath.Join(c.work, databaseEntry)
	if err := extract(ctx, dbf, c.Database); err != nil {
		return fail(refused("its database cannot be unpacked (%v)", err))
	}
	progress(Progress{Stage: "Checking the backup's database"})
	info, err := store.CheckFile(ctx, c.Database, true)
	var p *store.Problem
	if errors.As(err, &p) {
		return fail(refused("%s", strings.TrimSuffix(lowerFirst(p.Message), ".")))
	}
	if err != nil {
		return fail(err)
	}
	if info.Schema != c.Manifest.Schema {
		return fail(refused("its database does not match its manifest"))
	}
	n := 0
	for _, f := range zr.File {
		hash, ok := strings.CutPrefix(f.Name, attachPrefix)
		if !ok {
			continue
		}
		progress(Progress{Stage: "Checking attachments", Done: int64(n), Total: int64(c.Manifest.Attachments)})
		n++
		if err := checkHash(f, hash); err != nil {
			return fail(refused("the attachment %s is damaged", shortHash(hash)))
		}
	}
	if n != c.Manifest.Attachments {
		return fail(refused("it holds %d attachment files where its manifest says %d", n, c.Manifest.Attachments))
	}
	return c, nil
}

// RestoreFiles puts the backup's attachment files into blobs (files already
// there are kept; nothing is removed).
func (c *Checked) RestoreFiles(ctx context.Context, blobs *attach.Store, progress func(Progress)) error {
	n := int64(0)
	for _, f := range c.zr.File {
		hash, ok := strings.CutPrefix(f.Name, attachPrefix)
		if !ok {
			continue
		}
		if progress != nil {
			progress(Progress{Stage: "Restoring attachments", Done: n, Total: int64(c.Manifest.Attachments)})
		}
		n++
		rc, err := f.Open()
		if err != nil {
			return err
		}
		err = blobs.Restore(ctx, hash, rc)
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// ReadManifest reads the manifest of a backup archive.
func ReadManifest(archive string) (Manifest, error) {
	zr, err := zip.OpenReader(archive)
	if err != nil {
		return Manifest{}, refused("it is not a readable ZIP archive (%v)", err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == manifestEntry {
			var m Manifest
			if err := readJSON(f, &m); err != nil {
				return Manifest{}, refused("its manifest cannot be read")
			}
			return m, nil
		}
	}
	return Manifest{}, refused("it has no manifest")
}

func readJSON(f *zip.File, v any) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return json.NewDecoder(io.LimitReader(rc, 1<<20)).Decode(v)
}

func extract(ctx context.Context, f *zip.File, dst string) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, rc)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = ctx.Err()
	}
	return err
}

func refused(format string, args ...any) error {
	return desk.Invalid("file", "This file cannot be restored: "+format+".", args...)
}

func unavailable(format string, args ...any) error {
	return &desk.Error{Code: desk.EUNAVAILABLE, Message: fmt.Sprintf(format, args...)}
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// Restore restores a working desk from a backup archive: it checks the
// archive before touching anything, backs the current desk up into folder
// first (a "before-restore" backup), then replaces the database in place
// (see store.Restore) and puts back the attachment files. Returns EINVALID
// when the archive is refused; the desk is then as it was.
func Restore(ctx context.Context, st *store.Store, blobs *attach.Store, folder Folder, archive string, now time.Time, progress func(Progress)) (Manifest, error) {
	if err := os.MkdirAll(folder.Dir, 0o700); err != nil {
		return Manifest{}, unavailable("cannot create the backups folder: %v", err)
	}
	c, err := Check(ctx, archive, folder.Dir, progress)
	if err != nil {
		return Manifest{}, err
	}
	defer c.Close()
	if _, err := Write(ctx, st, blobs, folder.NewPath(KindBeforeRestore, now), now, progress); err != nil {
		return Manifest{}, fmt.Errorf("back up the current desk first: %w", err)
	}
	if progress == nil {
		progress = func(Progress) {}
	}
	err = st.Restore(ctx, c.Database, func(done, total int) {
		progress(Progress{Stage: "Restoring the database", Done: int64(done), Total: int64(total)})
	})
	if err != nil {
		return Manifest{}, err
	}
	if blobs != nil {
		if err := c.RestoreFiles(ctx, blobs, progress); err != nil {
			return c.Manifest, err
		}
	}
	return c.Manifest, nil
}

// RestoreDamaged restores a desk whose database cannot be opened (damaged,
// or from a newer Deskline): it checks the archive first, moves the
// database at dbPath (and its journal files) aside, keeping it, as
// <name>.set-aside-<time>, puts the backup's database in its place and the
// attachment files back into blobs. The caller opens the store afterwards.
func RestoreDamaged(ctx context.Context, dbPath string, blobs *attach.Store, archive string, now time.Time, progress func(Progress)) (Manifest, error) {
	c, err := Check(ctx, archive, filepath.Dir(dbPath), progress)
	if err != nil {
		return Manifest{}, err
	}
	defer c.Close()
	aside := dbPath + ".set-aside-" + now.UTC().Format(stampLayout)
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Rename(dbPath+suffix, aside+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return Manifest{}, unavailable("cannot move the damaged database aside: %v", err)
		}
	}
	if err := os.Rename(c.Database, dbPath); err != nil {
		return Manifest{}, unavailable("cannot put the restored database in place: %v", err)
	}
	if blobs != nil {
		if err := c.RestoreFiles(ctx, blobs, progress); err != nil {
			return c.Manifest, err
		}
	}
	return c.Manifest, nil
}
