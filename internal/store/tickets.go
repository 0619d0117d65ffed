package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
	"deskline/internal/sla"
)

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
		}
		if d.Attachments, err = listAttachments(ctx, q, id); err != nil {
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

// TicketIDByNumber finds a ticket by its human number. Returns ENOTFOUND.
func (s *Store) TicketIDByNumber(ctx context.Context, number int64) (string, error) {
	id, err := s.read().GetTicketIDByNumber(ctx, number)
	return id, notFound(err, fmt.Sprintf("ticket #%d", number))
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
		last, err := m.q.MaxTicketNumber(ctx)
		if err != nil {
			return err
		}
		cfg, err := slaConfig(ctx, m.q)
		if err != nil {
			return err
		}
		terms := termsFor(cfg, sla.Facts{Priority: sla.Priority(priority), SubjectIDs: subjects, SourceID: in.SourceID, ContactKind: sla.ContactKind(contact.Kind)})
		_, err = m.emit(OpTicketCreate, id, ticketCreate{
			Number: last + 1, ContactID: in.ContactID, Mobile: mobile, SourceID: in.SourceID,
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

// SetStatus moves a ticket to status following the resolving SOP: for
// Resolved, noteText is the resolution summary; closing this way is refused
// (EINVALID on customerConfirmed), use ChangeStatus with the confirmation.
// Setting the status it already has only adds the note.
func (s *Store) SetStatus(ctx context.Context, actorID, ticketID, status, noteText string) error {
	ch := desk.StatusChange{Status: status, Note: noteText}
	if desk.Status(status) == desk.StatusResolved {
		ch = desk.StatusChange{Status: status, Resolution: noteText}
	}
	return s.ChangeStatus(ctx, actorID, ticketID, ch)
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
	_, err := m.emit(OpTicketSet, t.ID, ticketSet{
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
	_, err = m.emit(OpNote, ticketID, note{Body: body, Mentions: findMentions(body, users), Channel: channel})
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
	_, err = m.emit(OpSubjectAdd, ticketID, setMember{MemberID: subjectID, Name: c.Name})
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
		_, err = m.emit(OpSubjectRemove, ticketID, setMember{MemberID: subjectID, Name: c.Name, Tags: tags})
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
		if _, err := m.emit(OpAssigneeAdd, ticketID, setMember{MemberID: uid, Name: u.Name}); err != nil {
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
	_, err = m.emit(OpAssigneeRemove, ticketID, setMember{MemberID: userID, Name: u.Name, Tags: tags})
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
			if _, err := m.emit(OpTicketSet, ticketID, ticketSet{
				Field: "contact", Value: contactID, From: t.ContactName, To: c.Name}); err != nil {
				return err
			}
		}
		if t.Mobile != c.Mobile {
			_, err = m.emit(OpTicketSet, ticketID, ticketSet{Field: "mobile", Value: c.Mobile, From: t.Mobile, To: c.Mobile})
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
			if _, err := m.emit(OpTicketSet, ticketID, ticketSet{Field: "mobile", Value: mobile, From: t.Mobile, To: mobile}); err != nil {
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
			if _, err := m.emit(OpTicketSet, ticketID, ticketSet{Field: "source", Value: in.SourceID, From: from, To: to}); err != nil {
				return err
			}
		}
		if description != t.Description {
			if _, err := m.emit(OpTicketSet, ticketID, ticketSet{Field: "description", Value: description, To: description}); err != nil {
				return err
			}
		}
		return nil
	})
}
