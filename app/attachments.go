package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"deskline/internal/attach"
	"deskline/internal/desk"
	"deskline/internal/store"
)

// AttachResult says what happened to each file of one attach action.
type AttachResult struct {
	Attached []desk.Attachment `json:"attached"`
	Refused  []Refusal         `json:"refused"`
}

// Refusal is a file that was not attached, and why, in plain words.
type Refusal struct {
	Name    string `json:"name"`
	Message string `json:"message"`
}

// AttachmentService attaches files to tickets, shows, opens, saves and
// removes them, and checks the stored files.
type AttachmentService struct {
	c     *core
	blobs *attach.Store
	a     *App
	// mu keeps a file's "still referred to?" check and its deletion apart
	// from an attach that reuses the same stored file.
	mu sync.Mutex
}

// AttachmentProblem is a stored file that is missing or altered.
type AttachmentProblem struct {
	Hash    string `json:"hash"`
	Message string `json:"message"`
}

// SetAttachments gives the app its attachment file store.
func (a *App) SetAttachments(blobs *attach.Store) {
	a.Attachments.blobs = blobs
	a.Attachments.loadLimits()
}

func (s *AttachmentService) ready() error {
	if s.blobs == nil {
		return desk.Errorf(desk.EUNAVAILABLE, "the attachment folder is not available")
	}
	return nil
}

// Choose opens the system's file chooser (several files at once) and attaches
// what the user picks to the ticket. Choosing nothing attaches nothing.
func (s *AttachmentService) Choose(ticketID string) (AttachResult, error) {
	if err := s.c.need(desk.ActWork); err != nil {
		return AttachResult{}, err
	}
	if s.a.ctx == nil {
		return AttachResult{}, desk.Errorf(desk.EUNAVAILABLE, "no window to open a file chooser in")
	}
	paths, err := runtime.OpenMultipleFilesDialog(s.a.ctx, runtime.OpenDialogOptions{Title: "Attach files"})
	if err != nil {
		return AttachResult{}, fmt.Errorf("file chooser: %w", err)
	}
	return s.AttachPaths(ticketID, paths)
}

// AttachPaths attaches files on this computer to a ticket: the step after the
// file chooser or a drop onto the window. Each file is stored (once per
// content) and recorded; a refused file is listed with the reason. Only
// regular files are taken: a folder, device or pipe is refused (and a pipe
// never blocks the call).
func (s *AttachmentService) AttachPaths(ticketID string, paths []string) (AttachResult, error) {
	return s.attach(ticketID, paths, func(p string) (*os.File, os.FileInfo, error) {
		return openRegular(filepath.Base(p), func(flag int) (*os.File, error) { return os.OpenFile(p, flag, 0) })
	})
}

// attach attaches the files open gives for each of paths (their names are
// the paths' last elements).
func (s *AttachmentService) attach(ticketID string, paths []string, open func(p string) (*os.File, os.FileInfo, error)) (AttachResult, error) {
	res := AttachResult{Attached: []desk.Attachment{}, Refused: []Refusal{}}
	u, err := s.c.allow(desk.ActWork)
	if err != nil {
		return res, err
	}
	me := u.ID
	if err := s.ready(); err != nil {
		return res, err
	}
	if _, err := s.c.ticketFor(u, ticketID); err != nil {
		return res, err
	}
	for _, p := range paths {
		a, err := s.attachOne(me, ticketID, p, open)
		if err != nil {
			if desk.ErrorCode(err) == desk.EINTERNAL {
				s.c.log.Error("attach file", "path", p, "err", err)
			}
			res.Refused = append(res.Refused, Refusal{Name: filepath.Base(p), Message: desk.ErrorMessage(err)})
			continue
		}
		res.Attached = append(res.Attached, a)
	}
	if len(res.Attached) > 0 {
		s.c.changed([]string{ticketID}, TopicTickets)
	}
	return res, nil
}

func (s *AttachmentService) attachOne(me, ticketID, path string, open func(p string) (*os.File, os.FileInfo, error)) (desk.Attachment, error) {
	f, _, err := open(path)
	if err != nil {
		return desk.Attachment{}, err
	}
	defer f.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := s.blobs.Put(bg, f, filepath.Base(path))
	if err != nil {
		return desk.Attachment{}, err
	}
	return s.c.store.AddAttachment(bg, me, ticketID, desk.StoredFile{Hash: b.Hash, Name: b.Name, Size: b.Size, MIME: b.MIME})
}

// openRegular opens a file to read with open (given the flags to use) and
// returns it with its state only if it is a regular file. The open does not
// block on a pipe or device; the state is the opened file's own, so what is
// read is what was checked.
func openRegular(name string, open func(flag int) (*os.File, error)) (*os.File, os.FileInfo, error) {
	f, err := open(os.O_RDONLY | openNonBlock)
	if err != nil {
		return nil, nil, desk.Invalid("file", "%s cannot be read: %v", name, errors.Unwrap(err))
	}
	st, err := f.Stat()
	switch {
	case err != nil:
		f.Close()
		return nil, nil, desk.Invalid("file", "%s cannot be read: %v", name, errors.Unwrap(err))
	case st.IsDir():
		f.Close()
		return nil, nil, desk.Invalid("file", "%s is a folder; attach the files inside it", name)
	case !st.Mode().IsRegular():
		f.Close()
		return nil, nil, desk.Invalid("file", "%s is not a file (a device, pipe or socket); only files can be attached", name)
	}
	return f, st, nil
}

