package desk_test

import (
	"strings"
	"testing"

	"deskline/internal/desk"
	"deskline/internal/text"
)

// Names and numbers refuse control characters (NUL, C0, bidirectional
// overrides and isolates); long texts keep tabs and newlines and lose the
// rest; no message quotes more than a short excerpt of what was typed.
func TestControlCharacters(t *testing.T) {
	bad := []string{"Carla\x00", "Carla\u202eevil", "Carla\u2066x\u2069", "Car\x1bla", "Carla\u0085", "Carla\x7f", "Carla\xff"}
	for _, s := range bad {
		// Refused, or (Unicode's next-line, a space to strings.Fields)
		// stripped: never kept.
		if got, err := desk.CleanName("name", "Name", s); desk.ErrorField(err) != "name" && (err != nil || text.HasControl(got)) {
			t.Errorf("CleanName(%q) = %q, %v; want refused", s, got, err)
		}
		if got, err := desk.NormalizeMobile("mobile", "0771234567"+s[5:]); desk.ErrorField(err) != "mobile" && (err != nil || got != "0771234567") {
			t.Errorf("NormalizeMobile with %q = %q, %v; want refused", s[5:], got, err)
		}
	}
	got, err := desk.CleanText("note", "Note", "line one\r\n\tline\x00 two\u202e\r three\u2067", true)
	if err != nil || got != "line one\n\tline two\n three" {
		t.Errorf("CleanText = %q, %v", got, err)
	}
	if _, err := desk.CleanText("note", "Note", "\x00\u202e", true); desk.ErrorField(err) != "note" {
		t.Errorf("CleanText of nothing but control characters: %v; want required", err)
	}
}

func TestErrorMessagesQuoteAnExcerpt(t *testing.T) {
	long := strings.Repeat("x", 5000) + "@"
	for name, err := range map[string]error{
		"email": func() error {
			_, err := desk.CleanEmail("email", strings.Repeat("y", 150)+" not an address")
			return err
		}(),
		"name": func() error { _, err := desk.CleanName("name", "Name", long); return err }(),
		"text": func() error {
			_, err := desk.CleanText("note", "Note", long+strings.Repeat("z", 30000), true)
			return err
		}(),
	} {
		if err == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		if n := len([]rune(desk.ErrorMessage(err))); n > 80+text.ExcerptLen {
			t.Errorf("%s: a message of %d characters: %.100s…", name, n, desk.ErrorMessage(err))
		}
	}
}

// Whatever quotes the input, an invalid-input message repeats at most an
// excerpt of it.
func TestInvalidQuotesAnExcerpt(t *testing.T) {
	err := desk.Invalid("priority", "Unknown priority %q", strings.Repeat("p", 1<<20)+"\x00\u202e")
	if n := len([]rune(err.Message)); n > 20+text.ExcerptLen || strings.ContainsAny(err.Message, "\x00\u202e") {
		t.Fatalf("message of %d characters: %.80q…", n, err.Message)
	}
}
