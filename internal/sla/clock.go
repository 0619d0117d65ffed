package sla

import (
	"fmt"
	"time"
)

// Status is a ticket status, as stored.
type Status string

// The ticket statuses.
const (
	StatusOpen       Status = "open"
	StatusInProgress Status = "in_progress"
	StatusWaiting    Status = "waiting" // Waiting for Customer
	StatusResolved   Status = "resolved"
	StatusClosed     Status = "closed"
)

func (s Status) valid() bool {
	switch s {
	case StatusOpen, StatusInProgress, StatusWaiting, StatusResolved, StatusClosed:
		return true
	}
	return false
}

// counting reports whether the resolution clock runs in status s.
func (s Status) counting() bool { return s == StatusOpen || s == StatusInProgress }

// EventKind says what an Event records.
type EventKind string

// The events that move the clocks.
const (
	// EventStatus is a status change from From to To.
	EventStatus EventKind = "status"
	// EventResponse is a communication with the customer recorded by staff
	// (a note marked as a call, WhatsApp, email or in-person reply). The
	// caller decides which notes count.
	EventResponse EventKind = "response"
	// EventPriority is a priority change to Priority.
	EventPriority EventKind = "priority"
)

// Event is one entry of a ticket's history. The engine follows To for status
// changes; From is carried for the caller's convenience and not checked.
type Event struct {
	At       time.Time
	Kind     EventKind
	From     Status
	To       Status
	Priority Priority
}

// StatusChange returns the event of a status change at at.
func StatusChange(at time.Time, from, to Status) Event {
	return Event{At: at, Kind: EventStatus, From: from, To: to}
}

// Response returns the event of a staff communication with the customer at at.
func Response(at time.Time) Event { return Event{At: at, Kind: EventResponse} }

// PriorityChange returns the event of a change to priority p at at.
func PriorityChange(at time.Time, p Priority) Event {
	return Event{At: at, Kind: EventPriority, Priority: p}
}

// Ticket is what the engine needs of a ticket: when it was created, with which
// priority (its status is then open), and its events in the order they were
// applied. An event stamped earlier than the one before it is taken to happen
// at that one's time, and an event (or a creation) stamped after the
// evaluation instant to happen at that instant, so a skewed workstation clock
// never produces negative durations.
type Ticket struct {
	Created  time.Time
	Priority Priority
	Events   []Event
}

// State is the state of one clock.
type State string

// The clock states.
const (
	// StateNone: the ticket runs under a NoSLA policy.
	StateNone State = "none"
	// StateRunning: counting, not yet due.
	StateRunning State = "running"
	// StatePaused: the resolution clock while waiting for the customer,
	// not yet breached.
	StatePaused State = "paused"
	// StateMet: stopped at or before its due time.
	StateMet State = "met"
	// StateBreached: not stopped, and it has counted past its due time. It
	// may be paused since (Running is false then).
	StateBreached State = "breached"
	// StateMetLate: stopped after its due time.
	StateMetLate State = "met_late"
)

// ClockKind names one of a ticket's two clocks.
type ClockKind string

// The two clocks.
const (
	ClockFirstResponse ClockKind = "first_response"
	ClockResolution    ClockKind = "resolution"
)

// Clock is the state of one SLA clock at the evaluation instant. Durations
// are in the policy's measure (working time for ModeBusiness) and never
// negative.
type Clock struct {
	Kind  ClockKind
	State State
	// Running is true while the clock counts: running, or breached and not
	// paused.
	Running bool
	// Priority is the priority whose target applies.
	Priority Priority
	Target   time.Duration
	// Due is when the target is (or was) reached: for a running or stopped
	// clock, the due time in force; for a breached clock, the breach; zero
	// for a paused clock, whose due time depends on when it resumes.
	Due time.Time
	// ResumeDue is, for a paused clock, the due time it would have if it ran
	// again at the evaluation instant: the time left added to now.
	ResumeDue time.Time
	// WarnAt is when the warning share of the target is (or was) reached;
	// zero when it has not been reached and the clock is not counting.
	WarnAt time.Time
	// Warning is true for a running clock past WarnAt, not yet breached.
	Warning bool
	// BreachedAt is when the clock went past its due time, if it did.
	BreachedAt time.Time
	// StoppedAt is when a met or met-late clock stopped.
	StoppedAt time.Time
	// Elapsed is the time counted so far; Paused the time it spent paused
	// (waiting for the customer, or resolved before a reopening).
	Elapsed time.Duration
	Paused  time.Duration
	// Left is what remains of the target, Overdue how far Elapsed is past it.
	// Overdue may be zero for a breached clock outside working hours: it is
	// past due, but no working time has passed since.
	Left    time.Duration
	Overdue time.Duration
}

// Result is the state of a ticket's clocks at At. Mode is the policy's
// measure, empty under a NoSLA policy.
type Result struct {
	At            time.Time
	Mode          Mode
	FirstResponse Clock
	Resolution    Clock
}

// Evaluate computes the state of a ticket's clocks at now under policy p. cal
// is the policy's calendar; it is read only in ModeBusiness. It returns a
// *FieldError when the policy, the calendar or the history is invalid (an
// unknown status, priority or event kind; field "events[3].to" and the like).
func Evaluate(t Ticket, p Policy, cal Calendar, now time.Time) (Result, error) {
	res := Result{
		At:            now,
		Mode:          p.Mode,
		FirstResponse: Clock{Kind: ClockFirstResponse, State: StateNone},
		Resolution:    Clock{Kind: ClockResolution, State: StateNone},
	}
	if err := p.Validate(); err != nil {
		return res, err
	}
	if p.NoSLA {
		res.Mode = ""
		return res, nil
	}
	var m meter = realTime{}
	if p.Mode == ModeBusiness {
		s, err := prepare(cal)
		if err != nil {
			return res, prefixed("calendar.", err)
		}
		m = s
	}
	h, err := replay(t, now, m)
	if err != nil {
		return res, err
	}
	warn := p.warnPercent()

	// First response: one period from the start, never paused.
	fr := &res.FirstResponse
	fr.Priority = h.frPrio
	fr.Target = minutes(p.Targets[h.frPrio].FirstResponse)
	end := now
	if h.frDone {
		end = h.frAt
	}
	if err := h.measure(fr, m, []span{{h.start, end}}, warn, !h.frDone); err != nil {
		return res, err
	}
	if h.frDone {
		fr.StoppedAt = h.frAt
	}
	fr.State = state(fr, h.frDone, !h.frDone)
	fr.Warning = fr.State == StateRunning && fr.Elapsed >= warnShare(fr.Target, warn)

	// Resolution: counting periods separated by pauses.
	rc := &res.Resolution
	rc.Priority = h.resPrio
	rc.Target = minutes(p.Targets[h.resPrio].Resolution)
	rc.Paused = h.paused
	counting := h.status.counting() && !h.closed
	if err := h.measure(rc, m, h.runs, warn, counting); err != nil {
		return res, err
	}
	if h.resStopped {
		rc.StoppedAt = h.resStopAt
	}
	rc.State = state(rc, h.resStopped, counting)
	rc.Warning = rc.State == StateRunning && rc.Elapsed >= warnShare(rc.Target, warn)
	if rc.State == StatePaused {
		rc.Due = time.Time{}
		if rc.ResumeDue, err = m.add(now, rc.Left); err != nil {
			return res, err
		}
	}
	return res, nil
}

// state derives a clock's state once its measure is known.
func state(c *Clock, stopped, counting bool) State {
	breached := !c.BreachedAt.IsZero()
	c.Running = counting
	switch {
	case stopped && breached:
		c.Running = false
		return StateMetLate
	case stopped:
		c.Running = false
		return StateMet
	case breached:
		return StateBreached
	case counting:
		return StateRunning
	default:
		return StatePaused
	}
}

type span struct{ from, to time.Time }

// history is a ticket's events replayed.
type history struct {
	start      time.Time
	status     Status
	closed     bool
	frDone     bool
	frAt       time.Time
	frPrio     Priority
	resStopped bool
	resStopAt  time.Time
	resPrio    Priority
	runs       []span // counting periods of the resolution clock, in order
	paused     time.Duration
	buf        [8]span
}

