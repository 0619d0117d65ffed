-- The team hub: an ordered, authenticated, append-only log of operations and
-- the little the hub decides itself (installations, users and roles for the
-- permission checks, human ticket numbers, the epoch). Applied by Init as the
-- owner role; {{owner}} and {{installation}} stand for this hub's roles.
--
-- Error codes of our own (SQLSTATE class DL):
--   DL001 update required      DL002 counter gap          DL003 clock ahead
--   DL004 revoked              DL005 join code used       DL006 wrong installation
--   DL007 blob hash mismatch   DL008 blob too large       DL009 not joined yet
-- and 42501 (insufficient_privilege) for a login that is no installation or
-- pushes another installation's operations.

CREATE TABLE hub.hub_meta (
    id                  boolean PRIMARY KEY DEFAULT true CHECK (id),
    epoch               uuid NOT NULL,
    hub_install_id      text NOT NULL,
    founding_install_id text NOT NULL,
    min_protocol        integer NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now()
);

-- The one row every push locks: the next sequence number comes from it, so
-- sequence order is commit order (a bigserial would let a reader skip a row
-- whose transaction commits late). The hub's own operations count here too.
CREATE TABLE hub.seq_counter (
    id          boolean PRIMARY KEY DEFAULT true CHECK (id),
    last_seq    bigint NOT NULL DEFAULT 0,
    hub_counter bigint NOT NULL DEFAULT 0
);

-- Human ticket numbers, handed out in order.
CREATE TABLE hub.number_counter (
    id          boolean PRIMARY KEY DEFAULT true CHECK (id),
    last_number bigint NOT NULL DEFAULT 0
);
INSERT INTO hub.seq_counter DEFAULT VALUES;
INSERT INTO hub.number_counter DEFAULT VALUES;

CREATE TABLE hub.installations (
    login        text PRIMARY KEY,
    name         text NOT NULL,
    install_id   text UNIQUE,          -- bound by join (or by init for the founding desk)
    created_at   timestamptz NOT NULL DEFAULT now(),
    joined_at    timestamptz,
    revoked_at   timestamptz,
    last_seen_at timestamptz,
    last_counter bigint NOT NULL DEFAULT 0,
    protocol     integer
);
CREATE UNIQUE INDEX installations_name_live ON hub.installations (lower(name)) WHERE revoked_at IS NULL;

CREATE TABLE hub.hub_users (
    id         text PRIMARY KEY,
    name       text NOT NULL,
    role       text NOT NULL,
    active     boolean NOT NULL,
    hlc        bigint NOT NULL,
    install_id text NOT NULL            -- breaks ties of equal hlc, as the merge does
);

-- Which users may act on an installation.
CREATE TABLE hub.installation_users (
    login   text NOT NULL REFERENCES hub.installations (login),
    user_id text NOT NULL REFERENCES hub.hub_users (id),
    PRIMARY KEY (login, user_id)
);

-- Which roles may make which kind of operation; rewritten by every init.
CREATE TABLE hub.kind_roles (
    kind text NOT NULL,
    role text NOT NULL,
    PRIMARY KEY (kind, role)
);

CREATE TABLE hub.ops (
    seq         bigint PRIMARY KEY,
    op_id       text NOT NULL UNIQUE,
    install_id  text NOT NULL,
    counter     bigint NOT NULL,
    hlc         bigint NOT NULL,
    actor_id    text NOT NULL,
    kind        text NOT NULL,
    entity_id   text NOT NULL,
    payload     jsonb NOT NULL,
    created_at  timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (install_id, counter)
);

CREATE TABLE hub.rejected_ops (
    op_id       text PRIMARY KEY,
    install_id  text NOT NULL,
    counter     bigint NOT NULL,
    hlc         bigint NOT NULL,
    actor_id    text NOT NULL,
    kind        text NOT NULL,
    entity_id   text NOT NULL,
    payload     jsonb NOT NULL,
    created_at  timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    reason      text NOT NULL,
    message     text NOT NULL
);
CREATE INDEX rejected_ops_install ON hub.rejected_ops (install_id, counter);

CREATE TABLE hub.ticket_numbers (
    ticket_id text PRIMARY KEY,
    number    bigint NOT NULL UNIQUE,
    seq       bigint                    -- the ticket.number op, null for numbers of the founding log
);

