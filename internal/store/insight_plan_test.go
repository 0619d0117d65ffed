package store

import (
	"strings"
	"testing"
)

// TestInsightQueryPlan: every query of the dashboards reads one key range of
// its read model's primary key (or of the index it names), with and without
// the source filter; none reads a ticket or a whole table.
func TestInsightQueryPlan(t *testing.T) {
	d := openQueueDesk(t)
	for _, src := range []string{"", " AND source_id = ?"} {
		srcArgs := []any{}
		if src != "" {
			srcArgs = []any{"src"}
		}
		for _, c := range []struct {
			name, query string
			args        []any
			want        string
		}{
			{"days", insightDaysSQL(src), []any{"", "", "created", 0, 1}, "SEARCH insight_counts USING PRIMARY KEY (user_id=? AND subject_id=? AND kind=? AND hour>? AND hour<?)"},
			{"age", openAgeSQL("hour >= ? AND hour < ?", src), []any{"u", "", 0, 1}, "SEARCH insight_counts USING PRIMARY KEY (user_id=? AND subject_id=? AND kind=? AND hour>? AND hour<?)"},
			{"age, oldest", openAgeSQL("hour < ?", src), []any{"", "s", 1}, "SEARCH insight_counts USING PRIMARY KEY (user_id=? AND subject_id=? AND kind=? AND hour<?)"},
			{"open by status", openGroupSQL("status", "user_id = ? AND subject_id = ?", src), []any{"", ""}, "SEARCH queue_counts USING PRIMARY KEY (user_id=? AND subject_id=? AND status=?)"},
			{"open by subject", openGroupSQL("subject_id", "user_id = ? AND subject_id <> ''", src), []any{""}, "SEARCH queue_counts USING PRIMARY KEY (user_id=?)"},
			{"times by day", insightTimesSQL("day", "user_id = ? AND subject_id = ?", src), []any{"", "", 0, 1}, "SEARCH insight_times USING PRIMARY KEY (user_id=? AND subject_id=? AND clock=? AND day>? AND day<?)"},
			{"times by subject", insightTimesSQL("subject_id", "user_id = ? AND subject_id > ''", src), []any{"", 0, 1}, "SEARCH insight_times USING PRIMARY KEY (user_id=? AND subject_id>?)"},
			{"times of a person", insightTimesSQL("user_id", "user_id = ? AND subject_id = ?", src), []any{"u", "", 0, 1}, "SEARCH insight_times USING PRIMARY KEY (user_id=? AND subject_id=? AND clock=? AND day>? AND day<?)"},
		} {
			plan := queryPlan(t, d.s, c.query, append(c.args, srcArgs...)...)
			joined := strings.Join(plan, "; ")
			if !strings.Contains(joined, c.want) || strings.Contains(joined, "SCAN ") {
				t.Errorf("%s (source %q): plan %q, want %q", c.name, src, joined, c.want)
			}
		}
	}
	// Mine: each count and the changed list read the signed-in user's rows
	// of an index.
	for _, c := range []struct{ query, want string }{
		{"SELECT count(*) FROM tasks WHERE assignee_id = ? AND done_at IS NULL AND due_at < ?", "USING INDEX tasks_assignee_open (assignee_id=? AND due_at<?)"},
		{"SELECT count(*) FROM ticket_queue WHERE user_id = ? AND archived = 0 AND sla_next_due <= ?", "ticket_queue_due (user_id=? AND archived=? AND sla_next_due<?)"},
		{`SELECT q.ticket_id, t.number, q.status, q.updated_at FROM ticket_queue q JOIN tickets t ON t.id = q.ticket_id
			WHERE q.user_id = ? AND q.archived = 0 AND q.updated_at > ? ORDER BY q.updated_at DESC LIMIT 20`, "ticket_queue_updated (user_id=? AND archived=? AND updated_at>?)"},
	} {
		plan := strings.Join(queryPlan(t, d.s, c.query, "u", 0), "; ")
		if !strings.Contains(plan, c.want) || strings.Contains(plan, "SCAN ") || strings.Contains(plan, "TEMP B-TREE") {
			t.Errorf("%s: plan %q, want %q", c.query, plan, c.want)
		}
	}
}
