package app

import (
	"time"

	"deskline/internal/desk"
)

// DashboardService gives the team's counts: work by status, SLA, the week,
// and each person's load.
type DashboardService struct{ c *core }

// Team counts the team's work now; "today" starts at the workstation's
// midnight.
// Only a role that sees every ticket sees the team's counts.
func (s *DashboardService) Team() (desk.Dashboard, error) {
	if err := s.c.need(desk.ActSeeAll); err != nil {
		return desk.Dashboard{}, err
	}
	return s.c.store.Dashboard(bg, time.Local)
}
