-- name: GetWorkspace :one
SELECT * FROM workspaces WHERE id = 1;

-- name: UpsertWorkspace :exec
INSERT INTO workspaces (id, org_name, created_at, stamp) VALUES (1, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET org_name = excluded.org_name, stamp = excluded.stamp
WHERE excluded.stamp > workspaces.stamp;
