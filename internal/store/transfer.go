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

// transferRoles says who may move data in and out in bulk, and the words of
// a refusal. It is the one place these permissions are kept.
var transferRoles = map[string]struct {
	roles []desk.Role
	what  string
}{
	TransferExport: {[]desk.Role{desk.RoleAdmin, desk.RoleManager}, "export the queue"},
	TransferImport: {[]desk.Role{desk.RoleAdmin, desk.RoleManager}, "import customers and leads"},
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
		return desk.Errorf(desk.EFORBIDDEN, "choose an active user in the sidebar first")
	}
	if err != nil {
		return err
	}
	if !slices.Contains(rule.roles, desk.Role(u.Role)) {
		return desk.Errorf(desk.EFORBIDDEN, "a %s cannot %s; ask a manager or an admin", strings.ToLower(desk.Role(u.Role).Label()), rule.what)
	}
	return nil
}

// exportBatch is how many tickets an export reads their subjects and
// assignees for at a time.
const exportBatch = 500

// ExportTickets calls each for every ticket of the queue filter f as userID
// sees it, in the queue's order, ignoring the filter's page (offset and
// limit). The tickets are read in one snapshot through one cursor, with
// their subjects and assignees filled in batches, so memory does not grow
// with the number of tickets. total is called first with how many there are.
// Returns EFORBIDDEN for a user who may not export, EINVALID for a bad
// filter, and the context's error when it is cancelled.
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
		n, err := countQueue(ctx, tx, f, userID, f.View, now)
		if err != nil {
			return err
		}
		total(n)
		qs := buildQueue(f, userID, f.View, now)
		rows, err := tx.QueryContext(ctx, "SELECT "+ticketColumns+" "+qs.from+ticketJoinsAfter+qs.where+qs.order, qs.args...)
		if err != nil {
			return fmt.Errorf("export tickets: %w", err)
		}
		defer rows.Close()
		batch := make([]desk.TicketSummary, 0, exportBatch)
		flush := func() error {
			if err := fillSets(ctx, q, batch); err != nil {
				return err
			}
			for _, t := range batch {
				if err := each(t); err != nil {
					return err
				}
			}
			batch = batch[:0]
			return ctx.Err()
		}
		for rows.Next() {
			t, err := scanSummary(rows)
			if err != nil {
				return err
			}
			if batch = append(batch, t); len(batch) == exportBatch {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return flush()
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
