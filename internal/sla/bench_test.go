package sla_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"deskline/internal/sla"
)

// benchCal is a realistic office calendar: lunch break, and a year's worth
// of holidays, yearly and one-off.
func benchCal() sla.Calendar {
	c := lunchCal()
	for _, md := range [][2]int{{1, 1}, {5, 1}, {10, 3}, {12, 24}, {12, 25}, {12, 26}, {12, 31}} {
		c.Holidays = append(c.Holidays, sla.Holiday{Date: sla.DateOf(2000, time.Month(md[0]), md[1]), Yearly: true})
	}
	for _, d := range []sla.Date{sla.DateOf(2026, 4, 3), sla.DateOf(2026, 4, 6), sla.DateOf(2026, 5, 14), sla.DateOf(2026, 5, 25)} {
		c.Holidays = append(c.Holidays, sla.Holiday{Date: d})
	}
	return c
}

func BenchmarkAddBusiness(b *testing.B) {
	cal := benchCal()
	from := berlin(b, "2026-03-02 10:17")
	for _, bc := range []struct {
		name string
		d    time.Duration
	}{
		{"4h", 4 * h},
		{"72h", 72 * h},          // the default Low resolution target
		{"10weeks", 10 * 40 * h}, // ten weeks of 40 working hours
		{"1year", 52 * 40 * h},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := sla.AddBusiness(cal, from, bc.d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkBusinessDuration(b *testing.B) {
	cal := benchCal()
	from := berlin(b, "2026-03-02 10:17")
	for _, bc := range []struct {
		name string
		to   time.Time
	}{
		{"1day", from.Add(24 * h)},
		{"10weeks", from.Add(70 * 24 * h)},
		{"1year", from.Add(365 * 24 * h)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := sla.BusinessDuration(cal, from, bc.to); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// pageOfTickets makes n tickets as a queue page shows them: created over the
// last three months, with the histories support work leaves — untouched,
// answered and in progress, waiting on the customer, resolved and reopened,
// re-prioritised, resolved and closed.
func pageOfTickets(n int, now time.Time) []sla.Ticket {
	r := rand.New(rand.NewPCG(7, 11))
	prios := sla.Priorities
	after := func(t time.Time, maxHours int) time.Time {
		return t.Add(time.Duration(1+r.IntN(maxHours*60)) * time.Minute)
	}
	out := make([]sla.Ticket, n)
	for i := range out {
		created := now.Add(-time.Duration(r.IntN(90*24*60)) * time.Minute)
		tk := sla.Ticket{Created: created, Priority: prios[r.IntN(len(prios))]}
		t := created
		ev := func(e sla.Event) { tk.Events = append(tk.Events, e) }
		switch i % 6 {
		case 0: // untouched
		case 1: // answered, in progress
			t = after(t, 4)
			ev(sla.StatusChange(t, sla.StatusOpen, sla.StatusInProgress))
			t = after(t, 2)
			ev(sla.Response(t))
		case 2: // answered, waiting on the customer twice
			t = after(t, 3)
			ev(sla.Response(t))
			t = after(t, 24)
			ev(sla.StatusChange(t, sla.StatusOpen, sla.StatusWaiting))
			t = after(t, 48)
			ev(sla.StatusChange(t, sla.StatusWaiting, sla.StatusInProgress))
			t = after(t, 24)
			ev(sla.StatusChange(t, sla.StatusInProgress, sla.StatusWaiting))
		case 3: // resolved, reopened, in progress
			t = after(t, 2)
			ev(sla.Response(t))
			t = after(t, 30)
			ev(sla.StatusChange(t, sla.StatusOpen, sla.StatusResolved))
			t = after(t, 72)
			ev(sla.StatusChange(t, sla.StatusResolved, sla.StatusOpen))
			t = after(t, 5)
			ev(sla.StatusChange(t, sla.StatusOpen, sla.StatusInProgress))
		case 4: // re-prioritised, answered
			t = after(t, 1)
			ev(sla.PriorityChange(t, prios[r.IntN(len(prios))]))
			t = after(t, 6)
			ev(sla.Response(t))
			t = after(t, 10)
			ev(sla.StatusChange(t, sla.StatusOpen, sla.StatusInProgress))
		case 5: // resolved and closed
			t = after(t, 3)
			ev(sla.Response(t))
			t = after(t, 40)
			ev(sla.StatusChange(t, sla.StatusOpen, sla.StatusResolved))
			t = after(t, 100)
			ev(sla.StatusChange(t, sla.StatusResolved, sla.StatusClosed))
		}
		out[i] = tk
	}
	return out
}

// BenchmarkBadgePage computes the badge and next-due time of a page of 50
// tickets, as the queue does for every page it shows. Target: well under 2 ms.
func BenchmarkBadgePage(b *testing.B) {
	now := berlin(b, "2026-06-15 11:23")
	page := pageOfTickets(50, now)
	cal, p := benchCal(), sla.DefaultPolicy()
	badges := make([]sla.Badge, len(page))
	for b.Loop() {
		for i, tk := range page {
			r, err := sla.Evaluate(tk, p, cal, now)
			if err != nil {
				b.Fatal(err)
			}
			badges[i] = r.Badge()
			r.NextDue()
		}
	}
}
