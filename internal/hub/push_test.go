package hub

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"deskline/internal/desk"
	"deskline/internal/hub/hubtest"
)

func TestLoginCannotReadHubTables(t *testing.T) {
	h := newHub(t)
	conn := rawConn(t, h.addr, h.cred)
	for _, table := range []string{"ops", "installations", "hub_users", "kind_roles", "seq_counter", "blobs", "rejected_ops", "hub_meta"} {
		_, err := conn.Exec(context.Background(), "SELECT * FROM hub."+table)
		var pe *pgconn.PgError
		if !errors.As(err, &pe) || pe.Code != "42501" {
			t.Fatalf("SELECT from hub.%s as a login: %v, want SQLSTATE 42501", table, err)
		}
	}
	// Nor call what is not granted.
	if _, err := conn.Exec(context.Background(), "SELECT hub.me(false, false)"); !errorsIsCode(err, "42501") {
		t.Fatalf("calling hub.me as a login: %v, want 42501", err)
	}
}

func TestPushAccepted(t *testing.T) {
	h := newHub(t)
	c := h.founding(t)
	ctx := context.Background()
	hello, err := c.Hello(ctx, h.founder.install)
	if err != nil {
		t.Fatalf("Hello: %v", err)
	}
	if hello.HeadSeq != 7 || hello.LastCounter != 7 || hello.FoundingInstallID != h.founder.install || hello.Epoch == "" {
		t.Fatalf("Hello = %+v, want head 7, last counter 7", hello)
	}
	if d := time.Since(hello.ServerTime); d > time.Minute || d < -time.Minute {
		t.Fatalf("server time %v is off", hello.ServerTime)
	}
	tk := h.founder.ticket(bilal, 0)
	res := push(t, c, tk, h.founder.note(bilal, tk.EntityID))
	wantStatus(t, res, Accepted, Accepted)
	if res[0].Seq != 8 || res[1].Seq != 10 { // 9 is the hub's ticket.number
		t.Fatalf("seqs %d, %d; want 8, 10", res[0].Seq, res[1].Seq)
	}
	got, err := c.Pull(ctx, 0, 100)
	if err != nil {
		t.Fatalf("Pull: %v", err)
	}
	if len(got) != 10 {
		t.Fatalf("pulled %d ops, want 10", len(got))
	}
	for i, p := range got {
		if p.Seq != int64(i+1) {
			t.Fatalf("pulled seq %d at %d", p.Seq, i)
		}
	}
	if got[7].ID != tk.ID || got[7].HLC != tk.HLC || got[7].Counter != tk.Counter || got[7].ActorID != bilal ||
		got[7].CreatedAt.UnixMilli() != tk.CreatedAt.UnixMilli() || !strings.Contains(string(got[7].Payload), `"Card blocked"`) {
		t.Fatalf("pulled op %+v, pushed %+v", got[7].Op, tk)
	}
	page, err := c.Pull(ctx, 8, 1)
	if err != nil || len(page) != 1 || page[0].Seq != 9 {
		t.Fatalf("Pull(8, 1) = %v, %v; want seq 9 only", page, err)
	}
}

func TestPushUnderAnotherInstallationRefused(t *testing.T) {
	h := newHub(t)
	c, _ := h.install(t, "Counter 2", "Bilal")
	// Counter 2 pushes an op stamped with the founding desk's id.
	op := h.founder.note(bilal, "t1")
	_, err := c.Push(context.Background(), []desk.Op{op})
	he := wantErr(t, err, ErrForbidden)
	if he.Code != "42501" {
		t.Fatalf("code %s, want 42501", he.Code)
	}
	if n := h.count(t, "SELECT count(*) FROM hub.ops WHERE op_id = $1", op.ID); n != 0 {
		t.Fatalf("%d ops stored", n)
	}
}

