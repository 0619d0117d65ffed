package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// What this workstation keeps of its team hub, in its local settings.
const (
	settingHubURL      = "hub_url"
	settingHubInstall  = "hub_install_id" // the install id of the hub's own operations
	settingHubEpoch    = "hub_epoch"
	settingSyncCursor  = "sync_cursor" // the last hub sequence pulled and applied
	settingSyncAcked   = "sync_acked"  // the last counter of ours the hub stored
	settingSyncLast    = "sync_last"   // when the last sync round ended, unix ms
	settingSyncProblem = "sync_problem"
	settingProvisional = "provisional_counter"
	settingJoinedAt    = "hub_joined_at" // when this desk joined, unix ms: older pulled changes notify no one
	// 1 while pages applied by CatchUp wait for FinishCatchUp to rebuild the
	// queue's read model and the search index.
	settingReadModelsStale = "read_models_stale"
)

// TeamState returns what this workstation knows of its team hub.
func (s *Store) TeamState(ctx context.Context) (desk.TeamState, error) {
	var st desk.TeamState
	err := s.readTx(ctx, func(q *dbsqlc.Queries, _ *sql.Tx) error {
		text := func(key string) string {
			v, _ := q.GetSetting(ctx, key)
			return v
		}
		st.URL, st.Epoch, st.LastProblem = text(settingHubURL), text(settingHubEpoch), text(settingSyncProblem)
		st.Joined = st.URL != ""
		var err error
		if st.Cursor, err = getInt(ctx, q, settingSyncCursor); err != nil {
			return err
		}
		if st.Acked, err = getInt(ctx, q, settingSyncAcked); err != nil {
			return err
		}
		if st.Pending, err = q.CountPendingOps(ctx, dbsqlc.CountPendingOpsParams{InstallID: s.installID, Counter: st.Acked}); err != nil {
			return err
		}
		if st.Rejected, err = q.CountSyncRejections(ctx); err != nil {
			return err
		}
		last, err := getInt(ctx, q, settingSyncLast)
		if err != nil {
			return err
		}
		if last > 0 {
			st.LastSync = rfc3339(last)
		}
		return nil
	})
	st.InstallID = s.installID
	return st, err
}

// DeskIsEmpty reports whether this desk has never been set up: no workspace,
// so nothing of its own to bring to a team.
func (s *Store) DeskIsEmpty(ctx context.Context) (bool, error) {
	_, err := s.read().GetWorkspace(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return true, nil
	}
	return false, err
}

// JoinTeam records that this workstation syncs through the hub at url (its
// credentials are kept elsewhere): tickets made from now on get provisional
// numbers until the hub numbers them. acked is the last counter of ours the
// hub already holds (a desk that made the hub brought its whole log).
func (s *Store) JoinTeam(ctx context.Context, url, hubInstallID, epoch string, acked int64) error {
	if err := checkUUID("hubInstallId", hubInstallID); err != nil {
		return err
	}
	return s.settings(ctx, func(q *dbsqlc.Queries) error {
		for k, v := range map[string]string{settingHubURL: url, settingHubInstall: hubInstallID, settingHubEpoch: epoch, settingSyncProblem: ""} {
			if err := q.PutSetting(ctx, dbsqlc.PutSettingParams{Key: k, Value: v}); err != nil {
				return err
			}
		}
		if joined, err := getInt(ctx, q, settingJoinedAt); err != nil || joined > 0 {
			return err
		}
		return putInt(ctx, q, settingJoinedAt, s.clock.Now().UnixMilli())
	})
}

// LeaveTeam stops syncing: the desk keeps everything it has and works alone.
func (s *Store) LeaveTeam(ctx context.Context) error {
	return s.settings(ctx, func(q *dbsqlc.Queries) error {
		return q.PutSetting(ctx, dbsqlc.PutSettingParams{Key: settingHubURL, Value: ""})
	})
}

