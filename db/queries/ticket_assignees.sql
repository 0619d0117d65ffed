-- name: InsertTicketAssignee :exec
-- A tag that a remove has already seen (tombstoned) is never added back.
INSERT INTO ticket_assignees (tag, ticket_id, user_id)
SELECT sqlc.arg(tag), sqlc.arg(ticket_id), sqlc.arg(user_id)
WHERE NOT EXISTS (SELECT 1 FROM set_tombstones WHERE set_tombstones.tag = sqlc.arg(tag))
ON CONFLICT (tag) DO NOTHING;

-- name: ListTicketAssigneeTags :many
SELECT tag FROM ticket_assignees WHERE ticket_id = ? AND user_id = ? ORDER BY tag;

-- name: DeleteTicketAssigneeTag :exec
DELETE FROM ticket_assignees WHERE tag = ?;

-- name: ListAssigneesOfTickets :many
SELECT DISTINCT ta.ticket_id, u.id, u.name
FROM ticket_assignees ta
JOIN users u ON u.id = ta.user_id
WHERE ta.ticket_id IN (sqlc.slice(ticket_ids))
ORDER BY ta.ticket_id, u.name COLLATE NOCASE;
