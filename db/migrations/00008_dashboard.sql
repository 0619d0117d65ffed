-- +goose Up
-- The team dashboard on a million tickets. Its counts come from the queue's
-- read model (migration 00007), which now also counts the tickets nobody is
-- assigned to (queue_counts.user_id '(unassigned)'); the store refills the
-- read model right after this migration. The "breaching soon" count reads the
-- tickets still being worked whose warning time has come through this index.
CREATE INDEX tickets_active_warn ON tickets (sla_next_warn, sla_next_due) WHERE status <> 'closed';

-- +goose Down
DROP INDEX tickets_active_warn;
DELETE FROM queue_counts WHERE user_id = '(unassigned)';
