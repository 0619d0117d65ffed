-- name: GetContact :one
SELECT * FROM contacts WHERE id = ?;

-- name: UpsertContact :exec
INSERT INTO contacts (id, kind, name, name_key, mobile, email, lead_status, created_at, updated_at, stamp)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    kind = excluded.kind, name = excluded.name, name_key = excluded.name_key,
    mobile = excluded.mobile, email = excluded.email, lead_status = excluded.lead_status,
    updated_at = excluded.updated_at, stamp = excluded.stamp
WHERE excluded.stamp > contacts.stamp;

-- name: ListContactsByMobilePrefix :many
-- Served by contacts_mobile: a range scan on the normalised number.
SELECT * FROM contacts
WHERE mobile >= sqlc.arg(prefix) AND mobile < sqlc.arg(prefix_end) AND merged_into = ''
  AND (CAST(sqlc.arg(kind) AS TEXT) = '' OR kind = sqlc.arg(kind))
ORDER BY mobile, id
LIMIT sqlc.arg(lim);

-- name: ListContactsByNamePrefix :many
-- Served by contacts_name_key.
SELECT * FROM contacts
WHERE name_key >= sqlc.arg(prefix) AND name_key < sqlc.arg(prefix_end) AND merged_into = ''
  AND (CAST(sqlc.arg(kind) AS TEXT) = '' OR kind = sqlc.arg(kind))
ORDER BY name_key, id
LIMIT sqlc.arg(lim);

-- name: ListContactsContaining :many
-- Partial matches anywhere in the name or the number; a bounded scan that stops
-- at the limit, used only after the indexed prefix lookups.
SELECT * FROM contacts
WHERE (instr(name_key, sqlc.arg(text)) > 0 OR (CAST(sqlc.arg(digits) AS TEXT) <> '' AND instr(mobile, sqlc.arg(digits)) > 0))
  AND merged_into = '' AND (CAST(sqlc.arg(kind) AS TEXT) = '' OR kind = sqlc.arg(kind))
ORDER BY name_key, id
LIMIT sqlc.arg(lim);

-- name: ListRecentContacts :many
SELECT * FROM contacts
WHERE merged_into = '' AND (CAST(sqlc.arg(kind) AS TEXT) = '' OR kind = sqlc.arg(kind))
ORDER BY updated_at DESC, id
LIMIT sqlc.arg(lim);

-- name: ListContactsWithMobile :many
-- The records still standing that carry one number, oldest first; served by
-- contacts_mobile.
SELECT * FROM contacts
WHERE mobile = sqlc.arg(mobile) AND merged_into = '' AND id <> sqlc.arg(except_id)
ORDER BY created_at, id
LIMIT 20;

-- name: ListDuplicateMobiles :many
-- Numbers carried by more than one record still standing, most records first;
-- grouped along contacts_mobile.
SELECT mobile, COUNT(*) AS n FROM contacts
WHERE merged_into = ''
GROUP BY mobile
HAVING COUNT(*) > 1
ORDER BY n DESC, mobile
LIMIT sqlc.arg(lim);

-- name: SetContactMergedInto :exec
UPDATE contacts SET merged_into = sqlc.arg(merged_into), updated_at = sqlc.arg(updated_at) WHERE id = sqlc.arg(id);

-- name: ListTicketIDsOfContact :many
SELECT id FROM tickets WHERE contact_id = ? ORDER BY created_at, id;

-- name: MoveTicketContact :exec
-- Moves a ticket to the record its customer was merged into. The field's
-- stamp stays: a merge redirects whatever link the ticket has, it is not a
-- newer choice of customer.
UPDATE tickets SET contact_id = sqlc.arg(into_id) WHERE id = sqlc.arg(id);
