package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// bulkSkip is returned from a ticket's step of a bulk action to leave that
// ticket as it is, for the reason given.
type bulkSkip struct{ reason string }

func (b bulkSkip) Error() string { return b.reason }

// bulkPlan is a checked bulk request: what to do to each ticket.
type bulkPlan struct {
	req     desk.BulkRequest
	ids     []string
	status  desk.StatusChange // close, set_status: checked by the resolving SOP's rules
	prio    desk.Priority
	note    string
	users   []dbsqlc.User // assign: who; unassign: the one user
	subject dbsqlc.CatalogItem
}

// checkBulk validates a bulk request before any ticket is touched. Returns
// EINVALID naming the field for an unknown action, an empty selection, more
// than desk.MaxBulkTickets tickets, an unknown status or priority, an unknown
// or deactivated user or subject, a missing note, and for status changes what
// the resolving SOP refuses (CheckStatusChange: a move to Resolved without a
// resolution summary, a close without the customers' confirmation).
func (s *Store) checkBulk(ctx context.Context, req desk.BulkRequest) (bulkPlan, error) {
	p := bulkPlan{req: req}
	known := false
	for _, a := range desk.BulkActions {
		known = known || a.Value == req.Action
	}
	if !known {
		return p, desk.Invalid("action", "Unknown bulk action %q", req.Action)
	}
	seen := map[string]bool{}
	for _, id := range req.TicketIDs {
		if id = strings.TrimSpace(id); id != "" && !seen[id] {
			seen[id] = true
			p.ids = append(p.ids, id)
		}
	}
	if len(p.ids) == 0 {
		return p, desk.Invalid("ticketIds", "Select at least one ticket")
	}
	if len(p.ids) > desk.MaxBulkTickets {
		return p, desk.Invalid("ticketIds", "%d tickets are selected; a bulk action takes at most %d at a time", len(p.ids), desk.MaxBulkTickets)
	}
	var err error
	required := req.Action == desk.BulkAddNote
	if p.note, err = desk.CleanText("note", "Note", req.Note, required); err != nil {
		return p, err
	}
	q := s.read()
	user := func(id string) (dbsqlc.User, error) {
		u, err := q.GetUser(ctx, id)
		if errors.Is(err, sql.ErrNoRows) {
			return u, desk.Invalid("userIds", "Unknown user")
		}
		return u, err
	}
	switch req.Action {
	case desk.BulkClose, desk.BulkSetStatus:
		ch := desk.StatusChange{Status: req.Status, Note: p.note, Resolution: req.Resolution, CustomerConfirmed: req.CustomerConfirmed}
		if req.Action == desk.BulkClose {
			ch.Status = string(desk.StatusClosed)
		} else if !desk.Status(req.Status).Valid() {
			return p, desk.Invalid("status", "Choose a status")
		}
		// The same rules as one ticket's status change: one place decides them.
		if p.status, err = s.CheckStatusChange(ctx, ch); err != nil {
			return p, err
		}
	case desk.BulkSetPriority:
		p.prio = desk.Priority(req.Priority)
		if !p.prio.Valid() {
			return p, desk.Invalid("priority", "Choose a priority")
		}
	case desk.BulkAssign:
		if len(req.UserIDs) == 0 {
			return p, desk.Invalid("userIds", "Choose someone to assign")
		}
		for _, id := range req.UserIDs {
			u, err := user(id)
			if err != nil {
				return p, err
			}
			if u.Active == 0 {
				return p, desk.Invalid("userIds", "%s is deactivated", u.Name)
			}
			p.users = append(p.users, u)
		}
	case desk.BulkUnassign:
		if req.UserID == "" {
			return p, desk.Invalid("userId", "Choose whom to unassign")
		}
		u, err := user(req.UserID)
		if err != nil {
			return p, desk.Invalid("userId", "Unknown user")
		}
		p.users = []dbsqlc.User{u}
	case desk.BulkAddSubject:
		c, err := q.GetCatalogItem(ctx, req.SubjectID)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && c.Kind != desk.CatalogSubject) {
			return p, desk.Invalid("subjectId", "Choose a subject")
		} else if err != nil {
			return p, err
		}
		if c.Active == 0 {
			return p, desk.Invalid("subjectId", "The subject %s is deactivated; choose another", c.Name)
		}
		p.subject = c
	}
	return p, nil
}

