-- +goose Up
-- A customer or lead merged into another (its duplicate) keeps its row, so
-- that an operation naming it that arrives later still finds where its
-- tickets went; merged_into names the record that took them over ('' while it
-- stands on its own).
ALTER TABLE contacts ADD COLUMN merged_into TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE contacts DROP COLUMN merged_into;
