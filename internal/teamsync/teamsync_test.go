package teamsync_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"deskline/internal/desk"
	"deskline/internal/hub"
	"deskline/internal/hub/hubtest"
	"deskline/internal/store"
	"deskline/internal/teamsync"
)

var ctx = context.Background()

// node is one workstation of a team under test.
type node struct {
	name string
	st   *store.Store
	url  string
	cred hub.Credentials
	s    *teamsync.Syncer
}

func openStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "deskline.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// team is a hub made by a founding desk with an admin and a support user,
// Bob, and the desks that joined it.
type team struct {
	admin, addr string
	founder     *node
	asha, bob   desk.User
	customer    desk.Contact
	subject     string
}

func newTeam(t testing.TB) *team {
	t.Helper()
	adminURL := hubtest.MustDB(t)
	tm := &team{admin: adminURL, addr: hubtest.WithoutUser(t, adminURL)}
	st := openStore(t)
	var err error
	tm.asha, err = st.InitWorkspace(ctx, "Acme Bank", "Asha Admin")
	must(t, err)
	tm.bob, err = st.SaveUser(ctx, tm.asha.ID, desk.UserInput{Name: "Bob Support", Role: "support"})
	must(t, err)
	tm.customer, err = st.SaveContact(ctx, tm.asha.ID, desk.ContactInput{Kind: "customer", Name: "Grace Wanjiru", Mobile: "0712345678"})
	must(t, err)
	subjects, err := st.ListCatalog(ctx, desk.CatalogSubject, false)
	must(t, err)
	tm.subject = subjects[0].ID
	ops, _, err := st.ListOps(ctx, 0, 100000)
	must(t, err)
	res, err := hub.Init(ctx, adminURL, hub.InitOptions{
		Permissions: store.OpPermissions(), FoundingInstall: st.InstallID(), FoundingOps: ops, FoundingName: "Back office",
	})
	must(t, err)
	must(t, st.JoinTeam(ctx, tm.addr, res.HubInstallID, res.Epoch, ops[len(ops)-1].Counter))
	tm.founder = &node{name: "founder", st: st, url: tm.addr, cred: res.Credentials}
	return tm
}

// join makes a new empty desk join the hub through addr (the hub's own
// address, or a proxy's) with Bob as its user.
func (tm *team) join(t testing.TB, name, addr string) *node {
	t.Helper()
	code, err := hub.Invite(ctx, tm.admin, name, []string{"Bob Support"})
	must(t, err)
	st := openStore(t)
	cred, err := teamsync.Join(ctx, st, addr, code)
	must(t, err)
	return &node{name: name, st: st, url: addr, cred: cred}
}

// run starts the node's syncer until the test ends; merged hears what it
// pulls.
func (n *node) run(t *testing.T, merged func([]desk.Op)) {
	t.Helper()
	n.s = teamsync.New(teamsync.Options{Store: n.st, URL: n.url, Credentials: n.cred, Merged: merged,
		Poll: time.Minute, RetryMax: 200 * time.Millisecond})
	c, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { n.s.Run(c); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
}

// round runs one push-and-pull round by hand.
func (n *node) round(t testing.TB) {
	t.Helper()
	c, err := hub.Connect(ctx, n.url, n.cred)
	must(t, err)
	defer c.Close()
	s := teamsync.New(teamsync.Options{Store: n.st, URL: n.url, Credentials: n.cred})
	must(t, s.Greet(ctx, c))
	must(t, s.Round(ctx, c))
}

// eventually waits up to 15 s for cond, which a running syncer makes true.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("still not true after 15 s: %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (n *node) ticket(t *testing.T, id string) (desk.TicketDetail, bool) {
	t.Helper()
	d, err := n.st.GetTicket(ctx, id)
	if desk.ErrorCode(err) == desk.ENOTFOUND {
		return d, false
	}
	must(t, err)
	return d, true
}

func (tm *team) newTicket(t testing.TB, n *node, actor string) string {
	t.Helper()
	id, err := n.st.CreateTicket(ctx, actor, desk.NewTicket{SubjectIDs: []string{tm.subject}, ContactID: tm.customer.ID,
		Mobile: tm.customer.Mobile, Description: "Card blocked at the counter"})
	must(t, err)
	return id
}

