-- name: InsertOp :execrows
INSERT INTO ops (id, install_id, counter, hlc, actor_id, kind, entity_id, payload, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT DO NOTHING;

-- name: ListOps :many
SELECT * FROM ops WHERE seq > ? ORDER BY seq LIMIT ?;

-- name: CountOps :one
SELECT count(*) FROM ops;