// NewHubEpoch starts over with a hub restored from a backup: the cursor goes
// back to the start (pulled operations already here are skipped) and the
// operations of ours after hubAcked, the last the hub now holds, are pushed
// again.
func (s *Store) NewHubEpoch(ctx context.Context, epoch string, hubAcked int64) error {
	return s.settings(ctx, func(q *dbsqlc.Queries) error {
		if err := q.PutSetting(ctx, dbsqlc.PutSettingParams{Key: settingHubEpoch, Value: epoch}); err != nil {
			return err
		}
		if err := putInt(ctx, q, settingSyncCursor, 0); err != nil {
			return err
		}
		return putInt(ctx, q, settingSyncAcked, hubAcked)
	})
}

// SetHubAcked records the last counter of ours the hub holds, as its hello
// told: operations after it are pushed (again).
func (s *Store) SetHubAcked(ctx context.Context, acked int64) error {
	return s.settings(ctx, func(q *dbsqlc.Queries) error { return putInt(ctx, q, settingSyncAcked, acked) })
}

// NoteSync records the end of a sync round and its problem in plain words
// ("" when it went well).
func (s *Store) NoteSync(ctx context.Context, at time.Time, problem string) error {
	return s.settings(ctx, func(q *dbsqlc.Queries) error {
		if err := q.PutSetting(ctx, dbsqlc.PutSettingParams{Key: settingSyncProblem, Value: excerpt(problem, 300)}); err != nil {
			return err
		}
		if problem != "" {
			return nil
		}
		return putInt(ctx, q, settingSyncLast, at.UnixMilli())
	})
}

func (s *Store) settings(ctx context.Context, fn func(q *dbsqlc.Queries) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inTx(ctx, func(_ *sql.Tx, q *dbsqlc.Queries) error { return fn(q) })
}

// PendingOps returns up to limit operations of ours the hub does not hold
// yet, in counter order.
func (s *Store) PendingOps(ctx context.Context, limit int) ([]desk.Op, error) {
	q := s.read()
	acked, err := getInt(ctx, q, settingSyncAcked)
	if err != nil {
		return nil, err
	}
	rows, err := q.ListPendingOps(ctx, dbsqlc.ListPendingOpsParams{InstallID: s.installID, Counter: acked, Limit: int64(limit)})
	if err != nil {
		return nil, err
	}
	ops := make([]desk.Op, len(rows))
	for i, r := range rows {
		ops[i] = opFromRow(r)
	}
	return ops, nil
}

func opFromRow(r dbsqlc.Op) desk.Op {
	return desk.Op{
		ID: r.ID, InstallID: r.InstallID, Counter: r.Counter, HLC: r.Hlc, ActorID: r.ActorID,
		Kind: r.Kind, EntityID: r.EntityID, Payload: json.RawMessage(r.Payload),
		CreatedAt: time.UnixMilli(r.CreatedAt).UTC(),
	}
}

// Rejection is an operation the hub or this workstation refused, and why.
type Rejection struct {
	Op     desk.Op
	Reason string
}

// AckPushed records that the hub holds our operations up to counter upTo;
// those it refused are listed with the reason, and a refused change of a
// ticket is taken back here: the ticket goes back to what the hub holds.
func (s *Store) AckPushed(ctx context.Context, upTo int64, rejected []Rejection) error {
	now := s.clock.Now().UnixMilli()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inTx(ctx, func(tx *sql.Tx, q *dbsqlc.Queries) error {
		for _, r := range rejected {
			if err := insertRejection(ctx, q, r, "hub", now); err != nil {
				return err
			}
		}
		if err := undoRefused(ctx, tx, rejected); err != nil {
			return err
		}
		acked, err := getInt(ctx, q, settingSyncAcked)
		if err != nil || upTo <= acked {
			return err
		}
		return putInt(ctx, q, settingSyncAcked, upTo)
	})
}

func insertRejection(ctx context.Context, q *dbsqlc.Queries, r Rejection, source string, at int64) error {
	return q.InsertSyncRejection(ctx, dbsqlc.InsertSyncRejectionParams{
		OpID: r.Op.ID, Kind: excerpt(r.Op.Kind, 40), EntityID: excerpt(r.Op.EntityID, 40), Source: source,
		Reason: excerpt(r.Reason, 300), At: at,
	})
}

