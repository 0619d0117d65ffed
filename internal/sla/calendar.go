package sla

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	// The SLA engine cannot work without the time zone database, and desktop
	// machines (Windows in particular) do not always ship one.
	_ "time/tzdata"

	"deskline/internal/text"
)

const minutesPerDay = 24 * 60

// TimeOfDay is a wall-clock time as minutes since midnight, from 0 (00:00)
// to 1440 (24:00, the end of the day). It reads and writes as "HH:MM".
type TimeOfDay int

// TimeOf returns the time of day h:m.
func TimeOf(h, m int) TimeOfDay { return TimeOfDay(h*60 + m) }

// ParseTimeOfDay parses "HH:MM" (00:00 to 24:00).
func ParseTimeOfDay(s string) (TimeOfDay, error) {
	var h, m int
	if len(s) != 5 || s[2] != ':' {
		return 0, fmt.Errorf("time of day %q: want HH:MM", s)
	}
	for i, c := range []byte(s) {
		if i == 2 {
			continue
		}
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("time of day %q: want HH:MM", s)
		}
	}
	h = int(s[0]-'0')*10 + int(s[1]-'0')
	m = int(s[3]-'0')*10 + int(s[4]-'0')
	if m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, fmt.Errorf("time of day %q: not between 00:00 and 24:00", s)
	}
	return TimeOf(h, m), nil
}

// String returns the time as "HH:MM".
func (t TimeOfDay) String() string {
	if t < 0 {
		return fmt.Sprintf("-%02d:%02d", int(-t)/60, int(-t)%60)
	}
	return fmt.Sprintf("%02d:%02d", int(t)/60, int(t)%60)
}

