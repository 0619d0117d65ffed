package store_test

import (
	"context"
	"strings"
	"testing"

	"deskline/internal/desk"
)

func TestCreateTicket(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		f := mustWorkspace(t, MustOpen(t))
		id := f.mustTicket(t, "Account Issue", "Complaint")
		d, err := f.s.GetTicket(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		tk := d.Ticket
		if tk.Number != 1 || tk.Status != desk.StatusOpen || tk.Priority != desk.PriorityMedium {
			t.Fatalf("ticket = %+v", tk)
		}
		if len(tk.Subjects) != 2 || tk.Subjects[0].Name != "Account Issue" || tk.Subjects[1].Name != "Complaint" {
			t.Fatalf("subjects = %+v", tk.Subjects)
		}
		if len(tk.Assignees) != 1 || tk.Assignees[0].ID != f.admin.ID {
			t.Fatalf("assignees = %+v, want the creator", tk.Assignees)
		}
		if tk.Mobile != "447700900123" || tk.ContactName != "Carla Customer" || tk.SourceName != "Walk-in" {
			t.Fatalf("contact details = %+v", tk)
		}
		if d.Description != "Card blocked" || d.CreatedBy.ID != f.admin.ID {
			t.Fatalf("detail = %+v", d)
		}
		if len(d.Activity) != 1 || d.Activity[0].Kind != desk.ActCreated || d.Activity[0].Actor.Name != "Asha Admin" {
			t.Fatalf("activity = %+v", d.Activity)
		}
		second := f.mustTicket(t, "Complaint")
		page, err := f.s.ListTickets(ctx, f.admin.ID, desk.TicketFilter{View: desk.ViewMine})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != 2 || page.Rows[0].ID != second || page.Rows[0].Number != 2 {
			t.Fatalf("queue = %+v, want the newest ticket #2 on top", page)
		}
	})

	t.Run("ErrInput", func(t *testing.T) {
		f := mustWorkspace(t, MustOpen(t))
		s := f.s
		// Deactivate one subject to check it is refused for new tickets.
		if _, err := s.SaveCatalog(ctx, f.admin.ID, desk.CatalogSubject, desk.CatalogInput{ID: f.subjects["Complaint"], Name: "Complaint", Active: false}); err != nil {
			t.Fatal(err)
		}
		good := func() desk.NewTicket {
			return desk.NewTicket{SubjectIDs: []string{f.subjects["Account Issue"]}, ContactID: f.customer.ID, Mobile: "0771234567"}
		}
		for _, tc := range []struct {
			name   string
			edit   func(*desk.NewTicket)
			field  string
			inText string
		}{
			{"NoSubject", func(n *desk.NewTicket) { n.SubjectIDs = nil }, "subjectIds", "at least one subject"},
			{"UnknownSubject", func(n *desk.NewTicket) { n.SubjectIDs = []string{"nope"} }, "subjectIds", "Unknown subject"},
			{"DeactivatedSubject", func(n *desk.NewTicket) { n.SubjectIDs = []string{f.subjects["Complaint"]} }, "subjectIds", "deactivated"},
			{"SourceAsSubject", func(n *desk.NewTicket) { n.SubjectIDs = []string{f.sources["Phone"]} }, "subjectIds", "Unknown subject"},
			{"NoContact", func(n *desk.NewTicket) { n.ContactID = "" }, "contactId", "customer or lead"},
			{"UnknownContact", func(n *desk.NewTicket) { n.ContactID = "0190-nope" }, "contactId", "does not exist"},
			{"NoMobile", func(n *desk.NewTicket) { n.Mobile = " " }, "mobile", "required"},
			{"ShortMobile", func(n *desk.NewTicket) { n.Mobile = "+1 234-56" }, "mobile", "7 to 15 digits"},
			{"LongMobile", func(n *desk.NewTicket) { n.Mobile = "1234567890123456" }, "mobile", "7 to 15 digits"},
			{"LettersInMobile", func(n *desk.NewTicket) { n.Mobile = "077 CALL ME" }, "mobile", "only digits"},
			{"LongDescription", func(n *desk.NewTicket) { n.Description = strings.Repeat("é", desk.MaxTextLen+1) }, "description", "too long"},
			{"UnknownSource", func(n *desk.NewTicket) { n.SourceID = "nope" }, "sourceId", "Unknown source"},
			{"UnknownPriority", func(n *desk.NewTicket) { n.Priority = "asap" }, "priority", "Unknown priority"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				in := good()
				tc.edit(&in)
				_, err := s.CreateTicket(ctx, f.admin.ID, in)
				wantCode(t, err, desk.EINVALID, tc.field)
				if !strings.Contains(desk.ErrorMessage(err), tc.inText) {
					t.Fatalf("message %q does not say %q", desk.ErrorMessage(err), tc.inText)
				}
			})
		}
		page, err := s.ListTickets(ctx, f.admin.ID, desk.TicketFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != 0 {
			t.Fatalf("%d tickets created by refused input", page.Total)
		}
		n, _, err := s.ListOps(ctx, 0, 1000)
		if err != nil {
			t.Fatal(err)
		}
		for _, op := range n {
			if op.Kind == "ticket.create" {
				t.Fatalf("a refused ticket left an operation in the log: %+v", op)
			}
		}
		// The longest allowed description and a 15-digit number pass.
		in := good()
		in.Description = strings.Repeat("é", desk.MaxTextLen)
		in.Mobile = "+123 456-789-012-345"
		if _, err := s.CreateTicket(ctx, f.admin.ID, in); err != nil {
			t.Fatalf("limits: %v", err)
		}
	})

	t.Run("ErrNoUser", func(t *testing.T) {
		f := mustWorkspace(t, MustOpen(t))
		_, err := f.s.CreateTicket(ctx, "someone-else", desk.NewTicket{SubjectIDs: []string{f.subjects["Complaint"]}, ContactID: f.customer.ID, Mobile: "0771234567"})
		wantCode(t, err, desk.EFORBIDDEN, "")
	})
}

