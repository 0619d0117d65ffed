// Package desktop shows native desktop notifications through beeep. It is
// the only package that imports beeep.
//
// On Linux, beeep sends org.freedesktop.Notifications.Notify over the D-Bus
// session bus (godbus's shared connection) and, when that fails, runs
// notify-send and then kdialog; godbus itself runs dbus-launch when it finds
// no session bus address. On a machine without a notification service none of
// that should happen, so Notify first asks the bus, without launching
// anything, whether the service is there, and answers ErrUnavailable at once
// when it is not.
package desktop

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/gen2brain/beeep"

	"deskline/internal/desk"
)

// IconFile is the name of the icon file written to the cache folder; the
// notification service reads the icon from there.
const IconFile = "deskline-icon.png"

const (
	// defaultTimeout bounds one Notify call: the bus check plus beeep's D-Bus
	// call, which has no timeout of its own (the session bus never times out
	// a reply, so a stuck service would block it for ever).
	defaultTimeout = 5 * time.Second
	// How long Notify trusts the last answer to "is there a notification
	// service?" before asking the bus again.
	availableFor   = 10 * time.Second
	unavailableFor = 30 * time.Second
)

// ErrUnavailable is returned (wrapped around the cause) by Notify when the
// desktop has no notification service: no D-Bus session bus, nothing owning
// org.freedesktop.Notifications, or a service that does not answer. Test it
// with errors.Is; desk.ErrorCode gives desk.EUNAVAILABLE.
var ErrUnavailable = &desk.Error{Code: desk.EUNAVAILABLE, Message: "no desktop notification service"}

var pngMagic = []byte("\x89PNG\r\n\x1a\n")

// Beeep shows desktop notifications through beeep, with the app's icon. It is
// safe for concurrent use.
type Beeep struct {
	icon     []byte
	iconPath string

	clock   desk.Clock
	timeout time.Duration

	mu      sync.Mutex
	checked time.Time // when the service was last found (or not)
	down    error     // why it was not; nil when it was

	inflight sync.WaitGroup // beeep calls still running (tests wait on it)
}

// New writes icon (PNG data) to cacheDir/deskline-icon.png, unless the file
// already holds exactly those bytes, and sets beeep's application name.
// beeep keeps the name in a package variable, so it is the same for every
// Beeep in the process.
func New(appName string, icon []byte, cacheDir string) (*Beeep, error) {
	if appName == "" {
		return nil, errors.New("desktop: empty app name")
	}
	if !bytes.HasPrefix(icon, pngMagic) {
		return nil, errors.New("desktop: the icon is not PNG data")
	}
	dir, err := filepath.Abs(cacheDir)
	if err != nil {
		return nil, fmt.Errorf("desktop: cache folder: %w", err)
	}
	b := &Beeep{
		icon:     bytes.Clone(icon),
		iconPath: filepath.Join(dir, IconFile),
		clock:    desk.SystemClock{},
		timeout:  defaultTimeout,
	}
	if err := writeIcon(b.iconPath, b.icon); err != nil {
		return nil, err
	}
	// Only write when it changes: a Notify still running (after a timeout)
	// reads the variable.
	if beeep.AppName != appName {
		beeep.AppName = appName
	}
	return b, nil
}

// IconPath is the absolute path of the icon file sent with each notification.
func (b *Beeep) IconPath() string { return b.iconPath }

// Notify shows a desktop notification with the app's name and icon. It
// returns ErrUnavailable, within a few seconds at most, when there is no
// notification service to show it.
func (b *Beeep) Notify(title, body string) error {
	ctx, cancel := context.WithTimeout(context.Background(), b.timeout)
	defer cancel()
	done := make(chan error, 1)
	b.inflight.Add(1)
	go func() {
		defer b.inflight.Done()
		done <- b.notify(ctx, title, body)
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		err := fmt.Errorf("%w: the notification service did not answer within %v: %w", ErrUnavailable, b.timeout, ctx.Err())
		b.remember(err)
		return err
	}
}

func (b *Beeep) notify(ctx context.Context, title, body string) error {
	if err := b.available(ctx); err != nil {
		return err
	}
	// The cache folder may have been cleaned since New.
	if _, err := os.Stat(b.iconPath); errors.Is(err, fs.ErrNotExist) {
		if err := writeIcon(b.iconPath, b.icon); err != nil {
			return err
		}
	}
	// A path (not the PNG bytes) makes beeep send it as app_icon; bytes would
	// be decoded and sent as raw RGBA pixels in the image-data hint.
	err := beeep.Notify(title, body, b.iconPath)
	if err == nil {
		return nil
	}
	if serviceGone(err) {
		err = fmt.Errorf("%w: %w", ErrUnavailable, err)
		b.remember(err)
		return err
	}
	return fmt.Errorf("desktop: notify: %w", err)
}

// available reports, from a recent answer or by asking the bus, whether a
// notification service is there; its error wraps ErrUnavailable.
func (b *Beeep) available(ctx context.Context) error {
	b.mu.Lock()
	checked, down := b.checked, b.down
	b.mu.Unlock()
	if !checked.IsZero() {
		age := b.clock.Now().Sub(checked)
		if down == nil && age < availableFor {
			return nil
		}
		if down != nil && age < unavailableFor {
			return down
		}
	}
	var err error
	if cause := probe(ctx); cause != nil {
		err = fmt.Errorf("%w: %w", ErrUnavailable, cause)
	}
	// After a timeout Notify has already remembered the service as down; a
	// late answer must not overwrite that.
	if ctx.Err() == nil {
		b.remember(err)
	}
	return err
}

func (b *Beeep) remember(down error) {
	b.mu.Lock()
	b.checked, b.down = b.clock.Now(), down
	b.mu.Unlock()
}

// writeIcon writes icon to path unless the file already holds it. It writes
// a temporary file and renames it, so a notification service never reads a
// half-written icon.
func writeIcon(path string, icon []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, icon) {
		return nil
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("desktop: cache folder: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".deskline-icon-*.png")
	if err != nil {
		return fmt.Errorf("desktop: write icon: %w", err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	_, err = tmp.Write(icon)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("desktop: write icon: %w", err)
	}
	return nil
}
