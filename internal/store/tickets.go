package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
	"deskline/internal/sla"
)

// Operation kinds of tickets. The entity of each is the ticket.
const (
	OpTicketCreate   = "ticket.create"
	OpTicketSet      = "ticket.set"
	OpTicketNumber   = "ticket.number"
	OpSubjectAdd     = "ticket.subject.add"
	OpSubjectRemove  = "ticket.subject.remove"
	OpAssigneeAdd    = "ticket.assignee.add"
	OpAssigneeRemove = "ticket.assignee.remove"
	OpNote           = "ticket.note"
)

// Limits of what one ticket operation may carry.
const (
	maxTicketSubjects = 50
	maxTicketUsers    = 200  // assignees set at once, users @mentioned in a note
	maxSetTags        = 5000 // tags a remove observed
)

// ticketCreate makes a ticket: status Open, its subjects and first
// assignees, and the SLA policy it runs under. Its number is final on a desk
// of its own and provisional (zero or less) on a desk in a team.
type ticketCreate struct {
	Number      int64     `json:"number"`
	ContactID   string    `json:"contactId"`
	Mobile      string    `json:"mobile"`
	SourceID    string    `json:"sourceId"`
	Description string    `json:"description"`
	Priority    string    `json:"priority"`
	SubjectIDs  []string  `json:"subjectIds"`
	AssigneeIDs []string  `json:"assigneeIds"`
	SLA         *slaTerms `json:"sla,omitempty"` // the policy it runs under
}

var kTicketCreate = defineKind(opKind[ticketCreate]{
	name: OpTicketCreate, what: "create tickets", roles: everyone,
	check: func(p *ticketCreate) error {
		if len(p.SubjectIDs) == 0 {
			return desk.Invalid("subjectIds", "Choose at least one subject")
		}
		if err := checkUUIDs("subjectIds", p.SubjectIDs, maxTicketSubjects); err != nil {
			return err
		}
		if err := checkUUIDs("assigneeIds", p.AssigneeIDs, maxTicketUsers); err != nil {
			return err
		}
		if err := checkUUID("contactId", p.ContactID); err != nil {
			return err
		}
		if err := checkOptionalUUID("sourceId", p.SourceID); err != nil {
			return err
		}
		var err error
		if p.Mobile, err = desk.NormalizeMobile("mobile", p.Mobile); err != nil {
			return err
		}
		if !desk.Priority(p.Priority).Valid() {
			return desk.Invalid("priority", "Unknown priority %q", excerpt(p.Priority, 40))
		}
		if p.SLA != nil {
			if err := p.SLA.check(); err != nil {
				return err
			}
		}
		return cleanTextIn("description", "Description", &p.Description, false)
	},
	merge: func(mc *mergeCtx, p *ticketCreate) error {
		q, op := mc.q, mc.op
		err := q.InsertTicket(mc.ctx, dbsqlc.InsertTicketParams{
			ID: op.EntityID, Number: p.Number, ContactID: p.ContactID, Mobile: p.Mobile,
			SourceID: nullString(p.SourceID), Description: p.Description,
			Status: string(desk.StatusOpen), Priority: p.Priority,
			CreatedBy: op.ActorID, CreatedAt: mc.at, Stamp: mc.st,
		})
		if err != nil {
			return fmt.Errorf("insert ticket: %w", err)
		}
		if p.SLA != nil {
			terms, err := json.Marshal(p.SLA)
			if err != nil {
				return err
			}
			if err := q.SetTicketSLATerms(mc.ctx, dbsqlc.SetTicketSLATermsParams{SlaTerms: string(terms), ID: op.EntityID}); err != nil {
				return err
			}
		}
		for _, id := range p.SubjectIDs {
			if err := q.InsertTicketSubject(mc.ctx, dbsqlc.InsertTicketSubjectParams{Tag: tagOf(op, id), TicketID: op.EntityID, SubjectID: id}); err != nil {
				return fmt.Errorf("add subject: %w", err)
			}
		}
		for _, id := range p.AssigneeIDs {
			if err := q.InsertTicketAssignee(mc.ctx, dbsqlc.InsertTicketAssigneeParams{Tag: tagOf(op, id), TicketID: op.EntityID, UserID: id}); err != nil {
				return fmt.Errorf("add assignee: %w", err)
			}
		}
		if err := ticketActivity(mc.ctx, q, op, entry{kind: desk.ActCreated, body: p.Description, value: p.Priority}); err != nil {
			return err
		}
		return routeCreate(mc, p)
	},
})

// ticketSet changes one scalar field. From and To are the old and new
// values in plain words, as the author saw them, for the activity feed.
type ticketSet struct {
	Field string `json:"field"`
	Value string `json:"value"`
	From  string `json:"from"`
	To    string `json:"to"`
	Note  string `json:"note,omitempty"`
	// A move to Resolved carries the resolution summary, a close the
	// customer's confirmation; each is written as a feed entry of its own.
	Resolution        string `json:"resolution,omitempty"`
	CustomerConfirmed bool   `json:"customerConfirmed,omitempty"`
	// Seen is the stamp of the field's write its author saw; a newer write
	// that saw another is an edit made on two machines at once.
	Seen string `json:"seen,omitempty"`
}

