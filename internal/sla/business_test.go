package sla_test

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"deskline/internal/sla"
)

func TestBusinessDuration(t *testing.T) {
	for _, tc := range []struct {
		name     string
		cal      sla.Calendar
		from, to string
		want     time.Duration
	}{
		// 10:00–12:30 lies inside the 09:00–18:00 window.
		{"WithinWindow", officeCal(), "2026-03-02 10:00", "2026-03-02 12:30", 2*h + 30*m},
		// Monday after 18:00 counts nothing; Tuesday 09:00–10:00 counts 1 h.
		{"OpenedAfterHours", officeCal(), "2026-03-02 20:00", "2026-03-03 10:00", 1 * h},
		// Friday 17:00–18:00, nothing on the weekend, Monday 09:00–10:00.
		{"AcrossWeekend", officeCal(), "2026-03-06 17:00", "2026-03-09 10:00", 2 * h},
		// A whole week is five days of 9 h.
		{"WholeWeek", officeCal(), "2026-03-02 00:00", "2026-03-09 00:00", 45 * h},
		// Monday 17:00–18:00, Tuesday 10 March is a holiday, Wednesday 09:00–10:00.
		{"AcrossSingleHoliday", withHolidays(officeCal(), tue10March), "2026-03-09 17:00", "2026-03-11 10:00", 2 * h},
		// Thursday 24 Dec 17:00–18:00, Friday the 25th is Christmas (declared
		// yearly in 2020), the weekend, Monday 28th 09:00–10:00.
		{"AcrossYearlyHoliday", withHolidays(officeCal(), christmas), "2026-12-24 17:00", "2026-12-28 10:00", 2 * h},
		// Christmas 2030 is a Wednesday: that week has four working days.
		{"YearlyHolidayYearsLater", withHolidays(officeCal(), christmas), "2030-12-23 00:00", "2030-12-30 00:00", 4 * 9 * h},
		// A one-off holiday and a yearly one on the same date count once: the
		// week of 25 Dec 2026 still has four working days.
		{"HolidayListedTwice", withHolidays(officeCal(), christmas, sla.Holiday{Date: sla.DateOf(2026, 12, 25)}), "2026-12-21 00:00", "2026-12-28 00:00", 4 * 9 * h},
		// 12:30–13:00 and 14:00–14:30: the lunch hour does not count.
		{"LunchBreak", lunchCal(), "2026-03-02 12:30", "2026-03-02 14:30", 1 * h},
		{"InsideLunch", lunchCal(), "2026-03-02 13:10", "2026-03-02 13:50", 0},
		// Friday 27 March 17:00 CET to Monday 30 March 10:00 CEST: the
		// windows stay at their local times, 1 h + 1 h.
		{"DSTSpringOfficeHours", officeCal(), "2026-03-27 17:00", "2026-03-30 10:00", 2 * h},
		// Saturday 28 March has 24 h; Sunday 29 March only 23 h.
		{"DSTSpringAllDay", allDayCal(), "2026-03-28 00:00", "2026-03-30 00:00", 47 * h},
		// Saturday 24 October has 24 h; Sunday 25 October 25 h.
		{"DSTAutumnAllDay", allDayCal(), "2026-10-24 00:00", "2026-10-26 00:00", 49 * h},
		// Sunday 01:00–04:00 on 29 March: 02:00–03:00 never happens, 2 h.
		{"DSTSpringWindowAcrossJump", sundayNightCal(), "2026-03-29 00:00", "2026-03-30 00:00", 2 * h},
		// Sunday 01:00–04:00 on 25 October: 02:00–03:00 happens twice, 4 h.
		{"DSTAutumnWindowAcrossRepeat", sundayNightCal(), "2026-10-25 00:00", "2026-10-26 00:00", 4 * h},
		// Ten weeks around the clock including the spring change: 70 × 24 h − 1 h.
		{"TenWeeksAllDayAcrossDST", allDayCal(), "2026-03-02 00:00", "2026-05-11 00:00", 70*24*h - 1*h},
		// Mon 5 Jan 2026 to Mon 4 Jan 2027 is 52 weeks of 45 h; the two
		// changes of offset fall outside the windows.
		{"YearOfOfficeHours", officeCal(), "2026-01-05 00:00", "2027-01-04 00:00", 52 * 45 * h},
		// The same year around the clock: 364 days of 24 h, −1 h in March, +1 h in October.
		{"YearAllDay", allDayCal(), "2026-01-05 00:00", "2027-01-04 00:00", 364 * 24 * h},
		// The same year with Christmas: 52 × 45 h less one 9 h Friday.
		{"YearWithYearlyHoliday", withHolidays(officeCal(), christmas), "2026-01-05 00:00", "2027-01-04 00:00", 52*45*h - 9*h},
		{"SecondPrecision", officeCal(), "2026-03-02 09:00:30", "2026-03-02 09:01:00", 30 * time.Second},
		{"Reversed", officeCal(), "2026-03-03 10:00", "2026-03-02 10:00", 0},
		{"Empty", officeCal(), "2026-03-02 10:00", "2026-03-02 10:00", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := sla.BusinessDuration(tc.cal, berlin(t, tc.from), berlin(t, tc.to))
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("BusinessDuration(%s, %s) = %v, want %v", tc.from, tc.to, got, tc.want)
			}
		})
	}
}

