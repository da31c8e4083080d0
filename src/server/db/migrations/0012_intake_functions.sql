-- The hot write paths as functions: one round trip each, and PostgreSQL plans their statements once
-- per connection (PL/pgSQL caches its plans) instead of once per call. A batch of public
-- submissions used to spend more time being planned than being written, in seven round trips. All
-- run as the calling role (not SECURITY DEFINER): row-level security applies to them as to any
-- other query.

-- Where a new report goes, for both the intake and the administration page. Without a rule (or
-- when its organisation is deactivated) a fallback decides:
-- - a concern about a person: the tenant's first active social services organisation. Only social
--   services may receive one, whatever a rule says: nobody else sees personal details.
-- - a place report: the organisation of the first EST reporter, else of the first coordinator,
--   else the first social services organisation.
-- PL/pgSQL rather than SQL: a SQL function called from another function is planned at every call.
CREATE OR REPLACE FUNCTION app_receiving_organisation(p_tenant uuid, p_kind text)
RETURNS uuid
LANGUAGE plpgsql STABLE AS $$
BEGIN
  -- One query per kind, each depending on the tenant alone, so that a connection plans each once.
  IF p_kind = 'person' THEN
    RETURN coalesce(
      (SELECT r.organisation_id FROM concern_routing_rule r
        JOIN organisation o ON o.tenant_id = r.tenant_id AND o.id = r.organisation_id
        WHERE r.tenant_id = p_tenant AND r.kind = 'person' AND o.active AND o.type = 'socialtjanst'),
      (SELECT o.id FROM organisation o
        WHERE o.tenant_id = p_tenant AND o.active AND o.type = 'socialtjanst' ORDER BY o.created_at, o.id LIMIT 1));
  END IF;
  RETURN coalesce(
    (SELECT r.organisation_id FROM concern_routing_rule r
      JOIN organisation o ON o.tenant_id = r.tenant_id AND o.id = r.organisation_id
      WHERE r.tenant_id = p_tenant AND r.kind = 'place' AND o.active),
    (SELECT m.organisation_id FROM membership m
      JOIN organisation o ON o.tenant_id = m.tenant_id AND o.id = m.organisation_id
      WHERE m.tenant_id = p_tenant AND m.active AND o.active AND m.role = 'est_rapportor' ORDER BY m.created_at, m.id LIMIT 1),
    (SELECT m.organisation_id FROM membership m
      JOIN organisation o ON o.tenant_id = m.tenant_id AND o.id = m.organisation_id
      WHERE m.tenant_id = p_tenant AND m.active AND o.active AND m.role = 'koordinator' ORDER BY m.created_at, m.id LIMIT 1),
    (SELECT o.id FROM organisation o
      WHERE o.tenant_id = p_tenant AND o.active AND o.type = 'socialtjanst' ORDER BY o.created_at, o.id LIMIT 1));
END $$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_receiving_organisation(uuid, text) TO samverka_app;
--> statement-breakpoint
-- Notifications for several requests of one tenant: recipients resolved, in-app rows and e-mail
-- outbox rows written. Each request: {kind, link, organisation_id?, roles, user_ids}. An
-- organisation's active members in `roles` who have not opted out of its inbox hear of it (by
-- e-mail unless they chose otherwise); users named in `user_ids` who are active members hear of it
-- by e-mail too. Returns how many e-mails were queued.
CREATE OR REPLACE FUNCTION app_notify_all(p_tenant uuid, p_requests jsonb)
RETURNS integer
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_mailed integer;
BEGIN
  WITH request AS (
    SELECT e.idx, e.doc->>'kind' AS kind, e.doc->>'link' AS link, (e.doc->>'organisation_id')::uuid AS organisation_id,
      coalesce(e.doc->'roles', '[]'::jsonb) AS roles, coalesce(e.doc->'user_ids', '[]'::jsonb) AS user_ids
    FROM jsonb_array_elements(p_requests) WITH ORDINALITY AS e(doc, idx)
  ), inbox AS (
    SELECT r.idx, m.user_id, bool_and(coalesce(s.email, true)) AS email
    FROM request r
    JOIN membership m ON m.tenant_id = p_tenant AND m.organisation_id = r.organisation_id AND m.active AND r.roles ? m.role
    JOIN organisation o ON o.tenant_id = m.tenant_id AND o.id = m.organisation_id AND o.active
    JOIN "user" u ON u.id = m.user_id AND u.active
    LEFT JOIN inbox_subscription s ON s.tenant_id = m.tenant_id AND s.organisation_id = m.organisation_id AND s.user_id = m.user_id
    WHERE coalesce(s.subscribed, true)
    GROUP BY r.idx, m.user_id
  ), named AS (
    SELECT DISTINCT r.idx, m.user_id, true AS email
    FROM request r
    JOIN membership m ON m.tenant_id = p_tenant AND m.active AND r.user_ids ? m.user_id
    JOIN "user" u ON u.id = m.user_id AND u.active
  ), recipient AS (
    SELECT x.idx, x.user_id, bool_or(x.email) AS email FROM (SELECT * FROM inbox UNION ALL SELECT * FROM named) x GROUP BY x.idx, x.user_id
  ), in_app AS (
    INSERT INTO notification (tenant_id, user_id, kind, link)
    SELECT p_tenant, x.user_id, r.kind, r.link FROM recipient x JOIN request r ON r.idx = x.idx
  ), mail AS (
    INSERT INTO email_outbox (tenant_id, user_id, kind, link)
    SELECT p_tenant, x.user_id, r.kind, r.link FROM recipient x JOIN request r ON r.idx = x.idx WHERE x.email
    RETURNING 1
  )
  SELECT count(*) INTO v_mailed FROM mail;
  RETURN v_mailed;
