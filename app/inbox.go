package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"deskline/internal/desk"
	"deskline/internal/store"
	"deskline/internal/text"
	"deskline/internal/watch"
)

// InboxFile is a file waiting in the scan inbox.
type InboxFile struct {
	Name    string `json:"name"`
	Size    int64  `json:"size"`
	ModTime string `json:"modTime"`
	// The ticket its name starts with ("1042 id-card.pdf"), if that ticket exists.
	SuggestedTicketID     string `json:"suggestedTicketId"`
	SuggestedTicketNumber int64  `json:"suggestedTicketNumber"`
}

// InboxState is the Inbox panel: the watched folder, whether it can be seen,
// the last problem met, and the files waiting, newest first.
type InboxState struct {
	Folder   string      `json:"folder"`
	Watching bool        `json:"watching"`
	Problem  string      `json:"problem"`
	Files    []InboxFile `json:"files"`
}

// InboxService watches the scan inbox folder and attaches what lands there.
type InboxService struct {
	c *core
	a *App

	mu       sync.Mutex
	folder   string
	watching bool
	problem  string
	files    map[string]watch.Event
	// verify checks a stored copy before its inbox file is removed (nil:
	// the attachment store's Verify; tests make it fail).
	verify func(hash string) error
	cancel context.CancelFunc
	done   chan struct{}
	// ownDefault is the default folder of a desk started on a data folder
	// of its own (--data-dir, DESKLINE_DATA_DIR): inside that folder, so that
	// two desks on one computer never share a scan inbox.
	ownDefault string
}

// InboxFolderName is the scan inbox's folder name inside a data folder
// chosen with --data-dir or DESKLINE_DATA_DIR.
const InboxFolderName = "Scan Inbox"

// SetOwnDataDir tells the app that its data folder was chosen for this desk
// (--data-dir or DESKLINE_DATA_DIR): its default scan inbox is then a folder
// inside it rather than the one in the user's home folder.
func (a *App) SetOwnDataDir(dir string) {
	a.Inbox.ownDefault = filepath.Join(dir, InboxFolderName)
}

// DefaultInboxFolder is "Deskline Inbox" in the user's home folder.
func DefaultInboxFolder() string {
	home, err := os.UserHomeDir()
	if err != nil {
		home = os.TempDir()
	}
	return filepath.Join(home, "Deskline Inbox")
}

// start watches the configured folder (the default when none is set).
func (s *InboxService) start() {
	if s.c.store == nil {
		return
	}
	folder, err := s.c.store.LocalSetting(bg, store.SettingInboxFolder)
	if err != nil || folder == "" {
		folder = s.ownDefault
	}
	if folder == "" {
		folder = DefaultInboxFolder()
	}
	if err := s.watch(folder); err != nil {
		s.c.log.Error("watch the inbox", "folder", folder, "err", err)
	}
}

// watch (re)starts the watcher on folder.
func (s *InboxService) watch(folder string) error {
	s.stop()
	w, err := watch.New(folder, watch.Options{OnState: func(st watch.State) {
		s.mu.Lock()
		s.watching = st == watch.Watching
		if s.watching {
			s.problem = ""
		}
		s.mu.Unlock()
		s.changed()
	}})
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	s.mu.Lock()
	s.folder, s.files, s.problem, s.watching = w.Dir(), map[string]watch.Event{}, "", false
	s.cancel, s.done = cancel, done
	s.mu.Unlock()
	go func() {
		defer close(done)
		go func() { _ = w.Run(ctx) }()
		events, errs := w.Events, w.Errors
		for events != nil || errs != nil {
			select {
			case ev, ok := <-events:
				if !ok {
					events = nil
					continue
				}
				s.mu.Lock()
				s.files[ev.Name] = ev
				s.mu.Unlock()
				s.changed()
			case err, ok := <-errs:
				if !ok {
					errs = nil
					continue
				}
				s.mu.Lock()
				s.problem = err.Error()
				s.mu.Unlock()
				s.changed()
			}
		}
	}()
	return nil
}

func (s *InboxService) stop() {
	s.mu.Lock()
	cancel, done := s.cancel, s.done
	s.cancel, s.done = nil, nil
	s.mu.Unlock()
	if cancel != nil {
		cancel()
		<-done
	}
}