func TestAddBusiness(t *testing.T) {
	for _, tc := range []struct {
		name string
		cal  sla.Calendar
		from string
		d    time.Duration
		want string
	}{
		// Nothing counts until Tuesday 09:00; one hour later is 10:00.
		{"OpenedAfterHours", officeCal(), "2026-03-02 20:00", 1 * h, "2026-03-03 10:00"},
		// Opened before the office opens.
		{"OpenedBeforeHours", officeCal(), "2026-03-02 07:00", 30 * m, "2026-03-02 09:30"},
		// 1 h on Friday, the second on Monday morning.
		{"AcrossWeekend", officeCal(), "2026-03-06 17:00", 2 * h, "2026-03-09 10:00"},
		// Exactly the rest of Friday: due at the close, not on Monday.
		{"EndsAtClose", officeCal(), "2026-03-06 17:00", 1 * h, "2026-03-06 18:00"},
		// 1 h on Monday, Tuesday is a holiday, 1 h on Wednesday.
		{"AcrossSingleHoliday", withHolidays(officeCal(), tue10March), "2026-03-09 17:00", 2 * h, "2026-03-11 10:00"},
		// Thursday 24 Dec 1 h, Christmas Friday, weekend, Monday 28th 1 h.
		{"AcrossYearlyHoliday", withHolidays(officeCal(), christmas), "2026-12-24 17:00", 2 * h, "2026-12-28 10:00"},
		// 09:00–13:00 is 4 h; the fifth hour starts after lunch: 15:00.
		{"LunchBreak", lunchCal(), "2026-03-02 09:00", 5 * h, "2026-03-02 15:00"},
		// 12:00 + 1 h ends exactly as lunch starts.
		{"EndsAtLunch", lunchCal(), "2026-03-02 12:00", 1 * h, "2026-03-02 13:00"},
		// Opened during lunch: counting starts at 14:00.
		{"OpenedDuringLunch", lunchCal(), "2026-03-02 13:30", 30 * m, "2026-03-02 14:30"},
		// Friday 27 March 17:00 CET: 1 h Friday, 1 h Monday 30th from 09:00 CEST.
		{"DSTSpringOfficeHours", officeCal(), "2026-03-27 17:00", 2 * h, "2026-03-30 10:00"},
		// Around the clock from Sunday 29 March 00:00 CET: at 02:00 the
		// clocks jump to 03:00, so 3 h of real time ends at 04:00 CEST.
		{"DSTSpringAllDay", allDayCal(), "2026-03-29 00:00", 3 * h, "2026-03-29 04:00"},
		// Sunday-night windows: 01:00–02:00 is 1 h, then 03:00–04:00; 1 h 30
		// ends at 03:30 CEST.
		{"DSTSpringWindowAcrossJump", sundayNightCal(), "2026-03-29 00:00", 90 * m, "2026-03-29 03:30"},
		// From Friday 27 March 09:00, each 45 h is Friday plus Monday to
		// Thursday, ending Thursday 18:00; the fourth ends Thursday 23 April
		// (the change to summer time falls outside the windows).
		{"FourWeeksFromFriday", officeCal(), "2026-03-27 09:00", 180 * h, "2026-04-23 18:00"},
		// Monday 2 March 09:00 + 180 h = four whole working weeks: Friday 27 March 18:00.
		{"FourWeeks", officeCal(), "2026-03-02 09:00", 180 * h, "2026-03-27 18:00"},
		// The same with the 10 March holiday: 9 h more, all of Monday 30 March.
		{"FourWeeksWithHoliday", withHolidays(officeCal(), tue10March), "2026-03-02 09:00", 180 * h, "2026-03-30 18:00"},
		// 52 weeks of 45 h from Monday 5 Jan 2026 09:00 end with the 52nd
		// week, on Friday 1 Jan 2027 at 18:00.
		{"Year", officeCal(), "2026-01-05 09:00", 52 * 45 * h, "2027-01-01 18:00"},
		// The same with Christmas 2026 (a Friday) off: one more 9 h day, Monday 4 Jan 2027.
		{"YearWithYearlyHoliday", withHolidays(officeCal(), christmas), "2026-01-05 09:00", 52 * 45 * h, "2027-01-04 18:00"},
		// Around the clock, 10 weeks less the hour lost in March.
		{"TenWeeksAllDayAcrossDST", allDayCal(), "2026-03-02 00:00", 70*24*h - 1*h, "2026-05-11 00:00"},
		{"SecondPrecision", officeCal(), "2026-03-02 17:59:30", 45 * time.Second, "2026-03-03 09:00:15"},
		{"Zero", officeCal(), "2026-03-07 12:00", 0, "2026-03-07 12:00"},
		{"Negative", officeCal(), "2026-03-07 12:00", -h, "2026-03-07 12:00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := sla.AddBusiness(tc.cal, berlin(t, tc.from), tc.d)
			if err != nil {
				t.Fatal(err)
			}
			if want := berlin(t, tc.want); !got.Equal(want) {
				t.Errorf("AddBusiness(%s, %v) = %v, want %v", tc.from, tc.d, got, want)
			}
		})
	}

	t.Run("DSTAutumnRepeatedHour", func(t *testing.T) {
		// From Sunday 25 October 00:00 CEST (Saturday 22:00 UTC), 3 h of real
		// time is 01:00 UTC: the second 02:00, in CET.
		got, err := sla.AddBusiness(allDayCal(), berlin(t, "2026-10-25 00:00"), 3*h)
		if err != nil {
			t.Fatal(err)
		}
		if want := time.Date(2026, 10, 25, 1, 0, 0, 0, time.UTC); !got.Equal(want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})

	t.Run("ErrInvalidCalendar", func(t *testing.T) {
		_, err := sla.AddBusiness(sla.Calendar{Zone: zone}, berlin(t, "2026-03-02 09:00"), h)
		var fe *sla.FieldError
		if !errors.As(err, &fe) || fe.Field != "week" {
			t.Fatalf("err = %v, want a FieldError on week", err)
		}
		_, err = sla.BusinessDuration(sla.DefaultCalendar("Nowhere/Atlantis"), time.Time{}, time.Time{})
		if !errors.As(err, &fe) || fe.Field != "zone" {
			t.Fatalf("err = %v, want a FieldError on zone", err)
		}
	})
}

