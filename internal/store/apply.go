package store

import (
	"context"
	"database/sql"
	"fmt"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// stamp orders concurrent writes of one field: by HLC, then by installation.
func stamp(op desk.Op) string { return fmt.Sprintf("%016x/%s", op.HLC, op.InstallID) }

// tagOf names one member added by op (a ticket.create adds several members).
func tagOf(op desk.Op, memberID string) string { return op.ID + "/" + memberID }

// entry is one feed entry: its kind, a note's text, the old and new values in
// plain words, and the raw value set (status or priority code, note channel).
type entry struct{ kind, body, from, to, value string }

// ticketActivity writes the feed entry of a ticket operation and moves the
// ticket's last-update time.
func ticketActivity(ctx context.Context, q *dbsqlc.Queries, op desk.Op, e entry) error {
	if err := q.InsertActivity(ctx, dbsqlc.InsertActivityParams{
		ID: op.ID, TicketID: op.EntityID, ActorID: op.ActorID, Kind: e.kind, Body: e.body,
		FromValue: e.from, ToValue: e.to, Value: e.value, CreatedAt: ms(op.CreatedAt), Hlc: op.HLC,
	}); err != nil {
		return fmt.Errorf("write activity: %w", err)
	}
	if err := q.TouchTicket(ctx, dbsqlc.TouchTicketParams{At: ms(op.CreatedAt), ID: op.EntityID}); err != nil {
		return err
	}
	return refreshSLA(ctx, q, op)
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }
