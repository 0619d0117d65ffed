package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// Operation kinds of follow-up tasks. The entity of each is the task.
const (
	OpTaskCreate   = "task.create"
	OpTaskEdit     = "task.edit"
	OpTaskComplete = "task.complete"
	OpTaskReopen   = "task.reopen"
)

// Task operation payloads. TicketID and Title ride along on every kind so
// that the ticket's feed line can be written without reading the task.
type (
	taskCreate struct {
		TicketID   string `json:"ticketId"`
		Title      string `json:"title"`
		Notes      string `json:"notes"`
		DueAt      int64  `json:"dueAt"` // unix ms
		AssigneeID string `json:"assigneeId"`
	}
	taskEdit = taskCreate
	taskDone struct {
		TicketID string `json:"ticketId"`
		Title    string `json:"title"`
	}
)

// checkTaskPayload checks a task.create or task.edit payload.
func checkTaskPayload(p *taskCreate) error {
	if err := checkUUID("ticketId", p.TicketID); err != nil {
		return err
	}
	if err := checkUUID("assigneeId", p.AssigneeID); err != nil {
		return err
	}
	if p.DueAt <= 0 {
		return desk.Invalid("due", "Give the date and time the task is due")
	}
	if err := cleanLine("title", "Give the task a title", &p.Title, desk.MaxTaskTitle); err != nil {
		return err
	}
	return cleanTextIn("notes", "Notes", &p.Notes, false)
}

// checkTaskDone checks a task.complete or task.reopen payload.
func checkTaskDone(p *taskDone) error {
	if err := checkUUID("ticketId", p.TicketID); err != nil {
		return err
	}
	return cleanLine("title", "Give the task a title", &p.Title, desk.MaxTaskTitle)
}

// taskActivity writes a task's line in its ticket's feed.
func taskActivity(mc *mergeCtx, ticketID, title, act string) error {
	if err := mc.q.InsertActivity(mc.ctx, dbsqlc.InsertActivityParams{
		ID: mc.op.ID, TicketID: ticketID, ActorID: mc.op.ActorID, Kind: act, ToValue: title, Value: mc.op.EntityID,
		CreatedAt: mc.at, Hlc: mc.op.HLC,
	}); err != nil {
		return fmt.Errorf("write activity: %w", err)
	}
	return mc.q.TouchTicket(mc.ctx, dbsqlc.TouchTicketParams{At: mc.at, ID: ticketID})
}

// setTaskDone merges a complete (done) or reopen: the done field is last
// writer wins by its own stamp.
func setTaskDone(done bool) func(*mergeCtx, *taskDone) error {
	return func(mc *mergeCtx, p *taskDone) error {
		params := dbsqlc.SetTaskDoneParams{DoneStamp: mc.st, UpdatedAt: mc.at, ID: mc.op.EntityID, StampMin: mc.st}
		act := desk.ActTaskReopened
		if done {
			params.DoneAt = sql.NullInt64{Int64: mc.at, Valid: true}
			params.DoneBy = nullString(mc.op.ActorID)
			act = desk.ActTaskCompleted
		}
		if err := mc.q.SetTaskDone(mc.ctx, params); err != nil {
			return fmt.Errorf("%s: %w", mc.op.Kind, err)
		}
		return taskActivity(mc, p.TicketID, p.Title, act)
	}
}

