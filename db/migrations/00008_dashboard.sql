-- +goose Up
-- The team dashboard and the SLA quick filters on a million tickets.
--
-- The dashboard's counts come from the queue's read model (migration 00007),
-- which now also counts the tickets nobody is assigned to (queue_counts.user_id
-- '(unassigned)'); the store refills the read model right after this
-- migration.
--
-- "Breached" and "breaching soon" depend on the time, so no stored count can
-- answer them: the tickets still being worked are read through an index.
-- The partial indexes of those tickets now carry the SLA times, priority and
-- source, so a page or a count under an SLA filter (with or without a
-- priority or source) reads index entries only, never the tickets' rows.
-- (IF EXISTS: a desk seeded by an early build of schema 7 lacks them.)
DROP INDEX IF EXISTS tickets_active_updated;
DROP INDEX IF EXISTS tickets_active_created;
DROP INDEX IF EXISTS tickets_active_due;
CREATE INDEX tickets_active_updated ON tickets (updated_at DESC, id, sla_next_due, sla_next_warn, priority, source_id) WHERE status <> 'closed';
CREATE INDEX tickets_active_created ON tickets (created_at DESC, id, sla_next_due, sla_next_warn, priority, source_id) WHERE status <> 'closed';
CREATE INDEX tickets_active_due ON tickets (sla_next_due, id, sla_next_warn, priority, source_id) WHERE status <> 'closed';
CREATE INDEX tickets_active_warn ON tickets (sla_next_warn, sla_next_due, priority, source_id) WHERE status <> 'closed';

-- +goose Down
DROP INDEX tickets_active_warn;
DROP INDEX IF EXISTS tickets_active_due;
DROP INDEX IF EXISTS tickets_active_created;
DROP INDEX IF EXISTS tickets_active_updated;
CREATE INDEX tickets_active_updated ON tickets (updated_at DESC, id) WHERE status <> 'closed';
CREATE INDEX tickets_active_created ON tickets (created_at DESC, id) WHERE status <> 'closed';
CREATE INDEX tickets_active_due ON tickets (sla_next_due, id) WHERE status <> 'closed';
DELETE FROM queue_counts WHERE user_id = '(unassigned)';