// ticketFields maps a ticketSet field to its column, its stamp column, the
// activity kind it writes and the check of its value. Column names come only
// from this table.
var ticketFields = map[string]struct {
	col, stamp, act string
	check           func(v *string) error
}{
	"status": {"status", "status_stamp", desk.ActStatus, func(v *string) error {
		if !desk.Status(*v).Valid() {
			return desk.Invalid("status", "Unknown status %q", excerpt(*v, 40))
		}
		return nil
	}},
	"priority": {"priority", "priority_stamp", desk.ActPriority, func(v *string) error {
		if !desk.Priority(*v).Valid() {
			return desk.Invalid("priority", "Unknown priority %q", excerpt(*v, 40))
		}
		return nil
	}},
	"contact": {"contact_id", "contact_stamp", desk.ActContact, func(v *string) error { return checkUUID("contactId", *v) }},
	"mobile": {"mobile", "mobile_stamp", desk.ActMobile, func(v *string) error {
		m, err := desk.NormalizeMobile("mobile", *v)
		*v = m
		return err
	}},
	"source":      {"source_id", "source_stamp", desk.ActSource, func(v *string) error { return checkOptionalUUID("sourceId", *v) }},
	"description": {"description", "description_stamp", desk.ActDescription, func(v *string) error { return cleanTextIn("description", "Description", v, false) }},
}

var kTicketSet = defineKind(opKind[ticketSet]{
	name: OpTicketSet, what: "change tickets", roles: everyone,
	check: func(p *ticketSet) error {
		f, ok := ticketFields[p.Field]
		if !ok {
			return desk.Invalid("field", "Unknown ticket field %q", excerpt(p.Field, 40))
		}
		if err := f.check(&p.Value); err != nil {
			return err
		}
		if p.Field == "description" {
			if err := cleanTextIn("to", "The new value", &p.To, false); err != nil {
				return err
			}
		} else if err := cleanShort("to", &p.To); err != nil {
			return err
		}
		if err := cleanShort("from", &p.From); err != nil {
			return err
		}
		if err := cleanTextIn("note", "Note", &p.Note, false); err != nil {
			return err
		}
		if len(p.Seen) > 100 {
			return desk.Invalid("seen", "Not a stamp")
		}
		if p.Field != "status" && (p.Resolution != "" || p.CustomerConfirmed) {
			return desk.Invalid("resolution", "Only a status change carries a resolution or a confirmation")
		}
		return cleanTextIn("resolution", "Resolution summary", &p.Resolution, false)
	},
	merge: func(mc *mergeCtx, p *ticketSet) error {
		f := ticketFields[p.Field]
		var value any = p.Value
		if p.Field == "source" {
			value = nullString(p.Value)
		}
		// Last writer wins: the write lands only if its stamp is newer.
		query := fmt.Sprintf("UPDATE tickets SET %s = ?1, %s = ?2 WHERE id = ?3 AND %s < ?2", f.col, f.stamp, f.stamp)
		if _, err := mc.tx.ExecContext(mc.ctx, query, value, mc.st, mc.op.EntityID); err != nil {
			return fmt.Errorf("set %s: %w", p.Field, err)
		}
		if err := recordFieldWrite(mc, p); err != nil {
			return err
		}
		e := entry{kind: f.act, body: p.Note, from: p.From, to: p.To}
		if p.Field == "status" || p.Field == "priority" {
			e.value = p.Value
		}
		if err := ticketActivity(mc.ctx, mc.q, mc.op, e); err != nil {
			return err
		}
		return sopEntries(mc.ctx, mc.tx, mc.op, *p)
	},
})

// setMember adds or removes one member of a ticket's subject or assignee
// set. A remove names the tags (ids of the adding operations) it observed.
type setMember struct {
	MemberID string   `json:"memberId"`
	Name     string   `json:"name"`
	Tags     []string `json:"tags,omitempty"`
}

// checkSetMember is the check of the four set-member kinds: a remove names
// at least one tag it observed, an add none.
func checkSetMember(remove bool) func(p *setMember) error {
	return func(p *setMember) error {
		if err := checkUUID("memberId", p.MemberID); err != nil {
			return err
		}
		if err := cleanNameIn("name", "Name", &p.Name); err != nil {
			return err
		}
		if !remove {
			if len(p.Tags) > 0 {
				return desk.Invalid("tags", "An add carries no tags")
			}
			return nil
		}
		if len(p.Tags) == 0 || len(p.Tags) > maxSetTags {
			return desk.Invalid("tags", "A remove names between 1 and %d tags it saw", maxSetTags)
		}
		for _, t := range p.Tags {
			// A tag is the adding operation's id and the member's: tagOf.
			op, member, ok := strings.Cut(t, "/")
			if !ok || checkUUID("tags", op) != nil || member != p.MemberID {
				return desk.Invalid("tags", "A tag must name an adding operation of this member")
			}
		}
		return nil
	}
}

