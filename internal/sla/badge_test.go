package sla_test

import (
	"testing"
	"time"

	"deskline/internal/sla"
)

// The badge tests use shortPolicy at Medium (first response 1 h, resolution
// 4 h; warnings at 80 %: 48 min and 3 h 12) on clockCal, for a ticket
// created Monday 2 March 2026 at 09:00.

func evalAt(t *testing.T, p sla.Policy, now string, events ...sla.Event) sla.Result {
	t.Helper()
	tk := sla.Ticket{Created: berlin(t, "2026-03-02 09:00"), Priority: sla.PriorityMedium, Events: events}
	r, err := sla.Evaluate(tk, p, clockCal(), berlin(t, now))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestBadge(t *testing.T) {
	reply := func(at string) sla.Event { return sla.Response(berlin(t, at)) }
	status := func(at string, from, to sla.Status) sla.Event { return sla.StatusChange(berlin(t, at), from, to) }
	warn50 := shortPolicy()
	warn50.WarnPercent = 50
	for _, tc := range []struct {
		name    string
		policy  sla.Policy
		now     string
		events  []sla.Event
		clock   sla.ClockKind
		state   sla.BadgeState
		due     string
		left    time.Duration
		overdue time.Duration
	}{
		// 30 min of 1 h: below the 48 min warning.
		{name: "Running", now: "2026-03-02 09:30",
			clock: sla.ClockFirstResponse, state: sla.BadgeRunning, due: "2026-03-02 10:00", left: 30 * m},
		// 50 min of 1 h: past 48 min.
		{name: "Warning", now: "2026-03-02 09:50",
			clock: sla.ClockFirstResponse, state: sla.BadgeWarning, due: "2026-03-02 10:00", left: 10 * m},
		// Exactly 48 min.
		{name: "WarningAtThreshold", now: "2026-03-02 09:48",
			clock: sla.ClockFirstResponse, state: sla.BadgeWarning, due: "2026-03-02 10:00", left: 12 * m},
		// At 50 % the warning starts at 30 min; 35 min is past it.
		{name: "WarningConfigured", policy: warn50, now: "2026-03-02 09:35",
			clock: sla.ClockFirstResponse, state: sla.BadgeWarning, due: "2026-03-02 10:00", left: 25 * m},
		// 1 h 30 of 1 h.
		{name: "Breached", now: "2026-03-02 10:30",
			clock: sla.ClockFirstResponse, state: sla.BadgeBreached, due: "2026-03-02 10:00", overdue: 30 * m},
		// First response met at 09:10: resolution is next, 3 h of 4 h at noon.
		{name: "ResolutionNext", now: "2026-03-02 12:00", events: []sla.Event{reply("2026-03-02 09:10")},
			clock: sla.ClockResolution, state: sla.BadgeRunning, due: "2026-03-02 13:00", left: 1 * h},
		// 3 h 20 is past 3 h 12.
		{name: "ResolutionWarning", now: "2026-03-02 12:20", events: []sla.Event{reply("2026-03-02 09:10")},
			clock: sla.ClockResolution, state: sla.BadgeWarning, due: "2026-03-02 13:00", left: 40 * m},
		// Waiting since 10:00 after 1 h: 3 h left, no due time.
		{name: "Paused", now: "2026-03-02 11:00", events: []sla.Event{status("2026-03-02 10:00", sla.StatusOpen, sla.StatusWaiting)},
			clock: sla.ClockResolution, state: sla.BadgePaused, left: 3 * h},
		// Waiting after running 4 h 30: still shown as breached.
		{name: "BreachedWhilePaused", now: "2026-03-02 17:00",
			events: []sla.Event{reply("2026-03-02 09:10"), status("2026-03-02 14:30", sla.StatusOpen, sla.StatusWaiting)},
			clock:  sla.ClockResolution, state: sla.BadgeBreached, due: "2026-03-02 13:00", overdue: 30 * m},
		// Both stopped in time: the resolution result, 1 h to spare.
		{name: "Met", now: "2026-03-03 09:00",
			events: []sla.Event{reply("2026-03-02 09:10"), status("2026-03-02 12:00", sla.StatusOpen, sla.StatusResolved)},
			clock:  sla.ClockResolution, state: sla.BadgeMet, due: "2026-03-02 13:00", left: 1 * h},
		// Resolution met but the first reply came 30 min late.
		{name: "MetLate", now: "2026-03-03 09:00",
			events: []sla.Event{reply("2026-03-02 10:30"), status("2026-03-02 12:00", sla.StatusOpen, sla.StatusResolved)},
			clock:  sla.ClockFirstResponse, state: sla.BadgeMetLate, due: "2026-03-02 10:00", overdue: 30 * m},
		{name: "NoSLA", policy: sla.Policy{NoSLA: true}, now: "2026-03-02 10:30", state: sla.BadgeNone},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.policy
			if p.Targets == nil && !p.NoSLA {
				p = shortPolicy()
			}
			b := evalAt(t, p, tc.now, tc.events...).Badge()
			var due time.Time
			if tc.due != "" {
				due = berlin(t, tc.due)
			}
			if b.Clock != tc.clock || b.State != tc.state || !b.Due.Equal(due) || b.Left != tc.left || b.Overdue != tc.overdue {
				t.Fatalf("badge %+v\nwant clock=%s state=%s due=%v left=%v overdue=%v", b, tc.clock, tc.state, due, tc.left, tc.overdue)
			}
		})
	}
}

