package desk

// Status is where a ticket stands. Its category drives the SLA clock: Open and
// In Progress run it, Waiting for Customer pauses it, Resolved stops it and
// Closed archives the ticket.
type Status string

const (
	StatusOpen       Status = "open"
	StatusInProgress Status = "in_progress"
	StatusWaiting    Status = "waiting"
	StatusResolved   Status = "resolved"
	StatusClosed     Status = "closed"
)

// Priority of a ticket; Medium by default.
type Priority string

const (
	PriorityLow    Priority = "low"
	PriorityMedium Priority = "medium"
	PriorityHigh   Priority = "high"
	PriorityUrgent Priority = "urgent"
)

// Role of a user.
type Role string

const (
	RoleAdmin   Role = "admin"
	RoleManager Role = "manager"
	RoleSupport Role = "support"
	RoleSales   Role = "sales"
)

// ContactKind tells a customer from a lead.
type ContactKind string

const (
	KindCustomer ContactKind = "customer"
	KindLead     ContactKind = "lead"
)

// Catalog kinds: the admin-configured lists.
const (
	CatalogSubject = "subject"
	CatalogSource  = "source"
)

// Option is one value of an enumeration with its label in plain words.
type Option struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// Vocabulary is every enumeration the UI shows, with labels.
type Vocabulary struct {
	Statuses     []Option `json:"statuses"`
	Priorities   []Option `json:"priorities"`
	Roles        []Option `json:"roles"`
	LeadStatuses []Option `json:"leadStatuses"`
	ContactKinds []Option `json:"contactKinds"`
	// Limits are the longest texts Go accepts, so that a form can count down
	// the room left as the user types.
	Limits TextLimits `json:"limits"`
}

// TextLimits are the length limits of texts, in characters.
type TextLimits struct {
	Name int `json:"name"` // one-line names: people, subjects, titles
	Text int `json:"text"` // long texts: descriptions, notes, summaries
}

var (
	statuses = []Option{
		{string(StatusOpen), "Open"},
		{string(StatusInProgress), "In Progress"},
		{string(StatusWaiting), "Waiting for Customer"},
		{string(StatusResolved), "Resolved"},
		{string(StatusClosed), "Closed"},
	}
	priorities = []Option{
		{string(PriorityLow), "Low"},
		{string(PriorityMedium), "Medium"},
		{string(PriorityHigh), "High"},
		{string(PriorityUrgent), "Urgent"},
	}
	roles = []Option{
		{string(RoleAdmin), "Admin"},
		{string(RoleManager), "Manager"},
		{string(RoleSupport), "Support user"},
		{string(RoleSales), "Sales user"},
	}
	leadStatuses = []Option{
		{"new", "New"},
		{"contacted", "Contacted"},
		{"qualified", "Qualified"},
		{"lost", "Lost"},
	}
	contactKinds = []Option{
		{string(KindCustomer), "Customer"},
		{string(KindLead), "Lead"},
	}
)

// Vocab returns the vocabulary (a fresh copy the caller may keep).
func Vocab() Vocabulary {
	cp := func(o []Option) []Option { return append([]Option(nil), o...) }
	return Vocabulary{
		Statuses:     cp(statuses),
		Priorities:   cp(priorities),
		Roles:        cp(roles),
		LeadStatuses: cp(leadStatuses),
		ContactKinds: cp(contactKinds),
		Limits:       TextLimits{Name: MaxNameLen, Text: MaxTextLen},
	}
}

func label(opts []Option, v string) (string, bool) {
	for _, o := range opts {
		if o.Value == v {
			return o.Label, true
		}
	}
	return "", false
}

// Label returns the status in plain words.
func (s Status) Label() string { l, _ := label(statuses, string(s)); return l }

// Valid reports whether s is a known status.
func (s Status) Valid() bool { _, ok := label(statuses, string(s)); return ok }

// Label returns the priority in plain words.
func (p Priority) Label() string { l, _ := label(priorities, string(p)); return l }

// Valid reports whether p is a known priority.
func (p Priority) Valid() bool { _, ok := label(priorities, string(p)); return ok }

// Valid reports whether r is a known role.
func (r Role) Valid() bool { _, ok := label(roles, string(r)); return ok }

// Label returns the role in plain words ("Support user").
func (r Role) Label() string { l, _ := label(roles, string(r)); return l }

// Valid reports whether k is a known contact kind.
func (k ContactKind) Valid() bool { _, ok := label(contactKinds, string(k)); return ok }

// ValidLeadStatus reports whether s is a known lead status.
func ValidLeadStatus(s string) bool { _, ok := label(leadStatuses, s); return ok }

// DefaultSubjects and DefaultSources are seeded when a workspace is created.
var (
	DefaultSubjects = []string{"Account Issue", "Document Request", "Technical Support", "General Inquiry", "Complaint"}
	DefaultSources  = []string{"Phone", "WhatsApp", "Email", "Walk-in", "App"}
)
