-- name: InsertNotification :exec
INSERT INTO notifications (id, recipient_id, kind, ticket_id, actor_id, title, body, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO NOTHING;

-- name: ListNotifications :many
-- Served by notifications_recipient.
SELECT n.*, coalesce(t.number, 0) AS ticket_number
FROM notifications n
LEFT JOIN tickets t ON t.id = n.ticket_id
WHERE n.recipient_id = ?
ORDER BY n.created_at DESC, n.id DESC
LIMIT ?;

-- name: CountUnreadNotifications :one
SELECT count(*) FROM notifications WHERE recipient_id = ? AND read_at IS NULL;

-- name: MarkNotificationRead :execrows
UPDATE notifications SET read_at = ? WHERE id = ? AND recipient_id = ? AND read_at IS NULL;

-- name: MarkAllNotificationsRead :execrows
UPDATE notifications SET read_at = ? WHERE recipient_id = ? AND read_at IS NULL;

-- name: ListUndeliveredNotifications :many
-- Served by notifications_undelivered.
SELECT * FROM notifications
WHERE recipient_id = ? AND delivered_at IS NULL
ORDER BY created_at, id;

-- name: MarkNotificationDelivered :exec
UPDATE notifications SET delivered_at = ? WHERE id = ?;

-- name: GetNotificationPrefs :one
SELECT * FROM notification_prefs WHERE user_id = ?;

-- name: UpsertNotificationPrefs :exec
INSERT INTO notification_prefs (user_id, desktop_kinds, dnd_enabled, dnd_start, dnd_end, new_tickets, unassigned)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (user_id) DO UPDATE SET
    desktop_kinds = excluded.desktop_kinds, dnd_enabled = excluded.dnd_enabled,
    dnd_start = excluded.dnd_start, dnd_end = excluded.dnd_end,
    new_tickets = excluded.new_tickets, unassigned = excluded.unassigned;

-- name: ListUsersWantingNotice :many
-- Managers and admins who asked to hear of every new or unassigned ticket.
SELECT u.id FROM users u
JOIN notification_prefs p ON p.user_id = u.id
WHERE u.active = 1 AND u.role IN ('manager', 'admin')
  AND ((CAST(sqlc.arg(kind) AS TEXT) = 'new_ticket' AND p.new_tickets = 1) OR (sqlc.arg(kind) = 'unassigned' AND p.unassigned = 1))
ORDER BY u.id;

-- name: CountTicketAssignees :one
SELECT count(DISTINCT user_id) FROM ticket_assignees WHERE ticket_id = ?;
