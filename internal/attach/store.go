// Package attach keeps attachment files in a content-addressed folder: each
// file is stored once, under the SHA-256 of its content, whatever its name and
// however many tickets refer to it. It knows nothing of tickets or databases:
// the caller records the returned Blob through the store's mutation path and
// decides when a file is no longer referred to.
//
// A file is only ever visible under its final name once its content is
// complete and synced to disk, so a crash leaves either the whole file or
// nothing (a stray temporary file at worst, swept away by the next Open).
package attach

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gabriel-vasile/mimetype"
)

// Blob describes a stored file.
type Blob struct {
	Hash string // SHA-256 of the content, 64 lowercase hex digits: the key
	Size int64  // bytes
	MIME string // sniffed from the content, e.g. "image/png", "text/plain; charset=utf-8"
	Name string // the original name, cleaned by CleanName, for display and Save As
}

// Store is a content-addressed folder of attachment files. It is safe for
// concurrent use. Only one Store should be open on a folder at a time.
type Store struct {
	dir    string
	limits atomic.Pointer[Limits]

	// copy moves the content into the temporary file; tests replace it to
	// interrupt a copy half-way.
	copy func(dst io.Writer, src io.Reader) (int64, error)

	// mu serialises placing a file under its final name with removing one.
	mu sync.Mutex
}

const (
	tmpDirName = "tmp"
	tmpPattern = "put-*.partial"
	sniffLen   = 4096 // what mimetype looks at
)

// staleTempAge is how old a temporary file must be before Open sweeps it
// away: older than any copy still in progress.
var staleTempAge = time.Hour

// Open opens (creating it if needed) the attachment folder dir with the given
// limits (zero values take the defaults), and removes temporary files left
// behind by a crash.
func Open(dir string, limits Limits) (*Store, error) {
	if dir == "" {
		return nil, errors.New("attach: no folder given")
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, wrapf(err, "open %s", dir)
	}
	if err := os.MkdirAll(filepath.Join(dir, tmpDirName), 0o700); err != nil {
		return nil, wrapf(err, "create the attachment folder")
	}
	s := &Store{dir: dir, copy: io.Copy}
	s.SetLimits(limits)
	s.sweep()
	return s, nil
}

// Dir returns the store's folder.
func (s *Store) Dir() string { return s.dir }

// Limits returns the limits in force, defaults filled in.
func (s *Store) Limits() Limits {
	l := *s.limits.Load()
	l.Allowed = append([]string(nil), l.Allowed...)
	return l
}

// SetLimits replaces the limits (zero values take the defaults), for when an
// admin changes them. Puts already under way keep the limits they started with.
func (s *Store) SetLimits(l Limits) {
	l = l.withDefaults()
	s.limits.Store(&l)
}

// sweep removes stale temporary files.
func (s *Store) sweep() {
	tmp := filepath.Join(s.dir, tmpDirName)
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".partial") {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) >= staleTempAge {
			os.Remove(filepath.Join(tmp, e.Name()))
		}
	}
}

