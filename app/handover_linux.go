package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/godbus/dbus/v5"
)

// singleInstanceBus names the D-Bus service and object through which Wails'
// single-instance lock on Linux receives a second launch's message.
func singleInstanceBus(uniqueID string) (name string, path dbus.ObjectPath) {
	id := "wails_app_" + strings.NewReplacer("-", "_", ".", "_").Replace(uniqueID)
	return "org." + id + ".SingleInstance", dbus.ObjectPath("/org/" + id + "/SingleInstance")
}

// handOver sends msg to the running instance over the session bus.
func handOver(uniqueID, msg string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
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
	name, path := singleInstanceBus(uniqueID)
	if err := conn.Object(name, path).CallWithContext(ctx, name+".SendMessage", 0, msg).Err; err != nil {
		return fmt.Errorf("the running Deskline did not answer: %w", err)
	}
	return nil
}
