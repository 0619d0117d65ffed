package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// The audit trail is the change log: every entry carries a SHA-256 over the
// entry before it and its own content (a hash chain), written when the
// operation is first logged. The chain's head (the last entry's position and
// hash) is kept in the settings, so deleting the newest entries shows too.
//
// A hash chain without a secret shows entries edited, deleted or moved by
// hand or by a tool that does not know about it; someone who rewrites the
// whole chain from the damaged entry on, and the head, is not caught by it.

const settingAuditHead = "audit_head" // "<seq> <hash>"

// opHash is the hash of a change log entry: SHA-256 over the previous
// entry's hash and the entry's id, installation id, counter, HLC, actor,
// kind, entity, payload and time, each prefixed with its length.
func opHash(prev string, r dbsqlc.Op) string {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	put := func(s string) {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
		h.Write([]byte(s))
	}
	put(prev)
	put(r.ID)
	put(r.InstallID)
	put(strconv.FormatInt(r.Counter, 10))
	put(strconv.FormatInt(r.Hlc, 10))
	put(r.ActorID)
	put(r.Kind)
	put(r.EntityID)
	put(r.Payload)
	put(strconv.FormatInt(r.CreatedAt, 10))
	return hex.EncodeToString(h.Sum(nil))
}

// chainOp seals the entry just logged for op: its hash over the entry before
// it, and the chain's new head.
func chainOp(ctx context.Context, tx dbsqlc.DBTX, op desk.Op) error {
	q := dbsqlc.New(tx)
	seq, err := q.GetOpSeq(ctx, op.ID)
	if err != nil {
		return fmt.Errorf("audit: find the entry just logged: %w", err)
	}
	prev, err := q.GetOpHashBefore(ctx, seq)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("audit: read the entry before: %w", err)
	}
	return sealOp(ctx, q, prev, dbsqlc.Op{
		Seq: seq, ID: op.ID, InstallID: op.InstallID, Counter: op.Counter, Hlc: op.HLC, ActorID: op.ActorID,
		Kind: op.Kind, EntityID: op.EntityID, Payload: string(op.Payload), CreatedAt: ms(op.CreatedAt),
	})
}

func sealOp(ctx context.Context, q *dbsqlc.Queries, prev string, r dbsqlc.Op) error {
	h := opHash(prev, r)
	if err := q.SetOpHash(ctx, dbsqlc.SetOpHashParams{Hash: h, Seq: r.Seq}); err != nil {
		return fmt.Errorf("audit: seal entry %d: %w", r.Seq, err)
	}
	return q.PutSetting(ctx, dbsqlc.PutSettingParams{Key: settingAuditHead, Value: fmt.Sprintf("%d %s", r.Seq, h)})
}

// sealAuditChain seals the entries logged before the audit trail existed, in
// the order they were logged, and moves the head to the newest of them when
// it is newer than the head. It does nothing once every entry is sealed.
func (s *Store) sealAuditChain(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		done := false
		err := s.inTx(ctx, func(_ *sql.Tx, q *dbsqlc.Queries) error {
			rows, err := q.ListUnsealedOps(ctx, 5000)
			if err != nil {
				return err
			}
			if len(rows) == 0 {
				done = true
				return nil
			}
			var prev string
			var last dbsqlc.Op
			for _, r := range rows {
				if last.Seq == 0 || r.Seq != last.Seq+1 {
					// Not right after the entry sealed before: read the one before it.
					if prev, err = q.GetOpHashBefore(ctx, r.Seq); err != nil && !errors.Is(err, sql.ErrNoRows) {
						return err
					}
				}
				r.Hash = opHash(prev, r)
				if err := q.SetOpHash(ctx, dbsqlc.SetOpHashParams{Hash: r.Hash, Seq: r.Seq}); err != nil {
					return err
				}
				prev, last = r.Hash, r
			}
			head, err := q.GetSetting(ctx, settingAuditHead)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			headSeq, _ := strconv.ParseInt(strings.SplitN(head, " ", 2)[0], 10, 64)
			if last.Seq < headSeq {
				return nil
			}
			return q.PutSetting(ctx, dbsqlc.PutSettingParams{Key: settingAuditHead, Value: fmt.Sprintf("%d %s", last.Seq, last.Hash)})
		})
		if err != nil {
			return fmt.Errorf("seal the audit trail: %w", err)
		}
		if done {
			return nil
		}
	}
}

