package store_test

import (
	"context"
	"fmt"
	"testing"

	"deskline/internal/desk"
)

// A filter or selection with thousands of ids is refused at its field in
// plain words, not failed as an internal error (SQLite's limit on bound
// variables).
func TestThousandsOfIDsRefusedAtTheirField(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	f := mustWorkspace(t, s)
	f.mustTicket(t, "Complaint")
	ids := make([]string, 40000)
	for i := range ids {
		ids[i] = fmt.Sprintf("01890a5d-ac96-774b-bcce-%012d", i)
	}
	wantField := func(t *testing.T, err error, field string) {
		t.Helper()
		if desk.ErrorCode(err) != desk.EINVALID || desk.ErrorField(err) != field {
			t.Fatalf("err = %v (code %s, field %q), want invalid at %q", err, desk.ErrorCode(err), desk.ErrorField(err), field)
		}
		if n := len(desk.ErrorMessage(err)); n > 200 {
			t.Fatalf("message of %d bytes", n)
		}
	}
	filters := map[string]desk.TicketFilter{
		"assigneeIds": {AssigneeIDs: ids},
		"subjectIds":  {SubjectIDs: ids},
		"sourceIds":   {SourceIDs: ids},
		"statuses":    {Statuses: repeat("open", 40000)},
		"priorities":  {Priorities: repeat("high", 40000)},
	}
	for field, flt := range filters {
		t.Run("ListTickets/"+field, func(t *testing.T) {
			_, err := s.ListTickets(ctx, f.admin.ID, flt)
			wantField(t, err, field)
		})
		t.Run("ListTicketIDs/"+field, func(t *testing.T) {
			_, err := s.ListTicketIDs(ctx, f.admin.ID, flt)
			wantField(t, err, field)
		})
	}
	t.Run("BulkTickets", func(t *testing.T) {
		_, _, err := s.Bulk(ctx, f.admin.ID, desk.BulkRequest{Action: desk.BulkAddNote, Note: "x", TicketIDs: ids}, nil)
		wantField(t, err, "ticketIds")
	})
	t.Run("BulkUsers", func(t *testing.T) {
		tid := f.mustTicket(t, "Complaint")
		_, _, err := s.Bulk(ctx, f.admin.ID, desk.BulkRequest{Action: desk.BulkAssign, TicketIDs: []string{tid}, UserIDs: ids}, nil)
		wantField(t, err, "userIds")
	})
	t.Run("CreateTicketSubjects", func(t *testing.T) {
		_, err := s.CreateTicket(ctx, f.admin.ID, desk.NewTicket{ContactID: f.customer.ID, Mobile: f.customer.Mobile, SubjectIDs: ids})
		wantField(t, err, "subjectIds")
	})
}

func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}
