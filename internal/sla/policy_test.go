package sla_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"deskline/internal/sla"
)

func TestDefaultPolicy(t *testing.T) {
	p := sla.DefaultPolicy()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if p.Mode != sla.ModeBusiness || p.NoSLA {
		t.Errorf("mode %q, noSLA %v", p.Mode, p.NoSLA)
	}
	want := map[sla.Priority]sla.Target{
		sla.PriorityUrgent: {FirstResponse: 30, Resolution: 240},   // 30 min / 4 h
		sla.PriorityHigh:   {FirstResponse: 60, Resolution: 480},   // 1 h / 8 h
		sla.PriorityMedium: {FirstResponse: 240, Resolution: 1440}, // 4 h / 24 h
		sla.PriorityLow:    {FirstResponse: 480, Resolution: 4320}, // 8 h / 72 h
	}
	if !reflect.DeepEqual(p.Targets, want) {
		t.Errorf("targets %v, want %v", p.Targets, want)
	}
}

func TestPoliciesMatch(t *testing.T) {
	ps := sla.Policies{
		{ID: "vip", Match: sla.Criteria{SourceIDs: []string{"src-vip"}}, NoSLA: true},
		{ID: "leads", Match: sla.Criteria{ContactKinds: []sla.ContactKind{sla.ContactLead}}, NoSLA: true},
		{ID: "urgent-billing", Match: sla.Criteria{
			Priorities: []sla.Priority{sla.PriorityUrgent, sla.PriorityHigh},
			SubjectIDs: []string{"billing", "refunds"},
		}, NoSLA: true},
		{ID: "customers", Match: sla.Criteria{ContactKinds: []sla.ContactKind{sla.ContactCustomer}}, NoSLA: true},
	}
	if err := ps.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		facts sla.Facts
		want  string // "" for no match
	}{
		// A lead through the VIP source matches both "vip" and "leads": the first wins.
		{"FirstMatchWins", sla.Facts{SourceID: "src-vip", ContactKind: sla.ContactLead, Priority: sla.PriorityLow}, "vip"},
		{"Lead", sla.Facts{SourceID: "src-walk-in", ContactKind: sla.ContactLead, Priority: sla.PriorityUrgent, SubjectIDs: []string{"billing"}}, "leads"},
		// Urgent with one of its subjects in the list: every criterion holds.
		{"AllCriteria", sla.Facts{SourceID: "src-phone", ContactKind: sla.ContactCustomer, Priority: sla.PriorityUrgent, SubjectIDs: []string{"printer", "refunds"}}, "urgent-billing"},
		// Urgent but no listed subject: falls through to "customers".
		{"OneCriterionFails", sla.Facts{SourceID: "src-phone", ContactKind: sla.ContactCustomer, Priority: sla.PriorityUrgent, SubjectIDs: []string{"printer"}}, "customers"},
		// A listed subject but Medium: falls through too.
		{"PriorityFails", sla.Facts{ContactKind: sla.ContactCustomer, Priority: sla.PriorityMedium, SubjectIDs: []string{"billing"}}, "customers"},
		// No contact linked: only criteria-free policies could match.
		{"NoMatch", sla.Facts{Priority: sla.PriorityMedium}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := ps.Match(tc.facts)
			if ok != (tc.want != "") || got.ID != tc.want {
				t.Fatalf("Match = %q, %v; want %q", got.ID, ok, tc.want)
			}
		})
	}

	t.Run("EmptyCriteriaMatchAll", func(t *testing.T) {
		all := append(sla.Policies{{ID: "never", Match: sla.Criteria{SourceIDs: []string{"none"}}, NoSLA: true}}, sla.DefaultPolicy())
		got, ok := all.Match(sla.Facts{})
		if !ok || got.ID != "default" {
			t.Fatalf("Match = %q, %v", got.ID, ok)
		}
	})
	t.Run("NoPolicies", func(t *testing.T) {
		if _, ok := sla.Policies(nil).Match(sla.Facts{Priority: sla.PriorityLow}); ok {
			t.Fatal("matched")
		}
	})
}