// TestAssignmentReachesTheOtherDesk: Asha assigns a ticket to Bob on the back
// office's desk; Bob's counter desk gets the ticket, its final number and
// Bob's notification, through LISTEN, without a poll.
func TestAssignmentReachesTheOtherDesk(t *testing.T) {
	tm := newTeam(t)
	// An assignment made before the counter joined comes with the team's
	// history but notifies no one there.
	before := tm.newTicket(t, tm.founder, tm.asha.ID)
	must(t, tm.founder.st.AddAssignees(ctx, tm.asha.ID, before, []string{tm.bob.ID}))
	tm.founder.round(t)
	time.Sleep(5 * time.Millisecond) // the join comes later than that change, by the clock
	counter := tm.join(t, "Counter 2", tm.addr)
	arrived := make(chan []desk.Op, 100)
	counter.run(t, func(ops []desk.Op) { arrived <- ops })
	tm.founder.run(t, nil)

	id := tm.newTicket(t, tm.founder, tm.asha.ID)
	if d, _ := tm.founder.ticket(t, id); d.Ticket.Number != -2 {
		t.Fatalf("a ticket made in a team has number %d before the hub numbers it, want P-2", d.Ticket.Number)
	}
	must(t, tm.founder.st.AddAssignees(ctx, tm.asha.ID, id, []string{tm.bob.ID}))
	tm.founder.s.Kick()

	eventually(t, "Bob's desk has the ticket assigned to him, numbered", func() bool {
		d, ok := counter.ticket(t, id)
		return ok && d.Ticket.Number == 2 && slices.ContainsFunc(d.Ticket.Assignees, func(u desk.UserRef) bool { return u.ID == tm.bob.ID })
	})
	list, err := counter.st.ListNotifications(ctx, tm.bob.ID, 10)
	must(t, err)
	if len(list.Items) != 1 || list.Items[0].TicketID != id || list.Items[0].Kind != desk.NoteAssigned {
		t.Fatalf("Bob's notifications on his desk: %+v, want only the assignment made after joining", list.Items)
	}
	eventually(t, "the founder's ticket has its final number", func() bool {
		d, _ := tm.founder.ticket(t, id)
		return d.Ticket.Number == 2
	})
	if got, err := tm.founder.st.TicketIDByNumber(ctx, -2); err != nil || got != id {
		t.Fatalf("the provisional number P-2 no longer finds the ticket: %q %v", got, err)
	}
	st, err := counter.st.TeamState(ctx)
	must(t, err)
	if st.Pending != 0 || st.LastProblem != "" || st.LastSync == "" {
		t.Fatalf("counter's team state %+v", st)
	}
}

// TestOfflineEditsConverge: the counter loses its link, both desks change
// the same ticket, the link comes back: both show the same ticket, every
// note, and the conflict marker.
func TestOfflineEditsConverge(t *testing.T) {
	tm := newTeam(t)
	proxy := hubtest.NewProxy(t, hubtest.HostPort(t, tm.addr))
	counter := tm.join(t, "Counter 2", hubtest.WithHostPort(t, tm.addr, proxy.Addr()))
	counter.run(t, nil)
	tm.founder.run(t, nil)
	id := tm.newTicket(t, tm.founder, tm.asha.ID)
	tm.founder.s.Kick()
	eventually(t, "the counter has the ticket", func() bool { _, ok := counter.ticket(t, id); return ok })

	proxy.Cut()
	eventually(t, "the counter knows it is offline", func() bool { return !counter.s.Status().Online })
	must(t, counter.st.SetPriority(ctx, tm.bob.ID, id, "urgent"))
	must(t, counter.st.AddNote(ctx, tm.bob.ID, id, "Customer called from the branch", "call"))
	must(t, tm.founder.st.SetPriority(ctx, tm.asha.ID, id, "low"))
	must(t, tm.founder.st.AddNote(ctx, tm.asha.ID, id, "Escalated to cards team", ""))
	tm.founder.s.Kick()
	if st, _ := counter.st.TeamState(ctx); st.Pending == 0 {
		t.Fatal("the counter's offline edits are not pending")
	}
	proxy.Heal()
	eventually(t, "both desks show the same ticket", func() bool {
		a, _ := tm.founder.ticket(t, id)
		b, _ := counter.ticket(t, id)
		return a.Ticket.Priority == b.Ticket.Priority && len(a.Activity) == len(b.Activity) && len(a.Conflicts) == 1 && len(b.Conflicts) == 1
	})
	a, _ := tm.founder.ticket(t, id)
	b, _ := counter.ticket(t, id)
	if !reflect.DeepEqual(a.Conflicts, b.Conflicts) || a.Conflicts[0].Field != "priority" {
		t.Fatalf("conflicts differ: %+v and %+v", a.Conflicts, b.Conflicts)
	}
	var notes []string
	for _, act := range b.Activity {
		if act.Kind == desk.ActNote {
			notes = append(notes, act.Body)
		}
	}
	if len(notes) != 2 {
		t.Fatalf("notes on the counter: %q, want both", notes)
	}
}

