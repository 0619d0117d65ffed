package store_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"deskline/internal/desk"
	"deskline/internal/store"
)

// The crash test's child: the environment names the database and who and
// what to write with.
const (
	envCrashDB      = "DESKLINE_TEST_CRASH_DB"
	envCrashActor   = "DESKLINE_TEST_CRASH_ACTOR"
	envCrashSubject = "DESKLINE_TEST_CRASH_SUBJECT"
	envCrashContact = "DESKLINE_TEST_CRASH_CONTACT"
	// EnvCrashKills sets how many times the crash test kills its writer
	// (default 200, about 40 s here).
	EnvCrashKills = "DESKLINE_CRASH_KILLS"
)

// A process writing tickets, notes and status changes through the store is
// killed (SIGKILL) at random moments, again and again. After every kill the
// database passes PRAGMA integrity_check and holds every write the process
// had acknowledged (printed after its commit returned).
func TestCrashKilledWriter(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a writer hundreds of times")
	}
	kills := 200
	if n, err := strconv.Atoi(os.Getenv(EnvCrashKills)); err == nil && n > 0 {
		kills = n
	}
	path := filepath.Join(t.TempDir(), "deskline.db")
	s := MustOpenAt(t, path)
	f := mustWorkspace(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, uint64(time.Now().UnixNano())))
	var acked []string // every acknowledged write so far, as printed
	survived := 0
	for i := 0; i < kills; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashWriterProcess$")
		cmd.Env = append(os.Environ(), envCrashDB+"="+path, envCrashActor+"="+f.admin.ID,
			envCrashSubject+"="+f.subjects["Complaint"], envCrashContact+"="+f.customer.ID)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan []string, 1)
		go func() {
			var got []string
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				got = append(got, sc.Text())
			}
			lines <- got
		}()
		// Anywhere from the store's opening to well into its writing.
		time.Sleep(time.Duration(rng.IntN(250)) * time.Millisecond)
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		got := <-lines
		cmd.Wait()
		for _, l := range got {
			if strings.HasPrefix(l, "T ") || strings.HasPrefix(l, "N ") || strings.HasPrefix(l, "S ") {
				acked = append(acked, l)
			}
		}

		// A new connection each time, as the next start would make (one kept
		// open across the writer's runs reports FTS5 "corruption" from its
		// own stale cache of the index's structure, which a fresh connection,
		// and the store's own, never see).
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		var check string
		if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
			db.Close()
			t.Fatalf("kill %d: integrity_check = %q, %v", i+1, check, err)
		}
		for _, l := range acked {
			if err := present(db, l); err != nil {
				db.Close()
				t.Fatalf("kill %d: acknowledged write %q lost: %v", i+1, l, err)
			}
		}
		db.Close()
		survived++
	}
	t.Logf("%d kills survived; %d acknowledged writes all present", survived, len(acked))
}

// present checks one acknowledged write is in the database.
func present(db *sql.DB, line string) error {
	f := strings.Fields(line)
	var q string
	var args []any
	switch f[0] {
	case "T": // T ticket
		q, args = "SELECT count(*) FROM tickets WHERE id = ?", []any{f[1]}
	case "N", "S": // N ticket token; S ticket status token
		tok := f[len(f)-1]
		q, args = "SELECT count(*) FROM activities WHERE ticket_id = ? AND body LIKE ?", []any{f[1], "%" + tok + "%"}
	}
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("not found")
	}
	return nil
}

// TestCrashWriterProcess is the child of TestCrashKilledWriter: it writes
// through the store until it is killed, printing each write once committed.
func TestCrashWriterProcess(t *testing.T) {
	path := os.Getenv(envCrashDB)
	if path == "" {
		t.Skip("helper process for TestCrashKilledWriter")
	}
	ctx := context.Background()
	s, err := store.Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		os.Exit(2)
	}
	actor, subject, contact := os.Getenv(envCrashActor), os.Getenv(envCrashSubject), os.Getenv(envCrashContact)
	cd, err := s.GetContact(ctx, contact)
	if err != nil {
		fmt.Fprintln(os.Stderr, "contact:", err)
		os.Exit(2)
	}
	pid := os.Getpid()
	var tickets []string
	for n := 0; ; n++ {
		tok := fmt.Sprintf("w%d-%d", pid, n)
		switch {
		case len(tickets) == 0 || n%3 == 0:
			id, err := s.CreateTicket(ctx, actor, desk.NewTicket{SubjectIDs: []string{subject}, ContactID: cd.Contact.ID, Mobile: cd.Contact.Mobile, Description: "crash " + tok})
			if err != nil {
				fmt.Fprintln(os.Stderr, "create:", err)
				os.Exit(2)
			}
			tickets = append(tickets, id)
			fmt.Printf("T %s\n", id)
		case n%3 == 1:
			id := tickets[n%len(tickets)]
			if err := s.AddNote(ctx, actor, id, "note "+tok, ""); err != nil {
				fmt.Fprintln(os.Stderr, "note:", err)
				os.Exit(2)
			}
			fmt.Printf("N %s %s\n", id, tok)
		default:
			id := tickets[n%len(tickets)]
			status := []string{"in_progress", "waiting"}[n/3%2]
			if err := s.ChangeStatus(ctx, actor, id, desk.StatusChange{Status: status, Note: "status " + tok}); err != nil {
				if desk.ErrorCode(err) == desk.EINVALID || desk.ErrorCode(err) == desk.ECONFLICT {
					continue // already in that status
				}
				fmt.Fprintln(os.Stderr, "status:", err)
				os.Exit(2)
			}
			fmt.Printf("S %s %s %s\n", id, status, tok)
		}
	}
}
