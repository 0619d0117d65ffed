package store

import (
	"context"
	"strings"
	"testing"

	"deskline/internal/desk"
)

// TestAuditQueryPlan: a page of the audit trail, under each filter, reads the
// change log through an index (never the whole log for a filter), newest
// first in the order of an index where one filter leaves one order to follow.
func TestAuditQueryPlan(t *testing.T) {
	d := openQueueDesk(t)
	ctx := context.Background()
	for name, tc := range map[string]struct {
		f       desk.AuditFilter
		ordered bool
	}{
		"none":   {desk.AuditFilter{}, true},
		"user":   {desk.AuditFilter{ActorID: d.users[1]}, true},
		"kind":   {desk.AuditFilter{Kind: "ticket.note"}, true},
		"ticket": {desk.AuditFilter{Ticket: "#1"}, false},                         // the ticket's few entries, sorted
		"dates":  {desk.AuditFilter{From: "2026-03-01", To: "2026-03-02"}, false}, // read by time, then sorted
	} {
		where, args, err := d.s.auditWhere(ctx, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		plan := queryPlan(t, d.s, "SELECT "+auditCols+auditFrom+where+" ORDER BY o.seq DESC LIMIT ? OFFSET ?", append(args, 50, 0)...)
		joined := strings.Join(plan, "; ")
		if name != "none" && strings.Contains(joined, "SCAN o") && !strings.Contains(joined, "SCAN o USING") {
			t.Errorf("%s reads the whole log: %v", name, plan)
		}
		if tc.ordered && strings.Contains(joined, "USE TEMP B-TREE FOR ORDER BY") {
			t.Errorf("%s sorts every matching entry: %v", name, plan)
		}
		if bad := planProblems(plan, false); len(bad) > 0 {
			t.Errorf("%s: %v in plan %v", name, bad, plan)
		}
	}
}
