package desk

// AuditFilter narrows the audit trail. Empty fields do not filter. From and
// To are dates (YYYY-MM-DD, inclusive) in the local time zone given by
// Zone (an IANA name; UTC when empty).
type AuditFilter struct {
	ActorID string `json:"actorId"`
	Ticket  string `json:"ticket"` // a ticket number, "#12" or "12"
	Kind    string `json:"kind"`
	From    string `json:"from"`
	To      string `json:"to"`
	Zone    string `json:"zone"`
}

// AuditEntry is one change of the audit trail, in plain words.
type AuditEntry struct {
	Seq             int64  `json:"seq"`
	At              string `json:"at"` // RFC 3339, UTC
	ActorID         string `json:"actorId"`
	Actor           string `json:"actor"`
	Workstation     string `json:"workstation"`     // the installation id
	WorkstationName string `json:"workstationName"` // a short form, or "This workstation"
	Kind            string `json:"kind"`
	KindLabel       string `json:"kindLabel"`
	TicketNumber    int64  `json:"ticketNumber"` // 0 when the change is not about a ticket
	What            string `json:"what"`
	Old             string `json:"old"`
	New             string `json:"new"`
}

// AuditPage is one page of the audit trail, newest first.
type AuditPage struct {
	Entries []AuditEntry `json:"entries"`
	Total   int64        `json:"total"`
}

// AuditVerdict is what checking the audit trail found.
type AuditVerdict struct {
	OK      bool   `json:"ok"`
	Checked int64  `json:"checked"` // entries checked
	Message string `json:"message"` // in plain words
	// Problem is "edited", "deleted" or "reordered" ("" when OK).
	Problem string `json:"problem"`
	// The entry the problem was found at (zero when OK).
	Seq   int64  `json:"seq"`
	At    string `json:"at"`
	Kind  string `json:"kind"`
	Actor string `json:"actor"`
}

// AuditKinds lists the kinds of change the audit trail can be filtered by.
var AuditKinds = []Option{
	{Value: "ticket.create", Label: "Ticket created"},
	{Value: "ticket.set", Label: "Ticket changed"},
	{Value: "ticket.number", Label: "Ticket numbered"},
	{Value: "ticket.subject.add", Label: "Subject added"},
	{Value: "ticket.subject.remove", Label: "Subject removed"},
	{Value: "ticket.assignee.add", Label: "Assigned"},
	{Value: "ticket.assignee.remove", Label: "Unassigned"},
	{Value: "ticket.note", Label: "Note"},
	{Value: "ticket.attach", Label: "File attached"},
	{Value: "ticket.detach", Label: "File removed"},
	{Value: "task.create", Label: "Task added"},
	{Value: "task.edit", Label: "Task edited"},
	{Value: "task.complete", Label: "Task completed"},
	{Value: "task.reopen", Label: "Task reopened"},
	{Value: "contact.save", Label: "Customer or lead saved"},
	{Value: "contact.merge", Label: "Customers or leads merged"},
	{Value: "user.save", Label: "User saved"},
	{Value: "user.credential", Label: "PIN or password set"},
	{Value: "catalog.save", Label: "Subject or source saved"},
	{Value: "sla.save", Label: "SLA policies saved"},
	{Value: "workspace.init", Label: "Workspace set up"},
	{Value: "workspace.rule", Label: "Resolving rule saved"},
	{Value: "template.save", Label: "Template saved"},
	{Value: "template.delete", Label: "Template deleted"},
	{Value: "view.save", Label: "View saved"},
	{Value: "view.delete", Label: "View deleted"},
}

// AuditKindLabel returns the label of a kind of change, or the kind itself.
func AuditKindLabel(kind string) string {
	for _, o := range AuditKinds {
		if o.Value == kind {
			return o.Label
		}
	}
	return kind
}
