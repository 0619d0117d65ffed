// Package dbustest runs a stand-in desktop notification service
// (org.freedesktop.Notifications) on the D-Bus session bus for tests, and
// records every notification it is asked to show.
//
// When there is no session bus the helpers skip the test, unless
// DESKLINE_REQUIRE_DBUS=1 is set (the project's test command sets it and runs
// the tests under dbus-run-session): then they fail it.
package dbustest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/introspect"
)

const (
	// Name is the well-known bus name of a notification service.
	Name = "org.freedesktop.Notifications"
	// Path is the object path it serves.
	Path = dbus.ObjectPath("/org/freedesktop/Notifications")
	// RequireEnv, set to 1, turns "no session bus" from a skip into a failure.
	RequireEnv = "DESKLINE_REQUIRE_DBUS"
)

// Call is one Notify call received, with its arguments as sent.
type Call struct {
	AppName       string
	ReplacesID    uint32
	AppIcon       string
	Summary       string
	Body          string
	Actions       []string
	Hints         map[string]dbus.Variant
	ExpireTimeout int32
	ID            uint32 // the id the server answered with
}

// OwnerWait is how long Start waits for another owner to let the name go.
var OwnerWait = 60 * time.Second

// Server is a notification service owned by a test.
type Server struct {
	conn *dbus.Conn

	mu      sync.Mutex
	calls   []Call
	lastID  uint32
	changed chan struct{} // closed (and replaced) on every call
	hold    chan struct{} // while non-nil, Notify waits for it to close
}

// ErrUnavailable is returned by Open when there is no session bus to serve
// on, or another program keeps the name.
var ErrUnavailable = errors.New("no D-Bus session bus to serve notifications on")

// Start connects to the session bus (DBUS_SESSION_BUS_ADDRESS), takes the
// name org.freedesktop.Notifications and serves it until the test ends. It
// skips (or, with DESKLINE_REQUIRE_DBUS=1, fails) the test when there is no
// session bus or another program keeps the name for a minute.
func Start(t testing.TB) *Server {
	t.Helper()
	s, err := Open()
	if errors.Is(err, ErrUnavailable) {
		unavailable(t, "%v", err)
	} else if err != nil {
		t.Fatalf("dbustest: %v", err)
	}
	t.Cleanup(s.close)
	return s
}

// Open serves the notification service on the session bus until Close; the
// end-to-end tests run it as a program of its own (dbustest/capture).
// Returns ErrUnavailable (wrapped) when there is no session bus or another
// program keeps the name for OwnerWait.
func Open() (*Server, error) {
	conn, err := dbus.SessionBusPrivateNoAutoStartup()
	if err != nil {
		return nil, fmt.Errorf("%w (%v); run the tests under dbus-run-session", ErrUnavailable, err)
	}
	if err := conn.Auth(nil); err != nil {
		conn.Close()
		return nil, fmt.Errorf("%w: cannot authenticate (%v)", ErrUnavailable, err)
	}
	if err := conn.Hello(); err != nil {
		conn.Close()
		return nil, fmt.Errorf("%w: cannot join (%v)", ErrUnavailable, err)
	}
	s := &Server{conn: conn, changed: make(chan struct{})}
	if err := conn.Export(service{s}, Path, Name); err != nil {
		s.close()
		return nil, fmt.Errorf("export %s: %w", Path, err)
	}
	if err := conn.Export(introspect.Introspectable(introspection), Path, "org.freedesktop.DBus.Introspectable"); err != nil {
		s.close()
		return nil, fmt.Errorf("export introspection: %w", err)
	}
	// go test runs packages side by side on the one session bus: a test of
	// another package may hold the name for a few seconds, so it is asked
	// for again until it is free. An owner that keeps it is someone else.
	for deadline := time.Now().Add(OwnerWait); ; time.Sleep(50 * time.Millisecond) {
		reply, err := conn.RequestName(Name, dbus.NameFlagDoNotQueue)
		if err != nil {
			s.close()
			return nil, fmt.Errorf("request %s: %w", Name, err)
		}
		if reply == dbus.RequestNameReplyPrimaryOwner {
			return s, nil
		}
		if time.Now().After(deadline) {
			s.close()
			return nil, fmt.Errorf("%w: %s has kept another owner on this session bus for %s (a real notification daemon?); run the tests under dbus-run-session", ErrUnavailable, Name, OwnerWait)
		}
	}
}

// Close stops serving.
func (s *Server) Close() { s.close() }

// Changed returns a channel closed at the next Notify call.
func (s *Server) Changed() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changed
}

// Calls returns the Notify calls received so far, oldest first.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// Wait waits until at least n Notify calls have arrived and returns them all;
// it fails the test if they have not arrived within timeout.
func (s *Server) Wait(t testing.TB, n int, timeout time.Duration) []Call {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		calls, changed := append([]Call(nil), s.calls...), s.changed
		s.mu.Unlock()
		if len(calls) >= n {
			return calls
		}
		select {
		case <-changed:
		case <-deadline.C:
			t.Fatalf("dbustest: waited %v for %d Notify calls, got %d: %+v", timeout, n, len(calls), calls)
		}
	}
}

