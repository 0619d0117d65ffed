package app

import "deskline/internal/desk"

// TopicViews names a change to saved views in EventChanged.
const TopicViews = "views"

// SearchService finds tickets by what the user types.
type SearchService struct{ c *core }

// Search returns up to limit tickets (default 20, at most 50) matching text
// by number ("123" or "#123"), customer or lead name, mobile number,
// description or notes, best first, the last word matching as a prefix. The
// matched words in each hit's snippet and contact are marked by "\u0002" and
// "\u0003". Any text is accepted; text without a word finds nothing.
//
// A user who may not see every ticket finds only the ones they created or
// are assigned to.
func (s *SearchService) Search(text string, limit int) ([]desk.SearchHit, error) {
	me, err := s.c.allow(desk.ActWork)
	if err != nil {
		return nil, err
	}
	hits, err := s.c.store.SearchTickets(bg, text, limit)
	if err != nil || seesAll(me) {
		return hits, err
	}
	mine := hits[:0]
	for _, h := range hits {
		if s.c.mayTouch(me, h.Ticket.ID) == nil {
			mine = append(mine, h)
		}
	}
	return mine, nil
}

// ViewService keeps the saved views of the queue.
type ViewService struct{ c *core }

// List returns the current user's views and the shared ones, by name, each
// with the number of tickets it shows now.
func (s *ViewService) List() ([]desk.SavedView, error) {
	me, err := s.c.userID(bg)
	if err != nil {
		return nil, err
	}
	return s.c.store.ListViews(bg, me)
}

// Save makes (empty id) or changes a view. Only managers and admins make or
// change shared views.
func (s *ViewService) Save(in desk.ViewInput) (desk.SavedView, error) {
	me, err := s.c.userID(bg)
	if err != nil {
		return desk.SavedView{}, err
	}
	v, err := s.c.store.SaveView(bg, me, in)
	if err != nil {
		return v, err
	}
	s.c.changed(nil, TopicViews)
	return v, nil
}

// Delete deletes a view. Only managers and admins delete shared views.
func (s *ViewService) Delete(id string) error {
	me, err := s.c.userID(bg)
	if err != nil {
		return err
	}
	if err := s.c.store.DeleteView(bg, me, id); err != nil {
		return err
	}
	s.c.changed(nil, TopicViews)
	return nil
}
