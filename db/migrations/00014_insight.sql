-- +goose Up
-- The dashboards' read model (the insight tables). apply keeps them in step
-- with every operation that writes a ticket's feed, like the queue's read
-- model; the store fills them from the existing tickets right after this
-- migration (and RebuildInsight does the same on demand).
--
-- Each ticket counts overall (user_id and subject_id ''), under each of its
-- assignees (or '(unassigned)'), under each of its subjects, and under each
-- assignee and subject pair, so a filter by assignee, subject or both reads
-- one key range. Only non-zero rows are kept.

-- Tickets per hour (Unix milliseconds of the UTC hour): kind 'created' counts
-- a ticket in the hour it was created, 'resolved' in the hour it was last
-- resolved (or closed) if it is resolved or closed now, 'open' in the hour it
-- was created if it is Open, In Progress or Waiting now (the age buckets).
CREATE TABLE insight_counts (
    user_id    TEXT    NOT NULL,
    subject_id TEXT    NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('created', 'resolved', 'open')),
    hour       INTEGER NOT NULL,
    source_id  TEXT    NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (user_id, subject_id, kind, hour, source_id)
) WITHOUT ROWID;

-- SLA times: how many stopped clocks took a time in each bucket (see
-- insightBuckets in the store) and how many of those met their target, per
-- UTC day the ticket was created and clock ('response' for the first
-- response, 'resolution'), measured in the policy's time (business time under
-- a business-hours policy). Tickets under no SLA are not counted.
CREATE TABLE insight_times (
    user_id    TEXT    NOT NULL,
    subject_id TEXT    NOT NULL,
    clock      TEXT    NOT NULL CHECK (clock IN ('response', 'resolution')),
    day        INTEGER NOT NULL,
    source_id  TEXT    NOT NULL,
    bucket     INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    met        INTEGER NOT NULL,
    PRIMARY KEY (user_id, subject_id, clock, day, source_id, bucket)
) WITHOUT ROWID;

-- What each ticket last counted as, so the next change takes exactly that
-- back out.
CREATE TABLE insight_tickets (
    ticket_id TEXT PRIMARY KEY,
    state     TEXT NOT NULL
) WITHOUT ROWID;

-- +goose Down
DROP TABLE insight_tickets;
DROP TABLE insight_times;
DROP TABLE insight_counts;
