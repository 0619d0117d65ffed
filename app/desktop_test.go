package app

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"deskline/internal/desk"
	"deskline/internal/desktop"
	"deskline/internal/desktop/dbustest"
	"deskline/internal/notify"
)

// TestAssignmentReachesDesktop drives the real path: Asha assigns a ticket to
// Bob; when Bob is the user signed in here, a native notification goes through
// beeep to the session bus, where a test-owned notification service records it.
func TestAssignmentReachesDesktop(t *testing.T) {
	srv := dbustest.Start(t) // skips without a session bus, fails if DESKLINE_REQUIRE_DBUS=1
	a, _ := mustApp(t)
	icon, err := os.ReadFile(filepath.Join("..", "build", "appicon.png"))
	if err != nil {
		t.Fatal(err)
	}
	n, err := desktop.New("Deskline", icon, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	a.SetDeliverer(notify.New(a.core.store, n, desk.SystemClock{}, nil, a.core.log))
	t.Cleanup(func() { a.core.wg.Wait() })

	if _, err := a.Setup.Initialize("Acme", "Asha Admin", testPIN); err != nil {
		t.Fatal(err)
	}
	bob, err := a.Users.Save(desk.UserInput{Name: "Bob Agent", Role: "support"})
	if err != nil {
		t.Fatal(err)
	}
	subjects, _ := a.Catalog.ListSubjects(false)
	c, _ := a.Contacts.Save(desk.ContactInput{Kind: "customer", Name: "Carla Customer", Mobile: "0771234567"})
	d, err := a.Tickets.Create(desk.NewTicket{SubjectIDs: []string{subjects[1].ID}, ContactID: c.ID, Mobile: c.Mobile})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Tickets.AddAssignees(d.Ticket.ID, []string{bob.ID}); err != nil {
		t.Fatal(err)
	}
	a.core.wg.Wait()
	if calls := srv.Calls(); len(calls) != 0 {
		t.Fatalf("Asha, who made the change, was notified: %+v", calls)
	}
	if _, err := signInAs(t, a, bob.ID); err != nil {
		t.Fatal(err)
	}
	calls := srv.Wait(t, 1, 10*time.Second)
	got := calls[0]
	if got.AppName != "Deskline" || got.Summary != "#1 "+subjects[1].Name || got.Body != "Asha Admin assigned it to you — Carla Customer" {
		t.Fatalf("Notify call = %+v", got)
	}
	shown, err := os.ReadFile(got.AppIcon)
	if err != nil || !bytes.Equal(shown, icon) {
		t.Fatalf("icon %q: %v (same bytes: %v)", got.AppIcon, err, bytes.Equal(shown, icon))
	}
	t.Logf("captured Notify: app=%q icon=%q summary=%q body=%q", got.AppName, got.AppIcon, got.Summary, got.Body)

	// The notification stays in Bob's center until read.
	list, err := a.Notices.List(50)
	if err != nil || list.Unread != 1 || list.Items[0].TicketID != d.Ticket.ID {
		t.Fatalf("center: %v %+v", err, list)
	}
}
