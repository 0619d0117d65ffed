//go:build linux || freebsd || netbsd || openbsd || illumos

package desktop

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/godbus/dbus/v5"
)

// The well-known name of the desktop notification service.
const serviceName = "org.freedesktop.Notifications"

// errNoService is the cause of ErrUnavailable when the session bus is there
// but no notification service is.
var errNoService = errors.New("nothing owns or can start " + serviceName + " on the D-Bus session bus")

// probe asks the session bus whether a notification service is running or can
// be started on demand. It never launches a bus: with no address in
// DBUS_SESSION_BUS_ADDRESS and no /run/user/UID/bus socket it fails, where
// godbus's shared connection (the one beeep uses) would run dbus-launch.
func probe(ctx context.Context) error {
	conn, err := dbus.SessionBusPrivateNoAutoStartup(dbus.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("no D-Bus session bus: %w", err)
	}
	defer conn.Close()
	if err := conn.Auth(nil); err != nil {
		return fmt.Errorf("D-Bus session bus: %w", err)
	}
	if err := conn.Hello(); err != nil {
		return fmt.Errorf("D-Bus session bus: %w", err)
	}
	bus := conn.BusObject()
	var owned bool
	if err := bus.CallWithContext(ctx, "org.freedesktop.DBus.NameHasOwner", 0, serviceName).Store(&owned); err != nil {
		return fmt.Errorf("D-Bus session bus: %w", err)
	}
	if owned {
		return nil
	}
	// Some desktops (dunst, mako, xfce4-notifyd) start the service on the
	// first notification.
	var names []string
	if err := bus.CallWithContext(ctx, "org.freedesktop.DBus.ListActivatableNames", 0).Store(&names); err != nil {
		return fmt.Errorf("D-Bus session bus: %w", err)
	}
	if slices.Contains(names, serviceName) {
		return nil
	}
	return errNoService
}

// serviceGone reports whether err, from beeep, says the notification service
// is not there (it left after the probe, or failed to start).
func serviceGone(err error) bool {
	if errors.Is(err, dbus.ErrClosed) {
		return true
	}
	var name string
	var e dbus.Error
	var pe *dbus.Error
	switch {
	case errors.As(err, &e):
		name = e.Name
	case errors.As(err, &pe):
		name = pe.Name
	default:
		return false
	}
	switch name {
	case "org.freedesktop.DBus.Error.ServiceUnknown",
		"org.freedesktop.DBus.Error.NameHasNoOwner",
		"org.freedesktop.DBus.Error.NoReply",
		"org.freedesktop.DBus.Error.TimedOut",
		"org.freedesktop.DBus.Error.Disconnected":
		return true
	}
	return strings.HasPrefix(name, "org.freedesktop.DBus.Error.Spawn.")
}
