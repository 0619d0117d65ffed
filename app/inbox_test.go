package app

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"deskline/internal/desk"
)

func TestInbox(t *testing.T) {
	a, _, tickets := mustDesk(t, 1)
	d := tickets[0]

	folder := filepath.Join(t.TempDir(), "Deskline Inbox")
	if _, err := a.Inbox.SetFolder(folder); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Inbox.stop)
	if _, err := a.Inbox.SetFolder("relative/path"); desk.ErrorField(err) != "folder" {
		t.Fatalf("relative folder: %v", err)
	}
	waitFor := func(what string, ok func(InboxState) bool) InboxState {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			st, err := a.Inbox.State()
			if err != nil {
				t.Fatal(err)
			}
			if ok(st) {
				return st
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: inbox = %+v", what, st)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	waitFor("watching", func(st InboxState) bool { return st.Watching })

	dropped := filepath.Join(folder, "1 id-card.png")
	if err := os.WriteFile(dropped, pngBytes(t), 0o600); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(folder, ".hidden.png"), pngBytes(t), 0o600)
	os.WriteFile(filepath.Join(folder, "scan.pdf.part"), []byte("%PDF-"), 0o600)
	st := waitFor("the dropped file", func(st InboxState) bool { return len(st.Files) == 1 })
	f := st.Files[0]
	if f.Name != "1 id-card.png" || f.SuggestedTicketID != d.Ticket.ID || f.SuggestedTicketNumber != 1 {
		t.Fatalf("inbox file = %+v", f)
	}

	if _, err := a.Inbox.AttachToNumber(99, f.Name); desk.ErrorField(err) != "number" {
		t.Fatalf("attach to a missing ticket: %v", err)
	}
	res, err := a.Inbox.AttachToNumber(1, f.Name)
	if err != nil || len(res.Attached) != 1 {
		t.Fatalf("attach: %v %+v", err, res)
	}
	if _, err := os.Stat(dropped); !os.IsNotExist(err) {
		t.Fatalf("the file is still in the inbox: %v", err)
	}
	if st, _ := a.Inbox.State(); len(st.Files) != 0 {
		t.Fatalf("inbox after attach = %+v", st.Files)
	}
	detail, _ := a.Tickets.Get(d.Ticket.ID)
	if len(detail.Attachments) != 1 || detail.Attachments[0].Name != "1 id-card.png" {
		t.Fatalf("ticket attachments = %+v", detail.Attachments)
	}

	// The folder removed and made again: the watcher says so, then carries on.
	if err := os.RemoveAll(folder); err != nil {
		t.Fatal(err)
	}
	waitFor("the problem reported", func(st InboxState) bool { return st.Problem != "" })
	os.MkdirAll(folder, 0o700)
	os.WriteFile(filepath.Join(folder, "form.png"), pngBytes(t), 0o600)
	waitFor("the file after the folder came back", func(st InboxState) bool {
		return st.Watching && st.Problem == "" && len(st.Files) == 1 && st.Files[0].Name == "form.png"
	})
}

func TestLeadingNumber(t *testing.T) {
	for name, want := range map[string]int64{"1042 id-card.pdf": 1042, "#77_form.pdf": 77, "12-scan.jpg": 12, "2026report.pdf": 0, "scan 1042.pdf": 0, "0 x.pdf": 0} {
		got, ok := leadingNumber(name)
		if got != want || ok != (want > 0) {
			t.Errorf("leadingNumber(%q) = %d %v, want %d", name, got, ok, want)
		}
	}
}

// TestOwnDataDirHasItsOwnInbox: two desks started on data folders of their
// own watch two scan inboxes, each inside its data folder.
func TestOwnDataDirHasItsOwnInbox(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	var folders []string
	for range 2 {
		a, dir, _ := backupDesk(t, 0)
		a.SetOwnDataDir(dir)
		a.Inbox.start()
		t.Cleanup(a.Inbox.stop)
		st, err := a.Inbox.State()
		if err != nil {
			t.Fatal(err)
		}
		if want := filepath.Join(dir, InboxFolderName); st.Folder != want {
			t.Fatalf("inbox = %q, want %q", st.Folder, want)
		}
		folders = append(folders, st.Folder)
	}
	if folders[0] == folders[1] {
		t.Fatal("two desks share one scan inbox")
	}
}