// Rejections returns the latest operations refused, newest first.
func (s *Store) Rejections(ctx context.Context, limit int) ([]desk.SyncRejection, error) {
	rows, err := s.read().ListSyncRejections(ctx, int64(limit))
	if err != nil {
		return nil, err
	}
	out := make([]desk.SyncRejection, len(rows))
	for i, r := range rows {
		out[i] = desk.SyncRejection{OpID: r.OpID, Kind: r.Kind, EntityID: r.EntityID, ByHub: r.Source == "hub",
			Reason: r.Reason, At: rfc3339(r.At)}
	}
	return out, nil
}

// ApplyPulled applies one page of operations pulled from the hub, in the
// hub's order (those made before this desk joined notify no one), in one transaction together with the new cursor, so that a
// crash re-applies a page at most. Our own operations coming back are
// acknowledged and not merged again (unless this desk, restored from a backup,
// no longer has them). An operation that fails its checks (or
// a kind only the hub makes, from anyone else) is recorded as refused here
// and skipped; one bad operation never stops the rest. The local clock moves
// past every clock seen (the HLC receive rule). It returns the operations
// merged.
func (s *Store) ApplyPulled(ctx context.Context, page []desk.PulledOp) ([]desk.Op, error) {
	return s.applyPulled(ctx, page, false)
}

// CatchUp applies a page as ApplyPulled does, for a desk far behind its hub
// (a new desk joining): the queue's read model and the search index are left
// as they are and marked stale, to be rebuilt once, from the tables, by
// FinishCatchUp after the last page. Until then the queue and search do not
// show the tickets the pages brought.
func (s *Store) CatchUp(ctx context.Context, page []desk.PulledOp) ([]desk.Op, error) {
	return s.applyPulled(ctx, page, true)
}

