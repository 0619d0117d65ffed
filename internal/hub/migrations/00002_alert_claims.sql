-- SLA warnings and breaches are raised once per team: every desk works out
-- the same alert from the same tickets, and before one shows it on the
-- desktop it claims the alert here. The first claim wins; every later one
-- (another workstation, the same person signed in twice) is told no, and the
-- alert stays in that desk's notification center only.

CREATE TABLE hub.alert_claims (
    alert      text        PRIMARY KEY,         -- the alert's key, the same on every desk
    ticket_id  text        NOT NULL,
    login      text        NOT NULL,            -- the installation that claimed it
    claimed_at timestamptz NOT NULL DEFAULT now(),
    CHECK (length(alert) <= 300 AND length(ticket_id) <= 40)
);
REVOKE ALL ON hub.alert_claims FROM PUBLIC;

-- claim_alert returns true to the first installation that claims the alert,
-- false to every later one.
CREATE FUNCTION hub.claim_alert(ticket text, alert text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = hub, pg_temp AS $$
BEGIN
    PERFORM hub.me(false, false);
    IF length(claim_alert.alert) > 300 OR length(claim_alert.ticket) > 40 THEN
        RAISE EXCEPTION 'the alert''s key is too long' USING ERRCODE = '22001';
    END IF;
    INSERT INTO hub.alert_claims (alert, ticket_id, login)
    VALUES (claim_alert.alert, claim_alert.ticket, session_user)
    ON CONFLICT DO NOTHING;
    RETURN FOUND;
END $$;

REVOKE ALL ON FUNCTION hub.claim_alert(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hub.claim_alert(text, text) TO {{installation}};
