package store_test

import (
	"context"
	"testing"

	"deskline/internal/desk"
)

func TestAttachments(t *testing.T) {
	ctx := context.Background()
	f := mustWorkspace(t, MustOpen(t))
	s := f.s
	a, b := f.mustTicket(t, "Complaint"), f.mustTicket(t, "Document Request")
	const sum = "ab12000000000000000000000000000000000000000000000000000000000000"
	scan := desk.StoredFile{Hash: sum, Name: "id-card.pdf", Size: 1536, MIME: "application/pdf"}

	onA, err := s.AddAttachment(ctx, f.admin.ID, a, scan)
	if err != nil {
		t.Fatal(err)
	}
	onB, err := s.AddAttachment(ctx, f.admin.ID, b, scan) // the same file on another ticket
	if err != nil {
		t.Fatal(err)
	}
	d, err := s.GetTicket(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Attachments) != 1 || d.Attachments[0].ID != onA.ID || !d.Attachments[0].Preview || d.Attachments[0].AddedBy.Name != "Asha Admin" {
		t.Fatalf("attachments = %+v", d.Attachments)
	}
	last := d.Activity[len(d.Activity)-1]
	if last.Kind != desk.ActAttached || last.To != "id-card.pdf (2 KB)" {
		t.Fatalf("feed entry = %+v", last)
	}

	hash, used, err := s.RemoveAttachment(ctx, f.admin.ID, onA.ID)
	if err != nil || hash != sum || !used {
		t.Fatalf("remove from a: %q used=%v err=%v; ticket b still refers to the file", hash, used, err)
	}
	if d, _ = s.GetTicket(ctx, a); len(d.Attachments) != 0 || d.Activity[len(d.Activity)-1].Kind != desk.ActDetached {
		t.Fatalf("after remove: %+v / %+v", d.Attachments, d.Activity[len(d.Activity)-1])
	}
	_, _, err = s.RemoveAttachment(ctx, f.admin.ID, onA.ID)
	wantCode(t, err, desk.ENOTFOUND, "")

	if _, used, err = s.RemoveAttachment(ctx, f.admin.ID, onB.ID); err != nil || used {
		t.Fatalf("remove the last reference: used=%v err=%v", used, err)
	}
	hashes, err := s.AttachmentHashes(ctx)
	if err != nil || len(hashes) != 0 {
		t.Fatalf("live hashes = %v %v", hashes, err)
	}
	_, err = s.AddAttachment(ctx, f.admin.ID, "no-such-ticket", scan)
	wantCode(t, err, desk.ENOTFOUND, "")

	replica := MustOpen(t)
	if err := replica.ApplyOps(ctx, allOps(t, s)); err != nil {
		t.Fatal(err)
	}
	rd, _ := replica.GetTicket(ctx, a)
	if len(rd.Activity) != len(d.Activity) || len(rd.Attachments) != 0 {
		t.Fatalf("replica differs: %d feed entries, %d attachments", len(rd.Activity), len(rd.Attachments))
	}
}
