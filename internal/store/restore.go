package store

import (
	"context"
	"database/sql"
	"fmt"

	"modernc.org/sqlite"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// restorer is what modernc's connection offers for SQLite's online backup
// API in the restoring direction.
type restorer interface {
	NewRestore(srcURI string) (*sqlite.Backup, error)
}

// Restore replaces the whole database with the database file at src (a
// checked copy taken from a backup), in place: SQLite's backup API copies
// src's pages into the open database on the write connection, so the store,
// its connections and everyone holding it carry on with the restored desk.
// The schema is then brought up to date (a backup may come from an older
// Deskline) and the entries of the audit trail sealed.
//
// The workstation stays itself: it keeps its installation id (a backup may
// come from another workstation), and its op counter and clock never go
// back, so a restored desk goes on numbering its changes after the ones it
// made before the restore and no two of its changes share a number. progress, if not nil, is told pages copied
// out of the total.
//
// The caller checks src first (CheckFile, full). Returns EUNAVAILABLE when
// src cannot be read.
func (s *Store) Restore(ctx context.Context, src string, progress func(done, total int)) error {
	s.mu.Lock()
	err := s.restorePages(ctx, src, progress)
	s.mu.Unlock()
	if err != nil {
		return err
	}
	if err := s.migrate(ctx); err != nil {
		return err
	}
	if err := s.ensureSearchIndex(ctx); err != nil {
		return err
	}
	if err := s.sealAuditChain(ctx); err != nil {
		return err
	}
	return s.loadInstallation(ctx)
}

func (s *Store) restorePages(ctx context.Context, src string, progress func(done, total int)) error {
	var counter, hlc int64
	var install string
	err := s.inTx(ctx, func(_ *sql.Tx, q *dbsqlc.Queries) error {
		var err error
		if install, err = q.GetSetting(ctx, settingInstallID); err != nil {
			return fmt.Errorf("read the installation id: %w", err)
		}
		if counter, err = getInt(ctx, q, settingOpCounter); err != nil {
			return err
		}
		hlc, err = getInt(ctx, q, settingHLC)
		return err
	})
	if err != nil {
		return err
	}
	conn, err := s.w.Conn(ctx)
	if err != nil {
		return interpretError(fmt.Errorf("restore: %w", err))
	}
	err = conn.Raw(func(dc any) error {
		r, ok := dc.(restorer)
		if !ok {
			return fmt.Errorf("restore: the SQLite driver offers no backup API")
		}
		b, err := r.NewRestore("file:" + src + "?mode=ro")
		if err != nil {
			return &desk.Error{Code: desk.EUNAVAILABLE, Message: fmt.Sprintf("cannot read the backup's database: %v", err)}
		}
		for {
			more, err := b.Step(512)
			if err != nil {
				b.Finish()
				return fmt.Errorf("restore: copy pages: %w", err)
			}
			if progress != nil {
				progress(b.PageCount()-b.Remaining(), b.PageCount())
			}
			if !more {
				break
			}
			if err := ctx.Err(); err != nil {
				b.Finish()
				return err
			}
		}
		return b.Finish()
	})
	conn.Close()
	if err != nil {
		return err
	}
	s.ckpt.changed()
	return s.inTx(ctx, func(_ *sql.Tx, q *dbsqlc.Queries) error {
		c, err := getInt(ctx, q, settingOpCounter)
		if err != nil {
			return err
		}
		h, err := getInt(ctx, q, settingHLC)
		if err != nil {
			return err
		}
		if err := q.PutSetting(ctx, dbsqlc.PutSettingParams{Key: settingInstallID, Value: install}); err != nil {
			return err
		}
		if err := putInt(ctx, q, settingOpCounter, max(c, counter)); err != nil {
			return err
		}
		return putInt(ctx, q, settingHLC, max(h, hlc))
	})
}