func TestCounterGapRefused(t *testing.T) {
	h := newHub(t)
	c, m := h.install(t, "Counter 2", "Bilal")
	first := m.note(bilal, "t1")
	m.note(bilal, "t1") // counter 2 never pushed: lost
	third := m.note(bilal, "t1")
	_, err := c.Push(context.Background(), []desk.Op{first, third})
	he := wantErr(t, err, ErrCounterGap)
	if he.Code != "DL002" || !strings.Contains(he.Error(), "expected operation 2") {
		t.Fatalf("error %q (%s)", he.Error(), he.Code)
	}
	if n := h.count(t, "SELECT count(*) FROM hub.ops WHERE install_id = $1", m.install); n != 0 {
		t.Fatalf("%d ops stored after a refused push", n)
	}
	if n := h.count(t, "SELECT last_counter FROM hub.installations WHERE install_id = $1", m.install); n != 0 {
		t.Fatalf("last counter %d after a refused push", n)
	}
	// Starting past the last counter is a gap too.
	if _, err := c.Push(context.Background(), []desk.Op{third}); !errors.Is(err, ErrCounterGap) {
		t.Fatalf("push starting at counter 3: %v", err)
	}
}

func TestClockAheadRefused(t *testing.T) {
	h := newHub(t)
	c, m := h.install(t, "Counter 2", "Bilal")
	m.skew = 365 * 24 * time.Hour
	_, err := c.Push(context.Background(), []desk.Op{m.note(bilal, "t1")})
	he := wantErr(t, err, ErrClockAhead)
	if !strings.Contains(he.Error(), "clock is 36") || !strings.Contains(he.Error(), "days ahead") || !strings.Contains(he.Error(), "set the correct date and time") {
		t.Fatalf("message %q is not plain", he.Error())
	}
	if n := h.count(t, "SELECT count(*) FROM hub.ops WHERE install_id = $1", m.install); n != 0 {
		t.Fatalf("%d ops stored", n)
	}
	// A few minutes ahead is tolerated.
	m.counter, m.skew = 0, 2*time.Minute
	wantStatus(t, push(t, c, m.note(bilal, "t1")), Accepted)
}

func TestOldProtocolRefused(t *testing.T) {
	h := newHub(t)
	if _, err := Init(context.Background(), h.url, InitOptions{Permissions: testPermissions, MinProtocol: Protocol + 1}); err != nil {
		t.Fatalf("Init raising the protocol: %v", err)
	}
	c := h.founding(t)
	_, err := c.Hello(context.Background(), h.founder.install)
	he := wantErr(t, err, ErrUpdateRequired)
	if !strings.HasPrefix(he.Error(), "update required") {
		t.Fatalf("message %q", he.Error())
	}
	c.protocol = Protocol + 1
	if _, err := c.Hello(context.Background(), h.founder.install); err != nil {
		t.Fatalf("Hello with the new protocol: %v", err)
	}
}

func TestHelloRefusesAnotherInstallID(t *testing.T) {
	h := newHub(t)
	c := h.founding(t)
	_, err := c.Hello(context.Background(), mustUUID())
	wantErr(t, err, ErrWrongInstallation)
}

func TestDuplicatePush(t *testing.T) {
	h := newHub(t)
	c, m := h.install(t, "Counter 2", "Bilal")
	a, b := m.note(bilal, "t1"), m.note(bilal, "t1")
	first := push(t, c, a, b)
	wantStatus(t, first, Accepted, Accepted)
	cc := m.note(bilal, "t1")
	again := push(t, c, a, b, cc, cc)
	wantStatus(t, again, Duplicate, Duplicate, Accepted, Duplicate)
	if again[0].Seq != first[0].Seq || again[1].Seq != first[1].Seq || again[3].Seq != again[2].Seq {
		t.Fatalf("duplicate seqs %+v, first %+v", again, first)
	}
	if n := h.count(t, "SELECT count(*) FROM hub.ops WHERE install_id = $1", m.install); n != 3 {
		t.Fatalf("%d ops stored, want 3", n)
	}
}