// TestThreeDesksConvergeInRandomOrders is the property: three desks make
// random changes to shared tickets and sync in random orders; once all have
// pushed and pulled everything, they hold the same desk, and so does a new
// desk that replays the hub's log in order.
func TestThreeDesksConvergeInRandomOrders(t *testing.T) {
	seeds := uint64(3)
	if n, err := strconv.ParseUint(os.Getenv("DESKLINE_SYNC_SEEDS"), 10, 64); err == nil {
		seeds = n // longer runs: DESKLINE_SYNC_SEEDS=50
	}
	for seed := uint64(1); seed <= seeds; seed++ {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			tm := newTeam(t)
			nodes := []*node{tm.founder, tm.join(t, "Counter 2", tm.addr), tm.join(t, "Laptop", tm.addr)}
			actors := []string{tm.asha.ID, tm.bob.ID, tm.bob.ID}
			r := rand.New(rand.NewPCG(seed, 99))
			var tickets []string
			for _, n := range nodes {
				n.round(t)
			}
			for step := range 60 {
				i := r.IntN(len(nodes))
				n, actor := nodes[i], actors[i]
				mine := ticketsOn(t, n, tickets)
				switch k := r.IntN(7); {
				case k == 0 || len(mine) == 0:
					tickets = append(tickets, tm.newTicket(t, n, actor))
				case k == 1:
					must(t, n.st.SetPriority(ctx, actor, mine[r.IntN(len(mine))], []string{"low", "medium", "high", "urgent"}[r.IntN(4)]))
				case k == 2:
					must(t, n.st.AddNote(ctx, actor, mine[r.IntN(len(mine))], fmt.Sprintf("note %d", step), ""))
				case k == 3:
					must(t, n.st.AddAssignees(ctx, actor, mine[r.IntN(len(mine))], []string{tm.bob.ID}))
				case k == 4:
					must(t, n.st.RemoveAssignee(ctx, actor, mine[r.IntN(len(mine))], tm.bob.ID))
				case k == 5:
					must(t, n.st.ChangeStatus(ctx, actor, mine[r.IntN(len(mine))], desk.StatusChange{Status: []string{"in_progress", "waiting", "open"}[r.IntN(3)]}))
				default:
					nodes[r.IntN(len(nodes))].round(t) // someone syncs
				}
			}
			for range 2 { // everyone pushes, then everyone pulls all
				for _, n := range nodes {
					n.round(t)
				}
			}
			want := deskState(t, nodes[0].st, tickets)
			for _, n := range nodes[1:] {
				if got := deskState(t, n.st, tickets); !reflect.DeepEqual(got, want) {
					t.Fatalf("%s differs from the founder:\n%v\nwant\n%v", n.name, got, want)
				}
			}
			fresh := tm.join(t, "Replay", tm.addr)
			fresh.round(t)
			if got := deskState(t, fresh.st, tickets); !reflect.DeepEqual(got, want) {
				t.Fatalf("the hub's log replayed on a new desk differs:\n%v\nwant\n%v", got, want)
			}
		})
	}
}

func ticketsOn(t *testing.T, n *node, ids []string) []string {
	var out []string
	for _, id := range ids {
		if _, ok := n.ticket(t, id); ok {
			out = append(out, id)
		}
	}
	return out
}

// deskState is what must agree between desks: each ticket's number, fields,
// sets, conflicts and feed.
func deskState(t *testing.T, st *store.Store, ids []string) []string {
	t.Helper()
	var out []string
	for _, id := range ids {
		d, err := st.GetTicket(ctx, id)
		must(t, err)
		var names []string
		for _, u := range d.Ticket.Assignees {
			names = append(names, u.Name)
		}
		slices.Sort(names)
		var feed []string
		for _, a := range d.Activity {
			feed = append(feed, a.Kind+":"+a.Body+":"+a.To)
		}
		out = append(out, fmt.Sprintf("#%d %s %s [%s] conflicts=%v feed=%s", d.Ticket.Number, d.Ticket.Status,
			d.Ticket.Priority, strings.Join(names, ","), d.Conflicts, strings.Join(feed, "|")))
	}
	return out
}

