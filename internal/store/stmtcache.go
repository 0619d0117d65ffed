package store

import (
	"context"
	"database/sql"
	"fmt"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// stmtCache runs statements on one transaction, each prepared once and kept
// for the rest of it. Applying a pulled page runs the same few dozen
// statements for every operation; parsing them again each time was a third of
// the work. It is a dbsqlc.DBTX, so the generated queries and the merges use
// it unchanged. The statements end with the transaction.
type stmtCache struct {
	tx *sql.Tx
	m  map[string]*sql.Stmt
}

func newStmtCache(tx *sql.Tx) *stmtCache { return &stmtCache{tx: tx, m: map[string]*sql.Stmt{}} }

func (c *stmtCache) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := c.m[query]; ok {
		return st, nil
	}
	st, err := c.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.m[query] = st
	return st, nil
}

func (c *stmtCache) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (c *stmtCache) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return c.tx.PrepareContext(ctx, query)
}

func (c *stmtCache) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (c *stmtCache) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := c.stmt(ctx, query)
	if err != nil {
		// The transaction gives the same error through a Row.
		return c.tx.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// readModels gathers the tickets whose queue rows and search documents a page
// of pulled operations changed, so that each is rewritten once, after the
// page's last operation, instead of after each operation (a new ticket and
// its number, or ten edits of one ticket, cost one rewrite). Both read models
// are worked out from the ticket as it is, so once at the end gives what once
// per operation gave.
type readModels struct {
	queue, search []string
	seenQ, seenS  map[string]bool
}

func newReadModels() *readModels {
	return &readModels{seenQ: map[string]bool{}, seenS: map[string]bool{}}
}

// note records the ticket whose feed op wrote (if any).
func (r *readModels) note(ctx context.Context, tx dbsqlc.DBTX, op desk.Op) error {
	var ticketID, kind, body string
	err := tx.QueryRowContext(ctx, "SELECT ticket_id, kind, body FROM activities WHERE id = ?", op.ID).Scan(&ticketID, &kind, &body)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read models: %w", err)
	}
	if !r.seenQ[ticketID] {
		r.seenQ[ticketID] = true
		r.queue = append(r.queue, ticketID)
	}
	if searchRelevant(kind, body) && !r.seenS[ticketID] {
		r.seenS[ticketID] = true
		r.search = append(r.search, ticketID)
	}
	return nil
}

// flush rewrites the queue rows and search documents of the tickets noted.
func (r *readModels) flush(ctx context.Context, tx dbsqlc.DBTX) error {
	for _, id := range r.queue {
		if err := syncQueue(ctx, tx, id); err != nil {
			return err
		}
	}
	for _, id := range r.search {
		if err := reindexTicket(ctx, tx, id); err != nil {
			return err
		}
	}
	return nil
}
