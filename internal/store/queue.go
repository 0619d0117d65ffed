package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// The queue's read model (migration 00007): ticket_queue holds one row per
// ticket and assignee with the fields the queue filters and sorts on,
// queue_counts holds the number of tickets per status, priority and source
// overall, per assignee, per subject and per assignee and subject, and
// queue_tickets what each ticket last counted as. apply calls syncQueue after
// every operation that wrote a ticket's feed, so local and pulled operations
// keep them right; RebuildQueueIndex rewrites them from scratch.

// queueSchema is the last migration that changed what the queue's read model
// holds: a database migrated from before it has the model rebuilt.
const queueSchema = 8

// unassignedKey is the queue_counts user of the tickets nobody is assigned
// to, so the dashboard counts them without looking at each ticket.
const unassignedKey = "(unassigned)"

// queueState is what a ticket contributes to the queue's read model.
type queueState struct {
	status, priority, source string
	assignees, subjects      []string
	created, updated, due    int64
}

// encode writes the state as stored in queue_tickets.state.
func (q queueState) encode() string {
	return strings.Join([]string{q.status, q.priority, q.source,
		strings.Join(q.assignees, ","), strings.Join(q.subjects, ","),
		strconv.FormatInt(q.created, 10), strconv.FormatInt(q.updated, 10), strconv.FormatInt(q.due, 10)}, "|")
}

// countKey is the part of the state the counts depend on.
func (q queueState) countKey() string {
	return strings.Join([]string{q.status, q.priority, q.source, strings.Join(q.assignees, ","), strings.Join(q.subjects, ",")}, "|")
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func decodeQueueState(s string) (queueState, error) {
	p := strings.Split(s, "|")
	if len(p) != 8 {
		return queueState{}, fmt.Errorf("queue state %q: want 8 fields", s)
	}
	q := queueState{status: p[0], priority: p[1], source: p[2], assignees: splitList(p[3]), subjects: splitList(p[4])}
	var err error
	for i, dst := range []*int64{&q.created, &q.updated, &q.due} {
		if *dst, err = strconv.ParseInt(p[5+i], 10, 64); err != nil {
			return q, fmt.Errorf("queue state %q: %w", s, err)
		}
	}
	return q, nil
}

// combos calls fn for every queue_counts row the state counts in: overall,
// per assignee (or as unassigned), per subject and per assignee and subject.
func (q queueState) combos(fn func(userID, subjectID string) error) error {
	users := append([]string{""}, q.assignees...)
	if len(q.assignees) == 0 {
		users = append(users, unassignedKey)
	}
	subjects := append([]string{""}, q.subjects...)
	for _, u := range users {
		for _, s := range subjects {
			if err := fn(u, s); err != nil {
				return err
			}
		}
	}
	return nil
}

// readQueueState reads a ticket's current state from the tables; ok is false
// for an unknown ticket.
func readQueueState(ctx context.Context, tx dbsqlc.DBTX, ticketID string) (queueState, bool, error) {
	var q queueState
	err := tx.QueryRowContext(ctx, `SELECT status, priority, coalesce(source_id, ''), created_at, updated_at, sla_next_due
		FROM tickets WHERE id = ?`, ticketID).Scan(&q.status, &q.priority, &q.source, &q.created, &q.updated, &q.due)
	if err == sql.ErrNoRows {
		return q, false, nil
	}
	if err != nil {
		return q, false, fmt.Errorf("queue state: %w", err)
	}
	list := func(query string) ([]string, error) {
		rows, err := tx.QueryContext(ctx, query, ticketID)
		if err != nil {
			return nil, fmt.Errorf("queue state: %w", err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return nil, err
			}
			out = append(out, id)
		}
		return out, rows.Err()
	}
	if q.assignees, err = list("SELECT DISTINCT user_id FROM ticket_assignees WHERE ticket_id = ? ORDER BY user_id"); err != nil {
		return q, false, err
	}
	if q.subjects, err = list("SELECT DISTINCT subject_id FROM ticket_subjects WHERE ticket_id = ? ORDER BY subject_id"); err != nil {
		return q, false, err
	}
	return q, true, nil
}

const addQueueCount = `INSERT INTO queue_counts (user_id, subject_id, status, priority, source_id, n) VALUES (?, ?, ?, ?, ?, ?)
	ON CONFLICT DO UPDATE SET n = n + excluded.n`

// syncQueueOp brings the queue's and the dashboards' read models in step
// with the ticket whose feed the operation wrote (if any).
func syncQueueOp(ctx context.Context, tx dbsqlc.DBTX, op desk.Op) error {
	var ticketID string
	err := tx.QueryRowContext(ctx, "SELECT ticket_id FROM activities WHERE id = ?", op.ID).Scan(&ticketID)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return fmt.Errorf("queue index: %w", err)
	}
	return syncQueue(ctx, tx, ticketID)
}