// Block makes the service hang: Notify calls are recorded but not answered
// until release is called (or the test ends).
func (s *Server) Block() (release func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hold == nil {
		s.hold = make(chan struct{})
	}
	return s.release
}

func (s *Server) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hold != nil {
		close(s.hold)
		s.hold = nil
	}
}

func (s *Server) close() {
	s.release()
	s.conn.ReleaseName(Name)
	s.conn.Close()
}

// service is the exported D-Bus object: every exported method whose last
// result is *dbus.Error becomes a method of org.freedesktop.Notifications.
type service struct{ s *Server }

func (v service) Notify(appName string, replacesID uint32, appIcon, summary, body string, actions []string, hints map[string]dbus.Variant, expireTimeout int32) (uint32, *dbus.Error) {
	s := v.s
	s.mu.Lock()
	id := replacesID
	if id == 0 {
		s.lastID++
		id = s.lastID
	}
	s.calls = append(s.calls, Call{
		AppName: appName, ReplacesID: replacesID, AppIcon: appIcon, Summary: summary, Body: body,
		Actions: actions, Hints: hints, ExpireTimeout: expireTimeout, ID: id,
	})
	close(s.changed)
	s.changed = make(chan struct{})
	hold := s.hold
	s.mu.Unlock()
	if hold != nil {
		<-hold
	}
	return id, nil
}

func (service) GetCapabilities() ([]string, *dbus.Error) {
	return []string{"body", "icon-static"}, nil
}

func (service) GetServerInformation() (name, vendor, version, specVersion string, err *dbus.Error) {
	return "deskline-dbustest", "Deskline", "1.0", "1.2", nil
}

// CloseNotification closes a notification: the service emits
// NotificationClosed with reason 3 (closed by a call to CloseNotification).
func (v service) CloseNotification(id uint32) *dbus.Error {
	if err := v.s.conn.Emit(Path, Name+".NotificationClosed", id, uint32(3)); err != nil {
		return dbus.MakeFailedError(err)
	}
	return nil
}

const introspection = `<node>
	<interface name="org.freedesktop.Notifications">
		<method name="Notify">
			<arg name="app_name" type="s" direction="in"/>
			<arg name="replaces_id" type="u" direction="in"/>
			<arg name="app_icon" type="s" direction="in"/>
			<arg name="summary" type="s" direction="in"/>
			<arg name="body" type="s" direction="in"/>
			<arg name="actions" type="as" direction="in"/>
			<arg name="hints" type="a{sv}" direction="in"/>
			<arg name="expire_timeout" type="i" direction="in"/>
			<arg name="id" type="u" direction="out"/>
		</method>
		<method name="GetCapabilities">
			<arg name="capabilities" type="as" direction="out"/>
		</method>
		<method name="GetServerInformation">
			<arg name="name" type="s" direction="out"/>
			<arg name="vendor" type="s" direction="out"/>
			<arg name="version" type="s" direction="out"/>
			<arg name="spec_version" type="s" direction="out"/>
		</method>
		<method name="CloseNotification">
			<arg name="id" type="u" direction="in"/>
		</method>
		<signal name="NotificationClosed">
			<arg name="id" type="u"/>
			<arg name="reason" type="u"/>
		</signal>
	</interface>` + introspect.IntrospectDataString + `</node>`

// StartBus starts a private, empty session bus (a dbus-daemon of its own,
// with no services that start on demand) and points DBUS_SESSION_BUS_ADDRESS
// at it until the test ends; it returns the address. Use it for "a desktop
// session with no notification service". Like t.Setenv, it cannot be used in
// parallel tests.
func StartBus(t testing.TB) string {
	t.Helper()
	daemon, err := exec.LookPath("dbus-daemon")
	if err != nil {
		unavailable(t, "dbus-daemon is not installed: %v", err)
	}
	// Not t.TempDir: a unix socket path must stay under about 100 bytes.
	dir, err := os.MkdirTemp("", "dbustest")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	config := filepath.Join(dir, "bus.conf")
	if err := os.WriteFile(config, []byte(fmt.Sprintf(busConfig, filepath.Join(dir, "bus"))), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(daemon, "--config-file="+config, "--nofork", "--nopidfile", "--print-address")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("dbustest: start dbus-daemon: %v", err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	addr := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		addr <- strings.TrimSpace(line)
	}()
	select {
	case a := <-addr:
		if a == "" {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("dbustest: dbus-daemon printed no address: %s", stderr.String())
		}
		t.Setenv("DBUS_SESSION_BUS_ADDRESS", a)
		return a
	case <-time.After(30 * time.Second):
		t.Fatalf("dbustest: dbus-daemon printed no address within 30s")
		return ""
	}
}

const busConfig = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=%s</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`

func unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv(RequireEnv) == "1" {
		t.Fatalf("dbustest: "+format+" (%s=1 requires a session bus)", append(args, RequireEnv)...)
	}
	t.Skipf("dbustest: "+format, args...)
}
