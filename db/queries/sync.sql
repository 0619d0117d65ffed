-- name: ListPendingOps :many
SELECT * FROM ops WHERE install_id = ? AND counter > ? ORDER BY counter LIMIT ?;

-- name: CountPendingOps :one
SELECT count(*) FROM ops WHERE install_id = ? AND counter > ?;

-- name: InsertSyncRejection :exec
INSERT INTO sync_rejections (op_id, kind, entity_id, source, reason, at)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (op_id) DO NOTHING;

-- name: ListSyncRejections :many
SELECT * FROM sync_rejections ORDER BY at DESC LIMIT ?;

-- name: CountSyncRejections :one
SELECT count(*) FROM sync_rejections;

-- name: InsertFieldWrite :exec
INSERT INTO ticket_field_writes (ticket_id, field, stamp, seen, shown, actor_id, at)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT DO NOTHING;

-- name: TrimFieldWrites :exec
DELETE FROM ticket_field_writes
WHERE ticket_field_writes.ticket_id = sqlc.arg(ticket_id) AND ticket_field_writes.field = sqlc.arg(field)
  AND ticket_field_writes.stamp < (SELECT w.stamp FROM ticket_field_writes w
                                   WHERE w.ticket_id = sqlc.arg(ticket_id) AND w.field = sqlc.arg(field)
                                   ORDER BY w.stamp DESC LIMIT 1 OFFSET 1);

-- name: ListFieldWrites :many
SELECT w.*, coalesce(u.name, '') AS actor_name
FROM ticket_field_writes w LEFT JOIN users u ON u.id = w.actor_id
WHERE w.ticket_id = ? ORDER BY w.field, w.stamp DESC;

-- name: GetTicketNumbering :one
SELECT number, number_stamp FROM tickets WHERE id = ?;

-- name: SetTicketNumber :exec
UPDATE tickets SET number = ?, number_stamp = ? WHERE id = ?;

-- name: ReleaseTicketNumber :exec
UPDATE tickets SET number = 0 WHERE number = sqlc.arg(number) AND number > 0 AND id <> sqlc.arg(id);

-- name: InsertOldTicketNumber :exec
INSERT INTO ticket_old_numbers (number, ticket_id) VALUES (?, ?) ON CONFLICT DO NOTHING;
