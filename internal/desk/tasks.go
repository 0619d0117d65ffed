package desk

import (
	"fmt"
	"strings"
)

// Activity kinds of the resolving SOP and of follow-up tasks.
const (
	ActResolution    = "resolution"         // the resolution summary given when a ticket is resolved
	ActConfirmed     = "customer_confirmed" // the customer confirmed the resolution (given when closing)
	ActTaskAdded     = "task_added"
	ActTaskCompleted = "task_completed"
	ActTaskReopened  = "task_reopened"
	MaxTemplateName  = 60
	MaxTaskTitle     = 200
)

// Template is a saved response for notes.
type Template struct {
	ID        string  `json:"id"`
	Name      string  `json:"name"`
	Body      string  `json:"body"`
	Shared    bool    `json:"shared"`
	Owner     UserRef `json:"owner"`
	CanEdit   bool    `json:"canEdit"`
	UpdatedAt string  `json:"updatedAt"`
}

// TemplateInput creates (empty id) or changes a template.
type TemplateInput struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Body   string `json:"body"`
	Shared bool   `json:"shared"`
}

// TemplateWarning is one problem in a template's body: an unknown variable
// (Variable names it) or a malformed brace.
type TemplateWarning struct {
	Variable string `json:"variable"`
	Message  string `json:"message"`
}

// RenderedTemplate is a template filled in for a ticket.
type RenderedTemplate struct {
	Text     string            `json:"text"`
	Warnings []TemplateWarning `json:"warnings"`
}

// TemplateVars are the variables a template may use, with what they hold.
var TemplateVars = []Option{
	{"customer.name", "The customer's or lead's name"},
	{"customer.mobile", "The ticket's mobile number"},
	{"ticket.number", "The ticket number as the desk writes it, e.g. #1042"},
	{"ticket.subjects", "The ticket's subjects, e.g. Complaint, Billing"},
	{"ticket.status", "The ticket's status, e.g. In Progress"},
	{"agent.name", "Your own name"},
}

func knownVar(name string) bool {
	for _, v := range TemplateVars {
		if v.Value == name {
			return true
		}
	}
	return false
}

// templatePart is a piece of a template body: literal text, or a variable.
type templatePart struct {
	text     string
	variable string // set for {{variable}}
	isVar    bool
}

// parseTemplate splits body into text and {{variables}} and reports the
// malformed braces: a "{{" never closed, a "}}" never opened, an empty or
// badly named variable. Malformed pieces stay literal text.
func parseTemplate(body string) ([]templatePart, []TemplateWarning) {
	var parts []templatePart
	var warns []TemplateWarning
	rest := body
	for rest != "" {
		open := strings.Index(rest, "{{")
		closeAt := strings.Index(rest, "}}")
		if closeAt >= 0 && (open < 0 || closeAt < open) {
			warns = append(warns, TemplateWarning{Message: `A "}}" has no "{{" before it`})
			parts = append(parts, templatePart{text: rest[:closeAt+2]})
			rest = rest[closeAt+2:]
			continue
		}
		if open < 0 {
			parts = append(parts, templatePart{text: rest})
			break
		}
		parts = append(parts, templatePart{text: rest[:open]})
		end := strings.Index(rest[open+2:], "}}")
		if end < 0 {
			warns = append(warns, TemplateWarning{Message: `A "{{" is never closed with "}}"`})
			parts = append(parts, templatePart{text: rest[open:]})
			break
		}
		inner := rest[open+2 : open+2+end]
		name := strings.TrimSpace(inner)
		switch {
		case name == "":
			warns = append(warns, TemplateWarning{Message: `An empty variable "{{}}"`})
			parts = append(parts, templatePart{text: rest[open : open+4+end]})
		case strings.ContainsAny(name, "{} \t\n"):
			warns = append(warns, TemplateWarning{Variable: name, Message: fmt.Sprintf("%q is not a variable name", name)})
			parts = append(parts, templatePart{text: rest[open : open+4+end]})
		default:
			if !knownVar(name) {
				warns = append(warns, TemplateWarning{Variable: name, Message: fmt.Sprintf("Unknown variable {{%s}}", name)})
			}
			parts = append(parts, templatePart{variable: name, isVar: true})
		}
		rest = rest[open+4+end:]
	}
	return parts, dedupeWarnings(warns)
}