// naiveDuration counts working minutes one by one by the wall-clock rule:
// a minute counts when its local date is no holiday and its local time lies
// in a window. It is the slow, obvious definition BusinessDuration must agree
// with (from and to on whole minutes).
func naiveDuration(cal sla.Calendar, from, to time.Time) time.Duration {
	loc, _ := time.LoadLocation(cal.Zone)
	var n time.Duration
	for t := from; t.Before(to); t = t.Add(time.Minute) {
		l := t.In(loc)
		holiday := false
		for _, hd := range cal.Holidays {
			if hd.Date.Month == l.Month() && hd.Date.Day == l.Day() && (hd.Yearly || hd.Date.Year == l.Year()) {
				holiday = true
			}
		}
		if holiday {
			continue
		}
		mins := sla.TimeOfDay(l.Hour()*60 + l.Minute())
		for _, w := range cal.Week[l.Weekday()] {
			if mins >= w.Start && mins < w.End {
				n += time.Minute
			}
		}
	}
	return n
}

func TestBusinessDurationAgreesWithMinuteCount(t *testing.T) {
	cals := map[string]sla.Calendar{
		"Lunch":      withHolidays(lunchCal(), tue10March, christmas),
		"AllDay":     allDayCal(),
		"SundayNigh": sundayNightCal(),
	}
	r := rand.New(rand.NewPCG(1, 2))
	base := berlin(t, "2026-03-01 00:00")
	for name, cal := range cals {
		t.Run(name, func(t *testing.T) {
			for range 200 {
				// Random minute-aligned ranges of up to three weeks, over a
				// year that includes both changes of offset.
				from := base.Add(time.Duration(r.IntN(330*24*60)) * time.Minute)
				to := from.Add(time.Duration(r.IntN(21*24*60)) * time.Minute)
				got, err := sla.BusinessDuration(cal, from, to)
				if err != nil {
					t.Fatal(err)
				}
				if want := naiveDuration(cal, from, to); got != want {
					t.Fatalf("BusinessDuration(%v, %v) = %v, minute count %v", from, to, got, want)
				}
			}
		})
	}
}

