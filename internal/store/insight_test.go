package store_test

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	"deskline/db"
	"deskline/internal/desk"
	"deskline/internal/store"
)

// insightDesk is a desk with five tickets over Monday to Wednesday
// 2 to 4 March 2026 (UTC), under business hours Mon–Fri 09:00–18:00 UTC and
// the default policy (Medium: first response 4 h, resolution 24 h; Urgent:
// 30 min and 4 h of business time):
//
//	t1 Mon 09:00 Complaint+Technical Support, Walk-in, Asha: call 10:00 (60 min, met); resolved 12:00 (180 min, met)
//	t2 Mon 17:00 Complaint, Walk-in, Bob: waiting 17:30 (a first response, 30 min, met; the resolution
//	   clock paused); in progress Tue 10:00; call Tue 11:00; resolved Tue 12:00 (30 + 120 = 150 min, met)
//	t3 Mon 10:00 Technical Support, Phone, Asha: call 10:30 (30 min, met); resolved 11:00;
//	   reopened Tue 09:00; resolved Wed 09:00 (60 min + 9 h = 600 min, met)
//	t4 Tue 14:00 Complaint, Walk-in, nobody: open, unanswered
//	t5 Wed 08:00 Urgent, Technical Support, Phone, Bob: in progress 08:30; call 10:00 (60 min of
//	   business time, late); its resolution clock (4 h from 09:00) warns at 12:12 and is due at 13:00
//
// counted at Wed 12:00.
type insightDesk struct {
	s                  *store.Store
	f                  fixture
	bob, maya          desk.User
	t1, t2, t3, t4, t5 string
	now                time.Time
	clk                *desk.ManualClock
}

func mustInsightDesk(t *testing.T, path string) insightDesk {
	t.Helper()
	ctx := context.Background()
	mon := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	at := func(day, h, m int) time.Time {
		return mon.AddDate(0, 0, day).Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
	}
	clk := desk.NewManualClock(at(0, 8, 0))
	s, err := store.Open(ctx, path, store.WithClock(clk))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	f := mustWorkspace(t, s)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	d := insightDesk{s: s, f: f, now: at(2, 12, 0), clk: clk}
	d.bob, err = s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Bob", Role: "support", Active: true})
	must(err)
	d.maya, err = s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Maya", Role: "manager", Active: true})
	must(err)
	cfg, err := s.SLAConfig(ctx)
	must(err)
	cfg.Calendars[0].Zone = "UTC"
	_, err = s.SaveSLAConfig(ctx, f.admin.ID, cfg)
	must(err)

	create := func(when time.Time, priority, source string, subjects ...string) string {
		t.Helper()
		clk.Set(when)
		in := desk.NewTicket{ContactID: f.customer.ID, Mobile: f.customer.Mobile, SourceID: f.sources[source], Priority: priority}
		for _, n := range subjects {
			in.SubjectIDs = append(in.SubjectIDs, f.subjects[n])
		}
		id, err := s.CreateTicket(ctx, f.admin.ID, in)
		must(err)
		return id
	}
	status := func(when time.Time, id, st string) {
		t.Helper()
		clk.Set(when)
		must(s.ChangeStatus(ctx, f.admin.ID, id, desk.StatusChange{Status: st, Resolution: "Done"}))
	}
	call := func(when time.Time, id string) {
		t.Helper()
		clk.Set(when)
		must(s.AddNote(ctx, f.admin.ID, id, "Called the customer", "call"))
	}
	toBob := func(id string) {
		t.Helper()
		must(s.AddAssignees(ctx, f.admin.ID, id, []string{d.bob.ID}))
		must(s.RemoveAssignee(ctx, f.admin.ID, id, f.admin.ID))
	}

	d.t1 = create(at(0, 9, 0), "medium", "Walk-in", "Complaint", "Technical Support")
	d.t3 = create(at(0, 10, 0), "medium", "Phone", "Technical Support")
	call(at(0, 10, 0), d.t1)
	call(at(0, 10, 30), d.t3)
	status(at(0, 11, 0), d.t3, "resolved")
	status(at(0, 12, 0), d.t1, "resolved")
	d.t2 = create(at(0, 17, 0), "medium", "Walk-in", "Complaint")
	toBob(d.t2)
	status(at(0, 17, 30), d.t2, "waiting")
	status(at(1, 9, 0), d.t3, "open")
	status(at(1, 10, 0), d.t2, "in_progress")
	call(at(1, 11, 0), d.t2)
	status(at(1, 12, 0), d.t2, "resolved")
	d.t4 = create(at(1, 14, 0), "medium", "Walk-in", "Complaint")
	clk.Set(at(1, 14, 0))
	must(s.RemoveAssignee(ctx, f.admin.ID, d.t4, f.admin.ID))
	d.t5 = create(at(2, 8, 0), "urgent", "Phone", "Technical Support")
	toBob(d.t5)
	status(at(2, 8, 30), d.t5, "in_progress")
	status(at(2, 9, 0), d.t3, "resolved")
	call(at(2, 10, 0), d.t5)
	clk.Set(d.now)
	return d
}