func dedupeWarnings(ws []TemplateWarning) []TemplateWarning {
	out := []TemplateWarning{}
	seen := map[TemplateWarning]bool{}
	for _, w := range ws {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// CheckTemplate returns the warnings of a template body (none when it is
// fine): unknown variables (named) and malformed braces.
func CheckTemplate(body string) []TemplateWarning {
	_, w := parseTemplate(body)
	return w
}

// UnknownMark is how an unknown variable shows in rendered text: kept
// visible and marked, never dropped and never printed as if it were fine.
func UnknownMark(name string) string { return "[unknown: " + name + "]" }

// RenderTemplate fills body's variables from values. An unknown variable is
// left in the text marked as UnknownMark and reported in the warnings.
func RenderTemplate(body string, values map[string]string) RenderedTemplate {
	parts, warns := parseTemplate(body)
	var b strings.Builder
	for _, p := range parts {
		if !p.isVar {
			b.WriteString(p.text)
			continue
		}
		if v, ok := values[p.variable]; ok && knownVar(p.variable) {
			b.WriteString(v)
		} else {
			b.WriteString(UnknownMark(p.variable))
		}
	}
	return RenderedTemplate{Text: b.String(), Warnings: warns}
}

// Task is a follow-up task on a ticket.
type Task struct {
	ID           string  `json:"id"`
	TicketID     string  `json:"ticketId"`
	TicketNumber int64   `json:"ticketNumber"`
	ContactName  string  `json:"contactName"`
	Title        string  `json:"title"`
	Notes        string  `json:"notes"`
	Due          string  `json:"due"`
	Assignee     UserRef `json:"assignee"`
	CreatedBy    UserRef `json:"createdBy"`
	Done         bool    `json:"done"`
	DoneAt       string  `json:"doneAt"`
	Overdue      bool    `json:"overdue"`
}

// TaskInput creates (empty id; ticketId required) or edits a task. Due is
// RFC 3339; an empty assignee means the current user.
type TaskInput struct {
	ID         string `json:"id"`
	TicketID   string `json:"ticketId"`
	Title      string `json:"title"`
	Due        string `json:"due"`
	AssigneeID string `json:"assigneeId"`
	Notes      string `json:"notes"`
}

// Task list tabs.
const (
	TasksMine    = "mine"    // my open tasks
	TasksOverdue = "overdue" // everyone's open tasks past due
	TasksToday   = "today"   // everyone's open tasks due today (local day), not yet overdue
	TasksAll     = "all"     // every task, open ones first
)

// TaskCounts are the sidebar's task badges for the current user.
type TaskCounts struct {
	Open     int `json:"open"`
	Overdue  int `json:"overdue"`
	DueToday int `json:"dueToday"`
}

// StatusChange moves a ticket to another status. Resolution is the
// resolution summary (needed to move to Resolved unless an admin made it
// optional); CustomerConfirmed says the customer confirmed the resolution
// (needed to close).
type StatusChange struct {
	Status            string `json:"status"`
	Note              string `json:"note"`
	Resolution        string `json:"resolution"`
	CustomerConfirmed bool   `json:"customerConfirmed"`
}

// SOPRules are the workspace's rules for resolving.
type SOPRules struct {
	ResolutionOptional bool `json:"resolutionOptional"`
}

// SOPChecklist says how far a ticket is through the resolving SOP, from its
// own data: since it was last reopened, a resolution note was added and the
// customer confirmed; none of its tasks is open; it is Closed.
type SOPChecklist struct {
	ResolutionNote  bool `json:"resolutionNote"`
	CustomerConfirm bool `json:"customerConfirmed"`
	TasksCompleted  bool `json:"tasksCompleted"`
	Closed          bool `json:"closed"`
	OpenTasks       int  `json:"openTasks"`
}

// What a status move may need from the user (StatusMove.Needs), named as the
// fields of a StatusChange.
const (
	NeedResolution = "resolution"
	NeedConfirmed  = "customerConfirmed"
)

// StatusMove is one status a ticket can move to and what the move needs
// from the user. A move that needs nothing is made at once (and can be
// undone by moving back); one that needs something asks for it first.
type StatusMove struct {
	To    Status   `json:"to"`
	Label string   `json:"label"`
	Needs []string `json:"needs"`
}

// MoveNeeds says what a move to status needs under the resolving SOP: a
// resolution summary to Resolved (unless the rules make it optional), the
// customer's confirmation to Closed.
func MoveNeeds(to Status, rules SOPRules) []string {
	switch {
	case to == StatusResolved && !rules.ResolutionOptional:
		return []string{NeedResolution}
	case to == StatusClosed:
		return []string{NeedConfirmed}
	}
	return []string{}
}

// MovesFrom lists the statuses a ticket standing at from can move to, in
// the order of the workflow, each with what it needs.
func MovesFrom(from Status, rules SOPRules) []StatusMove {
	out := []StatusMove{}
	for _, o := range statuses {
		if Status(o.Value) == from {
			continue
		}
		out = append(out, StatusMove{To: Status(o.Value), Label: o.Label, Needs: MoveNeeds(Status(o.Value), rules)})
	}
	return out
}