// auditRow is a change log entry as the audit view reads it.
type auditRow struct {
	dbsqlc.Op
	actor  string
	ticket int64
}

// auditFrom is the FROM of every audit query: the log with the author's name
// and the number of the ticket the change concerns (a task's, for a task).
const auditFrom = ` FROM ops o
LEFT JOIN users u ON u.id = o.actor_id
LEFT JOIN tickets t ON t.id = CASE WHEN o.kind LIKE 'task.%' THEN json_extract(o.payload, '$.ticketId') ELSE o.entity_id END`

const auditCols = `o.seq, o.id, o.install_id, o.counter, o.hlc, o.actor_id, o.kind, o.entity_id, o.payload, o.created_at, o.hash,
coalesce(u.name, ''), coalesce(t.number, 0)`

func scanAudit(sc interface{ Scan(...any) error }) (auditRow, error) {
	var r auditRow
	err := sc.Scan(&r.Seq, &r.ID, &r.InstallID, &r.Counter, &r.Hlc, &r.ActorID, &r.Kind, &r.EntityID, &r.Payload,
		&r.CreatedAt, &r.Hash, &r.actor, &r.ticket)
	return r, err
}

// errStopAudit ends eachAuditRow early without an error.
var errStopAudit = errors.New("stop")

// eachAuditRow runs an audit query and calls fn with each row, until fn
// returns errStopAudit or an error.
func eachAuditRow(ctx context.Context, tx *sql.Tx, query string, args []any, fn func(auditRow) error) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanAudit(rows)
		if err != nil {
			return err
		}
		if err := fn(r); errors.Is(err, errStopAudit) {
			return nil
		} else if err != nil {
			return err
		}
	}
	return rows.Err()
}

// auditWhere builds the WHERE of a filtered audit query from fixed fragments;
// every value is a bound parameter.
func (s *Store) auditWhere(ctx context.Context, f desk.AuditFilter) (string, []any, error) {
	var conds []string
	var args []any
	if f.ActorID != "" {
		if err := checkUUID("actorId", f.ActorID); err != nil {
			return "", nil, err
		}
		conds = append(conds, "o.actor_id = ?")
		args = append(args, f.ActorID)
	}
	if t := strings.TrimSpace(f.Ticket); t != "" {
		n, err := strconv.ParseInt(strings.TrimPrefix(t, "#"), 10, 64)
		if err != nil {
			return "", nil, desk.Invalid("ticket", "Give a ticket number, such as 12")
		}
		var id string
		err = s.r.QueryRowContext(ctx, `SELECT id FROM tickets WHERE number = ?
			UNION ALL SELECT ticket_id FROM ticket_old_numbers WHERE number = ? LIMIT 1`, n, n).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			id = "-" // no such ticket: nothing matches
		} else if err != nil {
			return "", nil, err
		}
		// The ticket's own changes and its tasks'.
		conds = append(conds, "o.entity_id IN (SELECT ? UNION ALL SELECT id FROM tasks WHERE ticket_id = ?)")
		args = append(args, id, id)
	}
	if f.Kind != "" {
		conds = append(conds, "o.kind = ?")
		args = append(args, f.Kind)
	}
	loc := time.UTC
	if f.Zone != "" {
		l, err := time.LoadLocation(f.Zone)
		if err != nil {
			return "", nil, desk.Invalid("zone", "Unknown time zone %q", excerpt(f.Zone, 40))
		}
		loc = l
	}
	for _, d := range []struct {
		field, v, op string
		days         int
	}{{"from", f.From, ">=", 0}, {"to", f.To, "<", 1}} {
		if d.v == "" {
			continue
		}
		day, err := time.ParseInLocation("2006-01-02", d.v, loc)
		if err != nil {
			return "", nil, desk.Invalid(d.field, "Give a date as year-month-day")
		}
		conds = append(conds, "o.created_at "+d.op+" ?")
		args = append(args, ms(day.AddDate(0, 0, d.days)))
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args, nil
}

