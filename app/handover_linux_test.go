package app

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/wailsapp/wails/v2/pkg/options"
)

const envHandOver = "DESKLINE_TEST_HANDOVER" // "dir|uniqueID" for the helper

// receiver stands in for the running window's single-instance lock: the
// D-Bus object Wails exports on Linux, handing each message on.
type receiver chan options.SecondInstanceData

func (r receiver) SendMessage(msg string) *dbus.Error {
	var d options.SecondInstanceData
	if err := json.Unmarshal([]byte(msg), &d); err != nil {
		return dbus.MakeFailedError(err)
	}
	r <- d
	return nil
}

// A second launch on a data folder in use hands over to the running Deskline
// (whose second-instance hook brings its window forward) and exits 0; with
// no running window to answer, it says the folder is in use.
func TestSecondLaunchHandsOver(t *testing.T) {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Skip("no D-Bus session bus (make test runs go test under dbus-run-session)")
	}
	dir := filepath.Join(t.TempDir(), "data")
	id := "app.deskline.test" + strings.ReplaceAll(filepath.Base(t.TempDir()), "-", "")
	release, handed, err := ClaimFolder(dir, id)
	if err != nil || handed {
		t.Fatalf("first launch: handed over %v, %v", handed, err)
	}
	defer release()

	second := func() (int, string) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSecondLaunchHelper$", "--", "--data-dir", dir)
		cmd.Env = append(os.Environ(), envHandOver+"="+dir+"|"+id)
		out, _ := cmd.CombinedOutput()
		return cmd.ProcessState.ExitCode(), string(out)
	}

	t.Run("NoWindowAnswers", func(t *testing.T) {
		code, out := second()
		if code == 0 || !strings.Contains(out, "already running") {
			t.Fatalf("exit %d, output %q; want a failure saying Deskline is already running", code, out)
		}
	})

	t.Run("WindowBroughtForward", func(t *testing.T) {
		conn, err := dbus.ConnectSessionBus()
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		got := make(receiver, 1)
		name, path := singleInstanceBus(id)
		if err := conn.Export(got, path, name); err != nil {
			t.Fatal(err)
		}
		if reply, err := conn.RequestName(name, dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
			t.Fatalf("own %s: %v %v", name, reply, err)
		}
		a, _ := mustApp(t)
		code, out := second()
		if code != 0 {
			t.Fatalf("second launch exit %d: %s", code, out)
		}
		select {
		case d := <-got:
			a.SecondInstance(d) // what Wails calls with it
			if !strings.Contains(strings.Join(d.Args, " "), "--data-dir "+dir) || d.WorkingDirectory == "" {
				t.Fatalf("second instance data = %+v", d)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the running instance heard nothing")
		}
	})
}

// TestSecondLaunchHelper is the second launch of TestSecondLaunchHandsOver:
// what main does with the data folder, then exit 0 when handed over.
func TestSecondLaunchHelper(t *testing.T) {
	v := os.Getenv(envHandOver)
	if v == "" {
		t.Skip("helper process for TestSecondLaunchHandsOver")
	}
	dir, id, _ := strings.Cut(v, "|")
	release, handed, err := ClaimFolder(dir, id)
	switch {
	case err != nil:
		os.Stderr.WriteString(err.Error() + "\n")
		os.Exit(3)
	case handed:
		os.Exit(0)
	}
	release()
	os.Stderr.WriteString("the folder was free\n")
	os.Exit(4)
}
