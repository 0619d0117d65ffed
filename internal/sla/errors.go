package sla

import "fmt"

// FieldError is the error returned for input the engine refuses: an invalid
// calendar, policy or ticket history. Field is the JSON path of the offending
// field (for example "week.monday[1].end" or "targets.urgent.resolution") and
// Message says what is wrong with it in words an admin understands.
type FieldError struct {
	Field   string
	Message string
}

// Error returns "field: message".
func (e *FieldError) Error() string {
	return e.Field + ": " + e.Message
}

func fieldErr(field, format string, args ...any) *FieldError {
	return &FieldError{Field: field, Message: fmt.Sprintf(format, args...)}
}

// prefixed returns err with prefix put in front of its field.
func prefixed(prefix string, err error) error {
	if fe, ok := err.(*FieldError); ok {
		return &FieldError{Field: prefix + fe.Field, Message: fe.Message}
	}
	return err
}
