-- name: GetTask :one
SELECT * FROM tasks WHERE id = ?;

-- name: InsertTask :exec
INSERT INTO tasks (id, ticket_id, title, notes, due_at, assignee_id, created_by, created_at, updated_at, edit_stamp)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO NOTHING;

-- name: EditTask :exec
UPDATE tasks SET title = ?, notes = ?, due_at = ?, assignee_id = ?, updated_at = ?, edit_stamp = ?
WHERE id = ? AND edit_stamp < sqlc.arg(stamp_min);

-- name: SetTaskDone :exec
UPDATE tasks SET done_at = ?, done_by = ?, done_stamp = ?, updated_at = ?
WHERE id = ? AND done_stamp < sqlc.arg(stamp_min);

-- name: CountOpenTasksOfTicket :one
-- Served by tasks_ticket.
SELECT count(*) FROM tasks WHERE ticket_id = ? AND done_at IS NULL;

-- name: ListTasksDue :many
-- Open tasks due at or before a moment and not yet alerted here (tasks_open_due).
SELECT t.id, t.ticket_id, t.title, t.due_at, t.assignee_id
FROM tasks t
WHERE t.done_at IS NULL AND t.due_at <= ?
  AND NOT EXISTS (SELECT 1 FROM task_alerts a WHERE a.task_id = t.id AND a.due_at = t.due_at)
ORDER BY t.due_at, t.id;

-- name: InsertTaskAlert :execrows
INSERT INTO task_alerts (task_id, due_at, raised_at) VALUES (?, ?, ?)
ON CONFLICT DO NOTHING;
