package desk

import (
	"net/mail"
	"strings"
	"unicode/utf8"
)

// Length limits, in characters.
const (
	MaxNameLen = 200
	MaxTextLen = 20000
)

// NormalizeMobile removes spaces, dashes, dots, brackets and a leading + from a
// mobile number and returns its digits. Returns EINVALID on field when what
// remains is not 7 to 15 digits.
func NormalizeMobile(field, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", Invalid(field, "Mobile number is required")
	}
	s = strings.TrimPrefix(s, "+")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')':
		default:
			return "", Invalid(field, "Mobile number may contain only digits, spaces, dashes and a leading +")
		}
	}
	d := b.String()
	if len(d) < 7 || len(d) > 15 {
		return "", Invalid(field, "Mobile number must have 7 to 15 digits (it has %d)", len(d))
	}
	return d, nil
}

// DigitsOf returns the digits of s, for searching by number.
func DigitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// CleanName trims a name and checks it is present and within MaxNameLen.
func CleanName(field, what, s string) (string, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "", Invalid(field, "%s is required", what)
	}
	if n := utf8.RuneCountInString(s); n > MaxNameLen {
		return "", Invalid(field, "%s is too long (%d characters, at most %d)", what, n, MaxNameLen)
	}
	return s, nil
}

// CleanText trims a long text (description, note) and checks it is within
// MaxTextLen; required says whether it may be empty.
func CleanText(field, what, s string, required bool) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" && required {
		return "", Invalid(field, "%s is required", what)
	}
	if n := utf8.RuneCountInString(s); n > MaxTextLen {
		return "", Invalid(field, "%s is too long (%d characters, at most %d)", what, n, MaxTextLen)
	}
	return s, nil
}

// CleanEmail trims an optional e-mail address and checks its form.
func CleanEmail(field, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if len(s) > MaxNameLen {
		return "", Invalid(field, "Email is too long (at most %d characters)", MaxNameLen)
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s {
		return "", Invalid(field, "Email %q is not a valid address", s)
	}
	return s, nil
}

// NameKey is the lower-cased form of a name used for searching.
func NameKey(s string) string { return strings.ToLower(s) }

// ExcerptLen is how much of an input an error message repeats, at most.
const ExcerptLen = 40

// Excerpt returns s as an error message may quote it: control and
// direction-changing characters dropped and at most ExcerptLen characters,
// with "…" when cut.
func Excerpt(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if isControl(r) {
			continue
		}
		if n == ExcerptLen {
			b.WriteString("…")
			break
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// isControl reports the characters no name or number may hold: C0 and C1
// controls (tab and newline included), DEL, and the bidirectional embedding,
// override and isolate marks that reorder how text is shown.
func isControl(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == utf8.RuneError:
		return true
	}
	return false
}

// MaxFilterValues is the most values one field of a queue filter takes: more
// than any desk has users, subjects or sources, and far below what one query
// can bind.
const MaxFilterValues = 1000

// CheckLists refuses, at its field, a filter field with more than
// MaxFilterValues values.
func (f TicketFilter) CheckLists() error {
	for _, l := range []struct {
		field  string
		values []string
	}{
		{"statuses", f.Statuses}, {"assigneeIds", f.AssigneeIDs}, {"subjectIds", f.SubjectIDs},
		{"sourceIds", f.SourceIDs}, {"priorities", f.Priorities},
	} {
		if n := len(l.values); n > MaxFilterValues {
			return Invalid(l.field, "%d values are chosen for one filter; it takes at most %d", n, MaxFilterValues)
		}
	}
	return nil
}
