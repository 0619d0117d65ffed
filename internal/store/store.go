// Package store is the SQLite adapter: it opens and migrates the database, owns
// the one mutation path through which every change is applied, and maps rows to
// the domain types of package desk. It is the only importer of db/dbsqlc.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// Store is a Deskline database. It is safe for concurrent use.
type Store struct {
	w     *sql.DB // one connection; every write transaction is BEGIN IMMEDIATE
	r     *sql.DB // a pool of read-only connections
	path  string
	clock desk.Clock

	installID string
	mu        sync.Mutex // serialises this process's writers ahead of SQLite's lock
	ckpt      *checkpointer
}

// Option configures Open.
type Option func(*Store)

// WithClock injects the clock the store stamps operations with.
func WithClock(c desk.Clock) Option { return func(s *Store) { s.clock = c } }

// writeCacheSize is the writing connection's page cache (negative: in KiB).
const writeCacheSize = -32768

// dsn builds a modernc connection string. Pragmas go in the string so that every
// pooled connection gets them, not just the one a db.Exec happens to use.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
		q.Set("_txlock", "deferred")
	} else {
		// FULL syncs the WAL at every commit: with NORMAL a power cut can
		// take back commits already acknowledged to the user (the cost, a
		// sync per write, is measured in docs/benchmarks.md).
		q.Add("_pragma", "synchronous(FULL)")
		q.Set("_txlock", "immediate")
		q.Add("_pragma", fmt.Sprintf("wal_autocheckpoint(%d)", walAutoCheckpoint))
		// Savepoint journals in memory: a pulled page applies each
		// operation in a savepoint, and a journal file written for each cost
		// a third of the page.
		q.Add("_pragma", "temp_store(2)")
		// A page cache of 32 MB on the one writing connection: a desk
		// catching up with its team writes pages of thousands of operations
		// into the same few tables and indexes.
		q.Add("_pragma", fmt.Sprintf("cache_size(%d)", writeCacheSize))
	}
	return "file:" + uriPath(path) + "?" + q.Encode()
}

// uriPath writes a file path as the path part of an SQLite URI filename:
// '%', '?' and '#' would otherwise be read as an escape, the start of the
// parameters and the start of a fragment, and send the database elsewhere. A
// path that starts with "//" (a network share) gets an empty authority first,
// so that its server name is not taken for one.
func uriPath(path string) string {
	p := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(path))
	if strings.HasPrefix(p, "//") {
		p = "//" + p
	}
	return p
}

// Open opens (creating if needed) the database at path and brings its schema up
// to date, backing the file up first when a migration is due. Returns
// EUNAVAILABLE when the file cannot be opened and ECONFLICT when it was written
// by a newer version of Deskline.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	s := &Store{path: path, clock: desk.SystemClock{}}
	for _, o := range opts {
		o(s)
	}
	// The check comes first: a new desk's file is made (empty, private) after it.
	if err := checkAtOpen(ctx, path); err != nil {
		return nil, err
	}
	if err := private(path); err != nil {
		return nil, err
	}
	w, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	s.w = w
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, &desk.Error{Code: desk.EUNAVAILABLE, Message: fmt.Sprintf("cannot open the database %s: %v", path, err)}
	}
	if err := s.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	if err := s.ensureSearchIndex(ctx); err != nil {
		w.Close()
		return nil, err
	}
	if err := s.sealAuditChain(ctx); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	r.SetMaxOpenConns(4)
	s.r = r
	if s.ckpt, err = startCheckpointer(path); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.loadInstallation(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// private makes the data folder (0700) and the database with its WAL and
// shared-memory files (0600) readable by their user only, creating the folder
// and an empty database file when they are missing, and tightening the modes
// of ones made before with looser modes. SQLite gives the -wal and -shm files
// it creates the database file's mode.
func private(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return &desk.Error{Code: desk.EUNAVAILABLE, Message: fmt.Sprintf("cannot create the data folder: %v", err)}
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return &desk.Error{Code: desk.EUNAVAILABLE, Message: fmt.Sprintf("cannot make the data folder private: %v", err)}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return &desk.Error{Code: desk.EUNAVAILABLE, Message: fmt.Sprintf("cannot open the database %s: %v", path, errors.Unwrap(err))}
	}
	f.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(p, 0o600); err != nil && !errors.Is(err, os.ErrNotExist) {
			return &desk.Error{Code: desk.EUNAVAILABLE, Message: fmt.Sprintf("cannot make %s private: %v", p, errors.Unwrap(err))}
		}
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error {
	err := s.ckpt.close()
	if s.r != nil {
		err = errors.Join(err, s.r.Close())
	}
	if s.w != nil {
		err = errors.Join(err, s.w.Close())
	}
	return err
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// InstallID returns this installation's id.
func (s *Store) InstallID() string { return s.installID }

// upgradeStep, when set (by tests), is called after each step of an upgrade
// with its name ("backup", "schema"), to kill the process there.
var upgradeStep = func(string) {}

func (s *Store) migrate(ctx context.Context) error {
	p, err := goose.NewProvider(goose.DialectSQLite3, s.w, migrationsFS())
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	current, err := p.GetDBVersion(ctx)
	if err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	sources := p.ListSources()
	latest := sources[len(sources)-1].Version
	if current > latest {
		return &desk.Error{Code: desk.ECONFLICT, Message: fmt.Sprintf(
			"this database was written by a newer version of Deskline (schema %d, this version knows %d); update Deskline to open it", current, latest)}
	}
	if current < latest {
		if current > 0 {
			if err := s.backup(ctx, current); err != nil {
				return err
			}
			upgradeStep("backup")
		}
		if current > 0 && current < queueSchema {
			// The queue's read model must be filled from the tickets once the
			// schema is up: say so first, so that a start after a crash
			// between the two steps still does it.
			if err := s.inTx(ctx, func(tx *sql.Tx, _ *dbsqlc.Queries) error {
				_, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO settings (key, value) VALUES (?, '1')", settingQueueRebuild)
				return err
			}); err != nil {
				return fmt.Errorf("prepare the upgrade: %w", err)
			}
		}
		if current > 0 && current < insightSchema {
			// The same for the dashboards' read model.
			if err := s.inTx(ctx, func(tx *sql.Tx, _ *dbsqlc.Queries) error {
				_, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO settings (key, value) VALUES (?, '1')", settingInsightRebuild)
				return err
			}); err != nil {
				return fmt.Errorf("prepare the upgrade: %w", err)
			}
		}
		if _, err := p.Up(ctx); err != nil {
			return fmt.Errorf("migrate schema from %d to %d: %w", current, latest, err)
		}
		upgradeStep("schema")
	}
	return s.finishUpgrade(ctx)
}

// settingQueueRebuild is set while an upgrade still owes the queue's read
// model its rebuild.
const settingQueueRebuild = "upgrade_queue_rebuild"

// finishUpgrade does, at every start, what an upgrade left to do after its
// schema step: the rebuild and the clearing of its mark are one transaction,
// so a crash at any point leaves the mark for the next start.
func (s *Store) finishUpgrade(ctx context.Context) error {
	for _, step := range []struct {
		mark    string
		rebuild func(context.Context, *sql.Tx) error
	}{{settingQueueRebuild, rebuildQueue}, {settingInsightRebuild, rebuildInsight}} {
		if err := s.inTx(ctx, func(tx *sql.Tx, q *dbsqlc.Queries) error {
			if _, err := q.GetSetting(ctx, step.mark); errors.Is(err, sql.ErrNoRows) {
				return nil
			} else if err != nil {
				return fmt.Errorf("read the upgrade's state: %w", err)
			}
			if err := step.rebuild(ctx, tx); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, "DELETE FROM settings WHERE key = ?", step.mark)
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// backup copies the database aside before a migration changes it.
func (s *Store) backup(ctx context.Context, version int64) error {
	// A run killed after its backup left one that may bear this name: take
	// the next free one (VACUUM INTO never overwrites).
	stamp := fmt.Sprintf("%s.schema-%d-%s", s.path, version, s.clock.Now().UTC().Format("20060102T150405"))
	dst := stamp + ".bak"
	for n := 2; ; n++ {
		if _, err := os.Lstat(dst); errors.Is(err, os.ErrNotExist) {
			break
		}
		dst = fmt.Sprintf("%s-%d.bak", stamp, n)
	}
	if _, err := s.w.ExecContext(ctx, "VACUUM INTO ?", dst); err != nil {
		return fmt.Errorf("back up before migrating: %w", err)
	}
	return os.Chmod(dst, 0o600)
}

const (
	settingInstallID = "installation_id"
	settingOpCounter = "op_counter"
	settingHLC       = "hlc"
)

func (s *Store) loadInstallation(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inTx(ctx, func(_ *sql.Tx, q *dbsqlc.Queries) error {
		id, err := q.GetSetting(ctx, settingInstallID)
		if errors.Is(err, sql.ErrNoRows) {
			id = uuid.Must(uuid.NewV7()).String()
			err = q.PutSetting(ctx, dbsqlc.PutSettingParams{Key: settingInstallID, Value: id})
		}
		if err != nil {
			return fmt.Errorf("installation id: %w", err)
		}
		s.installID = id
		return nil
	})
}

// inTx runs fn in one IMMEDIATE transaction on the write connection.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx, q *dbsqlc.Queries) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return interpretError(fmt.Errorf("begin: %w", err))
	}
	defer tx.Rollback()
	if err := fn(tx, dbsqlc.New(tx)); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return interpretError(fmt.Errorf("commit: %w", err))
	}
	s.ckpt.changed()
	return nil
}

// read returns queries on the read pool.
func (s *Store) read() *dbsqlc.Queries { return dbsqlc.New(s.r) }

// readTx runs fn in one read transaction, so several queries see one snapshot.
func (s *Store) readTx(ctx context.Context, fn func(q *dbsqlc.Queries, tx *sql.Tx) error) error {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return interpretError(fmt.Errorf("begin read: %w", err))
	}
	defer tx.Rollback()
	return fn(dbsqlc.New(tx), tx)
}

func putInt(ctx context.Context, q *dbsqlc.Queries, key string, v int64) error {
	return q.PutSetting(ctx, dbsqlc.PutSettingParams{Key: key, Value: strconv.FormatInt(v, 10)})
}

func getInt(ctx context.Context, q *dbsqlc.Queries, key string) (int64, error) {
	v, err := q.GetSetting(ctx, key)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return strconv.ParseInt(v, 10, 64)
}

// Backup writes a consistent copy of the database to w's path.
func (s *Store) Backup(ctx context.Context, dst string) error {
	if _, err := os.Stat(dst); err == nil {
		return desk.Errorf(desk.ECONFLICT, "%s already exists", dst)
	}
	_, err := s.w.ExecContext(ctx, "VACUUM INTO ?", dst)
	return err
}

var _ io.Closer = (*Store)(nil)

func ms(t time.Time) int64 { return t.UnixMilli() }

func rfc3339(msec int64) string {
	return time.UnixMilli(msec).UTC().Format("2006-01-02T15:04:05.000Z07:00")
}

// Local settings of this workstation that other packages keep here.
const (
	SettingInboxFolder      = "inbox_folder"
	SettingAttachmentLimits = "attachment_limits"
	// SettingLastUser is the user last signed in here, preselected on the
	// sign-in screen (its key is from when it named the signed-in user).
	SettingLastUser = "current_user_id"
	// SettingLockMinutes is the idle time after which the desk locks.
	SettingLockMinutes = "lock_minutes"
)

// LocalSetting returns a workstation setting ("" if never set).
func (s *Store) LocalSetting(ctx context.Context, key string) (string, error) {
	v, err := s.read().GetSetting(ctx, key)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetLocalSetting stores a workstation setting.
func (s *Store) SetLocalSetting(ctx context.Context, key, value string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inTx(ctx, func(_ *sql.Tx, q *dbsqlc.Queries) error {
		return q.PutSetting(ctx, dbsqlc.PutSettingParams{Key: key, Value: value})
	})
}