func (s *InboxService) changed() {
	s.c.emitter.Emit(EventChanged, Change{Topics: []string{TopicInbox}, TicketIDs: []string{}})
}

// State returns the Inbox panel. Files that left the folder by other means
// are dropped from the list.
func (s *InboxService) State() (InboxState, error) {
	if err := s.c.need(desk.ActWork); err != nil {
		return InboxState{}, err
	}
	s.mu.Lock()
	st := InboxState{Folder: s.folder, Watching: s.watching, Problem: s.problem, Files: []InboxFile{}}
	var evs []watch.Event
	for name, ev := range s.files {
		if _, err := os.Stat(ev.Path); err != nil {
			delete(s.files, name)
			continue
		}
		evs = append(evs, ev)
	}
	s.mu.Unlock()
	sort.Slice(evs, func(i, j int) bool {
		if !evs[i].ModTime.Equal(evs[j].ModTime) {
			return evs[i].ModTime.After(evs[j].ModTime)
		}
		return evs[i].Name < evs[j].Name
	})
	for _, ev := range evs {
		f := InboxFile{Name: ev.Name, Size: ev.Size, ModTime: ev.ModTime.UTC().Format(time.RFC3339)}
		if n, ok := leadingNumber(ev.Name); ok {
			if id, err := s.c.store.TicketIDByNumber(bg, n); err == nil {
				f.SuggestedTicketID, f.SuggestedTicketNumber = id, n
			}
		}
		st.Files = append(st.Files, f)
	}
	return st, nil
}

// leadingNumber reads the ticket number a file name starts with: "1042
// id-card.pdf", "#1042_form.pdf", "1042-scan.jpg".
func leadingNumber(name string) (int64, bool) {
	name = strings.TrimPrefix(name, "#")
	end := 0
	for end < len(name) && name[end] >= '0' && name[end] <= '9' {
		end++
	}
	if end == 0 || end > 12 || (end < len(name) && !strings.ContainsRune(" _-.", rune(name[end]))) {
		return 0, false
	}
	n, err := strconv.ParseInt(name[:end], 10, 64)
	return n, err == nil && n > 0
}

// maxFolderPath is the longest inbox folder path taken, in bytes.
const maxFolderPath = 4096

// SetFolder watches another folder from now on (kept for this workstation).
func (s *InboxService) SetFolder(folder string) (InboxState, error) {
	if err := s.c.need(desk.ActSetInbox); err != nil {
		return InboxState{}, err
	}
	folder = strings.TrimSpace(folder)
	if folder == "" || !filepath.IsAbs(folder) {
		return InboxState{}, desk.Invalid("folder", "Give the full path of the folder to watch")
	}
	if len(folder) > maxFolderPath {
		return InboxState{}, desk.Invalid("folder", "The path is too long (at most %d characters)", maxFolderPath)
	}
	if err := desk.NoControl("folder", "The path", folder); err != nil {
		return InboxState{}, err
	}
	if fi, err := os.Stat(folder); err == nil && !fi.IsDir() {
		return InboxState{}, desk.Invalid("folder", "%s is a file, not a folder", folder)
	}
	if err := s.c.store.SetLocalSetting(bg, store.SettingInboxFolder, folder); err != nil {
		return InboxState{}, err
	}
	if err := s.watch(folder); err != nil {
		return InboxState{}, err
	}
	return s.State()
}

