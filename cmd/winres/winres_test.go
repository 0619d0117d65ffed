package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/tc-hib/winres"
)

// root is the module root, seen from this package's folder.
const root = "../.."

// sysoFile is the committed resource object that `go build` links into
// Deskline.exe when GOOS=windows GOARCH=amd64.
const sysoFile = root + "/rsrc_windows_amd64.syso"

func releaseVersion(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "VERSION"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

// TestSysoIsCurrent: the committed resource object is what VERSION and the
// icon make now (after changing either, run `make generate`).
func TestSysoIsCurrent(t *testing.T) {
	f, err := os.Open(filepath.Join(root, "build/appicon.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	rs, _, err := resources(releaseVersion(t), img)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := rs.WriteObject(&want, winres.ArchAMD64); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(sysoFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("%s is out of date: run 'make generate' and commit it", sysoFile)
	}
}

// TestWindowsExeVersionResource cross-compiles Deskline.exe the way
// scripts/release.sh does (or, with DESKLINE_EXE set, reads the one it built)
// and checks it is an x86-64 Windows GUI program carrying the app icon, a
// manifest and the release version.
func TestWindowsExeVersionResource(t *testing.T) {
	exe := os.Getenv("DESKLINE_EXE")
	if exe == "" {
		if _, err := os.Stat(filepath.Join(root, "frontend/dist/index.html")); err != nil {
			t.Fatal("frontend/dist is missing: build the frontend first (cd frontend && npm run build)")
		}
		exe = filepath.Join(t.TempDir(), "Deskline.exe")
		cmd := exec.Command("go", "build", "-tags", "desktop,production", "-trimpath",
			"-ldflags", "-s -w -H windowsgui", "-o", exe, ".")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build for windows/amd64: %v\n%s", err, out)
		}
	}

	f, err := pe.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		t.Errorf("machine = %#x, want x86-64", f.Machine)
	}
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		t.Fatalf("optional header is %T, want PE32+", f.OptionalHeader)
	}
	if oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		t.Errorf("subsystem = %d, want Windows GUI (no console window)", oh.Subsystem)
	}

	res := readResources(t, f)
	if _, ok := res[resKey{14, 3}]; !ok { // RT_GROUP_ICON, the id Wails loads for its windows
		t.Error("no icon group 3: the window and task bar would show a blank icon")
	}
	if _, ok := res[resKey{24, 1}]; !ok { // RT_MANIFEST
		t.Error("no application manifest")
	}
	checkVersionInfo(t, res, map[string]string{
		"ProductName": "Deskline", "FileDescription": "Deskline", "OriginalFilename": "Deskline.exe",
	})
}

// TestWindowsInstallerVersion reads the version resource of the installer
// scripts/release.sh built, named by DESKLINE_SETUP (scripts/release-check.sh
// sets it); without it there is nothing to read.
func TestWindowsInstallerVersion(t *testing.T) {
	setup := os.Getenv("DESKLINE_SETUP")
	if setup == "" {
		t.Skip("DESKLINE_SETUP is not set (scripts/release-check.sh sets it)")
	}
	f, err := pe.Open(setup)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	checkVersionInfo(t, readResources(t, f), map[string]string{
		"ProductName": "Deskline", "FileDescription": "Deskline " + releaseVersion(t) + " Setup",
	})
}

// checkVersionInfo checks the VS_VERSION_INFO resource: the fixed file
// version and the FileVersion and ProductVersion strings are VERSION's, and
// the other strings are as given.
func checkVersionInfo(t *testing.T, res map[resKey][]byte, strs map[string]string) {
	t.Helper()
	data, ok := res[resKey{16, 1}] // RT_VERSION
	if !ok {
		t.Fatal("no version resource")
	}
	info, _, err := parseVersionNode(data)
	if err != nil {
		t.Fatal(err)
	}
	if info.key != "VS_VERSION_INFO" {
		t.Fatalf("version resource key = %q", info.key)
	}
	v := releaseVersion(t)
	var major, minor, patch uint32
	if _, err := fmt.Sscanf(v, "%d.%d.%d", &major, &minor, &patch); err != nil {
		t.Fatal(err)
	}
	if len(info.value) < 52 || binary.LittleEndian.Uint32(info.value) != 0xFEEF04BD {
		t.Fatal("VS_FIXEDFILEINFO missing or without its signature")
	}
	ms, ls := binary.LittleEndian.Uint32(info.value[8:]), binary.LittleEndian.Uint32(info.value[12:])
	if ms != major<<16|minor || ls != patch<<16 {
		t.Errorf("fixed file version = %d.%d.%d.%d, want %s.0", ms>>16, ms&0xffff, ls>>16, ls&0xffff, v)
	}
	got := versionStrings(info)
	want := map[string]string{"ProductVersion": v, "FileVersion": v}
	for k, s := range strs {
		want[k] = s
	}
	for key, w := range want {
		if got[key] != w {
			t.Errorf("version string %s = %q, want %q", key, got[key], w)
		}
	}
}