func TestWorkTicket(t *testing.T) {
	ctx := context.Background()
	f := mustWorkspace(t, MustOpen(t))
	s := f.s
	id := f.mustTicket(t, "Account Issue")
	bob, err := s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Bob Agent", Role: "support"})
	if err != nil {
		t.Fatal(err)
	}
	lead, err := s.SaveContact(ctx, f.admin.ID, desk.ContactInput{Kind: "lead", Name: "Lee Lead", Mobile: "07000 111222"})
	if err != nil {
		t.Fatal(err)
	}

	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.ChangeStatus(ctx, f.admin.ID, id, desk.StatusChange{Status: "in_progress"}))
	must(s.AddNote(ctx, f.admin.ID, id, "Called the customer", "call"))
	must(s.SetPriority(ctx, f.admin.ID, id, "urgent"))
	must(s.AddSubject(ctx, f.admin.ID, id, f.subjects["Complaint"]))
	must(s.AddSubject(ctx, f.admin.ID, id, f.subjects["Complaint"])) // already there: no change
	must(s.RemoveSubject(ctx, f.admin.ID, id, f.subjects["Account Issue"]))
	must(s.AddAssignees(ctx, f.admin.ID, id, []string{bob.ID, f.admin.ID}))
	must(s.LinkContact(ctx, f.admin.ID, id, lead.ID))
	must(s.ChangeStatus(ctx, bob.ID, id, desk.StatusChange{Status: "resolved", Resolution: "Card unblocked"}))
	must(s.RemoveAssignee(ctx, bob.ID, id, f.admin.ID))
	must(s.EditTicket(ctx, bob.ID, id, desk.TicketEdit{Mobile: "07000 111 333", SourceID: f.sources["Phone"], Description: "Card blocked abroad"}))

	d, err := s.GetTicket(ctx, id)
	must(err)
	tk := d.Ticket
	if tk.Status != desk.StatusResolved || tk.Priority != desk.PriorityUrgent || tk.ContactID != lead.ID || tk.ContactKind != desk.KindLead {
		t.Fatalf("ticket = %+v", tk)
	}
	if tk.Mobile != "07000111333" || tk.SourceName != "Phone" || d.Description != "Card blocked abroad" {
		t.Fatalf("edited details = %+v %q", tk, d.Description)
	}
	if len(tk.Subjects) != 1 || tk.Subjects[0].Name != "Complaint" {
		t.Fatalf("subjects = %+v", tk.Subjects)
	}
	if len(tk.Assignees) != 1 || tk.Assignees[0].ID != bob.ID {
		t.Fatalf("assignees = %+v", tk.Assignees)
	}
	var kinds []string
	for _, a := range d.Activity {
		kinds = append(kinds, a.Kind)
	}
	// The note recorded a call (first response met) and the resolve met the
	// resolution clock: each adds an SLA line after it.
	// The resolve carries its resolution summary as an entry of its own.
	want := "created status note sla priority subject_added subject_removed assignee_added contact mobile status resolution sla assignee_removed mobile source description"
	if got := strings.Join(kinds, " "); got != want {
		t.Fatalf("activity kinds\n got %s\nwant %s", got, want)
	}
	st := d.Activity[1]
	if st.From != "Open" || st.To != "In Progress" || st.Actor.Name != "Asha Admin" {
		t.Fatalf("status entry = %+v", st)
	}
	if fr := d.Activity[3]; fr.To != "First response met" || fr.Body != "First response after 0 min (target 4 h)" {
		t.Fatalf("first response line = %+v", fr)
	}
	res := d.Activity[10]
	if res.From != "In Progress" || res.To != "Resolved" || res.Actor.Name != "Bob Agent" {
		t.Fatalf("resolve entry = %+v", res)
	}
	if sum := d.Activity[11]; sum.Kind != desk.ActResolution || sum.Body != "Card unblocked" {
		t.Fatalf("resolution entry = %+v", sum)
	}
	if d.Activity[8].From != "Carla Customer" || d.Activity[8].To != "Lee Lead" {
		t.Fatalf("contact entry = %+v", d.Activity[8])
	}

	// Bob sees it in his "My tickets"; the admin no longer does.
	for _, c := range []struct {
		user string
		want int
	}{{bob.ID, 1}, {f.admin.ID, 0}} {
		page, err := s.ListTickets(ctx, c.user, desk.TicketFilter{View: desk.ViewMine})
		must(err)
		if page.Total != c.want || page.Counts.Mine != c.want || page.Counts.All != 1 {
			t.Fatalf("mine for %s = %+v, want %d", c.user, page, c.want)
		}
	}

	t.Run("ErrLastSubject", func(t *testing.T) {
		err := s.RemoveSubject(ctx, f.admin.ID, id, f.subjects["Complaint"])
		wantCode(t, err, desk.EINVALID, "subjectId")
	})
	t.Run("ErrUnknownTicket", func(t *testing.T) {
		wantCode(t, s.AddNote(ctx, f.admin.ID, "no-such-ticket", "hi", ""), desk.ENOTFOUND, "")
		_, err := s.GetTicket(ctx, "no-such-ticket")
		wantCode(t, err, desk.ENOTFOUND, "")
	})
	t.Run("ErrEmptyNote", func(t *testing.T) {
		wantCode(t, s.AddNote(ctx, f.admin.ID, id, "  \n ", ""), desk.EINVALID, "note")
		wantCode(t, s.AddNote(ctx, f.admin.ID, id, strings.Repeat("x", desk.MaxTextLen+1), ""), desk.EINVALID, "note")
	})
	t.Run("ErrBadStatus", func(t *testing.T) {
		wantCode(t, s.ChangeStatus(ctx, f.admin.ID, id, desk.StatusChange{Status: "done"}), desk.EINVALID, "status")
	})
}

