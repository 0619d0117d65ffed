package store_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"deskline/internal/desk"
	"deskline/internal/store"
)

func TestSaveContactDuplicates(t *testing.T) {
	ctx := context.Background()
	f := mustWorkspace(t, MustOpen(t))
	s := f.s
	grace, err := s.SaveContact(ctx, f.admin.ID, desk.ContactInput{Kind: "customer", Name: "Grace Wanjiru", Mobile: "0712345678"})
	must(t, err)
	opsBefore := len(allOps(t, s))

	t.Run("ErrSameNumberWrittenDifferently", func(t *testing.T) {
		_, err := s.SaveContact(ctx, f.admin.ID, desk.ContactInput{Kind: "customer", Name: "Grace Wanjiru", Mobile: "071-234 5678"})
		wantCode(t, err, desk.ECONFLICT, "mobile")
		if got := len(allOps(t, s)); got != opsBefore {
			t.Fatalf("a refused duplicate logged %d ops", got-opsBefore)
		}
	})
	t.Run("ErrLeadWithACustomersNumber", func(t *testing.T) {
		_, err := s.SaveContact(ctx, f.admin.ID, desk.ContactInput{Kind: "lead", Name: "G. Wanjiru", Mobile: "0712345678"})
		wantCode(t, err, desk.ECONFLICT, "mobile")
	})
	t.Run("ErrEditOntoAnotherNumber", func(t *testing.T) {
		_, err := s.SaveContact(ctx, f.admin.ID, desk.ContactInput{ID: f.customer.ID, Kind: "customer", Name: f.customer.Name, Mobile: "0712345678"})
		wantCode(t, err, desk.ECONFLICT, "mobile")
	})
	t.Run("ListsTheRecordsOnFile", func(t *testing.T) {
		same, err := s.ContactsWithMobile(ctx, "0712 345 678", "")
		must(t, err)
		if len(same) != 1 || same[0].ID != grace.ID {
			t.Fatalf("with mobile = %+v, want Grace", same)
		}
		same, err = s.ContactsWithMobile(ctx, "0712345678", grace.ID)
		must(t, err)
		if len(same) != 0 {
			t.Fatalf("with mobile except Grace = %+v, want none", same)
		}
	})
	t.Run("EditKeepingItsOwnNumber", func(t *testing.T) {
		c, err := s.SaveContact(ctx, f.admin.ID, desk.ContactInput{ID: grace.ID, Kind: "customer", Name: "Grace W. Wanjiru", Mobile: "0712345678"})
		must(t, err)
		if c.Name != "Grace W. Wanjiru" {
			t.Fatalf("edited = %+v", c)
		}
	})
	t.Run("AllowDuplicateSavesAnyway", func(t *testing.T) {
		c, err := s.SaveContact(ctx, f.admin.ID, desk.ContactInput{Kind: "customer", Name: "Grace Wanjiru", Mobile: "0712345678", AllowDuplicate: true})
		must(t, err)
		if c.ID == grace.ID {
			t.Fatal("the deliberate duplicate reused the first record")
		}
		groups, err := s.ListDuplicates(ctx)
		must(t, err)
		if len(groups) != 1 || groups[0].Mobile != "0712345678" || len(groups[0].Contacts) != 2 || groups[0].Contacts[0].ID != grace.ID {
			t.Fatalf("duplicates = %+v, want Grace's two records, the first one first", groups)
		}
	})
}

// mergeFixture is a desk with two records of one customer, each with a
// ticket and a note on it.
type mergeFixture struct {
	fixture
	keep, dup       desk.Contact
	keepTkt, dupTkt string
}

func newMergeFixture(t *testing.T) mergeFixture {
	t.Helper()
	ctx := context.Background()
	f := mergeFixture{fixture: mustWorkspace(t, MustOpen(t))}
	var err error
	f.keep, err = f.s.SaveContact(ctx, f.admin.ID, desk.ContactInput{Kind: "customer", Name: "Grace Wanjiru", Mobile: "0712345678"})
	must(t, err)
	f.dup, err = f.s.SaveContact(ctx, f.admin.ID, desk.ContactInput{Kind: "lead", Name: "Grace Wanjiru", Mobile: "0712 345 678", AllowDuplicate: true})
	must(t, err)
	f.keepTkt = f.ticketFor(t, f.keep)
	f.dupTkt = f.ticketFor(t, f.dup)
	must(t, f.s.AddNote(ctx, f.admin.ID, f.dupTkt, "Asked for a new card", ""))
	return f
}

