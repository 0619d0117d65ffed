// Package app is the Wails shell: the services bound to the frontend, the
// lifecycle hooks, the event emitter and the error formatter. It is the only
// package that imports the Wails runtime.
package app

import (
	"context"
	"errors"
	"log/slog"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"deskline/internal/desk"
	"deskline/internal/notify"
	"deskline/internal/store"
)

// EventChanged tells the frontend that shared data changed.
const EventChanged = "deskline:changed"

// Topics of EventChanged.
const (
	TopicTickets  = "tickets"
	TopicContacts = "contacts"
	TopicCatalog  = "catalog"
	TopicUsers    = "users"
	TopicSession  = "session"
	TopicNotices  = "notifications"
	TopicInbox    = "inbox"
)

// Change is the payload of EventChanged.
type Change struct {
	Topics    []string `json:"topics"`
	TicketIDs []string `json:"ticketIds"`
}

// Emitter sends events to the frontend. The Wails runtime aborts the process
// when called without its own context, so it sits behind this interface and
// tests use a fake.
type Emitter interface {
	Emit(name string, data any)
}

// runtimeEmitter emits through the Wails runtime once the app has started;
// before that, events are dropped (no window is listening yet).
type runtimeEmitter struct {
	mu  sync.RWMutex
	ctx context.Context
}

func (e *runtimeEmitter) Emit(name string, data any) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.ctx != nil {
		runtime.EventsEmit(e.ctx, name, data)
	}
}

func (e *runtimeEmitter) start(ctx context.Context) {
	e.mu.Lock()
	e.ctx = ctx
	e.mu.Unlock()
}

// App owns the bound services and their shared parts.
type App struct {
	core    *core
	runtime *runtimeEmitter
	ctx     context.Context

	Setup       *SetupService
	Session     *SessionService
	Users       *UserService
	Catalog     *CatalogService
	Contacts    *ContactService
	Tickets     *TicketService
	Notices     *NotificationService
	Attachments *AttachmentService
	SLA         *SLAService
	Inbox       *InboxService
	Dashboard   *DashboardService
	Search      *SearchService
	Views       *ViewService
	Templates   *TemplateService
	Tasks       *TaskService
	SOP         *SOPService
	Team        *TeamService
	About       *AboutService
	Audit       *AuditService
	Backups     *BackupService
	Recovery    *RecoveryService
	Exports     *ExportService
	Imports     *ImportService
	Print       *PrintService

	dialogs Dialogs
	dataDir string // the data folder ("" when not known, as in tests)

	stopScheduler context.CancelFunc
}

// Deliverer offers a user's new notifications to the desktop.
type Deliverer interface {
	Deliver(ctx context.Context, userID string) (title, body string, err error)
}

// core is what every service shares: the store, the event emitter, the
// desktop deliverer, the log.
type core struct {
	store     *store.Store
	emitter   Emitter
	deliverer Deliverer
	log       *slog.Logger
	wg        sync.WaitGroup
	slaWake   chan struct{}
	sess      *session // who is signed in here
	// firstRunPIN stands for the PIN the welcome form leaves empty: set only
	// in development builds run by the end-to-end tests (DevSignIn).
	firstRunPIN string
	kickSync    func() // asks the team sync to push soon
}

// New builds the app over an open store. emitter may be nil, in which case
// events go through the Wails runtime.
func New(st *store.Store, emitter Emitter, log *slog.Logger) *App {
	a := &App{runtime: &runtimeEmitter{}}
	if emitter == nil {
		emitter = a.runtime
	}
	if log == nil {
		log = slog.Default()
	}
	c := &core{store: st, emitter: emitter, log: log, slaWake: make(chan struct{}, 1), sess: newSession(desk.SystemClock{})}
	c.loadLockMinutes()
	a.core = c
	a.Setup = &SetupService{c}
	a.Session = &SessionService{c}
	a.Users = &UserService{c}
	a.Catalog = &CatalogService{c}
	a.Contacts = &ContactService{c}
	a.Tickets = &TicketService{c}
	a.Notices = &NotificationService{c}
	a.Attachments = &AttachmentService{c: c, a: a}
	a.SLA = &SLAService{c}
	a.Inbox = &InboxService{c: c, a: a}
	a.Dashboard = &DashboardService{c: c, a: a}
	a.Search = &SearchService{c}
	a.Views = &ViewService{c}
	a.Templates = &TemplateService{c}
	a.Tasks = &TaskService{c}
	a.SOP = &SOPService{c}
	a.Team = &TeamService{c: c, a: a}
	c.kickSync = func() {
		if sy := a.Team.running(); sy != nil {
			sy.Kick()
		}
	}
	a.About = &AboutService{info: About{Name: "Deskline"}}
	a.Audit = &AuditService{c: c, a: a}
	a.Backups = &BackupService{c: c, a: a}
	a.Recovery = &RecoveryService{a: a}
	a.Exports = &ExportService{c: c, a: a}
	a.Imports = &ImportService{c: c, a: a}
	a.Print = &PrintService{c: c, a: a}
	a.dialogs = runtimeDialogs{a}
	return a
}

// DevSignIn is for development builds run by the end-to-end tests only (the
// release build never calls it): the welcome form's PIN, when left empty, is
// pin, and the user last signed in on this desk is signed in now, without
// their PIN, as after a restart of the window they were using.
func (a *App) DevSignIn(pin string) {
	a.core.firstRunPIN = pin
	if a.core.store == nil {
		return
	}
	last, err := a.core.store.LocalSetting(bg, store.SettingLastUser)
	if err != nil || last == "" {
		return
	}
	if u, err := a.core.activeUser(last); err == nil {
		if _, err := a.core.signIn(u); err != nil {
			a.core.log.Error("development sign-in", "err", err)
		}
	}
}

