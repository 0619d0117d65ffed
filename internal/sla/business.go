package sla

import (
	"slices"
	"time"
)

// BusinessDuration returns the working time of cal between from and to: the
// part of [from, to) that falls inside a working window on a day that is not
// a holiday. It is zero when to is not after from. It returns a *FieldError
// when cal is invalid.
func BusinessDuration(cal Calendar, from, to time.Time) (time.Duration, error) {
	s, err := prepare(cal)
	if err != nil {
		return 0, err
	}
	return s.between(from, to), nil
}

// AddBusiness returns the earliest instant at which d of working time of cal
// has elapsed since from, in the calendar's zone. When d ends exactly at the
// close of a window, that is the close, not the opening of the next window.
// A d of zero or less returns from. It returns a *FieldError when cal is
// invalid.
func AddBusiness(cal Calendar, from time.Time, d time.Duration) (time.Time, error) {
	s, err := prepare(cal)
	if err != nil {
		return time.Time{}, err
	}
	return s.add(from, d)
}

// errNoWorkingTime is returned by add when it finds no working time within
// maxSearchDays; Validate refuses the calendars that could cause it.
var errNoWorkingTime = &FieldError{Field: "week", Message: "there is no working time in the next four hundred years"}

const maxSearchDays = 400 * 366

var (
	farPast   = time.Time{}
	farFuture = time.Date(9999, time.December, 31, 0, 0, 0, 0, time.UTC)
)

// schedule is a validated calendar prepared for arithmetic. Days are
// numbered from 1970-01-01 (day 0) in the calendar's zone.
type schedule struct {
	loc         *time.Location
	week        [7][]Window // each day's windows sorted by start
	nominal     [7]time.Duration
	weekNominal time.Duration
	singles     []int // sorted day numbers of one-off holidays not also yearly
	yearly      []int // monthDayKey of yearly holidays, without repeats
}

func prepare(cal Calendar) (*schedule, error) {
	if err := cal.Validate(); err != nil {
		return nil, err
	}
	loc, _ := loadZone(cal.Zone)
	s := &schedule{loc: loc}
	for d, wins := range cal.Week {
		if !slices.IsSortedFunc(wins, byStart) {
			wins = slices.SortedFunc(slices.Values(wins), byStart)
		}
		s.week[d] = wins
		for _, w := range wins {
			s.nominal[d] += time.Duration(w.End-w.Start) * time.Minute
		}
		s.weekNominal += s.nominal[d]
	}
	if n := len(cal.Holidays); n > 0 {
		keys := make([]int, 0, 2*n)
		s.yearly, s.singles = keys[:0:n], keys[n:n]
	}
	for _, h := range cal.Holidays {
		if h.Yearly {
			if k := monthDayKey(h.Date.Month, h.Date.Day); !slices.Contains(s.yearly, k) {
				s.yearly = append(s.yearly, k)
			}
		}
	}
	for _, h := range cal.Holidays {
		if !h.Yearly && !slices.Contains(s.yearly, monthDayKey(h.Date.Month, h.Date.Day)) {
			s.singles = append(s.singles, daysFromCivil(h.Date.Year, h.Date.Month, h.Date.Day))
		}
	}
	slices.Sort(s.singles)
	s.singles = slices.Compact(s.singles)
	return s, nil
}

func byStart(a, b Window) int { return int(a.Start - b.Start) }

// between returns the working time in [from, to).
func (s *schedule) between(from, to time.Time) time.Duration {
	if !to.After(from) {
		return 0
	}
	d1, d2 := s.localDay(from), s.localDay(to)
	if d1 == d2 {
		return s.dayWork(d1, from, to)
	}
	return s.dayWork(d1, from, farFuture) + s.fullDays(d1+1, d2) + s.dayWork(d2, farPast, to)
}

// add returns the earliest instant at which d of working time has elapsed
// since from.
func (s *schedule) add(from time.Time, d time.Duration) (time.Time, error) {
	if d <= 0 {
		return from.In(s.loc), nil
	}
	rem := d
	day := s.localDay(from)
	if t, ok := s.find(day, from, &rem); ok {
		return t.In(s.loc), nil
	}
	first := day
	for day++; day-first <= maxSearchDays; {
		// Skip whole weeks while they hold less than what remains. Holidays
		// only shorten weeks; a daylight-saving day may lengthen one, hence
		// the halving.
		if k := int(rem / s.weekNominal); k > 0 {
			jumped := false
			for ; k > 0; k /= 2 {
				if w := s.fullDays(day, day+7*k); w < rem {
					rem -= w
					day += 7 * k
					jumped = true
					break
				}
			}
			if jumped {
				continue
			}
		}
		if t, ok := s.find(day, farPast, &rem); ok {
			return t.In(s.loc), nil
		}
		day++
	}
	return time.Time{}, errNoWorkingTime
}

// find walks the working periods of day from lo on, taking their length off
// *rem, and returns the instant where *rem runs out, if it does that day.
func (s *schedule) find(day int, lo time.Time, rem *time.Duration) (time.Time, bool) {
	var buf [16]span
	for _, p := range s.periods(day, buf[:0]) {
		a := p.from
		if a.Before(lo) {
			a = lo
		}
		if !p.to.After(a) {
			continue
		}
		if seg := p.to.Sub(a); seg >= *rem {
			return a.Add(*rem), true
		} else {
			*rem -= seg
		}
	}
	return time.Time{}, false
}

// dayWork returns the working time of day that falls in [lo, hi).
func (s *schedule) dayWork(day int, lo, hi time.Time) time.Duration {
	var buf [16]span
	var total time.Duration
	for _, p := range s.periods(day, buf[:0]) {
		a, b := p.from, p.to
		if a.Before(lo) {
			a = lo
		}
		if b.After(hi) {
			b = hi
		}
		if b.After(a) {
			total += b.Sub(a)
		}
	}
	return total
}

// fullDays returns the working time of the whole days d1 to d2-1 without
// visiting them one by one: whole weeks times the weekly working time, less
// the holidays in the range, corrected on the days the zone changes offset.
func (s *schedule) fullDays(d1, d2 int) time.Duration {
	if d2 <= d1 {
		return 0
	}
	n := d2 - d1
	total := time.Duration(n/7) * s.weekNominal
	for d := d1 + n/7*7; d < d2; d++ {
		total += s.nominal[weekday(d)]
	}
	i, _ := slices.BinarySearch(s.singles, d1)
	for ; i < len(s.singles) && s.singles[i] < d2; i++ {
		total -= s.nominal[weekday(s.singles[i])]
	}
	if len(s.yearly) > 0 {
		y1, _, _ := civilFromDays(d1)
		y2, _, _ := civilFromDays(d2 - 1)
		for y := y1; y <= y2; y++ {
			for _, k := range s.yearly {
				m, d := time.Month(k/32), k%32
				if m == time.February && d == 29 && !isLeap(y) {
					continue
				}
				if h := daysFromCivil(y, m, d); h >= d1 && h < d2 {
					total -= s.nominal[weekday(h)]
				}
			}
		}
	}
	// The days a change of offset jumps between (inclusive) may be shorter
	// or longer than nominal, or gone (a day skipped by a change of date
	// line): count them as they are.
	t, end := s.dayInstant(d1, -margin), s.dayInstant(d2, margin)
	last := d1 - 1
	for {
		next := zoneEnd(t)
		if next.IsZero() || next.After(end) {
			break
		}
		a, b := s.localDay(next.Add(-time.Nanosecond)), s.localDay(next)
		if a > b {
			a, b = b, a
		}
		for d := max(a, last+1, d1); d <= b && d < d2; d++ {
			last = d
			if !s.holiday(d) {
				total += s.dayWork(d, farPast, farFuture) - s.nominal[weekday(d)]
			}
		}
		t = next
	}
	return total
}

// margin is more than any zone's offset from UTC: every instant whose local
// date is day d lies between dayInstant(d, -margin) and dayInstant(d+1, margin).
const margin = 30 * 60 * 60

// dayInstant returns the instant day*24h+sec seconds after the Unix epoch,
// in the schedule's zone.
func (s *schedule) dayInstant(day int, sec int64) time.Time {
	return time.Unix(int64(day)*24*60*60+sec, 0).In(s.loc)
}

