package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
	"deskline/internal/sla"
)

// The dashboards' read model (migration 00014): insight_counts holds tickets
// created, resolved and still open per UTC hour, insight_times the stopped
// SLA clocks per UTC day of creation in duration buckets, and
// insight_tickets what each ticket last counted as. Like the queue's read
// model, each ticket counts overall, per assignee (or as unassigned), per
// subject and per assignee and subject (queueState.combos). apply calls
// syncInsight after every operation that wrote a ticket's feed;
// RebuildInsight rewrites the tables from scratch.

// insightSchema is the migration that added the insight read model: a
// database migrated from before it has it filled from the tickets.
const insightSchema = 14

// settingInsightRebuild is set while an upgrade still owes the insight read
// model its filling.
const settingInsightRebuild = "upgrade_insight_rebuild"

const hourMs = int64(3600_000)
const dayMs = 24 * hourMs

// insightBuckets are the upper bounds, in minutes, of the SLA time buckets:
// bucket i holds times from insightBuckets[i-1] (0 for the first) up to, not
// including, insightBuckets[i]; bucket len(insightBuckets) holds everything
// from 30 days on.
var insightBuckets = []int64{5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 960, 1440,
	2160, 2880, 4320, 5760, 7200, 10080, 14400, 20160, 30240, 43200}

// bucketOf returns the bucket of a duration in milliseconds.
func bucketOf(msec int64) int {
	m := msec / 60_000
	for i, hi := range insightBuckets {
		if m < hi {
			return i
		}
	}
	return len(insightBuckets)
}

// bucketBounds returns a bucket's bounds in seconds; hi is -1 for the last.
func bucketBounds(b int) (lo, hi int64) {
	if b > 0 {
		lo = insightBuckets[b-1] * 60
	}
	if b < len(insightBuckets) {
		return lo, insightBuckets[b] * 60
	}
	return lo, -1
}

// insightState is what a ticket contributes to the insight read model.
type insightState struct {
	source              string
	assignees, subjects []string
	created             int64 // UTC hour of creation
	resolved            int64 // UTC hour it was last resolved or closed, -1 unless resolved or closed now
	open                bool  // Open, In Progress or Waiting for Customer now
	// SLA clocks that stopped: bucket (-1 for a clock still counting or no
	// SLA) and whether it met its target.
	respBucket, resBucket int
	respMet, resMet       bool
}

func (s insightState) encode() string {
	return strings.Join([]string{s.source, strings.Join(s.assignees, ","), strings.Join(s.subjects, ","),
		strconv.FormatInt(s.created, 10), strconv.FormatInt(s.resolved, 10), strconv.FormatBool(s.open),
		strconv.Itoa(s.respBucket), strconv.FormatBool(s.respMet), strconv.Itoa(s.resBucket), strconv.FormatBool(s.resMet)}, "|")
}

func decodeInsightState(text string) (insightState, error) {
	p := strings.Split(text, "|")
	if len(p) != 10 {
		return insightState{}, fmt.Errorf("insight state %q: want 10 fields", text)
	}
	s := insightState{source: p[0], assignees: splitList(p[1]), subjects: splitList(p[2]),
		open: p[5] == "true", respMet: p[7] == "true", resMet: p[9] == "true"}
	var err error
	if s.created, err = strconv.ParseInt(p[3], 10, 64); err == nil {
		if s.resolved, err = strconv.ParseInt(p[4], 10, 64); err == nil {
			if s.respBucket, err = strconv.Atoi(p[6]); err == nil {
				s.resBucket, err = strconv.Atoi(p[8])
			}
		}
	}
	if err != nil {
		return s, fmt.Errorf("insight state %q: %w", text, err)
	}
	return s, nil
}

// combos is the set of (user, subject) keys the ticket counts under.
func (s insightState) combos(fn func(userID, subjectID string) error) error {
	return queueState{assignees: s.assignees, subjects: s.subjects}.combos(fn)
}

