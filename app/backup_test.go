package app

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"deskline/internal/attach"
	"deskline/internal/backup"
	"deskline/internal/desk"
	"deskline/internal/paths"
	"deskline/internal/store"
)

// backupDesk is an app on a data folder of its own with an admin, one
// customer and n tickets.
func backupDesk(t *testing.T, n int) (*App, string, *fakeEmitter) {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(context.Background(), paths.DatabaseFile(dir))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	em := &fakeEmitter{}
	a := New(st, em, slog.New(slog.NewTextHandler(new(bytes.Buffer), nil)))
	a.SetDataDir(dir)
	blobs, err := attach.Open(filepath.Join(dir, "attachments"), attach.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	a.SetAttachments(blobs)
	if _, err := a.Setup.Initialize("Acme", "Asha Admin", testPIN); err != nil {
		t.Fatal(err)
	}
	for range n {
		addTicket(t, a)
	}
	return a, dir, em
}

func addTicket(t *testing.T, a *App) {
	t.Helper()
	subjects, _ := a.Catalog.ListSubjects(false)
	c, err := a.Contacts.Save(desk.ContactInput{Kind: "customer", Name: "Carla", Mobile: "0771 234 567", AllowDuplicate: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Tickets.Create(desk.NewTicket{SubjectIDs: []string{subjects[0].ID}, ContactID: c.ID, Mobile: c.Mobile}); err != nil {
		t.Fatal(err)
	}
}

func ticketCount(t *testing.T, a *App) int {
	t.Helper()
	page, err := a.Tickets.List(desk.TicketFilter{View: "all"})
	if err != nil {
		t.Fatal(err)
	}
	return page.Total
}

func TestBackupService(t *testing.T) {
	a, dir, _ := backupDesk(t, 2)

	dst := filepath.Join(t.TempDir(), "chosen")
	a.dialogs = fakeDialogs{save: dst}
	got, err := a.Backups.BackupNow()
	if err != nil || got != dst+".zip" {
		t.Fatalf("back up now: %q, %v", got, err)
	}
	if m, err := backup.ReadManifest(got); err != nil || m.Tickets != 2 {
		t.Fatalf("manifest: %+v, %v", m, err)
	}

	here, err := a.Backups.BackupHere()
	if err != nil || here.Kind != backup.KindManual || here.Tickets != 2 {
		t.Fatalf("back up here: %+v, %v", here, err)
	}
	addTicket(t, a)
	if ticketCount(t, a) != 3 {
		t.Fatal("no third ticket")
	}
	if err := a.Backups.RestoreBackup(here.Name); err != nil {
		t.Fatal(err)
	}
	if n := ticketCount(t, a); n != 2 {
		t.Fatalf("%d tickets after restore, want 2", n)
	}
	list, err := a.Backups.List()
	if err != nil || len(list.Backups) != 2 || list.Folder != filepath.Join(dir, "backups") {
		t.Fatalf("list: %+v, %v", list, err)
	}

	// Restoring from a file the user picks.
	a.dialogs = fakeDialogs{open: got}
	if ok, err := a.Backups.RestoreFile(); err != nil || !ok {
		t.Fatalf("restore a file: %v, %v", ok, err)
	}
	bad := filepath.Join(t.TempDir(), "bad.zip")
	os.WriteFile(bad, []byte("not a backup"), 0o600)
	a.dialogs = fakeDialogs{open: bad}
	if _, err := a.Backups.RestoreFile(); desk.ErrorCode(err) != desk.EINVALID {
		t.Fatalf("restore a bad file: %v", err)
	}
	if err := a.Backups.RestoreBackup("../deskline.db"); desk.ErrorCode(err) != desk.EINVALID {
		t.Fatalf("restore outside the folder: %v", err)
	}
}

func TestAutoBackup(t *testing.T) {
	fresh, _ := mustApp(t)
	fresh.SetDataDir(t.TempDir())
	if err := fresh.Backups.autoBackup(time.Now()); err != nil {
		t.Fatal(err)
	}
	if list, _ := (backup.Folder{Dir: filepath.Join(fresh.dataDir, "backups")}).List(); len(list) != 0 {
		t.Fatal("a desk not set up yet was backed up")
	}

	a, dir, _ := backupDesk(t, 1)
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	for range 10 {
		for h := 0; h < 24; h += 6 { // looked at every six hours: one backup a day
			if err := a.Backups.autoBackup(now.Add(time.Duration(h) * time.Hour)); err != nil {
				t.Fatal(err)
			}
		}
		now = now.Add(24 * time.Hour)
	}
	list, err := (backup.Folder{Dir: filepath.Join(dir, "backups")}).List()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != backup.Keep {
		t.Fatalf("%d automatic backups kept, want %d", len(list), backup.Keep)
	}
	if list[0].CreatedAt != "2026-12-10T09:00:00Z" || list[len(list)-1].CreatedAt != "2026-12-04T09:00:00Z" {
		t.Fatalf("kept from %s to %s", list[len(list)-1].CreatedAt, list[0].CreatedAt)
	}
}

func TestRecovery(t *testing.T) {
	t.Setenv("HOME", t.TempDir()) // the scan inbox starts with the desk
	a, dir, _ := backupDesk(t, 2)
	if _, err := a.Backups.BackupHere(); err != nil {
		t.Fatal(err)
	}
	a.core.store.Close()
	db := paths.DatabaseFile(dir)
	if err := os.Truncate(db, 0); err != nil {
		t.Fatal(err)
	}

	open := func() (*store.Store, error) { return store.Open(context.Background(), db) }
	_, err := open()
	var problem *store.Problem
	if !errors.As(err, &problem) {
		t.Fatalf("open an empty file: %v", err)
	}
	em := &fakeEmitter{}
	r := New(nil, em, slog.New(slog.NewTextHandler(new(bytes.Buffer), nil)))
	r.SetDataDir(dir)
	wired := false
	r.SetRecovery(problem, open, func(st *store.Store) {
		wired = true
		t.Cleanup(func() { st.Close() })
	})
	state, err := r.Recovery.State()
	if err != nil || !state.Needed || state.Kind != store.ProblemDamaged || len(state.Backups) != 1 {
		t.Fatalf("state = %+v, %v", state, err)
	}
	check, err := r.Recovery.FullCheck()
	if err != nil || check.OK || check.Message == "" {
		t.Fatalf("full check = %+v, %v", check, err)
	}
	if err := r.Recovery.RestoreLatest(); err != nil {
		t.Fatal(err)
	}
	defer r.Shutdown(context.Background())
	if !wired {
		t.Fatal("the restored store was not wired")
	}
	// Once the desk is healthy again, its checks and restores are an
	// admin's, who signs in first.
	if _, err := r.Recovery.FullCheck(); desk.ErrorMessage(err) != "Sign in first" {
		t.Fatalf("full check after, signed out: %v", err)
	}
	signInLast(t, r)
	if ticketCount(t, r) != 2 {
		t.Fatalf("after recovery: wired=%v", wired)
	}
	if state, _ := r.Recovery.State(); state.Needed {
		t.Fatal("still in recovery")
	}
	if check, err := r.Recovery.FullCheck(); err != nil || !check.OK {
		t.Fatalf("full check after = %+v, %v", check, err)
	}
}