CREATE TABLE hub.blobs (
    hash       text PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
    bytes      bytea NOT NULL,
    size       bigint NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- me returns the installation of the session's login, refusing a login that
-- is none, a revoked one and (unless joining) one not joined yet. With lock,
-- the row is locked for the rest of the transaction (one push at a time per
-- installation keeps its counters in order).
CREATE FUNCTION hub.me(joining boolean, lock boolean) RETURNS hub.installations
LANGUAGE plpgsql SET search_path = hub, pg_temp AS $$
DECLARE
    r hub.installations;
BEGIN
    IF lock THEN
        SELECT * INTO r FROM hub.installations WHERE login = session_user FOR UPDATE;
    ELSE
        SELECT * INTO r FROM hub.installations WHERE login = session_user;
    END IF;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'this login is not an installation of the hub' USING ERRCODE = '42501';
    END IF;
    IF r.revoked_at IS NOT NULL THEN
        RAISE EXCEPTION 'this desk''s access to the hub was revoked on %; ask the admin for a new join code',
            to_char(r.revoked_at, 'YYYY-MM-DD') USING ERRCODE = 'DL004';
    END IF;
    IF NOT joining AND r.install_id IS NULL THEN
        RAISE EXCEPTION 'this desk has not joined the hub yet' USING ERRCODE = 'DL009';
    END IF;
    RETURN r;
END $$;

CREATE FUNCTION hub.now_ms() RETURNS bigint
LANGUAGE sql VOLATILE SET search_path = hub, pg_temp AS $$
    SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint
$$;

-- uuid7 makes a UUIDv7 from a time in milliseconds and random bits.
CREATE FUNCTION hub.uuid7(ms bigint) RETURNS text
LANGUAGE sql VOLATILE SET search_path = hub, pg_temp AS $$
    SELECT encode(set_byte(b, 6, (get_byte(b, 6) & 15) | 112), 'hex')::uuid::text
    FROM (SELECT overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send(ms) FROM 3) FROM 1 FOR 6) AS b) x
$$;

CREATE FUNCTION hub.head() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = hub, pg_temp AS $$
    SELECT last_seq FROM hub.seq_counter
$$;