func (f fixture) ticketFor(t *testing.T, c desk.Contact) string {
	t.Helper()
	id, err := f.s.CreateTicket(context.Background(), f.admin.ID, desk.NewTicket{
		ContactID: c.ID, Mobile: c.Mobile, SubjectIDs: []string{f.subjects["Complaint"]}, Description: "Card blocked"})
	must(t, err)
	return id
}

func (f mergeFixture) contactOf(t *testing.T, s *store.Store, ticketID string) string {
	t.Helper()
	d, err := s.GetTicket(context.Background(), ticketID)
	must(t, err)
	return d.Ticket.ContactID
}

func TestMergeContacts(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		f := newMergeFixture(t)
		got, err := f.s.MergeContacts(ctx, f.admin.ID, f.dup.ID, f.keep.ID)
		must(t, err)
		if got.ID != f.keep.ID || got.MergedInto != "" {
			t.Fatalf("survivor = %+v", got)
		}
		d, err := f.s.GetContact(ctx, f.keep.ID)
		must(t, err)
		if len(d.Tickets) != 2 {
			t.Fatalf("survivor has %d tickets, want both", len(d.Tickets))
		}
		gone, err := f.s.GetContact(ctx, f.dup.ID)
		must(t, err)
		if gone.Contact.MergedInto != f.keep.ID || len(gone.Tickets) != 0 {
			t.Fatalf("merged record = %+v with %d tickets", gone.Contact, len(gone.Tickets))
		}
		moved, err := f.s.GetTicket(ctx, f.dupTkt)
		must(t, err)
		var note, feed bool
		for _, a := range moved.Activity {
			note = note || a.Body == "Asked for a new card"
			feed = feed || (a.Kind == desk.ActContact && a.To == "Grace Wanjiru" && a.Body != "")
		}
		if moved.Ticket.ContactID != f.keep.ID || !note || !feed {
			t.Fatalf("moved ticket: contact %s, note kept %v, merge in feed %v", moved.Ticket.ContactID, note, feed)
		}
		found, err := f.s.SearchContacts(ctx, "", "0712345678", 10)
		must(t, err)
		if len(found) != 1 || found[0].ID != f.keep.ID {
			t.Fatalf("search after merge = %+v, want the survivor only", found)
		}
		groups, err := f.s.ListDuplicates(ctx)
		must(t, err)
		if len(groups) != 0 {
			t.Fatalf("duplicates after merge = %+v", groups)
		}
		// A new record with the number is told about the survivor only.
		same, err := f.s.ContactsWithMobile(ctx, "0712345678", "")
		must(t, err)
		if len(same) != 1 || same[0].ID != f.keep.ID {
			t.Fatalf("with mobile after merge = %+v", same)
		}
	})

	t.Run("ReplayedOnASecondDatabase", func(t *testing.T) {
		f := newMergeFixture(t)
		_, err := f.s.MergeContacts(ctx, f.admin.ID, f.dup.ID, f.keep.ID)
		must(t, err)
		replica := MustOpen(t)
		must(t, replica.ApplyOps(ctx, allOps(t, f.s)))
		for _, id := range []string{f.keepTkt, f.dupTkt} {
			if got := f.contactOf(t, replica, id); got != f.keep.ID {
				t.Fatalf("replica: ticket's customer = %s, want the survivor %s", got, f.keep.ID)
			}
		}
		gone, err := replica.GetContact(ctx, f.dup.ID)
		must(t, err)
		if gone.Contact.MergedInto != f.keep.ID {
			t.Fatalf("replica: merged record = %+v", gone.Contact)
		}
		if a, b := snapshot(t, f.s), snapshot(t, replica); !reflect.DeepEqual(a, b) {
			t.Fatalf("replica differs:\n%+v\n%+v", a, b)
		}
	})

	t.Run("ErrNotAdmin", func(t *testing.T) {
		f := newMergeFixture(t)
		bob, err := f.s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Bob Support", Role: "support", Active: true})
		must(t, err)
		_, err = f.s.MergeContacts(ctx, bob.ID, f.dup.ID, f.keep.ID)
		wantCode(t, err, desk.EFORBIDDEN, "")
	})
	t.Run("ErrIntoItself", func(t *testing.T) {
		f := newMergeFixture(t)
		_, err := f.s.MergeContacts(ctx, f.admin.ID, f.dup.ID, f.dup.ID)
		wantCode(t, err, desk.EINVALID, "intoId")
	})
	t.Run("ErrAlreadyMerged", func(t *testing.T) {
		f := newMergeFixture(t)
		_, err := f.s.MergeContacts(ctx, f.admin.ID, f.dup.ID, f.keep.ID)
		must(t, err)
		_, err = f.s.MergeContacts(ctx, f.admin.ID, f.keep.ID, f.dup.ID)
		wantCode(t, err, desk.ECONFLICT, "")
	})
}

