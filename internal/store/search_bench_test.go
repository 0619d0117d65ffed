package store

import (
	"context"
	"fmt"
	"testing"
)

// benchSearchStore is the SLA benchmarks' generated desk (benchStore) with a
// description of three words from a small vocabulary on every ticket, the
// way a bulk load fills rows, then the search index rebuilt from the tables
// as the seed does after loading.
func benchSearchStore(b *testing.B) *Store {
	b.Helper()
	s, _ := benchStore(b)
	ctx := context.Background()
	words := []string{"card", "atm", "loan", "statement", "login", "password", "transfer", "mortgage", "courier", "branch", "fee", "refund"}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	rows, err := tx.QueryContext(ctx, "SELECT id FROM tickets ORDER BY number")
	if err != nil {
		b.Fatal(err)
	}
	var ids []string
	for rows.Next() {
		var id string
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	for i, id := range ids {
		n := len(words)
		d := fmt.Sprintf("%s %s %s", words[i%n], words[(i/n)%n], words[(i/(n*n))%n])
		if _, err := tx.ExecContext(ctx, "UPDATE tickets SET description = ? WHERE id = ?", d, id); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if err := s.RebuildSearchIndex(ctx); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkSearch: one search as the search box sends it (20 hits with
// snippets and summaries). "Everyone" matches every ticket (they all belong
// to one customer), the worst case for ranking; the plan reads the FTS index
// (TestSearchQueryPlan).
func BenchmarkSearch(b *testing.B) {
	s := benchSearchStore(b)
	ctx := context.Background()
	for _, tc := range []struct{ name, text string }{
		{"Word", "mortgage"},
		{"Prefix", "mortg"},
		{"TwoWords", "card atm"},
		{"Number", "#12345"},
		{"Mobile", "1234567"},
		{"Everyone", "carla"},
		{"NoMatch", "zebra"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.SearchTickets(ctx, tc.text, searchDefaultLimit); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRebuildSearchIndex: the whole index rewritten from the tables.
func BenchmarkRebuildSearchIndex(b *testing.B) {
	s := benchSearchStore(b)
	ctx := context.Background()
	for b.Loop() {
		if err := s.RebuildSearchIndex(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
