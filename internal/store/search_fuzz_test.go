package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"deskline/internal/desk"
)

// Whatever is typed into search, the query built from it is one FTS5 accepts
// (never a syntax error), of at most searchMaxTerms quoted words of at most
// searchMaxTermLen characters, and the search answers without error.
func FuzzSearchQuery(f *testing.F) {
	for _, s := range []string{"card blocked", "#1042", "0771 234-567", `"quoted" AND NOT x*`, "NEAR(a b)", "col:value", "-x +y",
		"a b c d e f g h i j", strings.Repeat("w", 100), "  ", "é\u0301", "(", "\x00", "\"", "*", "^a", "a OR"} {
		f.Add(s)
	}
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(f.TempDir(), "deskline.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	admin, err := s.InitWorkspace(ctx, "Acme", "Asha")
	if err != nil {
		f.Fatal(err)
	}
	subjects, _ := s.ListCatalog(ctx, desk.CatalogSubject, false)
	c, err := s.SaveContact(ctx, admin.ID, desk.ContactInput{Kind: "customer", Name: "Carla Customer", Mobile: "0771234567"})
	if err != nil {
		f.Fatal(err)
	}
	if _, err := s.CreateTicket(ctx, admin.ID, desk.NewTicket{SubjectIDs: []string{subjects[0].ID}, ContactID: c.ID, Mobile: c.Mobile, Description: "Card blocked at the ATM"}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		terms, _ := searchTerms(text)
		q := matchQuery(text)
		if (q == "") != (len(terms) == 0) {
			t.Fatalf("matchQuery(%q) = %q for terms %q", text, q, terms)
		}
		if len(terms) > searchMaxTerms {
			t.Fatalf("%d terms", len(terms))
		}
		for _, w := range terms {
			if w == "" || utf8.RuneCountInString(w) > searchMaxTermLen {
				t.Fatalf("term %q", w)
			}
		}
		if q != "" {
			var n int
			if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM ticket_search WHERE ticket_search MATCH ?", q).Scan(&n); err != nil {
				t.Fatalf("MATCH %q (from %q): %v", q, text, err)
			}
		}
		hits, err := s.SearchTickets(ctx, text, 20)
		if err != nil || len(hits) > searchMaxLimit {
			t.Fatalf("SearchTickets(%q) = %d hits, %v", text, len(hits), err)
		}
	})
}
