package app

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every served preview (a stored file, its thumbnail, an inbox file, and the
// refusals) tells the window not to sniff its type and not to run anything.
func TestPreviewHeaders(t *testing.T) {
	a, _, tickets := mustDesk(t, 1)
	dir := t.TempDir()
	img := filepath.Join(dir, "logo.png")
	os.WriteFile(img, pngBytes(t), 0o600)
	res, err := a.Attachments.AttachPaths(tickets[0].Ticket.ID, []string{img})
	if err != nil || len(res.Attached) != 1 {
		t.Fatalf("%v %+v", err, res)
	}
	id := res.Attached[0].ID
	h := a.PreviewHandler()
	for _, path := range []string{"/attachments/" + id, "/attachments/" + id + "/thumb", "/attachments/nope", "/inbox/nope", "/other"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options %q", path, got)
		}
		csp := rec.Header().Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "sandbox"} {
			if !strings.Contains(csp, want) {
				t.Errorf("GET %s: Content-Security-Policy %q lacks %q", path, csp, want)
			}
		}
	}
}

// The inbox folder's path has a limit and no control characters.
func TestInboxFolderPathLimits(t *testing.T) {
	a, _, _ := mustDesk(t, 0)
	for _, p := range []string{"/tmp/" + strings.Repeat("d", 5000), "/tmp/in\x00box", "/tmp/in\u202ebox"} {
		if _, err := a.Inbox.SetFolder(p); err == nil || !strings.Contains(err.Error(), "folder") {
			t.Errorf("SetFolder(%.30q…): %v", p, err)
		}
	}
}
