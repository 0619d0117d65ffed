package app

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"deskline/internal/attach"
	"deskline/internal/backup"
	"deskline/internal/desk"
	"deskline/internal/paths"
	"deskline/internal/store"
)

// RecoveryService is bound in every start. When the database could not be
// opened safely (damaged, or from a newer Deskline) the app starts without a
// desk, the window shows what is wrong and offers the latest backup or a
// full check; nothing is written to the database meanwhile.
type RecoveryService struct {
	a *App

	mu      sync.Mutex
	problem *store.Problem
	open    func() (*store.Store, error)
	wire    func(*store.Store)
}

// RecoveryState says whether the desk needs recovering and what can be done.
type RecoveryState struct {
	Needed  bool           `json:"needed"`
	Kind    string         `json:"kind"`    // store.ProblemDamaged or store.ProblemNewer
	Message string         `json:"message"` // in plain words
	Details string         `json:"details"`
	DataDir string         `json:"dataDir"`
	Backups []backup.Entry `json:"backups"` // newest first
}

// CheckResult is the outcome of a full check of the database file.
type CheckResult struct {
	OK      bool   `json:"ok"`
	Message string `json:"message"`
	Details string `json:"details"`
}

// SetRecovery starts the app in recovery: the database at the data folder
// could not be opened because of problem. open opens it again once it has
// been restored; wire connects the opened store's companions (attachments,
// notifications).
func (a *App) SetRecovery(problem *store.Problem, open func() (*store.Store, error), wire func(*store.Store)) {
	a.Recovery.mu.Lock()
	defer a.Recovery.mu.Unlock()
	a.Recovery.problem, a.Recovery.open, a.Recovery.wire = problem, open, wire
}

// State says whether the desk needs recovering; the frontend asks first.
func (s *RecoveryService) State() (RecoveryState, error) {
	s.mu.Lock()
	p := s.problem
	s.mu.Unlock()
	if p == nil {
		return RecoveryState{Backups: []backup.Entry{}}, nil
	}
	list, err := s.folder().List()
	if err != nil {
		return RecoveryState{}, err
	}
	return RecoveryState{Needed: true, Kind: p.Kind, Message: p.Message, Details: p.Details, DataDir: s.a.dataDir, Backups: list}, nil
}

// mayRecover returns nil while the desk needs recovering (its database
// cannot be read, so nobody can sign in) and otherwise EFORBIDDEN unless the
// signed-in user may restore backups.
func (s *RecoveryService) mayRecover() error {
	s.mu.Lock()
	p := s.problem
	s.mu.Unlock()
	if p != nil {
		return nil
	}
	return s.a.core.need(desk.ActBackup)
}

func (s *RecoveryService) folder() backup.Folder {
	return backup.Folder{Dir: filepath.Join(s.a.dataDir, "backups")}
}

// FullCheck runs SQLite's full integrity check on the database file, reading
// it only.
func (s *RecoveryService) FullCheck() (CheckResult, error) {
	if err := s.mayRecover(); err != nil {
		return CheckResult{}, err
	}
	if s.a.dataDir == "" {
		return CheckResult{}, desk.Errorf(desk.EUNAVAILABLE, "the data folder is not known")
	}
	info, err := store.CheckFile(bg, paths.DatabaseFile(s.a.dataDir), true)
	var p *store.Problem
	if errors.As(err, &p) {
		return CheckResult{Message: p.Message, Details: p.Details}, nil
	}
	if err != nil {
		return CheckResult{}, err
	}
	return CheckResult{OK: true, Message: "The full check found no damage in the database file (" +
		plural(info.Tickets, "ticket") + ")."}, nil
}

// RestoreLatest restores the newest readable backup of the backups folder.
func (s *RecoveryService) RestoreLatest() error {
	if err := s.mayRecover(); err != nil {
		return err
	}
	e, ok, err := s.folder().Latest()
	if err != nil {
		return err
	}
	if !ok {
		return desk.Errorf(desk.ENOTFOUND, "there is no backup in %s; restore from a backup file instead", s.folder().Dir)
	}
	return s.restore(e.Path)
}

// RestoreBackup restores the backup of the backups folder named name.
func (s *RecoveryService) RestoreBackup(name string) error {
	if err := s.mayRecover(); err != nil {
		return err
	}
	e, err := s.folder().Find(name)
	if err != nil {
		return err
	}
	return s.restore(e.Path)
}

// RestoreFile asks for a backup file and restores it. Returns false if the
// user cancelled.
func (s *RecoveryService) RestoreFile() (bool, error) {
	if err := s.mayRecover(); err != nil {
		return false, err
	}
	src, err := s.a.dialogs.OpenFile("Restore the desk from a backup", backupFilter)
	if err != nil || src == "" {
		return false, err
	}
	return true, s.restore(src)
}

// restore checks the backup, keeps the damaged database aside, puts the
// backup's in its place, opens it and starts the desk on it.
func (s *RecoveryService) restore(src string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.problem == nil {
		return desk.Errorf(desk.ECONFLICT, "the desk is open; restore it from Admin → Backups")
	}
	dir := s.a.dataDir
	blobs, err := attach.Open(filepath.Join(dir, "attachments"), attach.Limits{})
	if err != nil {
		return desk.Errorf(desk.EUNAVAILABLE, "the attachment folder is not available: %v", err)
	}
	progress := func(p backup.Progress) { s.a.core.emitter.Emit(EventBackupProgress, p) }
	if _, err := backup.RestoreDamaged(bg, paths.DatabaseFile(dir), blobs, src, time.Now(), progress); err != nil {
		return err
	}
	st, err := s.open()
	if err != nil {
		return err
	}
	s.problem = nil
	s.a.core.store = st
	if s.wire != nil {
		s.wire(st)
	}
	s.a.startBackground()
	s.a.restored()
	return nil
}

func plural(n int64, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.FormatInt(n, 10) + " " + what + "s"
}

func mkdirFor(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return desk.Errorf(desk.EUNAVAILABLE, "cannot create %s: %v", filepath.Dir(path), err)
	}
	return nil
}
