package app

import (
	"deskline/internal/desk"
)

// TopicTasks names follow-up task changes in EventChanged; TopicTemplates
// names template changes.
const (
	TopicTasks     = "tasks"
	TopicTemplates = "templates"
)

// TemplateService keeps the saved responses for notes: shared ones (made by
// managers and admins) and each user's personal ones.
type TemplateService struct{ c *core }

// TemplateSaved is a saved template with the warnings of its body.
type TemplateSaved struct {
	Template desk.Template          `json:"template"`
	Warnings []desk.TemplateWarning `json:"warnings"`
}

// List returns the current user's templates and the shared ones, by name.
func (s *TemplateService) List() ([]desk.Template, error) {
	me, err := s.c.userID(bg)
	if err != nil {
		return nil, err
	}
	return s.c.store.ListTemplates(bg, me)
}

// Variables lists the variables a template may use.
func (s *TemplateService) Variables() ([]desk.Option, error) {
	if err := s.c.need(desk.ActWork); err != nil {
		return nil, err
	}
	return append([]desk.Option(nil), desk.TemplateVars...), nil
}

// Check returns the warnings of a template body: unknown variables and
// malformed braces (none when it is fine).
func (s *TemplateService) Check(body string) ([]desk.TemplateWarning, error) {
	if err := s.c.need(desk.ActWork); err != nil {
		return nil, err
	}
	return desk.CheckTemplate(body), nil
}

// Save makes (empty id) or changes a template; warnings do not stop it.
func (s *TemplateService) Save(in desk.TemplateInput) (TemplateSaved, error) {
	me, err := s.c.userID(bg)
	if err != nil {
		return TemplateSaved{}, err
	}
	t, w, err := s.c.store.SaveTemplate(bg, me, in)
	if err != nil {
		return TemplateSaved{}, err
	}
	s.c.changed(nil, TopicTemplates)
	return TemplateSaved{Template: t, Warnings: w}, nil
}

// Delete deletes a template.
func (s *TemplateService) Delete(id string) error {
	me, err := s.c.userID(bg)
	if err != nil {
		return err
	}
	if err := s.c.store.DeleteTemplate(bg, me, id); err != nil {
		return err
	}
	s.c.changed(nil, TopicTemplates)
	return nil
}

// Render fills a template in for a ticket, as the current user.
func (s *TemplateService) Render(templateID, ticketID string) (desk.RenderedTemplate, error) {
	me, err := s.c.allow(desk.ActWork)
	if err != nil {
		return desk.RenderedTemplate{}, err
	}
	if err := s.c.mayTouch(me, ticketID); err != nil {
		return desk.RenderedTemplate{}, err
	}
	return s.c.store.RenderTemplate(bg, me.ID, templateID, ticketID)
}

// TaskService keeps follow-up tasks on tickets.
type TaskService struct{ c *core }

// List returns a tab of the task list: mine, overdue, today or all.
func (s *TaskService) List(tab string) ([]desk.Task, error) {
	me, err := s.c.allow(desk.ActWork)
	if err != nil {
		return nil, err
	}
	if tab != "mine" && !seesAll(me) {
		tab = "mine" // a user who sees only their tickets sees only their own tasks
	}
	return s.c.store.ListTasks(bg, me.ID, tab)
}

// Counts returns the current user's open, overdue and due-today tasks.
func (s *TaskService) Counts() (desk.TaskCounts, error) {
	me, err := s.c.userID(bg)
	if err != nil {
		return desk.TaskCounts{}, err
	}
	return s.c.store.TaskCounts(bg, me)
}

// Save creates (empty id) or edits a task and returns the ticket it is on.
func (s *TaskService) Save(in desk.TaskInput) (desk.TicketDetail, error) {
	me, err := s.c.allow(desk.ActWork)
	if err != nil {
		return desk.TicketDetail{}, err
	}
	if err := s.c.mayTouch(me, in.TicketID); err != nil {
		return desk.TicketDetail{}, err
	}
	id, err := s.c.store.SaveTask(bg, me.ID, in)
	if err != nil {
		return desk.TicketDetail{}, err
	}
	return s.after(id)
}

// Complete marks a task done and returns the ticket it is on.
func (s *TaskService) Complete(id string) (desk.TicketDetail, error) { return s.setDone(id, true) }

// Reopen marks a task not done and returns the ticket it is on.
func (s *TaskService) Reopen(id string) (desk.TicketDetail, error) { return s.setDone(id, false) }

func (s *TaskService) setDone(id string, done bool) (desk.TicketDetail, error) {
	me, err := s.c.allow(desk.ActWork)
	if err != nil {
		return desk.TicketDetail{}, err
	}
	if !seesAll(me) {
		ticketID, err := s.c.store.TaskTicket(bg, id)
		if err != nil {
			return desk.TicketDetail{}, err
		}
		if err := s.c.mayTouch(me, ticketID); err != nil {
			return desk.TicketDetail{}, err
		}
	}
	if _, err := s.c.store.SetTaskDone(bg, me.ID, id, done); err != nil {
		return desk.TicketDetail{}, err
	}
	return s.after(id)
}

// after announces a task change and returns the task's ticket.
func (s *TaskService) after(taskID string) (desk.TicketDetail, error) {
	ticketID, err := s.c.store.TaskTicket(bg, taskID)
	if err != nil {
		return desk.TicketDetail{}, err
	}
	s.c.changed([]string{ticketID}, TopicTasks, TopicTickets)
	return s.c.store.GetTicket(bg, ticketID)
}

// SOPService shows and changes the resolving rules.
type SOPService struct{ c *core }

// Rules returns the resolving rules.
func (s *SOPService) Rules() (desk.SOPRules, error) {
	if err := s.c.need(desk.ActWork); err != nil {
		return desk.SOPRules{}, err
	}
	return s.c.store.SOPRules(bg)
}

// MovesFrom lists the statuses a ticket at status from can move to, each
// with what the move needs: a move that needs nothing is made at once.
func (s *SOPService) MovesFrom(from string) ([]desk.StatusMove, error) {
	if err := s.c.need(desk.ActWork); err != nil {
		return nil, err
	}
	return s.c.store.MovesFrom(bg, from)
}

// SaveRules changes the resolving rules (admins only).
func (s *SOPService) SaveRules(r desk.SOPRules) (desk.SOPRules, error) {
	me, err := s.c.allow(desk.ActConfigureRules)
	if err != nil {
		return desk.SOPRules{}, err
	}
	out, err := s.c.store.SaveSOPRules(bg, me.ID, r)
	if err == nil {
		s.c.changed(nil, TopicCatalog)
	}
	return out, err
}

// ChangeStatus moves a ticket to another status following the resolving SOP:
// Resolved needs a resolution summary (unless an admin made it optional),
// Closed the customer's confirmation. Open tasks do not stop a close; the
// ticket screen warns about them first. Resolving or closing a ticket one
// neither created nor is assigned to needs the role to close others' tickets.
func (s *TicketService) ChangeStatus(id string, ch desk.StatusChange) (desk.TicketDetail, error) {
	return s.changeAs(id, func(me desk.User) error {
		if (ch.Status == string(desk.StatusResolved) || ch.Status == string(desk.StatusClosed)) && !desk.Can(me.Role, desk.ActCloseOthers) {
			d, err := s.c.store.GetTicket(bg, id)
			if err != nil {
				return err
			}
			if !ownsTicket(me, d) {
				return desk.Forbidden(me.Role, desk.ActCloseOthers)
			}
		}
		return s.c.store.ChangeStatus(bg, me.ID, id, ch)
	})
}
