package hub

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"deskline/internal/desk"
)

func TestConcurrentPushesAreGapFreeInCommitOrder(t *testing.T) {
	h := newHub(t)
	const installs, batches, perBatch = 4, 15, 20
	type inst struct {
		c *Client
		m *opMaker
	}
	var desks []inst
	for i := range installs {
		c, m := h.install(t, fmt.Sprintf("Counter %d", i+2), "Bilal")
		desks = append(desks, inst{c, m})
	}
	head := h.count(t, "SELECT last_seq FROM hub.seq_counter")
	total := head + installs*batches*perBatch

	// A reader pulls all along from its cursor: with a sequence that is commit
	// order, it never skips a row that commits late.
	reader := h.founding(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	seen := map[int64]string{}
	readerDone := make(chan error, 1)
	go func() {
		cursor := int64(0)
		for cursor < total {
			page, err := reader.Pull(ctx, cursor, 50)
			if err != nil {
				readerDone <- err
				return
			}
			for _, p := range page {
				if p.Seq != cursor+1 {
					readerDone <- fmt.Errorf("reader at %d got seq %d", cursor, p.Seq)
					return
				}
				seen[p.Seq] = p.ID
				cursor = p.Seq
			}
		}
		readerDone <- nil
	}()

	var wg sync.WaitGroup
	errs := make(chan error, installs)
	for _, d := range desks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range batches {
				ops := make([]desk.Op, perBatch)
				for i := range ops {
					ops[i] = d.m.note(bilal, "t1")
				}
				res, err := d.c.Push(ctx, ops)
				if err != nil {
					errs <- err
					return
				}
				for _, r := range res {
					if r.Status != Accepted {
						errs <- fmt.Errorf("op %s: %s %s", r.OpID, r.Status, r.Message)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if err := <-readerDone; err != nil {
		t.Fatal(err)
	}
	if int64(len(seen)) != total {
		t.Fatalf("reader saw %d ops, want %d", len(seen), total)
	}
	if n := h.count(t, "SELECT count(*) FROM hub.ops"); n != total {
		t.Fatalf("hub holds %d ops, want %d", n, total)
	}
	if n := h.count(t, "SELECT max(seq) - min(seq) + 1 - count(*) FROM hub.ops"); n != 0 {
		t.Fatalf("%d gaps in the sequence", n)
	}
	// Each installation's ops are in counter order in the log.
	if n := h.count(t, `SELECT count(*) FROM (SELECT counter, lag(counter) OVER (PARTITION BY install_id ORDER BY seq) AS prev
		FROM hub.ops) x WHERE prev IS NOT NULL AND counter <> prev + 1`); n != 0 {
		t.Fatalf("%d ops out of counter order", n)
	}
}

func TestNotifyAfterCommitNeverOnRollback(t *testing.T) {
	h := newHub(t)
	c, m := h.install(t, "Counter 2", "Bilal")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	seqs := make(chan int64, 16)
	listener := h.founding(t)
	go listener.Listen(ctx, func(seq int64) { seqs <- seq })
	head := h.count(t, "SELECT last_seq FROM hub.seq_counter")
	if got := recv(t, seqs); got != head {
		t.Fatalf("first call %d, want the head %d", got, head)
	}

	// A push inside a transaction that rolls back notifies no one.
	raw := rawConn(t, h.addr, loginCred(t, c))
	tx, err := raw.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	body := fmt.Sprintf(`[{"id":%q,"installId":%q,"counter":1,"hlc":%d,"actorId":%q,"kind":"ticket.note","entityId":"t1","payload":{}}]`,
		mustUUID(), m.install, time.Now().UnixMilli()<<16, bilal)
	var status string
	if err := tx.QueryRow(ctx, `SELECT status FROM hub.push($1::jsonb)`, body).Scan(&status); err != nil || status != "accepted" {
		t.Fatalf("push in a transaction: %s, %v", status, err)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-seqs:
		t.Fatalf("notified %d for a push that rolled back", s)
	case <-time.After(300 * time.Millisecond):
	}

	res := push(t, c, m.note(bilal, "t1"), m.note(bilal, "t1"))
	if got := recv(t, seqs); got != res[1].Seq {
		t.Fatalf("notified %d, want the push's head %d", got, res[1].Seq)
	}
	if got := h.count(t, "SELECT last_seq FROM hub.seq_counter"); got != head+2 {
		t.Fatalf("head %d, want %d", got, head+2)
	}
	select {
	case s := <-seqs:
		t.Fatalf("a second notification (%d) for one push", s)
	case <-time.After(200 * time.Millisecond):
	}
}

func TestListenReconnectsAfterCutLink(t *testing.T) {
	h := newHub(t)
	proxy := newProxy(t, h.addr)
	listener := h.connect(t, h.cred, proxy.url)
	listener.ReconnectDelay = 50 * time.Millisecond
	var mu sync.Mutex
	var lost []error
	listener.OnListenError = func(err error) { mu.Lock(); lost = append(lost, err); mu.Unlock() }
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	seqs := make(chan int64, 16)
	go listener.Listen(ctx, func(seq int64) { seqs <- seq })
	head := recv(t, seqs)

	c, m := h.install(t, "Counter 2", "Bilal")
	res := push(t, c, m.note(bilal, "t1"))
	if got := recv(t, seqs); got != res[0].Seq {
		t.Fatalf("notified %d, want %d", got, res[0].Seq)
	}

	proxy.Cut()
	// Pushed while the link is down: the notification is lost by design...
	res = push(t, c, m.note(bilal, "t1"), m.note(bilal, "t1"))
	time.Sleep(200 * time.Millisecond)
	proxy.Heal()
	// ...and the call after reconnecting gives the head to pull up to.
	if got := recv(t, seqs); got != res[1].Seq {
		t.Fatalf("after reconnecting: %d, want the head %d (was %d)", got, res[1].Seq, head)
	}
	mu.Lock()
	n := len(lost)
	mu.Unlock()
	if n == 0 {
		t.Fatal("OnListenError never heard of the cut")
	}
	// And it keeps listening.
	res = push(t, c, m.note(bilal, "t1"))
	if got := recv(t, seqs); got != res[0].Seq {
		t.Fatalf("notified %d, want %d", got, res[0].Seq)
	}
}

func recv(t testing.TB, ch chan int64) int64 {
	t.Helper()
	select {
	case s := <-ch:
		return s
	case <-time.After(15 * time.Second):
		t.Fatal("no notification")
		return 0
	}
}

// loginCred returns the credentials a client connected with.
func loginCred(t testing.TB, c *Client) Credentials {
	t.Helper()
	return Credentials{Login: c.listen.User, Password: c.listen.Password}
}

func TestJoinCodeIsOneTime(t *testing.T) {
	h := newHub(t)
	ctx := context.Background()
	code, err := Invite(ctx, h.url, "Counter 2", []string{"Bilal", "cara"})
	if err != nil {
		t.Fatal(err)
	}
	joining, err := DecodeJoinCode(" " + code[:10] + "\n" + code[10:] + " ")
	if err != nil || !strings.HasPrefix(joining.Login, rolesFor(dbName(t, h)).prefix+"_i_") {
		t.Fatalf("DecodeJoinCode = %v, %v", joining, err)
	}
	m := newMaker()
	cred, err := Join(ctx, h.addr, code, m.install)
	if err != nil {
		t.Fatalf("Join: %v", err)
	}
	if cred.Login != joining.Login || cred.Password == joining.Password {
		t.Fatal("Join did not change the password")
	}
	c := h.connect(t, cred, h.addr)
	if _, err := c.Hello(ctx, m.install); err != nil {
		t.Fatalf("Hello after joining: %v", err)
	}
	// The code is useless now, for this desk or another.
	_, err = Join(ctx, h.addr, code, newMaker().install)
	wantErr(t, err, ErrJoinUsed)
	_, err = Connect(ctx, h.addr, joining)
	wantErr(t, err, ErrBadCredentials)
	// The login's binding is one-time too: join again with another id.
	raw := rawConn(t, h.addr, cred)
	if _, err := raw.Exec(ctx, `SELECT hub."join"($1)`, newMaker().install); !errorsIsCode(err, "DL005") {
		t.Fatalf("second join with another id: %v, want DL005", err)
	}
	if _, err := raw.Exec(ctx, `SELECT hub."join"($1)`, m.install); err != nil {
		t.Fatalf("join again with the same id (its answer was lost): %v", err)
	}
	if _, err := DecodeJoinCode("not a code"); !errors.Is(err, ErrBadJoinCode) {
		t.Fatalf("DecodeJoinCode of junk: %v", err)
	}
	if _, err := Invite(ctx, h.url, "counter 2", nil); !errors.Is(err, ErrInvalid) {
		t.Fatalf("Invite with a name in use: %v", err)
	}
	if _, err := Invite(ctx, h.url, "Counter 3", []string{"Zed"}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Invite with an unknown user: %v", err)
	}
}

func TestUnjoinedLoginCannotPush(t *testing.T) {
	h := newHub(t)
	code, err := Invite(context.Background(), h.url, "Counter 2", []string{"Bilal"})
	if err != nil {
		t.Fatal(err)
	}
	cred, _ := DecodeJoinCode(code)
	c := h.connect(t, cred, h.addr)
	m := newMaker()
	_, err = c.Push(context.Background(), []desk.Op{m.note(bilal, "t1")})
	wantErr(t, err, ErrNotJoined)
}

func dbName(t testing.TB, h *testHub) string {
	t.Helper()
	conn := superConn(t, h.url)
	var db string
	if err := conn.QueryRow(context.Background(), "SELECT current_database()").Scan(&db); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestRevokeStopsHello(t *testing.T) {
	h := newHub(t)
	ctx := context.Background()
	c, m := h.install(t, "Counter 2", "Bilal")
	if _, err := c.Hello(ctx, m.install); err != nil {
		t.Fatal(err)
	}
	if err := Revoke(ctx, h.url, "counter 2"); err != nil {
		t.Fatalf("Revoke: %v", err)
	}
	_, err := c.Hello(ctx, m.install)
	if err != nil && errors.Is(err, ErrUnreachable) {
		_, err = c.Hello(ctx, m.install) // its session was ended; the pool logs in again
	}
	wantErr(t, err, ErrRevoked)
	if _, err := c.Push(ctx, []desk.Op{m.note(bilal, "t1")}); !errors.Is(err, ErrRevoked) {
		t.Fatalf("push after revoke: %v", err)
	}
	if err := Revoke(ctx, h.url, "Counter 2"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second Revoke: %v", err)
	}
	st, err := Status(ctx, h.url)
	if err != nil {
		t.Fatal(err)
	}
	if !st.Installations[1].Revoked || st.Installations[0].Revoked || st.Installations[1].LastSeenAt == nil {
		t.Fatalf("Status after revoke: %+v", st.Installations)
	}
	// The name can be given to a new installation.
	if _, err := Invite(ctx, h.url, "Counter 2", []string{"Bilal"}); err != nil {
		t.Fatalf("Invite after revoke: %v", err)
	}
}

func TestBlobs(t *testing.T) {
	h := newHub(t)
	c := h.founding(t)
	ctx := context.Background()
	body := []byte("Signed ID copy\n")
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	wrong := strings.Repeat("0", 64)

	wantErr(t, c.PutBlob(ctx, wrong, body), ErrBlobMismatch)
	if n := h.count(t, "SELECT count(*) FROM hub.blobs"); n != 0 {
		t.Fatalf("%d blobs stored after a mismatch", n)
	}
	if err := c.PutBlob(ctx, hash, body); err != nil {
		t.Fatalf("PutBlob: %v", err)
	}
	if err := c.PutBlob(ctx, strings.ToUpper(hash), body); err != nil {
		t.Fatalf("PutBlob again: %v", err)
	}
	got, err := c.GetBlob(ctx, hash)
	if err != nil || string(got) != string(body) {
		t.Fatalf("GetBlob = %q, %v", got, err)
	}
	_, err = c.GetBlob(ctx, wrong)
	wantErr(t, err, ErrNotFound)
	have, err := c.HasBlobs(ctx, []string{hash, wrong})
	if err != nil || !have[hash] || have[wrong] || len(have) != 1 {
		t.Fatalf("HasBlobs = %v, %v", have, err)
	}
	big := make([]byte, 25*1024*1024+1)
	bigSum := sha256.Sum256(big)
	wantErr(t, c.PutBlob(ctx, hex.EncodeToString(bigSum[:]), big), ErrBlobTooLarge)
}

func TestErrorsHoldNoPassword(t *testing.T) {
	h := newHub(t)
	ctx := context.Background()
	pw := h.cred.Password
	check := func(what string, err error) {
		t.Helper()
		if err == nil {
			t.Fatalf("%s: no error", what)
		}
		if strings.Contains(err.Error(), pw) || strings.Contains(fmt.Sprintf("%+v %#v", err, err), pw) {
			t.Fatalf("%s: the error shows the password: %v", what, err)
		}
	}
	// Wrong password.
	_, err := Connect(ctx, h.addr, Credentials{Login: h.cred.Login, Password: pw + "x"})
	wantErr(t, err, ErrBadCredentials)
	check("wrong password", err)
	// Nobody listening, with the password in the URL too.
	dead := strings.Replace(h.addr, "postgres://", "postgres://someone:"+pw+"@", 1)
	dead = strings.Replace(dead, hostPort(h.addr), "127.0.0.1:1", 1)
	_, err = Connect(ctx, dead, h.cred)
	wantErr(t, err, ErrUnreachable)
	check("unreachable", err)
	_, err = Status(ctx, dead)
	check("admin unreachable", err)
	// A malformed URL holding the password.
	_, err = Connect(ctx, "postgres://u:"+pw+"@[bad", h.cred)
	check("bad URL", err)
	if s := fmt.Sprintf("%v %+v %#v", h.cred, h.cred, h.cred); strings.Contains(s, pw) {
		t.Fatalf("printing credentials shows the password: %s", s)
	}
}

func hostPort(u string) string {
	rest := u[strings.Index(u, "//")+2:]
	return rest[:strings.IndexAny(rest, "/?")]
}
