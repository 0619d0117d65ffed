-- +goose Up
-- The audit trail. Each entry of the change log carries a SHA-256 over the
-- hash of the entry before it and its own content, so an entry edited,
-- deleted or moved breaks the chain where it happened. The store fills the
-- hash when it logs an operation, and for the rows logged before this
-- migration the first time it opens the database ('' means not sealed yet).
ALTER TABLE ops ADD COLUMN hash TEXT NOT NULL DEFAULT '';

-- The Audit view filters by who, what and when, newest first.
CREATE INDEX ops_actor ON ops (actor_id, seq);
CREATE INDEX ops_entity ON ops (entity_id, seq);
CREATE INDEX ops_kind ON ops (kind, seq);
CREATE INDEX ops_created ON ops (created_at);

-- +goose Down
DROP INDEX ops_created;
DROP INDEX ops_kind;
DROP INDEX ops_entity;
DROP INDEX ops_actor;
ALTER TABLE ops DROP COLUMN hash;
