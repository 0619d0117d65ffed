-- name: InsertActivity :exec
INSERT INTO activities (id, ticket_id, actor_id, kind, body, from_value, to_value, value, created_at, hlc)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO NOTHING;

-- name: ListActivities :many
-- Served by activities_ticket.
SELECT a.*, u.name AS actor_name
FROM activities a
JOIN users u ON u.id = a.actor_id
WHERE a.ticket_id = ?
ORDER BY a.hlc, a.id;
