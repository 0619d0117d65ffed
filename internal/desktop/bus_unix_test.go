//go:build linux || freebsd || netbsd || openbsd || illumos

package desktop

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"deskline/internal/desktop/dbustest"
)

const (
	title = "#1042 Complaint"
	body  = "Asha assigned it to you — Carla Customer"
)

// TestNotify sends real notifications through beeep to a notification service
// the test owns on the session bus.
func TestNotify(t *testing.T) {
	srv := dbustest.Start(t)
	icon := pngIcon(t, color.RGBA{0, 128, 255, 255})
	b, err := New("Deskline", icon, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}

	t.Run("OK", func(t *testing.T) {
		before := len(srv.Calls())
		if err := b.Notify(title, body); err != nil {
			t.Fatal(err)
		}
		c := srv.Wait(t, before+1, 10*time.Second)[before]
		t.Logf("captured Notify call: %s", describe(c))
		if c.AppName != "Deskline" {
			t.Errorf("app_name = %q, want %q", c.AppName, "Deskline")
		}
		if c.Summary != title {
			t.Errorf("summary = %q, want %q", c.Summary, title)
		}
		if c.Body != body {
			t.Errorf("body = %q, want %q", c.Body, body)
		}
		if c.ReplacesID != 0 || len(c.Actions) != 0 {
			t.Errorf("replaces_id = %d, actions = %q; want a new notification without actions", c.ReplacesID, c.Actions)
		}
		// beeep sends a path given as the icon in app_icon (PNG bytes would
		// go, decoded, in the image-data hint instead).
		if c.AppIcon != b.IconPath() {
			t.Errorf("app_icon = %q, want the icon file %q", c.AppIcon, b.IconPath())
		}
		if _, ok := c.Hints["image-data"]; ok {
			t.Error("the icon was also sent as image-data pixels")
		}
		assertFile(t, c.AppIcon, icon)
	})

	t.Run("RestoresDeletedIcon", func(t *testing.T) {
		if err := os.Remove(b.IconPath()); err != nil {
			t.Fatal(err)
		}
		before := len(srv.Calls())
		if err := b.Notify(title, body); err != nil {
			t.Fatal(err)
		}
		c := srv.Wait(t, before+1, 10*time.Second)[before]
		assertFile(t, c.AppIcon, icon)
	})

	t.Run("Concurrent", func(t *testing.T) {
		before := len(srv.Calls())
		var wg sync.WaitGroup
		errs := make(chan error, 5)
		for i := range 5 {
			wg.Go(func() { errs <- b.Notify(fmt.Sprintf("#%d Complaint", 2000+i), body) })
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Error(err)
			}
		}
		var got []string
		for _, c := range srv.Wait(t, before+5, 10*time.Second)[before:] {
			got = append(got, c.Summary)
		}
		slices.Sort(got)
		if want := []string{"#2000 Complaint", "#2001 Complaint", "#2002 Complaint", "#2003 Complaint", "#2004 Complaint"}; !slices.Equal(got, want) {
			t.Errorf("summaries = %q, want %q", got, want)
		}
	})

	// A service that owns the name but never answers: Notify gives up after
	// its timeout, and later calls do not queue up behind the stuck one.
	t.Run("ErrUnavailable/ServiceHangs", func(t *testing.T) {
		b, err := New("Deskline", icon, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		b.timeout = 500 * time.Millisecond
		release := srv.Block()
		before := len(srv.Calls())
		err = b.Notify(title, body)
		if !errors.Is(err, ErrUnavailable) || !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Notify to a hung service = %v, want ErrUnavailable wrapping context.DeadlineExceeded", err)
		}
		t.Logf("Notify: %v", err)
		if err := b.Notify(title, body); !errors.Is(err, ErrUnavailable) {
			t.Fatalf("second Notify = %v, want ErrUnavailable remembered from the first", err)
		}
		release()
		b.inflight.Wait() // the stuck beeep call finishes once the service answers
		if n := len(srv.Calls()) - before; n > 1 {
			t.Errorf("the hung service got %d calls, want at most 1", n)
		}
	})
}

