package secret_test

import (
	"errors"
	"strings"
	"testing"

	"deskline/internal/secret"
)

func TestHashVerify(t *testing.T) {
	h, err := secret.Hash("4821")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(h, "4821") {
		t.Fatalf("the hash shows the PIN: %s", h)
	}
	t.Run("OK", func(t *testing.T) {
		ok, err := secret.Verify(h, "4821")
		if err != nil || !ok {
			t.Fatalf("Verify(right PIN) = %v, %v", ok, err)
		}
	})
	t.Run("Wrong", func(t *testing.T) {
		for _, wrong := range []string{"4822", "", "48210", " 4821"} {
			if ok, err := secret.Verify(h, wrong); err != nil || ok {
				t.Errorf("Verify(%q) = %v, %v; want false", wrong, ok, err)
			}
		}
	})
	t.Run("Salted", func(t *testing.T) {
		h2, err := secret.Hash("4821")
		if err != nil {
			t.Fatal(err)
		}
		if h2 == h {
			t.Fatal("two hashes of one PIN are equal: no salt")
		}
	})
	t.Run("Parameters", func(t *testing.T) {
		if !strings.HasPrefix(h, "argon2id$v=19$m=47104,t=1,p=1$") {
			t.Fatalf("hash %q does not carry its parameters", h)
		}
	})
	t.Run("ErrMalformed", func(t *testing.T) {
		parts := strings.Split(h, "$")
		for _, bad := range []string{"", "bcrypt$x", strings.Replace(h, "m=47104", "m=99999999", 1), strings.Join(parts[:4], "$"), strings.Replace(h, parts[3], "!!", 1)} {
			if _, err := secret.Verify(bad, "4821"); !errors.Is(err, secret.ErrMalformed) {
				t.Errorf("Verify(%q) err = %v, want ErrMalformed", bad, err)
			}
		}
	})
}

// BenchmarkVerify measures one sign-in check (what a person waits for after
// typing their PIN).
func BenchmarkVerify(b *testing.B) {
	h, err := secret.Hash("4821")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if ok, _ := secret.Verify(h, "4821"); !ok {
			b.Fatal("no match")
		}
	}
}
