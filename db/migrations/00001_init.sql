-- +goose Up
-- Local settings of this installation (never synced): installation id, op counter,
-- hybrid logical clock, ticket number sequence, the user signed in here.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- The workspace (one row): the organisation this desk belongs to.
CREATE TABLE workspaces (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    org_name   TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    stamp      TEXT    NOT NULL
);

CREATE TABLE users (
    id         TEXT PRIMARY KEY,
    name       TEXT    NOT NULL,
    role       TEXT    NOT NULL CHECK (role IN ('admin', 'manager', 'support', 'sales')),
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    stamp      TEXT    NOT NULL
);

-- Admin-configured ticket subjects and sources (one table, told apart by kind).
-- A deactivated item stays on old tickets and is not offered for new ones.
CREATE TABLE catalog_items (
    id         TEXT PRIMARY KEY,
    kind       TEXT    NOT NULL CHECK (kind IN ('subject', 'source')),
    name       TEXT    NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    stamp      TEXT    NOT NULL
);
CREATE INDEX catalog_items_kind_name ON catalog_items (kind, name COLLATE NOCASE);

-- Customers and leads share one table: converting a lead keeps its id, so its
-- tickets stay linked.
CREATE TABLE contacts (
    id          TEXT PRIMARY KEY,
    kind        TEXT    NOT NULL CHECK (kind IN ('customer', 'lead')),
    name        TEXT    NOT NULL,
    name_key    TEXT    NOT NULL,
    mobile      TEXT    NOT NULL,
    email       TEXT    NOT NULL DEFAULT '',
    lead_status TEXT    NOT NULL DEFAULT '' CHECK (lead_status IN ('', 'new', 'contacted', 'qualified', 'lost')),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    stamp       TEXT    NOT NULL
);
CREATE INDEX contacts_mobile ON contacts (mobile);
CREATE INDEX contacts_name_key ON contacts (name_key);
CREATE INDEX contacts_kind_name_key ON contacts (kind, name_key);
CREATE INDEX contacts_updated ON contacts (updated_at DESC);

-- The ticket read model. Each scalar field carries the stamp of the operation
-- that last wrote it (last writer wins by hybrid logical clock, then installation).
CREATE TABLE tickets (
    id                TEXT PRIMARY KEY,
    number            INTEGER NOT NULL,
    contact_id        TEXT    NOT NULL REFERENCES contacts (id),
    mobile            TEXT    NOT NULL,
    source_id         TEXT REFERENCES catalog_items (id),
    description       TEXT    NOT NULL DEFAULT '',
    status            TEXT    NOT NULL CHECK (status IN ('open', 'in_progress', 'waiting', 'resolved', 'closed')),
    priority          TEXT    NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
    created_by        TEXT    NOT NULL REFERENCES users (id),
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    status_stamp      TEXT    NOT NULL,
    priority_stamp    TEXT    NOT NULL,
    contact_stamp     TEXT    NOT NULL,
    mobile_stamp      TEXT    NOT NULL,
    source_stamp      TEXT    NOT NULL,
    description_stamp TEXT    NOT NULL
);
CREATE UNIQUE INDEX tickets_number ON tickets (number);
CREATE INDEX tickets_updated ON tickets (updated_at DESC, id);
CREATE INDEX tickets_created ON tickets (created_at DESC, id);
CREATE INDEX tickets_status_updated ON tickets (status, updated_at DESC);
CREATE INDEX tickets_contact ON tickets (contact_id, updated_at DESC);

-- Sets are add-wins observed-remove sets: each add is a tag (the id of the
-- operation that added it); a remove deletes the tags its author had seen and
-- leaves a tombstone, so a concurrent add (a tag nobody saw) survives.
CREATE TABLE ticket_subjects (
    tag        TEXT PRIMARY KEY,
    ticket_id  TEXT NOT NULL REFERENCES tickets (id),
    subject_id TEXT NOT NULL REFERENCES catalog_items (id)
) WITHOUT ROWID;
CREATE INDEX ticket_subjects_ticket ON ticket_subjects (ticket_id, subject_id);
CREATE INDEX ticket_subjects_subject ON ticket_subjects (subject_id, ticket_id);

CREATE TABLE ticket_assignees (
    tag       TEXT PRIMARY KEY,
    ticket_id TEXT NOT NULL REFERENCES tickets (id),
    user_id   TEXT NOT NULL REFERENCES users (id)
) WITHOUT ROWID;
CREATE INDEX ticket_assignees_ticket ON ticket_assignees (ticket_id, user_id);
CREATE INDEX ticket_assignees_user ON ticket_assignees (user_id, ticket_id);

CREATE TABLE set_tombstones (
    tag TEXT PRIMARY KEY
) WITHOUT ROWID;

-- The activity feed: one row per ticket operation, append-only.
CREATE TABLE activities (
    id         TEXT PRIMARY KEY,
    ticket_id  TEXT    NOT NULL REFERENCES tickets (id),
    actor_id   TEXT    NOT NULL REFERENCES users (id),
    kind       TEXT    NOT NULL,
    body       TEXT    NOT NULL DEFAULT '',
    from_value TEXT    NOT NULL DEFAULT '',
    to_value   TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    hlc        INTEGER NOT NULL
);
CREATE INDEX activities_ticket ON activities (ticket_id, hlc);

-- The change log: every operation applied here, local or pulled, in the order
-- it was applied. Local operations are pushed to the team hub from here.
CREATE TABLE ops (
    seq          INTEGER PRIMARY KEY,
    id           TEXT    NOT NULL UNIQUE,
    install_id   TEXT    NOT NULL,
    counter      INTEGER NOT NULL,
    hlc          INTEGER NOT NULL,
    actor_id     TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    entity_id    TEXT    NOT NULL,
    payload      TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    UNIQUE (install_id, counter)
);

