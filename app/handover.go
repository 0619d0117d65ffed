package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/wailsapp/wails/v2/pkg/options"

	"deskline/internal/paths"
)

// ClaimFolder takes the data folder's lock for this process. When another
// Deskline already holds it, that one is asked to bring its window forward
// (the message a second launch sends through Wails' single-instance lock,
// which calls its SecondInstance hook) and handedOver is true: this process
// has nothing more to do. uniqueID is the SingleInstanceLock's UniqueId.
func ClaimFolder(dir, uniqueID string) (release func(), handedOver bool, err error) {
	release, err = paths.Lock(dir)
	if !errors.Is(err, paths.ErrLocked) {
		return release, false, err
	}
	msg, merr := secondInstanceMessage()
	if merr == nil {
		merr = handOver(uniqueID, msg)
	}
	if merr != nil {
		return nil, false, fmt.Errorf("%w (%s), and its window could not be brought forward (%v); switch to it", err, dir, merr)
	}
	return nil, true, nil
}

// secondInstanceMessage is what a second launch tells the running one: its
// arguments and working folder, as Wails' SecondInstanceData in JSON.
func secondInstanceMessage() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(options.SecondInstanceData{Args: os.Args[1:], WorkingDirectory: wd})
	return string(b), err
}
