-- name: InsertOp :execrows
INSERT INTO ops (id, install_id, counter, hlc, actor_id, kind, entity_id, payload, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT DO NOTHING;

-- name: ListOps :many
SELECT * FROM ops WHERE seq > ? ORDER BY seq LIMIT ?;

-- name: CountOps :one
SELECT count(*) FROM ops;

-- name: GetOpSeq :one
SELECT seq FROM ops WHERE id = ?;

-- name: GetOpHashBefore :one
SELECT hash FROM ops WHERE seq < ? ORDER BY seq DESC LIMIT 1;

-- name: SetOpHash :exec
UPDATE ops SET hash = ? WHERE seq = ?;

-- name: ListUnsealedOps :many
SELECT * FROM ops WHERE hash = '' ORDER BY seq LIMIT ?;

-- name: GetLastOp :one
SELECT * FROM ops ORDER BY seq DESC LIMIT 1;
