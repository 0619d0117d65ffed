-- +goose Up
-- Full-text search over tickets. One row per ticket: its number, the name of
-- its customer or lead, its mobile numbers (every ending of four digits or
-- more, so any part of the tail of a number finds it), its description and
-- the text of its notes. The index keeps its own copy of the text (snippets
-- are cut from it) and is rewritten for a ticket whenever an operation changes
-- what it holds; RebuildSearchIndex rewrites all of it from the tables.
CREATE VIRTUAL TABLE ticket_search USING fts5 (
    number,
    contact,
    mobile,
    description,
    notes,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

-- The search rowid of each ticket. tickets has a TEXT key and its implicit
-- rowid may be renumbered by VACUUM; this INTEGER PRIMARY KEY never is.
CREATE TABLE search_keys (
    rowid     INTEGER PRIMARY KEY,
    ticket_id TEXT NOT NULL UNIQUE REFERENCES tickets (id)
);

-- Saved views: a named combination of the queue's quick filters and its sort.
-- Personal views belong to their owner; shared views are for everyone and are
-- made and changed by managers and admins. A view is written whole (last writer
-- wins by stamp); deleting it leaves a tombstone that no later save undoes.
CREATE TABLE saved_views (
    id         TEXT PRIMARY KEY,
    owner_id   TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    shared     INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
    pinned     INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    filter     TEXT    NOT NULL DEFAULT '{}',
    deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    stamp      TEXT    NOT NULL
);
CREATE INDEX saved_views_owner ON saved_views (owner_id, name);
CREATE INDEX saved_views_shared ON saved_views (shared, name);

-- +goose Down
DROP TABLE saved_views;
DROP TABLE search_keys;
DROP TABLE ticket_search;