// Attach attaches an inbox file to a ticket in one step; the file then leaves
// the inbox folder, but only once the stored copy has been read back and
// matches, and the file in the inbox is still the one that was read (neither
// replaced nor written to meanwhile). Otherwise it stays where it is.
func (s *InboxService) Attach(ticketID, name string) (AttachResult, error) {
	if err := s.c.need(desk.ActWork); err != nil {
		return AttachResult{}, err
	}
	s.mu.Lock()
	_, ok := s.files[name]
	s.mu.Unlock()
	if !ok || filepath.Base(name) != name {
		return AttachResult{}, desk.NotFound("file " + name + " in the inbox")
	}
	var read os.FileInfo
	res, err := s.a.Attachments.attach(ticketID, []string{name}, func(string) (*os.File, os.FileInfo, error) {
		f, st, err := s.open(name)
		read = st
		return f, st, err
	})
	if err != nil || len(res.Attached) == 0 {
		return res, err
	}
	if err := s.keptIntact(name, read, res.Attached[0]); err != nil {
		s.c.log.Error("inbox file kept", "name", name, "err", err)
		return res, nil
	}
	if err := s.remove(name); err != nil && !errors.Is(err, os.ErrNotExist) {
		s.c.log.Error("remove attached file from the inbox", "name", name, "err", err)
	}
	s.mu.Lock()
	delete(s.files, name)
	s.mu.Unlock()
	s.changed()
	return res, nil
}

// keptIntact checks, before an attached inbox file is removed, that the
// stored copy reads back as its hash says and has the size read, and that
// the file in the inbox is still the one read, unchanged.
func (s *InboxService) keptIntact(name string, read os.FileInfo, a desk.Attachment) error {
	verify := s.verify
	if verify == nil {
		verify = s.a.Attachments.blobs.Verify
	}
	if err := verify(a.Hash); err != nil {
		return fmt.Errorf("the stored copy does not verify: %w", err)
	}
	if a.Size != read.Size() {
		return fmt.Errorf("stored %d bytes of %d", a.Size, read.Size())
	}
	now, err := s.lstat(name)
	if err != nil {
		return err
	}
	if !os.SameFile(read, now) || now.Size() != read.Size() || !now.ModTime().Equal(read.ModTime()) {
		return errors.New("the file changed while it was being attached")
	}
	return nil
}

// root opens the inbox folder: files are opened through it, so that nothing
// outside the folder is reached, whatever a name has become meanwhile.
func (s *InboxService) root() (*os.Root, error) {
	s.mu.Lock()
	folder := s.folder
	s.mu.Unlock()
	if folder == "" {
		return nil, desk.Errorf(desk.EUNAVAILABLE, "no inbox folder")
	}
	return os.OpenRoot(folder)
}

// open opens an inbox file for the preview or the attach: a regular file
// directly in the inbox folder, never a link (to a file elsewhere or not).
func (s *InboxService) open(name string) (*os.File, os.FileInfo, error) {
	if filepath.Base(name) != name || strings.ContainsAny(name, `/\`) {
		return nil, nil, desk.NotFound("file " + name + " in the inbox")
	}
	root, err := s.root()
	if err != nil {
		return nil, nil, err
	}
	defer root.Close()
	if st, err := root.Lstat(name); err == nil && st.Mode()&os.ModeSymlink != 0 {
		return nil, nil, desk.Invalid("file", "%s is a link, not a file; only files put in the inbox are attached", text.Excerpt(name))
	}
	return openRegular(name, func(flag int) (*os.File, error) { return root.OpenFile(name, flag|openNoFollow, 0) })
}

func (s *InboxService) lstat(name string) (os.FileInfo, error) {
	root, err := s.root()
	if err != nil {
		return nil, err
	}
	defer root.Close()
	return root.Lstat(name)
}

func (s *InboxService) remove(name string) error {
	root, err := s.root()
	if err != nil {
		return err
	}
	defer root.Close()
	return root.Remove(name)
}

// AttachToNumber attaches an inbox file to the ticket with that number.
// Returns EINVALID (field "number") when no ticket has it.
func (s *InboxService) AttachToNumber(number int64, name string) (AttachResult, error) {
	me, err := s.c.allow(desk.ActWork)
	if err != nil {
		return AttachResult{}, err
	}
	if id, err := s.c.store.TicketIDByNumber(bg, number); err == nil {
		if err := s.c.mayTouch(me, id); err != nil {
			return AttachResult{}, desk.Invalid("number", "There is no ticket #%d", number)
		}
	}
	id, err := s.c.store.TicketIDByNumber(bg, number)
	if err != nil {
		if desk.ErrorCode(err) == desk.ENOTFOUND {
			return AttachResult{}, desk.Invalid("number", "There is no ticket #%d", number)
		}
		return AttachResult{}, err
	}
	return s.Attach(id, name)
}
