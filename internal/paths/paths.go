// Package paths finds where Deskline keeps its data and guards a data folder
// against a second process.
package paths

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// EnvDataDir overrides the data folder, like the --data-dir flag.
const EnvDataDir = "DESKLINE_DATA_DIR"

// Chosen reports whether the data folder was chosen for this run (flagValue,
// or $DESKLINE_DATA_DIR) rather than being the per-user default.
func Chosen(flagValue string) bool {
	return flagValue != "" || os.Getenv(EnvDataDir) != ""
}

// DataDir returns the data folder: flagValue if set, else $DESKLINE_DATA_DIR,
// else Deskline under the OS's per-user data folder (XDG_DATA_HOME or
// ~/.local/share on Linux, the user config folder elsewhere).
func DataDir(flagValue string) (string, error) {
	if flagValue != "" {
		return filepath.Abs(flagValue)
	}
	if v := os.Getenv(EnvDataDir); v != "" {
		return filepath.Abs(v)
	}
	if runtime.GOOS == "linux" {
		if x := os.Getenv("XDG_DATA_HOME"); x != "" {
			return filepath.Join(x, "Deskline"), nil
		}
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("find the home folder: %w", err)
		}
		return filepath.Join(home, ".local", "share", "Deskline"), nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the user data folder: %w", err)
	}
	return filepath.Join(base, "Deskline"), nil
}

// DatabaseFile is the database's path inside a data folder.
func DatabaseFile(dataDir string) string { return filepath.Join(dataDir, "deskline.db") }

// ErrLocked is returned by Lock when another process holds the data folder.
var ErrLocked = errors.New("another Deskline is already running on this data folder")