func TestReplyLostAfterCommit(t *testing.T) {
	h := newHub(t)
	code, err := Invite(context.Background(), h.url, "Counter 2", []string{"Bilal"})
	if err != nil {
		t.Fatal(err)
	}
	m := newMaker()
	cred, err := Join(context.Background(), h.addr, code, m.install)
	if err != nil {
		t.Fatal(err)
	}
	proxy := newProxy(t, h.addr)
	viaProxy := h.connect(t, cred, proxy.url)

	// A first push readies the connection (its statement is prepared, it is
	// fresh: no liveness ping), so the next push is one request and one answer.
	wantStatus(t, push(t, viaProxy, m.note(bilal, "t1")), Accepted)
	ops := []desk.Op{m.note(bilal, "t1"), m.ticket(bilal, 0)}
	proxy.Blackhole()
	done := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		_, err := viaProxy.Push(ctx, ops)
		done <- err
	}()
	waitFor(t, "the push to commit", func() bool {
		return h.count(t, "SELECT count(*) FROM hub.ops WHERE install_id = $1", m.install) == 3
	})
	proxy.Cut()
	if err := <-done; !errors.Is(err, ErrUnreachable) {
		t.Fatalf("push whose answer was lost: %v, want ErrUnreachable", err)
	}
	proxy.Heal()
	res := push(t, viaProxy, ops...)
	wantStatus(t, res, Duplicate, Duplicate)
	if n := h.count(t, "SELECT count(*) FROM hub.ops WHERE install_id = $1 OR (kind = 'ticket.number' AND entity_id = $2)", m.install, ops[1].EntityID); n != 4 {
		t.Fatalf("%d ops stored, want 3 and one ticket number", n)
	}
}

func TestHubKilledMidPush(t *testing.T) {
	h := newHub(t)
	c, m := h.install(t, "Counter 2", "Bilal")
	ctx := context.Background()
	before := h.count(t, "SELECT last_seq FROM hub.seq_counter")

	// Hold the ticket number row: the push stores its ops, takes the counter
	// row, and waits there for the number.
	lock := superConn(t, h.url)
	tx, err := lock.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "SELECT * FROM hub.number_counter FOR UPDATE"); err != nil {
		t.Fatal(err)
	}
	ops := []desk.Op{m.note(bilal, "t1"), m.ticket(bilal, 0), m.note(bilal, "t1")}
	done := make(chan error, 1)
	go func() {
		_, err := c.Push(ctx, ops)
		done <- err
	}()
	var pid int64
	waitFor(t, "the push to wait on the ticket number", func() bool {
		err := lock.QueryRow(ctx, `SELECT pid FROM pg_stat_activity WHERE usename = $1 AND wait_event_type = 'Lock'`,
			loginOf(t, h, m.install)).Scan(&pid)
		return err == nil
	})
	// The pushing backend holds the sequence row now: nobody else may push.
	if n := h.count(t, `SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
		WHERE a.pid = $1 AND l.granted AND l.relation = 'hub.seq_counter'::regclass AND l.mode = 'RowShareLock'`, pid); n != 1 {
		t.Fatalf("the pusher holds %d row-share locks on seq_counter, want 1", n)
	}
	if _, err := lock.Exec(ctx, "SELECT pg_terminate_backend($1)", pid); err != nil {
		t.Fatal(err)
	}
	if err := <-done; !errors.Is(err, ErrUnreachable) {
		t.Fatalf("push of a killed backend: %v, want ErrUnreachable", err)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if n := h.count(t, "SELECT count(*) FROM hub.ops WHERE install_id = $1", m.install); n != 0 {
		t.Fatalf("%d ops stored by a killed push", n)
	}
	if n := h.count(t, "SELECT last_seq FROM hub.seq_counter"); n != before {
		t.Fatalf("head %d after a killed push, was %d", n, before)
	}
	res := push(t, c, ops...)
	wantStatus(t, res, Accepted, Accepted, Accepted)
	if n := h.count(t, "SELECT count(*) FROM hub.ops WHERE install_id = $1", m.install); n != 3 {
		t.Fatalf("%d ops stored by the retry, want 3", n)
	}
	if n := h.count(t, "SELECT last_seq FROM hub.seq_counter"); n != before+4 {
		t.Fatalf("head %d, want %d (three ops and a ticket number)", n, before+4)
	}
}

