-- name: GetUser :one
SELECT * FROM users WHERE id = ?;

-- name: ListUsers :many
SELECT * FROM users ORDER BY active DESC, name COLLATE NOCASE, id;

-- name: CountActiveAdmins :one
SELECT count(*) FROM users WHERE role = 'admin' AND active = 1;

-- name: UpsertUser :exec
INSERT INTO users (id, name, role, active, created_at, updated_at, stamp)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    name = excluded.name, role = excluded.role, active = excluded.active,
    updated_at = excluded.updated_at, stamp = excluded.stamp
WHERE excluded.stamp > users.stamp;
