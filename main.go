// Command deskline is the Deskline desktop help desk.
//
//	deskline [--data-dir DIR]
//	deskline --version
//	deskline seed [--data-dir DIR] [--tickets N] [--contacts N] [--seed N]
//	deskline hub init|status|invite|revoke|users|restored --url URL …  (see hubcmd.go)
//
// The data folder defaults to Deskline under the user's data folder; the
// DESKLINE_DATA_DIR variable overrides it too.
package main

import (
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"

	"deskline/app"
	"deskline/internal/attach"
	"deskline/internal/desk"
	"deskline/internal/desktop"
	"deskline/internal/hub"
	"deskline/internal/notify"
	"deskline/internal/paths"
	"deskline/internal/seed"
	"deskline/internal/store"
)

//go:embed all:frontend/dist
var assets embed.FS

//go:embed build/appicon.png
var icon []byte

type config struct {
	dataDir     string
	showVersion bool
}

// parseFlags reads Deskline's flags. The dev build's own flags (-assetdir,
// -devserver, …) are accepted and left to Wails.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("deskline", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.dataDir, "data-dir", "", "folder that holds the database (default: Deskline in the user data folder; or set "+paths.EnvDataDir+")")
	fs.BoolVar(&c.showVersion, "version", false, "print the version and exit")
	for _, name := range []string{"assetdir", "devserver", "frontenddevserverurl", "loglevel"} {
		fs.String(name, "", "used by the development build")
	}
	return c, fs.Parse(args)
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "deskline:", err)
		os.Exit(1)
	}
}

func run() error {
	if len(os.Args) > 1 && os.Args[1] == "seed" {
		return runSeed(os.Args[2:])
	}
	if len(os.Args) > 1 && os.Args[1] == "hub" {
		return runHub(os.Args[2:], os.Stdout, os.Stderr)
	}
	cfg, err := parseFlags(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if cfg.showVersion {
		attachConsole()
		fmt.Println("Deskline", version())
		return nil
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))

	var a *app.App
	if generatingBindings {
		// `wails generate module` runs this binary only to read the bound
		// methods: no data folder is touched.
		a = app.New(nil, nil, log)
	} else {
		if runtime.GOOS == "linux" && os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
			return errors.New("no graphical display found (DISPLAY and WAYLAND_DISPLAY are empty).\n" +
				"Deskline is a desktop app: start it from a desktop session, or on a machine without a screen\n" +
				"give it a virtual one:  Xvfb :99 & DISPLAY=:99 deskline")
		}
		dir, err := paths.DataDir(cfg.dataDir)
		if err != nil {
			return err
		}
		// A second launch on the same folder brings the running window
		// forward and ends here.
		release, handedOver, err := app.ClaimFolder(dir, singleInstanceID(cfg.dataDir))
		if err != nil {
			return err
		}
		if handedOver {
			return nil
		}
		defer release()
		open := func() (*store.Store, error) { return store.Open(context.Background(), paths.DatabaseFile(dir)) }
		wire := func(st *store.Store) {
			blobs, err := attach.Open(filepath.Join(dir, "attachments"), attach.Limits{})
			if err != nil {
				log.Error("attachment folder unavailable", "err", err)
			} else {
				a.SetAttachments(blobs)
			}
			a.SetDeliverer(notify.New(st, desktopNotifier(log), desk.SystemClock{}, nil, log))
		}
		st, err := open()
		var problem *store.Problem
		switch {
		case errors.As(err, &problem):
			// A damaged database, or one from a newer Deskline: the window
			// says so and offers a backup; nothing writes to the file.
			log.Error("the database cannot be opened safely", "err", err)
			a = app.New(nil, nil, log)
			a.SetRecovery(problem, open, wire)
		case err != nil:
			return err
		default:
			a = app.New(st, nil, log)
			wire(st)
		}
		a.SetAbout(version(), dir)
		a.SetCredentials(hub.NewCredentialStore(dir))
		a.SetDataDir(dir)
		if d := devDialogs(); d != nil {
			a.SetDialogs(d)
		}
		if paths.Chosen(cfg.dataDir) {
			a.SetOwnDataDir(dir)
		}
		devSignIn(a)
	}

	return wails.Run(&options.App{
		Title:            "Deskline",
		Width:            1280,
		Height:           800,
		MinWidth:         1024,
		MinHeight:        680,
		AssetServer:      &assetserver.Options{Assets: assets, Handler: a.PreviewHandler()},
		DragAndDrop:      &options.DragAndDrop{EnableFileDrop: true},
		BackgroundColour: &options.RGBA{R: 248, G: 250, B: 252, A: 255},
		OnStartup:        a.Startup,
		OnShutdown:       a.Shutdown,
		Bind:             a.Bind(),
		ErrorFormatter:   a.FormatError,
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId:               singleInstanceID(cfg.dataDir),
			OnSecondInstanceLaunch: a.SecondInstance,
		},
		Linux: &linux.Options{Icon: icon, ProgramName: "Deskline"},
	})
}

// singleInstanceID names the single-instance lock after the data folder, so
// a second launch on the same folder focuses the first window while a test or
// portable copy on another folder runs beside it.
func singleInstanceID(flagValue string) string {
	dir, err := paths.DataDir(flagValue)
	if err != nil {
		dir = "default"
	}
	var h uint32 = 2166136261
	for i := 0; i < len(dir); i++ {
		h = (h ^ uint32(dir[i])) * 16777619
	}
	return fmt.Sprintf("app.deskline.%08x", h)
}

// runSeed fills a data folder with demo data.
func runSeed(args []string) error {
	fs := flag.NewFlagSet("deskline seed", flag.ContinueOnError)
	dataDir := fs.String("data-dir", "", "folder that holds the database")
	o := seed.Options{Progress: os.Stderr, Clock: &desk.ManualClock{}}
	fs.IntVar(&o.Tickets, "tickets", 200, "how many tickets to create")
	fs.IntVar(&o.Contacts, "contacts", 0, "how many customers and leads (default: half the tickets; a fifth from 5,000 tickets)")
	fs.Uint64Var(&o.Seed, "seed", 1, "random seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	dir, err := paths.DataDir(*dataDir)
	if err != nil {
		return err
	}
	release, err := paths.Lock(dir)
	if err != nil {
		return err
	}
	defer release()
	st, err := store.Open(context.Background(), paths.DatabaseFile(dir), store.WithClock(o.Clock))
	if err != nil {
		return err
	}
	defer st.Close()
	if o.Tickets >= seed.BulkThreshold {
		// A few small real files for the bulk seed's attachment rows.
		blobs, err := attach.Open(filepath.Join(dir, "attachments"), attach.Limits{})
		if err != nil {
			return err
		}
		for i, body := range []string{"Statement request form\n", "Signed ID copy (placeholder)\n", "Branch receipt 0042\n"} {
			b, err := blobs.Put(context.Background(), strings.NewReader(body), fmt.Sprintf("document-%d.txt", i+1))
			if err != nil {
				return err
			}
			o.Files = append(o.Files, desk.StoredFile{Hash: b.Hash, Name: b.Name, Size: b.Size, MIME: b.MIME})
		}
	}
	return seed.Run(context.Background(), st, o)
}

// desktopNotifier returns the native notifier, its icon written to the user's
// cache folder, or nil (notifications then stay in the app) if that fails.
func desktopNotifier(log *slog.Logger) notify.Notifier {
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	n, err := desktop.New("Deskline", icon, filepath.Join(cache, "Deskline"))
	if err != nil {
		log.Warn("desktop notifications are off", "err", err)
		return nil
	}
	return n
}
