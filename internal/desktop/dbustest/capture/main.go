// Command capture serves the stand-in desktop notification service on the
// D-Bus session bus and writes each notification it is asked to show to
// standard output, one JSON object a line (appName, summary, body). The
// end-to-end tests start it to see the native notifications the app raises.
// It prints "ready" on standard error once it owns the name.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"deskline/internal/desktop/dbustest"
)

func main() {
	s, err := dbustest.Open()
	if err != nil {
		fmt.Fprintln(os.Stderr, "capture:", err)
		os.Exit(1)
	}
	defer s.Close()
	fmt.Fprintln(os.Stderr, "ready")
	enc := json.NewEncoder(os.Stdout)
	seen := 0
	for {
		changed := s.Changed()
		calls := s.Calls()
		for _, c := range calls[seen:] {
			if err := enc.Encode(map[string]string{"appName": c.AppName, "summary": c.Summary, "body": c.Body}); err != nil {
				os.Exit(1)
			}
		}
		seen = len(calls)
		<-changed
	}
}
