package sla_test

import (
	"errors"
	"testing"
	"time"

	"deskline/internal/sla"
)

// shortPolicy has small targets that are easy to work out by hand, in
// business time: Urgent 15 min / 1 h, High 30 min / 2 h, Medium 1 h / 4 h,
// Low 2 h / 8 h.
func shortPolicy() sla.Policy {
	return sla.Policy{
		Mode: sla.ModeBusiness,
		Targets: map[sla.Priority]sla.Target{
			sla.PriorityUrgent: {FirstResponse: 15, Resolution: 60},
			sla.PriorityHigh:   {FirstResponse: 30, Resolution: 120},
			sla.PriorityMedium: {FirstResponse: 60, Resolution: 240},
			sla.PriorityLow:    {FirstResponse: 120, Resolution: 480},
		},
	}
}

func calendarTimePolicy() sla.Policy {
	p := shortPolicy()
	p.Mode = sla.ModeCalendar
	return p
}

// clockCal is the calendar of the clock tests: Mon–Fri 09:00–13:00 and
// 14:00–18:00 in Berlin, with Tuesday 10 March 2026 a holiday.
func clockCal() sla.Calendar { return withHolidays(lunchCal(), tue10March) }

// want is the expected state of one clock. Times are Berlin wall-clock
// ("" for the zero time).
type want struct {
	state   sla.State
	due     string
	elapsed time.Duration
	paused  time.Duration
	left    time.Duration
	overdue time.Duration
}

func checkClock(t *testing.T, name string, got sla.Clock, w want) {
	t.Helper()
	var due time.Time
	if w.due != "" {
		due = berlin(t, w.due)
	}
	if got.State != w.state || !got.Due.Equal(due) || got.Elapsed != w.elapsed ||
		got.Paused != w.paused || got.Left != w.left || got.Overdue != w.overdue {
		t.Errorf("%s clock:\n got  state=%s due=%v elapsed=%v paused=%v left=%v overdue=%v\n want state=%s due=%v elapsed=%v paused=%v left=%v overdue=%v",
			name, got.State, got.Due, got.Elapsed, got.Paused, got.Left, got.Overdue,
			w.state, due, w.elapsed, w.paused, w.left, w.overdue)
	}
	for _, d := range []time.Duration{got.Elapsed, got.Paused, got.Left, got.Overdue} {
		if d < 0 {
			t.Errorf("%s clock: negative duration %v", name, d)
		}
	}
}

