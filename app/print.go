package app

import (
	"bytes"
	"encoding/json"
	"html/template"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"deskline/internal/desk"
)

// Page sizes of a printed receipt.
const (
	PageA4      = "a4"
	PageReceipt = "80mm"
)

// settingPrint is the local setting that holds this workstation's PrintSettings.
const settingPrint = "print_settings"

// PrintSettings says how this workstation prints receipts.
type PrintSettings struct {
	// ReceiptAfterCreate shows the walk-in receipt straight after a ticket is created.
	ReceiptAfterCreate bool `json:"receiptAfterCreate"`
	// PageSize is PageA4 or PageReceipt (an 80 mm receipt printer's roll).
	PageSize string `json:"pageSize"`
}

// PrintPage is a page ready to print: its title, its page size and its body
// as HTML (made here, every value escaped), which carries its own styles and
// the @page rule of its paper.
type PrintPage struct {
	Title    string `json:"title"`
	PageSize string `json:"pageSize"`
	HTML     string `json:"html"`
}

// PrintService makes the printed ticket and the walk-in receipt.
type PrintService struct {
	c *core
	a *App
}

// Settings returns this workstation's print settings.
func (s *PrintService) Settings() (PrintSettings, error) {
	out := PrintSettings{PageSize: PageA4}
	if err := s.c.need(desk.ActWork); err != nil {
		return out, err
	}
	v, err := s.c.store.LocalSetting(bg, settingPrint)
	if err != nil || v == "" {
		return out, err
	}
	if json.Unmarshal([]byte(v), &out) != nil || (out.PageSize != PageA4 && out.PageSize != PageReceipt) {
		out.PageSize = PageA4
	}
	return out, nil
}

// SaveSettings changes this workstation's print settings (admins only).
func (s *PrintService) SaveSettings(p PrintSettings) (PrintSettings, error) {
	if err := s.c.need(desk.ActConfigurePrinting); err != nil {
		return p, err
	}
	if p.PageSize != PageA4 && p.PageSize != PageReceipt {
		return p, desk.Invalid("pageSize", "Choose A4 or 80 mm receipt paper")
	}
	b, _ := json.Marshal(p)
	return p, s.c.store.SetLocalSetting(bg, settingPrint, string(b))
}

var printFuncs = template.FuncMap{
	"activity": activityText,
	"when": func(s string) string {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return s
		}
		return t.Local().Format("2 Jan 2006, 15:04")
	},
	"subjects": func(items []desk.CatalogItem) string {
		names := make([]string, len(items))
		for i, c := range items {
			names[i] = c.Name
		}
		return strings.Join(names, ", ")
	},
	"people": func(items []desk.UserRef) string {
		names := make([]string, len(items))
		for i, c := range items {
			names[i] = c.Name
		}
		return strings.Join(names, ", ")
	},
	"size": func(n int64) string {
		switch {
		case n >= 1<<20:
			return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
		case n >= 1<<10:
			return strconv.FormatInt(n>>10, 10) + " KB"
		}
		return strconv.FormatInt(n, 10) + " bytes"
	},
}

// printCSS styles a printed page; {{.Page}} is the @page rule of its paper.
const printCSS = `<style>
{{.Page}}
.print-sheet { background: #fff; color: #111; font-family: "DejaVu Sans", Arial, sans-serif; line-height: 1.4; }
.print-sheet h1 { font-size: 1.4em; margin: 0 0 0.4em; }
.print-sheet h2 { font-size: 1.05em; margin: 1em 0 0.3em; }
.print-sheet dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15em 0.8em; margin: 0; }
.print-sheet dt { font-weight: 600; }
.print-sheet dd { margin: 0; }
.print-sheet .print-big { font-size: 1.6em; font-weight: 700; margin: 0.2em 0 0.6em; }
.print-sheet .print-muted, .print-sheet small { color: #555; }
.print-sheet .print-foot { margin-top: 1.2em; border-top: 1px dashed #999; padding-top: 0.5em; }
.print-sheet .print-activity { padding-left: 1.2em; }
.print-receipt.narrow { width: 72mm; font-size: 11px; }
</style>`

