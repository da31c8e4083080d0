-- GET /api/session in one statement (issue 12 §4). It entered the session (app_enter_session) and then,
-- in a transaction of its own, read the memberships, the invitations and the active organisation: about
-- eight round trips for the page every signed-in screen asks first. This function does all of it in
-- the one call: the session check as every signed-in request makes it (expiry, active user, sliding
-- renewal, the RLS context), then the user's own memberships and invitations through the functions
-- that already answer them. Null when the session is gone, so a revocation holds from the next request.
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
