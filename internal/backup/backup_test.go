package backup_test

import (
	"archive/zip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"deskline/internal/attach"
	"deskline/internal/backup"
	"deskline/internal/desk"
	"deskline/internal/store"
)

var ctx = context.Background()

var t0 = time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)

// testDesk is a desk in a data folder of its own.
type testDesk struct {
	dir   string
	st    *store.Store
	blobs *attach.Store
	admin desk.User
	cust  desk.Contact
	src   string
}

func openDesk(t *testing.T) *testDesk {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(ctx, filepath.Join(dir, "deskline.db"), store.WithClock(desk.NewManualClock(t0)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	blobs, err := attach.Open(filepath.Join(dir, "attachments"), attach.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	d := &testDesk{dir: dir, st: st, blobs: blobs}
	if d.admin, err = st.InitWorkspace(ctx, "Acme Bank", "Asha Admin"); err != nil {
		t.Fatal(err)
	}
	if d.cust, err = st.SaveContact(ctx, d.admin.ID, desk.ContactInput{Kind: "customer", Name: "Carla Customer", Mobile: "+44 7700 900123"}); err != nil {
		t.Fatal(err)
	}
	subjects, _ := st.ListCatalog(ctx, desk.CatalogSubject, false)
	d.src = subjects[0].ID
	return d
}

func (d *testDesk) ticket(t *testing.T, what string) string {
	t.Helper()
	subjects, _ := d.st.ListCatalog(ctx, desk.CatalogSubject, false)
	id, err := d.st.CreateTicket(ctx, d.admin.ID, desk.NewTicket{ContactID: d.cust.ID, Mobile: d.cust.Mobile,
		Description: what, SubjectIDs: []string{subjects[0].ID}})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (d *testDesk) file(t *testing.T, body string) string {
	t.Helper()
	b, err := d.blobs.Put(ctx, strings.NewReader(body), "note.txt")
	if err != nil {
		t.Fatal(err)
	}
	return b.Hash
}

func (d *testDesk) descriptions(t *testing.T) []string {
	t.Helper()
	page, err := d.st.ListTickets(ctx, d.admin.ID, desk.TicketFilter{View: "all"})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, tk := range page.Rows {
		dt, err := d.st.GetTicket(ctx, tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, dt.Description)
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	d := openDesk(t)
	d.ticket(t, "Card blocked")
	d.ticket(t, "Statement missing")
	kept := d.file(t, "Signed statement request\n")
	archive := filepath.Join(t.TempDir(), "my backup.zip")
	m, err := backup.Write(ctx, d.st, d.blobs, archive, t0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if m.Tickets != 2 || m.Attachments != 1 || m.Schema != store.SchemaVersion() || m.InstallID != d.st.InstallID() {
		t.Fatalf("manifest = %+v", m)
	}
	before := d.descriptions(t)

	// Changes after the backup…
	d.ticket(t, "Made after the backup")
	os.Remove(mustPath(t, d.blobs, kept)) // and a lost file
	later := d.file(t, "Added after the backup\n")

	folder := backup.Folder{Dir: filepath.Join(d.dir, "backups")}
	got, err := backup.Restore(ctx, d.st, d.blobs, folder, archive, t0.Add(time.Hour), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.Tickets != 2 {
		t.Fatalf("restored manifest = %+v", got)
	}
	after := d.descriptions(t)
	if strings.Join(after, "|") != strings.Join(before, "|") {
		t.Fatalf("tickets after restore = %q, want %q", after, before)
	}
	if _, err := d.blobs.Path(kept); err != nil {
		t.Fatalf("the backed-up file is not back: %v", err)
	}
	if _, err := d.blobs.Path(later); err != nil {
		t.Fatalf("a later file was removed: %v", err)
	}
	// The desk as it was before the restore was backed up first.
	list, err := folder.List()
	if err != nil || len(list) != 1 || list[0].Kind != backup.KindBeforeRestore || list[0].Tickets != 3 {
		t.Fatalf("backups folder = %+v, %v", list, err)
	}
	// The restored desk goes on: new changes are numbered after the ones made before the restore.
	d.ticket(t, "After the restore")
	if v, err := d.st.VerifyAudit(ctx); err != nil || !v.OK {
		t.Fatalf("audit after restore: %+v, %v", v, err)
	}
	ops, _, err := d.st.ListOps(ctx, 0, 10000)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int64]bool{}
	for _, op := range ops {
		if seen[op.Counter] {
			t.Fatalf("counter %d used twice", op.Counter)
		}
		seen[op.Counter] = true
	}
}

func TestRestoreFromAnotherWorkstation(t *testing.T) {
	d := openDesk(t)
	d.ticket(t, "Here")
	other := openDesk(t)
	other.ticket(t, "There")
	other.ticket(t, "There too")
	archive := filepath.Join(t.TempDir(), "other.zip")
	if _, err := backup.Write(ctx, other.st, other.blobs, archive, t0, nil); err != nil {
		t.Fatal(err)
	}
	install := d.st.InstallID()
	if _, err := backup.Restore(ctx, d.st, d.blobs, backup.Folder{Dir: filepath.Join(d.dir, "backups")}, archive, t0, nil); err != nil {
		t.Fatal(err)
	}
	if d.st.InstallID() != install {
		t.Fatalf("the workstation took the other's installation id")
	}
	d.admin = other.admin // the restored desk's users
	if got := d.descriptions(t); len(got) != 2 {
		t.Fatalf("tickets = %q", got)
	}
	d.cust = other.cust
	d.ticket(t, "Made here after the restore")
	if v, err := d.st.VerifyAudit(ctx); err != nil || !v.OK {
		t.Fatalf("audit: %+v, %v", v, err)
	}
}

func mustPath(t *testing.T, blobs *attach.Store, hash string) string {
	t.Helper()
	p, err := blobs.Path(hash)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// rezip copies a valid archive, letting edit change or drop entries.
func rezip(t *testing.T, src string, edit func(name string, body []byte) (string, []byte)) string {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	dst := filepath.Join(t.TempDir(), "edited.zip")
	f, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, e := range zr.File {
		rc, _ := e.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		name, body := edit(e.Name, body)
		if name == "" {
			continue
		}
		w, _ := zw.Create(name)
		w.Write(body)
	}
	zw.Close()
	f.Close()
	return dst
}

func TestCheckRefusesBadArchive(t *testing.T) {
	d := openDesk(t)
	d.ticket(t, "Card blocked")
	d.file(t, "Signed statement request\n")
	good := filepath.Join(t.TempDir(), "good.zip")
	if _, err := backup.Write(ctx, d.st, d.blobs, good, t0, nil); err != nil {
		t.Fatal(err)
	}
	notZip := filepath.Join(t.TempDir(), "notes.zip")
	os.WriteFile(notZip, []byte("just some notes"), 0o600)

	cases := map[string]struct {
		archive string
		want    string
	}{
		"not a zip":   {notZip, "not a readable ZIP"},
		"no manifest": {rezip(t, good, func(n string, b []byte) (string, []byte) { return strings.ReplaceAll(n, "manifest.json", ""), b }), "no manifest"},
		"newer": {rezip(t, good, func(n string, b []byte) (string, []byte) {
			if n == "manifest.json" {
				b = []byte(strings.Replace(string(b), `"schema":`, `"schema":99`, 1))
			}
			return n, b
		}), "newer version"},
		"no database": {rezip(t, good, func(n string, b []byte) (string, []byte) { return strings.ReplaceAll(n, "deskline.db", ""), b }), "no database"},
		"damaged database": {rezip(t, good, func(n string, b []byte) (string, []byte) {
			if n == "deskline.db" {
				for i := 4096; i < 3*4096 && i < len(b); i++ {
					b[i] = 0x5A
				}
			}
			return n, b
		}), "damaged"},
		"cut-short database": {rezip(t, good, func(n string, b []byte) (string, []byte) {
			if n == "deskline.db" {
				b = b[:len(b)/2]
			}
			return n, b
		}), "cut short"},
		"damaged attachment": {rezip(t, good, func(n string, b []byte) (string, []byte) {
			if strings.HasPrefix(n, "attachments/") {
				b = []byte("something else")
			}
			return n, b
		}), "attachment"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			// The store checkpoints its write-ahead log in the background, so the
			// file's bytes may move; what it holds must not.
			opsBefore, _, err := d.st.ListOps(ctx, 0, 100000)
			if err != nil {
				t.Fatal(err)
			}
			folder := backup.Folder{Dir: filepath.Join(t.TempDir(), "backups")}
			_, err = backup.Restore(ctx, d.st, d.blobs, folder, c.archive, t0, nil)
			if desk.ErrorCode(err) != desk.EINVALID || !strings.Contains(desk.ErrorMessage(err), c.want) {
				t.Fatalf("restore: %v, want a refusal saying %q", err, c.want)
			}
			if list, _ := folder.List(); len(list) != 0 {
				t.Fatal("the current desk was backed up for a refused archive")
			}
			opsAfter, _, err := d.st.ListOps(ctx, 0, 100000)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(opsBefore, opsAfter) {
				t.Fatal("the database changed")
			}
			if got := d.descriptions(t); len(got) != 1 {
				t.Fatalf("tickets = %q", got)
			}
		})
	}
}

func TestRestoreDamaged(t *testing.T) {
	d := openDesk(t)
	d.ticket(t, "Card blocked")
	archive := filepath.Join(t.TempDir(), "good.zip")
	if _, err := backup.Write(ctx, d.st, d.blobs, archive, t0, nil); err != nil {
		t.Fatal(err)
	}
	d.st.Close()
	dbPath := filepath.Join(d.dir, "deskline.db")
	os.WriteFile(dbPath, []byte("not a database at all"), 0o600)
	if _, err := store.Open(ctx, dbPath); !errors.As(err, new(*store.Problem)) {
		t.Fatalf("open a damaged file: %v", err)
	}
	if _, err := backup.RestoreDamaged(ctx, dbPath, d.blobs, archive, t0, nil); err != nil {
		t.Fatal(err)
	}
	aside, _ := filepath.Glob(dbPath + ".set-aside-*")
	if len(aside) != 1 {
		t.Fatalf("the damaged file was not kept aside: %v", aside)
	}
	st, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	d.st = st
	if got := d.descriptions(t); len(got) != 1 || got[0] != "Card blocked" {
		t.Fatalf("tickets = %q", got)
	}
}

func TestFolder(t *testing.T) {
	d := openDesk(t)
	f := backup.Folder{Dir: filepath.Join(d.dir, "backups")}
	os.MkdirAll(f.Dir, 0o700)
	if due, err := f.Due(t0); err != nil || !due {
		t.Fatalf("due with no backup = %v, %v", due, err)
	}
	now := t0
	for i := range 9 {
		if _, err := backup.Write(ctx, d.st, d.blobs, f.NewPath(backup.KindAutomatic, now), now, nil); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if _, err := backup.Write(ctx, d.st, d.blobs, f.NewPath(backup.KindManual, now.Add(time.Minute)), now, nil); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.Prune(); err != nil {
			t.Fatal(err)
		}
		if due, _ := f.Due(now.Add(23 * time.Hour)); due {
			t.Fatal("due again within the day")
		}
		if due, _ := f.Due(now.Add(24 * time.Hour)); !due {
			t.Fatal("not due after a day")
		}
		now = now.Add(24 * time.Hour)
	}
	list, err := f.List()
	if err != nil {
		t.Fatal(err)
	}
	autos := 0
	for _, e := range list {
		if e.Kind == backup.KindAutomatic {
			autos++
		}
	}
	if autos != backup.Keep || len(list) != backup.Keep+1 {
		t.Fatalf("kept %d automatic backups of %d listed", autos, len(list))
	}
	if list[0].CreatedAt != t0.Add(8*24*time.Hour).Format(time.RFC3339) || !list[0].Readable {
		t.Fatalf("newest = %+v", list[0])
	}
	latest, ok, err := f.Latest()
	if err != nil || !ok || latest.Name != list[0].Name {
		t.Fatalf("latest = %+v %v %v", latest, ok, err)
	}
	if _, err := f.Find("../deskline.db"); desk.ErrorCode(err) != desk.EINVALID {
		t.Fatalf("find outside the folder: %v", err)
	}
}