var receiptTmpl = template.Must(template.New("receipt").Funcs(printFuncs).Parse(printCSS + `<article class="print-sheet print-receipt{{if .Narrow}} narrow{{end}}" aria-label="Receipt">
<h1>{{.Desk}}</h1>
<p class="print-big">Ticket #{{.T.Ticket.Number}}</p>
<dl>
<dt>Date</dt><dd>{{when .T.Ticket.CreatedAt}}</dd>
<dt>Customer</dt><dd>{{.T.Contact.Name}}</dd>
<dt>Mobile Number</dt><dd>{{.T.Ticket.Mobile}}</dd>
<dt>Subjects</dt><dd>{{subjects .T.Ticket.Subjects}}</dd>
</dl>
{{if .T.Description}}<h2>Your request</h2><p>{{.T.Description}}</p>{{end}}
{{if .Told}}<h2>What we told you</h2>{{range .Told}}<p>{{.Body}} <small>({{when .CreatedAt}})</small></p>{{end}}{{end}}
<p class="print-foot">Keep this receipt: quote ticket #{{.T.Ticket.Number}} when you call or come back.</p>
</article>`))

var ticketTmpl = template.Must(template.New("ticket").Funcs(printFuncs).Parse(printCSS + `<article class="print-sheet print-ticket" aria-label="Ticket">
<h1>Ticket #{{.T.Ticket.Number}}</h1>
<p class="print-muted">{{.Desk}} · printed {{when .Now}}</p>
<dl>
<dt>Status</dt><dd>{{.T.Ticket.Status.Label}}</dd>
<dt>Priority</dt><dd>{{.T.Ticket.Priority.Label}}</dd>
<dt>Subjects</dt><dd>{{subjects .T.Ticket.Subjects}}</dd>
<dt>Source</dt><dd>{{.T.Ticket.SourceName}}</dd>
<dt>Assigned To</dt><dd>{{people .T.Ticket.Assignees}}</dd>
<dt>Created</dt><dd>{{when .T.Ticket.CreatedAt}} by {{.T.CreatedBy.Name}}</dd>
</dl>
<h2>Customer</h2>
<dl>
<dt>Name</dt><dd>{{.T.Contact.Name}}</dd>
<dt>Mobile Number</dt><dd>{{.T.Ticket.Mobile}}</dd>
{{if .T.Contact.Email}}<dt>Email</dt><dd>{{.T.Contact.Email}}</dd>{{end}}
</dl>
{{if .T.Description}}<h2>Description</h2><p>{{.T.Description}}</p>{{end}}
<h2>Activity</h2>
<ol class="print-activity">{{range .T.Activity}}<li><strong>{{when .CreatedAt}} · {{.Actor.Name}}</strong> {{activity .}}</li>{{end}}</ol>
<h2>Attachments</h2>
{{if .T.Attachments}}<ul>{{range .T.Attachments}}<li>{{.Name}} ({{size .Size}})</li>{{end}}</ul>{{else}}<p>No attachments.</p>{{end}}
</article>`))

// activityText is one feed entry in words.
func activityText(a desk.Activity) string {
	switch a.Kind {
	case desk.ActCreated:
		return "created the ticket"
	case desk.ActNote:
		if a.Channel != "" {
			return "replied (" + channelLabel(a.Channel) + "): " + a.Body
		}
		return "noted: " + a.Body
	case desk.ActStatus:
		return "changed the status from " + desk.Status(a.From).Label() + " to " + desk.Status(a.To).Label()
	case desk.ActPriority:
		return "changed the priority from " + desk.Priority(a.From).Label() + " to " + desk.Priority(a.To).Label()
	}
	text := strings.ReplaceAll(a.Kind, "_", " ")
	switch {
	case a.From != "" && a.To != "":
		return text + ": " + a.From + " → " + a.To
	case a.To != "" || a.From != "":
		return text + ": " + a.To + a.From
	}
	return text + " " + a.Body
}