func stats(n, met int, median, p90 int64) desk.TimeStats {
	share := 0.0
	if n > 0 {
		share = float64(met) / float64(n)
	}
	return desk.TimeStats{Count: n, Met: met, MetShare: share, MedianSecs: median, P90Secs: p90}
}

const minute = int64(60)

func TestTeamInsight(t *testing.T) {
	ctx := context.Background()
	d := mustInsightDesk(t, filepath.Join(t.TempDir(), "deskline.db"))
	s, f := d.s, d.f
	week := desk.InsightFilter{From: "2026-03-02", To: "2026-03-04"}

	t.Run("OK", func(t *testing.T) {
		ti, err := s.TeamInsight(ctx, f.admin.ID, week, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		wantDays := []desk.DayCount{{Day: "2026-03-02", Created: 3, Resolved: 1}, {Day: "2026-03-03", Created: 1, Resolved: 1}, {Day: "2026-03-04", Created: 1, Resolved: 1}}
		if !reflect.DeepEqual(ti.Days, wantDays) || ti.Created != 5 || ti.Resolved != 3 {
			t.Errorf("days = %+v (created %d, resolved %d)", ti.Days, ti.Created, ti.Resolved)
		}
		hours := make([]int, 24)
		hours[8], hours[9], hours[10], hours[14], hours[17] = 1, 1, 1, 1, 1
		if !reflect.DeepEqual(ti.Hours, hours) || !reflect.DeepEqual(ti.Weekdays, []int{3, 1, 1, 0, 0, 0, 0}) {
			t.Errorf("hours = %v, weekdays = %v", ti.Hours, ti.Weekdays)
		}
		wantStatus := []desk.Slice{{Key: "open", Label: "Open", Count: 1}, {Key: "in_progress", Label: "In Progress", Count: 1}, {Key: "waiting", Label: "Waiting for Customer", Count: 0}}
		if !reflect.DeepEqual(ti.OpenByStatus, wantStatus) {
			t.Errorf("open by status = %+v", ti.OpenByStatus)
		}
		wantSubject := []desk.Slice{{Key: f.subjects["Complaint"], Label: "Complaint", Count: 1}, {Key: f.subjects["Technical Support"], Label: "Technical Support", Count: 1}}
		if !reflect.DeepEqual(ti.OpenBySubject, wantSubject) {
			t.Errorf("open by subject = %+v", ti.OpenBySubject)
		}
		wantSource := []desk.Slice{{Key: f.sources["Phone"], Label: "Phone", Count: 1}, {Key: f.sources["Walk-in"], Label: "Walk-in", Count: 1}}
		if !reflect.DeepEqual(ti.OpenBySource, wantSource) {
			t.Errorf("open by source = %+v", ti.OpenBySource)
		}
		wantAssignee := []desk.Slice{{Key: d.bob.ID, Label: "Bob", Count: 1}, {Key: "(unassigned)", Label: "Unassigned", Count: 1}}
		if !reflect.DeepEqual(ti.OpenByAssignee, wantAssignee) {
			t.Errorf("open by assignee = %+v", ti.OpenByAssignee)
		}
		var age []int
		for _, a := range ti.Age {
			age = append(age, a.Count)
		}
		if !reflect.DeepEqual(age, []int{1, 1, 0, 0, 0}) || ti.Age[1].CreatedFrom != "2026-03-02" || ti.Age[1].CreatedTo != "2026-03-03" {
			t.Errorf("age = %+v", ti.Age)
		}

		// Responses: 30, 30, 60, 60 (late) minutes; resolutions 150, 180,
		// 600. Read from buckets: the median response is the second of four,
		// the second of two in [30, 45): 45; the 90th percentile the fourth,
		// the top of [60, 90). Resolutions: the second of three is alone in
		// [180, 240): 240; the third alone in [480, 720): 720.
		wantAll := desk.SLARow{Key: "all", Label: "All", Response: stats(4, 3, 45*minute, 90*minute), Resolution: stats(3, 3, 240*minute, 720*minute)}
		if !reflect.DeepEqual(ti.SLA, wantAll) {
			t.Errorf("SLA = %+v\nwant %+v", ti.SLA, wantAll)
		}
		if len(ti.SLAWeeks) != 1 || ti.SLAWeeks[0].Key != "2026-03-02" || ti.SLAWeeks[0].Response != wantAll.Response {
			t.Errorf("SLA weeks = %+v", ti.SLAWeeks)
		}
		// t1 counts under both its subjects.
		wantSubjects := []desk.SLARow{
			{Key: f.subjects["Complaint"], Label: "Complaint", Response: stats(2, 2, 45*minute, 90*minute), Resolution: stats(2, 2, 180*minute, 240*minute)},
			{Key: f.subjects["Technical Support"], Label: "Technical Support", Response: stats(3, 2, 75*minute, 90*minute), Resolution: stats(2, 2, 240*minute, 720*minute)},
		}
		if !reflect.DeepEqual(ti.SLASubjects, wantSubjects) {
			t.Errorf("SLA subjects = %+v\nwant %+v", ti.SLASubjects, wantSubjects)
		}
		wantPeople := []desk.SLARow{
			{Key: f.admin.ID, Label: "Asha Admin", Response: stats(2, 2, 45*minute, 90*minute), Resolution: stats(2, 2, 240*minute, 720*minute)},
			{Key: d.bob.ID, Label: "Bob", Response: stats(2, 1, 45*minute, 90*minute), Resolution: stats(1, 1, 180*minute, 180*minute)},
		}
		if !reflect.DeepEqual(ti.SLAPeople, wantPeople) {
			t.Errorf("SLA people = %+v\nwant %+v", ti.SLAPeople, wantPeople)
		}
	})

	t.Run("Filters", func(t *testing.T) {
		for _, c := range []struct {
			name              string
			f                 desk.InsightFilter
			created, resolved []int
			open              int
		}{
			{"subject", desk.InsightFilter{SubjectID: f.subjects["Technical Support"]}, []int{2, 0, 1}, []int{1, 0, 1}, 1},
			{"assignee", desk.InsightFilter{AssigneeID: d.bob.ID}, []int{1, 0, 1}, []int{0, 1, 0}, 1},
			{"source", desk.InsightFilter{SourceID: f.sources["Phone"]}, []int{1, 0, 1}, []int{0, 0, 1}, 1},
			{"subject and assignee", desk.InsightFilter{SubjectID: f.subjects["Complaint"], AssigneeID: d.bob.ID}, []int{1, 0, 0}, []int{0, 1, 0}, 0},
		} {
			c.f.From, c.f.To = week.From, week.To
			ti, err := s.TeamInsight(ctx, f.admin.ID, c.f, time.UTC)
			if err != nil {
				t.Fatal(err)
			}
			var created, resolved []int
			for _, day := range ti.Days {
				created, resolved = append(created, day.Created), append(resolved, day.Resolved)
			}
			open := 0
			for _, sl := range ti.OpenByStatus {
				open += sl.Count
			}
			if !reflect.DeepEqual(created, c.created) || !reflect.DeepEqual(resolved, c.resolved) || open != c.open {
				t.Errorf("%s: created %v resolved %v open %d, want %v %v %d", c.name, created, resolved, open, c.created, c.resolved, c.open)
			}
		}
	})

	t.Run("Range", func(t *testing.T) {
		ti, err := s.TeamInsight(ctx, f.admin.ID, desk.InsightFilter{From: "2026-03-03", To: "2026-03-03"}, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		if len(ti.Days) != 1 || ti.Created != 1 || ti.Resolved != 1 || ti.SLA.Response.Count != 0 {
			t.Errorf("Tuesday alone: %+v, SLA %+v", ti.Days, ti.SLA)
		}
		// The default range is the 30 days up to today.
		ti, err = s.TeamInsight(ctx, f.admin.ID, desk.InsightFilter{}, time.UTC)
		if err != nil || ti.Filter.From != "2026-02-03" || ti.Filter.To != "2026-03-04" || len(ti.Days) != 30 || ti.Created != 5 {
			t.Errorf("default range: %+v, %d days, %d created, %v", ti.Filter, len(ti.Days), ti.Created, err)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		for _, bad := range []desk.InsightFilter{{From: "March"}, {From: "2026-03-04", To: "2026-03-01"}, {From: "2024-01-01", To: "2026-03-01"}} {
			if _, err := s.TeamInsight(ctx, f.admin.ID, bad, time.UTC); desk.ErrorCode(err) != desk.EINVALID {
				t.Errorf("%+v: %v, want invalid", bad, err)
			}
		}
	})

	t.Run("ErrForbidden", func(t *testing.T) {
		if _, err := s.TeamInsight(ctx, d.bob.ID, week, time.UTC); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Errorf("support agent: %v, want forbidden", err)
		}
		if _, err := s.TeamInsight(ctx, d.maya.ID, week, time.UTC); err != nil {
			t.Errorf("manager: %v", err)
		}
	})
}

// The read model kept operation by operation is the one rebuilt from the
// tickets, and an upgrade from before it (schema 13) fills it the same.
func TestInsightRebuild(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "deskline.db")
	d := mustInsightDesk(t, path)
	week := desk.InsightFilter{From: "2026-03-02", To: "2026-03-04"}
	before, err := d.s.TeamInsight(ctx, d.f.admin.ID, week, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	incremental := insightTables(t, path)

	t.Run("Rebuild", func(t *testing.T) {
		if err := d.s.RebuildInsight(ctx); err != nil {
			t.Fatal(err)
		}
		if got := insightTables(t, path); !reflect.DeepEqual(got, incremental) {
			t.Errorf("rebuilt read model differs:\n%v\nwant\n%v", got, incremental)
		}
	})

	t.Run("Upgrade", func(t *testing.T) {
		if err := d.s.Close(); err != nil {
			t.Fatal(err)
		}
		raw, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		migrations, err := fs.Sub(db.Migrations, "migrations")
		if err != nil {
			t.Fatal(err)
		}
		p, err := goose.NewProvider(goose.DialectSQLite3, raw, migrations)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.DownTo(ctx, 13); err != nil {
			t.Fatal(err)
		}
		raw.Close()
		s, err := store.Open(ctx, path, store.WithClock(desk.NewManualClock(d.now)))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if got := insightTables(t, path); !reflect.DeepEqual(got, incremental) {
			t.Errorf("read model filled by the upgrade differs:\n%v\nwant\n%v", got, incremental)
		}
		after, err := s.TeamInsight(ctx, d.f.admin.ID, week, time.UTC)
		after.At = before.At
		if err != nil || !reflect.DeepEqual(after, before) {
			t.Errorf("after the upgrade: %+v, %v\nwant %+v", after, err, before)
		}
	})
}

// insightTables reads the insight tables, rows in key order.
func insightTables(t *testing.T, path string) []string {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var out []string
	for _, q := range []string{
		"SELECT user_id || '|' || subject_id || '|' || kind || '|' || hour || '|' || source_id || '|' || n FROM insight_counts WHERE n <> 0 ORDER BY 1",
		"SELECT user_id || '|' || subject_id || '|' || clock || '|' || day || '|' || source_id || '|' || bucket || '|' || n || '|' || met FROM insight_times WHERE n <> 0 ORDER BY 1",
		"SELECT ticket_id || '|' || state FROM insight_tickets ORDER BY 1",
	} {
		rows, err := raw.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				t.Fatal(err)
			}
			out = append(out, line)
		}
		rows.Close()
	}
	if len(out) == 0 {
		t.Fatal("the insight tables are empty")
	}
	return out
}

