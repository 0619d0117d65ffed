package watch

import (
	"errors"
	"fmt"
	"io/fs"

	"deskline/internal/desk"
)

// Kinds of trouble reported on Watcher.Errors; test with errors.Is.
var (
	// ErrFolderGone: the inbox folder was removed, is not a folder, or
	// cannot be reached or created. The watcher waits for it to come back.
	ErrFolderGone = errors.New("watch: inbox folder gone")
	// ErrWatch: fsnotify failed or lost events; the watcher falls back on
	// rescanning the folder.
	ErrWatch = errors.New("watch: cannot follow changes")
	// ErrRead: the folder or a file in it cannot be read.
	ErrRead = errors.New("watch: cannot read")
)

// Error is a problem the watcher met, with a plain message for the UI. Its
// chain holds Kind, a *desk.Error with code "unavailable" (so the app's error
// formatter shows the message as is) and Err, the cause, if any.
type Error struct {
	Kind error  // ErrFolderGone, ErrWatch or ErrRead
	Dir  string // the inbox folder
	Name string // the file concerned, if any
	Err  error  // the underlying cause, or nil

	desk *desk.Error
}

// Error returns the plain message, e.g. "the inbox folder /home/ana/Deskline
// Inbox was removed; waiting for it to come back".
func (e *Error) Error() string { return e.desk.Message }

// Unwrap exposes the kind, the *desk.Error and the cause to errors.Is/As.
func (e *Error) Unwrap() []error {
	errs := []error{e.Kind, e.desk}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

func newError(kind error, dir, name string, cause error, format string, args ...any) *Error {
	return &Error{Kind: kind, Dir: dir, Name: name, Err: cause,
		desk: desk.Errorf(desk.EUNAVAILABLE, format, args...)}
}

// causeText is the short text of an I/O error ("permission denied").
func causeText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	if err == nil {
		return "unknown reason"
	}
	return fmt.Sprint(err)
}
