-- +goose Up
-- Notifications are derived from operations as they are merged (local or
-- pulled), so every workstation holds the ones meant for its users. Whether one
-- was read or shown on this desktop is local state.
CREATE TABLE notifications (
    id           TEXT PRIMARY KEY,
    recipient_id TEXT    NOT NULL REFERENCES users (id),
    kind         TEXT    NOT NULL CHECK (kind IN ('assigned', 'mention', 'sla_warning', 'sla_breach', 'task_due', 'new_ticket', 'unassigned')),
    ticket_id    TEXT REFERENCES tickets (id),
    actor_id     TEXT,
    title        TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    read_at      INTEGER,
    delivered_at INTEGER
);
CREATE INDEX notifications_recipient ON notifications (recipient_id, created_at DESC);
CREATE INDEX notifications_unread ON notifications (recipient_id, read_at);
CREATE INDEX notifications_undelivered ON notifications (recipient_id, delivered_at);

-- Per-user notification preferences on this workstation.
CREATE TABLE notification_prefs (
    user_id       TEXT PRIMARY KEY REFERENCES users (id),
    desktop_kinds TEXT    NOT NULL, -- comma-separated kinds shown on the desktop
    dnd_enabled   INTEGER NOT NULL DEFAULT 0 CHECK (dnd_enabled IN (0, 1)),
    dnd_start     TEXT    NOT NULL DEFAULT '20:00',
    dnd_end       TEXT    NOT NULL DEFAULT '08:00',
    new_tickets   INTEGER NOT NULL DEFAULT 0 CHECK (new_tickets IN (0, 1)),
    unassigned    INTEGER NOT NULL DEFAULT 0 CHECK (unassigned IN (0, 1))
) WITHOUT ROWID;
