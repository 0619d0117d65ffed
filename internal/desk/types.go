package desk

import "fmt"

// The types below cross into the frontend as JSON (camelCase). Times are RFC 3339
// strings in UTC; ids are UUIDv7 strings.

// User is a person who works tickets on this desk.
type User struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Role   Role   `json:"role"`
	Active bool   `json:"active"`
}

// UserRef names a user in lists and feeds.
type UserRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// AppState is what the shell needs at start: is there a workspace, and who is
// signed in on this workstation.
type AppState struct {
	Initialized bool   `json:"initialized"`
	OrgName     string `json:"orgName"`
	CurrentUser *User  `json:"currentUser"`
	DataDir     string `json:"dataDir"`
}

// CatalogItem is a ticket subject or a source.
type CatalogItem struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Active bool   `json:"active"`
}

// Contact is a customer or a lead.
type Contact struct {
	ID         string      `json:"id"`
	Kind       ContactKind `json:"kind"`
	Name       string      `json:"name"`
	Mobile     string      `json:"mobile"`
	Email      string      `json:"email"`
	LeadStatus string      `json:"leadStatus"`
	CreatedAt  string      `json:"createdAt"`
	UpdatedAt  string      `json:"updatedAt"`
}

// ContactDetail is a contact with its ticket history, newest first.
type ContactDetail struct {
	Contact Contact         `json:"contact"`
	Tickets []TicketSummary `json:"tickets"`
}

// TicketSummary is one row of the queue.
type TicketSummary struct {
	ID          string        `json:"id"`
	Number      int64         `json:"number"`
	Status      Status        `json:"status"`
	Priority    Priority      `json:"priority"`
	Subjects    []CatalogItem `json:"subjects"`
	ContactID   string        `json:"contactId"`
	ContactName string        `json:"contactName"`
	ContactKind ContactKind   `json:"contactKind"`
	Mobile      string        `json:"mobile"`
	SourceID    string        `json:"sourceId"`
	SourceName  string        `json:"sourceName"`
	Assignees   []UserRef     `json:"assignees"`
	CreatedAt   string        `json:"createdAt"`
	UpdatedAt   string        `json:"updatedAt"`
	SLA         *SLABadge     `json:"sla"`
}

// Activity is one entry of a ticket's feed.
type Activity struct {
	ID        string  `json:"id"`
	Kind      string  `json:"kind"`
	Actor     UserRef `json:"actor"`
	Body      string  `json:"body"`
	From      string  `json:"from"`
	To        string  `json:"to"`
	CreatedAt string  `json:"createdAt"`
	// Channel is the channel of a note that records a reply to the customer ("" otherwise).
	Channel string `json:"channel"`
}

// Activity kinds.
const (
	ActCreated         = "created"
	ActNote            = "note"
	ActStatus          = "status"
	ActPriority        = "priority"
	ActSubjectAdded    = "subject_added"
	ActSubjectRemoved  = "subject_removed"
	ActAssigneeAdded   = "assignee_added"
	ActAssigneeRemoved = "assignee_removed"
	ActContact         = "contact"
	ActMobile          = "mobile"
	ActSource          = "source"
	ActDescription     = "description"
	ActAttached        = "attachment_added"
	ActDetached        = "attachment_removed"
)

// TicketDetail is everything the ticket screen shows.
type TicketDetail struct {
	Ticket       TicketSummary   `json:"ticket"`
	Description  string          `json:"description"`
	CreatedBy    UserRef         `json:"createdBy"`
	Contact      Contact         `json:"contact"`
	OtherTickets []TicketSummary `json:"otherTickets"`
	Activity     []Activity      `json:"activity"`
	Attachments  []Attachment    `json:"attachments"`
	SLA          *TicketSLA      `json:"sla"`
	Tasks        []Task          `json:"tasks"` // the ticket's follow-up tasks, open first, by due time
	SOP          SOPChecklist    `json:"sop"`   // how far it is through the resolving SOP
	// Conflicts lists the fields whose value won over an edit made on another
	// machine at the same time, without seeing it.
	Conflicts []FieldConflict `json:"conflicts"`
}

