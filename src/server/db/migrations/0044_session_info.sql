-- GET /api/session in one statement (issue 12 §4). It entered the session (app_enter_session) and then,
-- in a transaction of its own, read the memberships, the invitations and the active organisation: about
-- eight round trips for the page every signed-in screen asks first. This function does all of it in
-- the one call: the session check as every signed-in request makes it (expiry, active user, sliding
-- renewal, the RLS context), then the user's own memberships and invitations (app_my_membership_lists,
-- below). Null when the session is gone, so a revocation holds from the next request.
-- Also: app_person_read becomes PL/pgSQL (at the end), for the same reason as app_my_membership_lists.

-- The user's own memberships and invitations in every tenant, in one scan and one cached plan. The two
-- functions that answer them one by one (app_my_memberships, app_my_invitations, migration 0013) are
-- SQL functions with a SET clause, which PostgreSQL plans anew at every call: about 0.12 ms each here.
-- SECURITY DEFINER for the same reason as theirs: organisation rows are tenant-scoped. Same rows, same order.
CREATE OR REPLACE FUNCTION app_my_membership_lists()
RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_memberships jsonb;
  v_invitations jsonb;
BEGIN
  SELECT
    coalesce(jsonb_agg(jsonb_build_object('membership_id', m.id, 'tenant_id', m.tenant_id, 'tenant_name', t.name,
        'organisation_id', o.id, 'organisation_name', o.name, 'role', m.role) ORDER BY t.name, o.name, m.role)
      FILTER (WHERE m.accepted_at IS NOT NULL), '[]'::jsonb),
    coalesce(jsonb_agg(jsonb_build_object('membership_id', m.id, 'tenant_id', m.tenant_id, 'tenant_name', t.name,
        'organisation_id', o.id, 'organisation_name', o.name, 'role', m.role, 'invited_at', m.created_at) ORDER BY m.created_at, t.name)
      FILTER (WHERE m.accepted_at IS NULL), '[]'::jsonb)
    INTO v_memberships, v_invitations
  FROM membership m
  JOIN organisation o ON o.tenant_id = m.tenant_id AND o.id = m.organisation_id
  JOIN tenant t ON t.id = m.tenant_id
  WHERE m.user_id = app_current_user() AND m.active AND o.active;
  RETURN jsonb_build_object('memberships', v_memberships, 'invitations', v_invitations);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_my_membership_lists() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_my_membership_lists() TO samverka_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_session_info(p_token text, p_expires_in_seconds integer, p_update_age_seconds integer)
RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_session jsonb;
BEGIN
  SELECT to_jsonb(s) INTO v_session FROM app_enter_session(p_token, p_expires_in_seconds, p_update_age_seconds) AS s;
  IF v_session IS NULL THEN
    RETURN NULL;
  END IF;
  -- app_enter_session has set app.user_id: the lists are the signed-in user's own.
  RETURN app_my_membership_lists() || jsonb_build_object('session', v_session);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_session_info(text, integer, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_session_info(text, integer, integer) TO samverka_app;
--> statement-breakpoint
-- app_person_read (migration 0025) as PL/pgSQL, same query: a SQL function that cannot be inlined is
-- planned anew at every call (0.26 ms here), a PL/pgSQL one keeps its plan per connection (0.04 ms).
CREATE OR REPLACE FUNCTION app_person_read(p_person_id uuid)
RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (
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
  );
END $$;
