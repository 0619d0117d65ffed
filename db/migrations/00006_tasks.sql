-- +goose Up
-- Templates (saved responses) for notes. Personal templates belong to their
-- owner; shared ones are for everyone and are made and changed by managers and
-- admins. A template is written whole (last writer wins by stamp); deleting it
-- leaves a tombstone that no later save undoes.
CREATE TABLE templates (
    id         TEXT PRIMARY KEY,
    owner_id   TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    body       TEXT    NOT NULL DEFAULT '',
    shared     INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
    deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    stamp      TEXT    NOT NULL
);
CREATE INDEX templates_owner ON templates (owner_id, name);
CREATE INDEX templates_shared ON templates (shared, name);

-- Follow-up tasks on tickets. The editable fields are written together (last
-- writer wins by stamp); done or not is its own field with its own stamp, so
-- an edit and a completion made at the same time both survive.
CREATE TABLE tasks (
    id          TEXT PRIMARY KEY,
    ticket_id   TEXT    NOT NULL REFERENCES tickets (id),
    title       TEXT    NOT NULL,
    notes       TEXT    NOT NULL DEFAULT '',
    due_at      INTEGER NOT NULL,
    assignee_id TEXT    NOT NULL REFERENCES users (id),
    created_by  TEXT    NOT NULL REFERENCES users (id),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    edit_stamp  TEXT    NOT NULL,
    done_at     INTEGER,
    done_by     TEXT,
    done_stamp  TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX tasks_ticket ON tasks (ticket_id, due_at);
CREATE INDEX tasks_assignee_open ON tasks (assignee_id, due_at) WHERE done_at IS NULL;
CREATE INDEX tasks_open_due ON tasks (due_at) WHERE done_at IS NULL;
CREATE INDEX tasks_due ON tasks (due_at);

-- Task due alerts raised on this workstation: once per task and due time.
CREATE TABLE task_alerts (
    task_id   TEXT    NOT NULL REFERENCES tasks (id),
    due_at    INTEGER NOT NULL,
    raised_at INTEGER NOT NULL,
    PRIMARY KEY (task_id, due_at)
) WITHOUT ROWID;

-- Workspace-wide rules set by admins (synced, last writer wins per key), e.g.
-- whether a resolution summary is optional.
CREATE TABLE workspace_rules (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    stamp TEXT NOT NULL
) WITHOUT ROWID;

-- +goose Down
DROP TABLE workspace_rules;
DROP TABLE task_alerts;
DROP TABLE tasks;
DROP TABLE templates;
