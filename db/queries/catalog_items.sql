-- name: GetCatalogItem :one
SELECT * FROM catalog_items WHERE id = ?;

-- name: ListCatalogItems :many
SELECT * FROM catalog_items
WHERE kind = sqlc.arg(kind) AND (active = 1 OR CAST(sqlc.arg(include_inactive) AS BOOLEAN))
ORDER BY name COLLATE NOCASE, id;

-- name: FindCatalogItemByName :one
SELECT * FROM catalog_items
WHERE kind = sqlc.arg(kind) AND name = sqlc.arg(name) COLLATE NOCASE AND id <> sqlc.arg(id)
LIMIT 1;

-- name: UpsertCatalogItem :exec
INSERT INTO catalog_items (id, kind, name, active, created_at, updated_at, stamp)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    name = excluded.name, active = excluded.active,
    updated_at = excluded.updated_at, stamp = excluded.stamp
WHERE excluded.stamp > catalog_items.stamp;
