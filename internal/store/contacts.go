package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// OpContactSave creates or changes a customer or lead (last writer wins).
const OpContactSave = "contact.save"

type contactSave struct {
	Kind       string `json:"kind"`
	Name       string `json:"name"`
	Mobile     string `json:"mobile"`
	Email      string `json:"email"`
	LeadStatus string `json:"leadStatus"`
}

var kContactSave = defineKind(opKind[contactSave]{
	name: OpContactSave, what: "change customers and leads", roles: everyone,
	check: func(p *contactSave) error {
		c, err := checkContact(desk.ContactInput{Kind: p.Kind, Name: p.Name, Mobile: p.Mobile, Email: p.Email, LeadStatus: p.LeadStatus})
		*p = c
		return err
	},
	merge: func(mc *mergeCtx, p *contactSave) error {
		q, id := mc.q, mc.op.EntityID
		before, err := q.GetContact(mc.ctx, id)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		existed := err == nil // a new record has no tickets to index again
		if err := q.UpsertContact(mc.ctx, dbsqlc.UpsertContactParams{
			ID: id, Kind: p.Kind, Name: p.Name, NameKey: desk.NameKey(p.Name), Mobile: p.Mobile,
			Email: p.Email, LeadStatus: p.LeadStatus, CreatedAt: mc.at, UpdatedAt: mc.at, Stamp: mc.st,
		}); err != nil {
			return err
		}
		after, err := q.GetContact(mc.ctx, id)
		if err != nil {
			return err
		}
		if existed && (before.Name != after.Name || before.Mobile != after.Mobile) {
			return reindexContactTickets(mc.ctx, mc.tx, id) // its tickets are found by the new name
		}
		return nil
	},
})

func contactFromRow(c dbsqlc.Contact) desk.Contact {
	return desk.Contact{
		ID: c.ID, Kind: desk.ContactKind(c.Kind), Name: c.Name, Mobile: c.Mobile, Email: c.Email,
		LeadStatus: c.LeadStatus, CreatedAt: rfc3339(c.CreatedAt), UpdatedAt: rfc3339(c.UpdatedAt),
	}
}

// prefixEnd returns the smallest string greater than every string that starts
// with prefix, for an index range scan.
func prefixEnd(prefix string) string {
	b := []byte(prefix)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 0xff {
			b[i]++
			return string(b[:i+1])
		}
	}
	return "\xff"
}

// SearchContacts finds customers and leads (kind "" for both) whose name or
// mobile number matches text: indexed prefix matches first (by number when the
// text looks like one, else by name), then matches anywhere in the name or the
// number. Empty text lists the most recently changed.
func (s *Store) SearchContacts(ctx context.Context, kind, text string, limit int) ([]desk.Contact, error) {
	if kind != "" && !desk.ContactKind(kind).Valid() {
		return nil, desk.Invalid("kind", "unknown kind %q", kind)
	}
	if limit <= 0 || limit > 100 {
		limit = 20
	}
	q := s.read()
	text = strings.TrimSpace(text)
	if text == "" {
		rows, err := q.ListRecentContacts(ctx, dbsqlc.ListRecentContactsParams{Kind: kind, Lim: int64(limit)})
		return contactsFromRows(rows), err
	}
	digits := desk.DigitsOf(text)
	looksLikeNumber := digits != "" && strings.Trim(text, "0123456789+-() .") == ""
	var rows []dbsqlc.Contact
	var err error
	if looksLikeNumber {
		rows, err = q.ListContactsByMobilePrefix(ctx, dbsqlc.ListContactsByMobilePrefixParams{
			Prefix: digits, PrefixEnd: prefixEnd(digits), Kind: kind, Lim: int64(limit)})
	} else {
		key := desk.NameKey(text)
		rows, err = q.ListContactsByNamePrefix(ctx, dbsqlc.ListContactsByNamePrefixParams{
			Prefix: key, PrefixEnd: prefixEnd(key), Kind: kind, Lim: int64(limit)})
		digits = ""
	}
	if err != nil {
		return nil, err
	}
	if len(rows) < limit {
		more, err := q.ListContactsContaining(ctx, dbsqlc.ListContactsContainingParams{
			Text: desk.NameKey(text), Digits: digits, Kind: kind, Lim: int64(limit)})
		if err != nil {
			return nil, err
		}
		seen := make(map[string]bool, len(rows))
		for _, r := range rows {
			seen[r.ID] = true
		}
		for _, r := range more {
			if len(rows) == limit {
				break
			}
			if !seen[r.ID] {
				rows = append(rows, r)
			}
		}
	}
	return contactsFromRows(rows), nil
}