// periods appends to buf the working periods of day in time order: the
// instants whose wall-clock time in the zone has that date and lies in one of
// its windows. On a day the offset changes, a window may be shorter (the
// clocks jumped over part of it), longer (part of it happened twice) or in
// two pieces.
func (s *schedule) periods(day int, buf []span) []span {
	wins := s.week[weekday(day)]
	if len(wins) == 0 || s.holiday(day) {
		return buf
	}
	// A simple day has one offset from well before its midnight until well
	// after the next: its windows are its midnight plus their times.
	const dayLen = 24 * time.Hour
	y, m, d := civilFromDays(day)
	base := time.Date(y, m, d, 0, 0, 0, 0, s.loc)
	_, off := base.Zone()
	start, end := base.ZoneBounds()
	if base.Unix()+int64(off) == int64(day)*24*60*60 &&
		(start.IsZero() || !start.After(base.Add(-dayLen))) &&
		(end.IsZero() || end.After(base.Add(2*dayLen))) {
		for _, w := range wins {
			buf = append(buf, span{base.Add(time.Duration(w.Start) * time.Minute), base.Add(time.Duration(w.End) * time.Minute)})
		}
		return buf
	}
	// Otherwise go through the zone's periods of constant offset that may
	// hold instants of this date; in each, a window's wall-clock times are
	// one interval of instants. Periods come in time order, and the pieces
	// of each lie inside it, so the result is in time order.
	lo, hi := s.dayInstant(day, -margin), s.dayInstant(day+1, margin)
	for t := lo; t.Before(hi); {
		pEnd := zoneEnd(t)
		_, off := t.Zone()
		for _, w := range wins {
			a := s.dayInstant(day, int64(w.Start)*60-int64(off))
			b := s.dayInstant(day, int64(w.End)*60-int64(off))
			if a.Before(t) {
				a = t
			}
			if !pEnd.IsZero() && b.After(pEnd) {
				b = pEnd
			}
			if b.After(a) {
				buf = append(buf, span{a, b})
			}
		}
		if pEnd.IsZero() {
			break
		}
		t = pEnd
	}
	return buf
}

// zoneEnd returns the end of the period of constant offset that holds t, or
// the zero time when the offset never changes again. It works around
// ZoneBounds reporting, for years computed from a zone's rule (after its
// table of transitions, 2037 for most zones), an end at or before t on the
// last day of a leap year.
func zoneEnd(t time.Time) time.Time {
	for range 400 {
		_, end := t.ZoneBounds()
		if end.IsZero() || end.After(t) {
			return end
		}
		_, off := t.Zone()
		lo, hi := t, t.Add(24*time.Hour)
		if _, o := hi.Zone(); o == off {
			t = hi // no change of offset on that day: carry on from there
			continue
		}
		for hi.Sub(lo) > time.Second { // find the change to the second
			mid := lo.Add(hi.Sub(lo) / 2)
			if _, o := mid.Zone(); o == off {
				lo = mid
			} else {
				hi = mid
			}
		}
		return hi.Truncate(time.Second)
	}
	return time.Time{}
}

// localDay returns the day number of t's date in the zone.
func (s *schedule) localDay(t time.Time) int {
	_, off := t.In(s.loc).Zone()
	return int(floorDiv64(t.Unix()+int64(off), 24*60*60))
}

func (s *schedule) holiday(day int) bool {
	if len(s.singles) > 0 {
		if _, found := slices.BinarySearch(s.singles, day); found {
			return true
		}
	}
	if len(s.yearly) > 0 {
		_, m, d := civilFromDays(day)
		return slices.Contains(s.yearly, monthDayKey(m, d))
	}
	return false
}

// meter measures a clock: working time of a schedule, or real time.
type meter interface {
	between(from, to time.Time) time.Duration
	add(from time.Time, d time.Duration) (time.Time, error)
}

// realTime measures elapsed real time (ModeCalendar).
type realTime struct{}

func (realTime) between(from, to time.Time) time.Duration {
	if !to.After(from) {
		return 0
	}
	return to.Sub(from)
}

func (realTime) add(from time.Time, d time.Duration) (time.Time, error) {
	if d <= 0 {
		return from, nil
	}
	return from.Add(d), nil
}

// Civil-date arithmetic (Howard Hinnant's algorithms): day 0 is 1970-01-01.

func daysFromCivil(y int, m time.Month, d int) int {
	if m <= time.February {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (int(m) + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func civilFromDays(z int) (int, time.Month, int) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, time.Month(m), d
}

func weekday(day int) time.Weekday { return time.Weekday(floorMod(day+4, 7)) } // 1970-01-01 was a Thursday

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorDiv64(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int) int { return a - floorDiv(a, b)*b }
