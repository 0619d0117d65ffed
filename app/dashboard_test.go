package app

import (
	"strings"
	"testing"

	"deskline/internal/desk"
)

// The palette's "go to ticket #N" and the dashboard, through the bound
// services as the frontend calls them.
func TestGoToNumberAndDashboard(t *testing.T) {
	a, _ := mustApp(t)
	if _, err := a.Setup.Initialize("Acme", "Asha", testPIN); err != nil {
		t.Fatal(err)
	}
	subjects, _ := a.Catalog.ListSubjects(false)
	c, err := a.Contacts.Save(desk.ContactInput{Kind: "customer", Name: "Carla", Mobile: "0771 234 567"})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for range 3 {
		d, err := a.Tickets.Create(desk.NewTicket{SubjectIDs: []string{subjects[0].ID}, ContactID: c.ID, Mobile: c.Mobile})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, d.Ticket.ID)
	}
	if _, err := a.Tickets.ChangeStatus(ids[1], desk.StatusChange{Status: "waiting"}); err != nil {
		t.Fatal(err)
	}

	t.Run("OK", func(t *testing.T) {
		id, err := a.Tickets.IDByNumber(2)
		if err != nil || id != ids[1] {
			t.Fatalf("#2 = %q, %v; want %q", id, err, ids[1])
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := a.Tickets.IDByNumber(99)
		if desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Fatalf("#99: %v, want not found", err)
		}
		if msg := formatError(a.core.log, err).Message; !strings.Contains(msg, "#99") {
			t.Fatalf("message = %q", msg)
		}
	})
	t.Run("Dashboard", func(t *testing.T) {
		d, err := a.Dashboard.Team()
		if err != nil {
			t.Fatal(err)
		}
		if d.Active != 3 || d.Statuses[0].Count != 2 || d.Statuses[2].Count != 1 || d.CreatedToday != 3 {
			t.Fatalf("dashboard = %+v", d)
		}
		if len(d.Team) != 1 || d.Team[0].User.Name != "Asha" || d.Team[0].Open != 2 || d.Team[0].Waiting != 1 {
			t.Fatalf("team = %+v", d.Team)
		}
	})
}
