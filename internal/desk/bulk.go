package desk

// Bulk actions: one change applied to many tickets of the queue at once.
const (
	BulkClose       = "close"        // close the Resolved ones; others are skipped
	BulkSetStatus   = "set_status"   // move to Status
	BulkAssign      = "assign"       // add UserIDs to the assignees
	BulkUnassign    = "unassign"     // take UserID off
	BulkSetPriority = "set_priority" // change to Priority
	BulkAddSubject  = "add_subject"  // add SubjectID
	BulkAddNote     = "add_note"     // add the same Note to each
)

// BulkActions lists the bulk actions with their labels.
var BulkActions = []Option{
	{BulkClose, "Bulk Close"},
	{BulkSetStatus, "Change status"},
	{BulkAssign, "Assign"},
	{BulkUnassign, "Unassign"},
	{BulkSetPriority, "Change priority"},
	{BulkAddSubject, "Add subject"},
	{BulkAddNote, "Add note"},
}

// MaxBulkTickets is the most tickets one bulk action takes, and the most
// "select all in this view" selects.
const MaxBulkTickets = 1000

// BulkRequest is one bulk action over the selected tickets. Which of the
// other fields count depends on Action.
type BulkRequest struct {
	// JobID names the run in its progress events; the caller may choose it
	// (to tell its own events apart) or leave it empty.
	JobID     string   `json:"jobId"`
	TicketIDs []string `json:"ticketIds"`
	Action    string   `json:"action"`
	Status    string   `json:"status"`    // set_status
	UserIDs   []string `json:"userIds"`   // assign
	UserID    string   `json:"userId"`    // unassign
	Priority  string   `json:"priority"`  // set_priority
	SubjectID string   `json:"subjectId"` // add_subject
	// Note is the note of add_note, and an optional note recorded with a
	// status change (close, set_status).
	Note string `json:"note"`
	// Resolution is the resolution summary of set_status to Resolved, the
	// same for every ticket (required unless an admin made it optional).
	Resolution string `json:"resolution"`
	// CustomerConfirmed records, for close (and set_status to Closed), that
	// the customers confirmed the resolution of every selected ticket.
	CustomerConfirmed bool `json:"customerConfirmed"`
}

// BulkSkip is a selected ticket the action left as it was, and why.
type BulkSkip struct {
	TicketID string `json:"ticketId"`
	Number   int64  `json:"number"`
	Reason   string `json:"reason"`
}

// BulkResult says what a bulk action did: how many tickets it changed and
// which it skipped, with the reason in plain words. Summary reads like
// "12 closed, 3 skipped".
type BulkResult struct {
	JobID   string     `json:"jobId"`
	Action  string     `json:"action"`
	Total   int        `json:"total"`
	Done    int        `json:"done"`
	DoneIDs []string   `json:"doneIds"`
	Skipped []BulkSkip `json:"skipped"`
	Summary string     `json:"summary"`
}

// BulkProgress is the payload of the bulk progress event.
type BulkProgress struct {
	JobID string `json:"jobId"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
}

// TicketIDList is every ticket id of a queue view under its filters, for
// "select all in this view", up to MaxBulkTickets. Capped says there were
// more (Total counts them all) and Message says so in plain words.
type TicketIDList struct {
	IDs     []string `json:"ids"`
	Total   int      `json:"total"`
	Capped  bool     `json:"capped"`
	Message string   `json:"message"`
}
