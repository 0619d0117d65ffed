package desk

import "deskline/internal/sla"

// SLAConfig is the workspace's SLA setup: business calendars, the ordered
// policies (first match wins) and the default policy for tickets no policy
// matches. Changes apply to tickets opened after them.
type SLAConfig struct {
	Calendars []sla.Calendar `json:"calendars"`
	Policies  []sla.Policy   `json:"policies"`
	Default   sla.Policy     `json:"default"`
}

// SLABadge is the queue's view of a ticket's SLA: the clock that matters
// next, its state (running, warning, paused, breached, met, met_late) and the
// time left or overdue, in seconds of the policy's time.
type SLABadge struct {
	Clock string `json:"clock"`
	State string `json:"state"`
	Due   string `json:"due"`
	// ResumeDue is a paused clock's due time were it to run again now.
	ResumeDue string `json:"resumeDue"`
	// Business is set when the times count business hours, not the clock's.
	Business       bool  `json:"business"`
	LeftSeconds    int64 `json:"leftSeconds"`
	OverdueSeconds int64 `json:"overdueSeconds"`
}

// SLAClock is one clock of a ticket as the ticket screen shows it. Durations
// are in seconds; Elapsed, Left and Overdue count the policy's time (business
// or calendar), Paused the time spent waiting for the customer.
type SLAClock struct {
	Kind           string `json:"kind"`
	Label          string `json:"label"`
	State          string `json:"state"`
	Warning        bool   `json:"warning"`
	Due            string `json:"due"`
	ResumeDue      string `json:"resumeDue"`
	TargetSeconds  int64  `json:"targetSeconds"`
	ElapsedSeconds int64  `json:"elapsedSeconds"`
	PausedSeconds  int64  `json:"pausedSeconds"`
	LeftSeconds    int64  `json:"leftSeconds"`
	OverdueSeconds int64  `json:"overdueSeconds"`
}

// TicketSLA is a ticket's SLA: the policy it runs under and its clocks.
type TicketSLA struct {
	PolicyName string     `json:"policyName"`
	Mode       string     `json:"mode"`
	NoSLA      bool       `json:"noSla"`
	Clocks     []SLAClock `json:"clocks"`
}

// Note channels: a note with a channel records a communication with the
// customer (and meets the first-response clock); without one it is internal.
var NoteChannels = []Option{
	{"call", "Call"},
	{"whatsapp", "WhatsApp"},
	{"email", "Email"},
	{"in_person", "In person"},
}

// ValidNoteChannel reports whether c is "" (an internal note) or a known channel.
func ValidNoteChannel(c string) bool {
	if c == "" {
		return true
	}
	_, ok := label(NoteChannels, c)
	return ok
}

// SLA filters of the queue.
const (
	SLABreachingSoon = "breaching_soon"
	SLABreached      = "breached"
	SortNextDue      = "next_due"
)

// ActSLA is the kind of a feed entry that says a clock was met or breached.
const ActSLA = "sla"