// ListAudit returns a page of the audit trail under filter, newest first.
// Returns EINVALID naming the filter field that is not understood.
func (s *Store) ListAudit(ctx context.Context, f desk.AuditFilter, offset, limit int) (desk.AuditPage, error) {
	limit = min(max(limit, 1), 500)
	offset = max(offset, 0)
	where, args, err := s.auditWhere(ctx, f)
	if err != nil {
		return desk.AuditPage{}, err
	}
	page := desk.AuditPage{Entries: []desk.AuditEntry{}}
	err = s.readTx(ctx, func(_ *dbsqlc.Queries, tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT count(*)"+auditFrom+where, args...).Scan(&page.Total); err != nil {
			return err
		}
		return eachAuditRow(ctx, tx, "SELECT "+auditCols+auditFrom+where+" ORDER BY o.seq DESC LIMIT ? OFFSET ?",
			append(args, limit, offset), func(r auditRow) error {
				page.Entries = append(page.Entries, s.auditEntry(r))
				return nil
			})
	})
	return page, err
}

// EachAudit calls fn with every entry under filter, newest first, reading
// one snapshot of the trail (for an export).
func (s *Store) EachAudit(ctx context.Context, f desk.AuditFilter, fn func(desk.AuditEntry) error) error {
	where, args, err := s.auditWhere(ctx, f)
	if err != nil {
		return err
	}
	return s.readTx(ctx, func(_ *dbsqlc.Queries, tx *sql.Tx) error {
		return eachAuditRow(ctx, tx, "SELECT "+auditCols+auditFrom+where+" ORDER BY o.seq DESC", args,
			func(r auditRow) error { return fn(s.auditEntry(r)) })
	})
}

func (s *Store) auditEntry(r auditRow) desk.AuditEntry {
	what, old, new := describeOp(r.Kind, r.Payload, r.ticket, r.actor)
	ws := shortInstall(r.InstallID)
	if r.InstallID == s.installID {
		ws = "This workstation (" + ws + ")"
	}
	actor := r.actor
	if actor == "" {
		actor = "Unknown user"
	}
	return desk.AuditEntry{
		Seq: r.Seq, At: rfc3339(r.CreatedAt), ActorID: r.ActorID, Actor: actor,
		Workstation: r.InstallID, WorkstationName: ws, Kind: r.Kind, KindLabel: desk.AuditKindLabel(r.Kind),
		TicketNumber: r.ticket, What: what, Old: old, New: new,
	}
}

// shortInstall is the short form of an installation id people can compare:
// its last eight characters (a UUIDv7 begins with its time).
func shortInstall(id string) string {
	if len(id) > 8 {
		return id[len(id)-8:]
	}
	return id
}

// VerifyAudit walks the whole change log in order and checks every entry's
// hash against the entry before it. It reports, in plain words, the first
// entry that was edited, a gap where entries were deleted, or an entry that
// was moved out of its place.
func (s *Store) VerifyAudit(ctx context.Context) (desk.AuditVerdict, error) {
	var v desk.AuditVerdict
	err := s.readTx(ctx, func(q *dbsqlc.Queries, tx *sql.Tx) error {
		var prev auditRow
		var found *auditRow
		gap := false
		err := eachAuditRow(ctx, tx, "SELECT "+auditCols+auditFrom+" ORDER BY o.seq", nil, func(r auditRow) error {
			v.Checked++
			switch {
			case r.Seq != prev.Seq+1:
				v, gap = gapVerdict(v, prev, r), true
				return errStopAudit
			case opHash(prev.Hash, r.Op) != r.Hash:
				found = &r
				return errStopAudit
			}
			prev = r
			return nil
		})
		if err != nil || gap {
			return err
		}
		if found != nil {
			moved, after, err := movedAfter(ctx, tx, *found)
			if err != nil {
				return err
			}
			v = mismatchVerdict(v, *found, moved, after)
			return nil
		}
		head, err := q.GetSetting(ctx, settingAuditHead)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if seqText, hash, ok := strings.Cut(head, " "); ok {
			headSeq, _ := strconv.ParseInt(seqText, 10, 64)
			switch {
			case headSeq > prev.Seq:
				n := headSeq - prev.Seq
				v.Problem, v.Seq = "deleted", prev.Seq+1
				v.Message = fmt.Sprintf("%s missing from the end of the trail: deleted after %s recorded. The last entry left is %s.",
					entries(prev.Seq+1, headSeq), plural(n, "it was", "they were"), describeEntry(prev))
				return nil
			case headSeq == prev.Seq && hash != prev.Hash:
				v = mismatchVerdict(v, prev, false, auditRow{})
				return nil
			}
		}
		v.OK = true
		if v.Checked == 0 {
			v.Message = "The audit trail is empty: nothing has been changed yet."
		} else {
			v.Message = fmt.Sprintf("The audit trail is intact: all %d entries are in order and unchanged.", v.Checked)
		}
		return nil
	})
	return v, err
}

