-- +goose Up
-- The queue's read model for a million tickets. apply keeps all three tables
-- in step with every operation that writes a ticket's feed (local or pulled);
-- RebuildQueueIndex rewrites them from the tickets, assignees and subjects.

-- One row per ticket and assignee with the fields the queue filters and sorts
-- on, so "assigned to me" (and the assignee filter) reads one user's rows in
-- the order shown instead of every assignment. archived is status = 'closed':
-- the default queue leaves closed tickets out with one equality.
CREATE TABLE ticket_queue (
    user_id      TEXT    NOT NULL,
    ticket_id    TEXT    NOT NULL,
    archived     INTEGER NOT NULL,
    status       TEXT    NOT NULL,
    priority     TEXT    NOT NULL,
    source_id    TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    sla_next_due INTEGER NOT NULL,
    PRIMARY KEY (user_id, ticket_id)
) WITHOUT ROWID;
CREATE INDEX ticket_queue_ticket ON ticket_queue (ticket_id);
CREATE INDEX ticket_queue_updated ON ticket_queue (user_id, archived, updated_at DESC);
CREATE INDEX ticket_queue_created ON ticket_queue (user_id, archived, created_at DESC);
CREATE INDEX ticket_queue_due ON ticket_queue (user_id, archived, sla_next_due);

-- How many tickets have each status, priority and source, overall (user_id
-- and subject_id ''), per assignee, per subject and per assignee and subject:
-- the queue's counts without counting rows. Only non-zero rows are kept.
CREATE TABLE queue_counts (
    user_id    TEXT    NOT NULL,
    subject_id TEXT    NOT NULL,
    status     TEXT    NOT NULL,
    priority   TEXT    NOT NULL,
    source_id  TEXT    NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (user_id, subject_id, status, priority, source_id)
) WITHOUT ROWID;

-- What each ticket last counted as (status|priority|source|assignees|subjects|
-- created|updated|next due), so the next change takes exactly that back out.
CREATE TABLE queue_tickets (
    ticket_id TEXT PRIMARY KEY,
    state     TEXT NOT NULL
) WITHOUT ROWID;

-- The whole queue's default view (everything not closed) in each sort: only
-- the tickets still being worked are in these, so a page under a rare filter
-- (Urgent, one source) is found among them, not among years of closed ones.
CREATE INDEX tickets_active_updated ON tickets (updated_at DESC, id) WHERE status <> 'closed';
CREATE INDEX tickets_active_created ON tickets (created_at DESC, id) WHERE status <> 'closed';
CREATE INDEX tickets_active_due ON tickets (sla_next_due, id) WHERE status <> 'closed';

-- The ticket list's other sorts under a status filter.
CREATE INDEX tickets_status_created ON tickets (status, created_at DESC, id);
CREATE INDEX tickets_status_due ON tickets (status, sla_next_due, id);

-- A database migrated from before this version is filled by the store
-- (RebuildQueueIndex) right after migrating.

-- +goose Down
DROP INDEX tickets_active_due;
DROP INDEX tickets_active_created;
DROP INDEX tickets_active_updated;
DROP INDEX tickets_status_due;
DROP INDEX tickets_status_created;
DROP TABLE queue_tickets;
DROP TABLE queue_counts;
DROP TABLE ticket_queue;