CREATE FUNCTION hub.hello(protocol integer, install_id text)
RETURNS TABLE (epoch uuid, min_protocol integer, server_ms bigint, last_counter bigint,
               head_seq bigint, hub_install_id text, founding_install_id text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = hub, pg_temp AS $$
DECLARE
    r hub.installations;
    m hub.hub_meta;
BEGIN
    r := hub.me(false, false);
    SELECT * INTO m FROM hub.hub_meta;
    IF protocol < m.min_protocol THEN
        RAISE EXCEPTION 'update required: this hub needs Deskline protocol % or newer and this copy speaks %; install the new version of Deskline (it keeps working offline meanwhile)',
            m.min_protocol, protocol USING ERRCODE = 'DL001';
    END IF;
    IF install_id IS DISTINCT FROM r.install_id THEN
        RAISE EXCEPTION 'these hub credentials belong to another installation; join the hub again with a new join code'
            USING ERRCODE = 'DL006';
    END IF;
    UPDATE hub.installations i SET last_seen_at = now(), protocol = hello.protocol WHERE i.login = r.login;
    RETURN QUERY SELECT m.epoch, m.min_protocol, hub.now_ms(), r.last_counter,
        (SELECT s.last_seq FROM hub.seq_counter s), m.hub_install_id, m.founding_install_id;
END $$;

CREATE FUNCTION hub."join"(install_id text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = hub, pg_temp AS $$
DECLARE
    r hub.installations;
BEGIN
    r := hub.me(true, true);
    IF r.install_id IS NOT NULL THEN
        IF r.install_id = "join".install_id THEN
            RETURN r.name; -- the answer to an earlier join was lost
        END IF;
        RAISE EXCEPTION 'this join code was already used' USING ERRCODE = 'DL005';
    END IF;
    IF EXISTS (SELECT 1 FROM hub.installations i WHERE i.install_id = "join".install_id) THEN
        RAISE EXCEPTION 'this desk is already an installation of the hub' USING ERRCODE = 'DL005';
    END IF;
    UPDATE hub.installations i SET install_id = "join".install_id, joined_at = now(), last_seen_at = now()
    WHERE i.login = r.login;
    RETURN r.name;
END $$;

-- judge tells why installation login (named inst) may not store an
-- operation of kind by actor, or nothing (both null) when it may.
CREATE FUNCTION hub.judge(login text, inst text, actor text, kind text)
RETURNS TABLE (reason text, message text)
LANGUAGE sql STABLE SET search_path = hub, pg_temp AS $$
    SELECT CASE WHEN $4 = 'ticket.number' THEN 'hub_only'
                WHEN u.id IS NULL THEN 'actor_not_allowed'
                WHEN NOT u.active THEN 'actor_inactive'
                WHEN NOT EXISTS (SELECT 1 FROM hub.kind_roles k WHERE k.kind = $4) THEN 'unknown_kind'
                WHEN NOT EXISTS (SELECT 1 FROM hub.kind_roles k WHERE k.kind = $4 AND k.role = u.role) THEN 'role_not_allowed'
           END,
           CASE WHEN $4 = 'ticket.number' THEN 'only the hub numbers tickets'
                WHEN u.id IS NULL THEN format('this user may not work on installation "%s"', $2)
                WHEN NOT u.active THEN format('%s is no longer an active user', u.name)
                WHEN NOT EXISTS (SELECT 1 FROM hub.kind_roles k WHERE k.kind = $4)
                    THEN format('the hub does not know changes of kind %s; ask the admin to upgrade the hub', $4)
                WHEN NOT EXISTS (SELECT 1 FROM hub.kind_roles k WHERE k.kind = $4 AND k.role = u.role)
                    THEN format('%s (%s) may not make this change (%s)', u.name, u.role, $4)
           END
    FROM (SELECT 1) one
    LEFT JOIN (hub.installation_users iu JOIN hub.hub_users u ON u.id = iu.user_id)
           ON iu.login = $1 AND iu.user_id = $3
$$;

-- push stores a batch of the session installation's operations, in counter
-- order, in one transaction. Each operation is answered accepted (with its
-- sequence), duplicate (with its original sequence) or rejected (with a reason;
-- it is recorded and its counter still counts, so one bad operation never
-- blocks the queue). A whole batch is refused, nothing stored, for an operation
-- of another installation (42501), a counter gap (DL002) or a clock far ahead
-- (DL003). One NOTIFY per push carries the new head sequence.
CREATE FUNCTION hub.push(ops jsonb)
RETURNS TABLE (op_id text, status text, seq bigint, reason text, message text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = hub, pg_temp AS $$
DECLARE
    me        hub.installations;
    now_ms    bigint := hub.now_ms();
    o         record;
    expect    bigint;
    cur_seq   bigint;
    hub_ctr   bigint;
    hub_id    text;
    num       bigint;
    created   bigint;
    again     boolean;
    rsn       text;
    msg       text;
    accepted  integer := 0;
    new_user  boolean;
BEGIN
    IF jsonb_typeof(ops) IS DISTINCT FROM 'array' THEN
        RAISE EXCEPTION 'push expects an array of operations' USING ERRCODE = '22023';
    END IF;
    IF jsonb_array_length(ops) > 2000 THEN
        RAISE EXCEPTION 'a push holds at most 2000 operations' USING ERRCODE = '54000';
    END IF;
    me := hub.me(false, true);

    CREATE TEMP TABLE IF NOT EXISTS push_in (
        ord bigint, op_id text, install_id text, counter bigint, hlc bigint, actor_id text,
        kind text, entity_id text, payload jsonb, created_ms bigint,
        status text, seq bigint, reason text, message text, nth bigint
    ) ON COMMIT DELETE ROWS;
    DELETE FROM push_in; -- emptied at every commit; this is for a second push in one transaction
    INSERT INTO push_in (ord, op_id, install_id, counter, hlc, actor_id, kind, entity_id, payload, created_ms)
    SELECT x.ord, x.e->>'id', x.e->>'installId', (x.e->>'counter')::bigint, (x.e->>'hlc')::bigint,
           coalesce(x.e->>'actorId', ''), x.e->>'kind', coalesce(x.e->>'entityId', ''),
           coalesce(x.e->'payload', 'null'::jsonb), coalesce((x.e->>'createdMs')::bigint, now_ms)
    FROM jsonb_array_elements(ops) WITH ORDINALITY AS x(e, ord);

    IF EXISTS (SELECT 1 FROM push_in p WHERE p.op_id IS NULL OR p.kind IS NULL OR p.counter IS NULL OR p.hlc IS NULL) THEN
        RAISE EXCEPTION 'an operation lacks its id, kind, counter or clock' USING ERRCODE = '22023';
    END IF;
    SELECT p.install_id INTO rsn FROM push_in p WHERE p.install_id IS DISTINCT FROM me.install_id LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'installation "%" may push only its own operations, not those of installation %',
            me.name, coalesce(rsn, '(none)') USING ERRCODE = '42501';
    END IF;

    -- Operations the hub already has answer as they did the first time. Only
    -- an operation at or below the installation's last counter can be one
    -- (a retry); most pushes have none and skip the look-ups.
    IF EXISTS (SELECT 1 FROM push_in p WHERE p.counter <= me.last_counter) THEN
        UPDATE push_in p SET status = 'duplicate', seq = (SELECT s.seq FROM hub.ops s WHERE s.op_id = p.op_id)
        WHERE p.counter <= me.last_counter;
        UPDATE push_in p SET status = NULL WHERE p.status = 'duplicate' AND p.seq IS NULL;
        UPDATE push_in p SET status = 'rejected', reason = r.reason, message = r.message
        FROM hub.rejected_ops r WHERE r.op_id = p.op_id AND p.status IS NULL AND p.counter <= me.last_counter;
    END IF;
    -- The same operation twice in one batch: the later copy answers as the first.
    SELECT count(*) <> count(DISTINCT p.op_id) INTO again FROM push_in p;
    IF again THEN
        UPDATE push_in p SET status = 'again' WHERE p.status IS NULL
           AND EXISTS (SELECT 1 FROM push_in q WHERE q.op_id = p.op_id AND q.ord < p.ord);
    END IF;

    -- The new ones must continue the installation's counter without a gap.
    expect := me.last_counter + 1;
    FOR o IN SELECT p.counter FROM push_in p WHERE p.status IS NULL ORDER BY p.counter LOOP
        IF o.counter <> expect THEN
            RAISE EXCEPTION 'counter gap: the hub expected operation % of this installation and got %; this desk''s change log is missing operations (restore its data folder, or ask the admin)',
                expect, o.counter USING ERRCODE = 'DL002', DETAIL = format('expected=%s got=%s', expect, o.counter);
        END IF;
        expect := expect + 1;
    END LOOP;

    SELECT max(p.hlc >> 16) INTO num FROM push_in p WHERE p.status IS NULL;
    IF num > now_ms + 300000 THEN
        num := num - now_ms;
        RAISE EXCEPTION 'clock ahead: this computer''s clock is % ahead of the hub''s; set the correct date and time, then sync again',
            CASE WHEN num >= 172800000 THEN (num / 86400000) || ' days'
                 WHEN num >= 7200000 THEN (num / 3600000) || ' hours'
                 ELSE (num / 60000) || ' minutes' END USING ERRCODE = 'DL003';
    END IF;

    SELECT s.last_seq, s.hub_counter INTO cur_seq, hub_ctr FROM hub.seq_counter s FOR UPDATE;
    SELECT m.hub_install_id INTO hub_id FROM hub.hub_meta m;

    IF EXISTS (SELECT 1 FROM push_in p WHERE p.status IS NULL AND p.kind = 'user.save') THEN
        -- A user.save changes who may do what for the operations after it:
        -- judge and store one operation at a time, in counter order.
        FOR o IN SELECT * FROM push_in p WHERE p.status IS NULL ORDER BY p.counter LOOP
            SELECT j.reason, j.message INTO rsn, msg FROM hub.judge(me.login, me.name, o.actor_id, o.kind) j;
            IF rsn IS NOT NULL THEN
                INSERT INTO hub.rejected_ops (op_id, install_id, counter, hlc, actor_id, kind, entity_id, payload, created_at, reason, message)
                VALUES (o.op_id, o.install_id, o.counter, o.hlc, o.actor_id, o.kind, o.entity_id, o.payload,
                        to_timestamp(o.created_ms / 1000.0), rsn, msg);
                UPDATE push_in p SET status = 'rejected', reason = rsn, message = msg WHERE p.ord = o.ord;
                CONTINUE;
            END IF;

            cur_seq := cur_seq + 1;
            INSERT INTO hub.ops (seq, op_id, install_id, counter, hlc, actor_id, kind, entity_id, payload, created_at)
            VALUES (cur_seq, o.op_id, o.install_id, o.counter, o.hlc, o.actor_id, o.kind, o.entity_id, o.payload,
                    to_timestamp(o.created_ms / 1000.0));
            UPDATE push_in p SET status = 'accepted', seq = cur_seq WHERE p.ord = o.ord;
            accepted := accepted + 1;

            IF o.kind = 'user.save' THEN
                new_user := NOT EXISTS (SELECT 1 FROM hub.hub_users u WHERE u.id = o.entity_id);
                INSERT INTO hub.hub_users AS u (id, name, role, active, hlc, install_id)
                VALUES (o.entity_id, coalesce(o.payload->>'name', ''), coalesce(o.payload->>'role', ''),
                        coalesce((o.payload->>'active')::boolean, false), o.hlc, o.install_id)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role,
                    active = excluded.active, hlc = excluded.hlc, install_id = excluded.install_id
                WHERE (excluded.hlc, excluded.install_id) > (u.hlc, u.install_id);
                IF new_user THEN
                    -- A user new to the hub may work on the installation that made them.
                    INSERT INTO hub.installation_users (login, user_id) VALUES (me.login, o.entity_id);
                END IF;
            ELSIF o.kind = 'ticket.create' AND NOT EXISTS (SELECT 1 FROM hub.ticket_numbers t WHERE t.ticket_id = o.entity_id) THEN
                UPDATE hub.number_counter SET last_number = last_number + 1 RETURNING last_number INTO num;
                cur_seq := cur_seq + 1;
                hub_ctr := hub_ctr + 1;
                INSERT INTO hub.ops (seq, op_id, install_id, counter, hlc, actor_id, kind, entity_id, payload, created_at)
                VALUES (cur_seq, hub.uuid7(now_ms), hub_id, hub_ctr, greatest(now_ms << 16, o.hlc + 1), o.actor_id,
                        'ticket.number', o.entity_id, jsonb_build_object('number', num), now());
                INSERT INTO hub.ticket_numbers (ticket_id, number, seq) VALUES (o.entity_id, num, cur_seq);
            END IF;
        END LOOP;
    ELSE
        -- No operation of the batch changes permissions: judge and store the
        -- whole batch with a few set-based statements.
        UPDATE push_in p SET status = 'rejecting', reason = j.reason, message = j.message
        FROM (SELECT d.actor_id, d.kind, x.reason, x.message
              FROM (SELECT DISTINCT q.actor_id, q.kind FROM push_in q WHERE q.status IS NULL) d
              CROSS JOIN LATERAL hub.judge(me.login, me.name, d.actor_id, d.kind) x
              WHERE x.reason IS NOT NULL) j
        WHERE p.status IS NULL AND p.actor_id = j.actor_id AND p.kind = j.kind;
        INSERT INTO hub.rejected_ops (op_id, install_id, counter, hlc, actor_id, kind, entity_id, payload, created_at, reason, message)
        SELECT p.op_id, p.install_id, p.counter, p.hlc, p.actor_id, p.kind, p.entity_id, p.payload,
               to_timestamp(p.created_ms / 1000.0), p.reason, p.message
        FROM push_in p WHERE p.status = 'rejecting';
        UPDATE push_in p SET status = 'rejected' WHERE p.status = 'rejecting';

        -- In counter order, each accepted operation takes the next sequence, and
        -- a new ticket's number op the one after it.
        UPDATE push_in p SET status = 'accepted', seq = cur_seq + v.pos, nth = v.nth
        FROM (SELECT w.ord, sum(w.width) OVER (ORDER BY w.counter) - w.width + 1 AS pos,
                     CASE WHEN w.width = 2 THEN count(*) FILTER (WHERE w.width = 2) OVER (ORDER BY w.counter) END AS nth
              FROM (SELECT q.ord, q.counter,
                           CASE WHEN q.kind = 'ticket.create' AND NOT EXISTS
                                (SELECT 1 FROM hub.ticket_numbers t WHERE t.ticket_id = q.entity_id) THEN 2 ELSE 1 END AS width
                    FROM push_in q WHERE q.status IS NULL) w) v
        WHERE p.ord = v.ord;
        INSERT INTO hub.ops (seq, op_id, install_id, counter, hlc, actor_id, kind, entity_id, payload, created_at)
        SELECT p.seq, p.op_id, p.install_id, p.counter, p.hlc, p.actor_id, p.kind, p.entity_id, p.payload,
               to_timestamp(p.created_ms / 1000.0)
        FROM push_in p WHERE p.status = 'accepted' ORDER BY p.seq;
        GET DIAGNOSTICS accepted = ROW_COUNT;
        SELECT count(*) INTO created FROM push_in p WHERE p.nth IS NOT NULL;
        IF created > 0 THEN
            SELECT n.last_number INTO num FROM hub.number_counter n FOR UPDATE;
            INSERT INTO hub.ops (seq, op_id, install_id, counter, hlc, actor_id, kind, entity_id, payload, created_at)
            SELECT p.seq + 1, hub.uuid7(now_ms), hub_id, hub_ctr + p.nth, greatest(now_ms << 16, p.hlc + 1), p.actor_id,
                   'ticket.number', p.entity_id, jsonb_build_object('number', num + p.nth), now()
            FROM push_in p WHERE p.nth IS NOT NULL ORDER BY p.seq;
            INSERT INTO hub.ticket_numbers (ticket_id, number, seq)
            SELECT p.entity_id, num + p.nth, p.seq + 1 FROM push_in p WHERE p.nth IS NOT NULL;
            UPDATE hub.number_counter SET last_number = num + created;
            hub_ctr := hub_ctr + created;
        END IF;
        cur_seq := cur_seq + accepted + created;
    END IF;

    UPDATE hub.seq_counter SET last_seq = cur_seq, hub_counter = hub_ctr;
    UPDATE hub.installations i SET last_counter = greatest(i.last_counter, expect - 1), last_seen_at = now()
    WHERE i.login = me.login;
    IF accepted > 0 THEN
        PERFORM pg_notify('deskline_ops', cur_seq::text);
    END IF;

    IF again THEN
        UPDATE push_in p SET status = CASE f.status WHEN 'accepted' THEN 'duplicate' ELSE f.status END,
            seq = f.seq, reason = f.reason, message = f.message
        FROM push_in f
        WHERE p.status = 'again' AND f.op_id = p.op_id AND f.status <> 'again';
    END IF;
    RETURN QUERY SELECT p.op_id, p.status, p.seq, p.reason, p.message FROM push_in p ORDER BY p.ord;
END $$;

-- pull returns the accepted operations after a sequence, in sequence order.
CREATE FUNCTION hub.pull(after bigint, max integer)
RETURNS TABLE (seq bigint, op_id text, install_id text, counter bigint, hlc bigint, actor_id text,
               kind text, entity_id text, payload jsonb, created_ms bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = hub, pg_temp AS $$
BEGIN
    PERFORM hub.me(false, false);
    RETURN QUERY
    SELECT o.seq, o.op_id, o.install_id, o.counter, o.hlc, o.actor_id, o.kind, o.entity_id, o.payload,
           (extract(epoch FROM o.created_at) * 1000)::bigint
    FROM hub.ops o WHERE o.seq > pull.after ORDER BY o.seq
    LIMIT least(greatest(coalesce(pull.max, 500), 1), 5000);
END $$;

CREATE FUNCTION hub.put_blob(hash text, bytes bytea) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = hub, pg_temp AS $$
BEGIN
    PERFORM hub.me(false, false);
    IF octet_length(bytes) > 25 * 1024 * 1024 THEN
        RAISE EXCEPTION 'the file is larger than the hub takes (25 MB)' USING ERRCODE = 'DL008';
    END IF;
    IF encode(sha256(bytes), 'hex') <> lower(hash) THEN
        RAISE EXCEPTION 'the file''s content does not match its name (SHA-256); it was damaged on the way'
            USING ERRCODE = 'DL007';
    END IF;
    INSERT INTO hub.blobs (hash, bytes, size) VALUES (lower(hash), bytes, octet_length(bytes))
    ON CONFLICT DO NOTHING;
END $$;

CREATE FUNCTION hub.get_blob(hash text) RETURNS bytea
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = hub, pg_temp AS $$
BEGIN
    PERFORM hub.me(false, false);
    RETURN (SELECT b.bytes FROM hub.blobs b WHERE b.hash = lower(get_blob.hash));
END $$;

CREATE FUNCTION hub.has_blobs(hashes text[]) RETURNS text[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = hub, pg_temp AS $$
BEGIN
    PERFORM hub.me(false, false);
    RETURN coalesce((SELECT array_agg(b.hash ORDER BY b.hash) FROM hub.blobs b
                     WHERE b.hash = ANY (SELECT lower(h) FROM unnest(hashes) h)), '{}');
END $$;

ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA hub FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA hub FROM PUBLIC;
GRANT USAGE ON SCHEMA hub TO {{installation}};
GRANT EXECUTE ON FUNCTION hub.head(), hub.hello(integer, text), hub."join"(text), hub.push(jsonb),
    hub.pull(bigint, integer), hub.put_blob(text, bytea), hub.get_blob(text), hub.has_blobs(text[])
    TO {{installation}};
