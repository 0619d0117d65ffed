// Command winres writes Deskline's Windows resources — the icon, the
// application manifest and the version information, the version read from
// the VERSION file — as a COFF object (.syso) that `go build` links into
// Deskline.exe, and the same icon as an .ico file for the installer.
//
//	go run ./cmd/winres -syso OUT.syso [-ico OUT.ico] [-version-file VERSION] [-icon build/appicon.png]
//
// scripts/release.sh runs it and hands the object to `go build -overlay`, so
// nothing generated lands in the source tree.
package main

import (
	"flag"
	"fmt"
	"image"
	_ "image/png"
	"os"
	"strings"

	"github.com/tc-hib/winres"
	"github.com/tc-hib/winres/version"
)

// appIconID is the icon resource the Wails window and its dialogs load
// (winc.AppIconID in Wails v2): the task bar and title bar icon.
const appIconID = winres.ID(3)

// iconSizes are the sizes Windows picks from: Explorer's large views (256),
// the task bar and Start menu (48, 32), title bars and lists (16).
var iconSizes = []int{256, 128, 64, 48, 32, 24, 16}

func main() {
	syso := flag.String("syso", "", "where to write the resource object (required)")
	ico := flag.String("ico", "", "where to write the icon as an .ico file (optional)")
	versionFile := flag.String("version-file", "VERSION", "file holding the release version")
	iconFile := flag.String("icon", "build/appicon.png", "square PNG to make the icon from")
	flag.Parse()
	if *syso == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*syso, *ico, *versionFile, *iconFile); err != nil {
		fmt.Fprintln(os.Stderr, "winres:", err)
		os.Exit(1)
	}
}

func run(sysoPath, icoPath, versionFile, iconFile string) error {
	v, err := os.ReadFile(versionFile)
	if err != nil {
		return err
	}
	f, err := os.Open(iconFile)
	if err != nil {
		return err
	}
	img, _, err := image.Decode(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("decode %s: %w", iconFile, err)
	}
	rs, icon, err := resources(strings.TrimSpace(string(v)), img)
	if err != nil {
		return err
	}
	if err := writeFile(sysoPath, func(w *os.File) error { return rs.WriteObject(w, winres.ArchAMD64) }); err != nil {
		return err
	}
	if icoPath != "" {
		return writeFile(icoPath, func(w *os.File) error { return icon.SaveICO(w) })
	}
	return nil
}

// resources builds the resource set of Deskline.exe for release v
// (MAJOR.MINOR.PATCH).
func resources(v string, img image.Image) (*winres.ResourceSet, *winres.Icon, error) {
	if n := strings.Count(v, "."); n != 2 || strings.ContainsAny(v, " -+") {
		return nil, nil, fmt.Errorf("version %q is not MAJOR.MINOR.PATCH", v)
	}
	icon, err := winres.NewIconFromResizedImage(img, iconSizes)
	if err != nil {
		return nil, nil, err
	}
	rs := &winres.ResourceSet{}
	if err := rs.SetIcon(appIconID, icon); err != nil {
		return nil, nil, err
	}
	rs.SetManifest(winres.AppManifest{
		Identity:            winres.AssemblyIdentity{Name: "Deskline"},
		Description:         "Deskline",
		Compatibility:       winres.Win10AndAbove,
		ExecutionLevel:      winres.AsInvoker,
		DPIAwareness:        winres.DPIPerMonitorV2,
		UseCommonControlsV6: true,
	})
	var vi version.Info
	for key, value := range map[string]string{
		version.ProductName:      "Deskline",
		version.FileDescription:  "Deskline",
		version.CompanyName:      "Deskline",
		version.InternalName:     "deskline",
		version.OriginalFilename: "Deskline.exe",
		version.Comments:         "The help desk support staff like to use",
	} {
		if err := vi.Set(version.LangDefault, key, value); err != nil {
			return nil, nil, err
		}
	}
	// After the strings, so the version strings land in their language too.
	vi.SetFileVersion(v)
	vi.SetProductVersion(v)
	rs.SetVersionInfo(vi)
	return rs, icon, nil
}

func writeFile(path string, write func(*os.File) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
