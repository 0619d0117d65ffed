package store_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"deskline/internal/desk"
	"deskline/internal/store"
)

// busyDesk is a desk where every kind of operation has been made once.
func busyDesk(t *testing.T) (fixture, string) {
	t.Helper()
	ctx := context.Background()
	f := mustWorkspace(t, MustOpen(t))
	s := f.s
	id := f.mustTicket(t, "Complaint")
	bob, err := s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Bob Support", Role: "support"})
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(err)
	must(s.SetCredential(ctx, f.admin.ID, bob.ID, store.CredentialPIN, "4821"))
	must(s.AddAssignees(ctx, f.admin.ID, id, []string{bob.ID}))
	must(s.RemoveAssignee(ctx, f.admin.ID, id, bob.ID))
	must(s.AddSubject(ctx, f.admin.ID, id, f.subjects["Account Issue"]))
	must(s.RemoveSubject(ctx, f.admin.ID, id, f.subjects["Account Issue"]))
	must(s.AddNote(ctx, f.admin.ID, id, "Called @Bob Support back", "call"))
	must(s.SetPriority(ctx, f.admin.ID, id, "high"))
	must(s.EditTicket(ctx, f.admin.ID, id, desk.TicketEdit{Mobile: "0712 000 111", Description: "Card blocked twice"}))
	must(s.ChangeStatus(ctx, f.admin.ID, id, desk.StatusChange{Status: "resolved", Resolution: "Unblocked"}))
	for _, name := range []string{"id card.pdf", "old scan.pdf"} {
		_, err = s.AddAttachment(ctx, f.admin.ID, id, desk.StoredFile{Hash: strings.Repeat("ab", 32), Name: name, Size: 10, MIME: "application/pdf"})
		must(err)
	}
	d, err := s.GetTicket(ctx, id)
	must(err)
	_, _, err = s.RemoveAttachment(ctx, f.admin.ID, d.Attachments[len(d.Attachments)-1].ID)
	must(err)
	taskID, err := s.SaveTask(ctx, f.admin.ID, desk.TaskInput{TicketID: id, Title: "Call back", Due: "2026-03-03T10:00:00Z"})
	must(err)
	_, err = s.SaveTask(ctx, f.admin.ID, desk.TaskInput{ID: taskID, TicketID: id, Title: "Call back at noon", Due: "2026-03-03T12:00:00Z"})
	must(err)
	_, err = s.SetTaskDone(ctx, f.admin.ID, taskID, true)
	must(err)
	_, err = s.SetTaskDone(ctx, f.admin.ID, taskID, false)
	must(err)
	for _, name := range []string{"Urgent", "Old"} {
		_, err = s.SaveView(ctx, f.admin.ID, desk.ViewInput{Name: name, Filter: desk.TicketFilter{Priorities: []string{"urgent"}}})
		must(err)
	}
	views, err := s.ListViews(ctx, f.admin.ID)
	must(err)
	must(s.DeleteView(ctx, f.admin.ID, views[0].ID))
	for _, name := range []string{"Thanks", "Old"} {
		_, _, err = s.SaveTemplate(ctx, f.admin.ID, desk.TemplateInput{Name: name, Body: "Thank you {{customer.name}}"})
		must(err)
	}
	templates, err := s.ListTemplates(ctx, f.admin.ID)
	must(err)
	must(s.DeleteTemplate(ctx, f.admin.ID, templates[0].ID))
	_, err = s.SaveSOPRules(ctx, f.admin.ID, desk.SOPRules{ResolutionOptional: true})
	must(err)
	cfg, err := s.SLAConfig(ctx)
	must(err)
	_, err = s.SaveSLAConfig(ctx, f.admin.ID, cfg)
	must(err)
	dup, err := s.SaveContact(ctx, f.admin.ID, desk.ContactInput{Kind: "lead", Name: "Carla C.", Mobile: f.customer.Mobile, AllowDuplicate: true})
	must(err)
	_, err = s.MergeContacts(ctx, f.admin.ID, dup.ID, f.customer.ID)
	must(err)
	return f, id
}

