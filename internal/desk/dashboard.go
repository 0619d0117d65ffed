package desk

// Dashboard is the team's picture at one moment: how much work is in each
// status, what the SLA looks like, how the week went and who carries what.
type Dashboard struct {
	At string `json:"at"` // when it was counted (RFC 3339)
	// Statuses counts the tickets in each status that is still being worked
	// (Open, In Progress, Waiting for Customer, Resolved); Closed is archived.
	Statuses         []StatusCount `json:"statuses"`
	Active           int           `json:"active"` // the sum of Statuses
	Unassigned       int           `json:"unassigned"`
	SLABreached      int           `json:"slaBreached"`
	SLABreachingSoon int           `json:"slaBreachingSoon"`
	CreatedToday     int           `json:"createdToday"` // since local midnight of the workstation
	CreatedWeek      int           `json:"createdWeek"`  // the last 7 days
	ClosedWeek       int           `json:"closedWeek"`   // closed, last changed in the last 7 days
	Team             []Workload    `json:"team"`
}

// StatusCount is the number of tickets in one status.
type StatusCount struct {
	Status string `json:"status"`
	Label  string `json:"label"`
	Count  int    `json:"count"`
}

// Workload is what one person carries: their assigned tickets by status,
// and how many of those have a breached SLA clock.
type Workload struct {
	User       UserRef `json:"user"`
	Open       int     `json:"open"`
	InProgress int     `json:"inProgress"`
	Waiting    int     `json:"waiting"`
	Resolved   int     `json:"resolved"`
	Breached   int     `json:"breached"`
	Total      int     `json:"total"`
}
