package hub

import (
	"context"
	"testing"

	"deskline/internal/desk"
)

// BenchmarkPushPull10k pushes 10,000 operations of one installation in
// batches of 250 and pulls them back in pages of 1,000, through a local hub
// (target: under 5 s for the round). One op of each ten creates a ticket, so
// the hub numbers 1,000 tickets on the way.
func BenchmarkPushPull10k(b *testing.B) {
	const total, batch, page = 10_000, 250, 1000
	h := newHub(b)
	c, m := h.install(b, "Counter 2", "Bilal")
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		ops := make([]desk.Op, total)
		for i := range ops {
			if i%10 == 0 {
				ops[i] = m.ticket(bilal, 0)
			} else {
				ops[i] = m.note(bilal, "t1")
			}
		}
		head := h.count(b, "SELECT last_seq FROM hub.seq_counter")
		b.StartTimer()
		for start := 0; start < total; start += batch {
			res, err := c.Push(ctx, ops[start:start+batch])
			if err != nil {
				b.Fatal(err)
			}
			if res[len(res)-1].Status != Accepted {
				b.Fatalf("%+v", res[len(res)-1])
			}
		}
		pulled := 0
		for cursor := head; ; {
			got, err := c.Pull(ctx, cursor, page)
			if err != nil {
				b.Fatal(err)
			}
			if len(got) == 0 {
				break
			}
			pulled += len(got)
			cursor = got[len(got)-1].Seq
		}
		if pulled != total+total/10 {
			b.Fatalf("pulled %d, want %d (ops and ticket numbers)", pulled, total+total/10)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*total), "ns/pushed-op")
}
