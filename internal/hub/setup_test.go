package hub

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"deskline/internal/desk"
	"deskline/internal/hub/hubtest"
)

// testPermissions: admins do everything; support and sales work tickets;
// only admins save users.
var testPermissions = map[string][]string{
	"workspace.init": {"admin"},
	"user.save":      {"admin"},
	"ticket.create":  {"admin", "manager", "support", "sales"},
	"ticket.set":     {"admin", "manager", "support"},
	"ticket.note":    {"admin", "manager", "support", "sales"},
}

// Users of the founding log.
const (
	asha  = "0193a000-0000-7000-8000-00000000000a" // admin
	bilal = "0193a000-0000-7000-8000-00000000000b" // support
	cara  = "0193a000-0000-7000-8000-00000000000c" // sales
)

// opMaker stamps operations of one installation, as its store would.
type opMaker struct {
	mu      sync.Mutex
	install string
	counter int64
	skew    time.Duration // how far this installation's clock is off
}

func newMaker() *opMaker { return &opMaker{install: mustUUID()} }

func mustUUID() string {
	id, err := uuid.NewV7()
	if err != nil {
		panic(err)
	}
	return id.String()
}

func (m *opMaker) op(kind, actor, entity string, payload any) desk.Op {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.counter++
	now := time.Now().Add(m.skew)
	body, err := json.Marshal(payload)
	if err != nil {
		panic(err)
	}
	return desk.Op{
		ID: mustUUID(), InstallID: m.install, Counter: m.counter, HLC: now.UnixMilli()<<16 | (m.counter & 0xffff),
		ActorID: actor, Kind: kind, EntityID: entity, Payload: body, CreatedAt: now.UTC(),
	}
}

func (m *opMaker) ticket(actor string, number int64) desk.Op {
	return m.op("ticket.create", actor, mustUUID(), map[string]any{"number": number, "description": "Card blocked", "priority": "medium"})
}

func (m *opMaker) note(actor, ticket string) desk.Op {
	return m.op("ticket.note", actor, ticket, map[string]any{"body": "called back"})
}

// testHub is a hub founded from a small desk log: three users and three
// tickets numbered 1 to 3.
type testHub struct {
	url     string // superuser URL of its database
	addr    string // the address installations are given (no user)
	founder *opMaker
	cred    Credentials // the founding installation's
	res     InitResult
}

func newHub(t testing.TB) *testHub {
	t.Helper()
	url := hubtest.MustDB(t)
	h := &testHub{url: url, addr: hubtest.WithoutUser(t, url), founder: newMaker()}
	f := h.founder
	ops := []desk.Op{
		f.op("workspace.init", asha, "ws", map[string]any{"orgName": "Test Bank"}),
		f.op("user.save", asha, asha, map[string]any{"name": "Asha", "role": "admin", "active": true}),
		f.op("user.save", asha, bilal, map[string]any{"name": "Bilal", "role": "support", "active": true}),
		f.op("user.save", asha, cara, map[string]any{"name": "Cara", "role": "sales", "active": true}),
	}
	for n := int64(1); n <= 3; n++ {
		ops = append(ops, f.ticket(asha, n))
	}
	res, err := Init(context.Background(), url, InitOptions{
		Permissions: testPermissions, FoundingInstall: f.install, FoundingOps: ops, FoundingName: "Front counter",
	})
	if err != nil {
		t.Fatalf("Init: %v", err)
	}
	if !res.Founded || res.Credentials.Login == "" {
		t.Fatalf("Init did not found the hub: %+v", res)
	}
	h.cred, h.res = res.Credentials, res
	return h
}

// install invites an installation on which users may act, joins it and
// connects it.
func (h *testHub) install(t testing.TB, name string, users ...string) (*Client, *opMaker) {
	t.Helper()
	ctx := context.Background()
	code, err := Invite(ctx, h.url, name, users)
	if err != nil {
		t.Fatalf("Invite: %v", err)
	}
	m := newMaker()
	cred, err := Join(ctx, h.addr, code, m.install)
	if err != nil {
		t.Fatalf("Join: %v", err)
	}
	return h.connect(t, cred, h.addr), m
}

// founding connects the founding installation.
func (h *testHub) founding(t testing.TB) *Client {
	return h.connect(t, h.cred, h.addr)
}

func (h *testHub) connect(t testing.TB, cred Credentials, addr string) *Client {
	t.Helper()
	c, err := Connect(context.Background(), addr, cred)
	if err != nil {
		t.Fatalf("Connect: %v", err)
	}
	t.Cleanup(c.Close)
	return c
}

// count returns a number the superuser reads from the hub.
func (h *testHub) count(t testing.TB, sql string, args ...any) int64 {
	t.Helper()
	return hubtest.Int(t, h.url, sql, args...)
}

func push(t testing.TB, c *Client, ops ...desk.Op) []PushResult {
	t.Helper()
	res, err := c.Push(context.Background(), ops)
	if err != nil {
		t.Fatalf("Push: %v", err)
	}
	if len(res) != len(ops) {
		t.Fatalf("Push answered %d results for %d ops", len(res), len(ops))
	}
	for i, r := range res {
		if r.OpID != ops[i].ID {
			t.Fatalf("result %d is for op %s, want %s", i, r.OpID, ops[i].ID)
		}
	}
	return res
}

func wantStatus(t testing.TB, res []PushResult, want ...PushStatus) {
	t.Helper()
	for i, r := range res {
		if r.Status != want[i] {
			t.Fatalf("op %d: status %s (%s %s), want %s", i, r.Status, r.Reason, r.Message, want[i])
		}
	}
}

func wantErr(t testing.TB, err, kind error) *Error {
	t.Helper()
	if !errors.Is(err, kind) {
		t.Fatalf("error %v, want %v", err, kind)
	}
	var he *Error
	if !errors.As(err, &he) {
		t.Fatalf("error %T is no *hub.Error", err)
	}
	return he
}

// rawConn connects as an installation's login without the client, to call
// what the client does not.
func rawConn(t testing.TB, addr string, cred Credentials) *pgx.Conn {
	t.Helper()
	cfg, err := pgx.ParseConfig(addr)
	if err != nil {
		t.Fatal(err)
	}
	cfg.User, cfg.Password = cred.Login, cred.Password
	conn, err := pgx.ConnectConfig(context.Background(), cfg)
	if err != nil {
		t.Fatalf("connect as %s: %v", cred.Login, err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// testProxy is a hubtest.Proxy with the address an installation is given.
type testProxy struct {
	*hubtest.Proxy
	url string
}

func newProxy(t testing.TB, addr string) *testProxy {
	t.Helper()
	p := hubtest.NewProxy(t, hubtest.HostPort(t, addr))
	return &testProxy{Proxy: p, url: hubtest.WithHostPort(t, addr, p.Addr())}
}

// waitFor polls cond for up to 20 seconds.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func superConn(t testing.TB, url string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func loginOf(t testing.TB, h *testHub, installID string) string {
	t.Helper()
	conn := superConn(t, h.url)
	var login string
	if err := conn.QueryRow(context.Background(), "SELECT login FROM hub.installations WHERE install_id = $1", installID).Scan(&login); err != nil {
		t.Fatal(err)
	}
	return login
}

func uuidParse(s string) (uuid.UUID, error) {
	id, err := uuid.Parse(s)
	if err == nil && id.Version() != 7 {
		return id, errors.New("not a UUIDv7")
	}
	return id, err
}
