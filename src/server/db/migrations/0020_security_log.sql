-- Issue 12 §5: the security log for sign-in. Sign-in happens before a tenant is chosen, so its events
-- form one global, append-only, hash-chained log (audit/security-chain.ts; the hash is the audit log's,
-- audit/chain.ts, over the chain id 'security-log' instead of a tenant id), in 8 lanes like a tenant's
-- audit chains so that concurrent sign-ins do not queue behind one lock.
--
-- Who sees what:
-- - `tenant_ids` is fixed when the event is written: the tenants where the user then had an accepted,
--   active membership. A log reviewer (loggranskare) of one of those tenants sees the event; a tenant the
--   user joins later, or one that never had them, sees nothing of it. Events with no known user (a
--   failed sign-in for an address no account has, a refused single sign-on) have no tenant: only an
--   operator reading the database as its owner sees them.
-- - No address in clear: a password sign-in's address is kept as the lockout's HMAC key (`email_key`).
-- - The application role may only SELECT, under the policy below; it writes through
--   app_append_security_chain (SECURITY DEFINER) and verifies through app_security_chain_*.
CREATE TABLE "security_event" (
	"lane" integer NOT NULL,
	"seq" bigint NOT NULL,
	"id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"outcome" text NOT NULL,
	"user_id" text,
	"email_key" text,
	"tenant_ids" uuid[] DEFAULT '{}' NOT NULL,
	"ip" text,
	"user_agent" text,
	"details" jsonb,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "security_event_lane_seq_pk" PRIMARY KEY("lane","seq")
);
--> statement-breakpoint
CREATE TABLE "security_chain_head" (
	"lane" integer PRIMARY KEY NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "security_event_tenants_idx" ON "security_event" USING gin ("tenant_ids");
--> statement-breakpoint
CREATE INDEX "security_event_time_idx" ON "security_event" USING btree ("occurred_at");
--> statement-breakpoint
CREATE INDEX "security_event_user_time_idx" ON "security_event" USING btree ("user_id","occurred_at");
--> statement-breakpoint
REVOKE ALL ON security_event FROM samverka_app;
--> statement-breakpoint
REVOKE ALL ON security_chain_head FROM samverka_app;
--> statement-breakpoint
GRANT SELECT ON security_event TO samverka_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION security_event_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'security_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER security_event_append_only BEFORE UPDATE OR DELETE ON security_event
  FOR EACH ROW EXECUTE FUNCTION security_event_refuse_change();
--> statement-breakpoint
CREATE TRIGGER security_event_no_truncate BEFORE TRUNCATE ON security_event
  FOR EACH STATEMENT EXECUTE FUNCTION security_event_refuse_change();
--> statement-breakpoint
-- Enabled, not forced: the owner's SECURITY DEFINER functions below write and verify the chain; the
-- application role (not the owner) reads only under this policy. An event is visible in a tenant it
-- names, and only to a user who is an active log reviewer there (the policy layer further requires
-- the session to be working as that reviewer).
ALTER TABLE security_event ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE security_chain_head ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY log_reviewer_read ON security_event FOR SELECT TO samverka_app
  USING (
    app_current_tenant() = ANY (tenant_ids)
    AND EXISTS (
      SELECT 1 FROM membership m
      WHERE m.tenant_id = app_current_tenant() AND m.user_id = app_current_user()
        AND m.role = 'loggranskare' AND m.active AND m.accepted_at IS NOT NULL
    )
  );
--> statement-breakpoint
-- Who a sign-in event is about: the account of an address (as better-auth finds it, lower case) or of
-- a user id, and the tenants where it has an accepted, active membership now. One statement, the same
-- for an address no account has (no user, no tenants), so recording a failed sign-in takes the same
-- path whether or not the address is known.
CREATE OR REPLACE FUNCTION app_security_subject(p_email text, p_user_id text)
RETURNS TABLE (user_id text, tenant_ids uuid[])
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_user text;
BEGIN
  IF p_user_id IS NOT NULL THEN
    SELECT u.id INTO v_user FROM "user" u WHERE u.id = p_user_id;
  ELSE
    SELECT u.id INTO v_user FROM "user" u WHERE u.email = p_email;
  END IF;
  RETURN QUERY SELECT v_user,
    coalesce(array(SELECT DISTINCT m.tenant_id FROM membership m
                   WHERE m.user_id = v_user AND m.active AND m.accepted_at IS NOT NULL
                   ORDER BY 1), '{}'::uuid[]);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_security_subject(text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_security_subject(text, text) TO samverka_app;
--> statement-breakpoint
-- Appends events to the security chain in one statement, as app_append_audit_chain does for a tenant:
-- take a free lane (SKIP LOCKED), reserve the sequence numbers, chain each event's canonical text
-- (built by audit/security-chain.ts around the lane and sequence number) and move the head.
CREATE OR REPLACE FUNCTION app_append_security_chain(p_events jsonb, p_wait_lane integer)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_count integer := jsonb_array_length(p_events);
  v_lane integer;
  v_seq bigint;
  v_hash text;
  v_doc jsonb;
  v_event security_event;
BEGIN
  IF v_count = 0 THEN RETURN; END IF;
  -- The lanes begin at the first event, not in this migration, so that a database just migrated holds no
  -- rows (a backup is restored only into an empty one). Each lane's genesis is
  -- sha256('samverka-audit-genesis:security-log:<lane>'), as genesisHash() in audit/chain.ts computes it;
  -- `samverka audit verify` recomputes it there, so a difference would show at once.
  IF NOT EXISTS (SELECT 1 FROM security_chain_head) THEN
    INSERT INTO security_chain_head (lane, seq, hash)
    SELECT l, 0, encode(sha256(convert_to('samverka-audit-genesis:security-log:' || l::text, 'UTF8')), 'hex')
    FROM generate_series(0, 7) AS l
    ON CONFLICT DO NOTHING;
  END IF;
  UPDATE security_chain_head h SET seq = h.seq + v_count
  FROM (SELECT c.lane FROM security_chain_head c ORDER BY c.lane LIMIT 1 FOR UPDATE SKIP LOCKED) f
  WHERE h.lane = f.lane
  RETURNING h.lane, h.seq - v_count, h.hash INTO v_lane, v_seq, v_hash;
  IF NOT FOUND THEN
    UPDATE security_chain_head h SET seq = h.seq + v_count
    WHERE h.lane = p_wait_lane
    RETURNING h.lane, h.seq - v_count, h.hash INTO v_lane, v_seq, v_hash;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'security chain lane % missing', p_wait_lane;
    END IF;
  END IF;
  FOR v_doc IN SELECT e.doc FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(doc, n) ORDER BY e.n LOOP
    v_seq := v_seq + 1;
    v_event := jsonb_populate_record(NULL::security_event, v_doc);
    v_event.lane := v_lane;
    v_event.seq := v_seq;
    v_event.prev_hash := v_hash;
    v_event.hash := encode(sha256(convert_to(
      v_hash || E'\n' || (v_doc->>'canonical_head') || v_lane::text || ',' || v_seq::text || (v_doc->>'canonical_tail'), 'UTF8')), 'hex');
    INSERT INTO security_event SELECT v_event.*;
    v_hash := v_event.hash;
  END LOOP;
  UPDATE security_chain_head SET hash = v_hash WHERE lane = v_lane;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_append_security_chain(jsonb, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_append_security_chain(jsonb, integer) TO samverka_app;
--> statement-breakpoint
-- For `samverka audit verify` only: the heads, and one lane's events in order, whole (the hash covers
-- every column). No tenant context applies: the security chain is one chain for all tenants.
CREATE OR REPLACE FUNCTION app_security_chain_heads()
RETURNS TABLE (lane integer, seq bigint, hash text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT h.lane, h.seq, h.hash FROM security_chain_head h ORDER BY h.lane
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_security_chain_heads() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_security_chain_heads() TO samverka_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_security_chain_events(p_lane integer, p_after_seq bigint, p_limit integer)
RETURNS TABLE (lane integer, seq bigint, id uuid, occurred_at text, kind text, outcome text, user_id text, email_key text,
  tenant_ids uuid[], ip text, user_agent text, details jsonb, prev_hash text, hash text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  -- The time as ISO 8601 in UTC with milliseconds, as the canonical text has it, whatever the driver.
  SELECT e.lane, e.seq, e.id, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), e.kind, e.outcome,
         e.user_id, e.email_key, e.tenant_ids, e.ip, e.user_agent, e.details, e.prev_hash, e.hash
  FROM security_event e WHERE e.lane = p_lane AND e.seq > p_after_seq ORDER BY e.seq LIMIT p_limit
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_security_chain_events(integer, bigint, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_security_chain_events(integer, bigint, integer) TO samverka_app;