// movedAfter looks for the entry r's hash was made after: when it is not the
// entry now before it, r was moved from its place.
func movedAfter(ctx context.Context, tx *sql.Tx, r auditRow) (bool, auditRow, error) {
	if opHash("", r.Op) == r.Hash && r.Seq != 1 {
		return true, auditRow{}, nil // it was the first entry
	}
	var after auditRow
	err := eachAuditRow(ctx, tx, "SELECT "+auditCols+auditFrom+" ORDER BY o.seq", nil, func(o auditRow) error {
		if o.Seq != r.Seq-1 && opHash(o.Hash, r.Op) == r.Hash {
			after = o
			return errStopAudit
		}
		return nil
	})
	return after.Seq > 0, after, err
}

func setEntry(v desk.AuditVerdict, r auditRow) desk.AuditVerdict {
	v.Seq, v.At, v.Kind, v.Actor = r.Seq, rfc3339(r.CreatedAt), r.Kind, r.actor
	return v
}

func gapVerdict(v desk.AuditVerdict, prev, next auditRow) desk.AuditVerdict {
	v = setEntry(v, next)
	v.Problem, v.Seq = "deleted", prev.Seq+1
	where := "at the start of the trail"
	if prev.Seq > 0 {
		where = "after " + describeEntry(prev)
	}
	v.Message = fmt.Sprintf("%s missing: deleted %s and before %s.", entries(prev.Seq+1, next.Seq-1), where, describeEntry(next))
	return v
}

func mismatchVerdict(v desk.AuditVerdict, r auditRow, moved bool, after auditRow) desk.AuditVerdict {
	v = setEntry(v, r)
	switch {
	case moved && after.Seq > 0:
		v.Problem = "reordered"
		v.Message = fmt.Sprintf("%s is out of order: it was recorded after entry %d, and has been moved.", capital(describeEntry(r)), after.Seq)
	case moved:
		v.Problem = "reordered"
		v.Message = fmt.Sprintf("%s is out of order: it was recorded first, and has been moved.", capital(describeEntry(r)))
	default:
		v.Problem = "edited"
		v.Message = fmt.Sprintf("%s was changed after it was recorded: it no longer matches the trail.", capital(describeEntry(r)))
	}
	return v
}

// describeEntry names an entry for a person: "entry 12 (2026-12-06 10:04
// UTC, Ticket changed, by Amina Yusuf)".
func describeEntry(r auditRow) string {
	who := r.actor
	if who == "" {
		who = "an unknown user"
	}
	return fmt.Sprintf("entry %d (%s, %s, by %s)", r.Seq,
		time.UnixMilli(r.CreatedAt).UTC().Format("2006-01-02 15:04 UTC"), desk.AuditKindLabel(r.Kind), who)
}

func entries(from, to int64) string {
	if from == to {
		return fmt.Sprintf("Entry %d is", from)
	}
	return fmt.Sprintf("Entries %d to %d are", from, to)
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
