package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// stmtCache runs a transaction's statements through prepared statements kept
// for the life of the transaction, so work that runs the same statements for
// many operations (applying a pulled page, an import) parses each statement's
// SQL once instead of once per operation. It is a dbsqlc.DBTX, so the
// generated queries and the merges use it unchanged. Only ExecContext and
// QueryRowContext, whose results are done with before the next call, go
// through the cache; QueryContext, whose rows may still be open while the same
// SQL runs again, does not. The statements end with the transaction.
type stmtCache struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

func newStmtCache(tx *sql.Tx) *stmtCache { return &stmtCache{tx: tx, stmts: map[string]*sql.Stmt{}} }

func (c *stmtCache) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := c.stmts[query]; ok {
		return st, nil
	}
	st, err := c.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.stmts[query] = st
	return st, nil
}

func (c *stmtCache) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (c *stmtCache) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return c.tx.QueryRowContext(ctx, query, args...) // reports the same error
	}
	return st.QueryRowContext(ctx, args...)
}

func (c *stmtCache) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return c.tx.QueryContext(ctx, query, args...)
}

func (c *stmtCache) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return c.tx.PrepareContext(ctx, query)
}

// close closes the prepared statements.
func (c *stmtCache) close() {
	for _, st := range c.stmts {
		st.Close()
	}
	clear(c.stmts)
}

// readModels is the work a page of pulled operations leaves to its end. The
// queue rows and search documents of the tickets the page changed are
// rewritten once per ticket, after the page's last operation, instead of
// after each operation (a new ticket and its number, or ten edits of one
// ticket, cost one rewrite); both are worked out from the ticket as it is, so
// once at the end gives what once per operation gave. The audit chain's head
// is written once per page too, the hash of the entry before each one kept in
// memory. What an operation noted counts only once it is applied (commit);
// one rolled back leaves nothing (drop).
type readModels struct {
	queue, search []string
	seenQ, seenS  map[string]bool

	pendQ, pendS []string

	// stale leaves the queue and search to be rebuilt after catching up.
	stale bool

	// The newest sealed entry of the log in this page, and the one the
	// operation being applied sealed.
	chainSeq, pendSeq   int64
	chainHash, pendHash string
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
	r.pendQ = append(r.pendQ, ticketID)
	if searchRelevant(kind, body) {
		r.pendS = append(r.pendS, ticketID)
	}
	return nil
}

// reindex notes a ticket whose search document the operation changed.
func (r *readModels) reindex(ticketID string) { r.pendS = append(r.pendS, ticketID) }

// chain seals the entry just logged for op, over the entry before it.
func (r *readModels) chain(ctx context.Context, q *dbsqlc.Queries, op desk.Op) error {
	seq, err := q.GetOpSeq(ctx, op.ID)
	if err != nil {
		return fmt.Errorf("audit: find the entry just logged: %w", err)
	}
	prev := r.chainHash
	if r.chainSeq == 0 || r.chainSeq >= seq {
		if prev, err = q.GetOpHashBefore(ctx, seq); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("audit: read the entry before: %w", err)
		}
	}
	row := dbsqlc.Op{
		Seq: seq, ID: op.ID, InstallID: op.InstallID, Counter: op.Counter, Hlc: op.HLC, ActorID: op.ActorID,
		Kind: op.Kind, EntityID: op.EntityID, Payload: string(op.Payload), CreatedAt: ms(op.CreatedAt),
	}
	h := opHash(prev, row)
	if err := q.SetOpHash(ctx, dbsqlc.SetOpHashParams{Hash: h, Seq: seq}); err != nil {
		return fmt.Errorf("audit: seal entry %d: %w", seq, err)
	}
	r.pendSeq, r.pendHash = seq, h
	return nil
}

// commit keeps what the operation just applied noted.
func (r *readModels) commit() {
	for _, id := range r.pendQ {
		if !r.seenQ[id] {
			r.seenQ[id] = true
			r.queue = append(r.queue, id)
		}
	}
	for _, id := range r.pendS {
		if !r.seenS[id] {
			r.seenS[id] = true
			r.search = append(r.search, id)
		}
	}
	if r.pendSeq != 0 {
		r.chainSeq, r.chainHash = r.pendSeq, r.pendHash
	}
	r.drop()
}

// drop forgets what an operation rolled back noted.
func (r *readModels) drop() {
	r.pendQ, r.pendS, r.pendSeq, r.pendHash = r.pendQ[:0], r.pendS[:0], 0, ""
}

// flush rewrites the queue rows and search documents of the tickets noted,
// and moves the audit chain's head to the page's last entry.
func (r *readModels) flush(ctx context.Context, tx dbsqlc.DBTX) error {
	if r.stale {
		r.queue, r.search = nil, nil
	}
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
	if r.chainSeq == 0 {
		return nil
	}
	return dbsqlc.New(tx).PutSetting(ctx, dbsqlc.PutSettingParams{Key: settingAuditHead, Value: fmt.Sprintf("%d %s", r.chainSeq, r.chainHash)})
}
