package sla_test

import (
	"testing"
	"time"

	"deskline/internal/sla"
)

const zone = "Europe/Berlin"

// berlin returns the instant of a wall-clock time in Berlin, given as
// "2006-01-02 15:04" or "2006-01-02 15:04:05".
func berlin(tb testing.TB, s string) time.Time {
	tb.Helper()
	loc, err := time.LoadLocation(zone)
	if err != nil {
		tb.Fatal(err)
	}
	layout := "2006-01-02 15:04"
	if len(s) > len(layout) {
		layout += ":05"
	}
	t, err := time.ParseInLocation(layout, s, loc)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

func win(start, end string) sla.Window {
	s, err := sla.ParseTimeOfDay(start)
	if err != nil {
		panic(err)
	}
	e, err := sla.ParseTimeOfDay(end)
	if err != nil {
		panic(err)
	}
	return sla.Window{Start: s, End: e}
}

// The calendars of the tests. Reference days in 2026: Mon 2 March, Fri 6
// March, Tue 10 March; Berlin goes to summer time on Sun 29 March (02:00 CET
// → 03:00 CEST) and back on Sun 25 October (03:00 CEST → 02:00 CET);
// 25 December is a Friday.

// officeCal is Mon–Fri 09:00–18:00 in Berlin (the default calendar).
func officeCal() sla.Calendar { return sla.DefaultCalendar(zone) }

// lunchCal is Mon–Fri 09:00–13:00 and 14:00–18:00 in Berlin (8 h a day).
func lunchCal() sla.Calendar {
	c := sla.Calendar{Zone: zone}
	for d := time.Monday; d <= time.Friday; d++ {
		c.Week[d] = []sla.Window{win("09:00", "13:00"), win("14:00", "18:00")}
	}
	return c
}

// withHolidays returns c with the given holidays added.
func withHolidays(c sla.Calendar, hs ...sla.Holiday) sla.Calendar {
	c.Holidays = append(append([]sla.Holiday(nil), c.Holidays...), hs...)
	return c
}

// tue10March is a one-off holiday on Tuesday 10 March 2026.
var tue10March = sla.Holiday{Date: sla.DateOf(2026, time.March, 10)}

// christmas is a yearly holiday, first declared for 2020.
var christmas = sla.Holiday{Date: sla.DateOf(2020, time.December, 25), Yearly: true, Name: "Christmas"}

// allDayCal works around the clock, every day, in Berlin.
func allDayCal() sla.Calendar {
	c := sla.Calendar{Zone: zone}
	for d := range c.Week {
		c.Week[d] = []sla.Window{win("00:00", "24:00")}
	}
	return c
}

// sundayNightCal works only on Sundays 01:00–04:00, across the hour the
// clocks change.
func sundayNightCal() sla.Calendar {
	c := sla.Calendar{Zone: zone}
	c.Week[time.Sunday] = []sla.Window{win("01:00", "04:00")}
	return c
}

const (
	h = time.Hour
	m = time.Minute
)
