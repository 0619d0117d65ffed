package sla

import (
	"errors"
	"strings"
	"testing"
)

// Names and ids of calendars, holidays and policies have limits and no
// control characters, lists have a size limit, and no message quotes more
// than a short excerpt of the input.
func TestTextLimits(t *testing.T) {
	huge := strings.Repeat("n", 1<<20)
	ids := make([]string, 40000)
	for i := range ids {
		ids[i] = "subject"
	}
	cal := func(f func(c *Calendar)) Calendar {
		c := DefaultCalendar("Europe/Berlin")
		f(&c)
		return c
	}
	pol := func(f func(p *Policy)) Policy {
		p := DefaultPolicy()
		f(&p)
		return p
	}
	for _, tc := range []struct {
		name  string
		err   error
		field string
	}{
		{"CalendarName", cal(func(c *Calendar) { c.Name = huge }).Validate(), "name"},
		{"CalendarNameNUL", cal(func(c *Calendar) { c.Name = "Head\x00office" }).Validate(), "name"},
		{"CalendarNameBidi", cal(func(c *Calendar) { c.Name = "Head\u202eoffice" }).Validate(), "name"},
		{"CalendarID", cal(func(c *Calendar) { c.ID = huge }).Validate(), "id"},
		{"Zone", cal(func(c *Calendar) { c.Zone = huge }).Validate(), "zone"},
		{"HolidayName", cal(func(c *Calendar) { c.Holidays = []Holiday{{Date: Date{2026, 12, 25}, Name: huge}} }).Validate(), "holidays[0].name"},
		{"Holidays", cal(func(c *Calendar) { c.Holidays = make([]Holiday, MaxListLen+1) }).Validate(), "holidays"},
		{"PolicyName", pol(func(p *Policy) { p.Name = huge }).Validate(), "name"},
		{"PolicyNameControl", pol(func(p *Policy) { p.Name = "Gold\u2066" }).Validate(), "name"},
		{"PolicyID", pol(func(p *Policy) { p.ID = huge }).Validate(), "id"},
		{"PolicyCalendarID", pol(func(p *Policy) { p.CalendarID = huge }).Validate(), "calendarId"},
		{"PolicySubjects", pol(func(p *Policy) { p.Match.SubjectIDs = ids }).Validate(), "match.subjectIds"},
		{"PolicySources", pol(func(p *Policy) { p.Match.SourceIDs = ids }).Validate(), "match.sourceIds"},
		{"PolicySubjectID", pol(func(p *Policy) { p.Match.SubjectIDs = []string{huge} }).Validate(), "match.subjectIds[0]"},
		{"PolicyPriority", pol(func(p *Policy) { p.Match.Priorities = []Priority{Priority(huge)} }).Validate(), "match.priorities[0]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var fe *FieldError
			if !errors.As(tc.err, &fe) || fe.Field != tc.field {
				t.Fatalf("err = %.200v, want a field error at %q", tc.err, tc.field)
			}
			if n := len([]rune(fe.Message)); n > 120 {
				t.Fatalf("message of %d characters: %.120s…", n, fe.Message)
			}
		})
	}
	if err := cal(func(c *Calendar) { c.Name = strings.Repeat("é", MaxNameLen) }).Validate(); err != nil {
		t.Errorf("a name of %d characters: %v", MaxNameLen, err)
	}
}
