package store

import (
	"context"
	"database/sql"
	"errors"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// OpCatalogSave creates or changes a subject or source (last writer wins).
const OpCatalogSave = "catalog.save"

type catalogSave struct {
	Kind   string `json:"kind"`
	Name   string `json:"name"`
	Active bool   `json:"active"`
}

var kCatalogSave = defineKind(opKind[catalogSave]{
	name: OpCatalogSave, what: "change subjects and sources", roles: desk.RolesFor(desk.ActConfigureCatalog),
	check: func(p *catalogSave) error {
		if p.Kind != desk.CatalogSubject && p.Kind != desk.CatalogSource {
			return desk.Invalid("kind", "Unknown list %q", excerpt(p.Kind, 40))
		}
		return cleanNameIn("name", "Name", &p.Name)
	},
	merge: func(mc *mergeCtx, p *catalogSave) error {
		return mc.q.UpsertCatalogItem(mc.ctx, dbsqlc.UpsertCatalogItemParams{
			ID: mc.op.EntityID, Kind: p.Kind, Name: p.Name, Active: boolInt(p.Active),
			CreatedAt: mc.at, UpdatedAt: mc.at, Stamp: mc.st,
		})
	},
})

func catalogFromRow(c dbsqlc.CatalogItem) desk.CatalogItem {
	return desk.CatalogItem{ID: c.ID, Name: c.Name, Active: c.Active == 1}
}

// ListCatalog returns the subjects or sources (kind), active ones only unless
// includeInactive.
func (s *Store) ListCatalog(ctx context.Context, kind string, includeInactive bool) ([]desk.CatalogItem, error) {
	rows, err := s.read().ListCatalogItems(ctx, dbsqlc.ListCatalogItemsParams{Kind: kind, IncludeInactive: includeInactive})
	if err != nil {
		return nil, err
	}
	out := make([]desk.CatalogItem, len(rows))
	for i, r := range rows {
		out[i] = catalogFromRow(r)
	}
	return out, nil
}

// SaveCatalog creates (empty ID) or renames, deactivates or reactivates a
// subject or source. Only an admin may. Returns EINVALID for a bad name,
// ECONFLICT when another item of the kind has the same name, ENOTFOUND for an
// unknown id.
func (s *Store) SaveCatalog(ctx context.Context, actorID, kind string, in desk.CatalogInput) (desk.CatalogItem, error) {
	what := "Subject"
	if kind == desk.CatalogSource {
		what = "Source"
	}
	name, err := desk.CleanName("name", what+" name", in.Name)
	if err != nil {
		return desk.CatalogItem{}, err
	}
	item := desk.CatalogItem{ID: in.ID, Name: name, Active: in.Active}
	_, err = s.mutate(ctx, actorID, func(m *mutation) error {
		if err := m.requireAdmin("change " + what + "s"); err != nil {
			return err
		}
		if item.ID == "" {
			item.ID = newID()
			item.Active = true
		} else if old, err := m.q.GetCatalogItem(ctx, item.ID); err != nil || old.Kind != kind {
			if err == nil {
				err = sql.ErrNoRows
			}
			return notFound(err, what)
		}
		dup, err := m.q.FindCatalogItemByName(ctx, dbsqlc.FindCatalogItemByNameParams{Kind: kind, Name: name, ID: item.ID})
		if err == nil {
			return &desk.Error{Code: desk.ECONFLICT, Field: "name", Message: what + " " + dup.Name + " already exists"}
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		_, err = emit(m, kCatalogSave, item.ID, catalogSave{Kind: kind, Name: item.Name, Active: item.Active})
		return err
	})
	return item, err
}
