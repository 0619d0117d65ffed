package app

import (
	"context"
	"slices"

	"deskline/internal/desk"
	"deskline/internal/store"
)

// Bound methods are thin: they find the current user, call the store, emit an
// event on success and return. Wails runs each call in its own goroutine; the
// store is safe for concurrent use.

var bg = context.Background()

// SetupService creates the workspace and tells the shell where it stands.
type SetupService struct{ c *core }

// State returns whether a workspace exists and who is signed in here. It
// answers while nobody is signed in: the window needs it to choose between
// the welcome and the sign-in screen.
func (s *SetupService) State() (desk.AppState, error) { return s.c.appState() }

func (c *core) appState() (desk.AppState, error) {
	st, err := c.store.State(bg)
	if err != nil {
		return st, err
	}
	if u, _ := c.sess.current(); u != nil {
		st.CurrentUser = u
	}
	return st, nil
}

// Initialize creates the workspace and its first user, an admin, with the
// PIN (4 to 12 digits) they sign in with, and signs them in. It answers
// while nobody is signed in, once: ECONFLICT when a workspace exists.
// Returns EINVALID on "pin" for a PIN that is not 4 to 12 digits.
func (s *SetupService) Initialize(orgName, adminName, pin string) (desk.AppState, error) {
	if pin == "" {
		pin = s.c.firstRunPIN
	}
	// The names are checked first, in the order of the form.
	if _, err := desk.CleanName("orgName", "Organisation name", orgName); err != nil {
		return desk.AppState{}, err
	}
	if _, err := desk.CleanName("adminName", "Your name", adminName); err != nil {
		return desk.AppState{}, err
	}
	if err := store.CheckSecret(store.CredentialPIN, pin); err != nil {
		return desk.AppState{}, err
	}
	admin, err := s.c.store.InitWorkspace(bg, orgName, adminName)
	if err != nil {
		return desk.AppState{}, err
	}
	if err := s.c.store.SetCredential(bg, admin.ID, admin.ID, store.CredentialPIN, pin); err != nil {
		return desk.AppState{}, err
	}
	if _, err := s.c.signIn(admin); err != nil {
		return desk.AppState{}, err
	}
	s.c.changed(nil, TopicSession, TopicUsers, TopicCatalog)
	return s.c.appState()
}

// Vocabulary returns statuses, priorities, roles and the other enumerations
// with their labels in plain words (also while nobody is signed in).
func (s *SetupService) Vocabulary() (desk.Vocabulary, error) { return desk.Vocab(), nil }

// UserService manages users and who is signed in on this workstation.
type UserService struct{ c *core }

// List returns every user.
func (s *UserService) List() ([]desk.User, error) {
	if _, err := s.c.allow(desk.ActWork); err != nil {
		return nil, err
	}
	return s.c.store.ListUsers(bg)
}

// Save creates or edits a user (admins only).
func (s *UserService) Save(in desk.UserInput) (desk.User, error) {
	me, err := s.c.allow(desk.ActManageUsers)
	if err != nil {
		return desk.User{}, err
	}
	u, err := s.c.store.SaveUser(bg, me.ID, in)
	if err == nil {
		s.c.changed(nil, TopicUsers, TopicTickets)
	}
	return u, err
}

// CatalogService manages ticket subjects and sources.
type CatalogService struct{ c *core }

// ListSubjects returns the ticket subjects.
func (s *CatalogService) ListSubjects(includeInactive bool) ([]desk.CatalogItem, error) {
	if _, err := s.c.allow(desk.ActWork); err != nil {
		return nil, err
	}
	return s.c.store.ListCatalog(bg, desk.CatalogSubject, includeInactive)
}

// SaveSubject adds, renames, deactivates or reactivates a subject (admins only).
func (s *CatalogService) SaveSubject(in desk.CatalogInput) (desk.CatalogItem, error) {
	return s.save(desk.CatalogSubject, in)
}

// ListSources returns the ticket sources.
func (s *CatalogService) ListSources(includeInactive bool) ([]desk.CatalogItem, error) {
	if _, err := s.c.allow(desk.ActWork); err != nil {
		return nil, err
	}
	return s.c.store.ListCatalog(bg, desk.CatalogSource, includeInactive)
}

// SaveSource adds, renames, deactivates or reactivates a source (admins only).
func (s *CatalogService) SaveSource(in desk.CatalogInput) (desk.CatalogItem, error) {
	return s.save(desk.CatalogSource, in)
}

func (s *CatalogService) save(kind string, in desk.CatalogInput) (desk.CatalogItem, error) {
	me, err := s.c.allow(desk.ActConfigureCatalog)
	if err != nil {
		return desk.CatalogItem{}, err
	}
	item, err := s.c.store.SaveCatalog(bg, me.ID, kind, in)
	if err == nil {
		s.c.changed(nil, TopicCatalog, TopicTickets)
	}
	return item, err
}

// ContactService manages customers and leads.
type ContactService struct{ c *core }

// Search finds customers and leads by name or mobile number.
func (s *ContactService) Search(kind, text string, limit int) ([]desk.Contact, error) {
	if _, err := s.c.allow(desk.ActWork); err != nil {
		return nil, err
	}
	return s.c.store.SearchContacts(bg, kind, text, limit)
}