func TestEvaluate(t *testing.T) {
	type ev = func(testing.TB) sla.Event
	status := func(at string, from, to sla.Status) ev {
		return func(tb testing.TB) sla.Event { return sla.StatusChange(berlin(tb, at), from, to) }
	}
	reply := func(at string) ev {
		return func(tb testing.TB) sla.Event { return sla.Response(berlin(tb, at)) }
	}
	priority := func(at string, p sla.Priority) ev {
		return func(tb testing.TB) sla.Event { return sla.PriorityChange(berlin(tb, at), p) }
	}
	const (
		open       = sla.StatusOpen
		inProgress = sla.StatusInProgress
		waiting    = sla.StatusWaiting
		resolved   = sla.StatusResolved
		closed     = sla.StatusClosed
	)
	for _, tc := range []struct {
		name     string
		policy   sla.Policy // shortPolicy when zero
		created  string
		priority sla.Priority // medium when empty: 1 h / 4 h
		events   []ev
		now      string
		fr, res  want
	}{
		{
			// Created Monday 19:00, after hours: nothing counts until Tuesday
			// 09:00. First response due 10:00; resolution 09:00–13:00 = 4 h,
			// due 13:00. At 09:30 both have counted 30 min.
			name:    "OpenedAfterHours",
			created: "2026-03-02 19:00", now: "2026-03-03 09:30",
			fr:  want{state: sla.StateRunning, due: "2026-03-03 10:00", elapsed: 30 * m, left: 30 * m},
			res: want{state: sla.StateRunning, due: "2026-03-03 13:00", elapsed: 30 * m, left: 3*h + 30*m},
		},
		{
			// Created Friday 17:30: 30 min count on Friday. First response
			// needs 30 min more: Monday 09:30. Resolution needs 3 h 30 more:
			// Monday 12:30. At Monday 09:15 both have counted 45 min.
			name:    "AcrossWeekend",
			created: "2026-03-06 17:30", now: "2026-03-09 09:15",
			fr:  want{state: sla.StateRunning, due: "2026-03-09 09:30", elapsed: 45 * m, left: 15 * m},
			res: want{state: sla.StateRunning, due: "2026-03-09 12:30", elapsed: 45 * m, left: 3*h + 15*m},
		},
		{
			// Created Monday 9 March 17:00: 1 h counts that day, so first
			// response is due at 18:00 and is breached by Wednesday. Tuesday
			// is a holiday. Wednesday 09:00–09:30 adds 30 min: 1 h 30 elapsed.
			// Resolution needs 3 h on Wednesday: due 12:00.
			name:    "AcrossHoliday",
			created: "2026-03-09 17:00", now: "2026-03-11 09:30",
			fr:  want{state: sla.StateBreached, due: "2026-03-09 18:00", elapsed: 90 * m, overdue: 30 * m},
			res: want{state: sla.StateRunning, due: "2026-03-11 12:00", elapsed: 90 * m, left: 2*h + 30*m},
		},
		{
			// Created 12:30, reply at 14:20: 12:30–13:00 and 14:00–14:20 is
			// 50 min, met (due 12:30 + 30 min + lunch + 30 min = 14:30).
			// Resolution at 16:00: 30 min + 2 h = 2 h 30; it needs 3 h 30 after
			// lunch, due 17:30.
			name:    "LunchBreak",
			created: "2026-03-02 12:30", now: "2026-03-02 16:00",
			events: []ev{reply("2026-03-02 14:20")},
			fr:     want{state: sla.StateMet, due: "2026-03-02 14:30", elapsed: 50 * m, left: 10 * m},
			res:    want{state: sla.StateRunning, due: "2026-03-02 17:30", elapsed: 150 * m, left: 90 * m},
		},
		{
			// A reply at 10:30 comes 30 min after the 10:00 due time.
			name:    "FirstResponseLate",
			created: "2026-03-02 09:00", now: "2026-03-02 11:00",
			events: []ev{reply("2026-03-02 10:30"), reply("2026-03-02 10:45")},
			fr:     want{state: sla.StateMetLate, due: "2026-03-02 10:00", elapsed: 90 * m, overdue: 30 * m},
			res:    want{state: sla.StateRunning, due: "2026-03-02 13:00", elapsed: 2 * h, left: 2 * h},
		},
		{
			// Moving to Waiting for Customer at 09:40 counts as the first
			// response (40 min) and pauses resolution: 40 min counted, paused
			// 09:40–11:00 = 1 h 20; a paused clock has no due time.
			name:    "WaitingMeetsFirstResponseAndPauses",
			created: "2026-03-02 09:00", now: "2026-03-02 11:00",
			events: []ev{status("2026-03-02 09:40", open, waiting)},
			fr:     want{state: sla.StateMet, due: "2026-03-02 10:00", elapsed: 40 * m, left: 20 * m},
			res:    want{state: sla.StatePaused, elapsed: 40 * m, paused: 80 * m, left: 200 * m},
		},
		{
			// Runs 09–10 (1 h), pauses 10–11 (1 h), runs 11:00–11:30 (30 min),
			// pauses until Tuesday 09:00 (11:30–13:00 and 14:00–18:00 = 5 h 30),
			// runs Tuesday 09–10 (1 h). Counted 2 h 30, paused 6 h 30. From
			// Tuesday 09:00 it had 4 h − 1 h 30 = 2 h 30 left: due 11:30. First
			// response: the move to waiting at 10:00, exactly on time.
			name:    "SeveralPauses",
			created: "2026-03-02 09:00", now: "2026-03-03 10:00",
			events: []ev{
				status("2026-03-02 10:00", open, waiting),
				status("2026-03-02 11:00", waiting, open),
				status("2026-03-02 11:30", open, waiting),
				status("2026-03-03 09:00", waiting, inProgress),
			},
			fr:  want{state: sla.StateMet, due: "2026-03-02 10:00", elapsed: 1 * h},
			res: want{state: sla.StateRunning, due: "2026-03-03 11:30", elapsed: 150 * m, paused: 390 * m, left: 90 * m},
		},
		{
			// Resolution ran 09:00–14:30 = 4 h 30 (lunch excluded), past its
			// 13:00 due time, then waits: breached, and not running. Paused
			// 14:30–17:00 = 2 h 30.
			name:    "PausedAfterBreach",
			created: "2026-03-02 09:00", now: "2026-03-02 17:00",
			events: []ev{reply("2026-03-02 09:10"), status("2026-03-02 14:30", open, waiting)},
			fr:     want{state: sla.StateMet, due: "2026-03-02 10:00", elapsed: 10 * m, left: 50 * m},
			res:    want{state: sla.StateBreached, due: "2026-03-02 13:00", elapsed: 4*h + 30*m, paused: 150 * m, overdue: 30 * m},
		},
		{
			// Resolved at 12:00 after 3 h: met, 1 h to spare, due 13:00.
			name:    "ResolvedInTime",
			created: "2026-03-02 09:00", now: "2026-03-04 12:00",
			events: []ev{
				status("2026-03-02 09:05", open, inProgress),
				reply("2026-03-02 09:20"),
				status("2026-03-02 12:00", inProgress, resolved),
			},
			fr:  want{state: sla.StateMet, due: "2026-03-02 10:00", elapsed: 20 * m, left: 40 * m},
			res: want{state: sla.StateMet, due: "2026-03-02 13:00", elapsed: 3 * h, left: 1 * h},
		},
		{
			// Resolved at 11:00 after 2 h, reopened at 15:00: the 11:00–15:00
			// gap (11–13 and 14–15, 3 h of working time) is a pause. From 15:00 it has 2 h left:
			// due 17:00. At 16:00 it has counted 3 h.
			name:    "ReopenAfterResolve",
			created: "2026-03-02 09:00", now: "2026-03-02 16:00",
			events: []ev{
				reply("2026-03-02 09:30"),
				status("2026-03-02 11:00", open, resolved),
				status("2026-03-02 15:00", resolved, open),
			},
			fr:  want{state: sla.StateMet, due: "2026-03-02 10:00", elapsed: 30 * m, left: 30 * m},
			res: want{state: sla.StateRunning, due: "2026-03-02 17:00", elapsed: 3 * h, paused: 3 * h, left: 1 * h},
		},
		{
			// As above, but it stays open past 17:00 (breached there) and is
			// resolved again Tuesday 10:00: 2 h + 3 h + 1 h = 6 h, met late by 2 h.
			name:    "ReopenThenMetLate",
			created: "2026-03-02 09:00", now: "2026-03-03 12:00",
			events: []ev{
				reply("2026-03-02 09:30"),
				status("2026-03-02 11:00", open, resolved),
				status("2026-03-02 15:00", resolved, open),
				status("2026-03-03 10:00", open, resolved),
			},
			fr:  want{state: sla.StateMet, due: "2026-03-02 10:00", elapsed: 30 * m, left: 30 * m},
			res: want{state: sla.StateMetLate, due: "2026-03-02 17:00", elapsed: 6 * h, paused: 3 * h, overdue: 2 * h},
		},
		{
			// Closed at 10:00 stops both clocks (1 h each); the later move
			// back to open is ignored.
			name:    "ClosedStopsForGood",
			created: "2026-03-02 09:00", now: "2026-03-03 12:00",
			events: []ev{
				status("2026-03-02 10:00", open, closed),
				status("2026-03-02 11:00", closed, open),
			},
			fr:  want{state: sla.StateMet, due: "2026-03-02 10:00", elapsed: 1 * h},
			res: want{state: sla.StateMet, due: "2026-03-02 13:00", elapsed: 1 * h, left: 3 * h},
		},
		{
			// Resolved at 10:00, closed at 12:00: the clock stopped at 10:00.
			name:    "ClosedAfterResolve",
			created: "2026-03-02 09:00", now: "2026-03-03 12:00",
			events: []ev{
				status("2026-03-02 10:00", open, resolved),
				status("2026-03-02 12:00", resolved, closed),
			},
			fr:  want{state: sla.StateMet, due: "2026-03-02 10:00", elapsed: 1 * h},
			res: want{state: sla.StateMet, due: "2026-03-02 13:00", elapsed: 1 * h, left: 3 * h},
		},
		{
			// Medium raised to High at 09:20 re-targets from the start: first
			// response 30 min (due 09:30, breached by 09:40), resolution 2 h
			// (due 11:00).
			name:    "PriorityRaisedMidway",
			created: "2026-03-02 09:00", now: "2026-03-02 09:40",
			events: []ev{priority("2026-03-02 09:20", sla.PriorityHigh)},
			fr:     want{state: sla.StateBreached, due: "2026-03-02 09:30", elapsed: 40 * m, overdue: 10 * m},
			res:    want{state: sla.StateRunning, due: "2026-03-02 11:00", elapsed: 40 * m, left: 80 * m},
		},
		{
			// The first response was met under Medium (50 min of 1 h) before
			// the change to High: it keeps Medium. Resolution takes High's 2 h.
			name:    "PriorityChangedAfterFirstResponse",
			created: "2026-03-02 09:00", now: "2026-03-02 10:30",
			events: []ev{reply("2026-03-02 09:50"), priority("2026-03-02 10:00", sla.PriorityHigh)},
			fr:     want{state: sla.StateMet, due: "2026-03-02 10:00", elapsed: 50 * m, left: 10 * m},
			res:    want{state: sla.StateRunning, due: "2026-03-02 11:00", elapsed: 90 * m, left: 30 * m},
		},
		{
			// Urgent (15 min / 1 h) breached both by 09:30; lowering to Low
			// (2 h / 8 h) re-targets from the start: due 11:00 and 18:00.
			name:    "PriorityLoweredAfterBreach",
			created: "2026-03-02 09:00", now: "2026-03-02 10:00",
			priority: sla.PriorityUrgent,
			events:   []ev{priority("2026-03-02 09:30", sla.PriorityLow)},
			fr:       want{state: sla.StateRunning, due: "2026-03-02 11:00", elapsed: 1 * h, left: 1 * h},
			res:      want{state: sla.StateRunning, due: "2026-03-02 18:00", elapsed: 1 * h, left: 7 * h},
		},
		{
			name:    "NoSLA",
			policy:  sla.Policy{NoSLA: true},
			created: "2026-03-02 09:00", now: "2026-03-09 09:00",
			fr:  want{state: sla.StateNone},
			res: want{state: sla.StateNone},
		},
		{
			// Calendar time: Friday 17:00 to Saturday 10:00 is 17 h. First
			// response was due Friday 18:00, resolution Friday 21:00.
			name:    "CalendarTime",
			policy:  calendarTimePolicy(),
			created: "2026-03-06 17:00", now: "2026-03-07 10:00",
			fr:  want{state: sla.StateBreached, due: "2026-03-06 18:00", elapsed: 17 * h, overdue: 16 * h},
			res: want{state: sla.StateBreached, due: "2026-03-06 21:00", elapsed: 17 * h, overdue: 13 * h},
		},
		{
			// Calendar time across the spring change: Saturday 22:00 CET to
			// Sunday 04:00 CEST is 5 h of real time, not 6. Waiting meets the
			// first response 4 h late. Resolution breached at 22:00 + 4 h =
			// 02:00 CET, which is the jump, shown as 03:00 CEST; paused 04–05.
			name:    "CalendarTimeAcrossDST",
			policy:  calendarTimePolicy(),
			created: "2026-03-28 22:00", now: "2026-03-29 05:00",
			events: []ev{status("2026-03-29 04:00", open, waiting)},
			fr:     want{state: sla.StateMetLate, due: "2026-03-28 23:00", elapsed: 5 * h, overdue: 4 * h},
			res:    want{state: sla.StateBreached, due: "2026-03-29 03:00", elapsed: 5 * h, paused: 1 * h, overdue: 1 * h},
		},
		{
			// Business time across the spring change: Friday 17:00 CET gives
			// 1 h, first response due at the 18:00 close. Monday 30 March the
			// windows open at 09:00 CEST: 30 min more by 09:30 CEST.
			// Resolution needs 3 h on Monday: 12:00 CEST.
			name:    "BusinessTimeAcrossDST",
			created: "2026-03-27 17:00", now: "2026-03-30 09:30",
			fr:  want{state: sla.StateBreached, due: "2026-03-27 18:00", elapsed: 90 * m, overdue: 30 * m},
			res: want{state: sla.StateRunning, due: "2026-03-30 12:00", elapsed: 90 * m, left: 150 * m},
		},
		{
			// The workstation's clock is an hour behind the ticket's creation:
			// the ticket counts as created now, nothing has elapsed.
			name:    "SkewedCreatedInFuture",
			created: "2026-03-02 10:00", now: "2026-03-02 09:00",
			fr:  want{state: sla.StateRunning, due: "2026-03-02 10:00", elapsed: 0, left: 1 * h},
			res: want{state: sla.StateRunning, due: "2026-03-02 13:00", elapsed: 0, left: 4 * h},
		},
		{
			// Events stamped after now happen at now (10:00): 1 h each, and
			// the first response is met exactly at its due time.
			name:    "SkewedEventsInFuture",
			created: "2026-03-02 09:00", now: "2026-03-02 10:00",
			events: []ev{reply("2026-03-02 11:00"), status("2026-03-02 11:30", open, resolved)},
			fr:     want{state: sla.StateMet, due: "2026-03-02 10:00", elapsed: 1 * h},
			res:    want{state: sla.StateMet, due: "2026-03-02 13:00", elapsed: 1 * h, left: 3 * h},
		},
		{
			// Back to open is stamped 09:30, before the move to waiting at
			// 10:00 that precedes it: it is taken to happen at 10:00. Runs
			// 09–10 and 10–11: 2 h, no pause.
			name:    "EventsOutOfOrder",
			created: "2026-03-02 09:00", now: "2026-03-02 11:00",
			events: []ev{status("2026-03-02 10:00", open, waiting), status("2026-03-02 09:30", waiting, open)},
			fr:     want{state: sla.StateMet, due: "2026-03-02 10:00", elapsed: 1 * h},
			res:    want{state: sla.StateRunning, due: "2026-03-02 13:00", elapsed: 2 * h, left: 2 * h},
		},
		{
			// Resolved then moved to waiting (customer wrote back): the gap
			// 10:00–11:00 and the wait 11:00–12:00 are both pauses.
			name:    "ResolvedThenWaiting",
			created: "2026-03-02 09:00", now: "2026-03-02 12:00",
			events: []ev{status("2026-03-02 10:00", open, resolved), status("2026-03-02 11:00", resolved, waiting)},
			fr:     want{state: sla.StateMet, due: "2026-03-02 10:00", elapsed: 1 * h},
			res:    want{state: sla.StatePaused, elapsed: 1 * h, paused: 2 * h, left: 3 * h},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.policy
			if p.Targets == nil && !p.NoSLA {
				p = shortPolicy()
			}
			prio := tc.priority
			if prio == "" {
				prio = sla.PriorityMedium
			}
			tk := sla.Ticket{Created: berlin(t, tc.created), Priority: prio}
			for _, e := range tc.events {
				tk.Events = append(tk.Events, e(t))
			}
			got, err := sla.Evaluate(tk, p, clockCal(), berlin(t, tc.now))
			if err != nil {
				t.Fatal(err)
			}
			checkClock(t, "first response", got.FirstResponse, tc.fr)
			checkClock(t, "resolution", got.Resolution, tc.res)
		})
	}
}

