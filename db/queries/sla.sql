-- name: GetSLAConfig :one
SELECT body FROM sla_configs WHERE id = 1;

-- name: UpsertSLAConfig :exec
INSERT INTO sla_configs (id, body, stamp) VALUES (1, ?, ?)
ON CONFLICT (id) DO UPDATE SET body = excluded.body, stamp = excluded.stamp
WHERE excluded.stamp > sla_configs.stamp;

-- name: SetTicketSLATerms :exec
UPDATE tickets SET sla_terms = ? WHERE id = ?;

-- name: GetTicketSLA :one
SELECT id, created_at, sla_terms FROM tickets WHERE id = ?;

-- name: SetTicketSLANext :exec
UPDATE tickets SET sla_next_due = ?, sla_next_warn = ?, sla_next_alert = ? WHERE id = ?;

-- name: ListSLAHistory :many
-- The feed entries that move SLA clocks, for a set of tickets, in causal order.
SELECT ticket_id, id, kind, value, created_at, hlc, actor_id FROM activities
WHERE ticket_id IN (sqlc.slice(ticket_ids))
  AND kind IN ('created', 'status', 'priority', 'note') AND value <> ''
ORDER BY ticket_id, hlc, id;

-- name: ListTicketsDueForAlert :many
-- Served by tickets_sla_next_alert.
SELECT id, created_at, sla_terms FROM tickets
WHERE sla_next_alert IS NOT NULL AND sla_next_alert <= ?
ORDER BY sla_next_alert
LIMIT 500;

-- name: NextSLAAlert :one
SELECT CAST(coalesce(min(sla_next_alert), 0) AS INTEGER) FROM tickets WHERE sla_next_alert IS NOT NULL;

-- name: InsertSLAAlert :execrows
INSERT INTO sla_alerts (ticket_id, clock, kind, raised_at) VALUES (?, ?, ?, ?)
ON CONFLICT DO NOTHING;

-- name: ListTicketAssigneeIDs :many
SELECT DISTINCT user_id FROM ticket_assignees WHERE ticket_id = ? ORDER BY user_id;

-- name: ListActiveManagerIDs :many
SELECT id FROM users WHERE role = 'manager' AND active = 1 ORDER BY id;

-- name: SetTicketSLANextAlert :exec
UPDATE tickets SET sla_next_alert = ? WHERE id = ?;

-- name: ListTicketsSLATerms :many
SELECT id, created_at, sla_terms FROM tickets WHERE id IN (sqlc.slice(ids));

-- name: ListSLALineIDs :many
-- The "clock met" feed lines of a ticket.
SELECT id, body, to_value FROM activities WHERE ticket_id = ? AND kind = 'sla' AND id LIKE '%/sla/%';

-- name: DeleteActivity :exec
DELETE FROM activities WHERE id = ?;