// mergeSetMember merges the add or remove of a subject or an assignee: change
// writes the set, then the feed line is written and route (if any) routes
// its notifications.
func mergeSetMember(act string, change, route func(*mergeCtx, *setMember) error) func(*mergeCtx, *setMember) error {
	return func(mc *mergeCtx, p *setMember) error {
		if err := change(mc, p); err != nil {
			return fmt.Errorf("%s: %w", mc.op.Kind, err)
		}
		if err := ticketActivity(mc.ctx, mc.q, mc.op, entry{kind: act, to: p.Name}); err != nil {
			return err
		}
		if route == nil {
			return nil
		}
		return route(mc, p)
	}
}

// removeTags removes the observed tags of a set member with del, leaving
// tombstones so that a late add of the same tag stays removed.
func removeTags(del func(*dbsqlc.Queries, context.Context, string) error) func(*mergeCtx, *setMember) error {
	return func(mc *mergeCtx, p *setMember) error {
		for _, tag := range p.Tags {
			if err := mc.q.InsertTombstone(mc.ctx, tag); err != nil {
				return err
			}
			if err := del(mc.q, mc.ctx, tag); err != nil {
				return err
			}
		}
		return nil
	}
}

var (
	kSubjectAdd = defineKind(opKind[setMember]{
		name: OpSubjectAdd, what: "add subjects to tickets", roles: everyone, check: checkSetMember(false),
		merge: mergeSetMember(desk.ActSubjectAdded, func(mc *mergeCtx, p *setMember) error {
			return mc.q.InsertTicketSubject(mc.ctx, dbsqlc.InsertTicketSubjectParams{
				Tag: tagOf(mc.op, p.MemberID), TicketID: mc.op.EntityID, SubjectID: p.MemberID})
		}, nil),
	})
	kSubjectRemove = defineKind(opKind[setMember]{
		name: OpSubjectRemove, what: "remove subjects from tickets", roles: everyone, check: checkSetMember(true),
		merge: mergeSetMember(desk.ActSubjectRemoved, removeTags((*dbsqlc.Queries).DeleteTicketSubjectTag), nil),
	})
	kAssigneeAdd = defineKind(opKind[setMember]{
		name: OpAssigneeAdd, what: "assign tickets", roles: everyone, check: checkSetMember(false),
		merge: mergeSetMember(desk.ActAssigneeAdded, func(mc *mergeCtx, p *setMember) error {
			return mc.q.InsertTicketAssignee(mc.ctx, dbsqlc.InsertTicketAssigneeParams{
				Tag: tagOf(mc.op, p.MemberID), TicketID: mc.op.EntityID, UserID: p.MemberID})
		}, routeAssigned),
	})
	kAssigneeRemove = defineKind(opKind[setMember]{
		name: OpAssigneeRemove, what: "unassign tickets", roles: everyone, check: checkSetMember(true),
		merge: mergeSetMember(desk.ActAssigneeRemoved, removeTags((*dbsqlc.Queries).DeleteTicketAssigneeTag), routeUnassigned),
	})
)

// note adds a note to a ticket's feed.
type note struct {
	Body     string   `json:"body"`
	Mentions []string `json:"mentions,omitempty"` // ids of the users @mentioned
	Channel  string   `json:"channel,omitempty"`  // set when the note records a reply to the customer
}

var kNote = defineKind(opKind[note]{
	name: OpNote, what: "add notes", roles: everyone,
	check: func(p *note) error {
		if !desk.ValidNoteChannel(p.Channel) {
			return desk.Invalid("channel", "Unknown channel %q", excerpt(p.Channel, 40))
		}
		if err := checkUUIDs("mentions", p.Mentions, maxTicketUsers); err != nil {
			return err
		}
		return cleanTextIn("note", "Note", &p.Body, true)
	},
	merge: func(mc *mergeCtx, p *note) error {
		if err := ticketActivity(mc.ctx, mc.q, mc.op, entry{kind: desk.ActNote, body: p.Body, value: p.Channel}); err != nil {
			return err
		}
		return routeMentions(mc, p)
	},
})

// ticketNumber gives a ticket its final number. Only the team hub makes it,
// right after it accepts the ticket's create operation.
type ticketNumber struct {
	Number int64 `json:"number"`
}

var kTicketNumber = defineKind(opKind[ticketNumber]{
	name: OpTicketNumber, what: "number tickets",
	check: func(p *ticketNumber) error {
		if p.Number < 1 {
			return desk.Invalid("number", "A ticket's final number is 1 or more")
		}
		return nil
	},
	merge: func(mc *mergeCtx, p *ticketNumber) error {
		cur, err := mc.q.GetTicketNumbering(mc.ctx, mc.op.EntityID)
		if errors.Is(err, sql.ErrNoRows) {
			return desk.Invalid("entityId", "The ticket to number is not here")
		} else if err != nil {
			return err
		}
		if cur.NumberStamp >= mc.st || cur.Number == p.Number {
			return nil // numbered since, by a newer numbering
		}
		// A hub restored from a backup may give this number to another
		// ticket than before: that one waits for its own new number.
		if err := mc.q.ReleaseTicketNumber(mc.ctx, dbsqlc.ReleaseTicketNumberParams{Number: p.Number, ID: mc.op.EntityID}); err != nil {
			return err
		}
		if cur.Number != 0 {
			if err := mc.q.InsertOldTicketNumber(mc.ctx, dbsqlc.InsertOldTicketNumberParams{Number: cur.Number, TicketID: mc.op.EntityID}); err != nil {
				return err
			}
		}
		if err := mc.q.SetTicketNumber(mc.ctx, dbsqlc.SetTicketNumberParams{Number: p.Number, NumberStamp: mc.st, ID: mc.op.EntityID}); err != nil {
			return err
		}
		return mc.reindex(mc.op.EntityID)
	},
})