// TestMergeRacesAnEdit merges two records on one machine while another,
// not having seen the merge, gives the merged record a new ticket and moves
// an existing ticket to it: both machines, whichever order they see the
// changes in, end with every ticket on the survivor.
func TestMergeRacesAnEdit(t *testing.T) {
	ctx := context.Background()
	tm := newTeam(t)
	keep, err := tm.a.s.SaveContact(ctx, tm.a.admin.ID, desk.ContactInput{Kind: "customer", Name: "Grace Wanjiru", Mobile: "0712345678"})
	must(t, err)
	dup, err := tm.a.s.SaveContact(ctx, tm.a.admin.ID, desk.ContactInput{Kind: "customer", Name: "Grace Wanjiru", Mobile: "0712345678", AllowDuplicate: true})
	must(t, err)
	old := tm.a.ticketFor(t, keep)
	tm.push(t, tm.a.s)
	tm.pull(t, tm.b.s)

	// Machine A merges; machine B, offline, works on the duplicate.
	_, err = tm.a.s.MergeContacts(ctx, tm.a.admin.ID, dup.ID, keep.ID)
	must(t, err)
	fresh := tm.b.ticketFor(t, dup)
	must(t, tm.b.s.LinkContact(ctx, tm.b.admin.ID, old, dup.ID))
	_, err = tm.b.s.SaveContact(ctx, tm.b.admin.ID, desk.ContactInput{ID: dup.ID, Kind: "customer", Name: "Grace N. Wanjiru", Mobile: dup.Mobile})
	must(t, err)

	// B pushes first: A sees B's edits after its own merge, B sees the merge
	// after its edits.
	tm.push(t, tm.b.s)
	tm.push(t, tm.a.s)
	tm.pull(t, tm.a.s)
	tm.pull(t, tm.b.s)
	for _, s := range []*store.Store{tm.a.s, tm.b.s} {
		for _, id := range []string{old, fresh} {
			d, err := s.GetTicket(ctx, id)
			must(t, err)
			if d.Ticket.ContactID != keep.ID {
				t.Fatalf("ticket %d's customer = %s, want the survivor %s", d.Ticket.Number, d.Ticket.ContactID, keep.ID)
			}
		}
		c, err := s.GetContact(ctx, dup.ID)
		must(t, err)
		if c.Contact.MergedInto != keep.ID {
			t.Fatalf("merged record = %+v", c.Contact)
		}
	}
}

