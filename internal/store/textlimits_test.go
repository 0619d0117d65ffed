package store_test

import (
	"context"
	"strings"
	"testing"

	"deskline/internal/desk"
)

// The one-line names of views, templates and tasks refuse control and
// text-direction characters, like every other name.
func TestLineNamesRefuseControlCharacters(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	f := mustWorkspace(t, s)
	tid := f.mustTicket(t, "Complaint")
	for _, bad := range []string{"Mine\x00", "Mine\u202eenil", "Mi\u2066ne"} {
		_, err := s.SaveView(ctx, f.admin.ID, desk.ViewInput{Name: bad})
		if desk.ErrorField(err) != "name" {
			t.Errorf("view %q: %v", bad, err)
		}
		_, _, err = s.SaveTemplate(ctx, f.admin.ID, desk.TemplateInput{Name: bad, Body: "Hello"})
		if desk.ErrorField(err) != "name" {
			t.Errorf("template %q: %v", bad, err)
		}
		_, err = s.SaveTask(ctx, f.admin.ID, desk.TaskInput{TicketID: tid, Title: bad, Due: "2026-03-03T10:00:00Z", AssigneeID: f.admin.ID})
		if desk.ErrorField(err) != "title" {
			t.Errorf("task %q: %v", bad, err)
		}
	}
	if _, err := s.SaveView(ctx, f.admin.ID, desk.ViewInput{Name: strings.Repeat("v", 61)}); desk.ErrorField(err) != "name" {
		t.Errorf("a 61-character view name: %v", err)
	}
}