var (
	kTaskCreate = defineKind(opKind[taskCreate]{
		name: OpTaskCreate, what: "add tasks", roles: everyone, check: checkTaskPayload,
		merge: func(mc *mergeCtx, p *taskCreate) error {
			if err := mc.q.InsertTask(mc.ctx, dbsqlc.InsertTaskParams{
				ID: mc.op.EntityID, TicketID: p.TicketID, Title: p.Title, Notes: p.Notes, DueAt: p.DueAt,
				AssigneeID: p.AssigneeID, CreatedBy: mc.op.ActorID, CreatedAt: mc.at, UpdatedAt: mc.at, EditStamp: mc.st,
			}); err != nil {
				return fmt.Errorf("insert task: %w", err)
			}
			return taskActivity(mc, p.TicketID, p.Title, desk.ActTaskAdded)
		},
	})
	// kTaskEdit writes the editable fields, last writer wins by stamp.
	kTaskEdit = defineKind(opKind[taskEdit]{
		name: OpTaskEdit, what: "edit tasks", roles: everyone, check: checkTaskPayload,
		merge: func(mc *mergeCtx, p *taskEdit) error {
			return mc.q.EditTask(mc.ctx, dbsqlc.EditTaskParams{
				Title: p.Title, Notes: p.Notes, DueAt: p.DueAt, AssigneeID: p.AssigneeID,
				UpdatedAt: mc.at, EditStamp: mc.st, ID: mc.op.EntityID, StampMin: mc.st,
			})
		},
	})
	kTaskComplete = defineKind(opKind[taskDone]{
		name: OpTaskComplete, what: "complete tasks", roles: everyone, check: checkTaskDone, merge: setTaskDone(true),
	})
	kTaskReopen = defineKind(opKind[taskDone]{
		name: OpTaskReopen, what: "reopen tasks", roles: everyone, check: checkTaskDone, merge: setTaskDone(false),
	})
)

// checkTask validates a task form. Returns EINVALID on title (missing or too
// long), due (missing or not a time) or notes (too long).
func checkTask(in desk.TaskInput) (title, notes string, due time.Time, err error) {
	title = strings.TrimSpace(in.Title)
	if title == "" {
		return "", "", due, desk.Invalid("title", "Give the task a title")
	}
	if n := utf8.RuneCountInString(title); n > desk.MaxTaskTitle {
		return "", "", due, desk.Invalid("title", "The title is too long (%d characters, at most %d)", n, desk.MaxTaskTitle)
	}
	if err := desk.NoControl("title", "The title", title); err != nil {
		return "", "", due, err
	}
	if strings.TrimSpace(in.Due) == "" {
		return "", "", due, desk.Invalid("due", "Give the date and time the task is due")
	}
	due, err = time.Parse(time.RFC3339, strings.TrimSpace(in.Due))
	if err != nil {
		return "", "", due, desk.Invalid("due", "Give the due date and time, like 2026-03-31T15:00:00Z")
	}
	notes, err = desk.CleanText("notes", "Notes", in.Notes, false)
	return title, notes, due, err
}

// taskAssignee loads the assignee of a task form: an active user, or the
// actor when none is given. Returns EINVALID on assigneeId.
func (m *mutation) taskAssignee(id string) (string, error) {
	if strings.TrimSpace(id) == "" {
		return m.actorID, nil
	}
	u, err := m.q.GetUser(m.ctx, id)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && u.Active == 0) {
		return "", desk.Invalid("assigneeId", "Choose an active user to do the task")
	}
	return u.ID, err
}

// SaveTask creates a task on a ticket (empty id) or edits one, and returns
// its id. Returns EINVALID on title, due, notes or assigneeId (see checkTask;
// an unknown or deactivated user), EINVALID on ticketId for an unknown
// ticket, ENOTFOUND for an unknown task id.
func (s *Store) SaveTask(ctx context.Context, actorID string, in desk.TaskInput) (string, error) {
	title, notes, due, err := checkTask(in)
	if err != nil {
		return "", err
	}
	id := in.ID
	_, err = s.mutate(ctx, actorID, func(m *mutation) error {
		if _, err := m.actor(); err != nil {
			return err
		}
		assignee, err := m.taskAssignee(in.AssigneeID)
		if err != nil {
			return err
		}
		if id == "" {
			if _, err := m.q.GetTicket(ctx, in.TicketID); errors.Is(err, sql.ErrNoRows) {
				return desk.Invalid("ticketId", "That ticket does not exist")
			} else if err != nil {
				return err
			}
			id = newID()
			_, err = emit(m, kTaskCreate, id, taskCreate{TicketID: in.TicketID, Title: title, Notes: notes, DueAt: due.UnixMilli(), AssigneeID: assignee})
			return err
		}
		old, err := m.q.GetTask(ctx, id)
		if err != nil {
			return notFound(err, "task")
		}
		if old.Title == title && old.Notes == notes && old.DueAt == due.UnixMilli() && old.AssigneeID == assignee {
			return nil
		}
		_, err = emit(m, kTaskEdit, id, taskEdit{TicketID: old.TicketID, Title: title, Notes: notes, DueAt: due.UnixMilli(), AssigneeID: assignee})
		return err
	})
	return id, err
}

