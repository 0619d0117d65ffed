package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// OpContactMerge merges a customer or lead (the entity) into another: its
// tickets, with their notes and history, move to the record that survives,
// each ticket's feed saying so, and the merged record no longer shows in
// searches. Admins make it, to join two records of one person.
const OpContactMerge = "contact.merge"

type contactMerge struct {
	IntoID string `json:"intoId"`
	// The two records' names as the author saw them, for the feed and audit.
	Name     string `json:"name"`
	IntoName string `json:"intoName"`
}

var kContactMerge = defineKind(opKind[contactMerge]{
	name: OpContactMerge, what: "merge customers and leads", roles: desk.RolesFor(desk.ActMergeContacts),
	check: func(p *contactMerge) error {
		if err := checkUUID("intoId", p.IntoID); err != nil {
			return err
		}
		if err := cleanShort("name", &p.Name); err != nil {
			return err
		}
		return cleanShort("intoName", &p.IntoName)
	},
	merge: mergeContacts,
})

// mergeContacts merges the operation's record into p.IntoID. Records are
// joined as groups: a record merged before stands for the record it was
// merged into. Two merges made at once on two machines that clash (one pair
// merged in opposite directions, or one record merged into two others) join
// everything they name and keep the record with the smallest id standing,
// whichever arrives first, so every desk ends up with the same survivor.
func mergeContacts(mc *mergeCtx, p *contactMerge) error {
	q, loser := mc.q, mc.op.EntityID
	if loser == p.IntoID {
		return desk.Invalid("intoId", "A record cannot be merged into itself")
	}
	for _, id := range []string{loser, p.IntoID} {
		if _, err := q.GetContact(mc.ctx, id); errors.Is(err, sql.ErrNoRows) {
			return desk.Invalid("entityId", "The customer or lead to merge is not here")
		} else if err != nil {
			return err
		}
	}
	e1, err := standingContact(mc.ctx, q, loser)
	if err != nil {
		return err
	}
	e2, err := standingContact(mc.ctx, q, p.IntoID)
	if err != nil {
		return err
	}
	if e1 == loser && e2 != loser {
		return standAs(mc, e2, loser)
	}
	survivor := min(e1, e2, p.IntoID)
	return standAs(mc, survivor, e1, e2, p.IntoID)
}

// standingContact follows a record's merges to the record still standing
// that holds its tickets now.
func standingContact(ctx context.Context, q *dbsqlc.Queries, id string) (string, error) {
	seen := map[string]bool{}
	for !seen[id] {
		seen[id] = true
		c, err := q.GetContact(ctx, id)
		if errors.Is(err, sql.ErrNoRows) {
			return id, nil
		} else if err != nil {
			return "", err
		}
		if c.MergedInto == "" {
			return id, nil
		}
		id = c.MergedInto
	}
	return id, nil // a loop cannot be made (mergeContacts breaks them); stop anyway
}

// standAs makes survivor stand on its own and merges each of others into it,
// moving their tickets.
func standAs(mc *mergeCtx, survivor string, others ...string) error {
	q := mc.q
	into, err := q.GetContact(mc.ctx, survivor)
	if err != nil {
		return err
	}
	if into.MergedInto != "" {
		if err := q.SetContactMergedInto(mc.ctx, dbsqlc.SetContactMergedIntoParams{MergedInto: "", UpdatedAt: mc.at, ID: survivor}); err != nil {
			return err
		}
	}
	done := map[string]bool{survivor: true}
	for _, id := range others {
		if done[id] {
			continue
		}
		done[id] = true
		from, err := q.GetContact(mc.ctx, id)
		if err != nil {
			return err
		}
		if err := q.SetContactMergedInto(mc.ctx, dbsqlc.SetContactMergedIntoParams{MergedInto: survivor, UpdatedAt: mc.at, ID: id}); err != nil {
			return err
		}
		tickets, err := q.ListTicketIDsOfContact(mc.ctx, id)
		if err != nil {
			return err
		}
		for _, t := range tickets {
			if err := moveTicket(mc, t, from, into); err != nil {
				return err
			}
		}
	}
	return nil
}

// moveTicket moves one ticket from a merged record to the survivor and
// writes the move in the ticket's feed.
func moveTicket(mc *mergeCtx, ticketID string, from, into dbsqlc.Contact) error {
	q := mc.q
	if err := q.MoveTicketContact(mc.ctx, dbsqlc.MoveTicketContactParams{IntoID: into.ID, ID: ticketID}); err != nil {
		return fmt.Errorf("move ticket: %w", err)
	}
	if err := q.InsertActivity(mc.ctx, dbsqlc.InsertActivityParams{
		ID: tagOf(mc.op, ticketID), TicketID: ticketID, ActorID: mc.op.ActorID, Kind: desk.ActContact,
		Body:      fmt.Sprintf("Duplicate records merged: %s (%s) into %s (%s)", from.Name, from.Mobile, into.Name, into.Mobile),
		FromValue: from.Name, ToValue: into.Name, CreatedAt: mc.at, Hlc: mc.op.HLC,
	}); err != nil {
		return fmt.Errorf("write activity: %w", err)
	}
	if err := syncQueue(mc.ctx, mc.tx, ticketID); err != nil {
		return err
	}
	return reindexTicket(mc.ctx, mc.tx, ticketID)
}

