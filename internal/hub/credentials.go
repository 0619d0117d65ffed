package hub

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/zalando/go-keyring"
)

// CredentialsFile is the file, in the data folder, that holds the hub
// credentials where the system has no keyring.
const CredentialsFile = "hub-credentials.json"

const keyringService = "Deskline hub"

// CredentialStore keeps a desk's hub credentials: in the system keyring where
// there is one (Secret Service, Keychain, Credential Manager), else in a file
// of the data folder that only the user may read (0600). A desk has one hub,
// so the data folder names the entry.
type CredentialStore struct {
	Dir     string // the data folder
	Keyring bool   // use the system keyring when it answers
}

// NewCredentialStore returns the store of the data folder dir, keyring first.
func NewCredentialStore(dir string) *CredentialStore {
	return &CredentialStore{Dir: dir, Keyring: true}
}

func (s *CredentialStore) account() string {
	if abs, err := filepath.Abs(s.Dir); err == nil {
		return abs
	}
	return s.Dir
}

func (s *CredentialStore) file() string { return filepath.Join(s.Dir, CredentialsFile) }

// Save keeps c, replacing what was kept. It returns where: "keyring" or the
// file's path.
func (s *CredentialStore) Save(c Credentials) (string, error) {
	body, err := json.Marshal(c)
	if err != nil {
		return "", err
	}
	if s.Keyring {
		if err := keyring.Set(keyringService, s.account(), string(body)); err == nil {
			if err := os.Remove(s.file()); err != nil && !errors.Is(err, os.ErrNotExist) {
				return "", err
			}
			return "keyring", nil
		}
	}
	if err := writePrivate(s.file(), body); err != nil {
		return "", fmt.Errorf("keep the hub credentials: %w", err)
	}
	return s.file(), nil
}

// Load returns the credentials kept. Returns ErrNotFound when there are none.
func (s *CredentialStore) Load() (Credentials, error) {
	var c Credentials
	if s.Keyring {
		if v, err := keyring.Get(keyringService, s.account()); err == nil {
			if err := json.Unmarshal([]byte(v), &c); err == nil && c.Login != "" {
				return c, nil
			}
		}
	}
	body, err := os.ReadFile(s.file())
	if errors.Is(err, os.ErrNotExist) {
		return c, errorf(ErrNotFound, "this desk has no hub credentials; join the hub with a join code")
	}
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal(body, &c); err != nil || c.Login == "" {
		return Credentials{}, errorf(ErrInvalid, "the hub credentials file "+s.file()+" is damaged; join the hub again")
	}
	return c, nil
}

// Delete forgets the credentials, wherever they were kept.
func (s *CredentialStore) Delete() error {
	if s.Keyring {
		_ = keyring.Delete(keyringService, s.account()) // absent or no keyring: nothing to forget there
	}
	if err := os.Remove(s.file()); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// writePrivate writes a file only its owner may read, replacing it whole.
func writePrivate(path string, body []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".hub-credentials-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(body); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