// SetTaskDone completes (done) or reopens a task; it returns the task's
// ticket. Completing a completed task or reopening an open one changes
// nothing. Returns ENOTFOUND for an unknown task.
func (s *Store) SetTaskDone(ctx context.Context, actorID, id string, done bool) (string, error) {
	var ticketID string
	_, err := s.mutate(ctx, actorID, func(m *mutation) error {
		if _, err := m.actor(); err != nil {
			return err
		}
		t, err := m.q.GetTask(ctx, id)
		if err != nil {
			return notFound(err, "task")
		}
		ticketID = t.TicketID
		if t.DoneAt.Valid == done {
			return nil
		}
		k := kTaskReopen
		if done {
			k = kTaskComplete
		}
		_, err = emit(m, k, id, taskDone{TicketID: t.TicketID, Title: t.Title})
		return err
	})
	return ticketID, err
}

const taskColumns = `SELECT k.id, k.ticket_id, t.number, c.name, k.title, k.notes, k.due_at, k.assignee_id, ua.name,
	k.created_by, uc.name, k.done_at
FROM tasks k
JOIN tickets t ON t.id = k.ticket_id
JOIN contacts c ON c.id = t.contact_id
JOIN users ua ON ua.id = k.assignee_id
JOIN users uc ON uc.id = k.created_by`

// queryTasks runs a task list query; now decides which are overdue.
func queryTasks(ctx context.Context, tx *sql.Tx, now time.Time, where string, args ...any) ([]desk.Task, error) {
	rows, err := tx.QueryContext(ctx, taskColumns+" WHERE "+where+
		" ORDER BY k.done_at IS NOT NULL, k.due_at, k.id LIMIT 500", args...)
	if err != nil {
		return nil, fmt.Errorf("list tasks: %w", err)
	}
	defer rows.Close()
	out := []desk.Task{}
	for rows.Next() {
		var k desk.Task
		var due int64
		var done sql.NullInt64
		if err := rows.Scan(&k.ID, &k.TicketID, &k.TicketNumber, &k.ContactName, &k.Title, &k.Notes, &due,
			&k.Assignee.ID, &k.Assignee.Name, &k.CreatedBy.ID, &k.CreatedBy.Name, &done); err != nil {
			return nil, err
		}
		k.Due = rfc3339(due)
		k.Done = done.Valid
		if done.Valid {
			k.DoneAt = rfc3339(done.Int64)
		}
		k.Overdue = !k.Done && due <= now.UnixMilli()
		out = append(out, k)
	}
	return out, rows.Err()
}

// localDay returns the start and end (unix ms) of the workstation's day
// around now.
func localDay(now time.Time) (int64, int64) {
	l := now.In(time.Local)
	start := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.Local)
	return start.UnixMilli(), start.AddDate(0, 0, 1).UnixMilli()
}

