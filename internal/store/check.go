package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"strings"

	"deskline/internal/desk"
)

// Kinds of Problem.
const (
	ProblemDamaged = "damaged" // the file is not a sound SQLite database
	ProblemNewer   = "newer"   // written by a newer Deskline
)

// Problem says why a database file cannot be opened safely: it is damaged,
// or a newer Deskline wrote it. Open returns it before writing anything, so
// the file is left as it was. Its code is EUNAVAILABLE for a damaged file and
// ECONFLICT for a newer one.
type Problem struct {
	Kind    string `json:"kind"`
	Message string `json:"message"` // in plain words
	Details string `json:"details"` // what the check found, for support
	Path    string `json:"path"`
}

func (p *Problem) Error() string {
	if p.Details != "" {
		return p.Message + " (" + p.Details + ")"
	}
	return p.Message
}

// Unwrap gives the problem's code to desk.ErrorCode.
func (p *Problem) Unwrap() error {
	code := desk.EUNAVAILABLE
	if p.Kind == ProblemNewer {
		code = desk.ECONFLICT
	}
	return &desk.Error{Code: code, Message: p.Message}
}

// FileInfo is what checking a database file found.
type FileInfo struct {
	Schema  int64 // the schema version (0 for a new, empty database)
	Tickets int64
}

const sqliteHeader = "SQLite format 3\x00"

// CheckFile checks the database file at path without writing to it: that it
// is an SQLite database whole (not cut short, its pages sound by PRAGMA
// quick_check, or integrity_check when full), and that its schema is not
// newer than this build's. Returns a *Problem when it is not, and
// ENOTFOUND when there is no file.
func CheckFile(ctx context.Context, path string, full bool) (FileInfo, error) {
	damaged := func(msg, details string) (FileInfo, error) {
		return FileInfo{}, &Problem{Kind: ProblemDamaged, Message: msg, Details: details, Path: path}
	}
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return FileInfo{}, desk.NotFound("database file")
	}
	if err != nil {
		return FileInfo{}, &desk.Error{Code: desk.EUNAVAILABLE, Message: fmt.Sprintf("cannot read the database %s: %v", path, err)}
	}
	if fi.Size() == 0 {
		return damaged("The database file is empty (0 bytes): its content is lost.", "")
	}
	f, err := os.Open(path)
	if err != nil {
		return FileInfo{}, &desk.Error{Code: desk.EUNAVAILABLE, Message: fmt.Sprintf("cannot read the database %s: %v", path, err)}
	}
	head := make([]byte, 100)
	_, err = io.ReadFull(f, head)
	f.Close()
	if err != nil || !bytes.Equal(head[:16], []byte(sqliteHeader)) {
		return damaged("The database file is not a Deskline database: it does not start the way an SQLite database does.", "")
	}
	pageSize := int64(binary.BigEndian.Uint16(head[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	// The page count in the header is valid when the change counter matches
	// the version-valid-for number.
	if pages := int64(binary.BigEndian.Uint32(head[28:32])); bytes.Equal(head[24:28], head[92:96]) && pages > 0 {
		if want := pages * pageSize; fi.Size() < want {
			return damaged("The database file is cut short: part of it is missing.",
				fmt.Sprintf("%d bytes of %d", fi.Size(), want))
		}
	}

	q := url.Values{}
	q.Set("mode", "ro")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "query_only(1)")
	db, err := sql.Open("sqlite", "file:"+uriPath(path)+"?"+q.Encode())
	if err != nil {
		return FileInfo{}, fmt.Errorf("open %s: %w", path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	check := "PRAGMA quick_check(20)"
	if full {
		check = "PRAGMA integrity_check(20)"
	}
	rows, err := db.QueryContext(ctx, check)
	if err != nil {
		return damaged("The database file is damaged: it cannot be read.", err.Error())
	}
	var found []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return damaged("The database file is damaged: it cannot be read.", err.Error())
		}
		found = append(found, line)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return damaged("The database file is damaged: it cannot be read.", err.Error())
	}
	rows.Close()
	if len(found) != 1 || found[0] != "ok" {
		return damaged("The database file is damaged: some of its pages are not sound.", strings.Join(found, "; "))
	}

	var info FileInfo
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE name = 'goose_db_version'").Scan(&n); err != nil {
		return damaged("The database file is damaged: it cannot be read.", err.Error())
	}
	if n == 0 {
		return info, nil // a new database: nothing in it yet
	}
	if err := db.QueryRowContext(ctx, "SELECT coalesce(max(version_id), 0) FROM goose_db_version WHERE is_applied").Scan(&info.Schema); err != nil {
		return damaged("The database file is damaged: its schema version cannot be read.", err.Error())
	}
	if latest := SchemaVersion(); info.Schema > latest {
		return info, &Problem{Kind: ProblemNewer, Path: path,
			Message: "This desk was saved by a newer version of Deskline. Update Deskline to open it; this version leaves it untouched.",
			Details: fmt.Sprintf("schema %d, this version knows up to %d", info.Schema, latest)}
	}
	_ = db.QueryRowContext(ctx, "SELECT count(*) FROM tickets").Scan(&info.Tickets) // an early schema may have none
	return info, nil
}

// checkAtOpen checks an existing database file before Open writes to it.
func checkAtOpen(ctx context.Context, path string) error {
	_, err := CheckFile(ctx, path, false)
	if desk.ErrorCode(err) == desk.ENOTFOUND {
		return nil // a new desk
	}
	return err
}
