package attach

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"os"
)

// hashFile returns the SHA-256 (hex) of the file at p.
func hashFile(p string) (string, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Verify re-hashes the stored file. Returns nil if it is intact, else an
// *Error with ErrMissing (code "not_found"), ErrAltered (code "conflict"),
// ErrUnreadable (code "unavailable") or ErrBadHash (code "invalid"), each with
// a plain message fit to show in the ticket.
func (s *Store) Verify(hash string) error {
	if !validHash(hash) {
		return storedError(ErrBadHash, hash, nil)
	}
	got, err := hashFile(s.path(hash))
	if err != nil {
		return statError(hash, err)
	}
	if got != hash {
		return storedError(ErrAltered, hash, nil)
	}
	return nil
}

// Problem is a stored file that failed verification.
type Problem struct {
	Hash string
	Err  error // an *Error: ErrMissing, ErrAltered, ErrUnreadable or ErrBadHash
}

// VerifyAll verifies each distinct hash in hashes and returns what is wrong,
// in the order given. progress, if not nil, is called with (0, total) first
// and after each file. It stops early when ctx is done; check ctx.Err() to
// tell a partial result from a complete one.
func (s *Store) VerifyAll(ctx context.Context, hashes []string, progress func(done, total int)) []Problem {
	seen := make(map[string]bool, len(hashes))
	uniq := make([]string, 0, len(hashes))
	for _, h := range hashes {
		if !seen[h] {
			seen[h] = true
			uniq = append(uniq, h)
		}
	}
	var problems []Problem
	if progress != nil {
		progress(0, len(uniq))
	}
	for i, h := range uniq {
		if ctx.Err() != nil {
			break
		}
		if err := s.Verify(h); err != nil {
			problems = append(problems, Problem{Hash: h, Err: err})
		}
		if progress != nil {
			progress(i+1, len(uniq))
		}
	}
	return problems
}

// Open opens a stored file for reading (Save As, preview). The content is
// hashed as it is read: reading to the end returns an *Error with ErrAltered
// instead of io.EOF if it does not match its hash, so a copy made from a
// damaged file is never mistaken for a good one. Returns ErrMissing if no
// such file is stored.
func (s *Store) Open(hash string) (io.ReadCloser, error) {
	if !validHash(hash) {
		return nil, storedError(ErrBadHash, hash, nil)
	}
	f, err := os.Open(s.path(hash))
	if err != nil {
		return nil, statError(hash, err)
	}
	return &verifyingReader{f: f, h: sha256.New(), want: hash}, nil
}

// verifyingReader hashes what it reads and checks the sum at EOF.
type verifyingReader struct {
	f    *os.File
	h    hash.Hash
	want string
	err  error // sticky result once EOF is reached
}

func (v *verifyingReader) Read(p []byte) (int, error) {
	if v.err != nil {
		return 0, v.err
	}
	n, err := v.f.Read(p)
	v.h.Write(p[:n])
	if err == io.EOF {
		if hex.EncodeToString(v.h.Sum(nil)) != v.want {
			err = storedError(ErrAltered, v.want, nil)
		}
		v.err = err
	} else if err != nil {
		err = storedError(ErrUnreadable, v.want, err)
	}
	return n, err
}

func (v *verifyingReader) Close() error { return v.f.Close() }
