-- Issue 12: a scanned consent form belongs to one consent, not to the person. Until now a scan was
-- stored with the person only, so it could be read through, and named as a party's signed form on,
-- any consent of that person. It now carries the consent it was uploaded to (`consent_id`); the person
-- stays beside it (retention asks whether anything is left about a person), and one foreign key over
-- (tenant_id, consent_id, person_id) keeps the two in agreement.
--
-- The rule for the scans already stored, first match wins (`app_consent_for_scan`, kept so the tests
-- can hold the rule to account):
--   1. the consent a party gave on this very form (`consent_party.document_id`): the link the
--      coordinator made; when several did, the one recorded last;
--   2. else the person's consent that was in force when the scan was uploaded: created at or before
--      the upload, not withdrawn by then, and not yet past its last day on the upload's day (Swedish
--      time). Its parties may still have been missing: a form is usually scanned before the party is
--      recorded on it. When several were, the newest;
--   3. else the person's newest consent.
-- A scan of a person with no consent left (retention removed it) keeps no consent: its file is kept,
-- reachable by no route, until retention removes it as an old form that no party names. Every scan
-- uploaded from now on must name its consent (the CHECK is NOT VALID: it binds new rows only).
CREATE FUNCTION app_consent_for_scan(p_tenant uuid, p_person uuid, p_document uuid, p_uploaded_at timestamptz)
RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT p.consent_id FROM consent_party p
       JOIN consent c ON c.tenant_id = p.tenant_id AND c.id = p.consent_id
      WHERE p.tenant_id = p_tenant AND p.document_id = p_document AND c.person_id = p_person
      ORDER BY p.recorded_at DESC, p.consent_id DESC LIMIT 1),
    (SELECT c.id FROM consent c
      WHERE c.tenant_id = p_tenant AND c.person_id = p_person
        AND c.created_at <= p_uploaded_at
        AND (c.withdrawn_at IS NULL OR c.withdrawn_at > p_uploaded_at)
        AND c.valid_to >= (p_uploaded_at AT TIME ZONE 'Europe/Stockholm')::date
      ORDER BY c.created_at DESC, c.id DESC LIMIT 1),
    (SELECT c.id FROM consent c
      WHERE c.tenant_id = p_tenant AND c.person_id = p_person
      ORDER BY c.created_at DESC, c.id DESC LIMIT 1)
  )
$$;
--> statement-breakpoint
ALTER TABLE "consent_document" ADD COLUMN "consent_id" uuid;
--> statement-breakpoint
-- The owner runs migrations; FORCE would hide every row from it, so it is lifted for the backfill.
ALTER TABLE "consent_document" NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "consent" NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "consent_party" NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
UPDATE "consent_document" d SET "consent_id" = app_consent_for_scan(d.tenant_id, d.person_id, d.id, d.uploaded_at);
--> statement-breakpoint
ALTER TABLE "consent_party" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "consent" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "consent_document" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE UNIQUE INDEX "consent_person_key_idx" ON "consent" USING btree ("tenant_id", "id", "person_id");
--> statement-breakpoint
-- A consent removed (by retention) takes its scans with it.
ALTER TABLE "consent_document" ADD CONSTRAINT "consent_document_consent_fk"
  FOREIGN KEY ("tenant_id", "consent_id", "person_id") REFERENCES "consent"("tenant_id", "id", "person_id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "consent_document" ADD CONSTRAINT "consent_document_consent_required" CHECK ("consent_id" IS NOT NULL) NOT VALID;
--> statement-breakpoint
CREATE INDEX "consent_document_consent_idx" ON "consent_document" USING btree ("tenant_id", "consent_id");
