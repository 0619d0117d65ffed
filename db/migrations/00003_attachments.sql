-- +goose Up
-- Files attached to tickets. The bytes live in the content-addressed folder
-- (by SHA-256); a row refers to them by hash, so a file attached twice is
-- stored once. A removed attachment keeps its row (the feed refers to it) with
-- removed_at set; the file goes when no live row refers to its hash.
CREATE TABLE attachments (
    id         TEXT PRIMARY KEY,
    ticket_id  TEXT    NOT NULL REFERENCES tickets (id),
    hash       TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    size       INTEGER NOT NULL,
    mime       TEXT    NOT NULL,
    added_by   TEXT    NOT NULL REFERENCES users (id),
    added_at   INTEGER NOT NULL,
    removed_at INTEGER
);
CREATE INDEX attachments_ticket ON attachments (ticket_id, added_at);
CREATE INDEX attachments_hash ON attachments (hash);