func TestMyInsight(t *testing.T) {
	ctx := context.Background()
	d := mustInsightDesk(t, filepath.Join(t.TempDir(), "deskline.db"))
	s := d.s
	// A task of Bob's on t5 overdue since 11:00, one due at 17:00 today, one tomorrow.
	for _, due := range []string{"2026-03-04T11:00:00Z", "2026-03-04T17:00:00Z", "2026-03-05T11:00:00Z"} {
		if _, err := s.SaveTask(ctx, d.bob.ID, desk.TaskInput{TicketID: d.t5, Title: "Call back", Due: due, AssigneeID: d.bob.ID}); err != nil {
			t.Fatal(err)
		}
	}
	d.clk.Set(d.now.Add(30 * time.Minute))
	t.Run("OK", func(t *testing.T) {
		m, err := s.MyInsight(ctx, d.bob.ID, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		// At 12:30 Bob has t5 in progress (t2 is resolved), past its warning.
		want := []desk.Slice{{Key: "open", Label: "Open", Count: 0}, {Key: "in_progress", Label: "In Progress", Count: 1}, {Key: "waiting", Label: "Waiting for Customer", Count: 0}}
		if !reflect.DeepEqual(m.OpenByStatus, want) {
			t.Errorf("open by status = %+v", m.OpenByStatus)
		}
		if m.TasksOverdue != 1 || m.TasksDue != 1 || m.SLABreached != 0 || m.SLAAtRisk != 1 {
			t.Errorf("tasks overdue %d due %d, SLA breached %d at risk %d", m.TasksOverdue, m.TasksDue, m.SLABreached, m.SLAAtRisk)
		}
		if m.SeenAt != "" || m.ChangedCount != 2 || len(m.Changed) != 2 || m.Changed[0].ID != d.t5 || m.Changed[1].ID != d.t2 {
			t.Errorf("changed = %d %+v (seen %q)", m.ChangedCount, m.Changed, m.SeenAt)
		}
	})
	t.Run("Seen", func(t *testing.T) {
		if err := s.MarkMineSeen(ctx, d.bob.ID); err != nil {
			t.Fatal(err)
		}
		m, err := s.MyInsight(ctx, d.bob.ID, time.UTC)
		if err != nil || m.ChangedCount != 0 || len(m.Changed) != 0 || !strings.HasPrefix(m.SeenAt, "2026-03-04T12:30") {
			t.Errorf("after marking seen: %d %+v %q %v", m.ChangedCount, m.Changed, m.SeenAt, err)
		}
	})
}
