package store_test

import (
	"context"
	"testing"

	"deskline/internal/desk"
)

func TestNotificationRouting(t *testing.T) {
	ctx := context.Background()
	f := mustWorkspace(t, MustOpen(t))
	s := f.s
	bob, _ := s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Bob Agent", Role: "support"})
	bobby, _ := s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Bob Agentson", Role: "support"})
	maya, _ := s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Maya Manager", Role: "manager"})
	list := func(user string) desk.NotificationList {
		t.Helper()
		l, err := s.ListNotifications(ctx, user, 50)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}

	id := f.mustTicket(t, "Complaint")
	if n := list(f.admin.ID); len(n.Items) != 0 {
		t.Fatalf("creator notified of own ticket: %+v", n)
	}
	if err := s.AddAssignees(ctx, f.admin.ID, id, []string{bob.ID, f.admin.ID}); err != nil {
		t.Fatal(err)
	}
	t.Run("Assigned", func(t *testing.T) {
		l := list(bob.ID)
		if l.Unread != 1 || len(l.Items) != 1 {
			t.Fatalf("bob's center = %+v", l)
		}
		n := l.Items[0]
		if n.Kind != desk.NoteAssigned || n.TicketID != id || n.TicketNumber != 1 || n.Read {
			t.Fatalf("notification = %+v", n)
		}
		if n.Title != "#1 Complaint" || n.Body != "Asha Admin assigned it to you — Carla Customer" {
			t.Fatalf("text = %q / %q", n.Title, n.Body)
		}
		if l := list(f.admin.ID); len(l.Items) != 0 {
			t.Fatalf("the assigner was notified: %+v", l)
		}
	})
	t.Run("SelfAssignIsSilent", func(t *testing.T) {
		if err := s.AddAssignees(ctx, maya.ID, id, []string{maya.ID}); err != nil {
			t.Fatal(err)
		}
		if l := list(maya.ID); len(l.Items) != 0 {
			t.Fatalf("maya notified of her own assignment: %+v", l)
		}
	})
	t.Run("Mention", func(t *testing.T) {
		if err := s.AddNote(ctx, f.admin.ID, id, "@bob agentson please call back; cc @Maya Manager, not @Nobody", ""); err != nil {
			t.Fatal(err)
		}
		if l := list(bobby.ID); len(l.Items) != 1 || l.Items[0].Kind != desk.NoteMention ||
			l.Items[0].Body != "Asha Admin mentioned you: @bob agentson please call back; cc @Maya Manager, not @Nobody" {
			t.Fatalf("bobby's center = %+v", l)
		}
		// "@bob agentson" is Bob Agentson, not Bob Agent.
		if l := list(bob.ID); len(l.Items) != 1 {
			t.Fatalf("bob got %d notifications, want only the assignment", len(l.Items))
		}
		if l := list(maya.ID); len(l.Items) != 1 || l.Items[0].Kind != desk.NoteMention {
			t.Fatalf("maya's center = %+v", l)
		}
	})
	t.Run("ManagersFollowingNewAndUnassigned", func(t *testing.T) {
		prefs := desk.DefaultNotificationPrefs()
		prefs.NewTickets, prefs.Unassigned = true, true
		if err := s.SaveNotificationPrefs(ctx, maya.ID, prefs); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.SaveNotificationPrefs(ctx, bob.ID, prefs), desk.EFORBIDDEN, "")
		before := len(list(maya.ID).Items)
		second := f.mustTicket(t, "General Inquiry")
		l := list(maya.ID)
		if len(l.Items) != before+1 || l.Items[0].Kind != desk.NoteNewTicket || l.Items[0].TicketID != second {
			t.Fatalf("maya after a new ticket = %+v", l.Items)
		}
		if err := s.RemoveAssignee(ctx, f.admin.ID, second, f.admin.ID); err != nil {
			t.Fatal(err)
		}
		l = list(maya.ID)
		if l.Items[0].Kind != desk.NoteUnassigned || l.Items[0].TicketID != second {
			t.Fatalf("maya after the last assignee left = %+v", l.Items[0])
		}
	})
	t.Run("MarkRead", func(t *testing.T) {
		l := list(maya.ID)
		if err := s.MarkNotificationsRead(ctx, maya.ID, l.Items[0].ID); err != nil {
			t.Fatal(err)
		}
		if got := list(maya.ID).Unread; got != l.Unread-1 {
			t.Fatalf("unread %d → %d", l.Unread, got)
		}
		wantCode(t, s.MarkNotificationsRead(ctx, bob.ID, l.Items[1].ID), desk.ENOTFOUND, "")
		if err := s.MarkNotificationsRead(ctx, maya.ID, ""); err != nil {
			t.Fatal(err)
		}
		if got := list(maya.ID); got.Unread != 0 || !got.Items[0].Read {
			t.Fatalf("after mark all = %+v", got)
		}
	})
	t.Run("TakeUndeliveredOnce", func(t *testing.T) {
		first, err := s.TakeUndelivered(ctx, bob.ID)
		if err != nil || len(first) != 1 {
			t.Fatalf("first take = %v %+v", err, first)
		}
		again, err := s.TakeUndelivered(ctx, bob.ID)
		if err != nil || len(again) != 0 {
			t.Fatalf("second take = %v %+v", err, again)
		}
	})
	t.Run("ErrPrefs", func(t *testing.T) {
		p := desk.DefaultNotificationPrefs()
		p.DesktopKinds = []string{"carrier-pigeon"}
		wantCode(t, s.SaveNotificationPrefs(ctx, bob.ID, p), desk.EINVALID, "desktopKinds")
		p = desk.DefaultNotificationPrefs()
		p.DNDStart = "25:00"
		wantCode(t, s.SaveNotificationPrefs(ctx, bob.ID, p), desk.EINVALID, "dndStart")
	})
	t.Run("ReplayNotifiesToo", func(t *testing.T) {
		// Operations pulled from elsewhere route through the same merge.
		replica := MustOpen(t)
		if err := replica.ApplyOps(ctx, allOps(t, s)); err != nil {
			t.Fatal(err)
		}
		l, err := replica.ListNotifications(ctx, bob.ID, 50)
		if err != nil || len(l.Items) != 1 || l.Items[0].Kind != desk.NoteAssigned {
			t.Fatalf("replica: %v %+v", err, l)
		}
	})
}
