package app

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"deskline/internal/backup"
	"deskline/internal/desk"
)

// Events of backups and restores.
const (
	// EventBackupProgress carries a backup.Progress while a backup or restore runs.
	EventBackupProgress = "deskline:backup-progress"
	// EventRestored tells every window that the desk was replaced by a
	// restored one: the frontend starts again on it.
	EventRestored = "deskline:restored"
)

const backupFilter = "Deskline backup (*.zip)"

// BackupService backs the desk up (the database and the attachment files)
// and restores it. Admins only.
type BackupService struct {
	c *core
	a *App
	// busy lets one backup or restore run at a time.
	busy sync.Mutex
}

// BackupList is what the Backups view shows.
type BackupList struct {
	Folder  string         `json:"folder"`
	Backups []backup.Entry `json:"backups"`
	Keep    int            `json:"keep"`
}

func (s *BackupService) folder() backup.Folder {
	return backup.Folder{Dir: filepath.Join(s.a.dataDir, "backups")}
}

func (s *BackupService) ready(string) error {
	if err := s.c.need(desk.ActBackup); err != nil {
		return err
	}
	if s.a.dataDir == "" {
		return desk.Errorf(desk.EUNAVAILABLE, "the data folder is not known")
	}
	return nil
}

// List returns the backups kept in the data folder, newest first.
func (s *BackupService) List() (BackupList, error) {
	if err := s.ready("see the backups"); err != nil {
		return BackupList{}, err
	}
	f := s.folder()
	list, err := f.List()
	return BackupList{Folder: f.Dir, Backups: list, Keep: backup.Keep}, err
}

// BackupNow asks where to save a backup and writes it there. Returns the
// path saved to ("" if the user cancelled).
func (s *BackupService) BackupNow() (string, error) {
	if err := s.ready("back up the desk"); err != nil {
		return "", err
	}
	name := "Deskline backup " + time.Now().Format("2006-01-02 1504") + ".zip"
	dst, err := s.a.dialogs.SaveFile("Back up the desk", name, backupFilter)
	if err != nil || dst == "" {
		return "", err
	}
	if filepath.Ext(dst) == "" {
		dst += ".zip"
	}
	_, err = s.write(dst)
	return dst, err
}

// BackupHere writes a backup into the backups folder of the data folder,
// beside the automatic ones (kept until removed by hand).
func (s *BackupService) BackupHere() (backup.Entry, error) {
	if err := s.ready("back up the desk"); err != nil {
		return backup.Entry{}, err
	}
	f := s.folder()
	dst := f.NewPath(backup.KindManual, time.Now())
	if _, err := s.write(dst); err != nil {
		return backup.Entry{}, err
	}
	return f.Find(filepath.Base(dst))
}

func (s *BackupService) write(dst string) (backup.Manifest, error) {
	if !s.busy.TryLock() {
		return backup.Manifest{}, desk.Errorf(desk.ECONFLICT, "a backup or restore is already running; wait for it to finish")
	}
	defer s.busy.Unlock()
	if err := mkdirFor(dst); err != nil {
		return backup.Manifest{}, err
	}
	return backup.Write(bg, s.c.store, s.a.Attachments.blobs, dst, time.Now(), s.progress)
}

// RestoreFile asks for a backup file and restores the desk from it (see
// Restore). Returns false if the user cancelled.
func (s *BackupService) RestoreFile() (bool, error) {
	if err := s.ready("restore the desk"); err != nil {
		return false, err
	}
	src, err := s.a.dialogs.OpenFile("Restore the desk from a backup", backupFilter)
	if err != nil || src == "" {
		return false, err
	}
	return true, s.restore(src)
}

// RestoreBackup restores the desk from the backup of the backups folder
// named name: the backup is checked first (refused with EINVALID, nothing
// touched, if it is damaged or from a newer Deskline), the current desk is
// backed up into the backups folder, then the database and attachment files
// are replaced and every window starts again on the restored desk.
func (s *BackupService) RestoreBackup(name string) error {
	if err := s.ready("restore the desk"); err != nil {
		return err
	}
	e, err := s.folder().Find(name)
	if err != nil {
		return err
	}
	return s.restore(e.Path)
}

func (s *BackupService) restore(src string) error {
	if !s.busy.TryLock() {
		return desk.Errorf(desk.ECONFLICT, "a backup or restore is already running; wait for it to finish")
	}
	defer s.busy.Unlock()
	if _, err := backup.Restore(bg, s.c.store, s.a.Attachments.blobs, s.folder(), src, time.Now(), s.progress); err != nil {
		return err
	}
	s.a.restored()
	return nil
}

func (s *BackupService) progress(p backup.Progress) { s.c.emitter.Emit(EventBackupProgress, p) }

// restored tells every window to start again on the restored desk, and the
// background work to look again.
func (a *App) restored() {
	a.core.emitter.Emit(EventRestored, true)
	a.core.changed(nil, TopicSession, TopicUsers, TopicCatalog, TopicContacts, TopicTickets)
}

// backupFirstLook is how long after start the daily backup is first looked
// at, so that it never slows the start.
var backupFirstLook = 2 * time.Minute

// runBackupScheduler makes the automatic daily backup in the backups folder
// when one is due (none in the last day), keeping the last backup.Keep. It
// looks shortly after start and then every hour.
func (c *core) runBackupScheduler(ctx context.Context, b *BackupService, clock desk.Clock) {
	wait := backupFirstLook
	for {
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-timer.C:
		}
		wait = time.Hour
		if err := b.autoBackup(clock.Now()); err != nil {
			c.log.Error("automatic backup", "err", err)
		}
	}
}

// autoBackup makes an automatic backup if one is due at now (and the desk
// has been set up), then removes the automatic backups beyond the last
// backup.Keep.
func (s *BackupService) autoBackup(now time.Time) error {
	if s.a.dataDir == "" || s.c.store == nil {
		return nil
	}
	if st, err := s.c.store.State(bg); err != nil || !st.Initialized {
		return err // nothing to back up before the first run's setup
	}
	f := s.folder()
	due, err := f.Due(now)
	if err != nil || !due {
		return err
	}
	if !s.busy.TryLock() {
		return nil // a backup or restore runs; try again later
	}
	defer s.busy.Unlock()
	dst := f.NewPath(backup.KindAutomatic, now)
	if err := mkdirFor(dst); err != nil {
		return err
	}
	if _, err := backup.Write(bg, s.c.store, s.a.Attachments.blobs, dst, now, nil); err != nil {
		return fmt.Errorf("write %s: %w", dst, err)
	}
	return f.Prune()
}
