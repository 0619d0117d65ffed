-- name: GetWorkspaceRule :one
SELECT value FROM workspace_rules WHERE key = ?;

-- name: UpsertWorkspaceRule :exec
INSERT INTO workspace_rules (key, value, stamp) VALUES (?, ?, ?)
ON CONFLICT (key) DO UPDATE SET value = excluded.value, stamp = excluded.stamp
WHERE workspace_rules.stamp < excluded.stamp;
