package store

import (
	"database/sql"
	"errors"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"deskline/internal/desk"
)

// interpretError maps database errors to desk errors: no rows to ENOTFOUND,
// constraint failures to ECONFLICT, a busy database to EUNAVAILABLE. Anything
// else passes through (and becomes EINTERNAL at the edge).
func interpretError(err error) error {
	if err == nil {
		return nil
	}
	var de *desk.Error
	if errors.As(err, &de) {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return desk.NotFound("record")
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CONSTRAINT:
			return &desk.Error{Code: desk.ECONFLICT, Message: "the change conflicts with existing data: " + strings.TrimSpace(se.Error())}
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return &desk.Error{Code: desk.EUNAVAILABLE, Message: "the database is busy; try again"}
		}
	}
	return err
}

// notFound turns sql.ErrNoRows into ENOTFOUND naming what was looked for.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return desk.NotFound(what)
	}
	return err
}
