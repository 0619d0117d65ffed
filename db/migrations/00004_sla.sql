-- +goose Up
-- The SLA setup of the workspace: business calendars, ordered policies and the
-- default policy, as one document (last writer wins, like any scalar).
CREATE TABLE sla_configs (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    body  TEXT NOT NULL,
    stamp TEXT NOT NULL
);

-- The raw value a feed entry set (a status or priority code, a note's channel),
-- from which the SLA clocks are computed.
ALTER TABLE activities ADD COLUMN value TEXT NOT NULL DEFAULT '';

-- Each ticket runs under the policy and calendar it was opened with (a copy,
-- so later policy changes apply to new tickets only). The next due moment of a
-- running clock and the next warning or due moment to alert on are stored and
-- indexed so the "breaching" filters, the "next due" sort and the alert
-- scheduler never compute over all tickets.
ALTER TABLE tickets ADD COLUMN sla_terms TEXT NOT NULL DEFAULT '';
-- sla_next_due is never NULL (a ticket with no running clock sorts last, at
-- the largest value) so that one plain index serves the "next due" order.
ALTER TABLE tickets ADD COLUMN sla_next_due INTEGER NOT NULL DEFAULT 9223372036854775807;
ALTER TABLE tickets ADD COLUMN sla_next_warn INTEGER;
ALTER TABLE tickets ADD COLUMN sla_next_alert INTEGER;
CREATE INDEX tickets_sla_next_due ON tickets (sla_next_due, id);
CREATE INDEX tickets_sla_next_alert ON tickets (sla_next_alert) WHERE sla_next_alert IS NOT NULL;

-- SLA alerts raised on this workstation: each warning and breach once per
-- clock per ticket.
CREATE TABLE sla_alerts (
    ticket_id TEXT    NOT NULL REFERENCES tickets (id),
    clock     TEXT    NOT NULL,
    kind      TEXT    NOT NULL CHECK (kind IN ('warning', 'breach')),
    raised_at INTEGER NOT NULL,
    PRIMARY KEY (ticket_id, clock, kind)
) WITHOUT ROWID;