// MarshalText writes the time as "HH:MM".
func (t TimeOfDay) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText reads "HH:MM".
func (t *TimeOfDay) UnmarshalText(b []byte) error {
	v, err := ParseTimeOfDay(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// Window is a working period within one day, from Start (inclusive) to End
// (exclusive), in wall-clock time of the calendar's zone. End may be 24:00.
// A shift past midnight is two windows, one on each day.
type Window struct {
	Start TimeOfDay `json:"start"`
	End   TimeOfDay `json:"end"`
}

// String returns the window as "09:00–13:00".
func (w Window) String() string { return w.Start.String() + "–" + w.End.String() }

// Week holds the working windows of each weekday, indexed by time.Weekday
// (Sunday is 0). It reads and writes as a JSON object keyed by lowercase
// English weekday names: {"monday": [{"start": "09:00", "end": "13:00"}], …}.
type Week [7][]Window

var weekdayNames = [7]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}

// MarshalJSON writes the week as an object from Monday to Sunday.
func (w Week) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i := range 7 {
		d := (i + 1) % 7 // Monday first
		if i > 0 {
			b.WriteByte(',')
		}
		wins := w[d]
		if wins == nil {
			wins = []Window{}
		}
		v, err := json.Marshal(wins)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&b, "%q:", weekdayNames[d])
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads an object keyed by weekday names; missing days have no
// working time.
func (w *Week) UnmarshalJSON(b []byte) error {
	var m map[string][]Window
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	var out Week
	for k, v := range m {
		d := -1
		for i, n := range weekdayNames {
			if strings.EqualFold(k, n) {
				d = i
			}
		}
		if d < 0 {
			return fmt.Errorf("week: unknown weekday %q", k)
		}
		out[d] = v
	}
	*w = out
	return nil
}

// Date is a calendar date without a time or zone. It reads and writes as
// "2006-01-02".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the date y-m-d.
func DateOf(y int, m time.Month, d int) Date { return Date{Year: y, Month: m, Day: d} }

// String returns the date as "2006-01-02".
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// MarshalText writes the date as "2006-01-02".
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads "2006-01-02".
func (d *Date) UnmarshalText(b []byte) error {
	t, err := time.Parse(time.DateOnly, string(b))
	if err != nil {
		return fmt.Errorf("date %q: want YYYY-MM-DD", string(b))
	}
	*d = Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
	return nil
}

// valid reports whether the date exists; yearly dates only need to exist in
// some year (so February 29 is valid).
func (d Date) valid(yearly bool) bool {
	y := d.Year
	if yearly {
		y = 2000 // a leap year
	}
	if d.Month < time.January || d.Month > time.December || d.Day < 1 {
		return false
	}
	yy, mm, dd := civilFromDays(daysFromCivil(y, d.Month, d.Day))
	return yy == y && mm == d.Month && dd == d.Day
}

// Holiday is a day without working time. A yearly holiday falls on the same
// month and day every year (its Year is ignored); a yearly February 29 falls
// only in leap years.
type Holiday struct {
	Date   Date   `json:"date"`
	Yearly bool   `json:"yearly"`
	Name   string `json:"name,omitempty"`
}

// Calendar defines working time: a time zone, working windows per weekday and
// holidays. ID and Name are for the admin screens and the store; the engine
// does not read them.
type Calendar struct {
	ID       string    `json:"id,omitempty"`
	Name     string    `json:"name,omitempty"`
	Zone     string    `json:"zone"`
	Week     Week      `json:"week"`
	Holidays []Holiday `json:"holidays"`
}

// DefaultCalendar returns Monday to Friday, 09:00–18:00, in the given IANA
// zone (the workstation's zone, such as "Europe/Berlin"), without holidays.
func DefaultCalendar(zone string) Calendar {
	c := Calendar{Name: "Default", Zone: zone, Holidays: []Holiday{}}
	for d := time.Monday; d <= time.Friday; d++ {
		c.Week[d] = []Window{{Start: TimeOf(9, 0), End: TimeOf(18, 0)}}
	}
	return c
}

// Validate returns a *FieldError naming the first problem it finds: an empty,
// unknown or non-IANA zone ("zone"); a window that starts or ends outside the
// day, ends when or before it starts, or overlaps another window of the same
// day ("week.monday[1]", "week.monday[1].end"); a calendar without any
// working time ("week"); an impossible holiday date ("holidays[2].date"); or
// holidays on every day of the year ("holidays").
func (c Calendar) Validate() error {
	if err := checkID("id", c.ID); err != nil {
		return err
	}
	if err := checkName("name", c.Name); err != nil {
		return err
	}
	if _, err := loadZone(c.Zone); err != nil {
		return err
	}
	working := false
	for d, wins := range c.Week {
		if len(wins) > maxWindows {
			return fieldErr("week."+weekdayNames[d], "%d working windows, at most %d a day", len(wins), maxWindows)
		}
		for i, w := range wins {
			f := func() string { return fmt.Sprintf("week.%s[%d]", weekdayNames[d], i) }
			if w.Start < 0 || w.Start >= minutesPerDay {
				return fieldErr(f()+".start", "must be between 00:00 and 23:59")
			}
			if w.End <= 0 || w.End > minutesPerDay {
				return fieldErr(f()+".end", "must be between 00:01 and 24:00")
			}
			if w.End <= w.Start {
				return fieldErr(f()+".end", "the window ends at %s, not after it starts at %s", w.End, w.Start)
			}
			for j, o := range wins[:i] {
				if w.Start < o.End && o.Start < w.End {
					return fieldErr(f(), "%s overlaps %s (week.%s[%d])", w, o, weekdayNames[d], j)
				}
			}
			working = true
		}
	}
	if !working {
		return fieldErr("week", "there is no working time: give at least one day a working window")
	}
	if len(c.Holidays) > MaxListLen {
		return fieldErr("holidays", "%d holidays, at most %d", len(c.Holidays), MaxListLen)
	}
	var yearly [13 * 32]bool
	nYearly := 0
	for i, h := range c.Holidays {
		if err := checkName(fmt.Sprintf("holidays[%d].name", i), h.Name); err != nil {
			return err
		}
		if !h.Date.valid(h.Yearly) {
			return fieldErr(fmt.Sprintf("holidays[%d].date", i), "%s is not a date", h.Date)
		}
		if k := monthDayKey(h.Date.Month, h.Date.Day); h.Yearly && !yearly[k] {
			yearly[k] = true
			nYearly++
		}
	}
	if nYearly >= 366 {
		return fieldErr("holidays", "every day of the year is a holiday: there is no working time")
	}
	return nil
}

var zones sync.Map // zone name → *time.Location

// loadZone returns the location of an IANA zone name. Locations are cached:
// time.LoadLocation reads and parses the zone database on every call.
func loadZone(name string) (*time.Location, error) {
	if v, ok := zones.Load(name); ok {
		return v.(*time.Location), nil
	}
	switch {
	case name == "":
		return nil, fieldErr("zone", "required: give an IANA time zone such as Europe/Berlin")
	case name == "Local":
		return nil, fieldErr("zone", "give the IANA name of the zone (such as Europe/Berlin), not Local")
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fieldErr("zone", "unknown time zone %q", text.Excerpt(name))
	}
	zones.Store(name, loc)
	return loc, nil
}

func monthDayKey(m time.Month, d int) int { return int(m)*32 + d }
