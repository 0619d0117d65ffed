package app

import (
	"slices"

	"deskline/internal/desk"
)

// What a user without desk.ActSeeAll (a sales user) sees: the tickets they
// created or are assigned to. The queue shows them the tickets assigned to
// them; a ticket they may not see is "not found", as if it did not exist.

// seesAll reports whether u sees every ticket.
func seesAll(u desk.User) bool { return desk.Can(u.Role, desk.ActSeeAll) }

// scopeFilter limits a queue filter to what u may see.
func scopeFilter(u desk.User, f desk.TicketFilter) desk.TicketFilter {
	if !seesAll(u) {
		f.View = desk.ViewMine
	}
	return f
}

// scopePage hides the size of the views u may not see.
func scopePage(u desk.User, p desk.TicketPage) desk.TicketPage {
	if !seesAll(u) {
		p.Counts.All = p.Counts.Mine
	}
	return p
}

// ownsTicket reports whether u created ticket d or is assigned to it.
func ownsTicket(u desk.User, d desk.TicketDetail) bool {
	if d.CreatedBy.ID == u.ID {
		return true
	}
	return slices.ContainsFunc(d.Ticket.Assignees, func(a desk.UserRef) bool { return a.ID == u.ID })
}

// ticketFor returns ticket id as u may see it. Returns ENOTFOUND for a ticket
// that does not exist or that u may not see.
func (c *core) ticketFor(u desk.User, id string) (desk.TicketDetail, error) {
	d, err := c.store.GetTicket(bg, id)
	if err != nil {
		return d, err
	}
	if !seesAll(u) && !ownsTicket(u, d) {
		return desk.TicketDetail{}, desk.NotFound("ticket")
	}
	return d, nil
}

// mayTouch returns ENOTFOUND unless u may see ticket id (without reading it
// for a user who sees every ticket).
func (c *core) mayTouch(u desk.User, id string) error {
	if seesAll(u) {
		return nil
	}
	_, err := c.ticketFor(u, id)
	return err
}

// open marks, in methodActions, a method that answers while nobody is signed
// in: the welcome, sign-in and recovery screens need them.
const open desk.Action = ""