// TestHubRestoredFromBackup: the hub is restored from a backup older than
// some pushes; after `deskline hub restored` (a new epoch) every desk sends
// again what the hub lost and reads the hub from the start: nothing any desk
// had is lost, and all agree again.
func TestHubRestoredFromBackup(t *testing.T) {
	tm := newTeam(t)
	counter := tm.join(t, "Counter 2", tm.addr)
	first := tm.newTicket(t, tm.founder, tm.asha.ID)
	tm.founder.round(t)
	counter.round(t)

	cluster := hubtest.ClusterURL(t)
	db := strings.TrimPrefix(mustParsePath(t, tm.admin), "/")
	hubtest.Exec(t, cluster, "CREATE DATABASE "+db+"_bak TEMPLATE "+db)
	t.Cleanup(func() { hubtest.Exec(t, cluster, "DROP DATABASE IF EXISTS "+db+"_bak WITH (FORCE)") })

	// After the backup: a ticket from the counter and a note from the founder.
	lost := tm.newTicket(t, counter, tm.bob.ID)
	must(t, tm.founder.st.AddNote(ctx, tm.asha.ID, first, "Said after the backup", ""))
	counter.round(t)
	tm.founder.round(t)
	counter.round(t)

	// The hub is restored from the backup.
	hubtest.Exec(t, cluster, "DROP DATABASE "+db+" WITH (FORCE)")
	hubtest.Exec(t, cluster, "CREATE DATABASE "+db+" TEMPLATE "+db+"_bak")
	_, err := hub.NewEpoch(ctx, tm.admin)
	must(t, err)

	for range 2 {
		tm.founder.round(t)
		counter.round(t)
	}
	ids := []string{first, lost}
	want := deskState(t, tm.founder.st, ids)
	if got := deskState(t, counter.st, ids); !reflect.DeepEqual(got, want) {
		t.Fatalf("the desks differ after the restore:\n%v\nwant\n%v", got, want)
	}
	fresh := tm.join(t, "After restore", tm.addr)
	fresh.round(t)
	if got := deskState(t, fresh.st, ids); !reflect.DeepEqual(got, want) {
		t.Fatalf("the restored hub's log lacks what the desks had:\n%v\nwant\n%v", got, want)
	}
	if !strings.Contains(strings.Join(want, " "), "Said after the backup") {
		t.Fatalf("the note made after the backup is gone: %v", want)
	}
}

func mustParsePath(t *testing.T, u string) string {
	t.Helper()
	p, err := url.Parse(u)
	must(t, err)
	return p.Path
}

// TestRefusedChangeIsUndoneByTheHub: Bob raises a ticket's priority on the
// counter while the admin has just taken Bob off that counter; the hub (a
// real PostgreSQL) refuses the change at the next push, and the counter goes
// back to the hub's ticket and lists the refusal.
func TestRefusedChangeIsUndoneByTheHub(t *testing.T) {
	tm := newTeam(t)
	counter := tm.join(t, "Counter 2", tm.addr)
	id := tm.newTicket(t, tm.founder, tm.asha.ID)
	tm.founder.round(t)
	counter.round(t)
	if d, ok := counter.ticket(t, id); !ok || d.Ticket.Priority != "medium" {
		t.Fatalf("the counter's ticket before: %+v", d.Ticket)
	}
	must(t, hub.SetUsers(ctx, tm.admin, "Counter 2", []string{"Asha Admin"}))
	must(t, counter.st.SetPriority(ctx, tm.bob.ID, id, "urgent"))
	if d, _ := counter.ticket(t, id); d.Ticket.Priority != "urgent" {
		t.Fatalf("the local change did not apply: %q", d.Ticket.Priority)
	}
	counter.round(t)
	d, _ := counter.ticket(t, id)
	if d.Ticket.Priority != "medium" {
		t.Errorf("priority after the hub refused the change: %q, want the hub's medium", d.Ticket.Priority)
	}
	rej, err := counter.st.Rejections(ctx, 10)
	must(t, err)
	if len(rej) != 1 || !rej[0].ByHub || rej[0].EntityID != id {
		t.Fatalf("refused changes on the counter: %+v", rej)
	}
	st, err := counter.st.TeamState(ctx)
	must(t, err)
	if st.Pending != 0 || st.Rejected != 1 {
		t.Fatalf("the counter's sync state: %+v", st)
	}
	tm.founder.round(t)
	a, _ := tm.founder.ticket(t, id)
	if a.Ticket.Priority != d.Ticket.Priority || len(a.Activity) != len(d.Activity) {
		t.Fatalf("the desks differ: %q/%d feed lines and %q/%d", a.Ticket.Priority, len(a.Activity), d.Ticket.Priority, len(d.Activity))
	}
}
