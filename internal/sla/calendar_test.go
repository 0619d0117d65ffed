package sla_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"deskline/internal/sla"
)

func TestDefaultCalendar(t *testing.T) {
	c := sla.DefaultCalendar(zone)
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		want := []sla.Window{win("09:00", "18:00")}
		if d == time.Saturday || d == time.Sunday {
			want = nil
		}
		if !reflect.DeepEqual(c.Week[d], want) {
			t.Errorf("%v: %v, want %v", d, c.Week[d], want)
		}
	}
	// Monday 00:00 to the next Monday: 5 × 9 h.
	got, err := sla.BusinessDuration(c, berlin(t, "2026-03-02 00:00"), berlin(t, "2026-03-09 00:00"))
	if err != nil || got != 45*h {
		t.Fatalf("a week of the default calendar: %v, %v", got, err)
	}
}

func TestCalendarValidate(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for name, c := range map[string]sla.Calendar{
			"Default":      officeCal(),
			"Lunch":        lunchCal(),
			"AdjacentDays": allDayCal(),
			"Holidays":     withHolidays(officeCal(), christmas, tue10March, sla.Holiday{Date: sla.DateOf(2000, 2, 29), Yearly: true}),
			"Unordered": func() sla.Calendar {
				c := officeCal()
				c.Week[time.Monday] = []sla.Window{win("14:00", "18:00"), win("09:00", "13:00")}
				return c
			}(),
			"UTC": sla.DefaultCalendar("UTC"),
		} {
			t.Run(name, func(t *testing.T) {
				if err := c.Validate(); err != nil {
					t.Fatal(err)
				}
			})
		}
	})

	monday := func(ws ...sla.Window) sla.Calendar {
		c := sla.Calendar{Zone: zone}
		c.Week[time.Monday] = ws
		return c
	}
	everyDay := sla.Calendar{Zone: zone}
	everyDay.Week = officeCal().Week
	for d := 0; d < 366; d++ {
		date := time.Date(2000, 1, 1+d, 0, 0, 0, 0, time.UTC) // 2000 is a leap year
		everyDay.Holidays = append(everyDay.Holidays, sla.Holiday{Date: sla.DateOf(2000, date.Month(), date.Day()), Yearly: true})
	}
	for _, tc := range []struct {
		name  string
		cal   sla.Calendar
		field string
	}{
		{"ErrZoneMissing", sla.DefaultCalendar(""), "zone"},
		{"ErrZoneUnknown", sla.DefaultCalendar("Mars/Olympus_Mons"), "zone"},
		{"ErrZoneLocal", sla.DefaultCalendar("Local"), "zone"},
		{"ErrNoWorkingTime", sla.Calendar{Zone: zone}, "week"},
		{"ErrNoWorkingTimeEmptyDays", func() sla.Calendar {
			c := sla.Calendar{Zone: zone}
			c.Week[time.Monday] = []sla.Window{}
			return c
		}(), "week"},
		{"ErrOverlap", monday(win("09:00", "13:00"), win("12:00", "18:00")), "week.monday[1]"},
		{"ErrOverlapContained", monday(win("09:00", "18:00"), win("10:00", "11:00")), "week.monday[1]"},
		{"ErrOverlapSame", monday(win("09:00", "18:00"), win("09:00", "18:00")), "week.monday[1]"},
		{"ErrEndsBeforeStart", monday(win("18:00", "09:00")), "week.monday[0].end"},
		{"ErrEndsAtStart", monday(win("09:00", "09:00")), "week.monday[0].end"},
		{"ErrStartOutOfDay", monday(sla.Window{Start: -1, End: sla.TimeOf(9, 0)}), "week.monday[0].start"},
		{"ErrStartAtMidnightEnd", monday(sla.Window{Start: sla.TimeOf(24, 0), End: sla.TimeOf(24, 0)}), "week.monday[0].start"},
		{"ErrEndOutOfDay", monday(sla.Window{Start: sla.TimeOf(22, 0), End: sla.TimeOf(24, 1)}), "week.monday[0].end"},
		{"ErrHolidayDate", withHolidays(officeCal(), sla.Holiday{Date: sla.DateOf(2026, 2, 29)}), "holidays[0].date"},
		{"ErrHolidayMonth", withHolidays(officeCal(), christmas, sla.Holiday{Date: sla.DateOf(2026, 13, 1)}), "holidays[1].date"},
		{"ErrEveryDayHoliday", everyDay, "holidays"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cal.Validate()
			var fe *sla.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want a *FieldError", err)
			}
			if fe.Field != tc.field || fe.Message == "" {
				t.Fatalf("field %q (%s), want %q", fe.Field, fe.Message, tc.field)
			}
			if err.Error() != fe.Field+": "+fe.Message {
				t.Fatalf("Error() = %q", err.Error())
			}
		})
	}
}

func TestCalendarJSON(t *testing.T) {
	c := withHolidays(lunchCal(), christmas, tue10March)
	c.ID, c.Name = "cal-1", "Berlin office"
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"id":"cal-1","name":"Berlin office","zone":"Europe/Berlin","week":{` +
		`"monday":[{"start":"09:00","end":"13:00"},{"start":"14:00","end":"18:00"}],` +
		`"tuesday":[{"start":"09:00","end":"13:00"},{"start":"14:00","end":"18:00"}],` +
		`"wednesday":[{"start":"09:00","end":"13:00"},{"start":"14:00","end":"18:00"}],` +
		`"thursday":[{"start":"09:00","end":"13:00"},{"start":"14:00","end":"18:00"}],` +
		`"friday":[{"start":"09:00","end":"13:00"},{"start":"14:00","end":"18:00"}],` +
		`"saturday":[],"sunday":[]},` +
		`"holidays":[{"date":"2020-12-25","yearly":true,"name":"Christmas"},{"date":"2026-03-10","yearly":false}]}`
	if string(b) != want {
		t.Fatalf("JSON\n got  %s\n want %s", b, want)
	}
	var back sla.Calendar
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	back.Week[time.Saturday], back.Week[time.Sunday] = nil, nil
	if !reflect.DeepEqual(back, c) {
		t.Fatalf("round trip\n got  %+v\n want %+v", back, c)
	}

	t.Run("ErrBadValues", func(t *testing.T) {
		for _, s := range []string{
			`{"week":{"funday":[]}}`,
			`{"week":{"monday":[{"start":"9:00","end":"18:00"}]}}`,
			`{"week":{"monday":[{"start":"09:60","end":"18:00"}]}}`,
			`{"holidays":[{"date":"25/12/2026"}]}`,
		} {
			var c sla.Calendar
			if err := json.Unmarshal([]byte(s), &c); err == nil {
				t.Errorf("%s: no error", s)
			}
		}
	})
}

func TestParseTimeOfDay(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want sla.TimeOfDay
		ok   bool
	}{
		{"00:00", 0, true},
		{"09:30", 570, true},
		{"23:59", 1439, true},
		{"24:00", 1440, true},
		{"24:01", 0, false},
		{"25:00", 0, false},
		{"12:60", 0, false},
		{"9:00", 0, false},
		{"09-00", 0, false},
		{"ab:cd", 0, false},
		{"", 0, false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := sla.ParseTimeOfDay(tc.in)
			if (err == nil) != tc.ok || got != tc.want {
				t.Fatalf("ParseTimeOfDay(%q) = %v, %v", tc.in, got, err)
			}
			if tc.ok && got.String() != tc.in {
				t.Fatalf("String() = %q", got.String())
			}
		})
	}
}