// methodActions is the action of the permission table each bound method
// needs, "Service.Method" → action. TestMethodMatrix calls every bound
// method as every role and signed out and checks the answers against this
// and desk.Permissions; a bound method missing here fails it.
var methodActions = map[string]desk.Action{
	"AboutService.About": open,

	"SetupService.State": open, "SetupService.Initialize": open, "SetupService.Vocabulary": open,

	"SessionService.State": open, "SessionService.SignIn": open, "SessionService.SetFirstPIN": open,
	"SessionService.SignOut": open, "SessionService.Lock": open, "SessionService.Touch": open,
	"SessionService.ChangePIN": desk.ActWork,

	// In recovery (a database that cannot be read, so nobody can sign in)
	// these answer everyone; on a healthy desk they are a backup admin's.
	"RecoveryService.State": open, "RecoveryService.FullCheck": desk.ActBackup, "RecoveryService.RestoreLatest": desk.ActBackup,
	"RecoveryService.RestoreBackup": desk.ActBackup, "RecoveryService.RestoreFile": desk.ActBackup,

	"UserService.List": desk.ActWork, "UserService.Save": desk.ActManageUsers,
	"UserService.SetPIN": desk.ActManageUsers, "UserService.SetLockMinutes": desk.ActManageUsers,

	"CatalogService.ListSubjects": desk.ActWork, "CatalogService.ListSources": desk.ActWork,
	"CatalogService.SaveSubject": desk.ActConfigureCatalog, "CatalogService.SaveSource": desk.ActConfigureCatalog,

	"ContactService.Search": desk.ActWork, "ContactService.Get": desk.ActWork, "ContactService.Save": desk.ActWork,
	"ContactService.ConvertToCustomer": desk.ActWork, "ContactService.WithMobile": desk.ActWork,
	"ContactService.Duplicates": desk.ActMergeContacts, "ContactService.Merge": desk.ActMergeContacts,

	"TicketService.List": desk.ActWork, "TicketService.Get": desk.ActWork, "TicketService.IDByNumber": desk.ActWork,
	"TicketService.Create": desk.ActWork, "TicketService.SetPriority": desk.ActWork, "TicketService.AddNote": desk.ActWork,
	"TicketService.AddSubject": desk.ActWork, "TicketService.RemoveSubject": desk.ActWork,
	"TicketService.AddAssignees": desk.ActWork, "TicketService.RemoveAssignee": desk.ActWork,
	"TicketService.LinkContact": desk.ActWork, "TicketService.Edit": desk.ActWork, "TicketService.ChangeStatus": desk.ActWork,
	"TicketService.Bulk": desk.ActBulk, "TicketService.ListIDs": desk.ActBulk,

	"NotificationService.List": desk.ActWork, "NotificationService.MarkRead": desk.ActWork,
	"NotificationService.MarkAllRead": desk.ActWork, "NotificationService.Prefs": desk.ActWork,
	"NotificationService.SavePrefs": desk.ActWork, "NotificationService.Kinds": desk.ActWork,

	"AttachmentService.Choose": desk.ActWork, "AttachmentService.AttachPaths": desk.ActWork,
	"AttachmentService.Open": desk.ActWork, "AttachmentService.SaveAs": desk.ActWork, "AttachmentService.Limits": desk.ActWork,
	"AttachmentService.Remove": desk.ActDeleteAttachments, "AttachmentService.SaveLimits": desk.ActSetInbox,
	"AttachmentService.Check": desk.ActBackup,

	"SLAService.Config": desk.ActWork, "SLAService.NoteChannels": desk.ActWork, "SLAService.Save": desk.ActConfigureSLA,

	"InboxService.State": desk.ActWork, "InboxService.Attach": desk.ActWork, "InboxService.AttachToNumber": desk.ActWork,
	"InboxService.SetFolder": desk.ActSetInbox,

	"DashboardService.Team": desk.ActSeeAll, "DashboardService.TeamInsight": desk.ActTeamDashboard,
	"DashboardService.ExportPanel": desk.ActTeamDashboard,
	"DashboardService.Mine":        desk.ActWork, "DashboardService.MarkMineSeen": desk.ActWork,
	"SearchService.Search": desk.ActWork,
	"ViewService.List":     desk.ActWork, "ViewService.Save": desk.ActWork, "ViewService.Delete": desk.ActWork,

	"TemplateService.List": desk.ActWork, "TemplateService.Variables": desk.ActWork, "TemplateService.Check": desk.ActWork,
	"TemplateService.Save": desk.ActWork, "TemplateService.Delete": desk.ActWork, "TemplateService.Render": desk.ActWork,

	"TaskService.List": desk.ActWork, "TaskService.Counts": desk.ActWork, "TaskService.Save": desk.ActWork,
	"TaskService.Complete": desk.ActWork, "TaskService.Reopen": desk.ActWork,

	"SOPService.Rules": desk.ActWork, "SOPService.MovesFrom": desk.ActWork, "SOPService.SaveRules": desk.ActConfigureRules,

	"TeamService.Status": desk.ActWork, "TeamService.SyncNow": desk.ActWork,
	"TeamService.Rejections": desk.ActConfigureTeam, "TeamService.Test": desk.ActConfigureTeam,
	"TeamService.Join": desk.ActConfigureTeam, "TeamService.Leave": desk.ActConfigureTeam,

	"AuditService.List": desk.ActAudit, "AuditService.Kinds": desk.ActAudit, "AuditService.Verify": desk.ActAudit,
	"AuditService.ExportCSV": desk.ActAudit,

	"ExportService.ChooseFile": desk.ActExport, "ExportService.Start": desk.ActExport, "ExportService.Cancel": desk.ActExport,
	"ImportService.ChooseFile": desk.ActImport, "ImportService.Preview": desk.ActImport, "ImportService.Run": desk.ActImport,
	"ImportService.SaveErrors": desk.ActImport,

	"PrintService.Receipt": desk.ActWork, "PrintService.Ticket": desk.ActWork, "PrintService.OpenInBrowser": desk.ActWork,
	"PrintService.Settings": desk.ActWork, "PrintService.SaveSettings": desk.ActConfigurePrinting,

	"BackupService.List": desk.ActBackup, "BackupService.BackupNow": desk.ActBackup, "BackupService.BackupHere": desk.ActBackup,
	"BackupService.RestoreFile": desk.ActBackup, "BackupService.RestoreBackup": desk.ActBackup,
}
