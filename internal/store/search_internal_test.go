package store

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"deskline/internal/desk"
)

func TestMatchQuery(t *testing.T) {
	for in, want := range map[string]string{
		"":                  "",
		`"`:                 "",
		"-":                 "",
		"NEAR(":             `"NEAR"*`,
		"card":              `"card"*`,
		"card ":             `"card"`,
		"a":                 `"a"`,
		"card a":            `"card" "a"*`,
		`ca"rd`:             `"ca" "rd"*`,
		"#123":              `"123"*`,
		"number:5 OR x":     `"number" "5" "OR" "x"*`,
		"card*":             `"card"*`,
		"e\u0301t\u00e9":    "\"e\u0301t\u00e9\"*",
		"a b c d e f g h i": `"a" "b" "c" "d" "e" "f" "g" "h"`,
	} {
		if got := matchQuery(in); got != want {
			t.Errorf("matchQuery(%q) = %s, want %s", in, got, want)
		}
	}
}

// searchRows reads the whole index as (ticket id, columns…), in ticket order.
func searchRows(t *testing.T, s *Store) [][]string {
	t.Helper()
	rows, err := s.r.QueryContext(context.Background(), `SELECT k.ticket_id, s.number, s.contact, s.mobile, s.description, s.notes
		FROM ticket_search s JOIN search_keys k ON k.rowid = s.rowid ORDER BY k.ticket_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		r := make([]string, 6)
		if err := rows.Scan(&r[0], &r[1], &r[2], &r[3], &r[4], &r[5]); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func TestRebuildEqualsIncremental(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "d.db"), WithClock(desk.NewManualClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	admin, err := s.InitWorkspace(ctx, "Acme", "Asha")
	if err != nil {
		t.Fatal(err)
	}
	subjects, _ := s.ListCatalog(ctx, desk.CatalogSubject, false)
	a, _ := s.SaveContact(ctx, admin.ID, desk.ContactInput{Kind: "customer", Name: "Ana", Mobile: "0711111111"})
	b, _ := s.SaveContact(ctx, admin.ID, desk.ContactInput{Kind: "lead", Name: "Ben", Mobile: "0722222222"})
	var ids []string
	for i, c := range []desk.Contact{a, b, a, b, a} {
		id, err := s.CreateTicket(ctx, admin.ID, desk.NewTicket{SubjectIDs: []string{subjects[0].ID}, ContactID: c.ID, Mobile: "0733333333", Description: strings.Repeat("word ", i+1)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	steps := []error{
		s.AddNote(ctx, admin.ID, ids[0], "first note", ""),
		s.AddNote(ctx, admin.ID, ids[0], "second note", "call"),
		s.ChangeStatus(ctx, admin.ID, ids[1], desk.StatusChange{Status: "resolved", Resolution: "fixed it"}),
		s.SetPriority(ctx, admin.ID, ids[2], "high"),
		s.EditTicket(ctx, admin.ID, ids[3], desk.TicketEdit{Mobile: "0744444444", Description: "new words"}),
		s.LinkContact(ctx, admin.ID, ids[4], b.ID),
	}
	for _, err := range steps {
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.SaveContact(ctx, admin.ID, desk.ContactInput{ID: a.ID, Kind: "customer", Name: "Ana Maria", Mobile: "0755555555"}); err != nil {
		t.Fatal(err)
	}
	incremental := searchRows(t, s)
	if len(incremental) != len(ids) {
		t.Fatalf("index has %d rows, want %d", len(incremental), len(ids))
	}
	if err := s.RebuildSearchIndex(ctx); err != nil {
		t.Fatal(err)
	}
	rebuilt := searchRows(t, s)
	if !reflect.DeepEqual(incremental, rebuilt) {
		t.Fatalf("incremental index\n%q\nrebuilt\n%q", incremental, rebuilt)
	}
	// Rows loaded without the mutation path are indexed by a rebuild.
	if _, err := s.w.ExecContext(ctx, "DELETE FROM ticket_search; DELETE FROM search_keys"); err != nil {
		t.Fatal(err)
	}
	if hits, _ := s.SearchTickets(ctx, "fixed", 5); len(hits) != 0 {
		t.Fatalf("emptied index still finds %v", hits)
	}
	if err := s.RebuildSearchIndex(ctx); err != nil {
		t.Fatal(err)
	}
	again := searchRows(t, s)
	for i := range again {
		again[i][0], rebuilt[i][0] = "", "" // keys are new; the documents are the same
	}
	if !reflect.DeepEqual(again, rebuilt) {
		t.Fatalf("rebuild from empty differs:\n%q\n%q", again, rebuilt)
	}
	if hits, _ := s.SearchTickets(ctx, "fixed", 5); len(hits) != 1 || hits[0].Ticket.ID != ids[1] {
		t.Fatalf("after rebuild: %v", hits)
	}
}

// TestSearchQueryPlan: the search reads the full-text index, not the tables.
func TestSearchQueryPlan(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, err := s.r.QueryContext(ctx, "EXPLAIN QUERY PLAN "+searchCandidatesSQL, `"card"*`, searchCandidates)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	text := strings.Join(plan, "\n")
	if !strings.Contains(text, "VIRTUAL TABLE INDEX") || !strings.Contains(text, "ticket_search") && !strings.Contains(text, "SCAN s") {
		t.Fatalf("plan does not use the full-text index:\n%s", text)
	}
	if !strings.Contains(text, "k USING INTEGER PRIMARY KEY") {
		t.Fatalf("plan does not look the key up by rowid:\n%s", text)
	}
	if strings.Contains(text, "TEMP B-TREE") {
		t.Fatalf("plan sorts the matches instead of reading them newest first:\n%s", text)
	}
}

func TestWordMatcher(t *testing.T) {
	m := newWordMatcher("CAFÉ swal")
	if got, ok := m.mark("Café and cafe, not cafeteria"); !ok || got != "\x02Café\x03 and \x02cafe\x03, not cafeteria" {
		t.Errorf("mark = %q, %v", got, ok)
	}
	long := "one two three four five six seven eight nine ten eleven twelve cafe swallowed fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one twenty-two"
	got, ok := m.snippet(long)
	want := "…ten eleven twelve \x02cafe\x03 \x02swallowed\x03 fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one twenty-two"
	if !ok || got != want {
		t.Errorf("snippet =\n%q, want\n%q", got, want)
	}
	got, ok = m.snippet(strings.Repeat("word ", 30))
	if ok || got != strings.TrimSpace(strings.Repeat("word ", 16))+"…" {
		t.Errorf("snippet without a match = %q, %v", got, ok)
	}
	if got, ok := m.snippet(""); ok || got != "" {
		t.Errorf("empty snippet = %q", got)
	}
	// A finished last word is matched whole, not as a prefix.
	if _, ok := newWordMatcher("swal ").mark("swallowed"); ok {
		t.Error("'swal ' marked swallowed")
	}
}

func TestMarkDigits(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"0771 234", "\x020771234\x03567"},
		{"4567", "077123\x024567\x03"},
		{"dora 1234", "077\x021234\x03567"},
		{"123", "0771234567"}, // too short to mean a mobile number
		{"9999", "0771234567"},
		{"", "0771234567"},
	} {
		if got := markDigits("0771234567", c.text); got != c.want {
			t.Errorf("markDigits(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// TestOpenBuildsMissingSearchIndex: a database with tickets and no index (one
// from before search, upgraded) gets its index when opened.
func TestOpenBuildsMissingSearchIndex(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "d.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	admin, _ := s.InitWorkspace(ctx, "Acme", "Asha")
	subjects, _ := s.ListCatalog(ctx, desk.CatalogSubject, false)
	c, _ := s.SaveContact(ctx, admin.ID, desk.ContactInput{Kind: "customer", Name: "Ana", Mobile: "0711111111"})
	if _, err := s.CreateTicket(ctx, admin.ID, desk.NewTicket{SubjectIDs: []string{subjects[0].ID}, ContactID: c.ID, Mobile: c.Mobile, Description: "Passbook lost"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.ExecContext(ctx, "DELETE FROM ticket_search; DELETE FROM search_keys"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if hits, err := s.SearchTickets(ctx, "passbook", 5); err != nil || len(hits) != 1 {
		t.Fatalf("after reopening: %v, %v", hits, err)
	}
}
