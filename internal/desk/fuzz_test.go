package desk_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"deskline/internal/desk"
	"deskline/internal/text"
)

// go test ./internal/desk -run XXX -fuzz FuzzNormalizeMobile (and the others)
// explores further; the seeds run with every go test.

func FuzzNormalizeMobile(f *testing.F) {
	for _, s := range []string{"+44 7700 900123", "0771-234-567", "(020) 7946.0018", "1234567", "123456789012345",
		"", "++44", "0771 ABC 567", "44+7700900123", "０７７１２３４５６７", "0771\x00234567", "0771\u202e234567", " \u0085 0771234567 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := desk.NormalizeMobile("mobile", in)
		if err != nil {
			if desk.ErrorCode(err) != desk.EINVALID || desk.ErrorField(err) != "mobile" {
				t.Fatalf("NormalizeMobile(%q): %v, want invalid at mobile", in, err)
			}
			if n := utf8.RuneCountInString(desk.ErrorMessage(err)); n > 100 {
				t.Fatalf("a message of %d characters", n)
			}
			return
		}
		if len(got) < 7 || len(got) > 15 || strings.Trim(got, "0123456789") != "" {
			t.Fatalf("NormalizeMobile(%q) = %q: not 7 to 15 digits", in, got)
		}
		if again, err := desk.NormalizeMobile("mobile", got); err != nil || again != got {
			t.Fatalf("not idempotent: %q → %q → %q, %v", in, got, again, err)
		}
	})
}

func FuzzCleanNameAndText(f *testing.F) {
	for _, s := range []string{"Carla da Silva", "  a  b ", "", "\x00", "a\u202eb", "line\r\nline\ttab", "\xff\xfe", strings.Repeat("é", 250)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if got, err := desk.CleanName("name", "Name", in); err == nil {
			if got == "" || utf8.RuneCountInString(got) > desk.MaxNameLen || text.HasControl(got) || got != strings.TrimSpace(got) {
				t.Fatalf("CleanName(%q) = %q", in, got)
			}
			if again, err := desk.CleanName("name", "Name", got); err != nil || again != got {
				t.Fatalf("CleanName not idempotent: %q → %q → %q, %v", in, got, again, err)
			}
		} else if desk.ErrorField(err) != "name" {
			t.Fatalf("CleanName(%q): %v", in, err)
		}
		if got, err := desk.CleanText("note", "Note", in, false); err == nil {
			if utf8.RuneCountInString(got) > desk.MaxTextLen || strings.ContainsRune(got, '\r') ||
				text.HasControl(strings.NewReplacer("\t", "", "\n", "").Replace(got)) {
				t.Fatalf("CleanText(%q) = %q", in, got)
			}
			if again, err := desk.CleanText("note", "Note", got, false); err != nil || again != got {
				t.Fatalf("CleanText not idempotent: %q → %q → %q, %v", in, got, again, err)
			}
		} else if desk.ErrorField(err) != "note" {
			t.Fatalf("CleanText(%q): %v", in, err)
		}
	})
}

func FuzzRenderTemplate(f *testing.F) {
	for _, s := range []string{"Hello {{customer.name}}, ticket #{{ticket.number}}", "{{", "}}", "{{}}", "{{ bad name }}",
		"{{unknown}}", "{{{{customer.name}}}}", "plain text", "{{customer.name", "a}}b{{c"} {
		f.Add(s, "Carla {{agent.name}}")
	}
	f.Fuzz(func(t *testing.T, body, value string) {
		values := map[string]string{}
		for _, v := range desk.TemplateVars {
			values[v.Value] = value
		}
		r := desk.RenderTemplate(body, values)
		if !strings.Contains(body, "{{") && !strings.Contains(body, "}}") && r.Text != body {
			t.Fatalf("a body without braces changed: %q → %q", body, r.Text)
		}
		// Values are never rendered again: a variable alone gives its value.
		if one := desk.RenderTemplate("{{customer.name}}", values); one.Text != value {
			t.Fatalf("{{customer.name}} with %q = %q", value, one.Text)
		}
		// Warnings are what CheckTemplate finds, and each is short.
		if w := desk.CheckTemplate(body); len(w) != len(r.Warnings) {
			t.Fatalf("render warns %d times, check %d", len(r.Warnings), len(w))
		}
		// The text grows at most by the values and marks of its variables.
		vars := strings.Count(body, "{{")
		if max := len(body) + vars*(len(value)+len(desk.UnknownMark(""))); len(r.Text) > max {
			t.Fatalf("rendered %d bytes from %d of body (%d variables)", len(r.Text), len(body), vars)
		}
	})
}
