package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"deskline/internal/desk"
	"deskline/internal/store"
)

func TestTemplates(t *testing.T) {
	ctx := context.Background()
	f := mustWorkspace(t, MustOpen(t))
	s := f.s
	bob, err := s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Bob Agent", Role: "support", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	shared, w, err := s.SaveTemplate(ctx, f.admin.ID, desk.TemplateInput{Name: "Card sent", Body: "Hi {{customer.name}}, card for {{ticket.number}} is on its way. {{agent.name}}", Shared: true})
	if err != nil || len(w) != 0 {
		t.Fatalf("save shared: %v %+v", err, w)
	}
	mine, w, err := s.SaveTemplate(ctx, bob.ID, desk.TemplateInput{Name: "Call back", Body: "Dear {{customer.title}}, we called."})
	if err != nil {
		t.Fatal(err)
	}
	if len(w) != 1 || w[0].Variable != "customer.title" {
		t.Fatalf("warnings = %+v", w)
	}

	t.Run("List", func(t *testing.T) {
		l, err := s.ListTemplates(ctx, bob.ID)
		if err != nil || len(l) != 2 || l[0].Name != "Call back" || !l[0].CanEdit || l[1].Name != "Card sent" || l[1].CanEdit {
			t.Fatalf("bob's templates = %+v, %v", l, err)
		}
		l, err = s.ListTemplates(ctx, f.admin.ID)
		if err != nil || len(l) != 1 || l[0].ID != shared.ID || !l[0].CanEdit || l[0].Owner.Name != "Asha Admin" {
			t.Fatalf("admin's templates = %+v, %v", l, err)
		}
	})
	t.Run("Render", func(t *testing.T) {
		id := f.mustTicket(t, "Account Issue", "Complaint")
		d, _ := s.GetTicket(ctx, id)
		r, err := s.RenderTemplate(ctx, bob.ID, shared.ID, id)
		want := "Hi Carla Customer, card for " + desk.TicketLabel(d.Ticket.Number) + " is on its way. Bob Agent"
		if err != nil || r.Text != want || len(r.Warnings) != 0 {
			t.Fatalf("render = %+v, %v; want %q", r, err, want)
		}
		r, err = s.RenderTemplate(ctx, bob.ID, mine.ID, id)
		if err != nil || r.Text != "Dear [unknown: customer.title], we called." || len(r.Warnings) != 1 {
			t.Fatalf("render unknown = %+v, %v", r, err)
		}
		_, err = s.RenderTemplate(ctx, f.admin.ID, mine.ID, id)
		wantCode(t, err, desk.ENOTFOUND, "")
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		_, _, err := s.SaveTemplate(ctx, bob.ID, desk.TemplateInput{Name: "Mine shared", Body: "x", Shared: true})
		wantCode(t, err, desk.EFORBIDDEN, "")
		_, _, err = s.SaveTemplate(ctx, bob.ID, desk.TemplateInput{ID: shared.ID, Name: "Card sent", Body: "changed"})
		wantCode(t, err, desk.EFORBIDDEN, "")
		wantCode(t, s.DeleteTemplate(ctx, bob.ID, shared.ID), desk.EFORBIDDEN, "")
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, tc := range []struct {
			in    desk.TemplateInput
			field string
		}{
			{desk.TemplateInput{Name: " ", Body: "x"}, "name"},
			{desk.TemplateInput{Name: strings.Repeat("n", desk.MaxTemplateName+1), Body: "x"}, "name"},
			{desk.TemplateInput{Name: "card SENT", Body: "x"}, "name"},
			{desk.TemplateInput{Name: "Empty", Body: "  "}, "body"},
		} {
			_, _, err := s.SaveTemplate(ctx, bob.ID, tc.in)
			wantCode(t, err, desk.EINVALID, tc.field)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, _, err := s.SaveTemplate(ctx, f.admin.ID, desk.TemplateInput{ID: mine.ID, Name: "Taken", Body: "x"})
		wantCode(t, err, desk.ENOTFOUND, "")
	})
	t.Run("Delete", func(t *testing.T) {
		if err := s.DeleteTemplate(ctx, bob.ID, mine.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteTemplate(ctx, f.admin.ID, shared.ID); err != nil {
			t.Fatal(err)
		}
		l, err := s.ListTemplates(ctx, bob.ID)
		if err != nil || len(l) != 0 {
			t.Fatalf("after delete = %+v, %v", l, err)
		}
	})
}

// openAt opens a store whose clock the test moves.
func openAt(t *testing.T, c *desk.ManualClock) fixture {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "deskline.db"), store.WithClock(c))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return mustWorkspace(t, s)
}