// readInsightState works out a ticket's state from its row, sets and feed;
// ok is false for an unknown ticket.
func readInsightState(ctx context.Context, tx dbsqlc.DBTX, ticketID string) (insightState, bool, error) {
	qs, ok, err := readQueueState(ctx, tx, ticketID)
	if err != nil || !ok {
		return insightState{}, ok, err
	}
	q := dbsqlc.New(tx)
	t, err := q.GetTicketSLA(ctx, ticketID)
	if err != nil {
		return insightState{}, false, fmt.Errorf("insight state: %w", err)
	}
	rows, err := q.ListSLAHistory(ctx, []string{ticketID})
	if err != nil {
		return insightState{}, false, fmt.Errorf("insight state: %w", err)
	}
	return insightOf(qs, t.SlaTerms, rows)
}

// insightOf computes the state from the queue state, the SLA terms and the
// feed entries that move the clocks.
func insightOf(qs queueState, terms string, rows []dbsqlc.ListSLAHistoryRow) (insightState, bool, error) {
	s := insightState{source: qs.source, assignees: qs.assignees, subjects: qs.subjects,
		created: floorTo(qs.created, hourMs), resolved: -1, respBucket: -1, resBucket: -1}
	switch desk.Status(qs.status) {
	case desk.StatusOpen, desk.StatusInProgress, desk.StatusWaiting:
		s.open = true
	}
	// The last move into Resolved or Closed from a status being worked; a
	// reopening takes it back.
	last := qs.created
	resolvedAt := int64(-1)
	for _, r := range rows {
		last = max(last, r.CreatedAt)
		if r.Kind != desk.ActStatus {
			continue
		}
		switch desk.Status(r.Value) {
		case desk.StatusResolved, desk.StatusClosed:
			if resolvedAt < 0 {
				resolvedAt = r.CreatedAt
			}
		default:
			resolvedAt = -1
		}
	}
	if !s.open && resolvedAt >= 0 {
		s.resolved = floorTo(resolvedAt, hourMs)
	}
	// The clocks as they stand after the ticket's last event: a stopped
	// clock's time does not depend on when it is looked at.
	r, _, ok, err := evaluate(terms, qs.created, rows, time.UnixMilli(last).UTC())
	if err != nil || !ok {
		return s, true, err
	}
	clock := func(c sla.Clock) (int, bool) {
		switch c.State {
		case sla.StateMet:
			return bucketOf(c.Elapsed.Milliseconds()), true
		case sla.StateMetLate:
			return bucketOf(c.Elapsed.Milliseconds()), false
		}
		return -1, false
	}
	s.respBucket, s.respMet = clock(r.FirstResponse)
	s.resBucket, s.resMet = clock(r.Resolution)
	return s, true, nil
}

func floorTo(msec, unit int64) int64 {
	if msec < 0 {
		return -((-msec + unit - 1) / unit) * unit
	}
	return msec / unit * unit
}

const addInsightCount = `INSERT INTO insight_counts (user_id, subject_id, kind, hour, source_id, n) VALUES (?, ?, ?, ?, ?, ?)
	ON CONFLICT DO UPDATE SET n = n + excluded.n`

const addInsightTime = `INSERT INTO insight_times (user_id, subject_id, clock, day, source_id, bucket, n, met) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT DO UPDATE SET n = n + excluded.n, met = met + excluded.met`

// moveInsight adds (d = 1) or takes back (d = -1) what a state counts.
func moveInsight(ctx context.Context, tx dbsqlc.DBTX, s insightState, d int) error {
	day := floorTo(s.created, dayMs)
	return s.combos(func(u, sub string) error {
		counts := []struct {
			kind string
			hour int64
			on   bool
		}{{"created", s.created, true}, {"resolved", s.resolved, s.resolved >= 0}, {"open", s.created, s.open}}
		for _, c := range counts {
			if !c.on {
				continue
			}
			if _, err := tx.ExecContext(ctx, addInsightCount, u, sub, c.kind, c.hour, s.source, d); err != nil {
				return err
			}
		}
		times := []struct {
			clock  string
			bucket int
			met    bool
		}{{"response", s.respBucket, s.respMet}, {"resolution", s.resBucket, s.resMet}}
		for _, c := range times {
			if c.bucket < 0 {
				continue
			}
			if _, err := tx.ExecContext(ctx, addInsightTime, u, sub, c.clock, day, s.source, c.bucket, d, d*int(boolInt(c.met))); err != nil {
				return err
			}
		}
		return nil
	})
}

