package app

import (
	"github.com/google/uuid"

	"deskline/internal/desk"
)

// EventBulkProgress reports how far a bulk action has got, as
// desk.BulkProgress {jobId, done, total}.
const EventBulkProgress = "deskline:bulk-progress"

// bulkProgressSteps is about how many progress events one bulk action emits,
// however many tickets it takes (plus the first and the last).
const bulkProgressSteps = 50

// Bulk applies one action to the selected tickets: each ticket is changed
// completely or not at all, with its own activity entry; tickets the action
// does not fit are skipped with the reason. Progress goes out as
// EventBulkProgress, and one EventChanged names every changed ticket at the
// end. Returns EINVALID with the field for a request it refuses.
func (s *TicketService) Bulk(req desk.BulkRequest) (desk.BulkResult, error) {
	me, err := s.c.allow(desk.ActBulk)
	if err != nil {
		return desk.BulkResult{}, err
	}
	if req.JobID == "" {
		req.JobID = uuid.Must(uuid.NewV7()).String()
	}
	every := 1
	if len(req.TicketIDs) > bulkProgressSteps {
		every = len(req.TicketIDs) / bulkProgressSteps
	}
	res, failures, err := s.c.store.Bulk(bg, me.ID, req, func(done, total int) {
		if done == 1 || done == total || done%every == 0 {
			s.c.emitter.Emit(EventBulkProgress, desk.BulkProgress{JobID: req.JobID, Done: done, Total: total})
		}
	})
	for id, ferr := range failures {
		s.c.log.Error("bulk action left a ticket unchanged", "action", req.Action, "ticket", id, "err", ferr)
	}
	if err != nil {
		return desk.BulkResult{}, err
	}
	if res.Done > 0 {
		s.c.changed(res.DoneIDs, TopicTickets)
	}
	return res, nil
}

// ListIDs returns the ids of every ticket in the current user's queue view
// under the filter (not only one page), up to desk.MaxBulkTickets, for
// "select all in this view".
func (s *TicketService) ListIDs(f desk.TicketFilter) (desk.TicketIDList, error) {
	me, err := s.c.allow(desk.ActBulk)
	if err != nil {
		return desk.TicketIDList{}, err
	}
	return s.c.store.ListTicketIDs(bg, me.ID, scopeFilter(me, f))
}
