package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// opKind is one kind of operation, whole, in one place: the payload P it
// carries, the checks that payload passes, who may make it and how it merges
// into the read tables. Each kind is defined beside the command that makes it
// (defineKind); apply dispatches through the registry.
//
// The checks are the same for an operation made here and one pulled from the
// team hub: an operation from elsewhere is validated as strictly as a local
// one (names cleaned, lengths limited, ids well-formed).
type opKind[P any] struct {
	name string
	// what the operation does, in plain words, for a refusal ("change SLA policies").
	what string
	// roles that may make it; none means that only the team hub makes it.
	roles []desk.Role
	// entity checks the id of the row the operation concerns (a UUID when nil).
	entity func(id string) error
	// check cleans and validates the payload in place. Returns EINVALID naming
	// the payload field.
	check func(p *P) error
	// merge merges an operation not seen before into the read tables.
	merge func(mc *mergeCtx, p *P) error
}

// mergeCtx is what a merge works with: the transaction, the operation, when it
// was made and its last-writer-wins stamp.
type mergeCtx struct {
	ctx context.Context
	tx  dbsqlc.DBTX
	q   *dbsqlc.Queries
	op  desk.Op
	at  int64  // op.CreatedAt in unix ms
	st  string // stamp(op)
	// quiet merges without notifying anyone: an operation pulled from the
	// hub that was made before this desk joined the team.
	quiet bool
	// later, when set, takes the read-model work to the end of the page.
	later *readModels
}

// reindex rewrites the search document of a ticket the merge changed (at the
// end of the page, for a pulled one).
func (mc *mergeCtx) reindex(ticketID string) error {
	if mc.later != nil {
		mc.later.reindex(ticketID)
		return nil
	}
	return reindexTicket(mc.ctx, mc.tx, ticketID)
}

// kind is what the registry keeps of an opKind, its payload type hidden.
type kind interface {
	kindName() string
	kindRoles() []desk.Role
	// prepare decodes and checks an operation's payload and returns its merge.
	prepare(op desk.Op) (func(*mergeCtx) error, error)
}

// kinds is the registry of operation kinds, filled by defineKind.
var kinds = map[string]kind{}

// defineKind registers an operation kind.
func defineKind[P any](k opKind[P]) *opKind[P] {
	if _, dup := kinds[k.name]; dup {
		panic("operation kind defined twice: " + k.name)
	}
	if k.entity == nil {
		k.entity = checkEntityUUID
	}
	kinds[k.name] = &k
	return &k
}

func (k *opKind[P]) kindName() string       { return k.name }
func (k *opKind[P]) kindRoles() []desk.Role { return k.roles }

func (k *opKind[P]) prepare(op desk.Op) (func(*mergeCtx) error, error) {
	if err := k.entity(op.EntityID); err != nil {
		return nil, err
	}
	p := new(P)
	if err := json.Unmarshal(op.Payload, p); err != nil {
		return nil, desk.Invalid("payload", "The %s operation's payload is not readable", k.name)
	}
	if err := k.check(p); err != nil {
		return nil, err
	}
	return func(mc *mergeCtx) error { return k.merge(mc, p) }, nil
}

// maxPayload is the largest operation payload accepted, in bytes.
const maxPayload = 256 << 10

// emit checks and records one operation of kind k on entityID by the
// mutation's actor: the actor's role must allow the kind, the payload passes
// the kind's checks, then the operation is stamped, merged into the read
// tables and appended to the change log.
func emit[P any](m *mutation, k *opKind[P], entityID string, p P) (desk.Op, error) {
	if err := m.mayMake(k.name, k.what, k.roles); err != nil {
		return desk.Op{}, err
	}
	if err := k.entity(entityID); err != nil {
		return desk.Op{}, fmt.Errorf("%s on %q: %w", k.name, entityID, err)
	}
	if err := k.check(&p); err != nil {
		return desk.Op{}, err
	}
	body, err := json.Marshal(p)
	if err != nil {
		return desk.Op{}, fmt.Errorf("encode %s: %w", k.name, err)
	}
	if len(body) > maxPayload {
		return desk.Op{}, desk.Invalid("payload", "This change is too large to record (%d KB, at most %d KB)", len(body)>>10, maxPayload>>10)
	}
	m.counter++
	op := desk.Op{
		ID:        newID(),
		InstallID: m.store.installID,
		Counter:   m.counter,
		HLC:       m.tick(),
		ActorID:   m.actorID,
		Kind:      k.name,
		EntityID:  entityID,
		Payload:   body,
		CreatedAt: m.now.UTC(),
	}
	var tx dbsqlc.DBTX = m.tx
	if m.stmts != nil {
		tx = m.stmts
	}
	if err := record(m.ctx, tx, op, func(mc *mergeCtx) error { return k.merge(mc, &p) }, false, nil); err != nil {
		return desk.Op{}, err
	}
	m.ops = append(m.ops, op)
	return op, nil
}

