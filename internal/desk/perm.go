package desk

import (
	"fmt"
	"slices"
	"strings"
)

// Action is something a signed-in user may or may not do. Permissions is the
// one table of who may do what: the bound services check it before every
// call, the operation kinds take their roles from it and the team hub
// enforces the same roles.
type Action string

const (
	// ActWork is what every signed-in user does: read the catalog, their
	// notifications and tasks, create tickets and work the tickets they see.
	ActWork Action = "work"
	// ActSeeAll is seeing every ticket; without it a user sees only the
	// tickets they created or are assigned to (in the queue, search, the
	// ticket screen, the dashboard and the tasks).
	ActSeeAll Action = "see_all"
	// ActReassign is adding other people to a ticket or taking them off it.
	ActReassign Action = "reassign"
	// ActCloseOthers is resolving or closing a ticket one neither created
	// nor is assigned to.
	ActCloseOthers Action = "close_others"
	// ActBulk is acting on many tickets at once.
	ActBulk Action = "bulk"
	// ActDeleteAttachments is removing attachments from tickets.
	ActDeleteAttachments Action = "delete_attachments"
	// ActExport is exporting the ticket list as CSV or XLSX.
	ActExport Action = "export"
	// ActImport is importing customers and leads from CSV or XLSX files.
	ActImport Action = "import"
	// ActTeamDashboard is the Team dashboard: the team's charts, reports and
	// their numbers as CSV.
	ActTeamDashboard Action = "team_dashboard"
	// ActMergeContacts is listing possible duplicate customers and leads and
	// merging two records into one.
	ActMergeContacts Action = "merge_contacts"
	// ActConfigurePrinting is the workstation's printing setup (the receipt
	// after a new ticket, its paper size).
	ActConfigurePrinting Action = "configure_printing"
	// ActShare is making shared saved views and templates.
	ActShare Action = "share"
	// ActSetInbox is choosing the scan inbox folder and attachment limits.
	ActSetInbox Action = "set_inbox"
	// ActConfigureCatalog is adding, renaming and retiring subjects and sources.
	ActConfigureCatalog Action = "configure_catalog"
	// ActConfigureSLA is changing SLA policies and business hours.
	ActConfigureSLA Action = "configure_sla"
	// ActConfigureRules is changing the resolving rules (SOP).
	ActConfigureRules Action = "configure_rules"
	// ActManageUsers is adding users, changing roles, resetting PINs and
	// setting the idle lock time.
	ActManageUsers Action = "manage_users"
	// ActConfigureTeam is joining and leaving a team hub and reading what it refused.
	ActConfigureTeam Action = "configure_team"
	// ActAudit is reading and verifying the audit trail.
	ActAudit Action = "audit"
	// ActBackup is backing up, restoring and checking attachments.
	ActBackup Action = "backup"
)

// Permission is one row of the permission table.
type Permission struct {
	Action Action
	Label  string // what it allows, in plain words
	Roles  []Role // who may
}

// AllRoles lists the roles, most powerful first.
var AllRoles = []Role{RoleAdmin, RoleManager, RoleSupport, RoleSales}

var (
	staff     = []Role{RoleAdmin, RoleManager, RoleSupport}
	managers  = []Role{RoleAdmin, RoleManager}
	adminOnly = []Role{RoleAdmin}
)

// Permissions is the permission table, in the order the README shows it.
var Permissions = []Permission{
	{ActWork, "Create tickets and work the tickets they see (notes, status, subjects, tasks, attachments)", AllRoles},
	{ActSeeAll, "See every ticket (otherwise only the ones they created or are assigned to)", staff},
	{ActReassign, "Assign other people to a ticket or take them off", staff},
	{ActCloseOthers, "Resolve or close tickets they neither created nor are assigned to", managers},
	{ActBulk, "Act on many tickets at once", managers},
	{ActDeleteAttachments, "Delete attachments", managers},
	{ActExport, "Export the ticket list as CSV or XLSX", managers},
	{ActImport, "Import customers and leads from CSV or XLSX", managers},
	{ActTeamDashboard, "See the Team dashboard and export its numbers", managers},
	{ActShare, "Share saved views and templates with everyone", managers},
	{ActSetInbox, "Set the scan inbox folder and attachment limits", managers},
	{ActConfigureCatalog, "Configure subjects and sources", adminOnly},
	{ActConfigureSLA, "Configure SLA policies and business hours", adminOnly},
	{ActConfigureRules, "Configure the resolving rules", adminOnly},
	{ActMergeContacts, "Merge duplicate customers and leads", adminOnly},
	{ActConfigurePrinting, "Set up printing (receipt after a new ticket, paper size)", adminOnly},
	{ActManageUsers, "Manage users and roles, reset PINs, set the idle lock", adminOnly},
	{ActConfigureTeam, "Join and leave a team hub, see the changes it refused", adminOnly},
	{ActAudit, "See and verify the audit trail", adminOnly},
	{ActBackup, "Back up, restore and check attachments", adminOnly},
}

// RolesFor returns the roles that may do a (a fresh slice). It panics for an
// action missing from the table: a programming error caught by any test.
func RolesFor(a Action) []Role {
	for _, p := range Permissions {
		if p.Action == a {
			return slices.Clone(p.Roles)
		}
	}
	panic("desk: no permission row for action " + string(a))
}

// Can reports whether role r may do a.
func Can(r Role, a Action) bool { return slices.Contains(RolesFor(a), r) }

// LabelOf returns what a allows, in plain words.
func LabelOf(a Action) string {
	for _, p := range Permissions {
		if p.Action == a {
			return p.Label
		}
	}
	return string(a)
}

// Forbidden returns the EFORBIDDEN error of role r refused action a.
func Forbidden(r Role, a Action) *Error {
	what := firstClause(LabelOf(a))
	return Errorf(EFORBIDDEN, "A %s may not do this (%s)", strings.ToLower(r.Label()), strings.ToLower(what[:1])+what[1:])
}

// ErrSignedOut is the refusal of every call but signing in while nobody is
// signed in (or the desk is locked).
func ErrSignedOut() *Error { return Errorf(EFORBIDDEN, "Sign in first") }

func firstClause(s string) string {
	if i := strings.Index(s, " ("); i > 0 {
		return s[:i]
	}
	return s
}

// PermissionMatrix renders the permission table as a Markdown table, one row
// per action and one column per role (the README carries it verbatim).
func PermissionMatrix() string {
	var b strings.Builder
	b.WriteString("| may … |")
	for _, r := range AllRoles {
		fmt.Fprintf(&b, " %s |", r.Label())
	}
	b.WriteString("\n|---|")
	for range AllRoles {
		b.WriteString(":---:|")
	}
	b.WriteString("\n")
	for _, p := range Permissions {
		fmt.Fprintf(&b, "| %s |", p.Label)
		for _, r := range AllRoles {
			if slices.Contains(p.Roles, r) {
				b.WriteString(" yes |")
			} else {
				b.WriteString(" — |")
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}
