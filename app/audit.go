package app

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"

	"deskline/internal/desk"
	"deskline/internal/sheet"
)

// AuditService shows the audit trail: every change, who made it, when, on
// which workstation, and checks that the trail was not tampered with.
// Admins only.
type AuditService struct {
	c *core
	a *App
}

// List returns a page of the audit trail under filter, newest first.
// Returns EFORBIDDEN unless an admin is signed in, EINVALID for a filter
// field that is not understood.
func (s *AuditService) List(f desk.AuditFilter, offset, limit int) (desk.AuditPage, error) {
	if err := s.c.need(desk.ActAudit); err != nil {
		return desk.AuditPage{}, err
	}
	return s.c.store.ListAudit(bg, f, offset, limit)
}

// Kinds lists the kinds of change the trail can be filtered by.
func (s *AuditService) Kinds() ([]desk.Option, error) {
	if err := s.c.need(desk.ActAudit); err != nil {
		return nil, err
	}
	return append([]desk.Option(nil), desk.AuditKinds...), nil
}

// Verify checks every entry of the trail against the one before it and says
// which entry, if any, was edited, deleted or moved. Admins only.
func (s *AuditService) Verify() (desk.AuditVerdict, error) {
	if err := s.c.need(desk.ActAudit); err != nil {
		return desk.AuditVerdict{}, err
	}
	return s.c.store.VerifyAudit(bg)
}

// ExportCSV asks where to save the trail under filter and writes it there as
// CSV. Returns the path saved to ("" if the user cancelled). Admins only.
func (s *AuditService) ExportCSV(f desk.AuditFilter) (string, error) {
	if err := s.c.need(desk.ActAudit); err != nil {
		return "", err
	}
	name := "Deskline audit " + time.Now().Format("2006-01-02") + ".csv"
	dst, err := s.a.dialogs.SaveFile("Export the audit trail", name, "CSV file (*.csv)")
	if err != nil || dst == "" {
		return "", err
	}
	return dst, s.exportTo(f, dst)
}

// exportTo writes the trail under filter to dst, whole or not at all.
func (s *AuditService) exportTo(f desk.AuditFilter, dst string) error {
	return saveWhole(dst, func(w io.Writer) error {
		return writeAuditCSV(w, func(fn func(desk.AuditEntry) error) error { return s.c.store.EachAudit(bg, f, fn) })
	})
}

// writeAuditCSV writes the entries each gives as CSV with a header row.
// Cells a spreadsheet would read as a formula are guarded (see sheet.Guard).
func writeAuditCSV(w io.Writer, each func(func(desk.AuditEntry) error) error) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"Entry", "Time (UTC)", "User", "Workstation", "Kind", "Ticket", "What", "Old value", "New value"}); err != nil {
		return err
	}
	err := each(func(e desk.AuditEntry) error {
		ticket := ""
		if e.TicketNumber > 0 {
			ticket = "#" + strconv.FormatInt(e.TicketNumber, 10)
		}
		row := []string{strconv.FormatInt(e.Seq, 10), e.At, e.Actor, e.Workstation, e.KindLabel, ticket, e.What, e.Old, e.New}
		for i := range row {
			row[i] = sheet.Guard(row[i])
		}
		return cw.Write(row)
	})
	if err != nil {
		return fmt.Errorf("export the audit trail: %w", err)
	}
	cw.Flush()
	return cw.Error()
}
