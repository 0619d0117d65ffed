package app

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"deskline/internal/desk"
	"deskline/internal/sheet"
)

// EventExportProgress carries an ExportProgress while an export runs and
// once when it ends.
const EventExportProgress = "deskline:export-progress"

// ExportProgress is how far an export is. Done is set once, at the end: with
// Error when it failed, Cancelled when it was stopped (no file is left then).
type ExportProgress struct {
	ID        string `json:"id"`
	Rows      int    `json:"rows"`
	Total     int    `json:"total"`
	Done      bool   `json:"done"`
	Cancelled bool   `json:"cancelled"`
	Error     string `json:"error"`
	Path      string `json:"path"`
}

// ExportService writes the queue to a CSV or XLSX file in the background,
// telling the window how far it is.
type ExportService struct {
	c  *core
	a  *App
	mu sync.Mutex
	// running holds the cancel function of each export under way.
	running map[string]context.CancelFunc
	wg      sync.WaitGroup
}

var exportFilters = map[string]string{sheet.CSV: "CSV file (*.csv)", sheet.XLSX: "Excel workbook (*.xlsx)"}

// ChooseFile asks where to save an export of format ("csv" or "xlsx").
// Returns "" when the user cancelled.
func (s *ExportService) ChooseFile(format string) (string, error) {
	if err := s.c.need(desk.ActExport); err != nil {
		return "", err
	}
	filter, ok := exportFilters[format]
	if !ok {
		return "", desk.Invalid("format", "Choose CSV or XLSX")
	}
	name := "Deskline tickets " + time.Now().Format("2006-01-02 1504") + "." + format
	dst, err := s.a.dialogs.SaveFile("Export the queue", name, filter)
	if err != nil || dst == "" {
		return "", err
	}
	if filepath.Ext(dst) == "" {
		dst += "." + format
	}
	return dst, nil
}

// Start exports the queue under filter f (its page ignored: every ticket it
// holds) to path as format, in the background, and returns the export's id.
// Progress comes as EventExportProgress events. The file is written beside
// path under a temporary name and takes its name only when whole. Returns
// EFORBIDDEN for a user who may not export and EINVALID for a bad filter.
func (s *ExportService) Start(f desk.TicketFilter, format, path string) (string, error) {
	u, err := s.c.allow(desk.ActExport)
	if err != nil {
		return "", err
	}
	me := u.ID
	if _, ok := exportFilters[format]; !ok {
		return "", desk.Invalid("format", "Choose CSV or XLSX")
	}
	if path == "" {
		return "", desk.Invalid("path", "Choose where to save the export")
	}
	if err := mkdirFor(path); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".export-*."+format)
	if err != nil {
		return "", desk.Errorf(desk.EUNAVAILABLE, "cannot write to %s: %v", filepath.Dir(path), err)
	}
	id := uuid.NewString()
	ctx, cancel := context.WithCancel(context.Background())
	s.mu.Lock()
	if s.running == nil {
		s.running = map[string]context.CancelFunc{}
	}
	s.running[id] = cancel
	s.mu.Unlock()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		p := ExportProgress{ID: id, Path: path}
		err := s.write(ctx, me, f, format, tmp, &p)
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp.Name(), path)
		}
		if err != nil {
			os.Remove(tmp.Name())
			p.Path = ""
			if ctx.Err() != nil {
				p.Cancelled = true
			} else {
				s.c.log.Error("export", "err", err)
				p.Error = formatError(s.c.log, err).Message
			}
		}
		s.mu.Lock()
		delete(s.running, id)
		s.mu.Unlock()
		cancel()
		p.Done = true
		s.c.emitter.Emit(EventExportProgress, p)
	}()
	return id, nil
}

// Cancel stops an export under way; its file is not written. Cancelling one
// that has ended does nothing.
func (s *ExportService) Cancel(id string) error {
	if err := s.c.need(desk.ActExport); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if cancel, ok := s.running[id]; ok {
		cancel()
	}
	return nil
}

// cancelAll stops every export under way and waits for them to end.
func (s *ExportService) cancelAll() {
	s.mu.Lock()
	for _, cancel := range s.running {
		cancel()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

// exportHeader names the columns of an export.
var exportHeader = []string{"Ticket", "Status", "Priority", "Subjects", "Customer or lead", "Kind",
	"Mobile Number", "Source", "Assigned To", "Created", "Last updated"}

// progressEvery is how often, at most, an export tells the window how far it is.
const progressEvery = 250 * time.Millisecond

func (s *ExportService) write(ctx context.Context, me string, f desk.TicketFilter, format string, out *os.File, p *ExportProgress) error {
	w, err := sheet.NewWriter(format, out)
	if err != nil {
		return err
	}
	if err := w.Write(exportHeader); err != nil {
		return err
	}
	last := time.Now()
	row := make([]string, len(exportHeader))
	err = s.c.store.ExportTickets(ctx, me, f, func(n int) {
		p.Total = n
		s.c.emitter.Emit(EventExportProgress, *p)
	}, func(t desk.TicketSummary) error {
		ticketCells(row, t)
		if err := w.Write(row); err != nil {
			return err
		}
		p.Rows++
		if p.Rows%1000 == 0 && time.Since(last) >= progressEvery {
			last = time.Now()
			s.c.emitter.Emit(EventExportProgress, *p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return w.Close()
}

// ticketCells fills row with a ticket's cells, in exportHeader's order.
func ticketCells(row []string, t desk.TicketSummary) {
	names := func(n int, name func(i int) string) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = name(i)
		}
		return strings.Join(parts, ", ")
	}
	kind := "Customer"
	if t.ContactKind == desk.KindLead {
		kind = "Lead"
	}
	row[0] = strconv.FormatInt(t.Number, 10)
	row[1] = t.Status.Label()
	row[2] = t.Priority.Label()
	row[3] = names(len(t.Subjects), func(i int) string { return t.Subjects[i].Name })
	row[4] = t.ContactName
	row[5] = kind
	row[6] = t.Mobile
	row[7] = t.SourceName
	row[8] = names(len(t.Assignees), func(i int) string { return t.Assignees[i].Name })
	row[9] = localTime(t.CreatedAt)
	row[10] = localTime(t.UpdatedAt)
}

// localTime shows an RFC 3339 time in this computer's zone as a spreadsheet
// reads a date and time.
func localTime(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.Local().Format("2006-01-02 15:04")
}
