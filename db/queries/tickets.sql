-- name: InsertTicket :exec
INSERT INTO tickets (
    id, number, contact_id, mobile, source_id, description, status, priority,
    created_by, created_at, updated_at,
    status_stamp, priority_stamp, contact_stamp, mobile_stamp, source_stamp, description_stamp
) VALUES (
    sqlc.arg(id), sqlc.arg(number), sqlc.arg(contact_id), sqlc.arg(mobile), sqlc.narg(source_id),
    sqlc.arg(description), sqlc.arg(status), sqlc.arg(priority),
    sqlc.arg(created_by), sqlc.arg(created_at), sqlc.arg(created_at),
    sqlc.arg(stamp), sqlc.arg(stamp), sqlc.arg(stamp), sqlc.arg(stamp), sqlc.arg(stamp), sqlc.arg(stamp)
)
ON CONFLICT (id) DO NOTHING;

-- name: GetTicket :one
SELECT t.*, c.name AS contact_name, c.kind AS contact_kind,
       coalesce(s.name, '') AS source_name
FROM tickets t
JOIN contacts c ON c.id = t.contact_id
LEFT JOIN catalog_items s ON s.id = t.source_id
WHERE t.id = ?;

-- name: GetTicketIDByNumber :one
-- The ticket with a number: a final one (unique), a provisional one, or one
-- it had before, in that order.
SELECT t.id FROM tickets t WHERE t.number = ?1 AND t.number > 0
UNION ALL
SELECT p.id FROM tickets p WHERE p.number = ?1 AND p.number <= 0
UNION ALL
SELECT o.ticket_id FROM ticket_old_numbers o WHERE o.number = ?1
LIMIT 1;

-- name: MaxTicketNumber :one
SELECT CAST(coalesce(max(number), 0) AS INTEGER) FROM tickets;

-- name: TouchTicket :exec
UPDATE tickets SET updated_at = max(updated_at, CAST(sqlc.arg(at) AS INTEGER)) WHERE id = sqlc.arg(id);