func TestPolicyValidate(t *testing.T) {
	with := func(edit func(*sla.Policy)) sla.Policy {
		p := sla.DefaultPolicy()
		p.Targets = map[sla.Priority]sla.Target{}
		for k, v := range sla.DefaultPolicy().Targets {
			p.Targets[k] = v
		}
		edit(&p)
		return p
	}
	t.Run("OK", func(t *testing.T) {
		for name, p := range map[string]sla.Policy{
			"Default":      sla.DefaultPolicy(),
			"CalendarTime": with(func(p *sla.Policy) { p.Mode = sla.ModeCalendar }),
			"NoSLA":        {NoSLA: true},
			"Warn50":       with(func(p *sla.Policy) { p.WarnPercent = 50 }),
		} {
			t.Run(name, func(t *testing.T) {
				if err := p.Validate(); err != nil {
					t.Fatal(err)
				}
			})
		}
	})
	for _, tc := range []struct {
		name  string
		p     sla.Policy
		field string
	}{
		{"ErrFirstResponseZero", with(func(p *sla.Policy) { p.Targets[sla.PriorityHigh] = sla.Target{FirstResponse: 0, Resolution: 60} }), "targets.high.firstResponse"},
		{"ErrFirstResponseNegative", with(func(p *sla.Policy) { p.Targets[sla.PriorityLow] = sla.Target{FirstResponse: -5, Resolution: 60} }), "targets.low.firstResponse"},
		{"ErrResolutionZero", with(func(p *sla.Policy) { p.Targets[sla.PriorityUrgent] = sla.Target{FirstResponse: 5} }), "targets.urgent.resolution"},
		{"ErrResolutionNegative", with(func(p *sla.Policy) { p.Targets[sla.PriorityMedium] = sla.Target{FirstResponse: 5, Resolution: -1} }), "targets.medium.resolution"},
		{"ErrTargetMissing", with(func(p *sla.Policy) { delete(p.Targets, sla.PriorityMedium) }), "targets.medium"},
		{"ErrTargetUnknownPriority", with(func(p *sla.Policy) { p.Targets["critical"] = sla.Target{FirstResponse: 1, Resolution: 1} }), "targets.critical"},
		{"ErrMode", with(func(p *sla.Policy) { p.Mode = "" }), "mode"},
		{"ErrWarnPercent", with(func(p *sla.Policy) { p.WarnPercent = 100 }), "warnPercent"},
		{"ErrWarnPercentNegative", with(func(p *sla.Policy) { p.WarnPercent = -1 }), "warnPercent"},
		{"ErrMatchPriority", with(func(p *sla.Policy) { p.Match.Priorities = []sla.Priority{sla.PriorityLow, "asap"} }), "match.priorities[1]"},
		{"ErrMatchContactKind", with(func(p *sla.Policy) { p.Match.ContactKinds = []sla.ContactKind{"vendor"} }), "match.contactKinds[0]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var fe *sla.FieldError
			if err := tc.p.Validate(); !errors.As(err, &fe) || fe.Field != tc.field {
				t.Fatalf("err = %v, want a FieldError on %s", err, tc.field)
			}
		})
	}
	t.Run("ErrInList", func(t *testing.T) {
		ps := sla.Policies{sla.DefaultPolicy(), with(func(p *sla.Policy) { p.Targets[sla.PriorityLow] = sla.Target{FirstResponse: 1} })}
		var fe *sla.FieldError
		if err := ps.Validate(); !errors.As(err, &fe) || fe.Field != "policies[1].targets.low.resolution" {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestPolicyJSON(t *testing.T) {
	p := sla.DefaultPolicy()
	p.Match.SourceIDs = []string{"src-1"}
	p.CalendarID = "cal-1"
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var back sla.Policy
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, p) {
		t.Fatalf("round trip of %s\n got  %+v\n want %+v", b, back, p)
	}
}
