package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// undoRefused takes back the local effect of operations of ours the hub
// refused, for those that changed a ticket: the ticket is worked out again
// from every other operation this desk holds for it, in the order they were
// logged here, so it ends as the hub (and every other desk) has it. The
// refused operation stays in the change log (the audit trail is never
// rewritten) and in the list of refused changes; its feed line goes. A
// refused ticket.create is left alone: the ticket stays on this desk only,
// listed as refused; so is a ticket whose history this desk does not hold.
func undoRefused(ctx context.Context, tx *sql.Tx, refused []Rejection) error {
	done := map[string]bool{}
	for _, r := range refused {
		id := r.Op.EntityID
		if done[id] || r.Op.Kind == OpTicketCreate {
			continue
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM tickets WHERE id = ?", id).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			continue // not a ticket's operation
		}
		done[id] = true
		// A ticket that cannot be worked out again (one loaded outside the
		// change log, say) keeps the refused change: the refusal is listed
		// either way, and the sync never stops over it.
		if _, err := tx.ExecContext(ctx, "SAVEPOINT undo"); err != nil {
			return err
		}
		if err := rebuildTicket(ctx, tx, id); err != nil {
			if _, rerr := tx.ExecContext(ctx, "ROLLBACK TO undo"); rerr != nil {
				return fmt.Errorf("undo the refused change of ticket %s: %v; then %w", id, err, rerr)
			}
		}
		if _, err := tx.ExecContext(ctx, "RELEASE undo"); err != nil {
			return err
		}
	}
	return nil
}

// rebuildTicket merges a ticket again from its operations in the log, less
// those refused (by the hub or here).
func rebuildTicket(ctx context.Context, tx *sql.Tx, ticketID string) error {
	rows, err := tx.QueryContext(ctx, `SELECT seq, id, install_id, counter, hlc, actor_id, kind, entity_id, payload, created_at, hash
		FROM ops WHERE entity_id = ? ORDER BY seq`, ticketID)
	if err != nil {
		return err
	}
	var keep, drop []desk.Op
	for rows.Next() {
		var r dbsqlc.Op
		if err := rows.Scan(&r.Seq, &r.ID, &r.InstallID, &r.Counter, &r.Hlc, &r.ActorID, &r.Kind, &r.EntityID, &r.Payload, &r.CreatedAt, &r.Hash); err != nil {
			rows.Close()
			return err
		}
		keep = append(keep, opFromRow(r))
	}
	if err := rows.Close(); err != nil {
		return err
	}
	refused := map[string]bool{}
	rrows, err := tx.QueryContext(ctx, "SELECT op_id FROM sync_rejections WHERE entity_id = ?", ticketID)
	if err != nil {
		return err
	}
	for rrows.Next() {
		var id string
		if err := rrows.Scan(&id); err != nil {
			rrows.Close()
			return err
		}
		refused[id] = true
	}
	if err := rrows.Close(); err != nil {
		return err
	}
	all := keep
	keep = nil
	for _, op := range all {
		if refused[op.ID] {
			drop = append(drop, op)
		} else {
			keep = append(keep, op)
		}
	}
	if len(keep) == 0 || keep[0].Kind != OpTicketCreate {
		return errors.New("its creation is not in the log")
	}
	// The ticket's row goes and comes back within this transaction: the
	// rows that point at it (tasks, notifications) are checked at commit.
	if _, err := tx.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
		return err
	}
	for _, op := range drop {
		if _, err := tx.ExecContext(ctx, "DELETE FROM activities WHERE ticket_id = ? AND (id = ? OR id LIKE ? || '/%')", ticketID, op.ID, op.ID); err != nil {
			return err
		}
	}
	for _, op := range all {
		// Tags of set members are "<op id>/<member>".
		if _, err := tx.ExecContext(ctx, "DELETE FROM set_tombstones WHERE tag > ? AND tag < ?", op.ID+"/", op.ID+"0"); err != nil {
			return err
		}
	}
	for _, table := range []string{"ticket_subjects", "ticket_assignees", "ticket_field_writes", "ticket_old_numbers", "attachments"} {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE ticket_id = ?", ticketID); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM tickets WHERE id = ?", ticketID); err != nil {
		return err
	}
	q := dbsqlc.New(tx)
	for _, op := range keep {
		merge, err := prepareOp(op)
		if err != nil {
			return err
		}
		mc := &mergeCtx{ctx: ctx, tx: tx, q: q, op: op, at: ms(op.CreatedAt), st: stamp(op), quiet: true}
		if err := merge(mc); err != nil {
			return fmt.Errorf("merge %s again: %w", op.Kind, err)
		}
	}
	if err := syncQueue(ctx, tx, ticketID); err != nil {
		return err
	}
	return reindexTicket(ctx, tx, ticketID)
}
