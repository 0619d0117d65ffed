package app

import (
	"errors"
	"fmt"
	"reflect"
	"sort"
	"testing"

	"deskline/internal/desk"
)

// TestMethodMatrix calls every exported method of every bound service, with
// zero arguments, signed out and as each role, and checks the answer against
// the permission table: signed out, every method but the open ones says
// "Sign in first"; a role the table refuses gets the table's refusal; a role
// it allows never does. A bound method with no row in methodActions fails.
func TestMethodMatrix(t *testing.T) {
	a, _ := mustApp(t)
	a.SetDataDir(t.TempDir())
	if _, err := a.Setup.Initialize("Acme", "Asha Admin", testPIN); err != nil {
		t.Fatal(err)
	}
	users := map[desk.Role]desk.User{}
	for _, r := range desk.AllRoles {
		u, err := a.Users.Save(desk.UserInput{Name: "User " + string(r), Role: string(r)})
		if err != nil {
			t.Fatal(err)
		}
		users[r] = u
	}
	signedOut := desk.ErrSignedOut().Message

	type method struct {
		name string
		fn   reflect.Value
	}
	var methods []method
	seen := map[string]bool{}
	for _, svc := range a.Bind() {
		v := reflect.ValueOf(svc)
		typ := v.Type()
		for i := 0; i < typ.NumMethod(); i++ {
			name := typ.Elem().Name() + "." + typ.Method(i).Name
			seen[name] = true
			methods = append(methods, method{name, v.Method(i)})
		}
	}
	sort.Slice(methods, func(i, j int) bool { return methods[i].name < methods[j].name })
	for name := range methodActions {
		if !seen[name] {
			t.Errorf("methodActions names %s, which is not a bound method", name)
		}
	}

	// call calls m with zero arguments and returns its error (a panic is a
	// failure of the method, reported as such).
	call := func(m method) (err error) {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("panic: %v", p)
			}
		}()
		in := make([]reflect.Value, m.fn.Type().NumIn())
		for i := range in {
			in[i] = reflect.Zero(m.fn.Type().In(i))
		}
		out := m.fn.Call(in)
		if e, ok := out[len(out)-1].Interface().(error); ok {
			return e
		}
		return nil
	}
	message := func(err error) string {
		var de *desk.Error
		if errors.As(err, &de) && de.Code == desk.EFORBIDDEN {
			return de.Message
		}
		return ""
	}

	checked := 0
	for _, m := range methods {
		act, ok := methodActions[m.name]
		if !ok {
			t.Errorf("%s is bound but has no row in methodActions: say which action of the permission table it needs, and check it", m.name)
			continue
		}
		// Signed out.
		if err := a.Session.SignOut(); err != nil {
			t.Fatal(err)
		}
		err := call(m)
		switch {
		case act == open && message(err) == signedOut:
			t.Errorf("%s, signed out: %v; it should answer without a sign-in", m.name, err)
		case act != open && message(err) != signedOut:
			t.Errorf("%s, signed out: got %v, want %q", m.name, err, signedOut)
		}
		if err != nil && err.Error() != "" && message(err) == "" && desk.ErrorCode(err) == desk.EINTERNAL {
			t.Logf("%s, signed out: %v", m.name, err)
		}
		checked++
		if act == open {
			continue
		}
		for _, r := range desk.AllRoles {
			if _, err := a.core.signIn(users[r]); err != nil {
				t.Fatal(err)
			}
			err := call(m)
			refusal := desk.Forbidden(r, act).Message
			got := message(err)
			if desk.Can(r, act) {
				if got == refusal || got == signedOut {
					t.Errorf("%s as %s: refused (%v), but the table allows it", m.name, r, err)
				}
			} else if got != refusal {
				t.Errorf("%s as %s: got %v, want the refusal %q", m.name, r, err, refusal)
			}
			checked++
		}
	}
	t.Logf("%d bound methods, %d calls checked (signed out and as %d roles)", len(methods), checked, len(desk.AllRoles))
}
