package attach

import (
	"errors"
	"fmt"
	"io/fs"

	"deskline/internal/desk"
)

// Kinds of failure. Every error this package returns for one of these reasons
// is an *Error whose chain holds the kind (test with errors.Is) and a
// *desk.Error (so desk.ErrorCode and desk.ErrorMessage give the code and the
// plain message the frontend shows).
var (
	// ErrTooLarge: the file is over Limits.MaxBytes. Code "invalid", field "file".
	ErrTooLarge = errors.New("attach: file too large")
	// ErrNotAllowed: the file's content (or its name's extension) is of a
	// refused type. Code "invalid", field "file".
	ErrNotAllowed = errors.New("attach: file type not allowed")
	// ErrEmpty: the file has no content. Code "invalid", field "file".
	ErrEmpty = errors.New("attach: file is empty")
	// ErrBadHash: the hash given is not 64 lowercase hex digits. Code
	// "invalid", field "hash".
	ErrBadHash = errors.New("attach: malformed hash")
	// ErrMissing: no stored file has this hash. Code "not_found".
	ErrMissing = errors.New("attach: stored file missing")
	// ErrAltered: the stored file's content no longer matches its hash.
	// Code "conflict".
	ErrAltered = errors.New("attach: stored file altered")
	// ErrUnreadable: the stored file exists but cannot be read (permissions,
	// disk error). Code "unavailable".
	ErrUnreadable = errors.New("attach: stored file unreadable")
	// ErrNoPreview: no thumbnail can be made for this file. Code "not_found".
	ErrNoPreview = errors.New("attach: no preview")
)

// Error is a failure with a plain message for the user. Its chain holds Kind
// (one of the Err… values above), a *desk.Error with the matching code, and
// Err, the underlying cause if there is one.
type Error struct {
	Kind error  // ErrTooLarge, ErrNotAllowed, ErrMissing, …
	Name string // the cleaned file name, for refusals of a new file
	Hash string // the content hash, for errors about a stored file
	Err  error  // underlying cause, or nil

	desk *desk.Error
}

// Error returns the plain message, e.g. "scan.pdf is 31.2 MB; the limit is 25 MB".
func (e *Error) Error() string { return e.desk.Message }

// Unwrap exposes the kind, the *desk.Error and the cause to errors.Is/As.
func (e *Error) Unwrap() []error {
	errs := []error{e.Kind, e.desk}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

// refusal returns an "invalid" error about the file being attached.
func refusal(kind error, name, format string, args ...any) *Error {
	return &Error{Kind: kind, Name: name, desk: desk.Invalid("file", format, args...)}
}

// storedError returns an error about the stored file with the given hash.
func storedError(kind error, hash string, cause error) *Error {
	e := &Error{Kind: kind, Hash: hash, Err: cause}
	short := shortHash(hash)
	switch kind {
	case ErrMissing:
		e.desk = desk.Errorf(desk.ENOTFOUND, "the stored file for this attachment is missing (%s)", short)
	case ErrAltered:
		e.desk = desk.Errorf(desk.ECONFLICT, "the stored file for this attachment has been changed or damaged since it was attached (%s)", short)
	case ErrUnreadable:
		e.desk = desk.Errorf(desk.EUNAVAILABLE, "the stored file for this attachment cannot be read (%s): %s", short, causeText(cause))
	case ErrBadHash:
		e.desk = desk.Invalid("hash", "%q is not an attachment fingerprint", hash)
	default:
		e.desk = desk.Errorf(desk.EINTERNAL, "%v", kind)
	}
	return e
}

// causeText is the short, user-facing text of an I/O error: "permission
// denied" rather than "open /long/path/…: permission denied".
func causeText(err error) string {
	if err == nil {
		return "unknown reason"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func shortHash(hash string) string {
	if len(hash) > 12 {
		return hash[:12] + "…"
	}
	return hash
}

// wrapf wraps an unexpected failure (left as an internal error).
func wrapf(err error, format string, args ...any) error {
	return fmt.Errorf("attach: "+format+": %w", append(args, err)...)
}
