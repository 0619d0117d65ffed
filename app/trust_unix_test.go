//go:build unix

package app

import (
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// AttachPaths takes regular files only: a pipe (which would block the call
// for ever) and a device are refused with a plain message.
func TestAttachPathsRegularFilesOnly(t *testing.T) {
	a, _, tickets := mustDesk(t, 1)
	fifo := filepath.Join(t.TempDir(), "scan.pdf")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	type result struct {
		res AttachResult
		err error
	}
	done := make(chan result, 1)
	go func() {
		res, err := a.Attachments.AttachPaths(tickets[0].Ticket.ID, []string{fifo, "/dev/null"})
		done <- result{res, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(5 * time.Second):
		// Unblock the open so the test ends.
		if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
		t.Fatal("AttachPaths blocked on a pipe")
	}
	if r.err != nil || len(r.res.Attached) != 0 || len(r.res.Refused) != 2 {
		t.Fatalf("attach a pipe and a device: %v %+v", r.err, r.res)
	}
	for _, ref := range r.res.Refused {
		if !strings.Contains(ref.Message, "not a file") {
			t.Errorf("%s refused with %q", ref.Name, ref.Message)
		}
	}
}

// inboxWith is an app watching a new inbox folder holding one listed file.
func inboxWith(t *testing.T, name string, body []byte) (*App, string, string) {
	t.Helper()
	a, _, tickets := mustDesk(t, 1)
	folder := filepath.Join(t.TempDir(), "Deskline Inbox")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Inbox.SetFolder(folder); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Inbox.stop)
	if err := os.WriteFile(filepath.Join(folder, name), body, 0o600); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		st, _ := a.Inbox.State()
		if len(st.Files) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the file never showed in the inbox: %+v", st)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return a, folder, tickets[0].Ticket.ID
}

// An inbox file swapped for a link to a file elsewhere after it was listed
// is neither previewed nor attached, and the file elsewhere stays as it was.
func TestInboxRefusesSwappedLink(t *testing.T) {
	a, folder, ticketID := inboxWith(t, "form.png", pngBytes(t))
	secret := filepath.Join(t.TempDir(), "secret.png")
	if err := os.WriteFile(secret, pngBytes(t)[:60], 0o600); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(folder, "form.png")
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, p); err != nil {
		t.Fatal(err)
	}

	rec := httptest.NewRecorder()
	a.PreviewHandler().ServeHTTP(rec, httptest.NewRequest("GET", "/inbox/form.png", nil))
	if rec.Code != 404 {
		t.Errorf("preview through the link: %d, %d bytes", rec.Code, rec.Body.Len())
	}
	res, err := a.Inbox.Attach(ticketID, "form.png")
	if err == nil && len(res.Attached) != 0 {
		t.Errorf("attached through the link: %+v", res)
	}
	if _, err := os.Stat(secret); err != nil {
		t.Errorf("the file outside the inbox: %v", err)
	}
	d, _ := a.Tickets.Get(ticketID)
	if len(d.Attachments) != 0 {
		t.Errorf("ticket attachments = %+v", d.Attachments)
	}
}

// An inbox file is removed only after its stored copy verifies: when the
// check fails, the original stays in the inbox.
func TestInboxKeepsOriginalWhenCopyFailsCheck(t *testing.T) {
	body := pngBytes(t)
	a, folder, ticketID := inboxWith(t, "id.png", body)
	a.Inbox.verify = func(string) error { return errors.New("read back altered") }
	res, err := a.Inbox.Attach(ticketID, "id.png")
	if err != nil || len(res.Attached) != 1 {
		t.Fatalf("attach: %v %+v", err, res)
	}
	if b, err := os.ReadFile(filepath.Join(folder, "id.png")); err != nil || len(b) != len(body) {
		t.Fatalf("the original is gone or cut: %d bytes, %v", len(b), err)
	}
	a.Inbox.verify = nil
	if _, err := a.Inbox.Attach(ticketID, "id.png"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(folder, "id.png")); !os.IsNotExist(err) {
		t.Fatalf("verified copy, original still there: %v", err)
	}
}

// A file still being written when it was attached (it grew after it was
// read) stays in the inbox: what was stored is not the whole file.
func TestInboxKeepsFileThatGrewWhileAttached(t *testing.T) {
	body := pngBytes(t)
	a, folder, ticketID := inboxWith(t, "page.png", body)
	p := filepath.Join(folder, "page.png")
	// The scanner writes its next page as soon as the stored copy is checked.
	a.Inbox.verify = func(hash string) error {
		f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = f.Write([]byte("second page"))
		return err
	}
	if res, err := a.Inbox.Attach(ticketID, "page.png"); err != nil || len(res.Attached) != 1 {
		t.Fatalf("attach: %v %+v", err, res)
	}
	if b, err := os.ReadFile(p); err != nil || len(b) != len(body)+len("second page") {
		t.Fatalf("the growing file is gone or cut: %d bytes, %v", len(b), err)
	}
}
