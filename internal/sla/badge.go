package sla

import "time"

// BadgeState is the colour-coded state of a queue badge.
type BadgeState string

// The badge states.
const (
	BadgeNone     BadgeState = "none"     // no SLA
	BadgeRunning  BadgeState = "running"  // counting, below the warning share
	BadgeWarning  BadgeState = "warning"  // counting, past the warning share
	BadgePaused   BadgeState = "paused"   // waiting for the customer
	BadgeBreached BadgeState = "breached" // past due and not stopped
	BadgeMet      BadgeState = "met"      // every clock stopped in time
	BadgeMetLate  BadgeState = "met_late" // every clock stopped, one late
)

// Badge is what the queue shows for a ticket: the clock that matters next,
// its state, and the time left or overdue in the policy's measure.
type Badge struct {
	Clock ClockKind // empty for BadgeNone
	State BadgeState
	Due   time.Time // zero when paused or none
	// ResumeDue is a paused clock's due time were it to run again now.
	ResumeDue time.Time
	Left      time.Duration
	Overdue   time.Duration
}

// Badge picks the clock that matters next: a breached clock (the earliest
// breach, counting ones first); else the running clock due first; else a
// paused one; else, when every clock has stopped, a met-late one if any,
// or the resolution clock.
func (r Result) Badge() Badge {
	fr, rc := &r.FirstResponse, &r.Resolution
	if fr.State == StateNone && rc.State == StateNone {
		return Badge{State: BadgeNone}
	}
	var pick *Clock
	for _, c := range []*Clock{fr, rc} {
		if c.State == StateBreached && (pick == nil || c.Running && !pick.Running ||
			c.Running == pick.Running && c.BreachedAt.Before(pick.BreachedAt)) {
			pick = c
		}
	}
	if pick == nil {
		for _, c := range []*Clock{fr, rc} {
			if c.State == StateRunning && (pick == nil || c.Due.Before(pick.Due)) {
				pick = c
			}
		}
	}
	if pick == nil {
		switch {
		case rc.State == StatePaused:
			pick = rc
		case fr.State == StateMetLate:
			pick = fr
		default:
			pick = rc
		}
	}
	b := Badge{Clock: pick.Kind, Due: pick.Due, ResumeDue: pick.ResumeDue, Left: pick.Left, Overdue: pick.Overdue}
	switch pick.State {
	case StateBreached:
		b.State = BadgeBreached
	case StateRunning:
		b.State = BadgeRunning
		if pick.Warning {
			b.State = BadgeWarning
		}
	case StatePaused:
		b.State = BadgePaused
	case StateMetLate:
		b.State = BadgeMetLate
	default:
		b.State = BadgeMet
	}
	return b
}

// NextDue returns the earliest due time among the clocks that are counting
// (breached ones included, with their past due time), and false when none
// is. It does not depend on the evaluation instant between two events, so
// it suits a stored, indexed column: sort by it for "next due", and select
// next_due <= now for "breached".
func (r Result) NextDue() (time.Time, bool) {
	return earliest(r.FirstResponse.nextDue(), r.Resolution.nextDue())
}

// NextWarning returns the earliest instant at which a counting clock that
// has not breached reaches its warning share (it may be past), and false
// when there is none. Stored beside NextDue, it serves "breaching soon":
// next_warning <= now < next_due.
func (r Result) NextWarning() (time.Time, bool) {
	return earliest(r.FirstResponse.nextWarning(), r.Resolution.nextWarning())
}

// NextAlert returns the earliest warning or due instant of a counting clock
// that has not breached, strictly after r.At: when an alert scheduler should
// wake next for this ticket. It returns false when no such instant is ahead.
func (r Result) NextAlert() (time.Time, bool) {
	return earliest(r.FirstResponse.nextAlert(r.At), r.Resolution.nextAlert(r.At))
}

func (c *Clock) nextDue() time.Time {
	if !c.Running {
		return time.Time{}
	}
	return c.Due
}

func (c *Clock) nextWarning() time.Time {
	if !c.Running || c.State == StateBreached {
		return time.Time{}
	}
	return c.WarnAt
}

func (c *Clock) nextAlert(after time.Time) time.Time {
	if !c.Running || c.State == StateBreached {
		return time.Time{}
	}
	if c.WarnAt.After(after) {
		return c.WarnAt
	}
	if c.Due.After(after) {
		return c.Due
	}
	return time.Time{}
}

// earliest returns the earlier of two instants, ignoring zero ones.
func earliest(a, b time.Time) (time.Time, bool) {
	if a.IsZero() || !b.IsZero() && b.Before(a) {
		a = b
	}
	return a, !a.IsZero()
}