// TestNotifyNoService runs on a session bus of its own where nothing owns,
// or can start, org.freedesktop.Notifications.
func TestNotifyNoService(t *testing.T) {
	dbustest.StartBus(t)
	ran := fakePrograms(t)
	clock := &manualClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	b, err := New("Deskline", pngIcon(t, color.White), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	b.clock = clock
	b.timeout = time.Minute // so a hang shows as DeadlineExceeded, not as the answer

	t.Run("ErrUnavailable", func(t *testing.T) {
		start := time.Now()
		err := b.Notify(title, body)
		if !errors.Is(err, ErrUnavailable) || !errors.Is(err, errNoService) {
			t.Fatalf("Notify = %v, want ErrUnavailable wrapping errNoService", err)
		}
		t.Logf("Notify returned after %v: %v", time.Since(start), err)
		ran(t)
	})

	t.Run("RemembersTheAnswer", func(t *testing.T) {
		srv := dbustest.Start(t) // a service appears on this bus
		clock.add(unavailableFor - time.Second)
		if err := b.Notify(title, body); !errors.Is(err, errNoService) {
			t.Fatalf("Notify = %v, want the remembered errNoService", err)
		}
		if n := len(srv.Calls()); n != 0 {
			t.Errorf("service got %d calls", n)
		}
		clock.add(time.Second)
		// Only the bus check here: beeep's shared connection may still be
		// on the session bus of an earlier test.
		if err := b.available(context.Background()); err != nil {
			t.Errorf("available() after the service appeared = %v, want nil", err)
		}
	})
}

// TestNotifyNoBus runs the test binary again with no usable session bus; that
// must be a separate process because godbus keeps one shared connection.
func TestNotifyNoBus(t *testing.T) {
	if os.Getenv("DESKLINE_DESKTOP_CHILD") == "1" {
		notifyNoBus(t)
		return
	}
	for _, tc := range []struct {
		name string
		addr string // "": unset
	}{
		{"NoSocket", "unix:path=" + filepath.Join(t.TempDir(), "no-such-socket")},
		{"NoAddress", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ran := fakePrograms(t)
			cmd := exec.Command(os.Args[0], "-test.run=^TestNotifyNoBus$", "-test.v", "-test.count=1")
			for _, kv := range os.Environ() {
				if !strings.HasPrefix(kv, "DBUS_SESSION_BUS_ADDRESS=") {
					cmd.Env = append(cmd.Env, kv)
				}
			}
			cmd.Env = append(cmd.Env, "DESKLINE_DESKTOP_CHILD=1")
			if tc.addr != "" {
				cmd.Env = append(cmd.Env, "DBUS_SESSION_BUS_ADDRESS="+tc.addr)
			}
			out, err := cmd.CombinedOutput()
			t.Logf("child:\n%s", out)
			if err != nil {
				t.Fatalf("child: %v", err)
			}
			if bytes.Contains(out, []byte("--- SKIP")) {
				t.Skip("child skipped")
			}
			ran(t)
		})
	}
}

func notifyNoBus(t *testing.T) {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		dir := fmt.Sprintf("/run/user/%d/", os.Getuid())
		for _, f := range []string{"bus", "dbus-session"} {
			if _, err := os.Stat(dir + f); err == nil {
				t.Skipf("godbus finds a session bus at %s%s even without DBUS_SESSION_BUS_ADDRESS", dir, f)
			}
		}
	}
	b, err := New("Deskline", pngIcon(t, color.White), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	b.timeout = time.Minute
	start := time.Now()
	err = b.Notify(title, body)
	if !errors.Is(err, ErrUnavailable) || errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Notify = %v, want ErrUnavailable (not a timeout)", err)
	}
	t.Logf("DBUS_SESSION_BUS_ADDRESS=%q: Notify returned after %v: %v", os.Getenv("DBUS_SESSION_BUS_ADDRESS"), time.Since(start), err)
}

// fakePrograms puts stand-ins for the programs beeep and godbus fall back to
// (notify-send, kdialog, dbus-launch) alone on PATH; each leaves a mark when
// run. The returned check fails the test if any of them ran.
func fakePrograms(t *testing.T) (ran func(*testing.T)) {
	t.Helper()
	bin, marks := t.TempDir(), t.TempDir()
	names := []string{"notify-send", "kdialog", "dbus-launch"}
	for _, name := range names {
		script := fmt.Sprintf("#!/bin/sh\n: > '%s'\nexit 1\n", filepath.Join(marks, name))
		if err := os.WriteFile(filepath.Join(bin, name), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", bin)
	return func(t *testing.T) {
		t.Helper()
		for _, name := range names {
			if _, err := os.Stat(filepath.Join(marks, name)); err == nil {
				t.Errorf("%s was run", name)
			}
		}
	}
}

type manualClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *manualClock) add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func describe(c dbustest.Call) string {
	keys := make([]string, 0, len(c.Hints))
	for k := range c.Hints {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var hints []string
	for _, k := range keys {
		hints = append(hints, k+"="+c.Hints[k].String())
	}
	return fmt.Sprintf("app_name=%q replaces_id=%d app_icon=%q summary=%q body=%q actions=%q hints={%s} expire_timeout=%d",
		c.AppName, c.ReplacesID, c.AppIcon, c.Summary, c.Body, c.Actions, strings.Join(hints, ", "), c.ExpireTimeout)
}