// syncInsight moves one ticket's counts in the insight read model from what
// it last counted as to what it is now.
func syncInsight(ctx context.Context, tx dbsqlc.DBTX, ticketID string) error {
	now, ok, err := readInsightState(ctx, tx, ticketID)
	if err != nil || !ok {
		return err
	}
	text := now.encode()
	var oldText string
	err = tx.QueryRowContext(ctx, "SELECT state FROM insight_tickets WHERE ticket_id = ?", ticketID).Scan(&oldText)
	if err != nil && err != sql.ErrNoRows {
		return fmt.Errorf("insight: %w", err)
	}
	if oldText == text {
		return nil
	}
	if oldText != "" {
		old, err := decodeInsightState(oldText)
		if err != nil {
			return err
		}
		if err := moveInsight(ctx, tx, old, -1); err != nil {
			return fmt.Errorf("insight: %w", err)
		}
		for _, stmt := range []string{"DELETE FROM insight_counts WHERE n = 0 AND hour IN (?, ?)",
			"DELETE FROM insight_times WHERE n = 0 AND day = ?"} {
			args := []any{old.created, old.resolved}
			if strings.Contains(stmt, "day") {
				args = []any{floorTo(old.created, dayMs)}
			}
			if _, err := tx.ExecContext(ctx, stmt, args...); err != nil {
				return fmt.Errorf("insight: %w", err)
			}
		}
	}
	if err := moveInsight(ctx, tx, now, 1); err != nil {
		return fmt.Errorf("insight: %w", err)
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO insight_tickets (ticket_id, state) VALUES (?, ?) ON CONFLICT DO UPDATE SET state = excluded.state", ticketID, text)
	return err
}

// RebuildInsight rewrites the dashboards' read model from the tickets, their
// sets and feeds, in one transaction. Use it after loading rows without the
// mutation path (the benchmark seed); operations keep it up to date
// otherwise.
func (s *Store) RebuildInsight(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inTx(ctx, func(tx *sql.Tx, _ *dbsqlc.Queries) error {
		return rebuildInsight(ctx, tx)
	})
}

func rebuildInsight(ctx context.Context, tx *sql.Tx) error {
	for _, stmt := range []string{"DELETE FROM insight_counts", "DELETE FROM insight_times", "DELETE FROM insight_tickets"} {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("rebuild insight: %w", err)
		}
	}
	// One pass over the tickets, their sets and their feeds, each in ticket
	// id order; the counts are added up here and written once each.
	tickets, err := tx.QueryContext(ctx, `SELECT id, status, priority, coalesce(source_id, ''), created_at, updated_at, sla_next_due, sla_terms
		FROM tickets ORDER BY id`)
	if err != nil {
		return fmt.Errorf("rebuild insight: %w", err)
	}
	defer tickets.Close()
	member := func(r *sql.Rows) (string, string, error) {
		var t, m string
		err := r.Scan(&t, &m)
		return t, m, err
	}
	assignees, err := groupRows(ctx, tx, "SELECT DISTINCT ticket_id, user_id FROM ticket_assignees ORDER BY ticket_id, user_id", member)
	if err != nil {
		return err
	}
	defer assignees.close()
	subjects, err := groupRows(ctx, tx, "SELECT DISTINCT ticket_id, subject_id FROM ticket_subjects ORDER BY ticket_id, subject_id", member)
	if err != nil {
		return err
	}
	defer subjects.close()
	history, err := groupRows(ctx, tx, `SELECT ticket_id, id, kind, value, created_at, hlc, actor_id FROM activities
		WHERE kind IN ('created', 'status', 'priority', 'note') AND value <> '' ORDER BY ticket_id, hlc, id`,
		func(r *sql.Rows) (string, dbsqlc.ListSLAHistoryRow, error) {
			var h dbsqlc.ListSLAHistoryRow
			err := r.Scan(&h.TicketID, &h.ID, &h.Kind, &h.Value, &h.CreatedAt, &h.Hlc, &h.ActorID)
			return h.TicketID, h, err
		})
	if err != nil {
		return err
	}
	defer history.close()

	type countKey struct {
		user, subject, kind string
		hour                int64
		source              string
	}
	type timeKey struct {
		user, subject, clock string
		day                  int64
		source               string
		bucket               int
	}
	counts := map[countKey]int{}
	times := map[timeKey][2]int{}
	putState, err := tx.PrepareContext(ctx, "INSERT INTO insight_tickets (ticket_id, state) VALUES (?, ?)")
	if err != nil {
		return fmt.Errorf("rebuild insight: %w", err)
	}
	defer putState.Close()
	for tickets.Next() {
		var id, terms string
		var qs queueState
		if err := tickets.Scan(&id, &qs.status, &qs.priority, &qs.source, &qs.created, &qs.updated, &qs.due, &terms); err != nil {
			return err
		}
		if qs.assignees, err = assignees.take(id); err != nil {
			return err
		}
		if qs.subjects, err = subjects.take(id); err != nil {
			return err
		}
		rows, err := history.take(id)
		if err != nil {
			return err
		}
		st, _, err := insightOf(qs, terms, rows)
		if err != nil {
			return fmt.Errorf("rebuild insight: ticket %s: %w", id, err)
		}
		day := floorTo(st.created, dayMs)
		_ = st.combos(func(u, sub string) error {
			counts[countKey{u, sub, "created", st.created, st.source}]++
			if st.resolved >= 0 {
				counts[countKey{u, sub, "resolved", st.resolved, st.source}]++
			}
			if st.open {
				counts[countKey{u, sub, "open", st.created, st.source}]++
			}
			for _, c := range []struct {
				clock  string
				bucket int
				met    bool
			}{{"response", st.respBucket, st.respMet}, {"resolution", st.resBucket, st.resMet}} {
				if c.bucket >= 0 {
					k := timeKey{u, sub, c.clock, day, st.source, c.bucket}
					v := times[k]
					times[k] = [2]int{v[0] + 1, v[1] + int(boolInt(c.met))}
				}
			}
			return nil
		})
		if _, err := putState.ExecContext(ctx, id, st.encode()); err != nil {
			return fmt.Errorf("rebuild insight: %w", err)
		}
	}
	if err := tickets.Err(); err != nil {
		return err
	}
	for k, n := range counts {
		if _, err := tx.ExecContext(ctx, addInsightCount, k.user, k.subject, k.kind, k.hour, k.source, n); err != nil {
			return fmt.Errorf("rebuild insight: %w", err)
		}
	}
	for k, v := range times {
		if _, err := tx.ExecContext(ctx, addInsightTime, k.user, k.subject, k.clock, k.day, k.source, k.bucket, v[0], v[1]); err != nil {
			return fmt.Errorf("rebuild insight: %w", err)
		}
	}
	return nil
}

// rowGroups reads a query's rows in ticket id order and hands out each
// ticket's items in turn (take is called with ascending ids).
type rowGroups[T any] struct {
	rows    *sql.Rows
	scan    func(*sql.Rows) (string, T, error)
	pending bool
	key     string
	item    T
}

func groupRows[T any](ctx context.Context, tx *sql.Tx, query string, scan func(*sql.Rows) (string, T, error)) (*rowGroups[T], error) {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("rebuild insight: %w", err)
	}
	return &rowGroups[T]{rows: rows, scan: scan}, nil
}

// take returns the items of ticket id, skipping those of tickets before it.
func (g *rowGroups[T]) take(id string) ([]T, error) {
	var out []T
	for {
		if !g.pending {
			if !g.rows.Next() {
				return out, g.rows.Err()
			}
			var err error
			if g.key, g.item, err = g.scan(g.rows); err != nil {
				return nil, err
			}
			g.pending = true
		}
		if g.key > id {
			return out, nil
		}
		if g.key == id {
			out = append(out, g.item)
		}
		g.pending = false
	}
}

func (g *rowGroups[T]) close() { g.rows.Close() }