// FieldConflict is a ticket field changed on two machines at once: the value
// shown won (the later edit), Other is the value that lost, By who set it.
type FieldConflict struct {
	Field string  `json:"field"` // status, priority, contact, mobile, source, description
	Other string  `json:"other"` // the value that lost, in plain words
	By    UserRef `json:"by"`
	At    string  `json:"at"` // when the losing edit was made, RFC 3339
}

// Queue views.
const (
	ViewMine = "mine"
	ViewAll  = "all"
)

// Queue sort orders.
const (
	SortUpdated = "updated"
	SortCreated = "created"
)

// TicketFilter selects a page of the queue. Empty lists mean "any".
type TicketFilter struct {
	View        string   `json:"view"`
	Statuses    []string `json:"statuses"`
	AssigneeIDs []string `json:"assigneeIds"`
	SubjectIDs  []string `json:"subjectIds"`
	SourceIDs   []string `json:"sourceIds"`
	Priorities  []string `json:"priorities"`
	SLA         string   `json:"sla"`         // "", breaching_soon or breached
	CreatedFrom string   `json:"createdFrom"` // "2006-01-02" or "": created on or after this local date
	CreatedTo   string   `json:"createdTo"`   // "2006-01-02" or "": created on or before this local date
	Sort        string   `json:"sort"`
	Offset      int      `json:"offset"`
	Limit       int      `json:"limit"`
}

// QueueCounts gives the size of each view under the same quick filters.
type QueueCounts struct {
	Mine int `json:"mine"`
	All  int `json:"all"`
}

// TicketPage is one page of the queue.
type TicketPage struct {
	Rows   []TicketSummary `json:"rows"`
	Total  int             `json:"total"`
	Counts QueueCounts     `json:"counts"`
}

// NewTicket is the create form.
type NewTicket struct {
	SubjectIDs  []string `json:"subjectIds"`
	ContactID   string   `json:"contactId"`
	Mobile      string   `json:"mobile"`
	SourceID    string   `json:"sourceId"`
	Description string   `json:"description"`
	Priority    string   `json:"priority"`
}

// TicketEdit is the editable set of a ticket's details; unchanged values make
// no change.
type TicketEdit struct {
	Mobile      string `json:"mobile"`
	SourceID    string `json:"sourceId"`
	Description string `json:"description"`
}

// ContactInput creates (empty ID) or edits a customer or lead.
type ContactInput struct {
	ID         string `json:"id"`
	Kind       string `json:"kind"`
	Name       string `json:"name"`
	Mobile     string `json:"mobile"`
	Email      string `json:"email"`
	LeadStatus string `json:"leadStatus"`
}

// UserInput creates (empty ID) or edits a user.
type UserInput struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Role   string `json:"role"`
	Active bool   `json:"active"`
}

// CatalogInput creates (empty ID) or edits a subject or a source.
type CatalogInput struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Active bool   `json:"active"`
}

// Attachment is a file attached to a ticket.
type Attachment struct {
	ID       string  `json:"id"`
	TicketID string  `json:"ticketId"`
	Name     string  `json:"name"`
	Size     int64   `json:"size"`
	MIME     string  `json:"mime"`
	Hash     string  `json:"hash"`
	AddedBy  UserRef `json:"addedBy"`
	AddedAt  string  `json:"addedAt"`
	Preview  bool    `json:"preview"` // an image or a PDF the ticket can show
}

// StoredFile is a file already in the content-addressed store, ready to be
// recorded as an attachment.
type StoredFile struct {
	Hash string
	Name string
	Size int64
	MIME string
}

// TicketLabel writes a ticket number as people read it: "#1042", or "P-3"
// for a provisional number (zero or less), which a ticket made on a
// workstation in a team carries until the team hub numbers it.
func TicketLabel(number int64) string {
	if number <= 0 {
		return fmt.Sprintf("P-%d", -number)
	}
	return fmt.Sprintf("#%d", number)
}
