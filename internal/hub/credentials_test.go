package hub

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"
)

func TestCredentialsFile(t *testing.T) {
	dir := t.TempDir()
	s := &CredentialStore{Dir: dir} // no keyring: the file
	if _, err := s.Load(); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Load before Save: %v", err)
	}
	want := Credentials{Login: "hub_i_abcd", Password: "s3cret-Pass"}
	where, err := s.Save(want)
	if err != nil {
		t.Fatal(err)
	}
	if where != filepath.Join(dir, CredentialsFile) {
		t.Fatalf("saved to %s", where)
	}
	fi, err := os.Stat(where)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("file mode %v, want 0600", fi.Mode().Perm())
	}
	got, err := s.Load()
	if err != nil || got != want {
		t.Fatalf("Load = %v, %v", got, err)
	}
	// Saving again replaces it whole, still private.
	want.Password = "rotated-Pass"
	if _, err := s.Save(want); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Load(); got != want {
		t.Fatalf("after a second Save: %v", got)
	}
	if fi, _ := os.Stat(where); fi.Mode().Perm() != 0o600 {
		t.Fatalf("file mode %v after replacing", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("the folder holds %d files, want only the credentials", len(entries))
	}
	if err := os.WriteFile(where, []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(); !errors.Is(err, ErrInvalid) {
		t.Fatalf("Load of a damaged file: %v", err)
	}
	if err := s.Delete(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(where); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("file still there after Delete: %v", err)
	}
}

func TestCredentialsKeyring(t *testing.T) {
	keyring.MockInit()
	dir := t.TempDir()
	s := NewCredentialStore(dir)
	want := Credentials{Login: "hub_i_abcd", Password: "s3cret-Pass"}
	where, err := s.Save(want)
	if err != nil || where != "keyring" {
		t.Fatalf("Save = %s, %v; want the keyring", where, err)
	}
	if _, err := os.Stat(filepath.Join(dir, CredentialsFile)); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a file was written although the keyring took the credentials")
	}
	if got, err := s.Load(); err != nil || got != want {
		t.Fatalf("Load = %v, %v", got, err)
	}
	if err := s.Delete(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Load after Delete: %v", err)
	}

	// A system without a keyring: the file takes over.
	keyring.MockInitWithError(errors.New("no secret service"))
	where, err = s.Save(want)
	if err != nil || !strings.HasSuffix(where, CredentialsFile) {
		t.Fatalf("Save without a keyring = %s, %v", where, err)
	}
	if got, err := s.Load(); err != nil || got != want {
		t.Fatalf("Load without a keyring = %v, %v", got, err)
	}
}
