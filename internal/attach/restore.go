package attach

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Restore stores a file taken from a backup under hash, as it is: the
// content must hash to hash (a file that does not is refused and nothing is
// left behind), and it is not judged again by type or size, having been
// accepted when it was first attached. A file already stored intact is kept.
func (s *Store) Restore(ctx context.Context, hash string, r io.Reader) error {
	if !validHash(hash) {
		return storedError(ErrBadHash, hash, nil)
	}
	final := s.path(hash)
	if s.intact(final, hash) {
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Join(s.dir, tmpDirName), tmpPattern)
	if err != nil {
		return wrapf(err, "restore %s", shortHash(hash))
	}
	defer os.Remove(tmp.Name())
	h := sha256.New()
	_, err = io.Copy(io.MultiWriter(tmp, h), &ctxReader{ctx: ctx, r: r})
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return wrapf(err, "restore %s", shortHash(hash))
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != hash {
		return fmt.Errorf("restore %s: %w", shortHash(hash), errors.New("the file's content does not match its name"))
	}
	if err := s.ensureShard(filepath.Dir(final)); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := os.Rename(tmp.Name(), final); err != nil {
		return wrapf(err, "restore %s", shortHash(hash))
	}
	return syncDir(filepath.Dir(final))
}
