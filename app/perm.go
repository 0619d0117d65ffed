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
