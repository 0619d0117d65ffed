package desk

import (
	"errors"
	"fmt"
	"strings"

	"deskline/internal/text"
)

// Error codes shared by every layer. The frontend receives them as the `code`
// of a rejected call.
const (
	EINVALID     = "invalid"     // bad input; Field names the input it concerns
	ENOTFOUND    = "not_found"   // the thing asked for does not exist
	ECONFLICT    = "conflict"    // the change clashes with what is already there
	EFORBIDDEN   = "forbidden"   // the current user may not do this
	EUNAVAILABLE = "unavailable" // a resource (database, display, bus) cannot be reached
	EINTERNAL    = "internal"    // a bug or an unexpected failure
)

// Error is an application error with a code the frontend understands, a message
// in plain words and, for bad input, the field it concerns.
type Error struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
	// Problems lists every field problem of a form refused as a whole, the
	// first one also in Field and Message (see Problems).
	Problems []Problem `json:"problems,omitempty"`
}

// Problem is one field's problem in a form refused as a whole.
type Problem struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Problems collects the problems of a form so that all of them are told at
// once, in the order of the form's fields.
type Problems struct{ list []Problem }

// Add records err if it is an EINVALID error naming a field and reports
// whether it did; any other error is left to the caller.
func (p *Problems) Add(err error) bool {
	var e *Error
	if !errors.As(err, &e) || e.Code != EINVALID || e.Field == "" {
		return false
	}
	p.list = append(p.list, Problem{Field: e.Field, Message: e.Message})
	return true
}

// Err returns nil when nothing was recorded, else one EINVALID error whose
// Field and Message are the first problem's and whose Problems are all of
// them.
func (p *Problems) Err() error {
	if len(p.list) == 0 {
		return nil
	}
	first := p.list[0]
	msg := first.Message
	if n := len(p.list); n > 1 {
		msg = fmt.Sprintf("%s (and %d more to fix)", first.Message, n-1)
	}
	return &Error{Code: EINVALID, Message: msg, Field: first.Field, Problems: append([]Problem(nil), p.list...)}
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s (%s)", e.Code, e.Message, e.Field)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an EINVALID error about one input field. A string quoted
// with %q is what was typed: it is quoted as a short excerpt (text.Excerpt),
// so no message repeats a whole input back.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Message: fmt.Sprintf(format, excerptQuoted(format, args)...), Field: field}
}

// excerptQuoted returns args with each string that format quotes (%q) cut
// to an excerpt.
func excerptQuoted(format string, args []any) []any {
	n, copied := 0, false
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0123456789.", format[i]) >= 0 {
			i++
		}
		if i == len(format) || format[i] == '%' {
			continue
		}
		if format[i] == 'q' && n < len(args) {
			if s, ok := args[n].(string); ok {
				if !copied {
					args, copied = append([]any(nil), args...), true
				}
				args[n] = text.Excerpt(s)
			}
		}
		n++
	}
	return args
}

// NotFound returns an ENOTFOUND error naming what was missing.
func NotFound(what string) *Error {
	return &Error{Code: ENOTFOUND, Message: what + " not found"}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorField returns the field of the first *Error in err's chain, if any.
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// ErrorMessage returns the human message of err: the message of an *Error, or
// "internal error" for anything else (the details go to the log, not the user).
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