// syncQueue brings one ticket's rows of the queue's and the dashboards' read
// models in step with the ticket.
func syncQueue(ctx context.Context, tx dbsqlc.DBTX, ticketID string) error {
	if err := syncQueueRows(ctx, tx, ticketID); err != nil {
		return err
	}
	return syncInsight(ctx, tx, ticketID)
}

// syncQueueRows rewrites one ticket's rows of the queue's read model: its counts
// move from what it last counted as to what it is now, and its assignee rows
// are written again.
func syncQueueRows(ctx context.Context, tx dbsqlc.DBTX, ticketID string) error {
	now, ok, err := readQueueState(ctx, tx, ticketID)
	if err != nil || !ok {
		return err
	}
	var oldText string
	err = tx.QueryRowContext(ctx, "SELECT state FROM queue_tickets WHERE ticket_id = ?", ticketID).Scan(&oldText)
	if err != nil && err != sql.ErrNoRows {
		return fmt.Errorf("queue index: %w", err)
	}
	text := now.encode()
	if oldText == text {
		return nil
	}
	var old queueState
	hadOld := oldText != ""
	if hadOld {
		if old, err = decodeQueueState(oldText); err != nil {
			return err
		}
	}
	if !hadOld || old.countKey() != now.countKey() {
		move := func(q queueState, d int) error {
			return q.combos(func(u, s string) error {
				_, err := tx.ExecContext(ctx, addQueueCount, u, s, q.status, q.priority, q.source, d)
				return err
			})
		}
		if hadOld {
			if err := move(old, -1); err != nil {
				return fmt.Errorf("queue counts: %w", err)
			}
			if _, err := tx.ExecContext(ctx, "DELETE FROM queue_counts WHERE n = 0 AND status = ? AND priority = ? AND source_id = ?",
				old.status, old.priority, old.source); err != nil {
				return fmt.Errorf("queue counts: %w", err)
			}
		}
		if err := move(now, 1); err != nil {
			return fmt.Errorf("queue counts: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM ticket_queue WHERE ticket_id = ?", ticketID); err != nil {
		return fmt.Errorf("queue index: %w", err)
	}
	for _, u := range now.assignees {
		if _, err := tx.ExecContext(ctx, `INSERT INTO ticket_queue
			(user_id, ticket_id, archived, status, priority, source_id, created_at, updated_at, sla_next_due)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			u, ticketID, boolInt(now.status == string(desk.StatusClosed)), now.status, now.priority, now.source,
			now.created, now.updated, now.due); err != nil {
			return fmt.Errorf("queue index: %w", err)
		}
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO queue_tickets (ticket_id, state) VALUES (?, ?) ON CONFLICT DO UPDATE SET state = excluded.state", ticketID, text)
	return err
}

// RebuildQueueIndex rewrites the queue's read model (assignee rows, counts,
// counted states) from the tickets, assignees and subjects, in one
// transaction. Use it after loading rows without the mutation path (the
// benchmark seed); operations keep it up to date otherwise.
func (s *Store) RebuildQueueIndex(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inTx(ctx, func(tx *sql.Tx, _ *dbsqlc.Queries) error {
		return rebuildQueue(ctx, tx)
	})
}

func rebuildQueue(ctx context.Context, tx *sql.Tx) error {
	for _, stmt := range []string{
		"DELETE FROM queue_counts",
		"DELETE FROM ticket_queue",
		"DELETE FROM queue_tickets",
		`INSERT INTO ticket_queue (user_id, ticket_id, archived, status, priority, source_id, created_at, updated_at, sla_next_due)
		SELECT DISTINCT a.user_id, t.id, t.status = 'closed', t.status, t.priority, coalesce(t.source_id, ''), t.created_at, t.updated_at, t.sla_next_due
		FROM ticket_assignees a JOIN tickets t ON t.id = a.ticket_id ORDER BY a.user_id, t.id`,
	} {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("rebuild queue index: %w", err)
		}
	}
	// The states are put together here from three scans in ticket id order
	// (tickets, assignees, subjects), and the counts added up from them: one
	// pass over each table instead of a lookup per ticket.
	members := func(query string) (*sql.Rows, func(id string) ([]string, error), error) {
		rows, err := tx.QueryContext(ctx, query)
		if err != nil {
			return nil, nil, err
		}
		var pendTicket, pendMember string
		pending := false
		return rows, func(id string) ([]string, error) {
			var out []string
			for {
				if !pending {
					if !rows.Next() {
						return out, rows.Err()
					}
					if err := rows.Scan(&pendTicket, &pendMember); err != nil {
						return nil, err
					}
					pending = true
				}
				if pendTicket > id {
					return out, nil
				}
				if pendTicket == id && (len(out) == 0 || out[len(out)-1] != pendMember) {
					out = append(out, pendMember)
				}
				pending = false
			}
		}, nil
	}
	aRows, assigneesOf, err := members("SELECT ticket_id, user_id FROM ticket_assignees INDEXED BY ticket_assignees_ticket ORDER BY ticket_id, user_id")
	if err != nil {
		return fmt.Errorf("rebuild queue index: %w", err)
	}
	defer aRows.Close()
	sRows, subjectsOf, err := members("SELECT ticket_id, subject_id FROM ticket_subjects INDEXED BY ticket_subjects_ticket ORDER BY ticket_id, subject_id")
	if err != nil {
		return fmt.Errorf("rebuild queue index: %w", err)
	}
	defer sRows.Close()
	tRows, err := tx.QueryContext(ctx, "SELECT id, status, priority, coalesce(source_id, ''), created_at, updated_at, sla_next_due FROM tickets ORDER BY id")
	if err != nil {
		return fmt.Errorf("rebuild queue index: %w", err)
	}
	defer tRows.Close()
	insState, err := tx.PrepareContext(ctx, "INSERT INTO queue_tickets (ticket_id, state) VALUES (?, ?)")
	if err != nil {
		return err
	}
	defer insState.Close()
	type key struct{ u, s, status, priority, source string }
	counts := map[key]int64{}
	for tRows.Next() {
		var id string
		var q queueState
		if err := tRows.Scan(&id, &q.status, &q.priority, &q.source, &q.created, &q.updated, &q.due); err != nil {
			return err
		}
		if q.assignees, err = assigneesOf(id); err != nil {
			return err
		}
		if q.subjects, err = subjectsOf(id); err != nil {
			return err
		}
		if _, err := insState.ExecContext(ctx, id, q.encode()); err != nil {
			return fmt.Errorf("rebuild queue index: %w", err)
		}
		q.combos(func(u, s string) error {
			counts[key{u, s, q.status, q.priority, q.source}]++
			return nil
		})
	}
	if err := tRows.Err(); err != nil {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, addQueueCount)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for k, n := range counts {
		if _, err := stmt.ExecContext(ctx, k.u, k.s, k.status, k.priority, k.source, n); err != nil {
			return fmt.Errorf("rebuild queue counts: %w", err)
		}
	}
	return nil
}

// queueSQL is one queue query: its FROM clause (the ticket is t), WHERE
// clause, arguments and ORDER BY clause. A view of one assignee's tickets
// ("mine", or the assignee filter with one person) reads that user's
// ticket_queue rows (q) in the order shown; any other reads tickets through
// the index of its sort.
type queueSQL struct {
	from, where, order string
	args               []any
	// countFrom is the FROM clause of the count: a view of one assignee's
	// rows counts them without reading each ticket when no condition needs it.
	countFrom string
}

// queueUser is the user whose ticket_queue rows a view reads, or "".
func queueUser(f desk.TicketFilter, userID, view string) string {
	if view == desk.ViewMine {
		return userID
	}
	if len(f.AssigneeIDs) == 1 {
		return f.AssigneeIDs[0]
	}
	return ""
}

func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }

// buildQueue builds the query of a queue filter as userID sees view.
// Closed tickets are archived: they show only when the filter asks for them.
func buildQueue(f desk.TicketFilter, userID, view string, now int64) queueSQL {
	var conds []string
	var args []any
	in := func(expr string, vals []string) {
		if len(vals) == 0 {
			return
		}
		conds = append(conds, expr+" IN ("+placeholders(len(vals))+")")
		for _, v := range vals {
			args = append(args, v)
		}
	}
	qs := queueSQL{from: "FROM tickets t", countFrom: "FROM tickets t"}
	// col names the column a condition or sort reads: from the user's
	// ticket_queue rows when the view reads them, else from tickets.
	col := func(c string) string { return "t." + c }
	user := queueUser(f, userID, view)
	if user != "" {
		qs.from = "FROM ticket_queue q CROSS JOIN tickets t ON t.id = q.ticket_id"
		qs.countFrom = qs.from
		if f.SLA != desk.SLABreachingSoon { // the one condition on t
			qs.countFrom = "FROM ticket_queue q"
		}
		col = func(c string) string {
			if c == "id" {
				return "q.ticket_id"
			}
			return "q." + c
		}
		conds = append(conds, "q.user_id = ?")
		args = append(args, user)
		switch {
		case len(f.Statuses) == 0:
			conds = append(conds, "q.archived = 0")
		case !slices.Contains(f.Statuses, string(desk.StatusClosed)):
			conds = append(conds, "q.archived = 0")
		case len(f.Statuses) == 1:
			conds = append(conds, "q.archived = 1")
		}
	}
	if len(f.Statuses) == 0 && user == "" { // one person's rows say it with archived = 0
		conds = append(conds, col("status")+" <> 'closed'")
	}
	in(col("status"), f.Statuses)
	in(col("priority"), f.Priorities)
	switch f.SLA {
	case desk.SLABreachingSoon:
		// A clock that is not running has the largest next-due value: the
		// upper bound keeps those out of the range read.
		conds = append(conds, "t.sla_next_warn <= ? AND "+col("sla_next_due")+" > ? AND "+col("sla_next_due")+" < ?")
		args = append(args, now, now, int64(noDue))
	case desk.SLABreached:
		conds = append(conds, col("sla_next_due")+" <= ?")
		args = append(args, now)
	}
	if user != "" {
		in("q.source_id", f.SourceIDs)
	} else {
		in("t.source_id", f.SourceIDs)
	}
	if from, to, _ := createdRange(f); from > 0 || to > 0 {
		if from > 0 {
			conds = append(conds, col("created_at")+" >= ?")
			args = append(args, from)
		}
		if to > 0 {
			conds = append(conds, col("created_at")+" < ?")
			args = append(args, to)
		}
	}
	// Set filters the driving rows do not answer are checked per ticket.
	if len(f.AssigneeIDs) > 0 && (view == desk.ViewMine || user == "") {
		conds = append(conds, "EXISTS (SELECT 1 FROM ticket_assignees a WHERE a.ticket_id = "+col("id")+" AND a.user_id IN ("+placeholders(len(f.AssigneeIDs))+"))")
		for _, v := range f.AssigneeIDs {
			args = append(args, v)
		}
	}
	if len(f.SubjectIDs) > 0 {
		conds = append(conds, "EXISTS (SELECT 1 FROM ticket_subjects ts WHERE ts.ticket_id = "+col("id")+" AND ts.subject_id IN ("+placeholders(len(f.SubjectIDs))+"))")
		for _, v := range f.SubjectIDs {
			args = append(args, v)
		}
	}
	if len(conds) > 0 {
		qs.where = " WHERE " + strings.Join(conds, " AND ")
	}
	qs.args = args
	switch f.Sort {
	// The ties go by id, in the order of the indexes (tickets_updated,
	// tickets_created, tickets_sla_next_due and ticket_queue's), so a page
	// is read in index order and never sorted whole.
	case desk.SortCreated:
		qs.order = " ORDER BY " + col("created_at") + " DESC, " + col("id")
	case desk.SortNextDue:
		qs.order = " ORDER BY " + col("sla_next_due") + ", " + col("id")
	default:
		qs.order = " ORDER BY " + col("updated_at") + " DESC, " + col("id")
	}
	if user == "" && len(f.Statuses) == 0 && f.SLA != "" {
		// An SLA filter over the whole queue: its tickets are among those
		// still being worked, whose indexes carry the SLA times, priority
		// and source (migration 00008). The page walks the one of its sort
		// and the count the range of the filter's time, reading index
		// entries only. The planner left alone reads the breached tickets'
		// rows through tickets_sla_next_due and sorts them: their number,
		// not the page, sets its time.
		page := map[string]string{desk.SortCreated: "tickets_active_created", desk.SortNextDue: "tickets_active_due"}[f.Sort]
		if page == "" {
			page = "tickets_active_updated"
		}
		count := "tickets_active_due"
		if f.SLA == desk.SLABreachingSoon {
			count = "tickets_active_warn"
		}
		qs.from = "FROM tickets t INDEXED BY " + page
		qs.countFrom = "FROM tickets t INDEXED BY " + count
	}
	return qs
}

// countScope says which queue_counts rows answer a filter's count: the
// assignee and subject they are kept for. ok is false when the counts cannot
// (an SLA or date filter, or two assignees or subjects to combine): the rows
// are counted then.
func countScope(f desk.TicketFilter, userID, view string) (user, subject string, ok bool) {
	if f.SLA != "" || f.CreatedFrom != "" || f.CreatedTo != "" || len(f.SubjectIDs) > 1 {
		return "", "", false
	}
	switch {
	case view == desk.ViewMine && len(f.AssigneeIDs) == 0:
		user = userID
	case view == desk.ViewMine && len(f.AssigneeIDs) == 1 && f.AssigneeIDs[0] == userID:
		user = userID
	case view != desk.ViewMine && len(f.AssigneeIDs) == 1:
		user = f.AssigneeIDs[0]
	case len(f.AssigneeIDs) > 0:
		return "", "", false
	}
	if len(f.SubjectIDs) == 1 {
		subject = f.SubjectIDs[0]
	}
	return user, subject, true
}

// countSQL is the query of queue_counts that counts a filter for one
// assignee and subject ("" for any).
func countSQL(f desk.TicketFilter, user, subject string) (string, []any) {
	conds := []string{"user_id = ?", "subject_id = ?"}
	args := []any{user, subject}
	in := func(c string, vals []string) {
		if len(vals) > 0 {
			conds = append(conds, c+" IN ("+placeholders(len(vals))+")")
			for _, v := range vals {
				args = append(args, v)
			}
		}
	}
	if len(f.Statuses) == 0 {
		conds = append(conds, "status <> 'closed'")
	}
	in("status", f.Statuses)
	in("priority", f.Priorities)
	in("source_id", f.SourceIDs)
	return "SELECT coalesce(sum(n), 0) FROM queue_counts WHERE " + strings.Join(conds, " AND "), args
}

// countQueue returns how many tickets a queue filter holds as userID sees view.
func countQueue(ctx context.Context, tx *sql.Tx, f desk.TicketFilter, userID, view string, now int64) (int, error) {
	var n int
	if user, subject, ok := countScope(f, userID, view); ok {
		query, args := countSQL(f, user, subject)
		err := tx.QueryRowContext(ctx, query, args...).Scan(&n)
		if err != nil {
			return 0, fmt.Errorf("count tickets: %w", err)
		}
		return n, nil
	}
	qs := buildQueue(f, userID, view, now)
	if err := tx.QueryRowContext(ctx, "SELECT count(*) "+qs.countFrom+qs.where, qs.args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count tickets: %w", err)
	}
	return n, nil
}

// QueueSQL returns the statements ListTickets runs for a filter as userID
// sees it at now, with their arguments: the page, then the two counts
// (mine, all). For benchmarks that time the bare SQL beside the service.
func QueueSQL(userID string, f desk.TicketFilter, now time.Time) (stmts []string, args [][]any, err error) {
	if err := checkFilter(&f); err != nil {
		return nil, nil, err
	}
	qs := buildQueue(f, userID, f.View, now.UnixMilli())
	stmts = append(stmts, "SELECT "+ticketColumns+" "+qs.from+ticketJoinsAfter+qs.where+qs.order+" LIMIT ? OFFSET ?")
	args = append(args, append(qs.args, f.Limit, f.Offset))
	for _, view := range []string{desk.ViewMine, desk.ViewAll} {
		if user, subject, ok := countScope(f, userID, view); ok {
			q, a := countSQL(f, user, subject)
			stmts, args = append(stmts, q), append(args, a)
			continue
		}
		c := buildQueue(f, userID, view, now.UnixMilli())
		stmts, args = append(stmts, "SELECT count(*) "+c.countFrom+c.where), append(args, c.args)
	}
	return stmts, args, nil
}
