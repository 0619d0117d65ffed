package app

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"deskline/internal/desk"
)

// The palette's "go to ticket #N" and the dashboard, through the bound
// services as the frontend calls them.
func TestGoToNumberAndDashboard(t *testing.T) {
	a, _ := mustApp(t)
	if _, err := a.Setup.Initialize("Acme", "Asha", testPIN); err != nil {
		t.Fatal(err)
	}
	subjects, _ := a.Catalog.ListSubjects(false)
	c, err := a.Contacts.Save(desk.ContactInput{Kind: "customer", Name: "Carla", Mobile: "0771 234 567"})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for range 3 {
		d, err := a.Tickets.Create(desk.NewTicket{SubjectIDs: []string{subjects[0].ID}, ContactID: c.ID, Mobile: c.Mobile})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, d.Ticket.ID)
	}
	if _, err := a.Tickets.ChangeStatus(ids[1], desk.StatusChange{Status: "waiting"}); err != nil {
		t.Fatal(err)
	}

	t.Run("OK", func(t *testing.T) {
		id, err := a.Tickets.IDByNumber(2)
		if err != nil || id != ids[1] {
			t.Fatalf("#2 = %q, %v; want %q", id, err, ids[1])
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := a.Tickets.IDByNumber(99)
		if desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Fatalf("#99: %v, want not found", err)
		}
		if msg := formatError(a.core.log, err).Message; !strings.Contains(msg, "#99") {
			t.Fatalf("message = %q", msg)
		}
	})
	t.Run("Dashboard", func(t *testing.T) {
		d, err := a.Dashboard.Team()
		if err != nil {
			t.Fatal(err)
		}
		if d.Active != 3 || d.Statuses[0].Count != 2 || d.Statuses[2].Count != 1 || d.CreatedToday != 3 {
			t.Fatalf("dashboard = %+v", d)
		}
		if len(d.Team) != 1 || d.Team[0].User.Name != "Asha" || d.Team[0].Open != 2 || d.Team[0].Waiting != 1 {
			t.Fatalf("team = %+v", d.Team)
		}
	})
}

// The Team dashboard through the bound service: a panel exports to CSV with
// its cells guarded against formulas, and only managers and admins see it.
func TestDashboardInsight(t *testing.T) {
	a, _ := mustApp(t)
	if _, err := a.Setup.Initialize("Acme", "Asha", testPIN); err != nil {
		t.Fatal(err)
	}
	subj, err := a.Catalog.SaveSubject(desk.CatalogInput{Name: "=HYPERLINK(\"http://x\")", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	c, err := a.Contacts.Save(desk.ContactInput{Kind: "customer", Name: "Carla", Mobile: "0771 234 567"})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := a.Tickets.Create(desk.NewTicket{SubjectIDs: []string{subj.ID}, ContactID: c.ID, Mobile: c.Mobile}); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("Export", func(t *testing.T) {
		dst := filepath.Join(t.TempDir(), "panel.csv")
		a.dialogs = fakeDialogs{save: dst}
		got, err := a.Dashboard.ExportPanel(desk.InsightFilter{}, "openBySubject")
		if err != nil || got != dst {
			t.Fatalf("export: %q, %v", got, err)
		}
		b, err := os.ReadFile(dst)
		if err != nil {
			t.Fatal(err)
		}
		// UTF-8 with a byte order mark, so spreadsheets read accents right.
		if !bytes.HasPrefix(b, []byte("\ufeff")) {
			t.Fatalf("no byte order mark: %q", b[:min(len(b), 10)])
		}
		rows, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		want := [][]string{{"Subject", "Open tickets"}, {`'=HYPERLINK("http://x")`, "2"}}
		if !reflect.DeepEqual(rows, want) {
			t.Fatalf("rows = %q, want %q", rows, want)
		}
		if _, err := a.Dashboard.ExportPanel(desk.InsightFilter{}, "nothing"); desk.ErrorCode(err) != desk.EINVALID {
			t.Fatalf("unknown panel: %v", err)
		}
		for _, p := range []string{"days", "openByStatus", "openBySource", "openByAssignee", "age", "hours", "weekdays", "slaWeeks", "slaSubjects", "slaPeople"} {
			if _, err := a.Dashboard.ExportPanel(desk.InsightFilter{}, p); err != nil {
				t.Errorf("%s: %v", p, err)
			}
		}
	})

	t.Run("Mine", func(t *testing.T) {
		m, err := a.Dashboard.Mine()
		if err != nil || m.OpenByStatus[0].Count != 2 || m.ChangedCount != 2 {
			t.Fatalf("mine = %+v, %v", m, err)
		}
		if err := a.Dashboard.MarkMineSeen(); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("ErrForbidden", func(t *testing.T) {
		bob, err := a.Users.Save(desk.UserInput{Name: "Bob", Role: "support", Active: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := signInAs(t, a, bob.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Dashboard.TeamInsight(desk.InsightFilter{}); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Fatalf("support agent: %v, want forbidden", err)
		}
		if _, err := a.Dashboard.Mine(); err != nil {
			t.Fatalf("support agent's own: %v", err)
		}
	})
}