// redirectMerged moves a ticket just linked to a merged record on to the
// record that took that one's tickets: a link made on a machine that had
// not seen the merge yet.
func redirectMerged(mc *mergeCtx, ticketID string) error {
	var contactID string
	if err := mc.tx.QueryRowContext(mc.ctx, "SELECT contact_id FROM tickets WHERE id = ?", ticketID).Scan(&contactID); err != nil {
		return fmt.Errorf("ticket's customer: %w", err)
	}
	standing, err := standingContact(mc.ctx, mc.q, contactID)
	if err != nil || standing == contactID {
		return err
	}
	return mc.q.MoveTicketContact(mc.ctx, dbsqlc.MoveTicketContactParams{IntoID: standing, ID: ticketID})
}

// MergeContacts merges the record id into intoID: its tickets, with their
// notes and history, move to intoID, and id no longer shows in searches.
// Admins only. Returns ENOTFOUND for an unknown id, EINVALID when both are
// one record and ECONFLICT when either was merged already.
func (s *Store) MergeContacts(ctx context.Context, actorID, id, intoID string) (desk.Contact, error) {
	if id == intoID {
		return desk.Contact{}, desk.Invalid("intoId", "Choose two different records to merge")
	}
	_, err := s.mutate(ctx, actorID, func(m *mutation) error {
		from, err := m.q.GetContact(ctx, id)
		if err != nil {
			return notFound(err, "customer or lead")
		}
		into, err := m.q.GetContact(ctx, intoID)
		if err != nil {
			return notFound(err, "customer or lead")
		}
		for _, c := range []dbsqlc.Contact{from, into} {
			if c.MergedInto != "" {
				return desk.Errorf(desk.ECONFLICT, "%s was already merged into another record", c.Name)
			}
		}
		_, err = emit(m, kContactMerge, id, contactMerge{IntoID: intoID, Name: from.Name, IntoName: into.Name})
		return err
	})
	if err != nil {
		return desk.Contact{}, err
	}
	c, err := s.read().GetContact(ctx, intoID)
	return contactFromRow(c), err
}

// ContactsWithMobile lists the records still standing whose normalised mobile
// number is the one given, oldest first, leaving out exceptID (the record
// being edited). Returns EINVALID on "mobile" for a number that is not one.
func (s *Store) ContactsWithMobile(ctx context.Context, mobile, exceptID string) ([]desk.Contact, error) {
	m, err := desk.NormalizeMobile("mobile", mobile)
	if err != nil {
		return nil, err
	}
	rows, err := s.read().ListContactsWithMobile(ctx, dbsqlc.ListContactsWithMobileParams{Mobile: m, ExceptID: exceptID})
	return contactsFromRows(rows), err
}

// maxDuplicateGroups is how many numbers the possible-duplicates list shows.
const maxDuplicateGroups = 100

// ListDuplicates lists the possible duplicates: mobile numbers carried by more
// than one record still standing, most records first.
func (s *Store) ListDuplicates(ctx context.Context) ([]desk.DuplicateGroup, error) {
	out := []desk.DuplicateGroup{}
	err := s.readTx(ctx, func(q *dbsqlc.Queries, _ *sql.Tx) error {
		mobiles, err := q.ListDuplicateMobiles(ctx, maxDuplicateGroups)
		if err != nil {
			return err
		}
		for _, m := range mobiles {
			rows, err := q.ListContactsWithMobile(ctx, dbsqlc.ListContactsWithMobileParams{Mobile: m.Mobile})
			if err != nil {
				return err
			}
			if len(rows) > 1 {
				out = append(out, desk.DuplicateGroup{Mobile: m.Mobile, Contacts: contactsFromRows(rows)})
			}
		}
		return nil
	})
	return out, err
}

// duplicateError is the refusal of a record whose number is on file already.
func duplicateError(same []dbsqlc.Contact) error {
	c := same[0]
	what := "customer"
	if c.Kind == string(desk.KindLead) {
		what = "lead"
	}
	if len(same) > 1 {
		return &desk.Error{Code: desk.ECONFLICT, Field: "mobile",
			Message: fmt.Sprintf("%d records already have this mobile number (%s and others): use one of them, or save a new record anyway", len(same), c.Name)}
	}
	return &desk.Error{Code: desk.ECONFLICT, Field: "mobile",
		Message: fmt.Sprintf("The %s %s already has this mobile number: use that record, or save a new one anyway", what, c.Name)}
}