func TestTasks(t *testing.T) {
	ctx := context.Background()
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clock := desk.NewManualClock(start)
	f := openAt(t, clock)
	s := f.s
	bob, err := s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Bob Agent", Role: "support", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	off, _ := s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Olu Gone", Role: "support", Active: true})
	if off, err = s.SaveUser(ctx, f.admin.ID, desk.UserInput{ID: off.ID, Name: off.Name, Role: "support"}); err != nil {
		t.Fatal(err)
	}
	ticket := f.mustTicket(t, "Account Issue")
	at := func(d time.Duration) string { return start.Add(d).Format(time.RFC3339) }

	t.Run("ErrInvalid", func(t *testing.T) {
		for _, tc := range []struct {
			name  string
			in    desk.TaskInput
			field string
		}{
			{"EmptyTitle", desk.TaskInput{TicketID: ticket, Title: "  ", Due: at(time.Hour)}, "title"},
			{"LongTitle", desk.TaskInput{TicketID: ticket, Title: strings.Repeat("t", desk.MaxTaskTitle+1), Due: at(time.Hour)}, "title"},
			{"NoDue", desk.TaskInput{TicketID: ticket, Title: "Call back"}, "due"},
			{"BadDue", desk.TaskInput{TicketID: ticket, Title: "Call back", Due: "tomorrow"}, "due"},
			{"UnknownAssignee", desk.TaskInput{TicketID: ticket, Title: "Call back", Due: at(time.Hour), AssigneeID: "nobody"}, "assigneeId"},
			{"DeactivatedAssignee", desk.TaskInput{TicketID: ticket, Title: "Call back", Due: at(time.Hour), AssigneeID: off.ID}, "assigneeId"},
			{"UnknownTicket", desk.TaskInput{TicketID: "nope", Title: "Call back", Due: at(time.Hour)}, "ticketId"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := s.SaveTask(ctx, f.admin.ID, tc.in)
				wantCode(t, err, desk.EINVALID, tc.field)
			})
		}
	})

	// Admin: one due in an hour (default assignee: me), one for Bob in three hours,
	// one for Bob due tomorrow.
	mine, err := s.SaveTask(ctx, f.admin.ID, desk.TaskInput{TicketID: ticket, Title: "Call the customer", Due: at(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.SaveTask(ctx, f.admin.ID, desk.TaskInput{TicketID: ticket, Title: "Send the card", Due: at(3 * time.Hour), AssigneeID: bob.ID, Notes: "Courier"})
	if err != nil {
		t.Fatal(err)
	}
	later, err := s.SaveTask(ctx, bob.ID, desk.TaskInput{TicketID: ticket, Title: "Check it arrived", Due: at(26 * time.Hour), AssigneeID: bob.ID})
	if err != nil {
		t.Fatal(err)
	}
	titles := func(tab, user string) string {
		t.Helper()
		l, err := s.ListTasks(ctx, user, tab)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, k := range l {
			out = append(out, k.Title)
		}
		return strings.Join(out, ",")
	}

	t.Run("Lists", func(t *testing.T) {
		clock.Set(start.Add(2 * time.Hour)) // the first is overdue
		for _, tc := range []struct{ tab, user, want string }{
			{desk.TasksMine, f.admin.ID, "Call the customer"},
			{desk.TasksMine, bob.ID, "Send the card,Check it arrived"},
			{desk.TasksOverdue, bob.ID, "Call the customer"},
			{desk.TasksAll, bob.ID, "Call the customer,Send the card,Check it arrived"},
		} {
			if got := titles(tc.tab, tc.user); got != tc.want {
				t.Errorf("%s for %s = %q, want %q", tc.tab, tc.user, got, tc.want)
			}
		}
		_, err := s.ListTasks(ctx, bob.ID, "someday")
		wantCode(t, err, desk.EINVALID, "tab")
		c, err := s.TaskCounts(ctx, f.admin.ID)
		if err != nil || c.Open != 1 || c.Overdue != 1 {
			t.Fatalf("admin counts = %+v, %v", c, err)
		}
		c, err = s.TaskCounts(ctx, bob.ID)
		if err != nil || c.Open != 2 || c.Overdue != 0 {
			t.Fatalf("bob counts = %+v, %v", c, err)
		}
		d, err := s.GetTicket(ctx, ticket)
		if err != nil || len(d.Tasks) != 3 || !d.Tasks[0].Overdue || d.Tasks[1].Notes != "Courier" || d.Tasks[1].Assignee.Name != "Bob Agent" {
			t.Fatalf("ticket tasks = %+v, %v", d.Tasks, err)
		}
		if d.SOP.OpenTasks != 3 || d.SOP.TasksCompleted {
			t.Fatalf("sop = %+v", d.SOP)
		}
	})

	t.Run("DueOnce", func(t *testing.T) {
		clock.Set(start.Add(2 * time.Hour))
		n, next, err := s.RaiseTaskAlerts(ctx, start.Add(2*time.Hour))
		if err != nil || n != 1 || !next.Equal(start.Add(3*time.Hour)) {
			t.Fatalf("first raise = %d, next %v, %v", n, next, err)
		}
		if n, _, err = s.RaiseTaskAlerts(ctx, start.Add(2*time.Hour+time.Minute)); err != nil || n != 0 {
			t.Fatalf("raised again: %d, %v", n, err)
		}
		l, err := s.ListNotifications(ctx, f.admin.ID, 10)
		if err != nil || len(l.Items) != 1 || l.Items[0].Kind != desk.NoteTaskDue || l.Items[0].TicketID != ticket ||
			!strings.Contains(l.Items[0].Body, "Call the customer") {
			t.Fatalf("admin notifications = %+v, %v", l.Items, err)
		}
		// The app was closed past two due times: both are raised at start.
		n, _, err = s.RaiseTaskAlerts(ctx, start.Add(30*time.Hour))
		if err != nil || n != 2 {
			t.Fatalf("catch-up raise = %d, %v", n, err)
		}
		l, _ = s.ListNotifications(ctx, bob.ID, 10)
		if len(l.Items) != 2 {
			t.Fatalf("bob notifications = %+v", l.Items)
		}
		// Moving a due time raises it again when the new time comes.
		if _, err := s.SaveTask(ctx, bob.ID, desk.TaskInput{ID: later, Title: "Check it arrived", Due: at(40 * time.Hour), AssigneeID: bob.ID}); err != nil {
			t.Fatal(err)
		}
		if n, _, _ = s.RaiseTaskAlerts(ctx, start.Add(39*time.Hour)); n != 0 {
			t.Fatalf("raised before the new due time: %d", n)
		}
		if n, _, _ = s.RaiseTaskAlerts(ctx, start.Add(40*time.Hour)); n != 1 {
			t.Fatalf("not raised at the new due time: %d", n)
		}
	})

	t.Run("CompleteReopen", func(t *testing.T) {
		clock.Set(start.Add(2 * time.Hour))
		if _, err := s.SetTaskDone(ctx, bob.ID, mine, true); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetTaskDone(ctx, bob.ID, mine, true); err != nil { // no change
			t.Fatal(err)
		}
		if got := titles(desk.TasksMine, f.admin.ID); got != "" {
			t.Fatalf("admin's open tasks after completing = %q", got)
		}
		if got := titles(desk.TasksAll, f.admin.ID); got != "Send the card,Check it arrived,Call the customer" {
			t.Fatalf("all after completing = %q (done last)", got)
		}
		if _, err := s.SetTaskDone(ctx, f.admin.ID, mine, false); err != nil {
			t.Fatal(err)
		}
		if got := titles(desk.TasksMine, f.admin.ID); got != "Call the customer" {
			t.Fatalf("admin's open tasks after reopening = %q", got)
		}
		d, _ := s.GetTicket(ctx, ticket)
		var kinds []string
		for _, a := range d.Activity {
			if strings.HasPrefix(a.Kind, "task_") {
				kinds = append(kinds, a.Kind+":"+a.To)
			}
		}
		want := "task_added:Call the customer task_added:Send the card task_added:Check it arrived task_completed:Call the customer task_reopened:Call the customer"
		if got := strings.Join(kinds, " "); got != want {
			t.Fatalf("task lines\n got %s\nwant %s", got, want)
		}
		_, err := s.SetTaskDone(ctx, bob.ID, "nope", true)
		wantCode(t, err, desk.ENOTFOUND, "")
	})
}

func TestResolvingSOP(t *testing.T) {
	ctx := context.Background()
	f := mustWorkspace(t, MustOpen(t))
	s := f.s
	id := f.mustTicket(t, "Account Issue")
	sop := func() desk.SOPChecklist {
		t.Helper()
		d, err := s.GetTicket(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return d.SOP
	}
	if got := sop(); got != (desk.SOPChecklist{TasksCompleted: true}) {
		t.Fatalf("new ticket sop = %+v", got)
	}
	task, err := s.SaveTask(ctx, f.admin.ID, desk.TaskInput{TicketID: id, Title: "Call back", Due: "2026-03-03T09:00:00Z"})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("ResolveNeedsSummary", func(t *testing.T) {
		wantCode(t, s.ChangeStatus(ctx, f.admin.ID, id, desk.StatusChange{Status: "resolved", Resolution: "  "}), desk.EINVALID, "resolution")
		wantCode(t, s.ChangeStatus(ctx, f.admin.ID, id, desk.StatusChange{Status: "resolved"}), desk.EINVALID, "resolution")
	})
	t.Run("CloseNeedsConfirmation", func(t *testing.T) {
		wantCode(t, s.ChangeStatus(ctx, f.admin.ID, id, desk.StatusChange{Status: "closed"}), desk.EINVALID, "customerConfirmed")
		wantCode(t, s.ChangeStatus(ctx, f.admin.ID, id, desk.StatusChange{Status: "closed", Note: "done"}), desk.EINVALID, "customerConfirmed")
	})
	if err := s.ChangeStatus(ctx, f.admin.ID, id, desk.StatusChange{Status: "resolved", Resolution: "Unblocked the card", Note: "Told her"}); err != nil {
		t.Fatal(err)
	}
	if got := sop(); got != (desk.SOPChecklist{ResolutionNote: true, OpenTasks: 1}) {
		t.Fatalf("resolved sop = %+v", got)
	}
	// Closing with an open task is allowed (the screen warns first).
	if err := s.ChangeStatus(ctx, f.admin.ID, id, desk.StatusChange{Status: "closed", CustomerConfirmed: true}); err != nil {
		t.Fatal(err)
	}
	if got := sop(); got != (desk.SOPChecklist{ResolutionNote: true, CustomerConfirm: true, Closed: true, OpenTasks: 1}) {
		t.Fatalf("closed sop = %+v", got)
	}
	if _, err := s.SetTaskDone(ctx, f.admin.ID, task, true); err != nil {
		t.Fatal(err)
	}
	if got := sop(); got != (desk.SOPChecklist{ResolutionNote: true, CustomerConfirm: true, TasksCompleted: true, Closed: true}) {
		t.Fatalf("all done sop = %+v", got)
	}
	d, _ := s.GetTicket(ctx, id)
	var feed []string
	for _, a := range d.Activity {
		switch a.Kind {
		case desk.ActStatus, desk.ActResolution, desk.ActConfirmed:
			feed = append(feed, a.Kind+":"+a.To+":"+a.Body)
		}
	}
	want := "status:Resolved:Told her resolution::Unblocked the card status:Closed: customer_confirmed:Customer confirmed the resolution:"
	if got := strings.Join(feed, " "); got != want {
		t.Fatalf("feed\n got %s\nwant %s", got, want)
	}
	// Reopening starts the SOP again.
	if err := s.ChangeStatus(ctx, f.admin.ID, id, desk.StatusChange{Status: "in_progress"}); err != nil {
		t.Fatal(err)
	}
	if got := sop(); got != (desk.SOPChecklist{TasksCompleted: true}) {
		t.Fatalf("reopened sop = %+v", got)
	}

	t.Run("Optional", func(t *testing.T) {
		bob, _ := s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Bob Agent", Role: "manager", Active: true})
		_, err := s.SaveSOPRules(ctx, bob.ID, desk.SOPRules{ResolutionOptional: true})
		wantCode(t, err, desk.EFORBIDDEN, "")
		r, err := s.SaveSOPRules(ctx, f.admin.ID, desk.SOPRules{ResolutionOptional: true})
		if err != nil || !r.ResolutionOptional {
			t.Fatalf("rules = %+v, %v", r, err)
		}
		if err := s.ChangeStatus(ctx, f.admin.ID, id, desk.StatusChange{Status: "resolved"}); err != nil {
			t.Fatal(err)
		}
		if got := sop(); got.ResolutionNote {
			t.Fatalf("no summary given, yet ticked: %+v", got)
		}
	})
}

func TestChangeStatusSameStatusAddsNote(t *testing.T) {
	ctx := context.Background()
	f := mustWorkspace(t, MustOpen(t))
	id := f.mustTicket(t, "Account Issue")
	if err := f.s.ChangeStatus(ctx, f.admin.ID, id, desk.StatusChange{Status: "resolved", Resolution: "Fixed"}); err != nil {
		t.Fatal(err)
	}
	// Already Resolved: no summary needed again; the text is kept as a note.
	if err := f.s.ChangeStatus(ctx, f.admin.ID, id, desk.StatusChange{Status: "resolved", Resolution: "Customer called to thank us"}); err != nil {
		t.Fatal(err)
	}
	if err := f.s.ChangeStatus(ctx, f.admin.ID, id, desk.StatusChange{Status: "resolved"}); err != nil {
		t.Fatal(err)
	}
	d, err := f.s.GetTicket(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	last := d.Activity[len(d.Activity)-1]
	if last.Kind != desk.ActNote || last.Body != "Customer called to thank us" {
		t.Fatalf("last entry = %+v", last)
	}
	wantCode(t, f.s.ChangeStatus(ctx, f.admin.ID, id, desk.StatusChange{Status: "done"}), desk.EINVALID, "status")
	wantCode(t, f.s.ChangeStatus(ctx, f.admin.ID, "nope", desk.StatusChange{Status: "open"}), desk.ENOTFOUND, "")
}
