-- Issue 12 §6, three decisions: new-report mails coalesce per subscriber, retention waits for an
-- administrator's confirmation of the periods, and audit events are purged after a tenant's period
-- with the chains verified from the purge point.

-- 1. E-mail under a flood. While a "new reports in the inbox" mail waits for a subscriber, the next
-- report adds to its count instead of queueing a second mail. `claimed_count` is what the sender
-- took when it claimed the row: what arrives while the mail is on its way stays pending (outbox-sender.ts).
ALTER TABLE "email_outbox" ADD COLUMN "count" integer DEFAULT 1 NOT NULL;
--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "claimed_count" integer;
--> statement-breakpoint
-- A link several reports share: itself, else the page above them all (`/mottagning/<id>` → `/mottagning`), else the start page.
CREATE OR REPLACE FUNCTION app_link_parent(p_link text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce(nullif(regexp_replace(p_link, '/[^/]*$', ''), ''), '/') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_coalesced_link(p_a text, p_b text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_a = p_b THEN p_a WHEN app_link_parent(p_a) = app_link_parent(p_b) THEN app_link_parent(p_a) ELSE '/' END
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_link_parent(text), app_coalesced_link(text, text) TO samverka_app;
--> statement-breakpoint
-- Mails already waiting become one per subscriber and kind. The owner runs migrations; FORCE would
-- hide every row from it, so it is lifted for these statements.
ALTER TABLE "email_outbox" NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
WITH waiting AS (
  SELECT tenant_id, user_id, kind, count(*)::integer AS total,
    (array_agg(id ORDER BY created_at, id))[1] AS first_id,
    CASE WHEN count(DISTINCT link) = 1 THEN min(link) WHEN count(DISTINCT app_link_parent(link)) = 1 THEN min(app_link_parent(link)) ELSE '/' END AS link
  FROM "email_outbox"
  WHERE status = 'pending' AND kind IN ('concern.received', 'place_report.received')
  GROUP BY tenant_id, user_id, kind
  HAVING count(*) > 1
)
UPDATE "email_outbox" o SET "count" = w.total, link = w.link
FROM waiting w WHERE o.tenant_id = w.tenant_id AND o.id = w.first_id;
--> statement-breakpoint
DELETE FROM "email_outbox" o
USING (
  SELECT tenant_id, id, row_number() OVER (PARTITION BY tenant_id, user_id, kind ORDER BY created_at, id) AS n
  FROM "email_outbox" WHERE status = 'pending' AND kind IN ('concern.received', 'place_report.received')
) w
WHERE o.tenant_id = w.tenant_id AND o.id = w.id AND w.n > 1;
--> statement-breakpoint
ALTER TABLE "email_outbox" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE UNIQUE INDEX "email_outbox_waiting_report_idx" ON "email_outbox" USING btree ("tenant_id", "user_id", "kind")
  WHERE status = 'pending' AND kind IN ('concern.received', 'place_report.received');
--> statement-breakpoint
-- As in migration 0012, except that the new-report kinds are upserted into the subscriber's waiting
-- mail (one row per subscriber and kind, its count the number of reports). The in-app rows stay one
-- per report: each links to its own report, and they cost no mail.
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
  ), mail_row AS (
    SELECT x.user_id, r.kind, r.link, r.kind IN ('concern.received', 'place_report.received') AS coalesced
    FROM recipient x JOIN request r ON r.idx = x.idx WHERE x.email
  ), single AS (
    INSERT INTO email_outbox (tenant_id, user_id, kind, link)
    SELECT p_tenant, m.user_id, m.kind, m.link FROM mail_row m WHERE NOT m.coalesced
    RETURNING 1
  ), grouped AS (
    -- One row per subscriber and kind first: an upsert may not touch one row twice in a statement.
    SELECT m.user_id, m.kind, count(*)::integer AS n,
      CASE WHEN count(DISTINCT m.link) = 1 THEN min(m.link)
        WHEN count(DISTINCT app_link_parent(m.link)) = 1 THEN min(app_link_parent(m.link)) ELSE '/' END AS link
    FROM mail_row m WHERE m.coalesced GROUP BY m.user_id, m.kind
  ), coalesced AS (
    INSERT INTO email_outbox AS o (tenant_id, user_id, kind, link, count)
    SELECT p_tenant, g.user_id, g.kind, g.link, g.n FROM grouped g
    ON CONFLICT (tenant_id, user_id, kind) WHERE status = 'pending' AND kind IN ('concern.received', 'place_report.received')
    DO UPDATE SET count = o.count + excluded.count, link = app_coalesced_link(o.link, excluded.link)
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM single) + (SELECT count(*) FROM coalesced) INTO v_mailed;
  RETURN v_mailed;
END $$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_notify_all(uuid, jsonb) TO samverka_app;
--> statement-breakpoint
-- 2. Retention before review: who confirmed the periods, and when (null: not yet, and the nightly
-- job only does dry runs). Changing a period clears it. And the audit log's own period.
ALTER TABLE "sspf_setting" ADD COLUMN "retention_confirmed_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "sspf_setting" ADD COLUMN "retention_confirmed_by" text;
--> statement-breakpoint
ALTER TABLE "sspf_setting" ADD COLUMN "audit_retention_years" integer DEFAULT 10 NOT NULL;
--> statement-breakpoint
ALTER TABLE "sspf_setting" ADD CONSTRAINT "sspf_setting_audit_retention_years_check" CHECK ("audit_retention_years" BETWEEN 2 AND 50);
--> statement-breakpoint
-- 3. Audit log retention. Per tenant and lane, the last purged event: its sequence number and hash,
-- from which verification starts (audit/verify.ts). Written by the purge alone, as the owner
-- (audit/purge.ts); the application role may read it.
CREATE TABLE "audit_purge_point" (
	"tenant_id" uuid NOT NULL REFERENCES "tenant"("id"),
	"lane" integer NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"purged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_purge_point_pk" PRIMARY KEY ("tenant_id", "lane")
);
--> statement-breakpoint
ALTER TABLE "audit_purge_point" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "audit_purge_point" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "audit_purge_point"
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT ON "audit_purge_point" TO samverka_app;
--> statement-breakpoint
-- The newest purge record of a tenant, which verification compares with the purge points.
CREATE INDEX "audit_event_tenant_purge_idx" ON "audit_event" USING btree ("tenant_id", "occurred_at") WHERE action = 'audit.purge';
--> statement-breakpoint
-- Still append-only. The one exception: a DELETE by a role other than the application's, in a
-- transaction that declared itself the purge (app.audit_purge), of an event at or before its lane's
-- recorded purge point. The application role has no DELETE privilege at all.
CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_user <> 'samverka_app' AND current_setting('app.audit_purge', true) = 'on'
    AND OLD.seq <= (SELECT p.seq FROM audit_purge_point p WHERE p.tenant_id = OLD.tenant_id AND p.lane = OLD.lane) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
