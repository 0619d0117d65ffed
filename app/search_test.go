package app

import (
	"strings"
	"testing"

	"deskline/internal/desk"
)

// Search and saved views through the bound services, as the frontend calls them.
func TestSearchAndViews(t *testing.T) {
	a, em := mustApp(t)
	if _, err := a.Setup.Initialize("Acme", "Asha", testPIN); err != nil {
		t.Fatal(err)
	}
	subjects, _ := a.Catalog.ListSubjects(false)
	c, err := a.Contacts.Save(desk.ContactInput{Kind: "customer", Name: "Carla Quispe", Mobile: "0771 234 567"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := a.Tickets.Create(desk.NewTicket{SubjectIDs: []string{subjects[0].ID}, ContactID: c.ID, Mobile: c.Mobile, Description: "Lost card"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Tickets.AddNote(d.Ticket.ID, "Replacement courier booked", ""); err != nil {
		t.Fatal(err)
	}

	t.Run("Search", func(t *testing.T) {
		hits, err := a.Search.Search("couri", 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 || hits[0].Ticket.ID != d.Ticket.ID || !strings.Contains(hits[0].Snippet, "\u0002courier\u0003") {
			t.Fatalf("hits = %+v", hits)
		}
		for _, q := range []string{`"`, "NEAR(", "-", ""} {
			if _, err := a.Search.Search(q, 10); err != nil {
				t.Fatalf("%q: %v", q, err)
			}
		}
	})
	t.Run("Views", func(t *testing.T) {
		v, err := a.Views.Save(desk.ViewInput{Name: "Open ones", Pinned: true, Filter: desk.TicketFilter{Statuses: []string{"open"}}})
		if err != nil {
			t.Fatal(err)
		}
		if ch := em.last(); len(ch.Topics) != 1 || ch.Topics[0] != TopicViews {
			t.Fatalf("change = %+v", ch)
		}
		list, err := a.Views.List()
		if err != nil || len(list) != 1 || list[0].Count != 1 {
			t.Fatalf("list = %+v, %v", list, err)
		}
		if err := a.Views.Delete(v.ID); err != nil {
			t.Fatal(err)
		}
		if list, _ := a.Views.List(); len(list) != 0 {
			t.Fatalf("after delete: %+v", list)
		}
	})
}