// apply checks an operation made elsewhere (or replayed from a log) and
// merges it. It is idempotent (an operation already in the log is skipped) and
// its result does not depend on the order in which concurrent operations
// arrive: scalar fields are last-writer-wins by stamp, sets are add-wins
// observed-remove sets, notes and activity are append-only. Returns EINVALID
// for an operation that fails its kind's checks; nothing is written then.
func apply(ctx context.Context, tx dbsqlc.DBTX, op desk.Op) error {
	merge, err := prepareOp(op)
	if err != nil {
		return err
	}
	return record(ctx, tx, op, merge, false, nil)
}

// prepareOp checks an operation's envelope and payload and returns its merge.
func prepareOp(op desk.Op) (func(*mergeCtx) error, error) {
	k, ok := kinds[op.Kind]
	if !ok {
		return nil, desk.Invalid("kind", "Unknown operation kind %q", excerpt(op.Kind, 40))
	}
	if err := checkEnvelope(op); err != nil {
		return nil, err
	}
	return k.prepare(op)
}

// checkEnvelope checks what every operation carries besides its payload.
func checkEnvelope(op desk.Op) error {
	switch {
	case checkUUID("id", op.ID) != nil:
		return desk.Invalid("id", "The operation's id is not a UUID")
	case checkUUID("installId", op.InstallID) != nil:
		return desk.Invalid("installId", "The operation's installation id is not a UUID")
	case checkUUID("actorId", op.ActorID) != nil:
		return desk.Invalid("actorId", "The operation's author is not a user id")
	case op.Counter < 1:
		return desk.Invalid("counter", "The operation's counter must be 1 or more")
	case op.HLC < 1:
		return desk.Invalid("hlc", "The operation's clock must be positive")
	case op.CreatedAt.IsZero():
		return desk.Invalid("createdAt", "The operation has no time")
	case len(op.Payload) > maxPayload:
		return desk.Invalid("payload", "The operation's payload is too large (%d KB, at most %d KB)", len(op.Payload)>>10, maxPayload>>10)
	}
	return nil
}

// record appends an operation to the change log and, the first time it is
// seen, merges it and keeps the queue and search read models in step: at
// once, or, given later, once per ticket when later is flushed.
func record(ctx context.Context, tx dbsqlc.DBTX, op desk.Op, merge func(*mergeCtx) error, quiet bool, later *readModels) error {
	q := dbsqlc.New(tx)
	n, err := q.InsertOp(ctx, dbsqlc.InsertOpParams{
		ID: op.ID, InstallID: op.InstallID, Counter: op.Counter, Hlc: op.HLC, ActorID: op.ActorID,
		Kind: op.Kind, EntityID: op.EntityID, Payload: string(op.Payload), CreatedAt: ms(op.CreatedAt),
	})
	if err != nil {
		return fmt.Errorf("log op: %w", err)
	}
	if n == 0 {
		return nil // seen before
	}
	if later != nil {
		err = later.chain(ctx, q, op)
	} else {
		err = chainOp(ctx, tx, op)
	}
	if err != nil {
		return err
	}
	mc := &mergeCtx{ctx: ctx, tx: tx, q: q, op: op, at: ms(op.CreatedAt), st: stamp(op), quiet: quiet, later: later}
	if err := merge(mc); err != nil {
		return err
	}
	if later != nil {
		return later.note(ctx, tx, op)
	}
	if err := syncQueueOp(ctx, tx, op); err != nil {
		return err
	}
	return indexOp(ctx, tx, op)
}