// FinishCatchUp rebuilds the queue's and the dashboards' read models and the
// search index when
// pages were applied by CatchUp since they were last built (also after a
// crash in the middle of catching up); otherwise it does nothing.
func (s *Store) FinishCatchUp(ctx context.Context) error {
	if stale, err := getInt(ctx, s.read(), settingReadModelsStale); err != nil || stale == 0 {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inTx(ctx, func(tx *sql.Tx, q *dbsqlc.Queries) error {
		stale, err := getInt(ctx, q, settingReadModelsStale)
		if err != nil || stale == 0 {
			return err
		}
		if err := rebuildQueue(ctx, tx); err != nil {
			return err
		}
		if err := rebuildSearch(ctx, tx); err != nil {
			return err
		}
		if err := rebuildInsight(ctx, tx); err != nil {
			return err
		}
		return putInt(ctx, q, settingReadModelsStale, 0)
	})
}

func (s *Store) applyPulled(ctx context.Context, page []desk.PulledOp, catchUp bool) ([]desk.Op, error) {
	if len(page) == 0 {
		return nil, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// The page is applied first without a savepoint per operation; should
	// one fail in its merge (rare: the checks come first), the page is
	// rolled back and applied again with one, so that the failed one alone
	// leaves nothing behind.
	merged, err := s.applyPage(ctx, page, catchUp, false)
	if errors.Is(err, errNeedSavepoints) {
		merged, err = s.applyPage(ctx, page, catchUp, true)
	}
	return merged, interpretError(err)
}

// errNeedSavepoints stops a page applied without savepoints at its first
// operation that failed in its merge.
var errNeedSavepoints = errors.New("an operation of the page failed in its merge")

func (s *Store) applyPage(ctx context.Context, page []desk.PulledOp, catchUp, savepoints bool) ([]desk.Op, error) {
	var merged []desk.Op
	err := s.inTx(ctx, func(sqlTx *sql.Tx, _ *dbsqlc.Queries) error {
		merged = nil
		tx := newStmtCache(sqlTx)
		defer tx.close()
		q := dbsqlc.New(tx)
		later := newReadModels()
		if catchUp {
			later.stale = true
			if err := putInt(ctx, q, settingReadModelsStale, 1); err != nil {
				return err
			}
		}
		hlc, err := getInt(ctx, q, settingHLC)
		if err != nil {
			return err
		}
		acked, err := getInt(ctx, q, settingSyncAcked)
		if err != nil {
			return err
		}
		hubID, err := q.GetSetting(ctx, settingHubInstall)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		joinedAt, err := getInt(ctx, q, settingJoinedAt)
		if err != nil {
			return err
		}
		now := s.clock.Now().UnixMilli()
		here, err := opsHere(ctx, tx, page)
		if err != nil {
			return err
		}
		for _, p := range page {
			op := p.Op
			if op.InstallID == s.installID {
				acked = max(acked, op.Counter)
			}
			hlc = max(hlc, op.HLC)
			// Already here: ours, or seen before. One of ours that is not
			// here any more (this desk was restored from a backup older than
			// the change) is merged from the hub's copy like anyone's.
			if here[op.ID] {
				continue
			}
			here[op.ID] = true
			if err := applyOne(ctx, tx, op, hubID, op.CreatedAt.UnixMilli() < joinedAt, later, savepoints); err != nil {
				if errors.Is(err, errNeedSavepoints) {
					return err
				}
				if err := insertRejection(ctx, q, Rejection{Op: op, Reason: err.Error()}, "here", now); err != nil {
					return err
				}
				continue
			}
			merged = append(merged, op)
		}
		if err := later.flush(ctx, tx); err != nil {
			return err
		}
		if err := putInt(ctx, q, settingSyncAcked, acked); err != nil {
			return err
		}
		if err := putInt(ctx, q, settingHLC, hlc); err != nil {
			return err
		}
		return putInt(ctx, q, settingSyncCursor, page[len(page)-1].Seq)
	})
	return merged, err
}

// opsHere returns which operations of a page are in the log already, asked
// in a few statements rather than one per operation.
func opsHere(ctx context.Context, tx dbsqlc.DBTX, page []desk.PulledOp) (map[string]bool, error) {
	here := make(map[string]bool, len(page))
	const chunk = 500
	for i := 0; i < len(page); i += chunk {
		part := page[i:min(i+chunk, len(page))]
		args := make([]any, len(part))
		for j, p := range part {
			args[j] = p.Op.ID
		}
		rows, err := tx.QueryContext(ctx, "SELECT id FROM ops WHERE id IN ("+placeholders(len(args))+")", args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			here[id] = true
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return here, nil
}

// applyOne applies one pulled operation not seen here before; with
// savepoints, inside one, so that one that fails leaves nothing behind;
// without, a failure in its merge answers errNeedSavepoints.
func applyOne(ctx context.Context, tx dbsqlc.DBTX, op desk.Op, hubID string, quiet bool, later *readModels, savepoints bool) error {
	merge, err := prepareOp(op)
	if err != nil {
		return err
	}
	if len(kinds[op.Kind].kindRoles()) == 0 && (hubID == "" || op.InstallID != hubID) {
		return desk.Invalid("installId", "Only the team hub makes %s operations", op.Kind)
	}
	if !savepoints {
		if err := record(ctx, tx, op, merge, quiet, later); err != nil {
			return fmt.Errorf("%w: %v", errNeedSavepoints, err)
		}
		later.commit()
		return nil
	}
	if _, err := tx.ExecContext(ctx, "SAVEPOINT pulled"); err != nil {
		return err
	}
	if err := record(ctx, tx, op, merge, quiet, later); err != nil {
		later.drop()
		if _, rerr := tx.ExecContext(ctx, "ROLLBACK TO pulled"); rerr != nil {
			return fmt.Errorf("%v; then %w", err, rerr)
		}
		if _, rerr := tx.ExecContext(ctx, "RELEASE pulled"); rerr != nil {
			return rerr
		}
		return fmt.Errorf("could not apply: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "RELEASE pulled"); err != nil {
		return err
	}
	later.commit()
	return nil
}

// nextProvisional returns the next provisional ticket number of this
// workstation (-1, -2, …, shown as P-1, P-2, …): its tickets carry one
// until the team hub numbers them.
func (m *mutation) nextProvisional() (int64, error) {
	n, err := getInt(m.ctx, m.q, settingProvisional)
	if err != nil {
		return 0, err
	}
	n++
	return -n, putInt(m.ctx, m.q, settingProvisional, n)
}

// teamMode reports whether this workstation syncs through a hub.
func (m *mutation) teamMode() (bool, error) {
	url, err := m.q.GetSetting(m.ctx, settingHubURL)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return url != "", err
}
