package store

import (
	"encoding/json"
	"fmt"
	"strings"

	"deskline/internal/desk"
)

// auditPayload holds the fields of every kind's payload the audit trail
// shows; a kind fills the ones it has.
type auditPayload struct {
	Field   string `json:"field"`
	From    string `json:"from"`
	To      string `json:"to"`
	Name    string `json:"name"`
	Title   string `json:"title"`
	Body    string `json:"body"`
	Kind    string `json:"kind"`
	Role    string `json:"role"`
	Active  *bool  `json:"active"`
	Key     string `json:"key"`
	Value   string `json:"value"`
	Number  int64  `json:"number"`
	OrgName string `json:"orgName"`
	Mobile  string `json:"mobile"`
	Channel string `json:"channel"`
	// IntoName is the surviving record's name in a merge.
	IntoName string `json:"intoName"`
}

// ticketFieldNames are the ticket fields as people name them.
var ticketFieldNames = map[string]string{
	"status": "Status", "priority": "Priority", "contact": "Customer", "mobile": "Mobile number",
	"source": "Source", "description": "Description",
}

// describeOp says in plain words what a change did ("Status: Open → In
// Progress on #12") and, when it changed a value, the old and the new one.
// Payloads carry the feed's wording (a ticket change its from and to, the
// others the names they concern).
func describeOp(kind, payload string, ticket int64, actor string) (what, old, new string) {
	var p auditPayload
	_ = json.Unmarshal([]byte(payload), &p) // a kind without these fields shows its label
	on := ""
	if ticket != 0 {
		on = " on " + ticketRef(ticket)
	}
	switch kind {
	case OpTicketCreate:
		n := ticket
		if n == 0 {
			n = p.Number
		}
		return "Ticket " + ticketRef(n) + " created", "", ""
	case OpTicketSet:
		field := ticketFieldNames[p.Field]
		if field == "" {
			field = p.Field
		}
		if p.Field == "description" {
			return "Description changed" + on, short(p.From), short(p.To)
		}
		return fmt.Sprintf("%s: %s → %s%s", field, orNone(p.From), orNone(p.To), on), p.From, p.To
	case OpTicketNumber:
		return fmt.Sprintf("Ticket numbered #%d by the team hub", p.Number), "", fmt.Sprintf("#%d", p.Number)
	case OpSubjectAdd:
		return "Subject " + quote(p.Name) + " added" + on, "", p.Name
	case OpSubjectRemove:
		return "Subject " + quote(p.Name) + " removed" + on, p.Name, ""
	case OpAssigneeAdd:
		return "Assigned to " + p.Name + on, "", p.Name
	case OpAssigneeRemove:
		return p.Name + " unassigned" + on, p.Name, ""
	case OpNote:
		if p.Channel != "" {
			return "Reply to the customer noted" + on, "", short(p.Body)
		}
		return "Note" + on, "", short(p.Body)
	case OpAttach:
		return "File " + quote(p.Name) + " attached" + on, "", p.Name
	case OpDetach:
		return "File " + quote(p.Name) + " removed" + on, p.Name, ""
	case OpTaskCreate:
		return "Task " + quote(p.Title) + " added" + on, "", p.Title
	case OpTaskEdit:
		return "Task " + quote(p.Title) + " edited" + on, "", p.Title
	case OpTaskComplete:
		return "Task " + quote(p.Title) + " completed" + on, "", ""
	case OpTaskReopen:
		return "Task " + quote(p.Title) + " reopened" + on, "", ""
	case OpContactSave:
		what := "Customer"
		if p.Kind == string(desk.KindLead) {
			what = "Lead"
		}
		return fmt.Sprintf("%s %s saved", what, p.Name), "", strings.TrimSpace(p.Name + " " + p.Mobile)
	case OpContactMerge:
		return fmt.Sprintf("%s merged into %s", p.Name, p.IntoName), p.Name, p.IntoName
	case OpUserSave:
		state := ""
		if p.Active != nil && !*p.Active {
			state = ", inactive"
		}
		role := desk.Role(p.Role).Label()
		return fmt.Sprintf("User %s saved (%s%s)", p.Name, role, state), "", role
	case OpUserCredential:
		return "PIN or password set", "", ""
	case OpCatalogSave:
		what := "Subject"
		if p.Kind == string(desk.CatalogSource) {
			what = "Source"
		}
		state := ""
		if p.Active != nil && !*p.Active {
			state = " (inactive)"
		}
		return fmt.Sprintf("%s %s saved%s", what, quote(p.Name), state), "", p.Name
	case OpSLASave:
		return "SLA policies saved", "", ""
	case OpWorkspaceInit:
		return "Workspace " + quote(p.OrgName) + " set up", "", p.OrgName
	case OpRuleSave:
		return "Resolving rule " + quote(p.Key) + " saved", "", short(p.Value)
	case OpTemplateSave:
		return "Template " + quote(p.Name) + " saved", "", ""
	case OpTemplateDelete:
		return "Template deleted", "", ""
	case OpViewSave:
		return "View " + quote(p.Name) + " saved", "", ""
	case OpViewDelete:
		return "View deleted", "", ""
	}
	return desk.AuditKindLabel(kind) + on, "", ""
}

func ticketRef(n int64) string {
	if n < 0 {
		return fmt.Sprintf("P-%d", -n)
	}
	if n == 0 {
		return "(provisional)"
	}
	return fmt.Sprintf("#%d", n)
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func quote(s string) string { return "“" + s + "”" }

// short is a long text cut to a line for the trail.
func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 120 {
		return string(r[:119]) + "…"
	}
	return s
}
