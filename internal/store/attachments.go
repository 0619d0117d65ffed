package store

import (
	"context"
	"fmt"
	"strings"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}

func previewable(mime string) bool {
	return strings.HasPrefix(mime, "image/") || mime == "application/pdf"
}

func attachmentFrom(a dbsqlc.Attachment, addedBy string) desk.Attachment {
	return desk.Attachment{
		ID: a.ID, TicketID: a.TicketID, Name: a.Name, Size: a.Size, MIME: a.Mime, Hash: a.Hash,
		AddedBy: desk.UserRef{ID: a.AddedBy, Name: addedBy}, AddedAt: rfc3339(a.AddedAt), Preview: previewable(a.Mime),
	}
}

// AddAttachment records a file that is already in the attachment store (the
// bytes are synced and in place before this row is committed). Returns
// ENOTFOUND for an unknown ticket.
func (s *Store) AddAttachment(ctx context.Context, actorID, ticketID string, f desk.StoredFile) (desk.Attachment, error) {
	id := newID()
	err := s.ticketMutation(ctx, actorID, ticketID, func(m *mutation, _ dbsqlc.GetTicketRow) error {
		_, err := m.emit(OpAttach, ticketID, attach{AttachmentID: id, Hash: f.Hash, Name: f.Name, Size: f.Size, MIME: f.MIME})
		return err
	})
	if err != nil {
		return desk.Attachment{}, err
	}
	return s.GetAttachment(ctx, id)
}

// GetAttachment returns one attachment. Returns ENOTFOUND.
func (s *Store) GetAttachment(ctx context.Context, id string) (desk.Attachment, error) {
	a, err := s.read().GetAttachment(ctx, id)
	if err != nil {
		return desk.Attachment{}, notFound(err, "attachment")
	}
	if a.RemovedAt.Valid {
		return desk.Attachment{}, desk.NotFound("attachment")
	}
	return attachmentFrom(dbsqlc.Attachment{ID: a.ID, TicketID: a.TicketID, Hash: a.Hash, Name: a.Name, Size: a.Size,
		Mime: a.Mime, AddedBy: a.AddedBy, AddedAt: a.AddedAt}, a.AddedByName), nil
}

// RemoveAttachment takes an attachment off its ticket and reports whether any
// ticket still refers to its file (if not, the caller deletes the file).
// Returns ENOTFOUND for an unknown or already removed attachment.
func (s *Store) RemoveAttachment(ctx context.Context, actorID, attachmentID string) (hash string, stillUsed bool, err error) {
	a, err := s.GetAttachment(ctx, attachmentID)
	if err != nil {
		return "", false, err
	}
	err = s.ticketMutation(ctx, actorID, a.TicketID, func(m *mutation, _ dbsqlc.GetTicketRow) error {
		_, err := m.emit(OpDetach, a.TicketID, detach{AttachmentID: a.ID, Name: a.Name})
		return err
	})
	if err != nil {
		return "", false, err
	}
	n, err := s.read().CountLiveAttachmentsByHash(ctx, a.Hash)
	return a.Hash, n > 0, err
}

// ListAttachments returns the live attachments of a ticket, oldest first.
func (s *Store) ListAttachments(ctx context.Context, ticketID string) ([]desk.Attachment, error) {
	return listAttachments(ctx, s.read(), ticketID)
}

func listAttachments(ctx context.Context, q *dbsqlc.Queries, ticketID string) ([]desk.Attachment, error) {
	rows, err := q.ListAttachments(ctx, ticketID)
	if err != nil {
		return nil, err
	}
	out := make([]desk.Attachment, len(rows))
	for i, a := range rows {
		out[i] = attachmentFrom(dbsqlc.Attachment{ID: a.ID, TicketID: a.TicketID, Hash: a.Hash, Name: a.Name, Size: a.Size,
			Mime: a.Mime, AddedBy: a.AddedBy, AddedAt: a.AddedAt}, a.AddedByName)
	}
	return out, nil
}

// AttachmentHashes lists the hashes of every file a live attachment refers to.
func (s *Store) AttachmentHashes(ctx context.Context) ([]string, error) {
	return s.read().ListLiveAttachmentHashes(ctx)
}
