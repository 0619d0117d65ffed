-- +goose Up
-- The team hub.
--
-- A ticket made on a workstation joined to a hub has a provisional number
-- until the hub gives it its final one: zero or negative (P-1, P-2, … counted
-- per workstation), so only final numbers are unique. The hub's numbering
-- is last-writer-wins by number_stamp, and every number a ticket had stays
-- findable in ticket_old_numbers.
DROP INDEX tickets_number;
CREATE UNIQUE INDEX tickets_number ON tickets (number) WHERE number > 0;
CREATE INDEX tickets_provisional_number ON tickets (number) WHERE number <= 0;
ALTER TABLE tickets ADD COLUMN number_stamp TEXT NOT NULL DEFAULT '';
CREATE TABLE ticket_old_numbers (
    number    INTEGER NOT NULL,
    ticket_id TEXT    NOT NULL REFERENCES tickets (id),
    PRIMARY KEY (number, ticket_id)
) WITHOUT ROWID;

-- The two newest writes of each ticket field (by stamp), which tell whether
-- the field's value won over an edit made on another machine without seeing
-- it: the newest did not see the one before. Keeping the two highest stamps
-- gives the same rows whatever order the writes arrive in.
CREATE TABLE ticket_field_writes (
    ticket_id TEXT    NOT NULL REFERENCES tickets (id),
    field     TEXT    NOT NULL,
    stamp     TEXT    NOT NULL,
    seen      TEXT    NOT NULL, -- the stamp of the write its author saw ('' unknown)
    shown     TEXT    NOT NULL, -- the value in plain words
    actor_id  TEXT    NOT NULL,
    at        INTEGER NOT NULL,
    PRIMARY KEY (ticket_id, field, stamp)
) WITHOUT ROWID;

-- Operations refused: by the hub when this workstation pushed them (source
-- 'hub'), or here when they were pulled (source 'here'), with the reason in
-- plain words, for the Team screen.
CREATE TABLE sync_rejections (
    op_id     TEXT    PRIMARY KEY,
    kind      TEXT    NOT NULL,
    entity_id TEXT    NOT NULL,
    source    TEXT    NOT NULL CHECK (source IN ('hub', 'here')),
    reason    TEXT    NOT NULL,
    at        INTEGER NOT NULL
);

-- +goose Down
DROP TABLE sync_rejections;
DROP TABLE ticket_field_writes;
DROP TABLE ticket_old_numbers;
ALTER TABLE tickets DROP COLUMN number_stamp;
DROP INDEX tickets_provisional_number;
DROP INDEX tickets_number;
CREATE UNIQUE INDEX tickets_number ON tickets (number);