// Remove takes an attachment off its ticket; the stored file is deleted when
// no ticket refers to it any more.
func (s *AttachmentService) Remove(id string) error {
	u, err := s.c.allow(desk.ActDeleteAttachments)
	if err != nil {
		return err
	}
	me := u.ID
	if err := s.ready(); err != nil {
		return err
	}
	a, err := s.c.store.GetAttachment(bg, id)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	hash, used, err := s.c.store.RemoveAttachment(bg, me, id)
	if err != nil {
		return err
	}
	if !used {
		if err := s.blobs.Remove(hash); err != nil {
			s.c.log.Error("delete unused attachment file", "hash", hash, "err", err)
		}
	}
	s.c.changed([]string{a.TicketID}, TopicTickets)
	return nil
}

// verified returns the attachment after checking its file against its hash.
// A missing or altered file gives a clear message instead of an error dump.
func (s *AttachmentService) verified(id string) (desk.Attachment, error) {
	me, err := s.c.allow(desk.ActWork)
	if err != nil {
		return desk.Attachment{}, err
	}
	if err := s.ready(); err != nil {
		return desk.Attachment{}, err
	}
	a, err := s.c.store.GetAttachment(bg, id)
	if err != nil {
		return a, err
	}
	if err := s.c.mayTouch(me, a.TicketID); err != nil {
		return desk.Attachment{}, err
	}
	if err := s.blobs.Verify(a.Hash); err != nil {
		return a, &desk.Error{Code: desk.ECONFLICT, Message: fmt.Sprintf("%s cannot be opened: %s", a.Name, desk.ErrorMessage(err))}
	}
	return a, nil
}

// Open opens an attachment with the system's default program (a copy under
// its original name, so the program knows what it is).
func (s *AttachmentService) Open(id string) error {
	a, err := s.verified(id)
	if err != nil {
		return err
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dst := filepath.Join(cache, "Deskline", "open", a.ID, a.Name)
	if err := s.copyTo(a, dst); err != nil {
		return err
	}
	if s.a.ctx != nil {
		runtime.BrowserOpenURL(s.a.ctx, "file://"+filepath.ToSlash(dst))
	}
	return nil
}

// SaveAs asks where to save a copy of an attachment and writes it there.
// Returns the path saved to ("" if the user cancelled).
func (s *AttachmentService) SaveAs(id string) (string, error) {
	a, err := s.verified(id)
	if err != nil {
		return "", err
	}
	if s.a.ctx == nil {
		return "", desk.Errorf(desk.EUNAVAILABLE, "no window to open a save dialog in")
	}
	dst, err := runtime.SaveFileDialog(s.a.ctx, runtime.SaveDialogOptions{Title: "Save attachment", DefaultFilename: a.Name})
	if err != nil || dst == "" {
		return "", err
	}
	return dst, s.copyTo(a, dst)
}

func (s *AttachmentService) copyTo(a desk.Attachment, dst string) error {
	src, err := s.blobs.Open(a.Hash)
	if err != nil {
		return err
	}
	defer src.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return err
	}
	out, err := os.Create(dst)
	if err != nil {
		return desk.Errorf(desk.EUNAVAILABLE, "cannot write %s: %v", dst, errors.Unwrap(err))
	}
	if _, err := io.Copy(out, src); err != nil {
		out.Close()
		os.Remove(dst) // never leave a partial or altered copy behind
		return err
	}
	return out.Close()
}

// Check verifies every stored file that an attachment refers to (admins
// only) and lists what is missing or altered.
func (s *AttachmentService) Check() ([]AttachmentProblem, error) {
	if err := s.c.need(desk.ActBackup); err != nil {
		return nil, err
	}
	if err := s.ready(); err != nil {
		return nil, err
	}
	hashes, err := s.c.store.AttachmentHashes(bg)
	if err != nil {
		return nil, err
	}
	out := []AttachmentProblem{}
	for _, p := range s.blobs.VerifyAll(context.Background(), hashes, func(done, total int) {
		s.c.emitter.Emit("deskline:progress", map[string]any{"task": "check-attachments", "done": done, "total": total})
	}) {
		out = append(out, AttachmentProblem{Hash: p.Hash, Message: desk.ErrorMessage(p.Err)})
	}
	return out, nil
}

// PreviewHandler serves attachment previews to the window:
// /attachments/ID for the file itself, /attachments/ID/thumb for a thumbnail.
// Each file is checked against its hash before it is served.
func (a *App) PreviewHandler() http.Handler { return previewHandler{a.Attachments} }

type previewHandler struct{ s *AttachmentService }

