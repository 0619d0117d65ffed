-- name: InsertAttachment :exec
INSERT INTO attachments (id, ticket_id, hash, name, size, mime, added_by, added_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO NOTHING;

-- name: RemoveAttachment :exec
UPDATE attachments SET removed_at = ? WHERE id = ? AND removed_at IS NULL;

-- name: GetAttachment :one
SELECT a.*, u.name AS added_by_name
FROM attachments a JOIN users u ON u.id = a.added_by
WHERE a.id = ?;

-- name: ListAttachments :many
-- Served by attachments_ticket.
SELECT a.*, u.name AS added_by_name
FROM attachments a JOIN users u ON u.id = a.added_by
WHERE a.ticket_id = ? AND a.removed_at IS NULL
ORDER BY a.added_at, a.id;

-- name: CountLiveAttachmentsByHash :one
-- Served by attachments_hash.
SELECT count(*) FROM attachments WHERE hash = ? AND removed_at IS NULL;

-- name: ListLiveAttachmentHashes :many
SELECT DISTINCT hash FROM attachments WHERE removed_at IS NULL ORDER BY hash;
