package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// OpRuleSave sets one workspace rule (last writer wins per rule).
const OpRuleSave = "workspace.rule"

// ruleResolutionOptional is the rule that makes the resolution summary
// optional ("1") rather than required.
const ruleResolutionOptional = "resolution_optional"

type ruleSave struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// rules are the workspace rules there are, each with the values it takes.
var rules = map[string][]string{ruleResolutionOptional: {"0", "1"}}

var kRuleSave = defineKind(opKind[ruleSave]{
	name: OpRuleSave, what: "change the resolving rules", roles: desk.RolesFor(desk.ActConfigureRules),
	entity: func(id string) error {
		if _, ok := rules[id]; !ok {
			return desk.Invalid("entityId", "Unknown rule")
		}
		return nil
	},
	check: func(p *ruleSave) error {
		if !slices.Contains(rules[p.Key], p.Value) {
			return desk.Invalid("value", "Unknown rule or value")
		}
		return nil
	},
	merge: func(mc *mergeCtx, p *ruleSave) error {
		return mc.q.UpsertWorkspaceRule(mc.ctx, dbsqlc.UpsertWorkspaceRuleParams{Key: p.Key, Value: p.Value, Stamp: mc.st})
	},
})

func sopRules(ctx context.Context, q *dbsqlc.Queries) (desk.SOPRules, error) {
	v, err := q.GetWorkspaceRule(ctx, ruleResolutionOptional)
	if errors.Is(err, sql.ErrNoRows) {
		return desk.SOPRules{}, nil
	}
	return desk.SOPRules{ResolutionOptional: v == "1"}, err
}

// SOPRules returns the workspace's resolving rules.
func (s *Store) SOPRules(ctx context.Context) (desk.SOPRules, error) {
	return sopRules(ctx, s.read())
}

// SaveSOPRules changes the resolving rules (admins only). Returns EFORBIDDEN
// for anyone else.
func (s *Store) SaveSOPRules(ctx context.Context, actorID string, r desk.SOPRules) (desk.SOPRules, error) {
	_, err := s.mutate(ctx, actorID, func(m *mutation) error {
		if err := m.requireAdmin("change the resolving rules"); err != nil {
			return err
		}
		old, err := sopRules(ctx, m.q)
		if err != nil || old == r {
			return err
		}
		v := "0"
		if r.ResolutionOptional {
			v = "1"
		}
		_, err = emit(m, kRuleSave, ruleResolutionOptional, ruleSave{Key: ruleResolutionOptional, Value: v})
		return err
	})
	if err != nil {
		return desk.SOPRules{}, err
	}
	return s.SOPRules(ctx)
}

// checkStatusChange validates a status change against the resolving SOP and
// returns it cleaned: an unknown status is EINVALID on status; moving to
// Resolved without a resolution summary is EINVALID on resolution (unless the
// rules make it optional); closing without the customer's confirmation is
// EINVALID on customerConfirmed. Open tasks do not stop a close: the ticket
// screen warns about them (TicketDetail.sop.openTasks) before the user
// confirms.
func checkStatusChange(ch desk.StatusChange, rules desk.SOPRules) (desk.StatusChange, error) {
	st := desk.Status(ch.Status)
	if !st.Valid() {
		return ch, desk.Invalid("status", "Unknown status %q", ch.Status)
	}
	var err error
	if ch.Note, err = desk.CleanText("note", "Note", ch.Note, false); err != nil {
		return ch, err
	}
	if ch.Resolution, err = desk.CleanText("resolution", "Resolution summary", ch.Resolution, false); err != nil {
		return ch, err
	}
	if st != desk.StatusResolved {
		ch.Resolution = ""
	}
	for _, need := range desk.MoveNeeds(st, rules) {
		switch {
		case need == desk.NeedResolution && ch.Resolution == "":
			return ch, desk.Invalid("resolution", "Write a resolution summary: what was done to resolve it")
		case need == desk.NeedConfirmed && !ch.CustomerConfirmed:
			return ch, desk.Invalid("customerConfirmed", "Confirm that the customer confirmed the resolution before closing")
		}
	}
	if st != desk.StatusClosed {
		ch.CustomerConfirmed = false
	}
	return ch, nil
}

// MovesFrom lists the statuses a ticket at from can move to, each with what
// the move needs under the desk's resolving SOP (desk.MovesFrom).
func (s *Store) MovesFrom(ctx context.Context, from string) ([]desk.StatusMove, error) {
	if !desk.Status(from).Valid() {
		return nil, desk.Invalid("status", "Unknown status %q", from)
	}
	rules, err := s.SOPRules(ctx)
	if err != nil {
		return nil, err
	}
	return desk.MovesFrom(desk.Status(from), rules), nil
}

// CheckStatusChange validates a status change against the resolving SOP
// before any ticket is touched (see checkStatusChange) and returns it cleaned.
// Bulk status changes use it so they follow the same rules.
func (s *Store) CheckStatusChange(ctx context.Context, ch desk.StatusChange) (desk.StatusChange, error) {
	rules, err := s.SOPRules(ctx)
	if err != nil {
		return ch, err
	}
	return checkStatusChange(ch, rules)
}

