package app

import (
	"bytes"
	"encoding/json"
	"html/template"
	"strconv"
	"strings"
	"time"

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
// as HTML (made here, every value escaped).
type PrintPage struct {
	Title    string `json:"title"`
	PageSize string `json:"pageSize"`
	HTML     string `json:"html"`
}

// PrintService makes the printed ticket and the walk-in receipt.
type PrintService struct{ c *core }

// Settings returns this workstation's print settings.
func (s *PrintService) Settings() (PrintSettings, error) {
	out := PrintSettings{PageSize: PageA4}
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
	if err := s.c.requireAdmin("change how receipts print"); err != nil {
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

var receiptTmpl = template.Must(template.New("receipt").Funcs(printFuncs).Parse(`<article class="print-receipt" aria-label="Receipt">
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

var ticketTmpl = template.Must(template.New("ticket").Funcs(printFuncs).Parse(`<article class="print-ticket" aria-label="Ticket">
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

func (s *PrintService) render(tmpl *template.Template, ticketID string) (desk.TicketDetail, string, error) {
	t, err := s.c.store.GetTicket(bg, ticketID)
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
		"Now": time.Now().UTC().Format(time.RFC3339)})
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
	t, html, err := s.render(receiptTmpl, ticketID)
	if err != nil {
		return PrintPage{}, err
	}
	return PrintPage{Title: "Receipt for ticket #" + strconv.FormatInt(t.Ticket.Number, 10), PageSize: set.PageSize, HTML: html}, nil
}

// Ticket returns a ticket for printing on A4: its header, customer,
// description, activity and attachment list. Returns ENOTFOUND for an
// unknown ticket.
func (s *PrintService) Ticket(ticketID string) (PrintPage, error) {
	t, html, err := s.render(ticketTmpl, ticketID)
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
