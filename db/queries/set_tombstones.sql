-- name: InsertTombstone :exec
INSERT INTO set_tombstones (tag) VALUES (?) ON CONFLICT (tag) DO NOTHING;
