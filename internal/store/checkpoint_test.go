package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"deskline/internal/desk"
	"deskline/internal/store"
)

// A change reaches the database file itself (not only the write-ahead log)
// shortly after it is made, though no commit is large enough to checkpoint
// inline: the store's checkpointer copies the log in the background.
func TestChangesAreCheckpointedInTheBackground(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "deskline.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	f := mustWorkspace(t, s)
	time.Sleep(300 * time.Millisecond) // the setup's own checkpoint
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateTicket(ctx, f.admin.ID, desk.NewTicket{SubjectIDs: []string{f.subjects["Complaint"]},
		ContactID: f.customer.ID, Mobile: f.customer.Mobile, Description: "Card kept by the ATM"}); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		now, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(now) != string(before) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the database file did not change within 10 s of the change: nothing checkpointed the log")
		}
	}
}