// checkRoundTrip checks AddBusiness against BusinessDuration: the working
// time up to the returned instant is d, and just before it less than d.
func checkRoundTrip(t *testing.T, cal sla.Calendar, from time.Time, d time.Duration) {
	t.Helper()
	to, err := sla.AddBusiness(cal, from, d)
	if err != nil {
		t.Fatal(err)
	}
	got, err := sla.BusinessDuration(cal, from, to)
	if err != nil {
		t.Fatal(err)
	}
	if got != d {
		t.Fatalf("from %v: AddBusiness(%v) = %v, but BusinessDuration to it = %v", from, d, to, got)
	}
	if before, _ := sla.BusinessDuration(cal, from, to.Add(-time.Nanosecond)); d > 0 && before >= d {
		t.Fatalf("from %v: AddBusiness(%v) = %v is not the earliest instant", from, d, to)
	}
	// Working time is additive over any split point.
	mid := from.Add(to.Sub(from) / 3)
	a, _ := sla.BusinessDuration(cal, from, mid)
	b, _ := sla.BusinessDuration(cal, mid, to)
	if a+b != d {
		t.Fatalf("from %v to %v split at %v: %v + %v != %v", from, to, mid, a, b, d)
	}
}

func TestAddBusinessRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	base := berlin(t, "2026-01-01 00:00")
	for name, cal := range map[string]sla.Calendar{
		"Lunch":       withHolidays(lunchCal(), tue10March, christmas),
		"AllDay":      allDayCal(),
		"SundayNight": sundayNightCal(),
	} {
		t.Run(name, func(t *testing.T) {
			for range 500 {
				from := base.Add(time.Duration(r.Int64N(int64(2 * 365 * 24 * h))))
				d := time.Duration(r.Int64N(int64(2000 * h)))
				checkRoundTrip(t, cal, from, d)
			}
		})
	}
}

func FuzzAddBusiness(f *testing.F) {
	f.Add(int64(0), int64(time.Hour))
	f.Add(int64(86*24*time.Hour), int64(3*time.Hour))   // Sunday 29 March 2026
	f.Add(int64(296*24*time.Hour), int64(25*time.Hour)) // Sunday 25 October 2026
	f.Add(int64(-1), int64(52*45*time.Hour))
	cal := withHolidays(lunchCal(), tue10March, christmas)
	sunday := sundayNightCal()
	base := berlin(f, "2026-01-03 00:00")
	f.Fuzz(func(t *testing.T, offset, d int64) {
		from := base.Add(time.Duration(offset % int64(20*365*24*time.Hour)))
		dur := time.Duration(d % int64(5*365*24*time.Hour))
		if dur < 0 {
			dur = -dur
		}
		checkRoundTrip(t, cal, from, dur)
		checkRoundTrip(t, sunday, from, dur/20)
	})
}

// TestOtherZones checks the arithmetic against the minute count and the
// round trip in zones whose changes are unusual: at midnight (Santiago,
// Havana), by half an hour (Lord Howe), in the southern hemisphere, a whole
// day skipped (Apia, 30 December 2011), and far beyond the zone's table of
// transitions (Berlin in 2090, computed from its rule).
func TestOtherZones(t *testing.T) {
	for _, tc := range []struct {
		zone string
		from string // a day before a change
	}{
		{"America/Santiago", "2026-04-03"},
		{"America/Santiago", "2026-09-04"},
		{"America/Havana", "2026-03-06"},
		{"America/Havana", "2026-10-30"},
		{"Australia/Lord_Howe", "2026-04-03"},
		{"Australia/Lord_Howe", "2026-10-02"},
		{"Australia/Sydney", "2026-04-03"},
		{"Pacific/Apia", "2011-12-28"},
		{"Europe/Berlin", "2090-03-24"},
		{"Europe/Berlin", "2090-10-27"},
		{"Asia/Kolkata", "2026-03-02"},
	} {
		t.Run(tc.zone+"/"+tc.from, func(t *testing.T) {
			loc, err := time.LoadLocation(tc.zone)
			if err != nil {
				t.Fatal(err)
			}
			start, err := time.ParseInLocation(time.DateOnly, tc.from, loc)
			if err != nil {
				t.Fatal(err)
			}
			allDay, office, night := allDayCal(), officeCal(), sundayNightCal()
			early := sla.Calendar{}
			for d := range early.Week {
				early.Week[d] = []sla.Window{win("00:00", "01:30"), win("23:00", "24:00")}
			}
			r := rand.New(rand.NewPCG(5, 6))
			for _, cal := range []sla.Calendar{allDay, office, night, early} {
				cal.Zone = tc.zone
				for range 40 {
					from := start.Add(time.Duration(r.IntN(4*24*60)) * time.Minute)
					to := from.Add(time.Duration(r.IntN(6*24*60)) * time.Minute)
					got, err := sla.BusinessDuration(cal, from, to)
					if err != nil {
						t.Fatal(err)
					}
					if want := naiveDuration(cal, from, to); got != want {
						t.Fatalf("%v: BusinessDuration(%v, %v) = %v, minute count %v", cal.Week[1], from, to, got, want)
					}
					checkRoundTrip(t, cal, from, got)
				}
			}
		})
	}
}