// pageRules are the @page rules of the paper sizes: an 80 mm roll is cut
// where the receipt ends, so its page is as long as a receipt gets.
var pageRules = map[string]template.CSS{
	PageA4:      "@page { size: A4; margin: 15mm; }",
	PageReceipt: "@page { size: 80mm 200mm; margin: 4mm; }",
}

func (s *PrintService) render(tmpl *template.Template, ticketID, size string) (desk.TicketDetail, string, error) {
	me, err := s.c.allow(desk.ActWork)
	if err != nil {
		return desk.TicketDetail{}, "", err
	}
	t, err := s.c.ticketFor(me, ticketID)
	if err != nil {
		return t, "", err
	}
	st, err := s.c.store.State(bg)
	if err != nil {
		return t, "", err
	}
	var told []desk.Activity
	for i := len(t.Activity) - 1; i >= 0 && len(told) < 2; i-- {
		if a := t.Activity[i]; a.Kind == desk.ActNote && a.Channel != "" {
			told = append(told, a)
		}
	}
	var buf bytes.Buffer
	err = tmpl.Execute(&buf, map[string]any{"T": t, "Desk": st.OrgName, "Told": told,
		"Now": time.Now().UTC().Format(time.RFC3339), "Page": pageRules[size], "Narrow": size == PageReceipt})
	return t, buf.String(), err
}

// Receipt returns the walk-in receipt of a ticket: its number, date,
// customer, subjects, the request and the replies the customer was given,
// and the desk's name, on this workstation's page size. Returns ENOTFOUND
// for an unknown ticket.
func (s *PrintService) Receipt(ticketID string) (PrintPage, error) {
	set, err := s.Settings()
	if err != nil {
		return PrintPage{}, err
	}
	t, html, err := s.render(receiptTmpl, ticketID, set.PageSize)
	if err != nil {
		return PrintPage{}, err
	}
	return PrintPage{Title: "Receipt for ticket #" + strconv.FormatInt(t.Ticket.Number, 10), PageSize: set.PageSize, HTML: html}, nil
}

// Ticket returns a ticket for printing on A4: its header, customer,
// description, activity and attachment list. Returns ENOTFOUND for an
// unknown ticket.
func (s *PrintService) Ticket(ticketID string) (PrintPage, error) {
	t, html, err := s.render(ticketTmpl, ticketID, PageA4)
	if err != nil {
		return PrintPage{}, err
	}
	return PrintPage{Title: "Ticket #" + strconv.FormatInt(t.Ticket.Number, 10), PageSize: PageA4, HTML: html}, nil
}

// channelLabel is a note channel in words.
func channelLabel(c string) string {
	for _, o := range desk.NoteChannels {
		if o.Value == c {
			return o.Label
		}
	}
	return c
}

// OpenInBrowser writes the receipt (what "receipt") or the printed ticket
// (what "ticket") as a page of its own and opens it in the system's web
// browser, whose print dialog prints it or saves it as PDF. Returns the
// page's path. Returns EINVALID for another what and ENOTFOUND for an
// unknown ticket.
func (s *PrintService) OpenInBrowser(what, ticketID string) (string, error) {
	if err := s.c.need(desk.ActWork); err != nil {
		return "", err
	}
	var page PrintPage
	var err error
	switch what {
	case "receipt":
		page, err = s.Receipt(ticketID)
	case "ticket":
		page, err = s.Ticket(ticketID)
	default:
		return "", desk.Invalid("what", "Choose the receipt or the ticket")
	}
	if err != nil {
		return "", err
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dst := filepath.Join(cache, "Deskline", "print", what+"-"+ticketID+".html")
	if err := mkdirFor(dst); err != nil {
		return "", err
	}
	doc := "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + template.HTMLEscapeString(page.Title) +
		"</title></head><body onload=\"window.print()\">" + page.HTML + "</body></html>"
	if err := os.WriteFile(dst, []byte(doc), 0o600); err != nil {
		return "", desk.Errorf(desk.EUNAVAILABLE, "cannot write %s: %v", dst, err)
	}
	if s.a != nil && s.a.ctx != nil {
		runtime.BrowserOpenURL(s.a.ctx, "file://"+filepath.ToSlash(dst))
	}
	return dst, nil
}
