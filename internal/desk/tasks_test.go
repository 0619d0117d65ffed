package desk

import (
	"reflect"
	"strings"
	"testing"
)

func TestRenderTemplate(t *testing.T) {
	values := map[string]string{
		"customer.name": "Carla Customer", "customer.mobile": "+447700900123", "ticket.number": "1042",
		"ticket.subjects": "Complaint, Billing", "ticket.status": "In Progress", "agent.name": "Bilal Agent",
	}
	for _, tc := range []struct {
		name, body, want string
		warnings         []TemplateWarning
	}{
		{"Plain", "Thanks for waiting.", "Thanks for waiting.", nil},
		{"Every variable", "{{customer.name}} {{customer.mobile}} #{{ticket.number}} {{ticket.subjects}} {{ticket.status}} {{agent.name}}",
			"Carla Customer +447700900123 #1042 Complaint, Billing In Progress Bilal Agent", nil},
		{"Spaces inside braces", "Hi {{ customer.name }}!", "Hi Carla Customer!", nil},
		{"Repeated", "{{agent.name}}/{{agent.name}}", "Bilal Agent/Bilal Agent", nil},
		{"Unknown variable stays visible", "Dear {{customer.title}} {{customer.name}}", "Dear [unknown: customer.title] Carla Customer",
			[]TemplateWarning{{Variable: "customer.title", Message: "Unknown variable {{customer.title}}"}}},
		{"Unknown reported once", "{{x}} and {{x}}", "[unknown: x] and [unknown: x]",
			[]TemplateWarning{{Variable: "x", Message: "Unknown variable {{x}}"}}},
		{"Unclosed", "Hi {{customer.name", "Hi {{customer.name",
			[]TemplateWarning{{Message: `A "{{" is never closed with "}}"`}}},
		{"Stray close", "Hi }} there {{agent.name}}", "Hi }} there Bilal Agent",
			[]TemplateWarning{{Message: `A "}}" has no "{{" before it`}}},
		{"Empty", "Hi {{}}", "Hi {{}}", []TemplateWarning{{Message: `An empty variable "{{}}"`}}},
		{"Not a name", "{{customer name}}", "{{customer name}}",
			[]TemplateWarning{{Variable: "customer name", Message: `"customer name" is not a variable name`}}},
		{"Single braces are text", "{customer.name}", "{customer.name}", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := RenderTemplate(tc.body, values)
			if got.Text != tc.want {
				t.Fatalf("text = %q, want %q", got.Text, tc.want)
			}
			want := tc.warnings
			if want == nil {
				want = []TemplateWarning{}
			}
			if !reflect.DeepEqual(got.Warnings, want) {
				t.Fatalf("warnings = %+v, want %+v", got.Warnings, want)
			}
			if !reflect.DeepEqual(CheckTemplate(tc.body), want) {
				t.Fatalf("CheckTemplate = %+v, want %+v", CheckTemplate(tc.body), want)
			}
		})
	}
}

func TestMovesFrom(t *testing.T) {
	needs := func(moves []StatusMove) map[Status]string {
		out := map[Status]string{}
		for _, m := range moves {
			out[m.To] = strings.Join(m.Needs, ",")
		}
		return out
	}
	got := needs(MovesFrom(StatusOpen, SOPRules{}))
	want := map[Status]string{StatusInProgress: "", StatusWaiting: "", StatusResolved: NeedResolution, StatusClosed: NeedConfirmed}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("moves from Open = %v, want %v", got, want)
	}
	got = needs(MovesFrom(StatusResolved, SOPRules{ResolutionOptional: true}))
	want = map[Status]string{StatusOpen: "", StatusInProgress: "", StatusWaiting: "", StatusClosed: NeedConfirmed}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("moves from Resolved, summary optional = %v, want %v", got, want)
	}
	if got := needs(MovesFrom(StatusInProgress, SOPRules{ResolutionOptional: true}))[StatusResolved]; got != "" {
		t.Fatalf("with the summary optional, Resolved needs %q", got)
	}
}
