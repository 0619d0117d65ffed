-- +goose Up
-- What each user signs in with: a PIN or a password, kept only as a slow
-- salted hash (argon2id, its parameters inside the hash). Set through the
-- user.credential operation, so it travels with the team's change log; last
-- writer wins by stamp.
CREATE TABLE user_credentials (
    user_id    TEXT    NOT NULL PRIMARY KEY REFERENCES users (id),
    kind       TEXT    NOT NULL CHECK (kind IN ('pin', 'password')),
    hash       TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    stamp      TEXT    NOT NULL
);

-- +goose Down
DROP TABLE user_credentials;
