package store_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"

	"deskline/internal/desk"
	"deskline/internal/store"
)

// BenchmarkApplyPulled applies pulled pages of 1,000 operations (new tickets,
// each with the hub's number) to a desk that joined a team; it reports the
// operations applied per second of wall time and per second of this
// process's CPU time.
func BenchmarkApplyPulled(b *testing.B) {
	ctx := context.Background()
	tm := &team{a: mustWorkspace(b, MustOpen(b))}
	must(b, tm.a.s.JoinTeam(ctx, "postgres://hub.example/desk", hubID, "epoch-1", 0))
	tm.a.mustTicket(b, "Complaint")
	ops, err := tm.a.s.PendingOps(ctx, 100000)
	must(b, err)
	create := ops[len(ops)-1]
	var payload map[string]any
	must(b, json.Unmarshal(create.Payload, &payload))
	base := time.Now().Add(-time.Hour)
	seq := int64(0)
	for _, op := range ops {
		seq++
		tm.log = append(tm.log, desk.PulledOp{Seq: seq, Op: op})
	}
	for i := range b.N {
		payload["number"] = -(i + 2)
		body, err := json.Marshal(payload)
		must(b, err)
		at := base.Add(time.Duration(i) * time.Millisecond)
		op := desk.Op{ID: uuid.Must(uuid.NewV7()).String(), InstallID: uuid.Must(uuid.NewV7()).String(), Counter: int64(i + 1),
			HLC: at.UnixMilli() << 16, ActorID: create.ActorID, Kind: store.OpTicketCreate,
			EntityID: uuid.Must(uuid.NewV7()).String(), Payload: body, CreatedAt: at}
		seq++
		tm.log = append(tm.log, desk.PulledOp{Seq: seq, Op: op})
		num, err := json.Marshal(map[string]int64{"number": int64(i + 2)})
		must(b, err)
		seq++
		tm.log = append(tm.log, desk.PulledOp{Seq: seq, Op: desk.Op{ID: uuid.Must(uuid.NewV7()).String(), InstallID: hubID,
			Counter: int64(i + 1), HLC: op.HLC + 1, ActorID: create.ActorID, Kind: store.OpTicketNumber, EntityID: op.EntityID,
			Payload: num, CreatedAt: at}})
	}
	replica := MustOpen(b)
	must(b, replica.JoinTeam(ctx, "postgres://hub.example/desk", hubID, "epoch-1", 0))
	b.ResetTimer()
	start, cpu := time.Now(), cpuTime()
	for i := 0; i < len(tm.log); i += 1000 {
		if _, err := replica.ApplyPulled(ctx, tm.log[i:min(i+1000, len(tm.log))]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(tm.log))/time.Since(start).Seconds(), "ops/s")
	if used := cpuTime() - cpu; used > 0 {
		b.ReportMetric(float64(len(tm.log))/used.Seconds(), "ops/cpu-s")
	}
}
