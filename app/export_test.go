package app

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"deskline/internal/desk"
)

// progressRecorder keeps the export progress events.
type progressRecorder struct {
	fakeEmitter
	mu   sync.Mutex
	done chan ExportProgress
}

func (p *progressRecorder) Emit(name string, data any) {
	if name == EventExportProgress && data.(ExportProgress).Done {
		p.done <- data.(ExportProgress)
	}
	p.fakeEmitter.Emit(name, data)
}

// exportFixture is a desk with three tickets: one open for a customer whose
// name looks like a formula, one resolved, one closed.
func exportFixture(t *testing.T) (*App, *progressRecorder) {
	t.Helper()
	a, _ := mustApp(t)
	rec := &progressRecorder{done: make(chan ExportProgress, 4)}
	a.core.emitter = rec
	if _, err := a.Setup.Initialize("Acme", "Asha Admin", testPIN); err != nil {
		t.Fatal(err)
	}
	subjects, _ := a.Catalog.ListSubjects(false)
	mk := func(name, mobile, status string) {
		c, err := a.Contacts.Save(desk.ContactInput{Kind: "customer", Name: name, Mobile: mobile})
		if err != nil {
			t.Fatal(err)
		}
		d, err := a.Tickets.Create(desk.NewTicket{SubjectIDs: []string{subjects[0].ID}, ContactID: c.ID, Mobile: c.Mobile})
		if err != nil {
			t.Fatal(err)
		}
		if status != "" {
			if _, err := a.Tickets.ChangeStatus(d.Ticket.ID, desk.StatusChange{Status: status, Note: "done", Resolution: "Fixed", CustomerConfirmed: true}); err != nil {
				t.Fatal(err)
			}
		}
	}
	mk(`=HYPERLINK("http://evil.example","click")`, "0711 000 001", "")
	mk("Ben Resolved", "0711 000 002", "resolved")
	mk("Cara Closed", "0711 000 003", "closed")
	return a, rec
}

func export(t *testing.T, a *App, rec *progressRecorder, f desk.TicketFilter, format string) (string, ExportProgress) {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "out."+format)
	if _, err := a.Exports.Start(f, format, dst); err != nil {
		t.Fatal(err)
	}
	p := <-rec.done
	if p.Error != "" || p.Cancelled || p.Path != dst {
		t.Fatalf("export ended %+v", p)
	}
	return dst, p
}

func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestExportHonoursFilters(t *testing.T) {
	a, rec := exportFixture(t)
	dst, p := export(t, a, rec, desk.TicketFilter{Statuses: []string{"resolved", "closed"}, Limit: 1}, "csv")
	recs := readCSVFile(t, dst)
	if len(recs) != 3 || p.Rows != 2 || p.Total != 2 {
		t.Fatalf("exported %d lines (%+v): %q", len(recs), p, recs)
	}
	var names []string
	for _, r := range recs[1:] {
		names = append(names, r[4]+"/"+r[1])
	}
	if got := strings.Join(names, ","); got != "Cara Closed/Closed,Ben Resolved/Resolved" {
		t.Fatalf("rows %s", got)
	}
	dst, _ = export(t, a, rec, desk.TicketFilter{}, "csv") // no filter: closed tickets stay out, as in the queue
	if recs := readCSVFile(t, dst); len(recs) != 3 {
		t.Fatalf("default filter exported %q", recs)
	}
}

func TestExportFormulaStaysText(t *testing.T) {
	a, rec := exportFixture(t)
	dst, _ := export(t, a, rec, desk.TicketFilter{Statuses: []string{"open"}}, "csv")
	recs := readCSVFile(t, dst)
	if len(recs) != 2 || recs[1][4] != `'=HYPERLINK("http://evil.example","click")` {
		t.Fatalf("CSV customer cell %q", recs)
	}
	dst, _ = export(t, a, rec, desk.TicketFilter{Statuses: []string{"open"}}, "xlsx")
	f, err := excelize.OpenFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if formula, _ := f.GetCellFormula("Sheet1", "E2"); formula != "" {
		t.Fatalf("XLSX cell holds a formula: %q", formula)
	}
	if v, _ := f.GetCellValue("Sheet1", "E2"); v != `=HYPERLINK("http://evil.example","click")` {
		t.Fatalf("XLSX customer cell %q", v)
	}
	if v, _ := f.GetCellValue("Sheet1", "A1"); v != "Ticket" {
		t.Fatalf("XLSX header %q", v)
	}
}

func TestExportForbiddenToSupport(t *testing.T) {
	a, _ := exportFixture(t)
	u, err := a.Users.Save(desk.UserInput{Name: "Sam Support", Role: "support", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := signInAs(t, a, u.ID); err != nil {
		t.Fatal(err)
	}
	_, err = a.Exports.Start(desk.TicketFilter{}, "csv", filepath.Join(t.TempDir(), "x.csv"))
	if desk.ErrorCode(err) != desk.EFORBIDDEN {
		t.Fatalf("err = %v, want forbidden", err)
	}
}

func TestPrintReceipt(t *testing.T) {
	a, _ := exportFixture(t)
	page, err := a.Tickets.List(desk.TicketFilter{Statuses: []string{"open"}})
	if err != nil || len(page.Rows) != 1 {
		t.Fatalf("%v %v", page, err)
	}
	id := page.Rows[0].ID
	if _, err := a.Tickets.AddNote(id, "Your new card is ready on Friday <b>", "call"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Print.SaveSettings(PrintSettings{ReceiptAfterCreate: true, PageSize: PageReceipt}); err != nil {
		t.Fatal(err)
	}
	r, err := a.Print.Receipt(id)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Acme", "Ticket #1", "0711000001", "What we told you", "Your new card is ready on Friday &lt;b&gt;", "&#34;http://evil.example&#34;"} {
		if !strings.Contains(r.HTML, want) {
			t.Errorf("receipt lacks %q:\n%s", want, r.HTML)
		}
	}
	if r.PageSize != PageReceipt {
		t.Fatalf("page size %q", r.PageSize)
	}
	tk, err := a.Print.Ticket(id)
	if err != nil || !strings.Contains(tk.HTML, "No attachments.") || !strings.Contains(tk.HTML, "replied (Call)") {
		t.Fatalf("ticket page %v:\n%s", err, tk.HTML)
	}
	if !strings.Contains(r.HTML, "size: 80mm") || !strings.Contains(tk.HTML, "size: A4") {
		t.Fatalf("page rules: receipt %v, ticket %v", strings.Contains(r.HTML, "size: 80mm"), strings.Contains(tk.HTML, "size: A4"))
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	file, err := a.Print.OpenInBrowser("receipt", id)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(file)
	if err != nil || !strings.Contains(string(b), "<title>Receipt for ticket #1</title>") || !strings.Contains(string(b), "What we told you") {
		t.Fatalf("page file %s: %v\n%s", file, err, b)
	}
	if _, err := a.Print.OpenInBrowser("invoice", id); desk.ErrorCode(err) != desk.EINVALID {
		t.Fatalf("unknown page: %v", err)
	}
	if _, err := a.Print.SaveSettings(PrintSettings{PageSize: "letter"}); desk.ErrorCode(err) != desk.EINVALID {
		t.Fatalf("bad size: %v", err)
	}
}
