package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// Bulk moves of data in and out of the desk: the queue exported to a file,
// customers and leads imported from one.

// Actions of MayTransfer.
const (
	TransferExport = "export"
	TransferImport = "import"
)

// transferRoles says who may move data in and out in bulk (the roles from
// the permission table, desk.Permissions), and the words of a refusal.
var transferRoles = map[string]struct {
	roles []desk.Role
	what  string
}{
	TransferExport: {desk.RolesFor(desk.ActExport), "export the queue"},
	TransferImport: {desk.RolesFor(desk.ActImport), "import customers and leads"},
}

// MayTransfer returns EFORBIDDEN unless userID is an active user whose role
// may do action (TransferExport or TransferImport).
func (s *Store) MayTransfer(ctx context.Context, userID, action string) error {
	rule, ok := transferRoles[action]
	if !ok {
		return fmt.Errorf("unknown transfer %q", action)
	}
	u, err := s.read().GetUser(ctx, userID)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && u.Active == 0) {
		return desk.Errorf(desk.EFORBIDDEN, "Sign in first")
	}
	if err != nil {
		return err
	}
	if !slices.Contains(rule.roles, desk.Role(u.Role)) {
		return desk.Errorf(desk.EFORBIDDEN, "a %s cannot %s; ask a manager or an admin", strings.ToLower(desk.Role(u.Role).Label()), rule.what)
	}
	return nil
}

// exportSets are the columns an export adds to a ticket's row: the ids of
// its subjects and of its assignees, each read through its table's index on
// the ticket, so no ticket's sets are looked up one query at a time.
const exportSets = `, coalesce((SELECT group_concat(subject_id) FROM (SELECT DISTINCT subject_id FROM ticket_subjects WHERE ticket_id = t.id)), ''),
	coalesce((SELECT group_concat(user_id) FROM (SELECT DISTINCT user_id FROM ticket_assignees WHERE ticket_id = t.id)), '')`