func contactsFromRows(rows []dbsqlc.Contact) []desk.Contact {
	out := make([]desk.Contact, len(rows))
	for i, r := range rows {
		out[i] = contactFromRow(r)
	}
	return out
}

// GetContact returns a contact with its tickets, newest first. Returns
// ENOTFOUND for an unknown id.
func (s *Store) GetContact(ctx context.Context, id string) (desk.ContactDetail, error) {
	c, err := s.read().GetContact(ctx, id)
	if err != nil {
		return desk.ContactDetail{}, notFound(err, "customer or lead")
	}
	tickets, err := s.ticketsOfContact(ctx, id, 200)
	if err != nil {
		return desk.ContactDetail{}, err
	}
	return desk.ContactDetail{Contact: contactFromRow(c), Tickets: tickets}, nil
}

// checkContact validates and normalises a contact form.
func checkContact(in desk.ContactInput) (contactSave, error) {
	var p contactSave
	if !desk.ContactKind(in.Kind).Valid() {
		return p, desk.Invalid("kind", "Choose Customer or Lead")
	}
	name, err := desk.CleanName("name", "Name", in.Name)
	if err != nil {
		return p, err
	}
	mobile, err := desk.NormalizeMobile("mobile", in.Mobile)
	if err != nil {
		return p, err
	}
	email, err := desk.CleanEmail("email", in.Email)
	if err != nil {
		return p, err
	}
	lead := ""
	if in.Kind == string(desk.KindLead) {
		lead = in.LeadStatus
		if lead == "" {
			lead = "new"
		}
		if !desk.ValidLeadStatus(lead) {
			return p, desk.Invalid("leadStatus", "Choose a lead status")
		}
	}
	return contactSave{Kind: in.Kind, Name: name, Mobile: mobile, Email: email, LeadStatus: lead}, nil
}

// SaveContact creates (empty ID) or edits a customer or lead. Returns EINVALID
// for bad input (naming the field) and ENOTFOUND for an unknown id.
func (s *Store) SaveContact(ctx context.Context, actorID string, in desk.ContactInput) (desk.Contact, error) {
	p, err := checkContact(in)
	if err != nil {
		return desk.Contact{}, err
	}
	id := in.ID
	_, err = s.mutate(ctx, actorID, func(m *mutation) error {
		if _, err := m.actor(); err != nil {
			return err
		}
		if id == "" {
			id = newID()
		} else if _, err := m.q.GetContact(ctx, id); err != nil {
			return notFound(err, "customer or lead")
		}
		_, err := emit(m, kContactSave, id, p)
		return err
	})
	if err != nil {
		return desk.Contact{}, err
	}
	c, err := s.read().GetContact(ctx, id)
	return contactFromRow(c), err
}

// ConvertToCustomer turns a lead into a customer; it keeps its id, so its
// tickets stay linked. Returns ENOTFOUND for an unknown id and ECONFLICT when
// the record is already a customer.
func (s *Store) ConvertToCustomer(ctx context.Context, actorID, id string) (desk.Contact, error) {
	_, err := s.mutate(ctx, actorID, func(m *mutation) error {
		if _, err := m.actor(); err != nil {
			return err
		}
		c, err := m.q.GetContact(ctx, id)
		if err != nil {
			return notFound(err, "lead")
		}
		if desk.ContactKind(c.Kind) == desk.KindCustomer {
			return desk.Errorf(desk.ECONFLICT, "%s is already a customer", c.Name)
		}
		_, err = emit(m, kContactSave, id, contactSave{
			Kind: string(desk.KindCustomer), Name: c.Name, Mobile: c.Mobile, Email: c.Email})
		return err
	})
	if err != nil {
		return desk.Contact{}, err
	}
	c, err := s.read().GetContact(ctx, id)
	return contactFromRow(c), err
}