// Put stores the content of r under its SHA-256 and returns its Blob.
//
// The content is sniffed (the name is not trusted), refused early if its type
// is not allowed, and copied while hashed into a temporary file in the store,
// stopping as soon as Limits.MaxBytes is exceeded. The file is synced, renamed
// to its final name and the folder synced before Put returns: after a nil
// error the file survives a crash. If a file with the same content is already
// stored, the new copy is discarded (a damaged stored copy is replaced).
// On any error nothing is left behind.
//
// Returns an *Error with ErrTooLarge, ErrNotAllowed or ErrEmpty (code
// "invalid", field "file") for a refused file, and the context's error if ctx
// ends during the copy.
func (s *Store) Put(ctx context.Context, r io.Reader, originalName string) (Blob, error) {
	lim := *s.limits.Load()
	name := CleanName(originalName)
	if what := deniedByName(name); what != "" {
		return Blob{}, lim.notAllowed(name, what)
	}
	if size, ok := sizeHint(r); ok && size > lim.MaxBytes {
		return Blob{}, lim.tooLarge(name, size)
	}

	src := &ctxReader{ctx: ctx, r: r}
	head := make([]byte, sniffLen)
	n, err := io.ReadFull(src, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return Blob{}, readError(ctx, err, name)
	}
	head = head[:n]
	if n == 0 {
		return Blob{}, refusal(ErrEmpty, name, "%s is empty", name)
	}
	mt, checkZip, err := lim.classify(name, head)
	if err != nil {
		return Blob{}, err
	}

	tmp, err := os.CreateTemp(filepath.Join(s.dir, tmpDirName), tmpPattern)
	if err != nil {
		return Blob{}, wrapf(err, "create a temporary file")
	}
	keep := false
	defer func() {
		if !keep {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()

	h := sha256.New()
	in := io.LimitReader(io.MultiReader(bytes.NewReader(head), src), lim.MaxBytes+1)
	size, err := s.copy(io.MultiWriter(tmp, h), in)
	if err != nil {
		return Blob{}, readError(ctx, err, name)
	}
	if size > lim.MaxBytes {
		return Blob{}, lim.tooLarge(name, -1)
	}
	if checkZip {
		if mt, err = lim.classifyZip(name, tmp, size, mt); err != nil {
			return Blob{}, err
		}
	}
	if err := tmp.Sync(); err != nil {
		return Blob{}, wrapf(err, "sync %s", name)
	}
	if err := tmp.Close(); err != nil {
		return Blob{}, wrapf(err, "close %s", name)
	}

	blob := Blob{Hash: hex.EncodeToString(h.Sum(nil)), Size: size, MIME: mt.String(), Name: name}
	final := s.path(blob.Hash)
	if err := s.ensureShard(filepath.Dir(final)); err != nil {
		return Blob{}, err
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.intact(final, blob.Hash) {
		return blob, nil // dedupe: the deferred cleanup drops our copy
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return Blob{}, wrapf(err, "store %s", name)
	}
	keep = true
	if err := syncDir(filepath.Dir(final)); err != nil {
		return Blob{}, wrapf(err, "sync the attachment folder")
	}
	return blob, nil
}

// classify decides from the first bytes whether the content may be stored.
// checkZip means the decision waits for the whole file: ZIP-based formats are
// told apart (and macros found) from the archive's directory.
func (l Limits) classify(name string, head []byte) (mt *mimetype.MIME, checkZip bool, err error) {
	mt = mimetype.Detect(head)
	if what := deniedByContent(mt); what != "" {
		return nil, false, l.notAllowed(name, what)
	}
	if isA(mt, "text/plain") {
		if what := deniedByText(head); what != "" {
			return nil, false, l.notAllowed(name, what)
		}
	}
	if isA(mt, "application/zip") {
		return mt, true, nil
	}
	if !l.allows(mt) {
		return nil, false, l.notAllowed(name, describe(mt))
	}
	return mt, false, nil
}

// isA reports whether m is kind or descends from it in mimetype's hierarchy.
func isA(m *mimetype.MIME, kind string) bool {
	for ; m != nil; m = m.Parent() {
		if m.Is(kind) {
			return true
		}
	}
	return false
}

func (l Limits) notAllowed(name, what string) error {
	return refusal(ErrNotAllowed, name, "%s is %s; allowed: %s", name, what, l.describeAllowed())
}

// tooLarge refuses a file over the limit; size < 0 means "unknown, but over".
func (l Limits) tooLarge(name string, size int64) error {
	limit := FormatSize(l.MaxBytes)
	if size < 0 || FormatSize(size) == limit {
		return refusal(ErrTooLarge, name, "%s is over %s; the limit is %s", name, limit, limit)
	}
	return refusal(ErrTooLarge, name, "%s is %s; the limit is %s", name, FormatSize(size), limit)
}

// readError reports a failure to read the file being attached.
func readError(ctx context.Context, err error, name string) error {
	if ctxErr := ctx.Err(); ctxErr != nil && errors.Is(err, ctxErr) {
		return ctxErr
	}
	return wrapf(err, "read %s", name)
}

// sizeHint returns the size of r when it knows it (an *os.File, a
// bytes.Reader, an io.SectionReader…), so an oversized file is refused before
// any copying.
func sizeHint(r io.Reader) (int64, bool) {
	switch v := r.(type) {
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() {
			return fi.Size(), true
		}
	case interface{ Len() int }:
		return int64(v.Len()), true
	case interface{ Size() int64 }:
		return v.Size(), true
	}
	return 0, false
}

// ctxReader stops reading once ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// ensureShard creates the folder for a hash prefix, syncing the store folder
// when it is new so the folder itself survives a crash.
func (s *Store) ensureShard(shard string) error {
	if _, err := os.Stat(shard); err == nil {
		return nil
	}
	if err := os.Mkdir(shard, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return wrapf(err, "create %s", shard)
	}
	if err := syncDir(s.dir); err != nil {
		return wrapf(err, "sync the attachment folder")
	}
	return nil
}

// intact reports whether a complete, unaltered copy is stored at final.
func (s *Store) intact(final, hash string) bool {
	got, err := hashFile(final)
	return err == nil && got == hash
}

// syncDir makes a rename or removal in dir durable. Windows cannot sync a
// folder (its renames are durable once done), so it is skipped there.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// validHash reports whether h is 64 lowercase hex digits.
func validHash(h string) bool {
	if len(h) != 2*sha256.Size {
		return false
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// path is where the file with this (valid) hash lives: dir/ab/cdef….
func (s *Store) path(hash string) string {
	return filepath.Join(s.dir, hash[:2], hash[2:])
}

// Path returns the stored file's path, for "Open with the default program".
// Returns ErrBadHash for a malformed hash and ErrMissing if no such file is
// stored. It does not check the content: call Verify first.
func (s *Store) Path(hash string) (string, error) {
	if !validHash(hash) {
		return "", storedError(ErrBadHash, hash, nil)
	}
	p := s.path(hash)
	if _, err := os.Stat(p); err != nil {
		return "", statError(hash, err)
	}
	return p, nil
}

// statError maps a failure to reach a stored file to ErrMissing or ErrUnreadable.
func statError(hash string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return storedError(ErrMissing, hash, err)
	}
	return storedError(ErrUnreadable, hash, err)
}

// Remove deletes a stored file. The caller decides when no ticket refers to
// it any more. Removing a file that is not there is not an error.
func (s *Store) Remove(hash string) error {
	if !validHash(hash) {
		return storedError(ErrBadHash, hash, nil)
	}
	p := s.path(hash)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := os.Remove(p); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return wrapf(err, "remove %s", shortHash(hash))
	}
	if err := syncDir(filepath.Dir(p)); err != nil {
		return wrapf(err, "sync the attachment folder")
	}
	return nil
}

// List returns the hashes of every stored file, sorted, for an admin check or
// to find files no ticket refers to.
func (s *Store) List() ([]string, error) {
	shards, err := os.ReadDir(s.dir)
	if err != nil {
		return nil, wrapf(err, "list the attachment folder")
	}
	var out []string
	for _, sh := range shards {
		if !sh.IsDir() || len(sh.Name()) != 2 {
			continue
		}
		files, err := os.ReadDir(filepath.Join(s.dir, sh.Name()))
		if err != nil {
			return nil, wrapf(err, "list the attachment folder")
		}
		for _, f := range files {
			if h := sh.Name() + f.Name(); f.Type().IsRegular() && validHash(h) {
				out = append(out, h)
			}
		}
	}
	sort.Strings(out)
	return out, nil
}
