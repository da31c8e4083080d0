-- Issue 12 §2 and §3: the signed-in read path in fewer round trips, and flat at scale.
--
-- app_person_read: everything the person page needs from the database in one statement, under the
-- row-level-security context the request's app_enter_session set a statement earlier (it runs as
-- the calling role: RLS applies as to any query). The server still decides with can() what of it
-- the actor sees, and appends the audit event of what it showed before the transaction commits.
-- Returns null when the person does not exist or is not the current tenant's.
CREATE OR REPLACE FUNCTION app_person_read(p_person_id uuid)
RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'person', jsonb_build_object(
      'tenant_id', p.tenant_id, 'id', p.id,
      'identity_number_encrypted', p.identity_number_encrypted, 'identity_number_index', p.identity_number_index,
      'first_name', p.first_name, 'last_name', p.last_name, 'birth_date', p.birth_date,
      'school_id', p.school_id, 'protected_identity', p.protected_identity,
      'created_at', p.created_at, 'updated_at', p.updated_at),
    'guardians', coalesce((
      SELECT jsonb_agg(jsonb_build_object(
               'tenant_id', g.tenant_id, 'id', g.id, 'first_name', g.first_name, 'last_name', g.last_name,
               'birth_date', g.birth_date, 'school_id', g.school_id, 'protected_identity', g.protected_identity)
             ORDER BY g.last_name, g.first_name)
        FROM person_guardian pg JOIN person g ON g.tenant_id = pg.tenant_id AND g.id = pg.guardian_id
        WHERE pg.tenant_id = p.tenant_id AND pg.child_id = p.id), '[]'::jsonb),
    'school_name', (SELECT o.name FROM organisation o WHERE o.tenant_id = p.tenant_id AND o.id = p.school_id))
  FROM person p
  WHERE p.tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid AND p.id = p_person_id
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_person_read(uuid) TO samverka_app;
--> statement-breakpoint
-- "Who has read about this child?": a person's events newest first, in the keyset order of the
-- log's pages, straight from the index at any size of the log. It covers the (tenant, person) prefix
-- of the index it replaces, so every audit insert maintains one index less.
CREATE INDEX IF NOT EXISTS "audit_event_tenant_person_time_idx" ON "audit_event" USING btree ("tenant_id", "person_id", "occurred_at" DESC, "lane" DESC, "seq" DESC);
--> statement-breakpoint
DROP INDEX IF EXISTS "audit_event_tenant_person_idx";
--> statement-breakpoint
-- The inbox holds the open reports: their first page and count come from the open ones only,
-- however many closed reports the channel has kept.
CREATE INDEX IF NOT EXISTS "concern_tenant_open_inbox_idx" ON "concern" USING btree ("tenant_id", "receiving_organisation_id", "received_at" DESC) WHERE "status" <> 'avslutad';
--> statement-breakpoint
-- A coordinator's case list: the cases they direct, newest change first.
CREATE INDEX IF NOT EXISTS "sspf_case_director_idx" ON "sspf_case" USING btree ("tenant_id", "director_user_id", "updated_at" DESC);
