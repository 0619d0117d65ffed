package desk

// InsightFilter narrows a dashboard: a range of local days (both ends
// included, "2006-01-02") and at most one subject, source and assignee. An
// empty field does not filter.
type InsightFilter struct {
	From       string `json:"from"`
	To         string `json:"to"`
	SubjectID  string `json:"subjectId"`
	SourceID   string `json:"sourceId"`
	AssigneeID string `json:"assigneeId"`
}

// Slice is one bar or slice of a chart: what it counts (Key: a status,
// subject, source or user id, or an age bucket) and how many. CreatedFrom
// and CreatedTo, when set, are the created-date range (local days) of the
// tickets it counts, for the queue's created-date filter.
type Slice struct {
	Key         string `json:"key"`
	Label       string `json:"label"`
	Count       int    `json:"count"`
	CreatedFrom string `json:"createdFrom,omitempty"`
	CreatedTo   string `json:"createdTo,omitempty"`
}

// DayCount is one local day of the range: tickets created that day and
// tickets resolved (or closed) that day that are still resolved or closed.
type DayCount struct {
	Day      string `json:"day"` // "2006-01-02"
	Created  int    `json:"created"`
	Resolved int    `json:"resolved"`
}

// TimeStats sums up one SLA clock over a group of tickets: how many clocks
// stopped, how many in time, and the median and 90th percentile of the time
// they took in seconds of the policy's measure (business time under a
// business-hours policy). The percentiles are read from the insight
// histogram (interpolated within a bucket), -1 when nothing stopped.
type TimeStats struct {
	Count      int     `json:"count"`
	Met        int     `json:"met"`
	MetShare   float64 `json:"metShare"` // Met/Count, 0 when Count is 0
	MedianSecs int64   `json:"medianSecs"`
	P90Secs    int64   `json:"p90Secs"`
}

// SLARow is the SLA picture of one week, subject or person.
type SLARow struct {
	Key        string    `json:"key"` // the week's Monday ("2006-01-02"), a subject or a user id
	Label      string    `json:"label"`
	Response   TimeStats `json:"response"`
	Resolution TimeStats `json:"resolution"`
}

// TeamInsight is the Team dashboard: every panel under the same filter.
// The open-ticket panels count the tickets open now (the date range does not
// narrow a picture of the present); the others count what happened to the
// tickets in the range.
type TeamInsight struct {
	At       string        `json:"at"`
	Filter   InsightFilter `json:"filter"` // with the range filled in
	Days     []DayCount    `json:"days"`
	Created  int           `json:"created"`
	Resolved int           `json:"resolved"`
	// Open tickets (Open, In Progress, Waiting for Customer) now.
	OpenByStatus   []Slice `json:"openByStatus"`
	OpenBySubject  []Slice `json:"openBySubject"` // a ticket counts under each of its subjects
	OpenBySource   []Slice `json:"openBySource"`
	OpenByAssignee []Slice `json:"openByAssignee"` // and under each assignee; "(unassigned)" for nobody
	Age            []Slice `json:"age"`            // open tickets by how long ago they were created
	// Tickets created in the range by local hour of the day (0-23) and by
	// day of the week (Monday first).
	Hours    []int `json:"hours"`
	Weekdays []int `json:"weekdays"`
	// SLA times of the tickets created in the range.
	SLA         SLARow   `json:"sla"` // all of them
	SLAWeeks    []SLARow `json:"slaWeeks"`
	SLASubjects []SLARow `json:"slaSubjects"`
	SLAPeople   []SLARow `json:"slaPeople"`
}

// ChangedTicket is a ticket of mine that changed since I last looked.
type ChangedTicket struct {
	ID        string `json:"id"`
	Number    int64  `json:"number"`
	Status    string `json:"status"`
	UpdatedAt string `json:"updatedAt"` // RFC 3339
}

// MyInsight is the Mine dashboard of the signed-in user.
type MyInsight struct {
	At           string          `json:"at"`
	OpenByStatus []Slice         `json:"openByStatus"` // my tickets not resolved or closed
	TasksDue     int             `json:"tasksDue"`     // my open tasks due today (not yet overdue)
	TasksOverdue int             `json:"tasksOverdue"` // my open tasks past their due time
	SLABreached  int             `json:"slaBreached"`
	SLAAtRisk    int             `json:"slaAtRisk"` // past the warning share, not yet breached
	SeenAt       string          `json:"seenAt"`    // when I last marked the dashboard seen; "" never
	Changed      []ChangedTicket `json:"changed"`   // my tickets changed since then, newest first (at most 20)
	ChangedCount int             `json:"changedCount"`
}
