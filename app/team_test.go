package app

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"
	"time"

	"deskline/internal/desk"
	"deskline/internal/desktop"
	"deskline/internal/desktop/dbustest"
	"deskline/internal/hub"
	"deskline/internal/hub/hubtest"
	"deskline/internal/notify"
	"deskline/internal/store"
)

// teamOfTwo is a back-office desk that made a hub (Asha, admin, signed in)
// and a counter desk that joined it through the Team screen's Join, with Bob
// signed in there and native notifications on the test's session bus.
type teamOfTwo struct {
	office, counter *App
	bob             desk.User
	customer        desk.Contact
	subject         string
	bus             *dbustest.Server
}

func newTeamOfTwo(t testing.TB) *teamOfTwo {
	t.Helper()
	bus := dbustest.Start(t)
	adminURL := hubtest.MustDB(t)
	addr := hubtest.WithoutUser(t, adminURL)
	office, _ := mustApp(t)
	tm := &teamOfTwo{office: office, bus: bus}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err := office.Setup.Initialize("Acme Bank", "Asha Admin", testPIN)
	must(err)
	tm.bob, err = office.Users.Save(desk.UserInput{Name: "Bob Support", Role: "support"})
	must(err)
	tm.customer, err = office.Contacts.Save(desk.ContactInput{Kind: "customer", Name: "Carla Customer", Mobile: "0771234567"})
	must(err)
	subjects, err := office.Catalog.ListSubjects(false)
	must(err)
	tm.subject = subjects[0].ID
	st := office.core.store
	ops, _, err := st.ListOps(bg, 0, 100000)
	must(err)
	res, err := hub.Init(bg, adminURL, hub.InitOptions{Permissions: store.OpPermissions(), FoundingInstall: st.InstallID(), FoundingOps: ops})
	must(err)
	must(st.JoinTeam(bg, addr, res.HubInstallID, res.Epoch, ops[len(ops)-1].Counter))
	office.SetCredentials(hub.NewCredentialStore(t.TempDir()))
	_, err = office.Team.creds.Save(res.Credentials)
	must(err)
	office.Team.start()
	t.Cleanup(office.Team.halt)

	code, err := hub.Invite(bg, adminURL, "Counter 2", []string{"Bob Support"})
	must(err)
	counter, _ := mustApp(t)
	tm.counter = counter
	counter.SetCredentials(hub.NewCredentialStore(t.TempDir()))
	icon, err := os.ReadFile(filepath.Join("..", "build", "appicon.png"))
	must(err)
	n, err := desktop.New("Deskline", icon, t.TempDir())
	must(err)
	counter.SetDeliverer(notify.New(counter.core.store, n, desk.SystemClock{}, nil, counter.core.log))
	t.Cleanup(func() { counter.Team.halt(); counter.core.wg.Wait() })

	status, err := counter.Team.Join(addr, code)
	must(err)
	if !status.Joined || !status.CanManage {
		t.Fatalf("status after joining: %+v", status)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		if _, err := signInAs(t, counter, tm.bob.ID); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the counter never received the team's users")
		}
		time.Sleep(20 * time.Millisecond)
	}
	return tm
}

// TestAssignmentOnAnotherDeskReachesThisDesktop: Asha assigns a ticket to Bob
// on the back-office desk; Bob's counter desk shows the native notification
// through the real D-Bus path, fed by the pulled operation.
func TestAssignmentOnAnotherDeskReachesThisDesktop(t *testing.T) {
	tm := newTeamOfTwo(t)
	d, err := tm.office.Tickets.Create(desk.NewTicket{SubjectIDs: []string{tm.subject}, ContactID: tm.customer.ID, Mobile: tm.customer.Mobile})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tm.office.Tickets.AddAssignees(d.Ticket.ID, []string{tm.bob.ID}); err != nil {
		t.Fatal(err)
	}
	calls := tm.bus.Wait(t, 1, 15*time.Second)
	if got := calls[0]; got.Body != "Asha Admin assigned it to you — Carla Customer" {
		t.Fatalf("the counter's notification: %+v", got)
	}
	got, err := tm.counter.Tickets.Get(d.Ticket.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Ticket.Number != 1 || !slices.ContainsFunc(got.Ticket.Assignees, func(u desk.UserRef) bool { return u.ID == tm.bob.ID }) {
		t.Fatalf("the counter's ticket: #%d assigned to %+v", got.Ticket.Number, got.Ticket.Assignees)
	}
	st, err := tm.counter.Team.Status()
	if err != nil {
		t.Fatal(err)
	}
	if !st.Online || st.Pending != 0 || st.Problem != "" {
		t.Fatalf("the counter's sync status: %+v", st)
	}
}

// BenchmarkAssignmentToNotification measures, per assignment made on the
// back-office desk, the time until the counter's desktop notification reaches
// the session bus; it reports the 95th percentile.
func BenchmarkAssignmentToNotification(b *testing.B) {
	tm := newTeamOfTwo(b)
	var times []time.Duration
	for i := 0; i < b.N; i++ {
		d, err := tm.office.Tickets.Create(desk.NewTicket{SubjectIDs: []string{tm.subject}, ContactID: tm.customer.ID, Mobile: tm.customer.Mobile})
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if _, err := tm.office.Tickets.AddAssignees(d.Ticket.ID, []string{tm.bob.ID}); err != nil {
			b.Fatal(err)
		}
		tm.bus.Wait(b, i+1, 15*time.Second)
		times = append(times, time.Since(start))
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)*95/100].Milliseconds()), "p95-ms")
	b.ReportMetric(float64(times[len(times)/2].Milliseconds()), "p50-ms")
}
