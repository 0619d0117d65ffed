package app

import (
	"context"
	"testing"
	"time"

	"deskline/internal/desk"
	"deskline/internal/sla"
)

type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }

func TestSLASchedulerRaisesBreach(t *testing.T) {
	a, em := mustApp(t)
	if _, err := a.Setup.Initialize("Acme", "Asha", testPIN); err != nil {
		t.Fatal(err)
	}
	cfg, err := a.SLA.Config()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Default.Mode = sla.ModeCalendar
	cfg.Default.Targets[sla.PriorityMedium] = sla.Target{FirstResponse: 10, Resolution: 60}
	if _, err := a.SLA.Save(cfg); err != nil {
		t.Fatal(err)
	}
	maya, _ := a.Users.Save(desk.UserInput{Name: "Maya", Role: "manager"})
	subjects, _ := a.Catalog.ListSubjects(false)
	c, _ := a.Contacts.Save(desk.ContactInput{Kind: "customer", Name: "Carla", Mobile: "0771234567"})
	d, err := a.Tickets.Create(desk.NewTicket{SubjectIDs: []string{subjects[0].ID}, ContactID: c.ID, Mobile: c.Mobile})
	if err != nil {
		t.Fatal(err)
	}

	// The scheduler, seeing the world 15 minutes later, raises the breach
	// of the 10-minute first response at once, then sleeps.
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		a.core.runSLAScheduler(ctx, fixedClock{time.Now().Add(15 * time.Minute)})
		close(done)
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := signInAs(t, a, maya.ID); err != nil {
			t.Fatal(err)
		}
		l, err := a.Notices.List(20)
		if err != nil {
			t.Fatal(err)
		}
		if len(l.Items) > 0 {
			if l.Items[0].Kind != desk.NoteSLABreach || l.Items[0].TicketID != d.Ticket.ID {
				t.Fatalf("notification = %+v", l.Items[0])
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no breach notification within 10 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	<-done
	found := false
	em.mu.Lock()
	for _, e := range em.events {
		found = found || (len(e.Topics) == 2 && e.Topics[0] == TopicTickets && e.Topics[1] == TopicNotices)
	}
	em.mu.Unlock()
	if !found {
		t.Fatal("the scheduler did not tell the window")
	}
}
