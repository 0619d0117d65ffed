-- name: InsertTicketSubject :exec
-- A tag that a remove has already seen (tombstoned) is never added back.
INSERT INTO ticket_subjects (tag, ticket_id, subject_id)
SELECT sqlc.arg(tag), sqlc.arg(ticket_id), sqlc.arg(subject_id)
WHERE NOT EXISTS (SELECT 1 FROM set_tombstones WHERE set_tombstones.tag = sqlc.arg(tag))
ON CONFLICT (tag) DO NOTHING;

-- name: ListTicketSubjectTags :many
SELECT tag FROM ticket_subjects WHERE ticket_id = ? AND subject_id = ? ORDER BY tag;

-- name: DeleteTicketSubjectTag :exec
DELETE FROM ticket_subjects WHERE tag = ?;

-- name: ListSubjectsOfTickets :many
SELECT DISTINCT ts.ticket_id, c.id, c.name, c.active
FROM ticket_subjects ts
JOIN catalog_items c ON c.id = ts.subject_id
WHERE ts.ticket_id IN (sqlc.slice(ticket_ids))
ORDER BY ts.ticket_id, c.name COLLATE NOCASE;