// TestOpposingMergesAgree merges one pair of records in opposite
// directions on two machines at once: both keep the same survivor.
func TestOpposingMergesAgree(t *testing.T) {
	ctx := context.Background()
	tm := newTeam(t)
	x, err := tm.a.s.SaveContact(ctx, tm.a.admin.ID, desk.ContactInput{Kind: "customer", Name: "Grace Wanjiru", Mobile: "0712345678"})
	must(t, err)
	y, err := tm.a.s.SaveContact(ctx, tm.a.admin.ID, desk.ContactInput{Kind: "customer", Name: "Grace Wanjiru", Mobile: "0712345678", AllowDuplicate: true})
	must(t, err)
	tx, ty := tm.a.ticketFor(t, x), tm.a.ticketFor(t, y)
	tm.push(t, tm.a.s)
	tm.pull(t, tm.b.s)
	_, err = tm.a.s.MergeContacts(ctx, tm.a.admin.ID, x.ID, y.ID)
	must(t, err)
	_, err = tm.b.s.MergeContacts(ctx, tm.b.admin.ID, y.ID, x.ID)
	must(t, err)
	tm.push(t, tm.a.s)
	tm.push(t, tm.b.s)
	tm.pull(t, tm.a.s)
	tm.pull(t, tm.b.s)
	want := min(x.ID, y.ID)
	for _, s := range []*store.Store{tm.a.s, tm.b.s} {
		for _, id := range []string{tx, ty} {
			d, err := s.GetTicket(ctx, id)
			must(t, err)
			if d.Ticket.ContactID != want {
				t.Fatalf("ticket's customer = %s, want %s", d.Ticket.ContactID, want)
			}
		}
		c, err := s.GetContact(ctx, want)
		must(t, err)
		if c.Contact.MergedInto != "" {
			t.Fatalf("survivor = %+v, want it standing", c.Contact)
		}
	}
}

func TestCreateTicketAllProblems(t *testing.T) {
	ctx := context.Background()
	f := mustWorkspace(t, MustOpen(t))
	_, err := f.s.CreateTicket(ctx, f.admin.ID, desk.NewTicket{Description: strings.Repeat("x", desk.MaxTextLen+1)})
	wantCode(t, err, desk.EINVALID, "contactId")
	var e *desk.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not a desk error", err)
	}
	var fields []string
	for _, p := range e.Problems {
		if p.Message == "" {
			t.Errorf("problem on %s has no message", p.Field)
		}
		fields = append(fields, p.Field)
	}
	if got, want := strings.Join(fields, ","), "contactId,description,subjectIds,mobile"; got != want {
		t.Fatalf("problems on %s, want %s", got, want)
	}

	t.Run("OneProblemAlone", func(t *testing.T) {
		_, err := f.s.CreateTicket(ctx, f.admin.ID, desk.NewTicket{ContactID: f.customer.ID, Mobile: f.customer.Mobile})
		wantCode(t, err, desk.EINVALID, "subjectIds")
		if !errors.As(err, &e) || len(e.Problems) != 1 || e.Message != "Choose at least one subject" {
			t.Fatalf("error = %+v", err)
		}
	})
	t.Run("ContactFormToo", func(t *testing.T) {
		_, err := f.s.SaveContact(ctx, f.admin.ID, desk.ContactInput{Kind: "customer", Mobile: "12", Email: "not-mail"})
		if !errors.As(err, &e) || len(e.Problems) != 3 {
			t.Fatalf("error = %+v, want name, mobile and email at once", err)
		}
	})
}

func TestClosedTicketSubjectsStay(t *testing.T) {
	ctx := context.Background()
	f := mustWorkspace(t, MustOpen(t))
	id := f.mustTicket(t, "Complaint", "Account Issue")
	must(t, f.s.ChangeStatus(ctx, f.admin.ID, id, desk.StatusChange{Status: "closed", CustomerConfirmed: true}))
	before := len(allOps(t, f.s))
	wantCode(t, f.s.RemoveSubject(ctx, f.admin.ID, id, f.subjects["Complaint"]), desk.ECONFLICT, "")
	wantCode(t, f.s.AddSubject(ctx, f.admin.ID, id, f.subjects["General Inquiry"]), desk.ECONFLICT, "")
	if n := len(allOps(t, f.s)); n != before {
		t.Fatalf("refused changes logged %d ops", n-before)
	}
	must(t, f.s.ChangeStatus(ctx, f.admin.ID, id, desk.StatusChange{Status: "open"}))
	must(t, f.s.RemoveSubject(ctx, f.admin.ID, id, f.subjects["Complaint"]))
}
