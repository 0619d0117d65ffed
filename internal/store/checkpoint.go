package store

import (
	"database/sql"
	"fmt"
	"sync"
	"time"
)

// In WAL mode every commit appends to the write-ahead log, and the pages
// logged are copied into the database file by a checkpoint. Left to SQLite,
// the commit that takes the log past its limit runs that checkpoint itself,
// and on a desk of a million tickets that one change takes three or four
// times as long as the others. So the writer's own limit is set high
// (walAutoCheckpoint pages, a backstop for long loads) and a checkpointer
// copies the log on its own connection shortly after changes, while the
// next change goes on.

// walAutoCheckpoint is the log size in pages (of 4 KiB) at which a commit
// checkpoints inline: only a bulk load reaches it.
const walAutoCheckpoint = 10000

// checkpointPause gathers a burst of changes into one checkpoint.
const checkpointPause = 100 * time.Millisecond

type checkpointer struct {
	db   *sql.DB
	kick chan struct{}
	stop chan struct{}
	done chan struct{}
	once sync.Once
}

func startCheckpointer(path string) (*checkpointer, error) {
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	c := &checkpointer{db: db, kick: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go c.run()
	return c, nil
}

func (c *checkpointer) run() {
	defer close(c.done)
	for {
		select {
		case <-c.stop:
			return
		case <-c.kick:
		}
		select {
		case <-c.stop:
			return
		case <-time.After(checkpointPause):
		}
		// PASSIVE copies what it can without waiting for readers or the
		// writer; what it could not copy goes at the next change.
		c.db.Exec("PRAGMA wal_checkpoint(PASSIVE)")
	}
}

// changed says a transaction was committed.
func (c *checkpointer) changed() {
	if c == nil {
		return
	}
	select {
	case c.kick <- struct{}{}:
	default: // one is already due
	}
}

func (c *checkpointer) close() error {
	if c == nil {
		return nil
	}
	c.once.Do(func() { close(c.stop) })
	<-c.done
	return c.db.Close()
}
