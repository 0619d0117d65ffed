package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// activeStatuses are the statuses still being worked; Closed is archived.
var activeStatuses = []desk.Status{desk.StatusOpen, desk.StatusInProgress, desk.StatusWaiting, desk.StatusResolved}

const activeIn = `('open', 'in_progress', 'waiting', 'resolved')`

// Dashboard counts the team's work as it stands now. The counts by status,
// by person and of unassigned tickets are read from the queue's read model
// (queue_counts); the SLA counts and each person's breached tickets from the
// indexes on the next due and warning times of the tickets still being
// worked; the week's counts through the created and updated indexes. None of
// them reads the archive, so the dashboard stays quick however large it
// grows. loc is the zone whose midnight starts "today".
func (s *Store) Dashboard(ctx context.Context, loc *time.Location) (desk.Dashboard, error) {
	now := s.clock.Now()
	nowMs := now.UnixMilli()
	local := now.In(loc)
	midnight := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc).UnixMilli()
	weekAgo := now.Add(-7 * 24 * time.Hour).UnixMilli()

	d := desk.Dashboard{At: rfc3339(nowMs), Statuses: []desk.StatusCount{}, Team: []desk.Workload{}}
	err := s.readTx(ctx, func(q *dbsqlc.Queries, tx *sql.Tx) error {
		// Tickets per user ("" for everyone) and status, not closed.
		byUser := map[string]map[desk.Status]int{}
		rows, err := tx.QueryContext(ctx, `SELECT user_id, status, sum(n) FROM queue_counts
			WHERE subject_id = '' AND status IN `+activeIn+` GROUP BY user_id, status`)
		if err != nil {
			return fmt.Errorf("count by status: %w", err)
		}
		for rows.Next() {
			var uid, st string
			var n int
			if err := rows.Scan(&uid, &st, &n); err != nil {
				rows.Close()
				return err
			}
			if byUser[uid] == nil {
				byUser[uid] = map[desk.Status]int{}
			}
			byUser[uid][desk.Status(st)] = n
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, st := range activeStatuses {
			n := byUser[""][st]
			d.Statuses = append(d.Statuses, desk.StatusCount{Status: string(st), Label: st.Label(), Count: n})
			d.Active += n
			d.Unassigned += byUser[unassignedKey][st]
		}

		counts := []struct {
			dst  *int
			sql  string
			args []any
		}{
			// The same conditions as the queue's SLA quick filters.
			{&d.SLABreached, `SELECT count(*) FROM tickets INDEXED BY tickets_active_due
				WHERE status <> 'closed' AND sla_next_due <= ?`, []any{nowMs}},
			{&d.SLABreachingSoon, `SELECT count(*) FROM tickets INDEXED BY tickets_active_warn
				WHERE status <> 'closed' AND sla_next_warn <= ? AND sla_next_due > ?`, []any{nowMs, nowMs}},
			{&d.CreatedToday, `SELECT count(*) FROM tickets WHERE created_at >= ?`, []any{midnight}},
			{&d.CreatedWeek, `SELECT count(*) FROM tickets WHERE created_at >= ?`, []any{weekAgo}},
			{&d.ClosedWeek, `SELECT count(*) FROM tickets WHERE status = 'closed' AND updated_at >= ?`, []any{weekAgo}},
		}
		for _, c := range counts {
			if err := tx.QueryRowContext(ctx, c.sql, c.args...).Scan(c.dst); err != nil {
				return fmt.Errorf("dashboard count: %w", err)
			}
		}

		// Everyone active has a line, idle or not.
		users, err := q.ListUsers(ctx)
		if err != nil {
			return err
		}
		breached, err := tx.PrepareContext(ctx, `SELECT count(*) FROM ticket_queue
			WHERE user_id = ? AND archived = 0 AND sla_next_due <= ?`)
		if err != nil {
			return fmt.Errorf("team workload: %w", err)
		}
		defer breached.Close()
		for _, u := range users {
			if u.Active == 0 {
				continue // an inactive user keeps old assignments; they are not on the team list
			}
			by := byUser[u.ID]
			w := desk.Workload{User: desk.UserRef{ID: u.ID, Name: u.Name},
				Open: by[desk.StatusOpen], InProgress: by[desk.StatusInProgress],
				Waiting: by[desk.StatusWaiting], Resolved: by[desk.StatusResolved]}
			w.Total = w.Open + w.InProgress + w.Waiting + w.Resolved
			if w.Total > 0 {
				if err := breached.QueryRowContext(ctx, u.ID, nowMs).Scan(&w.Breached); err != nil {
					return fmt.Errorf("team workload: %w", err)
				}
			}
			d.Team = append(d.Team, w)
		}
		// Busiest first; equal loads by name.
		sort.SliceStable(d.Team, func(i, j int) bool {
			if d.Team[i].Total != d.Team[j].Total {
				return d.Team[i].Total > d.Team[j].Total
			}
			return d.Team[i].User.Name < d.Team[j].User.Name
		})
		return nil
	})
	return d, err
}