// SetDataDir tells the app its data folder, where the automatic backups go.
func (a *App) SetDataDir(dir string) { a.dataDir = dir }

// SetDeliverer sets what offers new notifications to the desktop (none by
// default: notifications then stay in the notification center only). One
// that takes a claimer (notify.Deliverer) raises an SLA warning or breach
// only when this desk is the first of its team to claim it.
func (a *App) SetDeliverer(d Deliverer) {
	a.core.deliverer = d
	if c, ok := d.(interface{ SetClaimer(notify.Claimer) }); ok {
		c.SetClaimer(teamClaimer{a.Team})
	}
}

// Bind lists the services Wails exposes to the frontend.
func (a *App) Bind() []any {
	return []any{a.Setup, a.Session, a.Users, a.Catalog, a.Contacts, a.Tickets, a.Notices, a.Attachments, a.SLA, a.Inbox, a.Dashboard, a.Search, a.Views, a.Templates, a.Tasks, a.SOP, a.Team, a.About, a.Audit, a.Backups, a.Recovery, a.Exports, a.Imports, a.Print}
}

// Startup is the OnStartup hook.
func (a *App) Startup(ctx context.Context) {
	a.ctx = ctx
	a.runtime.start(ctx)
	// What arrived while the app was closed is offered now, as one summary.
	a.core.deliver()
	a.startBackground()
	// Files dropped onto the window go to the open ticket (the frontend knows
	// which one is open and attaches them through AttachPaths).
	runtime.OnFileDrop(ctx, func(_, _ int, paths []string) {
		a.core.emitter.Emit(EventFilesDropped, paths)
	})
}

// startBackground starts the work that runs beside the window on an open
// desk: the scan inbox watcher, the SLA scheduler and the daily backup.
func (a *App) startBackground() {
	if a.core.store == nil {
		return
	}
	a.Inbox.start()
	sctx, cancel := context.WithCancel(context.Background())
	a.stopScheduler = cancel
	a.core.wg.Add(3)
	go func() {
		defer a.core.wg.Done()
		a.core.runSLAScheduler(sctx, desk.SystemClock{})
	}()
	go func() {
		defer a.core.wg.Done()
		a.core.runIdleLock(sctx)
	}()
	go func() {
		defer a.core.wg.Done()
		a.core.runBackupScheduler(sctx, a.Backups, desk.SystemClock{})
	}()
	a.Team.start()
}

// EventFilesDropped carries the paths of files dropped onto the window.
const EventFilesDropped = "deskline:files-dropped"

// Shutdown is the OnShutdown hook: it closes the database.
func (a *App) Shutdown(context.Context) {
	if a.stopScheduler != nil {
		a.stopScheduler()
	}
	a.Inbox.stop()
	a.Exports.cancelAll()
	a.Team.halt()
	a.core.wg.Wait()
	if a.core.store != nil {
		if err := a.core.store.Close(); err != nil {
			a.core.log.Error("close database", "err", err)
		}
	}
}

// SecondInstance is the OnSecondInstanceLaunch hook: a second launch on the
// same data folder brings the running window forward instead.
func (a *App) SecondInstance(options.SecondInstanceData) {
	if a.ctx == nil {
		return
	}
	runtime.WindowUnminimise(a.ctx)
	runtime.WindowShow(a.ctx)
}

// FormatError is the Wails ErrorFormatter: every failed call reaches the
// frontend as {code, message, field}. Internal errors are logged in full and
// shown as "internal error".
func (a *App) FormatError(err error) any {
	return formatError(a.core.log, err)
}

func formatError(log *slog.Logger, err error) desk.Error {
	var de *desk.Error
	if errors.As(err, &de) {
		return *de
	}
	log.Error("internal error", "err", err)
	return desk.Error{Code: desk.EINTERNAL, Message: "internal error"}
}

// changed tells the window about a change made here and asks the team sync,
// if any, to push it.
func (c *core) changed(ticketIDs []string, topics ...string) {
	c.notify(ticketIDs, topics...)
	if c.kickSync != nil {
		c.kickSync()
	}
}

// notify emits EventChanged and, when tickets changed, offers the signed-in
// user's new notifications to the desktop.
func (c *core) notify(ticketIDs []string, topics ...string) {
	if ticketIDs == nil {
		ticketIDs = []string{}
	}
	c.emitter.Emit(EventChanged, Change{Topics: topics, TicketIDs: ticketIDs})
	for _, t := range topics {
		if t == TopicTickets {
			c.wakeSLA()
		}
		if t == TopicTickets || t == TopicSession {
			c.emitter.Emit(EventChanged, Change{Topics: []string{TopicNotices}, TicketIDs: []string{}})
			c.deliver()
			return
		}
	}
}

// deliver offers the signed-in user's new notifications to the desktop, in
// the background so that a slow notification service never holds up a call.
func (c *core) deliver() {
	if c.deliverer == nil || c.store == nil {
		return
	}
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		me, _ := c.sess.current()
		if me == nil {
			return // nobody to deliver to while signed out or locked
		}
		if _, _, err := c.deliverer.Deliver(context.Background(), me.ID); err != nil {
			c.log.Error("deliver notifications", "err", err)
		}
	}()
}

// userID returns the user signed in on this workstation, who may work
// tickets. Returns EFORBIDDEN "Sign in first" when nobody is.
func (c *core) userID(context.Context) (string, error) {
	u, err := c.allow(desk.ActWork)
	return u.ID, err
}
