package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io/fs"
	"time"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
	"deskline/internal/sla"
)

// bulkTables are the tables a bulk load fills; their secondary indexes are
// dropped while it runs and built once afterwards.
var bulkTables = []string{"contacts", "tickets", "ticket_subjects", "ticket_assignees", "activities", "attachments", "tasks"}

// BulkLoad writes rows straight into the tables, outside the mutation path:
// the benchmark seed's millions of rows. load runs in one transaction with
// the secondary indexes of the big tables dropped (they are built once,
// afterwards) and foreign keys unchecked (the loader writes parents and
// children in batches of their own); then every derived column and table is brought up to date
// from the rows: the SLA next-due moments of tickets not closed, the queue's
// read model, the search index and the query planner's statistics. The rows
// written are not in the change log, so they are not synced to a team hub.
// step, if not nil, is told each step as it starts.
func (s *Store) BulkLoad(ctx context.Context, load func(tx *sql.Tx) error, step func(string)) error {
	if step == nil {
		step = func(string) {}
	}
	err := func() error {
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, p := range []string{"PRAGMA synchronous = OFF", "PRAGMA cache_size = -1000000", "PRAGMA temp_store = MEMORY", "PRAGMA foreign_keys = OFF"} {
			if _, err := s.w.ExecContext(ctx, p); err != nil {
				return err
			}
		}
		defer func() {
			for _, p := range []string{"PRAGMA synchronous = FULL", fmt.Sprintf("PRAGMA cache_size = %d", writeCacheSize), "PRAGMA temp_store = MEMORY", "PRAGMA foreign_keys = ON"} {
				s.w.ExecContext(context.WithoutCancel(ctx), p)
			}
		}()
		var indexes []string
		err := s.inTx(ctx, func(tx *sql.Tx, _ *dbsqlc.Queries) error {
			args := make([]any, len(bulkTables))
			for i, t := range bulkTables {
				args[i] = t
			}
			rows, err := tx.QueryContext(ctx, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ("+placeholders(len(args))+")", args...)
			if err != nil {
				return err
			}
			var names []string
			for rows.Next() {
				var name, def string
				if err := rows.Scan(&name, &def); err != nil {
					rows.Close()
					return err
				}
				names, indexes = append(names, name), append(indexes, def)
			}
			rows.Close()
			for _, n := range names {
				if _, err := tx.ExecContext(ctx, `DROP INDEX "`+n+`"`); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("bulk load: %w", err)
		}
		step("rows")
		loadErr := s.inTx(ctx, func(tx *sql.Tx, _ *dbsqlc.Queries) error { return load(tx) })
		step("indexes")
		for _, def := range indexes { // put back even when the load failed
			if _, err := s.w.ExecContext(ctx, def); err != nil {
				return fmt.Errorf("bulk load: rebuild index: %w", err)
			}
		}
		if loadErr != nil {
			return loadErr
		}
		step("SLA clocks")
		if err := s.inTx(ctx, func(tx *sql.Tx, q *dbsqlc.Queries) error { return refreshAllSLA(ctx, tx, q, s.clock.Now()) }); err != nil {
			return err
		}
		step("queue")
		if err := s.inTx(ctx, func(tx *sql.Tx, _ *dbsqlc.Queries) error { return rebuildQueue(ctx, tx) }); err != nil {
			return err
		}
		step("dashboards")
		return s.inTx(ctx, func(tx *sql.Tx, _ *dbsqlc.Queries) error { return rebuildInsight(ctx, tx) })
	}()
	if err != nil {
		return err
	}
	step("search index")
	if err := s.RebuildSearchIndex(ctx); err != nil {
		return err
	}
	step("statistics")
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err = s.w.ExecContext(ctx, "ANALYZE")
	return err
}

// refreshAllSLA computes the stored next-due, next-warning and next-alert
// moments of every ticket not closed, at now, with the same SLA code as
// refreshSLA.
func refreshAllSLA(ctx context.Context, tx *sql.Tx, q *dbsqlc.Queries, now time.Time) error {
	rows, err := tx.QueryContext(ctx, "SELECT id, created_at, sla_terms FROM tickets WHERE status <> 'closed' AND sla_terms <> ''")
	if err != nil {
		return err
	}
	type ticket struct {
		id      string
		created int64
		terms   string
	}
	var all []ticket
	for rows.Next() {
		var t ticket
		if err := rows.Scan(&t.id, &t.created, &t.terms); err != nil {
			rows.Close()
			return err
		}
		all = append(all, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for from := 0; from < len(all); from += 500 {
		batch := all[from:min(from+500, len(all))]
		ids := make([]string, len(batch))
		for i, t := range batch {
			ids[i] = t.id
		}
		hist, err := q.ListSLAHistory(ctx, ids)
		if err != nil {
			return err
		}
		byTicket := map[string][]dbsqlc.ListSLAHistoryRow{}
		for _, h := range hist {
			byTicket[h.TicketID] = append(byTicket[h.TicketID], h)
		}
		for _, t := range batch {
			r, _, ok, err := evaluate(t.terms, t.created, byTicket[t.id], now)
			if err != nil {
				return err
			}
			p := dbsqlc.SetTicketSLANextParams{SlaNextDue: noDue, ID: t.id}
			if ok {
				due, dueOK := r.NextDue()
				warn, warnOK := r.NextWarning()
				alert, alertOK := r.NextAlert()
				if dueOK {
					p.SlaNextDue = due.UnixMilli()
				}
				p.SlaNextWarn, p.SlaNextAlert = nullTime(warn, warnOK), nullTime(alert, alertOK)
			}
			if err := q.SetTicketSLANext(ctx, p); err != nil {
				return err
			}
		}
	}
	return nil
}

// SLATerms is the SLA policy and calendar (as stored in tickets.sla_terms) a
// new ticket with these facts runs under, for rows written by BulkLoad.
func SLATerms(cfg desk.SLAConfig, priority string, subjectIDs []string, sourceID, contactKind string) (string, error) {
	t := termsFor(cfg, sla.Facts{Priority: sla.Priority(priority), SubjectIDs: subjectIDs, SourceID: sourceID, ContactKind: sla.ContactKind(contactKind)})
	b, err := json.Marshal(t)
	return string(b), err
}

// Stamp is the last-writer-wins stamp of a field written at hlc by this
// installation, for rows written by BulkLoad.
func (s *Store) Stamp(hlc int64) string {
	return stamp(desk.Op{HLC: hlc, InstallID: s.installID})
}

// SchemaVersion is the schema version this build migrates databases to (the
// number of its last migration): a cache of generated data is keyed by it.
func SchemaVersion() int64 {
	entries, err := fs.ReadDir(migrationsFS(), ".")
	if err != nil {
		panic(err) // the embedded folder is fixed at build time
	}
	var v int64
	for _, e := range entries {
		var n int64
		if _, err := fmt.Sscanf(e.Name(), "%05d_", &n); err == nil {
			v = max(v, n)
		}
	}
	return v
}