func TestQueueFilters(t *testing.T) {
	ctx := context.Background()
	f := mustWorkspace(t, MustOpen(t))
	s := f.s
	bob, err := s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Bob", Role: "support"})
	if err != nil {
		t.Fatal(err)
	}
	a := f.mustTicket(t, "Account Issue")
	b := f.mustTicket(t, "Complaint", "Technical Support")
	c := f.mustTicket(t, "Complaint")
	d := f.mustTicket(t, "General Inquiry")
	for _, err := range []error{
		s.ChangeStatus(ctx, f.admin.ID, b, desk.StatusChange{Status: "waiting"}),
		s.SetPriority(ctx, f.admin.ID, c, "high"),
		s.AddAssignees(ctx, f.admin.ID, c, []string{bob.ID}),
		s.ChangeStatus(ctx, f.admin.ID, d, desk.StatusChange{Status: "closed", CustomerConfirmed: true}),
		s.AddNote(ctx, f.admin.ID, a, "touch a last", ""),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	ids := func(p desk.TicketPage) string {
		var out []string
		for _, r := range p.Rows {
			switch r.ID {
			case a:
				out = append(out, "a")
			case b:
				out = append(out, "b")
			case c:
				out = append(out, "c")
			case d:
				out = append(out, "d")
			}
		}
		return strings.Join(out, ",")
	}
	for _, tc := range []struct {
		name   string
		filter desk.TicketFilter
		want   string
	}{
		{"DefaultHidesClosed", desk.TicketFilter{}, "a,c,b"},
		{"SortCreated", desk.TicketFilter{Sort: "created"}, "c,b,a"},
		{"Closed", desk.TicketFilter{Statuses: []string{"closed"}}, "d"},
		{"TwoStatuses", desk.TicketFilter{Statuses: []string{"waiting", "closed"}}, "d,b"},
		{"Subject", desk.TicketFilter{SubjectIDs: []string{f.subjects["Complaint"]}}, "c,b"},
		{"SubjectsAny", desk.TicketFilter{SubjectIDs: []string{f.subjects["Technical Support"], f.subjects["Account Issue"]}}, "a,b"},
		{"Priority", desk.TicketFilter{Priorities: []string{"high"}}, "c"},
		{"Assignee", desk.TicketFilter{AssigneeIDs: []string{bob.ID}}, "c"},
		{"Source", desk.TicketFilter{SourceIDs: []string{f.sources["Walk-in"]}}, "a,c,b"},
		{"OtherSource", desk.TicketFilter{SourceIDs: []string{f.sources["Email"]}}, ""},
		{"Combined", desk.TicketFilter{SubjectIDs: []string{f.subjects["Complaint"]}, Statuses: []string{"open"}}, "c"},
		{"Paged", desk.TicketFilter{Offset: 1, Limit: 1}, "c"},
		{"MineBob", desk.TicketFilter{View: "mine"}, "c"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			user := f.admin.ID
			if tc.name == "MineBob" {
				user = bob.ID
			}
			page, err := s.ListTickets(ctx, user, tc.filter)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(page); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("Counts", func(t *testing.T) {
		page, err := s.ListTickets(ctx, bob.ID, desk.TicketFilter{View: "mine", SubjectIDs: []string{f.subjects["Complaint"]}})
		if err != nil {
			t.Fatal(err)
		}
		if page.Counts.Mine != 1 || page.Counts.All != 2 || page.Total != 1 {
			t.Fatalf("counts = %+v total %d", page.Counts, page.Total)
		}
	})
	t.Run("ErrBadFilter", func(t *testing.T) {
		_, err := s.ListTickets(ctx, bob.ID, desk.TicketFilter{Statuses: []string{"sleeping"}})
		wantCode(t, err, desk.EINVALID, "statuses")
		_, err = s.ListTickets(ctx, bob.ID, desk.TicketFilter{View: "theirs"})
		wantCode(t, err, desk.EINVALID, "view")
	})
}
