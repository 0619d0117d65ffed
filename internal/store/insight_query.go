package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// maxInsightDays is the longest range a dashboard counts over.
const maxInsightDays = 400

// insightRange reads a filter's range of local days as [from, to) in Unix
// milliseconds; an empty range is the last 30 days up to today. Returns
// EINVALID on from or to for a day that is not a date, a range that ends
// before it starts or one longer than maxInsightDays.
func insightRange(f *desk.InsightFilter, now time.Time, loc *time.Location) (from, to time.Time, err error) {
	today := time.Date(now.In(loc).Year(), now.In(loc).Month(), now.In(loc).Day(), 0, 0, 0, 0, loc)
	day := func(field, s string, def time.Time) (time.Time, error) {
		if strings.TrimSpace(s) == "" {
			return def, nil
		}
		t, err := time.ParseInLocation(dateLayout, strings.TrimSpace(s), loc)
		if err != nil {
			return t, desk.Invalid(field, "Give the date as year-month-day, like 2026-03-31")
		}
		return t, nil
	}
	if to, err = day("to", f.To, today); err != nil {
		return
	}
	if from, err = day("from", f.From, to.AddDate(0, 0, -29)); err != nil {
		return
	}
	if to.Before(from) {
		return from, to, desk.Invalid("to", "The end date is before the start date")
	}
	to = to.AddDate(0, 0, 1)
	if to.Sub(from) > maxInsightDays*24*time.Hour+time.Hour {
		return from, to, desk.Invalid("from", "A dashboard covers at most %d days", maxInsightDays)
	}
	f.From, f.To = from.Format(dateLayout), to.AddDate(0, 0, -1).Format(dateLayout)
	return from, to, nil
}

// insightKey is the (user, subject) key of the read model rows a filter
// reads, and the source condition it adds.
func insightKey(f desk.InsightFilter) (user, subject, sourceCond string, sourceArgs []any) {
	if f.SourceID != "" {
		sourceCond, sourceArgs = " AND source_id = ?", []any{f.SourceID}
	}
	return f.AssigneeID, f.SubjectID, sourceCond, sourceArgs
}

// mayManage returns EFORBIDDEN unless the user is an active manager or admin.
func mayManage(ctx context.Context, q *dbsqlc.Queries, userID, what string) error {
	u, err := q.GetUser(ctx, userID)
	if err == sql.ErrNoRows {
		return desk.Errorf(desk.EFORBIDDEN, "choose who you are in the sidebar first")
	}
	if err != nil {
		return err
	}
	if u.Active == 0 || !desk.Can(desk.Role(u.Role), desk.ActTeamDashboard) {
		return desk.Errorf(desk.EFORBIDDEN, "only a manager or an admin can %s", what)
	}
	return nil
}

// TeamInsight counts the Team dashboard for userID, who must be an active
// manager or admin (EFORBIDDEN otherwise), under filter f; loc is the zone
// whose days and hours the charts show. Every number comes from the insight
// and queue read models through their primary keys: no ticket row is read.
// Returns EINVALID for a bad range (see insightRange).
//
// Hours and days are read from UTC hours, exact in zones a whole number of
// hours from UTC; the SLA panels group tickets by the UTC day they were
// created.
func (s *Store) TeamInsight(ctx context.Context, userID string, f desk.InsightFilter, loc *time.Location) (desk.TeamInsight, error) {
	now := s.clock.Now()
	var out desk.TeamInsight
	from, to, err := insightRange(&f, now, loc)
	if err != nil {
		return out, err
	}
	out = desk.TeamInsight{At: rfc3339(now.UnixMilli()), Filter: f, Days: []desk.DayCount{},
		Hours: make([]int, 24), Weekdays: make([]int, 7)}
	err = s.readTx(ctx, func(q *dbsqlc.Queries, tx *sql.Tx) error {
		if err := mayManage(ctx, q, userID, "see the team dashboard"); err != nil {
			return err
		}
		names, isUser, err := insightNames(ctx, q)
		if err != nil {
			return err
		}
		if err := countDays(ctx, tx, f, from, to, loc, &out); err != nil {
			return err
		}
		if err := countOpen(ctx, tx, f, now, loc, names, &out.OpenByStatus, &out.OpenBySubject, &out.OpenBySource, &out.OpenByAssignee, &out.Age); err != nil {
			return err
		}
		return countTimes(ctx, tx, f, from, to, names, isUser, &out)
	})
	return out, err
}

// The insight queries, here so that the query-plan test reads the same
// text. srcCond is "" or " AND source_id = ?"; each reads one key range of
// its table's primary key (insight_plan_test.go).

