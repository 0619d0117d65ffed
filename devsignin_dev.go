//go:build dev

package main

import (
	"os"

	"deskline/app"
)

// devSignIn lets the end-to-end tests drive the development build without
// typing a PIN at every start: with DESKLINE_E2E_PIN set, the welcome form's
// empty PIN is that PIN and the user last signed in is signed in at start.
// The release build has no such thing (devsignin_release.go).
func devSignIn(a *app.App) {
	if pin := os.Getenv("DESKLINE_E2E_PIN"); pin != "" {
		a.DevSignIn(pin)
	}
}
