package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// cachedDesk opens the generated desk the app benchmarks keep in the user's
// cache folder (DESKLINE_BENCH_TICKETS, default 20,000); the benchmark is
// skipped when it has not been made yet (go test ./app -bench . makes it).
func cachedDesk(b *testing.B) *Store {
	b.Helper()
	n := 20000
	if v, err := strconv.Atoi(os.Getenv("DESKLINE_BENCH_TICKETS")); err == nil && v > 0 {
		n = v
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	path := filepath.Join(cache, "deskline-bench", fmt.Sprintf("v%d-%d", SchemaVersion(), n), "deskline.db")
	if _, err := os.Stat(path); err != nil {
		b.Skipf("no generated desk at %s: run the app benchmarks first", path)
	}
	s, err := Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkSLABadgesPageCached: the SLA badges of one page of 50 tickets
// (the feed entries that move the clocks read, the clocks evaluated) on the
// generated desk, for the "next due" page and the newest page.
func BenchmarkSLABadgesPageCached(b *testing.B) {
	s := cachedDesk(b)
	ctx := context.Background()
	for _, sort := range []string{desk.SortNextDue, desk.SortUpdated} {
		b.Run(sort, func(b *testing.B) {
			page, err := s.ListTickets(ctx, "", desk.TicketFilter{Sort: sort, Limit: 50})
			if err != nil || len(page.Rows) != 50 {
				b.Fatalf("page: %v %d", err, len(page.Rows))
			}
			now := time.Now()
			var ts []time.Duration
			for b.Loop() {
				start := time.Now()
				err := s.readTx(ctx, func(q *dbsqlc.Queries, _ *sql.Tx) error {
					return fillSLA(ctx, q, page.Rows, now)
				})
				if err != nil {
					b.Fatal(err)
				}
				ts = append(ts, time.Since(start))
			}
			b.ReportMetric(pct(ts, 0.5), "p50-ms")
			b.ReportMetric(pct(ts, 0.95), "p95-ms")
		})
	}
}

func pct(ts []time.Duration, p float64) float64 {
	s := slices.Clone(ts)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return float64(s[min(len(s)-1, int(float64(len(s))*p))]) / float64(time.Millisecond)
}