// Bulk applies one action to many tickets. Each ticket is changed in its own
// transaction through the mutation path, so it gets its own activity entry
// and is changed completely or not at all; a ticket the action does not fit
// (Bulk Close of a ticket that is not Resolved, a priority it already has…)
// is skipped with the reason in plain words, and a ticket that fails is left
// as it was and listed with the others. progress, when not nil, is called
// after each ticket. Returns EINVALID (see checkBulk) before touching any
// ticket, and EFORBIDDEN when actorID is not an active user. The error of a
// ticket that failed is returned in failures (for the log), by ticket id.
func (s *Store) Bulk(ctx context.Context, actorID string, req desk.BulkRequest, progress func(done, total int)) (desk.BulkResult, map[string]error, error) {
	res := desk.BulkResult{JobID: req.JobID, Action: req.Action, DoneIDs: []string{}, Skipped: []desk.BulkSkip{}}
	p, err := s.checkBulk(ctx, req)
	if err != nil {
		return res, nil, err
	}
	if u, err := s.read().GetUser(ctx, actorID); err != nil || u.Active == 0 {
		return res, nil, desk.Errorf(desk.EFORBIDDEN, "Sign in first")
	}
	res.Total = len(p.ids)
	failures := map[string]error{}
	for i, id := range p.ids {
		if err := ctx.Err(); err != nil {
			return res, failures, err
		}
		var number int64
		err := s.ticketMutation(ctx, actorID, id, func(m *mutation, t dbsqlc.GetTicketRow) error {
			number = t.Number
			return m.bulkStep(p, t)
		})
		var skip bulkSkip
		switch {
		case err == nil:
			res.Done++
			res.DoneIDs = append(res.DoneIDs, id)
		case errors.As(err, &skip):
			res.Skipped = append(res.Skipped, desk.BulkSkip{TicketID: id, Number: number, Reason: skip.reason})
		case desk.ErrorCode(err) == desk.ENOTFOUND:
			res.Skipped = append(res.Skipped, desk.BulkSkip{TicketID: id, Reason: "A selected ticket no longer exists"})
		case desk.ErrorCode(err) == desk.EINTERNAL:
			failures[id] = err
			res.Skipped = append(res.Skipped, desk.BulkSkip{TicketID: id, Number: number,
				Reason: fmt.Sprintf("#%d could not be changed (internal error) and was left as it was", number)})
		default:
			res.Skipped = append(res.Skipped, desk.BulkSkip{TicketID: id, Number: number,
				Reason: fmt.Sprintf("#%d: %s", number, desk.ErrorMessage(err))})
		}
		if progress != nil {
			progress(i+1, res.Total)
		}
	}
	res.Summary = bulkSummary(req.Action, res.Done, len(res.Skipped))
	return res, failures, nil
}

// bulkStep changes one ticket, inside its own mutation. It returns bulkSkip
// when the ticket is to be left as it is.
func (m *mutation) bulkStep(p bulkPlan, t dbsqlc.GetTicketRow) error {
	current := desk.Status(t.Status)
	switch p.req.Action {
	case desk.BulkClose, desk.BulkSetStatus:
		to := desk.Status(p.status.Status)
		if current == to {
			return bulkSkip{fmt.Sprintf("#%d is already %s", t.Number, current.Label())}
		}
		if to == desk.StatusClosed && current != desk.StatusResolved {
			return bulkSkip{fmt.Sprintf("#%d is %s: only resolved tickets can be closed", t.Number, current.Label())}
		}
		_, err := m.changeStatus(t, p.status)
		return err
	case desk.BulkSetPriority:
		changed, err := m.setPriority(t, p.prio)
		if err == nil && !changed {
			return bulkSkip{fmt.Sprintf("#%d is already %s priority", t.Number, p.prio.Label())}
		}
		return err
	case desk.BulkAssign:
		ids := make([]string, len(p.users))
		names := make([]string, len(p.users))
		for i, u := range p.users {
			ids[i], names[i] = u.ID, u.Name
		}
		added, err := m.addAssignees(t.ID, ids)
		if err == nil && added == 0 {
			return bulkSkip{fmt.Sprintf("#%d is already assigned to %s", t.Number, strings.Join(names, " and "))}
		}
		return err
	case desk.BulkUnassign:
		removed, err := m.removeAssignee(t.ID, p.users[0].ID)
		if err == nil && !removed {
			return bulkSkip{fmt.Sprintf("#%d is not assigned to %s", t.Number, p.users[0].Name)}
		}
		return err
	case desk.BulkAddSubject:
		added, err := m.addSubject(t.ID, p.subject.ID)
		if err == nil && !added {
			return bulkSkip{fmt.Sprintf("#%d already has the subject %s", t.Number, p.subject.Name)}
		}
		return err
	case desk.BulkAddNote:
		return m.addNote(t.ID, p.note, "")
	}
	return desk.Invalid("action", "Unknown bulk action %q", p.req.Action)
}

// bulkSummary says what a bulk action did, e.g. "12 closed, 3 skipped".
func bulkSummary(action string, done, skipped int) string {
	verb := map[string]string{
		desk.BulkClose: "closed", desk.BulkSetStatus: "changed", desk.BulkAssign: "assigned",
		desk.BulkUnassign: "unassigned", desk.BulkSetPriority: "changed", desk.BulkAddSubject: "given the subject",
		desk.BulkAddNote: "noted",
	}[action]
	s := fmt.Sprintf("%d %s", done, verb)
	if skipped > 0 {
		s += fmt.Sprintf(", %d skipped", skipped)
	}
	return s
}

// ListTicketIDs returns the ids of every ticket in a queue view under its
// filters, in the queue's order, up to desk.MaxBulkTickets, for "select all
// in this view". The filter's offset and limit are ignored.
func (s *Store) ListTicketIDs(ctx context.Context, userID string, f desk.TicketFilter) (desk.TicketIDList, error) {
	if err := checkFilter(&f); err != nil {
		return desk.TicketIDList{}, err
	}
	out := desk.TicketIDList{IDs: []string{}}
	now := s.clock.Now().UnixMilli()
	err := s.readTx(ctx, func(_ *dbsqlc.Queries, tx *sql.Tx) error {
		var err error
		if out.Total, err = countQueue(ctx, tx, f, userID, f.View, now); err != nil {
			return err
		}
		qs := buildQueue(f, userID, f.View, now)
		rows, err := tx.QueryContext(ctx, "SELECT t.id "+qs.from+qs.where+qs.order+" LIMIT ?", append(qs.args, desk.MaxBulkTickets)...)
		if err != nil {
			return fmt.Errorf("list ticket ids: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			out.IDs = append(out.IDs, id)
		}
		return rows.Err()
	})
	if out.Total > len(out.IDs) {
		out.Capped = true
		out.Message = fmt.Sprintf("Selected the first %d of %d tickets in this view; a bulk action takes at most %d at a time", len(out.IDs), out.Total, desk.MaxBulkTickets)
	}
	return out, err
}
