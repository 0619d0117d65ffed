-- name: GetUserCredential :one
SELECT * FROM user_credentials WHERE user_id = ?;

-- name: ListCredentialUserIDs :many
SELECT user_id FROM user_credentials;

-- name: UpsertUserCredential :exec
INSERT INTO user_credentials (user_id, kind, hash, updated_at, stamp)
VALUES (?, ?, ?, ?, ?)
ON CONFLICT (user_id) DO UPDATE SET
    kind = excluded.kind, hash = excluded.hash, updated_at = excluded.updated_at, stamp = excluded.stamp
WHERE excluded.stamp > user_credentials.stamp;