// TestEveryKindMadeHereIsAcceptedElsewhere replays a desk's whole log, one
// operation of every kind, through the checks an operation pulled from the
// hub passes: the checks accept all that the commands make.
func TestEveryKindMadeHereIsAcceptedElsewhere(t *testing.T) {
	f, _ := busyDesk(t)
	ops := allOps(t, f.s)
	seen := map[string]bool{}
	for _, op := range ops {
		seen[op.Kind] = true
	}
	for kind, roles := range store.OpPermissions() {
		if len(roles) > 0 && !seen[kind] {
			t.Errorf("the busy desk made no %s operation", kind)
		}
	}
	replica := MustOpen(t)
	if err := replica.ApplyOps(context.Background(), ops); err != nil {
		t.Fatal(err)
	}
	if got := allOps(t, replica); len(got) != len(ops) {
		t.Fatalf("replica logged %d ops, want %d", len(got), len(ops))
	}
}

// TestPulledOpsAreChecked feeds operations that no Deskline command makes, as
// a faulty or hostile installation could push them: each is refused with
// EINVALID naming what is wrong, and nothing of it is applied.
func TestPulledOpsAreChecked(t *testing.T) {
	ctx := context.Background()
	f, ticketID := busyDesk(t)
	ops := allOps(t, f.s)
	byKind := map[string]desk.Op{}
	for _, op := range ops {
		byKind[op.Kind] = op
	}
	// withPayload returns a fresh op of kind from the log with one payload
	// field changed.
	withPayload := func(kind string, change func(p map[string]any)) desk.Op {
		op := byKind[kind]
		var p map[string]any
		if err := json.Unmarshal(op.Payload, &p); err != nil {
			t.Fatal(err)
		}
		change(p)
		body, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		op.Payload = body
		op.ID = "0190f0f0-0000-7000-8000-00000000" + strings.Repeat("0", 3) + "1"
		return op
	}
	envelope := func(change func(op *desk.Op)) desk.Op {
		op := withPayload(store.OpNote, func(map[string]any) {})
		change(&op)
		return op
	}
	cases := []struct {
		name  string
		op    desk.Op
		field string
	}{
		{"unknown kind", envelope(func(op *desk.Op) { op.Kind = "ticket.explode" }), "kind"},
		{"op id not a UUID", envelope(func(op *desk.Op) { op.ID = "1; DROP TABLE ops" }), "id"},
		{"installation not a UUID", envelope(func(op *desk.Op) { op.InstallID = "" }), "installId"},
		{"author not a UUID", envelope(func(op *desk.Op) { op.ActorID = "../admin" }), "actorId"},
		{"counter zero", envelope(func(op *desk.Op) { op.Counter = 0 }), "counter"},
		{"entity not a UUID", envelope(func(op *desk.Op) { op.EntityID = "ticket 1" }), "entityId"},
		{"payload not JSON", envelope(func(op *desk.Op) { op.Payload = json.RawMessage(`{"body":`) }), "payload"},
		{"payload too large", envelope(func(op *desk.Op) {
			op.Payload = json.RawMessage(`{"body":"` + strings.Repeat("x", 300<<10) + `"}`)
		}), "payload"},
		{"empty note", withPayload(store.OpNote, func(p map[string]any) { p["body"] = "   " }), "note"},
		{"note over the limit", withPayload(store.OpNote, func(p map[string]any) { p["body"] = strings.Repeat("y", desk.MaxTextLen+1) }), "note"},
		{"unknown channel", withPayload(store.OpNote, func(p map[string]any) { p["channel"] = "pigeon" }), "channel"},
		{"mention not a user id", withPayload(store.OpNote, func(p map[string]any) { p["mentions"] = []string{"everyone"} }), "mentions"},
		{"unknown status", withPayload(store.OpTicketSet, func(p map[string]any) { p["field"], p["value"] = "status", "deleted" }), "status"},
		{"unknown field", withPayload(store.OpTicketSet, func(p map[string]any) { p["field"] = "created_by" }), "field"},
		{"bad mobile", withPayload(store.OpTicketSet, func(p map[string]any) { p["field"], p["value"] = "mobile", "call me" }), "mobile"},
		{"feed value too long", withPayload(store.OpTicketSet, func(p map[string]any) { p["to"] = strings.Repeat("z", 1000) }), "to"},
		{"ticket without subjects", withPayload(store.OpTicketCreate, func(p map[string]any) { p["subjectIds"] = []string{} }), "subjectIds"},
		{"unknown priority", withPayload(store.OpTicketCreate, func(p map[string]any) { p["priority"] = "whenever" }), "priority"},
		{"attachment hash naming a path", withPayload(store.OpAttach, func(p map[string]any) { p["hash"] = "../../../etc/passwd" }), "hash"},
		{"attachment name with a folder", withPayload(store.OpAttach, func(p map[string]any) { p["name"] = "../../.bashrc" }), "name"},
		{"attachment name with a bidi override", withPayload(store.OpAttach, func(p map[string]any) { p["name"] = "invoice\u202Efdp.exe" }), "name"},
		{"user with no name", withPayload(store.OpUserSave, func(p map[string]any) { p["name"] = "" }), "name"},
		{"user with an unknown role", withPayload(store.OpUserSave, func(p map[string]any) { p["role"] = "root" }), "role"},
		{"subject name over the limit", withPayload(store.OpCatalogSave, func(p map[string]any) { p["name"] = strings.Repeat("s", desk.MaxNameLen+1) }), "name"},
		{"contact with a bad mobile", withPayload(store.OpContactSave, func(p map[string]any) { p["mobile"] = "12" }), "mobile"},
		{"SLA policy with a huge name", withPayload(store.OpSLASave, func(p map[string]any) {
			p["default"].(map[string]any)["name"] = strings.Repeat("p", 1<<17)
		}), "default.name"},
		{"unknown rule value", withPayload(store.OpRuleSave, func(p map[string]any) { p["value"] = "maybe" }), "value"},
		{"task without a title", withPayload(store.OpTaskCreate, func(p map[string]any) { p["title"] = " " }), "title"},
		{"view with an unknown status", withPayload(store.OpViewSave, func(p map[string]any) {
			p["filter"].(map[string]any)["statuses"] = []string{"lost"}
		}), "statuses"},
		{"template without text", withPayload(store.OpTemplateSave, func(p map[string]any) { p["body"] = "" }), "body"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			replica := MustOpen(t)
			if err := replica.ApplyOps(ctx, ops); err != nil {
				t.Fatal(err)
			}
			before, err := replica.GetTicket(ctx, ticketID)
			if err != nil {
				t.Fatal(err)
			}
			wantCode(t, replica.ApplyOps(ctx, []desk.Op{c.op}), desk.EINVALID, c.field)
			if n := len(allOps(t, replica)); n != len(ops) {
				t.Fatalf("log has %d ops after the refusal, want %d", n, len(ops))
			}
			after, err := replica.GetTicket(ctx, ticketID)
			if err != nil {
				t.Fatal(err)
			}
			if len(after.Activity) != len(before.Activity) || after.Ticket.Status != before.Ticket.Status {
				t.Fatal("the refused op changed the ticket")
			}
		})
	}
}

// TestOpPermissions checks the matrix the hub enforces: every kind has its
// roles, and the setup kinds are the admin's.
func TestOpPermissions(t *testing.T) {
	perms := store.OpPermissions()
	for _, k := range []string{store.OpUserSave, store.OpCatalogSave, store.OpSLASave, store.OpRuleSave, store.OpWorkspaceInit} {
		if got := strings.Join(perms[k], ","); got != "admin" {
			t.Errorf("%s: roles %q, want admin only", k, got)
		}
	}
	for _, k := range []string{store.OpTicketCreate, store.OpTicketSet, store.OpNote, store.OpContactSave, store.OpTaskCreate} {
		if got := strings.Join(perms[k], ","); got != "admin,manager,sales,support" {
			t.Errorf("%s: roles %q, want every role", k, got)
		}
	}
}