END $$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_notify_all(uuid, jsonb) TO samverka_app;
--> statement-breakpoint
-- Appends events to one of the tenant's audit chains, in the order given, in one statement: takes a
-- free lane (SKIP LOCKED; only when every lane is busy does it wait for p_wait_lane, which the
-- caller draws at random), reserves the sequence numbers, chains the hashes, writes the events and
-- moves the lane's head. The caller (audit/append.ts) builds each event's canonical text around the
-- two numbers known only here, so that audit/chain.ts stays the one definition of the hash:
--   hash = sha256(prev_hash || '\n' || canonical_head || lane || ',' || seq || canonical_tail)
CREATE OR REPLACE FUNCTION app_append_audit_chain(p_tenant uuid, p_events jsonb, p_wait_lane integer)
RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_count integer := jsonb_array_length(p_events);
  v_lane integer;
  v_seq bigint;
  v_hash text;
  v_doc jsonb;
  v_event audit_event;
BEGIN
  IF v_count = 0 THEN RETURN; END IF;
  UPDATE audit_chain_head h SET seq = h.seq + v_count
  FROM (SELECT c.lane FROM audit_chain_head c WHERE c.tenant_id = p_tenant ORDER BY c.lane LIMIT 1 FOR UPDATE SKIP LOCKED) f
  WHERE h.tenant_id = p_tenant AND h.lane = f.lane
  RETURNING h.lane, h.seq - v_count, h.hash INTO v_lane, v_seq, v_hash;
  IF NOT FOUND THEN
    UPDATE audit_chain_head h SET seq = h.seq + v_count
    WHERE h.tenant_id = p_tenant AND h.lane = p_wait_lane
    RETURNING h.lane, h.seq - v_count, h.hash INTO v_lane, v_seq, v_hash;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'audit chains missing for tenant %', p_tenant;
    END IF;
  END IF;
  FOR v_doc IN SELECT e.doc FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(doc, n) ORDER BY e.n LOOP
    v_seq := v_seq + 1;
    v_event := jsonb_populate_record(NULL::audit_event, v_doc);
    v_event.tenant_id := p_tenant;
    v_event.lane := v_lane;
    v_event.seq := v_seq;
    v_event.prev_hash := v_hash;
    v_event.hash := encode(sha256(convert_to(
      v_hash || E'\n' || (v_doc->>'canonical_head') || v_lane::text || ',' || v_seq::text || (v_doc->>'canonical_tail'), 'UTF8')), 'hex');
    INSERT INTO audit_event SELECT v_event.*;
    v_hash := v_event.hash;
  END LOOP;
  UPDATE audit_chain_head SET hash = v_hash WHERE tenant_id = p_tenant AND lane = v_lane;