// Get returns a customer or lead with its ticket history.
func (s *ContactService) Get(id string) (desk.ContactDetail, error) {
	if _, err := s.c.allow(desk.ActWork); err != nil {
		return desk.ContactDetail{}, err
	}
	return s.c.store.GetContact(bg, id)
}

// Save creates or edits a customer or lead.
func (s *ContactService) Save(in desk.ContactInput) (desk.Contact, error) {
	me, err := s.c.userID(bg)
	if err != nil {
		return desk.Contact{}, err
	}
	c, err := s.c.store.SaveContact(bg, me, in)
	if err == nil {
		s.c.changed(nil, TopicContacts, TopicTickets)
	}
	return c, err
}

// WithMobile lists the customers and leads that already have a mobile
// number (leaving out exceptID, the record being edited): the records a form
// offers to use instead of saving a duplicate.
func (s *ContactService) WithMobile(mobile, exceptID string) ([]desk.Contact, error) {
	if err := s.c.need(desk.ActWork); err != nil {
		return nil, err
	}
	return s.c.store.ContactsWithMobile(bg, mobile, exceptID)
}

// Duplicates lists the possible duplicates: numbers carried by more than one
// customer or lead.
func (s *ContactService) Duplicates() ([]desk.DuplicateGroup, error) {
	if err := s.c.need(desk.ActMergeContacts); err != nil {
		return nil, err
	}
	return s.c.store.ListDuplicates(bg)
}

// Merge merges the record id into intoID, which takes its tickets, notes and
// history (admins only); it returns the surviving record.
func (s *ContactService) Merge(id, intoID string) (desk.Contact, error) {
	me, err := s.c.allow(desk.ActMergeContacts)
	if err != nil {
		return desk.Contact{}, err
	}
	c, err := s.c.store.MergeContacts(bg, me.ID, id, intoID)
	if err == nil {
		s.c.changed(nil, TopicContacts, TopicTickets)
	}
	return c, err
}

// ConvertToCustomer turns a lead into a customer, keeping its tickets.
func (s *ContactService) ConvertToCustomer(id string) (desk.Contact, error) {
	me, err := s.c.userID(bg)
	if err != nil {
		return desk.Contact{}, err
	}
	c, err := s.c.store.ConvertToCustomer(bg, me, id)
	if err == nil {
		s.c.changed(nil, TopicContacts, TopicTickets)
	}
	return c, err
}

// TicketService is the queue and the work on one ticket.
type TicketService struct{ c *core }

// List returns one page of the queue as the current user sees it.
func (s *TicketService) List(f desk.TicketFilter) (desk.TicketPage, error) {
	me, err := s.c.allow(desk.ActWork)
	if err != nil {
		return desk.TicketPage{}, err
	}
	page, err := s.c.store.ListTickets(bg, me.ID, scopeFilter(me, f))
	return scopePage(me, page), err
}

// Get returns a ticket with its customer, other tickets and activity feed.
func (s *TicketService) Get(id string) (desk.TicketDetail, error) {
	me, err := s.c.allow(desk.ActWork)
	if err != nil {
		return desk.TicketDetail{}, err
	}
	return s.c.ticketFor(me, id)
}

// IDByNumber finds a ticket by its number, for "go to ticket #N". Returns
// ENOTFOUND when there is none.
func (s *TicketService) IDByNumber(number int64) (string, error) {
	me, err := s.c.allow(desk.ActWork)
	if err != nil {
		return "", err
	}
	id, err := s.c.store.TicketIDByNumber(bg, number)
	if err != nil {
		return "", err
	}
	if _, err := s.c.ticketFor(me, id); err != nil {
		return "", err
	}
	return id, nil
}

// Create creates a ticket: Open, assigned to the current user.
func (s *TicketService) Create(in desk.NewTicket) (desk.TicketDetail, error) {
	me, err := s.c.userID(bg)
	if err != nil {
		return desk.TicketDetail{}, err
	}
	id, err := s.c.store.CreateTicket(bg, me, in)
	if err != nil {
		return desk.TicketDetail{}, err
	}
	s.c.changed([]string{id}, TopicTickets, TopicContacts)
	return s.c.store.GetTicket(bg, id)
}

// change runs one change of a ticket by the current user and returns the
// ticket as it now stands.
func (s *TicketService) change(id string, fn func(me string) error) (desk.TicketDetail, error) {
	return s.changeAs(id, func(me desk.User) error { return fn(me.ID) })
}

// changeAs is change for a change that depends on who makes it.
func (s *TicketService) changeAs(id string, fn func(me desk.User) error) (desk.TicketDetail, error) {
	me, err := s.c.allow(desk.ActWork)
	if err != nil {
		return desk.TicketDetail{}, err
	}
	if err := s.c.mayTouch(me, id); err != nil {
		return desk.TicketDetail{}, err
	}
	if err := fn(me); err != nil {
		return desk.TicketDetail{}, err
	}
	s.c.changed([]string{id}, TopicTickets)
	return s.c.store.GetTicket(bg, id)
}

