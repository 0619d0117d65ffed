-- name: GetSavedView :one
SELECT * FROM saved_views WHERE id = ?;

-- name: ListSavedViewsFor :many
SELECT * FROM saved_views
WHERE deleted = 0 AND (shared = 1 OR owner_id = ?)
ORDER BY name COLLATE NOCASE, id;

-- name: UpsertSavedView :exec
INSERT INTO saved_views (id, owner_id, name, shared, pinned, filter, created_at, updated_at, stamp)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    name = excluded.name, shared = excluded.shared, pinned = excluded.pinned, filter = excluded.filter,
    updated_at = excluded.updated_at, stamp = excluded.stamp
WHERE saved_views.deleted = 0 AND saved_views.stamp < excluded.stamp;

-- name: DeleteSavedView :exec
INSERT INTO saved_views (id, owner_id, name, deleted, created_at, updated_at, stamp)
VALUES (?, '', '', 1, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET deleted = 1, updated_at = excluded.updated_at, stamp = excluded.stamp
WHERE saved_views.deleted = 0;
