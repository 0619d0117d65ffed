package app

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"deskline/internal/desk"
	"deskline/internal/sheet"
)

// fakeDialogs answers the file dialogs with fixed paths.
type fakeDialogs struct{ save, open string }

func (f fakeDialogs) SaveFile(string, string, string) (string, error) { return f.save, nil }
func (f fakeDialogs) OpenFile(string, string) (string, error)         { return f.open, nil }

func TestAuditService(t *testing.T) {
	a, _ := mustApp(t)
	if _, err := a.Setup.Initialize("Acme", "Asha Admin", testPIN); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Contacts.Save(desk.ContactInput{Kind: "customer", Name: "=HYPERLINK(\"http://x\")", Mobile: "0771 234 567"}); err != nil {
		t.Fatal(err)
	}
	page, err := a.Audit.List(desk.AuditFilter{}, 0, 50)
	if err != nil || page.Total == 0 {
		t.Fatalf("list: %+v, %v", page, err)
	}
	if v, err := a.Audit.Verify(); err != nil || !v.OK {
		t.Fatalf("verify: %+v, %v", v, err)
	}

	t.Run("export", func(t *testing.T) {
		dst := filepath.Join(t.TempDir(), "audit.csv")
		a.dialogs = fakeDialogs{save: dst}
		got, err := a.Audit.ExportCSV(desk.AuditFilter{})
		if err != nil || got != dst {
			t.Fatalf("export: %q, %v", got, err)
		}
		b, err := os.ReadFile(dst)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(rows)) != page.Total+1 || rows[0][0] != "Entry" {
			t.Fatalf("%d rows for %d entries", len(rows), page.Total)
		}
		if !strings.Contains(string(b), `'=HYPERLINK`) {
			t.Fatalf("formula not guarded:\n%s", b)
		}
		a.dialogs = fakeDialogs{}
		if got, err := a.Audit.ExportCSV(desk.AuditFilter{}); err != nil || got != "" {
			t.Fatalf("cancelled export: %q, %v", got, err)
		}
	})

	t.Run("ErrForbidden", func(t *testing.T) {
		u, err := a.Users.Save(desk.UserInput{Name: "Bilal", Role: "support", Active: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := signInAs(t, a, u.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Audit.List(desk.AuditFilter{}, 0, 50); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Fatalf("list as support: %v", err)
		}
		if _, err := a.Audit.Verify(); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Fatalf("verify as support: %v", err)
		}
		a.dialogs = fakeDialogs{save: filepath.Join(t.TempDir(), "x.csv")}
		if _, err := a.Audit.ExportCSV(desk.AuditFilter{}); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Fatalf("export as support: %v", err)
		}
		if _, err := a.Backups.List(); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Fatalf("backups as support: %v", err)
		}
		if err := a.Backups.RestoreBackup("x.zip"); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Fatalf("restore as support: %v", err)
		}
	})
}

func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		"=1+2":                              "'=1+2",
		"+44 7700 900123":                   "'+44 7700 900123",
		"-2":                                "'-2",
		"@SUM(A1)":                          "'@SUM(A1)",
		"'quoted":                           "''quoted",
		"\t=1":                              "'\t=1",
		"Note on #12":                       "Note on #12",
		"":                                  "",
		"Status: Open → In Progress on #12": "Status: Open → In Progress on #12",
	} {
		if got := sheet.Guard(in); got != want {
			t.Errorf("Guard(%q) = %q, want %q", in, got, want)
		}
	}
	var b bytes.Buffer
	err := writeAuditCSV(&b, func(fn func(desk.AuditEntry) error) error {
		return fn(desk.AuditEntry{Seq: 3, At: "2026-12-06T10:00:00.000Z", Actor: "Asha", KindLabel: "Note", TicketNumber: 12,
			What: "Note on #12", New: "-1 \"quoted\", and a comma"})
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "Entry,Time (UTC),User,Workstation,Kind,Ticket,What,Old value,New value\n" +
		"3,2026-12-06T10:00:00.000Z,Asha,,Note,#12,Note on #12,,\"'-1 \"\"quoted\"\", and a comma\"\n"
	if b.String() != want {
		t.Fatalf("csv =\n%s\nwant\n%s", b.String(), want)
	}
}