END $$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_append_audit_chain(uuid, jsonb, integer) TO samverka_app;
--> statement-breakpoint
-- A batch of public reports to one tenant in ONE statement, and so in one transaction of its own:
-- the tenant's row-level-security context (no user), the reports with their first timeline entry,
-- the notifications and e-mail outbox rows, and the audit events. The caller routed the reports
-- with what it last read of the tenant's routing (p_routes: {person, place}); if that is no longer
-- what the database says, nothing is written and the caller reads the routing again (SQLSTATE
-- SV001). Either everything commits or nothing. Returns how many e-mails were queued.
-- p_reports: the concerns' columns; p_notices: as for app_notify_all, to which this adds, when the
-- tenant's rule asks for it, a notice to the coordinators for each person concern; p_audit: as for
-- app_append_audit_chain.
CREATE OR REPLACE FUNCTION app_intake_public_batch(p_tenant uuid, p_received_at timestamptz, p_routes jsonb,
  p_reports jsonb, p_notices jsonb, p_audit jsonb, p_wait_lane integer)
RETURNS integer
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_person uuid;
  v_place uuid;
  v_coordinators text[];
  v_notices jsonb := p_notices;
  v_mailed integer;
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true), set_config('app.user_id', '', true);
  v_person := app_receiving_organisation(p_tenant, 'person');
  v_place := app_receiving_organisation(p_tenant, 'place');
  IF v_person IS DISTINCT FROM (p_routes->>'person')::uuid OR v_place IS DISTINCT FROM (p_routes->>'place')::uuid THEN
    RAISE EXCEPTION 'the tenant''s routing has changed' USING ERRCODE = 'SV001';
  END IF;
  WITH inserted AS (
    INSERT INTO concern (tenant_id, id, kind, receipt_hash, receiving_organisation_id, language, reporter_role,
      reporter_organisation_type, reporter_duty_to_report, reporter_association_id, reporter_encrypted, subject_encrypted,
      categories, event_type, description_encrypted, place_encrypted, occurred_on, occurred_time, guardians_know,
      assessment_due_at, decision_due_at, received_at, status_changed_at, updated_at)
    SELECT p_tenant, r.id, r.kind, r.receipt_hash, CASE WHEN r.kind = 'person' THEN v_person ELSE v_place END,
      r.language, r.reporter_role, r.reporter_organisation_type, coalesce(r.reporter_duty_to_report, false),
      r.reporter_association_id, r.reporter_encrypted, r.subject_encrypted, coalesce(r.categories, '{}'), r.event_type,
      r.description_encrypted, r.place_encrypted, r.occurred_on, r.occurred_time, r.guardians_know,
      r.assessment_due_at, r.decision_due_at, p_received_at, p_received_at, p_received_at
    FROM jsonb_to_recordset(p_reports) AS r(id uuid, kind text, receipt_hash text, language text, reporter_role text,
      reporter_organisation_type text, reporter_duty_to_report boolean, reporter_association_id uuid,
      reporter_encrypted text, subject_encrypted text, categories text[], event_type text, description_encrypted text,
      place_encrypted text, occurred_on date, occurred_time text, guardians_know text,
      assessment_due_at timestamptz, decision_due_at timestamptz)
    RETURNING concern.tenant_id, concern.id
  )
  INSERT INTO concern_event (tenant_id, concern_id, type, occurred_at, details)
  SELECT i.tenant_id, i.id, 'received', p_received_at, jsonb_build_object('channel', 'public') FROM inserted i;
  -- The coordinators learn only that a concern reached the intake unit: their link is the start page.
  IF coalesce((SELECT r.notify_coordinator FROM concern_routing_rule r WHERE r.tenant_id = p_tenant AND r.kind = 'person'), false) THEN
    v_coordinators := array(SELECT DISTINCT m.user_id FROM membership m
      JOIN organisation o ON o.tenant_id = m.tenant_id AND o.id = m.organisation_id
      WHERE m.tenant_id = p_tenant AND m.role = 'koordinator' AND m.active AND o.active);
    IF cardinality(v_coordinators) > 0 THEN
      v_notices := v_notices || coalesce((SELECT jsonb_agg(jsonb_build_object('kind', 'concern.received', 'link', '/', 'user_ids', to_jsonb(v_coordinators)))
        FROM jsonb_array_elements(p_reports) AS e(doc) WHERE e.doc->>'kind' = 'person'), '[]'::jsonb);
    END IF;
  END IF;
  v_mailed := app_notify_all(p_tenant, v_notices);
  -- Last, so the audit lane is held only briefly before the commit.
  PERFORM app_append_audit_chain(p_tenant, p_audit, p_wait_lane);
  RETURN v_mailed;
END $$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_intake_public_batch(uuid, timestamptz, jsonb, jsonb, jsonb, jsonb, integer) TO samverka_app;
