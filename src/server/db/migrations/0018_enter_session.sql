-- Issue 12: one round trip to know who is asking. The server checks the session cookie's signature
-- itself (node's crypto); this function then reads the session by its token, refuses an expired one or
-- a deactivated user, renews the expiry at most once per update interval (sliding sessions, as
-- better-auth does), sets the user and tenant context for row-level security and returns the actor,
-- all as the first statement of the request's own transaction. better-auth still owns sign-in,
-- sessions, two-factor and sign-out; only the per-request check moved here. Nothing is cached, so a
-- revoked session, a deactivated user or a withdrawn membership is refused on the very next request.
CREATE OR REPLACE FUNCTION app_enter_session(p_token text, p_expires_in_seconds integer, p_update_age_seconds integer)
RETURNS TABLE (
  user_id text,
  session_id text,
  email text,
  name text,
  locale text,
  two_factor_enabled boolean,
  active_membership_id text,
  auth_method text,
  expires_at timestamp with time zone,
  renewed boolean,
  tenant_id uuid,
  tenant_name text,
  membership_id uuid,
  organisation_id uuid,
  organisation_name text,
  organisation_type text,
  organisation_is_authority boolean,
  role text
)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  s record;
  v_expires timestamp with time zone;
  v_renewed boolean := false;
  v_membership uuid;
  v_tenant uuid;
BEGIN
  SELECT se.id, se.user_id, se.expires_at, se.active_membership_id, se.auth_method,
         u.email, u.name, u.locale, u.two_factor_enabled
    INTO s
    FROM session se JOIN "user" u ON u.id = se.user_id
    WHERE se.token = p_token AND se.expires_at > now() AND u.active;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  v_expires := s.expires_at;
  -- Sliding renewal, like better-auth's getSession: only once the session is update-age old, so at
  -- most one write per interval, never one per request.
  IF s.expires_at - make_interval(secs => p_expires_in_seconds) + make_interval(secs => p_update_age_seconds) <= now() THEN
    v_expires := now() + make_interval(secs => p_expires_in_seconds);
    UPDATE session SET expires_at = v_expires, updated_at = now() WHERE id = s.id;
    v_renewed := true;
  END IF;
  PERFORM set_config('app.user_id', s.user_id, true);
  IF s.active_membership_id ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' THEN
    v_membership := s.active_membership_id::uuid;
    SELECT m.tenant_id INTO v_tenant FROM membership m
      WHERE m.id = v_membership AND m.user_id = s.user_id AND m.active AND m.accepted_at IS NOT NULL;
  END IF;
  PERFORM set_config('app.tenant_id', coalesce(v_tenant::text, ''), true);
  RETURN QUERY
    SELECT s.user_id, s.id, s.email, s.name, s.locale, s.two_factor_enabled, s.active_membership_id, s.auth_method,
           v_expires, v_renewed,
           m.tenant_id, t.name, m.id, o.id, o.name, o.type, o.is_authority, m.role
    FROM (SELECT 1) AS one
    LEFT JOIN membership m ON v_tenant IS NOT NULL AND m.tenant_id = v_tenant AND m.id = v_membership
      AND m.user_id = s.user_id AND m.active AND m.accepted_at IS NOT NULL
    LEFT JOIN organisation o ON o.tenant_id = m.tenant_id AND o.id = m.organisation_id AND o.active
    LEFT JOIN tenant t ON t.id = m.tenant_id;
END $$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_enter_session(text, integer, integer) TO samverka_app;