// recordFieldWrite keeps the two newest writes of a ticket field.
func recordFieldWrite(mc *mergeCtx, p *ticketSet) error {
	if err := mc.q.InsertFieldWrite(mc.ctx, dbsqlc.InsertFieldWriteParams{
		TicketID: mc.op.EntityID, Field: p.Field, Stamp: mc.st, Seen: p.Seen, Shown: p.To,
		ActorID: mc.op.ActorID, At: mc.at,
	}); err != nil {
		return err
	}
	return mc.q.TrimFieldWrites(mc.ctx, dbsqlc.TrimFieldWritesParams{TicketID: mc.op.EntityID, Field: p.Field})
}

// ticketConflicts finds the fields of a ticket whose newest write did not
// see the one before it: edits made on two machines at once.
func ticketConflicts(ctx context.Context, q *dbsqlc.Queries, id string) ([]desk.FieldConflict, error) {
	rows, err := q.ListFieldWrites(ctx, id)
	if err != nil {
		return nil, err
	}
	out := []desk.FieldConflict{}
	for i := 0; i+1 < len(rows); i++ {
		top, other := rows[i], rows[i+1] // newest first within a field
		if top.Field != other.Field {
			continue
		}
		if top.Seen != "" && top.Seen != other.Stamp {
			out = append(out, desk.FieldConflict{Field: top.Field, Other: other.Shown,
				By: desk.UserRef{ID: other.ActorID, Name: other.ActorName}, At: rfc3339(other.At)})
		}
		i++
	}
	return out, nil
}

// setField changes one scalar field of t, noting which write of it the
// author saw.
func (m *mutation) setField(t dbsqlc.GetTicketRow, p ticketSet) (desk.Op, error) {
	p.Seen = map[string]string{
		"status": t.StatusStamp, "priority": t.PriorityStamp, "contact": t.ContactStamp,
		"mobile": t.MobileStamp, "source": t.SourceStamp, "description": t.DescriptionStamp,
	}[p.Field]
	return emit(m, kTicketSet, t.ID, p)
}

// ticketColumns is the row shape of the queue and of every ticket summary.
const ticketColumns = `t.id, t.number, t.status, t.priority, t.contact_id, c.name, c.kind, t.mobile,
	coalesce(t.source_id, ''), coalesce(s.name, ''), t.created_at, t.updated_at`

const ticketJoins = `FROM tickets t` + ticketJoinsAfter

// ticketJoinsAfter joins a ticket t to its contact and source.
const ticketJoinsAfter = `
	JOIN contacts c ON c.id = t.contact_id
	LEFT JOIN catalog_items s ON s.id = t.source_id`

func scanSummary(rows *sql.Rows) (desk.TicketSummary, error) {
	var t desk.TicketSummary
	var created, updated int64
	err := rows.Scan(&t.ID, &t.Number, &t.Status, &t.Priority, &t.ContactID, &t.ContactName, &t.ContactKind,
		&t.Mobile, &t.SourceID, &t.SourceName, &created, &updated)
	t.CreatedAt, t.UpdatedAt = rfc3339(created), rfc3339(updated)
	return t, err
}

func checkFilter(f *desk.TicketFilter) error {
	if err := f.CheckLists(); err != nil {
		return err
	}
	if f.View == "" {
		f.View = desk.ViewAll
	}
	if f.View != desk.ViewAll && f.View != desk.ViewMine {
		return desk.Invalid("view", "unknown view %q", f.View)
	}
	if f.Sort == "" {
		f.Sort = desk.SortUpdated
	}
	if f.Sort != desk.SortUpdated && f.Sort != desk.SortCreated && f.Sort != desk.SortNextDue {
		return desk.Invalid("sort", "unknown sort %q", f.Sort)
	}
	for _, s := range f.Statuses {
		if !desk.Status(s).Valid() {
			return desk.Invalid("statuses", "unknown status %q", s)
		}
	}
	if f.SLA != "" && f.SLA != desk.SLABreachingSoon && f.SLA != desk.SLABreached {
		return desk.Invalid("sla", "unknown SLA filter %q", f.SLA)
	}
	for _, p := range f.Priorities {
		if !desk.Priority(p).Valid() {
			return desk.Invalid("priorities", "unknown priority %q", p)
		}
	}
	if _, _, err := createdRange(*f); err != nil {
		return err
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 50
	}
	if f.Offset < 0 {
		f.Offset = 0
	}
	return nil
}

