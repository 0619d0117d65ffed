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

// Dashboard counts the team's work as it stands now. Every count runs over
// the tickets still being worked or over a recent date range, through an
// index, so it stays quick however large the archive grows. loc is the zone
// whose midnight starts "today".
func (s *Store) Dashboard(ctx context.Context, loc *time.Location) (desk.Dashboard, error) {
	now := s.clock.Now()
	nowMs := now.UnixMilli()
	local := now.In(loc)
	midnight := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc).UnixMilli()
	weekAgo := now.Add(-7 * 24 * time.Hour).UnixMilli()

	d := desk.Dashboard{At: rfc3339(nowMs), Statuses: []desk.StatusCount{}, Team: []desk.Workload{}}
	err := s.readTx(ctx, func(q *dbsqlc.Queries, tx *sql.Tx) error {
		byStatus := map[string]int{}
		rows, err := tx.QueryContext(ctx, `SELECT status, count(*) FROM tickets WHERE status IN `+activeIn+` GROUP BY status`)
		if err != nil {
			return fmt.Errorf("count by status: %w", err)
		}
		for rows.Next() {
			var st string
			var n int
			if err := rows.Scan(&st, &n); err != nil {
				rows.Close()
				return err
			}
			byStatus[st] = n
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, st := range activeStatuses {
			n := byStatus[string(st)]
			d.Statuses = append(d.Statuses, desk.StatusCount{Status: string(st), Label: st.Label(), Count: n})
			d.Active += n
		}

		counts := []struct {
			dst  *int
			sql  string
			args []any
		}{
			{&d.Unassigned, `SELECT count(*) FROM tickets t WHERE t.status IN ` + activeIn +
				` AND NOT EXISTS (SELECT 1 FROM ticket_assignees a WHERE a.ticket_id = t.id)`, nil},
			// The same conditions as the queue's SLA quick filters.
			{&d.SLABreached, `SELECT count(*) FROM tickets t WHERE t.status IN ` + activeIn +
				` AND t.sla_next_due <= ?`, []any{nowMs}},
			{&d.SLABreachingSoon, `SELECT count(*) FROM tickets t WHERE t.status IN ` + activeIn +
				` AND t.sla_next_warn <= ? AND t.sla_next_due > ?`, []any{nowMs, nowMs}},
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
		lines := map[string]*desk.Workload{}
		var order []string
		for _, u := range users {
			if u.Active == 0 {
				continue
			}
			lines[u.ID] = &desk.Workload{User: desk.UserRef{ID: u.ID, Name: u.Name}}
			order = append(order, u.ID)
		}
		rows, err = tx.QueryContext(ctx, `SELECT a.user_id, t.status, count(*), coalesce(sum(t.sla_next_due <= ?), 0)
			FROM tickets t JOIN ticket_assignees a ON a.ticket_id = t.id
			WHERE t.status IN `+activeIn+`
			GROUP BY a.user_id, t.status`, nowMs)
		if err != nil {
			return fmt.Errorf("team workload: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var uid, st string
			var n, breached int
			if err := rows.Scan(&uid, &st, &n, &breached); err != nil {
				return err
			}
			w := lines[uid]
			if w == nil {
				continue // an inactive user keeps old assignments; they are not on the team list
			}
			switch desk.Status(st) {
			case desk.StatusOpen:
				w.Open = n
			case desk.StatusInProgress:
				w.InProgress = n
			case desk.StatusWaiting:
				w.Waiting = n
			case desk.StatusResolved:
				w.Resolved = n
			}
			w.Breached += breached
			w.Total += n
		}
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range order {
			d.Team = append(d.Team, *lines[id])
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