func TestRejectedOpsAreRecordedAndDoNotBlock(t *testing.T) {
	h := newHub(t)
	c, m := h.install(t, "Counter 2", "Bilal")
	byCara := m.note(cara, "t1")                                                                                  // Cara may not act on Counter 2
	userSave := m.op("user.save", bilal, bilal, map[string]any{"name": "Bilal", "role": "admin", "active": true}) // support may not save users
	unknown := m.op("ticket.teleport", bilal, "t1", nil)
	forged := m.op(KindTicketNumber, bilal, "t1", map[string]any{"number": 1}) // only the hub numbers tickets
	ok := m.note(bilal, "t1")
	res := push(t, c, byCara, userSave, unknown, forged, ok)
	wantStatus(t, res, Rejected, Rejected, Rejected, Rejected, Accepted)
	for i, want := range []string{ReasonActorNotAllowed, ReasonRoleNotAllowed, ReasonUnknownKind, ReasonHubOnly} {
		if res[i].Reason != want || res[i].Message == "" {
			t.Fatalf("op %d: reason %q (%q), want %s", i, res[i].Reason, res[i].Message, want)
		}
	}
	if !strings.Contains(res[1].Message, "Bilal (support) may not") {
		t.Fatalf("message %q", res[1].Message)
	}
	if n := h.count(t, "SELECT count(*) FROM hub.rejected_ops WHERE install_id = $1", m.install); n != 4 {
		t.Fatalf("%d rejected ops recorded, want 4", n)
	}
	if n := h.count(t, "SELECT last_counter FROM hub.installations WHERE install_id = $1", m.install); n != 5 {
		t.Fatalf("last counter %d, want 5", n)
	}
	if n := h.count(t, "SELECT (role = 'support')::int FROM hub.hub_users WHERE id = $1", bilal); n == 0 {
		t.Fatal("a rejected user.save changed the hub's user")
	}
	// Pushed again, a rejected op answers as before; later ops go through.
	wantStatus(t, push(t, c, byCara, m.note(bilal, "t1")), Rejected, Accepted)
	// A batch without a user.save is judged all at once: the same answers.
	res = push(t, c, m.note(cara, "t1"), m.ticket(bilal, 0), m.op("ticket.set", cara, "t1", nil), m.op("ticket.teleport", bilal, "t1", nil))
	wantStatus(t, res, Rejected, Accepted, Rejected, Rejected)
	if res[0].Reason != ReasonActorNotAllowed || res[2].Reason != ReasonActorNotAllowed || res[3].Reason != ReasonUnknownKind ||
		res[0].Message != "this user may not work on installation \"Counter 2\"" {
		t.Fatalf("set-based judgement: %+v", res)
	}
	if n := h.count(t, "SELECT count(*) FROM hub.ops WHERE kind = 'ticket.number' AND entity_id = (SELECT entity_id FROM hub.ops WHERE op_id = $1)", res[1].OpID); n != 1 {
		t.Fatalf("%d numbers for the accepted ticket", n)
	}
	st, err := Status(context.Background(), h.url)
	if err != nil {
		t.Fatal(err)
	}
	if st.Rejected != 7 || len(st.Installations) != 2 || st.Installations[1].Rejected != 7 || st.Installations[1].Accepted != 3 {
		t.Fatalf("Status = %+v", st)
	}
}

func TestDeactivatedUserRejected(t *testing.T) {
	h := newHub(t)
	c := h.founding(t)
	f := h.founder
	wantStatus(t, push(t, c, f.op("user.save", asha, bilal, map[string]any{"name": "Bilal", "role": "support", "active": false})), Accepted)
	res := push(t, c, f.note(bilal, "t1"))
	wantStatus(t, res, Rejected)
	if res[0].Reason != ReasonActorInactive {
		t.Fatalf("reason %s", res[0].Reason)
	}
}

