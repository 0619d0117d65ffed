package app

import (
	"context"
	"time"

	"deskline/internal/desk"
)

// SLAService shows and changes the SLA setup: business calendars, policies and
// the default policy.
type SLAService struct{ c *core }

// Config returns the SLA setup.
func (s *SLAService) Config() (desk.SLAConfig, error) {
	if err := s.c.need(desk.ActWork); err != nil {
		return desk.SLAConfig{}, err
	}
	return s.c.store.SLAConfig(bg)
}

// Save replaces the SLA setup (admins only); it applies to tickets opened
// from now on.
func (s *SLAService) Save(cfg desk.SLAConfig) (desk.SLAConfig, error) {
	me, err := s.c.allow(desk.ActConfigureSLA)
	if err != nil {
		return desk.SLAConfig{}, err
	}
	out, err := s.c.store.SaveSLAConfig(bg, me.ID, cfg)
	if err == nil {
		s.c.changed(nil, TopicCatalog)
	}
	return out, err
}

// NoteChannels lists the ways a note can record a reply to the customer.
func (s *SLAService) NoteChannels() ([]desk.Option, error) {
	if err := s.c.need(desk.ActWork); err != nil {
		return nil, err
	}
	return append([]desk.Option(nil), desk.NoteChannels...), nil
}

// runSLAScheduler raises SLA warnings and breaches, and follow-up tasks
// due notifications, when they fall due. It
// sleeps until the next one (an hour at most) and wakes early when a ticket
// changes; alerts that fell due while the app was closed are raised at once.
func (c *core) runSLAScheduler(ctx context.Context, clock desk.Clock) {
	for {
		n, next, err := c.store.RaiseSLAAlerts(ctx, clock.Now())
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			c.log.Error("raise SLA alerts", "err", err)
		}
		if n > 0 {
			c.emitter.Emit(EventChanged, Change{Topics: []string{TopicTickets, TopicNotices}, TicketIDs: []string{}})
			c.deliver()
		}
		// Follow-up tasks falling due share the scheduler: it wakes at
		// whichever comes first.
		nt, nextTask, err := c.store.RaiseTaskAlerts(ctx, clock.Now())
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			c.log.Error("raise task alerts", "err", err)
		}
		if nt > 0 {
			c.emitter.Emit(EventChanged, Change{Topics: []string{TopicTasks, TopicNotices}, TicketIDs: []string{}})
			c.deliver()
		}
		if !nextTask.IsZero() && (next.IsZero() || nextTask.Before(next)) {
			next = nextTask
		}
		wait := time.Hour
		if !next.IsZero() {
			wait = min(wait, max(next.Sub(clock.Now()), 0)+10*time.Millisecond)
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-timer.C:
		case <-c.slaWake:
			timer.Stop()
		}
	}
}

// wakeSLA tells the scheduler that due times may have moved.
func (c *core) wakeSLA() {
	select {
	case c.slaWake <- struct{}{}:
	default:
	}
}
