package dbustest_test

import (
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"deskline/internal/desktop/dbustest"
)

// TestServer talks to the stand-in service as a notification client would,
// over a bus of its own.
func TestServer(t *testing.T) {
	dbustest.StartBus(t)
	srv := dbustest.Start(t)
	conn, err := dbus.SessionBusPrivateNoAutoStartup()
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.Auth(nil); err != nil {
		t.Fatal(err)
	}
	if err := conn.Hello(); err != nil {
		t.Fatal(err)
	}
	obj := conn.Object(dbustest.Name, dbustest.Path)
	const iface = dbustest.Name + "."

	t.Run("Notify", func(t *testing.T) {
		hints := map[string]dbus.Variant{"urgency": dbus.MakeVariant(byte(2))}
		var id uint32
		err := obj.Call(iface+"Notify", 0, "Deskline", uint32(0), "/icon.png", "#1 Title", "Body", []string{"default", "Open"}, hints, int32(-1)).Store(&id)
		if err != nil {
			t.Fatal(err)
		}
		var again uint32
		if err := obj.Call(iface+"Notify", 0, "Deskline", id, "", "#1 Title", "Edited", []string{}, map[string]dbus.Variant{}, int32(0)).Store(&again); err != nil {
			t.Fatal(err)
		}
		if id == 0 || again != id {
			t.Errorf("ids = %d then %d (replacing it), want a non-zero id twice", id, again)
		}
		calls := srv.Wait(t, 2, 10*time.Second)
		c := calls[0]
		if c.AppName != "Deskline" || c.AppIcon != "/icon.png" || c.Summary != "#1 Title" || c.Body != "Body" ||
			!slices.Equal(c.Actions, []string{"default", "Open"}) || c.Hints["urgency"].Value() != byte(2) || c.ExpireTimeout != -1 || c.ID != id {
			t.Errorf("recorded %+v", c)
		}
		if calls[1].ReplacesID != id || calls[1].Body != "Edited" {
			t.Errorf("recorded %+v", calls[1])
		}
		if got := srv.Calls(); len(got) != 2 {
			t.Errorf("Calls() = %d calls, want 2", len(got))
		}
	})

	t.Run("GetCapabilities", func(t *testing.T) {
		var caps []string
		if err := obj.Call(iface+"GetCapabilities", 0).Store(&caps); err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(caps, "body") {
			t.Errorf("capabilities = %q", caps)
		}
	})

	t.Run("GetServerInformation", func(t *testing.T) {
		var name, vendor, version, spec string
		if err := obj.Call(iface+"GetServerInformation", 0).Store(&name, &vendor, &version, &spec); err != nil {
			t.Fatal(err)
		}
		if name == "" || spec != "1.2" {
			t.Errorf("server information = %q %q %q %q", name, vendor, version, spec)
		}
	})

	t.Run("CloseNotification", func(t *testing.T) {
		signals := make(chan *dbus.Signal, 4)
		conn.Signal(signals)
		if err := conn.AddMatchSignal(dbus.WithMatchInterface(dbustest.Name)); err != nil {
			t.Fatal(err)
		}
		if err := obj.Call(iface+"CloseNotification", 0, uint32(7)).Err; err != nil {
			t.Fatal(err)
		}
		select {
		case s := <-signals:
			if s.Name != iface+"NotificationClosed" || !slices.Equal(s.Body, []any{uint32(7), uint32(3)}) {
				t.Errorf("signal %s %v", s.Name, s.Body)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("no NotificationClosed signal")
		}
	})

	t.Run("Introspect", func(t *testing.T) {
		var xml string
		if err := obj.Call("org.freedesktop.DBus.Introspectable.Introspect", 0).Store(&xml); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(xml, `<method name="Notify">`) {
			t.Errorf("introspection data lacks Notify:\n%s", xml)
		}
	})

	t.Run("Block", func(t *testing.T) {
		release := srv.Block()
		call := obj.Go(iface+"Notify", 0, make(chan *dbus.Call, 1), "Deskline", uint32(0), "", "held", "", []string{}, map[string]dbus.Variant{}, int32(0))
		srv.Wait(t, 3, 10*time.Second)
		select {
		case <-call.Done:
			t.Fatal("a blocked service answered")
		default:
		}
		release()
		<-call.Done
		if call.Err != nil {
			t.Fatal(call.Err)
		}
	})
}

// TestStartTaken checks that Start does not steal the name from a service
// that keeps it.
func TestStartTaken(t *testing.T) {
	dbustest.StartBus(t)
	dbustest.Start(t)
	t.Setenv(dbustest.RequireEnv, "")
	defer func(w time.Duration) { dbustest.OwnerWait = w }(dbustest.OwnerWait)
	dbustest.OwnerWait = 300 * time.Millisecond
	ok := t.Run("second", func(t *testing.T) {
		dbustest.Start(t)
		t.Error("a second Start took the name")
	})
	if !ok {
		t.Error("second Start did not skip")
	}
}

// TestStartWaitsForTheName checks that Start takes the name once another
// test (of a package running alongside) lets it go.
func TestStartWaitsForTheName(t *testing.T) {
	dbustest.StartBus(t)
	held := make(chan struct{})
	var letGo atomic.Bool
	done := make(chan struct{})
	defer func() { <-done }()
	go func() {
		defer close(done)
		// A test of its own, so its cleanup lets the name go.
		t.Run("first", func(t *testing.T) {
			dbustest.Start(t)
			t.Cleanup(func() { letGo.Store(true) }) // runs just before the name is let go
			close(held)
			time.Sleep(500 * time.Millisecond)
		})
	}()
	<-held
	dbustest.Start(t) // fails (RequireEnv) or skips if it gives up
	if !letGo.Load() {
		t.Error("Start returned while the first owner still held the name")
	}
}