// ExportTickets calls each for every ticket of the queue filter f as userID
// sees it, in the queue's order, ignoring the filter's page (offset and
// limit). The tickets are read in one snapshot through one cursor, with
// their subjects and assignees, named from the catalog and users read once;
// memory does not grow with the number of tickets. total is called first
// with how many there are. The SLA badge is left out, and the summary each
// gets shares its lists with the next: each must not keep them. Returns EFORBIDDEN for
// a user who may not export, EINVALID for a bad filter, and the context's
// error when it is cancelled.
func (s *Store) ExportTickets(ctx context.Context, userID string, f desk.TicketFilter,
	total func(int), each func(desk.TicketSummary) error) error {
	if err := s.MayTransfer(ctx, userID, TransferExport); err != nil {
		return err
	}
	if err := checkFilter(&f); err != nil {
		return err
	}
	now := s.clock.Now().UnixMilli()
	return s.readTx(ctx, func(q *dbsqlc.Queries, tx *sql.Tx) error {
		subjects := map[string]desk.CatalogItem{}
		items, err := q.ListCatalogItems(ctx, dbsqlc.ListCatalogItemsParams{Kind: desk.CatalogSubject, IncludeInactive: true})
		if err != nil {
			return err
		}
		for _, c := range items {
			subjects[c.ID] = desk.CatalogItem{ID: c.ID, Name: c.Name, Active: c.Active == 1}
		}
		users := map[string]desk.UserRef{}
		us, err := q.ListUsers(ctx)
		if err != nil {
			return err
		}
		for _, u := range us {
			users[u.ID] = desk.UserRef{ID: u.ID, Name: u.Name}
		}
		n, err := countQueue(ctx, tx, f, userID, f.View, now)
		if err != nil {
			return err
		}
		total(n)
		qs := buildQueue(f, userID, f.View, now)
		rows, err := tx.QueryContext(ctx, "SELECT "+ticketColumns+exportSets+" "+qs.from+ticketJoinsAfter+qs.where+qs.order, qs.args...)
		if err != nil {
			return fmt.Errorf("export tickets: %w", err)
		}
		defer rows.Close()
		var t desk.TicketSummary
		var created, updated int64
		var subjectIDs, userIDs string
		for i := 0; rows.Next(); i++ {
			if err := rows.Scan(&t.ID, &t.Number, &t.Status, &t.Priority, &t.ContactID, &t.ContactName, &t.ContactKind,
				&t.Mobile, &t.SourceID, &t.SourceName, &created, &updated, &subjectIDs, &userIDs); err != nil {
				return err
			}
			t.CreatedAt, t.UpdatedAt = rfc3339(created), rfc3339(updated)
			t.Subjects = t.Subjects[:0]
			for _, id := range splitList(subjectIDs) {
				t.Subjects = append(t.Subjects, subjects[id])
			}
			slices.SortFunc(t.Subjects, func(a, b desk.CatalogItem) int {
				return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
			})
			t.Assignees = t.Assignees[:0]
			for _, id := range splitList(userIDs) {
				t.Assignees = append(t.Assignees, users[id])
			}
			slices.SortFunc(t.Assignees, func(a, b desk.UserRef) int { return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
			if err := each(t); err != nil {
				return err
			}
			if i%1000 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
		}
		return rows.Err()
	})
}

// ImportContacts writes customers and leads read from a file, all or
// nothing. Every row is checked first, as the contact form checks it, and
// two rows with one mobile number are refused: if any row is wrong, the
// result lists each wrong row and nothing is written. Then each row whose
// normalised mobile number is already a customer's or lead's is skipped or
// updates that record (dup is DuplicateSkip or DuplicateUpdate; an update
// keeps the record's kind, and its email when the row has none); the others
// are created. Every record is written by a contact.save operation, all in
// one transaction. progress, if not nil, is told how many rows are done.
// Returns EFORBIDDEN for a user who may not import and EINVALID for an
// unknown dup.
func (s *Store) ImportContacts(ctx context.Context, actorID string, rows []desk.ImportRow, dup string,
	progress func(done int)) (desk.ImportResult, error) {
	res := desk.ImportResult{Errors: []desk.RowError{}}
	if err := s.MayTransfer(ctx, actorID, TransferImport); err != nil {
		return res, err
	}
	if dup != desk.DuplicateSkip && dup != desk.DuplicateUpdate {
		return res, desk.Invalid("duplicates", "Choose whether duplicates are skipped or update the record")
	}
	checked := make([]contactSave, len(rows))
	firstRow := make(map[string]int, len(rows))
	for i, r := range rows {
		p, err := checkContact(r.Contact)
		if err != nil {
			var de *desk.Error
			if !errors.As(err, &de) {
				return res, err
			}
			res.Errors = append(res.Errors, desk.RowError{Row: r.Line, Field: de.Field, Message: de.Message})
			continue
		}
		if prev, seen := firstRow[p.Mobile]; seen {
			res.Errors = append(res.Errors, desk.RowError{Row: r.Line, Field: "mobile",
				Message: fmt.Sprintf("The same mobile number as row %d", prev)})
			continue
		}
		firstRow[p.Mobile] = r.Line
		checked[i] = p
	}
	if len(res.Errors) > 0 || len(rows) == 0 {
		return res, nil
	}
	var counts desk.ImportResult
	_, err := s.mutate(ctx, actorID, func(m *mutation) error {
		counts = desk.ImportResult{Errors: []desk.RowError{}}
		find, err := m.tx.PrepareContext(ctx, "SELECT id, kind, email, lead_status FROM contacts WHERE mobile = ? ORDER BY updated_at DESC, id LIMIT 1")
		if err != nil {
			return err
		}
		defer find.Close()
		defer m.cacheStatements()()
		for i, p := range checked {
			if i%1000 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
				if progress != nil && i > 0 {
					progress(i)
				}
			}
			var id, kind, email, lead string
			err := find.QueryRowContext(ctx, p.Mobile).Scan(&id, &kind, &email, &lead)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				counts.Created++
				id = newID()
			case err != nil:
				return err
			case dup == desk.DuplicateSkip:
				counts.Skipped++
				continue
			default:
				counts.Updated++
				if p.Kind != kind {
					p.Kind, p.LeadStatus = kind, lead
				}
				if p.Email == "" {
					p.Email = email
				}
			}
			if _, err := emit(m, kContactSave, id, p); err != nil {
				return fmt.Errorf("row %d: %w", rows[i].Line, err)
			}
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	if progress != nil {
		progress(len(rows))
	}
	return counts, nil
}
