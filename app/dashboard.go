package app

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"deskline/internal/desk"
	"deskline/internal/sheet"
)

// DashboardService gives the dashboards: the team's counts, the Team
// dashboard's charts (managers and admins) and each user's own (Mine).
type DashboardService struct {
	c *core
	a *App
}

// Team counts the team's work now; "today" starts at the workstation's
// midnight.
// Only a role that sees every ticket sees the team's counts.
func (s *DashboardService) Team() (desk.Dashboard, error) {
	if err := s.c.need(desk.ActSeeAll); err != nil {
		return desk.Dashboard{}, err
	}
	return s.c.store.Dashboard(bg, time.Local)
}

// TeamInsight gives the Team dashboard's panels under filter, in the
// workstation's days and hours. Returns EFORBIDDEN unless the signed-in user
// is a manager or an admin, EINVALID for a bad date range.
func (s *DashboardService) TeamInsight(f desk.InsightFilter) (desk.TeamInsight, error) {
	u, err := s.c.allow(desk.ActTeamDashboard)
	if err != nil {
		return desk.TeamInsight{}, err
	}
	return s.c.store.TeamInsight(bg, u.ID, f, time.Local)
}

// Mine gives the signed-in user's own dashboard.
func (s *DashboardService) Mine() (desk.MyInsight, error) {
	uid, err := s.c.userID(bg)
	if err != nil {
		return desk.MyInsight{}, err
	}
	return s.c.store.MyInsight(bg, uid, time.Local)
}

// MarkMineSeen starts the signed-in user's "changed since I last looked"
// list again from now.
func (s *DashboardService) MarkMineSeen() error {
	uid, err := s.c.userID(bg)
	if err != nil {
		return err
	}
	return s.c.store.MarkMineSeen(bg, uid)
}

// ExportPanel asks where to save one panel of the Team dashboard (under
// filter) as CSV and writes its numbers there. panel is one of the names in
// panelTable. Returns the path saved to ("" if the user cancelled).
func (s *DashboardService) ExportPanel(f desk.InsightFilter, panel string) (string, error) {
	ti, err := s.TeamInsight(f)
	if err != nil {
		return "", err
	}
	table, title, err := panelTable(ti, panel)
	if err != nil {
		return "", err
	}
	name := fmt.Sprintf("Deskline %s %s to %s.csv", title, ti.Filter.From, ti.Filter.To)
	dst, err := s.a.dialogs.SaveFile("Export "+title, name, "CSV file (*.csv)")
	if err != nil || dst == "" {
		return "", err
	}
	if err := saveWhole(dst, func(w io.Writer) error { return writeTableCSV(w, table) }); err != nil {
		return "", err
	}
	return dst, nil
}

// writeTableCSV writes rows (the first is the header) as CSV, each cell
// guarded against formula use (sheet.Guard).
func writeTableCSV(w io.Writer, rows [][]string) error {
	cw := sheet.NewCSVWriter(w)
	for _, r := range rows {
		if err := cw.Write(r); err != nil {
			return err
		}
	}
	return cw.Close()
}

// panelTable lays out one panel's numbers as a table with a header row, and
// names the panel. Returns EINVALID on panel for a name it does not know.
func panelTable(ti desk.TeamInsight, panel string) ([][]string, string, error) {
	itoa := strconv.Itoa
	slices := func(title, what string, ss []desk.Slice) ([][]string, string, error) {
		rows := [][]string{{what, "Open tickets"}}
		for _, s := range ss {
			rows = append(rows, []string{s.Label, itoa(s.Count)})
		}
		return rows, title, nil
	}
	secs := func(n int64) string {
		if n < 0 {
			return ""
		}
		return strconv.FormatFloat(float64(n)/3600, 'f', 2, 64)
	}
	stats := func(t desk.TimeStats) []string {
		return []string{itoa(t.Count), itoa(t.Met), strconv.FormatFloat(t.MetShare*100, 'f', 1, 64), secs(t.MedianSecs), secs(t.P90Secs)}
	}
	sla := func(title, what string, rs []desk.SLARow) ([][]string, string, error) {
		rows := [][]string{{what,
			"First responses", "First responses in time", "First responses in time (%)", "First response median (hours)", "First response 90th percentile (hours)",
			"Resolutions", "Resolutions in time", "Resolutions in time (%)", "Resolution median (hours)", "Resolution 90th percentile (hours)"}}
		for _, r := range rs {
			rows = append(rows, append(append([]string{r.Label}, stats(r.Response)...), stats(r.Resolution)...))
		}
		return rows, title, nil
	}
	switch panel {
	case "days":
		rows := [][]string{{"Day", "Created", "Resolved"}}
		for _, d := range ti.Days {
			rows = append(rows, []string{d.Day, itoa(d.Created), itoa(d.Resolved)})
		}
		return rows, "created and resolved", nil
	case "openByStatus":
		return slices("open by status", "Status", ti.OpenByStatus)
	case "openBySubject":
		return slices("open by subject", "Subject", ti.OpenBySubject)
	case "openBySource":
		return slices("open by source", "Source", ti.OpenBySource)
	case "openByAssignee":
		return slices("open by assignee", "Assignee", ti.OpenByAssignee)
	case "age":
		return slices("age of open tickets", "Age", ti.Age)
	case "hours":
		rows := [][]string{{"Hour", "Created"}}
		for h, n := range ti.Hours {
			rows = append(rows, []string{fmt.Sprintf("%02d:00", h), itoa(n)})
		}
		return rows, "busiest hours", nil
	case "weekdays":
		rows := [][]string{{"Day of the week", "Created"}}
		for i, n := range ti.Weekdays {
			rows = append(rows, []string{time.Weekday((i + 1) % 7).String(), itoa(n)})
		}
		return rows, "busiest days", nil
	case "slaWeeks":
		return sla("SLA per week", "Week", ti.SLAWeeks)
	case "slaSubjects":
		return sla("SLA per subject", "Subject", ti.SLASubjects)
	case "slaPeople":
		return sla("SLA per person", "Person", ti.SLAPeople)
	}
	return nil, "", desk.Invalid("panel", "There is no dashboard panel called %q", panel)
}
