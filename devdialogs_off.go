//go:build !dev

package main

import "deskline/app"

// devDialogs is nil outside the dev build: the system's dialogs ask.
func devDialogs() app.Dialogs { return nil }