func replay(t Ticket, now time.Time, m meter) (*history, error) {
	if !t.Priority.valid() {
		return nil, fieldErr("priority", "unknown priority %q", t.Priority)
	}
	h := &history{start: t.Created, status: StatusOpen}
	if h.start.After(now) {
		h.start = now
	}
	h.runs = h.buf[:0]
	prio := t.Priority
	prev := h.start
	runFrom, pauseFrom := h.start, time.Time{}
	for i, e := range t.Events {
		at := e.At
		if at.Before(prev) {
			at = prev
		}
		if at.After(now) {
			at = now
		}
		prev = at
		switch e.Kind {
		case EventResponse:
			if !h.frDone {
				h.frDone, h.frAt, h.frPrio = true, at, prio
			}
		case EventPriority:
			if !e.Priority.valid() {
				return nil, fieldErr(fmt.Sprintf("events[%d].priority", i), "unknown priority %q", e.Priority)
			}
			prio = e.Priority
		case EventStatus:
			to := e.To
			if !to.valid() {
				return nil, fieldErr(fmt.Sprintf("events[%d].to", i), "unknown status %q", to)
			}
			if !h.frDone && (to == StatusWaiting || to == StatusResolved || to == StatusClosed) {
				h.frDone, h.frAt, h.frPrio = true, at, prio
			}
			if h.closed || to == h.status {
				continue
			}
			// Leave the current status.
			switch from := h.status; {
			case from.counting():
				if to.counting() {
					h.status = to
					continue
				}
				h.runs = append(h.runs, span{runFrom, at})
			case from == StatusWaiting:
				h.paused += m.between(pauseFrom, at)
			case from == StatusResolved && to != StatusClosed:
				h.paused += m.between(h.resStopAt, at) // reopened: the gap was a pause
				h.resStopped = false
			}
			// Enter the new one.
			switch {
			case to.counting():
				runFrom = at
			case to == StatusWaiting:
				pauseFrom = at
			case to == StatusResolved:
				h.resStopped, h.resStopAt, h.resPrio = true, at, prio
			case to == StatusClosed:
				h.closed = true
				if !h.resStopped {
					h.resStopped, h.resStopAt, h.resPrio = true, at, prio
				}
			}
			h.status = to
		default:
			return nil, fieldErr(fmt.Sprintf("events[%d].kind", i), "unknown event kind %q", e.Kind)
		}
	}
	switch {
	case h.closed || h.status == StatusResolved:
	case h.status.counting():
		h.runs = append(h.runs, span{runFrom, now})
	case h.status == StatusWaiting:
		h.paused += m.between(pauseFrom, now)
	}
	if !h.frDone {
		h.frPrio = prio
	}
	if !h.resStopped {
		h.resPrio = prio
	}
	return h, nil
}

// measure fills c's elapsed time, due and warning instants and breach from
// its counting periods; the last period is still open when counting.
func (h *history) measure(c *Clock, m meter, runs []span, warn int, counting bool) error {
	target := c.Target
	share := warnShare(target, warn)
	var elapsed time.Duration
	for i, r := range runs {
		x := m.between(r.from, r.to)
		last := i == len(runs)-1
		if c.WarnAt.IsZero() && (elapsed+x >= share || last && counting) {
			at, err := m.add(r.from, share-elapsed)
			if err != nil {
				return err
			}
			c.WarnAt = at
		}
		if c.BreachedAt.IsZero() && (elapsed+x >= target || last) {
			due, err := m.add(r.from, target-elapsed)
			if err != nil {
				return err
			}
			if r.to.After(due) {
				c.BreachedAt = due
			}
			c.Due = due
		}
		elapsed += x
	}
	if !c.BreachedAt.IsZero() {
		c.Due = c.BreachedAt
	}
	c.Elapsed = elapsed
	c.Left = max(target-elapsed, 0)
	c.Overdue = max(elapsed-target, 0)
	return nil
}

// warnShare returns warn percent of target.
func warnShare(target time.Duration, warn int) time.Duration {
	return target * time.Duration(warn) / 100
}
