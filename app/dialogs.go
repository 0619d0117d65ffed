package app

import (
	"context"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"deskline/internal/desk"
)

// Dialogs asks the user for a file through the system's dialogs. The Wails
// runtime needs its own context, so it sits behind this interface and tests
// use a fake. An empty path means the user cancelled.
type Dialogs interface {
	SaveFile(title, defaultName, filter string) (string, error)
	OpenFile(title, filter string) (string, error)
}

// SetDialogs replaces the system's file dialogs (the dev build's
// unattended ones, for the end-to-end tests).
func (a *App) SetDialogs(d Dialogs) { a.dialogs = d }

// runtimeDialogs opens the system's dialogs over the app's window.
type runtimeDialogs struct{ a *App }

func (d runtimeDialogs) ctx() (context.Context, error) {
	if d.a.ctx == nil {
		return nil, desk.Errorf(desk.EUNAVAILABLE, "no window to open a dialog in")
	}
	return d.a.ctx, nil
}

func filters(filter string) []runtime.FileFilter {
	if filter == "" {
		return nil
	}
	return []runtime.FileFilter{{DisplayName: filter, Pattern: patternOf(filter)}}
}

// patternOf takes "Deskline backup (*.zip)" to "*.zip".
func patternOf(filter string) string {
	for i := len(filter) - 1; i >= 0; i-- {
		if filter[i] == '(' {
			return filter[i+1 : len(filter)-1]
		}
	}
	return "*"
}

func (d runtimeDialogs) SaveFile(title, defaultName, filter string) (string, error) {
	ctx, err := d.ctx()
	if err != nil {
		return "", err
	}
	return runtime.SaveFileDialog(ctx, runtime.SaveDialogOptions{Title: title, DefaultFilename: defaultName,
		Filters: filters(filter), CanCreateDirectories: true})
}

func (d runtimeDialogs) OpenFile(title, filter string) (string, error) {
	ctx, err := d.ctx()
	if err != nil {
		return "", err
	}
	return runtime.OpenFileDialog(ctx, runtime.OpenDialogOptions{Title: title, Filters: filters(filter)})
}