type resKey struct{ typ, id uint32 }

// readResources walks the three levels (type, id, language) of the
// resource directory in .rsrc and returns the data of each numbered resource
// (the first language of each).
func readResources(t *testing.T, f *pe.File) map[resKey][]byte {
	t.Helper()
	sec := f.Section(".rsrc")
	if sec == nil {
		t.Fatal("no .rsrc section")
	}
	raw, err := sec.Data()
	if err != nil {
		t.Fatal(err)
	}
	u16 := func(off uint32) uint32 { return uint32(binary.LittleEndian.Uint16(raw[off:])) }
	u32 := func(off uint32) uint32 { return binary.LittleEndian.Uint32(raw[off:]) }
	// entries lists a directory's entries: name or id, and the offset of a
	// subdirectory (high bit set) or of a data entry.
	entries := func(dir uint32) [][2]uint32 {
		n := u16(dir+12) + u16(dir+14)
		var out [][2]uint32
		for i := uint32(0); i < n; i++ {
			e := dir + 16 + 8*i
			out = append(out, [2]uint32{u32(e), u32(e + 4)})
		}
		return out
	}
	const subdir = 0x80000000
	res := map[resKey][]byte{}
	for _, typ := range entries(0) {
		if typ[0]&subdir != 0 || typ[1]&subdir == 0 {
			continue // named types: not ours
		}
		for _, id := range entries(typ[1] &^ subdir) {
			if id[0]&subdir != 0 || id[1]&subdir == 0 {
				continue
			}
			langs := entries(id[1] &^ subdir)
			if len(langs) == 0 || langs[0][1]&subdir != 0 {
				continue
			}
			d := langs[0][1]
			rva, size := u32(d), u32(d+4)
			start := rva - sec.VirtualAddress
			if uint64(start)+uint64(size) > uint64(len(raw)) {
				t.Fatalf("resource %d/%d lies outside .rsrc", typ[0], id[0])
			}
			res[resKey{typ[0], id[0]}] = raw[start : start+size]
		}
	}
	return res
}

// versionNode is one block of a VS_VERSION_INFO tree.
type versionNode struct {
	key      string
	value    []byte // binary value, or UTF-16 text for text nodes
	text     bool
	children []versionNode
}

func align4(n int) int { return (n + 3) &^ 3 }

// parseVersionNode reads one block (wLength, wValueLength, wType, szKey,
// padding, Value, padding, Children) and returns it with its length.
func parseVersionNode(b []byte) (versionNode, int, error) {
	if len(b) < 6 {
		return versionNode{}, 0, fmt.Errorf("version block of %d bytes", len(b))
	}
	length := int(binary.LittleEndian.Uint16(b))
	valueLen := int(binary.LittleEndian.Uint16(b[2:]))
	n := versionNode{text: binary.LittleEndian.Uint16(b[4:]) == 1}
	if length > len(b) || length < 6 {
		return n, 0, fmt.Errorf("version block length %d of %d bytes", length, len(b))
	}
	b = b[:length]
	pos := 6
	var key []uint16
	for ; pos+1 < length; pos += 2 {
		c := binary.LittleEndian.Uint16(b[pos:])
		if c == 0 {
			break
		}
		key = append(key, c)
	}
	n.key = string(utf16.Decode(key))
	pos = align4(pos + 2)
	size := valueLen
	if n.text {
		size *= 2
	}
	if pos+size > length {
		return n, 0, fmt.Errorf("value of %q runs past its block", n.key)
	}
	n.value = b[pos : pos+size]
	pos = align4(pos + size)
	for pos < length {
		child, l, err := parseVersionNode(b[pos:])
		if err != nil {
			return n, 0, err
		}
		n.children = append(n.children, child)
		pos = align4(pos + l)
	}
	return n, length, nil
}

// versionStrings collects the strings of every string table.
func versionStrings(info versionNode) map[string]string {
	out := map[string]string{}
	for _, sfi := range info.children {
		if sfi.key != "StringFileInfo" {
			continue
		}
		for _, table := range sfi.children {
			for _, s := range table.children {
				u := make([]uint16, len(s.value)/2)
				for i := range u {
					u[i] = binary.LittleEndian.Uint16(s.value[2*i:])
				}
				out[s.key] = strings.TrimRight(string(utf16.Decode(u)), "\x00")
			}
		}
	}
	return out
}