func TestEvaluateDetails(t *testing.T) {
	t.Run("StoppedAtAndBreachedAt", func(t *testing.T) {
		// Reply at 10:30, 30 min after the 10:00 due time.
		tk := sla.Ticket{Created: berlin(t, "2026-03-02 09:00"), Priority: sla.PriorityMedium,
			Events: []sla.Event{sla.Response(berlin(t, "2026-03-02 10:30"))}}
		r, err := sla.Evaluate(tk, shortPolicy(), clockCal(), berlin(t, "2026-03-02 11:00"))
		if err != nil {
			t.Fatal(err)
		}
		fr := r.FirstResponse
		if !fr.StoppedAt.Equal(berlin(t, "2026-03-02 10:30")) || !fr.BreachedAt.Equal(berlin(t, "2026-03-02 10:00")) {
			t.Errorf("StoppedAt %v BreachedAt %v", fr.StoppedAt, fr.BreachedAt)
		}
		if fr.Running || fr.Priority != sla.PriorityMedium || fr.Target != time.Hour || fr.Kind != sla.ClockFirstResponse {
			t.Errorf("clock %+v", fr)
		}
		if !r.Resolution.Running || r.Resolution.Kind != sla.ClockResolution || r.Resolution.Target != 4*h {
			t.Errorf("resolution %+v", r.Resolution)
		}
	})

	t.Run("BreachedOutsideHoursHasNoOverdue", func(t *testing.T) {
		// Due at Friday's 18:00 close; at 19:00 it is breached, but no working
		// time has passed since, so Overdue is zero.
		tk := sla.Ticket{Created: berlin(t, "2026-03-06 17:00"), Priority: sla.PriorityMedium}
		r, err := sla.Evaluate(tk, shortPolicy(), clockCal(), berlin(t, "2026-03-06 19:00"))
		if err != nil {
			t.Fatal(err)
		}
		checkClock(t, "first response", r.FirstResponse,
			want{state: sla.StateBreached, due: "2026-03-06 18:00", elapsed: 1 * h})
	})

	t.Run("ErrInvalidInput", func(t *testing.T) {
		created := berlin(t, "2026-03-02 09:00")
		for _, tc := range []struct {
			name  string
			tk    sla.Ticket
			p     sla.Policy
			cal   sla.Calendar
			field string
		}{
			{"Priority", sla.Ticket{Created: created, Priority: "critical"}, shortPolicy(), clockCal(), "priority"},
			{"Status", sla.Ticket{Created: created, Priority: sla.PriorityLow,
				Events: []sla.Event{sla.StatusChange(created, sla.StatusOpen, "done")}}, shortPolicy(), clockCal(), "events[0].to"},
			{"EventPriority", sla.Ticket{Created: created, Priority: sla.PriorityLow,
				Events: []sla.Event{sla.Response(created), sla.PriorityChange(created, "")}}, shortPolicy(), clockCal(), "events[1].priority"},
			{"EventKind", sla.Ticket{Created: created, Priority: sla.PriorityLow,
				Events: []sla.Event{{At: created, Kind: "note"}}}, shortPolicy(), clockCal(), "events[0].kind"},
			{"Policy", sla.Ticket{Created: created, Priority: sla.PriorityLow}, sla.Policy{Mode: sla.ModeBusiness}, clockCal(), "targets.urgent"},
			{"Calendar", sla.Ticket{Created: created, Priority: sla.PriorityLow}, shortPolicy(), sla.Calendar{Zone: "Europe/Berlin"}, "calendar.week"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := sla.Evaluate(tc.tk, tc.p, tc.cal, created)
				var fe *sla.FieldError
				if !errors.As(err, &fe) || fe.Field != tc.field {
					t.Fatalf("err = %v, want a FieldError on %s", err, tc.field)
				}
			})
		}
	})

	t.Run("CalendarIgnoredInCalendarTime", func(t *testing.T) {
		tk := sla.Ticket{Created: berlin(t, "2026-03-02 09:00"), Priority: sla.PriorityLow}
		if _, err := sla.Evaluate(tk, calendarTimePolicy(), sla.Calendar{}, berlin(t, "2026-03-02 10:00")); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzEvaluate replays arbitrary histories — events in any order, in the
// future of now, with any statuses — and checks what must always hold: no
// negative duration, Left and Overdue consistent with Elapsed and Target,
// and each state with the fields it implies.
func FuzzEvaluate(f *testing.F) {
	f.Add([]byte{0, 10, 1, 20, 2, 30, 3, 40}, uint16(600), false)
	f.Add([]byte{4, 200, 1, 5, 0, 255, 5, 1}, uint16(30), true)
	f.Add([]byte{3, 1, 1, 1, 4, 1, 0, 1, 2, 1}, uint16(5000), false)
	created := berlin(f, "2026-03-27 16:00")
	statuses := []sla.Status{sla.StatusOpen, sla.StatusInProgress, sla.StatusWaiting, sla.StatusResolved, sla.StatusClosed}
	cal := clockCal()
	f.Fuzz(func(t *testing.T, ops []byte, nowMin uint16, calendarTime bool) {
		p := shortPolicy()
		if calendarTime {
			p.Mode = sla.ModeCalendar
		}
		tk := sla.Ticket{Created: created, Priority: sla.PriorityMedium}
		at := created
		for i := 0; i+1 < len(ops) && i < 40; i += 2 {
			// The second byte moves the clock between -60 and +195 minutes.
			at = at.Add(time.Duration(int(ops[i+1])-60) * time.Minute)
			switch k := ops[i] % 8; {
			case k < 5:
				tk.Events = append(tk.Events, sla.StatusChange(at, "", statuses[k]))
			case k == 5:
				tk.Events = append(tk.Events, sla.Response(at))
			default:
				tk.Events = append(tk.Events, sla.PriorityChange(at, sla.Priorities[int(ops[i+1])%4]))
			}
		}
		now := created.Add(time.Duration(nowMin) * time.Minute).Add(-2 * time.Hour)
		r, err := sla.Evaluate(tk, p, cal, now)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []sla.Clock{r.FirstResponse, r.Resolution} {
			for _, d := range []time.Duration{c.Elapsed, c.Paused, c.Left, c.Overdue} {
				if d < 0 {
					t.Fatalf("%s: negative duration in %+v", c.Kind, c)
				}
			}
			if c.Left > 0 && c.Overdue > 0 || c.Elapsed+c.Left-c.Overdue != c.Target {
				t.Fatalf("%s: elapsed %v, left %v, overdue %v, target %v", c.Kind, c.Elapsed, c.Left, c.Overdue, c.Target)
			}
			switch c.State {
			case sla.StateRunning:
				if !c.Running || c.Due.IsZero() || !c.BreachedAt.IsZero() || c.Due.Before(now) {
					t.Fatalf("%s running: %+v", c.Kind, c)
				}
			case sla.StateBreached:
				if c.BreachedAt.IsZero() || !c.Due.Equal(c.BreachedAt) || c.BreachedAt.After(now) {
					t.Fatalf("%s breached: %+v", c.Kind, c)
				}
			case sla.StatePaused:
				if c.Running || !c.Due.IsZero() || c.Kind != sla.ClockResolution {
					t.Fatalf("%s paused: %+v", c.Kind, c)
				}
			case sla.StateMet, sla.StateMetLate:
				if c.Running || c.StoppedAt.IsZero() || c.StoppedAt.After(now) || (c.State == sla.StateMetLate) == c.BreachedAt.IsZero() {
					t.Fatalf("%s %s: %+v", c.Kind, c.State, c)
				}
			default:
				t.Fatalf("%s: state %q", c.Kind, c.State)
			}
		}
		if r.FirstResponse.Paused != 0 {
			t.Fatalf("first response paused %v", r.FirstResponse.Paused)
		}
		if due, ok := r.NextDue(); ok != (r.FirstResponse.Running || r.Resolution.Running) || ok && due.IsZero() {
			t.Fatalf("NextDue %v %v for %+v", due, ok, r)
		}
	})
}

// TestPausedClockResumeDue: a clock paused over a weekend has no due time,
// but tells the one it would have if it ran again now, in the policy's time.
func TestPausedClockResumeDue(t *testing.T) {
	// Friday 16:00, Medium (4 h); waiting from 17:00: 1 h counted, 3 h left.
	tk := sla.Ticket{Created: berlin(t, "2026-03-06 16:00"), Priority: sla.PriorityMedium,
		Events: []sla.Event{sla.StatusChange(berlin(t, "2026-03-06 17:00"), sla.StatusOpen, sla.StatusWaiting)}}
	now := berlin(t, "2026-03-07 12:00") // Saturday
	for _, tc := range []struct {
		name   string
		policy sla.Policy
		want   string
	}{
		{"Business", shortPolicy(), "2026-03-09 12:00"},        // Monday 09:00 + 3 h
		{"Calendar", calendarTimePolicy(), "2026-03-07 15:00"}, // now + 3 h
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := sla.Evaluate(tk, tc.policy, clockCal(), now)
			if err != nil {
				t.Fatal(err)
			}
			rc := got.Resolution
			if rc.State != sla.StatePaused || !rc.Due.IsZero() || rc.Left != 3*time.Hour {
				t.Fatalf("clock = %+v, want paused with 3 h left and no due time", rc)
			}
			if want := berlin(t, tc.want); !rc.ResumeDue.Equal(want) {
				t.Fatalf("resume due = %v, want %v", rc.ResumeDue, want)
			}
			if b := got.Badge(); !b.ResumeDue.Equal(rc.ResumeDue) {
				t.Fatalf("badge resume due = %v", b.ResumeDue)
			}
		})
	}
}
