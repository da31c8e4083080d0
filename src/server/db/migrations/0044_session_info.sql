-- GET /api/session in one statement (issue 12 §4). It entered the session (app_enter_session) and then,
-- in a transaction of its own, read the memberships, the invitations and the active organisation: about
-- eight round trips for the page every signed-in screen asks first. This function does all of it in
-- the one call: the session check as every signed-in request makes it (expiry, active user, sliding
-- renewal, the RLS context), then the user's own memberships and invitations through the functions
-- that already answer them. Null when the session is gone, so a revocation holds from the next request.
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
  -- app_enter_session has set app.user_id: both lists are the signed-in user's own, in their own order.
  RETURN jsonb_build_object(
    'session', v_session,
    'memberships', coalesce((SELECT jsonb_agg(to_jsonb(m) ORDER BY m.n) FROM app_my_memberships() WITH ORDINALITY AS m(membership_id, tenant_id, tenant_name, organisation_id, organisation_name, role, n)), '[]'::jsonb),
    'invitations', coalesce((SELECT jsonb_agg(to_jsonb(i) ORDER BY i.n) FROM app_my_invitations() WITH ORDINALITY AS i(membership_id, tenant_id, tenant_name, organisation_id, organisation_name, role, invited_at, n)), '[]'::jsonb)
  );
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_session_info(text, integer, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_session_info(text, integer, integer) TO samverka_app;
