//go:build !dev

package main

import "deskline/app"

// devSignIn does nothing in the release build: everyone signs in with their
// PIN (see devsignin_dev.go for the development build).
func devSignIn(*app.App) {}
