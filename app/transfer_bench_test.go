package app

import (
	"bytes"
	"fmt"
	"testing"

	"deskline/internal/desk"
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

var benchImportRows = 100_000
