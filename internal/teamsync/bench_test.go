package teamsync_test

import (
	"encoding/json"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"

	"deskline/internal/desk"
	"deskline/internal/hub"
	"deskline/internal/store"
)

// BenchmarkJoin measures a new desk joining a hub that holds many tickets
// (DESKLINE_BENCH_HUB_TICKETS, default 10,000): the whole log pulled and
// applied. It reports the seconds per join and the pulled operations applied
// per second. The tickets are pushed as the back office's create operations,
// each numbered by the hub (so twice as many operations as tickets).
func BenchmarkJoin(b *testing.B) {
	n := 10_000
	if v, err := strconv.Atoi(os.Getenv("DESKLINE_BENCH_HUB_TICKETS")); err == nil {
		n = v
	}
	tm := newTeam(b)
	id := tm.newTicket(b, tm.founder, tm.asha.ID)
	pending, err := tm.founder.st.PendingOps(ctx, 100000)
	must(b, err)
	var template desk.Op // the ticket's create
	for _, op := range pending {
		if op.Kind == store.OpTicketCreate && op.EntityID == id {
			template = op
		}
	}
	if template.ID == "" {
		b.Fatal("the ticket's create is not among the desk's pending operations")
	}
	c, err := hub.Connect(ctx, tm.addr, tm.founder.cred)
	must(b, err)
	defer c.Close()
	info, err := c.Hello(ctx, tm.founder.st.InstallID())
	must(b, err)
	counter := info.LastCounter
	base := time.Now().Add(-time.Hour)
	batch := make([]desk.Op, 0, 500)
	var payload map[string]any
	must(b, json.Unmarshal(template.Payload, &payload))
	for i := range n {
		counter++
		payload["number"] = -(i + 1)
		body, err := json.Marshal(payload)
		must(b, err)
		at := base.Add(time.Duration(i) * time.Millisecond)
		batch = append(batch, desk.Op{ID: uuid.Must(uuid.NewV7()).String(), InstallID: template.InstallID, Counter: counter,
			HLC: at.UnixMilli() << 16, ActorID: template.ActorID, Kind: store.OpTicketCreate,
			EntityID: uuid.Must(uuid.NewV7()).String(), Payload: body, CreatedAt: at})
		if len(batch) == cap(batch) || i == n-1 {
			res, err := c.Push(ctx, batch)
			must(b, err)
			for _, r := range res {
				if r.Status != hub.Accepted {
					b.Fatalf("push: %+v", r)
				}
			}
			batch = batch[:0]
		}
	}
	b.ResetTimer()
	var applied int64
	start, cpu := time.Now(), cpuTime()
	for i := 0; i < b.N; i++ {
		fresh := tm.join(b, "Laptop "+strconv.Itoa(i), tm.addr)
		fresh.round(b)
		st, err := fresh.st.TeamState(ctx)
		must(b, err)
		applied += st.Cursor
		b.StopTimer()
		if st.Rejected != 0 {
			rej, _ := fresh.st.Rejections(ctx, 3)
			b.Fatalf("the new desk refused %d of the hub's operations, e.g. %+v", st.Rejected, rej)
		}
		b.StartTimer()
	}
	elapsed := time.Since(start)
	b.ReportMetric(elapsed.Seconds()/float64(b.N), "s/join")
	b.ReportMetric(float64(applied)/elapsed.Seconds(), "ops/s")
	if used := cpuTime() - cpu; used > 0 {
		// The desk's side only: the hub's PostgreSQL is another process.
		b.ReportMetric(float64(applied)/used.Seconds(), "ops/cpu-s")
	}
}
