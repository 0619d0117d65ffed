-- name: GetTemplate :one
SELECT * FROM templates WHERE id = ?;

-- name: ListTemplatesFor :many
-- Served by templates_owner and templates_shared.
SELECT * FROM templates
WHERE deleted = 0 AND (shared = 1 OR owner_id = ?)
ORDER BY name COLLATE NOCASE, id;

-- name: UpsertTemplate :exec
INSERT INTO templates (id, owner_id, name, body, shared, created_at, updated_at, stamp)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    name = excluded.name, body = excluded.body, shared = excluded.shared,
    updated_at = excluded.updated_at, stamp = excluded.stamp
WHERE templates.deleted = 0 AND templates.stamp < excluded.stamp;

-- name: DeleteTemplate :exec
INSERT INTO templates (id, owner_id, name, deleted, created_at, updated_at, stamp)
VALUES (?, '', '', 1, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET deleted = 1, updated_at = excluded.updated_at, stamp = excluded.stamp
WHERE templates.deleted = 0;
