package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/google/uuid"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// mutation is one transaction of the mutation path. Service methods read what
// they need through q, validate, and call emit for each operation; emit stamps
// the operation, merges it into the read tables and appends it to the change log.
type mutation struct {
	ctx     context.Context
	q       *dbsqlc.Queries
	tx      *sql.Tx
	store   *Store
	actorID string
	now     time.Time
	counter int64
	hlc     int64
	ops     []desk.Op
	// bootstrap is set while the first run makes the workspace and its first
	// admin, before any user exists to hold a role.
	bootstrap bool
	user      *dbsqlc.User // the actor, once loaded
	// stmts, when set, is what emit records operations through: a
	// mutation of many operations sets it (cacheStatements).
	stmts *stmtCache
}

// cacheStatements makes the mutation's operations run their SQL through
// prepared statements kept until the transaction ends. For a mutation of
// many operations; returns the function that closes them.
func (m *mutation) cacheStatements() func() {
	m.stmts = newStmtCache(m.tx)
	return func() { m.stmts.close(); m.stmts = nil }
}

// mutate runs fn as one mutation by actorID, in one IMMEDIATE transaction: all
// of its operations are applied and logged, or none is. It returns the
// operations applied.
func (s *Store) mutate(ctx context.Context, actorID string, fn func(m *mutation) error) ([]desk.Op, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ops []desk.Op
	err := s.inTx(ctx, func(tx *sql.Tx, q *dbsqlc.Queries) error {
		m := &mutation{ctx: ctx, q: q, tx: tx, store: s, actorID: actorID, now: s.clock.Now()}
		var err error
		if m.counter, err = getInt(ctx, q, settingOpCounter); err != nil {
			return fmt.Errorf("read op counter: %w", err)
		}
		if m.hlc, err = getInt(ctx, q, settingHLC); err != nil {
			return fmt.Errorf("read clock: %w", err)
		}
		if err := fn(m); err != nil {
			return err
		}
		if len(m.ops) == 0 {
			return nil
		}
		if err := putInt(ctx, q, settingOpCounter, m.counter); err != nil {
			return err
		}
		if err := putInt(ctx, q, settingHLC, m.hlc); err != nil {
			return err
		}
		ops = m.ops
		return nil
	})
	if err != nil {
		return nil, interpretError(err)
	}
	return ops, nil
}

// tick advances the hybrid logical clock: the wall time in milliseconds in the
// high bits, a counter in the low 16, strictly increasing even if the wall
// clock steps back.
func (m *mutation) tick() int64 {
	next := m.now.UnixMilli() << 16
	if next <= m.hlc {
		next = m.hlc + 1
	}
	m.hlc = next
	return next
}

// newID returns a fresh UUIDv7 for a new row.
func newID() string { return uuid.Must(uuid.NewV7()).String() }

// ApplyOps merges operations made elsewhere (or replayed from a log) through
// the same merge as local changes, in one transaction. Operations already
// applied are skipped. The local clock moves past the highest HLC seen.
func (s *Store) ApplyOps(ctx context.Context, ops []desk.Op) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return interpretError(s.inTx(ctx, func(tx *sql.Tx, q *dbsqlc.Queries) error {
		hlc, err := getInt(ctx, q, settingHLC)
		if err != nil {
			return err
		}
		for _, op := range ops {
			if err := apply(ctx, tx, op); err != nil {
				return fmt.Errorf("apply %s %s: %w", op.Kind, op.ID, err)
			}
			hlc = max(hlc, op.HLC)
		}
		return putInt(ctx, q, settingHLC, hlc)
	}))
}

// ListOps returns up to limit operations of the change log after position
// after, in the order they were applied here, and the position of the last one.
func (s *Store) ListOps(ctx context.Context, after int64, limit int) ([]desk.Op, int64, error) {
	rows, err := s.read().ListOps(ctx, dbsqlc.ListOpsParams{Seq: after, Limit: int64(limit)})
	if err != nil {
		return nil, after, err
	}
	ops := make([]desk.Op, len(rows))
	for i, r := range rows {
		ops[i] = opFromRow(r)
		after = r.Seq
	}
	return ops, after, nil
}
