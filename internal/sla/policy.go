package sla

import (
	"fmt"
	"slices"
	"time"

	"deskline/internal/text"
)

// Priority is a ticket priority, as stored ("low", "medium", "high", "urgent").
type Priority string

// The ticket priorities.
const (
	PriorityLow    Priority = "low"
	PriorityMedium Priority = "medium"
	PriorityHigh   Priority = "high"
	PriorityUrgent Priority = "urgent"
)

// Priorities lists every priority, most urgent first.
var Priorities = []Priority{PriorityUrgent, PriorityHigh, PriorityMedium, PriorityLow}

func (p Priority) valid() bool { return slices.Contains(Priorities, p) }

// ContactKind says whether a ticket's contact is a customer or a lead.
type ContactKind string

// The contact kinds.
const (
	ContactCustomer ContactKind = "customer"
	ContactLead     ContactKind = "lead"
)

// Mode says how a policy measures its targets.
type Mode string

// The measuring modes.
const (
	// ModeBusiness counts only the working time of a calendar.
	ModeBusiness Mode = "business"
	// ModeCalendar counts all elapsed time, nights and weekends included.
	ModeCalendar Mode = "calendar"
)

// DefaultWarnPercent is the share of a target, in percent, after which a
// running clock shows a warning when the policy does not set one.
const DefaultWarnPercent = 80

// Target holds the two targets of one priority, in minutes.
type Target struct {
	FirstResponse int `json:"firstResponse"`
	Resolution    int `json:"resolution"`
}

// Criteria select the tickets a policy applies to. Each non-empty list must
// match (a ticket matches a list when its value is in it; for subjects, when
// any of its subjects is in it); an empty list matches every ticket.
type Criteria struct {
	Priorities   []Priority    `json:"priorities"`
	SubjectIDs   []string      `json:"subjectIds"`
	SourceIDs    []string      `json:"sourceIds"`
	ContactKinds []ContactKind `json:"contactKinds"`
}

// Facts are what policy matching knows of a ticket when it is created.
// ContactKind is empty when no contact is linked.
type Facts struct {
	Priority    Priority
	SubjectIDs  []string
	SourceID    string
	ContactKind ContactKind
}

// Matches reports whether a ticket with facts f meets every criterion.
func (c Criteria) Matches(f Facts) bool {
	if len(c.Priorities) > 0 && !slices.Contains(c.Priorities, f.Priority) {
		return false
	}
	if len(c.SourceIDs) > 0 && !slices.Contains(c.SourceIDs, f.SourceID) {
		return false
	}
	if len(c.ContactKinds) > 0 && !slices.Contains(c.ContactKinds, f.ContactKind) {
		return false
	}
	if len(c.SubjectIDs) > 0 && !slices.ContainsFunc(f.SubjectIDs, func(id string) bool {
		return slices.Contains(c.SubjectIDs, id)
	}) {
		return false
	}
	return true
}

// Policy is an SLA policy: which tickets it applies to, how it measures time,
// and per-priority targets. A NoSLA policy gives its tickets no clocks at
// all; its mode and targets are not read. CalendarID names the calendar of a
// ModeBusiness policy for the caller to load (empty: the default calendar);
// the engine itself is handed the Calendar. WarnPercent is the share of a
// target after which a running clock warns (0 means DefaultWarnPercent).
//
// A ticket keeps the policy it was created under: store a copy with it.
type Policy struct {
	ID          string              `json:"id,omitempty"`
	Name        string              `json:"name,omitempty"`
	Match       Criteria            `json:"match"`
	NoSLA       bool                `json:"noSla"`
	Mode        Mode                `json:"mode"`
	CalendarID  string              `json:"calendarId,omitempty"`
	WarnPercent int                 `json:"warnPercent,omitempty"`
	Targets     map[Priority]Target `json:"targets"`
}

