package store

import (
	"strings"
	"time"

	"deskline/internal/desk"
)

// dateLayout is how the queue's created-date filter gives a day.
const dateLayout = "2006-01-02"

// createdRange reads a filter's created-date range as Unix milliseconds: from
// the start of CreatedFrom up to (not including) the start of the day after
// CreatedTo, in the workstation's time zone (the one its user sees dates in).
// Zero means no bound. Returns EINVALID on createdFrom or createdTo for a day
// that is not a date, or on createdTo for a range that ends before it starts.
func createdRange(f desk.TicketFilter) (from, to int64, err error) {
	day := func(field, s string) (time.Time, error) {
		t, err := time.ParseInLocation(dateLayout, strings.TrimSpace(s), time.Local)
		if err != nil {
			return t, desk.Invalid(field, "Give the date as year-month-day, like 2026-03-31")
		}
		return t, nil
	}
	var start, end time.Time
	if strings.TrimSpace(f.CreatedFrom) != "" {
		if start, err = day("createdFrom", f.CreatedFrom); err != nil {
			return 0, 0, err
		}
		from = start.UnixMilli()
	}
	if strings.TrimSpace(f.CreatedTo) != "" {
		if end, err = day("createdTo", f.CreatedTo); err != nil {
			return 0, 0, err
		}
		to = end.AddDate(0, 0, 1).UnixMilli()
	}
	if from > 0 && to > 0 && end.Before(start) {
		return 0, 0, desk.Invalid("createdTo", "The end date is before the start date")
	}
	return from, to, nil
}
