-- The acting organisation (migration 0023) was read before the tenant was entered: the join to
-- `organisation` ran while app.tenant_id was still empty, so row-level security hid the row and
-- app.organisation_id stayed empty for every request. Rows written "for the actor's own organisation"
-- (field reports, issue 13 §6) were then refused, and visibility fell back to "all partners only".
-- Both entry functions now read the membership, enter its tenant, and only then read the organisation.
CREATE OR REPLACE FUNCTION app_enter_membership(p_user_id text, p_membership_id uuid)
RETURNS TABLE (
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
  v_tenant uuid;
  v_organisation uuid;
  v_member_of uuid;
  v_is_authority boolean;
BEGIN
  PERFORM set_config('app.user_id', p_user_id, true);
  SELECT m.tenant_id, m.organisation_id INTO v_tenant, v_member_of FROM membership m
    WHERE m.id = p_membership_id AND m.user_id = p_user_id AND m.active AND m.accepted_at IS NOT NULL;
  PERFORM set_config('app.tenant_id', coalesce(v_tenant::text, ''), true);
  -- Only now does row-level security let the tenant's organisation row be read.
  SELECT o.id, o.is_authority INTO v_organisation, v_is_authority FROM organisation o
    WHERE o.tenant_id = v_tenant AND o.id = v_member_of AND o.active;
  PERFORM set_config('app.organisation_id', coalesce(v_organisation::text, ''), true);
  PERFORM set_config('app.organisation_is_authority', coalesce(v_is_authority, false)::text, true);
  RETURN QUERY
    SELECT m.tenant_id, t.name, m.id, o.id, o.name, o.type, o.is_authority, m.role
    FROM membership m
    JOIN organisation o ON o.tenant_id = m.tenant_id AND o.id = m.organisation_id
    JOIN tenant t ON t.id = m.tenant_id
    WHERE m.id = p_membership_id AND m.user_id = p_user_id AND m.active AND m.accepted_at IS NOT NULL AND o.active;
END $$;
--> statement-breakpoint
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
  v_organisation uuid;
  v_member_of uuid;
  v_is_authority boolean;
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
    SELECT m.tenant_id, m.organisation_id INTO v_tenant, v_member_of FROM membership m
      WHERE m.id = v_membership AND m.user_id = s.user_id AND m.active AND m.accepted_at IS NOT NULL;
  END IF;
  PERFORM set_config('app.tenant_id', coalesce(v_tenant::text, ''), true);
  -- Only now does row-level security let the tenant's organisation row be read.
  IF v_tenant IS NOT NULL THEN
    SELECT o.id, o.is_authority INTO v_organisation, v_is_authority FROM organisation o
      WHERE o.tenant_id = v_tenant AND o.id = v_member_of AND o.active;
  END IF;
  PERFORM set_config('app.organisation_id', coalesce(v_organisation::text, ''), true);
  PERFORM set_config('app.organisation_is_authority', coalesce(v_is_authority, false)::text, true);
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