// ListTasks returns a tab of the task list for userID: mine (userID's open
// tasks), overdue (everyone's open tasks past due), today (everyone's open
// tasks due today, local day), all (every task). Open tasks come first, by
// due time; at most 500. Returns EINVALID on tab for an unknown tab.
func (s *Store) ListTasks(ctx context.Context, userID, tab string) ([]desk.Task, error) {
	now := s.clock.Now()
	var where string
	var args []any
	switch tab {
	case desk.TasksMine, "":
		where, args = "k.assignee_id = ? AND k.done_at IS NULL", []any{userID}
	case desk.TasksOverdue:
		where, args = "k.done_at IS NULL AND k.due_at <= ?", []any{now.UnixMilli()}
	case desk.TasksToday:
		start, end := localDay(now)
		where, args = "k.done_at IS NULL AND k.due_at >= ? AND k.due_at < ?", []any{start, end}
	case desk.TasksAll:
		where = "1 = 1"
	default:
		return nil, desk.Invalid("tab", "Unknown task list %q", tab)
	}
	var out []desk.Task
	err := s.readTx(ctx, func(_ *dbsqlc.Queries, tx *sql.Tx) error {
		var err error
		out, err = queryTasks(ctx, tx, now, where, args...)
		return err
	})
	return out, err
}

// TaskCounts returns userID's open tasks, how many of them are overdue and
// how many are due today (local day, overdue ones included).
func (s *Store) TaskCounts(ctx context.Context, userID string) (desk.TaskCounts, error) {
	now := s.clock.Now()
	start, end := localDay(now)
	var c desk.TaskCounts
	err := s.r.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(due_at <= ?), 0), coalesce(sum(due_at >= ? AND due_at < ?), 0)
		FROM tasks WHERE assignee_id = ? AND done_at IS NULL`, now.UnixMilli(), start, end, userID).Scan(&c.Open, &c.Overdue, &c.DueToday)
	return c, interpretError(err)
}

// RaiseTaskAlerts raises a notification to the assignee of each open task
// that is due at now, once per task and due time (a task whose due time moves
// is raised again when the new time comes). It returns how many were raised
// and when the next open task falls due (zero when none), so the caller can
// sleep until then. Tasks that fell due while the app was closed are raised
// on the first call.
func (s *Store) RaiseTaskAlerts(ctx context.Context, now time.Time) (int, time.Time, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	raised := 0
	var next time.Time
	err := s.inTx(ctx, func(tx *sql.Tx, q *dbsqlc.Queries) error {
		due, err := q.ListTasksDue(ctx, now.UnixMilli())
		if err != nil {
			return err
		}
		for _, k := range due {
			n, err := q.InsertTaskAlert(ctx, dbsqlc.InsertTaskAlertParams{TaskID: k.ID, DueAt: k.DueAt, RaisedAt: now.UnixMilli()})
			if err != nil {
				return err
			}
			if n == 0 {
				continue
			}
			title, customer, err := ticketTitle(ctx, q, k.TicketID)
			if err != nil {
				return err
			}
			if err := q.InsertNotification(ctx, dbsqlc.InsertNotificationParams{
				ID: fmt.Sprintf("task/%s/%d", k.ID, k.DueAt), RecipientID: k.AssigneeID, Kind: desk.NoteTaskDue,
				TicketID: nullString(k.TicketID), Title: title,
				Body: fmt.Sprintf("Task due: %s — %s", excerpt(k.Title, 120), customer), CreatedAt: now.UnixMilli(),
			}); err != nil {
				return fmt.Errorf("store notification: %w", err)
			}
			raised++
		}
		var n int64
		err = tx.QueryRowContext(ctx, "SELECT coalesce(min(due_at), 0) FROM tasks WHERE done_at IS NULL AND due_at > ?", now.UnixMilli()).Scan(&n)
		if err == nil && n > 0 {
			next = time.UnixMilli(n)
		}
		return err
	})
	return raised, next, interpretError(err)
}

// ticketTasks lists a ticket's tasks (open first, by due time).
func ticketTasks(ctx context.Context, tx *sql.Tx, ticketID string, now time.Time) ([]desk.Task, error) {
	return queryTasks(ctx, tx, now, "k.ticket_id = ?", ticketID)
}

// TaskTicket returns the id of a task's ticket. Returns ENOTFOUND.
func (s *Store) TaskTicket(ctx context.Context, taskID string) (string, error) {
	t, err := s.read().GetTask(ctx, taskID)
	return t.TicketID, notFound(err, "task")
}