// DefaultPolicy returns the policy used when no other matches: in business
// time of the default calendar, first response / resolution of Urgent
// 30 min / 4 h, High 1 h / 8 h, Medium 4 h / 24 h, Low 8 h / 72 h.
func DefaultPolicy() Policy {
	return Policy{
		ID:   "default",
		Name: "Default",
		Mode: ModeBusiness,
		Targets: map[Priority]Target{
			PriorityUrgent: {FirstResponse: 30, Resolution: 4 * 60},
			PriorityHigh:   {FirstResponse: 60, Resolution: 8 * 60},
			PriorityMedium: {FirstResponse: 4 * 60, Resolution: 24 * 60},
			PriorityLow:    {FirstResponse: 8 * 60, Resolution: 72 * 60},
		},
	}
}

// Validate returns a *FieldError naming the first problem it finds: an
// unknown priority or contact kind in the criteria ("match.priorities[0]"),
// a warning share outside 1–99 ("warnPercent"), and unless the policy is
// NoSLA, an unknown mode ("mode"), a priority without targets
// ("targets.high"), or a target of zero minutes or less
// ("targets.high.firstResponse", "targets.high.resolution").
func (p Policy) Validate() error {
	if err := checkID("id", p.ID); err != nil {
		return err
	}
	if err := checkName("name", p.Name); err != nil {
		return err
	}
	if err := checkID("calendarId", p.CalendarID); err != nil {
		return err
	}
	if err := checkIDs("match.subjectIds", p.Match.SubjectIDs); err != nil {
		return err
	}
	if err := checkIDs("match.sourceIds", p.Match.SourceIDs); err != nil {
		return err
	}
	for i, pr := range p.Match.Priorities {
		if !pr.valid() {
			return fieldErr(fmt.Sprintf("match.priorities[%d]", i), "unknown priority %q", text.Excerpt(string(pr)))
		}
	}
	for i, k := range p.Match.ContactKinds {
		if k != ContactCustomer && k != ContactLead {
			return fieldErr(fmt.Sprintf("match.contactKinds[%d]", i), "unknown contact kind %q", text.Excerpt(string(k)))
		}
	}
	if p.WarnPercent < 0 || p.WarnPercent > 99 {
		return fieldErr("warnPercent", "must be between 1 and 99 (or 0 for the default, %d)", DefaultWarnPercent)
	}
	if p.NoSLA {
		return nil
	}
	if p.Mode != ModeBusiness && p.Mode != ModeCalendar {
		return fieldErr("mode", "must be %q or %q", ModeBusiness, ModeCalendar)
	}
	for _, pr := range Priorities {
		t, ok := p.Targets[pr]
		switch {
		case !ok:
			return fieldErr("targets."+string(pr), "required: give first response and resolution targets")
		case t.FirstResponse <= 0:
			return fieldErr("targets."+string(pr)+".firstResponse", "must be more than zero minutes")
		case t.Resolution <= 0:
			return fieldErr("targets."+string(pr)+".resolution", "must be more than zero minutes")
		}
	}
	for pr := range p.Targets {
		if !pr.valid() {
			return fieldErr("targets."+string(pr), "unknown priority")
		}
	}
	return nil
}

func (p Policy) warnPercent() int {
	if p.WarnPercent == 0 {
		return DefaultWarnPercent
	}
	return p.WarnPercent
}

func minutes(n int) time.Duration { return time.Duration(n) * time.Minute }

// Policies is the ordered list of SLA policies; the first that matches a
// ticket applies.
type Policies []Policy

// Match returns the first policy whose criteria match f, and false when none
// does (callers then use DefaultPolicy).
func (ps Policies) Match(f Facts) (Policy, bool) {
	for _, p := range ps {
		if p.Match.Matches(f) {
			return p, true
		}
	}
	return Policy{}, false
}

// Validate validates every policy; a *FieldError's field is prefixed with the
// policy's position, as in "policies[2].targets.low.resolution".
func (ps Policies) Validate() error {
	for i, p := range ps {
		if err := p.Validate(); err != nil {
			return prefixed(fmt.Sprintf("policies[%d].", i), err)
		}
	}
	return nil
}