func TestUserSaveLastWriterWinsAndNewUserJoinsInstallation(t *testing.T) {
	h := newHub(t)
	c := h.founding(t)
	f := h.founder
	dina := mustUUID()
	newer := f.op("user.save", asha, dina, map[string]any{"name": "Dina", "role": "manager", "active": true})
	older := newer
	older.ID, older.Counter, older.HLC = mustUUID(), newer.Counter+1, newer.HLC-1000
	older.Payload = []byte(`{"name":"Dina (old)","role":"sales","active":true}`)
	f.counter++
	wantStatus(t, push(t, c, newer, older), Accepted, Accepted)
	if n := h.count(t, "SELECT count(*) FROM hub.hub_users WHERE id = $1 AND name = 'Dina' AND role = 'manager'", dina); n != 1 {
		t.Fatal("an older user.save overwrote a newer one")
	}
	// Dina may act on the desk that made her.
	wantStatus(t, push(t, c, f.ticket(dina, 0)), Accepted)
	// An admin gives her another installation too.
	c2, m2 := h.install(t, "Counter 2", "Dina")
	wantStatus(t, push(t, c2, m2.note(dina, "t1"), m2.note(asha, "t1")), Accepted, Rejected)
	if err := SetUsers(context.Background(), h.url, "Counter 2", []string{"Dina", "Asha"}); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, push(t, c2, m2.note(asha, "t1")), Accepted)
	if err := SetUsers(context.Background(), h.url, "Counter 2", []string{"Nobody"}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("SetUsers with an unknown user: %v", err)
	}
}

