package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"deskline/db/dbsqlc"
	"deskline/internal/attach"
	"deskline/internal/desk"
)

// Operation kinds of attachments. The entity of each is the ticket.
const (
	OpAttach = "ticket.attach"
	OpDetach = "ticket.detach"
)

// attachFile records a file (already stored by hash) on a ticket.
type attachFile struct {
	AttachmentID string `json:"attachmentId"`
	Hash         string `json:"hash"`
	Name         string `json:"name"`
	Size         int64  `json:"size"`
	MIME         string `json:"mime"`
}

// maxAttachmentBytes bounds the size an attach may claim (the attachment
// store's own limit is lower).
const maxAttachmentBytes = 1 << 30

var kAttach = defineKind(opKind[attachFile]{
	name: OpAttach, what: "attach files", roles: everyone,
	check: func(p *attachFile) error {
		if err := checkUUID("attachmentId", p.AttachmentID); err != nil {
			return err
		}
		if !validHash(p.Hash) {
			return desk.Invalid("hash", "Not a SHA-256 hash")
		}
		if p.Size < 0 || p.Size > maxAttachmentBytes {
			return desk.Invalid("size", "Not a file size")
		}
		if err := checkFileName(p.Name); err != nil {
			return err
		}
		if len(p.MIME) > 100 || strings.ContainsAny(p.MIME, "\r\n\x00") {
			return desk.Invalid("mime", "Not a file type")
		}
		return nil
	},
	merge: func(mc *mergeCtx, p *attachFile) error {
		if err := mc.q.InsertAttachment(mc.ctx, dbsqlc.InsertAttachmentParams{
			ID: p.AttachmentID, TicketID: mc.op.EntityID, Hash: p.Hash, Name: p.Name, Size: p.Size,
			Mime: p.MIME, AddedBy: mc.op.ActorID, AddedAt: mc.at,
		}); err != nil {
			return fmt.Errorf("record attachment: %w", err)
		}
		return ticketActivity(mc.ctx, mc.q, mc.op, entry{kind: desk.ActAttached, to: fmt.Sprintf("%s (%s)", p.Name, humanSize(p.Size))})
	},
})

// detach takes an attachment off its ticket.
type detach struct {
	AttachmentID string `json:"attachmentId"`
	Name         string `json:"name"`
}

var kDetach = defineKind(opKind[detach]{
	name: OpDetach, what: "remove attachments", roles: desk.RolesFor(desk.ActDeleteAttachments),
	check: func(p *detach) error {
		if err := checkUUID("attachmentId", p.AttachmentID); err != nil {
			return err
		}
		return checkFileName(p.Name)
	},
	merge: func(mc *mergeCtx, p *detach) error {
		if err := mc.q.RemoveAttachment(mc.ctx, dbsqlc.RemoveAttachmentParams{RemovedAt: sql.NullInt64{Int64: mc.at, Valid: true}, ID: p.AttachmentID}); err != nil {
			return fmt.Errorf("remove attachment: %w", err)
		}
		return ticketActivity(mc.ctx, mc.q, mc.op, entry{kind: desk.ActDetached, from: p.Name})
	},
})

// validHash reports whether h is a SHA-256 in lower-case hex, the only form
// the attachment store names files by (so no hash can name a path).
func validHash(h string) bool {
	if len(h) != 64 {
		return false
	}
	for _, c := range h {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// checkFileName accepts an attachment's display name only in the form the
// attachment store gives names (attach.CleanName: one path element, no control
// or bidirectional characters, nothing some system refuses), so that a name
// from another machine can never name a path.
func checkFileName(name string) error {
	if name == "" || attach.CleanName(name) != name {
		return desk.Invalid("name", "Not a file name")
	}
	return nil
}

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
		_, err := emit(m, kAttach, ticketID, attachFile{AttachmentID: id, Hash: f.Hash, Name: f.Name, Size: f.Size, MIME: f.MIME})
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
		_, err := emit(m, kDetach, a.TicketID, detach{AttachmentID: a.ID, Name: a.Name})
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
