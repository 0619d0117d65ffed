package app

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"deskline/internal/desk"
	"deskline/internal/seed"
	"deskline/internal/store"
)

// BenchmarkImport100kCustomers imports a CSV file of 100,000 new customers
// into an empty desk (target: under 10 s).
func BenchmarkImport100kCustomers(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("Name,Mobile,Email\n")
	n := benchImportRows
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&buf, "Customer %d,07%08d,c%d@example.org\n", i, i, i)
	}
	for b.Loop() {
		b.StopTimer()
		a := importApp(b)
		p := writeFile(b, "big.csv", buf.Bytes())
		b.StartTimer()
		res, err := a.Imports.Run(ImportRequest{Path: p, Kind: "customer", Mapping: nameMobile, Duplicates: desk.DuplicateSkip})
		if err != nil || res.Created != n {
			b.Fatalf("created %d: %v", res.Created, err)
		}
	}
}

// benchImportRows is the size of the import benchmark's file.
var benchImportRows = 100_000

// BenchmarkExportCSV exports every ticket of a generated desk of
// DESKLINE_EXPORT_BENCH_TICKETS tickets (default 100,000; the target is a
// million in under 30 s) to CSV through ExportService, as the window starts
// it, and reports the rows per second and the largest heap seen while it
// ran (sampled every 10 ms): the heap must not grow with the rows. The desk
// is generated once into the temporary folder and kept for the next run.
func BenchmarkExportCSV(b *testing.B) {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("DESKLINE_EXPORT_BENCH_TICKETS")); err == nil && v > 0 {
		n = v
	}
	ctx := context.Background()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("deskline-export-bench-v%d-%d", store.SchemaVersion(), n))
	path := filepath.Join(dir, "deskline.db")
	if _, err := os.Stat(path); err != nil {
		os.RemoveAll(dir)
		st, err := store.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		if err := seed.Bulk(ctx, st, seed.Options{Tickets: n, Seed: 1}); err != nil {
			st.Close()
			os.RemoveAll(dir)
			b.Fatal(err)
		}
		st.Close()
	}
	st, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	rec := &progressRecorder{done: make(chan ExportProgress, 1)}
	a := New(st, rec, slog.New(slog.NewTextHandler(new(bytes.Buffer), nil)))
	signInLast(b, a)
	every := desk.TicketFilter{Statuses: []string{"open", "in_progress", "waiting", "resolved", "closed"}}
	out := filepath.Join(b.TempDir(), "tickets.csv")
	var peak uint64
	var rows int
	for b.Loop() {
		runtime.GC()
		stop := make(chan struct{})
		sampled := make(chan uint64)
		go func() {
			var ms runtime.MemStats
			var top uint64
			t := time.NewTicker(10 * time.Millisecond)
			defer t.Stop()
			for {
				runtime.ReadMemStats(&ms)
				top = max(top, ms.HeapAlloc)
				select {
				case <-stop:
					sampled <- top
					return
				case <-t.C:
				}
			}
		}()
		if _, err := a.Exports.Start(every, "csv", out); err != nil {
			b.Fatal(err)
		}
		p := <-rec.done
		close(stop)
		peak = max(peak, <-sampled)
		if p.Error != "" || p.Rows != n {
			b.Fatalf("exported %d of %d rows: %s", p.Rows, n, p.Error)
		}
		rows = p.Rows
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}