// insightDaysSQL counts tickets of one kind per hour over a range.
func insightDaysSQL(srcCond string) string {
	return `SELECT hour, sum(n) FROM insight_counts
		WHERE user_id = ? AND subject_id = ? AND kind = ? AND hour >= ? AND hour < ?` + srcCond + ` GROUP BY hour`
}

// openGroupSQL counts open tickets by col under where (on user_id and
// subject_id).
func openGroupSQL(col, where, srcCond string) string {
	return `SELECT ` + col + `, sum(n) FROM queue_counts WHERE ` + where +
		` AND status IN ('open', 'in_progress', 'waiting')` + srcCond + ` GROUP BY ` + col
}

// openAgeSQL counts open tickets created in the hours cond selects.
func openAgeSQL(cond, srcCond string) string {
	return `SELECT coalesce(sum(n), 0) FROM insight_counts
		WHERE user_id = ? AND subject_id = ? AND kind = 'open' AND ` + cond + srcCond
}

// insightTimesSQL sums SLA time buckets by keyCol under where over a range
// of days.
func insightTimesSQL(keyCol, where, srcCond string) string {
	return `SELECT ` + keyCol + `, clock, bucket, sum(n), sum(met) FROM insight_times
		WHERE ` + where + ` AND clock IN ('response', 'resolution') AND day >= ? AND day < ?` + srcCond +
		` GROUP BY 1, clock, bucket`
}

// insightNames maps subject, source and user ids to their names.
func insightNames(ctx context.Context, q *dbsqlc.Queries) (names map[string]string, isUser map[string]bool, err error) {
	names = map[string]string{"": "No source", unassignedKey: "Unassigned"}
	isUser = map[string]bool{}
	for _, kind := range []string{"subject", "source"} {
		items, err := q.ListCatalogItems(ctx, dbsqlc.ListCatalogItemsParams{Kind: kind, IncludeInactive: true})
		if err != nil {
			return nil, nil, err
		}
		for _, it := range items {
			names[it.ID] = it.Name
		}
	}
	users, err := q.ListUsers(ctx)
	if err != nil {
		return nil, nil, err
	}
	for _, u := range users {
		names[u.ID] = u.Name
		isUser[u.ID] = true
	}
	return names, isUser, nil
}

