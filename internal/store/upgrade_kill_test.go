package store

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	"deskline/db"
	"deskline/internal/desk"
)

const envUpgradeKill = "DESKLINE_TEST_UPGRADE_KILL" // "step:path" for the helper

// upgradeClock is the same instant in the killed run and the next start, so
// that both would name their backup alike.
func upgradeClock() desk.Clock {
	return desk.NewManualClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
}

// An upgrade killed (SIGKILL) after any of its steps finishes at the next
// start: the queue's read model is rebuilt, and the next start's backup
// does not trip over the one the killed run left.
func TestUpgradeKilledBetweenSteps(t *testing.T) {
	for _, step := range []string{"backup", "schema"} {
		t.Run("After"+strings.ToUpper(step[:1])+step[1:], func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "deskline.db")
			schema7Desk(t, path)

			cmd := exec.Command(os.Args[0], "-test.run=^TestUpgradeKillHelper$", "-test.v")
			cmd.Env = append(os.Environ(), envUpgradeKill+"="+step+":"+path)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd.Stderr = os.Stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			reached := make(chan bool, 1)
			go func() {
				sc := bufio.NewScanner(out)
				for sc.Scan() {
					if sc.Text() == "step done: "+step {
						reached <- true
						return
					}
				}
				reached <- false
			}()
			select {
			case ok := <-reached:
				if !ok {
					cmd.Wait()
					t.Fatalf("the helper ended before the %s step", step)
				}
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("the helper never reached the %s step", step)
			}
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			cmd.Wait()

			s, err := Open(ctx, path, WithClock(upgradeClock()))
			if err != nil {
				t.Fatalf("the start after the killed upgrade: %v", err)
			}
			defer s.Close()
			d, err := s.Dashboard(ctx, time.UTC)
			if err != nil {
				t.Fatal(err)
			}
			if d.Active != 3 || d.Unassigned != 2 {
				t.Errorf("after the killed upgrade and a start: active %d, unassigned %d; want 3 and 2", d.Active, d.Unassigned)
			}
			if backups, _ := filepath.Glob(path + ".schema-7-*.bak"); len(backups) == 0 {
				t.Errorf("no backup of schema 7")
			}
			// And the next start is an ordinary one.
			s.Close()
			s, err = Open(ctx, path, WithClock(upgradeClock()))
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestUpgradeKillHelper is the child of TestUpgradeKilledBetweenSteps: it
// opens the schema 7 desk and, after the named step of the upgrade, says so
// and waits to be killed.
func TestUpgradeKillHelper(t *testing.T) {
	v := os.Getenv(envUpgradeKill)
	if v == "" {
		t.Skip("helper process for TestUpgradeKilledBetweenSteps")
	}
	step, path, _ := strings.Cut(v, ":")
	upgradeStep = func(done string) {
		if done == step {
			fmt.Printf("step done: %s\n", done)
			os.Stdout.Sync()
			time.Sleep(time.Minute)
			os.Exit(3) // never reached: the test kills us first
		}
	}
	Open(context.Background(), path, WithClock(upgradeClock()))
	t.Fatalf("the upgrade never reached the %s step", step)
}

// schema7Desk makes at path a desk as the version before the dashboard's read
// model (schema 7) left it: three tickets, two of them unassigned.
func schema7Desk(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, path, WithClock(upgradeClock()))
	if err != nil {
		t.Fatal(err)
	}
	admin, err := s.InitWorkspace(ctx, "Acme Bank", "Asha Admin")
	if err != nil {
		t.Fatal(err)
	}
	subjects, err := s.ListCatalog(ctx, desk.CatalogSubject, false)
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.SaveContact(ctx, admin.ID, desk.ContactInput{Kind: "customer", Name: "Carla", Mobile: "07700900123"})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		id, err := s.CreateTicket(ctx, admin.ID, desk.NewTicket{SubjectIDs: []string{subjects[0].ID}, ContactID: c.ID, Mobile: c.Mobile, Priority: "medium"})
		if err != nil {
			t.Fatal(err)
		}
		if i < 2 {
			if err := s.RemoveAssignee(ctx, admin.ID, id, admin.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	migrations, err := fs.Sub(db.Migrations, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, raw, migrations)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 7); err != nil {
		t.Fatal(err)
	}
}