// mayMake returns EFORBIDDEN unless the mutation's actor is an active user
// whose role may make operations of the kind.
func (m *mutation) mayMake(kindName, what string, roles []desk.Role) error {
	if m.bootstrap {
		return nil
	}
	if len(roles) == 0 {
		return desk.Errorf(desk.EFORBIDDEN, "only the team hub can %s", what)
	}
	u, err := m.actor()
	if err != nil {
		return err
	}
	if !slices.Contains(roles, desk.Role(u.Role)) {
		return desk.Errorf(desk.EFORBIDDEN, "a %s cannot %s", strings.ToLower(desk.Role(u.Role).Label()), what)
	}
	return nil
}

// OpPermissions is the permission matrix of operation kinds: each kind with
// the roles that may make it (none for the kinds only the team hub makes).
// The team hub enforces the same table.
func OpPermissions() map[string][]string {
	out := make(map[string][]string, len(kinds))
	for name, k := range kinds {
		roles := []string{}
		for _, r := range k.kindRoles() {
			roles = append(roles, string(r))
		}
		sort.Strings(roles)
		out[name] = roles
	}
	return out
}

// everyone is the roles of the kinds any signed-in user makes while working
// tickets (desk.ActWork of the permission table).
var everyone = desk.RolesFor(desk.ActWork)

// checkEntityUUID is the entity check of kinds whose entity is a synced row.
func checkEntityUUID(id string) error { return checkUUID("entityId", id) }

// checkEntityIs returns an entity check that accepts only name.
func checkEntityIs(name string) func(string) error {
	return func(id string) error {
		if id != name {
			return desk.Invalid("entityId", "The operation must concern %q", name)
		}
		return nil
	}
}

// checkUUID returns EINVALID on field unless s is a UUID in its canonical
// 36-character form (the only form Deskline writes).
func checkUUID(field, s string) error {
	if len(s) != 36 {
		return desk.Invalid(field, "Not a valid id")
	}
	if _, err := uuid.Parse(s); err != nil {
		return desk.Invalid(field, "Not a valid id")
	}
	return nil
}

// checkKey returns EINVALID on field unless s is a short key: 1 to 64
// letters, digits, dashes and underscores (a UUID, or a fixed key such as
// "default").
func checkKey(field, s string) error {
	if s == "" || len(s) > 64 {
		return desk.Invalid(field, "Not a valid id")
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return desk.Invalid(field, "Not a valid id")
		}
	}
	return nil
}

// checkUUIDs checks a list of ids: each a UUID, at most max of them.
func checkUUIDs(field string, ids []string, max int) error {
	if len(ids) > max {
		return desk.Invalid(field, "Too many (%d, at most %d)", len(ids), max)
	}
	for _, id := range ids {
		if err := checkUUID(field, id); err != nil {
			return err
		}
	}
	return nil
}

// checkOptionalUUID accepts "" or a UUID.
func checkOptionalUUID(field, s string) error {
	if s == "" {
		return nil
	}
	return checkUUID(field, s)
}

// cleanShort trims a one-line text that may be empty (an old or new value
// shown in the feed) and limits it to MaxNameLen characters.
func cleanShort(field string, s *string) error {
	t := strings.TrimSpace(*s)
	if n := utf8.RuneCountInString(t); n > desk.MaxNameLen {
		return desk.Invalid(field, "Too long (%d characters, at most %d)", n, desk.MaxNameLen)
	}
	*s = t
	return nil
}

// cleanLine trims a required one-line text in place and limits it to max
// characters; missing is the message when it is empty.
func cleanLine(field, missing string, s *string, max int) error {
	t := strings.TrimSpace(*s)
	if t == "" {
		return desk.Invalid(field, "%s", missing)
	}
	if n := utf8.RuneCountInString(t); n > max {
		return desk.Invalid(field, "The name is too long (%d characters, at most %d)", n, max)
	}
	*s = t
	return desk.NoControl(field, "The name", t)
}

// cleanNameIn cleans a required name in place (see desk.CleanName).
func cleanNameIn(field, what string, s *string) error {
	v, err := desk.CleanName(field, what, *s)
	*s = v
	return err
}

// cleanTextIn cleans a long text in place (see desk.CleanText).
func cleanTextIn(field, what string, s *string, required bool) error {
	v, err := desk.CleanText(field, what, *s, required)
	*s = v
	return err
}

// noPayload is the payload of kinds that carry none.
type noPayload struct{}

func checkNothing(*noPayload) error { return nil }
