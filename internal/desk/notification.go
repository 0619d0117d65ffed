package desk

// Notification kinds.
const (
	NoteAssigned   = "assigned"    // you were added as an assignee
	NoteMention    = "mention"     // someone @mentioned you in a note
	NoteSLAWarning = "sla_warning" // an SLA clock is about to breach
	NoteSLABreach  = "sla_breach"  // an SLA clock breached
	NoteTaskDue    = "task_due"    // a follow-up task fell due
	NoteNewTicket  = "new_ticket"  // (managers, optional) a ticket was created
	NoteUnassigned = "unassigned"  // (managers, optional) a ticket lost its last assignee
)

// NotificationKinds lists every kind, with its label, in the order the
// preferences screen shows them.
var NotificationKinds = []Option{
	{NoteAssigned, "Assigned to me"},
	{NoteMention, "Mentions in notes"},
	{NoteSLAWarning, "SLA about to breach"},
	{NoteSLABreach, "SLA breached"},
	{NoteTaskDue, "Follow-up task due"},
	{NoteNewTicket, "Every new ticket (managers)"},
	{NoteUnassigned, "Tickets left unassigned (managers)"},
}

// Notification is one entry of a user's notification center.
type Notification struct {
	ID           string `json:"id"`
	Kind         string `json:"kind"`
	TicketID     string `json:"ticketId"`
	TicketNumber int64  `json:"ticketNumber"`
	Title        string `json:"title"`
	Body         string `json:"body"`
	CreatedAt    string `json:"createdAt"`
	Read         bool   `json:"read"`
}

// NotificationList is the notification center: newest first, with the unread count.
type NotificationList struct {
	Items  []Notification `json:"items"`
	Unread int            `json:"unread"`
}

// NotificationPrefs are one user's notification preferences on this
// workstation. DesktopKinds reach the desktop; the others stay in-app. During
// do-not-disturb hours (local wall-clock "HH:MM", may span midnight) nothing
// reaches the desktop. NewTickets and Unassigned ask (managers and admins) to
// hear of every new ticket and every ticket left with nobody assigned.
type NotificationPrefs struct {
	DesktopKinds []string `json:"desktopKinds"`
	DNDEnabled   bool     `json:"dndEnabled"`
	DNDStart     string   `json:"dndStart"`
	DNDEnd       string   `json:"dndEnd"`
	NewTickets   bool     `json:"newTickets"`
	Unassigned   bool     `json:"unassigned"`
}

// DefaultNotificationPrefs sends every kind to the desktop, with no quiet hours.
func DefaultNotificationPrefs() NotificationPrefs {
	p := NotificationPrefs{DNDStart: "20:00", DNDEnd: "08:00"}
	for _, k := range NotificationKinds {
		p.DesktopKinds = append(p.DesktopKinds, k.Value)
	}
	return p
}

// ValidNotificationKind reports whether k is a known kind.
func ValidNotificationKind(k string) bool { _, ok := label(NotificationKinds, k); return ok }
