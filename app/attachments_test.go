package app

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"deskline/internal/attach"
	"deskline/internal/desk"
)

func pngBytes(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for x := 0; x < 40; x++ {
		img.Set(x, x%30, color.RGBA{200, 30, 30, 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// mustDesk is an app with an attachment folder, a workspace and n tickets.
func mustDesk(t *testing.T, n int) (*App, *attach.Store, []desk.TicketDetail) {
	t.Helper()
	a, _ := mustApp(t)
	blobs, err := attach.Open(filepath.Join(t.TempDir(), "attachments"), attach.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	a.SetAttachments(blobs)
	if _, err := a.Setup.Initialize("Acme", "Asha", testPIN); err != nil {
		t.Fatal(err)
	}
	subjects, _ := a.Catalog.ListSubjects(false)
	c, _ := a.Contacts.Save(desk.ContactInput{Kind: "customer", Name: "Carla", Mobile: "0771234567"})
	var tickets []desk.TicketDetail
	for i := 0; i < n; i++ {
		d, err := a.Tickets.Create(desk.NewTicket{SubjectIDs: []string{subjects[0].ID}, ContactID: c.ID, Mobile: c.Mobile})
		if err != nil {
			t.Fatal(err)
		}
		tickets = append(tickets, d)
	}
	return a, blobs, tickets
}

func TestAttachmentService(t *testing.T) {
	a, blobs, tickets := mustDesk(t, 2)
	t1, t2 := tickets[0], tickets[1]

	dir := t.TempDir()
	photo := filepath.Join(dir, "id card.png")
	program := filepath.Join(dir, "invoice.pdf")
	os.WriteFile(photo, pngBytes(t), 0o600)
	os.WriteFile(program, append([]byte{0x7f, 'E', 'L', 'F', 2, 1, 1}, make([]byte, 200)...), 0o600)

	res, err := a.Attachments.AttachPaths(t1.Ticket.ID, []string{photo, program, filepath.Join(dir, "missing.pdf")})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Attached) != 1 || res.Attached[0].Name != "id card.png" || res.Attached[0].MIME != "image/png" {
		t.Fatalf("attached = %+v", res.Attached)
	}
	if len(res.Refused) != 2 || res.Refused[0].Name != "invoice.pdf" || !strings.Contains(res.Refused[0].Message, "program") {
		t.Fatalf("refused = %+v", res.Refused)
	}
	// The same photo on another ticket is stored once.
	res2, err := a.Attachments.AttachPaths(t2.Ticket.ID, []string{photo})
	if err != nil || len(res2.Attached) != 1 || res2.Attached[0].Hash != res.Attached[0].Hash {
		t.Fatalf("second attach: %v %+v", err, res2)
	}
	if files, _ := blobs.List(); len(files) != 1 {
		t.Fatalf("%d stored files, want 1", len(files))
	}

	h := a.PreviewHandler()
	for _, path := range []string{"/attachments/" + res.Attached[0].ID, "/attachments/" + res.Attached[0].ID + "/thumb"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "image/") || rec.Body.Len() == 0 {
			t.Fatalf("GET %s = %d %q (%d bytes)", path, rec.Code, rec.Header().Get("Content-Type"), rec.Body.Len())
		}
	}

	// Removing one reference keeps the file; removing the last deletes it.
	if err := a.Attachments.Remove(res.Attached[0].ID); err != nil {
		t.Fatal(err)
	}
	if files, _ := blobs.List(); len(files) != 1 {
		t.Fatal("the file went while ticket 2 still refers to it")
	}
	if err := a.Attachments.Remove(res2.Attached[0].ID); err != nil {
		t.Fatal(err)
	}
	if files, _ := blobs.List(); len(files) != 0 {
		t.Fatalf("unreferenced file kept: %v", files)
	}

	t.Run("AlteredFile", func(t *testing.T) {
		res, err := a.Attachments.AttachPaths(t1.Ticket.ID, []string{photo})
		if err != nil || len(res.Attached) != 1 {
			t.Fatalf("%v %+v", err, res)
		}
		p, _ := blobs.Path(res.Attached[0].Hash)
		os.Chmod(p, 0o600)
		b, _ := os.ReadFile(p)
		b[len(b)/2] ^= 0xff
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		err = a.Attachments.Open(res.Attached[0].ID)
		if desk.ErrorCode(err) != desk.ECONFLICT || !strings.Contains(desk.ErrorMessage(err), "id card.png cannot be opened") {
			t.Fatalf("open altered: %v", err)
		}
		problems, err := a.Attachments.Check()
		if err != nil || len(problems) != 1 || problems[0].Message == "" {
			t.Fatalf("check: %v %+v", err, problems)
		}
	})
}

func TestAttachmentLimits(t *testing.T) {
	a, blobs, tickets := mustDesk(t, 1)
	l, err := a.Attachments.Limits()
	if err != nil || l.MaxMB != 25 || len(l.Kinds) != 4 {
		t.Fatalf("defaults = %+v %v", l, err)
	}
	for _, bad := range []AttachmentLimits{{MaxMB: 0, Kinds: []string{"pdf"}}, {MaxMB: 101, Kinds: []string{"pdf"}}} {
		if _, err := a.Attachments.SaveLimits(bad); desk.ErrorField(err) != "maxMb" {
			t.Fatalf("SaveLimits(%+v) = %v", bad, err)
		}
	}
	if _, err := a.Attachments.SaveLimits(AttachmentLimits{MaxMB: 5, Kinds: []string{"tiff"}}); desk.ErrorField(err) != "kinds" {
		t.Fatalf("unknown kind: %v", err)
	}
	// PDF only: a photo is now refused, with the reason.
	if _, err := a.Attachments.SaveLimits(AttachmentLimits{MaxMB: 5, Kinds: []string{"pdf"}}); err != nil {
		t.Fatal(err)
	}
	photo := filepath.Join(t.TempDir(), "photo.png")
	os.WriteFile(photo, pngBytes(t), 0o600)
	res, err := a.Attachments.AttachPaths(tickets[0].Ticket.ID, []string{photo})
	if err != nil || len(res.Refused) != 1 || len(res.Attached) != 0 {
		t.Fatalf("photo under PDF-only limits: %v %+v", err, res)
	}
	if got := blobs.Limits().MaxBytes; got != 5<<20 {
		t.Fatalf("store limit = %d", got)
	}
	// Non-admins may not change them.
	bob, _ := a.Users.Save(desk.UserInput{Name: "Bob", Role: "support"})
	signInAs(t, a, bob.ID)
	if _, err := a.Attachments.SaveLimits(defaultAttachmentLimits()); desk.ErrorCode(err) != desk.EFORBIDDEN {
		t.Fatalf("support user changed limits: %v", err)
	}
}
