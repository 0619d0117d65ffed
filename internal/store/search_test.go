package store_test

import (
	"context"
	"strings"
	"testing"

	"deskline/internal/desk"
	"deskline/internal/store"
)

// searchNumbers returns the numbers of the tickets text finds, best first.
func searchNumbers(tb testing.TB, s *store.Store, text string) []int64 {
	tb.Helper()
	hits, err := s.SearchTickets(context.Background(), text, 50)
	if err != nil {
		tb.Fatalf("search %q: %v", text, err)
	}
	out := []int64{}
	for _, h := range hits {
		out = append(out, h.Ticket.Number)
	}
	return out
}

func numberOf(tb testing.TB, s *store.Store, id string) int64 {
	tb.Helper()
	d, err := s.GetTicket(context.Background(), id)
	if err != nil {
		tb.Fatal(err)
	}
	return d.Ticket.Number
}

func has(ns []int64, n int64) bool {
	for _, x := range ns {
		if x == n {
			return true
		}
	}
	return false
}

// searchDesk makes a desk with a few tickets of different customers.
func searchDesk(t *testing.T) (fixture, map[string]string) {
	t.Helper()
	ctx := context.Background()
	f := mustWorkspace(t, MustOpen(t))
	dora, err := f.s.SaveContact(ctx, f.admin.ID, desk.ContactInput{Kind: "lead", Name: "Dora Okafor", Mobile: "0771 234 567"})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	mk := func(key string, c desk.Contact, description string) {
		id, err := f.s.CreateTicket(ctx, f.admin.ID, desk.NewTicket{
			SubjectIDs: []string{f.subjects["Complaint"]}, ContactID: c.ID, Mobile: c.Mobile, Description: description,
		})
		if err != nil {
			t.Fatal(err)
		}
		ids[key] = id
	}
	mk("card", f.customer, "Card swallowed by the ATM at the mall")
	mk("loan", f.customer, "Wants to know the loan balance")
	mk("dora", dora, "Cannot log in to the app after the update")
	return f, ids
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	f, ids := searchDesk(t)
	s := f.s
	if _, ok := f.subjects["Complaint"]; !ok {
		t.Fatalf("the default subjects have no Card: %v", f.subjects)
	}

	t.Run("DescriptionWord", func(t *testing.T) {
		got := searchNumbers(t, s, "swallowed")
		if len(got) != 1 || got[0] != numberOf(t, s, ids["card"]) {
			t.Fatalf("swallowed found %v", got)
		}
	})
	t.Run("PrefixOfLastWord", func(t *testing.T) {
		if got := searchNumbers(t, s, "swall"); !has(got, numberOf(t, s, ids["card"])) {
			t.Fatalf("swall found %v", got)
		}
		// A finished word (followed by a space) is not a prefix any more.
		if got := searchNumbers(t, s, "swall "); len(got) != 0 {
			t.Fatalf("'swall ' found %v", got)
		}
		// Every word must match; only the last is a prefix.
		if got := searchNumbers(t, s, "atm swall"); len(got) != 1 {
			t.Fatalf("atm swall found %v", got)
		}
		if got := searchNumbers(t, s, "atm loan"); len(got) != 0 {
			t.Fatalf("atm loan found %v", got)
		}
	})
	t.Run("DiacriticsAndCase", func(t *testing.T) {
		if got := searchNumbers(t, s, "SWÁLLOWED"); len(got) != 1 {
			t.Fatalf("SWÁLLOWED found %v", got)
		}
	})
	t.Run("ContactNameAndMobile", func(t *testing.T) {
		dora := numberOf(t, s, ids["dora"])
		for _, q := range []string{"okafor", "Dora", "0771234567", "0771 234", "234567", "4567"} {
			if got := searchNumbers(t, s, q); len(got) != 1 || got[0] != dora {
				t.Errorf("%q found %v, want [%d]", q, got, dora)
			}
		}
		// Carla's two tickets by her name.
		if got := searchNumbers(t, s, "carla"); len(got) != 2 {
			t.Errorf("carla found %v", got)
		}
	})
	t.Run("TicketNumber", func(t *testing.T) {
		n := numberOf(t, s, ids["loan"])
		for _, q := range []string{"#2", "2", " #2 "} {
			got := searchNumbers(t, s, q)
			if len(got) == 0 || got[0] != n {
				t.Errorf("%q found %v, want #%d first", q, got, n)
			}
		}
	})
	t.Run("SnippetMarksTheWords", func(t *testing.T) {
		hits, err := s.SearchTickets(ctx, "atm", 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 || !strings.Contains(hits[0].Snippet, desk.MarkStart+"ATM"+desk.MarkEnd) {
			t.Fatalf("hits %+v", hits)
		}
		hits, err = s.SearchTickets(ctx, "oka", 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 || hits[0].Contact != "Dora "+desk.MarkStart+"Okafor"+desk.MarkEnd {
			t.Fatalf("contact of hits %+v", hits)
		}
		if hits[0].Ticket.ContactName != "Dora Okafor" || len(hits[0].Ticket.Subjects) != 1 {
			t.Fatalf("summary %+v", hits[0].Ticket)
		}
	})
	t.Run("NoteWordInSnippet", func(t *testing.T) {
		if err := s.AddNote(ctx, f.admin.ID, ids["loan"], "Customer called back about the mortgage statement", ""); err != nil {
			t.Fatal(err)
		}
		hits, err := s.SearchTickets(ctx, "mortgage", 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 || hits[0].Ticket.ID != ids["loan"] || !strings.Contains(hits[0].Snippet, desk.MarkStart+"mortgage"+desk.MarkEnd) {
			t.Fatalf("hits %+v", hits)
		}
	})
	t.Run("Limit", func(t *testing.T) {
		hits, err := s.SearchTickets(ctx, "carla", 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 {
			t.Fatalf("limit 1 gave %d hits", len(hits))
		}
	})
}

func TestSearchRanking(t *testing.T) {
	ctx := context.Background()
	f := mustWorkspace(t, MustOpen(t))
	mk := func(name, description string, notes ...string) int64 {
		c, err := f.s.SaveContact(ctx, f.admin.ID, desk.ContactInput{Kind: "customer", Name: name, Mobile: "0700000" + string(rune('1'+len(name)%9)) + "1", AllowDuplicate: true})
		if err != nil {
			t.Fatal(err)
		}
		id, err := f.s.CreateTicket(ctx, f.admin.ID, desk.NewTicket{SubjectIDs: []string{f.subjects["Complaint"]}, ContactID: c.ID, Mobile: c.Mobile, Description: description})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range notes {
			if err := f.s.AddNote(ctx, f.admin.ID, id, n, ""); err != nil {
				t.Fatal(err)
			}
		}
		return numberOf(t, f.s, id)
	}
	inNote := mk("Ann Lee", "Question about fees", "Long note that mentions a passbook once among many other words about the visit and the queue and the weather")
	inDescription := mk("Bo Chan", "Passbook printer jammed")
	inName := mk("Passbook Kiosk", "Printer at the counter")
	got := searchNumbers(t, f.s, "passbook")
	want := []int64{inName, inDescription, inNote}
	if len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Fatalf("ranking %v, want %v (name, description, note)", got, want)
	}
}

// TestSearchHostileInput: whatever is typed, search answers without an error.
func TestSearchHostileInput(t *testing.T) {
	f, _ := searchDesk(t)
	for _, q := range []string{
		``, ` `, `"`, `""`, `"""`, `'`, `*`, `**`, `-`, `--`, `- -`, `+`, `^`, `:`, `::`, `(`, `)`, `()`, `(((`,
		`NEAR`, `NEAR(`, `NEAR(card atm`, `NEAR(card, 2)`, `card NEAR atm`, `AND`, `OR`, `NOT`, `card AND`, `OR card`,
		`NOT card`, `card NOT atm`, `card OR loan`, `-card`, `card -atm`, `number:2`, `contact:dora`, `{contact mobile}:x`,
		`"card`, `card"`, `ca"rd`, `card*`, `*card`, `c*a*r*d`, `^card`, `card^`, `#`, `##`, `#-1`, `#0`, `#99999999999999999999`,
		`0`, `-1`, `1e9`, `%`, `_`, `\`, `\"`, `;DROP TABLE tickets;--`, `' OR 1=1 --`, `\x00`, "\x00card", "\x02card\x03",
		`Ünïcödé`, `カード`, `🙂`, `🙂 card`, "e\u0301", "\u200b", "\u00a0card", `a`, `a b c d e f g h i j k l m n`,
		strings.Repeat("x", 5000), strings.Repeat(`"(`, 500), strings.Repeat("card ", 200),
	} {
		if _, err := f.s.SearchTickets(context.Background(), q, 20); err != nil {
			t.Errorf("search %q: %v", q, err)
		}
	}
	// Syntax is matched literally: "card OR loan" needs all three words.
	if got := searchNumbers(t, f.s, "card OR loan"); len(got) != 0 {
		t.Errorf("card OR loan found %v", got)
	}
	if got := searchNumbers(t, f.s, `"card"`); len(got) != 1 {
		t.Errorf(`"card" found %v`, got)
	}
	if got := searchNumbers(t, f.s, `-`); len(got) != 0 {
		t.Errorf(`- found %v`, got)
	}
}

func FuzzSearch(f *testing.F) {
	for _, seed := range []string{"", `"`, "NEAR(", "-", "card*", "a:b", "(x OR y) NOT z", "#12", "🙂", "e\u0301"} {
		f.Add(seed)
	}
	fx := mustWorkspace(f, MustOpen(f))
	fx.mustTicket(f, "Complaint")
	f.Fuzz(func(t *testing.T, q string) {
		if _, err := fx.s.SearchTickets(context.Background(), q, 10); err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
	})
}

// TestSearchFollowsChanges: every kind of change that alters what a ticket is
// found by is in the index at once, whether made here or pulled from elsewhere.
func TestSearchFollowsChanges(t *testing.T) {
	ctx := context.Background()
	f, ids := searchDesk(t)
	s := f.s
	loan := numberOf(t, s, ids["loan"])
	want := func(t *testing.T, s *store.Store, q string, n int64, found bool) {
		t.Helper()
		if got := searchNumbers(t, s, q); has(got, n) != found {
			t.Fatalf("%q found %v; want #%d found=%v", q, got, n, found)
		}
	}
	t.Run("Note", func(t *testing.T) {
		want(t, s, "overdraft", loan, false)
		if err := s.AddNote(ctx, f.admin.ID, ids["loan"], "Asked about an overdraft", "call"); err != nil {
			t.Fatal(err)
		}
		want(t, s, "overdraft", loan, true)
	})
	t.Run("StatusWithNote", func(t *testing.T) {
		if err := s.ChangeStatus(ctx, f.admin.ID, ids["loan"], desk.StatusChange{Status: "waiting", Note: "Waiting for payslips"}); err != nil {
			t.Fatal(err)
		}
		want(t, s, "payslips", loan, true)
	})
	t.Run("Description", func(t *testing.T) {
		if err := s.EditTicket(ctx, f.admin.ID, ids["loan"], desk.TicketEdit{Mobile: f.customer.Mobile, Description: "Mortgage arrears"}); err != nil {
			t.Fatal(err)
		}
		want(t, s, "arrears", loan, true)
		want(t, s, "balance", loan, false)
	})
	t.Run("Mobile", func(t *testing.T) {
		if err := s.EditTicket(ctx, f.admin.ID, ids["loan"], desk.TicketEdit{Mobile: "0799 555 1212", Description: "Mortgage arrears"}); err != nil {
			t.Fatal(err)
		}
		want(t, s, "07995551212", loan, true)
		want(t, s, "5551212", loan, true)
	})
	t.Run("LinkContact", func(t *testing.T) {
		erin, err := s.SaveContact(ctx, f.admin.ID, desk.ContactInput{Kind: "customer", Name: "Erin Zubiri", Mobile: "0788000111"})
		if err != nil {
			t.Fatal(err)
		}
		want(t, s, "zubiri", loan, false)
		if err := s.LinkContact(ctx, f.admin.ID, ids["loan"], erin.ID); err != nil {
			t.Fatal(err)
		}
		want(t, s, "zubiri", loan, true)
	})
	t.Run("ContactRenamed", func(t *testing.T) {
		card := numberOf(t, s, ids["card"])
		c := f.customer
		if _, err := s.SaveContact(ctx, f.admin.ID, desk.ContactInput{ID: c.ID, Kind: string(c.Kind), Name: "Carla Mendes", Mobile: "0722 333 444"}); err != nil {
			t.Fatal(err)
		}
		want(t, s, "mendes", card, true)
		want(t, s, "0722333444", card, true)
		want(t, s, "customer", card, false) // the old surname
	})
	t.Run("PulledOperations", func(t *testing.T) {
		other := MustOpen(t)
		if err := other.ApplyOps(ctx, allOps(t, s)); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"overdraft", "payslips", "arrears", "zubiri", "mendes", "swallowed", "okafor"} {
			a, b := searchNumbers(t, s, q), searchNumbers(t, other, q)
			if len(a) == 0 || len(a) != len(b) || a[0] != b[0] {
				t.Errorf("%q: here %v, pulled %v", q, a, b)
			}
		}
	})
}

// TestSearchFollowsBulkNotes: a note added to many tickets in one bulk
// action is searchable on each of them.
func TestSearchFollowsBulkNotes(t *testing.T) {
	ctx := context.Background()
	f, ids := searchDesk(t)
	req := desk.BulkRequest{TicketIDs: []string{ids["card"], ids["dora"]}, Action: desk.BulkAddNote, Note: "Branch closed for the audit"}
	if _, _, err := f.s.Bulk(ctx, f.admin.ID, req, nil); err != nil {
		t.Fatal(err)
	}
	got := searchNumbers(t, f.s, "audit")
	if len(got) != 2 || !has(got, numberOf(t, f.s, ids["card"])) || !has(got, numberOf(t, f.s, ids["dora"])) {
		t.Fatalf("audit found %v", got)
	}
}

// TestSearchFollowsResolution: the resolution summary asked for when a
// ticket is resolved is searchable like a note, here and after a rebuild.
func TestSearchFollowsResolution(t *testing.T) {
	ctx := context.Background()
	f, ids := searchDesk(t)
	if err := f.s.ChangeStatus(ctx, f.admin.ID, ids["loan"], desk.StatusChange{Status: "resolved", Resolution: "Sent the amortisation schedule"}); err != nil {
		t.Fatal(err)
	}
	loan := numberOf(t, f.s, ids["loan"])
	if got := searchNumbers(t, f.s, "amortisation"); len(got) != 1 || got[0] != loan {
		t.Fatalf("amortisation found %v", got)
	}
	if err := f.s.RebuildSearchIndex(ctx); err != nil {
		t.Fatal(err)
	}
	if got := searchNumbers(t, f.s, "amortisation"); len(got) != 1 || got[0] != loan {
		t.Fatalf("after rebuild: %v", got)
	}
}
