-- Idempotent public submissions (issue 10). The public form sends a submission id it made itself
-- (a UUID, kept until a receipt is shown, sent again on a retry), so that a report committed but
-- never acknowledged (the connection dropped after the commit) does not become a second report when
-- it is sent again: the repeat is answered with the FIRST report's receipt.
--
-- - submission_hash: an HMAC of the tenant and the submission id under the blind-index key, never the
--   id itself. Whoever holds the id gets the receipt back by sending again, so the id is a bearer
--   secret like the receipt, and is stored the same way (modules/concerns/submission-id.ts).
-- - receipt_encrypted: the receipt code, encrypted and bound to the tenant and the row, so that a
--   repeat can be answered with the same code (receipt_hash alone cannot give it back). Only a report
--   with a submission id has one; the CHECK keeps the two together.
-- The unique index per tenant is the one judge of "already stored": a repeat in the same batch, of a
-- committed report, or racing in another transaction, all meet it.
ALTER TABLE "concern" ADD COLUMN "submission_hash" text;
--> statement-breakpoint
ALTER TABLE "concern" ADD COLUMN "receipt_encrypted" text;
--> statement-breakpoint
ALTER TABLE "concern" ADD CONSTRAINT "concern_submission_receipt_check" CHECK (("submission_hash" IS NULL) = ("receipt_encrypted" IS NULL));
--> statement-breakpoint
CREATE UNIQUE INDEX "concern_submission_hash_idx" ON "concern" USING btree ("tenant_id", "submission_hash");
--> statement-breakpoint
-- The return type changes (a count of e-mails becomes {mailed, repeats}), which CREATE OR REPLACE
-- cannot do: the function is dropped and created again, in this migration's transaction.
DROP FUNCTION app_intake_public_batch(uuid, timestamptz, jsonb, jsonb, jsonb, jsonb, integer);
--> statement-breakpoint
-- A batch of public reports to one tenant in ONE statement, and so in one transaction of its own:
-- the tenant's row-level-security context (no user), the reports with their first timeline entry,
-- the notifications and e-mail outbox rows, and the audit events. The caller routed the reports
-- with what it last read of the tenant's routing (p_routes: {person, place}); if that is no longer
-- what the database says, nothing is written and the caller reads the routing again (SQLSTATE
-- SV001). Either everything commits or nothing.
-- p_reports: the concerns' columns; p_notices: as for app_notify_all, each with the `concern_id` it
-- is about, to which this adds, when the tenant's rule asks for it, a notice to the coordinators for
-- each person concern; p_audit: as for app_append_audit_chain.
-- A report whose submission_hash the tenant already has is a repeat: it is not written, and neither
-- its timeline entry, its notices nor its audit event are (a repeat is not a new report).
-- Returns {mailed: e-mails queued, repeats: [{id, first_id, receipt_encrypted}]}: for each report of
-- the batch that was not written (id), the report stored first under its submission id, for the
-- caller to answer with that one's receipt.
CREATE FUNCTION app_intake_public_batch(p_tenant uuid, p_received_at timestamptz, p_routes jsonb,
  p_reports jsonb, p_notices jsonb, p_audit jsonb, p_wait_lane integer)
RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_person uuid;
  v_place uuid;
  v_inserted uuid[];
  v_repeats jsonb := '[]'::jsonb;
  v_coordinators text[];
  v_notices jsonb := p_notices;
  v_audit jsonb := p_audit;
  v_mailed integer;
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true), set_config('app.user_id', '', true);
  v_person := app_receiving_organisation(p_tenant, 'person');
  v_place := app_receiving_organisation(p_tenant, 'place');
  IF v_person IS DISTINCT FROM (p_routes->>'person')::uuid OR v_place IS DISTINCT FROM (p_routes->>'place')::uuid THEN
    RAISE EXCEPTION 'the tenant''s routing has changed' USING ERRCODE = 'SV001';
  END IF;
  -- In submission-hash order, so that two batches racing over the same submissions wait on each
  -- other in the same order and never deadlock.
  WITH inserted AS (
    INSERT INTO concern (tenant_id, id, kind, receipt_hash, submission_hash, receipt_encrypted, receiving_organisation_id,
      language, reporter_role, reporter_organisation_type, reporter_duty_to_report, reporter_association_id,
      reporter_encrypted, subject_encrypted, categories, event_type, description_encrypted, place_encrypted, occurred_on,
      occurred_time, guardians_know, assessment_due_at, decision_due_at, received_at, status_changed_at, updated_at)
    SELECT p_tenant, r.id, r.kind, r.receipt_hash, r.submission_hash, r.receipt_encrypted,
      CASE WHEN r.kind = 'person' THEN v_person ELSE v_place END,
      r.language, r.reporter_role, r.reporter_organisation_type, coalesce(r.reporter_duty_to_report, false),
      r.reporter_association_id, r.reporter_encrypted, r.subject_encrypted, coalesce(r.categories, '{}'), r.event_type,
      r.description_encrypted, r.place_encrypted, r.occurred_on, r.occurred_time, r.guardians_know,
      r.assessment_due_at, r.decision_due_at, p_received_at, p_received_at, p_received_at
    FROM jsonb_to_recordset(p_reports) AS r(id uuid, kind text, receipt_hash text, submission_hash text,
      receipt_encrypted text, language text, reporter_role text, reporter_organisation_type text,
      reporter_duty_to_report boolean, reporter_association_id uuid, reporter_encrypted text, subject_encrypted text,
      categories text[], event_type text, description_encrypted text, place_encrypted text, occurred_on date,
      occurred_time text, guardians_know text, assessment_due_at timestamptz, decision_due_at timestamptz)
    ORDER BY r.submission_hash NULLS LAST
    ON CONFLICT (tenant_id, submission_hash) DO NOTHING
    RETURNING concern.tenant_id, concern.id
  ), timeline AS (
    INSERT INTO concern_event (tenant_id, concern_id, type, occurred_at, details)
    SELECT i.tenant_id, i.id, 'received', p_received_at, jsonb_build_object('channel', 'public') FROM inserted i
  )
  SELECT coalesce(array_agg(i.id), '{}') INTO v_inserted FROM inserted i;
  IF cardinality(v_inserted) < jsonb_array_length(p_reports) THEN
    -- The first report of each repeat, read in a statement of its own: it sees a report that a
    -- concurrent transaction committed while this one waited on the unique index.
    SELECT coalesce(jsonb_agg(jsonb_build_object('id', e.doc->>'id', 'first_id', c.id, 'receipt_encrypted', c.receipt_encrypted)), '[]'::jsonb)
    INTO v_repeats
    FROM jsonb_array_elements(p_reports) AS e(doc)
    LEFT JOIN concern c ON c.tenant_id = p_tenant AND c.submission_hash = e.doc->>'submission_hash'
    WHERE NOT (e.doc->>'id')::uuid = ANY(v_inserted);
    SELECT coalesce(jsonb_agg(e.doc ORDER BY e.n), '[]'::jsonb) INTO v_notices
    FROM jsonb_array_elements(p_notices) WITH ORDINALITY AS e(doc, n)
    WHERE (e.doc->>'concern_id')::uuid = ANY(v_inserted);
    SELECT coalesce(jsonb_agg(e.doc ORDER BY e.n), '[]'::jsonb) INTO v_audit
    FROM jsonb_array_elements(p_audit) WITH ORDINALITY AS e(doc, n)
    WHERE (e.doc->>'resource_id')::uuid = ANY(v_inserted);
  END IF;
  -- The coordinators learn only that a concern reached the intake unit: their link is the start page.
  IF coalesce((SELECT r.notify_coordinator FROM concern_routing_rule r WHERE r.tenant_id = p_tenant AND r.kind = 'person'), false) THEN
    v_coordinators := array(SELECT DISTINCT m.user_id FROM membership m
      JOIN organisation o ON o.tenant_id = m.tenant_id AND o.id = m.organisation_id
      WHERE m.tenant_id = p_tenant AND m.role = 'koordinator' AND m.active AND o.active);
    IF cardinality(v_coordinators) > 0 THEN
      v_notices := v_notices || coalesce((SELECT jsonb_agg(jsonb_build_object('kind', 'concern.received', 'link', '/', 'user_ids', to_jsonb(v_coordinators)))
        FROM jsonb_array_elements(p_reports) AS e(doc) WHERE e.doc->>'kind' = 'person' AND (e.doc->>'id')::uuid = ANY(v_inserted)), '[]'::jsonb);
    END IF;
  END IF;
  v_mailed := app_notify_all(p_tenant, v_notices);
  -- Last, so the audit lane is held only briefly before the commit.
  PERFORM app_append_audit_chain(p_tenant, v_audit, p_wait_lane);
  RETURN jsonb_build_object('mailed', v_mailed, 'repeats', v_repeats);
END $$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_intake_public_batch(uuid, timestamptz, jsonb, jsonb, jsonb, jsonb, integer) TO samverka_app;