// countDays fills the created and resolved tickets per day, hour of the day
// and day of the week.
func countDays(ctx context.Context, tx *sql.Tx, f desk.InsightFilter, from, to time.Time, loc *time.Location, out *desk.TeamInsight) error {
	index := map[string]int{}
	for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
		index[d.Format(dateLayout)] = len(out.Days)
		out.Days = append(out.Days, desk.DayCount{Day: d.Format(dateLayout)})
	}
	user, subject, srcCond, srcArgs := insightKey(f)
	for _, kind := range []string{"created", "resolved"} {
		rows, err := tx.QueryContext(ctx, insightDaysSQL(srcCond),
			append([]any{user, subject, kind, from.UnixMilli(), to.UnixMilli()}, srcArgs...)...)
		if err != nil {
			return fmt.Errorf("count days: %w", err)
		}
		for rows.Next() {
			var hour int64
			var n int
			if err := rows.Scan(&hour, &n); err != nil {
				rows.Close()
				return err
			}
			t := time.UnixMilli(hour).In(loc)
			i, ok := index[t.Format(dateLayout)]
			if !ok {
				continue
			}
			if kind == "created" {
				out.Days[i].Created += n
				out.Created += n
				out.Hours[t.Hour()] += n
				out.Weekdays[(int(t.Weekday())+6)%7] += n
			} else {
				out.Days[i].Resolved += n
				out.Resolved += n
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// openStatuses are the statuses of a ticket still open.
var openStatuses = []desk.Status{desk.StatusOpen, desk.StatusInProgress, desk.StatusWaiting}

// ageBuckets are the open tickets' age buckets: created at least min and
// less than max days ago (max 0: no upper bound).
var ageBuckets = []struct {
	key, label string
	min, max   int
}{
	{"0-1", "Under a day", 0, 1}, {"1-3", "1 to 3 days", 1, 3}, {"3-7", "3 to 7 days", 3, 7},
	{"7-30", "7 to 30 days", 7, 30}, {"30-", "30 days or more", 30, 0},
}

// countOpen fills the panels of the tickets open now, from queue_counts
// (status, subject, source, assignee) and insight_counts (age).
func countOpen(ctx context.Context, tx *sql.Tx, f desk.InsightFilter, now time.Time, loc *time.Location, names map[string]string,
	byStatus, bySubject, bySource, byAssignee, age *[]desk.Slice) error {
	user, subject, srcCond, srcArgs := insightKey(f)
	group := func(col, where string, args []any, skip func(key string) bool) ([]desk.Slice, error) {
		rows, err := tx.QueryContext(ctx, openGroupSQL(col, where, srcCond), append(args, srcArgs...)...)
		if err != nil {
			return nil, fmt.Errorf("count open: %w", err)
		}
		defer rows.Close()
		out := []desk.Slice{}
		for rows.Next() {
			var sl desk.Slice
			if err := rows.Scan(&sl.Key, &sl.Count); err != nil {
				return nil, err
			}
			if sl.Count == 0 || (skip != nil && skip(sl.Key)) {
				continue
			}
			sl.Label = names[sl.Key]
			out = append(out, sl)
		}
		// Largest first; equal counts by name.
		sort.SliceStable(out, func(i, j int) bool {
			if out[i].Count != out[j].Count {
				return out[i].Count > out[j].Count
			}
			return out[i].Label < out[j].Label
		})
		return out, rows.Err()
	}
	var err error
	st, err := group("status", "user_id = ? AND subject_id = ?", []any{user, subject}, nil)
	if err != nil {
		return err
	}
	counts := map[string]int{}
	for _, sl := range st {
		counts[sl.Key] = sl.Count
	}
	*byStatus = []desk.Slice{}
	for _, s := range openStatuses {
		*byStatus = append(*byStatus, desk.Slice{Key: string(s), Label: s.Label(), Count: counts[string(s)]})
	}
	if subject != "" {
		*bySubject, err = group("subject_id", "user_id = ? AND subject_id = ?", []any{user, subject}, nil)
	} else {
		*bySubject, err = group("subject_id", "user_id = ? AND subject_id <> ''", []any{user}, nil)
	}
	if err != nil {
		return err
	}
	if *bySource, err = group("source_id", "user_id = ? AND subject_id = ?", []any{user, subject}, nil); err != nil {
		return err
	}
	if user != "" {
		*byAssignee, err = group("user_id", "user_id = ? AND subject_id = ?", []any{user, subject}, nil)
	} else {
		*byAssignee, err = group("user_id", "user_id <> '' AND subject_id = ?", []any{subject}, nil)
	}
	if err != nil {
		return err
	}

	// Age: open tickets per hour of creation, into buckets of local days.
	local := now.In(loc)
	today := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc)
	*age = []desk.Slice{}
	for _, b := range ageBuckets {
		// Created on or after the start of this bucket's oldest day and
		// before the day after its newest: "under a day" is today.
		newest := today.AddDate(0, 0, -b.min)
		sl := desk.Slice{Key: b.key, Label: b.label, CreatedTo: newest.Format(dateLayout)}
		cond, args := "hour < ?", []any{newest.AddDate(0, 0, 1).UnixMilli()}
		if b.max > 0 {
			oldest := today.AddDate(0, 0, -(b.max - 1))
			sl.CreatedFrom = oldest.Format(dateLayout)
			cond, args = "hour >= ? AND hour < ?", []any{oldest.UnixMilli(), newest.AddDate(0, 0, 1).UnixMilli()}
		}
		err := tx.QueryRowContext(ctx, openAgeSQL(cond, srcCond),
			append(append([]any{user, subject}, args...), srcArgs...)...).Scan(&sl.Count)
		if err != nil {
			return fmt.Errorf("count age: %w", err)
		}
		*age = append(*age, sl)
	}
	return nil
}

// histogram is the bucket counts of one clock over a group of tickets.
type histogram struct {
	n, met  int
	buckets map[int]int
}

func (h *histogram) add(bucket, n, met int) {
	if h.buckets == nil {
		h.buckets = map[int]int{}
	}
	h.n += n
	h.met += met
	h.buckets[bucket] += n
}

// percentile returns the p-th (0..1) percentile in seconds, interpolated
// linearly within the bucket holding it; the open-ended last bucket gives
// its lower bound. -1 when the histogram is empty.
func (h histogram) percentile(p float64) int64 {
	if h.n == 0 {
		return -1
	}
	rank := int(math.Ceil(p * float64(h.n)))
	rank = max(rank, 1)
	seen := 0
	for b := 0; b <= len(insightBuckets); b++ {
		c := h.buckets[b]
		if c == 0 {
			continue
		}
		if seen+c >= rank {
			lo, hi := bucketBounds(b)
			if hi < 0 {
				return lo
			}
			return lo + int64(math.Round(float64(hi-lo)*float64(rank-seen)/float64(c)))
		}
		seen += c
	}
	return -1
}

func (h histogram) stats() desk.TimeStats {
	t := desk.TimeStats{Count: h.n, Met: h.met, MedianSecs: h.percentile(0.5), P90Secs: h.percentile(0.9)}
	if h.n > 0 {
		t.MetShare = float64(h.met) / float64(h.n)
	}
	return t
}

// slaGroup collects the two clocks' histograms of one week, subject or person.
type slaGroup struct{ response, resolution histogram }

func (g *slaGroup) add(clock string, bucket, n, met int) {
	if clock == "response" {
		g.response.add(bucket, n, met)
	} else {
		g.resolution.add(bucket, n, met)
	}
}

// countTimes fills the SLA panels: per week, per subject and per person.
func countTimes(ctx context.Context, tx *sql.Tx, f desk.InsightFilter, from, to time.Time, names map[string]string, isUser map[string]bool, out *desk.TeamInsight) error {
	user, subject, srcCond, srcArgs := insightKey(f)
	// The UTC days whose tickets fall in the range: those starting in it.
	fromDay := floorTo(from.UnixMilli()+dayMs-1, dayMs)
	toDay := floorTo(to.UnixMilli()+dayMs-1, dayMs)
	scan := func(keyCol, where string, args []any) (map[string]*slaGroup, error) {
		rows, err := tx.QueryContext(ctx, insightTimesSQL(keyCol, where, srcCond), append(append(args, fromDay, toDay), srcArgs...)...)
		if err != nil {
			return nil, fmt.Errorf("count SLA times: %w", err)
		}
		defer rows.Close()
		groups := map[string]*slaGroup{}
		for rows.Next() {
			var key, clock string
			var bucket, n, met int
			if err := rows.Scan(&key, &clock, &bucket, &n, &met); err != nil {
				return nil, err
			}
			g := groups[key]
			if g == nil {
				g = &slaGroup{}
				groups[key] = g
			}
			g.add(clock, bucket, n, met)
		}
		return groups, rows.Err()
	}
	rowsOf := func(groups map[string]*slaGroup, label func(string) string) []desk.SLARow {
		out := []desk.SLARow{}
		for k, g := range groups {
			out = append(out, desk.SLARow{Key: k, Label: label(k), Response: g.response.stats(), Resolution: g.resolution.stats()})
		}
		sort.Slice(out, func(i, j int) bool {
			return out[i].Label < out[j].Label || (out[i].Label == out[j].Label && out[i].Key < out[j].Key)
		})
		return out
	}
	name := func(k string) string { return names[k] }

	// Per week (Monday of the UTC day's week), and over all.
	byDay, err := scan("day", "user_id = ? AND subject_id = ?", []any{user, subject})
	if err != nil {
		return err
	}
	weeks := map[string]*slaGroup{}
	var all slaGroup
	for k, g := range byDay {
		var dayMsec int64
		fmt.Sscan(k, &dayMsec)
		d := time.UnixMilli(dayMsec).UTC()
		monday := d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7)).Format(dateLayout)
		w := weeks[monday]
		if w == nil {
			w = &slaGroup{}
			weeks[monday] = w
		}
		merge(w, g)
		merge(&all, g)
	}
	out.SLAWeeks = rowsOf(weeks, func(k string) string { return "Week of " + k })
	out.SLA = desk.SLARow{Key: "all", Label: "All", Response: all.response.stats(), Resolution: all.resolution.stats()}

	// Per subject (each ticket under each of its subjects).
	subjWhere, subjArgs := "user_id = ? AND subject_id > ''", []any{user}
	if subject != "" {
		subjWhere, subjArgs = "user_id = ? AND subject_id = ?", []any{user, subject}
	}
	bySubject, err := scan("subject_id", subjWhere, subjArgs)
	if err != nil {
		return err
	}
	out.SLASubjects = rowsOf(bySubject, name)

	// Per person (each ticket under each of its assignees): one key range
	// per person.
	people := []string{user}
	if user == "" {
		people = people[:0]
		for id := range names {
			if isUser[id] {
				people = append(people, id)
			}
		}
	}
	byPerson := map[string]*slaGroup{}
	for _, id := range people {
		g, err := scan("user_id", "user_id = ? AND subject_id = ?", []any{id, subject})
		if err != nil {
			return err
		}
		for k, v := range g {
			byPerson[k] = v
		}
	}
	out.SLAPeople = rowsOf(byPerson, name)
	return nil
}