func TestTicketCreateGetsHubNumber(t *testing.T) {
	h := newHub(t)
	c, m := h.install(t, "Counter 2", "Bilal")
	t1, t2 := m.ticket(bilal, 901), m.ticket(bilal, 902) // provisional numbers of the desk
	res := push(t, c, t1, t2)
	wantStatus(t, res, Accepted, Accepted)
	got, err := c.Pull(context.Background(), res[0].Seq-1, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 {
		t.Fatalf("pulled %d, want create, number, create, number", len(got))
	}
	for i, tk := range []desk.Op{t1, t2} {
		num := got[2*i+1]
		want := `{"number": ` + string(rune('4'+i)) + `}`
		if num.Kind != KindTicketNumber || num.EntityID != tk.EntityID || string(num.Payload) != want ||
			num.InstallID != h.res.HubInstallID || num.ActorID != bilal || num.HLC <= tk.HLC || num.Seq != got[2*i].Seq+1 {
			t.Fatalf("number op %+v (payload %s) for %+v", num, num.Payload, tk)
		}
		if _, err := uuidParse(num.ID); err != nil {
			t.Fatalf("hub op id %q: %v", num.ID, err)
		}
	}
	if got[1].Counter+1 != got[3].Counter {
		t.Fatalf("hub counters %d, %d are not consecutive", got[1].Counter, got[3].Counter)
	}
	// A duplicate create gets no second number.
	wantStatus(t, push(t, c, t1), Duplicate)
	if n := h.count(t, "SELECT count(*) FROM hub.ops WHERE kind = 'ticket.number'"); n != 2 {
		t.Fatalf("%d number ops", n)
	}
}

func TestInitIsIdempotent(t *testing.T) {
	h := newHub(t)
	ctx := context.Background()
	perms := map[string][]string{"ticket.note": {"admin"}}
	res, err := Init(ctx, h.url, InitOptions{Permissions: perms, FoundingInstall: h.founder.install})
	if err != nil {
		t.Fatalf("second Init: %v", err)
	}
	if res.Founded || res.Credentials.Password != "" || res.Epoch != h.res.Epoch || res.SchemaVersion != SchemaVersion() {
		t.Fatalf("second Init = %+v", res)
	}
	if n := h.count(t, "SELECT count(*) FROM hub.kind_roles"); n != 1 {
		t.Fatalf("kind_roles has %d rows after a rewrite, want 1", n)
	}
	if n := h.count(t, "SELECT count(*) FROM hub.ops"); n != 7 {
		t.Fatalf("%d ops after a second Init, want 7", n)
	}
	if _, err := Init(ctx, h.url, InitOptions{Permissions: perms, FoundingInstall: mustUUID()}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("Init founding another desk: %v", err)
	}
	if _, err := Init(ctx, h.url, InitOptions{Permissions: map[string][]string{"x": {"boss"}}}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("Init with an unknown role: %v", err)
	}
	if n := h.count(t, "SELECT last_number FROM hub.number_counter"); n != 3 {
		t.Fatalf("number counter %d, want 3", n)
	}
}

func TestNewEpoch(t *testing.T) {
	h := newHub(t)
	ctx := context.Background()
	epoch, err := NewEpoch(ctx, h.url)
	if err != nil {
		t.Fatal(err)
	}
	hello, err := h.founding(t).Hello(ctx, h.founder.install)
	if err != nil {
		t.Fatal(err)
	}
	if epoch == h.res.Epoch || hello.Epoch != epoch {
		t.Fatalf("epoch %s, hello %s, before %s", epoch, hello.Epoch, h.res.Epoch)
	}
}

// The hub's server crashes (pg_ctl stop -m immediate) while a push holds the
// sequence row: after the restart nothing of it is stored, and the retry
// stores each op once.
func TestHubCrashMidPush(t *testing.T) {
	cluster := hubtest.StartCluster(t, hubtest.ClusterOptions{})
	ctx := context.Background()
	admin := cluster.URL("deskline_crash", "sslmode=disable")
	f := newMaker()
	res, err := Init(ctx, admin, InitOptions{Permissions: testPermissions, FoundingInstall: f.install, FoundingOps: []desk.Op{
		f.op("user.save", asha, asha, map[string]any{"name": "Asha", "role": "admin", "active": true}),
	}})
	if err != nil {
		t.Fatal(err)
	}
	addr := hubtest.WithoutUser(t, admin)
	c, err := Connect(ctx, addr, res.Credentials)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	lock := superConn(t, admin)
	tx, err := lock.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "SELECT * FROM hub.number_counter FOR UPDATE"); err != nil {
		t.Fatal(err)
	}
	ops := []desk.Op{f.note(asha, "t1"), f.ticket(asha, 0), f.note(asha, "t1")}
	done := make(chan error, 1)
	go func() {
		_, err := c.Push(ctx, ops)
		done <- err
	}()
	waitFor(t, "the push to wait on the ticket number", func() bool {
		var waiting bool
		err := superConn(t, admin).QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_stat_activity
			WHERE usename = $1 AND wait_event_type = 'Lock')`, res.Credentials.Login).Scan(&waiting)
		return err == nil && waiting
	})
	cluster.Stop(t, "immediate")
	if err := <-done; !errors.Is(err, ErrUnreachable) {
		t.Fatalf("push during a crash: %v, want ErrUnreachable", err)
	}
	cluster.Start(t)

	check := superConn(t, admin)
	var stored, head int64
	if err := check.QueryRow(ctx, `SELECT (SELECT count(*) FROM hub.ops WHERE counter > 1), last_seq FROM hub.seq_counter`).Scan(&stored, &head); err != nil {
		t.Fatal(err)
	}
	if stored != 0 || head != 1 {
		t.Fatalf("after the crash: %d ops of the push stored, head %d; want 0 and 1", stored, head)
	}
	got, err := c.Push(ctx, ops) // the pool logs in again
	if err != nil {
		t.Fatalf("retry after the restart: %v", err)
	}
	wantStatus(t, got, Accepted, Accepted, Accepted)
	if err := check.QueryRow(ctx, `SELECT count(*), max(seq) FROM hub.ops`).Scan(&stored, &head); err != nil {
		t.Fatal(err)
	}
	if stored != 5 || head != 5 {
		t.Fatalf("after the retry: %d ops, head %d; want 5 (founding op, three, a number)", stored, head)
	}
}