// previewPolicy is the Content-Security-Policy of every served preview: a
// file someone attached (an SVG with a script, a text file that looks like a
// page) is shown, never run, and reaches nothing.
const previewPolicy = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox"

func (h previewHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s := h.s
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", previewPolicy)
	// Nothing is served while nobody is signed in or the desk is locked.
	if err := s.c.need(desk.ActWork); err != nil {
		http.Error(w, desk.ErrorMessage(err), http.StatusForbidden)
		return
	}
	if name, ok := strings.CutPrefix(r.URL.Path, "/inbox/"); ok {
		// A file waiting in the scan inbox, for the Inbox panel's preview.
		f, st, err := s.a.Inbox.open(name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		http.ServeContent(w, r, st.Name(), st.ModTime(), f)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/attachments/")
	if !ok || s.blobs == nil {
		http.NotFound(w, r)
		return
	}
	id, thumb := strings.CutSuffix(rest, "/thumb")
	a, err := s.verified(id)
	if err != nil {
		http.Error(w, desk.ErrorMessage(err), http.StatusNotFound)
		return
	}
	w.Header().Set("Cache-Control", "private, max-age=3600")
	if thumb {
		b, err := s.blobs.Thumbnail(a.Hash, attach.DefaultThumbSide)
		if err != nil {
			http.Error(w, desk.ErrorMessage(err), http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", http.DetectContentType(b))
		w.Write(b)
		return
	}
	f, err := s.blobs.Open(a.Hash)
	if err != nil {
		http.Error(w, desk.ErrorMessage(err), http.StatusNotFound)
		return
	}
	defer f.Close()
	w.Header().Set("Content-Type", a.MIME)
	w.Header().Set("Content-Disposition", fmt.Sprintf("inline; filename=%q", a.Name))
	io.Copy(w, f)
}

// AttachmentLimits are the admin's rules for attachments: the largest file in
// megabytes, and which families of files are accepted.
type AttachmentLimits struct {
	MaxMB int `json:"maxMb"`
	// Kinds among "images", "pdf", "text", "office".
	Kinds []string `json:"kinds"`
}

// attachmentKinds maps the admin's choices to content types.
var attachmentKinds = map[string][]string{
	"images": {"image/*"},
	"pdf":    {"application/pdf"},
	"text":   {"text/plain", "text/csv", "text/tab-separated-values"},
	"office": {
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		"application/vnd.openxmlformats-officedocument.presentationml.presentation",
		"application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
		"application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
		"application/vnd.oasis.opendocument.presentation",
	},
}

func defaultAttachmentLimits() AttachmentLimits {
	return AttachmentLimits{MaxMB: int(attach.DefaultMaxBytes >> 20), Kinds: []string{"images", "pdf", "text", "office"}}
}

// loadLimits applies the saved limits to the attachment store (at start).
func (s *AttachmentService) loadLimits() {
	if s.blobs == nil || s.c.store == nil {
		return
	}
	l, err := s.Limits()
	if err == nil {
		s.blobs.SetLimits(toAttachLimits(l))
	}
}

func toAttachLimits(l AttachmentLimits) attach.Limits {
	out := attach.Limits{MaxBytes: int64(l.MaxMB) << 20, Allowed: []string{}}
	for _, k := range l.Kinds {
		out.Allowed = append(out.Allowed, attachmentKinds[k]...)
	}
	return out
}

// Limits returns the attachment limits of this workstation.
func (s *AttachmentService) Limits() (AttachmentLimits, error) {
	if err := s.c.need(desk.ActWork); err != nil {
		return AttachmentLimits{}, err
	}
	v, err := s.c.store.LocalSetting(bg, store.SettingAttachmentLimits)
	if err != nil || v == "" {
		return defaultAttachmentLimits(), err
	}
	var l AttachmentLimits
	if err := json.Unmarshal([]byte(v), &l); err != nil {
		return defaultAttachmentLimits(), nil
	}
	return l, nil
}

// SaveLimits changes the attachment limits (admins only): 1 to 100 MB, and
// at least one kind of file.
func (s *AttachmentService) SaveLimits(l AttachmentLimits) (AttachmentLimits, error) {
	if err := s.c.need(desk.ActSetInbox); err != nil {
		return l, err
	}
	if err := s.ready(); err != nil {
		return l, err
	}
	if l.MaxMB < 1 || l.MaxMB > 100 {
		return l, desk.Invalid("maxMb", "Choose a size limit from 1 to 100 MB")
	}
	if len(l.Kinds) == 0 {
		return l, desk.Invalid("kinds", "Allow at least one kind of file")
	}
	for _, k := range l.Kinds {
		if _, ok := attachmentKinds[k]; !ok {
			return l, desk.Invalid("kinds", "Unknown kind of file %q", k)
		}
	}
	b, _ := json.Marshal(l)
	if err := s.c.store.SetLocalSetting(bg, store.SettingAttachmentLimits, string(b)); err != nil {
		return l, err
	}
	s.blobs.SetLimits(toAttachLimits(l))
	return l, nil
}
