package desk

import (
	"net/mail"
	"strings"
	"unicode/utf8"

	"deskline/internal/text"
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

// CleanName trims a name and checks it is present, within MaxNameLen and
// free of control and text-direction characters.
func CleanName(field, what, s string) (string, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "", Invalid(field, "%s is required", what)
	}
	if n := utf8.RuneCountInString(s); n > MaxNameLen {
		return "", Invalid(field, "%s is too long (%d characters, at most %d)", what, n, MaxNameLen)
	}
	if err := NoControl(field, what, s); err != nil {
		return "", err
	}
	return s, nil
}

// NoControl refuses a one-line text (a name, a title) that holds control or
// text-direction characters.
func NoControl(field, what, s string) error {
	if text.HasControl(s) {
		return Invalid(field, "%s may not contain control or text-direction characters", what)
	}
	return nil
}

// CleanText trims a long text (description, note), drops the control and
// text-direction characters it may not hold (keeping tabs and line breaks)
// and checks it is within MaxTextLen; required says whether it may be empty.
func CleanText(field, what, s string, required bool) (string, error) {
	s = strings.TrimSpace(text.StripMultiline(s))
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
		return "", Invalid(field, "Email %q is not a valid address", text.Excerpt(s))
	}
	return s, nil
}

// NameKey is the lower-cased form of a name used for searching.
func NameKey(s string) string { return strings.ToLower(s) }

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
