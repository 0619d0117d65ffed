package desk_test

import (
	"flag"
	"os"
	"strings"
	"testing"

	"deskline/internal/desk"
)

var update = flag.Bool("update", false, "rewrite the README's permission matrix from the table")

const (
	matrixStart = "<!-- permission matrix: generated from internal/desk/perm.go; go test ./internal/desk -run TestREADMEPermissionMatrix -update rewrites it -->\n"
	matrixEnd   = "<!-- end of permission matrix -->"
)

// TestREADMEPermissionMatrix checks that the README shows the permission
// table as it is in Go.
func TestREADMEPermissionMatrix(t *testing.T) {
	const path = "../../README.md"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	i := strings.Index(readme, matrixStart)
	j := strings.Index(readme, matrixEnd)
	if i < 0 || j < i {
		t.Fatalf("the README has no permission matrix between %q and %q", matrixStart, matrixEnd)
	}
	got := readme[i+len(matrixStart) : j]
	want := desk.PermissionMatrix()
	if got == want {
		return
	}
	if *update {
		if err := os.WriteFile(path, []byte(readme[:i+len(matrixStart)]+want+readme[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatalf("the README's permission matrix differs from internal/desk/perm.go; run go test ./internal/desk -run TestREADMEPermissionMatrix -update\nREADME:\n%s\nGo:\n%s", got, want)
}

func TestPermissions(t *testing.T) {
	seen := map[desk.Action]bool{}
	for _, p := range desk.Permissions {
		if seen[p.Action] {
			t.Errorf("action %s has two rows", p.Action)
		}
		seen[p.Action] = true
		if !desk.Can(desk.RoleAdmin, p.Action) {
			t.Errorf("the admin may not %s", p.Action)
		}
	}
	if desk.Can(desk.RoleSales, desk.ActSeeAll) || !desk.Can(desk.RoleSupport, desk.ActSeeAll) {
		t.Error("sales users must see only their tickets, support users all")
	}
	if got := desk.Forbidden(desk.RoleSupport, desk.ActManageUsers).Message; got != "A support user may not do this (manage users and roles, reset PINs, set the idle lock)" {
		t.Errorf("refusal = %q", got)
	}
}