func merge(dst, src *slaGroup) {
	for _, p := range []struct{ d, s *histogram }{{&dst.response, &src.response}, {&dst.resolution, &src.resolution}} {
		for b, n := range p.s.buckets {
			p.d.add(b, n, 0)
		}
		p.d.met += p.s.met
	}
}

// seenKey is the workstation setting holding when a user last marked the
// Mine dashboard seen (Unix milliseconds).
func seenKey(userID string) string { return "insight_seen:" + userID }

// MarkMineSeen records that userID has looked at their dashboard now: the
// "changed since" list starts again from here.
func (s *Store) MarkMineSeen(ctx context.Context, userID string) error {
	return s.SetLocalSetting(ctx, seenKey(userID), fmt.Sprint(s.clock.Now().UnixMilli()))
}

// MyInsight counts the Mine dashboard of userID: their tickets still open by
// status (queue_counts), their open tasks due today and overdue
// (tasks_assignee_open), their tickets breached or past the SLA warning
// (ticket_queue_due) and their tickets changed since they last marked the
// dashboard seen (ticket_queue_updated). loc is the zone whose midnight ends
// "today".
func (s *Store) MyInsight(ctx context.Context, userID string, loc *time.Location) (desk.MyInsight, error) {
	now := s.clock.Now()
	nowMs := now.UnixMilli()
	local := now.In(loc)
	tomorrow := time.Date(local.Year(), local.Month(), local.Day()+1, 0, 0, 0, 0, loc).UnixMilli()
	out := desk.MyInsight{At: rfc3339(nowMs), OpenByStatus: []desk.Slice{}, Changed: []desk.ChangedTicket{}}
	err := s.readTx(ctx, func(q *dbsqlc.Queries, tx *sql.Tx) error {
		var seen int64
		if v, err := q.GetSetting(ctx, seenKey(userID)); err == nil {
			fmt.Sscan(v, &seen)
			out.SeenAt = rfc3339(seen)
		} else if err != sql.ErrNoRows {
			return err
		}
		counts := map[string]int{}
		rows, err := tx.QueryContext(ctx, `SELECT status, sum(n) FROM queue_counts
			WHERE user_id = ? AND subject_id = '' AND status IN ('open', 'in_progress', 'waiting') GROUP BY status`, userID)
		if err != nil {
			return fmt.Errorf("my tickets: %w", err)
		}
		for rows.Next() {
			var st string
			var n int
			if err := rows.Scan(&st, &n); err != nil {
				rows.Close()
				return err
			}
			counts[st] = n
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, st := range openStatuses {
			out.OpenByStatus = append(out.OpenByStatus, desk.Slice{Key: string(st), Label: st.Label(), Count: counts[string(st)]})
		}
		for _, c := range []struct {
			dst  *int
			sql  string
			args []any
		}{
			{&out.TasksOverdue, `SELECT count(*) FROM tasks WHERE assignee_id = ? AND done_at IS NULL AND due_at < ?`, []any{userID, nowMs}},
			{&out.TasksDue, `SELECT count(*) FROM tasks WHERE assignee_id = ? AND done_at IS NULL AND due_at >= ? AND due_at < ?`, []any{userID, nowMs, tomorrow}},
			{&out.SLABreached, `SELECT count(*) FROM ticket_queue WHERE user_id = ? AND archived = 0 AND sla_next_due <= ?`, []any{userID, nowMs}},
			{&out.SLAAtRisk, `SELECT count(*) FROM ticket_queue q JOIN tickets t ON t.id = q.ticket_id
				WHERE q.user_id = ? AND q.archived = 0 AND q.sla_next_due > ? AND t.sla_next_warn <= ?`, []any{userID, nowMs, nowMs}},
			{&out.ChangedCount, `SELECT count(*) FROM ticket_queue WHERE user_id = ? AND archived = 0 AND updated_at > ?`, []any{userID, seen}},
		} {
			if err := tx.QueryRowContext(ctx, c.sql, c.args...).Scan(c.dst); err != nil {
				return fmt.Errorf("my dashboard: %w", err)
			}
		}
		changed, err := tx.QueryContext(ctx, `SELECT q.ticket_id, t.number, q.status, q.updated_at FROM ticket_queue q
			JOIN tickets t ON t.id = q.ticket_id
			WHERE q.user_id = ? AND q.archived = 0 AND q.updated_at > ? ORDER BY q.updated_at DESC LIMIT 20`, userID, seen)
		if err != nil {
			return fmt.Errorf("my changed tickets: %w", err)
		}
		defer changed.Close()
		for changed.Next() {
			var c desk.ChangedTicket
			var upd int64
			if err := changed.Scan(&c.ID, &c.Number, &c.Status, &upd); err != nil {
				return err
			}
			c.UpdatedAt = rfc3339(upd)
			out.Changed = append(out.Changed, c)
		}
		return changed.Err()
	})
	return out, err
}
