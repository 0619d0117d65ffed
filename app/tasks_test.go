package app

import (
	"context"
	"testing"
	"time"

	"deskline/internal/desk"
)

// A task that fell due while the app was closed is raised by the scheduler
// at start, once, to its assignee; a shared template renders for a ticket
// through the bound services, and only managers and admins share templates.
func TestTasksAndTemplatesThroughServices(t *testing.T) {
	a, _ := mustApp(t)
	if _, err := a.Setup.Initialize("Acme", "Asha", testPIN); err != nil {
		t.Fatal(err)
	}
	bob, _ := a.Users.Save(desk.UserInput{Name: "Bob", Role: "support", Active: true})
	subjects, _ := a.Catalog.ListSubjects(false)
	c, _ := a.Contacts.Save(desk.ContactInput{Kind: "customer", Name: "Carla", Mobile: "0771234567"})
	d, err := a.Tickets.Create(desk.NewTicket{SubjectIDs: []string{subjects[0].ID}, ContactID: c.ID, Mobile: c.Mobile})
	if err != nil {
		t.Fatal(err)
	}
	due := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	d, err = a.Tasks.Save(desk.TaskInput{TicketID: d.Ticket.ID, Title: "Call Carla", Due: due, AssigneeID: bob.ID})
	if err != nil || len(d.Tasks) != 1 || d.Tasks[0].Assignee.Name != "Bob" || !d.Tasks[0].Overdue {
		t.Fatalf("saved task: %+v, %v", d.Tasks, err)
	}

	saved, err := a.Templates.Save(desk.TemplateInput{Name: "Hello", Body: "Hi {{customer.name}}, {{agent.name}} here. {{oops}}", Shared: true})
	if err != nil || len(saved.Warnings) != 1 || saved.Warnings[0].Variable != "oops" {
		t.Fatalf("save template: %+v, %v", saved, err)
	}
	r, err := a.Templates.Render(saved.Template.ID, d.Ticket.ID)
	if err != nil || r.Text != "Hi Carla, Asha here. [unknown: oops]" {
		t.Fatalf("render = %+v, %v", r, err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		a.core.runSLAScheduler(ctx, desk.SystemClock{})
		close(done)
	}()
	if _, err := signInAs(t, a, bob.ID); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		l, err := a.Notices.List(20)
		if err != nil {
			t.Fatal(err)
		}
		if len(l.Items) > 0 {
			if len(l.Items) != 1 || l.Items[0].Kind != desk.NoteTaskDue || l.Items[0].TicketID != d.Ticket.ID {
				t.Fatalf("notifications = %+v", l.Items)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no task notification within 10 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	a.core.wakeSLA() // another pass raises nothing new
	time.Sleep(100 * time.Millisecond)
	cancel()
	<-done
	if l, _ := a.Notices.List(20); len(l.Items) != 1 {
		t.Fatalf("raised again: %+v", l.Items)
	}

	// Bob (support) may not share a template nor change a shared one.
	if _, err := a.Templates.Save(desk.TemplateInput{Name: "Mine", Body: "x", Shared: true}); desk.ErrorCode(err) != desk.EFORBIDDEN {
		t.Fatalf("support shared a template: %v", err)
	}
	if err := a.Templates.Delete(saved.Template.ID); desk.ErrorCode(err) != desk.EFORBIDDEN {
		t.Fatalf("support deleted a shared template: %v", err)
	}
	counts, err := a.Tasks.Counts()
	if err != nil || counts.Open != 1 || counts.Overdue != 1 {
		t.Fatalf("bob's counts = %+v, %v", counts, err)
	}
	if _, err := a.Tasks.Complete(d.Tasks[0].ID); err != nil {
		t.Fatal(err)
	}
	if counts, _ = a.Tasks.Counts(); counts.Open != 0 {
		t.Fatalf("counts after completing = %+v", counts)
	}
}