// ListTickets returns one page of the queue as userID sees it, with the size
// of the view and of both views under the same filters.
func (s *Store) ListTickets(ctx context.Context, userID string, f desk.TicketFilter) (desk.TicketPage, error) {
	if err := checkFilter(&f); err != nil {
		return desk.TicketPage{}, err
	}
	page := desk.TicketPage{Rows: []desk.TicketSummary{}}
	now := s.clock.Now()
	err := s.readTx(ctx, func(q *dbsqlc.Queries, tx *sql.Tx) error {
		var err error
		if page.Counts.Mine, err = countQueue(ctx, tx, f, userID, desk.ViewMine, now.UnixMilli()); err != nil {
			return err
		}
		if page.Counts.All, err = countQueue(ctx, tx, f, userID, desk.ViewAll, now.UnixMilli()); err != nil {
			return err
		}
		page.Total = page.Counts.All
		if f.View == desk.ViewMine {
			page.Total = page.Counts.Mine
		}
		qs := buildQueue(f, userID, f.View, now.UnixMilli())
		rows, err := tx.QueryContext(ctx, "SELECT "+ticketColumns+" "+qs.from+ticketJoinsAfter+qs.where+qs.order+" LIMIT ? OFFSET ?",
			append(qs.args, f.Limit, f.Offset)...)
		if err != nil {
			return fmt.Errorf("list tickets: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			t, err := scanSummary(rows)
			if err != nil {
				return err
			}
			page.Rows = append(page.Rows, t)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if err := fillSets(ctx, q, page.Rows); err != nil {
			return err
		}
		return fillSLA(ctx, q, page.Rows, now)
	})
	return page, err
}

// fillSets loads the subjects and assignees of the given tickets.
func fillSets(ctx context.Context, q *dbsqlc.Queries, ts []desk.TicketSummary) error {
	if len(ts) == 0 {
		return nil
	}
	ids := make([]string, len(ts))
	idx := make(map[string]int, len(ts))
	for i := range ts {
		ids[i] = ts[i].ID
		idx[ts[i].ID] = i
		ts[i].Subjects = []desk.CatalogItem{}
		ts[i].Assignees = []desk.UserRef{}
	}
	subjects, err := q.ListSubjectsOfTickets(ctx, ids)
	if err != nil {
		return fmt.Errorf("ticket subjects: %w", err)
	}
	for _, r := range subjects {
		t := &ts[idx[r.TicketID]]
		t.Subjects = append(t.Subjects, desk.CatalogItem{ID: r.ID, Name: r.Name, Active: r.Active == 1})
	}
	assignees, err := q.ListAssigneesOfTickets(ctx, ids)
	if err != nil {
		return fmt.Errorf("ticket assignees: %w", err)
	}
	for _, r := range assignees {
		t := &ts[idx[r.TicketID]]
		t.Assignees = append(t.Assignees, desk.UserRef{ID: r.ID, Name: r.Name})
	}
	return nil
}

func (s *Store) ticketsOfContact(ctx context.Context, contactID string, limit int) ([]desk.TicketSummary, error) {
	out := []desk.TicketSummary{}
	err := s.readTx(ctx, func(q *dbsqlc.Queries, tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT "+ticketColumns+" "+ticketJoins+
			" WHERE t.contact_id = ? ORDER BY t.updated_at DESC LIMIT ?", contactID, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			t, err := scanSummary(rows)
			if err != nil {
				return err
			}
			out = append(out, t)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return fillSets(ctx, q, out)
	})
	return out, err
}

// GetTicket returns everything the ticket screen shows. Returns ENOTFOUND for
// an unknown id.
func (s *Store) GetTicket(ctx context.Context, id string) (desk.TicketDetail, error) {
	var d desk.TicketDetail
	err := s.readTx(ctx, func(q *dbsqlc.Queries, tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT "+ticketColumns+" "+ticketJoins+" WHERE t.id = ?", id)
		if err != nil {
			return err
		}
		found := rows.Next()
		if found {
			d.Ticket, err = scanSummary(rows)
		}
		rows.Close()
		if err != nil {
			return err
		}
		if !found {
			return desk.NotFound("ticket")
		}
		one := []desk.TicketSummary{d.Ticket}
		if err := fillSets(ctx, q, one); err != nil {
			return err
		}
		d.Ticket = one[0]
		t, err := q.GetTicket(ctx, id)
		if err != nil {
			return err
		}
		d.Description = t.Description
		creator, err := q.GetUser(ctx, t.CreatedBy)
		if err != nil {
			return fmt.Errorf("ticket creator: %w", err)
		}
		d.CreatedBy = desk.UserRef{ID: creator.ID, Name: creator.Name}
		c, err := q.GetContact(ctx, t.ContactID)
		if err != nil {
			return fmt.Errorf("ticket contact: %w", err)
		}
		d.Contact = contactFromRow(c)
		acts, err := q.ListActivities(ctx, id)
		if err != nil {
			return err
		}
		d.Activity = make([]desk.Activity, len(acts))
		for i, a := range acts {
			d.Activity[i] = desk.Activity{
				ID: a.ID, Kind: a.Kind, Actor: desk.UserRef{ID: a.ActorID, Name: a.ActorName},
				Body: a.Body, From: a.FromValue, To: a.ToValue, CreatedAt: rfc3339(a.CreatedAt),
			}
			if a.Kind == desk.ActNote {
				d.Activity[i].Channel = a.Value
			}
		}
		if d.Attachments, err = listAttachments(ctx, q, id); err != nil {
			return err
		}
		if d.Conflicts, err = ticketConflicts(ctx, q, id); err != nil {
			return err
		}
		if err := ticketSOP(ctx, tx, &d, acts, s.clock.Now()); err != nil {
			return err
		}
		d.SLA, err = ticketSLA(ctx, q, id, s.clock.Now())
		if err != nil {
			return err
		}
		if d.SLA != nil {
			r := []desk.TicketSummary{d.Ticket}
			if err := fillSLA(ctx, q, r, s.clock.Now()); err != nil {
				return err
			}
			d.Ticket.SLA = r[0].SLA
		}
		return nil
	})
	if err != nil {
		return d, err
	}
	others, err := s.ticketsOfContact(ctx, d.Ticket.ContactID, 21)
	if err != nil {
		return d, err
	}
	d.OtherTickets = []desk.TicketSummary{}
	for _, o := range others {
		if o.ID != id && len(d.OtherTickets) < 20 {
			d.OtherTickets = append(d.OtherTickets, o)
		}
	}
	return d, nil
}

// TicketIDByNumber finds a ticket by its number, or by a number it had
// before (a provisional one, or one a restored hub gave it). Returns ENOTFOUND.
func (s *Store) TicketIDByNumber(ctx context.Context, number int64) (string, error) {
	id, err := s.read().GetTicketIDByNumber(ctx, number)
	return id, notFound(err, "ticket "+desk.TicketLabel(number))
}

// ticketNumber returns the number of a new ticket: the next local number on
// a desk of its own, a provisional one on a desk in a team (the hub numbers
// it when it gets it).
func (m *mutation) ticketNumber() (int64, error) {
	team, err := m.teamMode()
	if err != nil {
		return 0, err
	}
	if team {
		return m.nextProvisional()
	}
	last, err := m.q.MaxTicketNumber(m.ctx)
	return last + 1, err
}

// activeCatalogItem loads an active subject or source by id for a new link.
// Returns EINVALID on field for an unknown, deactivated or wrong-kind id.
func (m *mutation) activeCatalogItem(field, kind, id string) (dbsqlc.CatalogItem, error) {
	what := "subject"
	if kind == desk.CatalogSource {
		what = "source"
	}
	c, err := m.q.GetCatalogItem(m.ctx, id)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && c.Kind != kind) {
		return c, desk.Invalid(field, "Unknown %s", what)
	}
	if err != nil {
		return c, err
	}
	if c.Active == 0 {
		return c, desk.Invalid(field, "The %s %s is deactivated; choose another", what, c.Name)
	}
	return c, nil
}

// CreateTicket validates the create form and creates the ticket: status Open,
// assigned to its creator, numbered with the next local number. Returns
// EINVALID naming the field for a missing or unknown subject, a missing or
// unknown customer or lead, a bad mobile number, an unknown source, an unknown
// priority or a description over its limit.
func (s *Store) CreateTicket(ctx context.Context, actorID string, in desk.NewTicket) (string, error) {
	if len(in.SubjectIDs) == 0 {
		return "", desk.Invalid("subjectIds", "Choose at least one subject")
	}
	if strings.TrimSpace(in.ContactID) == "" {
		return "", desk.Invalid("contactId", "Link the ticket to a customer or lead")
	}
	mobile, err := desk.NormalizeMobile("mobile", in.Mobile)
	if err != nil {
		return "", err
	}
	description, err := desk.CleanText("description", "Description", in.Description, false)
	if err != nil {
		return "", err
	}
	priority := desk.Priority(in.Priority)
	if priority == "" {
		priority = desk.PriorityMedium
	}
	if !priority.Valid() {
		return "", desk.Invalid("priority", "Unknown priority %q", in.Priority)
	}
	id := newID()
	_, err = s.mutate(ctx, actorID, func(m *mutation) error {
		if _, err := m.actor(); err != nil {
			return err
		}
		var subjects []string
		seen := map[string]bool{}
		for _, sid := range in.SubjectIDs {
			if seen[sid] {
				continue
			}
			seen[sid] = true
			if _, err := m.activeCatalogItem("subjectIds", desk.CatalogSubject, sid); err != nil {
				return err
			}
			subjects = append(subjects, sid)
		}
		contact, err := m.q.GetContact(ctx, in.ContactID)
		if errors.Is(err, sql.ErrNoRows) {
			return desk.Invalid("contactId", "That customer or lead does not exist")
		} else if err != nil {
			return err
		}
		if in.SourceID != "" {
			if _, err := m.activeCatalogItem("sourceId", desk.CatalogSource, in.SourceID); err != nil {
				return err
			}
		}
		number, err := m.ticketNumber()
		if err != nil {
			return err
		}
		cfg, err := slaConfig(ctx, m.q)
		if err != nil {
			return err
		}
		terms := termsFor(cfg, sla.Facts{Priority: sla.Priority(priority), SubjectIDs: subjects, SourceID: in.SourceID, ContactKind: sla.ContactKind(contact.Kind)})
		_, err = emit(m, kTicketCreate, id, ticketCreate{
			Number: number, ContactID: in.ContactID, Mobile: mobile, SourceID: in.SourceID,
			Description: description, Priority: string(priority),
			SubjectIDs: subjects, AssigneeIDs: []string{actorID}, SLA: &terms,
		})
		return err
	})
	if err != nil {
		return "", err
	}
	return id, nil
}

// ticketMutation runs fn as a mutation of an existing ticket by an active user.
// Returns ENOTFOUND for an unknown ticket.
func (s *Store) ticketMutation(ctx context.Context, actorID, ticketID string, fn func(m *mutation, t dbsqlc.GetTicketRow) error) error {
	_, err := s.mutate(ctx, actorID, func(m *mutation) error {
		if _, err := m.actor(); err != nil {
			return err
		}
		t, err := m.q.GetTicket(ctx, ticketID)
		if err != nil {
			return notFound(err, "ticket")
		}
		return fn(m, t)
	})
	return err
}

// SetPriority changes a ticket's priority.
func (s *Store) SetPriority(ctx context.Context, actorID, ticketID, priority string) error {
	p := desk.Priority(priority)
	if !p.Valid() {
		return desk.Invalid("priority", "Unknown priority %q", priority)
	}
	return s.ticketMutation(ctx, actorID, ticketID, func(m *mutation, t dbsqlc.GetTicketRow) error {
		_, err := m.setPriority(t, p)
		return err
	})
}

// setPriority changes t's priority to p; it reports false when t already has it.
func (m *mutation) setPriority(t dbsqlc.GetTicketRow, p desk.Priority) (bool, error) {
	if desk.Priority(t.Priority) == p {
		return false, nil
	}
	_, err := m.setField(t, ticketSet{
		Field: "priority", Value: string(p), From: desk.Priority(t.Priority).Label(), To: p.Label()})
	return err == nil, err
}

// AddNote adds a note to a ticket's feed. A channel (call, whatsapp, email,
// in_person) marks it as a communication with the customer, which meets the
// first-response clock; "" is an internal note. Returns EINVALID for an empty
// note, one over the limit or an unknown channel.
func (s *Store) AddNote(ctx context.Context, actorID, ticketID, body, channel string) error {
	body, err := desk.CleanText("note", "Note", body, true)
	if err != nil {
		return err
	}
	if !desk.ValidNoteChannel(channel) {
		return desk.Invalid("channel", "Unknown channel %q", channel)
	}
	return s.ticketMutation(ctx, actorID, ticketID, func(m *mutation, _ dbsqlc.GetTicketRow) error {
		return m.addNote(ticketID, body, channel)
	})
}

// addNote adds a checked note to a ticket's feed, with its @mentions.
func (m *mutation) addNote(ticketID, body, channel string) error {
	users, err := m.q.ListUsers(m.ctx)
	if err != nil {
		return err
	}
	_, err = emit(m, kNote, ticketID, note{Body: body, Mentions: findMentions(body, users), Channel: channel})
	return err
}

// AddSubject adds an active subject to a ticket (no change if it is there).
func (s *Store) AddSubject(ctx context.Context, actorID, ticketID, subjectID string) error {
	return s.ticketMutation(ctx, actorID, ticketID, func(m *mutation, _ dbsqlc.GetTicketRow) error {
		_, err := m.addSubject(ticketID, subjectID)
		return err
	})
}

// addSubject adds an active subject to a ticket; it reports false when the
// ticket already has it.
func (m *mutation) addSubject(ticketID, subjectID string) (bool, error) {
	c, err := m.activeCatalogItem("subjectId", desk.CatalogSubject, subjectID)
	if err != nil {
		return false, err
	}
	tags, err := m.q.ListTicketSubjectTags(m.ctx, dbsqlc.ListTicketSubjectTagsParams{TicketID: ticketID, SubjectID: subjectID})
	if err != nil || len(tags) > 0 {
		return false, err
	}
	_, err = emit(m, kSubjectAdd, ticketID, setMember{MemberID: subjectID, Name: c.Name})
	return err == nil, err
}

// RemoveSubject removes a subject from a ticket. Returns EINVALID when it is
// the ticket's last subject.
func (s *Store) RemoveSubject(ctx context.Context, actorID, ticketID, subjectID string) error {
	return s.ticketMutation(ctx, actorID, ticketID, func(m *mutation, _ dbsqlc.GetTicketRow) error {
		tags, err := m.q.ListTicketSubjectTags(ctx, dbsqlc.ListTicketSubjectTagsParams{TicketID: ticketID, SubjectID: subjectID})
		if err != nil || len(tags) == 0 {
			return err
		}
		all, err := m.q.ListSubjectsOfTickets(ctx, []string{ticketID})
		if err != nil {
			return err
		}
		if len(all) <= 1 {
			return desk.Invalid("subjectId", "A ticket needs at least one subject; add another before removing this one")
		}
		c, err := m.q.GetCatalogItem(ctx, subjectID)
		if err != nil {
			return err
		}
		_, err = emit(m, kSubjectRemove, ticketID, setMember{MemberID: subjectID, Name: c.Name, Tags: tags})
		return err
	})
}

// AddAssignees adds active users to a ticket's assignees; those already
// assigned are left as they are. Returns EINVALID for an unknown or
// deactivated user.
func (s *Store) AddAssignees(ctx context.Context, actorID, ticketID string, userIDs []string) error {
	if len(userIDs) == 0 {
		return desk.Invalid("userIds", "Choose someone to assign")
	}
	return s.ticketMutation(ctx, actorID, ticketID, func(m *mutation, _ dbsqlc.GetTicketRow) error {
		_, err := m.addAssignees(ticketID, userIDs)
		return err
	})
}

// addAssignees adds active users to a ticket's assignees and returns how many
// were not assigned already. Returns EINVALID for an unknown or deactivated user.
func (m *mutation) addAssignees(ticketID string, userIDs []string) (int, error) {
	added := 0
	for _, uid := range userIDs {
		u, err := m.q.GetUser(m.ctx, uid)
		if errors.Is(err, sql.ErrNoRows) {
			return added, desk.Invalid("userIds", "Unknown user")
		} else if err != nil {
			return added, err
		}
		if u.Active == 0 {
			return added, desk.Invalid("userIds", "%s is deactivated", u.Name)
		}
		tags, err := m.q.ListTicketAssigneeTags(m.ctx, dbsqlc.ListTicketAssigneeTagsParams{TicketID: ticketID, UserID: uid})
		if err != nil {
			return added, err
		}
		if len(tags) > 0 {
			continue
		}
		if _, err := emit(m, kAssigneeAdd, ticketID, setMember{MemberID: uid, Name: u.Name}); err != nil {
			return added, err
		}
		added++
	}
	return added, nil
}

// RemoveAssignee takes a user off a ticket (no change if not assigned).
func (s *Store) RemoveAssignee(ctx context.Context, actorID, ticketID, userID string) error {
	return s.ticketMutation(ctx, actorID, ticketID, func(m *mutation, _ dbsqlc.GetTicketRow) error {
		_, err := m.removeAssignee(ticketID, userID)
		return err
	})
}

// removeAssignee takes a user off a ticket; it reports false when the user
// was not assigned.
func (m *mutation) removeAssignee(ticketID, userID string) (bool, error) {
	tags, err := m.q.ListTicketAssigneeTags(m.ctx, dbsqlc.ListTicketAssigneeTagsParams{TicketID: ticketID, UserID: userID})
	if err != nil || len(tags) == 0 {
		return false, err
	}
	u, err := m.q.GetUser(m.ctx, userID)
	if err != nil {
		return false, err
	}
	_, err = emit(m, kAssigneeRemove, ticketID, setMember{MemberID: userID, Name: u.Name, Tags: tags})
	return err == nil, err
}

// LinkContact links a ticket to another customer or lead; the ticket's mobile
// number fills in from the record. Returns EINVALID for an unknown record.
func (s *Store) LinkContact(ctx context.Context, actorID, ticketID, contactID string) error {
	return s.ticketMutation(ctx, actorID, ticketID, func(m *mutation, t dbsqlc.GetTicketRow) error {
		c, err := m.q.GetContact(ctx, contactID)
		if errors.Is(err, sql.ErrNoRows) {
			return desk.Invalid("contactId", "That customer or lead does not exist")
		} else if err != nil {
			return err
		}
		if t.ContactID != contactID {
			if _, err := m.setField(t, ticketSet{
				Field: "contact", Value: contactID, From: t.ContactName, To: c.Name}); err != nil {
				return err
			}
		}
		if t.Mobile != c.Mobile {
			_, err = m.setField(t, ticketSet{Field: "mobile", Value: c.Mobile, From: t.Mobile, To: c.Mobile})
		}
		return err
	})
}

// EditTicket changes the mobile number, source and description of a ticket;
// values equal to the current ones make no change.
func (s *Store) EditTicket(ctx context.Context, actorID, ticketID string, in desk.TicketEdit) error {
	mobile, err := desk.NormalizeMobile("mobile", in.Mobile)
	if err != nil {
		return err
	}
	description, err := desk.CleanText("description", "Description", in.Description, false)
	if err != nil {
		return err
	}
	return s.ticketMutation(ctx, actorID, ticketID, func(m *mutation, t dbsqlc.GetTicketRow) error {
		if mobile != t.Mobile {
			if _, err := m.setField(t, ticketSet{Field: "mobile", Value: mobile, From: t.Mobile, To: mobile}); err != nil {
				return err
			}
		}
		if in.SourceID != t.SourceID.String {
			to := "none"
			if in.SourceID != "" {
				c, err := m.activeCatalogItem("sourceId", desk.CatalogSource, in.SourceID)
				if err != nil {
					return err
				}
				to = c.Name
			}
			from := t.SourceName
			if from == "" {
				from = "none"
			}
			if _, err := m.setField(t, ticketSet{Field: "source", Value: in.SourceID, From: from, To: to}); err != nil {
				return err
			}
		}
		if description != t.Description {
			if _, err := m.setField(t, ticketSet{Field: "description", Value: description, To: description}); err != nil {
				return err
			}
		}
		return nil
	})
}
