package sla

import (
	"fmt"
	"unicode/utf8"

	"deskline/internal/text"
)

// Limits of what a calendar or policy holds: a policy is copied into every
// ticket created under it, so none of it may grow without bound.
const (
	MaxNameLen = 200  // calendar, holiday and policy names, in characters
	MaxIDLen   = 64   // ids of calendars, policies, subjects and sources
	MaxListLen = 1000 // holidays of a calendar; subjects or sources a policy matches
	maxWindows = 24   // working windows of one day
)

// checkName refuses a name longer than MaxNameLen characters or holding
// control or text-direction characters.
func checkName(field, s string) error {
	if n := utf8.RuneCountInString(s); n > MaxNameLen {
		return fieldErr(field, "is too long (%d characters, at most %d)", n, MaxNameLen)
	}
	if text.HasControl(s) {
		return fieldErr(field, "may not contain control or text-direction characters")
	}
	return nil
}

// checkID refuses an id longer than MaxIDLen or holding control characters.
func checkID(field, s string) error {
	if len(s) > MaxIDLen || text.HasControl(s) {
		return fieldErr(field, "is not an id")
	}
	return nil
}

// checkIDs checks a list of ids: at most MaxListLen, each an id.
func checkIDs(field string, ids []string) error {
	if len(ids) > MaxListLen {
		return fieldErr(field, "%d chosen, at most %d", len(ids), MaxListLen)
	}
	for i, id := range ids {
		if err := checkID(fmt.Sprintf("%s[%d]", field, i), id); err != nil {
			return err
		}
	}
	return nil
}