// SetPriority changes a ticket's priority.
func (s *TicketService) SetPriority(id, priority string) (desk.TicketDetail, error) {
	return s.change(id, func(me string) error { return s.c.store.SetPriority(bg, me, id, priority) })
}

// AddNote adds a note to a ticket's activity feed. A channel (call,
// whatsapp, email, in_person) records it as a reply to the customer; ""
// keeps it internal.
func (s *TicketService) AddNote(id, body, channel string) (desk.TicketDetail, error) {
	return s.change(id, func(me string) error { return s.c.store.AddNote(bg, me, id, body, channel) })
}

// AddSubject adds a subject to a ticket.
func (s *TicketService) AddSubject(id, subjectID string) (desk.TicketDetail, error) {
	return s.change(id, func(me string) error { return s.c.store.AddSubject(bg, me, id, subjectID) })
}

// RemoveSubject removes a subject from a ticket (never its last).
func (s *TicketService) RemoveSubject(id, subjectID string) (desk.TicketDetail, error) {
	return s.change(id, func(me string) error { return s.c.store.RemoveSubject(bg, me, id, subjectID) })
}

// AddAssignees adds users to a ticket's assignees.
// Adding anyone but oneself needs the role to reassign.
func (s *TicketService) AddAssignees(id string, userIDs []string) (desk.TicketDetail, error) {
	return s.changeAs(id, func(me desk.User) error {
		if slices.ContainsFunc(userIDs, func(u string) bool { return u != me.ID }) && !desk.Can(me.Role, desk.ActReassign) {
			return desk.Forbidden(me.Role, desk.ActReassign)
		}
		return s.c.store.AddAssignees(bg, me.ID, id, userIDs)
	})
}

// RemoveAssignee takes a user off a ticket.
// Taking anyone but oneself off needs the role to reassign.
func (s *TicketService) RemoveAssignee(id, userID string) (desk.TicketDetail, error) {
	return s.changeAs(id, func(me desk.User) error {
		if userID != me.ID && !desk.Can(me.Role, desk.ActReassign) {
			return desk.Forbidden(me.Role, desk.ActReassign)
		}
		return s.c.store.RemoveAssignee(bg, me.ID, id, userID)
	})
}

// LinkContact links a ticket to another customer or lead.
func (s *TicketService) LinkContact(id, contactID string) (desk.TicketDetail, error) {
	return s.change(id, func(me string) error { return s.c.store.LinkContact(bg, me, id, contactID) })
}

// Edit changes a ticket's mobile number, source and description.
func (s *TicketService) Edit(id string, in desk.TicketEdit) (desk.TicketDetail, error) {
	return s.change(id, func(me string) error { return s.c.store.EditTicket(bg, me, id, in) })
}

// NotificationService is the notification center of the signed-in user.
type NotificationService struct{ c *core }

// List returns the signed-in user's notifications, newest first, with the
// unread count.
func (s *NotificationService) List(limit int) (desk.NotificationList, error) {
	me, err := s.c.userID(bg)
	if err != nil {
		return desk.NotificationList{Items: []desk.Notification{}}, err
	}
	return s.c.store.ListNotifications(bg, me, limit)
}

// MarkRead marks one notification as read.
func (s *NotificationService) MarkRead(id string) (desk.NotificationList, error) {
	return s.mark(id)
}

// MarkAllRead marks every notification of the signed-in user as read.
func (s *NotificationService) MarkAllRead() (desk.NotificationList, error) { return s.mark("") }

func (s *NotificationService) mark(id string) (desk.NotificationList, error) {
	me, err := s.c.userID(bg)
	if err != nil {
		return desk.NotificationList{}, err
	}
	if err := s.c.store.MarkNotificationsRead(bg, me, id); err != nil {
		return desk.NotificationList{}, err
	}
	s.c.emitter.Emit(EventChanged, Change{Topics: []string{TopicNotices}, TicketIDs: []string{}})
	return s.c.store.ListNotifications(bg, me, 100)
}

// Prefs returns the signed-in user's notification preferences.
func (s *NotificationService) Prefs() (desk.NotificationPrefs, error) {
	me, err := s.c.userID(bg)
	if err != nil {
		return desk.NotificationPrefs{}, err
	}
	return s.c.store.NotificationPrefs(bg, me)
}

// SavePrefs stores the signed-in user's notification preferences.
func (s *NotificationService) SavePrefs(p desk.NotificationPrefs) (desk.NotificationPrefs, error) {
	me, err := s.c.userID(bg)
	if err != nil {
		return desk.NotificationPrefs{}, err
	}
	if err := s.c.store.SaveNotificationPrefs(bg, me, p); err != nil {
		return desk.NotificationPrefs{}, err
	}
	return s.c.store.NotificationPrefs(bg, me)
}

// Kinds lists the notification kinds with their labels.
func (s *NotificationService) Kinds() ([]desk.Option, error) {
	if _, err := s.c.allow(desk.ActWork); err != nil {
		return nil, err
	}
	return append([]desk.Option(nil), desk.NotificationKinds...), nil
}