// changeStatus moves t to a status already checked by checkStatusChange, in
// one operation: the status entry (with the note), plus the resolution
// summary or the customer's confirmation as entries of their own kinds. It
// reports false when t already has the status (a note alone is then added).
func (m *mutation) changeStatus(t dbsqlc.GetTicketRow, ch desk.StatusChange) (bool, error) {
	st, cur := desk.Status(ch.Status), desk.Status(t.Status)
	if cur == st {
		if ch.Note == "" {
			return false, nil
		}
		_, err := emit(m, kNote, t.ID, note{Body: ch.Note})
		return false, err
	}
	_, err := m.setField(t, ticketSet{
		Field: "status", Value: string(st), From: cur.Label(), To: st.Label(), Note: ch.Note,
		Resolution: ch.Resolution, CustomerConfirmed: ch.CustomerConfirmed})
	return err == nil, err
}

// ChangeStatus moves a ticket to another status following the resolving SOP
// (see checkStatusChange). Setting the status it already has only adds the
// note (or the summary given). Returns ENOTFOUND for an unknown ticket.
func (s *Store) ChangeStatus(ctx context.Context, actorID, ticketID string, ch desk.StatusChange) error {
	if !desk.Status(ch.Status).Valid() {
		return desk.Invalid("status", "Unknown status %q", ch.Status)
	}
	return s.ticketMutation(ctx, actorID, ticketID, func(m *mutation, t dbsqlc.GetTicketRow) error {
		if t.Status == ch.Status {
			text := ch.Note
			if text == "" {
				text = ch.Resolution
			}
			body, err := desk.CleanText("note", "Note", text, false)
			if err != nil || body == "" {
				return err
			}
			_, err = emit(m, kNote, t.ID, note{Body: body})
			return err
		}
		rules, err := sopRules(ctx, m.q)
		if err != nil {
			return err
		}
		if ch, err = checkStatusChange(ch, rules); err != nil {
			return err
		}
		_, err = m.changeStatus(t, ch)
		return err
	})
}

// sopEntries writes the resolution summary and the customer's confirmation
// carried by a status change as feed entries of their own kinds.
func sopEntries(ctx context.Context, tx dbsqlc.DBTX, op desk.Op, p ticketSet) error {
	q := dbsqlc.New(tx)
	at := ms(op.CreatedAt)
	if p.Resolution != "" {
		if err := q.InsertActivity(ctx, dbsqlc.InsertActivityParams{
			ID: op.ID + "/resolution", TicketID: op.EntityID, ActorID: op.ActorID, Kind: desk.ActResolution,
			Body: p.Resolution, CreatedAt: at, Hlc: op.HLC,
		}); err != nil {
			return fmt.Errorf("write resolution: %w", err)
		}
		if err := reindexTicket(ctx, tx, op.EntityID); err != nil {
			return err
		}
	}
	if p.CustomerConfirmed {
		if err := q.InsertActivity(ctx, dbsqlc.InsertActivityParams{
			ID: op.ID + "/confirmed", TicketID: op.EntityID, ActorID: op.ActorID, Kind: desk.ActConfirmed,
			ToValue: "Customer confirmed the resolution", CreatedAt: at, Hlc: op.HLC,
		}); err != nil {
			return fmt.Errorf("write confirmation: %w", err)
		}
	}
	return nil
}

// sopChecklist ticks the resolving SOP from a ticket's feed (oldest first):
// a resolution summary and the customer's confirmation count when given since
// the ticket last moved back to a working status.
func sopChecklist(acts []dbsqlc.ListActivitiesRow, status string, openTasks int) desk.SOPChecklist {
	var c desk.SOPChecklist
	for _, a := range acts {
		switch a.Kind {
		case desk.ActStatus:
			if s := desk.Status(a.Value); s != desk.StatusResolved && s != desk.StatusClosed {
				c.ResolutionNote, c.CustomerConfirm = false, false
			}
		case desk.ActResolution:
			c.ResolutionNote = true
		case desk.ActConfirmed:
			c.CustomerConfirm = true
		}
	}
	c.OpenTasks = openTasks
	c.TasksCompleted = openTasks == 0
	c.Closed = desk.Status(status) == desk.StatusClosed
	return c
}

// ticketSOP fills a ticket's tasks and SOP checklist.
func ticketSOP(ctx context.Context, tx *sql.Tx, d *desk.TicketDetail, acts []dbsqlc.ListActivitiesRow, now time.Time) error {
	tasks, err := ticketTasks(ctx, tx, d.Ticket.ID, now)
	if err != nil {
		return err
	}
	d.Tasks = tasks
	open := 0
	for _, k := range tasks {
		if !k.Done {
			open++
		}
	}
	d.SOP = sopChecklist(acts, string(d.Ticket.Status), open)
	return nil
}