func TestNextDue(t *testing.T) {
	reply := sla.Response(berlin(t, "2026-03-02 09:10"))
	for _, tc := range []struct {
		name                string
		policy              sla.Policy
		now                 string
		events              []sla.Event
		due, warning, alert string // "" for none
	}{
		// First response is due 10:00 and warns at 09:48; resolution is due
		// 13:00 and warns at 12:12.
		{name: "BothRunning", now: "2026-03-02 09:30",
			due: "2026-03-02 10:00", warning: "2026-03-02 09:48", alert: "2026-03-02 09:48"},
		// Past the first warning: the next alert is the first response's due time.
		{name: "PastWarning", now: "2026-03-02 09:50",
			due: "2026-03-02 10:00", warning: "2026-03-02 09:48", alert: "2026-03-02 10:00"},
		// Replied: only resolution counts.
		{name: "Replied", now: "2026-03-02 09:30", events: []sla.Event{reply},
			due: "2026-03-02 13:00", warning: "2026-03-02 12:12", alert: "2026-03-02 12:12"},
		// First response breached at 10:00: it sorts first with its past due
		// time; the next alert is resolution's warning.
		{name: "Breached", now: "2026-03-02 10:30",
			due: "2026-03-02 10:00", warning: "2026-03-02 12:12", alert: "2026-03-02 12:12"},
		// Waiting: nothing counts.
		{name: "Paused", now: "2026-03-02 11:00",
			events: []sla.Event{reply, sla.StatusChange(berlin(t, "2026-03-02 10:00"), sla.StatusOpen, sla.StatusWaiting)}},
		// Resolution 1 h of 4 h at 10:00, waiting until 11:00: it has 3 h
		// left from 11:00, due 15:00 (lunch excluded); the warning at 3 h 12
		// is 2 h 12 after 11:00: 14:12.
		{name: "Resumed", now: "2026-03-02 11:30",
			events: []sla.Event{
				reply,
				sla.StatusChange(berlin(t, "2026-03-02 10:00"), sla.StatusOpen, sla.StatusWaiting),
				sla.StatusChange(berlin(t, "2026-03-02 11:00"), sla.StatusWaiting, sla.StatusOpen),
			},
			due: "2026-03-02 15:00", warning: "2026-03-02 14:12", alert: "2026-03-02 14:12"},
		{name: "NoSLA", policy: sla.Policy{NoSLA: true}, now: "2026-03-02 09:30"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.policy
			if p.Targets == nil && !p.NoSLA {
				p = shortPolicy()
			}
			r := evalAt(t, p, tc.now, tc.events...)
			for _, c := range []struct {
				what string
				f    func() (time.Time, bool)
				want string
			}{{"NextDue", r.NextDue, tc.due}, {"NextWarning", r.NextWarning, tc.warning}, {"NextAlert", r.NextAlert, tc.alert}} {
				got, ok := c.f()
				if ok != (c.want != "") || ok && !got.Equal(berlin(t, c.want)) {
					t.Errorf("%s = %v, %v; want %q", c.what, got, ok, c.want)
				}
			}
		})
	}

	t.Run("StableBetweenEvents", func(t *testing.T) {
		// The stored column must not go stale while nothing happens.
		a, _ := evalAt(t, shortPolicy(), "2026-03-02 09:20", reply).NextDue()
		b, _ := evalAt(t, shortPolicy(), "2026-03-02 16:00", reply).NextDue()
		if !a.Equal(b) {
			t.Fatalf("next due moved from %v to %v", a, b)
		}
	})
}
